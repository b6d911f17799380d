/* SPDX-License-Identifier: MIT */
/*
 * test_teardown.c: detach, kill and free in every state of a multithreaded
 * tracee leave nothing behind (PTRACE-NOTES 4.6). A matrix of cases:
 *
 *   workers {1, 4} (threads of td_counted calling counted() in a loop)
 *   x state   what the process is doing when the ending comes (see
 *             enum td_state: breakpoint hits queued at a stop, hits in
 *             flight, syscall hooks over blocked threads, right after a
 *             step or a next, group-stopped, stopped before the attach, a
 *             signal pending, a zombie leader, SIGKILL from outside, a
 *             traced fork child)
 *   x ending  snare_proc_detach of an attached process, snare_proc_kill of
 *             a spawned or an attached one, snare_session_free of a
 *             spawned or an attached one.
 *
 * Each case is a function "STATE_Nt_ENDING" ("bp_stop_4t_detach"), made by
 * the TD_* macros and listed with one SNARE_TEST() line each, so that the
 * harness runs it alone with SNARE_TEST_CASE=bp_stop_4t_detach.
 *
 * After a detach (explicit, by session free, or by `snare trace` on
 * SIGINT, the cli_* cases) the process must go on as if never traced:
 * every thread has TracerPid 0 and is not in tracing stop; it is in
 * group-stop (T) iff it was before the ending; the bytes of counted() equal
 * the ELF file's (no int3 left); no anonymous executable mapping appeared
 * (the breakpoints' scratch page); the same threads exist; and it still
 * answers and makes progress in every thread, with no signal it should not
 * have had (a stray SIGTRAP kills it: its status is shown) and every signal
 * it should (exactly once). After a kill the process is dead and reaped at
 * once (but for a zombie leader snare never traced, which its real parent,
 * this process, reaps), its status is SIGKILL and the next runs report its
 * exit, once. After a SIGKILL from outside, whatever the ending, the
 * process dies: no thread is left parked in a tracing stop. After
 * freeing a session with a spawned process, no child is left. A fork
 * child traced by following is checked the same way.
 *
 * Nothing here sleeps to synchronise: the tracee answers on its stdout
 * ("w" waits in the tracee for every thread to progress), snare_run()
 * returns on events, and the few waits for states the kernel gives no
 * event for (a re-entered group-stop, TracerPid set by another tracer)
 * poll /proc within a bound. A watchdog (SIGALRM) interrupts a snare_run()
 * that does not return and, if that is not enough, kills the tracees and
 * exits, so that a broken library fails the file instead of hanging it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

/* Bound of one answer of the tracee (its own "w" gives up after 5 s). */
#define ANSWER_MS 10000
/* Bound of the wait for a thread's /proc state after an ending. */
#define SETTLE_MS 5000
/* How long a stopped process must stay silent. */
#define SILENCE_MS 300
/* The watchdog: interrupt snare_run() after this, give up 5 s later. */
#define WATCHDOG_S 15
#define MAXW 16

enum td_state {
	ST_BP_STOP,         /* a breakpoint hit stopped all (SNARE_STOP);
			       other threads' traps queued */
	ST_BP_RUNNING,      /* hits in flight: SNARE_RUN_ONCE returns, a few
			       times, with callbacks continuing */
	ST_HOOK_UNUSED,     /* a hook on a syscall never made; threads
			       blocked in read and futex; stopped by an
			       interrupt */
	ST_HOOK_READ,       /* a hook on read with callbacks, blocked
			       threads woken through it; interrupt */
	ST_HOOK_READ_STOP,  /* a hook on read without callbacks: at a read
			       syscall stop */
	ST_STEP,            /* right after snare_thread_step at the hit */
	ST_NEXT,            /* right after snare_thread_next over a call */
	ST_GROUP_STOP,      /* SIGSTOP from outside while traced: stopped */
	ST_STOPPED_BEFORE,  /* SIGSTOPped before the attach (attach only) */
	ST_SIGNAL_PENDING,  /* SIGUSR1 at a signal-delivery-stop, SIGUSR2
			       sent to another thread at the stop */
	ST_ZOMBIE_LEADER,   /* the main thread pthread_exit()ed; stopped by
			       an interrupt */
	ST_ZOMBIE_LEADER_BP, /* the same, at a breakpoint hit */
	ST_SIGKILL,         /* at a hit, then SIGKILL from outside */
	ST_FORK,            /* a fork child, traced by following, hits too */
	ST_COUNT,
};

enum td_ending {
	END_DETACH,       /* attach, snare_proc_detach */
	END_KILL_SPAWNED, /* snare_spawn, snare_proc_kill */
	END_KILL_ATTACHED,
	END_FREE_SPAWNED, /* snare_spawn, snare_session_free: killed */
	END_FREE_ATTACHED, /* attach, snare_session_free: detached */
	END_COUNT,
};

struct td_case {
	char name[64];
	int state, nworkers, ending;
};

/* What the tracee reports (see td_counted.c). */
struct stats {
	long c[MAXW];
	int nc;
	long usr1, usr2, rd, rderr, fw, fwerr, cc;
};

/* The current case. */
static struct {
	const struct td_case *c;
	pid_t pid, child, cli;
	int in_fd, out_fd, own_fds, err_fd;
	int terr_fd;        /* the tracee's stderr (its fatal-signal line) */
	char terr[512];
	long seq;
	uint64_t counted;
	int n;
	pid_t tids[MAXW], reporter;
	int attached, spawned;
	int blockers, zombie, fork;
	int expect_stopped; /* in group-stop after the ending */
	int expect_usr;     /* SIGUSR1 and SIGUSR2 delivered once each */
	int ntasks;         /* threads of the process */
	/* Anonymous executable mappings before the attach. */
	uint64_t xmap[32][2];
	size_t nxmap;
	snare_session *s;
	snare_proc *p, *child_proc;
	pid_t child_new;    /* SNARE_EV_PROC_NEW's pid */
	int child_exit_sig, child_exit_code, child_exited;
	int stop_on_group_stop;
	long bp_hits, hook_calls, events;
	pid_t exit_pid[8];
	int exit_sig[8], nexits;
	/* The library's last messages (errors are logged at DEBUG) since
	   the ending began, for failure messages. */
	char libmsg[3][240];
	unsigned nlib;
} T;

static snare_session *volatile wd_session;
static volatile sig_atomic_t wd_stage;
static volatile pid_t wd_pids[3];
static const char *volatile wd_name;
static const char *volatile wd_phase = "";

/* Write a string to stderr from the signal handler. */
static void
wd_say(const char *str)
{
	ssize_t n = write(2, str, strlen(str));

	(void)n;
}

/*
 * SIGALRM: first interrupt the session (a snare_run() blocked for its
 * events returns SNARE_EV_INTERRUPT and the case fails with a message);
 * 5 s later, kill the tracees and exit: the library is stuck elsewhere.
 */
static void
on_alarm(int sig)
{
	size_t i;

	(void)sig;
	if (wd_stage == 0) {
		wd_stage = 1;
		if (wd_session)
			snare_session_interrupt(wd_session);
		alarm(5);
		return;
	}
	for (i = 0; i < 3; i++)
		if (wd_pids[i] > 0)
			kill(wd_pids[i], SIGKILL);
	wd_say("test_teardown: watchdog: ");
	wd_say(wd_name ? wd_name : "?");
	wd_say(" hung in: ");
	wd_say(wd_phase);
	wd_say("; tracees killed\n");
	_exit(3);
}

