/* SPDX-License-Identifier: MIT */
/*
 * breaks.c: what snare trace adds to strace. --break LOCATION prints a line
 * for every call of a function, as ltrace does: the call with its
 * arguments (decoded from the function's DWARF parameters, else the six
 * integer argument registers in hex) and, when it returns, its return
 * value (from the DWARF return type, else rax in hex; "<void>"):
 *
 *     malloc(472) = 0x55d0c2a1b2c0
 *
 * When anything else is printed in between (another thread, the syscalls
 * the function makes, a nested call), the call line is closed strace's
 * way and the return comes back resumed:
 *
 *     [pid 12] malloc(472 <unfinished ...>
 *     [pid 13] free(0x55d0c2a1b000) = <void>
 *     [pid 12] <... malloc resumed>) = 0x55d0c2a1b2c0
 *
 * A call that never returns (exit, a longjmp out of it, a thread that
 * ends in it) ends with " <no return ...>". LOCATION is a location string
 * of snare_symtab_resolve() or a shell pattern over function names
 * ("count*", "libc.so.6:str*"), expanded with snare_symtab_glob() when the
 * program starts and again each time its libraries change (a library
 * loaded later, dlopen). Exact locations are resolved at the same times,
 * so one that names a library not loaded yet is armed when it comes, and
 * one that cannot be armed then (--hw where debug registers do not fire)
 * is reported at once. Hits are counted under -c. -k prints the stack of
 * each call (stack.c). What a location string names is breakloc.c's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "breakloc.h"
#include "trace.h"

#define MAX_PARAMS 16

/* One --break argument. */
struct brk {
	const char *spec;	/* as given */
	bool pattern;		/* a shell pattern, expanded in each file */
	unsigned long long hits;
	bool found;		/* resolved, or matched, at least once */
	bool failed;		/* a failure was reported (once) */
};

/* One function a --break armed (a bp's user pointer; fork children share
   it with their breakpoints). */
struct fn {
	struct brk *b;
	char *name;		/* as shown: "malloc", "counted", "main+0x10" */
	bool entry;		/* at a function's first instruction: its
				   return is watched */
	uint64_t addr;
	/* DWARF, looked up at the first hit: nparams < 0 when unknown
	   (then six registers in hex), have_ret for the return type. */
	bool looked, have_ret;
	int nparams, variadic;
	snare_param params[MAX_PARAMS];
	snare_param ret;
	struct fn *next;
};

/* One call whose return is watched. */
struct call {
	struct fn *fn;
	pid_t tid, pid;
	char *text;		/* "malloc(472" */
	uint64_t args[6];	/* --json */
	char *path;		/* --json: the program, read at the call */
	struct timespec t0;	/* -T */
};

/* Per process: the addresses armed in its current image. */
struct pstate {
	snare_proc *p;
	uint64_t *addrs;	/* open addressing; 0 is empty */
	size_t cap, n;
	struct pstate *next;
};

static struct brk *brks;
static struct fn *fns;
static struct pstate *pstates;
static char exe_cache[PATH_MAX];

static const char *const arg_regs[6] = { "rdi", "rsi", "rdx", "rcx", "r8",
					 "r9" };

/* ------------------------------------------------------------------ */
/* Which addresses are armed in which process                         */
/* ------------------------------------------------------------------ */

static struct pstate *
pstate_of(snare_proc *p, bool make)
{
	struct pstate *ps;

	for (ps = pstates; ps; ps = ps->next)
		if (ps->p == p)
			return ps;
	if (!make)
		return NULL;
	ps = calloc(1, sizeof(*ps));
	if (!ps)
		return NULL;
	ps->p = p;
	ps->next = pstates;
	pstates = ps;
	return ps;
}

static size_t
slot_of(const struct pstate *ps, uint64_t addr)
{
	size_t i = (size_t)((addr * 0x9e3779b97f4a7c15ull) >> 20) & (ps->cap - 1);

	while (ps->addrs[i] && ps->addrs[i] != addr)
		i = (i + 1) & (ps->cap - 1);
	return i;
}

