/* SPDX-License-Identifier: MIT */
/*
 * syscall.c: syscall hooks. Entry/exit state is per thread, read with one
 * PTRACE_GET_SYSCALL_INFO per stop; registers are fetched only when a
 * callback changes the number, the arguments or the return value.
 *
 * A thread needs syscall stops (a SYSCALL resume) only while some enabled hook
 * is not covered by its process's seccomp filter, or while it is inside a
 * hooked syscall whose exit we want.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>

#include "core/internal.h"

#define HIJACK_DEPTH 16

static bool
restart_code(int64_t rval)
{
	/* ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK:
	   the kernel will run the syscall again (kernel errno.h). */
	return rval == -512 || rval == -513 || rval == -514 || rval == -516;
}

static snare_hook *
hook_for(snare_session *s, long nr)
{
	snare_hook *h = NULL;

	if (nr >= 0 && (size_t)nr < s->nhooks_cap)
		h = s->hooks[nr];
	if (!h || !h->enabled || h->removed)
		h = s->hook_all;
	if (h && (!h->enabled || h->removed))
		h = NULL;
	return h;
}

static bool
in_filter(const snare_proc *p, long nr)
{
	return nr >= 0 && nr < snare_syscall_count() &&
	       (p->filter[nr / 8] & (1u << (nr % 8)));
}

bool
snare__proc_wants_syscall(snare_proc *p)
{
	snare_session *s = p->s;
	size_t i;

	if (p->hidden)
		return false;
	if (p->nsww)
		return true; /* software watches follow every syscall */
	if (p->wants_gen == s->hooks_gen)
		return p->wants_syscall;
	p->wants_gen = s->hooks_gen;
	p->wants_syscall = false;
	if (!p->filter) {
		p->wants_syscall = s->nhooks > 0 || s->opts.fake_traceme;
		return p->wants_syscall;
	}
	if (s->hook_all && s->hook_all->enabled && !s->hook_all->removed)
		p->wants_syscall = true;
	if (s->opts.fake_traceme && !in_filter(p, SYS_ptrace))
		p->wants_syscall = true;
	for (i = 0; i < s->nhooks_cap && !p->wants_syscall; i++) {
		snare_hook *h = s->hooks[i];

		if (h && h->enabled && !h->removed && !in_filter(p, (long)i))
			p->wants_syscall = true;
	}
	return p->wants_syscall;
}

static void
hooks_changed(snare_session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nhooks_cap; i++)
		if (s->hooks[i] && s->hooks[i]->enabled && !s->hooks[i]->removed)
			n++;
	if (s->hook_all && s->hook_all->enabled && !s->hook_all->removed)
		n++;
	s->nhooks = n;
	s->hooks_gen++;
}

/* Write changed number/arguments/return value into the registers. */
static int
apply_entry(snare_thread *t, const snare_syscall *sc, long nr,
	    const uint64_t args[6])
{
	snare_regs *r;
	int err;

	if (!sc->skip && sc->nr == nr && !memcmp(sc->args, args, sizeof(sc->args)))
		return 0;
	err = snare__regs_fetch(t);
	if (err < 0)
		return err;
	r = &t->regs;
	r->rdi = sc->args[0];
	r->rsi = sc->args[1];
	r->rdx = sc->args[2];
	r->r10 = sc->args[3];
	r->r8 = sc->args[4];
	r->r9 = sc->args[5];
	if (sc->skip) {
		/* nr -1 runs nothing and leaves rax as we set it. */
		r->orig_rax = (uint64_t)-1;
		r->rax = (uint64_t)sc->retval;
	} else {
		r->orig_rax = (uint64_t)sc->nr;
	}
	t->regs_dirty = true;
	return 0;
}

static void
event_syscall(snare_event *ev, int kind, snare_thread *t, snare_hook *h)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->thread = t;
	ev->proc = t->proc;
	ev->tid = t->tid;
	ev->pid = t->proc->pid;
	ev->hook = h;
	ev->syscall_nr = t->sc_nr;
}

