; user_image.asm — the ring-3 half of the 64-bit build (shell, programs, ulib), linked
; on its own at USER_BASE and included here as raw bytes. The kernel maps these pages
; into the user page table (paging.c); they are never run at their physical address.
; USER_BIN is set by os1k.mk.

section .user_image progbits alloc noexec write align=4096
global user_image_start, user_image_end
user_image_start:
	incbin USER_BIN
	align 4096, db 0
user_image_end:
