/* SPDX-License-Identifier: MIT */
/*
 * retbp.c: snare_thread_on_return(), a callback when the function a thread
 * has just entered returns to its caller.
 *
 * At a function's first instruction the return address is at [rsp]. A
 * one-shot watch is kept for (thread, entry rsp): when the thread reaches
 * the return address with rsp one slot above the entry's, that frame has
 * returned. Other threads, and deeper frames of a recursion that return to
 * the same address, do not match.
 *
 * The return addresses are "sites": one library breakpoint ("sys", as the
 * loader watchers of bpsym.c) per address and process, shared by every
 * pending return to that address, and sharing the int3 with any other
 * record there (bp.c). A site whose returns have all come stays armed,
 * idle, until the link map changes: a call made again from the same place
 * costs no new breakpoint. Each thread keeps its pending returns as a
 * stack, innermost first.
 *
 * Frames that never return are dropped, never fired for another frame:
 * when the thread dies or is detached (thread_gone), at exec (the image
 * is gone), when the session frees the process, and when the stack shows
 * the frame was abandoned (a longjmp or an exception unwound past it): a
 * newer entry above its stack slot, or a return that lands above it.
 * A dropped watch has its callback called once with a NULL thread, so the
 * caller can release what `user` holds.
 *
 * A newer entry in the very same slot is either a tail call (f jumped to
 * g in its own frame: f's watch stays, and both fire at g's return) or a
 * call made again from the same place after f's frame was abandoned (f's
 * watch must go). The call instruction before the return address tells:
 * when it calls f (directly, or through a PLT stub or a GOT slot), g was
 * jumped to; when it calls g, or cannot be decoded, f is dropped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

/* One return address of a process with its breakpoint. */
struct site {
	struct site *next;      /* hash chain */
	uint64_t addr;
	snare_bp *bp;
	size_t refs;            /* pending returns to addr, all threads */
};

struct snare__retsites {
	struct site **b;        /* buckets, a power of two */
	size_t nb, n;
};

/* One pending return of one thread. */
struct snare__ret {
	struct snare__ret *next; /* the next outer frame */
	uint64_t sp;            /* rsp at the entry: [sp] holds the return address */
	uint64_t entry;         /* the function's first instruction */
	unsigned long stop;     /* the thread's stop when it was registered */
	struct site *site;
	snare_ret_fn fn;
	void *user;
};

static size_t
bucket(const struct snare__retsites *rs, uint64_t addr)
{
	/* Code addresses: the low bits vary most (Fibonacci hashing). */
	return (size_t)((addr * 0x9e3779b97f4a7c15ull) >> 32) & (rs->nb - 1);
}

static struct site *
site_find(snare_proc *p, uint64_t addr)
{
	struct snare__retsites *rs = p->retsites;
	struct site *s;

	if (!rs)
		return NULL;
	for (s = rs->b[bucket(rs, addr)]; s; s = s->next)
		if (s->addr == addr)
			return s;
	return NULL;
}

static int
sites_grow(struct snare__retsites *rs)
{
	size_t nb = rs->nb ? 2 * rs->nb : 64, i;
	struct site **b = calloc(nb, sizeof(*b)), *s, *next;
	struct snare__retsites tmp = { b, nb, 0 };

	if (!b)
		return -ENOMEM;
	for (i = 0; i < rs->nb; i++) {
		for (s = rs->b[i]; s; s = next) {
			size_t k = bucket(&tmp, s->addr);

			next = s->next;
			s->next = b[k];
			b[k] = s;
		}
	}
	free(rs->b);
	rs->b = b;
	rs->nb = nb;
	return 0;
}

static int ret_hit(snare_thread *t, snare_bp *bp);

/* The site at addr, armed now if there is none. */
static int
site_get(struct site **out, snare_proc *p, uint64_t addr)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	struct snare__retsites *rs = p->retsites;
	struct site *s = site_find(p, addr);
	snare_bp *bp;
	size_t k;
	int r;

	if (s) {
		*out = s;
		return 0;
	}
	if (!rs) {
		rs = calloc(1, sizeof(*rs));
		if (!rs)
			return -ENOMEM;
		p->retsites = rs;
	}
	if (rs->n >= 2 * rs->nb && (r = sites_grow(rs)) < 0)
		return r;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	/* internal: a user's breakpoint at addr is no conflict, it shares
	   the int3. Then a library one, inherited by fork children (their
	   memory has the int3 too): see ret_hit(). */
	r = snare__bp_new(&bp, p, addr, &o, true);
	if (r < 0) {
		free(s);
		return r;
	}
	bp->internal = false;
	bp->sys = true;
	bp->sys_fn = ret_hit;
	s->addr = addr;
	s->bp = bp;
	k = bucket(rs, addr);
	s->next = rs->b[k];
	rs->b[k] = s;
	rs->n++;
	*out = s;
	return 0;
}

