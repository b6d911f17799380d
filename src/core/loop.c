/* SPDX-License-Identifier: MIT */
/*
 * loop.c: the event loop. classify -> dispatch -> resume.
 *
 * snare_run() resumes every held thread, then blocks in the one wait point, drains
 * every other pending status with WNOHANG before dispatching any (rule 4:
 * one busy thread cannot starve the others), and dispatches them in order.
 * Dispatch runs callbacks with only the stopped thread held. When control
 * returns to the user, every thread is stopped (all-stop): running threads
 * get PTRACE_INTERRUPT, and what they report meanwhile stays queued.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

int
snare__queue_push(snare_session *s, snare_thread *t,
		  const struct snare__stop *st)
{
	size_t i;

	if (s->qlen == s->qcap) {
		size_t cap = s->qcap ? 2 * s->qcap : 64;
		struct queued_stop *q = malloc(cap * sizeof(*q));

		if (!q)
			return -ENOMEM;
		for (i = 0; i < s->qlen; i++)
			q[i] = s->queue[(s->qhead + i) % s->qcap];
		free(s->queue);
		s->queue = q;
		s->qcap = cap;
		s->qhead = 0;
	}
	s->queue[(s->qhead + s->qlen) % s->qcap] =
		(struct queued_stop){ .t = t, .stop = *st };
	s->qlen++;
	t->queued++;
	return 0;
}

static bool
queue_pop(snare_session *s, struct queued_stop *out)
{
	if (!s->qlen)
		return false;
	*out = s->queue[s->qhead];
	s->qhead = (s->qhead + 1) % s->qcap;
	s->qlen--;
	out->t->queued--;
	return true;
}

/* Forget the queued stops of thread t, or of process p when t is NULL. */
void
snare__queue_drop(snare_session *s, snare_proc *p, snare_thread *t)
{
	size_t i, n = s->qlen;
	struct queued_stop q;

	for (i = 0; i < n; i++) {
		queue_pop(s, &q);
		if (t ? q.t != t : q.t->proc != p)
			snare__queue_push(s, q.t, &q.stop);
		else
			free(q.stop.vals);
	}
}


/* Keep a copy of ev, with what its pointers point to, for the caller. */
static int
evq_push(snare_session *s, const snare_event *ev)
{
	struct queued_event *q;
	size_t i;

	if (s->evq_len == s->evq_cap) {
		size_t cap = s->evq_cap ? 2 * s->evq_cap : 8;

		q = malloc(cap * sizeof(*q));
		if (!q)
			return -ENOMEM;
		for (i = 0; i < s->evq_len; i++)
			q[i] = s->evq[(s->evq_head + i) % s->evq_cap];
		free(s->evq);
		s->evq = q;
		s->evq_cap = cap;
		s->evq_head = 0;
	}
	q = &s->evq[(s->evq_head + s->evq_len) % s->evq_cap];
	memset(q, 0, sizeof(*q));
	q->ev = *ev;
	if (ev->siginfo)
		q->si = *ev->siginfo;
	if (ev->path)
		q->path = strdup(ev->path);
	if (ev->old_value && ev->value_len) {
		q->vals = malloc(2 * ev->value_len);
		if (q->vals) {
			memcpy(q->vals, ev->old_value, ev->value_len);
			memcpy((char *)q->vals + ev->value_len, ev->new_value,
			       ev->value_len);
		}
	}
	s->evq_len++;
	return 0;
}

/* Hand the oldest kept event to the caller; its payload lives in the
   session until the next snare_run (docs/design.md, lifetimes). */
