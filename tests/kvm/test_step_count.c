/* test_step_count.c — "step N" runs exactly N instructions: N single steps and one
 * step of N end at the same place with the same registers, and the step counter says N.
 * A paused vCPU publishes nothing new however often its snapshot is read (reading never
 * disturbs a vCPU).
 */
#include "kvm_util.h"

static bool steps_are(const struct vmm_snapshot *s, void *arg)
{
	return s->state == VMM_STATE_PAUSED && s->stats.steps == (uint64_t)(long)arg;
}

static struct vmm_snapshot run_steps(unsigned n, bool one_by_one)
{
	const char *names[] = { "steps" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_pause(vmm, 0);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 10));
	if (one_by_one) {
		for (unsigned k = 1; k <= n; k++) {
			CHECK_EQ(vmm_step(vmm, 0, 1), 0);
			CHECK(wait_snapshot(vmm, 0, steps_are, (void *)(long)k, &s, 10));
		}
	} else {
		CHECK_EQ(vmm_step(vmm, 0, n), 0);
		CHECK(wait_snapshot(vmm, 0, steps_are, (void *)(long)n, &s, 10));
	}
	/* reading a paused vCPU many times publishes nothing */
	uint64_t seq = s.seq;
	for (int k = 0; k < 1000; k++)
		vmm_snapshot(vmm, 0, &s);
	CHECK_EQ(s.seq, seq);
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
	return s;
}

int main(void)
{
	for (unsigned n = 1; n <= 23; n += 11) {
		struct vmm_snapshot a = run_steps(n, true), b = run_steps(n, false);
		CHECK_EQ(a.stats.steps, n);
		CHECK_EQ(b.stats.steps, n);
		CHECK_EQ(a.regs.rip, b.regs.rip);
		CHECK_EQ(a.regs.rax, b.regs.rax);
		CHECK_EQ(a.regs.rcx, b.regs.rcx);
		CHECK_EQ(a.stats.out_bytes, b.stats.out_bytes);
		CHECK_EQ(b.stats.out_bytes, n / 9); /* one '.' per lap of 9 instructions */
	}
	HARNESS_END();
}
