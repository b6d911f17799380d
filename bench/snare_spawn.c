/* SPDX-License-Identifier: MIT */
/*
 * snare_spawn ITERS -- PROG ARGS: time snare_spawn(SNARE_SPAWN_STOP_ENTRY)
 * in the tracer, from the call to the process stopped at its entry point
 * (killing it is not timed). Prints "@ spawn <ns> ITERS".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <snare.h>

#include "bench.h"

int
main(int argc, char **argv)
{
	long iters;
	snare_session *s;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	uint64_t total = 0;
	int r;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: snare_spawn ITERS -- PROG ARGS\n");
		return 2;
	}
	iters = atol(argv[1]);
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	if ((r = snare_session_new(&s, NULL)) < 0)
		return 1;
	for (long i = 0; i < iters; i++) {
		snare_proc *p;
		snare_event ev;
		uint64_t t0 = bench_now_ns();

		r = snare_spawn(&p, s, argv[3], argv + 3, &so);
		uint64_t t1 = bench_now_ns();
		if (r < 0) {
			fprintf(stderr, "snare_spawn: %s (%s)\n", snare_strerror(r),
				snare_errmsg(s));
			return 1;
		}
		total += t1 - t0;
		snare_proc_kill(p);
		snare_run(&ev, s, SNARE_RUN_NOWAIT);
	}
	printf("@ spawn %llu %ld\n", (unsigned long long)total, iters);
	snare_session_free(s);
	return 0;
}
