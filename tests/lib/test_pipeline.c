/* SPDX-License-Identifier: MIT */
/*
 * test_pipeline.c: regression tests for the stop pipeline, one or two per
 * known bug, each asserting what snare.h promises on a real tracee:
 *
 *  - a spawn that fails with ENOEXEC past the fork leaves the session fit
 *    to spawn and run a threaded program (freed thread records must not
 *    be read at the next clone);
 *  - the payload of an event snare_run() returned (ev.path of EXEC,
 *    ev.siginfo of SIGNAL) is still there after it returned;
 *  - SNARE_RUN_ONCE returns every event the observer sees, one per call,
 *    in order (THREAD_EXIT then PROC_EXIT; every THREAD_NEW/EXIT);
 *  - hooks with callbacks still show their SYSCALL_ENTER/EXIT to on_event;
 *  - fake_traceme answers a second PTRACE_TRACEME with EPERM, as untraced;
 *  - finish and next return to the caller when a disabled breakpoint sits
 *    at the return address;
 *  - a user breakpoint at the entry point coexists with the library's own
 *    watcher of a pending breakpoint, and is hit;
 *  - step, step_until, next and finish work from a breakpoint callback;
 *  - two sessions in two threads of one process run concurrently;
 *  - an asynchronous interrupt leaves no signal for the tracee to see, and
 *    a SIGSTOP from outside just after it is not lost (50 rounds);
 *  - a signal arriving while an indirect call under a breakpoint is run
 *    out of line: the handler returns normally;
 *  - with follow_forks off, a breakpoint callback never runs for a vfork
 *    child;
 *  - a watchpoint hit does not swallow the program's own SIGTRAP (skipped
 *    where debug registers do not fire);
 *  - breakpoints in a process whose leader is a zombie (spawned, attached).
 *
 * Callbacks never assert (a cmocka failure would longjmp out of
 * snare_run()): they record, and the test asserts afterwards. The tests'
 * own waits are bounded: pipes through the helpers' timed reads, and a
 * snare_run() that a lost event would leave blocked through a watchdog
 * thread that interrupts it. The two-session case runs in a child process
 * of its own, so that a hang or a crash there is reported, not inherited.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

/* The runtime address of a symbol of p's program. */
static uint64_t
sym_addr(snare_proc *p, const char *name)
{
	snare_symtab *st = snare_proc_symtab(p);
	uint64_t a = 0;
	int rc;

	if (!st)
		fail_msg("no symtab: %s", snare_errmsg(snare_proc_session(p)));
	rc = snare_symtab_resolve(&a, st, name);
	if (rc != 0)
		fail_msg("resolve %s: %s (%s)", name, snare_strerror(rc),
			 snare_symtab_errmsg(st));
	return a;
}

static snare_bp *
add_bp(snare_proc *p, uint64_t addr, const snare_bp_opts *opts)
{
	snare_bp *bp = NULL;
	int rc = snare_bp_add(&bp, p, addr, opts);

	if (rc != 0)
		fail_msg("snare_bp_add 0x%llx: %s (%s)",
			 (unsigned long long)addr, snare_strerror(rc),
			 snare_errmsg(snare_proc_session(p)));
	return bp;
}

/* A breakpoint at addr whose hits count into *hits. */
static snare_bp *
add_counting(snare_proc *p, uint64_t addr, long *hits)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;

	o.on_hit = snare_test_count_hit;
	o.user = hits;
	return add_bp(p, addr, &o);
}

/* One snare_run() that must succeed; returns the event. */
static void
run_ok(snare_event *ev, snare_session *s, int mode)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	rc = snare_run(ev, s, mode);
	if (rc != 0)
		fail_msg("snare_run: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
}

/* Run (default mode) to a breakpoint stop at bp; returns the thread. */
static snare_thread *
run_to_bp(snare_session *s, snare_bp *bp, uint64_t addr)
{
	snare_event ev;

	run_ok(&ev, s, SNARE_RUN_DEFAULT);
	if (ev.kind != SNARE_EV_BREAKPOINT)
		fail_msg("expected a breakpoint at 0x%llx, got event %d",
			 (unsigned long long)addr, ev.kind);
	assert_ptr_equal(ev.bp, bp);
	assert_int_equal(ev.pc, addr);
	assert_non_null(ev.thread);
	return ev.thread;
}

/*
 * Overwrite the stack below the caller's frame, where snare_run()'s frames
 * were: what an event still points at there no longer reads back.
 */
static __attribute__((noinline)) void
clobber_stack(void)
{
	volatile unsigned char buf[256 * 1024];

	memset((unsigned char *)buf, 0xa5, sizeof(buf));
	__asm__ volatile("" : : "r"(buf) : "memory");
}

/* A hex field (SigPnd, ShdPnd...) of /proc/PID[/task/TID]/status. */
static int
status_hex(uint64_t *out, pid_t pid, pid_t tid, const char *field)
{
	char path[96], text[4096], key[64];
	const char *at;
	ssize_t n;
	int fd;

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status",
			 (int)pid, (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	text[n] = 0;
	snprintf(key, sizeof(key), "\n%s:", field);
	at = strstr(text, key);
	if (!at)
		return -ENOENT;
	*out = strtoull(at + strlen(key), NULL, 16);
	return 0;
}

/*
 * No SIGSTOP is pending in pid: neither process-wide (ShdPnd) nor for a
 * thread (SigPnd of each task). Returns 0, or fills why.
 */
static int
sigstop_pending(pid_t pid, char *why, size_t cap)
{
	const uint64_t bit = 1ull << (SIGSTOP - 1);
	char dir[64];
	struct dirent *de;
	uint64_t v;
	DIR *d;

	if (status_hex(&v, pid, 0, "ShdPnd") == 0 && (v & bit)) {
		snprintf(why, cap, "SIGSTOP pending process-wide (ShdPnd %llx)",
			 (unsigned long long)v);
		return 1;
	}
	snprintf(dir, sizeof(dir), "/proc/%d/task", (int)pid);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		pid_t tid = atoi(de->d_name);

		if (tid <= 0)
			continue;
		if (status_hex(&v, pid, tid, "SigPnd") == 0 && (v & bit)) {
			snprintf(why, cap,
				 "SIGSTOP pending for thread %d (SigPnd %llx)",
				 (int)tid, (unsigned long long)v);
			closedir(d);
			return 1;
		}
	}
	closedir(d);
	return 0;
}

/* A watchdog that interrupts a snare_run() that takes longer than ms. */
struct watchdog {
	snare_session *s;
	int fds[2];
	int ms;
	atomic_int fired;
};

static void *
watchdog_main(void *arg)
{
	struct watchdog *w = arg;

	if (!snare_test_readable(w->fds[0], w->ms)) {
		atomic_store(&w->fired, 1);
		snare_session_interrupt(w->s);
	}
	return NULL;
}

/*
 * snare_run(mode) bounded by ms: a watchdog thread interrupts it after ms.
 * Returns snare_run()'s result; *fired says whether the watchdog did.
 */
