/* SPDX-License-Identifier: MIT */
/*
 * snare_bp [sw|hw] -- PROG ARGS: spawn PROG (tr_bp) with libsnare, put a
 * breakpoint with an empty C callback at BENCH_BP_ADDR and run to the end.
 * Prints "# hits N" on stderr. Exit 3 when the breakpoint kind is not
 * supported on this machine (-ENOTSUP: debug registers do not fire).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <snare.h>

#include "bench.h"

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(void)user;
	return SNARE_CONTINUE;
}

int
main(int argc, char **argv)
{
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	int r;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: snare_bp sw|hw -- PROG ARGS\n");
		return 2;
	}
	bo.kind = !strcmp(argv[1], "hw") ? SNARE_BP_HARDWARE : SNARE_BP_SOFTWARE;
	bo.on_hit = on_hit;
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	if ((r = snare_session_new(&s, NULL)) < 0 ||
	    (r = snare_spawn(&p, s, argv[3], argv + 3, &so)) < 0) {
		fprintf(stderr, "snare_bp: %s\n", snare_strerror(r));
		return 1;
	}
	r = snare_bp_add(&bp, p, BENCH_BP_ADDR, &bo);
	if (r < 0) {
		fprintf(stderr, "snare_bp: bp_add: %s (%s)\n", snare_strerror(r),
			snare_errmsg(s));
		snare_session_free(s);
		return r == -ENOTSUP ? 3 : 1;
	}
	if (bench_run_to_end(s, "snare_bp"))
		return 1;
	fprintf(stderr, "# hits %llu\n", (unsigned long long)snare_bp_hits(bp));
	snare_session_free(s);
	return 0;
}
