/* listing.c — nasm's -l listing read back: each line's columns (line number, offset,
 * bytes, include/macro level, source), the nesting of %include files and macro calls,
 * so bytes a macro made are shown at the line that called it, in the file it is in.
 * Only the default .text section is indexed (other sections' offsets are their own).
 */
#include "listing.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* nasm's columns: "%6d %08X %-18s" then " <N>" (or blanks) and the source at column 40 */
#define COL_OFFSET 7
#define COL_DATA 16
#define COL_LEVEL 35
#define COL_SOURCE 40
#define MAX_LEVEL 32

struct level {
	bool is_file;          /* opened by %include (else by a macro call) */
	const char *file;
	uint32_t call_line;    /* the line at the level above that opened this one */
	const char *call_text;
};

struct seen {                  /* the last source line seen at a level */
	uint32_t line;
	const char *text;
	const char *include;   /* the file it %includes, or NULL */
};

struct parser {
	struct listing *l;
	struct level lv[MAX_LEVEL];
	struct seen last[MAX_LEVEL];
	int prev_level;
	bool in_text;          /* in the default section */
	bool continued;        /* the last byte line ended in '-': the next one adds to it */
	const char *global;    /* the last non-local label, for .local ones */
	size_t pending_from;   /* labels from here on wait for the next offset */
	const char *err;
};

