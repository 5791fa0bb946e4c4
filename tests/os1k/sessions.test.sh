#!/usr/bin/env bash
# sessions.test.sh — scripted shell sessions on both 1K OS images, each compared in full
# (boot log, banner, every menu, every echoed key) with the transcript written from
# SEED-GUESTS.md: every program, unknown options, empty lines, calculator edge cases,
# echo truncation, backspace, \r as Enter and end of input. Exit status must be 0.
# Files: sessions/NAME.input (typed bytes) and sessions/NAME.expected (lib_os1k.sh).
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

for input in "$OS1K_T"/sessions/*.input; do
	name=$(basename "$input" .input)
	for img in $OS1K_IMAGES; do
		run_os "$img" "$input"
		[ "$STATUS" = 0 ] || fail "$img $name: exit status $STATUS, want 0 ($(cat "$ERR"))"
		check_stderr "$img"
		expand "$OS1K_T/sessions/$name.expected" "$img" "$ERR"
		compare "$name" "$img" "$REPLY"
	done
done
finish
