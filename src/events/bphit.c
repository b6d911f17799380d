/* SPDX-License-Identifier: MIT */
/*
 * bphit.c: what a breakpoint or watchpoint stop is, and its hit.
 *
 * At collection (wait.c) a SIGTRAP is told apart: the int3 of one of our
 * software breakpoints (its pc rewound at once, rule 8), the late trap of
 * a removed one, or a debug-register trap decoded from DR6. At dispatch
 * (loop.c) every record at the address has its hit: condition, count,
 * observer, callback. The records themselves and their arming are in
 * bp.c; the step over the covered instruction on resume is in xol.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "core/internal.h"
#include "events/bp.h"

/* A counted hit: condition, count, observer, callback. */
static int
hit(snare_thread *t, snare_bp *bp, uint64_t pc, uint64_t insn_addr,
    uint64_t access)
{
	snare_session *s = t->proc->s;
	snare_event ev;
	int action;

	t->resume_sig = 0;
	if (bp->sys)
		return bp->sys_fn(t, bp);
	if (bp->internal) {
		uint64_t sp = 0;

		if (bp->min_sp && snare_thread_sp(&sp, t) == 0 && sp < bp->min_sp)
			return SNARE_CONTINUE; /* a deeper recursion level */
		bp->fired = true;
		return SNARE_CONTINUE;
	}
	if (!bp->enabled)
		return SNARE_CONTINUE;
	if (bp->opts.condition && !bp->opts.condition(t, bp, bp->opts.user))
		return SNARE_CONTINUE;
	bp->hits++;
	memset(&ev, 0, sizeof(ev));
	ev.kind = snare__bp_is_watch(bp) ? SNARE_EV_WATCHPOINT : SNARE_EV_BREAKPOINT;
	ev.thread = t;
	ev.proc = t->proc;
	ev.pid = t->proc->pid;
	ev.tid = t->tid;
	ev.bp = bp;
	ev.pc = pc;
	ev.insn_addr = insn_addr;
	ev.access_addr = access;
	if (bp->ev_vals) {
		ev.old_value = bp->ev_vals;
		ev.new_value = bp->ev_vals + bp->len;
		ev.value_len = bp->len;
	}
	if (s->opts.on_event && snare__emit(s, &ev) == SNARE_DETACH)
		return SNARE_DETACH;
	action = bp->opts.on_hit ? bp->opts.on_hit(t, bp, bp->opts.user)
				 : SNARE_STOP;
	if (action == SNARE_STOP)
		snare__request_stop(s, &ev);
	return action;
}

static uint64_t
watch_insn_addr(snare_proc *p, uint64_t pc)
{
	uint8_t win[15];

	if (pc < sizeof(win) || snare_mem_read(win, p, pc - sizeof(win), sizeof(win)) < 0)
		return 0;
	return snare__insn_before(win, sizeof(win), pc);
}

/*
 * At collection (wait.c), a SIGTRAP signal-delivery-stop with its siginfo:
 * is it ours? An int3 (SI_KERNEL) of a breakpoint has its pc rewound now,
 * even if the stop stays queued (rule 8), and so has the late trap of a
 * removed one; the program's own int3 is left alone. A debug-register
 * trap (TRAP_HWBKPT, never DR6 alone) is decoded from DR6, which is then
 * cleared so that a later trap is not taken for this one.
 */
int
snare__bp_classify(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	uint64_t pc, dr6;
	unsigned i;

	if (st->si.si_code == SI_KERNEL) {
		if (!p->bps && !p->nmoribund)
			return 0;
		if (snare__get_pc(&pc, t) < 0)
			return 0;
		if (snare__bp_owner(p, pc - 1)) {
			snare__set_pc(t, pc - 1);
			st->kind = STOP_BREAKPOINT;
			st->pc = pc - 1;
			return 0;
		}
		for (i = 0; i < 16 && i < p->nmoribund; i++) {
			uint8_t b;

			if (p->moribund[i] == pc - 1 &&
			    snare__mem_read_raw(&b, p, pc - 1, 1) == 0 &&
			    b != SNARE_ARCH_BP_INSN) {
				snare__set_pc(t, pc - 1);
				st->kind = STOP_LATE_TRAP;
				return 0;
			}
		}
		return 0;
	}
	if (st->si.si_code != TRAP_HWBKPT)
		return 0;
	errno = 0;
	dr6 = (uint64_t)snare__ptrace(PTRACE_PEEKUSER, t->tid,
				      (void *)snare__arch_dr_offset(6), NULL);
	if (errno)
		return 0;
	snare__ptrace(PTRACE_POKEUSER, t->tid, (void *)snare__arch_dr_offset(6),
		      NULL);
	if (snare__get_pc(&pc, t) < 0)
		return 0;
	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++) {
		if (!(dr6 & (1u << i)) || !p->dr[i])
			continue;
		st->bp = p->dr[i];
		st->pc = pc;
		st->kind = snare__bp_is_watch(p->dr[i]) ? STOP_WATCH : STOP_HWBKPT;
		return 0;
	}
	return 0;
}

