/* test_guest_mem.c — reading guest memory as the guest sees it (real-mode segments,
 * flat protected mode with a GDT, long mode through page tables: page by page, stopping
 * at the first unmapped page or RAM's end with the reason) and the address expressions
 * of the monitor ("ds:si", "rsp+8", "1000:0012", "p 0x1234") with their error lines;
 * info gdt / idt / tss read through the view.
 * No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/guest_layout.h"
#include "../../vmm/guest_mem.h"
#include "../../vmm/modes.h"

static uint8_t mem[LAYOUT_ELF_RAM_SIZE];
static char err[128];

static void set64(uint64_t pa, uint64_t v)
{
	memcpy(mem + pa, &v, 8);
}

static struct vmm_segment seg(uint16_t sel, uint64_t base)
{
	return (struct vmm_segment){ .base = base, .limit = 0xFFFF, .selector = sel, .present = 1,
				     .s = 1, .type = 3 };
}

/* Parse and return the address, or ~0 with err set. */
static uint64_t addr(const struct guest_view *v, const char *text)
{
	struct guest_addr a;
	if (guest_addr_parse(v, text, &a, err, sizeof(err)) < 0)
		return ~0ULL;
	return a.addr;
}

static const char *error_of(const struct guest_view *v, const char *text)
{
	struct guest_addr a;
	err[0] = '\0';
	CHECK_EQ(guest_addr_parse(v, text, &a, err, sizeof(err)), -1);
	return err;
}

static void test_real(void)
{
	struct vmm_regs r = { .rsi = 0x12, .rdi = 0x34, .rsp = 0xFFFE, .rbp = 0x100, .rip = 0x11,
			      .rax = 0x1234ABCD, .rbx = 0x77 };
	struct vmm_sregs s = { .cr0 = 0x10 };
	s.cs = s.ds = s.ss = seg(0x1000, 0x10000);
	s.es = seg(0x2000, 0x20000);
	s.fs = s.gs = seg(0, 0);
	struct guest_view v = { mem, LAYOUT_REAL_RAM_SIZE, &r, &s };
	CHECK_EQ(addr(&v, "ds:si"), 0x10012);
	CHECK_EQ(addr(&v, "es:di"), 0x20034);
	CHECK_EQ(addr(&v, "ss:sp"), 0x1FFFE);
	CHECK_EQ(addr(&v, " SS : SP + 2 "), 0x10000); /* the offset wraps at 64 KiB */
	CHECK_EQ(addr(&v, "ss:sp-0x10"), 0x1FFEE);
	CHECK_EQ(addr(&v, "1000:0012"), 0x10012);
	CHECK_EQ(addr(&v, "ffff:0010"), 0x100000); /* the HMA, A20 on */
	CHECK_EQ(addr(&v, "b800:0"), 0xB8000);
	CHECK_EQ(addr(&v, "ds:bx+si+10"), 0x10000 + 0x77 + 0x12 + 0x10); /* hex in seg:off */
	CHECK_EQ(addr(&v, "rip"), 0x10011); /* CS */
	CHECK_EQ(addr(&v, "sp"), 0x1FFFE);  /* SS */
	CHECK_EQ(addr(&v, "bp+4"), 0x10104);
	CHECK_EQ(addr(&v, "ax"), 0x1ABCD);  /* DS + AX */
	CHECK_EQ(addr(&v, "ah"), 0x100AB);
	CHECK_EQ(addr(&v, "eax"), 0x10000 + 0xABCD); /* offsets are 16-bit in real mode */
	CHECK_EQ(addr(&v, "0x10012"), 0x10012);
	CHECK_EQ(addr(&v, "65554"), 0x10012);
	struct guest_addr a;
	CHECK_EQ(guest_addr_parse(&v, "p0x1234", &a, err, sizeof(err)), 0);
	CHECK_EQ(a.kind, GUEST_PHYSICAL);
	CHECK_EQ(a.addr, 0x1234);
	CHECK_EQ(guest_addr_parse(&v, "p 4660", &a, err, sizeof(err)), 0);
	CHECK_EQ(a.addr, 0x1234);
	CHECK_EQ(guest_addr_parse(&v, "es:di+2", &a, err, sizeof(err)), 0);
	CHECK(a.has_seg);
	CHECK_EQ(a.seg, 0x2000);
	CHECK_EQ(a.seg_base, 0x20000);
	CHECK_EQ(a.off, 0x36);
	CHECK_EQ(a.kind, GUEST_LINEAR);

	CHECK_STR(error_of(&v, "xyz"), "unknown register 'xyz'");
	CHECK_STR(error_of(&v, ""), "empty address");
	CHECK_STR(error_of(&v, "   "), "empty address");
	CHECK_STR(error_of(&v, "ds:"), "missing a number or register");
	CHECK_STR(error_of(&v, ":12"), "missing the segment before ':'");
	CHECK_STR(error_of(&v, "cs"), "cs is a segment register: write cs:OFFSET");
	CHECK_STR(error_of(&v, "12ab"), "bad number '12ab' (hex needs 0x)");
	CHECK_STR(error_of(&v, "0x"), "bad number '0x'");
	CHECK_STR(error_of(&v, "0x12g"), "bad number '0x12g'");
	CHECK_STR(error_of(&v, "99999999999999999999999"), "number too large '99999999999999999999999'");
	CHECK_STR(error_of(&v, "p ds:si"), "a physical address has no segment");
	CHECK_STR(error_of(&v, "rsp*2"), "expected + or - after 'rsp', got '*'");
	CHECK_STR(error_of(&v, "rsp+"), "missing a number or register");
	CHECK_STR(error_of(&v, "rsp+*"), "expected a number or register after '+', got '*'");
	CHECK_STR(error_of(&v, "10000:0"), "segment 0x10000 is wider than 16 bits");
	CHECK_STR(error_of(&v, "ax:0"), "'ax' is not a segment register (cs ds es fs gs ss)");
	CHECK_STR(error_of(&v, "zz:0"), "unknown segment 'zz' (cs ds es fs gs ss or a number)");
	CHECK_STR(error_of(&v, "1:2:3"), "more than one ':'");
	CHECK_STR(error_of(&v, "r16"), "unknown register 'r16'");
	CHECK_STR(error_of(&v, "-4"), "unexpected '-'");
	/* a tiny error buffer is not overrun */
	char small[8];
	CHECK_EQ(guest_addr_parse(&v, "xyzzy", &a, small, sizeof(small)), -1);
	CHECK_EQ(strlen(small), 7);

	/* reads: plain, then past the end of RAM (0x110000 bytes) */
	memcpy(mem + 0x10012, "hello", 5);
	char buf[32], why[GUEST_WHY_LEN];
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, addr(&v, "ds:si"), buf, 5, why), 5);
	CHECK(!memcmp(buf, "hello", 5));
	CHECK_STR(why, "");
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x10FFF8, buf, 16, why), 8);
	CHECK_STR(why, "physical 0x110000 is past the end of guest RAM (0x110000 bytes)");
	CHECK_EQ(guest_mem_read(&v, GUEST_PHYSICAL, 0x200000, buf, 16, why), 0);
	CHECK_EQ(guest_mem_read(&v, GUEST_PHYSICAL, 0x10012, buf, 5, NULL), 5);
}

