/* paging.c — the kernel's own 4-level page tables, replacing the VMM's. RAM is
 * identity-mapped for the kernel only (U/S = 0: ring 3 gets #PF there); page 0 stays
 * unmapped to catch null pointers. The user window at USER_BASE gets the user image
 * (text read-only, data read-write) and two stacks, all with U/S = 1, in 4 KiB pages.
 */
#include "k64.h"

#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_US 0x4ULL
#define PTE_PS 0x80ULL /* in a page directory: a 2 MiB page */
#define PAGE 4096UL

#define TABLE static uint64_t __attribute__((aligned(4096)))
TABLE pml4[512];
TABLE pdpt[512];
TABLE pd_kernel[512];
TABLE pt_low[512];     /* the first 2 MiB in 4 KiB pages, so that page 0 can be absent */
TABLE pd_user[512];
TABLE pt_user[512];    /* USER_BASE .. USER_BASE + 2 MiB */

static uint8_t shell_stack[USER_STACK_SIZE] __attribute__((aligned(4096)));
static uint8_t prog_stack[USER_STACK_SIZE] __attribute__((aligned(4096)));

static void map_user(uint64_t va, uint64_t pa, int writable)
{
	pt_user[(va - USER_BASE) / PAGE] = pa | PTE_P | PTE_US | (writable ? PTE_RW : 0);
}

static void map_user_range(uint64_t va, const uint8_t *pa, uint64_t len, uint64_t rw_from)
{
	for (uint64_t off = 0; off < len; off += PAGE)
		map_user(va + off, (uint64_t)pa + off, va + off >= rw_from);
}

const struct user_header *user_header(void)
{
	return (const struct user_header *)user_image_start;
}

void paging_init(uint64_t ram)
{
	/* Upper levels allow everything; each leaf decides (U/S and R/W are ANDed). */
	pml4[0] = (uint64_t)pdpt | PTE_P | PTE_RW | PTE_US;
	pdpt[0] = (uint64_t)pd_kernel | PTE_P | PTE_RW | PTE_US;
	pdpt[USER_BASE >> 30] = (uint64_t)pd_user | PTE_P | PTE_RW | PTE_US;
	pd_user[0] = (uint64_t)pt_user | PTE_P | PTE_RW | PTE_US;

	pd_kernel[0] = (uint64_t)pt_low | PTE_P | PTE_RW;
	for (uint64_t i = 1; i < 512; i++)
		pt_low[i] = i * PAGE | PTE_P | PTE_RW;
	for (uint64_t i = 1; i < ram >> 21 && i < 512; i++)
		pd_kernel[i] = i << 21 | PTE_PS | PTE_P | PTE_RW;

	const struct user_header *h = user_header();
	uint64_t size = h->image_end - USER_BASE;
	if (h->magic != USER_MAGIC || size > USER_IMAGE_MAX ||
	    size > (uint64_t)(user_image_end - user_image_start))
		kernel_panic(0);
	map_user_range(USER_BASE, user_image_start, size, h->data_start);
	map_user_range(USER_PROG_STACK_TOP - USER_STACK_SIZE, prog_stack, USER_STACK_SIZE, 0);
	map_user_range(USER_SHELL_STACK_TOP - USER_STACK_SIZE, shell_stack, USER_STACK_SIZE, 0);

	__asm__ volatile("mov %0, %%cr3" : : "r"((uint64_t)pml4) : "memory");
}

/* May the kernel touch [va, va+len) on behalf of ring 3? Checks the user PTEs. */
int user_range_ok(uint64_t va, uint64_t len, int write)
{
	if (va < USER_BASE || len > USER_WINDOW || va - USER_BASE > USER_WINDOW - len)
		return 0;
	for (uint64_t p = va & ~(PAGE - 1); p < va + len; p += PAGE) {
		uint64_t pte = pt_user[(p - USER_BASE) / PAGE];
		if (!(pte & PTE_P) || !(pte & PTE_US) || (write && !(pte & PTE_RW)))
			return 0;
	}
	return 1;
}
