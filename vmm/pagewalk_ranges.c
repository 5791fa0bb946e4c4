/* pagewalk_ranges.c — every mapped linear range of the guest's page tables, neighbours
 * with the same rights merged (QEMU's `info mem`). Bounded: a cap on rows and on entries
 * read, so a huge or self-referencing hierarchy costs milliseconds, not minutes.
 */
#include <stdio.h>
#include <string.h>

#include "pagewalk.h"
#include "pagewalk_impl.h"

struct scan {
	const uint8_t *ram;
	uint64_t ram_size;
	struct pagewalk_geometry g;
	struct pagewalk_range *out;
	size_t max;
	struct pagewalk_ranges_info *info;
	bool stop;
};

static void emit(struct scan *s, uint64_t la, uint64_t size, uint64_t pa, uint32_t flags)
{
	struct pagewalk_ranges_info *info = s->info;
	if (info->count > 0) {
		struct pagewalk_range *last = &s->out[info->count - 1];
		if (last->start + last->size == la && last->flags == flags) {
			if (last->phys + last->size != pa)
				last->phys_contiguous = false;
			last->size += size;
			return;
		}
	}
	if (info->count == s->max) {
		info->rows_full = true;
		s->stop = true;
		return;
	}
	s->out[info->count++] = (struct pagewalk_range){ la, size, flags, true, pa };
}

static uint64_t sign_extend48(uint64_t la)
{
	return la & (1ULL << 47) ? la | 0xFFFF000000000000ULL : la;
}

/* Every entry of the table at level i: leaves are emitted, tables scanned in turn. The
 * depth is the mode's number of levels, so even a table that points to itself ends. */
static void scan_table(struct scan *s, int i, uint64_t table, uint64_t la_base, uint32_t eff)
{
	const struct pagewalk_level_def *d = &s->g.lv[i];
	for (uint64_t idx = 0; idx < (1ULL << d->bits) && !s->stop; idx++) {
		if (s->info->entries_read >= PAGEWALK_RANGES_BUDGET) {
			s->info->work_cut = true;
			s->stop = true;
			return;
		}
		uint64_t e;
		if (!pagewalk_read_entry(s->ram, s->ram_size, table + idx * d->width, d->width, &e)) {
			s->info->bad_entries++; /* the table lies (partly) outside RAM */
			return;
		}
		s->info->entries_read++;
		if (!(e & PAGEWALK_P))
			continue;
		if (e & pagewalk_reserved(&s->g, i, e)) {
			s->info->bad_entries++;
			continue;
		}
		uint64_t la = la_base | idx << d->shift;
		if (s->g.mode == PAGEWALK_MODE_4LEVEL)
			la = sign_extend48(la);
		uint32_t f = pagewalk_entry_flags(e, d->width), e2 = eff;
		if (pagewalk_has_rights(&s->g, i))
			e2 &= f | ~(PAGEWALK_RW | PAGEWALK_US);
		e2 |= f & PAGEWALK_NX;
		if (pagewalk_is_leaf(&s->g, i, e))
			emit(s, la, 1ULL << d->shift, pagewalk_next(&s->g, i, e), e2);
		else
			scan_table(s, i + 1, pagewalk_next(&s->g, i, e), la, e2);
	}
}

size_t pagewalk_ranges(const uint8_t *ram, uint64_t ram_size, const struct pagewalk_cpu *cpu,
		       struct pagewalk_range *out, size_t max, struct pagewalk_ranges_info *info)
{
	struct scan s = { .ram = ram, .ram_size = ram_size, .out = out, .max = max, .info = info };
	memset(info, 0, sizeof(*info));
	pagewalk_geometry(cpu, &s.g);
	if (s.g.n > 0)
		scan_table(&s, 0, s.g.top, 0, PAGEWALK_P | PAGEWALK_RW | PAGEWALK_US);
	return info->count;
}

static bool put(char *out, size_t n, size_t *pos, const char *line, size_t keep)
{
	size_t len = strlen(line);
	if (*pos + len + 1 + keep >= n)
		return false;
	memcpy(out + *pos, line, len);
	*pos += len;
	out[(*pos)++] = '\n';
	out[*pos] = '\0';
	return true;
}

size_t pagewalk_format_ranges(const struct pagewalk_range *r, const struct pagewalk_ranges_info *info,
			      enum pagewalk_mode mode, char *out, size_t n)
{
	size_t pos = 0, shown = 0;
	int w = mode == PAGEWALK_MODE_4LEVEL ? 16 : 8;
	char line[160];
	if (n == 0)
		return 0;
	out[0] = '\0';
	for (; shown < info->count; shown++) {
		const struct pagewalk_range *x = &r[shown];
		int len = snprintf(line, sizeof(line), "%0*llx-%0*llx %0*llx %c%c%c%c", w,
				   (unsigned long long)x->start, w,
				   (unsigned long long)(x->start + x->size), w,
				   (unsigned long long)x->size, x->flags & PAGEWALK_US ? 'u' : '-', 'r',
				   x->flags & PAGEWALK_RW ? 'w' : '-', x->flags & PAGEWALK_NX ? '-' : 'x');
		if (x->phys_contiguous && len > 0 && (size_t)len < sizeof(line))
			snprintf(line + len, sizeof(line) - (size_t)len, " (phys 0x%llx)",
				 (unsigned long long)x->phys);
		if (!put(out, n, &pos, line, 80))
			break;
	}
	if (info->count == 0 && mode == PAGEWALK_MODE_OFF)
		snprintf(line, sizeof(line), "paging off: linear = physical");
	else if (info->count == 0 && !info->work_cut)
		snprintf(line, sizeof(line), "nothing mapped");
	else if (shown < info->count || info->rows_full || info->work_cut)
		snprintf(line, sizeof(line), "... cut: %zu of %zu%s ranges shown, %llu entries read%s",
			 shown, info->count, info->rows_full || info->work_cut ? "+" : "",
			 (unsigned long long)info->entries_read,
			 info->work_cut ? " (the work limit)" : "");
	else
		return pos;
	put(out, n, &pos, line, 0);
	return pos;
}
