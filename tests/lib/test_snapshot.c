/* SPDX-License-Identifier: MIT */
/*
 * test_snapshot.c: snapshots, diffs and restores on the snap_fuzz tracee
 * (see its header). The fuzzing loop snapshots at snap_here(), then, 10 000
 * times (SNAP_ITERS; 2000 in the sanitizer build), restores, writes an input, runs to done_here() and
 * hashes the registers and every private writable mapping there: each
 * input must give the hash of its first run, and /proc/PID/maps must have
 * as many lines after each restore as at the snapshot. The inputs change
 * the layout (sbrk, new mappings, munmap and mprotect of mappings of the
 * snapshot), so restore has to undo all of that. The tracee runs without
 * glibc's rseq registration: the kernel writes the current CPU into an
 * rseq area, which would make memory differ between runs on two CPUs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static char *const tracee_env[] = { "GLIBC_TUNABLES=glibc.pthread.rseq=0",
				    NULL };

struct fz {
	snare_session *s;
	snare_proc *p;
	snare_thread *main;
	snare_bp *snap_bp, *mid_bp, *done_bp;
	uint64_t input, counter, pre, pre2;
};

static uint64_t
sym(snare_proc *p, const char *name)
{
	uint64_t a = 0;
	int r = snare_symtab_resolve(&a, snare_proc_symtab(p), name);

	if (r < 0)
		fail_msg("resolve %s: %s", name, snare_strerror(r));
	return a;
}

static snare_event
run(struct fz *f)
{
	snare_event ev;
	int r;

	memset(&ev, 0, sizeof(ev));
	r = snare_run(&ev, f->s, SNARE_RUN_DEFAULT);
	if (r < 0)
		fail_msg("snare_run: %s (%s)", snare_strerror(r), snare_errmsg(f->s));
	return ev;
}

static void
run_to(struct fz *f, snare_bp *bp)
{
	snare_event ev = run(f);

	if (ev.kind != SNARE_EV_BREAKPOINT || ev.bp != bp)
		fail_msg("event %d at 0x%llx (bp at 0x%llx, tid %d), want the breakpoint at 0x%llx",
			 ev.kind, (unsigned long long)ev.pc,
			 (unsigned long long)(ev.bp ? snare_bp_addr(ev.bp) : 0), ev.tid,
			 (unsigned long long)snare_bp_addr(bp));
}

static void
setup(void **state, struct fz *f, const char *arg)
{
	snare_session_opts o = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char *argv[3] = { (char *)"snap_fuzz", (char *)arg, NULL };

	memset(f, 0, sizeof(*f));
	/* One CPU for tracer and tracee: a stop costs no cross-CPU wake-up
	   (the threads case spins: it keeps both CPUs). */
	o.colocate = !arg;
	f->s = snare_test_session(state, &o);
	so.envp = tracee_env;
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	f->p = snare_test_spawn(f->s, snare_test_tracee("snap_fuzz"), argv, &so);
	assert_int_equal(snare_bp_add_at(&f->snap_bp, f->p, "snap_here", NULL), 0);
	assert_int_equal(snare_bp_add_at(&f->mid_bp, f->p, "mid_here", NULL), 0);
	assert_int_equal(snare_bp_add_at(&f->done_bp, f->p, "done_here", NULL), 0);
	f->input = sym(f->p, "input");
	f->counter = sym(f->p, "counter");
	run_to(f, f->snap_bp);
	f->pre = snare_test_mem64(f->p, sym(f->p, "pre"));
	f->pre2 = snare_test_mem64(f->p, sym(f->p, "pre2"));
	f->main = snare_proc_thread(f->p, snare_proc_pid(f->p));
	assert_non_null(f->main);
}

static void
set_input(struct fz *f, int kind, int b)
{
	char in[2] = { (char)kind, (char)b };

	assert_int_equal(snare_mem_write(f->p, f->input, in, 2), 0);
}

