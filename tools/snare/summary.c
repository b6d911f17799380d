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

static void
print_errors(FILE *f, uint64_t errors)
{
	if (errors)
		fprintf(f, " %9llu", (unsigned long long)errors);
	else
		fprintf(f, " %9s", "");
}

static uint64_t
usecs_per_call(double seconds, uint64_t calls)
{
	return calls ? (uint64_t)(seconds * 1e6 / (double)calls) : 0;
}

void
summary_print(FILE *f, int sort_by)
{
	static const char dashes[] =
		"------ ----------- ----------- --------- --------- "
		"----------------\n";
	struct sc_count *rows;
	uint64_t calls = 0, errors = 0;
	double total = 0;
	size_t i, n = 0;
	char buf[32];

	rows = calloc(ncounts ? ncounts : 1, sizeof(*rows));
	if (!rows)
		return;
	for (i = 0; i < ncounts; i++) {
		if (!counts[i].calls)
			continue;
		rows[n++] = counts[i];
		calls += counts[i].calls;
		errors += counts[i].errors;
		total += counts[i].seconds;
	}
	sort_key = sort_by;
	qsort(rows, n, sizeof(*rows), by_key);
	fprintf(f, "%6s %11s %11s %9s %9s %s\n", "% time", "seconds",
		"usecs/call", "calls", "errors", "syscall");
	fputs(dashes, f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%6.2f %11.6f %11llu %9llu",
			total > 0 ? 100.0 * rows[i].seconds / total : 0.0,
			rows[i].seconds,
			(unsigned long long)usecs_per_call(rows[i].seconds,
							   rows[i].calls),
			(unsigned long long)rows[i].calls);
		print_errors(f, rows[i].errors);
		fprintf(f, " %s\n", name_of(rows[i].nr, buf, sizeof(buf)));
	}
	fputs(dashes, f);
	fprintf(f, "%6.2f %11.6f %11llu %9llu", 100.0, total,
		(unsigned long long)usecs_per_call(total, calls),
		(unsigned long long)calls);
	print_errors(f, errors);
	fprintf(f, " total\n");
	free(rows);
	free(counts);
	counts = NULL;
	ncounts = 0;
}
