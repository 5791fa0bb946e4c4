/* guest_mem.c — copies of guest memory: physical reads bounds-checked against RAM, linear
 * reads translated page by page through the guest's own tables (pagewalk.c), stopping at
 * the first page that is not there and saying why. The expression parser is in
 * guest_mem_expr.c.
 */
#include "guest_mem.h"

#include <stdio.h>
#include <string.h>

#define PAGE 4096ULL

void guest_mem_pagewalk_cpu(const struct guest_view *v, struct pagewalk_cpu *cpu)
{
	memset(cpu, 0, sizeof(*cpu));
	if (!v->sregs)
		return;
	cpu->cr0 = v->sregs->cr0;
	cpu->cr3 = v->sregs->cr3;
	cpu->cr4 = v->sregs->cr4;
	cpu->efer = v->sregs->efer;
}

static void ram_end_text(const struct guest_view *v, char *why, uint64_t phys)
{
	unsigned long long size = v->mem_size, p = phys;
	if (!why)
		return;
	if (size % (1ULL << 20) == 0)
		snprintf(why, GUEST_WHY_LEN, "physical 0x%llx is past the end of guest RAM (%llu MiB)",
			 p, size >> 20);
	else
		snprintf(why, GUEST_WHY_LEN, "physical 0x%llx is past the end of guest RAM "
			 "(0x%llx bytes)", p, size);
}

bool guest_mem_translate(const struct guest_view *v, uint64_t linear, uint64_t *phys,
			 char why[GUEST_WHY_LEN])
{
	struct pagewalk_cpu cpu;
	struct pagewalk_result r;
	guest_mem_pagewalk_cpu(v, &cpu);
	if (why)
		why[0] = '\0';
	if (pagewalk(v->mem, v->mem_size, &cpu, linear, 0, &r) == PAGEWALK_OK) {
		*phys = r.phys;
		return true;
	}
	const struct pagewalk_level *l = r.stop_level >= 0 ? &r.level[r.stop_level] : NULL;
	char where[32] = "CR3";
	if (l)
		snprintf(where, sizeof(where), "%s[%u]", l->name, l->index);
	if (!why)
		return false;
	switch (r.status) {
	case PAGEWALK_NOT_PRESENT:
		snprintf(why, GUEST_WHY_LEN, "0x%llx: not mapped (%s not present)",
			 (unsigned long long)linear, where);
		break;
	case PAGEWALK_RESERVED:
		snprintf(why, GUEST_WHY_LEN, "0x%llx: not mapped (reserved bits set in %s)",
			 (unsigned long long)linear, where);
		break;
	case PAGEWALK_OUTSIDE_RAM:
		snprintf(why, GUEST_WHY_LEN, "0x%llx: not mapped (%s points outside guest RAM)",
			 (unsigned long long)linear, where);
		break;
	case PAGEWALK_NONCANONICAL:
		snprintf(why, GUEST_WHY_LEN, "0x%llx: not a canonical address",
			 (unsigned long long)linear);
		break;
	default:
		snprintf(why, GUEST_WHY_LEN, "0x%llx: 5-level paging is not supported",
			 (unsigned long long)linear);
		break;
	}
	return false;
}

/* Copy from physical [phys, phys+n) or stop at RAM's end. Returns bytes copied. */
static size_t copy_phys(const struct guest_view *v, uint64_t phys, uint8_t *dst, size_t n,
			char *why)
{
	if (phys >= v->mem_size) {
		ram_end_text(v, why, phys);
		return 0;
	}
	size_t can = v->mem_size - phys < n ? (size_t)(v->mem_size - phys) : n;
	memcpy(dst, v->mem + phys, can);
	if (can < n)
		ram_end_text(v, why, phys + can);
	return can;
}

size_t guest_mem_read(const struct guest_view *v, enum guest_addr_kind kind, uint64_t addr,
		      void *buf, size_t len, char why[GUEST_WHY_LEN])
{
	uint8_t *dst = buf;
	size_t got = 0;
	if (why)
		why[0] = '\0';
	if (kind == GUEST_PHYSICAL)
		return copy_phys(v, addr, dst, len, why);
	while (got < len) {
		uint64_t la = addr + got, phys;
		size_t chunk = (size_t)(PAGE - (la & (PAGE - 1)));
		if (chunk > len - got)
			chunk = len - got;
		if (!guest_mem_translate(v, la, &phys, why))
			break;
		size_t n = copy_phys(v, phys, dst + got, chunk, why);
		got += n;
		if (n < chunk)
			break;
	}
	return got;
}
