/* SPDX-License-Identifier: MIT */
/*
 * cli_protnone: a deterministic tracee for the "protnone" golden family:
 * strings, structures and arrays in or across a PROT_NONE page (which
 * strace, reading with process_vm_readv, shows as addresses, and which
 * /proc/PID/mem would read), and failed calls with arrays: sendmmsg's,
 * which strace reads whatever the result, and BPF_PROG_QUERY's, which it
 * shows as an address at the exit of a failed call. Every call fails harmlessly (bad fds, bad
 * addresses, paths that do not exist) or changes nothing.
 */
#define _GNU_SOURCE
#include <linux/bpf.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int
main(void)
{
	static const char path[] = "/nonexistent/ok";
	long psz = sysconf(_SC_PAGESIZE);
	char *page = mmap(NULL, (size_t)psz * 2, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none, *end;
	struct timespec ts = { 0, 1 };
	struct pollfd pfd = { 0, POLLIN, 0 };
	struct iovec iov = { page, 4 };
	uint64_t mask = 1;
	struct mmsghdr mm[2];
	char buf[8] = "mmsg";
	struct iovec miov = { buf, sizeof(buf) };
	union bpf_attr attr;
	uint32_t ids[2] = { 7, 8 };

	if (page == MAP_FAILED)
		return 1;
	none = page + psz;
	end = none;
	/* What /proc/PID/mem would show in the PROT_NONE page. */
	memcpy(none, "secret", 7);
	memcpy(none + 64, &ts, sizeof(ts));
	memcpy(none + 128, &pfd, sizeof(pfd));
	memcpy(none + 192, &iov, sizeof(iov));
	memcpy(none + 256, &mask, sizeof(mask));
	if (mprotect(none, (size_t)psz, PROT_NONE))
		return 1;

	/* A string whose NUL comes just before the page: shown whole. */
	memcpy(end - sizeof(path), path, sizeof(path));
	syscall(SYS_chdir, end - sizeof(path));
	/* Strings that run into the page, or lie in it: addresses. */
	memcpy(end - 4, "abcd", 4);
	syscall(SYS_chdir, end - 4);
	syscall(SYS_chdir, none);
	syscall(SYS_write, -1, none, 6);
	syscall(SYS_write, -1, end - 4, 6);
	/* Structures and arrays in the page. */
	syscall(SYS_nanosleep, none + 64, NULL);
	syscall(SYS_poll, none + 128, 1, 0);
	/* Two pollfds, the second in the page. */
	memcpy(end - sizeof(pfd), &pfd, sizeof(pfd));
	syscall(SYS_poll, end - sizeof(pfd), 2, 0);
	syscall(SYS_writev, -1, none + 192, 1);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, none + 256, NULL, 8);

	/* Failed calls with arrays: sendmmsg's vector at exit. */
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &miov;
	mm[0].msg_hdr.msg_iovlen = 1;
	mm[1] = mm[0];
	syscall(SYS_sendmmsg, -1, mm, 2, 0);
	/* BPF_PROG_QUERY's prog_ids, written at exit: not when it failed
	   (a bad fd, or no permission). */
	memset(&attr, 0, sizeof(attr));
	attr.query.target_fd = (uint32_t)-1;
	attr.query.prog_ids = (uint64_t)(uintptr_t)ids;
	attr.query.prog_cnt = 2;
	syscall(SYS_bpf, BPF_PROG_QUERY, &attr, 28);
	return 0;
}
