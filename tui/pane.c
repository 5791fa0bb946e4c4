/* pane.c — draw a vCPU pane (pane.h): the box, the title, and the rows of cells that
 * scrollback_render laid out, one attribute per run of cells. It decides colours only;
 * wrapping, scrolling and how a control byte looks are the model's (scrollback.c).
 */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* How much of title fits in room columns: all of it, or up to its last " | " that fits
 * (so a field is dropped whole), or a hard cut if none does. */
static int title_fit(const char *title, int room)
{
	int len = (int)strlen(title);
	if (len <= room)
		return len;
	for (int cut = room; cut > 0; cut--)
		if (strncmp(title + cut, " | ", 3) == 0)
			return cut;
	return room > 0 ? room : 0;
}

static void draw_border(const struct rect *r, const struct pane_frame *f)
{
	pane_box(r, f->focused, f->color | (f->focused ? A_BOLD : A_NORMAL));
	int room = r->w - 4;
	/* Keys waiting for a guest that does not read: the count at the right end. */
	char tail[40] = "";
	if (f->queued)
		snprintf(tail, sizeof(tail), room >= 40 ? " %u key%s queued " : " %u queued ",
			 f->queued, f->queued == 1 ? "" : "s");
	int tlen = (int)strlen(tail);
	if (tlen && room - tlen >= 8) {
		attrset(f->color | A_BOLD | A_REVERSE);
		mvaddstr(r->y, r->x + r->w - 1 - tlen, tail);
		room -= tlen + 1;
	}
	if (room > 2 && f->title) {
		attrset(f->color | A_BOLD | (f->focused ? A_REVERSE : A_NORMAL));
		mvprintw(r->y, r->x + 1, " %.*s ", title_fit(f->title, room - 2), f->title);
	}
	attrset(A_NORMAL);
}

static attr_t style_attr(uint8_t style, attr_t text)
{
	switch (style) {
	case SCROLLBACK_TEXT: return text;
	case SCROLLBACK_CTRL: return colors_attr(UI_CTRL);
	case SCROLLBACK_NOTE: return colors_attr(UI_NOTE);
	default: return A_NORMAL;
	}
}

/* One row of w cells at (y, x), each run of one style with one attribute. */
static void draw_row(const struct scrollback_cell *row, int y, int x, int w, attr_t text)
{
	char run[w + 1];
	move(y, x);
	for (int i = 0; i < w;) {
		int k = 0;
		uint8_t style = row[i].style;
		while (i < w && row[i].style == style)
			run[k++] = row[i++].ch;
		attrset(style_attr(style, text));
		addnstr(run, k);
	}
	attrset(A_NORMAL);
}

/* The cells of the largest text area so far: one UI thread draws one pane at a time. */
static struct scrollback_cell *cells_for(int w, int h)
{
	static struct scrollback_cell *cells;
	static size_t have;
	size_t want = (size_t)w * (size_t)h;
	if (want > have) {
		struct scrollback_cell *c = realloc(cells, want * sizeof(*c));
		if (!c)
			return NULL;
		cells = c;
		have = want;
	}
	return cells;
}

void pane_draw(struct scrollback *s, const struct rect *r, const struct pane_frame *f,
	       int *cy, int *cx)
{
	int x = r->x + 1, y = r->y + 1, w = r->w - 2, h = r->h - 2;
	*cy = *cx = -1;
	draw_border(r, f);
	struct scrollback_cell *cells = w > 0 && h > 0 ? cells_for(w, h) : NULL;
	if (!cells)
		return; /* out of memory: the box without text, until there is room again */
	int ry, rx;
	scrollback_render(s, w, h, cells, &ry, &rx);
	for (int row = 0; row < h; row++)
		draw_row(cells + row * w, y + row, x, w, f->color);
	if (f->show_cursor && ry >= 0) {
		const struct scrollback_cell *c = &cells[ry * w + rx];
		*cy = y + ry;
		*cx = x + rx;
		attrset(colors_attr(UI_CURSOR));
		mvaddch(*cy, *cx, c->style == SCROLLBACK_CTRL ? ' ' : (chtype)(unsigned char)c->ch);
		attrset(A_NORMAL);
	}
}
