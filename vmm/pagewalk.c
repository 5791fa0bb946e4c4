/* pagewalk.c — one linear address through the guest's page tables, level by level, as
 * the MMU would (Intel SDM vol. 3, 4.3-4.6): the entries, where and why the walk stops,
 * and the permission verdict for one access. The mapped-range summary and the words for
 * a walk are in pagewalk_ranges.c and pagewalk_text.c; the geometry all three share is here.
 */
#include "pagewalk.h"

#include <string.h>

#include "pagewalk_impl.h"

#define CR0_PG_BIT (1ULL << 31)
#define CR0_WP_BIT (1ULL << 16)
#define CR4_PSE_BIT (1ULL << 4)
#define CR4_PAE_BIT (1ULL << 5)
#define CR4_LA57_BIT (1ULL << 12)
#define CR4_SMEP_BIT (1ULL << 20)
#define CR4_SMAP_BIT (1ULL << 21)
#define EFER_LME_BIT (1ULL << 8)
#define EFER_LMA_BIT (1ULL << 10)
#define EFER_NXE_BIT (1ULL << 11)

static const struct pagewalk_level_def levels_32[] = {
	{ "PDE", "PD", 22, 10, 4, true },  /* a 4 MiB page with CR4.PSE */
	{ "PTE", "PT", 12, 10, 4, false },
};
static const struct pagewalk_level_def levels_pae[] = {
	{ "PDPTE", "PDPT", 30, 2, 8, false },
	{ "PDE", "PD", 21, 9, 8, true },
	{ "PTE", "PT", 12, 9, 8, false },
};
static const struct pagewalk_level_def levels_4[] = {
	{ "PML4E", "PML4", 39, 9, 8, false },
	{ "PDPTE", "PDPT", 30, 9, 8, true },
	{ "PDE", "PD", 21, 9, 8, true },
	{ "PTE", "PT", 12, 9, 8, false },
};

static uint64_t bits(unsigned hi, unsigned lo) /* mask of bits hi..lo, hi >= lo */
{
	return (hi >= 63 ? ~0ULL : (1ULL << (hi + 1)) - 1) & ~((1ULL << lo) - 1);
}

enum pagewalk_mode pagewalk_mode_of(const struct pagewalk_cpu *cpu)
{
	if (!(cpu->cr0 & CR0_PG_BIT))
		return PAGEWALK_MODE_OFF;
	if (!(cpu->cr4 & CR4_PAE_BIT))
		return PAGEWALK_MODE_32;
	if (!(cpu->efer & (EFER_LMA_BIT | EFER_LME_BIT)))
		return PAGEWALK_MODE_PAE;
	return cpu->cr4 & CR4_LA57_BIT ? PAGEWALK_MODE_5LEVEL : PAGEWALK_MODE_4LEVEL;
}

void pagewalk_geometry(const struct pagewalk_cpu *cpu, struct pagewalk_geometry *g)
{
	memset(g, 0, sizeof(*g));
	g->mode = pagewalk_mode_of(cpu);
	g->phys_bits = cpu->phys_bits >= 32 && cpu->phys_bits <= 52 ? cpu->phys_bits : 52;
	g->nxe = (cpu->efer & EFER_NXE_BIT) != 0;
	g->pse = (cpu->cr4 & CR4_PSE_BIT) != 0;
	g->addr_mask = bits(g->phys_bits - 1, 12);
	switch (g->mode) {
	case PAGEWALK_MODE_32:
		g->lv = levels_32, g->n = 2;
		g->top = cpu->cr3 & 0xFFFFF000ULL;
		break;
	case PAGEWALK_MODE_PAE:
		g->lv = levels_pae, g->n = 3;
		g->top = cpu->cr3 & 0xFFFFFFE0ULL;
		break;
	case PAGEWALK_MODE_4LEVEL:
		g->lv = levels_4, g->n = 4;
		g->top = cpu->cr3 & g->addr_mask;
		break;
	default:
		break;
	}
}

bool pagewalk_is_leaf(const struct pagewalk_geometry *g, int i, uint64_t e)
{
	if (i == g->n - 1)
		return true;
	bool ps = (e & PAGEWALK_PS) != 0;
	return g->lv[i].large && ps && (g->mode != PAGEWALK_MODE_32 || g->pse);
}