static void
wd_arm(int seconds)
{
	wd_stage = 0;
	alarm(seconds);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
nap_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void
lib_log(int level, const char *msg, void *user)
{
	char *to = T.libmsg[T.nlib % 3];
	size_t len = strlen(msg);

	(void)level;
	(void)user;
	if (len >= sizeof(T.libmsg[0]))
		len = sizeof(T.libmsg[0]) - 1;
	memcpy(to, msg, len);
	to[len] = 0;
	T.nlib++;
}

/* " [snare said: ...]": the last messages since the ending, or "". */
static const char *
lib_said(void)
{
	static char buf[800];
	size_t len = 0;
	unsigned i, from = T.nlib > 3 ? T.nlib - 3 : 0;

	buf[0] = 0;
	for (i = from; i < T.nlib; i++)
		len += snprintf(buf + len, sizeof(buf) - len, "%s%s",
				len ? " | " : " [snare said: ", T.libmsg[i % 3]);
	if (len)
		snprintf(buf + len, sizeof(buf) - len, "]");
	return buf;
}

/*
 * What is wrong after an ending, gathered so that one failure shows every
 * problem of the case (a scratch page left and the SIGTRAP that follows).
 */
static char problems[4096];
static size_t problems_len;
static int nproblems;

static void __attribute__((format(printf, 1, 2)))
problem(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (problems_len >= sizeof(problems) - 1)
		return;
	n = snprintf(problems + problems_len, sizeof(problems) - problems_len,
		     "%s(%d) ", nproblems ? "; " : "", nproblems + 1);
	if (n > 0)
		problems_len += (size_t)n;
	if (problems_len < sizeof(problems) - 1) {
		va_start(ap, fmt);
		n = vsnprintf(problems + problems_len,
			      sizeof(problems) - problems_len, fmt, ap);
		va_end(ap);
		if (n > 0)
			problems_len += (size_t)n;
	}
	if (problems_len > sizeof(problems) - 1)
		problems_len = sizeof(problems) - 1;
	nproblems++;
}

static void
problems_reset(void)
{
	problems[0] = 0;
	problems_len = 0;
	nproblems = 0;
}

/* Fail with every problem found, if any. */
static void
problems_report(const char *when)
{
	if (nproblems)
		fail_msg("%s, %d problem(s): %s%s", when, nproblems, problems,
			 lib_said());
}

/* ------------------------------------------------------------------ */
/* The tracee's answers                                               */
/* ------------------------------------------------------------------ */

/* One line before deadline: 1, 0 on timeout, -1 at EOF. */
static int
read_line_until(int fd, char *buf, size_t cap, long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;
	char ch;
	int rc;

	buf[0] = 0;
	for (;;) {
		long left = deadline - now_ms();

		rc = poll(&pfd, 1, left > 0 ? (int)left : 0);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0) {
			buf[len] = 0;
			return 0;
		}
		n = read(fd, &ch, 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			buf[len] = 0;
			return -1;
		}
		if (ch == '\n')
			break;
		if (len < cap - 1)
			buf[len++] = ch;
	}
	buf[len] = 0;
	return 1;
}

/* Write without dying of SIGPIPE when the tracee is gone; 0 or -errno. */
static int
write_quiet(int fd, const char *str)
{
	sigset_t set, old;
	struct timespec zero = { 0, 0 };
	size_t len = strlen(str), off = 0;
	ssize_t n;
	int err = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	while (off < len) {
		n = write(fd, str + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		off += n;
	}
	if (err == -EPIPE)
		sigtimedwait(&set, NULL, &zero);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}

/* ", its stderr: '...'" with what the tracee wrote there, or "". */
static const char *
tracee_stderr(void)
{
	static char buf[600];
	size_t len = strlen(T.terr), i;
	ssize_t n;

	if (T.terr_fd >= 0 && len < sizeof(T.terr) - 1) {
		n = read(T.terr_fd, T.terr + len, sizeof(T.terr) - 1 - len);
		if (n > 0)
			T.terr[len + n] = 0;
	}
	if (!T.terr[0])
		return "";
	snprintf(buf, sizeof(buf), ", its stderr: '%s'", T.terr);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '\n')
			buf[i] = buf[i + 1] == '\'' ? ' ' : '|';
	return buf;
}

/*
 * What became of pid, for failure messages: its exit status (peeked with
 * WNOWAIT: it stays a zombie for whoever reaps it) or its state.
 */
static const char *
fate(pid_t pid)
{
	static char buf[800];
	siginfo_t si;
	char st;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid == pid) {
		if (si.si_code == CLD_EXITED)
			snprintf(buf, sizeof(buf), "the process exited with "
				 "code %d%s", si.si_status, tracee_stderr());
		else
			snprintf(buf, sizeof(buf), "the process was killed "
				 "by %s%s%s", snare_signal_name(si.si_status),
				 si.si_code == CLD_DUMPED ? " (core dumped)"
							  : "",
				 tracee_stderr());
		return buf;
	}
	st = snare_test_proc_state(pid);
	if (!st)
		snprintf(buf, sizeof(buf), "the process is gone");
	else
		snprintf(buf, sizeof(buf), "the process is alive, State %c, "
			 "TracerPid %ld%s", st,
			 snare_test_status_field(pid, "TracerPid"),
			 st == 'Z' || st == 'X' ? tracee_stderr() : "");
	return buf;
}

static int
parse_stats(const char *line, struct stats *st)
{
	const char *c = strstr(line, " c=");
	char *end;

	memset(st, 0, sizeof(*st));
	if (!c)
		return -1;
	c += 3;
	while (st->nc < MAXW) {
		st->c[st->nc++] = strtol(c, &end, 10);
		if (*end != ',')
			break;
		c = end + 1;
	}
	c = strstr(line, " usr1=");
	if (!c || sscanf(c, " usr1=%ld usr2=%ld rd=%ld "
		   "rderr=%ld fw=%ld fwerr=%ld cc=%ld", &st->usr1, &st->usr2,
		   &st->rd, &st->rderr, &st->fw, &st->fwerr, &st->cc) != 7)
		return -1;
	return 0;
}

/*
 * Send "cmd SEQ" and read up to its answer (answers to earlier commands
 * are skipped). Returns 1 with the line, 0 when none came in timeout_ms,
 * -1 at EOF or when the tracee's stdin is closed.
 */
static int
ask(char cmd, char *line, size_t cap, int timeout_ms)
{
	char req[32], prefix[32];
	long deadline = now_ms() + timeout_ms;
	int rc;

	T.seq++;
	snprintf(req, sizeof(req), "%c %ld\n", cmd, T.seq);
	snprintf(prefix, sizeof(prefix), "%c %ld ", cmd, T.seq);
	if (write_quiet(T.in_fd, req) < 0)
		return -1;
	for (;;) {
		rc = read_line_until(T.out_fd, line, cap, deadline);
		if (rc <= 0)
			return rc;
		if (strncmp(line, prefix, strlen(prefix)) == 0)
			return 1;
	}
}

/* ask() that must be answered; the failure says what became of it. */
static void
ask_ok(char cmd, char *line, size_t cap, const char *when)
{
	int rc = ask(cmd, line, cap, ANSWER_MS);

	if (rc <= 0)
		fail_msg("%s: no answer to '%c' (%s; got '%s'): %s%s", when,
			 cmd, rc ? "EOF" : "timeout", line, fate(T.pid),
			 lib_said());
}

static void
parse_ready(const char *line)
{
	const char *at;
	char *end;
	int pid = 0, i;

	if (strncmp(line, "ready ", 6) != 0)
		fail_msg("setup: expected the ready line, got '%s'", line);
	if (sscanf(line, "ready pid=%d counted=%" SCNx64 " n=%d", &pid,
		   &T.counted, &T.n) != 3)
		fail_msg("setup: bad ready line '%s'", line);
	if (pid != T.pid)
		fail_msg("setup: ready line of pid %d, not %d", pid,
			 (int)T.pid);
	at = strstr(line, " tids=");
	assert_non_null(at);
	at += 6;
	for (i = 0; i < T.n && i < MAXW; i++) {
		T.tids[i] = (pid_t)strtol(at, &end, 10);
		at = end + 1;
	}
	at = strstr(line, " reporter=");
	assert_non_null(at);
	T.reporter = (pid_t)atoi(at + 10);
}

/* ------------------------------------------------------------------ */
/* /proc checks                                                       */
/* ------------------------------------------------------------------ */

/* A live thread of pid to read the memory through (the leader may be a
   zombie, whose /proc/PID/mem and maps are empty). */
static pid_t
mm_tid(pid_t pid)
{
	return pid == T.pid ? T.tids[0] : pid;
}

/* Anonymous executable mappings of pid into out[][2]; returns how many. */
static size_t
anon_exec_maps(pid_t pid, uint64_t (*out)[2], size_t cap, char *lines,
	       size_t lcap)
{
	char path[64], line[512];
	size_t n = 0, llen = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", (int)pid,
		 (int)mm_tid(pid));
	if (lines)
		lines[0] = 0;
	f = fopen(path, "re");
	if (!f)
		fail_msg("%s: %s (%s)", path, strerror(errno), fate(pid));
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, off, inode;
		char perms[8];
		int used = 0;

		if (sscanf(line, "%llx-%llx %7s %llx %*s %llu%n", &start, &end,
			   perms, &off, &inode, &used) < 5)
			continue;
		while (line[used] == ' ' || line[used] == '\t')
			used++;
		/* Anonymous: no path (not even [vdso] or [stack]). */
		if (perms[2] != 'x' || (line[used] && line[used] != '\n'))
			continue;
		if (n < cap) {
			out[n][0] = start;
			out[n][1] = end;
		}
		n++;
		line[strcspn(line, "\n")] = 0;
		if (lines && llen < lcap)
			llen += snprintf(lines + llen, lcap - llen, "%s[%s]",
					 llen ? " " : "", line);
	}
	fclose(f);
	return n < cap ? n : cap;
}

