/* SPDX-License-Identifier: MIT */
/*
 * test_call.c: snare_thread_call() and friends on the fcall tracee.
 * Arguments in registers and on the stack (integers, doubles, floats, a
 * string in and out), the program's own printf, a breakpoint inside the
 * called function (continued, abandoned, gone through), a fault, a
 * function that never returns (timeout), a call from a breakpoint
 * callback, calls at a single-step stop, at an interrupt stop and at the
 * syscall-entry stop of a blocking read() and at the signal-delivery-stop
 * of a signal that interrupted it (the read completes afterwards), a
 * detach with a call pending, a function that exits, other threads that
 * must not run, and libc's strlen resolver
 * compared with what snare_symtab_ifunc() reads. After every call the
 * thread's general registers and FP/vector state are compared with
 * before, and the program's own output (its FP values, the read) with
 * what it prints untraced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define CALL_OPTS(fl, tmo) \
	((snare_call_opts){ SNARE_CALL_OPTS_VERSION, (fl), (tmo), 0 })

/* What must not change across a call. */
struct snap {
	snare_regs regs;
	uint8_t xstate[4][64]; /* zmm0-3 or ymm0-3 or xmm0-3 */
	size_t vlen;
	snare_fpregs fp;
};

static void
snap_take(struct snap *sn, snare_thread *t)
{
	static const char *const names[3][4] = {
		{ "zmm0", "zmm1", "zmm2", "zmm15" },
		{ "ymm0", "ymm1", "ymm2", "ymm15" },
		{ "xmm0", "xmm1", "xmm2", "xmm15" },
	};
	int i, k, r = -1;

	memset(sn, 0, sizeof(*sn));
	assert_int_equal(snare_regs_get(&sn->regs, t), 0);
	assert_int_equal(snare_fpregs_get(&sn->fp, t), 0);
	for (k = 0; k < 3; k++) {
		r = snare_vreg_get(sn->xstate[0], 64, t, names[k][0]);
		if (r > 0)
			break;
	}
	assert_true(r > 0);
	sn->vlen = (size_t)r;
	for (i = 1; i < 4; i++)
		assert_int_equal(snare_vreg_get(sn->xstate[i], 64, t, names[k][i]), r);
}

static void
snap_same(const struct snap *a, snare_thread *t)
{
	struct snap b;

	snap_take(&b, t);
	assert_memory_equal(&a->regs, &b.regs, sizeof(a->regs));
	assert_memory_equal(&a->fp, &b.fp, sizeof(a->fp));
	assert_int_equal(a->vlen, b.vlen);
	assert_memory_equal(a->xstate, b.xstate, sizeof(a->xstate));
}

static void
call_ok(snare_call_result *res, snare_thread *t, const char *fn,
	const snare_call_arg *args, size_t n, const snare_call_opts *o)
{
	snare_session *s = snare_proc_session(snare_thread_proc(t));
	int r = snare_thread_call_at(res, t, fn, args, n, o);

	if (r != 0)
		fail_msg("call %s: %s (%s)", fn, snare_strerror(r), snare_errmsg(s));
}

static snare_proc *
spawn_fcall(snare_session *s)
{
	return snare_test_spawn_piped(s, "fcall", NULL,
				      SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
				      SNARE_SPAWN_STOP_EXEC);
}

/* Run p to a stopping breakpoint at stop_here; its thread. */
static snare_thread *
run_to_stop_here(snare_session *s, snare_proc *p, snare_bp **bpp)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_event ev;
	snare_bp *bp;

	assert_int_equal(snare_bp_add_at(&bp, p, "stop_here", &bo), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(ev.bp, bp);
	if (bpp)
		*bpp = bp;
	else
		assert_int_equal(snare_bp_remove(bp), 0);
	return ev.thread;
}

