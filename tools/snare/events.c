/* SPDX-License-Identifier: MIT */
/*
 * events.c: what `snare trace` prints for the events that are not
 * syscall stops (those are syscalls.c's), as strace 6.1 does: signals as
 * "--- SIGCHLD {...} ---", deaths as "+++ exited with 0 +++", new and
 * detached processes, an exec from a thread other than the leader
 * ("+++ superseded by execve in pid N +++"), -b execve's detach. --json
 * prints one object per event instead.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"

/*
 * The states an exec leaves: [0] the one of ev->tid before the exec (when
 * a thread other than the leader exec'd, the former leader's: its handle
 * is dead and out of reach, and the process handle keeps it), [1] the
 * exec'ing thread's, whose handle now has the leader's tid.
 */
static void
exec_states(struct tstate *st[2], const snare_event *ev)
{
	struct tstate *cur = snare_thread_user(ev->thread);
	struct tstate *lead = snare_proc_user(ev->proc);

	st[1] = cur;
	if (ev->old_tid && ev->old_tid != ev->tid)
		st[0] = lead != cur ? lead : NULL;
	else
		st[0] = cur;
}

/*
 * -b execve: the process has exec'd and is let go, as strace does: "Process
 * N detached" (unless -q), the execve line still open ends with
 * " <detached ...>", and nothing more is shown of its threads.
 */
static int
detach_on_exec(const snare_event *ev)
{
	struct tstate *st[2], *ts;
	snare_thread **all;
	size_t i, n, k;

	exec_states(st, ev);
	if (tr.o->json) {
		ts = st[0];
		if (ts && ts->visible) {
			json_begin(ts, "detached");
			fprintf(out_stream(ts->out), "}\n");
		}
	} else if (!(tr.o->quiet & Q_ATTACH)) {
		fprintf(stderr, "%s: Process %d detached\n", trace_progname, (int)ev->pid);
	}
	for (i = 0; i < 2; i++) {
		ts = st[i];
		if (ts && *out_owner(ts->out) == ts) {
			close_open_line(ts, " <detached ...>");
			end_line(ts);
		}
	}
	/* Every state of the process goes: its live threads', then the
	   leader's (which may be dead: a zombie, or superseded). */
	n = snare_proc_threads(NULL, 0, ev->proc);
	all = calloc(n ? n : 1, sizeof(*all));
	k = all ? snare_proc_threads(all, n, ev->proc) : 0;
	for (i = 0; i < k && i < n; i++) {
		ts = snare_thread_user(all[i]);
		if (ts) {
			out_flush(ts->out);
			tstate_drop(ts);
		}
	}
	free(all);
	ts = snare_proc_user(ev->proc);
	if (ts) {
		out_flush(ts->out);
		tstate_drop(ts);
	}
	return SNARE_DETACH;
}

static const char *
restart_text(long nr)
{
	const char *n = snare_syscall_name(nr);

	if (!n)
		n = "";
	if (!strcmp(n, "nanosleep") || !strcmp(n, "clock_nanosleep") ||
	    !strcmp(n, "poll") || !strcmp(n, "futex"))
		return " ERESTART_RESTARTBLOCK (Interrupted by signal)";
	if (!strcmp(n, "pause") || !strcmp(n, "rt_sigsuspend") ||
	    !strcmp(n, "select") || !strcmp(n, "pselect6") ||
	    !strcmp(n, "ppoll") || !strcmp(n, "epoll_pwait"))
		return " ERESTARTNOHAND (To be restarted if no handler)";
	return " ERESTARTSYS (To be restarted if SA_RESTART is set)";
}

static void
print_signal(struct tstate *ts, const snare_event *ev)
{
	const char *name = snare_signal_name(ev->signo);
	char num[16], text[4096];

	if (!name) {
		snprintf(num, sizeof(num), "%d", ev->signo);
		name = num;
	}
	if (ev->siginfo)
		snare_format_siginfo_of(text, sizeof(text), ev->proc,
					ev->siginfo, &tr.o->fmt);
	else
		snprintf(text, sizeof(text), "{si_signo=%s}", name);
	if (tr.o->json) {
		FILE *f = json_begin(ts, "signal");

		fprintf(f, ",\"signo\":%d,\"name\":\"%s\",\"text\":", ev->signo,
			name);
		json_string(f, text);
		fprintf(f, "}\n");
		return;
	}
	print_leader(ts, ts->last_nr);
	out_printf(ts->out, "--- %s %s ---", name, text);
	end_line(ts);
	/* -k: where the signal found the thread, as strace shows it. */
	if (tr.o->stack_trace && ev->thread)
		print_stack(ts, ev->thread);
}