static int
run_bounded(snare_event *ev, snare_session *s, int mode, int ms, int *fired)
{
	struct watchdog w;
	pthread_t th;
	int rc;

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.ms = ms;
	assert_int_equal(pipe2(w.fds, O_CLOEXEC), 0);
	assert_int_equal(pthread_create(&th, NULL, watchdog_main, &w), 0);
	memset(ev, 0, sizeof(*ev));
	rc = snare_run(ev, s, mode);
	if (write(w.fds[1], "x", 1) != 1)
		atomic_store(&w.fired, 1);
	pthread_join(th, NULL);
	close(w.fds[0]);
	close(w.fds[1]);
	*fired = atomic_load(&w.fired);
	return rc;
}

/* An observer that returns SNARE_STOP for one kind of event. */
struct stop_on {
	int kind;
	int seen;
};

static int
stop_on_kind(snare_session *s, const snare_event *ev, void *user)
{
	struct stop_on *so = user;

	(void)s;
	if (ev->kind != so->kind)
		return SNARE_CONTINUE;
	so->seen++;
	return SNARE_STOP;
}

/* At most 32 bytes of src into dst, non-printable bytes as \\xNN. */
static void
printable(char *dst, size_t cap, const char *src)
{
	size_t len = 0, i;

	for (i = 0; src[i] && i < 32 && len + 5 < cap; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c >= 0x20 && c < 0x7f)
			dst[len++] = (char)c;
		else
			len += (size_t)snprintf(dst + len, cap - len, "\\x%02x", c);
	}
	dst[len] = 0;
}

/* Write a file of len bytes with the given mode. */
static void
write_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);

	if (fd < 0)
		fail_msg("open %s: %s", path, strerror(errno));
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		fail_msg("write %s: %s", path, strerror(errno));
	}
	close(fd);
}

/* ---------------------------------------------------------------- */
/* 1. A spawn failing with ENOEXEC, then a threaded program          */
/* ---------------------------------------------------------------- */

/*
 * Two spawns fail past the fork with ENOEXEC (random bytes with exec
 * permission; a script without "#!"): the session then spawns a program
 * whose 50 threads overlap at random and runs it to its end. The failed
 * spawns' thread records must be gone for good, not read when a clone
 * event looks for a child that stopped before it.
 */
