#!/bin/sh
# SPDX-License-Identifier: MIT
#
# bench/run.sh [BUILD_DIR]: the `make bench` runner (POSIX sh + awk, no python).
#
# Runs every workload REPS times (default 5) with tracer and tracee pinned to
# one CPU (`taskset -c 0`) and again left to the scheduler, and prints one
# table of per-event costs (median, min, max, in µs unless the row says ms)
# with the ratio of the median to a reference row measured in the same run
# and the same placement. The table and the machine are written to
# bench/results.md (BENCH_OUT overrides).
#
# Method (docs/benchmarks.md): the tracees time their own loop with the vDSO
# clock, so process start-up and tracer set-up are excluded; per event =
# (traced loop time - untraced loop time) / events, the untraced time being
# the median of REPS untraced runs in the same placement. Because of that the
# per-event cost does not depend on the event count, and the counts are
# scaled to this machine: BENCH_N (default 10000) events per run for raw, snare
# and strace, BENCH_N_GDB (default 1000) for gdb, BENCH_N_UNHOOKED (default
# 200000) un-hooked getppid calls for the rows that resolve a few ns.
#
# The short-lived processes and threads rows (tr_churn, snare_churn) trace a
# chain of BENCH_CHURN_PROCS (default 20000) processes and BENCH_CHURN_THREADS
# (default 10000) threads, BENCH_CHURN_REPS (default 3) times per placement:
# per-event cost of the first and the last tenth, and the tracer's RSS growth.
#
# The software watchpoint rows (tr_watch, snare_watch, gdb_watch.py) time
# BENCH_WATCH_N (default 2000) reported writes, each after ~300 unrelated
# instructions, and BENCH_WATCH_ROUNDS (default 20) rounds of BENCH_WATCH_K
# (default 500) writes to a neighbour on the watched page, each round ending
# with one reported write; gdb single-steps while its software watchpoint is
# set, so it gets BENCH_WATCH_N_GDB (default 20) writes and
# BENCH_WATCH_ROUNDS_GDB (default 4) rounds.
#
# Environment: BENCH_REPS, BENCH_N, BENCH_N_GDB, BENCH_N_UNHOOKED, BENCH_OUT, BENCH_ONLY_PINNED=1,
# BENCH_CHURN_PROCS, BENCH_CHURN_THREADS, BENCH_CHURN_REPS, BENCH_CHURN_TIMEOUT
# (s per snare run, default 1800), BENCH_CHURN=0 (skip those rows),
# BENCH_ONLY=churn (only those rows); BENCH_WATCH_N, BENCH_WATCH_N_GDB,
# BENCH_WATCH_ROUNDS, BENCH_WATCH_ROUNDS_GDB, BENCH_WATCH_K, BENCH_WATCH=0
# (skip the watchpoint rows), BENCH_ONLY=watch (only those rows and the raw
# stop, for scale; writes bench/results-watch.md unless BENCH_OUT says).
#
# The snapshot rows (bench/snare_snap over bench/tr_fuzz) time a fuzzing
# loop of BENCH_SNAP_N (default 200) inputs three ways: snare restores a
# snapshot, writes the input and runs to a breakpoint; fork+exec of the
# target per input; a fork server (the target forks at the snapshot point
# and the child runs the input). Again with a 64 MiB heap written at
# set-up (BENCH_SNAP_N / 10 inputs). Tracer-timed per input, set-up
# excluded; the ratio column of the fork rows is fork / snare in the same
# run. BENCH_SNAP=0 skips them; BENCH_ONLY=snapshot runs only them (writes
# bench/results-snapshot.md unless BENCH_OUT says).

set -u
LC_ALL=C
export LC_ALL

SRC=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-build/gcc}
BUILD=$(cd "$BUILD" && pwd) || exit 1
B=$BUILD/bench
REPS=${BENCH_REPS:-5}
N=${BENCH_N:-10000}
NU=${BENCH_N_UNHOOKED:-200000}
NG=${BENCH_N_GDB:-1000}
OUT=${BENCH_OUT:-$SRC/results.md}
PINS="pinned unpinned"
[ "${BENCH_ONLY_PINNED:-0}" = 1 ] && PINS=pinned
NCP=${BENCH_CHURN_PROCS:-20000}
NCT=${BENCH_CHURN_THREADS:-10000}
CREPS=${BENCH_CHURN_REPS:-3}
CHURN=${BENCH_CHURN:-1}
CTIMEOUT=${BENCH_CHURN_TIMEOUT:-1800}
NW=${BENCH_WATCH_N:-2000}
NWG=${BENCH_WATCH_N_GDB:-20}
RW=${BENCH_WATCH_ROUNDS:-20}
RWG=${BENCH_WATCH_ROUNDS_GDB:-4}
KW=${BENCH_WATCH_K:-500}
WATCH=${BENCH_WATCH:-1}
SNAP=${BENCH_SNAP:-1}
NS=${BENCH_SNAP_N:-200}
MAIN=1
ONLY=${BENCH_ONLY:-}
case $ONLY in
churn)
	CHURN=1; WATCH=0; MAIN=0; SNAP=0
	OUT=${BENCH_OUT:-$SRC/results-churn.md} # not the full table's file
	;;
watch)
	WATCH=1; CHURN=0; MAIN=0; SNAP=0
	OUT=${BENCH_OUT:-$SRC/results-watch.md}
	;;
"") ;;
snapshot)
	SNAP=1; WATCH=0; CHURN=0; MAIN=0
	OUT=${BENCH_OUT:-$SRC/results-snapshot.md}
	;;
*) echo "bench: BENCH_ONLY is churn, watch or snapshot" >&2; exit 1 ;;
esac
for _c in "$NW" "$NWG" "$RW" "$RWG" "$KW"; do
	case $_c in
	*[!0-9]* | "" | 0) echo "bench: BENCH_WATCH_* must be positive integers" >&2; exit 1 ;;
	esac
done
for _c in "$NCP" "$NCT"; do
	case $_c in
	*[!0-9]* | "" | 0) echo "bench: BENCH_CHURN_PROCS/THREADS must be positive multiples of 10" >&2; exit 1 ;;
	esac
	[ $((_c % 10)) = 0 ] || { echo "bench: BENCH_CHURN_PROCS/THREADS must be multiples of 10" >&2; exit 1; }
