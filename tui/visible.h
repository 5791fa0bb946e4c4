/* visible.h — the one place that says how a byte looks when it must not reach the
 * terminal as itself: printable ASCII as itself, control bytes as ^X (^? for 0x7F),
 * bytes from 0x80 as \xNN. Pure functions, no curses; panes and messages use the same.
 */
#ifndef TUI_VISIBLE_H
#define TUI_VISIBLE_H

#include <stddef.h>

/* Writes c's visible form into out (NUL-terminated) and returns its length: 1, 2 or 4. */
int visible_byte(unsigned char c, char out[5]);

/* The visible form of the string s into out (at most n bytes, NUL-terminated, cut at a
 * whole byte's form); returns the length written. n must be at least 1. */
size_t visible_str(const char *s, char *out, size_t n);

#endif
