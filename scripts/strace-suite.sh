#!/bin/bash
# SPDX-License-Identifier: MIT
#
# strace-suite.sh SRC [TEST...]
#
# Build the tests of strace's source tree SRC (strace 6.1: `apt-get source
# strace` with a deb-src line for bookworm) once, then run each test (all of
# them, or the TEST names given: "foo", "foo.test" or "foo.gen.test") twice:
# with strace itself and with $STRACE set to a wrapper that execs
# `snare trace` with the same arguments. Writes a table (test, strace result,
# snare result, why snare's run failed), the causes grouped, and the share
# of the tests passing with strace that also pass with snare.
#
# strace's tests take the tracer from $STRACE (tests/init.sh; a relative
# path would be relative to tests/NAME.dir, so the wrapper's is absolute)
# and probe it with `$STRACE -V` (tests/run.sh), which `snare trace -V`
# answers; nothing needs hiding from the wrapper.
#
# Environment:
#   SUITE_DIR      build and result directory (default build/strace-suite)
#   SNARE          the snare binary (default build/gcc/snare)
#   SUITE_TIMEOUT  seconds per test and tracer (default 60)
#   SUITE_JOBS     tests run at once, and make's -j (default 2)
#   SUITE_RERUN_STRACE=1  rerun strace's side too (kept from earlier runs:
#                  it does not change when snare does)
#   SUITE_EVERY=N  without TEST names, every Nth test only (a sample
#                  that always picks the same tests; default 1: all)
#   SUITE_NAME     the name of snare's results (default snare), to keep
#                  runs of two snare builds side by side
#   SUITE_SHADOW   run the tests in this directory, a tree of symlinks to
#                  the built tests made on first use, so that two runs at
#                  once (each test works in NAME.dir) do not collide
set -eu

