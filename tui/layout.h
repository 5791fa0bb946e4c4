/* layout.h — where everything goes on the screen for N vCPUs: a pane per vCPU, the side
 * panel, the key bar. A pure function of the terminal size (no curses, unit-tested in
 * tests/unit/test_tui_layout.c); drawing what goes inside each rectangle is elsewhere.
 */
#ifndef TUI_LAYOUT_H
#define TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MAX_PANES 16
#define LAYOUT_SIDE_W 44        /* side panel: 64-bit registers two to a row + border */
#define LAYOUT_SIDE_MIN_H 12
#define LAYOUT_MAIN_MIN_W 36    /* panes keep at least this much beside the side panel */
#define LAYOUT_PANE_MIN_W 12    /* border + 10 columns of text */
#define LAYOUT_PANE_MIN_H 3     /* border + 1 line of text */

struct rect {
	int y, x, h, w;
};

struct layout {
	bool too_small;         /* nothing else is valid when set */
	int npanes;
	struct rect pane[LAYOUT_MAX_PANES];
	bool has_side;
	struct rect side;
	struct rect keybar;     /* the bottom row */
};

/* Split a cols x rows screen for n (1..16) panes. The side panel is placed when want_side
 * and there is room for it; panes fill the rest in a grid whose last row may hold fewer,
 * wider panes. Returns false (and sets too_small) if the panes cannot get their minimum. */
bool layout_compute(int cols, int rows, int n, bool want_side, struct layout *out);

/* The pane (0..npanes-1) containing screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

#endif