static void
test_spawn_enoexec_then_threads(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	static const char *const args[] = { "50", "burst", NULL };
	static const char script_text[] = "echo hello\nexit 3\n";
	char dir[] = "/tmp/snare-pl-XXXXXX", junk[64], script[64];
	char msg1[512], msg2[512], out[128];
	char *argv_junk[] = { "junk", NULL }, *argv_script[] = { "script", NULL };
	unsigned char bytes[4096];
	struct snare_test_log log;
	snare_session *s;
	snare_proc *p = NULL, *q = NULL;
	uint32_t x = 0x2545f491u;
	size_t i;
	int rc1, rc2;

	for (i = 0; i < sizeof(bytes); i++) {
		x = x * 1664525u + 1013904223u;
		bytes[i] = (unsigned char)(x >> 24);
	}
	bytes[0] = 0x01; /* neither "\177ELF" nor "#!" */
	bytes[1] = 0x02;
	assert_non_null(mkdtemp(dir));
	snprintf(junk, sizeof(junk), "%s/junk", dir);
	snprintf(script, sizeof(script), "%s/script", dir);
	write_file(junk, bytes, sizeof(bytes), 0755);
	write_file(script, script_text, strlen(script_text), 0755);

	snare_test_log_init(&log, 1024);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	rc1 = snare_spawn(&p, s, junk, argv_junk, NULL);
	snprintf(msg1, sizeof(msg1), "%s", snare_errmsg(s));
	rc2 = snare_spawn(&q, s, script, argv_script, NULL);
	snprintf(msg2, sizeof(msg2), "%s", snare_errmsg(s));
	unlink(junk);
	unlink(script);
	rmdir(dir);
	if (rc1 != -ENOEXEC)
		fail_msg("spawn of random bytes: %s (%s), wanted -ENOEXEC",
			 snare_strerror(rc1), msg1);
	if (rc2 != -ENOEXEC)
		fail_msg("spawn of a script without #!: %s (%s), wanted -ENOEXEC",
			 snare_strerror(rc2), msg2);
	assert_null(p);
	assert_null(q);
	snare_test_assert_no_children();

	p = snare_test_spawn_piped(s, "threads", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	snare_test_finish(s, p, 16, out, sizeof(out));
	assert_string_equal(out, "threads 50 ran 50\n");
	assert_int_equal(snare_test_log_count(&log, SNARE_EV_THREAD_NEW), 50);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

/* ---------------------------------------------------------------- */
/* 2. Event payloads after snare_run() returned                     */
/* ---------------------------------------------------------------- */

/*
 * exec_thread execs exit_code from its leader. The EXEC event that returns
 * control (an observer's SNARE_STOP, or SNARE_RUN_ONCE) still names the
 * new program after snare_run() returned and the caller used its stack.
 */
static void
check_exec_path(void **state, int mode)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	const char *target = snare_test_tracee("exit_code");
	const char *args[] = { "leader", target, "0", NULL };
	struct stop_on stop = { SNARE_EV_EXEC, 0 };
	char want[PATH_MAX], got[PATH_MAX], shown[512], out[128];
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	int i;

	assert_non_null(realpath(target, want));
	if (mode == SNARE_RUN_DEFAULT) {
		so.on_event = stop_on_kind;
		so.event_user = &stop;
	}
	s = snare_test_session(state, &so);
	p = snare_test_spawn_piped(s, "exec_thread", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	for (i = 0; i < 50; i++) {
		run_ok(&ev, s, mode);
		if (ev.kind == SNARE_EV_EXEC || ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}
	if (ev.kind != SNARE_EV_EXEC)
		fail_msg("no SNARE_EV_EXEC returned (last event %d)", ev.kind);
	clobber_stack();
	assert_int_equal(ev.pid, snare_proc_pid(p));
	assert_int_equal(ev.old_tid, snare_proc_pid(p));
	assert_non_null(ev.path);
	snprintf(got, sizeof(got), "%.*s", (int)sizeof(got) - 1, ev.path);
	if (strcmp(got, want) != 0) {
		printable(shown, sizeof(shown), got);
		fail_msg("ev.path after snare_run returned: '%s', wanted '%s'",
			 shown, want);
	}
	snare_test_finish(s, p, 50, out, sizeof(out));
	snare_test_session_free(state);
}

static void
test_exec_path_after_run(void **state)
{
	check_exec_path(state, SNARE_RUN_DEFAULT);
	check_exec_path(state, SNARE_RUN_ONCE);
}

/*
 * hk_signal raises SIGUSR1 (its handler catches it). The SIGNAL event that
 * returns control carries a siginfo still valid after snare_run()
 * returned: signo SIGUSR1, code SI_TKILL, sender the tracee itself.
 */
static void
check_siginfo(void **state, int mode)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	static const char *const args[] = { "usr1", NULL };
	struct stop_on stop = { SNARE_EV_SIGNAL, 0 };
	snare_siginfo si;
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	char out[128];
	int i;

	if (mode == SNARE_RUN_DEFAULT) {
		so.on_event = stop_on_kind;
		so.event_user = &stop;
	}
	s = snare_test_session(state, &so);
	p = snare_test_spawn_piped(s, "hk_signal", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	for (i = 0; i < 50; i++) {
		run_ok(&ev, s, mode);
		if (ev.kind == SNARE_EV_SIGNAL || ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}
	if (ev.kind != SNARE_EV_SIGNAL)
		fail_msg("no SNARE_EV_SIGNAL returned (last event %d)", ev.kind);
	clobber_stack();
	assert_int_equal(ev.signo, SIGUSR1);
	if (!ev.siginfo)
		fail_msg("SNARE_EV_SIGNAL returned without siginfo");
	si = *ev.siginfo;
	if (si.signo != SIGUSR1 || si.code != SI_TKILL ||
	    si.pid != snare_proc_pid(p))
		fail_msg("ev.siginfo after snare_run returned: signo %d code %d "
			 "pid %d; wanted %d %d %d",
			 si.signo, si.code, (int)si.pid, SIGUSR1, SI_TKILL,
			 (int)snare_proc_pid(p));
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "got SIGUSR1\ndone\n");
	snare_test_session_free(state);
}

static void
test_siginfo_after_run(void **state)
{
	check_siginfo(state, SNARE_RUN_DEFAULT);
	check_siginfo(state, SNARE_RUN_ONCE);
}

/* ---------------------------------------------------------------- */
/* 3. SNARE_RUN_ONCE returns every event, in order                  */
/* ---------------------------------------------------------------- */

static const char *
kind_name(int kind)
{
	static const char *const names[] = {
		"NONE", "ALL_EXITED", "INTERRUPT", "PROC_EXIT", "PROC_NEW",
		"PROC_DETACHED", "EXEC", "THREAD_NEW", "THREAD_EXIT", "SIGNAL",
		"GROUP_STOP", "SYSCALL_ENTER", "SYSCALL_EXIT", "BREAKPOINT",
		"WATCHPOINT", "STEP",
	};

	if (kind < 0 || kind >= (int)(sizeof(names) / sizeof(names[0])))
		return "?";
	return names[kind];
}

/*
 * Run with SNARE_RUN_ONCE until SNARE_EV_ALL_EXITED: the events returned,
 * one per call, are exactly those the observer saw, in the same order.
 */
static void
check_run_once(void **state, const char *name, const char *const *args,
	       const char *want_out, int want_news)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	struct snare_test_log log;
	struct snare_test_event *ret;
	size_t nret = 0, cap = 4096, i, n;
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	char out[256];
	int calls, code = -1, news = 0, exits = 0;
	pid_t pid;

	ret = calloc(cap, sizeof(*ret));
	assert_non_null(ret);
	snare_test_log_init(&log, cap);
	so.on_event = snare_test_log_event;
	so.event_user = &log;
	s = snare_test_session(state, &so);
	p = snare_test_spawn_piped(s, name, args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	pid = snare_proc_pid(p);
	for (calls = 0; calls < 2000; calls++) {
		int rc;

		memset(&ev, 0, sizeof(ev));
		rc = snare_run(&ev, s, SNARE_RUN_ONCE);
		if (rc != 0) {
			free(ret);
			fail_msg("snare_run: %s (%s)", snare_strerror(rc),
				 snare_errmsg(s));
		}
		if (ev.kind == SNARE_EV_ALL_EXITED)
			break;
		if (nret < cap) {
			ret[nret].kind = ev.kind;
			ret[nret].pid = ev.pid;
			ret[nret].tid = ev.tid;
			ret[nret].code = ev.code;
		}
		nret++;
	}
	if (ev.kind != SNARE_EV_ALL_EXITED) {
		free(ret);
		fail_msg("no SNARE_EV_ALL_EXITED after %d calls", calls);
	}
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, want_out);

	/* The observer saw ALL_EXITED last, which ends the loop unreturned. */
	n = log.n < log.cap ? log.n : log.cap;
	if (n && log.ev[n - 1].kind == SNARE_EV_ALL_EXITED)
		n--;
	for (i = 0; i < n && i < nret && i < cap; i++) {
		if (ret[i].kind != log.ev[i].kind || ret[i].tid != log.ev[i].tid) {
			char msg[256];

			snprintf(msg, sizeof(msg),
				 "event %zu: snare_run(ONCE) returned %s tid %d, "
				 "the observer saw %s tid %d (%zu returned, %zu "
				 "observed)",
				 i, kind_name(ret[i].kind), (int)ret[i].tid,
				 kind_name(log.ev[i].kind), (int)log.ev[i].tid,
				 nret, n);
			free(ret);
			fail_msg("%s", msg);
		}
	}
	if (nret != n) {
		const char *missing = i < n ? kind_name(log.ev[i].kind) : "-";

		free(ret);
		fail_msg("snare_run(ONCE) returned %zu events, the observer saw "
			 "%zu (first one missing: %s)", nret, n, missing);
	}
	/* The last two: the leader's exit, then the process's. */
	assert_true(nret >= 2);
	assert_int_equal(ret[nret - 2].kind, SNARE_EV_THREAD_EXIT);
	assert_int_equal(ret[nret - 2].tid, pid);
	assert_int_equal(ret[nret - 1].kind, SNARE_EV_PROC_EXIT);
	assert_int_equal(ret[nret - 1].pid, pid);
	for (i = 0; i < nret; i++) {
		news += ret[i].kind == SNARE_EV_THREAD_NEW;
		exits += ret[i].kind == SNARE_EV_THREAD_EXIT && ret[i].tid != pid;
	}
	free(ret);
	assert_int_equal(news, want_news);
	assert_int_equal(exits, want_news);
	snare_test_session_free(state);
	snare_test_log_free(&log);
}

static void
test_run_once_single_thread(void **state)
{
	static const char *const args[] = { "0", NULL };

	check_run_once(state, "exit_code", args, "", 0);
}

static void
test_run_once_threads(void **state)
{
	static const char *const args[] = { "20", "burst", NULL };

	check_run_once(state, "threads", args, "threads 20 ran 20\n", 20);
}

/* ---------------------------------------------------------------- */
/* 4. Hooks with callbacks reach the observer                       */
/* ---------------------------------------------------------------- */

struct sc_seen {
	snare_hook *hook;
	int enters, exits;          /* SYSCALL_* events for getpid */
	int exit_before_enter;
	int wrong_hook;
	int64_t retval;             /* SYSCALL_EXIT's */
	int cb_enter, cb_exit;      /* the hook's callbacks */
};

static int
sc_observer(snare_session *s, const snare_event *ev, void *user)
{
	struct sc_seen *r = user;

	(void)s;
	if (ev->kind != SNARE_EV_SYSCALL_ENTER &&
	    ev->kind != SNARE_EV_SYSCALL_EXIT)
		return SNARE_CONTINUE;
	if (ev->syscall_nr != SYS_getpid)
		return SNARE_CONTINUE;
	if (ev->hook != r->hook)
		r->wrong_hook++;
	if (ev->kind == SNARE_EV_SYSCALL_ENTER) {
		r->enters++;
	} else {
		if (r->exits >= r->enters)
			r->exit_before_enter++;
		r->exits++;
		r->retval = ev->retval;
	}
	return SNARE_CONTINUE;
}

static int
sc_enter_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	((struct sc_seen *)user)->cb_enter++;
	return SNARE_CONTINUE;
}

static int
sc_exit_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	((struct sc_seen *)user)->cb_exit++;
	return SNARE_CONTINUE;
}

