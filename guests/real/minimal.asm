; minimal.asm — the smallest guest there is: one HLT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: none
;   Teaches:    a VM exit needs no device at all. Without an in-kernel IRQCHIP, HLT has
;               nothing to wait for, so KVM returns KVM_EXIT_HLT and the VMM ends the guest:
;               exactly 1 exit, no output.

bits 16
org 0

	hlt
