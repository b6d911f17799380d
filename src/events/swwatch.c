/* SPDX-License-Identifier: MIT */
/*
 * swwatch.c: watchpoints by page protection, for machines whose debug
 * registers never fire, ranges they cannot cover, and when all four are
 * taken (docs/design.md, "Software watchpoints").
 *
 * The pages of a watched range lose write access (WATCH_WRITE) or all
 * access (WATCH_RW) with an mprotect run by a stopped thread of the
 * tracee. An access faults: the SIGSEGV (SEGV_ACCERR on one of our pages)
 * is told apart at collection (STOP_SWWATCH) and never delivered. Its
 * thread then runs the one instruction with the page open while every
 * other thread of the process is held (no access can slip through), and
 * the page is protected again. A watch fired when its bytes changed or the
 * access touched them; the report is queued (STOP_SWREPORT) so that it
 * comes through the loop like any stop, with old and new value.
 *
 * Syscalls never see EFAULT: at the entry of one whose buffers reach a
 * protected page the syscall is skipped, the pages are opened at its exit
 * stop, and the program's syscall instruction runs again; at its exit the
 * pages are protected again and changed watches are reported. Other
 * threads run meanwhile (the syscall may block on them), so an access of
 * theirs during that syscall is seen only as part of its change.
 *
 * The program's own mprotect() of a watched page is followed (its wish
 * becomes the page's protection under ours); munmap(), mremap() and
 * mmap(MAP_FIXED) end the watch on the pages they replace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/socket.h>

#include "core/internal.h"

#define PAGE 4096ull
#define PAGE_OF(a) ((a) & ~(PAGE - 1))
#define SWW_MAX_LEN (16ul << 20)

enum { SC_NONE, SC_SKIPPED, SC_REENTER, SC_OPEN };
enum { SC_READ = 1, SC_WRITE = 2 }; /* what a syscall does to the pages */

static struct sww_page *
page_find(snare_proc *p, uint64_t page)
{
	size_t i;

	for (i = 0; i < p->nswpages; i++)
		if (p->swpages[i].addr == page)
			return &p->swpages[i];
	return NULL;
}

/* The program's protection of addr's page (ours may be stricter). */
int
snare__sww_prot(snare_proc *p, uint64_t addr, int prot)
{
	struct sww_page *pg = page_find(p, PAGE_OF(addr));

	return pg ? pg->orig_prot : prot;
}

static bool
watch_armed(const snare_bp *bp)
{
	return bp->sw && bp->inserted && !bp->removed;
}

/* The protection a page needs for the watches that cover it. */
static int
prot_wanted(snare_proc *p, const struct sww_page *pg)
{
	int prot = pg->orig_prot;
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next) {
		if (!watch_armed(bp) || bp->addr >= pg->addr + PAGE ||
		    bp->addr + bp->len <= pg->addr)
			continue;
		if (bp->kind == SNARE_WATCH_RW)
			return PROT_NONE;
		prot &= ~PROT_WRITE;
	}
	return prot;
}

/* A stopped thread of p that can run an injected syscall, t first. */
static snare_thread *
injector(snare_proc *p, snare_thread *t)
{
	snare_thread *o;

	if (t && snare__injectable(t, true))
		return t;
	for (o = p->threads; o; o = o->pnext)
		if (snare__injectable(o, false))
			return o;
	for (o = p->threads; o; o = o->pnext)
		if (snare__injectable(o, true))
			return o;
	return NULL;
}

static int
mprotect_in(snare_thread *t, uint64_t addr, uint64_t len, int prot)
{
	uint64_t args[6] = { addr, len, (uint64_t)prot, 0, 0, 0 }, ret;
	bool busy = t->sww_busy;
	int r;

	t->sww_busy = true;
	r = snare__inject_syscall(t, SYS_mprotect, args, &ret);
	t->sww_busy = busy;
	if (r < 0)
		return r;
	return (int64_t)ret < 0 ? (int)(int64_t)ret : 0;
}

/*
 * Give every page of [lo, hi) that we track the protection it needs now
 * (all: the program's own, for a detach), one mprotect per run of
 * neighbouring pages that want the same.
 */
