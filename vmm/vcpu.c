/* vcpu.c — the life of one vCPU thread, as a state machine. Each state has a handler
 * that takes the commands waiting in the mailbox, does one piece of work (enter the guest
 * once, wait for a key, ...) and returns the next state, as Firecracker's vcpu does:
 *
 *   RUNNING  --pause-->  PAUSED  --step n-->  STEPPING  --n instructions done-->  PAUSED
 *   RUNNING/STEPPING --GETCHAR, no key--> WAITING --key--> back (a step ends right there)
 *   RUNNING/STEPPING --output ring full--> BLOCKED --room--> back
 *   any --stop, HLT, EXIT, fault--> an end state (HALTED, EXITED, INPUT_ENDED, FAULTED, STOPPED)
 *
 * Entering the guest and finishing an instruction is vcpu_run.c; waiting and being woken
 * is vcpu_sync.c; what an exit means is exit.c; snapshots are vcpu_publish.c.
 */
#define _GNU_SOURCE
#include "vcpu.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "seccomp.h"

static bool has_input(struct vcpu *v)
{
	return !ring_empty(&v->in) || atomic_load(&v->in_closed);
}

static bool has_output_space(struct vcpu *v)
{
	return ring_count(&v->out) < ring_capacity(&v->out);
}

/* The commands since the last look, folded into what the user wants of this vCPU. Each
 * makes the next look publish a snapshot, so the UI sees what it asked for even when the
 * state stays the same (a step asked for while already waiting for a key). */
static void take_commands(struct vcpu *v)
{
	struct vcpu_cmd c;
	while (mailbox_take(&v->mailbox, &c)) {
		v->dirty = true;
		switch (c.kind) {
		case CMD_PAUSE:
		case CMD_RESUME:
			v->paused = c.kind == CMD_PAUSE;
			v->steps_left = 0;
			v->slowmo_rate = 0;
			v->until_exit = false;
			if (!v->paused)
				v->break_hit = -1;
			break;
		case CMD_UNTIL_EXIT:
			v->paused = false;
			v->steps_left = 0;
			v->slowmo_rate = 0;
			v->until_exit = true;
			v->break_hit = -1;
			break;
		case CMD_BREAKPOINTS:
			vcpu_break_take(v);
			break;
		case CMD_STEP:
			v->break_hit = -1;
			v->paused = true;
			if (v->steps_left)
				v->stats.steps_merged++; /* documented: merged into the pending step */
			else
				v->steps_left = c.arg ? c.arg : 1;
			break;
		case CMD_STOP:
			v->stop = true;
			break;
		case CMD_SET_RATE:
			v->exit_rate = c.arg;
			v->next_slot_ns = 0;
			break;
		case CMD_SLOWMO:
			v->paused = true;
			v->slowmo_rate = c.arg;
			v->next_auto_step_ns = vmm_clock_ns();
			break;
		}
	}
}

/* Where the commands say this vCPU should be, given what its instruction needs. */
static enum vmm_run_state wanted(struct vcpu *v)
{
	if (v->stop)
		return VMM_STATE_STOPPED;
	bool go = !v->paused || v->steps_left;
	if (v->fault_held && go)
		return VMM_STATE_FAULTED; /* it stopped for a look; now the fault ends it */
	if (v->pending == PENDING_INPUT)
		return go ? VMM_STATE_WAITING : VMM_STATE_PAUSED;
	if (v->pending == PENDING_OUTPUT)
		return VMM_STATE_BLOCKED; /* the byte goes out when there is room, paused or not */
	if (v->steps_left)
		return VMM_STATE_STEPPING;
	return v->paused ? VMM_STATE_PAUSED : VMM_STATE_RUNNING;
}

static enum vmm_run_state fault(struct vcpu *v, const char *why)
{
	struct error_ctx ctx = { v->index, v->guest, v->error };
	if (why)
		error_text(&ctx, 0, "%s", why);
	return VMM_STATE_FAULTED;
}

static enum vmm_run_state step_done(struct vcpu *v);

