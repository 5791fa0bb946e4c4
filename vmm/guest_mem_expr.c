/* guest_mem_expr.c — the addresses a monitor user types, turned into linear or physical
 * addresses with the vCPU's registers: "ds:si", "ss:sp+2", "rsp+8", "1000:0012",
 * "p 0x1234", "cr2". Errors are one line. Reading what is there is guest_mem.c's job.
 */
#include "guest_mem.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "descriptors.h"

#define CR0_PE_BIT 0x1ULL
#define EFER_LMA_BIT (1ULL << 10)

enum { SLOT_RIP = 16, SLOT_RFLAGS = 17, SLOT_CR0 = 18, SLOT_CR2, SLOT_CR3, SLOT_CR4 };
enum seg_id { SEG_NONE = -1, SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS };

struct parse {
	const struct guest_view *v;
	char *err;
	size_t errlen;
	bool hex;             /* bare numbers are hex (seg:off) */
	enum seg_id implied;  /* the first term's register's usual segment */
};

__attribute__((format(printf, 2, 3))) static int fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (p->errlen)
		vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	for (char *c = p->err; p->errlen && *c; c++) /* what the user typed, made printable */
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7F)
			*c = '?';
	return -1;
}

static bool is_word(char c) /* ASCII only, whatever the locale */
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct reg {
	int slot;          /* 0..15 rax..r15 (vmm_regs order), SLOT_* */
	unsigned shift, bits;
};

/* rax..rbp in struct vmm_regs order, by their 16-bit names */
static const char *const gpr16[8] = { "ax", "bx", "cx", "dx", "si", "di", "sp", "bp" };

static bool find_reg(const char *n, struct reg *r)
{
	static const char *const low8[8] = { "al", "bl", "cl", "dl", "sil", "dil", "spl", "bpl" };
	static const char *const high8[4] = { "ah", "bh", "ch", "dh" };
	static const struct { const char *name; int slot; unsigned bits; } other[] = {
		{ "rip", SLOT_RIP, 64 }, { "eip", SLOT_RIP, 32 }, { "ip", SLOT_RIP, 16 },
		{ "rflags", SLOT_RFLAGS, 64 }, { "eflags", SLOT_RFLAGS, 32 }, { "flags", SLOT_RFLAGS, 16 },
		{ "cr0", SLOT_CR0, 64 }, { "cr2", SLOT_CR2, 64 }, { "cr3", SLOT_CR3, 64 },
		{ "cr4", SLOT_CR4, 64 },
	};
	*r = (struct reg){ -1, 0, 64 };
	for (int i = 0; i < 8; i++) {
		if (!strcmp(n, gpr16[i]))
			*r = (struct reg){ i, 0, 16 };
		else if (n[0] == 'e' && !strcmp(n + 1, gpr16[i]))
			*r = (struct reg){ i, 0, 32 };
		else if (n[0] == 'r' && !strcmp(n + 1, gpr16[i]))
			*r = (struct reg){ i, 0, 64 };
		else if (!strcmp(n, low8[i]))
			*r = (struct reg){ i, 0, 8 };
		else if (i < 4 && !strcmp(n, high8[i]))
			*r = (struct reg){ i, 8, 8 };
	}
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (!strcmp(n, other[i].name))
			*r = (struct reg){ other[i].slot, 0, other[i].bits };
	unsigned num;
	char suffix[4] = "";
	int used = 0;
	if (r->slot < 0 && sscanf(n, "r%u%n%3s", &num, &used, suffix) >= 1 && num >= 8 &&
	    num <= 15 && n[1] != '0' && (size_t)used + strlen(suffix) == strlen(n)) {
		unsigned bits = !suffix[0] ? 64 : !strcmp(suffix, "d") ? 32 : !strcmp(suffix, "w") ? 16
			      : !strcmp(suffix, "b") ? 8 : 0;
		if (bits)
			*r = (struct reg){ (int)num, 0, bits };
	}
	return r->slot >= 0;
}

static uint64_t reg_value(const struct guest_view *v, const struct reg *r)
{
	const struct vmm_regs *g = v->regs;
	const struct vmm_sregs *s = v->sregs;
	uint64_t all[SLOT_RFLAGS + 1] = { g->rax, g->rbx, g->rcx, g->rdx, g->rsi, g->rdi, g->rsp,
					  g->rbp, g->r8, g->r9, g->r10, g->r11, g->r12, g->r13,
					  g->r14, g->r15, g->rip, g->rflags };
	uint64_t x = r->slot == SLOT_CR0 ? s->cr0 : r->slot == SLOT_CR2 ? s->cr2
		   : r->slot == SLOT_CR3 ? s->cr3 : r->slot == SLOT_CR4 ? s->cr4 : all[r->slot];
	x >>= r->shift;
	return r->bits == 64 ? x : x & ((1ULL << r->bits) - 1);
}

