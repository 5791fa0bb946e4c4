#!/usr/bin/env bash
# deps.sh — install the Debian/Ubuntu packages the build and tests need, if missing.
# Called by `make` once (stamp build/.deps-ok). Says what it installs before doing it;
# uses sudo when not root. Screenshot tools (xvfb, xterm) are installed by
# `make screenshots` itself, not here.
set -eu
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in nasm libncurses-dev libzydis-dev tmux gcc make binutils python3; do
	have_pkg "$p" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "mini-kvm: installing missing packages: ${need[*]} (apt-get)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}"
