/* test_tui_screen_layout.c — screen_layout_compute() for every vCPU count and many
 * terminal sizes: panes stay inside the screen, never overlap, keep their minimum size,
 * leave the key bar alone; the projector cases come out as a class expects (100x30: four
 * panes that do not wrap a 50-column line; 200x50: a 2x2 grid); zoom gives one pane or
 * the side panel the whole screen, 1..16 panes. No terminal and no /dev/kvm needed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../tui/screen_layout.h"

static int failures;

#define CHECK(cond, ...)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);  \
			printf(__VA_ARGS__);                                    \
			printf("\n");                                           \
			failures++;                                             \
		}                                                               \
	} while (0)

static int overlap(const struct rect *a, const struct rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static int inside(const struct rect *r, int cols, int rows)
{
	return r->x >= 0 && r->y >= 0 && r->x + r->w <= cols && r->y + r->h <= rows;
}

/* Every invariant, for one size and count. */
static void check_invariants(int cols, int rows, int n, int want_side)
{
	struct screen_layout l;
	bool ok = screen_layout_compute(cols, rows, n, want_side, SCREEN_LAYOUT_NO_ZOOM, &l);
	CHECK(ok == !l.too_small, "%dx%d n=%d: return value and too_small disagree", cols, rows, n);
	if (!ok)
		return;
	CHECK(l.npanes == n, "%dx%d: %d panes for %d vCPUs", cols, rows, l.npanes, n);
	CHECK(l.keybar.y == rows - 1 && l.keybar.h == 1 && l.keybar.w == cols,
	      "%dx%d n=%d: key bar not the bottom row", cols, rows, n);
	long area = 0;
	for (int i = 0; i < l.npanes; i++) {
		const struct rect *p = &l.pane[i];
		CHECK(inside(p, cols, rows - 1), "%dx%d n=%d: pane %d outside", cols, rows, n, i);
		CHECK(p->w >= SCREEN_LAYOUT_PANE_MIN_W && p->h >= SCREEN_LAYOUT_PANE_MIN_H,
		      "%dx%d n=%d: pane %d is %dx%d", cols, rows, n, i, p->w, p->h);
		for (int j = 0; j < i; j++)
			CHECK(!overlap(p, &l.pane[j]), "%dx%d n=%d: panes %d and %d overlap",
			      cols, rows, n, i, j);
		if (l.has_side)
			CHECK(!overlap(p, &l.side), "%dx%d n=%d: pane %d under the side panel",
			      cols, rows, n, i);
		CHECK(screen_layout_pane_at(&l, p->y, p->x) == i, "%dx%d n=%d: pane_at corner of %d",
		      cols, rows, n, i);
		CHECK(!screen_layout_in_side(&l, p->y, p->x), "%dx%d n=%d: pane %d in the side panel",
		      cols, rows, n, i);
		area += (long)p->w * p->h;
	}
	if (l.has_side) {
		CHECK(want_side, "%dx%d: side panel nobody asked for", cols, rows);
		CHECK(inside(&l.side, cols, rows - 1) && l.side.w == SCREEN_LAYOUT_SIDE_W,
		      "%dx%d n=%d: side panel misplaced", cols, rows, n);
		area += (long)l.side.w * l.side.h;
	}
	CHECK(l.zoom == SCREEN_LAYOUT_NO_ZOOM, "%dx%d n=%d: zoom %d nobody asked for", cols, rows,
	      n, l.zoom);
	/* No holes: panes (and the side panel) tile everything above the key bar. */
	CHECK(area == (long)cols * (rows - 1), "%dx%d n=%d: %ld cells covered of %ld", cols, rows,
	      n, area, (long)cols * (rows - 1));
}

/* Zoom: the zoomed pane (or the side panel) gets everything above the key bar, nothing
 * else is on the screen, and a click anywhere lands on it. */
