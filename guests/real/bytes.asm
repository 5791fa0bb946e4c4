; bytes.asm — prints every input byte as two hex digits, and tells a typed 0xFF byte
; from the end of input.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: GETCHAR, INPUT_ENDED, PUTCHAR, EXIT
;   Teaches:    GETCHAR answers 0xFF both for a 0xFF byte and at the end of input (the
;               seed's ABI, which old guests rely on). A guest that must tell them apart
;               asks INPUT_ENDED after a 0xFF: 1 means the input is over, 0 a real byte.

bits 16
org 0

%include "macros.inc"

start:
.next:
	hc_getchar
	cmp al, HC_EOF
	jne .byte
	mov cl, al              ; keep the 0xFF: the question below clobbers AL
	hc_input_ended
	test al, al
	jnz .end
	mov al, cl
.byte:
	call print_hex
	hc_putc ' '
	jmp .next
.end:
	mov si, done
	call print_str
	hc_exit

; print_hex — AL as two lower-case hex digits.
print_hex:
	mov ah, al
	shr al, 4
	call .digit
	mov al, ah
	and al, 0x0F
.digit:
	add al, '0'
	cmp al, '9'
	jbe .out
	add al, 'a' - '0' - 10
.out:
	mov bl, al
	push ax
	hc_putchar
	pop ax
	ret

%include "print16.inc"

done: db 10, "end of input", 10, 0
