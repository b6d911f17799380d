/* SPDX-License-Identifier: MIT */
/*
 * debugregs.c: hardware breakpoints and watchpoints through the four
 * debug registers (split from bp.c). They are per thread: each thread gets
 * them written at its next stop when the process's set changed (new
 * threads at their first stop, rule 10). A probe tells once per session
 * whether they fire at all here (some hypervisors never deliver #DB).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

bool
snare__bp_is_watch(const snare_bp *bp)
{
	return bp->kind == SNARE_WATCH_WRITE || bp->kind == SNARE_WATCH_RW;
}

bool
snare__bp_uses_dr(const snare_bp *bp)
{
	return bp->kind != SNARE_BP_SOFTWARE && !bp->sw;
}

/* Write DR0-DR3 and DR7 of a stopped thread if its set is stale. */
int
snare__bp_write_drs(snare_thread *t)
{
	snare_proc *p = t->proc;
	uint64_t dr7 = 0;
	int i;

	if (t->dr_gen == p->dr_gen)
		return 0;
	/* Disable first: the kernel validates addresses against DR7. */
	if (snare__ptrace(PTRACE_POKEUSER, t->tid,
			  (void *)snare__arch_dr_offset(7), NULL) < 0)
		return -errno;
	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++) {
		snare_bp *bp = p->dr[i];
		int rw;

		if (!bp || !bp->enabled)
			continue;
		if (snare__ptrace(PTRACE_POKEUSER, t->tid,
				  (void *)snare__arch_dr_offset(i),
				  (void *)bp->addr) < 0)
			return -errno;
		rw = bp->kind == SNARE_WATCH_WRITE ? 1
		   : bp->kind == SNARE_WATCH_RW ? 3 : 0;
		dr7 |= snare__arch_dr7_bits(i, rw, bp->len);
	}
	if (dr7 && snare__ptrace(PTRACE_POKEUSER, t->tid,
				 (void *)snare__arch_dr_offset(7),
				 (void *)dr7) < 0)
		return -errno;
	t->dr_gen = p->dr_gen;
	return 0;
}

/* Apply a debug register change to every stopped thread now. */
static int
drs_changed(snare_proc *p)
{
	snare_thread *t;
	int r, err = 0;

	p->dr_gen++;
	for (t = p->threads; t; t = t->pnext) {
		if (t->state != TS_STOPPED)
			continue; /* written at its next stop */
		r = snare__bp_write_drs(t);
		if (r < 0 && r != -ESRCH && !err)
			err = r;
	}
	return err;
}

/* The probe's target: a function the forked child runs once. */
static __attribute__((noinline)) void
hw_probe_target(void)
{
	__asm__ volatile("" ::: "memory");
}

/*
 * Do debug registers fire here? Some hypervisors accept DR writes and never
 * raise the exception (gdb's hbreak fails silently there too). Fork a child,
 * put DR0 on a function it then calls, and see whether it traps. Cached in
 * the session: 1 works, -1 does not.
 */
int
snare__hw_probe(snare_session *s)
{
	int status, found = -1;
	pid_t pid;

	if (s->hw_ok)
		return s->hw_ok;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		kill(getpid(), SIGSTOP);
		hw_probe_target();
		_exit(0);
	}
	if (snare__waitpid(pid, &status, WUNTRACED) != pid ||
	    snare__ptrace(PTRACE_SEIZE, pid, NULL, (void *)PTRACE_O_EXITKILL) < 0 ||
	    snare__ptrace(PTRACE_POKEUSER, pid, (void *)snare__arch_dr_offset(0),
			  (void *)(uintptr_t)hw_probe_target) < 0 ||
	    snare__ptrace(PTRACE_POKEUSER, pid, (void *)snare__arch_dr_offset(7),
			  (void *)snare__arch_dr7_bits(0, 0, 1)) < 0) {
		kill(pid, SIGKILL);
		snare__waitpid(pid, &status, 0);
		return -EPERM;
	}
	kill(pid, SIGCONT);
	/* Not a session's tracee: its stops are handled here, through the
	   one wait point and the one resume. */
	while (snare__waitpid(pid, &status, 0) == pid) {
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (WSTOPSIG(status) == SIGTRAP && !((unsigned)status >> 16)) {
			found = 1;
			kill(pid, SIGKILL);
		}
		snare__resume_tid(pid, RESUME_CONT, 0);
	}
	s->hw_ok = found;
	return found;
}

int
snare__dr_alloc(snare_bp *bp)
{
	snare_proc *p = bp->p;
	int i;

	for (i = 0; i < SNARE_ARCH_NDEBUGREG; i++) {
		if (!p->dr[i]) {
			p->dr[i] = bp;
			bp->dr = i;
			return drs_changed(p);
		}
	}
	return snare__err(p->s, -ENOSPC,
			  "breakpoint at 0x%llx: all %d debug registers are in use (hardware breakpoints and watchpoints share them)",
			  (unsigned long long)bp->addr, SNARE_ARCH_NDEBUGREG);
}

int
snare__dr_free(snare_bp *bp)
{
	if (bp->dr < 0 || bp->p->dr[bp->dr] != bp)
		return 0;
	bp->p->dr[bp->dr] = NULL;
	bp->dr = -1;
	return drs_changed(bp->p);
}
