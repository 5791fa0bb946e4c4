/* test_input.c — each vCPU has its own keyboard queue: two echo guests side by side,
 * different input to each, and each echoes only its own; end of input ends both. A
 * vCPU waiting for a key can be paused at once and goes back to waiting on resume.
 */
#include "kvm_util.h"

static void pause_while_waiting(void)
{
	const char *names[] = { "echo" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_WAITING, &s, 5));
	vmm_pause(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 5));
	vmm_write_input(vmm, 0, "x\n", 2); /* typed while paused: kept for later */
	vmm_resume(vmm, 0);
	char out[1024] = "";
	size_t len = 0;
	double end = now_s() + 5;
	while (!strstr(out, "echo: x") && now_s() < end)
		len = collect(vmm, 0, out, len, sizeof(out));
	CHECK_CONTAINS(out, "echo: x");
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_WAITING, &s, 5));
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

int main(void)
{
	pause_while_waiting();
	const char *names[] = { "echo", "echo" };
	struct vmm *vmm = start_guests(2, names, 0);
	vmm_start(vmm);
	vmm_write_input(vmm, 0, "apple\n", 6);
	vmm_write_input(vmm, 1, "banana\n", 7);
	vmm_close_input(vmm, 0);
	vmm_close_input(vmm, 1);
	char out[2][4096];
	size_t len[2] = { 0, 0 };
	double end = now_s() + 10;
	while (!vmm_finished(vmm) && now_s() < end)
		for (int i = 0; i < 2; i++)
			len[i] = collect(vmm, i, out[i], len[i], sizeof(out[i]));
	for (int i = 0; i < 2; i++)
		len[i] = collect(vmm, i, out[i], len[i], sizeof(out[i]));
	CHECK(vmm_finished(vmm));
	CHECK_CONTAINS(out[0], "apple");
	CHECK(!strstr(out[0], "banana"));
	CHECK_CONTAINS(out[1], "banana");
	CHECK(!strstr(out[1], "apple"));
	CHECK(!vmm_any_faulted(vmm));
	vmm_destroy(vmm);
	HARNESS_END();
}
