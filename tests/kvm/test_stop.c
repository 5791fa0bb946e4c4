/* test_stop.c — stop ends a guest spinning forever (jmp $), one halted with interrupts
 * off (cli; hlt with the in-kernel irqchip: only the signal kick reaches it), a paused
 * one and one waiting for input. How fast, and how little CPU an idle vCPU burns, is
 * measured by `make bench` (tests/bench/core.c), not asserted here.
 */
#include <errno.h>

#include "kvm_util.h"

static void stop_from(const char *guest, enum vmm_run_state want, bool pause)
{
	const char *names[] = { guest };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	if (pause)
		vmm_pause(vmm, 0);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)want, &s, 10));
	CHECK_EQ(vmm_stop(vmm, 0), 0);
	CHECK(wait_snapshot(vmm, 0, has_ended, NULL, &s, 10));
	CHECK_EQ(s.state, VMM_STATE_STOPPED);
	CHECK(vmm_finished(vmm));
	CHECK_EQ(vmm_stop(vmm, 0), -EINVAL); /* an ended vCPU takes no more commands */
	vmm_destroy(vmm);
}

int main(void)
{
	stop_from("spin", VMM_STATE_RUNNING, false);
	stop_from("cli_hlt", VMM_STATE_RUNNING, false);
	stop_from("spin", VMM_STATE_PAUSED, true);
	stop_from("echo", VMM_STATE_WAITING, false);
	HARNESS_END();
}