/*
 * A getpid hook with on_enter and on_exit: the observer sees one
 * SNARE_EV_SYSCALL_ENTER and one SNARE_EV_SYSCALL_EXIT (retval the pid)
 * for the program's one getpid, naming the hook.
 */
static void
test_hook_callbacks_reach_observer(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct sc_seen r;
	snare_session *s;
	snare_proc *p;
	char out[128], want[128];

	memset(&r, 0, sizeof(r));
	so.on_event = sc_observer;
	so.event_user = &r;
	s = snare_test_session(state, &so);
	ho.on_enter = sc_enter_cb;
	ho.on_exit = sc_exit_cb;
	ho.user = &r;
	assert_int_equal(snare_hook_syscall(&r.hook, s, SYS_getpid, &ho), 0);
	p = snare_test_spawn_piped(s, "hk_getpid", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	snare_test_finish(s, p, 50, out, sizeof(out));
	snprintf(want, sizeof(want), "getpid %d\ngetppid %d\ndone\n",
		 (int)snare_proc_pid(p), (int)getpid());
	assert_string_equal(out, want);
	assert_int_equal(r.cb_enter, 1);
	assert_int_equal(r.cb_exit, 1);
	if (r.enters != 1 || r.exits != 1)
		fail_msg("the observer saw %d SYSCALL_ENTER and %d SYSCALL_EXIT "
			 "for the hooked getpid, wanted 1 and 1",
			 r.enters, r.exits);
	assert_int_equal(r.exit_before_enter, 0);
	assert_int_equal(r.wrong_hook, 0);
	assert_int_equal(r.retval, snare_proc_pid(p));
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 5. fake_traceme: a second PTRACE_TRACEME fails, as untraced      */
/* ---------------------------------------------------------------- */

static void
test_fake_traceme_twice(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char *argv[] = { (char *)snare_test_tracee("pl_traceme2"), NULL };
	char plain[128], out[128];
	int out_fd = -1, status;
	snare_session *s;
	snare_proc *p;
	pid_t pid;

	/* The untraced answer first (no session may exist: waitpid). */
	pid = snare_test_fork_exec(argv, NULL, &out_fd);
	snare_test_read_all(out_fd, plain, sizeof(plain));
	close(out_fd);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(plain, "traceme 0 0 -1 EPERM\ndone\n");

	so.fake_traceme = 1;
	s = snare_test_session(state, &so);
	p = snare_test_spawn_piped(s, "pl_traceme2", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, plain);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 6. finish and next over a disabled breakpoint at the return      */
/* ---------------------------------------------------------------- */

/*
 * pl_calls: stopped at pl_inner's first instruction, with a disabled user
 * breakpoint at the return address (pl_ret), finish returns 0 with the
 * thread at pl_ret and the stack popped; the disabled breakpoint is never
 * reported.
 */
static void
check_finish_disabled(void **state, const char *name)
{
	static const char *const args[] = { "5", NULL };
	uint64_t inner, ret, rsp0;
	snare_bp *bp_in, *bp_ret;
	snare_session *s;
	snare_thread *t;
	snare_proc *p;
	char out[128];
	int rc;

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, name, args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	inner = sym_addr(p, "pl_inner");
	ret = sym_addr(p, "pl_ret");
	bp_in = add_bp(p, inner, NULL);
	t = run_to_bp(s, bp_in, inner);
	rsp0 = snare_test_reg(t, "rsp");
	assert_int_equal(snare_test_mem64(p, rsp0), ret);
	bp_ret = add_bp(p, ret, NULL);
	assert_int_equal(snare_bp_enable(bp_ret, 0), 0);

	rc = snare_thread_finish(t);
	if (rc != 0)
		fail_msg("snare_thread_finish with a disabled breakpoint at the "
			 "return address: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	assert_int_equal(snare_test_reg(t, "pc"), ret);
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0 + 8);

	assert_int_equal(snare_bp_remove(bp_in), 0);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "calls 5 sum 15 inner 5\n");
	assert_int_equal(snare_bp_hits(bp_ret), 0);
	snare_test_session_free(state);
}

static void
test_finish_disabled_bp_at_return(void **state)
{
	check_finish_disabled(state, "pl_calls");
	check_finish_disabled(state, "pl_calls-nopie");
}

/*
 * Stopped on the call instruction pl_call, with a disabled user
 * breakpoint at the instruction after it (pl_ret), next returns 0 with
 * the callee run once and the thread at pl_ret.
 */
static void
check_next_disabled(void **state, const char *name)
{
	static const char *const args[] = { "5", NULL };
	uint64_t call, ret, count, rsp0, g_inner;
	snare_bp *bp_call, *bp_ret;
	snare_session *s;
	snare_thread *t;
	snare_proc *p;
	char out[128];
	int rc;

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, name, args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	call = sym_addr(p, "pl_call");
	ret = sym_addr(p, "pl_ret");
	g_inner = sym_addr(p, "g_inner");
	assert_int_equal(ret, call + 5);
	bp_call = add_bp(p, call, NULL);
	t = run_to_bp(s, bp_call, call);
	rsp0 = snare_test_reg(t, "rsp");
	count = snare_test_mem64(p, g_inner);
	bp_ret = add_bp(p, ret, NULL);
	assert_int_equal(snare_bp_enable(bp_ret, 0), 0);

	rc = snare_thread_next(t);
	if (rc != 0)
		fail_msg("snare_thread_next with a disabled breakpoint after the "
			 "call: %s (%s)", snare_strerror(rc), snare_errmsg(s));
	assert_int_equal(snare_test_reg(t, "pc"), ret);
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0);
	assert_int_equal(snare_test_mem64(p, g_inner), count + 1);

	assert_int_equal(snare_bp_remove(bp_call), 0);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "calls 5 sum 15 inner 5\n");
	assert_int_equal(snare_bp_hits(bp_ret), 0);
	snare_test_session_free(state);
}

static void
test_next_disabled_bp_at_return(void **state)
{
	check_next_disabled(state, "pl_calls");
	check_next_disabled(state, "pl_calls-nopie");
}

/* ---------------------------------------------------------------- */
/* 7. A user breakpoint at the entry point, with a pending one      */
/* ---------------------------------------------------------------- */

/*
 * At the first instruction, a breakpoint on printf is pending (libc is
 * not mapped). A user breakpoint at the program's entry point (AT_ENTRY)
 * can still be added, is hit once, and the pending one fires for every
 * printf.
 */
