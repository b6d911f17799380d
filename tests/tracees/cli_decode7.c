/* SPDX-License-Identifier: MIT */
/*
 * cli_decode7: a deterministic tracee for the "decode7" golden family:
 * strings and structures where part of the memory faults (a string that
 * ends on the last byte of a page, an iovec array whose call failed,
 * mount_setattr's struct with a tail), calls whose arguments strace reads
 * at exit only when they succeed (epoll_pwait2's timeout and mask),
 * fsconfig's 256-byte strings and its unsigned command with garbage above,
 * _sysctl's struct, unprintable bytes in a path, and geteuid (whose
 * return value the family injects). Every call fails harmlessly (bad
 * fds, paths under DIR that do not exist) or changes nothing.
 *
 *   cli_decode7 DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sched.h>
#include <sys/wait.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define HIGH 0xdefaced00000000ULL
#define FSCONFIG_SET_STRING_ 1
#define FSCONFIG_SET_PATH_ 3
#define FSCONFIG_SET_FD_ 5

int
main(int argc, char **argv)
{
	char path[256], key[300];
	char *page, *end;
	struct iovec iov[2];
	struct timespec ts = { 1, 2 };
	uint64_t mask = 0;
	uint64_t attr[5];
	uint64_t sysctl_args[10];
	unsigned char ev[12];
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: cli_decode7 DIR\n");
		return 2;
	}
	/* clone's parent_tid, written by the kernel: "parent_tid=[PID]" at
	   the exit, as strace reads it. */
	if (argc > 2 && !strcmp(argv[2], "clone")) {
		int ptid = 0;
		long child = syscall(SYS_clone, CLONE_PARENT_SETTID | SIGCHLD,
				     0L, &ptid, 0L, 0L);

		if (child == 0)
			_exit(0);
		if (child < 0 || waitpid((pid_t)child, NULL, 0) != child)
			return 1;
		return ptid == child ? 0 : 1;
	}
	/* Two pages, the second unmapped: what ends at "end" is readable,
	   the byte after is not. */
	page = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page + 4096, 4096))
		return 1;
	end = page + 4096;
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return 1;

	/* A buffer of a huge length: strace reads -s + 1 bytes; 33 readable
	   bytes show 32 and "...", 32 readable ones the address. */
	memset(end - 33, 'X', 33);
	end[-33] = '\0';
	iov[0].iov_base = end - 33;
	iov[0].iov_len = (size_t)-1;
	syscall(SYS_writev, -1L, iov, 1L);
	iov[0].iov_base = end - 32;
	syscall(SYS_writev, -1L, iov, 1L);

	/* readv/preadv that fail: the elements with their addresses. */
	iov[0].iov_base = page;
	iov[0].iov_len = 8;
	iov[1].iov_base = page + 8;
	iov[1].iov_len = 16;
	syscall(SYS_readv, -1L, iov, 2L);
	syscall(SYS_preadv, -1L, iov, 2L, 0L, 0L);
	syscall(SYS_preadv, -1L, iov, 0L, 0L, 0L);

	/* epoll_pwait2 that fails: its timeout and mask as addresses. */
	syscall(SYS_epoll_pwait2, -1L, ev, 1L, &ts, &mask, 8L);

	/* mount_setattr with a struct larger than the kernel's: a nonzero
	   tail shown, a zero one not, an unreadable one "???". Unknown
	   attr_set bits: the call fails, changing nothing. */
	memset(attr, 0, sizeof(attr));
	attr[0] = 0xffffffff00000000ULL;
	attr[4] = 0x8786858483828180ULL;
	syscall(SYS_mount_setattr, -1L, "/dev/null", 0L, attr, sizeof(attr));
	attr[4] = 0;
	syscall(SYS_mount_setattr, -1L, "/dev/null", 0L, attr, sizeof(attr));
	memset(end - 32, 0, 32);
	syscall(SYS_mount_setattr, -1L, "/dev/null", 0L, end - 32, 40L);

	/* fsconfig: key and value read within 256 bytes; the command in
	   an unsigned int with garbage above (-P must still see the fd). */
	memset(key, 'k', sizeof(key));
	key[sizeof(key) - 1] = '\0';
	syscall(SYS_fsconfig, -1L, HIGH | FSCONFIG_SET_STRING_, key, "v", 0L);
	key[200] = '\0';
	syscall(SYS_fsconfig, -1L, HIGH | FSCONFIG_SET_STRING_, "k", key, 0L);
	syscall(SYS_fsconfig, -1L, HIGH | FSCONFIG_SET_FD_, "k", NULL,
		HIGH | (unsigned)fd);
	syscall(SYS_fsconfig, -100L, HIGH | FSCONFIG_SET_PATH_, "k",
		"/dev/null", -1L);

	/* _sysctl's struct: readable (zeros and garbage) and unreadable. */
	memset(sysctl_args, 0, sizeof(sysctl_args));
	syscall(SYS__sysctl, sysctl_args);
	memset(sysctl_args, 0xa5, sizeof(sysctl_args));
	syscall(SYS__sysctl, sysctl_args);
	syscall(SYS__sysctl, end - 8);

	/* Unprintable bytes in a path (--strings-in-hex=non-ascii-chars). */
	snprintf(path, sizeof(path), "%s/none\x01\x7f\xc3\xa9\t7", argv[1]);
	syscall(SYS_chdir, path);

	/* Its return value is what the family injects. */
	syscall(SYS_geteuid);
	close(fd);
	return 0;
}
