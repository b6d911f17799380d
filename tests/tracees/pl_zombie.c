/* SPDX-License-Identifier: MIT */
/*
 * pl_zombie N [wait]: the main thread starts a worker and pthread_exit()s,
 * so the leader is a zombie while the worker runs. The worker joins the
 * main thread (so the leader is gone before any work), and with "wait"
 * prints "ready pl_work=0x..." and waits for a line on stdin. It then calls
 * pl_work(i) for i = 0..N-1 (lea 1(%rdi,%rdi,2),%rax; ret: 3i + 1),
 * prints "zombie N sum S" and exits the process with 0 when S is right, 1
 * otherwise (2 at EOF on stdin).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern long pl_work(long);

__asm__(".text\n"
	".globl pl_work\n.type pl_work,@function\npl_work:\n\t"
	"lea 1(%rdi,%rdi,2),%rax\n\tret\n"
	".size pl_work, .-pl_work\n");

static pthread_t main_thread;
static long n;
static int wait_go;

static void *
worker(void *arg)
{
	char line[64];
	long i, sum = 0;

	(void)arg;
	pthread_join(main_thread, NULL);
	if (wait_go) {
		printf("ready pl_work=%p\n", (void *)pl_work);
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			exit(2);
	}
	for (i = 0; i < n; i++)
		sum += pl_work(i);
	printf("zombie %ld sum %ld\n", n, sum);
	fflush(stdout);
	exit(sum == 3 * n * (n - 1) / 2 + n ? 0 : 1);
}

int
main(int argc, char **argv)
{
	pthread_t t;

	n = argc > 1 ? atol(argv[1]) : 10;
	wait_go = argc > 2 && strcmp(argv[2], "wait") == 0;
	main_thread = pthread_self();
	if (pthread_create(&t, NULL, worker, NULL))
		return 1;
	pthread_exit(NULL);
}
