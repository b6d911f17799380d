/* SPDX-License-Identifier: MIT */
/*
 * raw.c: the physical limit. A minimal hand-written ptrace tracer doing the
 * least possible work per stop for each benchmark workload. No library, no
 * bookkeeping beyond a hit counter: what is left is the cost of the stop.
 *
 *   raw syscall -- PROG ARGS        PTRACE_SYSCALL round trips, nothing read
 *   raw seccomp-enter NR -- PROG..  filter NR -> SECCOMP_RET_TRACE, CONT
 *   raw seccomp-enter-info NR -- .. same + PTRACE_GET_SYSCALL_INFO per stop
 *                                   (what a hook needs to know nr and args)
 *   raw seccomp-enterexit NR -- ..  same, PTRACE_SYSCALL from the seccomp stop
 *                                   to get the exit stop, then CONT
 *   raw int3 -- PROG ARGS           int3 at BENCH_BP_ADDR; per hit: PEEKUSER
 *                                   rip, POKEUSER rip = addr + 4 (emulating the
 *                                   displaced 4-byte nop), CONT: one stop
 *   raw hw -- PROG ARGS             DR0 execute breakpoint at BENCH_BP_ADDR;
 *                                   per hit CONT only (the kernel sets RF)
 *   raw mem ITERS                   read 8 B (pread /proc/PID/mem), 4 KiB and
 *                                   1 MiB (process_vm_readv) from a stopped child
 *   raw spawn ITERS -- PROG ARGS    fork+exec to a stop at AT_ENTRY (int3)
 *   raw pipe ITERS                  pipe ping-pong between two processes (the
 *                                   scheduler floor of one stop round trip)
 *
 * Threads and children are followed (PTRACE_O_TRACECLONE, TRACEFORK,
 * TRACEVFORK), so `raw syscall` is also the floor of `strace -f` on a real
 * workload: the same 2 stops per syscall with nothing decoded or printed. The number of stops handled is
 * printed on stderr as "# hits N". Tracer-timed results are printed as
 * "@ <label> <ns> <events>" like the tracees do.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

enum mode { M_SYSCALL, M_SECCOMP_ENTER, M_SECCOMP_ENTER_INFO, M_SECCOMP_ENTEREXIT, M_INT3, M_HW };

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static void
install_filter(int nr)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp");
}

/* fork a child that stops itself, optionally filters, then execs argv. */
static pid_t
start(char **argv, int filter_nr)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0))
			die("PTRACE_TRACEME");
		raise(SIGSTOP);
		if (filter_nr >= 0)
			install_filter(filter_nr);
		execvp(argv[0], argv);
		die(argv[0]);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		die("waitpid (initial stop)");
	return pid;
}

