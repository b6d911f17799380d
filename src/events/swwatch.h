/* SPDX-License-Identifier: MIT */
/*
 * swwatch.h: what the software watchpoint files share beyond
 * core/internal.h: swwatch.c (the pages' bookkeeping), swwfault.c
 * (faults on them, reports) and swwsys.c (syscalls over them).
 */
#ifndef SNARE_EVENTS_SWWATCH_H
#define SNARE_EVENTS_SWWATCH_H

#include "core/internal.h"

#define PAGE 4096ull
#define PAGE_OF(a) ((a) & ~(PAGE - 1))

/* t->sww_sc: where a syscall over our pages is (swwsys.c). */
enum { SC_NONE, SC_SKIPPED, SC_REENTER, SC_OPEN };
enum { SC_READ = 1, SC_WRITE = 2 }; /* what a syscall does to the pages */

static inline bool
snare__sww_overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* swwatch.c */
struct sww_page *snare__sww_page_find(snare_proc *p, uint64_t page);
bool snare__sww_watch_armed(const snare_bp *bp);
/* The protection a page needs for the watches that cover it. */
int snare__sww_prot_wanted(snare_proc *p, const struct sww_page *pg);
/* A stopped thread of p that can run an injected syscall, t first. */
snare_thread *snare__sww_injector(snare_proc *p, snare_thread *t);
/* mprotect run by t in the tracee: 0 or a negative errno. */
int snare__sww_mprotect(snare_thread *t, uint64_t addr, uint64_t len,
			int prot);
/* Every tracked page of [lo, hi) gets the protection it needs now
   (orig: the program's own). */
int snare__sww_apply(snare_thread *t, uint64_t lo, uint64_t hi, bool orig);
/* Pages given back lately: a fault queued before is still ours. */
void snare__sww_recent_add(snare_proc *p, uint64_t page);
bool snare__sww_in_recent(const snare_proc *p, uint64_t page);

/* swwfault.c: queue bp's report if it fired; returns whether it did. */
bool snare__sww_report(snare_thread *t, snare_bp *bp, bool touched,
		       uint64_t pc, uint64_t insn, uint64_t access);

/* swwsys.c: before a detach, skipped syscalls are given back. */
void snare__sww_unskip(snare_proc *p);

#endif
