/* SPDX-License-Identifier: MIT */
/*
 * cli_pids: the syscalls whose arguments or return values are process ids,
 * for snare trace -Y / --decode-pids against strace (tests/cli/dropin.py,
 * family dpids). Every call is made once, in a fixed order; the child is
 * reaped before the next call so no signal line moves between runs.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <linux/kcmp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	pid_t pid = (pid_t)syscall(SYS_getpid);
	pid_t tid = (pid_t)syscall(SYS_gettid);
	struct sched_param sp;
	struct rlimit rl;
	siginfo_t si;
	sigset_t set;
	char src[4] = "abc", dst[4];
	struct iovec liov = { dst, sizeof(dst) }, riov = { src, sizeof(src) };
	int fds[2], sv[2], st, pfd;
	struct ucred cred;
	socklen_t credlen = sizeof(cred);
	uint64_t cookie;
	pid_t child;

	/* SIGUSR1 blocked: the queued signals below stay pending. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	syscall(SYS_getppid);
	syscall(SYS_kill, pid, 0);
	syscall(SYS_tgkill, pid, tid, 0);
	syscall(SYS_tkill, tid, 0);
	syscall(SYS_getpgid, pid);
	syscall(SYS_getsid, pid);
	syscall(SYS_setpgid, 0, 0);
	syscall(SYS_kill, -pid, 0);
	syscall(SYS_sched_getparam, pid, &sp);
	syscall(SYS_sched_getscheduler, pid);
	syscall(SYS_prlimit64, pid, RLIMIT_NOFILE, NULL, &rl);
	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	close(pfd);
	syscall(SYS_process_vm_readv, pid, &liov, 1, &riov, 1, 0);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = pid;
	si.si_uid = getuid();
	syscall(SYS_rt_sigqueueinfo, pid, SIGUSR1, &si);
	if (pipe(fds) == 0) {
		fcntl(fds[0], F_SETOWN, pid);
		syscall(SYS_fcntl, fds[0], F_GETOWN);
	}
	/* An id whose kind another argument gives (a process group: 2,
	   PIDTYPE_PGID, as setpgid made it above), one in
	   a structure, and fds of a process named by id (under -y). */
	syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_GET, pid, 2, &cookie);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		syscall(SYS_getsockopt, sv[0], SOL_SOCKET, SO_PEERCRED, &cred,
			&credlen);
		/* The same file: 0 (two files compare by address). */
		syscall(SYS_kcmp, pid, pid, KCMP_FILE, sv[0], sv[0]);
		close(sv[0]);
		close(sv[1]);
	}
	child = (pid_t)syscall(SYS_fork);
	if (child == 0)
		_exit(3);
	/* The child exists (a zombie at worst) until waitid reaps it. */
	syscall(SYS_waitid, P_PID, child, &si, WEXITED | WNOWAIT, NULL);
	syscall(SYS_wait4, child, &st, 0, NULL);
	syscall(SYS_kill, 0x7ffffff0, 0);
	return 0;
}
