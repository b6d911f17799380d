/* SPDX-License-Identifier: MIT */
/*
 * snapshot.c: save a stopped process's registers, memory layout and
 * writable memory, and put them back (include/snare.h, "Snapshots").
 *
 * Take: the general and XSAVE registers of every thread; /proc/PID/maps,
 * neighbours of one kind merged (the kernel splits and merges VMAs behind
 * our back); the contents of private writable mappings and private
 * readable anonymous ones, in bulk (process_vm_readv), as the program sees
 * them (the saved byte under each int3). Where the kernel keeps soft-dirty
 * bits, they are cleared, after a probe that one write of ours sets one.
 *
 * Restore, in an order where nothing is lost: check everything that can
 * refuse first (threads, queued stops, mappings we cannot bring back);
 * then the layout, by syscalls a stopped thread runs (munmap what
 * appeared, brk the heap back, mmap back what went, mprotect back); then
 * memory, page by page, the pages the pagemap says were written (or,
 * without soft-dirty bits, that differ), batched into process_vm_writev
 * with /proc/PID/mem for the pages it cannot write (read-only, watched),
 * and snare_mem_write() for pages under a breakpoint (the int3 stays, the
 * byte under it becomes the saved one); the soft-dirty bits are cleared
 * again; last the registers, because injected syscalls borrow them.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <unistd.h>

#include "state/snapshot.h"

#define XSAVE_MAX 16384

/* ---- helpers ---------------------------------------------------------- */

/* Every thread of p stopped by us; the usual checks on p first. */
int
snare__snap_check_proc(snare_proc *p, const char *what)
{
	snare_thread *t;

	if (!p)
		return -EINVAL;
	if (!snare__owner_ok(p->s))
		return SNARE_EWRONGTHREAD;
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(p->s, SNARE_EEXITED, "%s: process %d has exited",
				  what, p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EDETACHED,
				  "%s: process %d was detached", what, p->pid);
	for (t = p->threads; t; t = t->pnext) {
		if (t->state == TS_DEAD)
			continue;
		if (t->state != TS_STOPPED)
			return snare__err(p->s, SNARE_ERUNNING,
					  "%s: thread %d of process %d is not stopped (every thread must be: after snare_run() returned)",
					  what, t->tid, p->pid);
	}
	return 0;
}

bool
snare__snap_special(const struct snap_map *m)
{
	/* [vdso], [vvar], [vvar_vclock], [vsyscall]: the kernel's. */
	return m->path && !strncmp(m->path, "[v", 2);
}

bool
snare__snap_is_heap(const struct snap_map *m)
{
	return m->path && !strcmp(m->path, "[heap]");
}

bool
snare__snap_is_stack(const struct snap_map *m)
{
	return m->path && !strcmp(m->path, "[stack]");
}

/* Whether [start, end) is only scratch pages of the library (xol.c). */
static bool
scratch_only(const snare_proc *p, uint64_t start, uint64_t end)
{
	uint64_t a;
	size_t i;

	if (!p->nxol)
		return false;
	for (a = start; a < end; a += SNAP_PAGE) {
		for (i = 0; i < p->nxol; i++)
			if (p->xol_pages[i] == a)
				break;
		if (i == p->nxol)
			return false;
	}
	return true;
}

static bool
mergeable(const struct snap_map *a, const snare_map *b)
{
	return a->end == b->start && a->prot == b->prot &&
	       a->shared == !!b->shared && a->inode == b->inode &&
	       a->dev_major == b->dev_major && a->dev_minor == b->dev_minor &&
	       !strcmp(a->path, b->path) &&
	       (!b->inode || a->offset + (a->end - a->start) == b->offset);
}

