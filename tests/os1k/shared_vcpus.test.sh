#!/usr/bin/env bash
# shared_vcpus.test.sh — `--vcpus 2` runs ONE image on two vCPUs sharing memory. The 1K OS
# kernel has one set of tables and one stack, so vCPU 1 must say so and stop cleanly while
# vCPU 0 runs the whole OS (separate images are the way to get two shells).
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

for img in $OS1K_IMAGES; do
	printf '2\n0\n' | timeout 60 "$MINI_KVM" --headless --timeout 50 --vcpus 2 \
		"$B/guests/$img.elf" >"$OS1K_TMP/stdout" 2>"$OS1K_TMP/stderr"
	st=${PIPESTATUS[1]}
	[ "$st" = 0 ] || fail "$img: exit status $st, want 0 ($(cat "$OS1K_TMP/stderr"))"
	got1=$(sed -n 's/^\[vcpu1\] //p' "$OS1K_TMP/stdout")
	want1="1K OS: vCPU 1: this kernel runs on vCPU 0 only; run one image per vCPU instead"
	[ "$got1" = "$want1" ] || fail "$img: vcpu1 printed '$got1', want '$want1'"
	sed -n 's/^\[vcpu0\] //p' "$OS1K_TMP/stdout" >"$OS1K_TMP/v0"
	grep -v "vcpu1" "$OS1K_TMP/stderr" >"$OS1K_TMP/err0"
	expand "$OS1K_T/sessions/prog2_counter.expected" "$img" "$OS1K_TMP/err0"
	OUT=$OS1K_TMP/v0 compare "vcpu0 of --vcpus 2" "$img" "$REPLY"
done
finish
