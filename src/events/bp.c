/* SPDX-License-Identifier: MIT */
/*
 * bp.c: software and hardware breakpoints and watchpoints.
 *
 * Software breakpoints are an int3 that never leaves memory. At a hit the
 * pc is rewound at once (rule 8), the callback runs, and on resume the
 * covered instruction is emulated or run from an out-of-line copy in a
 * scratch page of the tracee (arch/x86_64/insn.c): one stop per hit and no
 * window in which another thread could run through the breakpoint unseen.
 * The out-of-line execution itself is in xol.c.
 *
 * Hardware breakpoints and watchpoints share the four debug registers,
 * managed in debugregs.c. Execution breakpoints resume with RF, which the
 * kernel sets at the hit: one stop, no single-step.
 *
 * This file keeps the breakpoint records of a process and their arming:
 * add, remove, enable, the int3 shared by the records at one address, the
 * choice between a debug register and page protection (swwatch.c). What
 * lives elsewhere: a stop's classification and the hits (bphit.c), the
 * records across detach, exec, fork and free (bplife.c), the program's
 * view of memory under the int3s (bpmem.c), breakpoints by location
 * (bpsym.c); events/bp.h declares what these files share.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"
#include "events/bp.h"

/* is_watch, uses_dr and the debug registers: debugregs.c */

/*
 * Several records may share one address (a user breakpoint, the library's
 * own, a finish/next target): one int3 serves them all, and exactly one of
 * them, the owner, has `inserted` set. The others copy its saved byte.
 * The owner is the record whose int3 is at addr (the thread stopped on it
 * runs its covered instruction with its plan and slot), NULL when none is.
 */
snare_bp *
snare__bp_owner(snare_proc *p, uint64_t addr)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->addr == addr &&
		    bp->inserted && !bp->removed)
			return bp;
	return NULL;
}

/* Another record at bp's address that wants the int3 there. */
static snare_bp *
armed_twin(snare_bp *bp)
{
	snare_bp *o;

	for (o = bp->p->bps; o; o = o->next)
		if (o != bp && o->kind == SNARE_BP_SOFTWARE && o->addr == bp->addr &&
		    o->enabled && !o->removed && !o->pending)
			return o;
	return NULL;
}

static int
patch(snare_bp *bp)
{
	uint8_t int3 = SNARE_ARCH_BP_INSN;
	int r;

	if (bp->inserted || snare__bp_owner(bp->p, bp->addr))
		return 0; /* in memory already: shared */
	r = snare__bp_guard(bp, true); /* its library unloaded? */
	if (r)
		return r < 0 ? r : 0;
	r = snare__mem_write_raw(bp->p, bp->addr, &int3, 1);
	if (r == 0)
		bp->inserted = true;
	return r;
}

static void
moribund_add(snare_proc *p, uint64_t addr)
{
	p->moribund[p->nmoribund++ % 16] = addr;
}

/* Put the saved byte back, whoever else wants the int3 (detach, free). */
int
snare__bp_unpatch_raw(snare_bp *bp)
{
	int r;

	if (!bp->inserted)
		return 0;
	if (snare__bp_guard(bp, false))
		return 0; /* its library is gone: nothing to put back */
	r = snare__mem_write_raw(bp->p, bp->addr, &bp->orig, 1);
	bp->inserted = false;
	moribund_add(bp->p, bp->addr);
	return r;
}

/* bp no longer wants its int3: hand it to a twin, or take it out. */
static int
unpatch(snare_bp *bp)
{
	snare_bp *twin;

	if (!bp->inserted)
		return 0;
	twin = armed_twin(bp);
	if (twin) {
		twin->inserted = true;
		twin->slot = bp->slot;
		bp->inserted = false;
		return 0;
	}
	return snare__bp_unpatch_raw(bp);
}

snare_bp *
snare__bp_find_sw(snare_proc *p, uint64_t addr)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->addr == addr &&
		    !bp->removed)
			return bp;
	return NULL;
}

/* Check that addr lies in a mapping with the wanted protection. */
static int
check_mapped(snare_proc *p, uint64_t addr, int prot)
{
	snare_map *maps;
	size_t n, i;
	int r = snare_proc_maps(&maps, &n, p), found = 0;

	if (r < 0)
		return r;
	for (i = 0; i < n; i++)
		if (addr >= maps[i].start && addr < maps[i].end)
			found = (snare__sww_prot(p, addr, maps[i].prot) & prot) == prot
				? 1 : -1;
	snare_maps_free(maps, n);
	if (!found)
		return snare__err(p->s, -EFAULT, "breakpoint at 0x%llx: address not mapped",
				  (unsigned long long)addr);
	if (found < 0)
		return snare__err(p->s, -EFAULT, "breakpoint at 0x%llx: not %s memory",
				  (unsigned long long)addr,
				  prot & PROT_EXEC ? "executable" : "readable");
	return 0;
}

