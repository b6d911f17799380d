/* SPDX-License-Identifier: MIT */
/*
 * main.c: the `snare` command line. Dispatches subcommands (`trace`,
 * `core`), prints --help and --version. Everything it does goes through
 * the public API in snare.h.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

static const char top_usage[] =
	"Usage: " PROG " COMMAND [OPTIONS] ...\n"
	"\n"
	"A debugger toolkit over ptrace.\n"
	"\n"
	"Commands:\n"
	"  trace     trace system calls and signals, as strace does\n"
	"  core      write a core file of a running process (gdb reads it)\n"
	"\n"
	"Options:\n"
	"  -h, --help     show this help\n"
	"  -V, --version  show the version\n"
	"\n"
	"Run '" PROG " COMMAND --help' for the options of a command.\n";

static const char trace_text[] =
	"Usage: " PROG " trace [OPTIONS] [--] PROGRAM [ARGS...]\n"
	"       " PROG " trace [OPTIONS] -p PID[,PID...] ...\n"
	"\n"
	"Trace the system calls and signals of a program, the way strace 6.1\n"
	"prints them.\n"
	"\n"
	"Tracing:\n"
	"  -f             follow forks, vforks and threads\n"
	"  -ff            with -o FILE: one file per thread, FILE.TID\n"
	"  -p PID         attach to PID and all its threads (repeatable, or\n"
	"                 comma-separated); detach on exit or Ctrl-C\n"
	"  --no-seccomp   do not use the seccomp-bpf fast path (it is used by\n"
	"                 default with -f, -e trace=SET and a spawned PROGRAM)\n"
	"  --seccomp-bpf  accepted for strace compatibility (the default)\n"
	"  -E VAR=VAL     set VAR in the program's environment; -E VAR\n"
	"                 removes it (repeatable, in order)\n"
	"  -u USERNAME    run the program as USERNAME: its uid, gid and\n"
	"                 groups (root only; setuid programs keep working)\n"
	"  -b execve, --detach-on=execve\n"
	"                 detach from a process when it execs (not at the\n"
	"                 program's own first exec); it runs on untraced\n"
	"\n"
	"Filtering:\n"
	"  -e trace=SET   syscalls to show: names, numbers, all, none, %CLASS\n"
	"                 (%file %desc %process %network %signal %ipc %memory\n"
	"                 %creds %clock %stat %lstat %fstat %%stat %statfs\n"
	"                 %fstatfs %%statfs %pure), /REGEX; ?NAME ignores an\n"
	"                 unknown name; a leading ! negates the set\n"
	"  -e signal=SET  signals to show (names or numbers, all, none, !)\n"
	"  -e status=SET  successful, failed, unfinished, unavailable,\n"
	"                 detached, all, none\n"
	"  -z, -Z         only successful / only failed syscalls\n"
	"  -P PATH        only syscalls that access PATH, by name or through\n"
	"                 an fd open on it (repeatable)\n"
	"  -e inject=SET:error=ERRNO|retval=N[:signal=SIG][:when=FIRST[..LAST][+STEP]]\n"
	"                 skip the syscall and make it return -ERRNO or N\n"
	"                 (invocations counted per thread and syscall, from 1)\n"
	"\n"
	"Output:\n"
	"  -o FILE        write the trace to FILE (created 0644, truncated,\n"
	"                 never through a symbolic link)\n"
	"  -A             open the -o FILE for appending, not truncated\n"
	"  -c             only a summary table of counts, errors and times\n"
	"  -C             the trace and the summary table\n"
	"  -S SORTBY      sort the table by time (default), min-time,\n"
	"                 max-time, avg-time, calls, errors, name, nothing\n"
	"  -T             time spent in each syscall, <0.000012>\n"
	"  -t, -tt, -ttt  time of day, with microseconds, as epoch seconds\n"
	"  -r             time since the previous line\n"
	"  -n             syscall numbers, [  2]\n"
	"  -i             the instruction pointer, [00007f3a1c2e4ad7]\n"
	"  -a COLUMN      align results at COLUMN (default 40, 0: none)\n"
	"  -s N           show at most N bytes of strings (default 32)\n"
	"  -x, -xx        non-ASCII / all string bytes in hex\n"
	"  -y, -yy        show the paths of file descriptors (-yy: sockets,\n"
	"                 devices and pidfds described)\n"
	"  -Y             show the command of each process id, 1234<cat>\n"
	"  -v             show structures in full\n"
	"  -e read=FDS, -e write=FDS\n"
	"                 hex and ASCII dumps of the data read from / written\n"
	"                 to these descriptors (numbers, all, none, !)\n"
	"  -q, -qq        no attach/detach messages; also no exit messages\n"
	"  --json         one JSON object per line and event (see snare(1))\n"
	"  -k             the stack of each syscall, as strace -k; -kk\n"
	"                 (--stack-trace=source) adds each frame's file:line\n"
	"\n"
	"Beyond strace, as ltrace:\n"
	"  -B, --break LOCATION\n"
	"                 a line at every call of a function, with its\n"
	"                 arguments and return value (repeatable):\n"
	"                 malloc(472) = 0x55d0c2a1b2c0; from debug info,\n"
	"                 puts(\"hi\") = 3, else registers and rax in hex.\n"
	"                 LOCATION: malloc, libc.so.6:free, main+0x10,\n"
	"                 file.c:42, 0xADDR, or a shell pattern over\n"
	"                 function names: 'count*', 'libc.so.6:str*' (also\n"
	"                 in libraries loaded later)\n"
	"  --hw           make the --break breakpoints hardware ones\n"
	"  --gdb          at each --break hit, hand the process to gdb: run\n"
	"                 it (stdin a terminal) or print 'gdb -p PID' and\n"
	"                 wait for it; tracing goes on when gdb detaches\n"
	"  --watch=LOCATION[:LEN][:w|rw]\n"
	"                 print every write (w, default) or access (rw) of LEN\n"
	"                 bytes (default 8) at LOCATION, with the instruction,\n"
	"                 its symbol and line, old and new value; repeatable\n"
	"\n"
	"Exit status: the traced program's; when it was killed by signal N\n"
	"(or snare was, by Ctrl-C), snare dies of N too, as strace does;\n"
	"with only -p, 0, or 1 when a --break could not be armed; 1 when\n"
	"tracing failed or for bad usage.\n";

void
trace_usage(FILE *f)
{
	fputs(trace_text, f);
}

static void
version(void)
{
	printf(PROG " version %d.%d.%d (libsnare %s)\n", SNARE_VERSION_MAJOR,
	       SNARE_VERSION_MINOR, SNARE_VERSION_PATCH,
	       snare_version(NULL, NULL, NULL));
}

static int
cmd_trace(int argc, char **argv)
{
	struct trace_opts o;
	bool done;
	int r;

	r = trace_parse(&o, argc, argv, &done);
	if (r == 0 && !done)
		r = trace_run(&o);
	trace_opts_free(&o);
	return r;
}

/* Started under a name holding "strace" (a symlink strace -> snare, or the
   wrapper of strace's own test suite): `snare trace`, with argv[0] as the
   name in messages, as strace prints its own. */
static bool
dropin_name(const char *argv0)
{
	const char *base = argv0 ? strrchr(argv0, '/') : NULL;

	base = base ? base + 1 : argv0;
	return base && strstr(base, "strace") != NULL;
}

int
main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (dropin_name(argv[0])) {
		trace_progname = argv[0];
		return cmd_trace(argc, argv);
	}

	if (!cmd) {
		fputs(top_usage, stderr);
		return 1;
	}
	/* The exec helper of `snare trace -u` (exec_as.c), not for users. */
	if (!strcmp(cmd, "__exec-as"))
		return exec_as_main(argc, argv);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") ||
	    !strcmp(cmd, "help")) {
		fputs(top_usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		version();
		return 0;
	}
	if (!strcmp(cmd, "trace"))
		return cmd_trace(argc - 1, argv + 1);
	if (!strcmp(cmd, "core"))
		return core_main(argc - 1, argv + 1);
	errmsg("unknown command '%s'", cmd);
	fprintf(stderr, "Try '" PROG " --help' for more information.\n");
	return 1;
}
