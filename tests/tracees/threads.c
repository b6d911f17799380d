/* SPDX-License-Identifier: MIT */
/*
 * threads: creates argv[1] threads that each bump a counter and exit, then
 * prints "threads N ran M". argv[2] picks the pattern:
 *   seq      one thread at a time (create, join);
 *   burst    create all, then join all (lifetimes overlap at random);
 *   together all threads alive at once (a barrier), then all exit;
 *   hold     all threads alive at once, then "ready N" on stdout and every
 *            thread blocks until stdin reaches EOF (for kill tests).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int ran;
static pthread_barrier_t barrier;
static int mode_barrier;
static int mode_hold;

static void *
thread_main(void *arg)
{
	char c;

	(void)arg;
	atomic_fetch_add(&ran, 1);
	if (mode_barrier)
		pthread_barrier_wait(&barrier);
	if (mode_hold) {
		/* Block until the test closes stdin (or kills us). */
		while (read(0, &c, 1) > 0)
			;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10;
	const char *mode = argc > 2 ? argv[2] : "seq";
	pthread_t *tids = calloc(n, sizeof(*tids));
	pthread_attr_t attr;
	int i;

	if (!tids)
		return 2;
	mode_hold = strcmp(mode, "hold") == 0;
	mode_barrier = mode_hold || strcmp(mode, "together") == 0;
	if (mode_barrier)
		pthread_barrier_init(&barrier, NULL, n + 1);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++) {
		if (pthread_create(&tids[i], &attr, thread_main, NULL) != 0) {
			fprintf(stderr, "threads: pthread_create %d failed\n", i);
			return 3;
		}
		if (strcmp(mode, "seq") == 0)
			pthread_join(tids[i], NULL);
	}
	if (mode_barrier)
		pthread_barrier_wait(&barrier);
	if (mode_hold) {
		printf("ready %d\n", n);
		fflush(stdout);
	}
	if (strcmp(mode, "seq") != 0)
		for (i = 0; i < n; i++)
			pthread_join(tids[i], NULL);
	printf("threads %d ran %d\n", n, atomic_load(&ran));
	free(tids);
	return 0;
}
