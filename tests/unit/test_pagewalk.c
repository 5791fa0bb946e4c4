/* test_pagewalk.c — walks through fabricated page tables: the tables modes.c builds for
 * ELF guests, the 1K OS's own layout (a ring-3 read of a kernel page faults at the PDE),
 * 32-bit, PAE and 4-level paging with a large page at every level that allows one,
 * reserved bits, tables outside RAM, tables that point to themselves, and the bounded
 * `info mem` summary. No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/guest_layout.h"
#include "../../vmm/modes.h"
#include "../../vmm/pagewalk.h"

static uint8_t mem[LAYOUT_ELF_RAM_SIZE];
static char text[4096];

#define P 0x1ULL
#define RW 0x2ULL
#define US 0x4ULL
#define PS 0x80ULL
#define NX (1ULL << 63)

static void set64(uint64_t pa, uint64_t v)
{
	memcpy(mem + pa, &v, 8);
}

static void set32(uint64_t pa, uint32_t v)
{
	memcpy(mem + pa, &v, 4);
}

static struct pagewalk_cpu long_cpu(uint64_t cr3)
{
	return (struct pagewalk_cpu){ .cr0 = CR0_PE | CR0_PG | CR0_WP, .cr3 = cr3,
				      .cr4 = CR4_PAE, .efer = EFER_LME | EFER_LMA | EFER_NXE };
}

static struct pagewalk_result walk(const struct pagewalk_cpu *cpu, uint64_t la, unsigned access)
{
	struct pagewalk_result r;
	pagewalk(mem, sizeof(mem), cpu, la, access, &r);
	return r;
}

static const char *fmt(const struct pagewalk_result *r)
{
	pagewalk_format(r, text, sizeof(text));
	return text;
}

/* The identity map of 2 MiB pages that modes.c gives every 64-bit ELF guest. */
static void test_modes_long(void)
{
	memset(mem, 0, sizeof(mem));
	struct kvm_sregs s;
	struct kvm_regs regs;
	memset(&s, 0, sizeof(s));
	struct boot_params b = { IMAGE_LONG, 0x100040, 0, false, mem, sizeof(mem) };
	modes_setup(&b, &s, &regs);
	struct pagewalk_cpu cpu = { s.cr0, s.cr3, s.cr4, s.efer, 0 };
	CHECK_EQ(pagewalk_mode_of(&cpu), PAGEWALK_MODE_4LEVEL);
	struct pagewalk_result r = walk(&cpu, 0x100040, PAGEWALK_EXEC);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK_EQ(r.phys, 0x100040);
	CHECK_EQ(r.nlevels, 3);
	CHECK_EQ(r.page_size, 2ULL << 20);
	CHECK(r.allowed);
	CHECK_STR(fmt(&r),
		  "linear 0x100040: 4-level paging, CR3 -> PML4 at 0x11000\n"
		  "PML4E[  0] @0x11000 = 0x0000000000012003  P RW us pwt pcd a d ps g nx -> PDPT 0x12000\n"
		  "PDPTE[  0] @0x12000 = 0x0000000000013003  P RW us pwt pcd a d ps g nx -> PD 0x13000\n"
		  "PDE  [  0] @0x13000 = 0x0000000000000083  P RW us pwt pcd a d PS g nx -> 2 MiB page 0x0\n"
		  "physical 0x100040 (in the 2 MiB page at 0x0)\n"
		  "ring-0 execute: allowed\n");
	/* the stack top, last byte of RAM; one past it is not mapped */
	r = walk(&cpu, sizeof(mem) - 1, PAGEWALK_WRITE);
	CHECK_EQ(r.phys, sizeof(mem) - 1);
	CHECK(r.allowed);
	r = walk(&cpu, sizeof(mem), 0);
	CHECK_EQ(r.status, PAGEWALK_NOT_PRESENT);
	CHECK_EQ(r.stop_level, 2);
	CHECK_CONTAINS(fmt(&r), "stops at PDE[32]: not present (P = 0)\n"
				"ring-0 read: faults (not present), #PF error 0x0\n");
	/* the VMM's tables are supervisor-only: ring 3 stops at the top */
	r = walk(&cpu, 0x100040, PAGEWALK_USER);
	CHECK(!r.allowed);
	CHECK_EQ(r.deny_level, 0);
	CHECK_EQ(r.pf_error, 0x5);
	/* info mem: one range, all of RAM */
	struct pagewalk_range rg[8];
	struct pagewalk_ranges_info info;
	CHECK_EQ(pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 8, &info), 1);
	CHECK_EQ(rg[0].start, 0);
	CHECK_EQ(rg[0].size, sizeof(mem));
	pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_4LEVEL, text, sizeof(text));
	CHECK_STR(text, "0000000000000000-0000000004000000 0000000004000000 -rwx (phys 0x0)\n");
}

