/* SPDX-License-Identifier: MIT */
/*
 * bench.h: shared by the benchmark tracees and tracers (not installed).
 *
 * The breakpoint target lives in its own section linked at a fixed address
 * (tr_bp is built -no-pie with --section-start), so every tracer knows where
 * to put the breakpoint without a symbol lookup (tr_watch's watched page
 * too: BENCH_WATCH_ADDR). The target's first instruction is
 * the 4-byte `nopl 0(%rax)` (0f 1f 40 00): the raw tracer emulates it by
 * moving rip past it (PEEKUSER rip + POKEUSER rip), the cheapest correct
 * one-stop scheme, and snare runs it out of line or emulates it.
 *
 * Tracees report "@ <label> <ns> <events>" lines on stdout, timed inside the
 * tracee with clock_gettime(CLOCK_MONOTONIC) (vDSO, no syscall), so process
 * start-up and tracer set-up are excluded.
 */
#ifndef SNARE_BENCH_H
#define SNARE_BENCH_H

#include <stdint.h>
#include <time.h>

#define BENCH_BP_ADDR 0x20000000UL
#define BENCH_BP_FIRST_INSN_LEN 4

/* tr_watch's page of watched data, also at a fixed address (built -no-pie
   with --section-start): the watched 8-byte global at its start, the
   variable its hot-neighbour loop writes in the middle of the same page,
   and nothing else on the page. */
#define BENCH_WATCH_ADDR 0x20100000UL
#define BENCH_WATCH_NEIGHBOUR_ADDR (BENCH_WATCH_ADDR + 2048)

static inline uint64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

#ifdef SNARE_H
#include <stdio.h>

/* The snare drivers: run the session until nothing is left; 0, or 1 with
   the error said on stderr as "WHO: run: ...". */
static inline int
bench_run_to_end(snare_session *s, const char *who)
{
	snare_event ev;
	int r;

	do {
		r = snare_run(&ev, s, SNARE_RUN_DEFAULT);
	} while (r == 0 && ev.kind != SNARE_EV_ALL_EXITED);
	if (r < 0) {
		fprintf(stderr, "%s: run: %s\n", who, snare_strerror(r));
		return 1;
	}
	return 0;
}
#endif

#endif
