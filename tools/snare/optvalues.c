/* SPDX-License-Identifier: MIT */
/*
 * optvalues.c: the values of `snare trace`'s options that take more than
 * a number: -S sort keys, -p pid lists, -u users, -P paths, -O overheads,
 * -T/-r precisions, --absolute-timestamps formats, -I and --daemonize
 * names. options.c's getopt loop calls them; parsing only, as there, with
 * strace's meaning and strace's wording for bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "optvalues.h"

/* strace 6.1's -S names (its -U column names) and what they sort by. */
static const struct {
	const char *name;
	int key;
} sort_names[] = {
	{ "time", SORT_TIME },		{ "time_percent", SORT_TIME },
	{ "time-percent", SORT_TIME },	{ "time_total", SORT_TIME },
	{ "time-total", SORT_TIME },	{ "total_time", SORT_TIME },
	{ "total-time", SORT_TIME },	{ "min_time", SORT_MIN_TIME },
	{ "min-time", SORT_MIN_TIME },	{ "shortest", SORT_MIN_TIME },
	{ "time_min", SORT_MIN_TIME },	{ "time-min", SORT_MIN_TIME },
	{ "longest", SORT_MAX_TIME },	{ "max_time", SORT_MAX_TIME },
	{ "max-time", SORT_MAX_TIME },	{ "time_max", SORT_MAX_TIME },
	{ "time-max", SORT_MAX_TIME },	{ "avg_time", SORT_AVG_TIME },
	{ "avg-time", SORT_AVG_TIME },	{ "time_avg", SORT_AVG_TIME },
	{ "time-avg", SORT_AVG_TIME },	{ "calls", SORT_CALLS },
	{ "count", SORT_CALLS },	{ "error", SORT_ERRORS },
	{ "errors", SORT_ERRORS },	{ "name", SORT_NAME },
	{ "syscall", SORT_NAME },	{ "syscall_name", SORT_NAME },
	{ "syscall-name", SORT_NAME },	{ "none", SORT_NOTHING },
	{ "nothing", SORT_NOTHING },
};

int
sort_named(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(sort_names) / sizeof(sort_names[0]); i++)
		if (!strcmp(sort_names[i].name, s))
			return sort_names[i].key;
	return -1;
}

/* -p "1,2 3": every pid must be a positive number and not our own. */
int
parse_pids(struct trace_opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int r = 0;

	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		long long v;
		pid_t *n;

		if (!parse_num(&v, tok, 1, INT_MAX)) {
			errmsg("Invalid process id: '%s'", tok);
			r = 1;
			break;
		}
		if (v == getpid()) {
			errmsg("Invalid process id: '%s' (that is snare itself)",
			       tok);
			r = 1;
			break;
		}
		if (v == getppid()) {
			errmsg("Invalid process id: '%s' (that is the parent of "
			       "snare, which waits for it)", tok);
			r = 1;
			break;
		}
		n = realloc(o->pids, (o->npids + 1) * sizeof(*n));
		if (!n) {
			r = 1;
			break;
		}
		o->pids = n;
		o->pids[o->npids++] = (pid_t)v;
	}
	if (!r && !*arg) {
		errmsg("Invalid process id: '%s'", arg);
		r = 1;
	}
	free(copy);
	return r;
}

/*
 * -u USERNAME: its uid, gid and groups (initgroups' list), looked up now so
 * that a bad name fails before anything runs. Only root can change to
 * another user; strace refuses -u otherwise, in the same words.
 */
int
lookup_user(struct trace_opts *o)
{
	struct passwd *pw;
	int n = 16;

	if (getuid() != 0) {
		errmsg("You must be root to use the -u/--username option");
		return 1;
	}
	pw = getpwnam(o->user);
	if (!pw) {
		errmsg("Cannot find user '%s'", o->user);
		return 1;
	}
	o->run_uid = pw->pw_uid;
	o->run_gid = pw->pw_gid;
	for (;;) {
		gid_t *g = realloc(o->run_groups, (size_t)n * sizeof(*g));
		int want = n;

		if (!g)
			return 1;
		o->run_groups = g;
		if (getgrouplist(pw->pw_name, pw->pw_gid, g, &want) >= 0) {
			o->nrun_groups = want;
			return 0;
		}
		if (want <= n || want > 65536)
			return 1;
		n = want;
	}
}

/* Print a path as strace quotes it in messages: "...", C escapes. */
static void
quote_path(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			fputc(c, f);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else
			fprintf(f, "\\%o", c);
	}
	fputc('"', f);
}

/*
 * -P PATH: the path as given and, when it differs, the path it resolves to
 * now (symbolic links, "..", relative to the cwd), said on stderr as
 * strace says it. A syscall matches either.
 */
int
add_path(struct trace_opts *o, const char *path)
{
	char *real = realpath(path, NULL);
	char **n;
	size_t i, k = 0;
	const char *add[2] = { path, NULL };

	if (real && strcmp(real, path) && !(o->quiet & Q_PATH_RESOLVE)) {
		fflush(stdout);
		fprintf(stderr, "%s: Requested path ", trace_progname);
		quote_path(stderr, path);
		fprintf(stderr, " resolved into ");
		quote_path(stderr, real);
		fputc('\n', stderr);
	}
	if (real && strcmp(real, path))
		add[1] = real;
	n = realloc(o->paths, (o->npaths + 2) * sizeof(*n));
	if (!n) {
		free(real);
		return 1;
	}
	o->paths = n;
	for (k = 0; k < 2 && add[k]; k++) {
		for (i = 0; i < o->npaths; i++)
			if (!strcmp(o->paths[i], add[k]))
				break;
		if (i < o->npaths)
			continue;
		o->paths[o->npaths] = strdup(add[k]);
		if (!o->paths[o->npaths]) {
			free(real);
			return 1;
		}
		o->npaths++;
	}
	free(real);
	return 0;
}

/*
 * -O OVERHEAD[UNIT]: a non-negative number (decimal or with a fraction or
 * exponent), in s, ms, us or ns; us without a unit, as strace's. Seconds
 * in *out; -1 if bad.
 */
int
parse_overhead(const char *arg, double *out)
{
	static const struct {
		const char *name;
		double scale;
	} units[] = { { "", 1e-6 }, { "s", 1 }, { "ms", 1e-3 },
		      { "us", 1e-6 }, { "ns", 1e-9 } };
	char *end = NULL;
	double v;
	size_t i;

	if (!*arg || strspn(arg, "+0123456789.eE-") == 0)
		return -1;
	errno = 0;
	v = strtod(arg, &end);
	if (end == arg || errno || !(v >= 0))
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].name)) {
			*out = v * units[i].scale;
			return 0;
		}
	return -1;
}

/* A precision: s, ms, us, ns as the digits after the second. NULL (no
   argument given) is us. -1 if bad. */
int
precision_width(const char *arg)
{
	static const char *const units[] = { "s", "ms", "us", "ns" };
	int i;

	if (!arg)
		return 6;
	for (i = 0; i < 4; i++)
		if (!strcmp(arg, units[i]))
			return i * 3;
	return -1;
}

/*
 * --absolute-timestamps=[format:]time|unix|none,[precision:]s|ms|us|ns,
 * as strace's: each token is a format or a precision, a prefix says which.
 * Without a format the format is time (or what an earlier one said).
 */
int
parse_ts(struct trace_opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int format = -1, width = -1, r = 0;

	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ",", &save); tok && !r;
	     tok = strtok_r(NULL, ",", &save)) {
		bool fmt_ok = true, prec_ok = true;

		if (!strncasecmp(tok, "format:", 7)) {
			tok += 7;
			prec_ok = false;
		} else if (!strncasecmp(tok, "precision:", 10)) {
			tok += 10;
			fmt_ok = false;
		}
		if (fmt_ok && !strcasecmp(tok, "none"))
			format = TS_NONE;
		else if (fmt_ok && !strcasecmp(tok, "time"))
			format = TS_TIME;
		else if (fmt_ok && !strcasecmp(tok, "unix"))
			format = TS_UNIX;
		else if (prec_ok && precision_width(tok) >= 0)
			width = precision_width(tok);
		else
			r = 1;
	}
	free(copy);
	if (r)
		return 1;
	o->ts_format = format >= 0 ? format
		       : o->ts_format != TS_NONE ? o->ts_format : TS_TIME;
	if (width >= 0)
		o->ts_width = width;
	return 0;
}

/* -I 1..4 or anywhere, always, waiting, never, never_tstp; 0 if bad. */
int
interruptible_named(const char *arg)
{
	static const struct { const char *name; int v; } names[] = {
		{ "anywhere", 1 }, { "always", 1 }, { "waiting", 2 },
		{ "never", 3 }, { "never_tstp", 4 },
	};
	long long v;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(arg, names[i].name))
			return names[i].v;
	return parse_num(&v, arg, 1, 4) ? (int)v : 0;
}

/* --daemonize=: strace's names; no argument is grandchild (-D). */
int
daemonize_named(const char *arg)
{
	if (!arg || !strcmp(arg, "grandchild"))
		return 1;
	if (!strcmp(arg, "pgroup") || !strcmp(arg, "pgrp"))
		return 2;
	if (!strcmp(arg, "session"))
		return 3;
	return 0;
}
