; flood.asm — prints exactly 200 000 bytes (2 500 lines of 80), then EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    what one exit per byte costs: the PUTCHAR benchmark (tests/bench/run.sh)
;               divides the bytes by the time. The text is the classic "chargen"
;               pattern: each line is 79 printable ASCII characters, starting one
;               character later than the line before, so a lost byte is easy to spot.

bits 16
org 0

%include "macros.inc"

LINES equ 2500
LINE_CHARS equ 79               ; + the newline = 80 bytes a line
PRINTABLE equ 95                ; ' ' .. '~'

start:
	mov cx, LINES
	xor bh, bh                      ; BH = first character of the line, 0..94
.line:
	mov ah, bh                      ; AH = current character (AL belongs to the macro)
	mov si, LINE_CHARS
.char:
	mov bl, ah
	add bl, ' '
	hc_putchar
	inc ah
	cmp ah, PRINTABLE
	jb .same_round
	xor ah, ah                      ; wrap '~' back to ' '
.same_round:
	dec si
	jnz .char
	hc_putc 10                      ; changes BL only: BH still holds the line start
	inc bh                          ; the next line starts one character later
	cmp bh, PRINTABLE
	jb .next_line
	xor bh, bh
.next_line:
	loop .line
	hc_exit
