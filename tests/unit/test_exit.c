/* test_exit.c — exit dispatch as a function of the exit data (Firecracker's style):
 * fabricated kvm_run structs for every exit kind we handle, with fake I/O queues.
 * No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/exit.h"
#include "../../vmm/hypercall.h"

struct fake {
	char out[64];
	size_t out_len, out_cap;
	const char *in;
	bool in_closed;
};

static bool fake_put(void *ctx, uint8_t b)
{
	struct fake *f = ctx;
	if (f->out_len == f->out_cap)
		return false;
	f->out[f->out_len++] = (char)b;
	return true;
}

static int fake_get(void *ctx)
{
	struct fake *f = ctx;
	if (f->in && *f->in)
		return (uint8_t)*f->in++;
	return f->in_closed ? HC_EOF : -1;
}

static bool fake_ready(void *ctx)
{
	struct fake *f = ctx;
	return (f->in && *f->in) || f->in_closed;
}

static _Alignas(4096) uint8_t run_page[8192];
static struct kvm_run *run = (struct kvm_run *)run_page;
static struct fake fake;
static struct exit_io io = { &fake, fake_put, fake_get, fake_ready, 1, 2 };
static struct exit_state st;
static struct exit_result res;

static uint8_t *io_exit(uint16_t port, int dir, uint8_t size, uint32_t count)
{
	memset(run_page, 0, sizeof(run_page));
	run->exit_reason = KVM_EXIT_IO;
	run->io.port = port;
	run->io.direction = (uint8_t)dir;
	run->io.size = size;
	run->io.count = count;
	run->io.data_offset = 4096;
	return run_page + 4096;
}

static void hypercalls(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 4, .in = "ab" };
	uint8_t *d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = HC_PUTCHAR;
	run->s.regs.regs.rbx = 0x1248; /* BL = 0x48 'H' */
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(res.reason, VMM_EXIT_HYPERCALL);
	CHECK_EQ(res.hypercall, HC_PUTCHAR);
	CHECK_STR(res.text, "OUT 0x500 -> PUTCHAR 'H'");
	CHECK_EQ(fake.out_len, 1);
	CHECK_EQ(fake.out[0], 'H');

	/* GETCHAR: OUT asks, IN answers byte by byte, then waits, then end of input */
	d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = HC_GETCHAR;
	exit_handle(&st, &io, run, &res);
	CHECK_STR(res.text, "OUT 0x500 -> GETCHAR");
	d = io_exit(HC_PORT, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 'a');
	CHECK_STR(res.text, "IN 0x500 -> GETCHAR 'a'");
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 'b');
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_WAIT_INPUT);
	fake.in_closed = true;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(d[0], HC_EOF);

	/* VCPU_ID and VCPU_COUNT answer from the io description */
	d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = HC_VCPU_COUNT;
	exit_handle(&st, &io, run, &res);
	d = io_exit(HC_PORT, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 2);

	d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = HC_EXIT;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_EXIT);

	d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = 0x42;
	run->s.regs.regs.rip = 0x17;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.hypercall, HC_COUNT);
	CHECK_CONTAINS(res.error, "unknown hypercall 0x42 (AL) at rip=0x17");
}

static void output_full_then_retry(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 2 };
	/* rep outsb of 3 bytes to COM1 with room for 2: wait, then finish the third */
	uint8_t *d = io_exit(0x3F8, KVM_EXIT_IO_OUT, 1, 3);
	memcpy(d, "xyz", 3);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_WAIT_OUTPUT);
	CHECK_EQ(fake.out_len, 2);
	fake.out_len = 0;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(fake.out_len, 1);
	CHECK_EQ(fake.out[0], 'z');
	CHECK_EQ(res.reason, VMM_EXIT_COM1);
}

static void com1_and_other_ports(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 8, .in = "q" };
	uint8_t *d = io_exit(0x3FD, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0x61); /* THR empty + data ready */
	d = io_exit(0x3F8, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 'q');
	d = io_exit(0x3FD, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0x60);

	d = io_exit(0x61, KVM_EXIT_IO_IN, 2, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0xFF);
	CHECK_EQ(d[1], 0xFF);
	CHECK_EQ(res.reason, VMM_EXIT_OTHER_IO);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_STR(res.text, "IN 0x61 -> 0xff (no device)");
}

static void other_exits(void)
{
	memset(run_page, 0, sizeof(run_page));
	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = 0xFEE00020;
	run->mmio.len = 4;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(run->mmio.data[0], 0xFF);
	CHECK_EQ(run->mmio.data[3], 0xFF);

	run->exit_reason = KVM_EXIT_HLT;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_HALT);

	run->exit_reason = KVM_EXIT_SHUTDOWN;
	run->s.regs.regs.rip = 0x1234;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_CONTAINS(res.error, "triple fault (KVM_EXIT_SHUTDOWN) at rip=0x1234");

	memset(run_page, 0, sizeof(run_page));
	run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
	run->emulation_failure.suberror = KVM_INTERNAL_ERROR_EMULATION;
	run->emulation_failure.flags = KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES;
	run->emulation_failure.insn_size = 3;
	run->emulation_failure.insn_bytes[0] = 0x0f;
	run->emulation_failure.insn_bytes[1] = 0x01;
	run->emulation_failure.insn_bytes[2] = 0xf9;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.reason, VMM_EXIT_INTERNAL);
	CHECK_CONTAINS(res.error, "bytes 0f 01 f9");

	run->exit_reason = KVM_EXIT_FAIL_ENTRY;
	run->fail_entry.hardware_entry_failure_reason = 0x21;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_CONTAINS(res.error, "hardware reason 0x21");

	run->exit_reason = KVM_EXIT_DEBUG;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(res.reason, VMM_EXIT_DEBUG);

	run->exit_reason = KVM_EXIT_NMI;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_CONTAINS(res.error, "unexpected exit reason 16");
}

int main(void)
{
	hypercalls();
	output_full_then_retry();
	com1_and_other_ports();
	other_exits();
	HARNESS_END();
}