static int
apply(snare_thread *t, uint64_t lo, uint64_t hi, bool orig)
{
	snare_proc *p = t->proc;
	uint64_t a, run = 0;
	int run_prot = -1, r = 0, e;

	for (a = PAGE_OF(lo); a < hi + PAGE; a += PAGE) {
		struct sww_page *pg = a < hi ? page_find(p, a) : NULL;
		int want = -1;

		if (pg) {
			want = orig ? pg->orig_prot : prot_wanted(p, pg);
			if (want == pg->prot && !orig)
				want = -1;
		}
		if (want != run_prot || a >= hi) {
			if (run_prot >= 0) {
				e = mprotect_in(t, run, a - run, run_prot);
				if (e < 0 && !r)
					r = e;
			}
			run = a;
			run_prot = want;
		}
		if (pg && want >= 0)
			pg->prot = want;
	}
	return r;
}

static void
recent_add(snare_proc *p, uint64_t page)
{
	p->sww_recent[p->nsww_recent++ % 16] = page;
}

static bool
in_recent(const snare_proc *p, uint64_t page)
{
	unsigned i;

	for (i = 0; i < 16 && i < p->nsww_recent; i++)
		if (p->sww_recent[i] == page)
			return true;
	return false;
}

/* Drop the pages no watch covers any more (their protection is back). */
static void
drop_unwatched(snare_proc *p)
{
	size_t i = 0;

	while (i < p->nswpages) {
		struct sww_page *pg = &p->swpages[i];

		if (pg->prot == pg->orig_prot && prot_wanted(p, pg) == pg->orig_prot) {
			recent_add(p, pg->addr);
			*pg = p->swpages[--p->nswpages];
			continue;
		}
		i++;
	}
}

/*
 * Threads of p other than t that run: stop them until t is done. Those
 * stopped already are marked, so that the release resumes the others,
 * threads born meanwhile (whose first stop the all-stop took) included.
 */
static int
hold_others(snare_thread *t)
{
	snare_proc *p = t->proc;
	snare_thread *o;
	bool any = false;

	for (o = p->threads; o; o = o->pnext) {
		o->sww_held = o != t && o->state != TS_STOPPED && !o->vfork_wait &&
			      o->state != TS_DEAD;
		o->sww_seen = true;
		any |= o->sww_held;
	}
	p->sww_holding = any;
	return any ? snare__stop_proc(p) : 0;
}

static void
release_others(snare_proc *p, snare_thread *t)
{
	snare_thread *o;

	if (!p->sww_holding)
		return;
	p->sww_holding = false;
	for (o = p->threads; o; o = o->pnext) {
		if (o == t || o->state != TS_STOPPED)
			continue;
		/* Held by us, or new: its first stop went to the all-stop. */
		if (o->sww_held || !o->sww_seen)
			snare__resume(o);
		o->sww_held = false;
	}
	for (o = p->threads; o; o = o->pnext)
		o->sww_seen = true;
	if (p->state == SNARE_PROC_STOPPED)
		p->state = SNARE_PROC_RUNNING;
}

