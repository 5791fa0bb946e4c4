/* report.h — the end of a run, in words on stderr, the same for the TUI and headless:
 * what ended how (a fault's one line, the time limit) and the --stats table. Called once
 * the screen is down; the live numbers while the TUI runs are counters.c's.
 */
#ifndef TUI_REPORT_H
#define TUI_REPORT_H

#include <stdbool.h>

#include "cli.h"

/* After every vCPU has ended or been stopped (main thread): fault and time-limit lines on
 * stderr, then the --stats table if opts asked for it. */
void report_ends(struct vmm *vmm, const struct cli_options *opts, bool timed_out);

#endif
