/* SPDX-License-Identifier: MIT */
/*
 * test_dlreload.c: breakpoints in a library that is unloaded and loaded
 * again. The tracee dl_reload dlopen()s libsnare_reload.so, calls its
 * reload_fn, dlclose()s it, three times; after the first round it loads
 * libsnare_other.so, which the kernel maps where the first library was,
 * so the next rounds land elsewhere. A breakpoint by location must count
 * 3 calls of 3, whether set pending before the first load or on the
 * running process after it; snare_bp_addr() is 0 while the library is
 * unloaded and the new address after each load. A breakpoint set by
 * address in the first load (6 bytes into reload_fn) must never be
 * written again: not into the other library that took its place (its
 * reload_fn has the ModRM byte of an xor there, so a byte of ours would
 * change the results or crash it), not when it is enabled again, not at
 * detach. reload_fn starts with a rip-relative load, which runs from an
 * out-of-line copy: the copy must be made again for each load (a stale
 * one reads the other library's data and the result is wrong).
 *
 * Also: a name without a file binds in link-map order (LD_PRELOAD first).
 *
 * Callbacks never assert: they count, and the test asserts afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define LOCATION "libsnare_reload.so:reload_fn"
#define RESULTS "done calls 3 total 21 other_total 374 bad 0"

struct run {
	snare_session *s;
	snare_proc *p;
	int in, out;
	char line[256];
};

/* Run until the tracee prints a line starting with prefix (the "called"
   lines before it pass by); every thread is stopped then. */
static void
until(struct run *r, const char *prefix)
{
	for (;;) {
		snare_test_run_until_line(r->s, r->out, r->line,
					  sizeof(r->line));
		if (strncmp(r->line, prefix, strlen(prefix)) == 0)
			return;
		if (strncmp(r->line, "called ", 7) != 0)
			fail_msg("expected '%s...', got '%s'", prefix, r->line);
	}
}

/* The address at the end of a "loaded N 0x..." or "other 0x... R" line. */
static uint64_t
line_addr(const char *line)
{
	const char *x = strstr(line, "0x");

	if (!x)
		fail_msg("no address in '%s'", line);
	return strtoull(x, NULL, 16);
}

static void
go(struct run *r)
{
	snare_test_write_str(r->in, "go\n");
}

static void
start(struct run *r, void **state, const char *name)
{
	const char *args[] = { TRACEE_DIR, "wait", NULL };

	r->s = snare_test_session(state, NULL);
	r->p = snare_test_spawn_piped(r->s, name, args,
				      SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
				      SNARE_SPAWN_STOP_ENTRY);
	r->in = snare_proc_stdio_fd(r->p, 0);
	r->out = snare_proc_stdio_fd(r->p, 1);
}

static uint8_t
byte_at(snare_proc *p, uint64_t addr)
{
	uint8_t b = 0;

	assert_int_equal(snare_mem_read(&b, p, addr, 1), 0);
	return b;
}

/* The raw breakpoint: on reload_fn's lea, where the other library has
   the ModRM byte of an xor (tracees/lib/reload_lib.c). */
#define RAW_OFFSET 6

/*
 * The three rounds. bp (by location) is set before the first load
 * (pending) or, when set_after, at the first load. A breakpoint by
 * address (raw) is set in the first load's reload_fn.
 */
static void
rounds(void **state, const char *name, int kind, int set_after)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT, ro = SNARE_BP_OPTS_INIT;
	uint64_t first = 0, addr, other;
	long hits = 0, raw_hits = 0;
	snare_bp *bp = NULL, *raw;
	struct run r;
	char out[512];
	uint8_t b;
	int i, rc;

	start(&r, state, name);
	o.kind = kind;
	o.on_hit = snare_test_count_hit;
	o.user = &hits;
	if (!set_after) {
		rc = snare_bp_add_at(&bp, r.p, LOCATION, &o);
		if (rc == -ENOTSUP)
			goto skip;
		assert_int_equal(rc, 0);
		assert_int_equal(snare_bp_addr(bp), 0);
	}
	for (i = 1; i <= 3; i++) {
		until(&r, "loaded ");
		addr = line_addr(r.line);
		if (i == 1) {
			first = addr;
			if (set_after) {
				rc = snare_bp_add_at(&bp, r.p, LOCATION, &o);
				if (rc == -ENOTSUP)
					goto skip;
				assert_int_equal(rc, 0);
			}
			ro.on_hit = snare_test_count_hit;
			ro.user = &raw_hits;
			assert_int_equal(snare_bp_add(&raw, r.p,
						      addr + RAW_OFFSET, &ro), 0);
		}
		/* Armed where this load put the function. */
		assert_int_equal(snare_bp_addr(bp), addr);
		assert_string_equal(snare_bp_location(bp), LOCATION);
		go(&r);
		until(&r, "closed ");
		/* Unloaded: pending again; the raw one keeps its address. */
		assert_int_equal(snare_bp_addr(bp), 0);
		assert_int_equal(snare_bp_addr(raw), first + RAW_OFFSET);
		go(&r);
		if (i != 1)
			continue;
		until(&r, "other ");
		other = line_addr(r.line);
		if (other == first) {
			/* The other library took the place: its code is
			   there, and stays so whatever is done to raw. */
			b = byte_at(r.p, first + RAW_OFFSET);
			assert_int_equal(b, 0xf0);
			assert_int_equal(snare_bp_enable(raw, 1), -EFAULT);
			assert_int_equal(byte_at(r.p, first + RAW_OFFSET), b);
			assert_int_equal(snare_bp_enable(raw, 0), 0);
			assert_int_equal(byte_at(r.p, first + RAW_OFFSET), b);
		}
		go(&r);
	}
	snare_test_finish(r.s, r.p, 8, out, sizeof(out));
	if (!strstr(out, RESULTS))
		fail_msg("tracee results: '%s'", out);
	assert_int_equal(hits, 3);
	assert_int_equal(snare_bp_hits(bp), 3);
	/* Only the first load's call: it never fired in another library. */
	assert_int_equal(raw_hits, 1);
	assert_int_equal(snare_bp_addr(raw), first + RAW_OFFSET);
	snare_test_session_free(state);
	return;
