/* SPDX-License-Identifier: MIT */
/*
 * attach.c: attaching to a running process, detaching, killing.
 *
 * Attach seizes every thread listed in /proc/PID/task (again until the list
 * is stable, since threads keep being created), then interrupts them. A
 * refused attach says why (PTRACE-NOTES 4.1). Detach leaves every thread as
 * it was. Kill services the PTRACE_EVENT_EXIT stops SIGKILL parks threads
 * in (rule 7) and reaps the leader last.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

unsigned long
snare__ptrace_options(bool spawned, const snare_session *s)
{
	unsigned long o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
			  PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT |
			  PTRACE_O_TRACESECCOMP;

	/* Children are traced even when not followed: they inherit our
	   int3s, which must come out before they are let go. */
	(void)s;
	o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE;
	if (spawned)
		o |= PTRACE_O_EXITKILL;
	return o;
}

/* A field of /proc/PID/status as a number, or -1. */
static long
status_field(pid_t pid, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			v = strtol(line + flen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int
yama_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static void
comm_of(char *buf, size_t cap, pid_t pid)
{
	char path[64];
	FILE *f;

	snprintf(buf, cap, "?");
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "re");
	if (!f)
		return;
	if (fgets(buf, (int)cap, f))
		buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/*
 * Explain a refused attach (EPERM) in buf. yama_scope is the value of
 * kernel.yama.ptrace_scope (-1 when Yama is absent); a parameter so that the
 * message logic can be tested with an injected value.
 */
int
snare__attach_explain(char *buf, size_t cap, pid_t pid, int err, int scope)
{
	long tracer = status_field(pid, "TracerPid");
	char comm[64];
	struct stat;

	if (err == -ESRCH) {
		snprintf(buf, cap, "attach %d: no such process", pid);
		return err;
	}
	if (tracer > 0) {
		comm_of(comm, sizeof(comm), (pid_t)tracer);
		snprintf(buf, cap, "attach %d: already traced by pid %ld (%s)",
			 pid, tracer, comm);
		return -EPERM;
	}
	if (kill(pid, 0) < 0 && errno == EPERM) {
		snprintf(buf, cap, "attach %d: owned by another user", pid);
		return -EPERM;
	}
	if (scope == 3) {
		snprintf(buf, cap,
			 "attach %d: kernel.yama.ptrace_scope=3 forbids every attach (and PTRACE_TRACEME)",
			 pid);
		return -EPERM;
	}
	if (scope == 2) {
		snprintf(buf, cap,
			 "attach %d: restricted by kernel.yama.ptrace_scope=2: only CAP_SYS_PTRACE may attach",
			 pid);
		return -EPERM;
	}
	if (scope == 1) {
		snprintf(buf, cap,
			 "attach %d: restricted by kernel.yama.ptrace_scope=1: run as a parent of the target, have the target call prctl(PR_SET_PTRACER), or use CAP_SYS_PTRACE",
			 pid);
		return -EPERM;
	}
	if (status_field(pid, "Uid") >= 0 && geteuid() != 0) {
		snprintf(buf, cap,
			 "attach %d: target is non-dumpable (setuid binary or prctl) or protected; needs CAP_SYS_PTRACE",
			 pid);
		return -EPERM;
	}
	snprintf(buf, cap, "attach %d: denied by an LSM or container policy (%s)",
		 pid, strerror(-err));
	return err;
}

static bool
thread_is_zombie(pid_t pid, pid_t tid)
{
	char path[96], buf[256], *p;
	FILE *f;
	bool z = false;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	f = fopen(path, "re");
	if (!f)
		return true;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) && p[1] == ' ')
		z = p[2] == 'Z' || p[2] == 'X';
	fclose(f);
	return z;
}

/* Seize every thread in /proc/PID/task not seized yet. Returns how many.
   Also the take-back after a hand-off (state/handoff.c). */
