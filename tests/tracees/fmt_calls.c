/* SPDX-License-Identifier: MIT */
/*
 * fmt_calls: a deterministic run of common syscalls, for comparing the
 * strace-style printer of libsnare with strace itself (test_format.c runs
 * it under both). argv[1] is a scratch directory, the same for both runs.
 * The main phase lies between two markers: getpid() at the start and
 * getppid() at the end; every call in between is made through syscall()
 * or a thin libc wrapper so that both tracers see the same sequence.
 * Nothing here depends on time, randomness or the pid (the pid appears in
 * kill() and is normalised by the test).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static char path_buf[4][512];

static const char *
in_dir(int slot, const char *dir, const char *name)
{
	snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", dir, name);
	return path_buf[slot];
}

static void
handler(int sig)
{
	(void)sig;
}

static void
files(const char *dir)
{
	char buf[64];
	struct stat st;
	struct statx stx;
	int fd, fd2;
	static const char text[] =
		"hello\n\t\"quoted\" \\ back\001\377 and a long tail past 32";

	fd = open("/nonexistent/snare-fmt", O_RDONLY);
	fd = openat(AT_FDCWD, in_dir(0, dir, "a.txt"),
		    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	write(fd, text, sizeof(text) - 1);
	write(fd, "short", 5);
	fstat(fd, &st);
	lseek(fd, 0, SEEK_SET);
	lseek(fd, 4, SEEK_END);
	fsync(fd);
	ftruncate(fd, 10);
	close(fd);
	fd = open(in_dir(0, dir, "a.txt"), O_RDONLY);
	read(fd, buf, 4);
	read(fd, buf, sizeof(buf));
	pread64(fd, buf, 3, 1);
	fstatat(AT_FDCWD, in_dir(0, dir, "a.txt"), &st, 0);
	fstatat(fd, "", &st, AT_EMPTY_PATH);
	fstatat(AT_FDCWD, "/nonexistent", &st, AT_SYMLINK_NOFOLLOW);
	statx(AT_FDCWD, in_dir(0, dir, "a.txt"), AT_STATX_SYNC_AS_STAT,
	      STATX_BASIC_STATS, &stx);
	fd2 = dup(fd);
	dup2(fd, 10);
	dup3(fd, 11, O_CLOEXEC);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, O_NONBLOCK);
	fcntl(fd, F_DUPFD_CLOEXEC, 20);
	close(fd2);
	close(10);
	close(11);
	close(20);
	close(fd);
	access(in_dir(0, dir, "a.txt"), R_OK | W_OK);
	faccessat(AT_FDCWD, "/nonexistent", X_OK, 0);
	mkdir(in_dir(1, dir, "sub"), 0755);
	rename(in_dir(0, dir, "a.txt"), in_dir(2, dir, "sub/b.txt"));
	symlink("b.txt", in_dir(0, dir, "sub/link"));
	readlink(in_dir(0, dir, "sub/link"), buf, sizeof(buf));
	chmod(in_dir(0, dir, "sub/b.txt"), 0600);
	fd = open(in_dir(1, dir, "sub"), O_RDONLY | O_DIRECTORY);
	syscall(SYS_getdents64, fd, malloc(4096), 4096);
	close(fd);
	unlink(in_dir(0, dir, "sub/link"));
	unlinkat(AT_FDCWD, in_dir(2, dir, "sub/b.txt"), 0);
	rmdir(in_dir(1, dir, "sub"));
	chdir("/");
	getcwd(buf, sizeof(buf));
}

static void
memory(void)
{
	void *m;

	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(m, 4096, PROT_READ);
	madvise(m, 8192, MADV_DONTNEED);
	munmap(m, 8192);
	mmap(NULL, 4096, PROT_NONE, MAP_SHARED | MAP_FIXED, 1000, 0);
}

static void
pipes(void)
{
	int p[2];
	char buf[16];
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	struct pollfd pfd = { 0, POLLIN, 0 };
	struct termios tio;

	pipe2(p, O_CLOEXEC);
	writev(p[1], iov, 2);
	pfd.fd = p[0];
	poll(&pfd, 1, 0);
	iov[0].iov_base = buf;
	iov[1].iov_base = buf + 8;
	readv(p[0], iov, 2);
	ioctl(p[0], TCGETS, &tio);
	ioctl(p[0], FIONREAD, buf);
	close(p[0]);
	close(p[1]);
}

static void
signals(void)
{
	struct sigaction sa, old;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaddset(&sa.sa_mask, SIGHUP);
	sigaction(SIGUSR2, &sa, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &set);
	sigfillset(&set);
	sigdelset(&set, SIGKILL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), 0);
	kill(-1234567, SIGTERM);
}

static void
sockets(void)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(9) };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6,
				    .sin6_port = htons(9) };
	int one = 1, fd, type[2];
	socklen_t type_len = sizeof(type);

	strcpy(un.sun_path, "/nonexistent/snare.sock");
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	connect(fd, (struct sockaddr *)&un, sizeof(un));
	close(fd);
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_IP);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* The length in and out: "[8 => 4]", from a note taken at entry. */
	getsockopt(fd, SOL_SOCKET, SO_TYPE, type, &type_len);
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	connect(fd, (struct sockaddr *)&in, sizeof(in));
	sendto(fd, "ping", 4, MSG_DONTWAIT, NULL, 0);
	close(fd);
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	in6.sin6_addr = in6addr_loopback;
	connect(fd, (struct sockaddr *)&in6, sizeof(in6));
	close(fd);
}

static void
misc(void)
{
	struct timespec ts = { 0, 0 };
	struct rlimit rl;
	struct utsname un;
	char rnd[1];
	int futex_word = 0;

	nanosleep(&ts, NULL);
	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	getrandom(rnd, 0, GRND_NONBLOCK);
	prlimit(0, RLIMIT_NOFILE, NULL, &rl);
	getrlimit(RLIMIT_STACK, &rl);
	syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	wait4(-1, NULL, WNOHANG, NULL);
	umask(022);
	getuid();
	geteuid();
	getgid();
	syscall(SYS_gettid);
	uname(&un);
	syscall(500, 1, 2, 3, 4, 5, 6);
	execve("/nonexistent/prog", (char *[]){ "prog", "-l", NULL },
	       (char *[]){ "A=1", "B=2", NULL });
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";

	/* malloc's first call asks getrandom() for random bytes: do it now. */
	void *volatile warm = malloc(16);

	free(warm);
	syscall(SYS_getpid);
	files(dir);
	memory();
	pipes();
	signals();
	sockets();
	misc();
	syscall(SYS_getppid);
	return 0;
}
