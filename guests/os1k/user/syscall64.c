/* syscall64.c — the os1k.h interface as `int 0x80` system calls (numbers in
 * syscall_nr.h). On kvm-pvm hosts the instruction raises #UD and the kernel decodes
 * it; on hardware KVM it goes through IDT gate 0x80. Either way RAX comes back.
 */
#include "os1k.h"
#include "syscall_nr.h"

void user_program_exit(void) __attribute__((noreturn));

static inline long syscall1(long nr, long a)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "D"(a) : "memory");
	return ret;
}

static inline long syscall2(long nr, long a, long b)
{
	long ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "memory");
	return ret;
}

int os_write(const char *buf, int len)
{
	return (int)syscall2(SYS_WRITE, (long)buf, len);
}

int os_getchar(void)
{
	return (int)syscall1(SYS_GETCHAR, 0);
}

void os_exit(void)
{
	for (;;)
		syscall1(SYS_EXIT, 0);
}

void user_program_exit(void)
{
	for (;;)
		syscall1(SYS_EXIT, 0);
}

int os_spawn(os_program *prog)
{
	return (int)syscall1(SYS_SPAWN, (long)prog);
}

void os_get_info(struct os_info *info)
{
	syscall1(SYS_INFO, (long)info);
}
