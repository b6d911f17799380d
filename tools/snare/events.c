/* SPDX-License-Identifier: MIT */
/*
 * events.c: what `snare trace` prints for each event, as strace 6.1 does.
 * A syscall prints its entry half when it enters ("read(0, ") and its exit
 * half when it returns ("..., 5) = 5"); when another thread prints in
 * between, the open line is closed with " <unfinished ...>" and the exit
 * comes back as "<... read resumed>". Signals print as "--- SIGCHLD {...}
 * ---", deaths as "+++ exited with 0 +++". --json prints one object per
 * event instead. The texts come from snare_format_syscall_enter/exit().
 */
#define _GNU_SOURCE
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

#define TEXT_CAP 65536
#define NBUCKETS 256

static struct tstate *buckets[NBUCKETS];
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

/*
 * The format options for syscall nr: -e raw=, -e abbrev= and -e verbose=
 * name sets of syscalls (strace's qualify_raw, qualify_abbrev,
 * qualify_verbose), applied per call.
 */
static const snare_format_opts *
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

struct tstate *
tstate_find(pid_t tid)
{
	struct tstate *ts;

	for (ts = buckets[tid % NBUCKETS]; ts; ts = ts->next)
		if (ts->tid == tid)
			return ts;
	return NULL;
}

static void comm_load(struct tstate *ts);

struct tstate *
tstate_new(pid_t tid, snare_proc *p, bool visible)
{
	struct tstate *ts = tstate_find(tid);

	if (ts)
		return ts;
	ts = calloc(1, sizeof(*ts));
	if (!ts)
		return NULL;
	ts->tid = tid;
	ts->proc = p;
	ts->pid = p ? snare_proc_pid(p) : tid;
	ts->restart_nr = -1;
	ts->visible = visible;
	ts->last_nr = -1;
	ts->out = out_open(tr.o, tid);
	if (!ts->out) {
		free(ts);
		return NULL;
	}
	ts->next = buckets[tid % NBUCKETS];
	buckets[tid % NBUCKETS] = ts;
	comm_load(ts);
	if (visible)
		tr.nshown++;
	return ts;
}