static bool
evq_pop(snare_session *s, snare_event *out)
{
	struct queued_event *q;

	if (!s->evq_len)
		return false;
	q = &s->evq[s->evq_head];
	s->evq_head = (s->evq_head + 1) % s->evq_cap;
	s->evq_len--;
	*out = q->ev;
	free(s->ret_path);
	s->ret_path = q->path;
	s->ret_si = q->si;
	out->path = q->ev.path ? s->ret_path : NULL;
	out->siginfo = q->ev.siginfo ? &s->ret_si : NULL;
	free(s->ret_vals);
	s->ret_vals = q->vals;
	out->old_value = q->vals;
	out->new_value = q->vals ? (char *)q->vals + q->ev.value_len : NULL;
	if (!q->vals)
		out->value_len = 0;
	return true;
}

/* Put ev back in front of the kept events: the next snare_run() returns it. */
int
snare__evq_unget(snare_session *s, const snare_event *ev)
{
	struct queued_event tmp;
	size_t i;
	int r = evq_push(s, ev);

	if (r < 0)
		return r;
	tmp = s->evq[(s->evq_head + s->evq_len - 1) % s->evq_cap];
	for (i = s->evq_len - 1; i > 0; i--)
		s->evq[(s->evq_head + i) % s->evq_cap] =
			s->evq[(s->evq_head + i - 1) % s->evq_cap];
	s->evq[s->evq_head] = tmp;
	return 0;
}

void
snare__evq_free(snare_session *s)
{
	snare_event ev;

	while (evq_pop(s, &ev))
		;
	free(s->evq);
	s->evq = NULL;
	s->evq_cap = s->evq_head = 0;
	free(s->ret_path);
	s->ret_path = NULL;
	free(s->ret_vals);
	s->ret_vals = NULL;
}

/*
 * Control goes back to the caller when this dispatch is done, with ev
 * (events asked for in one dispatch are returned in order, one per run).
 */
void
snare__request_stop(snare_session *s, const snare_event *ev)
{
	if (s->evq_len) {
		const snare_event *last =
			&s->evq[(s->evq_head + s->evq_len - 1) % s->evq_cap].ev;

		if (last->kind == ev->kind && last->thread == ev->thread &&
		    last->bp == ev->bp && last->hook == ev->hook &&
		    last->signo == ev->signo && s->stop_requested)
			return; /* the same event, reported and asked for */
	}
	s->stop_requested = true;
	if (evq_push(s, ev) < 0 && !s->run_error)
		s->run_error = -ENOMEM;
}

/*
 * Report an event to the observer. In SNARE_RUN_ONCE mode every event
 * also returns control. Returns the observer's action.
 */
int
snare__emit(snare_session *s, snare_event *ev)
{
	int action = SNARE_CONTINUE;

	if (ev->proc && ev->proc->hidden)
		return SNARE_CONTINUE; /* a child we do not follow */
	if (s->opts.on_event)
		action = s->opts.on_event(s, ev, s->opts.event_user);
	if (action == SNARE_STOP || s->run_mode == SNARE_RUN_ONCE)
		snare__request_stop(s, ev);
	return action == SNARE_DETACH ? SNARE_DETACH : SNARE_CONTINUE;
}

static void
event_init(snare_event *ev, int kind, snare_thread *t)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	if (t) {
		ev->thread = t;
		ev->proc = t->proc;
		ev->tid = t->tid;
		ev->pid = t->proc->pid;
	}
}

static bool
proc_live(const snare_proc *p)
{
	return p->state != SNARE_PROC_EXITED && p->state != SNARE_PROC_DETACHED;
}

/* Threads still to be stopped by stop_threads(). */
static size_t
count_running(snare_session *s, snare_proc *only)
{
	snare_proc *p;
	snare_thread *t;
	size_t n = 0;

	for (p = s->procs; p; p = p->next) {
		if ((only && p != only) || !proc_live(p))
			continue;
		for (t = p->threads; t; t = t->pnext)
			if (t->state == TS_RUNNING && !t->vfork_wait)
				n++;
	}
	return n;
}

