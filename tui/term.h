/* term.h — the terminal underneath the TUI: bring curses up (with a clean error for an
 * unknown $TERM instead of initscr's exit), take it down on every path (quit, Ctrl-C,
 * SIGTERM, SIGHUP, SIGQUIT and every other signal that ends the process, a crash), keep
 * stderr off the screen while curses is up, and turn signals into bytes on a pipe the
 * main loop polls. Nothing here knows about vCPUs.
 */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include <signal.h>

#include "../vmm/vmm.h"

/* Open the terminal on stdin/stdout. Returns 0, or VMM_STATUS_USAGE with one line in
 * err (nothing was changed: the caller prints it). From here until term_close, stderr
 * goes to a buffer that term_close replays. */
int term_open(char err[VMM_ERROR_LEN]);
void term_close(void);

/* Block the terminal's signals (SIGINT, SIGTERM, SIGHUP, SIGWINCH, and the asynchronous
 * ones that end the process: SIGQUIT, SIGALRM, ...) in the calling thread,
 * saving its mask: threads created meanwhile (the vCPUs) inherit the block, so those
 * signals are always handled on the UI thread and never interrupt a KVM_RUN. */
void term_block_signals(sigset_t *saved);
void term_restore_signals(const sigset_t *saved);

/* Read end of the signal pipe: readable after SIGWINCH, SIGINT, SIGTERM or SIGHUP. */
int term_signal_fd(void);

/* Drain the pipe: sets *resized if the window changed size (curses already knows the new
 * size), returns the last quit signal seen (SIGINT/SIGTERM/SIGHUP) or 0. */
int term_take_signals(int *resized);

#endif