/* A word-wise FNV-style hash (len a multiple of 8 here, else the tail
   bytes count too). */
static uint64_t
fnv(uint64_t h, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	size_t i;
	uint64_t w;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
	}
	for (; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* Registers of every thread and every private writable mapping. */
static uint64_t
state_hash(snare_proc *p)
{
	static uint8_t buf[4 << 20];
	snare_thread *th[8];
	snare_map *maps = NULL;
	size_t n = 0, i, nt;
	uint64_t h = 0xcbf29ce484222325ull;

	nt = snare_proc_threads(th, 8, p);
	assert_true(nt <= 8);
	for (i = 0; i < nt; i++) {
		snare_regs r;
		snare_fpregs fp;

		assert_int_equal(snare_regs_get(&r, th[i]), 0);
		assert_int_equal(snare_fpregs_get(&fp, th[i]), 0);
		h = fnv(h, &r, sizeof(r));
		h = fnv(h, &fp, sizeof(fp));
	}
	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	for (i = 0; i < n; i++) {
		uint64_t a;

		if (!(maps[i].prot & PROT_WRITE) || maps[i].shared ||
		    !strncmp(maps[i].path, "[v", 2))
			continue;
		h = fnv(h, &maps[i].start, 8);
		h = fnv(h, &maps[i].end, 8);
		for (a = maps[i].start; a < maps[i].end; a += sizeof(buf)) {
			size_t len = maps[i].end - a < sizeof(buf) ? maps[i].end - a
								   : sizeof(buf);

			assert_int_equal(snare_mem_read(buf, p, a, len), 0);
			h = fnv(h, buf, len);
		}
	}
	snare_maps_free(maps, n);
	return h;
}

static int
maps_lines(snare_proc *p)
{
	char path[64], buf[65536];
	ssize_t n;
	int fd, lines = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", snare_proc_pid(p));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
restore_ok(snare_snapshot *snap, snare_snapshot_stats *st)
{
	int r = snare_snapshot_restore(snap, st);

	if (r < 0)
		fail_msg("restore: %s (%s)", snare_strerror(r),
			 snare_errmsg(snare_proc_session(snare_snapshot_proc(snap))));
}

/* The fuzzing loop: iters restores, four kinds of input in turn. */
static void
fuzz_loop(void **state, int full_compare, long iters)
{
	snare_snapshot_opts o = SNARE_SNAPSHOT_OPTS_INIT;
	snare_snapshot_stats st;
	snare_snapshot *snap = NULL;
	struct fz f;
	uint64_t ref[4] = { 0 }, h;
	double t_restore = 0, t_run = 0, t_hash = 0, t0 = now(), t;
	size_t written = 0, unmapped = 0, mapped = 0, prot = 0, brk = 0;
	int lines, kind, incremental;
	long i;

	setup(state, &f, NULL);
	o.full_compare = full_compare;
	if (snare_snapshot_take(&snap, f.p, &o) < 0)
		fail_msg("take: %s", snare_errmsg(f.s));
	/* As a fuzzer would: the snapshot's breakpoint is not needed again
	   (snap_threads keeps it: a restored thread steps over it). */
	assert_int_equal(snare_bp_remove(f.snap_bp), 0);
	incremental = snare_snapshot_incremental(snap);
	if (full_compare)
		assert_int_equal(incremental, 0);
	lines = maps_lines(f.p);
	for (i = 0; i < iters; i++) {
		kind = (int)(i % 4);
		t = now();
		restore_ok(snap, &st);
		t_restore += now() - t;
		assert_int_equal(st.incremental, incremental);
		written += st.pages_written;
		unmapped += st.maps_unmapped;
		mapped += st.maps_mapped;
		prot += st.maps_protected;
		brk += (size_t)st.brk_moved;
		/* The first run maps the library's scratch page (the
		   instruction under snap_here's int3 runs out of line),
		   which restore leaves: no growth from then on. */
		if (i == 1)
			lines = maps_lines(f.p);
		if (i > 0 && maps_lines(f.p) != lines)
			fail_msg("iteration %ld: %d lines in maps, %d at the snapshot",
				 i, maps_lines(f.p), lines);
		assert_int_equal(snare_test_mem64(f.p, f.counter), 0);
		set_input(&f, kind, 'a' + kind);
		t = now();
		run_to(&f, f.done_bp);
		t_run += now() - t;
		t = now();
		h = state_hash(f.p);
		t_hash += now() - t;
		if (i < 4)
			ref[kind] = h;
		else if (h != ref[kind])
			fail_msg("iteration %ld (input %d): state hash %llx, first run %llx",
				 i, kind, (unsigned long long)h,
				 (unsigned long long)ref[kind]);
		assert_int_equal(snare_test_mem64(f.p, f.counter), 1);
	}
	print_message("%ld restores (%s): %.1f us per restore, %.1f us per iteration, %.1f pages written per restore\n",
		      iters, incremental ? "soft-dirty" : "compare",
		      t_restore / (double)iters * 1e6,
		      (now() - t0) / (double)iters * 1e6,
		      (double)written / (double)iters);
	print_message("run to the breakpoint %.1f us, hash %.1f us\n",
		      t_run / (double)iters * 1e6, t_hash / (double)iters * 1e6);
	print_message("unmapped %zu mapped %zu protected %zu brk %zu\n", unmapped, mapped, prot, brk);
	/* Every kind of layout change was met and undone. */
	if (iters >= 8) {
		assert_true(unmapped >= (size_t)iters / 4);
		assert_true(mapped >= (size_t)iters / 4 - 1);
		assert_true(prot >= (size_t)iters / 4 - 1);
		assert_true(brk >= (size_t)iters / 4);
	}
	/* The inputs give different states. */
	assert_true(ref[0] != ref[1] && ref[1] != ref[2] && ref[2] != ref[3]);
	/* Restored once more, the program runs to its end. */
	restore_ok(snap, NULL);
	set_input(&f, 0, 'z');
	snare_snapshot_free(snap);
	assert_int_equal(snare_bp_remove(f.done_bp), 0);
	{
		snare_event ev = run(&f);
		int code = -1, sig = -1;

		assert_int_equal(ev.kind, SNARE_EV_ALL_EXITED);
		assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, f.p), 1);
		assert_int_equal(code, 0);
		assert_int_equal(sig, 0);
	}
}

