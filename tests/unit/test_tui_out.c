/* test_tui_out.c — out_std_open fills closed fds 0-2 with /dev/null; out_write_all says
 * why a write failed instead of dropping the bytes (issue 8.4). */
#include "../harness.h"
#include "../../tui/out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		close(0);
		close(2);
		int r = out_std_open();
		int next = open("/dev/null", O_RDONLY);
		/* 0 and 2 are open again, and a new file gets 3 or above */
		_exit(r == 0 && fcntl(0, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0 && next >= 3 ? 0 : 1);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	int full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		CHECK_EQ(out_write_all(full, "x", 1), -ENOSPC);
		close(full);
	}
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK_EQ(out_write_all(p[1], "hello", 5), 0);
	char buf[8] = { 0 };
	CHECK(read(p[0], buf, sizeof(buf)) == 5);
	CHECK_STR(buf, "hello");
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK_EQ(out_write_all(p[1], "x", 1), -EPIPE);
	close(p[1]);
	HARNESS_END();
}
