#!/usr/bin/env bash
# errors.test.sh — every bad input gets its one line on stderr and its exit status
# (PRODUCT.md: 2 bad input or usage, 3 host cannot run), and nothing on stdout.
set -u
. "$ROOT/tests/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
G=$B/guests

: >"$tmp/empty.bin"
head -c 300000 /dev/zero >"$tmp/big.bin"
printf 'not an elf' >"$tmp/fake.elf"
printf '\177ELF' >"$tmp/trunc.elf"
# a valid 64-bit header with a program header past the end of the file
python3 - "$tmp" <<'PY'
import struct, sys
d = sys.argv[1]
def ehdr(cls, machine, entry, phoff, phnum, etype=2):
    if cls == 2:
        return (b'\x7fELF' + bytes([2, 1, 1]) + bytes(9) +
                struct.pack('<HHIQQQIHHHHHH', etype, machine, 1, entry, phoff, 0, 0, 64, 56, phnum, 0, 0, 0))
    return (b'\x7fELF' + bytes([1, 1, 1]) + bytes(9) +
            struct.pack('<HHIIIIIHHHHHH', etype, machine, 1, entry, phoff, 0, 0, 52, 32, phnum, 0, 0, 0))
def phdr64(off, paddr, filesz, memsz):
    return struct.pack('<IIQQQQQQ', 1, 5, off, paddr, paddr, filesz, memsz, 0x1000)
code = b'\xf4' * 16
open(d + '/phoff.elf', 'wb').write(ehdr(2, 62, 0x100000, 4096, 1))
open(d + '/arm.elf', 'wb').write(ehdr(2, 183, 0x100000, 64, 1) + phdr64(120, 0x100000, 16, 16) + code)
open(d + '/dyn.elf', 'wb').write(ehdr(2, 62, 0x100000, 64, 1, etype=3) + phdr64(120, 0x100000, 16, 16) + code)
open(d + '/low.elf', 'wb').write(ehdr(2, 62, 0x1000, 64, 1) + phdr64(120, 0x1000, 16, 16) + code)
open(d + '/high.elf', 'wb').write(ehdr(2, 62, 0x100000, 64, 1) + phdr64(120, 0x100000, 16, 0x8000000) + code)
open(d + '/pastfile.elf', 'wb').write(ehdr(2, 62, 0x100000, 64, 1) + phdr64(120, 0x100000, 4096, 4096) + code)
open(d + '/entry.elf', 'wb').write(ehdr(2, 62, 0x200000, 64, 1) + phdr64(120, 0x100000, 16, 16) + code)
open(d + '/noload.elf', 'wb').write(ehdr(2, 62, 0x100000, 0, 0))
open(d + '/wrap.elf', 'wb').write(ehdr(2, 62, 0x100000, 64, 2) + phdr64(176, 0x100000, 16, 16)
                                   + phdr64(176, 0x102000, 0, 2**64 - 1) + code)
open(d + '/i386x64.elf', 'wb').write(ehdr(1, 62, 0x100000, 52, 0))
PY

