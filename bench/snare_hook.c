/* SPDX-License-Identifier: MIT */
/*
 * snare_hook enter|enterexit seccomp|noseccomp SYSCALL -- PROG ARGS: spawn
 * PROG with libsnare and hook SYSCALL with an empty on_enter (and an empty
 * on_exit for "enterexit"); with "seccomp" the spawn installs the seccomp
 * fast path for that syscall only. Prints "# hits N" on stderr.
 */
#include <stdio.h>
#include <string.h>

#include <snare.h>

#include "bench.h"

static int
empty(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(void)user;
	return SNARE_CONTINUE;
}

int
main(int argc, char **argv)
{
	snare_session *s;
	snare_proc *p;
	snare_hook *h;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	int r, nr;

	if (argc < 6 || strcmp(argv[4], "--")) {
		fprintf(stderr, "usage: snare_hook enter|enterexit seccomp|noseccomp "
				"SYSCALL -- PROG ARGS\n");
		return 2;
	}
	nr = (int)snare_syscall_nr(argv[3]);
	if (nr < 0) {
		fprintf(stderr, "snare_hook: unknown syscall %s\n", argv[3]);
		return 2;
	}
	ho.on_enter = empty;
	if (!strcmp(argv[1], "enterexit"))
		ho.on_exit = empty;
	if (!strcmp(argv[2], "seccomp")) {
		so.seccomp_nrs = &nr;
		so.n_seccomp_nrs = 1;
	}
	if ((r = snare_session_new(&s, NULL)) < 0 ||
	    (r = snare_hook_syscall(&h, s, nr, &ho)) < 0 ||
	    (r = snare_spawn(&p, s, argv[5], argv + 5, &so)) < 0) {
		fprintf(stderr, "snare_hook: %s\n", snare_strerror(r));
		return 1;
	}
	if (bench_run_to_end(s, "snare_hook"))
		return 1;
	fprintf(stderr, "# hits %llu\n", (unsigned long long)snare_hook_hits(h));
	snare_session_free(s);
	return 0;
}
