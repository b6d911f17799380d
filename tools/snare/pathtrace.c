/* SPDX-License-Identifier: MIT */
/*
 * pathtrace.c: -P PATH, strace's path tracing. A syscall is shown when one
 * of its path arguments is a -P path (compared as strings, as the program
 * passed it) or one of its fd arguments is open on one (the fd's target
 * read from /proc/TID/fd at the syscall's entry). Which arguments are
 * paths and fds: a row per syscall that is not "arg 0" below, else arg 0
 * as a path for %file syscalls and as an fd for %desc and %network ones;
 * syscalls of no such class never match. select/poll look at every fd in
 * their sets.
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

/* Where the paths and fds are, for the syscalls that are not "arg 0". */
enum arg_shape {
	ARGS_NONE = 1,		/* creates an fd, names no path or fd */
	ARGS_FD_FD,		/* fd, fd */
	ARGS_FD_PATH,		/* dirfd, path */
	ARGS_PATH_PATH,		/* path, path */
	ARGS_X_PATH,		/* x, path */
	ARGS_FD_PATH_FD_PATH,	/* dirfd, path, dirfd, path */
	ARGS_MMAP,		/* x, x, x, x, fd */
	ARGS_X_FD_PATH,		/* x, dirfd, path */
	ARGS_FD_X_FD,		/* fd, x, fd */
	ARGS_X_X_FD,		/* x, x, fd */
	ARGS_X_X_X_FD_PATH,	/* fanotify_mark: x, x, mask, dirfd, path */
	ARGS_FSCONFIG,
	ARGS_SELECT,
	ARGS_POLL,
};

static const struct {
	const char *name;
	int shape;
} shapes[] = {
	{ "dup2", ARGS_FD_FD }, { "dup3", ARGS_FD_FD },
	{ "kexec_file_load", ARGS_FD_FD }, { "sendfile", ARGS_FD_FD },
	{ "tee", ARGS_FD_FD },
	{ "execveat", ARGS_FD_PATH }, { "faccessat", ARGS_FD_PATH },
	{ "faccessat2", ARGS_FD_PATH }, { "fchmodat", ARGS_FD_PATH },
	{ "fchmodat2", ARGS_FD_PATH }, { "fchownat", ARGS_FD_PATH },
	{ "fspick", ARGS_FD_PATH }, { "futimesat", ARGS_FD_PATH },
	{ "inotify_add_watch", ARGS_FD_PATH }, { "mkdirat", ARGS_FD_PATH },
	{ "mknodat", ARGS_FD_PATH }, { "mount_setattr", ARGS_FD_PATH },
	{ "name_to_handle_at", ARGS_FD_PATH }, { "newfstatat", ARGS_FD_PATH },
	{ "open_tree", ARGS_FD_PATH }, { "openat", ARGS_FD_PATH },
	{ "openat2", ARGS_FD_PATH }, { "readlinkat", ARGS_FD_PATH },
	{ "statx", ARGS_FD_PATH }, { "unlinkat", ARGS_FD_PATH },
	{ "utimensat", ARGS_FD_PATH },
	{ "link", ARGS_PATH_PATH }, { "mount", ARGS_PATH_PATH },
	{ "pivot_root", ARGS_PATH_PATH },
	{ "quotactl", ARGS_X_PATH }, { "symlink", ARGS_X_PATH },
	{ "linkat", ARGS_FD_PATH_FD_PATH },
	{ "move_mount", ARGS_FD_PATH_FD_PATH },
	{ "renameat", ARGS_FD_PATH_FD_PATH },
	{ "renameat2", ARGS_FD_PATH_FD_PATH },
	{ "mmap", ARGS_MMAP },
	{ "symlinkat", ARGS_X_FD_PATH },
	{ "copy_file_range", ARGS_FD_X_FD }, { "splice", ARGS_FD_X_FD },
	{ "epoll_ctl", ARGS_X_X_FD },
	{ "fanotify_mark", ARGS_X_X_X_FD_PATH },
	{ "fsconfig", ARGS_FSCONFIG },
	{ "select", ARGS_SELECT }, { "pselect6", ARGS_SELECT },
	{ "poll", ARGS_POLL }, { "ppoll", ARGS_POLL },
	{ "bpf", ARGS_NONE }, { "epoll_create", ARGS_NONE },
	{ "epoll_create1", ARGS_NONE }, { "eventfd", ARGS_NONE },
	{ "eventfd2", ARGS_NONE }, { "fanotify_init", ARGS_NONE },
	{ "fsopen", ARGS_NONE }, { "inotify_init", ARGS_NONE },
	{ "inotify_init1", ARGS_NONE }, { "io_uring_setup", ARGS_NONE },
	{ "landlock_create_ruleset", ARGS_NONE },
	{ "memfd_create", ARGS_NONE }, { "memfd_secret", ARGS_NONE },
	{ "mq_open", ARGS_NONE }, { "perf_event_open", ARGS_NONE },
	{ "pidfd_open", ARGS_NONE }, { "pipe", ARGS_NONE },
	{ "pipe2", ARGS_NONE }, { "socket", ARGS_NONE },
	{ "socketpair", ARGS_NONE }, { "timerfd_create", ARGS_NONE },
	{ "userfaultfd", ARGS_NONE },
};

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
	const char *name = snare_syscall_name(nr);
	unsigned cl = name ? syscall_class_of(name) : 0;
	int shape = 0, fd0 = (int)args[0], fd1 = (int)args[1];
	int fd2 = (int)args[2];
	size_t i;

	if (!(cl & (CL_FILE | CL_DESC | CL_NET)))
		return false;
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (!strcmp(shapes[i].name, name))
			shape = shapes[i].shape;
	switch (shape) {
	case ARGS_NONE:
		return false;
	case ARGS_FD_FD:
		return fd_arg_match(tid, fd0) || fd_arg_match(tid, fd1);
	case ARGS_FD_PATH:
		return fd_arg_match(tid, fd0) || path_arg_match(p, args[1]);
	case ARGS_PATH_PATH:
		return path_arg_match(p, args[0]) || path_arg_match(p, args[1]);
	case ARGS_X_PATH:
		return path_arg_match(p, args[1]);
	case ARGS_FD_PATH_FD_PATH:
		return fd_arg_match(tid, fd0) || fd_arg_match(tid, fd2) ||
		       path_arg_match(p, args[1]) || path_arg_match(p, args[3]);
	case ARGS_MMAP:
		return fd_arg_match(tid, (int)args[4]);
	case ARGS_X_FD_PATH:
		return fd_arg_match(tid, fd1) || path_arg_match(p, args[2]);
	case ARGS_FD_X_FD:
		return fd_arg_match(tid, fd0) || fd_arg_match(tid, fd2);
	case ARGS_X_X_FD:
		return fd_arg_match(tid, fd2);
	case ARGS_X_X_X_FD_PATH:
		return fd_arg_match(tid, (int)args[3]) ||
		       path_arg_match(p, args[4]);
	case ARGS_FSCONFIG:
		/* FSCONFIG_SET_PATH(_EMPTY): a path and a dirfd; _SET_FD. */
		if (args[1] == 3 || args[1] == 4)
			return fd_arg_match(tid, (int)args[4]) ||
			       path_arg_match(p, args[3]);
		return args[1] == 5 && fd_arg_match(tid, (int)args[4]);
	case ARGS_SELECT:
		return select_match(tid, p, args);
	case ARGS_POLL:
		return poll_match(tid, p, args);
	default:
		break;
	}
	if (cl & CL_FILE)
		return path_arg_match(p, args[0]);
	return fd_arg_match(tid, fd0);
}
