#!/usr/bin/env bash
# break_trace.test.sh — headless --break and --trace, as a script would use them:
# --break 1000:0020 on breaks.bin stops at each of its 5 laps, prints one register line
# per hit on stderr and goes on (the guest's output and status are untouched); --trace
# writes one tab-separated line per exit (hello: 12 PUTCHAR and the HLT, in order); a
# mode change shows up as a "mode" line; bad values are one line and status 2.
set -u
: "${MINI_KVM:?}" "${B:?}"
. tests/lib.sh
need_kvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$(timeout 120 "$MINI_KVM" --headless --break 1000:0020 "$B/guests/breaks.bin" 2>"$tmp/err")
st=$?
[ "$st" = 0 ] || fail "--break: status $st, want 0"
[ "$out" = "12345" ] || fail "--break: stdout '$out', want '12345'"
[ "$(wc -l <"$tmp/err")" = 5 ] || fail "--break: want 5 hit lines, got: $(cat "$tmp/err")"
for k in 1 2 3 4 5; do
	grep -q "^mini-kvm: vcpu0 (breaks.bin): break 1000:0020 hit ($k): ip=0020 .* cx=000$((6 - k)) " \
		"$tmp/err" || fail "--break: no line for hit $k with ip=0020 cx=000$((6 - k)) in: $(cat "$tmp/err")"
done

timeout 60 "$MINI_KVM" --headless --trace "$tmp/t.tsv" "$B/guests/hello.bin" >/dev/null 2>&1 ||
	fail "--trace: status $?"
{
	printf 'vcpu\trip\twhat\tdetail\n'
	for c in H e l l o , ' ' K V M !; do
		printf "0\t0x24\thypercall\tOUT 0x500 -> PUTCHAR '%s'\n" "$c"
	done
	printf '0\t0x24\thypercall\tOUT 0x500 -> PUTCHAR 0x0a\n0\t0x7\thlt\tHLT\n'
} >"$tmp/want"
cut -f2- "$tmp/t.tsv" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "--trace hello: $(diff "$tmp/want" "$tmp/got" | head -5)"
# the first column counts up in nanoseconds
awk -F'\t' 'NR > 2 && $1 < prev { bad = 1 } NR > 1 { prev = $1 } END { exit bad }' "$tmp/t.tsv" ||
	fail "--trace: times are not in order"

expect_error 2 "mini-kvm: --break 'x:y' is not an address (0x1234, 1234, seg:off like 1000:0020, or a symbol of an ELF image)" \
	--break x:y "$B/guests/hello.bin"
mkfifo "$tmp/fifo"
expect_error 2 "mini-kvm: --trace $tmp/fifo: cannot write it: not a regular file" \
	--trace "$tmp/fifo" "$B/guests/hello.bin"
finish
