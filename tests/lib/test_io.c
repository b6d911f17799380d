/* SPDX-License-Identifier: MIT */
/*
 * test_io.c: process I/O and polling (snare.h, "Process I/O and
 * polling"). What the watcher thread relies on (a sibling thread's
 * waitid(WNOWAIT) sees the tracer thread's tracee stops and takes none),
 * a session in the caller's poll() and epoll loops next to a pipe and a
 * timer, snare_run_timeout(), the pty (isatty, line-buffered stdout, no
 * echo, window size), recv/recvline/recvuntil/send/sendline/sendafter and
 * their distinct ends (timeout with the bytes kept, EOF, an event for the
 * caller, the process's exit with its stream held open by a child), a
 * send into a full pipe while breakpoints are hit, and the interactive
 * bridge.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define T SNARE_TEST_TIMEOUT_MS

/* Spawn a tracee with every stream of one kind (PIPE or PTY). */
static snare_proc *
spawn_io(snare_session *s, const char *name, const char *arg, int kind)
{
	snare_spawn_opts o = SNARE_SPAWN_OPTS_INIT;
	char *argv[3] = { (char *)name, (char *)arg, NULL };
	snare_proc *p = NULL;
	int i;

	for (i = 0; i < 3; i++)
		o.stdio[i].kind = kind;
	o.stop_at = SNARE_SPAWN_STOP_ENTRY;
	assert_int_equal(snare_spawn(&p, s, snare_test_tracee(name), argv, &o), 0);
	return p;
}

static snare_bp *
bp_at(snare_proc *p, const char *where, snare_bp_fn fn, void *user)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_bp *bp = NULL;

	bo.on_hit = fn;
	bo.user = user;
	assert_int_equal(snare_bp_add_at(&bp, p, where, &bo), 0);
	return bp;
}

static void
expect_line(snare_proc *p, const char *want)
{
	char line[256];
	ssize_t n = snare_proc_recvline(line, sizeof(line), p, 1, T);

	if (n < 0)
		fail_msg("recvline: %s (wanted %s)", snare_strerror((int)n), want);
	assert_string_equal(line, want);
}

/* Run the session until nothing is left; p exited with code want. */
static void
expect_exit(snare_proc *p, int want)
{
	snare_session *s = snare_proc_session(p);
	int code = -1, sig = -1, i;
	snare_event ev;

	for (i = 0; i < 10; i++) {
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		if (ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}

	assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, p), 1);
	assert_int_equal(sig, 0);
	assert_int_equal(code, want);
}

/* ------------------------------------------------------------------ */
/* What the watcher relies on                                         */
/* ------------------------------------------------------------------ */

struct sibling {
	pid_t pid;
	siginfo_t si;
	int r, err;
	siginfo_t mine;
	int r_mine, err_mine;
};

static void *
sibling_main(void *arg)
{
	struct sibling *w = arg;

	memset(&w->si, 0, sizeof(w->si));
	w->r = waitid(P_PID, (id_t)w->pid, &w->si,
		      WEXITED | WSTOPPED | WNOWAIT | __WALL);
	w->err = errno;
	/* With __WNOTHREAD it sees only its own children: none. */
	memset(&w->mine, 0, sizeof(w->mine));
	w->r_mine = waitid(P_ALL, 0, &w->mine, WEXITED | WSTOPPED | WNOHANG |
			   WNOWAIT | __WALL | __WNOTHREAD);
	w->err_mine = errno;
	return NULL;
}

static void
sibling_waitid_sees_tracee_stop(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", NULL, SNARE_STDIO_PIPE);
	snare_bp *bp = bp_at(p, "got_line", NULL, NULL);
	struct sibling w = { .pid = snare_proc_pid(p) };
	snare_event ev;
	pthread_t th;

	/* Resume it without waiting: it blocks reading stdin, and stops
	   at got_line() once it has a line, while the sibling waits. */
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_NOWAIT), 0);
	assert_int_equal(ev.kind, SNARE_EV_NONE);
	assert_int_equal(pthread_create(&th, NULL, sibling_main, &w), 0);
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "go\n");
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(w.r, 0);
	assert_int_equal(w.si.si_pid, snare_proc_pid(p));
	assert_int_equal(w.si.si_code, CLD_TRAPPED);
	assert_int_equal(w.si.si_status, SIGTRAP);
	assert_int_equal(w.r_mine, -1);
	assert_int_equal(w.err_mine, ECHILD);
	/* Nothing was consumed: the loop still gets the breakpoint. */
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(ev.bp, bp);
	snare_test_session_free(state);
}