/*
 * Stop every running thread (of one process, or all): PTRACE_INTERRUPT,
 * then collect until each has stopped. Stops other than our interrupt are
 * queued, never lost. A vfork parent waiting for its child cannot stop
 * (the kernel holds it until the child execs or exits) and is left alone.
 */
static int
stop_threads(snare_session *s, snare_proc *only)
{
	snare_proc *p;
	snare_thread *t;
	int r;

	for (p = s->procs; p; p = p->next) {
		if ((only && p != only) || !proc_live(p))
			continue;
		for (t = p->threads; t; t = t->pnext) {
			if (t->state != TS_RUNNING || t->vfork_wait ||
			    t->interrupt_pending)
				continue;
			if (snare__ptrace(PTRACE_INTERRUPT, t->tid, NULL,
					  NULL) < 0) {
				snare__thread_set_state(t, TS_EXITING);
				continue;
			}
			t->interrupt_pending = 1;
		}
	}
	while (count_running(s, only)) {
		r = snare__wait_one(s, -1, 0, true);
		if (r == -EINTR)
			continue;
		if (r < 0)
			return r; /* -ECHILD: nothing left to wait for */
	}
	for (p = s->procs; p; p = p->next)
		if (proc_live(p) && (!only || p == only))
			p->state = SNARE_PROC_STOPPED;
	return 0;
}

int
snare__stop_all(snare_session *s)
{
	return stop_threads(s, NULL);
}

int
snare__stop_proc(snare_proc *p)
{
	return stop_threads(p->s, p);
}

/* A thread or process has died: report it (thread first, then process). */
static int
dispatch_exited(snare_session *s, snare_thread *t, int status)
{
	snare_proc *p = t->proc;
	snare_thread *o;
	snare_event ev;

	event_init(&ev, SNARE_EV_THREAD_EXIT, t);
	ev.code = t->exit_code;
	ev.signo = t->exit_sig;
	snare__emit(s, &ev);
	/* The leader is reaped last (rule 6), unless it is an untraced
	   zombie (attach): then the last traced thread ends the process. */
	if ((t->tid != p->pid && p->nthreads) || p->exit_reported) {
		if (t->tid != p->pid)
			snare__thread_retire(t); /* reported: freed later */
		return SNARE_CONTINUE;
	}
	for (o = p->threads; o; o = o->pnext)
		snare__thread_dead(o);
	if (p->state != SNARE_PROC_EXITED) {
		p->state = SNARE_PROC_EXITED;
		p->exit_code = t->exit_code;
		p->exit_sig = t->exit_sig;
		p->core = WIFSIGNALED(status) && WCOREDUMP(status);
	}
	snare__mem_close(p);
	event_init(&ev, SNARE_EV_PROC_EXIT, t);
	ev.code = p->exit_code;
	ev.signo = p->exit_sig;
	ev.core = p->core;
	p->exit_reported = true;
	snare__emit(s, &ev);
	if (!p->user_owned)
		snare__proc_retire(p); /* reported: freed later */
	return SNARE_CONTINUE;
}

static int
dispatch_clone(snare_session *s, snare_thread *t)
{
	snare_thread *c = t->event_child_t;
	snare_event ev;

	if (!c || c->reported_new)
		return SNARE_CONTINUE;
	c->reported_new = 1;
	if (c->announced)
		return SNARE_CONTINUE;
	c->announced = 1;
	if (c->proc == t->proc) {
		event_init(&ev, SNARE_EV_THREAD_NEW, c);
	} else {
		event_init(&ev, SNARE_EV_PROC_NEW, c);
		ev.parent = t->proc;
	}
	return snare__emit(s, &ev);
}

static int
dispatch_exec(snare_session *s, snare_thread *t)
{
	char link[64], path[PATH_MAX];
	snare_event ev;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", t->proc->pid);
	n = readlink(link, path, sizeof(path) - 1);
	path[n > 0 ? n : 0] = '\0';
	/* Breakpoints and memory were reset when the stop was collected
	   (wait.c); the path is copied if the event is kept. */
	event_init(&ev, SNARE_EV_EXEC, t);
	ev.old_tid = t->exec_old_tid;
	ev.path = path;
	return snare__emit(s, &ev);
}