/* modes.c's 32-bit protected mode with 4 MiB pages (CR4.PSE). */
static void test_modes_prot(void)
{
	memset(mem, 0, sizeof(mem));
	struct kvm_sregs s;
	struct kvm_regs regs;
	memset(&s, 0, sizeof(s));
	struct boot_params b = { IMAGE_PROT, 0x100000, 1, true, mem, sizeof(mem) };
	modes_setup(&b, &s, &regs);
	struct pagewalk_cpu cpu = { s.cr0, s.cr3, s.cr4, s.efer, 0 };
	CHECK_EQ(pagewalk_mode_of(&cpu), PAGEWALK_MODE_32);
	struct pagewalk_result r = walk(&cpu, 0x00512345, PAGEWALK_WRITE);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK_EQ(r.nlevels, 1);
	CHECK_EQ(r.phys, 0x512345);
	CHECK_EQ(r.page_size, 4ULL << 20);
	CHECK_CONTAINS(fmt(&r), "PDE  [  1] @0x15004 = 0x00400083  P RW us pwt pcd a d PS g -> 4 MiB page 0x400000\n");
	/* without CR4.PSE the same PDE points to a page table (of zeros) */
	cpu.cr4 = 0;
	r = walk(&cpu, 0x00512345, 0);
	CHECK_EQ(r.status, PAGEWALK_NOT_PRESENT);
	CHECK_EQ(r.nlevels, 2);
	CHECK_STR(r.level[1].name, "PTE");
	CHECK_EQ(r.level[1].table_addr, 0x400000);
	/* 32-bit linear addresses: bits above 31 are dropped */
	cpu.cr4 = CR4_PSE;
	r = walk(&cpu, 0x100512345ULL, 0);
	CHECK_EQ(r.phys, 0x512345);
}

/* The 1K OS's tables (guests/os1k/k64/paging.c): upper levels allow everything, the
 * kernel's PD entries are supervisor-only, the user window has 4 KiB user pages. */
#define K_PML4 0x200000ULL
#define K_PDPT 0x201000ULL
#define K_PD 0x202000ULL
#define K_PTLOW 0x203000ULL
#define K_PDU 0x204000ULL
#define K_PTU 0x205000ULL
#define USER_BASE 0x40000000ULL

static void os1k_tables(void)
{
	memset(mem, 0, 8 << 20);
	set64(K_PML4, K_PDPT | P | RW | US);
	set64(K_PDPT, K_PD | P | RW | US);
	set64(K_PDPT + 8, K_PDU | P | RW | US);
	set64(K_PDU, K_PTU | P | RW | US);
	set64(K_PD, K_PTLOW | P | RW);
	for (uint64_t i = 1; i < 512; i++)
		set64(K_PTLOW + i * 8, i * 4096 | P | RW);
	for (uint64_t i = 1; i < 32; i++)
		set64(K_PD + i * 8, i << 21 | PS | P | RW);
	set64(K_PTU, 0x103000 | P | US);         /* text: read-only */
	set64(K_PTU + 8, 0x104000 | P | US | RW); /* data */
}

