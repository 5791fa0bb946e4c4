/* com1.h — the minimal 16550 UART at 0x3F8 (com1.c): its per-vCPU registers. */
#ifndef VMM_COM1_H
#define VMM_COM1_H

#include <stdint.h>

struct com1_state {
	uint8_t lcr, ier, mcr, scr;
};

struct io_device;
extern const struct io_device com1_device;

#endif
