/* SPDX-License-Identifier: MIT */
/*
 * symlist.c: snare_symtab_list(), every symbol of the mapped files
 * filtered by name, kind and file, for tools that list what a process
 * has ("every object named *key*", "the functions of libcrypto"). The
 * walk over a module's table is glob.c's (snare__sym_collect); unlike
 * snare_symtab_glob(), which gives one name per function to break on,
 * a listing reports every name, aliases included.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "symbols/symtab.h"

struct list_want {
	const char *pat;        /* NULL: every name */
	bool glob;              /* a shell pattern, else a substring */
	bool demangle;          /* the pattern has "::" */
};

static bool
list_wants(const char *name, void *arg)
{
	const struct list_want *w = arg;
	bool ok;
	char *dem;

	if (!w->pat)
		return true;
	if (w->glob)
		return snare__sym_name_matches(w->pat, name, w->demangle);
	if (strstr(name, w->pat))
		return true;
	if (!w->demangle)
		return false;
	dem = snare__demangle(name);
	ok = dem && strstr(dem, w->pat);
	free(dem);
	return ok;
}

/* By address, then name: aliases in a stable order. */
static int
symmatch_cmp(const void *pa, const void *pb)
{
	const struct snare__symmatch *a = pa, *b = pb;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* One module's symbols to cb; cb's non-zero value ends the walk. */
static int
list_module(snare_symtab *st, Dwfl_Module *mod, unsigned stt,
	    struct list_want *w, snare_sym_fn cb, void *user, size_t *count)
{
	struct snare__symmatches m = { 0 };
	const char *modname, *mainfile = NULL;
	char file[256];
	size_t i;
	int r;

	r = snare__sym_collect(&m, mod, stt, list_wants, w);
	if (r < 0)
		goto out;
	if (m.n > 1)
		qsort(m.v, m.n, sizeof(*m.v), symmatch_cmp);
	snare__module_name(file, sizeof(file), st, mod);
	modname = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL,
				   &mainfile, NULL);
	for (i = 0; i < m.n; i++) {
		snare_sym sym = { 0 };
		uint64_t impl;

		sym.name = m.v[i].name;
		sym.file = file;
		/* A process's module is named by its path in the maps; an
		   ELF file's by its basename. */
		sym.path = modname && *modname == '/' ? modname
			   : mainfile ? mainfile : file;
		sym.addr = m.v[i].addr;
		sym.size = m.v[i].size;
		sym.type = m.v[i].type == STT_OBJECT ? SNARE_SYM_OBJECT
						     : SNARE_SYM_FUNC;
		sym.global = !m.v[i].local;
		sym.ifunc = m.v[i].ifunc;
		if (m.v[i].ifunc && st->proc &&
		    snare__ifunc_impl(&impl, st, mod, m.v[i].addr,
				      m.v[i].name) == 0)
			sym.addr = impl;
		(*count)++;
		r = cb(&sym, user);
		if (r)
			goto out;
	}
out:
	free(m.v);
	return r;
}

SNARE_EXPORT int
snare_symtab_list(snare_symtab *st, const char *file, const char *name,
		  unsigned types, snare_sym_fn cb, void *user)
{
	struct snare__modlist ml = { 0 };
	struct list_want w = { 0 };
	Dwfl_Module *mod = NULL;
	unsigned stt = 0;
	size_t count = 0, i;
	int r;

	if (!st)
		return -EINVAL;
	st->errmsg[0] = '\0';
	if (!cb)
		return snare__sym_err(st, -EINVAL, "list: NULL callback");
	if (types & ~(SNARE_SYM_FUNC | SNARE_SYM_OBJECT))
		return snare__sym_err(st, -EINVAL, "list: unknown types 0x%x",
				      types);
	if (!types)
		types = SNARE_SYM_FUNC | SNARE_SYM_OBJECT;
	if (types & SNARE_SYM_FUNC)
		stt |= 1u << STT_FUNC | 1u << STT_GNU_IFUNC;
	if (types & SNARE_SYM_OBJECT)
		stt |= 1u << STT_OBJECT;
	if (name && *name) {
		w.pat = name;
		w.glob = strpbrk(name, "*?[") != NULL;
		w.demangle = strstr(name, "::") != NULL;
	}
	if (file) {
		r = snare__module_by_name(&mod, st, file, strlen(file));
		if (r < 0)
			return r;
		ml.v = &mod;
		ml.n = 1;
	} else {
		r = snare__modules(&ml, st);
		if (r < 0)
			return r;
	}
	r = 0;
	for (i = 0; i < ml.n && r == 0; i++)
		r = list_module(st, ml.v[i], stt, &w, cb, user, &count);
	if (!mod)
		snare__modules_free(&ml);
	if (r == -ENOMEM)
		return snare__sym_err(st, -ENOMEM, "out of memory");
	if (r)
		return r;
	return count > 0x7fffffff ? 0x7fffffff : (int)count;
}

SNARE_EXPORT int
snare_syms_add(const snare_sym *sym, void *syms)
{
	snare_syms *l = syms;
	snare_sym c;

	if (!sym || !l)
		return -EINVAL;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		snare_sym *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	c = *sym;
	c.name = strdup(sym->name ? sym->name : "");
	c.file = strdup(sym->file ? sym->file : "");
	c.path = strdup(sym->path ? sym->path : "");
	if (!c.name || !c.file || !c.path) {
		free((char *)c.name);
		free((char *)c.file);
		free((char *)c.path);
		return -ENOMEM;
	}
	l->v[l->n++] = c;
	return 0;
}

SNARE_EXPORT void
snare_syms_free(snare_syms *syms)
{
	size_t i;

	if (!syms)
		return;
	for (i = 0; i < syms->n; i++) {
		free((char *)syms->v[i].name);
		free((char *)syms->v[i].file);
		free((char *)syms->v[i].path);
	}
	free(syms->v);
	memset(syms, 0, sizeof(*syms));
}
