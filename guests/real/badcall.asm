; badcall.asm — calls hypercall function 0x42, which does not exist.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, then the unknown function 0x42
;   Teaches:    what happens to a bad request: the VMM stops this vCPU, reports the
;               function number and where it came from, and the program exits with
;               status 1 (the seed silently stopped instead). If the VMM ignored the
;               call, the line after it would appear and the guest would exit with 0.

bits 16
org 0

%include "macros.inc"

BAD_FUNCTION equ 0x42

start:
	mov si, before_text
	call print_str
	hypercall BAD_FUNCTION
	mov si, after_text
	call print_str
	hc_exit

before_text:
	db "badcall: calling hypercall 0x42", 10, 0
after_text:
	db "badcall: the VMM ignored an unknown hypercall", 10, 0

%include "print16.inc"