expect_error 2 "mini-kvm: vcpu0 (missing.bin): cannot open image: No such file or directory" "$tmp/missing.bin"
expect_error 2 "mini-kvm: vcpu0 ($(basename "$tmp")): image is a directory, not a file" "$tmp"
expect_error 2 "mini-kvm: vcpu0 (empty.bin): image is empty (0 bytes)" "$tmp/empty.bin"
expect_error 2 "mini-kvm: vcpu0 (big.bin): real-mode image is too big: 300000 bytes, at most 262144 (256 KiB)" "$tmp/big.bin"
expect_error 2 "mini-kvm: vcpu1 (empty.bin): image is empty (0 bytes)" "$G/hello.bin" "$tmp/empty.bin"
expect_error 2 "mini-kvm: vcpu0 (fake.elf): bad ELF image: no ELF magic (7f 45 4c 46) at the start" "$tmp/fake.elf"
expect_error 2 "mini-kvm: vcpu0 (trunc.elf): bad ELF image: truncated before the identification bytes" "$tmp/trunc.elf"
expect_error 2 "mini-kvm: vcpu0 (phoff.elf): bad ELF image: program headers lie past the end of the file" "$tmp/phoff.elf"
expect_error 2 "mini-kvm: vcpu0 (arm.elf): bad ELF image: 64-bit ELF for another machine (want x86-64)" "$tmp/arm.elf"
expect_error 2 "mini-kvm: vcpu0 (dyn.elf): bad ELF image: not an executable (want ET_EXEC, linked at fixed addresses)" "$tmp/dyn.elf"
expect_error 2 "mini-kvm: vcpu0 (low.elf): bad ELF image: segment 0 at 0x1000-0x1010 lies outside guest memory 0x50000-0x3f00000" "$tmp/low.elf"
expect_error 2 "mini-kvm: vcpu0 (high.elf): bad ELF image: segment 0 at 0x100000-0x8100000 lies outside guest memory 0x50000-0x3f00000" "$tmp/high.elf"
expect_error 2 "mini-kvm: vcpu0 (pastfile.elf): bad ELF image: segment 0 lies past the end of the file" "$tmp/pastfile.elf"
expect_error 2 "mini-kvm: vcpu0 (entry.elf): bad ELF image: entry point 0x200000 is outside every segment" "$tmp/entry.elf"
expect_error 2 "mini-kvm: vcpu0 (noload.elf): bad ELF image: no program headers" "$tmp/noload.elf"
expect_error 2 "mini-kvm: vcpu0 (i386x64.elf): bad ELF image: 32-bit ELF for another machine (want i386)" "$tmp/i386x64.elf"
# A 255-character file name: the line names it shortened, and nothing overflows (issue 8.1).
long=$(printf 'a%.0s' $(seq 250))
short=$(printf 'a%.0s' $(seq 61))...
expect_error 2 "mini-kvm: vcpu0 ($short): cannot open image: No such file or directory" "$tmp/${long}X.bin"
cp "$tmp/fake.elf" "$tmp/${long}.elf"
expect_error 2 "mini-kvm: vcpu0 ($short): bad ELF image: no ELF magic (7f 45 4c 46) at the start" "$tmp/${long}.elf"
cp "$tmp/low.elf" "$tmp/${long}.elf"
expect_error 2 "mini-kvm: vcpu0 ($short): bad ELF image: segment 0 at 0x1000-0x1010 lies outside guest memory 0x50000-0x3f00000" "$tmp/${long}.elf"
# A FIFO is refused at once, not waited on; a device likewise (issue 8.2).
mkfifo "$tmp/pipe.bin"
expect_error 2 "mini-kvm: vcpu0 (pipe.bin): image is not a regular file" --timeout 2 "$tmp/pipe.bin"
expect_error 2 "mini-kvm: vcpu0 (null): image is not a regular file" /dev/null
# Each kind is held to its own size limit, before the file is read (issue 8.9).
truncate -s 70M "$tmp/huge.bin"
expect_error 2 "mini-kvm: vcpu0 (huge.bin): real-mode image is too big: 73400320 bytes, at most 262144 (256 KiB)" "$tmp/huge.bin"
truncate -s 70M "$tmp/huge.elf"
expect_error 2 "mini-kvm: vcpu0 (huge.elf): ELF image is too big: 73400320 bytes, at most 67108864 (64 MiB)" "$tmp/huge.elf"
# A segment whose end would wrap past 2^64 is shown as start and size (issue 8.8).
expect_error 2 "mini-kvm: vcpu0 (wrap.elf): bad ELF image: segment 1 at 0x102000 (0xffffffffffffffff bytes) lies outside guest memory 0x50000-0x3f00000" "$tmp/wrap.elf"
# Names and values reach the terminal visibly: no retitling, no forged second line (8.6).
expect_error 2 "mini-kvm: vcpu0 (esc^[]0;PWNED^G^[[2J.bin): cannot open image: No such file or directory" "$tmp/"$'esc\e]0;PWNED\a\e[2J.bin'
expect_error 2 "mini-kvm: vcpu0 (x^Jmini-kvm: fake second line.bin): cannot open image: No such file or directory" "$tmp/"$'x\nmini-kvm: fake second line.bin'
expect_error 2 "mini-kvm: vcpu0 (\x9b2J.bin): cannot open image: No such file or directory" "$tmp/"$'\x9b2J.bin'
expect_error 2 "mini-kvm: --vcpus wants a number from 1 to 16, not '^[]0;x^G'" --vcpus $'\e]0;x\a' "$G/race.bin"
expect_error 2 "mini-kvm: unknown option '--^[[2J' (try --help)" $'--\e[2J' "$G/race.bin"
expect_error 2 "mini-kvm: --vcpus wants a number from 1 to 16, not '17'" --vcpus 17 "$G/race.bin"
expect_error 2 "mini-kvm: too many guests: 17, at most 16" $(for i in $(seq 17); do echo "$G/hello.bin"; done)
expect_error 2 "mini-kvm: unknown option '--frobnicate' (try --help)" --frobnicate "$G/hello.bin"
expect_error 2 "mini-kvm: no guest image given (try --help)"
expect_error 2 "mini-kvm: --timeout wants a number of seconds above 0, not 'soon'" --timeout soon "$G/hello.bin"
MINI_KVM_DEVICE=$tmp/no-such-kvm expect_error 3 "mini-kvm: cannot open $tmp/no-such-kvm: No such file or directory (errno 2); KVM is not available on this host" "$G/hello.bin"
finish
