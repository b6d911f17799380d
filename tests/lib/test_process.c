/* SPDX-License-Identifier: MIT */
/*
 * test_process.c: processes under snare from start to end. Exit codes and
 * killing signals (checked against an untraced run of the same tracee),
 * exec from the leader and from another thread, spawn errors, where spawn
 * stops (exec or AT_ENTRY), no_aslr, the stdio kinds, job control from
 * outside while snare_run() runs, session free with running tracees, and
 * bad input (option versions, the wrong thread).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* The leader thread of p (fails the test when there is none). */
static snare_thread *
leader(snare_proc *p)
{
	snare_thread *t = NULL;
	size_t n = snare_proc_threads(&t, 1, p);

	assert_true(n >= 1);
	assert_non_null(t);
	assert_int_equal(snare_thread_tid(t), snare_proc_pid(p));
	return t;
}

/* snare_test_spawn(), and the process has a pid. */
static snare_proc *
spawn_ok(snare_session *s, const char *path, char *const argv[],
	 const snare_spawn_opts *opts)
{
	snare_proc *p = snare_test_spawn(s, path, argv, opts);

	assert_true(snare_proc_pid(p) > 0);
	return p;
}

/* ---------------------------------------------------------------- */
/* Exit codes and killing signals                                   */
/* ---------------------------------------------------------------- */

static void
check_exit_code(void **state, const char *tracee, const char *code_arg,
		const char *how, int want)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	struct snare_test_log log;
	const struct snare_test_event *e;
	char *argv[] = { (char *)tracee, (char *)code_arg, (char *)how, NULL };
	int code = -1, signo = -1, core = -1;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	snare_test_log_init(&log, 64);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	p = spawn_ok(s, snare_test_tracee(tracee), argv, NULL);
	pid = snare_proc_pid(p);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_proc_exit_status(&code, &signo, &core, p), 0);
	snare_test_run_to_end(s, 16);

	assert_int_equal(snare_proc_exit_status(&code, &signo, &core, p), 1);
	assert_int_equal(code, want);
	assert_int_equal(signo, 0);
	assert_int_equal(core, 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_EXITED);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->code, want);
	assert_int_equal(e->signo, 0);
	/* Reaped: the pid is gone. */
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

static void
test_exit_codes(void **state)
{
	check_exit_code(state, "exit_code", "0", "return", 0);
	check_exit_code(state, "exit_code", "1", "return", 1);
	check_exit_code(state, "exit_code", "42", "_exit", 42);
	check_exit_code(state, "exit_code", "255", "return", 255);
	check_exit_code(state, "exit_code", "256", "_exit", 0);
	check_exit_code(state, "exit_code-nopie", "7", "return", 7);
	check_exit_code(state, "exit_code-nopie", "200", "_exit", 200);
}

/*
 * The tracee dies by a signal; snare must report the signal and the core
 * flag an untraced run of the same program gives (the oracle, run before
 * the session exists since snare reaps with waitpid(-1)).
 */
static void
check_killed(void **state, const char *how, int want_sig)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	struct snare_test_log log;
	const struct snare_test_event *e;
	const char *path = snare_test_tracee("kill_self");
	char *argv[] = { (char *)path, (char *)how, NULL };
	int code = -1, signo = -1, core = -1, status;
	snare_session *s;
	snare_proc *p;
	size_t i;

	status = snare_test_wait_exit(snare_test_fork_exec(argv, NULL, NULL));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), want_sig);

	snare_test_log_init(&log, 64);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	p = spawn_ok(s, path, argv, NULL);
	snare_test_run_to_end(s, 16);
	assert_int_equal(snare_proc_exit_status(&code, &signo, &core, p), 1);
	assert_int_equal(signo, want_sig);
	assert_int_equal(code, 0);
	assert_int_equal(core, WCOREDUMP(status) ? 1 : 0);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_non_null(e);
	assert_int_equal(e->signo, want_sig);
	assert_int_equal(e->core, core);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	/* Every signal but SIGKILL passes a signal-delivery-stop first. */
	if (want_sig != SIGKILL) {
		int seen = 0;

		for (i = 0; i < log.n && i < log.cap; i++)
			if (log.ev[i].kind == SNARE_EV_SIGNAL &&
			    log.ev[i].signo == want_sig)
				seen = 1;
		assert_true(seen);
	}
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

