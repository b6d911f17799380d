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
 *
 * This file checks a call's request and sets it up: the arguments in
 * registers, buffers and stack as the ABI wants, the frame and the return
 * address. Saving and restoring the thread is in callsave.c, running the
 * call to its end and its result in callrun.c; events/call.h declares
 * what the three share.
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
#include "events/call.h"

#define RED_ZONE 128
#define MAX_ARGS 1024

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
	r = snare__call_fp_save(t, c);
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
	r = snare__call_fp_args(t, c, xmm, nvec);
	if (r < 0) {
		r = snare__err(s, r, "call: cannot set the FP registers of thread %d", t->tid);
		snare__call_fp_write(t, c, c->fp);
		goto fail;
	}
	free(stack);
	snare__call_stop_save(t, c);
	snare__call_set_regs(t, &regs);
	c->prev = t->call;
	t->call = c;
	return snare__call_run(out, t, c, &o);
fail:
	free(stack);
	snare__call_free(c);
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
	return snare__call_run(out, t, t->call, &o);
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
	return snare__call_restore(t, t->call);
}
