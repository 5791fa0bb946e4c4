/* headless.h — the plain stdio frontend: guest output to stdout, stdin to one guest's
 * GETCHAR, logs, the --stats table, the time limit. No curses calls.
 */
#ifndef TUI_HEADLESS_H
#define TUI_HEADLESS_H

#include "cli.h"

/* Starts the vCPUs, runs until every guest has ended; returns the exit status. */
int headless_run(struct vmm *vmm, const struct cli_options *opts);

/* stats_table.c: after a run (either frontend, screen down): fault and time-limit lines
 * on stderr, then the --stats table if asked for. */
void report_ends(struct vmm *vmm, const struct cli_options *opts, bool timed_out);

#endif
