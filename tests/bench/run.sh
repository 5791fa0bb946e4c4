#!/usr/bin/env bash
# run.sh — `make bench`: measures build/mini-kvm --headless against ref.c (a raw-KVM
# runner with no threads, rings or UI) in the same run, on the same guests, and prints
# one table of ratios and targets. Numbers, not assertions: it exits 0 whatever they are
# (non-zero only if it cannot build its tools). tests/bench/tui.sh, if present, runs last.
# Usage: tests/bench/run.sh BUILD_DIR
set -u
B=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
MINI_KVM=$B/mini-kvm
G=$B/guests
START_RUNS=21   # start-up and RSS: median of this many runs of hello
RATE_RUNS=3     # flood (200 000 PUTCHAR, ~2-3 s a run here) and compute: median of this many

mkdir -p "$B/bench"
cc -O2 -Wall -Wextra -o "$B/bench/ref" tests/bench/ref.c || exit 1
cc -O2 -Wall -Wextra -o "$B/bench/measure" tests/bench/measure.c || exit 1
cc -O2 -Wall -Wextra -pthread -o "$B/bench/core" tests/bench/core.c "$B/libvmm.a" || exit 1
MEASURE=$B/bench/measure
REF=$B/bench/ref

if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "bench: /dev/kvm is missing or not accessible: nothing to measure"
	exit 0
fi
for f in "$MINI_KVM" "$G/hello.bin" "$G/flood.bin" "$G/compute.bin"; do
	[ -e "$f" ] || { echo "bench: $f is missing (run make first)"; exit 1; }
done

# field LINE KEY -> the value of KEY=... in a line printed by measure
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
# measure [-c N] RUNS CMD... -> measure's key=value line; a failing guest is said, not hidden
measure() {
	local line
	line=$("$MEASURE" "$@") || { echo "bench: measure $* failed" >&2; return 1; }
	if [ "$(field "$line" status)" != 0 ]; then
		echo "bench: WARNING: '$*' exited with status $(field "$line" status)" >&2
	fi
	echo "$line"
}

host="$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -e /sys/module/kvm_pvm ] && host="kvm-pvm (emulated guest code), $host"
echo "Mini-KVM benchmarks — reference: tests/bench/ref.c, measured in this run"
echo "host: $host"
echo

echo "measuring start-up and RSS: hello.bin, $START_RUNS runs each ..."
ref_hello=$(measure "$START_RUNS" "$REF" "$G/hello.bin")
our_hello=$(measure "$START_RUNS" "$MINI_KVM" --headless "$G/hello.bin")
echo "measuring PUTCHAR exits/s: flood.bin (200 000 bytes), $RATE_RUNS runs each ..."
ref_flood=$(measure "$RATE_RUNS" "$REF" "$G/flood.bin")
our_flood=$(measure "$RATE_RUNS" "$MINI_KVM" --headless "$G/flood.bin")
if [ -n "${OTHER_VMM:-}" ]; then
	# OTHER_VMM="path/to/vmm [args]": another VMM (e.g. the seed's) started on hello.bin
	echo "measuring start-up of OTHER_VMM ($OTHER_VMM), $START_RUNS runs ..."
	# shellcheck disable=SC2086
	other_hello=$(measure "$START_RUNS" $OTHER_VMM "$G/hello.bin")
fi
echo "measuring the control core: slow motion, stop latency, idle CPU ..."
core=$("$B/bench/core" "$B" | tr '\n' ' ')
echo "measuring parallel guests: compute.bin once, then twice at once, $RATE_RUNS runs each ..."
ref_t1=$(measure "$RATE_RUNS" "$REF" "$G/compute.bin")
ref_t2=$(measure -c 2 "$RATE_RUNS" "$REF" "$G/compute.bin")
our_t1=$(measure "$RATE_RUNS" "$MINI_KVM" --headless "$G/compute.bin")
our_t2=$(measure "$RATE_RUNS" "$MINI_KVM" --headless "$G/compute.bin" "$G/compute.bin")
echo

rb=$(field "$ref_hello" first_byte_us); ob=$(field "$our_hello" first_byte_us)
rl=$(field "$ref_hello" first_line_us); ol=$(field "$our_hello" first_line_us)
rr=$(field "$ref_flood" rate); or=$(field "$our_flood" rate)
rm=$(field "$ref_hello" maxrss_kib); om=$(field "$our_hello" maxrss_kib)
r1=$(field "$ref_t1" total_us); r2=$(field "$ref_t2" total_us)
o1=$(field "$our_t1" total_us); o2=$(field "$our_t2" total_us)
[ -n "$rb$ob$rr$or$rm$om$r1$r2$o1$o2" ] || { echo "bench: no numbers"; exit 0; }

