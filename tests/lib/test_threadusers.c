/* SPDX-License-Identifier: MIT */
/*
 * test_threadusers.c: per-thread data of the caller kept on the thread
 * handles. Every handle given a user pointer gets exactly one
 * snare_session_on_thread_free() call, and only once nothing can name it
 * any more: a thread's exit event still sees its pointer; non-leader
 * threads are let go of during the run, the rest at snare_session_free().
 * Handles are found by tid and listed across the session
 * (snare_session_thread(), snare_session_threads()), and an exec from a
 * non-leader thread keeps the exec'ing thread's data under the leader's
 * tid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

/* What a test puts on each thread. */
struct tdata {
	pid_t tid;	/* the tid the thread had when the data was made */
	int exits;	/* exit events that found this data */
};

struct counts {
	int made, freed, bad_free, exits_seen, exits_without;
	int execs;
	bool no_new_data; /* THREAD_NEW gives no data */
	pid_t exec_tid, exec_old_tid;
	struct tdata *exec_data; /* the handle's data in the exec event */
	snare_thread *exec_thread;
	snare_thread *looked_up; /* snare_session_thread(s, pid) there */
	snare_thread *looked_up_old; /* and by its old_tid */
};

static void
give_data(snare_thread *t, struct counts *c)
{
	struct tdata *d;

	if (!t || snare_thread_user(t))
		return;
	d = calloc(1, sizeof(*d));
	if (!d)
		return;
	d->tid = snare_thread_tid(t);
	snare_thread_set_user(t, d);
	c->made++;
}

static void
on_free(snare_thread *t, void *thread_user, void *user)
{
	struct counts *c = user;
	struct tdata *d = thread_user;

	/* The handle still tells its user pointer, the one passed. */
	if (!d || snare_thread_user(t) != d)
		c->bad_free++;
	c->freed++;
	free(d);
}

static int
observe(snare_session *s, const snare_event *ev, void *user)
{
	struct counts *c = user;
	struct tdata *d;

	switch (ev->kind) {
	case SNARE_EV_THREAD_NEW:
		if (!c->no_new_data)
			give_data(ev->thread, c);
		break;
	case SNARE_EV_THREAD_EXIT:
		d = snare_thread_user(ev->thread);
		if (d && d->tid == ev->tid)
			d->exits++, c->exits_seen++;
		else
			c->exits_without++;
		break;
	case SNARE_EV_EXEC:
		c->execs++;
		c->exec_tid = ev->tid;
		c->exec_old_tid = ev->old_tid;
		c->exec_thread = ev->thread;
		c->exec_data = snare_thread_user(ev->thread);
		c->looked_up = snare_session_thread(s, ev->tid);
		c->looked_up_old = snare_session_thread(s, ev->old_tid);
		break;
	default:
		break;
	}
	return SNARE_CONTINUE;
}

static snare_session *
counting_session(void **state, struct counts *c)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_session *s;

	memset(c, 0, sizeof(*c));
	so.on_event = observe;
	so.event_user = c;
	s = snare_test_session(state, &so);
	assert_int_equal(snare_session_on_thread_free(s, on_free, c), 0);
	return s;
}

/* 30 threads one after the other: each one's data is freed during the
   run, after its exit event saw it; the leader's at session free. */
static void
test_thread_data_freed_once(void **state)
{
	const char *path = snare_test_tracee("threads");
	char *argv[] = { (char *)path, "30", "seq", NULL };
	struct counts c;
	snare_session *s = counting_session(state, &c);
	snare_proc *p = snare_test_spawn(s, path, argv, NULL);

	give_data(snare_proc_thread(p, snare_proc_pid(p)), &c);
	snare_test_run_to_end(s, 16);
	assert_int_equal(c.made, 31);
	assert_int_equal(c.exits_without, 0);
	/* Every thread's exit event (the leader's too) found its data. */
	assert_int_equal(c.exits_seen, 31);
	/* The threads are retired and freed during the run (the last ones
	   may wait for the next snare_run); the leader's handle lives with
	   the process handle. */
	assert_true(c.freed >= 25 && c.freed <= 30);
	assert_int_equal(c.bad_free, 0);
	snare_test_session_free(state);
	assert_int_equal(c.freed, 31);
	assert_int_equal(c.bad_free, 0);
}

/* Live threads are found by tid and listed; freeing the session (which
   kills the program) frees each one's data once. */
