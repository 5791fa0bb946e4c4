/* test_flat.c — flat images in every mode (--mode, --paging, --load, --entry): where they
 * load and start, each bad address as its one line; ELFs linked high and ELFs the options
 * contradict; and the "looks like 64-bit code" warning: on fabricated bytes, on the seed's
 * hello_64, and silent on every real-mode guest we ship (when built). No /dev/kvm needed.
 */
#include <dirent.h>
#include <elf.h>
#include <sys/stat.h>

#include "../harness.h"
#include "../../vmm/guest_layout.h"
#include "../../vmm/loader.h"

static char err[VMM_ERROR_LEN];
static const struct error_ctx ctx = { 0, "t.bin", err };
static uint8_t code[0x2000];

/* Parse size bytes of code as a flat image booted as b says; 0 or -2 with err set. */
static int parse(struct image *img, size_t size, struct vmm_flat_boot b)
{
	memset(img, 0, sizeof(*img));
	img->name = "t.bin";
	img->data = code;
	img->size = size;
	img->boot = b;
	err[0] = '\0';
	return image_parse(img, &ctx);
}

static void test_modes(void)
{
	struct image img;
	struct vmm_flat_boot b = { .mode = VMM_MODE_LONG, .mode_given = true };
	CHECK_EQ(parse(&img, 0x100, b), 0);
	CHECK_EQ(img.mode, IMAGE_LONG);
	CHECK_EQ(img.seg[0].paddr, 0);
	CHECK_EQ(img.entry, 0);
	CHECK_EQ(img.ram_size, LAYOUT_FLAT_RAM_SIZE);
	CHECK(img.flat_layout && !img.needs_paging);

	b = (struct vmm_flat_boot){ .mode = VMM_MODE_PROT, .mode_given = true, .paging = true };
	CHECK_EQ(parse(&img, 0x100, b), 0);
	CHECK_EQ(img.mode, IMAGE_PROT);
	CHECK_EQ(img.seg[0].paddr, 0x1000);
	CHECK_EQ(img.entry, 0x80001000);
	CHECK(img.flat_layout && img.needs_paging);
	b.load = 0x2000;
	b.load_given = true;
	CHECK_EQ(parse(&img, 0x100, b), 0);
	CHECK_EQ(img.entry, 0x80002000); /* the load address, seen through the high map */
	b.entry = 0x20F0;                /* the identity map works too */
	b.entry_given = true;
	CHECK_EQ(parse(&img, 0x100, b), 0);
	CHECK_EQ(img.entry, 0x20F0);

	b = (struct vmm_flat_boot){ .mode = VMM_MODE_PROT, .mode_given = true };
	CHECK_EQ(parse(&img, 0x100, b), 0);
	CHECK_EQ(img.entry, 0x1000);
	CHECK(!img.needs_paging);

	/* real mode, as always, and no warning about bytes that are not code */
	CHECK_EQ(parse(&img, 0x100, (struct vmm_flat_boot){ 0 }), 0);
	CHECK_EQ(img.mode, IMAGE_REAL);
	CHECK_EQ(img.seg[0].paddr, LAYOUT_REAL_LOAD);
	CHECK(!img.flat_layout && img.looks_like == NULL);
}

