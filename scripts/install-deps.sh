#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian 12 packages the build needs, when any is missing.
# As root it runs apt-get itself and says so; otherwise it prints the line.
PKGS="cmake ninja-build pkg-config gcc g++ clang libclang-rt-14-dev make \
libcmocka-dev libelf-dev libdw-dev libzydis-dev libseccomp-dev libiberty-dev \
scdoc strace gdb python3 python3-dev libc6-dbg abigail-tools"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "snare: missing packages:$missing" >&2
	echo "snare: run as root: apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "snare: installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q && apt-get install -y -q $missing
