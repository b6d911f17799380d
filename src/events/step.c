/* SPDX-License-Identifier: MIT */
/*
 * step.c: step, step_until, next and finish.
 *
 * Stepping runs one thread while the others stay stopped. A step from a
 * software breakpoint runs the covered instruction the way a hit does
 * (emulated, or its out-of-line copy single-stepped), so the int3 stays in
 * place. finish and next run the thread to a temporary breakpoint that
 * fires only once the stack pointer is back above the frame, so recursion
 * does not stop them early. finish finds the frame with the call frame
 * information (.eh_frame) through libdw.
 */
#define _GNU_SOURCE
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "symbols/symtab.h"

static int
check_thread(snare_thread *t, uint64_t *pc)
{
	snare_session *s;

	if (!t)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "step: foreign thread");
	if (t->state == TS_DEAD || t->state == TS_EXITING)
		return snare__err(s, SNARE_EEXITED, "step: thread %d has exited", t->tid);
	if (t->state != TS_STOPPED)
		return snare__err(s, SNARE_ERUNNING, "step: thread %d is running", t->tid);
	/* From a callback too: only this thread moves, through the one wait
	   point; other threads' stops stay with the kernel meanwhile. */
	if (t->queued)
		return snare__err(s, -EBUSY,
				  "step: thread %d has a pending event; snare_run() first",
				  t->tid);
	return snare__get_pc(pc, t);
}

static snare_bp *
bp_at(snare_thread *t, uint64_t pc)
{
	snare_bp *bp;

	if (t->at_bp)
		return t->at_bp;
	for (bp = t->proc->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted && bp->addr == pc)
			return bp;
	return NULL;
}

static void
emit_step(snare_thread *t)
{
	snare_session *s = t->proc->s;
	snare_event ev;

	if (!s->opts.on_event)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = SNARE_EV_STEP;
	ev.thread = t;
	ev.proc = t->proc;
	ev.pid = t->proc->pid;
	ev.tid = t->tid;
	snare__get_pc(&ev.pc, t);
	s->opts.on_event(s, &ev, s->opts.event_user);
}

/*
 * One machine step of t, delivering a pending signal on the way (the step
 * then ends at the handler's first instruction, as gdb's stepi does).
 */
static int
hw_step(snare_thread *t)
{
	int kind;

	return snare__step(t, &kind, false);
}

SNARE_EXPORT int
snare_thread_step(snare_thread *t)
{
	snare_bp *bp;
	uint64_t pc;
	int r = check_thread(t, &pc);

	if (r < 0)
		return r;
	bp = bp_at(t, pc);
	if (bp && bp->inserted && bp->addr == pc) {
		int kind = bp->plan.kind;

		t->at_bp = bp;
		r = snare__bp_step_over(t);
		if (r == 0 && kind == INSN_DISPLACE) {
			/* pc is at the copy: step it, then skip the jump back. */
			r = hw_step(t);
			if (r == 0 && snare__get_pc(&pc, t) == 0 &&
			    pc == bp->slot + bp->plan.len)
				snare__set_pc(t, bp->addr + bp->plan.len);
		}
	} else {
		t->at_bp = NULL;
		r = hw_step(t);
	}
	if (r == 0)
		emit_step(t);
	return r;
}

SNARE_EXPORT int
snare_thread_step_until(snare_thread *t, uint64_t addr, size_t max_steps)
{
	uint64_t pc;
	size_t i;
	int r = check_thread(t, &pc);

	if (r < 0)
		return r;
	for (i = 0; i < max_steps; i++) {
		if (snare__get_pc(&pc, t) == 0 && pc == addr)
			return 0;
		r = snare_thread_step(t);
		if (r < 0)
			return r;
	}
	if (snare__get_pc(&pc, t) == 0 && pc == addr)
		return 0;
	return snare__err(t->proc->s, -ETIME, "step_until 0x%llx: not reached in %zu steps",
			  (unsigned long long)addr, max_steps);
}

/*
 * Run t alone until a temporary breakpoint at addr fires with the stack
 * pointer at or above min_sp. Other stops of t on the way are dispatched
 * as usual (hooks, signals); one that asks for control ends it (-EINTR).
 */
static int
run_to(snare_thread *t, uint64_t addr, uint64_t min_sp)
{
	snare_session *s = t->proc->s;
	struct snare__stop st;
	snare_bp *bp;
	bool was_in_run = s->in_run, was_stop = s->stop_requested;
	int was_mode = s->run_mode;
	int r;

	r = snare__bp_add_internal(&bp, t->proc, addr, min_sp);
	if (r < 0)
		return r;
	/* It may run from a callback: the outer run's state is kept. */
	s->in_run = true;
	s->run_mode = SNARE_RUN_DEFAULT;
	s->stop_requested = false;
	r = snare__resume(t);
	while (r == 0 && !bp->fired) {
		if (t->state == TS_STOPPED && !t->queued) {
			/* Held by a dispatch (a hook asked for it): on. */
			r = snare__resume(t);
			continue;
		}
		r = snare__wait_thread(t, &st);
		if (r == -ECHILD) {
			r = snare__err(s, SNARE_EEXITED, "thread %d exited", t->tid);
			break;
		}
		if (r == 0)
			r = snare__queue_push(s, t, &st);
		if (r == 0)
			r = snare__dispatch_queued(s, t);
		if (t->state == TS_DEAD || t->state == TS_EXITING)
			r = snare__err(s, SNARE_EEXITED, "thread %d exited", t->tid);
		else if (s->stop_requested && !bp->fired)
			r = snare__err(s, -EINTR, "stopped by another event before returning");
	}
	s->stop_requested = was_stop;
	s->in_run = was_in_run;
	s->run_mode = was_mode;
	snare_bp_remove(bp);
	return r;
}

