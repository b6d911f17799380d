/* SPDX-License-Identifier: MIT */
/*
 * breaks.c: what snare trace adds to strace. -b LOCATION prints a line at
 * every hit of a breakpoint there, with the call decoded from the
 * function's DWARF parameters when it has debug info ("puts(\"hi\") @
 * ./prog", "malloc(472) @ ./prog"), else the six integer argument
 * registers in hex ("counted(0x1, 0x2, ...) @ ./prog");
 * hits are counted under -c. --hw makes them hardware breakpoints. -k
 * prints the stack after each syscall line, in strace's form
 * " > /path/lib.so(symbol+0x14) [0x114f54]".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

#define MAX_PARAMS 16

struct bp_count {
	const char *loc;
	unsigned long long hits;
	snare_bp *bp;		/* in the first process it was set in */
	/* The function's parameters from DWARF, looked up at the first hit;
	   nparams < 0 without debug info (then six registers in hex). */
	bool looked;
	int nparams, variadic;
	snare_param params[MAX_PARAMS];
};

/* Find c's parameters once (every process runs the same function). */
static void
look_params(struct bp_count *c, snare_thread *t, snare_bp *bp)
{
	snare_symtab *st = snare_proc_symtab(snare_thread_proc(t));
	int n;

	if (c->looked)
		return;
	c->looked = true;
	n = st ? snare_symtab_params(c->params, MAX_PARAMS, &c->variadic, st,
				     snare_bp_addr(bp))
	       : -ENOENT;
	if (n > MAX_PARAMS) {
		n = MAX_PARAMS;
		c->variadic = 1;
	}
	c->nparams = n;
}

static struct bp_count *counts;

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct bp_count *c = &counts[(size_t)(uintptr_t)user];
	pid_t tid = snare_thread_tid(t);
	struct tstate *ts = tstate_find(tid);
	static const char *const regs[] = { "rdi", "rsi", "rdx", "rcx", "r8", "r9" };
	char exe[PATH_MAX], link[64], call[1024];
	uint64_t a[6] = { 0 };
	ssize_t n;
	int i;

	if (!ts)
		ts = tstate_new(tid, snare_thread_proc(t), tr.o->follow > 0);
	/* -u: a hit in snare's exec helper is not the program's. */
	if (ts && in_prelude(ts))
		return SNARE_CONTINUE;
	c->hits++;
	if (!ts || !ts->visible || !(tr.lines || tr.o->json))
		return SNARE_CONTINUE;
	if (tr.o->ipointer)
		tstate_set_pc(ts, t);
	for (i = 0; i < 6; i++)
		snare_reg_get(&a[i], t, regs[i]);
	snprintf(link, sizeof(link), "/proc/%d/exe",
		 (int)snare_proc_pid(snare_thread_proc(t)));
	n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	if (tr.o->json) {
		FILE *f = json_begin(ts, "breakpoint");

		fprintf(f, ",\"location\":");
		json_string(f, c->loc);
		fprintf(f, ",\"addr\":\"0x%llx\",\"args\":[",
			(unsigned long long)snare_bp_addr(bp));
		for (i = 0; i < 6; i++)
			fprintf(f, "%s\"0x%llx\"", i ? "," : "",
				(unsigned long long)a[i]);
		look_params(c, t, bp);
		snare_format_call(call, sizeof(call), t, c->loc, c->params,
				  c->nparams, c->variadic, &tr.o->fmt);
		fprintf(f, "],\"call\":");
		json_string(f, call);
		fprintf(f, ",\"path\":");
		json_string(f, exe);
		fprintf(f, "}\n");
		return SNARE_CONTINUE;
	}
	print_leader_for(ts);
	/* With debug info, as declared: puts("hi"); else six registers. */
	look_params(c, t, bp);
	snare_format_call(call, sizeof(call), t, c->loc, c->params, c->nparams,
			  c->variadic, &tr.o->fmt);
	out_printf(ts->out, "%s @ %s", call, exe);
	end_line_for(ts);
	if (tr.o->stack_trace)
		print_stack(ts, t);
	out_flush(ts->out);
	return SNARE_CONTINUE;
}