/* No anonymous executable mapping appeared in pid since the attach. */
static void
check_no_new_exec_maps(pid_t pid, const char *who)
{
	uint64_t now[32][2];
	char lines[2048], path[64];
	size_t n, i, j;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", (int)pid,
		 (int)mm_tid(pid));
	if (access(path, R_OK) != 0) {
		problem("%s: no %s (%s)", who, path, fate(pid));
		return;
	}
	n = anon_exec_maps(pid, now, 32, lines, sizeof(lines));
	for (i = 0; i < n; i++) {
		for (j = 0; j < T.nxmap; j++)
			if (T.xmap[j][0] == now[i][0] && T.xmap[j][1] == now[i][1])
				break;
		if (j == T.nxmap) {
			problem("%s: an anonymous executable mapping "
				"0x%llx-0x%llx that was not there before the "
				"attach is left in its maps (scratch page?); "
				"anonymous exec maps now: %s", who,
				(unsigned long long)now[i][0],
				(unsigned long long)now[i][1], lines);
			return;
		}
	}
}

/*
 * The code at addr in pid equals the ELF file it is mapped from: no int3
 * (or any patched byte) is left.
 */
static void
check_code_bytes(pid_t pid, uint64_t addr, const char *who)
{
	char path[64], line[512], file[400] = "";
	unsigned char live[64], disk[64];
	unsigned long long start = 0, end = 0, off = 0, s, e, o;
	size_t len = sizeof(live), i;
	ssize_t n;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", (int)pid,
		 (int)mm_tid(pid));
	f = fopen(path, "re");
	if (!f) {
		problem("%s: %s: %s (%s)", who, path, strerror(errno),
			fate(pid));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		int used = 0;

		if (sscanf(line, "%llx-%llx %*s %llx %*s %*s%n", &s, &e, &o,
			   &used) < 3 || addr < s || addr >= e)
			continue;
		start = s;
		end = e;
		off = o;
		while (line[used] == ' ')
			used++;
		snprintf(file, sizeof(file), "%s", line + used);
		file[strcspn(file, "\n")] = 0;
		break;
	}
	fclose(f);
	if (!file[0] || file[0] != '/') {
		problem("%s: counted() at 0x%llx is not in a file mapping "
			"('%s'; %s)", who, (unsigned long long)addr, file,
			fate(pid));
		return;
	}
	if (end - addr < len)
		len = end - addr;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/mem", (int)pid,
		 (int)mm_tid(pid));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		problem("%s: %s: %s (%s)", who, path, strerror(errno),
			fate(pid));
		return;
	}
	n = pread(fd, live, len, (off_t)addr);
	close(fd);
	if (n != (ssize_t)len) {
		problem("%s: reading %zu bytes at 0x%llx of %s: %s (%s)", who,
			len, (unsigned long long)addr, path,
			n < 0 ? strerror(errno) : "short read", fate(pid));
		return;
	}
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail_msg("%s: %s", file, strerror(errno));
	n = pread(fd, disk, len, (off_t)(off + addr - start));
	close(fd);
	if (n != (ssize_t)len)
		fail_msg("%s: short read", file);
	for (i = 0; i < len; i++)
		if (live[i] != disk[i]) {
			problem("%s: the byte at counted+%zu (0x%llx) is "
				"0x%02x, the ELF file has 0x%02x%s", who, i,
				(unsigned long long)(addr + i), live[i],
				disk[i], live[i] == 0xcc ? " (an int3 left "
							   "behind)" : "");
			return;
		}
}

static long
task_field(pid_t pid, pid_t tid, const char *field, char *state)
{
	char path[64], text[4096], *v;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid,
		 (int)tid);
	*state = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = 0;
	v = strstr(text, "\nState:");
	if (v) {
		v += 7;
		while (*v == ' ' || *v == '\t')
			v++;
		*state = *v;
	}
	v = strstr(text, field);
	return v ? strtol(v + strlen(field), NULL, 10) : -1;
}

/*
 * Every thread of pid: TracerPid 0, not in tracing stop, in group-stop (T)
 * iff stopped (after a bounded wait: a detached group-stopped thread
 * re-enters the stop a moment later); and there are ntasks of them (0:
 * do not count).
 */
static void
check_tasks(pid_t pid, int stopped, int ntasks, const char *who)
{
	long deadline = now_ms() + SETTLE_MS;
	char path[64], st;
	struct dirent *de;
	long tracer;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d) {
		problem("%s: no %s: %s", who, path, fate(pid));
		return;
	}
	while ((de = readdir(d))) {
		pid_t tid = atoi(de->d_name);
		int ok;

		if (tid <= 0)
			continue;
		n++;
		for (;;) {
			tracer = task_field(pid, tid, "\nTracerPid:", &st);
			ok = tracer == 0 && st != 't' && st != 0 &&
			     (st == 'Z' ? T.zombie && tid == pid
					: (st == 'T') == !!stopped);
			if (ok || now_ms() > deadline)
				break;
			nap_ms(1);
		}
		if (!ok) {
			closedir(d);
			problem("%s: thread %d: TracerPid %ld, State %c, want "
				"TracerPid 0 and %s (%s)", who, (int)tid,
				tracer, st ? st : '?',
				stopped ? "State T" : "running", fate(pid));
			return;
		}
	}
	closedir(d);
	if (ntasks && n != ntasks)
		problem("%s: %d threads, %d before (%s)", who, n, ntasks,
			fate(pid));
}

/* Wait (bounded) for pid to be dead (a zombie or reaped): 1 when it is. */
static int
wait_dead(pid_t pid, int timeout_ms)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int dead;

	if (pidfd < 0)
		return errno == ESRCH;
	dead = snare_test_readable(pidfd, timeout_ms);
	close(pidfd);
	return dead;
}

/* Describe the threads of pid: "tid:State/TracerPid ...". */
static const char *
describe_tasks(pid_t pid)
{
	static char buf[512];
	char path[64], st;
	struct dirent *de;
	size_t len = 0;
	DIR *d;

	buf[0] = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return "no threads";
	while ((de = readdir(d)) && len < sizeof(buf) - 32) {
		pid_t tid = atoi(de->d_name);
		long tracer;

		if (tid <= 0)
			continue;
		tracer = task_field(pid, tid, "\nTracerPid:", &st);
		len += snprintf(buf + len, sizeof(buf) - len, "%s%d:%c/%ld",
				len ? " " : "", (int)tid, st ? st : '?',
				tracer);
	}
	closedir(d);
	return buf;
}

