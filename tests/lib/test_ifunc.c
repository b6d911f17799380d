/* SPDX-License-Identifier: MIT */
/*
 * test_ifunc.c: breakpoints on glibc's indirect functions (STT_GNU_IFUNC).
 * The tracee ifunc_calls calls strlen, memcpy, strcmp, memset, strchr and
 * strstr a known number of times each and prints the counts. A breakpoint
 * on each, by name, must land on the implementation the process's
 * resolver chose (__strlen_avx2 or the like: never the resolver, never the
 * dynamic loader's private strlen): the hits whose return address ([rsp]
 * at the hit) is in the program must be exactly the program's calls.
 * libc calls some of these itself; those hits are counted apart. Set
 * pending at the first instruction (libc not mapped yet) and on a running
 * process after a first round of calls, on the PIE and non-PIE builds.
 * strstr has no IRELATIVE slot in libc and is bound lazily: pending, it is
 * armed when the loader's lazy binding runs its resolver.
 *
 * Callbacks never assert (a cmocka failure would longjmp out of
 * snare_run()): they record, and the test asserts afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define NFN 6
static const char *const fn_names[NFN] = { "strlen", "memcpy", "strcmp",
					   "memset", "strchr", "strstr" };

/* The program's text, for telling the program's calls from libc's. */
struct prog {
	char exe[PATH_MAX];
	uint64_t lo, hi;
	int known;
};

struct fn_bp {
	struct prog *prog;
	const char *name;
	snare_bp *bp;
	long hits, main_hits;
	int bad;         /* a hit not at the breakpoint's address */
	int checked;     /* the first hit was looked at: */
	int ifunc_ok;    /* snare_symtab_ifunc() names this implementation */
	int in_libc;     /* the pc is in libc.so.6 */
};

static void
prog_range(struct prog *pr, snare_proc *p)
{
	snare_map *maps;
	size_t n, i;

	if (snare_proc_maps(&maps, &n, p) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (strcmp(maps[i].path, pr->exe) != 0)
			continue;
		if (!pr->known || maps[i].start < pr->lo)
			pr->lo = maps[i].start;
		if (!pr->known || maps[i].end > pr->hi)
			pr->hi = maps[i].end;
		pr->known = 1;
	}
	snare_maps_free(maps, n);
}

/* What the first hit of a breakpoint shows about where it is. */
static void
check_first_hit(struct fn_bp *f, snare_proc *p, uint64_t pc)
{
	snare_symtab *st = snare_proc_symtab(p);
	const snare_map *m;
	snare_map *maps;
	uint64_t impl = 0, resolver = 0;
	size_t n;

	f->checked = 1;
	f->ifunc_ok = st && snare_symtab_ifunc(&impl, &resolver, st, f->name) == 1 &&
		      impl == pc && resolver != pc;
	if (snare_proc_maps(&maps, &n, p) < 0)
		return;
	m = snare_test_find_map(maps, n, pc);
	f->in_libc = m && strstr(m->path, "/libc.so.6") != NULL;
	snare_maps_free(maps, n);
}

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct fn_bp *f = user;
	snare_proc *p = snare_thread_proc(t);
	uint64_t pc = 0, sp = 0, ret = 0;

	f->hits++;
	if (snare_thread_pc(&pc, t) != 0 || pc != snare_bp_addr(bp))
		f->bad++;
	if (!f->checked)
		check_first_hit(f, p, pc);
	if (!f->prog->known)
		prog_range(f->prog, p);
	if (snare_reg_get(&sp, t, "rsp") != 0 ||
	    snare_mem_read(&ret, p, sp, sizeof(ret)) != 0)
		f->bad++;
	else if (ret >= f->prog->lo && ret < f->prog->hi)
		f->main_hits++;
	return SNARE_CONTINUE;
}

static void
set_bps(struct fn_bp *fb, struct prog *pr, snare_proc *p)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	int i;

	o.on_hit = on_hit;
	for (i = 0; i < NFN; i++) {
		fb[i].prog = pr;
		fb[i].name = fn_names[i];
		o.user = &fb[i];
		if (snare_bp_add_at(&fb[i].bp, p, fn_names[i], &o) != 0)
			fail_msg("breakpoint at %s: %s", fn_names[i],
				 snare_errmsg(snare_proc_session(p)));
		/* The location stays what was asked, whatever the address. */
		assert_string_equal(snare_bp_location(fb[i].bp), fn_names[i]);
	}
}