die() { echo "strace-suite: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: strace-suite.sh STRACE_SOURCE_DIR [TEST...]"
[ -d "$1" ] || die "no such directory: $1"
SRC=$(cd "$1" && pwd)
shift
[ -x "$SRC/configure" ] && [ -f "$SRC/tests/init.sh" ] ||
	die "$SRC is not an strace source tree (no configure or tests/init.sh)"

TOP=$(cd "$(dirname "$0")/.." && pwd)
SUITE_DIR=${SUITE_DIR:-$TOP/build/strace-suite}
SNARE=${SNARE:-$TOP/build/gcc/snare}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-60}
SUITE_JOBS=${SUITE_JOBS:-2}
SUITE_NAME=${SUITE_NAME:-snare}
case $SUITE_NAME in strace|*/*|'') die "bad SUITE_NAME: $SUITE_NAME" ;; esac
[ -x "$SNARE" ] || die "no snare binary at $SNARE (build it first, or set SNARE)"
SNARE=$(cd "$(dirname "$SNARE")" && pwd)/$(basename "$SNARE")
mkdir -p "$SUITE_DIR/build"
SUITE_DIR=$(cd "$SUITE_DIR" && pwd)
B=$SUITE_DIR/build
B=$(cd "$B" && pwd -P)

# 1. Configure and build strace and its test programs, once (make redoes
# only what is out of date; .built skips even that). mpers (the 32-bit
# personalities) is left out: it needs multilib compilers, and snare traces
# 64-bit programs only.
if [ ! -f "$B/config.status" ]; then
	echo "strace-suite: configuring in $B" >&2
	(cd "$B" && "$SRC/configure" --enable-mpers=no \
		--disable-gcc-Werror >configure.log 2>&1) ||
		die "configure failed, see $B/configure.log"
fi
if [ ! -f "$B/.built" ] || [ "$B/config.status" -nt "$B/.built" ]; then
	echo "strace-suite: building strace and its tests (make -j$SUITE_JOBS)" >&2
	make -C "$B" -j"$SUITE_JOBS" >"$B/make.log" 2>&1 ||
		die "make failed, see $B/make.log"
	make -C "$B/tests" -j"$SUITE_JOBS" check TESTS= >>"$B/make.log" 2>&1 ||
		die "building the tests failed, see $B/make.log"
	touch "$B/.built"
fi

# What automake's harness passes to tests/run.sh (AM_TEST_LOG_FLAGS).
mkvar() {
	printf 'print-var:\n\t@echo $(%s)\n' "$1" |
		make -s -C "$B/tests" -f Makefile -f - print-var
}
STRACE_ARCH=$(mkvar ARCH)
STRACE_NATIVE_ARCH=$(mkvar NATIVE_ARCH)
SIZEOF_KERNEL_LONG_T=$(mkvar SIZEOF_KERNEL_LONG_T)
SIZEOF_LONG=$(mkvar SIZEOF_LONG)
MIPS_ABI=$(mkvar MIPS_ABI)
srcdir=$SRC/tests
export STRACE_ARCH STRACE_NATIVE_ARCH SIZEOF_KERNEL_LONG_T SIZEOF_LONG \
	MIPS_ABI srcdir

if [ $# -eq 0 ]; then
	every=${SUITE_EVERY:-1}
	set -- $(mkvar TESTS | tr ' ' '\n' | awk -v n="$every" 'NF && (NR - 1) % n == 0')
fi

# 2. The wrapper: a symlink to snare whose name holds "strace", which
# snare runs as `snare trace` with strace's arguments unchanged, naming
# itself by that path in its messages as strace does ($STRACE_EXE: ...).
W=$SUITE_DIR/$SUITE_NAME-as-strace
rm -f "$W"
ln -s "$SNARE" "$W"

R=$SUITE_DIR/results
mkdir -p "$R/strace" "$R/$SUITE_NAME"

# Where the tests run: the build's tests/, or a shadow of symlinks to it.
T=$B/tests
if [ -n "${SUITE_SHADOW:-}" ]; then
	if [ ! -d "$SUITE_SHADOW/tests" ]; then
		mkdir -p "$SUITE_SHADOW"
		# A test running in the build's tests/ meanwhile may remove its
		# NAME.dir under cp: those are not wanted anyway.
		cp -as "$B/tests" "$SUITE_SHADOW/tests" 2>/dev/null || :
		[ -f "$SUITE_SHADOW/tests/init.sh" ] || [ -f "$SUITE_SHADOW/tests/Makefile" ] ||
			die "could not make the shadow $SUITE_SHADOW/tests"
		rm -rf "$SUITE_SHADOW"/tests/*.dir
		# Some tests read the build's config (../../src/config.h).
		mkdir -p "$SUITE_SHADOW/src"
		ln -sf "$B/src/config.h" "$SUITE_SHADOW/src/config.h"
	fi
	T=$(cd "$SUITE_SHADOW/tests" && pwd)
fi

# run_one TRACER TEST: one test with one tracer; its exit status in
# $R/TRACER/TEST.rc, its output (the diff on a mismatch) in TEST.log.
run_one() {
	local tracer=$1 t=$2 tool rc=0
	case $tracer in
	strace) tool=$B/src/strace ;;
	*) tool=$W ;;
	esac
	(cd "$T" && STRACE=$tool TIMEOUT_DURATION=$SUITE_TIMEOUT \
		timeout -k 5 $((SUITE_TIMEOUT + 15)) \
		"$srcdir/run.sh" "$srcdir/$t" >"$R/$tracer/$t.log" 2>&1) ||
		rc=$?
	echo "$rc" >"$R/$tracer/$t.rc"
}

# run_test TEST: strace's run (unless kept), then snare's. The two are
# sequential: a test works in tests/NAME.dir.
run_test() {
	local t=$1
	case $t in
	*.test) ;;
	*) if [ -f "$srcdir/$t.gen.test" ]; then t=$t.gen.test; else t=$t.test; fi ;;
	esac
	if [ ! -f "$srcdir/$t" ]; then
		echo "strace-suite: no test $t" >&2
		return 0
	fi
	if [ "${SUITE_RERUN_STRACE:-0}" = 1 ] || [ ! -f "$R/strace/$t.rc" ]; then
		run_one strace "$t"
	fi
	run_one "$SUITE_NAME" "$t"
	rm -rf "$T/${t%.test}.dir" "$T/${t%.gen.test}.dir"
	echo "$t" >>"$R/$SUITE_NAME.ran"	# every test run so far
}

echo "strace-suite: running $# tests, $SUITE_JOBS at a time," \
	"${SUITE_TIMEOUT}s each, results in $R" >&2
n=0
for t in "$@"; do
	if [ "$n" -ge "$SUITE_JOBS" ]; then
		wait -n || true
		n=$((n - 1))
	fi
	run_test "$t" &
	n=$((n + 1))
done
wait

# 3. The table and the summary.
python3 "$TOP/scripts/strace-suite-report.py" "$R" "$SUITE_NAME" "$@"
