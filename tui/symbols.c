/* symbols.c — an ELF file's .symtab read into a sorted table of functions and labels:
 * section headers, the symbol table and its string table, each checked against the file's
 * size before it is touched. Address -> "name+off" and name -> address. Nothing here
 * knows about vCPUs or the screen.
 */
#include "symbols.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct elf {
	const uint8_t *d;
	size_t size;
	bool is64;
	uint64_t shoff;
	size_t shnum, shentsize;
};

struct shdr {
	uint32_t type;
	uint64_t flags, addr, offset, size, entsize;
	uint32_t link;
};

/* [off, off+len) inside the file? */
static bool in_file(const struct elf *e, uint64_t off, uint64_t len)
{
	return off <= e->size && len <= e->size - off;
}

static void section(const struct elf *e, size_t i, struct shdr *s)
{
	const uint8_t *p = e->d + e->shoff + i * e->shentsize;
	if (e->is64) {
		Elf64_Shdr h;
		memcpy(&h, p, sizeof(h));
		*s = (struct shdr){ h.sh_type, h.sh_flags, h.sh_addr, h.sh_offset, h.sh_size,
				    h.sh_entsize, h.sh_link };
	} else {
		Elf32_Shdr h;
		memcpy(&h, p, sizeof(h));
		*s = (struct shdr){ h.sh_type, h.sh_flags, h.sh_addr, h.sh_offset, h.sh_size,
				    h.sh_entsize, h.sh_link };
	}
}

static const char *header(struct elf *e)
{
	if (e->size < EI_NIDENT || memcmp(e->d, ELFMAG, SELFMAG) != 0)
		return "not an ELF file";
	if (e->d[EI_DATA] != ELFDATA2LSB)
		return "not a little-endian ELF file";
	e->is64 = e->d[EI_CLASS] == ELFCLASS64;
	if (!e->is64 && e->d[EI_CLASS] != ELFCLASS32)
		return "unknown ELF class";
	if (e->is64) {
		Elf64_Ehdr h;
		if (e->size < sizeof(h))
			return "truncated ELF header";
		memcpy(&h, e->d, sizeof(h));
		e->shoff = h.e_shoff, e->shnum = h.e_shnum, e->shentsize = h.e_shentsize;
	} else {
		Elf32_Ehdr h;
		if (e->size < sizeof(h))
			return "truncated ELF header";
		memcpy(&h, e->d, sizeof(h));
		e->shoff = h.e_shoff, e->shnum = h.e_shnum, e->shentsize = h.e_shentsize;
	}
	size_t need = e->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	if (e->shnum == 0)
		return "no section headers";
	if (e->shentsize < need || !in_file(e, e->shoff, (uint64_t)e->shnum * e->shentsize))
		return "section headers outside the file";
	return NULL;
}

struct collect {
	struct symbol *sym;
	size_t count, cap;
	struct { uint64_t start, end; } *code;
	size_t ncode, code_cap;
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

/* One symbol of the table, if it is a function or label in an allocated section. */
static const char *add_symbol(const struct elf *e, const uint8_t *p, const char *str,
			      uint64_t strsz, struct collect *c)
{
	uint32_t name;
	unsigned type, shndx;
	uint64_t value, size;
	if (e->is64) {
		Elf64_Sym s;
		memcpy(&s, p, sizeof(s));
		name = s.st_name, type = ELF64_ST_TYPE(s.st_info), shndx = s.st_shndx;
		value = s.st_value, size = s.st_size;
	} else {
		Elf32_Sym s;
		memcpy(&s, p, sizeof(s));
		name = s.st_name, type = ELF32_ST_TYPE(s.st_info), shndx = s.st_shndx;
		value = s.st_value, size = s.st_size;
	}
	if ((type != STT_FUNC && type != STT_NOTYPE) || shndx == SHN_UNDEF || shndx >= e->shnum ||
	    name >= strsz || !str[name] || !memchr(str + name, 0, strsz - name))
		return NULL;
	struct shdr sec;
	section(e, shndx, &sec);
	if (!(sec.flags & SHF_ALLOC))
		return NULL;
	uint64_t sec_end = sec.addr + sec.size < sec.addr ? UINT64_MAX : sec.addr + sec.size;
	uint64_t end = size ? value + size : sec_end > value ? sec_end : value; /* may be empty */
	if (size && end < value)
		end = UINT64_MAX;
	if (!grow((void **)&c->sym, &c->cap, c->count, sizeof(*c->sym)))
		return "out of memory";
	c->sym[c->count++] = (struct symbol){ value, end, str + name, type == STT_FUNC };
	return NULL;
}

static const char *symtab_section(const struct elf *e, const struct shdr *st, const char *str,
				  uint64_t strsz, struct collect *c)
{
	size_t ent = e->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint64_t step = st->entsize ? st->entsize : ent;
	if (step < ent)
		return "symbol table entries too small";
	if (!in_file(e, st->offset, st->size))
		return "symbol table outside the file";
	for (uint64_t off = step; off < st->size && st->size - off >= ent;) { /* 0 is null */
		const char *why = add_symbol(e, e->d + st->offset + off, str, strsz, c);
		if (why)
			return why;
		if (step > st->size - off)
			break;
		off += step;
	}
	return NULL;
}

/* Every SHT_SYMTAB with its string table; str points into the copy the table keeps. */
static const char *scan(const struct elf *e, struct collect *c, char **blob)
{
	for (size_t i = 0; i < e->shnum; i++) {
		struct shdr s, strs;
		section(e, i, &s);
		if ((s.flags & (SHF_ALLOC | SHF_EXECINSTR)) == (SHF_ALLOC | SHF_EXECINSTR)) {
			if (!grow((void **)&c->code, &c->code_cap, c->ncode, sizeof(*c->code)))
				return "out of memory";
			c->code[c->ncode].start = s.addr;
			c->code[c->ncode++].end = s.addr + s.size;
		}
		if (s.type != SHT_SYMTAB || *blob)
			continue;
		if (s.link >= e->shnum)
			return "symbol table names a missing string table";
		section(e, s.link, &strs);
		if (strs.type != SHT_STRTAB || !in_file(e, strs.offset, strs.size) || strs.size == 0)
			return "bad string table";
		*blob = malloc(strs.size);
		if (!*blob)
			return "out of memory";
		memcpy(*blob, e->d + strs.offset, strs.size);
		(*blob)[strs.size - 1] = '\0';
		const char *why = symtab_section(e, &s, *blob, strs.size, c);
		if (why)
			return why;
	}
	return *blob ? NULL : "no symbol table (stripped?)";
}

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->func != y->func) /* at one address, a function before a label */
		return x->func ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Move what c collected into t (all or nothing). */