int
snare__sww_arm(snare_bp *bp)
{
	snare_proc *p = bp->p;
	snare_map *maps;
	snare_thread *t;
	size_t n, i;
	uint64_t a, lo = PAGE_OF(bp->addr), hi = PAGE_OF(bp->addr + bp->len - 1) + PAGE;
	int r;

	if (bp->len > SWW_MAX_LEN)
		return snare__err(p->s, -EINVAL,
				  "watchpoint at 0x%llx: %zu bytes, page protection watches at most 16 MiB",
				  (unsigned long long)bp->addr, bp->len);
	t = injector(p, NULL);
	if (!t && p->state == SNARE_PROC_RUNNING) {
		r = snare__stop_proc(p);
		if (r < 0)
			return r;
		t = injector(p, NULL);
	}
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "watchpoint at 0x%llx: no thread of %d can change page protections now (all in syscalls or group-stop)",
				  (unsigned long long)bp->addr, p->pid);
	r = snare_proc_maps(&maps, &n, p);
	if (r < 0)
		return r;
	for (a = lo; a < hi; a += PAGE) {
		if (page_find(p, a))
			continue;
		for (i = 0; i < n; i++)
			if (a >= maps[i].start && a < maps[i].end)
				break;
		if (i == n) {
			snare_maps_free(maps, n);
			return snare__err(p->s, -EFAULT,
					  "watchpoint at 0x%llx: page 0x%llx is not mapped",
					  (unsigned long long)bp->addr,
					  (unsigned long long)a);
		}
		if (p->nswpages == p->swpages_cap) {
			size_t cap = p->swpages_cap ? 2 * p->swpages_cap : 8;
			struct sww_page *np = realloc(p->swpages, cap * sizeof(*np));

			if (!np) {
				snare_maps_free(maps, n);
				return -ENOMEM;
			}
			p->swpages = np;
			p->swpages_cap = cap;
		}
		p->swpages[p->nswpages++] = (struct sww_page){ a, maps[i].prot,
							       maps[i].prot };
	}
	snare_maps_free(maps, n);
	bp->inserted = true;
	p->nsww++;
	p->s->hooks_gen++; /* syscalls now stop: wants_syscall changed */
	r = apply(t, lo, hi, false);
	if (r < 0) {
		bp->inserted = false;
		p->nsww--;
		apply(t, lo, hi, false);
		drop_unwatched(p);
		return snare__err(p->s, r, "watchpoint at 0x%llx: mprotect in the tracee: %s",
				  (unsigned long long)bp->addr, snare_strerror(r));
	}
	return 0;
}

int
snare__sww_disarm(snare_bp *bp)
{
	snare_proc *p = bp->p;
	snare_thread *t;
	int r;

	if (!bp->sw || !bp->inserted)
		return 0;
	bp->inserted = false;
	p->nsww--;
	p->s->hooks_gen++;
	t = injector(p, NULL);
	if (!t && p->state == SNARE_PROC_RUNNING && snare__stop_proc(p) == 0)
		t = injector(p, NULL);
	if (!t)
		return snare__err(p->s, -EBUSY,
				  "watchpoint at 0x%llx: no thread of %d can give the pages their protection back now",
				  (unsigned long long)bp->addr, p->pid);
	r = apply(t, PAGE_OF(bp->addr), PAGE_OF(bp->addr + bp->len - 1) + PAGE, false);
	drop_unwatched(p);
	return r;
}

/* At collection: is this SIGSEGV a fault on one of our pages? */
void
snare__sww_classify(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	uint64_t page;

	if (st->sig != SIGSEGV || !st->has_si || st->si.si_code != SEGV_ACCERR ||
	    (!p->nswpages && !p->nsww_recent))
		return;
	page = PAGE_OF((uint64_t)(uintptr_t)st->si.si_addr);
	if (page_find(p, page) || in_recent(p, page))
		st->kind = STOP_SWWATCH;
}

/* The instruction address a pc in an out-of-line slot stands for. */
static uint64_t
original_pc(snare_proc *p, uint64_t pc)
{
	snare_bp *bp;

	for (bp = p->bps; bp; bp = bp->next)
		if (bp->slot && pc >= bp->slot && pc < bp->slot + SNARE_ARCH_SLOT_SIZE)
			return bp->addr + (pc - bp->slot);
	return pc;
}

/* Open the page of a fault of t, holding the other threads first. */
static int
open_page(snare_thread *t, uint64_t addr)
{
	snare_proc *p = t->proc;
	struct sww_page *pg = page_find(p, PAGE_OF(addr));
	int r;

	if (!pg || t->nsww_open == sizeof(t->sww_open) / sizeof(t->sww_open[0]))
		return -EFAULT;
	if (!t->nsww_open) {
		r = hold_others(t);
		if (r < 0)
			return r;
		if (snare__get_pc(&t->sww_insn, t) < 0)
			return -ESRCH;
	}
	r = mprotect_in(t, pg->addr, PAGE, pg->orig_prot);
	if (r < 0)
		return r;
	pg->prot = pg->orig_prot;
	t->sww_open[t->nsww_open] = pg->addr;
	t->sww_acc[t->nsww_open] = addr;
	t->nsww_open++;
	return 0;
}

