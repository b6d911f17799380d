/* SPDX-License-Identifier: MIT */
/*
 * swwfault.c: an access to a page protected for a software watch (see
 * swwatch.c at the top). At collection the SIGSEGV is told apart
 * (STOP_SWWATCH); at dispatch its thread runs the one instruction with
 * the page open while the process's other threads are held, the page is
 * protected again, and a watch whose bytes changed or were touched gets
 * its report queued (STOP_SWREPORT). The pages' bookkeeping is in
 * swwatch.c, syscalls over watched pages in swwsys.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "events/swwatch.h"

/*
 * Threads of p other than t that run: stop them until t is done. Those
 * stopped already are marked, so that the release resumes the others,
 * threads born meanwhile (whose first stop the all-stop took) included.
 */
static int
hold_others(snare_thread *t)
{
	snare_proc *p = t->proc;
	snare_thread *o;
	bool any = false;

	for (o = p->threads; o; o = o->pnext) {
		o->sww_held = o != t && o->state != TS_STOPPED && !o->vfork_wait &&
			      o->state != TS_DEAD;
		o->sww_seen = true;
		any |= o->sww_held;
	}
	p->sww_holding = any;
	return any ? snare__stop_proc(p) : 0;
}

static void
release_others(snare_proc *p, snare_thread *t)
{
	snare_thread *o;

	if (!p->sww_holding)
		return;
	p->sww_holding = false;
	for (o = p->threads; o; o = o->pnext) {
		if (o == t || o->state != TS_STOPPED)
			continue;
		/* Held by us, or new: its first stop went to the all-stop. */
		if (o->sww_held || !o->sww_seen)
			snare__resume(o);
		o->sww_held = false;
	}
	for (o = p->threads; o; o = o->pnext)
		o->sww_seen = true;
	if (p->state == SNARE_PROC_STOPPED)
		p->state = SNARE_PROC_RUNNING;
}

/* At collection: is this SIGSEGV a fault on one of our pages? */
void
snare__sww_classify(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	uint64_t page;

	if (st->sig != SIGSEGV || !st->has_si || st->si.si_code != SEGV_ACCERR ||
	    (!p->nswpages && !p->nsww_recent))
		return;
	page = PAGE_OF((uint64_t)(uintptr_t)st->si.si_addr);
	if (snare__sww_page_find(p, page) || snare__sww_in_recent(p, page))
		st->kind = STOP_SWWATCH;
}

/* The instruction address a pc in an out-of-line slot stands for. */
static uint64_t
original_pc(snare_proc *p, uint64_t pc)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->slot && pc >= bp->slot && pc < bp->slot + SNARE_ARCH_SLOT_SIZE)
			return bp->addr + (pc - bp->slot);
	return pc;
}

/* Open the page of a fault of t, holding the other threads first. */
static int
open_page(snare_thread *t, uint64_t addr)
{
	snare_proc *p = t->proc;
	struct sww_page *pg = snare__sww_page_find(p, PAGE_OF(addr));
	int r;

	if (!pg || t->nsww_open == sizeof(t->sww_open) / sizeof(t->sww_open[0]))
		return -EFAULT;
	if (!t->nsww_open) {
		r = hold_others(t);
		if (r < 0)
			return r;
		if (snare__get_pc(&t->sww_insn, t) < 0)
			return -ESRCH;
	}
	r = snare__sww_mprotect(t, pg->addr, PAGE, pg->orig_prot);
	if (r < 0)
		return r;
	pg->prot = pg->orig_prot;
	t->sww_open[t->nsww_open] = pg->addr;
	t->sww_acc[t->nsww_open] = addr;
	t->nsww_open++;
	return 0;
}

/*
 * bp fired if its bytes changed since the last report or the access
 * touched them: queue its report (the thread stays stopped until it is
 * dispatched) with the old and new value, and take the new one as the
 * value to compare with from now on. Returns whether it fired.
 */
bool
snare__sww_report(snare_thread *t, snare_bp *bp, bool touched, uint64_t pc,
		  uint64_t insn, uint64_t access)
{
	struct snare__stop st;
	uint8_t *vals;

	if (!bp->shadow)
		return false;
	vals = malloc(2 * bp->len);
	if (!vals)
		return false;
	memcpy(vals, bp->shadow, bp->len);
	if (snare_mem_read(vals + bp->len, bp->p, bp->addr, bp->len) < 0)
		memcpy(vals + bp->len, bp->shadow, bp->len);
	if (!touched && !memcmp(vals, vals + bp->len, bp->len)) {
		free(vals);
		return false;
	}
	memcpy(bp->shadow, vals + bp->len, bp->len);
	memset(&st, 0, sizeof(st));
	st.kind = STOP_SWREPORT;
	st.bp = bp;
	st.pc = pc;
	st.insn = insn;
	st.access = access;
	st.vals = vals;
	if (snare__queue_push(t->proc->s, t, &st) < 0)
		free(vals);
	return true;
}