static int
hijack_loop(snare_session *s, const long *chain, size_t n, long nr)
{
	char buf[256];
	size_t i, off = 0;

	for (i = 0; i < n && off < sizeof(buf); i++) {
		const char *name = snare_syscall_name(chain[i]);

		off += snprintf(buf + off, sizeof(buf) - off, "%s -> ",
				name ? name : "?");
	}
	s->run_error = snare__err(s, SNARE_EHIJACKLOOP,
				  "syscall hijack loop: %s%s", buf,
				  snare_syscall_name(nr) ? snare_syscall_name(nr)
							  : "?");
	return SNARE_STOP;
}

static int
sc_enter(snare_thread *t, long nr, const uint64_t args[6])
{
	snare_session *s = t->proc->s;
	snare_hook *h, *h0;
	snare_syscall sc;
	snare_event ev;
	long chain[HIJACK_DEPTH];
	size_t depth = 0;
	int action = SNARE_CONTINUE, r;

	t->sc_in = true;
	t->sc_want_exit = false;
	t->sc_hook = NULL;
	t->sc_orig_nr = nr;
	t->sc_nr = nr;
	memcpy(t->sc_args, args, sizeof(t->sc_args));

	if (s->opts.fake_traceme && nr == SYS_ptrace && args[0] == PTRACE_TRACEME) {
		memset(&sc, 0, sizeof(sc));
		sc.nr = nr;
		memcpy(sc.args, args, sizeof(sc.args));
		sc.skip = 1;
		/* As untraced: the first call succeeds and makes the
		   process traced; every later one fails (already traced). */
		sc.retval = t->proc->traceme_done ? -EPERM : 0;
		t->proc->traceme_done = true;
		apply_entry(t, &sc, nr, args);
	}
	h0 = h = t->proc->hidden ? NULL : hook_for(s, nr);
	if (!h)
		return SNARE_CONTINUE;
	if (!h->opts.on_enter && !h->opts.on_exit) {
		t->sc_hook = h;
		t->sc_want_exit = nr != SYS_exit && nr != SYS_exit_group;
		if (!t->sc_want_exit)
			h->hits++;
		event_syscall(&ev, SNARE_EV_SYSCALL_ENTER, t, h);
		if (snare__emit(s, &ev) == SNARE_DETACH)
			return SNARE_DETACH;
		snare__request_stop(s, &ev);
		return SNARE_STOP;
	}
	/* Every event reaches the observer, hooks with callbacks too. */
	event_syscall(&ev, SNARE_EV_SYSCALL_ENTER, t, h);
	if (snare__emit(s, &ev) == SNARE_DETACH)
		return SNARE_DETACH;
	memset(&sc, 0, sizeof(sc));
	sc.nr = nr;
	memcpy(sc.args, args, sizeof(sc.args));
	sc.retval = -ENOSYS;
	chain[depth++] = nr;
	while (h && h->opts.on_enter) {
		long before = sc.nr;
		snare_hook *nh;
		size_t i;

		h->busy++;
		action = h->opts.on_enter(t, &sc, h->opts.user);
		h->busy--;
		if (sc.skip || sc.nr == before || !h->opts.recursive ||
		    action != SNARE_CONTINUE)
			break;
		nh = hook_for(s, sc.nr);
		if (!nh || !nh->opts.on_enter)
			break;
		for (i = 0; i < depth; i++)
			if (chain[i] == sc.nr)
				return hijack_loop(s, chain, depth, sc.nr);
		if (depth == HIJACK_DEPTH)
			return hijack_loop(s, chain, depth, sc.nr);
		chain[depth++] = sc.nr;
		h = nh;
	}
	r = apply_entry(t, &sc, nr, args);
	if (r < 0)
		return r == -ESRCH ? SNARE_CONTINUE : (s->run_error = r, SNARE_STOP);
	t->sc_nr = sc.skip ? -1 : sc.nr;
	memcpy(t->sc_args, sc.args, sizeof(t->sc_args));
	t->sc_hook = h0;
	/* exit and exit_group never return, unless skipped (a fault
	   injected into them): then their exit comes as any other's. */
	t->sc_want_exit = h0->opts.on_exit &&
			  ((nr != SYS_exit && nr != SYS_exit_group) || sc.skip);
	if (!t->sc_want_exit)
		h0->hits++;
	if (action == SNARE_STOP) {
		event_syscall(&ev, SNARE_EV_SYSCALL_ENTER, t, h0);
		snare__request_stop(s, &ev);
	}
	return action;
}

