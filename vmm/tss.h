/* tss.h — the task-state segment a TSS descriptor points to, decoded from bytes the caller
 * copied out of guest memory: 16-, 32- and 64-bit layouts. Pure functions, like
 * descriptors.h (which finds the TSS descriptor in the GDT).
 */
#ifndef VMM_TSS_H
#define VMM_TSS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "descriptors.h"

enum tss_kind { TSS_16, TSS_32, TSS_64 };

struct tss_info {
	enum tss_kind kind;
	size_t have;          /* bytes decoded (fields past it read as 0 and are not shown) */
	bool truncated;       /* have < the architectural size (44, 104 or 104 bytes) */
	/* every field as a plain number (0 where the kind has none or the bytes ran out) */
	uint64_t link;        /* 16/32: previous task link */
	uint64_t sp[3];       /* ESP0-2 / SP0-2 / RSP0-2 */
	uint64_t ss[3];       /* 16/32 only: SS0-2 */
	uint64_t ist[7];      /* 64 only: IST1-7 (ist[0] = IST1) */
	uint64_t cr3, ip, flags; /* 32: CR3, EIP, EFLAGS; 16: IP, FLAGS */
	uint64_t gpr[8];      /* 16/32: eax ecx edx ebx esp ebp esi edi */
	uint64_t seg[6];      /* 16/32: es cs ss ds fs gs (16: es cs ss ds) */
	uint64_t ldt;
	uint64_t trap;        /* 32: the T flag (debug trap on task switch) */
	uint64_t iomap_base;  /* 32/64 */
};

/* The kind follows the descriptor: a 64-bit TSS in long mode, 32-bit or 16-bit by type. */
enum tss_kind tss_kind_of(const struct desc *tss_descriptor);
/* Decode `have` bytes read from the TSS's base. Never reads past have. */
void tss_decode(const uint8_t *buf, size_t have, enum tss_kind kind, struct tss_info *out);
/* Lines ("\n"-terminated): "RSP0=0x... RSP1=... RSP2=...", "IST1=...", "I/O map base=...".
 * Returns bytes written (without the NUL). */
size_t tss_format(const struct tss_info *t, char *out, size_t n);

#endif
