/* SPDX-License-Identifier: MIT */
/*
 * retbp_calls: functions whose returns are watched (test_retbp.c, and the
 * --break tests of tests/cli/ltrace.py). Each mode prints what it did, so
 * a test can compare the tracer's view with the program's own:
 *
 *   recurse N   sum_to(N), a recursion whose inner levels return to one
 *               address: "sum_to(N) = S"
 *   threads N   two threads call work(K, i) N times each (K = 1, 2),
 *               meeting at a barrier inside it, so both are in work() at
 *               once and return to one address: "work K: total T"
 *   longjmp N   N times, thrower(i) longjmps out of a deeper call (it never
 *               returns), then returner(i) is called from the same place
 *               (one call through a pointer in call_it()) and the same
 *               stack slot: "longjmp N returner R"
 *   exit C      leave(C) calls exit(C): a function that never returns
 *   exec PATH   exec_it(PATH) execs PATH ("/bin/true"): never returns
 *   fork        forker() forks; the child returns from it too and prints
 *               "child back", the parent "parent back N" (its child's
 *               exit status)
 *   strings N   dup_upper("snare") N times: returns a char * ("SNARE"),
 *               and nothing(N) (void), half(N) (a double),
 *               negate(N) (a negative int), old_style() (an unprototyped
 *               C function): "strings N"
 *   dlopen N    loads libm.so.6 with dlopen() and calls its cbrt() N
 *               times through dlsym(): "cbrt N = C" (C: the sum, rounded)
 *   tailcall N  N times tail_outer(i), which jumps to tail_inner(i + 1)
 *               (a tail call: one return for both), called directly, then
 *               through a pointer (call_it): "tailcall N = R"
 *   malloc N    malloc(100 + i) N times, printing "malloc(S) = P" for
 *               each as the program sees it (stdout has a static buffer,
 *               so printf allocates nothing), then frees them
 *   kill        kill(getpid(), 0), an assembler syscall stub: "pid P"
 *   tracer C    prints "TracerPid T" (from /proc/self/status) and exits
 *               with status C: the program after a -b execve detach
 *   wait M N    reads a line on stdin first (to attach), then mode M
 *
 * Functions are noinline, with their arguments as declared, for the DWARF
 * parameter and return types.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static jmp_buf jb;
static pthread_barrier_t bar;
static volatile int sink;

__attribute__((noinline)) long
sum_to(long n)
{
	if (n <= 0)
		return 0;
	return n + sum_to(n - 1);
}

__attribute__((noinline)) long
work(int k, int i)
{
	pthread_barrier_wait(&bar);
	return (long)k * 100000 + i;
}

static void *
worker(void *arg)
{
	int k = (int)(long)arg, i;
	long total = 0;

	for (i = 0; i < (int)(long)sink; i++)
		total += work(k, i);
	printf("work %d: total %ld\n", k, total);
	return NULL;
}

__attribute__((noinline)) static void
deeper(int i)
{
	if (i >= 0)
		longjmp(jb, 1);
	sink = i;
}

__attribute__((noinline)) int
thrower(int i)
{
	deeper(i);
	return i + 1000;
}

__attribute__((noinline)) int
returner(int i)
{
	sink = i;
	return i * 3;
}

__attribute__((noinline)) int
tail_inner(int x)
{
	sink = x;
	return x * 2;
}

/* int tail_outer(int x): tail_inner(x + 1), by a jump whatever the
   compiler's optimisation level. */
int tail_outer(int x);
__asm__(".text\n"
	".globl tail_outer\n"
	".type tail_outer, @function\n"
	"tail_outer:\n"
	"\taddl $1, %edi\n"
	"\tjmp tail_inner\n"
	".size tail_outer, .-tail_outer\n");

/* One call site for both, at one depth; not a tail call. */
__attribute__((noinline)) int
call_it(int (*fn)(int), int i)
{
	int r = fn(i);

	sink = r;
	return r;
}

__attribute__((noinline)) void
leave(int code)
{
	fflush(stdout);
	exit(code);
}

__attribute__((noinline)) int
exec_it(const char *path)
{
	fflush(stdout);
	execl(path, path, (char *)NULL);
	return -1;
}

