/* test_tui_listing.c — source lines for guest offsets from nasm listings: a fabricated
 * listing with nested %include files, nested macro calls, long data split over lines,
 * `times`, .bss space, labels and malformed lines; and the real steps.lst and every
 * other guest listing of the build (their byte counts add up to the image). No /dev/kvm.
 */
#include <sys/stat.h>

#include "../harness.h"
#include "../../tui/listing.h"

static char text[1 << 16];
static size_t len;
static char err[256];

/* One listing line laid out in nasm's columns: number, offset, bytes, <level>, source at 40. */
static void add(unsigned line, long off, const char *data, int level, const char *src)
{
	char row[256];
	memset(row, ' ', 40);
	char num[16];
	snprintf(num, sizeof(num), "%6u", line);
	memcpy(row, num, 6);
	if (off >= 0) {
		char o[16];
		snprintf(o, sizeof(o), "%08lX", off);
		memcpy(row + 7, o, 8);
		memcpy(row + 16, data, strlen(data));
	}
	if (level) {
		char lv[8];
		snprintf(lv, sizeof(lv), "<%d>", level);
		memcpy(row + 36, lv, strlen(lv));
	}
	int n = snprintf(row + 40, sizeof(row) - 40, "%s", src);
	size_t end = *src ? 40 + (size_t)n : off >= 0 ? 16 + strlen(data) : 40;
	row[end] = '\n';
	memcpy(text + len, row, end + 1);
	len += end + 1;
}

static void fabricate(void)
{
	len = 0;
	add(1, -1, "", 0, "; demo.asm - a listing to test with");
	add(2, -1, "", 0, "bits 16");
	add(3, -1, "", 0, "%include \"macros.inc\"");
	add(1, -1, "", 1, "%macro putc 1");
	add(2, -1, "", 1, "\tmov bl, %1");
	add(3, -1, "", 1, "\thypercall 1");
	add(4, -1, "", 1, "%endmacro");
	add(5, -1, "", 1, "%include \"hc.inc\"");
	add(1, -1, "", 2, "%define HC_PORT 0x500");
	add(6, -1, "", 1, "");
	add(4, -1, "", 0, "");
	add(5, -1, "", 0, "start:");
	add(6, 0x0, "B80100", 0, "\tmov ax, 1\t\t; AX = 1");
	add(7, -1, "", 0, ".loop:");
	add(8, 0x3, "40", 0, "inc ax");
	add(9, -1, "", 0, "\tputc 'A'");
	add(2, 0x4, "B341", 1, " mov bl, %1");
	add(3, -1, "", 1, " hypercall 1");
	add(10, 0x6, "BA0005", 2, " mov dx, HC_PORT");
	add(11, 0x9, "EE", 2, " out dx, al");
	add(10, 0xA, "EBF7", 0, "\tjmp .loop");
	add(11, 0xC, "68656C6C6F2C20776F-", 0, "msg: db \"hello, world\", 10, 0");
	add(11, 0x15, "726C640A00", 0, "");
	add(12, 0x1A, "00<rep 6h>", 0, "\ttimes 0x20 - ($ - $$) db 0");
	add(13, -1, "", 0, "%include \"print.inc\"");
	add(1, -1, "", 1, "print:");
	add(2, 0x20, "AC", 1, "\tlodsb");
	add(3, -1, "", 1, ".done:");
	add(4, 0x21, "C3", 1, "\tret");
	add(14, -1, "", 0, "section .bss");
	add(15, -1, "", 0, "buffer:");
	add(16, 0x0, "<res 80h>", 0, "\tresb 128");
	add(17, -1, "", 0, "section .text");
	add(18, 0x22, "F4", 0, "tail: hlt");
	/* lines that are not listing lines */
	static const char junk[] = "garbage\n\n  12\n123456789 0000 x\n    19 zzzzzzzz\r\n";
	memcpy(text + len, junk, sizeof(junk) - 1);
	len += sizeof(junk) - 1;
	add(20, 0x23, "90", 99, "\tnop ; a level deeper than any we keep");
}

static const char *where(const struct listing *l, uint64_t off)
{
	static char buf[256];
	const struct listing_line *e = listing_lookup(l, off);
	if (!e)
		return "-";
	snprintf(buf, sizeof(buf), "%s:%u %s%s%s", e->file, e->line, e->text,
		 e->expanded ? " <- " : "", e->expanded ? e->expanded : "");
	return buf;
}

