/* SPDX-License-Identifier: MIT */
/*
 * optvalues.h: the parsers of option values that options.c's getopt loop
 * calls (optvalues.c). Internal to `snare trace`'s command line.
 */
#ifndef SNARE_TOOL_OPTVALUES_H
#define SNARE_TOOL_OPTVALUES_H

#include "trace.h"

/* -S NAME: the SORT_* key it names, or -1. */
int sort_named(const char *s);
/* -p "1,2 3": the pids appended to o; 1 after printing why if bad. */
int parse_pids(struct trace_opts *o, const char *arg);
/* -u: o->user's uid, gid and groups; 1 after printing why if bad. */
int lookup_user(struct trace_opts *o);
/* -P PATH: the path and what it resolves to, added to o->paths; 1 if out
   of memory. */
int add_path(struct trace_opts *o, const char *path);
/* -O OVERHEAD[UNIT]: seconds in *out; -1 if bad. */
int parse_overhead(const char *arg, double *out);
/* -T/-r precision (s, ms, us, ns; NULL is us): digits after the second,
   or -1 if bad. */
int precision_width(const char *arg);
/* --absolute-timestamps=: format and precision into o; 1 if bad. */
int parse_ts(struct trace_opts *o, const char *arg);
/* -I: 1..4, or 0 if bad. */
int interruptible_named(const char *arg);
/* --daemonize=: 1..3 (grandchild, pgroup, session), or 0 if bad. */
int daemonize_named(const char *arg);

#endif /* SNARE_TOOL_OPTVALUES_H */
