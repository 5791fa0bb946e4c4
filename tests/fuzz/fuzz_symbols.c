/* fuzz_symbols.c — libFuzzer target: bytes as an ELF file -> symbols_parse, then lookups
 * around every symbol found and by name. The input is exactly its size (an over-read is
 * past the allocation); an error must be one line naming the file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/symbols.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	struct symtab t = { 0 };
	char err[256], buf[128];
	if (symbols_parse(&t, copy, size, "fuzz.elf", err, sizeof(err)) < 0) {
		check(!strncmp(err, "fuzz.elf: ", 10) && t.count == 0);
	} else {
		free(copy); /* the table keeps its own copies */
		copy = NULL;
		for (size_t i = 0; i < t.count && i < 64; i++) {
			const struct symbol *s = &t.sym[i];
			uint64_t off, a;
			check(i == 0 || t.sym[i - 1].addr <= s->addr);
			const struct symbol *hit = symbols_lookup(&t, s->addr, &off);
			check(!hit || (hit->addr <= s->addr && s->addr - hit->addr == off && s->addr < hit->end));
			symbols_format(&t, s->addr + 1, buf, sizeof(buf));
			symbols_format(&t, s->addr - 1, buf, sizeof(buf));
			check(symbols_find(&t, s->name, &a) >= 1);
			symbols_in_code(&t, s->addr);
		}
	}
	symbols_free(&t);
	free(copy);
	return 0;
}
