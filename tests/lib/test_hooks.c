/* SPDX-License-Identifier: MIT */
/*
 * test_hooks.c: syscall hooks. Arguments rewritten at entry (the tracee
 * prints what the kernel really did), return values changed at exit,
 * skipped syscalls, hijacks (plain, recursive, looping), entry/exit pairing
 * for 8 threads blocked in hooked reads at once, hooks without callbacks
 * (which return control from snare_run()), and the errors of the hook API.
 *
 * Callbacks never assert: a cmocka failure would longjmp out of snare_run().
 * They record what they saw, and the test asserts once snare_run() returned.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

/*
 * Spawn TRACEE_DIR/name with argv {name, args...} and stdout and stderr on
 * pipes. args is NULL-terminated (may be NULL).
 */
static snare_proc *
spawn_piped(snare_session *s, const char *name, const char *const *args)
{
	return snare_test_spawn_piped(s, name, args,
				      SNARE_TEST_PIPE_OUT | SNARE_TEST_PIPE_ERR,
				      SNARE_SPAWN_STOP_EXEC);
}

static void
read_stderr(snare_proc *p, char *err, size_t cap)
{
	snare_test_read_all(snare_proc_stdio_fd(p, 2), err, cap);
}

/* ---------------------------------------------------------------- */
/* Arguments and return values                                      */
/* ---------------------------------------------------------------- */

/* What the write hooks did. */
struct write_rec {
	int mode;          /* 0: shorten the length; 1: point at new bytes */
	int rewritten;     /* entries changed */
	int64_t exit_ret;  /* on_exit's retval for the rewritten write */
	int bad;           /* a memory access failed */
};

static const char hello[] = "hello, world\n";
static const char rewritten[] = "rewritten by snare\n";

static int
write_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct write_rec *rec = user;
	snare_proc *p = snare_thread_proc(t);
	char buf[sizeof(hello)];

	if (sc->args[0] != 1 || sc->args[2] != strlen(hello))
		return SNARE_CONTINUE;
	if (snare_mem_read(buf, p, sc->args[1], strlen(hello)) != 0) {
		rec->bad++;
		return SNARE_CONTINUE;
	}
	if (memcmp(buf, hello, strlen(hello)) != 0)
		return SNARE_CONTINUE;
	if (rec->mode == 0) {
		sc->args[2] = 5; /* "hello" */
	} else {
		/* The tracee's buffer is 64 bytes: place ours at +24. */
		if (snare_mem_write(p, sc->args[1] + 24, rewritten,
				    strlen(rewritten)) != 0) {
			rec->bad++;
			return SNARE_CONTINUE;
		}
		sc->args[1] += 24;
		sc->args[2] = strlen(rewritten);
	}
	rec->rewritten++;
	return SNARE_CONTINUE;
}

static int
write_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct write_rec *rec = user;

	(void)t;
	if (sc->args[0] == 1)
		rec->exit_ret = sc->retval;
	return SNARE_CONTINUE;
}

static void
check_write_rewrite(void **state, int mode, const char *want_out,
		    const char *want_err, int64_t want_ret)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct write_rec rec = { mode, 0, -1, 0 };
	char out[256], err[256];
	snare_proc *p;

	ho.on_enter = write_enter;
	ho.on_exit = write_exit;
	ho.user = &rec;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_write, &ho), 0);
	p = spawn_piped(s, "hk_write", NULL);
	snare_test_finish(s, p, 100, out, sizeof(out));
	read_stderr(p, err, sizeof(err));
	assert_int_equal(rec.bad, 0);
	assert_int_equal(rec.rewritten, 1);
	assert_string_equal(out, want_out);
	assert_string_equal(err, want_err);
	assert_int_equal(rec.exit_ret, want_ret);
	snare_test_session_free(state);
}

/* The length argument cut at entry: only a prefix is printed. */
static void
test_write_length_rewritten(void **state)
{
	check_write_rewrite(state, 0, "hello", "ret 5\n", 5);
}

/* New bytes written into the tracee and the buffer pointed at them. */
static void
test_write_buffer_rewritten(void **state)
{
	char want_err[32];

	snprintf(want_err, sizeof(want_err), "ret %zu\n", strlen(rewritten));
	check_write_rewrite(state, 1, rewritten, want_err,
			    (int64_t)strlen(rewritten));
}

