/* test_tui_logs.c — --log refuses a symbolic link or a FIFO in place of DIR/vcpuN.log at
 * once, with one line, and never writes through the link (issue 8.3). */
#include "../harness.h"
#include "../../tui/logs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

static char dir[] = "/tmp/mini-kvm-logs-XXXXXX";
static char errfile[512];

/* Run logs_open_one with stderr going to a file; return the fd and leave the line in got. */
static int open_one(int vcpu, char *got, size_t n)
{
	int saved = dup(2);
	int f = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(f, 2);
	close(f);
	int fd = logs_open_one(dir, vcpu, "hello.bin");
	dup2(saved, 2);
	close(saved);
	f = open(errfile, O_RDONLY);
	ssize_t r = read(f, got, n - 1);
	close(f);
	got[r > 0 ? r : 0] = '\0';
	return fd;
}

static void on_alarm(int sig)
{
	(void)sig;
	static const char msg[] = "FAIL: opening a log blocked (a FIFO waited for a reader)\n";
	ssize_t r = write(1, msg, sizeof(msg) - 1);
	(void)r;
	_exit(1);
}

int main(void)
{
	char path[512], want[1024], got[1024];
	signal(SIGALRM, on_alarm);
	alarm(20);
	if (!mkdtemp(dir))
		SKIP("mkdtemp failed");
	snprintf(errfile, sizeof(errfile), "%s/stderr", dir);

	/* vcpu0.log -> target: refused, the target keeps its bytes */
	snprintf(path, sizeof(path), "%s/target", dir);
	int t = open(path, O_WRONLY | O_CREAT, 0600);
	CHECK(write(t, "keep", 4) == 4);
	close(t);
	snprintf(want, sizeof(want), "%s/vcpu0.log", dir);
	CHECK(symlink(path, want) == 0);
	CHECK_EQ(open_one(0, got, sizeof(got)), -1);
	snprintf(want, sizeof(want), "mini-kvm: vcpu0 (hello.bin): cannot write log %s/vcpu0.log: "
		 "it is a symbolic link\n", dir);
	CHECK_STR(got, want);
	struct stat st;
	CHECK(stat(path, &st) == 0 && st.st_size == 4);

	/* vcpu1.log is a FIFO nobody reads: refused, not waited on */
	snprintf(path, sizeof(path), "%s/vcpu1.log", dir);
	CHECK(mkfifo(path, 0600) == 0);
	CHECK_EQ(open_one(1, got, sizeof(got)), -1);
	snprintf(want, sizeof(want), "mini-kvm: vcpu1 (hello.bin): cannot write log %s/vcpu1.log: "
		 "it is not a regular file\n", dir);
	CHECK_STR(got, want);
	/* ... and with a reader on it, still refused */
	int reader = open(path, O_RDONLY | O_NONBLOCK);
	CHECK(reader >= 0);
	CHECK_EQ(open_one(1, got, sizeof(got)), -1);
	CHECK_STR(got, want);
	close(reader);

	/* a regular file (new, or an old one truncated) is the log */
	int fd = open_one(2, got, sizeof(got));
	CHECK(fd >= 0);
	CHECK_STR(got, "");
	CHECK(write(fd, "hi", 2) == 2);
	close(fd);
	fd = open_one(2, got, sizeof(got));
	CHECK(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/vcpu2.log", dir);
	CHECK(stat(path, &st) == 0 && st.st_size == 0);

	/* the guest's name is shown visibly: no escape reaches the terminal */
	char evil[] = "e\033]0;x\a.bin";
	int saved = dup(2);
	int f = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(f, 2);
	close(f);
	CHECK_EQ(logs_open_one("/nonexistent-dir-\033[2J", 3, evil), -1);
	dup2(saved, 2);
	close(saved);
	f = open(errfile, O_RDONLY);
	ssize_t r = read(f, got, sizeof(got) - 1);
	close(f);
	got[r > 0 ? r : 0] = '\0';
	CHECK_STR(got, "mini-kvm: vcpu3 (e^[]0;x^G.bin): cannot write log "
		       "/nonexistent-dir-^[[2J/vcpu3.log: No such file or directory\n");

	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	HARNESS_END();
}