/* /proc/PID/syscall ("NR args... sp pc", "-1 sp pc", "running"), or "?". */
static const char *
proc_syscall(pid_t pid)
{
	static char buf[256];
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return "?";
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

/* ------------------------------------------------------------------ */
/* Processes                                                          */
/* ------------------------------------------------------------------ */

/* Reap pid (our child), bounded; releases threads left traced by us. */
static int
reap_bounded(pid_t pid, int *status)
{
	long deadline = now_ms() + ANSWER_MS;
	int st, st2;
	pid_t w, w2;

	for (;;) {
		w = waitpid(pid, &st, WNOHANG | __WALL);
		if (w == pid && !WIFSTOPPED(st)) {
			*status = st;
			return 1;
		}
		if (w == pid) {
			ptrace(PTRACE_CONT, pid, NULL, NULL);
			continue;
		}
		if (w < 0 && errno != EINTR)
			return 0; /* reaped by someone else (the session) */
		/* Threads still traced by this thread: let them go. */
		while ((w2 = waitpid(-1, &st2, WNOHANG | __WALL)) > 0)
			if (WIFSTOPPED(st2))
				ptrace(PTRACE_CONT, w2, NULL, NULL);
		if (now_ms() > deadline)
			return -1;
		nap_ms(1);
	}
}

/* Kill the tracees of the case (if any left) and close our fds. */
static void
cleanup(void)
{
	int status;

	if (T.cli > 0) {
		kill(T.cli, SIGKILL);
		reap_bounded(T.cli, &status);
		T.cli = 0;
	}
	if (T.child > 0) {
		kill(T.child, SIGKILL);
		T.child = 0;
	}
	if (T.pid > 0) {
		kill(T.pid, SIGKILL);
		if (T.attached)
			reap_bounded(T.pid, &status);
		T.pid = 0;
	}
	if (T.own_fds) {
		if (T.in_fd >= 0)
			close(T.in_fd);
		if (T.out_fd >= 0)
			close(T.out_fd);
		if (T.terr_fd >= 0)
			close(T.terr_fd);
	}
	if (T.err_fd >= 0)
		close(T.err_fd);
	T.in_fd = T.out_fd = T.err_fd = T.terr_fd = -1;
	T.own_fds = 0;
	wd_pids[0] = wd_pids[1] = wd_pids[2] = 0;
}

static void
session_free(void **state)
{
	if (!T.own_fds) {
		/* The spawned process's pipes go with the session. */
		tracee_stderr();
		T.in_fd = T.out_fd = T.terr_fd = -1;
	}
	wd_session = NULL;
	snare_test_session_free(state);
	T.s = NULL;
	T.p = T.child_proc = NULL;
}

static void
tracee_argv(char **argv, char *nbuf, size_t ncap)
{
	size_t i = 0;

	snprintf(nbuf, ncap, "%d", T.n);
	argv[i++] = (char *)snare_test_tracee("td_counted");
	argv[i++] = nbuf;
	if (T.blockers)
		argv[i++] = "blockers";
	if (T.zombie)
		argv[i++] = "zombie";
	if (T.fork)
		argv[i++] = "fork";
	argv[i] = NULL;
}

/*
 * fork+exec td_counted (no session yet), stdin, stdout and stderr on
 * pipes, and read its ready line.
 */
static void
start_plain(void)
{
	char *argv[8], nbuf[16], line[512];
	int in[2], out[2], err[2], rc;

	tracee_argv(argv, nbuf, sizeof(nbuf));
	assert_int_equal(pipe2(in, O_CLOEXEC), 0);
	assert_int_equal(pipe2(out, O_CLOEXEC), 0);
	assert_int_equal(pipe2(err, O_CLOEXEC), 0);
	T.pid = fork();
	assert_true(T.pid >= 0);
	if (T.pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	T.in_fd = in[1];
	T.out_fd = out[0];
	T.terr_fd = err[0];
	fcntl(T.terr_fd, F_SETFL, O_NONBLOCK);
	T.own_fds = 1;
	T.attached = 1;
	wd_pids[0] = T.pid;
	rc = read_line_until(T.out_fd, line, sizeof(line),
			     now_ms() + ANSWER_MS);
	if (rc <= 0)
		fail_msg("setup: no ready line ('%s'): %s", line, fate(T.pid));
	parse_ready(line);
	T.nxmap = anon_exec_maps(T.pid, T.xmap, 32, NULL, 0);
}

static int
observer(snare_session *s, const snare_event *ev, void *user)
{
	(void)s;
	(void)user;
	T.events++;
	if (ev->kind == SNARE_EV_PROC_NEW && !T.child_new) {
		T.child_proc = ev->proc;
		T.child_new = ev->pid;
	}
	if (ev->kind == SNARE_EV_PROC_EXIT && T.child_new &&
	    ev->pid == T.child_new) {
		/* Its handle is retired once reported: forget it. */
		T.child_proc = NULL;
		T.child_exited = 1;
		T.child_exit_code = ev->code;
		T.child_exit_sig = ev->signo;
	}
	if (ev->kind == SNARE_EV_PROC_EXIT && T.nexits < 8) {
		T.exit_pid[T.nexits] = ev->pid;
		T.exit_sig[T.nexits] = ev->signo;
		T.nexits++;
	}
	if (ev->kind == SNARE_EV_GROUP_STOP && T.stop_on_group_stop)
		return SNARE_STOP;
	return SNARE_CONTINUE;
}

static void
new_session(void **state)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;

	so.on_event = observer;
	so.log = lib_log;
	so.log_level = SNARE_LOG_DEBUG;
	T.s = snare_test_session(state, &so);
	wd_session = T.s;
}

static void
start_attached(void **state)
{
	int rc, status;

	start_plain();
	if (T.c->state == ST_STOPPED_BEFORE) {
		assert_int_equal(kill(T.pid, SIGSTOP), 0);
		assert_int_equal(waitpid(T.pid, &status, WUNTRACED), T.pid);
		assert_true(WIFSTOPPED(status));
	}
	new_session(state);
	wd_phase = "setup: snare_attach";
	rc = snare_attach(&T.p, T.s, T.pid);
	if (rc != 0)
		fail_msg("setup: attach %d: %s (%s)", (int)T.pid,
			 snare_strerror(rc), snare_errmsg(T.s));
}

static void
start_spawned(void **state)
{
	const char *args[4];
	char nbuf[16], line[512];
	size_t i = 0;

	snprintf(nbuf, sizeof(nbuf), "%d", T.n);
	args[i++] = nbuf;
	if (T.blockers)
		args[i++] = "blockers";
	if (T.zombie)
		args[i++] = "zombie";
	if (T.fork)
		args[i++] = "fork";
	args[i] = NULL;
	new_session(state);
	wd_phase = "setup: snare_spawn and run to the ready line";
	T.p = snare_test_spawn_piped(T.s, "td_counted", args,
				     SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT |
					     SNARE_TEST_PIPE_ERR,
				     SNARE_SPAWN_STOP_EXEC);
	T.pid = snare_proc_pid(T.p);
	T.spawned = 1;
	wd_pids[0] = T.pid;
	T.in_fd = snare_proc_stdio_fd(T.p, 0);
	T.out_fd = snare_proc_stdio_fd(T.p, 1);
	T.terr_fd = snare_proc_stdio_fd(T.p, 2);
	fcntl(T.terr_fd, F_SETFL, O_NONBLOCK);
	snare_test_run_until_line(T.s, T.out_fd, line, sizeof(line));
	parse_ready(line);
}

/* ------------------------------------------------------------------ */
/* Getting into each state                                            */
/* ------------------------------------------------------------------ */

static void
run(snare_event *ev, int mode, const char *what)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	wd_phase = what;
	rc = snare_run(ev, T.s, mode);
	if (wd_stage)
		fail_msg("setup: %s: snare_run did not return within %d s "
			 "(event %d)", what, WATCHDOG_S, ev->kind);
	if (rc != 0)
		fail_msg("setup: %s: snare_run: %s (%s)", what,
			 snare_strerror(rc), snare_errmsg(T.s));
	if (ev->kind == SNARE_EV_ALL_EXITED || ev->kind == SNARE_EV_PROC_EXIT) {
		int code = -1, sig = -1;

		snare_proc_exit_status(&code, &sig, NULL, T.p);
		fail_msg("setup: %s: the process exited (event %d; exit code "
			 "%d, signal %d%s)%s", what, ev->kind, code, sig,
			 tracee_stderr(), lib_said());
	}
}

/* Send a command and run until its answer; the answer goes to line. */
static void
run_until_answer(char cmd, char *line, size_t cap)
{
	char req[32], prefix[32];

	T.seq++;
	snprintf(req, sizeof(req), "%c %ld\n", cmd, T.seq);
	snprintf(prefix, sizeof(prefix), "%c %ld ", cmd, T.seq);
	assert_int_equal(write_quiet(T.in_fd, req), 0);
	wd_phase = "setup: snare_run until the tracee answers";
	snare_test_run_until_line(T.s, T.out_fd, line, cap);
	if (strncmp(line, prefix, strlen(prefix)) != 0)
		fail_msg("setup: expected the answer '%s...', got '%s'",
			 prefix, line);
}

static int
bp_stop_cb(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(void)user;
	T.bp_hits++;
	return SNARE_STOP;
}

static int
bp_count_cb(snare_thread *t, snare_bp *bp, void *user)
{
	(void)t;
	(void)bp;
	(void)user;
	T.bp_hits++;
	return SNARE_CONTINUE;
}

static int
hook_count_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)sc;
	(void)user;
	T.hook_calls++;
	return SNARE_CONTINUE;
}

static void
add_counted_bp(snare_bp_fn fn)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	int rc;

	bo.on_hit = fn;
	rc = snare_bp_add(NULL, T.p, T.counted, &bo);
	if (rc != 0)
		fail_msg("setup: breakpoint at counted 0x%llx: %s (%s)",
			 (unsigned long long)T.counted, snare_strerror(rc),
			 snare_errmsg(T.s));
}

/* A breakpoint on counted() that stops everything; run to its first hit. */
static snare_thread *
run_to_counted(void)
{
	snare_event ev;

	add_counted_bp(bp_stop_cb);
	run(&ev, SNARE_RUN_DEFAULT, "run to counted()");
	if (ev.kind != SNARE_EV_BREAKPOINT || ev.pc != T.counted)
		fail_msg("setup: expected a hit at counted 0x%llx, got event "
			 "%d at 0x%llx", (unsigned long long)T.counted, ev.kind,
			 (unsigned long long)ev.pc);
	assert_non_null(ev.thread);
	return ev.thread;
}

static void
add_hook(const char *name, int with_callbacks)
{
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	int rc;

	if (with_callbacks) {
		ho.on_enter = hook_count_cb;
		ho.on_exit = hook_count_cb;
	}
	rc = snare_hook_syscall_name(NULL, T.s, name, &ho);
	if (rc != 0)
		fail_msg("setup: hook %s: %s (%s)", name, snare_strerror(rc),
			 snare_errmsg(T.s));
}

