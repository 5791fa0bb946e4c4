#!/usr/bin/env bash
# faults.test.sh — the teacher demos: '!' (a program reads the kernel's first page) and
# '%' (a program divides by zero). 64-bit: ring 3 gets #PF with CR2 = 0x100000 and error
# 0x5 (user read of a supervisor page: paging is really on) and #DE; the kernel reports
# both and the shell carries on. 32-bit: the read succeeds (ring 0, said so) and #DE is
# caught without IRET. Each reported RIP/EIP must point at the instruction that faulted.
set -u
: "${MINI_KVM:?}" "${B:?}" "${ROOT:?}"
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/os1k/lib_os1k.sh"
need_kvm
need_images

# insn_at ELF ADDR: the mnemonic and operands objdump shows at ADDR
insn_at() {
	objdump -d --start-address="$2" --stop-address=$(($2 + 16)) "$1" |
		awk -F'\t' '/^ *[0-9a-f]+:/ { print $3; exit }'
}

for img in $OS1K_IMAGES; do
	run_os "$img" "$OS1K_T/faults.input"
	[ "$STATUS" = 0 ] || fail "$img: exit status $STATUS, want 0 ($(cat "$ERR"))"
	check_stderr "$img"
	expand "$OS1K_T/faults${img#os1k}.expected" "$img" "$ERR"
	want=$REPLY
	real=$OUT
	sed -E -e 's/RIP=0x0000000040[01][0-9a-f]{5}/RIP=USER_TEXT/' \
		-e 's/EIP=0x001[0-9a-f]{5}/EIP=KERNEL_TEXT/' \
		-e 's/^No fault: read 0x[0-9a-f]{2}\./No fault: read 0xNN./' "$real" >"$OS1K_TMP/norm"
	OUT=$OS1K_TMP/norm compare faults "$img" "$want"
	OUT=$real

	if [ "$img" = os1k64 ]; then
		elf=$B/guests/os1k/user64.elf
		mapfile -t ips < <(grep -oE 'RIP=0x[0-9a-f]+' "$OUT" | cut -d= -f2)
		want_insn=("0x100000" "idiv")
	else
		elf=$B/guests/os1k32.elf
		mapfile -t ips < <(grep -oE 'EIP=0x[0-9a-f]+' "$OUT" | cut -d= -f2)
		ips=("" "${ips[@]}")
		want_insn=("" "idiv")
	fi
	for i in 0 1; do
		[ -n "${want_insn[$i]}" ] || continue
		insn=$(insn_at "$elf" "${ips[$i]:-0}")
		case $insn in
		*"${want_insn[$i]}"*) echo "ok   $img fault at ${ips[$i]}: $insn" ;;
		*) fail "$img: reported ${ips[$i]:-nothing}, where objdump shows '$insn' (want ${want_insn[$i]})" ;;
		esac
	done
done
finish