/* 64-bit guest: modes.c's identity map plus a user window in 4 KiB pages. */
static void test_long(void)
{
	memset(mem, 0, sizeof(mem));
	struct kvm_sregs ks;
	struct kvm_regs kr;
	memset(&ks, 0, sizeof(ks));
	struct boot_params b = { IMAGE_LONG, 0x100000, 0, false, mem, sizeof(mem) };
	modes_setup(&b, &ks, &kr);
	uint64_t pdpt = layout_sys_block(0) + LAYOUT_SYS_PDPT;
	set64(pdpt + 8, 0x300000 | 3);          /* 1 GiB: PD at 0x300000 */
	set64(0x300000, 0x301000 | 3);          /* -> PT */
	set64(0x301000, 0x105000 | 3);          /* 0x40000000 -> 0x105000 */
	set64(0x301008, 0x203000 | 3);          /* 0x40001000 -> 0x203000 */
	memcpy(mem + 0x105FFC, "abcd", 4);
	memcpy(mem + 0x203000, "efgh", 4);
	struct vmm_regs r = { .rsp = 0x3FF0000, .rip = 0x100000 };
	struct vmm_sregs s = { .cr0 = ks.cr0, .cr3 = ks.cr3, .cr4 = ks.cr4, .efer = ks.efer,
			       .cr2 = 0x40002010 };
	s.cs = seg(0x08, 0x9999);
	s.cs.l = 1;
	s.ds = s.es = s.ss = seg(0x10, 0x9999); /* ignored in 64-bit code */
	s.fs = seg(0, 0x5000);
	s.gs = seg(0, 0x7000);
	struct guest_view v = { mem, sizeof(mem), &r, &s };
	CHECK_EQ(addr(&v, "rsp"), 0x3FF0000);
	CHECK_EQ(addr(&v, "rsp+8"), 0x3FF0008);
	CHECK_EQ(addr(&v, "ds:0x10"), 0x10);
	CHECK_EQ(addr(&v, "fs:0x10"), 0x5010);
	CHECK_EQ(addr(&v, "gs:8"), 0x7008);
	CHECK_EQ(addr(&v, "0x28:0x10"), 0x10); /* a numeric selector has no base in 64-bit code */
	CHECK_EQ(addr(&v, "cr2"), 0x40002010);
	CHECK_EQ(addr(&v, "rsp-0x3FF0001"), ~0ULL); /* wraps in 64 bits */

	/* a read that crosses two pages in different frames, then into an unmapped one */
	char buf[64], why[GUEST_WHY_LEN];
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x40000FFC, buf, 8, why), 8);
	CHECK(!memcmp(buf, "abcdefgh", 8));
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x40001FF8, buf, 32, why), 8);
	CHECK_STR(why, "0x40002000: not mapped (PTE[2] not present)");
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x80000000, buf, 4, why), 0);
	CHECK_STR(why, "0x80000000: not mapped (PDPTE[2] not present)");
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x0000800000000000ULL, buf, 4, why), 0);
	CHECK_STR(why, "0x800000000000: not a canonical address");
	/* the last bytes of RAM, through the identity map, and physically */
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, sizeof(mem) - 4, buf, 8, why), 4);
	CHECK_STR(why, "0x4000000: not mapped (PDE[32] not present)");
	CHECK_EQ(guest_mem_read(&v, GUEST_PHYSICAL, sizeof(mem) - 4, buf, 8, why), 4);
	CHECK_STR(why, "physical 0x4000000 is past the end of guest RAM (64 MiB)");
	/* a page mapped beyond RAM */
	set64(0x301010, 0x8000000 | 3);
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x40002000, buf, 4, why), 0);
	CHECK_STR(why, "physical 0x8000000 is past the end of guest RAM (64 MiB)");
	set64(pdpt + 8, 0x9000000 | 3);
	CHECK_EQ(guest_mem_read(&v, GUEST_LINEAR, 0x40000000, buf, 4, why), 0);
	CHECK_STR(why, "0x40000000: not mapped (PDPTE[1] points outside guest RAM)");
	uint64_t phys;
	CHECK(guest_mem_translate(&v, 0x123456, &phys, NULL));
	CHECK_EQ(phys, 0x123456);
	/* no registers: numbers only */
	struct guest_view bare = { mem, sizeof(mem), NULL, NULL };
	CHECK_STR(error_of(&bare, "rsp"), "no registers yet: 'rsp' has no value (the vCPU has not run)");
	CHECK_STR(error_of(&bare, "ds:0"), "no segment registers yet: 'ds' has no value");
	CHECK_EQ(addr(&bare, "1000:0012"), 0x10012);
	CHECK_EQ(guest_mem_read(&bare, GUEST_LINEAR, 0x105FFC, buf, 4, why), 4);
}

