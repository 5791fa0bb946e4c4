/* vcpu.c — the life of one vCPU thread: a small state machine (running, paused,
 * stepping, waiting, finished) around KVM_RUN. Commands arrive as flags plus a doorbell
 * and a signal kick (Firecracker, kvmtool; the mechanics are in vcpu_sync.c). Exit
 * meaning is exit.c's; snapshots are filled by vcpu_publish.c; mode set-up happened
 * before the thread started (vmm.c).
 */
#define _GNU_SOURCE
#include "vcpu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "hypercall.h"
#include "modes.h"
#include "stats.h"

static bool has_input(struct vcpu *v)
{
	return !ring_empty(&v->in) || atomic_load(&v->in_closed);
}

static bool has_output_space(struct vcpu *v)
{
	return ring_count(&v->out) < ring_capacity(&v->out);
}

static bool has_command(struct vcpu *v)
{
	return atomic_load(&v->want_pause) || atomic_load(&v->step_requests) != v->steps_done;
}

/* Wake for a key, or for a pause (a pending step waits for the key it needs). */
static bool input_or_pause(struct vcpu *v)
{
	return has_input(v) || (atomic_load(&v->want_pause) &&
				atomic_load(&v->step_requests) == v->steps_done);
}

static bool resumed_or_stepped(struct vcpu *v)
{
	return !atomic_load(&v->want_pause) || atomic_load(&v->step_requests) != v->steps_done;
}

/* ---- the queues as exit.c sees them ---- */

static bool io_put(void *ctx, uint8_t byte)
{
	struct vcpu *v = ctx;
	if (ring_push(&v->out, &byte, 1) != 1)
		return false;
	v->stats.out_bytes++;
	notify_signal(v->notify);
	return true;
}

static int io_get(void *ctx)
{
	struct vcpu *v = ctx;
	uint8_t byte;
	if (ring_pop(&v->in, &byte, 1) == 1) {
		v->stats.in_bytes++;
		return byte;
	}
	/* acquire of in_closed after an empty ring: bytes pushed before the close were seen */
	if (atomic_load(&v->in_closed))
		return ring_pop(&v->in, &byte, 1) == 1 ? byte : HC_EOF;
	return -1;
}

static bool io_ready(void *ctx)
{
	return has_input(ctx);
}

/* ---- state changes ---- */

void vcpu_set_state(struct vcpu *v, enum vmm_run_state s)
{
	/* Called once per exit with an unchanged state: a plain load keeps it cheap. */
	int old = atomic_load(&v->state);
	if (old == (int)s)
		return;
	atomic_store(&v->state, (int)s); /* only this thread writes the state */
	/* Starting to run needs no snapshot of its own: the first exit publishes (the last
	 * publish is long ago), and the guest's first byte is not kept waiting for it. */
	if (old == VMM_STATE_CREATED && s == VMM_STATE_RUNNING)
		return;
	vcpu_publish(v);
}

static void vcpu_finish(struct vcpu *v, enum vmm_run_state s, const char *why)
{
	if (why) {
		struct error_ctx ctx = { v->index, v->guest, v->error };
		error_text(&ctx, 0, "%s", why);
	}
	vcpu_set_state(v, s);
}

static int set_single_step(struct vcpu *v, bool on)
{
	if (v->debug_on == on)
		return 0;
	struct kvm_guest_debug dbg = { .control = on ? KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP : 0 };
	struct error_ctx ctx = { v->index, v->guest, v->error };
	int r = KVM_CALL(&ctx, v->fd, KVM_SET_GUEST_DEBUG, &dbg);
	if (r == 0)
		v->debug_on = on;
	return r;
}

/* After an I/O or MMIO exit the instruction finishes only inside the next KVM_RUN.
 * Before pausing, finish it without running more guest code (immediate_exit), so the
 * registers shown are those after the instruction. */
static void complete_pending_io(struct vcpu *v)
{
	if (!v->io_pending)
		return;
	v->run->immediate_exit = 1;
	int r = ioctl(v->fd, KVM_RUN, 0);
	(void)r; /* EINTR (or a DEBUG exit while stepping): the instruction has completed */
	v->run->immediate_exit = 0;
	v->io_pending = false;
}

