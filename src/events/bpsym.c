/* SPDX-License-Identifier: MIT */
/*
 * bpsym.c: breakpoints by location, pending breakpoints, backtraces.
 *
 * A location that names a library not mapped yet (or any symbol while the
 * dynamic loader is still at work) makes a pending breakpoint. Two
 * breakpoints of the library's own watch for libraries: one at the program's
 * entry point (the loader is done) and one at the loader's _dl_debug_state,
 * which glibc's ld.so calls around every change of the link map (the r_brk
 * of r_debug, as gdb uses it). At each, the process's symbol table is
 * refreshed, breakpoints whose library went away are taken back, and the
 * pending breakpoints are armed where they now resolve.
 * After an exec, breakpoints set by location start over as pending.
 *
 * Indirect functions (STT_GNU_IFUNC: glibc's strlen, memcpy...). A
 * breakpoint on one lands on the implementation the process's resolver
 * chose (__strlen_avx2), read from the process (symbols/ifunc.c: the
 * library's IRELATIVE slot, a bound GOT slot). Nothing of ours ever runs
 * the resolver. When the choice cannot be read yet, which is the case for
 * a library dlopen()ed but not relocated yet (glibc calls _dl_debug_state
 * with RT_CONSISTENT before it relocates a dlopen()ed library, but after
 * the libraries of the program's start are relocated; Debian's ld.so has
 * no SystemTap probes to tell the end of relocation), the breakpoint
 * stays pending and a breakpoint of ours on the resolver catches its
 * return when the loader (or a lazy PLT binding, or dlsym) calls it: the
 * value it returns is the implementation, where the breakpoint is armed
 * before anything can call it.
 *
 * Unloads. Each breakpoint remembers the file mapping it was placed in
 * (device, inode, load base). At every loader event, a breakpoint whose
 * mapping is gone or another goes back to pending if its location can be
 * resolved again (its snare_bp_addr() is 0 until the library is loaded
 * again, as gdb does), or is disabled if it was set by address; its saved
 * byte is never written, since the memory there is another file's or
 * nobody's. The same check guards every write of bp.c (remove, disable,
 * enable, detach), for an unload no loader event announced.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"
#include "symbols/symtab.h"

SNARE_EXPORT snare_symtab *
snare_proc_symtab(snare_proc *p)
{
	int r;

	if (!p)
		return NULL;
	if (p->symtab)
		return p->symtab;
	r = snare_symtab_new(&p->symtab, p);
	if (r < 0) {
		snare__err(p->s, r, "symbols of process %d: %s", p->pid,
			   snare_strerror(r));
		p->symtab = NULL;
	}
	return p->symtab;
}

void
snare__bpsym_free(snare_proc *p)
{
	snare_symtab_free(p->symtab);
	p->symtab = NULL;
}

SNARE_EXPORT const char *
snare_bp_location(const snare_bp *bp)
{
	return bp ? bp->location : "";
}

/* Is the file part of "LIB:SYM" mapped in p? (No LIB part: 1.) */
static int
lib_mapped(snare_proc *p, const char *loc)
{
	const char *colon = strchr(loc, ':');
	snare_map *maps;
	size_t n, i, len;
	int found = 0;

	if (!colon || colon == loc)
		return 1;
	len = (size_t)(colon - loc);
	/* "file.c:42" is a source line, not a library. */
	if (colon[1] >= '0' && colon[1] <= '9')
		return 1;
	if (snare_proc_maps(&maps, &n, p) < 0)
		return 1;
	for (i = 0; i < n && !found; i++) {
		const char *base = strrchr(maps[i].path, '/');

		base = base ? base + 1 : maps[i].path;
		if (!strncmp(maps[i].path, loc, len) && maps[i].path[len] == '\0')
			found = 1;
		else if (!strncmp(base, loc, len))
			found = 1;
	}
	snare_maps_free(maps, n);
	return found;
}

/*
 * An absolute address ("0x7f12...", "*0x7f12..."): it names no file, so
 * it cannot be resolved again after its library is unloaded.
 */
static bool
location_absolute(const char *loc)
{
	while (*loc == ' ' || *loc == '\t')
		loc++;
	if (*loc == '*')
		return true;
	if (loc[0] != '0' || (loc[1] != 'x' && loc[1] != 'X'))
		return false;
	loc += 2;
	loc += strspn(loc, "0123456789abcdefABCDEF");
	loc += strspn(loc, " \t\n");
	return *loc == '\0';
}