/* 32-bit protected mode, flat, no paging: numeric selectors come from the GDT. */
static void test_prot(void)
{
	memset(mem, 0, 1 << 20);
	uint64_t gdt = 0x10000;
	set64(gdt + 0x08, 0x00CF9A000000FFFFULL);
	set64(gdt + 0x10, 0x12CF92345000FFFFULL); /* data, base 0x12345000 */
	set64(gdt + 0x28, 0x0000890000000067ULL); /* a TSS */
	struct vmm_regs r = { .rsp = 0xFFFFFFFE, .rip = 0x100000 };
	struct vmm_sregs s = { .cr0 = 0x11, .gdt_base = gdt, .gdt_limit = 0x2F };
	s.cs = seg(0x08, 0);
	s.cs.db = 1;
	s.ds = s.es = s.ss = s.fs = s.gs = seg(0x10, 0);
	struct guest_view v = { mem, 1 << 20, &r, &s };
	CHECK_EQ(addr(&v, "10:20"), 0x12345020);
	CHECK_EQ(addr(&v, "esp+4"), 2); /* 32-bit offsets wrap */
	CHECK_EQ(addr(&v, "0x12345678"), 0x12345678);
	CHECK_STR(error_of(&v, "0:5"), "selector 0x0 is the null selector");
	CHECK_STR(error_of(&v, "38:0"), "selector 0x38 is past the GDT's limit 0x2f");
	CHECK_STR(error_of(&v, "0c:0"), "selector 0xc is past the LDT's limit 0x0");
	CHECK_STR(error_of(&v, "28:0"), "selector 0x28 is a 32-bit TSS (available), not a code or data segment");
	s.gdt_base = 0xFFFF8;
	CHECK_STR(error_of(&v, "10:0"), "selector 0x10: physical 0x100008 is past the end of guest RAM (1 MiB)");
}

