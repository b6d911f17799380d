/* SPDX-License-Identifier: MIT */
/*
 * test_attach.c: attaching to processes snare did not start. The targets
 * are started by the test with a plain fork+exec: a four-thread worker
 * (threads blocked or spinning), a job-control tracee stopped with SIGSTOP
 * before the attach. After detach (explicit, or by session free) the
 * process is clean in /proc and finishes with the output of an untraced
 * run. Also: running an attached process to its end under snare, and the
 * attach errors (own pid, bad pids, a missing pid, an already traced one).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* Run workers4 untraced to its end and return its output in out. */
static void
oracle_workers4(const char *tracee, const char *mode, char *out, size_t cap)
{
	char *argv[] = { (char *)snare_test_tracee(tracee), (char *)mode,
			 NULL };
	char line[64];
	int in_fd, out_fd, status;
	pid_t pid = snare_test_fork_exec(argv, &in_fd, &out_fd);

	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");
	snare_test_write_str(in_fd, "go\n");
	close(in_fd);
	snare_test_read_all(out_fd, out, cap);
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(out, "result "));
}

static snare_proc *
attach_ok(snare_session *s, pid_t pid)
{
	snare_proc *p = NULL;
	int rc = snare_attach(&p, s, pid);

	if (rc != 0)
		fail_msg("attach %d: %s (%s)", (int)pid, snare_strerror(rc),
			 snare_errmsg(s));
	assert_non_null(p);
	assert_int_equal(snare_proc_pid(p), pid);
	return p;
}

/* Every thread of pid is in tracing stop under this process. */
static void
assert_all_traced_stopped(snare_proc *p, int want_threads)
{
	pid_t pid = snare_proc_pid(p);
	snare_thread *ths[16];
	uint64_t pc;
	size_t n, i;

	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_count_threads(pid), want_threads);
	n = snare_proc_threads(ths, 16, p);
	assert_int_equal(n, (size_t)want_threads);
	assert_int_equal(snare_thread_tid(ths[0]), pid);
	for (i = 0; i < n; i++) {
		pid_t tid = snare_thread_tid(ths[i]);
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)pid,
			 (int)tid);
		assert_int_equal(access(path, F_OK), 0);
		assert_int_equal(snare_test_task_state(pid, tid), 't');
		assert_int_equal(snare_thread_pc(&pc, ths[i]), 0);
		assert_int_not_equal(pc, 0);
	}
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());
}

static void
check_attach_detach(void **state, const char *tracee, const char *mode,
		    int explicit_detach)
{
	char *argv[] = { (char *)snare_test_tracee(tracee), (char *)mode,
			 NULL };
	char want[128], out[128], line[64];
	int in_fd, out_fd, status;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	oracle_workers4(tracee, mode, want, sizeof(want));

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");

	s = snare_test_session(state, NULL);
	p = attach_ok(s, pid);
	assert_null(snare_proc_parent(p));
	assert_ptr_equal(snare_proc_session(p), s);
	assert_all_traced_stopped(p, 5);
	if (explicit_detach) {
		assert_int_equal(snare_proc_detach(p, 0), 0);
		assert_int_equal(snare_proc_state(p), SNARE_PROC_DETACHED);
		assert_int_equal(snare_proc_pid(p), pid);
		snare_test_assert_detached(pid, 0);
	}
	snare_test_session_free(state);
	snare_test_assert_detached(pid, 0);
	assert_int_equal(snare_test_count_threads(pid), 5);

	/* It goes on as if nothing happened. */
	snare_test_write_str(in_fd, "go\n");
	close(in_fd);
	snare_test_read_all(out_fd, out, sizeof(out));
	close(out_fd);
	assert_string_equal(out, want);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_attach_detach_blocked_threads(void **state)
{
	check_attach_detach(state, "workers4", "block", 1);
}

static void
test_attach_detach_spinning_threads(void **state)
{
	check_attach_detach(state, "workers4", "spin", 1);
	check_attach_detach(state, "workers4-nopie", "spin", 1);
}

static void
test_session_free_detaches(void **state)
{
	check_attach_detach(state, "workers4", "spin", 0);
}

/* Attach, then let the process run to its end under snare. */
static void
test_attach_run_to_exit(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char *argv[] = { (char *)snare_test_tracee("workers4"), "spin", NULL };
	struct snare_test_log log;
	const struct snare_test_event *e;
	char want[128], out[128], line[64];
	int in_fd, out_fd, code = -1;
	snare_session *s;
	snare_proc *p;
	pid_t pid;
	size_t i, exits = 0;

	oracle_workers4("workers4", "spin", want, sizeof(want));
	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");

	snare_test_log_init(&log, 256);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	p = attach_ok(s, pid);
	assert_all_traced_stopped(p, 5);
	snare_test_write_str(in_fd, "go\n");
	close(in_fd);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(out_fd, out, sizeof(out));
	close(out_fd);
	assert_string_equal(out, want);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_non_null(e);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->code, 0);
	for (i = 0; i < log.n && i < log.cap; i++)
		if (log.ev[i].kind == SNARE_EV_THREAD_EXIT &&
		    log.ev[i].tid != pid)
			exits++;
	assert_int_equal(exits, 4);
	/* snare reaped it (it was traced when it exited). */
	snare_test_session_free(state);
	snare_test_assert_no_children();
	snare_test_log_free(&log);
}

