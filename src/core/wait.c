/* SPDX-License-Identifier: MIT */
/*
 * wait.c: the only caller of waitpid (snare__waitpid). Collects wait
 * statuses, classifies each ONCE into a typed stop record, and does the
 * bookkeeping that must happen at stop time, whether the stop is dispatched
 * now or queued (rules 5, 6, 8 and 10 of docs/design.md): registering new tids
 * from clone events (or from a child's first stop that overtook its
 * parent's event), swapping tids at an exec from a non-leader thread,
 * marking deaths, rewinding the pc of breakpoint traps. docs/design.md
 * describes the pipeline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

static bool
is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

int
snare__classify(int status)
{
	int sig, event;

	if (WIFEXITED(status) || WIFSIGNALED(status))
		return STOP_EXITED;
	sig = WSTOPSIG(status);
	event = (unsigned)status >> 16;
	switch (event) {
	case 0:
		break;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		return STOP_CLONE;
	case PTRACE_EVENT_VFORK_DONE:
		return STOP_VFORK_DONE;
	case PTRACE_EVENT_EXEC:
		return STOP_EXEC;
	case PTRACE_EVENT_EXIT:
		return STOP_EXIT_EVENT;
	case PTRACE_EVENT_SECCOMP:
		return STOP_SECCOMP;
	case PTRACE_EVENT_STOP:
		return is_stop_signal(sig) ? STOP_GROUP : STOP_EVENT_STOP;
	default:
		return STOP_EVENT_STOP;
	}
	if (sig == (SIGTRAP | 0x80))
		return STOP_SYSCALL;
	return STOP_SIGNAL;
}

/*
 * The one waitpid of the library (docs/design.md, "The stop pipeline").
 * __WNOTHREAD: only children of this thread, so sessions in other threads
 * of the process keep theirs (ptrace ties a tracee to its tracer thread).
 */
pid_t
snare__waitpid(pid_t pid, int *status, int flags)
{
	pid_t r;

	do
		r = waitpid(pid, status, __WALL | __WNOTHREAD | flags);
	while (r < 0 && errno == EINTR && !(flags & WNOHANG));
	return r;
}

/* Read "Tgid:" and "PPid:" of a tid from /proc. */
static int
read_tgid_ppid(pid_t tid, pid_t *tgid, pid_t *ppid)
{
	char path[64], line[256];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Tgid: %d", tgid) == 1)
			found |= 1;
		else if (sscanf(line, "PPid: %d", ppid) == 1)
			found |= 2;
	}
	fclose(f);
	return found == 3 ? 0 : -ESRCH;
}

static snare_proc *
proc_find(snare_session *s, pid_t pid)
{
	snare_proc *p;

	for (p = s->procs; p; p = p->next)
		if (p->pid == pid && p->state != SNARE_PROC_EXITED &&
		    p->state != SNARE_PROC_DETACHED)
			return p;
	return NULL;
}

/* A new process (fork child) of parent, inheriting its traits. */
static snare_proc *
child_proc_new(snare_session *s, pid_t pid, snare_proc *parent)
{
	snare_proc *c = snare__proc_new(s, pid);

	if (!c)
		return NULL;
	c->parent = parent;
	c->seized_all = true;
	c->hidden = !s->opts.follow_forks;
	if (parent) {
		c->spawned = parent->spawned;
		c->seccomp = parent->seccomp;
		if (parent->filter) {
			size_t n = (size_t)snare_syscall_count() / 8 + 1;

			c->filter = malloc(n);
			if (c->filter)
				memcpy(c->filter, parent->filter, n);
		}
		/* Its memory is a copy of the parent's, int3s included. */
		s->ev->inherit(c, parent);
	}
	return c;
}

/*
 * Register a tid we have not seen: the child of a clone/fork whose first
 * stop overtook the parent's PTRACE_EVENT (they race on SMP).
 */
static snare_thread *
register_orphan(snare_session *s, pid_t tid)
{
	pid_t tgid = 0, ppid = 0;
	snare_proc *p;

	if (read_tgid_ppid(tid, &tgid, &ppid) < 0)
		return NULL;
	p = proc_find(s, tgid);
	if (!p) {
		p = child_proc_new(s, tgid, proc_find(s, ppid));
		if (!p)
			return NULL;
	}
	return snare__thread_new(p, tid, TS_RUNNING);
}

/*
 * With follow_forks off and strays reported: did t's clone() or clone3()
 * ask for CLONE_PTRACE, so that without our fork options the kernel would
 * have attached the child to us anyway (strace: "Detached unknown pid")?
 * t is stopped at its fork event, inside the call: clone's flags are its
 * first argument; clone3's are the first field (a __u64) of the struct
 * clone_args its first argument points to (include/uapi/linux/sched.h),
 * which the kernel has copied already, so the program's memory holds
 * what it asked for.
 */
