/* SPDX-License-Identifier: MIT */
/*
 * tstate.c: `snare trace`'s state of each thread and the two ends of its
 * lines. The state (struct tstate) lives on the library's thread handle
 * (snare_thread_set_user()): made at the thread's first event, let go of
 * at its death (events.c), or, for a thread whose end was never reported
 * (a detach, a thread that vanished in another's exec, the session's
 * end), when the library frees the handle (tstate_gone()). The leader's
 * state is also the process handle's user pointer, for the one event
 * where the leader's handle cannot be named any more: an exec from
 * another thread (events.c, supersede()). A line starts with its leader
 * ("[pid  42] 12:00:01 ") and is ended by whatever the same stream prints
 * next (" <unfinished ...>").
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events.h"

/* The state of the thread with this tid, live or dead but still held. */
struct tstate *
tstate_find(pid_t tid)
{
	if (!tr.s)
		return NULL;
	return snare_thread_user(snare_session_thread(tr.s, tid));
}

/* The state of thread t, made on its first use. */
struct tstate *
tstate_of(snare_thread *t, bool visible)
{
	struct tstate *ts = snare_thread_user(t);
	snare_proc *p = snare_thread_proc(t);

	if (ts || !t)
		return ts;
	ts = calloc(1, sizeof(*ts));
	if (!ts)
		return NULL;
	ts->thread = t;
	ts->tid = snare_thread_tid(t);
	ts->proc = p;
	ts->pid = p ? snare_proc_pid(p) : ts->tid;
	ts->restart_nr = -1;
	ts->visible = visible;
	ts->last_nr = -1;
	ts->out = out_open(tr.o, ts->tid);
	if (!ts->out) {
		free(ts);
		return NULL;
	}
	snare_thread_set_user(t, ts);
	if (ts->tid == ts->pid)
		snare_proc_set_user(p, ts);
	comm_load(ts);
	if (visible)
		tr.nshown++;
	return ts;
}

struct tstate *
tstate_new(pid_t tid, snare_proc *p, bool visible)
{
	return tstate_of(snare_proc_thread(p, tid), visible);
}

/*
 * --gdb: a process taken back after a hand-off has new thread handles (the
 * old ones stay dead). The states on the old ones, listed in old before
 * the hand-off, go on on the new handle of the same tid.
 */
void
tstate_carry(snare_thread *const *old, size_t n, snare_proc *p)
{
	snare_thread *t;
	struct tstate *ts;
	size_t i;

	for (i = 0; i < n; i++) {
		ts = snare_thread_user(old[i]);
		t = snare_proc_thread(p, snare_thread_tid(old[i]));
		if (!ts || !t || t == old[i] || snare_thread_user(t))
			continue;
		snare_thread_set_user(old[i], NULL);
		snare_thread_set_user(t, ts);
		ts->thread = t;
	}
}

/* What a thread's state holds, let go of (its handles are not touched). */
static void
tstate_free(struct tstate *ts)
{
	if (*out_owner(ts->out) == ts)
		*out_owner(ts->out) = NULL;
	if ((ts->visible || ts->bp_shown) && tr.nshown)
		tr.nshown--;
	free(ts->enter_text);
	free(ts->restart_text);
	free(ts->kept_stack);
	free(ts->path);
	free(ts->inj_count);
	free(ts);
}

/* The thread is gone: its state too, off its handles. */
void
tstate_drop(struct tstate *ts)
{
	snare_thread_set_user(ts->thread, NULL);
	if (snare_proc_user(ts->proc) == ts)
		snare_proc_set_user(ts->proc, NULL);
	tstate_free(ts);
}

/* snare_session_on_thread_free(): the library frees a thread handle
   whose state was never dropped. */
void
tstate_gone(snare_thread *t, void *ts, void *user)
{
	(void)t;
	(void)user;
	tstate_free(ts);
}

/* At the end, after snare_session_free() (which let go of every state). */
void
tstate_free_all(void)
{
	syscall_text_free();
}

/*
 * Close an open line with " <unfinished ...>" or " <detached ...>": a
 * syscall's entry half gets the ", " strace puts before an argument the
 * kernel fills in ("wait4(-1,  <unfinished ...>"), which snare's decoder
 * leaves to the exit half.
 */
void
close_open_line(struct tstate *o, const char *how)
{
	char sep[8];

	if (o->in_sc && !o->call_open && !o->sep_out) {
		snare_format_syscall_unfinished(sep, sizeof(sep), o->nr,
						o->args, fmt_for(o->nr));
		out_puts(o->out, sep);
	}
	o->sep_out = false;
	out_puts(o->out, how);
}

/* Close another thread's open line; a --break call ("malloc(472") comes
   back resumed. */
