/* SPDX-License-Identifier: MIT */
/*
 * test_step.c: snare_thread_step(), _step_until(), _next() and _finish().
 * The tracee (bp_asm) runs hand-written assembly, so the length of every
 * instruction a step crosses is known: a step from a breakpoint stop must
 * land exactly one instruction further, with the instruction's effect on
 * the registers and the stack (a call pushed its return address, a jcc went
 * the right way, a ret popped). A `syscall` instruction stepped over has
 * run (its write is in the pipe), step_until stops at its address or gives
 * -ETIME, next runs a callee once (its counter in tracee memory) and finish
 * from the innermost level of a recursion returns to the level above, not
 * further.
 *
 * The tracee prints its addresses, waits for "go", works, prints its
 * result and waits for "end"; its output is compared with an untraced run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bp_helpers.h"
#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Helpers                                                          */
/* ---------------------------------------------------------------- */

static void
step_ok(snare_thread *t)
{
	snare_session *s = snare_proc_session(snare_thread_proc(t));
	int rc = snare_thread_step(t);

	if (rc != 0)
		fail_msg("snare_thread_step: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
}

/* ---------------------------------------------------------------- */
/* Instructions under a breakpoint, one step each                   */
/* ---------------------------------------------------------------- */

/*
 * One step over the call instruction of length len at marker name: the
 * callee (ins_helper) runs next and finds its return address on the stack.
 */
static void
step_call(snare_session *s, snare_proc *p, const char *line,
	  const char *name, uint64_t len)
{
	uint64_t a = addr_of(line, name), rsp0;
	snare_bp *bp = add_stopping(p, a);
	snare_thread *t = run_to_bp(s, bp, a);

	rsp0 = snare_test_reg(t, "rsp");
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), addr_of(line, "ins_helper"));
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0 - 8);
	assert_int_equal(snare_test_mem64(p, rsp0 - 8), a + len);
	assert_int_equal(snare_bp_remove(bp), 0);
}

/*
 * bp_asm "insns 1" calls each ins_* function once: ins_push, ins_sub,
 * ins_endbr, ins_riprel, ins_call, ins_callind, ins_jmp, ins_jcc (with 0:
 * not taken) and ins_ret, in this order. A breakpoint on each; one step
 * from each stop.
 */
static void
check_step_from_bp(void **state, const char *name)
{
	static const char *const args[] = { "insns", "1", NULL };
	char want[512], out[512], line[1024];
	uint64_t a, rsp0, rbp0, ret;
	snare_session *s;
	snare_thread *t;
	snare_proc *p;
	snare_bp *bp;

	untraced_output(name, args, want, sizeof(want));
	s = snare_test_session(state, NULL);
	p = start_tracee(s, name, args, line, sizeof(line));
	go(p, "go\nend\n");

	/* push %rbp: 1 byte, rsp - 8, the old rbp on the stack. */
	a = addr_of(line, "ins_push");
	bp = add_stopping(p, a);
	t = run_to_bp(s, bp, a);
	rsp0 = snare_test_reg(t, "rsp");
	rbp0 = snare_test_reg(t, "rbp");
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 1);
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0 - 8);
	assert_int_equal(snare_test_mem64(p, rsp0 - 8), rbp0);
	assert_int_equal(snare_bp_remove(bp), 0);

	/* movl g_val(%rip),%eax: 6 bytes, eax = 1000. */
	a = addr_of(line, "ins_riprel");
	bp = add_stopping(p, a);
	t = run_to_bp(s, bp, a);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 6);
	assert_int_equal(snare_test_reg(t, "rax") & 0xffffffff, 1000);
	assert_int_equal(snare_bp_remove(bp), 0);

	/* call ins_helper: 5 bytes; call *g_fnptr(%rip): 6 bytes. */
	step_call(s, p, line, "ins_call", 5);
	step_call(s, p, line, "ins_callind", 6);

	/* jmp 1f (2 bytes) over ud2 (2 bytes). */
	a = addr_of(line, "ins_jmp");
	bp = add_stopping(p, a);
	t = run_to_bp(s, bp, a);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 4);
	assert_int_equal(snare_bp_remove(bp), 0);

	/* jnz 1f (2 bytes), not taken for an even argument. */
	a = addr_of(line, "ins_jcc_insn");
	bp = add_stopping(p, a);
	t = run_to_bp(s, bp, a);
	assert_int_equal(snare_test_reg(t, "rdi") & 1, 0);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 2);
	assert_int_equal(snare_bp_remove(bp), 0);

	/* ret: back at the return address, rsp + 8. */
	a = addr_of(line, "ins_ret");
	bp = add_stopping(p, a);
	t = run_to_bp(s, bp, a);
	rsp0 = snare_test_reg(t, "rsp");
	ret = snare_test_mem64(p, rsp0);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), ret);
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0 + 8);

	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, want);
	snare_test_session_free(state);
}