static void
test_entry_bp_with_pending(void **state)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_bp *pending = NULL, *at_entry = NULL;
	snare_session *s;
	snare_thread *t;
	snare_proc *p;
	uint64_t entry;
	long printfs = 0;
	char out[256];
	int rc;

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, "bpsym_calls", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	bo.on_hit = snare_test_count_hit;
	bo.user = &printfs;
	assert_int_equal(snare_bp_add_at(&pending, p, "libc.so.6:printf", &bo), 0);
	assert_int_equal(snare_bp_addr(pending), 0);
	entry = snare_test_auxv(snare_proc_pid(p), AT_ENTRY);
	assert_int_not_equal(entry, 0);

	rc = snare_bp_add(&at_entry, p, entry, NULL);
	if (rc != 0)
		fail_msg("snare_bp_add at the entry point 0x%llx with a pending "
			 "breakpoint: %s (%s)", (unsigned long long)entry,
			 snare_strerror(rc), snare_errmsg(s));
	t = run_to_bp(s, at_entry, entry);
	assert_int_equal(snare_test_reg(t, "pc"), entry);
	assert_int_equal(printfs, 0);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_non_null(strstr(out, "line 4\nchain 23\n"));
	if (snare_bp_hits(at_entry) != 1 || printfs != 6)
		fail_msg("the entry-point breakpoint counted %llu hits (wanted "
			 "1), the pending printf one %ld (wanted 6)",
			 (unsigned long long)snare_bp_hits(at_entry), printfs);
	assert_int_not_equal(snare_bp_addr(pending), 0);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 8. Stepping from a breakpoint callback                           */
/* ---------------------------------------------------------------- */

struct cb_steps {
	uint64_t inner, ret;
	int hit;
	int rc[4], rc_step3;
	uint64_t pc[4], sp_before[4], sp_after[4];
	char msg[256];
};

static void
cb_note(struct cb_steps *c, snare_thread *t, int rc)
{
	if (rc != 0 && !c->msg[0])
		snprintf(c->msg, sizeof(c->msg), "%s",
			 snare_errmsg(snare_proc_session(snare_thread_proc(t))));
}

/*
 * On the call instruction pl_call: hit 1 steps into pl_inner, hit 2 steps
 * over the call (next), hit 3 steps until pl_ret, hit 4 steps in and
 * finishes back to pl_ret.
 */
static int
steps_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct cb_steps *c = user;
	int k = c->hit++;

	(void)bp;
	if (k >= 4)
		return SNARE_CONTINUE;
	snare_thread_sp(&c->sp_before[k], t);
	switch (k) {
	case 0:
		c->rc[0] = snare_thread_step(t);
		break;
	case 1:
		c->rc[1] = snare_thread_next(t);
		break;
	case 2:
		c->rc[2] = snare_thread_step_until(t, c->ret, 10);
		break;
	case 3:
		c->rc_step3 = snare_thread_step(t);
		cb_note(c, t, c->rc_step3);
		c->rc[3] = snare_thread_finish(t);
		break;
	}
	cb_note(c, t, c->rc[k]);
	snare_thread_pc(&c->pc[k], t);
	snare_thread_sp(&c->sp_after[k], t);
	return SNARE_CONTINUE;
}