static bool grow(void **p, size_t *cap, size_t count, size_t size)
{
	if (count < *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 64;
	void *q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static const char *keep(struct parser *p, const char *s, size_t n)
{
	struct listing *l = p->l;
	char *copy = malloc(n + 1);
	if (!copy || !grow((void **)&l->names, &l->names_cap, l->nnames, sizeof(*l->names))) {
		free(copy);
		p->err = "out of memory";
		return NULL;
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	l->names[l->nnames++] = copy;
	return copy;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The file a %include line names, kept; NULL if the line is not one. */
static const char *include_of(struct parser *p, const char *src)
{
	if (strncasecmp(src, "%include", 8) != 0 || !isspace((unsigned char)src[8]))
		return NULL;
	const char *q = skip_blanks(src + 8);
	char close = *q == '"' ? '"' : *q == '\'' ? '\'' : *q == '<' ? '>' : 0;
	const char *end = close ? strchr(q + 1, close) : NULL;
	return end ? keep(p, q + 1, (size_t)(end - q - 1)) : NULL;
}

/* section/segment directives switch between the default section and the others */
static void section_of(struct parser *p, const char *src)
{
	if (*src == '[')
		src = skip_blanks(src + 1);
	size_t kw = strncasecmp(src, "section", 7) == 0 ? 7 : strncasecmp(src, "segment", 7) == 0 ? 7 : 0;
	if (strncasecmp(src, "absolute", 8) == 0 && (!src[8] || isspace((unsigned char)src[8]))) {
		p->in_text = false;
		return;
	}
	if (!kw || !isspace((unsigned char)src[kw]))
		return;
	const char *name = skip_blanks(src + kw);
	p->in_text = strncmp(name, ".text", 5) == 0 &&
		     (!name[5] || isspace((unsigned char)name[5]) || name[5] == ']');
}

/* Bytes the data column stands for ("B80100" 3, "BE[0C00]" 3, "00<rep Bh>" 11);
 * 0 for "<res ...>" (reserved space has no bytes). */
static uint32_t data_size(const char *d, size_t n, bool *cont)
{
	uint64_t digits = 0, rep = 1;
	*cont = n && d[n - 1] == '-';
	if (n >= 4 && !strncmp(d, "<res", 4))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (d[i] == '<') {
			if (n - i > 5 && !strncmp(d + i, "<rep ", 5))
				rep = strtoul(d + i + 5, NULL, 16);
			break;
		}
		digits += isxdigit((unsigned char)d[i]) != 0;
	}
	if (rep > UINT32_MAX)
		rep = UINT32_MAX;
	return digits / 2 * rep > UINT32_MAX ? UINT32_MAX : (uint32_t)(digits / 2 * rep);
}

struct cols {
	uint32_t line;
	bool has_off;
	uint64_t off;
	const char *data;
	size_t ndata;
	int level;
	const char *src;
};

static bool hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Split one listing line into its columns; false if it is not a listing line. */
static bool columns(const char *s, size_t n, struct cols *c)
{
	size_t i = 0;
	memset(c, 0, sizeof(*c));
	if (n < COL_OFFSET || s[COL_OFFSET - 1] != ' ')
		return false;
	while (i < COL_OFFSET - 1 && s[i] == ' ')
		i++;
	if (i == COL_OFFSET - 1)
		return false;
	for (; i < COL_OFFSET - 1; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		c->line = c->line * 10 + (uint32_t)(s[i] - '0');
	}
	c->has_off = n > COL_DATA && hex_run(s + COL_OFFSET, 8) && s[COL_DATA - 1] == ' ';
	if (c->has_off) {
		c->off = strtoull(s + COL_OFFSET, NULL, 16);
		size_t end = n < COL_LEVEL ? n : COL_LEVEL;
		while (end > COL_DATA && s[end - 1] == ' ')
			end--;
		c->data = s + COL_DATA;
		c->ndata = end - COL_DATA;
	}
	for (i = COL_LEVEL; i < n && i < COL_SOURCE; i++) {
		if (s[i] == '<' && isdigit((unsigned char)s[i + 1])) {
			c->level = atoi(s + i + 1);
			break;
		}
	}
	c->src = n > COL_SOURCE ? s + COL_SOURCE : "";
	return true;
}

/* Levels deeper than the last line's were opened by the last line one level up. */
static void open_levels(struct parser *p, int level, const char *main_file)
{
	for (int k = p->prev_level + 1; k <= level; k++) {
		const struct seen *up = &p->last[k - 1];
		const char *outer = k == 1 ? main_file : p->lv[k - 1].file;
		if (up->include)
			p->lv[k] = (struct level){ true, up->include, 0, NULL };
		else
			p->lv[k] = (struct level){ false, outer, up->line, up->text ? up->text : "" };
	}
	p->prev_level = level;
}

/* "name:" at the start of a source line: a label, kept (".x" gets its parent's name). */
static void label(struct parser *p, const char *src)
{
	const char *q = src;
	if (!(isalpha((unsigned char)*q) || *q == '_' || *q == '.' || *q == '?'))
		return;
	while (isalnum((unsigned char)*q) || (*q && strchr("_.?$@#~", *q)))
		q++;
	if (*q != ':' || (src[0] == '.' && src[1] == '.'))
		return;
	struct listing *l = p->l;
	const char *name;
	if (src[0] == '.' && p->global) {
		char buf[256];
		snprintf(buf, sizeof(buf), "%s%.*s", p->global, (int)(q - src), src);
		name = keep(p, buf, strlen(buf));
	} else {
		name = keep(p, src, (size_t)(q - src));
		if (src[0] != '.')
			p->global = name;
	}
	if (!name || !grow((void **)&l->labels, &l->labels_cap, l->nlabels, sizeof(*l->labels))) {
		p->err = "out of memory";
		return;
	}
	l->labels[l->nlabels++] = (struct listing_label){ name, UINT64_MAX };
}

static void bytes(struct parser *p, const struct cols *c, int level, const char *src,
		  bool cont_line, uint32_t lst_line, const char *main_file)
{
	struct listing *l = p->l;
	bool cont;
	uint32_t size = data_size(c->data, c->ndata, &cont);
	p->continued = cont;
	if (cont_line) {
		struct listing_line *e = l->count ? &l->lines[l->count - 1] : NULL;
		if (e && e->offset + e->size == c->off)
			e->size = UINT32_MAX - e->size < size ? UINT32_MAX : e->size + size;
		return;
	}
	for (size_t i = p->pending_from; i < l->nlabels; i++)
		l->labels[i].offset = c->off;
	p->pending_from = l->nlabels;
	if (!p->in_text || size == 0)
		return;
	if (!grow((void **)&l->lines, &l->cap, l->count, sizeof(*l->lines))) {
		p->err = "out of memory";
		return;
	}
	int k = level;
	while (k > 0 && !p->lv[k].is_file)
		k--; /* up to the file the outermost macro call is written in */
	struct listing_line e = { c->off, size, c->line, lst_line, k ? p->lv[k].file : main_file,
				  src, NULL };
	if (k < level) {
		e.line = p->lv[k + 1].call_line;
		e.text = p->lv[k + 1].call_text;
		e.expanded = src;
	}
	l->lines[l->count++] = e;
}

static void one_line(struct parser *p, char *s, size_t n, uint32_t lst_line, const char *main_file)
{
	struct cols c;
	if (n && s[n - 1] == '\r')
		s[--n] = '\0';
	if (!columns(s, n, &c))
		return;
	int level = c.level < 0 ? 0 : c.level >= MAX_LEVEL ? MAX_LEVEL - 1 : c.level;
	const char *src = skip_blanks(c.src);
	bool cont_line = p->continued && c.has_off && !*src;
	if (!cont_line) {
		open_levels(p, level, main_file);
		if (*src) {
			p->last[level] = (struct seen){ c.line, src, include_of(p, src) };
			section_of(p, src);
			if (p->in_text && (level == 0 || p->lv[level].is_file))
				label(p, src);
		}
	}
	if (c.has_off)
		bytes(p, &c, level, src, cont_line, lst_line, main_file);
}

static int by_offset(const void *a, const void *b)
{
	const struct listing_line *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->lst_line < y->lst_line ? -1 : x->lst_line > y->lst_line;
}

int listing_parse(struct listing *l, const char *text, size_t len, const char *main_file,
		  char *err, size_t errlen)
{
	memset(l, 0, sizeof(*l));
	struct parser p = { .l = l, .in_text = true };
	l->buf = malloc(len + 1);
	if (!l->buf) {
		snprintf(err, errlen, "%s: out of memory", main_file);
		return -1;
	}
	memcpy(l->buf, text, len);
	l->buf[len] = '\0';
	const char *main_name = keep(&p, main_file, strlen(main_file));
	uint32_t lst_line = 0;
	for (char *s = l->buf; s && s < l->buf + len && !p.err;) {
		char *nl = memchr(s, '\n', (size_t)(l->buf + len - s));
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		s[n] = '\0';
		one_line(&p, s, strnlen(s, n), ++lst_line, main_name);
		s = nl ? nl + 1 : NULL;
	}
	if (p.err) {
		snprintf(err, errlen, "%s: %s", main_file, p.err);
		listing_free(l);
		return -1;
	}
	size_t kept = 0; /* labels with nothing after them have no address */
	for (size_t i = 0; i < l->nlabels; i++)
		if (l->labels[i].offset != UINT64_MAX)
			l->labels[kept++] = l->labels[i];
	l->nlabels = kept;
	if (l->count)
		qsort(l->lines, l->count, sizeof(*l->lines), by_offset);
	return 0;
}

int listing_load(struct listing *l, const char *path, const char *main_file, char *err,
		 size_t errlen)
{
	char name[256];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!main_file) {
		size_t n = strlen(base);
		if (n > 4 && !strcmp(base + n - 4, ".lst"))
			snprintf(name, sizeof(name), "%.*s.asm", (int)(n - 4), base);
		else
			snprintf(name, sizeof(name), "%s", base);
		main_file = name;
	}
	memset(l, 0, sizeof(*l));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)LISTING_MAX_FILE) {
		snprintf(err, errlen, "%s: %s", path, fd < 0 ? strerror(errno)
			 : "not a regular file of at most 64 MiB");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *text = malloc(size + 1);
	while (text && got < size) {
		ssize_t n = read(fd, text + got, size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (!text || got < size) {
		snprintf(err, errlen, "%s: %s", path, text ? "read failed" : "out of memory");
		free(text);
		return -1;
	}
	int rc = listing_parse(l, text, size, main_file, err, errlen);
	free(text);
	return rc;
}

void listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->nnames; i++)
		free(l->names[i]);
	free(l->names);
	free(l->lines);
	free(l->labels);
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

const struct listing_line *listing_lookup(const struct listing *l, uint64_t offset)
{
	size_t lo = 0, hi = l->count; /* first line with offset > the one asked for */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->lines[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || offset - l->lines[lo - 1].offset >= l->lines[lo - 1].size)
		return NULL;
	return &l->lines[lo - 1];
}

int listing_label(const struct listing *l, const char *name, uint64_t *offset)
{
	for (size_t i = 0; i < l->nlabels; i++) {
		if (!strcmp(l->labels[i].name, name)) {
			*offset = l->labels[i].offset;
			return 0;
		}
	}
	return -1;
}