done

for p in raw tr_sys tr_bp tr_writes tr_churn tr_watch snare_bp snare_hook snare_mem snare_spawn \
	snare_churn snare_watch tr_fuzz snare_snap; do
	if [ ! -x "$B/$p" ]; then
		echo "bench: $B/$p is missing (build first: make)" >&2
		exit 1
	fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/snare-bench.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
ROWS=$TMP/rows
: >"$ROWS"
T0=$(date +%s)

NR_GETPID=39
SNARE_CLI=$BUILD/snare
TASKSET=$(command -v taskset)
HAVE_GDB=0
command -v gdb >/dev/null 2>&1 && gdb -q -nx -batch -ex 'python print(1)' >/dev/null 2>&1 && HAVE_GDB=1
HAVE_STRACE=0
command -v strace >/dev/null 2>&1 && HAVE_STRACE=1
HAVE_CLI=0
if [ -x "$SNARE_CLI" ] && "$SNARE_CLI" trace -o /dev/null -- true >/dev/null 2>&1; then
	HAVE_CLI=1
fi

log() { printf '%s\n' "$*" >&2; }

# run PIN CMD...: output (stdout+stderr) in $TMP/out, returns the exit code.
run() {
	_pin=$1
	shift
	if [ "$_pin" = pinned ]; then
		"$TASKSET" -c 0 "$@" >"$TMP/out" 2>&1
	else
		"$@" >"$TMP/out" 2>&1
	fi
}

# "@ LABEL NS EVENTS" of the last run -> "NS EVENTS"
field() { awk -v l="$1" '$1 == "@" && $2 == l { print $3, $4; exit }' "$TMP/out"; }
hits() { awk '$1 == "#" && $2 == "hits" { h = $3 } END { print h }' "$TMP/out"; }

# stats FILE -> "median min max" (values one per line)
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.6f %.6f %.6f\n", m, v[1], v[NR] }'
}

# base KEY CMD...: untraced runs; per-event ns of every "@" label, median,
# stored in $TMP/base.KEY.LABEL.PIN
base() {
	_key=$1
	shift
	for _pin in $PINS; do
		rm -f "$TMP"/bv.*
		_r=0
		while [ $_r -lt "$REPS" ]; do
			run "$_pin" "$@" || { log "bench: untraced $* failed"; cat "$TMP/out" >&2; exit 1; }
			awk -v d="$TMP" '$1 == "@" { print $3 / $4 >> (d "/bv." $2) }' "$TMP/out"
			_r=$((_r + 1))
		done
		for _f in "$TMP"/bv.*; do
			[ -e "$_f" ] || continue
			stats "$_f" | awk '{ print $1 }' >"$TMP/base.$_key.${_f##*/bv.}.$_pin"
		done
	done
}

# Row attributes, set before calling measure/na:
#   ID WHAT REF TARGET UNIT LABEL BASE EXPECT
# REF: id of the reference row ("-" for none); TARGET: "<=X" / ">=X" on the
# ratio, "abs<=X" on the median itself, "-" for none. LABEL: the "@" label to
# read; BASE: base key to subtract ("-": the value is tracer-timed, taken as
# is); EXPECT: required "# hits" count ("-": not checked).
reset_row() { REF=-; TARGET=-; UNIT=us; LABEL=-; BASE=-; EXPECT=-; }

add_row() { printf '%s\t%s\t%s\t%s\t%s\n' "$ID" "$WHAT" "$REF" "$TARGET" "$UNIT" >>"$ROWS"; }

# measure CMD...: REPS runs per placement; one value per run in $TMP/v.ID.PIN
measure() {
	add_row
	log "bench: $ID"
	for _pin in $PINS; do
		: >"$TMP/v.$ID.$_pin"
		_r=0
		while [ $_r -lt "$REPS" ]; do
			_rc=0
			run "$_pin" "$@" || _rc=$?
			_f=$(field "$LABEL")
			if [ "$_rc" != 0 ] || [ -z "$_f" ]; then
				echo "failed (exit $_rc)" >"$TMP/fail.$ID.$_pin"
				log "bench: $ID ($_pin) failed:"; tail -5 "$TMP/out" >&2
				break
			fi
			if [ "$EXPECT" != - ] && [ "$(hits)" != "$EXPECT" ]; then
				echo "hit count $(hits), expected $EXPECT" >"$TMP/fail.$ID.$_pin"
				log "bench: $ID ($_pin): hit count $(hits), expected $EXPECT"
				break
			fi
			_b=0
			[ "$BASE" != - ] && _b=$(cat "$TMP/base.$BASE.$LABEL.$_pin")
			echo "$_f" | awk -v b="$_b" '{ printf "%.6f\n", ($1 / $2 - b) / 1000 }' \
				>>"$TMP/v.$ID.$_pin"
			_r=$((_r + 1))
		done
	done
}

# wall CMD...: like measure, but the value is the wall time of the whole
# command in ms (for the `snare trace` vs strace rows).
wall() {
	add_row
	log "bench: $ID"
	for _pin in $PINS; do
		: >"$TMP/v.$ID.$_pin"
		_r=0
		while [ $_r -lt "$REPS" ]; do
			_t0=$(date +%s%N)
			_rc=0
			run "$_pin" "$@" || _rc=$?
			_t1=$(date +%s%N)
			if [ "$_rc" != 0 ]; then
				echo "failed (exit $_rc)" >"$TMP/fail.$ID.$_pin"
				log "bench: $ID ($_pin) failed:"; tail -5 "$TMP/out" >&2
				break
			fi
			echo "$_t0 $_t1" | awk '{ printf "%.3f\n", ($2 - $1) / 1e6 }' >>"$TMP/v.$ID.$_pin"
			_r=$((_r + 1))
		done
	done
}

# na REASON: a row that cannot be measured here.
na() {
	add_row
	log "bench: $ID: $1"
	for _pin in $PINS; do
		echo "$1" >"$TMP/fail.$ID.$_pin"
	done
}

