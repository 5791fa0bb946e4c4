/* pane.c — a vCPU pane: scrollback ring, line discipline for the few control bytes a
 * guest uses to move its cursor (LF, CR, BS, TAB), wrapping at draw time, scrolling, and
 * the bordered, titled box. Other control bytes are kept and drawn as ^X (0x80-0xFF as
 * \xNN), so a guest can never send an escape sequence to the real terminal.
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct pane_line *line_at(const struct pane *p, uint64_t s)
{
	return &p->lines[s % PANE_HISTORY];
}

static uint64_t oldest_line(const struct pane *p)
{
	return p->total > PANE_HISTORY ? p->total - PANE_HISTORY : 0;
}

/* Columns a stored byte takes on screen: itself, ^X, or \xNN. */
static int byte_width(unsigned char c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	return c < 0x80 ? 2 : 4;
}

/* Where byte idx of l lands when wrapped at w columns. */
static void wrap_pos(const struct pane_line *l, int w, int idx, int *row, int *col)
{
	int r = 0, c = 0;
	for (int i = 0; i < idx; i++) {
		int bw = i < l->len ? byte_width((unsigned char)l->text[i]) : 1;
		if (c + bw > w && c > 0) {
			r++;
			c = 0;
		}
		c += bw;
	}
	if (c >= w) { /* the next byte starts a new row */
		r++;
		c = 0;
	}
	*row = r;
	*col = c;
}

static int line_rows(const struct pane_line *l, int w)
{
	int row, col;
	wrap_pos(l, w, l->len, &row, &col);
	return col == 0 && row > 0 ? row : row + 1;
}

int pane_init(struct pane *p)
{
	memset(p, 0, sizeof(*p));
	p->lines = calloc(PANE_HISTORY, sizeof(*p->lines));
	if (!p->lines)
		return -1;
	p->total = 1; /* the current (empty) line */
	p->follow = 1;
	p->dirty = 1;
	return 0;
}

void pane_free(struct pane *p)
{
	if (!p->lines)
		return;
	for (int i = 0; i < PANE_HISTORY; i++)
		free(p->lines[i].text);
	free(p->lines);
	p->lines = NULL;
}

static void new_line(struct pane *p)
{
	p->total++;
	struct pane_line *l = line_at(p, p->total - 1);
	l->len = 0; /* reuses the buffer of the line that fell out of the history */
	l->note = 0;
	p->cursor = 0;
}

static void put_byte(struct pane *p, char c)
{
	if (p->cursor >= PANE_LINE_MAX)
		new_line(p);
	struct pane_line *l = line_at(p, p->total - 1);
	if (p->cursor >= l->cap) {
		uint16_t cap = l->cap ? (uint16_t)(l->cap * 2) : 64;
		if (cap > PANE_LINE_MAX)
			cap = PANE_LINE_MAX;
		char *t = realloc(l->text, cap);
		if (!t)
			return; /* out of memory: lose the byte, keep the UI alive */
		l->text = t;
		l->cap = cap;
	}
	l->text[p->cursor] = c; /* overwrite after CR/BS, as a terminal does */
	if (p->cursor == l->len)
		l->len++;
	p->cursor++;
}

void pane_feed(struct pane *p, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (buf[i]) {
		case '\n':
			new_line(p);
			break;
		case '\r':
			p->cursor = 0;
			break;
		case '\b':
			if (p->cursor > 0)
				p->cursor--;
			break;
		case '\t':
			do
				put_byte(p, ' ');
			while (p->cursor % 8 && p->cursor < PANE_LINE_MAX);
			break;
		default:
			put_byte(p, buf[i]);
		}
	}
	if (n)
		p->dirty = 1;
}

void pane_note(struct pane *p, const char *text)
{
	if (line_at(p, p->total - 1)->len)
		new_line(p);
	for (const char *c = text; *c; c++)
		put_byte(p, *c >= 0x20 && *c < 0x7F ? *c : '?');
	line_at(p, p->total - 1)->note = 1;
	new_line(p);
	p->dirty = 1;
}

/* The first line and row of the view that ends at the last line. */
static void follow_top(const struct pane *p, int w, int h, uint64_t *line, int *skip)
{
	uint64_t s = p->total - 1, oldest = oldest_line(p);
	int rows = 0;
	for (;;) {
		rows += line_rows(line_at(p, s), w);
		if (rows >= h || s == oldest)
			break;
		s--;
	}
	*line = s;
	*skip = rows > h ? rows - h : 0;
}

void pane_follow(struct pane *p)
{
	if (!p->follow)
		p->dirty = 1;
	p->follow = 1;
}

uint64_t pane_lines_below(const struct pane *p)
{
	if (p->follow || p->bottom_line >= p->total - 1)
		return 0;
	uint64_t n = p->total - 1 - p->bottom_line;
	/* The current line does not count while nothing has been written on it. */
	return line_at(p, p->total - 1)->len ? n : n - 1;
}

