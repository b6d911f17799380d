/* SPDX-License-Identifier: MIT */
/*
 * helpers.h: shared helpers of the cmocka library tests. The per-test
 * setup/teardown pair checks the post-mortem invariants of PTRACE-NOTES 4.6
 * after every test: no child process left (zombie, stopped or running), no
 * fd and no thread leaked by the tracer. The rest are small tools: tracee
 * paths, bounded reads from pipes (never a sleep), /proc inspection, a plain
 * fork+exec for attach tests and an event recorder for the on_event
 * observer.
 *
 * Usage: list tests with SNARE_TEST(fn) and run them with
 * cmocka_run_group_tests(tests, NULL, NULL). A test gets a session with
 * snare_test_session(state, opts); the teardown frees it if the test did
 * not (after a failed assertion, say), kills leftover children and reports
 * what it had to clean as a failure.
 *
 * cmocka_run_group_tests() and skip() are redefined below: every case runs
 * in its own forked child (see snare_test_run_group()), so a crash or a
 * hang fails that case only, and a skip is reported as a skip (exit 77 to
 * ctest), never as a pass. tests/CMakeLists.txt registers each
 * SNARE_TEST(fn) line as its own ctest test, <binary>.<fn>: keep one
 * SNARE_TEST(fn) per line in the array.
 */
#ifndef SNARE_TEST_HELPERS_H
#define SNARE_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "snare.h"

/*
 * The harness. With SNARE_TEST_CASE=name in the environment, run only that
 * case; without it, run every case, one after the other. Each case runs in
 * a forked child that leads its own process group, under a hard timeout
 * (SNARE_TEST_CASE_TIMEOUT seconds, default 100): on timeout the whole
 * group is killed with SIGKILL, and after every case whatever the case
 * left behind (its group, and orphans, which come back to the harness as
 * a child subreaper) is killed and reaped. Exit status: 1 if a case failed
 * (an assertion, a crash, a timeout, a failed teardown), else 77 if every
 * case run was skipped, else 0. With SNARE_TEST_CHECK_CASES=a,b,... it
 * runs nothing and exits 0 only when the group's cases are exactly that
 * list (what tests/CMakeLists.txt found in the source).
 * group_setup and group_teardown run in each case's child.
 */
int snare_test_run_group(const struct CMUnitTest *tests, size_t n,
			 const char *group_name, CMFixtureFunction group_setup,
			 CMFixtureFunction group_teardown);
/* Record that the current case skipped (skip() calls it). */
void snare_test_mark_skipped(void);

