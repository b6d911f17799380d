#!/bin/sh
# SPDX-License-Identifier: MIT
#
# abi.sh check|update LIBSNARE_SO
#
# The ABI of libsnare.so.0 recorded in abi/libsnare.so.0.abi (libabigail's
# abidw): `update` writes the record from the built library, `check`
# (ctest abi_record) fails on any difference from it, additions included,
# since the record changes only on purpose (docs/design.md, "ABI").
# The record holds no path, no source location and no type of the
# library's own sources: only what snare.h declares, from a gcc build
# (RelWithDebInfo, the Makefile's build/gcc).
set -eu
mode=$1 so=$2
root=$(cd "$(dirname "$0")/.." && pwd)
record=$root/abi/libsnare.so.0.abi

if ! command -v abidw >/dev/null || ! command -v abidiff >/dev/null; then
	echo "abi.sh: abidw/abidiff not found (Debian package abigail-tools)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The exported functions and the types of the public headers they use
# (nothing of the library's internals), without source locations, and
# the source paths relative to the tree, wherever it is checked out.
dump() {
	abidw --no-corpus-path --no-comp-dir-path --no-show-locs \
		--type-id-style hash --drop-private-types \
		--exported-interfaces-only --drop-undefined-syms \
		--headers-dir "$root/include" \
		--out-file "$tmp/raw.abi" "$so"
	sed "s|path='$root/|path='|" "$tmp/raw.abi" >"$1"
}

case $mode in
update)
	mkdir -p "$root/abi"
	dump "$tmp/new.abi"
	mv "$tmp/new.abi" "$record"
	echo "abi.sh: recorded $(grep -c '<elf-symbol .*type=.func-type' "$record") functions in $record"
	;;
check)
	if [ ! -f "$record" ]; then
		echo "abi.sh: no record $record: run 'make abi-update'"
		exit 1
	fi
	dump "$tmp/built.abi"
	if ! abidiff --harmless --no-show-locs "$record" "$tmp/built.abi" >"$tmp/diff" 2>&1; then
		cat "$tmp/diff"
		echo "abi.sh: the ABI of $so differs from $record."
		echo "If the change is meant (a new function, a field in a reserved"
		echo "area...), follow docs/design.md, \"ABI\", then record it with:"
		echo "    make abi-update"
		exit 1
	fi
	echo "abi.sh: $so matches $record"
	;;
*)
	echo "usage: abi.sh check|update LIBSNARE_SO" >&2
	exit 2
	;;
esac
