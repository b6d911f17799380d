/* SPDX-License-Identifier: MIT */
/*
 * pathtrace.c: -P PATH, strace's path tracing. A syscall is shown when one
 * of its path arguments is a -P path (compared as strings, as the program
 * passed it) or one of its fd arguments is open on one (the fd's target
 * read from /proc/TID/fd at the syscall's entry). Which arguments are
 * paths and fds comes from the library's syscall table
 * (snare_syscall_arg_roles()); select/poll look at every fd in their sets.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace.h"

static bool
is_selected(const char *path)
{
	size_t i;

	for (i = 0; i < tr.o->npaths; i++)
		if (!strcmp(path, tr.o->paths[i]))
			return true;
	return false;
}

static bool
path_arg_match(snare_proc *p, uint64_t addr)
{
	char buf[PATH_MAX + 1];

	return snare_mem_read_str(buf, sizeof(buf), p, addr) >= 0 &&
	       is_selected(buf);
}

/*
 * The file an fd of thread tid is open on. The kernel appends " (deleted)"
 * to an unlinked file's name; it is dropped unless a file of that very name
 * is the one open.
 */
static bool
fd_arg_match(pid_t tid, long fd)
{
	static const char deleted[] = " (deleted)";
	char link[64], buf[PATH_MAX + 1];
	struct stat a, b;
	ssize_t n;
	size_t dl = sizeof(deleted) - 1;

	if (fd < 0 || fd > INT_MAX)
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)tid, fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	if ((size_t)n > dl && !strcmp(buf + n - dl, deleted) &&
	    !stat(link, &a) &&
	    (lstat(buf, &b) || a.st_ino != b.st_ino || a.st_dev != b.st_dev))
		buf[n - dl] = '\0';
	return is_selected(buf);
}

/* select: every fd set in the three sets below nfds. */
static bool
select_match(pid_t tid, snare_proc *p, const uint64_t *args)
{
	int nfds = (int)args[0], i, j;
	unsigned char *set;
	size_t size;
	bool hit = false;

	if (nfds <= 0)
		return false;
	if (nfds > 1024 * 1024)
		nfds = 1024 * 1024;
	size = (((size_t)nfds + 7) / 8 + 7) & ~(size_t)7;
	set = malloc(size);
	if (!set)
		return false;
	for (i = 1; i <= 3 && !hit; i++) {
		if (!args[i] || snare_mem_read(set, p, args[i], size) < 0)
			continue;
		for (j = 0; j < nfds && !hit; j++)
			if (set[j / 8] & (1u << (j % 8)))
				hit = fd_arg_match(tid, j);
	}
	free(set);
	return hit;
}

static bool
poll_match(pid_t tid, snare_proc *p, const uint64_t *args)
{
	unsigned n = (unsigned)args[1], i;
	struct pollfd pfd;

	if (n > 1024 * 1024)
		n = 1024 * 1024;
	for (i = 0; i < n; i++) {
		if (snare_mem_read(&pfd, p, args[0] + i * sizeof(pfd),
				   sizeof(pfd)) < 0)
			break;
		if (fd_arg_match(tid, pfd.fd))
			return true;
	}
	return false;
}

bool
path_match(pid_t tid, snare_proc *p, long nr, const uint64_t *args)
{
	unsigned char roles[6];
	int nargs = snare_syscall_arg_roles(roles, nr, args), i;

	for (i = 0; i < nargs && i < 6; i++) {
		switch (roles[i]) {
		case SNARE_ARG_PATH:
			if (path_arg_match(p, args[i]))
				return true;
			break;
		case SNARE_ARG_FD:
			if (fd_arg_match(tid, (int)args[i]))
				return true;
			break;
		case SNARE_ARG_FD_SET:
			/* The three sets are one role: look once. */
			return select_match(tid, p, args);
		case SNARE_ARG_POLL_FDS:
			if (poll_match(tid, p, args))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}