#undef cmocka_run_group_tests
#define cmocka_run_group_tests(group, group_setup, group_teardown)          \
	snare_test_run_group((group), sizeof(group) / sizeof((group)[0]),   \
			     #group, (group_setup), (group_teardown))
#undef skip
#define skip() (snare_test_mark_skipped(), _skip(__FILE__, __LINE__))

#ifndef TRACEE_DIR
#error "TRACEE_DIR must be defined by the build"
#endif

/* Bound of every wait in the tests: a wait that takes longer fails. */
#define SNARE_TEST_TIMEOUT_MS 20000

/* What setup records and teardown compares. */
struct snare_test_ctx {
	int fds;            /* entries in /proc/self/fd at setup */
	int threads;        /* entries in /proc/self/task at setup */
	snare_session *s;   /* the test's session, freed by teardown */
};

int snare_test_setup(void **state);
int snare_test_teardown(void **state);
#define SNARE_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, snare_test_setup, snare_test_teardown)

/*
 * Create a session (fails the test on error) that teardown frees if the
 * test does not. snare_test_session_free() frees it now.
 */
snare_session *snare_test_session(void **state, const snare_session_opts *opts);
void snare_test_session_free(void **state);

/*
 * Path of a tracee binary, TRACEE_DIR "/name" (name may carry "-nopie").
 * The string lives in one of 16 rotating static buffers.
 */
const char *snare_test_tracee(const char *name);

/*
 * Read until EOF into buf (NUL-terminated, at most cap-1 bytes) and return
 * the length. Fails the test when no EOF comes within the timeout.
 */
size_t snare_test_read_all(int fd, char *buf, size_t cap);
/*
 * Read one line (up to and including '\n', which is stripped) without
 * reading past it. Fails the test on timeout or EOF before a newline.
 */
void snare_test_read_line(int fd, char *buf, size_t cap);
/* 1 when fd has data or EOF within timeout_ms, 0 otherwise. */
int snare_test_readable(int fd, int timeout_ms);
/* Write the whole string; fails the test on error. */
void snare_test_write_str(int fd, const char *str);

/* A register of a stopped thread (fails the test on error). */
uint64_t snare_test_reg(snare_thread *t, const char *name);
/* Eight bytes of tracee memory (fails the test on error). */
uint64_t snare_test_mem64(snare_proc *p, uint64_t addr);
/* A breakpoint callback counting its hits into *(long *)user. */
int snare_test_count_hit(snare_thread *t, snare_bp *bp, void *user);

/* Entries in /proc/self/fd and /proc/self/task. */
int snare_test_count_fds(void);
int snare_test_count_own_threads(void);

/* Number of threads of pid (entries in /proc/PID/task), -1 if gone. */
int snare_test_count_threads(pid_t pid);
/* The State letter of /proc/PID/task/TID/status, or 0 if gone. */
char snare_test_task_state(pid_t pid, pid_t tid);
/* The State letter of /proc/PID/status, or 0 if gone. */
char snare_test_proc_state(pid_t pid);
/*
 * Wait (bounded) until /proc/PID/status shows State st; returns the last
 * state seen. Only for transitions the kernel gives no event for, such as
 * a detached group-stopped process re-entering TASK_STOPPED
 * (kernel/ptrace.c __ptrace_unlink() wakes it so it re-traps).
 */
char snare_test_wait_proc_state(pid_t pid, char st);
/* A numeric field ("TracerPid", "PPid") of /proc/PID/status, -1 if gone. */
long snare_test_status_field(pid_t pid, const char *field);
/* 1 while pid exists and is not a zombie. */
int snare_test_proc_alive(pid_t pid);
/*
 * A detached process is clean: every thread has TracerPid 0 and is not in
 * tracing stop ('t'). With stopped_ok 0 its state must not be 'T' either.
 */
void snare_test_assert_detached(pid_t pid, int stopped_ok);
/* The value of an auxv entry of pid (AT_ENTRY...), 0 when absent. */
uint64_t snare_test_auxv(pid_t pid, unsigned long type);

/*
 * Children of this process: the pids of /proc/ * /status with PPid ==
 * getpid(), at most cap of them; returns the count.
 */
size_t snare_test_children(pid_t *out, size_t cap);
/* No child process exists (fails the test otherwise). */
void snare_test_assert_no_children(void);

/*
 * fork+exec argv[0] without snare, stdin and stdout on pipes whose tracer
 * ends (CLOEXEC) go to *in_fd and *out_fd (either may be NULL: /dev/null).
 * Call before creating a session, or reap with snare_test_wait_exit() after
 * freeing it: snare reaps with waitpid(-1).
 */
pid_t snare_test_fork_exec(char *const argv[], int *in_fd, int *out_fd);
/* Wait (bounded) for child pid to exit and return its wait status. */
int snare_test_wait_exit(pid_t pid);

/*
 * Run the session until SNARE_EV_ALL_EXITED (fails the test on an error or
 * on more than max_returns returns of snare_run()).
 */
void snare_test_run_to_end(snare_session *s, int max_returns);

/*
 * Fill argv (cap entries) with {path, args...} and a NULL; args is
 * NULL-terminated (may be NULL), extra entries are dropped.
 */
void snare_test_argv(char **argv, size_t cap, const char *path,
		     const char *const *args);

/*
 * snare_spawn() that fails the test on error (the message names path and
 * the session's errmsg). Returns the process.
 */
snare_proc *snare_test_spawn(snare_session *s, const char *path,
			     char *const argv[], const snare_spawn_opts *opts);

/* Bits of snare_test_spawn_piped()'s pipes: stdio fds put on pipes. */
#define SNARE_TEST_PIPE_IN  (1u << 0)
#define SNARE_TEST_PIPE_OUT (1u << 1)
#define SNARE_TEST_PIPE_ERR (1u << 2)

/*
 * Spawn TRACEE_DIR/name with argv {name, args...} (args NULL-terminated,
 * may be NULL; at most 15 entries), the stdio fds of pipes
 * (SNARE_TEST_PIPE_*) on pipes, stopped as stop_at says
 * (SNARE_SPAWN_STOP_*). Fails the test on error.
 */
snare_proc *snare_test_spawn_piped(snare_session *s, const char *name,
				   const char *const *args, unsigned pipes,
				   int stop_at);

/*
 * Run the session to the end (snare_test_run_to_end(s, max_returns)); p
 * must have exited with code 0 (no signal). Reads p's stdout (a pipe)
 * into out, which a failure message shows.
 */
void snare_test_finish(snare_session *s, snare_proc *p, int max_returns,
		       char *out, size_t cap);

/* The map of maps[0..n) containing addr, or NULL. */
const snare_map *snare_test_find_map(const snare_map *maps, size_t n,
				     uint64_t addr);

/*
 * Run the session (SNARE_RUN_DEFAULT) until a line arrives on fd: a helper
 * thread reads it (bounded) and calls snare_session_interrupt(). Fails the
 * test unless snare_run() returned SNARE_EV_INTERRUPT after the line came.
 * The line (without '\n') goes to buf. Every thread is then stopped.
 */
void snare_test_run_until_line(snare_session *s, int fd, char *buf,
			       size_t cap);

/* One recorded event. */
struct snare_test_event {
	int kind;
	pid_t pid, tid, old_tid;
	int signo, code, core;
	long syscall_nr;
	char path[256];
};

/*
 * An on_event observer that appends every event to a snare_test_log
 * (user), returns SNARE_CONTINUE, and writes one byte to notify_fd (when
 * >= 0) for each event whose kind is notify_kind.
 */
struct snare_test_log {
	struct snare_test_event *ev;
	size_t n, cap;
	int notify_kind;
	int notify_fd;
};
void snare_test_log_init(struct snare_test_log *log, size_t cap);
void snare_test_log_free(struct snare_test_log *log);
int snare_test_log_event(snare_session *s, const struct snare_event *ev,
			 void *user);
/* Events of this kind in the log. */
size_t snare_test_log_count(const struct snare_test_log *log, int kind);
/* The first event of this kind, or NULL. */
const struct snare_test_event *
snare_test_log_find(const struct snare_test_log *log, int kind);

#endif
