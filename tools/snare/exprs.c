/* SPDX-License-Identifier: MIT */
/*
 * exprs.c: the -e expressions of `snare trace` (trace=, signal=, status=,
 * inject=, raw=, verbose=, abbrev=, read=, write=) and their sets, with
 * strace's wording for bad input ("invalid system call 'foo'"). Parsing
 * only, like options.c, which calls parse_expr().
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

/*
 * glibc's regcomp() needs memory exponential in nested or adjacent
 * repetitions ("a++++", "((a{99}){99}){99}"); a typo must not take the
 * machine down. Syscall names are short, so refuse what POSIX leaves
 * undefined (a repetition of a repetition) and intervals over 32 or more
 * than three of them; *why says which.
 */
static bool
regex_sane(const char *re, char *why, size_t cap)
{
	bool after_rep = false;
	int intervals = 0;
	const char *p;

	for (p = re; *p; p++) {
		bool rep = *p == '*' || *p == '+' || *p == '?' || *p == '{';

		if (*p == '\\' && p[1]) {
			p++;
			after_rep = false;
			continue;
		}
		if (rep && after_rep) {
			snprintf(why, cap, "repetition of a repetition at '%s'", p);
			return false;
		}
		if (*p == '{') {
			char *end;
			long lo = strtol(p + 1, &end, 10), hi = lo;

			if (*end == ',')
				hi = end[1] == '}' ? 0 : strtol(end + 1, &end, 10);
			if (lo > 32 || hi > 32 || ++intervals > 3) {
				snprintf(why, cap, "intervals over {32} or more than "
					 "three of them (syscall names are short)");
				return false;
			}
			while (*p && *p != '}')
				p++;
			if (!*p)
				break;
		}
		after_rep = rep;
	}
	return true;
}

/* Add one element of a syscall set: a name, a number, %class, /regex. */
static int
set_add(bool *set, const char *tok, long count)
{
	bool optional = false;
	bool found = false;
	long nr;
	long long num;

	if (*tok == '?') {
		optional = true;
		tok++;
	}
	if (!strcmp(tok, "all")) {
		for (nr = 0; nr < count; nr++)
			set[nr] = true;
		return 0;
	}
	if (*tok == '%') {
		unsigned cl = snare_syscall_class_named(tok);

		if (!cl)
			goto bad;
		for (nr = 0; nr < count; nr++)
			if (snare_syscall_classes(nr) & cl)
				set[nr] = true;
		return 0;
	}
	if (*tok == '/') {
		regex_t re;
		char buf[256];
		int r;

		if (!regex_sane(tok + 1, buf, sizeof(buf))) {
			errmsg("regcomp: %s: %s", tok + 1, buf);
			return 1;
		}
		r = regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB);

		if (r) {
			regerror(r, &re, buf, sizeof(buf));
			errmsg("regcomp: %s: %s", tok + 1, buf);
			return 1;
		}
		for (nr = 0; nr < count; nr++) {
			const char *n = snare_syscall_name(nr);

			if (n && !regexec(&re, n, 0, NULL, 0))
				set[nr] = found = true;
		}
		regfree(&re);
		return 0;
	}
	if (parse_num(&num, tok, 0, count - 1)) {
		set[num] = true;
		return 0;
	}
	nr = snare_syscall_nr(tok);
	if (nr >= 0) {
		set[nr] = true;
		return 0;
	}
	(void)found;
bad:
	if (optional)
		return 0;
	errmsg("invalid system call '%s'", tok);
	return 1;
}

/* strace's qualify: "!" negates the whole list; "none" alone is empty. */
int
parse_syscall_set(bool *set, const char *spec, long count)
{
	bool negate = false;
	char *copy, *tok, *save = NULL;
	long nr;
	int r = 0;

	memset(set, 0, (size_t)count * sizeof(*set));
	if (*spec == '!') {
		negate = true;
		spec++;
	}
	if (!strcmp(spec, "none"))
		goto out;
	copy = strdup(spec);
	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ",", &save); tok && !r;
	     tok = strtok_r(NULL, ",", &save))
		r = set_add(set, tok, count);
	free(copy);
	if (!r && !*spec) {
		errmsg("invalid system call '%s'", spec);
		r = 1;
	}
