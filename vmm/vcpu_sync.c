/* vcpu_sync.c — how a vCPU thread waits without burning CPU and how it is woken: the
 * doorbell (a futex word the UI bumps), the kick (a signal that makes KVM_RUN return at
 * once, via immediate_exit), and the notify eventfd that wakes the UI. No KVM_RUN here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "vcpu.h"

#define VCPU_KICK_SIGNAL SIGUSR1

/* The kvm_run of the vCPU running on this thread, for the kick handler. */
__thread struct kvm_run *vcpu_tls_run;

static void kick_handler(int sig)
{
	(void)sig;
	/* KVM_RUN returns EINTR now, or at once if we are not inside it yet. */
	if (vcpu_tls_run)
		vcpu_tls_run->immediate_exit = 1;
}

void vcpu_install_kick_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kick_handler; /* no SA_RESTART: waits return EINTR and re-check */
	sigemptyset(&sa.sa_mask);
	sigaction(VCPU_KICK_SIGNAL, &sa, NULL);
}

uint64_t vcpu_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void notify_signal(struct notify *n)
{
	if (atomic_exchange(&n->armed, false)) {
		uint64_t one = 1;
		ssize_t w = write(n->fd, &one, sizeof(one));
		(void)w; /* an eventfd write only fails when the counter would overflow */
	}
}

/* ---- waiting without burning CPU ---- */

void vcpu_ring_doorbell(struct vcpu *v)
{
	atomic_fetch_add(&v->doorbell, 1);
	if (atomic_load(&v->sleeping))
		syscall(SYS_futex, &v->doorbell, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

void vcpu_kick(struct vcpu *v)
{
	vcpu_ring_doorbell(v);
	if (v->started && atomic_load(&v->state) < VMM_STATE_HALTED)
		pthread_kill(v->thread, VCPU_KICK_SIGNAL);
}

bool vcpu_wait(struct vcpu *v, vcpu_wait_cond *cond, uint64_t deadline_ns)
{
	uint64_t t0 = vcpu_now_ns();
	bool ok = true;
	for (;;) {
		atomic_store(&v->sleeping, 1);
		/* seq_cst: the store above is ordered before this load, pairing with the
		 * fetch_add-then-load in vcpu_ring_doorbell (no lost wake-up). */
		uint32_t seen = atomic_load(&v->doorbell);
		if (atomic_load(&v->want_stop)) {
			ok = false;
			break;
		}
		if (cond(v))
			break;
		struct timespec ts, *tsp = NULL;
		if (deadline_ns) {
			uint64_t now = vcpu_now_ns();
			if (now >= deadline_ns)
				break;
			ts.tv_sec = (time_t)((deadline_ns - now) / 1000000000ULL);
			ts.tv_nsec = (long)((deadline_ns - now) % 1000000000ULL);
			tsp = &ts;
		}
		syscall(SYS_futex, &v->doorbell, FUTEX_WAIT_PRIVATE, seen, tsp, NULL, 0);
	}
	atomic_store(&v->sleeping, 0);
	v->stats.ns_wait += vcpu_now_ns() - t0;
	return ok;
}
