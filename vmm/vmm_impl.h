/* vmm_impl.h — the inside of struct vmm, shared by the files that implement vmm.h
 * (vmm.c builds and tears down, control.c is the UI's side of the running vCPUs).
 * Frontends never include this.
 */
#ifndef VMM_VMM_IMPL_H
#define VMM_VMM_IMPL_H

#include <pthread.h>

#include "loader.h"
#include "probe.h"
#include "vcpu.h"
#include "vmm.h"

#define VMM_STALE_NS (100 * 1000 * 1000ULL) /* kick a silent running vCPU for a snapshot */

struct vmm {
	int kvm_fd;
	int nvms, nvcpus;
	struct vm vms[VMM_MAX_VCPUS];
	struct vcpu *vcpus[VMM_MAX_VCPUS];
	struct image images[VMM_MAX_VCPUS];
	struct notify notify;
	struct host_caps caps;
	bool probed;
	struct kvm_cpuid2 *cpuid;    /* the host's supported CPUID, for every vCPU */
	pthread_t cpuid_thread;
	bool cpuid_running;
	char cpuid_err[VMM_ERROR_LEN];
	char host_line[160];
	char notices[VMM_MAX_VCPUS * 120];
};

static inline struct vcpu *vcpu_at(struct vmm *vmm, int i)
{
	return i >= 0 && i < vmm->nvcpus ? vmm->vcpus[i] : NULL;
}

#endif