struct getpid_rec {
	int calls;
	pid_t tid;
	int64_t real;      /* the return value before the change */
	int64_t fake;
};

static int
getpid_exit_fake(snare_thread *t, snare_syscall *sc, void *user)
{
	struct getpid_rec *rec = user;

	rec->calls++;
	rec->tid = snare_thread_tid(t);
	rec->real = sc->retval;
	sc->retval = rec->fake;
	return SNARE_CONTINUE;
}

/* getpid's return value replaced at exit: the tracee prints ours. */
static void
test_getpid_retval_changed(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct getpid_rec rec = { 0, 0, 0, 424242 };
	char out[256], want[256];
	snare_proc *p;
	snare_hook *h;

	ho.on_exit = getpid_exit_fake;
	ho.user = &rec;
	assert_int_equal(snare_hook_syscall(&h, s, SYS_getpid, &ho), 0);
	assert_non_null(h);
	p = spawn_piped(s, "hk_getpid", NULL);
	snare_test_finish(s, p, 100, out, sizeof(out));
	snprintf(want, sizeof(want), "getpid 424242\ngetppid %d\ndone\n",
		 (int)getpid());
	assert_string_equal(out, want);
	assert_int_equal(rec.calls, 1);
	assert_int_equal(rec.tid, snare_proc_pid(p));
	assert_int_equal(rec.real, snare_proc_pid(p));
	assert_int_equal(snare_hook_hits(h), 1);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Skipping                                                         */
/* ---------------------------------------------------------------- */

struct open_rec {
	const char *denied;  /* the path refused with EACCES */
	int skipped;
	int exits_denied;    /* on_exit of a skipped call saw -EACCES */
	int bad;
};

static int
open_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct open_rec *rec = user;
	uint64_t addr = sc->nr == SYS_open ? sc->args[0] : sc->args[1];
	char path[256];

	if (snare_mem_read_str(path, sizeof(path), snare_thread_proc(t),
			       addr) < 0) {
		rec->bad++;
		return SNARE_CONTINUE;
	}
	if (strcmp(path, rec->denied) == 0) {
		sc->skip = 1;
		sc->retval = -EACCES;
		rec->skipped++;
	}
	return SNARE_CONTINUE;
}

static int
open_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct open_rec *rec = user;

	(void)t;
	if (sc->retval == -EACCES)
		rec->exits_denied++;
	return SNARE_CONTINUE;
}

/* open and openat of one path skipped with -EACCES; others untouched. */
static void
test_open_skipped_eacces(void **state)
{
	static const char *const args[] = { "/dev/null", "/dev/zero", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct open_rec rec = { "/dev/null", 0, 0, 0 };
	char out[512];
	snare_proc *p;

	ho.on_enter = open_enter;
	ho.on_exit = open_exit;
	ho.user = &rec;
	assert_int_equal(snare_hook_syscall_name(NULL, s, "open", &ho), 0);
	assert_int_equal(snare_hook_syscall_name(NULL, s, "openat", &ho), 0);
	p = spawn_piped(s, "hk_open", args);
	snare_test_finish(s, p, 100, out, sizeof(out));
	assert_string_equal(out, "open /dev/null: Permission denied\n"
				 "openat /dev/null: Permission denied\n"
				 "open /dev/zero: ok\n"
				 "openat /dev/zero: ok\n");
	assert_int_equal(rec.bad, 0);
	assert_int_equal(rec.skipped, 2);
	assert_int_equal(rec.exits_denied, 2);
	snare_test_session_free(state);
}

struct exit_rec {
	int enters;
	int exits;
	int64_t exit_retval;
};

static int
exit_group_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct exit_rec *rec = user;

	(void)t;
	if (sc->nr != SYS_exit_group)
		return SNARE_CONTINUE;
	rec->enters++;
	sc->skip = 1;
	sc->retval = -ENOSYS;
	return SNARE_CONTINUE;
}

static int
exit_group_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct exit_rec *rec = user;

	(void)t;
	/* The exit right after the skipped exit_group's entry. */
	if (rec->enters != rec->exits + 1)
		return SNARE_CONTINUE;
	rec->exits++;
	rec->exit_retval = sc->retval;
	return SNARE_CONTINUE;
}