static long
iters_env(long def)
{
	const char *e = getenv("SNAP_ITERS");

	return e && atol(e) > 0 ? atol(e) : def;
}

/* The sanitizer build runs a fifth of the loop: the plain build carries
   the 10 000 (the whole suite must stay within its time budget). */
#if defined(__SANITIZE_ADDRESS__)
#define SNAP_DEFAULT_ITERS 2000
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SNAP_DEFAULT_ITERS 2000
#endif
#endif
#ifndef SNAP_DEFAULT_ITERS
#define SNAP_DEFAULT_ITERS 10000
#endif

/* The done criterion: 10 000 restores, identical state at the breakpoint. */
static void
snap_fuzz_loop(void **state)
{
	fuzz_loop(state, 0, iters_env(SNAP_DEFAULT_ITERS));
}

/* The same without soft-dirty bits (forced): compare every saved page. */
static void
snap_fuzz_loop_compare(void **state)
{
	fuzz_loop(state, 1, iters_env(SNAP_DEFAULT_ITERS) / 10);
}

/* With soft-dirty bits, a restore after a short run writes few pages. */
static void
snap_incremental(void **state)
{
	snare_snapshot *snap = NULL;
	snare_snapshot_stats st;
	struct fz f;
	int i;

	setup(state, &f, NULL);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	if (!snare_snapshot_incremental(snap)) {
		snare_snapshot_free(snap);
		print_message("no soft-dirty bits on this kernel (CONFIG_MEM_SOFT_DIRTY)\n");
		skip();
	}
	for (i = 0; i < 20; i++) {
		restore_ok(snap, &st);
		assert_int_equal(st.incremental, 1);
		/* A run of input 0 dirties a few pages: the stack, the
		   globals, the heap. */
		if (i > 0)
			assert_true(st.pages_written > 0 && st.pages_written < 32);
		set_input(&f, 0, 'a');
		run_to(&f, f.done_bp);
	}
	snare_snapshot_free(snap);
}

