/* SPDX-License-Identifier: MIT */
/*
 * resume.c: the only place a thread is resumed (docs/design.md, "The stop
 * pipeline", step 3). snare__resume_as() issues one typed request, CONT, SYSCALL,
 * SINGLESTEP or LISTEN, with the signal to deliver, after writing back the
 * register cache. snare__resume() chooses the request a held thread's state
 * calls for; snare__step() is one single-step of a thread, completed when
 * its stop arrives through the one wait point.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/internal.h"

static const int ptrace_req[] = {
	[RESUME_CONT] = PTRACE_CONT,
	[RESUME_SYSCALL] = PTRACE_SYSCALL,
	[RESUME_STEP] = PTRACE_SINGLESTEP,
	[RESUME_LISTEN] = PTRACE_LISTEN,
};

/* The raw request, for a tid that is no session's thread (a probe). */
int
snare__resume_tid(pid_t tid, int req, int sig)
{
	return snare__ptrace(ptrace_req[req], tid, NULL, (void *)(long)sig) < 0
		       ? -errno : 0;
}

/*
 * Resume the stopped thread t with req, delivering sig (ignored by
 * LISTEN). Returns 0, or -ESRCH when it is gone (killed under us: its
 * death report is on its way; the thread is marked exiting).
 */
int
snare__resume_as(snare_thread *t, int req, int sig)
{
	int r;

	r = snare__regs_flush(t);
	if (r < 0 && r != -ESRCH)
		return r;
	if (req == RESUME_LISTEN)
		sig = 0;
	/* A fault handed back after stops of ours (an injected syscall)
	   gets its own siginfo back, not that of our last trap. */
	if (sig) {
		if (t->resume_si_valid && sig == t->resume_si.si_signo)
			snare__ptrace(PTRACE_SETSIGINFO, t->tid, NULL, &t->resume_si);
		t->resume_si_valid = false;
	}
	snare__regs_keep(t, req, sig);
	t->regs_valid = t->pc_valid = false;
	r = snare__resume_tid(t->tid, req, sig);
	if (r < 0) {
		snare__thread_set_state(t, TS_EXITING);
		return r;
	}
	t->stepping = req == RESUME_STEP;
	snare__thread_set_state(t, t->exiting_stop ? TS_EXITING : TS_RUNNING);
	return 0;
}

/*
 * Resume a held thread with the request its state calls for: LISTEN in
 * group-stop, SYSCALL only while it needs syscall stops, CONT otherwise,
 * with the signal to deliver. A thread stopped on a breakpoint first runs
 * the covered instruction (events/xol.c).
 */
int
snare__resume(snare_thread *t)
{
	int req, sig, r;

	if (t->state != TS_STOPPED || t->queued)
		return 0;
	if (t->at_bp) {
		r = t->proc->s->ev->step_over(t);
		if (r < 0 && r != -ESRCH && r != SNARE_EEXITED)
			return r;
		if (t->state != TS_STOPPED || t->queued)
			return 0; /* died, or a stop came during the step */
		/* Its last stop is the step's trap now, not a group-stop:
		   PTRACE_LISTEN would fail with EIO. A group-stop still in
		   force stops it again and is reported then. */
		t->group_stop = 0;
	}
	snare__send_queued_signals(t);
	sig = t->resume_sig;
	t->resume_sig = 0;
	if (t->group_stop) {
		req = RESUME_LISTEN;
	} else if ((t->sc_in && t->sc_want_exit) ||
		   t->proc->s->ev->wants_syscall(t->proc)) {
		req = RESUME_SYSCALL;
	} else {
		req = RESUME_CONT;
		/* No exit stop will come for a syscall it is in (seccomp
		   entry-only): forget it, or the next entry looks like a
		   duplicate. */
		t->sc_in = false;
		t->sc_hook = NULL;
	}
	r = snare__resume_as(t, req, sig);
	return r == -ESRCH ? 0 : r;
}

/*
 * One single-step of t, through the one wait point. The signal pending for
 * t (resume_sig) is delivered with the step, unless defer_signals: then
 * signals that arrive are held back until the step is done and delivered
 * at t's next resume (a step of an out-of-line copy must finish where it
 * started, or a signal handler would run with the copy's addresses).
 * Signals go through the hooks and the block list first. Event stops on
 * the way (a clone, our interrupt) are reported and the step goes on; a
 * stop that ends the step early (exec, a group-stop, a breakpoint, a
 * death) is queued for the loop. *kind_out is the kind of the stop that
 * ended it (STOP_STEP when it completed). Returns 0, SNARE_EEXITED, or a
 * negative errno.
 */