# The reference row, raw-stop (needs "base sys"); also in BENCH_ONLY=watch.
raw_stop_row() {
	reset_row; ID=raw-stop; WHAT="raw: PTRACE_SYSCALL + waitpid on getppid, per stop (THE reference)"; REF=raw-stop; LABEL=getppid; BASE=sys
	measure "$B/raw" syscall -- "$B/tr_sys" p $((N / 2))
	# per syscall = 2 stops: halve (the tracee loop has N/2 getppid calls)
	for _pin in $PINS; do
		awk '{ printf "%.6f\n", $1 / 2 }' "$TMP/v.raw-stop.$_pin" >"$TMP/h" && mv "$TMP/h" "$TMP/v.raw-stop.$_pin"
	done
}

# BENCH_ONLY=churn or watch skips everything up to their rows (not re-indented).
if [ "$MAIN" = 1 ]; then
# ---------------------------------------------------------------- untraced
log "bench: untraced references ($REPS runs each)"
base sys "$B/tr_sys" gp "$N"
base bp1 "$B/tr_bp" "$N"
base bp4 "$B/tr_bp" "$N" 4
base bpg "$B/tr_bp" "$NG"
base sysg "$B/tr_sys" g "$NG"

# ---------------------------------------------------------------- raw
reset_row; ID=bare-getpid; WHAT="untraced getpid() syscall (reference, not an overhead)"; LABEL=getpid
measure "$B/tr_sys" g "$N"
reset_row; ID=pipe; WHAT="pipe ping-pong round trip between 2 processes (scheduler floor)"; REF=raw-stop; LABEL=pipe
measure "$B/raw" pipe "$N"
raw_stop_row
reset_row; ID=raw-stop-split; WHAT="raw: same, tracer on CPU 1 and tracee on CPU 0 (per stop)"; REF=raw-stop; LABEL=getppid; BASE=sys
if [ "$(nproc)" -ge 2 ]; then
	# Always split, whatever the placement column says.
	measure "$TASKSET" -c 1 "$B/raw" syscall -- "$TASKSET" -c 0 "$B/tr_sys" p $((N / 20))
	for _pin in $PINS; do
		awk '{ printf "%.6f\n", $1 / 2 }' "$TMP/v.raw-stop-split.$_pin" >"$TMP/h" && mv "$TMP/h" "$TMP/v.raw-stop-split.$_pin"
	done
else
	na "n/a (one CPU)"
fi
reset_row; ID=raw-int3; WHAT="raw: int3 hit, PEEKUSER rip + POKEUSER rip past the emulated nop + CONT (1 stop)"; REF=raw-stop; LABEL=bp; BASE=bp1; EXPECT=$N
measure "$B/raw" int3 -- "$B/tr_bp" "$N"
reset_row; ID=raw-int3-4t; WHAT="raw: same, 4 threads calling the function (per hit)"; REF=raw-int3; LABEL=bp; BASE=bp4; EXPECT=$N
measure "$B/raw" int3 -- "$B/tr_bp" "$N" 4
reset_row; ID=raw-hw; WHAT="raw: DR0 execute breakpoint, CONT (kernel sets RF) (per hit)"; REF=raw-stop; LABEL=bp; BASE=bp1; EXPECT=$N
run pinned "$B/raw" hw -- "$B/tr_bp" 100
if [ "$(hits)" = 100 ]; then
	measure "$B/raw" hw -- "$B/tr_bp" "$N"
else
	na "n/a (debug registers do not fire on this machine: probe hit $(hits)/100)"
fi
reset_row; ID=raw-sc-enter; WHAT="raw: seccomp RET_TRACE entry stop on getpid, CONT (per syscall)"; REF=raw-stop; LABEL=getpid; BASE=sys; EXPECT=$N
measure "$B/raw" seccomp-enter $NR_GETPID -- "$B/tr_sys" g "$N"
reset_row; ID=raw-sc-enter-info; WHAT="raw: same + PTRACE_GET_SYSCALL_INFO per stop (what a hook must read)"; REF=raw-sc-enter; LABEL=getpid; BASE=sys; EXPECT=$N
measure "$B/raw" seccomp-enter-info $NR_GETPID -- "$B/tr_sys" g "$N"
reset_row; ID=raw-sc-enterexit; WHAT="raw: seccomp entry stop + PTRACE_SYSCALL exit stop (per syscall)"; REF=raw-stop; LABEL=getpid; BASE=sys; EXPECT=$((2 * N))
measure "$B/raw" seccomp-enterexit $NR_GETPID -- "$B/tr_sys" g "$N"
# The un-hooked rows resolve a few ns on a ~1 µs syscall: re-measure the
# untraced loop right before each of them so drift does not count.
base unh "$B/tr_sys" gp 1000 "$NU"
reset_row; ID=raw-sc-unhooked; WHAT="raw: getppid with the getpid filter, no stop (per call, vs untraced)"; TARGET="abs<=0.05"; LABEL=getppid; BASE=unh; EXPECT=1000
measure "$B/raw" seccomp-enter $NR_GETPID -- "$B/tr_sys" gp 1000 "$NU"
reset_row; ID=raw-mem8; WHAT="raw: read 8 B, pread /proc/PID/mem (tracer-timed)"; LABEL=mem8
measure "$B/raw" mem "$N"
reset_row; ID=raw-mem4k; WHAT="raw: read 4 KiB, process_vm_readv (tracer-timed)"; LABEL=mem4k
measure "$B/raw" mem "$N"
reset_row; ID=raw-mem1m; WHAT="raw: read 1 MiB, process_vm_readv (tracer-timed)"; LABEL=mem1m
measure "$B/raw" mem "$N"
reset_row; ID=raw-spawn; WHAT="raw: fork+exec to a stop at AT_ENTRY (int3 there), tracer-timed"; LABEL=spawn
measure "$B/raw" spawn 20 -- "$B/tr_sys" p 0

