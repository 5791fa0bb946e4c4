; multiplication.asm — the multiplication table 2x1=2 ... 9x9=81 on one line, then EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    nested loops, MUL, and turning numbers into ASCII. Each of the 72 items
;               is followed by one space and there is no newline, exactly like the seed:
;               490 PUTCHAR exits + 1 EXIT = 491.

bits 16
org 0

%include "macros.inc"

start:
	mov cl, 2               ; CL = left factor, 2..9
.row:
	mov ch, 1               ; CH = right factor, 1..9
.item:
	; Both factors are single digits: adding '0' turns each into its ASCII character.
	mov bl, cl
	add bl, '0'
	hc_putchar
	hc_putc 'x'
	mov bl, ch
	add bl, '0'
	hc_putchar
	hc_putc '='
	; The product can have two digits, so it goes through the general decimal printer.
	mov al, cl
	mul ch                  ; AX = CL * CH
	movzx eax, ax
	call print_udec
	hc_putc ' '
	inc ch
	cmp ch, 9
	jbe .item
	inc cl
	cmp cl, 9
	jbe .row
	; EXIT rather than HLT: the hypercall says "finished" explicitly, whatever the VM has.
	hc_exit

%include "print16.inc"
