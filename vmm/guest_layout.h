/* guest_layout.h — every guest-physical address and size, in one place, and the initial
 * state each kind of image starts in (the boot contract a guest author relies on).
 * modes.c turns these into sregs and tables; loader.c checks images against them.
 *
 * Every separate guest has its own VM, so these addresses are per guest; with
 * --vcpus N one VM runs one image on N vCPUs and the per-vCPU blocks below differ.
 */
#ifndef VMM_GUEST_LAYOUT_H
#define VMM_GUEST_LAYOUT_H

#define LAYOUT_MAX_VCPUS 16

/* ---- flat real-mode images ----
 * RAM is the first MiB plus the 64 KiB that segment 0xFFFF reaches (A20 on).
 * The image is loaded at 0x1000:0000 (physical 0x10000, above the IVT and BIOS data
 * area, so a guest may install IVT handlers). CS=DS=ES=FS=GS=SS=0x1000, IP=0, SP=0
 * (first push wraps to 0xFFFE), FLAGS=0x2, other registers 0 except DI = vCPU index.
 * With --vcpus N vCPU k starts with SP = -k*0x400 (1 KiB of stack each). */
#define LAYOUT_REAL_RAM_SIZE 0x110000UL
#define LAYOUT_REAL_SEGMENT 0x1000
#define LAYOUT_REAL_LOAD 0x10000UL
#define LAYOUT_REAL_MAX_IMAGE 0x40000UL /* 256 KiB, the seed's room per guest */
#define LAYOUT_REAL_STACK_PER_VCPU 0x400

/* ---- ELF images (class 32 -> protected mode, class 64 -> long mode) ----
 * RAM is 64 MiB. PT_LOAD segments must lie in [LAYOUT_ELF_MIN, RAM end - stacks), i.e.
 * 0x50000 to 63 MiB (link at 1 MiB as usual). Below 0x50000 the VMM keeps one 16 KiB
 * block per vCPU from 0x10000:
 *   +0x0000 GDT: 0x08 code ring 0 (64-bit in long mode, 32-bit flat in protected mode),
 *           0x10 data ring 0, 0x18 code32 ring 3, 0x20 data ring 3, 0x28 code64 ring 3
 *   +0x1000 long mode: PML4; protected mode: page directory (4 MiB pages, if paging)
 *   +0x2000 long mode: PDPT
 *   +0x3000 long mode: page directory of 2 MiB pages
 * Paging identity-maps all of RAM, supervisor, read-write; a 32-bit ELF linked high
 * (p_vaddr = p_paddr + 0x80000000, as a kernel for the seed's --paging) gets the same 4 MiB
 * pages again from 0x80000000 (PDE[512 + i] = PDE[i]). Long mode: CR0 = PE MP ET NE
 * WP AM PG, CR4 = PAE OSFXSR OSXMMEXCPT, EFER = LME LMA. Protected mode: CR0 = PE ET NE
 * (+PG with CR4.PSE where the host allows 32-bit paging; see the start-up probe).
 * RIP = e_entry, RFLAGS = 0x2 (interrupts off), RDI = vCPU index, RSI = RAM size,
 * RSP = RAM end - k * 64 KiB for vCPU k. The IDT is the guest's business. */
#define LAYOUT_ELF_RAM_SIZE (64UL << 20)
#define LAYOUT_SYS_BASE 0x10000UL
#define LAYOUT_SYS_PER_VCPU 0x4000UL
#define LAYOUT_SYS_GDT 0x0000UL
#define LAYOUT_SYS_PML4 0x1000UL /* page directory in protected mode */
#define LAYOUT_SYS_PDPT 0x2000UL
#define LAYOUT_SYS_PD 0x3000UL
#define LAYOUT_ELF_MIN (LAYOUT_SYS_BASE + LAYOUT_MAX_VCPUS * LAYOUT_SYS_PER_VCPU)
#define LAYOUT_ELF_STACK_PER_VCPU 0x10000UL
#define LAYOUT_ELF_STACKS (LAYOUT_MAX_VCPUS * LAYOUT_ELF_STACK_PER_VCPU)

