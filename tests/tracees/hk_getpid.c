/* SPDX-License-Identifier: MIT */
/*
 * hk_getpid [N]: prints "getpid X" for each of N (default 1) raw
 * syscall(SYS_getpid) calls (no libc caching), then "getppid Y" for one
 * syscall(SYS_getppid), then "done". Exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1, i;

	for (i = 0; i < n; i++)
		printf("getpid %ld\n", syscall(SYS_getpid));
	printf("getppid %ld\n", syscall(SYS_getppid));
	printf("done\n");
	return 0;
}
