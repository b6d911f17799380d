/* SPDX-License-Identifier: MIT */
/*
 * exec_as.c: `snare trace -u USERNAME`. The library's snare_spawn() runs a
 * program with the tracer's credentials and offers no hook between its
 * fork and its exec, so for -u the CLI spawns snare itself as a small exec
 * helper, `snare __exec-as UID GID GROUPS PATH NARGS ARGS... ENV...`: still
 * root and already traced, it sets the supplementary groups (the list
 * initgroups(3) would set, looked up by the tracer), the gid and the uid,
 * then execs the program with its argv and environment. The tracer stays
 * root, so a setuid program gets its privileges, as under strace -u. What
 * the helper does before that exec is hidden from the trace (events.c,
 * in_prelude()); its execve of the program is the trace's first line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

#define HELPER_CMD "__exec-as"

char **
exec_as_argv(const struct trace_opts *o, const char *path, char *const *envp)
{
	size_t nargs = 0, nenv = 0, nptr, text, i, k = 0;
	char **argv, *p;

	while (o->argv[nargs])
		nargs++;
	while (envp && envp[nenv])
		nenv++;
	nptr = 7 + nargs + nenv + 1;
	/* uid, gid, nargs, and the groups: at most 11 characters each. */
	text = 3 * 24 + (size_t)o->nrun_groups * 12 + 2;
	argv = malloc(nptr * sizeof(*argv) + text);
	if (!argv)
		return NULL;
	p = (char *)(argv + nptr);
	argv[k++] = PROG;
	argv[k++] = HELPER_CMD;
	argv[k++] = p;
	p += sprintf(p, "%u", (unsigned)o->run_uid) + 1;
	argv[k++] = p;
	p += sprintf(p, "%u", (unsigned)o->run_gid) + 1;
	argv[k++] = p;
	if (!o->nrun_groups)
		*p++ = '-';
	for (i = 0; i < (size_t)o->nrun_groups; i++)
		p += sprintf(p, "%s%u", i ? "," : "",
			     (unsigned)o->run_groups[i]);
	*p++ = '\0';
	argv[k++] = (char *)path;
	argv[k++] = p;
	sprintf(p, "%zu", nargs);
	for (i = 0; i < nargs; i++)
		argv[k++] = o->argv[i];
	for (i = 0; i < nenv; i++)
		argv[k++] = envp[i];
	argv[k] = NULL;
	return argv;
}

static bool
parse_id(unsigned *out, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > 0xfffffffeUL)
		return false;
	*out = (unsigned)v;
	return true;
}

int
exec_as_main(int argc, char **argv)
{
	unsigned uid, gid, nargs, g;
	gid_t *groups = NULL;
	size_t ngroups = 0;
	char **args = NULL, *tok, *save = NULL;
	const char *what = "arguments";
	int i;

	if (argc < 7 || !parse_id(&uid, argv[2]) || !parse_id(&gid, argv[3]) ||
	    !parse_id(&nargs, argv[6]) || nargs > (unsigned)(argc - 7))
		goto bad;
	groups = calloc((strlen(argv[4]) + 1) / 2 + 1, sizeof(*groups));
	args = calloc((size_t)nargs + 1, sizeof(*args));
	if (!groups || !args)
		goto bad;
	if (strcmp(argv[4], "-")) {
		for (tok = strtok_r(argv[4], ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			if (!parse_id(&g, tok))
				goto bad;
			groups[ngroups++] = g;
		}
	}
	for (i = 0; i < (int)nargs; i++)
		args[i] = argv[7 + i];
	/* Groups first, then the gid, then the uid, the only order that
	   still has the rights to do the next one. */
	what = "setgroups";
	if (setgroups(ngroups, groups) < 0)
		goto fail;
	what = "setresgid";
	if (setresgid(gid, gid, gid) < 0)
		goto fail;
	what = "setresuid";
	if (setresuid(uid, uid, uid) < 0)
		goto fail;
	execve(argv[5], args, argv + 7 + nargs);
	what = "exec";
fail:
	errmsg("%s: %s", what, strerror(errno));
	goto out;
bad:
	errmsg(HELPER_CMD ": bad %s (an internal command of snare trace -u)",
	       what);
out:
	free(groups);
	free(args);
	fflush(stderr);
	/* _exit: no atexit handlers (a sanitizer's leak check would ptrace
	   this traced process and fail), as a failed exec in a child does. */
	_exit(1);
}
