/* kvm_util.h — helpers for the KVM tests that drive the core through vmm.h: build a
 * config from guest names, wait (with a deadline, never a fixed sleep) for a snapshot
 * condition, collect a vCPU's output. Header-only.
 */
#ifndef TESTS_KVM_UTIL_H
#define TESTS_KVM_UTIL_H

#include <sys/resource.h>
#include <time.h>

#include "../harness.h"
#include "../../vmm/vmm.h"

static char guest_paths[VMM_MAX_VCPUS][512];

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

/* Create a vmm running the named guests (build/guests/NAME.bin), not started. */
static inline struct vmm *start_guests(int n, const char *const names[], int shared)
{
	harness_need_kvm();
	const char *b = getenv("B") ? getenv("B") : "build";
	struct vmm_config cfg;
	memset(&cfg, 0, sizeof(cfg));
	for (int i = 0; i < n; i++) {
		snprintf(guest_paths[i], sizeof(guest_paths[i]), "%s/guests/%s.bin", b, names[i]);
		cfg.images[i] = guest_paths[i];
	}
	cfg.nimages = n;
	cfg.shared_vcpus = shared;
	struct vmm *vmm;
	char err[VMM_ERROR_LEN];
	if (vmm_create(&cfg, &vmm, err) != 0) {
		fprintf(stderr, "vmm_create: %s\n", err);
		exit(1);
	}
	return vmm;
}

typedef bool snap_pred(const struct vmm_snapshot *s, void *arg);

/* Poll the snapshot until pred holds or timeout_s passes; returns whether it held. */
static inline bool wait_snapshot(struct vmm *vmm, int vcpu, snap_pred *pred, void *arg,
				 struct vmm_snapshot *s, double timeout_s)
{
	double end = now_s() + timeout_s;
	do {
		vmm_snapshot(vmm, vcpu, s);
		if (pred(s, arg))
			return true;
		struct timespec ts = { 0, 1000000 };
		nanosleep(&ts, NULL);
	} while (now_s() < end);
	return false;
}

static inline bool state_is(const struct vmm_snapshot *s, void *arg)
{
	return s->state == (enum vmm_run_state)(long)arg;
}

static inline bool has_ended(const struct vmm_snapshot *s, void *arg)
{
	(void)arg;
	return vmm_state_ended(s->state);
}

/* Append what vcpu printed so far to buf (NUL-terminated). */
static inline size_t collect(struct vmm *vmm, int vcpu, char *buf, size_t len, size_t cap)
{
	len += vmm_read_output(vmm, vcpu, buf + len, cap - 1 - len);
	buf[len] = '\0';
	return len;
}

#endif