int
snare__snap_maps(struct snap_map **out, size_t *n, snare_proc *p)
{
	snare_map *raw = NULL;
	struct snap_map *m;
	size_t nraw = 0, i, k = 0;
	int r;

	*out = NULL;
	*n = 0;
	r = snare_proc_maps(&raw, &nraw, p);
	if (r < 0)
		return r;
	m = calloc(nraw ? nraw : 1, sizeof(*m));
	if (!m) {
		snare_maps_free(raw, nraw);
		return -ENOMEM;
	}
	for (i = 0; i < nraw; i++) {
		if (scratch_only(p, raw[i].start, raw[i].end))
			continue;
		if (k && mergeable(&m[k - 1], &raw[i])) {
			m[k - 1].end = raw[i].end;
			continue;
		}
		m[k].start = raw[i].start;
		m[k].end = raw[i].end;
		m[k].offset = raw[i].offset;
		m[k].inode = raw[i].inode;
		m[k].prot = raw[i].prot;
		m[k].shared = raw[i].shared;
		m[k].dev_major = raw[i].dev_major;
		m[k].dev_minor = raw[i].dev_minor;
		m[k].path = raw[i].path;
		raw[i].path = NULL;
		k++;
	}
	snare_maps_free(raw, nraw);
	*out = m;
	*n = k;
	return 0;
}

void
snare__snap_maps_free(struct snap_map *m, size_t n)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < n; i++) {
		free(m[i].path);
		free(m[i].data);
		free(m[i].absent);
		free(m[i].zero);
	}
	free(m);
}

/* Contents worth saving: private, and writable or anonymous. */
static bool
want_data(const struct snap_map *m)
{
	if (m->shared || snare__snap_special(m) || !(m->prot & PROT_READ))
		return false;
	return (m->prot & PROT_WRITE) || m->inode == 0;
}


#define PM_PRESENT (1ull << 63)
#define PM_SWAPPED (1ull << 62)

/* A page of anonymous memory never touched: no frame, no swap. */
bool
snare__snap_pm_untouched(uint64_t ent)
{
	return !(ent & (PM_PRESENT | PM_SWAPPED));
}

int
snare__snap_read_run(snare_proc *p, const struct snap_map *m, size_t off, size_t n,
	 uint8_t *buf, uint8_t **absent)
{
	size_t pg;

	if (snare__mem_read_raw(buf, p, m->start + off, n) == 0)
		return 0;
	for (pg = 0; pg < n; pg += SNAP_PAGE) {
		if (snare__mem_read_raw(buf + pg, p, m->start + off + pg,
					SNAP_PAGE) == 0)
			continue;
		memset(buf + pg, 0, SNAP_PAGE);
		if (!absent)
			continue;
		if (!*absent) {
			*absent = calloc((m->end - m->start) / SNAP_PAGE, 1);
			if (!*absent)
				return -ENOMEM;
		}
		(*absent)[(off + pg) / SNAP_PAGE] = 1;
	}
	return 0;
}

/*
 * Read [m->start, m->end) into m->data. In anonymous memory, pages never
 * touched (the pagemap shows neither a frame nor swap) are zeros: they
 * are marked and not read, so an 8 MiB thread stack costs what it uses.
 */
static int
read_contents(snare_proc *p, struct snap_map *m, int pmfd, uint64_t *ents)
{
	size_t len = m->end - m->start, npages = len / SNAP_PAGE, at, k;
	int r;

	/* calloc: a large block comes from mmap, untouched pages cost
	   nothing here either. */
	m->data = calloc(1, len);
	if (!m->data)
		return -ENOMEM;
	if (m->inode || pmfd < 0 || !ents) {
		for (at = 0; at < len; at += CHUNK) {
			r = snare__snap_read_run(p, m, at, len - at < CHUNK ? len - at : CHUNK,
				     m->data + at, &m->absent);
			if (r < 0)
				return r;
		}
		goto view;
	}
	m->zero = calloc(npages, 1);
	if (!m->zero)
		return -ENOMEM;
	for (at = 0; at < len; at += CHUNK) {
		size_t n = (len - at < CHUNK ? len - at : CHUNK) / SNAP_PAGE, run;

		if (snare__snap_pagemap_read(pmfd, m->start + at, n, ents) < 0) {
			for (k = 0; k < n; k++)
				ents[k] = PM_PRESENT;
		}
		for (k = 0; k < n; k += run) {
			bool untouched = snare__snap_pm_untouched(ents[k]);

			for (run = 1; k + run < n &&
				      snare__snap_pm_untouched(ents[k + run]) == untouched; run++)
				;
			if (untouched) {
				memset(m->zero + at / SNAP_PAGE + k, 1, run);
				continue;
			}
			r = snare__snap_read_run(p, m, at + k * SNAP_PAGE, run * SNAP_PAGE,
				     m->data + at + k * SNAP_PAGE, &m->absent);
			if (r < 0)
				return r;
		}
	}
view:
	if (p->bps)
		p->s->ev->mem_view(p, m->start, m->data, len);
	return 0;
}

