/* SPDX-License-Identifier: MIT */
/*
 * test_sighooks.c: signal hooks and the block list. A signal changed into
 * another at its delivery stop (the tracee's handlers say which one ran), a
 * fatal SIGSEGV delivered and reported as the killing signal, a blocked
 * signal never reaching its handler, a hook without callback returning
 * control, the signal changed or suppressed at that stop with
 * snare_thread_set_signal() (refused at a syscall stop), per-thread and
 * per-process user pointers, and the program's own raise(SIGTRAP)
 * delivered as without a tracer (checked against an untraced run).
 *
 * Callbacks never assert (a cmocka failure would longjmp out of
 * snare_run()): they record, and the test asserts afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
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

/* What an observer saw of the signals (SNARE_EV_SIGNAL) and exits. */
struct sig_log {
	int nsignals;
	int signo[16];
	int code[16];
	uint64_t addr[16];
	pid_t sender[16];
	pid_t tid[16];
	int no_siginfo;
	int exits;
	int exit_signo, exit_code;
	pid_t exit_pid;
};

static int
log_signals(snare_session *s, const struct snare_event *ev, void *user)
{
	struct sig_log *log = user;
	int i;

	(void)s;
	if (ev->kind == SNARE_EV_SIGNAL) {
		i = log->nsignals++;
		if (i >= 16)
			return SNARE_CONTINUE;
		log->signo[i] = ev->signo;
		log->tid[i] = ev->tid;
		if (!ev->siginfo) {
			log->no_siginfo++;
			return SNARE_CONTINUE;
		}
		log->code[i] = ev->siginfo->code;
		log->addr[i] = ev->siginfo->addr;
		log->sender[i] = ev->siginfo->pid;
	} else if (ev->kind == SNARE_EV_PROC_EXIT) {
		log->exits++;
		log->exit_signo = ev->signo;
		log->exit_code = ev->code;
		log->exit_pid = ev->pid;
	}
	return SNARE_CONTINUE;
}

/* A session whose observer fills log. */
static snare_session *
logged_session(void **state, struct sig_log *log)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;

	memset(log, 0, sizeof(*log));
	so.on_event = log_signals;
	so.event_user = log;
	return snare_test_session(state, &so);
}

/* Spawn hk_signal MODE with stdout on a pipe. */
static snare_proc *
spawn_signal(snare_session *s, const char *mode)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { "hk_signal", (char *)mode, NULL };
	snare_proc *p = NULL;
	int rc;

	so.stdio[1].kind = SNARE_STDIO_PIPE;
	rc = snare_spawn(&p, s, snare_test_tracee("hk_signal"), argv, &so);
	if (rc != 0)
		fail_msg("spawn hk_signal %s: %s (%s)", mode, snare_strerror(rc),
			 snare_errmsg(s));
	assert_non_null(p);
	return p;
}

/* Run to the end and read the tracee's stdout; returns its exit signal. */
static int
finish(snare_session *s, snare_proc *p, int *code, char *out, size_t cap)
{
	int sig = -1;

	*code = -1;
	snare_test_run_to_end(s, 100);
	assert_int_equal(snare_proc_exit_status(code, &sig, NULL, p), 1);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, cap);
	return sig;
}

/* Run hk_signal MODE untraced and return its output; *status its status. */
static void
untraced_run(const char *mode, char *out, size_t cap, int *status)
{
	char *argv[] = { (char *)snare_test_tracee("hk_signal"), (char *)mode,
			 NULL };
	int out_fd = -1;
	pid_t pid = snare_test_fork_exec(argv, NULL, &out_fd);

	snare_test_read_all(out_fd, out, cap);
	close(out_fd);
	*status = snare_test_wait_exit(pid);
}

/* ---------------------------------------------------------------- */
/* Hijack                                                           */
/* ---------------------------------------------------------------- */

struct sig_rec {
	int to;        /* the signal to turn it into (0: suppress; -1: keep) */
	int calls;
	int seen;      /* signo at the last call */
	int code;
	pid_t sender;
	pid_t tid;
};

static int
sig_change(snare_thread *t, snare_siginfo *si, void *user)
{
	struct sig_rec *rec = user;

	rec->calls++;
	rec->seen = si->signo;
	rec->code = si->code;
	rec->sender = si->pid;
	rec->tid = snare_thread_tid(t);
	if (rec->to >= 0)
		si->signo = rec->to;
	return SNARE_CONTINUE;
}

