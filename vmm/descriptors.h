/* descriptors.h — the guest's descriptor tables in words: GDT/LDT entries and IDT gates
 * (the real-mode IVT, 8-byte protected-mode and 16-byte long-mode gates), decoded from
 * bytes the caller copied out of guest memory. Pure functions: no guest memory, no KVM, no
 * allocation. The TSS a descriptor points to: tss.h. Reading the bytes: guest_mem.h.
 */
#ifndef VMM_DESCRIPTORS_H
#define VMM_DESCRIPTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which table, and how the CPU reads it. */
enum desc_table { DESC_GDT, DESC_LDT, DESC_IDT };
enum desc_mode {
	DESC_MODE_REAL,   /* IDT = IVT: 4-byte segment:offset vectors; GDT as in protected */
	DESC_MODE_PROT,   /* 8-byte descriptors and gates */
	DESC_MODE_LONG,   /* IA-32e: system descriptors and gates take 16 bytes */
};

enum desc_class {
	DESC_CLASS_NULL,      /* all zero (the GDT's slot 0, an unused slot) */
	DESC_CLASS_CODE,
	DESC_CLASS_DATA,
	DESC_CLASS_TSS,
	DESC_CLASS_LDT,
	DESC_CLASS_CALL_GATE,
	DESC_CLASS_INT_GATE,
	DESC_CLASS_TRAP_GATE,
	DESC_CLASS_TASK_GATE,
	DESC_CLASS_IVT,       /* a real-mode interrupt vector: selector:offset */
	DESC_CLASS_RESERVED,  /* a system type the mode does not define */
	DESC_CLASS_UPPER,     /* long mode: the upper half of the 16-byte entry before it */
};

/* Something about the entry is wrong; it is still decoded as far as it goes. */
#define DESC_F_TRUNCATED 0x01      /* the table (limit or the bytes read) ends inside it */
#define DESC_F_RESERVED_TYPE 0x02  /* a type value this mode reserves */
#define DESC_F_NOT_HERE 0x04       /* a valid kind that this table may not hold (a TSS in
				    * the IDT, an interrupt gate in the GDT, an LDT in an LDT) */
#define DESC_F_BAD_UPPER 0x08      /* 16-byte form: the upper half's type field is not 0 */
#define DESC_F_L_AND_D 0x10        /* code with L=1 and D=1: reserved, loading it faults */

struct desc {
	uint32_t offset;     /* byte offset in the table: the selector (GDT/LDT) or vector*size */
	uint16_t index;      /* entry number: offset / 8 (GDT/LDT), the vector (IDT) */
	uint8_t size;        /* bytes this entry takes: 4 (IVT), 8 or 16 */
	uint8_t flags;       /* DESC_F_* */
	enum desc_class cls;
	uint64_t raw[2];     /* the bytes as read, little-endian; raw[1] only for 16 bytes */
	/* segments (code, data, TSS, LDT) */
	uint64_t base;
	uint32_t limit_raw;  /* the 20-bit field */
	uint64_t limit;      /* the last valid offset: limit_raw scaled by G */
	/* gates (and IVT vectors) */
	uint16_t selector;   /* target code segment (task gate: the TSS selector) */
	uint64_t target;     /* target offset */
	uint8_t ist;         /* long-mode interrupt/trap gates: IST slot, 0 = none */
	uint8_t params;      /* 32-bit call gates: dwords copied to the new stack */
	/* attribute bits as in the descriptor */
	uint8_t type, s, dpl, p, avl, l, db, g;
	uint8_t bits;        /* 16, 32 or 64 for code, gates and TSSs; 0 otherwise */
};

/* The type's name: "code, execute/read, accessed", "data, read/write, expand-down",
 * "64-bit TSS (busy)", "32-bit interrupt gate", "reserved system type 0x8", ... */
const char *desc_type_name(const struct desc *d);

/* Decode the entry at byte `offset` of a table whose bytes [0, have) the caller holds.
 * `limit` is the table register's limit (last valid byte); bytes past min(limit+1, have)
 * count as missing: the entry is decoded from what there is and marked TRUNCATED.
 * Returns the entry's size (4, 8 or 16: where the next one starts), 0 if offset is
 * already past the table. */
size_t desc_decode(const uint8_t *buf, size_t have, uint32_t limit, enum desc_table table,
		   enum desc_mode mode, uint32_t offset, struct desc *out);

/* Decode a whole table into out[0..max): returns how many entries were decoded. */
size_t desc_decode_table(const uint8_t *buf, size_t have, uint32_t limit,
			 enum desc_table table, enum desc_mode mode, struct desc *out, size_t max);

/* One line for an entry, no newline, e.g.
 *   "GDT[0x08] code, execute/read, accessed  base=0x0 limit=0xfffff*4K DPL=0 P L  64-bit"
 *   "IDT[0x80] 64-bit interrupt gate  0x08:0x100f20 DPL=3 P IST=0"
 * Returns the length snprintf would have written. */
int desc_format(const struct desc *d, enum desc_table table, char *buf, size_t n);

/* The table, one line per entry ("\n"-terminated), like Bochs' `info gdt`: a heading
 * line with base and limit first. Lines that do not fit in n are left out whole and the
 * last line says how many. Returns the bytes written (without the final NUL). */
size_t desc_format_table(const uint8_t *buf, size_t have, uint64_t base, uint32_t limit,
			 enum desc_table table, enum desc_mode mode, char *out, size_t n);

#endif