void pane_scroll(struct pane *p, int rows, int w, int h)
{
	if (p->follow) {
		if (rows >= 0)
			return;
		follow_top(p, w, h, &p->top_line, &p->top_row);
		p->follow = 0;
	}
	if (p->top_line < oldest_line(p)) {
		p->top_line = oldest_line(p);
		p->top_row = 0;
	}
	for (; rows < 0; rows++) {
		if (p->top_row > 0) {
			p->top_row--;
		} else if (p->top_line > oldest_line(p)) {
			p->top_line--;
			p->top_row = line_rows(line_at(p, p->top_line), w) - 1;
		} else {
			break; /* at the oldest line kept */
		}
	}
	for (; rows > 0 && p->top_line < p->total - 1; rows--) {
		if (++p->top_row >= line_rows(line_at(p, p->top_line), w)) {
			p->top_line++;
			p->top_row = 0;
		}
	}
	/* Back at the end: follow new output again. */
	int below = line_rows(line_at(p, p->top_line), w) - p->top_row;
	for (uint64_t s = p->top_line + 1; s < p->total && below <= h; s++)
		below += line_rows(line_at(p, s), w);
	if (below <= h)
		p->follow = 1;
	p->dirty = 1;
}

static void draw_byte(unsigned char c, attr_t text)
{
	if (c >= 0x20 && c < 0x7F) {
		addch(c | text);
		return;
	}
	char vis[5];
	if (c < 0x80)
		snprintf(vis, sizeof(vis), "^%c", c == 0x7F ? '?' : c + 0x40);
	else
		snprintf(vis, sizeof(vis), "\\x%02x", c);
	attrset(colors_attr(UI_CTRL));
	addstr(vis);
	attrset(A_NORMAL);
}

/* Draw rows skip.. of l from screen row y; returns how many rows it used (<= hmax). */
static int draw_line(const struct pane_line *l, int skip, int y, int x, int w, int hmax,
		     attr_t text)
{
	if (l->note)
		text = colors_attr(UI_NOTE);
	int row = 0, col = 0;
	if (skip == 0)
		move(y, x);
	for (int i = 0; i < l->len; i++) {
		unsigned char c = (unsigned char)l->text[i];
		int bw = byte_width(c);
		if (col + bw > w && col > 0) {
			row++;
			col = 0;
			if (row - skip >= hmax)
				break;
			if (row >= skip)
				move(y + row - skip, x);
		}
		if (row >= skip)
			draw_byte(c, text);
		col += bw;
	}
	int rows = line_rows(l, w) - skip;
	return rows < hmax ? rows : hmax;
}

void pane_box(const struct rect *r, bool dbl, attr_t a)
{
	/* Wide-character lines: Unicode in a UTF-8 locale whatever the terminal's ACS
	 * support, the terminal's line-drawing set otherwise. */
	attrset(a);
	mvadd_wch(r->y, r->x, dbl ? WACS_D_ULCORNER : WACS_ULCORNER);
	mvadd_wch(r->y, r->x + r->w - 1, dbl ? WACS_D_URCORNER : WACS_URCORNER);
	mvadd_wch(r->y + r->h - 1, r->x, dbl ? WACS_D_LLCORNER : WACS_LLCORNER);
	mvadd_wch(r->y + r->h - 1, r->x + r->w - 1, dbl ? WACS_D_LRCORNER : WACS_LRCORNER);
	mvhline_set(r->y, r->x + 1, dbl ? WACS_D_HLINE : WACS_HLINE, r->w - 2);
	mvhline_set(r->y + r->h - 1, r->x + 1, dbl ? WACS_D_HLINE : WACS_HLINE, r->w - 2);
	mvvline_set(r->y + 1, r->x, dbl ? WACS_D_VLINE : WACS_VLINE, r->h - 2);
	mvvline_set(r->y + 1, r->x + r->w - 1, dbl ? WACS_D_VLINE : WACS_VLINE, r->h - 2);
	attrset(A_NORMAL);
}

static void draw_border(const struct rect *r, const struct pane_frame *f)
{
	pane_box(r, f->focused, f->color | (f->focused ? A_BOLD : A_NORMAL));
	int room = r->w - 4;
	if (room > 2 && f->title) {
		attrset(f->color | A_BOLD | (f->focused ? A_REVERSE : A_NORMAL));
		mvprintw(r->y, r->x + 1, " %.*s ", room - 2, f->title);
	}
	attrset(A_NORMAL);
}

void pane_draw(struct pane *p, const struct rect *r, const struct pane_frame *f, int *cy, int *cx)
{
	int x = r->x + 1, y = r->y + 1, w = r->w - 2, h = r->h - 2;
	*cy = *cx = -1;
	draw_border(r, f);
	for (int row = 0; row < h; row++)
		mvhline(y + row, x, ' ', w);
	uint64_t s;
	int skip;
	if (p->follow) {
		follow_top(p, w, h, &s, &skip);
	} else {
		if (p->top_line < oldest_line(p)) {
			p->top_line = oldest_line(p);
			p->top_row = 0;
		}
		s = p->top_line;
		skip = p->top_row;
	}
	for (int row = 0; row < h && s < p->total; s++, skip = 0) {
		const struct pane_line *l = line_at(p, s);
		if (s == p->total - 1 && f->show_cursor) {
			int crow, ccol;
			wrap_pos(l, w, p->cursor, &crow, &ccol);
			if (crow >= skip && row + crow - skip < h) {
				*cy = y + row + crow - skip;
				*cx = x + ccol;
			}
		}
		row += draw_line(l, skip, y + row, x, w, h - row, f->color);
		p->bottom_line = s;
	}
	if (*cy >= 0) {
		attrset(colors_attr(UI_CURSOR));
		const struct pane_line *l = line_at(p, p->total - 1);
		unsigned char under = p->cursor < l->len ? (unsigned char)l->text[p->cursor] : ' ';
		mvaddch(*cy, *cx, under >= 0x20 && under < 0x7F ? under : ' ');
		attrset(A_NORMAL);
	}
	p->dirty = 0;
}
