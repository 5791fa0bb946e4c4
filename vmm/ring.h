/* ring.h — a lock-free single-producer/single-consumer byte ring, header-only.
 * Indices are free-running uint32 counters (wrap-around is fine: capacity is a power of
 * two and differences are taken modulo 2^32), as in kfifo and xv6's uart. Who produces,
 * who consumes and what happens when full is said where each ring is declared (vcpu.h).
 * Waking a sleeping peer is the caller's business (see vcpu.c's doorbells).
 */
#ifndef VMM_RING_H
#define VMM_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ring {
	/* head: written by the producer only; tail: written by the consumer only. Separate
	 * cache lines so the two threads do not bounce one line (DPDK's rte_ring_core.h). */
	_Alignas(64) _Atomic uint32_t head;
	_Alignas(64) _Atomic uint32_t tail;
	_Alignas(64) uint32_t mask;
	uint8_t *buf;
};

/* capacity must be a power of two; buf must hold capacity bytes. */
static inline void ring_init(struct ring *r, uint8_t *buf, uint32_t capacity)
{
	atomic_store_explicit(&r->head, 0, memory_order_relaxed);
	atomic_store_explicit(&r->tail, 0, memory_order_relaxed);
	r->mask = capacity - 1;
	r->buf = buf;
}

/* For tests: start both indices at v (e.g. near UINT32_MAX to force wrap-around). */
static inline void ring_reset_at(struct ring *r, uint32_t v)
{
	atomic_store_explicit(&r->head, v, memory_order_relaxed);
	atomic_store_explicit(&r->tail, v, memory_order_relaxed);
}

static inline uint32_t ring_capacity(const struct ring *r)
{
	return r->mask + 1;
}

/* Either side: bytes currently stored (a snapshot; may be stale by the time it returns). */
static inline uint32_t ring_count(struct ring *r)
{
	uint32_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	uint32_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	return head - tail;
}

/* Producer: copy up to n bytes in; returns how many fit. */
static inline size_t ring_push(struct ring *r, const void *src, size_t n)
{
	uint32_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	/* acquire: pairs with the release in ring_pop, so the consumer is done reading the
	 * slots we are about to overwrite */
	uint32_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	uint32_t space = ring_capacity(r) - (head - tail);
	if (n > space)
		n = space;
	const uint8_t *s = src;
	for (size_t i = 0; i < n; i++)
		r->buf[(head + (uint32_t)i) & r->mask] = s[i];
	/* release: pairs with the acquire in ring_pop, publishing the bytes before the index */
	atomic_store_explicit(&r->head, head + (uint32_t)n, memory_order_release);
	return n;
}

/* Consumer: copy up to n bytes out; returns how many there were. */
static inline size_t ring_pop(struct ring *r, void *dst, size_t n)
{
	uint32_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	/* acquire: pairs with the release in ring_push: the bytes are visible */
	uint32_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	uint32_t avail = head - tail;
	if (n > avail)
		n = avail;
	uint8_t *d = dst;
	for (size_t i = 0; i < n; i++)
		d[i] = r->buf[(tail + (uint32_t)i) & r->mask];
	/* release: pairs with the acquire in ring_push: we are done with these slots */
	atomic_store_explicit(&r->tail, tail + (uint32_t)n, memory_order_release);
	return n;
}

static inline bool ring_empty(struct ring *r)
{
	return ring_count(r) == 0;
}

#endif
