/* vcpu_run.c — the guest side of a vCPU thread: enter the guest once (KVM_RUN, with or
 * without single-step), hand the exit to exit.c with this vCPU's queues, record it in the
 * exit log and the counters, and finish an instruction that exited to us without running
 * any further guest code. The state machine that decides when to do which is vcpu.c.
 */
#define _GNU_SOURCE
#include "vcpu.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "modes.h"
#include "stats.h"

/* ---- the vCPU's queues as exit.c sees them ---- */

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
	struct vcpu *v = ctx;
	return !ring_empty(&v->in) || atomic_load(&v->in_closed);
}

static bool io_ended(void *ctx)
{
	struct vcpu *v = ctx;
	return atomic_load(&v->in_closed) && ring_empty(&v->in);
}

/* ---- one exit ---- */

/* Handle the exit now in kvm_run. A finished exit is counted and logged once; one that
 * must wait (a key, output space) is shown as pending and handled again later. */
static void handle(struct vcpu *v, uint8_t flags)
{
	struct exit_io io = { v, io_put, io_get, io_ready, io_ended, v->vm_index, v->vm_vcpus,
			      v->eof_spin_limit };
	exit_handle(&v->dev, &io, v->run, &v->res);
	struct vmm_exit_record *rec = &v->res.rec;
	rec->time_ns = v->exit_ns;
	rec->cs = v->run->s.regs.sregs.cs.selector;
	rec->flags |= flags;
	bool io_exit = v->run->exit_reason == KVM_EXIT_IO || v->run->exit_reason == KVM_EXIT_MMIO;
	switch (v->res.action) {
	case ACT_WAIT_INPUT:
	case ACT_WAIT_OUTPUT:
		v->pending = v->res.action == ACT_WAIT_INPUT ? PENDING_INPUT : PENDING_OUTPUT;
		v->waited = true;
		rec->flags |= VMM_EXITF_PENDING;
		v->last_exit = *rec;
		v->have_exit = true;
		return;
	default:
		v->pending = io_exit ? PENDING_FINISH : PENDING_NONE;
		break;
	}
	if (v->waited)
		rec->flags |= VMM_EXITF_WAITED;
	v->waited = false;
	/* Exit to exit, less the time the VMM spent waiting in between. */
	if (v->last_exit_ns) {
		uint64_t rt = v->exit_ns - v->last_exit_ns;
		rec->round_trip_ns = rt > UINT32_MAX ? UINT32_MAX : (uint32_t)rt;
	}
	v->last_exit_ns = v->exit_ns + (v->stats.ns_wait - v->wait_mark_ns);
	stats_count(&v->stats, rec);
	exit_log_append(&v->log, rec);
	v->last_exit = *rec;
	v->have_exit = true;
}

void vcpu_retry_exit(struct vcpu *v)
{
	handle(v, (uint8_t)(v->res.rec.flags & (VMM_EXITF_STEP | VMM_EXITF_NATIVE)));
}

/* Bytes of guest memory at a linear address, through the guest's page tables when paging
 * is on (KVM_TRANSLATE). False if any byte is not in RAM. */
static bool read_linear_with(struct vcpu *v, const struct kvm_sregs *sregs, uint64_t linear,
			     void *buf, size_t len)
{
	uint8_t *out = buf;
	while (len) {
		uint64_t phys = linear;
		if (sregs->cr0 & CR0_PG) {
			struct kvm_translation tr = { .linear_address = linear };
			if (ioctl(v->fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid)
				return false;
			phys = tr.physical_address;
		}
		size_t n = 0x1000 - (linear & 0xFFF);
		if (n > len)
			n = len;
		if (phys >= v->vm->mem_size || n > v->vm->mem_size - phys)
			return false;
		memcpy(out, v->vm->mem + phys, n);
		out += n, linear += n, len -= n;
	}
	return true;
}

bool vcpu_read_linear(struct vcpu *v, uint64_t linear, void *buf, size_t len)
{
	struct kvm_sregs sregs;
	return ioctl(v->fd, KVM_GET_SREGS, &sregs) == 0 &&
	       read_linear_with(v, &sregs, linear, buf, len);
}

/* On kvm-pvm, 64-bit ring-3 code runs natively and the CPU does not trap after one of its
 * instructions (HOST-KVM section 6): a step that starts there, or one on a kernel's
 * return to ring 3 (iretq to a CPL-3 CS, sysretq), runs on to the next kernel entry. */
bool vcpu_in_native_user_code(struct vcpu *v)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	if (ioctl(v->fd, KVM_GET_SREGS, &sregs) < 0 || !(sregs.efer & EFER_LMA) || !sregs.cs.l)
		return false;
	if (sregs.cs.dpl == 3)
		return true;
	uint8_t insn[3];
	if (ioctl(v->fd, KVM_GET_REGS, &regs) < 0 || !read_linear_with(v, &sregs, regs.rip, insn, 3))
		return false;
	if (insn[0] == 0x48 && insn[1] == 0x0F && insn[2] == 0x07)
		return true; /* sysretq */
	uint64_t cs;
	return insn[0] == 0x48 && insn[1] == 0xCF && /* iretq: CS is the second slot popped */
	       read_linear_with(v, &sregs, regs.rsp + 8, &cs, sizeof(cs)) && (cs & 3) == 3;
}

