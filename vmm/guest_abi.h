/* guest_abi.h — the guest contract as numbers: the hypercall port and its functions, the
 * end-of-input value, COM1, the IRQCHIP tag. Header-only, no KVM, no VMM types: the VMM
 * (vmm/) and C guests (guests/os1k) include it; guests/include/hypercall.inc mirrors it
 * for nasm and tests/unit/test_abi.c proves the two agree. What each function does is
 * the hypercall device's business (hypercall.c).
 *
 * Protocol (the seed's, byte-wide): AL = function, `out 0x500, al`. Functions that
 * answer (GETCHAR, VCPU_ID, VCPU_COUNT, INPUT_ENDED) are followed by `in al, 0x500`.
 */
#ifndef VMM_GUEST_ABI_H
#define VMM_GUEST_ABI_H

#define HC_PORT 0x500

#define HC_EXIT 0x00        /* the vCPU ends normally */
#define HC_PUTCHAR 0x01     /* BL = byte to print */
#define HC_GETCHAR 0x02     /* then IN AL: next input byte; waits for a key; 0xFF at end of input */
#define HC_VCPU_ID 0x03     /* then IN AL: this vCPU's index in its VM (0..15) */
#define HC_VCPU_COUNT 0x04  /* then IN AL: how many vCPUs run this image (--vcpus N) */
#define HC_INPUT_ENDED 0x05 /* then IN AL: 1 once input has ended and every byte was read, else 0.
			     * GETCHAR answers 0xFF both for a typed 0xFF byte and at the end of
			     * input; a guest that must tell them apart asks this after a 0xFF. */

#define HC_COUNT 6          /* functions above are 0 .. HC_COUNT-1 */
#define HC_EOF 0xFF         /* GETCHAR's answer at end of input */

/* COM1: a minimal 16550 at 0x3F8. THR writes are output, RBR reads the input queue. */
#define COM1_BASE 0x3F8
#define COM1_LSR 0x3FD
#define COM1_LSR_DATA_READY 0x01
#define COM1_LSR_THR_EMPTY 0x60

/* A flat real-mode image that contains these bytes gets the in-kernel IRQCHIP + PIT. */
#define GUEST_IRQCHIP_TAG "MINIKVM:IRQCHIP"

#endif
