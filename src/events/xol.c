/* SPDX-License-Identifier: MIT */
/*
 * xol.c: running the instruction under a software breakpoint out of line.
 *
 * On resume from a hit, the covered instruction is emulated (jmp, call, jcc,
 * nop, endbr64: arch/x86_64/insn.c decides) or run from a copy in a scratch
 * page of the tracee, followed by a jump back; the int3 stays in memory.
 * The scratch page is mapped lazily, at the first hit, near the code (so a
 * rip-relative operand reaches its target), by making the hitting thread
 * run an mmap through a `syscall` instruction of the vDSO with one
 * single-step.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/internal.h"

#define XOL_SLOTS (4096 / SNARE_ARCH_SLOT_SIZE)
#define RIPREL_REACH (0x7fffffffll - 8192)

/* Find a `syscall` instruction in the vDSO (or any executable mapping). */
static int
find_syscall_insn(snare_proc *p, uint64_t *out)
{
	snare_map *maps;
	size_t n, i, pass;
	uint8_t buf[4096];
	int r;

	/* The vDSO's stays where it is until the next exec: check its
	   two bytes rather than read the maps again. */
	if (p->syscall_insn &&
	    snare__mem_read_raw(buf, p, p->syscall_insn, 2) == 0 &&
	    buf[0] == 0x0f && buf[1] == 0x05) {
		*out = p->syscall_insn;
		return 0;
	}
	p->syscall_insn = 0;
	r = snare_proc_maps(&maps, &n, p);
	if (r < 0)
		return r;
	r = -ENOENT;
	for (pass = 0; pass < 2 && r < 0; pass++) {
		for (i = 0; i < n && r < 0; i++) {
			uint64_t a;

			if (!(maps[i].prot & PROT_EXEC) ||
			    (pass == 0) != !strcmp(maps[i].path, "[vdso]"))
				continue;
			for (a = maps[i].start; a < maps[i].end && r < 0; a += sizeof(buf) - 1) {
				size_t len = maps[i].end - a < sizeof(buf) ? maps[i].end - a : sizeof(buf);
				size_t k;

				if (snare_mem_read(buf, p, a, len) < 0)
					break;
				for (k = 0; k + 1 < len; k++)
					if (buf[k] == 0x0f && buf[k + 1] == 0x05) {
						*out = a + k;
						if (pass == 0)
							p->syscall_insn = a + k;
						r = 0;
						break;
					}
			}
		}
	}
	snare_maps_free(maps, n);
	return r;
}

/*
 * Make the stopped thread t run syscall nr with args by single-stepping a
 * `syscall` instruction of the vDSO with crafted registers, then restore
 * its registers. Signals that arrive meanwhile are held for its next
 * resume. *ret is the syscall's return value.
 */
/* For call.c: a `syscall` instruction to run in the process. */
int
snare__syscall_insn(snare_proc *p, uint64_t *out)
{
	return find_syscall_insn(p, out);
}