out:
	if (negate)
		for (nr = 0; nr < count; nr++)
			set[nr] = !set[nr];
	return r;
}

int
parse_signal_set(bool *set, const char *spec)
{
	bool negate = false;
	char *copy, *tok, *save = NULL;
	int i, r = 0;

	memset(set, 0, MAX_SIG * sizeof(*set));
	if (*spec == '!') {
		negate = true;
		spec++;
	}
	copy = strdup(spec);
	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int sig;

		if (!strcmp(tok, "all")) {
			for (i = 1; i < MAX_SIG; i++)
				set[i] = true;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		sig = snare_signal_nr(tok);
		if (sig <= 0 || sig >= MAX_SIG) {
			errmsg("invalid signal '%s'", tok);
			r = 1;
			break;
		}
		set[sig] = true;
	}
	free(copy);
	if (negate)
		for (i = 1; i < MAX_SIG; i++)
			set[i] = !set[i];
	return r;
}

int
parse_status_set(unsigned *out, const char *spec)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "successful", ST_SUCCESSFUL }, { "failed", ST_FAILED },
		{ "unfinished", ST_UNFINISHED }, { "unavailable", ST_UNAVAILABLE },
		{ "detached", ST_DETACHED }, { "all", ST_ALL }, { "none", 0 },
	};
	bool negate = *spec == '!';
	char *copy = strdup(spec + negate), *tok, *save = NULL;
	size_t i;
	int r = 0;

	*out = 0;
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strcmp(tok, names[i].name))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			errmsg("invalid status '%s'", tok);
			r = 1;
			break;
		}
		*out |= names[i].bit;
	}
	free(copy);
	if (negate)
		*out = ~*out & ST_ALL;
	return r;
}

/* when=FIRST[..LAST][+[STEP]] */
static bool
parse_when(struct inject_rule *ir, const char *s)
{
	char *end;
	unsigned long v;

	v = strtoul(s, &end, 10);
	if (end == s || v < 1 || v > 65535)
		return false;
	ir->first = ir->last = (unsigned)v;
	ir->step = 0;
	if (!strncmp(end, "..", 2)) {
		s = end + 2;
		v = strtoul(s, &end, 10);
		if (end == s || v < ir->first || v > 65535)
			return false;
		ir->last = (unsigned)v;
		ir->step = 1;
	}
	if (*end == '+') {
		if (ir->last == ir->first)
			ir->last = UINT_MAX;
		ir->step = 1;
		if (end[1]) {
			s = end + 1;
			v = strtoul(s, &end, 10);
			if (end == s || v < 1 || v > 65535)
				return false;
			ir->step = (unsigned)v;
		} else {
			end++;
		}
	}
	return *end == '\0';
}

/* inject=SET:error=E|retval=N[:signal=SIG][:when=EXPR] */
int
parse_inject(struct trace_opts *o, const char *spec, long count)
{
	struct inject_rule *ir;
	char *copy, *colon, *tok, *save = NULL;
	int r = 1;

	if (o->ninject == MAX_INJECT) {
		errmsg("too many inject rules (at most %d)", MAX_INJECT);
		return 1;
	}
	ir = &o->inject[o->ninject];
	memset(ir, 0, sizeof(*ir));
	ir->first = 1;
	ir->last = UINT_MAX;
	ir->step = 1;
	copy = strdup(spec);
	ir->set = calloc((size_t)count, sizeof(bool));
	if (!copy || !ir->set)
		goto out;
	colon = strchr(copy, ':');
	if (!colon)
		goto bad;
	*colon = '\0';
	if (parse_syscall_set(ir->set, copy, count))
		goto out;
	for (tok = strtok_r(colon + 1, ":", &save); tok;
	     tok = strtok_r(NULL, ":", &save)) {
		long long v;

		if (!strncmp(tok, "error=", 6)) {
			const char *e = tok + 6;
			int n;

			if (parse_num(&v, e, 1, 4095)) {
				ir->error = (int)v;
			} else {
				for (n = 1; n < 4096; n++)
					if (snare_errno_name(n) &&
					    !strcmp(snare_errno_name(n), e))
						break;
				if (n == 4096)
					goto bad;
				ir->error = n;
			}
			ir->has_error = true;
		} else if (!strncmp(tok, "retval=", 7)) {
			if (!parse_num(&v, tok + 7, 0, LLONG_MAX))
				goto bad;
			ir->retval = v;
			ir->has_retval = true;
		} else if (!strncmp(tok, "signal=", 7)) {
			ir->signo = snare_signal_nr(tok + 7);
			if (ir->signo <= 0 || ir->signo >= MAX_SIG)
				goto bad;
		} else if (!strncmp(tok, "when=", 5)) {
			if (!parse_when(ir, tok + 5))
				goto bad;
		} else {
			goto bad;
		}
	}
	if (ir->has_error && ir->has_retval) {
		errmsg("inject: error= and retval= are mutually exclusive");
		goto out;
	}
	if (!ir->has_error && !ir->has_retval && !ir->signo)
		goto bad;
	o->ninject++;
	r = 0;
	goto out;
bad:
	errmsg("invalid inject argument '%s'", spec);
out:
	free(copy);
	if (r) {
		free(ir->set);
		ir->set = NULL;
	}
	return r;
}

