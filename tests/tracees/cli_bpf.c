/* SPDX-License-Identifier: MIT */
/*
 * cli_bpf: a deterministic tracee for the "bpf" golden family:
 * seccomp(SECCOMP_GET_NOTIF_SIZES) (three u16 sizes), ptrace's
 * PTRACE_GET_SYSCALL_INFO on a stopped child (whole and cut short, at a
 * signal stop and at a syscall entry), and perf_event_open with an attr
 * whose fields past the flags -v shows (the call fails: pid -2). The
 * child is killed and reaped before the program exits; SIGCHLD stays
 * blocked. No sleeps.
 *
 *   cli_bpf
 */
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif

static long
sys_ptrace(long req, pid_t pid, unsigned long addr, void *data)
{
	return syscall(SYS_ptrace, req, pid, addr, data);
}

static void
syscall_info(void)
{
	struct ptrace_syscall_info info;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return;
	if (pid == 0) {
		if (sys_ptrace(PTRACE_TRACEME, 0, 0, NULL) == 0)
			raise(SIGSTOP);
		syscall(SYS_getppid, 0L, 1L, 2L, 3L, 4L, 5L);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		goto out;
	/* A signal stop: op NONE, whole, then cut after op and arch. */
	sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info);
	sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, 1, &info);
	sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, 8, &info);
	/* The entry of the child's getppid: the number named. */
	if (sys_ptrace(PTRACE_SETOPTIONS, pid, 0,
		       (void *)PTRACE_O_TRACESYSGOOD) != 0 ||
	    sys_ptrace(PTRACE_SYSCALL, pid, 0, NULL) != 0 ||
	    waitpid(pid, &status, 0) != pid)
		goto out;
	sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info);
	sys_ptrace(PTRACE_GET_SYSCALL_INFO, pid, 48, &info);
out:
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static void
perf_attr(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_SOFTWARE;
	a.size = sizeof(a);
	a.config = PERF_COUNT_SW_DUMMY;
	a.sample_period = 4000;
	a.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_BRANCH_STACK;
	a.disabled = 1;
	a.exclude_kernel = 1;
	a.use_clockid = 1;
	a.clockid = CLOCK_MONOTONIC;
	a.wakeup_events = 7;
	a.config1 = 0x1234;
	a.branch_sample_type = PERF_SAMPLE_BRANCH_USER | 0x80000000ULL;
	a.sample_max_stack = 12;
	/* pid -2 names no process: EINVAL or ESRCH, never an event. */
	syscall(SYS_perf_event_open, &a, -2, -1, -1, 0);
	a.size = 72;
	syscall(SYS_perf_event_open, &a, -2, -1, -1, 0);
}

int
main(void)
{
	uint16_t sizes[3];
	sigset_t chld;

	/* No SIGCHLD delivered: its place among the waits would vary. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, sizes);
	syscall_info();
	perf_attr();
	return 0;
}
