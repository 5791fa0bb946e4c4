/* panel.h — a text cursor for the side panel: write clipped, attributed pieces line by
 * line into a box and stop quietly when the box is full (sections lower down just do not
 * show on a short terminal). regs.c and counters.c write through it.
 */
#ifndef TUI_PANEL_H
#define TUI_PANEL_H

#include <stdbool.h>

#include "colors.h"

struct panel {
	int y, x, w;      /* row the next line starts on, left edge, width */
	int y_end;        /* first row not ours */
	int col;          /* next column on the current line */
};

/* A box of h rows from (y, x), w wide; nothing is written before the first panel_line. */
void panel_init(struct panel *p, int y, int x, int w, int h);
/* Start the next line; false (and nothing drawn) when the box is full. */
bool panel_line(struct panel *p);
/* Write at the current column, clipped to the width. */
void panel_put(struct panel *p, attr_t a, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void panel_tab(struct panel *p, int col);     /* move to a column (spaces are not drawn) */
int panel_rows_left(const struct panel *p);
/* Word wrap: how many of text's first len bytes go on a line of width columns — the
 * last space in its second half, or a hard cut at width if there is none. */
int wrap_cut(const char *text, int len, int width);

#endif