/* Is bp still one of p's (a queued stop may outlive a removal)? */
static bool
bp_live(snare_proc *p, const snare_bp *bp)
{
	snare_bp *o;

	for (o = p->bps; o; o = o->next)
		if (o == bp && !o->removed)
			return true;
	return false;
}

/* The stronger of two answers: DETACH, STOP, HOLD, CONTINUE. */
static int
stronger(int a, int b)
{
	static const int rank[] = { [SNARE_CONTINUE] = 0, [SNARE__HOLD] = 1,
				    [SNARE_STOP] = 2, [SNARE_DETACH] = 3 };

	if (a < 0 || a > SNARE__HOLD)
		return b;
	if (b < 0 || b > SNARE__HOLD)
		return a;
	return rank[b] > rank[a] ? b : a;
}

/*
 * Dispatch of a breakpoint, hardware breakpoint or watchpoint stop (the pc
 * was rewound at collection): every record at the address has its hit
 * (the library's own, finish/next targets, the user's), and the thread
 * runs the covered instruction out of line when it resumes.
 */
int
snare__bp_stop(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	snare_bp *bp, *next;
	bool fired = false;
	int action = SNARE_CONTINUE, a;

	t->resume_sig = 0;
	if (p->hidden) {
		/* A vfork child we do not follow ran into one of its
		   parent's breakpoints: it runs on, unreported. */
		t->at_bp = st->kind == STOP_BREAKPOINT ? snare__bp_owner(p, st->pc) : NULL;
		return SNARE_CONTINUE;
	}
	if (st->kind != STOP_BREAKPOINT) {
		bp = st->bp;
		if (!bp_live(p, bp) || !bp->enabled)
			return SNARE_CONTINUE;
		if (st->vals && bp->ev_vals) {
			/* Taken when the access ran (swwatch.c). */
			memcpy(bp->ev_vals, st->vals, 2 * bp->len);
		} else if (bp->shadow && bp->ev_vals) {
			/* Old value: as last reported; new: as now. */
			memcpy(bp->ev_vals, bp->shadow, bp->len);
			if (snare_mem_read(bp->ev_vals + bp->len, p, bp->addr, bp->len) < 0)
				memcpy(bp->ev_vals + bp->len, bp->shadow, bp->len);
			memcpy(bp->shadow, bp->ev_vals + bp->len, bp->len);
		}
		if (st->kind == STOP_SWREPORT)
			return hit(t, bp, st->pc, st->insn, st->access);
		return hit(t, bp, st->pc,
			   st->kind == STOP_WATCH ? watch_insn_addr(p, st->pc) : 0, 0);
	}
	t->at_bp = snare__bp_owner(p, st->pc);
	if (!t->at_bp)
		return SNARE_CONTINUE; /* removed since: the byte is back */
	for (bp = p->bps; bp; bp = next) {
		next = bp->next;
		if (bp->kind != SNARE_BP_SOFTWARE || bp->addr != st->pc ||
		    bp->removed)
			continue;
		a = hit(t, bp, st->pc, 0, 0);
		if (bp->internal && bp->fired)
			fired = true;
		action = stronger(action, a);
	}
	if (fired && action == SNARE_CONTINUE)
		action = SNARE__HOLD; /* finish/next arrived */
	/* Callbacks may have removed records here (the loader's watcher
	   removes itself): the int3's owner now is the one to step over. */
	t->at_bp = snare__bp_owner(p, st->pc);
	return action;
}
