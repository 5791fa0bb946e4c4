/* descriptors.c — GDT/LDT descriptors and IDT gates from raw table bytes (Intel SDM vol. 3,
 * 3.4.5 and 6.11/6.14) and the TSS (7.2, 8.7): which kind each entry is, its fields, and
 * a line of words for it. Malformed tables are decoded as far as the bytes go and marked.
 * Where the bytes come from (and through which page tables) is guest_mem's business.
 */
#include "descriptors.h"

#include <stdio.h>
#include <string.h>

static const char *const data_code_names[16] = {
	"data, read-only", "data, read-only, accessed",
	"data, read/write", "data, read/write, accessed",
	"data, read-only, expand-down", "data, read-only, expand-down, accessed",
	"data, read/write, expand-down", "data, read/write, expand-down, accessed",
	"code, execute-only", "code, execute-only, accessed",
	"code, execute/read", "code, execute/read, accessed",
	"code, execute-only, conforming", "code, execute-only, conforming, accessed",
	"code, execute/read, conforming", "code, execute/read, conforming, accessed",
};

/* System types (S = 0): legacy (protected mode) and IA-32e, SDM table 3-2. */
struct sys_type {
	enum desc_class cls;
	uint8_t bits;
	const char *name;
};
static const struct sys_type sys_legacy[16] = {
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_TSS, 16, "16-bit TSS (available)" },
	{ DESC_CLASS_LDT, 0, "LDT" },
	{ DESC_CLASS_TSS, 16, "16-bit TSS (busy)" },
	{ DESC_CLASS_CALL_GATE, 16, "16-bit call gate" },
	{ DESC_CLASS_TASK_GATE, 0, "task gate" },
	{ DESC_CLASS_INT_GATE, 16, "16-bit interrupt gate" },
	{ DESC_CLASS_TRAP_GATE, 16, "16-bit trap gate" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_TSS, 32, "32-bit TSS (available)" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_TSS, 32, "32-bit TSS (busy)" },
	{ DESC_CLASS_CALL_GATE, 32, "32-bit call gate" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_INT_GATE, 32, "32-bit interrupt gate" },
	{ DESC_CLASS_TRAP_GATE, 32, "32-bit trap gate" },
};
static const struct sys_type sys_long[16] = {
	{ DESC_CLASS_UPPER, 0, "upper half of a 16-byte descriptor" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_LDT, 64, "LDT" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_TSS, 64, "64-bit TSS (available)" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_TSS, 64, "64-bit TSS (busy)" },
	{ DESC_CLASS_CALL_GATE, 64, "64-bit call gate" },
	{ DESC_CLASS_RESERVED, 0, "reserved system type" },
	{ DESC_CLASS_INT_GATE, 64, "64-bit interrupt gate" },
	{ DESC_CLASS_TRAP_GATE, 64, "64-bit trap gate" },
};