/* The bits of entry e at level i that must be 0 (SDM tables 4-4 .. 4-20). */
uint64_t pagewalk_reserved(const struct pagewalk_geometry *g, int i, uint64_t e)
{
	bool leaf = pagewalk_is_leaf(g, i, e), large = leaf && i != g->n - 1;
	unsigned m = g->phys_bits, shift = g->lv[i].shift;
	if (g->mode == PAGEWALK_MODE_32) {
		/* a 4 MiB page: bit 21, and bits 20:13 that hold address bits 39:32 beyond M */
		if (!large)
			return 0;
		return bits(21, 21) | (m < 40 ? bits(20, 13 + m - 32) : 0);
	}
	uint64_t r = 0;
	if (g->mode == PAGEWALK_MODE_PAE && i == 0)
		return bits(2, 1) | bits(8, 5) | bits(63, m); /* PDPTE: no flags but P */
	if (g->mode == PAGEWALK_MODE_PAE)
		r |= bits(62, m);
	else if (m < 52)
		r |= bits(51, m);
	if (!g->nxe)
		r |= 1ULL << 63;
	if (g->mode == PAGEWALK_MODE_4LEVEL && i == 0)
		r |= PAGEWALK_PS; /* PML4E: PS must be 0 */
	if (large)
		r |= bits(shift - 1, 13); /* the address bits below the page size; 12 is PAT */
	return r;
}

uint32_t pagewalk_entry_flags(uint64_t e, unsigned width)
{
	uint32_t f = (uint32_t)(e & 0x1FF);
	if (width == 8 && (e >> 63))
		f |= PAGEWALK_NX;
	return f;
}

/* Where entry e at level i leads: the next table, or the page frame if it is a leaf. */
uint64_t pagewalk_next(const struct pagewalk_geometry *g, int i, uint64_t e)
{
	bool leaf = pagewalk_is_leaf(g, i, e);
	if (g->mode == PAGEWALK_MODE_32) {
		if (leaf && i == 0) /* PSE-36: bits 20:13 are physical bits 39:32 */
			return (e & 0xFFC00000ULL) | ((e >> 13) & 0xFF) << 32;
		return e & 0xFFFFF000ULL;
	}
	uint64_t a = e & g->addr_mask;
	return leaf ? a & ~((1ULL << g->lv[i].shift) - 1) : a;
}

/* Does this level's entry count for R/W and U/S? (PAE PDPTEs have neither.) */
bool pagewalk_has_rights(const struct pagewalk_geometry *g, int i)
{
	return !(g->mode == PAGEWALK_MODE_PAE && i == 0);
}

bool pagewalk_read_entry(const uint8_t *ram, uint64_t ram_size, uint64_t addr, unsigned width,
			 uint64_t *e)
{
	if (addr > ram_size || ram_size - addr < width)
		return false;
	uint64_t v = 0;
	memcpy(&v, ram + addr, width); /* little-endian guest, little-endian host */
	*e = v;
	return true;
}

static void judge(const struct pagewalk_geometry *g, const struct pagewalk_cpu *cpu,
		  struct pagewalk_result *r)
{
	unsigned a = r->access;
	bool user = a & PAGEWALK_USER, write = a & PAGEWALK_WRITE, exec = a & PAGEWALK_EXEC;
	r->deny_level = -1;
	r->deny_reason = NULL;
	if (r->status == PAGEWALK_OK && r->mode != PAGEWALK_MODE_OFF) {
		bool wp = (cpu->cr0 & CR0_WP_BIT) != 0;
		for (int i = 0; i < r->nlevels && !r->deny_reason; i++) {
			uint32_t f = r->level[i].flags;
			r->deny_level = i;
			if (user && pagewalk_has_rights(g, i) && !(f & PAGEWALK_US))
				r->deny_reason = "U/S = 0 (supervisor only)";
			else if (write && (user || wp) && pagewalk_has_rights(g, i) && !(f & PAGEWALK_RW))
				r->deny_reason = "R/W = 0 (read-only)";
			else if (exec && (f & PAGEWALK_NX))
				r->deny_reason = "NX = 1 (no execute)";
		}
		bool user_page = r->eff_flags & PAGEWALK_US;
		if (!r->deny_reason && !user && user_page && exec && (cpu->cr4 & CR4_SMEP_BIT))
			r->deny_reason = "CR4.SMEP: the kernel may not execute a user page";
		else if (!r->deny_reason && !user && user_page && !exec &&
			 (cpu->cr4 & CR4_SMAP_BIT) && !(a & PAGEWALK_AC))
			r->deny_reason = "CR4.SMAP: the kernel may not touch a user page";
		if (!r->deny_reason)
			r->deny_level = -1;
	}
	r->allowed = r->status == PAGEWALK_OK && !r->deny_reason;
	bool pf = r->status == PAGEWALK_OK || r->status == PAGEWALK_NOT_PRESENT ||
		  r->status == PAGEWALK_RESERVED;
	if (r->allowed || !pf)
		return;
	r->pf_error = (r->status != PAGEWALK_NOT_PRESENT ? 1u : 0u) | (write ? 2u : 0u) |
		      (user ? 4u : 0u) | (r->status == PAGEWALK_RESERVED ? 8u : 0u) |
		      (exec && (g->nxe || (cpu->cr4 & CR4_SMEP_BIT)) ? 16u : 0u);
}