/* A fault of the instruction itself: it did not complete. */
static bool
is_fault(const struct snare__stop *st)
{
	if (!st->has_si || st->si.si_code <= 0 || st->si.si_code == SI_KERNEL)
		return false;
	return st->sig == SIGSEGV || st->sig == SIGBUS || st->sig == SIGILL ||
	       st->sig == SIGFPE || st->sig == SIGTRAP;
}

static int
step(snare_thread *t, int *kind_out, bool defer_signals)
{
	snare_session *s = t->proc->s;
	struct snare__stop st;
	int sig = t->resume_sig, held[8], nheld = 0, group_stops = 0, r, i;

	t->resume_sig = 0;
	if (defer_signals && sig) {
		held[nheld++] = sig; /* its signal waits for the step too */
		sig = 0;
	}
	*kind_out = STOP_NONE;
	for (;;) {
		r = snare__resume_as(t, RESUME_STEP, sig);
		sig = 0;
		if (r < 0)
			return r == -ESRCH ? SNARE_EEXITED : r;
		r = snare__wait_thread(t, &st);
		if (r < 0)
			return r == -ECHILD ? SNARE_EEXITED : r;
		*kind_out = st.kind;
		switch (st.kind) {
		case STOP_STEP:
			goto done;
		case STOP_SWWATCH:
			/* A page of a software watch: open it (the others
			   are held) and step again; still a fault with the
			   page open is the program's own. */
			if (s->ev->sww_step_fault(t, &st) == 0)
				continue;
			*kind_out = STOP_SIGNAL;
			t->resume_sig = st.sig;
			t->resume_si = st.si;
			t->resume_si_valid = true;
			goto done;
		case STOP_SIGNAL:
			if (defer_signals && is_fault(&st)) {
				/* The instruction faulted: the step ends
				   undone; the caller places the fault. */
				t->resume_sig = st.sig;
				t->resume_si = st.si;
				t->resume_si_valid = true;
				goto done;
			}
			sig = s->ev->signal_filter(t, &st);
			if (defer_signals && sig) {
				if (nheld < (int)(sizeof(held) / sizeof(held[0])))
					held[nheld++] = sig;
				sig = 0;
			}
			continue;
		case STOP_EVENT_STOP:
			t->interrupt_pending = 0;
			continue;
		case STOP_CLONE:
		case STOP_VFORK_DONE:
		case STOP_SECCOMP:
		case STOP_SYSCALL:
		case STOP_LATE_TRAP:
			/* Reported now (a new thread), or nothing to do; the
			   step goes on from this stop. */
			if (st.kind == STOP_CLONE)
				snare__report_stop(t, &st);
			continue;
		case STOP_GROUP:
			/* Stepped out of a group-stop, the kernel may report
			   it once more before the instruction runs; our own
			   steps go on (the group-stop comes back at detach or
			   at the next LISTEN), a user's step ends here. */
			if (defer_signals && ++group_stops < 4)
				continue;
			r = snare__queue_push(s, t, &st);
			if (r < 0)
				return r;
			goto done;
		case STOP_EXITED:
		case STOP_EXIT_EVENT:
			r = snare__queue_push(s, t, &st);
			return r < 0 ? r : SNARE_EEXITED;
		default:
			/* exec, group-stop, a breakpoint or watchpoint: the
			   step ends here and the loop reports it. */
			r = snare__queue_push(s, t, &st);
			if (r < 0)
				return r;
			goto done;
		}
	}
done:
	/* Held signals: the first at the next resume (its siginfo is the
	   kernel's), the others sent again. */
	for (i = 0; i < nheld; i++) {
		if (i == 0 && !t->queued && !t->resume_sig)
			t->resume_sig = held[0];
		else
			syscall(SYS_tgkill, t->proc->pid, t->tid, held[i]);
	}
	return 0;
}

int
snare__step(snare_thread *t, int *kind_out, bool defer_signals)
{
	int r = step(t, kind_out, defer_signals);

	/* Pages a software watch opened for this step close again. */
	if (t->nsww_open)
		t->proc->s->ev->sww_step_done(t, r == 0 && *kind_out == STOP_STEP);
	return r;
}

/*
 * From an event stop inside a syscall (exec, clone, vfork-done) run t to
 * that syscall's exit stop, running no instruction of the program. An
 * injected syscall needs it: leaving an event stop, the kernel still
 * stores the syscall's return value into rax, over ours.
 */
int
snare__to_syscall_exit(snare_thread *t)
{
	struct snare__stop st;
	int r;

	r = snare__resume_as(t, RESUME_SYSCALL, 0);
	if (r < 0)
		return r == -ESRCH ? SNARE_EEXITED : r;
	r = snare__wait_thread(t, &st);
	if (r < 0)
		return r == -ECHILD ? SNARE_EEXITED : r;
	if (st.kind == STOP_SYSCALL)
		return 0;
	r = snare__queue_push(t->proc->s, t, &st);
	return r < 0 ? r : -EINTR;
}
