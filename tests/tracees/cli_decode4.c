/* SPDX-License-Identifier: MIT */
/*
 * cli_decode4: a deterministic tracee for the "decode4" golden family:
 * one or more calls of each syscall snare once printed as raw hex
 * (strace's printargs()): waitid, ptrace, mount, capget/capset, the NUMA
 * memory policy calls, seccomp, bpf, io_uring, openat2, System V IPC,
 * POSIX message queues, keys, signal queueing, process_vm_*, kcmp,
 * membarrier, pkeys, sched_attr, the new mount API, landlock and the
 * administrative calls. Every call is safe when run as root: paths that do
 * not exist, pids that do not exist, bad fds, wrong magic numbers; the
 * calls that succeed only read or change nothing. Failing calls still show
 * the decoded arguments. No sleeps. A sixth argument is passed as a
 * long: syscall() reads it from the stack, whole.
 *
 *   cli_decode4 DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/landlock.h>
#include <linux/membarrier.h>
#include <linux/mempolicy.h>
#include <linux/openat2.h>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <linux/kcmp.h>
#include <linux/sched/types.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/ptrace.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A pid no process has (above pid_max's limit of 4194304). */
#define NOPID 0x7ffffff0
#define MS_RDONLY_ 1
#define MS_NOSUID_ 2
#define MS_NODEV_ 4
#define MS_REMOUNT_ 32
#define MS_BIND_ 4096
#define MS_REC_ 16384
#define MS_MGC_VAL_ 0xc0ed0000UL

static void
waits(void)
{
	siginfo_t si;
	sigset_t chld, old;
	pid_t pid;

	/* SIGCHLD waits until the child is reaped: its line comes at the
	   unblocking, wherever the child's exit falls. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	pid = fork();
	if (pid < 0)
		exit(2);
	if (pid == 0)
		_exit(3);
	memset(&si, 0, sizeof(si));
	syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
	syscall(SYS_waitid, P_PGID, 0, NULL, WSTOPPED | WCONTINUED | WNOWAIT,
		(void *)1);
	syscall(SYS_waitid, 7, 0, NULL, 0x4000000, NULL);
}

static void
ptraces(void)
{
	long word = 0;
	struct iovec iov = { &word, sizeof(word) };

	syscall(SYS_ptrace, PTRACE_PEEKDATA, NOPID, 0x1000, &word);
	syscall(SYS_ptrace, PTRACE_POKEDATA, NOPID, 0x1000, 0x1234);
	syscall(SYS_ptrace, PTRACE_SETOPTIONS, NOPID, 0,
		PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
		PTRACE_O_EXITKILL);
	syscall(SYS_ptrace, PTRACE_SEIZE, NOPID, 0, PTRACE_O_TRACEEXEC | 0x800);
	syscall(SYS_ptrace, PTRACE_CONT, NOPID, 0, SIGUSR1);
	syscall(SYS_ptrace, PTRACE_SYSCALL, NOPID, 0, 0);
	syscall(SYS_ptrace, PTRACE_GETREGSET, NOPID, 1, &iov);
	syscall(SYS_ptrace, PTRACE_GETREGS, NOPID, 0, &word);
	syscall(SYS_ptrace, PTRACE_DETACH, NOPID, 0, 0);
	syscall(SYS_ptrace, PTRACE_INTERRUPT, NOPID, 0, 0);
	syscall(SYS_ptrace, PTRACE_GETEVENTMSG, NOPID, 0, &word);
	syscall(SYS_ptrace, 0x4321, NOPID, 0x10, 0x20);
}

static void
mounts(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/none/mnt", dir);
	syscall(SYS_mount, "snare-src", path, "snarefs",
		MS_RDONLY_ | MS_NOSUID_ | MS_NODEV_, "opt=1");
	syscall(SYS_mount, NULL, path, NULL, MS_REMOUNT_ | MS_BIND_, NULL);
	syscall(SYS_mount, "src", path, "tmpfs", MS_MGC_VAL_ | MS_BIND_ | MS_REC_,
		NULL);
	syscall(SYS_mount, "src", path, "tmpfs", 0x40000000UL | MS_RDONLY_,
		NULL);
	syscall(SYS_umount2, path, 2);
	syscall(SYS_swapon, path, 0x8000 | 5 | 0x10000);
	syscall(SYS_swapon, path, 0);
	syscall(SYS_swapoff, path);
	syscall(SYS_pivot_root, path, "/nonexistent-snare");
	syscall(SYS_quotactl, 0x80000700U /* QCMD(Q_GETQUOTA, USRQUOTA) */, path, 0,
		NULL);
	syscall(SYS_quotactl, 0x80000301U /* QCMD(Q_QUOTAOFF, GRPQUOTA) */, path, 0,
		NULL);
	syscall(SYS_quotactl, 0x80000202U /* QCMD(Q_QUOTAON, PRJQUOTA) */, path, 4,
		path);
	syscall(SYS_quotactl, 0x800002U /* an unknown command */, path, 0, NULL);
}