/* ------------------------------------------------------------------ */
/* A session in the caller's poll and epoll loops                     */
/* ------------------------------------------------------------------ */

struct loop_state {
	snare_proc *p;
	int in_fd, out_fd;
	char out[4096];
	size_t len;
	bool out_eof, exited, fed;
	long hits, ticks;
};

/* The program's stdout is readable: take it, and feed it once "ready". */
static void
loop_on_output(struct loop_state *ls)
{
	ssize_t n = read(ls->out_fd, ls->out + ls->len,
			 sizeof(ls->out) - 1 - ls->len);

	assert_true(n >= 0);
	if (n == 0) {
		ls->out_eof = true;
		return;
	}
	ls->len += (size_t)n;
	ls->out[ls->len] = '\0';
	if (!ls->fed && strstr(ls->out, "ready\n")) {
		char chunk[1000];

		memset(chunk, 'x', sizeof(chunk));
		assert_int_equal(write(ls->in_fd, chunk, sizeof(chunk)), 1000);
		close(ls->in_fd);
		ls->fed = true;
	}
}

static void
loop_on_session(struct loop_state *ls, snare_session *s)
{
	snare_event ev;

	assert_int_equal(snare_session_dispatch(&ev, s), 0);
	if (ev.kind == SNARE_EV_ALL_EXITED)
		ls->exited = true;
	else
		assert_int_equal(ev.kind, SNARE_EV_NONE);
}

static void
loop_setup(struct loop_state *ls, void **state, snare_session **sp,
	   int *sfd, int *tfd)
{
	struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
	snare_session *s = snare_test_session(state, NULL);

	memset(ls, 0, sizeof(*ls));
	ls->p = spawn_io(s, "io_tty", "sink", SNARE_STDIO_PIPE);
	bp_at(ls->p, "sink_ready", snare_test_count_hit, &ls->hits);
	ls->in_fd = snare_proc_take_stdio_fd(ls->p, 0);
	ls->out_fd = snare_proc_stdio_fd(ls->p, 1);
	*sfd = snare_session_fd(s);
	assert_true(*sfd >= 0);
	assert_int_equal(snare_session_fd(s), *sfd); /* one per session */
	*tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	assert_true(*tfd >= 0);
	assert_int_equal(timerfd_settime(*tfd, 0, &its, NULL), 0);
	*sp = s;
	/* The first dispatch starts the stopped program. */
	loop_on_session(ls, s);
}

static void
loop_check(struct loop_state *ls, void **state, int tfd)
{
	close(tfd);
	assert_true(ls->fed);
	assert_int_equal(ls->hits, 1);
	assert_non_null(strstr(ls->out, "tty 0 1 2: 0 0 0\n"));
	assert_non_null(strstr(ls->out, "sink 1000\n"));
	expect_exit(ls->p, 0);
	snare_test_session_free(state);
}