/*
 * exit_group skipped with -ENOSYS (strace's -e fault=exit_group) returns to
 * the program: its exit comes, with the retval set, and glibc's _exit goes
 * on to SYS_exit, which ends the program with its code.
 */
static void
test_exit_group_skipped_returns(void **state)
{
	static const char *const args[] = { "7", "_exit", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct exit_rec rec = { 0, 0, 0 };
	int code = -1, signo = -1, core = -1;
	snare_proc *p;

	ho.on_enter = exit_group_enter;
	ho.on_exit = exit_group_exit;
	ho.user = &rec;
	/* A hook of exit_group alone may have no on_exit: it takes all. */
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho), 0);
	p = spawn_piped(s, "exit_code", args);
	snare_test_run_to_end(s, 100);
	assert_int_equal(rec.enters, 1);
	assert_int_equal(rec.exits, 1);
	assert_int_equal(rec.exit_retval, -ENOSYS);
	assert_int_equal(snare_proc_exit_status(&code, &signo, &core, p), 1);
	assert_int_equal(code, 7);
	assert_int_equal(signo, 0);
	snare_test_session_free(state);
}

static int
getppid_signal_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	int *rc = user;

	(void)sc;
	*rc = snare_thread_set_signal(t, SIGUSR1);
	return SNARE_CONTINUE;
}

/* A signal set at a syscall-exit-stop is delivered by the resume, as the
   kernel's own (si_code SI_KERNEL), which strace's inject signal= shows. */
static void
test_set_signal_at_syscall_exit(void **state)
{
	static const char *const args[] = { "sigcode", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	char out[256];
	int rc = 1;
	snare_proc *p;

	ho.on_exit = getppid_signal_exit;
	ho.user = &rc;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &ho), 0);
	p = spawn_piped(s, "cli_tracer", args);
	snare_test_finish(s, p, 100, out, sizeof(out));
	assert_int_equal(rc, 0);
	assert_string_equal(out, "si_code 128\n");
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Hijacks                                                          */
/* ---------------------------------------------------------------- */

struct hijack_rec {
	long to;       /* the number this hook turns its syscall into */
	int enters;
};

static int
hijack_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct hijack_rec *rec = user;

	(void)t;
	rec->enters++;
	if (rec->to >= 0)
		sc->nr = rec->to;
	return SNARE_CONTINUE;
}

/* getppid turned into getpid at entry: the tracee prints its own pid. */
static void
test_hijack_getppid_to_getpid(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct hijack_rec rec = { SYS_getpid, 0 };
	char out[256], want[256];
	snare_proc *p;

	ho.on_enter = hijack_enter;
	ho.user = &rec;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &ho), 0);
	p = spawn_piped(s, "hk_getpid", NULL);
	snare_test_finish(s, p, 100, out, sizeof(out));
	snprintf(want, sizeof(want), "getpid %d\ngetppid %d\ndone\n",
		 (int)snare_proc_pid(p), (int)snare_proc_pid(p));
	assert_string_equal(out, want);
	assert_int_equal(rec.enters, 1);
	snare_test_session_free(state);
}

/*
 * getppid -> getpid, where getpid has its own counting hook. With
 * recursive set on the getppid hook, the getpid hook runs for the hijacked
 * call too; without, it does not.
 */
static void
check_hijack_chain(void **state, int recursive)
{
	static const char *const args[] = { "2", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ha = SNARE_HOOK_OPTS_INIT, hb = SNARE_HOOK_OPTS_INIT;
	struct hijack_rec a = { SYS_getpid, 0 }, b = { -1, 0 };
	char out[256], want[256];
	snare_proc *p;
	int pid;

	ha.on_enter = hijack_enter;
	ha.user = &a;
	ha.recursive = recursive;
	hb.on_enter = hijack_enter;
	hb.user = &b;
	hb.recursive = 1;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &ha), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &hb), 0);
	p = spawn_piped(s, "hk_getpid", args);
	snare_test_finish(s, p, 100, out, sizeof(out));
	pid = (int)snare_proc_pid(p);
	snprintf(want, sizeof(want), "getpid %d\ngetpid %d\ngetppid %d\ndone\n",
		 pid, pid, pid);
	assert_string_equal(out, want);
	assert_int_equal(a.enters, 1);
	/* Two real getpid calls, plus the hijacked one when recursive. */
	assert_int_equal(b.enters, recursive ? 3 : 2);
	snare_test_session_free(state);
}