/* The program's count of calls of name, from its "counts" line. */
static long
count_of(const char *out, const char *name)
{
	char key[32];
	const char *at;

	snprintf(key, sizeof(key), " %s=", name);
	at = strstr(out, key);
	if (!at)
		fail_msg("no %s count in '%s'", name, out);
	return strtol(at + strlen(key), NULL, 10);
}

static void
check_counts(struct fn_bp *fb, const char *out)
{
	int i;

	if (!strstr(out, "counts ") || !strstr(out, "sum=1094"))
		fail_msg("tracee output '%s'", out);
	for (i = 0; i < NFN; i++) {
		long want = count_of(out, fb[i].name);

		if (fb[i].main_hits != want || fb[i].bad || !fb[i].ifunc_ok ||
		    !fb[i].in_libc)
			fail_msg("%s: %ld hits from the program of %ld calls (%ld in all), bad %d, implementation %s, in libc %d",
				 fb[i].name, fb[i].main_hits, want, fb[i].hits,
				 fb[i].bad, fb[i].ifunc_ok ? "ok" : "wrong",
				 fb[i].in_libc);
		assert_int_equal(snare_bp_hits(fb[i].bp), fb[i].hits);
	}
}

static void
prog_init(struct prog *pr, const char *name)
{
	memset(pr, 0, sizeof(*pr));
	if (!realpath(snare_test_tracee(name), pr->exe))
		fail_msg("realpath %s", snare_test_tracee(name));
}

