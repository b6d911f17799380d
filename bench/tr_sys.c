/* SPDX-License-Identifier: MIT */
/*
 * tr_sys MODE N [M]: N raw getpid syscalls ("g"), getppid ("p"; M of them,
 * default N), or both loops one after the other ("gp"), each timed
 * separately.
 * Prints "@ getpid <ns> N" / "@ getppid <ns> N".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

static void
loop(const char *label, long nr, long n)
{
	uint64_t t0 = bench_now_ns();

	for (long i = 0; i < n; i++)
		syscall(nr);
	uint64_t t1 = bench_now_ns();
	printf("@ %s %llu %ld\n", label, (unsigned long long)(t1 - t0), n);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: tr_sys g|p|gp N [M]\n");
		return 2;
	}
	long n = atol(argv[2]);
	long m = argc > 3 ? atol(argv[3]) : n;

	if (strchr(argv[1], 'g'))
		loop("getpid", SYS_getpid, n);
	if (strchr(argv[1], 'p'))
		loop("getppid", SYS_getppid, m);
	return 0;
}
