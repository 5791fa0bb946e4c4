#!/usr/bin/env bash
# headless_full.test.sh — guest output that cannot be written (stdout is /dev/full) is
# one error line and status 1, for one guest (raw bytes) and several (tagged lines).
set -u
. "$ROOT/tests/lib.sh"
need_kvm
[ -w /dev/full ] || { echo "skipped: no /dev/full"; exit 77; }
G=$B/guests
err=$("$MINI_KVM" --headless "$G/hello.bin" </dev/null 2>&1 >/dev/full)
st=$?
[ "$st" = 1 ] || fail "one guest >/dev/full: status $st, want 1"
[ "$err" = "mini-kvm: writing guest output to stdout failed: No space left on device (errno 28)" ] ||
	fail "one guest >/dev/full: stderr '$err'"
# tagged lines (several guests) take the same path
err=$("$MINI_KVM" --headless "$G/hello.bin" "$G/counter.bin" </dev/null 2>&1 >/dev/full)
st=$?
[ "$st" = 1 ] || fail "two guests >/dev/full: status $st, want 1"
[ "$err" = "mini-kvm: writing guest output to stdout failed: No space left on device (errno 28)" ] ||
	fail "two guests >/dev/full: stderr '$err'"
finish