/*
 * A child we do not follow (follow_forks off): take our int3s out of its
 * copy of the memory and let it go. A vfork child shares its parent's
 * memory, so it stays traced (silently) until it execs or exits.
 */
static int
release_hidden(snare_proc *p)
{
	snare_thread *t;

	if (p->vforked)
		return SNARE_CONTINUE;
	/* int3s out, watched pages' protection back (its first stop can
	   run an injected mprotect). */
	p->s->ev->unpatch_all(p);
	if (p->clone_ptrace)
		snare__stray_add(p->s, SNARE_EV_STRAY_DETACHED, p->pid, 0);
	for (t = p->threads; t; t = t->pnext) {
		if (t->state == TS_DEAD)
			continue;
		/* Registers an injected mprotect saved and set back. */
		snare__regs_flush(t);
		snare__ptrace(PTRACE_DETACH, t->tid, NULL, NULL);
		snare__thread_dead(t);
	}
	p->s->ev->free_all(p);
	snare__mem_close(p);
	p->state = SNARE_PROC_DETACHED;
	snare__proc_retire(p); /* never the caller's: freed later */
	return SNARE__HOLD;
}

/*
 * A thread whose first stop overtook its parent's clone/fork event (they
 * race on SMP) and that now reports something (it exited, hit a
 * breakpoint): it is announced first, so every thread's THREAD_NEW (or
 * its process's PROC_NEW) comes before anything else of it. The parent's
 * event, when it comes, announces nothing more.
 */
static void
announce_early(snare_session *s, snare_thread *t)
{
	snare_event ev;

	t->announced = 1;
	if (t->tid == t->proc->pid) {
		event_init(&ev, SNARE_EV_PROC_NEW, t);
		ev.parent = t->proc->parent;
	} else {
		event_init(&ev, SNARE_EV_THREAD_NEW, t);
	}
	snare__emit(s, &ev);
}

/*
 * Hand one stop to the part that owns its kind and get one answer: an
 * action (SNARE_CONTINUE, SNARE_STOP, SNARE_DETACH, SNARE__HOLD); the
 * event to return, if any, was recorded with snare__request_stop().
 */
static int
dispatch(snare_session *s, snare_thread *t, struct snare__stop *st)
{
	snare_event ev;
	int kind = st->kind;

	t->stop = *st;
	t->status = st->status;
	t->exiting_stop = false;
	if (t->proc->hidden && kind == STOP_EVENT_STOP && !t->first_stop_seen) {
		t->first_stop_seen = 1;
		t->interrupt_pending = 0;
		return release_hidden(t->proc);
	}
	if (t->proc->hidden && kind == STOP_EXEC) {
		t->proc->vforked = false;
		return release_hidden(t->proc);
	}
	if (!t->reported_new && !t->announced && kind != STOP_EVENT_STOP)
		announce_early(s, t);
	switch (kind) {
	case STOP_EXITED:
		return dispatch_exited(s, t, st->status);
	case STOP_EVENT_STOP:
		/* Our interrupt, a new thread's first stop, or the wake-up
		   after SIGCONT of a thread resumed with LISTEN. */
		t->interrupt_pending = 0;
		t->group_stop = 0;
		return SNARE_CONTINUE;
	case STOP_GROUP:
		t->interrupt_pending = 0;
		if (!t->group_stop) {
			t->group_stop = 1;
			event_init(&ev, SNARE_EV_GROUP_STOP, t);
			ev.signo = st->sig;
			return snare__emit(s, &ev);
		}
		return SNARE_CONTINUE;
	case STOP_CLONE:
		return dispatch_clone(s, t);
	case STOP_VFORK_DONE:
	case STOP_STEP:
		return SNARE_CONTINUE;
	case STOP_EXEC:
		return dispatch_exec(s, t);
	case STOP_EXIT_EVENT:
		t->exiting_stop = true;
		return SNARE_CONTINUE;
	case STOP_LATE_TRAP:
		t->resume_sig = 0;
		return SNARE_CONTINUE;
	default:
		break;
	}
	/* The rest belong to the events layer's handlers. */
	if (kind > STOP_NONE && kind < STOP_KIND_COUNT && s->ev->stop[kind])
		return s->ev->stop[kind](t, st);
	return SNARE_CONTINUE;
}

