/* fuzz_loader.c — libFuzzer target: bytes -> image_parse (flat and ELF), the way a file
 * on disk reaches it. An odd-sized input is named "fuzz.elf" (the ".elf" rule), an even
 * one "fuzz.bin". A parse that succeeds must describe only copies that fit: every segment
 * inside the file and inside RAM, the entry inside a segment; then it is placed for real
 * into RAM that ends at a PROT_NONE page, so a copy one byte too far faults. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../vmm/loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t *ram_end; /* LAYOUT_ELF_RAM_SIZE bytes before a guard page */

static uint8_t *ram_of(size_t ram_size)
{
	if (!ram_end) {
		size_t page = (size_t)sysconf(_SC_PAGESIZE), max = 64UL << 20;
		uint8_t *m = mmap(NULL, max + page, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m == MAP_FAILED || mprotect(m + max, page, PROT_NONE) < 0)
			abort();
		ram_end = m + max;
	}
	if (ram_size > (64UL << 20))
		abort();
	return ram_end - ram_size;
}

static void check(bool ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[VMM_ERROR_LEN];
	struct error_ctx ctx = { 0, size & 1 ? "fuzz.elf" : "fuzz.bin", err };
	struct image img;
	memset(&img, 0, sizeof(img));
	img.name = ctx.guest;
	img.data = malloc(size ? size : 1); /* exactly size bytes: ASan sees any over-read */
	if (!img.data)
		return 0;
	memcpy(img.data, data, size);
	img.size = size;
	err[0] = '\0';
	if (image_parse(&img, &ctx) < 0) {
		check(err[0] != '\0' && strlen(err) < VMM_ERROR_LEN);
	} else {
		check(img.nseg >= 1 && img.nseg <= IMAGE_MAX_SEGMENTS);
		bool entry_ok = false;
		for (int i = 0; i < img.nseg; i++) {
			const struct image_segment *s = &img.seg[i];
			check(s->filesz <= s->memsz);
			check(s->offset <= size && s->filesz <= size - s->offset);
			check(s->paddr <= img.ram_size && s->memsz <= img.ram_size - s->paddr);
			entry_ok |= img.entry >= s->paddr && img.entry - s->paddr < s->memsz;
		}
		check(img.mode == IMAGE_REAL || entry_ok);
		image_place(&img, ram_of(img.ram_size));
	}
	free(img.data);
	return 0;
}
