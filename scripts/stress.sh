#!/bin/sh
# SPDX-License-Identifier: MIT
# The test suite again and again on a loaded machine, to shake out the tests
# (and the code) that pass only when the scheduler is kind: two CPU busy
# loops run the whole time, and `ctest -j2 --output-on-failure` runs
# STRESS_RUNS times (default 20), stopping at the first failing run.
#
# Usage: scripts/stress.sh [BUILD_DIR]    (what `make stress` runs)
#   BUILD_DIR     default build/gcc, or build/asan with STRESS_ASAN=1; it
#                 must be configured (make does it) and is built here
#   STRESS_RUNS   number of runs (default 20)
#   STRESS_ASAN=1 run the ASan+UBSan build (build/asan) with the options of
#                 `make check-asan`
# Each run's output is kept in BUILD_DIR/stress/run-N.log; a failing run's
# output is printed. Exit status 0 when every run passed, 1 otherwise.
set -u

runs=${STRESS_RUNS:-20}
asan=${STRESS_ASAN:-0}
if [ "$asan" = 1 ]; then
	dir=${1:-build/asan}
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	export ASAN_OPTIONS UBSAN_OPTIONS
else
	dir=${1:-build/gcc}
fi
case $runs in
'' | *[!0-9]*)
	echo "stress: STRESS_RUNS must be a number, not '$runs'" >&2
	exit 2
	;;
esac
if [ ! -f "$dir/build.ninja" ]; then
	echo "stress: $dir is not configured (run make stress, or make all)" >&2
	exit 2
fi

ninja -C "$dir" || exit 1

# ctest runs in its own session (setsid), so that on a signal its whole
# process group goes down with it (ctest alone would leave its tests
# running); the busy loops end by themselves if this script disappears
# without running its traps (SIGKILL).
setsid=
command -v setsid >/dev/null 2>&1 && setsid="setsid -w"
hogs=
ctest_pid=
cleanup() {
	if [ -n "$ctest_pid" ]; then
		kill -TERM "-$ctest_pid" 2>/dev/null || kill -TERM "$ctest_pid" 2>/dev/null
		wait "$ctest_pid" 2>/dev/null
		ctest_pid=
	fi
	for pid in $hogs; do
		kill "$pid" 2>/dev/null
	done
	for pid in $hogs; do
		wait "$pid" 2>/dev/null
	done
	hogs=
}
trap cleanup EXIT
trap 'cleanup; trap - EXIT; echo "stress: interrupted" >&2; exit 130' INT
trap 'cleanup; trap - EXIT; echo "stress: terminated" >&2; exit 143' TERM
trap 'cleanup; trap - EXIT; exit 129' HUP

self=$$
for i in 1 2; do
	sh -c 'while kill -0 "$1" 2>/dev/null; do
		i=0; while [ "$i" -lt 100000 ]; do i=$((i + 1)); done
	done' hog "$self" &
	hogs="$hogs $!"
done
echo "stress: $runs run(s) of ctest -j2 in $dir, with 2 CPU busy loops" \
     "(pids$hogs) on $(nproc) CPU(s)"

mkdir -p "$dir/stress" || exit 1
passed=0
i=1
while [ "$i" -le "$runs" ]; do
	log=$dir/stress/run-$i.log
	start=$(date +%s)
	# In the background and waited for, so that a signal is handled now.
	(cd "$dir" && exec $setsid ctest -j2 --output-on-failure) >"$log" 2>&1 &
	ctest_pid=$!
	wait "$ctest_pid"
	rc=$?
	ctest_pid=
	secs=$(( $(date +%s) - start ))
	summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "stress: run $i of $runs passed in ${secs} s: ${summary:-?}"
		i=$((i + 1))
		continue
	fi
	cat "$log"
	failed=$(sed -n '/^The following tests FAILED:/,$p' "$log" |
		 sed -n 's/^[[:space:]]*[0-9]* - \(.*\)$/\1/p' | tr '\n' ' ')
	echo "stress: run $i of $runs failed in ${secs} s (ctest exit $rc):" \
	     "${summary:-no summary}"
	echo "stress: failed in run $i: ${failed:-see $log}"
	echo "stress: $passed of $runs runs passed" \
	     "(stopped at run $i; its output: $log)"
	exit 1
done
echo "stress: $passed of $runs runs passed"
