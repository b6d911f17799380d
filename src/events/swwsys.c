/* SPDX-License-Identifier: MIT */
/*
 * swwsys.c: syscalls over pages protected for software watches (see
 * swwatch.c at the top). A syscall whose buffers reach one of them is
 * skipped at its entry, the pages are opened at its exit stop and the
 * syscall runs again; at its end they are protected again and changed
 * watches reported, so the program never sees EFAULT. The program's own
 * mprotect, munmap, mremap and mmap(MAP_FIXED) of watched pages are
 * followed here too. The pages' bookkeeping is in swwatch.c, faults on
 * them in swwfault.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "core/internal.h"
#include "events/swwatch.h"

/*
 * Does [a, a+len) reach the target: one of our pages (tlen 0), or
 * [tlo, tlo+tlen)?
 */
static bool
range_hits(snare_proc *p, uint64_t a, uint64_t len, uint64_t tlo, uint64_t tlen)
{
	size_t i;

	if (!len || a + len < a)
		return false;
	if (tlen)
		return snare__sww_overlaps(a, len, tlo, tlen);
	for (i = 0; i < p->nswpages; i++)
		if (snare__sww_overlaps(a, len, p->swpages[i].addr, PAGE))
			return true;
	return false;
}

/* An iovec array in the tracee: does one of its buffers reach our pages? */
static bool
iov_hits(snare_proc *p, uint64_t iov, uint64_t cnt, uint64_t tlo, uint64_t tlen)
{
	struct iovec v[64];
	uint64_t i;

	if (cnt > 64)
		cnt = 64;
	if (snare_mem_read(v, p, iov, cnt * sizeof(v[0])) < 0)
		return true; /* cannot tell: open them */
	for (i = 0; i < cnt; i++)
		if (range_hits(p, (uint64_t)(uintptr_t)v[i].iov_base, v[i].iov_len,
			       tlo, tlen))
			return true;
	return false;
}

static bool
msg_hits(snare_proc *p, uint64_t msg, uint64_t tlo, uint64_t tlen)
{
	struct msghdr m;

	if (snare_mem_read(&m, p, msg, sizeof(m)) < 0)
		return true;
	return range_hits(p, (uint64_t)(uintptr_t)m.msg_name, m.msg_namelen, tlo, tlen) ||
	       range_hits(p, (uint64_t)(uintptr_t)m.msg_control, m.msg_controllen,
			  tlo, tlen) ||
	       iov_hits(p, (uint64_t)(uintptr_t)m.msg_iov, m.msg_iovlen, tlo, tlen);
}

/* Memory-management syscalls name addresses without touching the bytes. */
static bool
is_mm(long nr)
{
	switch (nr) {
	case SYS_mprotect: case SYS_pkey_mprotect: case SYS_munmap:
	case SYS_mremap: case SYS_mmap: case SYS_madvise: case SYS_mlock:
	case SYS_munlock: case SYS_mlock2: case SYS_msync: case SYS_mincore:
	case SYS_brk:
		return true;
	}
	return false;
}

/*
 * Syscalls whose only access to user memory is reading it: a page we keep
 * readable (a write watch) needs no opening for them. A futex wait on a
 * lock next to a watched variable blocks with the page still protected.
 */
static bool
reads_only(long nr, const uint64_t a[6])
{
	switch (nr) {
	case SYS_write: case SYS_pwrite64: case SYS_writev: case SYS_pwritev:
	case SYS_pwritev2: case SYS_sendto: case SYS_sendmsg: case SYS_open:
	case SYS_openat: case SYS_execve: case SYS_execveat: case SYS_access:
	case SYS_faccessat: case SYS_faccessat2: case SYS_mkdir: case SYS_mkdirat:
	case SYS_unlink: case SYS_unlinkat: case SYS_rename: case SYS_renameat:
	case SYS_renameat2: case SYS_chdir: case SYS_chmod: case SYS_fchmodat:
	case SYS_symlink: case SYS_symlinkat: case SYS_link: case SYS_linkat:
	case SYS_truncate: case SYS_bind: case SYS_connect: case SYS_rt_sigreturn:
		return true;
	case SYS_futex:
		switch (a[1] & 0x7f) {
		case 0: case 1: case 3: case 4: case 9: case 10:
			return true; /* wait, wake, requeue: no store */
		}
		return false;
	}
	return false;
}

