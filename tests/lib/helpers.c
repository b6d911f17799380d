/* SPDX-License-Identifier: MIT */
/*
 * helpers.c: the shared test helpers declared in helpers.h. The teardown
 * here is where the post-mortem invariants of PTRACE-NOTES 4.6 are checked
 * after every test; the readers bound every wait with poll() so a hung
 * tracee fails the test instead of hanging it. At the end, the harness that
 * runs each case in its own child process (snare_test_run_group()).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

static long now_ms(void);
static void free_live_logs(void);

static int
count_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

int
snare_test_count_fds(void)
{
	return count_dir("/proc/self/fd");
}

int
snare_test_count_own_threads(void)
{
	return count_dir("/proc/self/task");
}

int
snare_test_count_threads(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	return count_dir(path);
}

/* Read a small /proc file into buf; returns the length or -1. */
static ssize_t
read_file(const char *path, char *buf, size_t cap)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((size_t)total < cap - 1) {
		n = read(fd, buf + total, cap - 1 - total);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		total += n;
	}
	close(fd);
	buf[total] = 0;
	return total;
}

/* The value after "field:" in a status file, or NULL. */
static const char *
status_value(const char *text, const char *field)
{
	size_t len = strlen(field);
	const char *line = text;

	while (line && *line) {
		if (strncmp(line, field, len) == 0 && line[len] == ':') {
			line += len + 1;
			while (*line == ' ' || *line == '\t')
				line++;
			return line;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

static long
task_status_field(pid_t pid, pid_t tid, const char *field)
{
	char path[64], text[4096];
	const char *v;

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status",
			 (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_file(path, text, sizeof(text)) <= 0)
		return -1;
	v = status_value(text, field);
	return v ? strtol(v, NULL, 10) : -1;
}

long
snare_test_status_field(pid_t pid, const char *field)
{
	return task_status_field(pid, 0, field);
}

char
snare_test_task_state(pid_t pid, pid_t tid)
{
	char path[64], text[4096];
	const char *v;

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status",
			 (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_file(path, text, sizeof(text)) <= 0)
		return 0;
	v = status_value(text, "State");
	return v ? *v : 0;
}

char
snare_test_proc_state(pid_t pid)
{
	return snare_test_task_state(pid, 0);
}

char
snare_test_wait_proc_state(pid_t pid, char st)
{
	long deadline = now_ms() + SNARE_TEST_TIMEOUT_MS;
	struct timespec ms = { 0, 1000000 };
	char cur;

	while ((cur = snare_test_proc_state(pid)) != st && cur != 0 &&
	       now_ms() < deadline)
		nanosleep(&ms, NULL);
	return cur;
}

int
snare_test_proc_alive(pid_t pid)
{
	char st = snare_test_proc_state(pid);

	return st != 0 && st != 'Z' && st != 'X';
}

void
snare_test_assert_detached(pid_t pid, int stopped_ok)
{
	long deadline = now_ms() + SNARE_TEST_TIMEOUT_MS;
	struct timespec ms = { 0, 1000000 };
	char path[64];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		fail_msg("pid %d is gone", (int)pid);
	while ((de = readdir(d))) {
		pid_t tid;
		long tracer;
		char st;

		if (de->d_name[0] == '.')
			continue;
		tid = atoi(de->d_name);
		for (;;) {
			tracer = task_status_field(pid, tid, "TracerPid");
			st = snare_test_task_state(pid, tid);
			/*
			 * PTRACE_DETACH wakes the thread, but the wakeup may
			 * land on another CPU a moment later: a 't' with no
			 * tracer is given the bound to go away.
			 */
			if (tracer != 0 || st != 't' || now_ms() > deadline)
				break;
			nanosleep(&ms, NULL);
		}
		if (tracer != 0 || st == 't' || (!stopped_ok && st == 'T')) {
			closedir(d);
			fail_msg("pid %d thread %d: TracerPid %ld, State %c",
				 (int)pid, (int)tid, tracer, st);
		}
		n++;
	}
	closedir(d);
	assert_true(n > 0);
}

uint64_t
snare_test_auxv(pid_t pid, unsigned long type)
{
	char path[64];
	uint64_t aux[2 * 64];
	ssize_t n;
	size_t i;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	n = read_file(path, (char *)aux, sizeof(aux));
	if (n <= 0)
		return 0;
	for (i = 0; i + 1 < (size_t)n / sizeof(uint64_t); i += 2) {
		if (aux[i] == type)
			return aux[i + 1];
		if (aux[i] == 0)
			break;
	}
	return 0;
}

size_t
snare_test_children(pid_t *out, size_t cap)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	pid_t me = getpid();
	size_t n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		pid_t pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = atoi(de->d_name);
		if (snare_test_status_field(pid, "PPid") != me)
			continue;
		if (n < cap)
			out[n] = pid;
		n++;
	}
	closedir(d);
	return n;
}

/*
 * Describe the children left behind into why; 0 when there are none. A
 * zombie already reaped by nobody still has an entry, and waitpid(-1)
 * would return it: both views are checked.
 */
static int
children_left(char *why, size_t cap)
{
	pid_t kids[16];
	size_t n = snare_test_children(kids, 16), i;
	int status;
	pid_t w;
	int len;

	why[0] = 0;
	if (n > 0) {
		len = snprintf(why, cap, "%zu child process(es) left:", n);
		for (i = 0; i < n && i < 16 && len > 0 && (size_t)len < cap; i++)
			len += snprintf(why + len, cap - len, " %d(%c)",
					(int)kids[i],
					snare_test_proc_state(kids[i]));
		return 1;
	}
	w = waitpid(-1, &status, WNOHANG | __WALL);
	if (w > 0) {
		snprintf(why, cap, "waitpid(-1) reaped child %d, status 0x%x",
			 (int)w, status);
		return 1;
	}
	if (w == 0) {
		snprintf(why, cap, "waitpid(-1) sees a live child");
		return 1;
	}
	if (errno != ECHILD) {
		snprintf(why, cap, "waitpid(-1): %s", strerror(errno));
		return 1;
	}
	return 0;
}

void
snare_test_assert_no_children(void)
{
	char why[512];

	if (children_left(why, sizeof(why)))
		fail_msg("%s", why);
}

/* Kill and reap every child, so that one failed test does not fail all. */
static void
kill_children(void)
{
	pid_t kids[64];
	size_t n = snare_test_children(kids, 64), i;
	int status;

	for (i = 0; i < n && i < 64; i++)
		kill(kids[i], SIGKILL);
	for (i = 0; i < n && i < 64; i++)
		waitpid(kids[i], &status, __WALL);
	while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
		;
}

int
snare_test_setup(void **state)
{
	struct snare_test_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return -1;
	ctx->fds = snare_test_count_fds();
	ctx->threads = snare_test_count_own_threads();
	*state = ctx;
	return 0;
}

int
snare_test_teardown(void **state)
{
	struct snare_test_ctx *ctx = *state;
	char why[512];
	int ret = 0, n;

	if (!ctx)
		return -1;
	if (ctx->s) {
		/* The test stopped early; its session goes first. */
		snare_session_free(ctx->s);
		ctx->s = NULL;
	}
	if (children_left(why, sizeof(why))) {
		print_error("teardown: %s\n", why);
		kill_children();
		ret = -1;
	}
	n = snare_test_count_fds();
	if (n != ctx->fds) {
		print_error("teardown: %d fds open, %d at setup\n", n, ctx->fds);
		ret = -1;
	}
	n = snare_test_count_own_threads();
	if (n != ctx->threads) {
		print_error("teardown: %d threads in the tracer, %d at setup\n",
			    n, ctx->threads);
		ret = -1;
	}
	free_live_logs();
	free(ctx);
	*state = NULL;
	return ret;
}

snare_session *
snare_test_session(void **state, const snare_session_opts *opts)
{
	struct snare_test_ctx *ctx = *state;
	snare_session_opts o = SNARE_SESSION_OPTS_INIT;
	snare_session *s = NULL;
	bool legacy = getenv("SNARE_TEST_LEGACY_SYSCALL_INFO") != NULL;
	int rc;

	assert_non_null(ctx);
	assert_null(ctx->s);
	if (opts)
		o = *opts;
	if (legacy)
		o.legacy_syscall_info = 1;
	rc = snare_session_new(&s, &o);
	if (rc != 0)
		fail_msg("snare_session_new: %s", snare_strerror(rc));
	assert_non_null(s);
	/* The ctest *_legacy variants run the GETREGS syscall-stop path. */
	assert_int_equal(snare_session_syscall_info(s), legacy ? 0 : 1);
	ctx->s = s;
	return s;
}

void
snare_test_session_free(void **state)
{
	struct snare_test_ctx *ctx = *state;

	snare_session_free(ctx->s);
	ctx->s = NULL;
}

const char *
snare_test_tracee(const char *name)
{
	static char bufs[16][512];
	static unsigned next;
	char *buf = bufs[next++ % 16];

	snprintf(buf, sizeof(bufs[0]), "%s/%s", TRACEE_DIR, name);
	return buf;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Wait until fd is readable; 0 on timeout. deadline is in now_ms() time. */
static int
wait_readable(int fd, long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long left;
	int rc;

	for (;;) {
		left = deadline - now_ms();
		if (left < 0)
			left = 0;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		return rc > 0;
	}
}

int
snare_test_readable(int fd, int timeout_ms)
{
	return wait_readable(fd, now_ms() + timeout_ms);
}

size_t
snare_test_read_all(int fd, char *buf, size_t cap)
{
	long deadline = now_ms() + SNARE_TEST_TIMEOUT_MS;
	size_t total = 0;
	ssize_t n;

	assert_true(cap > 0);
	for (;;) {
		if (!wait_readable(fd, deadline)) {
			buf[total] = 0;
			fail_msg("fd %d: no EOF within %d ms (read so far: '%s')",
				 fd, SNARE_TEST_TIMEOUT_MS, buf);
		}
		if (total == cap - 1) {
			char scratch[256];

			/* Buffer full: drain so the writer is not stuck. */
			n = read(fd, scratch, sizeof(scratch));
		} else {
			n = read(fd, buf + total, cap - 1 - total);
			if (n > 0)
				total += n;
		}
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			fail_msg("read fd %d: %s", fd, strerror(errno));
		if (n == 0)
			break;
	}
	buf[total] = 0;
	return total;
}

void
snare_test_read_line(int fd, char *buf, size_t cap)
{
	long deadline = now_ms() + SNARE_TEST_TIMEOUT_MS;
	size_t len = 0;
	ssize_t n;
	char c;

	assert_true(cap > 1);
	for (;;) {
		if (!wait_readable(fd, deadline)) {
			buf[len] = 0;
			fail_msg("fd %d: no line within %d ms (read so far: '%s')",
				 fd, SNARE_TEST_TIMEOUT_MS, buf);
		}
		n = read(fd, &c, 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			buf[len] = 0;
			fail_msg("fd %d: EOF before a newline (read: '%s')", fd,
				 buf);
		}
		if (c == '\n')
			break;
		if (len < cap - 1)
			buf[len++] = c;
	}
	buf[len] = 0;
}

void
snare_test_write_str(int fd, const char *str)
{
	size_t len = strlen(str), off = 0;
	ssize_t n;

	while (off < len) {
		n = write(fd, str + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fail_msg("write fd %d: %s", fd, strerror(errno));
		off += n;
	}
}

pid_t
snare_test_fork_exec(char *const argv[], int *in_fd, int *out_fd)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 };
	pid_t pid;

	if (in_fd && pipe2(in, O_CLOEXEC) != 0)
		fail_msg("pipe2: %s", strerror(errno));
	if (out_fd && pipe2(out, O_CLOEXEC) != 0)
		fail_msg("pipe2: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(in_fd ? in[0] : null, 0);
		dup2(out_fd ? out[1] : null, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (in_fd) {
		close(in[0]);
		*in_fd = in[1];
	}
	if (out_fd) {
		close(out[1]);
		*out_fd = out[0];
	}
	return pid;
}

int
snare_test_wait_exit(pid_t pid)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int status = 0;
	pid_t w;

	if (pidfd < 0)
		fail_msg("pidfd_open %d: %s", (int)pid, strerror(errno));
	if (!snare_test_readable(pidfd, SNARE_TEST_TIMEOUT_MS)) {
		close(pidfd);
		fail_msg("pid %d did not exit within %d ms", (int)pid,
			 SNARE_TEST_TIMEOUT_MS);
	}
	close(pidfd);
	w = waitpid(pid, &status, 0);
	if (w != pid)
		fail_msg("waitpid %d: %s", (int)pid, strerror(errno));
	return status;
}

void
snare_test_run_to_end(snare_session *s, int max_returns)
{
	snare_event ev;
	int i, rc;

	for (i = 0; i < max_returns; i++) {
		memset(&ev, 0, sizeof(ev));
		rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
		if (rc != 0)
			fail_msg("snare_run: %s (%s)", snare_strerror(rc),
				 snare_errmsg(s));
		if (ev.kind == SNARE_EV_ALL_EXITED)
			return;
	}
	fail_msg("snare_run returned %d times without SNARE_EV_ALL_EXITED "
		 "(last event kind %d)", max_returns, ev.kind);
}

void
snare_test_argv(char **argv, size_t cap, const char *path,
		const char *const *args)
{
	size_t n = 0;

	argv[n++] = (char *)path;
	while (args && *args && n < cap - 1)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
}

snare_proc *
snare_test_spawn(snare_session *s, const char *path, char *const argv[],
		 const snare_spawn_opts *opts)
{
	snare_proc *p = NULL;
	int rc = snare_spawn(&p, s, path, argv, opts);

	if (rc != 0)
		fail_msg("spawn %s: %s (%s)", path, snare_strerror(rc),
			 snare_errmsg(s));
	assert_non_null(p);
	return p;
}

snare_proc *
snare_test_spawn_piped(snare_session *s, const char *name,
		       const char *const *args, unsigned pipes, int stop_at)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char *argv[16];
	int fd;

	snare_test_argv(argv, 16, name, args);
	for (fd = 0; fd < 3; fd++)
		if (pipes & (1u << fd))
			so.stdio[fd].kind = SNARE_STDIO_PIPE;
	so.stop_at = stop_at;
	return snare_test_spawn(s, snare_test_tracee(name), argv, &so);
}

void
snare_test_finish(snare_session *s, snare_proc *p, int max_returns,
		  char *out, size_t cap)
{
	int code = -1, sig = -1;

	snare_test_run_to_end(s, max_returns);
	assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, p), 1);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, cap);
	if (code != 0 || sig != 0)
		fail_msg("tracee exited %d, signal %d; stdout: '%s'", code, sig,
			 out);
}

