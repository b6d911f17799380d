/* SPDX-License-Identifier: MIT */
/*
 * spawn.c: starting a program under the tracer (DESIGN.md 4.2).
 *
 * fork; the child sets up stdio, cwd and personality, then waits on a pipe
 * until the parent has seized it, installs the seccomp filter (built in the
 * parent) and execs. The exec happens under the tracer; an exec failure
 * comes back as an errno through a CLOEXEC pipe, and the child is reaped.
 * The caller gets control at the PTRACE_EVENT_EXEC stop (the first
 * instruction) or at AT_ENTRY, reached with a temporary int3.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/internal.h"

extern char **environ;

/* Stages the child reports with an errno. */
enum { STAGE_EXEC = 0, STAGE_CWD, STAGE_SYNC, STAGE_SECCOMP, STAGE_STDIO };

struct child_err {
	int stage;
	int err;
};

static const char *const stage_names[] = {
	"exec", "chdir to the working directory", "sync with the tracer",
	"install the seccomp filter", "set up stdio",
};

/* Find path in PATH like execvp, into buf. Returns 0 or -errno. */
static int
search_path(char *buf, size_t cap, const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	int err = -ENOENT;

	if (strchr(name, '/')) {
		if (snprintf(buf, cap, "%s", name) >= (int)cap)
			return -ENAMETOOLONG;
		return access(buf, X_OK) == 0 ? 0 : -errno;
	}
	if (!*name)
		return -ENOENT;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		struct stat st;

		end = strchrnul(p, ':');
		if (snprintf(buf, cap, "%.*s%s%s", (int)(end - p), p,
			     end == p ? "" : "/", name) < (int)cap &&
		    stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return 0;
			err = -EACCES;
		}
		if (!*end)
			break;
	}
	return err;
}

static void
close_fds(int fds[3][2])
{
	int i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 2; j++)
			if (fds[i][j] >= 0) {
				close(fds[i][j]);
				fds[i][j] = -1;
			}
}

/*
 * Open the child's ends of stdio in the parent (so errors name the file).
 * fds[i][0] is the child's fd, fds[i][1] the tracer's end of a pipe.
 */
static int
open_stdio(snare_session *s, int fds[3][2], const snare_stdio *io)
{
	int i, r, p[2], pty[2] = { -1, -1 };

	for (i = 0; i < 3; i++) {
		const snare_stdio *d = &io[i];
		int flags;

		if (d->kind == SNARE_STDIO_FILE && !d->path)
			return snare__err(s, -EINVAL, "spawn: no path for stdio file %d", i);
		switch (d->kind) {
		case SNARE_STDIO_INHERIT:
			break;
		case SNARE_STDIO_PIPE:
			if (pipe2(p, O_CLOEXEC) < 0)
				return snare__err(s, -errno, "spawn: pipe: %s",
						  strerror(errno));
			fds[i][0] = i == 0 ? p[0] : p[1];
			fds[i][1] = i == 0 ? p[1] : p[0];
			break;
		case SNARE_STDIO_FILE:
		case SNARE_STDIO_NULL:
			flags = d->kind == SNARE_STDIO_NULL ? (i ? O_WRONLY : O_RDONLY)
			      : d->flags ? d->flags
			      : i ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY;
			fds[i][0] = open(d->kind == SNARE_STDIO_NULL ? "/dev/null"
								     : d->path,
					 flags | O_CLOEXEC, 0644);
			if (fds[i][0] < 0)
				return snare__err(s, -errno, "spawn: open %s for fd %d: %s",
						  d->path ? d->path : "/dev/null",
						  i, strerror(errno));
			break;
		case SNARE_STDIO_FD:
			if (d->fd < 0 || fcntl(d->fd, F_GETFD) < 0)
				return snare__err(s, -EBADF, "spawn: fd %d for stream %d is not open",
						  d->fd, i);
			fds[i][0] = fcntl(d->fd, F_DUPFD_CLOEXEC, 3);
			if (fds[i][0] < 0)
				return snare__err(s, -errno, "spawn: dup: %s",
						  strerror(errno));
			break;
		case SNARE_STDIO_PTY:
			/* One pseudo-terminal for every stream that asks. */
			if (pty[0] < 0) {
				r = snare__pty_open(s, &pty[0], &pty[1]);
				if (r < 0)
					return r;
				fds[i][0] = pty[1];
				fds[i][1] = pty[0];
				break;
			}
			fds[i][0] = fcntl(pty[1], F_DUPFD_CLOEXEC, 3);
			fds[i][1] = fcntl(pty[0], F_DUPFD_CLOEXEC, 3);
			if (fds[i][0] < 0 || fds[i][1] < 0)
				return snare__err(s, -errno, "spawn: dup: %s",
						  strerror(errno));
			break;
		default:
			return snare__err(s, -EINVAL, "spawn: bad stdio kind %d for fd %d",
					  d->kind, i);
		}
	}
	return 0;
}

