/* SPDX-License-Identifier: MIT */
/*
 * workers4: four worker threads compute a deterministic value each; main
 * prints "ready" once all four have, waits for a line on stdin (or EOF),
 * tells them to finish and prints "result N" (the sum) and exits 0. With
 * argv[1] == "spin" the workers keep computing (running, not blocked) until
 * told to finish; otherwise they wait on a condition variable.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define NWORKERS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static atomic_int finish;
static int spin;
static unsigned long long results[NWORKERS];

static unsigned long long
work(unsigned long long id)
{
	unsigned long long acc = id;
	unsigned long long i;

	for (i = 0; i < 100000; i++)
		acc = acc * 6364136223846793005ULL + 1442695040888963407ULL + i;
	return acc >> 16;
}

static void *
worker(void *arg)
{
	long id = (long)arg;
	volatile unsigned long long sink;

	results[id] = work(id);
	pthread_mutex_lock(&lock);
	ready++;
	pthread_cond_broadcast(&cond);
	if (!spin)
		while (!atomic_load(&finish))
			pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	while (spin && !atomic_load(&finish))
		sink = work(id);
	(void)sink;
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t[NWORKERS];
	unsigned long long sum = 0;
	char line[64];
	long i;

	spin = argc > 1 && strcmp(argv[1], "spin") == 0;
	for (i = 0; i < NWORKERS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
			return 3;
	pthread_mutex_lock(&lock);
	while (ready < NWORKERS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = 0;
	pthread_mutex_lock(&lock);
	atomic_store(&finish, 1);
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < NWORKERS; i++) {
		pthread_join(t[i], NULL);
		sum += results[i];
	}
	printf("result %llu\n", sum);
	return 0;
}
