/* mouse.h — mouse reports in, as plain events: X10 and SGR (mode 1006) reports that
 * ncurses decodes (KEY_MOUSE), and SGR reports it hands over byte by byte because the
 * terminfo entry (TERM=screen, tmux-256color) only knows X10 — those we parse here. What
 * a click or the wheel does is input.c's; no vCPU state here.
 */
#ifndef TUI_MOUSE_H
#define TUI_MOUSE_H

#include <stdbool.h>

enum mouse_what { MOUSE_PRESS, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN, MOUSE_OTHER };

struct mouse_event {
	int y, x;               /* screen cell, 0-based */
	enum mouse_what what;
};

/* An SGR report in progress: the bytes after its Esc ("[<0;12;5"). */
#define MOUSE_SGR_MAX 24
struct mouse_sgr {
	char buf[MOUSE_SGR_MAX];
	int len;
};

enum mouse_sgr_result {
	MOUSE_SGR_MORE,         /* part of a report so far: feed the next key */
	MOUSE_SGR_DONE,         /* a whole report: *ev is set, the parser is empty again */
	MOUSE_SGR_NOT,          /* key does not continue a report: buf[0..len) holds what came
				 * before it; the caller hands that on, then key, and sets len 0 */
};

/* Turn the reports on: ncurses' mousemask (term.c) plus, when the terminfo entry does not
 * ask for SGR reports itself, mode 1006 written to the terminal (so columns past 223
 * work). mouse_close turns 1006 off again; call it before the terminal is given back. */
void mouse_open(void);
void mouse_close(void);

/* After KEY_MOUSE: the event ncurses decoded; false if none (or not one we use). */
bool mouse_from_curses(struct mouse_event *ev);

/* Feed the key that followed Esc, and every key after it while MORE is returned. Pure:
 * no curses (tests/unit/test_tui_keys.c feeds it bytes). */
enum mouse_sgr_result mouse_sgr_feed(struct mouse_sgr *p, int key, struct mouse_event *ev);

#endif
