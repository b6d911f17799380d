/* SPDX-License-Identifier: MIT */
/*
 * session.c: sessions, error codes and messages, logging.
 *
 * A session is the root object: it owns processes, threads, hooks and the
 * event queue. Freeing it leaves no tracee behind (spawned ones killed and
 * reaped, attached ones detached and running).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

SNARE_EXPORT const char *
snare_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case SNARE_EINTERNAL:
		return "Internal error in libsnare";
	case SNARE_EWRONGTHREAD:
		return "Called from a thread that is not the session's tracer thread";
	case SNARE_EEXITED:
		return "The process or thread has exited";
	case SNARE_ERUNNING:
		return "The thread is running (it must be stopped)";
	case SNARE_EHIJACKLOOP:
		return "Hijack loop detected";
	case SNARE_EDETACHED:
		return "The process was detached";
	case SNARE_ESECCOMP:
		return "Refused: a seccomp filter would outlive the tracer";
	case SNARE_EEOF:
		return "End of the stream";
	case SNARE_ESTOPPED:
		return "The event loop stopped with an event for the caller";
	}
	if (err < 0 && err > -4096)
		return strerrordesc_np(-err) ? strerrordesc_np(-err)
					     : "Unknown error";
	return "Unknown error";
}

int
snare__err(snare_session *s, int err, const char *fmt, ...)
{
	va_list ap;

	if (!s)
		return err;
	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof(s->errmsg), fmt, ap);
	va_end(ap);
	snare__log(s, SNARE_LOG_DEBUG, "error: %s", s->errmsg);
	return err;
}

void
snare__log(snare_session *s, int level, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!s || !s->opts.log || level > s->opts.log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s->opts.log(level, buf, s->opts.log_user);
}

bool
snare__owner_ok(snare_session *s)
{
	return pthread_equal(pthread_self(), s->owner);
}

/*
 * Retired records (threads and processes whose exit was reported): freed
 * once nothing the caller was given can name them (docs/design.md,
 * "Lifetimes"): after the dispatch that reported them, unless an event
 * was kept for the caller, then at the next snare_run.
 */
static int
retired_push(snare_session *s, void *p, bool thread)
{
	if (s->nretired == s->retired_cap) {
		size_t cap = s->retired_cap ? 2 * s->retired_cap : 16;
		struct snare__retired *g =
			realloc(s->retired, cap * sizeof(*g));

		if (!g)
			return -ENOMEM;
		s->retired = g;
		s->retired_cap = cap;
	}
	s->retired[s->nretired].mem = p;
	s->retired[s->nretired].thread = thread;
	s->nretired++;
	return 0;
}

int
snare__retired_add(snare_session *s, void *p)
{
	if (retired_push(s, p, false) == 0)
		return 0;
	/* Keep it (leak until the session ends) rather than free what may
	   still be named. */
	return snare__garbage_add(s, p);
}

int
snare__retired_add_thread(snare_session *s, snare_thread *t)
{
	if (retired_push(s, t, true) == 0)
		return 0;
	/* Out of memory: the record is kept until the session ends, and the
	   caller's data let go of now (nothing may name it after this). */
	if (t->user && s->thread_free)
		s->thread_free(t, t->user, s->thread_free_user);
	t->user = NULL;
	return snare__garbage_add(s, t);
}

void
snare__retired_free(snare_session *s)
{
	size_t i;

	/* The thread-free callbacks first, while every record (a thread's
	   process included) is still there. */
	for (i = 0; i < s->nretired; i++) {
		snare_thread *t = s->retired[i].mem;

		if (s->retired[i].thread && t->user && s->thread_free)
			s->thread_free(t, t->user, s->thread_free_user);
	}
	for (i = 0; i < s->nretired; i++)
		free(s->retired[i].mem);
	s->nretired = 0;
}

int
snare__garbage_add(snare_session *s, void *p)
{
	if (s->ngarbage == s->garbage_cap) {
		size_t cap = s->garbage_cap ? 2 * s->garbage_cap : 16;
		void **g = realloc(s->garbage, cap * sizeof(*g));

		if (!g)
			return -ENOMEM;
		s->garbage = g;
		s->garbage_cap = cap;
	}
	s->garbage[s->ngarbage++] = p;
	return 0;
}

