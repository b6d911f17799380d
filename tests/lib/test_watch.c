/* SPDX-License-Identifier: MIT */
/*
 * test_watch.c: watchpoints (and their debug registers). The argument
 * checks (length 1, 2, 4 or 8, aligned) come before the debug registers
 * are probed, so they are tested everywhere. The rest needs debug-register
 * exceptions: on a machine whose hypervisor does not deliver them,
 * snare_bp_add() returns -ENOTSUP with a message naming debug registers,
 * and those tests are reported as skipped. Where they work: every store of
 * 3 threads is counted, a read/write watch counts loads and stores, the
 * reported pc is after the accessing instruction and insn_addr at it, and
 * a fifth debug register request fails with -ENOSPC.
 *
 * The tracee (bp_watch) accesses its 8-byte global only through 7-byte
 * assembly instructions whose addresses it prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bp_helpers.h"
#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

/* What a watch callback saw. */
struct watch_rec {
	unsigned long hits;
	unsigned long bad_pc;     /* pc not after one of the two accesses */
	unsigned long bad_insn;   /* insn_addr neither 0 nor the access */
	unsigned long insn_known; /* insn_addr given (and right) */
	uint64_t store, load;     /* the accessing instructions (7 bytes) */
};

/* The event observer sees insn_addr; the callback checks the pc. */
static int
watch_observer(snare_session *s, const snare_event *ev, void *user)
{
	struct watch_rec *r = user;

	(void)s;
	if (ev->kind != SNARE_EV_WATCHPOINT)
		return SNARE_CONTINUE;
	if (ev->pc != ev->insn_addr + 7 && ev->insn_addr != 0)
		r->bad_insn++;
	else if (ev->insn_addr == r->store || ev->insn_addr == r->load)
		r->insn_known++;
	else if (ev->insn_addr != 0)
		r->bad_insn++;
	return SNARE_CONTINUE;
}

static int
watch_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct watch_rec *r = user;
	uint64_t pc = 0;

	(void)bp;
	r->hits++;
	if (snare_thread_pc(&pc, t) != 0 ||
	    (pc != r->store + 7 && pc != r->load + 7))
		r->bad_pc++;
	return SNARE_CONTINUE;
}

/* How the case's watches are made: SNARE_WATCH_HARDWARE (debug
   registers, skipped where they do not fire) or SNARE_WATCH_SOFTWARE. */
static unsigned watch_flags = SNARE_WATCH_HARDWARE;

static int
add_watch(snare_bp **out, snare_proc *p, uint64_t addr, int kind, size_t len,
	  struct watch_rec *r)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	o.kind = kind;
	o.len = len;
	o.flags = watch_flags;
	if (r) {
		o.on_hit = watch_hit;
		o.user = r;
	}
	return snare_bp_add(out, p, addr, &o);
}

/* ---------------------------------------------------------------- */
/* Argument checks (before any probe)                               */
/* ---------------------------------------------------------------- */

static void
test_watch_bad_args(void **state)
{
	static const char *const args[] = { "write", "1", "1", NULL };
	char line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	uint64_t g;

	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_watch", args, line, sizeof(line));
	g = addr_of(line, "g_watched");

	bp = (snare_bp *)1;
	assert_int_equal(add_watch(&bp, p, g, SNARE_WATCH_WRITE, 3, NULL),
			 -EINVAL);
	assert_null(bp);
	assert_non_null(strstr(snare_errmsg(s), "length"));
	assert_int_equal(add_watch(&bp, p, g, SNARE_WATCH_RW, 0, NULL),
			 -EINVAL);
	assert_int_equal(add_watch(&bp, p, g, SNARE_WATCH_WRITE, 16, NULL),
			 -EINVAL);
	/* Misaligned: 4 bytes at +2, 8 bytes at +4, 2 bytes at +1. */
	assert_int_equal(add_watch(&bp, p, g + 2, SNARE_WATCH_WRITE, 4, NULL),
			 -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "aligned"));
	assert_int_equal(add_watch(&bp, p, g + 4, SNARE_WATCH_RW, 8, NULL),
			 -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "aligned"));
	assert_int_equal(add_watch(&bp, p, g + 1, SNARE_WATCH_WRITE, 2, NULL),
			 -EINVAL);
	assert_null(bp);

	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 10);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Counting accesses                                                */
/* ---------------------------------------------------------------- */

/* 3 threads store N times each into the watched global: 3N hits. */
static void
check_watch_write(void **state, const char *name, unsigned flags)
{
	const char *n = flags == SNARE_WATCH_SOFTWARE ? "500" : "2000";
	const char *const args[] = { "write", "3", n, NULL };
	char total[32];
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char want[256], out[256], line[512];
	struct watch_rec r;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp = NULL;
	uint64_t last;
	int rc;

	watch_flags = flags;
	snprintf(total, sizeof(total), "stores %d", 3 * atoi(n));
	untraced_output(name, args, want, sizeof(want));
	assert_int_equal(strncmp(want, total, strlen(total)), 0);
	memset(&r, 0, sizeof(r));
	so.on_event = watch_observer;
	so.event_user = &r;
	s = snare_test_session(state, &so);
	p = start_tracee(s, name, args, line, sizeof(line));
	r.store = addr_of(line, "watch_store");
	r.load = addr_of(line, "watch_load");
	rc = add_watch(&bp, p, addr_of(line, "g_watched"), SNARE_WATCH_WRITE, 8,
		       &r);
	skip_if_no_debug_registers(s, rc);
	assert_int_equal(rc, 0);
	assert_int_equal(snare_bp_kind(bp), SNARE_WATCH_WRITE);
	assert_int_equal(snare_bp_method(bp), flags == SNARE_WATCH_SOFTWARE
						     ? SNARE_METHOD_PAGE
						     : SNARE_METHOD_DEBUGREG);
	go(p, "go\n");
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), out,
				  sizeof(out));
	assert_string_equal(out, total);
	/* The global holds one thread's last store. */
	assert_int_equal(snare_mem_read(&last, p, addr_of(line, "g_watched"),
					sizeof(last)), 0);
	assert_true(last % 1000000 == (uint64_t)atoi(n) - 1 && last / 1000000 < 3);
	go(p, "end\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "");
	assert_int_equal(r.hits, 3 * atoi(n));
	assert_int_equal(snare_bp_hits(bp), 3 * atoi(n));
	assert_int_equal(r.bad_pc, 0);
	assert_int_equal(r.bad_insn, 0);
	/* insn_addr is best effort; here the instruction is unambiguous
	   (and always known by page protection). */
	assert_true(r.insn_known > 0);
	if (flags == SNARE_WATCH_SOFTWARE)
		assert_int_equal(r.insn_known, 3 * atoi(n));
	snare_test_session_free(state);
}

static void
test_watch_write_pie(void **state)
{
	check_watch_write(state, "bp_watch", SNARE_WATCH_HARDWARE);
}

static void
test_watch_write_nopie(void **state)
{
	check_watch_write(state, "bp_watch-nopie", SNARE_WATCH_HARDWARE);
}

static void
test_watch_write_pie_sw(void **state)
{
	check_watch_write(state, "bp_watch", SNARE_WATCH_SOFTWARE);
}

static void
test_watch_write_nopie_sw(void **state)
{
	check_watch_write(state, "bp_watch-nopie", SNARE_WATCH_SOFTWARE);
}

