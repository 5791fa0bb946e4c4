/* vmm.h — the only header a frontend includes: create guests, run them, command a vCPU,
 * move bytes in and out, read a vCPU's latest snapshot and its log of VM exits. No
 * <linux/kvm.h> here: snapshots and exit records are our own plain structs. No curses
 * anywhere in vmm/. What the program's exit status is, is the program's business.
 *
 * Threads: every vmm_* function is for the one UI thread (the "consumer"), except where
 * a comment says otherwise. Each vCPU runs in its own named thread (vcpu0, vcpu1, ...).
 */
#ifndef VMM_VMM_H
#define VMM_VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest_abi.h" /* the guest ABI numbers are part of the contract */

#define VMM_MAX_VCPUS 16
#define VMM_ERROR_LEN 256
#define VMM_HC_SLOTS (HC_COUNT + 1) /* by_hypercall: one per function, the last = unknown */

/* ---- configuration ---- */

enum vmm_cpu_mode { VMM_MODE_REAL, VMM_MODE_PROT, VMM_MODE_LONG };

/* How flat (non-ELF) images boot: --mode, --paging, --load, --entry (guest_layout.h has
 * the defaults). All zero: real mode. An ELF carries its own mode and addresses. */
struct vmm_flat_boot {
	enum vmm_cpu_mode mode;
	bool mode_given;       /* --mode, --long-mode or --paging */
	bool paging;           /* --paging: protected mode, the seed's page tables */
	bool load_given, entry_given;
	uint64_t load, entry;  /* --load (guest-physical), --entry (linear) */
};

struct vmm_config {
	const char *images[VMM_MAX_VCPUS]; /* one image per vCPU (separate VMs) ... */
	int nimages;
	int shared_vcpus;      /* ... or, if > 0, images[0] on this many vCPUs of one VM */
	bool force_irqchip;    /* --irqchip: in-kernel IRQCHIP + PIT even for flat images */
	bool probe_host;       /* run the host probe now (in its own thread): vmm_host_line */
	unsigned exit_rate[VMM_MAX_VCPUS]; /* per-vCPU speed limit in exits/s, 0 = full speed */
	/* A guest that asks for input this many times in a row after it was told "end of
	 * input", with no other exit in between, is ended (state INPUT_ENDED). 0 = never. */
	unsigned eof_spin_limit;
	struct vmm_flat_boot flat; /* every flat image on the command line */
};

/* Exit statuses of the whole program (PRODUCT.md). They leave this header once the
 * loader returns plain negative errnos; until then vmm/ uses USAGE/HOST internally. */
enum vmm_status {
	VMM_STATUS_OK = 0,
	VMM_STATUS_FAULT = 1,
	VMM_STATUS_USAGE = 2,
	VMM_STATUS_HOST = 3,
};

/* What vmm_create reports: nothing wrong, the user's input (an image), or the host. */
enum vmm_failure { VMM_FAIL_NONE = 0, VMM_FAIL_INPUT, VMM_FAIL_HOST };

/* ---- what a vCPU is doing ---- */

enum vmm_run_state {
	VMM_STATE_CREATED,     /* not started yet */
	VMM_STATE_RUNNING,
	VMM_STATE_PAUSED,      /* stopped by the user; steps and slow motion start from here */
	VMM_STATE_STEPPING,    /* running the instructions a step asked for */
	VMM_STATE_WAITING,     /* GETCHAR with an empty input queue: waits, burns no CPU */
	VMM_STATE_BLOCKED,     /* output ring full: waits for the UI to drain it */
	/* ended: */
	VMM_STATE_HALTED,      /* ended by HLT (no irqchip): normal end */
	VMM_STATE_EXITED,      /* ended by the EXIT hypercall: normal end */
	VMM_STATE_INPUT_ENDED, /* kept asking for input after its end (eof_spin_limit): normal end */
	VMM_STATE_FAULTED,     /* ended by a fault; the snapshot's error says which */
	VMM_STATE_STOPPED,     /* ended by vmm_stop or the time limit */
	VMM_STATE__COUNT
};

static inline bool vmm_state_ended(enum vmm_run_state s)
{
	return s >= VMM_STATE_HALTED;
}

