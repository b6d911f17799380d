/* SPDX-License-Identifier: MIT */
/*
 * options.c: the command line of `snare trace`, strace's flags with strace's
 * meaning and strace's wording for bad input ("invalid system call 'foo'",
 * "X and Y are mutually exclusive"). Parsing only: nothing is traced here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace.h"

/* "snare: " and the message on stderr, after whatever stdout holds. */
static void
vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, PROG ": ");
	vfprintf(stderr, fmt, ap);
}

void
errmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A bad-usage message followed by the hint strace prints; exit code 1. */
static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '" PROG " trace --help' for more information.\n");
	return 1;
}

/* Parse a whole decimal number in [min, max]. */
bool
parse_num(long long *out, const char *s, long long min, long long max)
{
	char *end;
	long long v;

	if (!*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

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

static int
sort_named(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(sort_names) / sizeof(sort_names[0]); i++)
		if (!strcmp(sort_names[i].name, s))
			return sort_names[i].key;
	return -1;
}

/* -p "1,2 3": every pid must be a positive number and not our own. */
static int
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

enum long_only {
	OPT_JSON = 256,
	OPT_NO_SECCOMP,
	OPT_SECCOMP_BPF,
	OPT_HW,
	OPT_GDB,
	OPT_WATCH,
	OPT_TRACE,
	OPT_SIGNAL,
	OPT_STATUS,
	OPT_INJECT,
	OPT_READ,
	OPT_WRITE,
	OPT_STACK_TRACE,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "output-separately", no_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "attach", required_argument, NULL, 'p' },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "syscall-times", no_argument, NULL, 'T' },
	{ "relative-timestamps", no_argument, NULL, 'r' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "decode-fds", no_argument, NULL, 'y' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "stack-trace", optional_argument, NULL, OPT_STACK_TRACE },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "env", required_argument, NULL, 'E' },
	{ "user", required_argument, NULL, 'u' },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "columns", required_argument, NULL, 'a' },
	{ "read", required_argument, NULL, OPT_READ },
	{ "write", required_argument, NULL, OPT_WRITE },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "inject", required_argument, NULL, OPT_INJECT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "no-seccomp", no_argument, NULL, OPT_NO_SECCOMP },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP_BPF },
	{ "hw", no_argument, NULL, OPT_HW },
	{ "gdb", no_argument, NULL, OPT_GDB },
	{ "watch", required_argument, NULL, OPT_WATCH },
	{ "break", required_argument, NULL, 'B' },
	{ "detach-on", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 },
};

static const char short_opts[] =
	"+:hfFo:p:cCTtrs:xynqvzZe:kb:B:wViAE:u:P:S:a:";

/* Conflicts strace refuses, in its words. */
static int
check_conflicts(struct trace_opts *o, bool ff_requested)
{
	if (o->summary && ff_requested && o->outfile)
		return usage_error("(-c/--summary-only or -C/--summary) and "
				   "-ff/--output-separately are mutually exclusive");
	if (o->json && o->summary)
		return usage_error("--json and (-c/--summary-only or "
				   "-C/--summary) are mutually exclusive");
	if (!o->argv && !o->npids)
		return usage_error("must have PROG [ARGS] or -p PID");
	if (o->sort_given && !o->summary)
		errmsg("-S/--summary-sort-by has no effect without "
		       "(-c/--summary-only or -C/--summary)");
	if (o->ipointer && o->summary == 1)
		errmsg("-i/--instruction-pointer has no effect with "
		       "-c/--summary-only");
	if (o->syscall_times && o->summary == 1)
		errmsg("-T/--syscall-times has no effect with -c/--summary-only");
	if (ff_requested && o->outfile &&
	    (o->outfile[0] == '|' || o->outfile[0] == '!'))
		return usage_error("piping the output and -ff/--output-separately "
				   "are mutually exclusive");
	if (o->append && !o->outfile)
		errmsg("-A/--output-append-mode has no effect without "
		       "-o/--output");
	if (o->follow == 2 && !o->outfile)
		o->follow = 1; /* strace: -ff without -o is -f */
	/* A detached process would keep the filter (and see ENOSYS). */
	if (o->detach_execve && o->seccomp_asked)
		errmsg("--seccomp-bpf is not enabled because it is not "
		       "compatible with -b");
	return 0;
}

