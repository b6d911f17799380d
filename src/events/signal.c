/* SPDX-License-Identifier: MIT */
/*
 * signal.c: signal-delivery-stops. Signals the library causes itself (the
 * SIGSTOP of an asynchronous interrupt) are consumed here and never reach
 * hooks or the tracee. Other signals go through the observer, the hooks
 * (which may change or suppress them) and the block list, and are then
 * delivered unchanged by default, fatal ones included.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/internal.h"

#define SIG_HIJACK_DEPTH 16

static snare_sighook *
sighook_for(snare_session *s, int sig)
{
	snare_sighook *h = NULL;

	if (sig > 0 && sig < MAX_SIG)
		h = s->sighooks[sig];
	if (!h || h->removed)
		h = s->sighook_all;
	return h && !h->removed ? h : NULL;
}

/*
 * The fields that are meaningful depend on si_code: a signal sent by a
 * process (si_code <= 0) carries the sender's pid and uid; a fault carries
 * an address; SIGCHLD from the kernel carries the child's status.
 */
static void
fill_siginfo(snare_siginfo *out, const siginfo_t *si, int sig)
{
	memset(out, 0, sizeof(*out));
	out->signo = sig;
	out->code = si->si_code;
	out->errnum = si->si_errno;
	if (si->si_code == SI_TIMER) {
		/* A POSIX timer's: its id and overrun where a sender's pid
		   and uid would be (the kernel's siginfo union). */
		out->pid = si->si_timerid;
		out->uid = (uint32_t)si->si_overrun;
		out->value = (int64_t)(intptr_t)si->si_ptr;
		return;
	}
	if (si->si_code <= 0) {
		out->pid = si->si_pid;
		out->uid = si->si_uid;
		if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ ||
		    si->si_code == SI_TIMER)
			out->value = (int64_t)(intptr_t)si->si_ptr;
		return;
	}
	switch (sig) {
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		out->addr = (uint64_t)(uintptr_t)si->si_addr;
		break;
	case SIGCHLD:
		out->pid = si->si_pid;
		out->uid = si->si_uid;
		out->status = si->si_status;
		out->utime = si->si_utime;
		out->stime = si->si_stime;
		break;
	default:
		break;
	}
}

static void
event_signal(snare_event *ev, snare_thread *t, int sig)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = SNARE_EV_SIGNAL;
	ev->thread = t;
	ev->proc = t->proc;
	ev->tid = t->tid;
	ev->pid = t->proc->pid;
	ev->signo = sig;
}

/*
 * A signal-delivery-stop of the program's own signal (our traps were told
 * apart at collection): the observer, the hooks (which may change or
 * suppress it, or ask for control) and the block list decide what is
 * delivered at the next resume (t->resume_sig). Returns the action.
 */
int
snare__signal_stop(snare_thread *t, struct snare__stop *st)
{
	snare_session *s = t->proc->s;
	int sig = st->sig, chain[SIG_HIJACK_DEPTH];
	int action = SNARE_CONTINUE, depth = 0, i;
	snare_sighook *h;
	snare_siginfo ssi;
	snare_event ev;

	if (t->sww_sc)
		snare__sww_sc_abort(t); /* not with watched pages open */
	if (t->call && snare__call_trap(t, st))
		return SNARE_CONTINUE; /* a pending call returned (call.c) */
	if (!st->has_si || t->proc->hidden) {
		/* Gone already, or a child we do not follow: as untraced. */
		t->resume_sig = sig;
		return SNARE_CONTINUE;
	}
	fill_siginfo(&ssi, &st->si, sig);
	{
		snare_siginfo copy = ssi;

		event_signal(&ev, t, sig);
		ev.siginfo = &copy;
		if (snare__emit(s, &ev) == SNARE_DETACH) {
			t->resume_sig = sig;
			return SNARE_DETACH;
		}
		h = sighook_for(s, sig);
		if (h && !h->opts.on_signal) {
			h->hits++;
			t->resume_sig = sig;
			snare__request_stop(s, &ev);
			return SNARE_STOP;
		}
	}
	ev.siginfo = NULL;
	chain[depth++] = sig;
	while (h && h->opts.on_signal) {
		int before = ssi.signo;
		snare_sighook *nh;

		h->hits++;
		h->busy++;
		action = h->opts.on_signal(t, &ssi, h->opts.user);
		h->busy--;
		if (ssi.signo < 0 || ssi.signo >= MAX_SIG)
			ssi.signo = before; /* refuse a bogus number */
		if (!ssi.signo || ssi.signo == before || !h->opts.recursive ||
		    action != SNARE_CONTINUE)
			break;
		nh = sighook_for(s, ssi.signo);
		if (!nh || !nh->opts.on_signal || nh == h)
			break;
		for (i = 0; i < depth; i++) {
			if (chain[i] == ssi.signo || depth == SIG_HIJACK_DEPTH) {
				s->run_error = snare__err(
					s, SNARE_EHIJACKLOOP,
					"signal hijack loop: %s -> %s",
					snare_signal_name(before),
					snare_signal_name(ssi.signo));
				t->resume_sig = 0;
				return SNARE_STOP;
			}
		}
		chain[depth++] = ssi.signo;
		h = nh;
	}
	sig = ssi.signo;
	if (sig > 0 && (s->blocked & (1ull << (sig - 1))))
		sig = 0;
	t->resume_sig = sig;
	if (action == SNARE_STOP) {
		snare_siginfo copy = ssi;

		ev.siginfo = &copy;
		snare__request_stop(s, &ev);
	}
	return action;
}

