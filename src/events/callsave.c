/* SPDX-License-Identifier: MIT */
/*
 * callsave.c: the thread's state around a call into the program (see
 * call.c at the top): its registers, its FP/vector state (the XSAVE area,
 * else FXSAVE) and what the library keeps about its stop are saved in the
 * call's record before the call and put back after it, the thread walked
 * back into a syscall-entry stop when the call started from one. Signals
 * met during the call are held here and sent again afterwards. Setting up
 * the call is in call.c, running it in callrun.c.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/internal.h"
#include "events/call.h"

#define XSTATE_MAX 16384
#define XSTATE_BV_OFFSET 512
#define FX_XMM_OFFSET 160

void
snare__call_free(struct snare__call *c)
{
	if (!c)
		return;
	free(c->fp);
	free(c->outs);
	free(c);
}

/* The FP/vector state of t into c (XSAVE area, else FXSAVE). */
int
snare__call_fp_save(snare_thread *t, struct snare__call *c)
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
int
snare__call_fp_write(snare_thread *t, const struct snare__call *c,
		     const uint8_t *buf)
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
int
snare__call_fp_args(snare_thread *t, const struct snare__call *c,
		    uint8_t xmm[8][16], unsigned n)
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
	r = snare__call_fp_write(t, c, buf);
	free(buf);
	return r;
}

void
snare__call_set_regs(snare_thread *t, const snare_regs *r)
{
	t->regs = *r;
	t->regs_valid = t->regs_dirty = true;
	t->pc_valid = t->pc_dirty = false;
}

/* What the library keeps about t's stop, into c (and cleared on t). */
void
snare__call_stop_save(snare_thread *t, struct snare__call *c)
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
void
snare__call_hold_signal(struct snare__call *c, int sig)
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
	snare__call_set_regs(t, &r);
	for (i = 0; i < 16; i++) {
		err = snare__resume_as(t, RESUME_SYSCALL, 0);
		if (err < 0)
			return err == -ESRCH ? SNARE_EEXITED : err;
		err = snare__wait_thread(t, &st);
		if (err < 0)
			return err == -ECHILD ? SNARE_EEXITED : err;
		switch (st.kind) {
		case STOP_SYSCALL:
			snare__call_set_regs(t, &c->regs);
			return 0;
		case STOP_SIGNAL:
			snare__call_hold_signal(c, st.sig);
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
int
snare__call_restore(snare_thread *t, struct snare__call *c)
{
	int err = 0, e, i;

	if (c->sc_entry)
		err = reenter_syscall(t, c);
	else
		snare__call_set_regs(t, &c->regs);
	e = snare__call_fp_write(t, c, c->fp);
	if (e < 0 && !err)
		err = e;
	stop_restore(t, c);
	t->call = c->prev;
	for (i = 0; i < c->nheld; i++)
		syscall(SYS_tgkill, t->proc->pid, t->tid, c->held[i]);
	snare__call_free(c);
	return err;
}

/*
 * Drop c (t's innermost call) without running t: with write, its
 * registers and FP state go back, a syscall-entry stop's syscall set to
 * run again from its instruction (detach, or a stop queued meanwhile).
 */
void
snare__call_drop(snare_thread *t, struct snare__call *c, bool write)
{
	if (write) {
		snare_regs r = c->regs;

		if (c->sc_entry) {
			r.rax = r.orig_rax;
			r.rip -= 2;
			r.orig_rax = (uint64_t)-1;
		}
		snare__call_set_regs(t, &r);
		snare__call_fp_write(t, c, c->fp);
		stop_restore(t, c);
	}
	t->call = c->prev;
	snare__call_free(c);
}

/*
 * Detach: pending calls are abandoned, with no run of the thread: a
 * syscall-entry stop's syscall is set to run again from its instruction.
 */
void
snare__call_fixup(snare_thread *t)
{
	while (t->call)
		snare__call_drop(t, t->call, t->state == TS_STOPPED);
}

/* The thread is no longer traced: its records go. */
void
snare__call_gone(snare_thread *t)
{
	while (t->call) {
		struct snare__call *c = t->call;

		t->call = c->prev;
		snare__call_free(c);
	}
}
