/* test_step_race.c — the first step right after start on a vCPU paused beforehand must
 * run exactly one instruction, however the step request's own kick and the thread's
 * start interleave (a late kick once cut KVM_RUN short and a step ran nothing).
 */
#include "kvm_util.h"

#define ROUNDS 100

static bool first_step_done(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return s->state == VMM_STATE_PAUSED && s->stats.steps == 1;
}

int main(void)
{
	const char *names[] = { "steps", "hello" };
	for (int round = 0; round < ROUNDS; round++) {
		struct vmm *vmm = start_guests(2, names, 0);
		struct vmm_snapshot s;
		vmm_pause(vmm, 0);
		vmm_pause(vmm, 1);
		vmm_start(vmm);
		CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 5));
		CHECK_EQ(vmm_step(vmm, 0, 1), 0);
		CHECK(wait_snapshot(vmm, 0, first_step_done, NULL, &s, 5));
		if (s.regs.rip != 3)
			fprintf(stderr, "round %d: step 1 left rip=0x%llx (last exit: %s)\n", round,
				(unsigned long long)s.regs.rip, s.last_exit_text);
		CHECK_EQ(s.regs.rip, 3); /* mov ax, 1 is 3 bytes */
		vmm_destroy(vmm);
		if (harness_failures)
			break;
	}
	HARNESS_END();
}
