#!/bin/sh
# SPDX-License-Identifier: MIT
# gen-decode-seeds.sh DIR: seeds of fuzz_decode, one per syscall number
# 0..469, each with arguments pointing into 256 bytes of fake memory that
# hold a path-like string, so every decoder is reached from the start.
set -eu
d=$1
rm -rf "$d"
mkdir -p "$d"
nr=0
while [ "$nr" -lt 470 ]; do
	lo=$((nr % 256))
	hi=$((nr / 256))
	{
		printf "$(printf '\\%03o\\%03o' "$lo" "$hi")"
		printf '\014\000'
		# six arguments: a pointer, a small number, pointers, raw
		printf '\001\000\000\000\000\000\000\000\000'
		printf '\002\003\000\000\000\000\000\000\000'
		printf '\001\020\000\000\000\000\000\000\000'
		printf '\002\100\000\000\000\000\000\000\000'
		printf '\000\377\377\377\377\000\000\000\000'
		printf '\003\010\000\000\000\000\000\000\000'
		printf '\000\000\000\000\000\000\000\000'
		printf '/etc/passwd\000'
		head -c 244 /dev/zero | tr '\000' '\001'
	} > "$d/nr-$nr"
	nr=$((nr + 1))
done
