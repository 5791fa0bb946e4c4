#!/usr/bin/env bash
# deps.sh — install Debian/Ubuntu packages that are missing. With no arguments: what the
# build and tests need (`make` calls it once, stamp build/.deps-ok); with arguments: those
# packages (`make screenshots` asks for xvfb, xterm, ...); a first argument
# --no-recommends leaves recommended packages out (`make test-hw`: QEMU without its GUI).
# Says what it installs before doing it; uses sudo when not root.
set -eu
need=()
opts=()
if [ "${1:-}" = --no-recommends ]; then opts=(--no-install-recommends); shift; fi
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
[ $# -gt 0 ] || set -- nasm libncurses-dev libzydis-dev tmux gcc make binutils python3
for p in "$@"; do
	have_pkg "$p" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "mini-kvm: installing missing packages: ${need[*]} (apt-get${opts[@]+ ${opts[*]}})"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq ${opts[@]+"${opts[@]}"} "${need[@]}"
