/* SPDX-License-Identifier: MIT */
/*
 * test_swwatch.c: watchpoints by page protection (SNARE_WATCH_SOFTWARE),
 * on the sw_watch tracee, whose own output gives the expected counts:
 * every store of 4 threads and every read(2) into a watched counter is
 * reported once, with the right old and new values; an unaligned 64-byte
 * range next to stores that must not count; the program's own mprotect()
 * and its own SIGSEGV; fork (followed and not), exec, detach (the page
 * protections are the untraced ones again), kill, and removal while other
 * threads keep hitting the page.
 *
 * Callbacks never assert (a cmocka failure would longjmp out of
 * snare_run()): they record, and the test asserts afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bp_helpers.h"
#include "helpers.h"

#define MAXV 4096

struct rec {
	unsigned long hits, bad_order, bad_len;
	unsigned char seen[MAXV];       /* new values seen (mixed) */
	int64_t last_new;
	bool have_last;
	snare_proc *proc;
	unsigned long other_proc_hits;
	unsigned long remove_at;        /* remove the watch at this hit */
	int remove_rc;
	int64_t final_new[8];           /* block: the last new value's first 8 bytes */
};

static int
on_event(snare_session *s, const snare_event *ev, void *user)
{
	struct rec *r = user;
	int64_t o, n;

	(void)s;
	if (ev->kind != SNARE_EV_WATCHPOINT)
		return SNARE_CONTINUE;
	if (r->proc && ev->proc != r->proc) {
		r->other_proc_hits++;
		return SNARE_CONTINUE;
	}
	r->hits++;
	if (!ev->old_value || !ev->new_value) {
		r->bad_len++;
		return SNARE_CONTINUE;
	}
	if (ev->value_len == 8) {
		memcpy(&o, ev->old_value, 8);
		memcpy(&n, ev->new_value, 8);
		/* Each report's old value is the last one's new value. */
		if (r->have_last && o != r->last_new)
			r->bad_order++;
		r->last_new = n;
		r->have_last = true;
		if (n >= 0 && n < MAXV)
			r->seen[n]++;
	} else if (ev->value_len == 64) {
		memcpy(r->final_new, ev->new_value, 64);
	} else {
		r->bad_len++;
	}
	return SNARE_CONTINUE;
}

static int
remover(snare_thread *t, snare_bp *bp, void *user)
{
	struct rec *r = user;

	(void)t;
	if (r->remove_at && r->hits == r->remove_at)
		r->remove_rc = snare_bp_remove(bp);
	return SNARE_CONTINUE;
}

static snare_session *
session(void **state, struct rec *r, int follow)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;

	memset(r, 0, sizeof(*r));
	so.on_event = on_event;
	so.event_user = r;
	so.follow_forks = follow;
	return snare_test_session(state, &so);
}

static snare_bp *
watch(snare_proc *p, uint64_t addr, size_t len, int kind, struct rec *r)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	snare_bp *bp = NULL;
	int rc;

	o.kind = kind;
	o.len = len;
	o.flags = SNARE_WATCH_SOFTWARE;
	o.on_hit = remover;
	o.user = r;
	rc = snare_bp_add(&bp, p, addr, &o);
	if (rc != 0)
		fail_msg("watch 0x%llx+%zu: %s", (unsigned long long)addr, len,
			 snare_errmsg(snare_proc_session(p)));
	assert_int_equal(snare_bp_method(bp), SNARE_METHOD_PAGE);
	return bp;
}

/* The protections of p's mappings, one "start-end perms path" per line. */
static void
prot_lines(char *out, size_t cap, pid_t pid)
{
	char path[64], line[512];
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	assert_non_null(f);
	out[0] = '\0';
	while (fgets(line, sizeof(line), f) && len + strlen(line) < cap) {
		char range[64], perms[8];

		if (sscanf(line, "%63s %7s", range, perms) != 2)
			continue;
		len += (size_t)snprintf(out + len, cap - len, "%s %s\n", range, perms);
	}
	fclose(f);
}

