/* SPDX-License-Identifier: MIT */
/*
 * options.c: the command line of `snare trace`, strace's flags with strace's
 * meaning and strace's wording for bad input ("invalid system call 'foo'",
 * "X and Y are mutually exclusive"). Parsing only: nothing is traced here.
 * Here the getopt table and loop and the checks across options; the -e
 * expressions and their long forms (--trace=, --quiet=...) are exprs.c's,
 * the values of the other options that take more than a number
 * optvalues.c's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "optvalues.h"
#include "trace.h"

/* The name messages start with: "snare", or argv[0] when run as strace
   (main.c). Defined with the parser, its first user, so that the option
   fuzzer links it too. */
const char *trace_progname = PROG;

/* "snare: " and the message on stderr, after whatever stdout holds. */
static void
vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", trace_progname);
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
	if (strcmp(trace_progname, PROG))
		fprintf(stderr, "\nTry '%s -h' for more information.\n",
			trace_progname);
	else
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
	OPT_TS,
	OPT_HEX,
	OPT_PIDNS,
	OPT_UNSUPPORTED,	/* strace options snare does not have */
	OPT_DAEMONIZE,
	OPT_QUAL,	/* + enum qual: --raw=, --quiet=, --decode-fds=... */
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "debug", no_argument, NULL, 'd' },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "output-separately", no_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "attach", required_argument, NULL, 'p' },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "syscall-times", optional_argument, NULL, 'T' },
	{ "relative-timestamps", optional_argument, NULL, 'r' },
	{ "absolute-timestamps", optional_argument, NULL, OPT_TS },
	{ "timestamps", optional_argument, NULL, OPT_TS },
	{ "string-limit", required_argument, NULL, 's' },
	{ "strings-in-hex", optional_argument, NULL, OPT_HEX },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "failing-only", no_argument, NULL, 'Z' },
	{ "stack-trace", optional_argument, NULL, OPT_STACK_TRACE },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "interruptible", required_argument, NULL, 'I' },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "version", no_argument, NULL, 'V' },
	{ "decode-pids", required_argument, NULL, OPT_QUAL + QU_DECODE_PID },
	{ "pidns-translation", no_argument, NULL, OPT_PIDNS },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "daemonize", optional_argument, NULL, OPT_DAEMONIZE },
	{ "abbrev", required_argument, NULL, OPT_QUAL + QU_ABBREV },
	{ "verbose", required_argument, NULL, OPT_QUAL + QU_VERBOSE },
	{ "raw", required_argument, NULL, OPT_QUAL + QU_RAW },
	{ "signals", required_argument, NULL, OPT_SIGNAL },
	{ "fault", required_argument, NULL, OPT_QUAL + QU_FAULT },
	{ "quiet", optional_argument, NULL, OPT_QUAL + QU_QUIET },
	{ "silent", optional_argument, NULL, OPT_QUAL + QU_QUIET },
	{ "silence", optional_argument, NULL, OPT_QUAL + QU_QUIET },
	{ "decode-fds", optional_argument, NULL, OPT_QUAL + QU_DECODE_FD },
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
	"+:hfFo:p:cCTtrs:xynqvzZe:kb:B:wO:ViAE:u:P:S:a:I:X:YDU:d";

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
	if (o->daemonize && !o->argv)
		return usage_error("PROG [ARGS] must be specified with "
				   "-D/--daemonize");
	if (o->daemonize && o->user)
		return usage_error("-D/--daemonize and -u/--user are not "
				   "supported together by snare");
	if (o->wall_clock && !o->summary)
		return usage_error("-w/--summary-wall-clock must be given with "
				   "(-c/--summary-only or -C/--summary)");
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

/* strace's "invalid -I argument" / "invalid --interruptible argument". */
static int
bad_arg(int c, int li, const char *arg)
{
	if (li >= 0)
		return usage_error("invalid --%s argument: '%s'",
				   long_opts[li].name, arg ? arg : "");
	return usage_error("invalid -%c argument: '%s'", c, arg ? arg : "");
}

