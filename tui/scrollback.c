/* scrollback.c — the scrollback model (scrollback.h): the line ring, the line discipline
 * for the few control bytes a guest uses to move its cursor (LF, CR, BS, TAB), wrapping,
 * scrolling, and rendering the view into cells. No curses: pane.c draws the cells, and
 * tests/unit/test_tui_scrollback.c checks them one by one.
 */
#include "scrollback.h"

#include <stdlib.h>
#include <string.h>

#include "visible.h"

static struct scrollback_line *line_at(const struct scrollback *s, uint64_t n)
{
	return &s->lines[n % SCROLLBACK_HISTORY];
}

static uint64_t oldest_line(const struct scrollback *s)
{
	return s->total > SCROLLBACK_HISTORY ? s->total - SCROLLBACK_HISTORY : 0;
}

/* Columns a stored byte takes: its visible form's length. */
static int byte_width(char c)
{
	char vis[5];
	return visible_byte((unsigned char)c, vis);
}

/* Rows line l takes when wrapped at w columns (at least one). */
static int line_rows(const struct scrollback_line *l, int w)
{
	int rows = 1, col = 0;
	for (int i = 0; i < l->len; i++) {
		int bw = byte_width(l->text[i]);
		if (col + bw > w && col > 0) {
			rows++;
			col = 0;
		}
		col += bw;
	}
	return rows;
}

int scrollback_init(struct scrollback *s)
{
	memset(s, 0, sizeof(*s));
	s->lines = calloc(SCROLLBACK_HISTORY, sizeof(*s->lines));
	if (!s->lines)
		return -1;
	s->total = 1; /* the current (empty) line */
	s->follow = 1;
	s->dirty = 1;
	return 0;
}

void scrollback_free(struct scrollback *s)
{
	if (!s->lines)
		return;
	for (int i = 0; i < SCROLLBACK_HISTORY; i++)
		free(s->lines[i].text);
	free(s->lines);
	s->lines = NULL;
}

static void new_line(struct scrollback *s)
{
	s->total++;
	struct scrollback_line *l = line_at(s, s->total - 1);
	l->len = 0; /* reuses the buffer of the line that fell out of the history */
	l->note = 0;
	s->cursor = 0;
}

static void put_byte(struct scrollback *s, char c)
{
	if (s->cursor >= SCROLLBACK_LINE_MAX)
		new_line(s);
	struct scrollback_line *l = line_at(s, s->total - 1);
	if (s->cursor >= l->cap) {
		uint16_t cap = l->cap ? (uint16_t)(l->cap * 2) : 64;
		if (cap > SCROLLBACK_LINE_MAX)
			cap = SCROLLBACK_LINE_MAX;
		char *t = realloc(l->text, cap);
		if (!t)
			return; /* out of memory: lose the byte, keep the UI alive */
		l->text = t;
		l->cap = cap;
	}
	l->text[s->cursor] = c; /* overwrite after CR/BS, as a terminal does */
	if (s->cursor == l->len)
		l->len++;
	s->cursor++;
}

void scrollback_feed(struct scrollback *s, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (buf[i]) {
		case '\n':
			new_line(s);
			break;
		case '\r':
			s->cursor = 0;
			break;
		case '\b':
			if (s->cursor > 0)
				s->cursor--;
			break;
		case '\t':
			do
				put_byte(s, ' ');
			while (s->cursor % 8 && s->cursor < SCROLLBACK_LINE_MAX);
			break;
		default:
			put_byte(s, buf[i]);
		}
	}
	if (n)
		s->dirty = 1;
}

void scrollback_note(struct scrollback *s, const char *text)
{
	if (line_at(s, s->total - 1)->len)
		new_line(s);
	for (const char *c = text; *c; c++) {
		char vis[5];
		int n = visible_byte((unsigned char)*c, vis);
		for (int k = 0; k < n; k++)
			put_byte(s, vis[k]);
	}
	line_at(s, s->total - 1)->note = 1;
	new_line(s);
	s->dirty = 1;
}

/* The first line and row of the view that ends at the last line. */
static void follow_top(const struct scrollback *s, int w, int h, uint64_t *line, int *skip)
{
	uint64_t n = s->total - 1, oldest = oldest_line(s);
	int rows = 0;
	for (;;) {
		rows += line_rows(line_at(s, n), w);
		if (rows >= h || n == oldest)
			break;
		n--;
	}
	*line = n;
	*skip = rows > h ? rows - h : 0;
}

