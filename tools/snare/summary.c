/* SPDX-License-Identifier: MIT */
/*
 * summary.c: the -c / -C table, in strace 6.1's layout:
 *
 *   % time     seconds  usecs/call     calls    errors syscall
 *   ------ ----------- ----------- --------- --------- ----------------
 *    63.79    0.000370          74         5           mmap
 *   ...
 *   ------ ----------- ----------- --------- --------- ----------------
 *   100.00    0.000580          17        33         2 total
 *
 * Rows are sorted by time, most first (-S picks another key: min-time,
 * max-time, avg-time, calls, errors, name, nothing; ties keep syscall
 * number order, as strace's stable sort does). Times are the CPU time
 * the thread spent between a syscall's entry and exit stops (system time,
 * as strace counts it), or with -w the wall clock between those stops as
 * the tracer sees them, which includes the cost of the stops themselves.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

struct sc_count {
	long nr;
	uint64_t calls;
	uint64_t errors;
	double seconds;
	double min, max;	/* -S min-time, max-time */
};

static struct sc_count *counts;
static size_t ncounts;

void
summary_add(long nr, double seconds, bool error)
{
	long count = snare_syscall_count();

	if (!counts) {
		counts = calloc((size_t)count, sizeof(*counts));
		if (!counts)
			return;
		ncounts = (size_t)count;
	}
	if (nr < 0 || (size_t)nr >= ncounts)
		return;
	counts[nr].nr = nr;
	counts[nr].calls++;
	counts[nr].errors += error;
	if (seconds < 0)
		seconds = 0;
	counts[nr].seconds += seconds;
	if (counts[nr].calls == 1 || seconds < counts[nr].min)
		counts[nr].min = seconds;
	if (seconds > counts[nr].max)
		counts[nr].max = seconds;
}

static const char *
name_of(long nr, char *buf, size_t cap)
{
	const char *n = snare_syscall_name(nr);

	if (n)
		return n;
	snprintf(buf, cap, "syscall_%#lx", (unsigned long)nr);
	return buf;
}

static int sort_key;

/* Larger first. */
static int
desc(double x, double y)
{
	return x < y ? 1 : x > y ? -1 : 0;
}

static double
avg_of(const struct sc_count *c)
{
	return c->calls ? c->seconds / (double)c->calls : 0;
}

