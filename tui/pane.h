/* pane.h — one vCPU's pane on the screen: a box in the vCPU's colour, its title, and the
 * cells its scrollback (scrollback.h) computed for the text area inside. What the pane
 * holds and how it wraps and scrolls is the model's; what the title says is draw.c's.
 */
#ifndef TUI_PANE_H
#define TUI_PANE_H

#include <stdbool.h>

#include "colors.h"
#include "screen_layout.h"
#include "scrollback.h"

/* What to draw around the text. */
struct pane_frame {
	const char *title;
	attr_t color;             /* the vCPU's colour (colors_vcpu) */
	int focused;              /* double border, title in reverse */
	int show_cursor;          /* waiting for input: mark where the next byte goes */
	unsigned queued;          /* keys typed that its guest has not read: shown at the
				   * title's right end ("3 keys queued") */
};

/* A box around r: double lines (the focus) or single; also used by the side panel. */
void pane_box(const struct rect *r, bool dbl, attr_t a);

/* Draw s's view into r on stdscr (UI thread). If show_cursor and the cursor is in view,
 * *cy and *cx get its screen position, else -1. */
void pane_draw(struct scrollback *s, const struct rect *r, const struct pane_frame *f,
	       int *cy, int *cx);

#endif
