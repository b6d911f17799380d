/* SPDX-License-Identifier: MIT */
/*
 * cli_structs: a deterministic tracee for the "structs" golden family:
 * the syscalls whose arguments are structures strace decodes: socket
 * lengths that change ([110 => 2]), getsockopt and setsockopt values,
 * struct msghdr with iovecs and control messages, [send|recv]mmsg vectors,
 * sysinfo, rusage, statfs, epoll events and the mask rt_sigreturn
 * restores. Each is also called with an unreadable pointer, which must
 * print as an address. Sockets are a socketpair, a unix socket at argv[1]
 * and loopback; no sleeps, one order on every run.
 *
 *   cli_structs SOCKET_PATH [garbage]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)1) /* never mapped */

static volatile sig_atomic_t got;

static void
on_usr1(int sig)
{
	got++;
}

/* Raw syscalls keep libc from adding or merging calls. Sizes are passed
 * as longs: syscall() is variadic and an int leaves the upper half of the
 * register undefined. */
#define sys(...) syscall(__VA_ARGS__)

static void
sysinfo_rusage_statfs(void)
{
	struct sysinfo si;
	struct rusage ru;
	struct statfs sf;
	sigset_t set;
	pid_t child;
	int p[2], st;

	sys(SYS_sysinfo, &si);
	sys(SYS_sysinfo, BAD);
	sys(SYS_getrusage, RUSAGE_SELF, &ru);
	sys(SYS_getrusage, RUSAGE_CHILDREN, BAD);
	/* Filesystems whose counts do not move: proc and the pipe fs. */
	sys(SYS_statfs, "/proc", &sf);
	sys(SYS_statfs, "/nonexistent/snare", &sf);
	sys(SYS_pipe2, p, 0);
	sys(SYS_fstatfs, p[0], &sf);
	sys(SYS_fstatfs, p[0], BAD);
	/* SIGCHLD stays pending until after wait4: one order on every run. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sys(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8L);
	child = fork();
	if (child == 0)
		sys(SYS_exit_group, 3);
	sys(SYS_wait4, child, &st, 0, &ru);
	sys(SYS_wait4, child, &st, 0, BAD);
	sys(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8L);
	sys(SYS_close, p[0]);
	sys(SYS_close, p[1]);
}

static void
socket_lengths(const char *path)
{
	struct sockaddr_in sin;
	struct sockaddr_un sun;
	socklen_t len;
	int fd, l, c, c2, a, a2, v;
	char buf[64];

	fd = (int)sys(SYS_socket, AF_INET, SOCK_STREAM, 0);
	len = sizeof(sin);
	sys(SYS_getsockname, fd, &sin, &len);
	len = 8; /* the kernel's address is longer: cut, as sa_data */
	sys(SYS_getsockname, fd, &sin, &len);
	len = 32;
	sys(SYS_getsockname, fd, &sin, &len);
	len = sizeof(sin);
	sys(SYS_getpeername, fd, &sin, &len);
	sys(SYS_getsockname, fd, BAD, &len);
	sys(SYS_getsockname, fd, &sin, BAD);
	sys(SYS_getsockname, fd, &sin, NULL);
	len = sizeof(v);
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, &v, &len);
	len = 8;
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_RCVLOWAT, buf, &len);
	len = 2;
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, buf, &len);
	len = 16;
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_LINGER, buf, &len);
	len = 4;
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_ERROR, buf, &len);
	len = 4;
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, BAD, &len);
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, buf, BAD);
	sys(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, buf, NULL);
	len = sizeof(v);
	sys(SYS_getsockopt, fd, IPPROTO_TCP, TCP_NODELAY, &v, &len);
	len = 1;
	sys(SYS_getsockopt, fd, IPPROTO_IP, IP_TOS, buf, &len);
	/* setsockopt's value by option: a struct, ints, a string. */
	memcpy(buf, "\1\0\0\0\5\0\0\0abcd", 12);
	sys(SYS_setsockopt, fd, SOL_SOCKET, SO_LINGER, buf, 8L);
	sys(SYS_setsockopt, fd, SOL_SOCKET, SO_LINGER, buf, 4L);
	sys(SYS_setsockopt, fd, SOL_SOCKET, SO_KEEPALIVE, buf, 8L);
	sys(SYS_setsockopt, fd, SOL_SOCKET, SO_KEEPALIVE, buf, 2L);
	sys(SYS_setsockopt, fd, IPPROTO_TCP, TCP_NODELAY, buf, 4L);
	sys(SYS_setsockopt, fd, IPPROTO_TCP, TCP_NODELAY, buf + 8, 3L);
	sys(SYS_setsockopt, fd, SOL_SOCKET, SO_KEEPALIVE, BAD, 4L);
	sys(SYS_close, fd);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strncpy(sun.sun_path, path, sizeof(sun.sun_path) - 1);
	sys(SYS_unlink, path);
	l = (int)sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	sys(SYS_bind, l, &sun, sizeof(sun));
	sys(SYS_listen, l, 2);
	c = (int)sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	sys(SYS_connect, c, &sun, sizeof(sun));
	c2 = (int)sys(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	sys(SYS_connect, c2, &sun, sizeof(sun));
	len = sizeof(sun);
	a = (int)sys(SYS_accept, l, &sun, &len);
	len = sizeof(sun);
	a2 = (int)sys(SYS_accept4, l, &sun, &len, SOCK_CLOEXEC);
	len = sizeof(sun);
	sys(SYS_getsockname, l, &sun, &len);
	len = sizeof(sun);
	sys(SYS_getpeername, c, &sun, &len);
	len = 12;
	sys(SYS_getsockopt, c, SOL_SOCKET, SO_PEERCRED, buf, &len);
	sys(SYS_sendto, c, "ab", 2L, 0, NULL, 0);
	len = sizeof(sun);
	sys(SYS_recvfrom, a, buf, sizeof(buf), 0, &sun, &len);
	sys(SYS_sendto, c, "cd", 2L, 0, NULL, 0);
	sys(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL);
	len = sizeof(sun);
	sys(SYS_recvfrom, a, buf, sizeof(buf), MSG_DONTWAIT, &sun, &len);
	sys(SYS_close, a2);
	sys(SYS_close, c2);
	sys(SYS_close, a);
	sys(SYS_close, c);
	sys(SYS_close, l);
	sys(SYS_unlink, path);

	/* Loopback UDP to itself: the port varies, the golden test hides it. */
	fd = (int)sys(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sys(SYS_bind, fd, &sin, sizeof(sin));
	len = sizeof(sin);
	sys(SYS_getsockname, fd, &sin, &len);
	sys(SYS_sendto, fd, "udp", 3L, 0, &sin, sizeof(sin));
	len = 64;
	sys(SYS_recvfrom, fd, buf, sizeof(buf), 0, buf + 32, &len);
	sys(SYS_close, fd);
}

static void
messages(void)
{
	char b1[8], b2[8], cbuf[256], name[128], rbuf[4][8], rname[4][16];
	struct timespec ts = { 5, 0 };
	struct mmsghdr mm[4];
	struct iovec iov[40];
	struct cmsghdr *cm;
	struct msghdr mh;
	struct ucred uc;
	int sv[2], d[2], p[2], one = 1, i;

	sys(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	sys(SYS_pipe2, p, 0);
	memset(&mh, 0, sizeof(mh));
	iov[0].iov_base = "hello";
	iov[0].iov_len = 5;
	iov[1].iov_base = "world";
	iov[1].iov_len = 5;
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	sys(SYS_sendmsg, sv[0], &mh, 0);
	iov[0].iov_base = b1;
	iov[0].iov_len = sizeof(b1);
	iov[1].iov_base = b2;
	iov[1].iov_len = sizeof(b2);
	sys(SYS_recvmsg, sv[1], &mh, 0);

	/* Two fds passed, received with MSG_CMSG_CLOEXEC. */
	iov[0].iov_base = "x";
	iov[0].iov_len = 1;
	mh.msg_iovlen = 1;
	memset(cbuf, 0, sizeof(cbuf));
	cm = (struct cmsghdr *)cbuf;
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(cm), p, 2 * sizeof(int));
	mh.msg_control = cbuf;
	mh.msg_controllen = CMSG_SPACE(2 * sizeof(int));
	sys(SYS_sendmsg, sv[0], &mh, MSG_DONTWAIT);
	iov[0].iov_base = b1;
	iov[0].iov_len = sizeof(b1);
	mh.msg_controllen = sizeof(cbuf);
	sys(SYS_recvmsg, sv[1], &mh, MSG_CMSG_CLOEXEC);
	mh.msg_controllen = 0;
	sys(SYS_recvmsg, sv[1], &mh, MSG_DONTWAIT);
	sys(SYS_recvmsg, sv[1], BAD, MSG_DONTWAIT);

	/* Credentials and a sender's name over a datagram pair. */
	sys(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, d);
	sys(SYS_setsockopt, d[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	uc.pid = (pid_t)sys(SYS_getpid);
	uc.uid = (uid_t)sys(SYS_getuid);
	uc.gid = (gid_t)sys(SYS_getgid);
	memset(cbuf, 0, sizeof(cbuf));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(uc));
	memcpy(CMSG_DATA(cm), &uc, sizeof(uc));
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	mh.msg_controllen = CMSG_SPACE(sizeof(uc));
	sys(SYS_sendmsg, d[0], &mh, 0);
	iov[0].iov_base = b1;
	iov[0].iov_len = 2; /* shorter than the datagram: MSG_TRUNC */
	mh.msg_name = name;
	mh.msg_namelen = sizeof(name);
	mh.msg_controllen = sizeof(cbuf);
	sys(SYS_recvmsg, d[1], &mh, 0);

	/* Forty iovecs: the array is cut after strsize elements. */
	for (i = 0; i < 40; i++) {
		iov[i].iov_base = "q";
		iov[i].iov_len = 1;
	}
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 40;
	sys(SYS_sendmsg, d[0], &mh, 0);
	/* Control messages strace cannot parse to the end. */
	mh.msg_iovlen = 1;
	mh.msg_control = BAD;
	mh.msg_controllen = 20;
	sys(SYS_sendmsg, d[0], &mh, 0);
	memset(cbuf, 0, sizeof(cbuf));
	cm->cmsg_len = 16;
	cm->cmsg_level = 77;
	cm->cmsg_type = 5;
	mh.msg_control = cbuf;
	mh.msg_controllen = 40;
	sys(SYS_sendmsg, d[0], &mh, 0);
	mh.msg_control = NULL;
	mh.msg_controllen = 0;
	mh.msg_iov = BAD;
	sys(SYS_sendmsg, d[0], &mh, 0);
	mh.msg_iov = iov;
	/* A name shorter than its family's structure: bytes, as sa_data. */
	memset(name, 0, sizeof(name));
	name[0] = AF_INET;
	name[2] = '\t';
	mh.msg_name = name;
	mh.msg_namelen = 3;
	mh.msg_flags = MSG_EOR;
	sys(SYS_sendmsg, d[0], &mh, 0);
	sys(SYS_sendmsg, d[0], BAD, 0);
	/* Two datagrams at once, as a resolver sends its A and AAAA. */
	memset(mm, 0, sizeof(mm));
	for (i = 0; i < 2; i++) {
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	iov[1].iov_base = "rr";
	iov[1].iov_len = 2;
	sys(SYS_sendmmsg, d[0], mm, 2L, MSG_DONTWAIT);
	sys(SYS_sendmmsg, d[0], BAD, 2L, MSG_DONTWAIT);
	/* The three queued datagrams back at once, then none. */
	memset(mm, 0, sizeof(mm));
	for (i = 0; i < 4; i++) {
		iov[i].iov_base = rbuf[i];
		iov[i].iov_len = sizeof(rbuf[i]);
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = rname[i];
		mm[i].msg_hdr.msg_namelen = sizeof(rname[i]);
	}
	sys(SYS_recvmmsg, d[1], mm, 4L, MSG_DONTWAIT, NULL);
	sys(SYS_recvmmsg, d[1], mm, 4L, MSG_DONTWAIT, &ts);
	sys(SYS_recvmmsg, d[1], BAD, 4L, MSG_DONTWAIT, BAD);
	for (i = 0; i < 2; i++) {
		sys(SYS_close, sv[i]);
		sys(SYS_close, d[i]);
		sys(SYS_close, p[i]);
	}
}

static void
epoll(void)
{
	struct epoll_event ev, evs[4];
	int ep, sv[2];
	sigset_t set;

	sys(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	ep = (int)sys(SYS_epoll_create1, EPOLL_CLOEXEC);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 0x1234567890ULL;
	sys(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, sv[1], &ev);
	ev.events = EPOLLOUT;
	ev.data.fd = sv[0];
	sys(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, sv[0], &ev);
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
	sys(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, sv[0], &ev);
	sys(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, sv[0], NULL);
	sys(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, sv[0], BAD);
	sys(SYS_epoll_wait, ep, evs, 4, 0);
	sys(SYS_write, sv[0], "z", 1L);
	sys(SYS_epoll_wait, ep, evs, 4, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sys(SYS_epoll_pwait, ep, evs, 4, 0, &set, 8L);
	sys(SYS_epoll_wait, ep, BAD, 4, 0);
	sys(SYS_epoll_wait, -1, evs, 4, 0);
	sys(SYS_close, ep);
	sys(SYS_close, sv[0]);
	sys(SYS_close, sv[1]);
}

/* rt_sigreturn restores the mask of the interrupted code. */
static void
sigreturn_masks(void)
{
	struct sigaction sa;
	sigset_t set;
	pid_t pid = (pid_t)sys(SYS_getpid);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sys(SYS_kill, pid, SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sys(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8L);
	sys(SYS_kill, pid, SIGUSR1);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaction(SIGUSR1, &sa, NULL);
	sys(SYS_kill, pid, SIGUSR1);
}

/* A value for a garbage argument: NULL, a small number, anywhere, or a
 * pointer into (or just before the end of) a page of random bytes. */
static uint64_t
garbage_arg(unsigned char *page)
{
	switch (random() % 5) {
	case 0: return 0;
	case 1: return (uint64_t)random() % 300;
	case 2: return ((uint64_t)random() << 33) ^ (uint64_t)random();
	case 3: return (uint64_t)(uintptr_t)(page + random() % 4096);
	default: return (uint64_t)(uintptr_t)(page + 4096 - random() % 64);
	}
}

/*
 * The decoders on garbage: pointers into random bytes that hold more
 * pointers, a page whose end is unmapped, counts and lengths at random.
 * Nothing blocks (MSG_DONTWAIT, timeouts of 0, WNOHANG). The sequence is
 * the same on every run; the addresses are when ASLR is off.
 */
static void
garbage(void)
{
	static const long nrs[] = {
		SYS_sendmsg, SYS_recvmsg, SYS_getsockname, SYS_getpeername,
		SYS_accept, SYS_recvfrom, SYS_sendmmsg, SYS_recvmmsg,
		SYS_getsockopt, SYS_setsockopt, SYS_epoll_ctl, SYS_epoll_wait,
		SYS_sysinfo, SYS_getrusage, SYS_wait4, SYS_statfs,
	};
	static const int levels[] = { SOL_SOCKET, IPPROTO_TCP, IPPROTO_IP };
	unsigned char *page;
	uint64_t a[6];
	int sv[2], i, k;
	long nr;

	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return;
	munmap(page + 4096, 4096);
	sys(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv);
	srandom(7);
	for (i = 0; i < 600; i++) {
		for (k = 0; k < 4096; k++)
			page[k] = (unsigned char)random();
		for (k = 0; k < 512; k += 8)
			if (random() % 3 == 0)
				*(uint64_t *)(page + k) =
					(uint64_t)(uintptr_t)(page +
							      random() % 4096);
		nr = nrs[random() % (sizeof(nrs) / sizeof(nrs[0]))];
		a[0] = (uint64_t)sv[random() % 2];
		for (k = 1; k < 6; k++)
			a[k] = garbage_arg(page);
		switch (nr) {
		case SYS_sendmsg: case SYS_recvmsg:
			a[2] |= MSG_DONTWAIT;
			break;
		case SYS_recvfrom: case SYS_sendmmsg: case SYS_recvmmsg:
			a[3] |= MSG_DONTWAIT;
			break;
		case SYS_getsockopt: case SYS_setsockopt:
			a[1] = (uint64_t)levels[random() % 3];
			a[2] %= 64;
			break;
		case SYS_epoll_ctl: case SYS_epoll_wait:
			a[0] = (uint64_t)(random() % 6);
			a[3] = 0;
			break;
		case SYS_sysinfo: case SYS_getrusage: case SYS_statfs:
			a[0] = a[1];
			a[1] = a[2];
			break;
		case SYS_wait4:
			a[0] = (uint64_t)-1;
			a[2] = WNOHANG;
			break;
		}
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	sys(SYS_close, sv[0]);
	sys(SYS_close, sv[1]);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (argc > 2 && !strcmp(argv[2], "garbage")) {
		garbage();
		sys(SYS_exit_group, 0);
	}
	sysinfo_rusage_statfs();
	socket_lengths(argv[1]);
	messages();
	epoll();
	sigreturn_masks();
	sys(SYS_exit_group, got == 3 ? 0 : 5);
	return 0;
}
