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
 * refreshed and the pending breakpoints are armed where they now resolve.
 * After an exec, breakpoints set by location start over as pending.
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

static int arm_watchers(snare_proc *p);

/* Try every pending breakpoint of p again. */
static void
resolve_pending(snare_proc *p)
{
	snare_symtab *st = snare_proc_symtab(p);
	snare_bp *bp;
	uint64_t addr;
	int r;

	if (!st)
		return;
	snare_symtab_refresh(st);
	for (bp = p->bps; bp; bp = bp->next) {
		if (!bp->pending || bp->removed)
			continue;
		if (snare_symtab_resolve(&addr, st, bp->location) < 0)
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

static int
add_sys(snare_bp **out, snare_proc *p, uint64_t addr,
	int (*fn)(snare_thread *, snare_bp *))
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	int r = snare__bp_new(out, p, addr, &o, false);

	if (r == 0) {
		(*out)->sys = true;
		(*out)->sys_fn = fn;
	}
	return r;
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
	snare_symtab *st;
	char loc[300], ld[200];
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
	snprintf(loc, sizeof(loc), "%s:_dl_debug_state", ld);
	r = snare_symtab_resolve(&addr, st, loc);
	if (r == 0)
		r = add_sys(&p->ldso_bp, p, addr, ldso_hit);
	if (r < 0)
		snare__log(p->s, SNARE_LOG_WARN,
			   "cannot watch library loads (%s): pending breakpoints arm at the entry point only",
			   snare_symtab_errmsg(st));
	return 0;
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
	for (bp = p->bps; bp; bp = bp->next)
		any |= bp->pending;
	if (!any && !snare__libs_watched(p))
		return;
	resolve_pending(p);
	arm_watchers(p);
}

SNARE_EXPORT int
snare_bp_add_at(snare_bp **out, snare_proc *p, const char *location,
		const snare_bp_opts *opts)
{
	snare_bp_opts def = SNARE_BP_OPTS_INIT;
	snare_symtab *st;
	snare_bp *bp, *unused;
	uint64_t addr;
	int r;

	if (out)
		*out = NULL;
	if (!p || !location)
		return -EINVAL;
	if (!out)
		out = &unused; /* the caller does not keep the handle */
	if (strlen(location) >= sizeof(bp->location))
		return snare__err(p->s, -ENAMETOOLONG, "breakpoint location too long");
	if (!opts)
		opts = &def;
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED, "breakpoint: process %d is gone",
				  p->pid);
	st = snare_proc_symtab(p);
	if (!st)
		return -ESRCH;
	r = snare_symtab_resolve(&addr, st, location);
	if (r == 0) {
		r = snare_bp_add(out, p, addr, opts);
		if (r == 0)
			snprintf((*out)->location, sizeof((*out)->location), "%s", location);
		return r;
	}
	if (r != -ENOENT || (p->libs_loaded && lib_mapped(p, location)))
		return snare__err(p->s, r, "breakpoint at %s: %s", location,
				  snare_symtab_errmsg(st));
	if (opts->version != SNARE_BP_OPTS_VERSION)
		return snare__err(p->s, -EINVAL, "breakpoint: bad options version");
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
	snare__log(p->s, SNARE_LOG_INFO, "breakpoint at %s is pending", location);
	arm_watchers(p);
	*out = bp;
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

SNARE_EXPORT int
snare_thread_backtrace(uint64_t *pcs, size_t cap, snare_thread *t)
{
	snare_symtab *st;
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
	if (st->attached != st->dwfl) {
		r = dwfl_linux_proc_attach(st->dwfl, t->proc->pid, true);
		if (r != 0)
			return snare__err(t->proc->s, -ESRCH, "backtrace: %s",
					  dwfl_errmsg(-1));
		st->attached = st->dwfl;
	}
	n = snare__backtrace_frames(pcs, cap, st->dwfl, t->tid);
	if (!n)
		return snare__err(t->proc->s, -ENOENT, "backtrace of %d: %s",
				  t->tid, dwfl_errmsg(-1));
	return (int)(n < cap ? n : cap);
}
