/* SPDX-License-Identifier: MIT */
/*
 * snare_churn run|once N -- PROG ARGS: spawn PROG (tr_churn procs|threads N)
 * with follow_forks on and trace it to the end, watching the tracer's own
 * memory. An on_event observer counts the exits of the records the session
 * found itself (PROC_EXIT of a followed child, THREAD_EXIT of a thread that
 * is not a leader: N of them for tr_churn) and reads VmRSS from
 * /proc/self/status when the count reaches N/10, N/2 and N.
 *
 * "run": one snare_run(SNARE_RUN_DEFAULT) to the end, nothing returned
 * before ALL_EXITED (the README's loop with no callback asking to stop).
 * "once": snare_run(SNARE_RUN_ONCE) in a loop, every event returned to the
 * caller (a tracer that looks at each event).
 *
 * It also reads the tracer thread's CPU time (CLOCK_THREAD_CPUTIME_ID: user +
 * system, what the tracer spends per event whatever else the machine runs)
 * when snare_run starts and at N/10, 9N/10 and N exits.
 *
 * Prints on stderr:
 *   "@ cpufirst NS N/10"  tracer CPU time over the first tenth of the exits
 *   "@ cpulast NS N/10"   the same over the last tenth
 *   "@ cpuall NS N"       the same over all N
 *   "# cpu_tenths T0 .. T9"  tracer CPU µs per event in each tenth (a trend
 *                      shows here first)
 *   "# exits X"        exits counted (N expected)
 *   "# new X"          PROC_NEW + THREAD_NEW of non-leaders (N expected)
 *   "# unannounced X"  of the exits, those whose record had no NEW event
 *                      before (0 expected)
 *   "# odd X"          unannounced + |new - exits|: events out of order or
 *                      records that never exit (0 expected)
 * and, in kB:
 *   "# rss0 K"         VmRSS after the spawn, before running
 *   "# rss10 K", "# rss50 K", "# rss100 K"  VmRSS at N/10, N/2, N exits
 *   "# rssend K"       VmRSS once snare_run reported ALL_EXITED
 *   "# grow K"         rss100 - rss10
 *   "# hwm K"          VmHWM (peak) at the end, before snare_session_free
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <snare.h>

#include "bench.h"

struct churn {
	long n, exits, news, unannounced;
	long rss10, rss50, rss100;
	uint64_t cpu0, cpu10, cpu90, cpu100;
	uint64_t tenth[11]; /* CPU time at k N/10 exits */
};

static uint64_t
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* VmRSS or VmHWM of this process in kB, -1 if unreadable. */
static long
status_kb(const char *key)
{
	char line[256];
	size_t kl = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			v = atol(line + kl + 1);
			break;
		}
	fclose(f);
	return v;
}

static int
on_event(snare_session *s, const snare_event *ev, void *user)
{
	struct churn *c = user;

	(void)s;
	/* Mark each record announced by a NEW event; an exit checks it. */
	if (ev->kind == SNARE_EV_PROC_NEW) {
		c->news++;
		snare_proc_set_user(ev->proc, c);
	}
	if (ev->kind == SNARE_EV_THREAD_NEW && ev->tid != ev->pid) {
		c->news++;
		snare_thread_set_user(ev->thread, c);
	}
	if (ev->kind == SNARE_EV_PROC_EXIT && snare_proc_parent(ev->proc) &&
	    snare_proc_user(ev->proc) != c)
		c->unannounced++;
	if (ev->kind == SNARE_EV_THREAD_EXIT && ev->tid != ev->pid &&
	    snare_thread_user(ev->thread) != c)
		c->unannounced++;
	if ((ev->kind == SNARE_EV_PROC_EXIT && snare_proc_parent(ev->proc)) ||
	    (ev->kind == SNARE_EV_THREAD_EXIT && ev->tid != ev->pid)) {
		c->exits++;
		if (c->n >= 10 && c->exits % (c->n / 10) == 0 && c->exits <= c->n)
			c->tenth[c->exits / (c->n / 10)] = cpu_ns();
		if (c->exits == c->n / 10) {
			c->cpu10 = cpu_ns();
			c->rss10 = status_kb("VmRSS");
		}
		if (c->exits == c->n - c->n / 10)
			c->cpu90 = cpu_ns();
		if (c->exits == c->n / 2)
			c->rss50 = status_kb("VmRSS");
		if (c->exits == c->n) {
			c->cpu100 = cpu_ns();
			c->rss100 = status_kb("VmRSS");
		}
	}
	return SNARE_CONTINUE;
}

int
main(int argc, char **argv)
{
	snare_session_opts o = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	struct churn c = { 0 };
	snare_session *s;
	snare_proc *p;
	snare_event ev;
	long rss0;
	int once, r;

	if (argc < 5 || strcmp(argv[3], "--") ||
	    (strcmp(argv[1], "run") && strcmp(argv[1], "once"))) {
		fprintf(stderr, "usage: snare_churn run|once N -- PROG ARGS\n");
		return 2;
	}
	once = !strcmp(argv[1], "once");
	c.n = atol(argv[2]);
	o.follow_forks = 1;
	o.on_event = on_event;
	o.event_user = &c;
	if ((r = snare_session_new(&s, &o)) < 0 ||
	    (r = snare_spawn(&p, s, argv[4], argv + 4, &so)) < 0) {
		fprintf(stderr, "snare_churn: %s\n", snare_strerror(r));
		return 1;
	}
	rss0 = status_kb("VmRSS");
	c.cpu0 = cpu_ns();
	c.tenth[0] = c.cpu0;
	if (!once) {
		if (bench_run_to_end(s, "snare_churn"))
			return 1;
	} else {
		do {
			r = snare_run(&ev, s, SNARE_RUN_ONCE);
		} while (r == 0 && ev.kind != SNARE_EV_ALL_EXITED);
		if (r < 0) {
			fprintf(stderr, "snare_churn: run: %s\n", snare_strerror(r));
			return 1;
		}
	}
	fprintf(stderr, "@ cpufirst %llu %ld\n@ cpulast %llu %ld\n@ cpuall %llu %ld\n",
		(unsigned long long)(c.cpu10 - c.cpu0), c.n / 10,
		(unsigned long long)(c.cpu100 - c.cpu90), c.n / 10,
		(unsigned long long)(c.cpu100 - c.cpu0), c.n);
	fprintf(stderr, "# cpu_tenths");
	for (int i = 0; i < 10; i++)
		fprintf(stderr, " %.1f", c.tenth[i + 1] > c.tenth[i]
				? (double)(c.tenth[i + 1] - c.tenth[i]) / 1000.0 / (double)(c.n / 10)
				: 0.0);
	fprintf(stderr, "\n");
	fprintf(stderr, "# new %ld\n# unannounced %ld\n# odd %ld\n", c.news,
		c.unannounced,
		c.unannounced + (c.news > c.exits ? c.news - c.exits : c.exits - c.news));
	fprintf(stderr, "# exits %ld\n# rss0 %ld\n# rss10 %ld\n# rss50 %ld\n"
		"# rss100 %ld\n# rssend %ld\n# grow %ld\n# hwm %ld\n",
		c.exits, rss0, c.rss10, c.rss50, c.rss100, status_kb("VmRSS"),
		c.rss100 - c.rss10, status_kb("VmHWM"));
	snare_session_free(s);
	return 0;
}
