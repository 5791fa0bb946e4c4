/* out.c — standard descriptors kept open, whole writes, visible error lines (out.h). */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../vmm/vmm.h"
#include "visible.h"

int out_std_open(void)
{
	/* open() returns the lowest free number, so a closed 0, 1 or 2 is the one it fills. */
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (got < 0)
			return -errno;
		if (got != fd) {
			close(got);
			return -EBADF;
		}
	}
	return 0;
}

int out_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				return -errno;
			continue;
		}
		if (w < 0)
			return -errno;
		if (w == 0)
			return -EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void out_error(const char *fmt, ...)
{
	char raw[2 * VMM_ERROR_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* Each byte becomes at most 4: room for the whole text, the prefix and the newline. */
	char line[4 * sizeof(raw) + 16] = "mini-kvm: ";
	size_t len = strlen(line);
	len += visible_str(raw, line + len, sizeof(line) - len - 1);
	line[len++] = '\n';
	(void)out_write_all(2, line, len); /* stderr itself failing: nowhere left to say it */
}

void out_write_failed(const char *what, int err)
{
	out_error("writing %s failed: %s (errno %d)", what, strerror(err), err);
}
