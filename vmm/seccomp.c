/* seccomp.c — the vCPU thread's seccomp allow-list (seccomp.h): a classic BPF program
 * that checks the architecture, then the system call number, then for ioctl the request.
 * What is allowed, and why:
 *
 *   ioctl            only the vCPU requests in vcpu_ioctls[] below (KVM_RUN, registers,
 *                    single-step, address translation, "halted?" for the snapshot);
 *                    never KVM_CREATE_*, never a tty
 *   read, write      write: the notify eventfd, guest output never (rings); read: kept
 *                    for an eventfd drain; both only on fds the thread already holds
 *   futex            pthread mutexes/conds and the doorbell wait (vcpu_sync.c)
 *   clock_gettime    vmm_clock_ns() when the vDSO falls back to the system call
 *   clock_nanosleep, nanosleep   slow motion and the speed limit sleep
 *   sched_yield      spin-then-yield waits
 *   rt_sigreturn     return from the kick handler (SIGUSR1) and the refresh timer's signal
 *   rt_sigprocmask, rt_sigtimedwait   signal masks around waits (glibc, pthread_kill)
 *   getpid, gettid, tgkill   pthread_kill and raise() (abort, the SIGSYS report's re-raise)
 *   timer_settime, timer_gettime, timer_delete   the snapshot refresh timer (vcpu_sync.c)
 *   mmap, munmap, madvise, mprotect, brk   malloc inside glibc (a new arena, trimming),
 *                    and the thread's stack being given back when it ends
 *   close            fds the thread owns at its end
 *   exit, exit_group the thread, or the process, ending
 *
 * Anything else traps: SIGSYS, one line naming the call, the process ends. A new vCPU
 * request is one line in vcpu_ioctls[]; a new system call one line in allowed[].
 */
#define _GNU_SOURCE
#include "seccomp.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/futex.h>
#include <linux/filter.h>
#include <linux/kvm.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "error.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS (linux/signal.h; glibc may not say) */
#endif

static const long allowed[] = {
	SYS_ioctl, /* checked further: vcpu_ioctls[] */
	SYS_read, SYS_write, SYS_futex, SYS_clock_gettime, SYS_clock_nanosleep, SYS_nanosleep,
	SYS_sched_yield, SYS_rt_sigreturn, SYS_rt_sigprocmask, SYS_rt_sigtimedwait, SYS_getpid,
	SYS_gettid, SYS_tgkill, SYS_timer_settime, SYS_timer_gettime, SYS_timer_delete,
	SYS_mmap, SYS_munmap, SYS_madvise, SYS_mprotect, SYS_brk, SYS_close, SYS_exit,
	SYS_exit_group,
};

static const unsigned long vcpu_ioctls[] = {
	KVM_RUN, KVM_GET_REGS, KVM_SET_REGS, KVM_GET_SREGS, KVM_SET_SREGS,
	KVM_SET_GUEST_DEBUG, KVM_TRANSLATE, KVM_GET_DEBUGREGS, KVM_SET_DEBUGREGS,
	KVM_GET_VCPU_EVENTS, KVM_GET_MP_STATE,
};

#define NALLOWED (sizeof(allowed) / sizeof(allowed[0]))
#define NIOCTLS (sizeof(vcpu_ioctls) / sizeof(vcpu_ioctls[0]))

/* ---- the names the report line can give (the calls a hijacked thread would want) ---- */