/* Diffs: snapshot to snapshot, snapshot to live, and what they say. */
static void
snap_diff(void **state)
{
	snare_snapshot *a = NULL, *b = NULL;
	snare_change *c = NULL, *c2 = NULL;
	size_t n = 0, n2 = 0, i;
	struct fz f;
	uint64_t snap_pc, done_pc, newmap = 0;
	int rip = 0, counter = 0, added = 0, removed = 0, protd = 0, rdi = 0;

	setup(state, &f, NULL);
	snap_pc = snare_bp_addr(f.snap_bp);
	done_pc = snare_bp_addr(f.done_bp);
	assert_int_equal(snare_snapshot_take(&a, f.p, NULL), 0);
	assert_true(snare_snapshot_size(a) > 0);
	assert_ptr_equal(snare_snapshot_proc(a), f.p);
	/* Nothing changed: an empty diff, live and saved. */
	assert_int_equal(snare_snapshot_diff_live(&c, &n, a), 0);
	assert_int_equal(n, 0);
	snare_changes_free(c, n);

	set_input(&f, 2, 'k');
	run_to(&f, f.done_bp);
	assert_int_equal(snare_snapshot_take(&b, f.p, NULL), 0);
	assert_int_equal(snare_snapshot_diff(&c, &n, a, b), 0);
	assert_int_equal(snare_snapshot_diff_live(&c2, &n2, a), 0);
	assert_int_equal(n, n2);
	for (i = 0; i < n; i++) {
		assert_int_equal(c[i].kind, c2[i].kind);
		assert_int_equal(c[i].addr, c2[i].addr);
		assert_int_equal(c[i].len, c2[i].len);
		switch (c[i].kind) {
		case SNARE_CHANGE_REG:
			assert_int_equal(c[i].tid, snare_proc_pid(f.p));
			if (!strcmp(c[i].name, "rip")) {
				assert_int_equal(c[i].old_value, snap_pc);
				assert_int_equal(c[i].new_value, done_pc);
				rip++;
			}
			if (!strcmp(c[i].name, "rdi"))
				rdi++;
			break;
		case SNARE_CHANGE_MEM:
			assert_true(c[i].len > 0);
			assert_memory_not_equal(c[i].old_bytes, c[i].new_bytes, 1);
			if (c[i].addr <= f.counter && c[i].addr + c[i].len >= f.counter + 8) {
				uint64_t o, nw;

				memcpy(&o, c[i].old_bytes + (f.counter - c[i].addr), 8);
				memcpy(&nw, c[i].new_bytes + (f.counter - c[i].addr), 8);
				assert_int_equal(o, 0);
				assert_int_equal(nw, 1);
				counter++;
			}
			/* Coalesced and in address order. */
			if (i > 0 && c[i - 1].kind == SNARE_CHANGE_MEM)
				assert_true(c[i - 1].addr + c[i - 1].len + 16 <= c[i].addr);
			break;
		case SNARE_CHANGE_MAP_ADDED:
			added++;
			if (c[i].len >= 1 << 16 && c[i].prot == (PROT_READ | PROT_WRITE))
				newmap = c[i].addr;
			break;
		case SNARE_CHANGE_MAP_REMOVED:
			removed++;
			break;
		case SNARE_CHANGE_MAP_PROT:
			protd++;
			break;
		default:
			break;
		}
	}
	assert_int_equal(rip, 1);
	assert_int_equal(rdi, 1);
	assert_int_equal(counter, 1);
	/* The 64 KiB region and the 1 MiB block's mapping (merged when
	   they are neighbours). */
	assert_true(added >= 1);
	assert_true(newmap != 0);
	assert_int_equal(removed, 0);
	assert_int_equal(protd, 0);
	snare_changes_free(c, n);
	snare_changes_free(c2, n2);

	/* The other way round: the new region is removed. */
	assert_int_equal(snare_snapshot_diff(&c, &n, b, a), 0);
	for (i = 0, removed = 0; i < n; i++)
		if (c[i].kind == SNARE_CHANGE_MAP_REMOVED && c[i].addr == newmap)
			removed++;
	assert_int_equal(removed, 1);
	snare_changes_free(c, n);

	/* Restored: the live process is a again. */
	restore_ok(a, NULL);
	assert_int_equal(snare_snapshot_diff_live(&c, &n, a), 0);
	for (i = 0; i < n; i++)
		fprintf(stderr, "left: kind %d %s 0x%llx+%zu\n", c[i].kind, c[i].name,
			(unsigned long long)c[i].addr, c[i].len);
	assert_int_equal(n, 0);
	snare_changes_free(c, n);
	snare_snapshot_free(a);
	snare_snapshot_free(b);

	assert_int_equal(snare_snapshot_diff(NULL, &n, a, a), -EINVAL);
	snare_changes_free(NULL, 0);
}

