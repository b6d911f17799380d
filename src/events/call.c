/* SPDX-License-Identifier: MIT */
/*
 * call.c: calls into the program (snare_thread_call and friends).
 *
 * The thread's registers, its XSAVE area and what the library keeps about
 * its stop are saved in a record; the registers are set as the SysV
 * x86-64 ABI wants at the function's first instruction, with a frame below
 * the red zone whose return address is CALL_RET, an address in the first
 * page, which nothing can map (vm.mmap_min_addr): the `ret` faults there,
 * and that SIGSEGV, at that address with the stack pointer just above the
 * frame, is the call's end. Nothing is patched in the program.
 *
 * Only the thread runs, through the one wait point, as finish and next do
 * (step.c): its breakpoint stops are dispatched as in snare_run(), so
 * callbacks run and hits count; a callback that asks to stop ends the
 * call with the thread left inside the function, the record kept on the
 * thread (t->call, innermost first) until snare_call_continue() or
 * snare_call_abandon(). Syscall stops are not reported (the thread runs
 * with PTRACE_CONT); a fault ends the call; other signals are held and
 * sent again afterwards.
 *
 * Restoring: the registers and the XSAVE area go back as they were, and
 * so do the stop's record, the signal to deliver (with its siginfo: the
 * kernel's current one is our fault's) and the syscall state. The thread
 * is then at our fault's signal-delivery-stop, inside get_signal(), so a
 * syscall that was interrupted with -ERESTART* is restarted by the kernel
 * on the way out, from the restored registers, exactly as from the
 * original stop. A syscall-entry stop is the exception: its syscall has
 * not run (the call skipped it with orig_rax = -1, rule 11), so the thread
 * is walked back into a real entry stop first: a `syscall` instruction of
 * the vDSO entered with PTRACE_SYSCALL, whose entry stop gets the saved
 * registers (the number, the arguments, the return address).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"

/* The return address: in the first page, never mapped. */
#define CALL_RET 0xca11ull
#define RED_ZONE 128
#define XSTATE_MAX 16384
#define XSTATE_BV_OFFSET 512
#define FX_XMM_OFFSET 160
#define MAX_HELD 8
#define MAX_ARGS 1024

struct snare__call {
	struct snare__call *prev;    /* the call this one was made inside */
	snare_regs regs;             /* as before the call */
	uint8_t *fp;                 /* XSAVE area (or FXSAVE) */
	size_t fp_len;
	bool fp_xstate;              /* fp is NT_X86_XSTATE, else FPREGS */
	uint64_t ret_sp;             /* rsp after the function's ret */
	/* The stop, as the library knew it. */
	struct snare__stop stop;
	int status;
	int resume_sig;
	siginfo_t resume_si;
	bool resume_si_valid;
	snare_bp *at_bp;
	bool sc_in, sc_want_exit, sc_restart, sc_kin, sc_stop_exit;
	long sc_nr, sc_orig_nr;
	uint64_t sc_args[6];
	snare_hook *sc_hook;
	bool sc_entry;               /* it was a syscall-entry stop */
	int held[MAX_HELD];          /* signals to send again afterwards */
	int nheld;
	/* Buffers to copy back after the return. */
	struct {
		uint64_t addr;
		void *out;
		size_t len;
	} *outs;
	size_t nouts;
};

static int
check_thread(snare_thread *t, const char *what)
{
	snare_session *s;

	if (!t)
		return -EINVAL;
	s = t->proc->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "%s: foreign thread", what);
	if (t->state == TS_DEAD || t->state == TS_EXITING)
		return snare__err(s, SNARE_EEXITED, "%s: thread %d has exited", what, t->tid);
	if (t->state != TS_STOPPED)
		return snare__err(s, SNARE_ERUNNING, "%s: thread %d is running", what, t->tid);
	if (t->queued)
		return snare__err(s, -EBUSY,
				  "%s: thread %d has a pending event; snare_run() first",
				  what, t->tid);
	return 0;
}