static void
tstate_drop(struct tstate *ts)
{
	struct tstate **pp;

	for (pp = &buckets[ts->tid % NBUCKETS]; *pp; pp = &(*pp)->next) {
		if (*pp == ts) {
			*pp = ts->next;
			break;
		}
	}
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

void
tstate_free_all(void)
{
	size_t i;

	for (i = 0; i < NBUCKETS; i++)
		while (buckets[i])
			tstate_drop(buckets[i]);
	if (text != text_small)
		free(text);
	text = text_small;
	text_cap = TEXT_CAP;
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

/*
 * Close an open line with " <unfinished ...>" or " <detached ...>": a
 * syscall's entry half gets the ", " strace puts before an argument the
 * kernel fills in ("wait4(-1,  <unfinished ...>"), which snare's decoder
 * leaves to the exit half.
 */
static void
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
static void
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
static void
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

static void
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

/*
 * -b execve: the process has exec'd and is let go, as strace does: "Process
 * N detached" (unless -q), the execve line still open ends with
 * " <detached ...>", and nothing more is shown of its threads.
 */
static int
detach_on_exec(const snare_event *ev)
{
	pid_t tids[2] = { ev->tid, ev->old_tid };
	struct tstate *ts, *next;
	size_t i;

	if (tr.o->json) {
		ts = tstate_find(ev->tid);
		if (ts && ts->visible) {
			json_begin(ts, "detached");
			fprintf(out_stream(ts->out), "}\n");
		}
	} else if (!(tr.o->quiet & Q_ATTACH)) {
		fprintf(stderr, "%s: Process %d detached\n", trace_progname, (int)ev->pid);
	}
	for (i = 0; i < 2; i++) {
		ts = tids[i] ? tstate_find(tids[i]) : NULL;
		if (ts && *out_owner(ts->out) == ts) {
			close_open_line(ts, " <detached ...>");
			end_line(ts);
		}
	}
	for (i = 0; i < NBUCKETS; i++) {
		for (ts = buckets[i]; ts; ts = next) {
			next = ts->next;
			if (ts->pid == ev->pid) {
				out_flush(ts->out);
				tstate_drop(ts);
			}
		}
	}
	return SNARE_DETACH;
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

static bool
is_error(int64_t rv)
{
	return rv < 0 && rv >= -4095;
}

/*
 * Which inject rule fires for this invocation, or -1. As strace, the last
 * rule naming a syscall is its only one (its when= counts the calls).
 */
static int
inject_match(struct tstate *ts, long nr)
{
	long count = snare_syscall_count();
	const struct inject_rule *ir;
	size_t i;
	unsigned n;

	if (!tr.o->ninject || nr < 0 || nr >= count)
		return -1;
	if (!ts->inj_count) {
		ts->inj_count = calloc(tr.o->ninject * (size_t)count,
				       sizeof(unsigned));
		if (!ts->inj_count)
			return -1;
	}
	for (i = tr.o->ninject; i-- > 0;)
		if (tr.o->inject[i].set[nr])
			break;
	if (i == (size_t)-1)
		return -1;
	ir = &tr.o->inject[i];
	n = ++ts->inj_count[i * (size_t)count + (size_t)nr];
	if (n < ir->first || n > ir->last)
		return -1;
	if (ir->step ? (n - ir->first) % ir->step : n != ir->first)
		return -1;
	return (int)i;
}

/*
 * Write len bytes of a poke at addr, as far as the memory allows: the
 * bytes written before the first page that cannot be, as strace's upoken()
 * counts them (a poke that straddles into an unmapped page is partly
 * done, and the call shows "(INJECTED: args)").
 */
static size_t
poke_bytes(snare_proc *p, uint64_t addr, const unsigned char *data,
	   size_t len)
{
	size_t done = 0;

	if (snare_mem_write(p, addr, data, len) == 0)
		return len;
	while (done < len) {
		size_t chunk = 4096 - ((addr + done) & 4095);

		if (chunk > len - done)
			chunk = len - done;
		if (snare_mem_write(p, addr + done, data + done, chunk) != 0)
			break;
		done += chunk;
	}
	return done;
}

/* poke_enter= (at_exit false) or poke_exit=: write the bytes where the
   arguments point; ts->poked when one was written, in part or whole.
   What could not be done is said on stderr in strace's words. */
static void
inject_pokes(struct tstate *ts, const struct inject_rule *ir, bool at_exit)
{
	int nargs = snare_syscall_nargs(ts->nr);
	size_t i, done;

	for (i = 0; i < ir->npokes; i++) {
		const struct inject_poke *pk = &ir->pokes[i];
		uint64_t addr;

		if (pk->at_exit != at_exit || pk->argno > 6)
			continue;
		if (nargs >= 0 && pk->argno > nargs) {
			const char *name = snare_syscall_name(ts->nr);

			fprintf(stderr, "%s: Failed to tamper with process %d: "
				"requested to tamper with argument #%d, but "
				"system call '%s' has only %d arguments\n",
				trace_progname, (int)ts->tid, pk->argno,
				name ? name : "?", nargs);
			continue;
		}
		addr = ts->args[pk->argno - 1];
		done = poke_bytes(ts->proc, addr, pk->data, pk->len);
		if (!done) {
			fprintf(stderr, "%s: Failed to tamper with process %d: "
				"couldn't poke\n", trace_progname, (int)ts->tid);
			continue;
		}
		if (done < pk->len)
			fprintf(stderr, "%s: pid:%d short write (%zu < %zu) "
				"@%#llx\n", trace_progname, (int)ts->tid, done,
				pk->len, (unsigned long long)addr);
		ts->poked = true;
	}
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

/*
 * delay_enter=, delay_exit=: the thread stays stopped that long. snare
 * waits in its own thread, so the other tracees wait too (strace keeps
 * them running with a timer).
 */
static void
inject_delay(const struct inject_rule *ir, int k)
{
	struct timespec left;

	if (!ir->has_delay[k])
		return;
	left = ir->delay[k];
	while (nanosleep(&left, &left) < 0 && errno == EINTR)
		;
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
	struct tstate *ts = tstate_find(tid);
	int rule;

	(void)user;
	/* The spawned program's own execve runs inside snare_spawn(). */
	if (!ts)
		ts = tstate_new(tid, snare_thread_proc(t),
				tr.o->follow > 0 || tr.spawning);
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
	struct tstate *ts = tstate_find(snare_thread_tid(t));
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
static void
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
	char num[16];

	if (!name) {
		snprintf(num, sizeof(num), "%d", ev->signo);
		name = num;
	}
	if (ev->siginfo)
		snare_format_siginfo_of(text, text_cap, ev->proc, ev->siginfo,
					&tr.o->fmt);
	else
		snprintf(text, text_cap, "{si_signo=%s}", name);
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

/* Give ts another tid: its place in the table, and with -ff its file. */
static void
tstate_rekey(struct tstate *ts, pid_t tid, struct out *out)
{
	struct tstate **pp;

	for (pp = &buckets[ts->tid % NBUCKETS]; *pp; pp = &(*pp)->next) {
		if (*pp == ts) {
			*pp = ts->next;
			break;
		}
	}
	ts->tid = tid;
	ts->out = out;
	ts->next = buckets[tid % NBUCKETS];
	buckets[tid % NBUCKETS] = ts;
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
	struct tstate *lead = tstate_find(ev->tid);
	struct tstate *old = tstate_find(ev->old_tid);
	bool visible = lead && lead->visible;
	struct out *out;
	char note[48];

	if (lead && lead->in_sc && lead->visible)
		finish_syscall(lead, "");
	if (lead)
		lead->in_sc = false;
	if (!old)
		goto print;
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
	struct tstate *ts = tstate_new(ev->tid, ev->proc, tr.o->follow > 0);

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
	struct tstate *ts = ev->tid ? tstate_find(ev->tid) : NULL;

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
		if (ts)
			comm_load(ts); /* -Y: the new program's name */
		if (tr.o->detach_execve && !own)
			return detach_on_exec(ev);
		if (ev->old_tid && ev->old_tid != ev->tid) {
			supersede(ev);
			/* The tid's state is now the exec'ing thread's,
			   which still has the old name. */
			ts = tstate_find(ev->tid);
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

void
detach_lines(void)
{
	size_t i;
	struct tstate *ts;

	for (i = 0; i < NBUCKETS; i++) {
		for (ts = buckets[i]; ts; ts = ts->next) {
			/* -e status=: the entry was held back for its
			   status, which is now "detached". */
			if (ts->in_sc && ts->deferred && ts->shown &&
			    tr.lines && (tr.o->status & ST_DETACHED)) {
				print_leader(ts, ts->nr);
				out_puts(ts->out, ts->enter_text ? ts->enter_text
								 : "");
				ts->deferred = false;
			}
			if (*out_owner(ts->out) == ts) {
				close_open_line(ts, " <detached ...>");
				end_line(ts);
			}
			ts->call_open = NULL;
			out_flush(ts->out);
		}
	}
}
