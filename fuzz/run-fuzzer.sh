#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run-fuzzer.sh FUZZER SECONDS ARTIFACT_DIR CORPUS_DIR...
#
# Runs one libFuzzer target for SECONDS on the seed corpus directories,
# which are only read: new inputs go to a temporary directory (or to
# $FUZZ_CORPUS_OUT, kept, for long runs). A crash, leak, timeout or OOM
# input is written to ARTIFACT_DIR/NAME-crash-... and the run fails: copy
# it under tests/elf-corpus/ (ELF inputs of fuzz_elf_open) or
# fuzz/regress/NAME/ (the targets with headers or argv) as a regression
# file. Extra libFuzzer flags come from $FUZZ_ARGS.
set -eu

if [ "$#" -lt 4 ]; then
	echo "usage: $0 FUZZER SECONDS ARTIFACT_DIR CORPUS_DIR..." >&2
	exit 2
fi
fuzzer=$1
secs=$2
art=$3
shift 3
name=$(basename "$fuzzer")
mkdir -p "$art"

if [ -n "${FUZZ_CORPUS_OUT:-}" ]; then
	work=$FUZZ_CORPUS_OUT/$name
	mkdir -p "$work"
	tmp=
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")
	work=$tmp
fi
# Seed directories that do not exist (tests/elf-corpus before any
# regression file) are skipped.
n=$#
for d in "$@"; do
	if [ -d "$d" ]; then
		set -- "$@" "$d"
	fi
done
shift "$n"
set -- "$work" "$@"

status=0
# -timeout: one input; -rss_limit_mb/-malloc_limit_mb: a huge allocation
# is a failure (an allocation bomb in the parser).
# shellcheck disable=SC2086
"$fuzzer" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-malloc_limit_mb=1024 -print_final_stats=1 \
	-artifact_prefix="$art/$name-" ${FUZZ_ARGS:-} "$@" || status=$?
[ -n "$tmp" ] && rm -rf "$tmp"
exit "$status"
