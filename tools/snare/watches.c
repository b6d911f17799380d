/* SPDX-License-Identifier: MIT */
/*
 * watches.c: snare trace --watch=LOCATION[:LEN][:w|rw]. Each access to the
 * watched bytes prints one line, in the style of strace's signal lines:
 *
 *   --- watch g_counter written 0x4 -> 0x5 by 0x55d0c2a1b189 worker+0x19 (w.c:42) ---
 *
 * ("accessed" when the value did not change: a read, or a store of the
 * same value). LOCATION is any location a breakpoint takes (a symbol,
 * LIB:SYM, SYM+OFF, 0xADDR); LEN defaults to 8; w (the default) watches
 * writes, rw reads too. Debug registers are used where they fire and fit,
 * page protection elsewhere (the library decides). Under -c, the accesses
 * per watch are counted after the syscall table.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static struct watch_spec *specs;
static size_t nspecs;

/* The specs of the --watch options, parsed once. */
static int
load_specs(void)
{
	size_t i;

	if (specs || !tr.o->nwatch)
		return 0;
	specs = calloc(tr.o->nwatch, sizeof(*specs));
	if (!specs)
		return -ENOMEM;
	for (i = 0; i < tr.o->nwatch; i++)
		if (watch_spec_parse(&specs[i], tr.o->watch_args[i]) < 0)
			return -EINVAL; /* options.c checked them already */
	nspecs = tr.o->nwatch;
	return 0;
}

static struct watch_spec *
spec_of(const snare_bp *bp)
{
	const char *loc = snare_bp_location(bp);
	size_t i;

	for (i = 0; loc && i < nspecs; i++)
		if (!strcmp(specs[i].loc, loc))
			return &specs[i];
	return NULL;
}

static int
on_hit(snare_thread *t, snare_bp *bp, void *user)
{
	struct tstate *ts = tstate_find(snare_thread_tid(t));

	(void)bp;
	if (ts && in_prelude(ts))
		return SNARE_CONTINUE;
	((struct watch_spec *)user)->hits++;
	return SNARE_CONTINUE;
}

/* Set the watches in p (followed children inherit them). */
int
watches_arm(snare_proc *p)
{
	snare_bp_opts o = SNARE_BP_OPTS_INIT;
	size_t i;
	int r = load_specs();

	if (r < 0)
		return r;
	for (i = 0; i < nspecs; i++) {
		o.kind = specs[i].kind;
		o.len = specs[i].len;
		o.on_hit = on_hit;
		o.user = &specs[i];
		r = snare_bp_add_at(specs[i].bp ? NULL : &specs[i].bp, p,
				    specs[i].loc, &o);
		if (r < 0) {
			fprintf(stderr, PROG ": --watch %s: %s\n", specs[i].arg,
				snare_errmsg(snare_proc_session(p)));
			return r;
		}
	}
	return 0;
}

/* A value as a little-endian number (up to 8 bytes), else hex bytes. */
static void
fmt_value(char *buf, size_t cap, const unsigned char *v, size_t len)
{
	size_t i, off = 0;

	if (len <= 8) {
		unsigned long long x = 0;

		for (i = len; i-- > 0;)
			x = x << 8 | v[i];
		snprintf(buf, cap, "%#llx", x);
		return;
	}
	off += (size_t)snprintf(buf, cap, "\"");
	for (i = 0; i < len && i < 32 && off + 5 < cap; i++)
		off += (size_t)snprintf(buf + off, cap - off, "\\x%02x", v[i]);
	snprintf(buf + off, cap - off, "\"%s", len > 32 ? "..." : "");
}

/* The accessing instruction: "0x... sym+0x19 (file.c:42)". */
static void
fmt_where(char *buf, size_t cap, snare_proc *p, uint64_t insn)
{
	snare_symtab *st = snare_proc_symtab(p);
	char sym[256] = "", file[512] = "";
	int line = 0;

	if (!insn) {
		snprintf(buf, cap, "?");
		return;
	}
	/* Libraries loaded since the table was read: look again once. */
	if (st && snare_symtab_symbolize(sym, sizeof(sym), st, insn) < 0 &&
	    (snare_symtab_refresh(st) < 0 ||
	     snare_symtab_symbolize(sym, sizeof(sym), st, insn) < 0))
		sym[0] = '\0';
	if (st && snare_symtab_addr_line(file, sizeof(file), &line, st, insn) < 0)
		file[0] = '\0';
	if (file[0]) {
		const char *base = strrchr(file, '/');

		snprintf(buf, cap, "%#llx%s%s (%s:%d)", (unsigned long long)insn,
			 sym[0] ? " " : "", sym, base ? base + 1 : file, line);
	} else {
		snprintf(buf, cap, "%#llx%s%s", (unsigned long long)insn,
			 sym[0] ? " " : "", sym);
	}
}

/* SNARE_EV_WATCHPOINT, from the event observer. */
void
watches_print(struct tstate *ts, const snare_event *ev)
{
	struct watch_spec *w = spec_of(ev->bp);
	char oldv[160] = "?", newv[160] = "?", where[1024];
	const char *what = "accessed";

	if (!w || in_prelude(ts) || !(tr.lines || tr.o->json))
		return;
	if (ev->old_value && ev->new_value) {
		fmt_value(oldv, sizeof(oldv), ev->old_value, ev->value_len);
		fmt_value(newv, sizeof(newv), ev->new_value, ev->value_len);
		if (memcmp(ev->old_value, ev->new_value, ev->value_len))
			what = "written";
	}
	fmt_where(where, sizeof(where), ev->proc, ev->insn_addr);
	if (tr.o->json) {
		FILE *f = json_begin(ts, "watch");

		fprintf(f, ",\"location\":");
		json_string(f, w->loc);
		fprintf(f, ",\"addr\":\"%#llx\",\"len\":%zu,\"access\":\"%s\",\"old\":",
			(unsigned long long)snare_bp_addr(ev->bp), w->len, what);
		json_string(f, oldv);
		fprintf(f, ",\"new\":");
		json_string(f, newv);
		fprintf(f, ",\"insn\":\"%#llx\",\"where\":", (unsigned long long)ev->insn_addr);
		json_string(f, where);
		fprintf(f, "}\n");
		return;
	}
	print_leader_for(ts);
	if (strcmp(what, "written") == 0)
		out_printf(ts->out, "--- watch %s written %s -> %s by %s ---", w->loc,
			   oldv, newv, where);
	else
		out_printf(ts->out, "--- watch %s accessed %s by %s ---", w->loc, newv,
			   where);
	end_line_for(ts);
}

/* At the end: a watch whose location never resolved watched nothing. */
void
watches_warn_pending(void)
{
	size_t i;

	for (i = 0; i < nspecs; i++)
		if (specs[i].bp && !snare_bp_addr(specs[i].bp))
			fprintf(stderr, PROG ": --watch %s: never armed: '%s' was not found in the program or its libraries\n",
				specs[i].arg, specs[i].loc);
}

/* Under -c: accesses per watch, after the syscall table. */
void
watches_summary(FILE *f)
{
	size_t i;

	for (i = 0; i < nspecs; i++)
		fprintf(f, "%llu accesses of watch %s\n", specs[i].hits, specs[i].arg);
}

void
watches_free(void)
{
	free(specs);
	specs = NULL;
	nspecs = 0;
}
