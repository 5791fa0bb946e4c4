/* test_descriptors.c — GDT/LDT descriptors, IDT gates (IVT, 8- and 16-byte) and the TSS
 * decoded from fabricated table bytes: the 1K OS's own GDT and IDT gate, every system type,
 * and malformed tables (odd limits, short reads, reserved types). No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/descriptors.h"
#include "../../vmm/tss.h"

static char line[256];

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static const char *fmt(const struct desc *d, enum desc_table t)
{
	desc_format(d, t, line, sizeof(line));
	return line;
}

/* The 1K OS's 64-bit GDT (guests/os1k/k64/gdt.c), with its TSS at 0x28. */
static size_t os1k_gdt(uint8_t *g, uint64_t tss_base)
{
	uint64_t limit = 103;
	put64(g + 0x00, 0);
	put64(g + 0x08, 0x00AF9A000000FFFFULL);
	put64(g + 0x10, 0x00CF92000000FFFFULL);
	put64(g + 0x18, 0x00CFF2000000FFFFULL);
	put64(g + 0x20, 0x00AFFA000000FFFFULL);
	put64(g + 0x28, (limit & 0xFFFF) | (tss_base & 0xFFFFFF) << 16 | 0x89ULL << 40 |
		       ((tss_base >> 24) & 0xFF) << 56);
	put64(g + 0x30, tss_base >> 32);
	return 0x38;
}

static void test_long_gdt(void)
{
	uint8_t g[0x38];
	size_t len = os1k_gdt(g, 0x123456789AULL);
	struct desc d[16];
	size_t n = desc_decode_table(g, sizeof(g), (uint32_t)len - 1, DESC_GDT, DESC_MODE_LONG, d, 16);
	CHECK_EQ(n, 6); /* the TSS takes two slots */
	CHECK_EQ(d[0].cls, DESC_CLASS_NULL);
	CHECK_EQ(d[1].cls, DESC_CLASS_CODE);
	CHECK_EQ(d[1].bits, 64);
	CHECK_EQ(d[1].limit, 0xFFFFFFFF);
	CHECK_EQ(d[1].dpl, 0);
	CHECK_STR(desc_type_name(&d[1]), "code, execute/read");
	CHECK_STR(fmt(&d[1], DESC_GDT),
		  "GDT[0x08] code, execute/read  base=0x0 limit=0xffffffff DPL=0 P G L 64-bit");
	CHECK_STR(fmt(&d[3], DESC_GDT),
		  "GDT[0x18] data, read/write  base=0x0 limit=0xffffffff DPL=3 P G B");
	CHECK_EQ(d[4].dpl, 3);
	CHECK_EQ(d[5].offset, 0x28);
	CHECK_EQ(d[5].size, 16);
	CHECK_EQ(d[5].cls, DESC_CLASS_TSS);
	CHECK_EQ(d[5].base, 0x123456789AULL);
	CHECK_EQ(d[5].limit, 103);
	CHECK_EQ(tss_kind_of(&d[5]), TSS_64);
	CHECK_STR(fmt(&d[5], DESC_GDT),
		  "GDT[0x28] 64-bit TSS (available)  base=0x123456789a limit=0x67 DPL=0 P");
	CHECK_EQ(d[5].flags, 0);

	/* the same bytes read as a 32-bit GDT: the TSS is 32-bit, its upper half a null */
	n = desc_decode_table(g, sizeof(g), (uint32_t)len - 1, DESC_GDT, DESC_MODE_PROT, d, 16);
	CHECK_EQ(n, 7);
	CHECK_STR(desc_type_name(&d[5]), "32-bit TSS (available)");
	CHECK_EQ(d[5].base, 0x3456789A);
	CHECK_EQ(d[6].cls, DESC_CLASS_RESERVED); /* 0x12: base bits 39:32 */

	/* a busy TSS, an LDT and a 64-bit call gate, then its upper half read on its own */
	put64(g + 0x28, 0x00008B0000000067ULL);
	put64(g + 0x30, 0);
	struct desc one;
	desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x28, &one);
	CHECK_STR(desc_type_name(&one), "64-bit TSS (busy)");
	put64(g + 0x28, 0x0000820000000FFFULL);
	desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x28, &one);
	CHECK_EQ(one.cls, DESC_CLASS_LDT);
	CHECK_EQ(one.size, 16);
	put64(g + 0x28, 0x1234EC0000081000ULL);
	put64(g + 0x30, 0xFFFFFFFFULL);
	desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x28, &one);
	CHECK_EQ(one.cls, DESC_CLASS_CALL_GATE);
	CHECK_EQ(one.target, 0xFFFFFFFF12341000ULL);
	CHECK_EQ(one.selector, 0x08);
	CHECK_STR(fmt(&one, DESC_GDT), "GDT[0x28] 64-bit call gate  -> 0x0008:0xffffffff12341000 DPL=3 P");
	put64(g + 0x30, 0x0000010000000000ULL | 0xFFFFFFFFULL); /* type bits in the upper half */
	desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x28, &one);
	CHECK(one.flags & DESC_F_BAD_UPPER);
	CHECK_CONTAINS(fmt(&one, DESC_GDT), "[upper half's type not 0]");
	put64(g + 0x30, 0x12345678ULL);
	desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x30, &one);
	CHECK_EQ(one.cls, DESC_CLASS_UPPER);
	CHECK_CONTAINS(fmt(&one, DESC_GDT), "upper half of a 16-byte descriptor");
}

