/* SPDX-License-Identifier: MIT */
/*
 * snaprestore.c: put a snapshot back (include/snare.h, "Snapshots"), in
 * the order snapshot.c's header comment gives: the checks that can
 * refuse, the layout by injected syscalls, memory page by page, the
 * registers last.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "state/snapshot.h"

#define WBATCH 512              /* pages per process_vm_writev */

/* ---- restore: the plan ------------------------------------------------ */

enum { OP_MUNMAP, OP_MMAP, OP_MPROTECT };

struct op {
	int kind;
	uint64_t start, end;
	int prot;
};

struct plan {
	struct op *ops;
	size_t nops, cap;
	bool *recheck;          /* per saved map: compare it in full */
	uint64_t brk;           /* brk() to this, 0 for none */
};

static int
plan_add(struct plan *pl, int kind, uint64_t start, uint64_t end, int prot)
{
	if (pl->nops == pl->cap) {
		size_t cap = pl->cap ? 2 * pl->cap : 16;
		struct op *o = realloc(pl->ops, cap * sizeof(*o));

		if (!o)
			return -ENOMEM;
		pl->ops = o;
		pl->cap = cap;
	}
	pl->ops[pl->nops++] = (struct op){ kind, start, end, prot };
	return 0;
}

/* Whether a map takes part in the layout comparison. */
static bool
layout_map(const struct snap_map *m)
{
	return !snare__snap_special(m) && !snare__snap_is_heap(m);
}

/*
 * Call fn for each piece of [start, end) that no layout map of `by`
 * covers.
 */
static int
uncovered(uint64_t start, uint64_t end, const struct snap_map *by, size_t n,
	  int (*fn)(uint64_t, uint64_t, void *), void *arg)
{
	size_t i;
	int r;

	for (i = 0; i < n && start < end; i++) {
		if (!layout_map(&by[i]) || by[i].end <= start)
			continue;
		if (by[i].start >= end)
			break;
		if (by[i].start > start) {
			r = fn(start, by[i].start, arg);
			if (r < 0)
				return r;
		}
		start = by[i].end;
	}
	if (start < end)
		return fn(start, end, arg);
	return 0;
}

struct piece_ctx {
	struct plan *pl;
	snare_proc *p;
	const struct snap_map *m;
	size_t idx;
};

static int
add_munmap(uint64_t start, uint64_t end, void *arg)
{
	struct piece_ctx *c = arg;

	return plan_add(c->pl, OP_MUNMAP, start, end, 0);
}

static int
add_mmap(uint64_t start, uint64_t end, void *arg)
{
	struct piece_ctx *c = arg;

	if (!c->m->data && c->m->prot != PROT_NONE && !c->m->shared)
		return snare__err(c->p->s, -ENOTSUP,
				  "restore: 0x%llx-0x%llx (%s) was unmapped since the snapshot and its contents were not saved",
				  (unsigned long long)start, (unsigned long long)end,
				  c->m->path[0] ? c->m->path : "anonymous");
	if (c->m->shared)
		return snare__err(c->p->s, -ENOTSUP,
				  "restore: shared mapping 0x%llx-0x%llx (%s) was unmapped since the snapshot",
				  (unsigned long long)start, (unsigned long long)end,
				  c->m->path[0] ? c->m->path : "anonymous");
	c->pl->recheck[c->idx] = true;
	return plan_add(c->pl, OP_MMAP, start, end, c->m->prot);
}

static bool
same_file(const struct snap_map *s, const struct snap_map *l, uint64_t at)
{
	if (s->inode != l->inode || s->dev_major != l->dev_major ||
	    s->dev_minor != l->dev_minor)
		return false;
	return !s->inode ||
	       s->offset + (at - s->start) == l->offset + (at - l->start);
}