static int
sc_exit(snare_thread *t, int64_t rval)
{
	snare_session *s = t->proc->s;
	snare_hook *h = t->sc_hook;
	snare_syscall sc;
	snare_event ev;
	int action, r;

	bool wanted = t->sc_want_exit;

	if (!t->sc_in)
		return SNARE_CONTINUE; /* attached mid-syscall, or after exec */
	t->sc_in = false;
	t->sc_hook = NULL;
	t->sc_want_exit = false;
	t->sc_restart = restart_code(rval);
	/* An entry-only hook counted its hit at entry; this exit stop is
	   there only because the thread runs with SYSCALL resumes. */
	if (!h || h->removed || !wanted)
		return SNARE_CONTINUE;
	if (t->sc_restart) {
		/* Not complete: it runs again (after a handler, or as
		   restart_syscall). Shown only to a hook that asked, with
		   its arguments as they are now; nothing it changes holds. */
		if (!h->restarts || !h->opts.on_exit)
			return SNARE_CONTINUE;
		memset(&sc, 0, sizeof(sc));
		sc.nr = t->sc_nr;
		memcpy(sc.args, t->sc_args, sizeof(sc.args));
		sc.retval = rval;
		h->busy++;
		action = h->opts.on_exit(t, &sc, h->opts.user);
		h->busy--;
		if (action == SNARE_STOP) {
			event_syscall(&ev, SNARE_EV_SYSCALL_EXIT, t, h);
			ev.retval = rval;
			snare__request_stop(s, &ev);
		}
		return action;
	}
	h->hits++;
	if (!h->opts.on_enter && !h->opts.on_exit) {
		event_syscall(&ev, SNARE_EV_SYSCALL_EXIT, t, h);
		ev.retval = rval;
		if (snare__emit(s, &ev) == SNARE_DETACH)
			return SNARE_DETACH;
		snare__request_stop(s, &ev);
		return SNARE_STOP;
	}
	if (!h->opts.on_exit)
		return SNARE_CONTINUE;
	event_syscall(&ev, SNARE_EV_SYSCALL_EXIT, t, h);
	ev.retval = rval;
	if (snare__emit(s, &ev) == SNARE_DETACH)
		return SNARE_DETACH;
	memset(&sc, 0, sizeof(sc));
	sc.nr = t->sc_nr;
	memcpy(sc.args, t->sc_args, sizeof(sc.args));
	sc.retval = rval;
	h->busy++;
	action = h->opts.on_exit(t, &sc, h->opts.user);
	h->busy--;
	if (sc.retval != rval) {
		r = snare__regs_fetch(t);
		if (r == 0) {
			t->regs.rax = (uint64_t)sc.retval;
			t->regs_dirty = true;
		}
	}
	if (action == SNARE_STOP) {
		event_syscall(&ev, SNARE_EV_SYSCALL_EXIT, t, h);
		ev.retval = sc.retval;
		snare__request_stop(s, &ev);
	}
	return action;
}

