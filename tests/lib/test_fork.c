/* SPDX-License-Identifier: MIT */
/*
 * test_fork.c: following fork/vfork/exec. A tree of 50 processes all
 * traced, with a syscall hook firing in each; a vfork child that execs,
 * followed through its exec while the parent resumes; follow_forks=0, where
 * children run untraced to completion; and fake_traceme against the
 * PTRACE_TRACEME anti-debugging check.
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
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

/* A session logging every event into log (cap entries). */
static snare_session *
logged_session(void **state, struct snare_test_log *log, int follow_forks,
	       int fake_traceme)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;

	snare_test_log_init(log, 4096);
	so.follow_forks = follow_forks;
	so.fake_traceme = fake_traceme;
	so.on_event = snare_test_log_event;
	so.event_user = log;
	return snare_test_session(state, &so);
}

/* Spawn TRACEE_DIR/name with one optional argument, stdout on a pipe. */
static snare_proc *
spawn_piped(snare_session *s, const char *name, const char *arg)
{
	const char *args[] = { arg, NULL };

	return snare_test_spawn_piped(s, name, args, SNARE_TEST_PIPE_OUT,
				      SNARE_SPAWN_STOP_EXEC);
}

/* What the getpid on_exit hook saw, per process. */
struct pid_rec {
	pid_t pids[256];
	size_t npids;    /* distinct processes */
	int calls;
	int wrong;       /* retval differs from the process's pid */
	int overflow;
};

static int
getpid_exit_record(snare_thread *t, snare_syscall *sc, void *user)
{
	struct pid_rec *rec = user;
	pid_t pid = snare_proc_pid(snare_thread_proc(t));
	size_t i;

	rec->calls++;
	if (sc->retval != pid || snare_thread_tid(t) != pid)
		rec->wrong++;
	for (i = 0; i < rec->npids; i++)
		if (rec->pids[i] == pid)
			return SNARE_CONTINUE;
	if (rec->npids == 256) {
		rec->overflow++;
		return SNARE_CONTINUE;
	}
	rec->pids[rec->npids++] = pid;
	return SNARE_CONTINUE;
}

static void
hook_getpid_exit(snare_session *s, struct pid_rec *rec)
{
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;

	memset(rec, 0, sizeof(*rec));
	ho.on_exit = getpid_exit_record;
	ho.user = rec;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &ho), 0);
}

/* ---------------------------------------------------------------- */
/* Fork trees                                                       */
/* ---------------------------------------------------------------- */

/*
 * 50 descendants (10 children with 4 children each) all followed: the
 * getpid hook fires once in each of the 51 processes with its own pid.
 */
static void
test_fork_tree_followed(void **state)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 1, 0);
	struct pid_rec *rec = calloc(1, sizeof(*rec));
	char out[256];
	snare_proc *p;
	size_t i, j, news = 0;

	assert_non_null(rec);
	hook_getpid_exit(s, rec);
	p = spawn_piped(s, "hk_forktree", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_string_equal(out, "tree 50\n");
	assert_int_equal(rec->overflow, 0);
	assert_int_equal(rec->wrong, 0);
	assert_int_equal(rec->calls, 51);
	assert_int_equal(rec->npids, 51);
	assert_true(log.n <= log.cap);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_NEW), 50);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 51);
	/* Every new process is one the hook saw, and the root is too. */
	for (i = 0; i < log.n; i++) {
		if (log.ev[i].kind != SNARE_EV_PROC_NEW)
			continue;
		news++;
		for (j = 0; j < rec->npids; j++)
			if (rec->pids[j] == log.ev[i].pid)
				break;
		if (j == rec->npids)
			fail_msg("new process %d never called getpid",
				 (int)log.ev[i].pid);
		assert_int_not_equal(log.ev[i].pid, snare_proc_pid(p));
	}
	assert_int_equal(news, 50);
	for (j = 0; j < rec->npids; j++)
		if (rec->pids[j] == snare_proc_pid(p))
			break;
	assert_true(j < rec->npids);
	/* Every exit was clean (code 1 + descendants, or 0 for the root). */
	for (i = 0; i < log.n; i++)
		if (log.ev[i].kind == SNARE_EV_PROC_EXIT)
			assert_int_equal(log.ev[i].signo, 0);
	free(rec);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

/* follow_forks=0: only the root is traced; the children still complete. */
static void
test_fork_tree_not_followed(void **state)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 0, 0);
	struct pid_rec *rec = calloc(1, sizeof(*rec));
	char out[256];
	snare_proc *p;

	assert_non_null(rec);
	hook_getpid_exit(s, rec);
	p = spawn_piped(s, "hk_forktree", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_string_equal(out, "tree 50\n");
	assert_int_equal(rec->wrong, 0);
	assert_int_equal(rec->calls, 1);
	assert_int_equal(rec->npids, 1);
	assert_int_equal(rec->pids[0], snare_proc_pid(p));
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_NEW), 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	assert_int_equal(snare_test_log_find(&log, SNARE_EV_PROC_EXIT)->pid,
			 snare_proc_pid(p));
	free(rec);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* vfork + exec                                                     */