static void
test_step_from_callback(void **state)
{
	static const char *const args[] = { "4", NULL };
	static const char *const what[] = { "step", "next", "step_until",
					    "finish" };
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	struct cb_steps c;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	uint64_t call;
	char out[128];
	int k;

	memset(&c, 0, sizeof(c));
	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, "pl_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	call = sym_addr(p, "pl_call");
	c.inner = sym_addr(p, "pl_inner");
	c.ret = sym_addr(p, "pl_ret");
	bo.on_hit = steps_hit;
	bo.user = &c;
	bp = add_bp(p, call, &bo);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_int_equal(c.hit, 4);
	for (k = 0; k < 4; k++)
		if (c.rc[k] != 0)
			fail_msg("snare_thread_%s from a breakpoint callback: %s "
				 "(%s)", what[k], snare_strerror(c.rc[k]), c.msg);
	assert_int_equal(c.rc_step3, 0);
	/* step: into the callee, its return address pushed. */
	assert_int_equal(c.pc[0], c.inner);
	assert_int_equal(c.sp_after[0], c.sp_before[0] - 8);
	/* next, step_until, finish: back after the call. */
	for (k = 1; k < 4; k++) {
		assert_int_equal(c.pc[k], c.ret);
		assert_int_equal(c.sp_after[k], c.sp_before[k]);
	}
	assert_string_equal(out, "calls 4 sum 10 inner 4\n");
	assert_int_equal(snare_bp_hits(bp), 4);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 9. Two sessions in two threads of one process                    */
/* ---------------------------------------------------------------- */

#define TWO_SESSIONS_MS 15000
#define TWO_SESSIONS_A 600  /* calls, so breakpoint stops, of each tracee */
#define TWO_SESSIONS_B 400

struct sess_worker {
	const char *path;
	long n;
	pthread_mutex_t *mu;
	snare_session *s;        /* published for the watchdog's interrupt */
	long hits;               /* breakpoint hits (its thread only) */
	atomic_long hits_seen;   /* the same, for the watchdog's report */
	atomic_int done;
	char result[512];
};

/* Read fd to EOF within ms; without cmocka (another thread). */
static void
read_all_quiet(int fd, char *buf, size_t cap, int ms)
{
	size_t len = 0;
	ssize_t n;

	while (len < cap - 1 && snare_test_readable(fd, ms)) {
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = 0;
}

static int
worker_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct sess_worker *w = user;

	(void)t;
	(void)bp;
	atomic_store(&w->hits_seen, ++w->hits);
	return SNARE_CONTINUE;
}

/*
 * One session of its own in this thread: spawn pl_calls N, count the hits
 * of a breakpoint on pl_inner (one stop per call), run to the end.
 */
static void *
sess_worker_main(void *arg)
{
	struct sess_worker *w = arg;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	char nstr[32], out[256];
	char *argv[] = { (char *)w->path, nstr, NULL };
	snare_session *s = NULL;
	snare_proc *p = NULL;
	snare_event ev;
	int rc, i, code = -1, sig = -1;

	snprintf(nstr, sizeof(nstr), "%ld", w->n);
	rc = snare_session_new(&s, NULL);
	if (rc != 0) {
		snprintf(w->result, sizeof(w->result), "session_new: %s",
			 snare_strerror(rc));
		goto out;
	}
	pthread_mutex_lock(w->mu);
	w->s = s;
	pthread_mutex_unlock(w->mu);
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	po.stop_at = SNARE_SPAWN_STOP_ENTRY;
	rc = snare_spawn(&p, s, w->path, argv, &po);
	if (rc != 0) {
		snprintf(w->result, sizeof(w->result), "spawn: %s (%s)",
			 snare_strerror(rc), snare_errmsg(s));
		goto out;
	}
	bo.on_hit = worker_hit;
	bo.user = w;
	rc = snare_bp_add_at(NULL, p, "pl_inner", &bo);
	if (rc != 0) {
		snprintf(w->result, sizeof(w->result), "bp: %s (%s)",
			 snare_strerror(rc), snare_errmsg(s));
		goto out;
	}
	for (i = 0; i < 100; i++) {
		memset(&ev, 0, sizeof(ev));
		rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
		if (rc != 0 || ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}
	if (rc != 0) {
		snprintf(w->result, sizeof(w->result),
			 "snare_run: %s (%s) after %ld hits", snare_strerror(rc),
			 snare_errmsg(s), w->hits);
		goto out;
	}
	if (ev.kind != SNARE_EV_ALL_EXITED) {
		snprintf(w->result, sizeof(w->result),
			 "no ALL_EXITED in 100 runs (last event %d)", ev.kind);
		goto out;
	}
	read_all_quiet(snare_proc_stdio_fd(p, 1), out, sizeof(out), 5000);
	snare_proc_exit_status(&code, &sig, NULL, p);
	snprintf(w->result, sizeof(w->result),
		 "hits %ld exit %d signal %d out '%s'", w->hits, code, sig, out);
out:
	pthread_mutex_lock(w->mu);
	w->s = NULL;
	pthread_mutex_unlock(w->mu);
	snare_session_free(s);
	atomic_store(&w->done, 1);
	return NULL;
}

/*
 * In a child process of the test (so that a hang or a crash stays there):
 * two threads, each with its session. Writes what each saw to fd; exits.
 */
static void __attribute__((noreturn))
two_sessions_child(int fd)
{
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	struct sess_worker w[2];
	struct timespec deadline;
	pthread_t th[2];
	int i, late = 0;

	memset(w, 0, sizeof(w));
	w[0].path = snare_test_tracee("pl_calls");
	w[0].n = TWO_SESSIONS_A;
	w[1].path = snare_test_tracee("pl_calls-nopie");
	w[1].n = TWO_SESSIONS_B;
	for (i = 0; i < 2; i++) {
		w[i].mu = &mu;
		if (pthread_create(&th[i], NULL, sess_worker_main, &w[i]) != 0)
			_exit(4);
	}
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += TWO_SESSIONS_MS / 1000;
	for (i = 0; i < 2; i++)
		if (pthread_timedjoin_np(th[i], NULL, &deadline) != 0)
			late = 1;
	if (late) {
		/* Hung: say how far each got; our exit kills the tracees
		   (PTRACE_O_EXITKILL). */
		dprintf(fd, "timeout after %d ms:", TWO_SESSIONS_MS);
		for (i = 0; i < 2; i++) {
			if (atomic_load(&w[i].done))
				dprintf(fd, " session %c: %s;", 'A' + i,
					w[i].result);
			else
				dprintf(fd, " session %c still in snare after "
					"%ld of %ld hits;", 'A' + i,
					atomic_load(&w[i].hits_seen), w[i].n);
		}
		dprintf(fd, "\n");
		_exit(3);
	}
	dprintf(fd, "A: %s\nB: %s\n", w[0].result, w[1].result);
	_exit(0);
}

static void
test_two_sessions_two_threads(void **state)
{
	char buf[2048], want[512];
	int fds[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t child;

	(void)state;
	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		close(fds[0]);
		two_sessions_child(fds[1]);
	}
	close(fds[1]);
	/* The child reports within TWO_SESSIONS_MS, hung or not. */
	while (len < sizeof(buf) - 1 &&
	       snare_test_readable(fds[0], TWO_SESSIONS_MS + 10000)) {
		n = read(fds[0], buf + len, sizeof(buf) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = 0;
	close(fds[0]);
	if (snare_test_proc_alive(child) && !strstr(buf, "B: "))
		kill(child, SIGKILL);
	status = snare_test_wait_exit(child);
	snprintf(want, sizeof(want),
		 "A: hits %d exit 0 signal 0 out 'calls %d sum %d inner %d\n'\n"
		 "B: hits %d exit 0 signal 0 out 'calls %d sum %d inner %d\n'\n",
		 TWO_SESSIONS_A, TWO_SESSIONS_A,
		 TWO_SESSIONS_A * (TWO_SESSIONS_A + 1) / 2, TWO_SESSIONS_A,
		 TWO_SESSIONS_B, TWO_SESSIONS_B,
		 TWO_SESSIONS_B * (TWO_SESSIONS_B + 1) / 2, TWO_SESSIONS_B);
	if (strcmp(buf, want) != 0)
		fail_msg("two sessions in two threads (child status 0x%x):\n%s",
			 status, buf);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---------------------------------------------------------------- */
/* 10. Interrupt: nothing for the tracee to see                     */
/* ---------------------------------------------------------------- */

#define INTERRUPT_ROUNDS 50

struct jc_seen {
	int group_stops, sigstops, sigconts, others;
};

static int
jc_observer(snare_session *s, const snare_event *ev, void *user)
{
	struct jc_seen *r = user;

	(void)s;
	if (ev->kind == SNARE_EV_GROUP_STOP) {
		r->group_stops++;
		return SNARE_STOP;
	}
	if (ev->kind == SNARE_EV_SIGNAL) {
		if (ev->signo == SIGSTOP)
			r->sigstops++;
		else if (ev->signo == SIGCONT)
			r->sigconts++;
		else
			r->others++;
	}
	return SNARE_CONTINUE;
}

static int
count_sc(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(*(long *)user)++;
	return SNARE_CONTINUE;
}

/* Every syscall stops (a counting hook): stops all around each interrupt. */
static void
hook_every_syscall(snare_session *s, long *count)
{
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;

	ho.on_enter = count_sc;
	ho.user = count;
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho), 0);
}

/*
 * stopme echoes lines and counts SIGCONTs. 50 rounds: a line comes back
 * while snare_run() blocks and another thread interrupts it; then no
 * SIGSTOP may be pending in the tracee; then a SIGSTOP from outside must
 * give a group-stop (not be taken for the interrupt's), and a SIGCONT
 * ends it. The tracee's handler counts exactly our SIGCONTs. With a hook
 * on every syscall, the interrupted read's syscall stops come around the
 * interrupt every time; without, only as the scheduler has it.
 */
static void
check_interrupt_rounds(void **state, int with_hook)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	char line[128], msg[64], want[64], why[256], out[64];
	struct jc_seen r;
	snare_session *s;
	snare_event ev;
	snare_proc *p;
	long scs = 0;
	int round, rc, fired, in_fd, out_fd;
	pid_t pid;

	memset(&r, 0, sizeof(r));
	so.on_event = jc_observer;
	so.event_user = &r;
	s = snare_test_session(state, &so);
	if (with_hook)
		hook_every_syscall(s, &scs);
	p = snare_test_spawn_piped(s, "stopme", NULL,
				   SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_EXEC);
	pid = snare_proc_pid(p);
	in_fd = snare_proc_stdio_fd(p, 0);
	out_fd = snare_proc_stdio_fd(p, 1);
	snare_test_run_until_line(s, out_fd, line, sizeof(line));
	assert_string_equal(line, "ready");
	for (round = 0; round < INTERRUPT_ROUNDS; round++) {
		snprintf(msg, sizeof(msg), "ping %d\n", round);
		snprintf(want, sizeof(want), "echo ping %d", round);
		snare_test_write_str(in_fd, msg);
		snare_test_run_until_line(s, out_fd, line, sizeof(line));
		assert_string_equal(line, want);
		if (sigstop_pending(pid, why, sizeof(why)))
			fail_msg("round %d, after an interrupt: %s", round, why);

		/* A SIGSTOP from outside is job control, not ours. */
		assert_int_equal(kill(pid, SIGSTOP), 0);
		rc = run_bounded(&ev, s, SNARE_RUN_DEFAULT, 5000, &fired);
		if (rc != 0)
			fail_msg("round %d: snare_run: %s (%s)", round,
				 snare_strerror(rc), snare_errmsg(s));
		if (fired || ev.kind != SNARE_EV_GROUP_STOP)
			fail_msg("round %d: a SIGSTOP sent right after an "
				 "interrupt was lost: event %d%s (State %c)",
				 round, ev.kind,
				 fired ? " after the 5 s watchdog" : "",
				 snare_test_proc_state(pid));
		assert_int_equal(ev.signo, SIGSTOP);
		assert_int_equal(kill(pid, SIGCONT), 0);
	}
	close(snare_proc_take_stdio_fd(p, 0));
	snare_test_finish(s, p, 16, out, sizeof(out));
	snprintf(want, sizeof(want), "conts %d\n", INTERRUPT_ROUNDS);
	assert_string_equal(out, want);
	assert_int_equal(r.group_stops, INTERRUPT_ROUNDS);
	assert_int_equal(r.sigstops, INTERRUPT_ROUNDS);
	assert_int_equal(r.sigconts, INTERRUPT_ROUNDS);
	assert_int_equal(r.others, 0);
	assert_true(!with_hook || scs > 0);
	snare_test_session_free(state);
}

static void
test_interrupt_no_signal_seen_hooked(void **state)
{
	check_interrupt_rounds(state, 1);
}

static void
test_interrupt_no_signal_seen(void **state)
{
	check_interrupt_rounds(state, 0);
}

/*
 * 50 rounds of: spawn stopme, a line while snare_run() blocks and is
 * interrupted from another thread, detach. The detached process must not
 * be stopped nor have a SIGSTOP pending: it echoes the next line at once
 * and exits with "conts 0".
 */
static void
test_interrupt_then_detach(void **state)
{
	char line[128], why[256], rest[64];
	snare_session *s;
	snare_proc *p;
	long scs = 0;
	int round, in_fd, out_fd, status;
	pid_t pid;

	for (round = 0; round < INTERRUPT_ROUNDS; round++) {
		s = snare_test_session(state, NULL);
		hook_every_syscall(s, &scs);
		p = snare_test_spawn_piped(s, "stopme", NULL,
					   SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
					   SNARE_SPAWN_STOP_EXEC);
		pid = snare_proc_pid(p);
		snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
					  sizeof(line));
		assert_string_equal(line, "ready");
		snare_test_write_str(snare_proc_stdio_fd(p, 0), "ping\n");
		snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line,
					  sizeof(line));
		assert_string_equal(line, "echo ping");
		assert_int_equal(snare_proc_detach(p, 0), 0);
		in_fd = snare_proc_take_stdio_fd(p, 0);
		out_fd = snare_proc_take_stdio_fd(p, 1);
		snare_test_session_free(state);

		why[0] = 0;
		if (sigstop_pending(pid, why, sizeof(why)) == 0) {
			snare_test_write_str(in_fd, "pong\n");
			if (!snare_test_readable(out_fd, 5000))
				snprintf(why, sizeof(why),
					 "no answer within 5 s (State %c)",
					 snare_test_proc_state(pid));
		}
		if (why[0]) {
			close(in_fd);
			close(out_fd);
			kill(pid, SIGKILL);
			snare_test_wait_exit(pid);
			fail_msg("round %d, after an interrupt and a detach: %s",
				 round, why);
		}
		snare_test_read_line(out_fd, line, sizeof(line));
		assert_string_equal(line, "echo pong");
		close(in_fd);
		snare_test_read_all(out_fd, rest, sizeof(rest));
		close(out_fd);
		assert_string_equal(rest, "conts 0\n");
		status = snare_test_wait_exit(pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_true(scs > 0);
}

/* ---------------------------------------------------------------- */
/* 11. A signal while an indirect call runs out of line             */
/* ---------------------------------------------------------------- */

/*
 * pl_sigcall: breakpoints on "call *%rax" and "call *g_fnptr(%rip)", hit
 * 2000 times each while another thread keeps a SIGUSR1 in flight to the
 * calling thread. The handler returns normally and every call returns
 * where it should: the program computes N*N and exits 0.
 */
static void
check_signal_during_icall(void **state, const char *name)
{
	static const char *const args[] = { "2000", NULL };
	long hits_reg = 0, hits_mem = 0;
	snare_bp *bp_reg, *bp_mem;
	snare_session *s;
	snare_proc *p;
	char out[128];

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, name, args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bp_reg = add_counting(p, sym_addr(p, "pl_icall_reg"), &hits_reg);
	bp_mem = add_counting(p, sym_addr(p, "pl_icall_mem"), &hits_mem);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "icall 2000 sum 4000000 signals some\n");
	assert_int_equal(hits_reg, 2000);
	assert_int_equal(hits_mem, 2000);
	assert_int_equal(snare_bp_hits(bp_reg), 2000);
	assert_int_equal(snare_bp_hits(bp_mem), 2000);
	snare_test_session_free(state);
}

static void
test_signal_during_indirect_call(void **state)
{
	check_signal_during_icall(state, "pl_sigcall");
	check_signal_during_icall(state, "pl_sigcall-nopie");
}

/* ---------------------------------------------------------------- */
/* 12. follow_forks off: no callback for a vfork child              */
/* ---------------------------------------------------------------- */

struct mark_rec {
	int calls;
	pid_t tid[8];
	pid_t pid[8];
	uint64_t arg[8];
};

static int
mark_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct mark_rec *r = user;
	int i = r->calls++;

	(void)bp;
	if (i < 8) {
		r->tid[i] = snare_thread_tid(t);
		r->pid[i] = snare_proc_pid(snare_thread_proc(t));
		snare_reg_get(&r->arg[i], t, "rdi");
	}
	return SNARE_CONTINUE;
}