/* Feed the read, run to the end, check the program's output. */
static void
finish_fcall(snare_session *s, snare_proc *p, const char *usr1)
{
	char out[512], want[256];

	snare_test_write_str(snare_proc_stdio_fd(p, 0), "hello\n");
	snare_test_finish(s, p, 8, out, sizeof(out));
	snprintf(want, sizeof(want), "read 6 hello\nfp 6.75 2.62 usr1 %s\n", usr1);
	if (!strstr(out, want))
		fail_msg("output '%s', wanted '%s'", out, want);
}

static void
test_call_args(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_call_result res;
	struct snap before;
	char outbuf[32], line[128];
	snare_call_arg a6[6], a8[8], mix[12], up[2], say[1], h[1];
	int i;

	snap_take(&before, t);
	for (i = 0; i < 6; i++)
		a6[i] = SNARE_CALL_INT(i + 1);
	call_ok(&res, t, "add6", a6, 6, NULL);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal(res.pending, 0);
	assert_int_equal((int)res.rax, 1 + 4 + 9 + 16 + 25 + 36);
	snap_same(&before, t);

	for (i = 0; i < 8; i++)
		a8[i] = SNARE_CALL_INT(-(long)(i + 1) * 1000000000L);
	call_ok(&res, t, "sum8", a8, 8, NULL);
	assert_int_equal((int64_t)res.rax, -204 * 1000000000L);
	snap_same(&before, t);

	/* a, b, i, c, d, e, f, g, h, x, y, j: x and y on the stack. */
	mix[0] = SNARE_CALL_DOUBLE(0.5);
	mix[1] = SNARE_CALL_FLOAT(0.25f);
	mix[2] = SNARE_CALL_INT(-3);
	mix[3] = SNARE_CALL_DOUBLE(1.0);
	mix[4] = SNARE_CALL_FLOAT(2.0f);
	mix[5] = SNARE_CALL_DOUBLE(3.0);
	mix[6] = SNARE_CALL_FLOAT(4.0f);
	mix[7] = SNARE_CALL_DOUBLE(5.0);
	mix[8] = SNARE_CALL_FLOAT(6.0f);
	mix[9] = SNARE_CALL_DOUBLE(7.0);
	mix[10] = SNARE_CALL_FLOAT(8.0f);
	mix[11] = SNARE_CALL_INT(2);
	call_ok(&res, t, "mix", mix, 12, NULL);
	assert_true(res.d == 0.5 + 0.5 + 3 + 8 + 15 + 24 + 35 + 48 + 63 + 80 -
				    300 + 2000);
	snap_same(&before, t);

	h[0] = SNARE_CALL_FLOAT(5.0f);
	call_ok(&res, t, "halve", h, 1, NULL);
	assert_true(res.f == 2.5f);

	/* A string in, a buffer out. */
	memset(outbuf, 'x', sizeof(outbuf));
	up[0] = SNARE_CALL_STR("snare, Calls!");
	up[1] = SNARE_CALL_BUF(NULL, outbuf, sizeof(outbuf));
	call_ok(&res, t, "upcase", up, 2, NULL);
	assert_int_equal((int)res.rax, 13);
	assert_string_equal(outbuf, "SNARE, CALLS!");
	snap_same(&before, t);

	/* The program's printf (variadic: al is set), its output seen. */
	say[0] = SNARE_CALL_STR("from the tracer");
	call_ok(&res, t, "say", say, 1, NULL);
	assert_int_equal((int)res.rax, 7);
	snare_test_read_line(snare_proc_stdio_fd(p, 1), line, sizeof(line));
	assert_string_equal(line, "say:from the tracer");
	call_ok(&res, t, "libc.so.6:puts", say, 1, NULL);
	assert_true((int)res.rax >= 0);
	h[0] = SNARE_CALL_INT(0); /* stdout is a pipe: flush it */
	call_ok(&res, t, "fflush", h, 1, NULL);
	assert_int_equal(res.rax, 0);
	snare_test_read_line(snare_proc_stdio_fd(p, 1), line, sizeof(line));
	assert_string_equal(line, "from the tracer");
	snap_same(&before, t);

	/* Bad input. */
	assert_int_equal(snare_thread_call(&res, t, 0x1000, NULL, 1, NULL), -EINVAL);
	{
		snare_call_opts bad = CALL_OPTS(0, 0);

		bad.version = 99;
		assert_int_equal(snare_thread_call_at(&res, t, "add6", a6, 6, &bad), -EINVAL);
	}
	assert_int_equal(snare_thread_call_at(&res, t, "no_such_fn", NULL, 0, NULL), -ENOENT);
	assert_int_equal(snare_call_abandon(t), -ENOENT);
	assert_int_equal(snare_thread_call(&res, t, 0x1000, a6, 5000, NULL), -EINVAL);
	snap_same(&before, t);

	/* At a single-step stop. */
	assert_int_equal(snare_thread_step(t), 0);
	snap_take(&before, t);
	call_ok(&res, t, "add6", a6, 6, NULL);
	assert_int_equal((int)res.rax, 91);
	snap_same(&before, t);
	finish_fcall(s, p, "0");
}