/*
 * 4 threads, 100 rounds each, store into the watched counter or read(2)
 * into it: 400 reports, every value 0..399 once, in order.
 */
static void
test_threads_and_read(void **state)
{
	static const char *const args[] = { "mixed", "4", "100", NULL };
	static struct rec r;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	int i;

	untraced_output("sw_watch", args, want, sizeof(want));
	assert_string_equal(want, "writes 400 last 399\n");
	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	bp = watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.hits, 400);
	assert_int_equal(snare_bp_hits(bp), 400);
	assert_int_equal(r.bad_order, 0);
	assert_int_equal(r.bad_len, 0);
	for (i = 0; i < 400; i++)
		if (r.seen[i] != 1)
			fail_msg("value %d reported %d times", i, r.seen[i]);
}

/*
 * 64 bytes at an odd address, read/write: each of the N stores and N loads
 * is one report; the stores just before the range are not; the memcpy at
 * the end is reported with the copied bytes as the new value.
 */
static void
test_unaligned_range_rw(void **state)
{
	static const char *const args[] = { "block", "300", NULL };
	static struct rec r;
	char want[256], out[256], line[512];
	int64_t expect[8];
	snare_session *s;
	snare_proc *p;
	uint64_t data;
	int i;

	untraced_output("sw_watch", args, want, sizeof(want));
	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	data = addr_of(line, "g_block");
	assert_true(data % 8 != 0);
	watch(p, data, 64, SNARE_WATCH_RW, &r);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	/* 300 stores + 300 loads + the final load of data[63], then
	   the memcpy (one or more stores, by libc's choice). */
	assert_true(r.hits >= 602);
	assert_true(r.hits <= 602 + 64);
	assert_int_equal(r.bad_len, 0);
	for (i = 0; i < 64; i++)
		((char *)expect)[i] = (char)(100 + i);
	assert_memory_equal(r.final_new, expect, 64);
}

/* The program's mprotect() is followed, and its own SIGSEGV reaches it. */
static void
test_program_mprotect(void **state)
{
	static const char *const args[] = { "mprot", NULL };
	static struct rec r;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;

	untraced_output("sw_watch", args, want, sizeof(want));
	assert_string_equal(want, "mprot segv 1 value 8\n");
	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.hits, 2);
	assert_int_equal(r.last_new, 8);
	assert_int_equal(r.seen[7], 1);
}

static int
stop_at_second(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	return ++*(int *)user == 2 ? SNARE_STOP : SNARE_CONTINUE;
}

/*
 * Every mapping of before is in after with the same protection, and after
 * has no new executable one (a scratch page of ours); threads started
 * since add their stacks, which is the program's doing.
 */
static void
assert_maps_restored(const char *before, const char *after)
{
	char line[128];
	const char *at, *nl;

	for (at = before; *at; at = nl + 1) {
		nl = strchr(at, '\n');
		if (!nl)
			break;
		snprintf(line, sizeof(line), "%.*s", (int)(nl - at + 1), at);
		if (!strstr(after, line))
			fail_msg("mapping not as before the trace: %s", line);
	}
	for (at = after; *at; at = nl + 1) {
		nl = strchr(at, '\n');
		if (!nl)
			break;
		snprintf(line, sizeof(line), "%.*s", (int)(nl - at + 1), at);
		if (strchr(line, 'x') && !strstr(before, line))
			fail_msg("new executable mapping after detach: %s", line);
	}
}

static int
count_of(const char *text, const char *what)
{
	int n = 0;

	for (; (text = strstr(text, what)); text++)
		n++;
	return n;
}

/* n bytes at addr of pid's memory, read by us, not through snare. */
static void
read_mem(void *buf, pid_t pid, uint64_t addr, size_t n)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, buf, n, (off_t)addr), (ssize_t)n);
	close(fd);
}

/*
 * Detach mid-run, with two watches and a breakpoint that has run out of
 * line (a scratch page): the maps and their protections, and the code,
 * are the program's again, and it runs to its end as without snare.
 */