static void
caps(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	syscall(SYS_capget, &hdr, data);
	syscall(SYS_capset, &hdr, data);
	hdr.version = 0x12345678;
	syscall(SYS_capget, &hdr, data);
	syscall(SYS_capget, NULL, NULL);
}

static void
mempolicy(void)
{
	unsigned long mask = 1, mask2 = 1;
	int mode = -1, status = -1;
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		exit(3);
	*(volatile char *)page = 1;
	syscall(SYS_get_mempolicy, &mode, &mask, 64, NULL, 0);
	syscall(SYS_get_mempolicy, NULL, NULL, 0, page,
		MPOL_F_NODE | MPOL_F_ADDR);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_PREFERRED | MPOL_F_STATIC_NODES, &mask,
		64);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_mbind, page, 4096, MPOL_BIND, &mask, 64,
		(long)(MPOL_MF_STRICT | MPOL_MF_MOVE));
	syscall(SYS_mbind, page, 4096, 99, NULL, 0, 0x100L);
	syscall(SYS_migrate_pages, NOPID, 64, &mask, &mask2);
	syscall(SYS_move_pages, 0, 1, &page, NULL, &status, 0L);
	syscall(SYS_move_pages, NOPID, 1, &page, &mode, &status,
		(long)MPOL_MF_MOVE);
	syscall(SYS_set_mempolicy_home_node, page, 4096, 0, 0);
	munmap(page, 4096);
}

static void
seccomps(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 39, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 4, insns };
	uint32_t action = SECCOMP_RET_LOG;

	syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	/* Flags no kernel knows: refused before anything is installed. */
	syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x80000000U, &prog);
	syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 1, NULL);
	syscall(SYS_seccomp, 77, 0, NULL);
}

static void
ipcs(void)
{
	struct sembuf sops[2] = { { 0, 1, SEM_UNDO }, { 1, -1, IPC_NOWAIT } };
	struct timespec ts = { 1, 2 };
	struct { long mtype; char mtext[4]; } msg = { 5, "abc" };
	struct shmid_ds ds;

	syscall(SYS_shmget, 0x5e4a7e01, 4096, 0600);
	syscall(SYS_shmget, 0x5e4a7e02, 4096, IPC_EXCL | 0x800 | 0644);
	syscall(SYS_shmat, -1, NULL, SHM_RDONLY | SHM_RND);
	syscall(SYS_shmctl, -1, IPC_STAT, &ds);
	syscall(SYS_shmctl, -1, IPC_RMID, NULL);
	syscall(SYS_shmdt, (void *)0x1000);
	syscall(SYS_semget, 0x5e4a7e01, 2, 0600);
	syscall(SYS_semop, -1, sops, 2);
	syscall(SYS_semtimedop, -1, sops, 1, &ts);
	syscall(SYS_semctl, -1, 0, IPC_RMID, NULL);
	syscall(SYS_semctl, -1, 1, GETVAL, NULL);
	syscall(SYS_msgget, 0x5e4a7e01, IPC_EXCL | 0600);
	syscall(SYS_msgget, 0x5e4a7e02, 0644);
	syscall(SYS_msgsnd, -1, &msg, 4, IPC_NOWAIT);
	syscall(SYS_msgrcv, -1, &msg, 4, 5, IPC_NOWAIT | MSG_NOERROR);
	syscall(SYS_msgctl, -1, IPC_STAT, &ds);
	syscall(SYS_msgctl, -1, IPC_RMID, NULL);
}

static void
queues(void)
{
	struct { long flags, maxmsg, msgsize, curmsgs, pad[4]; } attr =
		{ 0, 0, 0, 0, { 0 } }, old;
	struct timespec ts = { 3, 4 };
	unsigned prio = 0;
	char buf[16];

	syscall(SYS_mq_open, "snare-none", O_RDONLY, 0, NULL);
	/* A zero mq_maxmsg: refused, nothing is created. */
	syscall(SYS_mq_open, "snare-none", O_RDWR | O_CREAT | O_EXCL, 0600,
		&attr);
	syscall(SYS_mq_unlink, "snare-none");
	syscall(SYS_mq_timedsend, -1, "msg", 3, 1, &ts);
	syscall(SYS_mq_timedreceive, -1, buf, sizeof(buf), &prio, &ts);
	syscall(SYS_mq_notify, -1, NULL);
	syscall(SYS_mq_getsetattr, -1, &attr, &old);
}

static void
keys(void)
{
	char buf[64];

	syscall(SYS_add_key, "user", "snare:test", "payload", 7, -100);
	syscall(SYS_request_key, "user", "snare:none", NULL, -100);
	syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, NOPID, 0);
	syscall(SYS_keyctl, KEYCTL_DESCRIBE, NOPID, buf, sizeof(buf));
	syscall(SYS_keyctl, KEYCTL_SETPERM, NOPID, 0x3f010000);
	syscall(SYS_keyctl, KEYCTL_CHOWN, NOPID, -1, 0);
	syscall(SYS_keyctl, KEYCTL_REVOKE, NOPID);
	syscall(SYS_keyctl, KEYCTL_UPDATE, NOPID, "new", 3);
	syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING, "user",
		"snare:none", 0);
	syscall(SYS_keyctl, 0x77, 1, 2, 3, 4);
}

static void
files(const char *dir)
{
	struct open_how how = { O_RDONLY | O_CLOEXEC, 0,
				RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH };
	struct { unsigned bytes; int type; unsigned char h[8]; } fh = { 0, 0, { 0 } };
	struct { uint64_t set, clr, prop, userns; } mattr = { 1, 0, 0, 0 };
	struct { uint64_t access; } ruleset = { 3 };
	struct __attribute__((packed)) { uint64_t access; int32_t fd; } rule =
		{ 1, -1 };
	char path[4096];
	int mount_id = 0, fd;

	snprintf(path, sizeof(path), "%s/none", dir);
	syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	how.flags = O_WRONLY | O_CREAT | O_EXCL;
	how.mode = 0600;
	how.resolve = 0x40000;
	syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	syscall(SYS_openat2, AT_FDCWD, path, &how, 8);
	syscall(SYS_fanotify_init, 0x10000 | 1, O_RDONLY);
	syscall(SYS_fanotify_mark, -1, 1, 0x20 | 0x40000000, AT_FDCWD, path);
	syscall(SYS_fanotify_mark, -1, 2, 0x1, -1, NULL);
	fd = (int)syscall(SYS_inotify_init);
	if (fd >= 0)
		close(fd);
	syscall(SYS_name_to_handle_at, AT_FDCWD, dir, &fh, &mount_id, 0);
	syscall(SYS_name_to_handle_at, AT_FDCWD, path, &fh, &mount_id, 0x400);
	syscall(SYS_open_by_handle_at, -1, &fh, O_RDONLY);
	syscall(SYS_landlock_create_ruleset, NULL, 0, 1);
	syscall(SYS_landlock_create_ruleset, &ruleset, sizeof(ruleset), 0x2);
	syscall(SYS_landlock_add_rule, -1, 1, &rule, 0);
	syscall(SYS_landlock_restrict_self, -1, 0);
	syscall(SYS_fsopen, "snarefs", 1);
	syscall(SYS_fsconfig, -1, 1, "key", "value", 0);
	syscall(SYS_fsconfig, -1, 6, NULL, NULL, 0);
	syscall(SYS_fsmount, -1, 1, 1 | 0x10);
	syscall(SYS_fspick, AT_FDCWD, path, 1);
	syscall(SYS_move_mount, -1, "", AT_FDCWD, path, 4);
	syscall(SYS_open_tree, AT_FDCWD, path, 1 | O_CLOEXEC);
	syscall(SYS_mount_setattr, -1, "", AT_EMPTY_PATH, &mattr, sizeof(mattr));
	syscall(SYS_quotactl_fd, -1, 0x80000500U /* QCMD(Q_GETINFO, USRQUOTA) */, 0,
		NULL);
}

static void
urings(void)
{
	struct io_uring_params p;
	struct iovec iov = { (void *)0x1000, 16 };

	memset(&p, 0, sizeof(p));
	p.flags = 0x80000000U;
	syscall(SYS_io_uring_setup, 0, &p);
	syscall(SYS_io_uring_setup, 1, NULL);
	syscall(SYS_io_uring_enter, -1, 1, 0, 1, NULL, 8L);
	syscall(SYS_io_uring_register, -1, 0, &iov, 1);
	syscall(SYS_io_uring_register, -1, 99, NULL, 0);
}

/* The rest, with arguments that change nothing (a bad fd, a module
   that is not loaded, an invalid time). */
static void
others(void)
{
	struct timeval tv = { 1, 2000000 };
	struct iovec iov = { (void *)"splice", 6 };
	unsigned long ctx = 0, seg[4] = { 0x1000, 16, 0x200000, 4096 };
	char buf[16];
	int fd;

	syscall(SYS_uselib, "/nonexistent-snare.so");
	syscall(SYS_settimeofday, &tv, NULL);
	syscall(SYS_iopl, 4);
	syscall(SYS_ioperm, 0x1000000, 1, 0);
	syscall(SYS_init_module, NULL, 0, "opt=1");
	syscall(SYS_delete_module, "snare_none", O_NONBLOCK);
	syscall(SYS_finit_module, -1, "", 2);
	syscall(SYS_kexec_file_load, -1, -1, 4, "args", 4);
	/* An i386 image or 17 segments: refused before anything. */
	syscall(SYS_kexec_load, 0x100000, 1, seg, (3UL << 16) | 1);
	syscall(SYS_kexec_load, 0x100000, 17, seg, (62UL << 16) | 0x10);
	syscall(SYS_io_setup, 0, &ctx);
	syscall(SYS_io_destroy, 0);
	syscall(SYS_lookup_dcookie, 0, buf, sizeof(buf));
	syscall(SYS_remap_file_pages, NULL, 4096, 0, 0, MAP_NONBLOCK);
	syscall(SYS_vmsplice, -1, &iov, 1, 2);
	fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0)
		close(fd);
}

static void
admin(void)
{
	struct { uint32_t type, size; uint64_t config, period, stype, rformat,
		 flags, rest[9]; } pe;
	struct { uint64_t val, uaddr; uint32_t flags, reserved; } waiter;
	uint32_t futex_word = 1;
	struct timespec ts = { 0, 0 };
	struct timex tx;
	int fd;

	syscall(SYS_syslog, 10, NULL, 0);
	syscall(SYS_syslog, 8, NULL, 0x7f);
	syscall(SYS_syslog, 0xff, (void *)0x1000, 5);
	/* The second magic number is wrong: refused before anything. */
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, 0x12345678,
		LINUX_REBOOT_CMD_CAD_OFF, NULL);
	syscall(SYS_reboot, 0xdeadbeef, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_RESTART2, "again");
	syscall(SYS_adjtimex, NULL);
	memset(&tx, 0, sizeof(tx));
	syscall(SYS_clock_adjtime, 0x77, &tx);
	waiter.val = 0;
	waiter.uaddr = (uintptr_t)&futex_word;
	waiter.flags = 2 | 128;
	waiter.reserved = 0;
	syscall(SYS_futex_waitv, &waiter, 1, 0, &ts, CLOCK_MONOTONIC);
	syscall(SYS_futex_waitv, NULL, 0, 0, NULL, CLOCK_REALTIME);
	memset(&pe, 0, sizeof(pe));
	pe.type = 1; /* PERF_TYPE_SOFTWARE */
	pe.size = 128;
	pe.config = 9; /* PERF_COUNT_SW_DUMMY */
	pe.flags = 1 | 1 << 5 | 1 << 6; /* disabled, exclude_kernel, _hv */
	fd = (int)syscall(SYS_perf_event_open, &pe, 0, -1, -1, 8);
	if (fd >= 0)
		close(fd);
	pe.type = 3; /* PERF_TYPE_HW_CACHE */
	pe.config = 1 << 16 | 0 << 8 | 2;
	pe.flags = 1ULL << 15;
	syscall(SYS_perf_event_open, &pe, NOPID, -1, -1, 0x10);
	pe.size = 8;
	syscall(SYS_perf_event_open, &pe, NOPID, -1, -1, 0);
	others();
}

static void
procs(void)
{
	char src[8] = "abcdefg", dst[8] = "wxyz";
	struct iovec local = { dst, 4 }, remote = { src, 4 };
	struct sched_attr attr;
	siginfo_t si;
	sigset_t mask;
	struct { uint32_t entry, base, limit, bits; } desc = { 8192, 0x1000,
							      0xfff, 0x51 };
	char ldt[64];
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct iovec piov = { page, 4096 };
	pid_t me = getpid();
	int fd, key;

	if (page == MAP_FAILED)
		exit(4);
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = NOPID;
	si.si_uid = 0;
	si.si_value.sival_int = 7;
	syscall(SYS_rt_sigqueueinfo, NOPID, SIGUSR1, &si);
	syscall(SYS_rt_tgsigqueueinfo, NOPID, NOPID, SIGUSR2, &si);
	syscall(SYS_rt_sigqueueinfo, NOPID, SIGUSR1, NULL);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	fd = (int)syscall(SYS_signalfd, -1, &mask, 8);
	if (fd >= 0)
		close(fd);
	syscall(SYS_signalfd, -1, &mask, 4);
	syscall(SYS_process_vm_readv, me, &local, 1L, &remote, 1L, 0L);
	syscall(SYS_process_vm_readv, NOPID, &local, 1L, &remote, 1L, 0L);
	syscall(SYS_process_vm_writev, NOPID, &local, 1L, &remote, 1L, 0L);
	syscall(SYS_kcmp, me, me, KCMP_FILE, 1, 1);
	syscall(SYS_kcmp, me, me, KCMP_VM, 0, 0);
	syscall(SYS_kcmp, NOPID, NOPID, KCMP_EPOLL_TFD, -1, NULL);
	syscall(SYS_kcmp, me, me, 99, 1, 2);
	memset(&attr, 0, sizeof(attr));
	syscall(SYS_sched_getattr, 0, &attr, sizeof(attr), 0);
	syscall(SYS_sched_setattr, 0, &attr, 0);
	syscall(SYS_sched_getattr, NOPID, &attr, sizeof(attr), 0);
	syscall(SYS_sched_setattr, 0, NULL, 0);
	key = (int)syscall(SYS_pkey_alloc, 0, 2 /* PKEY_DISABLE_WRITE */);
	if (key >= 0)
		syscall(SYS_pkey_free, key);
	syscall(SYS_pkey_alloc, 0, 8);
	syscall(SYS_pkey_free, 15);
	syscall(SYS_pkey_mprotect, page, 4096, PROT_READ, -1);
	syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
	syscall(SYS_membarrier, 0x1000, 1, 3);
	syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
	syscall(SYS_process_madvise, -1, &piov, 1, MADV_COLD, 0);
	syscall(SYS_process_mrelease, -1, 0);
	fd = (int)syscall(SYS_memfd_secret, 0);
	if (fd >= 0)
		close(fd);
	syscall(SYS_modify_ldt, 0, ldt, sizeof(ldt));
	/* Entry 8192 does not exist: refused, the LDT is left alone. */
	syscall(SYS_modify_ldt, 1, &desc, sizeof(desc));
	/* Entry 5 is no TLS entry: refused. */
	desc.entry = 5;
	syscall(SYS_set_thread_area, &desc);
	syscall(SYS_get_thread_area, &desc);
	syscall(SYS_get_thread_area, NULL);
	munmap(page, 4096);
}

/* A union bpf_attr as bytes: the fields at their offsets. */
static void
put32(unsigned char *a, size_t off, uint32_t v)
{
	memcpy(a + off, &v, sizeof(v));
}

static void
put64(unsigned char *a, size_t off, uint64_t v)
{
	memcpy(a + off, &v, sizeof(v));
}

static void
bpfs(void)
{
	unsigned char attr[160];
	uint32_t key = 0;
	uint64_t value = 5;
	int map;

	/* An array map of one element: created and used, then closed. */
	memset(attr, 0, sizeof(attr));
	put32(attr, 0, 2);  /* BPF_MAP_TYPE_ARRAY */
	put32(attr, 4, 4);  /* key_size */
	put32(attr, 8, 8);  /* value_size */
	put32(attr, 12, 1); /* max_entries */
	memcpy(attr + 28, "snare_map", 9);
	map = (int)syscall(SYS_bpf, 0, attr, 72);
	memset(attr, 0, sizeof(attr));
	put32(attr, 0, (uint32_t)map);
	put64(attr, 8, (uintptr_t)&key);
	put64(attr, 16, (uintptr_t)&value);
	syscall(SYS_bpf, 2, attr, 32); /* BPF_MAP_UPDATE_ELEM, BPF_ANY */
	syscall(SYS_bpf, 1, attr, 32); /* BPF_MAP_LOOKUP_ELEM */
	put64(attr, 24, 9);
	syscall(SYS_bpf, 2, attr, 32); /* flags unknown */
	put64(attr, 16, 0);
	syscall(SYS_bpf, 4, attr, 24); /* BPF_MAP_GET_NEXT_KEY */
	syscall(SYS_bpf, 3, attr, 16); /* BPF_MAP_DELETE_ELEM */
	if (map >= 0)
		close(map);
	/* Refused: no instructions; a byte past the struct. */
	memset(attr, 0, sizeof(attr));
	put32(attr, 0, 1); /* BPF_PROG_TYPE_SOCKET_FILTER */
	put64(attr, 16, (uintptr_t)"GPL");
	put32(attr, 40, 0x060100);
	memcpy(attr + 48, "snare_prog", 10);
	syscall(SYS_bpf, 5, attr, 128);
	syscall(SYS_bpf, 5, attr, 48);
	attr[140] = 1;
	syscall(SYS_bpf, 5, attr, 144);
	memset(attr, 0, sizeof(attr));
	put64(attr, 0, (uintptr_t)"/nonexistent-snare/pin");
	syscall(SYS_bpf, 7, attr, 16); /* BPF_OBJ_GET */
	memset(attr, 0, sizeof(attr));
	put32(attr, 0, 0xfffffff0U);
	syscall(SYS_bpf, 11, attr, 12); /* BPF_PROG_GET_NEXT_ID */
	syscall(SYS_bpf, 14, attr, 12); /* BPF_MAP_GET_FD_BY_ID */
	put32(attr, 0, (uint32_t)-1);
	put32(attr, 8, 2); /* BPF_CGROUP_INET_SOCK_CREATE */
	syscall(SYS_bpf, 9, attr, 12); /* BPF_PROG_DETACH */
	syscall(SYS_bpf, 99, attr, 12);
	syscall(SYS_bpf, 0, NULL, 72);
}

/* Native AIO on a file of DIR: a write, then a vectored read. */
static void
aio(const char *dir)
{
	char path[4096], in[4];
	struct iocb cb, *cbp = &cb;
	struct io_event ev[2];
	struct iovec iov = { in, sizeof(in) };
	struct timespec ts = { 5, 0 };
	sigset_t mask;
	struct { void *mask; size_t size; } sig = { &mask, 8 };
	aio_context_t ctx = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/aio", dir);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0 || syscall(SYS_io_setup, 4, &ctx) < 0)
		exit(6);
	memset(&cb, 0, sizeof(cb));
	cb.aio_data = 0x1234;
	cb.aio_lio_opcode = IOCB_CMD_PWRITE;
	cb.aio_fildes = (uint32_t)fd;
	cb.aio_buf = (uintptr_t)"hello";
	cb.aio_nbytes = 5;
	syscall(SYS_io_submit, ctx, 1, &cbp);
	syscall(SYS_io_getevents, ctx, 1, 2, ev, &ts);
	syscall(SYS_io_cancel, ctx, &cb, ev);
	cb.aio_lio_opcode = IOCB_CMD_PREADV;
	cb.aio_buf = (uintptr_t)&iov;
	cb.aio_nbytes = 1;
	cb.aio_offset = 1;
	syscall(SYS_io_submit, ctx, 1, &cbp);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	syscall(SYS_io_pgetevents, ctx, 1, 2, ev, &ts, &sig);
	syscall(SYS_io_submit, ctx, -1, NULL);
	syscall(SYS_io_getevents, ctx, 0, 1, ev, NULL);
	syscall(SYS_io_destroy, ctx);
	close(fd);
	unlink(path);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 1;
	waits();
	ptraces();
	procs();
	mounts(argv[1]);
	caps();
	mempolicy();
	seccomps();
	ipcs();
	queues();
	keys();
	files(argv[1]);
	urings();
	admin();
	bpfs();
	aio(argv[1]);
	return 0;
}
