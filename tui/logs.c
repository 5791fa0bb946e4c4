/* logs.c — open and close the --log DIR transcripts (logs.h). */
#include "logs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int logs_open(const char *dir, struct vmm *vmm, int fds[VMM_MAX_VCPUS])
{
	for (int i = 0; i < VMM_MAX_VCPUS; i++)
		fds[i] = -1;
	if (!dir)
		return 0;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "mini-kvm: cannot create log directory %s: %s\n", dir, strerror(errno));
		return VMM_STATUS_USAGE;
	}
	for (int i = 0; i < vmm_vcpu_count(vmm); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/vcpu%d.log", dir, i);
		fds[i] = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fds[i] < 0) {
			fprintf(stderr, "mini-kvm: vcpu%d (%s): cannot write log %s: %s\n", i,
				vmm_guest_name(vmm, i), path, strerror(errno));
			return VMM_STATUS_USAGE;
		}
	}
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