/* A breakpoint of the user's at addr (not the library's own). */
static snare_bp *
user_bp_at(snare_proc *p, uint64_t addr)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->addr == addr &&
		    !bp->removed && !bp->internal && !bp->sys)
			return bp;
	return NULL;
}

static int
sw_prepare(snare_bp *bp)
{
	uint8_t code[16];
	size_t got = sizeof(code);
	snare_bp *owner = snare__bp_owner(bp->p, bp->addr);
	int r;

	if (owner) {
		/* Another record's int3 is there: share what it saved. */
		bp->orig = owner->orig;
		bp->plan = owner->plan;
		return 0;
	}
	/* The instruction may end near the end of the mapping. */
	while (got && snare_mem_read(code, bp->p, bp->addr, got) < 0)
		got--;
	if (!got)
		return snare__err(bp->p->s, -EFAULT, "breakpoint at 0x%llx: cannot read the code",
				  (unsigned long long)bp->addr);
	if (code[0] == SNARE_ARCH_BP_INSN)
		return snare__err(bp->p->s, -EEXIST,
				  "breakpoint at 0x%llx: there is an int3 there already",
				  (unsigned long long)bp->addr);
	r = snare__insn_plan(&bp->plan, code, got, bp->addr);
	if (r < 0)
		return snare__err(bp->p->s, -EINVAL,
				  "breakpoint at 0x%llx: not the start of a valid instruction",
				  (unsigned long long)bp->addr);
	bp->orig = code[0];
	return 0;
}

/* Can one debug register watch [addr, addr+len)? */
static bool
hw_fits(uint64_t addr, size_t len)
{
	return (len == 1 || len == 2 || len == 4 || len == 8) && addr % len == 0;
}

void
snare__bp_free_vals(snare_bp *bp)
{
	free(bp->shadow);
	free(bp->ev_vals);
	bp->shadow = bp->ev_vals = NULL;
}

/* A watch keeps its value, to report the old one with the new. */
int
snare__bp_watch_vals(snare_bp *bp)
{
	if (!snare__bp_is_watch(bp) || bp->shadow)
		return 0;
	bp->shadow = malloc(bp->len);
	bp->ev_vals = malloc(2 * bp->len);
	if (!bp->shadow || !bp->ev_vals) {
		snare__bp_free_vals(bp);
		return -ENOMEM;
	}
	if (snare_mem_read(bp->shadow, bp->p, bp->addr, bp->len) < 0)
		memset(bp->shadow, 0, bp->len);
	return 0;
}

/* The record goes; what it points to goes with it (same lifetime). */
void
snare__bp_discard(snare_bp *bp)
{
	snare__garbage_add(bp->p->s, bp);
	if (bp->shadow)
		snare__garbage_add(bp->p->s, bp->shadow);
	if (bp->ev_vals)
		snare__garbage_add(bp->p->s, bp->ev_vals);
	bp->shadow = bp->ev_vals = NULL;
}

/*
 * Hardware breakpoints take a debug register; watchpoints too when one
 * fires here, is free and fits the range, else page protection
 * (swwatch.c), unless the flags say which. A page-protection watch is
 * linked into p's list before its pages are protected (the protection
 * is computed from the list); the caller does not link it again.
 */
