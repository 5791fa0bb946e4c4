/* test_tui_symbols.c — function+offset from an ELF .symtab: a fabricated 64-bit and 32-bit
 * ELF (functions, a size-0 label, data and undefined symbols that do not count), every
 * truncation of it and broken headers (one-line errors, the table unchanged), and the
 * 1K OS's real kernel when it has been built. No /dev/kvm needed.
 */
#include <elf.h>

#include "../harness.h"
#include "../../tui/symbols.h"

static uint8_t img[4096];
static char err[256];

static const char strtab[] = "\0_start\0trap\0trap.loop\0counter\0ext\0abs\0";
enum { N_START = 1, N_TRAP = 8, N_LOOP = 13, N_COUNTER = 23, N_EXT = 31, N_ABS = 35 };

struct fsym {
	uint32_t name;
	unsigned type, shndx;
	uint64_t value, size;
};
static const struct fsym syms[] = {
	{ 0, 0, 0, 0, 0 },
	{ N_START, STT_FUNC, 1, 0x100000, 0x20 },
	{ N_TRAP, STT_FUNC, 1, 0x100040, 0x40 },
	{ N_LOOP, STT_NOTYPE, 1, 0x100050, 0 },
	{ N_COUNTER, STT_OBJECT, 2, 0x102000, 4 },
	{ N_EXT, STT_NOTYPE, SHN_UNDEF, 0, 0 },
	{ N_ABS, STT_NOTYPE, SHN_ABS, 0x5000, 0 },
};
#define NSYMS (sizeof(syms) / sizeof(syms[0]))

/* Sections: null, .text, .data, .symtab, .strtab. Returns the image size. */
static size_t build64(void)
{
	memset(img, 0, sizeof(img));
	Elf64_Ehdr *h = (Elf64_Ehdr *)img;
	memcpy(h->e_ident, ELFMAG, SELFMAG);
	h->e_ident[EI_CLASS] = ELFCLASS64;
	h->e_ident[EI_DATA] = ELFDATA2LSB;
	h->e_type = ET_EXEC;
	h->e_machine = EM_X86_64;
	h->e_shoff = 0x100;
	h->e_shnum = 5;
	h->e_shentsize = sizeof(Elf64_Shdr);
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + 0x100);
	sh[1] = (Elf64_Shdr){ .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
			      .sh_addr = 0x100000, .sh_size = 0x100 };
	sh[2] = (Elf64_Shdr){ .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_WRITE,
			      .sh_addr = 0x102000, .sh_size = 0x40 };
	sh[3] = (Elf64_Shdr){ .sh_type = SHT_SYMTAB, .sh_offset = 0x300,
			      .sh_size = NSYMS * sizeof(Elf64_Sym), .sh_link = 4,
			      .sh_entsize = sizeof(Elf64_Sym) };
	sh[4] = (Elf64_Shdr){ .sh_type = SHT_STRTAB, .sh_offset = 0x500, .sh_size = sizeof(strtab) };
	Elf64_Sym *s = (Elf64_Sym *)(img + 0x300);
	for (size_t i = 0; i < NSYMS; i++)
		s[i] = (Elf64_Sym){ .st_name = syms[i].name, .st_info = ELF64_ST_INFO(STB_GLOBAL, syms[i].type),
				    .st_shndx = (uint16_t)syms[i].shndx, .st_value = syms[i].value,
				    .st_size = syms[i].size };
	memcpy(img + 0x500, strtab, sizeof(strtab));
	return 0x500 + sizeof(strtab);
}