static int
trace(enum mode m, int nr, char **argv)
{
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL |
		    PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
		    PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC;
	pid_t leader;
	unsigned long long hits = 0;
	int status = 0, st, exec_seen = 0;
	int resume = m == M_SYSCALL ? PTRACE_SYSCALL : PTRACE_CONT;

	if (m == M_SECCOMP_ENTER || m == M_SECCOMP_ENTER_INFO || m == M_SECCOMP_ENTEREXIT)
		opts |= PTRACE_O_TRACESECCOMP;
	leader = start(argv, m == M_SECCOMP_ENTER || m == M_SECCOMP_ENTER_INFO || m == M_SECCOMP_ENTEREXIT ? nr : -1);
	if (ptrace(PTRACE_SETOPTIONS, leader, 0, opts))
		die("PTRACE_SETOPTIONS");
	if (ptrace(resume, leader, 0, 0))
		die("resume");
	for (;;) {
		pid_t pid = waitpid(-1, &st, __WALL);
		int sig = 0, req = resume;

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: everything exited */
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (pid == leader)
				status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			continue;
		}
		int ws = WSTOPSIG(st), ev = st >> 16;
		if (ev == PTRACE_EVENT_SECCOMP) {
			hits++;
			if (m == M_SECCOMP_ENTER_INFO) {
				struct __ptrace_syscall_info si;
				if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof si, &si) <= 0)
					die("PTRACE_GET_SYSCALL_INFO");
			}
			if (m == M_SECCOMP_ENTEREXIT)
				req = PTRACE_SYSCALL;
		} else if (ev == PTRACE_EVENT_EXEC && !exec_seen) {
			exec_seen = 1;
			if (m == M_INT3) {
				/* One aligned word: patch its first byte with int3. */
				errno = 0;
				long w = ptrace(PTRACE_PEEKTEXT, pid, BENCH_BP_ADDR, 0);
				if (errno)
					die("PEEKTEXT");
				w = (w & ~0xffL) | 0xcc;
				if (ptrace(PTRACE_POKETEXT, pid, BENCH_BP_ADDR, w))
					die("POKETEXT");
			} else if (m == M_HW) {
				if (ptrace(PTRACE_POKEUSER, pid,
					   offsetof(struct user, u_debugreg[0]), BENCH_BP_ADDR) ||
				    ptrace(PTRACE_POKEUSER, pid,
					   offsetof(struct user, u_debugreg[7]), 1L))
					die("POKEUSER DR");
			}
		} else if (ev) {
			/* clone/exec events: just resume */
		} else if (ws == (SIGTRAP | 0x80)) {
			hits++;
			if (m == M_SECCOMP_ENTEREXIT)
				req = PTRACE_CONT; /* the exit stop */
		} else if (ws == SIGTRAP && m == M_INT3) {
			long rip = ptrace(PTRACE_PEEKUSER, pid,
					  offsetof(struct user_regs_struct, rip), 0);
			if ((unsigned long)rip == BENCH_BP_ADDR + 1) {
				hits++;
				if (ptrace(PTRACE_POKEUSER, pid,
					   offsetof(struct user_regs_struct, rip),
					   BENCH_BP_ADDR + BENCH_BP_FIRST_INSN_LEN))
					die("POKEUSER rip");
			} else {
				sig = SIGTRAP;
			}
		} else if (ws == SIGTRAP && m == M_HW) {
			hits++;
		} else if (ws == SIGSTOP) {
			/* a new thread's initial stop */
		} else {
			sig = ws;
		}
		ptrace(req, pid, 0, sig);
	}
	fprintf(stderr, "# hits %llu\n", hits);
	return status;
}

static uint64_t
auxv_entry(pid_t pid)
{
	char path[64];
	Elf64_auxv_t a[64];

	snprintf(path, sizeof path, "/proc/%d/auxv", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open auxv");
	ssize_t n = read(fd, a, sizeof a);
	close(fd);
	for (ssize_t i = 0; i < n / (ssize_t)sizeof a[0]; i++)
		if (a[i].a_type == AT_ENTRY)
			return a[i].a_un.a_val;
	die("no AT_ENTRY");
	return 0;
}

/* fork+exec to a stop at the program's entry point, tracer-timed. */
static int
spawn_bench(long iters, char **argv)
{
	uint64_t total = 0;

	for (long i = 0; i < iters; i++) {
		uint64_t t0 = bench_now_ns();
		pid_t pid = fork();
		int st;

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			ptrace(PTRACE_TRACEME, 0, 0, 0);
			execv(argv[0], argv);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
			die("exec stop");
		ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_EXITKILL);
		uint64_t entry = auxv_entry(pid);
		char mp[64];
		unsigned char orig, cc = 0xcc;
		snprintf(mp, sizeof mp, "/proc/%d/mem", pid);
		int fd = open(mp, O_RDWR | O_CLOEXEC);
		if (fd < 0 || pread(fd, &orig, 1, (off_t)entry) != 1 ||
		    pwrite(fd, &cc, 1, (off_t)entry) != 1)
			die("/proc/PID/mem");
		ptrace(PTRACE_CONT, pid, 0, 0);
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
		    WSTOPSIG(st) != SIGTRAP)
			die("entry stop");
		if (pwrite(fd, &orig, 1, (off_t)entry) != 1 ||
		    ptrace(PTRACE_POKEUSER, pid,
			   offsetof(struct user_regs_struct, rip), entry))
			die("restore");
		uint64_t t1 = bench_now_ns();
		total += t1 - t0;
		close(fd);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	printf("@ spawn %llu %ld\n", (unsigned long long)total, iters);
	return 0;
}