/* Set at the first instruction: libc is not mapped, so all are pending. */
static void
pending_case(void **state, const char *name)
{
	snare_session *s = snare_test_session(state, NULL);
	struct fn_bp fb[NFN];
	struct prog pr;
	char out[512];
	snare_proc *p;
	int i;

	memset(fb, 0, sizeof(fb));
	prog_init(&pr, name);
	p = snare_test_spawn_piped(s, name, NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	set_bps(fb, &pr, p);
	for (i = 0; i < NFN; i++)
		assert_int_equal(snare_bp_addr(fb[i].bp), 0);
	snare_test_finish(s, p, 4, out, sizeof(out));
	check_counts(fb, out);
	snare_test_session_free(state);
}

static void
test_pending_pie(void **state)
{
	pending_case(state, "ifunc_calls");
}

static void
test_pending_nopie(void **state)
{
	pending_case(state, "ifunc_calls-nopie");
}

/*
 * Set on a running process, after a first round of calls (every function
 * bound): each is armed at once, on the implementation.
 */
static void
running_case(void **state, const char *name)
{
	static const char *const args[] = { "wait", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct fn_bp fb[NFN];
	struct prog pr;
	snare_symtab *st;
	uint64_t impl, resolver, addr;
	char out[512], line[256];
	snare_proc *p;
	int i;

	memset(fb, 0, sizeof(fb));
	prog_init(&pr, name);
	p = snare_test_spawn_piped(s, name, args,
				   SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "ready");
	set_bps(fb, &pr, p);
	st = snare_proc_symtab(p);
	assert_non_null(st);
	for (i = 0; i < NFN; i++) {
		/* Armed now, on what the resolver chose, which the symbol
		   table gives too; the resolver is elsewhere. */
		assert_int_equal(snare_symtab_ifunc(&impl, &resolver, st,
						    fn_names[i]), 1);
		assert_int_not_equal(impl, 0);
		assert_int_not_equal(impl, resolver);
		assert_int_equal(snare_bp_addr(fb[i].bp), impl);
		assert_int_equal(snare_symtab_resolve(&addr, st, fn_names[i]), 0);
		assert_int_equal(addr, impl);
	}
	/* Not an indirect function: 0, both addresses the symbol's. */
	assert_int_equal(snare_symtab_ifunc(&impl, &resolver, st, "main"), 0);
	assert_int_equal(snare_symtab_resolve(&addr, st, "main"), 0);
	assert_int_equal(impl, addr);
	assert_int_equal(resolver, addr);
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "go\n");
	snare_test_finish(s, p, 4, out, sizeof(out));
	check_counts(fb, out);
	snare_test_session_free(state);
}

static void
test_running_pie(void **state)
{
	running_case(state, "ifunc_calls");
}

static void
test_running_nopie(void **state)
{
	running_case(state, "ifunc_calls-nopie");
}

/* Where addr is: 1 in libc.so.6, 2 in the dynamic loader, 0 elsewhere. */
static int
which_file(snare_proc *p, uint64_t addr)
{
	const snare_map *m;
	snare_map *maps;
	size_t n;
	int r = 0;

	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	m = snare_test_find_map(maps, n, addr);
	if (m && strstr(m->path, "/libc.so.6"))
		r = 1;
	else if (m && strstr(m->path, "/ld-linux"))
		r = 2;
	snare_maps_free(maps, n);
	return r;
}

/*
 * The precedence of a name without a file: "strlen" set before libc is
 * loaded waits for libc's (exported) strlen, and is not armed on the
 * dynamic loader's private one (a local symbol, from libc6-dbg), which
 * "ld-linux-x86-64.so.2:strlen" names, and which only the loader calls.
 */
static void
test_loader_strlen(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts lo = SNARE_BP_OPTS_INIT, po = SNARE_BP_OPTS_INIT;
	snare_bp *ld_bp, *plain;
	struct prog pr;
	struct fn_bp fb;
	long ld_hits = 0;
	char out[512];
	snare_proc *p;
	snare_event ev;
	int r;

	memset(&fb, 0, sizeof(fb));
	prog_init(&pr, "ifunc_calls");
	p = snare_test_spawn_piped(s, "ifunc_calls", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	lo.on_hit = snare_test_count_hit;
	lo.user = &ld_hits;
	r = snare_bp_add_at(&ld_bp, p, "ld-linux-x86-64.so.2:strlen", &lo);
	if (r == -ENOENT) {
		snare_proc_kill(p);
		snare_test_session_free(state);
		skip(); /* no symbols of the loader's own (libc6-dbg) */
	}
	assert_int_equal(r, 0);
	assert_int_equal(which_file(p, snare_bp_addr(ld_bp)), 2);
	po.on_hit = on_hit;
	po.user = &fb;
	fb.prog = &pr;
	fb.name = "strlen";
	assert_int_equal(snare_bp_add_at(&plain, p, "strlen", &po), 0);
	fb.bp = plain;
	assert_int_equal(snare_bp_addr(plain), 0);
	/* Stop at main: libc is loaded, and strlen armed in it. */
	assert_int_equal(snare_bp_add_at(NULL, p, "main", NULL), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_int_equal(which_file(p, snare_bp_addr(plain)), 1);
	/* The loader called its own strlen while it loaded libc; the
	   program's strlen was not hit on its behalf. */
	assert_true(ld_hits > 0);
	assert_int_equal(fb.hits, 0);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_int_equal(fb.main_hits, count_of(out, "strlen"));
	assert_int_equal(fb.bad, 0);
	snare_test_session_free(state);
}

/*
 * An ELF file on disk has no process to read a choice from: an indirect
 * function gives its resolver, the value nm prints, and says so.
 */
static void
test_elf_file(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char libc[4096] = "";
	uint64_t impl = 1, resolver = 0, addr = 0;
	snare_symtab *st;
	snare_map *maps;
	snare_proc *p;
	size_t n, i;

	/* The libc the tracees map. */
	p = snare_test_spawn_piped(s, "ifunc_calls", NULL, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	for (i = 0; i < n && !libc[0]; i++)
		if (strstr(maps[i].path, "/libc.so.6"))
			snprintf(libc, sizeof(libc), "%s", maps[i].path);
	snare_maps_free(maps, n);
	assert_int_equal(snare_proc_kill(p), 0);
	assert_true(libc[0] != '\0');
	assert_int_equal(snare_symtab_open_elf(&st, libc), 0);
	assert_int_equal(snare_symtab_ifunc(&impl, &resolver, st, "strlen"), 1);
	assert_int_equal(impl, 0);
	assert_int_equal(snare_elf_symbol(&addr, libc, "strlen"), 0);
	assert_int_equal(resolver, addr);
	assert_int_equal(snare_symtab_resolve(&addr, st, "strlen"), 0);
	assert_int_equal(resolver, addr);
	snare_symtab_free(st);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_pending_pie),
		SNARE_TEST(test_pending_nopie),
		SNARE_TEST(test_running_pie),
		SNARE_TEST(test_running_nopie),
		SNARE_TEST(test_loader_strlen),
		SNARE_TEST(test_elf_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
