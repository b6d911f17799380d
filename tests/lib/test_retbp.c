/* SPDX-License-Identifier: MIT */
/*
 * test_retbp.c: snare_thread_on_return(). The tracee (retbp_calls) has
 * functions whose results are known from their arguments. A breakpoint on
 * each function's entry registers a watch with a record of that frame
 * (its argument, its thread, its stack pointer); the watch's callback
 * checks that it fires in the thread that entered, at the frame's return
 * (rsp one slot above the entry's), with the value that frame computes:
 * every level of a recursion whose inner levels return to one address,
 * two threads inside one function at once, frames a longjmp abandoned
 * (dropped, never fired, and later frames in the same stack slot still
 * paired), a tail call (both watches fire at the one return when the call
 * was direct, the caller's is dropped when it went through a pointer),
 * functions that never return (exit, exec), a detach and a fork
 * child that returns through its parent's int3. Then SNARE_STOP from a
 * watch, and the return types and values of snare_symtab_return_type()
 * and snare_format_return().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* What the watches of one test saw. */
struct tally {
	long entered, fired, dropped, wrong;
	long pending, max_pending;
	char first_wrong[256];
	/* The expected value of a frame from its first argument. */
	long (*expect)(long arg, long arg2);
	snare_ret_fn ret_fn;
	int stop_on_return;     /* a watch returns SNARE_STOP */
	int stop_at_arg;        /* the entry with this arg returns SNARE_STOP */
};

/* One watched frame. */
struct frame {
	struct tally *tl;
	pid_t tid;
	uint64_t sp, ret;
	long arg, arg2;
};

static void
wrong(struct tally *tl, const char *fmt, ...)
{
	va_list ap;

	if (!tl->wrong++) {
		va_start(ap, fmt);
		vsnprintf(tl->first_wrong, sizeof(tl->first_wrong), fmt, ap);
		va_end(ap);
	}
}

static int
on_ret(snare_thread *t, void *user)
{
	struct frame *f = user;
	struct tally *tl = f->tl;
	uint64_t rax = 0, sp = 0, pc = 0;
	int action = SNARE_CONTINUE;

	tl->pending--;
	if (!t) {
		tl->dropped++;
		free(f);
		return SNARE_CONTINUE;
	}
	tl->fired++;
	snare_reg_get(&rax, t, "rax");
	snare_thread_sp(&sp, t);
	snare_thread_pc(&pc, t);
	if (snare_thread_tid(t) != f->tid)
		wrong(tl, "return of %d's frame fired in %d", (int)f->tid,
		      (int)snare_thread_tid(t));
	else if (sp != f->sp + 8 || pc != f->ret)
		wrong(tl, "arg %ld: fired at pc 0x%llx sp 0x%llx, frame 0x%llx sp 0x%llx",
		      f->arg, (unsigned long long)pc, (unsigned long long)sp,
		      (unsigned long long)f->ret, (unsigned long long)f->sp);
	else if (tl->expect && (long)rax != tl->expect(f->arg, f->arg2))
		wrong(tl, "arg %ld: returned %ld, want %ld", f->arg, (long)rax,
		      tl->expect(f->arg, f->arg2));
	if (tl->stop_on_return)
		action = SNARE_STOP;
	free(f);
	return action;
}

static int
on_entry(snare_thread *t, snare_bp *bp, void *user)
{
	struct tally *tl = user;
	struct frame *f = calloc(1, sizeof(*f));
	uint64_t a = 0, b = 0;
	int r;

	(void)bp;
	assert_non_null(f);
	snare_reg_get(&a, t, "rdi");
	snare_reg_get(&b, t, "rsi");
	f->tl = tl;
	f->tid = snare_thread_tid(t);
	f->arg = (long)a;
	f->arg2 = (long)b;
	snare_thread_sp(&f->sp, t);
	snare_mem_read(&f->ret, snare_thread_proc(t), f->sp, sizeof(f->ret));
	tl->entered++;
	r = snare_thread_on_return(t, tl->ret_fn ? tl->ret_fn : on_ret, f);
	if (r < 0) {
		wrong(tl, "on_return: %s", snare_strerror(r));
		free(f);
		return SNARE_CONTINUE;
	}
	if (++tl->pending > tl->max_pending)
		tl->max_pending = tl->pending;
	return tl->stop_at_arg >= 0 && f->arg == tl->stop_at_arg ? SNARE_STOP
								 : SNARE_CONTINUE;
}

