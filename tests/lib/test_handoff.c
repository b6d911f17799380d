/* SPDX-License-Identifier: MIT */
/*
 * test_handoff.c: snare_proc_handoff() and snare_proc_takeback(). The
 * tracee (core_threads 3) calls checkpoint() three times while three
 * threads wait in their own functions. At the first hit the process is
 * handed to `gdb -batch -p PID`, which must find it stopped at checkpoint
 * (rip), and detaches; after the take-back the same breakpoint handle hits
 * twice more and the program ends with its usual output. Also through
 * snare_proc_handoff_gdb(), a gdb that kills the process (the take-back
 * says so, nothing is left behind), and the errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define EXPECTED_OUT "alpha 1\nbeta 20\ngamma 300\ntotal 321 marker 24307\n"

static const char *const rounds3[] = { "3", NULL };

static int
have_gdb(void)
{
	return system("command -v gdb >/dev/null 2>&1") == 0;
}

/* gdb -batch on pid with the commands given; its output into buf. */
static void
gdb_batch(char *buf, size_t cap, pid_t pid, const char *cmds)
{
	char cmd[1024];
	size_t n = 0, got;
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "gdb -nx -batch -iex 'set debuginfod enabled off' "
		 "-iex 'set debug-file-directory /nonexistent' -p %d %s 2>&1",
		 (int)pid, cmds);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (n + 1 < cap && (got = fread(buf + n, 1, cap - 1 - n, f)) > 0)
		n += got;
	buf[n] = '\0';
	pclose(f);
}

/* Spawn core_threads 3 with a breakpoint on checkpoint; run to its hit. */
static snare_proc *
to_first_hit(snare_session *s, snare_bp **bp)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_proc *p;
	snare_event ev;

	p = snare_test_spawn_piped(s, "core_threads", rounds3, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_bp_add_at(bp, p, "checkpoint", &bo), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(ev.bp, *bp);
	return p;
}

/* The rest of the run: two more hits of bp, then the normal exit. */
static void
finish_after(snare_session *s, snare_proc *p, snare_bp *bp)
{
	char out[512];
	snare_event ev;
	int i;

	for (i = 2; i <= 3; i++) {
		int r = snare_run(&ev, s, SNARE_RUN_DEFAULT);

		if (r != 0)
			fail_msg("run after the take-back: %d (%s)", r, snare_errmsg(s));
		assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
		assert_ptr_equal(ev.bp, bp);
		assert_int_equal(snare_test_reg(ev.thread, "rdi"), i);
	}
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, EXPECTED_OUT);
	assert_int_equal(snare_bp_hits(bp), 3);
}

/* Round trip through gdb -batch -p PID -ex 'info registers rip' -ex detach. */
static void
test_handoff_round_trip(void **state)
{
	static char out[65536];
	snare_session *s = snare_test_session(state, NULL);
	char cmd[64], want[64];
	unsigned char byte;
	snare_proc *p;
	snare_bp *bp;
	pid_t pid;

	if (!have_gdb())
		skip();
	p = to_first_hit(s, &bp);
	pid = snare_proc_pid(p);
	assert_int_equal(snare_proc_handoff(cmd, sizeof(cmd), p), 0);
	snprintf(want, sizeof(want), "gdb -p %d", (int)pid);
	assert_string_equal(cmd, want);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_DETACHED);
	/* Untraced, in group-stop, no int3 left. */
	assert_int_equal(snare_test_wait_proc_state(pid, 'T'), 'T');
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), 0);
	assert_int_equal(snare_mem_read(&byte, p, snare_bp_addr(bp), 1),
			 SNARE_EDETACHED);

	gdb_batch(out, sizeof(out), pid, "-ex 'info registers rip' -ex detach");
	if (!strstr(out, "<checkpoint"))
		fail_msg("gdb did not find the process at checkpoint:\n%.3000s", out);

	assert_int_equal(snare_proc_takeback(p, 0, 20000), 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());
	/* The int3 is back; the program's view is the original code. */
	assert_int_equal(snare_mem_read_raw(&byte, p, snare_bp_addr(bp), 1), 0);
	assert_int_equal(byte, 0xcc);
	finish_after(s, p, bp);
	snare_test_session_free(state);
}