/* A breakpoint inside the called function stops the call. */
static void
test_call_breakpoint(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_call_opts through = CALL_OPTS(SNARE_CALL_THROUGH_BREAKPOINTS, 0);
	snare_call_opts unwind = CALL_OPTS(SNARE_CALL_UNWIND, 0);
	snare_call_arg a[1] = { SNARE_CALL_INT(5) };
	snare_call_result res;
	struct snap before;
	uint64_t inner_addr, pc;
	snare_bp *bp;

	snap_take(&before, t);
	assert_int_equal(snare_bp_add_at(&bp, p, "inner", &bo), 0);
	inner_addr = snare_bp_addr(bp);

	/* Stops there, continued to its return. */
	call_ok(&res, t, "outer", a, 1, NULL);
	assert_int_equal(res.status, SNARE_CALL_BREAKPOINT);
	assert_int_equal(res.pending, 1);
	assert_int_equal(res.event_kind, SNARE_EV_BREAKPOINT);
	assert_ptr_equal(res.bp, bp);
	assert_int_equal(res.pc, inner_addr);
	assert_int_equal(snare_thread_pc(&pc, t), 0);
	assert_int_equal(pc, inner_addr);
	assert_int_equal(snare_bp_hits(bp), 1);
	assert_int_equal(snare_call_continue(&res, t, NULL), 0);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal((int)res.rax, 16);
	snap_same(&before, t);

	/* Stops there, abandoned. */
	call_ok(&res, t, "outer", a, 1, NULL);
	assert_int_equal(res.status, SNARE_CALL_BREAKPOINT);
	assert_int_equal(snare_bp_hits(bp), 2);
	assert_int_equal(snare_call_abandon(t), 0);
	snap_same(&before, t);
	assert_int_equal(snare_call_abandon(t), -ENOENT);

	/* Abandoned at once. */
	call_ok(&res, t, "outer", a, 1, &unwind);
	assert_int_equal(res.status, SNARE_CALL_BREAKPOINT);
	assert_int_equal(res.pending, 0);
	assert_int_equal(snare_bp_hits(bp), 3);
	snap_same(&before, t);

	/* Gone through: the hit counts, the call returns. */
	call_ok(&res, t, "outer", a, 1, &through);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal((int)res.rax, 16);
	assert_int_equal(snare_bp_hits(bp), 4);
	snap_same(&before, t);

	/* A pending call left to snare_run(): its return is silent, the
	   thread restored (the program's output is as untraced). */
	call_ok(&res, t, "outer", a, 1, NULL);
	assert_int_equal(res.pending, 1);
	assert_int_equal(snare_bp_remove(bp), 0);
	finish_fcall(s, p, "0");
}

/*
 * Detach with a call pending (stopped on a breakpoint in the function):
 * the call is abandoned, and the program runs on untraced as if it never
 * ran, its FP values and its read intact.
 */
