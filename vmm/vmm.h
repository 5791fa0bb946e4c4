/* vmm.h — the only header a frontend includes: create guests, run them, control a vCPU,
 * move bytes in and out, read the latest snapshot of a vCPU. No <linux/kvm.h> here:
 * snapshots are our own plain structs. No curses anywhere in vmm/.
 *
 * Threads: every vmm_* function is for the one UI thread (the "consumer"), except where
 * a comment says otherwise. Each vCPU runs in its own named thread (vcpu0, vcpu1, ...).
 */
#ifndef VMM_VMM_H
#define VMM_VMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypercall.h" /* the guest ABI numbers are part of the contract */

#define VMM_MAX_VCPUS 16
#define VMM_ERROR_LEN 256
#define VMM_HC_SLOTS (HC_COUNT + 1) /* by_hypercall: one per function, the last = unknown */

/* ---- configuration ---- */

struct vmm_config {
	const char *images[VMM_MAX_VCPUS]; /* one image per vCPU (separate VMs) ... */
	int nimages;
	int shared_vcpus;      /* ... or, if > 0, images[0] on this many vCPUs of one VM */
	bool force_irqchip;    /* --irqchip: in-kernel IRQCHIP + PIT even for flat images */
	unsigned exit_rate[VMM_MAX_VCPUS]; /* per-vCPU speed limit in exits/s, 0 = full speed */
};

/* Exit statuses of the whole program (PRODUCT.md). */
enum vmm_status {
	VMM_STATUS_OK = 0,        /* every guest ended normally */
	VMM_STATUS_FAULT = 1,     /* a guest faulted or a time limit ran out */
	VMM_STATUS_USAGE = 2,     /* bad input or usage */
	VMM_STATUS_HOST = 3,      /* the host cannot run it */
};

/* ---- what a vCPU is doing ---- */

enum vmm_run_state {
	VMM_STATE_CREATED,   /* not started yet */
	VMM_STATE_RUNNING,
	VMM_STATE_PAUSED,    /* stopped by the user; steps happen from here */
	VMM_STATE_WAITING,   /* GETCHAR with an empty input queue: waits, burns no CPU */
	VMM_STATE_BLOCKED,   /* output ring full: waits for the UI to drain it */
	VMM_STATE_HALTED,    /* ended by HLT (no irqchip): normal end */
	VMM_STATE_EXITED,    /* ended by the EXIT hypercall: normal end */
	VMM_STATE_FAULTED,   /* ended by a fault; the snapshot's error says which */
	VMM_STATE_STOPPED,   /* ended by vmm_stop or the time limit */
	VMM_STATE__COUNT
};

enum vmm_cpu_mode { VMM_MODE_REAL, VMM_MODE_PROT, VMM_MODE_LONG };

/* Exit reasons we count (our classification of KVM_EXIT_*). */
enum vmm_exit_reason {
	VMM_EXIT_HYPERCALL,  /* port 0x500 */
	VMM_EXIT_COM1,       /* ports 0x3F8-0x3FF */
	VMM_EXIT_OTHER_IO,   /* any other port: reads 0xFF, writes ignored */
	VMM_EXIT_MMIO,       /* memory outside RAM: reads all-ones, writes ignored */
	VMM_EXIT_HLT,
	VMM_EXIT_DEBUG,      /* single-step */
	VMM_EXIT_KICK,       /* KVM_RUN interrupted by our signal (pause, stop, UI) */
	VMM_EXIT_IRQ_WINDOW,
	VMM_EXIT_SHUTDOWN,   /* triple fault */
	VMM_EXIT_INTERNAL,   /* KVM_EXIT_INTERNAL_ERROR (emulation failure) */
	VMM_EXIT_FAIL_ENTRY,
	VMM_EXIT_OTHER,
	VMM_EXIT__COUNT
};

