/* SPDX-License-Identifier: MIT */
/*
 * trace.c: the `snare trace` engine. Creates the session, installs the
 * syscall hooks (one for every syscall, or, on the seccomp fast path, one
 * per traced syscall), spawns the program or attaches to the -p pids, runs
 * the event loop until everything has exited or Ctrl-C, then prints the -c
 * table and returns the program's exit status (128+N when killed by N).
 *
 * The seccomp fast path: with -f, a spawned program and a -e trace= set
 * that is not every syscall, a seccomp filter makes only the traced (and
 * injected) syscalls stop the tracee, as strace --seccomp-bpf does. It
 * needs -f because a fork child that is not traced would keep the filter
 * and see ENOSYS; strace enables it only with -f for the same reason, so
 * without -f snare traces every syscall through PTRACE_SYSCALL and filters
 * in the tracer. --no-seccomp turns the fast path off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace.h"

struct tracer tr;

static snare_session *volatile interrupt_session;
static volatile sig_atomic_t interrupt_signo;

static void
on_interrupt(int signo)
{
	interrupt_signo = signo;
	if (interrupt_session)
		snare_session_interrupt(interrupt_session);
}

/*
 * -I, as strace: 2 (waiting), Ctrl-C and friends end tracing cleanly at
 * the next stop; 3 (never), SIGHUP, SIGINT, SIGQUIT, SIGTERM (and SIGPIPE,
 * ignored at every level here: a closed output is noticed as EPIPE) are
 * ignored for the whole run, only SIGKILL ends it; 4 (never_tstp), SIGTSTP
 * too, so ^Z does not stop us with the tracees held. Level 1 installs
 * nothing: a fatal signal kills us. Installed after the spawn: a caught
 * signal goes back to its default at exec, and an ignored one would stay
 * ignored in the program (strace sets them after startup_child() too).
 * Set whatever we inherited, as strace's set_sighandler() does: a tracer
 * started as a script's background job (SIGINT, SIGQUIT ignored) still
 * ends on kill -INT, and nohup does not keep -I 2 from ending on SIGHUP.
 */
static void
install_handlers(int level)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = level >= 3 ? SIG_IGN : on_interrupt;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if (level >= 4)
		signal(SIGTSTP, SIG_IGN);
}

/*
 * strace's way of passing on a death by signal: the shell that ran us sees
 * the same signal (no core of ours). Returns only if the signal did not
 * kill us (a signal that cannot, as SIGCHLD): then 128+N.
 */
static int
trace_die_like(int signo)
{
	struct rlimit rl = { 0, 0 };
	sigset_t set;

	fflush(NULL);
	setrlimit(RLIMIT_CORE, &rl);
	signal(signo, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, signo);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(signo);
	return 128 + signo;
}

/*
 * --gdb, at a --break hit: give the process to gdb and take it back when
 * gdb detaches, then go on tracing. With a terminal on stdin gdb runs
 * here (Ctrl-C is for gdb meanwhile); otherwise the command to run is
 * printed and snare waits for a gdb to come and go.
 */
static void
gdb_handoff(const snare_event *ev)
{
	struct sigaction ign, old_int, old_quit;
	const char *loc = snare_bp_location(ev->bp);
	size_t k, n = snare_proc_threads(NULL, 0, ev->proc);
	snare_thread **old = calloc(n ? n : 1, sizeof(*old));
	char cmd[64];
	int r;

	/* The handles die with the hand-off: the threads' states go on on
	   the new ones. */
	if (old && (k = snare_proc_threads(old, n, ev->proc)) < n)
		n = k;
	fflush(NULL);
	if (isatty(0)) {
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigaction(SIGINT, &ign, &old_int);
		sigaction(SIGQUIT, &ign, &old_quit);
		fprintf(stderr, PROG ": process %d at %s: starting gdb; snare goes on when gdb detaches\n",
			(int)ev->pid, loc && *loc ? loc : "a breakpoint");
		fflush(stderr);
		r = snare_proc_handoff_gdb(ev->proc, NULL);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
	} else {
		r = snare_proc_handoff(cmd, sizeof(cmd), ev->proc);
		if (r == 0) {
			fprintf(stderr, PROG ": process %d handed off at %s: run '%s'; snare goes on when it detaches\n",
				(int)ev->pid, loc && *loc ? loc : "a breakpoint", cmd);
			fflush(stderr);
			r = snare_proc_takeback(ev->proc, 1, -1);
			/* Ctrl-C while waiting: back now if no gdb came, else
			   left running to gdb, never stopped for nobody. */
			if (r == -EINTR) {
				r = snare_proc_takeback(ev->proc, 0, 0);
				if (r < 0)
					kill(ev->pid, SIGCONT);
			}
		}
	}
	if (r < 0)
		errmsg("%s", snare_errmsg(tr.s));
	else
		fprintf(stderr, PROG ": process %d taken back from gdb\n",
			(int)ev->pid);
	fflush(stderr);
	if (old)
		tstate_carry(old, n, ev->proc);
	free(old);
}