static bool
armed_in(const struct pstate *ps, uint64_t addr)
{
	return ps && ps->cap && ps->addrs[slot_of(ps, addr)] == addr;
}

static void
mark_armed(struct pstate *ps, uint64_t addr)
{
	if (!ps || armed_in(ps, addr))
		return;
	if (2 * (ps->n + 1) > ps->cap) {
		struct pstate big = { 0 };
		size_t i;

		big.cap = ps->cap ? 2 * ps->cap : 64;
		big.addrs = calloc(big.cap, sizeof(uint64_t));
		if (!big.addrs)
			return;
		for (i = 0; i < ps->cap; i++)
			if (ps->addrs[i])
				big.addrs[slot_of(&big, ps->addrs[i])] = ps->addrs[i];
		free(ps->addrs);
		ps->addrs = big.addrs;
		ps->cap = big.cap;
	}
	ps->addrs[slot_of(ps, addr)] = addr;
	ps->n++;
}

static void
pstate_clear(struct pstate *ps)
{
	free(ps->addrs);
	ps->addrs = NULL;
	ps->cap = ps->n = 0;
}

void
breaks_exec(snare_proc *p)
{
	struct pstate *ps = pstate_of(p, false);

	/* The new image has none of the breakpoints: armed again as its
	   libraries load. */
	if (ps)
		pstate_clear(ps);
}

void
breaks_fork(snare_proc *child, snare_proc *parent)
{
	struct pstate *from = pstate_of(parent, false), *ps;
	size_t i;

	/* The child has its parent's breakpoints and library watcher. */
	if (!from || !from->n || !(ps = pstate_of(child, true)))
		return;
	for (i = 0; i < from->cap; i++)
		if (from->addrs[i])
			mark_armed(ps, from->addrs[i]);
}