# ---------------------------------------------------------------- snare
reset_row; ID=snare-swbp; WHAT="snare: software breakpoint, empty C callback (per hit)"; REF=raw-stop; TARGET="<=2.0"; LABEL=bp; BASE=bp1; EXPECT=$N
measure "$B/snare_bp" sw -- "$B/tr_bp" "$N"
reset_row; ID=snare-swbp-4t; WHAT="snare: same, 4 threads (per hit) vs 1 thread"; REF=snare-swbp; TARGET="<=1.3"; LABEL=bp; BASE=bp4; EXPECT=$N
measure "$B/snare_bp" sw -- "$B/tr_bp" "$N" 4
reset_row; ID=snare-hwbp; WHAT="snare: hardware breakpoint, empty C callback (per hit)"; REF=raw-hw; TARGET="<=1.15"; LABEL=bp; BASE=bp1; EXPECT=$N
_rc=0; run pinned "$B/snare_bp" hw -- "$B/tr_bp" 100 || _rc=$?
if [ "$_rc" = 3 ]; then
	na "n/a (debug registers do not fire on this machine: snare_bp_add -ENOTSUP)"
else
	measure "$B/snare_bp" hw -- "$B/tr_bp" "$N"
fi
reset_row; ID=snare-hook-enter; WHAT="snare: getpid hook, empty on_enter, seccomp fast path (per syscall)"; REF=raw-sc-enter; TARGET="<=1.15"; LABEL=getpid; BASE=sys; EXPECT=$N
measure "$B/snare_hook" enter seccomp getpid -- "$B/tr_sys" g "$N"
reset_row; ID=snare-hook-enterexit; WHAT="snare: getpid hook, empty on_enter+on_exit, seccomp (per syscall)"; REF=raw-sc-enterexit; TARGET="<=1.15"; LABEL=getpid; BASE=sys; EXPECT=$N
measure "$B/snare_hook" enterexit seccomp getpid -- "$B/tr_sys" g "$N"
reset_row; ID=snare-hook-enterexit-nosc; WHAT="snare: same without seccomp (PTRACE_SYSCALL, 2 stops) (per syscall)"; REF=raw-sc-enterexit; LABEL=getpid; BASE=sys; EXPECT=$N
measure "$B/snare_hook" enterexit noseccomp getpid -- "$B/tr_sys" g "$N"
base unh "$B/tr_sys" gp 1000 "$NU"
reset_row; ID=snare-unhooked; WHAT="snare: un-hooked getppid in the same run, seccomp (per call, vs untraced)"; TARGET="abs<=0.05"; LABEL=getppid; BASE=unh; EXPECT=1000
measure "$B/snare_hook" enterexit seccomp getpid -- "$B/tr_sys" gp 1000 "$NU"
# The Python package (python/): the same breakpoint and hook with an empty
# Python callback, against the C callback rows of this run (bench/py_bp.py,
# bench/py_hook.py, run by the interpreter the build found: bench/py-run).
PYRUN=$BUILD/bench/py-run
if [ -x "$PYRUN" ] && "$PYRUN" -c 'import snare' >/dev/null 2>&1; then
	reset_row; ID=py-swbp; WHAT="python: software breakpoint, empty Python callback (per hit) vs C callback"; REF=snare-swbp; TARGET="<=1.5"; LABEL=bp; BASE=bp1; EXPECT=$N
	measure "$PYRUN" "$SRC/py_bp.py" -- "$B/tr_bp" "$N"
	reset_row; ID=py-swbp-gil; WHAT="python: same, GIL kept while waiting (release_gil=False) vs released"; REF=py-swbp; LABEL=bp; BASE=bp1; EXPECT=$N
	measure "$PYRUN" "$SRC/py_bp.py" nogil -- "$B/tr_bp" "$N"
	reset_row; ID=py-hook; WHAT="python: getpid hook, empty Python on_enter+on_exit, no seccomp (per syscall) vs C"; REF=snare-hook-enterexit-nosc; TARGET="<=1.5"; LABEL=getpid; BASE=sys; EXPECT=$N
	measure "$PYRUN" "$SRC/py_hook.py" getpid -- "$B/tr_sys" g "$N"
else
	for ID in py-swbp py-swbp-gil py-hook; do
		reset_row; WHAT="python: $ID"; na "n/a (the snare Python package is not built)"
	done
fi
reset_row; ID=snare-mem8; WHAT="snare: snare_mem_read 8 B (tracer-timed)"; REF=raw-mem8; LABEL=mem8
measure "$B/snare_mem" "$N"
reset_row; ID=snare-mem4k; WHAT="snare: snare_mem_read 4 KiB (tracer-timed)"; REF=raw-mem4k; LABEL=mem4k
measure "$B/snare_mem" "$N"
reset_row; ID=snare-mem1m; WHAT="snare: snare_mem_read 1 MiB (tracer-timed)"; REF=raw-mem1m; LABEL=mem1m
measure "$B/snare_mem" "$N"
reset_row; ID=snare-spawn; WHAT="snare: snare_spawn(SNARE_SPAWN_STOP_ENTRY), tracer-timed"; REF=raw-spawn; LABEL=spawn
measure "$B/snare_spawn" 20 -- "$B/tr_sys" p 0

# ---------------------------------------------------------------- peers
if [ $HAVE_GDB = 1 ]; then
	reset_row; ID=gdb-swbp; WHAT="gdb: Python gdb.Breakpoint, stop() returns False (per hit; snare must be >=15x faster)"; REF=snare-swbp; TARGET=">=15"; LABEL=bp; BASE=bpg; EXPECT=$NG
	measure gdb -q -nx -batch -x "$SRC/gdb_bp.py" --args "$B/tr_bp" "$NG"
	reset_row; ID=gdb-hwbp; WHAT="gdb: same, BP_HARDWARE_BREAKPOINT (per hit)"; REF=snare-hwbp; TARGET=">=15"; LABEL=bp; BASE=bpg; EXPECT=$NG
	run pinned env BENCH_GDB_HW=1 gdb -q -nx -batch -x "$SRC/gdb_bp.py" --args "$B/tr_bp" 100
	if [ "$(hits)" = 100 ]; then
		measure env BENCH_GDB_HW=1 gdb -q -nx -batch -x "$SRC/gdb_bp.py" --args "$B/tr_bp" "$NG"
	else
		na "n/a (debug registers do not fire on this machine: gdb hw bp hit $(hits)/100)"
	fi
	reset_row; ID=gdb-catch; WHAT="gdb: catch syscall getpid, continued from Python (per syscall, 2 stops)"; REF=snare-hook-enterexit; TARGET=">=15"; LABEL=getpid; BASE=sysg; EXPECT=$((2 * NG))
	measure gdb -q -nx -batch -x "$SRC/gdb_syscall.py" --args "$B/tr_sys" g "$NG"
