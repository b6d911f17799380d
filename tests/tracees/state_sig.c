/* SPDX-License-Identifier: MIT */
/*
 * state_sig MODE: signals queued by a tracer, and a crash, for the
 * thread/session inspection tests.
 *
 *   queue: installs a SIGUSR1 handler that counts its runs and a SIGUSR2
 *          handler that does nothing (both SA_RESTART), prints
 *          "addrs sig_mark=0x... sig_count=0x..." and "ready", then reads
 *          commands from stdin, one per line, and after each prints
 *          "count N" (SIGUSR1 handler runs so far):
 *            bp    call sig_mark(), an empty function
 *            sys   call getppid() through syscall(2)
 *            usr2  raise(SIGUSR2)
 *            wait  nothing (the test interrupted the read before)
 *            exit  run a thread that returns at once, and join it
 *            end   exit 0
 *   crash: disables core dumps, prints "addrs crash_insn=0x..." and
 *          "ready", waits for a line, then a second thread sets rax and
 *          the low half of xmm0 to 0x5eed and writes through a null
 *          pointer at crash_insn; the main thread waits in
 *          pthread_join. Killed by SIGSEGV.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

volatile int sig_count;

__attribute__((noinline)) void
sig_mark(void)
{
	__asm__ volatile("" ::: "memory");
}

static void
on_usr1(int sig)
{
	(void)sig;
	sig_count++;
}

static void
on_usr2(int sig)
{
	(void)sig;
}

static void
handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void *
quick(void *arg)
{
	return arg;
}

extern char crash_insn[];

static void *
crasher(void *arg)
{
	__asm__ volatile("mov $0x5eed, %%rax\n\t"
			 "movq %%rax, %%xmm0\n\t"
			 ".globl crash_insn\n"
			 "crash_insn:\n\t"
			 "movq $1, 0\n\t" ::: "rax", "xmm0", "memory");
	return arg;
}

static int
queue_mode(void)
{
	char line[64];
	pthread_t th;

	handle(SIGUSR1, on_usr1);
	handle(SIGUSR2, on_usr2);
	printf("addrs sig_mark=%p sig_count=%p\nready\n", (void *)sig_mark,
	       (void *)&sig_count);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		if (!strcmp(line, "end\n"))
			return 0;
		if (!strcmp(line, "bp\n"))
			sig_mark();
		else if (!strcmp(line, "sys\n"))
			syscall(SYS_getppid);
		else if (!strcmp(line, "usr2\n"))
			raise(SIGUSR2);
		else if (!strcmp(line, "exit\n")) {
			if (pthread_create(&th, NULL, quick, NULL) != 0 ||
			    pthread_join(th, NULL) != 0)
				return 3;
		}
		printf("count %d\n", sig_count);
		fflush(stdout);
	}
	return 2;
}

int
main(int argc, char **argv)
{
	struct rlimit rl = { 0, 0 };
	char line[64];
	pthread_t th;

	if (argc > 1 && !strcmp(argv[1], "queue"))
		return queue_mode();
	setrlimit(RLIMIT_CORE, &rl);
	printf("addrs crash_insn=%p\nready\n", (void *)crash_insn);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 2;
	if (pthread_create(&th, NULL, crasher, NULL) != 0)
		return 3;
	pthread_join(th, NULL);
	return 4;
}