/* Unmapped, reprotected and shrunk since: all put back, contents too. */
static void
snap_layout(void **state)
{
	snare_snapshot *snap = NULL;
	snare_snapshot_stats st;
	snare_map *maps = NULL;
	const snare_map *m;
	size_t n = 0;
	struct fz f;
	uint64_t v;

	setup(state, &f, NULL);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	set_input(&f, 3, 'c');
	run_to(&f, f.done_bp);
	assert_int_not_equal(snare_mem_read(&v, f.p, f.pre, 8), 0);
	restore_ok(snap, &st);
	assert_true(st.maps_mapped >= 1);
	assert_true(st.maps_protected >= 1);
	assert_int_equal(st.brk_moved, 1);
	assert_int_equal(snare_mem_read(&v, f.p, f.pre, 8), 0);
	assert_int_equal(v, 0x7070707070707070ull);
	assert_int_equal(snare_proc_maps(&maps, &n, f.p), 0);
	m = snare_test_find_map(maps, n, f.pre);
	assert_non_null(m);
	assert_int_equal(m->prot, PROT_READ | PROT_WRITE);
	m = snare_test_find_map(maps, n, f.pre2);
	assert_non_null(m);
	assert_int_equal(m->prot, PROT_READ | PROT_WRITE);
	snare_maps_free(maps, n);
	/* The program sees it too: the same checksum as a first run. */
	set_input(&f, 0, 'a');
	run_to(&f, f.done_bp);
	v = snare_test_reg(f.main, "rdi");
	restore_ok(snap, NULL);
	set_input(&f, 3, 'c');
	run_to(&f, f.done_bp);
	restore_ok(snap, NULL);
	set_input(&f, 0, 'a');
	run_to(&f, f.done_bp);
	assert_int_equal(snare_test_reg(f.main, "rdi"), v);
	snare_snapshot_free(snap);
}

