/* SPDX-License-Identifier: MIT */
/*
 * handoff.c: give a traced process to another debugger (gdb) and take it
 * back when that debugger lets go.
 *
 * Hand-off: a SIGSTOP is queued for the process while every thread is
 * held, then the process is detached the usual way (attach.c: pending
 * traps taken, threads put back from scratch pages, every int3, debug
 * register and page protection removed). The first thread to leave its
 * ptrace-stop dequeues the SIGSTOP before it runs a single instruction, so
 * the whole process is in group-stop where snare left it, as gdb expects
 * of a process it attaches to. Unlike detach, the breakpoint, watchpoint
 * and hook records are kept (the process handle only changes state).
 *
 * Take-back: no event says that a tracer detached, so /proc/PID/status is
 * polled (TracerPid), with a growing interval (1 ms to 50 ms). Then every
 * thread is seized again (new thread records: threads gdb saw born are
 * included), interrupted, and the breakpoints are armed again with their
 * covered bytes read anew (gdb may have changed code), then the watchpoints
 * (debug registers, or page protection) as before. A thread found at a
 * breakpoint's address steps over it when resumed (it was reported before
 * the hand-off, or the other debugger put it there). The process gets a
 * SIGCONT, which ends the stop of the hand-off (the program sees that
 * SIGCONT, as with `kill -CONT`), and a SIGSTOP met then (gdb passes one
 * on at its detach) is dropped.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"

/* TracerPid and State of /proc/PID/status; false when it is gone. */
static bool
proc_status(pid_t pid, long *tracer, char *state)
{
	char path[64], line[256];
	FILE *f;

	*tracer = 0;
	*state = 0;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "State:", 6))
			sscanf(line + 6, " %c", state);
		else if (!strncmp(line, "TracerPid:", 10))
			*tracer = strtol(line + 10, NULL, 10);
	}
	fclose(f);
	return *state != 0;
}

/*
 * The context switches of all of pid's threads, and whether every one is
 * stopped ('T' or 't'). A debugger's attach and detach each wake a
 * stopped thread (which switches out again): the count tells that one
 * came and went even when both fell between two looks at TracerPid.
 */
static unsigned long long
switches(pid_t pid, bool *all_stopped)
{
	unsigned long long sum = 0;
	char path[96], line[256];
	struct dirent *d;
	DIR *dir;
	FILE *f;

	*all_stopped = true;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir) {
		*all_stopped = false;
		return 0;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%.16s/status", pid,
			 d->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			char st;

			if (sscanf(line, "State: %c", &st) == 1 && st != 'T' &&
			    st != 't')
				*all_stopped = false;
			else if (!strncmp(line, "voluntary_ctxt_switches:", 24))
				sum += strtoull(line + 24, NULL, 10);
			else if (!strncmp(line, "nonvoluntary_ctxt_switches:", 27))
				sum += strtoull(line + 27, NULL, 10);
		}
		fclose(f);
	}
	closedir(dir);
	return sum;
}

static int
check_proc(snare_proc *p, const char *what)
{
	snare_session *s = p->s;

	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "%s: foreign thread", what);
	if (s->in_run)
		return snare__err(s, -EBUSY,
				  "%s %d: not from a callback; return SNARE_STOP and call it after snare_run()",
				  what, p->pid);
	return 0;
}

SNARE_EXPORT int
snare_proc_handoff(char *cmd, size_t cap, snare_proc *p)
{
	snare_session *s;
	snare_thread *t;
	int r;

	if (cmd && cap)
		cmd[0] = '\0';
	if (!p)
		return -EINVAL;
	s = p->s;
	r = check_proc(p, "hand-off");
	if (r < 0)
		return r;
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED, "hand-off %d: the process has exited",
				  p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(s, SNARE_EDETACHED, "hand-off %d: %s", p->pid,
				  p->handed_off ? "handed off already" : "detached");
	if (p->seccomp)
		return snare__err(s, SNARE_ESECCOMP,
				  "hand-off %d: under snare's seccomp filter its traced syscalls would fail with ENOSYS in another debugger",
				  p->pid);
	r = snare__stop_proc(p);
	if (r < 0 && r != -ECHILD)
		return snare__err(s, r, "hand-off %d: stopping its threads: %s",
				  p->pid, snare_strerror(r));
	/* What makes a thread run under us (a syscall injected to unmap the
	   scratch pages or give watched pages back) is done first, or it
	   would take the SIGSTOP as a signal of the program's. */
	for (t = p->threads; t; t = t->pnext)
		s->ev->fixup_pc(t);
	s->ev->unmap_scratch(p);
	s->ev->unpatch_all(p);
	/* Every thread is held: the SIGSTOP waits until they are let go. */
	if (kill(p->pid, SIGSTOP) < 0)
		return snare__err(s, -errno, "hand-off %d: SIGSTOP: %s", p->pid,
				  strerror(errno));
	r = snare__detach_proc(p, true);
	if (r < 0) {
		kill(p->pid, SIGCONT); /* takes the SIGSTOP back */
		return snare__err(s, r, "hand-off %d: detach: %s", p->pid,
				  snare_strerror(r));
	}
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED,
				  "hand-off %d: the process was killed meanwhile", p->pid);
	p->handed_off = true;
	snare__handoff_begin(s);
	/* Wait (at most 2 s) for every thread to reach the group-stop, then
	   note its context switches: the take-back's evidence that a
	   debugger came. */
	{
		struct timespec nap = { 0, 200000 };
		bool stopped = false;
		int i;

		for (i = 0; i < 400; i++) {
			p->handoff_switches = switches(p->pid, &stopped);
			if (stopped)
				break;
			nanosleep(&nap, NULL);
			if (nap.tv_nsec < 5000000)
				nap.tv_nsec *= 2;
		}
	}
	if (cmd && cap)
		snprintf(cmd, cap, "gdb -p %d", p->pid);
	return 0;
}

