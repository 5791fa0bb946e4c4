/* test_tui_scrollback.c — the pane's model (tui/scrollback.c) cell by cell: wrapping at the
 * width, CR overwriting, BS, TAB stops, control bytes shown as ^X and \xNN (never split
 * between rows), a line longer than SCROLLBACK_LINE_MAX, the history ring wrapping, notes,
 * the cursor, and scrolling back, forward and following again. No terminal, no /dev/kvm.
 */
#include "../harness.h"

#include "../../tui/scrollback.h"

#define W_MAX (SCROLLBACK_LINE_MAX + 8)
#define H_MAX 8

static struct scrollback_cell cells[W_MAX * H_MAX];
static int cur_w, cur_h, cy, cx;

static void render(struct scrollback *s, int w, int h)
{
	cur_w = w;
	cur_h = h;
	scrollback_render(s, w, h, cells, &cy, &cx);
}

/* Row y of the latest render as text, trailing empty cells cut. */
static const char *row(int y)
{
	static char out[W_MAX + 1];
	int end = 0;
	for (int x = 0; x < cur_w; x++) {
		out[x] = cells[y * cur_w + x].ch;
		if (cells[y * cur_w + x].style != SCROLLBACK_EMPTY)
			end = x + 1;
	}
	out[end] = '\0';
	return out;
}

/* Row y's styles, one letter a cell: t text, c control byte, n note; trailing empty cut. */
static const char *styles(int y)
{
	static char out[W_MAX + 1];
	static const char letter[] = { '.', 't', 'c', 'n' };
	int end = 0;
	for (int x = 0; x < cur_w; x++) {
		out[x] = letter[cells[y * cur_w + x].style];
		if (cells[y * cur_w + x].style != SCROLLBACK_EMPTY)
			end = x + 1;
	}
	out[end] = '\0';
	return out;
}

static void feed(struct scrollback *s, const char *text)
{
	scrollback_feed(s, text, strlen(text));
}

static void fresh(struct scrollback *s)
{
	if (scrollback_init(s) < 0) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
}

static void test_wrap(void)
{
	struct scrollback s;
	fresh(&s);
	feed(&s, "abcdefghij");
	render(&s, 4, 4);
	CHECK_STR(row(0), "abcd");
	CHECK_STR(row(1), "efgh");
	CHECK_STR(row(2), "ij");
	CHECK_STR(row(3), "");
	CHECK_EQ(cy, 2);
	CHECK_EQ(cx, 2);
	/* A line exactly as wide as the area takes one row; the cursor waits on the next. */
	feed(&s, "\nwxyz");
	render(&s, 4, 4);
	CHECK_STR(row(2), "ij");
	CHECK_STR(row(3), "wxyz");
	CHECK_EQ(cy, -1);
	render(&s, 4, 5);
	CHECK_STR(row(3), "wxyz");
	CHECK_EQ(cy, 4);
	CHECK_EQ(cx, 0);
	scrollback_free(&s);
}

static void test_cr_bs_tab(void)
{
	struct scrollback s;
	fresh(&s);
	feed(&s, "hello\rJ\n");
	feed(&s, "abc\b\bX\n");
	feed(&s, "\b\bq\n");
	feed(&s, "a\tb\n");
	feed(&s, "1234567\tx\n");
	feed(&s, "12345678\ty\n");
	feed(&s, "progress 10%\rprogress 99%\r");
	render(&s, 40, 8);
	CHECK_STR(row(0), "Jello");
	CHECK_STR(row(1), "aXc");
	CHECK_STR(row(2), "q");
	CHECK_STR(row(3), "a       b");
	CHECK_STR(row(4), "1234567 x");
	CHECK_STR(row(5), "12345678        y");
	CHECK_STR(row(6), "progress 99%");
	CHECK_EQ(cy, 6); /* after the last CR: the start of the line */
	CHECK_EQ(cx, 0);
	scrollback_free(&s);
}

