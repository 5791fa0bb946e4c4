/* vcpu.h — one vCPU: its KVM fd and kvm_run, its thread, its rings, its mailbox of
 * commands and its flight recorder of exits. The state machine is vcpu.c; entering the
 * guest and finishing an instruction is vcpu_run.c; waiting and kicking vcpu_sync.c;
 * snapshots vcpu_publish.c; what an exit means exit.c.
 */
#ifndef VMM_VCPU_H
#define VMM_VCPU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "exit.h"
#include "exit_log.h"
#include "mailbox.h"
#include "ring.h"
#include "snapshot.h"
#include "vm.h"

#define VCPU_OUT_RING (64 * 1024)
#define VCPU_IN_RING 4096
#define VCPU_PUBLISH_NS (20 * 1000 * 1000ULL)  /* at most ~50 snapshots/s while running */
#define VCPU_REFRESH_NS (100 * 1000 * 1000ULL) /* a guest that never exits: kick itself */

/* Wakes the UI: an eventfd written only when the UI has re-armed it (vmm_clear_notify). */
struct notify {
	int fd;
	_Atomic bool armed;
};
void notify_signal(struct notify *n);

/* An instruction that exited to us and is not finished yet. KVM finishes an I/O or MMIO
 * instruction inside the next KVM_RUN, with the data we left in kvm_run. */
enum vcpu_pending {
	PENDING_NONE,     /* at an instruction boundary */
	PENDING_FINISH,   /* answered: the next KVM_RUN completes it */
	PENDING_INPUT,    /* a GETCHAR `in` waiting for a key */
	PENDING_OUTPUT,   /* an output byte waiting for ring space */
};

struct vcpu {
	int index;                 /* 0..15 across the whole vmm (pane number) */
	int vm_index, vm_vcpus;    /* inside its VM: what VCPU_ID / VCPU_COUNT answer */
	const char *guest;         /* image basename */
	struct vm *vm;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	bool started;
	bool native_user;          /* kvm-pvm host: 64-bit ring-3 code is not single-stepped */
	unsigned eof_spin_limit;

	/* Output bytes: producer = this vCPU's thread, consumer = UI thread.
	 * Full: the vCPU waits (state BLOCKED) until the UI drains; never dropped. */
	struct ring out;
	uint8_t out_buf[VCPU_OUT_RING];
	/* Input bytes for GETCHAR/COM1: producer = UI thread, consumer = this vCPU's thread.
	 * Full: vmm_write_input accepts fewer bytes and the UI keeps the rest. */
	struct ring in;
	uint8_t in_buf[VCPU_IN_RING];
	_Atomic bool in_closed;

	/* UI -> vCPU: commands, then the doorbell (futex word) and a kick (signal). */
	struct mailbox mailbox;
	_Atomic uint32_t doorbell;
	_Atomic int sleeping;            /* the vCPU thread waits on the doorbell */
	_Atomic int state;               /* enum vmm_run_state, for quick reads by the UI */
	_Atomic bool ended;              /* set after the final snapshot is published */

	/* vCPU -> UI: snapshots, notifications, the exit log. */
	struct notify *notify;
	struct snapbox snap;
	struct exit_log log;

