#!/usr/bin/env bash
# two_guests.test.sh — two 1K OS instances at once, each its own VM on its own vCPU, with
# different input: standard input goes to the vCPU named by --input, the other one sees
# end of input at once (and so ends its shell as if 0 was chosen). Each --log DIR/vcpuN.log
# must be that guest's full transcript, and the tagged headless stdout must carry the
# same bytes line by line.
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

# pair INPUT_VCPU SESSION IMG0 IMG1: run both, check both logs and stdout
pair() {
	local in_vcpu=$1 session=$2 img0=$3 img1=$4 dir=$OS1K_TMP/logs st v img name
	rm -rf "$dir" && mkdir -p "$dir"
	printf '%b' "$(tr -d '\n' <"$OS1K_T/sessions/$session.input")" |
		timeout 60 "$MINI_KVM" --headless --timeout 50 --input "$in_vcpu" --log "$dir" \
			"$B/guests/$img0.elf" "$B/guests/$img1.elf" >"$OS1K_TMP/stdout" 2>"$OS1K_TMP/stderr"
	st=${PIPESTATUS[1]}
	[ "$st" = 0 ] || fail "$img0+$img1: exit status $st, want 0 ($(cat "$OS1K_TMP/stderr"))"
	if grep -v "host KVM refuses 32-bit paging" "$OS1K_TMP/stderr" | grep -q .; then
		fail "$img0+$img1: unexpected stderr: $(cat "$OS1K_TMP/stderr")"
	fi
	for v in 0 1; do
		if [ $v = 0 ]; then img=$img0; else img=$img1; fi
		if [ $v = "$in_vcpu" ]; then name=$session; else name=eof_immediately; fi
		# the notice names the vCPU: make the paging word follow this vCPU's own line
		grep "vcpu$v ($img.elf)" "$OS1K_TMP/stderr" | sed "s/vcpu$v/vcpu0/" >"$OS1K_TMP/err$v"
		expand "$OS1K_T/sessions/$name.expected" "$img" "$OS1K_TMP/err$v"
		OUT=$dir/vcpu$v.log compare "vcpu$v.log ($name, input to vcpu$in_vcpu)" "$img" "$REPLY"
		sed -n "s/^\[vcpu$v\] //p" "$OS1K_TMP/stdout" >"$OS1K_TMP/tagged$v"
		OUT=$OS1K_TMP/tagged$v compare "vcpu$v stdout lines" "$img" "$REPLY"
	done
	if grep -vqE '^\[vcpu[01]\] ' "$OS1K_TMP/stdout"; then
		fail "$img0+$img1: untagged stdout line: $(grep -vE '^\[vcpu[01]\] ' "$OS1K_TMP/stdout" | head -n 1)"
	fi
}

pair 1 prog6_calculator os1k64 os1k64
pair 0 prog3_echo os1k32 os1k64
finish