/* The syscalls that must stop: the traced ones and the injected ones. */
static bool *
wanted_set(const struct trace_opts *o, long count, size_t *n)
{
	bool *set = calloc((size_t)count, sizeof(bool));
	long nr;
	size_t i;

	if (!set)
		return NULL;
	*n = 0;
	for (nr = 0; nr < count; nr++) {
		set[nr] = o->trace_all || o->trace_set[nr];
		for (i = 0; i < o->ninject; i++)
			set[nr] = set[nr] || o->inject[i].set[nr];
		*n += set[nr];
	}
	return set;
}

static int
install_hooks(snare_session *s, const bool *set, bool per_syscall)
{
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	long nr, count = snare_syscall_count();
	int r;

	ho.on_enter = on_sc_enter;
	ho.on_exit = on_sc_exit;
	snare_hook *h;

	if (!per_syscall) {
		r = snare_hook_syscall(&h, s, SNARE_HOOK_ALL, &ho);
		/* An interrupted call is shown with the kernel's restart code
		   and what its exit decodes, as strace shows it. */
		return r < 0 ? r : snare_hook_set_restarts(h, 1);
	}
	for (nr = 0; nr < count; nr++) {
		const char *name = snare_syscall_name(nr);

		if (!set[nr] || !name)
			continue;
		ho.on_exit = strcmp(name, "exit") && strcmp(name, "exit_group")
				     ? on_sc_exit
				     : NULL;
		r = snare_hook_syscall(&h, s, nr, &ho);
		if (r < 0)
			return r;
		if (ho.on_exit)
			snare_hook_set_restarts(h, 1);
	}
	return 0;
}

/* PATH search, for the message and the execve line (snare_spawn searches
   again the same way). */
static char *
find_program(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *dir, *save = NULL, *full = NULL;
	struct stat st;

	if (strchr(name, '/'))
		return strdup(name);
	copy = strdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	if (!copy)
		return NULL;
	for (dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		if (asprintf(&full, "%s/%s", *dir ? dir : ".", name) < 0)
			break;
		if (!stat(full, &st) && S_ISREG(st.st_mode) &&
		    !access(full, X_OK))
			break;
		free(full);
		full = NULL;
	}
	free(copy);
	return full;
}

extern char **environ;

/* The name of an environment entry: up to '=', or all of it. */
static size_t
env_name_len(const char *e)
{
	return strcspn(e, "=");
}

/*
 * -E: the program's environment, snare's own changed by each -E in order.
 * VAR=VAL replaces the first VAR in place (dropping any duplicates) or is
 * appended; VAR alone removes every VAR. Entries point into environ and
 * argv; only the array is allocated.
 */
static char **
build_env(const struct trace_opts *o)
{
	size_t n = 0, cap, i, j, k;
	char **env;

	while (environ[n])
		n++;
	cap = n + o->nenv + 1;
	env = calloc(cap, sizeof(*env));
	if (!env)
		return NULL;
	memcpy(env, environ, n * sizeof(*env));
	for (i = 0; i < o->nenv; i++) {
		const char *op = o->env_ops[i];
		size_t len = env_name_len(op);
		bool set = op[len] == '=';
		bool placed = false;

		for (j = k = 0; j < n; j++) {
			if (env_name_len(env[j]) == len &&
			    !strncmp(env[j], op, len)) {
				if (!set || placed)
					continue;
				env[j] = (char *)op;
				placed = true;
			}
			env[k++] = env[j];
		}
		n = k;
		if (set && !placed)
			env[n++] = (char *)op;
		env[n] = NULL;
	}
	return env;
}