static bool
overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * bp fired if its bytes changed since the last report or the access
 * touched them: queue its report (the thread stays stopped until it is
 * dispatched) with the old and new value, and take the new one as the
 * value to compare with from now on. Returns whether it fired.
 */
static bool
maybe_report(snare_thread *t, snare_bp *bp, bool touched, uint64_t pc,
	     uint64_t insn, uint64_t access)
{
	struct snare__stop st;
	uint8_t *vals;

	if (!bp->shadow)
		return false;
	vals = malloc(2 * bp->len);
	if (!vals)
		return false;
	memcpy(vals, bp->shadow, bp->len);
	if (snare_mem_read(vals + bp->len, bp->p, bp->addr, bp->len) < 0)
		memcpy(vals + bp->len, bp->shadow, bp->len);
	if (!touched && !memcmp(vals, vals + bp->len, bp->len)) {
		free(vals);
		return false;
	}
	memcpy(bp->shadow, vals + bp->len, bp->len);
	memset(&st, 0, sizeof(st));
	st.kind = STOP_SWREPORT;
	st.bp = bp;
	st.pc = pc;
	st.insn = insn;
	st.access = access;
	st.vals = vals;
	if (snare__queue_push(t->proc->s, t, &st) < 0)
		free(vals);
	return true;
}

/*
 * A step of t is done (it ran the faulting instruction with its pages
 * open, or the instruction faulted for the program's own reasons):
 * protect them again, queue the reports, let the others go.
 */
void
snare__sww_step_done(snare_thread *t, bool completed)
{
	snare_proc *p = t->proc;
	uint64_t pages[4], acc[4], pc = 0, insn = t->sww_insn;
	unsigned n = t->nsww_open, i;
	uint8_t code[16];
	size_t size = 0, got = sizeof(code);
	snare_thread *inj;
	snare_bp *bp;

	if (!n || t->sww_busy)
		return;
	memcpy(pages, t->sww_open, sizeof(pages));
	memcpy(acc, t->sww_acc, sizeof(acc));
	t->nsww_open = 0;
	inj = injector(p, t->state == TS_STOPPED ? t : NULL);
	for (i = 0; i < n; i++) {
		struct sww_page *pg = page_find(p, pages[i]);

		/* A syscall of another thread has the pages open: it
		   protects them at its end. */
		if (pg && inj && !p->sww_sc_open) {
			int want = prot_wanted(p, pg);

			if (mprotect_in(inj, pg->addr, PAGE, want) == 0)
				pg->prot = want;
		}
	}
	if (t->state == TS_STOPPED && p->state != SNARE_PROC_EXITED) {
		snare__get_pc(&pc, t);
		while (got && snare_mem_read(code, p, insn, got) < 0)
			got--;
		size = got ? snare__insn_mem_size(code, got) : 0;
		if (!size)
			size = 1;
		for (bp = p->bps; bp; bp = bp->next) {
			bool touched = false;

			if (!watch_armed(bp) || !bp->enabled)
				continue;
			/* A faulting instruction did not access anything. */
			for (i = 0; i < n && completed; i++)
				touched |= overlaps(acc[i], size, bp->addr, bp->len);
			/* While a syscall has the pages open, a change is
			   its own (reported at its exit), not this access's. */
			if (touched || !p->sww_sc_open)
				maybe_report(t, bp, touched, pc, original_pc(p, insn),
					     touched ? acc[0] : 0);
		}
	}
	release_others(p, t);
}

/* A step of t met another of our pages (one instruction, two pages). */
int
snare__sww_step_fault(snare_thread *t, struct snare__stop *st)
{
	uint64_t addr = (uint64_t)(uintptr_t)st->si.si_addr;
	unsigned i;

	if (t->sww_busy)
		return -EBUSY;
	if (!page_find(t->proc, PAGE_OF(addr)))
		return 0; /* given back meanwhile: the step goes on */
	for (i = 0; i < t->nsww_open; i++)
		if (t->sww_open[i] == PAGE_OF(addr))
			return -EFAULT; /* open, and still a fault: the program's */
	return open_page(t, addr);
}

/*
 * Dispatch of a fault on one of our pages: the access runs once with the
 * page open (others held), and the report is queued.
 */
