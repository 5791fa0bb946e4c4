/* hypercall.h — the hypercall device on port 0x500 (numbers: guest_abi.h; meaning:
 * hypercall.c). Its per-vCPU state: the function whose answer the next IN gives, and how
 * often in a row end of input was answered (a guest spinning on GETCHAR after the end).
 */
#ifndef VMM_HYPERCALL_H
#define VMM_HYPERCALL_H

#include "guest_abi.h"

struct hypercall_state {
	int pending;         /* function whose answer the next IN from 0x500 gives; -1 none */
	unsigned eof_streak; /* GETCHAR answered "end of input" this often with nothing between */
};

struct io_device;
extern const struct io_device hypercall_device;

#endif
