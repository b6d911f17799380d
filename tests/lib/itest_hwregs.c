/* SPDX-License-Identifier: MIT */
/*
 * itest_hwregs: the debug-register bookkeeping, on any machine. Where the
 * hypervisor never delivers debug exceptions (the machines this project is
 * built on), hardware breakpoints and watchpoints are refused and their
 * behaviour tests are skipped; but what the library writes into each
 * thread's DR0-DR3 and DR7 does not need an exception to be checked. This
 * test declares the probe passed (a white-box write of the session's
 * cached answer) and reads the registers back with PTRACE_PEEKUSER:
 *   - four requests fill DR0-DR3 with their addresses, and DR7 holds each
 *     slot's local-enable bit, R/W and LEN fields as the Intel SDM (vol. 3,
 *     17.2.4) lays them out, computed here from the manual's table, not
 *     from the library's helper;
 *   - a fifth fails with -ENOSPC and says why; removing one frees its slot
 *     and clears its enable bit; disabling clears the bit, enabling sets it;
 *   - threads created later carry the same registers at their first stop
 *     (the kernel gives a new thread none), checked on every thread at a
 *     software breakpoint the new threads hit.
 * The hardware entries carry counting callbacks, so on a machine where the
 * debug registers do fire the run is the same, with hits counted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <unistd.h>

#include <cmocka.h>

#include "bp_helpers.h"
#include "helpers.h"
#include "core/internal.h"

/* DR7 bits for slot i (Intel SDM vol. 3, 17.2.4): L<i> is bit 2i; R/W<i>
   bits 16+4i..17+4i (00 execute, 01 write, 11 read/write); LEN<i> bits
   18+4i..19+4i (00 1 byte, 01 2, 11 4, 10 8). */
static uint64_t
sdm_dr7(int i, int rw, int len)
{
	uint64_t lenbits = len == 1 ? 0 : len == 2 ? 1 : len == 4 ? 3 : 2;

	return (1ull << (2 * i)) | ((uint64_t)rw << (16 + 4 * i)) |
	       (lenbits << (18 + 4 * i));
}

static uint64_t
peek_dr(pid_t tid, int n)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid,
		   (void *)(offsetof(struct user, u_debugreg) + n * sizeof(long)),
		   NULL);
	if (v == -1 && errno)
		fail_msg("PEEKUSER DR%d of %d: %s", n, (int)tid, strerror(errno));
	return (uint64_t)v;
}

/* DR7's enable and condition bits (the rest belongs to the kernel). */
static uint64_t
dr7_of(pid_t tid)
{
	return peek_dr(tid, 7) & 0xffff00ffull;
}

static int
count_hit(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(*(unsigned long *)user)++;
	return SNARE_CONTINUE;
}

static snare_bp *
add_hw(snare_proc *p, int kind, uint64_t addr, size_t len, unsigned long *hits)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	o.kind = kind;
	o.len = len;
	o.on_hit = count_hit;
	o.user = hits;
	return add_bp(p, addr, &o);
}

/* Every live thread of p has DR0-DR3 = want_addr and DR7 = want_dr7. */
static void
assert_all_threads(snare_proc *p, const uint64_t want_addr[4],
		   uint64_t want_dr7, size_t min_threads)
{
	snare_thread *ts[16];
	size_t n = snare_proc_threads(ts, 16, p), i;
	int r;

	assert_true(n >= min_threads && n <= 16);
	for (i = 0; i < n; i++) {
		pid_t tid = snare_thread_tid(ts[i]);

		for (r = 0; r < 4; r++)
			if (want_addr[r] && peek_dr(tid, r) != want_addr[r])
				fail_msg("thread %d: DR%d 0x%llx, want 0x%llx",
					 (int)tid, r,
					 (unsigned long long)peek_dr(tid, r),
					 (unsigned long long)want_addr[r]);
		if (dr7_of(tid) != want_dr7)
			fail_msg("thread %d: DR7 0x%llx, want 0x%llx", (int)tid,
				 (unsigned long long)dr7_of(tid),
				 (unsigned long long)want_dr7);
	}
}

