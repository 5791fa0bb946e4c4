/* read_kernel.c — teacher demo '!': a program reads the kernel's first page. In the
 * 64-bit build that page is supervisor-only, so ring 3 gets a page fault (#PF) which
 * the kernel reports; in the 32-bit build everything is ring 0 and the read works.
 */
#include "os1k.h"
#include "progs.h"
#include "ulib.h"

void prog_read_kernel(void)
{
	const volatile unsigned char *kernel = (const volatile unsigned char *)OS1K_KERNEL_BASE;
	printf("\n=== Teacher demo: a program reads kernel memory ===\n");
	printf("Reading the kernel's first page at 0x%lx ...\n", (unsigned long)OS1K_KERNEL_BASE);
	unsigned char byte = *kernel;
	printf("No fault: read 0x%02x. Programs run in ring 0 here: nothing protects the "
	       "kernel.\n", byte);
}