/* ---- one exit ---- */

static void throttle(struct vcpu *v, uint64_t now)
{
	unsigned rate = atomic_load(&v->exit_rate);
	if (!rate || v->debug_on)
		return;
	uint64_t gap = 1000000000ULL / rate;
	v->next_slot_ns = (v->next_slot_ns > now ? v->next_slot_ns : now) + gap;
	if (v->next_slot_ns > now + gap)
		v->next_slot_ns = now + gap; /* do not bank time while blocked */
	vcpu_wait(v, has_command, v->next_slot_ns);
}

static void handle_exit(struct vcpu *v, uint64_t t_exit)
{
	struct exit_io io = { v, io_put, io_get, io_ready, v->vm_index, v->vm_vcpus };
	struct exit_result res;
	uint64_t waited = v->stats.ns_wait;

	stats_count_exit(&v->stats, v->last_exit_ns, t_exit);
	for (;;) {
		exit_handle(&v->dev, &io, v->run, &res);
		if (res.action == ACT_WAIT_INPUT) {
			vcpu_set_state(v, VMM_STATE_WAITING);
			if (!vcpu_wait(v, input_or_pause, 0))
				break;
			/* Paused while waiting for a key: the IN stays pending until resumed (or
			 * stepped, which goes back to waiting for the key it needs). */
			if (!has_input(v) && atomic_load(&v->want_pause) &&
			    atomic_load(&v->step_requests) == v->steps_done) {
				vcpu_set_state(v, VMM_STATE_PAUSED);
				if (!vcpu_wait(v, resumed_or_stepped, 0))
					break;
			}
			continue;
		} else if (res.action == ACT_WAIT_OUTPUT) {
			vcpu_set_state(v, VMM_STATE_BLOCKED);
			if (!vcpu_wait(v, has_output_space, 0))
				break;
		} else {
			break;
		}
		vcpu_set_state(v, VMM_STATE_RUNNING);
	}
	stats_count_reason(&v->stats, res.reason, res.hypercall);
	memcpy(v->last_exit, res.text, sizeof(v->last_exit));
	v->io_pending = v->run->exit_reason == KVM_EXIT_IO || v->run->exit_reason == KVM_EXIT_MMIO;

	if (res.action == ACT_WAIT_INPUT || res.action == ACT_WAIT_OUTPUT)
		return; /* a stop arrived while waiting; the loop ends the vCPU */
	if (res.action == ACT_HALT)
		vcpu_finish(v, VMM_STATE_HALTED, NULL);
	else if (res.action == ACT_EXIT)
		vcpu_finish(v, VMM_STATE_EXITED, NULL);
	else if (res.action == ACT_FAULT)
		vcpu_finish(v, VMM_STATE_FAULTED, res.error);
	uint64_t now = vcpu_now_ns();
	v->stats.ns_vmm += (now - t_exit) - (v->stats.ns_wait - waited);
	if (atomic_load(&v->state) < VMM_STATE_HALTED)
		throttle(v, now);
	/* The next round trip starts now, less any time spent waiting here. */
	v->last_exit_ns = t_exit + (v->stats.ns_wait - waited);
}

/* Enter the guest once. Returns after one exit has been handled; false if KVM_RUN was
 * cut short by a kick (EINTR) before the guest ran to an exit. */
