/* SPDX-License-Identifier: MIT */
/*
 * bp_watch: accesses to one 8-byte global through assembly functions, so
 * the accessing instruction is known. At startup it prints a line
 * "addrs g_watched=0x... watch_store=0x... watch_load=0x... g_other=0x..."
 * and a line "ready", then waits for a line on stdin before the work of
 * argv[1]:
 *
 *   write T N   T threads each store into g_watched N times; prints
 *               "stores X" (X = T*N, counted by the tracee).
 *   rw N        main loads g_watched N times and stores it N times; prints
 *               "rw LOADS STORES SUM".
 *
 * It then waits for another line on stdin and exits 0.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracee.h"

long g_watched __attribute__((aligned(8)));
long g_other[4] __attribute__((aligned(8)));
static atomic_long stores;

extern void watch_store(long v);
extern long watch_load(void);

/* movq %rdi,g_watched(%rip) is 7 bytes; so is the load. */
__asm__(".text\n"
	".globl watch_store\n.type watch_store,@function\nwatch_store:\n\t"
	"movq %rdi,g_watched(%rip)\n\tret\n"
	".globl watch_load\n.type watch_load,@function\nwatch_load:\n\t"
	"movq g_watched(%rip),%rax\n\tret\n");

static long per_thread;

static void *
writer(void *arg)
{
	long i, id = (long)arg;

	for (i = 0; i < per_thread; i++) {
		watch_store(id * 1000000 + i);
		atomic_fetch_add(&stores, 1);
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "write";
	long a1 = argc > 2 ? atol(argv[2]) : 1;
	long a2 = argc > 3 ? atol(argv[3]) : 1;
	long i;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("addrs g_watched=%p watch_store=%p watch_load=%p g_other=%p\n"
	       "ready\n",
	       (void *)&g_watched, (void *)watch_store, (void *)watch_load,
	       (void *)g_other);
	wait_line();
	if (strcmp(mode, "write") == 0) {
		pthread_t th[8];

		per_thread = a2;
		if (a1 > 8)
			a1 = 8;
		for (i = 0; i < a1; i++)
			if (pthread_create(&th[i], NULL, writer, (void *)i))
				return 4;
		for (i = 0; i < a1; i++)
			pthread_join(th[i], NULL);
		printf("stores %ld\n", (long)atomic_load(&stores));
	} else if (strcmp(mode, "rw") == 0) {
		long loads = 0, sum = 0;

		for (i = 0; i < a1; i++) {
			sum += watch_load();
			loads++;
			watch_store(i);
			atomic_fetch_add(&stores, 1);
		}
		printf("rw %ld %ld %ld\n", loads, (long)atomic_load(&stores),
		       sum);
	} else {
		return 9;
	}
	wait_line();
	return 0;
}