static void
poll_loop_with_pipe_and_timer(void **state)
{
	struct loop_state ls;
	snare_session *s;
	struct pollfd pf[3];
	uint64_t v;
	int sfd, tfd, n;

	loop_setup(&ls, state, &s, &sfd, &tfd);
	while (!ls.exited || !ls.out_eof) {
		pf[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		pf[1] = (struct pollfd){ .fd = ls.out_eof ? -1 : ls.out_fd,
					 .events = POLLIN };
		pf[2] = (struct pollfd){ .fd = tfd, .events = POLLIN };
		n = poll(pf, 3, T);
		assert_true(n > 0);
		if (pf[2].revents && read(tfd, &v, sizeof(v)) == sizeof(v))
			ls.ticks++;
		if (pf[1].revents)
			loop_on_output(&ls);
		if (pf[0].revents)
			loop_on_session(&ls, s);
	}
	loop_check(&ls, state, tfd);
}

static void
epoll_loop_with_pipe_and_timer(void **state)
{
	struct epoll_event evs[3], e = { .events = EPOLLIN };
	struct loop_state ls;
	snare_session *s;
	int ep, sfd, tfd, n, i;
	uint64_t v;

	loop_setup(&ls, state, &s, &sfd, &tfd);
	ep = epoll_create1(EPOLL_CLOEXEC);
	assert_true(ep >= 0);
	e.data.fd = sfd;
	assert_int_equal(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &e), 0);
	e.data.fd = ls.out_fd;
	assert_int_equal(epoll_ctl(ep, EPOLL_CTL_ADD, ls.out_fd, &e), 0);
	e.data.fd = tfd;
	assert_int_equal(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &e), 0);
	while (!ls.exited || !ls.out_eof) {
		n = epoll_wait(ep, evs, 3, T);
		assert_true(n > 0);
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == tfd &&
			    read(tfd, &v, sizeof(v)) == sizeof(v))
				ls.ticks++;
			if (evs[i].data.fd == ls.out_fd && !ls.out_eof) {
				loop_on_output(&ls);
				if (ls.out_eof)
					epoll_ctl(ep, EPOLL_CTL_DEL, ls.out_fd, NULL);
			}
			if (evs[i].data.fd == sfd)
				loop_on_session(&ls, s);
		}
	}
	close(ep);
	loop_check(&ls, state, tfd);
}

/* ------------------------------------------------------------------ */
/* snare_run_timeout                                                  */
/* ------------------------------------------------------------------ */

static void
run_timeout_stops_all_then_runs_on(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", NULL, SNARE_STDIO_PIPE);
	snare_event ev;
	char out[512];

	/* It blocks reading stdin: the time runs out. */
	assert_int_equal(snare_run_timeout(&ev, s, SNARE_RUN_DEFAULT, 150), 0);
	assert_int_equal(ev.kind, SNARE_EV_TIMEOUT);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_proc_state(snare_proc_pid(p)), 't');
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "abc\n");
	assert_int_equal(snare_run_timeout(&ev, s, SNARE_RUN_DEFAULT, T), 0);
	assert_int_equal(ev.kind, SNARE_EV_ALL_EXITED);
	expect_exit(p, 0);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_non_null(strstr(out, "got abc\n"));
	snare_test_session_free(state);
}

static void
run_timeout_returns_events_first(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_ctf", NULL, SNARE_STDIO_PIPE);
	snare_bp *bp = bp_at(p, "arm", NULL, NULL);
	snare_event ev;
	int i;

	assert_int_equal(snare_run_timeout(&ev, s, SNARE_RUN_DEFAULT, T), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(ev.bp, bp);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	/* ONCE mode returns each event. */
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "nope\n");
	for (i = 0; i < 20; i++) {
		assert_int_equal(snare_run_timeout(&ev, s, SNARE_RUN_ONCE, T), 0);
		assert_int_not_equal(ev.kind, SNARE_EV_TIMEOUT);
		if (ev.kind == SNARE_EV_PROC_EXIT)
			break;
	}
	assert_int_equal(ev.kind, SNARE_EV_PROC_EXIT);
	assert_int_equal(ev.code, 1);
	assert_int_equal(snare_run_timeout(NULL, s, 7, 10), -EINVAL);
	snare_test_session_free(state);
}

/* ------------------------------------------------------------------ */
/* The pty                                                            */
/* ------------------------------------------------------------------ */

