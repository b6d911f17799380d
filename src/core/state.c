/* SPDX-License-Identifier: MIT */
/*
 * state.c: what a thread keeps across its stops for inspection. The
 * registers of its last stop stay readable after it died (the pc of a
 * crash), and signals the caller queued at any stop are sent when it next
 * resumes. resume.c and wait.c call the two hooks here; the rest is the
 * public side.
 *
 * The registers are kept at no extra cost: when a thread leaves a stop
 * whose registers were read (the cache is valid), the cache is copied;
 * when it leaves a stop delivering a signal whose default action kills
 * (SIGSEGV, SIGABRT...), they are read once, since that stop may be its
 * last, with the FP registers (kept at that kind of stop only); otherwise the thread runs code the copy does not describe, and
 * nothing is kept. Leaving a stop where no code runs (PTRACE_EVENT_EXIT,
 * a group-stop held with LISTEN) keeps what was kept, so the crash's
 * signal-delivery-stop survives the exit stop that follows it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/internal.h"

/* The signal's default action ends the process (signal(7)). */
static bool
kills_by_default(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return false;
	default:
		return sig > 0;
	}
}

/*
 * t leaves its stop with request req, delivering sig: keep the registers
 * that describe it, as the comment at the top says. Called before the
 * cache is dropped. A single-step without a signal keeps nothing from the
 * cache: the library's own steps run with crafted registers (an injected
 * syscall, an out-of-line copy), which are not the program's.
 */
void
snare__regs_keep(snare_thread *t, int req, int sig)
{
	bool runs = req != RESUME_LISTEN && !t->exiting_stop &&
		    t->stop.kind != STOP_EXIT_EVENT;

	if (!runs) {
		if (t->regs_valid) {
			t->last_regs = t->regs;
			t->last_regs_valid = true;
			t->last_fpregs_valid = false;
		}
		return;
	}
	t->last_fpregs_valid = false;
	if (sig && kills_by_default(sig)) {
		t->last_fpregs_valid =
			snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL,
				      &t->last_fpregs) == 0;
		if (t->regs_valid)
			t->last_regs = t->regs;
		else if (snare__ptrace(PTRACE_GETREGS, t->tid, NULL,
				       &t->last_regs) < 0) {
			t->last_regs_valid = t->last_fpregs_valid = false;
			return;
		}
		t->last_regs_valid = true;
		return;
	}
	if (req != RESUME_STEP && t->regs_valid) {
		t->last_regs = t->regs;
		t->last_regs_valid = true;
		return;
	}
	t->last_regs_valid = false;
}

/*
 * Signals queued with snare_thread_queue_signal() go to t now, just before
 * the loop resumes it: tgkill makes each pending for t alone, and the
 * kernel stops t for it (a signal-delivery-stop) as soon as it runs,
 * whatever stop it leaves. A thread in group-stop keeps them until it
 * leaves the group-stop: a signal sent to a LISTENing tracee wakes it
 * into another group-stop report.
 */
void
snare__send_queued_signals(snare_thread *t)
{
	int sig;

	if (!t->queued_sigs || t->group_stop)
		return;
	for (sig = 1; sig < MAX_SIG; sig++) {
		if (!(t->queued_sigs & (1ull << (sig - 1))))
			continue;
		/* ESRCH: it is dying, and the signal with it. */
		syscall(SYS_tgkill, t->proc->pid, t->tid, sig);
	}
	t->queued_sigs = 0;
}

SNARE_EXPORT int
snare_thread_last_regs(snare_regs *out, const snare_thread *t)
{
	snare_session *s;

	if (!t || !out)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "last registers: foreign thread");
	if (t->state == TS_RUNNING)
		return snare__err(s, SNARE_ERUNNING,
				  "last registers of thread %d: it is running",
				  t->tid);
	if (t->state == TS_STOPPED && !t->exiting_stop &&
	    t->stop.kind != STOP_EXIT_EVENT)
		return snare__err(s, -EBUSY,
				  "last registers of thread %d: it is alive and "
				  "stopped; read them with snare_regs_get()",
				  t->tid);
	if (!t->last_regs_valid)
		return snare__err(s, -ENODATA,
				  "last registers of thread %d: not kept (its last "
				  "stop delivered no fatal signal and nobody read "
				  "its registers there)", t->tid);
	*out = t->last_regs;
	return 0;
}

SNARE_EXPORT int
snare_thread_last_fpregs(snare_fpregs *out, const snare_thread *t)
{
	snare_regs r;
	int err;

	if (!t || !out)
		return -EINVAL;
	err = snare_thread_last_regs(&r, t);
	if (err < 0)
		return err;
	if (!t->last_fpregs_valid)
		return snare__err(t->proc->s, -ENODATA,
				  "last FP registers of thread %d: not kept (only "
				  "at a stop delivering a fatal signal)", t->tid);
	*out = t->last_fpregs;
	return 0;
}

SNARE_EXPORT int
snare_thread_queue_signal(snare_thread *t, int signo)
{
	snare_session *s;

	if (!t)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "queue signal: foreign thread");
	if (signo <= 0 || signo >= MAX_SIG)
		return snare__err(s, -EINVAL, "queue signal: no signal %d", signo);
	if (t->state == TS_DEAD || t->state == TS_EXITING || t->exiting_stop ||
	    t->stop.kind == STOP_EXIT_EVENT)
		return snare__err(s, SNARE_EEXITED,
				  "queue signal: thread %d has exited", t->tid);
	if (t->state != TS_STOPPED)
		return snare__err(s, SNARE_ERUNNING,
				  "queue signal: thread %d is running", t->tid);
	if (t->proc->state == SNARE_PROC_DETACHED)
		return snare__err(s, SNARE_EDETACHED,
				  "queue signal: process %d was detached",
				  t->proc->pid);
	t->queued_sigs |= 1ull << (signo - 1);
	return 0;
}
