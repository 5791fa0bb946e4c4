/* tss.c — the task-state segment in words (Intel SDM vol. 3, 7.2.1, 7.2.4 and 8.7): the
 * stacks the CPU switches to (ESP0/SS0 ..., RSP0-2, IST1-7), the saved registers of a 16/32-bit
 * task, the I/O map base. From bytes the caller copied; fields past them are not shown.
 */
#include "tss.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct tss_field {
	const char *name;
	uint8_t off, size; /* where in the TSS, how many bytes */
	uint8_t line;      /* fields with the same line number print on one line */
	size_t member;     /* offsetof the uint64_t in struct tss_info */
};
#define TF(name, off, size, line, m) { name, off, size, line, offsetof(struct tss_info, m) }
static const struct tss_field tss16_fields[] = {
	TF("link", 0x00, 2, 0, link), TF("SP0", 0x02, 2, 1, sp[0]), TF("SS0", 0x04, 2, 1, ss[0]),
	TF("SP1", 0x06, 2, 1, sp[1]), TF("SS1", 0x08, 2, 1, ss[1]), TF("SP2", 0x0A, 2, 1, sp[2]),
	TF("SS2", 0x0C, 2, 1, ss[2]), TF("IP", 0x0E, 2, 2, ip), TF("FLAGS", 0x10, 2, 2, flags),
	TF("AX", 0x12, 2, 3, gpr[0]), TF("CX", 0x14, 2, 3, gpr[1]), TF("DX", 0x16, 2, 3, gpr[2]),
	TF("BX", 0x18, 2, 3, gpr[3]), TF("SP", 0x1A, 2, 4, gpr[4]), TF("BP", 0x1C, 2, 4, gpr[5]),
	TF("SI", 0x1E, 2, 4, gpr[6]), TF("DI", 0x20, 2, 4, gpr[7]), TF("ES", 0x22, 2, 5, seg[0]),
	TF("CS", 0x24, 2, 5, seg[1]), TF("SS", 0x26, 2, 5, seg[2]), TF("DS", 0x28, 2, 5, seg[3]),
	TF("LDT", 0x2A, 2, 5, ldt),
};
static const struct tss_field tss32_fields[] = {
	TF("link", 0x00, 2, 0, link), TF("CR3", 0x1C, 4, 0, cr3), TF("LDT", 0x60, 2, 0, ldt),
	TF("ESP0", 0x04, 4, 1, sp[0]), TF("SS0", 0x08, 2, 1, ss[0]),
	TF("ESP1", 0x0C, 4, 1, sp[1]), TF("SS1", 0x10, 2, 1, ss[1]),
	TF("ESP2", 0x14, 4, 1, sp[2]), TF("SS2", 0x18, 2, 1, ss[2]),
	TF("EIP", 0x20, 4, 2, ip), TF("EFLAGS", 0x24, 4, 2, flags),
	TF("EAX", 0x28, 4, 3, gpr[0]), TF("ECX", 0x2C, 4, 3, gpr[1]),
	TF("EDX", 0x30, 4, 3, gpr[2]), TF("EBX", 0x34, 4, 3, gpr[3]),
	TF("ESP", 0x38, 4, 4, gpr[4]), TF("EBP", 0x3C, 4, 4, gpr[5]),
	TF("ESI", 0x40, 4, 4, gpr[6]), TF("EDI", 0x44, 4, 4, gpr[7]),
	TF("ES", 0x48, 2, 5, seg[0]), TF("CS", 0x4C, 2, 5, seg[1]), TF("SS", 0x50, 2, 5, seg[2]),
	TF("DS", 0x54, 2, 5, seg[3]), TF("FS", 0x58, 2, 5, seg[4]), TF("GS", 0x5C, 2, 5, seg[5]),
	TF("T", 0x64, 1, 6, trap), TF("I/O map base", 0x66, 2, 6, iomap_base),
};
static const struct tss_field tss64_fields[] = {
	TF("RSP0", 0x04, 8, 0, sp[0]), TF("RSP1", 0x0C, 8, 0, sp[1]), TF("RSP2", 0x14, 8, 0, sp[2]),
	TF("IST1", 0x24, 8, 1, ist[0]), TF("IST2", 0x2C, 8, 1, ist[1]),
	TF("IST3", 0x34, 8, 1, ist[2]), TF("IST4", 0x3C, 8, 1, ist[3]),
	TF("IST5", 0x44, 8, 2, ist[4]), TF("IST6", 0x4C, 8, 2, ist[5]),
	TF("IST7", 0x54, 8, 2, ist[6]), TF("I/O map base", 0x66, 2, 3, iomap_base),
};
#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))
static const struct {
	const struct tss_field *fields;
	size_t count, size;
	const char *name;
} kinds[] = {
	[TSS_16] = { tss16_fields, NFIELDS(tss16_fields), 44, "16-bit" },
	[TSS_32] = { tss32_fields, NFIELDS(tss32_fields), 104, "32-bit" },
	[TSS_64] = { tss64_fields, NFIELDS(tss64_fields), 104, "64-bit" },
};