static void
test_detach_restores(void **state)
{
	static const char *const args[] = { "mixed", "2", "100", NULL };
	static struct rec r;
	char before[16384], after[16384], line[512], out[256];
	uint8_t code[64], code_after[64];
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	snare_bp *bp;
	uint64_t fn;
	int hits = 0;
	pid_t pid;

	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	pid = snare_proc_pid(p);
	prot_lines(before, sizeof(before), pid);
	assert_int_equal(snare_symtab_resolve(&fn, snare_proc_symtab(p),
					      "mixed_worker"), 0);
	read_mem(code, pid, fn, sizeof(code));
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_RW, &r);
	watch(p, addr_of(line, "g_block"), 64, SNARE_WATCH_WRITE, &r);
	o.on_hit = stop_at_second;
	o.user = &hits;
	assert_int_equal(snare_bp_add(&bp, p, fn, &o), 0);
	prot_lines(after, sizeof(after), pid);
	assert_string_not_equal(before, after);
	/* The library's maps show the program's protection. */
	{
		uint64_t g = addr_of(line, "g_counter");
		snare_map *maps;
		size_t n, i;
		int found = 0;

		assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
		for (i = 0; i < n; i++)
			if (g >= maps[i].start && g < maps[i].end) {
				assert_int_equal(maps[i].prot, PROT_READ | PROT_WRITE);
				found = 1;
			}
		snare_maps_free(maps, n);
		assert_true(found);
	}
	/* Thread starts hit the breakpoint; stores hit the watch. */
	go(p, "go\n");
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	if (ev.kind != SNARE_EV_BREAKPOINT)
		fail_msg("event %d, want a breakpoint (hits %d)", ev.kind, hits);
	/* The covered instruction (rip-relative) ran from a scratch page. */
	prot_lines(after, sizeof(after), pid);
	assert_true(count_of(after, " r-xp\n") > count_of(before, " r-xp\n"));
	assert_int_equal(snare_proc_detach(p, 0), 0);
	prot_lines(after, sizeof(after), pid);
	assert_maps_restored(before, after);
	read_mem(code_after, pid, fn, sizeof(code_after));
	assert_memory_equal(code, code_after, sizeof(code));
	/* Untraced, it runs to its end as without snare. */
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "end\n");
	snare_test_read_line(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "writes 200 last 199");
	assert_int_equal(snare_test_wait_exit(pid), 0);
}

/* A followed fork child has the watch; an unfollowed one runs freely. */
static void
check_fork(void **state, int follow)
{
	static const char *const args[] = { "fork", "50", NULL };
	static struct rec r;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;

	untraced_output("sw_watch", args, want, sizeof(want));
	assert_string_equal(want, "fork child exited 0 value 49\n");
	s = session(state, &r, follow);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	r.proc = p;
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.hits, 50);
	assert_int_equal(r.other_proc_hits, follow ? 50 : 0);
}

static void
test_fork_follow(void **state)
{
	check_fork(state, 1);
}

static void
test_fork_nofollow(void **state)
{
	check_fork(state, 0);
}

/* After exec the watch is gone with the image: no report, no fault. */
static void
test_exec_drops(void **state)
{
	static const char *const args[] = { "exec", "20", NULL };
	static struct rec r;
	char out[512], line[512];
	snare_session *s;
	snare_proc *p;

	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_non_null(strstr(out, "block 20 sum "));
	assert_int_equal(r.hits, 20);
}

/* Killed with a watch set: the session ends cleanly. */
static void
test_kill(void **state)
{
	static const char *const args[] = { "mixed", "3", "1000", NULL };
	static struct rec r;
	char line[512];
	snare_session *s;
	snare_proc *p;

	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	r.remove_at = 0;
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\n");
	/* Run until some reports came, then kill. */
	while (r.hits < 50) {
		snare_event ev;

		assert_int_equal(snare_run(&ev, s, SNARE_RUN_ONCE), 0);
		assert_int_not_equal(ev.kind, SNARE_EV_ALL_EXITED);
	}
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 20);
}