static int
arm_dr_or_page(snare_bp *bp)
{
	snare_proc *p = bp->p;
	unsigned flags = bp->opts.flags;
	bool watch = snare__bp_is_watch(bp), free_dr = false;
	int i, r;

	r = snare__bp_watch_vals(bp);
	if (r < 0)
		return r;
	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++)
		free_dr |= !p->dr[i];
	if (watch && !(flags & SNARE_WATCH_HARDWARE) &&
	    ((flags & SNARE_WATCH_SOFTWARE) || !hw_fits(bp->addr, bp->len) ||
	     !free_dr || snare__hw_probe(p->s) < 0)) {
		bool link = !bp->pending; /* a pending one is listed already */

		bp->sw = true;
		if (link) {
			bp->next = p->bps;
			p->bps = bp;
		}
		r = bp->enabled ? snare__sww_arm(bp) : 0;
		if (r < 0) {
			bp->sw = false;
			if (link)
				p->bps = bp->next;
		}
		return r;
	}
	if (snare__hw_probe(p->s) < 0)
		return snare__err(p->s, -ENOTSUP,
				  "%s at 0x%llx: debug registers do not fire on this machine (a hypervisor that does not virtualize them); %s",
				  watch ? "watchpoint" : "hardware breakpoint",
				  (unsigned long long)bp->addr,
				  watch ? "without SNARE_WATCH_HARDWARE, page protection is used"
					: "use a software breakpoint");
	return bp->enabled ? snare__dr_alloc(bp) : 0;
}

/*
 * A vfork child shares the memory of bp's process, so it has the new int3
 * too: it gets a record of its own that owns it there, or it would die of
 * SIGTRAP running into it (a breakpoint added while the child runs, from a
 * callback of its own, say). The child never writes it back: at its exec
 * or exit its records go without a write.
 */
static void
share_with_vfork_children(snare_bp *bp)
{
	snare_proc *c;
	snare_bp *nb;

	for (c = bp->p->s->procs; c; c = c->next) {
		if (c == bp->p || !c->vforked || c->parent != bp->p ||
		    c->state == SNARE_PROC_EXITED || c->state == SNARE_PROC_DETACHED ||
		    snare__bp_owner(c, bp->addr))
			continue;
		nb = malloc(sizeof(*nb));
		if (!nb)
			continue;
		*nb = *bp;
		nb->p = c;
		nb->hits = 0;
		nb->inserted = true;
		nb->next = c->bps;
		c->bps = nb;
	}
}

int
snare__bp_new(snare_bp **out, snare_proc *p, uint64_t addr,
	      const snare_bp_opts *o, bool internal)
{
	snare_session *s = p->s;
	snare_bp *bp;
	int r;

	if (o->kind < SNARE_BP_SOFTWARE || o->kind > SNARE_WATCH_RW)
		return snare__err(s, -EINVAL, "breakpoint: bad kind %d", o->kind);
	if (o->flags & ~(SNARE_WATCH_SOFTWARE | SNARE_WATCH_HARDWARE) ||
	    (o->flags && o->kind != SNARE_WATCH_WRITE && o->kind != SNARE_WATCH_RW) ||
	    o->flags == (SNARE_WATCH_SOFTWARE | SNARE_WATCH_HARDWARE))
		return snare__err(s, -EINVAL, "breakpoint: bad flags 0x%x (SNARE_WATCH_SOFTWARE or SNARE_WATCH_HARDWARE, for watchpoints)",
				  o->flags);
	if (o->kind == SNARE_WATCH_WRITE || o->kind == SNARE_WATCH_RW) {
		if (!o->len || addr + o->len < addr)
			return snare__err(s, -EINVAL,
					  "watchpoint at 0x%llx: length %zu",
					  (unsigned long long)addr, o->len);
		if ((o->flags & SNARE_WATCH_HARDWARE) && o->len != 1 && o->len != 2 && o->len != 4 && o->len != 8)
			return snare__err(s, -EINVAL,
					  "watchpoint at 0x%llx: length %zu, a debug register watches 1, 2, 4 or 8 bytes",
					  (unsigned long long)addr, o->len);
		if ((o->flags & SNARE_WATCH_HARDWARE) && !hw_fits(addr, o->len))
			return snare__err(s, -EINVAL,
					  "watchpoint at 0x%llx: a %zu-byte debug register watch must be %zu-byte aligned",
					  (unsigned long long)addr, o->len, o->len);
	}
	if (!internal && o->kind == SNARE_BP_SOFTWARE && user_bp_at(p, addr))
		return snare__err(s, -EEXIST, "breakpoint at 0x%llx: already set",
				  (unsigned long long)addr);
	r = check_mapped(p, addr, o->kind == SNARE_BP_SOFTWARE ||
				  o->kind == SNARE_BP_HARDWARE ? PROT_EXEC : PROT_READ);
	if (r < 0)
		return r;
	bp = calloc(1, sizeof(*bp));
	if (!bp)
		return -ENOMEM;
	bp->p = p;
	bp->addr = addr;
	bp->kind = o->kind;
	bp->len = o->kind == SNARE_BP_SOFTWARE || o->kind == SNARE_BP_HARDWARE ? 1 : o->len;
	bp->opts = *o;
	bp->enabled = true;
	bp->dr = -1;
	bp->internal = internal;
	if (bp->kind == SNARE_BP_SOFTWARE) {
		r = sw_prepare(bp);
		if (r == 0)
			r = patch(bp);
	} else {
		r = arm_dr_or_page(bp);
	}
	if (r < 0) {
		if (bp->dr >= 0)
			snare__dr_free(bp);
		snare__bp_free_vals(bp);
		free(bp);
		return r;
	}
	snare__bp_placed(bp);
	if (!bp->sw) {
		bp->next = p->bps;
		p->bps = bp;
	}
	if (bp->kind == SNARE_BP_SOFTWARE && !internal)
		share_with_vfork_children(bp);
	*out = bp;
	return 0;
}

