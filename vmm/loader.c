/* loader.c — read an image file with every way it can be wrong turned into one line
 * (missing, a directory, empty, too big), pick flat vs ELF, and copy it into RAM.
 * Flat images are real-mode programs loaded at LAYOUT_REAL_LOAD (layout.h).
 */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"

#define IMAGE_MAX_FILE (LAYOUT_ELF_RAM_SIZE)

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
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

static int read_file(struct image *img, const struct error_ctx *ctx)
{
	int fd = open(img->path, O_RDONLY | O_CLOEXEC);
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
	} else if ((uint64_t)st.st_size > IMAGE_MAX_FILE) {
		r = error_text(ctx, -VMM_STATUS_USAGE, "image is too big: %lld bytes, at most %lu",
			       (long long)st.st_size, (unsigned long)IMAGE_MAX_FILE);
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

static bool contains_tag(const uint8_t *data, size_t size, const char *tag)
{
	size_t n = strlen(tag);
	for (size_t i = 0; i + n <= size; i++)
		if (data[i] == (uint8_t)tag[0] && memcmp(data + i, tag, n) == 0)
			return true;
	return false;
}

static int flat_parse(struct image *img, const struct error_ctx *ctx)
{
	if (img->size > LAYOUT_REAL_MAX_IMAGE)
		return error_text(ctx, -VMM_STATUS_USAGE,
				  "real-mode image is too big: %zu bytes, at most %lu (256 KiB)",
				  img->size, (unsigned long)LAYOUT_REAL_MAX_IMAGE);
	img->mode = IMAGE_REAL;
	img->entry = 0;
	img->ram_size = LAYOUT_REAL_RAM_SIZE;
	img->wants_irqchip = contains_tag(img->data, img->size, IMAGE_IRQCHIP_TAG);
	img->nseg = 1;
	img->seg[0] = (struct image_segment){ .paddr = LAYOUT_REAL_LOAD, .memsz = img->size,
					      .offset = 0, .filesz = img->size };
	return 0;
}

int image_read(const char *path, struct image *img, const struct error_ctx *ctx)
{
	memset(img, 0, sizeof(*img));
	img->path = path;
	img->name = base_name(path);
	int r = read_file(img, ctx);
	size_t len = strlen(img->name);
	bool named_elf = len > 4 && strcmp(img->name + len - 4, ".elf") == 0;
	if (r == 0 && named_elf && !elf_is_elf(img->data, img->size))
		r = error_text(ctx, -VMM_STATUS_USAGE, "bad ELF image: no ELF magic (7f 45 4c 46) at the start");
	else if (r == 0)
		r = elf_is_elf(img->data, img->size) ? elf_parse(img, ctx) : flat_parse(img, ctx);
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
