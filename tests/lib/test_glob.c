/* SPDX-License-Identifier: MIT */
/*
 * test_glob.c: snare_symtab_glob(), snare_proc_on_libraries() and
 * snare_proc_libs_loaded(), on the retbp_calls tracee and glibc.
 *
 * A pattern over the program names its functions and nothing else (no
 * objects); over libc.so.6 it gives one name per address, the best one of
 * the aliases (malloc, not __libc_malloc), with locations that resolve
 * back to the same address. A library the program loads with dlopen()
 * is seen by a watcher, which sets breakpoints on what a pattern finds
 * there: they fire as often as the program calls the function. The
 * watcher is not called once it is removed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

struct found {
	char loc[64][128];
	uint64_t addr[64];
	int n;
	snare_symtab *st;
	int unresolved;         /* locations that do not resolve back */
	int stop_after;         /* >0: return -42 at that many */
};

static int
collect(const char *location, uint64_t addr, void *user)
{
	struct found *f = user;
	uint64_t back = 0;

	if (f->n < 64) {
		snprintf(f->loc[f->n], sizeof(f->loc[0]), "%s", location);
		f->addr[f->n] = addr;
	}
	f->n++;
	if (snare_symtab_resolve(&back, f->st, location) != 0 || back != addr)
		f->unresolved++;
	if (f->stop_after && f->n == f->stop_after)
		return -42;
	return 0;
}

static int
has(const struct found *f, const char *loc)
{
	int i;

	for (i = 0; i < f->n && i < 64; i++)
		if (!strcmp(f->loc[i], loc))
			return 1;
	return 0;
}

