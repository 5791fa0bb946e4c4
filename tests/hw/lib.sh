# lib.sh — the nested machine's parts, shared by tests/hw/run and tests/hw/test-hw.sh
# (sourced, not run): which kernel to boot, what is missing on this machine, and the
# initramfs (busybox-static, the modules, tests/hw/init) built once into build/hw/.
# Booting and talking to the machine live in tests/hw/run.
# shellcheck shell=bash

HW_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HW_ROOT=$(cd "$HW_DIR/../.." && pwd)
HW_BUILD=$HW_ROOT/build/hw
HW_QEMU=${HW_QEMU:-qemu-system-x86_64}
# What /init loads; modules.dep adds anything these need, built-in ones are skipped.
HW_MODULES="irqbypass ccp kvm kvm-amd virtio_ring virtio virtio_pci_legacy_dev
	virtio_pci_modern_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p overlay"

# hw_kver FILE — the version a bzImage says it is (setup header: "HdrS" at 0x202, the
# version string's offset - 0x200 at 0x20e); nothing when FILE is not a readable bzImage.
hw_kver() {
	local f=$1 off
	[ -r "$f" ] || return 0
	[ "$(dd if="$f" bs=1 skip=514 count=4 2>/dev/null)" = HdrS ] || return 0
	off=$(od -An -tu2 -j 526 -N 2 "$f" | tr -d ' ')
	dd if="$f" bs=1 skip=$((off + 512)) count=128 2>/dev/null | tr '\0' '\n' | head -n 1 |
		cut -d ' ' -f 1
}

# hw_has_kvm_amd KVER — the kernel's modules include kvm-amd (or it is built in).
hw_has_kvm_amd() {
	local m=/lib/modules/$1
	[ -r "$m/modules.dep" ] || return 1
	grep -Eq '/kvm-amd\.ko(\.[a-z]+)?:' "$m/modules.dep" ||
		grep -Eq '/kvm-amd\.ko$' "$m/modules.builtin" 2>/dev/null
}

# hw_find_kernel — sets HW_KERNEL and HW_KVER: $HW_KERNEL if set, else the newest
# /boot/vmlinuz-* whose modules have kvm-amd. Returns 1 (nothing set) when there is none.
hw_find_kernel() {
	local f v
	if [ -n "${HW_KERNEL:-}" ]; then
		HW_KVER=$(hw_kver "$HW_KERNEL")
		[ -n "$HW_KVER" ] && hw_has_kvm_amd "$HW_KVER"
		return
	fi
	for f in $(ls /boot/vmlinuz-* 2>/dev/null | sort -rV); do
		v=$(hw_kver "$f")
		if [ -n "$v" ] && hw_has_kvm_amd "$v"; then
			HW_KERNEL=$f HW_KVER=$v
			return 0
		fi
	done
	return 1
}

# hw_static FILE — FILE is an ELF without a program interpreter (runs with no libc around).
hw_static() {
	command -v readelf >/dev/null || return 0
	! readelf -l "$1" 2>/dev/null | grep -q INTERP
}

# hw_missing — true when this machine lacks something the nested machine needs; then
# HW_WHY says what, in one line. Otherwise sets HW_KERNEL, HW_KVER and HW_BUSYBOX.
hw_missing() {
	local t
	HW_WHY=
	if ! command -v "$HW_QEMU" >/dev/null; then
		HW_WHY="$HW_QEMU is not installed (package qemu-system-x86)"
		return 0
	fi
	HW_BUSYBOX=$(command -v busybox || true)
	if [ -z "$HW_BUSYBOX" ] || ! hw_static "$HW_BUSYBOX"; then
		HW_WHY="no statically linked busybox (package busybox-static)"
		return 0
	fi
	for t in cpio gzip; do
		command -v $t >/dev/null || { HW_WHY="$t is not installed"; return 0; }
	done
	if hw_find_kernel; then
		return 1
	elif [ -n "${HW_KERNEL:-}" ]; then
		HW_WHY="HW_KERNEL=$HW_KERNEL is not a readable kernel whose /lib/modules has kvm-amd"
	else
		HW_WHY="no readable /boot/vmlinuz-* whose /lib/modules has kvm-amd (package linux-image-amd64)"
	fi
	return 0
}