	/* ---- private to the vCPU thread ---- */
	struct exit_state dev;
	struct vmm_stats stats;
	/* what the commands asked for */
	bool paused, stop;
	uint32_t steps_left;
	unsigned exit_rate, slowmo_rate;
	uint64_t next_slot_ns, next_auto_step_ns;
	/* where the guest is */
	enum vcpu_pending pending;
	enum vmm_run_state stopped_in;  /* the state a stop found it in */
	struct exit_result res;         /* the exit being handled (pending: not finished) */
	bool dirty;                     /* something shown changed: publish at the next look */
	bool waited;                    /* the exit in res had to wait (key, output space) */
	bool have_exit;
	struct vmm_exit_record last_exit;
	uint64_t exit_ns;               /* when the exit in res came */
	uint64_t last_exit_ns;          /* the one before, for the round trip (0: none) */
	uint64_t vmm_since_ns, wait_mark_ns; /* time in the VMM since the last exit */
	uint64_t created_ns, published_ns, publishes;
	/* breakpoints (vcpu_break.c): the UI writes bp_in under bp_lock, then posts
	 * CMD_BREAKPOINTS; the thread copies it into bp */
	pthread_mutex_t bp_lock;
	struct vmm_breakpoint bp_in[VMM_MAX_BREAKPOINTS];
	int nbp_in;
	struct vmm_breakpoint bp[VMM_MAX_BREAKPOINTS];
	int nbp;
	uint32_t bp_hits[VMM_MAX_BREAKPOINTS];
	uint64_t watch_old[VMM_MAX_BREAKPOINTS];
	enum vmm_break_method break_method;
	int break_hit;                  /* -1, an index, or VMM_BREAK_HIT_EXIT */
	bool hw_break, hw_watch;        /* the host's debug registers catch execution / writes */
	bool step_over;                 /* resuming at an execution breakpoint */
	bool until_exit;                /* pause after the next exit */
	bool fault_held;                /* a fault stopped here for a look; resuming ends it */
	bool was_user;                  /* in ring 3 at the last look (stepping method) */
	unsigned modebits;              /* VMM_MODEBITS_* at the last exit */
	bool have_modebits;
	struct kvm_guest_debug dbg;     /* what KVM_SET_GUEST_DEBUG holds now */
	bool dbg_valid;
	timer_t refresh_timer;
	bool have_timer;
	char error[VMM_ERROR_LEN];
};

/* ---- vcpu_run.c: the guest side ---- */
enum run_result { RUN_EXIT, RUN_KICKED, RUN_ERROR };
/* Enter the guest once (single-stepping or not). RUN_EXIT: v->res holds the handled exit
 * (its action says what next). RUN_KICKED: no exit to handle (a command or refresh came
 * first). RUN_ERROR: v->error says why. Any earlier pending instruction is finished. */
enum run_result vcpu_enter(struct vcpu *v, bool step);
/* Call the exit handler again for the pending instruction (a key or ring space came). */
void vcpu_retry_exit(struct vcpu *v);
/* Finish a PENDING_FINISH instruction without running any more guest code. Returns false
 * (v->error set) if KVM refused; a new exit that comes out of it is left in v->res with
 * *more set. */
bool vcpu_finish_instruction(struct vcpu *v, bool *more);
bool vcpu_in_native_user_code(struct vcpu *v);
/* Guest memory at a linear address, through the guest's page tables if paging is on. */
bool vcpu_read_linear(struct vcpu *v, uint64_t linear, void *buf, size_t len);

/* ---- vcpu_break.c: breakpoints, "until exit", mode events ---- */
void vcpu_break_take(struct vcpu *v);             /* CMD_BREAKPOINTS: the UI's new table */
int vcpu_break_apply(struct vcpu *v, bool step);  /* KVM_SET_GUEST_DEBUG for the next entry */
bool vcpu_break_stepping(const struct vcpu *v);   /* breakpoints need single-stepping */
/* After a finished exit / after an instruction (stepping method) / before a step that
 * would run native ring-3 code: true if the vCPU must stop (it is marked paused). */
bool vcpu_break_after_exit(struct vcpu *v);
bool vcpu_break_after_step(struct vcpu *v);
bool vcpu_break_before_native(struct vcpu *v);

/* ---- vcpu_sync.c: waiting and waking ---- */
typedef bool vcpu_wait_cond(struct vcpu *v);
/* Sleep until cond(v) holds, a command arrives, or deadline_ns passes (0 = none). Time
 * spent here counts as waiting. Publishes a snapshot first if something shown changed. */
void vcpu_wait(struct vcpu *v, vcpu_wait_cond *cond, uint64_t deadline_ns);
extern __thread struct kvm_run *vcpu_tls_run; /* for the kick handler */
int vcpu_refresh_timer_start(struct vcpu *v);  /* on the vCPU thread */
void vcpu_refresh_timer_stop(struct vcpu *v);

/* ---- vcpu_publish.c ---- */
void vcpu_publish(struct vcpu *v);

/* ---- UI side ---- */
int vcpu_start(struct vcpu *v);
int vcpu_command(struct vcpu *v, enum vcpu_cmd_kind kind, uint32_t arg);
void vcpu_ring_doorbell(struct vcpu *v);
void vcpu_install_kick_handler(void);

#endif
