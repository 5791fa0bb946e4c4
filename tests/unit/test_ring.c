/* test_ring.c — the SPSC byte ring: empty, full, full minus one, indices that wrap past
 * UINT32_MAX, and a two-thread stress of 10^7 sequence-numbered bytes (run under TSan
 * by `make tsan`), in the manner of DPDK's test_ring.
 */
#include <pthread.h>

#include "../harness.h"
#include "../../vmm/ring.h"

#define STRESS_ITEMS 10000000u

static struct ring stress_ring;
static uint8_t stress_buf[1024];

static void basic(uint32_t start)
{
	struct ring r;
	uint8_t buf[8], out[16];
	ring_init(&r, buf, sizeof(buf));
	ring_reset_at(&r, start);
	CHECK(ring_empty(&r));
	CHECK_EQ(ring_pop(&r, out, sizeof(out)), 0);
	CHECK_EQ(ring_push(&r, "abcdefg", 7), 7); /* full minus one */
	CHECK_EQ(ring_count(&r), 7);
	CHECK_EQ(ring_push(&r, "hij", 3), 1);     /* only one slot left */
	CHECK_EQ(ring_count(&r), 8);
	CHECK_EQ(ring_push(&r, "x", 1), 0);       /* full */
	CHECK_EQ(ring_pop(&r, out, 3), 3);
	CHECK(memcmp(out, "abc", 3) == 0);
	CHECK_EQ(ring_push(&r, "klm", 3), 3);     /* wraps inside the buffer */
	CHECK_EQ(ring_pop(&r, out, sizeof(out)), 8);
	CHECK(memcmp(out, "defghklm", 8) == 0);
	CHECK(ring_empty(&r));
}

static void *producer(void *arg)
{
	(void)arg;
	for (uint32_t i = 0; i < STRESS_ITEMS;) {
		uint8_t chunk[64];
		uint32_t n = STRESS_ITEMS - i < 64 ? STRESS_ITEMS - i : 64;
		for (uint32_t k = 0; k < n; k++)
			chunk[k] = (uint8_t)(i + k);
		i += (uint32_t)ring_push(&stress_ring, chunk, n);
	}
	return NULL;
}

static void stress(void)
{
	ring_init(&stress_ring, stress_buf, sizeof(stress_buf));
	ring_reset_at(&stress_ring, UINT32_MAX - 5000); /* wrap while under load */
	pthread_t t;
	pthread_create(&t, NULL, producer, NULL);
	uint32_t expect = 0, bad = 0;
	while (expect < STRESS_ITEMS) {
		uint8_t chunk[100];
		size_t n = ring_pop(&stress_ring, chunk, sizeof(chunk));
		for (size_t k = 0; k < n; k++, expect++)
			if (chunk[k] != (uint8_t)expect)
				bad++;
	}
	pthread_join(t, NULL);
	CHECK_EQ(bad, 0);
	CHECK(ring_empty(&stress_ring));
}

int main(void)
{
	basic(0);
	basic(UINT32_MAX - 2);
	basic(UINT32_MAX);
	stress();
	HARNESS_END();
}