static void
test_killed_by_signal(void **state)
{
	check_killed(state, "segv", SIGSEGV);
	check_killed(state, "null", SIGSEGV);
	check_killed(state, "abort", SIGABRT);
	check_killed(state, "term", SIGTERM);
	check_killed(state, "kill", SIGKILL);
	check_killed(state, "usr1", SIGUSR1);
	check_killed(state, "ill", SIGILL);
}

/* ---------------------------------------------------------------- */
/* exec                                                             */
/* ---------------------------------------------------------------- */

static void
check_exec(void **state, const char *tracee, const char *mode)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	struct snare_test_log log;
	const struct snare_test_event *e;
	const char *target = snare_test_tracee("exit_code");
	char *argv[] = { (char *)tracee, (char *)mode, (char *)target, "42",
			 NULL };
	char out[256];
	int code = -1, signo = -1;
	long printed_tid;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	snare_test_log_init(&log, 256);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, &so);
	p = spawn_ok(s, snare_test_tracee(tracee), argv, &po);
	pid = snare_proc_pid(p);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_int_equal(sscanf(out, "tid %ld", &printed_tid), 1);

	assert_int_equal(snare_test_log_count(&log, SNARE_EV_EXEC), 1);
	e = snare_test_log_find(&log, SNARE_EV_EXEC);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->old_tid, printed_tid);
	if (strcmp(mode, "thread") == 0)
		assert_int_not_equal(e->old_tid, pid);
	else
		assert_int_equal(e->old_tid, pid);
	assert_non_null(strstr(e->path, "exit_code"));
	/* After the exec the process keeps its pid and the new exit code. */
	assert_int_equal(snare_proc_pid(p), pid);
	assert_int_equal(snare_proc_exit_status(&code, &signo, NULL, p), 1);
	assert_int_equal(code, 42);
	assert_int_equal(signo, 0);
	e = snare_test_log_find(&log, SNARE_EV_PROC_EXIT);
	assert_non_null(e);
	assert_int_equal(e->pid, pid);
	assert_int_equal(e->code, 42);
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_PROC_EXIT), 1);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

static void
test_exec_from_leader(void **state)
{
	check_exec(state, "exec_thread", "leader");
}

static void
test_exec_from_thread(void **state)
{
	check_exec(state, "exec_thread", "thread");
	check_exec(state, "exec_thread-nopie", "thread");
}

/* ---------------------------------------------------------------- */
/* Spawn errors and stops                                           */
/* ---------------------------------------------------------------- */

static void
check_spawn_error(void **state, const char *path, int want)
{
	char *argv[] = { (char *)path, NULL };
	snare_proc *p = NULL;
	snare_session *s = snare_test_session(state, NULL);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int rc;

	rc = snare_spawn(&p, s, path, argv, NULL);
	if (rc != want)
		fail_msg("spawn %s: %d (%s), want %d (%s)", path, rc,
			 snare_strerror(rc), want, snare_strerror(want));
	if (!strstr(snare_errmsg(s), base))
		fail_msg("message '%s' does not name %s", snare_errmsg(s),
			 base);
	snare_test_assert_no_children();
	/* The session is still usable: nothing to trace. */
	snare_test_run_to_end(s, 1);
	snare_test_session_free(state);
}

static void
test_spawn_errors(void **state)
{
	char tmp[] = "/tmp/snare-test-noexec-XXXXXX";
	int fd;

	check_spawn_error(state, "/nonexistent/snare-no-such-program", -ENOENT);
	check_spawn_error(state, "snare-no-such-program-in-path", -ENOENT);
	check_spawn_error(state, TRACEE_DIR "/no-such-tracee", -ENOENT);

	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "#!/bin/sh\nexit 0\n", 17), 17);
	close(fd);
	assert_int_equal(chmod(tmp, 0644), 0);
	check_spawn_error(state, tmp, -EACCES);
	unlink(tmp);
}

