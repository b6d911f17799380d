/* SPDX-License-Identifier: MIT */
/*
 * thread.c: the tid table and per-process thread lists.
 *
 * Threads are found by tid through a chained hash in the session. A dead
 * thread leaves the hash at once (its tid may be reused) but stays on its
 * process list until the process is freed, so handles stay valid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

static unsigned
tid_hash(pid_t tid)
{
	return (unsigned)tid % TID_BUCKETS;
}

snare_thread *
snare__thread_find(snare_session *s, pid_t tid)
{
	snare_thread *t;

	for (t = s->tids[tid_hash(tid)]; t; t = t->hnext)
		if (t->tid == tid)
			return t;
	return NULL;
}

snare_thread *
snare__thread_new(snare_proc *p, pid_t tid, int state)
{
	snare_session *s = p->s;
	snare_thread *t = calloc(1, sizeof(*t));
	unsigned h = tid_hash(tid);

	if (!t)
		return NULL;
	t->proc = p;
	t->tid = tid;
	t->state = state;
	t->hnext = s->tids[h];
	s->tids[h] = t;
	/* Keep the leader first, then creation order is irrelevant. */
	if (p->threads && tid != p->pid) {
		t->pnext = p->threads->pnext;
		p->threads->pnext = t;
	} else {
		t->pnext = p->threads;
		p->threads = t;
	}
	p->nthreads++;
	if (state == TS_RUNNING)
		s->nrunning++;
	return t;
}

void
snare__thread_unhash(snare_thread *t)
{
	snare_session *s = t->proc->s;
	snare_thread **pp;

	for (pp = &s->tids[tid_hash(t->tid)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == t) {
			*pp = t->hnext;
			t->hnext = NULL;
			return;
		}
	}
}

void
snare__thread_set_state(snare_thread *t, int state)
{
	snare_session *s = t->proc->s;

	if (t->state == state)
		return;
	if (t->state == TS_RUNNING)
		s->nrunning--;
	if (state == TS_RUNNING)
		s->nrunning++;
	t->state = state;
}

/* The thread is gone for good: reaped, or vanished in another's exec. */
void
snare__thread_dead(snare_thread *t)
{
	if (t->state == TS_DEAD)
		return;
	snare__thread_set_state(t, TS_DEAD);
	snare__thread_unhash(t);
	t->proc->s->dead_ring[t->proc->s->ndead++ % 256] = t;
	t->regs_valid = t->regs_dirty = false;
	t->proc->nthreads--;
	t->proc->s->ev->thread_gone(t);
}

/*
 * The exit status of a child the session no longer traces: a spawned
 * process that was detached stays the tracer's child, and the one wait
 * point may reap it while waiting for the others. Keep its status for
 * snare_proc_exit_status().
 */
bool
snare__detached_exit(snare_session *s, pid_t pid, int status)
{
	snare_proc *p;

	for (p = s->procs; p; p = p->next) {
		if (p->pid != pid || p->state != SNARE_PROC_DETACHED ||
		    p->exit_seen)
			continue;
		p->exit_seen = true;
		p->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
		p->exit_sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		p->core = WIFSIGNALED(status) && WCOREDUMP(status);
		return true;
	}
	return false;
}

/*
 * Keep a stray for the next dispatch (collection may run inside an
 * all-stop, where no observer may be called). Nothing is kept unless the
 * caller asked; a failed allocation loses the report, not the trace.
 */
void
snare__stray_add(snare_session *s, int kind, pid_t pid, int status)
{
	struct snare__stray *n;
	unsigned i;

	/* Born of a hand-off to another debugger (core/strays.c). */
	if (kind == SNARE_EV_STRAY_EXIT && snare__stray_quiet(s, pid))
		return;
	if (!s->report_strays)
		return;
	/* A thread we traced that died (in another's exec, say) and
	   reports late is not a stray. */
	if (kind == SNARE_EV_STRAY_EXIT)
		for (i = 0; i < 256; i++)
			if (s->dead_ring[i] && s->dead_ring[i]->tid == pid)
				return;
	if (s->nstrays == s->strays_cap) {
		size_t cap = s->strays_cap ? 2 * s->strays_cap : 4;

		n = realloc(s->strays, cap * sizeof(*n));
		if (!n)
			return;
		s->strays = n;
		s->strays_cap = cap;
	}
	s->strays[s->nstrays].kind = kind;
	s->strays[s->nstrays].pid = pid;
	s->strays[s->nstrays].status = status;
	s->nstrays++;
}