static int
spawn_program(struct trace_opts *o, const bool *set, size_t nset)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	char **env = NULL, **helper = NULL;
	int *nrs = NULL;
	char *path;
	size_t k = 0;
	long nr;
	int r;

	path = find_program(o->argv[0]);
	if (!path) {
		errmsg("Can't stat '%s': %s", o->argv[0], strerror(ENOENT));
		return -ENOENT;
	}
	if (o->nenv || o->user) {
		env = build_env(o);
		if (!env) {
			free(path);
			return -ENOMEM;
		}
		so.envp = env;
	}
	/*
	 * -u: snare_spawn() runs the program as snare's own user, and has no
	 * hook to change it between fork and exec. So it runs snare's exec
	 * helper instead (still as root), which takes the user's groups, gid
	 * and uid and execs the program; the tracer stays root, so setuid
	 * programs keep their privileges, as under strace -u. The helper's
	 * own syscalls are hidden (tr.prelude_pid).
	 */
	if (o->user) {
		helper = exec_as_argv(o, path, env);
		if (!helper) {
			free(env);
			free(path);
			return -ENOMEM;
		}
		so.envp = NULL; /* the helper runs with snare's environment */
	}
	if (set && nset) {
		nrs = calloc(nset, sizeof(int));
		if (!nrs) {
			free(path);
			return -ENOMEM;
		}
		for (nr = 0; nr < snare_syscall_count(); nr++)
			if (set[nr])
				nrs[k++] = (int)nr;
		so.seccomp_nrs = nrs;
		so.n_seccomp_nrs = k;
	} else if (set) {
		so.seccomp_nrs = (const int[]){ 0 };
		so.n_seccomp_nrs = 0;
	}
	tr.spawning = true;
	if (helper)
		r = snare_spawn(&tr.main_proc, tr.s, "/proc/self/exe", helper,
				&so);
	else
		r = snare_spawn(&tr.main_proc, tr.s, path, o->argv, &so);
	tr.spawning = false;
	if (r == 0 && helper)
		tr.prelude_pid = snare_proc_pid(tr.main_proc);
	free(helper);
	free(env);
	if (r == 0 && (breaks_arm(tr.main_proc) < 0 ||
		       watches_arm(tr.main_proc) < 0)) {
		free(nrs);
		free(path);
		return -EINVAL; /* breaks_arm said why */
	}
	if (r == -ENOENT) {
		errmsg("Can't stat '%s': %s", path, strerror(ENOENT));
	} else if (r < 0 && strstr(snare_errmsg(tr.s), ": exec: ")) {
		/* The failed execve is in the trace already; then what
		   strace says of its child, which exits 1. */
		struct out *f = o->follow > 1 && o->outfile ? NULL
				 : out_open(o, 0);

		errmsg("%s", strstr(snare_errmsg(tr.s), "exec: "));
		if (f && !(o->quiet & Q_EXIT)) {
			out_printf(f, "+++ exited with 1 +++");
			out_endline(f);
		}
	} else if (r < 0) {
		errmsg("%s", snare_errmsg(tr.s));
	}
	if (r == 0)
		tstate_new(snare_proc_pid(tr.main_proc), tr.main_proc, true);
	free(nrs);
	free(path);
	return r;
}

/* Is this process traced now (TracerPid of /proc/self/status)? */
static bool
self_traced(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");
	bool traced = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "TracerPid:", 10))
			traced = strtol(line + 10, NULL, 10) > 0;
	fclose(f);
	return traced;
}

