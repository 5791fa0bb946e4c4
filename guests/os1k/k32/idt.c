/* idt.c — 32-bit interrupt gates for the CPU exceptions 0-31 only: interrupts stay off
 * in this build, but a program's #DE or #GP must still reach the kernel (exceptions
 * ignore EFLAGS.IF). The handlers never return to the fault, so no IRET is needed.
 */
#include "k32.h"

struct idt_gate {
	uint16_t offset_lo, selector;
	uint8_t zero, type; /* 0x8E: present, DPL 0, 32-bit interrupt gate */
	uint16_t offset_hi;
} __attribute__((packed));

struct idtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static struct idt_gate idt[32] __attribute__((aligned(8)));

void idt_init(void)
{
	for (int v = 0; v < 32; v++)
		idt[v] = (struct idt_gate){ .offset_lo = exc_stubs[v] & 0xFFFF, .selector = 0x08,
					    .type = 0x8E, .offset_hi = exc_stubs[v] >> 16 };
	struct idtr r = { sizeof(idt) - 1, (uint32_t)idt };
	__asm__ volatile("lidt %0" : : "m"(r));
}
