/* test_modes.c — the computed start states: real-mode segments as the seed sets them,
 * the GDT descriptors byte for byte, long-mode page tables and control registers,
 * per-vCPU tables at per-vCPU addresses; flat images' layout (tables at the top of 4 MiB,
 * the seed's --paging tables and stacks) and an ELF linked high. No /dev/kvm needed.
 */
#include "../harness.h"
#include "../../vmm/guest_layout.h"
#include "../../vmm/modes.h"

static uint8_t mem[LAYOUT_ELF_RAM_SIZE];

/* An ELF linked 0x80000000 above its load address: the 4 MiB pages again from PDE[512]. */
static void test_high_elf(struct kvm_sregs *s, struct kvm_regs *r)
{
	memset(s, 0, sizeof(*s));
	struct boot_params pm = { IMAGE_PROT, 0x80101000, 0, true, mem, LAYOUT_ELF_RAM_SIZE };
	struct boot_layout high = { .high = true };
	modes_setup_layout(&pm, &high, s, r);
	uint32_t *pde = (uint32_t *)(mem + s->cr3);
	CHECK_EQ(s->cr3, layout_sys_block(0) + LAYOUT_SYS_PML4);
	CHECK_EQ(pde[0], 0x83);
	CHECK_EQ(pde[512], pde[0]);
	CHECK_EQ(pde[527], (15u << 22) | 0x83); /* 64 MiB: 16 big pages, twice */
	CHECK_EQ(pde[528], 0);
	CHECK_EQ(r->rip, 0x80101000);
	CHECK_EQ(r->rsp, LAYOUT_ELF_RAM_SIZE);
}

/* --mode long / --long-mode: tables at the top of 4 MiB, RSP 0x8000, RIP = entry. */
static void test_flat_long(struct kvm_sregs *s, struct kvm_regs *r)
{
	memset(s, 0, sizeof(*s));
	memset(mem, 0, LAYOUT_FLAT_RAM_SIZE);
	struct boot_params lm = { IMAGE_LONG, 0, 0, false, mem, LAYOUT_FLAT_RAM_SIZE };
	struct boot_layout flat = { .flat = true };
	modes_setup_layout(&lm, &flat, s, r);
	CHECK_EQ(s->gdt.base, 0x3C0000);
	CHECK_EQ(s->cr3, 0x3C1000);
	CHECK_EQ(s->efer, EFER_LME | EFER_LMA);
	CHECK_EQ(s->cs.l, 1);
	uint64_t *pd = (uint64_t *)(mem + 0x3C3000);
	CHECK_EQ(pd[0], 0x83);
	CHECK_EQ(pd[1], (1ULL << 21) | 0x83);
	CHECK_EQ(pd[2], 0);
	CHECK_EQ(((uint64_t *)mem)[0], 0); /* nothing of the VMM's where the image goes */
	CHECK_EQ(r->rip, 0);
	CHECK_EQ(r->rsp, 0x8000);
	CHECK_EQ(r->rsi, LAYOUT_FLAT_RAM_SIZE);
	lm.vcpu = 3;
	modes_setup_layout(&lm, &flat, s, r);
	CHECK_EQ(s->cr3, 0x3C1000 + 3 * LAYOUT_SYS_PER_VCPU);
	CHECK_EQ(r->rsp, 0x8000 - 3 * 0x400);
	CHECK_EQ(r->rdi, 3);
}

/* --mode protected (no paging) and --paging: the seed's 4 KiB-page tables at 0x100000. */
static void test_flat_protected(struct kvm_sregs *s, struct kvm_regs *r)
{
	memset(s, 0, sizeof(*s));
	memset(mem, 0, LAYOUT_FLAT_RAM_SIZE);
	struct boot_params pm = { IMAGE_PROT, 0x1000, 0, false, mem, LAYOUT_FLAT_RAM_SIZE };
	struct boot_layout flat = { .flat = true };
	modes_setup_layout(&pm, &flat, s, r);
	CHECK_EQ(s->cr0 & CR0_PG, 0);
	CHECK_EQ(s->gdt.base, 0x3C0000);
	CHECK_EQ(s->cs.selector, 0x08);
	CHECK_EQ(s->ss.selector, 0x10);
	CHECK_EQ(r->rip, 0x1000);
	CHECK_EQ(r->rsp, 0x3C0000);
	CHECK_EQ(r->rflags, 2);

	pm.paging = true;
	pm.entry = 0x80001000;
	modes_setup_layout(&pm, &flat, s, r);
	CHECK_EQ(s->cr0 & (CR0_PE | CR0_PG), CR0_PE | CR0_PG);
	CHECK_EQ(s->cr4, 0); /* 4 KiB pages, as the seed: no PSE */
	CHECK_EQ(s->cr3, 0x100000);
	uint32_t *pde = (uint32_t *)(mem + 0x100000);
	uint32_t *pt0 = (uint32_t *)(mem + 0x101000), *pt512 = (uint32_t *)(mem + 0x102000);
	CHECK_EQ(pde[0], 0x101003);
	CHECK_EQ(pde[512], 0x102003);
	CHECK_EQ(pde[1], 0);
	CHECK_EQ(pt0[1], 0x1003);
	CHECK_EQ(pt512[1], 0x1003);
	CHECK_EQ(pt512[1023], 0x3FF003);
	CHECK_EQ(r->rip, 0x80001000);
	pm.vcpu = 1;
	modes_setup_layout(&pm, &flat, s, r);
	CHECK_EQ(s->cr3, 0x103000);
	CHECK_EQ(((uint32_t *)(mem + 0x103000))[512], 0x105003);
	CHECK_EQ(r->rsp, 0x3C0000 - 0x10000);
}

