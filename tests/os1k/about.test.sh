#!/usr/bin/env bash
# about.test.sh — program 9 tells the truth on both images: the full About text (the
# numbers that change from run to run are replaced by N), then the numbers themselves:
# ticks counted (the kernel calibrated on 10 of them), uptime growing, system calls
# counted, all of them via #UD on kvm-pvm hosts, and the 32-bit image saying paging
# on/off exactly as the VMM's start-up notice says.
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

for img in $OS1K_IMAGES; do
	run_os "$img" "$OS1K_T/about.input"
	[ "$STATUS" = 0 ] || fail "$img: exit status $STATUS, want 0 ($(cat "$ERR"))"
	check_stderr "$img"
	paging=$(paging_word "$ERR")
	expand "$OS1K_T/about${img#os1k}.expected" "$img" "$ERR"
	want=$REPLY
	if [ "$img" = os1k32 ] && [ "$paging" = on ]; then
		want=${want//"paging off (CR0.PG = 0)"/"paging on (4 MiB pages set up by the VMM)"}
	fi
	real=$OUT
	sed -E -e 's/^(System calls: int 0x80, )[0-9]+ so far \([0-9]+ /\1N so far (N /' \
		-e 's/^(Timer: PIT IRQ0 at 100 Hz, )[0-9]+ ticks/\1N ticks/' \
		-e 's/^Uptime: [0-9]+\.[0-9]{3} s/Uptime: N.NNN s/' "$real" >"$OS1K_TMP/norm"
	OUT=$OS1K_TMP/norm compare about "$img" "$want"
	OUT=$real

	# uptime in ms, both About screens: positive, and not going backwards
	mapfile -t up < <(grep '^Uptime:' "$OUT" | sed -E 's/^Uptime: ([0-9]+)\.([0-9]{3}) s.*/\1\2/' | sed 's/^0*//')
	if [ "${#up[@]}" = 2 ]; then
		[ "${up[0]:-0}" -ge 50 ] || fail "$img: uptime ${up[0]:-0} ms, want >= 50 (calibration alone takes that)"
		[ "${up[1]:-0}" -ge "${up[0]:-0}" ] || fail "$img: uptime went backwards: ${up[*]} ms"
	else
		fail "$img: want 2 Uptime lines, got ${#up[@]}"
	fi
	[ "$img" = os1k64 ] || continue
	mapfile -t ticks < <(grep '^Timer:' "$OUT" | sed -E 's/.*, ([0-9]+) ticks handled/\1/')
	[ "${ticks[0]:-0}" -ge 11 ] || fail "$img: ${ticks[0]:-0} ticks, want >= 11 (calibration waits for 11)"
	mapfile -t sc < <(grep '^System calls:' "$OUT" | sed -E 's/.*, ([0-9]+) so far \(([0-9]+) .*/\1 \2/')
	read -r total1 ud1 <<<"${sc[0]:-0 0}"
	read -r total2 ud2 <<<"${sc[1]:-0 0}"
	[ "$total1" -gt 10 ] && [ "$total2" -gt "$total1" ] ||
		fail "$img: system call counts ${sc[*]}: want > 10 and growing"
	if [ -e /sys/module/kvm_pvm ]; then
		[ "$ud1" = "$total1" ] && [ "$ud2" = "$total2" ] ||
			fail "$img: kvm-pvm host: every int 0x80 should arrive as #UD, got ${sc[*]}"
	else
		[ "$ud1" = 0 ] || [ "$ud1" = "$total1" ] || fail "$img: mixed int 0x80 paths: ${sc[*]}"
	fi
done
finish
