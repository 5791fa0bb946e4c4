/* screen_layout.c — split the terminal into vCPU panes, the side panel and the key bar,
 * or give one of them the whole screen (zoom). Pure arithmetic on rectangles: no curses
 * here, so the unit test can try every size. Grids whose panes show a 50-column line
 * unwrapped come first; among those (or, if none, among all) the squarest on screen wins:
 * a terminal cell is about twice as tall as it is wide. Ties go to wider panes.
 */
#include "screen_layout.h"

#include <string.h>

static int ceil_div(int a, int b)
{
	return (a + b - 1) / b;
}

/* Best number of grid columns for n panes in w x h, or 0 if no grid fits. */
static int grid_columns(int w, int h, int n)
{
	int best = 0;
	long best_score = -1;
	for (int c = 1; c <= n; c++) {
		int r = ceil_div(n, c);
		int pw = w / c, ph = h / r; /* the smallest pane of this grid */
		if (pw < SCREEN_LAYOUT_PANE_MIN_W || ph < SCREEN_LAYOUT_PANE_MIN_H)
			continue;
		long score = pw < 2 * ph ? pw : 2 * ph; /* the shorter side, in "visual" units */
		if (pw >= SCREEN_LAYOUT_GOOD_W && ph >= SCREEN_LAYOUT_GOOD_H)
			score += 1L << 20; /* lines unwrapped beat squareness */
		if (score > best_score) {
			best = c;
			best_score = score;
		}
	}
	return best;
}

/* Lay out n panes as rows of c (the last row takes what is left) inside area. */
static void place_panes(struct screen_layout *l, struct rect area, int n, int c)
{
	int r = ceil_div(n, c);
	int y = area.y;
	int k = 0;
	for (int row = 0; row < r; row++) {
		int h = area.h / r + (row < area.h % r ? 1 : 0);
		int in_row = row == r - 1 ? n - c * (r - 1) : c;
		int x = area.x;
		for (int col = 0; col < in_row; col++) {
			int w = area.w / in_row + (col < area.w % in_row ? 1 : 0);
			l->pane[k++] = (struct rect){ y, x, h, w };
			x += w;
		}
		y += h;
	}
	l->npanes = n;
}

static bool too_small(struct screen_layout *out)
{
	memset(out, 0, sizeof(*out));
	out->too_small = true;
	out->zoom = SCREEN_LAYOUT_NO_ZOOM;
	return false;
}

bool screen_layout_compute(int cols, int rows, int n, bool want_side, int zoom,
			   struct screen_layout *out)
{
	memset(out, 0, sizeof(*out));
	if (n < 1)
		n = 1;
	if (n > SCREEN_LAYOUT_MAX_PANES)
		n = SCREEN_LAYOUT_MAX_PANES;
	int main_h = rows - 1; /* the key bar takes the bottom row */
	if (cols < SCREEN_LAYOUT_PANE_MIN_W || main_h < SCREEN_LAYOUT_PANE_MIN_H)
		return too_small(out);
	out->keybar = (struct rect){ rows - 1, 0, 1, cols };
	struct rect area = { 0, 0, main_h, cols };
	out->npanes = n;
	out->zoom = zoom;
	if (zoom >= 0 && zoom < n) {
		out->pane[zoom] = area;
		return true;
	}
	if (zoom == SCREEN_LAYOUT_ZOOM_SIDE) {
		out->has_side = true;
		out->side = area;
		return true;
	}
	out->zoom = SCREEN_LAYOUT_NO_ZOOM;
	bool side = want_side && main_h >= SCREEN_LAYOUT_SIDE_MIN_H &&
		    cols - SCREEN_LAYOUT_SIDE_W >= SCREEN_LAYOUT_MAIN_MIN_W;
	int c = side ? grid_columns(cols - SCREEN_LAYOUT_SIDE_W, main_h, n) : 0;
	if (c) {
		area.w = cols - SCREEN_LAYOUT_SIDE_W;
		out->has_side = true;
		out->side = (struct rect){ 0, area.w, main_h, SCREEN_LAYOUT_SIDE_W };
	} else {
		c = grid_columns(cols, main_h, n);
	}
	if (!c)
		return too_small(out);
	place_panes(out, area, n, c);
	return true;
}

static bool contains(const struct rect *r, int y, int x)
{
	return y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

int screen_layout_pane_at(const struct screen_layout *l, int y, int x)
{
	if (l->too_small)
		return -1;
	for (int i = 0; i < l->npanes; i++)
		if (contains(&l->pane[i], y, x))
			return i;
	return -1;
}

bool screen_layout_in_side(const struct screen_layout *l, int y, int x)
{
	return !l->too_small && l->has_side && contains(&l->side, y, x);
}
