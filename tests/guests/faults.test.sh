#!/usr/bin/env bash
# faults.test.sh — what a user sees when a guest goes wrong: exit status 1 and one error
# line naming the vCPU and the guest, and what happened. badcall.bin asks for hypercall
# 0x42 (unknown); triple.bin triple-faults in protected mode. (Their stdout and status
# are golden files too; this checks the stderr line.)
set -u
: "${MINI_KVM:?}" "${B:?}"
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "no /dev/kvm"; exit 77; fi

fail=0
# check GUEST WORDS: status 1 and a line "mini-kvm: vcpu0 (GUEST.bin): ..." containing WORDS
check() {
	local guest=$1 words=$2 err st
	err=$(timeout 60 "$MINI_KVM" --headless "$B/guests/$guest.bin" </dev/null 2>&1 >/dev/null)
	st=$?
	local line
	line=$(grep -F "mini-kvm: vcpu0 ($guest.bin): " <<<"$err")
	if [ $st -ne 1 ]; then
		echo "FAIL $guest: exit status $st, want 1"; fail=1
	elif [ "$(grep -c . <<<"$line")" -ne 1 ] || ! grep -qiF "$words" <<<"$line"; then
		echo "FAIL $guest: want one error line for vcpu0 ($guest.bin) saying '$words'; stderr:"
		sed 's/^/     | /' <<<"$err"; fail=1
	else
		echo "ok   $guest: $line"
	fi
}

check badcall "0x42"
check triple "triple fault"
exit $fail