/* A stop met during a step, reported without resuming its thread. */
void
snare__report_stop(snare_thread *t, struct snare__stop *st)
{
	dispatch(t->proc->s, t, st);
}

/* Resume every held thread that has nothing queued. */
static int
resume_all(snare_session *s)
{
	snare_proc *p;
	snare_thread *t;
	int r, err = 0;

	for (p = s->procs; p; p = p->next) {
		if (!proc_live(p))
			continue;
		for (t = p->threads; t; t = t->pnext) {
			r = snare__resume(t);
			if (r < 0 && !err)
				err = r;
		}
		p->state = SNARE_PROC_RUNNING;
	}
	return err;
}

static bool
any_live(snare_session *s)
{
	snare_proc *p;

	for (p = s->procs; p; p = p->next)
		if (proc_live(p))
			return true;
	return false;
}

static void
free_garbage(snare_session *s)
{
	size_t i;

	for (i = 0; i < s->ngarbage; i++)
		free(s->garbage[i]);
	s->ngarbage = 0;
}

/* Dispatch one queued stop and resume its thread as the action says. */
static int
dispatch_one(snare_session *s, struct queued_stop *q)
{
	snare_thread *t = q->t;
	int action, r;

	action = dispatch(s, t, &q->stop);
	free(q->stop.vals);
	if (t->state == TS_DEAD)
		return 0;
	if (action == SNARE_DETACH) {
		snare_event ev;

		event_init(&ev, SNARE_EV_PROC_DETACHED, t);
		r = snare__detach_proc(t->proc, true);
		snare__emit(s, &ev);
		return r;
	}
	if (s->stop_requested || action == SNARE__HOLD)
		return 0; /* held; all-stop follows */
	return snare__resume(t);
}

/*
 * Dispatch the queued stops of t alone, in order, leaving the others
 * queued (for finish/next, which run one thread).
 */
int
snare__dispatch_queued(snare_session *s, snare_thread *t)
{
	size_t i, n = s->qlen;
	struct queued_stop q;
	int r = 0;

	for (i = 0; i < n; i++) {
		queue_pop(s, &q);
		if (q.t != t) {
			snare__queue_push(s, q.t, &q.stop);
			continue;
		}
		if (r == 0 && !s->stop_requested)
			r = dispatch_one(s, &q);
		else
			snare__queue_push(s, q.t, &q.stop);
	}
	return r;
}

#ifdef SNARE_SHARED
/* The default snare_run of libsnare.so; 0.1's (SNARE_0) is in abi.c. */
__asm__(".symver snare_run, snare_run@@SNARE_0.2, remove");
#endif

SNARE_EXPORT int
snare_run(snare_event *evp, snare_session *s, int mode)
{
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "snare_run: called from a foreign thread");
	if (mode < SNARE_RUN_DEFAULT || mode > SNARE_RUN_NOWAIT)
		return snare__err(s, -EINVAL, "snare_run: bad mode %d", mode);
	return snare__run(evp, s, mode == SNARE_RUN_NOWAIT ? SNARE_RUN_DEFAULT
							   : mode,
			  mode == SNARE_RUN_NOWAIT);
}

