/* SPDX-License-Identifier: MIT */
/*
 * hk_signal MODE: signal behaviours for the signal hook tests.
 *   usr1: installs handlers for SIGUSR1 and SIGUSR2, sends itself SIGUSR1
 *         with raise() and prints "got SIGUSR1", "got SIGUSR2" or
 *         "got none" (what the handlers saw), then "done".
 *   trap: installs a SIGTRAP handler, raise(SIGTRAP), prints "trap N"
 *         (times the handler ran, 1 without a tracer), then "done".
 *   segv: disables core dumps and writes through a null pointer; killed
 *         by SIGSEGV (prints "before" first).
 * Exits 0 (except segv).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static volatile sig_atomic_t got_usr1, got_usr2, traps;

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		got_usr1++;
	else if (sig == SIGUSR2)
		got_usr2++;
	else if (sig == SIGTRAP)
		traps++;
}

static void
handle(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(mode, "usr1") == 0) {
		handle(SIGUSR1);
		handle(SIGUSR2);
		raise(SIGUSR1);
		if (got_usr1)
			printf("got SIGUSR1\n");
		if (got_usr2)
			printf("got SIGUSR2\n");
		if (!got_usr1 && !got_usr2)
			printf("got none\n");
	} else if (strcmp(mode, "trap") == 0) {
		handle(SIGTRAP);
		raise(SIGTRAP);
		printf("trap %d\n", (int)traps);
	} else if (strcmp(mode, "segv") == 0) {
		struct rlimit rl = { 0, 0 };

		setrlimit(RLIMIT_CORE, &rl);
		printf("before\n");
		*(volatile int *)0 = 1;
		printf("survived\n");
	} else {
		return 2;
	}
	printf("done\n");
	return 0;
}
