/* test_breakpoints.c — breakpoints stop only their own vCPU, exactly where and as often
 * as they should: an execution breakpoint in a loop of 5 laps hits 5 times with RIP at
 * its address each time, and a resume runs the instruction under it once (nothing
 * refires); more than 4 address breakpoints fall back to single-stepping; a write
 * watchpoint stops right after the write; breakpoints on a hypercall, a port and a fault;
 * "until exit" stops after the next exit. Guest: guests/real/breaks.asm.
 */
#include "kvm_util.h"

#define LAP 0x10020ULL     /* linear address of breaks.asm's loop (0x1000:0020) */
#define COUNTER 0x10010ULL /* its counter word */

static bool stopped(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return (s->state == VMM_STATE_PAUSED && s->break_hit != -1) || vmm_state_ended(s->state);
}

static struct vmm *breaks_guest(const struct vmm_breakpoint *bp, int n)
{
	const char *names[] = { "breaks" };
	struct vmm *vmm = start_guests(1, names, 0);
	CHECK_EQ(vmm_set_breakpoints(vmm, 0, bp, n), 0);
	vmm_start(vmm);
	return vmm;
}

/* Resume after each stop; returns how many stops, checking each with check(). */
static int run_to_end(struct vmm *vmm, void (*check)(const struct vmm_snapshot *, int), char *out)
{
	struct vmm_snapshot s;
	size_t len = 0;
	int stops = 0;
	for (;;) {
		if (!wait_snapshot(vmm, 0, stopped, NULL, &s, 20)) {
			fprintf(stderr, "no stop and no end (state %s)\n", vmm_state_name(s.state));
			CHECK(false);
			break;
		}
		len = collect(vmm, 0, out, len, 256);
		if (vmm_state_ended(s.state))
			break;
		stops++;
		check(&s, stops);
		CHECK_EQ(strlen(out), (size_t)stops - 1); /* one digit per lap before this stop */
		CHECK_EQ(vmm_resume(vmm, 0), 0);
		CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_RUNNING, &s, 20) ||
		      s.break_hit != -1 || vmm_state_ended(s.state));
		if (stops > 10)
			break;
	}
	collect(vmm, 0, out, len, 256);
	CHECK_EQ(s.state, VMM_STATE_EXITED);
	return stops;
}

static void at_lap(const struct vmm_snapshot *s, int stop)
{
	CHECK_EQ(s->regs.rip, LAP - 0x10000);
	CHECK_EQ(s->break_hit, 0);
	CHECK_EQ(s->break_hits[0], (uint32_t)stop);
}

static void exec_breakpoint(void)
{
	struct vmm_breakpoint bp = { VMM_BREAK_ADDR, LAP, 0, 0 };
	struct vmm *vmm = breaks_guest(&bp, 1);
	char out[256] = "";
	CHECK_EQ(run_to_end(vmm, at_lap, out), 5);
	CHECK_STR(out, "12345\n");
	/* the debug registers where the host's catch execution (the probe says), else
	 * single-stepping; the hits above are the same either way */
	struct vmm_snapshot s;
	vmm_snapshot(vmm, 0, &s);
	bool hw = !strstr(vmm_host_line_wait(vmm), "no hardware breakpoints");
	CHECK_EQ(s.break_method, hw ? VMM_BREAKS_DEBUGREGS : VMM_BREAKS_STEPPING);
	printf("execution breakpoints by %s\n", hw ? "debug registers" : "single-stepping");
	vmm_destroy(vmm);
}

/* Six address breakpoints: more than the debug registers hold. */
static void stepping_fallback(void)
{
	struct vmm_breakpoint bp[6];
	for (int i = 0; i < 6; i++)
		bp[i] = (struct vmm_breakpoint){ VMM_BREAK_ADDR, 0x10100 + (uint64_t)i, 0, 0 };
	bp[5].addr = LAP;
	struct vmm *vmm = breaks_guest(bp, 6);
	char out[256] = "";
	struct vmm_snapshot s;
	CHECK(wait_snapshot(vmm, 0, stopped, NULL, &s, 20));
	CHECK_EQ(s.break_method, VMM_BREAKS_STEPPING);
	CHECK_EQ(s.break_hit, 5);
	CHECK_EQ(s.regs.rip, LAP - 0x10000);
	CHECK(s.stats.break_steps > 0);
	vmm_set_breakpoints(vmm, 0, NULL, 0);
	vmm_resume(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, has_ended, NULL, &s, 20));
	collect(vmm, 0, out, 0, sizeof(out));
	CHECK_STR(out, "12345\n");
	vmm_destroy(vmm);
}

static void after_write(const struct vmm_snapshot *s, int stop)
{
	/* stopped right after `inc word [counter]`: the counter holds the lap's number */
	CHECK_EQ(s->regs.rip, LAP - 0x10000 + 4);
	CHECK_EQ(s->break_hits[0], (uint32_t)stop);
}

