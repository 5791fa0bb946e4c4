#!/usr/bin/env bash
# flood.test.sh — flood.bin prints exactly 200 000 bytes: 2 500 chargen lines of 79
# printable characters and a newline (no byte lost or repeated through the output ring),
# with 200 000 PUTCHAR exits and one EXIT.
set -u
: "${MINI_KVM:?}" "${B:?}"
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "no /dev/kvm"; exit 77; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 60 "$MINI_KVM" --headless --stats "$B/guests/flood.bin" </dev/null >"$tmp/out" 2>"$tmp/stats"
st=$?
fail=0
[ $st -eq 0 ] || { echo "FAIL: exit status $st, want 0"; cat "$tmp/stats"; fail=1; }

# The expected text, built independently: line i starts at character (i mod 95) of ' '..'~'.
chars=' !"#$%&'"'"'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
ring="$chars$chars"
for ((i = 0; i < 2500; i++)); do
	printf '%s\n' "${ring:i%95:79}"
done >"$tmp/want"

size=$(wc -c <"$tmp/out")
if [ "$size" -ne 200000 ]; then echo "FAIL: $size bytes, want 200000"; fail=1; fi
if ! cmp -s "$tmp/want" "$tmp/out"; then
	echo "FAIL: output differs from the chargen pattern:"; cmp "$tmp/want" "$tmp/out" | head -3; fail=1
fi
if ! grep -Eq '^ +hypercall PUTCHAR +200000( |$)' "$tmp/stats" ||
	! grep -Eq '^ +hypercall EXIT +1( |$)' "$tmp/stats"; then
	echo "FAIL: want 200000 PUTCHAR and 1 EXIT in:"; cat "$tmp/stats"; fail=1
fi
[ $fail = 0 ] && echo "ok: 200000 bytes, pattern intact, 200000 PUTCHAR + 1 EXIT"
exit $fail