/* info gdt / idt / tss through the view: the 1K OS's 64-bit tables under modes.c's paging */
static void test_tables(void)
{
	memset(mem, 0, sizeof(mem));
	struct kvm_sregs ks;
	struct kvm_regs kr;
	memset(&ks, 0, sizeof(ks));
	struct boot_params b = { IMAGE_LONG, 0x100000, 0, false, mem, sizeof(mem) };
	modes_setup(&b, &ks, &kr);
	uint64_t gdt = 0x102000, idt = 0x103000, tss = 0x106000;
	set64(gdt + 0x08, 0x00AF9A000000FFFFULL);
	set64(gdt + 0x10, 0x00CF92000000FFFFULL);
	set64(gdt + 0x18, 0x00CFF2000000FFFFULL);
	set64(gdt + 0x20, 0x00AFFA000000FFFFULL);
	set64(gdt + 0x28, 103 | (tss & 0xFFFFFF) << 16 | 0x8BULL << 40);
	set64(idt + 0x80 * 16, 0x1000 | 0x08ULL << 16 | 0xEEULL << 40 | 0x10ULL << 48);
	set64(tss + 4, 0x120000);
	struct vmm_sregs s = { .cr0 = ks.cr0, .cr3 = ks.cr3, .cr4 = ks.cr4, .efer = ks.efer,
			       .gdt_base = gdt, .gdt_limit = 0x37, .idt_base = idt,
			       .idt_limit = 0xFFF };
	s.cs = seg(0x23, 0);
	s.ss = seg(0x1B, 0);
	s.ds = seg(0x1B, 0);
	s.tr = seg(0x28, tss);
	s.tr.limit = 103;
	s.tr.type = 11;
	struct vmm_regs r = { 0 };
	struct guest_view v = { mem, sizeof(mem), &r, &s };
	static char out[8192];
	CHECK_EQ(guest_mem_desc_mode(&s), DESC_MODE_LONG);
	guest_mem_format_table(&v, DESC_GDT, out, sizeof(out));
	CHECK_STR(out, "GDT base=0x102000 limit=0x37\n"
		       "GDT[0x00] null\n"
		       "GDT[0x08] code, execute/read  base=0x0 limit=0xffffffff DPL=0 P G L 64-bit\n"
		       "GDT[0x10] data, read/write  base=0x0 limit=0xffffffff DPL=0 P G B\n"
		       "GDT[0x18] data, read/write  base=0x0 limit=0xffffffff DPL=3 P G B  <- SS DS\n"
		       "GDT[0x20] code, execute/read  base=0x0 limit=0xffffffff DPL=3 P G L 64-bit  <- CS\n"
		       "GDT[0x28] 64-bit TSS (busy)  base=0x106000 limit=0x67 DPL=0 P  <- TR\n");
	guest_mem_format_table(&v, DESC_IDT, out, sizeof(out));
	CHECK_CONTAINS(out, "IDT[0x80] 64-bit interrupt gate  -> 0x0008:0x101000 DPL=3 P IST=0\n");
	guest_mem_format_table(&v, DESC_LDT, out, sizeof(out));
	CHECK_STR(out, "no LDT (LDTR = 0)\n");
	guest_mem_format_tss(&v, out, sizeof(out));
	CHECK_STR(out, "TR=0x0028 base=0x106000 limit=0x67\n64-bit TSS, 104 bytes\n"
		       "RSP0=0x120000 RSP1=0x0 RSP2=0x0\n"
		       "IST1=0x0 IST2=0x0 IST3=0x0 IST4=0x0\nIST5=0x0 IST6=0x0 IST7=0x0\n"
		       "I/O map base=0x0\n");
	/* a GDT that runs off the mapped memory; a small buffer; real mode */
	s.gdt_base = 0x3FFFFF0;
	guest_mem_format_table(&v, DESC_GDT, out, sizeof(out));
	CHECK_CONTAINS(out, "GDT[0x08] null\n"
			    "(only 16 of 56 bytes could be read: 0x4000000: not mapped (PDE[32] not present))\n");
	s.gdt_base = gdt;
	CHECK(guest_mem_format_table(&v, DESC_GDT, out, 150) < 150);
	CHECK_CONTAINS(out, "... 5 more entries\n");
	s.cr0 = 0x10;
	s.idt_base = 0;
	s.idt_limit = 0x3FF;
	guest_mem_format_table(&v, DESC_IDT, out, sizeof(out));
	CHECK_CONTAINS(out, "IVT base=0x0 limit=0x3ff\nIVT[0x00] 0000:0000 (linear 0x00000)\n");
	guest_mem_format_tss(&v, out, sizeof(out));
	CHECK_STR(out, "real mode: no TSS in use\n");
	struct guest_view bare = { mem, sizeof(mem), NULL, NULL };
	guest_mem_format_table(&bare, DESC_GDT, out, sizeof(out));
	CHECK_STR(out, "no registers yet (the vCPU has not run)\n");
}

int main(void)
{
	test_real();
	test_long();
	test_prot();
	test_tables();
	HARNESS_END();
}
