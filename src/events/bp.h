/* SPDX-License-Identifier: MIT */
/*
 * bp.h: what the breakpoint files (bp.c, bphit.c, bplife.c, bpmem.c)
 * share beyond core/internal.h. All of it is defined in bp.c.
 */
#ifndef SNARE_EVENTS_BP_H
#define SNARE_EVENTS_BP_H

#include "core/internal.h"

/* Put bp's saved byte back, whoever else wants the int3 (detach, free). */
int snare__bp_unpatch_raw(snare_bp *bp);
/* A watch's kept value and its event's old/new pair: allocate, free. */
int snare__bp_watch_vals(snare_bp *bp);
void snare__bp_free_vals(snare_bp *bp);
/* The record goes to the session's garbage, with what it points to. */
void snare__bp_discard(snare_bp *bp);

#endif
