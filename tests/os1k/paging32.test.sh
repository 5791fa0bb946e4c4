#!/usr/bin/env bash
# paging32.test.sh — os1k32 with 32-bit paging (4 MiB pages set by the VMM). Hosts whose
# KVM refuses 32-bit paging (kvm-pvm) run it with paging off: then this test is skipped
# with the VMM's own notice as the reason (about.test.sh checks that About says "off").
# Where paging is on, boot log and About must say so and a full session must work.
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

run_os os1k32 "$OS1K_T/about.input"
if grep -q "refuses 32-bit paging" "$ERR"; then
	echo "skipped: $(grep -m 1 "refuses 32-bit paging" "$ERR")"
	exit 77
fi
[ "$STATUS" = 0 ] || fail "exit status $STATUS, want 0 ($(cat "$ERR"))"
grep -q "^1K OS: 32-bit kernel in protected mode, ring 0, paging on, interrupts off$" "$OUT" ||
	fail "boot log does not say paging on: $(head -n 1 "$OUT")"
grep -q "^CPU: 32-bit protected mode, paging on (4 MiB pages set up by the VMM)$" "$OUT" ||
	fail "About does not say paging on: $(grep '^CPU:' "$OUT")"
run_os os1k32 "$OS1K_T/sessions/prog6_calculator.input"
[ "$STATUS" = 0 ] || fail "calculator session: exit status $STATUS"
expand "$OS1K_T/sessions/prog6_calculator.expected" os1k32 "$ERR"
compare prog6_calculator os1k32 "$REPLY"
finish