/*
 * Where a breakpoint at location goes now: 0 with *addr; -EAGAIN when it
 * names an indirect function whose implementation the process has not
 * chosen yet (*resolver: the resolver to watch); other errors of the
 * symbol layer. Until the loader has finished, a name without a file
 * looks only at what the program and the libraries export: the loader's
 * own private strlen is not the one the program will call.
 */
static int
locate_for_bp(uint64_t *addr, uint64_t *resolver, snare_proc *p,
	      snare_symtab *st, const char *location)
{
	struct snare__loc loc;
	int r;

	r = snare__symtab_locate(&loc, st, location,
				 p->libs_loaded ? 0 : SNARE__SYM_EXPORTED);
	if (r < 0)
		return r;
	*addr = loc.addr;
	if (!loc.ifunc)
		return 0;
	if (snare__ifunc_impl(addr, st, loc.mod, loc.addr, loc.sym) == 0) {
		snare__log(p->s, SNARE_LOG_DEBUG,
			   "%s is an indirect function: its implementation is at 0x%llx",
			   location, (unsigned long long)*addr);
		return 0;
	}
	*resolver = loc.addr;
	return -EAGAIN;
}

static int arm_watchers(snare_proc *p);
static void resolve_pending(snare_proc *p);
static int resolver_hit(snare_thread *t, snare_bp *bp);

/*
 * A breakpoint of the library's own. It is made as an internal one, so
 * that it shares the int3 of a user's breakpoint at the same address
 * (rather than failing with -EEXIST) and snare__bp_placed() leaves it be.
 */
static int
add_sys(snare_bp **out, snare_proc *p, uint64_t addr,
	int (*fn)(snare_thread *, snare_bp *))
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	int r = snare__bp_new(out, p, addr, &o, true);

	if (r == 0) {
		(*out)->internal = false;
		(*out)->sys = true;
		(*out)->sys_fn = fn;
		/* A resolver's library may go before the watch does. */
		if (fn == resolver_hit)
			snare__bp_placed(*out);
	}
	return r;
}

/*
 * The return of a resolver we watch: the thread that called it is back in
 * its caller with the stack pointer the call left (other threads, or
 * other calls, may pass here too). rax is the implementation.
 */
static int
resolver_return_hit(snare_thread *t, snare_bp *bp)
{
	snare_proc *p = t->proc;
	uint64_t sp, impl, resolver = (uint64_t)(uintptr_t)bp->opts.user;

	if (snare_thread_sp(&sp, t) < 0 || sp != bp->min_sp)
		return SNARE_CONTINUE;
	if (snare_reg_get(&impl, t, "rax") == 0 && p->symtab) {
		snare__log(p->s, SNARE_LOG_DEBUG,
			   "resolver at 0x%llx chose 0x%llx",
			   (unsigned long long)resolver,
			   (unsigned long long)impl);
		snare__ifunc_learn(p->symtab, resolver, impl);
	}
	/* One shot: the pc is already rewound; the original runs. */
	snare_bp_remove(bp);
	resolve_pending(p);
	return SNARE_CONTINUE;
}

/*
 * A watched resolver was called (by the loader relocating, a lazy PLT
 * binding, dlsym): catch its return, at the return address on the stack,
 * for this call (the stack pointer after the return) only.
 */
static int
resolver_hit(snare_thread *t, snare_bp *bp)
{
	snare_proc *p = t->proc;
	snare_bp *ret_bp;
	uint64_t sp, ret;

	if (snare_thread_sp(&sp, t) < 0 ||
	    snare_mem_read(&ret, p, sp, sizeof(ret)) < 0)
		return SNARE_CONTINUE;
	if (add_sys(&ret_bp, p, ret, resolver_return_hit) < 0) {
		snare__log(p->s, SNARE_LOG_WARN,
			   "cannot catch the return of the resolver at 0x%llx: %s",
			   (unsigned long long)bp->addr, snare_errmsg(p->s));
		return SNARE_CONTINUE;
	}
	ret_bp->min_sp = sp + sizeof(ret);
	ret_bp->opts.user = (void *)(uintptr_t)bp->addr;
	return SNARE_CONTINUE;
}

/* The library's breakpoint on the resolver at addr, if any. */
static snare_bp *
resolver_watch(snare_proc *p, uint64_t addr)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->sys && bp->sys_fn == resolver_hit && bp->addr == addr &&
		    !bp->removed)
			return bp;
	return NULL;
}