/* A read/write watch counts the 500 loads and the 500 stores. */
static void
check_watch_rw(void **state, unsigned flags)
{
	static const char *const args[] = { "rw", "500", NULL };
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char want[256], out[256], line[512];
	struct watch_rec r;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp = NULL;
	int rc;

	watch_flags = flags;
	untraced_output("bp_watch", args, want, sizeof(want));
	assert_string_equal(want, "rw 500 500 124251\n");
	memset(&r, 0, sizeof(r));
	so.on_event = watch_observer;
	so.event_user = &r;
	s = snare_test_session(state, &so);
	p = start_tracee(s, "bp_watch", args, line, sizeof(line));
	r.store = addr_of(line, "watch_store");
	r.load = addr_of(line, "watch_load");
	rc = add_watch(&bp, p, addr_of(line, "g_watched"), SNARE_WATCH_RW, 8,
		       &r);
	skip_if_no_debug_registers(s, rc);
	assert_int_equal(rc, 0);
	go(p, "go\nend\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	assert_int_equal(r.hits, 1000);
	assert_int_equal(snare_bp_hits(bp), 1000);
	assert_int_equal(r.bad_pc, 0);
	assert_int_equal(r.bad_insn, 0);
	snare_test_session_free(state);
}

static void
test_watch_rw(void **state)
{
	check_watch_rw(state, SNARE_WATCH_HARDWARE);
}

static void
test_watch_rw_sw(void **state)
{
	check_watch_rw(state, SNARE_WATCH_SOFTWARE);
}

/*
 * Without a callback a watchpoint stops: the event carries the pc after
 * the store and insn_addr at it, the old and new value, and the stored
 * value is in memory.
 */
static void
check_watch_stop(void **state, unsigned flags)
{
	static const char *const args[] = { "write", "1", "3", NULL };
	char out[256], line[512];
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	snare_bp *bp = NULL;
	uint64_t store, g, v;
	int rc, i;

	watch_flags = flags;
	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_watch", args, line, sizeof(line));
	store = addr_of(line, "watch_store");
	g = addr_of(line, "g_watched");
	rc = add_watch(&bp, p, g, SNARE_WATCH_WRITE, 8, NULL);
	skip_if_no_debug_registers(s, rc);
	assert_int_equal(rc, 0);
	go(p, "go\nend\n");
	for (i = 0; i < 3; i++) {
		memset(&ev, 0, sizeof(ev));
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		assert_int_equal(ev.kind, SNARE_EV_WATCHPOINT);
		assert_ptr_equal(ev.bp, bp);
		assert_int_equal(ev.pc, store + 7);
		assert_true(ev.insn_addr == store ||
			    (ev.insn_addr == 0 && flags != SNARE_WATCH_SOFTWARE));
		assert_int_equal(snare_mem_read(&v, p, g, sizeof(v)), 0);
		assert_int_equal(v, (uint64_t)i);
		assert_int_equal(ev.value_len, 8);
		assert_non_null(ev.old_value);
		assert_non_null(ev.new_value);
		memcpy(&v, ev.new_value, 8);
		assert_int_equal(v, (uint64_t)i);
		memcpy(&v, ev.old_value, 8);
		/* g_watched starts at 0, and the first store is 0 too. */
		assert_int_equal(v, (uint64_t)(i ? i - 1 : 0));
		if (flags == SNARE_WATCH_SOFTWARE)
			assert_int_equal(ev.access_addr, g);
	}
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "stores 3\n");
	assert_int_equal(snare_bp_hits(bp), 3);
	snare_test_session_free(state);
}

static void
test_watch_stop(void **state)
{
	check_watch_stop(state, SNARE_WATCH_HARDWARE);
}

static void
test_watch_stop_sw(void **state)
{
	check_watch_stop(state, SNARE_WATCH_SOFTWARE);
}

/* Four debug registers: the fifth request is -ENOSPC. */
static void
test_watch_enospc(void **state)
{
	static const char *const args[] = { "write", "1", "1", NULL };
	char line[512];
	snare_session *s;
	snare_proc *p;
	snare_bp *bp[4], *fifth = NULL;
	uint64_t other, g;
	int rc, i;

	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_watch", args, line, sizeof(line));
	other = addr_of(line, "g_other");
	g = addr_of(line, "g_watched");
	rc = add_watch(&bp[0], p, other, SNARE_WATCH_WRITE, 8, NULL);
	skip_if_no_debug_registers(s, rc);
	assert_int_equal(rc, 0);
	for (i = 1; i < 4; i++)
		assert_int_equal(add_watch(&bp[i], p, other + 8 * i,
					   i % 2 ? SNARE_WATCH_RW
						 : SNARE_WATCH_WRITE,
					   8, NULL), 0);
	assert_int_equal(add_watch(&fifth, p, g, SNARE_WATCH_WRITE, 8, NULL),
			 -ENOSPC);
	assert_null(fifth);
	/* A hardware breakpoint shares the registers. */
	{
		snare_bp_opts o = SNARE_BP_OPTS_INIT;

		o.kind = SNARE_BP_HARDWARE;
		assert_int_equal(snare_bp_add(&fifth, p,
					      addr_of(line, "watch_store"), &o),
				 -ENOSPC);
	}
	/* Freeing one makes room. */
	assert_int_equal(snare_bp_remove(bp[2]), 0);
	assert_int_equal(add_watch(&fifth, p, g, SNARE_WATCH_WRITE, 8, NULL),
			 0);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 10);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_watch_bad_args),
		SNARE_TEST(test_watch_write_pie),
		SNARE_TEST(test_watch_write_nopie),
		SNARE_TEST(test_watch_rw),
		SNARE_TEST(test_watch_stop),
		SNARE_TEST(test_watch_enospc),
		SNARE_TEST(test_watch_write_pie_sw),
		SNARE_TEST(test_watch_write_nopie_sw),
		SNARE_TEST(test_watch_rw_sw),
		SNARE_TEST(test_watch_stop_sw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
