/* main.c — the 64-bit kernel's boot order: our own GDT and TSS, IDT, page tables and
 * timer replace what the VMM set up, then the shell starts in ring 3 and never comes
 * back here. Trap handling lives in idt.c, the shell/program switch in process.c.
 */
#include "io.h"
#include "k64.h"
#include "kprint.h"

void kmain(uint64_t ram) __attribute__((noreturn));
void ap_refuse(uint64_t vcpu) __attribute__((noreturn));

uint64_t ram_size;

void kmain(uint64_t ram)
{
	tsc_boot = rdtsc();
	ram_size = ram;
	gdt_init();
	idt_init();
	paging_init(ram_size);
	timer_init();
	kputs("1K OS: 64-bit kernel in ring 0: own GDT+TSS, IDT, 4-level page tables, "
	      "PIT at 100 Hz\n");
	kputs("1K OS: starting the shell in ring 3\n");
	process_start_shell();
}

/* With --vcpus N every vCPU enters here on shared memory. This kernel keeps one set of
 * tables and one kernel stack, so only vCPU 0 runs it; the others say so and stop.
 * (Separate images, one per vCPU, each get their own VM and run the whole OS.) */
void ap_refuse(uint64_t vcpu)
{
	kputs("1K OS: vCPU ");
	kput_dec((uint32_t)vcpu);
	kputs(": this kernel runs on vCPU 0 only; run one image per vCPU instead\n");
	hc_exit();
}
