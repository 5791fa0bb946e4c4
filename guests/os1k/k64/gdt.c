/* gdt.c — the kernel's own GDT (ring-0 and ring-3 segments) and its 64-bit TSS, whose
 * RSP0 is the stack the CPU switches to when ring 3 traps into the kernel. The TSS has
 * no I/O bitmap and IOPL stays 0, so ring 3 cannot touch any port (not even 0x500).
 */
#include "k64.h"

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct gdtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static struct tss64 tss;

/* Selector order matches k64.h: 0x08 code64 DPL0, 0x10 data DPL0, 0x18 data DPL3,
 * 0x20 code64 DPL3, 0x28 the TSS (a 16-byte system descriptor). Code and data are
 * flat: long mode ignores base and limit; L=1 marks 64-bit code, DPL the ring. */
static uint64_t gdt[7] __attribute__((aligned(16))) = {
	0,
	0x00AF9A000000FFFFULL, /* kernel code: P, DPL 0, execute/read, L */
	0x00CF92000000FFFFULL, /* kernel data: P, DPL 0, read/write */
	0x00CFF2000000FFFFULL, /* user data:   P, DPL 3, read/write */
	0x00AFFA000000FFFFULL, /* user code:   P, DPL 3, execute/read, L */
	0, 0,                  /* TSS, filled in below */
};

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	tss.rsp[0] = (uint64_t)kernel_stack_top;
	tss.iomap_base = sizeof(tss); /* past the limit: no I/O bitmap */
	gdt[5] = (limit & 0xFFFF) | (base & 0xFFFFFF) << 16 | 0x89ULL << 40 /* P, 64-bit TSS */
		 | ((limit >> 16) & 0xF) << 48 | ((base >> 24) & 0xFF) << 56;
	gdt[6] = base >> 32;
	struct gdtr r = { sizeof(gdt) - 1, (uint64_t)gdt };
	gdt_load(&r);
}