static void
check_spawn_stop(void **state, const char *tracee, int stop_at)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { (char *)tracee, "3", NULL };
	uint64_t pc = 0, sp = 0, entry, base;
	Elf64_Ehdr eh;
	snare_map *maps = NULL;
	const snare_map *m;
	size_t n = 0;
	int code = -1;
	snare_session *s;
	snare_proc *p;
	snare_thread *t;

	po.stop_at = stop_at;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, snare_test_tracee(tracee), argv, &po);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_proc_state(snare_proc_pid(p)), 't');
	t = leader(p);
	assert_int_equal(snare_thread_pc(&pc, t), 0);
	assert_int_equal(snare_thread_sp(&sp, t), 0);
	entry = snare_test_auxv(snare_proc_pid(p), AT_ENTRY);
	assert_int_not_equal(entry, 0);
	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	m = snare_test_find_map(maps, n, pc);
	assert_non_null(m);
	assert_true(m->prot & 4); /* PROT_EXEC */
	assert_non_null(snare_test_find_map(maps, n, sp));
	if (stop_at == SNARE_SPAWN_STOP_ENTRY) {
		assert_int_equal(pc, entry);
		assert_non_null(strstr(m->path, tracee));
	} else {
		/* The first instruction is the dynamic loader's. */
		assert_int_not_equal(pc, entry);
		assert_non_null(strstr(m->path, "ld-"));
		/* It is the loader's e_entry, from its header in memory. */
		base = snare_test_auxv(snare_proc_pid(p), AT_BASE);
		assert_int_not_equal(base, 0);
		assert_int_equal(snare_mem_read(&eh, p, base, sizeof(eh)), 0);
		assert_memory_equal(eh.e_ident, ELFMAG, SELFMAG);
		assert_int_equal(pc, base + eh.e_entry);
	}
	snare_maps_free(maps, n);
	snare_test_run_to_end(s, 16);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 3);
	snare_test_session_free(state);
}

static void
test_spawn_stop_entry(void **state)
{
	check_spawn_stop(state, "exit_code", SNARE_SPAWN_STOP_ENTRY);
	check_spawn_stop(state, "exit_code-nopie", SNARE_SPAWN_STOP_ENTRY);
}

static void
test_spawn_stop_exec(void **state)
{
	check_spawn_stop(state, "exit_code", SNARE_SPAWN_STOP_EXEC);
	check_spawn_stop(state, "exit_code-nopie", SNARE_SPAWN_STOP_EXEC);
}

/* Spawn exit_code stopped at exec and return its initial stack pointer. */
static uint64_t
initial_sp(void **state, int no_aslr, unsigned long *personality)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { "exit_code", "0", NULL };
	char path[64], text[64];
	uint64_t sp = 0;
	snare_session *s;
	snare_proc *p;
	FILE *f;
	int signo = 0;

	po.no_aslr = no_aslr;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, snare_test_tracee("exit_code"), argv, &po);
	assert_int_equal(snare_thread_sp(&sp, leader(p)), 0);
	snprintf(path, sizeof(path), "/proc/%d/personality",
		 (int)snare_proc_pid(p));
	f = fopen(path, "re");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
	*personality = strtoul(text, NULL, 16);
	/* Killing a process stopped at its first instruction. */
	assert_int_equal(snare_proc_kill(p), 0);
	assert_int_equal(snare_proc_exit_status(NULL, &signo, NULL, p), 1);
	assert_int_equal(signo, SIGKILL);
	snare_test_run_to_end(s, 4);
	snare_test_session_free(state);
	return sp;
}

