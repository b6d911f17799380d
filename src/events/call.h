/* SPDX-License-Identifier: MIT */
/*
 * call.h: the record of a call into the program and what the call files
 * share: call.c sets a call up, callsave.c saves and restores the thread
 * around it, callrun.c runs it to its end.
 */
#ifndef SNARE_EVENTS_CALL_H
#define SNARE_EVENTS_CALL_H

#include "core/internal.h"

/* The return address: in the first page, never mapped. */
#define CALL_RET 0xca11ull
#define MAX_HELD 8

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

/* callsave.c */
void snare__call_free(struct snare__call *c);
/* The FP/vector state of t into c (XSAVE area, else FXSAVE). */
int snare__call_fp_save(snare_thread *t, struct snare__call *c);
/* Write an FP state of c's layout (buf, c->fp_len bytes) into t. */
int snare__call_fp_write(snare_thread *t, const struct snare__call *c,
			 const uint8_t *buf);
/* The saved FP state with xmm0..n-1 set to the argument lanes. */
int snare__call_fp_args(snare_thread *t, const struct snare__call *c,
			uint8_t xmm[8][16], unsigned n);
void snare__call_set_regs(snare_thread *t, const snare_regs *r);
/* What the library keeps about t's stop, into c (and cleared on t). */
void snare__call_stop_save(snare_thread *t, struct snare__call *c);
/* Hold an asynchronous signal met during the call for afterwards. */
void snare__call_hold_signal(struct snare__call *c, int sig);
/* Put t back as before c and drop c (t stopped); see callsave.c. */
int snare__call_restore(snare_thread *t, struct snare__call *c);
/* Drop c without running t; with write, its state goes back. */
void snare__call_drop(snare_thread *t, struct snare__call *c, bool write);

/* callrun.c: run c of t to its end (returned, stopped, fault, timeout). */
int snare__call_run(snare_call_result *out, snare_thread *t,
		    struct snare__call *c, const snare_call_opts *o);

#endif
