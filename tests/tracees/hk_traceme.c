/* SPDX-License-Identifier: MIT */
/*
 * hk_traceme: the classic anti-debugging check. Calls
 * ptrace(PTRACE_TRACEME) and prints "traceme R ERRNO" (R the return value,
 * ERRNO the errno name or "0"), then "done". Exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ptrace.h>

int
main(void)
{
	long r;

	errno = 0;
	r = ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	printf("traceme %ld %s\n", r,
	       r == 0 ? "0" : errno == EPERM ? "EPERM" : "other");
	printf("done\n");
	return 0;
}