static void test_control_bytes(void)
{
	struct scrollback s;
	fresh(&s);
	feed(&s, "\x1b[31mred\n");
	feed(&s, "\x9b" "2J\n");
	scrollback_feed(&s, "a\0b\x7f" "c\xff\n", 7);
	feed(&s, "\x01\x1a\x1f\x80\n");
	render(&s, 40, 5);
	CHECK_STR(row(0), "^[[31mred");
	CHECK_STR(styles(0), "cctttttt" "t");
	CHECK_STR(row(1), "\\x9b2J");
	CHECK_STR(styles(1), "cccctt");
	CHECK_STR(row(2), "a^@b^?c\\xff");
	CHECK_STR(styles(2), "tcctcctcccc");
	CHECK_STR(row(3), "^A^Z^_\\x80");
	/* A visible form is never cut between two rows. */
	feed(&s, "abc\x9b" "d\n" "abcd\x01\n");
	render(&s, 5, 5);
	CHECK_STR(row(0), "abc");
	CHECK_STR(row(1), "\\x9bd");
	CHECK_STR(styles(1), "cccct");
	CHECK_STR(row(2), "abcd");
	CHECK_STR(row(3), "^A");
	CHECK_STR(row(4), "");
	scrollback_free(&s);
}

static void test_long_line(void)
{
	struct scrollback s;
	fresh(&s);
	char big[SCROLLBACK_LINE_MAX + 5];
	memset(big, 'x', sizeof(big));
	big[SCROLLBACK_LINE_MAX] = 'y';
	scrollback_feed(&s, big, sizeof(big));
	CHECK_EQ(s.total, 2); /* the long line went on in a second line */
	render(&s, SCROLLBACK_LINE_MAX, 3);
	CHECK_EQ(strlen(row(0)), SCROLLBACK_LINE_MAX);
	CHECK(strspn(row(0), "x") == SCROLLBACK_LINE_MAX);
	CHECK_STR(row(1), "yxxxx");
	CHECK_EQ(cy, 1);
	CHECK_EQ(cx, 5);
	scrollback_free(&s);
}

static void test_history_wraps(void)
{
	struct scrollback s;
	fresh(&s);
	scrollback_note(&s, "first"); /* line 0; its slot is reused by a guest line later */
	char line[32];
	for (int i = 1; i < SCROLLBACK_HISTORY + 10; i++) {
		snprintf(line, sizeof(line), "line %d\n", i);
		feed(&s, line);
	}
	/* lines 0..5009 hold text, 5010 is the current, empty one: 5011 started */
	CHECK_EQ(s.total, SCROLLBACK_HISTORY + 11);
	render(&s, 20, 3);
	CHECK_STR(row(0), "line 5008");
	CHECK_STR(row(1), "line 5009");
	CHECK_STR(row(2), "");
	scrollback_scroll(&s, -(1 << 30), 20, 3); /* Home: the oldest line kept */
	render(&s, 20, 3);
	CHECK_STR(row(0), "line 11");
	CHECK_STR(row(1), "line 12");
	CHECK_STR(row(2), "line 13");
	CHECK_EQ(scrollback_lines_below(&s), 5009 - 13);
	/* line 5000 reuses line 0's slot: the note's style went with the note */
	scrollback_scroll(&s, 5000 - 11, 20, 3);
	render(&s, 20, 3);
	CHECK_STR(row(0), "line 5000");
	CHECK_STR(styles(0), "ttttttttt");
	/* Scrolled back that far, the top falls out of the history: the view moves along. */
	scrollback_scroll(&s, -(1 << 30), 20, 3);
	render(&s, 20, 3);
	for (int i = 0; i < 20; i++)
		feed(&s, "more\n");
	render(&s, 20, 3);
	CHECK_STR(row(0), "line 31");
	scrollback_free(&s);
}

