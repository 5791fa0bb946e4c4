/* pump.h — the one way guest output leaves the VMM for both frontends: drain each vCPU's
 * output ring (vmm_read_output), write the bytes to its --log file, hand them to the
 * frontend's sink (the TUI's scrollback; headless' stdout or line tagger). What a sink
 * does with the bytes, and when to pump, are the frontend's. UI thread only.
 */
#ifndef TUI_PUMP_H
#define TUI_PUMP_H

#include <stddef.h>

#include "../vmm/vmm.h"
#include "trace.h"

#define PUMP_CHUNK 16384   /* bytes per vmm_read_output: a few empty a 64 KiB ring */

/* Bytes vCPU vcpu printed, in order; buf is the pump's, valid during the call. */
typedef void pump_sink_fn(void *ctx, int vcpu, const char *buf, size_t n);
/* Writing vcpu's log failed with errno err: that log is closed, output goes on. */
typedef void pump_log_failed_fn(void *ctx, int vcpu, int err);

struct pump {
	struct vmm *vmm;
	int n;                             /* vCPUs */
	int log_fd[VMM_MAX_VCPUS];         /* --log DIR: DIR/vcpuN.log, or -1 */
	pump_sink_fn *sink;                /* NULL: the logs only (e.g. after the TUI ended) */
	pump_log_failed_fn *log_failed;    /* NULL: say nothing */
	void *ctx;
	struct trace trace;                /* --trace FILE: the exit logs, drained with output */
	char buf[PUMP_CHUNK];
};

/* Set up p for vmm, open the logs when log_dir is set and the trace when trace_path is.
 * Returns 0, or the exit status after one line on stderr (a log or the trace cannot be
 * opened); call pump_close either way. */
int pump_open(struct pump *p, struct vmm *vmm, const char *log_dir, const char *trace_path,
	      pump_sink_fn *sink, pump_log_failed_fn *log_failed, void *ctx);
/* Closes the logs and the trace; returns 0, or 1 if the trace could not be written. */
int pump_close(struct pump *p);

/* Move vCPU vcpu's output until its ring is empty or about max bytes moved (max 0: no
 * limit, until empty). Returns the bytes moved. */
size_t pump_vcpu(struct pump *p, int vcpu, size_t max);
/* Every vCPU until its ring is empty, and the trace; returns the bytes moved. */
size_t pump_all(struct pump *p);

#endif
