; spin.asm — loops forever without a single exit.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: none
;   Teaches:    a guest that never gives control back. Only the VMM can end it: it kicks
;               the vCPU thread with a signal, KVM_RUN returns EINTR, and the thread stops
;               (what the stop key and --timeout do; the tests use it for both).

bits 16
org 0

	jmp $                           ; a jump to itself: 2 bytes, EB FE
