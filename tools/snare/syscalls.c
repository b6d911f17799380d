/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c: the syscall lines of `snare trace`, as strace 6.1 prints
 * them. A syscall prints its entry half when it enters ("read(0, ") and
 * its exit half when it returns ("..., 5) = 5"); when another thread
 * prints in between, the open line is closed with " <unfinished ...>"
 * and the exit comes back as "<... read resumed>". A call that never
 * returns (exit, a death, a signal) is ended by finish_syscall(). --json
 * prints one object per call instead. The texts come from
 * snare_format_syscall_enter/exit().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "events.h"

#define TEXT_CAP 65536

/* One line's text, grown to what the decoder needs (-s 200000 on a
   100 KB write makes a line of 400 KB). */
static char text_small[TEXT_CAP];
static char *text = text_small;
static size_t text_cap = TEXT_CAP;

/* Make the text buffer hold need bytes; false (text kept, cut) when
   memory runs out. */
static bool
text_reserve(size_t need)
{
	char *bigger;

	if (need <= text_cap)
		return true;
	bigger = malloc(need);
	if (!bigger)
		return false;
	if (text != text_small)
		free(text);
	text = bigger;
	text_cap = need;
	return true;
}

/* The text buffer, back to its first size (at the end). */
void
syscall_text_free(void)
{
	if (text != text_small)
		free(text);
	text = text_small;
	text_cap = TEXT_CAP;
}

/*
 * The format options for syscall nr: -e raw=, -e abbrev= and -e verbose=
 * name sets of syscalls (strace's qualify_raw, qualify_abbrev,
 * qualify_verbose), applied per call.
 */
const snare_format_opts *
fmt_for(long nr)
{
	static snare_format_opts fo;
	const struct trace_opts *o = tr.o;
	long count = snare_syscall_count();
	bool in = nr >= 0 && nr < count;

	fo = o->fmt;
	if (o->raw_set)
		fo.raw = in && o->raw_set[nr];
	if (o->abbrev_set)
		fo.verbose = !(in && o->abbrev_set[nr]);
	if (o->verbose_set)
		fo.terse = !(in && o->verbose_set[nr]);
	return &fo;
}

static void
format_enter(snare_proc *p, long nr, const uint64_t args[6])
{
	size_t n = snare_format_syscall_enter(text, text_cap, p, nr, args,
					      fmt_for(nr));

	if (n >= text_cap && text_reserve(n + 1))
		snare_format_syscall_enter(text, text_cap, p, nr, args,
					   fmt_for(nr));
}

static void
format_exit(snare_proc *p, long nr, const uint64_t args[6], int64_t ret)
{
	size_t n = snare_format_syscall_exit(text, text_cap, p, nr, args, ret,
					     fmt_for(nr));

	if (n >= text_cap && text_reserve(n + 1))
		snare_format_syscall_exit(text, text_cap, p, nr, args, ret,
					  fmt_for(nr));
}

/* An injected retval= is a success whatever its value, as strace. */
static void
format_exit_success(snare_proc *p, long nr, const uint64_t args[6],
		    int64_t ret)
{
	size_t n = snare_format_syscall_exit_success(text, text_cap, p, nr,
						     args, ret, fmt_for(nr));

	if (n >= text_cap && text_reserve(n + 1))
		snare_format_syscall_exit_success(text, text_cap, p, nr, args,
						  ret, fmt_for(nr));
}

/*
 * -c without -w counts system time, as strace does: the CPU time the thread
 * used between its entry and exit stops (it runs only in the kernel then),
 * from the scheduler's ns count in /proc/PID/task/TID/schedstat; -1 when it
 * cannot be read (the wall clock is used then).
 */
