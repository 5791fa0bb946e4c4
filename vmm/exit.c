/* exit.c — exit dispatch: KVM_EXIT_* plus the exit data -> an action and a structured
 * record. It touches nothing but its arguments (the kvm_run, the device state, the I/O
 * callbacks), so unit tests drive it with fabricated exits. Port I/O is handed to the
 * device that owns the port (io_bus.c). The vCPU thread (vcpu.c) acts on the result.
 */
#include "exit.h"

#include <stdio.h>
#include <string.h>

void exit_state_init(struct exit_state *st)
{
	memset(st, 0, sizeof(*st));
	st->hc.pending = -1;
	/* The device table. Both fit and never overlap, so io_bus_add cannot fail here. */
	io_bus_add(&st->bus, &hypercall_device, &st->hc);
	io_bus_add(&st->bus, &com1_device, &st->com1);
}

static uint32_t load_le(const uint8_t *p, unsigned size)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size && i < 4; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void store_le(uint8_t *p, unsigned size, uint32_t v)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = i < 4 ? (uint8_t)(v >> (8 * i)) : 0xFF;
}

/* One element of a port I/O exit. Returns false if it must be retried later. */
static bool io_element(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		       uint8_t *data, struct exit_result *res)
{
	const struct io_slot *slot = io_bus_find(&st->bus, run->io.port);
	const struct io_device *dev = slot->dev;
	bool out = run->io.direction == KVM_EXIT_IO_OUT;
	struct io_access a = { (unsigned)(run->io.port - dev->base), run->io.size, 0,
			       &run->s.regs.regs };
	bool first = st->io_done == 0;
	res->rec.reason = (uint8_t)dev->reason;
	if (out) {
		a.value = load_le(data, run->io.size);
		if (first)
			res->rec.value = a.value; /* a device may say better (PUTCHAR: the byte) */
		res->action = dev->write(slot->state, io, &a, res);
	} else {
		res->action = dev->read(slot->state, io, &a, res);
		if (res->action == ACT_CONTINUE)
			store_le(data, run->io.size, a.value);
		if (first)
			res->rec.value = a.value & (run->io.size >= 4 ? 0xFFFFFFFFu
							: (1u << (8 * run->io.size)) - 1);
	}
	return res->action != ACT_WAIT_INPUT && res->action != ACT_WAIT_OUTPUT;
}

static void handle_io(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		      struct exit_result *res)
{
	uint8_t *base = (uint8_t *)run + run->io.data_offset;
	res->rec.dir = run->io.direction == KVM_EXIT_IO_OUT ? VMM_DIR_OUT : VMM_DIR_IN;
	res->rec.addr = run->io.port;
	res->rec.size = run->io.size;
	res->rec.count = run->io.count > 255 ? 255 : (uint8_t)run->io.count;
	/* String I/O (rep outsb/insb) may carry several elements in one exit. */
	while (st->io_done < run->io.count) {
		if (!io_element(st, io, run, base + (size_t)st->io_done * run->io.size, res))
			return; /* retry later from the same element */
		st->io_done++;
		if (res->action != ACT_CONTINUE)
			break;
	}
	st->io_done = 0;
}

static void handle_mmio(struct kvm_run *run, struct exit_result *res)
{
	res->rec.reason = VMM_EXIT_MMIO;
	res->rec.addr = run->mmio.phys_addr;
	res->rec.size = (uint8_t)run->mmio.len;
	res->rec.count = 1;
	if (run->mmio.is_write) {
		res->rec.dir = VMM_DIR_WRITE;
		uint64_t v = 0;
		memcpy(&v, run->mmio.data, run->mmio.len < 8 ? run->mmio.len : 8);
		res->rec.value = v;
	} else {
		res->rec.dir = VMM_DIR_READ;
		memset(run->mmio.data, 0xFF, sizeof(run->mmio.data));
		res->rec.value = ~0ULL;
	}
}

/* The error line of an emulation failure names the instruction's bytes when KVM has
 * them. Rare: text is fine here. */
static void internal_error_text(struct kvm_run *run, struct exit_result *res)
{
	char bytes[64] = "";
	size_t n = 0;
	if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
	    (run->emulation_failure.flags & KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)) {
		unsigned len = run->emulation_failure.insn_size;
		n = (size_t)snprintf(bytes, sizeof(bytes), ", bytes");
		for (unsigned i = 0; i < len && i < 15 && n + 4 < sizeof(bytes); i++)
			n += (size_t)snprintf(bytes + n, sizeof(bytes) - n, " %02x",
					      run->emulation_failure.insn_bytes[i]);
	}
	snprintf(res->error, sizeof(res->error),
		 "KVM could not run the instruction at rip=0x%llx (internal error, suberror %u%s); "
		 "this host's KVM cannot emulate it, see dmesg",
		 (unsigned long long)run->s.regs.regs.rip, run->internal.suberror, bytes);
}

void exit_handle(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		 struct exit_result *res)
{
	res->action = ACT_CONTINUE;
	res->error[0] = '\0';
	res->rec = (struct vmm_exit_record){ .rip = run->s.regs.regs.rip, .hypercall = VMM_HC_NONE };
	unsigned long long rip = run->s.regs.regs.rip;

	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		handle_io(st, io, run, res);
		break;
	case KVM_EXIT_MMIO:
		handle_mmio(run, res);
		break;
	case KVM_EXIT_HLT:
		res->rec.reason = VMM_EXIT_HLT;
		res->action = ACT_HALT;
		break;
	case KVM_EXIT_DEBUG:
		res->rec.reason = VMM_EXIT_DEBUG;
		res->rec.value = run->debug.arch.exception;
		res->rec.addr = run->debug.arch.pc;
		break;
	case KVM_EXIT_IRQ_WINDOW_OPEN:
		res->rec.reason = VMM_EXIT_IRQ_WINDOW;
		break;
	case KVM_EXIT_SHUTDOWN:
		res->rec.reason = VMM_EXIT_SHUTDOWN;
		res->action = ACT_FAULT;
		snprintf(res->error, sizeof(res->error),
			 "triple fault (KVM_EXIT_SHUTDOWN) at rip=0x%llx: an exception could not be "
			 "delivered, the CPU reset itself", rip);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		res->rec.reason = VMM_EXIT_INTERNAL;
		res->rec.value = run->internal.suberror;
		res->action = ACT_FAULT;
		internal_error_text(run, res);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		res->rec.reason = VMM_EXIT_FAIL_ENTRY;
		res->rec.value = run->fail_entry.hardware_entry_failure_reason;
		res->action = ACT_FAULT;
		snprintf(res->error, sizeof(res->error),
			 "VM entry failed (KVM_EXIT_FAIL_ENTRY, hardware reason 0x%llx) at rip=0x%llx",
			 (unsigned long long)run->fail_entry.hardware_entry_failure_reason, rip);
		break;
	default:
		res->rec.reason = VMM_EXIT_OTHER;
		res->rec.value = run->exit_reason;
		res->action = ACT_FAULT;
		snprintf(res->error, sizeof(res->error),
			 "unexpected exit reason %u at rip=0x%llx", run->exit_reason, rip);
		break;
	}
	/* A guest that keeps asking for input after its end, with no other exit between. */
	if (res->rec.hypercall != HC_GETCHAR)
		st->hc.eof_streak = 0;
}
