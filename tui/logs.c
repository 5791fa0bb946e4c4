/* logs.c — open and close the --log DIR transcripts (logs.h). A log is only ever a
 * regular file we may write: a symbolic link or a FIFO in its place is refused at once
 * (O_NOFOLLOW, O_NONBLOCK), never followed or waited on.
 */
#include "logs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"

int logs_open_one(const char *dir, int vcpu, const char *guest)
{
	char path[4096];
	if (snprintf(path, sizeof(path), "%s/vcpu%d.log", dir, vcpu) >= (int)sizeof(path)) {
		out_error("vcpu%d (%s): log directory name is too long (%zu bytes)", vcpu, guest,
			  strlen(dir));
		return -1;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK |
			    O_NOCTTY, 0666);
	const char *why = NULL;
	struct stat st;
	if (fd < 0)
		why = errno == ELOOP ? "it is a symbolic link" :
		      errno == ENXIO ? "it is not a regular file" : strerror(errno);
	else if (fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "it is not a regular file";
	else if (fcntl(fd, F_SETFL, 0) < 0) /* writes to a regular file: blocking is fine */
		why = strerror(errno);
	if (why) {
		out_error("vcpu%d (%s): cannot write log %s: %s", vcpu, guest, path, why);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int logs_open(const char *dir, struct vmm *vmm, int fds[VMM_MAX_VCPUS])
{
	for (int i = 0; i < VMM_MAX_VCPUS; i++)
		fds[i] = -1;
	if (!dir)
		return 0;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		out_error("cannot create log directory %s: %s", dir, strerror(errno));
		return VMM_STATUS_USAGE;
	}
	for (int i = 0; i < vmm_vcpu_count(vmm); i++)
		if ((fds[i] = logs_open_one(dir, i, vmm_guest_name(vmm, i))) < 0)
			return VMM_STATUS_USAGE;
	return 0;
}

void logs_close(int fds[VMM_MAX_VCPUS])
{
	for (int i = 0; i < VMM_MAX_VCPUS; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		fds[i] = -1;
	}
}
