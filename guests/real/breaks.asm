; breaks.asm — a loop of five laps that writes a counter in memory and prints it: a
; target for breakpoints (the loop's first instruction is at a fixed address, 0x20),
; watchpoints (the counter is at 0x10) and "run until the next exit".
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    an execution breakpoint stops the CPU before the instruction at its
;               address, every lap (linear 0x10020); a write watchpoint stops it right
;               after the write (linear 0x10010); the other laps run at full speed.

bits 16
org 0

%include "macros.inc"

start:
	mov cx, 5
	jmp lap                 ; over the data

	times 0x10 - ($ - $$) db 0
counter:
	dw 0                    ; the watched word, at 0x10

	times 0x20 - ($ - $$) db 0
lap:                            ; the breakpoint's address, 0x20
	inc word [counter]      ; the watched write
	mov bl, [counter]
	add bl, '0'
	hc_putchar
	loop lap
	hc_putc 10
	hc_exit
