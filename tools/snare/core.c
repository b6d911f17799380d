/* SPDX-License-Identifier: MIT */
/*
 * core.c: `snare core -p PID [-o FILE] [--all]`: attach to a running
 * process, write an ELF core file of it (snare_proc_dump_core) and detach;
 * the process goes on as if nothing happened.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static const char core_text[] =
	"Usage: " PROG " core [OPTIONS] -p PID\n"
	"\n"
	"Write an ELF core file of a running process without stopping it for\n"
	"longer than the dump: attach, dump every thread, detach. gdb PROGRAM\n"
	"FILE then shows its threads as they were.\n"
	"\n"
	"Options:\n"
	"  -p PID         the process\n"
	"  -o FILE        the core file (default core.PID), created 0600\n"
	"  -a, --all      every readable mapping in full, also the read-only\n"
	"                 file mappings the kernel's default leaves out\n"
	"  -h, --help     show this help\n"
	"\n"
	"Exit status: 0 when the core was written, 1 otherwise.\n";

int
core_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	snare_session *s = NULL;
	snare_proc *p = NULL;
	const char *out = NULL;
	char defname[64], *end;
	unsigned flags = 0;
	long pid = 0;
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:o:ah", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			errno = 0;
			pid = strtol(optarg, &end, 10);
			if (errno || *end || pid <= 0 || pid > 0x7fffffffL) {
				errmsg("core: bad pid '%s'", optarg);
				return 1;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'a':
			flags |= SNARE_CORE_ALL_MAPPINGS;
			break;
		case 'h':
			fputs(core_text, stdout);
			return 0;
		default:
			fprintf(stderr, "Try '" PROG " core --help' for more information.\n");
			return 1;
		}
	}
	if (!pid || optind != argc) {
		errmsg("core: %s", pid ? "unexpected arguments" : "-p PID is required");
		fprintf(stderr, "Try '" PROG " core --help' for more information.\n");
		return 1;
	}
	if (!out) {
		snprintf(defname, sizeof(defname), "core.%ld", pid);
		out = defname;
	}
	r = snare_session_new(&s, NULL);
	if (r < 0) {
		errmsg("core: %s", snare_strerror(r));
		return 1;
	}
	r = snare_attach(&p, s, (pid_t)pid);
	if (r == 0)
		r = snare_proc_dump_core(p, out, NULL, flags);
	if (r < 0)
		errmsg("%s", *snare_errmsg(s) ? snare_errmsg(s) : snare_strerror(r));
	/* Detached as it was, whether the dump worked or not. */
	snare_session_free(s);
	if (r == 0)
		fprintf(stderr, PROG ": wrote %s\n", out);
	return r < 0 ? 1 : 0;
}