int
snare__snap_clear_refs(pid_t pid)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/snare__snap_clear_refs", pid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, "4", 1);
	if (n != 1) {
		int e = n < 0 ? -errno : -EIO;

		close(fd);
		return e;
	}
	close(fd);
	return 0;
}

int
snare__snap_pagemap_open(pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int
snare__snap_pagemap_read(int fd, uint64_t addr, size_t npages, uint64_t *out)
{
	size_t want = npages * sizeof(uint64_t), done = 0;
	off_t off = (off_t)(addr / SNAP_PAGE * sizeof(uint64_t));

	while (done < want) {
		ssize_t n = pread(fd, (char *)out + done, want - done,
				  off + (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += (size_t)n;
	}
	return 0;
}

/*
 * Do soft-dirty bits work here? Clear them, write one byte of a saved
 * writable page back as it is, and see the page's bit set. Leaves the
 * bits cleared.
 */
static bool
soft_dirty_probe(snare_proc *p, const struct snap_map *maps, size_t n)
{
	uint64_t addr = 0, ent = 0;
	uint8_t byte;
	size_t i, pg;
	bool ok = false;
	int fd;

	for (i = 0; i < n && !addr; i++) {
		if (!maps[i].data || !(maps[i].prot & PROT_WRITE))
			continue;
		for (pg = 0; pg < (maps[i].end - maps[i].start) / SNAP_PAGE; pg++)
			if (!maps[i].absent || !maps[i].absent[pg]) {
				addr = maps[i].start + pg * SNAP_PAGE;
				break;
			}
	}
	if (!addr || snare__snap_clear_refs(p->pid) < 0)
		return false;
	fd = snare__snap_pagemap_open(p->pid);
	if (fd < 0)
		return false;
	if (snare__mem_read_raw(&byte, p, addr, 1) == 0 &&
	    snare__mem_write_raw(p, addr, &byte, 1) == 0 &&
	    snare__snap_pagemap_read(fd, addr, 1, &ent) == 0)
		ok = (ent & PM_SOFT_DIRTY) != 0;
	close(fd);
	if (ok && snare__snap_clear_refs(p->pid) < 0)
		ok = false;
	return ok;
}

static int
regs_save(struct snap_thread *st, snare_thread *t)
{
	struct iovec iov;
	int r = snare__regs_fetch(t);

	if (r < 0)
		return r;
	st->tid = t->tid;
	st->regs = t->regs;
	if (t->pc_dirty)
		st->regs.rip = t->pc;
	st->xstate = malloc(XSAVE_MAX);
	if (!st->xstate)
		return -ENOMEM;
	iov.iov_base = st->xstate;
	iov.iov_len = XSAVE_MAX;
	if (snare__ptrace(PTRACE_GETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) == 0) {
		uint8_t *x = realloc(st->xstate, iov.iov_len);

		if (x)
			st->xstate = x;
		st->xlen = iov.iov_len;
		return 0;
	}
	free(st->xstate);
	st->xstate = NULL;
	if (snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL, &st->fx) < 0)
		return -errno;
	return 0;
}

/* ---- take and free ---------------------------------------------------- */

int
snare__snap_take(snare_snapshot **out, snare_proc *p, bool clear,
		 bool full_compare)
{
	snare_snapshot *snap;
	snare_thread *t;
	size_t i;
	int r, pmfd = -1;

	snap = calloc(1, sizeof(*snap));
	if (!snap)
		return -ENOMEM;
	snap->p = p;
	snap->pid = p->pid;
	snap->th = calloc(p->nthreads ? p->nthreads : 1, sizeof(*snap->th));
	if (!snap->th) {
		r = -ENOMEM;
		goto fail;
	}
	for (t = p->threads; t; t = t->pnext) {
		if (t->state == TS_DEAD)
			continue;
		if (snap->nth == p->nthreads) {
			r = snare__err(p->s, SNARE_EINTERNAL,
				       "snapshot: more live threads than counted");
			goto fail;
		}
		r = regs_save(&snap->th[snap->nth++], t);
		if (r < 0) {
			r = snare__err(p->s, r, "snapshot: registers of thread %d: %s",
				       t->tid, snare_strerror(r));
			goto fail;
		}
	}
	r = snare__snap_maps(&snap->maps, &snap->nmaps, p);
	if (r < 0)
		goto fail;
	pmfd = snare__snap_pagemap_open(p->pid);
	snap->pmbuf = malloc(CHUNK / SNAP_PAGE * sizeof(uint64_t));
	for (i = 0; i < snap->nmaps; i++) {
		if (!want_data(&snap->maps[i]))
			continue;
		r = read_contents(p, &snap->maps[i], pmfd, snap->pmbuf);
		if (r < 0)
			goto fail;
		snap->bytes += snap->maps[i].end - snap->maps[i].start;
	}
	if (pmfd >= 0)
		close(pmfd);
	pmfd = -1;
	if (clear && !full_compare) {
		snap->soft_dirty = soft_dirty_probe(p, snap->maps, snap->nmaps);
		if (snap->soft_dirty)
			snap->sd_gen = ++p->snap_gen;
	}
	*out = snap;
	return 0;
fail:
	if (pmfd >= 0)
		close(pmfd);
	snare_snapshot_free(snap);
	return r == -ENOMEM ? snare__err(p->s, r, "snapshot: out of memory") : r;
}

SNARE_EXPORT int
snare_snapshot_take(snare_snapshot **out, snare_proc *p,
		    const snare_snapshot_opts *opts)
{
	int r;

	if (!out || !p)
		return -EINVAL;
	*out = NULL;
	if (opts && opts->version != SNARE_SNAPSHOT_OPTS_VERSION)
		return snare__err(p->s, -EINVAL, "snapshot: options version %u, want %u",
				  opts->version, SNARE_SNAPSHOT_OPTS_VERSION);
	r = snare__snap_check_proc(p, "snapshot");
	if (r < 0)
		return r;
	return snare__snap_take(out, p, true, opts && opts->full_compare);
}

SNARE_EXPORT void
snare_snapshot_free(snare_snapshot *snap)
{
	size_t i;

	if (!snap)
		return;
	for (i = 0; snap->th && i < snap->nth; i++)
		free(snap->th[i].xstate);
	free(snap->th);
	free(snap->cmpbuf);
	free(snap->pmbuf);
	snare__snap_maps_free(snap->maps, snap->nmaps);
	free(snap);
}

SNARE_EXPORT snare_proc *
snare_snapshot_proc(const snare_snapshot *snap)
{
	return snap ? snap->p : NULL;
}

SNARE_EXPORT int
snare_snapshot_incremental(const snare_snapshot *snap)
{
	return snap ? snap->soft_dirty : -EINVAL;
}

SNARE_EXPORT size_t
snare_snapshot_size(const snare_snapshot *snap)
{
	return snap ? snap->bytes : 0;
}
