/* SPDX-License-Identifier: MIT */
/*
 * sw_watch: workloads for watchpoints by page protection. At startup it
 * prints "addrs g_counter=0x... g_block=0x... g_near=0x..." and "ready",
 * waits for a line on stdin, does the work of argv[1], prints its result
 * and waits for another line before exiting 0 (not with "nowait" last).
 * g_counter, g_near, the lock and g_block share pages (.bss).
 *
 *   mixed T N   T threads, N rounds each, under one lock: take the next
 *               number v; store it into g_counter, or (every other round)
 *               write it into a pipe and read(2) it back into g_counter;
 *               bump g_near. Prints "writes X last V".
 *   block N     N one-byte stores into g_block.data (64 bytes at an odd
 *               address) and N loads of it, each next to a store into
 *               g_block.pad (just before); then one memcpy of 64 bytes
 *               into data. Prints "block N sum S".
 *   mprot       mprotect(g_counter's page, PROT_READ), load it, back to
 *               read-write, store 7; then with a SIGSEGV handler that makes
 *               the page writable again, make it read-only and store 8
 *               (one fault of the program's own). Prints "mprot segv 1 value 8".
 *   fork N      N stores into g_counter, then a child does N stores and
 *               exits 0 if it read back what it stored; prints "fork child
 *               exited C value V".
 *   vfork N     a vfork child calls child_marker(), then child_counted() N
 *               times in the parent's memory, and exits 0 if the sums are
 *               right; prints "vfork child exited C".
 *   exec N      N stores, then exec itself as "block N nowait".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tracee.h"

long g_counter;
long g_near;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static long g_next;
struct block {
	char pad[3];
	char data[64];
} __attribute__((packed));
struct block g_block __attribute__((aligned(64)));

static int pfd[2];
static long rounds;
static volatile sig_atomic_t segvs;

static void *
mixed_worker(void *arg)
{
	long id = (long)arg, i, v;

	for (i = 0; i < rounds; i++) {
		pthread_mutex_lock(&g_lock);
		v = g_next++;
		if ((i + id) % 2) {
			*(volatile long *)&g_counter = v;
		} else {
			if (write(pfd[1], &v, sizeof(v)) != sizeof(v) ||
			    read(pfd[0], &g_counter, sizeof(g_counter)) != sizeof(g_counter))
				exit(5);
		}
		g_near++;
		pthread_mutex_unlock(&g_lock);
	}
	return NULL;
}

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	/* segvs is on that page too: writable first. */
	mprotect((void *)((uintptr_t)si->si_addr & ~(uintptr_t)4095), 4096,
		 PROT_READ | PROT_WRITE);
	segvs++;
}

/* fork() in a function of its own: a test may finish() out of it. */
__attribute__((noinline)) pid_t
fork_here(void)
{
	pid_t pid = fork();

	__asm__ volatile("" ::: "memory");
	return pid;
}

/* vfork mode: what the child runs in the parent's memory. */
__attribute__((noinline)) void
child_marker(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) long
child_counted(long i)
{
	__asm__ volatile("" ::: "memory");
	return i * 2;
}

/* Not inlined into stores of known width: a real call of libc's memcpy. */
static void *(*volatile copy_fn)(void *, const void *, size_t) = memcpy;

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "block";
	long a1 = argc > 2 ? atol(argv[2]) : 1;
	long a2 = argc > 3 ? atol(argv[3]) : 1;
	int nowait = argc > 1 && strcmp(argv[argc - 1], "nowait") == 0;
	volatile char *data = g_block.data;
	long i;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("addrs g_counter=%p g_block=%p g_near=%p\nready\n",
	       (void *)&g_counter, (void *)g_block.data, (void *)&g_near);
	if (!nowait)
		wait_line();
	if (strcmp(mode, "mixed") == 0) {
		pthread_t th[8];

		if (pipe(pfd) < 0)
			return 4;
		rounds = a2;
		if (a1 > 8)
			a1 = 8;
		for (i = 0; i < a1; i++)
			if (pthread_create(&th[i], NULL, mixed_worker, (void *)i))
				return 4;
		for (i = 0; i < a1; i++)
			pthread_join(th[i], NULL);
		printf("writes %ld last %ld\n", g_next, g_counter);
	} else if (strcmp(mode, "block") == 0) {
		char src[64];
		long sum = 0;

		for (i = 0; i < a1; i++) {
			data[i % 64] = (char)i;
			((volatile char *)g_block.pad)[0]++;
			sum += data[(i * 7) % 64];
		}
		for (i = 0; i < 64; i++)
			src[i] = (char)(100 + i);
		copy_fn(g_block.data, src, sizeof(src));
		printf("block %ld sum %ld\n", a1, sum + data[63]);
	} else if (strcmp(mode, "mprot") == 0) {
		void *page = (void *)((uintptr_t)&g_counter & ~(uintptr_t)4095);
		struct sigaction sa;
		long v;

		if (mprotect(page, 4096, PROT_READ) < 0)
			return 4;
		v = *(volatile long *)&g_counter;
		if (mprotect(page, 4096, PROT_READ | PROT_WRITE) < 0)
			return 4;
		*(volatile long *)&g_counter = v + 7;
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_segv;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, NULL);
		if (mprotect(page, 4096, PROT_READ) < 0)
			return 4;
		*(volatile long *)&g_counter = 8;
		printf("mprot segv %d value %ld\n", (int)segvs, g_counter);
	} else if (strcmp(mode, "fork") == 0) {
		int status = 0;
		pid_t pid;

		for (i = 0; i < a1; i++)
			*(volatile long *)&g_counter = i;
		pid = fork_here();
		if (pid == 0) {
			for (i = 0; i < a1; i++)
				*(volatile long *)&g_counter = 1000 + i;
			_exit(g_counter == 1000 + a1 - 1 ? 0 : 3);
		}
		waitpid(pid, &status, 0);
		printf("fork child exited %d value %ld\n",
		       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
		       g_counter);
	} else if (strcmp(mode, "vfork") == 0) {
		int status = 0;
		pid_t pid = vfork();

		if (pid == 0) {
			long sum = 0;

			child_marker();
			for (i = 0; i < a1; i++)
				sum += child_counted(i);
			_exit(sum == a1 * (a1 - 1) ? 0 : 3);
		}
		waitpid(pid, &status, 0);
		printf("vfork child exited %d\n",
		       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	} else if (strcmp(mode, "exec") == 0) {
		char n[32];

		for (i = 0; i < a1; i++)
			*(volatile long *)&g_counter = i;
		snprintf(n, sizeof(n), "%ld", a1);
		execl("/proc/self/exe", argv[0], "block", n, "nowait", (char *)NULL);
		return 6;
	} else {
		return 9;
	}
	if (!nowait)
		wait_line();
	return 0;
}