static int
mem_bench(long iters)
{
	size_t big = 1 << 20;
	char *buf = malloc(big), *dst = malloc(big);
	pid_t pid;
	int st;

	if (!buf || !dst)
		die("malloc");
	memset(buf, 0x5a, big);
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	char mp[64];
	snprintf(mp, sizeof mp, "/proc/%d/mem", pid);
	int fd = open(mp, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("open mem");
	static const struct { const char *label; size_t len; int vm; } k[] = {
		{ "mem8", 8, 0 }, { "mem4k", 4096, 1 }, { "mem1m", 1 << 20, 1 },
	};
	for (size_t j = 0; j < sizeof k / sizeof k[0]; j++) {
		long n = k[j].len >= big ? iters / 50 + 1 : iters;
		uint64_t t0 = bench_now_ns();
		for (long i = 0; i < n; i++) {
			if (k[j].vm) {
				struct iovec l = { dst, k[j].len }, r = { buf, k[j].len };
				if (process_vm_readv(pid, &l, 1, &r, 1, 0) != (ssize_t)k[j].len)
					die("process_vm_readv");
			} else if (pread(fd, dst, k[j].len, (off_t)(uintptr_t)buf) !=
				   (ssize_t)k[j].len) {
				die("pread");
			}
		}
		uint64_t t1 = bench_now_ns();
		printf("@ %s %llu %ld\n", k[j].label, (unsigned long long)(t1 - t0), n);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return 0;
}

static int
pipe_bench(long iters)
{
	int a[2], b[2];
	char c = 0;
	int st;

	if (pipe(a) || pipe(b))
		die("pipe");
	pid_t pid = fork();
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		for (;;) {
			if (read(a[0], &c, 1) != 1)
				_exit(0);
			if (write(b[1], &c, 1) != 1)
				_exit(1);
		}
	}
	close(a[0]);
	close(b[1]);
	uint64_t t0 = bench_now_ns();
	for (long i = 0; i < iters; i++)
		if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
			die("ping-pong");
	uint64_t t1 = bench_now_ns();
	close(a[1]);
	waitpid(pid, &st, 0);
	printf("@ pipe %llu %ld\n", (unsigned long long)(t1 - t0), iters);
	return 0;
}

static char **
after_dashes(int argc, char **argv, int from)
{
	for (int i = from; i < argc; i++)
		if (!strcmp(argv[i], "--") && i + 1 < argc)
			return argv + i + 1;
	fprintf(stderr, "raw: missing -- PROG\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: see raw.c\n");
		return 2;
	}
	const char *m = argv[1];
	if (!strcmp(m, "syscall"))
		return trace(M_SYSCALL, -1, after_dashes(argc, argv, 2));
	if (!strcmp(m, "int3"))
		return trace(M_INT3, -1, after_dashes(argc, argv, 2));
	if (!strcmp(m, "hw"))
		return trace(M_HW, -1, after_dashes(argc, argv, 2));
	if (!strcmp(m, "seccomp-enter") && argc > 2)
		return trace(M_SECCOMP_ENTER, atoi(argv[2]), after_dashes(argc, argv, 3));
	if (!strcmp(m, "seccomp-enter-info") && argc > 2)
		return trace(M_SECCOMP_ENTER_INFO, atoi(argv[2]), after_dashes(argc, argv, 3));
	if (!strcmp(m, "seccomp-enterexit") && argc > 2)
		return trace(M_SECCOMP_ENTEREXIT, atoi(argv[2]), after_dashes(argc, argv, 3));
	if (!strcmp(m, "mem") && argc > 2)
		return mem_bench(atol(argv[2]));
	if (!strcmp(m, "spawn") && argc > 2)
		return spawn_bench(atol(argv[2]), after_dashes(argc, argv, 3));
	if (!strcmp(m, "pipe") && argc > 2)
		return pipe_bench(atol(argv[2]));
	fprintf(stderr, "raw: unknown mode %s\n", m);
	return 2;
}
