/* SPDX-License-Identifier: MIT */
/*
 * pl_sigcall N: indirect calls under a stream of signals. The main thread
 * calls pl_icall(i) N times; pl_icall calls pl_double through "call *%rax"
 * (2 bytes, at pl_icall_reg) and then pl_inc through "call
 * *g_fnptr(%rip)" (6 bytes, at pl_icall_mem), returning 2i + 1. Meanwhile
 * a second thread keeps one SIGUSR1 in flight to the main thread (tgkill,
 * then waits until the handler counted it), from before the first call
 * (main waits for the first one). The handler returns normally.
 * Prints "icall N sum S signals some" ("none" when no signal was
 * handled) and exits 0 when S = N*N and some signal was handled, 1
 * otherwise (a clobbered handler return address crashes it instead).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern long pl_icall(long);

__attribute__((noinline, used)) long
pl_double(long x)
{
	__asm__ volatile("" ::: "memory");
	return 2 * x;
}

__attribute__((noinline, used)) long
pl_inc(long x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

__attribute__((used)) long (*g_fnptr)(long) = pl_inc;

__asm__(".text\n"
	".globl pl_icall\n.type pl_icall,@function\npl_icall:\n\t"
	".cfi_startproc\n\t"
	"sub $8,%rsp\n\t"
	".cfi_def_cfa_offset 16\n\t"
	"lea pl_double(%rip),%rax\n"
	".globl pl_icall_reg\npl_icall_reg:\n\t"
	"call *%rax\n\t"
	"mov %rax,%rdi\n"
	".globl pl_icall_mem\npl_icall_mem:\n\t"
	"call *g_fnptr(%rip)\n\t"
	"add $8,%rsp\n\t"
	".cfi_def_cfa_offset 8\n\t"
	"ret\n\t"
	".cfi_endproc\n"
	".size pl_icall, .-pl_icall\n");

static atomic_long handled;
static atomic_int done;
static pid_t main_tid;

static void
on_usr1(int sig)
{
	volatile char scratch[256];

	(void)sig;
	/* Use some stack, as a real handler does. */
	memset((char *)scratch, sig, sizeof(scratch));
	atomic_fetch_add(&handled, 1);
}

static void *
signaller(void *arg)
{
	long before;

	(void)arg;
	while (!atomic_load(&done)) {
		before = atomic_load(&handled);
		syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
		while (atomic_load(&handled) == before && !atomic_load(&done))
			sched_yield();
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100, i, sum = 0;
	struct sigaction sa;
	pthread_t th;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	main_tid = (pid_t)syscall(SYS_gettid);
	if (pthread_create(&th, NULL, signaller, NULL) != 0)
		return 3;
	/* The stream is on before the first call. */
	while (atomic_load(&handled) == 0)
		sched_yield();
	for (i = 0; i < n; i++)
		sum += pl_icall(i);
	atomic_store(&done, 1);
	pthread_join(th, NULL);
	printf("icall %ld sum %ld signals %s\n", n, sum,
	       atomic_load(&handled) > 0 ? "some" : "none");
	return sum == n * n && atomic_load(&handled) > 0 ? 0 : 1;
}
