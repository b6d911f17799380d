/* SPDX-License-Identifier: MIT */
/*
 * cli_decode2: a deterministic tracee for the "decode2" golden family: the
 * syscalls snare once printed in hex where strace decodes them: gid lists
 * (getgroups, setgroups), fd sets and what select leaves in them, CPU
 * masks, extended attributes, timers (itimerval, itimerspec), struct tms,
 * stack_t, file times, prctl's options, scheduler policies and a few
 * flag arguments. Each is also called
 * with an unreadable pointer or a bad value. Files live in the directory
 * argv[1]; fds come from pipe(); no sleeps, one order on every run.
 *
 *   cli_decode2 DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/capability.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)1) /* never mapped */

static void
groups(void)
{
	uint32_t gids[64], list[3] = { 0, UINT32_MAX, 2 };
	long n;

	syscall(SYS_getgroups, 0, NULL);
	n = syscall(SYS_getgroups, 64, gids);
	syscall(SYS_getgroups, -1, gids);
	syscall(SYS_getgroups, 4, BAD);
	/* The same list back: EPERM unless privileged, and no change. */
	if (n >= 0)
		syscall(SYS_setgroups, n, gids);
	syscall(SYS_setgroups, 3, list);
	syscall(SYS_setgroups, 2, BAD);
	syscall(SYS_setgroups, 70000, list);
	syscall(SYS_setreuid, -1, -1);
	syscall(SYS_setregid, -1, -1);
	syscall(SYS_setfsuid, -1);
	syscall(SYS_setfsgid, -1);
}

static void
selects(void)
{
	struct timeval tv = { 1, 0 }, zero = { 0, 0 };
	struct timespec ts = { 0, 0 };
	fd_set r, w, e;
	sigset_t mask;
	struct {
		sigset_t *set;
		size_t size;
	} sig = { &mask, 8 };
	int p[2];

	if (pipe(p))
		exit(1);
	/* Nothing to read yet: a timeout. */
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &zero);
	/* A byte in the pipe: readable and writable ends ready. */
	if (write(p[1], "x", 1) != 1)
		exit(1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(p[1], &r);
	FD_ZERO(&w);
	FD_SET(p[1], &w);
	FD_ZERO(&e);
	FD_SET(p[1], &e);
	syscall(SYS_select, p[1] + 1, &r, &w, &e, &tv);
	syscall(SYS_select, p[1] + 1, &r, &w, NULL, NULL);
	syscall(SYS_select, 0, &r, NULL, NULL, &zero);
	syscall(SYS_select, -1, &r, NULL, NULL, &zero);
	syscall(SYS_select, 3, BAD, NULL, NULL, BAD);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, &sig);
	sig.set = NULL;
	syscall(SYS_pselect6, p[0] + 1, NULL, &r, NULL, &ts, &sig);
	syscall(SYS_pselect6, 2000, NULL, NULL, NULL, &ts, NULL);
	syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, NULL, BAD);
	close(p[0]);
	close(p[1]);
}

static void
affinity(void)
{
	uint64_t set[16], odd[2] = { 0xff00ff, 1 };
	long n;

	memset(set, 0, sizeof(set));
	n = syscall(SYS_sched_getaffinity, 0, sizeof(set), set);
	if (n > 0)
		syscall(SYS_sched_setaffinity, 0, n, set);
	syscall(SYS_sched_getaffinity, 0, 3, set);
	syscall(SYS_sched_getaffinity, 0, 8, NULL);
	/* CPUs that do not exist: EINVAL, but the mask is printed. */
	syscall(SYS_sched_setaffinity, 999999999, sizeof(odd), odd);
	syscall(SYS_sched_setaffinity, 0, 0, odd);
	syscall(SYS_sched_setaffinity, 0, 8, BAD);
}

/* File times: fixed dates, which strace comments in local time. */
static void
times_of(const char *path, int fd)
{
	struct timespec ts[2] = { { 1795400173, 167441687 }, { 0, UTIME_NOW } };
	struct timeval tv[2] = { { 1795400173, 5 }, { 3, 0 } };
	struct utimbuf {
		time_t actime, modtime;
	} ub = { 1795400173, 6 };

	syscall(SYS_utimensat, AT_FDCWD, path, ts, 0);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = 5;
	syscall(SYS_utimensat, fd, NULL, ts, 0);
	ts[0].tv_nsec = 2000000000;
	syscall(SYS_utimensat, AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_utimensat, AT_FDCWD, path, BAD, 0);
	syscall(SYS_utimensat, fd, NULL, NULL, 0);
	syscall(SYS_utimes, path, tv);
	syscall(SYS_utimes, path, NULL);
	tv[0].tv_usec = 2000000;
	syscall(SYS_futimesat, AT_FDCWD, path, tv);
	syscall(SYS_utime, path, &ub);
	syscall(SYS_utime, path, BAD);
}

