/* SPDX-License-Identifier: MIT */
/*
 * test_state.c: inspecting threads and the session.
 *  - Sub-registers (eax, ax, al, ah, r8d, r8w, r8b, ...) and mm0-7, read
 *    against the values the tracee (state_regs) loaded itself with inline
 *    asm, and written at a breakpoint: the tracee stores its registers
 *    after the breakpoint and prints them, so the x86 write semantics
 *    (32-bit parts zero-extend, 8/16-bit parts keep the rest, an MMX
 *    write sets the x87 exponent and tag) are proved by its own output.
 *  - The registers of a thread's last stop after it died: a thread killed
 *    by SIGSEGV keeps the fault's registers (rip at the faulting
 *    instruction, the rax and xmm0 it set), readable in the THREAD_EXIT callback;
 *    a thread killed by another's crash keeps none (-ENODATA); registers
 *    read at a breakpoint survive a kill.
 *  - A signal queued at a breakpoint, a syscall stop, after a step, after
 *    an interrupt and at a signal-delivery-stop: the program's handler
 *    runs exactly once (its count, printed by state_sig) and the SIGUSR1
 *    hook sees it once; one queued on a thread in its exit syscall is
 *    never delivered (to it or any other thread).
 *  - Listing breakpoints (pending, disabled, watchpoints), syscall hooks
 *    and signal hooks, with their accessors.
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
#include <unistd.h>

#include "bp_helpers.h"
#include "helpers.h"

/* ---------------------------------------------------------------- */
/* Sub-registers and MMX                                            */
/* ---------------------------------------------------------------- */

/* Slot i of state_regs's in[]: see the tracee. */
static uint64_t
slot_value(int i)
{
	uint64_t b = 0x80 | (uint64_t)(i & 0xf) << 3, v = 0;
	int j;

	for (j = 7; j >= 0; j--)
		v = v << 8 | ((b + (uint64_t)j + (uint64_t)(i >> 4) * 0x40) & 0xff);
	return v;
}

/* The value the tracee printed for slot i ("reg I 0x..."). */
static uint64_t
printed_slot(const char *out, int i)
{
	char key[32];
	const char *at;

	snprintf(key, sizeof(key), "reg %d 0x", i);
	at = strstr(out, key);
	if (!at)
		fail_msg("no slot %d in '%s'", i, out);
	return strtoull(at + strlen(key), NULL, 16);
}

struct sub_case {
	const char *name;
	int slot;        /* state_regs slot of the full register */
	unsigned bits, shift;
};

static const struct sub_case sub_cases[] = {
	{ "eax", 0, 32, 0 }, { "ax", 0, 16, 0 }, { "al", 0, 8, 0 },
	{ "ah", 0, 8, 8 }, { "ebx", 1, 32, 0 }, { "bx", 1, 16, 0 },
	{ "bl", 1, 8, 0 }, { "bh", 1, 8, 8 }, { "ecx", 2, 32, 0 },
	{ "cx", 2, 16, 0 }, { "cl", 2, 8, 0 }, { "ch", 2, 8, 8 },
	{ "edx", 3, 32, 0 }, { "dx", 3, 16, 0 }, { "dl", 3, 8, 0 },
	{ "dh", 3, 8, 8 }, { "esi", 4, 32, 0 }, { "si", 4, 16, 0 },
	{ "sil", 4, 8, 0 }, { "ebp", 5, 32, 0 }, { "bp", 5, 16, 0 },
	{ "bpl", 5, 8, 0 }, { "r8d", 6, 32, 0 }, { "r8w", 6, 16, 0 },
	{ "r8b", 6, 8, 0 }, { "r8l", 6, 8, 0 }, { "r9d", 7, 32, 0 },
	{ "r10w", 8, 16, 0 }, { "r11b", 9, 8, 0 }, { "r12d", 10, 32, 0 },
	{ "r13w", 11, 16, 0 }, { "r14b", 12, 8, 0 }, { "r15d", 13, 32, 0 },
	{ "r15w", 13, 16, 0 }, { "r15b", 13, 8, 0 }, { "edi", 14, 32, 0 },
	{ "di", 14, 16, 0 }, { "dil", 14, 8, 0 },
};