int
snare__sww_stop(snare_thread *t, struct snare__stop *st)
{
	snare_proc *p = t->proc;
	uint64_t addr = (uint64_t)(uintptr_t)st->si.si_addr, pc = 0;
	int r, kind;

	t->resume_sig = 0;
	if (snare__get_pc(&pc, t) < 0)
		return SNARE_CONTINUE;
	if (!page_find(p, PAGE_OF(addr))) {
		/* The page was given back after the fault: run the
		   instruction again; the same fault twice is the program's. */
		if (t->sww_retry_addr == addr && t->sww_retry_pc == pc) {
			t->sww_retry_addr = 0;
			t->resume_sig = SIGSEGV;
		} else {
			t->sww_retry_addr = addr;
			t->sww_retry_pc = pc;
		}
		return SNARE_CONTINUE;
	}
	t->sww_retry_addr = 0;
	r = open_page(t, addr);
	if (r == 0)
		r = snare__step(t, &kind, true);
	else
		release_others(p, t);
	if (r < 0 && r != SNARE_EEXITED) {
		p->s->run_error = snare__err(p->s, r,
					     "watchpoint: running the access at 0x%llx of thread %d: %s",
					     (unsigned long long)pc, t->tid,
					     snare_strerror(r));
		return SNARE_STOP;
	}
	return SNARE_CONTINUE;
}

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
		return overlaps(a, len, tlo, tlen);
	for (i = 0; i < p->nswpages; i++)
		if (overlaps(a, len, p->swpages[i].addr, PAGE))
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
		r = mprotect_in(t, p->swpages[i].addr, PAGE, want);
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
		apply(t, p->swpages[i].addr, p->swpages[i].addr + PAGE, false);
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

			if (!overlaps(lo, len, pg->addr, PAGE))
				continue;
			pg->orig_prot = (int)a[2] & (PROT_READ | PROT_WRITE | PROT_EXEC);
			pg->prot = pg->orig_prot; /* what the kernel has now */
			apply(t, pg->addr, pg->addr + PAGE, false);
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
		if (overlaps(lo, len, p->swpages[i].addr, PAGE)) {
			recent_add(p, p->swpages[i].addr);
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
			if (watch_armed(bp) && bp->enabled)
				maybe_report(t, bp,
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
static void
unskip_threads(snare_proc *p)
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

/* Before a detach: every page gets the program's protection back. */
int
snare__sww_release(snare_proc *p)
{
	snare_thread *t;
	size_t i;
	int r = 0, e;

	unskip_threads(p);

	if (!p->nswpages) {
		snare__sww_forget(p);
		return 0;
	}
	t = injector(p, NULL);
	if (!t)
		r = snare__err(p->s, -EBUSY,
			       "detach %d: no thread can give the watched pages their protection back",
			       p->pid);
	for (i = 0; t && i < p->nswpages; i++) {
		e = mprotect_in(t, p->swpages[i].addr, PAGE, p->swpages[i].orig_prot);
		if (e < 0 && !r)
			r = e;
	}
	snare__sww_forget(p);
	return r;
}

/* The pages' state is gone with the image (exec) or the process. */
void
snare__sww_forget(snare_proc *p)
{
	snare_thread *t;

	free(p->swpages);
	p->swpages = NULL;
	p->nswpages = p->swpages_cap = 0;
	p->nsww = p->sww_sc_open = 0;
	p->sww_sc_mode = 0;
	p->nsww_recent = 0;
	for (t = p->threads; t; t = t->pnext) {
		t->nsww_open = 0;
		t->sww_sc = SC_NONE;
		t->sww_held = false;
	}
}

/* A fork child has the parent's memory, protections included. */
int
snare__sww_inherit(snare_proc *c, snare_proc *parent)
{
	if (!parent->nswpages)
		return 0;
	c->swpages = malloc(parent->nswpages * sizeof(*c->swpages));
	if (!c->swpages)
		return -ENOMEM;
	memcpy(c->swpages, parent->swpages, parent->nswpages * sizeof(*c->swpages));
	c->nswpages = c->swpages_cap = parent->nswpages;
	c->nsww = parent->nsww;
	return 0;
}
