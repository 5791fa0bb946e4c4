; hello.asm — prints "Hello, KVM!" and a newline, then halts.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR (one per byte)
;   Teaches:    the hypercall round trip. Every byte is an OUT to port 0x500 that exits
;               to the VMM, which prints BL and resumes the guest: 12 PUTCHAR exits, then
;               one HLT exit ends it (13 in all, as in the seed).

bits 16
org 0

%include "macros.inc"

start:
	; DS already equals CS (the loader's contract), so `message` is addressable as is.
	mov si, message
	call print_str
	; No IRQCHIP here: HLT exits to the VMM, which takes it as "this guest is done".
	hlt

message:
	db "Hello, KVM!", 10, 0

%include "print16.inc"