/* Only async-signal-safe calls from here until exec. */
static void __attribute__((noreturn))
child(const char *path, char *const argv[], char *const envp[],
      const snare_spawn_opts *o, int fds[3][2], int sync_fd, int err_fd,
      const struct sock_fprog *prog, int cpu)
{
	struct child_err ce = { 0, 0 };
	char c;
	int i;

	for (i = 0; i < 3; i++) {
		if (fds[i][0] < 0)
			continue;
		if (fds[i][0] == i) {
			fcntl(i, F_SETFD, 0); /* dup2 onto itself keeps CLOEXEC */
			continue;
		}
		if (dup2(fds[i][0], i) < 0) {
			ce.stage = STAGE_STDIO;
			goto fail;
		}
	}
	for (i = 0; i < 3; i++) {
		/* The pty becomes the controlling terminal of a new session. */
		if (o->stdio[i].kind != SNARE_STDIO_PTY)
			continue;
		if (setsid() < 0 || ioctl(i, TIOCSCTTY, 0) < 0) {
			ce.stage = STAGE_STDIO;
			goto fail;
		}
		break;
	}
	if (o->cwd && chdir(o->cwd) < 0) {
		ce.stage = STAGE_CWD;
		goto fail;
	}
	if (o->no_aslr)
		personality(personality(0xffffffff) | ADDR_NO_RANDOMIZE);
	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	/* Wait until the tracer has seized us. */
	if (read(sync_fd, &c, 1) != 1) {
		ce.stage = STAGE_SYNC;
		goto fail;
	}
	if (prog) {
		/* Without CAP_SYS_ADMIN a filter needs no_new_privs (which
		   drops setuid); as root, setuid tracees keep working. */
		if (geteuid() != 0)
			prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog) < 0) {
			ce.stage = STAGE_SECCOMP;
			goto fail;
		}
	}
	execve(path, argv, envp);
	ce.stage = STAGE_EXEC;
fail:
	ce.err = errno;
	if (write(err_fd, &ce, sizeof(ce)) < 0)
		_exit(126);
	_exit(127);
}

/* Reap a child that failed before exec (it is traced: service its stops). */
static void
reap_failed(pid_t pid)
{
	int status;

	while (snare__waitpid(pid, &status, 0) == pid) {
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return;
		snare__resume_tid(pid, RESUME_CONT, 0);
	}
}

/* Is this stop the execve (entry, or exit of one we saw enter)? */
/* The pid of the process tracing pid, 0 for none, -1 when unknown. */
static long
tracer_of(pid_t pid)
{
	char path[64], line[256];
	long tracer = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %ld", &tracer) == 1)
			break;
	fclose(f);
	return tracer;
}

/*
 * PTRACE_SEIZE of the child just forked. When snare itself is traced by
 * a tracer that takes fork children for a moment (another snare, which
 * takes them to remove its breakpoints and lets them go at their first
 * stop), the seize fails with EPERM while that tracer holds the child:
 * wait for it to let go (at most 2 s), then try again.
 */
