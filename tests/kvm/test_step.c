/* test_step.c — pause, single-step, resume through the control API on guests/real/
 * steps.asm: every step moves RIP by exactly that instruction's length and changes the
 * registers the instruction names; stepping an OUT prints its byte; resume runs on.
 */
#include "kvm_util.h"

struct want_step {
	uint64_t steps;
};

static bool stepped(const struct vmm_snapshot *s, void *arg)
{
	struct want_step *w = arg;
	return s->state == VMM_STATE_PAUSED && s->stats.steps == w->steps;
}

int main(void)
{
	const char *names[] = { "steps" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_pause(vmm, 0);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 5));
	CHECK_EQ(s.regs.rip, 0);
	CHECK_EQ(s.mode, VMM_MODE_REAL);
	CHECK_EQ(s.code_len, 16);
	CHECK_EQ(s.code[0], 0xB8); /* mov ax, 1 */

	/* rip after each step, and the register that step changed */
	static const struct { uint64_t rip, rax, rcx; } want[] = {
		{ 0x03, 1, 0 }, { 0x04, 2, 0 }, { 0x07, 7, 0 }, { 0x09, 7, 7 },
		{ 0x0C, 7, 7 }, { 0x0E, 7, 7 }, { 0x10, 1, 7 }, { 0x11, 1, 7 },
		{ 0x00, 1, 7 },
	};
	char out[256];
	size_t len = 0;
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct want_step w = { i + 1 };
		CHECK_EQ(vmm_step(vmm, 0, 1), 0);
		if (!wait_snapshot(vmm, 0, stepped, &w, &s, 5)) {
			fprintf(stderr, "step %u did not complete (state %s)\n", i + 1,
				vmm_state_name(s.state));
			HARNESS_END();
		}
		CHECK_EQ(s.regs.rip, want[i].rip);
		CHECK_EQ(s.regs.rax & 0xFFFF, want[i].rax);
		CHECK_EQ(s.regs.rcx & 0xFFFF, want[i].rcx);
		len = collect(vmm, 0, out, len, sizeof(out));
		CHECK_EQ(len, i >= 7 ? 1 : 0); /* the '.' appears with the OUT step, once */
	}
	CHECK_STR(out, ".");
	CHECK_CONTAINS(s.last_exit_text, "single step");

	/* resume: dots flow again; pause: it stops inside the loop */
	vmm_resume(vmm, 0);
	double end = now_s() + 5;
	while (len < 20 && now_s() < end)
		len = collect(vmm, 0, out, len, sizeof(out));
	CHECK(len >= 20);
	vmm_pause(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 5));
	CHECK(s.regs.rip < 0x13);
	vmm_stop(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, has_ended, NULL, &s, 5));
	CHECK_EQ(s.state, VMM_STATE_STOPPED);
	vmm_destroy(vmm);
	HARNESS_END();
}
