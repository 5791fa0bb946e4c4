/* test_exit_totals.c — the exit counters add up: the total is the sum of the rows by
 * reason, whatever kicks (pauses, resumes, snapshot refreshes) happened, and kicks are
 * counted apart. The exit log holds the same exits, in order, with increasing times.
 */
#include "kvm_util.h"

static bool printed(const struct vmm_snapshot *s, void *arg)
{
	return s->stats.out_bytes >= (uint64_t)(long)arg;
}

static void putchar_totals(void)
{
	const char *names[] = { "steps" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	char out[4096];
	size_t len = 0;
	for (int round = 0; round < 5; round++) {
		vmm_pause(vmm, 0);
		CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 10));
		vmm_resume(vmm, 0);
		len = collect(vmm, 0, out, len % 2048, sizeof(out));
		CHECK(wait_snapshot(vmm, 0, printed, (void *)(long)(s.stats.out_bytes + 20), &s, 10));
	}
	vmm_pause(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 10));
	uint64_t sum = 0;
	for (int r = 0; r < VMM_EXIT__COUNT; r++)
		sum += s.stats.by_reason[r];
	CHECK_EQ(sum, s.stats.exits);
	CHECK_EQ(s.stats.by_reason[VMM_EXIT_HYPERCALL], s.stats.exits);
	CHECK_EQ(s.stats.by_hypercall[HC_PUTCHAR], s.stats.out_bytes);

	static struct vmm_exit_record log[VMM_EXIT_LOG];
	uint64_t from = 0, lost = 0;
	size_t n = vmm_exit_log(vmm, 0, &from, log, VMM_EXIT_LOG, &lost);
	CHECK_EQ(n + lost, s.stats.exits);
	CHECK_EQ(from, s.stats.exits);
	for (size_t k = 0; k < n; k++) {
		CHECK_EQ(log[k].reason, VMM_EXIT_HYPERCALL);
		CHECK_EQ(log[k].hypercall, HC_PUTCHAR);
		CHECK_EQ(log[k].value, '.');
		CHECK_EQ(log[k].addr, HC_PORT);
		CHECK_EQ(log[k].rip, 0x10); /* the `out dx, al` of steps.asm (at the OUT, not after it) */
		if (k)
			CHECK(log[k].time_ns >= log[k - 1].time_ns);
	}
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

/* A guest that never exits: every pause needs a kick, and kicks are not exits. */
static void kicks_apart(void)
{
	const char *names[] = { "spin" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	for (int round = 0; round < 5; round++) {
		CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_RUNNING, &s, 10));
		vmm_pause(vmm, 0);
		CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 10));
		vmm_resume(vmm, 0);
	}
	CHECK(s.stats.kicks >= 5);
	CHECK_EQ(s.stats.exits, 0);
	for (int r = 0; r < VMM_EXIT__COUNT; r++)
		CHECK_EQ(s.stats.by_reason[r], 0);
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

int main(void)
{
	putchar_totals();
	kicks_apart();
	HARNESS_END();
}
