/* SPDX-License-Identifier: MIT */
/*
 * watchspec.c: the argument of --watch, LOCATION[:LEN][:w|rw], checked when
 * the options are parsed (options.c) and used when the watches are set
 * (watches.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

/*
 * Parse LOCATION[:LEN][:w|rw] from the right (LOCATION may hold ':') into
 * *out. 0, or -1 after saying why.
 */
int
watch_spec_parse(struct watch_spec *out, const char *arg)
{
	struct watch_spec w;
	char *colon, *end;

	memset(&w, 0, sizeof(w));
	w.arg = arg;
	w.len = 8;
	w.kind = SNARE_WATCH_WRITE;
	if (strlen(arg) >= sizeof(w.loc) || !*arg) {
		errmsg("--watch: bad location '%s'", arg);
		return -1;
	}
	strcpy(w.loc, arg);
	colon = strrchr(w.loc, ':');
	if (colon && (!strcmp(colon + 1, "w") || !strcmp(colon + 1, "rw"))) {
		w.kind = colon[2] == 'w' ? SNARE_WATCH_RW : SNARE_WATCH_WRITE;
		*colon = '\0';
		colon = strrchr(w.loc, ':');
	}
	if (colon && colon[1] >= '0' && colon[1] <= '9' && colon > w.loc) {
		unsigned long long len;

		errno = 0;
		len = strtoull(colon + 1, &end, 0);
		/* "file.c:42" is a location, but a watch needs data: a
		   trailing number is the length. */
		if (*end || errno || !len || len > (16u << 20)) {
			errmsg("--watch %s: bad length '%s' (1 to 16777216 bytes)",
			       arg, colon + 1);
			return -1;
		}
		w.len = (size_t)len;
		*colon = '\0';
	}
	if (!w.loc[0]) {
		errmsg("--watch: no location in '%s'", arg);
		return -1;
	}
	*out = w;
	return 0;
}

