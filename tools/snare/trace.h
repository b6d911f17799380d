/* SPDX-License-Identifier: MIT */
/*
 * trace.h: shared declarations of the `snare trace` command: its options,
 * the output layer, the -c summary and the tracing
 * engine. The CLI is a client of snare.h only.
 */
#ifndef SNARE_TOOL_TRACE_H
#define SNARE_TOOL_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <snare.h>

#define PROG "snare"
#define MAX_INJECT 32
#define MAX_SIG 65

/* -e status= values. */
enum status_bits {
	ST_SUCCESSFUL = 1 << 0,
	ST_FAILED = 1 << 1,
	ST_UNFINISHED = 1 << 2,
	ST_UNAVAILABLE = 1 << 3,
	ST_DETACHED = 1 << 4,
	ST_ALL = 0x1f,
};

/* -t, --absolute-timestamps=format: */
enum ts_format { TS_NONE, TS_TIME, TS_UNIX };

/* -q, -qq, -e quiet=: what is not said. */
enum quiet_bits {
	Q_ATTACH = 1 << 0,	  /* "Process N attached/detached" */
	Q_EXIT = 1 << 1,	  /* "+++ exited with N +++" */
	Q_PATH_RESOLVE = 1 << 2,  /* -P's "Requested path ... resolved" */
	Q_PERSONALITY = 1 << 3,	  /* personality changes (none on x86_64) */
	Q_THREAD_EXECVE = 1 << 4, /* "+++ superseded by execve ... +++" */
	Q_ALL = 0x1f,
};

/* inject's poke_enter=@argN=HEX, poke_exit=: bytes written at the
   address argument N holds. */
struct inject_poke {
	int argno;		/* 1..7 */
	bool at_exit;		/* poke_exit= */
	unsigned char *data;
	size_t len;
};

/* One -e inject= rule. */
struct inject_rule {
	bool *set;	  /* syscalls it applies to, indexed by number */
	bool has_error;	  /* error=ERRNO */
	bool has_retval;  /* retval=N */
	int error;
	int64_t retval;
	int signo;	  /* signal=SIG, 0 for none */
	unsigned first;	  /* when=FIRST..LAST+STEP (1-based invocations) */
	unsigned last;
	unsigned step;	  /* 0: only FIRST..LAST once each step 1 */
	long syscall_nr;  /* syscall=NAME: the pure syscall strace runs in
			     place of the real one (-1: none); snare skips
			     the call, which shows the same */
	bool has_delay[2]; /* delay_enter=, delay_exit= */
	struct timespec delay[2];
	struct inject_poke *pokes;
	size_t npokes;
};

/* A set of file descriptors: -e read=SET, -e write=SET. */
struct fd_set_spec {
	int *fds;	/* the numbers listed */
	size_t n;
	bool all;	/* "all" was listed */
	bool negate;	/* a leading '!' */
};
bool fd_in_set(const struct fd_set_spec *set, long fd);

/* -S: what the -c table is sorted by. */
enum sort_by {
	SORT_TIME = 0,	/* the default: total time, most first */
	SORT_MIN_TIME,
	SORT_MAX_TIME,
	SORT_AVG_TIME,
	SORT_CALLS,
	SORT_ERRORS,
	SORT_NAME,
	SORT_NOTHING,	/* syscall number order */
};

