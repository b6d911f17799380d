/* SPDX-License-Identifier: MIT */
/*
 * callrun.c: a call into the program runs to its end (see call.c at the
 * top): only the thread runs, through the one wait point, until it
 * returns to CALL_RET, a breakpoint stops it, it faults, the timeout
 * passes, or it exits; then the result is filled and the thread restored
 * (callsave.c). In snare_run(), a thread left inside a call that returns
 * later is restored here too (snare__call_trap). Setting up the call and
 * its arguments is in call.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/internal.h"
#include "events/call.h"

/*
 * A stop that ends nothing: t's stop was seen by us, t is resumed for the
 * call. Hooks of the session do not see the syscalls of the call.
 */
static int
resume_call(snare_thread *t)
{
	int r;

	if (t->at_bp) {
		r = snare__resume(t); /* steps over the breakpoint */
		return r;
	}
	r = snare__resume_as(t, RESUME_CONT, 0);
	return r == -ESRCH ? SNARE_EEXITED : r;
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * The next stop of t, as snare__wait_thread(), or -ETIME once the
 * deadline (ms, CLOCK_MONOTONIC; 0: none) passed: then the wait polls,
 * backing off from 50 us to 2 ms between looks.
 */
static int
wait_call(snare_thread *t, struct snare__stop *st, uint64_t deadline)
{
	snare_session *s = t->proc->s;
	long pause_ns = 50000;
	int status;
	pid_t tid;

	if (!deadline)
		return snare__wait_thread(t, st);
	for (;;) {
		struct timespec ts = { 0, pause_ns };

		tid = snare__waitpid(t->tid, &status, WNOHANG);
		if (tid < 0)
			return -errno;
		if (tid > 0) {
			if (snare__collect_stop(s, tid, status, st) == t)
				return 0;
			if (st->kind == STOP_EXEC)
				return snare__queue_push(s, snare__thread_find(s, tid), st) < 0
					       ? -ENOMEM : -ECHILD;
			continue;
		}
		if (now_ms() >= deadline)
			return -ETIME;
		nanosleep(&ts, NULL);
		if (pause_ns < 2000000)
			pause_ns *= 2;
	}
}

static bool
is_fault(const struct snare__stop *st)
{
	if (!st->has_si || st->si.si_code <= 0 || st->si.si_code == SI_KERNEL)
		return st->has_si && st->si.si_code == SI_KERNEL &&
		       (st->sig == SIGSEGV || st->sig == SIGBUS ||
			st->sig == SIGTRAP);
	return st->sig == SIGSEGV || st->sig == SIGBUS || st->sig == SIGILL ||
	       st->sig == SIGFPE || st->sig == SIGTRAP;
}

static void
siginfo_fill(snare_siginfo *o, const siginfo_t *si)
{
	memset(o, 0, sizeof(*o));
	o->signo = si->si_signo;
	o->code = si->si_code;
	o->errnum = si->si_errno;
	if (si->si_signo == SIGSEGV || si->si_signo == SIGBUS ||
	    si->si_signo == SIGILL || si->si_signo == SIGFPE ||
	    si->si_signo == SIGTRAP)
		o->addr = (uint64_t)(uintptr_t)si->si_addr;
	if (si->si_code <= 0) {
		o->pid = si->si_pid;
		o->uid = si->si_uid;
	}
}

/* The results of a call that returned, then the thread restored. */
static int
finish_returned(snare_call_result *out, snare_thread *t, struct snare__call *c)
{
	snare_fpregs fp;
	size_t i;
	int r;

	r = snare__regs_fetch(t);
	if (r < 0)
		return r;
	out->status = SNARE_CALL_RETURNED;
	out->rax = t->regs.rax;
	out->rdx = t->regs.rdx;
	if (snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL, &fp) == 0) {
		memcpy(out->xmm0, fp.xmm_space, 16);
		memcpy(out->xmm1, fp.xmm_space + 4, 16);
		memcpy(&out->d, out->xmm0, sizeof(out->d));
		memcpy(&out->f, out->xmm0, sizeof(out->f));
	}
	for (i = 0; i < c->nouts; i++)
		if (snare__mem_read_raw(c->outs[i].out, t->proc, c->outs[i].addr,
					c->outs[i].len) < 0)
			r = snare__err(t->proc->s, -EFAULT,
				       "call: cannot read back buffer argument at 0x%llx",
				       (unsigned long long)c->outs[i].addr);
	out->pending = 0;
	{
		int e = snare__call_restore(t, c);

		return r < 0 ? r : e;
	}
}