/* Why the vCPU left the guest (our classification of KVM_EXIT_*). */
enum vmm_exit_reason {
	VMM_EXIT_HYPERCALL,  /* port 0x500 */
	VMM_EXIT_COM1,       /* ports 0x3F8-0x3FF */
	VMM_EXIT_OTHER_IO,   /* any other port: reads 0xFF, writes ignored */
	VMM_EXIT_MMIO,       /* memory outside RAM: reads all-ones, writes ignored */
	VMM_EXIT_HLT,
	VMM_EXIT_DEBUG,      /* single-step or breakpoint */
	VMM_EXIT_IRQ_WINDOW,
	VMM_EXIT_SHUTDOWN,   /* triple fault */
	VMM_EXIT_INTERNAL,   /* KVM_EXIT_INTERNAL_ERROR (emulation failure) */
	VMM_EXIT_FAIL_ENTRY,
	VMM_EXIT_OTHER,
	VMM_EXIT__COUNT
};

/* One VM exit, as recorded on the vCPU's hot path: numbers only, no text (the UI turns it
 * into words with vmm_exit_describe, at screen rate). */
enum vmm_io_dir { VMM_DIR_NONE, VMM_DIR_IN, VMM_DIR_OUT, VMM_DIR_READ, VMM_DIR_WRITE };
#define VMM_HC_NONE 0xFF            /* hypercall: not a hypercall */
#define VMM_EXITF_WAITED 0x01       /* the VMM waited (for a key or output space) to finish it */
#define VMM_EXITF_EOF 0x02          /* GETCHAR answered "end of input" */
#define VMM_EXITF_STEP 0x04         /* the exit ended a single step */
#define VMM_EXITF_NATIVE 0x08       /* kvm-pvm: the step ran native ring-3 code to this exit */
#define VMM_EXITF_PENDING 0x10      /* not finished yet: the vCPU waits (key or output space) */
#define VMM_EXITF_BREAK 0x20        /* a breakpoint (or "until exit") stopped the vCPU here */
/* Records in the exit log that are not exits: what the CPU's mode did (seen at an exit or
 * a step, the way Bochs' `show mode` reports it) and breakpoint hits. */
enum vmm_event {
	VMM_EVENT_NONE,       /* an exit */
	VMM_EVENT_MODE,       /* addr = the mode before, value = after (VMM_MODEBITS_*) */
	VMM_EVENT_BREAK,      /* value = breakpoint index, addr = RIP (linear) */
};
#define VMM_MODEBITS_PE 0x01          /* CR0.PE: protected mode */
#define VMM_MODEBITS_PG 0x02          /* CR0.PG: paging */
#define VMM_MODEBITS_LMA 0x04         /* EFER.LMA: long mode active */
#define VMM_MODEBITS_CPL(cpl) ((unsigned)(cpl) << 4)
struct vmm_exit_record {
	uint64_t time_ns;     /* when KVM_RUN returned (vmm_clock_ns) */
	uint64_t rip;         /* RIP at the exit (of the instruction that exited, for I/O) */
	uint64_t addr;        /* port (I/O) or guest-physical address (MMIO) */
	uint64_t value;       /* data: first element (I/O, MMIO); exception (DEBUG); suberror
			       * (INTERNAL); hardware reason (FAIL_ENTRY); KVM exit number (OTHER) */
	uint32_t round_trip_ns; /* since the previous exit (0: none, e.g. after a pause) */
	uint16_t cs;          /* CS selector at the exit */
	uint8_t reason;       /* enum vmm_exit_reason */
	uint8_t dir;          /* enum vmm_io_dir */
	uint8_t size;         /* bytes per element */
	uint8_t count;        /* elements (string I/O), saturated at 255 */
	uint8_t hypercall;    /* function number, HC_COUNT if unknown, VMM_HC_NONE */
	uint8_t flags;        /* VMM_EXITF_* */
	uint8_t event;        /* enum vmm_event: VMM_EVENT_NONE for an exit */
};

