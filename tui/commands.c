/* commands.c — the commands behind the monitor keys. vmm.h does the work (a command in
 * the vCPU's mailbox and a kick; slow motion is timed by the vCPU thread); here we pick
 * levels, apply a command to one vCPU or to all of them, and say in the key bar what
 * happened, or why not (the guest has ended, its mailbox is full). Also the view: focus,
 * scrolling, zoom, the side panel.
 */
#include "commands.h"

#include <errno.h>

static const unsigned rate_levels[] = { 1,    2,    5,    10,    20,    50,    100,  200,
					500,  1000, 2000, 5000, 10000, 20000, 50000 };
#define NLEVELS ((int)(sizeof(rate_levels) / sizeof(rate_levels[0])))
static const unsigned step_levels[] = { 1, 2, 5, 10, 20, 50 };
#define NSTEP_LEVELS ((int)(sizeof(step_levels) / sizeof(step_levels[0])))

static bool ended(struct ui *ui, int i)
{
	return vmm_vcpu_finished(ui->vmm, i);
}

static bool say_ended(struct ui *ui, int i)
{
	if (!ended(ui, i))
		return false;
	ui_message(ui, "vcpu%d has ended (%s)", i, vmm_state_name(ui->v[i].cur.state));
	return true;
}

/* A vmm command's result in words; true if the vCPU took it. */
static bool taken(struct ui *ui, int i, int r)
{
	if (r == -EAGAIN)
		ui_message(ui, "vcpu%d is still busy with earlier commands: press again", i);
	else if (r < 0)
		ui_message(ui, "vcpu%d has ended (%s)", i, vmm_state_name(ui->v[i].cur.state));
	return r == 0;
}

static bool is_paused(const struct vcpu_view *v)
{
	return v->cur.state == VMM_STATE_PAUSED || v->cur.state == VMM_STATE_STEPPING ||
	       v->cur.state == VMM_STATE_CREATED;
}

bool commands_any_running(const struct ui *ui)
{
	for (int i = 0; i < ui->n; i++)
		if (!is_paused(&ui->v[i]) && !vmm_state_ended(ui->v[i].cur.state))
			return true;
	return false;
}

/* A step ends slow motion (the core would keep stepping by itself): off first. */
static int step_one(struct ui *ui, int i)
{
	if (ui->v[i].slowmo) {
		int r = vmm_set_slowmo(ui->vmm, i, 0);
		if (r < 0)
			return r;
		ui->v[i].slowmo = false;
	}
	return vmm_step(ui->vmm, i, 1);
}

/* ---- every vCPU at once: count who took it, one message ---- */

enum all_cmd { ALL_PAUSE, ALL_RESUME, ALL_STEP, ALL_SLOWMO_ON, ALL_SLOWMO_OFF };

static void to_all(struct ui *ui, enum all_cmd cmd)
{
	int took = 0, busy = 0, keys = 0, first_key = -1;
	unsigned rate = ui->v[ui->focus].step_rate;
	for (int i = 0; i < ui->n; i++) {
		struct vcpu_view *v = &ui->v[i];
		if (ended(ui, i))
			continue;
		int r = 0;
		switch (cmd) {
		case ALL_PAUSE: r = vmm_pause(ui->vmm, i); break;
		case ALL_RESUME: r = vmm_resume(ui->vmm, i); break;
		case ALL_STEP: r = step_one(ui, i); break;
		case ALL_SLOWMO_ON: v->step_rate = rate; r = vmm_set_slowmo(ui->vmm, i, rate); break;
		case ALL_SLOWMO_OFF: r = vmm_set_slowmo(ui->vmm, i, 0); break;
		}
		if (r < 0) {
			busy += r == -EAGAIN;
			continue;
		}
		took++;
		v->slowmo = cmd == ALL_SLOWMO_ON;
		if (cmd == ALL_STEP && v->cur.waiting_for == VMM_WAIT_KEY && !keys++)
			first_key = i;
	}
	static const char *const what[] = { "paused (Alt-a resumes them all)", "continue",
					    "one instruction each", "in slow motion",
					    "slow motion off (paused)" };
	if (!took) {
		ui_message(ui, busy ? "the vCPUs are still busy with earlier commands: press again"
				    : "every vCPU has ended");
		return;
	}
	if (cmd == ALL_STEP && keys)
		ui_message(ui, "%d vCPU%s: one instruction each; vcpu%d%s waiting for a key: "
			   "the step ends when it arrives", took, took == 1 ? "" : "s", first_key,
			   keys > 1 ? " and others are" : " is");
	else if (cmd == ALL_SLOWMO_ON)
		ui_message(ui, "%d vCPU%s in slow motion: %u steps/s", took, took == 1 ? "" : "s",
			   rate);
	else
		ui_message(ui, "%d vCPU%s %s%s", took, took == 1 ? "" : "s", what[cmd],
			   busy ? "; some were busy: press again" : "");
}

