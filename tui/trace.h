/* trace.h — --trace FILE: every vCPU's exit log, as it happens, one tab-separated line
 * per exit and per mode or breakpoint event: time_ns (since the trace began), vcpu, rip,
 * what, detail — so a class can diff two runs or plot one. Records come from
 * vmm_exit_log(); the words from vmm_exit_describe(). UI thread only; no curses.
 */
#ifndef TUI_TRACE_H
#define TUI_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "../vmm/vmm.h"

struct trace {
	FILE *f;                         /* NULL: not tracing */
	struct vmm *vmm;
	int n;
	uint64_t t0;
	uint64_t next[VMM_MAX_VCPUS];    /* the next record to read, per vCPU */
	bool failed;                     /* a write failed: said once, tracing stopped */
};

/* Open path for writing (a regular file, or "-" for stdout). Returns 0, or the exit
 * status after one line on stderr. With path NULL the trace is off and every call below
 * does nothing. */
int trace_open(struct trace *t, const char *path, struct vmm *vmm);
/* Write what every vCPU recorded since the last call. Call often enough (at least every
 * few ms under a flood of exits): records the ring no longer holds are counted in a
 * "lost" line, never invented. */
void trace_poll(struct trace *t);
/* The last records, then close. Returns 0, or 1 after a line if writing failed. */
int trace_close(struct trace *t);

#endif
