/* SPDX-License-Identifier: MIT */
/*
 * stopme: job-control tracee. Prints "ready", then echoes every stdin line
 * as "echo LINE" until EOF, and prints "conts N", the number of SIGCONT it
 * received (a handler counts them). The test stops it with SIGSTOP from
 * outside: a stopped process echoes nothing until SIGCONT.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t conts;

static void
on_cont(int sig)
{
	(void)sig;
	conts++;
}

int
main(void)
{
	struct sigaction sa;
	char line[256];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_cont;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready\n");
	while (fgets(line, sizeof(line), stdin))
		printf("echo %s", line);
	printf("conts %d\n", (int)conts);
	return 0;
}
