/* SPDX-License-Identifier: MIT */
/*
 * tr_bp N [T]: call bp_target() N times in total, from T threads (default
 * 1; each calls it N/T times). Prints "@ bp <ns> N" (wall time from before
 * the threads start to after they are joined).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

/* At BENCH_BP_ADDR (see CMakeLists.txt): nopl 0(%rax); ret. */
__asm__(".section .bptext,\"ax\",@progbits\n"
	".globl bp_target\n"
	".type bp_target,@function\n"
	"bp_target:\n"
	"\t.byte 0x0f, 0x1f, 0x40, 0x00\n"
	"\tret\n"
	".size bp_target, .-bp_target\n"
	".previous\n");
void bp_target(void);

static void (*volatile target)(void) = bp_target;
static long per_thread;

static void *
worker(void *arg)
{
	(void)arg;
	for (long i = 0; i < per_thread; i++)
		target();
	return NULL;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: tr_bp N [THREADS]\n");
		return 2;
	}
	long n = atol(argv[1]);
	int nt = argc > 2 ? atoi(argv[2]) : 1;
	pthread_t th[64];

	if (nt < 1 || nt > 64)
		return 2;
	if ((uintptr_t)bp_target != BENCH_BP_ADDR) {
		fprintf(stderr, "tr_bp: bp_target at %p, not %#lx\n",
			(void *)bp_target, BENCH_BP_ADDR);
		return 1;
	}
	per_thread = n / nt;
	uint64_t t0 = bench_now_ns();
	if (nt == 1) {
		worker(NULL);
	} else {
		for (int i = 0; i < nt; i++)
			if (pthread_create(&th[i], NULL, worker, NULL))
				return 1;
		for (int i = 0; i < nt; i++)
			pthread_join(th[i], NULL);
	}
	uint64_t t1 = bench_now_ns();
	printf("@ bp %llu %ld\n", (unsigned long long)(t1 - t0), per_thread * nt);
	fflush(stdout);
	return 0;
}