static void
test_call_detach_pending(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_call_arg a[1] = { SNARE_CALL_INT(5) };
	snare_call_result res;
	char out[256];
	snare_bp *bp;
	pid_t pid = snare_proc_pid(p);
	int in, fd, st;

	assert_int_equal(snare_bp_add_at(&bp, p, "inner", &bo), 0);
	call_ok(&res, t, "outer", a, 1, NULL);
	assert_int_equal(res.status, SNARE_CALL_BREAKPOINT);
	assert_int_equal(res.pending, 1);
	in = snare_proc_take_stdio_fd(p, 0);
	fd = snare_proc_take_stdio_fd(p, 1);
	assert_int_equal(snare_proc_detach(p, 0), 0);
	snare_test_session_free(state);
	snare_test_write_str(in, "hello\n");
	close(in);
	st = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	snare_test_read_all(fd, out, sizeof(out));
	close(fd);
	assert_string_equal(out, "ready\nread 6 hello\nfp 6.75 2.62 usr1 0\n");
}

/* A fault in the function, and one that never returns. */
static void
test_call_fault_timeout(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_call_opts tmo = CALL_OPTS(0, 200);
	snare_call_arg a[1] = { SNARE_CALL_INT(8) };
	snare_call_result res;
	struct snap before;
	uint64_t crash_at, spin_at;

	snap_take(&before, t);
	assert_int_equal(snare_symtab_resolve(&crash_at, snare_proc_symtab(p), "crash"), 0);
	assert_int_equal(snare_symtab_resolve(&spin_at, snare_proc_symtab(p), "spin"), 0);
	call_ok(&res, t, "crash", a, 1, NULL);
	assert_int_equal(res.status, SNARE_CALL_SIGNAL);
	assert_int_equal(res.signo, SIGSEGV);
	assert_int_equal(res.siginfo.addr, 8);
	assert_true(res.pc >= crash_at && res.pc < crash_at + 16);
	assert_int_equal(res.pending, 0);
	snap_same(&before, t);

	call_ok(&res, t, "spin", NULL, 0, &tmo);
	assert_int_equal(res.status, SNARE_CALL_TIMEOUT);
	assert_true(res.pc >= spin_at && res.pc < spin_at + 32);
	snap_same(&before, t);
	/* The program goes on (no SIGSEGV delivered, no spin). */
	finish_fcall(s, p, "0");
}

