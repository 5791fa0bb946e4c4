; counter.asm — prints 0123456789 through the COM1 serial port, then halts.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: none; writes COM1's transmit register (THR, port 0x3F8) instead
;   Teaches:    an emulated device is just a port the VMM decodes: the byte written to
;               0x3F8 arrives in the KVM_EXIT_IO data and goes out like a PUTCHAR.
;               10 OUT exits + 1 HLT exit = 11, as in the seed.

bits 16
org 0

%include "hypercall.inc"

start:
	; A driver for a real 16550 would first poll the line status register (0x3FD) until
	; bit 5, "THR empty", is set. Our UART's THR is always empty (LSR reads 0x60), and
	; every IN would be one more exit, so this guest writes straight away.
	mov dx, COM1_BASE
	mov al, '0'
.digit:
	out dx, al              ; the byte itself is the data of the I/O exit
	inc al                  ; ASCII digits are consecutive: '0' + 1 = '1'
	cmp al, '9'
	jbe .digit
	hlt
