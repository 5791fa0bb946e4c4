/* scrollback.h — what one vCPU printed, as a model without curses: a ring of the last
 * SCROLLBACK_HISTORY lines, the cursor a guest moves with CR and BS, the view (following
 * the end, or scrolled back), and the cells a w x h text area shows. Guest bytes are kept
 * as they came; control bytes become visible text (visible.h) only in the cells, so they
 * never reach the terminal. Drawing the cells, the box and the title is pane.c's.
 */
#ifndef TUI_SCROLLBACK_H
#define TUI_SCROLLBACK_H

#include <stddef.h>
#include <stdint.h>

#define SCROLLBACK_HISTORY 5000   /* lines kept */
#define SCROLLBACK_LINE_MAX 1000  /* bytes in a line; a longer one goes on in the next line */

struct scrollback_line {
	char *text;
	uint16_t len, cap;
	uint8_t note;        /* written by the monitor (fault, time limit), not the guest */
};

struct scrollback {
	struct scrollback_line *lines; /* ring: line s lives at s % SCROLLBACK_HISTORY */
	uint64_t total;           /* lines ever started; the last one is the current line */
	int cursor;               /* byte index in the current line */
	int follow;               /* 1: the view shows the end; 0: scrolled back to top_* */
	uint64_t top_line;        /* scrolled: first line shown ... */
	int top_row;              /* ... from this wrapped row of it */
	uint64_t bottom_line;     /* last line the latest render showed (for "N lines below") */
	int dirty;                /* something changed since the last render */
};

/* How a cell is drawn: nothing there, guest text, a control byte's visible form (^[,
 * \x9b), or a monitor note. */
enum scrollback_style { SCROLLBACK_EMPTY, SCROLLBACK_TEXT, SCROLLBACK_CTRL, SCROLLBACK_NOTE };

struct scrollback_cell {
	char ch;             /* printable ASCII, ' ' when EMPTY */
	uint8_t style;       /* enum scrollback_style */
};

int scrollback_init(struct scrollback *s);            /* 0, or -1 if out of memory */
void scrollback_free(struct scrollback *s);
/* Guest output: LF starts a line, CR goes to its start, BS one byte back (not past the
 * start), TAB to the next multiple of 8; other bytes are stored, overwriting after CR/BS. */
void scrollback_feed(struct scrollback *s, const char *buf, size_t n);
/* A monitor line on a line of its own, stored in its visible form (visible.h): a guest's
 * name or error text with ^[ in it shows as text, highlighted like the rest of the note. */
void scrollback_note(struct scrollback *s, const char *text);

/* Scroll the view by rows (negative = back in history) for a text area of w x h; scrolling
 * down to the end follows new output again. */
void scrollback_scroll(struct scrollback *s, int rows, int w, int h);
void scrollback_follow(struct scrollback *s);
/* Lines after the last one shown by the latest render (0 when following). */
uint64_t scrollback_lines_below(const struct scrollback *s);

/* Lay out the view for a text area of w x h (w >= 4): cells gets h rows of w cells, row
 * after row (the caller provides w * h). Lines wrap at w; a control byte's visible form is
 * never split between rows. *cy, *cx get the cursor's cell, or -1 when it is not in view.
 * Clears dirty and remembers the last line shown. */
void scrollback_render(struct scrollback *s, int w, int h, struct scrollback_cell *cells,
		       int *cy, int *cx);

#endif
