/* SPDX-License-Identifier: MIT */
/*
 * test_seccomp.c: the seccomp fast path (snare_spawn_opts.seccomp_nrs).
 * Hooks on filtered syscalls fire exactly as often as the tracee calls
 * them; a hook on a syscall outside the filter, added after spawn, falls
 * back to PTRACE_SYSCALL and sees every call. That the filter saves stops
 * is measured through the tracee's own voluntary context switches (each
 * tracer stop costs it at least one; preemption by other load does not
 * count): 1000 unhooked getppid calls cost far fewer than
 * 1000 under the filter, and at least 1000 without it. Then detaching a
 * filtered tracee (refused unless forced: the filter outlives the tracer),
 * fork children inheriting the filter, and the follow_forks=0 refusal.
 *
 * Callbacks never assert (a cmocka failure would longjmp out of
 * snare_run()): they record, and the test asserts afterwards.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define LOOPS 1000 /* hk_seccomp's getppid calls */
#define PIDS 10    /* and its getpid calls */

static const int getpid_only[] = { SYS_getpid };

/* Spawn hk_seccomp (with the getpid filter when filtered), stdout piped. */
static snare_proc *
spawn_seccomp(snare_session *s, int filtered)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { "hk_seccomp", NULL };
	snare_proc *p = NULL;
	int rc;

	so.stdio[1].kind = SNARE_STDIO_PIPE;
	if (filtered) {
		so.seccomp_nrs = getpid_only;
		so.n_seccomp_nrs = 1;
	}
	rc = snare_spawn(&p, s, snare_test_tracee("hk_seccomp"), argv, &so);
	if (rc != 0)
		fail_msg("spawn hk_seccomp: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	assert_non_null(p);
	return p;
}

/* What hk_seccomp printed. */
struct report {
	long ctxt;       /* voluntary context switches across the getppid loop */
	int getppid_ok;  /* getppid calls that returned the parent */
	long getpid;     /* last getpid result */
	char getpid_err[16];
};

static void
parse_report(struct report *r, const char *out)
{
	memset(r, 0, sizeof(*r));
	if (sscanf(out, "ctxt %ld\ngetppid %d\ngetpid %ld %15s", &r->ctxt,
		   &r->getppid_ok, &r->getpid, r->getpid_err) != 4)
		fail_msg("unexpected hk_seccomp output '%s'", out);
}

/* Run to the end (exit 0 expected) and parse the report. */
static void
finish(snare_session *s, snare_proc *p, struct report *r)
{
	char out[512];
	int code = -1, sig = -1;

	snare_test_run_to_end(s, 100);
	assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, p), 1);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	if (code != 0 || sig != 0)
		fail_msg("hk_seccomp exited %d, signal %d: '%s'", code, sig,
			 out);
	parse_report(r, out);
}

struct count_rec {
	int enters;
	int wrong_nr;
	long nr;
};

static int
count_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct count_rec *rec = user;

	(void)t;
	rec->enters++;
	if (sc->nr != rec->nr)
		rec->wrong_nr++;
	return SNARE_CONTINUE;
}

static snare_hook *
hook_count(snare_session *s, long nr, struct count_rec *rec)
{
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_hook *h = NULL;

	memset(rec, 0, sizeof(*rec));
	rec->nr = nr;
	ho.on_enter = count_enter;
	ho.user = rec;
	assert_int_equal(snare_hook_syscall(&h, s, nr, &ho), 0);
	return h;
}

/*
 * Filter of getpid only, then getppid hooked after spawn: the library must
 * fall back to PTRACE_SYSCALL and see all 1000 getppid calls, while the
 * getpid hook still fires exactly 10 times (once per call, not once for
 * the seccomp stop and again for the syscall stop).
 */
static void
test_seccomp_fallback_sees_unfiltered(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct count_rec pid_rec, ppid_rec;
	snare_hook *hpid, *hppid;
	struct report r;
	snare_proc *p;

	hpid = hook_count(s, SYS_getpid, &pid_rec);
	p = spawn_seccomp(s, 1);
	hppid = hook_count(s, SYS_getppid, &ppid_rec);
	finish(s, p, &r);
	assert_int_equal(r.getppid_ok, LOOPS);
	assert_int_equal(r.getpid, snare_proc_pid(p));
	assert_string_equal(r.getpid_err, "0");
	assert_int_equal(ppid_rec.enters, LOOPS);
	assert_int_equal(ppid_rec.wrong_nr, 0);
	assert_int_equal(pid_rec.enters, PIDS);
	assert_int_equal(pid_rec.wrong_nr, 0);
	/* PTRACE_SYSCALL mode: two stops per getppid. */
	assert_true(r.ctxt >= LOOPS);
	assert_int_equal(snare_hook_hits(hppid), LOOPS);
	assert_int_equal(snare_hook_hits(hpid), PIDS);
	snare_test_session_free(state);
}