struct trace_opts {
	int follow;		/* -f: 1, -ff: 2 */
	const char *outfile;	/* -o */
	pid_t *pids;		/* -p */
	size_t npids;
	bool *trace_set;	/* -e trace=, indexed by syscall number */
	bool trace_all;		/* no -e trace= given, or trace=all */
	bool sig_set[MAX_SIG];	/* -e signal= */
	unsigned status;	/* -e status=, -z, -Z (ST_ALL by default) */
	struct inject_rule inject[MAX_INJECT];
	size_t ninject;
	int summary;		/* -c: 1, -C: 2 */
	bool syscall_times;	/* -T, --syscall-times[=PRECISION] */
	int ts_format;		/* -t, --absolute-timestamps: enum ts_format */
	int ts_width;		/* digits after the second: 0, 3, 6 or 9 */
	bool relative;		/* -r, --relative-timestamps[=PRECISION] */
	int r_width;		/* -r's digits (6 by default) */
	int T_width;		/* -T's digits (6 by default) */
	bool numbers;		/* -n */
	unsigned quiet;		/* -q, -e quiet=: enum quiet_bits */
	bool quiet_given;	/* -e quiet= / --quiet= was given */
	int interruptible;	/* -I: 1 anywhere .. 4 never_tstp, 0 default */
	int daemonize;		/* -D: 1 grandchild, 2 + process group,
				   3 + session (-DD, -DDD, --daemonize=) */
	/* -e raw=, -e abbrev=, -e verbose=: per syscall number, NULL when
	   not given (raw: none; abbrev, verbose: all). */
	bool *raw_set;
	bool *abbrev_set;
	bool *verbose_set;
	bool json;		/* --json */
	bool debug;		/* -d: strace's debug notes ("invalid syscall") */
	bool no_seccomp;	/* --no-seccomp */
	snare_format_opts fmt;	/* -s -x -y -v */
	char **argv;		/* PROGRAM ARGS..., or NULL with -p */
	const char **bp_locs;	/* --break LOCATION, repeatable */
	size_t nbp;
	bool hw;		/* --hw: hardware breakpoints */
	bool gdb;		/* --gdb: hand off to gdb at each --break hit */
	const char **watch_args; /* --watch, repeatable */
	size_t nwatch;
	bool detach_execve;	/* -b execve: detach at each exec */
	bool seccomp_asked;	/* --seccomp-bpf was given */
	int stack_trace;	/* -k: 1; -kk, --stack-trace=source: 2 (file:line) */
	bool ipointer;		/* -i: [pc] before each line */
	bool append;		/* -A: open -o files for appending */
	int acolumn;		/* -a: the column of " = " (default 40) */
	int sort_by;		/* -S: enum sort_by */
	bool sort_given;	/* -S was given */
	bool wall_clock;	/* -w: -c counts wall time, not CPU time */
	double overhead;	/* -O: seconds taken off each -c time */
	const char **env_ops;	/* -E VAR=VAL / -E VAR, in order */
	size_t nenv;
	const char *user;	/* -u USERNAME */
	uid_t run_uid;		/* -u: its uid, gid and groups */
	gid_t run_gid;
	gid_t *run_groups;
	int nrun_groups;
	const char **p_args;	/* -P as given, until the options are read */
	size_t np_args;
	char **paths;		/* -P PATH, and the paths they resolve to */
	size_t npaths;
	struct fd_set_spec read_fds;	/* -e read= */
	struct fd_set_spec write_fds;	/* -e write= */
};

/* options.c */
/* Parse `snare trace` arguments. Returns 0, or an exit code (1 or 2) after
   printing the reason; *done is set for --help. */
int trace_parse(struct trace_opts *o, int argc, char **argv, bool *done);
void trace_opts_free(struct trace_opts *o);
void trace_usage(FILE *f);
/* The name messages start with: "snare", or, when snare runs as a drop-in
   for strace (started under a name holding "strace", e.g. a symlink), its
   argv[0] as strace prints it. Set once by main(). */
extern const char *trace_progname;
/* Print "PROGNAME: MSG" on stderr. */
void errmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* options.c: a whole decimal number in [min, max]. */
bool parse_num(long long *out, const char *s, long long min, long long max);
/* exprs.c: one -e EXPR into o, or one of its sets (also the long options
   --trace=, --signal=, --status=, --inject=, --read=, --write=); each
   returns 1, with the message printed, when the input is bad. */
int parse_expr(struct trace_opts *o, const char *expr, long count);
int parse_syscall_set(bool *set, const char *spec, long count);
int parse_signal_set(bool *set, const char *spec);
int parse_status_set(unsigned *out, const char *spec);
int parse_inject(struct trace_opts *o, const char *spec, long count);
int parse_fd_set(struct fd_set_spec *set, const char *spec);
int parse_fault(struct trace_opts *o, const char *spec, long count);
void inject_rule_free(struct inject_rule *ir);
int parse_quiet_set(unsigned *out, const char *spec);
int parse_decode_fds(snare_format_opts *fo, const char *spec);
int parse_decode_pids(int *bits, const char *spec);
/* One qualifier by number (the long options --raw=, --quiet=... use the
   same code as -e raw=); enum qual in exprs.c. */
enum qual { QU_TRACE, QU_SIGNAL, QU_STATUS, QU_INJECT, QU_FAULT, QU_RAW,
	    QU_VERBOSE, QU_ABBREV, QU_READ, QU_WRITE, QU_QUIET, QU_DECODE_FD,
	    QU_DECODE_PID };