static int
make_plan(struct plan *pl, snare_snapshot *snap, const struct snap_map *live,
	  size_t nlive)
{
	snare_proc *p = snap->p;
	const struct snap_map *sh = NULL, *lh = NULL;
	struct piece_ctx c = { pl, p, NULL, 0 };
	size_t i, j;
	int r;

	for (i = 0; i < snap->nmaps; i++)
		if (snare__snap_is_heap(&snap->maps[i]))
			sh = &snap->maps[i];
	for (j = 0; j < nlive; j++)
		if (snare__snap_is_heap(&live[j]))
			lh = &live[j];
	if (sh && (!lh || lh->start != sh->start || lh->end != sh->end))
		pl->brk = sh->end;
	else if (!sh && lh)
		pl->brk = lh->start;
	if (sh && pl->brk)
		pl->recheck[sh - snap->maps] = true;

	/* Appeared since: unmapped (the stack's growth stays). */
	for (j = 0; j < nlive; j++) {
		if (!layout_map(&live[j]) || snare__snap_is_stack(&live[j]))
			continue;
		r = uncovered(live[j].start, live[j].end, snap->maps, snap->nmaps,
			      add_munmap, &c);
		if (r < 0)
			return r;
	}
	/* Removed since: mapped back. */
	for (i = 0; i < snap->nmaps; i++) {
		if (!layout_map(&snap->maps[i]))
			continue;
		c.m = &snap->maps[i];
		c.idx = i;
		r = uncovered(c.m->start, c.m->end, live, nlive, add_mmap, &c);
		if (r < 0)
			return r;
	}
	/* In both: protection back; a file swapped under unsaved contents
	   cannot be put back. */
	for (i = 0; i < snap->nmaps; i++) {
		const struct snap_map *s = &snap->maps[i];

		if (!layout_map(s))
			continue;
		for (j = 0; j < nlive; j++) {
			const struct snap_map *l = &live[j];
			uint64_t a, b;

			if (!layout_map(l) || l->end <= s->start || l->start >= s->end)
				continue;
			a = s->start > l->start ? s->start : l->start;
			b = s->end < l->end ? s->end : l->end;
			if (!s->data && !same_file(s, l, a))
				return snare__err(p->s, -ENOTSUP,
						  "restore: 0x%llx-0x%llx holds %s now, %s at the snapshot, whose contents were not saved",
						  (unsigned long long)a, (unsigned long long)b,
						  l->path[0] ? l->path : "anonymous memory",
						  s->path[0] ? s->path : "anonymous memory");
			if (s->data && !same_file(s, l, a))
				pl->recheck[i] = true;
			if (l->prot != s->prot) {
				pl->recheck[i] = true;
				r = plan_add(pl, OP_MPROTECT, a, b, s->prot);
				if (r < 0)
					return r;
			}
		}
	}
	return 0;
}

/* Stops queued for p that describe the run being undone: dropped. */
static int
check_queue(snare_proc *p)
{
	snare_session *s = p->s;
	size_t i;
	bool any = false;

	for (i = 0; i < s->qlen; i++) {
		const struct queued_stop *q = &s->queue[(s->qhead + i) % s->qcap];

		if (q->t->proc != p)
			continue;
		switch (q->stop.kind) {
		case STOP_BREAKPOINT:
		case STOP_LATE_TRAP:
		case STOP_HWBKPT:
		case STOP_WATCH:
		case STOP_STEP:
		case STOP_EVENT_STOP:
			any = true;
			break;
		default:
			return snare__err(s, -EBUSY,
					  "restore: thread %d has a pending stop that is not a breakpoint (a signal, a syscall, an exit); snare_run() first",
					  q->t->tid);
		}
	}
	if (any)
		snare__queue_drop(s, p, NULL);
	return 0;
}

static int
check_threads(snare_snapshot *snap)
{
	snare_proc *p = snap->p;
	size_t i, live = 0;
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		if (t->state != TS_DEAD)
			live++;
	for (i = 0; i < snap->nth; i++) {
		t = snare_proc_thread(p, snap->th[i].tid);
		if (!t || t->state == TS_DEAD)
			return snare__err(p->s, -EBUSY,
					  "restore: thread %d of the snapshot has exited",
					  snap->th[i].tid);
		/* The kernel would run (or, with our orig_rax, skip and
		   answer -ENOSYS into rax) a syscall on the registers. */
		if ((t->stop.kind == STOP_SYSCALL && !t->sc_stop_exit) ||
		    t->stop.kind == STOP_SECCOMP)
			return snare__err(p->s, -EBUSY,
					  "restore: thread %d is at a syscall entry; restore at another stop",
					  t->tid);
	}
	if (live != snap->nth) {
		for (t = p->threads; t; t = t->pnext) {
			for (i = 0; i < snap->nth; i++)
				if (snap->th[i].tid == t->tid)
					break;
			if (t->state != TS_DEAD && i == snap->nth)
				return snare__err(p->s, -EBUSY,
						  "restore: thread %d was created since the snapshot",
						  t->tid);
		}
	}
	return 0;
}

