/* pagewalk_text.c — a page walk in words: the mode, one line per level (index, entry
 * address, raw entry, flags, where it leads), the outcome and the access's verdict.
 * The walk itself is pagewalk.c's; nothing here reads guest memory.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pagewalk.h"

const char *pagewalk_mode_name(enum pagewalk_mode m)
{
	static const char *const names[] = {
		[PAGEWALK_MODE_OFF] = "paging off",
		[PAGEWALK_MODE_32] = "32-bit paging",
		[PAGEWALK_MODE_PAE] = "PAE paging",
		[PAGEWALK_MODE_4LEVEL] = "4-level paging",
		[PAGEWALK_MODE_5LEVEL] = "5-level paging",
	};
	return (unsigned)m <= PAGEWALK_MODE_5LEVEL ? names[m] : "?";
}

char *pagewalk_flags_text(uint32_t flags, unsigned width, char *buf, size_t n)
{
	static const char *const up[] = { "P", "RW", "US", "PWT", "PCD", "A", "D", "PS", "G", "NX" };
	static const char *const low[] = { "p", "rw", "us", "pwt", "pcd", "a", "d", "ps", "g", "nx" };
	size_t pos = 0;
	if (n)
		buf[0] = '\0';
	for (unsigned i = 0; i < 10 && pos < n; i++) {
		if (i == 9 && width != 8)
			break;
		int w = snprintf(buf + pos, n - pos, "%s%s", i ? " " : "", flags >> i & 1 ? up[i] : low[i]);
		if (w < 0)
			break;
		pos += (size_t)w;
	}
	return buf;
}

static const char *size_name(uint64_t size)
{
	switch (size) {
	case 1ULL << 12: return "4 KiB";
	case 1ULL << 21: return "2 MiB";
	case 1ULL << 22: return "4 MiB";
	case 1ULL << 30: return "1 GiB";
	default: return "?";
	}
}

static const char *access_name(unsigned a)
{
	static const char *const names[] = {
		"ring-0 read", "ring-0 write", "ring-3 read", "ring-3 write",
		"ring-0 execute", "ring-0 execute", "ring-3 execute", "ring-3 execute",
	};
	return names[a & 7];
}

struct sink {
	char *out;
	size_t n, pos;
	bool full;
};

/* One line, whole or not at all. */
__attribute__((format(printf, 2, 3))) static void line(struct sink *s, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (len < 0 || s->full)
		return;
	if ((size_t)len >= sizeof(buf))
		len = sizeof(buf) - 1;
	if (s->pos + (size_t)len + 1 >= s->n) {
		s->full = true;
		return;
	}
	memcpy(s->out + s->pos, buf, (size_t)len);
	s->pos += (size_t)len;
	s->out[s->pos++] = '\n';
	s->out[s->pos] = '\0';
}

static void level_line(struct sink *s, const struct pagewalk_result *r, int i)
{
	const struct pagewalk_level *l = &r->level[i];
	char flags[64], tail[96];
	unsigned long long next = l->next;
	pagewalk_flags_text(l->flags, l->width, flags, sizeof(flags));
	bool stop = i == r->stop_level;
	if (stop && r->status == PAGEWALK_NOT_PRESENT)
		snprintf(tail, sizeof(tail), "  not present");
	else if (stop && r->status == PAGEWALK_RESERVED)
		snprintf(tail, sizeof(tail), "  reserved bits 0x%llx set",
			 (unsigned long long)r->reserved_bits);
	else if (l->leaf)
		snprintf(tail, sizeof(tail), " -> %s page 0x%llx", size_name(l->page_size), next);
	else
		snprintf(tail, sizeof(tail), " -> %s 0x%llx%s",
			 i + 1 < 4 && r->level[i + 1].table ? r->level[i + 1].table : "table", next,
			 stop && r->status == PAGEWALK_OUTSIDE_RAM ? ": outside guest RAM" : "");
	line(s, "%-5s[%3u] @0x%llx = 0x%0*llx  %s%s", l->name, l->index,
	     (unsigned long long)l->entry_addr, (int)l->width * 2, (unsigned long long)l->entry,
	     flags, tail);
}

static void outcome(struct sink *s, const struct pagewalk_result *r)
{
	const struct pagewalk_level *l = r->stop_level >= 0 ? &r->level[r->stop_level] : NULL;
	unsigned long long phys = r->phys;
	switch (r->status) {
	case PAGEWALK_OK:
		if (r->mode == PAGEWALK_MODE_OFF)
			line(s, "physical 0x%llx (paging off)%s", phys,
			     r->phys_in_ram ? "" : ", outside guest RAM");
		else
			line(s, "physical 0x%llx (in the %s page at 0x%llx)%s", phys,
			     size_name(r->page_size), phys & ~(r->page_size - 1),
			     r->phys_in_ram ? "" : ", outside guest RAM");
		break;
	case PAGEWALK_NOT_PRESENT:
		line(s, "stops at %s[%u]: not present (P = 0)", l->name, l->index);
		break;
	case PAGEWALK_RESERVED:
		line(s, "stops at %s[%u]: reserved bits set (0x%llx)", l->name, l->index,
		     (unsigned long long)r->reserved_bits);
		break;
	case PAGEWALK_OUTSIDE_RAM:
		if (!l)
			line(s, "stops at CR3: the top table at 0x%llx is outside guest RAM",
			     (unsigned long long)r->cr3_table);
		else
			line(s, "stops at %s[%u]: the table it points to (0x%llx) is outside guest RAM",
			     l->name, l->index, (unsigned long long)l->next);
		break;
	case PAGEWALK_NONCANONICAL:
		line(s, "not canonical: bits 63:47 differ (a #GP, no walk)");
		break;
	case PAGEWALK_UNSUPPORTED:
		line(s, "5-level paging (CR4.LA57) is not walked by Mini-KVM");
		break;
	}
}

static void verdict(struct sink *s, const struct pagewalk_result *r)
{
	const char *who = access_name(r->access);
	if (r->allowed)
		line(s, "%s: allowed", who);
	else if (r->deny_reason)
		line(s, "%s: faults at %s[%u]: %s, #PF error 0x%x", who, r->level[r->deny_level].name,
		     r->level[r->deny_level].index, r->deny_reason, r->pf_error);
	else if (r->pf_error || r->status == PAGEWALK_NOT_PRESENT)
		line(s, "%s: faults (%s), #PF error 0x%x", who,
		     r->status == PAGEWALK_NOT_PRESENT ? "not present" : "reserved bit", r->pf_error);
	else
		line(s, "%s: no translation", who);
}

size_t pagewalk_format(const struct pagewalk_result *r, char *out, size_t n)
{
	struct sink s = { out, n, 0, n == 0 };
	if (n)
		out[0] = '\0';
	if (!r->level[0].table)
		line(&s, "linear 0x%llx: %s", (unsigned long long)r->linear, pagewalk_mode_name(r->mode));
	else
		line(&s, "linear 0x%llx: %s, CR3 -> %s at 0x%llx", (unsigned long long)r->linear,
		     pagewalk_mode_name(r->mode), r->level[0].table, (unsigned long long)r->cr3_table);
	for (int i = 0; i < r->nlevels; i++)
		level_line(&s, r, i);
	outcome(&s, r);
	verdict(&s, r);
	return s.pos;
}
