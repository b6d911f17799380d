/* SPDX-License-Identifier: MIT */
/*
 * cli_pidns PROG: run PROG in a new pid namespace, where it is process 1
 * (for snare trace --pidns-translation against strace, tests/cli/dropin.py,
 * family pidns). Exits 77 when a pid namespace cannot be made (no root).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	pid_t child;
	int st, sync[2];
	char c;

	if (argc < 2)
		return 2;
	if (unshare(CLONE_NEWPID) < 0) {
		perror("unshare");
		return errno == EPERM ? 77 : 1;
	}
	/* The wait4 line names the child by its command (-Y): wait until
	   it is PROG's (the pipe closes at its exec), the same in every run. */
	if (pipe2(sync, O_CLOEXEC) < 0)
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		execv(argv[1], argv + 1);
		_exit(127);
	}
	close(sync[1]);
	if (read(sync[0], &c, 1) != 0)
		return 1;
	close(sync[0]);
	if (waitpid(child, &st, 0) != child)
		return 1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
