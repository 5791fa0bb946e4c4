/* ulib.h — the small C library of the shell and programs: strings, printf, readline.
 * Output goes through os_write (one system call per printf); input through os_getchar.
 */
#ifndef OS1K_ULIB_H
#define OS1K_ULIB_H

#include <stddef.h>

#define READLINE_EOF (-1)

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* %d %u %x %lx %s %c %% with an optional 0 flag and width. */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void puts_raw(const char *s); /* no newline added */

/* Read one line into buf (size bytes with the NUL), echoing as a terminal would:
 * printable bytes echo, Enter (\n or \r) echoes \n, Backspace/DEL erase with "\b \b",
 * other control bytes are ignored, bytes past size-1 are dropped (*cut set if cut is not
 * NULL). Returns the length, or READLINE_EOF once input has ended (a last line without
 * Enter is still returned first). */
int readline(char *buf, int size, int *cut);

#endif