/*
 * A step of t is done (it ran the faulting instruction with its pages
 * open, or the instruction faulted for the program's own reasons):
 * protect them again, queue the reports, let the others go.
 */
void
snare__sww_step_done(snare_thread *t, bool completed)
{
	snare_proc *p = t->proc;
	uint64_t pages[4], acc[4], pc = 0, insn = t->sww_insn;
	unsigned n = t->nsww_open, i;
	uint8_t code[16];
	size_t size = 0, got = sizeof(code);
	snare_thread *inj;
	snare_bp *bp;

	if (!n || t->sww_busy)
		return;
	memcpy(pages, t->sww_open, sizeof(pages));
	memcpy(acc, t->sww_acc, sizeof(acc));
	t->nsww_open = 0;
	inj = snare__sww_injector(p, t->state == TS_STOPPED ? t : NULL);
	for (i = 0; i < n; i++) {
		struct sww_page *pg = snare__sww_page_find(p, pages[i]);

		/* A syscall of another thread has the pages open: it
		   protects them at its end. */
		if (pg && inj && !p->sww_sc_open) {
			int want = snare__sww_prot_wanted(p, pg);

			if (snare__sww_mprotect(inj, pg->addr, PAGE, want) == 0)
				pg->prot = want;
		}
	}
	if (t->state == TS_STOPPED && p->state != SNARE_PROC_EXITED) {
		snare__get_pc(&pc, t);
		while (got && snare_mem_read(code, p, insn, got) < 0)
			got--;
		size = got ? snare__insn_mem_size(code, got) : 0;
		if (!size)
			size = 1;
		for (bp = p->bps; bp; bp = bp->next) {
			bool touched = false;

			if (!snare__sww_watch_armed(bp) || !bp->enabled)
				continue;
			/* A faulting instruction did not access anything. */
			for (i = 0; i < n && completed; i++)
				touched |= snare__sww_overlaps(acc[i], size, bp->addr, bp->len);
			/* While a syscall has the pages open, a change is
			   its own (reported at its exit), not this access's. */
			if (touched || !p->sww_sc_open)
				snare__sww_report(t, bp, touched, pc, original_pc(p, insn),
					     touched ? acc[0] : 0);
		}
	}
	release_others(p, t);
}

/* A step of t met another of our pages (one instruction, two pages). */
int
snare__sww_step_fault(snare_thread *t, struct snare__stop *st)
{
	uint64_t addr = (uint64_t)(uintptr_t)st->si.si_addr;
	unsigned i;

	if (t->sww_busy)
		return -EBUSY;
	if (!snare__sww_page_find(t->proc, PAGE_OF(addr)))
		return 0; /* given back meanwhile: the step goes on */
	for (i = 0; i < t->nsww_open; i++)
		if (t->sww_open[i] == PAGE_OF(addr))
			return -EFAULT; /* open, and still a fault: the program's */
	return open_page(t, addr);
}

/*
 * Dispatch of a fault on one of our pages: the access runs once with the
 * page open (others held), and the report is queued.
 */
int
snare__sww_stop(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	uint64_t addr = (uint64_t)(uintptr_t)st->si.si_addr, pc = 0;
	int r, kind;

	t->resume_sig = 0;
	if (snare__get_pc(&pc, t) < 0)
		return SNARE_CONTINUE;
	if (!snare__sww_page_find(p, PAGE_OF(addr))) {
		/* The page was given back after the fault: run the
		   instruction again; the same fault twice is the program's. */
		if (t->sww_retry_addr == addr && t->sww_retry_pc == pc) {
			t->sww_retry_addr = 0;
			t->resume_sig = SIGSEGV;
		} else {
			t->sww_retry_addr = addr;
			t->sww_retry_pc = pc;
		}
		return SNARE_CONTINUE;
	}
	t->sww_retry_addr = 0;
	r = open_page(t, addr);
	if (r == 0)
		r = snare__step(t, &kind, true);
	else
		release_others(p, t);
	if (r < 0 && r != SNARE_EEXITED) {
		p->s->run_error = snare__err(p->s, r,
					     "watchpoint: running the access at 0x%llx of thread %d: %s",
					     (unsigned long long)pc, t->tid,
					     snare_strerror(r));
		return SNARE_STOP;
	}
	return SNARE_CONTINUE;
}
