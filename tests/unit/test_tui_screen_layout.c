/* test_tui_screen_layout.c — screen_layout_compute() for every vCPU count and many
 * terminal sizes: panes stay inside the screen, never overlap, keep their minimum size, leave the key
 * bar alone, and the common cases come out as a class expects (4 vCPUs in a 2x2 grid).
 * No terminal and no /dev/kvm needed.
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
	bool ok = screen_layout_compute(cols, rows, n, want_side, &l);
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
		area += (long)p->w * p->h;
	}
	if (l.has_side) {
		CHECK(want_side, "%dx%d: side panel nobody asked for", cols, rows);
		CHECK(inside(&l.side, cols, rows - 1) && l.side.w == SCREEN_LAYOUT_SIDE_W,
		      "%dx%d n=%d: side panel misplaced", cols, rows, n);
		area += (long)l.side.w * l.side.h;
	}
	/* No holes: panes (and the side panel) tile everything above the key bar. */
	CHECK(area == (long)cols * (rows - 1), "%dx%d n=%d: %ld cells covered of %ld", cols, rows,
	      n, area, (long)cols * (rows - 1));
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

	struct screen_layout l;
	/* The projector demo: 4 vCPUs at 120x40 are a 2x2 grid beside the side panel. */
	CHECK(screen_layout_compute(120, 40, 4, true, &l), "120x40 with 4 vCPUs must fit");
	CHECK(l.has_side && l.side.x == 120 - SCREEN_LAYOUT_SIDE_W, "side panel at the right edge");
	CHECK(l.pane[0].y == l.pane[1].y && l.pane[2].y == l.pane[3].y &&
	      l.pane[0].x == l.pane[2].x && l.pane[0].y < l.pane[2].y, "4 panes not 2x2");
	/* Small terminals lose the side panel before the panes get too small. */
	CHECK(screen_layout_compute(60, 20, 4, true, &l) && !l.has_side, "60x20: 4 panes, no side panel");
	/* One vCPU gets everything left of the side panel. */
	CHECK(screen_layout_compute(120, 40, 1, true, &l) && l.pane[0].w == 120 - SCREEN_LAYOUT_SIDE_W &&
	      l.pane[0].h == 39, "one pane fills the main area");
	/* Three: the last row takes the width the grid leaves (no empty cell). */
	CHECK(screen_layout_compute(200, 60, 3, true, &l), "200x60 with 3");
	/* Too small: says so, and nothing else is set. */
	CHECK(!screen_layout_compute(20, 6, 4, true, &l) && l.too_small && l.npanes == 0,
	      "20x6 with 4 vCPUs is too small");
	CHECK(!screen_layout_compute(11, 24, 1, true, &l) && l.too_small, "11 columns is too small");
	CHECK(!screen_layout_compute(80, 3, 1, true, &l) && l.too_small, "3 rows is too small");
	CHECK(screen_layout_pane_at(&l, 0, 0) == -1, "no pane in a too-small layout");
	/* 16 vCPUs fit a common 120x40 terminal. */
	CHECK(screen_layout_compute(120, 40, 16, true, &l), "16 vCPUs at 120x40");
	/* F2 hides the side panel: panes take the full width. */
	CHECK(screen_layout_compute(120, 40, 4, false, &l) && !l.has_side &&
	      l.pane[1].x + l.pane[1].w == 120, "no side panel when not wanted");

	if (failures) {
		printf("%d layout checks failed\n", failures);
		return 1;
	}
	return 0;
}