/*
 * Keep the entry/exit inference of the GETREGS fallback up to date; call at
 * every stop of t, once, before it is dispatched. Only a SYSCALL
 * resume makes the next stop a syscall stop, and what that stop is follows
 * from the stop resumed: after an entry comes the exit; after a seccomp
 * stop (Linux >= 4.8 reports it after the entry) or an event stop inside a
 * syscall (clone, fork, vfork, vfork-done, exec) comes the exit; after
 * anything else (an exit, a signal, group or interrupt stop, a trap, a new
 * thread's first stop) comes an entry. So no resume needs tracking. Costs
 * nothing when PTRACE_GET_SYSCALL_INFO is in use.
 */
void
snare__sc_track(snare_thread *t, int kind)
{
	switch (kind) {
	case STOP_SYSCALL:
		t->sc_stop_exit = t->sc_kin;
		t->sc_kin = !t->sc_stop_exit;
		break;
	case STOP_SECCOMP:
	case STOP_CLONE:
	case STOP_EXEC:
	case STOP_VFORK_DONE:
		t->sc_kin = true;
		break;
	case STOP_EXITED:
	case STOP_EXIT_EVENT:
		break;
	default:
		t->sc_kin = false;
		break;
	}
}

/* PTRACE_GET_SYSCALL_INFO's answer rebuilt from the registers. */
static int
syscall_info_regs(snare_thread *t, int kind, struct __ptrace_syscall_info *info)
{
	const snare_regs *r;
	bool compat;
	int err;

	err = snare__regs_fetch(t);
	if (err < 0)
		return err;
	r = &t->regs;
	/* A 32-bit process (cs 0x23). int $0x80 from 64-bit code cannot be
	   told apart without the kernel's help: it reads as x86_64. */
	compat = r->cs == 0x23;
	info->arch = compat ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64;
	info->instruction_pointer = r->rip;
	info->stack_pointer = r->rsp;
	if (kind == STOP_SYSCALL && t->sc_stop_exit) {
		info->op = PTRACE_SYSCALL_INFO_EXIT;
		info->exit.rval = compat ? (int64_t)(int32_t)r->rax
					 : (int64_t)r->rax;
		info->exit.is_error = info->exit.rval < 0 &&
				      info->exit.rval >= -4095;
		return 0;
	}
	info->op = kind == STOP_SECCOMP ? PTRACE_SYSCALL_INFO_SECCOMP
					: PTRACE_SYSCALL_INFO_ENTRY;
	/* entry and seccomp share their leading nr and args layout. */
	info->entry.nr = compat ? (uint32_t)r->orig_rax : r->orig_rax;
	if (compat) {
		const uint64_t a[6] = { (uint32_t)r->rbx, (uint32_t)r->rcx,
					(uint32_t)r->rdx, (uint32_t)r->rsi,
					(uint32_t)r->rdi, (uint32_t)r->rbp };
		memcpy(info->entry.args, a, sizeof(a));
	} else {
		const uint64_t a[6] = { r->rdi, r->rsi, r->rdx,
					r->r10, r->r8,  r->r9 };
		memcpy(info->entry.args, a, sizeof(a));
	}
	return 0;
}

/*
 * What this syscall stop of t is: PTRACE_GET_SYSCALL_INFO (one request),
 * or, on kernels without it (EIO, Linux < 5.3) or when the session forces
 * it, the same rebuilt from GETREGS and snare__sc_track()'s inference.
 * The fallback is chosen for the whole session at the first EIO.
 */
int
snare__syscall_info(snare_thread *t, int kind, struct __ptrace_syscall_info *info)
{
	snare_session *s = t->proc->s;

	memset(info, 0, sizeof(*info));
	if (!s->legacy_sc) {
		if (snare__ptrace(PTRACE_GET_SYSCALL_INFO, t->tid,
				  (void *)sizeof(*info), info) >= 0)
			return 0;
		if (errno != EIO)
			return -errno; /* ESRCH: its death comes next */
		s->legacy_sc = true;
		snare__log(s, SNARE_LOG_INFO,
			   "no PTRACE_GET_SYSCALL_INFO (Linux < 5.3): "
			   "reading syscall stops with GETREGS");
		memset(info, 0, sizeof(*info));
	}
	return syscall_info_regs(t, kind, info);
}