static void
enter_state(void)
{
	snare_sighook_opts sho = SNARE_SIGHOOK_OPTS_INIT;
	snare_thread *t;
	snare_event ev;
	char line[512];
	uint64_t pc;
	int i, rc;

	switch (T.c->state) {
	case ST_BP_STOP:
	case ST_ZOMBIE_LEADER_BP:
		run_to_counted();
		break;
	case ST_ZOMBIE_LEADER:
		run_until_answer('w', line, sizeof(line));
		break;
	case ST_SIGKILL:
		run_to_counted();
		assert_int_equal(kill(T.pid, SIGKILL), 0);
		break;
	case ST_BP_RUNNING:
		add_counted_bp(bp_count_cb);
		for (i = 0; i < 100 && T.bp_hits < 5; i++)
			run(&ev, SNARE_RUN_ONCE, "SNARE_RUN_ONCE");
		if (T.bp_hits < 5)
			fail_msg("setup: %ld hits in %d runs", T.bp_hits, i);
		break;
	case ST_HOOK_UNUSED:
		add_hook("acct", 1);
		run_until_answer('w', line, sizeof(line));
		break;
	case ST_HOOK_READ:
		add_hook("read", 1);
		/* "w" wakes the blocked reader: its read returns through
		   the hook, and it blocks again. */
		run_until_answer('w', line, sizeof(line));
		if (T.hook_calls == 0)
			fail_msg("setup: the read hook never ran ('%s')", line);
		break;
	case ST_HOOK_READ_STOP:
		add_hook("read", 0);
		/* The reporter's read returns this command; it is answered
		   after the ending. */
		T.seq++;
		snprintf(line, sizeof(line), "p %ld\n", T.seq);
		assert_int_equal(write_quiet(T.in_fd, line), 0);
		run(&ev, SNARE_RUN_DEFAULT, "run to a read stop");
		if ((ev.kind != SNARE_EV_SYSCALL_ENTER &&
		     ev.kind != SNARE_EV_SYSCALL_EXIT) ||
		    ev.syscall_nr != SYS_read)
			fail_msg("setup: expected a read syscall stop, got "
				 "event %d nr %ld", ev.kind, ev.syscall_nr);
		break;
	case ST_STEP:
		t = run_to_counted();
		wd_phase = "setup: snare_thread_step";
		rc = snare_thread_step(t);
		if (rc != 0)
			fail_msg("setup: step: %s (%s)", snare_strerror(rc),
				 snare_errmsg(T.s));
		assert_int_equal(snare_thread_pc(&pc, t), 0);
		assert_int_not_equal(pc, T.counted);
		break;
	case ST_NEXT:
		t = run_to_counted();
		/* Next until a call was stepped over. */
		for (i = 0; i < 8; i++) {
			unsigned char op = 0;

			assert_int_equal(snare_thread_pc(&pc, t), 0);
			if (pc != T.counted)
				assert_int_equal(snare_mem_read(&op, T.p, pc, 1),
						 0);
			wd_phase = "setup: snare_thread_next";
			rc = snare_thread_next(t);
			if (rc != 0)
				fail_msg("setup: next at 0x%llx: %s (%s)",
					 (unsigned long long)pc,
					 snare_strerror(rc), snare_errmsg(T.s));
			if (op == 0xe8)
				break;
		}
		if (i == 8)
			fail_msg("setup: no call in counted() to step over");
		break;
	case ST_GROUP_STOP:
		add_counted_bp(bp_count_cb);
		T.stop_on_group_stop = 1;
		assert_int_equal(kill(T.pid, SIGSTOP), 0);
		run(&ev, SNARE_RUN_DEFAULT, "run to the group-stop");
		if (ev.kind != SNARE_EV_GROUP_STOP)
			fail_msg("setup: expected a group-stop, got event %d",
				 ev.kind);
		T.expect_stopped = 1;
		break;
	case ST_STOPPED_BEFORE:
		add_counted_bp(bp_stop_cb);
		T.expect_stopped = 1;
		break;
	case ST_SIGNAL_PENDING:
		rc = snare_hook_signal(NULL, T.s, SIGUSR1, &sho);
		assert_int_equal(rc, 0);
		assert_int_equal(syscall(SYS_tgkill, T.pid, T.tids[0], SIGUSR1),
				 0);
		run(&ev, SNARE_RUN_DEFAULT, "run to SIGUSR1");
		if (ev.kind != SNARE_EV_SIGNAL || ev.signo != SIGUSR1 ||
		    ev.tid != T.tids[0])
			fail_msg("setup: expected SIGUSR1 for thread %d, got "
				 "event %d signal %d thread %d",
				 (int)T.tids[0], ev.kind, ev.signo,
				 (int)ev.tid);
		assert_int_equal(snare_thread_signal(ev.thread), SIGUSR1);
		/* And one more, sent at the stop to another thread. */
		assert_int_equal(syscall(SYS_tgkill, T.pid,
					 T.n > 1 ? T.tids[T.n - 1] : T.reporter,
					 SIGUSR2),
				 0);
		T.expect_usr = 1;
		break;
	case ST_FORK:
		add_counted_bp(bp_count_cb);
		run_until_answer('F', line, sizeof(line));
		T.child = (pid_t)atoi(strstr(line, "child=") + 6);
		if (T.child <= 0)
			fail_msg("setup: fork: '%s'", line);
		wd_pids[1] = T.child;
		/* Both run, and hit the breakpoint, under snare (noted if
		   not: a problem of following, not of the ending). */
		run_until_answer('w', line, sizeof(line));
		if (T.child_exited)
			fail_msg("setup: the fork child exited under snare: "
				 "code %d, signal %d (%s)%s", T.child_exit_code,
				 T.child_exit_sig, tracee_stderr(), lib_said());
		if (!T.child_new)
			fail_msg("setup: no SNARE_EV_PROC_NEW for child %d",
				 (int)T.child);
		if (T.child_new != T.child)
			fail_msg("setup: SNARE_EV_PROC_NEW for %d, the child "
				 "is %d", (int)T.child_new, (int)T.child);
		if (!strstr(line, " ok "))
			problem("before the ending, under snare: '%s' (child: "
				"State %c, TracerPid %ld, /proc/PID/syscall "
				"'%s', counted 0x%llx)%s", line,
				snare_test_proc_state(T.child),
				snare_test_status_field(T.child, "TracerPid"),
				proc_syscall(T.child),
				(unsigned long long)T.counted,
				tracee_stderr());
		break;
	}
}

/* ------------------------------------------------------------------ */
/* The endings and what must hold after them                          */
/* ------------------------------------------------------------------ */

/*
 * Ask and record a problem when there is no answer; 1 when answered. A
 * process that stopped answering is not asked again.
 */
static int
ask_checked(char cmd, char *line, size_t cap, int *dead)
{
	int rc;

	if (*dead)
		return 0;
	rc = ask(cmd, line, cap, ANSWER_MS);
	if (rc > 0)
		return 1;
	problem("no answer to '%c' (%s; got '%s'): %s", cmd,
		rc ? "EOF" : "timeout", line, fate(T.pid));
	*dead = 1;
	return 0;
}

/*
 * The process (and its fork child) go on as if never traced. Every
 * problem is gathered and reported at once.
 */
static void
check_detached(void)
{
	struct stats a, b;
	char line[512], line2[512], line3[512];
	int i, dead = 0;

	/* Bounded checks: at most 2 x SETTLE_MS + ANSWER_MS when failing. */
	wd_phase = "checks after the ending";
	wd_arm(2 * SETTLE_MS / 1000 + ANSWER_MS / 1000 + WATCHDOG_S);
	check_tasks(T.pid, T.expect_stopped, T.ntasks, "the process");
	if (!snare_test_proc_alive(T.zombie ? T.tids[0] : T.pid)) {
		if (!nproblems)
			problem("the process died: %s", fate(T.pid));
		problems_report("after the ending");
	}
	if (T.child)
		check_tasks(T.child, 0, 1, "the fork child");
	if (T.expect_stopped) {
		/* A group-stopped process is silent until SIGCONT. */
		if (ask('p', line, sizeof(line), SILENCE_MS) != 0)
			problem("the process should be stopped but answered "
				"'%s' (%s)", line, fate(T.pid));
		assert_int_equal(kill(T.pid, SIGCONT), 0);
	}
	/* Alive and progressing in every thread, without stray signals. */
	if (ask_checked('p', line, sizeof(line), &dead) &&
	    ask_checked('w', line2, sizeof(line2), &dead) &&
	    ask_checked('p', line3, sizeof(line3), &dead)) {
		if (strncmp(strchr(line2 + 2, ' '), " ok ", 4) != 0)
			problem("not every thread makes progress: '%s' (%s)",
				line2, fate(T.pid));
		if (parse_stats(line, &a) != 0 ||
		    parse_stats(line3, &b) != 0 || b.nc != T.n)
			fail_msg("bad stats '%s' '%s'", line, line3);
		for (i = 0; i < T.n; i++)
			if (b.c[i] <= a.c[i])
				problem("worker %d does not progress: '%s' "
					"then '%s'", i, line, line3);
		if (b.rderr || b.fwerr)
			problem("a blocked thread's read or futex wait "
				"failed (EINTR?), which never happens "
				"untraced: '%s'", line3);
		if (b.usr1 != T.expect_usr || b.usr2 != T.expect_usr)
			problem("SIGUSR1 received %ld times, SIGUSR2 %ld, "
				"want %d each: '%s'", b.usr1, b.usr2,
				T.expect_usr, line3);
		if (T.child && b.cc <= a.cc)
			problem("the fork child does not progress: '%s' then "
				"'%s'", line, line3);
	}
	/* Nothing of snare's is left in the memory. */
	check_code_bytes(T.pid, T.counted, "the process");
	check_no_new_exec_maps(T.pid, "the process");
	if (T.child) {
		check_code_bytes(T.child, T.counted, "the fork child");
		check_no_new_exec_maps(T.child, "the fork child");
	}
	problems_report("after the ending");
}