start_ratio=$(calc %.2f "$ob / $rb")
line_ratio=$(calc %.2f "$ol / $rl")
rate_ratio=$(calc %.2f "$or / $rr")
rss_ratio=$(calc %.2f "$om / $rm")
ref_eff=$(calc %.2f "$r1 / $r2")
our_eff=$(calc %.2f "$o1 / $o2")
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }"; }

fmt='%-40s %13s %13s %7s  %-18s %s\n'
# shellcheck disable=SC2059
{
printf "$fmt" "metric" "reference" "mini-kvm" "ratio" "target" "verdict"
printf "$fmt" "start-up: exec -> first byte (hello)" "$(calc %.2f "$rb / 1000") ms" \
	"$(calc %.2f "$ob / 1000") ms" "${start_ratio}x" "<= 1.2x" "$(verdict "$start_ratio <= 1.2")"
printf "$fmt" "start-up: exec -> first line (hello)" "$(calc %.2f "$rl / 1000") ms" \
	"$(calc %.2f "$ol / 1000") ms" "${line_ratio}x" "<= 1.2x" "$(verdict "$line_ratio <= 1.2")"
printf "$fmt" "PUTCHAR exits/s (flood, 200000 bytes)" "$(calc %.0f "$rr")/s" \
	"$(calc %.0f "$or")/s" "${rate_ratio}x" ">= 0.95x" "$(verdict "$rate_ratio >= 0.95")"
printf "$fmt" "peak RSS (hello, headless)" "$rm KiB" "$om KiB" "${rss_ratio}x" \
	"<= 1536 KiB" "$(verdict "$om <= 1536")"
if [ -n "${other_hello:-}" ]; then
	xb=$(field "$other_hello" first_byte_us)
	printf "$fmt" "start-up vs OTHER_VMM (first byte)" "$(calc %.2f "$xb / 1000") ms" \
		"$(calc %.2f "$ob / 1000") ms" "$(calc %.2f "$ob / $xb")x" "< 1.0x" \
		"$(verdict "$ob < $xb")"
fi
printf "$fmt" "compute.bin once: T1" "$(calc %.3f "$r1 / 1e6") s" "$(calc %.3f "$o1 / 1e6") s" "" "" ""
printf "$fmt" "compute.bin x2 at once: T2" "$(calc %.3f "$r2 / 1e6") s" "$(calc %.3f "$o2 / 1e6") s" "" "" ""
printf "$fmt" "2-guest efficiency T1/T2" "$ref_eff" "$our_eff" "" ">= 0.95" \
	"$(verdict "$our_eff >= 0.95")"
sm=$(field "$core" slowmo_rate)
printf "$fmt" "slow motion at 50 steps/s" "" "$sm/s" "" "45-55/s" \
	"$(verdict "$sm >= 45 && $sm <= 55")"
for g in spin cli_hlt; do
	printf "$fmt" "stop a running $g guest" "" "$(field "$core" "stop_${g}_ms") ms" "" \
		"< 500 ms" "$(verdict "$(field "$core" "stop_${g}_ms") < 500")"
done
for st in paused waiting; do
	printf "$fmt" "CPU of a $st vCPU" "" "$(field "$core" "idle_${st}_cpu_pct") %" "" \
		"<= 5 %" "$(verdict "$(field "$core" "idle_${st}_cpu_pct") <= 5")"
done
}
cat <<'EOF'

How to read it:
- ratio = mini-kvm / reference. The reference flushes its output at each newline, so its
  "first byte" is its first line; both start-up rows time exec -> byte on the pipe.
- PUTCHAR exits/s = bytes after the first one / time from first to last byte (start-up
  excluded). Every byte is one OUT exit, so this is the exit round trip of each VMM.
- peak RSS = wait4's ru_maxrss, the most of any run; the target is absolute (1.5 MiB).
- slow motion: steps counted over 4 s with the vCPU stepping itself at 50/s (the rate is
  kept by the vCPU thread, so it does not depend on the UI's frame rate).
- stop: vmm_stop to the STOPPED snapshot; `cli; hlt` is reached only by the signal kick.
- OTHER_VMM="path [args]" adds a start-up row against another VMM run on hello.bin.
- 2-guest efficiency: T1 = one compute.bin alone; T2 = two compute.bin at once (twice the
  work on two vCPUs: mini-kvm runs both as separate guests in one process, the reference
  as two processes). T1/T2 = 1.0 is perfect scaling, 0.5 is none. This host has 2 cores,
  shared with mini-kvm's output thread, so the reference column is the ceiling here.
EOF

if [ -f tests/bench/tui.sh ]; then
	echo
	bash tests/bench/tui.sh "$B"
fi
exit 0
