/* k32.h — the pieces of the 32-bit build: main.c (boot), idt.c (exception gates),
 * platform.c (os1k.h as plain calls, faults back to the shell), tsc.c (uptime),
 * entry.asm (entry point, exception stubs, the call/abort pair used for programs).
 */
#ifndef OS1K_K32_H
#define OS1K_K32_H

#include <stdint.h>

#include "os1k.h"

/* What exc_common in entry.asm leaves on the stack: PUSHAD, vector, error, CPU frame. */
struct frame32 {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t vector, error;
	uint32_t eip, cs, eflags;
};

/* Where a program started, so that an exception can abandon it (entry.asm). */
struct context {
	uint32_t ebx, esi, edi, ebp, esp;
};

/* entry.asm */
extern const uint32_t exc_stubs[32];
int context_call(os_program *prog, struct context *ctx); /* prog(); returns 0 */
void context_abort(struct context *ctx) __attribute__((noreturn)); /* context_call -> -1 */
void triple_fault(void) __attribute__((noreturn));

void idt_init(void);
void exception32(struct frame32 *f) __attribute__((noreturn));

void tsc_calibrate(void);
uint32_t tsc_uptime_ms(void);
extern uint64_t tsc_boot;
extern uint32_t ram_bytes;

static inline uint32_t read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}
#define CR0_PG 0x80000000u

#endif
