/* headless.c — run guests without a screen. One guest: its bytes go raw to stdout.
 * Several: whole lines, each tagged "[vcpuN] " (coloured only when stdout is a
 * terminal). Standard input feeds one vCPU's GETCHAR; end of input closes its queue.
 * The loop sleeps in poll() on the VMM's notify fd and stdin: no busy waiting. The
 * rings are drained (and --log written) by pump.c, as for the TUI.
 */
#include "headless.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "breaks.h"
#include "out.h"
#include "pump.h"
#include "report.h"

#define LINE_MAX_BYTES 4096

struct headless {
	struct vmm *vmm;
	const struct cli_options *opts;
	int n;
	bool tagged, colour;
	struct pump pump;
	char line[VMM_MAX_VCPUS][LINE_MAX_BYTES];
	size_t line_len[VMM_MAX_VCPUS];
	char in_buf[4096];
	size_t in_len, in_off;
	bool in_open;
	struct vmm_breakpoint bp[VMM_MAX_BREAKPOINTS];  /* --break, on every vCPU */
	int nbp;
	uint64_t hit_seq[VMM_MAX_VCPUS];                 /* the last hit reported */
	int out_err;                                     /* stdout failed with this errno */
};

static const char *const tag_colours[] = { "35", "32", "33", "34", "36", "31", "37", "95",
					   "92", "93", "94", "96", "91", "97", "90", "35;1" };

static double now_s(void)
{
	return (double)vmm_clock_ns() / 1e9;
}

/* Guest output on stdout. Output that cannot be written is lost: say so once, stop the
 * guests (nothing they print can reach anyone) and end with status 1. */
static void write_out(struct headless *h, const char *buf, size_t n)
{
	if (h->out_err)
		return;
	int r = out_write_all(1, buf, n);
	if (r < 0) {
		h->out_err = -r;
		out_write_failed("guest output to stdout", h->out_err);
		vmm_stop_all(h->vmm);
	}
}

static void emit_line(struct headless *h, int i)
{
	char tag[32];
	int t = h->colour ? snprintf(tag, sizeof(tag), "\033[%sm[vcpu%d]\033[0m ",
				     tag_colours[i % 16], i)
			  : snprintf(tag, sizeof(tag), "[vcpu%d] ", i);
	write_out(h, tag, (size_t)t);
	write_out(h, h->line[i], h->line_len[i]);
	if (h->line_len[i] == 0 || h->line[i][h->line_len[i] - 1] != '\n')
		write_out(h, "\n", 1);
	h->line_len[i] = 0;
}

/* The pump's sink: one guest's bytes raw, several guests' as tagged lines. */
static void take_bytes(void *ctx, int i, const char *buf, size_t n)
{
	struct headless *h = ctx;
	if (!h->tagged) {
		write_out(h, buf, n);
		return;
	}
	for (size_t k = 0; k < n; k++) {
		h->line[i][h->line_len[i]++] = buf[k];
		if (buf[k] == '\n' || h->line_len[i] == LINE_MAX_BYTES)
			emit_line(h, i);
	}
}

static void log_failed(void *ctx, int i, int err)
{
	(void)ctx;
	char what[32];
	snprintf(what, sizeof(what), "vcpu%d's log", i);
	out_write_failed(what, err);
}

static void feed_input(struct headless *h, bool readable)
{
	if (h->in_open && readable && h->in_off == h->in_len) {
		ssize_t r = read(0, h->in_buf, sizeof(h->in_buf));
		if (r > 0) {
			h->in_len = (size_t)r;
			h->in_off = 0;
		} else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
			h->in_open = false;
		}
	}
	if (h->in_off < h->in_len)
		h->in_off += vmm_write_input(h->vmm, h->opts->input_vcpu, h->in_buf + h->in_off,
					     h->in_len - h->in_off);
	if (!h->in_open && h->in_off == h->in_len)
		vmm_close_input(h->vmm, h->opts->input_vcpu);
}

