/* pane.h — one vCPU's pane: the scrollback of what its guest printed (thousands of lines),
 * the cursor a guest moves with CR and BS, the view (following the end, or scrolled back),
 * and drawing it inside a border in the vCPU's colour. Guest bytes are stored as they
 * came; control bytes are shown as visible text (^[) when drawn, never sent to the terminal.
 * What the title says is the caller's business (app.c builds it from the snapshot).
 */
#ifndef TUI_PANE_H
#define TUI_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "colors.h"
#include "layout.h"

#define PANE_HISTORY 5000   /* lines kept per pane */
#define PANE_LINE_MAX 1000  /* a longer line is continued on the next one */

struct pane_line {
	char *text;
	uint16_t len, cap;
	uint8_t note;        /* written by the monitor (fault, time limit), not the guest */
};

struct pane {
	struct pane_line *lines;  /* ring of PANE_HISTORY; line s lives at s % PANE_HISTORY */
	uint64_t total;           /* lines ever started; the last one is the current line */
	int cursor;               /* byte column in the current line */
	int follow;               /* 1: the view shows the end; 0: scrolled back to top_* */
	uint64_t top_line;        /* scrolled: first line shown ... */
	int top_row;              /* ... from this wrapped row of it */
	uint64_t bottom_line;     /* last line the latest draw showed (for "N lines below") */
	int dirty;                /* something changed since the last draw */
};

/* What to draw around the text. */
struct pane_frame {
	const char *title;
	attr_t color;             /* the vCPU's colour (colors_vcpu) */
	int focused;              /* double border, title in reverse */
	int show_cursor;          /* waiting for input: mark where the next byte goes */
};

int pane_init(struct pane *p);            /* 0, or -1 if out of memory */
void pane_free(struct pane *p);
void pane_feed(struct pane *p, const char *buf, size_t n);   /* guest output */
void pane_note(struct pane *p, const char *text);            /* a monitor line, highlighted */

/* Scroll the view by rows (negative = back in history) for a text area of w x h;
 * scrolling down to the end follows new output again. */
void pane_scroll(struct pane *p, int rows, int w, int h);
void pane_follow(struct pane *p);
/* Lines after the last one shown by the latest draw (0 when following). */
uint64_t pane_lines_below(const struct pane *p);

/* A box around r: double lines (the focus) or single; also used by the side panel. */
void pane_box(const struct rect *r, bool dbl, attr_t a);

/* Draw the pane into r on stdscr. If show_cursor and the cursor is visible, *cy and *cx get
 * its screen position, else -1. */
void pane_draw(struct pane *p, const struct rect *r, const struct pane_frame *f, int *cy, int *cx);

#endif