/*
 * snare_run() in mode DEFAULT or ONCE; with nowait, handle what is pending
 * and return SNARE_EV_NONE with the threads running when nothing asks for
 * control (SNARE_RUN_NOWAIT is DEFAULT with nowait). The waiting calls of
 * src/io use ONCE with nowait too.
 */
int
snare__run(snare_event *evp, snare_session *s, int mode, bool nowait)
{
	struct queued_stop q;
	snare_event ev;
	int r = 0;

	if (s->in_run)
		return snare__err(s, -EBUSY, "snare_run: called from a callback");
	if (!evp)
		evp = &ev;
	event_init(evp, SNARE_EV_NONE, NULL);
	/* What the events returned so far pointed to lives until now; not
	   while kept events (which may point to it) remain. */
	if (!s->evq_len) {
		free_garbage(s);
		snare__retired_free(s);
	}
	/* Events kept from the last dispatch come first, one per call. */
	if (evq_pop(s, evp))
		return 0;
	s->in_run = true;
	s->stop_requested = false;
	s->run_error = 0;
	s->run_mode = mode;

	if (atomic_exchange(&s->interrupt, 0)) {
		evp->kind = SNARE_EV_INTERRUPT;
		goto out;
	}
	r = resume_all(s);
	if (r < 0)
		goto out;
	for (;;) {
		if (s->nstrays)
			snare__strays_emit(s);
		while (!s->stop_requested && queue_pop(s, &q)) {
			r = dispatch_one(s, &q);
			if (r < 0) {
				s->run_error = r;
				break;
			}
			/* Exits reported only to callbacks, which have
			   returned: their records can go now. */
			if (!s->evq_len && !s->stop_requested && s->nretired)
				snare__retired_free(s);
		}
		if (s->run_error || s->stop_requested)
			break;
		if (atomic_exchange(&s->interrupt, 0)) {
			event_init(&ev, SNARE_EV_INTERRUPT, NULL);
			snare__request_stop(s, &ev);
			break;
		}
		if (!any_live(s)) {
			event_init(&ev, SNARE_EV_ALL_EXITED, NULL);
			snare__request_stop(s, &ev);
			break;
		}
		if (nowait) {
			r = snare__wait_one(s, -1, WNOHANG, false);
			if (r <= 0 && !s->qlen) {
				/* Nothing pending: threads keep running. */
				s->in_run = false;
				return r == -ECHILD ? 0 : (r < 0 ? r : 0);
			}
		} else {
			/* The waker ends this wait on an interrupt; without
			   it (fork failed), an interrupt waits for the next
			   stop of a tracee. */
			snare__waker_start(s);
			if (atomic_load(&s->interrupt))
				continue;
			r = snare__wait_one(s, -1, 0, false);
			if (r == -EINTR)
				continue;
			if (r == -ECHILD) {
				/* Nothing left that can report: all gone. */
				event_init(&ev, SNARE_EV_ALL_EXITED, NULL);
				snare__request_stop(s, &ev);
				break;
			}
			if (r < 0) {
				s->run_error = r;
				break;
			}
		}
		/* Drain what else is pending before dispatching (rule 4). */
		while (s->nrunning && snare__wait_one(s, -1, WNOHANG, false) > 0)
			;
	}
	r = snare__stop_all(s);
	if (r == -ECHILD)
		r = 0;
	if (s->stop_requested)
		evq_pop(s, evp);
	if (s->run_error)
		r = s->run_error;
out:
	s->in_run = false;
	return r;
}

SNARE_EXPORT void
snare_session_interrupt(snare_session *s)
{
	int fd;

	if (!s)
		return;
	atomic_store(&s->interrupt, 1);
	/* Wake a blocked wait: the waker child exits on this byte. No
	   tracee is sent anything. */
	fd = s->wake_pipe[1];
	if (fd >= 0 && write(fd, "", 1) < 0) {
		/* Full pipe: a wake-up is pending already. */
	}
	snare__watch_poke(s); /* and a caller's poll on snare_session_fd() */
}