/*
 * Only getpid hooked: with the filter, the hook fires exactly 10 times and
 * the 1000 getppid calls cost no stops (far fewer than 1000 context
 * switches); without it (PTRACE_SYSCALL), they cost at least 1000.
 */
static void
test_seccomp_saves_stops(void **state)
{
	struct count_rec rec_f, rec_p;
	struct report filtered, plain;
	uint64_t hits_f, hits_p;
	pid_t pid_f, pid_p;
	snare_session *s;
	snare_proc *p;
	snare_hook *h;

	s = snare_test_session(state, NULL);
	h = hook_count(s, SYS_getpid, &rec_f);
	p = spawn_seccomp(s, 1);
	pid_f = snare_proc_pid(p);
	finish(s, p, &filtered);
	hits_f = snare_hook_hits(h);
	snare_test_session_free(state);

	s = snare_test_session(state, NULL);
	h = hook_count(s, SYS_getpid, &rec_p);
	p = spawn_seccomp(s, 0);
	pid_p = snare_proc_pid(p);
	finish(s, p, &plain);
	hits_p = snare_hook_hits(h);
	snare_test_session_free(state);

	/* The contrast first: the filter saves the stops. */
	if (plain.ctxt < LOOPS || filtered.ctxt >= LOOPS / 10)
		fail_msg("voluntary context switches over %d getppid: %ld with the "
			 "filter, %ld without; wanted < %d and >= %d",
			 LOOPS, filtered.ctxt, plain.ctxt, LOOPS / 10, LOOPS);
	/* The tracee's own view is the same both ways. */
	assert_int_equal(filtered.getppid_ok, LOOPS);
	assert_int_equal(plain.getppid_ok, LOOPS);
	assert_int_equal(filtered.getpid, pid_f);
	assert_int_equal(plain.getpid, pid_p);
	/* Every getpid runs the hook once, with the filter or without. */
	assert_int_equal(rec_p.enters, PIDS);
	assert_int_equal(rec_f.wrong_nr, 0);
	assert_int_equal(rec_f.enters, PIDS);
	assert_int_equal(hits_p, PIDS);
	assert_int_equal(hits_f, PIDS);
}

/*
 * An empty filter (n_seccomp_nrs 0: no syscall stops from it): a hook set
 * before spawn falls back to PTRACE_SYSCALL and sees every call.
 */
static void
test_seccomp_empty_filter(void **state)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_session *s = snare_test_session(state, NULL);
	char *argv[] = { "hk_seccomp", NULL };
	struct count_rec rec;
	struct report r;
	snare_proc *p = NULL;
	char out[512];
	int code = -1;

	hook_count(s, SYS_getpid, &rec);
	so.stdio[1].kind = SNARE_STDIO_PIPE;
	so.seccomp_nrs = getpid_only;
	so.n_seccomp_nrs = 0;
	assert_int_equal(snare_spawn(&p, s, snare_test_tracee("hk_seccomp"),
				     argv, &so),
			 0);
	snare_test_run_to_end(s, 100);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	parse_report(&r, out);
	assert_int_equal(rec.enters, PIDS);
	assert_int_equal(r.getpid, snare_proc_pid(p));
	snare_test_session_free(state);
}

/* ---------------------------------------------------------------- */
/* Detach                                                           */
/* ---------------------------------------------------------------- */

/*
 * Detaching a filtered tracee is refused with SNARE_ESECCOMP, and the
 * tracee is still held; forced, it detaches and runs to completion on its
 * own, its filtered getpid failing with ENOSYS as snare.h warns.
 */
