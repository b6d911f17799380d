/* SPDX-License-Identifier: MIT */
/*
 * bp_work: C-level workloads for the breakpoint tests. At startup it prints,
 * in one write, lines "addrs name=0x... name=0x..." with the addresses of
 * its marker functions and of a data global and a line "ready", then waits
 * for a line on stdin ("go") before the work of argv[1]:
 *
 *   count T N   T threads each call counted() N times; prints "total X".
 *   args        two helper threads block on a pipe, main calls
 *               marker_args(11, 22); prints "args 33".
 *   int3 N      installs a SIGTRAP handler, executes its own int3 N times
 *               and calls counted() N times; prints "traps N rip_ok N
 *               total X".
 *   loop N      calls loop_a(), loop_b(), loop_c() N times each; prints
 *               "loop X".
 *   fork N M    calls counted() N times, forks a child that calls it M
 *               times and exits 0 if its sum is right (3 otherwise), waits
 *               for it; prints "parent X child exited C signal S".
 *   exec N      calls counted() N times, prints "before X", then execs
 *               itself as "count 1 N nowait".
 *
 * After the work it prints the result line and waits for another line on
 * stdin ("end") before exiting 0, so a test can look at the process after
 * the work. With "nowait" after the arguments it does not wait at all.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

long data_global = 42;

__attribute__((noinline)) long
counted(long a, long b)
{
	__asm__ volatile("" ::: "memory");
	return a * 3 + b;
}

__attribute__((noinline)) long
marker_args(long a, long b)
{
	__asm__ volatile("" ::: "memory");
	return a + b;
}

__attribute__((noinline)) long
loop_a(long i)
{
	__asm__ volatile("" ::: "memory");
	return i + 1;
}

__attribute__((noinline)) long
loop_b(long i)
{
	__asm__ volatile("" ::: "memory");
	return i * 2;
}

__attribute__((noinline)) long
loop_c(long i)
{
	__asm__ volatile("" ::: "memory");
	return i ^ 5;
}

/* The program's own breakpoint, with a label after it. */
__attribute__((noinline)) void
own_int3(void)
{
	__asm__ volatile("int3\n\t"
			 ".globl own_int3_after\n"
			 "own_int3_after:\n\t"
			 "nop" ::: "memory");
}
extern char own_int3_after[];

static int wait_lines = 1;

static void
wait_line(void)
{
	char line[64];

	if (wait_lines && !fgets(line, sizeof(line), stdin))
		exit(2);
}

struct count_arg {
	long id, n, sum;
};

static void *
count_main(void *arg)
{
	struct count_arg *c = arg;
	long i;

	c->sum = 0;
	for (i = 0; i < c->n; i++)
		c->sum += counted(c->id, i);
	return NULL;
}

static long
count_work(long nthreads, long n)
{
	struct count_arg args[16];
	pthread_t th[16];
	long i, total = 0;

	if (nthreads > 16)
		nthreads = 16;
	for (i = 0; i < nthreads; i++) {
		args[i].id = i;
		args[i].n = n;
		if (pthread_create(&th[i], NULL, count_main, &args[i]) != 0)
			exit(4);
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(th[i], NULL);
		total += args[i].sum;
	}
	return total;
}

static int block_pipe[2];

static void *
blocked_main(void *arg)
{
	char c;

	(void)arg;
	if (read(block_pipe[0], &c, 1) != 1)
		exit(5);
	return NULL;
}

static volatile sig_atomic_t traps, rip_ok;

static void
on_sigtrap(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	(void)sig;
	(void)si;
	traps++;
	/* int3 is a trap: the saved pc is after the instruction. */
	if ((unsigned long)uc->uc_mcontext.gregs[REG_RIP] ==
	    (unsigned long)own_int3_after)
		rip_ok++;
}

static long
sum_calls(long id, long n)
{
	long i, sum = 0;

	for (i = 0; i < n; i++)
		sum += counted(id, i);
	return sum;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "count";
	long a1 = argc > 2 ? atol(argv[2]) : 1;
	long a2 = argc > 3 ? atol(argv[3]) : 1;
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "nowait") == 0)
			wait_lines = 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	/* One write: the test reads line one, the rest waits in the pipe. */
	printf("addrs counted=%p marker_args=%p loop_a=%p loop_b=%p\n"
	       "addrs loop_c=%p own_int3=%p data_global=%p\nready\n",
	       (void *)counted, (void *)marker_args, (void *)loop_a,
	       (void *)loop_b, (void *)loop_c, (void *)own_int3,
	       (void *)&data_global);
	wait_line();
	if (strcmp(mode, "count") == 0) {
		printf("total %ld\n", count_work(a1, a2));
	} else if (strcmp(mode, "args") == 0) {
		pthread_t th[2];
		long r;

		if (pipe(block_pipe) != 0)
			return 3;
		for (i = 0; i < 2; i++)
			if (pthread_create(&th[i], NULL, blocked_main, NULL))
				return 4;
		r = marker_args(11, 22);
		if (write(block_pipe[1], "xx", 2) != 2)
			return 5;
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		printf("args %ld\n", r);
	} else if (strcmp(mode, "int3") == 0) {
		struct sigaction sa;
		long total = 0, k;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_sigtrap;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGTRAP, &sa, NULL);
		for (k = 0; k < a1; k++) {
			own_int3();
			total += counted(1, k);
		}
		printf("traps %d rip_ok %d total %ld\n", (int)traps,
		       (int)rip_ok, total);
	} else if (strcmp(mode, "loop") == 0) {
		long x = 0, k;

		for (k = 0; k < a1; k++)
			x += loop_a(k) + loop_b(k) + loop_c(k);
		printf("loop %ld\n", x);
	} else if (strcmp(mode, "fork") == 0) {
		long mine = sum_calls(0, a1);
		int status = 0;
		pid_t pid = fork();

		if (pid < 0)
			return 6;
		if (pid == 0) {
			long want = 0, k;

			for (k = 0; k < a2; k++)
				want += 2 * 3 + k;
			_exit(sum_calls(2, a2) == want ? 0 : 3);
		}
		if (waitpid(pid, &status, 0) != pid)
			return 7;
		printf("parent %ld child exited %d signal %d\n", mine,
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	} else if (strcmp(mode, "exec") == 0) {
		char n[32];

		printf("before %ld\n", sum_calls(0, a1));
		snprintf(n, sizeof(n), "%ld", a1);
		execl("/proc/self/exe", argv[0], "count", "1", n, "nowait",
		      (char *)NULL);
		return 8;
	} else {
		return 9;
	}
	wait_line();
	return 0;
}
