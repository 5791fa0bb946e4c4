; paged32.asm — a 32-bit kernel linked high, booted the way the seed boots its 1K OS: loaded
; at physical 0x1000 but linked (org) at 0x80001000, so every address in it is 0x80000000
; above where its bytes really are. It runs only because paging maps both.
;   CPU mode:   32-bit protected mode with paging on (--paging), flat binary,
;               org 0x80001000
;   Loaded at:  physical 0x1000 (--load), entered at 0x80001000 (--entry); CS = 0x08,
;               DS = ES = SS = 0x10 flat, interrupts off; ESP = 0x3C0000. The VMM's page
;               directory is at 0x100000 (4 KiB pages): PDE[0] maps 0-4 MiB to itself,
;               PDE[512] maps 0x80000000-0x803FFFFF to the same 0-4 MiB.
;               Built with -DELF (and paged32.ld) it is paged32.elf instead: an ELF linked
;               at 0x80101000 that loads at 0x101000, which gets the same two mappings.
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    virtual and physical addresses: the CPU runs at 0x8000xxxx, the bytes sit
;               at 0x0000xxxx, and one byte can be reached through both. Needs a host with
;               32-bit paging (hardware KVM); kvm-pvm refuses the image with one line.

bits 32
%ifdef ELF
section .text
global start
%else
org 0x80001000
%endif

%include "macros.inc"

HIGH equ 0x80000000

start:
	mov esi, hello          ; an absolute 0x8000xxxx address: paging makes it work
	call print_str

	; Where is the CPU? CALL pushes the address after itself; pop it back.
	call .here
.here:
	pop ebx
	mov esi, running_at
	call print_str
	mov eax, ebx
	call print_hex
	call newline

	mov esi, paging_is
	call print_str
	mov eax, cr0
	mov esi, off
	test eax, eax           ; CR0.PG is bit 31, the sign bit
	jns .say
	mov esi, on
.say:
	call print_str
	mov eax, cr3            ; the page directory's physical address
	call print_hex
	call newline

	; One byte, two addresses: write through the high (linked) address, read it back
	; through the identity map, i.e. at its physical address.
	mov byte [shared], 'K'
	mov esi, written_at
	call print_str
	mov eax, shared
	call print_hex
	mov esi, read_at
	call print_str
	mov eax, shared - HIGH
	call print_hex
	mov esi, gives
	call print_str
	mov bl, [shared - HIGH]
	hc_putchar
	call newline

	hypercall HC_EXIT

; print_str — the NUL-terminated string at ESI. Keeps every register but ESI.
print_str:
	push eax
	push ebx
	push edx
.next:
	lodsb
	test al, al
	jz .done
	mov bl, al
	hc_putchar
	jmp .next
.done:
	pop edx
	pop ebx
	pop eax
	ret

newline:
	pushad
	hc_putc 10
	popad
	ret

; print_hex — EAX as "0x" and 8 hex digits, most significant first (a rotate per digit).
print_hex:
	pushad
	mov ecx, eax
	hc_putc '0'
	hc_putc 'x'
	mov esi, 8
.digit:
	rol ecx, 4
	mov bl, cl
	and bl, 0xF
	add bl, '0'
	cmp bl, '9'
	jbe .put
	add bl, 'a' - '9' - 1
.put:
	hc_putchar
	dec esi
	jnz .digit
	popad
	ret

hello:      db "Hello from 32-bit protected mode, paging on!", 10, 0
running_at: db "running at ", 0
paging_is:  db "CR0.PG ", 0
on:         db "on, page directory (CR3) ", 0
off:        db "off?! CR3 ", 0
written_at: db "wrote at ", 0
read_at:    db ", read at ", 0
gives:      db ": ", 0
shared:     db 0