/*
 * Removed from its own callback while 4 threads keep storing next to it:
 * faults already on their way are absorbed, the program finishes right.
 */
static void
test_remove_under_threads(void **state)
{
	static const char *const args[] = { "mixed", "4", "150", NULL };
	static struct rec r;
	char want[256], out[256], line[512];
	snare_session *s;
	snare_proc *p;

	untraced_output("sw_watch", args, want, sizeof(want));
	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	r.remove_at = 100;
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.remove_rc, 0);
	assert_int_equal(r.hits, 100);
}

/*
 * Set by name at the exec stop, before the dynamic loader ran (the mprotect
 * is injected once the execve has returned): every store is seen.
 */
static void
test_set_at_exec_stop(void **state)
{
	static const char *const args[] = { "fork", "30", NULL };
	static struct rec r;
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	char out[512];
	snare_session *s;
	snare_proc *p;

	s = session(state, &r, 0);
	p = spawn_tracee(s, "sw_watch", args, SNARE_SPAWN_STOP_EXEC);
	r.proc = p;
	o.kind = SNARE_WATCH_WRITE;
	o.len = 8;
	o.flags = SNARE_WATCH_SOFTWARE;
	assert_int_equal(snare_bp_add_at(NULL, p, "g_counter", &o), 0);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_non_null(strstr(out, "fork child exited 0 value 29\n"));
	assert_int_equal(r.hits, 30);
}

/*
 * finish() out of a function that forks: the child's copy of the memory
 * has the int3 of the parent's finish target; it must not run into it
 * (followed or not).
 */
static void
check_finish_over_fork(void **state, int follow)
{
	static const char *const args[] = { "fork", "10", NULL };
	static struct rec r;
	char out[512], line[512];
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	uint64_t fn;

	s = session(state, &r, follow);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	assert_int_equal(snare_symtab_resolve(&fn, snare_proc_symtab(p), "fork_here"), 0);
	assert_int_equal(snare_bp_add(NULL, p, fn, NULL), 0);
	go(p, "go\nend\n");
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_int_equal(snare_thread_finish(ev.thread), 0);
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "fork child exited 0 value 9\n");
}

static void
test_finish_over_fork_follow(void **state)
{
	check_finish_over_fork(state, 1);
}

static void
test_finish_over_fork_nofollow(void **state)
{
	check_finish_over_fork(state, 0);
}

/*
 * Detach while the program is in a read(2) into the watched counter (run
 * again by us with the pages open): the syscall completes as untraced and
 * the program finishes right.
 */
static void
test_detach_in_syscall(void **state)
{
	static const char *const args[] = { "mixed", "1", "4", NULL };
	static struct rec r;
	char line[512], out[256];
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	uint64_t fd = 0;
	pid_t pid;
	int i;

	s = session(state, &r, 0);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	pid = snare_proc_pid(p);
	watch(p, addr_of(line, "g_counter"), 8, SNARE_WATCH_WRITE, &r);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_read, NULL), 0);
	go(p, "go\nend\n");
	for (i = 0; i < 20; i++) {
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		assert_int_not_equal(ev.kind, SNARE_EV_ALL_EXITED);
		if (ev.kind == SNARE_EV_SYSCALL_ENTER &&
		    snare_reg_get(&fd, ev.thread, "rdi") == 0 && fd != 0)
			break;
	}
	assert_true(fd != 0);
	assert_int_equal(snare_proc_detach(p, 0), 0);
	snare_test_read_line(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "writes 4 last 3");
	assert_int_equal(snare_test_wait_exit(pid), 0);
}

/* What the vfork test's marker callback does. */
struct vfork_rec {
	snare_proc *parent;
	uint64_t counted;
	long hits;
	int add_rc;
};

static int
add_to_parent(snare_thread *t, snare_bp *bp, void *user)
{
	struct vfork_rec *v = user;
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	(void)t;
	(void)bp;
	o.on_hit = snare_test_count_hit;
	o.user = &v->hits;
	if (!v->add_rc)
		v->add_rc = snare_bp_add(NULL, v->parent, v->counted, &o) ? -1 : 1;
	return SNARE_CONTINUE;
}

