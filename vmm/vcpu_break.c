/* vcpu_break.c — where a vCPU stops by itself: breakpoints by address (the 4 hardware
 * debug registers, or single-stepping and comparing RIP when they do not suffice),
 * watchpoints, and breakpoints on events (an exit kind, a port, a hypercall, a mode change,
 * a fault, the first instruction in ring 3), plus "run until the next exit". Also the mode
 * events of the exit log. Runs on the vCPU thread; the state machine (vcpu.c) asks it
 * after each exit or step whether to stop, and vcpu_run.c how to program KVM's debugging.
 */
#define _GNU_SOURCE
#include "vcpu.h"

#include <string.h>
#include <sys/ioctl.h>

#include "modes.h"

#define DR7_L(i) (1ULL << (2 * (i)))
#define DR7_RW(i, rw) ((uint64_t)(rw) << (16 + 4 * (i)))   /* 00 exec, 01 write */
#define DR7_LEN(i, len) ((uint64_t)(len) << (18 + 4 * (i))) /* 00 1, 01 2, 11 4, 10 8 */
#define DR7_GE (1ULL << 9)
#define DR6_HIT_MASK 0xFULL

static bool needs_debugreg(const struct vmm_breakpoint *b)
{
	return b->kind == VMM_BREAK_ADDR || b->kind == VMM_BREAK_WATCH;
}

/* Debug registers where they suffice and the host catches what they watch; otherwise
 * every instruction is stepped and compared (slow, said so in the panel). */
static enum vmm_break_method choose_method(const struct vcpu *v)
{
	int regs = 0;
	bool any = false;
	for (int i = 0; i < v->nbp; i++) {
		const struct vmm_breakpoint *b = &v->bp[i];
		if (b->kind == VMM_BREAK_USER || (b->kind == VMM_BREAK_WATCH && !v->hw_watch) ||
		    (b->kind == VMM_BREAK_ADDR && !v->hw_break))
			return VMM_BREAKS_STEPPING;
		if (needs_debugreg(b)) {
			regs++;
			any = true;
		}
	}
	if (regs > 4)
		return VMM_BREAKS_STEPPING;
	return any ? VMM_BREAKS_DEBUGREGS : VMM_BREAKS_NONE;
}

/* A write watchpoint's value, for the stepping method's comparison. */
static bool read_watched(struct vcpu *v, const struct vmm_breakpoint *b, uint64_t *value)
{
	*value = 0;
	return vcpu_read_linear(v, b->addr, value, b->len > 8 ? 8 : b->len);
}

void vcpu_break_take(struct vcpu *v)
{
	pthread_mutex_lock(&v->bp_lock);
	v->nbp = v->nbp_in;
	memcpy(v->bp, v->bp_in, sizeof(v->bp));
	pthread_mutex_unlock(&v->bp_lock);
	memset(v->bp_hits, 0, sizeof(v->bp_hits));
	v->break_method = choose_method(v);
	for (int i = 0; i < v->nbp; i++)
		if (v->bp[i].kind == VMM_BREAK_WATCH)
			read_watched(v, &v->bp[i], &v->watch_old[i]);
	v->dirty = true;
}

/* What KVM_SET_GUEST_DEBUG should hold for the next entry. */
static void debug_config(const struct vcpu *v, bool step, struct kvm_guest_debug *dbg)
{
	memset(dbg, 0, sizeof(*dbg));
	if (step) {
		dbg->control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
		return;
	}
	if (v->break_method != VMM_BREAKS_DEBUGREGS || v->step_over)
		return;
	dbg->control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP;
	int r = 0;
	uint64_t dr7 = DR7_GE;
	for (int i = 0; i < v->nbp && r < 4; i++) {
		const struct vmm_breakpoint *b = &v->bp[i];
		if (!needs_debugreg(b))
			continue;
		dbg->arch.debugreg[r] = b->addr;
		dr7 |= DR7_L(r);
		if (b->kind == VMM_BREAK_WATCH) {
			unsigned len = b->len == 8 ? 2 : b->len == 4 ? 3 : b->len == 2 ? 1 : 0;
			dr7 |= DR7_RW(r, 1) | DR7_LEN(r, len);
		}
		r++;
	}
	dbg->arch.debugreg[7] = dr7;
}