/* snare_proc_handoff_gdb() runs gdb itself and takes the process back. */
static void
test_handoff_gdb_runs(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char pidbuf[16];
	char *argv[] = { "gdb", "-nx", "-batch", "-iex",
			 "set debuginfod enabled off", "-iex",
			 "set debug-file-directory /nonexistent", "-p", pidbuf,
			 "-ex", "info registers rip", "-ex", "detach", NULL };
	snare_proc *p;
	snare_bp *bp;

	if (!have_gdb())
		skip();
	p = to_first_hit(s, &bp);
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)snare_proc_pid(p));
	fflush(stdout);
	assert_int_equal(snare_proc_handoff_gdb(p, argv), 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	finish_after(s, p, bp);
	snare_test_session_free(state);
}

/* gdb kills the process: the take-back reports it; nothing is left. */
static void
test_handoff_killed(void **state)
{
	static char out[65536];
	snare_session *s = snare_test_session(state, NULL);
	int code = -1, sig = -1, core = -1;
	snare_proc *p;
	snare_bp *bp;

	if (!have_gdb())
		skip();
	p = to_first_hit(s, &bp);
	assert_int_equal(snare_proc_handoff(NULL, 0, p), 0);
	gdb_batch(out, sizeof(out), snare_proc_pid(p), "-ex kill");
	assert_int_equal(snare_proc_takeback(p, 0, 20000), SNARE_EEXITED);
	assert_non_null(strstr(snare_errmsg(s), "SIGKILL"));
	assert_int_equal(snare_proc_state(p), SNARE_PROC_EXITED);
	assert_int_equal(snare_proc_exit_status(&code, &sig, &core, p), 1);
	assert_int_equal(sig, SIGKILL);
	snare_test_session_free(state);
}

static int
handoff_in_callback(snare_thread *t, snare_bp *bp, void *user)
{
	(void)bp;
	*(int *)user = snare_proc_handoff(NULL, 0, snare_thread_proc(t));
	return SNARE_CONTINUE;
}

/* Errors: wrong state, nobody attaching in time. */
static void
test_handoff_errors(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char cmd[64];
	snare_proc *p;
	snare_bp *bp;

	assert_int_equal(snare_proc_handoff(cmd, sizeof(cmd), NULL), -EINVAL);
	assert_int_equal(snare_proc_takeback(NULL, 0, 0), -EINVAL);
	p = to_first_hit(s, &bp);
	assert_int_equal(snare_proc_takeback(p, 0, 0), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "not handed off"));
	assert_int_equal(snare_proc_handoff(cmd, sizeof(cmd), p), 0);
	assert_int_equal(snare_proc_handoff(cmd, sizeof(cmd), p), SNARE_EDETACHED);
	/* Nobody attaches: a timeout, still handed off. */
	assert_int_equal(snare_proc_takeback(p, 1, 50), -ETIMEDOUT);
	assert_non_null(strstr(snare_errmsg(s), "no debugger attached"));
	assert_int_equal(snare_proc_takeback(p, 0, 1000), 0);
	finish_after(s, p, bp);
	snare_test_session_free(state);
}

/* From a callback: refused, and the run goes on undisturbed. */
static void
test_handoff_from_callback(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	char out[512];
	int rc = 1;
	snare_proc *p;

	p = snare_test_spawn_piped(s, "core_threads", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bo.on_hit = handoff_in_callback;
	bo.user = &rc;
	assert_int_equal(snare_bp_add_at(NULL, p, "checkpoint", &bo), 0);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_int_equal(rc, -EBUSY);
	assert_string_equal(out, "alpha 1\nbeta 20\ngamma 300\ntotal 321 marker 24302\n");
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_handoff_round_trip),
		SNARE_TEST(test_handoff_gdb_runs),
		SNARE_TEST(test_handoff_killed),
		SNARE_TEST(test_handoff_errors),
		SNARE_TEST(test_handoff_from_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