/*
 * SIGUSR1 turned into SIGUSR2 at its delivery stop: the SIGUSR2 handler
 * runs, the SIGUSR1 one does not. With recursive set, the SIGUSR2 hook
 * runs too.
 */
static void
check_usr1_to_usr2(void **state, int recursive)
{
	snare_sighook_opts o1 = SNARE_SIGHOOK_OPTS_INIT,
			   o2 = SNARE_SIGHOOK_OPTS_INIT;
	struct sig_rec r1 = { SIGUSR2, 0, 0, 0, 0, 0 },
		       r2 = { -1, 0, 0, 0, 0, 0 };
	struct sig_log log;
	snare_session *s = logged_session(state, &log);
	snare_sighook *h1, *h2;
	char out[256];
	snare_proc *p;
	int code, i, usr1_events = 0;

	o1.on_signal = sig_change;
	o1.user = &r1;
	o1.recursive = recursive;
	o2.on_signal = sig_change;
	o2.user = &r2;
	assert_int_equal(snare_hook_signal(&h1, s, SIGUSR1, &o1), 0);
	assert_int_equal(snare_hook_signal(&h2, s, SIGUSR2, &o2), 0);
	p = spawn_signal(s, "usr1");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, "got SIGUSR2\ndone\n");
	assert_int_equal(r1.calls, 1);
	assert_int_equal(r1.seen, SIGUSR1);
	/* raise() is tgkill from the tracee itself. */
	assert_int_equal(r1.code, SI_TKILL);
	assert_int_equal(r1.sender, snare_proc_pid(p));
	assert_int_equal(r1.tid, snare_proc_pid(p));
	assert_int_equal(snare_sighook_hits(h1), 1);
	assert_int_equal(r2.calls, recursive ? 1 : 0);
	if (recursive)
		assert_int_equal(r2.seen, SIGUSR2);
	for (i = 0; i < log.nsignals && i < 16; i++)
		if (log.signo[i] == SIGUSR1)
			usr1_events++;
	assert_int_equal(usr1_events, 1);
	assert_int_equal(log.no_siginfo, 0);
	snare_test_session_free(state);
}

static void
test_usr1_changed_to_usr2(void **state)
{
	check_usr1_to_usr2(state, 0);
}

static void
test_usr1_changed_to_usr2_recursive(void **state)
{
	check_usr1_to_usr2(state, 1);
}

/* A hook setting signo to 0 suppresses the signal. */
static void
test_signal_suppressed_by_hook(void **state)
{
	snare_sighook_opts o = SNARE_SIGHOOK_OPTS_INIT;
	struct sig_rec r = { 0, 0, 0, 0, 0, 0 };
	struct sig_log log;
	snare_session *s = logged_session(state, &log);
	char out[256];
	snare_proc *p;
	int code;

	o.on_signal = sig_change;
	o.user = &r;
	assert_int_equal(snare_hook_signal(NULL, s, SIGUSR1, &o), 0);
	p = spawn_signal(s, "usr1");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, "got none\ndone\n");
	assert_int_equal(r.calls, 1);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Fatal signals                                                    */
/* ---------------------------------------------------------------- */

/* A null write: SIGSEGV delivered, the process killed by it. */
static void
test_sigsegv_delivered(void **state)
{
	struct sig_log log;
	snare_session *s = logged_session(state, &log);
	char out[256];
	snare_proc *p;
	int code = -1, sig = -1, core = -1, i, segv = -1;

	p = spawn_signal(s, "segv");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), SIGSEGV);
	assert_int_equal(code, 0);
	assert_string_equal(out, "before\n");
	assert_int_equal(snare_proc_exit_status(&code, &sig, &core, p), 1);
	assert_int_equal(sig, SIGSEGV);
	assert_int_equal(code, 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_EXITED);
	/* Reported: the signal at its delivery stop, then the exit. */
	for (i = 0; i < log.nsignals && i < 16; i++)
		if (log.signo[i] == SIGSEGV)
			segv = i;
	if (segv < 0)
		fail_msg("no SNARE_EV_SIGNAL for SIGSEGV (%d signal events)",
			 log.nsignals);
	assert_int_equal(log.code[segv], SEGV_MAPERR);
	assert_int_equal(log.addr[segv], 0);
	assert_int_equal(log.tid[segv], snare_proc_pid(p));
	assert_int_equal(log.exits, 1);
	assert_int_equal(log.exit_pid, snare_proc_pid(p));
	assert_int_equal(log.exit_signo, SIGSEGV);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Block list                                                       */
