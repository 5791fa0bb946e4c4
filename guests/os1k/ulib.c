/* ulib.c — strings, printf and readline for the shell and the programs (both builds).
 * printf formats into a small buffer and hands it to the kernel in one os_write;
 * readline does the terminal's job (echo, backspace) since the VMM sends raw bytes.
 */
#include <stdarg.h>
#include <stdint.h>

#include "os1k.h"
#include "ulib.h"

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

struct out {
	char buf[128];
	int len;
};

static void out_flush(struct out *o)
{
	if (o->len > 0)
		os_write(o->buf, o->len);
	o->len = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->len == (int)sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

/* Digits of v in base 10 or 16, right-aligned to width with pad. */
static void out_number(struct out *o, unsigned long v, unsigned base, int neg, int width, char pad)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		digits[n++] = '-';
	while (width-- > n)
		out_char(o, pad);
	while (n)
		out_char(o, digits[--n]);
}

int printf(const char *fmt, ...)
{
	struct out o = { .len = 0 };
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		char pad = ' ';
		int width = 0, is_long = 0;
		if (*++fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'l')
			is_long = 1, fmt++;
		switch (*fmt) {
		case 'd': {
			int v = va_arg(ap, int);
			/* via unsigned: -INT_MIN does not exist as an int */
			unsigned mag = v < 0 ? 0u - (unsigned)v : (unsigned)v;
			out_number(&o, mag, 10, v < 0, width, pad);
			break;
		}
		case 'u':
			out_number(&o, va_arg(ap, unsigned), 10, 0, width, pad);
			break;
		case 'x':
			out_number(&o, is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned),
				   16, 0, width, pad);
			break;
		case 's':
			for (const char *s = va_arg(ap, const char *); *s; s++)
				out_char(&o, *s);
			break;
		case 'c':
			out_char(&o, (char)va_arg(ap, int));
			break;
		case '%':
			out_char(&o, '%');
			break;
		default: /* unknown conversion: show it, as a debugging aid */
			out_char(&o, '%');
			if (!*fmt)
				goto done;
			out_char(&o, *fmt);
		}
	}
done:
	va_end(ap);
	out_flush(&o);
	return 0;
}

void puts_raw(const char *s)
{
	os_write(s, (int)strlen(s));
}

/* End of input is sticky: once GETCHAR said 0xFF, every later read ends at once. */
static int input_ended;

int readline(char *buf, int size, int *cut)
{
	int pos = 0;
	if (cut)
		*cut = 0;
	if (input_ended)
		return READLINE_EOF;
	for (;;) {
		int c = os_getchar();
		if (c < 0) {
			input_ended = 1;
			if (pos == 0)
				return READLINE_EOF;
			c = '\n'; /* a last line without Enter still counts */
		}
		if (c == '\n' || c == '\r') {
			os_write("\n", 1);
			buf[pos] = '\0';
			return pos;
		}
		if (c == 0x08 || c == 0x7F) {
			if (pos > 0) {
				pos--;
				os_write("\b \b", 3);
			}
			continue;
		}
		if (c < 0x20 || c > 0x7E)
			continue;
		if (pos < size - 1) {
			buf[pos++] = (char)c;
			char ch = (char)c;
			os_write(&ch, 1);
		} else if (cut) {
			*cut = 1;
		}
	}
}
