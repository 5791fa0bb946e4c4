/* modes.c — real, protected and long mode start states (one set-up function per mode).
 * Each VM's tables live in that vCPU's own block (layout_sys_block, or layout_flat_block
 * for flat images), never in another vCPU's: the seed pointed every vCPU at vCPU 0's
 * tables. Which image gets which layout is loader.c's decision. Nothing here calls KVM.
 */
#include "modes.h"

#include <string.h>

#include "guest_layout.h"

#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_PS 0x80ULL
#define SEG_TYPE_CODE 0xB /* execute/read, accessed */
#define SEG_TYPE_DATA 0x3 /* read/write, accessed */

static struct kvm_segment flat_segment(uint16_t selector, uint8_t type, uint8_t dpl, bool is64)
{
	struct kvm_segment s = {
		.base = 0,
		.limit = 0xFFFFFFFF,
		.selector = selector,
		.type = type,
		.present = 1,
		.dpl = dpl,
		.db = is64 ? 0 : 1,
		.s = 1,
		.l = is64 ? 1 : 0,
		.g = 1,
	};
	return s;
}

/* The 8-byte GDT descriptor for a code/data segment (Intel SDM vol. 3, 3.4.5). */
static uint64_t gdt_descriptor(const struct kvm_segment *s)
{
	uint32_t limit = s->g ? s->limit >> 12 : s->limit;
	uint64_t d = limit & 0xFFFFULL;
	d |= (s->base & 0xFFFFFFULL) << 16;
	d |= (uint64_t)(s->type & 0xF) << 40;
	d |= (uint64_t)s->s << 44;
	d |= (uint64_t)(s->dpl & 3) << 45;
	d |= (uint64_t)s->present << 47;
	d |= (uint64_t)((limit >> 16) & 0xF) << 48;
	d |= (uint64_t)s->l << 53;
	d |= (uint64_t)s->db << 54;
	d |= (uint64_t)s->g << 55;
	d |= ((s->base >> 24) & 0xFFULL) << 56;
	return d;
}

static uint64_t sys_block(const struct boot_params *b, const struct boot_layout *l)
{
	return l->flat ? layout_flat_block(b->vcpu) : layout_sys_block(b->vcpu);
}

static void write_gdt(const struct boot_params *b, const struct boot_layout *l,
		      struct kvm_sregs *sregs, bool is64)
{
	uint64_t base = sys_block(b, l) + LAYOUT_SYS_GDT;
	struct kvm_segment code0 = flat_segment(LAYOUT_SEL_CODE0, SEG_TYPE_CODE, 0, is64);
	struct kvm_segment data0 = flat_segment(LAYOUT_SEL_DATA0, SEG_TYPE_DATA, 0, false);
	struct kvm_segment code32_3 = flat_segment(LAYOUT_SEL_CODE32_3 | 3, SEG_TYPE_CODE, 3, false);
	struct kvm_segment data3 = flat_segment(LAYOUT_SEL_DATA3 | 3, SEG_TYPE_DATA, 3, false);
	struct kvm_segment code64_3 = flat_segment(LAYOUT_SEL_CODE64_3 | 3, SEG_TYPE_CODE, 3, true);
	uint64_t gdt[6] = { 0, gdt_descriptor(&code0), gdt_descriptor(&data0),
			    gdt_descriptor(&code32_3), gdt_descriptor(&data3),
			    gdt_descriptor(&code64_3) };
	memcpy(b->mem + base, gdt, sizeof(gdt));
	sregs->gdt.base = base;
	sregs->gdt.limit = sizeof(gdt) - 1;

	sregs->cs = code0;
	sregs->ds = sregs->es = sregs->fs = sregs->gs = sregs->ss = data0;
}

static void setup_real(const struct boot_params *b, struct kvm_sregs *sregs,
		       struct kvm_regs *regs)
{
	/* Keep the reset attributes KVM gave each segment; move them to our segment. */
	struct kvm_segment *segs[] = { &sregs->cs, &sregs->ds, &sregs->es,
				       &sregs->fs, &sregs->gs, &sregs->ss };
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		segs[i]->selector = LAYOUT_REAL_SEGMENT;
		segs[i]->base = (uint64_t)LAYOUT_REAL_SEGMENT << 4;
	}
	regs->rip = 0;
	/* SP = 0 as the seed: the first push wraps to 0xFFFE. Shared-image vCPU k gets the
	 * k-th KiB below the top so the stacks do not collide. */
	regs->rsp = (0x10000UL - (unsigned long)b->vcpu * LAYOUT_REAL_STACK_PER_VCPU) & 0xFFFF;
}

/* 4 MiB pages (CR4.PSE) identity-mapping RAM; for an ELF linked high the same pages
 * again from 0x80000000, so PDE[512 + i] = PDE[i]. */