static void
test_no_aslr(void **state)
{
	unsigned long pers1, pers2;
	uint64_t a = initial_sp(state, 1, &pers1);
	uint64_t b = initial_sp(state, 1, &pers2);
	char text[8] = "";
	FILE *f;

	assert_int_not_equal(a, 0);
	assert_int_equal(a, b);
	assert_true(pers1 & 0x0040000); /* ADDR_NO_RANDOMIZE */
	assert_true(pers2 & 0x0040000);
	/* The control: with ASLR on (when the host has it), they differ. */
	f = fopen("/proc/sys/kernel/randomize_va_space", "re");
	if (f) {
		if (!fgets(text, sizeof(text), f))
			text[0] = 0;
		fclose(f);
	}
	if (atoi(text) != 0) {
		a = initial_sp(state, 0, &pers1);
		b = initial_sp(state, 0, &pers2);
		assert_int_not_equal(a, b);
		assert_false(pers1 & 0x0040000);
	}
}

/* ---------------------------------------------------------------- */
/* stdio                                                            */
/* ---------------------------------------------------------------- */

static void
test_stdio_pipes(void **state)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("echo");
	char *argv[] = { (char *)path, NULL };
	char out[256], err[256];
	snare_session *s;
	snare_proc *p;
	int in_fd, code = -1;

	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	po.stdio[2].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, path, argv, &po);
	assert_true(snare_proc_stdio_fd(p, 0) >= 0);
	assert_true(snare_proc_stdio_fd(p, 1) >= 0);
	assert_true(snare_proc_stdio_fd(p, 2) >= 0);
	assert_int_equal(snare_proc_stdio_fd(p, 3), -1);
	assert_int_equal(snare_proc_stdio_fd(p, -1), -1);
	/* The tracer's ends are CLOEXEC. */
	assert_true(fcntl(snare_proc_stdio_fd(p, 1), F_GETFD) & FD_CLOEXEC);
	snare_test_write_str(snare_proc_stdio_fd(p, 0), "hello snare\n");
	/* Take stdin and close it: the tracee reads EOF. */
	in_fd = snare_proc_take_stdio_fd(p, 0);
	assert_true(in_fd >= 0);
	assert_int_equal(snare_proc_stdio_fd(p, 0), -1);
	close(in_fd);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	snare_test_read_all(snare_proc_stdio_fd(p, 2), err, sizeof(err));
	assert_string_equal(out, "HELLO SNARE\n");
	assert_string_equal(err, "bytes 12\n");
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_session_free(state);
}

/* Write to a helper thread's pipe while snare_run() runs the tracee. */
struct pump {
	int in_fd, out_fd;
	size_t len;
	size_t got;
	int bad; /* first mismatching offset + 1, or 0 */
	int timed_out;
};

static void *
pump_main(void *arg)
{
	struct pump *pm = arg;
	char chunk[4096], back[4096];
	size_t sent = 0, i;
	ssize_t n;
	struct pollfd pfd[2];

	pfd[0].fd = pm->in_fd;
	pfd[1].fd = pm->out_fd;
	while (pm->got < pm->len) {
		pfd[0].events = sent < pm->len ? POLLOUT : 0;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, SNARE_TEST_TIMEOUT_MS) <= 0) {
			pm->timed_out = 1;
			break;
		}
		if (pfd[0].revents & (POLLOUT | POLLERR)) {
			size_t k = pm->len - sent < sizeof(chunk) ?
					   pm->len - sent : sizeof(chunk);

			for (i = 0; i < k; i++)
				chunk[i] = 'a' + (sent + i) % 26;
			n = write(pm->in_fd, chunk, k);
			if (n > 0)
				sent += n;
			if (sent == pm->len) {
				close(pm->in_fd);
				pm->in_fd = -1;
				pfd[0].fd = -1;
			}
		}
		if (pfd[1].revents & (POLLIN | POLLHUP)) {
			n = read(pm->out_fd, back, sizeof(back));
			if (n <= 0)
				break;
			for (i = 0; i < (size_t)n; i++)
				if (!pm->bad &&
				    back[i] != (char)('A' + (pm->got + i) % 26))
					pm->bad = (int)(pm->got + i) + 1;
			pm->got += n;
		}
	}
	if (pm->in_fd >= 0)
		close(pm->in_fd);
	return NULL;
}