static snare_thread *
injector(snare_proc *p)
{
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		if (snare__injectable(t, false))
			return t;
	for (t = p->threads; t; t = t->pnext)
		if (snare__injectable(t, true))
			return t;
	return NULL;
}

static int
inject(snare_thread *t, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
       uint64_t a3, uint64_t *ret)
{
	uint64_t args[6] = { a0, a1, a2, a3, (uint64_t)-1, 0 };
	int r = snare__inject_syscall(t, nr, args, ret);

	if (r < 0)
		return snare__err(t->proc->s, r, "restore: %s in thread %d: %s",
				  snare_syscall_name(nr), t->tid, snare_strerror(r));
	if ((int64_t)*ret < 0 && (int64_t)*ret > -4096 && nr != SYS_brk)
		return snare__err(t->proc->s, (int)(int64_t)*ret,
				  "restore: %s(0x%llx, 0x%llx) in thread %d: %s",
				  snare_syscall_name(nr), (unsigned long long)a0,
				  (unsigned long long)a1, t->tid,
				  snare_strerror((int)(int64_t)*ret));
	return 0;
}

static int
run_plan(snare_snapshot *snap, struct plan *pl, snare_snapshot_stats *st)
{
	snare_proc *p = snap->p;
	snare_thread *t;
	uint64_t ret;
	size_t i;
	int pass, r;

	if (!pl->nops && !pl->brk)
		return 0;
	t = injector(p);
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "restore: the layout changed and no thread of %d can run the syscalls to put it back (all are in syscalls or group-stop)",
				  p->pid);
	for (i = 0; i < pl->nops; i++) {
		if (pl->ops[i].kind != OP_MUNMAP)
			continue;
		r = inject(t, SYS_munmap, pl->ops[i].start,
			   pl->ops[i].end - pl->ops[i].start, 0, 0, &ret);
		if (r < 0)
			return r;
		st->maps_unmapped++;
	}
	if (pl->brk) {
		r = inject(t, SYS_brk, pl->brk, 0, 0, 0, &ret);
		if (r < 0)
			return r;
		if (ret != pl->brk)
			return snare__err(p->s, -ENOMEM,
					  "restore: brk(0x%llx) left the heap at 0x%llx",
					  (unsigned long long)pl->brk,
					  (unsigned long long)ret);
		st->brk_moved = 1;
	}
	for (pass = OP_MMAP; pass <= OP_MPROTECT; pass++) {
		for (i = 0; i < pl->nops; i++) {
			const struct op *o = &pl->ops[i];

			if (o->kind != pass)
				continue;
			if (pass == OP_MMAP) {
				r = inject(t, SYS_mmap, o->start, o->end - o->start,
					   (uint64_t)o->prot,
					   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &ret);
				if (r == 0 && ret != o->start)
					r = snare__err(p->s, -ENOMEM,
						       "restore: mmap at 0x%llx landed at 0x%llx",
						       (unsigned long long)o->start,
						       (unsigned long long)ret);
				st->maps_mapped++;
			} else {
				r = inject(t, SYS_mprotect, o->start, o->end - o->start,
					   (uint64_t)o->prot, 0, &ret);
				st->maps_protected++;
			}
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* ---- restore: memory -------------------------------------------------- */

struct writer {
	snare_proc *p;
	struct iovec loc[WBATCH], rem[WBATCH];
	size_t n;
	size_t written;
};

static bool
page_has_bp(snare_proc *p, uint64_t page)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted &&
		    !bp->removed && bp->addr >= page && bp->addr < page + SNAP_PAGE)
			return true;
	return false;
}

static int
flush(struct writer *w)
{
	size_t i = 0;
	int r;

	while (i < w->n) {
		ssize_t n = process_vm_writev(w->p->pid, w->loc + i, w->n - i,
					      w->rem + i, w->n - i, 0);
		size_t full = n > 0 ? (size_t)n / SNAP_PAGE : 0;

		i += full;
		if (i >= w->n)
			break;
		/* A page it cannot write (read-only, protected for a watch):
		   through /proc/PID/mem, which can. */
		r = snare__mem_write_raw(w->p, (uint64_t)(uintptr_t)w->rem[i].iov_base,
					 w->loc[i].iov_base, SNAP_PAGE);
		if (r < 0)
			return r;
		i++;
	}
	w->written += w->n;
	w->n = 0;
	return 0;
}

