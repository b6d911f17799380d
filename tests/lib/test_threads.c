/* SPDX-License-Identifier: MIT */
/*
 * test_threads.c: threads under snare. Hundreds of threads created and
 * exiting while traced, none lost (every SNARE_EV_THREAD_NEW has its
 * SNARE_EV_THREAD_EXIT, and the tracee counted them all too); the thread
 * handles of a stopped process agree with /proc; killing a process with
 * many threads, stopped or in the middle of creating them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

/* Index of the first event of kind for tid after index from, or -1. */
static long
find_tid(const struct snare_test_log *log, int kind, pid_t tid, size_t from)
{
	size_t i;

	for (i = from; i < log->n && i < log->cap; i++)
		if (log->ev[i].kind == kind && log->ev[i].tid == tid)
			return (long)i;
	return -1;
}

static void
check_threads(void **state, const char *tracee, const char *mode, int n)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char count[16], out[128], want[128];
	char *argv[] = { (char *)path, count, (char *)mode, NULL };
	struct snare_test_log log;
	const struct snare_test_event *e;
	size_t i, news = 0, exits = 0;
	int code = -1;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	snprintf(count, sizeof(count), "%d", n);
	snare_test_log_init(&log, 8 * n + 64);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, &so);
	p = snare_test_spawn(s, path, argv, &po);
	pid = snare_proc_pid(p);
	snare_test_run_to_end(s, 16);
	assert_true(log.n <= log.cap);

	/* What the tracee itself counted. */
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	snprintf(want, sizeof(want), "threads %d ran %d\n", n, n);
	assert_string_equal(out, want);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);

	/* Every new thread is reported once and exits once, in order. */
	for (i = 0; i < log.n; i++) {
		e = &log.ev[i];
		if (e->kind == SNARE_EV_THREAD_NEW) {
			long x;

			news++;
			assert_int_equal(e->pid, pid);
			assert_int_not_equal(e->tid, pid);
			if (find_tid(&log, SNARE_EV_THREAD_NEW, e->tid, i + 1) >= 0)
				fail_msg("thread %d reported new twice",
					 (int)e->tid);
			x = find_tid(&log, SNARE_EV_THREAD_EXIT, e->tid, i + 1);
			if (x < 0)
				fail_msg("thread %d: no exit event after its "
					 "creation", (int)e->tid);
			assert_int_equal(log.ev[x].code, 0);
			assert_int_equal(log.ev[x].signo, 0);
		} else if (e->kind == SNARE_EV_THREAD_EXIT && e->tid != pid) {
			exits++;
			if (find_tid(&log, SNARE_EV_THREAD_EXIT, e->tid, i + 1) >= 0)
				fail_msg("thread %d reported exited twice",
					 (int)e->tid);
		}
	}
	if (news != (size_t)n || exits != (size_t)n)
		fail_msg("%s %d: %zu THREAD_NEW, %zu THREAD_EXIT", mode, n,
			 news, exits);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->code, 0);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

static void
test_threads_one_at_a_time(void **state)
{
	check_threads(state, "threads", "seq", 200);
}

static void
test_threads_burst(void **state)
{
	check_threads(state, "threads", "burst", 200);
	check_threads(state, "threads-nopie", "burst", 200);
}

static void
test_threads_all_alive(void **state)
{
	check_threads(state, "threads", "together", 200);
}

