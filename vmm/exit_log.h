/* exit_log.h — a vCPU's flight recorder of VM exits, header-only: the last
 * EXIT_LOG_SLOTS structured records, the oldest overwritten. Producer: the vCPU thread
 * (one append per exit, a few stores, no text); consumer: the UI thread (the Exits view,
 * --trace). The reader copies, then checks the writer did not lap what it copied — a
 * seqlock over the whole ring. Every field is an atomic word, so ThreadSanitizer and the
 * C memory model agree that a torn copy is only ever discarded, never used.
 */
#ifndef VMM_EXIT_LOG_H
#define VMM_EXIT_LOG_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "vmm.h"

#define EXIT_LOG_SLOTS VMM_EXIT_LOG /* a power of two */
#define EXIT_LOG_WORDS ((sizeof(struct vmm_exit_record) + 7) / 8)

struct exit_log {
	_Atomic uint64_t next;     /* records below this are complete; written by the vCPU */
	_Atomic uint64_t claimed;  /* records below this have been (or are being) written */
	_Atomic uint64_t word[EXIT_LOG_SLOTS][EXIT_LOG_WORDS];
};

/* Producer. */
static inline void exit_log_append(struct exit_log *l, const struct vmm_exit_record *r)
{
	uint64_t seq = atomic_load_explicit(&l->next, memory_order_relaxed);
	uint64_t w[EXIT_LOG_WORDS] = { 0 };
	memcpy(w, r, sizeof(*r));
	/* Announce that slot seq % SLOTS (record seq - SLOTS) is being overwritten before a
	 * word of it changes: a reader that saw any new word then sees the claim too. */
	atomic_store_explicit(&l->claimed, seq + 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_release); /* pairs with the acquire fence in _read */
	for (unsigned i = 0; i < EXIT_LOG_WORDS; i++)
		atomic_store_explicit(&l->word[seq % EXIT_LOG_SLOTS][i], w[i], memory_order_relaxed);
	/* release: pairs with the acquire load of next in _read: the words are there */
	atomic_store_explicit(&l->next, seq + 1, memory_order_release);
}

/* Consumer: see vmm_exit_log() in vmm.h for the contract. */
static inline size_t exit_log_read(struct exit_log *l, uint64_t *from,
				   struct vmm_exit_record *out, size_t max, uint64_t *lost)
{
	uint64_t next = atomic_load_explicit(&l->next, memory_order_acquire);
	uint64_t first = *from;
	if (first > next)
		first = next;
	if (next - first > EXIT_LOG_SLOTS)
		first = next - EXIT_LOG_SLOTS; /* older ones are overwritten: lost */
	size_t n = next - first > max ? max : (size_t)(next - first);
	for (size_t k = 0; k < n; k++) {
		uint64_t w[EXIT_LOG_WORDS];
		for (unsigned i = 0; i < EXIT_LOG_WORDS; i++)
			w[i] = atomic_load_explicit(&l->word[(first + k) % EXIT_LOG_SLOTS][i],
						    memory_order_relaxed);
		memcpy(&out[k], w, sizeof(out[k]));
	}
	atomic_thread_fence(memory_order_acquire); /* pairs with the release fence in _append */
	/* Records whose slots the writer claimed while we copied are not to be trusted. */
	uint64_t claimed = atomic_load_explicit(&l->claimed, memory_order_relaxed);
	uint64_t safe = claimed > EXIT_LOG_SLOTS ? claimed - EXIT_LOG_SLOTS : 0;
	size_t skip = first < safe ? (size_t)(safe - first) : 0;
	if (skip > n)
		skip = n;
	if (skip)
		memmove(out, out + skip, (n - skip) * sizeof(out[0]));
	if (lost)
		*lost = first + skip > *from ? first + skip - *from : 0;
	*from = first + n;
	return n - skip;
}

static inline uint64_t exit_log_next(struct exit_log *l)
{
	return atomic_load_explicit(&l->next, memory_order_acquire);
}

#endif