static enum seg_id find_seg(const char *n)
{
	static const char *const names[] = { "es", "cs", "ss", "ds", "fs", "gs" };
	for (int i = 0; i < 6; i++)
		if (!strcmp(n, names[i]))
			return (enum seg_id)i;
	return SEG_NONE;
}

static const struct vmm_segment *seg_of(const struct vmm_sregs *s, enum seg_id id)
{
	const struct vmm_segment *all[] = { &s->es, &s->cs, &s->ss, &s->ds, &s->fs, &s->gs };
	return all[id];
}

/* A number: 0x prefix hex, else hex in seg:off, decimal elsewhere. */
static int number(struct parse *p, const char *t, uint64_t *out)
{
	unsigned base = p->hex ? 16 : 10;
	const char *d = t;
	if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X'))
		base = 16, d = t + 2;
	if (!*d)
		return fail(p, "bad number '%s'", t);
	uint64_t x = 0;
	for (; *d; d++) {
		int c = tolower((unsigned char)*d);
		unsigned dig = isdigit(c) ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 99;
		if (dig >= base)
			return fail(p, base == 10 ? "bad number '%s' (hex needs 0x)" : "bad number '%s'", t);
		if (x > (UINT64_MAX - dig) / base)
			return fail(p, "number too large '%s'", t);
		x = x * base + dig;
	}
	*out = x;
	return 0;
}

static bool all_hex(const char *t)
{
	for (; *t; t++)
		if (!isxdigit((unsigned char)*t))
			return false;
	return true;
}

/* One term: a register or a number. first: the term sets the implied segment. */
static int term(struct parse *p, const char *t, bool first, uint64_t *out)
{
	struct reg r;
	if (!*t)
		return fail(p, "missing a number or register");
	if (isdigit((unsigned char)t[0]) || (!find_reg(t, &r) && p->hex && all_hex(t)))
		return number(p, t, out);
	if (!find_reg(t, &r))
		return find_seg(t) != SEG_NONE ? fail(p, "%s is a segment register: write %s:OFFSET", t, t)
					       : fail(p, "unknown register '%s'", t);
	if (!p->v->regs || (r.slot >= SLOT_CR0 && !p->v->sregs))
		return fail(p, "no registers yet: '%s' has no value (the vCPU has not run)", t);
	if (first && r.slot < SLOT_CR0) /* CR2 and friends are linear already */
		p->implied = r.slot == SLOT_RIP ? SEG_CS : (r.slot == 6 || r.slot == 7) ? SEG_SS : SEG_DS;
	*out = reg_value(p->v, &r);
	return 0;
}

/* term (+|- term)* over [s, e): tokens are runs of letters and digits. */
static int sum(struct parse *p, const char *s, uint64_t *out)
{
	uint64_t total = 0;
	int sign = 1;
	bool first = true;
	for (;;) {
		char tok[40];
		size_t n = 0;
		while (isspace((unsigned char)*s))
			s++;
		while (is_word(*s)) {
			if (n + 1 < sizeof(tok))
				tok[n++] = (char)tolower((unsigned char)*s);
			s++;
		}
		tok[n] = '\0';
		if (n + 1 >= sizeof(tok))
			return fail(p, "'%.20s...' is too long", tok);
		uint64_t x;
		if (!n && *s && !first)
			return fail(p, "expected a number or register after '%c', got '%c'", sign > 0 ? '+' : '-', *s);
		if (!n && *s)
			return fail(p, "unexpected '%c'", *s);
		if (term(p, tok, first, &x) < 0)
			return -1;
		total += sign > 0 ? x : -x;
		first = false;
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (*s != '+' && *s != '-')
			return fail(p, "expected + or - after '%s', got '%c'", tok, *s);
		sign = *s++ == '+' ? 1 : -1;
	}
	*out = total;
	return 0;
}


/* Bits of an offset in the current code: 16 (real mode, 16-bit code), 32 or 64. */
static unsigned code_bits(const struct vmm_sregs *s)
{
	if (!s)
		return 64;
	if (!(s->cr0 & CR0_PE_BIT))
		return 16;
	if ((s->efer & EFER_LMA_BIT) && s->cs.l)
		return 64;
	return s->cs.db ? 32 : 16;
}

/* A numeric selector's base in protected mode: its descriptor from the GDT or LDT. */
static int selector_base(struct parse *p, uint16_t sel, uint64_t *base)
{
	const struct vmm_sregs *s = p->v->sregs;
	bool ldt = sel & 4;
	uint64_t tbase = ldt ? s->ldt.base : s->gdt_base;
	uint32_t limit = ldt ? s->ldt.limit : s->gdt_limit;
	const char *name = ldt ? "LDT" : "GDT";
	uint8_t b[8];
	char why[GUEST_WHY_LEN];
	struct desc d;
	if (!ldt && (sel & ~7u) == 0)
		return fail(p, "selector 0x%x is the null selector", sel);
	if ((uint32_t)(sel | 7u) > limit)
		return fail(p, "selector 0x%x is past the %s's limit 0x%x", sel, name, limit);
	if (guest_mem_read(p->v, GUEST_LINEAR, tbase + (sel & ~7u), b, 8, why) < 8)
		return fail(p, "selector 0x%x: %s", sel, why);
	desc_decode(b, 8, 7, ldt ? DESC_LDT : DESC_GDT, DESC_MODE_PROT, 0, &d);
	if (d.cls != DESC_CLASS_CODE && d.cls != DESC_CLASS_DATA)
		return fail(p, "selector 0x%x is a %s, not a code or data segment", sel,
			    desc_type_name(&d));
	*base = d.base;
	return 0;
}