static void
test_debug_registers_written(void **state)
{
	static const char *const args[] = { "write", "3", "50", NULL };
	snare_session *s = snare_test_session(state, NULL);
	unsigned long hits[5] = { 0 };
	uint64_t g, other, load, store, want[4], dr7;
	snare_bp *exec_bp, *wwatch, *rwatch, *w8, *fifth, *sw;
	char line[1024], out[256];
	snare_thread *t;
	snare_proc *p;
	int rc;

	/* The white-box part: the probe's answer, as on a machine where
	   debug exceptions are delivered. */
	s->hw_ok = 1;
	p = start_tracee(s, "bp_watch", args, line, sizeof(line));
	g = addr_of(line, "g_watched");
	other = addr_of(line, "g_other");
	load = addr_of(line, "watch_load");
	store = addr_of(line, "watch_store");

	exec_bp = add_hw(p, SNARE_BP_HARDWARE, load, 1, &hits[0]);
	wwatch = add_hw(p, SNARE_WATCH_WRITE, g, 8, &hits[1]);
	rwatch = add_hw(p, SNARE_WATCH_RW, other, 4, &hits[2]);
	w8 = add_hw(p, SNARE_WATCH_WRITE, other + 8, 2, &hits[3]);
	want[0] = load;
	want[1] = g;
	want[2] = other;
	want[3] = other + 8;
	dr7 = sdm_dr7(0, 0, 1) | sdm_dr7(1, 1, 8) | sdm_dr7(2, 3, 4) |
	      sdm_dr7(3, 1, 2);
	assert_all_threads(p, want, dr7, 1);

	/* A fifth: no slot. */
	fifth = NULL;
	{
		snare_bp_opts o = SNARE_BP_OPTS_INIT;

		o.kind = SNARE_WATCH_RW;
		o.len = 8;
		o.flags = SNARE_WATCH_HARDWARE;
		rc = snare_bp_add(&fifth, p, other + 16, &o);
		assert_int_equal(rc, -ENOSPC);
		assert_null(fifth);
		assert_non_null(strstr(snare_errmsg(s), "debug registers"));
		assert_all_threads(p, want, dr7, 1);
		/* Without the flag, a fifth watch takes page protection. */
		o.flags = 0;
		assert_int_equal(snare_bp_add(&fifth, p, other + 16, &o), 0);
		assert_int_equal(snare_bp_method(fifth), SNARE_METHOD_PAGE);
		assert_int_equal(snare_bp_method(wwatch), SNARE_METHOD_DEBUGREG);
		assert_int_equal(snare_bp_remove(fifth), 0);
		fifth = NULL;
	}
	assert_all_threads(p, want, dr7, 1);

	/* Disable and enable slot 1; remove slot 0 and reuse it. */
	assert_int_equal(snare_bp_enable(wwatch, 0), 0);
	assert_all_threads(p, want, dr7 & ~sdm_dr7(1, 1, 8), 1);
	assert_int_equal(snare_bp_enable(wwatch, 1), 0);
	assert_all_threads(p, want, dr7, 1);
	assert_int_equal(snare_bp_remove(exec_bp), 0);
	dr7 &= ~sdm_dr7(0, 0, 1);
	assert_int_equal(dr7_of(snare_proc_pid(p)), dr7);
	fifth = add_hw(p, SNARE_WATCH_RW, other + 16, 8, &hits[4]);
	want[0] = other + 16;
	dr7 |= sdm_dr7(0, 3, 8);
	assert_all_threads(p, want, dr7, 1);

	/* Threads created from now on: stop in one of them and look at
	   every thread, the three writers included. */
	sw = add_stopping(p, store);
	go(p, "go\n");
	t = run_to_bp(s, sw, store);
	assert_int_not_equal(snare_thread_tid(t), snare_proc_pid(p));
	assert_all_threads(p, want, dr7, 2);

	assert_int_equal(snare_bp_remove(sw), 0);
	go(p, "end\n");
	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "stores 150\n");
	(void)rwatch;
	(void)w8;
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_debug_registers_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