static void check_zoom(int cols, int rows, int n, int zoom)
{
	struct screen_layout l;
	bool ok = screen_layout_compute(cols, rows, n, true, zoom, &l);
	CHECK(ok == !l.too_small, "%dx%d n=%d zoom %d: return value and too_small disagree",
	      cols, rows, n, zoom);
	if (!ok)
		return;
	struct rect all = { 0, 0, rows - 1, cols };
	CHECK(l.npanes == n && l.zoom == zoom, "%dx%d n=%d zoom %d: npanes %d zoom %d", cols,
	      rows, n, zoom, l.npanes, l.zoom);
	CHECK(l.keybar.y == rows - 1 && l.keybar.w == cols, "%dx%d zoom %d: key bar", cols, rows,
	      zoom);
	for (int i = 0; i < n; i++) {
		const struct rect *p = &l.pane[i];
		if (i == zoom)
			CHECK(p->y == all.y && p->x == all.x && p->h == all.h && p->w == all.w,
			      "%dx%d n=%d: zoomed pane %d is %dx%d at %d,%d", cols, rows, n, i,
			      p->w, p->h, p->x, p->y);
		else
			CHECK(p->w == 0 && p->h == 0, "%dx%d n=%d zoom %d: pane %d still %dx%d",
			      cols, rows, n, zoom, i, p->w, p->h);
	}
	int want = zoom >= 0 ? zoom : -1;
	CHECK(screen_layout_pane_at(&l, 0, 0) == want &&
	      screen_layout_pane_at(&l, rows - 2, cols - 1) == want,
	      "%dx%d n=%d zoom %d: a click lands on %d", cols, rows, n, zoom,
	      screen_layout_pane_at(&l, 0, 0));
	if (zoom == SCREEN_LAYOUT_ZOOM_SIDE)
		CHECK(l.has_side && l.side.w == cols && l.side.h == rows - 1 &&
		      screen_layout_in_side(&l, rows / 2, cols / 2),
		      "%dx%d n=%d: zoomed side panel is %dx%d", cols, rows, n, l.side.w, l.side.h);
	else
		CHECK(!l.has_side, "%dx%d n=%d zoom %d: side panel beside a zoomed pane", cols,
		      rows, n, zoom);
}

/* Every pane of an n-pane layout at cols x rows is at least w wide. */
static bool panes_at_least(const struct screen_layout *l, int w)
{
	for (int i = 0; i < l->npanes; i++)
		if (l->pane[i].w < w)
			return false;
	return true;
}

