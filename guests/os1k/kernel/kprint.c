/* kprint.c — kernel console output, one PUTCHAR hypercall per byte. */
#include "kprint.h"

#include "io.h"

void kputs(const char *s)
{
	while (*s)
		hc_putchar(*s++);
}

void kput_hex(uint64_t v, int digits)
{
	kputs("0x");
	while (digits-- > 0)
		hc_putchar("0123456789abcdef"[(v >> (digits * 4)) & 0xF]);
}

void kput_dec(uint32_t v)
{
	char d[10];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		hc_putchar(d[--n]);
}