static void
print_death(struct tstate *ts, const snare_event *ev)
{
	const char *name = snare_signal_name(ev->signo);

	if (tr.o->json) {
		FILE *f = json_begin(ts, ev->signo ? "killed" : "exit");

		if (ev->signo)
			fprintf(f, ",\"signo\":%d,\"name\":\"%s\",\"core\":%s}\n",
				ev->signo, name ? name : "?",
				ev->core ? "true" : "false");
		else
			fprintf(f, ",\"code\":%d}\n", ev->code);
		return;
	}
	if (!tr.lines)
		return;
	/* As strace: quiet=exit hides "+++ exited", the signal set hides
	   "+++ killed by" (-qq still shows a death by signal). */
	if (ev->signo ? ev->signo > 0 && ev->signo < MAX_SIG &&
			!tr.o->sig_set[ev->signo]
		      : (tr.o->quiet & Q_EXIT))
		return;
	print_leader(ts, ts->last_nr);
	if (ev->signo)
		out_printf(ts->out, "+++ killed by %s%s +++",
			   name ? name : "?", ev->core ? " (core dumped)" : "");
	else
		out_printf(ts->out, "+++ exited with %d +++", ev->code);
	end_line(ts);
	stack_put_kept(ts);
}

/* Give ts the leader's tid (and with -ff its file): it is the state of
   the process's leader now. */
static void
tstate_rekey(struct tstate *ts, pid_t tid, struct out *out)
{
	ts->tid = tid;
	ts->out = out;
	snare_proc_set_user(ts->proc, ts);
	comm_load(ts);
}

/*
 * A thread other than the leader exec'd (ev->old_tid): the kernel killed
 * the leader and every other thread, and the exec'ing thread goes on under
 * the leader's tid (man 2 ptrace, "execve(2) under ptrace"). As strace:
 * the leader's syscall ends unfinished ("<... pause resumed>) = ?": it
 * never returned), "+++ superseded by execve in pid OLD +++", and the
 * exec'ing thread's state moves to the leader's tid, so its execve returns
 * there as "<... execve resumed>) = 0". Its execve line, when still open,
 * ends with " <pid changed to PID ...>"; with -ff its lines go on in the
 * leader's file. --json: the leader's call has no retval
 * ("unfinished"), then a "superseded" object with "by": OLD.
 */
static void
supersede(const snare_event *ev)
{
	struct tstate *st[2], *lead, *old;
	bool visible;
	struct out *out;
	char note[48];

	exec_states(st, ev);
	lead = st[0];
	old = st[1];
	visible = lead && lead->visible;
	if (lead && lead->in_sc && lead->visible)
		finish_syscall(lead, "");
	if (lead)
		lead->in_sc = false;
	if (!old) {
		/* The exec'ing thread had no state: the leader's goes on
		   on its handle, under the same tid. */
		if (lead) {
			snare_thread_set_user(lead->thread, NULL);
			lead->thread = ev->thread;
			snare_thread_set_user(ev->thread, lead);
		}
		goto print;
	}
	out = lead ? lead->out : out_open(tr.o, ev->tid);
	if (!out)
		goto print;
	/* Its execve line, if still open (-ff, or a leader that was in no
	   syscall), ends here: the result comes on the leader's line. */
	if (*out_owner(old->out) == old) {
		snprintf(note, sizeof(note), " <pid changed to %d ...>",
			 (int)ev->tid);
		close_open_line(old, note);
		end_line(old);
	}
	out_flush(old->out);
	if (lead) {
		out_flush(lead->out);
		tstate_drop(lead);
	}
	tstate_rekey(old, ev->tid, out);
	if (visible && !old->visible) {
		old->visible = true;
		if (!old->bp_shown)
			tr.nshown++;
	}
	lead = old;
print:
	if (!lead || !lead->visible)
		return;
	lead->pc_ok = false;
	if (tr.o->json) {
		FILE *f = json_begin(lead, "superseded");

		fprintf(f, ",\"by\":%d}\n", (int)ev->old_tid);
	} else if (tr.lines && !(tr.o->quiet & Q_THREAD_EXECVE)) {
		print_leader(lead, lead->last_nr);
		out_printf(lead->out, "+++ superseded by execve in pid %d +++",
			   (int)ev->old_tid);
		end_line(lead);
	}
	out_flush(lead->out);
}

static void
on_new(const snare_event *ev)
{
	struct tstate *ts = tstate_of(ev->thread, tr.o->follow > 0);

	if (!ts || !ts->visible)
		return;
	if (tr.o->json) {
		json_begin(ts, "attached");
		fprintf(out_stream(ts->out), "}\n");
	} else if (!(tr.o->quiet & Q_ATTACH)) {
		out_flush(ts->out);
		fprintf(stderr, "%s: Process %d attached\n", trace_progname, (int)ev->tid);
	}
}