/*
 * An i386 syscall (a 32-bit program, or int $0x80 from 64-bit code): its
 * numbers are not x86_64's, so no hook sees it (a hook on x86_64 fstat, 5,
 * must not fire for i386 open, 5). The entry/exit state is kept straight.
 */
static int
compat_stop(snare_thread *t, const struct __ptrace_syscall_info *info)
{
	snare_proc *p = t->proc;

	if (!p->compat_logged) {
		p->compat_logged = true;
		snare__log(p->s, SNARE_LOG_WARN,
			   "process %d makes i386 syscalls (int $0x80 or a "
			   "32-bit program); syscall hooks do not see them",
			   p->pid);
	}
	if (info->op == PTRACE_SYSCALL_INFO_EXIT) {
		t->sc_in = false;
		t->sc_hook = NULL;
		t->sc_want_exit = false;
		return SNARE_CONTINUE;
	}
	t->sc_in = true;
	t->sc_hook = NULL;
	t->sc_want_exit = false;
	t->sc_orig_nr = t->sc_nr = -1;
	memcpy(t->sc_args, info->entry.args, sizeof(t->sc_args));
	return SNARE_CONTINUE;
}

int
snare__syscall_stop(snare_thread *t, int kind)
{
	struct __ptrace_syscall_info info;

	if (snare__syscall_info(t, kind, &info) < 0)
		return SNARE_CONTINUE; /* ESRCH: its death comes next */
	/* The pc comes with the info: snare_thread_pc() (strace -i) is free. */
	if (!t->pc_valid && !t->regs_valid) {
		t->pc = info.instruction_pointer;
		t->pc_valid = true;
	}
	if (info.arch != AUDIT_ARCH_X86_64)
		return compat_stop(t, &info);
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		/* Software watches first: a syscall that reaches their
		   pages is skipped and runs again with them open. */
		if (t->proc->nsww &&
		    snare__sww_sc_enter(t, (long)info.entry.nr, info.entry.args))
			return SNARE_CONTINUE;
		return sc_enter(t, (long)info.entry.nr, info.entry.args);
	case PTRACE_SYSCALL_INFO_SECCOMP:
		/* Already seen as a syscall-entry stop. */
		if ((t->sc_in && t->sc_orig_nr == (long)info.seccomp.nr) ||
		    t->sww_sc)
			return SNARE_CONTINUE;
		if (t->proc->nsww &&
		    snare__sww_sc_enter(t, (long)info.seccomp.nr, info.seccomp.args))
			return SNARE_CONTINUE;
		return sc_enter(t, (long)info.seccomp.nr, info.seccomp.args);
	case PTRACE_SYSCALL_INFO_EXIT:
		if ((t->sww_sc || t->proc->nswpages) &&
		    snare__sww_sc_exit(t, info.exit.rval))
			return SNARE_CONTINUE;
		return sc_exit(t, info.exit.rval);
	}
	return SNARE_CONTINUE;
}

static int
hook_slot(snare_session *s, long nr)
{
	long count = snare_syscall_count();

	if (nr < 0 || nr >= count)
		return -EINVAL;
	if (!s->hooks) {
		s->hooks = calloc((size_t)count, sizeof(*s->hooks));
		if (!s->hooks)
			return -ENOMEM;
		s->nhooks_cap = (size_t)count;
	}
	return 0;
}

/* The size of each version of snare_hook_opts (see abi.c). */
static const size_t hook_opts_sizes[] = {
	sizeof(snare_hook_opts), /* 1 */
};
_Static_assert(SNARE_OPTS_NVERSIONS(hook_opts_sizes) ==
		       SNARE_HOOK_OPTS_VERSION,
	       "one size per version");