static uint64_t
part(uint64_t v, unsigned bits, unsigned shift)
{
	return (v >> shift) & (bits == 64 ? ~0ull : (1ull << bits) - 1);
}

static void
test_subregisters(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	char line[512], out[2048];
	uint64_t mark, v, rsp, rip, want[24];
	unsigned char mm[16], st[16];
	snare_thread *t;
	snare_proc *p;
	snare_bp *bp;
	size_t i;
	int k;

	p = start_tracee(s, "state_regs", NULL, line, sizeof(line));
	mark = addr_of(line, "regs_mark");
	bp = add_stopping(p, mark);
	go(p, "go\nend\n");
	t = run_to_bp(s, bp, mark);

	/* Reads: every part against the value the tracee loaded. */
	for (i = 0; i < sizeof(sub_cases) / sizeof(sub_cases[0]); i++) {
		const struct sub_case *c = &sub_cases[i];

		if (snare_reg_get(&v, t, c->name) != 0)
			fail_msg("%s: %s", c->name, snare_errmsg(s));
		if (v != part(slot_value(c->slot), c->bits, c->shift))
			fail_msg("%s: 0x%llx, want 0x%llx", c->name,
				 (unsigned long long)v,
				 (unsigned long long)part(slot_value(c->slot),
							  c->bits, c->shift));
	}
	rsp = snare_test_reg(t, "rsp");
	rip = snare_test_reg(t, "rip");
	assert_int_equal(snare_test_reg(t, "esp"), rsp & 0xffffffff);
	assert_int_equal(snare_test_reg(t, "spl"), rsp & 0xff);
	assert_int_equal(snare_test_reg(t, "sp"), rsp); /* the alias */
	assert_int_equal(snare_test_reg(t, "eip"), rip & 0xffffffff);
	assert_int_equal(snare_test_reg(t, "ip"), rip & 0xffff);
	for (k = 0; k < 8; k++) {
		char name[8];

		snprintf(name, sizeof(name), "mm%d", k);
		assert_int_equal(snare_vreg_get(mm, sizeof(mm), t, name), 8);
		v = 0;
		memcpy(&v, mm, 8);
		if (v != slot_value(16 + k))
			fail_msg("%s: 0x%llx", name, (unsigned long long)v);
	}

	/* Refusals: unknown names, values that do not fit. */
	assert_int_equal(snare_reg_get(&v, t, "eaxx"), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "eaxx"));
	assert_int_equal(snare_reg_get(&v, t, "r16d"), -EINVAL);
	assert_int_equal(snare_reg_set(t, "al", 0x100), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "8 bits"));
	assert_int_equal(snare_reg_set(t, "ax", 0xffffffff00001234ull), -EINVAL);
	assert_int_equal(snare_vreg_get(mm, sizeof(mm), t, "mm8"), -EINVAL);
	assert_int_equal(snare_vreg_set(t, "mm1", mm, 10), -EINVAL);
	assert_int_equal(snare_test_reg(t, "rax"), slot_value(0)); /* untouched */

	/* Writes, with the semantics of the CPU. */
	for (k = 0; k < 24; k++)
		want[k] = slot_value(k);
	assert_int_equal(snare_reg_set(t, "eax", 0x11223344), 0);
	want[0] = 0x11223344; /* zero-extended */
	assert_int_equal(snare_test_reg(t, "rax"), want[0]);
	assert_int_equal(snare_reg_set(t, "bx", 0xbeef), 0);
	want[1] = (want[1] & ~0xffffull) | 0xbeef;
	assert_int_equal(snare_reg_set(t, "ch", 0x5a), 0);
	want[2] = (want[2] & ~0xff00ull) | 0x5a00;
	assert_int_equal(snare_reg_set(t, "dl", 0x33), 0);
	want[3] = (want[3] & ~0xffull) | 0x33;
	assert_int_equal(snare_reg_set(t, "sil", 0x44), 0);
	want[4] = (want[4] & ~0xffull) | 0x44;
	assert_int_equal(snare_reg_set(t, "r9d", (uint64_t)-2), 0);
	want[7] = 0xfffffffe; /* sign-extended input, zero-extended write */
	assert_int_equal(snare_reg_set(t, "r10w", 0x1234), 0);
	want[8] = (want[8] & ~0xffffull) | 0x1234;
	assert_int_equal(snare_reg_set(t, "r11b", 0x99), 0);
	want[9] = (want[9] & ~0xffull) | 0x99;
	assert_int_equal(snare_reg_set(t, "edi", 0xdeadbeef), 0);
	want[14] = 0xdeadbeef;
	v = 0x0102030405060708ull;
	memcpy(mm, &v, 8);
	assert_int_equal(snare_vreg_set(t, "mm3", mm, 8), 0);
	want[19] = v;
	/* As an MMX instruction would: x87 R3 (TOP is 0 in MMX code, so
	   st3) now has an all-ones exponent. */
	assert_int_equal(snare_vreg_get(st, sizeof(st), t, "st3"), 10);
	assert_memory_equal(st, mm, 8);
	assert_int_equal(st[8], 0xff);
	assert_int_equal(st[9], 0xff);
	assert_int_equal(snare_vreg_get(mm, sizeof(mm), t, "mm3"), 8);
	memcpy(&v, mm, 8);
	assert_int_equal(v, want[19]);

	finish_tracee(s, p, out, sizeof(out));
	for (k = 0; k < 24; k++)
		if (k != 15 && printed_slot(out, k) != want[k])
			fail_msg("slot %d: the program has 0x%llx, want 0x%llx",
				 k, (unsigned long long)printed_slot(out, k),
				 (unsigned long long)want[k]);
}

