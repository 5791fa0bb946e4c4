/* vcpu.h — one vCPU: its KVM fd and kvm_run, its thread, its rings and its control
 * flags. The thread body, run loop and step logic are in vcpu.c; what an exit means is
 * in exit.c; statistics arithmetic in stats.c; snapshot filling in vcpu_publish.c.
 */
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "exit.h"
#include "ring.h"
#include "snapshot.h"
#include "vm.h"

#define VCPU_OUT_RING (64 * 1024)
#define VCPU_IN_RING 4096
#define VCPU_PUBLISH_NS (20 * 1000 * 1000ULL) /* at most ~50 snapshots/s while running */

/* Wakes the UI: an eventfd written only when the UI has re-armed it (vmm_clear_notify). */
struct notify {
	int fd;
	_Atomic bool armed;
};
void notify_signal(struct notify *n);

struct vcpu {
	int index;                 /* 0..15 across the whole vmm (pane number) */
	int vm_index, vm_vcpus;    /* inside its VM: what VCPU_ID / VCPU_COUNT answer */
	const char *guest;         /* image basename */
	struct vm *vm;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	bool started;

	/* Output bytes: producer = this vCPU's thread, consumer = UI thread.
	 * Full: the vCPU waits (state BLOCKED) until the UI drains; never dropped. */
	struct ring out;
	uint8_t out_buf[VCPU_OUT_RING];
	/* Input bytes for GETCHAR/COM1: producer = UI thread, consumer = this vCPU's thread.
	 * Full: vmm_write_input accepts fewer bytes and the UI keeps the rest. */
	struct ring in;
	uint8_t in_buf[VCPU_IN_RING];
	_Atomic bool in_closed;

	/* Commands, UI -> vCPU: a flag, then a doorbell ring, then a signal kick. */
	_Atomic bool want_pause, want_stop;
	_Atomic uint32_t step_requests;
	_Atomic unsigned exit_rate;
	_Atomic uint32_t doorbell;       /* futex word, bumped by the UI */
	_Atomic int sleeping;            /* the vCPU thread waits on the doorbell */
	_Atomic int state;               /* enum vmm_run_state */
	_Atomic uint64_t published_ns;   /* when the last snapshot went out */
	_Atomic bool ended;              /* set after the final snapshot is published */

	struct notify *notify;
	struct snapbox snap;
	bool native_user;          /* kvm-pvm host: 64-bit ring-3 code is not single-stepped */

	/* Private to the vCPU thread. */
	struct exit_state dev;
	struct vmm_stats stats;
	bool debug_on, io_pending;
	uint32_t steps_done;
	uint64_t publishes;
	uint64_t last_exit_ns, next_slot_ns, created_ns;
	char last_exit[96];
	char error[VMM_ERROR_LEN];
};

/* Thread-side helpers used by vcpu.c and vcpu_publish.c. */
typedef bool vcpu_wait_cond(struct vcpu *v);
/* Sleep until cond(v) holds, a stop is asked, or deadline_ns passes (0 = none). Time
 * spent here counts as waiting. Returns false if a stop was asked. (vcpu_sync.c) */
bool vcpu_wait(struct vcpu *v, vcpu_wait_cond *cond, uint64_t deadline_ns);
extern __thread struct kvm_run *vcpu_tls_run; /* for the kick handler */
uint64_t vcpu_now_ns(void);
void vcpu_publish(struct vcpu *v);
void vcpu_set_state(struct vcpu *v, enum vmm_run_state s);

/* UI side. */
int vcpu_start(struct vcpu *v);
void vcpu_ring_doorbell(struct vcpu *v);
void vcpu_kick(struct vcpu *v);
void vcpu_install_kick_handler(void);

#endif
