/* SPDX-License-Identifier: MIT */
/*
 * snare_watch N -- PROG ARGS: spawn PROG (tr_watch) with libsnare, set a
 * write watchpoint by page protection (SNARE_WATCH_SOFTWARE) on the 8-byte
 * global at BENCH_WATCH_ADDR with a callback that counts, and run to the
 * end. An event observer checks every report: the k-th has the new value k
 * and the old value k - 1 (tr_watch stores 1 .. N in order). Prints
 * "# hits H" on stderr; exits 1 unless the callback ran exactly N times,
 * the breakpoint counted N hits and every value was right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <snare.h>

#include "bench.h"

struct watch_count {
	uint64_t hits;    /* callback runs */
	uint64_t reports; /* WATCHPOINT events seen by the observer */
	uint64_t bad;     /* reports with a wrong value */
};

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct watch_count *c = user;

	(void)t;
	(void)bp;
	c->hits++;
	return SNARE_CONTINUE;
}

static int
observe(snare_session *s, const snare_event *ev, void *user)
{
	struct watch_count *c = user;
	uint64_t old_v, new_v;

	(void)s;
	if (ev->kind != SNARE_EV_WATCHPOINT)
		return SNARE_CONTINUE;
	c->reports++;
	if (ev->value_len != 8 || !ev->old_value || !ev->new_value) {
		c->bad++;
		return SNARE_CONTINUE;
	}
	memcpy(&old_v, ev->old_value, 8);
	memcpy(&new_v, ev->new_value, 8);
	if (new_v != c->reports || old_v != c->reports - 1) {
		if (c->bad++ == 0)
			fprintf(stderr,
				"snare_watch: report %llu: old %llu new %llu\n",
				(unsigned long long)c->reports,
				(unsigned long long)old_v,
				(unsigned long long)new_v);
	}
	return SNARE_CONTINUE;
}

int
main(int argc, char **argv)
{
	struct watch_count c = { 0, 0, 0 };
	snare_session_opts sso = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	uint64_t n;
	int r;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: snare_watch N -- PROG ARGS\n");
		return 2;
	}
	n = strtoull(argv[1], NULL, 10);
	sso.on_event = observe;
	sso.event_user = &c;
	bo.kind = SNARE_WATCH_WRITE;
	bo.len = 8;
	bo.flags = SNARE_WATCH_SOFTWARE;
	bo.on_hit = on_hit;
	bo.user = &c;
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	if ((r = snare_session_new(&s, &sso)) < 0 ||
	    (r = snare_spawn(&p, s, argv[3], argv + 3, &so)) < 0) {
		fprintf(stderr, "snare_watch: %s\n", snare_strerror(r));
		return 1;
	}
	r = snare_bp_add(&bp, p, BENCH_WATCH_ADDR, &bo);
	if (r < 0) {
		fprintf(stderr, "snare_watch: bp_add: %s (%s)\n",
			snare_strerror(r), snare_errmsg(s));
		snare_session_free(s);
		return 1;
	}
	if (snare_bp_method(bp) != SNARE_METHOD_PAGE) {
		fprintf(stderr, "snare_watch: method %d, not page protection\n",
			snare_bp_method(bp));
		snare_session_free(s);
		return 1;
	}
	if (bench_run_to_end(s, "snare_watch"))
		return 1;
	fprintf(stderr, "# hits %llu\n", (unsigned long long)c.hits);
	r = 0;
	if (c.hits != n || c.reports != n || snare_bp_hits(bp) != n ||
	    c.bad) {
		fprintf(stderr,
			"snare_watch: expected %llu reports: callback %llu, "
			"events %llu, bp hits %llu, wrong values %llu\n",
			(unsigned long long)n, (unsigned long long)c.hits,
			(unsigned long long)c.reports,
			(unsigned long long)snare_bp_hits(bp),
			(unsigned long long)c.bad);
		r = 1;
	}
	snare_session_free(s);
	return r;
}
