/* SPDX-License-Identifier: MIT */
/*
 * mapsel.c: maps chosen by name or range, for the memory searches
 * (search.c) and the address expressions ("[heap]+0x10",
 * "libc.so.6+0x1234") that the symbols layer resolves (addrexpr.c).
 * /proc/PID/maps is sorted by address, so "a file's base" is its first
 * map.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/internal.h"
#include "core/mapsel.h"

static int
say(char *err, size_t cap, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *
basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * How well a map's path matches what the user wrote: 0 the full path
 * ("[heap]" too), 1 the basename, 2 a basename prefix followed by '.'
 * or '-' ("libc" for "libc.so.6"), -1 not at all.
 */
static int
name_rank(const char *path, const char *q, size_t len)
{
	const char *base;

	if (!*path)
		return -1;
	if (strlen(path) == len && !memcmp(path, q, len))
		return 0;
	if (*path != '/')
		return -1; /* "[heap]" and friends by full name only */
	base = basename_of(path);
	if (strlen(base) == len && !memcmp(base, q, len))
		return 1;
	if (len && !strncmp(base, q, len) && (base[len] == '.' || base[len] == '-'))
		return 2;
	return -1;
}

int
snare__map_by_name(size_t *idx, const snare_map *maps, size_t n,
		   const char *name, size_t len, bool prefix, char *err,
		   size_t errcap)
{
	size_t i, best = n, tie = n;
	int best_rank = 3, max_rank = prefix ? 2 : 1;

	for (i = 0; i < n; i++) {
		int r = name_rank(maps[i].path, name, len);

		if (r < 0 || r > max_rank || r > best_rank)
			continue;
		if (r < best_rank) {
			best_rank = r;
			best = i;
			tie = n;
		} else if (tie == n && strcmp(maps[i].path, maps[best].path)) {
			tie = i;
		}
	}
	if (best == n)
		return say(err, errcap, -ENOENT, "no map is named '%.*s'",
			   (int)(len > 128 ? 128 : len), name);
	if (tie != n)
		return say(err, errcap, -EINVAL, "'%.*s' is ambiguous: %s, %s",
			   (int)(len > 128 ? 128 : len), name,
			   maps[best].path, maps[tie].path);
	*idx = best;
	return 0;
}

size_t
snare__map_find(const snare_map *maps, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr < maps[mid].start)
			hi = mid;
		else if (addr >= maps[mid].end)
			lo = mid + 1;
		else
			return mid;
	}
	return n;
}

int
snare__parse_u64(uint64_t *out, bool *hex, const char *s, size_t len)
{
	unsigned base = 10;
	uint64_t v = 0;
	size_t i = 0;

	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return -EINVAL;
	for (; i < len; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = (unsigned)(s[i] - 'a' + 10);
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = (unsigned)(s[i] - 'A' + 10);
		else
			return -EINVAL;
		if (v > (UINT64_MAX - d) / base)
			return -EINVAL;
		v = v * base + d;
	}
	*out = v;
	if (hex)
		*hex = base == 16;
	return 0;
}

struct regions {
	struct snare__region *v;
	size_t n, cap;
};