int
snare__seize_tasks(snare_proc *p, int *first_err)
{
	snare_session *s = p->s;
	unsigned long opts = snare__ptrace_options(false, s);
	char path[64];
	struct dirent *d;
	DIR *dir;
	int added = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", p->pid);
	dir = opendir(path);
	if (!dir) {
		*first_err = -ESRCH;
		return 0;
	}
	while ((d = readdir(dir))) {
		pid_t tid = (pid_t)strtol(d->d_name, NULL, 10);
		snare_thread *t;

		if (tid <= 0 || snare__thread_find(s, tid))
			continue;
		if (thread_is_zombie(p->pid, tid))
			continue; /* a zombie leader: trace the live threads */
		if (snare__ptrace(PTRACE_SEIZE, tid, NULL, (void *)opts) < 0) {
			/* A thread a traced thread just cloned is ours already. */
			if (errno == EPERM && p->nthreads &&
			    status_field(tid, "TracerPid") == getpid())
				continue;
			if (errno != ESRCH && !*first_err)
				*first_err = -errno;
			continue;
		}
		t = snare__thread_new(p, tid, TS_RUNNING);
		if (!t) {
			snare__ptrace(PTRACE_DETACH, tid, NULL, NULL);
			*first_err = -ENOMEM;
			break;
		}
		t->reported_new = 1;
		t->announced = 1;
		if (snare__colocate_cpu(s) >= 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(snare__colocate_cpu(s), &set);
			sched_setaffinity(tid, sizeof(set), &set);
		}
		if (snare__ptrace(PTRACE_INTERRUPT, tid, NULL, NULL) == 0)
			t->interrupt_pending = 1;
		added++;
	}
	closedir(dir);
	return added;
}

SNARE_EXPORT int
snare_attach(snare_proc **out, snare_session *s, pid_t pid)
{
	snare_proc *p;
	int err = 0, r;

	if (out)
		*out = NULL;
	if (!s || !out)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "attach: foreign thread");
	if (pid <= 0)
		return snare__err(s, -EINVAL, "attach: bad pid %d", pid);
	if (pid == getpid())
		return snare__err(s, -EINVAL, "attach %d: that is the tracer itself", pid);
	if (pid == getppid() || pid == 1)
		return snare__err(s, -EINVAL,
				  "attach %d: refusing to trace %s", pid,
				  pid == 1 ? "init" : "the tracer's own parent");
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return snare__err(s, -ESRCH, "attach %d: no such process", pid);
	if (status_field(pid, "Tgid") != pid)
		return snare__err(s, -EINVAL,
				  "attach %d: not a process id (a thread of %ld?)",
				  pid, status_field(pid, "Tgid"));
	for (p = s->procs; p; p = p->next)
		if (p->pid == pid && p->state != SNARE_PROC_EXITED &&
		    p->state != SNARE_PROC_DETACHED)
			return snare__err(s, -EEXIST, "attach %d: already traced by this session", pid);
	p = snare__proc_new(s, pid);
	if (!p)
		return -ENOMEM;
	/* Threads keep appearing while we seize: repeat until stable. */
	while (snare__seize_tasks(p, &err) > 0 && !err)
		;
	if (!p->nthreads) {
		char msg[384];

		if (!err)
			err = -ESRCH;
		r = snare__attach_explain(msg, sizeof(msg), pid, err, yama_scope());
		p->state = SNARE_PROC_DETACHED;
		return snare__err(s, r, "%s", msg);
	}
	p->seized_all = true;
	p->user_owned = true;
	p->libs_loaded = true;
	r = snare__stop_proc(p);
	if (r < 0 && r != -ECHILD) {
		snare__detach_proc(p, true);
		return snare__err(s, r, "attach %d: %s", pid, snare_strerror(r));
	}
	*out = p;
	return 0;
}

/* The signal of t's queued signal-delivery-stop, if it has one. */
static int
queued_signal(snare_session *s, snare_thread *t)
{
	size_t i;

	for (i = 0; i < s->qlen; i++) {
		struct queued_stop *q = &s->queue[(s->qhead + i) % s->qcap];

		if (q->t == t && q->stop.kind == STOP_SIGNAL)
			return q->stop.sig;
	}
	return 0;
}

/* Is sig pending for thread t alone (SigPnd of its /proc status)? */
static bool
thread_sig_pending(const snare_thread *t, int sig)
{
	char path[96], line[256];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", t->proc->pid,
		 t->tid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "SigPnd: %llx", &mask) == 1)
			break;
	fclose(f);
	return mask & (1ull << (sig - 1));
}

/*
 * The kind of t's newest queued stop (the stop it is in now, since a
 * thread with a stop queued is not resumed), or STOP_NONE.
 */