static bool
asked_ptrace(snare_thread *t)
{
	snare_session *s = t->proc->s;
	long nr, arg;
	uint64_t flags;

	if (s->opts.follow_forks || !s->report_strays)
		return false;
	errno = 0;
	nr = snare__ptrace(PTRACE_PEEKUSER, t->tid,
			   (void *)offsetof(struct user_regs_struct, orig_rax),
			   NULL);
	if (errno || (nr != SYS_clone && nr != SYS_clone3))
		return false;
	arg = snare__ptrace(PTRACE_PEEKUSER, t->tid,
			    (void *)offsetof(struct user_regs_struct, rdi),
			    NULL);
	if (errno)
		return false;
	if (nr == SYS_clone)
		return (arg & CLONE_PTRACE) != 0;
	if (snare__mem_read_raw(&flags, t->proc, (uint64_t)arg,
				sizeof(flags)) < 0)
		return false;
	return (flags & CLONE_PTRACE) != 0;
}

/* Register the child named by a clone/fork/vfork event of t. */
void
snare__register_child(snare_thread *t, int event)
{
	snare_session *s = t->proc->s;
	unsigned long msg = 0;
	snare_thread *c;
	snare_proc *cp;
	pid_t tid;

	if (snare__ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg) < 0)
		return;
	tid = (pid_t)msg;
	t->event_child = tid;
	if (event == PTRACE_EVENT_VFORK)
		t->vfork_wait = true;
	c = snare__thread_find(s, tid);
	if (!c) {
		/* It may have stopped, run and died before this event. */
		unsigned i;

		for (i = 0; i < 256 && i < s->ndead; i++) {
			snare_thread *d = s->dead_ring[(s->ndead - 1 - i) % 256];

			if (d && d->tid == tid && !d->reported_new) {
				c = d;
				break;
			}
		}
	}
	if (c) {
		/* Its first stop came first: it was registered without
		   knowing it shares the parent's memory. */
		if (c->proc != t->proc && event == PTRACE_EVENT_VFORK)
			c->proc->vforked = true;
		if (c->proc != t->proc && asked_ptrace(t)) {
			if (c->proc->state == SNARE_PROC_DETACHED)
				snare__stray_add(s, SNARE_EV_STRAY_DETACHED,
						 tid, 0);
			else
				c->proc->clone_ptrace = true;
		}
		t->event_child_t = c;
		return;
	}
	/* A clone without CLONE_THREAD is a new process, too. */
	if (event == PTRACE_EVENT_CLONE &&
	    syscall(SYS_tgkill, t->proc->pid, tid, 0) == 0) {
		c = snare__thread_new(t->proc, tid, TS_RUNNING);
	} else {
		cp = child_proc_new(s, tid, t->proc);
		if (cp) {
			cp->vforked = event == PTRACE_EVENT_VFORK;
			cp->clone_ptrace = asked_ptrace(t);
		}
		c = cp ? snare__thread_new(cp, tid, TS_RUNNING) : NULL;
	}
	if (c)
		c->interrupt_pending = 1; /* its first PTRACE_EVENT_STOP */
	t->event_child_t = c;
}

/*
 * Exec from a non-leader thread (man 2 ptrace, "execve(2) under ptrace"):
 * the stop arrives under the leader's tid; the old tid never reports again,
 * the former leader vanishes without a death report, and every other
 * thread has already reported death. Make the execing thread's record the
 * leader, so its per-thread state (the execve in progress) carries over.
 */
static snare_thread *
exec_fixup(snare_thread *leader)
{
	snare_proc *p = leader->proc;
	snare_thread *o, *t;
	unsigned long msg = 0;
	pid_t old;

	if (snare__ptrace(PTRACE_GETEVENTMSG, leader->tid, NULL, &msg) < 0)
		return leader;
	old = (pid_t)msg;
	leader->exec_old_tid = old;
	if (old == leader->tid)
		return leader;
	o = snare__thread_find(p->s, old);
	if (!o || o->proc != p)
		return leader;
	/* The former leader is gone without a word. */
	snare__thread_dead(leader);
	snare__thread_unhash(o);
	o->tid = p->pid;
	{
		unsigned h = (unsigned)o->tid % TID_BUCKETS;
		o->hnext = p->s->tids[h];
		p->s->tids[h] = o;
	}
	o->exec_old_tid = old;
	/* Any other thread still listed vanished too. */
	for (t = p->threads; t; t = t->pnext)
		if (t != o && t->state != TS_DEAD)
			snare__thread_dead(t);
	return o;
}

