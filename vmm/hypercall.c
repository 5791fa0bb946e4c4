/* hypercall.c — the hypercall device on port 0x500: the meaning of each function
 * (numbers in guest_abi.h). OUT carries the function in AL; functions with an answer
 * leave it pending for the next IN from the port (the seed's GETCHAR protocol). An
 * unknown function stops the vCPU with a register dump.
 */
#include <stdio.h>

#include "exit.h"
#include "hypercall.h"

typedef enum exit_action hc_fn(struct hypercall_state *hc, const struct exit_io *io,
			       const struct kvm_regs *regs, struct exit_result *res);

static enum exit_action hc_exit(struct hypercall_state *hc, const struct exit_io *io,
				const struct kvm_regs *regs, struct exit_result *res)
{
	(void)hc, (void)io, (void)regs, (void)res;
	return ACT_EXIT;
}

static enum exit_action hc_putchar(struct hypercall_state *hc, const struct exit_io *io,
				   const struct kvm_regs *regs, struct exit_result *res)
{
	(void)hc;
	uint8_t byte = (uint8_t)regs->rbx;
	res->rec.value = byte; /* the record shows what was printed, not the function number */
	return io->put(io->ctx, byte) ? ACT_CONTINUE : ACT_WAIT_OUTPUT;
}

/* Functions answered by the next IN: remember which. */
static enum exit_action hc_ask(struct hypercall_state *hc, const struct exit_io *io,
			       const struct kvm_regs *regs, struct exit_result *res)
{
	(void)io, (void)regs;
	hc->pending = res->rec.hypercall;
	return ACT_CONTINUE;
}

static hc_fn *const hc_table[HC_COUNT] = {
	[HC_EXIT] = hc_exit,
	[HC_PUTCHAR] = hc_putchar,
	[HC_GETCHAR] = hc_ask,
	[HC_VCPU_ID] = hc_ask,
	[HC_VCPU_COUNT] = hc_ask,
	[HC_INPUT_ENDED] = hc_ask,
};

static const char *const hc_names[HC_COUNT + 1] = {
	[HC_EXIT] = "EXIT",       [HC_PUTCHAR] = "PUTCHAR",        [HC_GETCHAR] = "GETCHAR",
	[HC_VCPU_ID] = "VCPU_ID", [HC_VCPU_COUNT] = "VCPU_COUNT", [HC_INPUT_ENDED] = "INPUT_ENDED",
	[HC_COUNT] = "unknown",
};

const char *vmm_hypercall_name(int fn)
{
	return fn >= 0 && fn < HC_COUNT ? hc_names[fn] : hc_names[HC_COUNT];
}

static enum exit_action hc_write(void *state, const struct exit_io *io, struct io_access *a,
				 struct exit_result *res)
{
	struct hypercall_state *hc = state;
	const struct kvm_regs *r = a->regs;
	uint8_t fn = (uint8_t)a->value;
	if (fn >= HC_COUNT) {
		res->rec.hypercall = HC_COUNT;
		snprintf(res->error, sizeof(res->error),
			 "unknown hypercall 0x%02x (AL) at rip=0x%llx; registers: ax=0x%llx "
			 "bx=0x%llx cx=0x%llx dx=0x%llx si=0x%llx di=0x%llx sp=0x%llx", fn,
			 (unsigned long long)r->rip, (unsigned long long)r->rax,
			 (unsigned long long)r->rbx, (unsigned long long)r->rcx,
			 (unsigned long long)r->rdx, (unsigned long long)r->rsi,
			 (unsigned long long)r->rdi, (unsigned long long)r->rsp);
		return ACT_FAULT;
	}
	res->rec.hypercall = fn;
	return hc_table[fn](hc, io, r, res);
}

static enum exit_action getchar_answer(struct hypercall_state *hc, const struct exit_io *io,
				       struct io_access *a, struct exit_result *res)
{
	int c = io->get(io->ctx);
	if (c < 0)
		return ACT_WAIT_INPUT;
	a->value = (uint8_t)c;
	if (c == HC_EOF && io->input_ended(io->ctx)) {
		res->rec.flags |= VMM_EXITF_EOF;
		if (io->eof_spin_limit && ++hc->eof_streak >= io->eof_spin_limit)
			return ACT_INPUT_ENDED;
	}
	return ACT_CONTINUE;
}

static enum exit_action hc_read(void *state, const struct exit_io *io, struct io_access *a,
				struct exit_result *res)
{
	struct hypercall_state *hc = state;
	if (hc->pending >= 0)
		res->rec.hypercall = (uint8_t)hc->pending;
	switch (hc->pending) {
	case HC_GETCHAR: return getchar_answer(hc, io, a, res);
	case HC_VCPU_ID: a->value = (uint8_t)io->vcpu_index; break;
	case HC_VCPU_COUNT: a->value = (uint8_t)io->vcpu_count; break;
	case HC_INPUT_ENDED: a->value = io->input_ended(io->ctx) ? 1 : 0; break;
	default: a->value = 0xFF; break; /* IN without a function asked first: nothing to answer */
	}
	return ACT_CONTINUE;
}

const struct io_device hypercall_device = {
	.name = "hypercall", .base = HC_PORT, .len = 1, .reason = VMM_EXIT_HYPERCALL,
	.read = hc_read, .write = hc_write,
};