static void
test_glob_program_and_libc(void **state)
{
	static const char *const args[] = { "recurse", "1", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct found f;
	snare_proc *p;
	int i, j, r;

	p = snare_test_spawn_piped(s, "retbp_calls", args, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	memset(&f, 0, sizeof(f));
	f.st = snare_proc_symtab(p);
	assert_non_null(f.st);
	/* The program's functions by pattern: "sum_to", nothing of libc. */
	r = snare_symtab_glob(f.st, "sum_*", collect, &f);
	assert_int_equal(r, 1);
	assert_string_equal(f.loc[0], "sum_to");
	/* "s*" in the program, named by its file: functions only (sink
	   is an object). */
	f.n = 0;
	r = snare_symtab_glob(f.st, "retbp_calls:s*", collect, &f);
	assert_int_equal(r, 1);
	assert_string_equal(f.loc[0], "sum_to");
	assert_int_equal(f.unresolved, 0);
	/* Without a file, every file: the loader's strlen, libc's... */
	f.n = 0;
	r = snare_symtab_glob(f.st, "strlen", collect, &f);
	assert_true(r >= 2);
	assert_true(has(&f, "libc.so.6:strlen"));
	assert_true(has(&f, "ld-linux-x86-64.so.2:strlen"));
	/* libc: one call per address, named by the best alias. */
	f.n = 0;
	f.unresolved = 0;
	r = snare_symtab_glob(f.st, "libc.so.6:*malloc", collect, &f);
	assert_true(r >= 1 && r <= 64);
	assert_true(has(&f, "libc.so.6:malloc"));
	assert_false(has(&f, "libc.so.6:__libc_malloc"));
	for (i = 0; i < f.n; i++)
		for (j = i + 1; j < f.n; j++)
			assert_true(f.addr[i] != f.addr[j]);
	assert_int_equal(f.unresolved, 0);
	/* Asked for by that name, the alias is what stands for it. */
	f.n = 0;
	r = snare_symtab_glob(f.st, "libc.so.6:__libc_mallo?", collect, &f);
	assert_int_equal(r, 1);
	assert_string_equal(f.loc[0], "libc.so.6:__libc_malloc");
	/* A versioned name matches without its version. */
	f.n = 0;
	r = snare_symtab_glob(f.st, "libc.so.6:memcpy", collect, &f);
	assert_true(r >= 1);
	assert_true(has(&f, "libc.so.6:memcpy"));
	/* No match, bad input, a file that is not mapped, cb's stop. */
	f.n = 0;
	assert_int_equal(snare_symtab_glob(f.st, "no_such_fn_*", collect, &f), 0);
	assert_int_equal(snare_symtab_glob(f.st, "", collect, &f), -EINVAL);
	assert_int_equal(snare_symtab_glob(f.st, "libc.so.6:", collect, &f),
			 -EINVAL);
	assert_int_equal(snare_symtab_glob(NULL, "x", collect, &f), -EINVAL);
	assert_int_equal(snare_symtab_glob(f.st, "libnotmapped.so:*", collect,
					   &f),
			 -ENOENT);
	assert_non_null(strstr(snare_symtab_errmsg(f.st), "libnotmapped"));
	f.n = 0;
	f.stop_after = 2;
	assert_int_equal(snare_symtab_glob(f.st, "libc.so.6:str*", collect, &f),
			 -42);
	assert_int_equal(f.n, 2);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_session_free(state);
}

/* A watcher that arms "libm.so.6:cbrt" once libm is there. */
struct libm_watch {
	snare_proc *p;
	int calls, loaded_at_first;
	int armed;
	long hits;
	char first[128];
};

static int
arm_one(const char *location, uint64_t addr, void *user)
{
	struct libm_watch *w = user;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;

	bo.on_hit = snare_test_count_hit;
	bo.user = &w->hits;
	if (!w->first[0])
		snprintf(w->first, sizeof(w->first), "%s", location);
	if (snare_bp_add(NULL, w->p, addr, &bo) == 0)
		w->armed++;
	return 0;
}

static void
on_libs(snare_proc *p, void *user)
{
	struct libm_watch *w = user;
	snare_symtab *st = snare_proc_symtab(p);

	if (!w->calls++)
		w->loaded_at_first = snare_proc_libs_loaded(p);
	w->p = p;
	if (w->armed || !st)
		return;
	snare_symtab_glob(st, "libm.so.6:cbrt", arm_one, w);
}

static void
test_watch_dlopen(void **state)
{
	static const char *const args[] = { "dlopen", "9", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct libm_watch w;
	char out[256];
	snare_proc *p;

	memset(&w, 0, sizeof(w));
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	/* At the first instruction the loader has not run. */
	assert_int_equal(snare_proc_libs_loaded(p), 0);
	assert_int_equal(snare_proc_on_libraries(p, on_libs, &w), 0);
	assert_int_equal(snare_proc_on_libraries(p, on_libs, &w), -EEXIST);
	assert_int_equal(snare_proc_on_libraries(p, NULL, &w), -EINVAL);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, "cbrt 9 = 12730\n");
	/* Called while the loader loads libc, at the entry point, and at
	   the dlopen of libm, where the breakpoint was set. */
	assert_true(w.calls >= 3);
	assert_int_equal(w.loaded_at_first, 0);
	assert_int_equal(snare_proc_libs_loaded(p), 1);
	assert_int_equal(w.armed, 1);
	assert_string_equal(w.first, "libm.so.6:cbrt");
	assert_int_equal(w.hits, 9);
	snare_test_session_free(state);
}

static void
count_libs(snare_proc *p, void *user)
{
	(void)p;
	(*(int *)user)++;
}

/* Removed (from its own call), a watcher is not called again. */
static void
off_self(snare_proc *p, void *user)
{
	int *n = user;

	(*n)++;
	assert_int_equal(snare_proc_off_libraries(p, off_self, user), 0);
}

static void
test_watch_off(void **state)
{
	static const char *const args[] = { "dlopen", "2", NULL };
	snare_session *s = snare_test_session(state, NULL);
	int counted = 0, once = 0, never = 0;
	char out[256];
	snare_proc *p;

	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	assert_int_equal(snare_proc_on_libraries(p, count_libs, &counted), 0);
	assert_int_equal(snare_proc_on_libraries(p, off_self, &once), 0);
	assert_int_equal(snare_proc_on_libraries(p, count_libs, &never), 0);
	assert_int_equal(snare_proc_off_libraries(p, count_libs, &never), 0);
	assert_int_equal(snare_proc_off_libraries(p, count_libs, &never),
			 -ENOENT);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_true(counted >= 3);
	assert_int_equal(once, 1);
	assert_int_equal(never, 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_glob_program_and_libc),
		SNARE_TEST(test_watch_dlopen),
		SNARE_TEST(test_watch_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