static size_t build32(void)
{
	memset(img, 0, sizeof(img));
	Elf32_Ehdr *h = (Elf32_Ehdr *)img;
	memcpy(h->e_ident, ELFMAG, SELFMAG);
	h->e_ident[EI_CLASS] = ELFCLASS32;
	h->e_ident[EI_DATA] = ELFDATA2LSB;
	h->e_type = ET_EXEC;
	h->e_machine = EM_386;
	h->e_shoff = 0x100;
	h->e_shnum = 5;
	h->e_shentsize = sizeof(Elf32_Shdr);
	Elf32_Shdr *sh = (Elf32_Shdr *)(img + 0x100);
	sh[1] = (Elf32_Shdr){ .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
			      .sh_addr = 0x100000, .sh_size = 0x100 };
	sh[2] = (Elf32_Shdr){ .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_WRITE,
			      .sh_addr = 0x102000, .sh_size = 0x40 };
	sh[3] = (Elf32_Shdr){ .sh_type = SHT_SYMTAB, .sh_offset = 0x300,
			      .sh_size = NSYMS * sizeof(Elf32_Sym), .sh_link = 4,
			      .sh_entsize = sizeof(Elf32_Sym) };
	sh[4] = (Elf32_Shdr){ .sh_type = SHT_STRTAB, .sh_offset = 0x500, .sh_size = sizeof(strtab) };
	Elf32_Sym *s = (Elf32_Sym *)(img + 0x300);
	for (size_t i = 0; i < NSYMS; i++)
		s[i] = (Elf32_Sym){ .st_name = syms[i].name, .st_info = ELF32_ST_INFO(STB_LOCAL, syms[i].type),
				    .st_shndx = (uint16_t)syms[i].shndx, .st_value = (uint32_t)syms[i].value,
				    .st_size = (uint32_t)syms[i].size };
	memcpy(img + 0x500, strtab, sizeof(strtab));
	return 0x500 + sizeof(strtab);
}

static const char *at(const struct symtab *t, uint64_t addr)
{
	static char buf[64];
	symbols_format(t, addr, buf, sizeof(buf));
	return buf;
}

static void check_table(size_t size, const char *what)
{
	struct symtab t = { 0 };
	CHECK_EQ(symbols_parse(&t, img, size, what, err, sizeof(err)), 0);
	CHECK_EQ(t.count, 3); /* _start, trap, trap.loop */
	CHECK_STR(at(&t, 0x100000), "_start");
	CHECK_STR(at(&t, 0x100010), "_start+0x10");
	CHECK_STR(at(&t, 0x100020), "");  /* padding after a sized function */
	CHECK_STR(at(&t, 0x100044), "trap+0x4");
	CHECK_STR(at(&t, 0x100050), "trap.loop");
	CHECK_STR(at(&t, 0x1000FF), "trap.loop+0xaf"); /* a label runs to its section's end */
	CHECK_STR(at(&t, 0x100100), "");
	CHECK_STR(at(&t, 0xFFFFF), "");
	CHECK_STR(at(&t, 0x102000), "");  /* data objects are not functions */
	uint64_t a = 0, off;
	CHECK_EQ(symbols_find(&t, "trap", &a), 1);
	CHECK_EQ(a, 0x100040);
	CHECK_EQ(symbols_find(&t, "counter", &a), 0);
	CHECK_EQ(symbols_find(&t, "ext", NULL), 0);
	CHECK_EQ(symbols_find(&t, "abs", NULL), 0);
	const struct symbol *s = symbols_lookup(&t, 0x100045, &off);
	CHECK(s && s->func && off == 5);
	CHECK(symbols_in_code(&t, 0x100080));
	CHECK(!symbols_in_code(&t, 0x102000));
	/* adding the same file again: every name twice */
	CHECK_EQ(symbols_parse(&t, img, size, what, err, sizeof(err)), 0);
	CHECK_EQ(symbols_find(&t, "trap", &a), 2);
	CHECK_STR(at(&t, 0x100044), "trap+0x4");
	symbols_free(&t);
	CHECK_EQ(t.count, 0);
}

/* Every prefix of a good image: parsed or refused in one line, never read past its end. */
static void check_truncations(size_t size)
{
	for (size_t n = 0; n < size; n++) {
		struct symtab t = { 0 };
		uint8_t *copy = malloc(n ? n : 1);
		memcpy(copy, img, n);
		err[0] = '\0';
		if (symbols_parse(&t, copy, n, "cut.elf", err, sizeof(err)) < 0) {
			CHECK(!strncmp(err, "cut.elf: ", 9));
			CHECK_EQ(t.count, 0);
		}
		symbols_free(&t);
		free(copy);
	}
}