static long long
thread_cpu_ns(pid_t pid, pid_t tid)
{
	char path[64];
	long long ns = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat", (int)pid,
		 (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return ns;
}

static double
ts_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) +
	       (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

static const char *
sc_name(long nr, char *buf, size_t cap)
{
	const char *n = snare_syscall_name(nr);

	if (n)
		return n;
	snprintf(buf, cap, "syscall_%#lx", (unsigned long)nr);
	return buf;
}

static bool
is_error(int64_t rv)
{
	return rv < 0 && rv >= -4095;
}

/*
 * strace reads a path argument of up to PATH_MAX bytes and says so on
 * stderr when it runs into an unreadable page before the path's NUL:
 * "short read (1 < 4096) @0x7f...fff: Bad address". The line shows the
 * address, as snare's decoder does.
 */
static void
warn_short_paths(snare_proc *p, long nr, const uint64_t args[6])
{
	unsigned char roles[6];
	int nargs = snare_syscall_arg_roles(roles, nr, args), i;
	char buf[4096], c;

	for (i = 0; i < nargs && i < 6; i++) {
		ssize_t n;

		if (roles[i] != SNARE_ARG_PATH || !args[i])
			continue;
		n = snare_mem_read_str(buf, sizeof(buf), p, args[i]);
		if (n <= 0 || (size_t)n >= sizeof(buf) - 1 ||
		    snare_mem_read(&c, p, args[i] + (uint64_t)n, 1) == 0)
			continue;
		fprintf(stderr, "%s: short read (%zd < %zu) @%#llx: %s\n",
			trace_progname, n, sizeof(buf),
			(unsigned long long)args[i], strerror(EFAULT));
	}
}

static bool
traced(long nr)
{
	/* A number no syscall has is always shown, as strace shows it
	   ("syscall_0x1c3(...)"), whatever -e trace= says. */
	if (tr.o->trace_all || nr >= snare_syscall_count())
		return true;
	return nr >= 0 && tr.o->trace_set[nr];
}

/*
 * Print an exit half: the arguments the kernel filled in and ")", then the
 * result at column 40 ("= 3"), as strace's tabto() does. The split is the
 * first ") = " outside a quoted string.
 */
static void
print_exit_text(struct out *f, const char *s)
{
	bool quoted = false;
	const char *p;

	for (p = s; *p; p++) {
		if (quoted && *p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && !strncmp(p, ") = ", 4))
			break;
	}
	if (!*p) {
		out_puts(f, s);
		return;
	}
	out_printf(f, "%.*s) ", (int)(p - s), s);
	out_tab(f, (size_t)tr.o->acolumn);
	out_puts(f, p + 2);
}

/* The text already holds its result (") = ?"). */
static size_t result_at(const char *s);

static bool
has_result(const char *s)
{
	return s[result_at(s)] != '\0';
}

/* Where the first ") = " outside a quoted string starts, or the end. */
static size_t
result_at(const char *s)
{
	const char *s0 = s;
	bool quoted = false;

	for (; *s; s++) {
		if (quoted && *s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && !strncmp(s, ") = ", 4))
			return (size_t)(s - s0);
	}
	return (size_t)(s - s0);
}

/* The kernel's restart codes: the call runs again after a signal. */
static bool
restart_code(int64_t rv)
{
	return rv == -512 || rv == -513 || rv == -514 || rv == -516;
}

static void json_keep_path(struct tstate *ts, snare_thread *t);
static void json_syscall(struct tstate *ts, const char *exit_text,
			 const int64_t *rv, double secs);

/* A syscall that never returns, printed whole at its entry. */
static void
print_complete(struct tstate *ts, long nr)
{
	ts->in_sc = false;
	if (tr.o->json) {
		ts->enter_text = strdup(text);
		json_syscall(ts, "", NULL, 0);
		free(ts->enter_text);
		ts->enter_text = NULL;
		return;
	}
	if (tr.o->status != ST_ALL && !(tr.o->status & ST_UNFINISHED))
		return;
	print_leader(ts, nr);
	print_exit_text(ts->out, text);
	end_line(ts);
}

/*
 * restart_syscall, as strace: "restart_syscall(<... resuming interrupted
 * clock_nanosleep ...>" names the call it resumes (the last one of the
 * thread interrupted with ERESTART_RESTARTBLOCK).
 */
static void
resuming_text(struct tstate *ts, long nr)
{
	const char *n = snare_syscall_name(nr);
	const char *was = ts->restart_nr >= 0
				  ? snare_syscall_name(ts->restart_nr)
				  : NULL;

	if (!n || strcmp(n, "restart_syscall"))
		return;
	snprintf(text, text_cap, "restart_syscall(<... resuming interrupted "
		 "%s ...>", was ? was : "system call");
	ts->restart_nr = -1;
}

int
on_sc_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	pid_t tid = snare_thread_tid(t);
	struct tstate *ts;
	int rule;

	(void)user;
	/* The spawned program's own execve runs inside snare_spawn(). */
	ts = tstate_of(t, tr.o->follow > 0 || tr.spawning);
	if (!ts)
		return SNARE_CONTINUE;
	ts->in_sc = true;
	ts->sep_out = false;
	ts->nr = ts->last_nr = sc->nr;
	memcpy(ts->args, sc->args, sizeof(ts->args));
	if (tr.o->json)
		json_keep_path(ts, t);
	ts->injected = false;
	ts->inj_sig = 0;
	ts->inj_rule = -1;
	ts->poked = false;
	ts->deferred = false;
	ts->shown = ts->visible && traced(sc->nr);
	if (tr.o->debug && sc->nr >= snare_syscall_count())
		fprintf(stderr, "%s: pid %d invalid syscall %#lx\n",
			trace_progname, (int)tid, (unsigned long)sc->nr);
	if (tr.o->ipointer)
		tstate_set_pc(ts, t);
	/* -u: the helper's code is not the program's; its execve is. */
	if (in_prelude(ts)) {
		const char *n = snare_syscall_name(sc->nr);

		ts->shown = ts->shown && !tr.spawning && n &&
			    (!strcmp(n, "execve") || !strcmp(n, "execveat"));
		rule = -1;
	} else {
		/* As strace: the program's own execve is neither injected
		   nor counted for when= (it would fail before the program
		   ran: "-e inject=all:error=ENOENT"). */
		rule = -1;
	}
	/* -P: only syscalls that name a path or use an fd open on it. */
	if (ts->shown && tr.o->npaths)
		ts->shown = path_match(tid, ts->proc, sc->nr, sc->args);
	/* As strace, only a traced call is injected or counted for when=
	   (-e trace=exit -e fault=all leaves the loader's calls alone). */
	if (!in_prelude(ts) && ts->shown && !tr.spawning)
		rule = inject_match(ts, sc->nr);
	if (rule >= 0) {
		const struct inject_rule *ir = &tr.o->inject[rule];

		if (ir->has_error || ir->has_retval) {
			sc->skip = 1;
			sc->retval = ir->has_error ? -(int64_t)ir->error
						   : ir->retval;
			ts->injected = true;
		}
		ts->inj_sig = ir->signo;
		ts->inj_rule = rule;
		inject_pokes(ts, ir, false);
	}
	if (ts->shown && tr.lines && tr.o->stack_trace && !tr.spawning &&
	    !in_prelude(ts) &&
	    (sc->nr == SYS_execve || sc->nr == SYS_execveat)) {
		/* After a successful exec the stack is the new image's one
		   frame; strace shows the caller's, taken here at the entry,
		   after the line's end. Not for the program's own exec: its
		   caller is snare's spawn (strace shows the new image too). */
		stack_keep(ts, t);
	}
	if (ts->shown && (tr.lines || tr.o->json)) {
		if (!tr.o->raw_set || sc->nr < 0 ||
		    sc->nr >= snare_syscall_count() || !tr.o->raw_set[sc->nr])
			warn_short_paths(ts->proc, sc->nr, sc->args);
		format_enter(ts->proc, sc->nr, sc->args);
		resuming_text(ts, sc->nr);
		free(ts->enter_text);
		ts->enter_text = NULL;
		if (has_result(text) && ts->injected) {
			/* exit_group faulted: it returns after all, and
			   its result comes at the exit, as strace shows. */
			text[result_at(text)] = '\0';
		}
		if (has_result(text)) {
			/* exit, exit_group: the decoder ends the line "= ?" */
			print_complete(ts, sc->nr);
			if (tr.o->stack_trace)
				stack_keep(ts, t);
		} else if (tr.o->json || tr.o->status != ST_ALL) {
			ts->enter_text = strdup(text);
			ts->deferred = true;
		} else {
			char sep[8];

			print_leader(ts, sc->nr);
			out_puts(ts->out, text);
			snare_format_syscall_unfinished(sep, sizeof(sep),
							sc->nr, sc->args,
							fmt_for(sc->nr));
			if (!strcmp(sep, ", ")) {
				out_puts(ts->out, sep);
				ts->sep_out = true;
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &ts->t0);
	ts->cpu0 = tr.o->summary && !tr.o->wall_clock
			   ? thread_cpu_ns(ts->pid, ts->tid)
			   : -1;
	out_flush(ts->out);
	if (ts->inj_rule >= 0)
		inject_delay(&tr.o->inject[ts->inj_rule], 0);
	return SNARE_CONTINUE;
}

/* The first argument of a syscall that is a path, for --json's "path". */
static int
path_arg(long nr, const uint64_t *args)
{
	unsigned char roles[6];
	int n = snare_syscall_arg_roles(roles, nr, args), i;

	for (i = 0; i < n && i < 6; i++)
		if (roles[i] == SNARE_ARG_PATH)
			return i;
	return -1;
}

/* Keep the path argument's bytes at entry (an execve replaces them). */
static void
json_keep_path(struct tstate *ts, snare_thread *t)
{
	char buf[4096];
	int arg = path_arg(ts->nr, ts->args);

	free(ts->path);
	ts->path = NULL;
	if (arg < 0 || !ts->args[arg])
		return;
	if (snare_mem_read_str(buf, sizeof(buf), snare_thread_proc(t),
			       ts->args[arg]) >= 0)
		ts->path = strdup(buf);
}

static void
json_syscall(struct tstate *ts, const char *exit_text, const int64_t *rv,
	     double secs)
{
	FILE *f = json_begin(ts, "syscall");
	char buf[32], *line;
	int i;

	fprintf(f, ",\"name\":");
	json_string(f, sc_name(ts->nr, buf, sizeof(buf)));
	fprintf(f, ",\"nr\":%ld,\"args\":[", ts->nr);
	for (i = 0; i < 6; i++)
		fprintf(f, "%s\"0x%llx\"", i ? "," : "",
			(unsigned long long)ts->args[i]);
	fprintf(f, "]");
	if (ts->path) {
		fprintf(f, ",\"path\":");
		json_string(f, ts->path);
	}
	fprintf(f, ",\"text\":");
	if (asprintf(&line, "%s%s", ts->enter_text ? ts->enter_text : "",
		     exit_text) >= 0) {
		json_string(f, line);
		free(line);
	}
	if (rv) {
		fprintf(f, ",\"retval\":%lld", (long long)*rv);
		if (is_error(*rv) && snare_errno_name((int)*rv))
			fprintf(f, ",\"errno\":\"%s\"",
				snare_errno_name((int)*rv));
		fprintf(f, ",\"duration\":%.6f", secs);
	} else {
		fprintf(f, ",\"retval\":null,\"unfinished\":true");
	}
	if (ts->injected)
		fprintf(f, ",\"injected\":true");
	fprintf(f, "}\n");
}

int
on_sc_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	struct tstate *ts = snare_thread_user(t);
	struct timespec now;
	const char *exit_text;
	bool failed, forced;
	double secs;
	char buf[32];

	(void)user;
	if (!ts || !ts->in_sc)
		return SNARE_CONTINUE;
	if (restart_code(sc->retval) && sc->retval == -516) {
		/* ERESTART_RESTARTBLOCK: a restart_syscall resumes it. */
		ts->restart_nr = ts->nr;
	}
	if (restart_code(sc->retval)) {
		/* Interrupted: shown when its signal is (the call is still
		   open until then), with the real restart code and what the
		   exit decodes ("clock_nanosleep(..., {tv_sec=9, ...})"). */
		free(ts->restart_text);
		ts->restart_text = NULL;
		if (ts->shown && (tr.lines || tr.o->json)) {
			format_exit(ts->proc, ts->nr, ts->args, sc->retval);
			ts->restart_text = strdup(text);
		}
		return SNARE_CONTINUE;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = ts_diff(&now, &ts->t0);
	if (ts->cpu0 >= 0) {
		long long ns = thread_cpu_ns(ts->pid, ts->tid);

		if (ns >= ts->cpu0)
			secs = (double)(ns - ts->cpu0) / 1e9;
	}
	ts->in_sc = false;
	if (ts->inj_rule >= 0) {
		inject_pokes(ts, &tr.o->inject[ts->inj_rule], true);
		inject_delay(&tr.o->inject[ts->inj_rule], 1);
	}
	forced = ts->injected && ts->inj_rule >= 0 &&
		 tr.o->inject[ts->inj_rule].has_retval &&
		 !tr.o->inject[ts->inj_rule].has_error;
	failed = !forced && is_error(sc->retval);
	/* strace delivers it with the resume from this stop: the kernel
	   sends it (si_code SI_KERNEL). */
	if (ts->inj_sig && snare_thread_set_signal(t, ts->inj_sig) < 0)
		syscall(SYS_tgkill, ts->pid, ts->tid, ts->inj_sig);
	if (!ts->shown)
		return SNARE_CONTINUE;
	if (tr.o->summary)
		summary_add(ts->nr, secs - tr.o->overhead, failed);
	if (!tr.lines && !tr.o->json)
		return SNARE_CONTINUE;
	if (!(tr.o->status & (failed ? ST_FAILED : ST_SUCCESSFUL)))
		goto out;
	if (tr.o->ipointer)
		tstate_set_pc(ts, t);
	if (forced)
		format_exit_success(ts->proc, ts->nr, ts->args, sc->retval);
	else
		format_exit(ts->proc, ts->nr, ts->args, sc->retval);
	if (!text[0] && ts->injected) {
		/* exit_group with a fault injected returned: the decoder
		   has no exit half for it; its result as strace prints it. */
		const char *e = is_error(sc->retval) ?
			snare_errno_name((int)-sc->retval) : NULL;

		if (e)
			snprintf(text, text_cap, ") = -1 %s (%s)", e,
				 strerror((int)-sc->retval));
		else
			snprintf(text, text_cap, ") = %lld",
				 (long long)sc->retval);
	}
	{
		/* strace's notes: what was tampered with, and a delay. */
		const struct inject_rule *ir = ts->inj_rule >= 0 ?
			&tr.o->inject[ts->inj_rule] : NULL;
		const char *note = ts->injected && ts->poked ?
					   " (INJECTED: args, retval)" :
				   ts->poked ? " (INJECTED: args)" :
				   ts->injected ? " (INJECTED)" : "";

		if (strlen(text) + strlen(note) + 11 < text_cap) {
			strcat(text, note);
			if (ir && (ir->has_delay[0] || ir->has_delay[1]))
				strcat(text, " (DELAYED)");
		}
	}
	exit_text = text;
	if (tr.o->json) {
		json_syscall(ts, text, &sc->retval, secs);
		goto out;
	}
	if (ts->deferred) {
		print_leader(ts, ts->nr);
		out_puts(ts->out, ts->enter_text ? ts->enter_text : "");
	} else if (*out_owner(ts->out) != ts) {
		print_leader(ts, ts->nr);
		char sep[8];

		out_printf(ts->out, "<... %s resumed>",
			   sc_name(ts->nr, buf, sizeof(buf)));
		/* The entry half ended with the ", " before an argument the
		   kernel fills in; not after a split one ("<... clone
		   resumed>, parent_tid=[42]"). */
		snare_format_syscall_unfinished(sep, sizeof(sep), ts->nr,
						ts->args, fmt_for(ts->nr));
		if (!strcmp(sep, ", ") && !strncmp(exit_text, ", ", 2))
			exit_text += 2;
	} else if (ts->sep_out && !strncmp(exit_text, ", ", 2)) {
		exit_text += 2; /* printed at the entry */
	}
	ts->sep_out = false;
	print_exit_text(ts->out, exit_text);
	if (tr.o->syscall_times)
		print_duration(ts->out, secs);
	end_line(ts);
	if (tr.o->read_fds.n || tr.o->read_fds.all || tr.o->read_fds.negate ||
	    tr.o->write_fds.n || tr.o->write_fds.all || tr.o->write_fds.negate)
		dump_io(ts, ts->nr, sc->retval);
	if (ts->kept_stack)
		stack_put_kept(ts);
	else if (tr.o->stack_trace)
		print_stack(ts, t);
out:
	free(ts->kept_stack);	/* an exec's line hidden by -Z/-z, --json */
	ts->kept_stack = NULL;
	free(ts->enter_text);
	ts->enter_text = NULL;
	out_flush(ts->out);
	return SNARE_CONTINUE;
}

/*
 * A syscall that never returns to us: exit/exit_group, a thread killed in
 * a syscall, or one interrupted by a signal (the library does not report
 * the ERESTART* exits, so the restart code is inferred from the syscall).
 */
void
finish_syscall(struct tstate *ts, const char *how)
{
	char buf[32], sep[8], *line;
	bool resumed;

	ts->in_sc = false;
	if (!ts->shown || !(tr.lines || tr.o->json))
		goto out;
	if (!(tr.o->status & ST_UNFINISHED) && !how[0])
		goto out;
	if (tr.o->json) {
		/* The text as the line shows it, "pause() = ?". */
		if (how[0] && ts->restart_text) {
			json_syscall(ts, ts->restart_text, NULL, 0);
		} else if (asprintf(&line, ") = ?%s", how) >= 0) {
			json_syscall(ts, line, NULL, 0);
			free(line);
		}
		goto out;
	}
	/* Arguments the exit was to decode ("nanosleep({...}, " and the
	   remaining time) never come: strace ends such a call
	   ",  <unfinished ...>) = ?", or "<... resumed> <unfinished ...>". */
	snare_format_syscall_unfinished(sep, sizeof(sep), ts->nr, ts->args,
					fmt_for(ts->nr));
	resumed = !ts->deferred && *out_owner(ts->out) != ts;
	if (ts->deferred) {
		print_leader(ts, ts->nr);
		out_puts(ts->out, ts->enter_text ? ts->enter_text : "");
	} else if (resumed) {
		print_leader(ts, ts->nr);
		out_printf(ts->out, "<... %s resumed>",
			   sc_name(ts->nr, buf, sizeof(buf)));
		if (how[0] && ts->restart_text && !strcmp(sep, ", ") &&
		    !strncmp(ts->restart_text, ", ", 2))
			memmove(ts->restart_text, ts->restart_text + 2,
				strlen(ts->restart_text + 2) + 1);
	}
	if (how[0] && ts->restart_text) {
		const char *rt = ts->restart_text;

		if (ts->sep_out && !ts->deferred && !resumed &&
		    !strncmp(rt, ", ", 2))
			rt += 2; /* printed at the entry */
		print_exit_text(ts->out, rt);
	} else {
		/* What was to be decoded at the exit never comes, as
		   strace says. */
		if (sep[0] && !resumed && !(ts->sep_out && !ts->deferred))
			out_puts(ts->out, sep);
		if (sep[0])
			out_puts(ts->out, " <unfinished ...>");
		out_puts(ts->out, ") ");
		out_tab(ts->out, (size_t)tr.o->acolumn);
		out_printf(ts->out, "= ?%s", how);
	}
	end_line(ts);
out:
	ts->sep_out = false;
	free(ts->enter_text);
	ts->enter_text = NULL;
	free(ts->restart_text);
	ts->restart_text = NULL;
}
