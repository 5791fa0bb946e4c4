/* probe.h — what this host's KVM can do, found out at start-up in throw-away VMs
 * (HOST-KVM.md, last section): kvm-pvm or hardware, 32-bit paging, IRET outside real
 * mode, software breakpoints, hardware breakpoints and watchpoints. Cheap: a few ms.
 * The one-line summary is for the user.
 */
#ifndef VMM_PROBE_H
#define VMM_PROBE_H

#include <stdbool.h>
#include <stddef.h>

struct host_caps {
	bool pvm;          /* /sys/module/kvm_pvm: guest code is emulated */
	bool paging32;     /* CR0.PG with EFER.LME clear is accepted */
	bool iret_pm;      /* IRET works in protected mode */
	bool sw_bp;        /* INT3 with KVM_GUESTDBG_USE_SW_BP gives KVM_EXIT_DEBUG */
	bool hw_break;     /* a debug-register execution breakpoint stops the guest */
	bool hw_watch;     /* a debug-register write watchpoint stops the guest */
};

struct kvm_cpuid2;
void probe_host(int kvm_fd, const struct kvm_cpuid2 *cpuid, struct host_caps *caps);
bool probe_is_pvm(void); /* the quick check alone: /sys/module/kvm_pvm exists */
/* "host KVM is kvm-pvm (emulated): no 32-bit paging, ..." or "host KVM is hardware ..." */
void probe_describe(const struct host_caps *caps, char *buf, size_t n);

#endif