struct vmm_stats {
	uint64_t exits;                          /* all exits to userspace */
	uint64_t by_reason[VMM_EXIT__COUNT];
	uint64_t by_hypercall[VMM_HC_SLOTS];     /* index = function, [HC_COUNT] = unknown */
	uint64_t out_bytes, in_bytes;            /* guest output / input consumed */
	uint64_t ns_guest;                       /* inside KVM_RUN */
	uint64_t ns_vmm;                         /* handling exits in userspace */
	uint64_t ns_wait;                        /* paused, waiting for input, or blocked */
	uint64_t rt_min_ns, rt_max_ns, rt_sum_ns, rt_count; /* exit-to-exit round trip */
	uint64_t startup_ns;                     /* vmm_create start -> vCPU thread ready to run */
	uint64_t steps;                          /* single steps completed */
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

/* The latest state of one vCPU. Published by the vCPU thread at most ~50 times a second
 * while it runs, and at once after every pause, step, wait and end. */
struct vmm_snapshot {
	uint64_t seq;              /* increases with every publish */
	uint64_t time_ns;          /* CLOCK_MONOTONIC at publish */
	enum vmm_run_state state;
	enum vmm_cpu_mode mode;
	bool paging;
	int cpl;
	bool regs_valid;           /* false before the first KVM_RUN */
	struct vmm_regs regs;
	struct vmm_sregs sregs;
	uint64_t code_addr;        /* linear address of the bytes below (CS base + RIP) */
	uint8_t code[16];          /* instruction bytes at RIP, for the disassembler */
	uint8_t code_len;          /* 0 if RIP is not in guest RAM */
	char last_exit[96];        /* decoded, e.g. "OUT 0x500 -> PUTCHAR 'H'" */
	char error[VMM_ERROR_LEN]; /* for FAULTED: one line naming guest, vCPU, what, why */
	unsigned exit_rate;        /* current speed limit, exits/s, 0 = full speed */
	struct vmm_stats stats;
};

struct vmm;

/* Create every VM and vCPU (threads not started). Returns a VMM_STATUS_*; on failure
 * *out is NULL and err holds one line ("vcpu1 (hello.bin): ...: reason"). */
int vmm_create(const struct vmm_config *cfg, struct vmm **out, char err[VMM_ERROR_LEN]);
int vmm_start(struct vmm *vmm);                     /* start all vCPU threads; 0 or -errno */
void vmm_destroy(struct vmm *vmm);                  /* stops, joins and frees everything */

int vmm_vcpu_count(const struct vmm *vmm);
const char *vmm_guest_name(const struct vmm *vmm, int vcpu); /* image basename */
/* The host probe's one line. The probe runs on the first call (a few ms, this thread),
 * or already at vmm_create for a protected-mode image. */
const char *vmm_host_line(struct vmm *vmm);
/* What the VMM had to do differently for these images on this host, one line each
 * ("vcpu0 (os1k32.elf): host KVM refuses 32-bit paging: running with paging off"),
 * or "". Frontends show it (headless: on stderr). */
const char *vmm_notices(const struct vmm *vmm);

/* Control: flag + kick; they return at once (0, or -EINVAL for a bad index or a vCPU
 * that has ended). A step runs exactly one guest instruction (any exit ends it). */
int vmm_pause(struct vmm *vmm, int vcpu);
int vmm_resume(struct vmm *vmm, int vcpu);
int vmm_step(struct vmm *vmm, int vcpu);
int vmm_stop(struct vmm *vmm, int vcpu);
void vmm_stop_all(struct vmm *vmm);
int vmm_set_exit_rate(struct vmm *vmm, int vcpu, unsigned exits_per_sec);

/* Output (vCPU -> UI): copies up to n bytes; returns the count. Drain often: a full
 * ring makes that vCPU wait (output is never dropped). */
size_t vmm_read_output(struct vmm *vmm, int vcpu, char *buf, size_t n);
/* Input (UI -> vCPU GETCHAR queue): returns bytes accepted (less if the queue is full). */
size_t vmm_write_input(struct vmm *vmm, int vcpu, const char *buf, size_t n);
void vmm_close_input(struct vmm *vmm, int vcpu);    /* end of input: GETCHAR gets 0xFF */

/* Copy the latest snapshot; returns true if it changed since the last call for this vCPU. */
bool vmm_snapshot(struct vmm *vmm, int vcpu, struct vmm_snapshot *out);

/* A file descriptor that becomes readable when output, a snapshot or an end is there
 * (poll it with the terminal); vmm_clear_notify() after waking, before draining. */
int vmm_notify_fd(const struct vmm *vmm);
void vmm_clear_notify(struct vmm *vmm);

bool vmm_finished(struct vmm *vmm);                 /* every vCPU has ended */
bool vmm_vcpu_finished(struct vmm *vmm, int vcpu);
int vmm_exit_status(struct vmm *vmm);               /* VMM_STATUS_OK or VMM_STATUS_FAULT */

/* Names for display (static strings). */
const char *vmm_state_name(enum vmm_run_state s);   /* "running", "waiting for input", ... */
const char *vmm_mode_name(enum vmm_cpu_mode m);     /* "real", "protected", "long" */
const char *vmm_exit_reason_name(enum vmm_exit_reason r);
const char *vmm_hypercall_name(int fn);             /* "EXIT", "PUTCHAR", ..., "unknown" */

#endif