/* The thread handles of a stopped process match /proc/PID/task. */
static void
test_thread_handles(void **state)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("threads");
	char *argv[] = { (char *)path, "20", "hold", NULL };
	snare_thread *ths[32];
	char line[64], dir[64], out[64];
	int code = -1, signo = -1, in_fd;
	snare_session *s;
	snare_proc *p;
	pid_t pid;
	size_t n, i;

	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = snare_test_spawn(s, path, argv, &po);
	pid = snare_proc_pid(p);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "ready 20");

	assert_int_equal(snare_test_count_threads(pid), 21);
	n = snare_proc_threads(ths, 32, p);
	assert_int_equal(n, 21);
	assert_int_equal(snare_proc_threads(ths, 4, p), 21);
	assert_int_equal(snare_thread_tid(ths[0]), pid);
	n = snare_proc_threads(ths, 32, p);
	for (i = 0; i < n; i++) {
		pid_t tid = snare_thread_tid(ths[i]);

		snprintf(dir, sizeof(dir), "/proc/%d/task/%d", (int)pid,
			 (int)tid);
		if (access(dir, F_OK) != 0)
			fail_msg("thread %d is not in %s", (int)tid, dir);
		/* All-stop: every thread is in tracing stop. */
		assert_int_equal(snare_test_task_state(pid, tid), 't');
		assert_ptr_equal(snare_proc_thread(p, tid), ths[i]);
		assert_ptr_equal(snare_thread_proc(ths[i]), p);
		assert_int_equal(snare_thread_alive(ths[i]), 1);
		assert_int_equal(snare_thread_exit_status(&code, &signo,
							  ths[i]), 0);
	}
	assert_null(snare_proc_thread(p, getpid()));
	assert_null(snare_proc_thread(p, -1));

	/* EOF on stdin lets every thread finish. */
	in_fd = snare_proc_take_stdio_fd(p, 0);
	assert_true(in_fd >= 0);
	close(in_fd);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "threads 20 ran 20\n");
	/* The worker handles were freed once their exits were reported
	   (snare.h, Lifetimes): only the process tells the end now. */
	assert_int_equal(snare_proc_threads(NULL, 0, p), 0);
	assert_int_equal(snare_proc_exit_status(&code, &signo, NULL, p), 1);
	assert_int_equal(code, 0);
	assert_int_equal(signo, 0);
	snare_test_session_free(state);
}

/* Kill a process whose 100 threads all block in read(). */
static void
test_kill_many_threads(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("threads");
	char *argv[] = { (char *)path, "100", "hold", NULL };
	struct snare_test_log log;
	const struct snare_test_event *e;
	int code = -1, signo = -1;
	char line[64];
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	snare_test_log_init(&log, 2048);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, &so);
	p = snare_test_spawn(s, path, argv, &po);
	pid = snare_proc_pid(p);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "ready 100");
	assert_int_equal(snare_test_count_threads(pid), 101);

	assert_int_equal(snare_proc_kill(p), 0);
	/* The status is known at once, and the process is reaped. */
	assert_int_equal(snare_proc_exit_status(&code, &signo, NULL, p), 1);
	assert_int_equal(signo, SIGKILL);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_EXITED);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	/* The next run reports the exit, then that nothing is left. */
	snare_test_run_to_end(s, 4);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->signo, SIGKILL);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

/* An observer that stops the loop at the 50th new thread. */
static int
stop_at_50th_thread(snare_session *s, const struct snare_event *ev,
		    void *user)
{
	int *news = user;

	(void)s;
	if (ev->kind == SNARE_EV_THREAD_NEW && ++*news == 50)
		return SNARE_STOP;
	return SNARE_CONTINUE;
}

/* Kill while threads are being created and others exit. */
static void
test_kill_while_creating_threads(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	const char *path = snare_test_tracee("threads");
	char *argv[] = { (char *)path, "200", "burst", NULL };
	int news = 0, signo = -1, ntasks;
	snare_event ev;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	so.on_event = stop_at_50th_thread;
	so.event_user = &news;
	s = snare_test_session(state, &so);
	p = snare_test_spawn(s, path, argv, NULL);
	pid = snare_proc_pid(p);
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(news, 50);
	assert_int_equal(ev.kind, SNARE_EV_THREAD_NEW);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	ntasks = snare_test_count_threads(pid);
	assert_true(ntasks >= 2 && ntasks <= 51);
	assert_int_equal(snare_proc_kill(p), 0);
	assert_int_equal(snare_proc_exit_status(NULL, &signo, NULL, p), 1);
	assert_int_equal(signo, SIGKILL);
	snare_test_run_to_end(s, 4);
	assert_int_equal(snare_test_proc_state(pid), 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_threads_one_at_a_time),
		SNARE_TEST(test_threads_burst),
		SNARE_TEST(test_threads_all_alive),
		SNARE_TEST(test_thread_handles),
		SNARE_TEST(test_kill_many_threads),
		SNARE_TEST(test_kill_while_creating_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