struct vmm_stats {
	uint64_t exits;                          /* exits to userspace = the sum of by_reason */
	uint64_t by_reason[VMM_EXIT__COUNT];
	uint64_t by_hypercall[VMM_HC_SLOTS];     /* index = function, [HC_COUNT] = unknown */
	uint64_t kicks;                          /* KVM_RUN cut short by our own signal (a
						  * command, a snapshot refresh): not exits */
	uint64_t out_bytes, in_bytes;            /* guest output / input consumed */
	uint64_t ns_guest;                       /* inside KVM_RUN */
	uint64_t ns_vmm;                         /* handling exits in userspace */
	uint64_t ns_wait;                        /* paused, waiting for input, or blocked */
	uint64_t rt_min_ns, rt_max_ns, rt_sum_ns, rt_count; /* exit-to-exit round trip */
	uint64_t startup_ns;                     /* vmm_create start -> vCPU thread ready to run */
	uint64_t steps;                          /* instructions run by single steps */
	uint64_t steps_merged;                   /* step requests merged into a pending step */
	uint64_t break_steps;                    /* instructions single-stepped to catch
						  * breakpoints (VMM_BREAKS_STEPPING) */
};

struct vmm_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rsp, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
};

struct vmm_segment {
	uint64_t base;
	uint32_t limit;
	uint16_t selector;
	uint8_t type, present, dpl, db, s, l, g;
};

struct vmm_sregs {
	struct vmm_segment cs, ds, es, fs, gs, ss, tr, ldt;
	uint64_t gdt_base, idt_base;
	uint16_t gdt_limit, idt_limit;
	uint64_t cr0, cr2, cr3, cr4, efer;
};

/* ---- breakpoints: where a vCPU stops by itself (the others keep running) ---- */

enum vmm_break_kind {
	VMM_BREAK_ADDR,       /* execution reaches linear address addr (before it runs) */
	VMM_BREAK_WATCH,      /* a write to linear [addr, addr+len), len 1, 2, 4 or 8 */
	VMM_BREAK_EXIT,       /* an exit of reason value (enum vmm_exit_reason) */
	VMM_BREAK_PORT,       /* port I/O on port addr (any device) */
	VMM_BREAK_HYPERCALL,  /* hypercall function value */
	VMM_BREAK_MODE,       /* CPU mode, paging or CPL changes (seen at exits and steps) */
	VMM_BREAK_FAULT,      /* a fault would end the vCPU: stop just before, to look at it */
	VMM_BREAK_USER,       /* the first instruction in ring 3 */
};
struct vmm_breakpoint {
	enum vmm_break_kind kind;
	uint64_t addr;
	uint32_t len;
	uint32_t value;
};
#define VMM_MAX_BREAKPOINTS 16
/* How address breakpoints and watchpoints are caught on this vCPU (snapshot.break_method). */
enum vmm_break_method {
	VMM_BREAKS_NONE,      /* none armed that need it */
	VMM_BREAKS_DEBUGREGS, /* hardware debug registers: the guest runs at full speed */
	VMM_BREAKS_STEPPING,  /* more than the 4 debug registers, a watchpoint the host cannot
			       * catch, or "user": single-step and compare after each instruction */
};

/* What a vCPU waits for while WAITING or BLOCKED (or paused in the middle of it). */
enum vmm_wait { VMM_WAIT_NONE, VMM_WAIT_KEY, VMM_WAIT_OUTPUT };

/* The latest state of one vCPU. Published by the vCPU thread at most ~50 times a second
 * while it runs (and every ~100 ms even if its guest never exits), and at once after
 * every pause, step, wait and end. */
