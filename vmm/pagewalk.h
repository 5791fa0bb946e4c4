/* pagewalk.h — one linear address through the guest's own page tables, the way the MMU
 * walks them (32-bit, PAE and 4-level paging; Intel SDM vol. 3, chapter 4): every level's
 * entry and flags, the physical address or where and why the walk stops, and whether a
 * given access (user/supervisor, read/write/execute) would fault. Plus a bounded summary
 * of mapped ranges (QEMU's `info mem`). Pure functions over a copy-free view of guest RAM:
 * no KVM, no allocation, no writes (accessed/dirty bits are never set).
 */
#ifndef VMM_PAGEWALK_H
#define VMM_PAGEWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The control registers a walk depends on. phys_bits is the guest's MAXPHYADDR; 0 means
 * 52 (then only the architecturally reserved bits count as reserved). */
struct pagewalk_cpu {
	uint64_t cr0, cr3, cr4, efer;
	unsigned phys_bits;
};

enum pagewalk_mode {
	PAGEWALK_MODE_OFF,    /* CR0.PG = 0: linear = physical */
	PAGEWALK_MODE_32,     /* 2 levels of 4-byte entries, 4 MiB pages with CR4.PSE */
	PAGEWALK_MODE_PAE,    /* PDPT (4 entries) -> PD -> PT, 2 MiB pages */
	PAGEWALK_MODE_4LEVEL, /* PML4 -> PDPT -> PD -> PT, 1 GiB and 2 MiB pages */
	PAGEWALK_MODE_5LEVEL, /* CR4.LA57: recognised, not walked */
};

enum pagewalk_status {
	PAGEWALK_OK,           /* translated (paging off counts) */
	PAGEWALK_NOT_PRESENT,  /* P = 0 at stop_level */
	PAGEWALK_RESERVED,     /* reserved bits (reserved_bits) set at stop_level */
	PAGEWALK_OUTSIDE_RAM,  /* CR3 (stop_level -1) or the entry at stop_level points to a
				* table that is not in guest RAM */
	PAGEWALK_NONCANONICAL, /* 4-level: bits 63:47 are not all equal (a #GP, not a #PF) */
	PAGEWALK_UNSUPPORTED,  /* 5-level paging */
};

/* Entry flags, decoded (PAGEWALK_NX is the entry's bit 63). */
#define PAGEWALK_P 0x001u
#define PAGEWALK_RW 0x002u
#define PAGEWALK_US 0x004u
#define PAGEWALK_PWT 0x008u
#define PAGEWALK_PCD 0x010u
#define PAGEWALK_A 0x020u
#define PAGEWALK_D 0x040u
#define PAGEWALK_PS 0x080u
#define PAGEWALK_G 0x100u
#define PAGEWALK_NX 0x200u

/* The access to judge: a supervisor read is 0. */
#define PAGEWALK_WRITE 0x1u
#define PAGEWALK_USER 0x2u  /* CPL 3 */
#define PAGEWALK_EXEC 0x4u
#define PAGEWALK_AC 0x8u    /* RFLAGS.AC: SMAP lets supervisor data accesses through */

struct pagewalk_level {
	const char *name;     /* "PML4E", "PDPTE", "PDE", "PTE" */
	const char *table;    /* the table it is in: "PML4", "PDPT", "PD", "PT" */
	unsigned index;
	uint64_t table_addr;  /* physical address of that table */
	uint64_t entry_addr;  /* physical address of the entry */
	uint64_t entry;       /* raw (4 or 8 bytes) */
	unsigned width;       /* 4 or 8 */
	uint32_t flags;       /* PAGEWALK_P ... */
	bool leaf;            /* maps a page (PTE, or PS set where a large page may be) */
	uint64_t next;        /* the next table, or the page frame if leaf */
	uint64_t page_size;   /* leaf: 4 KiB, 2 MiB, 4 MiB or 1 GiB */
};

