/* SPDX-License-Identifier: MIT */
/*
 * cli_decode5: a deterministic tracee for the "decode5" golden family:
 * calls whose arguments carry the details strace 6.1 prints its own way
 * (ids as -1 or unsigned, unsigned ints with garbage in the upper half,
 * unsigned tv_usec, short signal sets, mincore's vector, a path of
 * PATH_MAX-1 bytes, __O_TMPFILE, struct tails beyond what the headers
 * know, wait4 without a reaped child). Every call is safe as root: paths
 * that do not exist, bad fds, invalid values; the calls that succeed
 * change nothing that matters (the working directory, at the end).
 *
 *   cli_decode5 DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <linux/dm-ioctl.h>
#include <linux/futex.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define HIGH 0xdefaced00000000ULL
#define IN_NONBLOCK_ 04000
#define IN_CLOEXEC_ 02000000
#define PTRACE_PEEKUSER_ 3

int
main(int argc, char **argv)
{
	char path[PATH_MAX], *slashes;
	struct timeval tv[2];
	struct timezone tz;
	struct itimerval it;
	struct rusage ru;
	uint64_t set = 0;
	unsigned char vec[4];
	char *pages;
	int fd, pfd[2], st;
	pid_t child;

	if (argc < 2) {
		fprintf(stderr, "usage: cli_decode5 DIR\n");
		return 2;
	}
	/* In a directory that does not exist: nothing is ever created. */
	snprintf(path, sizeof(path), "%s/nodir/none", argv[1]);

	/* Ids: -1 as -1, anything else unsigned. */
	syscall(SYS_chown, path, (unsigned long)0xffff0000UL, -1L);
	syscall(SYS_lchown, path, 0xffffffff00000000UL | 65535, 0xc0dec0deUL);
	syscall(SYS_fchown, -1, -1L, 0xffff0000UL);
	syscall(SYS_setfsuid, 0xffffffffffffffffUL);
	syscall(SYS_setfsgid, 0xffffffffffffffffUL);

	/* Unsigned ints whose upper half the kernel ignores. */
	syscall(SYS_delete_module, NULL, HIGH | O_NONBLOCK);
	syscall(SYS_finit_module, -1, "", HIGH | 2);
	syscall(SYS_process_mrelease, -1, HIGH | 0x10);
	syscall(SYS_landlock_restrict_self, -1, HIGH);
	syscall(SYS_pidfd_open, getpid(), HIGH | O_NONBLOCK | 0x10);
	syscall(SYS_pidfd_getfd, -1, -1, HIGH);
	syscall(SYS_sethostname, NULL, 0xffffffff00000040UL);
	syscall(SYS_fadvise64, -1, 0L, -2L, 0);
	syscall(SYS_mknod, path, 0xffffffffffff0000UL | S_IFCHR | 0644,
		0xdeadbeef00000000UL | makedev(1, 7));
	syscall(SYS_ustat, 0xfaceffffeedfffffUL, NULL);

	/* Signal sets shorter than 8 bytes. */
	syscall(SYS_rt_sigpending, &set, 4L);
	syscall(SYS_rt_sigpending, &set, 1L);
	syscall(SYS_rt_sigpending, &set, 9L);

	/* mincore's vector, one byte per page. */
	pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED)
		return 1;
	memset(pages, 1, 3 * 4096);
	syscall(SYS_mincore, pages, 2 * 4096 + 1, vec);
	munmap(pages, 3 * 4096);

	/* tv_usec is unsigned. */
	tv[0].tv_sec = 1;
	tv[0].tv_usec = (suseconds_t)0xbadc0dedbadc0dedULL;
	tv[1] = tv[0];
	syscall(SYS_utimes, path, tv);
	it.it_interval = tv[0];
	it.it_value = tv[0];
	syscall(SYS_setitimer, ITIMER_REAL, &it, NULL);
	syscall(SYS_gettimeofday, tv, &tz);

	/* wait4 with a child that has not exited: no status, no rusage. */
	/* SIGCHLD stays pending: no signal line whose place would race. */
	{
		sigset_t chld;

		sigemptyset(&chld);
		sigaddset(&chld, SIGCHLD);
		sigprocmask(SIG_BLOCK, &chld, NULL);
	}
	if (pipe(pfd))
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		char c;

		close(pfd[1]);
		_exit(read(pfd[0], &c, 1) == 0 ? 0 : 1);
	}
	close(pfd[0]);
	syscall(SYS_wait4, child, &st, WNOHANG, &ru);
	close(pfd[1]);
	syscall(SYS_wait4, child, &st, 0, NULL); /* times vary: none */

	/* open's flags: the kernel's __O_TMPFILE, unknown bits. */
	syscall(SYS_openat, -1, path, 020000000, 0600);
	syscall(SYS_openat, -1, path, O_WRONLY | 0x80000000);
	{
		struct {
			struct open_how how;
			uint64_t tail;
		} big = { { .flags = O_RDONLY | 0xdeadface80000000ULL,
			    .mode = 0, .resolve = 0 },
			  0x8786858483828180ULL };

		syscall(SYS_openat2, -1, path, &big, sizeof(big));
		big.tail = 0;
		big.how.flags = O_RDONLY;
		syscall(SYS_openat2, -1, path, &big, sizeof(big));
	}

	/* clone3: clone3's own flags, set_tid, cgroup, a tail; all fail. */
	{
		uint64_t ca[12];
		int tids[2] = { 1, 2 };

		memset(ca, 0, sizeof(ca));
		ca[0] = 0x200000000ULL | 0x80; /* INTO_CGROUP, NEWTIME */
		ca[10] = 0xffffffffULL;       /* cgroup: a bad fd */
		syscall(SYS_clone3, ca, 88L);
		ca[0] = 0;
		ca[10] = 0;
		ca[8] = (uint64_t)(uintptr_t)tids;
		ca[9] = 2;
		ca[4] = 0xdeadc0deULL; /* exit_signal above INT_MAX */
		syscall(SYS_clone3, ca, 88L);
		ca[8] = ca[9] = 0;
		ca[11] = 0xfacefeedULL;
		syscall(SYS_clone3, ca, 96L);
	}

	/* personality's persona and flags, and its result decoded. */
	{
		long old = syscall(SYS_personality, 0xffffffffUL);

		if (old != -1)
			syscall(SYS_personality, (unsigned long)old);
	}
	syscall(SYS_setns, -1, 0x81fdff7fUL);
	syscall(SYS_inotify_init1, IN_NONBLOCK_ | IN_CLOEXEC_ | 0x10);
	syscall(SYS_futex, &set, 1 | 256, 1, NULL, NULL, 0);
	{
		uint64_t off = 0xcafef00dbadc0dedULL;

		syscall(SYS_sendfile, -1, -1, &off, 1UL);
	}
	syscall(SYS_preadv2, -1, NULL, 0xfaceb00cdeadbeefUL, 0L, 0L);
	syscall(SYS_ptrace, PTRACE_PEEKUSER_, 0x7ffffff0, 0x100000L, 0L);

	/* Arrays that run into an unmapped page: "... /- addr -/". */
	pages = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED)
		return 1;
	munmap(pages + 4096, 4096);
	{
		struct pollfd_ {
			int fd;
			short events, revents;
		} *pfds = (void *)(pages + 4096 - sizeof(*pfds));
		char **vec = (char **)(pages + 4096 - 2 * sizeof(char *));

		pfds->fd = -1;
		syscall(SYS_poll, pfds, 0xdead000000000002UL, 0);
		vec[0] = "/nonexistent-snare";
		vec[1] = "arg";
		syscall(SYS_execve, vec[0], vec, vec);
	}
	munmap(pages, 4096);

	/* memfd_create: a name too long (no NUL in 250 bytes), a huge
	   page size; the kernel refuses the name. */
	{
		char name[300];

		memset(name, 'm', sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
		syscall(SYS_memfd_create, name,
			0xdead000000000000UL | 1 | 4 | (30UL << 26));
	}

	/* rt_sigtimedwait: a pending signal taken at once, its siginfo
	   and its name after the result. */
	{
		sigset_t usr1;
		siginfo_t si;
		struct timespec zero = { 0, 0 };

		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		raise(SIGUSR1);
		syscall(SYS_rt_sigtimedwait, &usr1, &si, &zero, 8L);
	}

	/* fcntl's struct flock and notify flags, FUTEX_WAKE_OP's operation,
	   futex_waitv's and process_madvise's unsigned flags, reboot's
	   string (a wrong magic: never a reboot), a device mapper header. */
	{
		struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
				    .l_start = 0, .l_len = 4096 };
		static struct dm_ioctl dmi;
		int word = 0, word2 = 0;

		syscall(SYS_fcntl, -1, F_SETLK, &fl);
		syscall(SYS_fcntl, -1, F_NOTIFY, 1L);
		syscall(SYS_futex, &word, FUTEX_WAKE_OP | 128, 1, 0L, &word2,
			FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 0xfe));
		syscall(SYS_futex_waitv, NULL, 0L, 0xdefaced00000001UL, NULL,
			1L);
		syscall(SYS_process_madvise, -1, NULL, 0L, 20L,
			0xdefaced00000000UL);
		syscall(SYS_landlock_add_rule, -1, 1L, NULL,
			0xd1efaced00000000UL);
		syscall(SYS_reboot, 0x13111992, 0x28121969, 0xa1b2c3d4,
			"snare");
		dmi.version[0] = DM_VERSION_MAJOR;
		dmi.data_size = sizeof(dmi);
		dmi.data_start = sizeof(dmi);
		strcpy(dmi.name, "snare");
		syscall(SYS_ioctl, -1, DM_DEV_STATUS, &dmi);
	}

	/* A path of PATH_MAX - 1 bytes is whole; one byte more is cut. */
	slashes = malloc(PATH_MAX + 1);
	if (!slashes)
		return 1;
	memset(slashes, '/', PATH_MAX + 1);
	slashes[PATH_MAX - 1] = '\0';
	syscall(SYS_chdir, slashes);
	slashes[PATH_MAX - 1] = '/';
	slashes[PATH_MAX] = '\0';
	syscall(SYS_chdir, slashes);
	free(slashes);
	fd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		syscall(SYS_fchdir, fd);
		close(fd);
	}
	return 0;
}
