/* flat.c — flat (non-ELF) images: where each mode loads one and where it starts
 * (guest_layout.h: real mode at 1000:0000; protected and long mode by --load and --entry
 * with the seed's defaults), every address checked against RAM and the VMM's tables; and
 * a conservative look at a real-mode image's bytes for code written for another mode.
 * ELF images are elf.c's; reading the file is loader.c's.
 */
#include <string.h>

#include "guest_abi.h"
#include "guest_layout.h"
#include "loader.h"

static bool contains_tag(const uint8_t *data, size_t size, const char *tag)
{
	size_t n = strlen(tag);
	for (size_t i = 0; i + n <= size; i++)
		if (data[i] == (uint8_t)tag[0] && memcmp(data + i, tag, n) == 0)
			return true;
	return false;
}

static int flat_real(struct image *img, const struct error_ctx *ctx)
{
	if (img->boot.load_given || img->boot.entry_given)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "--load and --entry are for protected and long mode: a real-mode "
				  "image starts at 1000:0000");
	if (img->size > LAYOUT_REAL_MAX_IMAGE)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "real-mode image is too big: %zu bytes, at most %lu (256 KiB)",
				  img->size, (unsigned long)LAYOUT_REAL_MAX_IMAGE);
	img->mode = IMAGE_REAL;
	img->entry = 0;
	img->ram_size = LAYOUT_REAL_RAM_SIZE;
	img->seg[0] = (struct image_segment){ .paddr = LAYOUT_REAL_LOAD, .memsz = img->size,
					      .offset = 0, .filesz = img->size };
	img->looks_like = img->boot.mode_given ? NULL : flat_looks_like(img->data, img->size);
	return 0;
}

/* Where the entry point's linear address lands in RAM under the start state's mapping
 * (identity, and with --paging also 0x80000000 + x -> x); false where nothing is mapped. */
static bool entry_phys(bool paging, uint64_t linear, uint64_t *phys)
{
	if (paging && linear >= LAYOUT_HIGH_BASE)
		linear -= LAYOUT_HIGH_BASE;
	*phys = linear;
	return linear < LAYOUT_FLAT_RAM_SIZE;
}

static int check_entry(const struct image *img, bool paging, uint64_t load, uint64_t entry,
		       const struct error_ctx *ctx)
{
	uint64_t phys, end = load + img->size;
	if (!entry_phys(paging, entry, &phys))
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "--entry 0x%llx is outside guest memory (%s)",
				  (unsigned long long)entry, paging ?
				  "0-0x3fffff, and 0x80000000-0x803fffff with --paging" :
				  "0-0x3fffff, 4 MiB");
	if (phys >= load && phys < end)
		return 0;
	if (paging)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "--entry 0x%llx is outside the image, loaded at 0x%llx-0x%llx "
				  "(0x%llx-0x%llx with --paging)", (unsigned long long)entry,
				  (unsigned long long)load, (unsigned long long)end,
				  (unsigned long long)(LAYOUT_HIGH_BASE + load),
				  (unsigned long long)(LAYOUT_HIGH_BASE + end));
	return error_text(ctx, -VMM_STATUS_USAGE,
			  "--entry 0x%llx is outside the image, loaded at 0x%llx-0x%llx",
			  (unsigned long long)entry, (unsigned long long)load,
			  (unsigned long long)end);
}

/* Protected or long mode: the image must lie in RAM below the VMM's blocks, and with
 * --paging clear of the seed's page tables; the entry must be inside the image. */