/* Threads: each one's registers back; a new thread refuses the restore. */
static void
snap_threads(void **state)
{
	snare_snapshot *snap = NULL;
	snare_thread *th[8];
	snare_regs saved[8], r;
	uint64_t spins = 0, s0, s1, before;
	double t_restore = 0;
	size_t nt, i;
	struct fz f;
	int k, rc;

	setup(state, &f, "threads");
	spins = sym(f.p, "spins");
	nt = snare_proc_threads(th, 8, f.p);
	assert_int_equal(nt, 3);
	for (i = 0; i < nt; i++)
		assert_int_equal(snare_regs_get(&saved[i], th[i]), 0);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	s0 = snare_test_mem64(f.p, spins);
	s1 = snare_test_mem64(f.p, spins + 8);
	for (k = 0; k < 20; k++) {
		double t;

		run_to(&f, f.mid_bp);
		assert_true(snare_test_mem64(f.p, spins) >= s0 + 1000);
		t = now();
		restore_ok(snap, NULL);
		t_restore += now() - t;
		assert_int_equal(snare_proc_threads(th, 8, f.p), 3);
		for (i = 0; i < nt; i++) {
			assert_int_equal(snare_regs_get(&r, th[i]), 0);
			assert_memory_equal(&r, &saved[i], sizeof(r));
		}
		assert_int_equal(snare_test_mem64(f.p, spins), s0);
		assert_int_equal(snare_test_mem64(f.p, spins + 8), s1);
	}
	print_message("3 threads: %.1f us per restore, %zu KiB saved\n",
		      t_restore / 20 * 1e6, snare_snapshot_size(snap) / 1024);
	/* A third thread now: refused, nothing changed. */
	set_input(&f, 0, 'a');
	run_to(&f, f.mid_bp);
	run_to(&f, f.done_bp);
	assert_int_equal(snare_proc_threads(th, 8, f.p), 4);
	before = snare_test_mem64(f.p, f.counter);
	rc = snare_snapshot_restore(snap, NULL);
	assert_int_equal(rc, -EBUSY);
	assert_non_null(strstr(snare_errmsg(f.s), "created since the snapshot"));
	assert_int_equal(snare_test_mem64(f.p, f.counter), before);
	assert_int_equal(snare_test_reg(f.main, "rip"), snare_bp_addr(f.done_bp));
	snare_snapshot_free(snap);
}

/* Breakpoints set after the snapshot stay through restores. */
static void
snap_breakpoints(void **state)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_snapshot *snap = NULL;
	snare_bp *bp;
	long hits = 0;
	struct fz f;
	uint8_t raw;
	int i;

	setup(state, &f, NULL);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	bo.on_hit = snare_test_count_hit;
	bo.user = &hits;
	assert_int_equal(snare_bp_add_at(&bp, f.p, "process", &bo), 0);
	for (i = 0; i < 5; i++) {
		restore_ok(snap, NULL);
		/* The int3 is still in memory, the program's byte under it. */
		assert_int_equal(snare_mem_read_raw(&raw, f.p, snare_bp_addr(bp), 1), 0);
		assert_int_equal(raw, 0xcc);
		set_input(&f, i % 4, 'b');
		run_to(&f, f.done_bp);
	}
	/* Each run hit it once; the restored pc on snap_here's int3 was
	   stepped over, never reported again. */
	assert_int_equal(hits, 5);
	assert_int_equal(snare_bp_hits(f.snap_bp), 1);
	snare_snapshot_free(snap);
}

/* A crashed run is undone: its SIGSEGV is not delivered after restore. */
static void
snap_crash(void **state)
{
	snare_sighook_opts ho = SNARE_SIGHOOK_OPTS_INIT;
	snare_snapshot *snap = NULL;
	snare_sighook *h;
	snare_event ev;
	struct fz f;
	int i;

	setup(state, &f, NULL);
	assert_int_equal(snare_hook_signal(&h, f.s, SIGSEGV, &ho), 0);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	for (i = 0; i < 3; i++) {
		restore_ok(snap, NULL);
		set_input(&f, 4, 'x');
		ev = run(&f);
		assert_int_equal(ev.kind, SNARE_EV_SIGNAL);
		assert_int_equal(ev.signo, SIGSEGV);
		restore_ok(snap, NULL);
		set_input(&f, 0, 'a');
		run_to(&f, f.done_bp);
		assert_int_equal(snare_test_mem64(f.p, f.counter), 1);
	}
	assert_int_equal(snare_sighook_hits(h), 3);
	snare_snapshot_free(snap);
}

