/* SPDX-License-Identifier: MIT */
/*
 * cli_annot: a deterministic tracee for the "annot" golden family: fds in
 * every place strace annotates them under -y and -yy (AT_FDCWD, returned
 * fds, poll arrays, select sets, epoll_ctl, mmap, SCM_RIGHTS, pidfds),
 * the kinds -yy describes (UNIX, TCP and UDP sockets, character devices,
 * pidfds), the structures -v prints in full (stat, statx, getdents64,
 * termios, execve's environment) and format details (int flags cut to 32 bits,
 * O_SYNC, getcwd's whole result). Files live in the directory argv[1];
 * nothing waits on time.
 *
 *   cli_annot DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void
files(const char *dir)
{
	char path[4096];
	struct timespec ts[2] = { { 1000000000, 5 }, { 1100000000, 7 } };
	struct stat st;
	struct statx stx;
	char cwd[4096], odd[4096];
	struct utsname u;
	long dents[512];
	void *m;
	int fd, d;

	snprintf(path, sizeof(path), "%s/file", dir);
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		exit(2);
	if (write(fd, "hello", 5) != 5)
		exit(2);
	utimensat(AT_FDCWD, path, ts, 0);
	fstat(fd, &st);
	stat(path, &st);
	statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx);
	statx(fd, "", AT_EMPTY_PATH, STATX_ALL, &stx);
	d = dup(fd);
	dup2(d, 30);
	close(d);
	dup3(fd, 31, O_CLOEXEC);
	fcntl(fd, F_DUPFD_CLOEXEC, 40);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	munmap(m, 4096);
	close(30);
	close(31);
	close(40);
	close(fd);
	/* A name strace quotes: '<' and '>' in octal, "\n". */
	snprintf(odd, sizeof(odd), "%s/a<b>c\n", dir);
	fd = open(odd, O_CREAT | O_RDONLY | O_CLOEXEC, 0600);
	fstat(fd, &st);
	close(fd);
	unlink(odd);
	/* An unlinked file: "(deleted)" after the '>'. */
	snprintf(odd, sizeof(odd), "%s/gone", dir);
	fd = open(odd, O_CREAT | O_RDONLY | O_CLOEXEC, 0600);
	unlink(odd);
	fstat(fd, &st);
	close(fd);
	/* The directory's entries ("." and ".." and "file"). */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (syscall(SYS_getdents64, fd, dents, sizeof(dents)) > 0)
		;
	close(fd);
	/* Upper bits of an int argument, __O_SYNC alone and with O_DSYNC. */
	fd = (int)syscall(SYS_openat, 0xffffffff00000000UL | (unsigned)AT_FDCWD,
			  path, 0xffffffff00000000UL | O_RDONLY, 0);
	close(fd);
	fd = open(path, O_WRONLY | O_SYNC);
	close(fd);
	fd = open(path, O_WRONLY | O_DSYNC);
	close(fd);
	fd = open(path, O_WRONLY | (O_SYNC & ~O_DSYNC));
	close(fd);
	unlink(path);
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		exit(2);
	uname(&u);
	fd = open("/dev/null", O_RDONLY);
	close(fd);
}

/* Int arguments with garbage in their upper half, which strace drops (the
 * kernel does too); mprotect's protection is a long and keeps it. */
static void
high_bits(void)
{
	const unsigned long H = 0xdead00000000UL, CWD = (unsigned)AT_FDCWD;
	long fd;

	fd = syscall(SYS_socket, H | AF_INET, H | SOCK_STREAM, 0);
	close((int)fd);
	syscall(SYS_dup3, H | 0, H | 50, H | O_CLOEXEC);
	close(50);
	syscall(SYS_unlinkat, H | CWD, "/proc/self/none/x", H | AT_REMOVEDIR);
	syscall(SYS_faccessat, H | CWD, "/proc/self/none/x", H | R_OK);
	syscall(SYS_statx, H | CWD, "/proc/self/none/x", H | AT_SYMLINK_NOFOLLOW,
		H | STATX_BASIC_STATS, 0);
	syscall(SYS_wait4, H | 0xffffffffUL, 0, H | WNOHANG, 0);
	syscall(SYS_fcntl, H | 0, H | F_GETFD);
	syscall(SYS_flock, H | 99, H | LOCK_SH);
	syscall(SYS_lseek, H | 99, 1, H | SEEK_CUR);
	syscall(SYS_madvise, 0, 0, H | MADV_DONTNEED);
	syscall(SYS_mprotect, 0, 0, H | PROT_READ);
	syscall(SYS_shutdown, H | 99, H | SHUT_WR);
	syscall(SYS_rt_sigprocmask, H | SIG_BLOCK, 0, 0, 8);
	fd = syscall(SYS_timerfd_create, H | CLOCK_MONOTONIC, H | 0x800);
	close((int)fd);
}