SNARE_EXPORT int
snare_hook_syscall(snare_hook **out, snare_session *s, long nr,
		   const snare_hook_opts *opts)
{
	snare_hook_opts def = SNARE_HOOK_OPTS_INIT;
	snare_hook *h, **slot;
	int r;

	if (out)
		*out = NULL;
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "hook: foreign thread");
	if (opts) {
		char msg[128];

		if (SNARE_OPTS_IMPORT(&def, opts, &def, hook_opts_sizes, "hook",
				      msg, sizeof(msg)) < 0)
			return snare__err(s, -EINVAL, "%s", msg);
	}
	opts = &def;
	if (nr != SNARE_HOOK_ALL) {
		r = hook_slot(s, nr);
		if (r == -EINVAL || (r == 0 && !snare_syscall_name(nr)))
			return snare__err(s, -EINVAL,
					  "hook: no syscall number %ld on x86_64",
					  nr);
		if (r < 0)
			return snare__err(s, r, "hook: out of memory");
		if ((nr == SYS_exit || nr == SYS_exit_group) && opts->on_exit)
			return snare__err(s, -EINVAL,
					  "hook: %s never returns, so it has no on_exit",
					  snare_syscall_name(nr));
		slot = &s->hooks[nr];
	} else {
		slot = &s->hook_all;
	}
	if (*slot && !(*slot)->removed)
		return snare__err(s, -EEXIST, "hook: %s is already hooked",
				  nr == SNARE_HOOK_ALL ? "every syscall"
						       : snare_syscall_name(nr));
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->s = s;
	h->nr = nr;
	h->opts = *opts;
	h->enabled = true;
	if (*slot)
		snare__garbage_add(s, *slot); /* removed, maybe still running */
	*slot = h;
	hooks_changed(s);
	if (out)
		*out = h;
	return 0;
}

SNARE_EXPORT int
snare_hook_syscall_name(snare_hook **out, snare_session *s, const char *name,
			const snare_hook_opts *opts)
{
	char hint[128];
	long nr;

	if (out)
		*out = NULL;
	if (!s || !name)
		return -EINVAL;
	nr = snare_syscall_nr(name);
	if (nr < 0) {
		if (snare__syscall_suggest(hint, sizeof(hint), name))
			return snare__err(s, -ENOENT,
					  "hook: unknown syscall \"%s\" (did you mean %s?)",
					  name, hint);
		return snare__err(s, -ENOENT, "hook: unknown syscall \"%s\"",
				  name);
	}
	return snare_hook_syscall(out, s, nr, opts);
}

SNARE_EXPORT int
snare_hook_remove(snare_hook *h)
{
	snare_session *s;

	if (!h || h->removed)
		return -EINVAL;
	s = h->s;
	h->removed = true;
	if (h->nr == SNARE_HOOK_ALL)
		s->hook_all = NULL;
	else
		s->hooks[h->nr] = NULL;
	/* Threads inside the syscall forget it; the memory is freed at the
	   next snare_run(), so its own callback may still be returning. */
	for (snare_proc *p = s->procs; p; p = p->next)
		for (snare_thread *t = p->threads; t; t = t->pnext)
			if (t->sc_hook == h)
				t->sc_hook = NULL;
	snare__garbage_add(s, h);
	hooks_changed(s);
	return 0;
}

SNARE_EXPORT int
snare_hook_enable(snare_hook *h, int enabled)
{
	if (!h || h->removed)
		return -EINVAL;
	h->enabled = enabled != 0;
	hooks_changed(h->s);
	return 0;
}

SNARE_EXPORT int
snare_hook_set_restarts(snare_hook *h, int report)
{
	if (!h || h->removed)
		return -EINVAL;
	h->restarts = report != 0;
	return 0;
}

SNARE_EXPORT uint64_t
snare_hook_hits(const snare_hook *h)
{
	return h ? h->hits : 0;
}