/*
 * pl_vfork calls pl_marked(1), vforks a child that calls pl_marked(2)
 * before _exit, then calls pl_marked(3). Not following forks, the
 * breakpoint's callback runs for the parent's two calls only, and the
 * child still runs its call and exits 0.
 */
static void
test_vfork_child_no_callback(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	struct mark_rec r;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	char out[128];
	pid_t pid;
	int i;

	memset(&r, 0, sizeof(r));
	so.follow_forks = 0;
	s = snare_test_session(state, &so);
	p = snare_test_spawn_piped(s, "pl_vfork", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	pid = snare_proc_pid(p);
	bo.on_hit = mark_hit;
	bo.user = &r;
	bp = add_bp(p, sym_addr(p, "pl_marked"), &bo);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "vfork a 10 b 30 child 0\n");
	for (i = 0; i < r.calls && i < 8; i++)
		if (r.tid[i] != pid || r.pid[i] != pid)
			fail_msg("the callback ran for thread %d of process %d "
				 "(pl_marked(%llu)), not followed (only %d is)",
				 (int)r.tid[i], (int)r.pid[i],
				 (unsigned long long)r.arg[i], (int)pid);
	assert_int_equal(r.calls, 2);
	assert_int_equal(r.arg[0], 1);
	assert_int_equal(r.arg[1], 3);
	assert_int_equal(snare_bp_hits(bp), 2);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 13. A watchpoint hit, then the program's own SIGTRAP             */
/* ---------------------------------------------------------------- */

/*
 * pl_watchtrap stores into pl_watched (watched for writes), then raises
 * SIGTRAP with its own handler installed: the watchpoint counts one hit
 * and the handler runs once, as without a tracer. Skipped where debug
 * registers do not fire (snare_bp_add says -ENOTSUP).
 */
static void
test_watch_then_own_sigtrap(void **state)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp = NULL;
	long hits = 0;
	char out[128], msg[512];
	int rc;

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, "pl_watchtrap", NULL, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bo.kind = SNARE_WATCH_WRITE;
	bo.len = 8;
	bo.on_hit = snare_test_count_hit;
	bo.user = &hits;
	rc = snare_bp_add(&bp, p, sym_addr(p, "pl_watched"), &bo);
	if (rc == -ENOTSUP) {
		snprintf(msg, sizeof(msg), "%s", snare_errmsg(s));
		assert_int_equal(snare_proc_kill(p), 0);
		snare_test_run_to_end(s, 4);
		snare_test_session_free(state);
		if (!strstr(msg, "debug register"))
			fail_msg("-ENOTSUP without a word on debug registers: "
				 "'%s'", msg);
		skip();
	}
	if (rc != 0)
		fail_msg("watchpoint: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "watchtrap value 42 traps 1\n");
	assert_int_equal(hits, 1);
	assert_int_equal(snare_bp_hits(bp), 1);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* 14. A zombie leader                                              */
/* ---------------------------------------------------------------- */

/*
 * pl_zombie: the leader pthread_exit()s before the worker calls pl_work()
 * 200 times. A breakpoint set on it at the entry point (leader alive)
 * counts every call of the worker, and the program ends well.
 */
static void
test_zombie_leader_bp_spawned(void **state)
{
	static const char *const args[] = { "200", NULL };
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	long hits = 0;
	char out[128];

	s = snare_test_session(state, NULL);
	p = snare_test_spawn_piped(s, "pl_zombie", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bp = add_counting(p, sym_addr(p, "pl_work"), &hits);
	snare_test_finish(s, p, 50, out, sizeof(out));
	assert_string_equal(out, "zombie 200 sum 59900\n");
	assert_int_equal(hits, 200);
	assert_int_equal(snare_bp_hits(bp), 200);
	snare_test_session_free(state);
}

/*
 * The same, attached while the leader is already a zombie: the
 * breakpoint is accepted (the worker's memory is mapped) and counts every
 * call.
 */
static void
test_zombie_leader_bp_attached(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("pl_zombie"), "200", "wait",
			 NULL };
	char line[128], out[128], why[512];
	snare_session *s;
	snare_proc *p = NULL;
	snare_bp *bp = NULL;
	long hits = 0;
	uint64_t addr;
	int in_fd, out_fd, rc, status;
	const char *eq;
	pid_t pid;

	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, line, sizeof(line));
	eq = strstr(line, "pl_work=");
	if (strncmp(line, "ready ", 6) != 0 || !eq) {
		close(in_fd);
		close(out_fd);
		kill(pid, SIGKILL);
		snare_test_wait_exit(pid);
		fail_msg("expected 'ready pl_work=0x...', got '%s'", line);
	}
	addr = strtoull(eq + 8, NULL, 16);
	assert_int_equal(snare_test_wait_proc_state(pid, 'Z'), 'Z');

	s = snare_test_session(state, NULL);
	why[0] = 0;
	rc = snare_attach(&p, s, pid);
	if (rc != 0) {
		snprintf(why, sizeof(why), "attach: %s (%s)",
			 snare_strerror(rc), snare_errmsg(s));
	} else {
		snare_bp_opts bo = SNARE_BP_OPTS_INIT;

		bo.on_hit = snare_test_count_hit;
		bo.user = &hits;
		rc = snare_bp_add(&bp, p, addr, &bo);
		if (rc != 0)
			snprintf(why, sizeof(why),
				 "snare_bp_add at pl_work 0x%llx with a zombie "
				 "leader: %s (%s)", (unsigned long long)addr,
				 snare_strerror(rc), snare_errmsg(s));
	}
	if (why[0]) {
		snare_test_session_free(state);
		close(in_fd);
		close(out_fd);
		kill(pid, SIGKILL);
		snare_test_wait_exit(pid);
		fail_msg("%s", why);
	}
	snare_test_write_str(in_fd, "go\n");
	close(in_fd);
	snare_test_run_to_end(s, 16);
	snare_test_read_all(out_fd, out, sizeof(out));
	close(out_fd);
	assert_string_equal(out, "zombie 200 sum 59900\n");
	assert_int_equal(hits, 200);
	assert_int_equal(snare_bp_hits(bp), 200);
	snare_test_session_free(state);
	/* The leader was never traced: its status is ours to reap, unless
	   snare did it with the last traced thread. */
	if (waitpid(pid, &status, WNOHANG | __WALL) == 0)
		snare_test_wait_exit(pid);
	snare_test_assert_no_children();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_spawn_enoexec_then_threads),
		SNARE_TEST(test_exec_path_after_run),
		SNARE_TEST(test_siginfo_after_run),
		SNARE_TEST(test_run_once_single_thread),
		SNARE_TEST(test_run_once_threads),
		SNARE_TEST(test_hook_callbacks_reach_observer),
		SNARE_TEST(test_fake_traceme_twice),
		SNARE_TEST(test_finish_disabled_bp_at_return),
		SNARE_TEST(test_next_disabled_bp_at_return),
		SNARE_TEST(test_entry_bp_with_pending),
		SNARE_TEST(test_step_from_callback),
		SNARE_TEST(test_two_sessions_two_threads),
		SNARE_TEST(test_interrupt_no_signal_seen),
		SNARE_TEST(test_interrupt_no_signal_seen_hooked),
		SNARE_TEST(test_interrupt_then_detach),
		SNARE_TEST(test_signal_during_indirect_call),
		SNARE_TEST(test_vfork_child_no_callback),
		SNARE_TEST(test_watch_then_own_sigtrap),
		SNARE_TEST(test_zombie_leader_bp_spawned),
		SNARE_TEST(test_zombie_leader_bp_attached),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