int vcpu_break_apply(struct vcpu *v, bool step)
{
	struct kvm_guest_debug dbg;
	debug_config(v, step, &dbg);
	if (v->dbg_valid && !memcmp(&dbg, &v->dbg, sizeof(dbg)))
		return 0;
	struct error_ctx ctx = { v->index, v->guest, v->error };
	int r = KVM_CALL(&ctx, v->fd, KVM_SET_GUEST_DEBUG, &dbg);
	if (r == 0) {
		v->dbg = dbg;
		v->dbg_valid = true;
	}
	return r;
}

bool vcpu_break_stepping(const struct vcpu *v)
{
	return v->break_method == VMM_BREAKS_STEPPING;
}

/* ---- hits ---- */

static void hit(struct vcpu *v, int index, uint64_t rip)
{
	v->paused = true;
	v->steps_left = 0;
	v->slowmo_rate = 0;
	v->until_exit = false;
	v->break_hit = index;
	v->dirty = true;
	if (index >= 0) {
		v->bp_hits[index]++;
		/* An execution breakpoint refires forever at its own address (HOST-KVM section
		 * 6): the next entry steps over it once with the debug registers off. */
		v->step_over = v->bp[index].kind == VMM_BREAK_ADDR;
	}
	struct vmm_exit_record ev = { .time_ns = vmm_clock_ns(), .rip = rip, .addr = rip,
				      .value = (uint64_t)(int64_t)index, .hypercall = VMM_HC_NONE,
				      .event = VMM_EVENT_BREAK };
	exit_log_append(&v->log, &ev);
	v->last_exit.flags |= VMM_EXITF_BREAK;
}

/* Mode bits of the CPU at this exit, from the registers KVM synced into kvm_run. */
static unsigned mode_bits(const struct kvm_sregs *s)
{
	unsigned m = 0;
	if (s->cr0 & CR0_PE)
		m |= VMM_MODEBITS_PE | VMM_MODEBITS_CPL(s->cs.dpl & 3);
	if (s->cr0 & CR0_PG)
		m |= VMM_MODEBITS_PG;
	if (s->efer & EFER_LMA)
		m |= VMM_MODEBITS_LMA;
	return m;
}

/* A mode event when the mode changed since the last look; true if it did. */
static bool mode_changed(struct vcpu *v, uint64_t rip)
{
	unsigned now = mode_bits(&v->run->s.regs.sregs);
	bool changed = v->have_modebits && now != v->modebits;
	if (changed) {
		struct vmm_exit_record ev = { .time_ns = vmm_clock_ns(), .rip = rip,
					      .addr = v->modebits, .value = now,
					      .cs = v->run->s.regs.sregs.cs.selector,
					      .hypercall = VMM_HC_NONE, .event = VMM_EVENT_MODE };
		exit_log_append(&v->log, &ev);
	}
	v->modebits = now;
	v->have_modebits = true;
	return changed;
}

static bool exit_matches(const struct vmm_breakpoint *b, const struct vmm_exit_record *r)
{
	switch (b->kind) {
	case VMM_BREAK_EXIT: return r->reason == b->value;
	case VMM_BREAK_PORT:
		return (r->dir == VMM_DIR_IN || r->dir == VMM_DIR_OUT) && r->addr == b->addr;
	case VMM_BREAK_HYPERCALL: return r->hypercall == b->value && r->dir == VMM_DIR_OUT;
	default: return false;
	}
}

