/* modes.h — the three CPU modes a guest can start in, as pure functions: given what the
 * image needs, compute the sregs/regs (and write the GDT/page tables into guest RAM).
 * The addresses and values come from layout.h, where the boot contract is written down.
 */
#ifndef VMM_MODES_H
#define VMM_MODES_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum image_mode { IMAGE_REAL, IMAGE_PROT, IMAGE_LONG };

struct boot_params {
	enum image_mode mode;
	uint64_t entry;     /* ELF e_entry; ignored in real mode (IP = 0) */
	int vcpu;           /* index of this vCPU inside its VM */
	bool paging;        /* protected mode only: 4 MiB pages (where the host allows) */
	uint8_t *mem;       /* guest RAM, for the GDT and page tables */
	size_t mem_size;
};

/* Where an image's address space differs from an ELF's (guest_layout.h). */
struct boot_layout {
	bool flat;          /* a flat image in protected/long mode: the LAYOUT_FLAT_* layout
			     * (tables at the top of RAM, the seed's stacks; with paging the
			     * seed's 4 KiB-page tables at 0x100000) */
	bool high;          /* ELF in protected mode with paging: also map 0x80000000 + RAM */
};

/* sregs must hold KVM_GET_SREGS of a fresh vCPU; both are updated in place. */
void modes_setup(const struct boot_params *b, struct kvm_sregs *sregs, struct kvm_regs *regs);
/* The same for an image laid out as l says (modes_setup: an ELF's layout). */
void modes_setup_layout(const struct boot_params *b, const struct boot_layout *l,
			struct kvm_sregs *sregs, struct kvm_regs *regs);

/* x86 control-register bits, as the manuals name them. */
#define CR0_PE (1UL << 0)
#define CR0_MP (1UL << 1)
#define CR0_ET (1UL << 4)
#define CR0_NE (1UL << 5)
#define CR0_WP (1UL << 16)
#define CR0_AM (1UL << 18)
#define CR0_PG (1UL << 31)
#define CR4_PSE (1UL << 4)
#define CR4_PAE (1UL << 5)
#define CR4_OSFXSR (1UL << 9)
#define CR4_OSXMMEXCPT (1UL << 10)
#define EFER_SCE (1UL << 0)
#define EFER_LME (1UL << 8)
#define EFER_LMA (1UL << 10)
#define EFER_NXE (1UL << 11)

#endif