static void paging_big_pages(const struct boot_params *b, const struct boot_layout *l,
			     struct kvm_sregs *sregs)
{
	uint64_t pd = sys_block(b, l) + LAYOUT_SYS_PML4;
	uint32_t *pde = (uint32_t *)(b->mem + pd);
	uint64_t n = b->mem_size >> 22, high = LAYOUT_HIGH_BASE >> 22;
	memset(pde, 0, 4096);
	for (uint64_t i = 0; i < n && i < 1024; i++) {
		pde[i] = (uint32_t)((i << 22) | PTE_PS | PTE_RW | PTE_P);
		if (l->high && high + i < 1024)
			pde[high + i] = pde[i];
	}
	sregs->cr3 = pd;
	sregs->cr4 |= CR4_PSE;
}

/* The seed's --paging tables, 4 KiB pages: PDE[0] -> page table 0 (0-4 MiB identity),
 * PDE[512] -> page table 512 (0x80000000-0x803FFFFF -> 0-4 MiB). Two tables with the same
 * entries, as the seed has them, so a kernel that edits one does not change the other. */
static void paging_seed(const struct boot_params *b, struct kvm_sregs *sregs)
{
	uint64_t pd = layout_flat_pt(b->vcpu), pt0 = pd + 0x1000, pt512 = pd + 0x2000;
	uint32_t *pde = (uint32_t *)(b->mem + pd);
	uint32_t *low = (uint32_t *)(b->mem + pt0), *high = (uint32_t *)(b->mem + pt512);
	memset(pde, 0, 3 * 4096);
	pde[0] = (uint32_t)(pt0 | PTE_RW | PTE_P);
	pde[LAYOUT_HIGH_BASE >> 22] = (uint32_t)(pt512 | PTE_RW | PTE_P);
	for (uint32_t i = 0; i < 1024 && ((uint64_t)i << 12) < b->mem_size; i++)
		low[i] = high[i] = (i << 12) | (uint32_t)(PTE_RW | PTE_P);
	sregs->cr3 = pd;
}

static void setup_protected(const struct boot_params *b, const struct boot_layout *l,
			    struct kvm_sregs *sregs, struct kvm_regs *regs)
{
	write_gdt(b, l, sregs, false);
	sregs->cr0 = CR0_PE | CR0_ET | CR0_NE;
	sregs->cr4 = 0;
	sregs->efer = 0;
	if (b->paging) {
		if (l->flat)
			paging_seed(b, sregs);
		else
			paging_big_pages(b, l, sregs);
		sregs->cr0 |= CR0_PG;
	}
	regs->rip = b->entry;
}

static void setup_long(const struct boot_params *b, const struct boot_layout *l,
		       struct kvm_sregs *sregs, struct kvm_regs *regs)
{
	uint64_t block = sys_block(b, l);
	uint64_t *pml4 = (uint64_t *)(b->mem + block + LAYOUT_SYS_PML4);
	uint64_t *pdpt = (uint64_t *)(b->mem + block + LAYOUT_SYS_PDPT);
	uint64_t *pd = (uint64_t *)(b->mem + block + LAYOUT_SYS_PD);
	memset(pml4, 0, 3 * 4096);
	/* Identity map of all RAM with 2 MiB pages: enough to reach the kernel's own tables. */
	pml4[0] = (block + LAYOUT_SYS_PDPT) | PTE_RW | PTE_P;
	pdpt[0] = (block + LAYOUT_SYS_PD) | PTE_RW | PTE_P;
	for (uint64_t i = 0; i < b->mem_size >> 21 && i < 512; i++)
		pd[i] = (i << 21) | PTE_PS | PTE_RW | PTE_P;

	write_gdt(b, l, sregs, true);
	sregs->cr3 = block + LAYOUT_SYS_PML4;
	sregs->cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	sregs->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_AM | CR0_PG;
	sregs->efer = EFER_LME | EFER_LMA;
	regs->rip = b->entry;
}

void modes_setup_layout(const struct boot_params *b, const struct boot_layout *l,
			struct kvm_sregs *sregs, struct kvm_regs *regs)
{
	memset(regs, 0, sizeof(*regs));
	regs->rflags = 0x2; /* bit 1 is always set; interrupts off */
	regs->rdi = (uint64_t)b->vcpu;
	switch (b->mode) {
	case IMAGE_REAL:
		setup_real(b, sregs, regs);
		break;
	case IMAGE_PROT:
		setup_protected(b, l, sregs, regs);
		break;
	case IMAGE_LONG:
		setup_long(b, l, sregs, regs);
		break;
	}
	if (b->mode == IMAGE_REAL)
		return;
	regs->rsi = b->mem_size;
	uint64_t k = (uint64_t)b->vcpu;
	if (!l->flat)
		regs->rsp = b->mem_size - k * LAYOUT_ELF_STACK_PER_VCPU;
	else if (b->mode == IMAGE_LONG)
		regs->rsp = LAYOUT_FLAT_LONG_STACK - k * LAYOUT_FLAT_LONG_STACK_PER_VCPU;
	else
		regs->rsp = LAYOUT_FLAT_PROT_STACK - k * LAYOUT_FLAT_PROT_STACK_PER_VCPU;
}

void modes_setup(const struct boot_params *b, struct kvm_sregs *sregs, struct kvm_regs *regs)
{
	static const struct boot_layout elf = { false, false };
	modes_setup_layout(b, &elf, sregs, regs);
}
