/* SPDX-License-Identifier: MIT */
/*
 * list.c: what a session has set, for tools that show it (a debugger's
 * "info breakpoints"): the breakpoints and watchpoints of a process or of
 * the whole session, pending ones included, the syscall and signal hooks,
 * and the accessors that describe each. Read-only walks of the lists the
 * other files keep; the library's own records (finish/next targets, the
 * dynamic loader's watchers, return watches) are not shown.
 */
#include <errno.h>

#include "core/internal.h"

/* A breakpoint the caller set and has not removed. */
static bool
listed(const snare_bp *bp)
{
	return !bp->internal && !bp->sys && !bp->removed;
}

/* Count p's listed breakpoints; store them oldest first from out[at]. */
static size_t
proc_bps(snare_bp **out, size_t cap, size_t at, const snare_proc *p)
{
	const snare_bp *bp;
	size_t n = 0, i;

	if (p->hidden)
		return 0;
	for (bp = p->bps; bp; bp = bp->next)
		n += listed(bp);
	/* The list is newest first: fill from the end. */
	i = n;
	for (bp = p->bps; bp; bp = bp->next) {
		if (!listed(bp))
			continue;
		i--;
		if (out && at + i < cap)
			out[at + i] = (snare_bp *)bp;
	}
	return n;
}

SNARE_EXPORT size_t
snare_proc_bps(snare_bp **out, size_t cap, const snare_proc *p)
{
	return p ? proc_bps(out, cap, 0, p) : 0;
}

SNARE_EXPORT size_t
snare_session_bps(snare_bp **out, size_t cap, const snare_session *s)
{
	const snare_proc *p;
	size_t n = 0;

	if (!s)
		return 0;
	for (p = s->procs; p; p = p->next)
		n += proc_bps(out, cap, n, p);
	return n;
}

SNARE_EXPORT size_t
snare_session_hooks(snare_hook **out, size_t cap, const snare_session *s)
{
	size_t n = 0, i;

	if (!s)
		return 0;
	if (s->hook_all && !s->hook_all->removed) {
		if (out && n < cap)
			out[n] = s->hook_all;
		n++;
	}
	for (i = 0; i < s->nhooks_cap; i++) {
		if (!s->hooks[i] || s->hooks[i]->removed)
			continue;
		if (out && n < cap)
			out[n] = s->hooks[i];
		n++;
	}
	return n;
}

SNARE_EXPORT size_t
snare_session_sighooks(snare_sighook **out, size_t cap, const snare_session *s)
{
	snare_sighook *h;
	size_t n = 0;
	int sig;

	if (!s)
		return 0;
	for (sig = 0; sig < MAX_SIG; sig++) {
		h = sig == SNARE_SIG_ALL ? s->sighook_all : s->sighooks[sig];
		if (!h || h->removed)
			continue;
		if (out && n < cap)
			out[n] = h;
		n++;
	}
	return n;
}

SNARE_EXPORT int
snare_bp_enabled(const snare_bp *bp)
{
	return bp ? bp->enabled : -EINVAL;
}

SNARE_EXPORT int
snare_bp_pending(const snare_bp *bp)
{
	return bp ? bp->pending : -EINVAL;
}

SNARE_EXPORT size_t
snare_bp_len(const snare_bp *bp)
{
	return bp ? bp->len : 0;
}

SNARE_EXPORT int
snare_bp_get_opts(snare_bp_opts *out, const snare_bp *bp)
{
	if (!bp || !out)
		return -EINVAL;
	*out = bp->opts;
	out->version = SNARE_BP_OPTS_VERSION;
	return 0;
}

SNARE_EXPORT long
snare_hook_nr(const snare_hook *h)
{
	return h ? h->nr : -EINVAL;
}

SNARE_EXPORT int
snare_hook_enabled(const snare_hook *h)
{
	return h ? h->enabled : -EINVAL;
}

SNARE_EXPORT int
snare_hook_get_opts(snare_hook_opts *out, const snare_hook *h)
{
	if (!h || !out)
		return -EINVAL;
	*out = h->opts;
	out->version = SNARE_HOOK_OPTS_VERSION;
	return 0;
}

SNARE_EXPORT int
snare_sighook_signo(const snare_sighook *h)
{
	return h ? h->signo : -EINVAL;
}

SNARE_EXPORT int
snare_sighook_get_opts(snare_sighook_opts *out, const snare_sighook *h)
{
	if (!h || !out)
		return -EINVAL;
	*out = h->opts;
	out->version = SNARE_SIGHOOK_OPTS_VERSION;
	return 0;
}
