/* test_exit.c — exit dispatch as a function of the exit data (Firecracker's style):
 * fabricated kvm_run structs for every exit kind we handle, with fake I/O queues. The
 * checks are on the structured record and the action, never on English (that is
 * test_exit_text.c's). No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/exit.h"
#include "../../vmm/guest_abi.h"

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

static bool fake_ended(void *ctx)
{
	struct fake *f = ctx;
	return f->in_closed && !(f->in && *f->in);
}

static _Alignas(4096) uint8_t run_page[8192];
static struct kvm_run *run = (struct kvm_run *)run_page;
static struct fake fake;
static struct exit_io io = { &fake, fake_put, fake_get, fake_ready, fake_ended, 1, 2, 0 };
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

/* OUT fn to the hypercall port; for functions that answer, the IN too. */
static uint8_t *hypercall(uint8_t fn)
{
	uint8_t *d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = fn;
	exit_handle(&st, &io, run, &res);
	return d;
}

static uint8_t answer(void)
{
	uint8_t *d = io_exit(HC_PORT, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	return d[0];
}

static void putchar_record(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 4 };
	uint8_t *d = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = HC_PUTCHAR;
	run->s.regs.regs.rbx = 0x1248; /* BL = 0x48 'H' */
	run->s.regs.regs.rip = 0x17;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(res.rec.reason, VMM_EXIT_HYPERCALL);
	CHECK_EQ(res.rec.hypercall, HC_PUTCHAR);
	CHECK_EQ(res.rec.dir, VMM_DIR_OUT);
	CHECK_EQ(res.rec.addr, HC_PORT);
	CHECK_EQ(res.rec.size, 1);
	CHECK_EQ(res.rec.count, 1);
	CHECK_EQ(res.rec.value, 'H');
	CHECK_EQ(res.rec.rip, 0x17);
	CHECK_EQ(res.rec.flags, 0);
	CHECK_EQ(fake.out_len, 1);
	CHECK_EQ(fake.out[0], 'H');
}

static void getchar_and_friends(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 4, .in = "a\xff" };
	hypercall(HC_GETCHAR);
	CHECK_EQ(res.rec.hypercall, HC_GETCHAR);
	CHECK_EQ(res.rec.value, HC_GETCHAR); /* an OUT's value is AL */
	CHECK_EQ(answer(), 'a');
	CHECK_EQ(res.rec.dir, VMM_DIR_IN);
	CHECK_EQ(res.rec.hypercall, HC_GETCHAR);
	CHECK_EQ(res.rec.value, 'a');
	/* a typed 0xFF is 0xFF, and INPUT_ENDED says it was not the end */
	CHECK_EQ(answer(), 0xFF);
	CHECK_EQ(res.rec.flags & VMM_EXITF_EOF, 0);
	hypercall(HC_INPUT_ENDED);
	CHECK_EQ(answer(), 0);
	/* nothing queued: wait; the exit is handled again when a key comes */
	hypercall(HC_GETCHAR);
	uint8_t *d = io_exit(HC_PORT, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_WAIT_INPUT);
	fake.in_closed = true;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(d[0], HC_EOF);
	CHECK_EQ(res.rec.flags & VMM_EXITF_EOF, VMM_EXITF_EOF);
	hypercall(HC_INPUT_ENDED);
	CHECK_EQ(answer(), 1);
	CHECK_EQ(res.rec.hypercall, HC_INPUT_ENDED);

	/* VCPU_ID and VCPU_COUNT answer from the io description */
	hypercall(HC_VCPU_COUNT);
	CHECK_EQ(answer(), 2);
	hypercall(HC_VCPU_ID);
	CHECK_EQ(answer(), 1);

	hypercall(HC_EXIT);
	CHECK_EQ(res.action, ACT_EXIT);
	CHECK_EQ(res.rec.hypercall, HC_EXIT);

	uint8_t *d2 = io_exit(HC_PORT, KVM_EXIT_IO_OUT, 1, 1);
	d2[0] = 0x42;
	run->s.regs.regs.rip = 0x17;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.rec.hypercall, HC_COUNT);
	CHECK_EQ(res.rec.value, 0x42);
	CHECK_CONTAINS(res.error, "unknown hypercall 0x42 (AL) at rip=0x17");
}

/* Asking again and again after the end of input ends the guest; any other exit in
 * between starts the count afresh. */
static void eof_spin(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 64, .in_closed = true };
	io.eof_spin_limit = 3;
	for (int k = 0; k < 2; k++) {
		hypercall(HC_GETCHAR);
		CHECK_EQ(answer(), HC_EOF);
		CHECK_EQ(res.action, ACT_CONTINUE);
	}
	run->s.regs.regs.rbx = '.';
	hypercall(HC_PUTCHAR); /* something else happened: the count starts again */
	for (int k = 0; k < 2; k++) {
		hypercall(HC_GETCHAR);
		CHECK_EQ(answer(), HC_EOF);
		CHECK_EQ(res.action, ACT_CONTINUE);
	}
	hypercall(HC_GETCHAR);
	answer();
	CHECK_EQ(res.action, ACT_INPUT_ENDED);
	io.eof_spin_limit = 0;
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
	CHECK_EQ(res.rec.reason, VMM_EXIT_COM1);
	CHECK_EQ(res.rec.count, 3);
}