static void
test_stdio_pipes_large(void **state)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("echo");
	char *argv[] = { (char *)path, NULL };
	struct pump pm = { .len = 1 << 20 };
	pthread_t th;
	snare_session *s;
	snare_proc *p;
	int code = -1;
	char err[64];

	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	po.stdio[2].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, path, argv, &po);
	pm.in_fd = snare_proc_take_stdio_fd(p, 0);
	pm.out_fd = snare_proc_stdio_fd(p, 1);
	assert_true(pm.in_fd >= 0 && pm.out_fd >= 0);
	assert_int_equal(pthread_create(&th, NULL, pump_main, &pm), 0);
	snare_test_run_to_end(s, 16);
	pthread_join(th, NULL);
	assert_false(pm.timed_out);
	assert_int_equal(pm.bad, 0);
	assert_int_equal(pm.got, pm.len);
	snare_test_read_all(snare_proc_stdio_fd(p, 2), err, sizeof(err));
	assert_string_equal(err, "bytes 1048576\n");
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_session_free(state);
}

static void
test_stdio_file_and_null(void **state)
{
	char in_path[] = "/tmp/snare-test-in-XXXXXX";
	char out_path[] = "/tmp/snare-test-out-XXXXXX";
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("echo");
	char *argv[] = { (char *)path, NULL };
	char buf[256];
	snare_session *s;
	snare_proc *p;
	int fd, code = -1;
	ssize_t n;

	fd = mkstemp(in_path);
	assert_true(fd >= 0);
	snare_test_write_str(fd, "from a file\n");
	close(fd);
	/* The output file is longer than the output: O_TRUNC by default. */
	fd = mkstemp(out_path);
	assert_true(fd >= 0);
	snare_test_write_str(fd, "old content that must be truncated away\n");
	close(fd);

	/* stdin and stdout from files, stderr to a pipe. */
	po.stdio[0].kind = SNARE_STDIO_FILE;
	po.stdio[0].path = in_path;
	po.stdio[1].kind = SNARE_STDIO_FILE;
	po.stdio[1].path = out_path;
	po.stdio[2].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, path, argv, &po);
	assert_int_equal(snare_proc_stdio_fd(p, 0), -1);
	assert_int_equal(snare_proc_stdio_fd(p, 1), -1);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 2), buf, sizeof(buf));
	assert_string_equal(buf, "bytes 12\n");
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_session_free(state);
	fd = open(out_path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	assert_true(n >= 0);
	buf[n] = 0;
	assert_string_equal(buf, "FROM A FILE\n");

	/* stdin and stdout on /dev/null: the tracee reads nothing. */
	po.stdio[0].kind = SNARE_STDIO_NULL;
	po.stdio[1].kind = SNARE_STDIO_NULL;
	po.stdio[2].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, path, argv, &po);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(snare_proc_stdio_fd(p, 2), buf, sizeof(buf));
	assert_string_equal(buf, "bytes 0\n");
	snare_test_session_free(state);

	/* stdout dup2'ed from the caller's fd; stdin from a file. */
	{
		int fds[2];

		assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
		po.stdio[0].kind = SNARE_STDIO_FILE;
		po.stdio[0].path = in_path;
		po.stdio[1].kind = SNARE_STDIO_FD;
		po.stdio[1].fd = fds[1];
		po.stdio[2].kind = SNARE_STDIO_NULL;
		s = snare_test_session(state, NULL);
		p = spawn_ok(s, path, argv, &po);
		close(fds[1]);
		snare_test_run_to_end(s, 16);
		snare_test_read_all(fds[0], buf, sizeof(buf));
		close(fds[0]);
		assert_string_equal(buf, "FROM A FILE\n");
		snare_test_session_free(state);
	}
	unlink(in_path);
	unlink(out_path);
}

/* ---------------------------------------------------------------- */
/* Job control from outside                                         */
/* ---------------------------------------------------------------- */

/*
 * The helper thread of the SIGSTOP/SIGCONT test. It never calls snare
 * (except snare_session_interrupt) nor cmocka: it records what it saw and
 * the main thread asserts after joining it.
 */