int
snare__inject_syscall(snare_thread *t, long nr, const uint64_t args[6], uint64_t *ret)
{
	snare_regs saved;
	uint64_t sys;
	int err, kind;

	err = find_syscall_insn(t->proc, &sys);
	if (err < 0)
		return snare__err(t->proc->s, err, "no syscall instruction found for the scratch page");
	if (t->stop.kind == STOP_EXEC || t->stop.kind == STOP_CLONE ||
	    t->stop.kind == STOP_VFORK_DONE) {
		/* Still inside the syscall: its return value would land in
		   our rax. Finish it first. */
		err = snare__to_syscall_exit(t);
		if (err < 0)
			return err;
	}
	err = snare__regs_fetch(t);
	if (err < 0)
		return err;
	if (t->pc_dirty)
		t->regs.rip = t->pc;
	saved = t->regs;
	if (t->stop.kind == STOP_SYSCALL && (int64_t)saved.orig_rax >= 0) {
		/* At a syscall-exit stop with a restart pending, the kernel
		   restarts on the way back to user mode, which our step is:
		   it would see our orig_rax (-1) and not restart, and the
		   program's syscall would fail with -ERESTART*. Do what the
		   kernel would have done (arch/x86/kernel/signal.c). */
		switch ((int64_t)saved.rax) {
		case -512: /* ERESTARTSYS */
		case -513: /* ERESTARTNOINTR */
		case -514: /* ERESTARTNOHAND */
			saved.rax = saved.orig_rax;
			saved.rip -= 2;
			saved.orig_rax = (uint64_t)-1;
			break;
		case -516: /* ERESTART_RESTARTBLOCK */
			saved.rax = SYS_restart_syscall;
			saved.rip -= 2;
			saved.orig_rax = (uint64_t)-1;
			break;
		default:
			break;
		}
	}
	t->regs.rip = sys;
	t->regs.orig_rax = (uint64_t)-1; /* rule 11 */
	t->regs.rax = (uint64_t)nr;
	t->regs.rdi = args[0];
	t->regs.rsi = args[1];
	t->regs.rdx = args[2];
	t->regs.r10 = args[3];
	t->regs.r8 = args[4];
	t->regs.r9 = args[5];
	t->regs_dirty = true;
	t->pc_dirty = false;
	err = snare__step(t, &kind, true);
	if (err < 0)
		return err;
	if (kind != STOP_STEP) {
		/* A fault of ours (dropped), a group-stop, an exec or a death
		   came first: whatever it was, the thread gets its own
		   registers back if it is still there (not after an exec). */
		if (kind == STOP_SIGNAL)
			t->resume_sig = 0;
		if (t->state == TS_STOPPED && kind != STOP_EXEC) {
			t->regs = saved;
			t->regs_valid = t->regs_dirty = true;
			t->pc_valid = t->pc_dirty = false;
		}
		return -EINTR;
	}
	err = snare__regs_fetch(t);
	if (err < 0)
		return err;
	*ret = t->regs.rax;
	t->regs = saved;
	t->regs_dirty = true;
	return 0;
}

/*
 * mmap(hint, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS|extra)
 * in the tracee, through t.
 */
static int
inject_mmap_flags(snare_thread *t, uint64_t hint, int extra, uint64_t *out)
{
	uint64_t args[6] = { hint, 4096, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS | (uint64_t)extra,
			     (uint64_t)-1, 0 };
	uint64_t r;
	int err = snare__inject_syscall(t, SYS_mmap, args, &r);

	if (err < 0)
		return err;
	if (r > (uint64_t)-4096)
		return -(int)-r;
	*out = r;
	return 0;
}

static int
inject_mmap(snare_thread *t, uint64_t hint, uint64_t *out)
{
	return inject_mmap_flags(t, hint, hint ? MAP_FIXED_NOREPLACE : 0, out);
}

/*
 * Could t run an injected syscall now? It must be held by us at a stop
 * from which a single-step runs user code: not a syscall entry (the
 * syscall would run first), not in group-stop or exiting, with no stop
 * queued.
 */
bool
snare__injectable(const snare_thread *t, bool last_resort)
{
	if (t->state != TS_STOPPED || t->exiting_stop || t->vfork_wait)
		return false;
	/* A queued stop (a breakpoint rewound, a signal) stays valid for a
	   detach; a thread in group-stop runs the one instruction and is
	   stopped again by the kernel when detached (the group-stop is
	   still in effect). Only as a last resort. */
	if ((t->queued || t->group_stop) && !last_resort)
		return false;
	switch (t->stop.kind) {
	case STOP_SYSCALL:
		/* Only at an exit: from an entry stop the step would run
		   (or, with our registers, skip) the program's syscall.
		   sc_stop_exit is known at collection, even for a stop still
		   queued; sc_in only after dispatch. */
		return t->sc_stop_exit;
	case STOP_SECCOMP:
	case STOP_EXIT_EVENT:
	case STOP_EXITED:
	case STOP_NONE:
		return false;
	case STOP_GROUP:
		return last_resort;
	default:
		return true;
	}
}

/*
 * A thread stopped in the middle of an out-of-line copy (an interrupt
 * that landed between the copy and its jump back) is put back at the
 * matching place of the original code, before a detach takes the
 * scratch page away.
 */