static void
tally_init(struct tally *tl, long (*expect)(long, long))
{
	memset(tl, 0, sizeof(*tl));
	tl->expect = expect;
	tl->stop_at_arg = -1;
}

static void
watch(snare_proc *p, const char *fn, struct tally *tl)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s = snare_proc_session(p);
	int r;

	bo.on_hit = on_entry;
	bo.user = tl;
	r = snare_bp_add_at(NULL, p, fn, &bo);
	if (r != 0)
		fail_msg("breakpoint on %s: %s", fn, snare_errmsg(s));
}

static void
assert_tally(const struct tally *tl)
{
	if (tl->wrong)
		fail_msg("%ld wrong returns; first: %s", tl->wrong,
			 tl->first_wrong);
}

static long
sum_expect(long n, long unused)
{
	(void)unused;
	return n <= 0 ? 0 : n * (n + 1) / 2;
}

static void
test_recursion(void **state)
{
	static const char *const args[] = { "recurse", "20", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally tl;
	char out[256];
	snare_proc *p;

	tally_init(&tl, sum_expect);
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "sum_to", &tl);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, "sum_to(20) = 210\n");
	assert_tally(&tl);
	/* sum_to(20) down to sum_to(0): 21 frames, all pending at once. */
	assert_int_equal(tl.entered, 21);
	assert_int_equal(tl.fired, 21);
	assert_int_equal(tl.dropped, 0);
	assert_int_equal(tl.max_pending, 21);
	snare_test_session_free(state);
}

static long
work_expect(long k, long i)
{
	return k * 100000 + i;
}

static void
test_two_threads(void **state)
{
	static const char *const args[] = { "threads", "40", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally tl;
	char out[256];
	snare_proc *p;

	tally_init(&tl, work_expect);
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "work", &tl);
	snare_test_finish(s, p, 4, out, sizeof(out));
	/* sum of k*100000 + i for i < 40 */
	assert_non_null(strstr(out, "work 1: total 4000780\n"));
	assert_non_null(strstr(out, "work 2: total 8000780\n"));
	assert_tally(&tl);
	assert_int_equal(tl.entered, 80);
	assert_int_equal(tl.fired, 80);
	assert_int_equal(tl.dropped, 0);
	/* The barrier inside work(): both threads are in it at once. */
	assert_true(tl.max_pending >= 2);
	snare_test_session_free(state);
}

static long
returner_expect(long i, long unused)
{
	(void)unused;
	return i * 3;
}

static void
test_longjmp(void **state)
{
	static const char *const args[] = { "longjmp", "10", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally thrown, ret;
	char out[256];
	snare_proc *p;

	tally_init(&thrown, NULL);
	tally_init(&ret, returner_expect);
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "thrower", &thrown);
	watch(p, "returner", &ret);
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, "longjmp 10 returner 135\n");
	assert_tally(&ret);
	/* returner(i) is called from the place and the slot thrower(i)
	   left, and returns to the same address: its returns are its own,
	   with its own values, and never a thrower's. */
	assert_int_equal(ret.entered, 10);
	assert_int_equal(ret.fired, 10);
	assert_int_equal(ret.dropped, 0);
	/* No thrower frame ever returns: each is dropped, none fires (the
	   last one when the thread exits). */
	assert_int_equal(thrown.entered, 10);
	assert_int_equal(thrown.fired, 0);
	assert_int_equal(thrown.dropped, 10);
	assert_int_equal(thrown.pending, 0);
	/* Each dropped as soon as returner() took its slot, not at exit. */
	assert_int_equal(thrown.max_pending, 1);
	snare_test_session_free(state);
}

static long
inner_expect(long x, long unused)
{
	(void)unused;
	return 2 * x;
}

static long
outer_expect(long x, long unused)
{
	(void)unused;
	return 2 * (x + 1);
}