static bool canonical(uint64_t la)
{
	uint64_t top = la >> 47;
	return top == 0 || top == 0x1FFFF;
}

/* Read and judge each level; stop at the leaf or at the first thing wrong. */
static void walk_levels(const uint8_t *ram, uint64_t ram_size, const struct pagewalk_geometry *g,
			struct pagewalk_result *r)
{
	uint64_t table = g->top;
	uint32_t eff = PAGEWALK_RW | PAGEWALK_US;
	for (int i = 0; i < g->n; i++) {
		const struct pagewalk_level_def *d = &g->lv[i];
		struct pagewalk_level *l = &r->level[i];
		uint64_t e;
		l->name = d->name;
		l->table = d->table;
		l->index = (unsigned)(r->linear >> d->shift) & ((1u << d->bits) - 1);
		l->table_addr = table;
		l->entry_addr = table + (uint64_t)l->index * d->width;
		l->width = d->width;
		if (!pagewalk_read_entry(ram, ram_size, l->entry_addr, d->width, &e)) {
			r->status = PAGEWALK_OUTSIDE_RAM;
			r->stop_level = i - 1; /* the entry (or CR3) that pointed here */
			return;
		}
		r->nlevels = i + 1;
		l->entry = e;
		l->flags = pagewalk_entry_flags(e, d->width);
		r->stop_level = i;
		if (!(e & PAGEWALK_P)) {
			r->status = PAGEWALK_NOT_PRESENT;
			return;
		}
		if ((r->reserved_bits = e & pagewalk_reserved(g, i, e)) != 0) {
			r->status = PAGEWALK_RESERVED;
			return;
		}
		if (pagewalk_has_rights(g, i))
			eff &= l->flags | ~(PAGEWALK_RW | PAGEWALK_US);
		eff |= l->flags & PAGEWALK_NX;
		l->leaf = pagewalk_is_leaf(g, i, e);
		l->next = pagewalk_next(g, i, e);
		if (l->leaf) {
			l->page_size = 1ULL << d->shift;
			r->page_size = l->page_size;
			r->phys = l->next | (r->linear & (l->page_size - 1));
			r->eff_flags = eff | PAGEWALK_P;
			r->stop_level = -1;
			return;
		}
		table = l->next;
	}
}

enum pagewalk_status pagewalk(const uint8_t *ram, uint64_t ram_size,
			      const struct pagewalk_cpu *cpu, uint64_t linear, unsigned access,
			      struct pagewalk_result *out)
{
	struct pagewalk_geometry g;
	pagewalk_geometry(cpu, &g);
	memset(out, 0, sizeof(*out));
	out->mode = g.mode;
	out->linear = linear;
	out->access = access;
	out->cr3_table = g.top;
	out->stop_level = -1;
	if (g.mode == PAGEWALK_MODE_OFF) {
		out->phys = linear;
		out->eff_flags = PAGEWALK_P | PAGEWALK_RW | PAGEWALK_US;
	} else if (g.mode == PAGEWALK_MODE_5LEVEL) {
		out->status = PAGEWALK_UNSUPPORTED;
	} else if (g.mode == PAGEWALK_MODE_4LEVEL && !canonical(linear)) {
		out->status = PAGEWALK_NONCANONICAL;
	} else {
		if (g.mode != PAGEWALK_MODE_4LEVEL)
			out->linear = linear &= 0xFFFFFFFFULL; /* 32-bit linear addresses */
		walk_levels(ram, ram_size, &g, out);
	}
	out->phys_in_ram = out->status == PAGEWALK_OK && out->phys < ram_size;
	judge(&g, cpu, out);
	return out->status;
}