static void test_os1k(void)
{
	os1k_tables();
	struct pagewalk_cpu cpu = long_cpu(K_PML4);
	/* the `!` demo: a ring-3 program reads a kernel page */
	struct pagewalk_result r = walk(&cpu, 0x200010, PAGEWALK_USER);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK(!r.allowed);
	CHECK_EQ(r.deny_level, 2);
	CHECK_STR(r.deny_reason, "U/S = 0 (supervisor only)");
	CHECK_EQ(r.pf_error, 0x5);
	CHECK_STR(fmt(&r),
		  "linear 0x200010: 4-level paging, CR3 -> PML4 at 0x200000\n"
		  "PML4E[  0] @0x200000 = 0x0000000000201007  P RW US pwt pcd a d ps g nx -> PDPT 0x201000\n"
		  "PDPTE[  0] @0x201000 = 0x0000000000202007  P RW US pwt pcd a d ps g nx -> PD 0x202000\n"
		  "PDE  [  1] @0x202008 = 0x0000000000200083  P RW us pwt pcd a d PS g nx -> 2 MiB page 0x200000\n"
		  "physical 0x200010 (in the 2 MiB page at 0x200000)\n"
		  "ring-3 read: faults at PDE[1]: U/S = 0 (supervisor only), #PF error 0x5\n");
	/* the kernel may; page 0 is absent for everyone */
	CHECK(walk(&cpu, 0x200010, PAGEWALK_WRITE).allowed);
	r = walk(&cpu, 0x10, 0);
	CHECK_EQ(r.status, PAGEWALK_NOT_PRESENT);
	CHECK_EQ(r.nlevels, 4);
	CHECK_EQ(r.stop_level, 3);
	r = walk(&cpu, 0x1008, PAGEWALK_USER);
	CHECK_EQ(r.deny_level, 2); /* pd_kernel[0] is supervisor-only, its PT has no U/S either */
	/* user pages: text readable, not writable; data writable */
	r = walk(&cpu, USER_BASE + 0x10, PAGEWALK_USER);
	CHECK(r.allowed);
	CHECK_EQ(r.phys, 0x103010);
	r = walk(&cpu, USER_BASE + 0x10, PAGEWALK_USER | PAGEWALK_WRITE);
	CHECK(!r.allowed);
	CHECK_STR(r.deny_reason, "R/W = 0 (read-only)");
	CHECK_EQ(r.deny_level, 3);
	CHECK_EQ(r.pf_error, 0x7);
	CHECK(walk(&cpu, USER_BASE + 0x1010, PAGEWALK_USER | PAGEWALK_WRITE).allowed);
	/* CR0.WP decides for the kernel writing a read-only page */
	CHECK(!walk(&cpu, USER_BASE, PAGEWALK_WRITE).allowed);
	cpu.cr0 &= ~CR0_WP;
	CHECK(walk(&cpu, USER_BASE, PAGEWALK_WRITE).allowed);
	/* SMEP / SMAP: the kernel executing / touching a user page */
	cpu.cr4 |= 1ULL << 20;
	r = walk(&cpu, USER_BASE, PAGEWALK_EXEC);
	CHECK(!r.allowed);
	CHECK_EQ(r.pf_error, 0x11);
	cpu.cr4 |= 1ULL << 21;
	CHECK(!walk(&cpu, USER_BASE, 0).allowed);
	CHECK(walk(&cpu, USER_BASE, PAGEWALK_AC).allowed);
	/* NX on the user data page: ring 3 may not run it */
	cpu = long_cpu(K_PML4);
	set64(K_PTU + 8, 0x104000 | P | US | RW | NX);
	r = walk(&cpu, USER_BASE + 0x1000, PAGEWALK_USER | PAGEWALK_EXEC);
	CHECK_STR(r.deny_reason, "NX = 1 (no execute)");
	CHECK_EQ(r.pf_error, 0x15);

	/* info mem: kernel low pages, kernel 2 MiB pages (same rights: merged), user text, data */
	struct pagewalk_range rg[16];
	struct pagewalk_ranges_info info;
	CHECK_EQ(pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 16, &info), 3);
	pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_4LEVEL, text, sizeof(text));
	CHECK_STR(text,
		  "0000000000001000-0000000004000000 0000000003fff000 -rwx (phys 0x1000)\n"
		  "0000000040000000-0000000040001000 0000000000001000 ur-x (phys 0x103000)\n"
		  "0000000040001000-0000000040002000 0000000000001000 urw- (phys 0x104000)\n");
	CHECK(!info.rows_full && !info.work_cut);
	/* room for 2 rows only: cut, and said so */
	CHECK_EQ(pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 2, &info), 2);
	CHECK(info.rows_full);
	pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_4LEVEL, text, sizeof(text));
	CHECK_CONTAINS(text, "... cut: 2 of 2+ ranges shown");
}