int main(void)
{
	struct kvm_sregs s;
	struct kvm_regs r;
	memset(&s, 0, sizeof(s));
	struct boot_params real = { IMAGE_REAL, 0, 0, false, mem, LAYOUT_REAL_RAM_SIZE };
	modes_setup(&real, &s, &r);
	CHECK_EQ(s.cs.selector, 0x1000);
	CHECK_EQ(s.cs.base, 0x10000);
	CHECK_EQ(s.ss.selector, 0x1000);
	CHECK_EQ(r.rip, 0);
	CHECK_EQ(r.rsp, 0);
	CHECK_EQ(r.rflags, 2);
	real.vcpu = 2;
	modes_setup(&real, &s, &r);
	CHECK_EQ(r.rsp, 0xF800);
	CHECK_EQ(r.rdi, 2);

	memset(&s, 0, sizeof(s));
	struct boot_params lm = { IMAGE_LONG, 0x100040, 1, false, mem, LAYOUT_ELF_RAM_SIZE };
	modes_setup(&lm, &s, &r);
	uint64_t block = layout_sys_block(1);
	CHECK_EQ(block, LAYOUT_SYS_BASE + LAYOUT_SYS_PER_VCPU);
	CHECK_EQ(s.cr3, block + LAYOUT_SYS_PML4);
	CHECK_EQ(s.cr0, 0x80050033);
	CHECK_EQ(s.cr4, 0x620);
	CHECK_EQ(s.efer, EFER_LME | EFER_LMA);
	CHECK_EQ(s.cs.selector, LAYOUT_SEL_CODE0);
	CHECK_EQ(s.cs.l, 1);
	CHECK_EQ(s.gdt.base, block);
	uint64_t *gdt = (uint64_t *)(mem + block);
	CHECK_EQ(gdt[0], 0);
	CHECK_EQ(gdt[1], 0x00AF9B000000FFFFULL); /* 64-bit code, ring 0 */
	CHECK_EQ(gdt[2], 0x00CF93000000FFFFULL); /* data, ring 0 */
	CHECK_EQ(gdt[5], 0x00AFFB000000FFFFULL); /* 64-bit code, ring 3 */
	uint64_t *pml4 = (uint64_t *)(mem + block + LAYOUT_SYS_PML4);
	uint64_t *pd = (uint64_t *)(mem + block + LAYOUT_SYS_PD);
	CHECK_EQ(pml4[0], block + LAYOUT_SYS_PDPT + 3);
	CHECK_EQ(pd[0], 0x83);
	CHECK_EQ(pd[31], (31ULL << 21) | 0x83);
	CHECK_EQ(pd[32], 0); /* RAM is 64 MiB: nothing mapped past it */
	CHECK_EQ(r.rip, 0x100040);
	CHECK_EQ(r.rdi, 1);
	CHECK_EQ(r.rsi, LAYOUT_ELF_RAM_SIZE);
	CHECK_EQ(r.rsp, LAYOUT_ELF_RAM_SIZE - LAYOUT_ELF_STACK_PER_VCPU);

	memset(&s, 0, sizeof(s));
	struct boot_params pm = { IMAGE_PROT, 0x100000, 0, true, mem, LAYOUT_ELF_RAM_SIZE };
	modes_setup(&pm, &s, &r);
	CHECK_EQ(s.cr0 & (CR0_PE | CR0_PG), CR0_PE | CR0_PG);
	CHECK_EQ(s.cr4, CR4_PSE);
	CHECK_EQ(s.cs.db, 1);
	CHECK_EQ(((uint64_t *)(mem + layout_sys_block(0)))[1], 0x00CF9B000000FFFFULL);
	uint32_t *pde = (uint32_t *)(mem + s.cr3);
	CHECK_EQ(pde[1], (1u << 22) | 0x83);
	CHECK_EQ(pde[512], 0); /* nothing high unless the ELF is linked high */
	pm.paging = false;
	modes_setup(&pm, &s, &r);
	CHECK_EQ(s.cr0 & CR0_PG, 0);
	test_high_elf(&s, &r);
	test_flat_long(&s, &r);
	test_flat_protected(&s, &r);
	HARNESS_END();
}
