/* loader.h — a guest image from disk into guest RAM: read it, decide its kind (flat
 * binary or ELF) and how it boots, check every byte lands inside the layout
 * (guest_layout.h), copy it. ELF parsing is elf.c's, flat images' rules are flat.c's;
 * loader.c is the front door.
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
	struct vmm_flat_boot boot; /* in: how a flat image boots (zero: real mode) */
	bool flat_layout;        /* a flat image in protected or long mode (LAYOUT_FLAT_*) */
	bool needs_paging;       /* protected mode that cannot run with paging off */
	bool high;               /* ELF linked 0x80000000 above where it loads */
	const char *looks_like;  /* a real-mode flat image that looks like other code: what,
				  * and the option to try (a warning, not an error) */
	size_t ram_size;
	int nseg;
	struct image_segment seg[IMAGE_MAX_SEGMENTS];
};

/* Read and validate; boot says how a flat image boots (NULL: real mode). Returns 0 or
 * -VMM_STATUS_USAGE with one line in ctx->buf. A file that is not regular (FIFO, device)
 * is refused without waiting on it; its size is checked against its kind's limit (flat
 * real mode 256 KiB, flat protected/long 3.75 MiB, ELF 64 MiB) before it is read. */
int image_read(const char *path, const struct vmm_flat_boot *boot, struct image *img,
	       const struct error_ctx *ctx);
/* Validate bytes already in memory: the caller sets img->name, data, size and boot (data
 * stays the caller's); fills mode, entry, segments and the flags. Same return as
 * image_read. No I/O. */
int image_parse(struct image *img, const struct error_ctx *ctx);
/* Copy into RAM of img->ram_size bytes (already validated to fit). */
void image_place(const struct image *img, uint8_t *mem);
void image_free(struct image *img);

/* elf.c: validate an ELF image already in img->data; fills mode, entry, segments. */
int elf_parse(struct image *img, const struct error_ctx *ctx);
bool elf_is_elf(const uint8_t *data, size_t size);
/* flat.c: a flat image in the mode img->boot asks for; fills the same. */
int flat_parse(struct image *img, const struct error_ctx *ctx);
/* flat.c: "64-bit code (try --mode long)" when bytes meant for real mode look like code
 * for another mode, else NULL. Conservative: silent on real-mode code that switches
 * modes itself, and on anything it is unsure of. */
const char *flat_looks_like(const uint8_t *data, size_t size);

#endif
