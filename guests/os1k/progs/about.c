/* about.c — program 9: what this OS really is, asked from the kernel (os_get_info):
 * the CPU mode, paging, the rings, how system calls arrive, the timer and the uptime.
 */
#include "os1k.h"
#include "progs.h"
#include "ulib.h"

static void about_cpu(const struct os_info *in)
{
	if (in->bits == 64)
		printf("CPU: 64-bit long mode, paging on (the kernel's own 4-level page tables)\n");
	else if (in->paging)
		printf("CPU: 32-bit protected mode, paging on (4 MiB pages set up by the VMM)\n");
	else
		printf("CPU: 32-bit protected mode, paging off (CR0.PG = 0)\n");
	if (in->user_ring == 3) {
		printf("Rings: kernel in ring 0; shell and programs in ring 3 (user pages only)\n");
		printf("System calls: int 0x80, %u so far (%u arrived as #UD and were decoded)\n",
		       in->syscalls, in->syscalls_ud);
	} else {
		printf("Rings: kernel, shell and programs all in ring 0 (no user mode here)\n");
		printf("System calls: none (programs call the kernel directly)\n");
	}
}

static void about_time(const struct os_info *in)
{
	if (in->timer_hz) {
		printf("Timer: PIT IRQ0 at %u Hz, %u ticks handled\n", in->timer_hz, in->ticks);
		printf("Uptime: %u.%03u s (TSC, calibrated against PIT ticks at boot)\n",
		       in->uptime_ms / 1000, in->uptime_ms % 1000);
		printf("        ticks lag: none arrive while the vCPU waits for a key "
		       "(KVM may replay some later)\n");
	} else {
		printf("Timer: no interrupts in this build (interrupts stay off)\n");
		if (in->uptime_ms)
			printf("Uptime: %u.%03u s (TSC, calibrated by polling the PIT at boot)\n",
			       in->uptime_ms / 1000, in->uptime_ms % 1000);
		else
			printf("Uptime: unknown (no PIT answered to calibrate the TSC)\n");
	}
}

void prog_about(void)
{
	struct os_info in;
	os_get_info(&in);
	printf("\n=== About 1K OS ===\n");
	printf("1K OS: a small kernel, a shell and 9 demo programs\n");
	about_cpu(&in);
	about_time(&in);
	printf("Memory: %u MiB\n", in.ram_mib);
	printf("\nMini-KVM VMM Project\n");
	printf("Educational hypervisor using KVM API\n");
}