static int find(const struct vcpu *v, enum vmm_break_kind kind)
{
	for (int i = 0; i < v->nbp; i++)
		if (v->bp[i].kind == kind)
			return i;
	return -1;
}

bool vcpu_break_after_exit(struct vcpu *v)
{
	const struct vmm_exit_record *r = &v->res.rec;
	uint64_t rip = v->run->s.regs.regs.rip;
	bool mode = mode_changed(v, rip);
	if (v->res.action == ACT_FAULT) {
		int i = find(v, VMM_BREAK_FAULT);
		if (i >= 0 && !v->fault_held) {
			v->fault_held = true; /* resuming ends the vCPU as the fault would have */
			hit(v, i, rip);
			return true;
		}
		return false;
	}
	if (r->reason == VMM_EXIT_DEBUG && !(r->flags & VMM_EXITF_STEP) &&
	    v->break_method == VMM_BREAKS_DEBUGREGS) {
		/* dr6 bit n: debug register n fired; registers are given out in table order */
		uint64_t dr6 = v->run->debug.arch.dr6 & DR6_HIT_MASK;
		for (int i = 0, reg = 0; i < v->nbp; i++) {
			if (!needs_debugreg(&v->bp[i]))
				continue;
			if (dr6 & (1ULL << reg)) {
				hit(v, i, v->run->debug.arch.pc);
				return true;
			}
			reg++;
		}
	}
	for (int i = 0; i < v->nbp; i++) {
		if (exit_matches(&v->bp[i], r) || (mode && v->bp[i].kind == VMM_BREAK_MODE)) {
			hit(v, i, rip);
			return true;
		}
	}
	if (v->until_exit && r->reason != VMM_EXIT_DEBUG) {
		hit(v, VMM_BREAK_HIT_EXIT, rip);
		return true;
	}
	return false;
}

/* The stepping method, after each instruction: the next RIP, ring 3, watched memory. */
bool vcpu_break_after_step(struct vcpu *v)
{
	if (v->break_method != VMM_BREAKS_STEPPING)
		return false;
	v->stats.break_steps++;
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	if (ioctl(v->fd, KVM_GET_REGS, &regs) < 0 || ioctl(v->fd, KVM_GET_SREGS, &sregs) < 0)
		return false;
	uint64_t linear = (sregs.efer & EFER_LMA) && sregs.cs.l ? regs.rip
			  : sregs.cs.base + (regs.rip & ((sregs.cr0 & CR0_PE) ? 0xFFFFFFFFu : 0xFFFF));
	bool user = (sregs.cr0 & CR0_PE) && (sregs.cs.dpl & 3) == 3;
	bool fired_any = false;
	for (int i = 0; i < v->nbp; i++) {
		const struct vmm_breakpoint *b = &v->bp[i];
		uint64_t now;
		bool fired = false;
		if (b->kind == VMM_BREAK_ADDR)
			fired = linear == b->addr;
		else if (b->kind == VMM_BREAK_USER)
			fired = user && !v->was_user; /* the step that entered ring 3 */
		else if (b->kind == VMM_BREAK_WATCH && read_watched(v, b, &now) &&
			 now != v->watch_old[i]) {
			v->watch_old[i] = now;
			fired = true;
		}
		if (fired) {
			hit(v, i, linear);
			v->step_over = false; /* stepping: nothing refires */
			fired_any = true;
			break;
		}
	}
	v->was_user = user;
	return fired_any;
}

/* kvm-pvm: a step from here would run native ring-3 code to the next kernel entry, so
 * "the first instruction in ring 3" can only be caught right before the step into it. */
bool vcpu_break_before_native(struct vcpu *v)
{
	int i = find(v, VMM_BREAK_USER);
	if (i < 0 || !v->native_user || v->was_user || !vcpu_in_native_user_code(v))
		return false;
	v->was_user = true; /* resuming from here runs the ring-3 code, without stopping again */
	hit(v, i, v->run->s.regs.regs.rip);
	return true;
}