static long
seize_child(pid_t pid, unsigned long options)
{
	long r, tracer;
	int tries, err;
	bool free_once = false;

	for (tries = 0;; tries++) {
		r = snare__ptrace(PTRACE_SEIZE, pid, NULL, (void *)options);
		if (r == 0 || errno != EPERM || tries == 2000)
			return r;
		err = errno;
		tracer = tracer_of(pid);
		/* Untraced and still refused (after one more try, in case
		   the other tracer let go in between): denied. */
		if (tracer <= 0 && free_once) {
			errno = err;
			return r;
		}
		if (tracer <= 0)
			free_once = true;
		else
			usleep(1000);
	}
}

static bool
exec_syscall_stop(snare_thread *t, int kind)
{
	struct __ptrace_syscall_info info;

	if (t->proc->s->ev->syscall_info(t, kind, &info) < 0)
		return false;
	if (info.op == PTRACE_SYSCALL_INFO_EXIT)
		return t->sc_in;
	return info.entry.nr == SYS_execve || info.entry.nr == SYS_execveat;
}

/*
 * Run the child to its PTRACE_EVENT_EXEC stop. The execve itself goes
 * through the hooks (entry now, exit at the first snare_run), as strace
 * shows it; the child's own set-up syscalls before it do not. Returns
 * -ECHILD when the child died (an exec failure: see the error pipe).
 */
static int
wait_exec(snare_proc *p, snare_thread *t)
{
	struct snare__stop st;
	int r;

	(void)p;
	for (;;) {
		r = snare__wait_thread(t, &st);
		if (r < 0)
			return r;
		if (st.kind == STOP_EXITED)
			return -ECHILD;
		if (st.kind == STOP_EXEC)
			return 0; /* memory and breakpoints reset at collection */
		if ((st.kind == STOP_SYSCALL || st.kind == STOP_SECCOMP) &&
		    exec_syscall_stop(t, st.kind))
			t->proc->s->ev->stop[st.kind](t, &st);
		else if (st.kind == STOP_EVENT_STOP)
			t->interrupt_pending = 0;
		else if (st.kind == STOP_SIGNAL)
			t->resume_sig = st.sig;
		r = snare__resume(t);
		if (r < 0)
			return r;
	}
}

/* A value of the process's auxiliary vector (AT_ENTRY...), 0 if absent. */
uint64_t
snare__auxv(pid_t pid, unsigned long type)
{
	char path[64];
	Elf64_auxv_t a;
	uint64_t v = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/auxv", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while (read(fd, &a, sizeof(a)) == sizeof(a) && a.a_type != AT_NULL)
		if (a.a_type == type)
			v = a.a_un.a_val;
	close(fd);
	return v;
}

/*
 * Run from the exec stop to the program's entry point with a temporary
 * int3, then restore the byte and rewind the pc. Events on the way (the
 * dynamic loader's syscalls under a seccomp filter) are passed over.
 */
static int
run_to_entry(snare_proc *p, snare_thread *t)
{
	snare_session *s = p->s;
	uint64_t entry = snare__auxv(p->pid, AT_ENTRY);
	uint8_t orig, int3 = 0xcc;
	struct snare__stop st;
	int sig, r;

	if (!entry)
		return snare__err(s, -ENOEXEC, "spawn: no AT_ENTRY in /proc/%d/auxv",
				  p->pid);
	r = snare__mem_read_raw(&orig, p, entry, 1);
	if (r == 0)
		r = snare__mem_write_raw(p, entry, &int3, 1);
	if (r < 0)
		return r;
	sig = 0;
	for (;;) {
		r = snare__resume_as(t, RESUME_CONT, sig);
		if (r < 0)
			return snare__err(s, r, "spawn: resume: %s", strerror(-r));
		r = snare__wait_thread(t, &st);
		if (r < 0 || st.kind == STOP_EXITED) {
			if (r == 0)
				snare__queue_push(s, t, &st);
			return snare__err(s, -ECHILD,
					  "spawn: the program died before its entry point");
		}
		/* Signals on the way are delivered; events passed over. */
		sig = st.kind == STOP_SIGNAL ? st.sig : 0;
		if (st.kind == STOP_SIGNAL && st.sig == SIGTRAP && st.has_si &&
		    st.si.si_code == SI_KERNEL) {
			r = snare__regs_fetch(t);
			if (r < 0)
				return r;
			if (t->regs.rip == entry + 1)
				break;
		}
	}
	r = snare__mem_write_raw(p, entry, &orig, 1);
	if (r < 0)
		return r;
	t->regs.rip = entry;
	t->regs_dirty = true;
	return snare__regs_flush(t);
}

