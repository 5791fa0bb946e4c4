#!/usr/bin/env bash
# disasm.test.sh — the Zydis companion (build/mini-kvm-disasm) decodes 16-, 32- and
# 64-bit code as the register panel shows it, and says so when bytes are no instruction.
set -u
. "$ROOT/tests/lib.sh"
got=$(printf 'real16 0 b80100\nlegacy32 100000 b801000000\nlong64 100000 48c7c001000000\n16 0 ee\n64 0 0f0b\ncompat32 0 ffff\nnonsense\n' |
	"$ROOT/$B/mini-kvm-disasm")
want='3 mov ax, 0x01
5 mov eax, 0x01
7 mov rax, 0x01
1 out dx, al
2 ud2
0 (not a valid instruction)
0 (bad request)'
[ "$got" = "$want" ] || fail "disassembly:
$got
want:
$want"
finish