else
	for ID in gdb-swbp gdb-hwbp gdb-catch; do WHAT="gdb"; reset_row; na "not available (no gdb with Python)"; done
fi
if [ $HAVE_STRACE = 1 ]; then
	reset_row; ID=strace-getpid; WHAT="strace -f -e trace=getpid -o /dev/null (per getpid)"; REF=snare-hook-enterexit-nosc; LABEL=getpid; BASE=sys
	measure strace -f -e trace=getpid -o /dev/null "$B/tr_sys" g "$N"
	reset_row; ID=strace-sc-getpid; WHAT="strace same + --seccomp-bpf (per getpid)"; REF=snare-hook-enterexit; LABEL=getpid; BASE=sys
	measure strace -f --seccomp-bpf -e trace=getpid -o /dev/null "$B/tr_sys" g "$N"
	base unh "$B/tr_sys" gp 1000 "$NU"
	reset_row; ID=strace-sc-unhooked; WHAT="strace --seccomp-bpf: un-hooked getppid (per call, vs untraced)"; LABEL=getppid; BASE=unh
	measure strace -f --seccomp-bpf -e trace=getpid -o /dev/null "$B/tr_sys" gp 1000 "$NU"
fi

# ---------------------------------------------------------------- snare trace vs strace
# Wall time of the whole command in ms (start-up included: that is what a
# user waits for). Same flags for both, output to /dev/null.
WL_WRITES="$B/tr_writes 10000 >/dev/null"
WL_FIND="find /usr/include -name '*.h' >/dev/null"
WL_TAR="tar -C /usr/include -cf - linux x86_64-linux-gnu 2>/dev/null | cat >/dev/null"
WL_PIPE="sh -c 'seq 1 1000 | while read x; do echo \$x; done | wc -l' >/dev/null"
cli_rows() { # KEY WHAT FLAGS RAWMODE WORKLOAD (the tracer wraps the first command)
	_k=$1; _w=$2; _fl=$3; _rm=$4; _wl=$5
	reset_row; ID=plain-$_k; WHAT="untraced: $_w (ms wall)"; UNIT=ms; REF=strace-$_k
	wall sh -c "$_wl"
	reset_row; ID=raw-trace-$_k; WHAT="raw tracer, the floor (raw $_rm: same stops, nothing decoded or printed): $_w (ms wall)"; UNIT=ms; REF=strace-$_k
	wall sh -c "'$B/raw' $_rm -- $_wl"
	reset_row; ID=strace-$_k; WHAT="strace $_fl: $_w (ms wall)"; UNIT=ms
	if [ $HAVE_STRACE = 1 ]; then
		wall sh -c "strace $_fl -o /dev/null -- $_wl"
	else
		na "not available (no strace)"
	fi
	reset_row; ID=snare-trace-$_k; WHAT="snare trace $_fl: $_w (ms wall; <=0.9x strace)"; UNIT=ms; REF=strace-$_k; TARGET="<=0.9"
	if [ $HAVE_CLI = 1 ]; then
		wall sh -c "'$SNARE_CLI' trace $_fl -o /dev/null -- $_wl"
	else
		na "not available (\`snare trace -- true\` does not work in this build)"
	fi
}
cli_rows writes "10000 write(2)s of 16 B" "-f" syscall "$WL_WRITES"
cli_rows find "find /usr/include -name '*.h'" "-f" syscall "$WL_FIND"
cli_rows tar "tar c of /usr/include/{linux,x86_64-linux-gnu} into a pipe" "-f" syscall "$WL_TAR"
cli_rows pipe "sh pipeline: seq, while read, wc (forks)" "-f" syscall "$WL_PIPE"
cli_rows rare "find /usr/include, -e trace=uname (seccomp)" "-f --seccomp-bpf -e trace=uname" "seccomp-enterexit 63" "$WL_FIND"

# ---------------------------------------------------------------- co-locate
# What pinning costs a parallel tracee: 2 threads of pure computation,
# untraced, tracee-timed (ms). Pinned they share one CPU.
reset_row; ID=coloc-2threads; WHAT="co-locate cost: 2 busy threads, untraced (ms; pinned = on one CPU)"; UNIT=ms; LABEL=bp
measure "$B/tr_bp" 50000000 2
for _pin in $PINS; do
	awk '{ printf "%.3f\n", $1 * 50000000 / 1000 }' "$TMP/v.coloc-2threads.$_pin" >"$TMP/h" && mv "$TMP/h" "$TMP/v.coloc-2threads.$_pin"
done

fi # MAIN

# ---------------------------------------------------------------- watchpoints
# Software watchpoints: snare's page protection (SNARE_WATCH_SOFTWARE) and
# gdb's single-stepping (`set can-use-hw-watchpoints 0`) on one 8-byte
# global, per write, tracee-timed minus untraced as above. sparse: N
# reported writes, each after ~300 instructions that touch no memory. hot:
# writes to another variable of the watched page, never reported (only those
# are timed; every round of K ends with one reported write). Each row's
# ratio is to the other tool's row of the same run; both tools must report
# exactly every write with its new value (snare_watch and gdb_watch.py
# check the values and fail the run otherwise).
if [ "$WATCH" = 1 ]; then
if [ "$MAIN" = 0 ]; then
	# The stop these rows are made of, for scale (x raw-stop in the docs).
	base sys "$B/tr_sys" gp "$N"
	raw_stop_row
