/* SPDX-License-Identifier: MIT */
/*
 * snare_mem ITERS: attach libsnare to a stopped child holding a 1 MiB
 * buffer (at the same address as in this process: it is a fork) and time
 * snare_mem_read of 8 B, 4 KiB and 1 MiB in the tracer. Prints
 * "@ mem8|mem4k|mem1m <ns> <reads>".
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <snare.h>

#include "bench.h"

int
main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 10000;
	size_t big = 1 << 20;
	char *buf = malloc(big), *dst = malloc(big);
	snare_session *s;
	snare_proc *p;
	int r;

	if (!buf || !dst)
		return 1;
	memset(buf, 0x5a, big);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	if ((r = snare_session_new(&s, NULL)) < 0 ||
	    (r = snare_attach(&p, s, pid)) < 0) {
		fprintf(stderr, "snare_mem: %s\n", snare_strerror(r));
		kill(pid, SIGKILL);
		return 1;
	}
	static const struct { const char *label; size_t len; } k[] = {
		{ "mem8", 8 }, { "mem4k", 4096 }, { "mem1m", 1 << 20 },
	};
	for (size_t j = 0; j < sizeof k / sizeof k[0]; j++) {
		long n = k[j].len >= big ? iters / 50 + 1 : iters;
		uint64_t t0 = bench_now_ns();
		for (long i = 0; i < n; i++)
			if ((r = snare_mem_read(dst, p, (uint64_t)(uintptr_t)buf, k[j].len)) < 0) {
				fprintf(stderr, "snare_mem_read: %s\n", snare_strerror(r));
				return 1;
			}
		uint64_t t1 = bench_now_ns();
		if (memcmp(dst, buf, k[j].len))
			return 1;
		printf("@ %s %llu %ld\n", k[j].label, (unsigned long long)(t1 - t0), n);
	}
	snare_proc_kill(p);
	snare_session_free(s);
	return 0;
}