/* A large page wherever the mode allows one, and PS where it does not. */
static void test_large_pages(void)
{
	memset(mem, 0, 8 << 20);
	struct pagewalk_cpu cpu = long_cpu(0x1000);
	set64(0x1000, 0x2000 | P | RW);
	set64(0x2000, 0x40000000 | PS | P | RW);       /* PDPTE[0]: 1 GiB page at 1 GiB */
	set64(0x2008, 0x3000 | P | RW);                /* PDPTE[1] -> PD */
	set64(0x3000 + 8 * 3, 0x600000 | PS | P);      /* PDE[3]: 2 MiB page */
	set64(0x3000 + 8 * 4, 0x4000 | P | RW);        /* PDE[4] -> PT */
	set64(0x4000 + 8 * 5, 0x7000 | P | RW);        /* PTE[5]: 4 KiB page */
	struct pagewalk_result r = walk(&cpu, 0x12345678, 0);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK_EQ(r.nlevels, 2);
	CHECK_EQ(r.page_size, 1ULL << 30);
	CHECK_EQ(r.phys, 0x52345678);
	CHECK(!r.phys_in_ram); /* translated, but there is no RAM there */
	CHECK_CONTAINS(fmt(&r), "physical 0x52345678 (in the 1 GiB page at 0x40000000), outside guest RAM\n");
	r = walk(&cpu, 0x40000000 + 3 * (2 << 20) + 0x1234, PAGEWALK_WRITE);
	CHECK_EQ(r.page_size, 2ULL << 20);
	CHECK_EQ(r.phys, 0x601234);
	CHECK(!r.allowed); /* R/W = 0 in the PDE, CR0.WP = 1 */
	r = walk(&cpu, 0x40000000 + 4 * (2 << 20) + 5 * 4096 + 9, 0);
	CHECK_EQ(r.nlevels, 4);
	CHECK_EQ(r.phys, 0x7009);
	/* PS in a PML4E is reserved */
	set64(0x1000, 0x2000 | P | RW | PS);
	r = walk(&cpu, 0x1000, 0);
	CHECK_EQ(r.status, PAGEWALK_RESERVED);
	CHECK_EQ(r.stop_level, 0);
	CHECK_EQ(r.reserved_bits, PS);
	CHECK_EQ(r.pf_error, 0x9);

	/* PAE: PDPT of 4 entries at a 32-byte aligned CR3, 2 MiB pages in the PD */
	memset(mem, 0, 8 << 20);
	cpu = (struct pagewalk_cpu){ .cr0 = CR0_PE | CR0_PG, .cr3 = 0x1020, .cr4 = CR4_PAE };
	CHECK_EQ(pagewalk_mode_of(&cpu), PAGEWALK_MODE_PAE);
	set64(0x1020 + 8 * 2, 0x2000 | P);               /* PDPTE[2]: 0x80000000.. */
	set64(0x2000 + 8 * 1, 0x400000 | PS | P | RW | US);
	set64(0x2000 + 8 * 2, 0x3000 | P | RW | US);
	set64(0x3000 + 8 * 7, 0x5000 | P | US);
	r = walk(&cpu, 0x80200000 + 0x42, PAGEWALK_USER | PAGEWALK_WRITE);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK_EQ(r.phys, 0x400042);
	CHECK(r.allowed); /* the PDPTE has no R/W or U/S: it does not count */
	CHECK_STR(r.level[0].name, "PDPTE");
	CHECK_EQ(r.level[0].index, 2);
	r = walk(&cpu, 0x80400000 + 7 * 4096, PAGEWALK_USER | PAGEWALK_WRITE);
	CHECK_EQ(r.phys, 0x5000);
	CHECK_EQ(r.deny_level, 2);
	/* R/W in a PAE PDPTE is reserved; so is NX without EFER.NXE */
	set64(0x1020 + 8 * 2, 0x2000 | P | RW);
	CHECK_EQ(walk(&cpu, 0x80200000, 0).status, PAGEWALK_RESERVED);
	set64(0x1020 + 8 * 2, 0x2000 | P);
	set64(0x2000 + 8 * 1, 0x400000 | PS | P | NX);
	r = walk(&cpu, 0x80200000, 0);
	CHECK_EQ(r.status, PAGEWALK_RESERVED);
	CHECK_EQ(r.reserved_bits, NX);
	cpu.efer = EFER_NXE;
	r = walk(&cpu, 0x80200000, PAGEWALK_EXEC);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK(!r.allowed);
	/* a 2 MiB page with an address bit below 2 MiB (bit 13) set */
	set64(0x2000 + 8 * 1, 0x400000 | 0x2000 | PS | P);
	r = walk(&cpu, 0x80200000, 0);
	CHECK_EQ(r.reserved_bits, 0x2000);
	CHECK_CONTAINS(fmt(&r), "reserved bits 0x2000 set\n");

	/* 32-bit: 4 MiB page with PSE-36 (physical bits 39:32 in bits 20:13); bit 21 reserved */
	memset(mem, 0, 8 << 20);
	cpu = (struct pagewalk_cpu){ .cr0 = CR0_PE | CR0_PG, .cr3 = 0x1000, .cr4 = CR4_PSE };
	set32(0x1000 + 4 * 3, 0x00C00000 | (1u << 13) | PS | P | RW);
	r = walk(&cpu, 0x00C00000 + 0x1234, 0);
	CHECK_EQ(r.phys, 0x100C01234ULL);
	set32(0x1000 + 4 * 3, 0x00C00000 | (1u << 21) | PS | P);
	CHECK_EQ(walk(&cpu, 0x00C00000, 0).status, PAGEWALK_RESERVED);
	/* a smaller MAXPHYADDR makes high address bits reserved */
	cpu = long_cpu(0x1000);
	cpu.phys_bits = 36;
	set64(0x1000, (1ULL << 40) | 0x2000 | P | RW);
	r = walk(&cpu, 0, 0);
	CHECK_EQ(r.status, PAGEWALK_RESERVED);
	CHECK_EQ(r.reserved_bits, 1ULL << 40);
}

