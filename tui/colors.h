/* colors.h — every colour the TUI uses, named once (an X-macro list, as ncdu's UI_COLORS),
 * each with a monochrome fallback attribute for NO_COLOR and terminals without colour.
 * What is drawn in which colour is decided by the drawing files; this only maps names.
 */
#ifndef TUI_COLORS_H
#define TUI_COLORS_H

#include <stdbool.h>

/* Every tui/ file gets curses through this header, with the wide-character API (double
 * border lines for the focused pane). */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

/* name, foreground, background (-1 = terminal default), colour attr, monochrome attr */
#define UI_COLORS(X)                                                              \
	X(TEXT, -1, -1, A_NORMAL, A_NORMAL)                                       \
	X(LABEL, COLOR_CYAN, -1, A_NORMAL, A_NORMAL)                              \
	X(VALUE, -1, -1, A_NORMAL, A_NORMAL)                                      \
	X(CHANGED, COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD)         \
	X(DIM, -1, -1, A_DIM, A_DIM)                                              \
	X(HEADING, COLOR_WHITE, -1, A_BOLD, A_BOLD | A_UNDERLINE)                 \
	X(CTRL, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)                    \
	X(NOTE, COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE)                        \
	X(KEYNAME, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE)                  \
	X(KEYLABEL, -1, -1, A_NORMAL, A_NORMAL)                                   \
	X(MESSAGE, COLOR_YELLOW, -1, A_BOLD, A_BOLD)                              \
	X(HELP, COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_NORMAL)                      \
	X(CURSOR, COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE)

enum ui_color {
#define UI_COLOR_ENUM(name, fg, bg, attr, mono) UI_##name,
	UI_COLORS(UI_COLOR_ENUM)
#undef UI_COLOR_ENUM
	UI__COUNT
};

/* Decide colour or not (NO_COLOR set and non-empty, or a terminal without colours means
 * monochrome) and set up the pairs. Call once, after curses is up. */
void colors_init(void);
bool colors_enabled(void);
attr_t colors_attr(enum ui_color c);
/* A vCPU's colour: magenta, green, yellow, blue, then cyan, red, white and bright ones. */
attr_t colors_vcpu(int vcpu);

#endif
