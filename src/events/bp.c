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
 * managed in debugregs.c; their hits are dispatched here. Execution
 * breakpoints resume with RF, which the kernel sets at the hit: one stop,
 * no single-step.
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

/* is_watch, uses_dr and the debug registers: debugregs.c */

/*
 * Several records may share one address (a user breakpoint, the library's
 * own, a finish/next target): one int3 serves them all, and exactly one of
 * them, the owner, has `inserted` set. The others copy its saved byte.
 */
static snare_bp *
owner_at(snare_proc *p, uint64_t addr)
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

	if (bp->inserted || owner_at(bp->p, bp->addr))
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
static int
unpatch_raw(snare_bp *bp)
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
	return unpatch_raw(bp);
}

/* The record whose int3 is at addr (the thread stopped on it runs its
   covered instruction with its plan and slot), NULL when none is. */
snare_bp *
snare__bp_owner(snare_proc *p, uint64_t addr)
{
	return owner_at(p, addr);
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
	snare_bp *owner = owner_at(bp->p, bp->addr);
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

static void
free_vals(snare_bp *bp)
{
	free(bp->shadow);
	free(bp->ev_vals);
	bp->shadow = bp->ev_vals = NULL;
}

/* A watch keeps its value, to report the old one with the new. */
static int
watch_vals(snare_bp *bp)
{
	if (!snare__bp_is_watch(bp) || bp->shadow)
		return 0;
	bp->shadow = malloc(bp->len);
	bp->ev_vals = malloc(2 * bp->len);
	if (!bp->shadow || !bp->ev_vals) {
		free_vals(bp);
		return -ENOMEM;
	}
	if (snare_mem_read(bp->shadow, bp->p, bp->addr, bp->len) < 0)
		memset(bp->shadow, 0, bp->len);
	return 0;
}

/* The record goes; what it points to goes with it (same lifetime). */
static void
discard(snare_bp *bp)
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

	r = watch_vals(bp);
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
		    owner_at(c, bp->addr))
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
		free_vals(bp);
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

	/* It shares the int3 of any other record there (owner_at). */
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
	discard(bp);
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
		if (owner_at(p, pc - 1)) {
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
		t->at_bp = st->kind == STOP_BREAKPOINT ? owner_at(p, st->pc) : NULL;
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
	t->at_bp = owner_at(p, st->pc);
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
	t->at_bp = owner_at(p, st->pc);
	return action;
}

/* Before a detach: every patched byte back, every debug register off. */
void
snare__bp_unpatch_all(snare_proc *p)
{
	snare_bp *bp;
	snare_thread *t;
	int i;

	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind == SNARE_BP_SOFTWARE)
			unpatch_raw(bp);
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
		discard(bp);
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
			free_vals(bp);
			bp->next = NULL;
			*tail = bp;
			tail = &bp->next;
		} else {
			bp->removed = true;
			discard(bp);
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
		if (bp->shadow && watch_vals(nb) == 0)
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

/* The program's view of memory: reads see the saved bytes, not int3s. */
void
snare__bp_mem_view(snare_proc *p, uint64_t addr, void *buf, size_t len)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted &&
		    bp->addr - addr < len)
			((uint8_t *)buf)[bp->addr - addr] = bp->orig;
}

/*
 * The instruction under the int3 at owner's address changed (a write of
 * the user's): decode it again for every record there, with a new slot
 * (a thread may be running in the old one). Not an instruction any more:
 * the breakpoint is taken out and disabled rather than run garbage.
 */
static void
replan(snare_bp *owner)
{
	snare_proc *p = owner->p;
	struct insn_plan plan;
	uint8_t code[16];
	size_t got = sizeof(code);
	snare_bp *bp;
	bool ok;

	while (got && snare_mem_read(code, p, owner->addr, got) < 0)
		got--;
	ok = got && snare__insn_plan(&plan, code, got, owner->addr) == 0;
	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind != SNARE_BP_SOFTWARE || bp->addr != owner->addr ||
		    bp->removed)
			continue;
		bp->slot = 0;
		if (ok) {
			bp->plan = plan;
		} else {
			bp->enabled = false;
			bp->bad_insn = true;
		}
	}
	if (!ok) {
		unpatch_raw(owner);
		snare__log(p->s, SNARE_LOG_WARN,
			   "breakpoint at 0x%llx disabled: the bytes written there are not an instruction",
			   (unsigned long long)owner->addr);
	}
}

/*
 * A write of the user's: the bytes under int3s go to the records' saved
 * byte, the int3s stay, and the covered instructions are decoded again.
 */
int
snare__bp_mem_write(snare_proc *p, uint64_t addr, const void *buf, size_t len)
{
	uint8_t *copy = NULL;
	snare_bp *bp, *o;
	int r;

	for (bp = p->bps; bp; bp = bp->next) {
		if (bp->kind != SNARE_BP_SOFTWARE || !bp->inserted ||
		    bp->addr - addr >= len)
			continue;
		if (!copy) {
			copy = malloc(len);
			if (!copy)
				return -ENOMEM;
			memcpy(copy, buf, len);
		}
		for (o = p->bps; o; o = o->next)
			if (o->kind == SNARE_BP_SOFTWARE && o->addr == bp->addr)
				o->orig = copy[bp->addr - addr];
		copy[bp->addr - addr] = SNARE_ARCH_BP_INSN;
	}
	r = snare__mem_write_raw(p, addr, copy ? copy : buf, len);
	free(copy);
	if (r < 0)
		return r;
	/* An instruction starting up to 15 bytes before the write may
	   cover it. */
	for (bp = p->bps; bp; bp = bp->next)
		if (bp->kind == SNARE_BP_SOFTWARE && bp->inserted &&
		    bp->addr < addr + len && bp->addr + 16 > addr)
			replan(bp);
	return 0;
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