/* The size of each version of snare_session_opts (see abi.c). */
static const size_t session_opts_sizes[] = {
	sizeof(snare_session_opts), /* 1 */
};
_Static_assert(SNARE_OPTS_NVERSIONS(session_opts_sizes) ==
		       SNARE_SESSION_OPTS_VERSION,
	       "one size per version");

SNARE_EXPORT int
snare_session_new(snare_session **out, const snare_session_opts *opts)
{
	snare_session_opts def = SNARE_SESSION_OPTS_INIT;
	snare_session *s;

	if (!out)
		return -EINVAL;
	*out = NULL;
	/* No session yet to hold the message: only -EINVAL. */
	if (opts && SNARE_OPTS_IMPORT(&def, opts, &def, session_opts_sizes,
				      "session", NULL, 0) < 0)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->opts = def;
	s->owner = pthread_self();
	s->ev = &snare__event_handlers;
	s->hooks_gen = 1;
	s->colocate_cpu = -1;
	s->wake_pipe[0] = s->wake_pipe[1] = -1;
	s->legacy_sc = s->opts.legacy_syscall_info != 0;
	*out = s;
	return 0;
}

/*
 * The CPU co-located tracees run on, or -1 when the option is off. Chosen
 * once (where the tracer runs now), and the tracer thread pinned to it.
 */
SNARE_EXPORT int
snare_session_syscall_info(const snare_session *s)
{
	if (!s)
		return -EINVAL;
	return s->legacy_sc ? 0 : 1;
}

int
snare__colocate_cpu(snare_session *s)
{
	cpu_set_t set;
	int cpu;

	if (!s->opts.colocate)
		return -1;
	if (s->colocate_cpu >= 0)
		return s->colocate_cpu;
	cpu = sched_getcpu();
	if (cpu < 0)
		cpu = 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0) {
		snare__log(s, SNARE_LOG_WARN, "colocate: cannot pin the tracer to CPU %d",
			   cpu);
		return -1;
	}
	s->colocate_cpu = cpu;
	return cpu;
}

SNARE_EXPORT const char *
snare_errmsg(const snare_session *s)
{
	return s ? s->errmsg : "";
}

SNARE_EXPORT void
snare_session_free(snare_session *s)
{
	snare_proc *p;
	size_t i;

	if (!s)
		return;
	if (!snare__owner_ok(s)) {
		/* Not ours to tear down from here: ptrace requests would fail. */
		snare__log(s, SNARE_LOG_ERROR,
			   "snare_session_free called from a foreign thread");
		return;
	}
	snare__watch_stop(s); /* its thread waits on our children */
	/* Stop everything first so that kill and detach see settled threads. */
	snare__stop_all(s);
	for (p = s->procs; p; p = p->next) {
		if (p->state == SNARE_PROC_EXITED ||
		    p->state == SNARE_PROC_DETACHED)
			continue;
		if (p->spawned || p->seccomp)
			snare__kill_proc(p);
		else
			snare__detach_proc(p, true);
	}
	/* Each process leaves the list before it is freed: the callbacks
	   its release runs (dropped return watches, the thread-free
	   callback) may look the session's threads up. */
	while ((p = s->procs)) {
		s->procs = p->next;
		snare__proc_free(p);
	}
	s->procs_last = NULL;
	for (i = 0; i < s->nhooks_cap; i++)
		if (s->hooks[i])
			free(s->hooks[i]);
	free(s->hooks);
	free(s->hook_all);
	free(s->fake_traceme);
	free(s->strays);
	free(s->handoff_kids);
	free(s->quiet);
	for (i = 0; i < MAX_SIG; i++)
		free(s->sighooks[i]);
	free(s->sighook_all);
	for (i = 0; i < s->ngarbage; i++)
		free(s->garbage[i]);
	free(s->garbage);
	snare__retired_free(s);
	free(s->retired);
	for (i = 0; i < s->qlen; i++) /* what the stops own */
		free(s->queue[(s->qhead + i) % s->qcap].stop.vals);
	free(s->queue);
	snare__evq_free(s);
	snare__waker_stop(s);
	free(s);
}
