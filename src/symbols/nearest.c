/* SPDX-License-Identifier: MIT */
/*
 * Naming an address the way a tool without debug info does (strace -k,
 * addr2line -f on a stripped file): after the closest symbol at or below it
 * in the file's own table, .symtab when the file has one, else .dynsym.
 * A static function of a stripped libc gets the closest exported name
 * below it and a large offset ("__libc_init_first+0x8a"). Of aliases, a
 * global or weak one is taken over a local one, then the first in the
 * table, as libdwfl (strace's unwinder) does.
 *
 * Each file's table is read once into an array sorted by address and kept
 * in the symtab until its next refresh (snare__nearest_reset()).
 */
#include <errno.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/internal.h"
#include "symbols/symtab.h"

struct nearest_sym {
	uint64_t value;   /* link-time address */
	bool local;       /* STB_LOCAL: an alias ("f.localalias") loses */
	size_t index;     /* in the table: then the first of aliases wins */
	const char *name; /* libelf's string, valid with the Elf */
};

struct snare__nearest {
	Dwfl_Module *mod;
	struct nearest_sym *v;
	size_t n;
};

void
snare__nearest_reset(snare_symtab *st)
{
	size_t i;

	for (i = 0; i < st->nnearest; i++)
		free(st->nearest[i].v);
	free(st->nearest);
	st->nearest = NULL;
	st->nnearest = 0;
}

static int
by_value(const void *a, const void *b)
{
	const struct nearest_sym *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->local != y->local)
		return x->local ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The section of type t, or NULL. */
static Elf_Scn *
table_of(Elf *elf, GElf_Word t, GElf_Shdr *sh)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, sh) && sh->sh_type == t)
			return scn;
	return NULL;
}

/* Read mod's own table, sorted; an empty one when it has none. */
static struct snare__nearest *
load(snare_symtab *st, Dwfl_Module *mod, Elf *elf)
{
	struct snare__nearest *grown, *e;
	Elf_Scn *scn;
	GElf_Shdr sh;
	Elf_Data *data;
	size_t i, n;

	grown = realloc(st->nearest, (st->nnearest + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	st->nearest = grown;
	e = &grown[st->nnearest];
	memset(e, 0, sizeof(*e));
	e->mod = mod;
	scn = table_of(elf, SHT_SYMTAB, &sh);
	if (!scn)
		scn = table_of(elf, SHT_DYNSYM, &sh);
	data = scn ? elf_getdata(scn, NULL) : NULL;
	n = data && sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
	if (n) {
		e->v = calloc(n, sizeof(*e->v));
		if (!e->v)
			return NULL;
	}
	for (i = 0; i < n; i++) {
		GElf_Sym s;
		const char *name;
		int type;

		if (!gelf_getsym(data, (int)i, &s))
			continue;
		type = GELF_ST_TYPE(s.st_info);
		if (s.st_shndx == SHN_UNDEF || s.st_shndx == SHN_ABS ||
		    type == STT_SECTION || type == STT_FILE || type == STT_TLS)
			continue;
		name = elf_strptr(elf, sh.sh_link, s.st_name);
		if (!name || !*name)
			continue;
		e->v[e->n].value = s.st_value;
		e->v[e->n].local = GELF_ST_BIND(s.st_info) == STB_LOCAL;
		e->v[e->n].index = i;
		e->v[e->n].name = name;
		e->n++;
	}
	if (e->n)
		qsort(e->v, e->n, sizeof(*e->v), by_value);
	st->nnearest++;
	return e;
}

SNARE_EXPORT int
snare_symtab_symbolize_nearest(char *buf, size_t cap, snare_symtab *st,
			       uint64_t addr)
{
	struct snare__nearest *e = NULL;
	const struct nearest_sym *best = NULL;
	Dwfl_Module *mod;
	GElf_Addr bias = 0;
	char modname[256], prefix[260], *dem;
	uint64_t rel;
	size_t i, lo, hi;
	Elf *elf;
	int n;

	if (!buf || !cap || !st)
		return -EINVAL;
	buf[0] = '\0';
	st->errmsg[0] = '\0';
	mod = dwfl_addrmodule(st->dwfl, addr);
	elf = mod ? dwfl_module_getelf(mod, &bias) : NULL;
	if (!mod || !elf || addr < bias) {
		n = snprintf(buf, cap, "0x%" PRIx64, addr);
		if ((size_t)n >= cap)
			return -ERANGE;
		return snare__sym_err(st, -ENOENT,
				      "0x%" PRIx64 " is not in any file", addr);
	}
	rel = addr - bias;
	for (i = 0; i < st->nnearest && !e; i++)
		if (st->nearest[i].mod == mod)
			e = &st->nearest[i];
	if (!e)
		e = load(st, mod, elf);
	if (!e)
		return snare__sym_err(st, -ENOMEM, "out of memory");
	/* The last symbol at or below rel; among aliases a global one, then
	   the first in the table (the sort orders one address so). */
	lo = 0;
	hi = e->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->v[mid].value <= rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo) {
		best = &e->v[lo - 1];
		while (best > e->v && best[-1].value == best->value)
			best--;
	}
	snare__module_name(modname, sizeof(modname), st, mod);
	prefix[0] = '\0';
	if (mod != st->main_mod)
		snprintf(prefix, sizeof(prefix), "%s:", modname);
	if (!best) {
		n = snprintf(buf, cap, "%s@0x%" PRIx64, modname, rel);
		if ((size_t)n >= cap)
			return -ERANGE;
		return snare__sym_err(st, -ENOENT,
				      "no symbol at or below 0x%" PRIx64
				      " in %s", rel, modname);
	}
	dem = snare__demangle(best->name);
	if (rel > best->value)
		n = snprintf(buf, cap, "%s%s+0x%" PRIx64, prefix,
			     dem ? dem : best->name, rel - best->value);
	else
		n = snprintf(buf, cap, "%s%s", prefix, dem ? dem : best->name);
	free(dem);
	return (size_t)n >= cap ? -ERANGE : 0;
}