/*
 * Classify one wait status of a known or new thread into *st and do all the
 * stop-time bookkeeping (rules 5, 6, 8 and 10): new tids, exec tid swap and
 * the end of every breakpoint at exec, deaths, debug registers of new
 * threads, the pc rewind of breakpoint traps, DR6. Returns the thread, or
 * NULL when the status was not a tracee's (the waker, a tid we forgot).
 */
snare_thread *
snare__collect_stop(snare_session *s, pid_t tid, int status,
		    struct snare__stop *st)
{
	snare_thread *t;

	if (s->waker > 0 && tid == s->waker) {
		if (!WIFSTOPPED(status))
			s->waker = 0; /* it woke us: an interrupt */
		return NULL;
	}
	t = snare__thread_find(s, tid);
	if (!t) {
		if (!WIFSTOPPED(status)) {
			/* Not ours, a thread we already forgot, or a
			   spawned process we detached. */
			if (!snare__detached_exit(s, tid, status))
				snare__stray_add(s, SNARE_EV_STRAY_EXIT, tid,
						 status);
			return NULL;
		}
		t = register_orphan(s, tid);
		if (!t) {
			/* Auto-attached but unknown: let it go untouched. */
			snare__ptrace(PTRACE_DETACH, tid, NULL, NULL);
			return NULL;
		}
		t->interrupt_pending = 1;
	}
	memset(st, 0, offsetof(struct snare__stop, si));
	t->nstops++;
	s->ncollected++;
	st->status = status;
	st->kind = snare__classify(status);
	/* Any stop answers a PTRACE_INTERRUPT, not only PTRACE_EVENT_STOP:
	   under SYSCALL resumes an interrupted syscall reports its exit
	   stop instead, and a stop that happens at the same time (a signal)
	   takes its place (man 2 ptrace, PTRACE_INTERRUPT). Waiting for an
	   EVENT_STOP after those hung the all-stop. */
	st->interrupted = t->interrupt_pending;
	t->interrupt_pending = 0;
	/* Registers read at a stop it left without being resumed by us
	   (killed there) are still its registers: keep them. */
	if (t->regs_valid)
		snare__regs_keep(t, RESUME_LISTEN, 0);
	if (st->kind == STOP_EXITED) {
		t->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
		t->exit_sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		t->stepping = false;
		snare__thread_dead(t);
		t->stop = *st;
		return t;
	}
	st->sig = WSTOPSIG(status) & 0x7f;
	st->event = (unsigned)status >> 16;
	snare__thread_set_state(t, TS_STOPPED);
	t->regs_valid = false;
	t->regs_dirty = false;
	t->pc_valid = t->pc_dirty = false;
	t->status = status;
	/* New threads get the debug registers at their first stop. */
	if (t->dr_gen != t->proc->dr_gen)
		s->ev->write_debugregs(t);
	switch (st->kind) {
	case STOP_CLONE:
		snare__register_child(t, st->event);
		break;
	case STOP_EXEC:
		t = exec_fixup(t);
		snare__thread_set_state(t, TS_STOPPED);
		t->status = status;
		/* A vfork child has its own memory from now on. */
		t->proc->vforked = false;
		/* The new image has none of our memory state (rule 9). */
		snare__mem_close(t->proc);
		s->ev->exec(t->proc);
		break;
	case STOP_VFORK_DONE:
		t->vfork_wait = false;
		break;
	case STOP_SIGNAL:
		if (snare__ptrace(PTRACE_GETSIGINFO, t->tid, NULL, &st->si) == 0)
			st->has_si = true;
		if (st->sig == SIGTRAP && st->has_si) {
			/* A step ends with TRAP_TRACE, or TRAP_BRKPT after
			   a syscall instruction (the kernel's syscall-exit
			   single-step report). */
			if (t->stepping && (st->si.si_code == TRAP_TRACE ||
					    st->si.si_code == TRAP_BRKPT))
				st->kind = STOP_STEP;
			else
				s->ev->classify_trap(t, st);
		} else if (st->sig == SIGSEGV && st->has_si) {
			s->ev->classify_fault(t, st);
		}
		break;
	default:
		break;
	}
	t->stepping = false;
	s->ev->track_syscall(t, st->kind);
	t->stop = *st;
	return t;
}

/*
 * Take one wait status. In all-stop collection (allstop), the stops our
 * PTRACE_INTERRUPT produced are consumed here; everything else is queued
 * for dispatch. Returns 0, or a negative errno on allocation failure.
 */