/*
 * -D, --daemonize: as strace, the program runs in this process (it keeps
 * our pid, parent, process group and session) and the tracer is a
 * grandchild of it, adopted by the reaper once the middle process ends;
 * -DD puts the tracer in a process group of its own, -DDD in a session
 * of its own, so that a kill of the program's group or session does not
 * reach it. Returns 0 in the tracer, which then attaches to
 * tr.daemon_pid (attach_daemon()). In this process it never returns: once
 * the middle process is gone (the tracer ends it after attaching, or it
 * ends when the tracer dies first), the program is exec'd, traced, or
 * this exits 1 untraced.
 */
static int
daemonize(struct trace_opts *o)
{
	pid_t self = getpid(), mid, g;
	char **env = NULL, *path;
	int st;

	path = find_program(o->argv[0]);
	if (!path) {
		errmsg("Can't stat '%s': %s", o->argv[0], strerror(ENOENT));
		return -ENOENT;
	}
	if (o->nenv) {
		env = build_env(o);
		if (!env) {
			free(path);
			return -ENOMEM;
		}
	}
	/* Under Yama ptrace_scope 1, a descendant may attach only so. */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
	fflush(NULL);
	mid = fork();
	if (mid < 0) {
		errmsg("fork: %s", strerror(errno));
		free(env);
		free(path);
		return -errno;
	}
	if (mid == 0) {
		g = fork();
		if (g < 0)
			_exit(1);
		if (g > 0) {
			/* Ended by the tracer once attached; or the tracer
			   died first: then end, and the program runs not. */
			while (waitpid(g, &st, 0) < 0 && errno == EINTR)
				;
			_exit(1);
		}
		free(env);
		free(path);
		if ((o->daemonize == 2 && setpgid(0, 0) < 0) ||
		    (o->daemonize == 3 && setsid() < 0)) {
			errmsg(o->daemonize == 2
				       ? "Cannot create a new process group: %s"
				       : "Cannot create a new session: %s",
			       strerror(errno));
			_exit(1);
		}
		tr.daemon_pid = self;
		tr.daemon_mid = getppid();
		return 0;
	}
	while (waitpid(mid, &st, 0) < 0 && errno == EINTR)
		;
	prctl(PR_SET_PTRACER, 0, 0, 0, 0);
	if (!self_traced()) {
		errmsg("the tracer did not attach; %s not run", o->argv[0]);
		fflush(NULL);
		_exit(1);
	}
	execve(path, o->argv, env ? env : environ);
	errmsg("exec: %s", strerror(errno));
	fflush(NULL);
	_exit(1);
}

/* -D, in the tracer: attach to the program's process, then let it go on
   to its exec by ending the middle process it waits for. */
static int
attach_daemon(void)
{
	int r = snare_attach(&tr.main_proc, tr.s, tr.daemon_pid);

	kill(tr.daemon_mid, SIGKILL);
	if (r < 0) {
		errmsg("attach: %s", snare_errmsg(tr.s));
		tr.main_proc = NULL;
		return r;
	}
	tr.prelude_pid = tr.daemon_pid;
	tstate_new(tr.daemon_pid, tr.main_proc, true);
	if (breaks_arm(tr.main_proc) < 0 || watches_arm(tr.main_proc) < 0)
		return -EINVAL;
	return 0;
}

static int
attach_pids(struct trace_opts *o)
{
	snare_thread *threads[256];
	size_t i, j, n;
	snare_proc *p;
	int r, ok = 0;

	for (i = 0; i < o->npids; i++) {
		r = snare_attach(&p, tr.s, o->pids[i]);
		if (r < 0) {
			errmsg("attach: %s", snare_errmsg(tr.s));
			continue;
		}
		ok++;
		if (breaks_arm(p) < 0 || watches_arm(p) < 0)
			return -EINVAL;
		n = snare_proc_threads(threads, 256, p);
		for (j = 0; j < n && j < 256; j++)
			tstate_new(snare_thread_tid(threads[j]), p, true);
		if ((o->quiet & Q_ATTACH) || o->json)
			continue;
		if (n > 1)
			fprintf(stderr, "%s: Process %d attached with %zu threads\n", trace_progname,
				(int)o->pids[i], n);
		else
			fprintf(stderr, "%s: Process %d attached\n", trace_progname,
				(int)o->pids[i]);
	}
	return ok ? 0 : -ESRCH;
}

