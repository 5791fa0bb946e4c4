/* loader.c — read an image file with every way it can be wrong turned into one line
 * (missing, a directory or FIFO, empty, too big for its kind), pick flat vs ELF, refuse
 * flat-image options an ELF contradicts, and copy it into RAM. How a flat image boots is
 * flat.c's; an ELF's, elf.c's. Parsing (image_parse) is a function of the bytes and the
 * options alone, so a fuzzer can drive it.
 */
#include "loader.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest_layout.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

static bool named_elf(const char *name)
{
	size_t len = strlen(name);
	return len > 4 && strcmp(name + len - 4, ".elf") == 0;
}

static int read_all(int fd, uint8_t *buf, size_t size, const struct error_ctx *ctx)
{
	size_t done = 0;
	while (done < size) {
		ssize_t n = read(fd, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error_errno(ctx, "read image", errno);
		if (n == 0)
			return error_text(ctx, -VMM_STATUS_USAGE, "image shrank while being read");
		done += (size_t)n;
	}
	return 0;
}

/* The size limit depends on the kind, known from the first four bytes (or the name):
 * checked before anything is read whole. */
static int check_size(int fd, const struct stat *st, const char *name,
		      const struct vmm_flat_boot *boot, const struct error_ctx *ctx)
{
	uint8_t magic[SELFMAG] = { 0 };
	ssize_t n = pread(fd, magic, sizeof(magic), 0);
	if (n < 0)
		return error_errno(ctx, "read image", errno);
	uint64_t size = (uint64_t)st->st_size;
	if (elf_is_elf(magic, (size_t)n) || named_elf(name)) {
		if (size > LAYOUT_ELF_RAM_SIZE)
			return error_text(ctx, -VMM_STATUS_USAGE,
					  "ELF image is too big: %llu bytes, at most %lu (64 MiB)",
					  (unsigned long long)size, (unsigned long)LAYOUT_ELF_RAM_SIZE);
	} else if (boot->mode != VMM_MODE_REAL) {
		if (size > LAYOUT_FLAT_SYS_BASE)
			return error_text(ctx, -VMM_STATUS_USAGE,
					  "flat %s-mode image is too big: %llu bytes, at most %lu "
					  "(3.75 MiB)", boot->mode == VMM_MODE_LONG ? "long" :
					  "protected", (unsigned long long)size,
					  (unsigned long)LAYOUT_FLAT_SYS_BASE);
	} else if (size > LAYOUT_REAL_MAX_IMAGE) {
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "real-mode image is too big: %llu bytes, at most %lu (256 KiB)",
				  (unsigned long long)size, (unsigned long)LAYOUT_REAL_MAX_IMAGE);
	}
	return 0;
}

/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just after);
 * O_NOCTTY: a terminal named as the image must not become our controlling terminal. */
static int read_file(struct image *img, const struct error_ctx *ctx)
{
	int fd = open(img->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return error_text(ctx, -VMM_STATUS_USAGE, "cannot open image: %s", strerror(errno));
	struct stat st;
	int r = 0;
	if (fstat(fd, &st) < 0) {
		r = error_text(ctx, -VMM_STATUS_USAGE, "cannot stat image: %s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		r = error_text(ctx, -VMM_STATUS_USAGE, "image is a directory, not a file");
	} else if (!S_ISREG(st.st_mode)) {
		r = error_text(ctx, -VMM_STATUS_USAGE, "image is not a regular file");
	} else if (st.st_size == 0) {
		r = error_text(ctx, -VMM_STATUS_USAGE, "image is empty (0 bytes)");
	} else if ((r = check_size(fd, &st, img->name, &img->boot, ctx)) < 0) {
		r = -VMM_STATUS_USAGE;
	} else if (!(img->data = malloc((size_t)st.st_size))) {
		r = error_errno(ctx, "allocate image buffer", ENOMEM);
	} else {
		img->size = (size_t)st.st_size;
		if ((r = read_all(fd, img->data, img->size, ctx)) < 0)
			r = -VMM_STATUS_USAGE;
	}
	close(fd);
	return r;
}

/* The flat-image options say nothing about an ELF, except where they contradict it. */
static int elf_fits_options(struct image *img, const struct error_ctx *ctx)
{
	const struct vmm_flat_boot *b = &img->boot;
	bool is64 = img->mode == IMAGE_LONG;
	if (b->load_given || b->entry_given)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "--load and --entry are for flat images: an ELF says where it "
				  "loads and starts");
	if (b->mode_given && (b->mode == VMM_MODE_REAL || is64 != (b->mode == VMM_MODE_LONG)))
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "a %d-bit ELF runs in %s mode, not %s mode (--mode, --paging and "
				  "--long-mode are for flat images)", is64 ? 64 : 32,
				  is64 ? "long" : "protected", b->mode == VMM_MODE_REAL ? "real" :
				  b->mode == VMM_MODE_LONG ? "long" : "protected");
	if (b->paging && !is64)
		img->needs_paging = true; /* asked for: never silently without */
	return 0;
}

int image_parse(struct image *img, const struct error_ctx *ctx)
{
	if (named_elf(img->name) && !elf_is_elf(img->data, img->size))
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "bad ELF image: no ELF magic (7f 45 4c 46) at the start");
	int r;
	if (elf_is_elf(img->data, img->size))
		r = elf_parse(img, ctx) < 0 ? -1 : elf_fits_options(img, ctx);
	else
		r = flat_parse(img, ctx);
	return r < 0 ? -VMM_STATUS_USAGE : 0;
}

int image_read(const char *path, const struct vmm_flat_boot *boot, struct image *img,
	       const struct error_ctx *ctx)
{
	memset(img, 0, sizeof(*img));
	if (boot)
		img->boot = *boot;
	img->path = path;
	img->name = base_name(path);
	int r = read_file(img, ctx);
	if (r == 0)
		r = image_parse(img, ctx);
	if (r < 0) {
		image_free(img);
		return -VMM_STATUS_USAGE;
	}
	return 0;
}

void image_place(const struct image *img, uint8_t *mem)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct image_segment *s = &img->seg[i];
		memcpy(mem + s->paddr, img->data + s->offset, s->filesz);
		memset(mem + s->paddr + s->filesz, 0, s->memsz - s->filesz);
	}
}

void image_free(struct image *img)
{
	free(img->data);
	img->data = NULL;
	img->size = 0;
}
