/* vmm_impl.h — the inside of struct vmm, shared by the files that implement vmm.h
 * (vmm.c builds and tears down, vmm_run.c is the UI's side of the running vCPUs).
 * Frontends never include this.
 */
#ifndef VMM_VMM_IMPL_H
#define VMM_VMM_IMPL_H

#include <pthread.h>
#include <stdatomic.h>

#include "loader.h"
#include "probe.h"
#include "vcpu.h"
#include "vmm.h"

#define VMM_NOTICE_LEN 200

struct vmm {
	int kvm_fd;
	int nvms, nvcpus;
	struct vm vms[VMM_MAX_VCPUS];
	struct vcpu *vcpus[VMM_MAX_VCPUS];
	struct image images[VMM_MAX_VCPUS];
	struct notify notify;
	struct kvm_cpuid2 *cpuid;    /* the host's supported CPUID, for every vCPU */
	pthread_t cpuid_thread;
	bool cpuid_running;
	char cpuid_err[VMM_ERROR_LEN];
	/* The host probe: run once, in add_vm (a protected-mode image needs its answer) or
	 * in its own thread (probe_thread) when only the host line is wanted. */
	struct host_caps caps;
	bool probed;                 /* caps and host_line are final (main thread's view) */
	pthread_t probe_thread;
	bool probe_running;
	_Atomic bool probe_done;     /* release: host_line is written */
	char host_line[160];
	char notice[VMM_MAX_VCPUS][VMM_NOTICE_LEN];
};

/* The host probe's answers are final after this (runs it, or waits for its thread). */
void vmm_probe_finished(struct vmm *vmm);

static inline struct vcpu *vcpu_at(struct vmm *vmm, int i)
{
	return i >= 0 && i < vmm->nvcpus ? vmm->vcpus[i] : NULL;
}

#endif