static void
watch_resolver(snare_proc *p, uint64_t resolver)
{
	snare_bp *bp;

	if (resolver_watch(p, resolver))
		return;
	if (add_sys(&bp, p, resolver, resolver_hit) < 0)
		snare__log(p->s, SNARE_LOG_WARN,
			   "cannot watch the resolver at 0x%llx: %s",
			   (unsigned long long)resolver, snare_errmsg(p->s));
	else
		snare__log(p->s, SNARE_LOG_DEBUG,
			   "watching the resolver at 0x%llx for its choice",
			   (unsigned long long)resolver);
}

/* Resolvers no pending breakpoint waits for any more are not watched. */
static void
unwatch_resolvers(snare_proc *p, const uint64_t *wanted, size_t n)
{
	snare_bp *bp, *next;
	size_t i;

	for (bp = p->bps; bp; bp = next) {
		next = bp->next;
		if (!bp->sys || bp->sys_fn != resolver_hit || bp->removed)
			continue;
		for (i = 0; i < n && wanted[i] != bp->addr; i++)
			;
		if (i == n)
			snare_bp_remove(bp);
	}
}

/*
 * Has the mapping bp was placed in changed? Its file is not mapped at
 * the same load base any more, or (same file, same base: unloaded and
 * loaded again in between) the byte there is not what bp left: an int3
 * when it is the owner (inserted), its saved byte when it is about to
 * write one (patching).
 */
static bool
placement_changed(snare_bp *bp, const snare_map *maps, size_t n,
		  bool patching)
{
	const snare_map *m = NULL;
	uint8_t b;
	size_t i;

	if (bp->map_lost)
		return true;
	for (i = 0; i < n && !m; i++)
		if (bp->addr >= maps[i].start && bp->addr < maps[i].end)
			m = &maps[i];
	if (!m || m->inode != bp->map_ino ||
	    m->dev_major != bp->map_dev_major ||
	    m->dev_minor != bp->map_dev_minor ||
	    m->start - m->offset != bp->map_base)
		return true;
	if (bp->kind != SNARE_BP_SOFTWARE || (!bp->inserted && !patching))
		return false;
	if (snare__mem_read_raw(&b, bp->p, bp->addr, 1) < 0)
		return true;
	return b != (bp->inserted ? SNARE_ARCH_BP_INSN : bp->orig);
}

/* Can bp be armed again where its location resolves after a reload? */
static bool
relocatable(const snare_bp *bp)
{
	return bp->location[0] && !bp->sys && !bp->internal &&
	       !location_absolute(bp->location);
}

static void
say_unplaced(snare_bp *bp, uint64_t addr)
{
	if (bp->sys || bp->internal)
		return;
	if (bp->pending)
		snare__log(bp->p->s, SNARE_LOG_INFO,
			   "breakpoint %s at 0x%llx: its library was unloaded; pending again",
			   bp->location, (unsigned long long)addr);
	else
		snare__log(bp->p->s, SNARE_LOG_INFO,
			   "breakpoint at 0x%llx: its library was unloaded; disabled",
			   (unsigned long long)addr);
}

/*
 * Called by bp.c before it writes at bp's address (patching: an int3,
 * else the saved byte). 0: the mapping is the one bp was placed in, go
 * ahead. Otherwise bp is taken back without any write (pending, or
 * disabled) and the answer is 1 (nothing to write), or, when an int3 was
 * to be written for a breakpoint that cannot be resolved again, an error.
 */
int
snare__bp_guard(snare_bp *bp, bool patching)
{
	snare_map *maps;
	uint64_t addr = bp->addr;
	size_t n;
	bool changed;

	if (!bp->map_known)
		return 0;
	if (bp->map_lost) {
		changed = true;
	} else {
		if (snare_proc_maps(&maps, &n, bp->p) < 0)
			return 0;
		changed = placement_changed(bp, maps, n, patching);
		snare_maps_free(maps, n);
		if (!changed)
			return 0;
		snare__bp_unplace(bp, relocatable(bp));
		say_unplaced(bp, addr);
	}
	if (patching && !bp->pending)
		return snare__err(bp->p->s, -EFAULT,
				  "breakpoint at 0x%llx: its library was unloaded (set it again by location)",
				  (unsigned long long)addr);
	return 1;
}

/*
 * At a loader event: take back every breakpoint whose mapping changed
 * (a library unloaded). Records sharing one int3 are judged together: a
 * record left without an owner at its address lost it with the owner.
 */
