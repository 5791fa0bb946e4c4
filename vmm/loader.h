/* loader.h — a guest image from disk into guest RAM: read it, decide its kind (flat
 * real-mode binary or ELF), check every byte lands inside the layout (layout.h), copy it.
 * ELF parsing itself is elf.c's; this file is the front door and the flat-image rules.
 */
#ifndef VMM_LOADER_H
#define VMM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "modes.h"

#define IMAGE_MAX_SEGMENTS 16
#define IMAGE_IRQCHIP_TAG "MINIKVM:IRQCHIP"

struct image_segment {
	uint64_t paddr, memsz;   /* where in guest RAM, how much (zero-filled past filesz) */
	uint64_t offset, filesz; /* what of the file */
};

struct image {
	const char *path;
	const char *name;        /* basename, for messages and pane titles */
	uint8_t *data;
	size_t size;
	enum image_mode mode;
	uint64_t entry;
	bool wants_irqchip;      /* ELF images always; flat images that carry the tag */
	size_t ram_size;
	int nseg;
	struct image_segment seg[IMAGE_MAX_SEGMENTS];
};

/* Read and validate. Returns 0 or -VMM_STATUS_USAGE with one line in ctx->buf. A file
 * that is not regular (FIFO, device) is refused without waiting on it; its size is checked
 * against its kind's limit (flat 256 KiB, ELF 64 MiB) before it is read. */
int image_read(const char *path, struct image *img, const struct error_ctx *ctx);
/* Validate bytes already in memory: the caller sets img->name, data and size (data stays
 * the caller's); fills mode, entry, segments. Same return as image_read. No I/O. */
int image_parse(struct image *img, const struct error_ctx *ctx);
/* Copy into RAM of img->ram_size bytes (already validated to fit). */
void image_place(const struct image *img, uint8_t *mem);
void image_free(struct image *img);

/* elf.c: validate an ELF image already in img->data; fills mode, entry, segments. */
int elf_parse(struct image *img, const struct error_ctx *ctx);
bool elf_is_elf(const uint8_t *data, size_t size);

#endif