bool
fd_in_set(const struct fd_set_spec *set, long fd)
{
	bool in = set->all;
	size_t i;

	if (fd < 0)
		return false;
	for (i = 0; !in && i < set->n; i++)
		in = set->fds[i] == fd;
	return in != set->negate;
}

/* -e read=SET, -e write=SET: descriptors, all, none, a leading '!'. */
int
parse_fd_set(struct fd_set_spec *set, const char *spec)
{
	char *copy, *tok, *save = NULL;
	int r = 0;

	free(set->fds);
	memset(set, 0, sizeof(*set));
	if (*spec == '!') {
		set->negate = true;
		spec++;
	}
	if (!*spec) {
		errmsg("invalid descriptor '%s'", spec);
		return 1;
	}
	copy = strdup(spec);
	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		long long v;
		int *n;

		if (!strcmp(tok, "all")) {
			set->all = true;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		if (!parse_num(&v, tok, 0, INT_MAX)) {
			errmsg("invalid descriptor '%s'", tok);
			r = 1;
			break;
		}
		n = realloc(set->fds, (set->n + 1) * sizeof(*n));
		if (!n) {
			r = 1;
			break;
		}
		set->fds = n;
		set->fds[set->n++] = (int)v;
	}
	free(copy);
	return r;
}

/* -e EXPR: trace=, signal=, status=, inject=, raw=, verbose=, abbrev=,
   read=, write=. */
int
parse_expr(struct trace_opts *o, const char *expr, long count)
{
	static const char *const trace_keys[] = { "trace=", "t=", NULL };
	static const char *const sig_keys[] = { "signal=", "signals=", "s=", NULL };
	size_t i;

	for (i = 0; trace_keys[i]; i++)
		if (!strncmp(expr, trace_keys[i], strlen(trace_keys[i])))
			break;
	if (trace_keys[i] || !strchr(expr, '=')) {
		const char *set = trace_keys[i] ? expr + strlen(trace_keys[i])
						: expr;

		o->trace_all = false;
		if (parse_syscall_set(o->trace_set, set, count))
			return 1;
		return 0;
	}
	for (i = 0; sig_keys[i]; i++)
		if (!strncmp(expr, sig_keys[i], strlen(sig_keys[i])))
			return parse_signal_set(o->sig_set,
						expr + strlen(sig_keys[i]));
	if (!strncmp(expr, "status=", 7))
		return parse_status_set(&o->status, expr + 7);
	if (!strncmp(expr, "inject=", 7))
		return parse_inject(o, expr + 7, count);
	if (!strncmp(expr, "raw=", 4)) {
		o->fmt.raw = strcmp(expr + 4, "none") != 0;
		return 0;
	}
	if (!strncmp(expr, "verbose=", 8)) {
		o->fmt.verbose = strcmp(expr + 8, "none") != 0;
		return 0;
	}
	if (!strncmp(expr, "abbrev=", 7))
		return 0;
	if (!strncmp(expr, "read=", 5))
		return parse_fd_set(&o->read_fds, expr + 5);
	if (!strncmp(expr, "write=", 6))
		return parse_fd_set(&o->write_fds, expr + 6);
	errmsg("invalid filter action '%.*s'", (int)(strchr(expr, '=') - expr),
	       expr);
	return 1;
}