/* Offsets read at entry, and sendfile's as the kernel moved it. */
static void
offsets(int fd)
{
	long long off = 3, big = 1LL << 62;
	struct iovec iov;
	char buf[8];
	int p[2];

	if (pipe(p) || pwrite(fd, "0123456789abcdef", 16, 0) != 16)
		exit(1);
	syscall(SYS_sendfile, p[1], fd, &off, 5);
	syscall(SYS_sendfile, p[1], fd, NULL, 5);
	syscall(SYS_sendfile, p[1], fd, BAD, 5);
	syscall(SYS_sendfile, p[1], fd, &big, 5);
	off = 100;
	syscall(SYS_sendfile, p[1], fd, &off, 5);
	off = 1;
	syscall(SYS_splice, p[0], NULL, fd, &off, 3, SPLICE_F_NONBLOCK);
	syscall(SYS_copy_file_range, fd, &off, fd, NULL, 0, 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	syscall(SYS_preadv2, fd, &iov, 1, 2, 0, 0);
	syscall(SYS_preadv2, fd, &iov, 1, 0, 0, RWF_HIPRI | 0x100);
	syscall(SYS_pwritev2, fd, &iov, 1, 0, 0, RWF_DSYNC);
	close(p[0]);
	close(p[1]);
}

/* I/O priorities: this process's own, set to what it may set. */
static void
ioprios(void)
{
	syscall(SYS_ioprio_get, 1, 0);
	syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4);
	syscall(SYS_ioprio_get, 1, 0);
	syscall(SYS_ioprio_set, 1, 0, (7 << 13) | 4);
	syscall(SYS_ioprio_get, 9, 0);
	syscall(SYS_pidfd_getfd, -1, 3, 0);
	syscall(SYS_pidfd_getfd, -1, 3, 5);
}

static void
wallclock(void)
{
	time_t t;

	syscall(SYS_time, &t);
	syscall(SYS_time, NULL);
	syscall(SYS_time, BAD);
}

/* mknodat's device number is printed for devices only. */
static void
nodes(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/node", dir);
	syscall(SYS_mknodat, AT_FDCWD, path, S_IFIFO | 0600, 5);
	unlink(path);
	syscall(SYS_mknodat, AT_FDCWD, path, S_IFCHR | 0600, makedev(1, 3));
	unlink(path);
	syscall(SYS_mknodat, AT_FDCWD, path, 0170600, 0);
	syscall(SYS_mknod, path, 0600, 5);
	unlink(path);
}

static void
xattrs(const char *dir)
{
	char path[4096], buf[64];
	struct statx stx;
	int fd;

	snprintf(path, sizeof(path), "%s/xattr", dir);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0)
		exit(1);
	/* Values with and without a trailing NUL; tmpfs may refuse user.*,
	 * the arguments are printed either way. */
	setxattr(path, "user.a", "a\0b", 3, 0);
	lsetxattr(path, "user.b", "text\0", 5, XATTR_CREATE);
	fsetxattr(fd, "user.c", "0123456789012345678901234567890123456789",
		  40, XATTR_REPLACE);
	syscall(SYS_setxattr, path, "user.d", BAD, 3, 4);
	syscall(SYS_fsetxattr, fd, BAD, "v", 1, 0);
	getxattr(path, "user.a", buf, sizeof(buf));
	getxattr(path, "user.a", buf, 1);
	lgetxattr(path, "user.none", buf, sizeof(buf));
	fgetxattr(fd, "user.b", buf, sizeof(buf));
	listxattr(path, buf, sizeof(buf));
	llistxattr(path, NULL, 0);
	flistxattr(fd, buf, 1);
	removexattr(path, "user.a");
	lremovexattr(path, "user.b");
	fremovexattr(fd, "user.none");
	syscall(SYS_fadvise64, fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	syscall(SYS_fadvise64, fd, 1, 100, 77);
	syscall(SYS_readahead, fd, 0, 4096);
	syscall(SYS_sync_file_range, fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE);
	syscall(SYS_sync_file_range, fd, 0, 0, 0x40);
	syscall(SYS_umount2, path, MNT_DETACH | UMOUNT_NOFOLLOW);
	syscall(SYS_listxattr, path, buf, 0);
	offsets(fd);
	/* Another fd of the same file: the filesystem may refuse to clone. */
	syscall(SYS_ioctl, fd, FICLONE, fd);
	nodes(dir);
	syscall(SYS_statx, AT_FDCWD, "/", AT_SYMLINK_NOFOLLOW, STATX_MODE, &stx);
	times_of(path, fd);
	close(fd);
	unlink(path);
}

/* The kernel's struct sigevent, with the union's two forms. */
struct sigevent_k {
	union {
		int i;
		void *p;
	} value;
	int signo, notify;
	union {
		int tid;
		struct {
			void *function, *attributes;
		} thread;
		int pad[12];
	} un;
};