/* At a syscall entry restore is refused; at its exit it works. */
static void
snap_syscall_stops(void **state)
{
	snare_snapshot *snap = NULL;
	snare_hook *h;
	snare_event ev;
	struct fz f;

	setup(state, &f, NULL);
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	assert_int_equal(snare_hook_syscall_name(&h, f.s, "brk", NULL), 0);
	set_input(&f, 1, 'a');
	ev = run(&f);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(snare_snapshot_restore(snap, NULL), -EBUSY);
	assert_non_null(strstr(snare_errmsg(f.s), "syscall entry"));
	assert_int_equal(snare_test_mem64(f.p, f.counter), 1);
	ev = run(&f);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_EXIT);
	restore_ok(snap, NULL);
	assert_int_equal(snare_test_mem64(f.p, f.counter), 0);
	assert_int_equal(snare_hook_remove(h), 0);
	set_input(&f, 0, 'a');
	run_to(&f, f.done_bp);
	assert_int_equal(snare_test_mem64(f.p, f.counter), 1);
	snare_snapshot_free(snap);
}

static int
take_in_callback(snare_thread *t, snare_bp *bp, void *user)
{
	snare_snapshot *snap = NULL;

	*(int *)user = snare_snapshot_take(&snap, snare_thread_proc(t), NULL);
	snare_snapshot_free(snap);
	return SNARE_STOP;
}

/* Bad calls: clear errors, nothing taken. */
static void
snap_errors(void **state)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_snapshot_opts o = SNARE_SNAPSHOT_OPTS_INIT;
	snare_snapshot *snap = (snare_snapshot *)&o;
	snare_bp *bp;
	struct fz f;
	int got = 1;

	assert_int_equal(snare_snapshot_take(NULL, NULL, NULL), -EINVAL);
	assert_int_equal(snare_snapshot_restore(NULL, NULL), -EINVAL);
	assert_int_equal(snare_snapshot_incremental(NULL), -EINVAL);
	snare_snapshot_free(NULL);
	setup(state, &f, "threads");
	o.version = 99;
	assert_int_equal(snare_snapshot_take(&snap, f.p, &o), -EINVAL);
	assert_null(snap);
	/* From a callback, the other threads run. */
	bo.on_hit = take_in_callback;
	bo.user = &got;
	assert_int_equal(snare_bp_add_at(&bp, f.p, "process", &bo), 0);
	assert_int_equal(snare_bp_remove(f.mid_bp), 0);
	run(&f);
	assert_int_equal(got, SNARE_ERUNNING);
	assert_non_null(strstr(snare_errmsg(f.s), "not stopped"));
	/* Once the process is gone: an error, not a crash. */
	snap = NULL;
	assert_int_equal(snare_snapshot_take(&snap, f.p, NULL), 0);
	assert_int_equal(snare_proc_kill(f.p), 0);
	assert_int_equal(snare_snapshot_restore(snap, NULL), SNARE_EEXITED);
	{
		snare_change *c = NULL;
		size_t n = 1;

		assert_int_equal(snare_snapshot_diff_live(&c, &n, snap), SNARE_EEXITED);
		assert_null(c);
		assert_int_equal(n, 0);
	}
	snare_snapshot_free(snap);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(snap_fuzz_loop),
		SNARE_TEST(snap_fuzz_loop_compare),
		SNARE_TEST(snap_incremental),
		SNARE_TEST(snap_diff),
		SNARE_TEST(snap_layout),
		SNARE_TEST(snap_threads),
		SNARE_TEST(snap_breakpoints),
		SNARE_TEST(snap_crash),
		SNARE_TEST(snap_syscall_stops),
		SNARE_TEST(snap_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