/* ---------------------------------------------------------------- */
/* Registers of the last stop                                       */
/* ---------------------------------------------------------------- */

struct crash_log {
	int thread_rc, proc_rc, fp_rc;
	snare_regs thread_regs;
	snare_fpregs thread_fpregs;
	pid_t crashed_tid;
	int signo;
};

static int
on_exit_events(snare_session *s, const struct snare_event *ev, void *user)
{
	struct crash_log *log = user;
	snare_regs r;

	(void)s;
	if (ev->kind == SNARE_EV_THREAD_EXIT && ev->tid != ev->pid) {
		log->crashed_tid = ev->tid;
		log->signo = ev->signo;
		log->thread_rc = snare_thread_last_regs(&log->thread_regs,
							ev->thread);
		log->fp_rc = snare_thread_last_fpregs(&log->thread_fpregs,
						      ev->thread);
	} else if (ev->kind == SNARE_EV_PROC_EXIT) {
		log->proc_rc = snare_thread_last_regs(&r, ev->thread);
	}
	return SNARE_CONTINUE;
}

static void
test_last_regs_crash(void **state)
{
	snare_session_opts o = SNARE_SESSION_OPTS_INIT;
	struct crash_log log;
	snare_session *s;
	snare_thread *leader;
	char line[512];
	uint64_t insn;
	snare_regs r;
	snare_proc *p;
	int code, signo;
	const char *args[] = { "crash", NULL };

	memset(&log, 0, sizeof(log));
	log.thread_rc = log.proc_rc = log.fp_rc = 1;
	o.on_event = on_exit_events;
	o.event_user = &log;
	s = snare_test_session(state, &o);
	p = start_tracee(s, "state_sig", args, line, sizeof(line));
	insn = addr_of(line, "crash_insn");
	assert_int_equal(snare_proc_threads(&leader, 1, p), 1);
	/* Alive and stopped: not the call for it. */
	assert_int_equal(snare_thread_last_regs(&r, leader), -EBUSY);
	assert_non_null(strstr(snare_errmsg(s), "snare_regs_get"));
	assert_int_equal(snare_thread_last_regs(NULL, leader), -EINVAL);
	go(p, "go\n");
	snare_test_run_to_end(s, 10);
	assert_int_equal(snare_proc_exit_status(&code, &signo, NULL, p), 1);
	assert_int_equal(signo, SIGSEGV);

	/* The crashing thread, in its THREAD_EXIT callback: the fault's
	   signal-delivery-stop. */
	assert_int_not_equal(log.crashed_tid, 0);
	assert_int_equal(log.signo, SIGSEGV);
	assert_int_equal(log.thread_rc, 0);
	assert_int_equal(log.thread_regs.rip, insn);
	assert_int_equal(log.thread_regs.rax, 0x5eed);
	assert_int_equal(log.fp_rc, 0);
	assert_int_equal(log.thread_fpregs.xmm_space[0], 0x5eed);
	assert_int_equal(log.thread_fpregs.xmm_space[1], 0);
	/* The leader was killed by it while blocked: no stop of its own. */
	assert_int_equal(log.proc_rc, -ENODATA);
	assert_int_equal(snare_thread_last_regs(&r, leader), -ENODATA);
	assert_non_null(strstr(snare_errmsg(s), "not kept"));
}

