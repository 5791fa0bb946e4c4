#!/usr/bin/env bash
# test-hw.sh — `make test-hw`: the suites that need /dev/kvm, run inside ONE nested machine
# with hardware-style KVM (tests/hw/run). Streams their PASS/FAIL/SKIP lines, progress on
# stderr, and ends with its own "N passed, N failed, N skipped". Where the nested machine
# cannot run here it says what is missing and counts one skip. Usage: test-hw.sh BUILD_DIR
set -eu
B=${1:-build}
cd "$(dirname "$0")/../.."
. tests/hw/lib.sh
# Every suite that needs /dev/kvm; HW_SUITES overrides (tests/run.sh name filters).
SUITES=${HW_SUITES:-"kvm/ golden/ guests/ os1k/ cli/headless tui/"}
export HW_TIMEOUT=${HW_TIMEOUT:-5400}

progress() { [ "${HW_QUIET:-0}" = 1 ] || echo "$*" >&2; }
pass=0 fail=0 skip=0
failed=()
summary() {
	[ ${#failed[@]} -eq 0 ] || echo "failed: ${failed[*]}"
	echo "$pass passed, $fail failed, $skip skipped"
}

if . /etc/os-release 2>/dev/null && [ "${ID:-}" = ubuntu ]; then kernel=linux-image-generic
else kernel=linux-image-amd64; fi
bash tests/deps.sh --no-recommends qemu-system-x86 busybox-static cpio "$kernel" ||
	progress "test-hw: could not install the nested machine's packages"
if hw_missing; then
	echo "SKIP test-hw: cannot start the nested machine: $HW_WHY"
	skip=1
	summary
	exit 0
fi

start=$SECONDS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/inner"
progress "test-hw: suites $SUITES in one nested machine ($B)"
# shellcheck disable=SC2086 # SUITES is a list of words
while IFS= read -r line; do
	case $line in
	"PASS "*) pass=$((pass + 1)); echo "$line" ;;
	"SKIP "*) skip=$((skip + 1)); echo "$line" ;;
	"FAIL "*) fail=$((fail + 1)); n=${line#FAIL }; failed+=("${n%% *}"); echo "$line" ;;
	"test-hw: "*) progress "$line" ;;
	"failed: "*) ;;
	*" passed, "*" failed, "*" skipped") echo "$line" >>"$tmp/inner" ;;
	*) echo "$line" ;;
	esac
done < <(
	st=0
	tests/hw/run bash tests/hw/suites.sh "$B" $SUITES || st=$?
	echo "$st" >"$tmp/status"
)
st=$(cat "$tmp/status")
progress "test-hw: done in $((SECONDS - start)) s"

# 0 and 1 are the suites' verdicts; anything else means the nested machine failed
# (tests/hw/run said why on stderr) or the suites did not all report.
suites=$(wc -w <<<"$SUITES")
if [ "$st" -gt 1 ] || [ "$(wc -l <"$tmp/inner")" != "$suites" ]; then
	echo "FAIL test-hw: the nested machine ended with status $st before all $suites suites reported"
	fail=$((fail + 1))
	failed+=("test-hw")
fi
summary
[ "$fail" -eq 0 ]