/* The base a segment adds: what the CPU would add for it now. */
static int seg_base(struct parse *p, enum seg_id id, bool numeric, uint16_t sel, uint64_t *base)
{
	const struct vmm_sregs *s = p->v->sregs;
	unsigned bits = code_bits(s);
	*base = 0;
	if (!s || !(s->cr0 & CR0_PE_BIT)) {
		*base = numeric || !s ? (uint64_t)sel << 4 : seg_of(s, id)->base;
		return 0;
	}
	if (bits == 64) /* 64-bit code: only FS and GS have a base */
		*base = !numeric && (id == SEG_FS || id == SEG_GS) ? seg_of(s, id)->base : 0;
	else if (!numeric)
		*base = seg_of(s, id)->base;
	else
		return selector_base(p, sel, base);
	return 0;
}

static char *trim(char *t)
{
	while (isspace((unsigned char)*t))
		t++;
	size_t n = strlen(t);
	while (n && isspace((unsigned char)t[n - 1]))
		t[--n] = '\0';
	return t;
}

/* The segment part of seg:off, lower case, trimmed: a register or a (hex) number. */
static int segment(struct parse *p, char *t, enum seg_id *id, bool *numeric, uint16_t *sel)
{
	for (char *c = t; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	*id = find_seg(t);
	*numeric = *id == SEG_NONE;
	if (!*t)
		return fail(p, "missing the segment before ':'");
	if (!*numeric) {
		if (!p->v->sregs)
			return fail(p, "no segment registers yet: '%s' has no value", t);
		*sel = seg_of(p->v->sregs, *id)->selector;
		return 0;
	}
	uint64_t x;
	struct reg r;
	if (find_reg(t, &r))
		return fail(p, "'%s' is not a segment register (cs ds es fs gs ss)", t);
	if (!isdigit((unsigned char)t[0]) && !all_hex(t))
		return fail(p, "unknown segment '%s' (cs ds es fs gs ss or a number)", t);
	if (number(p, t, &x) < 0)
		return -1;
	if (x > 0xFFFF)
		return fail(p, "segment 0x%llx is wider than 16 bits", (unsigned long long)x);
	*sel = (uint16_t)x;
	return 0;
}

int guest_addr_parse(const struct guest_view *v, const char *text, struct guest_addr *out,
		     char *err, size_t errlen)
{
	struct parse p = { v, err, errlen, false, SEG_NONE };
	char buf[128];
	if (errlen)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (strlen(text) >= sizeof(buf))
		return fail(&p, "address too long");
	strcpy(buf, text);
	char *t = trim(buf);
	if (!*t)
		return fail(&p, "empty address");
	if ((t[0] == 'p' || t[0] == 'P') && (isspace((unsigned char)t[1]) || isdigit((unsigned char)t[1]))) {
		if (strchr(t, ':'))
			return fail(&p, "a physical address has no segment");
		out->kind = GUEST_PHYSICAL;
		if (sum(&p, t + 1, &out->off) < 0)
			return -1;
		out->addr = out->off;
		return 0;
	}
	char *colon = strchr(t, ':');
	enum seg_id id = SEG_NONE;
	bool numeric = false;
	if (colon) {
		*colon = '\0';
		p.hex = true;
		if (strchr(colon + 1, ':'))
			return fail(&p, "more than one ':'");
		if (segment(&p, trim(t), &id, &numeric, &out->seg) < 0)
			return -1;
		out->has_seg = true;
		t = colon + 1;
	}
	uint64_t off;
	if (sum(&p, t, &off) < 0)
		return -1;
	unsigned bits = code_bits(v->sregs);
	if (!colon && p.implied != SEG_NONE && v->sregs) {
		id = p.implied; /* a register's usual segment */
		out->seg = seg_of(v->sregs, id)->selector;
	}
	if (id == SEG_NONE && !numeric) {
		out->addr = out->off = off; /* a plain number: already linear */
	} else {
		if (seg_base(&p, id, numeric, out->seg, &out->seg_base) < 0)
			return -1;
		out->off = bits == 64 ? off : off & ((1ULL << bits) - 1);
		out->addr = out->seg_base + out->off;
	}
	bool real = v->sregs && !(v->sregs->cr0 & CR0_PE_BIT);
	if (v->sregs && !real && bits != 64)
		out->addr &= 0xFFFFFFFFULL; /* 32-bit linear addresses */
	return 0;
}
