/* SPDX-License-Identifier: MIT */
/*
 * snapdiff.c: the differences between two snapshots, or a snapshot and
 * the live process (taken into a temporary snapshot that leaves the
 * soft-dirty bits alone).
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "state/snapshot.h"

#define GAP 16  /* equal bytes that still join two changed runs */

struct diff {
	snare_change *c;
	size_t n, cap;
};

static snare_change *
push(struct diff *d, int kind)
{
	snare_change *c;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 32;

		c = realloc(d->c, cap * sizeof(*c));
		if (!c)
			return NULL;
		d->c = c;
		d->cap = cap;
	}
	c = &d->c[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	return c;
}

/* old and new bytes in one allocation, owned by the change. */
static int
set_bytes(snare_change *c, const void *old, const void *new, size_t len)
{
	uint8_t *b = malloc(len ? 2 * len : 1);

	if (!b)
		return -ENOMEM;
	memcpy(b, old, len);
	memcpy(b + len, new, len);
	c->old_bytes = b;
	c->new_bytes = b + len;
	c->len = len;
	return 0;
}

#define REG(n) { #n, offsetof(snare_regs, n) }
static const struct {
	const char *name;
	size_t off;
} gregs[] = {
	REG(rax), REG(rbx), REG(rcx), REG(rdx), REG(rsi), REG(rdi), REG(rbp),
	REG(rsp), REG(r8), REG(r9), REG(r10), REG(r11), REG(r12), REG(r13),
	REG(r14), REG(r15), REG(rip), REG(eflags), REG(orig_rax), REG(cs),
	REG(ss), REG(ds), REG(es), REG(fs), REG(gs), REG(fs_base),
	REG(gs_base),
};

static int
vreg(struct diff *d, pid_t tid, const char *name, const uint8_t *a,
     const uint8_t *b, size_t len)
{
	snare_change *c;

	if (!memcmp(a, b, len))
		return 0;
	c = push(d, SNARE_CHANGE_VREG);
	if (!c)
		return -ENOMEM;
	c->tid = tid;
	snprintf(c->name, sizeof(c->name), "%s", name);
	return set_bytes(c, a, b, len);
}

/* Offset of the YMM_Hi128 component in the standard XSAVE format. */
static size_t
ymm_offset(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid_count(0xd, 2, &a, &b, &c, &d) || a < 256)
		return 0;
	return b;
}

/* FP/vector registers by name, the rest as "x87" and "xstate". */
static int
diff_fp(struct diff *d, const struct snap_thread *a, const struct snap_thread *b)
{
	const uint8_t *xa = a->xstate ? a->xstate : (const uint8_t *)&a->fx;
	const uint8_t *xb = b->xstate ? b->xstate : (const uint8_t *)&b->fx;
	size_t la = a->xstate ? a->xlen : sizeof(a->fx);
	size_t lb = b->xstate ? b->xlen : sizeof(b->fx);
	size_t yo = a->xstate && b->xstate ? ymm_offset() : 0;
	char name[16];
	uint8_t x87a[32], x87b[32];
	int i, r = 0;

	if (la < 512 || lb < 512)
		return 0;
	/* fcw, fsw, ftw, fop, fip, fdp: bytes 0-23 of the legacy area. */
	memcpy(x87a, xa, 24);
	memcpy(x87b, xb, 24);
	r = vreg(d, a->tid, "x87", x87a, x87b, 24);
	for (i = 0; i < 8 && r == 0; i++) {
		snprintf(name, sizeof(name), "st%d", i);
		r = vreg(d, a->tid, name, xa + 32 + 16 * i, xb + 32 + 16 * i, 10);
	}
	if (r == 0)
		r = vreg(d, a->tid, "mxcsr", xa + 24, xb + 24, 4);
	for (i = 0; i < 16 && r == 0; i++) {
		uint8_t ya[32], yb[32];
		uint64_t bva = 0, bvb = 0;

		if (yo && yo + 256 <= la && yo + 256 <= lb) {
			memcpy(&bva, xa + 512, 8);
			memcpy(&bvb, xb + 512, 8);
			memcpy(ya, xa + 160 + 16 * i, 16);
			memcpy(yb, xb + 160 + 16 * i, 16);
			/* Not in use: the upper half is zeros. */
			if (bva & 4)
				memcpy(ya + 16, xa + yo + 16 * i, 16);
			else
				memset(ya + 16, 0, 16);
			if (bvb & 4)
				memcpy(yb + 16, xb + yo + 16 * i, 16);
			else
				memset(yb + 16, 0, 16);
			if (memcmp(ya + 16, yb + 16, 16)) {
				/* The upper half changed: the whole ymm. */
				snprintf(name, sizeof(name), "ymm%d", i);
				r = vreg(d, a->tid, name, ya, yb, 32);
				continue;
			}
		}
		snprintf(name, sizeof(name), "xmm%d", i);
		r = vreg(d, a->tid, name, xa + 160 + 16 * i, xb + 160 + 16 * i, 16);
	}
	/* Whatever else of the XSAVE area (AVX-512, other components). */
	if (r == 0 && la == lb && la > 576) {
		size_t from = 576;
		bool other = false, k;

		for (; from < la && !other; from++) {
			k = yo && from >= yo && from < yo + 256;
			if (!k && xa[from] != xb[from])
				other = true;
		}
		if (other) {
			snare_change *c = push(d, SNARE_CHANGE_VREG);

			if (!c)
				return -ENOMEM;
			c->tid = a->tid;
			snprintf(c->name, sizeof(c->name), "xstate");
			r = set_bytes(c, xa, xb, la);
		}
	}
	return r;
}