static void test_bad_addresses(void)
{
	struct image img;
	struct vmm_flat_boot b = { .mode = VMM_MODE_LONG, .mode_given = true, .load_given = true,
				   .load = 0x400000 };
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --load 0x400000 is outside guest memory (0-0x3fffff, 4 MiB)");
	b.load = 0x3BFF80;
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): the image at 0x3bff80 (0x100 bytes) overlaps the VMM's GDT "
		       "and page tables at 0x3c0000-0x3fffff");
	b.load = 0x3BFF00; /* ends exactly where the VMM's blocks begin */
	CHECK_EQ(parse(&img, 0x100, b), 0);
	b.load = 0x3C8000;
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	b.load = 0;
	b.entry_given = true;
	b.entry = 0x100;
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --entry 0x100 is outside the image, loaded at 0x0-0x100");
	b.entry = 0x80000000; /* mapped only with --paging */
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --entry 0x80000000 is outside guest memory (0-0x3fffff, 4 MiB)");

	b = (struct vmm_flat_boot){ .mode = VMM_MODE_PROT, .mode_given = true, .paging = true,
				    .load_given = true, .load = 0xFF000 };
	CHECK_EQ(parse(&img, 0x2000, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): the image at 0xff000-0x101000 overlaps the --paging page "
		       "tables at 0x100000-0x130000");
	b.paging = false; /* without paging the seed's tables are not there */
	CHECK_EQ(parse(&img, 0x2000, b), 0);
	b.paging = true;
	b.load = 0x1000;
	b.entry_given = true;
	b.entry = 0x80003000;
	CHECK_EQ(parse(&img, 0x2000, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --entry 0x80003000 is outside the image, loaded at "
		       "0x1000-0x3000 (0x80001000-0x80003000 with --paging)");
	b.entry = 0x80400000;
	CHECK_EQ(parse(&img, 0x2000, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --entry 0x80400000 is outside guest memory (0-0x3fffff, "
		       "and 0x80000000-0x803fffff with --paging)");

	b = (struct vmm_flat_boot){ .load_given = true, .load = 0x2000 };
	CHECK_EQ(parse(&img, 0x100, b), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --load and --entry are for protected and long mode: a "
		       "real-mode image starts at 1000:0000");
}

/* A one-segment ELF: class 32 or 64, linked at vaddr, loaded at paddr, entry at vaddr. */
static size_t make_elf(uint8_t *out, int cls, uint64_t vaddr, uint64_t paddr)
{
	memset(out, 0, 0x200);
	memcpy(out, ELFMAG, SELFMAG);
	out[EI_CLASS] = (uint8_t)cls;
	out[EI_DATA] = ELFDATA2LSB;
	out[EI_VERSION] = EV_CURRENT;
	if (cls == ELFCLASS32) {
		Elf32_Ehdr e = { .e_type = ET_EXEC, .e_machine = EM_386, .e_version = EV_CURRENT,
				 .e_entry = (uint32_t)vaddr, .e_phoff = sizeof(Elf32_Ehdr),
				 .e_ehsize = sizeof(Elf32_Ehdr), .e_phentsize = sizeof(Elf32_Phdr),
				 .e_phnum = 1 };
		memcpy(e.e_ident, out, EI_NIDENT);
		Elf32_Phdr p = { .p_type = PT_LOAD, .p_offset = 0x100, .p_vaddr = (uint32_t)vaddr,
				 .p_paddr = (uint32_t)paddr, .p_filesz = 0x10, .p_memsz = 0x10 };
		memcpy(out, &e, sizeof(e));
		memcpy(out + sizeof(e), &p, sizeof(p));
	} else {
		Elf64_Ehdr e = { .e_type = ET_EXEC, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
				 .e_entry = vaddr, .e_phoff = sizeof(Elf64_Ehdr),
				 .e_ehsize = sizeof(Elf64_Ehdr), .e_phentsize = sizeof(Elf64_Phdr),
				 .e_phnum = 1 };
		memcpy(e.e_ident, out, EI_NIDENT);
		Elf64_Phdr p = { .p_type = PT_LOAD, .p_offset = 0x100, .p_vaddr = vaddr,
				 .p_paddr = paddr, .p_filesz = 0x10, .p_memsz = 0x10 };
		memcpy(out, &e, sizeof(e));
		memcpy(out + sizeof(e), &p, sizeof(p));
	}
	return 0x110;
}

static int parse_elf(struct image *img, int cls, uint64_t vaddr, uint64_t paddr,
		     struct vmm_flat_boot b)
{
	size_t n = make_elf(code, cls, vaddr, paddr);
	int r = parse(img, n, b);
	return r;
}

static void test_elf(void)
{
	struct image img;
	struct vmm_flat_boot none = { 0 };
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x80100000, 0x100000, none), 0);
	CHECK(img.high && img.needs_paging && !img.flat_layout);
	CHECK_EQ(img.entry, 0x80100000);
	CHECK_EQ(img.seg[0].paddr, 0x100000);
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x100000, 0x100000, none), 0);
	CHECK(!img.high && !img.needs_paging);
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0xC0100000, 0x100000, none), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): bad ELF image: segment 0 is linked at 0xc0100000 but loads "
		       "at 0x100000; only 0x80000000 higher is mapped (as --paging does)");
	CHECK_EQ(parse_elf(&img, ELFCLASS64, 0xFFFFFFFF80100000ULL, 0x100000, none),
		 -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): bad ELF image: segment 0 is linked at 0xffffffff80100000 "
		       "but loads at 0x100000; a 64-bit ELF must be linked where it loads");

	/* the flat-image options, where they contradict an ELF */
	struct vmm_flat_boot prot = { .mode = VMM_MODE_PROT, .mode_given = true };
	CHECK_EQ(parse_elf(&img, ELFCLASS64, 0x100000, 0x100000, prot), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): a 64-bit ELF runs in long mode, not protected mode (--mode, "
		       "--paging and --long-mode are for flat images)");
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x100000, 0x100000, prot), 0);
	CHECK(!img.needs_paging);
	prot.paging = true; /* asked for paging: never silently without it */
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x100000, 0x100000, prot), 0);
	CHECK(img.needs_paging);
	struct vmm_flat_boot longm = { .mode = VMM_MODE_LONG, .mode_given = true };
	CHECK_EQ(parse_elf(&img, ELFCLASS64, 0x100000, 0x100000, longm), 0);
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x100000, 0x100000, longm), -VMM_STATUS_USAGE);
	struct vmm_flat_boot real = { .mode_given = true };
	CHECK_EQ(parse_elf(&img, ELFCLASS32, 0x100000, 0x100000, real), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): a 32-bit ELF runs in protected mode, not real mode (--mode, "
		       "--paging and --long-mode are for flat images)");
	struct vmm_flat_boot load = { .mode = VMM_MODE_LONG, .mode_given = true, .load_given = true };
	CHECK_EQ(parse_elf(&img, ELFCLASS64, 0x100000, 0x100000, load), -VMM_STATUS_USAGE);
	CHECK_STR(err, "vcpu0 (t.bin): --load and --entry are for flat images: an ELF says where it "
		       "loads and starts");
}