# hw_modorder KVER — the .ko paths (relative to /lib/modules/KVER) to load, dependencies
# first, each once. Fails with one line naming a module that is neither file nor built in.
hw_modorder() {
	local m=/lib/modules/$1 line name deps
	declare -A path=() dep=() seen=()
	while IFS= read -r line; do
		name=${line%%:*}; name=${name##*/}; name=${name%%.ko*}; name=${name//-/_}
		path[$name]=${line%%:*}
		deps=${line#*:}
		dep[$name]=$deps
	done <"$m/modules.dep"
	_hw_add() {
		local n=${1//-/_} d
		[ -n "${seen[$n]:-}" ] && return 0
		seen[$n]=1
		if [ -z "${path[$n]:-}" ]; then
			sed 's|.*/||; s|\.ko.*||; s|-|_|g' "$m/modules.builtin" 2>/dev/null | grep -qx "$n" &&
				return 0
			echo "kernel ${m##*/} has no module $n" >&2
			return 1
		fi
		for d in ${dep[$n]}; do
			d=${d##*/}; _hw_add "${d%%.ko*}" || return 1
		done
		echo "${path[$n]}"
	}
	for name in $HW_MODULES; do
		_hw_add "$name" || return 1
	done
}

# hw_initramfs — sets HW_INITRD to build/hw/initramfs-KVER.cpio.gz, building it when
# tests/hw/init, this file, the kernel's modules or busybox changed (key file next to it).
# On failure it returns 1 with HW_WHY saying why.
hw_initramfs() {
	local key tmp ko out f
	HW_INITRD=$HW_BUILD/initramfs-$HW_KVER.cpio.gz
	key=$(cat "$HW_DIR/init" "$HW_DIR/lib.sh" | cksum)
	key+=" $(stat -c '%s %Y' "$HW_KERNEL" "/lib/modules/$HW_KVER/modules.dep" "$HW_BUSYBOX" | tr '\n' ' ')"
	if [ -f "$HW_INITRD" ] && [ "$(cat "$HW_INITRD.key" 2>/dev/null)" = "$key" ]; then
		return 0
	fi
	mkdir -p "$HW_BUILD"
	tmp=$(mktemp -d "$HW_BUILD/initramfs.XXXXXX")
	mkdir -p "$tmp/root/bin" "$tmp/root/lib/modules"
	cp "$HW_BUSYBOX" "$tmp/root/bin/busybox"
	cp "$HW_DIR/init" "$tmp/root/init"
	chmod 0755 "$tmp/root/init" "$tmp/root/bin/busybox"
	if ! hw_modorder "$HW_KVER" >"$tmp/order" 2>"$tmp/err"; then
		HW_WHY=$(cat "$tmp/err"); rm -rf "$tmp"; return 1
	fi
	while IFS= read -r ko; do
		f=/lib/modules/$HW_KVER/$ko
		out=${ko##*/}; out=${out%%.ko*}.ko
		case $ko in
		*.ko) cp "$f" "$tmp/root/lib/modules/$out" ;;
		*.ko.xz) xz -dc "$f" >"$tmp/root/lib/modules/$out" ;;
		*.ko.zst) zstd -dcq "$f" >"$tmp/root/lib/modules/$out" ;;
		*.ko.gz) gzip -dc "$f" >"$tmp/root/lib/modules/$out" ;;
		*) false ;;
		esac || { HW_WHY="cannot unpack $f"; rm -rf "$tmp"; return 1; }
		echo "$out" >>"$tmp/root/modules"
	done <"$tmp/order"
	(cd "$tmp/root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -1) >"$tmp/initrd" ||
		{ HW_WHY="cpio of the initramfs failed"; rm -rf "$tmp"; return 1; }
	mv "$tmp/initrd" "$HW_INITRD"
	echo "$key" >"$HW_INITRD.key"
	rm -rf "$tmp"
}