static void
test_step_from_bp_pie(void **state)
{
	check_step_from_bp(state, "bp_asm");
}

static void
test_step_from_bp_nopie(void **state)
{
	check_step_from_bp(state, "bp_asm-nopie");
}

/* ---------------------------------------------------------------- */
/* step, step_until, next, finish                                   */
/* ---------------------------------------------------------------- */

/*
 * bp_asm "step": st_seq (mov $1,%eax: 5 bytes; add $2,%eax: 3; nop: 1;
 * lea 3(%rax),%eax: 3), st_write (a write(1, "STEP!\n", 6) syscall),
 * st_next (call st_callee: 5 bytes), then rec(1), which recurses to depth
 * 5 and keeps the depth of the executing level in g_depth.
 */
static void
check_step_sequence(void **state, const char *name)
{
	static const char *const args[] = { "step", NULL };
	char want[512], out[512], line[1024];
	uint64_t a, sys, rsp0, ret, count, rsp_hit;
	snare_bp *bp_seq, *bp_write, *bp_next, *bp_rec;
	snare_session *s;
	snare_thread *t;
	snare_proc *p;
	int32_t depth;
	int rc, i;

	untraced_output(name, args, want, sizeof(want));
	assert_string_equal(want, "STEP!\nstep 6 6 9 1 0 15\n");
	s = snare_test_session(state, NULL);
	p = start_tracee(s, name, args, line, sizeof(line));
	bp_seq = add_stopping(p, addr_of(line, "st_seq"));
	bp_write = add_stopping(p, addr_of(line, "st_write"));
	bp_next = add_stopping(p, addr_of(line, "st_next"));
	bp_rec = add_stopping(p, addr_of(line, "rec"));
	go(p, "go\nend\n");

	/* One instruction per step, from the breakpoint and after it. */
	a = addr_of(line, "st_seq");
	t = run_to_bp(s, bp_seq, a);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 5);
	assert_int_equal(snare_test_reg(t, "rax") & 0xffffffff, 1);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 8);
	assert_int_equal(snare_test_reg(t, "rax") & 0xffffffff, 3);
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), a + 9);
	/* next over an instruction that is not a call is a step. */
	assert_int_equal(snare_thread_next(t), 0);
	assert_int_equal(snare_test_reg(t, "pc"), a + 12);
	assert_int_equal(snare_test_reg(t, "rax") & 0xffffffff, 6);

	/* step_until: -ETIME when too short, then the syscall stepped over. */
	a = addr_of(line, "st_write");
	sys = addr_of(line, "st_write_sys");
	t = run_to_bp(s, bp_write, a);
	rc = snare_thread_step_until(t, sys, 2);
	assert_int_equal(rc, -ETIME);
	assert_int_equal(snare_test_reg(t, "pc"), a + 10); /* two 5-byte movs */
	assert_int_equal(snare_thread_step_until(t, sys, 10), 0);
	assert_int_equal(snare_test_reg(t, "pc"), sys);
	assert_int_equal(snare_test_reg(t, "rax"), 1); /* SYS_write, not run yet */
	step_ok(t);
	assert_int_equal(snare_test_reg(t, "pc"), sys + 2);
	assert_int_equal(snare_test_reg(t, "rax"), 6);
	snare_test_read_line(snare_proc_stdio_fd(p, 1), out, sizeof(out));
	assert_string_equal(out, "STEP!");

	/* next over call st_callee: the callee ran once, we are after it. */
	a = addr_of(line, "st_next");
	t = run_to_bp(s, bp_next, a);
	assert_int_equal(snare_test_mem64(p, addr_of(line, "g_callee_count")), 0);
	rsp0 = snare_test_reg(t, "rsp");
	rc = snare_thread_next(t);
	if (rc != 0)
		fail_msg("snare_thread_next: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	assert_int_equal(snare_test_reg(t, "pc"), addr_of(line, "st_next_ret"));
	assert_int_equal(snare_test_reg(t, "rsp"), rsp0);
	count = snare_test_mem64(p, addr_of(line, "g_callee_count"));
	assert_int_equal(count, 1);

	/* finish from the first instruction of the innermost rec(5). */
	a = addr_of(line, "rec");
	for (i = 1; i <= 5; i++) {
		t = run_to_bp(s, bp_rec, a);
		assert_int_equal(snare_test_reg(t, "rdi") & 0xffffffff, i);
	}
	rsp_hit = snare_test_reg(t, "rsp");
	ret = snare_test_mem64(p, rsp_hit);
	assert_int_equal(snare_mem_read(&depth, p, addr_of(line, "g_depth"),
					sizeof(depth)), 0);
	assert_int_equal(depth, 4); /* rec(4) set it; rec(5) not yet */
	rc = snare_thread_finish(t);
	if (rc != 0)
		fail_msg("snare_thread_finish: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	assert_int_equal(snare_test_reg(t, "pc"), ret);
	assert_int_equal(snare_test_reg(t, "rsp"), rsp_hit + 8);
	assert_int_equal(snare_mem_read(&depth, p, addr_of(line, "g_depth"),
					sizeof(depth)), 0);
	assert_int_equal(depth, 4); /* rec(5) exited; rec(4) executes */

	/* finish again, from the body of rec(4): back in rec(3). */
	rsp0 = snare_test_reg(t, "rsp");
	rc = snare_thread_finish(t);
	if (rc != 0)
		fail_msg("snare_thread_finish: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	assert_int_equal(snare_test_reg(t, "pc"), ret);
	assert_true(snare_test_reg(t, "rsp") > rsp0);
	assert_int_equal(snare_mem_read(&depth, p, addr_of(line, "g_depth"),
					sizeof(depth)), 0);
	assert_int_equal(depth, 3);

	finish_tracee(s, p, out, sizeof(out));
	assert_string_equal(out, "step 6 6 9 1 0 15\n");
	assert_int_equal(snare_bp_hits(bp_seq), 1);
	assert_int_equal(snare_bp_hits(bp_write), 1);
	assert_int_equal(snare_bp_hits(bp_next), 1);
	assert_int_equal(snare_bp_hits(bp_rec), 5);
	snare_test_session_free(state);
}

static void
test_step_sequence_pie(void **state)
{
	check_step_sequence(state, "bp_asm");
}

static void
test_step_sequence_nopie(void **state)
{
	check_step_sequence(state, "bp_asm-nopie");
}

/* A NULL thread is refused by every stepping call. */
static void
test_step_errors(void **state)
{
	static const char *const args[] = { "step", NULL };
	char line[1024];
	snare_session *s;
	snare_proc *p;

	s = snare_test_session(state, NULL);
	p = start_tracee(s, "bp_asm", args, line, sizeof(line));
	assert_int_equal(snare_thread_step(NULL), -EINVAL);
	assert_int_equal(snare_thread_step_until(NULL, 0, 1), -EINVAL);
	assert_int_equal(snare_thread_next(NULL), -EINVAL);
	assert_int_equal(snare_thread_finish(NULL), -EINVAL);
	assert_int_equal(snare_proc_kill(p), 0);
	snare_test_run_to_end(s, 10);
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_step_from_bp_pie),
		SNARE_TEST(test_step_from_bp_nopie),
		SNARE_TEST(test_step_sequence_pie),
		SNARE_TEST(test_step_sequence_nopie),
		SNARE_TEST(test_step_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
