/* report.c — what both frontends print on stderr when a run has ended (report.h): each
 * faulted vCPU's one line, the time-limit line, and the --stats table (per vCPU its end
 * state, exits by reason and by hypercall, time in guest vs VMM, round trips, and the
 * host probe's line). Text only; the TUI draws the same numbers live (counters.c).
 */
#include "report.h"

#include <stdio.h>

#include "out.h"
#include "visible.h"

static double ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

static void print_vcpu(FILE *out, struct vmm *vmm, int i)
{
	struct vmm_snapshot s;
	vmm_snapshot(vmm, i, &s);
	const struct vmm_stats *st = &s.stats;
	double run_s = (double)(st->ns_guest + st->ns_vmm) / 1e9;
	char name[128];
	visible_str(vmm_guest_name(vmm, i), name, sizeof(name));
	fprintf(out, "vcpu%d (%s): %s, %s mode\n", i, name,
		vmm_state_name(s.state), vmm_mode_name(s.mode));
	fprintf(out, "  %-26s %10llu", "exits", (unsigned long long)st->exits);
	if (run_s > 0)
		fprintf(out, "   (%.0f/s while running)", (double)st->exits / run_s);
	fputc('\n', out);
	for (int r = 0; r < VMM_EXIT__COUNT; r++)
		if (st->by_reason[r])
			fprintf(out, "    %-24s %10llu\n", vmm_exit_reason_name(r),
				(unsigned long long)st->by_reason[r]);
	for (int h = 0; h < VMM_HC_SLOTS; h++)
		if (st->by_hypercall[h])
			fprintf(out, "    hypercall %-14s %10llu\n", vmm_hypercall_name(h),
				(unsigned long long)st->by_hypercall[h]);
	if (st->kicks)
		fprintf(out, "  %-26s %10llu   (the monitor's signals: not exits)\n", "kicks",
			(unsigned long long)st->kicks);
	fprintf(out, "  %-26s %10llu\n", "output bytes", (unsigned long long)st->out_bytes);
	fprintf(out, "  %-26s %10llu\n", "input bytes", (unsigned long long)st->in_bytes);
	fprintf(out, "  %-26s %10.3f ms\n", "start-up (create to run)", ms(st->startup_ns));
	fprintf(out, "  %-26s %10.3f ms\n", "time in guest (KVM_RUN)", ms(st->ns_guest));
	fprintf(out, "  %-26s %10.3f ms\n", "time in VMM (exits)", ms(st->ns_vmm));
	fprintf(out, "  %-26s %10.3f ms\n", "time waiting", ms(st->ns_wait));
	if (st->rt_count)
		fprintf(out, "  %-26s %6.1f / %.1f / %.1f us\n", "round trip min/avg/max",
			(double)st->rt_min_ns / 1e3,
			(double)st->rt_sum_ns / (double)st->rt_count / 1e3,
			(double)st->rt_max_ns / 1e3);
	if (st->steps)
		fprintf(out, "  %-26s %10llu\n", "single steps", (unsigned long long)st->steps);
}

static void print_stats_table(FILE *out, struct vmm *vmm)
{
	fprintf(out, "--- mini-kvm statistics ---\n");
	for (int i = 0; i < vmm_vcpu_count(vmm); i++)
		print_vcpu(out, vmm, i);
	fprintf(out, "%s\n", vmm_host_line_wait(vmm));
}

/* What a vCPU stopped by the time limit was doing, in words. */
static const char *doing(const struct vmm_snapshot *s, char *buf, size_t n)
{
	if (s->halted)
		snprintf(buf, n, "it was halted, waiting for an interrupt (HLT with the in-kernel "
			 "IRQCHIP)");
	else if (s->stopped_in == VMM_STATE_WAITING || s->waiting_for == VMM_WAIT_KEY)
		snprintf(buf, n, "it was waiting for input");
	else if (s->stopped_in == VMM_STATE_PAUSED)
		snprintf(buf, n, "it was paused");
	else if (s->stopped_in == VMM_STATE_BLOCKED)
		snprintf(buf, n, "it was waiting for its output to be read");
	else
		snprintf(buf, n, "it was still running (last exit: %s)", s->last_exit_text);
	return buf;
}

void report_ends(struct vmm *vmm, const struct cli_options *opts, bool timed_out)
{
	struct vmm_snapshot s;
	char what[160];
	for (int i = 0; i < vmm_vcpu_count(vmm); i++) {
		vmm_snapshot(vmm, i, &s);
		if (s.state == VMM_STATE_FAULTED)
			out_error("%s", s.error);
		else if (s.state == VMM_STATE_INPUT_ENDED)
			out_error("vcpu%d (%s): ended: it asked for input %u times after the end of "
				  "input", i, vmm_guest_name(vmm, i),
				opts->vm.eof_spin_limit);
		else if (timed_out && s.state == VMM_STATE_STOPPED)
			out_error("vcpu%d (%s): time limit of %g s ran out; %s", i,
				  vmm_guest_name(vmm, i), opts->timeout_s, doing(&s, what, sizeof(what)));
	}
	if (opts->stats)
		print_stats_table(stderr, vmm);
}
