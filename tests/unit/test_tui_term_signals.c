/* test_tui_term_signals.c — a signal that ends the process while the TUI's terminal is up
 * gives the terminal back first (issue 8.5): in a pseudo-terminal, term_open, then SIGQUIT
 * (or SIGALRM, SIGUSR2, SIGRTMIN): the pty must have seen the main screen come back, the
 * cursor shown and mouse tracking off, stty must be cooked again, and the process must
 * still die of that signal. No KVM needed: only term.c is involved. */
#define _GNU_SOURCE
#include "../harness.h"
#include "../../tui/term.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>

/* The last place s occurs in out, or NULL. */
static const char *last(const char *out, const char *s)
{
	const char *found = NULL;
	for (const char *p = out; (p = strstr(p, s)); p++)
		found = p;
	return found;
}

static void child(int slave, int sig)
{
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	setsid();
	ioctl(slave, TIOCSCTTY, 0);
	dup2(slave, 0);
	dup2(slave, 1);
	setenv("TERM", "xterm", 1);
	char err[VMM_ERROR_LEN];
	if (term_open(err)) {
		fprintf(stderr, "term_open: %s\n", err);
		_exit(2);
	}
	kill(getpid(), sig);
	_exit(3); /* not reached: the signal ends us */
}

/* Everything the child wrote to the terminal, until it ended; its wait status. */
static int run(int sig, char *out, size_t n, struct termios *after)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
	int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	CHECK(slave >= 0);
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	ioctl(slave, TIOCSWINSZ, &ws);
	pid_t pid = fork();
	if (pid == 0)
		child(slave, sig);
	size_t len = 0;
	int st = 0;
	for (int polls = 0; polls < 200; polls++) { /* 20 s at most */
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 100) > 0) {
			ssize_t r = read(master, out + len, n - 1 - len);
			if (r > 0)
				len += (size_t)r;
		}
		if (waitpid(pid, &st, WNOHANG) == pid) {
			ssize_t r;
			while (poll(&p, 1, 50) > 0 && (r = read(master, out + len, n - 1 - len)) > 0)
				len += (size_t)r;
			break;
		}
	}
	out[len] = '\0';
	tcgetattr(slave, after);
	close(slave);
	close(master);
	return st;
}

int main(void)
{
	static char out[65536];
	const int sigs[] = { SIGQUIT, SIGALRM, SIGUSR2, SIGRTMIN };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct termios after;
		int st = run(sigs[i], out, sizeof(out), &after);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 2)
			SKIP("no xterm terminfo entry here");
		if (!(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i]))
			fprintf(stderr, "signal %d: child status 0x%x\n", sigs[i], st);
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i]);
		/* xterm: after the last time the alternate screen was entered it is left,
		 * after the cursor was last hidden it is shown, the mouse mode switched off */
		const char *alt_on = last(out, "\033[?1049h");
		CHECK(alt_on != NULL);
		if (!alt_on)
			continue;
		if (!strstr(alt_on, "\033[?1049l"))
			fprintf(stderr, "signal %d: the alternate screen was left on\n", sigs[i]);
		CHECK(strstr(alt_on, "\033[?1049l") != NULL);
		const char *hidden = last(out, "\033[?25l");
		CHECK(hidden && strstr(hidden, "\033[?25h"));
		const char *mouse = last(out, "1000h");
		CHECK(!mouse || strstr(mouse, "1000l"));
		CHECK((after.c_lflag & ICANON) && (after.c_lflag & ECHO) && (after.c_iflag & ICRNL));
	}
	HARNESS_END();
}