/* End of a case with an attached process that must have survived. */
static void
finish_plain(void **state)
{
	int status = 0, rc;

	wd_phase = "snare_session_free after the checks";
	if (T.s)
		session_free(state);
	wd_phase = "killing the tracee after the checks";
	if (T.child > 0) {
		kill(T.child, SIGKILL);
		T.child = 0;
	}
	assert_int_equal(kill(T.pid, SIGKILL), 0);
	rc = reap_bounded(T.pid, &status);
	if (rc == 0) {
		/* ECHILD: someone reaped it first (seen once in an ASan run
		   under load, after every check of the case had passed).
		   What matters here is that it is gone: nothing left behind. */
		long deadline = now_ms() + ANSWER_MS;

		while (kill(T.pid, 0) == 0 && now_ms() < deadline)
			nap_ms(1);
		if (kill(T.pid, 0) == 0)
			fail_msg("the killed process is still there, not ours to reap");
		T.pid = 0;
		return;
	}
	T.pid = 0;
	if (rc != 1)
		fail_msg("the killed process was not reaped (%d)", rc);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		fail_msg("status 0x%x, want killed by SIGKILL", status);
}

/* After a SIGKILL from outside: dead, no thread left traced or stopped. */
static void
check_died(void **state, const char *when)
{
	int status = 0, rc;

	if (!wait_dead(T.pid, ANSWER_MS))
		fail_msg("%s: the SIGKILLed process did not die; threads "
			 "(tid:State/TracerPid): %s%s", when,
			 describe_tasks(T.pid), lib_said());
	wd_phase = "snare_session_free after the SIGKILL";
	if (T.s)
		session_free(state);
	if (T.attached) {
		rc = reap_bounded(T.pid, &status);
		if (rc == 1 && (!WIFSIGNALED(status) ||
				WTERMSIG(status) != SIGKILL))
			fail_msg("%s: status 0x%x, want SIGKILL", when, status);
	}
	T.pid = 0;
	snare_test_assert_no_children();
}

/*
 * An attached process whose leader snare did not trace (a zombie before
 * the attach) is reaped by its real parent, as untraced: here that is this
 * process. 1 when it is such a dead zombie, reaped now with SIGKILL's
 * status.
 */
static int
left_to_parent(void)
{
	int status = 0;

	if (snare_test_proc_state(T.pid) != 'Z' || !wait_dead(T.pid, 0))
		return 0;
	if (waitpid(T.pid, &status, WNOHANG | __WALL) != T.pid)
		return 0;
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		fail_msg("after snare_proc_kill: status 0x%x, want SIGKILL",
			 status);
	return 1;
}

static void
check_killed(void **state, int rc)
{
	int code = -1, signo = -1, i, exits = 0;
	snare_event ev;

	if (rc != 0 && !(T.c->state == ST_SIGKILL && rc == SNARE_EEXITED))
		fail_msg("snare_proc_kill: %s (%s)", snare_strerror(rc),
			 snare_errmsg(T.s));
	if (snare_proc_state(T.p) != SNARE_PROC_EXITED)
		fail_msg("after snare_proc_kill the state is %d, want "
			 "SNARE_PROC_EXITED", snare_proc_state(T.p));
	if (snare_proc_exit_status(&code, &signo, NULL, T.p) != 1)
		fail_msg("after snare_proc_kill no exit status");
	if (signo != SIGKILL)
		fail_msg("after snare_proc_kill: code %d signal %d, want "
			 "SIGKILL", code, signo);
	if ((kill(T.pid, 0) == 0 || errno != ESRCH) &&
	    !(T.attached && left_to_parent()))
		fail_msg("after snare_proc_kill the process is not reaped: "
			 "State %c, threads %s%s", snare_test_proc_state(T.pid),
			 describe_tasks(T.pid), lib_said());
	/* The session reports the exit, then that nothing is left. */
	wd_phase = "snare_run after snare_proc_kill";
	for (i = 0; i < 8; i++) {
		memset(&ev, 0, sizeof(ev));
		rc = snare_run(&ev, T.s, SNARE_RUN_DEFAULT);
		if (wd_stage)
			fail_msg("after snare_proc_kill, snare_run did not "
				 "return within %d s", WATCHDOG_S);
		if (rc != 0)
			fail_msg("after snare_proc_kill: snare_run: %s (%s)",
				 snare_strerror(rc), snare_errmsg(T.s));
		if (ev.kind == SNARE_EV_ALL_EXITED)
			break;
	}
	if (i == 8)
		fail_msg("after snare_proc_kill: no SNARE_EV_ALL_EXITED in 8 "
			 "runs (last event %d)", ev.kind);
	for (i = 0; i < T.nexits; i++)
		if (T.exit_pid[i] == T.pid) {
			exits++;
			if (T.exit_sig[i] != SIGKILL)
				fail_msg("SNARE_EV_PROC_EXIT with signal %d",
					 T.exit_sig[i]);
		}
	if (exits != 1)
		fail_msg("%d SNARE_EV_PROC_EXIT for the killed process, want 1",
			 exits);
	wd_phase = "snare_session_free after snare_proc_kill";
	session_free(state);
	if (T.child && !wait_dead(T.child, ANSWER_MS))
		fail_msg("the fork child %d outlived its killed parent: %s",
			 (int)T.child, describe_tasks(T.child));
	T.pid = 0;
	snare_test_assert_no_children();
}

static void
end_case(void **state)
{
	const struct td_case *c = T.c;
	int rc;

	T.nlib = 0; /* what the library says from here on */
	switch (c->ending) {
	case END_DETACH:
		wd_phase = "ending: snare_proc_detach";
		rc = snare_proc_detach(T.p, 0);
		if (c->state == ST_SIGKILL) {
			if (rc != 0 && rc != SNARE_EEXITED)
				fail_msg("detach of a SIGKILLed process: %s "
					 "(%s), want 0 or SNARE_EEXITED",
					 snare_strerror(rc), snare_errmsg(T.s));
			check_died(state, "after the detach");
			return;
		}
		if (rc != 0)
			fail_msg("snare_proc_detach: %s (%s)",
				 snare_strerror(rc), snare_errmsg(T.s));
		if (snare_proc_state(T.p) != SNARE_PROC_DETACHED)
			fail_msg("state %d after detach",
				 snare_proc_state(T.p));
		if (T.child_proc) {
			rc = snare_proc_detach(T.child_proc, 0);
			if (rc != 0)
				fail_msg("snare_proc_detach of the fork child: "
					 "%s (%s)", snare_strerror(rc),
					 snare_errmsg(T.s));
		}
		check_detached();
		finish_plain(state);
		break;
	case END_FREE_ATTACHED:
		wd_phase = "ending: snare_session_free";
		session_free(state);
		if (c->state == ST_SIGKILL) {
			check_died(state, "after the session free");
			return;
		}
		check_detached();
		finish_plain(state);
		break;
	case END_KILL_SPAWNED:
	case END_KILL_ATTACHED:
		wd_phase = "ending: snare_proc_kill";
		rc = snare_proc_kill(T.p);
		check_killed(state, rc);
		break;
	case END_FREE_SPAWNED:
		wd_phase = "ending: snare_session_free";
		session_free(state);
		if (kill(T.pid, 0) == 0 || errno != ESRCH)
			fail_msg("after snare_session_free the spawned process "
				 "is not reaped: State %c, threads %s",
				 snare_test_proc_state(T.pid),
				 describe_tasks(T.pid));
		if (T.child && !wait_dead(T.child, ANSWER_MS))
			fail_msg("the fork child %d outlived its killed "
				 "parent: %s", (int)T.child,
				 describe_tasks(T.child));
		T.pid = 0;
		snare_test_assert_no_children();
		break;
	}
}