/* ---------------------------------------------------------------- */

/*
 * The vfork child is followed through its exec (SNARE_EV_EXEC with the
 * program's path), the parent resumes when it has exec'd and exits 0.
 */
static void
test_vfork_exec_followed(void **state)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 1, 0);
	const struct snare_test_event *nev = NULL, *xev = NULL;
	char out[256], want[256], real[PATH_MAX];
	struct pid_rec *rec = calloc(1, sizeof(*rec));
	snare_proc *p;
	pid_t child = 0;
	size_t i;
	int child_exit = -1, root_exit = -1, execs = 0;

	assert_non_null(rec);
	hook_getpid_exit(s, rec);
	p = spawn_piped(s, "hk_vfork", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_NEW), 1);
	nev = snare_test_log_find(&log, SNARE_EV_PROC_NEW);
	child = nev->pid;
	assert_int_not_equal(child, snare_proc_pid(p));
	snprintf(want, sizeof(want), "child %d\nparent: child exited 7\n",
		 (int)child);
	assert_string_equal(out, want);
	/* The child's exec, after its birth, with the program's path. */
	assert_non_null(realpath(snare_test_tracee("hk_vfork"), real));
	for (i = 0; i < log.n && i < log.cap; i++) {
		const struct snare_test_event *e = &log.ev[i];

		if (e->kind == SNARE_EV_EXEC && e->pid == child) {
			execs++;
			xev = e;
			assert_true(nev < e);
		} else if (e->kind == SNARE_EV_PROC_EXIT && e->pid == child) {
			child_exit = e->code;
			assert_non_null(xev); /* exec before exit */
		} else if (e->kind == SNARE_EV_PROC_EXIT &&
			   e->pid == snare_proc_pid(p)) {
			root_exit = e->code;
			assert_int_equal(e->signo, 0);
		}
	}
	assert_int_equal(execs, 1);
	assert_string_equal(xev->path, real);
	assert_int_equal(xev->old_tid, child);
	assert_int_equal(child_exit, 7);
	assert_int_equal(root_exit, 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 2);
	/* The exec'd child's getpid went through the hook. */
	assert_int_equal(rec->wrong, 0);
	assert_int_equal(rec->calls, 1);
	assert_int_equal(rec->pids[0], child);
	free(rec);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

/* follow_forks=0 with vfork: the child runs and execs untraced. */
static void
test_vfork_exec_not_followed(void **state)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 0, 0);
	struct pid_rec *rec = calloc(1, sizeof(*rec));
	char out[256];
	snare_proc *p;
	size_t i;

	assert_non_null(rec);
	hook_getpid_exit(s, rec);
	p = spawn_piped(s, "hk_vfork", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_non_null(strstr(out, "\nparent: child exited 7\n"));
	assert_true(strncmp(out, "child ", 6) == 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_NEW), 0);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	for (i = 0; i < log.n && i < log.cap; i++)
		if (log.ev[i].kind == SNARE_EV_EXEC)
			assert_int_equal(log.ev[i].pid, snare_proc_pid(p));
	assert_int_equal(rec->calls, 0);
	free(rec);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* fake_traceme                                                     */
/* ---------------------------------------------------------------- */

static void
check_traceme(void **state, int fake, const char *want)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 1, fake);
	char out[256];
	snare_proc *p;

	p = spawn_piped(s, "hk_traceme", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_string_equal(out, want);
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

/* With fake_traceme, PTRACE_TRACEME "succeeds" as without a tracer. */
static void
test_fake_traceme_on(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("hk_traceme"), NULL };
	char plain[256];
	int out_fd = -1, status;
	pid_t pid;

	/* The untraced answer first. */
	pid = snare_test_fork_exec(argv, NULL, &out_fd);
	snare_test_read_all(out_fd, plain, sizeof(plain));
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(plain, "traceme 0 0\ndone\n");
	check_traceme(state, 1, plain);
}

/* Without it, the tracee sees the tracer: -1 EPERM. */
static void
test_fake_traceme_off(void **state)
{
	check_traceme(state, 0, "traceme -1 EPERM\ndone\n");
}

/* fake_traceme works with hooks present too (PTRACE_SYSCALL mode). */
static void
test_fake_traceme_with_hooks(void **state)
{
	struct snare_test_log log;
	snare_session *s = logged_session(state, &log, 1, 1);
	struct pid_rec rec;
	char out[256];
	snare_proc *p;

	hook_getpid_exit(s, &rec);
	p = spawn_piped(s, "hk_traceme", NULL);
	snare_test_finish(s, p, 1000, out, sizeof(out));
	assert_string_equal(out, "traceme 0 0\ndone\n");
	snare_test_log_free(&log);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_fork_tree_followed),
		SNARE_TEST(test_fork_tree_not_followed),
		SNARE_TEST(test_vfork_exec_followed),
		SNARE_TEST(test_vfork_exec_not_followed),
		SNARE_TEST(test_fake_traceme_on),
		SNARE_TEST(test_fake_traceme_off),
		SNARE_TEST(test_fake_traceme_with_hooks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