void
snare__xol_fixup_pc(snare_thread *t)
{
	snare_proc *p = t->proc;
	snare_bp *bp;
	uint64_t pc;

	if (!p->nxol || t->state != TS_STOPPED || snare__get_pc(&pc, t) < 0)
		return;
	for (bp = p->bps; bp; bp = bp->next) {
		if (!bp->slot || pc < bp->slot || pc >= bp->slot + SNARE_ARCH_SLOT_SIZE)
			continue;
		if (pc == bp->slot)
			snare__set_pc(t, bp->addr);
		else if (pc == bp->slot + bp->plan.len)
			snare__set_pc(t, bp->addr + bp->plan.len);
		return;
	}
}

/*
 * Before a detach: unmap the scratch pages, through any thread that can
 * run an injected syscall. Without one (all in group-stop, say), they
 * stay, and so does the reason in the session's message.
 */
int
snare__xol_unmap(snare_proc *p)
{
	snare_thread *t;
	size_t i;
	int r = 0;

	if (!p->nxol)
		return 0;
	for (t = p->threads; t; t = t->pnext)
		if (snare__injectable(t, false))
			break;
	if (!t)
		for (t = p->threads; t; t = t->pnext)
			if (snare__injectable(t, true))
				break;
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "detach %d: no thread can unmap the scratch page (all are in group-stop or syscalls)",
				  p->pid);
	for (i = 0; i < p->nxol; i++) {
		uint64_t args[6] = { p->xol_pages[i], 4096, 0, 0, 0, 0 }, ret;

		if (snare__inject_syscall(t, SYS_munmap, args, &ret) < 0)
			r = -ESRCH;
	}
	free(p->xol_pages);
	p->xol_pages = NULL;
	p->nxol = p->xol_used = 0;
	return r;
}

static bool
reaches(const snare_bp *bp, uint64_t slot)
{
	int64_t d;

	if (!bp->plan.riprel)
		return true;
	d = bp->plan.riprel_target - (int64_t)slot;
	return d > -RIPREL_REACH && d < RIPREL_REACH;
}

static int
add_page(snare_proc *p, uint64_t page)
{
	uint64_t *pages = realloc(p->xol_pages, (p->nxol + 1) * sizeof(*pages));

	if (!pages)
		return -ENOMEM;
	p->xol_pages = pages;
	p->xol_pages[p->nxol++] = page;
	p->xol_used = 0;
	return 0;
}

/*
 * Map a scratch page within rel32 reach of what bp's instruction refers
 * to: try just below the code, then above it (a non-PIE binary sits low,
 * where "below" does not exist), each exactly (MAP_FIXED_NOREPLACE) and
 * then as a hint. A page that ends up out of reach still serves
 * instructions without rip-relative operands.
 */
static int
map_page_near(snare_thread *t, snare_bp *bp, uint64_t *out)
{
	uint64_t base = bp->addr & ~0xfffull, cand[3], page;
	size_t i, n = 0;
	int r = -ENOMEM;

	if (base > (128ull << 20))
		cand[n++] = base - (64ull << 20);
	cand[n++] = base + (256ull << 20);
	cand[n++] = base + (1ull << 30);
	for (i = 0; i < n; i++) {
		r = inject_mmap(t, cand[i], &page);
		if (r < 0)
			continue;
		r = add_page(t->proc, page);
		if (r < 0)
			return r;
		if (reaches(bp, page)) {
			*out = page;
			return 0;
		}
	}
	/* Anywhere: fine for instructions without rip-relative operands. */
	if (!bp->plan.riprel && inject_mmap_flags(t, 0, 0, &page) == 0) {
		r = add_page(t->proc, page);
		if (r == 0)
			*out = page;
		return r;
	}
	return r < 0 ? r : -ERANGE;
}

