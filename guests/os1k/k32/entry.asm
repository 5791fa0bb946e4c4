; entry.asm — the 32-bit build's first instructions and its exception stubs. The VMM
; starts us in flat protected mode, ring 0, interrupts off (vmm/guest_layout.h): EDI = vCPU
; index, ESI = RAM size. There is no IRET anywhere: IRET outside real mode fails on
; kvm-pvm hosts, and no handler here needs to return to the faulting instruction — a
; faulting program is abandoned with context_abort, back into the shell.

bits 32

KERNEL_STACK_SIZE equ 16384

section .text
global _start
extern kmain32, ap_refuse, exception32

_start:
	test edi, edi
	jnz .other_vcpu
	mov esp, kernel_stack_top
	push esi                        ; kmain32(ram_size)
	call kmain32
.other_vcpu:                            ; --vcpus N: see ap_refuse in main.c
	and esp, -16
	push edi
	call ap_refuse

; int context_call(os_program *prog, struct context *ctx): remember the callee-saved
; registers and the stack, then run prog(); a normal return gives 0.
global context_call
context_call:
	mov eax, [esp + 8]
	mov [eax], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	mov [eax + 16], esp             ; points at our return address
	call [esp + 4]
	xor eax, eax
	ret

; context_abort(ctx): unwind to the context_call that filled ctx; it returns -1.
global context_abort
context_abort:
	mov eax, [esp + 4]
	mov ebx, [eax]
	mov esi, [eax + 4]
	mov edi, [eax + 8]
	mov ebp, [eax + 12]
	mov esp, [eax + 16]
	mov eax, -1
	ret

; triple_fault: an empty IDT turns the next exception into a shutdown (kernel panic).
global triple_fault
triple_fault:
	lidt [empty_idtr]
	ud2

%macro STUB 1
exc_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
	push %1                         ; the CPU pushed an error code already
%else
	push 0
	push %1
%endif
	jmp exc_common
%endmacro

%assign v 0
%rep 32
STUB v
%assign v v + 1
%endrep

exc_common:
	pushad
	push esp                        ; struct frame32 *
	cld
	call exception32                ; never returns

section .rodata
global exc_stubs
align 4
exc_stubs:
%assign v 0
%rep 32
	dd exc_stub_ %+ v
%assign v v + 1
%endrep
empty_idtr:
	dw 0
	dd 0

section .bss
align 16
kernel_stack:
	resb KERNEL_STACK_SIZE
kernel_stack_top:
