/* SPDX-License-Identifier: MIT */
/*
 * cli_ptrace: a deterministic tracee for the "ptrace" golden family: the
 * ptrace requests whose arguments are structures, as strace decodes them.
 * First on a pid no process has (ESRCH: only what is printed at entry):
 * siginfos of each shape (SIGIO's band and fd, SIGSEGV's bounds and key,
 * SIGBUS's address granularity, SIGSYS's syscall and arch, a timer's,
 * SIGTRAP's newer codes), PTRACE_PEEKSIGINFO's arguments, seccomp
 * metadata, SETREGS/SETFPREGS and a SETREGSET, PEEKUSER/POKEUSER
 * offsets. Then on a child of its
 * own, stopped by PTRACE_TRACEME and SIGSTOP: its siginfo, its seccomp
 * filter and the filter's metadata, two signals
 * queued and peeked, registers written with SETREGSET and read back with
 * GETREGSET (a length the kernel cuts too), GETREGS and GETFPREGS. The
 * child is killed and reaped, SIGCHLD blocked throughout. No sleeps.
 *
 *   cli_ptrace
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

/* A pid no process has (above pid_max's limit of 4194304). */
#define NOPID 0x7ffffff0

/* struct ptrace_peeksiginfo_args (glibc's is __ptrace_peeksiginfo_args). */
struct peek {
	uint64_t off;
	uint32_t flags;
	int32_t nr;
};

static long
pt(long req, long pid, unsigned long addr, unsigned long data)
{
	return syscall(SYS_ptrace, req, pid, addr, data);
}

static void
setsiginfo(const siginfo_t *si)
{
	pt(PTRACE_SETSIGINFO, NOPID, 0, (unsigned long)si);
}

static void
on_nopid(void)
{
	struct peek psa = { .off = 7, .flags = 1, .nr = 3 };
	struct user_regs_struct regs;
	struct user_fpregs_struct fp;
	uint64_t md[2] = { 42, 0 };
	uint64_t three[3] = { 0x1234, 0, 0xdeadbeef };
	struct iovec iov = { three, sizeof(three) };
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGIO;
	si.si_code = POLL_IN;
	si.si_errno = ENOENT;
	si.si_band = -2;
	si.si_fd = 23;
	setsiginfo(&si);

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_BNDERR;
	si.si_addr = (void *)0xfacefeedUL;
	si.si_lower = (void *)0x1000UL;
	setsiginfo(&si);
	si.si_code = SEGV_PKUERR;
	si.si_pkey = 7;
	setsiginfo(&si);

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGBUS;
	si.si_code = BUS_MCEERR_AR;
	si.si_addr = (void *)0xbad0UL;
	si.si_addr_lsb = 12;
	setsiginfo(&si);

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSYS;
	si.si_code = 1; /* SYS_SECCOMP */
	si.si_call_addr = (void *)0xcafe0UL;
	si.si_syscall = SYS_getppid;
	si.si_arch = AUDIT_ARCH_X86_64;
	setsiginfo(&si);
	si.si_arch = 0x1234;
	setsiginfo(&si);

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGALRM;
	si.si_code = SI_TIMER;
	si.si_timerid = 0x77;
	si.si_overrun = 3;
	si.si_value.sival_ptr = (void *)0x5eed0UL;
	setsiginfo(&si);

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGTRAP;
	si.si_code = 5; /* TRAP_UNK */
	setsiginfo(&si);
	si.si_code = 0x77;
	setsiginfo(&si);

	/* struct user's offsets, named as strace names them. */
	pt(PTRACE_PEEKUSER, NOPID, 0, 0);
	pt(PTRACE_PEEKUSER, NOPID, 8 * 18, 0);
	pt(PTRACE_PEEKUSER, NOPID, 200, 0);
	pt(PTRACE_POKEUSER, NOPID,
	   offsetof(struct user, u_debugreg) + 7 * 8, 0);
	pt(PTRACE_PEEKUSER, NOPID, sizeof(struct user), 0);
	pt(PTRACE_PEEKUSER, NOPID, sizeof(struct user) + 1, 0);
	pt(PTRACE_PEEKSIGINFO, NOPID, (unsigned long)&psa, 0);
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, sizeof(md), (unsigned long)md);
	pt(PTRACE_SECCOMP_GET_METADATA, NOPID, 4, (unsigned long)md);

	memset(&regs, 0, sizeof(regs));
	regs.rip = 0x401000;
	regs.rsp = 0x7000;
	pt(PTRACE_SETREGS, NOPID, 0, (unsigned long)&regs);
	memset(&fp, 0, sizeof(fp));
	fp.cwd = 0x37f;
	fp.mxcsr = 0x1f80;
	pt(PTRACE_SETFPREGS, NOPID, 0, (unsigned long)&fp);
	pt(PTRACE_SETREGSET, NOPID, NT_PRSTATUS, (unsigned long)&iov);
	iov.iov_len = 12; /* not a multiple of 8: the address */
	pt(PTRACE_SETREGSET, NOPID, NT_PRSTATUS, (unsigned long)&iov);
}

static void
on_child(void)
{
	struct peek psa = { .off = 0, .flags = 0, .nr = 4 };
	uint64_t three[3] = { 0x1234, 0, 0xdeadbeef };
	uint64_t back[3] = { 0 };
	struct user_regs_struct regs;
	struct user_fpregs_struct fp;
	struct iovec iov = { three, sizeof(three) };
	siginfo_t si, peeked[4];
	struct sock_filter filter[2];
	uint64_t md[2] = { 0, 0 };
	sigset_t chld;
	int status;
	pid_t pid;

	/* No SIGCHLD delivery: where its line falls would be a race. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid = fork();
	if (pid < 0)
		return;
	if (!pid) {
		/* A filter that allows everything, for the tracer to read. */
		struct sock_filter insns[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { 2, insns };

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
		pt(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		goto out;
	pt(PTRACE_GETSIGINFO, pid, 0, (unsigned long)&si);
	/* Its seccomp filter (needs CAP_SYS_ADMIN: EACCES otherwise). */
	pt(PTRACE_SECCOMP_GET_FILTER, pid, 0, (unsigned long)filter);
	pt(PTRACE_SECCOMP_GET_METADATA, pid, sizeof(md), (unsigned long)md);
	/* Thread-directed, so that they wait in its own queue. */
	syscall(SYS_tgkill, pid, pid, SIGUSR1);
	syscall(SYS_tgkill, pid, pid, SIGUSR2);
	pt(PTRACE_PEEKSIGINFO, pid, (unsigned long)&psa,
	   (unsigned long)peeked);
	pt(PTRACE_SETREGSET, pid, NT_PRSTATUS, (unsigned long)&iov);
	iov.iov_base = back;
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (unsigned long)&iov);
	iov.iov_base = &regs;
	iov.iov_len = sizeof(regs) + 64; /* cut by the kernel */
	pt(PTRACE_GETREGSET, pid, NT_PRSTATUS, (unsigned long)&iov);
	pt(PTRACE_GETREGS, pid, 0, (unsigned long)&regs);
	pt(PTRACE_GETFPREGS, pid, 0, (unsigned long)&fp);
	iov.iov_base = &fp;
	iov.iov_len = 40;
	pt(PTRACE_GETREGSET, pid, NT_FPREGSET, (unsigned long)&iov);
out:
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

int
main(void)
{
	on_nopid();
	on_child();
	return 0;
}