static int
opts_check(snare_call_opts *o, const snare_call_opts *in, snare_session *s)
{
	snare_call_opts def = SNARE_CALL_OPTS_INIT;

	if (!in)
		in = &def;
	if (in->version != SNARE_CALL_OPTS_VERSION)
		return snare__err(s, -EINVAL, "call: unknown snare_call_opts version %u",
				  in->version);
	*o = *in;
	if (o->flags & ~(SNARE_CALL_UNWIND | SNARE_CALL_THROUGH_BREAKPOINTS))
		return snare__err(s, -EINVAL, "call: unknown flags 0x%x", o->flags);
	if (!o->max_buffer)
		o->max_buffer = 1u << 20;
	return 0;
}

static void
call_free(struct snare__call *c)
{
	if (!c)
		return;
	free(c->fp);
	free(c->outs);
	free(c);
}

/* The FP/vector state of t into c (XSAVE area, else FXSAVE). */
static int
fp_save(snare_thread *t, struct snare__call *c)
{
	struct iovec iov;

	c->fp = malloc(XSTATE_MAX);
	if (!c->fp)
		return -ENOMEM;
	iov.iov_base = c->fp;
	iov.iov_len = XSTATE_MAX;
	if (snare__ptrace(PTRACE_GETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) == 0) {
		c->fp_len = iov.iov_len;
		c->fp_xstate = true;
		return 0;
	}
	if (snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL, c->fp) < 0)
		return -errno;
	c->fp_len = sizeof(snare_fpregs);
	c->fp_xstate = false;
	return 0;
}

/* Write an FP state of c's layout (buf, c->fp_len bytes) into t. */
static int
fp_write(snare_thread *t, const struct snare__call *c, const uint8_t *buf)
{
	struct iovec iov;

	if (c->fp_xstate) {
		iov.iov_base = (void *)buf;
		iov.iov_len = c->fp_len;
		return snare__ptrace(PTRACE_SETREGSET, t->tid,
				     (void *)NT_X86_XSTATE, &iov) < 0 ? -errno : 0;
	}
	return snare__ptrace(PTRACE_SETFPREGS, t->tid, NULL, (void *)buf) < 0
		       ? -errno : 0;
}

/* The saved FP state with xmm0..n-1 set to the argument lanes. */
static int
fp_args(snare_thread *t, const struct snare__call *c, uint8_t xmm[8][16],
	unsigned n)
{
	uint8_t *buf;
	uint64_t bv;
	unsigned i;
	int r;

	if (!n)
		return 0;
	buf = malloc(c->fp_len);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, c->fp, c->fp_len);
	for (i = 0; i < n; i++)
		memcpy(buf + FX_XMM_OFFSET + 16 * i, xmm[i], 16);
	if (c->fp_xstate && c->fp_len >= XSTATE_BV_OFFSET + 8) {
		/* SSE state not in its initial state, or XRSTOR ignores
		   the legacy xmm area. */
		memcpy(&bv, buf + XSTATE_BV_OFFSET, sizeof(bv));
		bv |= 2;
		memcpy(buf + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	}
	r = fp_write(t, c, buf);
	free(buf);
	return r;
}

static void
set_regs(snare_thread *t, const snare_regs *r)
{
	t->regs = *r;
	t->regs_valid = t->regs_dirty = true;
	t->pc_valid = t->pc_dirty = false;
}