static void
mark_unfinished(struct tstate *o)
{
	close_open_line(o, " <unfinished ...>");
	o->call_open = NULL;
}

/* Nanoseconds per unit of the last of width digits (6: 1000). */
static long
scale_of(int width)
{
	long v = 1;

	for (; width < 9; width++)
		v *= 10;
	return v;
}

void
print_duration(struct out *f, double secs)
{
	long whole = (long)secs;
	double frac = secs - (double)whole;
	long v;

	if (!tr.o->T_width) {
		out_printf(f, " <%ld>", whole);
		return;
	}
	v = (long)(frac * 1e9) / scale_of(tr.o->T_width);
	out_printf(f, " <%ld.%0*ld>", whole, tr.o->T_width, v);
}

/*
 * -Y: the thread's command after its id in the prefix, "42<cat>", quoted
 * as strace does ('<' and '>' in octal). Read at each line; the last one
 * read stays for when the thread is gone. Empty without -Y.
 */
void
comm_load(struct tstate *ts)
{
	char path[64], comm[sizeof(ts->comm)];
	FILE *in;

	if (!(tr.o->fmt.decode_pids & SNARE_DECODE_PIDS_COMM))
		return;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)ts->tid);
	in = fopen(path, "re");
	if (!in)
		return;
	if (fgets(comm, sizeof(comm), in)) {
		comm[strcspn(comm, "\n")] = '\0';
		if (comm[0])
			memcpy(ts->comm, comm, sizeof(comm));
	}
	fclose(in);
}

static void
leader_comm(struct tstate *ts, char *out, size_t cap)
{
	size_t n = 0, i, len;

	out[0] = '\0';
	if (!(tr.o->fmt.decode_pids & SNARE_DECODE_PIDS_COMM))
		return;
	comm_load(ts);
	len = strlen(ts->comm);
	for (i = 0; i < len && n + 6 < cap; i++) {
		unsigned char c = (unsigned char)ts->comm[i];
		unsigned char next = (unsigned char)ts->comm[i + 1];

		if (c == '"' || c == '\\')
			n += (size_t)snprintf(out + n, cap - n, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f && c != '<' && c != '>')
			out[n++] = (char)c;
		else if (c == '\n')
			n += (size_t)snprintf(out + n, cap - n, "\\n");
		else if (c == '\t')
			n += (size_t)snprintf(out + n, cap - n, "\\t");
		else if (next >= '0' && next <= '7')
			n += (size_t)snprintf(out + n, cap - n, "\\%03o", c);
		else
			n += (size_t)snprintf(out + n, cap - n, "\\%o", c);
	}
	out[n] = '\0';
}

/* The leader of a line: pid prefix, timestamps, syscall number. */
void
print_leader(struct tstate *ts, long nr)
{
	struct out *f = ts->out;
	void **own = out_owner(f);
	struct timespec now;

	if (*own) {
		/* A call line stays open only until anything else comes,
		   the same thread's syscalls included. */
		if (*own != ts || ((struct tstate *)*own)->call_open)
			mark_unfinished(*own);
		out_endline(f);
	}
	*own = ts;
	if (!(tr.o->follow == 2 && tr.o->outfile)) {
		char comm[80];

		leader_comm(ts, comm, sizeof(comm));
		if (tr.pid_column && comm[0])
			out_printf(f, "%d<%s> ", (int)ts->tid, comm);
		else if (tr.pid_column)
			out_printf(f, "%-5d ", (int)ts->tid);
		else if (tr.nshown > 1 && comm[0])
			out_printf(f, "[pid %5d<%s>] ", (int)ts->tid, comm);
		else if (tr.nshown > 1)
			out_printf(f, "[pid %5d] ", (int)ts->tid);
	}
	if (tr.o->ts_format != TS_NONE) {
		struct tm tm;
		char frac[16] = "";

		clock_gettime(CLOCK_REALTIME, &now);
		if (tr.o->ts_width)
			snprintf(frac, sizeof(frac), ".%0*ld", tr.o->ts_width,
				 now.tv_nsec / scale_of(tr.o->ts_width));
		if (tr.o->ts_format == TS_UNIX) {
			out_printf(f, "%lld%s ", (long long)now.tv_sec, frac);
		} else {
			localtime_r(&now.tv_sec, &tm);
			out_printf(f, "%02d:%02d:%02d%s ", tm.tm_hour,
				   tm.tm_min, tm.tm_sec, frac);
		}
	}
	if (tr.o->relative) {
		struct timespec d;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!tr.have_last_ts)
			tr.last_ts = now;
		d.tv_sec = now.tv_sec - tr.last_ts.tv_sec;
		d.tv_nsec = now.tv_nsec - tr.last_ts.tv_nsec;
		if (d.tv_nsec < 0) {
			d.tv_sec--;
			d.tv_nsec += 1000000000L;
		}
		if (tr.o->r_width)
			out_printf(f, "%6ld.%0*ld ", (long)d.tv_sec,
				   tr.o->r_width,
				   d.tv_nsec / scale_of(tr.o->r_width));
		else
			out_printf(f, "%6ld ", (long)d.tv_sec);
		tr.last_ts = now;
		tr.have_last_ts = true;
	}
	if (tr.o->numbers && nr >= 0)
		out_printf(f, "[%4ld] ", nr);
	if (tr.o->ipointer) {
		if (ts->pc_ok)
			out_printf(f, "[%016llx] ", (unsigned long long)ts->pc);
		else
			out_puts(f, "[????????????????] ");
	}
}

