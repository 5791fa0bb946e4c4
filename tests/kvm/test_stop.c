/* test_stop.c — stop works within 0.5 s on a guest spinning forever (jmp $) and on one
 * halted with interrupts off (cli; hlt with the in-kernel irqchip): the signal kick. A
 * paused vCPU and one waiting for input burn no CPU.
 */
#include "kvm_util.h"

static void stop_within(const char *guest)
{
	const char *names[] = { guest };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_RUNNING, &s, 5));
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	nanosleep(&ts, NULL); /* let it get deep into its loop or halt */
	double t0 = now_s();
	vmm_stop(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, has_ended, NULL, &s, 5));
	double took = now_s() - t0;
	if (took >= 0.5)
		fprintf(stderr, "%s: stop took %.3f s\n", guest, took);
	CHECK(took < 0.5);
	CHECK_EQ(s.state, VMM_STATE_STOPPED);
	vmm_destroy(vmm);
}

static void idle_costs_nothing(const char *guest, enum vmm_run_state want, bool pause)
{
	const char *names[] = { guest };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	if (pause)
		vmm_pause(vmm, 0);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)want, &s, 5));
	double c0 = cpu_s(), t0 = now_s();
	struct timespec ts = { 0, 500 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	double cpu = cpu_s() - c0, wall = now_s() - t0;
	if (cpu > 0.05 * wall)
		fprintf(stderr, "%s %s: %.3f s CPU in %.3f s\n", guest, vmm_state_name(want), cpu, wall);
	CHECK(cpu <= 0.05 * wall);
	vmm_stop(vmm, 0);
	vmm_destroy(vmm);
}

int main(void)
{
	stop_within("spin");
	stop_within("cli_hlt");
	idle_costs_nothing("spin", VMM_STATE_PAUSED, true);
	idle_costs_nothing("echo", VMM_STATE_WAITING, false);
	HARNESS_END();
}
