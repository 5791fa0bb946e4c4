/* k64.h — the pieces of the 64-bit kernel and how they call each other:
 * main.c (boot order), gdt.c (GDT, TSS), idt.c (IDT, trap dispatch), paging.c (page
 * tables), timer.c (PIC, PIT, TSC), process.c (shell/program switching, faults),
 * syscall.c (system calls), entry.asm (entry point, trap stubs, IRETQ).
 */
#ifndef OS1K_K64_H
#define OS1K_K64_H

#include <stdint.h>

#include "user_image.h"

#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UDATA (0x18 | 3)
#define SEL_UCODE (0x20 | 3)
#define SEL_TSS 0x28

#define RFLAGS_IF 0x200UL
#define RFLAGS_RESERVED 0x2UL

/* What trap_common in entry.asm leaves on the kernel stack, lowest address first. */
struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* entry.asm */
extern uint8_t kernel_stack_top[];
extern const uint64_t trap_stubs[48];
extern uint8_t trap_stub_128[];
extern uint8_t user_image_start[], user_image_end[];
void gdt_load(const void *gdtr);
void enter_user(const struct trapframe *tf) __attribute__((noreturn));
void triple_fault(void) __attribute__((noreturn));
void trap(struct trapframe *tf); /* idt.c, called by trap_common for every vector */

void gdt_init(void);
void idt_init(void);
void paging_init(uint64_t ram);
int user_range_ok(uint64_t va, uint64_t len, int write);
const struct user_header *user_header(void);

void timer_init(void);
void timer_irq(void);
uint32_t timer_ticks(void);
uint32_t uptime_ms(void);
extern uint64_t tsc_boot;
extern uint64_t ram_size; /* from the VMM (RSI at entry) */

void syscall_dispatch(struct trapframe *tf);
extern uint32_t syscall_count, syscall_count_ud;

void process_start_shell(void) __attribute__((noreturn));
void process_spawn(struct trapframe *tf);
void process_exit(struct trapframe *tf);
void process_fault(struct trapframe *tf);
void kernel_panic(struct trapframe *tf) __attribute__((noreturn));

static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

#endif
