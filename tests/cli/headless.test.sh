#!/usr/bin/env bash
# headless.test.sh — what a script sees: several guests' lines tagged [vcpuN] and never
# coloured when stdout is not a terminal; --log DIR keeps each vCPU's exact transcript;
# --input N routes stdin to one echo guest while the other sees end of input; faults,
# unknown hypercalls and the time limit give status 1 and one line naming the vCPU;
# --stats ends with the host probe's line.
set -u
. "$ROOT/tests/lib.sh"
need_kvm
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
G=$B/guests

out=$("$MINI_KVM" "$G/hello.bin" "$G/counter.bin" </dev/null)
st=$?
[ "$st" = 0 ] || fail "two guests: status $st"
[ "$(printf '%s\n' "$out" | sort)" = "$(printf '[vcpu0] Hello, KVM!\n[vcpu1] 0123456789\n')" ] ||
	fail "two guests: tagged lines wrong: $out"
printf '%s' "$out" | grep -q $'\033' && fail "colour escapes on a pipe"

printf 'left\n' | "$MINI_KVM" --log "$tmp/logs" --input 1 "$G/echo.bin" "$G/echo.bin" >"$tmp/out"
st=$?
[ "$st" = 0 ] || fail "--input 1: status $st"
grep -q '^\[vcpu1\] echo: left$' "$tmp/out" || fail "--input 1: vcpu1 did not echo 'left': $(cat "$tmp/out")"
grep -q '^\[vcpu0\] echo:' "$tmp/out" && fail "--input 1: vcpu0 got input too"
[ -f "$tmp/logs/vcpu0.log" ] && [ -f "$tmp/logs/vcpu1.log" ] || fail "--log: files missing"
grep -q 'echo: left' "$tmp/logs/vcpu1.log" || fail "--log: vcpu1.log lacks the echo"
grep -q 'echo: left' "$tmp/logs/vcpu0.log" && fail "--log: vcpu0.log has vcpu1's input"
"$MINI_KVM" "$G/multiplication.bin" >"$tmp/mul.raw" </dev/null
"$MINI_KVM" --log "$tmp/l2" "$G/multiplication.bin" "$G/minimal.bin" >/dev/null </dev/null
cmp -s "$tmp/mul.raw" "$tmp/l2/vcpu0.log" || fail "--log: transcript differs from the raw run"

err=$("$MINI_KVM" "$G/hello.bin" "$G/triple.bin" </dev/null 2>&1 >/dev/null)
st=$?
[ "$st" = 1 ] || fail "triple fault: status $st, want 1"
[[ $err == "mini-kvm: vcpu1 (triple.bin): triple fault (KVM_EXIT_SHUTDOWN) at rip="*"an exception could not be delivered, the CPU reset itself" ]] ||
	fail "triple fault line: $err"

err=$("$MINI_KVM" "$G/badcall.bin" </dev/null 2>&1 >/dev/null)
st=$?
[ "$st" = 1 ] || fail "unknown hypercall: status $st, want 1"
[[ $err == "mini-kvm: vcpu0 (badcall.bin): unknown hypercall 0x42 (AL) at rip="*"registers: ax=0x42"* ]] ||
	fail "unknown hypercall line: $err"

start=$(date +%s%N)
err=$("$MINI_KVM" --timeout 0.3 "$G/spin.bin" "$G/hello.bin" </dev/null 2>&1 >/dev/null)
st=$?
ms=$((($(date +%s%N) - start) / 1000000))
[ "$st" = 1 ] || fail "timeout: status $st, want 1"
[[ $err == "mini-kvm: vcpu0 (spin.bin): time limit of 0.3 s ran out; it was still running"* ]] ||
	fail "timeout line: $err"
[ "$ms" -lt 3000 ] || fail "timeout: took $ms ms"
# --stats ends with the host probe's one line, the same whatever the guests are.
line=$("$MINI_KVM" --stats "$G/minimal.bin" </dev/null 2>&1 >/dev/null | tail -n 1)
if [ -e /sys/module/kvm_pvm ]; then
	[ "$line" = "host KVM is kvm-pvm (emulated): no 32-bit paging, no IRET outside real mode, no software breakpoints; 64-bit user code native" ] ||
		fail "probe line on kvm-pvm: $line"
else
	[[ $line == "host KVM is hardware"* ]] || fail "probe line on hardware KVM: $line"
fi
finish
