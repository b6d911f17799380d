/* SPDX-License-Identifier: MIT */
/*
 * cli_threads: two threads run one after the other (create, join), each
 * making a fixed list of syscalls, so that each thread's own sequence is
 * the same on every run; for the -f, -ff and [pid N] tests.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *
worker(void *arg)
{
	long id = (long)arg;

	syscall(SYS_getppid);
	syscall(SYS_faccessat, AT_FDCWD, id == 1 ? "/" : "/nonexistent", F_OK,
		0);
	syscall(SYS_write, 1, id == 1 ? "one\n" : "two\n", 4);
	return NULL;
}

int
main(void)
{
	pthread_t t;
	long i;

	for (i = 1; i <= 2; i++) {
		if (pthread_create(&t, NULL, worker, (void *)i))
			return 1;
		pthread_join(t, NULL);
	}
	syscall(SYS_getpid);
	return 0;
}