static int flat_wide(struct image *img, const struct error_ctx *ctx)
{
	const struct vmm_flat_boot *b = &img->boot;
	bool is64 = b->mode == VMM_MODE_LONG, paging = !is64 && b->paging;
	uint64_t load = b->load_given ? b->load : is64 ? LAYOUT_FLAT_LONG_LOAD : LAYOUT_FLAT_PROT_LOAD;
	if (load >= LAYOUT_FLAT_RAM_SIZE)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "--load 0x%llx is outside guest memory (0-0x3fffff, 4 MiB)",
				  (unsigned long long)load);
	if (img->size > LAYOUT_FLAT_SYS_BASE - (load < LAYOUT_FLAT_SYS_BASE ? load : LAYOUT_FLAT_SYS_BASE))
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "the image at 0x%llx (0x%zx bytes) overlaps the VMM's GDT and page "
				  "tables at 0x%lx-0x3fffff", (unsigned long long)load, img->size,
				  (unsigned long)LAYOUT_FLAT_SYS_BASE);
	uint64_t end = load + img->size;
	if (paging && load < LAYOUT_FLAT_PT_END && end > LAYOUT_FLAT_PT_BASE)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "the image at 0x%llx-0x%llx overlaps the --paging page tables at "
				  "0x%lx-0x%lx", (unsigned long long)load, (unsigned long long)end,
				  (unsigned long)LAYOUT_FLAT_PT_BASE, (unsigned long)LAYOUT_FLAT_PT_END);
	uint64_t entry = b->entry_given ? b->entry : paging ? LAYOUT_HIGH_BASE + load : load;
	int r = check_entry(img, paging, load, entry, ctx);
	if (r < 0)
		return r;
	img->mode = is64 ? IMAGE_LONG : IMAGE_PROT;
	img->entry = entry;
	img->ram_size = LAYOUT_FLAT_RAM_SIZE;
	img->flat_layout = true;
	img->needs_paging = paging;
	img->seg[0] = (struct image_segment){ .paddr = load, .memsz = img->size, .offset = 0,
					      .filesz = img->size };
	return 0;
}

int flat_parse(struct image *img, const struct error_ctx *ctx)
{
	img->nseg = 0;
	int r = img->boot.mode == VMM_MODE_REAL ? flat_real(img, ctx) : flat_wide(img, ctx);
	if (r < 0)
		return r;
	img->nseg = 1;
	img->wants_irqchip = contains_tag(img->data, img->size, GUEST_IRQCHIP_TAG);
	return 0;
}

/* ---- does a real-mode image look like code for another mode? ----
 * Every guest loads DX with the port of the hypercalls or COM1 before its OUT. Real-mode
 * code writes `mov dx, 0x500` as BA 00 05; code for 32- or 64-bit mode writes the same
 * instruction 66 BA 00 05, and `mov edx, 0x500` as BA 00 05 00 00. So the encodings of
 * these few moves tell the modes apart, whatever else the image holds. An image that
 * loads GDTR or CR0 switches modes itself (a boot loader): it is left alone. */

static bool guest_port(const uint8_t *p)
{
	unsigned v = p[0] | (unsigned)p[1] << 8;
	return v == HC_PORT || v == COM1_BASE || v == COM1_LSR;
}

/* REX.W and a register-to-register ALU or MOV (48 89 E5 mov rbp, rsp; 48 31 C0 ...):
 * in 16- or 32-bit code a DEC followed by the same instruction, rare in real programs. */
static bool rex_w_op(const uint8_t *p)
{
	static const uint8_t ops[] = { 0x01, 0x03, 0x09, 0x21, 0x29, 0x2B, 0x31, 0x33, 0x39,
				       0x85, 0x89, 0x8B, 0xC7, 0x83, 0x81, 0xFF };
	if ((p[0] & 0xFA) != 0x48 || p[2] < 0xC0)
		return false;
	return memchr(ops, p[1], sizeof(ops)) != NULL;
}

const char *flat_looks_like(const uint8_t *d, size_t n)
{
	int wide = 0, narrow = 0, rex = 0;
	for (size_t i = 0; i + 3 <= n; i++) {
		if (d[i] == 0x0F && (d[i + 1] == 0x22 || (d[i + 1] == 0x01 && (d[i + 2] >> 3 & 7) == 2)))
			return NULL; /* mov cr0, r / lgdt: switches modes itself */
		rex += rex_w_op(d + i);
		if (d[i] != 0xBA || !guest_port(d + i + 1))
			continue;
		bool prefixed = i > 0 && d[i - 1] == 0x66;
		bool zeros = i + 5 <= n && d[i + 3] == 0 && d[i + 4] == 0;
		if (prefixed != zeros)
			wide++;   /* 66 BA pp pp: mov dx; BA pp pp 00 00: mov edx (32/64-bit) */
		else if (!prefixed)
			narrow++; /* BA pp pp: mov dx, 16-bit code */
		/* 66 BA pp pp 00 00 is mov edx in 16-bit code or mov dx + add in 32-bit: unsure */
	}
	if (narrow || !wide)
		return NULL;
	return rex >= 2 ? "64-bit code (try --mode long)" :
			  "32- or 64-bit code (try --mode long or --mode protected)";
}