/*
 * The same decision for a signal met during a single-step: the signal to
 * deliver (0 when a hook or the block list suppressed it).
 */
int
snare__signal_filter(snare_thread *t, struct snare__stop *st)
{
	int sig;

	snare__signal_stop(t, st);
	sig = t->resume_sig;
	t->resume_sig = 0;
	return sig;
}

/* The size of each version of snare_sighook_opts (see abi.c). */
static const size_t sighook_opts_sizes[] = {
	sizeof(snare_sighook_opts), /* 1 */
};
_Static_assert(SNARE_OPTS_NVERSIONS(sighook_opts_sizes) ==
		       SNARE_SIGHOOK_OPTS_VERSION,
	       "one size per version");

SNARE_EXPORT int
snare_hook_signal(snare_sighook **out, snare_session *s, int signo,
		  const snare_sighook_opts *opts)
{
	snare_sighook_opts def = SNARE_SIGHOOK_OPTS_INIT;
	snare_sighook *h, **slot;

	if (out)
		*out = NULL;
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "signal hook: foreign thread");
	if (opts) {
		char msg[128];

		if (SNARE_OPTS_IMPORT(&def, opts, &def, sighook_opts_sizes,
				      "signal hook", msg, sizeof(msg)) < 0)
			return snare__err(s, -EINVAL, "%s", msg);
	}
	if (signo < 0 || signo >= MAX_SIG)
		return snare__err(s, -EINVAL, "signal hook: no signal %d", signo);
	if (signo == SIGKILL)
		return snare__err(s, -EINVAL,
				  "signal hook: SIGKILL never stops a tracee, it cannot be hooked");
	slot = signo == SNARE_SIG_ALL ? &s->sighook_all : &s->sighooks[signo];
	if (*slot)
		return snare__err(s, -EEXIST, "signal hook: %s is already hooked",
				  signo ? snare_signal_name(signo) : "every signal");
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->s = s;
	h->signo = signo;
	h->opts = def;
	*slot = h;
	if (out)
		*out = h;
	return 0;
}

SNARE_EXPORT int
snare_sighook_remove(snare_sighook *h)
{
	snare_session *s;

	if (!h || h->removed)
		return -EINVAL;
	s = h->s;
	h->removed = true;
	if (h->signo == SNARE_SIG_ALL)
		s->sighook_all = NULL;
	else
		s->sighooks[h->signo] = NULL;
	return snare__garbage_add(s, h);
}

SNARE_EXPORT uint64_t
snare_sighook_hits(const snare_sighook *h)
{
	return h ? h->hits : 0;
}

SNARE_EXPORT int
snare_signal_block(snare_session *s, int signo, int block)
{
	if (!s)
		return -EINVAL;
	if (signo <= 0 || signo >= MAX_SIG)
		return snare__err(s, -EINVAL, "block: no signal %d", signo);
	if (signo == SIGKILL || signo == SIGSTOP)
		return snare__err(s, -EINVAL, "block: %s cannot be blocked",
				  snare_signal_name(signo));
	if (block)
		s->blocked |= 1ull << (signo - 1);
	else
		s->blocked &= ~(1ull << (signo - 1));
	return 0;
}

SNARE_EXPORT int
snare_thread_signal(const snare_thread *t)
{
	if (!t || t->state != TS_STOPPED)
		return 0;
	return t->resume_sig;
}

/* What t is stopped for, in words, for the -EBUSY message. */
static const char *
stop_name(const snare_thread *t)
{
	switch (t->stop.kind) {
	case STOP_SYSCALL:
	case STOP_SECCOMP:
		return "a syscall stop";
	case STOP_GROUP:
		return "a group-stop";
	case STOP_EXITED:
	case STOP_EXIT_EVENT:
		return "its exit";
	default:
		return "a ptrace event";
	}
}

SNARE_EXPORT int
snare_thread_set_signal(snare_thread *t, int signo)
{
	snare_session *s;

	if (!t)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "set signal: foreign thread");
	if (signo < 0 || signo >= MAX_SIG)
		return snare__err(s, -EINVAL, "set signal: no signal %d", signo);
	if (t->state != TS_STOPPED)
		return snare__err(s, -EBUSY, "set signal: thread %d is not stopped",
				  t->tid);
	/* A syscall-exit-stop delivers the signal of its resume too (the
	   kernel sends it as its own: si_code SI_KERNEL), as strace's
	   inject signal= does; other ptrace-stops drop it. */
	if (t->at_bp || t->group_stop ||
	    (t->stop.kind != STOP_SIGNAL &&
	     !(t->stop.kind == STOP_SYSCALL && t->sc_stop_exit)))
		return snare__err(s, -EBUSY,
				  "set signal: thread %d is at %s, not a "
				  "signal-delivery-stop or syscall-exit-stop; send a signal with tgkill",
				  t->tid, t->at_bp ? "a breakpoint" : stop_name(t));
	t->resume_sig = signo;
	return 0;
}