/* The -S order; ties (and -S nothing) in syscall number order. */
static int
by_key(const void *a, const void *b)
{
	const struct sc_count *x = a, *y = b;
	char bx[32], by[32];
	int r = 0;

	switch (sort_key) {
	case SORT_TIME:
		r = desc(x->seconds, y->seconds);
		break;
	case SORT_MIN_TIME:
		r = desc(x->min, y->min);
		break;
	case SORT_MAX_TIME:
		r = desc(x->max, y->max);
		break;
	case SORT_AVG_TIME:
		r = desc(avg_of(x), avg_of(y));
		break;
	case SORT_CALLS:
		r = desc((double)x->calls, (double)y->calls);
		break;
	case SORT_ERRORS:
		r = desc((double)x->errors, (double)y->errors);
		break;
	case SORT_NAME:
		r = strcmp(name_of(x->nr, bx, sizeof(bx)),
			   name_of(y->nr, by, sizeof(by)));
		break;
	default:
		break;
	}
	if (r)
		return r;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static uint64_t
usecs_per_call(double seconds, uint64_t calls)
{
	return calls ? (uint64_t)(seconds * 1e6 / (double)calls) : 0;
}

/* The -U columns, strace's. */
enum col { C_END, C_PERCENT, C_TOTAL, C_MIN, C_MAX, C_AVG, C_CALLS,
	   C_ERRORS, C_NAME, C_COUNT };

static const struct {
	const char *name;
	int col;
} col_names[] = {
	{ "time", C_PERCENT },	   { "time_percent", C_PERCENT },
	{ "time-percent", C_PERCENT }, { "time_total", C_TOTAL },
	{ "time-total", C_TOTAL }, { "total_time", C_TOTAL },
	{ "total-time", C_TOTAL }, { "min_time", C_MIN },
	{ "min-time", C_MIN },	   { "shortest", C_MIN },
	{ "time_min", C_MIN },	   { "time-min", C_MIN },
	{ "longest", C_MAX },	   { "max_time", C_MAX },
	{ "max-time", C_MAX },	   { "time_max", C_MAX },
	{ "time-max", C_MAX },	   { "avg_time", C_AVG },
	{ "avg-time", C_AVG },	   { "time_avg", C_AVG },
	{ "time-avg", C_AVG },	   { "calls", C_CALLS },
	{ "count", C_CALLS },	   { "error", C_ERRORS },
	{ "errors", C_ERRORS },	   { "name", C_NAME },
	{ "syscall", C_NAME },	   { "syscall_name", C_NAME },
	{ "syscall-name", C_NAME },
};

static unsigned char columns[C_COUNT] = { C_PERCENT, C_TOTAL, C_AVG,
					  C_CALLS, C_ERRORS, C_NAME };

int
summary_set_columns(const char *spec, char *why, size_t cap)
{
	unsigned char cols[C_COUNT] = { 0 };
	bool seen[C_COUNT] = { false };
	const char *p = spec;
	size_t n = 0, i;

	for (;;) {
		size_t len = strcspn(p, ",");
		int col = -1;

		for (i = 0; i < sizeof(col_names) / sizeof(col_names[0]); i++)
			if (strlen(col_names[i].name) == len &&
			    !strncmp(col_names[i].name, p, len)) {
				col = col_names[i].col;
				break;
			}
		if (col < 0) {
			snprintf(why, cap, "unknown column name: '%.*s'",
				 (int)len, p);
			return -1;
		}
		if (seen[col]) {
			snprintf(why, cap,
				 "call summary column has been provided more "
				 "than once: '%s' (-U option residual: '%s')",
				 col_names[i].name, p);
			return -1;
		}
		seen[col] = true;
		cols[n++] = (unsigned char)col;
		if (!p[len])
			break;
		p += len + 1;
	}
	/* The name always shows: a table without it means nothing. */
	if (!seen[C_NAME])
		cols[n++] = C_NAME;
	memcpy(columns, cols, sizeof(columns));
	return 0;
}

static int
nchars_f6(double v)
{
	return snprintf(NULL, 0, "%.6f", v);
}

static int
nchars_u(uint64_t v)
{
	return snprintf(NULL, 0, "%llu", (unsigned long long)v);
}

static int
max_i(int a, int b)
{
	return a > b ? a : b;
}

/* One cell; the last column (the name) is not padded. */
static void
print_cell(FILE *f, int col, int w, bool last, double pct,
	   const struct sc_count *c, const char *name)
{
	uint64_t errors = c->errors;

	switch (col) {
	case C_PERCENT:
		fprintf(f, "%*.2f", w, pct);
		break;
	case C_TOTAL:
		fprintf(f, "%*.6f", w, c->seconds);
		break;
	case C_MIN:
		fprintf(f, "%*.6f", w, c->min);
		break;
	case C_MAX:
		fprintf(f, "%*.6f", w, c->max);
		break;
	case C_AVG:
		fprintf(f, "%*llu", w,
			(unsigned long long)usecs_per_call(c->seconds,
							   c->calls));
		break;
	case C_CALLS:
		fprintf(f, "%*llu", w, (unsigned long long)c->calls);
		break;
	case C_ERRORS:
		if (errors)
			fprintf(f, "%*llu", w, (unsigned long long)errors);
		else
			fprintf(f, "%*s", w, "");
		break;
	default:
		fprintf(f, "%-*s", last ? 0 : w, name);
		break;
	}
}

/* The dashes under the header and above the total. */
static void
print_dashes(FILE *f, const int *w, size_t ncol)
{
	size_t k;
	int j;

	for (k = 0; k < ncol; k++) {
		if (k)
			fputc(' ', f);
		for (j = 0; j < w[columns[k]]; j++)
			fputc('-', f);
	}
	fputc('\n', f);
}

void
summary_print(FILE *f, int sort_by)
{
	static const char *const heads[C_COUNT] = {
		[C_PERCENT] = "% time", [C_TOTAL] = "seconds",
		[C_MIN] = "shortest",	[C_MAX] = "longest",
		[C_AVG] = "usecs/call", [C_CALLS] = "calls",
		[C_ERRORS] = "errors",	[C_NAME] = "syscall",
	};
	struct sc_count *rows, tot = { 0 };
	int w[C_COUNT] = { 0 };
	double min_max = 0, avg_max = 0;
	size_t i, n = 0, k, ncol = 0;
	char buf[32];
	int name_max = 0;

	rows = calloc(ncounts ? ncounts : 1, sizeof(*rows));
	if (!rows)
		return;
	tot.min = -1;
	for (i = 0; i < ncounts; i++) {
		if (!counts[i].calls)
			continue;
		rows[n++] = counts[i];
		tot.calls += counts[i].calls;
		tot.errors += counts[i].errors;
		tot.seconds += counts[i].seconds;
		if (tot.min < 0 || counts[i].min < tot.min)
			tot.min = counts[i].min;
		if (counts[i].min > min_max)
			min_max = counts[i].min;
		if (counts[i].max > tot.max)
			tot.max = counts[i].max;
		if (avg_of(&counts[i]) > avg_max)
			avg_max = avg_of(&counts[i]);
		name_max = max_i(name_max,
				 (int)strlen(name_of(counts[i].nr, buf,
						     sizeof(buf))));
	}
	if (tot.min < 0)
		tot.min = 0;
	sort_key = sort_by;
	qsort(rows, n, sizeof(*rows), by_key);
	/* strace's widths: the header's, or what the widest value needs. */
	w[C_PERCENT] = 6;
	w[C_TOTAL] = max_i(11, nchars_f6(tot.seconds));
	w[C_MIN] = max_i(8, nchars_u((uint64_t)min_max) + 7);
	w[C_MAX] = max_i(7, nchars_u((uint64_t)tot.max) + 7);
	w[C_AVG] = max_i(11, nchars_u((uint64_t)(avg_max * 1e6)));
	w[C_CALLS] = max_i(9, nchars_u(tot.calls));
	w[C_ERRORS] = max_i(9, nchars_u(tot.errors));
	w[C_NAME] = max_i(16, name_max + 1);
	while (ncol < C_COUNT && columns[ncol])
		ncol++;
	for (k = 0; k < ncol; k++) {
		bool last = k + 1 == ncol;

		if (k)
			fputc(' ', f);
		if (columns[k] == C_NAME)
			fprintf(f, "%-*s", last ? 0 : w[C_NAME],
				heads[C_NAME]);
		else
			fprintf(f, "%*s", w[columns[k]], heads[columns[k]]);
	}
	fputc('\n', f);
	print_dashes(f, w, ncol);
	for (i = 0; i <= n; i++) {
		const struct sc_count *c = i < n ? &rows[i] : &tot;
		double pct = 100.0;

		if (i < n)
			pct = tot.seconds > 0 ? 100.0 * c->seconds / tot.seconds
					      : 0.0;
		else
			print_dashes(f, w, ncol);
		for (k = 0; k < ncol; k++) {
			if (k)
				fputc(' ', f);
			print_cell(f, columns[k], w[columns[k]], k + 1 == ncol,
				   pct, c,
				   i < n ? name_of(c->nr, buf, sizeof(buf))
					 : "total");
		}
		fputc('\n', f);
	}
	free(rows);
	free(counts);
	counts = NULL;
	ncounts = 0;
}