const char *desc_type_name(const struct desc *d)
{
	switch (d->cls) {
	case DESC_CLASS_NULL:
		return "null";
	case DESC_CLASS_IVT:
		return "real-mode vector";
	case DESC_CLASS_CODE:
	case DESC_CLASS_DATA:
		return data_code_names[d->type & 0xF];
	case DESC_CLASS_RESERVED:
		return "reserved system type";
	default:
		return (d->size == 16 || d->cls == DESC_CLASS_UPPER ? sys_long : sys_legacy)
			[d->type & 0xF].name;
	}
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* May this table hold this kind of entry (in this mode)? */
static bool allowed(enum desc_class c, enum desc_table t, enum desc_mode m)
{
	switch (c) {
	case DESC_CLASS_CODE:
	case DESC_CLASS_DATA:
	case DESC_CLASS_CALL_GATE:
		return t != DESC_IDT;
	case DESC_CLASS_TSS:
	case DESC_CLASS_LDT:
		return t == DESC_GDT;
	case DESC_CLASS_TASK_GATE:
		return m != DESC_MODE_LONG;
	case DESC_CLASS_INT_GATE:
	case DESC_CLASS_TRAP_GATE:
		return t == DESC_IDT;
	default:
		return true;
	}
}

static void decode_attrs(struct desc *d, uint64_t lo)
{
	d->type = (lo >> 40) & 0xF;
	d->s = (lo >> 44) & 1;
	d->dpl = (lo >> 45) & 3;
	d->p = (lo >> 47) & 1;
	d->avl = (lo >> 52) & 1;
	d->l = (lo >> 53) & 1;
	d->db = (lo >> 54) & 1;
	d->g = (lo >> 55) & 1;
}

static void decode_segment(struct desc *d, uint64_t lo, uint64_t hi)
{
	d->limit_raw = (uint32_t)((lo & 0xFFFF) | ((lo >> 48) & 0xF) << 16);
	d->limit = d->g ? (uint64_t)d->limit_raw << 12 | 0xFFF : d->limit_raw;
	d->base = ((lo >> 16) & 0xFFFFFF) | ((lo >> 56) & 0xFF) << 24;
	if (d->size == 16)
		d->base |= (hi & 0xFFFFFFFF) << 32;
}

static void decode_gate(struct desc *d, uint64_t lo, uint64_t hi)
{
	d->selector = (lo >> 16) & 0xFFFF;
	d->target = lo & 0xFFFF;
	if (d->bits >= 32)
		d->target |= ((lo >> 48) & 0xFFFF) << 16;
	if (d->bits == 64)
		d->target |= (hi & 0xFFFFFFFF) << 32;
	if (d->cls == DESC_CLASS_CALL_GATE && d->bits == 32)
		d->params = (lo >> 32) & 0x1F;
	if (d->bits == 64 && d->cls != DESC_CLASS_CALL_GATE)
		d->ist = (lo >> 32) & 7;
	if (d->cls == DESC_CLASS_TASK_GATE)
		d->target = 0;
}

/* Kind, size and bits from the first 8 bytes. */
static void classify(struct desc *d, uint64_t lo, enum desc_table t, enum desc_mode m)
{
	decode_attrs(d, lo);
	bool wide_mode = m == DESC_MODE_LONG;
	if (d->s) {
		d->cls = d->type & 8 ? DESC_CLASS_CODE : DESC_CLASS_DATA;
		if (d->cls == DESC_CLASS_CODE)
			d->bits = d->l ? 64 : d->db ? 32 : 16;
		if (d->cls == DESC_CLASS_CODE && d->l && d->db)
			d->flags |= DESC_F_L_AND_D;
		d->size = t == DESC_IDT && wide_mode ? 16 : 8;
		return;
	}
	const struct sys_type *st = &(wide_mode ? sys_long : sys_legacy)[d->type];
	d->cls = st->cls;
	d->bits = st->bits;
	if (d->cls == DESC_CLASS_RESERVED)
		d->flags |= DESC_F_RESERVED_TYPE;
	bool wide = wide_mode && (t == DESC_IDT || d->cls == DESC_CLASS_TSS ||
				  d->cls == DESC_CLASS_LDT || d->cls == DESC_CLASS_CALL_GATE);
	d->size = wide ? 16 : 8;
}

static size_t decode_ivt(const uint8_t *b, size_t got, struct desc *d)
{
	d->size = 4;
	d->cls = DESC_CLASS_IVT;
	d->index = (uint16_t)(d->offset / 4);
	d->raw[0] = le64(b) & 0xFFFFFFFF;
	d->target = d->raw[0] & 0xFFFF;
	d->selector = (uint16_t)(d->raw[0] >> 16);
	d->bits = 16;
	if (got < 4)
		d->flags |= DESC_F_TRUNCATED;
	return 4;
}

size_t desc_decode(const uint8_t *buf, size_t have, uint32_t limit, enum desc_table table,
		   enum desc_mode mode, uint32_t offset, struct desc *out)
{
	uint64_t end = (uint64_t)limit + 1;
	if (have < end)
		end = have;
	memset(out, 0, sizeof(*out));
	out->offset = offset;
	if (offset >= end)
		return 0;
	uint8_t b[16] = { 0 };
	size_t got = end - offset < 16 ? (size_t)(end - offset) : 16;
	memcpy(b, buf + offset, got);
	if (table == DESC_IDT && mode == DESC_MODE_REAL)
		return decode_ivt(b, got, out);

	uint64_t lo = le64(b);
	classify(out, lo, table, mode);
	out->index = (uint16_t)(table == DESC_IDT ? offset / out->size : offset / 8);
	uint64_t hi = out->size == 16 ? le64(b + 8) : 0;
	out->raw[0] = lo;
	out->raw[1] = hi;
	if (got < out->size)
		out->flags |= DESC_F_TRUNCATED;
	bool zero = lo == 0 && hi == 0;
	if (zero) {
		out->cls = DESC_CLASS_NULL;
		out->flags &= DESC_F_TRUNCATED;
		return out->size;
	}
	if (!allowed(out->cls, table, mode))
		out->flags |= DESC_F_NOT_HERE;
	if (out->size == 16 && table != DESC_IDT && ((hi >> 40) & 0x1F) != 0)
		out->flags |= DESC_F_BAD_UPPER;
	switch (out->cls) {
	case DESC_CLASS_CODE:
	case DESC_CLASS_DATA:
	case DESC_CLASS_TSS:
	case DESC_CLASS_LDT:
	case DESC_CLASS_RESERVED:
	case DESC_CLASS_UPPER:
		decode_segment(out, lo, hi);
		break;
	default:
		decode_gate(out, lo, hi);
		break;
	}
	return out->size;
}

size_t desc_decode_table(const uint8_t *buf, size_t have, uint32_t limit,
			 enum desc_table table, enum desc_mode mode, struct desc *out, size_t max)
{
	size_t n = 0, step;
	uint64_t off = 0;
	while (n < max && off <= UINT32_MAX &&
	       (step = desc_decode(buf, have, limit, table, mode, (uint32_t)off, &out[n])) > 0) {
		off += step;
		n++;
	}
	return n;
}

/* ---- words ---- */

static const char *const table_names[] = { "GDT", "LDT", "IDT" };

static void attrs(const struct desc *d, char *buf, size_t n)
{
	bool seg = d->cls == DESC_CLASS_CODE || d->cls == DESC_CLASS_DATA ||
		   d->cls == DESC_CLASS_TSS || d->cls == DESC_CLASS_LDT;
	snprintf(buf, n, "DPL=%u %s%s%s%s%s", d->dpl, d->p ? "P" : "not present",
		 seg && d->g ? " G" : "", seg && d->avl ? " AVL" : "",
		 d->cls == DESC_CLASS_CODE && d->l ? " L" : "",
		 d->cls == DESC_CLASS_DATA && d->db ? " B" : "");
}

static void body(const struct desc *d, char *buf, size_t n)
{
	char a[48];
	attrs(d, a, sizeof(a));
	const char *name = desc_type_name(d);
	unsigned long long base = d->base, limit = d->limit, target = d->target;
	switch (d->cls) {
	case DESC_CLASS_NULL:
		snprintf(buf, n, "null");
		break;
	case DESC_CLASS_IVT:
		snprintf(buf, n, "%04x:%04llx (linear 0x%05llx)", d->selector, target,
			 ((unsigned long long)d->selector << 4) + target);
		break;
	case DESC_CLASS_CODE:
		snprintf(buf, n, "%s  base=0x%llx limit=0x%llx %s %u-bit", name, base, limit, a,
			 d->bits);
		break;
	case DESC_CLASS_DATA:
	case DESC_CLASS_TSS:
	case DESC_CLASS_LDT:
		snprintf(buf, n, "%s  base=0x%llx limit=0x%llx %s", name, base, limit, a);
		break;
	case DESC_CLASS_TASK_GATE:
		snprintf(buf, n, "%s  TSS selector 0x%04x %s", name, d->selector, a);
		break;
	case DESC_CLASS_CALL_GATE:
	case DESC_CLASS_INT_GATE:
	case DESC_CLASS_TRAP_GATE:
		snprintf(buf, n, "%s  -> 0x%04x:0x%llx %s", name, d->selector, target, a);
		if (d->bits == 64 && d->cls != DESC_CLASS_CALL_GATE)
			snprintf(buf + strlen(buf), n - strlen(buf), " IST=%u", d->ist);
		if (d->cls == DESC_CLASS_CALL_GATE && d->bits == 32)
			snprintf(buf + strlen(buf), n - strlen(buf), " params=%u", d->params);
		break;
	default:
		snprintf(buf, n, "%s 0x%x (S=0)  raw=0x%016llx", name, d->type,
			 (unsigned long long)d->raw[0]);
		break;
	}
}

int desc_format(const struct desc *d, enum desc_table table, char *buf, size_t n)
{
	char head[16], text[160];
	if (d->cls == DESC_CLASS_IVT)
		snprintf(head, sizeof(head), "IVT[0x%02x]", d->index);
	else if (table == DESC_IDT)
		snprintf(head, sizeof(head), "IDT[0x%02x]", d->index);
	else /* the selector (RPL 0) that names the entry */
		snprintf(head, sizeof(head), "%s[0x%02x]", table_names[table],
			 d->offset | (table == DESC_LDT ? 4u : 0u));
	body(d, text, sizeof(text));
	return snprintf(buf, n, "%s %s%s%s%s%s%s%s", head, text,
			d->flags & DESC_F_TRUNCATED ? " [truncated]" : "",
			d->flags & DESC_F_NOT_HERE ? " [not allowed in the " : "",
			d->flags & DESC_F_NOT_HERE ? table_names[table] : "",
			d->flags & DESC_F_NOT_HERE ? "]" : "",
			d->flags & DESC_F_BAD_UPPER ? " [upper half's type not 0]" : "",
			d->flags & DESC_F_L_AND_D ? " [L and D both set: reserved]" : "");
}

/* Append one line if it fits with `keep` bytes to spare. */
static bool put_line(char *out, size_t n, size_t *pos, const char *line, size_t keep)
{
	size_t len = strlen(line);
	if (*pos + len + 1 + keep >= n)
		return false;
	memcpy(out + *pos, line, len);
	out[*pos + len] = '\n';
	*pos += len + 1;
	out[*pos] = '\0';
	return true;
}

size_t desc_format_table(const uint8_t *buf, size_t have, uint64_t base, uint32_t limit,
			 enum desc_table table, enum desc_mode mode, char *out, size_t n)
{
	char line[256];
	size_t pos = 0, left = 0, step;
	bool ivt = table == DESC_IDT && mode == DESC_MODE_REAL;
	if (n == 0)
		return 0;
	out[0] = '\0';
	snprintf(line, sizeof(line), "%s base=0x%llx limit=0x%x", ivt ? "IVT" : table_names[table],
		 (unsigned long long)base, limit);
	if (!put_line(out, n, &pos, line, 0))
		return pos;
	struct desc d;
	bool full = false;
	for (uint64_t off = 0; off <= UINT32_MAX &&
	     (step = desc_decode(buf, have, limit, table, mode, (uint32_t)off, &d)) > 0; off += step) {
		desc_format(&d, table, line, sizeof(line));
		if (!full && !put_line(out, n, &pos, line, 48))
			full = true;
		left += full;
	}
	if (left) {
		snprintf(line, sizeof(line), "... %zu more entries", left);
		put_line(out, n, &pos, line, 0);
	}
	if (have < (uint64_t)limit + 1) {
		snprintf(line, sizeof(line), "(only %zu of %llu bytes could be read)", have,
			 (unsigned long long)limit + 1);
		put_line(out, n, &pos, line, 0);
	}
	return pos;
}