int main(void)
{
	static const int sizes[][2] = { { 80, 24 }, { 120, 40 }, { 60, 20 }, { 200, 60 },
					{ 100, 30 }, { 132, 43 }, { 40, 12 }, { 300, 80 } };
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int n = 1; n <= SCREEN_LAYOUT_MAX_PANES; n++)
			for (int side = 0; side < 2; side++)
				check_invariants(sizes[s][0], sizes[s][1], n, side);
	for (int cols = 1; cols <= 150; cols += 7)
		for (int rows = 1; rows <= 50; rows += 3)
			for (int n = 1; n <= SCREEN_LAYOUT_MAX_PANES; n += 5)
				check_invariants(cols, rows, n, 1);

	static const int zoom_sizes[][2] = { { 100, 30 }, { 200, 50 }, { 80, 24 }, { 12, 4 },
					     { 11, 30 }, { 100, 3 } };
	for (unsigned s = 0; s < sizeof(zoom_sizes) / sizeof(zoom_sizes[0]); s++)
		for (int n = 1; n <= SCREEN_LAYOUT_MAX_PANES; n++)
			for (int z = SCREEN_LAYOUT_ZOOM_SIDE; z < n; z++)
				if (z != SCREEN_LAYOUT_NO_ZOOM)
					check_zoom(zoom_sizes[s][0], zoom_sizes[s][1], n, z);

	struct screen_layout l;
	/* A laptop on a projector, 100x30: four panes beside the side panel, none of them
	 * wrapping a 50-column line (primes.bin prints them). */
	CHECK(screen_layout_compute(100, 30, 4, true, SCREEN_LAYOUT_NO_ZOOM, &l), "100x30 with 4");
	CHECK(l.has_side && l.side.x == 100 - SCREEN_LAYOUT_SIDE_W, "100x30: side panel at the right");
	CHECK(panes_at_least(&l, 50 + 2), "100x30: a pane of 4 is %d wide: a 50-column line wraps",
	      l.pane[0].w);
	CHECK(l.pane[3].h >= SCREEN_LAYOUT_GOOD_H, "100x30: 4 panes of %d rows", l.pane[3].h);
	/* The same without the side panel, and at 120x40 with it. */
	CHECK(screen_layout_compute(100, 30, 4, false, SCREEN_LAYOUT_NO_ZOOM, &l) &&
	      panes_at_least(&l, 52), "100x30 without the panel: 50-column lines wrap");
	CHECK(screen_layout_compute(120, 40, 4, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.has_side &&
	      panes_at_least(&l, 52), "120x40: 50-column lines wrap");
	/* A big screen with the panel hidden: 2x2, not four tall columns. */
	CHECK(screen_layout_compute(200, 50, 4, false, SCREEN_LAYOUT_NO_ZOOM, &l), "200x50 with 4");
	CHECK(!l.has_side && l.pane[0].y == l.pane[1].y && l.pane[2].y == l.pane[3].y &&
	      l.pane[0].x == l.pane[2].x && l.pane[0].y < l.pane[2].y &&
	      l.pane[1].x + l.pane[1].w == 200 && l.pane[2].y + l.pane[2].h == 49,
	      "200x50 without the panel: 4 panes not 2x2 (pane 1 at %d,%d)", l.pane[1].x,
	      l.pane[1].y);
	/* ... and with it: still 2x2, beside the panel. */
	CHECK(screen_layout_compute(200, 50, 4, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.has_side &&
	      l.pane[0].y == l.pane[1].y && l.pane[0].x == l.pane[2].x && l.pane[0].y < l.pane[2].y,
	      "200x50 with the panel: 4 panes not 2x2");
	/* Zoom a pane at 100x30: the whole screen but the key bar; back: the grid again. */
	CHECK(screen_layout_compute(100, 30, 4, true, 2, &l) && l.pane[2].w == 100 &&
	      l.pane[2].h == 29 && !l.has_side, "100x30: pane 2 zoomed");
	CHECK(screen_layout_compute(100, 30, 4, true, SCREEN_LAYOUT_ZOOM_SIDE, &l) &&
	      l.side.w == 100 && l.side.h == 29 && l.pane[0].w == 0, "100x30: side panel zoomed");
	/* The side panel zooms even when it is hidden (or would not fit beside the panes). */
	CHECK(screen_layout_compute(60, 20, 4, false, SCREEN_LAYOUT_ZOOM_SIDE, &l) && l.has_side &&
	      l.side.w == 60, "60x20: hidden side panel zoomed");
	/* A zoom that names no pane is no zoom. */
	CHECK(screen_layout_compute(100, 30, 4, true, 7, &l) && l.zoom == SCREEN_LAYOUT_NO_ZOOM &&
	      l.pane[3].w > 0, "zoom on pane 7 of 4");
	/* Small terminals lose the side panel before the panes get too small. */
	CHECK(screen_layout_compute(60, 20, 4, true, SCREEN_LAYOUT_NO_ZOOM, &l) && !l.has_side, "60x20: 4 panes, no side panel");
	/* One vCPU gets everything left of the side panel. */
	CHECK(screen_layout_compute(120, 40, 1, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.pane[0].w == 120 - SCREEN_LAYOUT_SIDE_W &&
	      l.pane[0].h == 39, "one pane fills the main area");
	/* Three: the last row takes the width the grid leaves (no empty cell). */
	CHECK(screen_layout_compute(200, 60, 3, true, SCREEN_LAYOUT_NO_ZOOM, &l), "200x60 with 3");
	/* Too small: says so, and nothing else is set. */
	CHECK(!screen_layout_compute(20, 6, 4, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.too_small && l.npanes == 0,
	      "20x6 with 4 vCPUs is too small");
	CHECK(!screen_layout_compute(11, 24, 1, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.too_small, "11 columns is too small");
	CHECK(!screen_layout_compute(80, 3, 1, true, SCREEN_LAYOUT_NO_ZOOM, &l) && l.too_small, "3 rows is too small");
	CHECK(screen_layout_pane_at(&l, 0, 0) == -1, "no pane in a too-small layout");
	/* 16 vCPUs fit a common 120x40 terminal. */
	CHECK(screen_layout_compute(120, 40, 16, true, SCREEN_LAYOUT_NO_ZOOM, &l), "16 vCPUs at 120x40");
	/* F2 hides the side panel: panes take the full width. */
	CHECK(screen_layout_compute(120, 40, 4, false, SCREEN_LAYOUT_NO_ZOOM, &l) && !l.has_side &&
	      l.pane[1].x + l.pane[1].w == 120, "no side panel when not wanted");

	if (failures) {
		printf("%d layout checks failed\n", failures);
		return 1;
	}
	return 0;
}