/*
 * Could syscall nr with args reach the target (our pages when tlen is 0)?
 * Exact for the buffer calls; otherwise any argument that points within
 * 4 KiB before it (a structure) counts.
 */
static bool
sc_reaches(snare_proc *p, long nr, const uint64_t a[6], uint64_t tlo,
	   uint64_t tlen)
{
	int i;

	if (is_mm(nr))
		return false;
	switch (nr) {
	case SYS_read: case SYS_write: case SYS_pread64: case SYS_pwrite64:
	case SYS_recvfrom: case SYS_sendto: case SYS_getdents64:
	case SYS_readlink:
		return range_hits(p, a[1], a[2], tlo, tlen);
	case SYS_getrandom: case SYS_getcwd:
		return range_hits(p, a[0], a[1], tlo, tlen);
	case SYS_readv: case SYS_writev: case SYS_preadv: case SYS_pwritev:
	case SYS_preadv2: case SYS_pwritev2:
		return iov_hits(p, a[1], a[2], tlo, tlen);
	case SYS_recvmsg: case SYS_sendmsg:
		return msg_hits(p, a[1], tlo, tlen);
	default:
		break;
	}
	for (i = 0; i < 6; i++)
		if (a[i] >= PAGE && range_hits(p, a[i], PAGE, tlo, tlen))
			return true;
	return false;
}

/* The protection a syscall needs on a page: read only, or the program's. */
static int
sc_prot(const struct sww_page *pg, int mode)
{
	return mode == SC_READ ? pg->prot | (pg->orig_prot & PROT_READ)
			       : pg->orig_prot;
}

/*
 * Open our pages as far as a syscall needs (mode): the first thread in
 * a syscall does, or one that needs more than is open.
 */
static int
open_all(snare_thread *t, int mode)
{
	snare_proc *p = t->proc;
	size_t i;
	int r = 0;

	p->sww_sc_open++;
	if (mode <= p->sww_sc_mode)
		return 0;
	p->sww_sc_mode = mode;
	for (i = 0; i < p->nswpages && r == 0; i++) {
		int want = sc_prot(&p->swpages[i], mode);

		if (want == p->swpages[i].prot)
			continue;
		r = snare__sww_mprotect(t, p->swpages[i].addr, PAGE, want);
		if (r == 0)
			p->swpages[i].prot = want;
	}
	return r;
}

static void
close_all(snare_thread *t)
{
	snare_proc *p = t->proc;
	size_t i;

	if (!p->sww_sc_open || --p->sww_sc_open)
		return;
	p->sww_sc_mode = 0;
	for (i = 0; i < p->nswpages; i++)
		snare__sww_apply(t, p->swpages[i].addr, p->swpages[i].addr + PAGE, false);
}

/*
 * At a syscall entry: one that reaches our pages is skipped now, so that
 * they can be opened at its exit stop and it runs again (1); else 0.
 */
int
snare__sww_sc_enter(snare_thread *t, long nr, const uint64_t args[6])
{
	snare_proc *p = t->proc;
	size_t i;
	int r, mode;

	if (t->sww_sc == SC_REENTER) {
		t->sww_sc = SC_OPEN;
		return 0;
	}
	if (!p->nswpages || t->sww_sc || !sc_reaches(p, nr, args, 0, 0))
		return 0;
	mode = reads_only(nr, args) ? SC_READ : SC_WRITE;
	for (i = 0; i < p->nswpages; i++)
		if (sc_prot(&p->swpages[i], mode) != p->swpages[i].prot)
			break;
	if (i == p->nswpages)
		return 0; /* as open as it needs already */
	r = snare__regs_fetch(t);
	if (r < 0)
		return 0;
	t->regs.orig_rax = (uint64_t)-1;
	t->regs_dirty = true;
	t->sww_sc = SC_SKIPPED;
	t->sww_sc_nr = nr;
	t->sww_sc_mode = mode;
	return 1;
}