struct jobctl {
	snare_session *s;
	pid_t pid;
	int in_fd, out_fd, notify_fd;
	char state_stopped;  /* /proc State after the group-stop event */
	int echoed_stopped;  /* output came while stopped */
	char line[128];      /* the echo after SIGCONT */
	char rest[256];      /* the output after EOF */
	const char *fail;    /* first failure, or NULL */
};

/* Read a line with a bound; 0 on success. */
static int
line_in_time(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	char c;

	while (snare_test_readable(fd, SNARE_TEST_TIMEOUT_MS)) {
		if (read(fd, &c, 1) != 1)
			break;
		if (c == '\n') {
			buf[len] = 0;
			return 0;
		}
		if (len < cap - 1)
			buf[len++] = c;
	}
	buf[len] = 0;
	return -1;
}

static void *
jobctl_main(void *arg)
{
	struct jobctl *jc = arg;
	char c;
	ssize_t n;
	size_t len = 0;

	if (line_in_time(jc->out_fd, jc->line, sizeof(jc->line)) != 0 ||
	    strcmp(jc->line, "ready") != 0) {
		jc->fail = "no 'ready' line";
		goto out;
	}
	kill(jc->pid, SIGSTOP);
	if (!snare_test_readable(jc->notify_fd, SNARE_TEST_TIMEOUT_MS) ||
	    read(jc->notify_fd, &c, 1) != 1) {
		jc->fail = "no SNARE_EV_GROUP_STOP after SIGSTOP";
		goto out;
	}
	jc->state_stopped = snare_test_proc_state(jc->pid);
	if (write(jc->in_fd, "one\n", 4) != 4) {
		jc->fail = "write to stdin";
		goto out;
	}
	/* A stopped process must not echo (bounded negative check). */
	jc->echoed_stopped = snare_test_readable(jc->out_fd, 300);
	kill(jc->pid, SIGCONT);
	if (line_in_time(jc->out_fd, jc->line, sizeof(jc->line)) != 0) {
		jc->fail = "no echo after SIGCONT";
		goto out;
	}
	close(jc->in_fd);
	jc->in_fd = -1;
	while (len < sizeof(jc->rest) - 1 &&
	       snare_test_readable(jc->out_fd, SNARE_TEST_TIMEOUT_MS)) {
		n = read(jc->out_fd, jc->rest + len, sizeof(jc->rest) - 1 - len);
		if (n <= 0)
			break;
		len += n;
	}
	jc->rest[len] = 0;
out:
	if (jc->in_fd >= 0)
		close(jc->in_fd);
	if (jc->fail) {
		/* Make the main thread's snare_run() return. */
		kill(jc->pid, SIGKILL);
		snare_session_interrupt(jc->s);
	}
	return NULL;
}

static void
test_sigstop_sigcont_from_outside(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("stopme");
	char *argv[] = { (char *)path, NULL };
	struct snare_test_log log;
	struct jobctl jc;
	const struct snare_test_event *e;
	int notify[2], code = -1, sigs = 0, conts = 0;
	snare_session *s;
	snare_proc *p;
	pthread_t th;
	size_t i;

	assert_int_equal(pipe2(notify, O_CLOEXEC), 0);
	snare_test_log_init(&log, 256);
	log.notify_kind = SNARE_EV_GROUP_STOP;
	log.notify_fd = notify[1];
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, &so);
	p = spawn_ok(s, path, argv, &po);

	memset(&jc, 0, sizeof(jc));
	jc.s = s;
	jc.pid = snare_proc_pid(p);
	jc.in_fd = snare_proc_take_stdio_fd(p, 0);
	jc.out_fd = snare_proc_stdio_fd(p, 1);
	jc.notify_fd = notify[0];
	assert_int_equal(pthread_create(&th, NULL, jobctl_main, &jc), 0);
	snare_test_run_to_end(s, 16);
	pthread_join(th, NULL);
	close(notify[0]);
	close(notify[1]);

	if (jc.fail)
		fail_msg("%s", jc.fail);
	/* Traced group-stop shows as 't' (PTRACE_LISTEN), untraced as 'T'. */
	if (jc.state_stopped != 'T' && jc.state_stopped != 't')
		fail_msg("State '%c' after SIGSTOP", jc.state_stopped);
	assert_false(jc.echoed_stopped);
	assert_string_equal(jc.line, "echo one");
	/* The tracee's own SIGCONT handler ran once, as untraced. */
	assert_string_equal(jc.rest, "conts 1\n");
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);

	e = snare_test_log_find(&log, SNARE_EV_GROUP_STOP);
	assert_non_null(e);
	assert_int_equal(e->signo, SIGSTOP);
	assert_int_equal(e->pid, jc.pid);
	for (i = 0; i < log.n && i < log.cap; i++) {
		if (log.ev[i].kind != SNARE_EV_SIGNAL)
			continue;
		sigs += log.ev[i].signo == SIGSTOP;
		conts += log.ev[i].signo == SIGCONT;
	}
	assert_int_equal(sigs, 1);
	assert_int_equal(conts, 1);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

