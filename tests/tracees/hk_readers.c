/* SPDX-License-Identifier: MIT */
/*
 * hk_readers: 8 threads, each blocked in read(2) on its own pipe. Pipe i
 * has its read end at fd 100+i and its write end at fd 200+i (kept open, so
 * a tracer can write to /proc/PID/fd/200+i). Each thread prints
 * "thread I read N" once its read returns N, and the process exits 0 after
 * joining them all.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define NTHREADS 8

static void *
reader(void *arg)
{
	int i = (int)(long)arg;
	char buf[256];
	ssize_t n = read(100 + i, buf, sizeof(buf));

	printf("thread %d read %zd\n", i, n);
	return NULL;
}

int
main(void)
{
	pthread_t th[NTHREADS];
	int i, p[2];

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < NTHREADS; i++) {
		if (pipe(p) != 0 || dup2(p[0], 100 + i) < 0 ||
		    dup2(p[1], 200 + i) < 0)
			return 2;
		close(p[0]);
		close(p[1]);
	}
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, reader, (void *)(long)i) != 0)
			return 3;
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	return 0;
}