static void
check_placements(snare_proc *p)
{
	snare_map *maps;
	snare_bp *bp, *next;
	uint64_t addr;
	size_t n;
	int pass;

	if (snare_proc_maps(&maps, &n, p) < 0)
		return;
	for (pass = 0; pass < 2; pass++) {
		for (bp = p->bps; bp; bp = next) {
			next = bp->next;
			if (bp->removed || bp->pending || !bp->map_known ||
			    bp->map_lost)
				continue;
			if (pass == 0 && !placement_changed(bp, maps, n, false))
				continue;
			if (pass == 1 && (bp->kind != SNARE_BP_SOFTWARE ||
					  !bp->enabled || bp->inserted ||
					  snare__bp_owner(p, bp->addr)))
				continue;
			addr = bp->addr;
			if (bp->sys && bp != p->ldso_bp && bp != p->entry_bp) {
				/* A resolver watch or return catch there. */
				snare__bp_unplace(bp, false);
				snare_bp_remove(bp);
				continue;
			}
			snare__bp_unplace(bp, relocatable(bp));
			say_unplaced(bp, addr);
		}
	}
	snare_maps_free(maps, n);
}

/*
 * Refresh the symbols, take back breakpoints whose library went away and
 * try every pending breakpoint of p again.
 */
static void
resolve_pending(snare_proc *p)
{
	snare_symtab *st = snare_proc_symtab(p);
	uint64_t *waits = NULL, *w, addr, resolver = 0;
	size_t nwaits = 0;
	snare_bp *bp;
	int r;

	if (!st)
		return;
	snare_symtab_refresh(st);
	check_placements(p);
	for (bp = p->bps; bp; bp = bp->next) {
		if (!bp->pending || bp->removed)
			continue;
		r = locate_for_bp(&addr, &resolver, p, st, bp->location);
		if (r == -EAGAIN) {
			w = realloc(waits, (nwaits + 1) * sizeof(*waits));
			if (w) {
				waits = w;
				waits[nwaits++] = resolver;
			}
			watch_resolver(p, resolver);
			continue;
		}
		if (r < 0)
			continue;
		r = snare__bp_activate(bp, addr);
		if (r < 0)
			snare__log(p->s, SNARE_LOG_WARN,
				   "pending breakpoint %s at 0x%llx: %s",
				   bp->location, (unsigned long long)addr,
				   snare_errmsg(p->s));
		else
			snare__log(p->s, SNARE_LOG_INFO,
				   "pending breakpoint %s armed at 0x%llx",
				   bp->location, (unsigned long long)addr);
	}
	unwatch_resolvers(p, waits, nwaits);
	free(waits);
}

static int
ldso_hit(snare_thread *t, snare_bp *bp)
{
	(void)bp;
	resolve_pending(t->proc);
	snare__libs_changed(t->proc);
	return SNARE_CONTINUE;
}

static int
entry_hit(snare_thread *t, snare_bp *bp)
{
	snare_proc *p = t->proc;

	p->libs_loaded = true;
	resolve_pending(p);
	snare__libs_changed(p);
	/* One shot: the pc is already rewound; the original runs. */
	p->entry_bp = NULL;
	snare_bp_remove(bp);
	return SNARE_CONTINUE;
}

/* The loader's basename ("ld-linux-x86-64.so.2"), from AT_BASE. */
static int
ldso_name(char *buf, size_t cap, snare_proc *p)
{
	uint64_t base = snare__auxv(p->pid, AT_BASE);
	snare_map *maps;
	size_t n, i;
	int r = -ENOENT;

	if (!base || snare_proc_maps(&maps, &n, p) < 0)
		return -ENOENT;
	for (i = 0; i < n; i++) {
		if (maps[i].start == base && maps[i].path[0] == '/') {
			const char *b = strrchr(maps[i].path, '/') + 1;

			snprintf(buf, cap, "%s", b);
			r = 0;
			break;
		}
	}
	snare_maps_free(maps, n);
	return r;
}

/* Set the entry-point and _dl_debug_state watchers if not yet set. */
static int
arm_watchers(snare_proc *p)
{
	struct snare__loc loc;
	snare_symtab *st;
	char name[300], ld[200];
	uint64_t addr;
	int r;

	if (!p->libs_loaded && !p->entry_bp) {
		addr = snare__auxv(p->pid, AT_ENTRY);
		if (addr && add_sys(&p->entry_bp, p, addr, entry_hit) < 0)
			p->entry_bp = NULL;
	}
	if (p->ldso_bp || ldso_name(ld, sizeof(ld), p) < 0)
		return 0; /* static program: no loader to watch */
	st = snare_proc_symtab(p);
	if (!st)
		return -ENOENT;
	snprintf(name, sizeof(name), "%s:_dl_debug_state", ld);
	r = snare__symtab_locate(&loc, st, name, 0);
	if (r == 0)
		r = add_sys(&p->ldso_bp, p, loc.addr, ldso_hit);
	if (r < 0)
		snare__log(p->s, SNARE_LOG_WARN,
			   "cannot watch library loads (%s): pending breakpoints arm at the entry point only",
			   snare_symtab_errmsg(st));
	return 0;
}