static void
pty_is_a_line_buffered_terminal(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", NULL, SNARE_STDIO_PTY);
	char buf[256];
	ssize_t n;

	assert_int_equal(snare_proc_set_winsize(p, 40, 100), 0);
	/* Not there yet: the bytes that came stay for the next call. */
	n = snare_proc_recvuntil(buf, sizeof(buf), p, 1, "got", 3, 100);
	assert_int_equal(n, -ETIMEDOUT);
	expect_line(p, "tty 0 1 2: 1 1 1\n");
	expect_line(p, "winsize 40x100\n");
	/* Printed before the program blocks in its read: line-buffered. */
	expect_line(p, "ready\n");
	assert_int_equal(snare_proc_sendline(p, "hello", T), 6);
	/* Not echoed: the next line is the program's answer. */
	expect_line(p, "got hello\n");
	n = snare_proc_recv(buf, sizeof(buf), p, 2, T);
	assert_true(n == SNARE_EEOF || n == SNARE_EEXITED);
	expect_exit(p, 0);
	snare_test_session_free(state);
}

static void
pipe_is_block_buffered(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", NULL, SNARE_STDIO_PIPE);
	char buf[256];

	/* Nothing before the read: stdout is a pipe, fully buffered. */
	assert_int_equal(snare_proc_recvline(buf, sizeof(buf), p, 1, 150),
			 -ETIMEDOUT);
	assert_int_equal(snare_proc_set_winsize(p, 40, 100), -ENOTTY);
	assert_int_equal(snare_proc_send(p, "x\n", 2, T), 2);
	expect_line(p, "tty 0 1 2: 0 0 0\n");
	expect_line(p, "winsize none\n");
	expect_line(p, "ready\n");
	/* The last line, then the end of the stream. */
	assert_int_equal(snare_proc_recvuntil(buf, sizeof(buf), p, 1, "x\n", 2, T),
			 6);
	assert_string_equal(buf, "got x\n");
	assert_int_equal(snare_proc_recvline(buf, sizeof(buf), p, 1, T),
			 SNARE_EEOF);
	expect_exit(p, 0);
	snare_test_session_free(state);
}

/* ------------------------------------------------------------------ */
/* Waiting with breakpoints on the way                                */
/* ------------------------------------------------------------------ */

static void
stop_at_breakpoint_ends_the_wait(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_ctf", "twice", SNARE_STDIO_PTY);
	snare_bp *bp = bp_at(p, "arm", NULL, NULL);
	char buf[256], secret[64];
	snare_event ev;
	uint64_t rdi;

	/* A breakpoint without callback stops: the wait ends, the event
	   is kept for snare_run(). */
	assert_int_equal(snare_proc_recvuntil(buf, sizeof(buf), p, 1, "Password: ",
					      10, T),
			 SNARE_ESTOPPED);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(ev.bp, bp);
	assert_int_equal(snare_reg_get(&rdi, ev.thread, "rdi"), 0);
	assert_int_equal(snare_mem_read_str(secret, sizeof(secret), p, rdi), 16);
	/* sendafter waits for the prompt (the loop resumes the program). */
	assert_int_equal(snare_proc_sendafter(p, 1, "Password: ", 10, "bad\n", 4, T),
			 4);
	expect_line(p, "wrong\n");
	assert_int_equal(snare_proc_recvuntil(buf, sizeof(buf), p, 1, ": ", 2, T),
			 10);
	assert_int_equal(snare_proc_sendline(p, secret, T), 17);
	snprintf(buf, sizeof(buf), "FLAG{snare-%.4s}\n", secret + 12);
	expect_line(p, buf);
	expect_exit(p, 0);
	snare_test_session_free(state);
}

static void
send_into_full_pipe_keeps_the_loop_running(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", "sink", SNARE_STDIO_PIPE);
	size_t len = 1 << 20;
	char *big = malloc(len);
	long hits = 0;

	assert_non_null(big);
	memset(big, 'a', len);
	bp_at(p, "sink_ready", snare_test_count_hit, &hits);
	/* Far more than a pipe holds, sent before the program reads: the
	   breakpoint is hit and dispatched while the write waits. */
	assert_int_equal(snare_proc_send(p, big, len, T), (ssize_t)len);
	free(big);
	assert_int_equal(hits, 1);
	close(snare_proc_take_stdio_fd(p, 0));
	expect_line(p, "tty 0 1 2: 0 0 0\n");
	expect_line(p, "winsize none\n");
	expect_line(p, "ready\n");
	expect_line(p, "sink 1048576\n");
	expect_exit(p, 0);
	snare_test_session_free(state);
}

