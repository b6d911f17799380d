/* SPDX-License-Identifier: MIT */
/*
 * snap_fuzz: a target for snapshot tests, shaped like a fuzzing harness.
 * main() sets up some state (a heap block, two mmap regions with a
 * pattern), calls snap_here() (the test snapshots there), runs one input
 * from the global `input` through process(), and calls done_here(v) with
 * a checksum the run computed (the test stops there and restores).
 * With "threads" as argv[1], two workers spin on counters of their own
 * from before snap_here() on, main calls mid_here() after a while and
 * starts a third worker before done_here().
 *
 * input[0] picks what process() does besides counting and hashing:
 *   0  nothing more
 *   1  grows the heap with sbrk and leaks a malloc'd block
 *   2  maps a new region and keeps it, and a big malloc (its own mmap)
 *   3  unmaps the `pre` region, makes `pre2` read-only, frees the heap
 *      block and shrinks the heap back with sbrk
 *   4  crashes (a write through a null pointer: SIGSEGV)
 * Without a restore it returns from main (exit 0).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

char input[64];
volatile long counter;
volatile long spins[3];
volatile int stop_workers;
char *pre, *pre2, *block;
void *kept[64];
int nkept;
double acc = 1.0;

__attribute__((noinline)) void
snap_here(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void
mid_here(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void
done_here(long v, double d)
{
	__asm__ volatile("" :: "r"(v), "x"(d) : "memory");
}

static long
sum(const char *p, size_t n)
{
	long s = 0;
	size_t i;

	for (i = 0; i < n; i += 512)
		s = s * 31 + p[i];
	return s;
}

__attribute__((noinline)) long
process(void)
{
	long v;
	char *p;

	counter++;
	acc = acc * 1.5 + (double)input[1];
	p = malloc(200 + (size_t)input[1] * 10);
	memset(p, input[1] ? input[1] : 'x', 200);
	kept[nkept++ % 64] = p;
	switch (input[0]) {
	case 1:
		sbrk(300000);
		kept[nkept++ % 64] = malloc(5000);
		break;
	case 2: {
		char *m = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m != MAP_FAILED)
			memset(m, 7, 1 << 16);
		kept[nkept++ % 64] = malloc(1 << 20);
		break;
	}
	case 3:
		munmap(pre, 1 << 16);
		mprotect(pre2, 4096, PROT_READ);
		free(block);
		sbrk(-4096);
		break;
	case 4:
		*(volatile int *)(uintptr_t)input[2] = 1;
		break;
	}
	v = counter * 1000 + sum(pre2, 4096) + (long)nkept;
	if (input[0] != 3)
		v += sum(pre, 1 << 16);
	return v;
}

static void *
worker(void *arg)
{
	long i = (long)arg;

	while (!stop_workers)
		spins[i]++;
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t th[3];
	int threads = argc > 1 && !strcmp(argv[1], "threads");
	long v;

	block = malloc(4000);
	memset(block, 'b', 4000);
	pre = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pre2 = mmap(NULL, 4096 * 3, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pre == MAP_FAILED || pre2 == MAP_FAILED)
		return 3;
	memset(pre, 'p', 1 << 16);
	memset(pre2, 'q', 4096 * 3);
	if (threads) {
		pthread_create(&th[0], NULL, worker, (void *)0);
		pthread_create(&th[1], NULL, worker, (void *)1);
		while (!spins[0] || !spins[1])
			;
	}
	snap_here();
	if (threads) {
		long s0 = spins[0], s1 = spins[1];

		while (spins[0] < s0 + 1000 || spins[1] < s1 + 1000)
			;
		mid_here();
		pthread_create(&th[2], NULL, worker, (void *)2);
		while (!spins[2])
			;
	}
	v = process();
	done_here(v, acc);
	if (threads) {
		stop_workers = 1;
		pthread_join(th[0], NULL);
		pthread_join(th[1], NULL);
		pthread_join(th[2], NULL);
	}
	return 0;
}
