/* symbols.h — "function+offset" for a guest address, and an address for a symbol name,
 * from the .symtab of the ELF files a guest was built from (the 1K OS's kernel, and its
 * user image if given): 32- and 64-bit little-endian ELF, every offset bounds-checked.
 * Only the symbol table: no DWARF, no source lines (listing.h has those for nasm guests).
 * A table is built once, then only read; UI thread.
 */
#ifndef TUI_SYMBOLS_H
#define TUI_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct symbol {
	uint64_t addr;
	uint64_t end;       /* addr + size, or the end of its section for size-0 labels */
	const char *name;   /* owned by the table */
	bool func;          /* STT_FUNC (else STT_NOTYPE: an assembler label) */
};

struct symtab {
	struct symbol *sym; /* sorted by addr */
	size_t count, cap;
	struct { uint64_t start, end; } *code; /* executable sections */
	size_t ncode, code_cap;
	char **blobs;       /* string tables copied from the files */
	size_t nblobs;
};

#define SYMBOLS_MAX_FILE (256u << 20)

/* Add the functions and labels of an ELF file (or of an image in memory; name is for
 * messages). Returns 0, or -1 with one line in err ("os1k64.elf: no symbol table
 * (stripped?)"). A failed add leaves the table as it was. */
int symbols_load(struct symtab *t, const char *path, char *err, size_t errlen);
int symbols_parse(struct symtab *t, const uint8_t *data, size_t size, const char *name,
		  char *err, size_t errlen);
void symbols_free(struct symtab *t);

/* The symbol whose range holds addr (the nearest one below it), or NULL; *off = addr -
 * its start. */
const struct symbol *symbols_lookup(const struct symtab *t, uint64_t addr, uint64_t *off);
/* "trap+0x1a", "main" (offset 0), or "" when no symbol holds addr. Returns the length. */
int symbols_format(const struct symtab *t, uint64_t addr, char *buf, size_t n);
/* How many symbols have this name (0: none); *addr = the first one's address. */
size_t symbols_find(const struct symtab *t, const char *name, uint64_t *addr);
/* Is addr inside an executable section (a plausible return address)? */
bool symbols_in_code(const struct symtab *t, uint64_t addr);

#endif
