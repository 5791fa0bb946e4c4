/* elf.c — validate an ELF executable and list its PT_LOAD segments for loader.c.
 * Class 32 (EM_386) boots in protected mode, class 64 (EM_X86_64) in long mode.
 * Segments load at p_paddr. A 32-bit one linked 0x80000000 higher (p_vaddr, a kernel for
 * the seed's --paging) makes the image "high": it needs paging with that alias.
 * Every header field that steers a copy is checked against the file and the layout,
 * with overflow-safe arithmetic: a bad ELF gets one line, never a wild memcpy.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "guest_layout.h"
#include "loader.h"

/* The fields we use, widened to 64 bits from either class. */
struct elf_info {
	int cls;
	uint16_t type, machine, phentsize, phnum;
	uint64_t entry, phoff;
};

bool elf_is_elf(const uint8_t *data, size_t size)
{
	return size >= SELFMAG && memcmp(data, ELFMAG, SELFMAG) == 0;
}

static int elf_bad(const struct error_ctx *ctx, const char *why)
{
	return error_text(ctx, -VMM_STATUS_USAGE, "bad ELF image: %s", why);
}

static int elf_header(const struct image *img, struct elf_info *h, const struct error_ctx *ctx)
{
	if (img->size < EI_NIDENT)
		return elf_bad(ctx, "truncated before the identification bytes");
	h->cls = img->data[EI_CLASS];
	if (h->cls != ELFCLASS32 && h->cls != ELFCLASS64)
		return elf_bad(ctx, "class is neither 32-bit nor 64-bit");
	if (img->data[EI_DATA] != ELFDATA2LSB)
		return elf_bad(ctx, "not little-endian");
	if (h->cls == ELFCLASS64) {
		Elf64_Ehdr e;
		if (img->size < sizeof(e))
			return elf_bad(ctx, "truncated ELF header");
		memcpy(&e, img->data, sizeof(e));
		*h = (struct elf_info){ h->cls, e.e_type, e.e_machine, e.e_phentsize, e.e_phnum,
					e.e_entry, e.e_phoff };
		if (h->machine != EM_X86_64)
			return elf_bad(ctx, "64-bit ELF for another machine (want x86-64)");
		if (h->phentsize != sizeof(Elf64_Phdr))
			return elf_bad(ctx, "unexpected program header size");
	} else {
		Elf32_Ehdr e;
		if (img->size < sizeof(e))
			return elf_bad(ctx, "truncated ELF header");
		memcpy(&e, img->data, sizeof(e));
		*h = (struct elf_info){ h->cls, e.e_type, e.e_machine, e.e_phentsize, e.e_phnum,
					e.e_entry, e.e_phoff };
		if (h->machine != EM_386)
			return elf_bad(ctx, "32-bit ELF for another machine (want i386)");
		if (h->phentsize != sizeof(Elf32_Phdr))
			return elf_bad(ctx, "unexpected program header size");
	}
	if (h->type != ET_EXEC)
		return elf_bad(ctx, "not an executable (want ET_EXEC, linked at fixed addresses)");
	if (h->phnum == 0)
		return elf_bad(ctx, "no program headers");
	if (h->phoff > img->size || (uint64_t)h->phnum * h->phentsize > img->size - h->phoff)
		return elf_bad(ctx, "program headers lie past the end of the file");
	return 0;
}

static void elf_phdr(const struct image *img, const struct elf_info *h, int i, Elf64_Phdr *p)
{
	const uint8_t *at = img->data + h->phoff + (uint64_t)i * h->phentsize;
	if (h->cls == ELFCLASS64) {
		memcpy(p, at, sizeof(*p));
		return;
	}
	Elf32_Phdr q;
	memcpy(&q, at, sizeof(q));
	*p = (Elf64_Phdr){ .p_type = q.p_type, .p_flags = q.p_flags, .p_offset = q.p_offset,
			   .p_vaddr = q.p_vaddr, .p_paddr = q.p_paddr, .p_filesz = q.p_filesz,
			   .p_memsz = q.p_memsz, .p_align = q.p_align };
}

static int elf_segment(struct image *img, int i, const Elf64_Phdr *p, const struct error_ctx *ctx)
{
	uint64_t lo = LAYOUT_ELF_MIN, hi = img->ram_size - LAYOUT_ELF_STACKS;
	if (p->p_offset > img->size || p->p_filesz > img->size - p->p_offset)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: segment %d lies past the end of the file", i);
	if (p->p_filesz > p->p_memsz)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: segment %d has more file bytes than memory", i);
	if (p->p_paddr < lo || p->p_paddr > hi || p->p_memsz > hi - p->p_paddr) {
		/* start-end when the end is a number; start and size when it would wrap */
		char where[64];
		if (p->p_memsz > UINT64_MAX - p->p_paddr)
			snprintf(where, sizeof(where), "0x%llx (0x%llx bytes)",
				 (unsigned long long)p->p_paddr, (unsigned long long)p->p_memsz);
		else
			snprintf(where, sizeof(where), "0x%llx-0x%llx", (unsigned long long)p->p_paddr,
				 (unsigned long long)(p->p_paddr + p->p_memsz));
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: segment %d at %s lies outside guest memory "
				  "0x%llx-0x%llx", i, where, (unsigned long long)lo,
				  (unsigned long long)hi);
	}
	if (p->p_vaddr != p->p_paddr) {
		if (img->mode == IMAGE_LONG || p->p_vaddr != p->p_paddr + LAYOUT_HIGH_BASE)
			return error_text(ctx, -VMM_STATUS_USAGE,
					  "bad ELF image: segment %d is linked at 0x%llx but loads at "
					  "0x%llx; %s", i, (unsigned long long)p->p_vaddr,
					  (unsigned long long)p->p_paddr,
					  img->mode == IMAGE_LONG ? "a 64-bit ELF must be linked where it "
					  "loads" : "only 0x80000000 higher is mapped (as --paging does)");
		img->high = true;
	}
	if (img->nseg == IMAGE_MAX_SEGMENTS)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: more than %d loadable segments", IMAGE_MAX_SEGMENTS);
	img->seg[img->nseg++] = (struct image_segment){ .paddr = p->p_paddr, .memsz = p->p_memsz,
							.offset = p->p_offset,
							.filesz = p->p_filesz };
	return 0;
}

int elf_parse(struct image *img, const struct error_ctx *ctx)
{
	struct elf_info h = { 0 };
	int r = elf_header(img, &h, ctx);
	if (r < 0)
		return r;
	img->mode = h.cls == ELFCLASS64 ? IMAGE_LONG : IMAGE_PROT;
	img->entry = h.entry;
	img->ram_size = LAYOUT_ELF_RAM_SIZE;
	img->wants_irqchip = true;
	bool entry_ok = false;
	for (int i = 0; i < h.phnum; i++) {
		Elf64_Phdr p;
		elf_phdr(img, &h, i, &p);
		if (p.p_type != PT_LOAD || p.p_memsz == 0)
			continue;
		if ((r = elf_segment(img, i, &p, ctx)) < 0)
			return r;
		if (h.entry >= p.p_vaddr && h.entry - p.p_vaddr < p.p_memsz)
			entry_ok = true;
	}
	if (img->nseg == 0)
		return elf_bad(ctx, "no loadable (PT_LOAD) segment");
	img->needs_paging = img->high;
	if (!entry_ok)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: entry point 0x%llx is outside every segment",
				  (unsigned long long)h.entry);
	return 0;
}
