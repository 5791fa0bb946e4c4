#!/usr/bin/env bash
# flat.test.sh — our flat guests in the modes the seed's flags give them: paged32 with
# --paging (a kernel linked at 0x80001000, loaded at 0x1000) and as an ELF linked high;
# both, and hello64 in long mode, on 2 vCPUs with tables of their own; and the warning a
# 64-bit image gets when it is run as real mode. Where the host refuses 32-bit paging
# (kvm-pvm), the paged runs must fail with the VMM's one line and status 3: then the rest
# is skipped with that line as the reason.
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
need_kvm
G=$B/guests W=$ROOT/tests/guests/flat
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

run() { # ARGS... -> $tmp/out, $tmp/err, $ST
	timeout 120 "$MINI_KVM" --headless "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	ST=$?
}
same() { # WANT_FILE WHAT
	cmp -s "$1" "$tmp/out" || fail "$2: output differs from $1: $(diff "$1" "$tmp/out" | head -5)"
}

# hello64 on two vCPUs: each has its own stack and its own page tables.
run --vcpus 2 --mode long "$G/hello64.bin"
[ "$ST" = 0 ] || fail "hello64 on 2 vCPUs: status $ST ($(cat "$tmp/err"))"
grep -qx '\[vcpu1\] RSP at entry: 0x7c00' "$tmp/out" || fail "hello64: vCPU 1's stack is not 0x7c00"
grep -qx '\[vcpu1\] page tables (CR3): 0x3c5000' "$tmp/out" || fail "hello64: vCPU 1's tables are not at 0x3c5000"
grep -qx '\[vcpu0\] page tables (CR3): 0x3c1000' "$tmp/out" || fail "hello64: vCPU 0's tables are not at 0x3c1000"

# The same bytes without --mode: real mode, with a warning. What they do then is nonsense
# (the seed's hello_64 reaches an EXIT by accident): only the warning is asserted.
run --timeout 5 "$G/hello64.bin"
head -n 1 "$tmp/err" | grep -qx 'mini-kvm: vcpu0 (hello64.bin): a flat image runs in real mode, but this one looks like 64-bit code (try --mode long)' ||
	fail "hello64 as real mode: no warning first on stderr, got: $(head -n 1 "$tmp/err")"
run "$G/hello.bin"
[ -s "$tmp/err" ] && fail "hello.bin (real mode) should get no warning, got: $(cat "$tmp/err")"

run --paging "$G/paged32.bin"
refused="mini-kvm: vcpu0 (paged32.bin): host KVM refuses 32-bit paging (kvm-pvm), and this image needs it (--paging): it runs only on hardware KVM (VT-x/AMD-V)"
if grep -q "refuses 32-bit paging" "$tmp/err"; then
	[ "$ST" = 3 ] || fail "paged32 refused: status $ST, want 3"
	[ "$(cat "$tmp/err")" = "$refused" ] || fail "paged32 refused: stderr
  got:  $(cat "$tmp/err")
  want: $refused"
	[ -s "$tmp/out" ] && fail "paged32 refused: stdout should be empty"
	run "$G/paged32.elf"
	[ "$ST" = 3 ] || fail "paged32.elf refused: status $ST, want 3"
	grep -qx "mini-kvm: vcpu0 (paged32.elf): host KVM refuses 32-bit paging (kvm-pvm), and this image needs it (linked at 0x80000000): it runs only on hardware KVM (VT-x/AMD-V)" "$tmp/err" ||
		fail "paged32.elf refused: $(cat "$tmp/err")"
	[ "$failures" = 0 ] || finish
	echo "skipped: $refused"
	exit 77
fi
[ "$ST" = 0 ] || fail "paged32 --paging: status $ST ($(cat "$tmp/err"))"
same "$W/paged32.expected" "paged32 --paging"
run --mode protected --paging --load 0x1000 --entry 0x80001000 "$G/paged32.bin"
same "$W/paged32.expected" "paged32 with the defaults spelt out"
run "$G/paged32.elf"
[ "$ST" = 0 ] || fail "paged32.elf: status $ST ($(cat "$tmp/err"))"
same "$W/paged32_elf.expected" "paged32.elf"
run --vcpus 2 --paging "$G/paged32.bin"
[ "$ST" = 0 ] || fail "paged32 on 2 vCPUs: status $ST"
sed -n 's/^\[vcpu1\] //p' "$tmp/out" >"$tmp/v1"
sed 's/0x00100000$/0x00103000/' "$W/paged32.expected" | cmp -s - "$tmp/v1" ||
	fail "paged32 vCPU 1 (page directory at 0x103000): $(cat "$tmp/v1")"
finish
