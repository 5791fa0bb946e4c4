#!/usr/bin/env bash
# instructions.test.sh — static checks of both ELFs against the host rules (no /dev/kvm
# needed): PT_LOAD segments where vmm/layout.h allows them; no instruction that kvm-pvm's
# emulator cannot run in kernel code (SSE/x87, POPCNT, LZCNT, RDTSCP, INT n, LSL/LAR...),
# no IRET in the 32-bit image, no SYSCALL anywhere; the user image does use `int $0x80`.
set -u
: "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_images
command -v objdump >/dev/null && command -v readelf >/dev/null ||
	{ echo "FAIL: objdump/readelf (binutils) missing"; exit 1; }

K64=$B/guests/os1k64.elf K32=$B/guests/os1k32.elf U64=$B/guests/os1k/user64.elf
EMUL_BAD='%[xyz]mm|%st\b|%st\(|\b(popcnt|lzcnt|rdtscp|cmpxchg16b|lsl|lar|verr|verw|int3|int +\$|syscall|sysret|xgetbv)\b'

# no_insn NAME ELF REGEX: objdump must show no matching instruction
no_insn() {
	local hits
	hits=$(objdump -d --no-show-raw-insn "$2" | grep -E '^ +[0-9a-f]+:' | grep -E "$3" | head -n 5)
	if [ -n "$hits" ]; then fail "$1: forbidden instructions:"; echo "$hits"; else echo "ok   $1"; fi
}

no_insn "os1k64 kernel: runs emulated at CPL0" "$K64" "$EMUL_BAD"
no_insn "os1k32: runs emulated, no IRET" "$K32" "$EMUL_BAD|\biret|\b(aam|daa|bound|rdrand)\b"
no_insn "os1k64 user image: no SYSCALL" "$U64" '\b(syscall|sysenter)\b'
objdump -d "$U64" | grep -qE 'int +\$0x80' && echo "ok   user image makes system calls with int \$0x80" ||
	fail "user image: no int \$0x80 found"

# PT_LOAD: at or above 1 MiB, below RAM end minus the VMM's stacks (64 MiB - 1 MiB)
for elf in "$K64" "$K32"; do
	while read -r addr size; do
		if (( addr < 0x100000 || addr + size > 0x3F00000 )); then
			fail "$elf: PT_LOAD at $(printf 0x%x "$addr") size $(printf 0x%x "$size") is outside 1 MiB..63 MiB"
		fi
	done < <(readelf -lW "$elf" | awk '$1 == "LOAD" { print $4, $6 }')
done
readelf -h "$K64" | grep -q 'Class: *ELF64' || fail "os1k64.elf is not ELF64"
readelf -h "$K32" | grep -q 'Class: *ELF32' || fail "os1k32.elf is not ELF32"
finish