static void
test_last_regs_killed(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	const char *args[] = { "queue", NULL };
	snare_regs read, kept;
	snare_fpregs fp;
	uint64_t mark;
	char line[512];
	snare_thread *t;
	snare_proc *p;
	snare_bp *bp;

	p = start_tracee(s, "state_sig", args, line, sizeof(line));
	mark = addr_of(line, "sig_mark");
	bp = add_stopping(p, mark);
	go(p, "bp\n");
	t = run_to_bp(s, bp, mark);
	assert_int_equal(snare_regs_get(&read, t), 0);
	assert_int_equal(snare_proc_kill(p), 0);
	assert_int_equal(snare_thread_last_regs(&kept, t), 0);
	assert_memory_equal(&kept, &read, sizeof(kept));
	assert_int_equal(kept.rip, mark);
	/* No fatal signal at that stop: no FP registers. */
	assert_int_equal(snare_thread_last_fpregs(&fp, t), -ENODATA);
	snare_test_run_to_end(s, 10);
	assert_int_equal(snare_thread_last_regs(&kept, t), 0);
	assert_int_equal(kept.rip, mark);
}

/* ---------------------------------------------------------------- */
/* Queued signals                                                   */
/* ---------------------------------------------------------------- */

struct usr1_count {
	int hook_hits;
	int queue_rc;
	int queued;
};

static int
count_usr1(snare_thread *t, snare_siginfo *si, void *user)
{
	struct usr1_count *c = user;

	(void)t;
	if (si->signo == SIGUSR1 && si->code == SI_TKILL &&
	    si->pid == getpid())
		c->hook_hits++;
	return SNARE_CONTINUE;
}

/* A state_sig queue tracee stopped after "ready", with a SIGUSR1 hook. */
static snare_proc *
start_queue(snare_session *s, struct usr1_count *c, char *line, size_t cap)
{
	snare_sighook_opts ho = SNARE_SIGHOOK_OPTS_INIT;
	const char *args[] = { "queue", NULL };

	ho.on_signal = count_usr1;
	ho.user = c;
	assert_int_equal(snare_hook_signal(NULL, s, SIGUSR1, &ho), 0);
	return start_tracee(s, "state_sig", args, line, cap);
}

/* Run until the tracee prints its count; it must be want. */
static void
expect_count(snare_session *s, snare_proc *p, int want)
{
	char buf[64], exp[32];

	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), buf,
				  sizeof(buf));
	snprintf(exp, sizeof(exp), "count %d", want);
	assert_string_equal(buf, exp);
}

static void
end_queue(snare_session *s, snare_proc *p)
{
	char out[256];

	go(p, "end\n");
	finish_tracee(s, p, out, sizeof(out));
}

static void
test_queue_at_breakpoint(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct usr1_count c = { 0, 0, 0 };
	char line[512];
	snare_thread *t;
	snare_proc *p;
	uint64_t mark;
	snare_bp *bp;

	p = start_queue(s, &c, line, sizeof(line));
	mark = addr_of(line, "sig_mark");
	bp = add_stopping(p, mark);
	go(p, "bp\n");
	t = run_to_bp(s, bp, mark);
	assert_int_equal(snare_thread_queue_signal(t, SIGUSR1), 0);
	assert_int_equal(snare_thread_queue_signal(t, SIGUSR1), 0); /* once */
	expect_count(s, p, 1);
	assert_int_equal(c.hook_hits, 1);
	/* Nothing is left queued: the next hit delivers nothing. */
	go(p, "bp\n");
	t = run_to_bp(s, bp, mark);
	expect_count(s, p, 1);
	assert_int_equal(c.hook_hits, 1);
	end_queue(s, p);
}

static int
queue_on_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct usr1_count *c = user;

	(void)sc;
	c->queue_rc = snare_thread_queue_signal(t, SIGUSR1);
	c->queued++;
	return SNARE_CONTINUE;
}

