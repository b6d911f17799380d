/* SPDX-License-Identifier: MIT */
/*
 * exec_thread: argv[1] is "thread" or "leader"; argv[2..] is a program and
 * its arguments. In "thread" mode a second thread prints "tid N" (its own
 * tid) and calls execv() while the leader waits in pthread_join(); in
 * "leader" mode the main thread prints its tid and execs. Exits 127 when
 * execv fails.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char **prog_argv;

static void *
exec_main(void *arg)
{
	(void)arg;
	printf("tid %ld\n", (long)syscall(SYS_gettid));
	fflush(stdout);
	execv(prog_argv[0], prog_argv);
	perror("exec_thread: execv");
	_exit(127);
}

int
main(int argc, char **argv)
{
	pthread_t t;

	if (argc < 3)
		return 2;
	prog_argv = argv + 2;
	if (strcmp(argv[1], "leader") == 0)
		exec_main(NULL);
	if (pthread_create(&t, NULL, exec_main, NULL) != 0)
		return 3;
	pthread_join(t, NULL);
	return 4;
}
