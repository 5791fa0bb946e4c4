/* fuzz_guest_mem.c — libFuzzer target: an address expression and guest RAM -> parse, then
 * read 64 bytes there. Byte 0 picks the CPU state (real, 32-bit protected with paging,
 * long mode, no registers), byte 1 is the expression's length, then the expression, then
 * RAM (exactly that long: the GDT at 0, page tables from CR3 = 0x100). A parse error must
 * be one line; a read gets at most what was asked and says why when it gets less. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../vmm/guest_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static struct vmm_segment seg(uint16_t sel, uint64_t base, uint8_t db, uint8_t l)
{
	return (struct vmm_segment){ .base = base, .limit = 0xFFFFFFFF, .selector = sel,
				     .present = 1, .s = 1, .db = db, .l = l, .type = 3 };
}

static void cpu_state(uint8_t which, struct vmm_regs *r, struct vmm_sregs *s)
{
	*r = (struct vmm_regs){ .rax = 0x1234, .rsi = 0x10, .rdi = 0xFFF0, .rsp = 0xFFFE,
				.rbp = 0x7FFFFFFFFFFFULL, .rip = 0x100, .r8 = ~0ULL };
	*s = (struct vmm_sregs){ .gdt_base = 0, .gdt_limit = 0x2F, .cr2 = 0x1000, .cr3 = 0x100 };
	switch (which % 3) {
	case 0: /* real mode */
		s->cs = s->ds = s->es = s->ss = seg(0x1000, 0x10000, 0, 0);
		s->fs = s->gs = seg(0xFFFF, 0xFFFF0, 0, 0);
		break;
	case 1: /* 32-bit protected mode, 32-bit paging with 4 MiB pages */
		s->cr0 = 0x80000011;
		s->cr4 = 0x10;
		s->cs = seg(0x08, 0, 1, 0);
		s->ds = s->es = s->ss = s->fs = s->gs = seg(0x10, 0x1000, 1, 0);
		s->ldt = seg(0, 0x40, 0, 0);
		s->ldt.limit = 0x17;
		break;
	default: /* long mode */
		s->cr0 = 0x80010011;
		s->cr4 = 0x20;
		s->efer = 0xD00;
		s->cs = seg(0x08, 0, 0, 1);
		s->ds = s->es = s->ss = seg(0x10, 0, 1, 0);
		s->fs = seg(0, 0x2000, 1, 0);
		s->gs = seg(0, 0xFFFF800000000000ULL, 1, 0);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || (size_t)data[1] > size - 2)
		return 0;
	size_t elen = data[1], ram_size = size - 2 - elen;
	char *expr = malloc(elen + 1);
	uint8_t *ram = malloc(ram_size ? ram_size : 1);
	if (!expr || !ram) {
		free(expr);
		free(ram);
		return 0;
	}
	memcpy(expr, data + 2, elen);
	expr[elen] = '\0';
	memcpy(ram, data + 2 + elen, ram_size);
	struct vmm_regs r;
	struct vmm_sregs s;
	cpu_state(data[0], &r, &s);
	bool bare = data[0] >= 0xF0;
	struct guest_view v = { ram, ram_size, bare ? NULL : &r, bare ? NULL : &s };

	struct guest_addr a;
	char err[96], why[GUEST_WHY_LEN];
	if (guest_addr_parse(&v, expr, &a, err, sizeof(err)) < 0) {
		check(err[0] != '\0' && strlen(err) < sizeof(err) && !strchr(err, '\n'));
	} else {
		uint8_t buf[64];
		size_t got = guest_mem_read(&v, a.kind, a.addr, buf, sizeof(buf), why);
		check(got <= sizeof(buf));
		check((got == sizeof(buf)) == (why[0] == '\0'));
		check(strlen(why) < GUEST_WHY_LEN);
	}
	free(expr);
	free(ram);
	return 0;
}
