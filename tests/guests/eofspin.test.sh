#!/usr/bin/env bash
# eofspin.test.sh — headless, a guest that keeps asking for input after it was told
# "end of input" (a seed-style polling loop) is ended after 1000 such answers in a row,
# with one line that says why, and the run ends with status 0 (it is not a fault).
set -u
: "${MINI_KVM:?}" "${B:?}"
. tests/lib.sh
need_kvm
out=$(printf 'hi' | timeout 60 "$MINI_KVM" --headless "$B/guests/eofspin.bin" 2>/tmp/eofspin.$$)
st=$?
err=$(cat /tmp/eofspin.$$); rm -f /tmp/eofspin.$$
[ "$st" = 0 ] || fail "status $st, want 0"
[ "$out" = "hi" ] || fail "stdout '$out', want 'hi'"
want="mini-kvm: vcpu0 (eofspin.bin): ended: it asked for input 1000 times after the end of input"
[ "$err" = "$want" ] || fail "stderr
  got:  $err
  want: $want"
finish
