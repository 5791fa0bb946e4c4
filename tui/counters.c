/* counters.c — numbers a class watches climb: exits by reason and hypercall with their
 * rates, where the time goes, and a row per vCPU. All from the snapshots' vmm_stats; the
 * rates are differences over UI_RATE_WINDOW_NS, so they cost the vCPUs nothing.
 */
#include "counters.h"

#include <string.h>

static double per_s(uint64_t now, uint64_t then, double dt)
{
	return now >= then ? (double)(now - then) / dt : 0;
}

void counters_update(struct ui *ui)
{
	for (int i = 0; i < ui->n; i++) {
		struct vcpu_view *v = &ui->v[i];
		const struct vmm_stats *s = &v->cur.stats;
		if (!v->base_ns) {
			v->base = *s;
			v->base_ns = ui->now_ns;
			continue;
		}
		if (vmm_state_ended(v->cur.state)) {
			/* Ended: nothing runs any more, whatever the last window measured. */
			v->exits_per_s = 0;
			memset(v->reason_per_s, 0, sizeof(v->reason_per_s));
			memset(v->hc_per_s, 0, sizeof(v->hc_per_s));
			continue;
		}
		if (ui->now_ns - v->base_ns < UI_RATE_WINDOW_NS)
			continue;
		double dt = (double)(ui->now_ns - v->base_ns) / 1e9;
		v->exits_per_s = per_s(s->exits, v->base.exits, dt);
		for (int r = 0; r < VMM_EXIT__COUNT; r++)
			v->reason_per_s[r] = per_s(s->by_reason[r], v->base.by_reason[r], dt);
		for (int h = 0; h < VMM_HC_SLOTS; h++)
			v->hc_per_s[h] = per_s(s->by_hypercall[h], v->base.by_hypercall[h], dt);
		v->base = *s;
		v->base_ns = ui->now_ns;
	}
}

const char *counters_short_state(enum vmm_run_state s)
{
	switch (s) {
	case VMM_STATE_WAITING: return "waiting";
	case VMM_STATE_BLOCKED: return "blocked";
	default: return vmm_state_name(s);
	}
}

/* "12.3k" style for narrow columns. */
static void put_count(struct panel *p, attr_t a, int width, double n)
{
	if (n < 100000)
		panel_put(p, a, "%*.0f", width, n);
	else if (n < 100e6)
		panel_put(p, a, "%*.1fk", width - 1, n / 1e3);
	else
		panel_put(p, a, "%*.1fM", width - 1, n / 1e6);
}

static void count_row(struct panel *p, const char *name, uint64_t n, double rate)
{
	if (!panel_line(p))
		return;
	panel_put(p, colors_attr(UI_TEXT), "  %-.22s", name);
	panel_tab(p, 24);
	put_count(p, colors_attr(UI_VALUE), 9, (double)n);
	put_count(p, colors_attr(UI_VALUE), 7, rate);
	panel_put(p, colors_attr(UI_DIM), "/s");
}

static double ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

static void draw_timing(struct panel *p, const struct vmm_stats *s)
{
	double busy = (double)(s->ns_guest + s->ns_vmm);
	if (panel_line(p)) {
		panel_put(p, colors_attr(UI_LABEL), "start-up ");
		panel_put(p, colors_attr(UI_VALUE), "%.2f ms", ms(s->startup_ns));
		panel_put(p, colors_attr(UI_LABEL), "  waited ");
		panel_put(p, colors_attr(UI_VALUE), "%.0f ms", ms(s->ns_wait));
	}
	if (panel_line(p)) {
		panel_put(p, colors_attr(UI_LABEL), "in guest ");
		panel_put(p, colors_attr(UI_VALUE), "%.0f%%", busy > 0 ? 100.0 * (double)s->ns_guest / busy : 0);
		panel_put(p, colors_attr(UI_LABEL), "  in VMM ");
		panel_put(p, colors_attr(UI_VALUE), "%.0f%%", busy > 0 ? 100.0 * (double)s->ns_vmm / busy : 0);
		panel_put(p, colors_attr(UI_DIM), "  of %.0f ms", ms(s->ns_guest + s->ns_vmm));
	}
	if (panel_line(p)) {
		panel_put(p, colors_attr(UI_LABEL), "exit round trip ");
		if (s->rt_count)
			panel_put(p, colors_attr(UI_VALUE), "%.1f/%.1f/%.1f us",
				  (double)s->rt_min_ns / 1e3,
				  (double)s->rt_sum_ns / (double)s->rt_count / 1e3,
				  (double)s->rt_max_ns / 1e3);
		else
			panel_put(p, colors_attr(UI_DIM), "none yet");
	}
	if (panel_line(p))
		panel_put(p, colors_attr(UI_DIM), "                (min/avg/max)");
}

void counters_draw(const struct ui *ui, struct panel *p)
{
	const struct vcpu_view *v = &ui->v[ui->focus];
	const struct vmm_stats *s = &v->cur.stats;
	if (panel_line(p)) {
		panel_put(p, colors_attr(UI_HEADING), "exits");
		panel_tab(p, 24);
		put_count(p, A_BOLD, 9, (double)s->exits);
		put_count(p, A_BOLD, 7, v->exits_per_s);
		panel_put(p, colors_attr(UI_DIM), "/s");
	}
	for (int r = 0; r < VMM_EXIT__COUNT; r++)
		if (s->by_reason[r])
			count_row(p, vmm_exit_reason_name(r), s->by_reason[r], v->reason_per_s[r]);
	bool any = false;
	for (int h = 0; h < VMM_HC_SLOTS; h++) {
		if (!s->by_hypercall[h])
			continue;
		if (!any && panel_line(p))
			panel_put(p, colors_attr(UI_HEADING), "hypercalls");
		any = true;
		count_row(p, vmm_hypercall_name(h), s->by_hypercall[h], v->hc_per_s[h]);
	}
	draw_timing(p, s);
}

int counters_vcpu_rows(int n)
{
	return 2 + n; /* heading, one row per vCPU, the host line */
}

void counters_draw_vcpus(const struct ui *ui, struct panel *p)
{
	if (panel_line(p))
		panel_put(p, colors_attr(UI_HEADING), " # guest       state       exits  exits/s");
	for (int i = 0; i < ui->n; i++) {
		const struct vcpu_view *v = &ui->v[i];
		if (!panel_line(p))
			return;
		attr_t mark = i == ui->focus ? A_REVERSE : A_NORMAL;
		panel_put(p, colors_vcpu(i) | A_BOLD | mark, "%2d", i);
		panel_put(p, colors_vcpu(i) | mark, " %-11.11s", vmm_guest_name(ui->vmm, i));
		panel_put(p, colors_attr(UI_TEXT), " %-8.8s", counters_short_state(v->cur.state));
		put_count(p, colors_attr(UI_VALUE), 9, (double)v->cur.stats.exits);
		put_count(p, colors_attr(UI_VALUE), 9, v->exits_per_s);
	}
	/* What kind of KVM runs all this, up to the first ':' (F1 lists what it lacks). */
	const char *host = vmm_host_line(ui->vmm);
	if (panel_line(p))
		panel_put(p, colors_attr(UI_DIM), "%.*s", (int)strcspn(host, ":;"), host);
}