/* Give bp an out-of-line slot, mapping a scratch page near it if needed. */
static int
ensure_slot(snare_thread *t, snare_bp *bp)
{
	snare_proc *p = t->proc;
	uint8_t code[SNARE_ARCH_SLOT_SIZE];
	uint64_t page = 0, slot;
	int r;

	if (bp->slot)
		return 0;
	if (p->nxol && p->xol_used < XOL_SLOTS &&
	    reaches(bp, p->xol_pages[p->nxol - 1] + p->xol_used * SNARE_ARCH_SLOT_SIZE))
		page = p->xol_pages[p->nxol - 1];
	if (!page) {
		r = map_page_near(t, bp, &page);
		if (r < 0)
			return snare__err(p->s, r, "scratch page for breakpoint at 0x%llx: %s",
					  (unsigned long long)bp->addr,
					  r == -ERANGE ? "none within reach of its rip-relative operand"
						       : snare_strerror(r));
	}
	slot = page + p->xol_used * SNARE_ARCH_SLOT_SIZE;
	r = snare__insn_slot_code(code, &bp->plan, bp->addr, slot);
	if (r < 0)
		return snare__err(p->s, r, "breakpoint at 0x%llx: its rip-relative operand is out of reach of the scratch page",
				  (unsigned long long)bp->addr);
	r = snare__mem_write_raw(p, slot, code, sizeof(code));
	if (r < 0)
		return r;
	p->xol_used++;
	bp->slot = slot;
	return 0;
}

/*
 * Single-step the slot copy and map the pc back (INSN_STEP). Signals that
 * arrive during the step are held until it is done: delivered in the
 * slot, a handler would run with the copy's return address and an
 * indirect call's fix-up would write over the handler's frame.
 */
static int
step_slot(snare_thread *t, snare_bp *bp)
{
	uint64_t pc, ret = bp->addr + bp->plan.len, sp;
	int r, kind;

	snare__set_pc(t, bp->slot);
	r = snare__step(t, &kind, true);
	if (r < 0)
		return r;
	if (kind == STOP_SIGNAL && snare__get_pc(&pc, t) == 0 &&
	    pc >= bp->slot && pc < bp->slot + SNARE_ARCH_SLOT_SIZE) {
		/* The instruction faulted in its copy: the fault is
		   delivered at the original address (resume_sig). */
		snare__set_pc(t, bp->addr + (pc - bp->slot));
		return 0;
	}
	if (kind != STOP_STEP)
		return 0; /* exec: the image is gone; death: nothing to fix */
	if (snare__get_pc(&pc, t) < 0)
		return -ESRCH;
	if (bp->plan.is_call) {
		if (snare_thread_sp(&sp, t) == 0)
			snare__mem_write_raw(t->proc, sp, &ret, sizeof(ret));
	} else if (pc >= bp->slot - 256 && pc < bp->slot + 256) {
		snare__set_pc(t, bp->addr + (pc - bp->slot));
	}
	return 0;
}

/*
 * On resume of a thread stopped on a software breakpoint: run the covered
 * instruction without taking the int3 out (emulate, or out of line).
 */
int
snare__bp_step_over(snare_thread *t)
{
	snare_bp *bp = t->at_bp;
	const struct insn_plan *pl = &bp->plan;
	uint64_t pc, ret;
	int r;

	t->at_bp = NULL;
	/* The record that owns the int3 now (it may have changed hands). */
	bp = snare__bp_owner(t->proc, bp->addr);
	if (!bp || snare__get_pc(&pc, t) < 0 || pc != bp->addr)
		return 0; /* unpatched, or the user moved the pc */
	pl = &bp->plan;
	switch (pl->kind) {
	case INSN_SKIP:
		snare__set_pc(t, bp->addr + pl->len);
		return 0;
	case INSN_JMP:
		snare__set_pc(t, pl->target);
		return 0;
	case INSN_CALL:
		r = snare__regs_fetch(t);
		if (r < 0)
			return r;
		ret = bp->addr + pl->len;
		r = snare__mem_write_raw(t->proc, t->regs.rsp - 8, &ret, 8);
		if (r < 0)
			return r;
		t->regs.rsp -= 8;
		t->regs_dirty = true;
		snare__set_pc(t, pl->target);
		return 0;
	case INSN_JCC:
		r = snare__regs_fetch(t);
		if (r < 0)
			return r;
		snare__set_pc(t, snare__insn_jcc_taken(pl, t->regs.eflags, t->regs.rcx)
					 ? pl->target : bp->addr + pl->len);
		return 0;
	case INSN_DISPLACE:
		r = ensure_slot(t, bp);
		if (r < 0)
			return r;
		snare__set_pc(t, bp->slot);
		return 0;
	case INSN_STEP:
		r = ensure_slot(t, bp);
		return r < 0 ? r : step_slot(t, bp);
	}
	return 0;
}
