/* guest_mem.h — reading guest memory the way the guest sees it, as pure functions over a
 * view (RAM + the vCPU's registers): linear addresses through segmentation and the guest's
 * own page tables, or physical ones, copied page by page and bounds-checked; and the
 * address expressions a monitor user types ("ds:si", "rsp+8", "1000:0012", "p 0x1234").
 * No KVM here: the caller owns RAM and the register snapshot (a vCPU may run meanwhile;
 * bytes are copied, never pointed to). Nothing here writes guest memory.
 */
#ifndef VMM_GUEST_MEM_H
#define VMM_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "descriptors.h"
#include "pagewalk.h"
#include "vmm.h" /* struct vmm_regs, struct vmm_sregs */

struct guest_view {
	const uint8_t *mem;              /* guest RAM, guest-physical 0 .. mem_size */
	uint64_t mem_size;
	const struct vmm_regs *regs;     /* NULL: no registers (expressions may not use them) */
	const struct vmm_sregs *sregs;   /* NULL: no segmentation, no paging (physical = linear) */
};

enum guest_addr_kind { GUEST_LINEAR, GUEST_PHYSICAL };

#define GUEST_WHY_LEN 128

/* Copy up to len bytes from addr. A read that reaches an unmapped page or the end of RAM
 * stops there: returns the bytes copied, and why (one line, "" if all were copied) names
 * the first address not read and the reason:
 *   "0x400000: not mapped (PDE[2] not present)", "physical 0x4000000 is past the end of
 *   guest RAM (64 MiB)". why may be NULL. */
size_t guest_mem_read(const struct guest_view *v, enum guest_addr_kind kind, uint64_t addr,
		      void *buf, size_t len, char why[GUEST_WHY_LEN]);

/* Linear -> physical with the view's paging (a supervisor read; rights are not judged):
 * true and *phys, or false and why. Paging off: physical = linear. */
bool guest_mem_translate(const struct guest_view *v, uint64_t linear, uint64_t *phys,
			 char why[GUEST_WHY_LEN]);

/* The view's CR0/CR3/CR4/EFER for pagewalk(); all 0 (paging off) without sregs. */
void guest_mem_pagewalk_cpu(const struct guest_view *v, struct pagewalk_cpu *cpu);

/* ---- the descriptor tables (guest_mem_tables.c) ---- */

/* Which layout the CPU uses for its tables now: real (IVT), protected or long. */
enum desc_mode guest_mem_desc_mode(const struct vmm_sregs *s);
/* The GDT, LDT or IDT the sregs point to, read through the view and decoded: a heading,
 * one line per entry (the entries CS, SS, DS, TR and LDTR name marked "<- CS SS"), and a
 * line if the read stopped early. Whole lines only; returns bytes written. UI thread only
 * (it uses a static 64 KiB buffer). */
size_t guest_mem_format_table(const struct guest_view *v, enum desc_table t, char *buf, size_t n);
/* The TSS that TR selects: "TR=0x0028 base=... limit=...", then tss_format's lines. */
size_t guest_mem_format_tss(const struct guest_view *v, char *buf, size_t n);

/* ---- address expressions ----
 *   number       0x1234 (hex) or 4660 (decimal): a linear address
 *   register     rsp, esp, sp, rip, eax, al, r8d, cr2, ... with + or - terms: "rsp+8",
 *                "rbp-0x10", "rsi+rcx". Registers carry their usual segment: rip/eip/ip
 *                CS, rsp/rbp (any width) SS, the others DS.
 *   seg:off      "ds:si", "es:di", "ss:sp+2", "1000:0012" (numbers here are hex even
 *                without 0x, as in DEBUG); a numeric selector in protected mode is looked
 *                up in the GDT/LDT. Real mode: seg*16 + off (off wraps at 64 KiB).
 *   p EXPR       physical: "p0x1234", "p 0x1234" (QEMU's xp); no segments.
 * Offsets wrap at the width of the current code (16, 32 or 64 bits); in 64-bit code only
 * FS and GS have a base. */
struct guest_addr {
	enum guest_addr_kind kind;
	uint64_t addr;      /* the linear (or physical) address */
	bool has_seg;       /* written as seg:off */
	uint16_t seg;       /* the selector (a register's or the number) */
	uint64_t seg_base;  /* the base that was added */
	uint64_t off;       /* the offset, wrapped to the code's width */
};

/* 0, or -1 with one line in err ("unknown register 'xyz'"). Never reads past text's NUL. */
int guest_addr_parse(const struct guest_view *v, const char *text, struct guest_addr *out,
		     char *err, size_t errlen);

#endif