/* What the library keeps about t's stop, into c (and cleared on t). */
static void
stop_save(snare_thread *t, struct snare__call *c)
{
	c->stop = t->stop;
	c->stop.vals = NULL;
	c->status = t->status;
	c->resume_sig = t->resume_sig;
	c->resume_si = t->resume_si;
	c->resume_si_valid = t->resume_si_valid;
	c->at_bp = t->at_bp;
	c->sc_in = t->sc_in;
	c->sc_want_exit = t->sc_want_exit;
	c->sc_restart = t->sc_restart;
	c->sc_kin = t->sc_kin;
	c->sc_stop_exit = t->sc_stop_exit;
	c->sc_nr = t->sc_nr;
	c->sc_orig_nr = t->sc_orig_nr;
	memcpy(c->sc_args, t->sc_args, sizeof(c->sc_args));
	c->sc_hook = t->sc_hook;
	/* The called code runs with no syscall and no signal pending. */
	t->resume_sig = 0;
	t->resume_si_valid = false;
	t->at_bp = NULL;
	t->sc_in = t->sc_want_exit = false;
	t->sc_hook = NULL;
}

static void
stop_restore(snare_thread *t, const struct snare__call *c)
{
	t->stop = c->stop;
	t->status = c->status;
	t->resume_sig = c->resume_sig;
	t->resume_si = c->resume_si;
	t->resume_si_valid = c->resume_si_valid;
	/* The kernel's siginfo is now our fault's: the signal to deliver
	   takes its own back (resume.c sets it). */
	if (c->resume_sig && !c->resume_si_valid && c->stop.has_si &&
	    c->stop.si.si_signo == c->resume_sig) {
		t->resume_si = c->stop.si;
		t->resume_si_valid = true;
	}
	t->at_bp = c->at_bp;
	t->sc_in = c->sc_in;
	t->sc_want_exit = c->sc_want_exit;
	t->sc_restart = c->sc_restart;
	t->sc_kin = c->sc_kin;
	t->sc_stop_exit = c->sc_stop_exit;
	t->sc_nr = c->sc_nr;
	t->sc_orig_nr = c->sc_orig_nr;
	memcpy(t->sc_args, c->sc_args, sizeof(t->sc_args));
	t->sc_hook = c->sc_hook;
}

/* Hold an asynchronous signal met during the call for afterwards. */
static void
hold_signal(struct snare__call *c, int sig)
{
	int i;

	for (i = 0; i < c->nheld; i++)
		if (c->held[i] == sig && sig < SIGRTMIN)
			return; /* standard signals do not queue anyway */
	if (c->nheld < MAX_HELD)
		c->held[c->nheld++] = sig;
}

/*
 * Back into a syscall-entry stop with the saved registers (see the top):
 * a `syscall` of the vDSO entered with PTRACE_SYSCALL. Signals that come
 * first are held.
 */
static int
reenter_syscall(snare_thread *t, struct snare__call *c)
{
	struct snare__stop st;
	snare_regs r = c->regs;
	uint64_t sys;
	int i, err;

	err = snare__syscall_insn(t->proc, &sys);
	if (err < 0)
		return err;
	r.rip = sys;
	r.rax = SYS_getpid;
	r.orig_rax = (uint64_t)-1;
	set_regs(t, &r);
	for (i = 0; i < 16; i++) {
		err = snare__resume_as(t, RESUME_SYSCALL, 0);
		if (err < 0)
			return err == -ESRCH ? SNARE_EEXITED : err;
		err = snare__wait_thread(t, &st);
		if (err < 0)
			return err == -ECHILD ? SNARE_EEXITED : err;
		switch (st.kind) {
		case STOP_SYSCALL:
			set_regs(t, &c->regs);
			return 0;
		case STOP_SIGNAL:
			hold_signal(c, st.sig);
			continue;
		case STOP_EVENT_STOP:
			t->interrupt_pending = 0;
			continue;
		default:
			err = snare__queue_push(t->proc->s, t, &st);
			return err < 0 ? err : -ECANCELED;
		}
	}
	return snare__err(t->proc->s, -EAGAIN,
			  "call: thread %d does not re-enter its syscall", t->tid);
}

/*
 * Put t back as before the call c (its registers, FP state, stop) and
 * drop c from t. The thread must be stopped.
 */