/* Sleep until stdin or (if watch_vmm) the VMM has something, at most max_ms. */
static void wait_for_event(struct headless *h, double deadline, int max_ms, bool watch_vmm)
{
	/* fd -1 is ignored by poll: a nap that only watches stdin */
	struct pollfd fds[2] = { { watch_vmm ? vmm_notify_fd(h->vmm) : -1, POLLIN, 0 },
				 { 0, POLLIN, 0 } };
	bool want_stdin = h->in_open && h->in_off == h->in_len;
	int ms = h->in_off < h->in_len ? 5 : max_ms; /* input queue full: retry soon */
	if (deadline > 0) {
		double left = (deadline - now_s()) * 1000.0;
		if (left < ms)
			ms = left < 0 ? 0 : (int)left + 1;
	}
	int r = poll(fds, want_stdin ? 2 : 1, ms);
	if (r > 0 && want_stdin && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
		feed_input(h, true);
}

/* --break ADDR: the same breakpoints on every vCPU. Returns 0 or the exit status after
 * one line (an address that does not parse). */
static int arm_breaks(struct headless *h)
{
	char err[VMM_ERROR_LEN];
	for (int k = 0; k < h->opts->nbreak; k++) {
		struct vmm_breakpoint *b = &h->bp[h->nbp++];
		*b = (struct vmm_breakpoint){ .kind = VMM_BREAK_ADDR };
		if (!breaks_parse_addr(h->opts->breaks[k], NULL, NULL, &b->addr, err, sizeof(err))) {
			out_error("--break %s", err);
			return VMM_STATUS_USAGE;
		}
	}
	for (int i = 0; h->nbp && i < h->n; i++)
		vmm_set_breakpoints(h->vmm, i, h->bp, h->nbp);
	return 0;
}

/* A vCPU stopped at a breakpoint: one line of registers on stderr, then it goes on. */
static void report_hits(struct headless *h)
{
	struct vmm_snapshot s;
	char line[512];
	for (int i = 0; h->nbp && i < h->n; i++) {
		vmm_snapshot(h->vmm, i, &s);
		if (s.state != VMM_STATE_PAUSED || s.break_hit < 0 || s.seq == h->hit_seq[i])
			continue;
		h->hit_seq[i] = s.seq;
		breaks_hit_line(&s, &h->bp[s.break_hit], line, sizeof(line));
		out_error("vcpu%d (%s): %s", i, vmm_guest_name(h->vmm, i), line);
		vmm_resume(h->vmm, i);
	}
}

int headless_run(struct vmm *vmm, const struct cli_options *opts)
{
	static struct headless h; /* big line buffers: keep them off the stack */
	memset(&h, 0, sizeof(h));
	h.vmm = vmm;
	h.opts = opts;
	h.n = vmm_vcpu_count(vmm);
	h.tagged = h.n > 1;
	h.colour = isatty(1) && !getenv("NO_COLOR");
	h.in_open = true;
	int status = pump_open(&h.pump, vmm, opts->log_dir, opts->trace_path, take_bytes, log_failed,
			       &h);
	if (status) {
		pump_close(&h.pump);
		return status;
	}
	for (int i = 0; i < h.n; i++)
		if (i != opts->input_vcpu)
			vmm_close_input(vmm, i);
	if ((status = arm_breaks(&h))) {
		pump_close(&h.pump);
		return status;
	}
	if (vmm_start(vmm) < 0) {
		pump_close(&h.pump);
		fprintf(stderr, "mini-kvm: cannot start vCPU threads\n");
		return VMM_STATUS_HOST;
	}
	double deadline = opts->timeout_s > 0 ? now_s() + opts->timeout_s : 0;
	bool timed_out = false;
	double burst_start = 0;
	for (;;) {
		bool done = vmm_finished(vmm); /* read before draining: nothing comes after */
		size_t got = pump_all(&h.pump);
		if (done)
			break;
		report_hits(&h);
		feed_input(&h, false);
		if (deadline > 0 && !timed_out && now_s() >= deadline) {
			timed_out = true;
			vmm_stop_all(vmm);
		}
		if (got && burst_start == 0)
			burst_start = now_s();
		else if (!got)
			burst_start = 0;
		if (got && now_s() - burst_start > 0.002) {
			/* Output has flowed for 2 ms: collect it in ~1 ms batches without asking the
			 * vCPUs to wake us (each wake-up costs a guest exit an eventfd write). Short
			 * outputs and interactive echo never wait for a batch. */
			wait_for_event(&h, 0, 1, false);
			continue;
		}
		vmm_clear_notify(vmm); /* re-arm, then look once more before sleeping */
		if (pump_all(&h.pump) || vmm_finished(vmm))
			continue;
		wait_for_event(&h, timed_out ? 0 : deadline, 200, true);
	}
	for (int i = 0; i < h.n; i++)
		if (h.line_len[i])
			emit_line(&h, i);
	bool lost = pump_close(&h.pump) != 0;
	report_ends(vmm, opts, timed_out);
	return timed_out || lost || h.out_err || vmm_any_faulted(vmm) ? VMM_STATUS_FAULT
									 : VMM_STATUS_OK;
}
