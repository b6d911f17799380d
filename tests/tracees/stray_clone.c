/* SPDX-License-Identifier: MIT */
/*
 * stray_clone: make a process the tracer does not trace, as strace's
 * clone_parent and clone_ptrace tests do.
 *  parent: clone(CLONE_PARENT) a child that exits 42 at once: it is the
 *          tracer's child, not ours; wait until it is gone (reaped by the
 *          tracer: kill(pid, 0) fails), print its pid, exit 0.
 *  ptrace: clone(CLONE_PTRACE) a child that pauses: without its fork
 *          options the tracer would get it attached anyway; print its pid,
 *          kill it with SIGUSR1, wait for it, exit 0 (1 if it did not die
 *          of SIGUSR1).
 *  ptrace3: the same through clone3, CLONE_PTRACE in clone_args.flags
 *          (in memory, not in a register); 3 if the kernel has no clone3.
 *  handoff: call checkpoint(), where a test hands the process to gdb,
 *          whose `call make_stray()` makes a CLONE_PARENT child that exits
 *          42 (a child of the tracer, born outside its session); wait
 *          until the tracer reaped it, print its pid (0 if gdb made
 *          none), exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[65536] __attribute__((aligned(16)));

static int
quick(void *arg)
{
	(void)arg;
	return 42;
}

static int
wait_forever(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return 0;
}

static volatile long stray_pid;

/* Called by gdb during a hand-off: fork as a child of our parent. */
__attribute__((noinline, used)) long
make_stray(void)
{
	long r = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);

	if (r == 0)
		_exit(42);
	stray_pid = r;
	return r;
}

__attribute__((noinline)) void
checkpoint(void)
{
	__asm__ volatile("" ::: "memory");
}

/* clone3 as a fork (no new stack) with CLONE_PTRACE in its flags. */
static pid_t
clone3_ptrace(void)
{
	struct clone_args ca;
	long r;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_PTRACE;
	ca.exit_signal = SIGCHLD;
	r = syscall(SYS_clone3, &ca, sizeof(ca));
	if (r == 0)
		wait_forever(NULL);
	return (pid_t)r;
}

int
main(int argc, char **argv)
{
	int parent = argc > 1 && !strcmp(argv[1], "parent"), st;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "handoff")) {
		checkpoint();
		/* Not ours to reap: wait until the tracer did. */
		while (stray_pid > 0 && kill((pid_t)stray_pid, 0) == 0)
			sched_yield();
		printf("%ld\n", stray_pid);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "ptrace3")) {
		pid = clone3_ptrace();
		if (pid < 0)
			return errno == ENOSYS ? 3 : 2;
	} else {
		pid = clone(parent ? quick : wait_forever,
			    stack + sizeof(stack),
			    (parent ? CLONE_PARENT : CLONE_PTRACE) | SIGCHLD,
			    NULL);
	}
	if (pid < 0)
		return 2;
	if (parent) {
		while (kill(pid, 0) == 0)
			sched_yield();
		printf("%d\n", (int)pid);
		return errno == ESRCH ? 0 : 1;
	}
	printf("%d\n", (int)pid);
	fflush(stdout);
	kill(pid, SIGUSR1);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1 ? 0 : 1;
}
