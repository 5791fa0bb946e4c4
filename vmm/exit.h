/* exit.h — what to do about one VM exit, as a function of the exit data: the vCPU
 * thread calls exit_handle(), unit tests call it with a fabricated kvm_run and fake I/O.
 * The result is an action plus a structured record (numbers, no text). Port I/O goes
 * through the vCPU's device table (io_bus.c: each device a {base, length, read, write,
 * state} row); MMIO outside RAM reads all-ones. What a record means in words is
 * exit_text.c's, and happens only when someone reads it.
 */
#ifndef VMM_EXIT_H
#define VMM_EXIT_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stdint.h>

#include "com1.h"
#include "hypercall.h"
#include "vmm.h"

enum exit_action {
	ACT_CONTINUE,     /* re-enter the guest */
	ACT_WAIT_INPUT,   /* GETCHAR with nothing queued: wait, then call again with the same run */
	ACT_WAIT_OUTPUT,  /* output ring full: wait for space, then call again */
	ACT_HALT,         /* HLT without irqchip: the guest ended normally */
	ACT_EXIT,         /* EXIT hypercall: the guest ended normally */
	ACT_INPUT_ENDED,  /* asked for input eof_spin_limit times after its end: ended normally */
	ACT_FAULT,        /* the guest cannot go on; res->error says why */
};

/* The vCPU's queues, as callbacks so tests can fake them. Called on the vCPU thread. */
struct exit_io {
	void *ctx;
	bool (*put)(void *ctx, uint8_t byte);  /* false: ring full, nothing stored */
	int (*get)(void *ctx);                 /* next input byte; -1 none yet; HC_EOF at end */
	bool (*input_ready)(void *ctx);        /* a byte or the end of input is waiting */
	bool (*input_ended)(void *ctx);        /* input closed and every byte consumed */
	int vcpu_index, vcpu_count;            /* inside this VM */
	unsigned eof_spin_limit;               /* see vmm_config; 0 = never */
};

struct exit_result {
	enum exit_action action;
	struct vmm_exit_record rec;   /* reason, rip, cs, addr, dir, size, count, value,
				       * hypercall, flags; time and round trip are the caller's */
	char error[VMM_ERROR_LEN];    /* ACT_FAULT: what and why (the caller adds who) */
};

/* ---- the port-I/O device table ---- */

/* One element of a port access, as a device sees it. */
struct io_access {
	unsigned offset;               /* port - device base */
	unsigned size;                 /* 1, 2 or 4 bytes */
	uint32_t value;                /* write: what the guest wrote; read: the device's answer */
	const struct kvm_regs *regs;   /* the guest's registers at the exit (SYNC_REGS) */
};

typedef enum exit_action io_handler(void *state, const struct exit_io *io, struct io_access *a,
				    struct exit_result *res);

struct io_device {
	const char *name;
	uint16_t base, len;            /* ports base .. base+len-1 */
	enum vmm_exit_reason reason;   /* what its exits count as */
	io_handler *read, *write;      /* IN, OUT */
};

#define IO_BUS_SLOTS 8
struct io_bus {
	struct io_slot {
		const struct io_device *dev;
		void *state;
	} slot[IO_BUS_SLOTS];
	int n;
};

/* Add a device; false if the table is full or its ports overlap another's. */
bool io_bus_add(struct io_bus *bus, const struct io_device *dev, void *state);
/* The device that owns port, or the empty bus (reads float high, writes vanish). */
const struct io_slot *io_bus_find(const struct io_bus *bus, uint16_t port);

/* Device state kept across exits (one set per vCPU). */
struct exit_state {
	struct io_bus bus;
	struct hypercall_state hc;
	struct com1_state com1;
	uint32_t io_done;    /* elements of a string I/O exit already handled (ring was full) */
};

/* Fills the device table: the hypercall port and COM1 (adding a device = a row here). */
void exit_state_init(struct exit_state *st);
/* run->s.regs.regs must be valid (KVM_SYNC_X86_REGS): PUTCHAR reads BL from it. */
void exit_handle(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		 struct exit_result *res);

#endif
