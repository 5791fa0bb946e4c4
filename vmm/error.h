/* error.h — the one-line error record: who (vCPU, guest), what (operation), why.
 * Every failure in vmm/ is written with these into a caller's buffer of VMM_ERROR_LEN
 * bytes; vmm/ never prints. Format: "vcpu1 (hello.bin): KVM_SET_SREGS failed: ...".
 */
#ifndef VMM_ERROR_H
#define VMM_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "vmm.h"

/* A guest name longer than this is shortened in error lines ("first 61 bytes..."), so a
 * 250-character file name still leaves room for the reason. */
#define ERROR_NAME_MAX 64

/* Who an error is about. vcpu < 0 means the whole program (no vCPU yet). */
struct error_ctx {
	int vcpu;
	const char *guest;
	char *buf; /* VMM_ERROR_LEN bytes */
};

/* Append printf-style text at buf + *len in a buffer of n bytes and advance *len. Never
 * writes past buf[n - 1]: text that does not fit is cut and ends in "...", *len stays
 * below n. The one way a line is built from pieces (snprintf's return value is the
 * length it wanted, not what it wrote). Any thread; buf must be NUL-terminated at *len. */
void error_appendf(char *buf, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void error_vappendf(char *buf, size_t n, size_t *len, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

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
