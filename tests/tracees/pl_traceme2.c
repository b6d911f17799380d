/* SPDX-License-Identifier: MIT */
/*
 * pl_traceme2: the anti-debugging check done twice. Calls
 * ptrace(PTRACE_TRACEME) two times and prints "traceme R1 E1 R2 E2" (R the
 * return value, E the errno name or "0"), then "done". Untraced, the first
 * call succeeds (the parent becomes the tracer) and the second fails with
 * EPERM (already traced): "traceme 0 0 -1 EPERM". Exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ptrace.h>

static const char *
err_name(long r, int err)
{
	if (r == 0)
		return "0";
	return err == EPERM ? "EPERM" : "other";
}

int
main(void)
{
	long r1, r2;
	int e1, e2;

	errno = 0;
	r1 = ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	e1 = errno;
	errno = 0;
	r2 = ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	e2 = errno;
	printf("traceme %ld %s %ld %s\n", r1, err_name(r1, e1), r2,
	       err_name(r2, e2));
	printf("done\n");
	return 0;
}
