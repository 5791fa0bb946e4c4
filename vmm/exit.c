/* exit.c — exit dispatch: KVM_EXIT_* plus the exit data -> an action and a decoded line.
 * It touches nothing but its arguments (the kvm_run, the device state, the I/O
 * callbacks), so unit tests can drive it with fabricated exits. The vCPU thread
 * (vcpu.c) acts on the result: wait, stop, count, publish.
 */
#include "exit.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "hypercall.h"

void exit_state_init(struct exit_state *st)
{
	memset(st, 0, sizeof(*st));
	st->hc_pending = -1;
}

void exit_describe_byte(char *buf, size_t n, uint8_t byte)
{
	if (isprint(byte))
		snprintf(buf, n, "'%c'", byte);
	else
		snprintf(buf, n, "0x%02x", byte);
}

/* One element of a port I/O exit. Returns false if it must be retried later. */
static bool io_element(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		       uint8_t *data, struct exit_result *res)
{
	uint16_t port = run->io.port;
	bool out = run->io.direction == KVM_EXIT_IO_OUT;
	if (port == HC_PORT) {
		res->reason = VMM_EXIT_HYPERCALL;
		if (out) {
			hypercall_out(st, io, data[0], &run->s.regs.regs, res);
		} else {
			memset(data, 0, run->io.size);
			hypercall_in(st, io, data, res);
		}
	} else if (port >= COM1_BASE && port < COM1_BASE + 8) {
		res->reason = VMM_EXIT_COM1;
		if (out) {
			com1_out(st, io, port - COM1_BASE, data[0], res);
		} else {
			memset(data, 0, run->io.size);
			com1_in(st, io, port - COM1_BASE, data, res);
		}
	} else {
		/* No device: like an empty ISA bus, reads float high and writes vanish. */
		res->reason = VMM_EXIT_OTHER_IO;
		if (out) {
			snprintf(res->text, sizeof(res->text), "OUT 0x%x <- 0x%02x (no device, ignored)",
				 port, data[0]);
		} else {
			memset(data, 0xFF, run->io.size);
			snprintf(res->text, sizeof(res->text), "IN 0x%x -> 0xff (no device)", port);
		}
	}
	return res->action != ACT_WAIT_INPUT && res->action != ACT_WAIT_OUTPUT;
}

static void handle_io(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		      struct exit_result *res)
{
	uint8_t *base = (uint8_t *)run + run->io.data_offset;
	/* String I/O (rep outsb/insb) may carry several elements in one exit. */
	while (st->io_done < run->io.count) {
		if (!io_element(st, io, run, base + (size_t)st->io_done * run->io.size, res))
			return; /* retry later from the same element */
		st->io_done++;
		if (res->action == ACT_FAULT || res->action == ACT_EXIT)
			break;
	}
	st->io_done = 0;
}

static void handle_mmio(struct kvm_run *run, struct exit_result *res)
{
	res->reason = VMM_EXIT_MMIO;
	unsigned long long addr = run->mmio.phys_addr;
	if (run->mmio.is_write) {
		snprintf(res->text, sizeof(res->text),
			 "MMIO write 0x%llx (%u bytes, outside RAM, ignored)", addr, run->mmio.len);
	} else {
		memset(run->mmio.data, 0xFF, sizeof(run->mmio.data));
		snprintf(res->text, sizeof(res->text),
			 "MMIO read 0x%llx (%u bytes, outside RAM) -> all ones", addr, run->mmio.len);
	}
}

static void handle_internal(struct kvm_run *run, struct exit_result *res)
{
	res->reason = VMM_EXIT_INTERNAL;
	res->action = ACT_FAULT;
	snprintf(res->text, sizeof(res->text), "KVM_EXIT_INTERNAL_ERROR suberror %u",
		 run->internal.suberror);
	int n = snprintf(res->error, sizeof(res->error),
			 "KVM could not run the instruction at rip=0x%llx (internal error, suberror %u",
			 (unsigned long long)run->s.regs.regs.rip, run->internal.suberror);
	if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
	    (run->emulation_failure.flags & KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)) {
		n += snprintf(res->error + n, sizeof(res->error) - (size_t)n, ", bytes");
		unsigned len = run->emulation_failure.insn_size;
		for (unsigned i = 0; i < len && i < 15 && (size_t)n < sizeof(res->error) - 4; i++)
			n += snprintf(res->error + n, sizeof(res->error) - (size_t)n, " %02x",
				      run->emulation_failure.insn_bytes[i]);
	}
	snprintf(res->error + n, sizeof(res->error) - (size_t)n,
		 "); this host's KVM cannot emulate it, see dmesg");
}

void exit_handle(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		 struct exit_result *res)
{
	res->action = ACT_CONTINUE;
	res->hypercall = -1;
	res->text[0] = res->error[0] = '\0';
	unsigned long long rip = run->s.regs.regs.rip;

	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		handle_io(st, io, run, res);
		break;
	case KVM_EXIT_MMIO:
		handle_mmio(run, res);
		break;
	case KVM_EXIT_HLT:
		res->reason = VMM_EXIT_HLT;
		res->action = ACT_HALT;
		snprintf(res->text, sizeof(res->text), "HLT");
		break;
	case KVM_EXIT_DEBUG:
		res->reason = VMM_EXIT_DEBUG;
		snprintf(res->text, sizeof(res->text), "single step (KVM_EXIT_DEBUG, exception %u)",
			 run->debug.arch.exception);
		break;
	case KVM_EXIT_INTR:
		res->reason = VMM_EXIT_KICK;
		snprintf(res->text, sizeof(res->text), "interrupted by the monitor (signal)");
		break;
	case KVM_EXIT_IRQ_WINDOW_OPEN:
		res->reason = VMM_EXIT_IRQ_WINDOW;
		snprintf(res->text, sizeof(res->text), "interrupt window open");
		break;
	case KVM_EXIT_SHUTDOWN:
		res->reason = VMM_EXIT_SHUTDOWN;
		res->action = ACT_FAULT;
		snprintf(res->text, sizeof(res->text), "SHUTDOWN (triple fault)");
		snprintf(res->error, sizeof(res->error),
			 "triple fault (KVM_EXIT_SHUTDOWN) at rip=0x%llx: an exception could not be "
			 "delivered, the CPU reset itself", rip);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		handle_internal(run, res);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		res->reason = VMM_EXIT_FAIL_ENTRY;
		res->action = ACT_FAULT;
		snprintf(res->text, sizeof(res->text), "FAIL_ENTRY");
		snprintf(res->error, sizeof(res->error),
			 "VM entry failed (KVM_EXIT_FAIL_ENTRY, hardware reason 0x%llx) at rip=0x%llx",
			 (unsigned long long)run->fail_entry.hardware_entry_failure_reason, rip);
		break;
	default:
		res->reason = VMM_EXIT_OTHER;
		res->action = ACT_FAULT;
		snprintf(res->text, sizeof(res->text), "exit reason %u", run->exit_reason);
		snprintf(res->error, sizeof(res->error),
			 "unexpected exit reason %u at rip=0x%llx", run->exit_reason, rip);
		break;
	}
}
