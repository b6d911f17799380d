/* SPDX-License-Identifier: MIT */
/*
 * hk_vfork: vfork()s a child that execs this same program (/proc/self/exe)
 * with the argument "child"; the child prints "child PID" (its raw getpid)
 * and exits 7. The parent waits for it and prints "parent: child exited
 * 7" (the child's exit code), then exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char *child_argv[] = { argv[0], "child", NULL };
	int status;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("child %ld\n", syscall(SYS_getpid));
		return 7;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	pid = vfork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		execv("/proc/self/exe", child_argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 3;
	printf("parent: child exited %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
