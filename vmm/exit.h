/* exit.h — what to do about one VM exit, as a function of the exit data: the vCPU
 * thread calls exit_handle(), unit tests call it with a fabricated kvm_run and fake I/O.
 * Port meanings: 0x500 hypercalls (hypercall.c), COM1 (com1.c), every other port reads
 * 0xFF and ignores writes, MMIO outside RAM reads all-ones and ignores writes.
 */
#ifndef VMM_EXIT_H
#define VMM_EXIT_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stdint.h>

#include "vmm.h"

enum exit_action {
	ACT_CONTINUE,     /* re-enter the guest */
	ACT_WAIT_INPUT,   /* GETCHAR with nothing queued: wait, then call again with the same run */
	ACT_WAIT_OUTPUT,  /* output ring full: wait for space, then call again */
	ACT_HALT,         /* HLT without irqchip: the guest ended normally */
	ACT_EXIT,         /* EXIT hypercall: the guest ended normally */
	ACT_FAULT,        /* the guest cannot go on; res->error says why */
};

/* The vCPU's queues, as callbacks so tests can fake them. Called on the vCPU thread. */
struct exit_io {
	void *ctx;
	bool (*put)(void *ctx, uint8_t byte);  /* false: ring full, nothing stored */
	int (*get)(void *ctx);                 /* next input byte; -1 none yet; HC_EOF at end */
	bool (*input_ready)(void *ctx);        /* a byte or the end of input is waiting */
	int vcpu_index, vcpu_count;            /* inside this VM */
};

/* Device state kept across exits (one per vCPU). */
struct exit_state {
	int hc_pending;      /* function whose answer the next IN from 0x500 gives; -1 none */
	uint8_t com1_lcr, com1_ier, com1_mcr, com1_scr;
	uint32_t io_done;    /* elements of a string I/O exit already handled (ring was full) */
};

struct exit_result {
	enum exit_action action;
	enum vmm_exit_reason reason;
	int hypercall;               /* function number of a hypercall OUT, HC_COUNT if unknown, -1 */
	char text[96];               /* decoded, e.g. "OUT 0x500 -> PUTCHAR 'H'" */
	char error[VMM_ERROR_LEN];   /* ACT_FAULT: what and why (the caller adds who) */
};

void exit_state_init(struct exit_state *st);
/* run->s.regs.regs must be valid (KVM_SYNC_X86_REGS): PUTCHAR reads BL from it. */
void exit_handle(struct exit_state *st, const struct exit_io *io, struct kvm_run *run,
		 struct exit_result *res);

/* Helpers shared by the port handlers (exit.c). */
void exit_describe_byte(char *buf, size_t n, uint8_t byte); /* 'H' or 0x0a */

/* hypercall.c */
void hypercall_out(struct exit_state *st, const struct exit_io *io, uint8_t fn,
		   const struct kvm_regs *regs, struct exit_result *res);
void hypercall_in(struct exit_state *st, const struct exit_io *io, uint8_t *value,
		  struct exit_result *res);

/* com1.c: one byte-wide access at offset 0..7 from COM1_BASE. */
void com1_out(struct exit_state *st, const struct exit_io *io, unsigned offset, uint8_t value,
	      struct exit_result *res);
void com1_in(struct exit_state *st, const struct exit_io *io, unsigned offset, uint8_t *value,
	     struct exit_result *res);

#endif