/* The process ended while handed off: its status, when we can reap it. */
static int
ended(snare_proc *p)
{
	snare_session *s = p->s;
	int status = 0;
	pid_t w;

	do
		w = snare__waitpid(p->pid, &status, WNOHANG);
	while (w < 0 && errno == EINTR);
	if (w == p->pid) {
		p->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
		p->exit_sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		p->core = WIFSIGNALED(status) && WCOREDUMP(status);
		p->exit_seen = true;
	}
	p->state = SNARE_PROC_EXITED;
	if (p->handed_off)
		snare__handoff_end(s);
	p->handed_off = false;
	if (p->exit_seen && p->exit_sig)
		return snare__err(s, SNARE_EEXITED,
				  "take back %d: killed by %s while handed off",
				  p->pid, snare_signal_name(p->exit_sig));
	if (p->exit_seen)
		return snare__err(s, SNARE_EEXITED,
				  "take back %d: exited with %d while handed off",
				  p->pid, p->exit_code);
	return snare__err(s, SNARE_EEXITED,
			  "take back %d: the process ended while handed off",
			  p->pid);
}

/*
 * Arm every breakpoint and watchpoint again, as at its creation: a
 * software breakpoint reads its covered bytes anew. One that cannot be
 * armed is disabled; the first error is returned.
 */
static int
rearm(snare_proc *p)
{
	snare_bp *bp;
	int first = 0, r;

	for (bp = p->bps; bp; bp = bp->next) {
		uint64_t addr = bp->addr;

		bp->slot = 0; /* the scratch pages were unmapped */
		if (bp->removed || bp->internal || bp->pending || !addr ||
		    bp->map_lost)
			continue;
		if (bp->kind == SNARE_BP_SOFTWARE) {
			bp->inserted = false;
			r = snare__bp_activate(bp, addr);
			bp->addr = addr;
		} else if (!bp->enabled) {
			continue;
		} else if (bp->sw) {
			bp->inserted = false;
			r = snare__sww_arm(bp);
		} else {
			bp->dr = -1;
			r = snare__dr_alloc(bp);
		}
		if (r < 0) {
			bp->enabled = false;
			if (!first)
				first = snare__err(p->s, r,
						   "take back %d: breakpoint at 0x%llx disabled: %s",
						   p->pid, (unsigned long long)addr,
						   snare_strerror(r));
		}
	}
	return first;
}

/*
 * A SIGSTOP met at the take-back is the hand-off's (ours, or the one gdb
 * passes on at its detach): dropped, as the SIGCONT that follows drops
 * those still pending, so that the program is not stopped again. So is
 * the group-stop each thread reports when it is seized in the hand-off's
 * stop (the re-trap of man 2 ptrace, "Attaching and detaching"): the
 * all-stop queues it for snare_run() to report, as for an attach to a
 * stopped process, but this stop is ours, and the SIGCONT ends it.
 * Dispatched after that SIGCONT, it made snare_run() resume the thread
 * with PTRACE_LISTEN, and now and then threads stayed in that listening
 * stop for good (test_handoff hung).
 */
static void
drop_handoff_stops(snare_proc *p)
{
	snare_session *s = p->s;
	size_t i, n = s->qlen, kept = 0;

	for (i = 0; i < n; i++) {
		struct queued_stop q = s->queue[(s->qhead + i) % s->qcap];

		if (q.t->proc == p &&
		    ((q.stop.kind == STOP_SIGNAL && q.stop.sig == SIGSTOP) ||
		     q.stop.kind == STOP_GROUP)) {
			q.t->queued--;
			free(q.stop.vals);
			continue;
		}
		s->queue[(s->qhead + kept++) % s->qcap] = q;
	}
	s->qlen = kept;
}