static void com1_and_other_ports(void)
{
	exit_state_init(&st);
	fake = (struct fake){ .out_cap = 8, .in = "q" };
	uint8_t *d = io_exit(0x3FD, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0x61); /* THR empty + data ready */
	CHECK_EQ(res.rec.reason, VMM_EXIT_COM1);
	CHECK_EQ(res.rec.value, 0x61);
	d = io_exit(0x3F8, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 'q');
	d = io_exit(0x3FD, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0x60);
	/* the scratch register keeps what was written */
	d = io_exit(0x3FF, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = 0x5A;
	exit_handle(&st, &io, run, &res);
	d = io_exit(0x3FF, KVM_EXIT_IO_IN, 1, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0x5A);

	/* the empty bus: reads float high, at every width */
	d = io_exit(0x61, KVM_EXIT_IO_IN, 2, 1);
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(d[0], 0xFF);
	CHECK_EQ(d[1], 0xFF);
	CHECK_EQ(res.rec.reason, VMM_EXIT_OTHER_IO);
	CHECK_EQ(res.rec.value, 0xFFFF);
	CHECK_EQ(res.rec.addr, 0x61);
	CHECK_EQ(res.action, ACT_CONTINUE);
	d = io_exit(0x80, KVM_EXIT_IO_OUT, 1, 1);
	d[0] = 0x12;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.rec.value, 0x12);
	CHECK_EQ(res.rec.dir, VMM_DIR_OUT);
}

/* The device table: overlapping or too many devices are refused; lookups by port. */
static void device_table(void)
{
	exit_state_init(&st);
	CHECK(io_bus_find(&st.bus, HC_PORT)->dev == &hypercall_device);
	CHECK(io_bus_find(&st.bus, 0x3FF)->dev == &com1_device);
	CHECK(io_bus_find(&st.bus, 0x3F7)->dev != &com1_device);
	CHECK(io_bus_find(&st.bus, 0x400)->dev->reason == VMM_EXIT_OTHER_IO);
	CHECK(!io_bus_add(&st.bus, &com1_device, &st.com1)); /* overlaps itself */
	static const struct io_device at_0x3fc = { "overlap", 0x3FC, 2, VMM_EXIT_OTHER_IO, NULL, NULL };
	CHECK(!io_bus_add(&st.bus, &at_0x3fc, NULL));
	static struct io_device more[IO_BUS_SLOTS];
	int added = 0;
	for (int k = 0; k < IO_BUS_SLOTS; k++) {
		more[k] = (struct io_device){ "x", (uint16_t)(0x600 + 2 * k), 1, VMM_EXIT_OTHER_IO,
					      NULL, NULL };
		added += io_bus_add(&st.bus, &more[k], NULL);
	}
	CHECK_EQ(added, IO_BUS_SLOTS - 2);
	CHECK(io_bus_find(&st.bus, 0x602)->dev == &more[1]);
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
	CHECK_EQ(res.rec.reason, VMM_EXIT_MMIO);
	CHECK_EQ(res.rec.dir, VMM_DIR_READ);
	CHECK_EQ(res.rec.addr, 0xFEE00020);
	CHECK_EQ(res.rec.size, 4);
	run->mmio.is_write = 1;
	run->mmio.data[0] = 0x34;
	run->mmio.data[1] = 0x12;
	run->mmio.len = 2;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.rec.dir, VMM_DIR_WRITE);
	CHECK_EQ(res.rec.value, 0x1234);

	run->exit_reason = KVM_EXIT_HLT;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_HALT);
	CHECK_EQ(res.rec.reason, VMM_EXIT_HLT);

	run->exit_reason = KVM_EXIT_SHUTDOWN;
	run->s.regs.regs.rip = 0x1234;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.rec.reason, VMM_EXIT_SHUTDOWN);
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
	CHECK_EQ(res.rec.reason, VMM_EXIT_INTERNAL);
	CHECK_EQ(res.rec.value, KVM_INTERNAL_ERROR_EMULATION);
	CHECK_CONTAINS(res.error, "bytes 0f 01 f9");

	run->exit_reason = KVM_EXIT_FAIL_ENTRY;
	run->fail_entry.hardware_entry_failure_reason = 0x21;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.rec.value, 0x21);
	CHECK_CONTAINS(res.error, "hardware reason 0x21");

	run->exit_reason = KVM_EXIT_DEBUG;
	run->debug.arch.exception = 1;
	run->debug.arch.pc = 0x10003;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_CONTINUE);
	CHECK_EQ(res.rec.reason, VMM_EXIT_DEBUG);
	CHECK_EQ(res.rec.value, 1);
	CHECK_EQ(res.rec.addr, 0x10003);

	run->exit_reason = KVM_EXIT_NMI;
	exit_handle(&st, &io, run, &res);
	CHECK_EQ(res.action, ACT_FAULT);
	CHECK_EQ(res.rec.reason, VMM_EXIT_OTHER);
	CHECK_EQ(res.rec.value, KVM_EXIT_NMI);
	CHECK_CONTAINS(res.error, "unexpected exit reason 16");
}

int main(void)
{
	putchar_record();
	getchar_and_friends();
	eof_spin();
	output_full_then_retry();
	com1_and_other_ports();
	device_table();
	other_exits();
	HARNESS_END();
}