/*
 * tail_outer(i) jumps to tail_inner(i + 1) in its own frame: one return
 * for both. Called directly, both watches fire there (inner first);
 * called through a pointer, the call instruction does not say it was
 * tail_outer, and its watch is dropped at tail_inner's entry rather than
 * risk a value that is not its own.
 */
static void
test_tail_call(void **state)
{
	static const char *const args[] = { "tailcall", "6", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally outer, inner;
	char out[256];
	snare_proc *p;

	tally_init(&outer, outer_expect);
	tally_init(&inner, inner_expect);
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "tail_outer", &outer);
	watch(p, "tail_inner", &inner);
	snare_test_finish(s, p, 4, out, sizeof(out));
	/* 2 * sum(2 * (i + 1)) for i < 6 */
	assert_string_equal(out, "tailcall 6 = 84\n");
	assert_tally(&inner);
	assert_tally(&outer);
	assert_int_equal(inner.entered, 12);
	assert_int_equal(inner.fired, 12);
	assert_int_equal(outer.entered, 12);
	assert_int_equal(outer.fired, 6);
	assert_int_equal(outer.dropped, 6);
	snare_test_session_free(state);
}

static void
test_exit_and_exec_drop(void **state)
{
	static const char *const exit_args[] = { "exit", "3", NULL };
	static const char *const exec_args[] = { "exec", "/bin/true", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally tl;
	snare_proc *p;
	int code = -1, sig = -1;

	tally_init(&tl, NULL);
	p = snare_test_spawn_piped(s, "retbp_calls", exit_args, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "leave", &tl);
	snare_test_run_to_end(s, 4);
	assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, p), 1);
	assert_int_equal(code, 3);
	assert_int_equal(tl.entered, 1);
	assert_int_equal(tl.fired, 0);
	assert_int_equal(tl.dropped, 1);

	tally_init(&tl, NULL);
	p = snare_test_spawn_piped(s, "retbp_calls", exec_args, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "exec_it", &tl);
	snare_test_run_to_end(s, 4);
	assert_int_equal(snare_proc_exit_status(&code, &sig, NULL, p), 1);
	assert_int_equal(code, 0);
	assert_int_equal(sig, 0);
	assert_int_equal(tl.entered, 1);
	assert_int_equal(tl.fired, 0);
	assert_int_equal(tl.dropped, 1);
	snare_test_session_free(state);
}

/*
 * Detach with six frames pending: each is dropped, and the program, whose
 * return addresses held our int3s, runs to its end untraced.
 */
static void
test_detach_drops(void **state)
{
	static const char *const args[] = { "recurse", "5", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally tl;
	snare_event ev;
	char out[256];
	snare_proc *p;
	pid_t pid;
	int fd, st;

	tally_init(&tl, sum_expect);
	tl.stop_at_arg = 0;
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "sum_to", &tl);
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	assert_int_equal(tl.pending, 6);
	pid = snare_proc_pid(p);
	fd = snare_proc_take_stdio_fd(p, 1);
	assert_int_equal(snare_proc_detach(p, 0), 0);
	assert_int_equal(tl.dropped, 6);
	assert_int_equal(tl.fired, 0);
	snare_test_session_free(state);
	st = snare_test_wait_exit(pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	snare_test_read_all(fd, out, sizeof(out));
	close(fd);
	assert_string_equal(out, "sum_to(5) = 15\n");
}

static long
forker_expect(long unused, long unused2)
{
	(void)unused;
	(void)unused2;
	return 0; /* checked by the test: the child's pid */
}

static int
forker_ret(snare_thread *t, void *user)
{
	struct frame *f = user;
	uint64_t rax = 0;

	if (t) {
		snare_reg_get(&rax, t, "rax");
		f->tl->fired++;
		/* The parent's fork() result: its child's pid. */
		f->tl->wrong += (long)rax <= 0;
		if (snare_thread_tid(t) != f->tid)
			f->tl->wrong++;
	} else {
		f->tl->dropped++;
	}
	f->tl->pending--;
	free(f);
	return SNARE_CONTINUE;
}

/*
 * A watched function forks: the child's memory has the int3 at the return
 * address, and the child returns through it. Followed or not, the child
 * must come back from forker() and exit as it wants; only the parent's
 * watch fires.
 */
static void
check_fork(void **state, int follow)
{
	static const char *const args[] = { "fork", NULL };
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_session *s;
	struct tally tl;
	char out[256];
	snare_proc *p;

	so.follow_forks = follow;
	s = snare_test_session(state, &so);
	tally_init(&tl, forker_expect);
	tl.ret_fn = forker_ret;
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "forker", &tl);
	snare_test_finish(s, p, 8, out, sizeof(out));
	assert_non_null(strstr(out, "child back\n"));
	assert_non_null(strstr(out, "parent back 7\n"));
	assert_int_equal(tl.entered, 1);
	assert_int_equal(tl.fired, 1);
	assert_int_equal(tl.wrong, 0);
	snare_test_session_free(state);
}

