/* out.h — the process's standard descriptors: open from the very start (to /dev/null if
 * the caller closed one), written whole with failures reported, and the one way an error
 * line reaches stderr ("mini-kvm: ...", every name and value made visible by visible.c).
 * No curses; both frontends and main.c use it.
 */
#ifndef TUI_OUT_H
#define TUI_OUT_H

#include <stddef.h>

/* Make sure fds 0, 1 and 2 are open, opening /dev/null on any that is closed, so nothing
 * opened later (/dev/kvm, an image, a log) gets one of those numbers and guest output or
 * an error line goes into it. Call first thing in main. Returns 0 or -errno. */
int out_std_open(void);

/* Write all n bytes (retrying short writes and EINTR, waiting when fd is non-blocking).
 * Returns 0 or -errno of the write that failed. */
int out_write_all(int fd, const void *buf, size_t n);

/* One line on stderr: "mini-kvm: " + the formatted text with every control byte and byte
 * above 0x7E shown visibly (^[, \x9b), so a file name or option value can neither move
 * the cursor nor forge a second line. Written with one write(). */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "mini-kvm: writing WHAT failed: REASON (errno N)" — output was lost (err > 0). */
void out_write_failed(const char *what, int err);

#endif
