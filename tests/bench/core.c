/* core.c — timings of the vCPU control core for `make bench`, through vmm.h: slow motion
 * at 50 steps/s (the rate must not depend on who draws), how long a stop takes on a
 * spinning and on a `cli; hlt` guest, and the CPU a paused or input-waiting vCPU burns.
 * These are rates and latencies, so they live here and never in the tests.
 * Usage: core BUILD_DIR  — prints "key=value" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../../vmm/vmm.h"

static char path[512];

static double now_s(void)
{
	return (double)vmm_clock_ns() / 1e9;
}

static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

static void nap(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
	nanosleep(&ts, NULL);
}

static struct vmm *guest(const char *b, const char *name, bool paused)
{
	struct vmm_config cfg;
	char err[VMM_ERROR_LEN];
	struct vmm *vmm;
	memset(&cfg, 0, sizeof(cfg));
	snprintf(path, sizeof(path), "%s/guests/%s.bin", b, name);
	cfg.images[0] = path;
	cfg.nimages = 1;
	if (vmm_create(&cfg, &vmm, err)) {
		fprintf(stderr, "core: %s\n", err);
		exit(1);
	}
	if (paused)
		vmm_pause(vmm, 0);
	vmm_start(vmm);
	return vmm;
}

/* Poll (never sleep blindly) until the state is reached; gives up after 10 s. */
static bool reach(struct vmm *vmm, enum vmm_run_state want, struct vmm_snapshot *s)
{
	double end = now_s() + 10;
	do {
		vmm_snapshot(vmm, 0, s);
		if (s->state == want)
			return true;
		nap(0.0005);
	} while (now_s() < end);
	return false;
}

static void slowmo(const char *b, unsigned rate, double seconds)
{
	struct vmm *vmm = guest(b, "steps", true);
	struct vmm_snapshot s;
	reach(vmm, VMM_STATE_PAUSED, &s);
	vmm_set_slowmo(vmm, 0, rate);
	nap(0.5); /* settle */
	vmm_snapshot(vmm, 0, &s);
	uint64_t s0 = s.stats.steps;
	double t0 = now_s();
	nap(seconds);
	vmm_snapshot(vmm, 0, &s);
	double t1 = now_s();
	printf("slowmo_target=%u slowmo_rate=%.1f\n", rate, (double)(s.stats.steps - s0) / (t1 - t0));
	vmm_destroy(vmm);
}

static void stop_latency(const char *b, const char *name)
{
	struct vmm *vmm = guest(b, name, false);
	struct vmm_snapshot s;
	reach(vmm, VMM_STATE_RUNNING, &s);
	nap(0.1);
	double t0 = now_s();
	vmm_stop(vmm, 0);
	reach(vmm, VMM_STATE_STOPPED, &s);
	printf("stop_%s_ms=%.3f\n", name, (now_s() - t0) * 1e3);
	vmm_destroy(vmm);
}

static void idle_cpu(const char *b, const char *name, enum vmm_run_state want, bool paused)
{
	struct vmm *vmm = guest(b, name, paused);
	struct vmm_snapshot s;
	reach(vmm, want, &s);
	double c0 = cpu_s(), t0 = now_s();
	nap(1.0);
	printf("idle_%s_cpu_pct=%.2f\n", vmm_state_name(want)[0] == 'p' ? "paused" : "waiting",
	       100.0 * (cpu_s() - c0) / (now_s() - t0));
	vmm_destroy(vmm);
}

int main(int argc, char **argv)
{
	const char *b = argc > 1 ? argv[1] : "build";
	slowmo(b, 50, 4.0);
	stop_latency(b, "spin");
	stop_latency(b, "cli_hlt");
	idle_cpu(b, "spin", VMM_STATE_PAUSED, true);
	idle_cpu(b, "echo", VMM_STATE_WAITING, false);
	return 0;
}