/* ---------------------------------------------------------------- */
/* Session free with running tracees                                */
/* ---------------------------------------------------------------- */

static void
check_free_running(void **state, const char *tracee, const char *arg,
		   int want_threads)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char *argv[] = { (char *)path, (char *)arg, NULL };
	char line[64];
	snare_thread *ths[8];
	snare_event ev;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, NULL);
	p = spawn_ok(s, path, argv, &po);
	pid = snare_proc_pid(p);
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
				  sizeof(line));
	assert_string_equal(line, "ready");
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_count_threads(pid), want_threads);
	assert_int_equal(snare_proc_threads(ths, 8, p), (size_t)want_threads);
	/* Resume it without blocking: it runs on its own, untouched. */
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_NOWAIT), 0);
	assert_int_equal(ev.kind, SNARE_EV_NONE);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_RUNNING);
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());

	snare_test_session_free(state);
	/* Killed and reaped: no process, no zombie. */
	assert_int_equal(snare_test_proc_state(pid), 0);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	snare_test_assert_no_children();
}

static void
test_session_free_running(void **state)
{
	check_free_running(state, "stopme", NULL, 1);
	check_free_running(state, "workers4", "spin", 5);
	check_free_running(state, "workers4-nopie", "block", 5);
}

/* Session free right after spawn, before the tracee ran at all. */
static void
test_session_free_stopped(void **state)
{
	char *argv[] = { "exit_code", "1", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_ok(s, snare_test_tracee("exit_code"), argv, NULL);
	pid_t pid = snare_proc_pid(p);

	snare_test_session_free(state);
	assert_int_equal(kill(pid, 0), -1);
	snare_test_assert_no_children();
}

/* ---------------------------------------------------------------- */
/* Bad input                                                        */
/* ---------------------------------------------------------------- */

static void
test_bad_options(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee("exit_code");
	char *argv[] = { (char *)path, NULL };
	snare_session *s = NULL;
	snare_proc *p = NULL;
	snare_event ev;

	snare_session_free(NULL);
	so.version = 999;
	assert_int_equal(snare_session_new(&s, &so), -EINVAL);
	assert_null(s);
	so.version = 0;
	assert_int_equal(snare_session_new(&s, &so), -EINVAL);
	assert_null(s);

	s = snare_test_session(state, NULL);
	po.version = 999;
	assert_int_equal(snare_spawn(&p, s, path, argv, &po), -EINVAL);
	po.version = SNARE_SPAWN_OPTS_VERSION;
	po.stop_at = 7;
	assert_int_equal(snare_spawn(&p, s, path, argv, &po), -EINVAL);
	po.stop_at = 0;
	po.stdio[1].kind = 42;
	assert_int_equal(snare_spawn(&p, s, path, argv, &po), -EINVAL);
	po.stdio[1].kind = SNARE_STDIO_FILE;
	po.stdio[1].path = NULL;
	assert_int_equal(snare_spawn(&p, s, path, argv, &po), -EINVAL);
	snare_test_assert_no_children();
	assert_int_equal(snare_run(&ev, s, 42), -EINVAL);

	/* Nothing traced: snare_run says so at once, also with ev NULL. */
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_ALL_EXITED);
	assert_int_equal(snare_run(NULL, s, SNARE_RUN_ONCE), 0);
	snare_test_session_free(state);

	assert_non_null(snare_strerror(-ENOENT));
	assert_non_null(strstr(snare_strerror(-ENOENT), "No such file"));
	assert_true(strlen(snare_strerror(SNARE_EWRONGTHREAD)) > 0);
	assert_true(strlen(snare_strerror(SNARE_EEXITED)) > 0);
	assert_true(strlen(snare_strerror(SNARE_ESECCOMP)) > 0);
	assert_non_null(snare_strerror(12345678));
	assert_non_null(snare_strerror(0));
}