static void
test_queue_at_syscall(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts o = SNARE_HOOK_OPTS_INIT;
	struct usr1_count c = { 0, 1, 0 };
	char line[512];
	snare_proc *p;

	p = start_queue(s, &c, line, sizeof(line));
	o.on_enter = queue_on_enter;
	o.user = &c;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_getppid, &o), 0);
	go(p, "sys\n");
	expect_count(s, p, 1);
	assert_int_equal(c.queued, 1);
	assert_int_equal(c.queue_rc, 0);
	assert_int_equal(c.hook_hits, 1);
	end_queue(s, p);
}

static void
test_queue_after_step(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct usr1_count c = { 0, 0, 0 };
	char line[512];
	snare_thread *t;
	snare_proc *p;
	uint64_t mark;
	snare_bp *bp;

	p = start_queue(s, &c, line, sizeof(line));
	mark = addr_of(line, "sig_mark");
	bp = add_stopping(p, mark);
	go(p, "bp\n");
	t = run_to_bp(s, bp, mark);
	assert_int_equal(snare_thread_step(t), 0);
	assert_int_not_equal(snare_test_reg(t, "pc"), mark);
	assert_int_equal(snare_thread_queue_signal(t, SIGUSR1), 0);
	expect_count(s, p, 1);
	assert_int_equal(c.hook_hits, 1);
	end_queue(s, p);
}

static void
test_queue_after_interrupt(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct usr1_count c = { 0, 0, 0 };
	snare_thread *t;
	char line[512];
	snare_proc *p;

	/* start_tracee() ends with an interrupt: the program is blocked
	   reading its next command. */
	p = start_queue(s, &c, line, sizeof(line));
	assert_int_equal(snare_proc_threads(&t, 1, p), 1);
	assert_int_equal(snare_thread_queue_signal(t, SIGUSR1), 0);
	go(p, "wait\n");
	expect_count(s, p, 1);
	assert_int_equal(c.hook_hits, 1);
	end_queue(s, p);
}

static void
test_queue_at_signal_stop(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	struct usr1_count c = { 0, 0, 0 };
	char line[512];
	snare_event ev;
	snare_proc *p;

	p = start_queue(s, &c, line, sizeof(line));
	assert_int_equal(snare_hook_signal(NULL, s, SIGUSR2, NULL), 0);
	go(p, "usr2\n");
	assert_int_equal(snare_run(&ev, s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SIGNAL);
	assert_int_equal(ev.signo, SIGUSR2);
	assert_int_equal(snare_thread_queue_signal(ev.thread, SIGUSR1), 0);
	assert_int_equal(snare_thread_signal(ev.thread), SIGUSR2); /* kept */
	expect_count(s, p, 1);
	assert_int_equal(c.hook_hits, 1);
	end_queue(s, p);
}

static int
queue_on_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct usr1_count *c = user;

	(void)sc;
	if (snare_thread_tid(t) != snare_proc_pid(snare_thread_proc(t))) {
		c->queue_rc = snare_thread_queue_signal(t, SIGUSR1);
		c->queued++;
	}
	return SNARE_CONTINUE;
}

static void
test_queue_on_exiting_thread(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_hook_opts o = SNARE_HOOK_OPTS_INIT;
	struct usr1_count c = { 0, 1, 0 };
	snare_thread *t;
	char line[512];
	snare_proc *p;

	p = start_queue(s, &c, line, sizeof(line));
	o.on_enter = queue_on_exit;
	o.user = &c;
	assert_int_equal(snare_hook_syscall(NULL, s, SYS_exit, &o), 0);
	go(p, "exit\n");
	/* Queued in the thread's exit: it dies with the thread, no other
	   thread gets it. */
	expect_count(s, p, 0);
	assert_int_equal(c.queued, 1);
	assert_int_equal(c.queue_rc, 0);
	assert_int_equal(c.hook_hits, 0);
	go(p, "wait\n");
	expect_count(s, p, 0);
	assert_int_equal(c.hook_hits, 0);

	/* Refusals. (The exited thread may still be listed: its death can
	   be collected after the program saw the join return.) */
	t = snare_proc_thread(p, snare_proc_pid(p));
	assert_non_null(t);
	assert_int_equal(snare_thread_queue_signal(t, 0), -EINVAL);
	assert_int_equal(snare_thread_queue_signal(t, 65), -EINVAL);
	assert_non_null(strstr(snare_errmsg(s), "65"));
	assert_int_equal(snare_thread_queue_signal(NULL, SIGUSR1), -EINVAL);
	end_queue(s, p);
	assert_int_equal(snare_thread_queue_signal(t, SIGUSR1), SNARE_EEXITED);
}

