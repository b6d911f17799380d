/* SPDX-License-Identifier: MIT */
/*
 * tr_churn procs N: a chain of N short-lived processes. The first process
 * makes itself a child subreaper and forks the chain's first link; every
 * link forks the next one and exits at once, so each new process is the
 * child of a dead one (it is reparented to the first process, which reaps
 * them all and exits when none is left). Nothing else happens in a link:
 * per link a tracer sees one fork and one exit.
 *
 * tr_churn threads N: N threads created one after another by the main
 * thread, each returning at once and joined before the next is created.
 *
 * Prints, timed in the tracee (bench.h; CLOCK_MONOTONIC is system-wide, so
 * links of the chain time each other):
 *   "@ first <ns> N/10"  the first tenth (links/threads 1 .. N/10)
 *   "@ last <ns> N/10"   the last tenth (links/threads 9N/10+1 .. N)
 *   "@ procs <ns> N" / "@ threads <ns> N"  all of it
 * N must be a multiple of 10. Output goes through write(2) in one piece per
 * line (no stdio buffer to duplicate across fork).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static void
say(const char *label, uint64_t ns, long n)
{
	char line[96];
	int len = snprintf(line, sizeof(line), "@ %s %llu %ld\n", label,
			   (unsigned long long)ns, n);

	if (write(1, line, (size_t)len) != len)
		_exit(3);
}

/* Link `depth` of the chain (1 .. n); t0 and t9 come down through fork. */
static void
link_run(long depth, long n, uint64_t t0, uint64_t t9)
{
	for (;;) {
		uint64_t now = bench_now_ns();

		if (depth == n / 10)
			say("first", now - t0, n / 10);
		if (depth == n - n / 10)
			t9 = now;
		if (depth == n) {
			say("last", now - t9, n / 10);
			say("procs", now - t0, n);
			_exit(0);
		}
		pid_t c = fork();
		if (c < 0) {
			perror("tr_churn: fork");
			_exit(1);
		}
		if (c > 0)
			_exit(0); /* the child is the next link */
		depth++;
	}
}

static int
procs(long n)
{
	int status, bad = 0;
	pid_t c;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("tr_churn: PR_SET_CHILD_SUBREAPER");
		return 1;
	}
	uint64_t t0 = bench_now_ns();
	c = fork();
	if (c < 0) {
		perror("tr_churn: fork");
		return 1;
	}
	if (c == 0)
		link_run(1, n, t0, 0);
	for (;;) {
		c = wait(&status);
		if (c < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: the chain is over */
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad = 1;
	}
	return bad;
}

static void *
nothing(void *arg)
{
	return arg;
}

static int
threads(long n)
{
	uint64_t t0 = bench_now_ns(), t9 = t0;

	for (long i = 1; i <= n; i++) {
		pthread_t th;

		if (pthread_create(&th, NULL, nothing, NULL) ||
		    pthread_join(th, NULL)) {
			fprintf(stderr, "tr_churn: thread %ld failed\n", i);
			return 1;
		}
		uint64_t now = bench_now_ns();
		if (i == n / 10)
			say("first", now - t0, n / 10);
		if (i == n - n / 10)
			t9 = now;
	}
	uint64_t t1 = bench_now_ns();
	say("last", t1 - t9, n / 10);
	say("threads", t1 - t0, n);
	return 0;
}

int
main(int argc, char **argv)
{
	long n = argc == 3 ? atol(argv[2]) : 0;

	if (n < 10 || n % 10) {
		fprintf(stderr, "usage: tr_churn procs|threads N (N a multiple of 10)\n");
		return 2;
	}
	if (!strcmp(argv[1], "procs"))
		return procs(n);
	if (!strcmp(argv[1], "threads"))
		return threads(n);
	fprintf(stderr, "tr_churn: unknown mode %s\n", argv[1]);
	return 2;
}
