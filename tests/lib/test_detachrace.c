/* SPDX-License-Identifier: MIT */
/*
 * test_detachrace.c: a detach must never leave a thread the SIGTRAP of one
 * of our int3s. The race it repeats: threads of td_counted hit a
 * breakpoint on counted() in a tight loop while a SIGSTOP comes; a thread
 * that executed the int3 just before the group-stop began enters the
 * group-stop with the SIGTRAP still pending, and its group-stop may stay
 * queued behind the one that ends snare_run(). Detached like that, it died
 * of the SIGTRAP at the SIGCONT (test_teardown.group_stop_4t_detach saw it
 * about once in a hundred runs under load).
 *
 * One tracee, many rounds: attach, breakpoint, a SIGSTOP sent from the
 * breakpoint's callback while the other threads keep hitting it, run to
 * the group-stop, detach (every thread back in the group-stop, untraced),
 * SIGCONT. A stray SIGTRAP kills the program at that SIGCONT (after one
 * line on stderr that says where), which the next round's attach or run
 * finds. At the end it must answer and exit 0 at EOF on stdin. Without
 * the fix, more than half of the runs failed under load (two busy loops),
 * typically within 35 rounds. Nothing sleeps: every step waits for an
 * event or an answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define ROUNDS 50
#define WORKERS "6"
/* Hits of a round before its SIGSTOP. */
#define HITS_BEFORE_STOP 20

struct round {
	pid_t pid;
	long hits;
	int stop_sent;
};

static int
hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct round *r = user;

	(void)t;
	(void)bp;
	if (++r->hits == HITS_BEFORE_STOP && !r->stop_sent) {
		r->stop_sent = 1;
		kill(r->pid, SIGSTOP);
	}
	return SNARE_CONTINUE;
}

static int
stop_at_group_stop(snare_session *s, const snare_event *ev, void *user)
{
	(void)s;
	(void)user;
	return ev->kind == SNARE_EV_GROUP_STOP ? SNARE_STOP : SNARE_CONTINUE;
}

/* The process died after a detach: say how. */
static void
died(pid_t pid, int round)
{
	int status = snare_test_wait_exit(pid);

	fail_msg("round %d: the process died after the detach before it (%s %d)",
		 round, WIFSIGNALED(status) ? "signal" : "exit code",
		 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

/* "p 1" must be answered: the process is alive and running. */
static void
ask_alive(pid_t pid, int in_fd, int out_fd)
{
	char line[512];

	if (write(in_fd, "p 1\n", 4) != 4 || !snare_test_readable(out_fd, 10000) ||
	    read(out_fd, line, 1) != 1)
		died(pid, ROUNDS + 1);
	snare_test_read_line(out_fd, line + 1, sizeof(line) - 1);
	if (strncmp(line, "p 1 ", 4))
		fail_msg("answer '%s'", line);
}

static void
test_group_stop_detach_rounds(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("td_counted"), WORKERS,
			 NULL };
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char line[512], *at;
	uint64_t counted;
	int in_fd, out_fd, status, i;
	pid_t pid;

	/* A write to a dead program's stdin says so, rather than kill us. */
	signal(SIGPIPE, SIG_IGN);
	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	at = strstr(line, "counted=0x");
	assert_non_null(at);
	counted = strtoull(at + 8, NULL, 16);
	so.on_event = stop_at_group_stop;
	for (i = 1; i <= ROUNDS; i++) {
		snare_bp_opts bo = SNARE_BP_OPTS_INIT;
		struct round r = { pid, 0, 0 };
		snare_session *s = snare_test_session(state, &so);
		snare_event ev;
		snare_proc *p;
		snare_bp *bp;
		int rc;

		/* A SIGTRAP left by the last detach kills the program at
		   its SIGCONT: this attach or run finds it dead. */
		rc = snare_attach(&p, s, pid);
		if (rc != 0 && !snare_test_proc_alive(pid)) {
			snare_test_session_free(state);
			died(pid, i);
		}
		if (rc != 0)
			fail_msg("round %d: attach: %s", i, snare_errmsg(s));
		bo.on_hit = hit;
		bo.user = &r;
		assert_int_equal(snare_bp_add(&bp, p, counted, &bo), 0);
		rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
		if (rc == 0 && (ev.kind == SNARE_EV_PROC_EXIT ||
				ev.kind == SNARE_EV_THREAD_EXIT ||
				ev.kind == SNARE_EV_ALL_EXITED)) {
			int code = -1, sig = -1;

			snare_proc_exit_status(&code, &sig, NULL, p);
			fail_msg("round %d: the process died after the detach before it (event %d, signal %d, exit code %d)",
				 i, ev.kind, sig, code);
		}
		if (rc != 0 || ev.kind != SNARE_EV_GROUP_STOP)
			fail_msg("round %d: expected a group-stop, got %d (event %d, %s)",
				 i, rc, ev.kind, snare_errmsg(s));
		assert_int_equal(snare_proc_detach(p, 0), 0);
		snare_test_session_free(state);
		/* Every thread back in the group-stop, untraced. */
		assert_int_equal(snare_test_wait_proc_state(pid, 'T'), 'T');
		snare_test_assert_detached(pid, 1);
		assert_int_equal(kill(pid, SIGCONT), 0);
	}
	ask_alive(pid, in_fd, out_fd);
	close(in_fd);
	status = snare_test_wait_exit(pid);
	close(out_fd);
	if (WIFSIGNALED(status))
		fail_msg("the program was killed by signal %d", WTERMSIG(status));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_group_stop_detach_rounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
