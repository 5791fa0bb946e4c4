/* fuzz_listing.c — libFuzzer target: bytes as a nasm listing -> listing_parse, then every
 * line's offsets looked up again and every label found. Lines must come out sorted, a
 * lookup that finds a line must land on one that holds the offset. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/listing.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	struct listing l;
	char err[256];
	if (listing_parse(&l, copy, size, "fuzz.asm", err, sizeof(err)) == 0) {
		for (size_t i = 0; i < l.count; i++) {
			const struct listing_line *e = &l.lines[i];
			check(i == 0 || l.lines[i - 1].offset <= e->offset);
			check(e->size > 0 && e->file && e->text);
			uint64_t x = e->offset + e->size - 1;
			const struct listing_line *f = listing_lookup(&l, x);
			check(!f || (f->offset <= x && x - f->offset < f->size));
		}
		for (size_t i = 0; i < l.nlabels; i++) {
			uint64_t off;
			check(listing_label(&l, l.labels[i].name, &off) == 0);
		}
		listing_free(&l);
	}
	free(copy);
	return 0;
}
