#!/usr/bin/env bash
# corpus.test.sh — the fuzz targets' smoke run (`make test`): every input in
# tests/fuzz/corpus/<target>/ once through $B/tests/fuzz/smoke_<target> (the libFuzzer
# target built with the normal compiler and driver.c). A crash the fuzzer found, once its
# input is added to the corpus, fails here until it is fixed.
set -u
. "$ROOT/tests/lib.sh"
ran=0
for corpus in "$ROOT"/tests/fuzz/corpus/*/; do
	t=$(basename "$corpus")
	bin=$B/tests/fuzz/smoke_$t
	if [ ! -x "$bin" ]; then
		echo "no $bin (not built here): $t skipped"
		continue
	fi
	out=$("$bin" "$corpus" 2>&1)
	st=$?
	[ "$st" = 0 ] || fail "$t: status $st over its corpus: $(tail -n 20 <<<"$out")"
	echo "$t: $out"
	ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "skipped: no fuzz target was built"; exit 77; }
finish
