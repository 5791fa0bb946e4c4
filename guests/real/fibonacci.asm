; fibonacci.asm — prints the first 15 Fibonacci numbers on one line, then halts.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR
;   Teaches:    a loop that carries state in registers: F(n) = F(n-1) + F(n-2) with two
;               registers and one XCHG. 66 PUTCHAR exits + 1 HLT = 67, as in the seed.

bits 16
org 0

%include "macros.inc"

COUNT equ 15

start:
	mov si, title
	call print_str
	xor eax, eax            ; EAX = F(n),   starts at F(0) = 0
	mov edx, 1              ; EDX = F(n+1), starts at F(1) = 1
	mov cx, COUNT
.next:
	call print_udec         ; print_udec keeps every register, so the pair survives
	dec cx
	jz .done
	mov si, separator
	call print_str
	; Step the pair (F(n), F(n+1)) -> (F(n+1), F(n) + F(n+1)).
	add eax, edx
	xchg eax, edx
	jmp .next
.done:
	mov si, newline
	call print_str
	hlt

title:
	db "Fibonacci: ", 0
separator:
	db ", ", 0
newline:
	db 10, 0

%include "print16.inc"