/* ---- one vCPU, or all ---- */

void commands_pause_toggle(struct ui *ui, int i)
{
	if (i == COMMANDS_ALL) {
		to_all(ui, commands_any_running(ui) ? ALL_PAUSE : ALL_RESUME);
		return;
	}
	if (say_ended(ui, i))
		return;
	if (is_paused(&ui->v[i])) {
		commands_continue(ui, i);
		return;
	}
	if (taken(ui, i, vmm_pause(ui->vmm, i)))
		ui_message(ui, "vcpu%d paused: s steps, c continues", i);
}

void commands_continue(struct ui *ui, int i)
{
	if (i == COMMANDS_ALL) {
		to_all(ui, ALL_RESUME);
		return;
	}
	if (say_ended(ui, i))
		return;
	if (!taken(ui, i, vmm_resume(ui->vmm, i)))
		return;
	ui->v[i].slowmo = false;
	ui_message(ui, "vcpu%d continues", i);
}

void commands_step(struct ui *ui, int i)
{
	if (i == COMMANDS_ALL) {
		to_all(ui, ALL_STEP);
		return;
	}
	if (say_ended(ui, i))
		return;
	struct vcpu_view *v = &ui->v[i];
	if (!taken(ui, i, step_one(ui, i)))
		return;
	if (v->cur.waiting_for == VMM_WAIT_KEY)
		ui_message(ui, "vcpu%d is waiting for a key: the step ends when it arrives", i);
	else
		ui_message(ui, "vcpu%d: one instruction", i);
}

void commands_slowmo_toggle(struct ui *ui, int i)
{
	if (i == COMMANDS_ALL) {
		to_all(ui, ui->v[ui->focus].slowmo ? ALL_SLOWMO_OFF : ALL_SLOWMO_ON);
		return;
	}
	if (say_ended(ui, i))
		return;
	struct vcpu_view *v = &ui->v[i];
	if (!taken(ui, i, vmm_set_slowmo(ui->vmm, i, v->slowmo ? 0 : v->step_rate)))
		return;
	v->slowmo = !v->slowmo;
	if (v->slowmo)
		ui_message(ui, "vcpu%d in slow motion: %u steps/s (+/- to change, c continues)",
			   i, v->step_rate);
	else
		ui_message(ui, "vcpu%d: slow motion off (paused)", i);
}

void commands_all_toggle(struct ui *ui)
{
	ui->all = !ui->all;
	if (ui->all)
		ui_message(ui, "whole machine: pause, step, slow motion, continue and speed act "
			       "on every vCPU (Alt-w again: the focused one)");
	else
		ui_message(ui, "commands act on the focused vCPU again");
}

/* ---- speed ---- */

unsigned commands_rate_level(unsigned rate, int dir)
{
	if (dir > 0) {
		if (rate == 0)
			return 0;
		for (int k = 0; k < NLEVELS; k++)
			if (rate_levels[k] > rate)
				return rate_levels[k];
		return 0;
	}
	if (rate == 0)
		return rate_levels[NLEVELS - 1];
	for (int k = NLEVELS - 1; k >= 0; k--)
		if (rate_levels[k] < rate)
			return rate_levels[k];
	return rate_levels[0];
}

static unsigned step_level(unsigned rate, int dir)
{
	int k = 0;
	while (k < NSTEP_LEVELS - 1 && step_levels[k] < rate)
		k++;
	k += dir > 0 ? 1 : -1;
	if (k < 0)
		k = 0;
	if (k >= NSTEP_LEVELS)
		k = NSTEP_LEVELS - 1;
	return step_levels[k];
}

/* Give vCPU i the step rate (if in slow motion) or exit rate; true if it took it. */
static bool set_speed(struct ui *ui, int i, unsigned step_rate, unsigned exit_rate)
{
	struct vcpu_view *v = &ui->v[i];
	if (v->slowmo) {
		if (vmm_set_slowmo(ui->vmm, i, step_rate) < 0)
			return false;
		v->step_rate = step_rate;
		return true;
	}
	if (vmm_set_exit_rate(ui->vmm, i, exit_rate) < 0)
		return false;
	v->speed = exit_rate;
	return true;
}

void commands_speed(struct ui *ui, int i, int dir)
{
	int f = i == COMMANDS_ALL ? ui->focus : i;
	struct vcpu_view *v = &ui->v[f];
	unsigned step_rate = step_level(v->step_rate, dir);
	unsigned exit_rate = commands_rate_level(v->speed, dir);
	if (i != COMMANDS_ALL) {
		if (say_ended(ui, i))
			return;
		if (!set_speed(ui, i, step_rate, exit_rate))
			ui_message(ui, "vcpu%d is still busy with earlier commands: press again", i);
		else if (v->slowmo)
			ui_message(ui, "vcpu%d slow motion: %u steps/s", i, v->step_rate);
		else if (v->speed)
			ui_message(ui, "vcpu%d limited to %u exits/s", i, v->speed);
		else
			ui_message(ui, "vcpu%d at full speed", i);
		return;
	}
	int took = 0;
	for (int k = 0; k < ui->n; k++)
		took += !ended(ui, k) && set_speed(ui, k, step_rate, exit_rate);
	if (exit_rate)
		ui_message(ui, "%d vCPUs: %u exits/s each (slow motion: %u steps/s)", took,
			   exit_rate, step_rate);
	else
		ui_message(ui, "%d vCPUs at full speed (slow motion: %u steps/s)", took, step_rate);
}

/* ---- what came of our commands ---- */

void commands_follow(struct ui *ui)
{
	for (int i = 0; i < ui->n; i++) {
		struct vcpu_view *v = &ui->v[i];
		if (v->slowmo && vmm_state_ended(v->cur.state))
			v->slowmo = false;
		uint64_t merged = v->cur.stats.steps_merged;
		if (merged > v->merged_seen)
			ui_message(ui, "vcpu%d: a step was still pending%s; the new one joined it",
				   i, v->cur.waiting_for == VMM_WAIT_KEY ?
				   " (waiting for a key)" : "");
		v->merged_seen = merged;
	}
}

/* ---- the view ---- */

void commands_focus(struct ui *ui, int i)
{
	if (i < 0 || i >= ui->n)
		return;
	ui->focus = i;
	if (ui->zoom >= 0)
		ui->zoom = i; /* a zoomed pane follows the focus */
	ui->dirty = true;
}

void commands_focus_move(struct ui *ui, int dir)
{
	commands_focus(ui, (ui->focus + dir + ui->n) % ui->n);
}

void commands_scroll(struct ui *ui, int i, int pages, int rows)
{
	if (ui->lay.too_small || i < 0 || i >= ui->lay.npanes || ui->lay.pane[i].w < 3)
		return;
	const struct rect *r = &ui->lay.pane[i];
	int h = r->h - 2;
	scrollback_scroll(&ui->v[i].scrollback, pages * (h > 2 ? h - 1 : 1) + rows, r->w - 2, h);
	ui->dirty = true;
}

void commands_follow_output(struct ui *ui, int i)
{
	scrollback_follow(&ui->v[i].scrollback);
	ui->dirty = true;
}

void commands_zoom(struct ui *ui, bool side)
{
	if (side)
		ui->zoom = ui->zoom == SCREEN_LAYOUT_ZOOM_SIDE ? SCREEN_LAYOUT_NO_ZOOM
							       : SCREEN_LAYOUT_ZOOM_SIDE;
	else
		ui->zoom = ui->zoom >= 0 ? SCREEN_LAYOUT_NO_ZOOM : ui->focus;
	ui->dirty = true;
}

void commands_panel_toggle(struct ui *ui)
{
	ui->want_side = !ui->want_side;
	if (!ui->want_side && ui->zoom == SCREEN_LAYOUT_ZOOM_SIDE)
		ui->zoom = SCREEN_LAYOUT_NO_ZOOM;
	ui->dirty = true;
}
