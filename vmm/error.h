/* error.h — the one-line error record: who (vCPU, guest), what (operation), why.
 * Every failure in vmm/ is written with these into a caller's buffer of VMM_ERROR_LEN
 * bytes; vmm/ never prints. Format: "vcpu1 (hello.bin): KVM_SET_SREGS failed: ...".
 */
#ifndef VMM_ERROR_H
#define VMM_ERROR_H

#include <stdint.h>

#include "vmm.h"

/* Who an error is about. vcpu < 0 means the whole program (no vCPU yet). */
struct error_ctx {
	int vcpu;
	const char *guest;
	char *buf; /* VMM_ERROR_LEN bytes */
};

/* "<who>: <op> failed: <strerror> (errno N)"; returns -errnum. */
int error_errno(const struct error_ctx *ctx, const char *op, int errnum);
/* "<who>: <formatted text>"; returns -EINVAL-like code passed in (negative errno). */
int error_text(const struct error_ctx *ctx, int ret, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An ioctl that fills the error record with the request's name on failure.
 * Returns the ioctl's non-negative result, or -errno. */
int checked_ioctl(const struct error_ctx *ctx, int fd, unsigned long req, const char *name,
		  void *arg);
#define KVM_CALL(ctx, fd, req, arg) checked_ioctl((ctx), (fd), (req), #req, (void *)(uintptr_t)(arg))

#endif