static bool run_once(struct vcpu *v, bool step)
{
	struct error_ctx ctx = { v->index, v->guest, v->error };
	if (set_single_step(v, step) < 0) {
		vcpu_set_state(v, VMM_STATE_FAULTED);
		return true;
	}
	v->run->kvm_valid_regs = KVM_SYNC_X86_REGS;
	v->run->immediate_exit = 0;
	/* After clearing immediate_exit: a kick from now on makes KVM_RUN return at once. */
	if (!step && (atomic_load(&v->want_pause) || atomic_load(&v->want_stop)))
		return false;
	uint64_t t0 = vcpu_now_ns();
	int r = ioctl(v->fd, KVM_RUN, 0);
	int err = errno;
	uint64_t t1 = vcpu_now_ns();
	v->stats.ns_guest += t1 - t0;
	v->io_pending = false;
	if (r < 0 && (err == EINTR || err == EAGAIN)) {
		v->stats.by_reason[VMM_EXIT_KICK]++;
		v->last_exit_ns = 0;
		if (t1 - atomic_load(&v->published_ns) >= VCPU_PUBLISH_NS)
			vcpu_publish(v);
		return false;
	}
	if (r < 0) {
		error_errno(&ctx, "KVM_RUN", err);
		vcpu_set_state(v, VMM_STATE_FAULTED);
		return true;
	}
	handle_exit(v, t1);
	if (atomic_load(&v->state) < VMM_STATE_HALTED &&
	    t1 - atomic_load(&v->published_ns) >= VCPU_PUBLISH_NS)
		vcpu_publish(v);
	return true;
}

/* Long mode, CPL 3: on kvm-pvm this code runs natively and the CPU does not trap
 * after one instruction (HOST-KVM section 6). */
static bool in_native_user_code(struct vcpu *v)
{
	struct kvm_sregs sregs;
	return v->native_user && ioctl(v->fd, KVM_GET_SREGS, &sregs) == 0 &&
	       (sregs.efer & EFER_LMA) && sregs.cs.l && sregs.cs.dpl == 3;
}

static void step_once(struct vcpu *v)
{
	v->steps_done++;
	bool native = in_native_user_code(v);
	/* A kick that only meant "wake up" (the step request's own, arriving late) can cut
	 * KVM_RUN short before one instruction ran: run again while the vCPU should still
	 * be stepping. A resume or stop ends the step instead. */
	while (!run_once(v, true) && atomic_load(&v->want_pause) && !atomic_load(&v->want_stop))
		;
	if (native) {
		size_t n = strlen(v->last_exit);
		snprintf(v->last_exit + n, sizeof(v->last_exit) - n,
			 " (ring 3 runs natively here: stepped to the next kernel entry)");
	}
	if (atomic_load(&v->state) >= VMM_STATE_HALTED)
		return;
	complete_pending_io(v);
	v->stats.steps++;
	atomic_store(&v->state, VMM_STATE_PAUSED);
	vcpu_publish(v);
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	char name[16];
	snprintf(name, sizeof(name), "vcpu%d", v->index);
	pthread_setname_np(pthread_self(), name);
	vcpu_tls_run = v->run;
	/* Start-up: from vmm_create to a thread ready to run the guest (a --paused wait that
	 * follows is the user's time, not start-up). */
	v->stats.startup_ns = vcpu_now_ns() - v->created_ns;

	while (atomic_load(&v->state) < VMM_STATE_HALTED) {
		if (atomic_load(&v->want_stop)) {
			vcpu_finish(v, VMM_STATE_STOPPED, NULL);
		} else if (atomic_load(&v->want_pause)) {
			complete_pending_io(v);
			if (atomic_load(&v->step_requests) != v->steps_done) {
				step_once(v);
				continue;
			}
			vcpu_set_state(v, VMM_STATE_PAUSED);
			vcpu_wait(v, resumed_or_stepped, 0);
			v->last_exit_ns = 0; /* a pause is not part of any round trip */
		} else {
			if (v->debug_on && set_single_step(v, false) < 0) {
				vcpu_set_state(v, VMM_STATE_FAULTED);
				break;
			}
			vcpu_set_state(v, VMM_STATE_RUNNING);
			run_once(v, false);
		}
	}
	vcpu_tls_run = NULL;
	/* release: the final snapshot and every output byte are out before "ended". The UI
	 * re-arms the notification before its last look, so this signal cannot be lost. */
	atomic_store(&v->ended, true);
	notify_signal(v->notify);
	return NULL;
}

int vcpu_start(struct vcpu *v)
{
	int r = pthread_create(&v->thread, NULL, vcpu_thread, v);
	if (r != 0)
		return -r;
	v->started = true;
	return 0;
}