static void test_legacy_types(void)
{
	static const struct {
		uint8_t type;
		const char *name;
		enum desc_class cls;
	} sys[] = {
		{ 0x1, "16-bit TSS (available)", DESC_CLASS_TSS },
		{ 0x2, "LDT", DESC_CLASS_LDT },
		{ 0x3, "16-bit TSS (busy)", DESC_CLASS_TSS },
		{ 0x4, "16-bit call gate", DESC_CLASS_CALL_GATE },
		{ 0x5, "task gate", DESC_CLASS_TASK_GATE },
		{ 0x6, "16-bit interrupt gate", DESC_CLASS_INT_GATE },
		{ 0x7, "16-bit trap gate", DESC_CLASS_TRAP_GATE },
		{ 0x9, "32-bit TSS (available)", DESC_CLASS_TSS },
		{ 0xB, "32-bit TSS (busy)", DESC_CLASS_TSS },
		{ 0xC, "32-bit call gate", DESC_CLASS_CALL_GATE },
		{ 0xE, "32-bit interrupt gate", DESC_CLASS_INT_GATE },
		{ 0xF, "32-bit trap gate", DESC_CLASS_TRAP_GATE },
		{ 0x0, "reserved system type", DESC_CLASS_RESERVED },
		{ 0x8, "reserved system type", DESC_CLASS_RESERVED },
		{ 0xA, "reserved system type", DESC_CLASS_RESERVED },
		{ 0xD, "reserved system type", DESC_CLASS_RESERVED },
	};
	uint8_t b[8];
	struct desc d;
	for (size_t i = 0; i < sizeof(sys) / sizeof(sys[0]); i++) {
		put64(b, 0x0000800000000001ULL | (uint64_t)sys[i].type << 40);
		desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
		CHECK_STR(desc_type_name(&d), sys[i].name);
		CHECK_EQ(d.cls, sys[i].cls);
		CHECK_EQ(d.size, 8);
		CHECK_EQ(!!(d.flags & DESC_F_RESERVED_TYPE), sys[i].cls == DESC_CLASS_RESERVED);
	}
	/* code and data names */
	put64(b, 0x00CF9F000000FFFFULL);
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
	CHECK_STR(desc_type_name(&d), "code, execute/read, conforming, accessed");
	CHECK_EQ(d.bits, 32);
	put64(b, 0x00009700000000FFULL); /* 16-bit expand-down data, byte granular */
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
	CHECK_STR(desc_type_name(&d), "data, read/write, expand-down, accessed");
	CHECK_EQ(d.limit, 0xFF);
	CHECK_EQ(d.g, 0);
	put64(b, 0x0000180000000000ULL); /* code, execute-only, not present */
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
	CHECK_STR(desc_type_name(&d), "code, execute-only");
	CHECK_CONTAINS(fmt(&d, DESC_GDT), "DPL=0 not present 16-bit");
	put64(b, 0x00EF9A000000FFFFULL); /* L and D both set */
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_LONG, 0, &d);
	CHECK(d.flags & DESC_F_L_AND_D);
	/* a base spread over three fields, G scaling of the limit */
	put64(b, 0x12C5923456780001ULL);
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
	CHECK_EQ(d.base, 0x12345678);
	CHECK_EQ(d.limit_raw, 0x50001);
	CHECK_EQ(d.limit, 0x50001FFF);
	CHECK_EQ(d.avl, 0);
	/* IA-32e reserved system types, and a TSS in an LDT */
	put64(b, 0x0000810000000067ULL);
	desc_decode(b, 8, 7, DESC_GDT, DESC_MODE_LONG, 0, &d);
	CHECK_EQ(d.cls, DESC_CLASS_RESERVED);
	CHECK_STR(fmt(&d, DESC_GDT), "GDT[0x00] reserved system type 0x1 (S=0)  raw=0x0000810000000067");
	put64(b, 0x0000890000000067ULL);
	desc_decode(b, 8, 7, DESC_LDT, DESC_MODE_PROT, 0, &d);
	CHECK(d.flags & DESC_F_NOT_HERE);
	CHECK_STR(fmt(&d, DESC_LDT),
		  "LDT[0x04] 32-bit TSS (available)  base=0x0 limit=0x67 DPL=0 P [not allowed in the LDT]");
}

