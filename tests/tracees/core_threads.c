/* SPDX-License-Identifier: MIT */
/*
 * core_threads: three threads, each blocked in a function of its own
 * (block_alpha, block_beta, block_gamma) reading a pipe, while the main
 * thread calls checkpoint() (where the tests break). checkpoint() then
 * releases the threads; each adds its share, and the program prints
 * "alpha 1\nbeta 20\ngamma 300\ntotal 321\n" and exits 0. With an argument
 * it calls checkpoint() that many times (for hand-off tests).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_barrier_t ready;
static int pipes[3][2];
static long shares[3];
static volatile long marker = 0x5eed;

static long __attribute__((noinline))
read_one(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		exit(3);
	return c;
}

static void *__attribute__((noinline))
block_alpha(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&ready);
	shares[0] = read_one(pipes[0][0]) * 1;
	return NULL;
}

static void *__attribute__((noinline))
block_beta(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&ready);
	shares[1] = read_one(pipes[1][0]) * 20;
	return NULL;
}

static void *__attribute__((noinline))
block_gamma(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&ready);
	shares[2] = read_one(pipes[2][0]) * 300;
	return NULL;
}

/* The tests' breakpoint: every thread is in its block_* function. */
void __attribute__((noinline))
checkpoint(long round)
{
	__asm__ volatile("" : : "r"(round) : "memory");
	marker += round;
}

int
main(int argc, char **argv)
{
	void *(*fns[3])(void *) = { block_alpha, block_beta, block_gamma };
	static const char *names[3] = { "alpha", "beta", "gamma" };
	pthread_t th[3];
	long rounds = argc > 1 ? atol(argv[1]) : 1, r;
	int i;

	pthread_barrier_init(&ready, NULL, 4);
	for (i = 0; i < 3; i++) {
		if (pipe(pipes[i]) < 0 ||
		    pthread_create(&th[i], NULL, fns[i], NULL) != 0)
			return 2;
	}
	pthread_barrier_wait(&ready);
	for (r = 1; r <= rounds; r++)
		checkpoint(r);
	for (i = 0; i < 3; i++)
		if (write(pipes[i][1], "\1", 1) != 1)
			return 2;
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 3; i++)
		printf("%s %ld\n", names[i], shares[i]);
	printf("total %ld marker %ld\n", shares[0] + shares[1] + shares[2],
	       marker);
	return 0;
}