/* What the exit now in v->res means for the run state. */
static enum vmm_run_state after_exit(struct vcpu *v)
{
	bool waits = v->res.action == ACT_WAIT_INPUT || v->res.action == ACT_WAIT_OUTPUT;
	if (!waits && vcpu_break_after_exit(v) && v->res.action == ACT_FAULT) {
		fault(v, v->res.error); /* the line it will end with; held for a look first */
		return wanted(v);
	}
	switch (v->res.action) {
	case ACT_CONTINUE:
		return v->steps_left ? step_done(v) : wanted(v);
	case ACT_WAIT_INPUT:
	case ACT_WAIT_OUTPUT:
		return wanted(v);
	case ACT_HALT: return VMM_STATE_HALTED;
	case ACT_EXIT: return VMM_STATE_EXITED;
	case ACT_INPUT_ENDED: return VMM_STATE_INPUT_ENDED;
	case ACT_FAULT: break;
	}
	return fault(v, v->res.error);
}

/* Finish the instruction that exited (no more guest code runs), so that a vCPU holding
 * still shows the registers after it. Finishing may bring a new exit (the next element
 * of a string I/O instruction): handle that like any other. */
static enum vmm_run_state finish(struct vcpu *v)
{
	bool more;
	if (!vcpu_finish_instruction(v, &more))
		return VMM_STATE_FAULTED;
	return more ? after_exit(v) : wanted(v);
}

/* The instruction a step ran has exited and been answered: finish it, count it. */
static enum vmm_run_state step_done(struct vcpu *v)
{
	if (v->pending == PENDING_FINISH) {
		bool more;
		if (!vcpu_finish_instruction(v, &more))
			return VMM_STATE_FAULTED;
		if (more)
			return after_exit(v); /* the same instruction exited again */
	}
	v->stats.steps++;
	v->steps_left--;
	return wanted(v);
}

/* --speed: at most exit_rate guest entries a second. False if a command came first. */
static bool throttle(struct vcpu *v)
{
	if (!v->exit_rate)
		return true;
	uint64_t now = vmm_clock_ns();
	if (now < v->next_slot_ns) {
		vcpu_wait(v, NULL, v->next_slot_ns);
		now = vmm_clock_ns();
		if (now < v->next_slot_ns)
			return false;
	}
	v->next_slot_ns = now + 1000000000ULL / v->exit_rate; /* never banks time */
	return true;
}

/* ---- one handler per state ---- */

static enum vmm_run_state state_running(struct vcpu *v)
{
	take_commands(v);
	enum vmm_run_state next = wanted(v);
	if (next != VMM_STATE_RUNNING || !throttle(v))
		return next;
	/* Single-step when breakpoints need it, or once over an execution breakpoint that
	 * just stopped us (it would fire again at once). */
	bool step = v->step_over || vcpu_break_stepping(v);
	if (step && vcpu_break_before_native(v))
		return wanted(v);
	switch (vcpu_enter(v, step)) {
	case RUN_KICKED: return VMM_STATE_RUNNING;
	case RUN_ERROR: return VMM_STATE_FAULTED;
	case RUN_EXIT: break;
	}
	v->step_over = false;
	next = after_exit(v);
	if (next == VMM_STATE_RUNNING && vcpu_break_stepping(v)) {
		if (v->pending == PENDING_FINISH)
			next = finish(v); /* compare after the whole instruction */
		if (next == VMM_STATE_RUNNING && vcpu_break_after_step(v))
			next = wanted(v);
	}
	return next;
}

static enum vmm_run_state state_stepping(struct vcpu *v)
{
	take_commands(v);
	enum vmm_run_state next = wanted(v);
	if (next != VMM_STATE_STEPPING)
		return next;
	switch (vcpu_enter(v, true)) {
	case RUN_KICKED: return VMM_STATE_STEPPING; /* nothing ran: look again, then retry */
	case RUN_ERROR: return VMM_STATE_FAULTED;
	case RUN_EXIT: break;
	}
	v->step_over = false; /* the step moved past any breakpoint here */
	return after_exit(v);
}