static void
test_fork_followed(void **state)
{
	check_fork(state, 1);
}

static void
test_fork_not_followed(void **state)
{
	check_fork(state, 0);
}

/* SNARE_STOP from a watch: snare_run() returns SNARE_EV_RETURN there. */
static void
test_stop_at_return(void **state)
{
	static const char *const args[] = { "recurse", "3", NULL };
	snare_session *s = snare_test_session(state, NULL);
	struct tally tl;
	snare_event ev;
	char out[256];
	snare_proc *p;
	int returns = 0;

	tally_init(&tl, sum_expect);
	tl.stop_on_return = 1;
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	watch(p, "sum_to", &tl);
	for (;;) {
		assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
		if (ev.kind == SNARE_EV_ALL_EXITED)
			break;
		assert_int_equal(ev.kind, SNARE_EV_RETURN);
		assert_non_null(ev.thread);
		assert_int_equal(ev.pc, snare_test_reg(ev.thread, "pc"));
		/* The value of the level that returned: 0, 1, 3, 6. */
		assert_int_equal(snare_test_reg(ev.thread, "rax"),
				 sum_expect(returns, 0));
		returns++;
	}
	assert_int_equal(returns, 4);
	snare_test_read_all(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "sum_to(3) = 6\n");
	assert_tally(&tl);
	snare_test_session_free(state);
}

/* What snare_format_return() makes of each return of the "strings" run. */
struct shown {
	snare_param type;
	int have_type;
	char text[5][64];
	int n;
};

static int
show_ret(snare_thread *t, void *user)
{
	struct shown *sh = user;

	if (t && sh->n < 5)
		snare_format_return(sh->text[sh->n++], sizeof(sh->text[0]), t,
				    sh->have_type ? &sh->type : NULL, NULL);
	return SNARE_CONTINUE;
}

static int
show_entry(snare_thread *t, snare_bp *bp, void *user)
{
	struct shown *sh = user;

	if (!sh->have_type)
		sh->have_type = snare_symtab_return_type(
					&sh->type,
					snare_proc_symtab(snare_thread_proc(t)),
					snare_bp_addr(bp)) == 0;
	assert_int_equal(snare_thread_on_return(t, show_ret, sh), 0);
	return SNARE_CONTINUE;
}

static void
test_return_values(void **state)
{
	static const char *const args[] = { "strings", "3", NULL };
	static const char *const fns[] = { "dup_upper", "nothing", "half",
					   "negate" };
	static const char *const types[] = { "char *", "void", "double",
					     "int" };
	static const int kinds[] = { SNARE_PARAM_STR, SNARE_PARAM_VOID,
				     SNARE_PARAM_FLOAT, SNARE_PARAM_INT };
	static const char *const want[][3] = {
		{ "\"SNARE\"", "\"SNARE\"", "\"SNARE\"" },
		{ "<void>", "<void>", "<void>" },
		{ "0", "0.5", "1" },
		{ "-1", "-2", "-3" },
	};
	snare_session *s = snare_test_session(state, NULL);
	struct shown sh[4];
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	char out[256];
	snare_proc *p;
	int i, j;

	memset(sh, 0, sizeof(sh));
	p = snare_test_spawn_piped(s, "retbp_calls", args, SNARE_TEST_PIPE_OUT,
				   SNARE_SPAWN_STOP_ENTRY);
	bo.on_hit = show_entry;
	for (i = 0; i < 4; i++) {
		bo.user = &sh[i];
		assert_int_equal(snare_bp_add_at(NULL, p, fns[i], &bo), 0);
	}
	snare_test_finish(s, p, 4, out, sizeof(out));
	assert_string_equal(out, "strings 3\n");
	for (i = 0; i < 4; i++) {
		assert_true(sh[i].have_type);
		assert_string_equal(sh[i].type.type, types[i]);
		assert_int_equal(sh[i].type.kind, kinds[i]);
		assert_int_equal(sh[i].n, 3);
		for (j = 0; j < 3; j++)
			assert_string_equal(sh[i].text[j], want[i][j]);
	}
	snare_test_session_free(state);
}