/* Set the -b breakpoints in p (followed children inherit them). */
int
breaks_arm(snare_proc *p)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_bp *bp;
	size_t i;
	int r;

	if (!tr.o->nbp)
		return 0;
	if (!counts) {
		counts = calloc(tr.o->nbp, sizeof(*counts));
		if (!counts)
			return -ENOMEM;
		for (i = 0; i < tr.o->nbp; i++)
			counts[i].loc = tr.o->bp_locs[i];
	}
	bo.kind = tr.o->hw ? SNARE_BP_HARDWARE : SNARE_BP_SOFTWARE;
	bo.on_hit = on_hit;
	for (i = 0; i < tr.o->nbp; i++) {
		bo.user = (void *)(uintptr_t)i;
		r = snare_bp_add_at(&bp, p, tr.o->bp_locs[i], &bo);
		if (r == 0 && !counts[i].bp)
			counts[i].bp = bp;
		if (r < 0) {
			fprintf(stderr, "snare: -b %s: %s\n", tr.o->bp_locs[i],
				snare_errmsg(snare_proc_session(p)));
			return r;
		}
	}
	return 0;
}

/* Under -c: hits per breakpoint, after the syscall table. */
void
breaks_summary(FILE *f)
{
	size_t i;

	if (!counts)
		return;
	fprintf(f, "%9s %s\n", "hits", "breakpoint");
	for (i = 0; i < tr.o->nbp; i++)
		fprintf(f, "%9llu %s\n", counts[i].hits, counts[i].loc);
}

/* Say which -b locations never resolved (a typo, or a library never
   loaded): they stay pending silently otherwise. */
void
breaks_warn_pending(void)
{
	size_t i;

	for (i = 0; counts && i < tr.o->nbp; i++)
		if (counts[i].bp && !snare_bp_addr(counts[i].bp) && !counts[i].hits)
			fprintf(stderr, "snare: -b %s: never resolved (no such symbol in the program or the libraries it loaded)\n",
				counts[i].loc);
}

void
breaks_free(void)
{
	free(counts);
	counts = NULL;
}

/* The mapping of addr: its path and the file offset of addr. */
static const snare_map *
map_of(const snare_map *maps, size_t n, uint64_t addr)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (addr >= maps[i].start && addr < maps[i].end)
			return &maps[i];
	return NULL;
}

void
print_stack(struct tstate *ts, snare_thread *t)
{
	snare_proc *p = snare_thread_proc(t);
	snare_symtab *st = snare_proc_symtab(p);
	uint64_t pcs[64];
	snare_map *maps = NULL;
	size_t nmaps = 0;
	char name[512];
	int n, i;

	if (!ts->visible || !st || tr.o->json)
		return;
	n = snare_thread_backtrace(pcs, 64, t);
	if (n <= 0 || snare_proc_maps(&maps, &nmaps, p) < 0)
		return;
	for (i = 0; i < n; i++) {
		/* strace names return addresses as they are. */
		uint64_t pc = pcs[i];
		const snare_map *m = map_of(maps, nmaps, pc);
		const char *sym = name, *colon;

		if (!m)
			continue;
		if (snare_symtab_symbolize(name, sizeof(name), st, pc) < 0)
			name[0] = '\0';
		/* "libc.so.6:write+0x14" names the file; strace prints the path. */
		colon = strchr(name, ':');
		if (colon && !strchr(name, '('))
			sym = colon + 1;
		/* "__libc_start_main@@GLIBC_2.34+0x85": strace shows no version. */
		{
			char *at = strchr(name, '@'), *plus;

			if (at) {
				plus = strchr(at, '+');
				memmove(at, plus ? plus : at + strlen(at),
					strlen(plus ? plus : at + strlen(at)) + 1);
			}
		}
		out_printf(ts->out, " > %s(%s) [0x%llx]", m->path, sym,
			   (unsigned long long)(pcs[i] - m->start + m->offset));
		/* -kk: the source line; an outer frame's pc is a return
		   address, so its line is the call's, at pc - 1. */
		if (tr.o->stack_trace > 1) {
			char file[512];
			int line;

			if (snare_symtab_addr_line(file, sizeof(file), &line, st,
						   i ? pc - 1 : pc) == 0)
				out_printf(ts->out, " %s:%d", file, line);
		}
		out_printf(ts->out, "\n");
	}
	snare_maps_free(maps, nmaps);
}
