/* main.c — the 32-bit build's boot: exception gates, TSC calibration, then the shell as
 * a plain function call in ring 0. Paging is whatever the VMM set (CR0.PG tells).
 */
#include "io.h"
#include "k32.h"
#include "kprint.h"

void kmain32(uint32_t ram) __attribute__((noreturn));
void ap_refuse(uint32_t vcpu) __attribute__((noreturn));
void shell_main(void);

uint32_t ram_bytes;

void kmain32(uint32_t ram)
{
	tsc_boot = rdtsc();
	ram_bytes = ram;
	idt_init();
	tsc_calibrate();
	kputs("1K OS: 32-bit kernel in protected mode, ring 0, paging ");
	kputs(read_cr0() & CR0_PG ? "on" : "off");
	kputs(", interrupts off\n");
	kputs("1K OS: starting the shell in ring 0\n");
	shell_main();
	hc_exit();
}

/* With --vcpus N every vCPU enters here on shared memory; this kernel has one stack
 * and one shell, so only vCPU 0 runs it. */
void ap_refuse(uint32_t vcpu)
{
	kputs("1K OS: vCPU ");
	kput_dec(vcpu);
	kputs(": this kernel runs on vCPU 0 only; run one image per vCPU instead\n");
	hc_exit();
}
