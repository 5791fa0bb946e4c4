; timer.asm — a real-mode interrupt handler on the PIT: "tick N" once a second for 3 s.
;   CPU mode:   real mode (16-bit), flat binary, org 0; interrupts on
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT. Devices: 8259 PIC (ports 0x20/0x21, 0xA0/0xA1) and
;               8254 PIT (ports 0x40, 0x43), both emulated inside the kernel by KVM
;   Teaches:    what a BIOS would have done for us: program the PIC, install an IVT entry,
;               program the PIT; then the interrupt cycle (IRQ -> IVT -> handler -> EOI ->
;               IRET). The image carries IRQCHIP_TAG, so the VMM gives its VM an in-kernel
;               IRQCHIP + PIT: the PIC and PIT ports never leave the kernel and HLT waits
;               there for the next tick, so a second of waiting costs 0 exits.

bits 16
org 0

%include "macros.inc"

%define HZ 100
%defstr HZ_TEXT HZ
SECONDS equ 3
PIT_HZ equ 1193182              ; the 8254's input clock, fixed since the IBM PC
PIT_DIVISOR equ (PIT_HZ + HZ / 2) / HZ
IRQ0_VECTOR equ 8               ; where the PC BIOS puts the master PIC's IRQ0

start:
	; Interrupts are off from the start (FLAGS = 0x2) and stay off until all is set up.
	call pic_init
	call install_handler
	call pit_init
	mov si, banner
	call print_str

	xor cx, cx                      ; CX = seconds printed so far
	mov di, HZ                      ; DI = tick count at which the next line is due
					; (not DX: every hypercall macro uses DX for the port)
.wait:
	; Check the count with interrupts off, then `sti; hlt`: STI only takes effect after
	; the next instruction, so no tick can slip in between the check and the HLT and
	; leave us asleep until the tick after.
	cli
	cmp [ticks], di
	jae .second
	sti
	hlt
	jmp .wait
.second:
	sti
	inc cx
	add di, HZ
	mov si, tick_text
	call print_str
	movzx eax, cx
	call print_udec
	hc_putc 10
	cmp cx, SECONDS
	jb .wait
	; Done: silence the timer so nothing interrupts the EXIT.
	cli
	mov al, 0xFF
	out 0x21, al
	hc_exit

; pic_init — the 8259 initialisation sequence (ICW1..ICW4) for both PICs: IRQ0-7 on
; vectors 8-15 as on a PC, the slave on the master's IRQ2, then mask everything but IRQ0.
; There is no BIOS here, so nobody else has done it.
pic_init:
	mov al, 0x11                    ; ICW1: edge triggered, cascade, ICW4 follows
	out 0x20, al
	out 0xA0, al
	mov al, IRQ0_VECTOR             ; ICW2: vector base of the master ...
	out 0x21, al
	mov al, 0x70                    ; ... and of the slave
	out 0xA1, al
	mov al, 0x04                    ; ICW3: the slave hangs on the master's IRQ2
	out 0x21, al
	mov al, 0x02                    ; ICW3 (slave): its cascade identity is 2
	out 0xA1, al
	mov al, 0x01                    ; ICW4: 8086 mode, normal EOI
	out 0x21, al
	out 0xA1, al
	mov al, 0xFE                    ; OCW1: only IRQ0 (the PIT) may interrupt
	out 0x21, al
	mov al, 0xFF
	out 0xA1, al
	ret

; install_handler — the real-mode IVT is 256 far pointers (offset, then segment) at
; physical address 0. Our image sits at 0x10000, so writing there harms nothing of ours.
install_handler:
	push es
	xor ax, ax
	mov es, ax
	mov word [es:IRQ0_VECTOR * 4], irq0_handler
	mov [es:IRQ0_VECTOR * 4 + 2], cs
	pop es
	ret

; pit_init — channel 0, mode 2 (rate generator): one IRQ0 every PIT_DIVISOR input clocks.
pit_init:
	mov al, 0x34                    ; channel 0, low byte then high byte, mode 2, binary
	out 0x43, al
	mov ax, PIT_DIVISOR
	out 0x40, al
	mov al, ah
	out 0x40, al
	ret

; irq0_handler — runs between any two instructions of the main loop. The CPU has pushed
; FLAGS, CS and IP and cleared IF; IRET restores all three.
irq0_handler:
	; CS is ours for sure; DS is whatever the interrupted code had, so say CS explicitly.
	inc word [cs:ticks]
	push ax
	mov al, 0x20                    ; EOI: without it the PIC never sends IRQ0 again
	out 0x20, al
	pop ax
	iret

banner:
	db "timer: PIT at ", HZ_TEXT, " Hz on IRQ0, a real-mode IVT handler, HLT between ticks", 10, 0
tick_text:
	db "tick ", 0
ticks:
	dw 0

; The VMM scans the image for this tag and only then creates the in-kernel IRQCHIP and
; PIT; without them the OUTs above would reach no device and the first HLT would end us.
	db IRQCHIP_TAG

%include "print16.inc"
