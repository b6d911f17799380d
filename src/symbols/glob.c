/* SPDX-License-Identifier: MIT */
/*
 * glob.c: snare_symtab_glob(), the function symbols whose names match a
 * shell pattern, for breakpoints on "str*" or "libc.so.6:*alloc".
 *
 * Each module's symbol table (the debug file's .symtab when there is one,
 * else .dynsym, as libdwfl picks) is walked once. Only defined functions
 * count (STT_FUNC, and STT_GNU_IFUNC, whose address is the resolver's as
 * in snare_symtab_resolve()); a cold part split off a function by gcc
 * ("f.cold") does not. A program has many names for one address
 * (aliases such as malloc and __libc_malloc, versioned duplicates, local
 * copies): they are grouped by address and the best matching name stands
 * for the group, so that a caller sets one breakpoint per function.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "symbols/symtab.h"

#define match snare__symmatch
#define matches snare__symmatches

/* Does name (or its demangled form) match the pattern? */
bool
snare__sym_name_matches(const char *pat, const char *name, bool demangle)
{
	char bare[512];
	const char *at;
	char *dem;
	bool ok;

	if (!fnmatch(pat, name, 0))
		return true;
	/* "memcpy@GLIBC_2.2.5" is memcpy, unless the pattern asks for a
	   version itself. */
	at = strchr(name, '@');
	if (at && at > name && !strchr(pat, '@') &&
	    (size_t)(at - name) < sizeof(bare)) {
		memcpy(bare, name, (size_t)(at - name));
		bare[at - name] = '\0';
		if (!fnmatch(pat, bare, 0))
			return true;
	}
	if (!demangle)
		return false;
	dem = snare__demangle(name);
	if (!dem)
		return false;
	ok = !fnmatch(pat, dem, 0);
	if (!ok) {
		/* "ns::f" for "ns::f(int)": without the parameters. */
		char *paren = strchr(dem, '(');

		if (paren) {
			*paren = '\0';
			ok = !fnmatch(pat, dem, 0);
		}
	}
	free(dem);
	return ok;
}

static unsigned
underscores(const char *s)
{
	unsigned n = 0;

	while (s[n] == '_')
		n++;
	return n;
}

/* Order: by address, then the best name first. */
static int
match_cmp(const void *pa, const void *pb)
{
	const struct match *a = pa, *b = pb;
	bool va, vb;
	size_t la, lb;
	unsigned ua, ub;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	ua = underscores(a->name);
	ub = underscores(b->name);
	if (ua != ub)
		return ua < ub ? -1 : 1; /* malloc before __libc_malloc */
	va = strchr(a->name, '@') != NULL;
	vb = strchr(b->name, '@') != NULL;
	if (va != vb)
		return va ? 1 : -1; /* memcpy before memcpy@@GLIBC_2.14 */
	if (a->local != b->local)
		return a->local ? 1 : -1; /* strlen before strlen_ifunc */
	la = strlen(a->name);
	lb = strlen(b->name);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * The walk shared with snare_symtab_list() (symlist.c): the defined
 * symbols of mod whose STT_* type is in types (a mask of 1 << STT_*) and
 * whose name want() accepts, appended to m.
 */
int
snare__sym_collect(struct snare__symmatches *m, Dwfl_Module *mod,
		   unsigned types, bool (*want)(const char *name, void *arg),
		   void *arg)
{
	int n = dwfl_module_getsymtab(mod), i;

	for (i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name;
		int type;

		name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, NULL,
					       NULL);
		if (!name || !*name || shndx == SHN_UNDEF || !addr)
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if (type >= 32 || !(types & (1u << type)))
			continue;
		if (!want(name, arg))
			continue;
		if (m->n == m->cap) {
			size_t cap = m->cap ? 2 * m->cap : 64;
			struct match *v = realloc(m->v, cap * sizeof(*v));

			if (!v)
				return -ENOMEM;
			m->v = v;
			m->cap = cap;
		}
		m->v[m->n].addr = addr;
		m->v[m->n].size = sym.st_size;
		m->v[m->n].name = name;
		m->v[m->n].local = GELF_ST_BIND(sym.st_info) == STB_LOCAL;
		m->v[m->n].type = type;
		m->v[m->n].ifunc = type == STT_GNU_IFUNC;
		m->n++;
	}
	return 0;
}

