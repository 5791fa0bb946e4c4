/* error.c — formatting of the one-line error record (see error.h) and the checked
 * ioctl wrapper that names the request, as the kernel's KVM selftests do. Every line is
 * built with error_appendf, which never writes past the buffer whatever the text's length.
 */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

void error_vappendf(char *buf, size_t n, size_t *len, const char *fmt, va_list ap)
{
	if (n == 0)
		return;
	if (*len >= n)
		*len = n - 1;
	int w = vsnprintf(buf + *len, n - *len, fmt, ap);
	if (w < 0) {
		buf[*len] = '\0';
		return;
	}
	/* vsnprintf returns the length it wanted, not what fitted: clamp, and mark the cut. */
	if ((size_t)w >= n - *len) {
		*len = n - 1;
		if (n > 4)
			memcpy(buf + n - 4, "...", 3);
		return;
	}
	*len += (size_t)w;
}

void error_appendf(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vappendf(buf, n, len, fmt, ap);
	va_end(ap);
}

/* "vcpuN (guest): " with a long guest name shortened, so the reason after it still fits. */
static void error_who(const struct error_ctx *ctx, char *buf, size_t *len)
{
	const char *g = ctx->guest ? ctx->guest : "?";
	int keep = strlen(g) > ERROR_NAME_MAX ? ERROR_NAME_MAX - 3 : ERROR_NAME_MAX;
	const char *more = strlen(g) > ERROR_NAME_MAX ? "..." : "";
	buf[0] = '\0';
	*len = 0;
	if (ctx->vcpu >= 0)
		error_appendf(buf, VMM_ERROR_LEN, len, "vcpu%d (%.*s%s): ", ctx->vcpu, keep, g, more);
	else if (ctx->guest)
		error_appendf(buf, VMM_ERROR_LEN, len, "%.*s%s: ", keep, g, more);
}

int error_errno(const struct error_ctx *ctx, const char *op, int errnum)
{
	if (ctx->buf) {
		size_t len;
		error_who(ctx, ctx->buf, &len);
		error_appendf(ctx->buf, VMM_ERROR_LEN, &len, "%s failed: %s (errno %d)", op,
			      strerror(errnum), errnum);
	}
	return -errnum;
}

int error_text(const struct error_ctx *ctx, int ret, const char *fmt, ...)
{
	if (ctx->buf) {
		size_t len;
		error_who(ctx, ctx->buf, &len);
		va_list ap;
		va_start(ap, fmt);
		error_vappendf(ctx->buf, VMM_ERROR_LEN, &len, fmt, ap);
		va_end(ap);
	}
	return ret;
}

int checked_ioctl(const struct error_ctx *ctx, int fd, unsigned long req, const char *name,
		  void *arg)
{
	int r = ioctl(fd, req, arg);
	if (r < 0)
		return error_errno(ctx, name, errno);
	return r;
}
