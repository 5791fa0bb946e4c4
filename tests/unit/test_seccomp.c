/* test_seccomp.c — the vCPU seccomp filter: a thread that installed it can still make the
 * calls a vCPU makes (read, write, clock_gettime, a KVM ioctl), while a forbidden one
 * (openat; a tty ioctl) ends the process by SIGSYS with one line naming the call; the
 * other threads are not filtered (no TSYNC); a SIGSYS handler found at install (the TUI's
 * terminal restore) runs first, on the main thread. Skips where seccomp is missing. */
#define _GNU_SOURCE
#include "../harness.h"
#include "../../vmm/seccomp.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>

enum forbidden { OPENAT, TTY_IOCTL };
static int to_main[2], to_thread[2];
static enum forbidden what;
static atomic_int installed;

static void say(const char *s)
{
	CHECK(write(to_main[1], s, strlen(s)) == (ssize_t)strlen(s));
}

static void *vcpu_body(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "vcpu3"); /* as vcpu.c names its threads */
	char err[VMM_ERROR_LEN];
	int r = seccomp_vcpu_install(err);
	if (r < 0) {
		say(r == -ENOSYS ? "nosys\n" : "install failed\n");
		atomic_store(&installed, -1);
		return NULL;
	}
	struct timespec ts;
	bool ok = clock_gettime(CLOCK_MONOTONIC, &ts) == 0 && getpid() > 0;
	/* a KVM request is let through to the kernel (which says EBADF for fd -1) */
	ok = ok && ioctl(-1, KVM_RUN, 0) < 0 && errno == EBADF;
	say(ok ? "allowed ok\n" : "allowed FAILED\n");
	atomic_store(&installed, 1);
	char go;
	if (read(to_thread[0], &go, 1) != 1)
		return NULL;
	if (what == OPENAT) {
		int fd = open("/dev/null", O_RDONLY);
		say(fd >= 0 ? "openat was allowed\n" : "openat refused without a signal\n");
	} else {
		struct termios t;
		int r2 = ioctl(0, TCGETS, &t);
		(void)r2;
		say("tty ioctl was allowed\n");
	}
	return NULL;
}

static void previous_handler(int sig)
{
	(void)sig;
	const char *s = syscall(SYS_gettid) == getpid() ? "previous handler on main\n"
							 : "previous handler on vcpu\n";
	ssize_t w = write(to_main[1], s, strlen(s));
	(void)w;
}

/* The child: a thread named vcpu3 installs the filter and makes the forbidden call. */
static void child(bool with_previous)
{
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	dup2(to_main[1], 2);
	if (with_previous)
		signal(SIGSYS, previous_handler);
	pthread_t t;
	pthread_create(&t, NULL, vcpu_body, NULL);
	/* the main thread is not filtered: it may still open files (the thread waits for
	 * "g" before its forbidden call, so this runs while its filter is in place) */
	while (!atomic_load(&installed))
		sched_yield();
	int fd = open("/dev/null", O_RDONLY);
	say(fd >= 0 ? "main open ok\n" : "main open FAILED\n");
	CHECK(write(to_thread[1], "g", 1) == 1);
	pthread_join(t, NULL);
	_exit(3);
}

/* Runs one child; returns what it said and how it ended. */
static int run(bool with_previous, char *out, size_t n)
{
	CHECK(pipe(to_main) == 0 && pipe(to_thread) == 0);
	pid_t pid = fork();
	if (pid == 0)
		child(with_previous);
	close(to_main[1]);
	close(to_thread[0]);
	close(to_thread[1]);
	size_t len = 0;
	ssize_t r;
	while (len + 1 < n && (r = read(to_main[0], out + len, n - 1 - len)) > 0)
		len += (size_t)r;
	out[len] = '\0';
	close(to_main[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	return st;
}

int main(void)
{
	char out[1024];
	what = OPENAT;
	int st = run(false, out, sizeof(out));
	if (strstr(out, "nosys"))
		SKIP("seccomp filters are not available on this kernel");
	CHECK_CONTAINS(out, "allowed ok\n");
	CHECK_CONTAINS(out, "main open ok\n");
	CHECK_CONTAINS(out, "mini-kvm: vcpu3: forbidden system call openat (nr 257)\n");
	CHECK(!strstr(out, "openat was allowed"));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS);
	if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS))
		fprintf(stderr, "child status 0x%x, said:\n%s", st, out);

	what = TTY_IOCTL;
	st = run(true, out, sizeof(out));
	CHECK_CONTAINS(out, "mini-kvm: vcpu3: forbidden system call ioctl (nr 16), request 0x00005401\n");
	CHECK_CONTAINS(out, "previous handler on main\n");
	CHECK(!strstr(out, "tty ioctl was allowed"));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS);
	if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS))
		fprintf(stderr, "child status 0x%x, said:\n%s", st, out);

	CHECK_STR(seccomp_syscall_name(SYS_socket), "socket");
	CHECK_STR(seccomp_syscall_name(100000), "?");
	HARNESS_END();
}