/*
 * A breakpoint added to the parent while its vfork child runs in the
 * shared memory (from a callback of the child's): the child runs into its
 * int3 and must not die of SIGTRAP; its hits are seen.
 */
static void
test_bp_added_during_vfork(void **state)
{
	static const char *const args[] = { "vfork", "25", NULL };
	static struct rec r;
	static struct vfork_rec v;
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	char out[512], line[512];
	snare_session *s;
	snare_proc *p;
	uint64_t marker;

	s = session(state, &r, 1);
	p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	memset(&v, 0, sizeof(v));
	v.parent = p;
	assert_int_equal(snare_symtab_resolve(&marker, snare_proc_symtab(p), "child_marker"), 0);
	assert_int_equal(snare_symtab_resolve(&v.counted, snare_proc_symtab(p), "child_counted"), 0);
	o.on_hit = add_to_parent;
	o.user = &v;
	assert_int_equal(snare_bp_add(NULL, p, marker, &o), 0);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "vfork child exited 0\n");
	assert_int_equal(v.add_rc, 1);
	assert_int_equal(v.hits, 25);
}

/* Bad input: clear errors, nothing protected. */
static void
test_bad_input(void **state)
{
	static const char *const args[] = { "block", "1", NULL };
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	char line[512], before[8192], after[8192];
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = start_tracee(s, "sw_watch", args, line, sizeof(line));
	snare_bp *bp = NULL;
	uint64_t g = addr_of(line, "g_counter");

	prot_lines(before, sizeof(before), snare_proc_pid(p));
	o.kind = SNARE_WATCH_WRITE;
	o.flags = SNARE_WATCH_SOFTWARE;
	o.len = 0;
	assert_int_equal(snare_bp_add(&bp, p, g, &o), -EINVAL);
	o.len = 32u << 20;
	assert_int_equal(snare_bp_add(&bp, p, g, &o), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "16 MiB"));
	o.len = 8;
	assert_int_equal(snare_bp_add(&bp, p, 0x1000, &o), -EFAULT);
	o.flags = SNARE_WATCH_SOFTWARE | SNARE_WATCH_HARDWARE;
	assert_int_equal(snare_bp_add(&bp, p, g, &o), -EINVAL);
	o.flags = 4;
	assert_int_equal(snare_bp_add(&bp, p, g, &o), -EINVAL);
	o.kind = SNARE_BP_SOFTWARE;
	o.flags = SNARE_WATCH_SOFTWARE;
	assert_int_equal(snare_bp_add(&bp, p, g, &o), -EINVAL);
	/* A version-1 caller (no flags field) still works. */
	{
		struct {
			unsigned version;
			int kind;
			size_t len;
			snare_bp_cond_fn condition;
			snare_bp_fn on_hit;
			void *user;
		} v1 = { 1, SNARE_WATCH_WRITE, 8, NULL, NULL, NULL };

		assert_int_equal(snare_bp_add(&bp, p, g, (const snare_bp_opts *)(void *)&v1), 0);
		assert_int_equal(snare_bp_remove(bp), 0);
	}
	prot_lines(after, sizeof(after), snare_proc_pid(p));
	assert_string_equal(before, after);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_threads_and_read),
		SNARE_TEST(test_unaligned_range_rw),
		SNARE_TEST(test_program_mprotect),
		SNARE_TEST(test_detach_restores),
		SNARE_TEST(test_fork_follow),
		SNARE_TEST(test_fork_nofollow),
		SNARE_TEST(test_exec_drops),
		SNARE_TEST(test_kill),
		SNARE_TEST(test_remove_under_threads),
		SNARE_TEST(test_set_at_exec_stop),
		SNARE_TEST(test_finish_over_fork_follow),
		SNARE_TEST(test_finish_over_fork_nofollow),
		SNARE_TEST(test_detach_in_syscall),
		SNARE_TEST(test_bp_added_during_vfork),
		SNARE_TEST(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