/* ---------------------------------------------------------------- */
/* Listing                                                          */
/* ---------------------------------------------------------------- */

static int
always(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(void)user;
	return 1;
}

static int
pass_signal(snare_thread *t, snare_siginfo *si, void *user)
{
	(void)t;
	(void)si;
	(void)user;
	return SNARE_CONTINUE;
}

static void
test_list(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_bp_opts bo = SNARE_BP_OPTS_INIT, got;
	snare_hook_opts hopt = SNARE_HOOK_OPTS_INIT, hgot;
	snare_sighook_opts so = SNARE_SIGHOOK_OPTS_INIT, sgot;
	const char *args[] = { "queue", NULL };
	snare_bp *bps[8], *pend, *mark, *watch, *main_bp;
	snare_hook *hooks[4], *hw, *hg;
	snare_sighook *sh[4], *s_all, *s_usr1;
	struct usr1_count unused = { 0, 0, 0 };
	uint64_t main_addr;
	snare_proc *p;
	int marker;
	char out[256];

	p = spawn_tracee(s, "state_sig", args, SNARE_SPAWN_STOP_EXEC);
	assert_int_equal(snare_proc_bps(bps, 8, p), 0);
	/* Pending: libc is not loaded yet. */
	assert_int_equal(snare_bp_add_at(&pend, p, "puts", NULL), 0);
	bo.condition = always;
	bo.user = &marker;
	assert_int_equal(snare_bp_add_at(&mark, p, "sig_mark", &bo), 0);
	bo = (snare_bp_opts)SNARE_BP_OPTS_INIT;
	bo.kind = SNARE_WATCH_WRITE;
	bo.len = 4;
	assert_int_equal(snare_bp_add_at(&watch, p, "sig_count", &bo), 0);
	assert_int_equal(snare_symtab_resolve(&main_addr, snare_proc_symtab(p),
					      "main"), 0);
	assert_int_equal(snare_bp_add(&main_bp, p, main_addr, NULL), 0);
	assert_int_equal(snare_bp_enable(main_bp, 0), 0);

	assert_int_equal(snare_proc_bps(bps, 8, p), 4);
	assert_ptr_equal(bps[0], pend);
	assert_ptr_equal(bps[1], mark);
	assert_ptr_equal(bps[2], watch);
	assert_ptr_equal(bps[3], main_bp);
	assert_int_equal(snare_proc_bps(bps, 2, p), 4); /* total, 2 filled */
	assert_ptr_equal(bps[1], mark);
	assert_int_equal(snare_proc_bps(NULL, 0, p), 4);
	memset(bps, 0, sizeof(bps));
	assert_int_equal(snare_session_bps(bps, 8, s), 4);
	assert_ptr_equal(bps[0], pend);
	assert_ptr_equal(bps[3], main_bp);

	assert_int_equal(snare_bp_pending(pend), 1);
	assert_int_equal(snare_bp_addr(pend), 0);
	assert_string_equal(snare_bp_location(pend), "puts");
	assert_int_equal(snare_bp_pending(mark), 0);
	assert_int_equal(snare_bp_enabled(mark), 1);
	assert_int_equal(snare_bp_enabled(main_bp), 0);
	assert_int_equal(snare_bp_kind(watch), SNARE_WATCH_WRITE);
	assert_int_equal(snare_bp_len(watch), 4);
	assert_int_equal(snare_bp_len(mark), 1);
	assert_true(snare_bp_method(watch) == SNARE_METHOD_DEBUGREG ||
		    snare_bp_method(watch) == SNARE_METHOD_PAGE);
	assert_int_equal(snare_bp_get_opts(&got, mark), 0);
	assert_int_equal(got.version, SNARE_BP_OPTS_VERSION);
	assert_true(got.condition == always);
	assert_ptr_equal(got.user, &marker);
	assert_null(got.on_hit);
	assert_int_equal(snare_bp_get_opts(&got, watch), 0);
	assert_int_equal(got.kind, SNARE_WATCH_WRITE);
	assert_int_equal(got.len, 4);
	assert_null(got.condition);
	assert_int_equal(snare_bp_enabled(NULL), -EINVAL);
	assert_int_equal(snare_bp_get_opts(&got, NULL), -EINVAL);

	/* Hooks, by number; signal hooks, SNARE_SIG_ALL first. */
	assert_int_equal(snare_session_hooks(hooks, 4, s), 0);
	hopt.on_enter = queue_on_enter;
	hopt.user = &unused;
	assert_int_equal(snare_hook_syscall(&hg, s, SYS_getppid, &hopt), 0);
	assert_int_equal(snare_hook_syscall(&hw, s, SYS_write, NULL), 0);
	assert_int_equal(snare_hook_enable(hw, 0), 0);
	assert_int_equal(snare_session_hooks(hooks, 4, s), 2);
	assert_ptr_equal(hooks[0], hw);
	assert_ptr_equal(hooks[1], hg);
	assert_int_equal(snare_hook_nr(hw), SYS_write);
	assert_string_equal(snare_syscall_name(snare_hook_nr(hg)), "getppid");
	assert_int_equal(snare_hook_enabled(hw), 0);
	assert_int_equal(snare_hook_enabled(hg), 1);
	assert_int_equal(snare_hook_get_opts(&hgot, hg), 0);
	assert_true(hgot.on_enter == queue_on_enter);
	assert_null(hgot.on_exit);
	assert_int_equal(snare_hook_get_opts(&hgot, hw), 0);
	assert_null(hgot.on_enter);
	assert_null(hgot.on_exit);
	so.on_signal = pass_signal;
	so.user = &marker;
	assert_int_equal(snare_hook_signal(&s_usr1, s, SIGUSR1, &so), 0);
	assert_int_equal(snare_hook_signal(&s_all, s, SNARE_SIG_ALL, &so), 0);
	assert_int_equal(snare_session_sighooks(sh, 4, s), 2);
	assert_ptr_equal(sh[0], s_all);
	assert_ptr_equal(sh[1], s_usr1);
	assert_int_equal(snare_sighook_signo(s_usr1), SIGUSR1);
	assert_int_equal(snare_sighook_signo(s_all), SNARE_SIG_ALL);
	assert_int_equal(snare_sighook_get_opts(&sgot, s_usr1), 0);
	assert_true(sgot.on_signal == pass_signal);
	assert_ptr_equal(sgot.user, &marker);

	/* Removed ones leave the lists. */
	assert_int_equal(snare_bp_remove(mark), 0);
	assert_int_equal(snare_proc_bps(bps, 8, p), 3);
	assert_ptr_equal(bps[1], watch);
	assert_int_equal(snare_hook_remove(hw), 0);
	assert_int_equal(snare_session_hooks(hooks, 4, s), 1);
	assert_ptr_equal(hooks[0], hg);
	assert_int_equal(snare_sighook_remove(s_all), 0);
	assert_int_equal(snare_session_sighooks(sh, 4, s), 1);
	assert_ptr_equal(sh[0], s_usr1);

	/* Once libc is loaded, the pending one is armed. */
	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), out,
				  sizeof(out));
	assert_int_equal(snare_proc_bps(bps, 8, p), 3);
	assert_ptr_equal(bps[0], pend);
	assert_int_equal(snare_bp_pending(pend), 0);
	assert_int_not_equal(snare_bp_addr(pend), 0);
	assert_int_equal(snare_bp_remove(pend), 0);
	end_queue(s, p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_subregisters),
		SNARE_TEST(test_last_regs_crash),
		SNARE_TEST(test_last_regs_killed),
		SNARE_TEST(test_queue_at_breakpoint),
		SNARE_TEST(test_queue_at_syscall),
		SNARE_TEST(test_queue_after_step),
		SNARE_TEST(test_queue_after_interrupt),
		SNARE_TEST(test_queue_at_signal_stop),
		SNARE_TEST(test_queue_on_exiting_thread),
		SNARE_TEST(test_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