const snare_map *
snare_test_find_map(const snare_map *maps, size_t n, uint64_t addr)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (addr >= maps[i].start && addr < maps[i].end)
			return &maps[i];
	return NULL;
}

struct line_waiter {
	snare_session *s;
	int fd;
	char line[256];
	int ok;
};

static void *
line_waiter_main(void *arg)
{
	struct line_waiter *w = arg;
	long deadline = now_ms() + SNARE_TEST_TIMEOUT_MS;
	size_t len = 0;
	char c;

	while (wait_readable(w->fd, deadline)) {
		if (read(w->fd, &c, 1) != 1)
			break;
		if (c == '\n') {
			w->ok = 1;
			break;
		}
		if (len < sizeof(w->line) - 1)
			w->line[len++] = c;
	}
	w->line[len] = 0;
	snare_session_interrupt(w->s);
	return NULL;
}

void
snare_test_run_until_line(snare_session *s, int fd, char *buf, size_t cap)
{
	struct line_waiter w;
	snare_event ev;
	pthread_t th;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.fd = fd;
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(pthread_create(&th, NULL, line_waiter_main, &w), 0);
	rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
	pthread_join(th, NULL);
	snprintf(buf, cap, "%s", w.line);
	if (!w.ok)
		fail_msg("no line on fd %d within %d ms (got '%s')", fd,
			 SNARE_TEST_TIMEOUT_MS, w.line);
	if (rc != 0)
		fail_msg("snare_run: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	if (ev.kind != SNARE_EV_INTERRUPT)
		fail_msg("snare_run returned event %d, not SNARE_EV_INTERRUPT",
			 ev.kind);
}

/*
 * Event buffers not freed yet: a failed assertion jumps out of the test
 * before its snare_test_log_free(), so teardown frees what is left here.
 */
static struct snare_test_event *live_logs[8];

static void
free_live_logs(void)
{
	size_t i;

	for (i = 0; i < 8; i++) {
		free(live_logs[i]);
		live_logs[i] = NULL;
	}
}

void
snare_test_log_init(struct snare_test_log *log, size_t cap)
{
	size_t i;

	memset(log, 0, sizeof(*log));
	log->ev = calloc(cap, sizeof(*log->ev));
	assert_non_null(log->ev);
	for (i = 0; i < 8; i++)
		if (!live_logs[i]) {
			live_logs[i] = log->ev;
			break;
		}
	log->cap = cap;
	log->notify_kind = -1;
	log->notify_fd = -1;
}

void
snare_test_log_free(struct snare_test_log *log)
{
	size_t i;

	for (i = 0; i < 8; i++)
		if (live_logs[i] == log->ev)
			live_logs[i] = NULL;
	free(log->ev);
	log->ev = NULL;
	log->n = log->cap = 0;
}

int
snare_test_log_event(snare_session *s, const struct snare_event *ev,
		     void *user)
{
	struct snare_test_log *log = user;
	struct snare_test_event *e;

	(void)s;
	if (log->n < log->cap) {
		e = &log->ev[log->n];
		e->kind = ev->kind;
		e->pid = ev->pid;
		e->tid = ev->tid;
		e->old_tid = ev->old_tid;
		e->signo = ev->signo;
		e->code = ev->code;
		e->core = ev->core;
		e->syscall_nr = ev->syscall_nr;
		e->path[0] = 0;
		if (ev->kind == SNARE_EV_EXEC && ev->path)
			snprintf(e->path, sizeof(e->path), "%s", ev->path);
	}
	log->n++;
	if (log->notify_fd >= 0 && ev->kind == log->notify_kind) {
		char c = 1;

		if (write(log->notify_fd, &c, 1) != 1)
			log->notify_fd = -1;
	}
	return SNARE_CONTINUE;
}

size_t
snare_test_log_count(const struct snare_test_log *log, int kind)
{
	size_t i, n = 0, end = log->n < log->cap ? log->n : log->cap;

	for (i = 0; i < end; i++)
		if (log->ev[i].kind == kind)
			n++;
	return n;
}

const struct snare_test_event *
snare_test_log_find(const struct snare_test_log *log, int kind)
{
	size_t i, end = log->n < log->cap ? log->n : log->cap;

	for (i = 0; i < end; i++)
		if (log->ev[i].kind == kind)
			return &log->ev[i];
	return NULL;
}

/*
 * The harness: each case in a forked child, leader of its own process
 * group, under a hard timeout. A case is "skipped" when skip() ran in it
 * (snare_test_mark_skipped()) and cmocka counted no failure: a teardown
 * that fails after a skip still fails the case.
 */

#define HARNESS_TIMEOUT_S 100
#define HARNESS_SKIP_CODE 77
/*
 * How the child tells the harness that cmocka ran the case to the end: an
 * exit(0) in the middle of a case (the test's own, or a library's) must
 * not pass for a pass.
 */
#define CHILD_PASSED 90
#define CHILD_FAILED 91
#define CHILD_SKIPPED 92

enum case_result { CASE_PASSED, CASE_FAILED, CASE_SKIPPED };

static volatile sig_atomic_t case_skipped;
/* The running case's child (and process group), for the signal handler. */
static volatile pid_t case_pid;
/* A signal that stops the harness: the case is cleaned up, then it ends. */
static volatile sig_atomic_t harness_stop;

void
snare_test_mark_skipped(void)
{
	case_skipped = 1;
}

static const int harness_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/*
 * The harness itself is stopped (^C, a timeout of ctest): take the running
 * case down now; harness_run_case() sweeps its orphans and re-raises sig.
 */
static void
harness_on_signal(int sig)
{
	pid_t pid = case_pid;

	harness_stop = sig;
	if (pid > 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	} else {
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

static void
harness_signals_set(void (*handler)(int))
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(harness_signals) / sizeof(harness_signals[0]);
	     i++)
		sigaction(harness_signals[i], &sa, NULL);
}

/* 1 once pid has exited (a zombie, not reaped yet), 0 at the deadline. */
static int
harness_wait_exit(pid_t pid, int pidfd, long deadline)
{
	struct timespec ms = { 0, 2000000 };
	siginfo_t si;

	for (;;) {
		long left = deadline - now_ms();

		if (pidfd >= 0) {
			struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
			int rc;

			if (left < 0)
				left = 0;
			rc = poll(&pfd, 1, left > 60000 ? 60000 : (int)left);
			if (rc > 0)
				return 1;
			if (rc < 0 && errno != EINTR)
				pidfd = -1; /* fall back to polling */
		} else {
			memset(&si, 0, sizeof(si));
			if (waitid(P_PID, pid, &si,
				   WEXITED | WNOHANG | WNOWAIT) == 0 &&
			    si.si_pid == pid)
				return 1;
			nanosleep(&ms, NULL);
		}
		if (now_ms() >= deadline || harness_stop)
			return 0;
	}
}

/*
 * Kill and reap every process left to the harness: orphans of the case
 * come back here (PR_SET_CHILD_SUBREAPER) and are killed as they come, for
 * at most 10 s. Returns how many live ones were killed.
 */
static int
harness_sweep(void)
{
	long deadline = now_ms() + 10000;
	struct timespec ms = { 0, 1000000 };
	pid_t kids[64];
	size_t n, i;
	int status, killed = 0;

	for (;;) {
		n = snare_test_children(kids, 64);
		for (i = 0; i < n && i < 64; i++) {
			char st = snare_test_proc_state(kids[i]);

			if (st != 0 && st != 'Z' && st != 'X')
				killed++;
			kill(kids[i], SIGKILL);
		}
		while (waitpid(-1, &status, WNOHANG | __WALL) > 0)
			;
		if (n == 0 && waitpid(-1, &status, WNOHANG | __WALL) < 0 &&
		    errno == ECHILD)
			break;
		if (now_ms() > deadline) {
			fprintf(stderr,
				"[ harness  ] %zu process(es) would not die\n",
				n);
			break;
		}
		nanosleep(&ms, NULL);
	}
	return killed;
}

static int
harness_timeout_s(void)
{
	const char *v = getenv("SNARE_TEST_CASE_TIMEOUT");
	long t = v ? strtol(v, NULL, 10) : 0;

	return t > 0 && t < 100000 ? (int)t : HARNESS_TIMEOUT_S;
}

/*
 * Run one case in a child; why gets a word or two on the outcome. The
 * child leads its own process group, so a timeout kills every process the
 * case started that stayed in it, tracees included.
 */
static enum case_result
harness_run_case(const struct CMUnitTest *test, const char *group_name,
		 CMFixtureFunction group_setup,
		 CMFixtureFunction group_teardown, char *why, size_t cap)
{
	int timeout_s = harness_timeout_s(), status = 0, timed_out, pidfd;
	pid_t parent = getpid(), pid, w;
	int killed;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		snprintf(why, cap, "fork: %s", strerror(errno));
		return CASE_FAILED;
	}
	if (pid == 0) {
		int rc;

		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		harness_signals_set(SIG_DFL);
		case_skipped = 0;
		rc = _cmocka_run_group_tests(group_name, test, 1, group_setup,
					     group_teardown);
		fflush(stdout);
		fflush(stderr);
		exit(rc != 0 ? CHILD_FAILED :
		     case_skipped ? CHILD_SKIPPED : CHILD_PASSED);
	}
	setpgid(pid, pid); /* as the child does: whichever runs first */
	case_pid = pid;
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	timed_out = !harness_wait_exit(pid, pidfd,
				       now_ms() + timeout_s * 1000L);
	if (pidfd >= 0)
		close(pidfd);
	/*
	 * The child is a zombie or still running: its pid, hence its group's
	 * id, cannot have been reused yet.
	 */
	kill(-pid, SIGKILL);
	if (timed_out)
		kill(pid, SIGKILL);
	do
		w = waitpid(pid, &status, __WALL);
	while (w < 0 && errno == EINTR);
	case_pid = 0;
	killed = harness_sweep();
	if (killed > 0)
		printf("[ harness  ] %s: killed %d process(es) left behind\n",
		       test->name, killed);
	if (harness_stop) {
		printf("[ harness  ] %s: stopped by signal %d\n", test->name,
		       (int)harness_stop);
		fflush(stdout);
		signal(harness_stop, SIG_DFL);
		raise(harness_stop);
	}

	if (timed_out) {
		snprintf(why, cap,
			 "timed out after %d s (process group killed)",
			 timeout_s);
		return CASE_FAILED;
	}
	if (w != pid) {
		snprintf(why, cap, "waitpid: %s", strerror(errno));
		return CASE_FAILED;
	}
	if (WIFSIGNALED(status)) {
		snprintf(why, cap, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
		return CASE_FAILED;
	}
	switch (WEXITSTATUS(status)) {
	case CHILD_PASSED:
		snprintf(why, cap, "passed");
		return CASE_PASSED;
	case CHILD_SKIPPED:
		snprintf(why, cap, "skipped");
		return CASE_SKIPPED;
	case CHILD_FAILED:
		snprintf(why, cap, "failed");
		return CASE_FAILED;
	default:
		snprintf(why, cap, "failed: exit(%d) before the case ended",
			 WEXITSTATUS(status));
		return CASE_FAILED;
	}
}

/* SNARE_TEST_CHECK_CASES: the group's cases are exactly the list. */
static int
harness_check_cases(const struct CMUnitTest *tests, size_t n,
		    const char *list)
{
	const char *p = list;
	size_t i, found = 0;
	int bad = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(tests[i].name);
		const char *q = list;
		int in = 0;

		while (*q) {
			size_t l = strcspn(q, ",");

			if (l == len && strncmp(q, tests[i].name, len) == 0)
				in = 1;
			q += l + (q[l] == ',');
		}
		if (!in) {
			printf("[ harness  ] case %s is not registered with "
			       "ctest (one SNARE_TEST(%s) per line, please)\n",
			       tests[i].name, tests[i].name);
			bad = 1;
		} else {
			found++;
		}
	}
	while (*p) {
		size_t l = strcspn(p, ",");
		int in = 0;

		for (i = 0; i < n; i++)
			if (strlen(tests[i].name) == l &&
			    strncmp(p, tests[i].name, l) == 0)
				in = 1;
		if (!in && l > 0) {
			printf("[ harness  ] ctest runs case %.*s, which the "
			       "program does not have\n", (int)l, p);
			bad = 1;
		}
		p += l + (p[l] == ',');
	}
	printf("[ harness  ] %s: %zu case(s), %zu registered with ctest\n",
	       program_invocation_short_name, n, found);
	return bad;
}

