/* mouse.c — mouse reports to events (mouse.h). An SGR report is "Esc [ < b ; x ; y M"
 * (press, wheel) or "... m" (release), x and y counted from 1; b's low bits are the
 * button (0 left, 1 middle, 2 right; 64/65 wheel up/down), 32 adds motion, 4/8/16 the
 * Shift/Meta/Ctrl modifiers. Parsing is plain C; only mouse_open/close and
 * mouse_from_curses touch the terminal.
 */
#define _GNU_SOURCE
#include "mouse.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "colors.h"
#include <term.h>

static bool sgr_ours; /* we turned mode 1006 on (ncurses did not) */

static void put(const char *s)
{
	size_t n = strlen(s);
	while (n) {
		ssize_t w = write(1, s, n);
		if (w <= 0)
			return; /* the terminal is gone: nothing to switch */
		s += w;
		n -= (size_t)w;
	}
}

void mouse_open(void)
{
	/* xterm's entry has kmous=\E[< and a 1006 XM string: ncurses enables and decodes SGR
	 * itself. Entries with kmous=\E[M get only mode 1000 from ncurses. */
	const char *kmous = tigetstr("kmous");
	if (kmous && kmous != (char *)-1 && strcmp(kmous, "\033[<") == 0)
		return;
	fflush(stdout);
	put("\033[?1006h");
	sgr_ours = true;
}

void mouse_close(void)
{
	if (!sgr_ours)
		return;
	fflush(stdout);
	put("\033[?1006l");
	sgr_ours = false;
}

bool mouse_from_curses(struct mouse_event *ev)
{
	MEVENT m;
	if (getmouse(&m) != OK)
		return false;
	ev->y = m.y;
	ev->x = m.x;
	if (m.bstate & BUTTON1_PRESSED)
		ev->what = MOUSE_PRESS;
	else if (m.bstate & BUTTON4_PRESSED)
		ev->what = MOUSE_WHEEL_UP;
	else if (m.bstate & BUTTON5_PRESSED)
		ev->what = MOUSE_WHEEL_DOWN;
	else
		ev->what = MOUSE_OTHER;
	return true;
}

/* The finished report in p->buf ("[<b;x;y" and the final M or m) as an event. */
static bool sgr_decode(const struct mouse_sgr *p, char final, struct mouse_event *ev)
{
	char tmp[MOUSE_SGR_MAX + 1];
	memcpy(tmp, p->buf + 2, (size_t)p->len - 2);
	tmp[p->len - 2] = '\0';
	char *s = tmp, *end;
	long v[3];
	for (int k = 0; k < 3; k++) {
		v[k] = strtol(s, &end, 10);
		if (end == s || (k < 2 && *end != ';') || (k == 2 && *end))
			return false;
		s = end + 1;
	}
	if (v[1] < 1 || v[2] < 1 || v[1] > 100000 || v[2] > 100000)
		return false;
	ev->x = (int)v[1] - 1;
	ev->y = (int)v[2] - 1;
	long b = v[0] & ~(4 | 8 | 16); /* modifiers do not change what the button does */
	if (final == 'm' || (b & 32))
		ev->what = MOUSE_OTHER;   /* a release, or motion with a button held */
	else if (b == 0)
		ev->what = MOUSE_PRESS;
	else if (b == 64)
		ev->what = MOUSE_WHEEL_UP;
	else if (b == 65)
		ev->what = MOUSE_WHEEL_DOWN;
	else
		ev->what = MOUSE_OTHER;
	return true;
}

enum mouse_sgr_result mouse_sgr_feed(struct mouse_sgr *p, int key, struct mouse_event *ev)
{
	bool fits = p->len < MOUSE_SGR_MAX;
	bool ok;
	if (p->len == 0)
		ok = key == '[';
	else if (p->len == 1)
		ok = key == '<';
	else if (key == 'M' || key == 'm') {
		bool done = sgr_decode(p, (char)key, ev);
		if (done) {
			p->len = 0;
			return MOUSE_SGR_DONE;
		}
		ok = false;
	} else
		ok = (key >= '0' && key <= '9') || key == ';';
	if (ok && fits) {
		p->buf[p->len++] = (char)key;
		return MOUSE_SGR_MORE;
	}
	return MOUSE_SGR_NOT;
}
