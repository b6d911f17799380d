/* SPDX-License-Identifier: MIT */
/*
 * test_bpsym: breakpoints by location. A breakpoint on printf set at the
 * first instruction (libc not mapped yet) is pending and fires for every
 * call; breakpoints by name are resolved again after exec; a backtrace at a
 * breakpoint names the known call chain; unknown names fail clearly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

static snare_proc *
spawn(snare_session *s, char **argv, int stop_at, int pipe_out)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	snare_proc *p;

	po.stop_at = stop_at;
	if (pipe_out)
		po.stdio[1].kind = SNARE_STDIO_PIPE;
	po.stdio[0].kind = SNARE_STDIO_NULL;
	assert_int_equal(snare_spawn(&p, s, argv[0], argv, &po), 0);
	return p;
}

static void
test_pending_printf(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("bpsym_calls"), NULL };
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s = snare_test_session(state, NULL);
	char out[512];
	snare_proc *p;
	snare_bp_opts mo = SNARE_BP_OPTS_INIT;
	snare_bp *bp;
	long hits = 0, main_hits = 0;

	p = spawn(s, argv, SNARE_SPAWN_STOP_EXEC, 1);
	bo.on_hit = snare_test_count_hit;
	bo.user = &hits;
	/* At the first instruction libc is not mapped: pending. */
	assert_int_equal(snare_bp_add_at(&bp, p, "libc.so.6:printf", &bo), 0);
	assert_int_equal(snare_bp_addr(bp), 0);
	/* Without keeping the handle (out NULL), pending as well. */
	mo.on_hit = snare_test_count_hit;
	mo.user = &main_hits;
	assert_int_equal(snare_bp_add_at(NULL, p, "main", &mo), 0);
	snare_test_run_to_end(s, 4);
	assert_int_equal(main_hits, 1);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_non_null(strstr(out, "line 4\nchain 23\n"));
	/* Five numbered lines plus the chain line. */
	assert_int_equal(hits, 6);
	assert_int_equal(snare_bp_hits(bp), 6);
	assert_int_not_equal(snare_bp_addr(bp), 0);
	snare_test_session_free(state);
}

static void
test_reresolved_after_exec(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("bp_work"), "exec", "7",
			 "nowait", NULL };
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s = snare_test_session(state, NULL);
	char out[512];
	snare_proc *p;
	snare_bp *bp;
	uint64_t first;
	long hits = 0;

	p = spawn(s, argv, SNARE_SPAWN_STOP_ENTRY, 1);
	bo.on_hit = snare_test_count_hit;
	bo.user = &hits;
	assert_int_equal(snare_bp_add_at(&bp, p, "counted", &bo), 0);
	first = snare_bp_addr(bp);
	assert_int_not_equal(first, 0);
	snare_test_run_to_end(s, 4);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	/* 7 calls before the exec, 7 in the new image (ASLR: elsewhere). */
	assert_non_null(strstr(out, "total"));
	assert_int_equal(hits, 14);
	snare_test_session_free(state);
}

static void
test_backtrace(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("bpsym_calls"), NULL };
	snare_session *s = snare_test_session(state, NULL);
	const char *want[] = { "chain_three", "chain_two", "chain_one", "main" };
	char name[256];
	uint64_t pcs[32];
	snare_symtab *st;
	snare_event ev;
	snare_proc *p;
	snare_bp *bp;
	int n, i;

	p = spawn(s, argv, SNARE_SPAWN_STOP_ENTRY, 1);
	assert_int_equal(snare_bp_add_at(&bp, p, "chain_three", NULL), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	n = snare_thread_backtrace(pcs, 32, ev.thread);
	assert_true(n >= 4);
	st = snare_proc_symtab(p);
	assert_non_null(st);
	for (i = 0; i < 4; i++) {
		/* A return address names the call: look one byte back. */
		snare_symtab_symbolize(name, sizeof(name), st,
				       i ? pcs[i] - 1 : pcs[i]);
		assert_int_equal(strncmp(name, want[i], strlen(want[i])), 0);
	}
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_session_free(state);
}

static void
test_bad_locations(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("bpsym_calls"), NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p;
	snare_bp *bp;

	p = spawn(s, argv, SNARE_SPAWN_STOP_ENTRY, 1);
	/* Libraries are loaded: an unknown name is an error, not pending. */
	assert_int_equal(snare_bp_add_at(&bp, p, "no_such_function", NULL), -ENOENT);
	assert_non_null(strstr(snare_errmsg(s), "no_such_function"));
	/* A library that is not mapped may come with dlopen: pending. */
	assert_int_equal(snare_bp_add_at(&bp, p, "libnotyet.so:fn", NULL), 0);
	assert_int_equal(snare_bp_addr(bp), 0);
	assert_int_equal(snare_bp_add_at(&bp, p, NULL, NULL), -EINVAL);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_pending_printf),
		SNARE_TEST(test_reresolved_after_exec),
		SNARE_TEST(test_backtrace),
		SNARE_TEST(test_bad_locations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