/* The program's mm syscall changed pages we watch: follow it. */
static void
track_mm(snare_thread *t, long nr, const uint64_t a[6], int64_t rval)
{
	snare_proc *p = t->proc;
	uint64_t lo, len;
	size_t i;

	if (rval < 0 && rval > -4096)
		return;
	switch (nr) {
	case SYS_mprotect:
	case SYS_pkey_mprotect:
		lo = a[0];
		len = a[1];
		for (i = 0; i < p->nswpages; i++) {
			struct sww_page *pg = &p->swpages[i];

			if (!snare__sww_overlaps(lo, len, pg->addr, PAGE))
				continue;
			pg->orig_prot = (int)a[2] & (PROT_READ | PROT_WRITE | PROT_EXEC);
			pg->prot = pg->orig_prot; /* what the kernel has now */
			snare__sww_apply(t, pg->addr, pg->addr + PAGE, false);
		}
		return;
	case SYS_munmap:
		lo = a[0];
		len = a[1];
		break;
	case SYS_mremap:
		lo = a[0];
		len = a[1];
		break;
	case SYS_mmap:
		if (!(a[3] & MAP_FIXED))
			return;
		lo = (uint64_t)rval;
		len = a[1];
		break;
	default:
		return;
	}
	i = 0;
	while (i < p->nswpages) {
		if (snare__sww_overlaps(lo, len, p->swpages[i].addr, PAGE)) {
			snare__sww_recent_add(p, p->swpages[i].addr);
			p->swpages[i] = p->swpages[--p->nswpages];
			continue;
		}
		i++;
	}
}

/*
 * At a syscall exit: after the skip, open the pages and run the syscall
 * again (1: this stop is ours); after the real one, protect them again and
 * queue the reports (0: the hooks go on with it).
 */
int
snare__sww_sc_exit(snare_thread *t, int64_t rval)
{
	snare_proc *p = t->proc;
	uint64_t pc = 0;
	snare_bp *bp;
	int r;

	switch (t->sww_sc) {
	case SC_SKIPPED:
		t->sww_sc = SC_NONE;
		r = open_all(t, t->sww_sc_mode);
		if (r < 0) {
			close_all(t);
			snare__log(p->s, SNARE_LOG_WARN,
				   "watchpoint: cannot open the pages for a syscall of %d: %s",
				   t->tid, snare_strerror(r));
		}
		r = snare__regs_fetch(t);
		if (r < 0)
			return 1;
		t->regs.rip -= 2;
		t->regs.rax = (uint64_t)t->sww_sc_nr;
		t->regs_dirty = true;
		t->pc_valid = t->pc_dirty = false;
		t->sww_sc = SC_REENTER;
		return 1;
	case SC_OPEN:
		t->sww_sc = SC_NONE;
		close_all(t);
		if (snare__get_pc(&pc, t) < 0)
			return 0;
		/* Reported when its bytes changed, or when the syscall
		   succeeded with a buffer over them (the same value read(2)
		   again is a write all the same). */
		for (bp = p->bps; bp; bp = bp->next)
			if (snare__sww_watch_armed(bp) && bp->enabled)
				snare__sww_report(t, bp,
					     !(rval < 0 && rval > -4096) &&
						     sc_reaches(p, t->sc_orig_nr, t->sc_args,
								bp->addr, bp->len),
					     pc, pc - 2, 0);
		return 0;
	default:
		if (t->sc_in && is_mm(t->sc_orig_nr) && p->nswpages)
			track_mm(t, t->sc_orig_nr, t->sc_args, rval);
		return 0;
	}
}

/*
 * A signal came before the syscall ran again with the pages open: close
 * them (its handler must not run with them open, and may never come back
 * to the syscall); if it does come back, the syscall is checked again.
 */
void
snare__sww_sc_abort(snare_thread *t)
{
	if (t->sww_sc != SC_REENTER)
		return;
	t->sww_sc = SC_NONE;
	close_all(t);
}

/*
 * Before a detach: a thread whose syscall we skipped (to open the pages)
 * gets it back, or the program would see it fail with ENOSYS: at its
 * entry stop, un-skipped; at its exit stop, set to run again.
 */
void
snare__sww_unskip(snare_proc *p)
{
	snare_thread *t;

	for (t = p->threads; t; t = t->pnext) {
		if (t->sww_sc != SC_SKIPPED || t->state != TS_STOPPED ||
		    snare__regs_fetch(t) < 0)
			continue;
		if (t->stop.kind == STOP_SYSCALL && t->sc_stop_exit) {
			t->regs.rip -= 2;
			t->regs.rax = (uint64_t)t->sww_sc_nr;
			t->pc_valid = t->pc_dirty = false;
		} else {
			t->regs.orig_rax = (uint64_t)t->sww_sc_nr;
		}
		t->regs_dirty = true;
		t->sww_sc = SC_NONE;
	}
}