static void
test_matrix_case(void **state)
{
	const struct td_case *c = T.c;

	T.n = c->nworkers;
	T.blockers = c->state == ST_HOOK_UNUSED || c->state == ST_HOOK_READ ||
		     c->state == ST_HOOK_READ_STOP;
	T.zombie = c->state == ST_ZOMBIE_LEADER ||
		   c->state == ST_ZOMBIE_LEADER_BP;
	T.fork = c->state == ST_FORK;
	T.ntasks = T.n + 1 + T.zombie + 2 * T.blockers;
	if (c->ending == END_DETACH || c->ending == END_KILL_ATTACHED ||
	    c->ending == END_FREE_ATTACHED)
		start_attached(state);
	else
		start_spawned(state);
	enter_state();
	end_case(state);
	problems_report("after the ending");
}

/* ------------------------------------------------------------------ */
/* snare trace -p, interrupted                                         */
/* ------------------------------------------------------------------ */

/* Every thread of pid has TracerPid tracer (bounded poll). */
static int
wait_traced_by(pid_t pid, pid_t tracer)
{
	long deadline = now_ms() + ANSWER_MS;
	char path[64], st;
	struct dirent *de;
	DIR *d;
	int all;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	do {
		all = 1;
		d = opendir(path);
		if (!d)
			return 0;
		while ((de = readdir(d)))
			if (atoi(de->d_name) > 0 &&
			    task_field(pid, atoi(de->d_name), "\nTracerPid:",
				       &st) != tracer)
				all = 0;
		closedir(d);
		if (all)
			return 1;
		nap_ms(1);
	} while (now_ms() < deadline);
	return 0;
}

/* The first byte of counted() is an int3 (bounded poll). */
static int
wait_int3(pid_t pid, uint64_t addr)
{
	long deadline = now_ms() + ANSWER_MS;
	unsigned char b = 0;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/mem", (int)pid,
		 (int)mm_tid(pid));
	do {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return 0;
		if (pread(fd, &b, 1, (off_t)addr) != 1)
			b = 0;
		close(fd);
		if (b == 0xcc)
			return 1;
		nap_ms(1);
	} while (now_ms() < deadline);
	return 0;
}

static void
test_cli_sigint(void **state)
{
	char snare_path[512], pidstr[16], line[512], err[2048];
	char *argv[16];
	int errp[2], status = 0;
	size_t i;
	ssize_t n;
	pid_t cli;

	(void)state;
	T.n = T.c->nworkers;
	T.ntasks = T.n + 1;
	snprintf(snare_path, sizeof(snare_path), "%s/../../snare", TRACEE_DIR);
	if (access(snare_path, X_OK) != 0)
		fail_msg("%s: %s", snare_path, strerror(errno));
	start_plain();
	snprintf(pidstr, sizeof(pidstr), "%d", (int)T.pid);
	argv[0] = snare_path;
	argv[1] = "trace";
	argv[2] = "-e";
	argv[3] = "trace=none";
	argv[4] = "--break";
	argv[5] = "counted";
	argv[6] = "-p";
	argv[7] = pidstr;
	argv[8] = "-o";
	argv[9] = "/dev/null";
	argv[10] = NULL;
	assert_int_equal(pipe2(errp, O_CLOEXEC), 0);
	cli = fork();
	assert_true(cli >= 0);
	if (cli == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(errp[1], 2);
		execv(snare_path, argv);
		_exit(127);
	}
	close(errp[1]);
	T.err_fd = errp[0];
	T.cli = cli;
	wd_pids[2] = cli;
	if (!wait_traced_by(T.pid, cli))
		fail_msg("setup: snare trace -p %d did not attach: threads %s",
			 (int)T.pid, describe_tasks(T.pid));
	if (!wait_int3(T.pid, T.counted))
		fail_msg("setup: snare trace --break counted put no int3 there");
	/* It runs, hitting the breakpoint, under snare trace. */
	ask_ok('w', line, sizeof(line), "setup: traced by snare trace");
	wd_phase = "snare trace, after SIGINT";
	assert_int_equal(kill(cli, SIGINT), 0);
	if (!wait_dead(cli, ANSWER_MS))
		fail_msg("snare trace did not exit within %d ms of SIGINT",
			 ANSWER_MS);
	assert_int_equal(waitpid(cli, &status, 0), cli);
	T.cli = 0;
	wd_pids[2] = 0;
	n = read(T.err_fd, err, sizeof(err) - 1);
	err[n > 0 ? n : 0] = 0;
	/* As strace -p: it dies of the SIGINT it was stopped with. */
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGINT)
		fail_msg("snare trace: status 0x%x, want death by SIGINT; "
			 "stderr: %s", status, err);
	/* Shown with the failures below, as the library's messages are. */
	snprintf(line, sizeof(line), "snare trace died of %d, stderr: '%.400s'",
		 WTERMSIG(status), err);
	for (i = 0; line[i]; i++)
		if (line[i] == '\n')
			line[i] = ' ';
	T.nlib = 0;
	lib_log(SNARE_LOG_INFO, line, NULL);
	check_detached();
	finish_plain(state);
}

/* ------------------------------------------------------------------ */
/* The matrix                                                         */
/* ------------------------------------------------------------------ */

/* Every case runs in its own child (the harness): SIGALRM is ours. */
static int
td_setup(void **state)
{
	struct sigaction sa;

	memset(&T, 0, sizeof(T));
	T.in_fd = T.out_fd = T.err_fd = T.terr_fd = -1;
	problems_reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	wd_arm(WATCHDOG_S);
	return snare_test_setup(state);
}

static int
td_teardown(void **state)
{
	struct snare_test_ctx *ctx = *state;
	int rc;

	/* A hang from here on is fatal at once. */
	wd_phase = "teardown";
	wd_stage = 1;
	alarm(WATCHDOG_S);
	wd_session = NULL;
	if (ctx && ctx->s) {
		snare_session_free(ctx->s);
		ctx->s = NULL;
	}
	cleanup();
	rc = snare_test_teardown(state);
	alarm(0);
	return rc;
}

#undef SNARE_TEST
#define SNARE_TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, td_setup, td_teardown)

static void
td_run(void **state, int st, int nworkers, int ending, const char *name)
{
	static struct td_case c;

	memset(&c, 0, sizeof(c));
	snprintf(c.name, sizeof(c.name), "%s", name);
	c.state = st;
	c.nworkers = nworkers;
	c.ending = ending;
	T.c = &c;
	wd_name = c.name;
	if (st < 0)
		test_cli_sigint(state);
	else
		test_matrix_case(state);
}

