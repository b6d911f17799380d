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

const struct snare__events snare__event_handlers = {
	.classify_trap = snare__bp_classify,
	.track_syscall = snare__sc_track,
	.write_debugregs = snare__bp_write_drs,
	.exec = snare__bp_exec,
	.inherit = snare__bp_inherit,
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
	.fixup_pc = snare__xol_fixup_pc,
	.unmap_scratch = snare__xol_unmap,
	.unpatch_all = snare__bp_unpatch_all,
	.free_all = snare__bp_free_all,
	.mem_view = snare__bp_mem_view,
	.mem_write = snare__bp_mem_write,
	.classify_fault = snare__sww_classify,
	.sww_step_fault = snare__sww_step_fault,
	.sww_step_done = snare__sww_step_done,
	.prot_view = snare__sww_prot,
};
