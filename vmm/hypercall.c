/* hypercall.c — the meaning of each port-0x500 function (numbers in hypercall.h).
 * OUT carries the function in AL; functions with an answer leave it pending for the
 * next IN from the port (the seed's GETCHAR protocol). Unknown functions stop the vCPU.
 */
#include <stdio.h>

#include "exit.h"
#include "hypercall.h"

typedef void hc_out_fn(struct exit_state *st, const struct exit_io *io,
		       const struct kvm_regs *regs, struct exit_result *res);

static void hc_exit(struct exit_state *st, const struct exit_io *io, const struct kvm_regs *regs,
		    struct exit_result *res)
{
	(void)st, (void)io, (void)regs;
	res->action = ACT_EXIT;
	snprintf(res->text, sizeof(res->text), "OUT 0x500 -> EXIT");
}

static void hc_putchar(struct exit_state *st, const struct exit_io *io,
		       const struct kvm_regs *regs, struct exit_result *res)
{
	(void)st;
	uint8_t byte = (uint8_t)regs->rbx;
	char shown[16];
	exit_describe_byte(shown, sizeof(shown), byte);
	snprintf(res->text, sizeof(res->text), "OUT 0x500 -> PUTCHAR %s", shown);
	if (!io->put(io->ctx, byte))
		res->action = ACT_WAIT_OUTPUT;
}

/* Functions answered by the next IN: remember which. */
static void hc_ask(struct exit_state *st, const struct exit_io *io, const struct kvm_regs *regs,
		   struct exit_result *res)
{
	(void)io, (void)regs;
	st->hc_pending = res->hypercall;
	snprintf(res->text, sizeof(res->text), "OUT 0x500 -> %s", vmm_hypercall_name(res->hypercall));
}

static hc_out_fn *const hc_table[HC_COUNT] = {
	[HC_EXIT] = hc_exit,
	[HC_PUTCHAR] = hc_putchar,
	[HC_GETCHAR] = hc_ask,
	[HC_VCPU_ID] = hc_ask,
	[HC_VCPU_COUNT] = hc_ask,
};

static const char *const hc_names[HC_COUNT + 1] = {
	[HC_EXIT] = "EXIT",       [HC_PUTCHAR] = "PUTCHAR",        [HC_GETCHAR] = "GETCHAR",
	[HC_VCPU_ID] = "VCPU_ID", [HC_VCPU_COUNT] = "VCPU_COUNT", [HC_COUNT] = "unknown",
};

const char *vmm_hypercall_name(int fn)
{
	return fn >= 0 && fn < HC_COUNT ? hc_names[fn] : hc_names[HC_COUNT];
}

void hypercall_out(struct exit_state *st, const struct exit_io *io, uint8_t fn,
		   const struct kvm_regs *regs, struct exit_result *res)
{
	if (fn >= HC_COUNT) {
		res->hypercall = HC_COUNT;
		res->action = ACT_FAULT;
		snprintf(res->text, sizeof(res->text), "OUT 0x500 -> unknown function 0x%02x", fn);
		snprintf(res->error, sizeof(res->error),
			 "unknown hypercall 0x%02x (AL) at rip=0x%llx; registers: ax=0x%llx "
			 "bx=0x%llx cx=0x%llx dx=0x%llx si=0x%llx di=0x%llx sp=0x%llx", fn,
			 (unsigned long long)regs->rip, (unsigned long long)regs->rax,
			 (unsigned long long)regs->rbx, (unsigned long long)regs->rcx,
			 (unsigned long long)regs->rdx, (unsigned long long)regs->rsi,
			 (unsigned long long)regs->rdi, (unsigned long long)regs->rsp);
		return;
	}
	res->hypercall = fn;
	hc_table[fn](st, io, regs, res);
}

void hypercall_in(struct exit_state *st, const struct exit_io *io, uint8_t *value,
		  struct exit_result *res)
{
	switch (st->hc_pending) {
	case HC_GETCHAR: {
		int c = io->get(io->ctx);
		if (c < 0) {
			res->action = ACT_WAIT_INPUT;
			snprintf(res->text, sizeof(res->text), "IN 0x500 -> GETCHAR (waiting)");
			return;
		}
		*value = (uint8_t)c;
		char shown[16];
		exit_describe_byte(shown, sizeof(shown), *value);
		snprintf(res->text, sizeof(res->text), "IN 0x500 -> GETCHAR %s",
			 c == HC_EOF ? "end of input (0xff)" : shown);
		return;
	}
	case HC_VCPU_ID:
		*value = (uint8_t)io->vcpu_index;
		break;
	case HC_VCPU_COUNT:
		*value = (uint8_t)io->vcpu_count;
		break;
	default:
		*value = 0xFF; /* IN without a function asked first: nothing to answer */
		snprintf(res->text, sizeof(res->text), "IN 0x500 -> 0xff (no function asked)");
		return;
	}
	snprintf(res->text, sizeof(res->text), "IN 0x500 -> %s = %u",
		 vmm_hypercall_name(st->hc_pending), *value);
}
