/* SPDX-License-Identifier: MIT */
/*
 * td_counted: the tracee of the teardown tests (test_teardown.c). argv[1]
 * worker threads each call the noinline function counted() in a tight loop,
 * which bumps the thread's own counter (through a second noinline
 * function, so that counted() contains a call for "next" to step over).
 * Options after the count:
 *
 *   blockers  two more threads: one blocked in read(2) on a pipe of its
 *             own, one in a raw FUTEX_WAIT; each counts its wake-ups and
 *             the calls that failed (EINTR or anything else), which an
 *             untraced run never sees.
 *   zombie    the main thread pthread_exit()s once the others run, so the
 *             leader is a zombie (the reporter waits for /proc to say so).
 *   fork      on command "F", fork a child that calls counted() in a loop
 *             on a counter in shared memory (it dies with its parent:
 *             PR_SET_PDEATHSIG).
 *
 * A reporter thread (the main thread, or a thread of its own with zombie)
 * prints one line when everything runs:
 *
 *   ready pid=P counted=0xADDR n=N tids=T1,T2,... reporter=R child=0
 *
 * then answers commands read from stdin, one per line, "CMD SEQ":
 *
 *   p SEQ   "p SEQ - STATS" at once;
 *   w SEQ   pokes the blocked threads (a byte into the reader's pipe, a
 *           futex wake), then waits (at most 5 s, its own clock) until
 *           every worker, blocked thread and the fork child has made
 *           progress: "w SEQ ok STATS", or "w SEQ stuck=w0,reader,... STATS";
 *   F SEQ   fork the child (with fork): "F SEQ child=PID STATS".
 *
 * STATS is "c=C1,C2,... usr1=A usr2=B rd=R rderr=E fw=F fwerr=G cc=K":
 * per-worker counts, SIGUSR1 and SIGUSR2 received (handlers count them,
 * SA_RESTART), reader and futex wake-ups and errors, the child's count. At
 * EOF on stdin it exits 0. A stray SIGSTOP stops it; a stray SIGTRAP (or a
 * SIGSEGV, SIGILL, SIGBUS, SIGFPE) kills it as untraced, after one line on
 * stderr that says where ("td_counted: SIGTRAP code 128 in thread T at
 * pc=0x... addr=0x... counted=0x..."; after a breakpoint's int3, pc is
 * counted+1): the handler resets itself and raises the signal again, so
 * the exit status is the signal's. It asks for
 * SIGKILL when the test process goes away (PR_SET_PDEATHSIG), so that a
 * test that dies cannot leave it spinning.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define MAXW 16

struct slot {
	volatile long count;
	atomic_int tid;
} __attribute__((aligned(64)));

static struct slot workers[MAXW];
static int nworkers;
static int opt_blockers, opt_zombie, opt_fork;
static atomic_int started;
static atomic_int usr1, usr2;
static atomic_long rd, rderr, fw, fwerr;
static atomic_int fword;
static int reader_pipe[2];
static struct slot *shared; /* the fork child's counter (MAP_SHARED) */
static pid_t child_pid, leader_pid;

__attribute__((noinline)) long
bump(volatile long *c)
{
	__asm__ volatile("" ::: "memory");
	return ++*c;
}

/*
 * The breakpoint target. Its first instruction is a plain register move
 * (run out of line by a breakpoint there, in the scratch page; a call or a
 * jump would be emulated), and it contains a call, for "next" to step over.
 */
__attribute__((noinline)) long
counted(volatile long *c)
{
	long r;

	__asm__ volatile("mov %%rdi, %%rax" ::: "rax", "memory");
	r = bump(c);
	__asm__ volatile("" ::: "memory");
	return r + 1;
}

static pid_t
gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void
on_usr(int sig)
{
	if (sig == SIGUSR1)
		atomic_fetch_add(&usr1, 1);
	else
		atomic_fetch_add(&usr2, 1);
}

/* Async-signal-safe formatting for on_fatal(). */
static size_t
put_str(char *buf, size_t len, size_t cap, const char *str)
{
	while (*str && len < cap)
		buf[len++] = *str++;
	return len;
}

static size_t
put_num(char *buf, size_t len, size_t cap, unsigned long v, int base)
{
	char tmp[24];
	int n = 0;

	if (base == 16)
		len = put_str(buf, len, cap, "0x");
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v && n < 24);
	while (n > 0 && len < cap)
		buf[len++] = tmp[--n];
	return len;
}