enum tss_kind tss_kind_of(const struct desc *d)
{
	return d->bits == 64 ? TSS_64 : d->bits == 16 ? TSS_16 : TSS_32;
}

static uint64_t *slot(struct tss_info *t, const struct tss_field *f)
{
	return (uint64_t *)((char *)t + f->member);
}

static uint64_t value(const struct tss_info *t, const struct tss_field *f)
{
	return *(const uint64_t *)((const char *)t + f->member);
}

void tss_decode(const uint8_t *buf, size_t have, enum tss_kind kind, struct tss_info *out)
{
	memset(out, 0, sizeof(*out));
	if ((unsigned)kind > TSS_64)
		kind = TSS_32;
	out->kind = kind;
	out->have = have < kinds[kind].size ? have : kinds[kind].size;
	out->truncated = have < kinds[kind].size;
	for (size_t i = 0; i < kinds[kind].count; i++) {
		const struct tss_field *f = &kinds[kind].fields[i];
		if ((size_t)f->off + f->size > out->have)
			continue;
		uint64_t v = 0;
		for (int b = f->size - 1; b >= 0; b--)
			v = v << 8 | buf[f->off + b];
		*slot(out, f) = f->size == 1 ? v & 1 : v; /* T is bit 0 of its word */
	}
}

/* Append a line (and its newline) if it fits; false if not. */
static bool put_line(char *out, size_t n, size_t *pos, const char *line)
{
	size_t len = strlen(line);
	if (*pos + len + 1 >= n)
		return false;
	memcpy(out + *pos, line, len);
	out[*pos + len] = '\n';
	*pos += len + 1;
	out[*pos] = '\0';
	return true;
}

size_t tss_format(const struct tss_info *t, char *out, size_t n)
{
	char line[256];
	size_t pos = 0, len = 0;
	if (n == 0)
		return 0;
	out[0] = '\0';
	enum tss_kind k = (unsigned)t->kind > TSS_64 ? TSS_32 : t->kind;
	snprintf(line, sizeof(line), "%s TSS, %zu bytes%s", kinds[k].name, kinds[k].size,
		 t->truncated ? " (truncated: only the fields read are shown)" : "");
	put_line(out, n, &pos, line);
	int cur = -1;
	for (size_t i = 0; i < kinds[k].count; i++) {
		const struct tss_field *f = &kinds[k].fields[i];
		if ((size_t)f->off + f->size > t->have)
			continue;
		if (f->line != cur && len) {
			if (!put_line(out, n, &pos, line))
				return pos;
			len = 0;
		}
		cur = f->line;
		uint64_t v = value(t, f);
		int w = snprintf(line + len, sizeof(line) - len, "%s%s=0x%llx", len ? " " : "",
				 f->name, (unsigned long long)v);
		len = w < 0 ? len : len + (size_t)w >= sizeof(line) ? sizeof(line) - 1 : len + (size_t)w;
	}
	if (len)
		put_line(out, n, &pos, line);
	return pos;
}