struct glob_want {
	const char *pat;
	bool demangle;
};

static bool
glob_wants(const char *name, void *arg)
{
	const struct glob_want *w = arg;

	/* gcc's cold part of a function ("f.cold", "f.cold.3") is jumped
	   to from inside it: not a function of its own. */
	if (strstr(name, ".cold"))
		return false;
	return snare__sym_name_matches(w->pat, name, w->demangle);
}

/* Report one module's matches, one per address; the count or cb's stop. */
static int
report(snare_symtab *st, Dwfl_Module *mod, const char *pat,
       int (*cb)(const char *location, uint64_t addr, void *user),
       void *user, size_t *count)
{
	struct matches m = { 0 };
	struct glob_want w = { pat, strstr(pat, "::") != NULL };
	char modname[256], loc[1024];
	size_t i;
	int r;

	r = snare__sym_collect(&m, mod, 1u << STT_FUNC | 1u << STT_GNU_IFUNC,
			       glob_wants, &w);
	if (r < 0)
		goto out;
	if (m.n > 1)
		qsort(m.v, m.n, sizeof(*m.v), match_cmp);
	snare__module_name(modname, sizeof(modname), st, mod);
	for (i = 0; i < m.n; i++) {
		if (i && m.v[i].addr == m.v[i - 1].addr)
			continue; /* an alias of the one reported */
		if (mod == st->main_mod)
			snprintf(loc, sizeof(loc), "%s", m.v[i].name);
		else
			snprintf(loc, sizeof(loc), "%s:%s", modname, m.v[i].name);
		if (m.v[i].ifunc) {
			/* The implementation this process chose; not known
			   yet (not relocated): left for a later walk. */
			uint64_t impl = 0, resolver = 0;

			if (snare_symtab_ifunc(&impl, &resolver, st, loc) != 1 || !impl)
				continue;
			(*count)++;
			r = cb(loc, impl, user);
			if (r)
				goto out;
			continue;
		}
		(*count)++;
		r = cb(loc, m.v[i].addr, user);
		if (r)
			goto out;
	}
out:
	free(m.v);
	return r;
}

SNARE_EXPORT int
snare_symtab_glob(snare_symtab *st, const char *pattern,
		  int (*cb)(const char *location, uint64_t addr, void *user),
		  void *user)
{
	struct snare__modlist ml = { 0 };
	Dwfl_Module *mod = NULL;
	const char *colon = NULL, *pat = pattern, *c;
	size_t count = 0, i;
	int r;

	if (!st || !pattern || !cb)
		return -EINVAL;
	st->errmsg[0] = '\0';
	/* LIB:PATTERN, skipping the "::" of C++ names. */
	for (c = strchr(pattern, ':'); c; c = strchr(c + 1, ':')) {
		if (c[1] == ':') {
			c++;
			continue;
		}
		colon = c;
		break;
	}
	if (colon) {
		if (colon == pattern)
			return snare__sym_err(st, -EINVAL, "%.64s: empty file name",
					      pattern);
		r = snare__module_by_name(&mod, st, pattern,
					  (size_t)(colon - pattern));
		if (r < 0)
			return r;
		pat = colon + 1;
	}
	if (!*pat)
		return snare__sym_err(st, -EINVAL, "empty pattern");
	if (mod) {
		ml.v = &mod;
		ml.n = 1;
	} else {
		r = snare__modules(&ml, st);
		if (r < 0)
			return r;
	}
	r = 0;
	for (i = 0; i < ml.n && r == 0; i++)
		r = report(st, ml.v[i], pat, cb, user, &count);
	if (!mod)
		snare__modules_free(&ml);
	if (r == -ENOMEM)
		return snare__sym_err(st, -ENOMEM, "out of memory");
	if (r)
		return r;
	return count > 0x7fffffff ? 0x7fffffff : (int)count;
}