struct vmm_snapshot {
	uint64_t seq;              /* increases with every publish */
	uint64_t time_ns;          /* vmm_clock_ns() at publish */
	enum vmm_run_state state;
	enum vmm_wait waiting_for; /* KEY: the instruction at RIP is a GETCHAR `in` that
				    * completes when a key comes (also while paused) */
	bool halted;               /* in HLT inside the kernel, waiting for an interrupt
				    * (in-kernel IRQCHIP only; HLT without one ends the guest) */
	enum vmm_run_state stopped_in; /* STOPPED: the state it was stopped in */
	uint32_t steps_left;       /* instructions a step request still has to run */
	unsigned exit_rate;        /* speed limit, exits/s, 0 = full speed */
	unsigned slowmo_rate;      /* slow motion: steps/s while paused, 0 = off */
	enum vmm_cpu_mode mode;
	bool paging;
	int cpl;
	bool regs_valid;           /* false before the first KVM_RUN */
	struct vmm_regs regs;
	struct vmm_sregs sregs;
	uint64_t code_addr;        /* linear address of the bytes below (CS base + RIP) */
	uint8_t code[16];          /* instruction bytes at RIP, for the disassembler */
	uint8_t code_len;          /* 0 if RIP is not in guest RAM */
	uint64_t exit_code_addr;   /* linear address of the instruction that made last_exit */
	uint8_t exit_code[16];     /* its bytes (as memory holds them now), for "explain" */
	uint8_t exit_code_len;     /* 0 if not in guest RAM or no exit yet */
	bool have_exit;            /* last_exit is valid */
	struct vmm_exit_record last_exit;
	char last_exit_text[96];   /* vmm_exit_describe(last_exit), formatted at publish */
	char error[VMM_ERROR_LEN]; /* for FAULTED: one line naming guest, vCPU, what, why */
	/* breakpoints */
	int nbreak;                /* armed on the vCPU */
	enum vmm_break_method break_method;
	int break_hit;             /* index of the breakpoint it stopped at, -1 none; also
				    * VMM_BREAK_HIT_EXIT for "until exit" */
	uint32_t break_hits[VMM_MAX_BREAKPOINTS]; /* times each one was hit */
	struct vmm_stats stats;
};
#define VMM_BREAK_HIT_EXIT (-2)

struct vmm;

/* Create every VM and vCPU (threads not started). Returns VMM_FAIL_NONE, or with *out
 * NULL the kind of failure and one line in err ("vcpu1 (hello.bin): ...: reason"). */
enum vmm_failure vmm_create(const struct vmm_config *cfg, struct vmm **out,
			    char err[VMM_ERROR_LEN]);
int vmm_start(struct vmm *vmm);                     /* start all vCPU threads; 0 or -errno */
void vmm_destroy(struct vmm *vmm);                  /* stops, joins and frees everything */

int vmm_vcpu_count(const struct vmm *vmm);
const char *vmm_guest_name(const struct vmm *vmm, int vcpu); /* image basename */
/* The host probe's one line, or "host KVM: probing ..." while the probe (started by
 * vmm_create when cfg->probe_host or a protected-mode image asks for it) still runs, or
 * "" if nobody asked. Never runs anything itself: safe on the draw path. */
const char *vmm_host_line(struct vmm *vmm);
/* The same once the probe has finished: waits for it (milliseconds). For end-of-run
 * reports, never for the draw path. */
const char *vmm_host_line_wait(struct vmm *vmm);
/* What the VMM had to do differently for this vCPU on this host, one line naming the
 * vCPU ("vcpu0 (os1k32.elf): host KVM refuses 32-bit paging: ..."), or "". */
const char *vmm_vcpu_notice(const struct vmm *vmm, int vcpu);

/* ---- commands: each goes into the vCPU's mailbox, then a kick; they return at once
 * with 0, -EINVAL (bad index or ended vCPU) or -EAGAIN (mailbox full: try again). ---- */
int vmm_pause(struct vmm *vmm, int vcpu);   /* also cancels a pending step and slow motion */
int vmm_resume(struct vmm *vmm, int vcpu);  /* run freely again */
/* Pause and run exactly n guest instructions, then stay paused. A GETCHAR `in` among them
 * waits for its key; the step ends when that `in` completes, nothing after it runs.
 * Requests made while a step is still pending are merged into it (stats.steps_merged). */
int vmm_step(struct vmm *vmm, int vcpu, unsigned n);
int vmm_stop(struct vmm *vmm, int vcpu);
void vmm_stop_all(struct vmm *vmm);
int vmm_set_exit_rate(struct vmm *vmm, int vcpu, unsigned exits_per_sec);
/* Slow motion: pause, then step by itself steps_per_sec times a second (timed by the
 * vCPU thread, not by whoever draws); 0 turns it off and leaves the vCPU paused. */
int vmm_set_slowmo(struct vmm *vmm, int vcpu, unsigned steps_per_sec);

/* ---- breakpoints (types above) ---- */