static void
test_hijack_recursive_chain(void **state)
{
	check_hijack_chain(state, 1);
}

static void
test_hijack_not_recursive(void **state)
{
	check_hijack_chain(state, 0);
}

/*
 * A three-step recursive chain, getppid -> getuid -> getpid: each hook
 * counts, the last one also rewrites an argument (one getpid ignores), and
 * the syscall that runs is the last of the chain.
 */
static int
chain_last_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct hijack_rec *rec = user;

	(void)t;
	rec->enters++;
	sc->args[0] = 0x5a5a; /* getpid ignores it; the change is applied */
	return SNARE_CONTINUE;
}

static void
test_hijack_three_step_chain(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ha = SNARE_HOOK_OPTS_INIT, hb = SNARE_HOOK_OPTS_INIT,
			hc = SNARE_HOOK_OPTS_INIT;
	struct hijack_rec a = { SYS_getuid, 0 }, b = { SYS_getpid, 0 },
			  c = { -1, 0 };
	char out[256], want[256];
	snare_proc *p;
	int pid;

	ha.on_enter = hijack_enter;
	ha.user = &a;
	ha.recursive = 1;
	hb.on_enter = hijack_enter;
	hb.user = &b;
	hb.recursive = 1;
	hc.on_enter = chain_last_enter;
	hc.user = &c;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &ha), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getuid, &hb), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &hc), 0);
	p = spawn_piped(s, "hk_getpid", NULL);
	snare_test_finish(s, p, 100, out, sizeof(out));
	pid = (int)snare_proc_pid(p);
	snprintf(want, sizeof(want), "getpid %d\ngetppid %d\ndone\n", pid, pid);
	assert_string_equal(out, want);
	assert_int_equal(a.enters, 1);
	assert_int_equal(b.enters, 1);
	assert_int_equal(c.enters, 2); /* the real getpid and the hijack */
	snare_test_session_free(state);
}

/* getpid -> getppid -> getpid: SNARE_EHIJACKLOOP, and a clean free. */
static void
test_hijack_loop_detected(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ha = SNARE_HOOK_OPTS_INIT, hb = SNARE_HOOK_OPTS_INIT;
	struct hijack_rec a = { SYS_getpid, 0 }, b = { SYS_getppid, 0 };
	const char *msg;
	snare_event ev;
	snare_proc *p;
	pid_t pid;
	int rc, i;

	ha.on_enter = hijack_enter;
	ha.user = &a;
	ha.recursive = 1;
	hb.on_enter = hijack_enter;
	hb.user = &b;
	hb.recursive = 1;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &ha), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &hb), 0);
	p = spawn_piped(s, "hk_getpid", NULL);
	pid = snare_proc_pid(p);
	/* The first getpid loops; nothing else may end the run before it. */
	for (i = 0; i < 10; i++) {
		memset(&ev, 0, sizeof(ev));
		rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
		if (rc != 0 || ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}
	if (rc != SNARE_EHIJACKLOOP)
		fail_msg("snare_run: %d (%s), event %d; wanted SNARE_EHIJACKLOOP",
			 rc, snare_errmsg(s), ev.kind);
	msg = snare_errmsg(s);
	assert_non_null(strstr(msg, "loop"));
	assert_non_null(strstr(msg, "getpid"));
	assert_non_null(strstr(msg, "getppid"));
	assert_true(b.enters >= 1);
	/* The tracee is held, alive; freeing the session kills and reaps it. */
	assert_true(snare_test_proc_alive(pid));
	snare_test_session_free(state);
	snare_test_assert_no_children();
}

/* ---------------------------------------------------------------- */
/* Threads                                                          */
/* ---------------------------------------------------------------- */

#define NREADERS 8
#define FIRST_FD 100

/* Per-thread pairing state for the read hooks. */
struct reader_slot {
	pid_t tid;
	long fd;         /* fd at the last entry, -1 when not inside read */
	int enters, exits;
};