static enum vmm_run_state state_paused(struct vcpu *v)
{
	take_commands(v);
	enum vmm_run_state next = wanted(v);
	if (next != VMM_STATE_PAUSED)
		return next;
	if (v->pending == PENDING_FINISH)
		return finish(v);
	uint64_t deadline = 0;
	if (v->slowmo_rate) {
		uint64_t now = vmm_clock_ns(), gap = 1000000000ULL / v->slowmo_rate;
		if (now >= v->next_auto_step_ns) {
			/* Keep the beat from the last deadline; after a long stall start afresh. */
			v->next_auto_step_ns += gap;
			if (v->next_auto_step_ns <= now)
				v->next_auto_step_ns = now + gap;
			v->steps_left = 1;
			return wanted(v);
		}
		deadline = v->next_auto_step_ns;
	}
	vcpu_wait(v, NULL, deadline);
	return VMM_STATE_PAUSED;
}

static enum vmm_run_state state_waiting(struct vcpu *v)
{
	take_commands(v);
	enum vmm_run_state next = wanted(v);
	if (next != VMM_STATE_WAITING)
		return next;
	if (!has_input(v)) {
		vcpu_wait(v, has_input, 0);
		return VMM_STATE_WAITING;
	}
	vcpu_retry_exit(v); /* the key is there: the IN gets its answer */
	return after_exit(v);
}

static enum vmm_run_state state_blocked(struct vcpu *v)
{
	take_commands(v);
	if (v->stop)
		return VMM_STATE_STOPPED;
	if (!has_output_space(v)) {
		vcpu_wait(v, has_output_space, 0);
		return VMM_STATE_BLOCKED;
	}
	vcpu_retry_exit(v);
	return after_exit(v);
}

typedef enum vmm_run_state state_handler(struct vcpu *v);
static state_handler *const handlers[VMM_STATE__COUNT] = {
	[VMM_STATE_RUNNING] = state_running,   [VMM_STATE_PAUSED] = state_paused,
	[VMM_STATE_STEPPING] = state_stepping, [VMM_STATE_WAITING] = state_waiting,
	[VMM_STATE_BLOCKED] = state_blocked,
};

/* The UI sees a state once it is published. Going to RUNNING from CREATED and into
 * STEPPING publishes nothing: the first byte and a step's result must not wait for a
 * snapshot (a step publishes when it is done, whatever is pending until then). */
static void set_state(struct vcpu *v, enum vmm_run_state s)
{
	enum vmm_run_state old = (enum vmm_run_state)atomic_load(&v->state);
	if (old == s && !v->dirty)
		return;
	atomic_store(&v->state, (int)s); /* only this thread writes the state */
	if ((old == VMM_STATE_CREATED && s == VMM_STATE_RUNNING) || s == VMM_STATE_STEPPING)
		return;
	vcpu_publish(v);
}

/* From here on this thread only runs its guest: a system-call allow-list (seccomp.c).
 * Sanitizer runtimes make calls of their own, so their builds run without it. */
static bool confine(struct vcpu *v)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	(void)v;
	return true;
#else
	char err[VMM_ERROR_LEN];
	int r = seccomp_vcpu_install(err);
	if (r == 0 || r == -ENOSYS) /* no seccomp in this kernel: run on, unconfined */
		return true;
	struct error_ctx ctx = { v->index, v->guest, v->error };
	error_text(&ctx, 0, "cannot confine the vCPU thread: %s", err);
	return false;
#endif
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	char name[16];
	snprintf(name, sizeof(name), "vcpu%d", v->index);
	pthread_setname_np(pthread_self(), name);
	vcpu_tls_run = v->run;
	vcpu_refresh_timer_start(v);
	enum vmm_run_state s = VMM_STATE_RUNNING;
	if (!confine(v))
		s = VMM_STATE_FAULTED;
	/* Start-up: from vmm_create to a thread ready to run the guest (a --paused wait that
	 * follows is the user's time, not start-up). */
	v->stats.startup_ns = vmm_clock_ns() - v->created_ns;

	set_state(v, s);
	while (!vmm_state_ended(s)) {
		enum vmm_run_state was = s;
		s = handlers[s](v);
		if (s == VMM_STATE_STOPPED)
			v->stopped_in = was;
		/* A vCPU that holds still has finished its instruction first. */
		while (s == VMM_STATE_PAUSED && v->pending == PENDING_FINISH)
			s = finish(v);
		set_state(v, s);
	}
	vcpu_refresh_timer_stop(v);
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