static int
diff_threads(struct diff *d, const snare_snapshot *a, const snare_snapshot *b)
{
	size_t i, j, k;
	snare_change *c;
	int r;

	for (i = 0; i < a->nth; i++) {
		for (j = 0; j < b->nth && b->th[j].tid != a->th[i].tid; j++)
			;
		if (j == b->nth) {
			c = push(d, SNARE_CHANGE_THREAD_REMOVED);
			if (!c)
				return -ENOMEM;
			c->tid = a->th[i].tid;
		}
	}
	for (j = 0; j < b->nth; j++) {
		for (i = 0; i < a->nth && a->th[i].tid != b->th[j].tid; i++)
			;
		if (i == a->nth) {
			c = push(d, SNARE_CHANGE_THREAD_ADDED);
			if (!c)
				return -ENOMEM;
			c->tid = b->th[j].tid;
		}
	}
	for (i = 0; i < a->nth; i++) {
		for (j = 0; j < b->nth && b->th[j].tid != a->th[i].tid; j++)
			;
		if (j == b->nth)
			continue;
		for (k = 0; k < sizeof(gregs) / sizeof(gregs[0]); k++) {
			uint64_t va, vb;

			memcpy(&va, (const char *)&a->th[i].regs + gregs[k].off, 8);
			memcpy(&vb, (const char *)&b->th[j].regs + gregs[k].off, 8);
			if (va == vb)
				continue;
			c = push(d, SNARE_CHANGE_REG);
			if (!c)
				return -ENOMEM;
			c->tid = a->th[i].tid;
			snprintf(c->name, sizeof(c->name), "%s", gregs[k].name);
			c->old_value = va;
			c->new_value = vb;
		}
		r = diff_fp(d, &a->th[i], &b->th[j]);
		if (r < 0)
			return r;
	}
	return 0;
}

static int
map_change(struct diff *d, int kind, const struct snap_map *m, uint64_t start,
	   uint64_t end)
{
	snare_change *c = push(d, kind);

	if (!c)
		return -ENOMEM;
	c->addr = start;
	c->len = end - start;
	c->prot = m->prot;
	c->path = strdup(m->path ? m->path : "");
	return c->path ? 0 : -ENOMEM;
}

