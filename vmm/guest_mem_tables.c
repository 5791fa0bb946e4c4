/* guest_mem_tables.c — the guest's GDT, LDT, IDT and TSS as lines, the way `info gdt`
 * shows them: the table registers from the view's sregs, the bytes through guest_mem_read
 * (linear bases, the guest's paging), the words from descriptors.c and tss.c. The entries
 * CS, SS, TR and LDTR select are marked.
 */
#include <stdio.h>
#include <string.h>

#include "descriptors.h"
#include "guest_mem.h"
#include "tss.h"

#define CR0_PE_BIT 0x1ULL
#define EFER_LMA_BIT (1ULL << 10)
#define TABLE_MAX 0x10000 /* a GDT, LDT or IDT is at most 64 KiB */

enum desc_mode guest_mem_desc_mode(const struct vmm_sregs *s)
{
	if (!(s->cr0 & CR0_PE_BIT))
		return DESC_MODE_REAL;
	return s->efer & EFER_LMA_BIT ? DESC_MODE_LONG : DESC_MODE_PROT;
}

struct out {
	char *buf;
	size_t n, pos;
	size_t left;   /* lines that did not fit */
};

static void put(struct out *o, const char *line, size_t keep)
{
	size_t len = strlen(line);
	if (o->left || o->pos + len + 1 + keep >= o->n) {
		o->left++;
		return;
	}
	memcpy(o->buf + o->pos, line, len);
	o->pos += len;
	o->buf[o->pos++] = '\n';
	o->buf[o->pos] = '\0';
}

/* " <- CS SS" for the entry that the current selectors name. */
static void marks(const struct vmm_sregs *s, enum desc_table t, const struct desc *d, char *m,
		  size_t n)
{
	const struct { const char *name; uint16_t sel; } regs[] = {
		{ "CS", s->cs.selector }, { "SS", s->ss.selector }, { "DS", s->ds.selector },
		{ "TR", s->tr.selector }, { "LDTR", s->ldt.selector },
	};
	size_t pos = 0;
	m[0] = '\0';
	if (t == DESC_IDT || d->cls == DESC_CLASS_NULL)
		return;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		bool ti = regs[i].sel & 4;
		if ((ti != (t == DESC_LDT)) || (regs[i].sel & ~7u) != d->offset)
			continue;
		int w = snprintf(m + pos, n - pos, "%s%s", pos ? " " : "  <- ", regs[i].name);
		if (w < 0 || (size_t)w >= n - pos)
			break;
		pos += (size_t)w;
	}
}

size_t guest_mem_format_table(const struct guest_view *v, enum desc_table t, char *buf, size_t n)
{
	static uint8_t bytes[TABLE_MAX]; /* UI thread only */
	struct out o = { buf, n, 0, 0 };
	const struct vmm_sregs *s = v->sregs;
	char line[320], why[GUEST_WHY_LEN], m[32];
	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (!s) {
		put(&o, "no registers yet (the vCPU has not run)", 0);
		return o.pos;
	}
	enum desc_mode mode = guest_mem_desc_mode(s);
	uint64_t base = t == DESC_GDT ? s->gdt_base : t == DESC_IDT ? s->idt_base : s->ldt.base;
	uint32_t limit = t == DESC_GDT ? s->gdt_limit : t == DESC_IDT ? s->idt_limit : s->ldt.limit;
	if (t == DESC_LDT && (s->ldt.selector & ~7u) == 0) {
		put(&o, "no LDT (LDTR = 0)", 0);
		return o.pos;
	}
	size_t want = (size_t)limit + 1 < TABLE_MAX ? (size_t)limit + 1 : TABLE_MAX;
	size_t have = guest_mem_read(v, GUEST_LINEAR, base, bytes, want, why);
	snprintf(line, sizeof(line), "%s base=0x%llx limit=0x%x",
		 t == DESC_IDT && mode == DESC_MODE_REAL ? "IVT" : t == DESC_GDT ? "GDT"
		 : t == DESC_LDT ? "LDT" : "IDT", (unsigned long long)base, limit);
	put(&o, line, 0);
	struct desc d;
	size_t step;
	for (uint32_t off = 0; (step = desc_decode(bytes, have, limit, t, mode, off, &d)) > 0;
	     off += (uint32_t)step) {
		desc_format(&d, t, line, sizeof(line) - sizeof(m));
		marks(s, t, &d, m, sizeof(m));
		strcat(line, m);
		put(&o, line, 80);
		if (off > UINT32_MAX - step)
			break;
	}
	if (o.left) {
		snprintf(line, sizeof(line), "... %zu more entries", o.left);
		o.left = 0;
		put(&o, line, 0);
	}
	if (have < want) {
		snprintf(line, sizeof(line), "(only %zu of %zu bytes could be read: %s)", have, want, why);
		put(&o, line, 0);
	}
	return o.pos;
}

size_t guest_mem_format_tss(const struct guest_view *v, char *buf, size_t n)
{
	struct out o = { buf, n, 0, 0 };
	const struct vmm_sregs *s = v->sregs;
	uint8_t bytes[104];
	char line[200], why[GUEST_WHY_LEN];
	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (!s || !(s->cr0 & CR0_PE_BIT) || (s->tr.selector & ~7u) == 0) {
		put(&o, !s ? "no registers yet (the vCPU has not run)" : !(s->cr0 & CR0_PE_BIT)
		    ? "real mode: no TSS in use" : "no TSS loaded (TR = 0)", 0);
		return o.pos;
	}
	enum tss_kind kind = guest_mem_desc_mode(s) == DESC_MODE_LONG ? TSS_64
			     : (s->tr.type & 8) ? TSS_32 : TSS_16;
	size_t want = kind == TSS_16 ? 44 : 104;
	if ((uint64_t)s->tr.limit + 1 < want)
		want = (size_t)s->tr.limit + 1;
	size_t have = guest_mem_read(v, GUEST_LINEAR, s->tr.base, bytes, want, why);
	snprintf(line, sizeof(line), "TR=0x%04x base=0x%llx limit=0x%x", s->tr.selector,
		 (unsigned long long)s->tr.base, s->tr.limit);
	put(&o, line, 0);
	struct tss_info info;
	tss_decode(bytes, have, kind, &info);
	o.pos += tss_format(&info, buf + o.pos, n - o.pos);
	if (have < want && why[0]) {
		snprintf(line, sizeof(line), "(read stopped: %s)", why);
		put(&o, line, 0);
	}
	return o.pos;
}