void
tstate_set_pc(struct tstate *ts, snare_thread *t)
{
	ts->pc_ok = t && snare_thread_pc(&ts->pc, t) == 0;
}

bool
in_prelude(const struct tstate *ts)
{
	return (tr.o->user || tr.o->daemonize) &&
	       (tr.spawning || ts->pid == tr.prelude_pid);
}

void
end_line(struct tstate *ts)
{
	out_endline(ts->out);
	*out_owner(ts->out) = NULL;
	ts->call_open = NULL;
}

void
tstate_show_breaks(struct tstate *ts)
{
	if (ts->visible || ts->bp_shown)
		return;
	ts->bp_shown = true;
	tr.nshown++;
}

void
quote_string(struct out *f, const char *s, const snare_format_opts *fo,
	     bool limit)
{
	size_t len = strlen(s), n = len, i;

	if (limit && fo->strsize >= 0 && n > (size_t)fo->strsize)
		n = (size_t)fo->strsize;
	out_puts(f, "\"");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char next = i + 1 < len ? (unsigned char)s[i + 1] : 0;

		if (fo->xflag == 2 || (fo->xflag == 1 && (c < 0x20 || c >= 0x7f)))
			out_printf(f, "\\x%02x", c);
		else if (c == '"' || c == '\\')
			out_printf(f, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			out_printf(f, "%c", c);
		else if (c == '\n')
			out_puts(f, "\\n");
		else if (c == '\t')
			out_puts(f, "\\t");
		else if (c == '\r')
			out_puts(f, "\\r");
		else if (c == '\v')
			out_puts(f, "\\v");
		else if (c == '\f')
			out_puts(f, "\\f");
		else if (fo->xflag == 3)
			out_printf(f, "\\x%02x", c);
		else if (next >= '0' && next <= '7')
			out_printf(f, "\\%03o", c);
		else
			out_printf(f, "\\%o", c);
	}
	out_puts(f, n < len ? "\"..." : "\"");
}

/* JSON: the fields every object starts with. */
FILE *
json_begin(struct tstate *ts, const char *type)
{
	FILE *f = out_stream(ts->out);
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	fprintf(f, "{\"type\":\"%s\",\"pid\":%d,\"tid\":%d,\"time\":%lld.%06ld",
		type, (int)ts->pid, (int)ts->tid, (long long)now.tv_sec,
		now.tv_nsec / 1000);
	return f;
}

/* For breaks.c: the same line leader and ending as syscall lines. */
void
print_leader_for(struct tstate *ts)
{
	print_leader(ts, -1);
}

void
end_line_for(struct tstate *ts)
{
	end_line(ts);
}

/*
 * Tracing ends (Ctrl-C): every open line ends with " <detached ...>", and
 * an entry held back for its -e status= is shown, "detached". The live
 * threads of the session are the ones whose lines can be open.
 */
void
detach_lines(void)
{
	snare_thread **all;
	struct tstate *ts;
	size_t i, n, k;

	n = snare_session_threads(NULL, 0, tr.s);
	all = calloc(n ? n : 1, sizeof(*all));
	if (!all)
		return;
	k = snare_session_threads(all, n, tr.s);
	if (k < n)
		n = k;
	for (i = 0; i < n; i++) {
		ts = snare_thread_user(all[i]);
		if (!ts)
			continue;
		/* -e status=: the entry was held back for its status,
		   which is now "detached". */
		if (ts->in_sc && ts->deferred && ts->shown && tr.lines &&
		    (tr.o->status & ST_DETACHED)) {
			print_leader(ts, ts->nr);
			out_puts(ts->out, ts->enter_text ? ts->enter_text : "");
			ts->deferred = false;
		}
		if (*out_owner(ts->out) == ts) {
			close_open_line(ts, " <detached ...>");
			end_line(ts);
		}
		ts->call_open = NULL;
		out_flush(ts->out);
	}
	free(all);
}
