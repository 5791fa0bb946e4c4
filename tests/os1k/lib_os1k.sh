# lib_os1k.sh — helpers for the 1K OS tests (sourced, not run; tests/lib.sh comes first).
# Expected transcripts in tests/os1k/ are plain text with four tokens, expanded here:
#   @BOOT@    the kernel's boot log (boot64.txt or boot32.txt, which says paging on/off)
#   @BANNER@  banner.txt, the welcome banner      @MENU@  menu.txt, ends in "Select: "
#   @BS@      the 3 bytes "\b \b" the shell echoes to erase a character
# Inputs (NAME.input) are backslash escapes as printf %b reads them (\n, \r, \b, \x7f);
# their line breaks are ignored, so one typed line can sit on one file line.
shopt -u patsub_replacement 2>/dev/null || true
OS1K_T=$ROOT/tests/os1k
OS1K_IMAGES="os1k64 os1k32"
OS1K_TMP=$(mktemp -d)
trap 'rm -rf "$OS1K_TMP"' EXIT

slurp() { # FILE -> $REPLY, byte-exact (command substitution would eat final newlines)
	REPLY=$(cat "$1"; printf x)
	REPLY=${REPLY%x}
}

# need_images: the ELFs must be built (a missing one is a build failure, not a skip)
need_images() {
	local img
	for img in $OS1K_IMAGES; do
		[ -f "$B/guests/$img.elf" ] || { echo "FAIL: $B/guests/$img.elf is not built"; exit 1; }
	done
}

# run_os IMAGE INPUT_FILE: headless run; sets OUT, ERR (files) and STATUS
run_os() {
	local img=$1 input=$2
	OUT=$OS1K_TMP/$img.out ERR=$OS1K_TMP/$img.err
	printf '%b' "$(tr -d '\n' <"$input")" |
		timeout 60 "$MINI_KVM" --headless --timeout 50 "$B/guests/$img.elf" >"$OUT" 2>"$ERR"
	STATUS=${PIPESTATUS[1]}
}

# paging_word ERR_FILE: what the 32-bit kernel must say, given the VMM's notice
paging_word() {
	if grep -q "refuses 32-bit paging" "$1"; then echo off; else echo on; fi
}

# expand FILE IMAGE ERR_FILE -> $REPLY: the expected transcript for that image
expand() {
	local file=$1 img=$2 err=$3 boot menu banner
	slurp "$OS1K_T/boot${img#os1k}.txt"; boot=${REPLY//@PAGING@/$(paging_word "$err")}
	slurp "$OS1K_T/menu.txt"; menu=$REPLY
	slurp "$OS1K_T/banner.txt"; banner=$REPLY
	slurp "$file"
	REPLY=${REPLY//@BOOT@/$boot}
	REPLY=${REPLY//@BANNER@/$banner}
	REPLY=${REPLY//@MENU@/$menu}
	REPLY=${REPLY//@BS@/$'\b \b'}
}

# check_stderr IMAGE: nothing on stderr, except the VMM's one-line paging notice for
# the 32-bit image on hosts that refuse 32-bit paging
check_stderr() {
	local img=$1 other
	other=$(grep -v "^mini-kvm: vcpu0 ($img.elf): host KVM refuses 32-bit paging" "$ERR")
	[ -z "$other" ] || fail "$img: unexpected stderr: $other"
	if [ "$img" = os1k64 ] && [ -s "$ERR" ]; then
		fail "$img: stderr should be empty, got: $(cat "$ERR")"
	fi
}

# compare NAME IMAGE WANT_TEXT: the full transcript in $OUT against the text
compare() {
	local name=$1 img=$2 want=$3
	printf '%s' "$want" >"$OS1K_TMP/want"
	if cmp -s "$OS1K_TMP/want" "$OUT"; then
		echo "ok   $img $name"
	else
		fail "$img $name: transcript differs (- expected, + got):"
		diff -u "$OS1K_TMP/want" "$OUT" | cat -A | sed -n '3,40p'
	fi
}