/* Report the strays kept so far, oldest first (dispatch time). */
void
snare__strays_emit(snare_session *s)
{
	struct snare__stray st;
	snare_event ev;
	size_t i;

	for (i = 0; i < s->nstrays; i++) {
		st = s->strays[i];
		memset(&ev, 0, sizeof(ev));
		ev.kind = st.kind;
		ev.pid = ev.tid = st.pid;
		if (st.kind == SNARE_EV_STRAY_EXIT) {
			ev.code = WIFEXITED(st.status) ? WEXITSTATUS(st.status)
						       : 0;
			ev.signo = WIFSIGNALED(st.status) ? WTERMSIG(st.status)
							  : 0;
			ev.core = WIFSIGNALED(st.status) &&
				  WCOREDUMP(st.status);
		}
		snare__emit(s, &ev);
	}
	s->nstrays = 0;
}

SNARE_EXPORT int
snare_session_report_strays(snare_session *s, int on)
{
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "report_strays: foreign thread");
	s->report_strays = on != 0;
	if (!on)
		s->nstrays = 0;
	return 0;
}

snare_proc *
snare__proc_new(snare_session *s, pid_t pid)
{
	snare_proc *p = calloc(1, sizeof(*p)), **pp;

	if (!p)
		return NULL;
	p->s = s;
	p->pid = pid;
	p->state = SNARE_PROC_RUNNING;
	p->memfd = -1;
	p->stdio_fd[0] = p->stdio_fd[1] = p->stdio_fd[2] = -1;
	/* Append, so that processes are listed in creation order; the
	   tail is kept, so a fork tree costs nothing per process. */
	pp = s->procs_last ? &s->procs_last->next : &s->procs;
	*pp = p;
	s->procs_last = p;
	return p;
}

