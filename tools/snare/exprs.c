/* SPDX-License-Identifier: MIT */
/*
 * exprs.c: the -e expressions of `snare trace` (trace=, signal=, status=,
 * inject=, raw=, verbose=, abbrev=, read=, write=) and their sets, with
 * strace's wording for bad input ("invalid system call 'foo'"). Parsing
 * only, like options.c, which calls parse_expr().
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/*
 * Names of syscalls of the i386 personality that x86_64 lacks (from
 * asm/unistd_32.h against asm/unistd_64.h). strace knows all three
 * personalities of an x86_64 kernel and accepts these names ("ipc",
 * "mmap2"); for a 64-bit program they select nothing, and so here.
 */
static const char *const i386_only[] = {
	"_llseek", "_newselect", "bdflush", "break", "chown32",
	"clock_adjtime64", "clock_getres_time64", "clock_gettime64",
	"clock_nanosleep_time64", "clock_settime64", "fadvise64_64",
	"fchown32", "fcntl64", "fstat64", "fstatat64", "fstatfs64", "ftime",
	"ftruncate64", "futex_time64", "getegid32", "geteuid32", "getgid32",
	"getgroups32", "getresgid32", "getresuid32", "getuid32", "gtty",
	"idle", "io_pgetevents_time64", "ipc", "lchown32", "lock", "lstat64",
	"mmap2", "mpx", "mq_timedreceive_time64", "mq_timedsend_time64",
	"nice", "oldfstat", "oldlstat", "oldolduname", "oldstat", "olduname",
	"ppoll_time64", "prof", "profil", "pselect6_time64", "readdir",
	"recvmmsg_time64", "rt_sigtimedwait_time64",
	"sched_rr_get_interval_time64", "semtimedop_time64", "sendfile64",
	"setfsgid32", "setfsuid32", "setgid32", "setgroups32", "setregid32",
	"setresgid32", "setresuid32", "setreuid32", "setuid32", "sgetmask",
	"sigaction", "signal", "sigpending", "sigprocmask", "sigreturn",
	"sigsuspend", "socketcall", "ssetmask", "stat64", "statfs64",
	"stime", "stty", "timer_gettime64", "timer_settime64",
	"timerfd_gettime64", "timerfd_settime64", "truncate64", "ugetrlimit",
	"ulimit", "umount", "utimensat_time64", "vm86", "vm86old", "waitpid", NULL,
};