int parse_qual(struct trace_opts *o, int which, const char *val, long count);

/* output.c: where lines go (one stream, or one file per thread with -ff) */
struct out;
struct out *out_open(const struct trace_opts *o, pid_t tid);
FILE *out_stream(struct out *f);
/* Column (characters printed so far on the current line) bookkeeping. */
void out_puts(struct out *f, const char *s);
void out_flush(struct out *f);
void out_printf(struct out *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
size_t out_col(const struct out *f);
/* The thread whose line is open on this stream (trace.c's business). */
void **out_owner(struct out *f);
void out_tab(struct out *f, size_t col);
void out_endline(struct out *f);
void out_close_all(void);
/* The first write error of the trace output (an errno), 0 if none. */
int out_write_error(void);
/* Open the -o file safely (O_NOFOLLOW|O_CLOEXEC, 0644), truncated or for
   appending (-A). NULL on error. */
FILE *out_create(const char *path, bool append);
/* JSON string escaping: UTF-8 passes, invalid bytes as \udcXX. */
void json_string(FILE *f, const char *s);

/* summary.c: the -c table */
void summary_add(long nr, double seconds, bool error);
void summary_print(FILE *f, int sort_by);
/* -U: the columns, strace's names; -1 and why (strace's words) if bad. */
int summary_set_columns(const char *spec, char *why, size_t cap);

/* Per-thread state of the tracer (tstate.c): the user pointer of the
   thread's handle. */
struct tstate {
	snare_thread *thread;	/* its handle */
	pid_t tid, pid;
	snare_proc *proc;
	struct out *out;
	bool visible;		/* shown: followed, or traced from the start */
	bool in_sc;		/* between a syscall's entry and exit */
	bool shown;		/* traced: its lines are printed */
	bool deferred;		/* entry held back until the exit (status=) */
	bool injected;		/* error= or retval= applied to this call */
	int inj_sig;		/* signal= to send at the exit */
	int inj_rule;		/* the inject rule of this call, or -1 */
	bool poked;		/* poke_enter=/poke_exit= wrote its memory */
	long nr;		/* the syscall as entered */
	long last_nr;		/* for -n on +++ and --- lines */
	uint64_t args[6];
	char *enter_text;
	char *restart_text;	/* the exit half of an interrupted call
				   (") = ? ERESTARTSYS (...)"), until its
				   signal is shown */
	char *path;		/* --json: the raw path argument, if any */
	struct timespec t0;
	long long cpu0;		/* -c without -w: its CPU time at entry (ns) */
	uint64_t pc;		/* -i: the pc at the current stop */
	bool pc_ok;		/* pc is known ("[????????????????]" if not) */
	unsigned *inj_count;	/* per rule and syscall number */
	/* --break: the function call whose line is open ("malloc(472"), or
	   NULL; any other output closes it with " <unfinished ...>". */
	void *call_open;
	/* The open syscall line already ends with the ", " before the
	   arguments its exit decodes (strace prints it at the entry, so a
	   trace cut short reads as strace's). */
	bool sep_out;
	/* The last call interrupted with ERESTART_RESTARTBLOCK, which a
	   restart_syscall resumes (-1: none). */
	long restart_nr;
	bool bp_shown;		/* not followed, shown for its --break hits */
	char *kept_stack;	/* -k: exit_group's stack, until "+++" */
	char comm[16];		/* -Y: the command last read (line prefix) */
};

/* The state of one `snare trace` run. */
struct tracer {
	struct trace_opts *o;
	snare_session *s;
	snare_proc *main_proc;	/* the spawned program, if any */
	bool spawning;		/* inside snare_spawn(): its execve is shown */
	size_t nshown;		/* live visible threads ([pid N] prefixes) */
	bool pid_column;	/* -o FILE with -f: "PID " on every line */
	bool lines;		/* the trace itself is printed (not -c alone) */
	struct timespec last_ts; /* -r */
	bool have_last_ts;
	/*
	 * -u: the spawned process first runs snare's own exec helper (see
	 * exec_as.c), whose syscalls are not the program's: they are hidden
	 * until its exec, except the execve of the program itself, as strace
	 * hides its own child's code before the exec.
	 */
	pid_t prelude_pid;
	/* -D: the program's pid (our grandparent, which execs it once we
	   are attached), and the middle process to end then. */
	pid_t daemon_pid, daemon_mid;
	/* Tracing went wrong after the start (a --break location that
	   resolved but could not be armed): with -p only, exit status 1. */
	unsigned trace_errors;
	bool detaching;		/* tracing ends: what is dropped is not shown */
};

extern struct tracer tr;

/* syscalls.c, events.c: the hook callbacks and the lines they print */
int on_sc_enter(snare_thread *t, snare_syscall *sc, void *user);
int on_sc_exit(snare_thread *t, snare_syscall *sc, void *user);
int on_event(snare_session *s, const snare_event *ev, void *user);
/* tstate.c: the state of thread tid of p, made on first use (NULL when p
   has no such live thread); the state of thread tid, live or dead but
   still held by the session (NULL if none). */
struct tstate *tstate_new(pid_t tid, snare_proc *p, bool visible);
struct tstate *tstate_find(pid_t tid);
/* The session's snare_session_on_thread_free() callback. */
void tstate_gone(snare_thread *t, void *ts, void *user);
/* --gdb: the states of old (p's threads before a hand-off) move to the
   handles p has once taken back. */
void tstate_carry(snare_thread *const *old, size_t n, snare_proc *p);
void tstate_free_all(void);
/* End an open line with " <detached ...>" (detach on Ctrl-C). */
void detach_lines(void);
/* -T's " <0.000012>", in -T's precision. */
void print_duration(struct out *f, double secs);
/* C-style quoting of a string as strace does (-x; -s when limit). */
void quote_string(struct out *f, const char *s, const snare_format_opts *fo,
		  bool limit);

/* watchspec.c, watches.c: --watch LOCATION[:LEN][:w|rw] */
struct watch_spec {
	const char *arg;     /* as given */
	char loc[256];       /* LOCATION alone */
	size_t len;
	int kind;            /* SNARE_WATCH_WRITE or SNARE_WATCH_RW */
	unsigned long long hits;
	snare_bp *bp;        /* in the first process it was set in */
};
int watch_spec_parse(struct watch_spec *out, const char *arg);
int watches_arm(snare_proc *p);
void watches_print(struct tstate *ts, const snare_event *ev);
void watches_summary(FILE *f);
void watches_warn_pending(void);
void watches_free(void);

/* breaks.c: --break breakpoints; stack.c: -k stack traces */
/* Arm the --break locations in p and watch its library loads; < 0 after
   printing why when an exact location cannot be armed at start. */
int breaks_arm(snare_proc *p);
/* Events breaks.c follows: an exec (its breakpoints are gone), a fork
   child (it inherited its parent's), a process that is gone. */
void breaks_exec(snare_proc *p);
void breaks_fork(snare_proc *child, snare_proc *parent);
void breaks_gone(snare_proc *p);
void breaks_summary(FILE *f);
void breaks_free(void);
void breaks_warn_pending(void);
void print_stack(struct tstate *ts, snare_thread *t);
/* -k for exit/exit_group: the stack at the entry, printed after death. */
void stack_keep(struct tstate *ts, snare_thread *t);
void stack_put_kept(struct tstate *ts);
/* A thread whose hits are shown though it is not followed (no -f). */
void tstate_show_breaks(struct tstate *ts);
void print_leader_for(struct tstate *ts);
/* -i: remember t's pc for the next line of ts (NULL: unknown). */
void tstate_set_pc(struct tstate *ts, snare_thread *t);
/* In the -u helper, before the program's exec: nothing is shown. */
bool in_prelude(const struct tstate *ts);
FILE *json_begin(struct tstate *ts, const char *type);
void end_line_for(struct tstate *ts);

/* trace.c */
int trace_run(struct trace_opts *o);

/* pathtrace.c: -P */
/* Does this syscall access one of the -P paths (by name or by fd)? */
bool path_match(pid_t tid, snare_proc *p, long nr, const uint64_t *args);

/* iodump.c: -e read=, -e write= */
void dump_io(struct tstate *ts, long nr, int64_t retval);

/* exec_as.c: -u */
/* The argv of snare's exec helper for running path as the -u user, or
   NULL. Free with free() (one block). */
char **exec_as_argv(const struct trace_opts *o, const char *path,
		    char *const *envp);
/* main() of the helper: `snare __exec-as ...`; execs or _exits 1. */
__attribute__((noreturn)) int exec_as_main(int argc, char **argv);
/* core.c: `snare core` */
int core_main(int argc, char **argv);

#endif /* SNARE_TOOL_TRACE_H */
