/* io.h — port I/O, the port-0x500 hypercalls and RDTSC for kernel code of both builds.
 * Function numbers come from vmm/guest_abi.h, the one source of truth. Only kernel
 * (ring 0) code may include this: in ring 3 every IN/OUT raises #GP.
 */
#ifndef OS1K_IO_H
#define OS1K_IO_H

#include <stdint.h>

#include "guest_abi.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* PUTCHAR: AL = 1, BL = the byte, one OUT — one exit to the VMM per byte. */
static inline void hc_putchar(char c)
{
	__asm__ volatile("outb %%al, %%dx" : : "a"(HC_PUTCHAR), "b"(c), "d"(HC_PORT));
}

/* GETCHAR: ask with OUT, the VMM answers the IN (it waits until a key is there).
 * Returns the byte, or -1 for HC_EOF (end of input). */
static inline int hc_getchar(void)
{
	uint8_t v;
	__asm__ volatile("outb %%al, %%dx\n\tinb %%dx, %%al"
			 : "=a"(v) : "a"(HC_GETCHAR), "d"(HC_PORT));
	return v == HC_EOF ? -1 : v;
}

static inline __attribute__((noreturn)) void hc_exit(void)
{
	for (;;)
		__asm__ volatile("outb %%al, %%dx" : : "a"(HC_EXIT), "d"(HC_PORT));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

#endif