/* A fatal signal: say where, then die of it as untraced (see above). */
static void
on_fatal(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	const char *name = sig == SIGTRAP ? "SIGTRAP" : sig == SIGSEGV ? "SIGSEGV"
			   : sig == SIGILL ? "SIGILL" : sig == SIGBUS ? "SIGBUS"
			   : "SIGFPE";
	char buf[256];
	size_t len = 0, cap = sizeof(buf) - 1;
	ssize_t n;

	len = put_str(buf, len, cap, "td_counted: ");
	len = put_str(buf, len, cap, name);
	len = put_str(buf, len, cap, " code ");
	len = put_num(buf, len, cap, (unsigned long)(long)si->si_code, 10);
	len = put_str(buf, len, cap, " in thread ");
	len = put_num(buf, len, cap, (unsigned long)gettid_(), 10);
	len = put_str(buf, len, cap, " at pc=");
	len = put_num(buf, len, cap,
		      (unsigned long)uc->uc_mcontext.gregs[REG_RIP], 16);
	len = put_str(buf, len, cap, " addr=");
	len = put_num(buf, len, cap, (unsigned long)si->si_addr, 16);
	len = put_str(buf, len, cap, " counted=");
	len = put_num(buf, len, cap, (unsigned long)counted, 16);
	buf[len++] = '\n';
	n = write(2, buf, len);
	(void)n;
	/* SA_RESETHAND and SA_NODEFER: this one is delivered at once. */
	raise(sig);
}

static void *
worker_main(void *arg)
{
	struct slot *w = &workers[(long)arg];

	atomic_store(&w->tid, gettid_());
	atomic_fetch_add(&started, 1);
	for (;;)
		counted(&w->count);
	return NULL;
}

static void *
reader_main(void *arg)
{
	char c;
	ssize_t n;

	(void)arg;
	atomic_fetch_add(&started, 1);
	for (;;) {
		n = read(reader_pipe[0], &c, 1);
		if (n == 1)
			atomic_fetch_add(&rd, 1);
		else
			atomic_fetch_add(&rderr, 1);
	}
	return NULL;
}

static void *
futex_main(void *arg)
{
	long r;

	(void)arg;
	atomic_fetch_add(&started, 1);
	for (;;) {
		while (atomic_load(&fword) == 0) {
			r = syscall(SYS_futex, &fword, FUTEX_WAIT_PRIVATE, 0,
				    NULL, NULL, 0);
			/* EAGAIN: the word changed first; 0: woken (or a
			   spurious wake-up, which the loop absorbs). */
			if (r < 0 && errno != EAGAIN)
				atomic_fetch_add(&fwerr, 1);
		}
		atomic_store(&fword, 0);
		atomic_fetch_add(&fw, 1);
	}
	return NULL;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
pause_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void
print_stats(FILE *f)
{
	int i;

	fprintf(f, "c=");
	for (i = 0; i < nworkers; i++)
		fprintf(f, "%s%ld", i ? "," : "", workers[i].count);
	fprintf(f, " usr1=%d usr2=%d rd=%ld rderr=%ld fw=%ld fwerr=%ld cc=%ld\n",
		atomic_load(&usr1), atomic_load(&usr2), atomic_load(&rd),
		atomic_load(&rderr), atomic_load(&fw), atomic_load(&fwerr),
		shared ? shared->count : 0L);
}

/* "w": every thread that should run has run, within 5 s. */
static void
wait_progress(long seq)
{
	long snap[MAXW], snap_rd = atomic_load(&rd), snap_fw = atomic_load(&fw);
	long snap_cc = shared ? shared->count : 0, deadline = now_ms() + 5000;
	char stuck[256];
	int i, all;

	for (i = 0; i < nworkers; i++)
		snap[i] = workers[i].count;
	if (opt_blockers) {
		if (write(reader_pipe[1], "x", 1) != 1)
			atomic_fetch_add(&rderr, 1);
		atomic_store(&fword, 1);
		syscall(SYS_futex, &fword, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	}
	for (;;) {
		size_t len = 0;

		all = 1;
		stuck[0] = 0;
#define STUCK(...)                                                            \
	do {                                                                  \
		all = 0;                                                      \
		if (len < sizeof(stuck))                                      \
			len += snprintf(stuck + len, sizeof(stuck) - len,     \
					__VA_ARGS__);                         \
	} while (0)
		for (i = 0; i < nworkers; i++)
			if (workers[i].count == snap[i])
				STUCK("%sw%d", len ? "," : "", i);
		if (opt_blockers && atomic_load(&rd) == snap_rd)
			STUCK("%sreader", len ? "," : "");
		if (opt_blockers && atomic_load(&fw) == snap_fw)
			STUCK("%sfutex", len ? "," : "");
		if (child_pid && shared->count == snap_cc)
			STUCK("%schild", len ? "," : "");
#undef STUCK
		if (all || now_ms() > deadline)
			break;
		pause_ms(1);
	}
	if (all)
		printf("w %ld ok ", seq);
	else
		printf("w %ld stuck=%s ", seq, stuck);
	print_stats(stdout);
}

static void
fork_child(long seq)
{
	pid_t parent = getpid();
	pid_t pid;

	if (!shared || child_pid) {
		printf("F %ld child=-1 ", seq);
		print_stats(stdout);
		return;
	}
	pid = fork();
	if (pid == 0) {
		int null;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		for (;;)
			counted(&shared->count);
	}
	child_pid = pid;
	printf("F %ld child=%d ", seq, (int)pid);
	print_stats(stdout);
}

/* Wait (at most 5 s) until the leader is a zombie, for "zombie". */
static void
wait_leader_zombie(void)
{
	char path[64], buf[512], *st;
	long deadline = now_ms() + 5000;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)leader_pid);
	while (now_ms() < deadline) {
		f = fopen(path, "re");
		if (f) {
			size_t n = fread(buf, 1, sizeof(buf) - 1, f);

			fclose(f);
			buf[n] = 0;
			st = strrchr(buf, ')');
			if (st && st[1] == ' ' && st[2] == 'Z')
				return;
		}
		pause_ms(1);
	}
	fprintf(stderr, "td_counted: the leader never became a zombie\n");
	exit(4);
}