/* Drop the events kept during the call (the result reports them). */
static void
evq_trim(snare_session *s, size_t len)
{
	while (s->evq_len > len) {
		struct queued_event *q =
			&s->evq[(s->evq_head + s->evq_len - 1) % s->evq_cap];

		free(q->path);
		free(q->vals);
		s->evq_len--;
	}
}

/*
 * Run the call c of t to its end: returned, a breakpoint that stops, a
 * fault, the timeout, or an error.
 */
int
snare__call_run(snare_call_result *out, snare_thread *t, struct snare__call *c,
		const snare_call_opts *o)
{
	snare_session *s = t->proc->s;
	struct snare__stop st;
	bool was_in_run = s->in_run, was_stop = s->stop_requested;
	int was_mode = s->run_mode;
	size_t evq_len = s->evq_len;
	uint64_t deadline = o->timeout_ms ? now_ms() + o->timeout_ms : 0;
	int r;

	memset(out, 0, sizeof(*out));
	out->pending = 1;
	s->in_run = true;
	s->run_mode = SNARE_RUN_DEFAULT;
	s->stop_requested = false;
	r = resume_call(t);
	while (r == 0) {
		if (t->state == TS_STOPPED && !t->queued) {
			/* Held by a dispatch whose callback went on. */
			r = resume_call(t);
			continue;
		}
		r = wait_call(t, &st, deadline);
		if (r == -ETIME) {
			/* Stop it where it is: our interrupt, or any stop
			   that came first (an interrupt to come is taken
			   by the loop later). */
			snare__ptrace(PTRACE_INTERRUPT, t->tid, NULL, NULL);
			r = snare__wait_thread(t, &st);
			if (r < 0)
				break;
			if (st.kind == STOP_EXITED || st.kind == STOP_EXIT_EVENT ||
			    st.kind == STOP_EXEC) {
				snare__queue_push(s, t, &st);
				r = SNARE_EEXITED;
				break;
			}
			if (st.kind == STOP_EVENT_STOP)
				t->interrupt_pending = 0;
			else
				t->interrupt_pending = 1;
			if (st.kind == STOP_SIGNAL && !is_fault(&st))
				snare__call_hold_signal(c, st.sig);
			snare__get_pc(&out->pc, t);
			if (st.kind == STOP_BREAKPOINT)
				out->pc = st.pc;
			out->status = SNARE_CALL_TIMEOUT;
			out->pending = 0;
			r = snare__call_restore(t, c);
			goto done;
		}
		if (r == -ECHILD) {
			r = snare__err(s, SNARE_EEXITED, "call: thread %d exited", t->tid);
			break;
		}
		if (r < 0)
			break;
		switch (st.kind) {
		case STOP_SIGNAL: {
			uint64_t sp = 0, pc = 0;

			if (st.sig == SIGSEGV && st.has_si &&
			    (uint64_t)(uintptr_t)st.si.si_addr == CALL_RET &&
			    snare__regs_fetch(t) == 0) {
				pc = t->regs.rip;
				sp = t->regs.rsp;
			}
			if (pc == CALL_RET && sp == c->ret_sp) {
				r = finish_returned(out, t, c);
				goto done;
			}
			if (is_fault(&st)) {
				out->status = SNARE_CALL_SIGNAL;
				out->signo = st.sig;
				siginfo_fill(&out->siginfo, &st.si);
				snare__get_pc(&out->pc, t);
				out->pending = 0;
				r = snare__call_restore(t, c);
				goto done;
			}
			snare__call_hold_signal(c, st.sig);
			r = resume_call(t);
			continue;
		}
		case STOP_SYSCALL:
		case STOP_SECCOMP:
		case STOP_LATE_TRAP:
		case STOP_STEP:
		case STOP_VFORK_DONE:
			r = resume_call(t);
			continue;
		case STOP_EVENT_STOP:
			t->interrupt_pending = 0;
			r = resume_call(t);
			continue;
		case STOP_CLONE:
			snare__report_stop(t, &st);
			r = resume_call(t);
			continue;
		case STOP_BREAKPOINT:
		case STOP_HWBKPT:
		case STOP_WATCH:
		case STOP_SWWATCH:
		case STOP_SWREPORT:
			r = snare__queue_push(s, t, &st);
			if (r == 0)
				r = snare__dispatch_queued(s, t);
			if (r < 0)
				break;
			if (t->state == TS_DEAD || t->state == TS_EXITING) {
				r = snare__err(s, SNARE_EEXITED, "call: thread %d exited",
					       t->tid);
				break;
			}
			if (s->stop_requested) {
				const snare_event *ev = s->evq_len > evq_len
					? &s->evq[(s->evq_head + s->evq_len - 1) %
						  s->evq_cap].ev : NULL;

				if (o->flags & SNARE_CALL_THROUGH_BREAKPOINTS) {
					s->stop_requested = false;
					evq_trim(s, evq_len);
					continue;
				}
				out->status = SNARE_CALL_BREAKPOINT;
				out->event_kind = ev ? ev->kind : SNARE_EV_BREAKPOINT;
				out->bp = ev ? ev->bp : st.bp;
				out->pc = ev ? ev->pc : st.pc;
				if (o->flags & SNARE_CALL_UNWIND) {
					out->pending = 0;
					r = snare__call_restore(t, c);
				}
				goto done;
			}
			continue;
		case STOP_EXEC:
			snare__queue_push(s, t, &st);
			r = snare__err(s, -ECANCELED, "call: thread %d ran execve", t->tid);
			break;
		case STOP_EXITED:
		case STOP_EXIT_EVENT:
			snare__queue_push(s, t, &st);
			r = snare__err(s, SNARE_EEXITED, "call: thread %d exited", t->tid);
			break;
		default:
			/* A group-stop: the call cannot go on before SIGCONT. */
			snare__queue_push(s, t, &st);
			r = snare__err(s, -EINTR, "call: thread %d stopped by a signal",
				       t->tid);
			break;
		}
	}
	/* An error: give the thread back if it is still there. */
	if (t->call == c) {
		out->pending = 0;
		if (t->state == TS_STOPPED && !t->queued)
			snare__call_restore(t, c);
		else
			snare__call_drop(t, c, t->state == TS_STOPPED &&
						 st.kind != STOP_EXEC);
	}
done:
	evq_trim(s, evq_len);
	s->stop_requested = was_stop;
	s->in_run = was_in_run;
	s->run_mode = was_mode;
	return r;
}

/*
 * A signal-delivery-stop of a thread with a pending call, in snare_run():
 * the call's return is taken silently (the thread restored, true);
 * anything else is the program's (false).
 */
bool
snare__call_trap(snare_thread *t, struct snare__stop *st)
{
	struct snare__call *c = t->call;

	if (!c || st->sig != SIGSEGV || !st->has_si ||
	    (uint64_t)(uintptr_t)st->si.si_addr != CALL_RET ||
	    snare__regs_fetch(t) < 0 || t->regs.rip != CALL_RET ||
	    t->regs.rsp != c->ret_sp)
		return false;
	snare__call_restore(t, c);
	return true;
}
