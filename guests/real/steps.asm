; steps.asm — a guest to single-step: a few instructions of different lengths whose
; effect on the registers is easy to predict, then a PUTCHAR, in a loop.
; Mode: real mode, flat binary loaded at 0x1000:0000 (IP = 0).
; Hypercalls: PUTCHAR ('.' each lap). Teaches: one step = one instruction, and RIP
; moves by that instruction's length (3, 1, 3, 2 ... bytes).
bits 16
org 0
%include "hypercall.inc"

start:
	mov ax, 1               ; B8 01 00      3 bytes: AX = 1
	inc ax                  ; 40            1 byte:  AX = 2
	add ax, 5               ; 83 C0 05      3 bytes: AX = 7
	mov cx, ax              ; 89 C1         2 bytes: CX = 7
	mov dx, HC_PORT         ; BA 00 05      3 bytes
	mov bl, '.'             ; B3 2E         2 bytes
	mov al, HC_PUTCHAR      ; B0 01         2 bytes
	out dx, al              ; EE            1 byte: exits to the VMM, prints '.'
	jmp start               ; EB xx         2 bytes: back to the top