static void *
reporter_main(void *arg)
{
	char line[128], cmd;
	long seq;
	int i, total = nworkers + 2 * opt_blockers;

	(void)arg;
	while (atomic_load(&started) < total)
		pause_ms(1);
	if (opt_zombie)
		wait_leader_zombie();
	printf("ready pid=%d counted=%p n=%d tids=", (int)getpid(),
	       (void *)counted, nworkers);
	for (i = 0; i < nworkers; i++)
		printf("%s%d", i ? "," : "", atomic_load(&workers[i].tid));
	printf(" reporter=%d child=0\n", (int)gettid_());
	while (fgets(line, sizeof(line), stdin)) {
		if (sscanf(line, "%c %ld", &cmd, &seq) != 2)
			continue;
		if (cmd == 'p') {
			printf("p %ld - ", seq);
			print_stats(stdout);
		} else if (cmd == 'w') {
			wait_progress(seq);
		} else if (cmd == 'F') {
			fork_child(seq);
		}
	}
	exit(0);
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	pthread_t th;
	long i;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	leader_pid = getpid();
	nworkers = argc > 1 ? atoi(argv[1]) : 4;
	if (nworkers < 1 || nworkers > MAXW)
		return 2;
	for (i = 2; i < argc; i++) {
		opt_blockers |= !strcmp(argv[i], "blockers");
		opt_zombie |= !strcmp(argv[i], "zombie");
		opt_fork |= !strcmp(argv[i], "fork");
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = NULL;
	sa.sa_sigaction = on_fatal;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < 5; i++)
		sigaction((int[]){ SIGTRAP, SIGSEGV, SIGILL, SIGBUS, SIGFPE }[i],
			  &sa, NULL);
	if (opt_fork) {
		shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (shared == MAP_FAILED)
			return 3;
	}
	if (opt_blockers && pipe(reader_pipe) != 0)
		return 3;
	for (i = 0; i < nworkers; i++)
		if (pthread_create(&th, NULL, worker_main, (void *)i))
			return 3;
	if (opt_blockers && (pthread_create(&th, NULL, reader_main, NULL) ||
			     pthread_create(&th, NULL, futex_main, NULL)))
		return 3;
	if (opt_zombie) {
		if (pthread_create(&th, NULL, reporter_main, NULL))
			return 3;
		pthread_exit(NULL);
	}
	reporter_main(NULL);
	return 0;
}
