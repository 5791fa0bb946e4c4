/* explain.h — "what just happened" for one VM exit, in plain words for a class: what the
 * guest executed, why the CPU left guest mode, what Mini-KVM did about it, and how long the
 * round trip took. Pure text from an exit record and the snapshot around it (the UI gives
 * the disassembled instruction); no curses, no KVM: unit-tested.
 */
#ifndef TUI_EXPLAIN_H
#define TUI_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "../vmm/vmm.h"

struct explain_input {
	const struct vmm_exit_record *exit;  /* the exit to explain */
	const struct vmm_snapshot *snap;     /* the vCPU's snapshot that carries it */
	int vcpu;                            /* its pane */
	const char *insn;                    /* the instruction at the exit's RIP ("out dx, al"),
					      * or NULL if it could not be decoded */
	uint32_t median_rt_ns;               /* this vCPU's median round trip, 0 = unknown */
};

/* The explanation, several sentences in one paragraph; returns its length. */
size_t explain_exit(const struct explain_input *in, char *buf, size_t n);

/* The median of the round trips in records r[0..n) (0 if none has one). */
uint32_t explain_median_rt(const struct vmm_exit_record *r, size_t n);

#endif