static void test_idt(void)
{
	/* the 1K OS's int 0x80 gate: 64-bit interrupt gate, DPL 3, handler 0xffff800000100f20 */
	uint8_t idt[256 * 16];
	memset(idt, 0, sizeof(idt));
	uint64_t h = 0xFFFF800000100F20ULL;
	uint8_t *g = idt + 0x80 * 16;
	put64(g, (h & 0xFFFF) | 0x08ULL << 16 | 2ULL << 32 | 0xEEULL << 40 | ((h >> 16) & 0xFFFF) << 48);
	put64(g + 8, h >> 32);
	struct desc d;
	CHECK_EQ(desc_decode(idt, sizeof(idt), sizeof(idt) - 1, DESC_IDT, DESC_MODE_LONG, 0x800, &d), 16);
	CHECK_EQ(d.index, 0x80);
	CHECK_EQ(d.target, h);
	CHECK_EQ(d.ist, 2);
	CHECK_STR(fmt(&d, DESC_IDT),
		  "IDT[0x80] 64-bit interrupt gate  -> 0x0008:0xffff800000100f20 DPL=3 P IST=2");
	/* a task gate is legal in a 32-bit IDT, reserved in a 64-bit one */
	put64(g, 0x0000850000280000ULL);
	desc_decode(idt, sizeof(idt), sizeof(idt) - 1, DESC_IDT, DESC_MODE_PROT, 0x80 * 16, &d);
	CHECK_STR(fmt(&d, DESC_IDT), "IDT[0x100] task gate  TSS selector 0x0028 DPL=0 P");
	desc_decode(idt, sizeof(idt), sizeof(idt) - 1, DESC_IDT, DESC_MODE_LONG, 0x80 * 16, &d);
	CHECK(d.flags & DESC_F_RESERVED_TYPE);
	/* 32-bit trap gate; a code segment does not belong in an IDT */
	put64(g, 0x12348F0000081000ULL);
	desc_decode(idt, sizeof(idt), sizeof(idt) - 1, DESC_IDT, DESC_MODE_PROT, 0x80 * 16, &d);
	CHECK_STR(fmt(&d, DESC_IDT), "IDT[0x100] 32-bit trap gate  -> 0x0008:0x12341000 DPL=0 P");
	put64(g, 0x00CF9A000000FFFFULL);
	desc_decode(idt, sizeof(idt), sizeof(idt) - 1, DESC_IDT, DESC_MODE_PROT, 0x80 * 16, &d);
	CHECK(d.flags & DESC_F_NOT_HERE);
	/* an interrupt gate in the GDT */
	put64(g, 0x00008E0000080000ULL);
	desc_decode(g, 8, 7, DESC_GDT, DESC_MODE_PROT, 0, &d);
	CHECK_CONTAINS(fmt(&d, DESC_GDT), "[not allowed in the GDT]");

	/* the real-mode IVT: vector 8 at f000:fea5 */
	uint8_t ivt[1024] = { 0 };
	ivt[32] = 0xA5, ivt[33] = 0xFE, ivt[34] = 0x00, ivt[35] = 0xF0;
	struct desc v[256];
	CHECK_EQ(desc_decode_table(ivt, sizeof(ivt), 0x3FF, DESC_IDT, DESC_MODE_REAL, v, 256), 256);
	CHECK_EQ(v[8].selector, 0xF000);
	CHECK_EQ(v[8].target, 0xFEA5);
	CHECK_STR(fmt(&v[8], DESC_IDT), "IVT[0x08] f000:fea5 (linear 0xffea5)");
}

static void test_malformed(void)
{
	uint8_t g[0x38];
	os1k_gdt(g, 0x200000);
	struct desc d[16];
	/* limit not a multiple of 8: the last entry is cut */
	size_t n = desc_decode_table(g, sizeof(g), 0x0B, DESC_GDT, DESC_MODE_LONG, d, 16);
	CHECK_EQ(n, 2);
	CHECK(d[1].flags & DESC_F_TRUNCATED);
	CHECK_EQ(d[1].limit_raw, 0xFFFF); /* the 4 bytes there are still decoded */
	CHECK_CONTAINS(fmt(&d[1], DESC_GDT), "[truncated]");
	/* the read stopped in the middle of the 16-byte TSS */
	n = desc_decode_table(g, 0x30, 0x37, DESC_GDT, DESC_MODE_LONG, d, 16);
	CHECK_EQ(n, 6);
	CHECK(d[5].flags & DESC_F_TRUNCATED);
	CHECK_EQ(d[5].base, 0x200000);
	/* nothing at all; an offset past the end; limit 0xffffffff with 8 bytes */
	CHECK_EQ(desc_decode_table(g, 0, 0x37, DESC_GDT, DESC_MODE_LONG, d, 16), 0);
	CHECK_EQ(desc_decode(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, 0x38, d), 0);
	CHECK_EQ(desc_decode_table(g, 8, 0xFFFFFFFF, DESC_IDT, DESC_MODE_LONG, d, 16), 1);
	CHECK(d[0].flags & DESC_F_TRUNCATED);
	/* out[] smaller than the table */
	CHECK_EQ(desc_decode_table(g, sizeof(g), 0x37, DESC_GDT, DESC_MODE_LONG, d, 3), 3);
}