static void test_fabricated(void)
{
	struct listing l;
	fabricate();
	CHECK_EQ(listing_parse(&l, text, len, "demo.asm", err, sizeof(err)), 0);
	CHECK_STR(where(&l, 0), "demo.asm:6 mov ax, 1\t\t; AX = 1");
	CHECK_STR(where(&l, 2), "demo.asm:6 mov ax, 1\t\t; AX = 1");
	CHECK_STR(where(&l, 3), "demo.asm:8 inc ax");
	/* bytes a macro made belong to the line that called it, nested calls included */
	CHECK_STR(where(&l, 4), "demo.asm:9 putc 'A' <- mov bl, %1");
	CHECK_STR(where(&l, 7), "demo.asm:9 putc 'A' <- mov dx, HC_PORT");
	CHECK_STR(where(&l, 9), "demo.asm:9 putc 'A' <- out dx, al");
	CHECK_STR(where(&l, 0xA), "demo.asm:10 jmp .loop");
	/* data split over two lines is one line of 14 bytes; times is 6 bytes */
	const struct listing_line *e = listing_lookup(&l, 0x19);
	CHECK(e && e->offset == 0xC && e->size == 14 && e->line == 11);
	CHECK_STR(where(&l, 0x1F), "demo.asm:12 times 0x20 - ($ - $$) db 0");
	/* a line of an included file */
	CHECK_STR(where(&l, 0x20), "print.inc:2 lodsb");
	e = listing_lookup(&l, 0x21);
	CHECK(e && e->lst_line == 29 && e->size == 1);
	/* .bss space is not code; back in .text the offsets go on */
	CHECK_STR(where(&l, 0x22), "demo.asm:18 tail: hlt");
	CHECK_CONTAINS(where(&l, 0x23), "nop ; a level deeper than any we keep"); /* some answer */
	CHECK_STR(where(&l, 0x24), "-");
	CHECK_EQ(l.count, 12);
	/* labels: locals carry their parent's name; .bss labels are not code */
	uint64_t off = 99;
	CHECK_EQ(listing_label(&l, "start", &off), 0);
	CHECK_EQ(off, 0);
	CHECK_EQ(listing_label(&l, "start.loop", &off), 0);
	CHECK_EQ(off, 3);
	CHECK_EQ(listing_label(&l, "msg", &off), 0);
	CHECK_EQ(off, 0xC);
	CHECK_EQ(listing_label(&l, "print.done", &off), 0);
	CHECK_EQ(off, 0x21);
	CHECK_EQ(listing_label(&l, "tail", &off), 0);
	CHECK_EQ(off, 0x22);
	CHECK_EQ(listing_label(&l, "buffer", &off), -1);
	CHECK_EQ(listing_label(&l, "nope", &off), -1);
	listing_free(&l);

	/* every prefix parses without reading past it */
	for (size_t n = 0; n < len; n += 7) {
		char *copy = malloc(n ? n : 1);
		memcpy(copy, text, n);
		CHECK_EQ(listing_parse(&l, copy, n, "cut.asm", err, sizeof(err)), 0);
		listing_free(&l);
		free(copy);
	}
	CHECK_EQ(listing_parse(&l, "", 0, "empty.asm", err, sizeof(err)), 0);
	CHECK(listing_lookup(&l, 0) == NULL);
	listing_free(&l);
	CHECK_EQ(listing_load(&l, "/nonexistent/x.lst", NULL, err, sizeof(err)), -1);
	CHECK_STR(err, "/nonexistent/x.lst: No such file or directory");
}

/* The real steps.lst: one instruction per line, offsets as the comments say. */
static void test_real(void)
{
	const char *b = getenv("B");
	char path[512];
	snprintf(path, sizeof(path), "%s/guests/steps.lst", b ? b : "build");
	if (access(path, R_OK) != 0) {
		printf("(no %s: the real-listing part is skipped)\n", path);
		return;
	}
	struct listing l;
	CHECK_EQ(listing_load(&l, path, NULL, err, sizeof(err)), 0);
	const struct listing_line *e = listing_lookup(&l, 0);
	CHECK(e && e->line == 11 && e->size == 3);
	CHECK_STR(e ? e->file : "", "steps.asm");
	CHECK(!strncmp(e ? e->text : "", "mov ax, 1", 9));
	e = listing_lookup(&l, 0x10);
	CHECK(e && !strncmp(e->text, "out dx, al", 10) && e->size == 1);
	e = listing_lookup(&l, 0x12);
	CHECK(e && !strncmp(e->text, "jmp start", 9));
	CHECK(listing_lookup(&l, 0x13) == NULL);
	uint64_t off = 1;
	CHECK_EQ(listing_label(&l, "start", &off), 0);
	CHECK_EQ(off, 0);
	listing_free(&l);

	/* every guest: the lines' bytes add up to the image, without gaps */
	static const char *const guests[] = { "hello", "ansi", "echo", "matrix", "primes", "race",
					      "timer", "fibonacci" };
	for (size_t g = 0; g < sizeof(guests) / sizeof(guests[0]); g++) {
		char bin[512];
		struct stat st;
		snprintf(path, sizeof(path), "%s/guests/%s.lst", b ? b : "build", guests[g]);
		snprintf(bin, sizeof(bin), "%s/guests/%s.bin", b ? b : "build", guests[g]);
		if (stat(bin, &st) != 0 || listing_load(&l, path, NULL, err, sizeof(err)) != 0)
			continue;
		uint64_t next = 0;
		for (size_t i = 0; i < l.count; i++) {
			if (l.lines[i].offset != next)
				fprintf(stderr, "%s: gap or overlap at 0x%llx\n", guests[g],
					(unsigned long long)next);
			CHECK_EQ(l.lines[i].offset, next);
			next = l.lines[i].offset + l.lines[i].size;
		}
		CHECK_EQ(next, (uint64_t)st.st_size);
		listing_free(&l);
	}
}

int main(void)
{
	test_fabricated();
	test_real();
	HARNESS_END();
}
