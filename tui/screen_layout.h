/* screen_layout.h — where everything goes on the terminal for N vCPUs: a pane per vCPU,
 * the side panel, the key bar, or one of them zoomed to the whole screen. A pure function
 * of the terminal size (no curses, unit-tested in tests/unit/test_tui_screen_layout.c);
 * drawing what goes inside each rectangle is elsewhere. Guest memory's layout is
 * vmm/guest_layout.h, not this.
 */
#ifndef TUI_SCREEN_LAYOUT_H
#define TUI_SCREEN_LAYOUT_H

#include <stdbool.h>

#define SCREEN_LAYOUT_MAX_PANES 16
#define SCREEN_LAYOUT_SIDE_W 44        /* side panel: 64-bit registers two to a row + border */
#define SCREEN_LAYOUT_SIDE_MIN_H 12
#define SCREEN_LAYOUT_MAIN_MIN_W 36    /* panes keep at least this much beside the side panel */
#define SCREEN_LAYOUT_PANE_MIN_W 12    /* border + 10 columns of text */
#define SCREEN_LAYOUT_PANE_MIN_H 3     /* border + 1 line of text */
/* A pane this wide shows a guest's 50-column line unwrapped (primes.bin prints them);
 * grids that give every pane that much and at least GOOD_H rows win over squarer ones. */
#define SCREEN_LAYOUT_GOOD_W (50 + 2)
#define SCREEN_LAYOUT_GOOD_H (4 + 2)

/* Zoom: nothing, one pane (its index, 0..n-1), or the side panel. */
#define SCREEN_LAYOUT_NO_ZOOM (-1)
#define SCREEN_LAYOUT_ZOOM_SIDE (-2)

struct rect {
	int y, x, h, w;
};

struct screen_layout {
	bool too_small;         /* nothing else is valid when set */
	int npanes;
	struct rect pane[SCREEN_LAYOUT_MAX_PANES]; /* a pane not on screen (zoom) is 0x0 */
	bool has_side;
	struct rect side;
	struct rect keybar;     /* the bottom row */
	int zoom;               /* what was zoomed (SCREEN_LAYOUT_NO_ZOOM if nothing) */
};

/* Split a cols x rows screen for n (1..16) panes. The side panel is placed when want_side
 * and there is room for it; panes fill the rest in a grid whose last row may hold fewer,
 * wider panes. zoom gives one pane (or the side panel) everything above the key bar; the
 * other panes get 0x0 rectangles and the side panel goes. Returns false (and sets
 * too_small) if the panes cannot get their minimum. */
bool screen_layout_compute(int cols, int rows, int n, bool want_side, int zoom,
			   struct screen_layout *out);

/* The pane (0..npanes-1) containing screen cell (y, x), or -1. */
int screen_layout_pane_at(const struct screen_layout *l, int y, int x);

/* True when (y, x) is on the side panel. */
bool screen_layout_in_side(const struct screen_layout *l, int y, int x);

#endif
