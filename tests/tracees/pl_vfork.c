/* SPDX-License-Identifier: MIT */
/*
 * pl_vfork: calls pl_marked(1), vfork()s a child that calls pl_marked(2)
 * and leaves with _exit(0), waits for it, calls pl_marked(3). Prints
 * "vfork a 10 b 30 child 0" (pl_marked returns 10x; the child's exit code)
 * and exits 0.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

__attribute__((noinline)) long
pl_marked(long x)
{
	__asm__ volatile("" ::: "memory");
	return 10 * x;
}

int
main(void)
{
	volatile long a, b;
	int status = 0;
	pid_t pid;

	a = pl_marked(1);
	pid = vfork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		pl_marked(2);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 3;
	b = pl_marked(3);
	printf("vfork a %ld b %ld child %d\n", (long)a, (long)b,
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
