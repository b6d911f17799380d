/* SPDX-License-Identifier: MIT */
/*
 * swwatch.c: watchpoints by page protection, for machines whose debug
 * registers never fire, ranges they cannot cover, and when all four are
 * taken (docs/design.md, "Software watchpoints").
 *
 * The pages of a watched range lose write access (WATCH_WRITE) or all
 * access (WATCH_RW) with an mprotect run by a stopped thread of the
 * tracee. An access faults: the SIGSEGV (SEGV_ACCERR on one of our pages)
 * is told apart at collection (STOP_SWWATCH) and never delivered. Its
 * thread then runs the one instruction with the page open while every
 * other thread of the process is held (no access can slip through), and
 * the page is protected again. A watch fired when its bytes changed or the
 * access touched them; the report is queued (STOP_SWREPORT) so that it
 * comes through the loop like any stop, with old and new value.
 *
 * Syscalls never see EFAULT: at the entry of one whose buffers reach a
 * protected page the syscall is skipped, the pages are opened at its exit
 * stop, and the program's syscall instruction runs again; at its exit the
 * pages are protected again and changed watches are reported. Other
 * threads run meanwhile (the syscall may block on them), so an access of
 * theirs during that syscall is seen only as part of its change.
 *
 * The program's own mprotect() of a watched page is followed (its wish
 * becomes the page's protection under ours); munmap(), mremap() and
 * mmap(MAP_FIXED) end the watch on the pages they replace.
 *
 * This file keeps the pages' bookkeeping: which pages are protected and
 * how, arming and disarming a watch, the mprotect run in the tracee, and
 * the pages across detach, exec and fork. Faults on the pages and the
 * reports are in swwfault.c, syscalls over them in swwsys.c;
 * events/swwatch.h declares what the three share.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/socket.h>

#include "core/internal.h"
#include "events/swwatch.h"

#define SWW_MAX_LEN (16ul << 20)

struct sww_page *
snare__sww_page_find(snare_proc *p, uint64_t page)
{
	size_t i;

	for (i = 0; i < p->nswpages; i++)
		if (p->swpages[i].addr == page)
			return &p->swpages[i];
	return NULL;
}

/* The program's protection of addr's page (ours may be stricter). */
int
snare__sww_prot(snare_proc *p, uint64_t addr, int prot)
{
	struct sww_page *pg = snare__sww_page_find(p, PAGE_OF(addr));

	return pg ? pg->orig_prot : prot;
}

bool
snare__sww_watch_armed(const snare_bp *bp)
{
	return bp->sw && bp->inserted && !bp->removed;
}

/* The protection a page needs for the watches that cover it. */
int
snare__sww_prot_wanted(snare_proc *p, const struct sww_page *pg)
{
	int prot = pg->orig_prot;
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next) {
		if (!snare__sww_watch_armed(bp) || bp->addr >= pg->addr + PAGE ||
		    bp->addr + bp->len <= pg->addr)
			continue;
		if (bp->kind == SNARE_WATCH_RW)
			return PROT_NONE;
		prot &= ~PROT_WRITE;
	}
	return prot;
}

/* A stopped thread of p that can run an injected syscall, t first. */
snare_thread *
snare__sww_injector(snare_proc *p, snare_thread *t)
{
	snare_thread *o;

	if (t && snare__injectable(t, true))
		return t;
	for (o = p->threads; o; o = o->pnext)
		if (snare__injectable(o, false))
			return o;
	for (o = p->threads; o; o = o->pnext)
		if (snare__injectable(o, true))
			return o;
	return NULL;
}

int
snare__sww_mprotect(snare_thread *t, uint64_t addr, uint64_t len, int prot)
{
	uint64_t args[6] = { addr, len, (uint64_t)prot, 0, 0, 0 }, ret;
	bool busy = t->sww_busy;
	int r;

	t->sww_busy = true;
	r = snare__inject_syscall(t, SYS_mprotect, args, &ret);
	t->sww_busy = busy;
	if (r < 0)
		return r;
	return (int64_t)ret < 0 ? (int)(int64_t)ret : 0;
}

/*
 * Give every page of [lo, hi) that we track the protection it needs now
 * (all: the program's own, for a detach), one mprotect per run of
 * neighbouring pages that want the same.
 */
int
snare__sww_apply(snare_thread *t, uint64_t lo, uint64_t hi, bool orig)
{
	snare_proc *p = t->proc;
	uint64_t a, run = 0;
	int run_prot = -1, r = 0, e;

	for (a = PAGE_OF(lo); a < hi + PAGE; a += PAGE) {
		struct sww_page *pg = a < hi ? snare__sww_page_find(p, a) : NULL;
		int want = -1;

		if (pg) {
			want = orig ? pg->orig_prot : snare__sww_prot_wanted(p, pg);
			if (want == pg->prot && !orig)
				want = -1;
		}
		if (want != run_prot || a >= hi) {
			if (run_prot >= 0) {
				e = snare__sww_mprotect(t, run, a - run, run_prot);
				if (e < 0 && !r)
					r = e;
			}
			run = a;
			run_prot = want;
		}
		if (pg && want >= 0)
			pg->prot = want;
	}
	return r;
}

void
snare__sww_recent_add(snare_proc *p, uint64_t page)
{
	p->sww_recent[p->nsww_recent++ % 16] = page;
}

bool
snare__sww_in_recent(const snare_proc *p, uint64_t page)
{
	unsigned i;

	for (i = 0; i < 16 && i < p->nsww_recent; i++)
		if (p->sww_recent[i] == page)
			return true;
	return false;
}

