/* SPDX-License-Identifier: MIT */
/*
 * stack.c: -k, the stack of a syscall line or a --break hit (breaks.c),
 * as strace prints it: a " > PATH(SYMBOL+0xOFF) [0xFILEOFF]" line a frame,
 * with -kk the source line after it. exit and exit_group keep their
 * stack for after the "+++ exited" line.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

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

/*
 * Name the return address pc after the call before it, at pc - 1 plus
 * one: a call to a noreturn function (exit) may be the last instruction
 * of its function, so pc itself is past the function's end (strace, from
 * the files' own tables, names the closest symbol below: "exit+0x1a").
 */
static bool
name_return_address(char *name, size_t cap, snare_symtab *st, uint64_t pc,
		    bool nearest)
{
	char *plus;
	unsigned long long off = 0;

	if ((nearest ? snare_symtab_symbolize_nearest(name, cap, st, pc - 1)
		     : snare_symtab_symbolize(name, cap, st, pc - 1)) < 0)
		return false;
	plus = strrchr(name, '+');
	if (plus && !strncmp(plus, "+0x", 3))
		off = strtoull(plus + 3, NULL, 16);
	else
		plus = name + strlen(name);
	snprintf(plus, cap - (size_t)(plus - name), "+0x%llx", off + 1);
	return true;
}

/* The lines of t's stack (-k), malloc'd, or NULL. */
static char *
stack_text(struct tstate *ts, snare_thread *t)
{
	snare_proc *p = snare_thread_proc(t);
	snare_symtab *st = snare_proc_symtab(p);
	uint64_t pcs[256]; /* strace's depth */
	snare_map *maps = NULL;
	size_t nmaps = 0;
	char name[512], *text = NULL;
	size_t len = 0;
	FILE *f;
	int n, i;

	if (!(ts->visible || ts->bp_shown) || !st || tr.o->json)
		return NULL;
	n = snare_thread_backtrace(pcs, 256, t);
	if (n <= 0 || snare_proc_maps(&maps, &nmaps, p) < 0)
		return NULL;
	f = open_memstream(&text, &len);
	if (!f) {
		snare_maps_free(maps, nmaps);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		/* strace names return addresses as they are. */
		uint64_t pc = pcs[i];
		const snare_map *m = map_of(maps, nmaps, pc);
		const char *sym = name, *colon;

		if (!m)
			continue;
		/* -k names as strace: the closest symbol of the file's own
		   table. -kk, which reads the debug info for the lines,
		   names the function the pc is in. */
		if (tr.o->stack_trace < 2) {
			/* An outer frame by its call (pc - 1), as strace. */
			if (!(i ? name_return_address(name, sizeof(name), st,
						      pc, true)
				: snare_symtab_symbolize_nearest(
					  name, sizeof(name), st, pc) == 0))
				name[0] = '\0';
		} else if (snare_symtab_symbolize(name, sizeof(name), st,
						  pc) < 0 &&
			   !(i && name_return_address(name, sizeof(name), st,
						      pc, false))) {
			name[0] = '\0';
		}
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
		fprintf(f, " > %s(%s) [0x%llx]", m->path, sym,
			   (unsigned long long)(pcs[i] - m->start + m->offset));
		/* -kk: the source line; an outer frame's pc is a return
		   address, so its line is the call's, at pc - 1. */
		if (tr.o->stack_trace > 1) {
			char file[512];
			int line;

			if (snare_symtab_addr_line(file, sizeof(file), &line, st,
						   i ? pc - 1 : pc) == 0)
				fprintf(f, " %s:%d", file, line);
		}
		fputc('\n', f);
	}
	snare_maps_free(maps, nmaps);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

void
print_stack(struct tstate *ts, snare_thread *t)
{
	char *text = stack_text(ts, t);

	if (text)
		out_puts(ts->out, text);
	free(text);
}

/*
 * exit and exit_group never return: strace takes their stack at the
 * entry and prints it after the "+++ exited" line. Keep it until then.
 */
void
stack_keep(struct tstate *ts, snare_thread *t)
{
	free(ts->kept_stack);
	ts->kept_stack = stack_text(ts, t);
}

void
stack_put_kept(struct tstate *ts)
{
	if (ts->kept_stack)
		out_puts(ts->out, ts->kept_stack);
	free(ts->kept_stack);
	ts->kept_stack = NULL;
}
