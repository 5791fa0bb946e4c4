; echo.asm — reads lines from the keyboard (or a pipe) and prints each one back.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: GETCHAR, PUTCHAR, EXIT
;   Teaches:    input through a hypercall. GETCHAR is an OUT (the request) followed by an
;               IN (the answer); while no key is there the VMM keeps the vCPU waiting, so
;               the guest needs no polling loop. The guest echoes what it reads itself, as
;               a terminal line discipline would. End of input (0xFF, or Ctrl-D) ends it.

bits 16
org 0

%include "macros.inc"

%define LINE_MAX 64     ; longer lines are cut; the rest of the line is not echoed
%defstr LINE_MAX_TEXT LINE_MAX
CTRL_D equ 0x04
BACKSPACE equ 0x08
DELETE equ 0x7F

start:
	mov si, banner
	call print_str
.prompt:
	mov si, prompt
	call print_str
	xor di, di              ; DI = bytes in `line`
	mov byte [cut], 0
.key:
	hc_getchar
	cmp al, HC_EOF
	je .eof
	cmp al, CTRL_D
	je .eof
	; Enter may come as CR (a terminal in raw mode), LF (a pipe) or CR LF (a file
	; written on another system): the LF right after a CR belongs to the same Enter.
	mov ah, [after_cr]
	mov byte [after_cr], 0
	cmp al, 13
	je .enter_cr
	cmp al, 10
	jne .not_lf
	test ah, ah
	jnz .key
	jmp .enter
.not_lf:
	cmp al, BACKSPACE
	je .erase
	cmp al, DELETE
	je .erase
	cmp al, ' '
	jb .key                 ; other control bytes would confuse the screen: ignore them
	cmp di, LINE_MAX
	jae .too_long
	mov [line + di], al
	inc di
	mov bl, al              ; echo: the user sees what they type only because we print it
	hc_putchar
	jmp .key
.too_long:
	mov byte [cut], 1
	jmp .key
.erase:
	test di, di
	jz .key                 ; nothing left to erase on this line
	dec di
	; Back one column, overwrite the character with a space, back again.
	mov si, rubout
	call print_str
	jmp .key
.enter_cr:
	mov byte [after_cr], 1
.enter:
	hc_putc 10
	call echo_line
	jmp .prompt
.eof:
	; A last line without a newline still counts; then say why the program ends.
	hc_putc 10
	test di, di
	jz .bye
	call echo_line
.bye:
	mov si, goodbye
	call print_str
	hc_exit

; echo_line — print "echo: " and the DI bytes of `line` (and a note if it was cut).
echo_line:
	mov si, reply
	call print_str
	mov byte [line + di], 0 ; NUL-terminate: `line` has room for LINE_MAX + 1 bytes
	mov si, line
	call print_str
	cmp byte [cut], 0
	je .newline
	mov si, cut_note
	call print_str
.newline:
	hc_putc 10
	ret

banner:
	db "Echo demo: type a line and press Enter; end of input (Ctrl-D) stops.", 10, 0
prompt:
	db "> ", 0
reply:
	db "echo: ", 0
cut_note:
	db " [cut to ", LINE_MAX_TEXT, " characters]", 0
rubout:
	db BACKSPACE, ' ', BACKSPACE, 0
goodbye:
	db "end of input", 10, 0
after_cr:
	db 0
cut:
	db 0

%include "print16.inc"

; The line buffer needs no bytes in the image: .bss reserves it in the guest's segment.
section .bss
line:
	resb LINE_MAX + 1