int
trace_parse(struct trace_opts *o, int argc, char **argv, bool *done)
{
	long count = snare_syscall_count();
	long long v;
	int c, i, li, q_short = 0, t_short = 0, x_long = -1, d_short = 0,
	    d_long = 0;
	bool ts_long = false;

	memset(o, 0, sizeof(*o));
	o->fmt = (snare_format_opts)SNARE_FORMAT_OPTS_INIT;
	o->trace_all = true;
	o->status = ST_ALL;
	o->acolumn = 40;
	o->r_width = 6;
	o->T_width = 6;
	o->ts_width = 0;
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
			o->T_width = precision_width(optarg);
			if (o->T_width < 0)
				return bad_arg(c, li, optarg);
			break;
		case 't':
			t_short++;
			break;
		case OPT_TS:
			ts_long = true;
			if (parse_ts(o, optarg ? optarg : "format:time"))
				return bad_arg(c, li, optarg);
			break;
		case 'r':
			o->relative = true;
			o->r_width = precision_width(optarg);
			if (o->r_width < 0)
				return bad_arg(c, li, optarg);
			break;
		case OPT_HEX:
			/* non-ascii-chars: only the unprintable bytes in
			   hex, the rest of the string as it is. */
			if (!optarg || !strcmp(optarg, "all"))
				x_long = 2;
			else if (!strcmp(optarg, "non-ascii"))
				x_long = 1;
			else if (!strcmp(optarg, "none"))
				x_long = 0;
			else if (!strcmp(optarg, "non-ascii-chars"))
				x_long = 3;
			else
				return bad_arg(c, li, optarg);
			break;
		case 'Y':
			/* strace: each of -Y, --pidns-translation and
			   --decode-pids replaces the set. */
			o->fmt.decode_pids = SNARE_DECODE_PIDS_COMM;
			break;
		case OPT_PIDNS:
			o->fmt.decode_pids = SNARE_DECODE_PIDS_PIDNS;
			break;
		case 'd':
			o->debug = true;
			break;
		case 'U': {
			char why[256];

			if (summary_set_columns(optarg, why, sizeof(why)) < 0)
				return usage_error("%s", why);
			break;
		}
		case 'D':
			d_short++;
			break;
		case OPT_DAEMONIZE:
			d_long = daemonize_named(optarg);
			if (!d_long)
				return bad_arg(c, li, optarg);
			break;
		case OPT_UNSUPPORTED:
			/* Valid for strace, not implemented here: say so
			   rather than "invalid option". */
			if (li >= 0)
				return usage_error("--%s is not supported by snare",
						   long_opts[li].name);
			return usage_error("-%c is not supported by snare", c);
		case 'I':
			o->interruptible = interruptible_named(optarg);
			if (!o->interruptible)
				return bad_arg(c, li, optarg);
			break;
		case 'X':
			/* The style of named constants (strace's
			   --const-print-style). */
			if (!strcmp(optarg, "abbrev"))
				o->fmt.xlat_style = 0;
			else if (!strcmp(optarg, "raw"))
				o->fmt.xlat_style = 1;
			else if (!strcmp(optarg, "verbose"))
				o->fmt.xlat_style = 2;
			else
				return bad_arg(c, li, optarg);
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
			o->fmt.decode_fds = 0; /* -y and -yy: as yflag says */
			break;
		case 'n':
			o->numbers = true;
			break;
		case 'q':
			q_short++;
			break;
		case 'v':
			/* strace: -v is -e abbrev=none. */
			if (parse_qual(o, QU_ABBREV, "none", count))
				return 1;
			o->fmt.verbose = 1;
			break;
		case 'w':
			/* -c times are always wall-clock latencies. */
			o->wall_clock = true;
			break;
		case 'O':
			if (parse_overhead(optarg, &o->overhead) < 0)
				return bad_arg(c, li, optarg);
			break;
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
		case 'P': {
			/* Resolved after the loop, once --quiet= is known. */
			const char **np = realloc(o->p_args, (o->np_args + 1) *
							      sizeof(*np));

			if (!np)
				return 1;
			o->p_args = np;
			o->p_args[o->np_args++] = optarg;
			break;
		}
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
		default:
			if (c >= OPT_QUAL && c <= OPT_QUAL + QU_DECODE_PID) {
				static const char *const dflt[] = {
					[QU_QUIET] = "attach,personality",
					[QU_DECODE_FD] = "path",
					[QU_DECODE_PID] = NULL,
				};

				if (parse_qual(o, c - OPT_QUAL,
					       optarg ? optarg : dflt[c - OPT_QUAL],
					       count))
					return 1;
				break;
			}
			goto bad_option;
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
bad_option:
			if (optopt)
				return usage_error("invalid option -- '%c'", optopt);
			return usage_error("unrecognized option '%s'",
					   argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->argv = argv + optind;
	/* -P: as strace, after every option but before -q is counted, so
	   --quiet=path-resolution hides "resolved into", -qqq does not. */
	for (i = 0; i < (int)o->np_args; i++)
		if (add_path(o, o->p_args[i]))
			return 1;
	/* The short forms after the long ones, as strace resolves them. */
	if (t_short && ts_long) {
		errmsg("-t and --absolute-timestamps cannot be provided "
		       "simultaneously");
		return 1;
	}
	if (t_short)
		parse_ts(o, t_short == 1 ? "format:time"
			    : t_short == 2 ? "precision:us,format:time"
					   : "format:unix,precision:us");
	if (x_long >= 0) {
		if (o->fmt.xflag) {
			errmsg("-x and --strings-in-hex cannot be provided "
			       "simultaneously");
			return 1;
		}
		o->fmt.xflag = x_long;
	}
	if (d_short && d_long) {
		errmsg("-D and --daemonize cannot be provided simultaneously");
		return 1;
	}
	if (d_short > 3)
		return usage_error("Too many -D's (%d), maximum supported -D "
				   "count is 3", d_short);
	o->daemonize = d_short ? d_short : d_long;
	/* -D: signals do not interrupt, ^Z neither (strace's table). */
	if (o->daemonize && !o->interruptible)
		o->interruptible = 4;
	/* -o FILE with a command: -q unless quiet was said, and signals
	   do not interrupt (strace's table in its main). */
	if (o->outfile && o->argv) {
		if (!o->interruptible)
			o->interruptible = 3;
		if (!q_short && !o->quiet_given)
			q_short = 1;
	}
	if (!o->interruptible)
		o->interruptible = 2;
	if (q_short) {
		if (o->quiet_given) {
			errmsg("-q and -e quiet/--quiet cannot be provided "
			       "simultaneously");
			return 1;
		}
		parse_quiet_set(&o->quiet, q_short == 1 ? "attach,personality"
					   : q_short == 2 ? "exit,attach,personality"
							  : "all");
	}
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
		inject_rule_free(&o->inject[i]);
	free(o->trace_set);
	free(o->p_args);
	free(o->raw_set);
	free(o->abbrev_set);
	free(o->verbose_set);
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
