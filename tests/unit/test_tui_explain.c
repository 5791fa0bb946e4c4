/* test_tui_explain.c — "explain this exit" for every kind of exit the VMM handles: the
 * instruction and where, the KVM exit, what Mini-KVM did, the round trip. No /dev/kvm.
 */
#include "../harness.h"
#include "../../tui/explain.h"

static char text[1024];
static struct vmm_snapshot snap;

static const char *explain(struct vmm_exit_record r, const char *insn, uint32_t median)
{
	struct explain_input in = { &r, &snap, 0, insn, median };
	explain_exit(&in, text, sizeof(text));
	return text;
}

static struct vmm_exit_record io(uint8_t reason, uint8_t dir, uint16_t port, uint64_t value,
				 uint8_t hc)
{
	return (struct vmm_exit_record){ .reason = reason, .dir = dir, .addr = port, .size = 1,
					 .count = 1, .value = value, .hypercall = hc, .rip = 0x12,
					 .cs = 0x1000, .round_trip_ns = 11000 };
}

int main(void)
{
	snap.mode = VMM_MODE_REAL;
	CHECK_STR(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 'H', HC_PUTCHAR),
			  "out dx, al", 10800),
		  "The guest executed `out dx, al` at 1000:0012 (port 0x500, AL=1 = PUTCHAR, "
		  "BL='H'). The CPU left guest mode: a VM exit, KVM_EXIT_IO, direction out, size 1. "
		  "Mini-KVM printed 'H' to pane 0 and re-entered the guest with KVM_RUN. Round trip "
		  "11.0 us (median of this vCPU 10.8 us): from the previous exit, through the guest, "
		  "out to Mini-KVM and back.");
	CHECK_CONTAINS(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 2, HC_GETCHAR),
			       "out dx, al", 0), "AL=2 = GETCHAR). ");
	CHECK_CONTAINS(text, "the answer goes to the guest's next `in`");
	CHECK_CONTAINS(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 'a', HC_GETCHAR),
			       "in al, dx", 0), "took the next key from pane 0's keyboard queue, 'a'");
	struct vmm_exit_record eof = io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 0xFF, HC_GETCHAR);
	eof.flags = VMM_EXITF_EOF | VMM_EXITF_WAITED;
	CHECK_CONTAINS(explain(eof, "in al, dx", 0), "answered 0xff (end of input)");
	CHECK_CONTAINS(text, "waited for the key");
	CHECK_CONTAINS(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 0, HC_EXIT), NULL, 0),
		       "The guest ran the instruction at 1000:0012");
	CHECK_CONTAINS(text, "ended this vCPU");
	CHECK_CONTAINS(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 0x42, HC_COUNT), NULL,
			       0), "AL=66 = unknown");
	CHECK_CONTAINS(explain(io(VMM_EXIT_COM1, VMM_DIR_OUT, 0x3F8, 'x', VMM_HC_NONE),
			       "out dx, al", 0), "took 'x' from the transmit register");
	CHECK_CONTAINS(explain(io(VMM_EXIT_COM1, VMM_DIR_IN, 0x3FD, 0x60, VMM_HC_NONE),
			       "in al, dx", 0), "answered 0x60 (line status");
	CHECK_CONTAINS(explain(io(VMM_EXIT_OTHER_IO, VMM_DIR_IN, 0x61, 0xFF, VMM_HC_NONE),
			       "in al, 0x61", 0), "(port 0x61)");
	CHECK_CONTAINS(text, "answered all ones");
	struct vmm_exit_record m = { .reason = VMM_EXIT_MMIO, .dir = VMM_DIR_READ,
				     .addr = 0xFEE00030, .size = 4, .hypercall = VMM_HC_NONE };
	CHECK_CONTAINS(explain(m, "mov eax, [0xfee00030]", 0),
		       "read 4 bytes at guest-physical 0xfee00030");
	CHECK_CONTAINS(text, "KVM_EXIT_MMIO");
	CHECK_CONTAINS(explain((struct vmm_exit_record){ .reason = VMM_EXIT_HLT }, "hlt", 0),
		       "KVM_EXIT_HLT");
	CHECK_CONTAINS(explain((struct vmm_exit_record){ .reason = VMM_EXIT_DEBUG, .value = 1,
							  .flags = VMM_EXITF_STEP }, "inc ax", 0),
		       "Single-stepping was on");
	CHECK_CONTAINS(explain((struct vmm_exit_record){ .reason = VMM_EXIT_DEBUG, .value = 1,
							  .addr = 0x10020 }, "inc ax", 0),
		       "A hardware breakpoint (debug register) fired");
	CHECK_CONTAINS(explain((struct vmm_exit_record){ .reason = VMM_EXIT_SHUTDOWN }, NULL, 0),
		       "triple fault");
	CHECK_CONTAINS(explain((struct vmm_exit_record){ .reason = VMM_EXIT_INTERNAL, .value = 1 },
			       NULL, 0), "KVM_EXIT_INTERNAL_ERROR, suberror 1");
	/* long mode names the linear address */
	snap.mode = VMM_MODE_LONG;
	snap.exit_code_addr = 0x100cee;
	CHECK_CONTAINS(explain(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 'H', HC_PUTCHAR),
			       "out dx, al", 0), "at 0x100cee (port 0x500");
	/* a small buffer is never overrun */
	char small[16];
	struct vmm_exit_record r = io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 'H', HC_PUTCHAR);
	struct explain_input in = { &r, &snap, 0, "out dx, al", 0 };
	explain_exit(&in, small, sizeof(small));
	CHECK_EQ(strlen(small), 15);

	struct vmm_exit_record log[5] = { { .round_trip_ns = 9 }, { .round_trip_ns = 3 },
					  { .round_trip_ns = 0 }, { .round_trip_ns = 7 },
					  { .event = VMM_EVENT_MODE, .round_trip_ns = 100 } };
	CHECK_EQ(explain_median_rt(log, 5), 7);
	HARNESS_END();
}