static int
newest_queued_kind(snare_session *s, snare_thread *t)
{
	int kind = STOP_NONE;
	size_t i;

	for (i = 0; i < s->qlen; i++) {
		struct queued_stop *q = &s->queue[(s->qhead + i) % s->qcap];

		if (q->t == t)
			kind = q->stop.kind;
	}
	return kind;
}

/*
 * A thread that executed an int3 just as our PTRACE_INTERRUPT came reports
 * the interrupt first (job-control traps are taken before signals are
 * dequeued), with the breakpoint's SIGTRAP still pending: detached like
 * that, it would die of it at bp+1. Let it take that signal now, under us:
 * a single-step request stops it at the signal-delivery-stop before any
 * instruction runs, and the trap is classified (pc rewound) like any other.
 * A thread in group-stop is no exception: one that ran into an int3 just
 * before the SIGSTOP entered the group-stop with the SIGTRAP pending, and
 * died of it at SIGCONT once detached. Nor is a thread whose group-stop
 * (or interrupt stop) is still queued: it came in the same drain as the
 * group-stop that ended the run and was never dispatched, and skipping
 * queued threads left that SIGTRAP pending (now and then at the detach
 * of a group-stopped process whose threads hit breakpoints). A queued stop of
 * any other kind is not in the signal path, where an int3's SIGTRAP can
 * wait: the kernel dequeues a synchronous signal before any other.
 * The same for a SIGSEGV of an access to a page a software watch protects:
 * dropped here, the instruction runs again after the detach, on the page
 * given back (delivered, it killed the detached program).
 */
static void
take_pending_traps(snare_proc *p)
{
	snare_session *s = p->s;
	struct snare__stop st;
	snare_thread *t;

	int round, qkind;

	for (t = p->threads; t; t = t->pnext) {
		/* A trap, or a fault on a page of a software watch: both
		   may wait behind our interrupt (rule 8). */
		for (round = 0; round < 6; round++) {
			qkind = t->queued ? newest_queued_kind(s, t) : STOP_NONE;
			if (t->state != TS_STOPPED || t->exiting_stop ||
			    (qkind != STOP_NONE && qkind != STOP_GROUP &&
			     qkind != STOP_EVENT_STOP) ||
			    (!thread_sig_pending(t, SIGTRAP) &&
			     !(p->nswpages && thread_sig_pending(t, SIGSEGV))))
				break;
			if (snare__resume_as(t, RESUME_STEP, t->resume_sig) < 0)
				break;
			t->resume_sig = 0;
			if (snare__wait_thread(t, &st) < 0)
				break;
			/* A fault on our page: the instruction runs again
			   after the detach, with the page given back. */
			if (st.kind == STOP_SIGNAL)
				t->resume_sig = st.sig; /* the program's own: pass it on */
			else if (st.kind == STOP_GROUP || st.kind == STOP_EVENT_STOP)
				continue; /* stepped out of a group-stop, it is
					     reported again before the trap is
					     dequeued; the detach puts the thread
					     back in the group-stop */
			else if (st.kind != STOP_BREAKPOINT && st.kind != STOP_LATE_TRAP &&
				 st.kind != STOP_STEP && st.kind != STOP_SWWATCH)
				snare__queue_push(s, t, &st);
		}
	}
}

/*
 * Detach every thread of a process, in whatever state (docs/design.md,
 * "Detach, kill, free"): all stopped first; breakpoint traps, queued or
 * not, had their pc rewound at collection and are simply dropped; a
 * thread caught inside an out-of-line copy is put back in the original
 * code; the scratch pages are unmapped and every patched byte and debug
 * register restored; a signal waiting at a signal-delivery-stop is passed
 * on; a thread in group-stop stays stopped, as untraced.
 */
int
snare__detach_proc(snare_proc *p, bool force)
{
	snare_session *s = p->s;
	snare_thread *t;
	bool dying = false;
	int r;

	(void)force;
	r = snare__stop_proc(p);
	if (r < 0 && r != -ECHILD)
		return r;
	take_pending_traps(p);
	for (t = p->threads; t; t = t->pnext)
		s->ev->fixup_pc(t);
	s->ev->unmap_scratch(p);
	/* Every patched byte back, every debug register off. */
	s->ev->unpatch_all(p);
	for (t = p->threads; t; t = t->pnext) {
		int sig = t->resume_sig;

		if (t->state == TS_DEAD)
			continue;
		if (!sig)
			sig = queued_signal(s, t);
		if (t->state == TS_STOPPED)
			snare__regs_flush(t);
		if (snare__ptrace(PTRACE_DETACH, t->tid, NULL, (void *)(long)sig) < 0 &&
		    errno == ESRCH && !t->vfork_wait) {
			/* Not in a stop any more: a SIGKILL from outside
			   woke it on its way to PTRACE_EVENT_EXIT, where it
			   would wait for us forever (rule 7). */
			dying = true;
			continue;
		}
		snare__thread_dead(t);
	}
	if (dying) {
		/* The process is being killed: see it die and reap what is
		   ours rather than leave threads parked in their exit. */
		snare__kill_proc(p);
		snare__mem_close(p);
		return 0;
	}
	snare__queue_drop(s, p, NULL);
	snare__mem_close(p);
	p->state = SNARE_PROC_DETACHED;
	return 0;
}