static void
test_session_threads_lookup(void **state)
{
	const char *args[] = { "5", "hold", NULL };
	snare_thread *all[16], *one;
	struct counts c;
	snare_session *s = counting_session(state, &c);
	snare_proc *p = snare_test_spawn_piped(s, "threads", args,
					       SNARE_TEST_PIPE_IN |
						       SNARE_TEST_PIPE_OUT,
					       SNARE_SPAWN_STOP_EXEC);
	char line[64];
	size_t n, i;

	give_data(snare_proc_thread(p, snare_proc_pid(p)), &c);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "ready 5");
	n = snare_session_threads(NULL, 0, s);
	assert_int_equal(n, 6);
	/* A short array: the count is still the total. */
	assert_int_equal(snare_session_threads(all, 2, s), 6);
	assert_int_equal(snare_session_threads(all, 16, s), 6);
	assert_ptr_equal(all[0], snare_proc_thread(p, snare_proc_pid(p)));
	for (i = 0; i < n; i++) {
		pid_t tid = snare_thread_tid(all[i]);
		struct tdata *d = snare_thread_user(all[i]);

		one = snare_session_thread(s, tid);
		assert_ptr_equal(one, all[i]);
		assert_ptr_equal(one, snare_proc_thread(p, tid));
		assert_non_null(d);
		assert_int_equal(d->tid, tid);
	}
	assert_null(snare_session_thread(s, 0));
	assert_null(snare_session_thread(s, -1));
	assert_null(snare_session_thread(s, getpid()));
	assert_null(snare_session_thread(NULL, snare_proc_pid(p)));
	assert_int_equal(snare_session_threads(all, 16, NULL), 0);
	assert_int_equal(c.made, 6);
	assert_int_equal(c.freed, 0);
	snare_test_session_free(state);
	assert_int_equal(c.freed, 6);
	assert_int_equal(c.bad_free, 0);
}

/* A thread other than the leader execs: its handle, with its data, has
   the leader's tid in the exec event; the former leader's handle is dead
   and its data freed once, at the end. */
static void
test_exec_from_thread_keeps_data(void **state)
{
	const char *path = snare_test_tracee("exec_thread");
	const char *target = snare_test_tracee("exit_code");
	char *argv[] = { (char *)path, "thread", (char *)target, "0", NULL };
	struct counts c;
	snare_session *s = counting_session(state, &c);
	snare_proc *p = snare_test_spawn(s, path, argv, NULL);
	pid_t pid = snare_proc_pid(p);
	int code = -1;

	give_data(snare_proc_thread(p, pid), &c);
	snare_test_run_to_end(s, 16);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	assert_int_equal(c.execs, 1);
	assert_int_equal(c.exec_tid, pid);
	assert_int_not_equal(c.exec_old_tid, pid);
	/* The exec'ing thread's data, made when it was new. */
	assert_non_null(c.exec_data);
	assert_int_equal(c.exec_data->tid, c.exec_old_tid);
	assert_ptr_equal(c.looked_up, c.exec_thread);
	assert_ptr_equal(c.looked_up_old, c.exec_thread);
	assert_int_equal(c.made, 2);
	assert_int_equal(c.bad_free, 0);
	snare_test_session_free(state);
	assert_int_equal(c.freed, 2);
	assert_int_equal(c.bad_free, 0);
}

/* A callback removed is not called; bad arguments are refused. */
static void
test_thread_free_args(void **state)
{
	const char *path = snare_test_tracee("threads");
	char *argv[] = { (char *)path, "3", "seq", NULL };
	struct counts c;
	snare_session *s = counting_session(state, &c);
	snare_proc *p = snare_test_spawn(s, path, argv, NULL);
	snare_thread *leader = snare_proc_thread(p, snare_proc_pid(p));

	assert_int_equal(snare_session_on_thread_free(NULL, on_free, &c),
			 -EINVAL);
	assert_int_equal(snare_session_on_thread_free(s, NULL, NULL), 0);
	c.no_new_data = true;
	give_data(leader, &c);
	snare_test_run_to_end(s, 16);
	assert_int_equal(c.made, 1);
	/* Nobody freed it: no callback. The data stays the test's. */
	free(snare_thread_user(leader));
	snare_test_session_free(state);
	assert_int_equal(c.freed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_thread_data_freed_once),
		SNARE_TEST(test_session_threads_lookup),
		SNARE_TEST(test_exec_from_thread_keeps_data),
		SNARE_TEST(test_thread_free_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
