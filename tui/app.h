/* app.h — the ncurses monitor: a pane per vCPU, the register panel, keys, stepping.
 * main.c hands it a created (not started) vmm; app_run starts the vCPUs once curses
 * is up and returns the exit status when the user quits.
 */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "cli.h"

int app_run(struct vmm *vmm, const struct cli_options *opts);

#endif
