#!/usr/bin/env bash
# stdio.test.sh — fds 0-2 closed at start are opened on /dev/null before anything else
# (so no image, log or /dev/kvm gets those numbers), and output that cannot be written is
# an error line with status 1, not silence with status 0 (issue 8.4).
set -u
. "$ROOT/tests/lib.sh"

# With fd 0 closed, /proc/self/fd/0 must be /dev/null by the time the image is opened.
err=$("$MINI_KVM" --headless /proc/self/fd/0 0<&- 2>&1 >/dev/null)
st=$?
[ "$st" = 2 ] || fail "fd 0 closed: status $st, want 2"
[ "$err" = "mini-kvm: vcpu0 (0): image is not a regular file" ] || fail "fd 0 closed: $err"
err=$("$MINI_KVM" --headless /proc/self/fd/1 2>&1 1>&-)
[ "$err" = "mini-kvm: vcpu0 (1): image is not a regular file" ] || fail "fd 1 closed: $err"
# With fd 2 closed the line goes nowhere, but the status still says what happened.
"$MINI_KVM" --headless /proc/self/fd/2 2>&- >/dev/null
st=$?
[ "$st" = 2 ] || fail "fd 2 closed: status $st, want 2"

if [ -w /dev/full ]; then
	for opt in --help --version; do
		err=$("$MINI_KVM" $opt 2>&1 >/dev/full)
		st=$?
		[ "$st" = 1 ] || fail "$opt >/dev/full: status $st, want 1"
		[ "$err" = "mini-kvm: writing to stdout failed: No space left on device (errno 28)" ] ||
			fail "$opt >/dev/full: stderr '$err'"
	done
else
	echo "no /dev/full: write-error checks skipped"
fi
finish
