/* platform.c — os1k.h for the 32-bit build: the shell and programs run in ring 0 and
 * call these directly (no system calls, port I/O straight from here). A program runs
 * under context_call; if it raises an exception, exception32 reports it and unwinds
 * to the shell with context_abort.
 */
#include "fault.h"
#include "io.h"
#include "k32.h"
#include "kprint.h"

static struct context program_ctx;
static int program_running;

int os_write(const char *buf, int len)
{
	for (int i = 0; i < len; i++)
		hc_putchar(buf[i]);
	return len;
}

int os_getchar(void)
{
	return hc_getchar();
}

void os_exit(void)
{
	hc_exit();
}

int os_spawn(os_program *prog)
{
	program_running = 1;
	int r = context_call(prog, &program_ctx);
	program_running = 0;
	return r;
}

void os_get_info(struct os_info *info)
{
	*info = (struct os_info){ .bits = 32, .paging = read_cr0() & CR0_PG ? 2 : 0,
				  .user_ring = 0, .uptime_ms = tsc_uptime_ms(),
				  .ram_mib = ram_bytes >> 20 };
}

void exception32(struct frame32 *f)
{
	uint32_t cr2;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	struct fault rep = { .vector = f->vector, .ip = f->eip, .error = f->error, .cr2 = cr2,
			     .ip_digits = 8,
			     .who = program_running ? "the program" : "the kernel" };
	fault_report(&rep);
	if (program_running) {
		program_running = 0;
		kputs("*** The kernel stopped the program; back to the shell.\n");
		context_abort(&program_ctx);
	}
	kputs("*** Kernel panic: stopping the vCPU with a triple fault\n");
	triple_fault();
}