/* Drop the pages no watch covers any more (their protection is back). */
static void
drop_unwatched(snare_proc *p)
{
	size_t i = 0;

	while (i < p->nswpages) {
		struct sww_page *pg = &p->swpages[i];

		if (pg->prot == pg->orig_prot && snare__sww_prot_wanted(p, pg) == pg->orig_prot) {
			snare__sww_recent_add(p, pg->addr);
			*pg = p->swpages[--p->nswpages];
			continue;
		}
		i++;
	}
}

int
snare__sww_arm(snare_bp *bp)
{
	snare_proc *p = bp->p;
	snare_map *maps;
	snare_thread *t;
	size_t n, i;
	uint64_t a, lo = PAGE_OF(bp->addr), hi = PAGE_OF(bp->addr + bp->len - 1) + PAGE;
	int r;

	if (bp->len > SWW_MAX_LEN)
		return snare__err(p->s, -EINVAL,
				  "watchpoint at 0x%llx: %zu bytes, page protection watches at most 16 MiB",
				  (unsigned long long)bp->addr, bp->len);
	t = snare__sww_injector(p, NULL);
	if (!t && p->state == SNARE_PROC_RUNNING) {
		r = snare__stop_proc(p);
		if (r < 0)
			return r;
		t = snare__sww_injector(p, NULL);
	}
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "watchpoint at 0x%llx: no thread of %d can change page protections now (all in syscalls or group-stop)",
				  (unsigned long long)bp->addr, p->pid);
	r = snare_proc_maps(&maps, &n, p);
	if (r < 0)
		return r;
	for (a = lo; a < hi; a += PAGE) {
		if (snare__sww_page_find(p, a))
			continue;
		for (i = 0; i < n; i++)
			if (a >= maps[i].start && a < maps[i].end)
				break;
		if (i == n) {
			snare_maps_free(maps, n);
			return snare__err(p->s, -EFAULT,
					  "watchpoint at 0x%llx: page 0x%llx is not mapped",
					  (unsigned long long)bp->addr,
					  (unsigned long long)a);
		}
		if (p->nswpages == p->swpages_cap) {
			size_t cap = p->swpages_cap ? 2 * p->swpages_cap : 8;
			struct sww_page *np = realloc(p->swpages, cap * sizeof(*np));

			if (!np) {
				snare_maps_free(maps, n);
				return -ENOMEM;
			}
			p->swpages = np;
			p->swpages_cap = cap;
		}
		p->swpages[p->nswpages++] = (struct sww_page){ a, maps[i].prot,
							       maps[i].prot };
	}
	snare_maps_free(maps, n);
	bp->inserted = true;
	p->nsww++;
	p->s->hooks_gen++; /* syscalls now stop: wants_syscall changed */
	r = snare__sww_apply(t, lo, hi, false);
	if (r < 0) {
		bp->inserted = false;
		p->nsww--;
		snare__sww_apply(t, lo, hi, false);
		drop_unwatched(p);
		return snare__err(p->s, r, "watchpoint at 0x%llx: mprotect in the tracee: %s",
				  (unsigned long long)bp->addr, snare_strerror(r));
	}
	return 0;
}

int
snare__sww_disarm(snare_bp *bp)
{
	snare_proc *p = bp->p;
	snare_thread *t;
	int r;

	if (!bp->sw || !bp->inserted)
		return 0;
	bp->inserted = false;
	p->nsww--;
	p->s->hooks_gen++;
	t = snare__sww_injector(p, NULL);
	if (!t && p->state == SNARE_PROC_RUNNING && snare__stop_proc(p) == 0)
		t = snare__sww_injector(p, NULL);
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "watchpoint at 0x%llx: no thread of %d can give the pages their protection back now",
				  (unsigned long long)bp->addr, p->pid);
	r = snare__sww_apply(t, PAGE_OF(bp->addr),
			    PAGE_OF(bp->addr + bp->len - 1) + PAGE, false);
	drop_unwatched(p);
	return r;
}

/* Before a detach: every page gets the program's protection back. */
int
snare__sww_release(snare_proc *p)
{
	snare_thread *t;
	size_t i;
	int r = 0, e;

	snare__sww_unskip(p);

	if (!p->nswpages) {
		snare__sww_forget(p);
		return 0;
	}
	t = snare__sww_injector(p, NULL);
	if (!t)
		r = snare__err(p->s, -EBUSY,
			       "detach %d: no thread can give the watched pages their protection back",
			       p->pid);
	for (i = 0; t && i < p->nswpages; i++) {
		e = snare__sww_mprotect(t, p->swpages[i].addr, PAGE, p->swpages[i].orig_prot);
		if (e < 0 && !r)
			r = e;
	}
	snare__sww_forget(p);
	return r;
}

/* The pages' state is gone with the image (exec) or the process. */
void
snare__sww_forget(snare_proc *p)
{
	snare_thread *t;

	free(p->swpages);
	p->swpages = NULL;
	p->nswpages = p->swpages_cap = 0;
	p->nsww = p->sww_sc_open = 0;
	p->sww_sc_mode = 0;
	p->nsww_recent = 0;
	for (t = p->threads; t; t = t->pnext) {
		t->nsww_open = 0;
		t->sww_sc = SC_NONE;
		t->sww_held = false;
	}
}

/* A fork child has the parent's memory, protections included. */
int
snare__sww_inherit(snare_proc *c, snare_proc *parent)
{
	if (!parent->nswpages)
		return 0;
	c->swpages = malloc(parent->nswpages * sizeof(*c->swpages));
	if (!c->swpages)
		return -ENOMEM;
	memcpy(c->swpages, parent->swpages, parent->nswpages * sizeof(*c->swpages));
	c->nswpages = c->swpages_cap = parent->nswpages;
	c->nsww = parent->nsww;
	return 0;
}