/* Arm a pending breakpoint at the address its location now resolves to. */
int
snare__bp_activate(snare_bp *bp, uint64_t addr)
{
	int r;

	bp->addr = addr;
	if (bp->kind == SNARE_BP_SOFTWARE) {
		r = sw_prepare(bp);
		if (r == 0 && bp->enabled)
			r = patch(bp);
	} else {
		r = arm_dr_or_page(bp);
	}
	if (r == 0) {
		bp->pending = false;
		snare__bp_placed(bp);
	} else {
		bp->addr = 0;
	}
	return r;
}

/* The size of each version of snare_bp_opts (see abi.c). */
static const size_t bp_opts_sizes[] = {
	offsetof(snare_bp_opts, flags), /* 1 */
	sizeof(snare_bp_opts),          /* 2: flags */
};
_Static_assert(SNARE_OPTS_NVERSIONS(bp_opts_sizes) ==
		       SNARE_BP_OPTS_VERSION,
	       "one size per version");

/*
 * Options of any version the header has had, as the current one; msg
 * (msgcap bytes) gets one line on -EINVAL.
 */
int
snare__bp_opts_copy(snare_bp_opts *to, const snare_bp_opts *from, char *msg,
		    size_t msgcap)
{
	static const snare_bp_opts def = SNARE_BP_OPTS_INIT;

	return SNARE_OPTS_IMPORT(to, from, &def, bp_opts_sizes, "breakpoint",
				 msg, msgcap);
}

SNARE_EXPORT int
snare_bp_add(snare_bp **out, snare_proc *p, uint64_t addr,
	     const snare_bp_opts *opts)
{
	snare_bp_opts def = SNARE_BP_OPTS_INIT;
	snare_bp *bp;

	if (out)
		*out = NULL;
	if (!p)
		return -EINVAL;
	if (!snare__owner_ok(p->s))
		return snare__err(p->s, SNARE_EWRONGTHREAD, "breakpoint: foreign thread");
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED, "breakpoint: process %d is gone",
				  p->pid);
	if (opts) {
		char msg[128];
		int r = snare__bp_opts_copy(&def, opts, msg, sizeof(msg));

		if (r < 0)
			return snare__err(p->s, r, "%s", msg);
	}
	/* out may be NULL: the breakpoint lives until the session ends. */
	return snare__bp_new(out ? out : &bp, p, addr, &def, false);
}

int
snare__bp_add_internal(snare_bp **out, snare_proc *p, uint64_t addr,
		       uint64_t min_sp)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	int r;

	/* It shares the int3 of any other record there (snare__bp_owner). */
	r = snare__bp_new(out, p, addr, &o, true);
	if (r == 0)
		(*out)->min_sp = min_sp;
	return r;
}

static void
forget(snare_bp *bp)
{
	snare_proc *p = bp->p;
	snare_bp **pp;
	snare_thread *t;

	for (pp = &p->bps; *pp; pp = &(*pp)->next)
		if (*pp == bp) {
			*pp = bp->next;
			break;
		}
	for (t = p->threads; t; t = t->pnext)
		if (t->at_bp == bp)
			t->at_bp = NULL;
	bp->removed = true;
}