#define TD_CASE(st, ST, n, end, END)                                         \
	static void st##_##n##t_##end(void **state)                          \
	{                                                                    \
		td_run(state, ST, n, END, #st "_" #n "t_" #end);             \
	}
#define TD_ATTACHED(st, ST, n)                                               \
	TD_CASE(st, ST, n, detach, END_DETACH)                               \
	TD_CASE(st, ST, n, kill_attached, END_KILL_ATTACHED)                 \
	TD_CASE(st, ST, n, free_attached, END_FREE_ATTACHED)
#define TD_ALL(st, ST, n)                                                    \
	TD_ATTACHED(st, ST, n)                                               \
	TD_CASE(st, ST, n, kill_spawned, END_KILL_SPAWNED)                   \
	TD_CASE(st, ST, n, free_spawned, END_FREE_SPAWNED)
#define TD_STATE(st, ST) TD_ALL(st, ST, 1) TD_ALL(st, ST, 4)

TD_STATE(bp_stop, ST_BP_STOP)
TD_STATE(bp_running, ST_BP_RUNNING)
TD_STATE(hook_unused, ST_HOOK_UNUSED)
TD_STATE(hook_read, ST_HOOK_READ)
TD_STATE(hook_read_stop, ST_HOOK_READ_STOP)
TD_STATE(step, ST_STEP)
TD_STATE(next, ST_NEXT)
TD_STATE(group_stop, ST_GROUP_STOP)
TD_ATTACHED(stopped_before, ST_STOPPED_BEFORE, 1)
TD_ATTACHED(stopped_before, ST_STOPPED_BEFORE, 4)
TD_STATE(signal_pending, ST_SIGNAL_PENDING)
TD_STATE(zombie_leader, ST_ZOMBIE_LEADER)
TD_STATE(zombie_leader_bp, ST_ZOMBIE_LEADER_BP)
TD_STATE(sigkill, ST_SIGKILL)
TD_STATE(fork, ST_FORK)

static void
cli_sigint_1t(void **state)
{
	td_run(state, -1, 1, 0, "cli_sigint_1t");
}

static void
cli_sigint_4t(void **state)
{
	td_run(state, -1, 4, 0, "cli_sigint_4t");
}

int
main(void)
{
	/* One SNARE_TEST(name) per line: ctest registers each case. */
	const struct CMUnitTest tests[] = {
		SNARE_TEST(bp_stop_1t_detach),
		SNARE_TEST(bp_stop_1t_kill_spawned),
		SNARE_TEST(bp_stop_1t_kill_attached),
		SNARE_TEST(bp_stop_1t_free_spawned),
		SNARE_TEST(bp_stop_1t_free_attached),
		SNARE_TEST(bp_stop_4t_detach),
		SNARE_TEST(bp_stop_4t_kill_spawned),
		SNARE_TEST(bp_stop_4t_kill_attached),
		SNARE_TEST(bp_stop_4t_free_spawned),
		SNARE_TEST(bp_stop_4t_free_attached),
		SNARE_TEST(bp_running_1t_detach),
		SNARE_TEST(bp_running_1t_kill_spawned),
		SNARE_TEST(bp_running_1t_kill_attached),
		SNARE_TEST(bp_running_1t_free_spawned),
		SNARE_TEST(bp_running_1t_free_attached),
		SNARE_TEST(bp_running_4t_detach),
		SNARE_TEST(bp_running_4t_kill_spawned),
		SNARE_TEST(bp_running_4t_kill_attached),
		SNARE_TEST(bp_running_4t_free_spawned),
		SNARE_TEST(bp_running_4t_free_attached),
		SNARE_TEST(hook_unused_1t_detach),
		SNARE_TEST(hook_unused_1t_kill_spawned),
		SNARE_TEST(hook_unused_1t_kill_attached),
		SNARE_TEST(hook_unused_1t_free_spawned),
		SNARE_TEST(hook_unused_1t_free_attached),
		SNARE_TEST(hook_unused_4t_detach),
		SNARE_TEST(hook_unused_4t_kill_spawned),
		SNARE_TEST(hook_unused_4t_kill_attached),
		SNARE_TEST(hook_unused_4t_free_spawned),
		SNARE_TEST(hook_unused_4t_free_attached),
		SNARE_TEST(hook_read_1t_detach),
		SNARE_TEST(hook_read_1t_kill_spawned),
		SNARE_TEST(hook_read_1t_kill_attached),
		SNARE_TEST(hook_read_1t_free_spawned),
		SNARE_TEST(hook_read_1t_free_attached),
		SNARE_TEST(hook_read_4t_detach),
		SNARE_TEST(hook_read_4t_kill_spawned),
		SNARE_TEST(hook_read_4t_kill_attached),
		SNARE_TEST(hook_read_4t_free_spawned),
		SNARE_TEST(hook_read_4t_free_attached),
		SNARE_TEST(hook_read_stop_1t_detach),
		SNARE_TEST(hook_read_stop_1t_kill_spawned),
		SNARE_TEST(hook_read_stop_1t_kill_attached),
		SNARE_TEST(hook_read_stop_1t_free_spawned),
		SNARE_TEST(hook_read_stop_1t_free_attached),
		SNARE_TEST(hook_read_stop_4t_detach),
		SNARE_TEST(hook_read_stop_4t_kill_spawned),
		SNARE_TEST(hook_read_stop_4t_kill_attached),
		SNARE_TEST(hook_read_stop_4t_free_spawned),
		SNARE_TEST(hook_read_stop_4t_free_attached),
		SNARE_TEST(step_1t_detach),
		SNARE_TEST(step_1t_kill_spawned),
		SNARE_TEST(step_1t_kill_attached),
		SNARE_TEST(step_1t_free_spawned),
		SNARE_TEST(step_1t_free_attached),
		SNARE_TEST(step_4t_detach),
		SNARE_TEST(step_4t_kill_spawned),
		SNARE_TEST(step_4t_kill_attached),
		SNARE_TEST(step_4t_free_spawned),
		SNARE_TEST(step_4t_free_attached),
		SNARE_TEST(next_1t_detach),
		SNARE_TEST(next_1t_kill_spawned),
		SNARE_TEST(next_1t_kill_attached),
		SNARE_TEST(next_1t_free_spawned),
		SNARE_TEST(next_1t_free_attached),
		SNARE_TEST(next_4t_detach),
		SNARE_TEST(next_4t_kill_spawned),
		SNARE_TEST(next_4t_kill_attached),
		SNARE_TEST(next_4t_free_spawned),
		SNARE_TEST(next_4t_free_attached),
		SNARE_TEST(group_stop_1t_detach),
		SNARE_TEST(group_stop_1t_kill_spawned),
		SNARE_TEST(group_stop_1t_kill_attached),
		SNARE_TEST(group_stop_1t_free_spawned),
		SNARE_TEST(group_stop_1t_free_attached),
		SNARE_TEST(group_stop_4t_detach),
		SNARE_TEST(group_stop_4t_kill_spawned),
		SNARE_TEST(group_stop_4t_kill_attached),
		SNARE_TEST(group_stop_4t_free_spawned),
		SNARE_TEST(group_stop_4t_free_attached),
		SNARE_TEST(stopped_before_1t_detach),
		SNARE_TEST(stopped_before_1t_kill_attached),
		SNARE_TEST(stopped_before_1t_free_attached),
		SNARE_TEST(stopped_before_4t_detach),
		SNARE_TEST(stopped_before_4t_kill_attached),
		SNARE_TEST(stopped_before_4t_free_attached),
		SNARE_TEST(signal_pending_1t_detach),
		SNARE_TEST(signal_pending_1t_kill_spawned),
		SNARE_TEST(signal_pending_1t_kill_attached),
		SNARE_TEST(signal_pending_1t_free_spawned),
		SNARE_TEST(signal_pending_1t_free_attached),
		SNARE_TEST(signal_pending_4t_detach),
		SNARE_TEST(signal_pending_4t_kill_spawned),
		SNARE_TEST(signal_pending_4t_kill_attached),
		SNARE_TEST(signal_pending_4t_free_spawned),
		SNARE_TEST(signal_pending_4t_free_attached),
		SNARE_TEST(zombie_leader_1t_detach),
		SNARE_TEST(zombie_leader_1t_kill_spawned),
		SNARE_TEST(zombie_leader_1t_kill_attached),
		SNARE_TEST(zombie_leader_1t_free_spawned),
		SNARE_TEST(zombie_leader_1t_free_attached),
		SNARE_TEST(zombie_leader_4t_detach),
		SNARE_TEST(zombie_leader_4t_kill_spawned),
		SNARE_TEST(zombie_leader_4t_kill_attached),
		SNARE_TEST(zombie_leader_4t_free_spawned),
		SNARE_TEST(zombie_leader_4t_free_attached),
		SNARE_TEST(zombie_leader_bp_1t_detach),
		SNARE_TEST(zombie_leader_bp_1t_kill_spawned),
		SNARE_TEST(zombie_leader_bp_1t_kill_attached),
		SNARE_TEST(zombie_leader_bp_1t_free_spawned),
		SNARE_TEST(zombie_leader_bp_1t_free_attached),
		SNARE_TEST(zombie_leader_bp_4t_detach),
		SNARE_TEST(zombie_leader_bp_4t_kill_spawned),
		SNARE_TEST(zombie_leader_bp_4t_kill_attached),
		SNARE_TEST(zombie_leader_bp_4t_free_spawned),
		SNARE_TEST(zombie_leader_bp_4t_free_attached),
		SNARE_TEST(sigkill_1t_detach),
		SNARE_TEST(sigkill_1t_kill_spawned),
		SNARE_TEST(sigkill_1t_kill_attached),
		SNARE_TEST(sigkill_1t_free_spawned),
		SNARE_TEST(sigkill_1t_free_attached),
		SNARE_TEST(sigkill_4t_detach),
		SNARE_TEST(sigkill_4t_kill_spawned),
		SNARE_TEST(sigkill_4t_kill_attached),
		SNARE_TEST(sigkill_4t_free_spawned),
		SNARE_TEST(sigkill_4t_free_attached),
		SNARE_TEST(fork_1t_detach),
		SNARE_TEST(fork_1t_kill_spawned),
		SNARE_TEST(fork_1t_kill_attached),
		SNARE_TEST(fork_1t_free_spawned),
		SNARE_TEST(fork_1t_free_attached),
		SNARE_TEST(fork_4t_detach),
		SNARE_TEST(fork_4t_kill_spawned),
		SNARE_TEST(fork_4t_kill_attached),
		SNARE_TEST(fork_4t_free_spawned),
		SNARE_TEST(fork_4t_free_attached),
		SNARE_TEST(cli_sigint_1t),
		SNARE_TEST(cli_sigint_4t),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
