/* headless.h — the plain stdio frontend: guest output to stdout, stdin to one guest's
 * GETCHAR, logs, the --stats table, the time limit. No curses calls.
 */
#ifndef TUI_HEADLESS_H
#define TUI_HEADLESS_H

#include "cli.h"

/* Starts the vCPUs, runs until every guest has ended; returns the exit status. */
int headless_run(struct vmm *vmm, const struct cli_options *opts);

/* stats_table.c: the --stats table for every vCPU, from their final snapshots. */
void stats_table_print(FILE *out, struct vmm *vmm);

#endif
