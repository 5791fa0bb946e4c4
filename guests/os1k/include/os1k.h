/* os1k.h — the system interface the shell and programs see, identical in both builds.
 * 64-bit: each call is one `int 0x80` into the ring-0 kernel (user/syscall64.c).
 * 32-bit: everything runs in ring 0 and these are plain calls (k32/platform.c).
 */
#ifndef OS1K_H
#define OS1K_H

#include <stdint.h>

/* What About reports; filled by the kernel, which knows the truth (CR0, its rings). */
struct os_info {
	uint32_t bits;        /* 64 (long mode) or 32 (protected mode) */
	uint32_t paging;      /* 0 = off; 4 = 4-level long-mode tables; 2 = 32-bit 4 MiB pages */
	uint32_t user_ring;   /* the ring the shell and programs run in: 3 or 0 */
	uint32_t timer_hz;    /* PIT interrupt rate, 0 = no timer interrupts */
	uint32_t ticks;       /* timer interrupts handled so far */
	uint32_t uptime_ms;   /* since boot, from the calibrated TSC; 0 = unknown */
	uint32_t syscalls;    /* int 0x80 calls so far */
	uint32_t syscalls_ud; /* ... of which arrived as #UD (kvm-pvm hosts) */
	uint32_t ram_mib;
};

/* Where both kernel.ld files link the kernel: 1 MiB, as PC kernels traditionally are. */
#define OS1K_KERNEL_BASE 0x100000UL

typedef void os_program(void);

int os_write(const char *buf, int len);   /* print len bytes; returns len or -1 */
int os_getchar(void);                     /* next input byte (waits); -1 = end of input */
void os_exit(void) __attribute__((noreturn)); /* end the shell: the vCPU stops */
/* Run a program to its end; returns 0, or -1 if an exception stopped it (the kernel
 * has printed what happened). The shell continues either way. */
int os_spawn(os_program *prog);
void os_get_info(struct os_info *info);

#endif