/* Take p off the session's list, keeping the tail right. */
static void
proc_unlink_only(snare_session *s, snare_proc *p)
{
	snare_proc **pp, *prev = NULL, *o;

	for (pp = &s->procs; *pp; prev = *pp, pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	if (s->procs_last == p)
		s->procs_last = prev;
	/* Its children outlive it: their parent is its parent now. */
	for (o = s->procs; o; o = o->next)
		if (o->parent == p)
			o->parent = p->parent;
}

/* Late clone events must not find the records of p once freed. */
static void
forget_dead(snare_session *s, snare_proc *p, snare_thread *t)
{
	unsigned i;

	for (i = 0; i < 256; i++)
		if (s->dead_ring[i] && (t ? s->dead_ring[i] == t
					  : s->dead_ring[i]->proc == p))
			s->dead_ring[i] = NULL;
}

/* Clone events of threads of `in` must not name victim any more. */
static void
forget_child(snare_proc *in, const snare_thread *victim)
{
	snare_thread *o;

	if (!in)
		return;
	for (o = in->threads; o; o = o->pnext)
		if (o->event_child_t == victim)
			o->event_child_t = NULL;
}

/*
 * Lifetime (docs/design.md, "Lifetimes"): a non-leader thread whose exit
 * was reported leaves its process's list and is retired: freed after the
 * dispatch, or at the next snare_run when an event was kept for the caller.
 */
void
snare__thread_retire(snare_thread *t)
{
	snare_proc *p = t->proc;
	snare_thread **pp;

	/* Its parent's clone event has not been collected yet (the child
	   lived and died first): that event must still find this record
	   in the dead ring, or it would register the dead tid as a new
	   process that never stops. Kept until the session ends. */
	if (!t->reported_new)
		return;
	for (pp = &p->threads; *pp; pp = &(*pp)->pnext)
		if (*pp == t) {
			*pp = t->pnext;
			break;
		}
	forget_dead(p->s, p, t);
	forget_child(p, t);
	snare__queue_drop(p->s, NULL, t);
	snare__retired_add_thread(p->s, t);
}

/*
 * The same for a process the session found itself (a followed fork
 * child), once its exit was reported: off the list, so that all-stops and
 * look-ups never walk the dead, and freed with the garbage. Processes the
 * caller made (spawn, attach) live until snare_session_free.
 */
/*
 * Let go of everything p holds: breakpoints, thread records, fds, the
 * memory file. The records (and p) are freed now, or, with defer, put on
 * the retired list for later.
 */
static void
proc_release(snare_proc *p, bool defer)
{
	snare_session *s = p->s;
	snare_thread *t, *next;
	int i;

	s->ev->free_all(p); /* touches the threads: first */
	forget_dead(s, p, NULL);
	for (t = p->threads; t; t = next) {
		next = t->pnext;
		if (t->state != TS_DEAD)
			snare__thread_dead(t);
		if (defer) {
			/* The parent lives on (at session free it may be
			   gone already: no look at it then). */
			forget_child(p->parent, t);
			snare__retired_add_thread(s, t);
		} else {
			snare__thread_free(t);
		}
	}
	p->threads = NULL;
	snare__io_free(p);
	for (i = 0; i < 3; i++)
		if (p->stdio_fd[i] >= 0)
			close(p->stdio_fd[i]);
	snare__mem_close(p);
	free(p->filter);
	free(p->fmt_notes);
	p->filter = NULL;
	p->fmt_notes = NULL;
	if (defer)
		snare__retired_add(s, p);
	else
		free(p);
}

void
snare__proc_retire(snare_proc *p)
{
	snare_thread *t;

	/* The same for a process whose fork event is still to come. */
	for (t = p->threads; t; t = t->pnext)
		if (!t->reported_new)
			return;
	proc_unlink_only(p->s, p);
	snare__queue_drop(p->s, p, NULL);
	proc_release(p, true);
}

/* Take a process that never became the user's off the list and free it. */
void
snare__proc_unlink(snare_session *s, snare_proc *p)
{
	proc_unlink_only(s, p);
	snare__queue_drop(s, p, NULL);
	snare__proc_free(p);
}

void
snare__proc_free(snare_proc *p)
{
	proc_release(p, false);
}

/*
 * A tid through which p's memory and maps can be reached: the leader,
 * unless it is a zombie (it exited while other threads run, rule 6), then
 * any live traced thread.
 */
pid_t
snare__proc_mm_tid(const snare_proc *p)
{
	const snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		if (t->tid == p->pid && t->state != TS_DEAD &&
		    t->state != TS_EXITING && !t->exiting_stop)
			return p->pid;
	for (t = p->threads; t; t = t->pnext)
		if (t->state != TS_DEAD && t->state != TS_EXITING &&
		    !t->exiting_stop)
			return t->tid;
	return p->pid;
}

/* The print layer's interface (core/print_iface.h). */
void **
snare__proc_fmt_slot(snare_proc *p)
{
	return &p->fmt_notes;
}

snare_thread *
snare__proc_thread_in_syscall(snare_proc *p, long nr, const uint64_t args[6])
{
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext)
		if (t->state == TS_STOPPED && t->sc_in && t->sc_orig_nr == nr &&
		    !memcmp(t->sc_args, args, sizeof(t->sc_args)))
			return t;
	return NULL;
}

SNARE_EXPORT pid_t
snare_thread_tid(const snare_thread *t)
{
	return t ? t->tid : -1;
}

SNARE_EXPORT snare_proc *
snare_thread_proc(const snare_thread *t)
{
	return t ? t->proc : NULL;
}

SNARE_EXPORT int
snare_thread_alive(const snare_thread *t)
{
	return t && t->state != TS_DEAD;
}

SNARE_EXPORT int
snare_thread_exit_status(int *code, int *signo, const snare_thread *t)
{
	if (!t || t->state != TS_DEAD)
		return 0;
	if (code)
		*code = t->exit_code;
	if (signo)
		*signo = t->exit_sig;
	return 1;
}

SNARE_EXPORT void
snare_thread_set_user(snare_thread *t, void *user)
{
	if (t)
		t->user = user;
}

SNARE_EXPORT void *
snare_thread_user(const snare_thread *t)
{
	return t ? t->user : NULL;
}

SNARE_EXPORT void
snare_proc_set_user(snare_proc *p, void *user)
{
	if (p)
		p->user = user;
}

SNARE_EXPORT void *
snare_proc_user(const snare_proc *p)
{
	return p ? p->user : NULL;
}

