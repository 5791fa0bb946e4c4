; triple.asm — switches to protected mode with an empty IDT, then divides by zero.
;   CPU mode:   real mode (16-bit), then 32-bit protected mode; flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR
;   Teaches:    the triple fault. #DE needs IDT entry 0; the IDT has limit 0, so
;               delivering it raises #GP; that cannot be delivered either, so the CPU
;               tries #DF (double fault); when even that fails the CPU gives up and
;               shuts down: KVM_EXIT_SHUTDOWN. Real mode cannot show this on every host
;               (kvm-pvm ignores the IDT limit in real mode and vectors through the IVT),
;               protected mode can.

bits 16
org 0

%include "macros.inc"

CODE_SEL equ gdt_code - gdt     ; selector = byte offset of the descriptor in the GDT

start:
	mov si, message
	call print_str

	; LGDT wants a linear address, and the code descriptor's base decides what offset 0
	; of the new CS means. Both are "our segment * 16", computed here rather than
	; assuming where the VMM loaded us.
	xor eax, eax
	mov ax, cs
	shl eax, 4                      ; EAX = linear address of this image
	mov [gdt_code + 2], ax          ; descriptor base bits 0..15 ...
	mov ebx, eax
	shr ebx, 16
	mov [gdt_code + 4], bl          ; ... bits 16..23 ...
	mov [gdt_code + 7], bh          ; ... and bits 24..31: a base is split in three
	add eax, gdt
	mov [gdtr + 2], eax

	cli                             ; no interrupt may arrive while nothing handles it
	lgdt [gdtr]
	lidt [idtr]                     ; limit 0: not one vector can be delivered
	mov eax, cr0
	or eax, 1                       ; CR0.PE
	mov cr0, eax
	; The far jump loads CS from the GDT: only now does the CPU run 32-bit code.
	jmp CODE_SEL:protected

bits 32
protected:
	xor ecx, ecx
	div ecx                         ; #DE -> #GP -> #DF -> shutdown
	; Not reached. If it were, HLT would end the guest "normally" and the test that
	; expects a fault would see exit status 0 and fail.
	hlt

message:
	db "triple: protected mode with an empty IDT, then a divide error", 10, 0

align 8
gdt:
	dq 0                            ; entry 0 is the null descriptor, always
gdt_code:
	; 32-bit code, base filled in above, limit 0xFFFF bytes: P=1 DPL=0 S=1 type=0xA
	; (execute/read), D=1 (32-bit), G=0 (byte granularity).
	dw 0xFFFF, 0
	db 0, 0x9A, 0x40, 0
gdt_end:

gdtr:
	dw gdt_end - gdt - 1
	dd 0                            ; linear base, filled in above
idtr:
	dw 0
	dd 0

bits 16
%include "print16.inc"