struct readers_rec {
	struct reader_slot slot[64];
	size_t nslots;
	int distinct;    /* threads seen entering a pipe read */
	int stopped;     /* the STOP was requested once */
	int exits;       /* on_exit calls, any fd */
	int mixed;       /* on_exit fd differs from its thread's entry fd */
	int wrong_len;   /* a pipe read returned the wrong byte count */
	int no_entry;    /* an exit with no entry in this thread */
	int overflow;
};

static size_t
pipe_bytes(long fd)
{
	return (size_t)(10 + 3 * (fd - FIRST_FD));
}

static struct reader_slot *
slot_for(struct readers_rec *rec, pid_t tid, int create)
{
	size_t i;

	for (i = 0; i < rec->nslots; i++)
		if (rec->slot[i].tid == tid)
			return &rec->slot[i];
	if (!create)
		return NULL;
	if (rec->nslots == 64) {
		rec->overflow++;
		return NULL;
	}
	rec->slot[rec->nslots].tid = tid;
	rec->slot[rec->nslots].fd = -1;
	return &rec->slot[rec->nslots++];
}

static int
reader_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct readers_rec *rec = user;
	long fd = (long)sc->args[0];
	struct reader_slot *sl = slot_for(rec, snare_thread_tid(t), 1);

	if (!sl)
		return SNARE_CONTINUE;
	sl->fd = fd;
	if (fd < FIRST_FD || fd >= FIRST_FD + NREADERS)
		return SNARE_CONTINUE;
	if (sl->enters++ == 0)
		rec->distinct++;
	/* All 8 inside read at once: hand control to the test. */
	if (rec->distinct == NREADERS && !rec->stopped) {
		rec->stopped = 1;
		return SNARE_STOP;
	}
	return SNARE_CONTINUE;
}

static int
reader_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct readers_rec *rec = user;
	long fd = (long)sc->args[0];
	struct reader_slot *sl = slot_for(rec, snare_thread_tid(t), 0);

	rec->exits++;
	if (!sl || sl->fd < 0) {
		rec->no_entry++;
		return SNARE_CONTINUE;
	}
	if (sl->fd != fd)
		rec->mixed++;
	if (fd >= FIRST_FD && fd < FIRST_FD + NREADERS) {
		sl->exits++;
		if (sc->retval != (int64_t)pipe_bytes(fd))
			rec->wrong_len++;
	}
	sl->fd = -1;
	return SNARE_CONTINUE;
}

static void
test_threads_concurrent_reads(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct readers_rec *rec = calloc(1, sizeof(*rec));
	char out[1024], path[64], data[64];
	snare_event ev;
	snare_proc *p;
	snare_hook *h;
	size_t i, len = 0, pipe_slots = 0;
	pid_t pid;
	int fd;

	assert_non_null(rec);
	ho.on_enter = reader_enter;
	ho.on_exit = reader_exit;
	ho.user = rec;
	assert_int_equal(snare_hook_syscall(&h, s, SYS_read, &ho), 0);
	p = spawn_piped(s, "hk_readers", NULL);
	pid = snare_proc_pid(p);
	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	if (ev.kind != SNARE_EV_SYSCALL_ENTER)
		fail_msg("wanted SNARE_EV_SYSCALL_ENTER, got event %d", ev.kind);
	assert_int_equal(ev.syscall_nr, SYS_read);
	assert_ptr_equal(ev.hook, h);
	assert_int_equal(rec->distinct, NREADERS);
	/* Every reader is now inside read(); feed the pipes, last first. */
	memset(data, 'x', sizeof(data));
	for (i = NREADERS; i-- > 0;) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%zu", (int)pid,
			 200 + i);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			fail_msg("open %s: %s", path, strerror(errno));
		assert_int_equal(write(fd, data, pipe_bytes(FIRST_FD + (long)i)),
				 (ssize_t)pipe_bytes(FIRST_FD + (long)i));
		close(fd);
	}
	snare_test_run_to_end(s, 100);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	/* Lines come in any order: compare as a set. */
	for (i = 0; i < NREADERS; i++) {
		char line[64];

		snprintf(line, sizeof(line), "thread %zu read %zu\n", i,
			 pipe_bytes(FIRST_FD + (long)i));
		if (!strstr(out, line))
			fail_msg("missing '%.*s' in output '%s'",
				 (int)strlen(line) - 1, line, out);
		len += strlen(line);
	}
	assert_int_equal(strlen(out), len);
	assert_int_equal(rec->overflow, 0);
	assert_int_equal(rec->mixed, 0);
	assert_int_equal(rec->no_entry, 0);
	assert_int_equal(rec->wrong_len, 0);
	for (i = 0; i < rec->nslots; i++) {
		if (!rec->slot[i].enters)
			continue;
		pipe_slots++;
		/* One completed pipe read per thread (a restarted read
		   may be entered twice, but completes once). */
		assert_int_equal(rec->slot[i].exits, 1);
	}
	assert_int_equal(pipe_slots, NREADERS);
	/* Hits: every completed read, the loader's included. */
	assert_int_equal(snare_hook_hits(h), (uint64_t)rec->exits);
	free(rec);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Hooks without callbacks                                          */