static void
test_seccomp_detach(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct count_rec rec;
	struct report r;
	snare_proc *p;
	char out[512];
	pid_t pid;
	int fd, status;

	hook_count(s, SYS_getpid, &rec);
	p = spawn_seccomp(s, 1);
	pid = snare_proc_pid(p);
	assert_int_equal(snare_proc_detach(p, 0), SNARE_ESECCOMP);
	assert_true(strlen(snare_errmsg(s)) > 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_STOPPED);
	assert_int_equal(snare_test_status_field(pid, "TracerPid"), getpid());

	fd = snare_proc_take_stdio_fd(p, 1);
	assert_true(fd >= 0);
	assert_int_equal(snare_proc_detach(p, 1), 0);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_DETACHED);
	snare_test_assert_detached(pid, 0);
	snare_test_read_all(fd, out, sizeof(out));
	close(fd);
	parse_report(&r, out);
	assert_int_equal(r.getppid_ok, LOOPS);
	assert_int_equal(r.getpid, -1);
	assert_string_equal(r.getpid_err, "ENOSYS");
	assert_int_equal(rec.enters, 0);
	/* The session leaves the detached child alone; reap it ourselves. */
	snare_test_session_free(state);
	status = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---------------------------------------------------------------- */
/* Forks                                                            */
/* ---------------------------------------------------------------- */

struct pid_rec {
	pid_t pids[128];
	size_t npids;
	int calls, wrong, overflow;
};

static int
getpid_exit_record(snare_thread *t, snare_syscall *sc, void *user)
{
	struct pid_rec *rec = user;
	pid_t pid = snare_proc_pid(snare_thread_proc(t));
	size_t i;

	rec->calls++;
	if (sc->retval != pid)
		rec->wrong++;
	for (i = 0; i < rec->npids; i++)
		if (rec->pids[i] == pid)
			return SNARE_CONTINUE;
	if (rec->npids == 128)
		rec->overflow++;
	else
		rec->pids[rec->npids++] = pid;
	return SNARE_CONTINUE;
}

/*
 * Fork children inherit the filter and are followed: the getpid hook
 * (entry through the seccomp stop, exit through PTRACE_SYSCALL) fires in
 * all 51 processes of hk_forktree with each one's own pid.
 */
static void
test_seccomp_fork_children(void **state)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_session *s = snare_test_session(state, NULL);
	char *argv[] = { "hk_forktree", NULL };
	struct pid_rec *rec = calloc(1, sizeof(*rec));
	snare_proc *p = NULL;
	char out[256];
	int code = -1;

	assert_non_null(rec);
	ho.on_exit = getpid_exit_record;
	ho.user = rec;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getpid, &ho), 0);
	so.stdio[1].kind = SNARE_STDIO_PIPE;
	so.seccomp_nrs = getpid_only;
	so.n_seccomp_nrs = 1;
	assert_int_equal(snare_spawn(&p, s, snare_test_tracee("hk_forktree"),
				     argv, &so),
			 0);
	snare_test_run_to_end(s, 1000);
	assert_int_equal(snare_proc_exit_status(&code, NULL, NULL, p), 1);
	assert_int_equal(code, 0);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "tree 50\n");
	assert_int_equal(rec->overflow, 0);
	assert_int_equal(rec->wrong, 0);
	assert_int_equal(rec->calls, 51);
	assert_int_equal(rec->npids, 51);
	free(rec);
	snare_test_session_free(state);
}

/* The filter needs follow_forks: refused with -EINVAL, no child left. */
static void
test_seccomp_needs_follow_forks(void **state)
{
	snare_session_opts opts = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char *argv[] = { "hk_seccomp", NULL };
	snare_proc *p = (snare_proc *)&so;
	snare_session *s;

	opts.follow_forks = 0;
	s = snare_test_session(state, &opts);
	so.seccomp_nrs = getpid_only;
	so.n_seccomp_nrs = 1;
	assert_int_equal(snare_spawn(&p, s, snare_test_tracee("hk_seccomp"),
				     argv, &so),
			 -EINVAL);
	assert_true(strlen(snare_errmsg(s)) > 0);
	snare_test_assert_no_children();
	/* A bad syscall number in the list is refused too. */
	snare_test_session_free(state);
	s = snare_test_session(state, NULL);
	{
		static const int bad[] = { SYS_getpid, -3 };

		so.seccomp_nrs = bad;
		so.n_seccomp_nrs = 2;
		assert_int_equal(snare_spawn(&p, s,
					     snare_test_tracee("hk_seccomp"),
					     argv, &so),
				 -EINVAL);
	}
	snare_test_assert_no_children();
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_seccomp_fallback_sees_unfiltered),
		SNARE_TEST(test_seccomp_saves_stops),
		SNARE_TEST(test_seccomp_empty_filter),
		SNARE_TEST(test_seccomp_detach),
		SNARE_TEST(test_seccomp_fork_children),
		SNARE_TEST(test_seccomp_needs_follow_forks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