/* ---------------------------------------------------------------- */

/*
 * SIGUSR1 blocked: the tracee's handler never runs, though the signal was
 * raised and hooks still saw it. Lifting the block delivers it again.
 */
static void
test_signal_blocked(void **state)
{
	snare_sighook_opts o = SNARE_SIGHOOK_OPTS_INIT;
	struct sig_rec r = { -1, 0, 0, 0, 0, 0 };
	struct sig_log log;
	snare_session *s = logged_session(state, &log);
	snare_sighook *h;
	char out[256];
	snare_proc *p;
	int code;

	o.on_signal = sig_change;
	o.user = &r;
	assert_int_equal(snare_hook_signal(&h, s, SIGUSR1, &o), 0);
	assert_int_equal(snare_signal_block(s, SIGUSR1, 1), 0);
	p = spawn_signal(s, "usr1");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, "got none\ndone\n");
	assert_int_equal(r.calls, 1);
	assert_int_equal(snare_sighook_hits(h), 1);

	/* Unblocked, the same program gets its signal. */
	assert_int_equal(snare_signal_block(s, SIGUSR1, 0), 0);
	p = spawn_signal(s, "usr1");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, "got SIGUSR1\ndone\n");
	assert_int_equal(r.calls, 2);
	snare_test_session_free(state);
}

static void
test_signal_block_errors(void **state)
{
	snare_session *s = snare_test_session(state, NULL);

	assert_int_equal(snare_signal_block(s, SIGKILL, 1), -EINVAL);
	assert_int_equal(snare_signal_block(s, SIGSTOP, 1), -EINVAL);
	assert_int_equal(snare_signal_block(s, 0, 1), -EINVAL);
	assert_int_equal(snare_signal_block(s, 65, 1), -EINVAL);
	assert_int_equal(snare_signal_block(s, -1, 1), -EINVAL);
	assert_int_equal(snare_signal_block(s, SIGUSR2, 1), 0);
	assert_int_equal(snare_signal_block(s, SIGUSR2, 0), 0);
	/* Hook errors: SIGKILL cannot be hooked, a duplicate is refused. */
	assert_int_equal(snare_hook_signal(NULL, s, SIGKILL, NULL), -EINVAL);
	assert_int_equal(snare_hook_signal(NULL, s, 65, NULL), -EINVAL);
	assert_int_equal(snare_hook_signal(NULL, s, SIGUSR1, NULL), 0);
	assert_int_equal(snare_hook_signal(NULL, s, SIGUSR1, NULL), -EEXIST);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Hook without callback                                            */
/* ---------------------------------------------------------------- */

/* snare_run() returns SNARE_EV_SIGNAL; resuming delivers the signal. */
static void
test_signal_hook_without_callback_stops(void **state)
{
	struct sig_log log;
	snare_session *s = logged_session(state, &log);
	snare_sighook *h;
	snare_event ev;
	char out[256];
	snare_proc *p;
	int code;

	assert_int_equal(snare_hook_signal(&h, s, SIGUSR1, NULL), 0);
	p = spawn_signal(s, "usr1");
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SIGNAL);
	assert_int_equal(ev.signo, SIGUSR1);
	assert_ptr_equal(ev.proc, p);
	assert_int_equal(ev.tid, snare_proc_pid(p));
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_sighook_hits(h), 1);
	/* The handler has not run: nothing printed yet. */
	assert_false(snare_test_readable(snare_proc_stdio_fd(p, 1), 0));

	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, "got SIGUSR1\ndone\n");
	assert_int_equal(snare_sighook_hits(h), 1);
	snare_test_session_free(state);
}

/*
 * At that stop the caller reads the pending signal and replaces it: the
 * tracee's handlers see SIGUSR2. Suppressing works the same way (0), and
 * the thread carries the caller's pointer. At a syscall stop the change is
 * refused with -EBUSY and a message that says why.
 */