static int
restore(snare_thread *t, struct snare__call *c)
{
	int err = 0, e, i;

	if (c->sc_entry)
		err = reenter_syscall(t, c);
	else
		set_regs(t, &c->regs);
	e = fp_write(t, c, c->fp);
	if (e < 0 && !err)
		err = e;
	stop_restore(t, c);
	t->call = c->prev;
	for (i = 0; i < c->nheld; i++)
		syscall(SYS_tgkill, t->proc->pid, t->tid, c->held[i]);
	call_free(c);
	return err;
}

/*
 * Drop c (t's innermost call) without running t: with write, its
 * registers and FP state go back, a syscall-entry stop's syscall set to
 * run again from its instruction (detach, or a stop queued meanwhile).
 */
static void
drop(snare_thread *t, struct snare__call *c, bool write)
{
	if (write) {
		snare_regs r = c->regs;

		if (c->sc_entry) {
			r.rax = r.orig_rax;
			r.rip -= 2;
			r.orig_rax = (uint64_t)-1;
		}
		set_regs(t, &r);
		fp_write(t, c, c->fp);
		stop_restore(t, c);
	}
	t->call = c->prev;
	call_free(c);
}

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
		int e = restore(t, c);

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
static int
run_call(snare_call_result *out, snare_thread *t, struct snare__call *c,
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
				hold_signal(c, st.sig);
			snare__get_pc(&out->pc, t);
			if (st.kind == STOP_BREAKPOINT)
				out->pc = st.pc;
			out->status = SNARE_CALL_TIMEOUT;
			out->pending = 0;
			r = restore(t, c);
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
				r = restore(t, c);
				goto done;
			}
			hold_signal(c, st.sig);
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
					r = restore(t, c);
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
			restore(t, c);
		else
			drop(t, c, t->state == TS_STOPPED && st.kind != STOP_EXEC);
	}
done:
	evq_trim(s, evq_len);
	s->stop_requested = was_stop;
	s->in_run = was_in_run;
	s->run_mode = was_mode;
	return r;
}

