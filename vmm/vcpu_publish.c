/* vcpu_publish.c — fill and publish a vCPU's snapshot: registers (KVM_GET_REGS and
 * KVM_GET_SREGS, at most ~50 times a second, never per exit), the CPU mode, the bytes
 * at CS:RIP for the disassembler, the last exit (in words too: formatting happens here,
 * at snapshot rate, never per exit), the counters. Runs on the vCPU thread.
 */
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "modes.h"
#include "vcpu.h"

static void copy_segment(struct vmm_segment *d, const struct kvm_segment *s)
{
	*d = (struct vmm_segment){ .base = s->base, .limit = s->limit, .selector = s->selector,
				   .type = s->type, .present = s->present, .dpl = s->dpl,
				   .db = s->db, .s = s->s, .l = s->l, .g = s->g };
}

static void copy_sregs(struct vmm_snapshot *o, const struct kvm_sregs *s)
{
	struct vmm_sregs *d = &o->sregs;
	copy_segment(&d->cs, &s->cs);
	copy_segment(&d->ds, &s->ds);
	copy_segment(&d->es, &s->es);
	copy_segment(&d->fs, &s->fs);
	copy_segment(&d->gs, &s->gs);
	copy_segment(&d->ss, &s->ss);
	copy_segment(&d->tr, &s->tr);
	copy_segment(&d->ldt, &s->ldt);
	d->gdt_base = s->gdt.base;
	d->gdt_limit = s->gdt.limit;
	d->idt_base = s->idt.base;
	d->idt_limit = s->idt.limit;
	d->cr0 = s->cr0;
	d->cr2 = s->cr2;
	d->cr3 = s->cr3;
	d->cr4 = s->cr4;
	d->efer = s->efer;
	o->paging = s->cr0 & CR0_PG;
	if (!(s->cr0 & CR0_PE)) {
		o->mode = VMM_MODE_REAL;
		o->cpl = 0;
	} else {
		o->mode = (s->efer & EFER_LMA) ? VMM_MODE_LONG : VMM_MODE_PROT;
		o->cpl = s->cs.dpl; /* CPL is CS.DPL for code that is running */
	}
}

/* The linear address of ip in the snapshot's code segment. */
static uint64_t code_linear(const struct vmm_snapshot *o, uint64_t ip)
{
	if (o->mode == VMM_MODE_REAL)
		ip &= 0xFFFF;
	else if (o->mode == VMM_MODE_PROT || !o->sregs.cs.l)
		ip &= 0xFFFFFFFF;
	uint64_t linear = (o->mode == VMM_MODE_LONG && o->sregs.cs.l) ? ip : o->sregs.cs.base + ip;
	return o->mode == VMM_MODE_PROT ? linear & 0xFFFFFFFF : linear;
}

/* Up to 16 bytes at a linear address, inside one page (the next may map elsewhere); with
 * paging on, KVM_TRANSLATE walks the guest's page tables. Returns how many. */
static uint8_t copy_bytes(struct vcpu *v, const struct vmm_snapshot *o, uint64_t linear,
			  uint8_t out[16])
{
	uint64_t phys = linear;
	if (o->paging) {
		struct kvm_translation tr = { .linear_address = linear };
		if (ioctl(v->fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid)
			return 0;
		phys = tr.physical_address;
	}
	size_t n = 16;
	if ((phys & 0xFFF) + n > 0x1000 && o->paging)
		n = 0x1000 - (phys & 0xFFF);
	if (phys >= v->vm->mem_size)
		return 0;
	if (n > v->vm->mem_size - phys)
		n = v->vm->mem_size - phys;
	memcpy(out, v->vm->mem + phys, n);
	return (uint8_t)n;
}

/* The instruction at CS:RIP, and the one that made the last exit (for "explain"). */
static void copy_code(struct vcpu *v, struct vmm_snapshot *o)
{
	o->code_addr = code_linear(o, o->regs.rip);
	o->code_len = copy_bytes(v, o, o->code_addr, o->code);
	if (o->have_exit && o->last_exit.event == VMM_EVENT_NONE) {
		o->exit_code_addr = code_linear(o, o->last_exit.rip);
		o->exit_code_len = copy_bytes(v, o, o->exit_code_addr, o->exit_code);
	}
}

static enum vmm_wait waiting_for(const struct vcpu *v)
{
	return v->pending == PENDING_INPUT ? VMM_WAIT_KEY
	       : v->pending == PENDING_OUTPUT ? VMM_WAIT_OUTPUT : VMM_WAIT_NONE;
}

void vcpu_publish(struct vcpu *v)
{
	struct vmm_snapshot *o = snapbox_back(&v->snap);
	uint64_t now = vmm_clock_ns();
	memset(o, 0, sizeof(*o));
	o->seq = ++v->publishes;
	o->time_ns = now;
	o->state = (enum vmm_run_state)atomic_load(&v->state);
	o->waiting_for = waiting_for(v);
	o->steps_left = v->steps_left;
	o->exit_rate = v->exit_rate;
	o->slowmo_rate = v->slowmo_rate;
	o->have_exit = v->have_exit;
	o->last_exit = v->last_exit;
	if (v->have_exit)
		vmm_exit_describe(&v->last_exit, o->last_exit_text, sizeof(o->last_exit_text));
	else
		snprintf(o->last_exit_text, sizeof(o->last_exit_text), "none yet");
	memcpy(o->error, v->error, sizeof(o->error));
	o->stats = v->stats;
	o->stopped_in = v->stopped_in;
	o->nbreak = v->nbp;
	o->break_method = v->break_method;
	o->break_hit = v->break_hit;
	memcpy(o->break_hits, v->bp_hits, sizeof(o->break_hits));
	struct kvm_mp_state mp;
	o->halted = v->vm->irqchip && ioctl(v->fd, KVM_GET_MP_STATE, &mp) == 0 &&
		    mp.mp_state == KVM_MP_STATE_HALTED;

	struct kvm_regs regs;
	struct kvm_sregs sregs;
	if (ioctl(v->fd, KVM_GET_REGS, &regs) == 0 &&
	    ioctl(v->fd, KVM_GET_SREGS, &sregs) == 0) {
		o->regs_valid = true;
		o->regs = (struct vmm_regs){ regs.rax, regs.rbx, regs.rcx, regs.rdx, regs.rsi,
					     regs.rdi, regs.rsp, regs.rbp, regs.r8, regs.r9,
					     regs.r10, regs.r11, regs.r12, regs.r13, regs.r14,
					     regs.r15, regs.rip, regs.rflags };
		copy_sregs(o, &sregs);
		copy_code(v, o);
	}
	snapbox_publish(&v->snap);
	v->published_ns = now;
	v->dirty = false;
	notify_signal(v->notify);
}
