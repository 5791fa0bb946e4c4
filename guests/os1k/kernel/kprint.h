/* kprint.h — the kernel's console: straight PUTCHAR hypercalls, no buffering, no
 * printf (the kernel prints a few fixed lines: boot log, exception reports).
 */
#ifndef OS1K_KPRINT_H
#define OS1K_KPRINT_H

#include <stdint.h>

void kputs(const char *s);
void kput_hex(uint64_t v, int digits); /* "0x" and exactly digits hex digits */
void kput_dec(uint32_t v);

#endif
