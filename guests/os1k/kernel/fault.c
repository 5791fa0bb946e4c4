/* fault.c — exception names and the report both kernels print when a program faults
 * (vector, mnemonic, instruction pointer; CR2 and the decoded error code for #PF).
 */
#include "fault.h"

#include "kprint.h"

static const char *const names[32] = {
	"Divide Error (#DE", "Debug (#DB", "NMI (#NMI", "Breakpoint (#BP",
	"Overflow (#OF", "BOUND Range Exceeded (#BR", "Invalid Opcode (#UD",
	"Device Not Available (#NM", "Double Fault (#DF", "Coprocessor Segment Overrun (#MF",
	"Invalid TSS (#TS", "Segment Not Present (#NP", "Stack-Segment Fault (#SS",
	"General Protection (#GP", "Page Fault (#PF", "Reserved (#15",
	"x87 Floating-Point (#MF", "Alignment Check (#AC", "Machine Check (#MC",
	"SIMD Floating-Point (#XM", "Virtualization (#VE", "Control Protection (#CP",
};

int fault_has_error_code(uint32_t vector)
{
	return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 ||
	       vector == 29 || vector == 30;
}

static void page_fault_detail(uint64_t err)
{
	kputs(err & 1 ? " (protection violation" : " (page not present");
	kputs(err & 16 ? ", instruction fetch" : err & 2 ? ", write" : ", read");
	kputs(err & 4 ? ", user mode)" : ", kernel mode)");
}

void fault_report(const struct fault *f)
{
	kputs("\n*** Exception in ");
	kputs(f->who);
	kputs(": ");
	kputs(f->vector < 32 && names[f->vector] ? names[f->vector] : "Unknown (#?");
	kputs(", vector ");
	kput_dec(f->vector);
	kputs(")\n*** ");
	kputs(f->ip_digits == 16 ? "RIP=" : "EIP=");
	kput_hex(f->ip, f->ip_digits);
	if (f->vector == 14) {
		kputs(" CR2=");
		kput_hex(f->cr2, f->ip_digits);
	}
	if (fault_has_error_code(f->vector)) {
		kputs(" error=");
		kput_hex(f->error, 1 + (f->error > 0xF) + (f->error > 0xFF) + (f->error > 0xFFF));
		if (f->vector == 14)
			page_fault_detail(f->error);
	}
	kputs("\n");
}
