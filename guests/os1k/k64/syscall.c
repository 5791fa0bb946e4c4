/* syscall.c — the system calls of the 64-bit build (numbers in syscall_nr.h): RAX is
 * the call, RDI and RSI the arguments, RAX the result. Every user pointer is checked
 * against the user page table first; only this kernel touches port 0x500.
 */
#include "io.h"
#include "k64.h"
#include "os1k.h"
#include "syscall_nr.h"

uint32_t syscall_count, syscall_count_ud;

static int64_t sys_write(uint64_t buf, uint64_t len)
{
	if (!user_range_ok(buf, len, 0))
		return -1;
	const char *p = (const char *)buf;
	for (uint64_t i = 0; i < len; i++)
		hc_putchar(p[i]);
	return (int64_t)len;
}

static int64_t sys_info(uint64_t ptr)
{
	if (!user_range_ok(ptr, sizeof(struct os_info), 1))
		return -1;
	*(struct os_info *)ptr = (struct os_info){
		.bits = 64, .paging = 4, .user_ring = 3, .timer_hz = 100,
		.ticks = timer_ticks(), .uptime_ms = uptime_ms(),
		.syscalls = syscall_count, .syscalls_ud = syscall_count_ud,
		.ram_mib = (uint32_t)(ram_size >> 20),
	};
	return 0;
}

void syscall_dispatch(struct trapframe *tf)
{
	switch (tf->rax) {
	case SYS_WRITE:
		tf->rax = (uint64_t)sys_write(tf->rdi, tf->rsi);
		break;
	case SYS_GETCHAR:
		tf->rax = (uint64_t)(int64_t)hc_getchar();
		break;
	case SYS_EXIT:
		process_exit(tf);
		break;
	case SYS_SPAWN:
		process_spawn(tf);
		break;
	case SYS_INFO:
		tf->rax = (uint64_t)sys_info(tf->rdi);
		break;
	default:
		tf->rax = (uint64_t)-1;
	}
}
