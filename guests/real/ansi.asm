; ansi.asm — prints terminal escape sequences between plain text, then EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    a guest's output is data, not commands for the host's terminal. A VMM that
;               copied these bytes to its screen would let any guest clear it, move the
;               cursor, recolour it or retitle the window. The TUI shows each control byte
;               as visible text (ESC as ^[, 0x9B as \x9b) and its layout never changes;
;               headless output passes the bytes through unchanged, as a pipe should.

bits 16
org 0

%include "macros.inc"

ESC equ 0x1B
BEL equ 0x07
CSI8 equ 0x9B           ; the 8-bit form of ESC [, which some terminals obey too

start:
	mov si, text
	call print_str
	hc_exit

text:
	db "ansi: escape sequences follow; each must show as text", 10
	db "clear+home: ", ESC, "[2J", ESC, "[H", 10
	db "red: ", ESC, "[31mRED", ESC, "[0m", 10
	db "move: ", ESC, "[10;10Hmoved", 10
	db "alt screen: ", ESC, "[?1049h", 10
	db "title: ", ESC, "]0;owned", BEL, 10
	db "reset: ", ESC, "c", 10
	db "8-bit CSI: ", CSI8, "2J", 10
	db "ansi: done", 10, 0

%include "print16.inc"
