#!/usr/bin/env bash
# flat.test.sh — flat images in protected and long mode (--mode, --long-mode, --paging,
# --load, --entry): every bad value or bad combination is one line on stderr, status 2,
# nothing on stdout. No KVM needed: options and layout are checked before /dev/kvm opens.
set -u
. "$ROOT/tests/lib.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
G=$B/guests

head -c 256 /dev/zero >"$tmp/small.bin"
head -c 8192 /dev/zero >"$tmp/k8.bin"
head -c 4194304 /dev/zero >"$tmp/huge.bin"
mk="mini-kvm: vcpu0"

# Options alone.
expect_error 2 "mini-kvm: --mode wants real, protected or long, not 'virtual'" --mode virtual "$G/hello.bin"
expect_error 2 "mini-kvm: --mode long and --mode protected ask for different modes: give one" \
	--mode long --mode protected "$tmp/small.bin"
expect_error 2 "mini-kvm: --long-mode and --mode protected ask for different modes: give one" \
	--long-mode --mode protected "$tmp/small.bin"
expect_error 2 "mini-kvm: --paging is protected mode with paging: it does not go with --mode real" \
	--mode real --paging "$tmp/small.bin"
expect_error 2 "mini-kvm: --load needs --mode protected or long (or --paging, --long-mode): a real-mode image starts at 1000:0000" \
	--load 0x2000 "$G/hello.bin"
expect_error 2 "mini-kvm: --entry needs --mode protected or long (or --paging, --long-mode): a real-mode image starts at 1000:0000" \
	--entry 0x10 "$G/hello.bin"
expect_error 2 "mini-kvm: --load wants a guest-physical address (e.g. 0x1000), not '1M'" --paging --load 1M "$tmp/small.bin"
expect_error 2 "mini-kvm: --entry wants an address (e.g. 0x80001000), not ''" --paging --entry '' "$tmp/small.bin"

# Where the image would go: outside RAM, over the VMM's tables, over --paging's tables.
expect_error 2 "$mk (small.bin): --load 0x400000 is outside guest memory (0-0x3fffff, 4 MiB)" \
	--mode long --load 0x400000 "$tmp/small.bin"
expect_error 2 "$mk (small.bin): --load 0xffffffffffffffff is outside guest memory (0-0x3fffff, 4 MiB)" \
	--mode protected --load 0xffffffffffffffff "$tmp/small.bin"
expect_error 2 "$mk (small.bin): the image at 0x3bff80 (0x100 bytes) overlaps the VMM's GDT and page tables at 0x3c0000-0x3fffff" \
	--long-mode --load 0x3bff80 "$tmp/small.bin"
expect_error 2 "$mk (k8.bin): the image at 0xff000-0x101000 overlaps the --paging page tables at 0x100000-0x130000" \
	--paging --load 0xff000 "$tmp/k8.bin"
expect_error 2 "$mk (k8.bin): the image at 0x12f000-0x131000 overlaps the --paging page tables at 0x100000-0x130000" \
	--paging --load 0x12f000 --entry 0x8012f000 "$tmp/k8.bin"
expect_error 2 "$mk (huge.bin): flat long-mode image is too big: 4194304 bytes, at most 3932160 (3.75 MiB)" \
	--mode long "$tmp/huge.bin"

# Where it would start: unmapped, or outside the image.
expect_error 2 "$mk (small.bin): --entry 0x80400000 is outside guest memory (0-0x3fffff, and 0x80000000-0x803fffff with --paging)" \
	--paging --entry 0x80400000 "$tmp/small.bin"
expect_error 2 "$mk (small.bin): --entry 0x80001100 is outside the image, loaded at 0x1000-0x1100 (0x80001000-0x80001100 with --paging)" \
	--paging --entry 0x80001100 "$tmp/small.bin"
expect_error 2 "$mk (small.bin): --entry 0x80001000 is outside guest memory (0-0x3fffff, 4 MiB)" \
	--mode protected --entry 0x80001000 "$tmp/small.bin"
expect_error 2 "$mk (small.bin): --entry 0x100 is outside the image, loaded at 0x0-0x100" \
	--long-mode --entry 0x100 "$tmp/small.bin"

# An ELF says its own mode and addresses: options that contradict it are refused.
if [ -f "$G/os1k64.elf" ]; then
	expect_error 2 "$mk (os1k64.elf): a 64-bit ELF runs in long mode, not protected mode (--mode, --paging and --long-mode are for flat images)" \
		--paging "$G/os1k64.elf"
	expect_error 2 "$mk (os1k64.elf): --load and --entry are for flat images: an ELF says where it loads and starts" \
		--mode long --entry 0x100000 "$G/os1k64.elf"
fi
if [ -f "$G/os1k32.elf" ]; then
	expect_error 2 "$mk (os1k32.elf): a 32-bit ELF runs in protected mode, not real mode (--mode, --paging and --long-mode are for flat images)" \
		--mode real "$G/os1k32.elf"
fi
# The second image is the one named.
expect_error 2 "mini-kvm: vcpu1 (k8.bin): the image at 0x3bff00 (0x2000 bytes) overlaps the VMM's GDT and page tables at 0x3c0000-0x3fffff" \
	--mode long --load 0x3bff00 "$tmp/small.bin" "$tmp/k8.bin"
finish