/*
 * Called by bp.c once bp is placed at bp->addr: remember the file mapping
 * there (snare__bp_guard and the loader events compare with it), and
 * make sure a breakpoint of the user's in a library hears of unloads.
 * Internal breakpoints (finish, next, the library's own while they are
 * made) live for one run to a place in a live frame: they are not
 * followed, and cost no reading of the maps.
 */
void
snare__bp_placed(snare_bp *bp)
{
	snare_map *maps;
	size_t n, i;

	bp->map_known = false;
	if (bp->internal || snare_proc_maps(&maps, &n, bp->p) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (bp->addr < maps[i].start || bp->addr >= maps[i].end)
			continue;
		/* Anonymous memory (JIT code, stacks) has no identity to
		   check: a mapping there is trusted. */
		if (maps[i].inode) {
			bp->map_known = true;
			bp->map_ino = maps[i].inode;
			bp->map_dev_major = maps[i].dev_major;
			bp->map_dev_minor = maps[i].dev_minor;
			bp->map_base = maps[i].start - maps[i].offset;
		}
		break;
	}
	snare_maps_free(maps, n);
	if (bp->map_known && !bp->sys && !bp->internal && !bp->p->ldso_bp)
		arm_watchers(bp->p);
}

/* Watch the loader for snare_proc_on_libraries() (libwatch.c). */
int
snare__bpsym_watch(snare_proc *p)
{
	return arm_watchers(p);
}

void
snare__bpsym_exec(snare_proc *p)
{
	snare_bp *bp;
	bool any = false;

	p->libs_loaded = false;
	if (p->symtab)
		snare_symtab_refresh(p->symtab);
	for (bp = p->bps; bp; bp = bp->next) {
		bp->map_known = bp->map_lost = false; /* the image is new */
		any |= bp->pending;
	}
	if (!any && !snare__libs_watched(p))
		return;
	resolve_pending(p);
	arm_watchers(p);
}

/* A new pending breakpoint at location. */
static int
add_pending(snare_bp **out, snare_proc *p, const char *location,
	    const snare_bp_opts *opts)
{
	snare_bp *bp;

	bp = calloc(1, sizeof(*bp));
	if (!bp)
		return -ENOMEM;
	bp->p = p;
	bp->kind = opts->kind;
	bp->len = opts->len ? opts->len : 1;
	bp->opts = *opts;
	bp->enabled = true;
	bp->pending = true;
	bp->dr = -1;
	snprintf(bp->location, sizeof(bp->location), "%s", location);
	bp->next = p->bps;
	p->bps = bp;
	*out = bp;
	return 0;
}

SNARE_EXPORT int
snare_bp_add_at(snare_bp **out, snare_proc *p, const char *location,
		const snare_bp_opts *opts)
{
	snare_bp_opts def = SNARE_BP_OPTS_INIT;
	snare_symtab *st;
	snare_bp *unused;
	uint64_t addr, resolver = 0;
	int r;

	if (out)
		*out = NULL;
	if (!p || !location)
		return -EINVAL;
	if (!out)
		out = &unused; /* the caller does not keep the handle */
	if (strlen(location) >= sizeof(unused->location))
		return snare__err(p->s, -ENAMETOOLONG, "breakpoint location too long");
	if (opts) {
		char msg[128];

		if (snare__bp_opts_copy(&def, opts, msg, sizeof(msg)) < 0)
			return snare__err(p->s, -EINVAL, "%s", msg);
	}
	opts = &def;
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED, "breakpoint: process %d is gone",
				  p->pid);
	st = snare_proc_symtab(p);
	if (!st)
		return -ESRCH;
	r = locate_for_bp(&addr, &resolver, p, st, location);
	if (r == 0) {
		r = snare_bp_add(out, p, addr, opts);
		if (r == 0)
			snprintf((*out)->location, sizeof((*out)->location), "%s", location);
		return r;
	}
	if (r == -EAGAIN) {
		/* An indirect function not chosen yet: pending until its
		   resolver has run. */
		r = add_pending(out, p, location, opts);
		if (r == 0) {
			snare__log(p->s, SNARE_LOG_INFO,
				   "breakpoint at %s is pending until its resolver runs",
				   location);
			watch_resolver(p, resolver);
			arm_watchers(p);
		}
		return r;
	}
	if (r != -ENOENT || (p->libs_loaded && lib_mapped(p, location)))
		return snare__err(p->s, r, "breakpoint at %s: %s", location,
				  snare_symtab_errmsg(st));
	r = add_pending(out, p, location, opts);
	if (r < 0)
		return r;
	snare__log(p->s, SNARE_LOG_INFO, "breakpoint at %s is pending", location);
	arm_watchers(p);
	return 0;
}

