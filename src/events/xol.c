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
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/user.h>
#include <sys/wait.h>
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
	int r = snare_proc_maps(&maps, &n, p);

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
						r = 0;
						break;
					}
			}
		}
	}
	snare_maps_free(maps, n);
	return r;
}

static int inject_mmap_flags(snare_thread *t, uint64_t hint, int extra,
			     uint64_t *out);

/*
 * Make the stopped thread t run mmap(hint, 4096, PROT_READ|PROT_EXEC,
 * MAP_PRIVATE|MAP_ANONYMOUS[|MAP_FIXED_NOREPLACE]) by single-stepping a `syscall` instruction of
 * the vDSO with crafted registers, then restore its registers.
 */
static int
inject_mmap(snare_thread *t, uint64_t hint, uint64_t *out)
{
	return inject_mmap_flags(t, hint, hint ? MAP_FIXED_NOREPLACE : 0, out);
}

static int
inject_mmap_flags(snare_thread *t, uint64_t hint, int extra, uint64_t *out)
{
	snare_regs saved, r;
	uint64_t sys;
	int err, sig;

	err = find_syscall_insn(t->proc, &sys);
	if (err < 0)
		return snare__err(t->proc->s, err, "no syscall instruction found for the scratch page");
	err = snare__regs_fetch(t);
	if (err < 0)
		return err;
	if (t->pc_dirty)
		t->regs.rip = t->pc;
	saved = t->regs;
	r = saved;
	r.rip = sys;
	r.orig_rax = (uint64_t)-1; /* rule 11 */
	r.rax = 9;                 /* mmap */
	r.rdi = hint;
	r.rsi = 4096;
	r.rdx = PROT_READ | PROT_EXEC;
	r.r10 = MAP_PRIVATE | MAP_ANONYMOUS | (uint64_t)extra;
	r.r8 = (uint64_t)-1;
	r.r9 = 0;
	if (snare__ptrace(PTRACE_SETREGS, t->tid, NULL, &r) < 0)
		return -errno;
	sig = 0;
	for (;;) {
		if (snare__ptrace(PTRACE_SINGLESTEP, t->tid, NULL, NULL) < 0)
			return -errno;
		err = snare__step_wait(t, &sig);
		if (err < 0)
			return err;
		if (sig == SIGTRAP || sig == 0)
			break;
		t->resume_sig = sig; /* deliver it when the thread resumes */
	}
	if (snare__ptrace(PTRACE_GETREGS, t->tid, NULL, &r) < 0)
		return -errno;
	if (snare__ptrace(PTRACE_SETREGS, t->tid, NULL, &saved) < 0)
		return -errno;
	t->regs = saved;
	t->regs_valid = true;
	t->regs_dirty = false;
	t->pc = saved.rip;
	t->pc_valid = true;
	t->pc_dirty = false;
	if (r.rax > (uint64_t)-4096)
		return -(int)-r.rax;
	*out = r.rax;
	return 0;
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
	r = snare_mem_write(p, slot, code, sizeof(code));
	if (r < 0)
		return r;
	p->xol_used++;
	bp->slot = slot;
	return 0;
}

/* Single-step the slot copy and map the pc back (INSN_STEP). */
static int
step_slot(snare_thread *t, snare_bp *bp)
{
	uint64_t pc, ret = bp->addr + bp->plan.len, sp;
	int r, sig = 0;

	snare__set_pc(t, bp->slot);
	r = snare__regs_flush(t);
	if (r < 0)
		return r;
	for (;;) {
		if (snare__ptrace(PTRACE_SINGLESTEP, t->tid, NULL,
				  (void *)(long)t->resume_sig) < 0)
			return -errno;
		t->resume_sig = 0;
		r = snare__step_wait(t, &sig);
		if (r < 0)
			return r;
		if (sig == SIGTRAP || sig == 0)
			break;
		t->resume_sig = sig;
	}
	if (snare__get_pc(&pc, t) < 0)
		return -ESRCH;
	if (bp->plan.is_call) {
		if (snare_thread_sp(&sp, t) == 0)
			snare_mem_write(t->proc, sp, &ret, sizeof(ret));
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
	if (!bp->inserted && bp->internal) {
		snare_bp *user = snare__bp_find_sw(t->proc, bp->addr);

		if (!user || !user->inserted)
			return 0;
		bp = user;
		pl = &bp->plan;
	}
	if (!bp->inserted || snare__get_pc(&pc, t) < 0 || pc != bp->addr)
		return 0; /* unpatched, or the user moved the pc */
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
		r = snare_mem_write(t->proc, t->regs.rsp - 8, &ret, 8);
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
