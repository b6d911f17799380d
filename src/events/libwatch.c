/* SPDX-License-Identifier: MIT */
/*
 * libwatch.c: snare_proc_on_libraries(), a callback after each change of
 * the set of libraries a process has loaded.
 *
 * The dynamic loader calls _dl_debug_state() around every change of its
 * link map (the r_brk of r_debug), and the program's entry point marks the
 * end of its start-up work. bpsym.c already watches both for pending
 * breakpoints (its "sys" breakpoints); it calls snare__libs_changed() after
 * arming them, and this file calls the process's watchers from there. A
 * watcher can then look at the new libraries: expand a symbol pattern with
 * snare_symtab_glob(), set breakpoints, and so on. Watchers are per
 * process, copied into fork children, and kept across exec (the new
 * program's loader is watched in turn).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

struct watcher {
	snare_libs_fn fn;
	void *user;
};

struct snare__libwatch {
	struct watcher *v;
	size_t n, cap;
	int busy;               /* watchers running: removals are deferred */
	bool removed;           /* some fn was cleared while busy */
};

bool
snare__libs_watched(const snare_proc *p)
{
	return p->libwatch && p->libwatch->n;
}

/* Drop the entries a removal cleared while the watchers ran. */
static void
compact(struct snare__libwatch *w)
{
	size_t i, k = 0;

	for (i = 0; i < w->n; i++)
		if (w->v[i].fn)
			w->v[k++] = w->v[i];
	w->n = k;
	w->removed = false;
}

void
snare__libs_changed(snare_proc *p)
{
	struct snare__libwatch *w = p->libwatch;
	size_t i, n;

	/* Return addresses in code that went away are no use any more. */
	snare__retbp_libs_changed(p);
	if (!w || !w->n)
		return;
	/* A watcher may add watchers (seen next time) or remove any. */
	w->busy++;
	n = w->n;
	for (i = 0; i < n; i++)
		if (w->v[i].fn)
			w->v[i].fn(p, w->v[i].user);
	if (--w->busy == 0 && w->removed)
		compact(w);
}

static int
add(snare_proc *p, snare_libs_fn fn, void *user)
{
	struct snare__libwatch *w = p->libwatch;

	if (!w) {
		w = calloc(1, sizeof(*w));
		if (!w)
			return -ENOMEM;
		p->libwatch = w;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 4;
		struct watcher *v = realloc(w->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n].fn = fn;
	w->v[w->n].user = user;
	w->n++;
	return 0;
}

static struct watcher *
find(snare_proc *p, snare_libs_fn fn, void *user)
{
	struct snare__libwatch *w = p->libwatch;
	size_t i;

	for (i = 0; w && i < w->n; i++)
		if (w->v[i].fn == fn && w->v[i].user == user)
			return &w->v[i];
	return NULL;
}

SNARE_EXPORT int
snare_proc_on_libraries(snare_proc *p, snare_libs_fn fn, void *user)
{
	int r;

	if (!p || !fn)
		return -EINVAL;
	if (!snare__owner_ok(p->s))
		return snare__err(p->s, SNARE_EWRONGTHREAD,
				  "library watcher: foreign thread");
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED,
				  "library watcher: process %d is gone", p->pid);
	if (find(p, fn, user))
		return snare__err(p->s, -EEXIST,
				  "library watcher: already registered");
	r = add(p, fn, user);
	if (r < 0)
		return r;
	/* The loader's breakpoints of bpsym.c, if they are not set yet. */
	snare__bpsym_watch(p);
	return 0;
}

SNARE_EXPORT int
snare_proc_off_libraries(snare_proc *p, snare_libs_fn fn, void *user)
{
	struct watcher *e;

	if (!p || !fn)
		return -EINVAL;
	e = find(p, fn, user);
	if (!e)
		return -ENOENT;
	e->fn = NULL;
	if (p->libwatch->busy)
		p->libwatch->removed = true;
	else
		compact(p->libwatch);
	return 0;
}

SNARE_EXPORT int
snare_proc_libs_loaded(const snare_proc *p)
{
	if (!p)
		return -EINVAL;
	return p->libs_loaded ? 1 : 0;
}

int
snare__libwatch_inherit(snare_proc *child, snare_proc *parent)
{
	struct snare__libwatch *w = parent->libwatch;
	size_t i;
	int r;

	for (i = 0; w && i < w->n; i++) {
		if (!w->v[i].fn)
			continue;
		r = add(child, w->v[i].fn, w->v[i].user);
		if (r < 0)
			return r;
	}
	return 0;
}

void
snare__libwatch_free(snare_proc *p)
{
	if (!p->libwatch)
		return;
	free(p->libwatch->v);
	free(p->libwatch);
	p->libwatch = NULL;
}
