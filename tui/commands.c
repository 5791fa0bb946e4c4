/* commands.c — the vCPU commands behind the monitor keys. vmm.h does the work (a flag and
 * a kick to the vCPU thread); here we only pick levels, keep slow motion's timer and say
 * in the key bar what happened when a command cannot apply (the guest has ended).
 */
#include "commands.h"

static const unsigned rate_levels[] = { 1,    2,    5,    10,    20,    50,    100,  200,
					500,  1000, 2000, 5000, 10000, 20000, 50000 };
#define NLEVELS ((int)(sizeof(rate_levels) / sizeof(rate_levels[0])))
static const unsigned step_levels[] = { 1, 2, 5, 10, 20, 50 };
#define NSTEP_LEVELS ((int)(sizeof(step_levels) / sizeof(step_levels[0])))

static bool ended(struct ui *ui, int i)
{
	if (!vmm_vcpu_finished(ui->vmm, i))
		return false;
	ui_message(ui, "vcpu%d has ended (%s)", i, vmm_state_name(ui->v[i].cur.state));
	return true;
}

void commands_pause_toggle(struct ui *ui, int i)
{
	if (ended(ui, i))
		return;
	if (ui->v[i].cur.state == VMM_STATE_PAUSED) {
		commands_continue(ui, i);
		return;
	}
	vmm_pause(ui->vmm, i);
	ui_message(ui, "vcpu%d paused: F7 or s steps, F9 or c continues", i);
}

void commands_continue(struct ui *ui, int i)
{
	if (ended(ui, i))
		return;
	ui->v[i].slowmo = false;
	vmm_resume(ui->vmm, i);
	ui_message(ui, "vcpu%d continues", i);
}

void commands_step(struct ui *ui, int i)
{
	if (ended(ui, i))
		return;
	struct vcpu_view *v = &ui->v[i];
	v->slowmo = false;
	vmm_step(ui->vmm, i, 1);
	if (v->cur.state == VMM_STATE_WAITING)
		ui_message(ui, "vcpu%d waits for a key in GETCHAR: the step runs once one comes", i);
	else
		ui_message(ui, "vcpu%d: one instruction", i);
}

void commands_slowmo_toggle(struct ui *ui, int i)
{
	if (ended(ui, i))
		return;
	struct vcpu_view *v = &ui->v[i];
	v->slowmo = !v->slowmo;
	if (v->slowmo) {
		vmm_pause(ui->vmm, i);
		v->next_step_ns = ui->now_ns;
		v->step_target = v->cur.stats.steps;
		ui_message(ui, "vcpu%d in slow motion: %u steps/s (+/- to change, F9 continues)",
			   i, v->step_rate);
	} else {
		ui_message(ui, "vcpu%d: slow motion off (paused)", i);
	}
}

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

void commands_speed(struct ui *ui, int i, int dir)
{
	struct vcpu_view *v = &ui->v[i];
	if (v->slowmo) {
		v->step_rate = step_level(v->step_rate, dir);
		ui_message(ui, "vcpu%d slow motion: %u steps/s", i, v->step_rate);
		return;
	}
	if (ended(ui, i))
		return;
	v->speed = commands_rate_level(v->speed, dir);
	vmm_set_exit_rate(ui->vmm, i, v->speed);
	if (v->speed)
		ui_message(ui, "vcpu%d limited to %u exits/s", i, v->speed);
	else
		ui_message(ui, "vcpu%d at full speed", i);
}

uint64_t commands_tick(struct ui *ui)
{
	uint64_t next = 0;
	for (int i = 0; i < ui->n; i++) {
		struct vcpu_view *v = &ui->v[i];
		if (!v->slowmo)
			continue;
		if (vmm_vcpu_finished(ui->vmm, i)) {
			v->slowmo = false;
			continue;
		}
		/* One step at a time: the next is asked for only once the last has landed. */
		if (ui->now_ns >= v->next_step_ns && v->cur.state == VMM_STATE_PAUSED &&
		    v->cur.stats.steps >= v->step_target) {
			vmm_step(ui->vmm, i, 1);
			v->step_target = v->cur.stats.steps + 1;
			v->next_step_ns = ui->now_ns + 1000000000ULL / v->step_rate;
		}
		/* Due but the last step has not landed: its snapshot will wake the loop. */
		if (v->next_step_ns > ui->now_ns && (!next || v->next_step_ns < next))
			next = v->next_step_ns;
	}
	return next;
}