/* Pieces of each map of x that no map of y covers, as `kind`. */
static int
diff_uncovered(struct diff *d, int kind, const snare_snapshot *x,
	       const snare_snapshot *y)
{
	size_t i, j;
	int r;

	for (i = 0; i < x->nmaps; i++) {
		const struct snap_map *m = &x->maps[i];
		uint64_t at = m->start;

		for (j = 0; j < y->nmaps && at < m->end; j++) {
			if (y->maps[j].end <= at)
				continue;
			if (y->maps[j].start >= m->end)
				break;
			if (y->maps[j].start > at) {
				r = map_change(d, kind, m, at, y->maps[j].start);
				if (r < 0)
					return r;
			}
			at = y->maps[j].end;
		}
		if (at < m->end) {
			r = map_change(d, kind, m, at, m->end);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/* Changed bytes of [lo, hi), saved in both ma and mb, coalesced. */
static int
diff_bytes(struct diff *d, const struct snap_map *ma, const struct snap_map *mb,
	   uint64_t lo, uint64_t hi)
{
	const uint8_t *pa = ma->data + (lo - ma->start);
	const uint8_t *pb = mb->data + (lo - mb->start);
	size_t len = hi - lo, i = 0;

	while (i < len) {
		size_t start, end, eq;
		snare_change *c;

		/* Skip equal pages fast. */
		if ((((lo + i) & (SNAP_PAGE - 1)) == 0) && i + SNAP_PAGE <= len &&
		    !memcmp(pa + i, pb + i, SNAP_PAGE)) {
			i += SNAP_PAGE;
			continue;
		}
		if (pa[i] == pb[i]) {
			i++;
			continue;
		}
		start = i;
		end = i + 1;
		for (i = end, eq = 0; i < len && eq < GAP; i++) {
			if (pa[i] != pb[i]) {
				end = i + 1;
				eq = 0;
			} else {
				eq++;
			}
		}
		i = end;
		/* Bytes a side could not read are no change. */
		if ((ma->absent && ma->absent[(lo + start - ma->start) / SNAP_PAGE]) ||
		    (mb->absent && mb->absent[(lo + start - mb->start) / SNAP_PAGE]))
			continue;
		c = push(d, SNARE_CHANGE_MEM);
		if (!c || set_bytes(c, pa + start, pb + start, end - start) < 0)
			return -ENOMEM;
		c->addr = lo + start;
	}
	return 0;
}

static int
diff_maps(struct diff *d, const snare_snapshot *a, const snare_snapshot *b)
{
	size_t i, j;
	int r;

	r = diff_uncovered(d, SNARE_CHANGE_MAP_REMOVED, a, b);
	if (r == 0)
		r = diff_uncovered(d, SNARE_CHANGE_MAP_ADDED, b, a);
	if (r < 0)
		return r;
	for (i = 0; i < a->nmaps; i++) {
		for (j = 0; j < b->nmaps; j++) {
			const struct snap_map *ma = &a->maps[i], *mb = &b->maps[j];
			uint64_t lo, hi;
			snare_change *c;

			if (mb->end <= ma->start || mb->start >= ma->end)
				continue;
			lo = ma->start > mb->start ? ma->start : mb->start;
			hi = ma->end < mb->end ? ma->end : mb->end;
			if (ma->prot == mb->prot)
				continue;
			c = push(d, SNARE_CHANGE_MAP_PROT);
			if (!c)
				return -ENOMEM;
			c->addr = lo;
			c->len = hi - lo;
			c->old_value = (uint64_t)ma->prot;
			c->new_value = (uint64_t)mb->prot;
		}
	}
	for (i = 0; i < a->nmaps; i++) {
		for (j = 0; j < b->nmaps; j++) {
			const struct snap_map *ma = &a->maps[i], *mb = &b->maps[j];
			uint64_t lo, hi;

			if (!ma->data || !mb->data || mb->end <= ma->start ||
			    mb->start >= ma->end)
				continue;
			lo = ma->start > mb->start ? ma->start : mb->start;
			hi = ma->end < mb->end ? ma->end : mb->end;
			r = diff_bytes(d, ma, mb, lo, hi);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

SNARE_EXPORT void
snare_changes_free(snare_change *changes, size_t n)
{
	size_t i;

	if (!changes)
		return;
	for (i = 0; i < n; i++) {
		free((void *)changes[i].old_bytes);
		free((void *)changes[i].path);
	}
	free(changes);
}

SNARE_EXPORT int
snare_snapshot_diff(snare_change **out, size_t *n, const snare_snapshot *a,
		    const snare_snapshot *b)
{
	struct diff d = { NULL, 0, 0 };
	int r;

	if (!out || !n || !a || !b)
		return -EINVAL;
	*out = NULL;
	*n = 0;
	r = diff_threads(&d, a, b);
	if (r == 0)
		r = diff_maps(&d, a, b);
	if (r < 0) {
		snare_changes_free(d.c, d.n);
		return r;
	}
	*out = d.c;
	*n = d.n;
	return 0;
}

SNARE_EXPORT int
snare_snapshot_diff_live(snare_change **out, size_t *n, const snare_snapshot *a)
{
	snare_snapshot *now = NULL;
	snare_proc *p;
	snare_thread *t;
	int r;

	if (!out || !n || !a)
		return -EINVAL;
	*out = NULL;
	*n = 0;
	p = a->p;
	if (!snare__owner_ok(p->s))
		return SNARE_EWRONGTHREAD;
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED, "diff: process %d is gone",
				  p->pid);
	for (t = p->threads; t; t = t->pnext)
		if (t->state != TS_DEAD && t->state != TS_STOPPED)
			return snare__err(p->s, SNARE_ERUNNING,
					  "diff: thread %d of process %d is not stopped",
					  t->tid, p->pid);
	r = snare__snap_take(&now, p, false, true);
	if (r < 0)
		return r;
	r = snare_snapshot_diff(out, n, a, now);
	snare_snapshot_free(now);
	return r;
}