/* The size of each version of snare_spawn_opts (see abi.c). */
static const size_t spawn_opts_sizes[] = {
	sizeof(snare_spawn_opts), /* 1 */
};
_Static_assert(SNARE_OPTS_NVERSIONS(spawn_opts_sizes) ==
		       SNARE_SPAWN_OPTS_VERSION,
	       "one size per version");

SNARE_EXPORT int
snare_spawn(snare_proc **out, snare_session *s, const char *path,
	    char *const argv[], const snare_spawn_opts *opts)
{
	snare_spawn_opts def = SNARE_SPAWN_OPTS_INIT;
	char exe[4096];
	int fds[3][2] = { { -1, -1 }, { -1, -1 }, { -1, -1 } };
	int sync_p[2] = { -1, -1 }, err_p[2] = { -1, -1 }, r, i;
	void *prog_buf = NULL;
	size_t prog_len = 0;
	struct sock_fprog prog, *progp = NULL;
	struct child_err ce;
	snare_proc *p = NULL;
	snare_thread *t;
	struct stat st;
	ssize_t n;
	pid_t pid;
	int cpu;

	if (out)
		*out = NULL;
	if (!s || !out || !path || !argv || !argv[0])
		return s ? snare__err(s, -EINVAL, "spawn: path and argv are required")
			 : -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD, "spawn: foreign thread");
	if (opts) {
		char msg[128];

		if (SNARE_OPTS_IMPORT(&def, opts, &def, spawn_opts_sizes,
				      "spawn", msg, sizeof(msg)) < 0)
			return snare__err(s, -EINVAL, "%s", msg);
	}
	opts = &def;
	if (opts->stop_at != SNARE_SPAWN_STOP_EXEC &&
	    opts->stop_at != SNARE_SPAWN_STOP_ENTRY)
		return snare__err(s, -EINVAL, "spawn: bad stop_at %d", opts->stop_at);
	r = search_path(exe, sizeof(exe), path);
	if (r < 0)
		return snare__err(s, r, "spawn %s: %s", path, snare_strerror(r));
	if (stat(exe, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)) &&
	    geteuid() != 0)
		snare__log(s, SNARE_LOG_WARN,
			   "%s is setuid/setgid: traced without CAP_SYS_PTRACE it runs without its privileges",
			   exe);
	if (opts->seccomp_nrs) {
		char err[256];

		if (!s->opts.follow_forks)
			return snare__err(s, -EINVAL,
					  "spawn: the seccomp fast path needs follow_forks (an untraced child would inherit the filter and see ENOSYS)");
		r = s->ev->seccomp_build(&prog_buf, &prog_len, opts->seccomp_nrs,
					 opts->n_seccomp_nrs, err, sizeof(err));
		if (r < 0)
			return snare__err(s, r, "spawn: seccomp filter: %s", err);
		prog.len = (unsigned short)(prog_len / sizeof(struct sock_filter));
		prog.filter = prog_buf;
		progp = &prog;
	}
	r = open_stdio(s, fds, opts->stdio);
	if (r < 0)
		goto fail;
	if (pipe2(sync_p, O_CLOEXEC) < 0 || pipe2(err_p, O_CLOEXEC) < 0) {
		r = snare__err(s, -errno, "spawn: pipe: %s", strerror(errno));
		goto fail;
	}
	cpu = snare__colocate_cpu(s);
	pid = fork();
	if (pid < 0) {
		r = snare__err(s, -errno, "spawn: fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		child(exe, argv, opts->envp ? opts->envp : environ, opts, fds,
		      sync_p[0], err_p[1], progp, cpu);
	close(sync_p[0]);
	close(err_p[1]);
	sync_p[0] = err_p[1] = -1;
	for (i = 0; i < 3; i++)
		if (fds[i][0] >= 0) {
			close(fds[i][0]);
			fds[i][0] = -1;
		}
	if (seize_child(pid, snare__ptrace_options(true, s)) < 0) {
		r = -errno;
		kill(pid, SIGKILL);
		snare__waitpid(pid, NULL, 0);
		r = snare__err(s, r, "spawn %s: ptrace: %s%s", path, strerror(-r),
			       r == -EPERM ? " (ptrace is denied here: see kernel.yama.ptrace_scope or the container's policy)" : "");
		goto fail;
	}
	/* The records exist before the exec, so hooks see the execve. */
	p = snare__proc_new(s, pid);
	t = p ? snare__thread_new(p, pid, TS_RUNNING) : NULL;
	if (!t) {
		kill(pid, SIGKILL);
		reap_failed(pid);
		r = -ENOMEM;
		goto fail;
	}
	t->first_stop_seen = 1;
	t->reported_new = 1;
	t->announced = 1;
	p->spawned = true;
	p->user_owned = true;
	p->seized_all = true;
	if (progp) {
		p->seccomp = true;
		p->filter = calloc((size_t)snare_syscall_count() / 8 + 1, 1);
		if (p->filter)
			for (i = 0; (size_t)i < opts->n_seccomp_nrs; i++)
				if (opts->seccomp_nrs[i] >= 0 &&
				    opts->seccomp_nrs[i] < snare_syscall_count())
					p->filter[opts->seccomp_nrs[i] / 8] |=
						1u << (opts->seccomp_nrs[i] % 8);
	}
	/* With syscall stops wanted, hold it first so that a SYSCALL resume
	   is in effect when it calls execve. */
	if (s->ev->wants_syscall(p) &&
	    snare__ptrace(PTRACE_INTERRUPT, pid, NULL, NULL) == 0)
		t->interrupt_pending = 1;
	if (write(sync_p[1], "", 1) != 1) {
		r = -errno;
		kill(pid, SIGKILL);
		reap_failed(pid);
		r = snare__err(s, r, "spawn: sync: %s", strerror(-r));
		goto fail;
	}
	r = wait_exec(p, t);
	s->stop_requested = false; /* no stop can be honoured in spawn */
	if (r < 0) {
		/* It died: the exec failed, and the error pipe says why. */
		reap_failed(pid);
		do
			n = read(err_p[0], &ce, sizeof(ce));
		while (n < 0 && errno == EINTR);
		if (n == sizeof(ce))
			r = snare__err(s, -ce.err, "spawn %s: %s: %s", path,
				       stage_names[ce.stage], strerror(ce.err));
		else
			r = snare__err(s, r == -ECHILD ? -ECHILD : r,
				       "spawn %s: the child died before exec", path);
		goto fail;
	}
	p->state = SNARE_PROC_STOPPED;
	for (i = 0; i < 3; i++) {
		p->stdio_fd[i] = fds[i][1];
		fds[i][1] = -1;
		if (opts->stdio[i].kind == SNARE_STDIO_PTY)
			p->pty_streams |= 1u << i;
	}
	if (opts->stop_at == SNARE_SPAWN_STOP_ENTRY) {
		/* Loader events on the way are not reported. */
		t->sc_in = false;
		r = run_to_entry(p, t);
		if (r < 0) {
			snare__kill_proc(p);
			goto fail;
		}
		p->libs_loaded = true;
	}
	*out = p;
	p = NULL;
	r = 0;
fail:
	if (p)
		snare__proc_unlink(s, p);
	close_fds(fds);
	for (i = 0; i < 2; i++) {
		if (sync_p[i] >= 0)
			close(sync_p[i]);
		if (err_p[i] >= 0)
			close(err_p[i]);
	}
	free(prog_buf);
	return r;
}
