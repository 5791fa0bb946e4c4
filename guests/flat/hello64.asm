; hello64.asm — the seed's hello_64 made ours: "Hello from 64-bit!", then what the VMM set up
; for a flat 64-bit image, then EXIT.
;   CPU mode:   long mode (64-bit), flat binary, org 0; run with --mode long (or the seed's
;               --long-mode): a flat image has no header that could say so
;   Loaded at:  guest-physical 0 (--load), RIP = 0 (--entry), RSP = 0x8000; the first 4 MiB
;               identity-mapped with 2 MiB pages; the VMM's GDT and page tables at 0x3C0000,
;               out of the way of a small image loaded at 0. RSI = RAM size, RDI = vCPU index
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    the same bytes mean different things in different modes: run as real mode
;               (no --mode), this image is nonsense and the VMM says it looks like 64-bit
;               code. Here addresses are RIP-relative and registers are 64 bits wide.

bits 64
org 0

%include "macros.inc"

start:
	mov rbp, rsp            ; RSP as the VMM left it, before the first call pushes
	mov r12, rsi            ; RAM size, from the VMM
	lea rsi, [rel hello]    ; RIP-relative: works wherever the image is loaded
	call print_str

	lea rsi, [rel stack_is]
	call print_str
	mov rax, rbp
	call print_hex
	call newline

	; CR3 holds the guest-physical address of the top-level page table (PML4): long mode
	; cannot run without paging, so the VMM built tables before the first instruction.
	lea rsi, [rel tables_at]
	call print_str
	mov rax, cr3
	call print_hex
	call newline

	lea rsi, [rel memory_is]
	call print_str
	mov rax, r12
	shr rax, 20
	call print_udec
	lea rsi, [rel mib]
	call print_str

	; A number no 32-bit register can hold: 2^40.
	lea rsi, [rel big]
	call print_str
	mov rax, 1
	shl rax, 40
	call print_udec
	call newline

	hypercall HC_EXIT

; print_str — print the NUL-terminated string at RSI. Keeps every register but RSI.
print_str:
	push rax
	push rbx
	push rdx
.next:
	lodsb
	test al, al
	jz .done
	mov bl, al
	hc_putchar
	jmp .next
.done:
	pop rdx
	pop rbx
	pop rax
	ret

newline:
	push rax
	push rbx
	push rdx
	hc_putc 10
	pop rdx
	pop rbx
	pop rax
	ret

; print_udec / print_hex — RAX as an unsigned decimal / "0x" and hex digits. The digits
; come out least significant first: push them, then pop them in printing order.
print_udec:
	push rcx
	mov rcx, 10
	call print_base
	pop rcx
	ret

print_hex:
	push rax
	push rbx
	push rdx
	hc_putc '0'
	hc_putc 'x'
	pop rdx
	pop rbx
	pop rax
	push rcx
	mov rcx, 16
	call print_base
	pop rcx
	ret

print_base:                     ; RAX in base RCX
	push rax
	push rbx
	push rdx
	push rsi
	xor rsi, rsi                ; RSI = digits pushed
.divide:
	xor rdx, rdx
	div rcx
	push rdx
	inc rsi
	test rax, rax
	jnz .divide
.digits:
	pop rbx
	add bl, '0'
	cmp bl, '9'
	jbe .put
	add bl, 'a' - '9' - 1
.put:
	hc_putchar
	dec rsi
	jnz .digits
	pop rsi
	pop rdx
	pop rbx
	pop rax
	ret

hello:     db "Hello from 64-bit!", 10, 0
stack_is:  db "RSP at entry: ", 0
tables_at: db "page tables (CR3): ", 0
memory_is: db "guest memory: ", 0
mib:       db " MiB", 10, 0
big:       db "2^40 = ", 0