static void test_broken(void)
{
	memset(mem, 0, 8 << 20);
	struct pagewalk_cpu cpu = long_cpu(0x1000);
	/* CR3 outside RAM */
	struct pagewalk_result r;
	pagewalk(mem, 8 << 20, &(struct pagewalk_cpu){ .cr0 = CR0_PG | CR0_PE, .cr3 = 0x900000,
						       .cr4 = CR4_PAE, .efer = EFER_LMA }, 0, 0, &r);
	CHECK_EQ(r.status, PAGEWALK_OUTSIDE_RAM);
	CHECK_EQ(r.stop_level, -1);
	CHECK_EQ(r.nlevels, 0);
	CHECK_CONTAINS(fmt(&r), "stops at CR3: the top table at 0x900000 is outside guest RAM\n"
				"ring-0 read: no translation\n");
	/* a PDPTE that points past the end of RAM; the last entry straddling the end */
	set64(0x1000, 0x2000 | P | RW);
	set64(0x2000, 0xC0000000 | P | RW);
	pagewalk(mem, 8 << 20, &cpu, 0x1000, 0, &r);
	CHECK_EQ(r.status, PAGEWALK_OUTSIDE_RAM);
	CHECK_EQ(r.stop_level, 1);
	CHECK_EQ(r.nlevels, 2);
	CHECK_CONTAINS(fmt(&r), "-> PD 0xc0000000: outside guest RAM\n"
				"stops at PDPTE[0]: the table it points to (0xc0000000) is outside guest RAM\n");
	set64(0x2000, 0x7FF000 | P | RW);
	pagewalk(mem, (8 << 20) - 4, &cpu, 511ULL << 21, 0, &r); /* PDE[511] is cut in half */
	CHECK_EQ(r.status, PAGEWALK_OUTSIDE_RAM);
	/* a PML4 whose entry 0 points to itself: four reads, no loop; it maps itself */
	set64(0x1000, 0x1000 | P | RW);
	r = walk(&cpu, 0x0123, 0);
	CHECK_EQ(r.status, PAGEWALK_OK);
	CHECK_EQ(r.nlevels, 4);
	CHECK_EQ(r.phys, 0x1123);
	/* non-canonical, 5-level, paging off */
	CHECK_EQ(walk(&cpu, 0x0000800000000000ULL, 0).status, PAGEWALK_NONCANONICAL);
	CHECK_CONTAINS(fmt(&r), "linear 0x123");
	CHECK_EQ(walk(&cpu, 0xFFFF800000000000ULL, 0).level[0].index, 256);
	cpu.cr4 |= 1ULL << 12;
	r = walk(&cpu, 0, 0);
	CHECK_EQ(r.status, PAGEWALK_UNSUPPORTED);
	CHECK_STR(fmt(&r), "linear 0x0: 5-level paging\n"
			   "5-level paging (CR4.LA57) is not walked by Mini-KVM\n"
			   "ring-0 read: no translation\n");
	cpu.cr0 = CR0_PE;
	r = walk(&cpu, 0xB8000, PAGEWALK_USER | PAGEWALK_WRITE);
	CHECK(r.allowed);
	CHECK_EQ(r.phys, 0xB8000);
	CHECK_STR(fmt(&r), "linear 0xb8000: paging off\nphysical 0xb8000 (paging off)\n"
			   "ring-3 write: allowed\n");
}

