/* SPDX-License-Identifier: MIT */
/*
 * linkmap.c: the dynamic linker's search order in a live process.
 *
 * A reference to a name with no file ("strlen") binds to the first object
 * of the link map that exports it: the program, the LD_PRELOAD libraries,
 * the DT_NEEDED ones breadth first, the dynamic loader, then what dlopen()
 * added. That is the order SYM[+OFF] searches libraries in, so "malloc"
 * under a preloaded allocator names the allocator's malloc, the one the
 * program calls, not libc's, whatever the addresses. glibc's loader
 * publishes the list through its r_debug (<link.h>; the symbol _r_debug
 * of ld.so): each struct link_map gives l_ld, the run-time address of the
 * object's dynamic section, which lies in the module it belongs to. Only
 * the public head of struct link_map (l_addr, l_name, l_ld, l_next,
 * l_prev) is read. Without a loader (static programs), or when the list
 * cannot be read, the order stays by address.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "symbols/symtab.h"

/* More objects than any process loads: a corrupt list ends here. */
#define LINK_MAP_MAX 4096

/* struct r_debug: int r_version; struct link_map *r_map; ... */
#define R_MAP_OFFSET 8

/* The public head of struct link_map (<link.h>), as the tracee has it. */
struct link_head {
	uint64_t l_addr, l_name, l_ld, l_next, l_prev;
};

/* Where the loader's r_debug is, 0 when there is none to read. */
static uint64_t
r_debug_addr(snare_symtab *st)
{
	struct snare__symhit h;
	Dwfl_Module *ldso;
	uint64_t base;
	char msg[sizeof(st->errmsg)];

	base = snare__auxv(st->pid, AT_BASE);
	ldso = base ? dwfl_addrmodule(st->dwfl, base) : NULL;
	if (!ldso)
		return 0;
	/* A failed look-up here is not the caller's error. */
	memcpy(msg, st->errmsg, sizeof(msg));
	if (snare__symbol_find(&h, st, ldso, "_r_debug", 8, 0) < 0)
		h.addr = 0;
	memcpy(st->errmsg, msg, sizeof(msg));
	return h.addr;
}

struct ranked {
	Dwfl_Module *mod;
	size_t rank;  /* position in the link map; SIZE_MAX when absent */
	size_t pos;   /* position by address, for a stable order */
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * Reorder ml (the program first, then by address, from snare__modules)
 * into the link map's order; modules the list does not name (the vDSO on
 * some systems, a library being mapped) keep their address order after
 * the others. The program stays first.
 */
void
snare__link_order(struct snare__modlist *ml, snare_symtab *st)
{
	struct link_head lh;
	struct ranked *r;
	uint64_t rd, lm;
	size_t i, n, first;

	if (!st->proc || st->pid <= 0 || ml->n < 3)
		return;
	rd = r_debug_addr(st);
	if (!rd || snare_mem_read(&lm, st->proc, rd + R_MAP_OFFSET,
				  sizeof(lm)) < 0)
		return;
	first = ml->v[0] == st->main_mod ? 1 : 0;
	r = malloc(ml->n * sizeof(*r));
	if (!r)
		return;
	for (i = 0; i < ml->n; i++)
		r[i] = (struct ranked){ ml->v[i], SIZE_MAX, i };
	for (n = 0; lm && n < LINK_MAP_MAX; n++) {
		Dwfl_Module *mod;

		if (snare_mem_read(&lh, st->proc, lm, sizeof(lh)) < 0)
			break;
		mod = lh.l_ld ? dwfl_addrmodule(st->dwfl, lh.l_ld) : NULL;
		for (i = first; mod && i < ml->n; i++)
			if (r[i].mod == mod && r[i].rank == SIZE_MAX)
				r[i].rank = n;
		lm = lh.l_next;
	}
	qsort(r + first, ml->n - first, sizeof(*r), ranked_cmp);
	for (i = 0; i < ml->n; i++)
		ml->v[i] = r[i].mod;
	free(r);
}