static const char *merge(struct symtab *t, struct collect *c, char *blob)
{
	struct symbol *sym = realloc(t->sym, (t->count + c->count + 1) * sizeof(*sym));
	if (sym)
		t->sym = sym;
	void *code = realloc(t->code, (t->ncode + c->ncode + 1) * sizeof(*t->code));
	if (code)
		t->code = code;
	char **blobs = realloc(t->blobs, (t->nblobs + 1) * sizeof(*blobs));
	if (blobs)
		t->blobs = blobs;
	if (!sym || !code || !blobs)
		return "out of memory";
	if (c->count)
		memcpy(t->sym + t->count, c->sym, c->count * sizeof(*sym));
	t->count += c->count;
	t->cap = t->count;
	if (c->ncode)
		memcpy(t->code + t->ncode, c->code, c->ncode * sizeof(*t->code));
	t->ncode += c->ncode;
	t->code_cap = t->ncode;
	t->blobs[t->nblobs++] = blob;
	qsort(t->sym, t->count, sizeof(*t->sym), by_addr);
	return NULL;
}

int symbols_parse(struct symtab *t, const uint8_t *data, size_t size, const char *name,
		  char *err, size_t errlen)
{
	struct elf e = { .d = data, .size = size };
	struct collect c = { 0 };
	char *blob = NULL;
	const char *why = header(&e);
	if (!why)
		why = scan(&e, &c, &blob);
	if (!why)
		why = merge(t, &c, blob);
	free(c.sym);
	free(c.code);
	if (why) {
		free(blob);
		snprintf(err, errlen, "%s: %s", name, why);
		return -1;
	}
	return 0;
}

int symbols_load(struct symtab *t, const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > (off_t)SYMBOLS_MAX_FILE) {
		snprintf(err, errlen, "%s: not a regular file of at most %u MiB", path,
			 SYMBOLS_MAX_FILE >> 20);
		close(fd);
		return -1;
	}
	size_t size = (size_t)st.st_size, got = 0;
	uint8_t *data = malloc(size ? size : 1);
	while (data && got < size) {
		ssize_t n = read(fd, data + got, size - got);
		if (n <= 0) {
			snprintf(err, errlen, "%s: %s", path, n < 0 ? strerror(errno) : "file shrank while read");
			free(data);
			close(fd);
			return -1;
		}
		got += (size_t)n;
	}
	close(fd);
	if (!data) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	const char *base = strrchr(path, '/');
	int rc = symbols_parse(t, data, size, base ? base + 1 : path, err, errlen);
	free(data);
	return rc;
}

void symbols_free(struct symtab *t)
{
	for (size_t i = 0; i < t->nblobs; i++)
		free(t->blobs[i]);
	free(t->blobs);
	free(t->sym);
	free(t->code);
	memset(t, 0, sizeof(*t));
}

const struct symbol *symbols_lookup(const struct symtab *t, uint64_t addr, uint64_t *off)
{
	size_t lo = 0, hi = t->count; /* first symbol with sym.addr > addr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->sym[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	size_t i = lo - 1;
	while (i > 0 && t->sym[i - 1].addr == t->sym[i].addr)
		i--; /* the preferred one of several at this address */
	if (addr >= t->sym[i].end)
		return NULL;
	if (off)
		*off = addr - t->sym[i].addr;
	return &t->sym[i];
}

int symbols_format(const struct symtab *t, uint64_t addr, char *buf, size_t n)
{
	uint64_t off;
	const struct symbol *s = symbols_lookup(t, addr, &off);
	if (!s)
		return snprintf(buf, n, "%s", "");
	if (!off)
		return snprintf(buf, n, "%s", s->name);
	return snprintf(buf, n, "%s+0x%llx", s->name, (unsigned long long)off);
}

size_t symbols_find(const struct symtab *t, const char *name, uint64_t *addr)
{
	size_t found = 0;
	for (size_t i = 0; i < t->count; i++) {
		if (strcmp(t->sym[i].name, name) != 0)
			continue;
		if (!found++ && addr)
			*addr = t->sym[i].addr;
	}
	return found;
}

bool symbols_in_code(const struct symtab *t, uint64_t addr)
{
	for (size_t i = 0; i < t->ncode; i++)
		if (addr >= t->code[i].start && addr < t->code[i].end)
			return true;
	return false;
}
