/* term.c — curses up and down, signals and the stderr capture (htop's CRT.c idea: one
 * place that knows how to leave the screen, used by the normal path and the crash path).
 * Signal handlers only write a byte to a pipe; every other signal that would end the
 * process restores the terminal, then re-raises so the process still dies of it.
 */
#define _GNU_SOURCE
#include "term.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "colors.h"
#include "visible.h"
#include <term.h>

static SCREEN *screen;
static int sig_pipe[2] = { -1, -1 };
static int saved_stderr = -1, captured_stderr = -1;
static volatile sig_atomic_t curses_up;

/* SIGINT/SIGTERM/SIGHUP end the TUI cleanly through the main loop; SIGWINCH resizes. */
static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
/* Every other signal whose default ends the process restores the terminal first, then
 * the process dies of it. A signal someone already handles or ignores is left alone:
 * SIGUSR1 is the vCPU kick, SIGSYS may be the vCPU seccomp filter's report (it calls the
 * handler it found, this one, after its line), SIGPIPE is ignored for the disassembler.
 * The real-time signals are added at run time (SIGRTMIN is not a constant). */
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT,
				     SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2,
				     SIGALRM, SIGVTALRM, SIGPROF, SIGPWR, SIGSTKFLT, SIGIO };
static const int async_fatal[] = { SIGQUIT, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGPWR,
				   SIGSTKFLT, SIGIO, SIGXCPU };
#define NQUIT ((int)(sizeof(quit_signals) / sizeof(quit_signals[0])))
#define NFATAL ((int)(sizeof(fatal_signals) / sizeof(fatal_signals[0])))
#define NSIGNALS 65
static struct sigaction old_quit[NQUIT], old_fatal[NSIGNALS];
static bool took_fatal[NSIGNALS];

static void on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t r = write(sig_pipe[1], &b, 1);
	(void)r; /* pipe full: a byte for this signal is already waiting */
	errno = saved;
}

/* Copy the captured bytes to stderr, every byte but newline and tab shown visibly: a
 * line written while curses was up may hold a file name or guest text. */
static void replay(int from)
{
	char in[1024], out[4 * sizeof(in) + 1];
	ssize_t n;
	off_t off = 0;
	while ((n = pread(from, in, sizeof(in), off)) > 0) {
		size_t len = 0;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)in[i];
			if (c == '\n' || c == '\t')
				out[len++] = (char)c;
			else
				len += (size_t)visible_byte(c, out + len);
		}
		if (write(2, out, len) < 0)
			break;
		off += n;
	}
}

/* Put stderr back and replay what was captured (async-signal-safe calls only). */
static void release_stderr(void)
{
	if (saved_stderr < 0)
		return;
	dup2(saved_stderr, 2);
	close(saved_stderr);
	saved_stderr = -1;
	replay(captured_stderr);
	close(captured_stderr);
	captured_stderr = -1;
}

static void on_fatal(int sig)
{
	if (curses_up) {
		curses_up = 0;
		endwin();
	}
	release_stderr();
	static const char msg[] = "mini-kvm: fatal signal in the TUI; terminal restored\n";
	static const char quit[] = "mini-kvm: ended by a signal; terminal restored\n";
	bool crash = sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL ||
		     sig == SIGABRT || sig == SIGSYS || sig == SIGTRAP;
	ssize_t r = crash ? write(2, msg, sizeof(msg) - 1) : write(2, quit, sizeof(quit) - 1);
	(void)r;
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when this handler returns: die as the signal wanted */
}

static void take_fatal(int sig, const struct sigaction *sa)
{
	if (sig <= 0 || sig >= NSIGNALS)
		return;
	struct sigaction cur;
	if (sigaction(sig, NULL, &cur) < 0 || cur.sa_handler != SIG_DFL ||
	    (cur.sa_flags & SA_SIGINFO))
		return;
	if (sigaction(sig, sa, &old_fatal[sig]) == 0)
		took_fatal[sig] = true;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_signal;
	for (int i = 0; i < NQUIT; i++)
		sigaction(quit_signals[i], &sa, &old_quit[i]);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigfillset(&sa.sa_mask); /* one restore at a time, whatever else arrives */
	for (int i = 0; i < NFATAL; i++)
		take_fatal(fatal_signals[i], &sa);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		take_fatal(sig, &sa);
}

static void restore_signals(void)
{
	for (int i = 0; i < NQUIT; i++)
		sigaction(quit_signals[i], &old_quit[i], NULL);
	for (int sig = 1; sig < NSIGNALS; sig++) {
		if (took_fatal[sig])
			sigaction(sig, &old_fatal[sig], NULL);
		took_fatal[sig] = false;
	}
}