/* io_tty "orphan": the program exits, its child keeps stdout open. */
static void
exit_with_the_stream_held_open(void **state, int follow)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	char buf[256];
	int code = -1, fd;

	so.follow_forks = follow;
	s = snare_test_session(state, &so);
	p = spawn_io(s, "io_tty", "orphan", SNARE_STDIO_PIPE);
	fd = snare_proc_stdio_fd(p, 1);
	assert_int_equal(snare_proc_recvuntil(buf, sizeof(buf), p, 1,
					      "parent done\n", 12, T) > 0, 1);
	if (follow) {
		/* A traced child holds it: its end is waited for. */
		assert_int_equal(snare_proc_recv(buf, sizeof(buf), p, 1, 100),
				 -ETIMEDOUT);
	} else {
		/* Nothing traced is left: the wait ends with the exit. */
		assert_int_equal(snare_proc_recv(buf, sizeof(buf), p, 1, T),
				 SNARE_EEXITED);
		assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
		assert_int_equal(code, 0);
	}
	/* The child ends at EOF on stdin: then the stream ends. */
	close(snare_proc_take_stdio_fd(p, 0));
	if (!follow)
		assert_true(snare_test_readable(fd, T));
	assert_int_equal(snare_proc_recv(buf, sizeof(buf), p, 1, T), SNARE_EEOF);
	snare_test_session_free(state);
}

static void
exit_with_the_stream_held_by_a_traced_child(void **state)
{
	exit_with_the_stream_held_open(state, 1);
}

static void
exit_with_the_stream_held_by_an_untraced_child(void **state)
{
	exit_with_the_stream_held_open(state, 0);
}

static void
interactive_bridges_until_exit(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_ctf", NULL, SNARE_STDIO_PTY);
	int in[2], out[2];
	char buf[256];

	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	snare_test_write_str(in[1], "guess\n");
	close(in[1]);
	assert_int_equal(snare_proc_interactive(p, in[0], out[1]), 0);
	close(out[1]);
	snare_test_read_all(out[0], buf, sizeof(buf));
	assert_string_equal(buf, "Password: wrong\n");
	expect_exit(p, 1);
	close(in[0]);
	close(out[0]);
	snare_test_session_free(state);
}

static void
bad_input(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_io(s, "io_tty", NULL, SNARE_STDIO_NULL);
	char buf[16];

	assert_int_equal(snare_proc_recv(buf, sizeof(buf), p, 1, 0), -EINVAL);
	assert_int_equal(snare_proc_recv(buf, sizeof(buf), p, 3, 0), -EINVAL);
	assert_int_equal(snare_proc_recv(buf, sizeof(buf), NULL, 1, 0), -EINVAL);
	assert_int_equal(snare_proc_send(p, "x", 1, 0), -EINVAL);
	assert_int_equal(snare_session_fd(NULL), -EINVAL);
	assert_int_equal(snare_session_dispatch(NULL, NULL), -EINVAL);
	assert_string_equal(snare_strerror(SNARE_EEOF), "End of the stream");
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(sibling_waitid_sees_tracee_stop),
		SNARE_TEST(poll_loop_with_pipe_and_timer),
		SNARE_TEST(epoll_loop_with_pipe_and_timer),
		SNARE_TEST(run_timeout_stops_all_then_runs_on),
		SNARE_TEST(run_timeout_returns_events_first),
		SNARE_TEST(pty_is_a_line_buffered_terminal),
		SNARE_TEST(pipe_is_block_buffered),
		SNARE_TEST(stop_at_breakpoint_ends_the_wait),
		SNARE_TEST(send_into_full_pipe_keeps_the_loop_running),
		SNARE_TEST(exit_with_the_stream_held_by_a_traced_child),
		SNARE_TEST(exit_with_the_stream_held_by_an_untraced_child),
		SNARE_TEST(interactive_bridges_until_exit),
		SNARE_TEST(bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
