; matrix.asm — multiplies two 8x8 matrices, C = A x B, and prints C, then EXIT.
;   CPU mode:   real mode (16-bit), flat binary, org 0
;   Loaded at:  0x1000:0000 (physical 0x10000), CS=DS=ES=SS=0x1000, IP=0, SP=0
;   Hypercalls: PUTCHAR, EXIT
;   Teaches:    memory addressing in real mode: rows and columns are walked with two
;               pointers (A's row moves by 1 byte, B's column by N bytes), the 8-bit MUL
;               leaves its product in AX. All 512 multiplications run in the guest; only
;               the printing exits. The seed meant C[0][0] = 162 and C[7][7] = 198 but
;               printed 0 for both; these matrices give exactly those values.

bits 16
org 0

%include "macros.inc"

N equ 8

start:
	mov si, title
	call print_str
	call multiply
	call print_matrix
	mov si, corner_first
	call print_str
	movzx eax, word [c]                     ; C[0][0]
	call print_udec
	mov si, corner_last
	call print_str
	movzx eax, word [c + 2 * (N * N - 1)]   ; C[7][7]
	call print_udec
	hc_putc 10
	hc_exit

; multiply — C[i][j] = sum over k of A[i][k] * B[k][j], 16-bit sums (at most 8*10*10).
; BP = i*N (offset of row i), DI = j; the inner loop walks SI along A's row i and BX
; down B's column j, so no index multiplication is needed there.
multiply:
	xor bp, bp
.row:
	xor di, di
.col:
	lea si, [a + bp]        ; &A[i][0]
	lea bx, [b + di]        ; &B[0][j]
	xor cx, cx              ; CX = the running sum
	mov dl, N               ; DL = k steps left
.dot:
	mov al, [si]            ; A[i][k]
	mul byte [bx]           ; AX = A[i][k] * B[k][j]
	add cx, ax
	inc si                  ; next column of A's row
	add bx, N               ; next row of B's column
	dec dl
	jnz .dot
	; C is an array of words: the element index i*N + j is doubled into a byte offset.
	mov bx, bp
	add bx, di
	shl bx, 1
	mov [c + bx], cx
	inc di
	cmp di, N
	jb .col
	add bp, N
	cmp bp, N * N
	jb .row
	ret

; print_matrix — C row by row, each element right-aligned in 5 columns.
print_matrix:
	xor bx, bx              ; BX = byte offset into C
	mov cx, 5
.row:
	mov dl, N
.elem:
	movzx eax, word [c + bx]
	call print_udec_w
	add bx, 2
	dec dl
	jnz .elem
	push bx
	hc_putc 10
	pop bx
	cmp bx, 2 * N * N
	jb .row
	ret

title:
	db "Matrix 8x8: C = A x B", 10, 0
corner_first:
	db "C[0][0] = ", 0
corner_last:
	db 10, "C[7][7] = ", 0

; A[i][j] = (i + j) mod 10 + 1 and B[i][j] = (i - j + 8) mod 10 + 1, the seed's pattern,
; written out so that the data the guest multiplies is visible here.
a:
	db  1,  2,  3,  4,  5,  6,  7,  8
	db  2,  3,  4,  5,  6,  7,  8,  9
	db  3,  4,  5,  6,  7,  8,  9, 10
	db  4,  5,  6,  7,  8,  9, 10,  1
	db  5,  6,  7,  8,  9, 10,  1,  2
	db  6,  7,  8,  9, 10,  1,  2,  3
	db  7,  8,  9, 10,  1,  2,  3,  4
	db  8,  9, 10,  1,  2,  3,  4,  5
b:
	db  9,  8,  7,  6,  5,  4,  3,  2
	db 10,  9,  8,  7,  6,  5,  4,  3
	db  1, 10,  9,  8,  7,  6,  5,  4
	db  2,  1, 10,  9,  8,  7,  6,  5
	db  3,  2,  1, 10,  9,  8,  7,  6
	db  4,  3,  2,  1, 10,  9,  8,  7
	db  5,  4,  3,  2,  1, 10,  9,  8
	db  6,  5,  4,  3,  2,  1, 10,  9

%include "print16.inc"

; C lives past the end of the image: the guest owns its whole 64 KiB segment, and a
; .bss section reserves addresses there without adding bytes to the binary.
section .bss align=2
c:
	resw N * N
