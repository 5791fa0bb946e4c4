/* vcpu_sync.c — how a vCPU thread waits without burning CPU and how it is woken: the
 * doorbell (a futex word the UI bumps), the kick (a signal that makes KVM_RUN return at
 * once, via immediate_exit), the vCPU's own refresh timer (the same signal, so a guest
 * that never exits still gets a fresh snapshot now and then), and the notify eventfd that
 * wakes the UI. Posting a command is here too: mailbox, doorbell, kick. No KVM_RUN here.
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

uint64_t vmm_clock_ns(void)
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

/* ---- the UI's side: post a command, wake the vCPU ---- */

void vcpu_ring_doorbell(struct vcpu *v)
{
	atomic_fetch_add(&v->doorbell, 1);
	if (atomic_load(&v->sleeping))
		syscall(SYS_futex, &v->doorbell, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

int vcpu_command(struct vcpu *v, enum vcpu_cmd_kind kind, uint32_t arg)
{
	if (vmm_state_ended((enum vmm_run_state)atomic_load(&v->state)))
		return -EINVAL;
	if (!mailbox_post(&v->mailbox, (struct vcpu_cmd){ kind, arg }))
		return -EAGAIN;
	/* After the post: a vCPU that looked at an empty mailbox before entering KVM_RUN
	 * is interrupted by this signal (vcpu_enter's ordering note). */
	vcpu_ring_doorbell(v);
	if (v->started && !atomic_load(&v->ended))
		pthread_kill(v->thread, VCPU_KICK_SIGNAL);
	return 0;
}

/* ---- the vCPU's side: sleep until there is something to do ---- */

void vcpu_wait(struct vcpu *v, vcpu_wait_cond *cond, uint64_t deadline_ns)
{
	/* A command changed what the UI should see, but not the state: show it before
	 * sleeping (a step asked for while waiting for a key says "the step waits too"). */
	if (v->dirty)
		vcpu_publish(v);
	uint64_t t0 = vmm_clock_ns();
	for (;;) {
		atomic_store(&v->sleeping, 1);
		/* seq_cst: the store above is ordered before this load, pairing with the
		 * fetch_add-then-load in vcpu_ring_doorbell (no lost wake-up). */
		uint32_t seen = atomic_load(&v->doorbell);
		if (!mailbox_empty(&v->mailbox) || (cond && cond(v)))
			break;
		struct timespec ts, *tsp = NULL;
		if (deadline_ns) {
			uint64_t now = vmm_clock_ns();
			if (now >= deadline_ns)
				break;
			ts.tv_sec = (time_t)((deadline_ns - now) / 1000000000ULL);
			ts.tv_nsec = (long)((deadline_ns - now) % 1000000000ULL);
			tsp = &ts;
		}
		/* EINTR (a kick, the refresh timer) and EAGAIN (the doorbell moved): look again */
		syscall(SYS_futex, &v->doorbell, FUTEX_WAIT_PRIVATE, seen, tsp, NULL, 0);
	}
	atomic_store(&v->sleeping, 0);
	v->stats.ns_wait += vmm_clock_ns() - t0;
}

/* ---- the refresh timer: every VCPU_REFRESH_NS, a kick to this thread only ---- */

int vcpu_refresh_timer_start(struct vcpu *v)
{
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = VCPU_KICK_SIGNAL;
	sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &sev, &v->refresh_timer) < 0)
		return -errno; /* snapshots then come with exits only: the panel says "stale" */
	struct itimerspec it = {
		.it_interval = { 0, (long)VCPU_REFRESH_NS },
		.it_value = { 0, (long)VCPU_REFRESH_NS },
	};
	if (timer_settime(v->refresh_timer, 0, &it, NULL) < 0) {
		int e = errno;
		timer_delete(v->refresh_timer);
		return -e;
	}
	v->have_timer = true;
	return 0;
}

void vcpu_refresh_timer_stop(struct vcpu *v)
{
	if (v->have_timer)
		timer_delete(v->refresh_timer);
	v->have_timer = false;
}
