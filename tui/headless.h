/* headless.h — the plain stdio frontend: guest output to stdout, stdin to one guest's
 * GETCHAR, --log files, the time limit. No curses calls. What ended how, and the --stats
 * table, are report.h's.
 */
#ifndef TUI_HEADLESS_H
#define TUI_HEADLESS_H

#include "cli.h"

/* Starts the vCPUs, runs until every guest has ended; returns the exit status. */
int headless_run(struct vmm *vmm, const struct cli_options *opts);

#endif
