/* SPDX-License-Identifier: MIT */
/*
 * test_strays.c: snare_session_report_strays(), on the stray_clone tracee.
 *
 *  - a CLONE_PARENT child (ours, not traced with follow_forks off) that
 *    exits is reported once as SNARE_EV_STRAY_EXIT with its pid and code;
 *  - nothing is reported without the call, or after turning it off;
 *  - a CLONE_PTRACE child with follow_forks off is let go and reported as
 *    SNARE_EV_STRAY_DETACHED (its death goes to its own parent, which
 *    sees SIGUSR1 kill it); with follow_forks on it is traced: no stray;
 *    the same for clone3, whose flags are in memory (struct clone_args);
 *  - a traced thread that dies is never a stray (threads that vanish in
 *    an exec from another thread);
 *  - a child of the tracer born while the process is handed off to gdb
 *    (gdb's `call` makes it clone with CLONE_PARENT) is not the session's
 *    to report, though the session's wait reaps it after the take-back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

/* Run name with arg to the end; return its stdout's first number. */
static long
run_stray_args(void **state, struct snare_test_log *log, const char *name,
	       const char *const *args, int follow, int report)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	char out[256];

	snare_test_log_init(log, 4096);
	so.follow_forks = follow;
	so.on_event = snare_test_log_event;
	so.event_user = log;
	s = snare_test_session(state, &so);
	assert_int_equal(snare_session_report_strays(s, report), 0);
	p = snare_test_spawn_piped(s, name, args,
				   SNARE_TEST_PIPE_OUT, SNARE_SPAWN_STOP_EXEC);
	snare_test_finish(s, p, 100, out, sizeof(out));
	snare_test_session_free(state);
	return strtol(out, NULL, 10);
}

static long
run_stray(void **state, struct snare_test_log *log, const char *name,
	  const char *arg, int follow, int report)
{
	const char *args[] = { arg, NULL };

	return run_stray_args(state, log, name, args, follow, report);
}

static void
stray_exit_reported(void **state)
{
	struct snare_test_log log;
	const struct snare_test_event *e;
	long pid = run_stray(state, &log, "stray_clone", "parent", 0, 1);

	assert_true(pid > 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_EXIT), 1);
	e = snare_test_log_find(&log, SNARE_EV_STRAY_EXIT);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->code, 42);
	assert_int_equal(e->signo, 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_DETACHED),
			 0);
	snare_test_log_free(&log);
}

static void
stray_off_by_default(void **state)
{
	struct snare_test_log log;

	assert_true(run_stray(state, &log, "stray_clone", "parent", 0, 0) > 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_EXIT), 0);
	snare_test_log_free(&log);
	assert_true(run_stray(state, &log, "stray_clone", "ptrace", 0, 0) > 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_DETACHED),
			 0);
	snare_test_log_free(&log);
}

/* A CLONE_PTRACE child (clone or clone3, by mode) when children are
   not followed: reported once as detached; followed, a child like any. */
static void
ptrace_child_case(void **state, const char *mode)
{
	struct snare_test_log log;
	const struct snare_test_event *e;
	long pid = run_stray(state, &log, "stray_clone", mode, 0, 1);

	assert_true(pid > 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_DETACHED),
			 1);
	e = snare_test_log_find(&log, SNARE_EV_STRAY_DETACHED);
	assert_int_equal(e->pid, pid);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_EXIT), 0);
	snare_test_log_free(&log);

	assert_true(run_stray(state, &log, "stray_clone", mode, 1, 1) > 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_DETACHED),
			 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_EXIT), 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_NEW), 1);
	snare_test_log_free(&log);
}

static void
stray_ptrace_detached(void **state)
{
	ptrace_child_case(state, "ptrace");
}

static void
stray_clone3_ptrace_detached(void **state)
{
	/* No clone3 (kernels before 5.3): ENOSYS; EFAULT otherwise. */
	errno = 0;
	if (syscall(SYS_clone3, NULL, (size_t)64) < 0 && errno == ENOSYS)
		skip();
	ptrace_child_case(state, "ptrace3");
}

static void
stray_not_for_threads(void **state)
{
	const char *args[] = { "thread", "/bin/true", NULL };
	struct snare_test_log log;
	int follow;

	for (follow = 0; follow <= 1; follow++) {
		run_stray_args(state, &log, "exec_thread", args, follow, 1);
		assert_int_equal(snare_test_log_count(&log,
						      SNARE_EV_STRAY_EXIT), 0);
		snare_test_log_free(&log);
	}
}

static void
stray_not_from_handoff(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	const char *args[] = { "handoff", NULL };
	struct snare_test_log log;
	char pid[16], out[256];
	snare_session *s;
	snare_proc *p;
	snare_event ev;
	snare_bp *bp;
	long child;
	int r;

	if (system("command -v gdb >/dev/null 2>&1") != 0)
		skip();
	snare_test_log_init(&log, 4096);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	assert_int_equal(snare_session_report_strays(s, 1), 0);
	p = snare_test_spawn_piped(s, "stray_clone", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_bp_add_at(&bp, p, "checkpoint", &bo), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	snprintf(pid, sizeof(pid), "%d", (int)snare_proc_pid(p));
	/* The hand-off's SIGSTOP comes when gdb runs the call: not for it. */
	{
		char *const gdb[] = {
			"gdb", "-nx", "-batch", "-iex",
			"set debuginfod enabled off", "-p", pid, "-ex",
			"handle SIGSTOP nostop noprint nopass", "-ex",
			"call (long)make_stray()", "-ex", "detach", NULL
		};

		r = snare_proc_handoff_gdb(p, gdb);
	}
	if (r != 0)
		fail_msg("hand-off: %d (%s)", r, snare_errmsg(s));
	snare_test_finish(s, p, 100, out, sizeof(out));
	child = strtol(out, NULL, 10);
	if (child <= 0)
		fail_msg("gdb made no child: '%s'", out);
	/* The session's wait reaped it (the tracee waited for that) and
	   said nothing of it. */
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_STRAY_EXIT), 0);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

static void
stray_bad_input(void **state)
{
	assert_int_equal(snare_session_report_strays(NULL, 1), -EINVAL);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(stray_exit_reported),
		SNARE_TEST(stray_off_by_default),
		SNARE_TEST(stray_ptrace_detached),
		SNARE_TEST(stray_clone3_ptrace_detached),
		SNARE_TEST(stray_not_for_threads),
		SNARE_TEST(stray_not_from_handoff),
		SNARE_TEST(stray_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