__attribute__((noinline)) pid_t
forker(void)
{
	fflush(stdout);
	return fork();
}

__attribute__((noinline)) char *
dup_upper(const char *s)
{
	char *d = strdup(s);
	size_t i;

	for (i = 0; d && d[i]; i++)
		d[i] = (char)toupper((unsigned char)d[i]);
	return d;
}

__attribute__((noinline)) void
nothing(int n)
{
	sink = n;
}

__attribute__((noinline)) double
half(int n)
{
	return n / 2.0;
}

__attribute__((noinline)) int
negate(int n)
{
	return -n;
}

/* Defined without a prototype: its DWARF says nothing of parameters. */
__attribute__((noinline)) int
old_style()
{
	/* Not a constant: a compiler would use it without the call. */
	return sink * 0 + 42;
}

static char outbuf[4096];

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "recurse";
	long n = argc > 2 ? atol(argv[2]) : 5;
	pthread_t t1, t2;
	int i;

	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));
	if (!strcmp(mode, "wait")) {
		char line[16];

		if (!fgets(line, sizeof(line), stdin))
			return 2;
		mode = argc > 2 ? argv[2] : "recurse";
		n = argc > 3 ? atol(argv[3]) : 5;
	}
	if (!strcmp(mode, "recurse")) {
		printf("sum_to(%ld) = %ld\n", n, sum_to(n));
	} else if (!strcmp(mode, "threads")) {
		sink = (int)n;
		pthread_barrier_init(&bar, NULL, 2);
		if (pthread_create(&t1, NULL, worker, (void *)1L) ||
		    pthread_create(&t2, NULL, worker, (void *)2L))
			return 3;
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
	} else if (!strcmp(mode, "longjmp")) {
		volatile int thrown = 0;
		int r = 0;

		for (i = 0; i < n; i++) {
			if (!setjmp(jb))
				call_it(thrower, i);
			else
				thrown++;
			r += call_it(returner, i);
		}
		printf("longjmp %d returner %d\n", thrown, r);
	} else if (!strcmp(mode, "exit")) {
		leave((int)n);
	} else if (!strcmp(mode, "exec")) {
		return exec_it(argc > 2 ? argv[2] : "/bin/true");
	} else if (!strcmp(mode, "fork")) {
		pid_t pid = forker();
		int st = 0;

		if (pid == 0) {
			printf("child back\n");
			_exit(7);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			return 4;
		printf("parent back %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	} else if (!strcmp(mode, "dlopen")) {
		void *h = dlopen("libm.so.6", RTLD_NOW);
		double (*root)(double), sum = 0;

		if (!h)
			return 5;
		root = (double (*)(double))dlsym(h, "cbrt");
		if (!root)
			return 6;
		for (i = 0; i < n; i++)
			sum += root(i);
		printf("cbrt %ld = %.0f\n", n, sum * 1000);
	} else if (!strcmp(mode, "tailcall")) {
		long r = 0;

		for (i = 0; i < n; i++) {
			r += tail_outer(i);
			r += call_it(tail_outer, i);
		}
		printf("tailcall %ld = %ld\n", n, r);
	} else if (!strcmp(mode, "malloc")) {
		void *p[64];

		for (i = 0; i < n && i < 64; i++) {
			p[i] = malloc(100 + (size_t)i);
			printf("malloc(%d) = %p\n", 100 + i, p[i]);
		}
		for (i = 0; i < n && i < 64; i++)
			free(p[i]);
	} else if (!strcmp(mode, "kill")) {
		printf("pid %d\n", (int)getpid());
		if (kill(getpid(), 0) != 0)
			return 7;
	} else if (!strcmp(mode, "tracer")) {
		char line[128];
		FILE *f = fopen("/proc/self/status", "r");

		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "TracerPid:", 10))
				printf("TracerPid %d\n", atoi(line + 10));
		if (f)
			fclose(f);
		return (int)n;
	} else if (!strcmp(mode, "strings")) {
		for (i = 0; i < n; i++) {
			char *s = dup_upper("snare");

			nothing(i);
			sink = (int)half(i);
			sink = negate(i + 1);
			sink = old_style();
			free(s);
		}
		printf("strings %ld\n", n);
	} else {
		return 2;
	}
	return 0;
}