/* Take an idle site out: its breakpoint, then the record. */
static void
site_remove(snare_proc *p, struct site *s)
{
	struct snare__retsites *rs = p->retsites;
	struct site **pp;

	for (pp = &rs->b[bucket(rs, s->addr)]; *pp; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	rs->n--;
	snare_bp_remove(s->bp);
	free(s);
}

/* Forget every site of p without touching the tracee (exec, free). */
static void
sites_free(snare_proc *p)
{
	struct snare__retsites *rs = p->retsites;
	struct site *s, *next;
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nb; i++)
		for (s = rs->b[i]; s; s = next) {
			next = s->next;
			free(s);
		}
	free(rs->b);
	free(rs);
	p->retsites = NULL;
}

/* A pending return that will never come: tell its owner, forget it. */
static void
drop_top(snare_thread *t)
{
	struct snare__ret *r = t->rets;

	t->rets = r->next;
	r->site->refs--;
	r->fn(NULL, r->user);
	free(r);
}

static void
drop_all(snare_proc *p)
{
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		while (t->rets)
			drop_top(t);
}

void
snare__retbp_thread_gone(snare_thread *t)
{
	/* Sites stay: the image may be gone already (an exec), and other
	   threads may come back to them. */
	while (t->rets)
		drop_top(t);
}

void
snare__retbp_exec(snare_proc *p)
{
	/* bp.c forgets the breakpoints of the old image next. */
	drop_all(p);
	sites_free(p);
}

void
snare__retbp_free(snare_proc *p)
{
	drop_all(p);
	sites_free(p);
}

/*
 * The link map changed: idle sites may lie in a library that is going or
 * gone, where a later library could be mapped. Take them all out; busy
 * ones stay (a pending return into code that was unmapped would crash the
 * program anyway).
 */
void
snare__retbp_libs_changed(snare_proc *p)
{
	struct snare__retsites *rs = p->retsites;
	struct site *s, *next;
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nb; i++)
		for (s = rs->b[i]; s; s = next) {
			next = s->next;
			if (!s->refs)
				site_remove(p, s);
		}
}

/* Code bytes as the program has them: our int3s read as what they cover. */
static int
read_code(uint8_t *buf, snare_proc *p, uint64_t addr, size_t len)
{
	size_t i;
	int r = snare_mem_read(buf, p, addr, len);

	if (r < 0)
		return r;
	for (i = 0; i < len; i++) {
		snare_bp *o = buf[i] == SNARE_ARCH_BP_INSN
				      ? snare__bp_owner(p, addr + i)
				      : NULL;

		if (o)
			buf[i] = o->orig;
	}
	return 0;
}