void
breaks_gone(snare_proc *p)
{
	struct pstate **pp, *ps;

	/* Its handle may be reused for another process. */
	for (pp = &pstates; (ps = *pp); pp = &ps->next) {
		if (ps->p == p) {
			*pp = ps->next;
			pstate_clear(ps);
			free(ps);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Lines                                                              */
/* ------------------------------------------------------------------ */

/* The thread's state; a thread of a shown process shows its hits even
   without -f (the breakpoints are in the process's memory). */
static struct tstate *
hit_tstate(snare_thread *t)
{
	pid_t tid = snare_thread_tid(t);
	snare_proc *p = snare_thread_proc(t);
	struct tstate *ts = tstate_find(tid), *leader;

	if (!ts)
		ts = tstate_new(tid, p, tr.o->follow > 0);
	if (!ts || ts->visible || in_prelude(ts))
		return ts;
	leader = tstate_find(snare_proc_pid(p));
	if (leader && leader->visible)
		tstate_show_breaks(ts);
	return ts;
}

static bool
shown(const struct tstate *ts)
{
	return ts && (ts->visible || ts->bp_shown) && !in_prelude(ts);
}

static const char *
exe_of(pid_t pid)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	n = readlink(link, exe_cache, sizeof(exe_cache) - 1);
	exe_cache[n > 0 ? n : 0] = '\0';
	return exe_cache;
}

/* The function's parameters and return type, once per function. */
static void
look(struct fn *f, snare_thread *t)
{
	snare_symtab *st = snare_proc_symtab(snare_thread_proc(t));
	int n;

	if (f->looked)
		return;
	f->looked = true;
	n = st ? snare_symtab_params(f->params, MAX_PARAMS, &f->variadic, st,
				     f->addr)
	       : -ENOENT;
	if (n > MAX_PARAMS) {
		n = MAX_PARAMS;
		f->variadic = 1;
	}
	f->nparams = n;
	f->have_ret = st && f->entry &&
		      snare_symtab_return_type(&f->ret, st, f->addr) == 0;
}

static double
since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --json: one object per call, at its return (or at the hit for a
   location inside a function, whose return is not watched). */
static void
json_call(struct tstate *ts, const struct fn *f, const uint64_t *args,
	  const char *call, const uint64_t *rax, const char *value,
	  double secs, bool unfinished, const char *path)
{
	FILE *o = json_begin(ts, "breakpoint");
	int i;

	fprintf(o, ",\"location\":");
	json_string(o, f->b->spec);
	fprintf(o, ",\"name\":");
	json_string(o, f->name);
	fprintf(o, ",\"addr\":\"0x%llx\",\"args\":[", (unsigned long long)f->addr);
	for (i = 0; i < 6; i++)
		fprintf(o, "%s\"0x%llx\"", i ? "," : "",
			(unsigned long long)args[i]);
	fprintf(o, "],\"call\":");
	json_string(o, call);
	if (rax) {
		fprintf(o, ",\"retval\":\"0x%llx\",\"return\":",
			(unsigned long long)*rax);
		json_string(o, value);
		fprintf(o, ",\"duration\":%.6f", secs);
	} else {
		fprintf(o, ",\"retval\":null");
		if (unfinished)
			fprintf(o, ",\"unfinished\":true");
	}
	fprintf(o, ",\"path\":");
	json_string(o, path ? path : exe_of(ts->pid));
	fprintf(o, "}\n");
}

static void
call_free(struct call *c)
{
	free(c->text);
	free(c->path);
	free(c);
}

/*
 * The watched return of a call: its value, on the call's line if that is
 * still open, else on a resumed line. t is NULL when the call never
 * returns (the library dropped the watch).
 */
static int
on_return(snare_thread *t, void *user)
{
	struct call *c = user;
	struct tstate *ts = tstate_find(c->tid);
	char value[1024];
	uint64_t rax = 0;
	double secs = since(&c->t0);

	if (!ts || !shown(ts) || tr.detaching) {
		if (ts && ts->call_open == c)
			ts->call_open = NULL;
		call_free(c);
		return SNARE_CONTINUE;
	}
	if (t) {
		snare_reg_get(&rax, t, "rax");
		snare_format_return(value, sizeof(value), t,
				    c->fn->have_ret ? &c->fn->ret : NULL,
				    &tr.o->fmt);
	}
	if (tr.o->json) {
		char *call = NULL;

		if (asprintf(&call, "%s)", c->text) >= 0) {
			json_call(ts, c->fn, c->args, call, t ? &rax : NULL,
				  value, secs, !t, c->path);
			free(call);
		}
		out_flush(ts->out);
		call_free(c);
		return SNARE_CONTINUE;
	}
	if (ts->call_open == c && *out_owner(ts->out) == ts) {
		/* Nothing came in between: the same line. */
		ts->call_open = NULL;
	} else {
		if (tr.o->ipointer)
			tstate_set_pc(ts, t);
		print_leader_for(ts);
		out_printf(ts->out, "<... %s resumed>", c->fn->name);
	}
	if (t) {
		out_printf(ts->out, ") = %s", value);
		if (tr.o->syscall_times)
			print_duration(ts->out, secs);
	} else {
		out_puts(ts->out, " <no return ...>");
	}
	end_line_for(ts);
	out_flush(ts->out);
	call_free(c);
	return SNARE_CONTINUE;
}

/* The stack of a hit, after its line (-k). */
static void
hit_stack(struct tstate *ts, snare_thread *t)
{
	if (tr.o->stack_trace && tr.lines)
		print_stack(ts, t);
}

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct fn *f = user;
	struct tstate *ts = hit_tstate(t);
	char text[1024];
	struct call *c;
	uint64_t a[6] = { 0 };
	size_t len;
	int i;

	(void)bp;
	/* -u: a hit in snare's exec helper is not the program's. */
	if (!ts || in_prelude(ts))
		return SNARE_CONTINUE;
	f->b->hits++;
	if (!shown(ts) || !(tr.lines || tr.o->json))
		return SNARE_CONTINUE;
	if (tr.o->ipointer)
		tstate_set_pc(ts, t);
	for (i = 0; i < 6; i++)
		snare_reg_get(&a[i], t, arg_regs[i]);
	look(f, t);
	snare_format_call(text, sizeof(text), t, f->name, f->params,
			  f->nparams, f->variadic, &tr.o->fmt);
	c = f->entry ? calloc(1, sizeof(*c)) : NULL;
	len = strlen(text);
	if (c && len && text[len - 1] == ')') {
		/* The line stays open for the value: "malloc(472". */
		text[len - 1] = '\0';
		c->text = strdup(text);
		text[len - 1] = ')';
		c->fn = f;
		c->tid = ts->tid;
		c->pid = ts->pid;
		memcpy(c->args, a, sizeof(a));
		clock_gettime(CLOCK_MONOTONIC, &c->t0);
		/* The process may be gone when a call that never returns is
		   written out. */
		if (tr.o->json)
			c->path = strdup(exe_of(ts->pid));
		if (!c->text || snare_thread_on_return(t, on_return, c) < 0) {
			/* No watch (a vfork child): the call alone. */
			call_free(c);
			c = NULL;
		}
	} else if (c) {
		call_free(c);
		c = NULL;
	}
	if (tr.o->json) {
		if (!c)
			json_call(ts, f, a, text, NULL, NULL, 0, false, NULL);
		out_flush(ts->out);
		return SNARE_CONTINUE;
	}
	print_leader_for(ts);
	if (c) {
		out_puts(ts->out, c->text);
		ts->call_open = c;
		/* -k: the stack lines end the call's line first. */
		if (tr.o->stack_trace) {
			out_puts(ts->out, " <unfinished ...>");
			ts->call_open = NULL;
			end_line_for(ts);
			hit_stack(ts, t);
		}
	} else {
		out_puts(ts->out, text);
		end_line_for(ts);
		hit_stack(ts, t);
	}
	out_flush(ts->out);
	return SNARE_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Arming                                                             */
/* ------------------------------------------------------------------ */

/*
 * A --break that cannot be armed, said once when it is known. After the
 * start the program runs on; the exit status follows strace's rules
 * (trace.c): the program's own, or 1 with -p alone.
 */
static void
report(struct brk *b, const char *what)
{
	if (b->failed)
		return;
	b->failed = true;
	tr.trace_errors++;
	errmsg("--break %s: %s", b->spec, what);
	fflush(stderr);
}

/*
 * Set a breakpoint at addr in p for --break b, unless one of ours is
 * there. Returns 0, or the error (reported) when it cannot be armed.
 */
static int
arm(struct brk *b, snare_proc *p, const char *loc, uint64_t addr)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	struct pstate *ps = pstate_of(p, true);
	snare_symtab *st = snare_proc_symtab(p);
	struct fn *f;
	int r;

	if (armed_in(ps, addr))
		return 0;
	if (!st)
		return -ESRCH;
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->b = b;
	f->addr = addr;
	f->name = display_name(st, loc, addr, &f->entry);
	if (!f->name) {
		free(f);
		return -ENOMEM;
	}
	bo.kind = tr.o->hw ? SNARE_BP_HARDWARE : SNARE_BP_SOFTWARE;
	bo.on_hit = on_hit;
	bo.user = f;
	r = snare_bp_add(NULL, p, addr, &bo);
	if (r == -EEXIST) {
		/* Another --break armed it: its hits are counted there. */
		mark_armed(ps, addr);
		r = 0;
	}
	if (r < 0) {
		char msg[768];

		snprintf(msg, sizeof(msg), "%s%s%s", b->pattern ? loc : "",
			 b->pattern ? ": " : "",
			 snare_errmsg(snare_proc_session(p)));
		report(b, msg);
		free(f->name);
		free(f);
		return r;
	}
	mark_armed(ps, addr);
	f->next = fns;
	fns = f;
	return 0;
}

struct glob_ctx {
	struct brk *b;
	snare_proc *p;
};

static int
arm_match(const char *location, uint64_t addr, void *user)
{
	struct glob_ctx *g = user;

	/* A function that cannot be armed does not stop the others. */
	arm(g->b, g->p, location, addr);
	return 0;
}

/*
 * Arm what the --break arguments name in p now. Patterns arm every new
 * match; an exact location is armed when it resolves, and left for later
 * while it does not (-ENOENT: a library not loaded yet). at_start: a
 * failure of an exact location is fatal (returned).
 */
static int
expand(snare_proc *p, bool at_start)
{
	snare_symtab *st = snare_proc_symtab(p);
	struct glob_ctx g;
	uint64_t addr;
	size_t i;
	int r;

	if (!st)
		return 0;
	for (i = 0; i < tr.o->nbp; i++) {
		struct brk *b = &brks[i];

		if (b->pattern) {
			g.b = b;
			g.p = p;
			r = snare_symtab_glob(st, b->spec, arm_match, &g);
			if (r < 0 && r != -ENOENT)
				report(b, snare_symtab_errmsg(st));
			b->found |= r > 0;
			continue;
		}
		r = snare_symtab_resolve(&addr, st, b->spec);
		if (r == -ENOENT)
			continue; /* not loaded yet, maybe */
		if (r < 0) {
			if (!b->failed && at_start) {
				errmsg("--break %s: %s", b->spec,
				       snare_symtab_errmsg(st));
				return r;
			}
			report(b, snare_symtab_errmsg(st));
			continue;
		}
		/* "memcpy" before the loader is done may be the loader's
		   own: wait for the program's libraries. */
		if (bare_symbol(b->spec) && snare_proc_libs_loaded(p) == 0 &&
		    !in_program(st, addr))
			continue;
		b->found = true;
		if (b->failed || armed_in(pstate_of(p, false), addr))
			continue; /* another --break armed it: its hits go there */
		r = arm(b, p, b->spec, addr);
		if (r < 0 && at_start) {
			/* A refusal at start is a usage error, as strace
			   refuses a bad option: nothing runs. */
			return r;
		}
	}
	return 0;
}

static void
libs_changed(snare_proc *p, void *user)
{
	(void)user;
	expand(p, false);
}

int
breaks_arm(snare_proc *p)
{
	size_t i;
	int r;

	if (!tr.o->nbp)
		return 0;
	if (!brks) {
		brks = calloc(tr.o->nbp, sizeof(*brks));
		if (!brks)
			return -ENOMEM;
		for (i = 0; i < tr.o->nbp; i++) {
			brks[i].spec = tr.o->bp_locs[i];
			brks[i].pattern = is_pattern(brks[i].spec);
		}
	}
	r = snare_proc_on_libraries(p, libs_changed, NULL);
	if (r < 0) {
		errmsg("--break: %s", snare_errmsg(snare_proc_session(p)));
		return r;
	}
	return expand(p, true);
}

/* Under -c: hits per --break argument, after the syscall table. */
void
breaks_summary(FILE *f)
{
	size_t i;

	if (!brks)
		return;
	fprintf(f, "%9s %s\n", "hits", "breakpoint");
	for (i = 0; i < tr.o->nbp; i++)
		fprintf(f, "%9llu %s\n", brks[i].hits, brks[i].spec);
}

/* Say which --break arguments never resolved or matched (a typo, or a
   library never loaded): they stay pending silently otherwise. */
void
breaks_warn_pending(void)
{
	size_t i;

	for (i = 0; brks && i < tr.o->nbp; i++) {
		if (brks[i].found || brks[i].failed)
			continue;
		if (brks[i].pattern)
			errmsg("--break %s: no function matched", brks[i].spec);
		else
			errmsg("--break %s: never resolved (no such symbol in the program or the libraries it loaded)",
			       brks[i].spec);
	}
}

void
breaks_free(void)
{
	struct fn *f, *next;

	for (f = fns; f; f = next) {
		next = f->next;
		free(f->name);
		free(f);
	}
	fns = NULL;
	while (pstates)
		breaks_gone(pstates->p);
	free(brks);
	brks = NULL;
}

