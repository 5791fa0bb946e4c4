; entry.asm — the 64-bit kernel's first instructions and the assembly half of every
; trap: the VMM starts us in long mode (vmm/guest_layout.h), RDI = vCPU index, RSI = RAM size.
; Each vector has a stub that makes the stack look the same (error code, vector), then
; trap_common saves the registers as a struct trapframe (k64.h) and calls trap() in C.
; Returning is always IRETQ: it works in long mode on every host, also back to ring 3.

bits 64
default rel

KERNEL_STACK_SIZE equ 16384
SEL_KCODE equ 0x08
SEL_KDATA equ 0x10
SEL_TSS equ 0x28
TRAPFRAME_QWORDS equ 22

section .text
global _start
extern kmain, ap_refuse, trap

_start:
	test rdi, rdi
	jnz .other_vcpu
	lea rsp, [kernel_stack_top]
	mov rdi, rsi                    ; kmain(ram_size)
	call kmain
.other_vcpu:                            ; --vcpus N: one kernel, one vCPU (main.c says why)
	and rsp, -16
	call ap_refuse

; gdt_load(gdtr): load our GDT, then every segment register. CS is reloaded with an
; IRETQ to the next instruction: a far JMP through memory raises #GP on kvm-pvm hosts.
global gdt_load
gdt_load:
	lgdt [rdi]
	mov ax, SEL_KDATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rax, rsp
	push SEL_KDATA                  ; SS
	push rax                        ; RSP
	pushfq
	push SEL_KCODE                  ; CS
	lea rax, [.reloaded]
	push rax                        ; RIP
	iretq
.reloaded:
	mov ax, SEL_TSS                 ; the TSS holds RSP0, the stack for ring 3 -> 0
	ltr ax
	ret

; enter_user(tf): copy a prepared trapframe to where the CPU puts one when ring 3 traps
; (the top of the kernel stack, TSS.RSP0) and "return" from it into ring 3.
global enter_user
enter_user:
	lea rsp, [kernel_stack_top - TRAPFRAME_QWORDS * 8]
	mov rsi, rdi
	mov rdi, rsp
	mov ecx, TRAPFRAME_QWORDS
	cld
	rep movsq
	jmp trap_return

; triple_fault: an empty IDT makes the next exception unrecoverable; the VMM sees
; KVM_EXIT_SHUTDOWN, as a PC would reset. The kernel's last resort (kernel_panic).
global triple_fault
triple_fault:
	lidt [empty_idtr]
	ud2

; ---- trap stubs: vectors 0-31 (exceptions), 32-47 (PIC IRQs), 128 (int 0x80) ----
%macro STUB 1
trap_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
	push %1                         ; the CPU pushed an error code already
%else
	push 0                          ; no error code: push a 0 so every frame looks alike
	push %1
%endif
	jmp trap_common
%endmacro

%assign v 0
%rep 48
STUB v
%assign v v + 1
%endrep
global trap_stub_128
STUB 128

trap_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp                    ; struct trapframe *; RSP is 16-aligned here
	cld
	call trap
trap_return:
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16                     ; vector and error code
	iretq

section .rodata
global trap_stubs
align 8
trap_stubs:
%assign v 0
%rep 48
	dq trap_stub_ %+ v
%assign v v + 1
%endrep
empty_idtr:
	dw 0
	dq 0

section .bss
align 16
kernel_stack:
	resb KERNEL_STACK_SIZE
global kernel_stack_top
kernel_stack_top:
