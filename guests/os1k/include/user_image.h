/* user_image.h — the ring-3 address space of the 64-bit build, and the header at the
 * start of the user image (user/start.c writes it, k64/paging.c and k64/process.c read it).
 * The user image is linked at USER_BASE, a virtual address with no RAM behind it in the
 * kernel's identity map: it exists only through the kernel's user page table.
 */
#ifndef OS1K_USER_IMAGE_H
#define OS1K_USER_IMAGE_H

#include <stdint.h>

#define USER_BASE 0x40000000UL   /* 1 GiB: PDPT entry 1, one page table of 4 KiB pages */
#define USER_WINDOW 0x200000UL   /* that page table covers 2 MiB */
#define USER_STACK_SIZE 0x8000UL
/* Stacks near the top of the window, each with unmapped guard pages around it. */
#define USER_PROG_STACK_TOP (USER_BASE + 0x1E8000UL)  /* [0x1E0000, 0x1E8000) */
#define USER_SHELL_STACK_TOP (USER_BASE + 0x1F8000UL) /* [0x1F0000, 0x1F8000) */
#define USER_IMAGE_MAX (USER_PROG_STACK_TOP - USER_STACK_SIZE - 0x1000UL - USER_BASE)

#define USER_MAGIC 0x4b314b4f53555352ULL /* "RSUSOK1K" */

struct user_header {
	uint64_t magic;
	uint64_t shell_entry;   /* void (void): runs the shell, never returns */
	uint64_t program_entry; /* void (os_program *): runs one program, then SYS_EXIT */
	uint64_t data_start;    /* first writable page; text and rodata lie below */
	uint64_t image_end;     /* end of data and bss, page aligned */
};

#endif
