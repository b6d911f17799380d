/* SPDX-License-Identifier: MIT */
/*
 * itest_attach: white-box tests of attach. The EPERM explanation is tested
 * with an injected kernel.yama.ptrace_scope (CI machines have no Yama, as
 * strace's attach-p-eperm-yama test does), and attaching to a process whose
 * leader is a zombie goes through its live threads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"
#include "core/internal.h"

static void
test_explain_yama(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("echo"), NULL };
	char msg[512];
	int in_fd, out_fd, status;
	pid_t pid;

	(void)state;
	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	assert_int_equal(snare__attach_explain(msg, sizeof(msg), pid, -EPERM, 1),
			 -EPERM);
	assert_non_null(strstr(msg, "ptrace_scope=1"));
	assert_non_null(strstr(msg, "PR_SET_PTRACER"));
	snare__attach_explain(msg, sizeof(msg), pid, -EPERM, 2);
	assert_non_null(strstr(msg, "ptrace_scope=2"));
	assert_non_null(strstr(msg, "CAP_SYS_PTRACE"));
	snare__attach_explain(msg, sizeof(msg), pid, -EPERM, 3);
	assert_non_null(strstr(msg, "ptrace_scope=3"));
	/* Without Yama and as root, what is left is policy. */
	snare__attach_explain(msg, sizeof(msg), pid, -EPERM, -1);
	assert_non_null(strstr(msg, "policy"));
	snare__attach_explain(msg, sizeof(msg), pid, -ESRCH, -1);
	assert_non_null(strstr(msg, "no such process"));
	/* Kill first: with its stdin closed, echo could exit by itself. */
	kill(pid, SIGKILL);
	close(in_fd);
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFSIGNALED(status));
}

static void
test_attach_zombie_leader(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("zombie_leader"), NULL };
	snare_thread *threads[4];
	char line[64];
	snare_session *s;
	snare_proc *p;
	snare_event ev;
	int in_fd, out_fd, status;
	pid_t pid;

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");
	assert_int_equal(snare_test_wait_proc_state(pid, 'Z'), 'Z');

	s = snare_test_session(state, NULL);
	assert_int_equal(snare_attach(&p, s, pid), 0);
	/* Only the live thread is traced, and it is stopped. */
	assert_int_equal(snare_proc_threads(threads, 4, p), 1);
	assert_int_not_equal(snare_thread_tid(threads[0]), pid);
	assert_int_equal(snare_test_status_field(snare_thread_tid(threads[0]),
						 "TracerPid"),
			 getpid());
	/* Run it to its end under the tracer: the exit is reported. */
	snare_test_write_str(in_fd, "hello\n");
	do
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	while (ev.kind != SNARE_EV_ALL_EXITED);
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "got hello");
	snare_test_session_free(state);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	close(in_fd);
	close(out_fd);
}

/*
 * An asynchronous interrupt wakes the blocked loop with a SIGSTOP to the
 * tracee. When the loop honours the interrupt first, that SIGSTOP may still
 * be pending: a detach must not hand it to the process, which would stop.
 * Under PTRACE_SYSCALL (a hook) the interrupted read also leaves a syscall
 * stop queued in front of it.
 */
static void
test_detach_after_async_interrupt(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("echo"), NULL };
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	char line[64];
	snare_session *s;
	snare_proc *p;
	int in_fd, out_fd, status, round;
	pid_t pid;

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	for (round = 0; round < 5; round++) {
		s = snare_test_session(state, NULL);
		assert_int_equal(snare_attach(&p, s, pid), 0);
		ho.on_exit = NULL;
		assert_int_equal(snare_hook_syscall_name(NULL, s, "getppid", &ho), 0);
		snare_test_write_str(in_fd, "ping\n");
		/* Returns by snare_session_interrupt() from another thread,
		   sent while the loop is blocked and the tracee in read(). */
		snare_test_run_until_line(s, out_fd, line, sizeof(line));
		assert_string_equal(line, "PING");
		assert_int_equal(snare_proc_detach(p, 0), 0);
		snare_test_session_free(state);
		snare_test_assert_detached(pid, 0);
		assert_int_not_equal(snare_test_proc_state(pid), 'T');
	}
	/* Still running, not stopped: it answers. */
	snare_test_write_str(in_fd, "last\n");
	snare_test_read_line(out_fd, line, sizeof(line));
	assert_string_equal(line, "LAST");
	close(in_fd);
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_explain_yama),
		SNARE_TEST(test_attach_zombie_leader),
		SNARE_TEST(test_detach_after_async_interrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