/* Every bit set, on calls that fail or ignore them: strace's order of the
 * flag names, its names for the bits, the huge page size as a number. */
static void
flag_orders(void)
{
	const unsigned long A = 0xffffffffUL;
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		unsigned long mask;
	} sa = { NULL, A, NULL, 0 };
	struct pollfd pfd = { 99, (short)0xffff, 0 };

	syscall(SYS_mmap, 0, 0, 0xffff, A, 99, 0);
	syscall(SYS_mprotect, 0, 0, A);
	syscall(SYS_statx, 99, "x", A & ~0x6000UL, A, 0);
	syscall(SYS_inotify_add_watch, 99, "x", A);
	syscall(SYS_unshare, A);
	syscall(SYS_setns, 99, A);
	syscall(SYS_msync, 0, 0, A);
	syscall(SYS_memfd_create, "x", A);
	syscall(SYS_wait4, -1, 0, A, 0);
	syscall(SYS_flock, 99, A);
	syscall(SYS_rt_sigaction, 99, &sa, 0, 8);
	syscall(SYS_poll, &pfd, 1, 0);
	syscall(SYS_futex, 0, 0x7f, 0, 0, 0, 0); /* no such operation */
}

static void
waits(void)
{
	struct pollfd pfd[3];
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 };
	struct timespec zero = { 0, 0 };
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;
	int p[2], ep;

	if (pipe2(p, O_CLOEXEC))
		exit(2);
	if (write(p[1], "x", 1) != 1)
		exit(2);
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	pfd[2] = (struct pollfd){ .fd = -1, .events = POLLIN };
	poll(pfd, 3, 0);
	ppoll(pfd, 2, &zero, NULL);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	select(p[1] + 1, &rd, &wr, NULL, &tv);
	ep = epoll_create1(EPOLL_CLOEXEC);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
	close(ep);
	close(p[0]);
	close(p[1]);
}

static void
sockets(const char *dir)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(sin);
	char cbuf[CMSG_SPACE(sizeof(int))], c = 'x';
	struct iovec iov = { &c, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int sv[2], l, a, s, u, pf;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		exit(2);
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &sv[0], sizeof(int));
	sendmsg(sv[0], &mh, 0);
	mh.msg_controllen = sizeof(cbuf);
	recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC);
	memcpy(&a, CMSG_DATA(cm), sizeof(int));
	close(a);
	close(sv[0]);
	close(sv[1]);

	/* A UNIX socket with a path. */
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/sock", dir);
	l = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bind(l, (struct sockaddr *)&sun, sizeof(sun));
	getsockname(l, (struct sockaddr *)&sun, &(socklen_t){ sizeof(sun) });
	close(l);
	unlink(sun.sun_path);

	/* TCP over loopback: listen, connect, accept. */
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 1))
		exit(2);
	getsockname(l, (struct sockaddr *)&sin, &len);
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (connect(s, (struct sockaddr *)&sin, sizeof(sin)))
		exit(2);
	a = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (write(s, "x", 1) != 1 || read(a, &c, 1) != 1)
		exit(2);
	close(a);
	close(s);
	close(l);

	/* UDP, bound. */
	sin.sin_port = 0;
	u = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bind(u, (struct sockaddr *)&sin, sizeof(sin));
	close(u);

	/* A pidfd. */
	pf = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (pf >= 0) {
		syscall(SYS_pidfd_send_signal, pf, 0, NULL, 0);
		close(pf);
	}
}

static void
terminal(void)
{
	struct termios t;
	struct winsize ws;
	int m, s;

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0 || grantpt(m) || unlockpt(m))
		return;
	s = open(ptsname(m), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s < 0)
		return;
	ioctl(s, TCGETS, &t);
	t.c_iflag &= ~(unsigned)ICRNL;
	t.c_oflag |= TAB3;
	t.c_cflag |= PARENB | (B4800 << 16); /* CIBAUD: the input speed */
	t.c_lflag &= ~(unsigned)(ECHO | ICANON);
	t.c_cc[VMIN] = 0;
	ioctl(s, TCSETS, &t);
	ioctl(s, TIOCGWINSZ, &ws);
	ws.ws_row = 24;
	ws.ws_col = 80;
	ioctl(s, TIOCSWINSZ, &ws);
	ioctl(s, TCGETS, NULL);
	close(s);
	close(m);
}

int
main(int argc, char **argv)
{
	char *envp[] = { "A=1", "B=two", NULL };

	if (argc < 2)
		return 2;
	if (argc > 2)
		return 0; /* the exec'd copy */
	/* The same fd numbers whatever the caller left open. */
	syscall(SYS_close_range, 3U, ~0U, 0U);
	files(argv[1]);
	high_bits();
	flag_orders();
	waits();
	sockets(argv[1]);
	terminal();
	execve("/proc/self/exe", (char *[]){ argv[0], argv[1], "x", NULL },
	       envp);
	return 1;
}