/* info mem stays bounded: a PML4 whose every entry points to itself, 64 MiB of 4 KiB
 * pages with alternating rights, a tiny output buffer. */
static void test_ranges_bounded(void)
{
	memset(mem, 0, sizeof(mem));
	struct pagewalk_cpu cpu = long_cpu(0x1000);
	for (int i = 0; i < 512; i++)
		set64(0x1000 + 8 * i, 0x1000 | P | RW);
	struct pagewalk_range rg[64];
	struct pagewalk_ranges_info info;
	pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 64, &info);
	CHECK(info.work_cut || info.rows_full);
	CHECK(info.entries_read <= PAGEWALK_RANGES_BUDGET);

	/* 64 MiB in 4 KiB pages: PML4 -> PDPT -> PD -> 32 PTs */
	memset(mem, 0, 1 << 20);
	set64(0x1000, 0x2000 | P | RW | US);
	set64(0x2000, 0x3000 | P | RW | US);
	for (uint64_t t = 0; t < 32; t++) {
		set64(0x3000 + 8 * t, (0x10000 + t * 4096) | P | RW | US);
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t page = t * 512 + i;
			set64(0x10000 + t * 4096 + 8 * i, page << 12 | P | US | (page & 1 ? RW : 0));
		}
	}
	size_t n = pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 64, &info);
	CHECK_EQ(n, 64);
	CHECK(info.rows_full);
	CHECK_EQ(rg[1].start, 0x1000);
	CHECK_EQ(rg[1].flags & PAGEWALK_RW, PAGEWALK_RW);
	/* the same rights everywhere: one range, every PTE read once */
	for (uint64_t page = 0; page < 16384; page++)
		set64(0x10000 + 8 * page, page << 12 | P | US | RW);
	n = pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 64, &info);
	CHECK_EQ(n, 1);
	CHECK_EQ(rg[0].size, 64ULL << 20);
	CHECK_EQ(info.entries_read, 512 * 3 + 32 * 512);
	/* physically scattered pages still merge, without a physical address */
	set64(0x10000 + 8 * 7, 0x3000000 | P | US | RW);
	pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 64, &info);
	CHECK(!rg[0].phys_contiguous);
	pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_4LEVEL, text, sizeof(text));
	CHECK_STR(text, "0000000000000000-0000000004000000 0000000004000000 urwx\n");
	CHECK_EQ(pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_4LEVEL, text, 10), 0);
	/* paging off: nothing to list */
	cpu.cr0 = CR0_PE;
	CHECK_EQ(pagewalk_ranges(mem, sizeof(mem), &cpu, rg, 64, &info), 0);
	pagewalk_format_ranges(rg, &info, PAGEWALK_MODE_OFF, text, sizeof(text));
	CHECK_STR(text, "paging off: linear = physical\n");
}

int main(void)
{
	test_modes_long();
	test_modes_prot();
	test_os1k();
	test_large_pages();
	test_broken();
	test_ranges_bounded();
	char flags[64];
	CHECK_STR(pagewalk_flags_text(0x3FF, 8, flags, sizeof(flags)), "P RW US PWT PCD A D PS G NX");
	CHECK_STR(pagewalk_flags_text(0, 4, flags, sizeof(flags)), "p rw us pwt pcd a d ps g");
	HARNESS_END();
}