/* A process stopped by SIGSTOP before the attach stays stopped after. */
static void
test_attach_group_stopped(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("stopme"), NULL };
	char line[64], rest[64];
	int in_fd, out_fd, status;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");
	assert_int_equal(kill(pid, SIGSTOP), 0);
	assert_int_equal(waitpid(pid, &status, WUNTRACED), pid);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(snare_test_proc_state(pid), 'T');

	s = snare_test_session(state, NULL);
	p = attach_ok(s, pid);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_proc_detach(p, 0), 0);
	snare_test_session_free(state);
	/* Still stopped, and no longer traced. */
	snare_test_assert_detached(pid, 1);
	assert_int_equal(snare_test_wait_proc_state(pid, 'T'), 'T');
	snare_test_write_str(in_fd, "late\n");
	assert_false(snare_test_readable(out_fd, 200));

	assert_int_equal(kill(pid, SIGCONT), 0);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "echo late");
	close(in_fd);
	snare_test_read_all(out_fd, rest, sizeof(rest));
	close(out_fd);
	assert_string_equal(rest, "conts 1\n");
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/*
 * A process stopped by SIGSTOP before the attach: the first snare_run()
 * reports its group-stop (strace's "--- stopped by SIGSTOP ---"), and it
 * stays stopped until SIGCONT, then runs to its end.
 */
static void
test_attach_group_stopped_reported(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("stopme"), NULL };
	char line[64], rest[64];
	int in_fd, out_fd, status, code = -1;
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	pid_t pid;

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");
	assert_int_equal(kill(pid, SIGSTOP), 0);
	assert_int_equal(waitpid(pid, &status, WUNTRACED), pid);
	assert_true(WIFSTOPPED(status));

	s = snare_test_session(state, NULL);
	p = attach_ok(s, pid);
	/* A timeout, not a hang, when the group-stop goes unreported. */
	assert_int_equal(snare_run_timeout(&ev, s, SNARE_RUN_ONCE, 10000), 0);
	assert_int_equal(ev.kind, SNARE_EV_GROUP_STOP);
	assert_int_equal(ev.tid, pid);
	assert_int_equal(ev.signo, SIGSTOP);
	/* Its line waits in the pipe until SIGCONT. */
	snare_test_write_str(in_fd, "late\n");
	close(in_fd);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_NOWAIT), 0);
	assert_int_equal(ev.kind, SNARE_EV_NONE);
	assert_int_equal(snare_test_wait_proc_state(pid, 't'), 't');
	assert_false(snare_test_readable(out_fd, 0));
	assert_int_equal(kill(pid, SIGCONT), 0);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(out_fd, rest, sizeof(rest));
	close(out_fd);
	assert_string_equal(rest, "echo late\nconts 1\n");
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_session_free(state);
	snare_test_assert_no_children();
}

/* A pid that does not exist now. */
static pid_t
missing_pid(void)
{
	pid_t pid;

	for (pid = 4194000; pid > 1000; pid--)
		if (kill(pid, 0) == -1 && errno == ESRCH)
			return pid;
	fail_msg("no free pid found");
	return -1;
}

