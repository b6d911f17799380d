/* SPDX-License-Identifier: MIT */
/*
 * cli_tracer: calls that strace's test suite checks the tracer on.
 *   nosys      a syscall number no syscall has (451 | 0x0: past the
 *              x86_64 table), six marked arguments, then exit 0
 *   exitgroup  exit_group(42) by number; if it returns (a fault injected),
 *              exit(42)
 *   sigcode    a SIGUSR1 handler notes the signal's si_code; getppid() by
 *              number, then prints "si_code N" (SI_KERNEL is 128) or
 *              "no signal", and exits 0
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t got, code;

static void
on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	got = 1;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "nosys")) {
		syscall(0x1c3, 0xface0fedbadc0dedUL, 0xface1fedbadc1dedUL,
			0xface2fedbadc2dedUL, 0xface3fedbadc3dedUL,
			0xface4fedbadc4dedUL, 0xface5fedbadc5dedUL);
		return 0;
	}
	if (!strcmp(mode, "exitgroup")) {
		syscall(SYS_exit_group, 42);
		syscall(SYS_exit, 42);
		return 1;
	}
	if (!strcmp(mode, "sigcode")) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_usr1;
		sa.sa_flags = SA_SIGINFO;
		if (sigaction(SIGUSR1, &sa, NULL) < 0)
			return 3;
		syscall(SYS_getppid);
		if (got)
			printf("si_code %d\n", (int)code);
		else
			printf("no signal\n");
		return 0;
	}
	return 2;
}
