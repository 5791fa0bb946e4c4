/* panel.c — the side panel's line writer (see panel.h). Lines start blank; text past the
 * right edge is cut, never wrapped, so one section cannot push into the next.
 */
#include "panel.h"

#include <stdarg.h>
#include <stdio.h>

void panel_init(struct panel *p, int y, int x, int w, int h)
{
	*p = (struct panel){ .y = y, .x = x, .w = w, .y_end = y + h, .col = w };
}

bool panel_line(struct panel *p)
{
	if (p->y >= p->y_end) {
		p->col = p->w; /* later puts must not land on the last line */
		return false;
	}
	p->y++;
	p->col = 0;
	attrset(A_NORMAL);
	mvhline(p->y - 1, p->x, ' ', p->w);
	return true;
}

void panel_put(struct panel *p, attr_t a, const char *fmt, ...)
{
	if (p->col >= p->w)
		return;
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	int room = p->w - p->col;
	if (n > room)
		n = room;
	attrset(a);
	mvaddnstr(p->y - 1, p->x + p->col, buf, n);
	attrset(A_NORMAL);
	p->col += n;
}

void panel_tab(struct panel *p, int col)
{
	if (col > p->col)
		p->col = col;
}

int panel_rows_left(const struct panel *p)
{
	return p->y_end - p->y;
}

int wrap_cut(const char *text, int len, int width)
{
	if (len <= width)
		return len;
	int cut = width;
	while (cut > width / 2 && text[cut] != ' ')
		cut--;
	return text[cut] == ' ' ? cut : width;
}
