; eofspin.asm — a guest written for a keyboard that never ends: it polls GETCHAR in a
; loop and ignores the 0xFF that means "no more input".
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: GETCHAR, PUTCHAR
;   Teaches:    what the VMM does with a guest that would spin forever once its input is
;               over. Headless, the VMM ends it after 1000 answers of "end of input" in a
;               row and says so (a normal end, status 0); in the TUI it keeps waiting for
;               a key, since a teacher may still type.

bits 16
org 0

%include "macros.inc"

start:
	hc_getchar
	cmp al, HC_EOF
	je start                ; "no key": ask again, forever
	mov bl, al
	hc_putchar
	jmp start