SNARE_EXPORT int
snare_bp_remove(snare_bp *bp)
{
	snare_proc *p;
	int r = 0;

	if (!bp || bp->removed)
		return -EINVAL;
	p = bp->p;
	if (!snare__owner_ok(p->s))
		return snare__err(p->s, SNARE_EWRONGTHREAD, "breakpoint: foreign thread");
	if (p->state != SNARE_PROC_EXITED && p->state != SNARE_PROC_DETACHED) {
		if (bp->kind == SNARE_BP_SOFTWARE) {
			/* Another record may share this int3: it keeps it. */
			bp->enabled = false;
			r = unpatch(bp);
		} else if (bp->sw) {
			r = snare__sww_disarm(bp);
		} else if (snare__bp_uses_dr(bp)) {
			r = snare__dr_free(bp);
		}
	}
	if (!bp->removed)
		forget(bp);
	snare__bp_discard(bp);
	return r;
}

SNARE_EXPORT int
snare_bp_enable(snare_bp *bp, int enabled)
{
	int r = 0;

	if (!bp || bp->removed)
		return -EINVAL;
	if (bp->p->state == SNARE_PROC_EXITED || bp->p->state == SNARE_PROC_DETACHED)
		return SNARE_EEXITED;
	if (!!enabled == bp->enabled)
		return 0;
	if (bp->pending) {
		bp->enabled = enabled != 0;
		return 0;
	}
	if (bp->kind == SNARE_BP_SOFTWARE) {
		if (enabled && bp->bad_insn) {
			r = sw_prepare(bp);
			if (r < 0)
				return snare__err(bp->p->s, -EINVAL,
						  "breakpoint at 0x%llx: the bytes written there are not an instruction",
						  (unsigned long long)bp->addr);
			bp->bad_insn = false;
		}
		r = enabled ? patch(bp) : unpatch(bp);
		if (r == 0)
			bp->enabled = enabled != 0;
		return r;
	}
	if (bp->sw) {
		bp->enabled = enabled != 0;
		if (!enabled)
			return snare__sww_disarm(bp);
		/* The value changed unseen while it was off. */
		snare_mem_read(bp->shadow, bp->p, bp->addr, bp->len);
		r = snare__sww_arm(bp);
		if (r < 0)
			bp->enabled = false;
		return r;
	}
	/* The debug registers are written from the enabled set: mark it
	   first, or a re-enabled one is allocated a slot but never armed. */
	bp->enabled = enabled != 0;
	r = enabled ? snare__dr_alloc(bp) : snare__dr_free(bp);
	if (r < 0 && enabled) {
		bp->enabled = false;
		snare__dr_free(bp);
	}
	return r;
}

SNARE_EXPORT uint64_t
snare_bp_hits(const snare_bp *bp)
{
	return bp ? bp->hits : 0;
}

SNARE_EXPORT uint64_t
snare_bp_addr(const snare_bp *bp)
{
	return bp ? bp->addr : 0;
}

SNARE_EXPORT int
snare_bp_kind(const snare_bp *bp)
{
	return bp ? bp->kind : -EINVAL;
}

SNARE_EXPORT int
snare_bp_method(const snare_bp *bp)
{
	if (!bp)
		return -EINVAL;
	if (bp->kind == SNARE_BP_SOFTWARE)
		return SNARE_METHOD_INT3;
	return bp->sw ? SNARE_METHOD_PAGE : SNARE_METHOD_DEBUGREG;
}

SNARE_EXPORT snare_proc *
snare_bp_proc(const snare_bp *bp)
{
	return bp ? bp->p : NULL;
}

/*
 * bp's mapping is not the one it was placed in any more (its library was
 * unloaded): forget the placement without writing anything at its
 * address (rule 9). to_pending: back to pending (snare_bp_addr() is 0),
 * armed again where its location resolves next; otherwise disabled, its
 * address kept. bpsym.c decides which, and when.
 */
void
snare__bp_unplace(snare_bp *bp, bool to_pending)
{
	snare_thread *t;

	if (bp->kind == SNARE_BP_SOFTWARE) {
		bp->inserted = false;
	} else if (bp->sw) {
		/* Its pages went with the library (munmap dropped them). */
		if (bp->inserted) {
			bp->inserted = false;
			bp->p->nsww--;
			bp->p->s->hooks_gen++;
		}
		bp->sw = false; /* decided again when armed again */
	} else if (snare__bp_uses_dr(bp)) {
		snare__dr_free(bp);
	}
	bp->slot = 0; /* the instruction there is another: copy it again */
	for (t = bp->p->threads; t; t = t->pnext)
		if (t->at_bp == bp)
			t->at_bp = NULL;
	if (to_pending) {
		bp->pending = true;
		bp->addr = 0;
		bp->map_known = false;
	} else {
		bp->enabled = false;
		bp->map_lost = true;
	}
}
