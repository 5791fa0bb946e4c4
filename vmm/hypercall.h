/* hypercall.h — the guest ABI on I/O port 0x500, the one source of truth for C.
 * guests/include/hypercall.inc mirrors these numbers for nasm; tests/unit/test_abi.c
 * proves the two agree. The meaning of each function lives in hypercall.c.
 *
 * Protocol (the seed's, byte-wide): AL = function, `out 0x500, al`. Functions that
 * return a value (GETCHAR, VCPU_ID, VCPU_COUNT) are followed by `in al, 0x500`.
 */
#ifndef VMM_HYPERCALL_H
#define VMM_HYPERCALL_H

#define HC_PORT 0x500

#define HC_EXIT 0x00       /* the vCPU ends normally */
#define HC_PUTCHAR 0x01    /* BL = byte to print */
#define HC_GETCHAR 0x02    /* then IN AL: next input byte; waits for a key; 0xFF = end of input */
#define HC_VCPU_ID 0x03    /* then IN AL: this vCPU's index (0..15) */
#define HC_VCPU_COUNT 0x04 /* then IN AL: how many vCPUs run this image (--vcpus N) */

#define HC_COUNT 5         /* functions above are 0 .. HC_COUNT-1 */
#define HC_EOF 0xFF        /* GETCHAR's answer at end of input */

/* COM1: a minimal 16550 at 0x3F8. THR writes are output, RBR reads the input queue. */
#define COM1_BASE 0x3F8
#define COM1_LSR 0x3FD
#define COM1_LSR_DATA_READY 0x01
#define COM1_LSR_THR_EMPTY 0x60

#endif
