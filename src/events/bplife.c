/* SPDX-License-Identifier: MIT */
/*
 * bplife.c: breakpoints across the life of their process: a detach puts
 * every patched byte back, an exec forgets them (rule 9; those set by
 * location wait for the new program), a fork child gets copies of the
 * parent's, and the end of the process frees them. The records and their
 * arming are in bp.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "events/bp.h"

/* Before a detach: every patched byte back, every debug register off. */
void
snare__bp_unpatch_all(snare_proc *p)
{
	snare_bp *bp;
	snare_thread *t;
	int i;

	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind == SNARE_BP_SOFTWARE)
			snare__bp_unpatch_raw(bp);
		if (bp->sw)
			bp->inserted = false;
	}
	snare__sww_release(p);
	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++)
		p->dr[i] = NULL;
	p->dr_gen++;
	for (t = p->threads; t; t = t->pnext)
		if (t->state == TS_STOPPED)
			snare__bp_write_drs(t);
}

/*
 * What ties breakpoints to the process's current image, once none is
 * inserted any more: threads stopped on one, debug-register owners,
 * scratch pages, late-trap addresses, the loader's breakpoints.
 */
static void
forget_placement(snare_proc *p)
{
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		t->at_bp = NULL;
	memset(p->dr, 0, sizeof(p->dr));
	free(p->xol_pages);
	p->xol_pages = NULL;
	p->nxol = p->xol_used = 0;
	p->nmoribund = 0;
	p->syscall_insn = 0;
	p->ldso_bp = p->entry_bp = NULL;
}

void
snare__bp_free_all(snare_proc *p)
{
	snare_bp *bp, *next;

	for (bp = p->bps; bp; bp = next) {
		next = bp->next;
		bp->removed = true;
		snare__bp_discard(bp);
	}
	p->bps = NULL;
	forget_placement(p);
	snare__sww_forget(p);
	snare__bpsym_free(p);
}

/*
 * After exec the image is new: every breakpoint is simply gone (rule 9),
 * except that those set by location wait to be resolved in the new program.
 */
void
snare__bp_exec(snare_proc *p)
{
	snare_bp *bp, *next, *keep = NULL, **tail = &keep;

	for (bp = p->bps; bp; bp = next) {
		next = bp->next;
		if (bp->location[0] && !bp->sys && !bp->internal) {
			bp->inserted = false;
			bp->pending = true;
			bp->addr = 0;
			bp->slot = 0;
			bp->dr = -1;
			bp->sw = false;
			snare__bp_free_vals(bp);
			bp->next = NULL;
			*tail = bp;
			tail = &bp->next;
		} else {
			bp->removed = true;
			snare__bp_discard(bp);
		}
	}
	p->bps = keep;
	forget_placement(p);
	snare__sww_forget(p); /* the pages went with the image */
	p->dr_gen++; /* the kernel cleared the debug registers */
	snare__bpsym_exec(p);
}

/* Is [addr, addr + 4096) mapped in p? */
static bool
page_mapped(const snare_map *maps, size_t n, uint64_t addr)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (addr >= maps[i].start && addr < maps[i].end)
			return true;
	return false;
}

/*
 * The child's memory is the parent's as of the fork, and the parent may
 * have mapped a scratch page, or filled a slot, after that instant (another
 * thread's first hit) and before the fork event was collected. So the
 * child keeps only the pages it really has, writes every slot it keeps
 * again (the same code, in its own copy of the page), and maps new ones as
 * it needs them. A slot taken on trust sent the child into an unmapped page.
 */
static int
inherit_slots(snare_proc *c, snare_proc *parent)
{
	uint8_t code[SNARE_ARCH_SLOT_SIZE];
	snare_map *maps = NULL;
	size_t n = 0, i;
	snare_bp *bp;

	if (!parent->nxol)
		return 0;
	if (snare_proc_maps(&maps, &n, c) < 0)
		n = 0;
	c->xol_pages = malloc(parent->nxol * sizeof(*c->xol_pages));
	if (!c->xol_pages) {
		snare_maps_free(maps, n);
		return -ENOMEM;
	}
	for (i = 0; i < parent->nxol; i++)
		if (page_mapped(maps, n, parent->xol_pages[i]))
			c->xol_pages[c->nxol++] = parent->xol_pages[i];
	/* The last page's free slots are known only if it is the
	   parent's last page too. */
	c->xol_used = c->nxol && c->xol_pages[c->nxol - 1] ==
				   parent->xol_pages[parent->nxol - 1]
			      ? parent->xol_used
			      : 4096 / SNARE_ARCH_SLOT_SIZE;
	for (bp = c->bps; bp; bp = bp->next) {
		if (!bp->slot)
			continue;
		if (!page_mapped(maps, n, bp->slot) ||
		    snare__insn_slot_code(code, &bp->plan, bp->addr, bp->slot) < 0 ||
		    snare__mem_write_raw(c, bp->slot, code, sizeof(code)) < 0)
			bp->slot = 0;
	}
	snare_maps_free(maps, n);
	return 0;
}

/* A fork child has the parent's int3s and scratch pages: mirror them. */
int
snare__bp_inherit(snare_proc *c, snare_proc *parent)
{
	snare_bp *bp, *nb, **tail = &c->bps;
	int i;

	c->libs_loaded = parent->libs_loaded;
	for (bp = parent->bps; bp; bp = bp->next) {
		if (bp->internal)
			continue; /* a finish/next target: the parent's thread's */
		nb = malloc(sizeof(*nb));
		if (!nb)
			return -ENOMEM;
		*nb = *bp;
		nb->p = c;
		nb->hits = 0;
		nb->next = NULL;
		nb->shadow = nb->ev_vals = NULL;
		if (bp->shadow && snare__bp_watch_vals(nb) == 0)
			memcpy(nb->shadow, bp->shadow, bp->len);
		*tail = nb;
		tail = &nb->next;
		if (snare__bp_uses_dr(bp) && bp->dr >= 0)
			c->dr[bp->dr] = nb;
		if (bp == parent->ldso_bp)
			c->ldso_bp = nb;
		if (bp == parent->entry_bp)
			c->entry_bp = nb;
	}
	/* The int3 of a finish/next target is in the child's copy of the
	   memory too: one of the child's records at that address owns it
	   now, or it is taken out of the child. */
	for (bp = parent->bps; bp; bp = bp->next) {
		if (!bp->internal || !bp->inserted)
			continue;
		for (nb = c->bps; nb; nb = nb->next)
			if (nb->kind == SNARE_BP_SOFTWARE && nb->addr == bp->addr &&
			    nb->enabled && !nb->pending)
				break;
		if (nb)
			nb->inserted = true;
		else
			snare__mem_write_raw(c, bp->addr, &bp->orig, 1);
	}
	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++)
		if (c->dr[i])
			c->dr_gen = 1;
	if (snare__sww_inherit(c, parent) < 0)
		return -ENOMEM;
	return inherit_slots(c, parent);
}