static void check_broken(void)
{
	struct symtab t = { 0 };
	size_t size = build64();
	CHECK_EQ(symbols_parse(&t, img, size, "a.elf", err, sizeof(err)), 0);
	CHECK_EQ(symbols_parse(&t, (const uint8_t *)"hello", 5, "b", err, sizeof(err)), -1);
	CHECK_STR(err, "b: not an ELF file");
	((Elf64_Ehdr *)img)->e_shoff = 0xFFFFFFFFFFFFFF00ULL;
	CHECK_EQ(symbols_parse(&t, img, size, "c.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "c.elf: section headers outside the file");
	build64();
	((Elf64_Shdr *)(img + 0x100))[3].sh_link = 9;
	CHECK_EQ(symbols_parse(&t, img, size, "d.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "d.elf: symbol table names a missing string table");
	build64();
	((Elf64_Shdr *)(img + 0x100))[3].sh_size = 0x100000;
	CHECK_EQ(symbols_parse(&t, img, size, "e.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "e.elf: symbol table outside the file");
	build64();
	((Elf64_Shdr *)(img + 0x100))[3].sh_type = SHT_PROGBITS;
	CHECK_EQ(symbols_parse(&t, img, size, "f.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "f.elf: no symbol table (stripped?)");
	build64();
	img[EI_DATA] = ELFDATA2MSB;
	CHECK_EQ(symbols_parse(&t, img, size, "g.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "g.elf: not a little-endian ELF file");
	/* a name offset past the string table is skipped, not followed */
	build64();
	((Elf64_Sym *)(img + 0x300))[1].st_name = 0x7FFFFFFF;
	CHECK_EQ(symbols_parse(&t, img, size, "h.elf", err, sizeof(err)), 0);
	CHECK_EQ(t.count, 3 + 2); /* the first file's three, then trap and trap.loop */
	CHECK_EQ(symbols_load(&t, "/nonexistent/os.elf", err, sizeof(err)), -1);
	CHECK_STR(err, "/nonexistent/os.elf: No such file or directory");
	CHECK_EQ(symbols_load(&t, "/", err, sizeof(err)), -1);
	symbols_free(&t);
}

/* The 1K OS's kernel, if this build dir has it: its trap handler and IDT set-up. */
static void check_os1k(void)
{
	char path[512];
	const char *b = getenv("B");
	snprintf(path, sizeof(path), "%s/guests/os1k64.elf", b ? b : "build");
	if (access(path, R_OK) != 0) {
		printf("(no %s: the real-ELF part is skipped)\n", path);
		return;
	}
	struct symtab t = { 0 };
	CHECK_EQ(symbols_load(&t, path, err, sizeof(err)), 0);
	uint64_t a = 0;
	CHECK(symbols_find(&t, "trap", &a) >= 1);
	CHECK_STR(at(&t, a), "trap");
	CHECK_STR(at(&t, a + 3), "trap+0x3");
	CHECK(symbols_find(&t, "idt_init", &a) == 1);
	CHECK(symbols_in_code(&t, a));
	symbols_free(&t);
	snprintf(path, sizeof(path), "%s/guests/os1k32.elf", b ? b : "build");
	if (access(path, R_OK) == 0) {
		CHECK_EQ(symbols_load(&t, path, err, sizeof(err)), 0);
		CHECK(symbols_find(&t, "idt_init", &a) == 1);
		symbols_free(&t);
	}
}

int main(void)
{
	size_t n = build64();
	check_table(n, "os64.elf");
	check_truncations(n);
	n = build32();
	check_table(n, "os32.elf");
	check_truncations(n);
	check_broken();
	check_os1k();
	HARNESS_END();
}