/* ---- flat protected-mode and long-mode images (--mode protected|long; the seed's
 * --paging and --long-mode) ----
 * RAM is 4 MiB, as in the seed. The image is loaded at --load and entered at --entry:
 *   long mode        load 0 (the seed's), entry = load; RSP = 0x8000 - k * 1 KiB
 *   protected mode   load 0x1000, entry = load; ESP = 0x3C0000 - k * 64 KiB
 *   --paging         load 0x1000, entry 0x80001000; ESP as protected mode
 * The VMM keeps the top 256 KiB, where no small image loaded low can reach: one 16 KiB
 * block per vCPU from 0x3C0000, laid out like the ELF block below (GDT at +0, long mode's
 * PML4, PDPT and page directory of 2 MiB pages at +0x1000..+0x3000, identity-mapping all
 * 4 MiB). --paging adds the seed's 4 KiB-page tables, at the seed's address for vCPU 0:
 * page directory 0x100000 + k * 0x3000, page table 0 at +0x1000 (PDE[0]: 0-4 MiB
 * identity), page table 512 at +0x2000 (PDE[512]: 0x80000000-0x803FFFFF -> 0-4 MiB);
 * 0x100000-0x130000 is reserved for them. CS = 0x08, DS = ES = FS = GS = SS = 0x10 (flat,
 * the GDT as below), interrupts off, RDI = vCPU index, RSI = RAM size. The stacks are
 * not reserved: a big image loaded under one is its author's business (as in the seed). */
#define LAYOUT_FLAT_RAM_SIZE 0x400000UL
#define LAYOUT_FLAT_SYS_BASE 0x3C0000UL
#define LAYOUT_FLAT_LONG_LOAD 0x0UL
#define LAYOUT_FLAT_PROT_LOAD 0x1000UL
#define LAYOUT_FLAT_PAGED_ENTRY 0x80001000UL
#define LAYOUT_FLAT_LONG_STACK 0x8000UL
#define LAYOUT_FLAT_LONG_STACK_PER_VCPU 0x400UL
#define LAYOUT_FLAT_PROT_STACK LAYOUT_FLAT_SYS_BASE
#define LAYOUT_FLAT_PROT_STACK_PER_VCPU 0x10000UL
#define LAYOUT_FLAT_PT_BASE 0x100000UL
#define LAYOUT_FLAT_PT_PER_VCPU 0x3000UL
#define LAYOUT_FLAT_PT_END (LAYOUT_FLAT_PT_BASE + LAYOUT_MAX_VCPUS * LAYOUT_FLAT_PT_PER_VCPU)
/* Where 32-bit paging aliases physical 0 (--paging, and an ELF linked high): PDE[512]. */
#define LAYOUT_HIGH_BASE 0x80000000UL

#define LAYOUT_SEL_CODE0 0x08
#define LAYOUT_SEL_DATA0 0x10
#define LAYOUT_SEL_CODE32_3 0x18
#define LAYOUT_SEL_DATA3 0x20
#define LAYOUT_SEL_CODE64_3 0x28

/* Harmless on kvm-pvm, needed by Intel VT-x for real mode without unrestricted guest. */
#define LAYOUT_TSS_ADDR 0xFFFBD000UL
#define LAYOUT_IDENTITY_MAP_ADDR 0xFFFBC000UL

static inline unsigned long layout_sys_block(int vcpu)
{
	return LAYOUT_SYS_BASE + (unsigned long)vcpu * LAYOUT_SYS_PER_VCPU;
}

static inline unsigned long layout_flat_block(int vcpu)
{
	return LAYOUT_FLAT_SYS_BASE + (unsigned long)vcpu * LAYOUT_SYS_PER_VCPU;
}

static inline unsigned long layout_flat_pt(int vcpu)
{
	return LAYOUT_FLAT_PT_BASE + (unsigned long)vcpu * LAYOUT_FLAT_PT_PER_VCPU;
}

#endif
