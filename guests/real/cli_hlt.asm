; cli_hlt.asm — disables interrupts and halts, forever, with an in-kernel IRQCHIP.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: none
;   Teaches:    the hardest guest to stop. With an IRQCHIP, HLT waits inside the kernel
;               and no exit comes back to the VMM; with IF clear no interrupt will ever
;               wake it. The VMM must still be able to stop it: a signal to the vCPU
;               thread makes KVM_RUN return EINTR even from there.

bits 16
org 0

%include "hypercall.inc"

	cli
.halt:
	hlt
	jmp .halt                       ; an NMI could wake it; then it just halts again

; Ask the VMM for the in-kernel IRQCHIP, so this HLT is the in-kernel kind.
	db IRQCHIP_TAG
