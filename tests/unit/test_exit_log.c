/* test_exit_log.c — the per-vCPU flight recorder of exits (vmm/exit_log.h): reading
 * from a sequence number, the newest N, wrap-around with "lost" counted, and a writer
 * and a reader on two threads where the reader must never see a torn or reordered
 * record (run under ThreadSanitizer by make tsan). No /dev/kvm needed.
 */
#include <pthread.h>

#include "../harness.h"
#include "../../vmm/exit_log.h"

#define STRESS_RECORDS 2000000

static struct exit_log log_;

static struct vmm_exit_record rec(uint64_t seq)
{
	return (struct vmm_exit_record){ .time_ns = seq, .rip = seq * 3, .addr = seq ^ 0x5555,
					 .value = ~seq, .round_trip_ns = (uint32_t)seq,
					 .reason = (uint8_t)(seq % VMM_EXIT__COUNT) };
}

static bool consistent(const struct vmm_exit_record *r)
{
	uint64_t s = r->time_ns;
	return r->rip == s * 3 && r->addr == (s ^ 0x5555) && r->value == ~s &&
	       r->round_trip_ns == (uint32_t)s && r->reason == s % VMM_EXIT__COUNT;
}

static void basics(void)
{
	static struct vmm_exit_record out[EXIT_LOG_SLOTS];
	memset(&log_, 0, sizeof(log_));
	uint64_t from = 0, lost = 99;
	CHECK_EQ(exit_log_read(&log_, &from, out, 8, &lost), 0);
	CHECK_EQ(lost, 0);
	for (uint64_t s = 0; s < 10; s++) {
		struct vmm_exit_record r = rec(s);
		exit_log_append(&log_, &r);
	}
	CHECK_EQ(exit_log_read(&log_, &from, out, 4, &lost), 4); /* the oldest 4 first */
	CHECK_EQ(out[0].time_ns, 0);
	CHECK_EQ(out[3].time_ns, 3);
	CHECK_EQ(from, 4);
	CHECK_EQ(lost, 0);
	from = exit_log_next(&log_) - 2; /* the newest 2 */
	CHECK_EQ(exit_log_read(&log_, &from, out, 8, &lost), 2);
	CHECK_EQ(out[0].time_ns, 8);
	CHECK_EQ(out[1].time_ns, 9);
	CHECK_EQ(from, 10);
	CHECK_EQ(exit_log_read(&log_, &from, out, 4, &lost), 0);
	/* wrap: 3 rings' worth more; reading from 10 gives the last SLOTS, the rest are lost */
	const uint64_t total = 10 + 3 * EXIT_LOG_SLOTS;
	for (uint64_t s = 10; s < total; s++) {
		struct vmm_exit_record r = rec(s);
		exit_log_append(&log_, &r);
	}
	size_t n = exit_log_read(&log_, &from, out, EXIT_LOG_SLOTS, &lost);
	CHECK_EQ(n, EXIT_LOG_SLOTS);
	CHECK_EQ(out[0].time_ns, total - EXIT_LOG_SLOTS);
	CHECK_EQ(out[n - 1].time_ns, total - 1);
	CHECK_EQ(lost, total - 10 - EXIT_LOG_SLOTS);
	for (size_t k = 0; k < n; k++)
		CHECK(consistent(&out[k]));
}

static void *writer(void *arg)
{
	(void)arg;
	for (uint64_t s = 0; s < STRESS_RECORDS; s++) {
		struct vmm_exit_record r = rec(s);
		exit_log_append(&log_, &r);
	}
	return NULL;
}

static void stress(void)
{
	static struct vmm_exit_record out[EXIT_LOG_SLOTS];
	memset(&log_, 0, sizeof(log_));
	pthread_t t;
	pthread_create(&t, NULL, writer, NULL);
	uint64_t from = 0, seen = 0, lost_total = 0, expect = 0;
	int bad = 0;
	while (expect < STRESS_RECORDS && !bad) {
		uint64_t lost;
		size_t n = exit_log_read(&log_, &from, out, EXIT_LOG_SLOTS, &lost);
		expect += lost;
		lost_total += lost;
		for (size_t k = 0; k < n && !bad; k++) {
			if (!consistent(&out[k]) || out[k].time_ns != expect) {
				fprintf(stderr, "record %zu: seq %llu, expected %llu, consistent %d\n", k,
					(unsigned long long)out[k].time_ns, (unsigned long long)expect,
					consistent(&out[k]));
				bad = 1;
			}
			expect++;
		}
		seen += n;
	}
	pthread_join(t, NULL);
	CHECK(!bad);
	CHECK_EQ(seen + lost_total, STRESS_RECORDS);
}

int main(void)
{
	basics();
	stress();
	HARNESS_END();
}