fi
log "bench: untraced watchpoint workloads ($REPS runs each)"
base wsp "$B/tr_watch" sparse "$NW"
base whot "$B/tr_watch" hot "$RW" "$KW"
reset_row; ID=snare-swwatch-sparse; WHAT="snare: software watchpoint (page protection), sparse writes, empty counting callback (per write); x ref = snare / gdb"; REF=gdb-swwatch-sparse; LABEL=sparse; BASE=wsp; EXPECT=$NW
measure "$B/snare_watch" "$NW" -- "$B/tr_watch" sparse "$NW"
reset_row; ID=snare-swwatch-hot; WHAT="snare: same, hot neighbour: write to the watched page, not reported (per write); x ref = snare / gdb"; REF=gdb-swwatch-hot; LABEL=hot; BASE=whot; EXPECT=$RW
measure "$B/snare_watch" "$RW" -- "$B/tr_watch" hot "$RW" "$KW"
if [ $HAVE_GDB = 1 ]; then
	base wspg "$B/tr_watch" sparse "$NWG"
	base whotg "$B/tr_watch" hot "$RWG" "$KW"
	reset_row; ID=gdb-swwatch-sparse; WHAT="gdb: software watchpoint (can-use-hw-watchpoints 0), Python stop() returns False, sparse writes (per write); x ref = gdb / snare"; REF=snare-swwatch-sparse; LABEL=sparse; BASE=wspg; EXPECT=$NWG
	measure gdb -q -nx -batch -x "$SRC/gdb_watch.py" --args "$B/tr_watch" sparse "$NWG"
	reset_row; ID=gdb-swwatch-hot; WHAT="gdb: same, hot neighbour (per write); x ref = gdb / snare"; REF=snare-swwatch-hot; LABEL=hot; BASE=whotg; EXPECT=$RWG
	measure gdb -q -nx -batch -x "$SRC/gdb_watch.py" --args "$B/tr_watch" hot "$RWG" "$KW"
else
	for ID in gdb-swwatch-sparse gdb-swwatch-hot; do WHAT="gdb"; reset_row; na "not available (no gdb with Python)"; done
fi
fi # WATCH

# ---------------------------------------------------------------- short-lived
# tr_churn procs|threads N: N processes (a chain: each forks the next and
# exits, so each new one is the child of a dead one) or N threads (created,
# exiting at once, joined, one after another), followed by the tracer. The
# tracee times the first tenth, the last tenth and the whole; per event (one
# process or thread, born and dead) = (traced - untraced median) / events, as
# above. snare_churn reads the tracer's VmRSS at N/10 and N exits ("# grow",
# kB) and its own thread CPU time per event over the first and last tenth of
# the exits ("@ cpufirst", "@ cpulast": not subtracted; what the tracer
# spends, which load on the machine inflates far less than wall time), and
# counts exits reported before their NEW event and NEW events never followed
# by an exit ("# odd"). Two ways to drive snare: one snare_run(DEFAULT) to the
# end ("run", nothing returned before ALL_EXITED) and snare_run(ONCE) in a
# loop ("once", every event returned). One round = untraced, snare run, snare
# once, strace; CREPS rounds per placement. Targets only where the figure
# resolves them (tracer CPU last/first <= 1.25, RSS growth <= 512 kB, no odd
# event): the tracee-timed overhead of a fork chain is the difference of two
# scheduler-bound wall times, noisier than the overhead itself on a loaded VM.

# churn_get TOOL LABEL: from $TMP/out, append "ns per event" of an "@" label
# (the value of "# grow" / "# odd" for those) to $TMP/c.TOOL.LABEL
churn_get() {
	if [ "$2" = grow ] || [ "$2" = odd ]; then
		awk -v f="$TMP/c.$1.$2" -v l="$2" '$1 == "#" && $2 == l { print $3 >> f }' "$TMP/out"
	else
		awk -v f="$TMP/c.$1.$2" -v l="$2" '$1 == "@" && $2 == l { printf "%.3f\n", $3 / $4 >> f }' "$TMP/out"
	fi
}

# churn_row ID WHAT REF TARGET UNIT: declare a row (values filled by churn)
churn_row() { ID=$1; WHAT=$2; REF=$3; TARGET=$4; UNIT=$5; add_row; }

# churn_put PIN ID FILE TOOL BASE: the values of FILE (ns per event) minus
# BASE (ns; "-": none), in µs, into row ID; BASE "asis": FILE as is. If TOOL
# failed in this placement ($TMP/cf.TOOL), the row says why.
churn_put() {
	if [ -e "$TMP/cf.$4" ] || [ ! -s "$3" ]; then
		cat "$TMP/cf.$4" 2>/dev/null >"$TMP/fail.$2.$1" || echo "failed" >"$TMP/fail.$2.$1"
		return
	fi
	if [ "$5" = asis ]; then
		cp "$3" "$TMP/v.$2.$1"
	else
		awk -v b="$5" '{ printf "%.6f\n", ($1 - (b == "-" ? 0 : b)) / 1000 }' "$3" >"$TMP/v.$2.$1"
	fi
}

