; compute.asm — a pure compute loop (1.5 million DEC/JNZ rounds), then "done" and EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    guest work that causes no exit at all: KVM_RUN returns only at the end.
;               tests/bench/run.sh times one copy against two copies on two vCPUs to
;               measure how well separate guests run in parallel. About 1.5 s where real
;               mode is emulated (kvm-pvm, ~1 M rounds/s); milliseconds on VT-x/AMD-V.

bits 16
org 0

%include "macros.inc"

ROUNDS equ 1500000

start:
	mov ecx, ROUNDS                 ; beyond 16 bits: the 386's ECX works in real mode too
.spin:
	dec ecx
	jnz .spin
	mov si, done_text
	call print_str
	hc_exit

done_text:
	db "done", 10, 0

%include "print16.inc"