#define SYSNAME(n) { SYS_##n, #n }
static const struct { long nr; const char *name; } names[] = {
	SYSNAME(read), SYSNAME(write), SYSNAME(open), SYSNAME(openat), SYSNAME(openat2),
	SYSNAME(close), SYSNAME(ioctl), SYSNAME(socket), SYSNAME(connect), SYSNAME(bind),
	SYSNAME(listen), SYSNAME(accept), SYSNAME(accept4), SYSNAME(sendto), SYSNAME(recvfrom),
	SYSNAME(sendmsg), SYSNAME(recvmsg), SYSNAME(execve), SYSNAME(execveat), SYSNAME(fork),
	SYSNAME(vfork), SYSNAME(clone), SYSNAME(clone3), SYSNAME(kill), SYSNAME(ptrace),
	SYSNAME(mmap), SYSNAME(mprotect), SYSNAME(munmap), SYSNAME(mremap), SYSNAME(stat),
	SYSNAME(fstat), SYSNAME(lstat), SYSNAME(newfstatat), SYSNAME(statx), SYSNAME(access),
	SYSNAME(faccessat), SYSNAME(unlink), SYSNAME(unlinkat), SYSNAME(rename),
	SYSNAME(mkdir), SYSNAME(chmod), SYSNAME(fchmod), SYSNAME(chown), SYSNAME(getdents64),
	SYSNAME(lseek), SYSNAME(pread64), SYSNAME(pwrite64), SYSNAME(readv), SYSNAME(writev),
	SYSNAME(dup), SYSNAME(dup2), SYSNAME(dup3), SYSNAME(pipe), SYSNAME(pipe2),
	SYSNAME(fcntl), SYSNAME(poll), SYSNAME(ppoll), SYSNAME(select), SYSNAME(pselect6),
	SYSNAME(epoll_wait), SYSNAME(epoll_pwait), SYSNAME(eventfd2), SYSNAME(memfd_create),
	SYSNAME(prctl), SYSNAME(seccomp), SYSNAME(setuid), SYSNAME(setgid), SYSNAME(getuid),
	SYSNAME(getrandom), SYSNAME(rt_sigaction), SYSNAME(sigaltstack), SYSNAME(uname),
	SYSNAME(timer_create), SYSNAME(mount), SYSNAME(chroot), SYSNAME(reboot),
	SYSNAME(process_vm_readv), SYSNAME(process_vm_writev), SYSNAME(bpf),
	SYSNAME(perf_event_open), SYSNAME(io_uring_setup), SYSNAME(userfaultfd),
};

const char *seccomp_syscall_name(long nr)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].nr == nr)
			return names[i].name;
	return "?";
}

/* ---- the report: async-signal-safe formatting, then the previous handler or death ---- */

static struct sigaction previous_sigsys;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static __thread char thread_name[16];

static size_t put_str(char *buf, size_t len, size_t cap, const char *s)
{
	while (*s && len + 1 < cap)
		buf[len++] = *s++;
	return len;
}

static size_t put_num(char *buf, size_t len, size_t cap, unsigned long v)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n > 0 && len + 1 < cap)
		buf[len++] = digits[--n];
	return len;
}

static size_t put_hex(char *buf, size_t len, size_t cap, uint32_t v)
{
	for (int shift = 28; shift >= 0; shift -= 4)
		if (len + 1 < cap)
			buf[len++] = "0123456789abcdef"[(v >> shift) & 0xF];
	return len;
}

/* In the filtered thread (the system call's own SIGSYS): write the line, hand the signal
 * to the main thread, which is not filtered and may run the previous handler (the TUI's
 * terminal restore needs ioctls this thread may not make), then wait to be ended.
 * In the main thread (handed over): the previous handler, then death by SIGSYS. */
