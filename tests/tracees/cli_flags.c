/* SPDX-License-Identifier: MIT */
/*
 * cli_flags: a deterministic tracee for the golden tests of snare trace's
 * strace flags (-P, -e read=/write=, -u). Raw syscalls, so that libc adds
 * or merges nothing; the same calls in the same order on every run.
 *
 *   cli_flags paths DIR   files DIR/a and DIR/b used by path and by fd in
 *                         every way -P looks at (dup2, mmap, poll,
 *                         select, renameat...), for -P DIR/a
 *   cli_flags io DIR      data through a pipe, a socketpair and DIR/io:
 *                         write/read, vectors, msghdrs, pwrite/pread,
 *                         short reads, a failed write, for -e read=/write=
 *   cli_flags ids         its uid, gid and groups, on stdout, for -u
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void
path_of(char *buf, size_t cap, const char *dir, const char *name)
{
	snprintf(buf, cap, "%s/%s", dir, name);
}

static int
paths(const char *dir)
{
	char a[4096], b[4096], c[4096], l[4096], buf[64];
	struct pollfd pfd[2];
	struct timeval tv = { 0, 0 };
	fd_set rd;
	struct stat st;
	long fa, fb, m;

	path_of(a, sizeof(a), dir, "a");
	path_of(b, sizeof(b), dir, "b");
	path_of(c, sizeof(c), dir, "c");
	path_of(l, sizeof(l), dir, "l");
	fa = syscall(SYS_openat, AT_FDCWD, a, O_RDWR | O_CREAT | O_TRUNC, 0600);
	fb = syscall(SYS_openat, AT_FDCWD, b, O_RDWR | O_CREAT | O_TRUNC, 0600);
	syscall(SYS_write, fa, "0123456789abcdef", 16);
	syscall(SYS_write, fb, "other", 5);
	syscall(SYS_pwrite64, fa, "A", 1, 3);
	syscall(SYS_lseek, fa, 0, SEEK_SET);
	syscall(SYS_newfstatat, fa, "", &st, AT_EMPTY_PATH);
	syscall(SYS_newfstatat, fb, "", &st, AT_EMPTY_PATH);
	syscall(SYS_fchmod, fa, 0640);
	syscall(SYS_dup2, fa, 10);
	syscall(SYS_dup3, fb, 11, 0);
	syscall(SYS_read, 10, buf, 4);
	syscall(SYS_read, 11, buf, 4);
	m = syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, fa, 0);
	syscall(SYS_munmap, m, 4096);
	m = syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, fb, 0);
	syscall(SYS_munmap, m, 4096);
	pfd[0].fd = (int)fb;
	pfd[0].events = POLLIN;
	pfd[1].fd = (int)fa;
	pfd[1].events = POLLIN;
	syscall(SYS_poll, pfd, 1, 0);
	syscall(SYS_poll, pfd, 2, 0);
	FD_ZERO(&rd);
	FD_SET((int)fb, &rd);
	syscall(SYS_select, (int)fb + 1, &rd, NULL, NULL, &tv);
	FD_SET((int)fa, &rd);
	syscall(SYS_select, (int)fb + 1, &rd, NULL, NULL, &tv);
	syscall(SYS_fcntl, fa, F_GETFL);
	syscall(SYS_ftruncate, fa, 8);
	syscall(SYS_fsync, fb);
	syscall(SYS_close, 10);
	syscall(SYS_close, 11);
	syscall(SYS_faccessat, AT_FDCWD, a, R_OK);
	syscall(SYS_faccessat, AT_FDCWD, b, R_OK);
	syscall(SYS_symlink, a, l);
	syscall(SYS_readlink, l, buf, sizeof(buf));
	syscall(SYS_unlink, l);
	syscall(SYS_close, fa);
	syscall(SYS_close, fb);
	syscall(SYS_renameat, AT_FDCWD, a, AT_FDCWD, c);
	syscall(SYS_renameat, AT_FDCWD, c, AT_FDCWD, a);
	syscall(SYS_unlink, b);
	syscall(SYS_unlink, a);
	syscall(SYS_openat, AT_FDCWD, a, O_RDONLY);
	return 0;
}

static int
io(const char *dir)
{
	static const char bytes[] = "\x00\x01\x7f\x80\xff\t\n hello, world! "
				    "0123456789\"\\~ more";
	char path[4096], in[64], in2[8];
	struct iovec out_iov[3] = { { (void *)"abc", 3 }, { (void *)"", 0 },
				    { (void *)"defghijklmnopqrstuv", 19 } };
	struct iovec in_iov[2] = { { in2, 5 }, { in, 40 } };
	struct msghdr msg;
	int p[2], s[2];
	long fd;

	syscall(SYS_pipe2, p, 0);
	syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, s);
	syscall(SYS_write, p[1], bytes, 1);
	syscall(SYS_read, p[0], in, sizeof(in));
	syscall(SYS_write, p[1], bytes, 16);
	syscall(SYS_read, p[0], in, sizeof(in));
	syscall(SYS_write, p[1], bytes, 17);
	syscall(SYS_read, p[0], in, 10);
	syscall(SYS_read, p[0], in, sizeof(in));
	syscall(SYS_write, p[1], bytes, sizeof(bytes) - 1);
	syscall(SYS_read, p[0], in, sizeof(in));
	syscall(SYS_write, p[1], bytes, 0);
	syscall(SYS_writev, p[1], out_iov, 3);
	syscall(SYS_readv, p[0], in_iov, 2);
	syscall(SYS_sendto, s[0], "to the socket", 13, 0, NULL, 0);
	syscall(SYS_recvfrom, s[1], in, sizeof(in), 0, NULL, NULL);
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = out_iov;
	msg.msg_iovlen = 3;
	syscall(SYS_sendmsg, s[0], &msg, 0);
	msg.msg_iov = in_iov;
	msg.msg_iovlen = 2;
	syscall(SYS_recvmsg, s[1], &msg, 0);
	path_of(path, sizeof(path), dir, "io");
	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC,
		     0600);
	syscall(SYS_pwrite64, fd, bytes, 20, 0);
	syscall(SYS_pread64, fd, in, sizeof(in), 2);
	syscall(SYS_pwritev, fd, out_iov, 3, 0);
	syscall(SYS_preadv, fd, in_iov, 2, 0);
	syscall(SYS_close, fd);
	syscall(SYS_unlink, path);
	/* Written data is dumped even when the write fails. */
	syscall(SYS_write, 100, "lost", 4);
	syscall(SYS_read, 100, in, sizeof(in));
	syscall(SYS_close, s[0]);
	syscall(SYS_close, s[1]);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	return 0;
}

static int
ids(void)
{
	char line[128];
	long n = syscall(SYS_getgroups, 0, NULL);
	int len;

	len = snprintf(line, sizeof(line),
		       "uid=%ld euid=%ld gid=%ld egid=%ld groups=%ld\n",
		       syscall(SYS_getuid), syscall(SYS_geteuid),
		       syscall(SYS_getgid), syscall(SYS_getegid), n);
	syscall(SYS_write, 1, line, len);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "paths"))
		return paths(argv[2]);
	if (argc > 2 && !strcmp(argv[1], "io"))
		return io(argv[2]);
	if (argc > 1 && !strcmp(argv[1], "ids"))
		return ids();
	return 2;
}