/*
 * Where the DWARF does not describe the parameters, snare_symtab_params()
 * says so (-ENOENT) rather than "no parameters": glibc's kill, written in
 * assembly, and a C function defined without a prototype. The latter's
 * return type is still known.
 */
static void
test_undescribed_params(void **state)
{
	static const char *const args[] = { "recurse", "1", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_param pa[8], rt;
	snare_symtab *st;
	uint64_t a;
	snare_proc *p;
	int va;

	p = snare_test_spawn_piped(s, "retbp_calls", args, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	st = snare_proc_symtab(p);
	assert_non_null(st);
	assert_int_equal(snare_symtab_resolve(&a, st, "sum_to"), 0);
	assert_int_equal(snare_symtab_params(pa, 8, &va, st, a), 1);
	/* "long int" (gcc) or "long" (clang) */
	assert_int_equal(pa[0].kind, SNARE_PARAM_INT);
	assert_int_equal(pa[0].size, 8);
	assert_int_equal(snare_symtab_resolve(&a, st, "old_style"), 0);
	assert_int_equal(snare_symtab_params(pa, 8, &va, st, a), -ENOENT);
	assert_non_null(strstr(snare_symtab_errmsg(st), "prototype"));
	assert_int_equal(snare_symtab_return_type(&rt, st, a), 0);
	assert_string_equal(rt.type, "int");
	assert_int_equal(rt.kind, SNARE_PARAM_INT);
	/* glibc's kill is a syscall stub in assembly (with libc6-dbg its
	   compile unit is an assembler one; without, no debug info). */
	assert_int_equal(snare_symtab_resolve(&a, st, "libc.so.6:kill"), 0);
	assert_int_equal(snare_symtab_params(pa, 8, &va, st, a), -ENOENT);
	assert_int_equal(snare_symtab_return_type(&rt, st, a), -ENOENT);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_session_free(state);
}

/* Bad calls: NULL, a running thread, a thread not at a function entry. */
static void
test_bad_calls(void **state)
{
	static const char *const args[] = { "recurse", "1", NULL };
	snare_session *s = snare_test_session(state, NULL);
	snare_thread *t;
	snare_proc *p;
	uint64_t sp;

	p = snare_test_spawn_piped(s, "retbp_calls", args, 0,
				   SNARE_SPAWN_STOP_ENTRY);
	assert_int_equal(snare_proc_threads(&t, 1, p), 1);
	assert_int_equal(snare_thread_on_return(NULL, on_ret, NULL), -EINVAL);
	assert_int_equal(snare_thread_on_return(t, NULL, NULL), -EINVAL);
	/* At the entry point [rsp] is argc, not a return address. */
	assert_int_equal(snare_thread_sp(&sp, t), 0);
	assert_int_equal(snare_thread_on_return(t, on_ret, NULL), -EFAULT);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_recursion),
		SNARE_TEST(test_two_threads),
		SNARE_TEST(test_longjmp),
		SNARE_TEST(test_tail_call),
		SNARE_TEST(test_exit_and_exec_drop),
		SNARE_TEST(test_detach_drops),
		SNARE_TEST(test_fork_followed),
		SNARE_TEST(test_fork_not_followed),
		SNARE_TEST(test_stop_at_return),
		SNARE_TEST(test_return_values),
		SNARE_TEST(test_undescribed_params),
		SNARE_TEST(test_bad_calls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