struct pagewalk_result {
	enum pagewalk_mode mode;
	enum pagewalk_status status;
	uint64_t linear;
	uint64_t cr3_table;           /* the top table (CR3 with its flag bits masked) */
	int nlevels;                  /* entries read, top first */
	struct pagewalk_level level[4];
	int stop_level;               /* where it stopped (status != OK): index into level[] */
	uint64_t reserved_bits;       /* RESERVED: the offending bits of the entry */
	uint64_t phys;                /* OK: the physical address */
	uint64_t page_size;           /* OK: 0 when paging is off */
	bool phys_in_ram;             /* OK: the physical byte is in guest RAM */
	uint32_t eff_flags;           /* OK: RW and US as all levels allow them, NX if any sets it */
	/* the access that was judged */
	unsigned access;
	bool allowed;                 /* translated and permitted */
	int deny_level;               /* permission: the first level that forbids it, or -1 */
	const char *deny_reason;      /* "U/S = 0 (supervisor only)", "R/W = 0 (read-only)", ... */
	uint32_t pf_error;            /* the #PF error code the CPU would push (0 if OK / #GP) */
};

/* Walk `linear` for `access` through the tables in ram[0, ram_size). Returns status. */
enum pagewalk_status pagewalk(const uint8_t *ram, uint64_t ram_size,
			      const struct pagewalk_cpu *cpu, uint64_t linear, unsigned access,
			      struct pagewalk_result *out);

enum pagewalk_mode pagewalk_mode_of(const struct pagewalk_cpu *cpu);
const char *pagewalk_mode_name(enum pagewalk_mode m); /* "4-level paging", ... */

/* "P RW US pwt pcd A d PS g nx": upper case set, lower case clear (Bochs' style); NX only
 * for 8-byte entries. Returns buf. */
char *pagewalk_flags_text(uint32_t flags, unsigned width, char *buf, size_t n);

/* The walk in lines ("\n"-terminated): a heading, one line per level, the outcome, and
 * the access's verdict, e.g.
 *   "PDE[1] @0x13008 = 0x0000000000200083  P RW us pwt pcd a d PS g nx -> 2 MiB page 0x200000"
 *   "user read: denied at PDE[1]: U/S = 0 (supervisor only), #PF error 0x5"
 * Returns bytes written (without the NUL); lines that do not fit are left out whole. */
size_t pagewalk_format(const struct pagewalk_result *r, char *out, size_t n);

/* ---- mapped ranges (QEMU's `info mem`) ---- */

struct pagewalk_range {
	uint64_t start, size;  /* linear */
	uint32_t flags;        /* effective PAGEWALK_RW / US / NX, all pages alike */
	bool phys_contiguous;  /* the pages are physically contiguous too: phys is meaningful */
	uint64_t phys;         /* physical address of start */
};

struct pagewalk_ranges_info {
	size_t count;          /* ranges written */
	uint64_t entries_read; /* work done */
	bool rows_full;        /* out[] filled before the tables ended */
	bool work_cut;         /* stopped after PAGEWALK_RANGES_BUDGET entries */
	uint64_t bad_entries;  /* present entries skipped: reserved bits, tables outside RAM */
};

#define PAGEWALK_RANGES_BUDGET (1u << 21) /* entries read at most: a few ms */

/* Mapped linear ranges, ascending, neighbours with equal flags merged. Bounded: at most max
 * rows and PAGEWALK_RANGES_BUDGET entries read. Returns the number of ranges. */
size_t pagewalk_ranges(const uint8_t *ram, uint64_t ram_size, const struct pagewalk_cpu *cpu,
		       struct pagewalk_range *out, size_t max, struct pagewalk_ranges_info *info);

/* Lines like QEMU's: "0000000000200000-0000000004000000 0000000003e00000 -rw- (phys 0x200000)"
 * (u = user, r, w = writable, x = executable), then a line if the list was cut. */
size_t pagewalk_format_ranges(const struct pagewalk_range *r, const struct pagewalk_ranges_info *info,
			      enum pagewalk_mode mode, char *out, size_t n);

#endif
