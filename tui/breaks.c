/* breaks.c — parse breakpoint addresses and write the hit line (breaks.h). */
#include "breaks.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool number(const char *s, int base, uint64_t max, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, base);
	if (errno || end == s || *end || v > max || *s == '-' || *s == '+')
		return false;
	*out = v;
	return true;
}

bool breaks_parse_addr(const char *text, breaks_symbol_fn *lookup, void *ctx, uint64_t *linear,
		       char *err, size_t errlen)
{
	const char *colon = strchr(text, ':');
	if (colon) { /* seg:off, both hex as real mode writes them */
		char seg[16];
		uint64_t s, o;
		size_t len = (size_t)(colon - text);
		if (len == 0 || len >= sizeof(seg))
			goto bad;
		memcpy(seg, text, len);
		seg[len] = '\0';
		if (!number(seg, 16, 0xFFFF, &s) || !number(colon + 1, 16, 0xFFFF, &o))
			goto bad;
		*linear = s * 16 + o;
		return true;
	}
	if (isdigit((unsigned char)text[0]))
		return number(text, 0, UINT64_MAX, linear) ? true : (snprintf(err, errlen,
			"'%s' is not an address (0x1234, 1234, or seg:off like 1000:0020)", text), false);
	if ((isalpha((unsigned char)text[0]) || text[0] == '_') && lookup) {
		if (lookup(ctx, text, linear))
			return true;
		snprintf(err, errlen, "no symbol '%s' in the image", text);
		return false;
	}
bad:
	snprintf(err, errlen, "'%s' is not an address (0x1234, 1234, seg:off like 1000:0020, "
		 "or a symbol of an ELF image)", text);
	return false;
}

void breaks_hit_line(const struct vmm_snapshot *s, const struct vmm_breakpoint *bp,
		     char *buf, size_t n)
{
	const struct vmm_regs *r = &s->regs;
	unsigned hits = s->break_hit >= 0 ? s->break_hits[s->break_hit] : 0;
	char where[32];
	uint64_t off = bp->addr - s->sregs.cs.base;
	if (s->mode == VMM_MODE_REAL && bp->addr >= s->sregs.cs.base && off < 0x10000)
		snprintf(where, sizeof(where), "%04x:%04llx", s->sregs.cs.selector,
			 (unsigned long long)off);
	else
		snprintf(where, sizeof(where), "0x%llx", (unsigned long long)bp->addr);
	if (s->mode == VMM_MODE_REAL)
		snprintf(buf, n, "break %s hit (%u): ip=%04llx ax=%04llx "
				       "bx=%04llx cx=%04llx dx=%04llx si=%04llx di=%04llx bp=%04llx "
				       "sp=%04llx flags=%04llx ds=%04x es=%04x ss=%04x",
				       where, hits,
				       (unsigned long long)r->rip & 0xFFFF,
				       (unsigned long long)r->rax & 0xFFFF,
				       (unsigned long long)r->rbx & 0xFFFF,
				       (unsigned long long)r->rcx & 0xFFFF,
				       (unsigned long long)r->rdx & 0xFFFF,
				       (unsigned long long)r->rsi & 0xFFFF,
				       (unsigned long long)r->rdi & 0xFFFF,
				       (unsigned long long)r->rbp & 0xFFFF,
				       (unsigned long long)r->rsp & 0xFFFF,
				       (unsigned long long)r->rflags & 0xFFFF, s->sregs.ds.selector,
				       s->sregs.es.selector, s->sregs.ss.selector);
	else
		snprintf(buf, n, "break %s hit (%u): rip=%llx rax=%llx rbx=%llx "
				       "rcx=%llx rdx=%llx rsi=%llx rdi=%llx rbp=%llx rsp=%llx "
				       "rflags=%llx cs=%04x cpl=%d",
				       where, hits,
				       (unsigned long long)r->rip, (unsigned long long)r->rax,
				       (unsigned long long)r->rbx, (unsigned long long)r->rcx,
				       (unsigned long long)r->rdx, (unsigned long long)r->rsi,
				       (unsigned long long)r->rdi, (unsigned long long)r->rbp,
				       (unsigned long long)r->rsp, (unsigned long long)r->rflags,
				       s->sregs.cs.selector, s->cpl);
}