/*
 * The program we spawned, when tracing ends before it does. A fatal signal
 * of ours (-I waiting) is passed on as strace's cleanup() does: SIGCONT
 * and the same signal, then it is let go, so a program that handles or
 * ignores that signal runs on untraced, as it would under strace. Under
 * our seccomp filter it could not (its traced calls would fail with
 * ENOSYS): it is killed then, and when tracing ends without a signal
 * (snare_session_interrupt, a closed output).
 */
static void
end_program(snare_proc *p)
{
	pid_t pid = snare_proc_pid(p);

	if (interrupt_signo && kill(pid, SIGCONT) == 0 &&
	    kill(pid, interrupt_signo) == 0 && snare_proc_detach(p, 0) == 0)
		return;
	snare_proc_kill(p);
}

/* Ctrl-C: end open lines, detach what we attached, pass our signal on to
   what we spawned (or kill it). */
static void
stop_tracing(struct trace_opts *o)
{
	snare_thread *threads[256];
	size_t i, j, n;

	detach_lines();
	tr.detaching = true;
	for (i = 0; i < o->npids; i++) {
		struct tstate *ts = tstate_find(o->pids[i]);
		snare_proc *p = ts ? ts->proc : NULL;

		if (!p || snare_proc_state(p) == SNARE_PROC_EXITED)
			continue;
		n = snare_proc_threads(threads, 256, p);
		if (snare_proc_detach(p, 1) < 0)
			continue;
		if ((o->quiet & Q_ATTACH) || o->json)
			continue;
		for (j = 0; j < n && j < 256; j++)
			fprintf(stderr, "%s: Process %d detached\n", trace_progname,
				(int)snare_thread_tid(threads[j]));
	}
	/* -D: the program is not our child; it goes on untraced. */
	if (tr.main_proc && tr.daemon_pid &&
	    snare_proc_state(tr.main_proc) != SNARE_PROC_EXITED)
		snare_proc_detach(tr.main_proc, 1);
	else if (tr.main_proc &&
		 snare_proc_state(tr.main_proc) != SNARE_PROC_EXITED)
		end_program(tr.main_proc);
}

/*
 * -b execve let the program go at an exec: it runs on untraced, still our
 * child. Wait for it, as strace does, and keep its status (which strace
 * 6.1 loses: it exits 0). The session may have reaped it already while
 * waiting for other tracees.
 */
static bool
wait_detached(int *code, int *signo)
{
	pid_t pid = snare_proc_pid(tr.main_proc);
	int st;

	if (snare_proc_exit_status(code, signo, NULL, tr.main_proc))
		return true;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR || interrupt_signo)
			return false;
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
	*signo = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	return true;
}

/*
 * strace's rules: the program's status; with -p alone, 0, or 1 when
 * something could not be traced as asked (a --break that could not be
 * armed). A program killed by signal N, or our own Ctrl-C (N), sets
 * *die: trace_run() then dies of N as strace does, or returns 128+N.
 */
static int
exit_status(int *die)
{
	int code = 0, signo = 0;

	*die = 0;
	if (interrupt_signo)
		return 128 + (*die = interrupt_signo);
	if (!tr.main_proc)
		return tr.trace_errors ? 1 : 0;
	if (snare_proc_state(tr.main_proc) == SNARE_PROC_DETACHED &&
	    wait_detached(&code, &signo)) {
		if (interrupt_signo)
			signo = interrupt_signo;
		return signo ? 128 + (*die = signo) : code;
	}
	if (!snare_proc_exit_status(&code, &signo, NULL, tr.main_proc))
		return 1;
	return signo ? 128 + (*die = signo) : code;
}