static void
test_attach_errors(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = NULL;

	assert_int_equal(snare_attach(&p, s, getpid()), -EINVAL);
	assert_int_equal(snare_attach(&p, s, 0), -EINVAL);
	assert_int_equal(snare_attach(&p, s, -1), -EINVAL);
	assert_int_equal(snare_attach(&p, s, missing_pid()), -ESRCH);
	assert_null(p);
	snare_test_run_to_end(s, 1);
	snare_test_session_free(state);
}

/*
 * A process traced by another tracer: a helper child forks a grandchild
 * that calls PTRACE_TRACEME and stops, sends us its pid, and waits for a
 * byte before killing and reaping it.
 */
static void
test_attach_traced_by_other_process(void **state)
{
	int to_us[2], to_helper[2], status;
	char pidstr[16], c = 0;
	snare_session *s;
	snare_proc *p = NULL;
	pid_t helper, target = 0;

	assert_int_equal(pipe2(to_us, O_CLOEXEC), 0);
	assert_int_equal(pipe2(to_helper, O_CLOEXEC), 0);
	helper = fork();
	assert_true(helper >= 0);
	if (helper == 0) {
		pid_t g = fork();

		if (g == 0) {
			ptrace(PTRACE_TRACEME, 0, NULL, NULL);
			raise(SIGSTOP);
			_exit(0);
		}
		if (g < 0 || waitpid(g, &status, 0) != g)
			_exit(1);
		if (write(to_us[1], &g, sizeof(g)) != sizeof(g))
			_exit(1);
		if (read(to_helper[0], &c, 1) < 0)
			_exit(1);
		kill(g, SIGKILL);
		waitpid(g, &status, 0);
		_exit(0);
	}
	close(to_us[1]);
	close(to_helper[0]);
	assert_true(snare_test_readable(to_us[0], SNARE_TEST_TIMEOUT_MS));
	assert_int_equal(read(to_us[0], &target, sizeof(target)),
			 sizeof(target));
	close(to_us[0]);
	assert_int_equal(snare_test_status_field(target, "TracerPid"), helper);

	s = snare_test_session(state, NULL);
	assert_int_equal(snare_attach(&p, s, target), -EPERM);
	assert_null(p);
	snprintf(pidstr, sizeof(pidstr), "%d", (int)helper);
	if (!strstr(snare_errmsg(s), pidstr))
		fail_msg("message '%s' does not name tracer pid %s",
			 snare_errmsg(s), pidstr);
	snare_test_session_free(state);
	/* Untouched: still traced by the helper. */
	assert_int_equal(snare_test_status_field(target, "TracerPid"), helper);
	assert_int_equal(write(to_helper[1], &c, 1), 1);
	close(to_helper[1]);
	status = snare_test_wait_exit(helper);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/*
 * A process this very process already traces (here through TRACEME; two
 * sessions in one process are the same case): -EPERM naming our pid.
 */
static void
test_attach_traced_by_this_process(void **state)
{
	snare_session *s;
	snare_proc *p = NULL;
	char pidstr[16];
	pid_t pid;
	int status;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSTOPPED(status));
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());
	s = snare_test_session(state, NULL);
	status = snare_attach(&p, s, pid);
	snprintf(pidstr, sizeof(pidstr), "%d", (int)getpid());
	if (status != -EPERM || !strstr(snare_errmsg(s), pidstr)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		fail_msg("attach to a process we trace: %d '%s', want %d and "
			 "a message naming pid %s", status, snare_errmsg(s),
			 -EPERM, pidstr);
	}
	assert_null(p);
	snare_test_session_free(state);
	/* Still ours, still stopped. */
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_attach_detach_blocked_threads),
		SNARE_TEST(test_attach_detach_spinning_threads),
		SNARE_TEST(test_session_free_detaches),
		SNARE_TEST(test_attach_run_to_exit),
		SNARE_TEST(test_attach_group_stopped),
		SNARE_TEST(test_attach_group_stopped_reported),
		SNARE_TEST(test_attach_errors),
		SNARE_TEST(test_attach_traced_by_other_process),
		SNARE_TEST(test_attach_traced_by_this_process),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