SNARE_EXPORT int
snare_proc_detach(snare_proc *p, int force)
{
	snare_session *s;

	if (!p)
		return -EINVAL;
	s = p->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "detach: foreign thread");
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED, "detach %d: the process has exited",
				  p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(s, SNARE_EDETACHED, "detach %d: already detached",
				  p->pid);
	if (p->seccomp && !force)
		return snare__err(s, SNARE_ESECCOMP,
				  "detach %d: its seccomp filter would make the traced syscalls fail with ENOSYS without a tracer; pass force to detach anyway",
				  p->pid);
	return snare__detach_proc(p, force);
}

/*
 * SIGKILL the process and reap it. Threads parked in PTRACE_EVENT_EXIT are
 * resumed (rule 7); statuses of other processes are queued as usual.
 */
int
snare__kill_proc(snare_proc *p)
{
	snare_session *s = p->s;
	struct snare__stop st;
	snare_thread *t;
	pid_t tid;

	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return 0;
	kill(p->pid, SIGKILL);
	snare__queue_drop(s, p, NULL);
	/* Threads held at a stop already collected (their exit stop among
	   them, rule 7) report nothing more until resumed. */
	for (t = p->threads; t; t = t->pnext)
		if (t->state == TS_STOPPED)
			snare__resume_as(t, RESUME_CONT, 0);
	while (p->state != SNARE_PROC_EXITED) {
		/* Every thread reaped already (by an earlier wait that
		   queued the deaths): nothing more will come, and with the
		   waker alive a wait for any child would not end. */
		tid = p->nthreads ? snare__wait_any(s, &t, &st) : -1;
		if (tid < 0 && !p->nthreads) {
			for (t = p->threads; t; t = t->pnext)
				if (t->tid == p->pid) {
					p->exit_code = t->exit_code;
					p->exit_sig = t->exit_sig;
				}
			if (!p->exit_code && !p->exit_sig)
				p->exit_sig = SIGKILL;
			p->state = SNARE_PROC_EXITED;
			break;
		}
		if (tid < 0) {
			/* ECHILD: it was reaped already; nothing to wait for. */
			for (t = p->threads; t; t = t->pnext)
				snare__thread_dead(t);
			p->state = SNARE_PROC_EXITED;
			p->exit_sig = SIGKILL;
			break;
		}
		if (!t)
			continue;
		if (t->proc != p) {
			snare__queue_push(s, t, &st); /* bookkeeping done */
			continue;
		}
		if (st.kind != STOP_EXITED) {
			/* Parked in PTRACE_EVENT_EXIT (rule 7), or a stop
			   that raced with the SIGKILL: let it die. */
			snare__resume_as(t, RESUME_CONT, 0);
			continue;
		}
		/* The leader is reaped last (or is an untraced zombie). */
		if (tid == p->pid || !p->nthreads) {
			snare__queue_push(s, t, &st); /* reported by snare_run */
			p->state = SNARE_PROC_EXITED;
			p->exit_code = t->exit_code;
			p->exit_sig = t->exit_sig;
			p->core = WIFSIGNALED(st.status) && WCOREDUMP(st.status);
			break;
		}
	}
	return 0;
}

SNARE_EXPORT int
snare_proc_kill(snare_proc *p)
{
	snare_session *s;
	snare_thread *t;

	if (!p)
		return -EINVAL;
	s = p->s;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "kill: foreign thread");
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(s, SNARE_EEXITED, "kill %d: already exited", p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(s, SNARE_EDETACHED, "kill %d: detached", p->pid);
	(void)t;
	return snare__kill_proc(p);
}