struct other_thread {
	snare_session *s;
	snare_proc *p;
	int run_rc, spawn_rc, attach_rc, kill_rc, detach_rc, threads_n;
	snare_proc *spawned;
};

static void *
other_thread_main(void *arg)
{
	struct other_thread *o = arg;
	char *argv[] = { "exit_code", NULL };
	snare_event ev;

	o->run_rc = snare_run(&ev, o->s, SNARE_RUN_NOWAIT);
	o->spawn_rc = snare_spawn(&o->spawned, o->s,
				  snare_test_tracee("exit_code"), argv, NULL);
	o->attach_rc = snare_attach(&o->spawned, o->s, snare_proc_pid(o->p));
	o->kill_rc = snare_proc_kill(o->p);
	o->detach_rc = snare_proc_detach(o->p, 0);
	/* The documented exception: interrupt from any thread. */
	snare_session_interrupt(o->s);
	return NULL;
}

static void
test_wrong_thread(void **state)
{
	char *argv[] = { "exit_code", "5", NULL };
	struct other_thread o;
	snare_session *s = snare_test_session(state, NULL);
	snare_event ev;
	pthread_t th;
	int code = -1;

	memset(&o, 0, sizeof(o));
	o.s = s;
	o.p = spawn_ok(s, snare_test_tracee("exit_code"), argv, NULL);
	assert_int_equal(pthread_create(&th, NULL, other_thread_main, &o), 0);
	pthread_join(th, NULL);
	assert_int_equal(o.run_rc, SNARE_EWRONGTHREAD);
	assert_int_equal(o.spawn_rc, SNARE_EWRONGTHREAD);
	assert_null(o.spawned);
	assert_int_equal(o.attach_rc, SNARE_EWRONGTHREAD);
	assert_int_equal(o.kill_rc, SNARE_EWRONGTHREAD);
	assert_int_equal(o.detach_rc, SNARE_EWRONGTHREAD);
	/* Nothing happened to the tracee. */
	assert_int_equal(snare_proc_state(o.p), SNARE_PROC_STOPPED);
	/* The interrupt, requested while no snare_run() ran, comes first. */
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_INTERRUPT);
	assert_int_equal(snare_proc_state(o.p), SNARE_PROC_STOPPED);
	snare_test_run_to_end(s, 16);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, o.p), 1);
	assert_int_equal(code, 5);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_exit_codes),
		SNARE_TEST(test_killed_by_signal),
		SNARE_TEST(test_exec_from_leader),
		SNARE_TEST(test_exec_from_thread),
		SNARE_TEST(test_spawn_errors),
		SNARE_TEST(test_spawn_stop_entry),
		SNARE_TEST(test_spawn_stop_exec),
		SNARE_TEST(test_no_aslr),
		SNARE_TEST(test_stdio_pipes),
		SNARE_TEST(test_stdio_pipes_large),
		SNARE_TEST(test_stdio_file_and_null),
		SNARE_TEST(test_sigstop_sigcont_from_outside),
		SNARE_TEST(test_session_free_running),
		SNARE_TEST(test_session_free_stopped),
		SNARE_TEST(test_bad_options),
		SNARE_TEST(test_wrong_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