SNARE_EXPORT int
snare_proc_takeback(snare_proc *p, int wait_attach, int timeout_ms)
{
	struct timespec start, now, nap = { 0, 1000000 };
	snare_session *s;
	bool seen = !wait_attach;
	snare_thread *t;
	long tracer;
	char state;
	int r, err = 0;

	if (!p)
		return -EINVAL;
	s = p->s;
	r = check_proc(p, "take back");
	if (r < 0)
		return r;
	if (!p->handed_off)
		return snare__err(s, -EINVAL, "take back %d: not handed off",
				  p->pid);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (!proc_status(p->pid, &tracer, &state) || state == 'Z' ||
		    state == 'X' || p->exit_seen)
			return ended(p);
		if (tracer > 0) {
			seen = true;
		} else if (!seen) {
			bool stopped;

			/* Attached and gone between two looks: its attach
			   and detach woke the threads. */
			seen = switches(p->pid, &stopped) != p->handoff_switches;
			/* ...unless that was an attach that is still on. */
			if (seen && proc_status(p->pid, &tracer, &state) &&
			    tracer <= 0)
				break;
		} else {
			break;
		}
		if (wait_attach && atomic_exchange(&s->interrupt, 0))
			return snare__err(s, -EINTR, "take back %d: interrupted",
					  p->pid);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (timeout_ms >= 0 &&
		    (now.tv_sec - start.tv_sec) * 1000 +
			    (now.tv_nsec - start.tv_nsec) / 1000000 >= timeout_ms)
			return snare__err(s, -ETIMEDOUT,
					  "take back %d: %s after %d ms", p->pid,
					  tracer > 0 ? "still traced by another debugger"
						     : "no debugger attached",
					  timeout_ms);
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 50000000)
			nap.tv_nsec *= 2;
	}
	p->state = SNARE_PROC_RUNNING;
	while (snare__seize_tasks(p, &err) > 0 && !err)
		;
	if (!p->nthreads) {
		char msg[384];

		p->state = SNARE_PROC_DETACHED;
		if (!proc_status(p->pid, &tracer, &state) || state == 'Z')
			return ended(p);
		r = snare__attach_explain(msg, sizeof(msg), p->pid,
					  err ? err : -ESRCH, -1);
		return snare__err(s, r, "take back: %s", msg);
	}
	p->handed_off = false;
	snare__handoff_end(s);
	r = snare__stop_proc(p);
	if (r < 0 && r != -ECHILD)
		return snare__err(s, r, "take back %d: stopping its threads: %s",
				  p->pid, snare_strerror(r));
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED,
				  "take back %d: the process exited", p->pid);
	r = rearm(p);
	/* A thread at a breakpoint's address (where the hand-off left it)
	   has not run that instruction yet: its next resume steps over the
	   int3, as after a hit, rather than report the hit again. */
	for (t = p->threads; t; t = t->pnext) {
		uint64_t pc;
		snare_bp *bp;

		if (t->state != TS_STOPPED || snare__get_pc(&pc, t) < 0)
			continue;
		bp = snare__bp_owner(p, pc);
		if (bp && bp->inserted && bp->kind == SNARE_BP_SOFTWARE)
			t->at_bp = bp;
	}
	/* Out of the hand-off's group-stop, once the traps are back: the
	   threads are resumed as from any stop of ours, not listened. The
	   SIGCONT also drops a SIGSTOP still pending (gdb's). */
	drop_handoff_stops(p);
	kill(p->pid, SIGCONT);
	for (t = p->threads; t; t = t->pnext)
		t->group_stop = 0;
	return r;
}

SNARE_EXPORT int
snare_proc_handoff_gdb(snare_proc *p, char *const argv[])
{
	char pidbuf[16], *def[4];
	snare_session *s;
	int status = 0, r;
	pid_t child, w;

	if (!p)
		return -EINVAL;
	s = p->s;
	if (argv && !argv[0])
		return snare__err(s, -EINVAL, "hand-off %d: empty gdb command",
				  p->pid);
	snprintf(pidbuf, sizeof(pidbuf), "%d", p->pid);
	def[0] = (char *)"gdb";
	def[1] = (char *)"-p";
	def[2] = pidbuf;
	def[3] = NULL;
	if (!argv)
		argv = def;
	r = snare_proc_handoff(NULL, 0, p);
	if (r < 0)
		return r;
	child = fork();
	if (child == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (child < 0) {
		r = -errno;
		snare_proc_takeback(p, 0, 10000);
		return snare__err(s, r, "hand-off %d: fork: %s", p->pid,
				  strerror(-r));
	}
	do
		w = snare__waitpid(child, &status, 0);
	while (w < 0 && errno == EINTR);
	r = snare_proc_takeback(p, 0, 10000);
	if (r == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return snare__err(s, -ENOENT, "hand-off %d: could not run %s",
				  p->pid, argv[0]);
	return r;
}