int
on_event(snare_session *s, const snare_event *ev, void *user)
{
	struct tstate *ts = ev->thread ? snare_thread_user(ev->thread)
			   : ev->tid   ? tstate_find(ev->tid)
				       : NULL;

	(void)s;
	(void)user;
	/* --gdb: control back to the trace loop, which hands off (the
	   hit's line is printed first, by the breakpoint's callback). */
	if (ev->kind == SNARE_EV_BREAKPOINT && tr.o->gdb && ts &&
	    !in_prelude(ts))
		return SNARE_STOP;
	switch (ev->kind) {
	case SNARE_EV_THREAD_NEW:
	case SNARE_EV_PROC_NEW:
		if (ev->kind == SNARE_EV_PROC_NEW)
			breaks_fork(ev->proc, ev->parent);
		on_new(ev);
		return SNARE_CONTINUE;
	case SNARE_EV_EXEC: {
		/* The program's own exec, in snare_spawn() or by the -u
		   helper, is not one -b execve detaches at (as strace). */
		bool own = tr.spawning;

		/* -u: the helper has become the program. */
		if (tr.prelude_pid && ev->pid == tr.prelude_pid) {
			tr.prelude_pid = 0;
			own = true;
		}
		breaks_exec(ev->proc);
		{
			struct tstate *st[2];

			exec_states(st, ev);
			if (st[0])
				comm_load(st[0]); /* -Y: the new program's name */
		}
		if (tr.o->detach_execve && !own)
			return detach_on_exec(ev);
		if (ev->old_tid && ev->old_tid != ev->tid) {
			supersede(ev);
			/* The tid's state is now the exec'ing thread's,
			   which still has the old name. */
			ts = snare_thread_user(ev->thread);
			if (ts)
				comm_load(ts);
		}
		return SNARE_CONTINUE;
	}
	case SNARE_EV_PROC_DETACHED:
		breaks_gone(ev->proc);
		return SNARE_CONTINUE;
	case SNARE_EV_STRAY_EXIT:
	case SNARE_EV_STRAY_DETACHED:
		/* strace's words for a process it did not trace: a
		   CLONE_PARENT child of ours that exited, a CLONE_PTRACE
		   child without -f let go. */
		if (tr.o->json)
			return SNARE_CONTINUE;
		if (ev->kind == SNARE_EV_STRAY_EXIT &&
		    !(tr.o->quiet & Q_EXIT))
			fprintf(stderr, "%s: Exit of unknown pid %d ignored\n",
				trace_progname, (int)ev->pid);
		else if (ev->kind == SNARE_EV_STRAY_DETACHED &&
			 !(tr.o->quiet & Q_ATTACH))
			fprintf(stderr, "%s: Detached unknown pid %d\n",
				trace_progname, (int)ev->pid);
		return SNARE_CONTINUE;
	default:
		break;
	}
	if (ev->kind == SNARE_EV_PROC_EXIT)
		breaks_gone(ev->proc);
	/* A thread shown only for its --break hits (no -f) ends quietly. */
	if (ts && !ts->visible && ts->bp_shown &&
	    (ev->kind == SNARE_EV_THREAD_EXIT || ev->kind == SNARE_EV_PROC_EXIT)) {
		out_flush(ts->out);
		tstate_drop(ts);
		return SNARE_CONTINUE;
	}
	if (!ts || !ts->visible)
		goto out;
	if (tr.o->ipointer)
		tstate_set_pc(ts, ev->kind == SNARE_EV_SIGNAL ||
					  ev->kind == SNARE_EV_GROUP_STOP
				  ? ev->thread
				  : NULL);
	switch (ev->kind) {
	case SNARE_EV_SIGNAL:
		if (in_prelude(ts))
			break;
		if (ts->in_sc)
			finish_syscall(ts, restart_text(ts->nr));
		if (ev->signo > 0 && ev->signo < MAX_SIG &&
		    tr.o->sig_set[ev->signo] && (tr.lines || tr.o->json))
			print_signal(ts, ev);
		break;
	case SNARE_EV_WATCHPOINT:
		watches_print(ts, ev);
		break;
	case SNARE_EV_GROUP_STOP:
		if (tr.o->json && ev->signo > 0 && ev->signo < MAX_SIG &&
		    tr.o->sig_set[ev->signo]) {
			FILE *f = json_begin(ts, "stopped");

			fprintf(f, ",\"signo\":%d,\"name\":\"%s\"}\n",
				ev->signo, snare_signal_name(ev->signo));
		} else if (tr.lines && tr.o->sig_set[ev->signo]) {
			print_leader(ts, ts->last_nr);
			out_printf(ts->out, "--- stopped by %s ---",
				   snare_signal_name(ev->signo));
			end_line(ts);
			if (tr.o->stack_trace && ev->thread)
				print_stack(ts, ev->thread);
		}
		break;
	case SNARE_EV_THREAD_EXIT:
		if (ts->in_sc)
			finish_syscall(ts, "");
		if (ev->tid != ev->pid) {
			print_death(ts, ev);
			out_flush(ts->out);
			tstate_drop(ts);
			return SNARE_CONTINUE;
		}
		break;
	case SNARE_EV_PROC_EXIT:
		if (ts->in_sc)
			finish_syscall(ts, "");
		print_death(ts, ev);
		out_flush(ts->out);
		tstate_drop(ts);
		return SNARE_CONTINUE;
	default:
		break;
	}
out:
	if (ts)
		out_flush(ts->out);
	return SNARE_CONTINUE;
}

