/* SPDX-License-Identifier: MIT */
/*
 * tr_watch sparse N | hot N K: the watchpoint workloads. The watched 8-byte
 * global is the first word of a page of its own at BENCH_WATCH_ADDR; the
 * hot-neighbour variable is in the middle of the same page.
 *
 *   sparse N   N stores into the watched global (the values 1 .. N, in
 *              order), each after about 300 instructions of unrelated work
 *              on registers (100 rounds of imul, dec, jnz): the cost per
 *              reported write. Prints "@ sparse <ns> N" for the whole loop.
 *   hot N K    N rounds of K stores into the neighbour (a 3-instruction
 *              loop: mov, dec, jnz) followed by one store into the watched
 *              global (the values 1 .. N): accesses to the watched page
 *              that must be re-executed without a report. Only the
 *              neighbour stores are timed (the clock is read around each
 *              round): prints "@ hot <ns> N*K".
 *
 * The tracers expect exactly N reports, the k-th with the value k. The
 * noinline functions watch_begin() and watch_end() are called right before
 * and after the timed loop, for tracers that set the watch late or lift it
 * early (gdb, which single-steps everything while a software watchpoint is
 * set).
 *
 * Unlike the other tracees, tr_watch reads the clock with the
 * clock_gettime syscall, not through the vDSO: single-stepped (gdb), the
 * vDSO's read retries its seqlock loop for as long as a pass takes longer
 * than the clock's update interval, which at gdb's speed is minutes. The
 * syscall is one instruction to step; for snare, which stops at every
 * syscall entry and exit while a page-protection watch is set, it is two
 * stops per clock read, two reads per loop (sparse) or per round (hot).
 * Both are in the untraced time too and are subtracted.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

struct watch_page {
	uint64_t watched;
	char pad1[BENCH_WATCH_NEIGHBOUR_ADDR - BENCH_WATCH_ADDR - 8];
	uint64_t neighbour;
	char pad2[4096 - (BENCH_WATCH_NEIGHBOUR_ADDR - BENCH_WATCH_ADDR) - 8];
};

/* At BENCH_WATCH_ADDR (see CMakeLists.txt), a whole page. */
struct watch_page watch_page
	__attribute__((section(".watchdata"), aligned(4096)));

void watch_begin(void);
void watch_end(void);

__attribute__((noinline)) void
watch_begin(void)
{
	__asm__ volatile("");
}

__attribute__((noinline)) void
watch_end(void)
{
	__asm__ volatile("");
}

/* CLOCK_MONOTONIC by the syscall (see above). */
static uint64_t
clock_syscall_ns(void)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* About 300 instructions that touch no memory. */
static inline uint64_t
unrelated_work(uint64_t x)
{
	uint64_t n = 100;

	__asm__ volatile("1:\n\t"
			 "imul $0x5bd1e995, %0, %0\n\t"
			 "dec %1\n\t"
			 "jnz 1b"
			 : "+r"(x), "+r"(n)
			 :
			 : "cc");
	return x;
}

/* k (> 0) stores into the neighbour, 3 instructions each. */
static inline void
neighbour_stores(uint64_t k)
{
	__asm__ volatile("1:\n\t"
			 "movq %1, %0\n\t"
			 "dec %1\n\t"
			 "jnz 1b"
			 : "=m"(watch_page.neighbour), "+r"(k)
			 :
			 : "cc", "memory");
}

static void
store_watched(uint64_t v)
{
	*(volatile uint64_t *)&watch_page.watched = v;
}

int
main(int argc, char **argv)
{
	uint64_t t0, t1, ns = 0, x = 1;
	long n, k = 0, i;

	if (argc < 3 || (strcmp(argv[1], "sparse") && strcmp(argv[1], "hot")) ||
	    (!strcmp(argv[1], "hot") && argc < 4)) {
		fprintf(stderr, "usage: tr_watch sparse N | hot N K\n");
		return 2;
	}
	n = atol(argv[2]);
	if (argc > 3)
		k = atol(argv[3]);
	if (n < 1 || (argv[1][0] == 'h' && k < 1))
		return 2;
	if ((uintptr_t)&watch_page != BENCH_WATCH_ADDR ||
	    (uintptr_t)&watch_page.neighbour != BENCH_WATCH_NEIGHBOUR_ADDR) {
		fprintf(stderr, "tr_watch: watch_page at %p, not %#lx\n",
			(void *)&watch_page, BENCH_WATCH_ADDR);
		return 1;
	}
	watch_begin();
	if (argv[1][0] == 's') {
		t0 = clock_syscall_ns();
		for (i = 1; i <= n; i++) {
			x = unrelated_work(x);
			store_watched((uint64_t)i);
		}
		t1 = clock_syscall_ns();
		ns = t1 - t0;
	} else {
		for (i = 1; i <= n; i++) {
			t0 = clock_syscall_ns();
			neighbour_stores((uint64_t)k);
			t1 = clock_syscall_ns();
			ns += t1 - t0;
			store_watched((uint64_t)i);
		}
	}
	watch_end();
	if (watch_page.watched != (uint64_t)n)
		return 1;
	if (argv[1][0] == 's')
		printf("@ sparse %llu %ld\n", (unsigned long long)ns, n);
	else
		printf("@ hot %llu %ld\n", (unsigned long long)ns, n * k);
	/* x keeps the work honest; it is never 0 (odd times odd). */
	if (!x)
		printf("# x 0\n");
	fflush(stdout);
	return 0;
}
