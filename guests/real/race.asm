; race.asm — N vCPUs add 1 to one shared counter, first without a lock, then with one.
;   CPU mode:   real mode (16-bit), flat binary, org 0; run with --vcpus N
;   Loaded at:  0x1000:0000 (physical 0x10000) in ONE VM whose memory every vCPU shares;
;               CS=DS=ES=SS=0x1000, IP=0 on each vCPU, SP = -k*0x400 for vCPU k
;   Hypercalls: VCPU_ID, VCPU_COUNT, PUTCHAR, EXIT
;   Teaches:    a lost update. `mov eax,[x]` / `inc eax` / `mov [x],eax` is three steps;
;               when two vCPUs interleave them, both store the same value and one
;               increment is lost. `lock inc` makes the read-modify-write one indivisible
;               step. Barriers (a lock-incremented arrival count) keep the phases apart.
;               vCPU 0 reports; on one vCPU both totals are exact.

bits 16
org 0

%include "macros.inc"

%define LOOPS 100000
%defstr LOOPS_TEXT LOOPS

start:
	; Every vCPU runs this same code; only the VCPU_ID answer tells them apart. The VMM
	; already gave each its own 1 KiB of stack below the others' (SP = -k * 0x400).
	hc_vcpu_id
	movzx bp, al                    ; BP = my index, kept for the whole run
	hc_vcpu_count
	mov [vcpus], al                 ; all vCPUs store the same value: harmless

	test bp, bp
	jnz .wait_start
	call print_header
.wait_start:
	; Start together, so the unlocked phases really overlap.
	mov bx, arrived_start
	call barrier

	; Phase 1: load, add, store, with nothing stopping another vCPU in between.
	mov ecx, LOOPS
.unlocked:
	mov eax, [plain_counter]
	inc eax
	mov [plain_counter], eax
	dec ecx
	jnz .unlocked

	mov bx, arrived_plain
	call barrier                    ; after it, every vCPU has finished phase 1
	mov si, without_text
	mov eax, [plain_counter]
	call report

	; Phase 2: LOCK makes the CPU hold the cache line (the emulator: the memory) for the
	; whole read-modify-write, so no other vCPU's update can fall in between.
	mov ecx, LOOPS
.locked:
	lock inc dword [locked_counter]
	dec ecx
	jnz .locked

	mov bx, arrived_locked
	call barrier
	mov si, with_text
	mov eax, [locked_counter]
	call report
	hc_exit

; barrier — BX = address of an arrival count. Count myself in (atomically: the count is
; itself shared), then spin until every vCPU has arrived. Each barrier has its own count,
; so nobody has to reset one that a slower vCPU may still be reading.
barrier:
	lock inc word [bx]
.spin:
	pause                           ; a hint to the CPU that this is a spin-wait loop
	movzx ax, byte [vcpus]
	cmp [bx], ax
	jb .spin
	ret

; print_header — "race: N vCPUs, each adds 1 to one shared counter 100000 times"
; ("1 vCPU", no "s", when alone).
print_header:
	mov si, header_text
	call print_str
	movzx eax, byte [vcpus]
	call print_udec
	mov si, vcpu_word
	call print_str
	mov si, header_rest
	cmp al, 1
	jne .plural
	inc si                          ; skip the "s"
.plural:
	call print_str
	ret

; report — on vCPU 0 only: SI = label, EAX = total -> "label: EAX of TOTAL (L lost)".
report:
	test bp, bp
	jnz .quiet
	call print_str
	call print_udec
	mov si, of_text
	call print_str
	mov edx, eax
	movzx eax, byte [vcpus]
	imul eax, eax, LOOPS            ; what the total would be if no update were lost
	call print_udec
	sub eax, edx
	mov si, lost_open
	call print_str
	call print_udec
	mov si, lost_close
	call print_str
.quiet:
	ret

header_text:
	db "race: ", 0
vcpu_word:
	db " vCPU", 0
header_rest:
	db "s, each adds 1 to one shared counter ", LOOPS_TEXT, " times", 10, 0
without_text:
	db "without lock: ", 0
with_text:
	db "with lock: ", 0
of_text:
	db " of ", 0
lost_open:
	db " (", 0
lost_close:
	db " lost)", 10, 0

; Shared data: one copy in the one VM's memory, seen by every vCPU.
align 4
plain_counter:
	dd 0
locked_counter:
	dd 0
arrived_start:
	dw 0
arrived_plain:
	dw 0
arrived_locked:
	dw 0
vcpus:
	db 0

%include "print16.inc"
