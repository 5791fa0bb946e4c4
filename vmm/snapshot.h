/* snapshot.h — a single-producer/single-consumer mailbox for the latest vmm_snapshot,
 * header-only. A triple buffer: the vCPU thread fills its back slot and swaps it into
 * the middle; the UI swaps the middle out when it is newer. Neither side ever waits
 * and the UI always gets the newest state, whole — which a queue of snapshots would
 * not give without making the vCPU wait or drop (the UI wants now, not history).
 */
#ifndef VMM_SNAPSHOT_H
#define VMM_SNAPSHOT_H

#include <stdatomic.h>
#include <stdbool.h>

#include "vmm.h"

#define SNAPBOX_FRESH 4u /* bit in middle: the slot there has not been taken yet */

struct snapbox {
	struct vmm_snapshot slot[3];
	_Atomic unsigned middle;  /* slot index | SNAPBOX_FRESH; swapped by both sides */
	unsigned back;            /* producer's slot */
	unsigned front;           /* consumer's slot */
};

static inline void snapbox_init(struct snapbox *b)
{
	b->back = 0;
	atomic_store_explicit(&b->middle, 1, memory_order_relaxed);
	b->front = 2;
}

/* Producer: the slot to fill, then snapbox_publish(). */
static inline struct vmm_snapshot *snapbox_back(struct snapbox *b)
{
	return &b->slot[b->back];
}

static inline void snapbox_publish(struct snapbox *b)
{
	/* acq_rel: release our writes to the back slot; acquire the consumer's finished
	 * reads of the slot we get back (pairs with the exchange in snapbox_take). */
	unsigned old = atomic_exchange_explicit(&b->middle, b->back | SNAPBOX_FRESH,
						memory_order_acq_rel);
	b->back = old & 3u;
}

/* Consumer: returns true and switches to the newest slot if one was published. */
static inline bool snapbox_take(struct snapbox *b)
{
	if (!(atomic_load_explicit(&b->middle, memory_order_relaxed) & SNAPBOX_FRESH))
		return false;
	unsigned old = atomic_exchange_explicit(&b->middle, b->front, memory_order_acq_rel);
	b->front = old & 3u;
	return true;
}

static inline const struct vmm_snapshot *snapbox_front(const struct snapbox *b)
{
	return &b->slot[b->front];
}

#endif
