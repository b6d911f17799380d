/* SPDX-License-Identifier: MIT */
/*
 * snare_snap MODE N [BIGMB] -- TR_FUZZ: one fuzzing loop of N inputs over
 * bench/tr_fuzz, timed in this process (set-up excluded), three ways:
 *   restore     snare: spawn `tr_fuzz snap BIGMB`, snapshot at snap_here();
 *               per input: snare_snapshot_restore(), write the input,
 *               snare_run() to the breakpoint on done_here(). Prints
 *               "@ iter NS N" (the whole loop) and "@ restore NS N" (the
 *               restores alone), "# pages W" (pages written per restore)
 *               and "# incremental 0|1".
 *   forkexec    per input: fork + exec `tr_fuzz once BIGMB INPUT`, waitpid.
 *               Prints "@ iter NS N".
 *   forkserver  `tr_fuzz server BIGMB` on two pipes; per input: write it,
 *               read the one-byte answer. Prints "@ iter NS N".
 * Inputs vary with the iteration (the run's work does not).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <snare.h>

#include "bench.h"

static void
make_input(char *in, long i)
{
	memset(in, 0, 64);
	snprintf(in, 64, "input-%ld", i % 97);
}

static int
restore_loop(long n, const char *mb, const char *prog)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts sp = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { (char *)prog, (char *)"snap", (char *)mb, NULL };
	snare_session *s;
	snare_proc *p;
	snare_bp *snap_bp, *done_bp;
	snare_snapshot *snap;
	snare_snapshot_stats st;
	snare_event ev;
	uint64_t in_addr, t0, t_restore = 0, pages = 0;
	char in[64];
	long i;
	int r;

	so.colocate = 1;
	sp.stop_at = SNARE_SPAWN_STOP_ENTRY;
	if (snare_session_new(&s, &so) < 0 || snare_spawn(&p, s, prog, argv, &sp) < 0 ||
	    snare_bp_add_at(&snap_bp, p, "snap_here", NULL) < 0 ||
	    snare_bp_add_at(&done_bp, p, "done_here", NULL) < 0 ||
	    snare_symtab_resolve(&in_addr, snare_proc_symtab(p), "input") < 0) {
		fprintf(stderr, "snare_snap: set-up failed\n");
		return 1;
	}
	if (snare_run(&ev, s, SNARE_RUN_DEFAULT) < 0 || ev.bp != snap_bp ||
	    snare_snapshot_take(&snap, p, NULL) < 0) {
		fprintf(stderr, "snare_snap: snapshot: %s\n", snare_errmsg(s));
		return 1;
	}
	snare_bp_remove(snap_bp);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++) {
		uint64_t t = bench_now_ns();

		r = snare_snapshot_restore(snap, &st);
		t_restore += bench_now_ns() - t;
		pages += st.pages_written;
		make_input(in, i);
		if (r < 0 || snare_mem_write(p, in_addr, in, sizeof(in)) < 0 ||
		    snare_run(&ev, s, SNARE_RUN_DEFAULT) < 0 || ev.bp != done_bp) {
			fprintf(stderr, "snare_snap: iteration %ld: %s\n", i,
				snare_errmsg(s));
			return 1;
		}
	}
	printf("@ iter %llu %ld\n", (unsigned long long)(bench_now_ns() - t0), n);
	printf("@ restore %llu %ld\n", (unsigned long long)t_restore, n);
	printf("# pages %.1f\n", (double)pages / (double)n);
	printf("# incremental %d\n", snare_snapshot_incremental(snap));
	snare_snapshot_free(snap);
	snare_session_free(s);
	return 0;
}

static int
forkexec_loop(long n, const char *mb, const char *prog)
{
	uint64_t t0 = bench_now_ns();
	char in[64];
	long i;
	int st;

	for (i = 0; i < n; i++) {
		pid_t pid;

		make_input(in, i);
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			execl(prog, prog, "once", mb, in, (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) > 1) {
			fprintf(stderr, "snare_snap: forkexec: bad child status %#x\n", st);
			return 1;
		}
	}
	printf("@ iter %llu %ld\n", (unsigned long long)(bench_now_ns() - t0), n);
	return 0;
}

static int
forkserver_loop(long n, const char *mb, const char *prog)
{
	int to[2], from[2], st;
	uint64_t t0;
	char in[64], c;
	pid_t pid;
	long i;

	if (pipe(to) < 0 || pipe(from) < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		dup2(to[0], 0);
		dup2(from[1], 1);
		close(to[1]);
		close(from[0]);
		execl(prog, prog, "server", mb, (char *)NULL);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	/* The first answer: the server is up (its set-up is not timed). */
	make_input(in, 0);
	if (write(to[1], in, 64) != 64 || read(from[0], &c, 1) != 1)
		return 1;
	t0 = bench_now_ns();
	for (i = 0; i < n; i++) {
		make_input(in, i);
		if (write(to[1], in, 64) != 64 || read(from[0], &c, 1) != 1 || c > 1) {
			fprintf(stderr, "snare_snap: forkserver: no answer\n");
			return 1;
		}
	}
	printf("@ iter %llu %ld\n", (unsigned long long)(bench_now_ns() - t0), n);
	close(to[1]);
	waitpid(pid, &st, 0);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *mb = "0", *prog;
	long n;
	int k = 3;

	if (argc > 4 && strcmp(argv[3], "--")) {
		mb = argv[3];
		k = 4;
	}
	if (argc < k + 2 || strcmp(argv[k], "--")) {
		fprintf(stderr, "usage: snare_snap restore|forkexec|forkserver N [BIGMB] -- TR_FUZZ\n");
		return 2;
	}
	n = atol(argv[2]);
	prog = argv[k + 1];
	if (!strcmp(argv[1], "restore"))
		return restore_loop(n, mb, prog);
	if (!strcmp(argv[1], "forkexec"))
		return forkexec_loop(n, mb, prog);
	if (!strcmp(argv[1], "forkserver"))
		return forkserver_loop(n, mb, prog);
	return 2;
}