static int
write_page(struct writer *w, uint64_t addr, const uint8_t *data)
{
	int r;

	if (w->p->bps && page_has_bp(w->p, addr)) {
		/* The int3 stays; the saved byte under it becomes ours. */
		r = snare_mem_write(w->p, addr, data, SNAP_PAGE);
		if (r == 0)
			w->written++;
		return r;
	}
	w->loc[w->n] = (struct iovec){ (void *)data, SNAP_PAGE };
	w->rem[w->n] = (struct iovec){ (void *)(uintptr_t)addr, SNAP_PAGE };
	if (++w->n == WBATCH)
		return flush(w);
	return 0;
}

/* Pages of m that the pagemap marks written since the bits were cleared. */
static int
restore_dirty(struct writer *w, const struct snap_map *m, int pmfd,
	      uint64_t *ents, snare_snapshot_stats *st)
{
	size_t len = m->end - m->start, at, k;
	int r;

	for (at = 0; at < len; at += CHUNK) {
		size_t n = (len - at < CHUNK ? len - at : CHUNK) / SNAP_PAGE;

		r = snare__snap_pagemap_read(pmfd, m->start + at, n, ents);
		if (r < 0)
			return snare__err(w->p->s, r, "restore: read pagemap of %d: %s",
					  w->p->pid, snare_strerror(r));
		st->pages_checked += n;
		for (k = 0; k < n; k++) {
			size_t pg = at / SNAP_PAGE + k;

			if (!(ents[k] & PM_SOFT_DIRTY) || (m->absent && m->absent[pg]))
				continue;
			r = write_page(w, m->start + pg * SNAP_PAGE,
				       m->data + pg * SNAP_PAGE);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/*
 * Pages of m that differ from the saved contents. In anonymous memory, a
 * page untouched at the snapshot and still untouched is equal without a
 * read (pmfd and ents: the pagemap, when it can be read).
 */
static int
restore_compare(struct writer *w, const struct snap_map *m, uint8_t *buf,
		int pmfd, uint64_t *ents, snare_snapshot_stats *st)
{
	snare_proc *p = w->p;
	size_t len = m->end - m->start, at, k;
	int r;

	for (at = 0; at < len; at += CHUNK) {
		size_t n = (len - at < CHUNK ? len - at : CHUNK) / SNAP_PAGE, run;
		bool use_pm = m->zero && pmfd >= 0 && ents &&
			      snare__snap_pagemap_read(pmfd, m->start + at, n, ents) == 0;

		st->pages_checked += n;
		for (k = 0; k < n; k += run) {
			size_t pg0 = at / SNAP_PAGE + k, j;
			bool skip = use_pm && m->zero[pg0] && snare__snap_pm_untouched(ents[k]);

			for (run = 1; k + run < n; run++) {
				bool sk = use_pm && m->zero[pg0 + run] &&
					  snare__snap_pm_untouched(ents[k + run]);

				if (sk != skip)
					break;
			}
			if (skip)
				continue;
			r = snare__snap_read_run(p, m, pg0 * SNAP_PAGE, run * SNAP_PAGE,
				     buf + k * SNAP_PAGE, NULL);
			if (r < 0)
				return r;
			if (p->bps)
				p->s->ev->mem_view(p, m->start + pg0 * SNAP_PAGE,
						   buf + k * SNAP_PAGE, run * SNAP_PAGE);
			for (j = 0; j < run; j++) {
				size_t pg = pg0 + j;
				const uint8_t *saved = m->data + pg * SNAP_PAGE;

				if (m->absent && m->absent[pg])
					continue;
				if (!memcmp(buf + (k + j) * SNAP_PAGE, saved, SNAP_PAGE))
					continue;
				r = write_page(w, m->start + pg * SNAP_PAGE, saved);
				if (r < 0)
					return r;
			}
		}
	}
	return 0;
}

static int
restore_memory(snare_snapshot *snap, const bool *recheck,
	       snare_snapshot_stats *st)
{
	snare_proc *p = snap->p;
	struct writer *w;
	bool incremental = snap->soft_dirty && p->snap_gen == snap->sd_gen;
	int pmfd = -1, r = 0;
	size_t i;

	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->p = p;
	pmfd = snare__snap_pagemap_open(p->pid);
	if (!snap->pmbuf)
		snap->pmbuf = malloc(CHUNK / SNAP_PAGE * sizeof(uint64_t));
	if (pmfd < 0 || !snap->pmbuf)
		incremental = false;
	st->incremental = incremental;
	for (i = 0; i < snap->nmaps && r == 0; i++) {
		const struct snap_map *m = &snap->maps[i];
		size_t want = m->end - m->start < CHUNK ? m->end - m->start : CHUNK;

		if (!m->data)
			continue;
		if (incremental && !recheck[i]) {
			r = restore_dirty(w, m, pmfd, snap->pmbuf, st);
			continue;
		}
		if (snap->cmplen < want) {
			/* Kept with the snapshot: a fresh buffer per restore
			   costs its page faults every time. */
			free(snap->cmpbuf);
			snap->cmplen = 0;
			snap->cmpbuf = malloc(want);
			if (!snap->cmpbuf) {
				r = -ENOMEM;
				break;
			}
			snap->cmplen = want;
		}
		r = restore_compare(w, m, snap->cmpbuf, pmfd, snap->pmbuf, st);
	}
	if (r == 0)
		r = flush(w);
	st->pages_written = w->written;
	if (r == 0 && snap->soft_dirty) {
		/* Our writes set bits too: start clean from the snapshot. */
		r = snare__snap_clear_refs(p->pid);
		if (r < 0)
			r = snare__err(p->s, r, "restore: snare__snap_clear_refs of %d: %s",
				       p->pid, snare_strerror(r));
		else
			snap->sd_gen = ++p->snap_gen;
	}
	if (pmfd >= 0)
		close(pmfd);
	free(w);
	return r;
}

/* ---- restore: registers ----------------------------------------------- */

static int
restore_regs(snare_snapshot *snap)
{
	snare_proc *p = snap->p;
	size_t i;
	int r;

	for (i = 0; i < snap->nth; i++) {
		const struct snap_thread *st = &snap->th[i];
		snare_thread *t = snare_proc_thread(p, st->tid);
		snare_regs regs = st->regs;

		if (t->sc_in)
			regs.orig_rax = (uint64_t)-1; /* rule 11 */
		r = snare_regs_set(t, &regs);
		if (r < 0)
			return snare__err(p->s, r, "restore: registers of thread %d: %s",
					  t->tid, snare_strerror(r));
		if (st->xstate) {
			struct iovec iov = { st->xstate, st->xlen };

			r = snare__ptrace(PTRACE_SETREGSET, t->tid,
					  (void *)NT_X86_XSTATE, &iov) < 0 ? -errno : 0;
		} else {
			r = snare__ptrace(PTRACE_SETFPREGS, t->tid, NULL,
					  (void *)&st->fx) < 0 ? -errno : 0;
		}
		if (r < 0)
			return snare__err(p->s, r, "restore: FP registers of thread %d: %s",
					  t->tid, snare_strerror(r));
		/* At a breakpoint's address: stopped on it, as at a hit. */
		t->at_bp = snare__bp_owner(p, regs.rip);
		/* A signal about to be delivered belongs to the run being
		   undone (the crash a fuzzer restores after). */
		t->resume_sig = 0;
		t->resume_si_valid = false;
	}
	return 0;
}

SNARE_EXPORT int
snare_snapshot_restore(snare_snapshot *snap, snare_snapshot_stats *stats)
{
	snare_snapshot_stats st;
	struct plan pl;
	struct snap_map *live = NULL;
	size_t nlive = 0;
	snare_proc *p;
	int r;

	memset(&st, 0, sizeof(st));
	if (stats)
		*stats = st;
	if (!snap)
		return -EINVAL;
	p = snap->p;
	r = snare__snap_check_proc(p, "restore");
	if (r < 0)
		return r;
	if (p->pid != snap->pid)
		return snare__err(p->s, -EINVAL, "restore: the snapshot is of another process");
	r = check_threads(snap);
	if (r < 0)
		return r;
	memset(&pl, 0, sizeof(pl));
	pl.recheck = calloc(snap->nmaps ? snap->nmaps : 1, sizeof(*pl.recheck));
	if (!pl.recheck)
		return -ENOMEM;
	r = snare__snap_maps(&live, &nlive, p);
	if (r == 0)
		r = make_plan(&pl, snap, live, nlive);
	if (r == 0)
		r = check_queue(p);
	/* Nothing has changed up to here. */
	if (r == 0)
		r = run_plan(snap, &pl, &st);
	if (r == 0)
		r = restore_memory(snap, pl.recheck, &st);
	if (r == 0)
		r = restore_regs(snap);
	snare__snap_maps_free(live, nlive);
	free(pl.recheck);
	free(pl.ops);
	if (stats)
		*stats = st;
	return r == -ENOMEM ? snare__err(p->s, r, "restore: out of memory") : r;
}
