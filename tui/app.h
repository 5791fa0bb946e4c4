/* app.h — the ncurses monitor: a pane per vCPU, the register panel, keys, stepping.
 * main.c hands it a created (not started) vmm; app_run starts the vCPUs once curses
 * is up and returns the exit status when the user quits.
 */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "cli.h"

/* Run the TUI until the user quits (or opts->timeout_s runs out). Honours --paused (main
 * has paused every vCPU already), --timeout, --log, --stats. Errors before the screen is
 * up (unknown $TERM, log directory) are one stderr line; after the screen is down it
 * prints each fault, time-limit and --stats line headless would have printed.
 * Returns VMM_STATUS_OK, VMM_STATUS_FAULT (a guest faulted, or the time limit),
 * VMM_STATUS_USAGE (terminal or --log unusable), VMM_STATUS_HOST (cannot start the vCPU
 * threads), or 128 + signal after SIGTERM / SIGHUP (terminal restored first). */
int app_run(struct vmm *vmm, const struct cli_options *opts);

#endif