struct bt_ctx {
	uint64_t *pcs;
	size_t cap, n;
};

static int
frame_cb(Dwfl_Frame *state, void *arg)
{
	struct bt_ctx *c = arg;
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(state, &pc, &activation))
		return DWARF_CB_ABORT;
	if (c->n < c->cap)
		c->pcs[c->n] = pc;
	c->n++;
	return c->n >= c->cap ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/*
 * Walk tid's frames in dwfl (attached to the process, or to a fake state
 * by fuzz_unwind) into pcs, at most cap of them: the callback stops the
 * walk there, so a looping stack ends too. Returns how many were seen.
 */
size_t
snare__backtrace_frames(uint64_t *pcs, size_t cap, Dwfl *dwfl, pid_t tid)
{
	struct bt_ctx c = { pcs, cap, 0 };

	dwfl_getthread_frames(dwfl, tid, frame_cb, &c);
	return c.n;
}

/* Attach libdwfl to the process (once per Dwfl: a refresh after an exec
   makes a new one). */
static int
bt_attach(snare_symtab *st, snare_proc *p)
{
	if (st->attached == st->dwfl)
		return 0;
	if (dwfl_linux_proc_attach(st->dwfl, p->pid, true) != 0)
		return snare__err(p->s, -ESRCH, "backtrace: %s", dwfl_errmsg(-1));
	st->attached = st->dwfl;
	return 0;
}

/*
 * The first pc of the walk of n frames in no known module (an outer
 * frame's pc is a return address, its call is just before it: pc - 1, as
 * a noreturn call may end a function); 1 for no frame at all; 0 when all
 * are known.
 */
static uint64_t
bt_unknown_pc(snare_symtab *st, const uint64_t *pcs, size_t n)
{
	size_t i;

	if (!n)
		return 1;
	for (i = 0; i < n; i++)
		if (!dwfl_addrmodule(st->dwfl, i ? pcs[i] - 1 : pcs[i]))
			return pcs[i];
	return 0;
}

SNARE_EXPORT int
snare_thread_backtrace(uint64_t *pcs, size_t cap, snare_thread *t)
{
	snare_symtab *st;
	uint64_t miss;
	size_t n;
	int r;

	if (!t || !pcs || !cap)
		return -EINVAL;
	if (t->state != TS_STOPPED)
		return t->state == TS_RUNNING ? SNARE_ERUNNING : SNARE_EEXITED;
	st = snare_proc_symtab(t->proc);
	if (!st)
		return -ESRCH;
	/* libdwfl reads the registers itself: hand it the current ones. */
	r = snare__regs_flush(t);
	if (r < 0)
		return r;
	r = bt_attach(st, t->proc);
	if (r < 0)
		return r;
	n = snare__backtrace_frames(pcs, cap, st->dwfl, t->tid);
	/* The modules are those of the last refresh: a library mapped
	   since (the loader at work, a dlopen) has no module, so the walk
	   stops at its first frame, unnamed. Then reread the maps, once. */
	miss = bt_unknown_pc(st, pcs, n < cap ? n : cap);
	if (miss && miss != st->bt_unknown && snare_symtab_refresh(st) == 0 &&
	    bt_attach(st, t->proc) == 0) {
		n = snare__backtrace_frames(pcs, cap, st->dwfl, t->tid);
		/* Still unknown after a refresh (code outside any file, a
		   stack that ends in garbage): not worth a reread of the
		   maps at every stack that ends there. */
		st->bt_unknown = bt_unknown_pc(st, pcs, n < cap ? n : cap);
	}
	if (!n)
		return snare__err(t->proc->s, -ENOENT, "backtrace of %d: %s",
				  t->tid, dwfl_errmsg(-1));
	return (int)(n < cap ? n : cap);
}