SNARE_EXPORT pid_t
snare_proc_pid(const snare_proc *p)
{
	return p ? p->pid : -1;
}

SNARE_EXPORT int
snare_proc_state(const snare_proc *p)
{
	return p ? p->state : -EINVAL;
}

SNARE_EXPORT snare_session *
snare_proc_session(const snare_proc *p)
{
	return p ? p->s : NULL;
}

SNARE_EXPORT snare_proc *
snare_proc_parent(const snare_proc *p)
{
	return p ? p->parent : NULL;
}

SNARE_EXPORT int
snare_proc_exit_status(int *code, int *signo, int *core, const snare_proc *p)
{
	if (!p || (p->state != SNARE_PROC_EXITED && !p->exit_seen))
		return 0;
	if (code)
		*code = p->exit_code;
	if (signo)
		*signo = p->exit_sig;
	if (core)
		*core = p->core;
	return 1;
}

SNARE_EXPORT int
snare_proc_stdio_fd(const snare_proc *p, int stream)
{
	if (!p || stream < 0 || stream > 2)
		return -1;
	return p->stdio_fd[stream];
}

SNARE_EXPORT int
snare_proc_take_stdio_fd(snare_proc *p, int stream)
{
	int fd;

	if (!p || stream < 0 || stream > 2)
		return -1;
	fd = p->stdio_fd[stream];
	p->stdio_fd[stream] = -1;
	return fd;
}

SNARE_EXPORT size_t
snare_proc_threads(snare_thread **out, size_t cap, const snare_proc *p)
{
	snare_thread *t;
	size_t n = 0;

	if (!p)
		return 0;
	for (t = p->threads; t; t = t->pnext) {
		if (t->state == TS_DEAD)
			continue;
		if (out && n < cap)
			out[n] = t;
		n++;
	}
	return n;
}

void
snare__thread_free(snare_thread *t)
{
	snare_session *s = t->proc->s;

	if (t->user && s->thread_free)
		s->thread_free(t, t->user, s->thread_free_user);
	free(t);
}

SNARE_EXPORT int
snare_session_on_thread_free(snare_session *s, snare_thread_free_fn fn,
			     void *user)
{
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "on_thread_free: foreign thread");
	s->thread_free = fn;
	s->thread_free_user = fn ? user : NULL;
	return 0;
}

SNARE_EXPORT snare_thread *
snare_session_thread(const snare_session *s, pid_t tid)
{
	const snare_proc *p;
	snare_thread *t, *dead = NULL;
	unsigned i;

	if (!s || tid <= 0)
		return NULL;
	t = snare__thread_find((snare_session *)s, tid);
	if (t)
		return t;
	/* Not live: a dead record still held (its exit not reported yet,
	   or a process's leader), the last one to die first (after an exec
	   from a non-leader thread two records have the leader's tid). */
	for (i = 0; i < 256 && i < s->ndead; i++) {
		t = s->dead_ring[(s->ndead - 1 - i) % 256];
		if (t && t->tid == tid)
			return t;
	}
	for (p = s->procs; p && !dead; p = p->next)
		for (t = p->threads; t && !dead; t = t->pnext)
			if (t->tid == tid && t->state == TS_DEAD)
				dead = t;
	if (dead)
		return dead;
	/* A thread that exec'd under its former tid (the leader's now). */
	for (p = s->procs; p; p = p->next)
		for (t = p->threads; t; t = t->pnext)
			if (t->exec_old_tid == tid && t->tid != tid &&
			    t->state != TS_DEAD)
				return t;
	return NULL;
}

SNARE_EXPORT size_t
snare_session_threads(snare_thread **out, size_t cap, const snare_session *s)
{
	const snare_proc *p;
	size_t n = 0;

	if (!s)
		return 0;
	for (p = s->procs; p; p = p->next) {
		size_t k = snare_proc_threads(out ? out + (n < cap ? n : cap)
						  : NULL,
					      n < cap ? cap - n : 0, p);

		n += k;
	}
	return n;
}

SNARE_EXPORT snare_thread *
snare_proc_thread(const snare_proc *p, pid_t tid)
{
	snare_thread *t;

	if (!p)
		return NULL;
	for (t = p->threads; t; t = t->pnext)
		if (t->tid == tid && t->state != TS_DEAD)
			return t;
	return NULL;
}
