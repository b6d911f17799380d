/* SPDX-License-Identifier: MIT */
/*
 * cli_wait: for the -p tests. Prints its pid and "ready" on stdout, then
 * reads stdin until EOF (the test attaches, then closes the pipe), then
 * makes a marker syscall and exits 0.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(void)
{
	char c;

	printf("%d ready\n", (int)getpid());
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	syscall(SYS_getppid);
	return 0;
}
