#!/usr/bin/env bash
# stats.test.sh — `--stats` counts exits the way SEED-GUESTS.md says the seed's guests
# cause them: hello 12 PUTCHAR + 1 HLT, counter 10 COM1 + 1 HLT, multiplication
# 490 PUTCHAR + 1 EXIT (491), fibonacci 67, minimal 1. The table goes to stderr.
set -u
: "${MINI_KVM:?}" "${B:?}"
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "no /dev/kvm"; exit 77; fi

fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# expect GUEST "LABEL" COUNT: the guest's table has a line "  LABEL   COUNT" (the label as
# printed, an extended regex). Each guest runs once; its table is kept for the next checks.
expect() {
	local guest=$1 label=$2 count=$3
	if [ ! -f "$tmp/$guest" ]; then
		timeout 60 "$MINI_KVM" --headless --stats "$B/guests/$guest.bin" </dev/null \
			2>"$tmp/$guest" >/dev/null
	fi
	if grep -Eq "^ +${label} +${count}( |\$)" "$tmp/$guest"; then
		echo "ok   $guest: $label = $count"
	else
		echo "FAIL $guest: wanted a line '$label $count' in:"
		sed 's/^/     | /' "$tmp/$guest"
		fail=1
	fi
}

expect hello 'exits' 13
expect hello 'hypercall PUTCHAR' 12
expect hello 'HLT' 1
expect hello 'output bytes' 12
expect counter 'exits' 11
expect counter 'COM1 \(port 0x3f8\)' 10
expect counter 'HLT' 1
expect multiplication 'exits' 491
expect multiplication 'hypercall PUTCHAR' 490
expect multiplication 'hypercall EXIT' 1
expect fibonacci 'exits' 67
expect fibonacci 'HLT' 1
expect minimal 'exits' 1
expect minimal 'HLT' 1
exit $fail