static void
sigevents(void)
{
	struct sigevent_k ev;
	int id, pid = (int)syscall(SYS_getpid);

	memset(&ev, 0, sizeof(ev));
	ev.signo = SIGALRM;
	syscall(SYS_timer_create, CLOCK_REALTIME, &ev, &id);
	ev.value.i = 5;
	syscall(SYS_timer_create, CLOCK_REALTIME, &ev, &id);
	memset(&ev, 0, sizeof(ev));
	ev.notify = SIGEV_NONE;
	ev.signo = 3;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
	ev.notify = SIGEV_THREAD_ID;
	ev.signo = SIGUSR1;
	ev.un.tid = pid;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
	memset(&ev, 0, sizeof(ev));
	ev.notify = SIGEV_THREAD;
	ev.un.thread.function = BAD;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
	ev.notify = 77;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
	syscall(SYS_timer_create, CLOCK_MONOTONIC, BAD, &id);
	syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, BAD);
}

static void
timers(void)
{
	struct itimerval iv = { { 0, 0 }, { 100, 500000 } }, old;
	struct itimerspec its = { { 0, 0 }, { 100, 0 } }, cur;
	struct timespec ts;
	struct tms t;
	int tfd, id = -1, param = 0;
	volatile unsigned long spin;

	syscall(SYS_setitimer, ITIMER_REAL, &iv, NULL);
	syscall(SYS_getitimer, ITIMER_REAL, &old);
	memset(&iv, 0, sizeof(iv));
	syscall(SYS_setitimer, ITIMER_REAL, &iv, &old);
	syscall(SYS_setitimer, 77, &iv, BAD);
	syscall(SYS_getitimer, ITIMER_VIRTUAL, BAD);
	tfd = (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
	syscall(SYS_timerfd_settime, tfd, 0, &its, NULL);
	syscall(SYS_timerfd_gettime, tfd, &cur);
	memset(&its, 0, sizeof(its));
	syscall(SYS_timerfd_settime, tfd, TFD_TIMER_ABSTIME, &its, &cur);
	syscall(SYS_timerfd_gettime, tfd, BAD);
	close(tfd);
	syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, &id);
	sigevents();
	syscall(SYS_timer_settime, id, 0, &its, NULL);
	syscall(SYS_timer_gettime, id, &cur);
	syscall(SYS_timer_getoverrun, id);
	syscall(SYS_timer_delete, id);
	syscall(SYS_times, BAD);
	/* Some user time, for the comment in seconds that follows ticks. */
	for (spin = 0; spin < 200000000; spin++)
		;
	syscall(SYS_times, &t);
	syscall(SYS_sched_getscheduler, 0);
	syscall(SYS_sched_getparam, 0, &param);
	syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &param);
	syscall(SYS_sched_get_priority_max, SCHED_FIFO);
	syscall(SYS_sched_get_priority_min, 77);
	syscall(SYS_sched_rr_get_interval, 0, &ts);
	syscall(SYS_clock_settime, CLOCK_REALTIME, BAD);
}

static void
stacks(void)
{
	static char stack[65536];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, old;

	syscall(SYS_sigaltstack, NULL, &old);
	syscall(SYS_sigaltstack, &ss, &old);
	syscall(SYS_sigaltstack, NULL, &old);
	ss.ss_flags = SS_DISABLE;
	syscall(SYS_sigaltstack, &ss, NULL);
	ss.ss_flags = 0x40;
	syscall(SYS_sigaltstack, &ss, NULL);
	syscall(SYS_sigaltstack, BAD, BAD);
	syscall(SYS_mlock2, stack, 16, MLOCK_ONFAULT);
	syscall(SYS_munlock, stack, 16);
}

static void
prctls(void)
{
	char name[32];
	int v = -1;

	prctl(PR_SET_NAME, "decode2");
	prctl(PR_GET_NAME, name);
	prctl(PR_SET_NAME, "0123456789abcdefghij");
	prctl(PR_GET_NAME, name);
	prctl(PR_SET_NAME, BAD);
	prctl(PR_GET_NAME, BAD);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	prctl(PR_GET_PDEATHSIG, &v);
	prctl(PR_SET_PDEATHSIG, 0);
	prctl(PR_GET_PDEATHSIG, BAD);
	prctl(PR_CAPBSET_READ, CAP_DAC_OVERRIDE);
	prctl(PR_CAPBSET_READ, 77);
	prctl(PR_SET_DUMPABLE, 7);
	prctl(PR_GET_DUMPABLE);
	prctl(PR_SET_DUMPABLE, 1);
	prctl(PR_GET_CHILD_SUBREAPER, &v);
	prctl(PR_SET_KEEPCAPS, 0);
	prctl(PR_GET_KEEPCAPS);
	prctl(PR_GET_SECUREBITS);
	prctl(PR_GET_TIMERSLACK);
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0);
	prctl(PR_CAP_AMBIENT, 9, 0, 0, 0);
	prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	groups();
	selects();
	affinity();
	xattrs(argv[1]);
	timers();
	stacks();
	prctls();
	wallclock();
	ioprios();
	return 0;
}