static bool
is_i386_only(const char *name)
{
	size_t i;

	for (i = 0; i386_only[i]; i++)
		if (!strcmp(i386_only[i], name))
			return true;
	return false;
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
	/* strace's legacy class names, before syscall names: "ipc" and
	   "signal" are %ipc and %signal, not i386's syscalls. */
	if (*tok != '%') {
		static const char *const legacy[][2] = {
			{ "desc", "%desc" },	   { "file", "%file" },
			{ "memory", "%memory" },   { "process", "%process" },
			{ "signal", "%signal" },   { "ipc", "%ipc" },
			{ "network", "%network" },
		};
		size_t i;

		for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
			if (!strcmp(tok, legacy[i][0]))
				return set_add(set, legacy[i][1], count);
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
	if (is_i386_only(tok))
		return 0;
	/* NAME@64 is x86_64's; NAME@32, NAME@x32 the other personalities',
	   which a 64-bit program never calls. */
	{
		const char *at = strrchr(tok, '@');

		if (at && at > tok && at - tok < 64 &&
		    (!strcmp(at, "@64") || !strcmp(at, "@32") ||
		     !strcmp(at, "@x32"))) {
			char name[64];
			long n;

			snprintf(name, sizeof(name), "%.*s", (int)(at - tok), tok);
			n = snare_syscall_nr(name);
			if (!strcmp(at, "@64") && n >= 0) {
				set[n] = true;
				return 0;
			}
			if (strcmp(at, "@64") && (n >= 0 || is_i386_only(name)))
				return 0;
		} else if (at) {
			errmsg("incorrect personality designator '%s' in "
			       "qualification '%s'", at + 1, tok);
			return 1;
		}
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
	while (*spec == '!') {	/* as strace: each '!' inverts again */
		negate = !negate;
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
	while (*spec == '!') {	/* as strace: each '!' inverts again */
		negate = !negate;
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
		if (*tok >= '0' && *tok <= '9') {
			long long v;

			/* strace takes any number up to 255; those past the
			   last signal select nothing. */
			if (!parse_num(&v, tok, 0, 255)) {
				errmsg("invalid signal '%s'", tok);
				r = 1;
				break;
			}
			if (v > 0 && v < MAX_SIG)
				set[v] = true;
			continue;
		}
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
	bool negate = false;
	char *copy, *tok, *save = NULL;
	size_t i;
	int r = 0;

	while (*spec == '!') {
		negate = !negate;
		spec++;
	}
	copy = strdup(spec);

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
	bool ranged = false;

	v = strtoul(s, &end, 10);
	if (end == s || v < 1 || v > 65535)
		return false;
	ir->first = ir->last = (unsigned)v;
	ir->step = 0;
	if (!strncmp(end, "..", 2)) {
		/* strace keeps 65535 for "no last": F..65535 is refused. */
		s = end + 2;
		v = strtoul(s, &end, 10);
		if (end == s || v < ir->first || v >= 65535)
			return false;
		ir->last = (unsigned)v;
		ir->step = 1;
		ranged = true;
	}
	if (*end == '+') {
		if (!ranged)
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

/* A delay as strace reads it: a number (decimals too), then s, ms, us
   (the default) or ns. */
static bool
parse_delay(struct timespec *t, const char *s)
{
	static const struct { const char *sfx; double ns; } units[] = {
		{ "", 1e3 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 },
		{ "ns", 1 },
	};
	char *end;
	double v, ns;
	size_t i;

	if (!(*s >= '0' && *s <= '9') && *s != '.' && *s != '+')
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || v < 0)
		return false;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].sfx))
			break;
	if (i == sizeof(units) / sizeof(units[0]))
		return false;
	ns = v * units[i].ns;
	if (ns > 1e18)
		return false;
	t->tv_sec = (time_t)(ns / 1e9);
	t->tv_nsec = (long)(ns - (double)t->tv_sec * 1e9);
	return true;
}

/* poke_enter=@argN=HEX[,@argM=HEX...] */
static bool
parse_poke(struct inject_rule *ir, const char *s, bool at_exit)
{
	char *copy = strdup(s), *tok, *save = NULL;
	bool ok = *s != '\0';
	size_t i;

	for (i = 0; i < ir->npokes; i++)
		if (ir->pokes[i].at_exit == at_exit)
			ok = false; /* given twice */
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok && ok;
	     tok = strtok_r(NULL, ",", &save)) {
		struct inject_poke *n, *pk;
		size_t len = 0;

		if (strncmp(tok, "@arg", 4) || tok[4] < '1' || tok[4] > '7' ||
		    tok[5] != '=') {
			ok = false;
			break;
		}
		len = strlen(tok + 6);
		if (!len || len % 2 || len > 2048) {
			ok = false;
			break;
		}
		for (i = 0; i < ir->npokes; i++)
			if (ir->pokes[i].at_exit == at_exit &&
			    ir->pokes[i].argno == tok[4] - '0')
				ok = false; /* the same argument twice */
		if (!ok)
			break;
		n = realloc(ir->pokes, (ir->npokes + 1) * sizeof(*n));
		if (!n) {
			ok = false;
			break;
		}
		ir->pokes = n;
		pk = &ir->pokes[ir->npokes];
		pk->argno = tok[4] - '0';
		pk->at_exit = at_exit;
		pk->len = len / 2;
		pk->data = malloc(pk->len);
		if (!pk->data) {
			ok = false;
			break;
		}
		ir->npokes++;
		for (i = 0; i < pk->len && ok; i++) {
			unsigned v;
			char hex[3] = { tok[6 + 2 * i], tok[7 + 2 * i], 0 };

			if (!isxdigit((unsigned char)hex[0]) ||
			    !isxdigit((unsigned char)hex[1]) ||
			    sscanf(hex, "%2x", &v) != 1)
				ok = false;
			else
				pk->data[i] = (unsigned char)v;
		}
	}
	free(copy);
	return ok && copy;
}

void
inject_rule_free(struct inject_rule *ir)
{
	size_t i;

	for (i = 0; i < ir->npokes; i++)
		free(ir->pokes[i].data);
	free(ir->pokes);
	free(ir->set);
	ir->pokes = NULL;
	ir->npokes = 0;
	ir->set = NULL;
}

/*
 * inject=SET:error=E|retval=N[:signal=SIG][:when=EXPR]; with fault, strace's
 * fault=SET[:error=E][:when=EXPR]: error= and when= only, ENOSYS by default.
 */
static int
parse_inject_rule(struct trace_opts *o, const char *spec, long count,
		  bool fault)
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
	ir->syscall_nr = -1;
	copy = strdup(spec);
	ir->set = calloc((size_t)count, sizeof(bool));
	if (!copy || !ir->set)
		goto out;
	colon = strchr(copy, ':');
	if (!colon && !fault)
		goto bad;
	if (colon)
		*colon = '\0';
	if (parse_syscall_set(ir->set, copy, count))
		goto out;
	for (tok = colon ? strtok_r(colon + 1, ":", &save) : NULL; tok;
	     tok = strtok_r(NULL, ":", &save)) {
		long long v;

		if (!strncmp(tok, "syscall=", 8)) {
			/* A pure syscall (no side effect: getpid...), as
			   strace requires; given once. */
			long n = snare_syscall_nr(tok + 8);

			if (ir->syscall_nr >= 0 || n < 0 ||
			    !(snare_syscall_classes(n) & SNARE_SC_PURE))
				goto bad;
			ir->syscall_nr = n;
		} else if (!strncmp(tok, "error=", 6)) {
			const char *e = tok + 6;
			int n;

			if (ir->has_error || ir->has_retval)
				goto bad;
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
		} else if (fault && strncmp(tok, "when=", 5)) {
			goto bad;
		} else if (!strncmp(tok, "retval=", 7)) {
			/* strace: any unsigned 64-bit number, 0x... too. */
			const char *rv = tok + 7;
			unsigned long long u;
			char *end;

			if (ir->has_error || ir->has_retval || *rv == '-' ||
			    *rv == '+' || !*rv)
				goto bad;
			errno = 0;
			u = strtoull(rv, &end, 0);
			if (*end || errno)
				goto bad;
			ir->retval = (int64_t)u;
			ir->has_retval = true;
		} else if (!strncmp(tok, "delay_enter=", 12) ||
			   !strncmp(tok, "delay_exit=", 11)) {
			int k = tok[6] == 'e' && tok[7] == 'n' ? 0 : 1;

			if (ir->has_delay[k] ||
			    !parse_delay(&ir->delay[k], strchr(tok, '=') + 1))
				goto bad;
			ir->has_delay[k] = true;
		} else if (!strncmp(tok, "poke_enter=", 11)) {
			if (!parse_poke(ir, tok + 11, false))
				goto bad;
		} else if (!strncmp(tok, "poke_exit=", 10)) {
			if (!parse_poke(ir, tok + 10, true))
				goto bad;
		} else if (!strncmp(tok, "signal=", 7)) {
			if (ir->signo)
				goto bad; /* given twice */
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
	if (fault && !ir->has_error) {
		ir->error = ENOSYS;
		ir->has_error = true;
	}
	if (!ir->has_error && !ir->has_retval && !ir->signo &&
	    !ir->has_delay[0] && !ir->has_delay[1] && !ir->npokes)
		goto bad;
	o->ninject++;
	r = 0;
	goto out;
bad:
	errmsg("invalid %s argument '%s'", fault ? "fault" : "inject", spec);
out:
	free(copy);
	if (r)
		inject_rule_free(ir);
	return r;
}

int
parse_inject(struct trace_opts *o, const char *spec, long count)
{
	return parse_inject_rule(o, spec, count, false);
}

int
parse_fault(struct trace_opts *o, const char *spec, long count)
{
	return parse_inject_rule(o, spec, count, true);
}

/*
 * A set of named bits as strace's qualify_tokens: comma-separated names,
 * a leading '!' inverts, "all" and "none" alone; what names the kind in
 * "invalid quiet 'foo'".
 */
struct bit_name {
	const char *name;
	unsigned bit;
};

static int
parse_bits(unsigned *out, const char *spec, const struct bit_name *names,
	   unsigned all, const char *what)
{
	bool negate = false;
	char *copy, *tok, *save = NULL;
	size_t i;
	int r = 0;

	*out = 0;
	while (*spec == '!') {
		negate = !negate;
		spec++;
	}
	if (!strcmp(spec, "all")) {
		*out = all;
	} else if (strcmp(spec, "none")) {
		copy = strdup(spec);
		if (!copy)
			return 1;
		for (tok = strtok_r(copy, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			for (i = 0; names[i].name; i++)
				if (!strcmp(tok, names[i].name))
					break;
			if (!names[i].name) {
				errmsg("invalid %s '%s'", what, tok);
				r = 1;
				break;
			}
			*out |= names[i].bit;
		}
		if (!r && !*spec) {
			errmsg("invalid %s '%s'", what, spec);
			r = 1;
		}
		free(copy);
	}
	if (negate)
		*out = ~*out & all;
	return r;
}

int
parse_quiet_set(unsigned *out, const char *spec)
{
	static const struct bit_name names[] = {
		{ "attach", Q_ATTACH }, { "exit", Q_EXIT }, { "exits", Q_EXIT },
		{ "path-resolution", Q_PATH_RESOLVE },
		{ "personality", Q_PERSONALITY },
		{ "superseded", Q_THREAD_EXECVE },
		{ "thread-execve", Q_THREAD_EXECVE }, { NULL, 0 },
	};

	return parse_bits(out, spec, names, Q_ALL, "quiet");
}

/*
 * --decode-fds=SET, -e decode-fds=SET: path (-y), socket, dev and pidfd
 * (described as -yy does), each alone: *yflag gets
 * SNARE_DECODE_FDS_SET with the set's bits, or 0 for none.
 */
int
parse_decode_fds(int *yflag, const char *spec)
{
	static const struct bit_name names[] = {
		{ "path", SNARE_DECODE_FDS_PATH },
		{ "socket", SNARE_DECODE_FDS_SOCKET },
		{ "dev", SNARE_DECODE_FDS_DEV },
		{ "pidfd", SNARE_DECODE_FDS_PIDFD }, { NULL, 0 },
	};
	unsigned bits;

	if (parse_bits(&bits, spec, names, SNARE_DECODE_FDS_ALL,
		       "decode-fds"))
		return 1;
	*yflag = bits ? (int)(SNARE_DECODE_FDS_SET | bits) : 0;
	return 0;
}

/*
 * --decode-pids=SET, -e decode-pids=SET: comm (-Y), pidns
 * (--pidns-translation). Like strace, each replaces the set before it.
 */
int
parse_decode_pids(int *bits, const char *spec)
{
	static const struct bit_name names[] = {
		{ "comm", SNARE_DECODE_PIDS_COMM },
		{ "pidns", SNARE_DECODE_PIDS_PIDNS }, { NULL, 0 },
	};
	unsigned set;

	if (parse_bits(&set, spec, names,
		       SNARE_DECODE_PIDS_COMM | SNARE_DECODE_PIDS_PIDNS,
		       "decode-pids"))
		return 1;
	*bits = (int)set;
	return 0;
}

/* -e raw=SET, abbrev=SET, verbose=SET: a syscall set of its own. */
static int
parse_own_set(bool **set, const char *spec, long count)
{
	if (!*set)
		*set = calloc((size_t)count, sizeof(bool));
	if (!*set)
		return 1;
	return parse_syscall_set(*set, spec, count);
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
	const char *whole = spec;
	char *copy, *tok, *save = NULL;
	int r = 0;

	free(set->fds);
	memset(set, 0, sizeof(*set));
	while (*spec == '!') {
		set->negate = !set->negate;
		spec++;
	}
	/* As strace: "all" and "none" only as the whole set; a set with
	   no descriptor in it ("", "!", ",,") is named whole. */
	if (!strcmp(spec, "all")) {
		set->all = true;
		return 0;
	}
	if (!strcmp(spec, "none"))
		return 0;
	copy = strdup(spec);
	if (!copy)
		return 1;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		long long v;
		int *n;

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
	if (!r && !set->n) {
		errmsg("invalid descriptor '%s'", whole);
		r = 1;
	}
	return r;
}

/* -e EXPR: trace=, signal=, status=, inject=, fault=, raw=, verbose=,
   abbrev=, read=, write=, quiet=, decode-fds=, decode-pids=, and strace's
   other names for them ("t=", "signals=", "silent="...). */
int
parse_qual(struct trace_opts *o, int which, const char *val, long count)
{
	switch (which) {
	case QU_TRACE:
		o->trace_all = false;
		return parse_syscall_set(o->trace_set, val, count);
	case QU_SIGNAL:
		return parse_signal_set(o->sig_set, val);
	case QU_STATUS:
		return parse_status_set(&o->status, val);
	case QU_INJECT:
		return parse_inject(o, val, count);
	case QU_FAULT:
		return parse_fault(o, val, count);
	case QU_RAW:
		return parse_own_set(&o->raw_set, val, count);
	case QU_VERBOSE:
		return parse_own_set(&o->verbose_set, val, count);
	case QU_ABBREV:
		return parse_own_set(&o->abbrev_set, val, count);
	case QU_READ:
		return parse_fd_set(&o->read_fds, val);
	case QU_WRITE:
		return parse_fd_set(&o->write_fds, val);
	case QU_QUIET:
		o->quiet_given = true;
		return parse_quiet_set(&o->quiet, val);
	case QU_DECODE_FD:
		return parse_decode_fds(&o->fmt.yflag, val);
	case QU_DECODE_PID:
		return parse_decode_pids(&o->fmt.decode_pids, val);
	}
	return 1;
}

int
parse_expr(struct trace_opts *o, const char *expr, long count)
{
	static const struct { const char *key; int which; } keys[] = {
		{ "trace", QU_TRACE },	     { "t", QU_TRACE },
		{ "abbrev", QU_ABBREV },     { "a", QU_ABBREV },
		{ "verbose", QU_VERBOSE },   { "v", QU_VERBOSE },
		{ "raw", QU_RAW },	     { "x", QU_RAW },
		{ "signal", QU_SIGNAL },     { "signals", QU_SIGNAL },
		{ "s", QU_SIGNAL },	     { "status", QU_STATUS },
		{ "quiet", QU_QUIET },	     { "silent", QU_QUIET },
		{ "silence", QU_QUIET },     { "q", QU_QUIET },
		{ "read", QU_READ },	     { "reads", QU_READ },
		{ "r", QU_READ },	     { "write", QU_WRITE },
		{ "writes", QU_WRITE },	     { "w", QU_WRITE },
		{ "fault", QU_FAULT },	     { "inject", QU_INJECT },
		{ "decode-fd", QU_DECODE_FD }, { "decode-fds", QU_DECODE_FD },
		{ "decode-pid", QU_DECODE_PID }, { "decode-pids", QU_DECODE_PID },
	};
	const char *eq = strchr(expr, '=');
	size_t i;

	/* No "KEY=": a syscall set, as trace=. */
	if (!eq)
		return parse_qual(o, QU_TRACE, expr, count);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].key) == (size_t)(eq - expr) &&
		    !strncmp(expr, keys[i].key, (size_t)(eq - expr)))
			return parse_qual(o, keys[i].which, eq + 1, count);
	/* strace: an unknown key is part of a syscall set ("foo=bar"
	   gives "invalid system call"); the key's name is clearer. */
	errmsg("invalid filter action '%.*s'", (int)(eq - expr), expr);
	return 1;
}