churn() { # KIND N
	_k=$1; _n=$2; _t=$(( _n / 10 ))
	_u=processes; [ "$_k" = threads ] && _u=threads
	_ev="per process (fork + exit)"; [ "$_k" = threads ] && _ev="per thread (create + exit + join)"
	churn_row churn-$_k-plain "untraced: $_n short-lived $_u, $_ev (reference, not an overhead)" - - us
	churn_row churn-$_k "snare, follow_forks, one snare_run to the end: $_ev, all $_n" - - us
	churn_row churn-$_k-first "snare, same: first tenth ($_t $_u)" - - us
	churn_row churn-$_k-last "snare, same: last tenth; x ref = last / first (flat: ~1; noisy, see the CPU rows)" churn-$_k-first - us
	churn_row churn-$_k-cpu-first "snare, same: tracer thread CPU time per event (user + sys), first tenth" - - us
	churn_row churn-$_k-cpu-last "snare, same: tracer CPU, last tenth; x ref = last / first" churn-$_k-cpu-first "<=1.25" us
	churn_row churn-$_k-rss "snare, same: tracer VmRSS growth from $_t to $_n exits (kB; flat: small)" - "abs<=512" kB
	churn_row churn-$_k-odd "snare, same: exits reported before their NEW event + NEW events never followed by an exit (count per run)" - "abs<=0" count
	churn_row churn-$_k-once-first "snare, snare_run(ONCE) loop (every event returned): first tenth" - - us
	churn_row churn-$_k-once-last "snare, ONCE: last tenth; x ref = last / first" churn-$_k-once-first - us
	churn_row churn-$_k-once-cpu-first "snare, ONCE: tracer CPU per event, first tenth" - - us
	churn_row churn-$_k-once-cpu-last "snare, ONCE: tracer CPU, last tenth; x ref = last / first" churn-$_k-once-cpu-first "<=1.25" us
	churn_row churn-$_k-once-rss "snare, ONCE: tracer VmRSS growth from $_t to $_n exits (kB)" - "abs<=512" kB
	churn_row churn-$_k-once-odd "snare, ONCE: exits before NEW + NEW never exited (count per run)" - "abs<=0" count
	churn_row strace-churn-$_k "strace -f --seccomp-bpf -e trace=none: $_ev, all $_n; x ref = strace / snare" churn-$_k - us
	churn_row strace-churn-$_k-first "strace, same: first tenth" - - us
	churn_row strace-churn-$_k-last "strace, same: last tenth; x ref = last / first tenth of strace" strace-churn-$_k-first - us
	_all=$_k
	for _pin in $PINS; do
		rm -f "$TMP"/c.* "$TMP"/cf.*
		_r=0
		while [ $_r -lt "$CREPS" ]; do
			log "bench: churn $_k $_n ($_pin, round $((_r + 1))/$CREPS)"
			if ! run "$_pin" "$B/tr_churn" "$_k" "$_n"; then
				log "bench: untraced tr_churn $_k failed"; tail -5 "$TMP/out" >&2; exit 1
			fi
			for _l in first last "$_all"; do churn_get u "$_l"; done
			for _m in run once; do
				[ -e "$TMP/cf.$_m" ] && continue
				_rc=0
				# A hang is a result too (exit 124), not the end of make bench.
				run "$_pin" timeout "$CTIMEOUT" "$B/snare_churn" "$_m" "$_n" -- "$B/tr_churn" "$_k" "$_n" || _rc=$?
				_x=$(awk '$1 == "#" && $2 == "exits" { print $3 }' "$TMP/out")
				if [ "$_rc" != 0 ] || [ "$_x" != "$_n" ]; then
					echo "failed (exit $_rc, $_x exits of $_n)" >"$TMP/cf.$_m"
					log "bench: snare_churn $_m $_k ($_pin) failed:"; tail -5 "$TMP/out" >&2
					continue
				fi
				for _l in first last "$_all" cpufirst cpulast grow odd; do churn_get "$_m" "$_l"; done
				_o=$(awk '$1 == "#" && $2 == "odd" { print $3 }' "$TMP/out")
				[ "$_o" = 0 ] || log "bench: snare_churn $_m $_k ($_pin): $_o odd events: $(grep -E '^# (new|unannounced|exits)' "$TMP/out" | tr '\n' ' ')"
			done
			if [ $HAVE_STRACE = 0 ]; then
				echo "not available (no strace)" >"$TMP/cf.strace"
			elif [ ! -e "$TMP/cf.strace" ]; then
				_rc=0
				run "$_pin" strace -f --seccomp-bpf -e trace=none -e signal=none -qq -o /dev/null \
					"$B/tr_churn" "$_k" "$_n" || _rc=$?
				if [ "$_rc" != 0 ]; then
					echo "failed (exit $_rc)" >"$TMP/cf.strace"
					log "bench: strace churn $_k ($_pin) failed:"; tail -5 "$TMP/out" >&2
				else
					for _l in first last "$_all"; do churn_get strace "$_l"; done
				fi
			fi
			_r=$((_r + 1))
		done
		_uf=$(stats "$TMP/c.u.first" | awk '{ print $1 }')
		_ul=$(stats "$TMP/c.u.last" | awk '{ print $1 }')
		_ua=$(stats "$TMP/c.u.$_all" | awk '{ print $1 }')
		churn_put "$_pin" churn-$_k-plain "$TMP/c.u.$_all" u -
		churn_put "$_pin" churn-$_k "$TMP/c.run.$_all" run "$_ua"
		churn_put "$_pin" churn-$_k-first "$TMP/c.run.first" run "$_uf"
		churn_put "$_pin" churn-$_k-last "$TMP/c.run.last" run "$_ul"
		churn_put "$_pin" churn-$_k-cpu-first "$TMP/c.run.cpufirst" run -
		churn_put "$_pin" churn-$_k-cpu-last "$TMP/c.run.cpulast" run -
		churn_put "$_pin" churn-$_k-rss "$TMP/c.run.grow" run asis
		churn_put "$_pin" churn-$_k-odd "$TMP/c.run.odd" run asis
		churn_put "$_pin" churn-$_k-once-first "$TMP/c.once.first" once "$_uf"
		churn_put "$_pin" churn-$_k-once-last "$TMP/c.once.last" once "$_ul"
		churn_put "$_pin" churn-$_k-once-cpu-first "$TMP/c.once.cpufirst" once -
		churn_put "$_pin" churn-$_k-once-cpu-last "$TMP/c.once.cpulast" once -
		churn_put "$_pin" churn-$_k-once-rss "$TMP/c.once.grow" once asis
		churn_put "$_pin" churn-$_k-once-odd "$TMP/c.once.odd" once asis
		churn_put "$_pin" strace-churn-$_k "$TMP/c.strace.$_all" strace "$_ua"
		churn_put "$_pin" strace-churn-$_k-first "$TMP/c.strace.first" strace "$_uf"
		churn_put "$_pin" strace-churn-$_k-last "$TMP/c.strace.last" strace "$_ul"
	done
}

if [ "$CHURN" = 1 ]; then
	TC0=$(date +%s)
	churn procs "$NCP"
	churn threads "$NCT"
	log "bench: short-lived processes and threads: $(($(date +%s) - TC0)) s"
fi