/* Evaluate a CFA expression of the simple forms compilers emit. */
static int
eval_cfa(uint64_t *cfa, const Dwarf_Op *ops, size_t n, snare__reg_fn reg,
	 void *arg)
{
	unsigned regno;
	uint64_t v;

	if (n != 1)
		return -ENOTSUP;
	if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg16)
		regno = ops[0].atom - DW_OP_breg0;
	else if (ops[0].atom == DW_OP_bregx && ops[0].number <= 16)
		regno = (unsigned)ops[0].number;
	else
		return -ENOTSUP;
	if (reg(&v, regno, arg) < 0)
		return -ESRCH;
	*cfa = v + (uint64_t)(ops[0].atom == DW_OP_bregx ? (int64_t)ops[0].number2
							 : (int64_t)ops[0].number);
	return 0;
}

/*
 * The canonical frame address of the frame at pc: from the call frame
 * information of mod (.eh_frame, else .debug_frame), or, when mod is NULL
 * or has none for pc, from a frame pointer (push %rbp; mov %rsp,%rbp:
 * rbp + 16). Registers come from reg (DWARF numbering). No process is
 * needed: fuzz_unwind drives this with a fake register file.
 */
int
snare__frame_cfa(uint64_t *cfa, Dwfl_Module *mod, uint64_t pc,
		 snare__reg_fn reg, void *arg)
{
	Dwarf_CFI *cfi = NULL;
	Dwarf_Frame *frame = NULL;
	Dwarf_Addr bias;
	Dwarf_Op *ops;
	size_t nops;
	uint64_t rbp;
	int r = -ENOENT;

	if (mod) {
		cfi = dwfl_module_eh_cfi(mod, &bias);
		if (!cfi)
			cfi = dwfl_module_dwarf_cfi(mod, &bias);
	}
	if (cfi && dwarf_cfi_addrframe(cfi, pc - bias, &frame) == 0 &&
	    dwarf_frame_cfa(frame, &ops, &nops) == 0)
		r = eval_cfa(cfa, ops, nops, reg, arg);
	free(frame);
	if (r == 0)
		return 0;
	/* No CFI: assume a frame pointer. */
	r = reg(&rbp, 6, arg);
	if (r < 0)
		return r;
	*cfa = rbp + 16;
	return 0;
}

/* A register of the thread by DWARF number (x86_64 psABI, 0..16). */
static int
thread_reg(uint64_t *v, unsigned regno, void *arg)
{
	static const char *const dwarf_regs[] = {
		"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
		"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
	};

	if (regno >= sizeof(dwarf_regs) / sizeof(dwarf_regs[0]))
		return -EINVAL;
	return snare_reg_get(v, arg, dwarf_regs[regno]);
}

/* The module of the process that holds pc, NULL if none. */
static Dwfl_Module *
frame_module(snare_thread *t, uint64_t pc)
{
	snare_symtab *st = snare_proc_symtab(t->proc);
	Dwfl_Module *mod;

	if (!st || !st->dwfl)
		return NULL;
	mod = dwfl_addrmodule(st->dwfl, pc);
	if (!mod && snare_symtab_refresh(st) == 0)
		mod = dwfl_addrmodule(st->dwfl, pc);
	return mod;
}

SNARE_EXPORT int
snare_thread_finish(snare_thread *t)
{
	uint64_t pc, cfa, ret;
	int r = check_thread(t, &pc);

	if (r < 0)
		return r;
	r = snare__frame_cfa(&cfa, frame_module(t, pc), pc, thread_reg, t);
	if (r < 0)
		return r;
	r = snare_mem_read(&ret, t->proc, cfa - 8, sizeof(ret));
	if (r < 0)
		return snare__err(t->proc->s, r, "finish: cannot read the return address at 0x%llx",
				  (unsigned long long)(cfa - 8));
	/* After the return the stack pointer is the CFA. */
	r = run_to(t, ret, cfa);
	if (r == 0)
		emit_step(t);
	return r;
}

SNARE_EXPORT int
snare_thread_next(snare_thread *t)
{
	uint8_t code[16];
	uint64_t pc, sp;
	snare_bp *bp;
	bool is_call = false;
	size_t len, got = sizeof(code);
	int r = check_thread(t, &pc);

	if (r < 0)
		return r;
	while (got && snare_mem_read(code, t->proc, pc, got) < 0)
		got--;
	bp = bp_at(t, pc);
	if (got && bp && bp->addr == pc)
		code[0] = bp->orig; /* decode what the int3 covers */
	len = got ? snare__insn_length(code, got, &is_call) : 0;
	if (!len || !is_call)
		return snare_thread_step(t);
	r = snare_thread_sp(&sp, t);
	if (r < 0)
		return r;
	r = run_to(t, pc + len, sp);
	if (r == 0)
		emit_step(t);
	return r;
}