/* Other threads stay stopped during a call. */
static void
test_call_other_threads_stay(void **state)
{
	static const char *const args[] = { "thread", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = snare_test_spawn_piped(s, "fcall", args,
					       SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
					       SNARE_SPAWN_STOP_EXEC);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_call_opts tmo = CALL_OPTS(0, 100);
	snare_call_result res;
	uint64_t counter, before, after;

	assert_int_equal(snare_symtab_resolve(&counter, snare_proc_symtab(p), "g_worker"), 0);
	before = snare_test_mem64(p, counter);
	assert_true(before > 0);
	call_ok(&res, t, "spin", NULL, 0, &tmo);
	assert_int_equal(res.status, SNARE_CALL_TIMEOUT);
	after = snare_test_mem64(p, counter);
	assert_int_equal(before, after);
	finish_fcall(s, p, "0");
}

/* The function exits the program: the call fails, the exit is reported. */
static void
test_call_exit(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_call_arg a[1] = { SNARE_CALL_INT(3) };
	snare_call_result res;
	int code, signo, core;

	assert_int_equal(snare_thread_call_at(&res, t, "_exit", a, 1, NULL),
			 SNARE_EEXITED);
	assert_int_equal(res.pending, 0);
	snare_test_run_to_end(s, 8);
	assert_int_equal(snare_proc_state(p), SNARE_PROC_EXITED);
	assert_int_equal(snare_proc_exit_status(&code, &signo, &core, p), 1);
	assert_int_equal(code, 3);
	assert_int_equal(signo, 0);
}

struct cb_ctx {
	int entries;           /* call_at_read: entries of the read of stdin */
	int calls;
	uint64_t rax;
	int err;
};

static int
call_from_cb(snare_thread *t, snare_bp *bp, void *user)
{
	struct cb_ctx *c = user;
	snare_call_arg a[6];
	snare_call_result res;
	int i;

	(void)bp;
	for (i = 0; i < 6; i++)
		a[i] = SNARE_CALL_INT(10 * (c->calls + 1));
	c->err = snare_thread_call_at(&res, t, "add6", a, 6, NULL);
	if (c->err == 0 && res.status == SNARE_CALL_RETURNED)
		c->rax += res.rax;
	c->calls++;
	return SNARE_CONTINUE;
}

static void
test_call_from_callback(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	struct cb_ctx c = { 0, 0, 0, 0 };
	snare_bp *bp;

	bo.on_hit = call_from_cb;
	bo.user = &c;
	assert_int_equal(snare_bp_add_at(&bp, p, "stop_here", &bo), 0);
	finish_fcall(s, p, "0");
	assert_int_equal(c.err, 0);
	assert_int_equal(c.calls, 2);
	assert_int_equal(c.rax, 21 * 10 + 21 * 20);
}

/* At the interrupt stop of a blocking read(): -ERESTARTSYS kept. */
static void
test_call_in_blocking_read(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_call_arg a[6];
	snare_call_result res;
	struct snap before;
	snare_thread *t;
	char line[64];
	int i;

	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line, sizeof(line));
	assert_string_equal(line, "ready");
	t = snare_proc_thread(p, snare_proc_pid(p));
	/* Wait until it is in the read: the interrupt may come first. */
	snap_take(&before, t);
	if (before.regs.orig_rax != 0 || (int64_t)before.regs.rax != -512) {
		/* Not blocked yet: let it get there. */
		snare_event ev;
		snare_hook *hk;
		snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;

		assert_int_equal(snare_hook_syscall(&hk, s, 0, &ho), 0);
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
		assert_int_equal(snare_hook_remove(hk), 0);
		snap_take(&before, t);
	}
	for (i = 0; i < 6; i++)
		a[i] = SNARE_CALL_INT(1);
	call_ok(&res, t, "add6", a, 6, NULL);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal((int)res.rax, 21);
	snap_same(&before, t);
	finish_fcall(s, p, "0");
}

static int
call_at_read(snare_thread *t, snare_syscall *sc, void *user)
{
	struct cb_ctx *c = user;
	snare_call_arg a[6];
	snare_call_result res;
	snare_regs r0, r1;
	int i;

	if (sc->nr != 0 || sc->args[0] != 0)
		return SNARE_CONTINUE;
	if (c->entries++)
		return SNARE_CONTINUE;

	for (i = 0; i < 6; i++)
		a[i] = SNARE_CALL_INT(2);
	snare_regs_get(&r0, t);
	c->err = snare_thread_call_at(&res, t, "add6", a, 6, NULL);
	snare_regs_get(&r1, t);
	if (c->err == 0 && memcmp(&r0, &r1, sizeof(r0)) != 0)
		c->err = -1000;
	if (c->err == 0 && res.status == SNARE_CALL_RETURNED)
		c->rax += res.rax;
	c->calls++;
	return SNARE_STOP;
}

/*
 * At the syscall-entry stop of the read() of stdin, from the hook's
 * callback and after it returned control: the read runs afterwards,
 * entered once (not reported again).
 */
