# lib.sh — shared helpers for the *.test.sh scripts (sourced, not run): KVM check,
# expect_error (exact stderr line + status + empty stdout), and a failure counter.
# Scripts end with `finish`, which exits 0, 1 or 77 as tests/run.sh expects.
failures=0

need_kvm() {
	local dev=${MINI_KVM_DEVICE:-/dev/kvm}
	if ! [ -r "$dev" ] || ! [ -w "$dev" ]; then
		echo "skipped: $dev is missing or not accessible"
		exit 77
	fi
}

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# expect_error STATUS "exact stderr line" ARGS... — headless run, stdin from /dev/null
expect_error() {
	local want_st=$1 want_err=$2; shift 2
	local got_out got_err st
	got_out=$(timeout 30 "$MINI_KVM" --headless "$@" </dev/null 2>/tmp/mk_err.$$)
	st=$?
	got_err=$(cat /tmp/mk_err.$$); rm -f /tmp/mk_err.$$
	[ "$st" = "$want_st" ] || fail "args [$*]: status $st, want $want_st (stderr: $got_err)"
	[ "$got_err" = "$want_err" ] || fail "args [$*]: stderr
  got:  $got_err
  want: $want_err"
	[ -z "$got_out" ] || fail "args [$*]: stdout should be empty, got: $got_out"
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures check(s) failed"
		exit 1
	fi
	exit 0
}
