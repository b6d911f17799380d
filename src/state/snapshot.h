/* SPDX-License-Identifier: MIT */
/*
 * snapshot.h: what snapshot.c (take), snaprestore.c (restore) and
 * snapdiff.c (diff) share.
 */
#ifndef SNARE_STATE_SNAPSHOT_H
#define SNARE_STATE_SNAPSHOT_H

#include "core/internal.h"

#define SNAP_PAGE 4096ul
#define CHUNK (4ul << 20)       /* bytes compared or scanned at a time */
#define PM_SOFT_DIRTY (1ull << 55)

struct snap_thread {
	pid_t tid;
	snare_regs regs;
	uint8_t *xstate;        /* NT_X86_XSTATE area, or NULL */
	size_t xlen;
	snare_fpregs fx;        /* without XSAVE: the FXSAVE area */
};

/* One mapping, neighbours of the same kind merged (snap_maps()). */
struct snap_map {
	uint64_t start, end, offset, inode;
	int prot;
	bool shared;
	unsigned dev_major, dev_minor;
	char *path;
	uint8_t *data;          /* saved contents (end - start bytes), or NULL */
	uint8_t *absent;        /* per page: 1 when it could not be read */
	uint8_t *zero;          /* anonymous: per page, 1 when it was never
				   touched (no page, no swap: zeros) */
};

struct snare_snapshot {
	snare_proc *p;
	pid_t pid;
	struct snap_thread *th;
	size_t nth;
	struct snap_map *maps;
	size_t nmaps;
	size_t bytes;           /* contents saved */
	bool soft_dirty;        /* restore may use the soft-dirty bits */
	unsigned sd_gen;        /* p->snap_gen when this one cleared them */
	uint8_t *cmpbuf;        /* restore's buffer for the live contents */
	size_t cmplen;
	uint64_t *pmbuf;        /* buffer for pagemap entries (CHUNK's worth) */
};

/* Take into a new snapshot; clear: clear soft-dirty bits (a real take). */
int snare__snap_take(snare_snapshot **out, snare_proc *p, bool clear,
		     bool full_compare);
/* The process's maps as a snapshot sees them, sorted and merged. */
int snare__snap_maps(struct snap_map **out, size_t *n, snare_proc *p);
void snare__snap_maps_free(struct snap_map *m, size_t n);
/* Special mappings a snapshot never saves nor changes. */
bool snare__snap_special(const struct snap_map *m);
bool snare__snap_is_heap(const struct snap_map *m);
bool snare__snap_is_stack(const struct snap_map *m);
/* Every thread of p stopped by us; the usual checks on p first. */
int snare__snap_check_proc(snare_proc *p, const char *what);

/* Soft-dirty bits: clear them all (0 or -errno); the pagemap's fd (or
   -errno), npages entries from addr on (0 or -errno); an anonymous page
   never touched (no frame, no swap). */
int snare__snap_clear_refs(pid_t pid);
int snare__snap_pagemap_open(pid_t pid);
int snare__snap_pagemap_read(int fd, uint64_t addr, size_t npages,
			     uint64_t *out);
bool snare__snap_pm_untouched(uint64_t ent);
/* Read n bytes at offset off of m into buf, page by page where bulk fails;
   pages read nowhere are zeroed and marked absent when absent is set. */
int snare__snap_read_run(snare_proc *p, const struct snap_map *m, size_t off,
			 size_t n, uint8_t *buf, uint8_t **absent);

#endif
