/* seccomp.h — the system-call allow-list a vCPU thread puts on itself once it is about to
 * run guest code (Firecracker installs one per vCPU thread the same way): if a bug let a
 * guest steer the thread, it could still only run guests, not open files or sockets.
 * The list, and why each entry is there, is in seccomp.c. No libseccomp: classic BPF.
 */
#ifndef VMM_SECCOMP_H
#define VMM_SECCOMP_H

#include "vmm.h"

/* Install the filter on the calling thread only (no TSYNC: the UI thread and the other
 * vCPUs are untouched). Call from the vCPU thread after its set-up (timer, signal mask)
 * and before its first KVM_RUN. A forbidden call then ends the whole process with one
 * line on stderr, "vcpu0: forbidden system call openat (nr 257)" (the thread's name, as
 * set by pthread_setname_np, stands first; an ioctl also gives its request number), after the SIGSYS handler found at the first
 * install has run (the TUI's: it gives the terminal back first).
 * Returns 0; -ENOSYS with a line in err where this kernel has no seccomp filters (the
 * caller may run on without it: say so once); another -errno with a line on failure. */
int seccomp_vcpu_install(char err[VMM_ERROR_LEN]);

/* The name of x86-64 system call nr, or "?" (for the line above; tests). */
const char *seccomp_syscall_name(long nr);

#endif