/* Time since the last exit, less waits, was the VMM's. */
static void account_vmm_time(struct vcpu *v, uint64_t now)
{
	if (!v->vmm_since_ns)
		return;
	uint64_t waited = v->stats.ns_wait - v->wait_mark_ns;
	uint64_t spent = now - v->vmm_since_ns;
	v->stats.ns_vmm += spent > waited ? spent - waited : 0;
	v->vmm_since_ns = 0;
}

enum run_result vcpu_enter(struct vcpu *v, bool step)
{
	struct error_ctx ctx = { v->index, v->guest, v->error };
	bool native = step && v->native_user && vcpu_in_native_user_code(v);
	if (vcpu_break_apply(v, step) < 0)
		return RUN_ERROR;
	struct kvm_run *run = v->run;
	/* The registers (PUTCHAR's BL, the exit's RIP) and CS come back in kvm_run: no
	 * GET_REGS ioctl per exit (HOST-KVM rule 8). */
	run->kvm_valid_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
	run->immediate_exit = 0;
	/* seq_cst: immediate_exit is cleared before the mailbox is looked at. A command
	 * posted after this look comes with a kick whose handler sets immediate_exit again,
	 * so KVM_RUN returns at once (vcpu_command posts, then kicks). */
	atomic_thread_fence(memory_order_seq_cst);
	if (!mailbox_empty(&v->mailbox))
		return RUN_KICKED;
	uint64_t t0 = vmm_clock_ns();
	account_vmm_time(v, t0);
	int r = ioctl(v->fd, KVM_RUN, 0);
	int err = errno;
	uint64_t t1 = vmm_clock_ns();
	v->stats.ns_guest += t1 - t0;
	v->vmm_since_ns = t1;
	v->wait_mark_ns = v->stats.ns_wait;
	v->pending = PENDING_NONE; /* KVM finishes a pending instruction before anything else */
	if (r < 0 && (err == EINTR || err == EAGAIN)) {
		v->stats.kicks++;
		v->last_exit_ns = 0; /* a kick is not part of any round trip */
		if (t1 - v->published_ns >= VCPU_PUBLISH_NS)
			vcpu_publish(v);
		return RUN_KICKED;
	}
	if (r < 0) {
		error_errno(&ctx, "KVM_RUN", err);
		return RUN_ERROR;
	}
	v->exit_ns = t1;
	handle(v, (uint8_t)((step ? VMM_EXITF_STEP : 0) | (native ? VMM_EXITF_NATIVE : 0)));
	if (v->res.action == ACT_CONTINUE && t1 - v->published_ns >= VCPU_PUBLISH_NS)
		vcpu_publish(v);
	return RUN_EXIT;
}

bool vcpu_finish_instruction(struct vcpu *v, bool *more)
{
	*more = false;
	if (v->pending != PENDING_FINISH)
		return true;
	struct error_ctx ctx = { v->index, v->guest, v->error };
	/* KVM completes the I/O first, then sees immediate_exit and returns without entering
	 * the guest (or, single-stepping, with the step's KVM_EXIT_DEBUG). */
	v->run->kvm_valid_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
	v->run->immediate_exit = 1;
	int r = ioctl(v->fd, KVM_RUN, 0);
	int err = errno;
	v->run->immediate_exit = 0;
	v->pending = PENDING_NONE;
	if (r < 0 && err != EINTR && err != EAGAIN) {
		error_errno(&ctx, "KVM_RUN (finishing an I/O instruction)", err);
		return false;
	}
	if (r == 0 && v->run->exit_reason != KVM_EXIT_DEBUG && v->run->exit_reason != KVM_EXIT_INTR) {
		/* The instruction exited again (the next element of string I/O). */
		v->exit_ns = vmm_clock_ns();
		bool stepping = v->dbg.control & KVM_GUESTDBG_SINGLESTEP;
		handle(v, (uint8_t)(stepping ? VMM_EXITF_STEP : 0));
		*more = true;
	}
	return true;
}