static int
region_add(struct regions *r, uint64_t start, uint64_t end, size_t map)
{
	if (start >= end)
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 32;
		struct snare__region *v = realloc(r->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = (struct snare__region){ start, end, map };
	return 0;
}

static bool
map_wanted(const snare_map *m, bool readable, bool writable)
{
	if (readable && !(m->prot & PROT_READ))
		return false;
	if (writable && !(m->prot & PROT_WRITE))
		return false;
	return true;
}

/* One term of a filter: add what it selects. */
static int
select_term(struct regions *r, const snare_map *maps, size_t n,
	    const char *t, size_t len, bool readable, bool writable,
	    char *err, size_t errcap)
{
	const char *dash;
	uint64_t lo, hi;
	size_t i, first;
	int rc;

	if (len == 0 || (len == 1 && *t == '*')) {
		for (i = 0; i < n; i++)
			if (map_wanted(&maps[i], readable, writable) &&
			    (rc = region_add(r, maps[i].start, maps[i].end, i)) < 0)
				return rc;
		return 0;
	}
	if (len == 6 && !memcmp(t, "[anon]", 6)) {
		for (i = 0; i < n; i++)
			if (!maps[i].path[0] &&
			    map_wanted(&maps[i], readable, writable) &&
			    (rc = region_add(r, maps[i].start, maps[i].end, i)) < 0)
				return rc;
		return 0;
	}
	dash = memchr(t, '-', len);
	if (len > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') && dash) {
		if (snare__parse_u64(&lo, NULL, t, (size_t)(dash - t)) < 0 ||
		    snare__parse_u64(&hi, NULL, dash + 1, len - (size_t)(dash + 1 - t)) < 0 ||
		    lo >= hi)
			return say(err, errcap, -EINVAL,
				   "bad address range '%.*s' (0xSTART-0xEND)",
				   (int)(len > 128 ? 128 : len), t);
		for (i = 0; i < n; i++) {
			uint64_t s = maps[i].start > lo ? maps[i].start : lo;
			uint64_t e = maps[i].end < hi ? maps[i].end : hi;

			if (s < e && map_wanted(&maps[i], readable, writable) &&
			    (rc = region_add(r, s, e, i)) < 0)
				return rc;
		}
		return 0;
	}
	rc = snare__map_by_name(&first, maps, n, t, len, true, err, errcap);
	if (rc < 0)
		return rc;
	for (i = first; i < n; i++)
		if (!strcmp(maps[i].path, maps[first].path) &&
		    map_wanted(&maps[i], readable, writable) &&
		    (rc = region_add(r, maps[i].start, maps[i].end, i)) < 0)
			return rc;
	return 0;
}

static int
region_cmp(const void *pa, const void *pb)
{
	const struct snare__region *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

int
snare__maps_select(struct snare__region **out, size_t *n,
		   const snare_map *maps, size_t nmaps, const char *filter,
		   bool readable, bool writable, char *err, size_t errcap)
{
	struct regions r = { 0 };
	const char *t = filter ? filter : "";
	size_t i, k;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (;;) {
		const char *comma = strchr(t, ',');
		size_t len = comma ? (size_t)(comma - t) : strlen(t);

		/* Spaces around a term do not count. */
		while (len && (*t == ' ' || *t == '\t')) {
			t++;
			len--;
		}
		while (len && (t[len - 1] == ' ' || t[len - 1] == '\t'))
			len--;
		if (len == 0 && filter && strchr(filter, ',')) {
			rc = say(err, errcap, -EINVAL,
				 "empty term in map filter '%.128s'", filter);
			goto out;
		}
		rc = select_term(&r, maps, nmaps, t, len, readable, writable,
				 err, errcap);
		if (rc < 0)
			goto out;
		if (!comma)
			break;
		t = comma + 1;
	}
	/* Terms may select the same map twice: sort, then merge overlaps
	   (a region never spans two maps). */
	if (r.n > 1)
		qsort(r.v, r.n, sizeof(*r.v), region_cmp);
	for (i = 0, k = 0; i < r.n; i++) {
		if (k && r.v[k - 1].map == r.v[i].map &&
		    r.v[i].start <= r.v[k - 1].end) {
			if (r.v[i].end > r.v[k - 1].end)
				r.v[k - 1].end = r.v[i].end;
			continue;
		}
		r.v[k++] = r.v[i];
	}
	r.n = k;
out:
	if (rc < 0) {
		free(r.v);
		return rc;
	}
	*out = r.v;
	*n = r.n;
	return 0;
}

/* NAME alone or NAME+OFF, NAME-OFF: the map's lowest address moved. */
static int
expr_try(uint64_t *addr, const snare_map *maps, size_t n, const char *name,
	 size_t len, int sign, uint64_t off, char *err, size_t errcap)
{
	size_t idx;
	uint64_t base;
	int rc;

	rc = snare__map_by_name(&idx, maps, n, name, len, false, err, errcap);
	if (rc < 0)
		return rc;
	base = maps[idx].start;
	if (sign > 0 ? off > UINT64_MAX - base : off > base)
		return say(err, errcap, -EINVAL, "%.*s%c0x%" PRIx64
			   " overflows", (int)(len > 128 ? 128 : len), name,
			   sign > 0 ? '+' : '-', off);
	*addr = sign > 0 ? base + off : base - off;
	return 0;
}

int
snare__map_expr(uint64_t *addr, const snare_map *maps, size_t n,
		const char *expr, char *err, size_t errcap)
{
	size_t len = strlen(expr);
	const char *op = NULL;
	uint64_t off = 0;
	int rc;

	/* The last '+' or '-' followed by a number to the end. */
	for (const char *c = expr + len; c > expr; c--) {
		if ((c[-1] == '+' || c[-1] == '-') && c - 1 > expr &&
		    snare__parse_u64(&off, NULL, c, (size_t)(expr + len - c)) == 0) {
			op = c - 1;
			break;
		}
	}
	if (op) {
		rc = expr_try(addr, maps, n, expr, (size_t)(op - expr),
			      *op == '+' ? 1 : -1, off, err, errcap);
		/* "lib-2" may be a file's name rather than lib minus 2. */
		if (rc == -ENOENT &&
		    expr_try(addr, maps, n, expr, len, 1, 0, err, errcap) == 0)
			rc = 0;
	} else {
		rc = expr_try(addr, maps, n, expr, len, 1, 0, err, errcap);
	}
	return rc;
}