/* A scrolled view whose top line fell out of the history starts at the oldest line; one
 * whose top row no longer exists (the pane got wider, so its line wraps into fewer rows)
 * starts at that line's last row. */
static void clamp_top(struct scrollback *s, int w)
{
	if (s->top_line < oldest_line(s)) {
		s->top_line = oldest_line(s);
		s->top_row = 0;
	}
	int rows = line_rows(line_at(s, s->top_line), w);
	if (s->top_row >= rows)
		s->top_row = rows - 1;
}

void scrollback_follow(struct scrollback *s)
{
	if (!s->follow)
		s->dirty = 1;
	s->follow = 1;
}

uint64_t scrollback_lines_below(const struct scrollback *s)
{
	if (s->follow || s->bottom_line >= s->total - 1)
		return 0;
	uint64_t n = s->total - 1 - s->bottom_line;
	/* The current line does not count while nothing has been written on it. */
	return line_at(s, s->total - 1)->len ? n : n - 1;
}

void scrollback_scroll(struct scrollback *s, int rows, int w, int h)
{
	if (s->follow) {
		if (rows >= 0)
			return;
		follow_top(s, w, h, &s->top_line, &s->top_row);
		s->follow = 0;
	}
	clamp_top(s, w);
	for (; rows < 0; rows++) {
		if (s->top_row > 0) {
			s->top_row--;
		} else if (s->top_line > oldest_line(s)) {
			s->top_line--;
			s->top_row = line_rows(line_at(s, s->top_line), w) - 1;
		} else {
			break; /* at the oldest line kept */
		}
	}
	for (; rows > 0 && s->top_line < s->total - 1; rows--) {
		if (++s->top_row >= line_rows(line_at(s, s->top_line), w)) {
			s->top_line++;
			s->top_row = 0;
		}
	}
	/* Back at the end: follow new output again. */
	int below = line_rows(line_at(s, s->top_line), w) - s->top_row;
	for (uint64_t n = s->top_line + 1; n < s->total && below <= h; n++)
		below += line_rows(line_at(s, n), w);
	if (below <= h)
		s->follow = 1;
	s->dirty = 1;
}

/* Line n from its wrapped row skip into rows[0..hmax) (w cells each); the cursor's cell
 * if it is on this line. Returns the rows used. */
static int render_line(const struct scrollback *s, uint64_t n, int skip, int w, int hmax,
		       struct scrollback_cell *rows, int y0, int *cy, int *cx)
{
	const struct scrollback_line *l = line_at(s, n);
	int cursor = n == s->total - 1 ? s->cursor : -1;
	uint8_t style = l->note ? SCROLLBACK_NOTE : SCROLLBACK_TEXT;
	int row = 0, col = 0;
	for (int i = 0; i <= l->len; i++) {
		char vis[5];
		/* past the end: where the next byte would go, as wide as a plain one */
		int bw = i < l->len ? visible_byte((unsigned char)l->text[i], vis) : 1;
		if (col + bw > w && col > 0) {
			row++;
			col = 0;
		}
		int y = row - skip;
		if (i == cursor && y >= 0 && y < hmax) {
			*cy = y0 + y;
			*cx = col;
		}
		if (i == l->len || y >= hmax)
			break;
		if (y >= 0)
			for (int k = 0; k < bw && col + k < w; k++)
				rows[y * w + col + k] = (struct scrollback_cell){
					vis[k], bw > 1 ? SCROLLBACK_CTRL : style };
		col += bw;
	}
	int used = line_rows(l, w) - skip;
	return used < 0 ? 0 : used < hmax ? used : hmax;
}

void scrollback_render(struct scrollback *s, int w, int h, struct scrollback_cell *cells,
		       int *cy, int *cx)
{
	for (int i = 0; i < w * h; i++)
		cells[i] = (struct scrollback_cell){ ' ', SCROLLBACK_EMPTY };
	*cy = *cx = -1;
	uint64_t n;
	int skip;
	if (s->follow) {
		follow_top(s, w, h, &n, &skip);
	} else {
		clamp_top(s, w);
		n = s->top_line;
		skip = s->top_row;
	}
	for (int row = 0; row < h && n < s->total; n++, skip = 0) {
		row += render_line(s, n, skip, w, h - row, cells + row * w, row, cy, cx);
		s->bottom_line = n;
	}
	s->dirty = 0;
}
