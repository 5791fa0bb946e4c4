/* visible.c — bytes to visible text (visible.h). No curses, no allocation. */
#include "visible.h"

#include <string.h>

int visible_byte(unsigned char c, char out[5])
{
	static const char hex[] = "0123456789abcdef";
	if (c >= 0x20 && c < 0x7F) {
		out[0] = (char)c;
		out[1] = '\0';
		return 1;
	}
	if (c < 0x80) {
		out[0] = '^';
		out[1] = c == 0x7F ? '?' : (char)(c + 0x40);
		out[2] = '\0';
		return 2;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 0xF];
	out[4] = '\0';
	return 4;
}

size_t visible_str(const char *s, char *out, size_t n)
{
	size_t len = 0;
	char vis[5];
	for (; *s; s++) {
		int w = visible_byte((unsigned char)*s, vis);
		if (len + (size_t)w >= n)
			break;
		memcpy(out + len, vis, (size_t)w);
		len += (size_t)w;
	}
	out[len] = '\0';
	return len;
}
