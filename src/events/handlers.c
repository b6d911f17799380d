/* SPDX-License-Identifier: MIT */
/*
 * handlers.c: what the events layer offers the stop pipeline. The core
 * (src/core/) never calls a feature by name: it asks this table, which a
 * session takes when it is made (docs/design.md, "The handler interface").
 * Collection-time handlers do the bookkeeping of a stop; dispatch handlers
 * are indexed by stop kind and answer with one action; the rest serve
 * resumes, spawn and teardown.
 */
#include "core/internal.h"

static int
syscall_stop(snare_thread *t, struct snare__stop *st)
{
	return snare__syscall_stop(t, st->kind);
}

/* An exec: pending returns die with the old image, then breakpoints. */
static void
exec_image(snare_proc *p)
{
	snare__retbp_exec(p);
	snare__bp_exec(p);
}

/* A fork child: the parent's breakpoints, and its library watchers. */
static int
inherit(snare_proc *child, snare_proc *parent)
{
	int r = snare__bp_inherit(child, parent);

	if (r == 0)
		r = snare__libwatch_inherit(child, parent);
	return r;
}

static void
free_all(snare_proc *p)
{
	snare__retbp_free(p);
	snare__libwatch_free(p);
	snare__bp_free_all(p);
}

/* Teardown: calls in progress are abandoned, then out-of-line copies. */
static void
fixup_pc(snare_thread *t)
{
	snare__call_fixup(t);
	snare__xol_fixup_pc(t);
}

static void
thread_gone(snare_thread *t)
{
	snare__call_gone(t);
	snare__retbp_thread_gone(t);
}

const struct snare__events snare__event_handlers = {
	.classify_trap = snare__bp_classify,
	.track_syscall = snare__sc_track,
	.write_debugregs = snare__bp_write_drs,
	.exec = exec_image,
	.inherit = inherit,
	.stop = {
		[STOP_SYSCALL] = syscall_stop,
		[STOP_SECCOMP] = syscall_stop,
		[STOP_SIGNAL] = snare__signal_stop,
		[STOP_BREAKPOINT] = snare__bp_stop,
		[STOP_HWBKPT] = snare__bp_stop,
		[STOP_WATCH] = snare__bp_stop,
		[STOP_SWWATCH] = snare__sww_stop,
		[STOP_SWREPORT] = snare__bp_stop,
	},
	.signal_filter = snare__signal_filter,
	.step_over = snare__bp_step_over,
	.wants_syscall = snare__proc_wants_syscall,
	.syscall_info = snare__syscall_info,
	.seccomp_build = snare__seccomp_build,
	.fixup_pc = fixup_pc,
	.unmap_scratch = snare__xol_unmap,
	.unpatch_all = snare__bp_unpatch_all,
	.free_all = free_all,
	.thread_gone = thread_gone,
	.mem_view = snare__bp_mem_view,
	.mem_write = snare__bp_mem_write,
	.classify_fault = snare__sww_classify,
	.sww_step_fault = snare__sww_step_fault,
	.sww_step_done = snare__sww_step_done,
	.prot_view = snare__sww_prot,
};