SNARE_EXPORT int
snare_thread_call(snare_call_result *out, snare_thread *t, uint64_t fn,
		  const snare_call_arg *args, size_t nargs,
		  const snare_call_opts *opts)
{
	static const int ireg_off[6] = {
		offsetof(snare_regs, rdi), offsetof(snare_regs, rsi),
		offsetof(snare_regs, rdx), offsetof(snare_regs, rcx),
		offsetof(snare_regs, r8), offsetof(snare_regs, r9),
	};
	snare_session *s;
	struct snare__call *c = NULL;
	snare_call_opts o;
	snare_regs regs;
	uint8_t xmm[8][16];
	uint64_t *stack = NULL, sp, val;
	unsigned nint = 0, nvec = 0;
	size_t i, nstack = 0, total = 0;
	uint8_t probe;
	int r;

	if (!out || !t || (nargs && !args))
		return t ? snare__err(t->proc->s, -EINVAL, "call: NULL argument")
			 : -EINVAL;
	s = t->proc->s;
	r = check_thread(t, "call");
	if (r < 0)
		return r;
	r = opts_check(&o, opts, s);
	if (r < 0)
		return r;
	if (nargs > MAX_ARGS)
		return snare__err(s, -EINVAL, "call: %zu arguments (at most %d)", nargs,
				  MAX_ARGS);
	if (t->group_stop || t->exiting_stop || t->vfork_wait)
		return snare__err(s, -EBUSY, "call: thread %d is in a group-stop or exiting",
				  t->tid);
	switch (t->stop.kind) {
	case STOP_SYSCALL: case STOP_SIGNAL: case STOP_BREAKPOINT:
	case STOP_HWBKPT: case STOP_WATCH: case STOP_STEP:
	case STOP_EVENT_STOP: case STOP_LATE_TRAP: case STOP_SWREPORT:
		break;
	default:
		return snare__err(s, -EBUSY,
				  "call: thread %d is at a stop a call cannot start from (kind %d)",
				  t->tid, t->stop.kind);
	}
	if (t->sww_sc || t->nsww_open)
		return snare__err(s, -EBUSY,
				  "call: thread %d is in a syscall on watched pages", t->tid);
	for (i = 0; i < nargs; i++) {
		if (args[i].kind < SNARE_ARG_INT || args[i].kind > SNARE_ARG_BUFFER)
			return snare__err(s, -EINVAL, "call: argument %zu: unknown kind %d",
					  i, args[i].kind);
		if (args[i].kind == SNARE_ARG_BUFFER) {
			if (args[i].len > o.max_buffer ||
			    (total += (args[i].len + 15) & ~(size_t)15) > o.max_buffer)
				return snare__err(s, -EINVAL,
						  "call: buffer arguments over %zu bytes",
						  o.max_buffer);
		}
	}
	if (snare__mem_read_raw(&probe, t->proc, CALL_RET, 1) == 0)
		return snare__err(s, -ENOTSUP,
				  "call: the return page 0x%llx is mapped in process %d",
				  CALL_RET, t->proc->pid);
	r = snare__regs_fetch(t);
	if (r < 0)
		return r;
	if (t->pc_dirty)
		t->regs.rip = t->pc; /* a breakpoint's rewind */
	c = calloc(1, sizeof(*c));
	stack = calloc(nargs + 1, sizeof(*stack));
	if (!c || !stack || (nargs && !(c->outs = calloc(nargs, sizeof(*c->outs))))) {
		r = -ENOMEM;
		goto fail;
	}
	c->regs = t->regs;
	c->sc_entry = t->stop.kind == STOP_SYSCALL && !t->sc_stop_exit;
	r = fp_save(t, c);
	if (r < 0) {
		r = snare__err(s, r, "call: cannot read the FP state of thread %d", t->tid);
		goto fail;
	}

	/* The frame: buffers, then stack arguments, below the red zone. */
	regs = c->regs;
	sp = regs.rsp - RED_ZONE;
	memset(xmm, 0, sizeof(xmm));
	for (i = 0; i < nargs; i++) {
		const snare_call_arg *a = &args[i];

		switch (a->kind) {
		case SNARE_ARG_DOUBLE:
		case SNARE_ARG_FLOAT:
			if (nvec < 8) {
				if (a->kind == SNARE_ARG_DOUBLE)
					memcpy(xmm[nvec], &a->d, sizeof(a->d));
				else
					memcpy(xmm[nvec], &a->f, sizeof(a->f));
				nvec++;
			} else {
				val = 0;
				if (a->kind == SNARE_ARG_DOUBLE)
					memcpy(&val, &a->d, sizeof(a->d));
				else
					memcpy(&val, &a->f, sizeof(a->f));
				stack[nstack++] = val;
			}
			continue;
		case SNARE_ARG_BUFFER:
			sp = (sp - a->len) & ~(uint64_t)15;
			if (a->len) {
				uint8_t *zero = NULL;
				const void *src = a->data;

				if (!src)
					src = zero = calloc(1, a->len);
				r = src ? snare__mem_write_raw(t->proc, sp, src, a->len)
					: -ENOMEM;
				free(zero);
				if (r < 0) {
					r = snare__err(s, -EFAULT,
						       "call: cannot write argument %zu at 0x%llx",
						       i, (unsigned long long)sp);
					goto fail;
				}
			}
			if (a->out) {
				c->outs[c->nouts].addr = sp;
				c->outs[c->nouts].out = a->out;
				c->outs[c->nouts].len = a->len;
				c->nouts++;
			}
			val = sp;
			break;
		default:
			val = a->i;
			break;
		}
		if (nint < 6)
			memcpy((char *)&regs + ireg_off[nint++], &val, sizeof(val));
		else
			stack[nstack++] = val;
	}
	/* 16-byte aligned where the stack arguments start, the return
	   address under them. */
	sp = (sp - nstack * 8) & ~(uint64_t)15;
	if (nstack && snare__mem_write_raw(t->proc, sp, stack, nstack * 8) < 0) {
		r = snare__err(s, -EFAULT, "call: cannot write the stack at 0x%llx",
			       (unsigned long long)sp);
		goto fail;
	}
	sp -= 8;
	val = CALL_RET;
	if (snare__mem_write_raw(t->proc, sp, &val, sizeof(val)) < 0) {
		r = snare__err(s, -EFAULT, "call: cannot write the stack at 0x%llx",
			       (unsigned long long)sp);
		goto fail;
	}
	c->ret_sp = sp + 8;
	regs.rsp = sp;
	regs.rip = fn;
	regs.rax = nvec;               /* al: vector registers used */
	regs.orig_rax = (uint64_t)-1;  /* no syscall restart (rule 11) */
	regs.eflags &= ~(1ull << 10);  /* DF clear at the call */
	r = fp_args(t, c, xmm, nvec);
	if (r < 0) {
		r = snare__err(s, r, "call: cannot set the FP registers of thread %d", t->tid);
		fp_write(t, c, c->fp);
		goto fail;
	}
	free(stack);
	stop_save(t, c);
	set_regs(t, &regs);
	c->prev = t->call;
	t->call = c;
	return run_call(out, t, c, &o);
fail:
	free(stack);
	call_free(c);
	return r;
}