static void
test_set_signal_at_delivery_stop(void **state)
{
	static const struct {
		int to;
		const char *want;
	} cases[] = {
		{ SIGUSR2, "got SIGUSR2\ndone\n" },
		{ 0, "got none\ndone\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sig_log log;
		snare_session *s = logged_session(state, &log);
		snare_thread *t;
		snare_event ev;
		char out[256];
		snare_proc *p;
		int code, marker;

		assert_int_equal(snare_hook_signal(NULL, s, SIGUSR1, NULL), 0);
		p = spawn_signal(s, "usr1");
		memset(&ev, 0, sizeof(ev));
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		assert_int_equal(ev.kind, SNARE_EV_SIGNAL);
		t = ev.thread;
		assert_non_null(t);
		assert_null(snare_thread_user(t));
		snare_thread_set_user(t, &marker);
		snare_proc_set_user(p, &code);
		assert_int_equal(snare_thread_signal(t), SIGUSR1);
		assert_int_equal(snare_thread_set_signal(t, 65), -EINVAL);
		assert_int_equal(snare_thread_set_signal(t, cases[i].to), 0);
		assert_int_equal(snare_thread_signal(t), cases[i].to);
		assert_ptr_equal(snare_thread_user(snare_proc_thread(p, ev.tid)),
				 &marker);
		assert_ptr_equal(snare_proc_user(p), &code);
		assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
		assert_int_equal(code, 0);
		assert_string_equal(out, cases[i].want);
		/* The observer saw SIGUSR1 once: the change is not a new signal. */
		assert_int_equal(log.nsignals, 1);
		snare_test_session_free(state);
	}
}

static void
test_set_signal_refused_at_syscall_stop(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_event ev;

	assert_int_equal(snare_hook_syscall_name(NULL, s, "tgkill", NULL), 0);
	spawn_signal(s, "usr1");
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(snare_thread_set_signal(ev.thread, SIGUSR2), -EBUSY);
	assert_non_null(strstr(snare_errmsg(s), "syscall stop"));
	assert_int_equal(snare_thread_signal(ev.thread), 0);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* The program's own SIGTRAP                                        */
/* ---------------------------------------------------------------- */

static int
noop_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(void)user;
	return SNARE_CONTINUE;
}

/*
 * raise(SIGTRAP) with a handler: the handler runs once, as without a
 * tracer. With every syscall hooked too (PTRACE_SYSCALL mode), where a
 * tracer that confused SIGTRAP with syscall stops would eat it.
 */
static void
check_own_sigtrap(void **state, int hook_syscalls)
{
	char plain[256], out[256];
	struct sig_log log;
	snare_session *s;
	snare_proc *p;
	int status, code, i, traps = 0, sender = -1;

	untraced_run("trap", plain, sizeof(plain), &status);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(plain, "trap 1\ndone\n");

	s = logged_session(state, &log);
	if (hook_syscalls) {
		snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;

		ho.on_exit = noop_exit;
		assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL,
						    &ho),
				 0);
	}
	p = spawn_signal(s, "trap");
	assert_int_equal(finish(s, p, &code, out, sizeof(out)), 0);
	assert_int_equal(code, 0);
	assert_string_equal(out, plain);
	for (i = 0; i < log.nsignals && i < 16; i++) {
		if (log.signo[i] != SIGTRAP)
			continue;
		traps++;
		assert_int_equal(log.code[i], SI_TKILL);
		sender = log.sender[i];
	}
	assert_int_equal(traps, 1);
	/* SI_TKILL carries the sender's pid (snare.h: "when the code
	   carries one"), whatever the signal number. */
	assert_int_equal(sender, snare_proc_pid(p));
	snare_test_session_free(state);
}

static void
test_own_sigtrap_delivered(void **state)
{
	check_own_sigtrap(state, 0);
}

static void
test_own_sigtrap_delivered_with_syscall_hooks(void **state)
{
	check_own_sigtrap(state, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_usr1_changed_to_usr2),
		SNARE_TEST(test_usr1_changed_to_usr2_recursive),
		SNARE_TEST(test_signal_suppressed_by_hook),
		SNARE_TEST(test_sigsegv_delivered),
		SNARE_TEST(test_signal_blocked),
		SNARE_TEST(test_signal_block_errors),
		SNARE_TEST(test_signal_hook_without_callback_stops),
		SNARE_TEST(test_set_signal_at_delivery_stop),
		SNARE_TEST(test_set_signal_refused_at_syscall_stop),
		SNARE_TEST(test_own_sigtrap_delivered),
		SNARE_TEST(test_own_sigtrap_delivered_with_syscall_hooks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
