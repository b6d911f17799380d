/* SPDX-License-Identifier: MIT */
/*
 * mapsel.h: choosing maps by name or range (the map filters and address
 * expressions of snare.h, "Searching memory and addresses"). Shared by
 * search.c and the symbols layer (addrexpr.c). Private to the library.
 */
#ifndef SNARE_MAPSEL_H
#define SNARE_MAPSEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "snare.h"

/* A part of one map to read: [start, end) within maps[map]. */
struct snare__region {
	uint64_t start, end;
	size_t map;
};

/*
 * The regions a filter selects among maps (sorted, as /proc gives them),
 * in address order and without overlaps; with `readable`, only maps with
 * PROT_READ, with `writable` only those with PROT_WRITE. *out is freed by
 * the caller (NULL when *n is 0). Errors: -EINVAL (bad filter, ambiguous
 * name), -ENOENT (a name matches no map), -ENOMEM; the message in err.
 */
int snare__maps_select(struct snare__region **out, size_t *n,
		       const snare_map *maps, size_t nmaps, const char *filter,
		       bool readable, bool writable, char *err, size_t errcap);

/*
 * The map or file called name[0..len) ("[heap]", a full path, a
 * basename and, with prefix, a basename prefix up to '.' or '-'): the
 * index of its lowest map. Errors: -ENOENT, -EINVAL (ambiguous), with
 * the message in err.
 */
int snare__map_by_name(size_t *idx, const snare_map *maps, size_t n,
		       const char *name, size_t len, bool prefix, char *err,
		       size_t errcap);

/*
 * All of s[0..len) as an unsigned number, "0x" hex or decimal: no sign,
 * no spaces, no overflow (-EINVAL). *hex (if not NULL) tells which.
 */
int snare__parse_u64(uint64_t *out, bool *hex, const char *s, size_t len);

/* The index of the map holding addr, or n. */
size_t snare__map_find(const snare_map *maps, size_t n, uint64_t addr);

/*
 * "NAME", "NAME+OFF" or "NAME-OFF" of a map or file among maps: 0 with
 * *addr. -ENOENT when NAME is no map (message in err), -EINVAL for an
 * offset that overflows or an ambiguous name.
 */
int snare__map_expr(uint64_t *addr, const snare_map *maps, size_t n,
		    const char *expr, char *err, size_t errcap);

#endif