int
trace_run(struct trace_opts *o)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	long count = snare_syscall_count();
	bool *set = NULL, seccomp;
	size_t nset = 0;
	snare_event ev;
	int r, rc = 1, die = 0;

	memset(&tr, 0, sizeof(tr));
	tr.o = o;
	if (o->daemonize && daemonize(o) < 0)
		return 1;
	tr.lines = o->summary != 1 && !o->json;
	/* As strace: pids in an -o file with -f, or when more than one
	   process is traced from the start (-p PID... and a command). */
	tr.pid_column = o->outfile && o->follow != 2 &&
			(o->follow == 1 || o->npids + (o->argv ? 1 : 0) > 1);
	if (o->outfile && o->follow != 2 && !out_open(o, 0))
		return 1;
	/* One write per event, not per character, on stderr too. */
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	so.follow_forks = o->follow > 0;
	so.on_event = on_event;
	/* The GETREGS path of kernels < 5.3, forced (see snare(1), ENVIRONMENT). */
	so.legacy_syscall_info = getenv("SNARE_LEGACY_SYSCALL_INFO") &&
				 strcmp(getenv("SNARE_LEGACY_SYSCALL_INFO"), "0") != 0;
	r = snare_session_new(&tr.s, &so);
	if (r < 0) {
		errmsg("session: %s", snare_strerror(r));
		goto out;
	}
	snare_session_report_strays(tr.s, 1);
	snare_session_on_thread_free(tr.s, tstate_gone, NULL);
	set = wanted_set(o, count, &nset);
	if (!set)
		goto out;
	/* --gdb: a process under our filter cannot be handed off. */
	seccomp = o->argv && o->follow && !o->no_seccomp && !o->npids && !o->gdb &&
		  !o->daemonize &&
		  !o->detach_execve && (size_t)count != nset;
	r = install_hooks(tr.s, set, seccomp);
	if (r < 0) {
		errmsg("%s", snare_errmsg(tr.s));
		goto out;
	}
	interrupt_session = tr.s;
	if (o->npids && attach_pids(o) < 0)
		goto out;
	/* strace: -o FILE with more than one process from the start (-p
	   given twice) has the "PID " column too. */
	if (o->outfile && o->follow != 2 && tr.nshown > 1)
		tr.pid_column = true;
	if (o->daemonize) {
		if (attach_daemon() < 0)
			goto out;
	} else if (o->argv && spawn_program(o, seccomp ? set : NULL, nset) < 0) {
		goto out;
	}
	/* -I anywhere: a signal that kills us kills us, as strace. */
	if (o->interruptible != 1)
		install_handlers(o->interruptible);
	/* As strace at every level: output to a terminal whose job is in
	   the background must not stop us with the tracees held. */
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	/* A closed output pipe must not kill us with the tracees stopped.
	   Set after the spawn: an ignored signal would survive its exec. */
	signal(SIGPIPE, SIG_IGN);
	fflush(stderr);
	for (;;) {
		r = snare_run(&ev, tr.s, SNARE_RUN_DEFAULT);
		if (r < 0) {
			errmsg("%s", snare_errmsg(tr.s));
			break;
		}
		if (ev.kind == SNARE_EV_ALL_EXITED)
			break;
		if (ev.kind == SNARE_EV_BREAKPOINT && o->gdb && !interrupt_signo)
			gdb_handoff(&ev);
		if (ev.kind == SNARE_EV_INTERRUPT || interrupt_signo ||
		    out_write_error() == EPIPE) {
			stop_tracing(o);
			break;
		}
	}
	breaks_warn_pending();
	watches_warn_pending();
	rc = r < 0 ? 1 : exit_status(&die);
	if (o->summary) {
		struct out *f = o->follow > 1 && o->outfile ? NULL
				 : out_open(o, 0);

		fflush(stderr);
		if (f) {
			summary_print(out_stream(f), o->sort_by);
			breaks_summary(out_stream(f));
			watches_summary(out_stream(f));
		}
	}
out:
	interrupt_session = NULL;
	fflush(stderr);
	/* Calls still open when tracing ends are not shown as ending. */
	tr.detaching = true;
	snare_session_free(tr.s);
	tstate_free_all();
	breaks_free();
	watches_free();
	out_close_all();
	free(set);
	/* The reader of the trace went away: as strace, killed by SIGPIPE. */
	if (out_write_error() == EPIPE)
		die = SIGPIPE;
	return die ? trace_die_like(die) : rc;
}
