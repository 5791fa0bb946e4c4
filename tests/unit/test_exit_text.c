/* test_exit_text.c — exit records in words (vmm_exit_describe): what the panel, the
 * exit log and --trace show for each kind of exit. No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/vmm.h"

static char text[128];

static const char *describe(struct vmm_exit_record r)
{
	vmm_exit_describe(&r, text, sizeof(text));
	return text;
}

static struct vmm_exit_record io(uint8_t reason, uint8_t dir, uint16_t port, uint64_t value,
				 uint8_t hc, uint8_t flags)
{
	return (struct vmm_exit_record){ .reason = reason, .dir = dir, .addr = port, .size = 1,
					 .count = 1, .value = value, .hypercall = hc,
					 .flags = flags };
}

int main(void)
{
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 'H', HC_PUTCHAR, 0)),
		  "OUT 0x500 -> PUTCHAR 'H'");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, '\n', HC_PUTCHAR, 0)),
		  "OUT 0x500 -> PUTCHAR 0x0a");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 2, HC_GETCHAR, 0)),
		  "OUT 0x500 -> GETCHAR");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 'a', HC_GETCHAR, 0)),
		  "IN 0x500 -> GETCHAR 'a'");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 0, HC_GETCHAR,
			      VMM_EXITF_PENDING)), "IN 0x500 -> GETCHAR (waiting for a key)");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 0xFF, HC_GETCHAR,
			      VMM_EXITF_EOF)), "IN 0x500 -> GETCHAR end of input (0xff)");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 3, HC_VCPU_COUNT, 0)),
		  "IN 0x500 -> VCPU_COUNT = 3");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_IN, HC_PORT, 0xFF, VMM_HC_NONE, 0)),
		  "IN 0x500 -> 0xff (no function asked)");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 0x42, HC_COUNT, 0)),
		  "OUT 0x500 -> unknown function 0x42");
	CHECK_STR(describe(io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 0, HC_EXIT, 0)),
		  "OUT 0x500 -> EXIT");
	CHECK_STR(describe(io(VMM_EXIT_COM1, VMM_DIR_OUT, 0x3F8, 'x', VMM_HC_NONE, 0)),
		  "OUT 0x3f8 -> COM1 THR 'x'");
	CHECK_STR(describe(io(VMM_EXIT_COM1, VMM_DIR_IN, 0x3FD, 0x60, VMM_HC_NONE, 0)),
		  "IN 0x3fd <- COM1 register 5 = 0x60");
	CHECK_STR(describe(io(VMM_EXIT_OTHER_IO, VMM_DIR_IN, 0x61, 0xFF, VMM_HC_NONE, 0)),
		  "IN 0x61 -> 0xff (no device)");
	CHECK_STR(describe(io(VMM_EXIT_OTHER_IO, VMM_DIR_OUT, 0x80, 0x12, VMM_HC_NONE, 0)),
		  "OUT 0x80 <- 0x12 (no device, ignored)");
	struct vmm_exit_record m = { .reason = VMM_EXIT_MMIO, .dir = VMM_DIR_READ,
				     .addr = 0xFEE00030, .size = 4, .hypercall = VMM_HC_NONE };
	CHECK_STR(describe(m), "MMIO read 0xfee00030 (4 bytes, outside RAM) -> all ones");
	m.dir = VMM_DIR_WRITE;
	CHECK_STR(describe(m), "MMIO write 0xfee00030 (4 bytes, outside RAM, ignored)");
	CHECK_STR(describe((struct vmm_exit_record){ .reason = VMM_EXIT_HLT }), "HLT");
	CHECK_STR(describe((struct vmm_exit_record){ .reason = VMM_EXIT_DEBUG, .value = 1,
						      .flags = VMM_EXITF_STEP }),
		  "single step (KVM_EXIT_DEBUG, exception 1)");
	CHECK_CONTAINS(describe((struct vmm_exit_record){ .reason = VMM_EXIT_DEBUG, .value = 1,
							   .flags = VMM_EXITF_STEP | VMM_EXITF_NATIVE }),
		       "native ring-3 code");
	CHECK_STR(describe((struct vmm_exit_record){ .reason = VMM_EXIT_SHUTDOWN }),
		  "SHUTDOWN (triple fault)");
	CHECK_STR(describe((struct vmm_exit_record){ .reason = VMM_EXIT_INTERNAL, .value = 1 }),
		  "KVM_EXIT_INTERNAL_ERROR suberror 1");
	/* events in the log: mode changes, breakpoint hits */
	CHECK_STR(describe((struct vmm_exit_record){ .event = VMM_EVENT_MODE, .addr = 0,
						      .value = VMM_MODEBITS_PE }),
		  "mode: real -> protected mode");
	CHECK_STR(describe((struct vmm_exit_record){
			  .event = VMM_EVENT_MODE, .addr = VMM_MODEBITS_PE | VMM_MODEBITS_PG |
							   VMM_MODEBITS_LMA,
			  .value = VMM_MODEBITS_PE | VMM_MODEBITS_PG | VMM_MODEBITS_LMA |
				   VMM_MODEBITS_CPL(3) }),
		  "mode: CPL 0 -> 3");
	CHECK_STR(describe((struct vmm_exit_record){ .event = VMM_EVENT_MODE,
						      .addr = VMM_MODEBITS_PE,
						      .value = VMM_MODEBITS_PE | VMM_MODEBITS_PG |
							       VMM_MODEBITS_LMA }),
		  "mode: paging on, long mode active");
	CHECK_STR(describe((struct vmm_exit_record){ .event = VMM_EVENT_BREAK, .value = 2 }),
		  "breakpoint 2 hit");
	/* a tiny buffer is never overrun */
	char small[8];
	struct vmm_exit_record r = io(VMM_EXIT_HYPERCALL, VMM_DIR_OUT, HC_PORT, 'H', HC_PUTCHAR, 0);
	vmm_exit_describe(&r, small, sizeof(small));
	CHECK_STR(small, "OUT 0x5");
	HARNESS_END();
}
