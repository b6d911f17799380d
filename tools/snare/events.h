/* SPDX-License-Identifier: MIT */
/*
 * events.h: what the files of `snare trace`'s event handling share among
 * themselves (trace.h has what the rest of the CLI uses): tstate.c (the
 * per-thread state, line leaders and ends), syscalls.c (syscall lines),
 * inject.c (-e inject=), events.c (signals, deaths, execs).
 */
#ifndef SNARE_TOOL_EVENTS_H
#define SNARE_TOOL_EVENTS_H

#include "trace.h"

/* tstate.c */
/* The state of thread t, made (visible or not) on its first use. */
struct tstate *tstate_of(snare_thread *t, bool visible);
/* The thread is gone (a death, a detach): its state is freed. */
void tstate_drop(struct tstate *ts);
/* -Y: read the thread's command again. */
void comm_load(struct tstate *ts);
/* Start a line of ts (the open line of its stream, if another's, is
   closed " <unfinished ...>"); nr for -n. */
void print_leader(struct tstate *ts, long nr);
void end_line(struct tstate *ts);
/* End ts's open line with how (" <detached ...>"). */
void close_open_line(struct tstate *o, const char *how);

/* syscalls.c */
/* The format options for syscall nr (-e raw=, abbrev=, verbose=). */
const snare_format_opts *fmt_for(long nr);
/* End the call ts is in, which never returns to us: how is "" or the
   restart code of an interrupted call. */
void finish_syscall(struct tstate *ts, const char *how);
void syscall_text_free(void);

/* inject.c */
/* The inject rule that fires for this call of nr, or -1. */
int inject_match(struct tstate *ts, long nr);
/* poke_enter= (at_exit false) or poke_exit= of rule ir. */
void inject_pokes(struct tstate *ts, const struct inject_rule *ir,
		  bool at_exit);
/* delay_enter= (k 0) or delay_exit= (k 1) of rule ir. */
void inject_delay(const struct inject_rule *ir, int k);

#endif /* SNARE_TOOL_EVENTS_H */