/* ---------------------------------------------------------------- */

static void
test_hook_without_callbacks_stops(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char out[256], want[256];
	unsigned char insn[2];
	snare_regs regs;
	snare_event ev;
	snare_proc *p;
	snare_hook *h;
	uint64_t pc;
	pid_t pid;

	assert_int_equal(snare_hook_syscall(&h, s, SYS_getpid, NULL), 0);
	p = spawn_piped(s, "hk_getpid", NULL);
	pid = snare_proc_pid(p);

	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(ev.syscall_nr, SYS_getpid);
	assert_ptr_equal(ev.hook, h);
	assert_ptr_equal(ev.proc, p);
	assert_int_equal(ev.tid, pid);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_hook_hits(h), 0);
	/* The pc at a syscall stop (from the stop's syscall info) is just
	   past the syscall instruction, and equals the registers' rip. */
	assert_int_equal(snare_thread_pc(&pc, ev.thread), 0);
	assert_int_equal(snare_mem_read(insn, p, pc - 2, 2), 0);
	assert_int_equal(insn[0], 0x0f);
	assert_int_equal(insn[1], 0x05);
	assert_int_equal(snare_regs_get(&regs, ev.thread), 0);
	assert_int_equal(regs.rip, pc);

	memset(&ev, 0, sizeof(ev));
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_EXIT);
	assert_int_equal(ev.syscall_nr, SYS_getpid);
	assert_ptr_equal(ev.hook, h);
	assert_int_equal(ev.tid, pid);
	assert_int_equal(ev.retval, pid);
	assert_int_equal(snare_hook_hits(h), 1);

	snare_test_finish(s, p, 100, out, sizeof(out));
	snprintf(want, sizeof(want), "getpid %d\ngetppid %d\ndone\n", (int)pid,
		 (int)getpid());
	assert_string_equal(out, want);
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Hit counts                                                       */
/* ---------------------------------------------------------------- */

/* Counts its calls into *(int *)user; used for on_enter and on_exit. */
static int
count_call(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(*(int *)user)++;
	return SNARE_CONTINUE;
}

/*
 * snare_hook_hits() counts completed syscalls: 3 getpid calls are 3 hits,
 * whether the hook has on_enter only, on_exit only or both.
 */