/* Check $TERM the way initscr would, but report instead of exiting. */
static int check_terminal(char *err)
{
	const char *name = getenv("TERM");
	int e = 0;
	if (!name || !*name) {
		snprintf(err, VMM_ERROR_LEN, "TERM is not set: cannot start the TUI (use --headless)");
		return VMM_STATUS_USAGE;
	}
	if (setupterm(NULL, 1, &e) != OK) {
		snprintf(err, VMM_ERROR_LEN, "unknown terminal type '%.64s' (TERM): %s; "
			 "set TERM or use --headless", name,
			 e == 1 ? "it is a hardcopy terminal" :
			 e == 0 ? "not in the terminfo database" : "no terminfo database");
		return VMM_STATUS_USAGE;
	}
	const char *cup = tigetstr("cup");
	del_curterm(cur_term);
	if (!cup || cup == (char *)-1) {
		snprintf(err, VMM_ERROR_LEN, "terminal type '%.64s' (TERM) cannot move the cursor; "
			 "use --headless", name);
		return VMM_STATUS_USAGE;
	}
	/* Keys come from stdin and the screen goes to stdout: both must be the terminal
	 * (a file on stdin would read as an endless end of input). */
	if (!isatty(0) || !isatty(1)) {
		snprintf(err, VMM_ERROR_LEN, "the TUI needs a terminal on standard %s; use --headless",
			 !isatty(0) ? "input" : "output");
		return VMM_STATUS_USAGE;
	}
	return 0;
}

static void capture_stderr(void)
{
	fflush(stderr);
	captured_stderr = memfd_create("mini-kvm-stderr", MFD_CLOEXEC);
	if (captured_stderr < 0)
		return; /* no capture: stderr keeps going to the terminal */
	saved_stderr = fcntl(2, F_DUPFD_CLOEXEC, 3);
	if (saved_stderr < 0 || dup2(captured_stderr, 2) < 0) {
		close(captured_stderr);
		captured_stderr = -1;
		if (saved_stderr >= 0)
			close(saved_stderr);
		saved_stderr = -1;
	}
}

int term_open(char err[VMM_ERROR_LEN])
{
	setlocale(LC_CTYPE, "");
	int status = check_terminal(err);
	if (status)
		return status;
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		snprintf(err, VMM_ERROR_LEN, "pipe: %s", strerror(errno));
		return VMM_STATUS_HOST;
	}
	/* Our handlers go in first: newterm leaves SIGINT/SIGTERM/SIGWINCH alone then. */
	install_signals();
	set_escdelay(25);
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		restore_signals();
		snprintf(err, VMM_ERROR_LEN, "cannot initialise the terminal '%.64s'", getenv("TERM"));
		return VMM_STATUS_USAGE;
	}
	curses_up = 1;
	capture_stderr();
	raw();         /* Ctrl-C, Ctrl-Q, Ctrl-S arrive as keys; app.c decides */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	meta(stdscr, TRUE);
	/* No typeahead checks during refresh: they cost a poll() and a write() per line
	 * drawn; one buffered write per frame is what we want. */
	typeahead(-1);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	/* ncurses 6.4 flushes after every cursor motion until it has once left and
	 * re-entered curses mode (mvcur's "screen not initialised yet" path): one write()
	 * per changed line. Going round once makes a frame one buffered write. */
	endwin();
	refresh();
	return 0;
}

void term_close(void)
{
	if (curses_up) {
		curses_up = 0;
		curs_set(1);
		endwin();
	}
	if (screen) {
		delscreen(screen);
		screen = NULL;
	}
	fflush(stdout);
	release_stderr();
	restore_signals();
	for (int i = 0; i < 2; i++) {
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
		sig_pipe[i] = -1;
	}
}

void term_block_signals(sigset_t *saved)
{
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < NQUIT; i++)
		sigaddset(&set, quit_signals[i]);
	/* The asynchronous ending ones too, so their terminal restore runs on the UI thread,
	 * never in a vCPU thread while the UI draws. Not SIGUSR1 (the kick) and not the
	 * synchronous ones (a fault must reach the thread that faulted). */
	for (size_t i = 0; i < sizeof(async_fatal) / sizeof(async_fatal[0]); i++)
		sigaddset(&set, async_fatal[i]);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaddset(&set, sig);
	pthread_sigmask(SIG_BLOCK, &set, saved);
}

void term_restore_signals(const sigset_t *saved)
{
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

int term_signal_fd(void)
{
	return sig_pipe[0];
}

int term_take_signals(int *resized)
{
	unsigned char b[32];
	ssize_t n;
	int quit = 0;
	*resized = 0;
	while ((n = read(sig_pipe[0], b, sizeof(b))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (b[i] == SIGWINCH)
				*resized = 1;
			else
				quit = b[i];
		}
	}
	if (*resized) {
		struct winsize ws;
		if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
			resizeterm(ws.ws_row, ws.ws_col);
		/* The terminal reflowed or cut what was there: repaint all of it, not a diff
		 * against what curses believes is on the screen. */
		clearok(curscr, TRUE);
	}
	return quit;
}