static void test_format_table(void)
{
	uint8_t g[0x38];
	os1k_gdt(g, 0x106000);
	char out[2048];
	size_t len = desc_format_table(g, sizeof(g), 0x102000, 0x37, DESC_GDT, DESC_MODE_LONG,
				       out, sizeof(out));
	CHECK_EQ(len, strlen(out));
	CHECK_STR(out,
		  "GDT base=0x102000 limit=0x37\n"
		  "GDT[0x00] null\n"
		  "GDT[0x08] code, execute/read  base=0x0 limit=0xffffffff DPL=0 P G L 64-bit\n"
		  "GDT[0x10] data, read/write  base=0x0 limit=0xffffffff DPL=0 P G B\n"
		  "GDT[0x18] data, read/write  base=0x0 limit=0xffffffff DPL=3 P G B\n"
		  "GDT[0x20] code, execute/read  base=0x0 limit=0xffffffff DPL=3 P G L 64-bit\n"
		  "GDT[0x28] 64-bit TSS (available)  base=0x106000 limit=0x67 DPL=0 P\n");
	/* a short read says so; a small buffer keeps whole lines and counts the rest */
	len = desc_format_table(g, 0x10, 0x102000, 0x37, DESC_GDT, DESC_MODE_LONG, out, sizeof(out));
	CHECK_CONTAINS(out, "(only 16 of 56 bytes could be read)\n");
	len = desc_format_table(g, sizeof(g), 0, 0x37, DESC_GDT, DESC_MODE_LONG, out, 120);
	CHECK(len < 120);
	CHECK_CONTAINS(out, "GDT[0x00] null\n... 5 more entries\n");
	CHECK_EQ(desc_format_table(g, sizeof(g), 0, 0x37, DESC_GDT, DESC_MODE_LONG, out, 0), 0);
}

static void test_tss(void)
{
	uint8_t t[104] = { 0 };
	put64(t + 4, 0x120000);      /* RSP0 */
	put64(t + 0x24 + 8, 0x9000); /* IST2 */
	t[0x66] = 104;
	struct tss_info info;
	tss_decode(t, sizeof(t), TSS_64, &info);
	CHECK_EQ(info.sp[0], 0x120000);
	CHECK_EQ(info.ist[1], 0x9000);
	CHECK_EQ(info.iomap_base, 104);
	CHECK(!info.truncated);
	char out[1024];
	tss_format(&info, out, sizeof(out));
	CHECK_STR(out, "64-bit TSS, 104 bytes\n"
		       "RSP0=0x120000 RSP1=0x0 RSP2=0x0\n"
		       "IST1=0x0 IST2=0x9000 IST3=0x0 IST4=0x0\n"
		       "IST5=0x0 IST6=0x0 IST7=0x0\n"
		       "I/O map base=0x68\n");
	/* 32-bit: ESP0/SS0, and a short read shows only what was read */
	memset(t, 0, sizeof(t));
	put64(t + 4, 0x8FFF0);
	t[8] = 0x10;
	t[0x64] = 1;
	tss_decode(t, sizeof(t), TSS_32, &info);
	CHECK_EQ(info.sp[0], 0x8FFF0);
	CHECK_EQ(info.ss[0], 0x10);
	CHECK_EQ(info.trap, 1);
	tss_decode(t, 12, TSS_32, &info);
	CHECK(info.truncated);
	tss_format(&info, out, sizeof(out));
	CHECK_STR(out, "32-bit TSS, 104 bytes (truncated: only the fields read are shown)\n"
		       "link=0x0\nESP0=0x8fff0 SS0=0x10\n");
	/* the same bytes as a 16-bit TSS: SP0 at 2, SS0 at 4, SP1 at 6 */
	tss_decode(t, sizeof(t), TSS_16, &info);
	CHECK_EQ(info.have, 44);
	CHECK_EQ(info.sp[0], 0);
	CHECK_EQ(info.ss[0], 0xFFF0);
	CHECK_EQ(info.sp[1], 0x0008);
	tss_format(&info, out, 40); /* too small for all: whole lines only */
	CHECK(strlen(out) < 40);
}

int main(void)
{
	test_long_gdt();
	test_legacy_types();
	test_idt();
	test_malformed();
	test_format_table();
	test_tss();
	HARNESS_END();
}
