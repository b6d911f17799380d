/* SPDX-License-Identifier: MIT */
/*
 * hk_forktree [K [M]]: a tree of processes. The root forks K children
 * (default 10), each of which forks M grandchildren (default 4): K + K*M
 * processes besides the root (50 by default). Every process, the root
 * included, makes exactly one raw syscall(SYS_getpid). The root prints
 * "tree N" with N the descendants that exited normally, then exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Fork n children (each forking `grandchildren` of its own) and wait for
 * them. Returns the number of descendants that exited normally; a child
 * reports its own count plus one as its exit code.
 */
static int
fork_children(int n, int grandchildren)
{
	int i, ok = 0, status;
	pid_t pids[64];

	for (i = 0; i < n && i < 64; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return -1000;
		if (pids[i] == 0) {
			syscall(SYS_getpid);
			_exit(1 + (grandchildren ? fork_children(grandchildren, 0)
						 : 0));
		}
	}
	for (i = 0; i < n && i < 64; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i])
			return -1000;
		if (WIFEXITED(status))
			ok += WEXITSTATUS(status);
	}
	return ok;
}

int
main(int argc, char **argv)
{
	int k = argc > 1 ? atoi(argv[1]) : 10;
	int m = argc > 2 ? atoi(argv[2]) : 4;

	syscall(SYS_getpid);
	printf("tree %d\n", fork_children(k, m));
	return 0;
}