/* Replace the vCPU's breakpoints (n = 0 removes them all). Returns 0, -EINVAL, -EAGAIN. */
int vmm_set_breakpoints(struct vmm *vmm, int vcpu, const struct vmm_breakpoint *bp, int n);
/* Run until the next exit to the VMM, then pause there (the exit explained: snapshot). */
int vmm_until_exit(struct vmm *vmm, int vcpu);

/* Output (vCPU -> UI): copies up to n bytes; returns the count. Drain often: a full
 * ring makes that vCPU wait (output is never dropped). */
size_t vmm_read_output(struct vmm *vmm, int vcpu, char *buf, size_t n);
/* Input (UI -> vCPU GETCHAR queue): returns bytes accepted (less if the queue is full). */
size_t vmm_write_input(struct vmm *vmm, int vcpu, const char *buf, size_t n);
size_t vmm_input_queued(struct vmm *vmm, int vcpu);   /* keys typed, not read yet */
void vmm_close_input(struct vmm *vmm, int vcpu);    /* end of input: GETCHAR gets 0xFF */

/* Copy the latest snapshot; returns true if it changed since the last call for this vCPU.
 * Reading never disturbs the vCPU. */
bool vmm_snapshot(struct vmm *vmm, int vcpu, struct vmm_snapshot *out);

/* The vCPU's exit log: the last VMM_EXIT_LOG records, oldest overwritten, each with a
 * sequence number (0, 1, 2, ...). Copies up to max records, oldest first, starting at
 * sequence number *from (or the oldest still kept), and advances *from past them. Returns
 * the count; *lost (if not NULL) gets how many records from the old *from on were
 * overwritten before they could be read. vmm_exit_log_next() is the number the next
 * record will get: from = next - N reads the newest N. */
#define VMM_EXIT_LOG 8192
size_t vmm_exit_log(struct vmm *vmm, int vcpu, uint64_t *from, struct vmm_exit_record *out,
		    size_t max, uint64_t *lost);
uint64_t vmm_exit_log_next(struct vmm *vmm, int vcpu);
/* Words for one record: "OUT 0x500 -> PUTCHAR 'H'", "HLT", "MMIO read 0xfee00030 ...". */
void vmm_exit_describe(const struct vmm_exit_record *r, char *buf, size_t n);

/* A file descriptor that becomes readable when output, a snapshot or an end is there
 * (poll it with the terminal); vmm_clear_notify() after waking, before draining. */
int vmm_notify_fd(const struct vmm *vmm);
void vmm_clear_notify(struct vmm *vmm);

bool vmm_finished(struct vmm *vmm);                 /* every vCPU has ended */
bool vmm_vcpu_finished(struct vmm *vmm, int vcpu);
bool vmm_any_faulted(struct vmm *vmm);              /* some vCPU ended FAULTED */

/* ---- inspecting a guest (for the monitor's views and commands) ----
 * The decoders are pure functions over bytes and registers (included at the end of this
 * header): guest_mem.h (reading memory as the guest sees it, address expressions),
 * pagewalk.h (a page walk, mapped ranges), descriptors.h and tss.h (GDT/LDT/IDT, TSS). */
struct guest_view;
/* A view of vcpu's guest as snapshot s saw it: its RAM (read live; the decoders copy what
 * they need, nobody keeps a pointer) and s's registers. Valid until vmm_destroy; s must
 * outlive the view. False for a bad index. */
bool vmm_guest_view(struct vmm *vmm, int vcpu, const struct vmm_snapshot *s,
		    struct guest_view *out);

/* CLOCK_MONOTONIC in nanoseconds: the one clock of the core and its frontends. */
uint64_t vmm_clock_ns(void);

/* Names for display (static strings). */
const char *vmm_state_name(enum vmm_run_state s);   /* "running", "waiting for input", ... */
const char *vmm_mode_name(enum vmm_cpu_mode m);     /* "real", "protected", "long" */
const char *vmm_exit_reason_name(enum vmm_exit_reason r);
const char *vmm_hypercall_name(int fn);             /* "EXIT", "PUTCHAR", ..., "unknown" */

#include "descriptors.h"
#include "guest_mem.h"
#include "pagewalk.h"
#include "tss.h"

#endif
