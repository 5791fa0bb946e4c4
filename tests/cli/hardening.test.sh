#!/usr/bin/env bash
# hardening.test.sh — our objects are built hardened (issue 8): stack canaries
# (-fstack-protector-strong), stack-clash probes (a frame over 4 KiB is touched page by
# page), fortified libc calls (_FORTIFY_SOURCE: *_chk variants; not in sanitizer builds),
# and the binary has a read-only-after-relocation segment (RELRO).
set -u
. "$ROOT/tests/lib.sh"
command -v nm >/dev/null && command -v objdump >/dev/null || { echo "skipped: no binutils"; exit 77; }

for o in tui/logs.o vmm/loader.o vmm/error.o; do
	obj=$B/$o
	[ -f "$obj" ] || { fail "$obj is missing"; continue; }
	nm "$obj" | grep -q ' U __stack_chk_fail' || fail "$o: no stack protector"
	if ! nm "$obj" | grep -qE '__(asan|tsan)_'; then
		nm "$obj" | grep -qE ' U __[a-z_]+_chk$' || fail "$o: no fortified libc call"
	fi
done
# logs_open_one keeps a 4 KiB path on its stack: with stack-clash protection the frame
# is probed ("or $0x0,(%rsp)") instead of being skipped over in one step.
objdump -d "$B/tui/logs.o" | grep -qE 'or[a-z]? +\$0x0,\(%rsp\)' || fail "tui/logs.o: no stack-clash probe"
readelf -lW "$MINI_KVM" | grep -q GNU_RELRO || fail "mini-kvm: no RELRO segment"
finish
