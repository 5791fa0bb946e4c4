; primes.asm — the primes below 2000, ten to a line, found by trial division, then EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    a guest that computes between its exits: DIV runs inside the guest (no
;               exit), only the printing leaves it. Long enough (~1 400 characters) that
;               the projector demo (`make demo`, 30 exits/s) shows it for most of a minute.

bits 16
org 0

%include "macros.inc"

LIMIT equ 2000

start:
	mov si, title
	call print_str
	mov si, 2               ; SI = the candidate (hc_putc uses BL, so not BX)
	xor di, di              ; DI = primes on the current line
.candidate:
	mov cx, 2               ; CX = the trial divisor
.trial:
	; CX * CX > SI means no divisor up to the square root: SI is prime.
	mov ax, cx
	mul cx                  ; DX:AX = CX * CX (DX is 0 for these sizes)
	cmp ax, si
	ja .prime
	mov ax, si
	xor dx, dx
	div cx                  ; DX = SI mod CX
	test dx, dx
	jz .next                ; divisible: not a prime
	inc cx
	jmp .trial
.prime:
	movzx eax, si
	mov cx, 5
	call print_udec_w       ; right-aligned in 5 columns
	inc di
	cmp di, 10
	jb .next
	xor di, di
	hc_putc 10              ; ten per line
.next:
	inc si
	cmp si, LIMIT
	jb .candidate
	hc_putc 10
	hc_exit

title:	db "primes below 2000:", 10, 0

%include "print16.inc"
