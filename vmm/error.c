/* error.c — formatting of the one-line error record (see error.h) and the checked
 * ioctl wrapper that names the request, as the kernel's KVM selftests do.
 */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

static int error_who(const struct error_ctx *ctx, char *buf, size_t n)
{
	if (ctx->vcpu >= 0)
		return snprintf(buf, n, "vcpu%d (%s): ", ctx->vcpu, ctx->guest ? ctx->guest : "?");
	if (ctx->guest)
		return snprintf(buf, n, "%s: ", ctx->guest);
	buf[0] = '\0';
	return 0;
}

int error_errno(const struct error_ctx *ctx, const char *op, int errnum)
{
	if (ctx->buf) {
		int n = error_who(ctx, ctx->buf, VMM_ERROR_LEN);
		snprintf(ctx->buf + n, VMM_ERROR_LEN - (size_t)n, "%s failed: %s (errno %d)", op,
			 strerror(errnum), errnum);
	}
	return -errnum;
}

int error_text(const struct error_ctx *ctx, int ret, const char *fmt, ...)
{
	if (ctx->buf) {
		int n = error_who(ctx, ctx->buf, VMM_ERROR_LEN);
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(ctx->buf + n, VMM_ERROR_LEN - (size_t)n, fmt, ap);
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