# ---------------------------------------------------------------- snapshots
if [ "$SNAP" = 1 ]; then
case $NS in
*[!0-9]* | "" | 0 | ?) echo "bench: BENCH_SNAP_N must be an integer >= 10" >&2; exit 1 ;;
esac
snap_rows() { # SUFFIX MB N WHAT
	_s=$1; _mb=$2; _n=$3; _w=$4
	reset_row; ID=snare-snap$_s; WHAT="snare: snapshot restore + write input + run to a breakpoint, per input$_w"; LABEL=iter
	measure "$B/snare_snap" restore "$_n" "$_mb" -- "$B/tr_fuzz"
	reset_row; ID=snare-snap-restore$_s; WHAT="snare: of which snare_snapshot_restore()$_w"; REF=snare-snap$_s; LABEL=restore
	measure "$B/snare_snap" restore "$_n" "$_mb" -- "$B/tr_fuzz"
	reset_row; ID=fork-server$_s; WHAT="fork server: the target forks at the snapshot point, the child runs the input, per input$_w; x ref = fork server / snare"; REF=snare-snap$_s; LABEL=iter
	measure "$B/snare_snap" forkserver "$_n" "$_mb" -- "$B/tr_fuzz"
	reset_row; ID=fork-exec$_s; WHAT="fork+exec of the target per input$_w; x ref = fork+exec / snare"; REF=snare-snap$_s; LABEL=iter
	measure "$B/snare_snap" forkexec "$_n" "$_mb" -- "$B/tr_fuzz"
}
snap_rows "" 0 "$NS" ""
snap_rows -64m 64 $((NS / 10)) " (64 MiB heap)"
fi

# ---------------------------------------------------------------- table
for f in "$TMP"/v.*; do
	[ -s "$f" ] && stats "$f" >"$TMP/s.${f##*/v.}"
done

fmt_cell() { # ID PIN -> "median | min | max | xref"
	_id=$1; _pin=$2; _ref=$3
	if [ -e "$TMP/fail.$_id.$_pin" ] || [ ! -s "$TMP/s.$_id.$_pin" ]; then
		printf '%s | | | ' "$(cat "$TMP/fail.$_id.$_pin" 2>/dev/null || echo 'not measured')"
		return
	fi
	read -r _m _lo _hi <"$TMP/s.$_id.$_pin"
	_x=-
	if [ "$_ref" != - ] && [ -s "$TMP/s.$_ref.$_pin" ]; then
		read -r _rm _rlo _rhi <"$TMP/s.$_ref.$_pin"
		_x=$(awk -v a="$_m" -v b="$_rm" 'BEGIN { if (b <= 0) print "-"; else if (a / b < 0.1) printf "%.2g", a / b; else printf "%.2f", a / b }')
	fi
	awk -v m="$_m" -v lo="$_lo" -v hi="$_hi" -v x="$_x" \
		'BEGIN { f = (m < 10) ? "%.3f" : ((m < 1000) ? "%.1f" : "%.0f")
		         printf f " | " f " | " f " | %s", m, lo, hi, x }'
}

verdict() { # ID REF TARGET -> ok / MISS / -
	_id=$1; _ref=$2; _t=$3
	[ "$_t" = - ] && { echo -; return; }
	[ -s "$TMP/s.$_id.pinned" ] || { echo "n/a"; return; }
	read -r _m _lo _hi <"$TMP/s.$_id.pinned"
	case $_t in
	abs*)
		awk -v m="$_m" -v t="${_t#abs<=}" 'BEGIN { print (m <= t) ? "ok" : "MISS" }' ;;
	*)
		[ -s "$TMP/s.$_ref.pinned" ] || { echo "n/a"; return; }
		read -r _rm _rlo _rhi <"$TMP/s.$_ref.pinned"
		awk -v a="$_m" -v b="$_rm" -v t="$_t" 'BEGIN {
			x = a / b; v = substr(t, 3) + 0
			if (substr(t, 1, 2) == "<=") print (x <= v) ? "ok" : "MISS"
			else print (x >= v) ? "ok" : "MISS" }' ;;
	esac
}

T1=$(date +%s)
{
	echo "| id | what | unit | ref | pinned median | min | max | x ref | unpinned median | min | max | x ref | target (pinned) | |"
	echo "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
	TAB=$(printf '\t')
	while IFS="$TAB" read -r id what ref target unit; do
		printf '| %s | %s | %s | %s | %s | ' "$id" "$what" "$unit" "$ref" "$(fmt_cell "$id" pinned "$ref")"
		if [ -n "${PINS#pinned}" ]; then
			printf '%s | ' "$(fmt_cell "$id" unpinned "$ref")"
		else
			printf 'not run | | | | '
		fi
		printf '%s | %s |\n' "$target" "$(verdict "$id" "$ref" "$target")"
	done <"$ROWS"
} >"$TMP/table"

{
	echo "# snare benchmark results"
	echo
	echo "Generated by \`make bench\` (bench/run.sh); method and targets: docs/benchmarks.md."
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- kernel: $(uname -r) ($(uname -m))"
	echo "- CPUs: $(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "- peers: $(gdb --version 2>/dev/null | head -1), $(strace -V 2>/dev/null | head -1)"
	echo "- runs per figure: $REPS per placement; events per run: $N (raw, snare, strace), $NG (gdb), $NU (un-hooked getppid rows);"
	echo "  scaled down from the issue's 200 000 to fit the 5-minute budget on this machine: the per-event"
	echo "  cost is (traced - untraced loop time) / events, timed inside the tracee, so it does not depend on"
	echo "  the count."
	echo "- per event in µs unless the unit says ms; \"x ref\" = median / the ref row's median in the same"
	echo "  placement and run; pinned = \`taskset -c 0\` on tracer and tracee, unpinned = left to the scheduler."
	if [ "$WATCH" = 1 ]; then
		echo "- watchpoint rows: $NW sparse writes and $RW rounds of $KW neighbour writes per snare run,"
		echo "  $NWG and $RWG for gdb (it single-steps the program while its watchpoint is set)."
	fi
	if [ "$SNAP" = 1 ]; then
		echo "- snapshot rows: $NS inputs per run ($((NS / 10)) with the 64 MiB heap), tracer-timed per input,"
		echo "  set-up excluded; the snare driver co-locates tracer and tracee (session option colocate)."
	fi
	if [ "$CHURN" = 1 ]; then
		echo "- short-lived rows: $NCP processes, $NCT threads per run, $CREPS runs per placement; per event ="
		echo "  one process or thread born and dead, (traced - untraced median) / events, timed in the tracee."
	fi
	echo "- total time: $((T1 - T0)) s"
	echo
	cat "$TMP/table"
} >"$OUT"
cat "$TMP/table"
echo
echo "bench: $((T1 - T0)) s; written to $OUT"