static void watchpoint(void)
{
	struct vmm_breakpoint bp = { VMM_BREAK_WATCH, COUNTER, 2, 0 };
	struct vmm *vmm = breaks_guest(&bp, 1);
	char out[256] = "";
	CHECK_EQ(run_to_end(vmm, after_write, out), 5);
	CHECK_STR(out, "12345\n");
	vmm_destroy(vmm);
}

static void on_putchar(const struct vmm_snapshot *s, int stop)
{
	(void)stop;
	CHECK_EQ(s->last_exit.hypercall, HC_PUTCHAR);
	CHECK(s->last_exit.flags & VMM_EXITF_BREAK);
}

static void events(void)
{
	struct vmm_breakpoint bp = { VMM_BREAK_HYPERCALL, 0, 0, HC_PUTCHAR };
	struct vmm *vmm = breaks_guest(&bp, 1);
	char out[256] = "";
	/* 6 PUTCHARs: 5 digits and the newline; each stop comes after its byte is out */
	struct vmm_snapshot s;
	int stops = 0;
	size_t len = 0;
	while (wait_snapshot(vmm, 0, stopped, NULL, &s, 20) && !vmm_state_ended(s.state)) {
		on_putchar(&s, ++stops);
		len = collect(vmm, 0, out, len, sizeof(out));
		CHECK_EQ(len, (size_t)stops);
		vmm_resume(vmm, 0);
		wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_RUNNING, &s, 5);
		if (stops > 10)
			break;
	}
	CHECK_EQ(stops, 6);
	vmm_destroy(vmm);

	/* port breakpoint on COM1 (counter.bin writes 10 bytes there) */
	const char *names[] = { "counter" };
	vmm = start_guests(1, names, 0);
	struct vmm_breakpoint port = { VMM_BREAK_PORT, 0x3F8, 0, 0 };
	vmm_set_breakpoints(vmm, 0, &port, 1);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, stopped, NULL, &s, 20));
	CHECK_EQ(s.last_exit.reason, VMM_EXIT_COM1);
	CHECK_EQ(s.last_exit.value, '0');
	CHECK_EQ(s.break_hits[0], 1);
	vmm_destroy(vmm);
}

/* A fault stops for a look first; resuming ends the vCPU as the fault would have. */
static void fault_breakpoint(void)
{
	const char *names[] = { "triple" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_breakpoint bp = { VMM_BREAK_FAULT, 0, 0, 0 };
	vmm_set_breakpoints(vmm, 0, &bp, 1);
	vmm_start(vmm);
	struct vmm_snapshot s;
	CHECK(wait_snapshot(vmm, 0, stopped, NULL, &s, 20));
	CHECK_EQ(s.state, VMM_STATE_PAUSED);
	CHECK_EQ(s.break_hit, 0);
	CHECK_EQ(s.last_exit.reason, VMM_EXIT_SHUTDOWN);
	vmm_resume(vmm, 0);
	CHECK(wait_snapshot(vmm, 0, has_ended, NULL, &s, 20));
	CHECK_EQ(s.state, VMM_STATE_FAULTED);
	CHECK_CONTAINS(s.error, "triple fault");
	vmm_destroy(vmm);
}

static bool exits_are(const struct vmm_snapshot *s, void *arg)
{
	return stopped(s, NULL) && s->stats.exits == (uint64_t)(long)arg;
}

/* "until exit": run to the next exit, stop there, for each exit it meets. */
static void until_exit(void)
{
	const char *names[] = { "counter" };
	struct vmm *vmm = start_guests(1, names, 0);
	struct vmm_snapshot s;
	vmm_pause(vmm, 0);
	vmm_start(vmm);
	CHECK(wait_snapshot(vmm, 0, state_is, (void *)VMM_STATE_PAUSED, &s, 20));
	for (int k = 0; k < 3; k++) {
		CHECK_EQ(vmm_until_exit(vmm, 0), 0);
		CHECK(wait_snapshot(vmm, 0, exits_are, (void *)(long)(k + 1), &s, 20));
		CHECK_EQ(s.break_hit, VMM_BREAK_HIT_EXIT);
		CHECK_EQ(s.last_exit.reason, VMM_EXIT_COM1);
		CHECK_EQ(s.last_exit.value, (uint64_t)('0' + k));
		CHECK_EQ(s.stats.exits, (uint64_t)k + 1);
		/* the instruction that exited, for the explanation: counter.asm's `out dx, al` */
		CHECK_EQ(s.exit_code_len, 16);
		CHECK_EQ(s.exit_code[0], 0xEE);
		CHECK_EQ(s.exit_code_addr, 0x10000 + s.last_exit.rip);
	}
	vmm_destroy(vmm);
}

int main(void)
{
	exec_breakpoint();
	stepping_fallback();
	watchpoint();
	events();
	fault_breakpoint();
	until_exit();
	HARNESS_END();
}
