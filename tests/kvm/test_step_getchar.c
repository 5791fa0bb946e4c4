/* test_step_getchar.c — a step over a GETCHAR `in` that has to wait for its key is one
 * instruction: it ends when the `in` completes (AL = the key, RIP just past the `in`) and
 * nothing after it runs. Step requests made while that step waits are merged into it,
 * and counted. Fails if the VMM does not finish the `in` before pausing (RIP would still
 * point at it and AL would not hold the key).
 */
#include "kvm_util.h"

static bool steps_are(const struct vmm_snapshot *s, void *arg)
{
	return s->state == VMM_STATE_PAUSED && s->stats.steps == (uint64_t)(long)arg;
}

static bool waits_for_key(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return s->state == VMM_STATE_WAITING && s->regs_valid;
}

static bool paused_in_wait(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return s->state == VMM_STATE_PAUSED && s->waiting_for == VMM_WAIT_KEY;
}

static bool step_waits(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return s->state == VMM_STATE_WAITING && s->steps_left == 1;
}

/* The length of the `in` at RIP: EC (in al, dx) or E4 ib (in al, imm8). */
static unsigned in_length(const struct vmm_snapshot *s)
{
	CHECK(s->code_len > 0 && (s->code[0] == 0xEC || s->code[0] == 0xE4));
	return s->code[0] == 0xE4 ? 2 : 1;
}

static void step_over_wait(bool pause_first, unsigned extra_steps)
{
	const char *names[] = { "echo" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, waits_for_key, NULL, &s, 10));
	if (pause_first) { /* the monitor's F6 then F7 */
		vmm_pause(vmm, 0);
		CHECK(wait_snapshot(vmm, 0, paused_in_wait, NULL, &s, 10));
	}
	uint64_t rip = s.regs.rip;
	unsigned len = in_length(&s);
	CHECK_EQ(vmm_step(vmm, 0, 1), 0);
	CHECK(wait_snapshot(vmm, 0, step_waits, NULL, &s, 10));
	for (unsigned k = 0; k < extra_steps; k++)
		CHECK_EQ(vmm_step(vmm, 0, 1), 0);
	CHECK_EQ(s.stats.steps, 0);
	CHECK_EQ(vmm_write_input(vmm, 0, "k", 1), 1);
	CHECK(wait_snapshot(vmm, 0, steps_are, (void *)1L, &s, 10));
	CHECK_EQ(s.regs.rip, rip + len);       /* exactly the `in`, nothing after it */
	CHECK_EQ(s.regs.rax & 0xFF, 'k');      /* and the `in` has completed */
	CHECK_EQ(s.stats.steps_merged, extra_steps);
	CHECK_EQ(s.waiting_for, VMM_WAIT_NONE);
	CHECK_EQ(s.last_exit.hypercall, HC_GETCHAR);
	CHECK(s.last_exit.flags & VMM_EXITF_WAITED);
	/* the next step runs the next instruction only */
	CHECK_EQ(vmm_step(vmm, 0, 1), 0);
	CHECK(wait_snapshot(vmm, 0, steps_are, (void *)2L, &s, 10));
	CHECK(s.regs.rip > rip + len && s.regs.rip <= rip + len + 4);
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

/* A key typed while paused inside the wait stays queued; the step then takes it. */
static void key_while_paused(void)
{
	const char *names[] = { "echo" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, waits_for_key, NULL, &s, 10));
	vmm_pause(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, paused_in_wait, NULL, &s, 10));
	uint64_t rip = s.regs.rip;
	unsigned len = in_length(&s);
	CHECK_EQ(vmm_write_input(vmm, 0, "z", 1), 1);
	CHECK_EQ(vmm_input_queued(vmm, 0), 1);
	CHECK_EQ(vmm_step(vmm, 0, 1), 0);
	CHECK(wait_snapshot(vmm, 0, steps_are, (void *)1L, &s, 10));
	CHECK_EQ(s.regs.rip, rip + len);
	CHECK_EQ(s.regs.rax & 0xFF, 'z');
	CHECK_EQ(vmm_input_queued(vmm, 0), 0);
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

int main(void)
{
	step_over_wait(true, 0);
	step_over_wait(false, 7); /* F7 while running into the wait, then 7 more presses */
	key_while_paused();
	HARNESS_END();
}