static int32_t
rel32(const uint8_t *b)
{
	uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		     (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;

	return (int32_t)v;
}

/* What a PLT stub at addr jumps to (its GOT slot), or addr itself. */
static uint64_t
through_plt(snare_proc *p, uint64_t addr)
{
	static const uint8_t endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	uint8_t c[12];
	uint64_t got, target;
	size_t i = 0;

	if (read_code(c, p, addr, sizeof(c)) < 0)
		return addr;
	if (!memcmp(c, endbr64, 4))
		i = 4;
	if (c[i] == 0xf2)
		i++; /* bnd */
	/* jmp *disp32(%rip) */
	if (c[i] != 0xff || c[i + 1] != 0x25)
		return addr;
	got = addr + i + 6 + (uint64_t)(int64_t)rel32(&c[i + 2]);
	if (snare_mem_read(&target, p, got, sizeof(target)) < 0)
		return addr;
	return target;
}

/*
 * The function the call instruction that returns to ret calls: a direct
 * call (through a PLT stub), or a call through a GOT slot (-fno-plt); 0
 * when it is none of those (a call through a register: unknown).
 */
static uint64_t
call_target(snare_proc *p, uint64_t ret)
{
	uint8_t c[6];
	uint64_t slot, target;

	if (ret < sizeof(c) || read_code(c, p, ret - sizeof(c), sizeof(c)) < 0)
		return 0;
	if (c[1] == 0xe8) /* call rel32 */
		return through_plt(p, ret + (uint64_t)(int64_t)rel32(&c[2]));
	if (c[0] == 0xff && c[1] == 0x15) { /* call *disp32(%rip) */
		slot = ret + (uint64_t)(int64_t)rel32(&c[2]);
		if (snare_mem_read(&target, p, slot, sizeof(target)) == 0)
			return target;
	}
	return 0;
}

/*
 * Drop the pending returns a new entry at sp (the thread's pc, pc) shows
 * are gone: below sp, and in sp's slot unless this entry is a tail call
 * from the function that was called there (see the top of the file).
 */
static void
drop_abandoned(snare_thread *t, uint64_t sp, uint64_t pc, uint64_t ret)
{
	struct snare__ret *r, *first = NULL;
	uint64_t target;

	while (t->rets && t->rets->sp < sp)
		drop_top(t);
	/* The watches of this slot from earlier stops: the first one
	   registered is the function the call at ret called. */
	for (r = t->rets; r && r->sp == sp; r = r->next)
		if (r->stop != t->nstops)
			first = r;
	if (!first)
		return;
	target = call_target(t->proc, ret);
	if (first->site->addr == ret && target && target != pc &&
	    target == first->entry)
		return; /* a tail call: they return together */
	while ((r = t->rets) && r->sp == sp && r->stop != t->nstops)
		drop_top(t);
}

/* The stronger of two actions: DETACH, STOP, CONTINUE. */
static int
stronger(int a, int b)
{
	if (a == SNARE_DETACH || b == SNARE_DETACH)
		return SNARE_DETACH;
	if (a == SNARE_STOP || b == SNARE_STOP)
		return SNARE_STOP;
	return SNARE_CONTINUE;
}

/* One watched return: the observer, then the callback. */
static int
fire(snare_thread *t, struct snare__ret *r, uint64_t pc)
{
	snare_session *s = t->proc->s;
	snare_event ev;
	int action, observed;

	memset(&ev, 0, sizeof(ev));
	ev.kind = SNARE_EV_RETURN;
	ev.thread = t;
	ev.proc = t->proc;
	ev.pid = t->proc->pid;
	ev.tid = t->tid;
	ev.pc = pc;
	observed = s->opts.on_event ? snare__emit(s, &ev) : SNARE_CONTINUE;
	/* Called whatever the observer said: the watch is used up. */
	action = r->fn(t, r->user);
	if (observed == SNARE_DETACH)
		action = SNARE_DETACH;
	if (action == SNARE_STOP)
		snare__request_stop(s, &ev);
	return action;
}

/*
 * A thread reached a return address (the pc is rewound to it). Fire the
 * thread's returns to it whose frame is the one that just returned: with
 * an ordinary `ret`, rsp is the entry's plus 8. Several fire for a tail
 * call (f jumped to g, whose return is f's too: innermost first) or when
 * several watches were registered at the frame's entry.
 */
static int
ret_hit(snare_thread *t, snare_bp *bp)
{
	snare_proc *p = t->proc;
	struct site *site = site_find(p, bp->addr);
	struct snare__ret *r;
	uint64_t sp;
	int action = SNARE_CONTINUE;

	if (!site || site->bp != bp) {
		/* A fork child's copy of its parent's site (the int3 is in
		   its memory too; its threads have no returns pending): put
		   its byte back, unless the memory is the parent's (vfork). */
		if (!p->vforked)
			snare_bp_remove(bp);
		return SNARE_CONTINUE;
	}
	if (snare_thread_sp(&sp, t) < 0)
		return SNARE_CONTINUE;
	/* Frames wholly below the stack pointer were abandoned. */
	while (t->rets && t->rets->sp + 8 < sp)
		drop_top(t);
	while ((r = t->rets) && r->sp + 8 == sp && r->site == site) {
		t->rets = r->next;
		site->refs--;
		action = stronger(action, fire(t, r, bp->addr));
		free(r);
	}
	return action;
}

SNARE_EXPORT int
snare_thread_on_return(snare_thread *t, snare_ret_fn fn, void *user)
{
	snare_session *s;
	struct snare__ret *r;
	struct site *site;
	uint64_t sp, pc, ret;
	int err;

	if (!t || !fn)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "on_return: foreign thread");
	err = snare__check_stopped(t);
	if (err < 0)
		return err;
	if (t->proc->vforked)
		return snare__err(s, -ENOTSUP,
				  "on_return: thread %d is a vfork child, which shares its parent's memory",
				  t->tid);
	err = snare_thread_sp(&sp, t);
	if (err == 0)
		err = snare_thread_pc(&pc, t);
	if (err < 0)
		return err;
	err = snare_mem_read(&ret, t->proc, sp, sizeof(ret));
	if (err < 0)
		return snare__err(s, err,
				  "on_return: cannot read the return address at 0x%llx",
				  (unsigned long long)sp);
	drop_abandoned(t, sp, pc, ret);
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	err = site_get(&site, t->proc, ret);
	if (err < 0) {
		char why[sizeof(s->errmsg)];

		free(r);
		snprintf(why, sizeof(why), "%s", snare_errmsg(s));
		return snare__err(s, err, "on_return: return address 0x%llx: %s",
				  (unsigned long long)ret, why);
	}
	r->sp = sp;
	r->entry = pc;
	r->stop = t->nstops;
	r->site = site;
	r->fn = fn;
	r->user = user;
	r->next = t->rets;
	t->rets = r;
	site->refs++;
	return 0;
}
