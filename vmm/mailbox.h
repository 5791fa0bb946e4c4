/* mailbox.h — commands to one vCPU, as a type: a single-producer/single-consumer ring of
 * struct vcpu_cmd, header-only. Producer: the UI thread (vmm_pause, vmm_step, ...);
 * consumer: that vCPU's thread, which takes every command at the top of each state
 * handler (vcpu.c). Full: the command is refused (-EAGAIN) and the UI says so; nothing
 * is dropped silently. Waking the vCPU (doorbell and kick) is the caller's business.
 */
#ifndef VMM_MAILBOX_H
#define VMM_MAILBOX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

enum vcpu_cmd_kind {
	CMD_PAUSE,      /* hold still (cancels pending steps and slow motion) */
	CMD_RESUME,     /* run freely */
	CMD_STEP,       /* arg = instructions to run, then pause */
	CMD_STOP,       /* end the vCPU (state STOPPED) */
	CMD_SET_RATE,   /* arg = exits/s limit, 0 = none */
	CMD_SLOWMO,     /* arg = steps/s while paused, 0 = off */
	CMD_BREAKPOINTS, /* take the new breakpoint table (vcpu.h: bp_in) */
	CMD_UNTIL_EXIT, /* run until the next exit, then pause */
};

struct vcpu_cmd {
	enum vcpu_cmd_kind kind;
	uint32_t arg;
};

#define MAILBOX_SLOTS 64 /* a power of two */

struct mailbox {
	_Alignas(64) _Atomic uint32_t head;  /* written by the producer only */
	_Alignas(64) _Atomic uint32_t tail;  /* written by the consumer only */
	struct vcpu_cmd slot[MAILBOX_SLOTS];
};

static inline bool mailbox_post(struct mailbox *m, struct vcpu_cmd c)
{
	uint32_t head = atomic_load_explicit(&m->head, memory_order_relaxed);
	/* acquire: pairs with the release in mailbox_take; that slot has been read */
	if (head - atomic_load_explicit(&m->tail, memory_order_acquire) == MAILBOX_SLOTS)
		return false;
	m->slot[head % MAILBOX_SLOTS] = c;
	/* release: pairs with the acquire in mailbox_take, publishing the slot */
	atomic_store_explicit(&m->head, head + 1, memory_order_release);
	return true;
}

static inline bool mailbox_take(struct mailbox *m, struct vcpu_cmd *c)
{
	uint32_t tail = atomic_load_explicit(&m->tail, memory_order_relaxed);
	/* acquire: pairs with the release in mailbox_post */
	if (atomic_load_explicit(&m->head, memory_order_acquire) == tail)
		return false;
	*c = m->slot[tail % MAILBOX_SLOTS];
	/* release: pairs with the acquire in mailbox_post; the slot may be reused */
	atomic_store_explicit(&m->tail, tail + 1, memory_order_release);
	return true;
}

/* Either side; the consumer checks this right before KVM_RUN (seq_cst, see vcpu_run.c). */
static inline bool mailbox_empty(struct mailbox *m)
{
	return atomic_load(&m->head) == atomic_load_explicit(&m->tail, memory_order_relaxed);
}

#endif