static const char *sniff(const uint8_t *bytes, size_t n)
{
	return flat_looks_like(bytes, n);
}
#define SNIFF(...) sniff((const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }))

static void test_looks_like(void)
{
	/* the seed's hello_64: mov dx, 0x500 (66 BA), mov ax, 1; mov bl, 'H'; out dx, al */
	CHECK_STR(SNIFF(0x66, 0xBA, 0x00, 0x05, 0x66, 0xB8, 0x01, 0x00, 0xB3, 0x48, 0xEE) ?: "",
		  "32- or 64-bit code (try --mode long or --mode protected)");
	/* mov rbp, rsp; mov r12, rsi; mov dx, 0x500; mov al, 1 */
	CHECK_STR(SNIFF(0x48, 0x89, 0xE5, 0x49, 0x89, 0xF4, 0x66, 0xBA, 0x00, 0x05, 0xB0, 0x01)
		  ?: "", "64-bit code (try --mode long)");
	/* mov edx, 0x3F8 (32/64-bit) */
	CHECK(SNIFF(0xBA, 0xF8, 0x03, 0x00, 0x00, 0xB0, 0x41, 0xEE) != NULL);
	/* 16-bit: mov dx, 0x500; mov al, 1; out dx, al */
	CHECK(SNIFF(0xBA, 0x00, 0x05, 0xB0, 0x01, 0xEE) == NULL);
	/* 16-bit mov edx, 0x500 (66 BA 00 05 00 00): could be either, so nothing */
	CHECK(SNIFF(0x66, 0xBA, 0x00, 0x05, 0x00, 0x00, 0xEE) == NULL);
	/* both encodings: real-mode code with a 32-bit part after lgdt: a boot loader */
	CHECK(SNIFF(0x0F, 0x01, 0x16, 0x00, 0x10, 0x66, 0xBA, 0x00, 0x05, 0xB0, 0x01) == NULL);
	CHECK(SNIFF(0x0F, 0x22, 0xC0, 0x66, 0xBA, 0x00, 0x05, 0xB0, 0x01) == NULL);
	CHECK(SNIFF(0xBA, 0x00, 0x05, 0xB0, 0x01, 0x66, 0xBA, 0x00, 0x05, 0xB0, 0x01) == NULL);
	CHECK(SNIFF(0x90) == NULL);
	CHECK(SNIFF(0x66, 0xBA, 0x00) == NULL); /* cut short: never a read past the end */
}

static bool read_bin(const char *path, uint8_t **data, size_t *size)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool ok = fstat(fileno(f), &st) == 0 && (*data = malloc((size_t)st.st_size + 1)) &&
		  fread(*data, 1, (size_t)st.st_size, f) == (size_t)st.st_size;
	*size = (size_t)st.st_size;
	fclose(f);
	return ok;
}

/* Every real-mode guest we ship: no warning. Our flat guests: the warning they deserve. */
static void test_our_guests(void)
{
	const char *b = getenv("B") ? getenv("B") : "build";
	DIR *dir = opendir("guests/real");
	if (!dir) {
		printf("(no guests/real here: the shipped-guest part is skipped)\n");
		return;
	}
	int seen = 0;
	struct dirent *e;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".asm") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/guests/%.*s.bin", b, (int)(n - 4), e->d_name);
		uint8_t *data = NULL;
		size_t size;
		if (read_bin(path, &data, &size)) {
			const char *says = flat_looks_like(data, size);
			if (says)
				fprintf(stderr, "%s: false warning: looks like %s\n", path, says);
			CHECK(says == NULL);
			seen++;
		}
		free(data);
	}
	closedir(dir);
	printf("%d real-mode guests checked\n", seen);
	static const struct { const char *name, *want; } flat[] = {
		{ "hello64", "64-bit code (try --mode long)" },
		{ "paged32", "32- or 64-bit code (try --mode long or --mode protected)" },
	};
	for (size_t i = 0; i < sizeof(flat) / sizeof(flat[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/guests/%s.bin", b, flat[i].name);
		uint8_t *data = NULL;
		size_t size;
		if (read_bin(path, &data, &size))
			CHECK_STR(flat_looks_like(data, size) ?: "", flat[i].want);
		free(data);
	}
}

int main(void)
{
	test_modes();
	test_bad_addresses();
	test_elf();
	test_looks_like();
	test_our_guests();
	HARNESS_END();
}
