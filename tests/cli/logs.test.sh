#!/usr/bin/env bash
# logs.test.sh — --log DIR where DIR/vcpuN.log is a FIFO or a symbolic link: refused at
# once with one line and status 2; the link's target is never written (issue 8.3).
set -u
. "$ROOT/tests/lib.sh"
need_kvm
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
G=$B/guests

mkdir "$tmp/fifo" "$tmp/link"
mkfifo "$tmp/fifo/vcpu0.log"
expect_error 2 "mini-kvm: vcpu0 (hello.bin): cannot write log $tmp/fifo/vcpu0.log: it is not a regular file" \
	--log "$tmp/fifo" "$G/hello.bin"
printf 'keep' >"$tmp/target"
ln -s "$tmp/target" "$tmp/link/vcpu0.log"
expect_error 2 "mini-kvm: vcpu0 (hello.bin): cannot write log $tmp/link/vcpu0.log: it is a symbolic link" \
	--log "$tmp/link" "$G/hello.bin"
[ "$(cat "$tmp/target")" = keep ] || fail "the link's target was written"
finish