int
snare__collect(snare_session *s, pid_t tid, int status, bool allstop)
{
	struct snare__stop st;
	snare_thread *t = snare__collect_stop(s, tid, status, &st);

	if (!t)
		return 0;
	/* A group-stop in answer to our interrupt is consumed only when it
	   was reported already (a thread resumed with LISTEN). One not
	   reported yet (an attach to a process stopped by SIGSTOP: the
	   kernel re-traps it as a group-stop, man 2 ptrace "Attaching and
	   detaching") is queued, so snare_run() reports it once, as
	   strace's "--- stopped by SIGSTOP ---". */
	if (allstop && st.interrupted &&
	    (st.kind == STOP_EVENT_STOP ||
	     (st.kind == STOP_GROUP && t->group_stop)))
		return 0;
	return snare__queue_push(s, t, &st);
}

/*
 * Wait for one status from `which` (-1: any) and collect it. Returns the
 * tid, 0 when WNOHANG found nothing, or a negative errno (-ECHILD, -EINTR).
 */
int
snare__wait_one(snare_session *s, pid_t which, int flags, bool allstop)
{
	int status, r;
	pid_t tid;

	tid = snare__waitpid(which, &status, flags);
	if (tid < 0)
		return -errno;
	if (tid == 0)
		return 0;
	r = snare__collect(s, tid, status, allstop);
	return r < 0 ? r : tid;
}

/*
 * Wait for the next status of any child and classify it into *st, without
 * queuing it: *tp is its thread, NULL when it was no tracee's (the waker).
 * Returns the tid, or a negative errno (-ECHILD).
 */
pid_t
snare__wait_any(snare_session *s, snare_thread **tp, struct snare__stop *st)
{
	int status;
	pid_t tid = snare__waitpid(-1, &status, 0);

	*tp = NULL;
	if (tid < 0)
		return -errno;
	*tp = snare__collect_stop(s, tid, status, st);
	return tid;
}

/*
 * Wait for the next stop of t alone and classify it into *st, bookkeeping
 * done, without queuing it: the caller (a step, spawn, a kill) consumes it
 * or queues it. Stops of other threads stay in the kernel until the loop
 * collects them. Returns 0, or -ECHILD when t can report nothing more
 * (it vanished in another thread's exec).
 */
int
snare__wait_thread(snare_thread *t, struct snare__stop *st)
{
	snare_session *s = t->proc->s;
	int status;
	pid_t tid;

	for (;;) {
		tid = snare__waitpid(t->tid, &status, 0);
		if (tid < 0)
			return -errno;
		if (snare__collect_stop(s, tid, status, st) == t)
			return 0;
		/* An exec by another thread reports under this tid as the
		   leader: the record handed back is the execing one. */
		if (st->kind == STOP_EXEC)
			return snare__queue_push(s, snare__thread_find(s, tid), st) < 0
				       ? -ENOMEM : -ECHILD;
	}
}

/*
 * The waker: a child of the tracer thread that polls a pipe and exits when
 * snare_session_interrupt() writes to it, which ends a blocked waitpid
 * without sending any tracee a signal. Started before each blocking wait
 * if it is not running; reaped by the loop like a tracee's death.
 */
int
snare__waker_start(snare_session *s)
{
	struct pollfd pfd;
	pid_t pid;
	char buf[64];
	int fd;

	if (s->waker > 0)
		return 0;
	if (s->wake_pipe[0] < 0 &&
	    pipe2(s->wake_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	/* Bytes of interrupts already honoured would wake it at once. */
	while (read(s->wake_pipe[0], buf, sizeof(buf)) > 0)
		;
	fd = s->wake_pipe[0];
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		/* Async-signal-safe calls only: the tracer may have threads.
		   Hold no fd but the pipe, so nobody waits for our EOF. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (fd > 0 && syscall(SYS_close_range, 0, fd - 1, 0) < 0) {
			int i;

			for (i = 0; i < fd; i++)
				close(i);
		}
		syscall(SYS_close_range, fd + 1, ~0u, 0);
		pfd.fd = fd;
		pfd.events = POLLIN;
		while (poll(&pfd, 1, -1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	s->waker = pid;
	return 0;
}

void
snare__waker_stop(snare_session *s)
{
	int status, i;

	for (i = 0; i < 2; i++) {
		if (s->wake_pipe[i] >= 0)
			close(s->wake_pipe[i]);
		s->wake_pipe[i] = -1;
	}
	/* The pipe's end closed: it exits (POLLHUP). */
	if (s->waker > 0)
		snare__waitpid(s->waker, &status, 0);
	s->waker = 0;
}