static void test_notes(void)
{
	struct scrollback s;
	fresh(&s);
	feed(&s, "abc");
	scrollback_note(&s, "mini-kvm: fault\x1b!\x9b");
	feed(&s, "def");
	render(&s, 30, 3);
	CHECK_STR(row(0), "abc");
	CHECK_STR(row(1), "mini-kvm: fault^[!\\x9b");
	CHECK_STR(styles(1), "nnnnnnnnnnnnnnnnnnnnnn");
	CHECK_STR(row(2), "def");
	CHECK_STR(styles(2), "ttt");
	scrollback_free(&s);
}

static void test_scroll(void)
{
	struct scrollback s;
	fresh(&s);
	char line[16];
	for (int i = 0; i < 20; i++) {
		snprintf(line, sizeof(line), "L%d\n", i);
		feed(&s, line);
	}
	scrollback_scroll(&s, 5, 10, 5); /* down while following: nothing to do */
	CHECK(s.follow);
	render(&s, 10, 5);
	CHECK_STR(row(0), "L16");
	CHECK_STR(row(3), "L19");
	CHECK_STR(row(4), "");
	CHECK_EQ(scrollback_lines_below(&s), 0);

	scrollback_scroll(&s, -3, 10, 5);
	CHECK(!s.follow);
	render(&s, 10, 5);
	CHECK_STR(row(0), "L13");
	CHECK_STR(row(4), "L17");
	CHECK_EQ(scrollback_lines_below(&s), 2); /* L18, L19 */
	CHECK_EQ(cy, -1);

	feed(&s, "new\n"); /* new output does not move a scrolled view */
	render(&s, 10, 5);
	CHECK_STR(row(0), "L13");
	CHECK_EQ(scrollback_lines_below(&s), 3);

	scrollback_scroll(&s, 2, 10, 5);
	render(&s, 10, 5);
	CHECK_STR(row(0), "L15");
	scrollback_scroll(&s, 1, 10, 5);
	CHECK(!s.follow); /* L16 to the current line: 6 rows, one more than fit */
	scrollback_scroll(&s, 1, 10, 5); /* the rest fits: following again */
	CHECK(s.follow);
	render(&s, 10, 5);
	CHECK_STR(row(0), "L17");
	CHECK_STR(row(3), "new");

	scrollback_scroll(&s, -2, 10, 5);
	scrollback_follow(&s); /* End */
	CHECK(s.follow);
	render(&s, 10, 5);
	CHECK_STR(row(3), "new");

	/* A wrapped line scrolls a row at a time. */
	feed(&s, "0123456789abcdefghijABCDE");
	render(&s, 10, 5);
	CHECK_STR(row(2), "0123456789");
	CHECK_STR(row(4), "ABCDE");
	scrollback_scroll(&s, -1, 10, 5);
	render(&s, 10, 5);
	CHECK_STR(row(0), "L18");
	CHECK_STR(row(3), "0123456789");
	CHECK_STR(row(4), "abcdefghij");
	scrollback_free(&s);
}

/* Scrolled back into the last rows of a wrapped line, then the pane gets wider: that
 * line now has fewer rows, and the view starts at its last one (the fuzzer found a render
 * that wrote before the cells array here). */
static void test_wider_after_scroll(void)
{
	struct scrollback s;
	fresh(&s);
	feed(&s, "top\n0123456789abcdef\nx\ny\nz");
	scrollback_scroll(&s, -2, 4, 2); /* at width 4 the long line is 4 rows: its last */
	render(&s, 4, 2);
	CHECK(!s.follow);
	CHECK_STR(row(0), "cdef");
	render(&s, 12, 2); /* now 2 rows: row 3 no longer exists */
	CHECK_STR(row(0), "cdef");
	CHECK_STR(row(1), "x");
	scrollback_free(&s);
}

int main(void)
{
	test_wider_after_scroll();
	test_wrap();
	test_cr_bs_tab();
	test_control_bytes();
	test_long_line();
	test_history_wraps();
	test_notes();
	test_scroll();
	HARNESS_END();
}