static void on_sigsys(int sig, siginfo_t *info, void *uc)
{
	pid_t pid = getpid();
	if (info->si_code == SYS_SECCOMP) {
		char line[160];
		size_t len = put_str(line, 0, sizeof(line), "mini-kvm: ");
		len = put_str(line, len, sizeof(line), thread_name[0] ? thread_name : "vcpu?");
		len = put_str(line, len, sizeof(line), ": forbidden system call ");
		len = put_str(line, len, sizeof(line), seccomp_syscall_name(info->si_syscall));
		len = put_str(line, len, sizeof(line), " (nr ");
		len = put_num(line, len, sizeof(line), (unsigned long)info->si_syscall);
		len = put_str(line, len, sizeof(line), ")");
		if (info->si_syscall == SYS_ioctl) {
			/* which request: the second argument, still in RSI at the trap */
			const ucontext_t *u = uc;
			len = put_str(line, len, sizeof(line), ", request 0x");
			len = put_hex(line, len, sizeof(line),
				      (uint32_t)u->uc_mcontext.gregs[REG_RSI]);
		}
		len = put_str(line, len, sizeof(line), "\n");
		ssize_t w = write(2, line, len);
		(void)w;
		if (syscall(SYS_gettid) != pid) {
			syscall(SYS_tgkill, pid, pid, SIGSYS);
			static uint32_t never;
			for (;;)
				syscall(SYS_futex, &never, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		}
		/* The main thread filtered itself (tests): no handler can run here, as
		 * rt_sigaction is forbidden; any forbidden call now, with SIGSYS blocked in
		 * this handler, makes the kernel end the process by SIGSYS. */
		syscall(SYS_rt_sigaction, SIGSYS, NULL, NULL, 8);
	}
	if (previous_sigsys.sa_flags & SA_SIGINFO) {
		if (previous_sigsys.sa_sigaction)
			previous_sigsys.sa_sigaction(sig, info, uc);
	} else if (previous_sigsys.sa_handler != SIG_DFL && previous_sigsys.sa_handler != SIG_IGN) {
		previous_sigsys.sa_handler(sig);
	}
	signal(SIGSYS, SIG_DFL);
	raise(SIGSYS); /* delivered when this handler returns (SIGSYS is blocked in it) */
}

static void install_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	sigaction(SIGSYS, &sa, &previous_sigsys);
}

/* ---- the BPF program ---- */

#define STMT(code, k) ((struct sock_filter)BPF_STMT((code), (k)))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP((code), (k), (jt), (jf)))
/* 5 (arch, nr, ioctl?) + the plain compares + 2 + 1 (load request) + NIOCTLS + 2 */
#define PROG_LEN (5 + (NALLOWED - 1) + 2 + 1 + NIOCTLS + 2)

/* Layout: [arch check] [nr == ioctl?] [nr in allowed: ALLOW] TRAP [ioctl: req in list:
 * ALLOW] TRAP. Jumps are relative, so each compare jumps to the ALLOW at the end of its
 * block. */
static size_t build(struct sock_filter *p)
{
	size_t n = 0;
	p[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	p[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	/* ioctl: jump over the plain list (NALLOWED - 1 compares, its TRAP and ALLOW) */
	p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, (uint8_t)(NALLOWED + 1), 0);
	size_t plain = 0;
	for (size_t i = 0; i < NALLOWED; i++) {
		if (allowed[i] == SYS_ioctl)
			continue;
		plain++;
		/* to the ALLOW after this block's TRAP: past the remaining compares */
		p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)allowed[i],
			      (uint8_t)(NALLOWED - 1 - plain + 1), 0);
	}
	p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP);
	p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	/* ioctl: the request is args[1]; the kernel takes it as 32 bits (unsigned int) */
	p[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1]));
	for (size_t i = 0; i < NIOCTLS; i++)
		p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)vcpu_ioctls[i],
			      (uint8_t)(NIOCTLS - 1 - i + 1), 0);
	p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP);
	p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	return n;
}

int seccomp_vcpu_install(char err[VMM_ERROR_LEN])
{
	struct error_ctx ctx = { -1, NULL, err };
	struct sock_filter prog[PROG_LEN];
	struct sock_fprog fprog = { .len = (unsigned short)build(prog), .filter = prog };
	if (fprog.len != PROG_LEN)
		return error_text(&ctx, -EINVAL, "seccomp: filter of %u instructions, want %zu",
				  fprog.len, (size_t)PROG_LEN);
	if (prctl(PR_GET_NAME, thread_name, 0, 0, 0) < 0)
		thread_name[0] = '\0';
	pthread_once(&handler_once, install_handler);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return error_errno(&ctx, "prctl(PR_SET_NO_NEW_PRIVS)", errno);
	/* flags 0: this thread only (no SECCOMP_FILTER_FLAG_TSYNC) */
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0) {
		int e = errno;
		if (e == ENOSYS || e == EINVAL)
			return error_text(&ctx, -ENOSYS, "%s: seccomp filters are not available on "
					  "this kernel (errno %d): vCPU threads run without the "
					  "system-call allow-list", thread_name, e);
		return error_errno(&ctx, "seccomp(SECCOMP_SET_MODE_FILTER)", e);
	}
	return 0;
}