/*
 * -u USERNAME: its uid, gid and groups (initgroups' list), looked up now so
 * that a bad name fails before anything runs. Only root can change to
 * another user; strace refuses -u otherwise, in the same words.
 */
static int
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
static int
add_path(struct trace_opts *o, const char *path)
{
	char *real = realpath(path, NULL);
	char **n;
	size_t i, k = 0;
	const char *add[2] = { path, NULL };

	if (real && strcmp(real, path)) {
		fflush(stdout);
		fprintf(stderr, PROG ": Requested path ");
		quote_path(stderr, path);
		fprintf(stderr, " resolved into ");
		quote_path(stderr, real);
		fputc('\n', stderr);
		add[1] = real;
	}
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

int
trace_parse(struct trace_opts *o, int argc, char **argv, bool *done)
{
	long count = snare_syscall_count();
	long long v;
	int c, i, li;

	memset(o, 0, sizeof(*o));
	o->fmt = (snare_format_opts)SNARE_FORMAT_OPTS_INIT;
	o->trace_all = true;
	o->status = ST_ALL;
	o->acolumn = 40;
	for (i = 1; i < MAX_SIG; i++)
		o->sig_set[i] = true;
	o->trace_set = calloc((size_t)count, sizeof(bool));
	if (!o->trace_set)
		return 1;
	*done = false;
	/*
	 * 0, not 1: glibc's getopt then forgets the rest of a cluster
	 * ("-hf") an earlier parse stopped in, which would point into that
	 * parse's argv (getopt(3), NOTES). A second parse in one process
	 * (the fuzz target) read freed memory through it.
	 */
	optind = 0;
	opterr = 0;
	/* li: the long option's index, -1 for a short one (strace names the
	   option as it was typed in "invalid --columns argument"). */
	for (li = -1; (c = getopt_long(argc, argv, short_opts, long_opts,
				       &li)) != -1;
	     li = -1) {
		switch (c) {
		case 'h':
			trace_usage(stdout);
			*done = true;
			return 0;
		case 'V':
			printf(PROG " version %d.%d\n", SNARE_VERSION_MAJOR,
			       SNARE_VERSION_MINOR);
			*done = true;
			return 0;
		case 'f':
			o->follow = o->follow < 2 ? o->follow + 1 : 2;
			break;
		case 'F':
			o->follow = 2;
			break;
		case 'o':
			o->outfile = optarg;
			break;
		case 'p':
			if (parse_pids(o, optarg))
				return 1;
			break;
		case 'c':
			o->summary = 1;
			break;
		case 'C':
			o->summary = 2;
			break;
		case 'T':
			o->syscall_times = true;
			break;
		case 't':
			o->timestamps = o->timestamps < 3 ? o->timestamps + 1 : 3;
			break;
		case 'r':
			o->relative = true;
			break;
		case 's':
			if (!parse_num(&v, optarg, 0, INT_MAX))
				return usage_error("invalid %s argument: '%s'",
						   li >= 0 ? "--string-limit"
							   : "-s",
						   optarg);
			o->fmt.strsize = (int)v;
			break;
		case 'x':
			o->fmt.xflag = o->fmt.xflag < 2 ? o->fmt.xflag + 1 : 2;
			break;
		case 'y':
			o->fmt.yflag = o->fmt.yflag < 2 ? o->fmt.yflag + 1 : 2;
			break;
		case 'n':
			o->numbers = true;
			break;
		case 'q':
			o->quiet = o->quiet < 2 ? o->quiet + 1 : 2;
			break;
		case 'v':
			o->fmt.verbose = 1;
			break;
		case 'w':
			break; /* -c times are always wall-clock latencies */
		case 'z':
			o->status = ST_SUCCESSFUL;
			break;
		case 'Z':
			o->status = ST_FAILED;
			break;
		case 'e':
			if (parse_expr(o, optarg, count))
				return 1;
			break;
		case OPT_TRACE:
			o->trace_all = false;
			if (parse_syscall_set(o->trace_set, optarg, count))
				return 1;
			break;
		case OPT_SIGNAL:
			if (parse_signal_set(o->sig_set, optarg))
				return 1;
			break;
		case OPT_STATUS:
			if (parse_status_set(&o->status, optarg))
				return 1;
			break;
		case OPT_INJECT:
			if (parse_inject(o, optarg, count))
				return 1;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_NO_SECCOMP:
			o->no_seccomp = true;
			break;
		case OPT_SECCOMP_BPF:
			/* The fast path is the default; remembered for the
			   message that -b turns it off. */
			o->seccomp_asked = true;
			break;
		case 'k':
			/* -kk: with source lines, as strace's -kk. */
			o->stack_trace = o->stack_trace ? 2 : 1;
			break;
		case OPT_STACK_TRACE:
			if (!optarg || strcmp(optarg, "symbols") == 0) {
				o->stack_trace = 1;
			} else if (strcmp(optarg, "source") == 0) {
				o->stack_trace = 2;
			} else {
				errmsg("invalid --stack-trace argument: '%s'", optarg);
				return 1;
			}
			break;
		case 'b':
			/* strace's -b / --detach-on: execve only. */
			if (strcmp(optarg, "execve")) {
				errmsg("Syscall '%s' for -b isn't supported",
				       optarg);
				return 1;
			}
			o->detach_execve = true;
			break;
		case 'B': {
			const char **locs = realloc(o->bp_locs, (o->nbp + 1) *
							       sizeof(*locs));

			if (!locs)
				return 1;
			o->bp_locs = locs;
			o->bp_locs[o->nbp++] = optarg;
			break;
		}
		case OPT_HW:
			o->hw = true;
			break;
		case OPT_GDB:
			o->gdb = true;
			break;
		case OPT_WATCH: {
			struct watch_spec w;
			const char **args;

			if (watch_spec_parse(&w, optarg) < 0)
				return 1;
			args = realloc(o->watch_args, (o->nwatch + 1) * sizeof(*args));
			if (!args)
				return 1;
			o->watch_args = args;
			o->watch_args[o->nwatch++] = optarg;
			break;
		}
		case 'i':
			o->ipointer = true;
			break;
		case 'A':
			o->append = true;
			break;
		case 'E': {
			const char **ops = realloc(o->env_ops, (o->nenv + 1) *
							       sizeof(*ops));

			if (!ops)
				return 1;
			o->env_ops = ops;
			o->env_ops[o->nenv++] = optarg;
			break;
		}
		case 'u':
			o->user = optarg;
			break;
		case 'P':
			if (add_path(o, optarg))
				return 1;
			break;
		case 'S':
			i = sort_named(optarg);
			if (i < 0)
				return usage_error("invalid sortby: '%s'",
						   optarg);
			o->sort_by = i;
			o->sort_given = true;
			break;
		case 'a':
			if (!parse_num(&v, optarg, 0, INT_MAX))
				return usage_error("invalid %s argument: '%s'",
						   li >= 0 ? "--columns" : "-a",
						   optarg);
			o->acolumn = (int)v;
			break;
		case OPT_READ:
			if (parse_fd_set(&o->read_fds, optarg))
				return 1;
			break;
		case OPT_WRITE:
			if (parse_fd_set(&o->write_fds, optarg))
				return 1;
			break;
		case ':':
			/* A long option that has a short one ("--env", 'E')
			   sets optopt to the short one: name what was typed. */
			if (optopt > 0 && optopt < 256 &&
			    strncmp(argv[optind - 1], "--", 2))
				return usage_error("option requires an argument -- '%c'",
						   optopt);
			return usage_error("option '%s' requires an argument",
					   argv[optind - 1]);
		case '?':
		default:
			if (optopt)
				return usage_error("invalid option -- '%c'", optopt);
			return usage_error("unrecognized option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->argv = argv + optind;
	if (o->gdb && !o->nbp)
		return usage_error("--gdb needs a --break LOCATION to hand off at");
	i = check_conflicts(o, o->follow == 2);
	if (!i && o->user)
		i = lookup_user(o);
	return i;
}

void
trace_opts_free(struct trace_opts *o)
{
	size_t i;

	for (i = 0; i < o->ninject; i++)
		free(o->inject[i].set);
	free(o->trace_set);
	free(o->pids);
	free(o->bp_locs);
	free(o->watch_args);
	free(o->env_ops);
	free(o->run_groups);
	for (i = 0; i < o->npaths; i++)
		free(o->paths[i]);
	free(o->paths);
	free(o->read_fds.fds);
	free(o->write_fds.fds);
}