int
snare_test_run_group(const struct CMUnitTest *tests, size_t n,
		     const char *group_name, CMFixtureFunction group_setup,
		     CMFixtureFunction group_teardown)
{
	const char *only = getenv("SNARE_TEST_CASE");
	const char *check = getenv("SNARE_TEST_CHECK_CASES");
	const char *prog = program_invocation_short_name;
	size_t i, passed = 0, failed = 0, skipped = 0, ran = 0;
	long start = now_ms();
	enum case_result *results;
	char why[128];

	if (check)
		return harness_check_cases(tests, n, check);
	if (only && !*only)
		only = NULL;
	if (only) {
		for (i = 0; i < n; i++)
			if (strcmp(tests[i].name, only) == 0)
				break;
		if (i == n) {
			printf("[ harness  ] %s has no case %s\n", prog, only);
			return 1;
		}
	}
	results = calloc(n ? n : 1, sizeof(*results));
	/* Orphans of a case come back to us, to be killed after it. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	harness_signals_set(harness_on_signal);
	for (i = 0; i < n; i++) {
		long t0 = now_ms();
		enum case_result r;

		if (only && strcmp(tests[i].name, only) != 0)
			continue;
		r = harness_run_case(&tests[i], group_name, group_setup,
				     group_teardown, why, sizeof(why));
		ran++;
		if (results)
			results[i] = r;
		if (r == CASE_PASSED)
			passed++;
		else if (r == CASE_SKIPPED)
			skipped++;
		else
			failed++;
		printf("[ harness  ] %s.%s: %s (%.2f s)\n", prog, tests[i].name,
		       why, (now_ms() - t0) / 1000.0);
		fflush(stdout);
	}
	if (!only) {
		printf("[ harness  ] %s: %zu case(s): %zu passed, %zu failed, "
		       "%zu skipped (%.1f s)\n", prog, ran, passed, failed,
		       skipped, (now_ms() - start) / 1000.0);
		if (failed) {
			printf("[ harness  ] failed:");
			for (i = 0; i < n; i++)
				if (results && results[i] == CASE_FAILED)
					printf(" %s", tests[i].name);
			printf("\n");
		}
	}
	fflush(stdout);
	free(results);
	if (failed)
		return 1;
	if (ran > 0 && skipped == ran)
		return HARNESS_SKIP_CODE;
	return 0;
}

uint64_t
snare_test_reg(snare_thread *t, const char *name)
{
	uint64_t v = 0;
	int rc = snare_reg_get(&v, t, name);

	if (rc != 0)
		fail_msg("snare_reg_get %s: %s", name, snare_strerror(rc));
	return v;
}

uint64_t
snare_test_mem64(snare_proc *p, uint64_t addr)
{
	uint64_t v = 0;
	int rc = snare_mem_read(&v, p, addr, sizeof(v));

	if (rc != 0)
		fail_msg("snare_mem_read 0x%llx: %s", (unsigned long long)addr,
			 snare_strerror(rc));
	return v;
}

int
snare_test_count_hit(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(*(long *)user)++;
	return SNARE_CONTINUE;
}
