#!/usr/bin/env bash
# race.test.sh — race.bin on 2 vCPUs sharing memory: with `lock inc` the total is exactly
# 200000; without it, lost updates can only make it smaller (never larger). Prints both
# totals; how many updates are lost differs from run to run and is not asserted.
set -u
: "${MINI_KVM:?}" "${B:?}"
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "no /dev/kvm"; exit 77; fi

out=$(timeout 60 "$MINI_KVM" --headless --vcpus 2 "$B/guests/race.bin" </dev/null)
st=$?
echo "$out"
if [ $st -ne 0 ]; then echo "FAIL: exit status $st, want 0"; exit 1; fi

# Several vCPUs: every line is tagged "[vcpuN] "; only vCPU 0 reports.
line() { grep -E "^(\[vcpu0\] )?$1: " <<<"$out"; }
header=$(grep -cE '^(\[vcpu0\] )?race: 2 vCPUs, each adds 1 to one shared counter 100000 times$' <<<"$out")
plain=$(line 'without lock' | sed -E 's/.*without lock: ([0-9]+) of ([0-9]+) \(([0-9]+) lost\)$/\1 \2 \3/')
locked=$(line 'with lock' | sed -E 's/.*with lock: ([0-9]+) of ([0-9]+) \(([0-9]+) lost\)$/\1 \2 \3/')
read -r p_got p_total p_lost <<<"$plain"
read -r l_got l_total l_lost <<<"$locked"

fail=0
[ "$header" = 1 ] || { echo "FAIL: no header line for 2 vCPUs"; fail=1; }
[ "$(wc -l <<<"$out")" = 3 ] || { echo "FAIL: want exactly 3 lines (vCPU 1 stays silent)"; fail=1; }
if [[ "$l_got $l_total $l_lost" != "200000 200000 0" ]]; then
	echo "FAIL: with lock: want 200000 of 200000 (0 lost), got '$locked'"; fail=1
fi
if ! [[ $p_got =~ ^[0-9]+$ && $p_total = 200000 ]] || [ "$p_got" -gt 200000 ] ||
	[ $((p_got + p_lost)) -ne 200000 ]; then
	echo "FAIL: without lock: want N of 200000 with N <= 200000, got '$plain'"; fail=1
fi
[ $fail = 0 ] && echo "ok: locked total exact; unlocked total $p_got ($p_lost updates lost)"
exit $fail
