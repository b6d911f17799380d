/* SPDX-License-Identifier: MIT */
/*
 * zombie_leader: the main thread exits with pthread_exit while a second
 * thread lives on, so the leader is a zombie. The worker prints "ready",
 * waits for a line on stdin, echoes it and exits the process with code 3.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *
worker(void *arg)
{
	char line[128];

	(void)arg;
	printf("ready\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		exit(1);
	printf("got %s", line);
	fflush(stdout);
	exit(3);
}

int
main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	pthread_exit(NULL);
}
