/* SPDX-License-Identifier: MIT */
/*
 * addrexpr.c: addresses relative to a map ("[heap]+0x10",
 * "libc.so.6+0x1234", "[vdso]"), both ways. snare_proc_resolve() takes
 * them and every location of snare_symtab_resolve(), whose grammar gets
 * the map forms through snare__loc_map() (so breakpoints and watchpoints
 * take them too); snare_proc_describe() names an address that way. The
 * map lookups themselves are core/mapsel.c's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/mapsel.h"
#include "symbols/symtab.h"

/*
 * The maps of st's process, read from /proc/PID/maps as the rest of the
 * symtab does (a symtab may be used from another thread than the
 * session's: the process handle is not touched).
 */
static int
symtab_maps(snare_map **maps, size_t *n, snare_symtab *st)
{
	char path[64], *text;
	size_t len;
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)st->pid);
	rc = snare__read_file(path, &text, &len);
	if (rc < 0)
		return snare__sym_err(st, rc == -ENOENT ? -ESRCH : rc,
				      "read %s: %s", path, strerror(-rc));
	rc = snare_maps_parse(maps, n, text, len);
	free(text);
	return rc;
}

int
snare__loc_map(struct snare__loc *out, snare_symtab *st, const char *expr)
{
	snare_map *maps = NULL;
	size_t n = 0;
	char err[256];
	uint64_t addr;
	int rc;

	if (!st->proc)
		return -ENOENT;
	rc = symtab_maps(&maps, &n, st);
	if (rc < 0)
		return rc;
	rc = snare__map_expr(&addr, maps, n, expr, err, sizeof(err));
	snare_maps_free(maps, n);
	if (rc < 0)
		return snare__sym_err(st, rc, "%s", err);
	memset(out, 0, sizeof(*out));
	out->kind = SNARE__LOC_ADDRESS;
	out->addr = addr;
	out->mod = dwfl_addrmodule(st->dwfl, addr);
	return 0;
}

static int
proc_usable(snare_proc *p, const char *what)
{
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(p->s, SNARE_EEXITED, "%s: process %d has exited",
				  what, p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EDETACHED,
				  "%s: process %d was detached", what, p->pid);
	return 0;
}

SNARE_EXPORT int
snare_proc_resolve(uint64_t *addr, snare_proc *p, const char *expr)
{
	snare_symtab *st;
	int rc;

	if (!p)
		return -EINVAL;
	if (!addr || !expr)
		return snare__err(p->s, -EINVAL, "resolve: NULL %s",
				  addr ? "expression" : "address");
	rc = proc_usable(p, "resolve");
	if (rc < 0)
		return rc;
	st = snare_proc_symtab(p);
	if (!st)
		return -ESRCH; /* the reason is in snare_errmsg() already */
	rc = snare_symtab_resolve(addr, st, expr);
	if (rc < 0)
		return snare__err(p->s, rc, "%.128s: %s", expr,
				  snare_symtab_errmsg(st));
	return 0;
}

SNARE_EXPORT int
snare_proc_describe(char *buf, size_t cap, snare_proc *p, uint64_t addr)
{
	snare_map *maps = NULL;
	const snare_map *m;
	const char *name, *slash;
	size_t n = 0, i, idx;
	char err[256];
	int rc, len;

	if (!buf || !cap || !p)
		return -EINVAL;
	buf[0] = '\0';
	rc = proc_usable(p, "describe");
	if (rc < 0)
		return rc;
	rc = snare_proc_maps(&maps, &n, p);
	if (rc < 0)
		return rc;
	i = snare__map_find(maps, n, addr);
	if (i == n || !maps[i].path[0]) {
		len = snprintf(buf, cap, "0x%" PRIx64, addr);
		rc = snare__err(p->s, -ENOENT, "0x%" PRIx64 " is in %s", addr,
				i == n ? "no map" : "an anonymous map");
		goto out;
	}
	m = &maps[i];
	/* The file's base: its lowest map (maps are sorted). */
	for (idx = 0; strcmp(maps[idx].path, m->path); idx++)
		;
	name = m->path;
	slash = strrchr(m->path, '/');
	/* The basename when it names this file alone, else the path. */
	if (slash && snare__map_by_name(&i, maps, n, slash + 1,
					strlen(slash + 1), false, err, sizeof(err)) == 0 &&
	    !strcmp(maps[i].path, m->path))
		name = slash + 1;
	if (addr == maps[idx].start)
		len = snprintf(buf, cap, "%s", name);
	else
		len = snprintf(buf, cap, "%s+0x%" PRIx64, name,
			       addr - maps[idx].start);
	rc = 0;
out:
	if (len < 0 || (size_t)len >= cap)
		rc = -ERANGE;
	snare_maps_free(maps, n);
	return rc;
}