SNARE_EXPORT int
snare_thread_call_at(snare_call_result *out, snare_thread *t,
		     const char *location, const snare_call_arg *args,
		     size_t nargs, const snare_call_opts *opts)
{
	snare_symtab *st;
	uint64_t fn;
	int r;

	if (!t || !location)
		return t ? snare__err(t->proc->s, -EINVAL, "call: NULL location")
			 : -EINVAL;
	r = check_thread(t, "call");
	if (r < 0)
		return r;
	st = snare_proc_symtab(t->proc);
	if (!st)
		return snare__err(t->proc->s, -ENOMEM, "call: no symbol table for process %d",
				  t->proc->pid);
	r = snare_symtab_resolve(&fn, st, location);
	if (r < 0)
		return snare__err(t->proc->s, r, "call: %s", snare_symtab_errmsg(st));
	return snare_thread_call(out, t, fn, args, nargs, opts);
}

SNARE_EXPORT int
snare_call_continue(snare_call_result *out, snare_thread *t,
		    const snare_call_opts *opts)
{
	snare_call_opts o;
	int r;

	if (!out)
		return t ? snare__err(t->proc->s, -EINVAL, "call: NULL result") : -EINVAL;
	r = check_thread(t, "call_continue");
	if (r < 0)
		return r;
	if (!t->call)
		return snare__err(t->proc->s, -ENOENT, "call_continue: thread %d has no pending call",
				  t->tid);
	r = opts_check(&o, opts, t->proc->s);
	if (r < 0)
		return r;
	return run_call(out, t, t->call, &o);
}

SNARE_EXPORT int
snare_call_abandon(snare_thread *t)
{
	int r = check_thread(t, "call_abandon");

	if (r < 0)
		return r;
	if (!t->call)
		return snare__err(t->proc->s, -ENOENT, "call_abandon: thread %d has no pending call",
				  t->tid);
	return restore(t, t->call);
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
	restore(t, c);
	return true;
}

/*
 * Detach: pending calls are abandoned, with no run of the thread: a
 * syscall-entry stop's syscall is set to run again from its instruction.
 */
void
snare__call_fixup(snare_thread *t)
{
	while (t->call)
		drop(t, t->call, t->state == TS_STOPPED);
}

/* The thread is no longer traced: its records go. */
void
snare__call_gone(snare_thread *t)
{
	while (t->call) {
		struct snare__call *c = t->call;

		t->call = c->prev;
		call_free(c);
	}
}
