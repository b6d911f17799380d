/* SPDX-License-Identifier: MIT */
/*
 * cli_bpf: a deterministic tracee for the "bpf" golden family:
 * seccomp(SECCOMP_GET_NOTIF_SIZES) (three u16 sizes), ptrace's
 * PTRACE_GET_SYSCALL_INFO on a stopped child (whole and cut short, at a
 * signal stop and at a syscall entry), and perf_event_open with an attr
 * whose fields past the flags -v shows (the call fails: pid -2). The
 * child is killed and reaped before the program exits; SIGCHLD stays
 * blocked. Then bpf(2): a command of each kind the kernel fails on bad
 * fds or ids (EBADF, ENOENT, E2BIG) with fields set, a NULL attr, a
 * short one, extra data past a struct, a program of two instructions
 * (-v lists them), and a map's info read at exit (the map is created,
 * then closed). No sleeps.
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

/* A zeroed attr of size bytes, as the bpf syscall's second argument. */
static long
sys_bpf(int cmd, const void *attr, unsigned size)
{
	return syscall(SYS_bpf, cmd, attr, size);
}

static void
put32(unsigned char *a, unsigned off, uint32_t v)
{
	memcpy(a + off, &v, sizeof(v));
}

static void
put64(unsigned char *a, unsigned off, uint64_t v)
{
	memcpy(a + off, &v, sizeof(v));
}

static void
bpf_calls(void)
{
	static const char license[] = "GPL", tp[] = "snare_tp";
	static const char btf[] = "bPf\0x";
	/* r0 = 0; exit */
	static const unsigned char insns[16] = { 0xb7, 0, 0, 0, 0, 0, 0, 0,
						 0x95, 0, 0, 0, 0, 0, 0, 0 };
	unsigned char a[128], info[88];
	long fd;

	memset(a, 0, sizeof(a));
	/* A NULL attr of a command finished at exit. */
	sys_bpf(11 /* BPF_PROG_GET_NEXT_ID */, NULL, 12);
	/* No map with an id past the last: ENOENT. One byte of start_id. */
	put32(a, 0, 0xfffffff0u);
	sys_bpf(12 /* BPF_MAP_GET_NEXT_ID */, a, 12);
	sys_bpf(12, a, 1);
	/* A program of two instructions, without kern_version. */
	memset(a, 0, sizeof(a));
	put32(a, 0, 1);
	put32(a, 4, 2);
	put64(a, 8, (uintptr_t)insns);
	put64(a, 16, (uintptr_t)license);
	put32(a, 24, 0);
	fd = sys_bpf(5 /* BPF_PROG_LOAD */, a, 40);
	if (fd >= 0)
		close((int)fd);
	/* PROG_TEST_RUN of no program. */
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)-1);
	put32(a, 8, 4);
	put32(a, 32, 3);
	sys_bpf(10 /* BPF_PROG_TEST_RUN */, a, 76);
	/* OBJ_GET_INFO_BY_FD of no fd, then extra data past the struct. */
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)-1);
	put32(a, 4, sizeof(info));
	put64(a, 8, (uintptr_t)info);
	sys_bpf(15 /* BPF_OBJ_GET_INFO_BY_FD */, a, 16);
	a[20] = 0x5a;
	sys_bpf(15, a, 24);
	/* PROG_QUERY of no fd. */
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)-1);
	put32(a, 4, 2 /* BPF_CGROUP_INET_SOCK_CREATE */);
	put32(a, 8, 1 /* BPF_F_QUERY_EFFECTIVE */);
	sys_bpf(16 /* BPF_PROG_QUERY */, a, 28);
	/* RAW_TRACEPOINT_OPEN of no program. */
	memset(a, 0, sizeof(a));
	put64(a, 0, (uintptr_t)tp);
	put32(a, 8, (uint32_t)-1);
	sys_bpf(17 /* BPF_RAW_TRACEPOINT_OPEN */, a, 12);
	/* BTF_LOAD of 5 bytes that are no BTF. */
	memset(a, 0, sizeof(a));
	put64(a, 0, (uintptr_t)btf);
	put32(a, 16, 5);
	sys_bpf(18 /* BPF_BTF_LOAD */, a, 28);
	/* BTF_GET_FD_BY_ID and LINK_GET_FD_BY_ID of no id. */
	memset(a, 0, sizeof(a));
	put32(a, 0, 0xfffffff0u);
	sys_bpf(19 /* BPF_BTF_GET_FD_BY_ID */, a, 4);
	sys_bpf(30 /* BPF_LINK_GET_FD_BY_ID */, a, 4);
	/* TASK_FD_QUERY of no fd. */
	memset(a, 0, sizeof(a));
	put32(a, 4, (uint32_t)-1);
	sys_bpf(20 /* BPF_TASK_FD_QUERY */, a, 48);
	/* The map batches on no map. */
	memset(a, 0, sizeof(a));
	put32(a, 32, 3);
	put32(a, 36, (uint32_t)-1);
	put64(a, 40, 4 /* BPF_F_LOCK */);
	sys_bpf(24 /* BPF_MAP_LOOKUP_BATCH */, a, 56);
	sys_bpf(26 /* BPF_MAP_UPDATE_BATCH */, a, 56);
	sys_bpf(27 /* BPF_MAP_DELETE_BATCH */, a, 56);
	/* LINK_CREATE of no program: a perf event's cookie. */
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)-1);
	put32(a, 4, (uint32_t)-1);
	put32(a, 8, 41 /* BPF_PERF_EVENT */);
	put64(a, 16, 0xbeefULL);
	sys_bpf(28 /* BPF_LINK_CREATE */, a, 48);
	/* LINK_UPDATE of no link, replacing. */
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)-1);
	put32(a, 4, (uint32_t)-1);
	put32(a, 8, 4 /* BPF_F_REPLACE */);
	put32(a, 12, (uint32_t)-1);
	sys_bpf(29 /* BPF_LINK_UPDATE */, a, 16);
	/* A map of its own, and its info read at exit. */
	memset(a, 0, sizeof(a));
	put32(a, 0, 2 /* BPF_MAP_TYPE_ARRAY */);
	put32(a, 4, 4);
	put32(a, 8, 8);
	put32(a, 12, 1);
	memcpy(a + 28, "snare_info", 10);
	fd = sys_bpf(0 /* BPF_MAP_CREATE */, a, 48);
	if (fd < 0)
		return;
	memset(a, 0, sizeof(a));
	put32(a, 0, (uint32_t)fd);
	put32(a, 4, sizeof(info));
	put64(a, 8, (uintptr_t)info);
	sys_bpf(15 /* BPF_OBJ_GET_INFO_BY_FD */, a, 16);
	close((int)fd);
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
	bpf_calls();
	return 0;
}