static void
test_call_at_syscall_entry(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	struct cb_ctx c = { 0, 0, 0, 0 };
	snare_call_arg a[1] = { SNARE_CALL_INT(21) };
	snare_call_result res;
	struct snap before;
	snare_hook *hk;
	snare_event ev;

	ho.on_enter = call_at_read;
	ho.user = &c;
	assert_int_equal(snare_hook_syscall(&hk, s, 0, &ho), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(c.err, 0);
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.rax, 42);
	snap_take(&before, ev.thread);
	assert_int_equal(before.regs.orig_rax, 0);
	call_ok(&res, ev.thread, "outer", a, 1, NULL);
	assert_int_equal(res.rax, 64);
	snap_same(&before, ev.thread);
	finish_fcall(s, p, "0");
	assert_int_equal(c.entries, 1); /* not reported again */
}

/*
 * At the signal-delivery-stop of a SIGUSR1 that interrupted the blocking
 * read(): the read's -ERESTARTSYS is kept, the signal is delivered after
 * the call (its SA_RESTART handler runs) and the read restarts.
 */
static void
test_call_at_signal_stop(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_sighook_opts so = SNARE_SIGHOOK_OPTS_INIT;
	snare_hook_opts stop = SNARE_HOOK_OPTS_INIT;
	snare_call_arg a[6];
	snare_call_result res;
	struct snap before;
	snare_sighook *sh;
	snare_hook *hk;
	snare_event ev;
	char line[64];
	int i;

	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), line, sizeof(line));
	/* Stop it at the entry of the read of stdin; the signal sent now
	   interrupts the read as soon as it starts. */
	assert_int_equal(snare_hook_syscall(&hk, s, 0, &stop), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(snare_hook_remove(hk), 0);
	assert_int_equal(snare_hook_signal(&sh, s, SIGUSR1, &so), 0);
	assert_int_equal(kill(snare_proc_pid(p), SIGUSR1), 0);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SIGNAL);
	assert_int_equal(ev.signo, SIGUSR1);
	snap_take(&before, ev.thread);
	assert_int_equal((int64_t)before.regs.rax, -512); /* ERESTARTSYS */
	assert_int_equal(before.regs.orig_rax, 0);
	for (i = 0; i < 6; i++)
		a[i] = SNARE_CALL_INT(3);
	call_ok(&res, ev.thread, "add6", a, 6, NULL);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal(res.rax, 63);
	snap_same(&before, ev.thread);
	assert_int_equal(snare_thread_signal(ev.thread), SIGUSR1);
	finish_fcall(s, p, "1");
	assert_int_equal(snare_sighook_hits(sh), 1);
}

/* libc's strlen: its resolver's choice is the implementation in use. */
static void
test_call_ifunc(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_proc *p = spawn_fcall(s);
	snare_thread *t = run_to_stop_here(s, p, NULL);
	snare_call_arg a[1] = { SNARE_CALL_STR("twelve chars") };
	snare_call_result res;
	uint64_t impl, resolver;
	int r;

	r = snare_symtab_ifunc(&impl, &resolver, snare_proc_symtab(p),
			       "libc.so.6:strlen");
	assert_true(r >= 0);
	if (r == 0)
		skip(); /* strlen is no indirect function in this libc */
	assert_int_not_equal(impl, 0);
	assert_int_equal(snare_thread_call(&res, t, resolver, NULL, 0, NULL), 0);
	assert_int_equal(res.status, SNARE_CALL_RETURNED);
	assert_int_equal(res.rax, impl);
	call_ok(&res, t, "strlen", a, 1, NULL);
	assert_int_equal(res.rax, 12);
	finish_fcall(s, p, "0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_call_args),
		SNARE_TEST(test_call_breakpoint),
		SNARE_TEST(test_call_detach_pending),
		SNARE_TEST(test_call_fault_timeout),
		SNARE_TEST(test_call_other_threads_stay),
		SNARE_TEST(test_call_exit),
		SNARE_TEST(test_call_from_callback),
		SNARE_TEST(test_call_in_blocking_read),
		SNARE_TEST(test_call_at_syscall_entry),
		SNARE_TEST(test_call_at_signal_stop),
		SNARE_TEST(test_call_ifunc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
