#!/usr/bin/env bash
# run.sh — the test runner behind `make test` (and asan/tsan with another build dir).
# Runs unit and KVM test programs, golden guest outputs and the *.test.sh scripts;
# prints PASS/FAIL/SKIP per test and ends with one line "N passed, N failed, N skipped".
# Usage: tests/run.sh BUILD_DIR [NAME_FILTER]
set -u
B=${1:-build}
FILTER=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export B ROOT MINI_KVM="$ROOT/$B/mini-kvm"
pass=0 fail=0 skip=0
failed=()
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

kvm_ok() { [ -r /dev/kvm ] && [ -w /dev/kvm ]; }
if ! kvm_ok; then
	echo "NOTE: /dev/kvm is missing or not accessible: tests that need KVM will be SKIPPED"
fi

report() { # name status logfile
	local name=$1 st=$2 log=$3
	case $st in
	0) pass=$((pass + 1)); echo "PASS $name" ;;
	77) skip=$((skip + 1)); echo "SKIP $name: $(tail -n 1 "$log")" ;;
	*) fail=$((fail + 1)); failed+=("$name"); echo "FAIL $name (status $st)"; sed 's/^/    /' "$log" | tail -n 40 ;;
	esac
}

run_one() { # name command...
	local name=$1; shift
	[ -n "$FILTER" ] && [[ $name != *$FILTER* ]] && return
	local log="$out/log"
	if declare -F "$1" >/dev/null; then
		"$@" >"$log" 2>&1
	else
		timeout 300 "$@" >"$log" 2>&1
	fi
	report "$name" $? "$log"
}

golden() { # NAME.expected
	local exp=$1 name; name=$(basename "$exp" .expected)
	local dir; dir=$(dirname "$exp")
	local args="--headless $B/guests/$name.bin" stdin=/dev/null want=0
	[ -f "$dir/$name.args" ] && args=$(sed "s|\$B|$B|g" "$dir/$name.args")
	[ -f "$dir/$name.stdin" ] && stdin="$dir/$name.stdin"
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	if ! kvm_ok; then echo "no /dev/kvm"; return 77; fi
	# shellcheck disable=SC2086
	timeout 120 "$MINI_KVM" $args <"$stdin" >"$out/got" 2>"$out/err"
	local st=$?
	if [ "$st" != "$want" ]; then
		echo "exit status $st, want $want"; cat "$out/err"; return 1
	fi
	if ! cmp -s "$exp" "$out/got"; then
		echo "output differs from $exp:"; diff <(od -c "$exp") <(od -c "$out/got") | head -20
		return 1
	fi
	return 0
}

for t in "$B"/tests/unit/*; do
	[ -x "$t" ] && [ -f "$t" ] && run_one "unit/$(basename "$t")" "$t"
done
for t in "$B"/tests/kvm/*; do
	[ -x "$t" ] && [ -f "$t" ] && run_one "kvm/$(basename "$t")" "$t"
done
for e in tests/guests/*.expected; do
	[ -f "$e" ] && run_one "golden/$(basename "$e" .expected)" golden "$e"
done
for t in tests/*/*.test.sh; do
	[ -f "$t" ] && run_one "${t#tests/}" bash "$t"
done

[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
