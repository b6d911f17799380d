#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run-all.sh BUILD_DIR [SECONDS]
#
# The long fuzzing run (`make fuzz`): corpus_check, then every libFuzzer
# target of BUILD_DIR (a build of fuzz/, standalone or as a subdirectory)
# for SECONDS each (default 600). The corpus each target grows is kept in
# BUILD_DIR/corpus-out/TARGET and seeds the next run; crashing inputs go
# to BUILD_DIR/artifacts/. Fails when any target found something.
set -eu

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
	echo "usage: $0 BUILD_DIR [SECONDS]" >&2
	exit 2
fi
b=$1
secs=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
[ -x "$b/fuzz_elf_open" ] || b=$b/fuzz
c=$b/corpus

"$b/corpus_check" -t 30 --specials "$c/elf" "$root/tests/elf-corpus"

status=0
run() { # TARGET CORPUS...
	t=$1
	shift
	echo "== $t: $secs s"
	FUZZ_CORPUS_OUT=$b/corpus-out sh "$here/run-fuzzer.sh" "$b/$t" \
		"$secs" "$b/artifacts" "$@" || status=1
}
run fuzz_elf_open "$c/elf" "$root/tests/elf-corpus"
run fuzz_maps_parse "$c/maps"
run fuzz_demangle "$c/demangle"
run fuzz_locations "$c/locations"
s=$b/seeds
run fuzz_elf_symbolize_live "$s/live" "$here/regress/fuzz_elf_symbolize_live"
run fuzz_unwind "$s/unwind" "$here/regress/fuzz_unwind"
run fuzz_cli_args "$s/cli" "$here/regress/fuzz_cli_args"
run fuzz_decode "$s/decode" "$here/regress/fuzz_decode"
if [ "$status" -ne 0 ]; then
	echo "fuzzing found failures: see $b/artifacts/" >&2
fi
exit "$status"