skip:
	/* Hardware kind where the hypervisor does not deliver debug
	   exceptions. */
	snare_proc_kill(r.p);
	snare_test_session_free(state);
	skip();
}

static void
test_pending(void **state)
{
	rounds(state, "dl_reload", SNARE_BP_SOFTWARE, 0);
}

static void
test_pending_nopie(void **state)
{
	rounds(state, "dl_reload-nopie", SNARE_BP_SOFTWARE, 0);
}

static void
test_set_after_load(void **state)
{
	rounds(state, "dl_reload", SNARE_BP_SOFTWARE, 1);
}

static void
test_hardware(void **state)
{
	rounds(state, "dl_reload", SNARE_BP_HARDWARE, 1);
}

/*
 * Without pauses, pending from the first instruction, and removed at the
 * end of the run with the raw one: 3 of 3, results right.
 */
static void
test_straight_through(void **state)
{
	const char *args[] = { TRACEE_DIR, NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	snare_bp *bp;
	char out[512];
	snare_proc *p;
	long hits = 0;

	p = snare_test_spawn_piped(s, "dl_reload", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	o.on_hit = snare_test_count_hit;
	o.user = &hits;
	assert_int_equal(snare_bp_add_at(&bp, p, LOCATION, &o), 0);
	snare_test_finish(s, p, 4, out, sizeof(out));
	if (!strstr(out, RESULTS))
		fail_msg("tracee results: '%s'", out);
	assert_int_equal(hits, 3);
	snare_test_session_free(state);
}

/*
 * Detach while the raw breakpoint's library is gone and another one is
 * in its place: nothing is written there, and the program finishes right
 * on its own.
 */
static void
test_detach_after_unload(void **state)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	struct run r;
	uint64_t first;
	snare_bp *raw;
	char out[512];
	long hits = 0;
	pid_t pid;
	int status;

	start(&r, state, "dl_reload");
	pid = snare_proc_pid(r.p);
	until(&r, "loaded 1");
	first = line_addr(r.line);
	o.on_hit = snare_test_count_hit;
	o.user = &hits;
	assert_int_equal(snare_bp_add(&raw, r.p, first + RAW_OFFSET, &o), 0);
	assert_int_equal(snare_bp_add_at(NULL, r.p, LOCATION, &o), 0);
	/* Both count the first call. */
	go(&r);
	until(&r, "closed 1");
	go(&r);
	until(&r, "other ");
	assert_int_equal(hits, 2);
	assert_int_equal(snare_proc_detach(r.p, 0), 0);
	/* The detached tracee runs on its own, paused at each line. */
	for (int i = 0; i < 5; i++)
		go(&r);
	snare_test_read_all(r.out, out, sizeof(out));
	snare_test_session_free(state);
	status = snare_test_wait_exit(pid);
	if (!strstr(out, RESULTS) || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fail_msg("detached tracee: status 0x%x, output '%s'", status,
			 out);
}

/*
 * A name without a file binds in the dynamic linker's order: with
 * libsnare_other.so preloaded, "reload_fn" is the preloaded one (first in
 * the link map after the program), though the dlopen()ed
 * libsnare_reload.so, which also exports it, is mapped lower.
 */
static void
test_link_order(void **state)
{
	char preload[512], *argv[] = { (char *)snare_test_tracee("dl_reload"),
				       TRACEE_DIR, "wait", NULL };
	char *envp[] = { preload, NULL };
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_symtab *st;
	uint64_t addr, loaded;
	snare_map *maps;
	const snare_map *m;
	struct run r;
	size_t n;

	snprintf(preload, sizeof(preload), "LD_PRELOAD=%s/libsnare_other.so",
		 TRACEE_DIR);
	r.s = snare_test_session(state, NULL);
	so.envp = envp;
	so.stdio[0].kind = SNARE_STDIO_PIPE;
	so.stdio[1].kind = SNARE_STDIO_PIPE;
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	r.p = snare_test_spawn(r.s, argv[0], argv, &so);
	r.in = snare_proc_stdio_fd(r.p, 0);
	r.out = snare_proc_stdio_fd(r.p, 1);
	until(&r, "loaded 1");
	loaded = line_addr(r.line);
	st = snare_proc_symtab(r.p);
	assert_non_null(st);
	assert_int_equal(snare_symtab_resolve(&addr, st, "reload_fn"), 0);
	assert_int_not_equal(addr, loaded);
	assert_int_equal(snare_proc_maps(&maps, &n, r.p), 0);
	m = snare_test_find_map(maps, n, addr);
	assert_non_null(m);
	assert_non_null(strstr(m->path, "/libsnare_other.so"));
	/* The premise: address order would have found the other one. */
	assert_true(loaded < addr);
	snare_maps_free(maps, n);
	/* By file, each its own. */
	assert_int_equal(snare_symtab_resolve(&addr, st,
					      "libsnare_reload.so:reload_fn"), 0);
	assert_int_equal(addr, loaded);
	assert_int_equal(snare_proc_kill(r.p), 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_pending),
		SNARE_TEST(test_pending_nopie),
		SNARE_TEST(test_set_after_load),
		SNARE_TEST(test_hardware),
		SNARE_TEST(test_straight_through),
		SNARE_TEST(test_detach_after_unload),
		SNARE_TEST(test_link_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