static void
check_hits(void **state, int with_enter, int with_exit)
{
	static const char *const args[] = { "3", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	int calls = 0;
	char out[256];
	snare_proc *p;
	snare_hook *h;

	ho.on_enter = with_enter ? count_call : NULL;
	ho.on_exit = with_exit ? count_call : NULL;
	ho.user = &calls;
	assert_int_equal(snare_hook_syscall(&h, s, SYS_getpid, &ho), 0);
	p = spawn_piped(s, "hk_getpid", args);
	snare_test_finish(s, p, 100, out, sizeof(out));
	assert_int_equal(calls, (with_enter + with_exit) * 3);
	assert_int_equal(snare_hook_hits(h), 3);
	snare_test_session_free(state);
}

static void
test_hits_on_enter_only(void **state)
{
	check_hits(state, 1, 0);
}

static void
test_hits_on_exit_only(void **state)
{
	check_hits(state, 0, 1);
}

static void
test_hits_both_callbacks(void **state)
{
	check_hits(state, 1, 1);
}

/* ---------------------------------------------------------------- */
/* API errors and removal                                           */
/* ---------------------------------------------------------------- */

static int
noop(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(void)user;
	return SNARE_CONTINUE;
}

static void
test_hook_errors(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_hook *h = (snare_hook *)&ho, *h2;

	/* Unknown name: -ENOENT, with a suggestion. */
	assert_int_equal(snare_hook_syscall_name(&h, s, "getpdi", NULL),
			 -ENOENT);
	assert_null(h);
	assert_non_null(strstr(snare_errmsg(s), "did you mean"));
	assert_non_null(strstr(snare_errmsg(s), "getpid"));
	assert_int_equal(snare_hook_syscall_name(NULL, s, "opennat", NULL),
			 -ENOENT);
	assert_non_null(strstr(snare_errmsg(s), "did you mean"));
	assert_non_null(strstr(snare_errmsg(s), "openat"));

	/* exit_group and exit never return: no on_exit. */
	ho.on_exit = noop;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_exit_group, &ho),
			 -EINVAL);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_exit, &ho), -EINVAL);
	ho.on_exit = NULL;
	ho.on_enter = noop;
	assert_int_equal(snare_hook_syscall(&h, s, SYS_exit_group, &ho), 0);
	assert_non_null(h);

	/* Bad numbers. */
	assert_int_equal(snare_hook_syscall(NULL, s, -5, &ho), -EINVAL);
	assert_int_equal(snare_hook_syscall(NULL, s, snare_syscall_count(),
					    &ho),
			 -EINVAL);

	/* Duplicates, by number and by name. */
	assert_int_equal(snare_hook_syscall(&h, s, SYS_getpid, &ho), 0);
	assert_int_equal(snare_hook_syscall(&h2, s, SYS_getpid, &ho), -EEXIST);
	assert_int_equal(snare_hook_syscall_name(NULL, s, "getpid", NULL),
			 -EEXIST);
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho),
			 -EEXIST);
	/* Removed, the number can be hooked again. */
	assert_int_equal(snare_hook_remove(h), 0);
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &ho), 0);
	snare_test_session_free(state);
}

struct self_remove {
	snare_hook *h;
	int calls;
	int rc;
};

static int
remove_self_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct self_remove *rec = user;

	(void)t;
	(void)sc;
	rec->calls++;
	rec->rc = snare_hook_remove(rec->h);
	return SNARE_CONTINUE;
}

/* A hook removing itself from its callback fires once, never again. */
static void
test_hook_removes_itself(void **state)
{
	static const char *const args[] = { "5", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct self_remove rec = { NULL, 0, -1 };
	char out[512], want[512];
	snare_proc *p;
	int pid, i, len = 0;

	ho.on_enter = remove_self_enter;
	ho.on_exit = remove_self_enter; /* must not run after the removal */
	ho.user = &rec;
	assert_int_equal(snare_hook_syscall(&rec.h, s, SYS_getpid, &ho), 0);
	p = spawn_piped(s, "hk_getpid", args);
	snare_test_finish(s, p, 100, out, sizeof(out));
	pid = (int)snare_proc_pid(p);
	for (i = 0; i < 5; i++)
		len += snprintf(want + len, sizeof(want) - len, "getpid %d\n",
				pid);
	snprintf(want + len, sizeof(want) - len, "getppid %d\ndone\n",
		 (int)getpid());
	assert_string_equal(out, want);
	assert_int_equal(rec.calls, 1);
	assert_int_equal(rec.rc, 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_write_length_rewritten),
		SNARE_TEST(test_write_buffer_rewritten),
		SNARE_TEST(test_getpid_retval_changed),
		SNARE_TEST(test_open_skipped_eacces),
		SNARE_TEST(test_exit_group_skipped_returns),
		SNARE_TEST(test_set_signal_at_syscall_exit),
		SNARE_TEST(test_hijack_getppid_to_getpid),
		SNARE_TEST(test_hijack_recursive_chain),
		SNARE_TEST(test_hijack_not_recursive),
		SNARE_TEST(test_hijack_three_step_chain),
		SNARE_TEST(test_hijack_loop_detected),
		SNARE_TEST(test_threads_concurrent_reads),
		SNARE_TEST(test_hook_without_callbacks_stops),
		SNARE_TEST(test_hits_on_enter_only),
		SNARE_TEST(test_hits_on_exit_only),
		SNARE_TEST(test_hits_both_callbacks),
		SNARE_TEST(test_hook_errors),
		SNARE_TEST(test_hook_removes_itself),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
