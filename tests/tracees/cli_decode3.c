/* SPDX-License-Identifier: MIT */
/*
 * cli_decode3: a deterministic tracee for the "decode3" golden family:
 * values snare once printed differently from strace: a umode_t with its
 * file-type and unknown bits (umask, fchmod, mkdir), faccessat2's
 * AT_EACCESS (the same bit as AT_REMOVEDIR elsewhere), mremap with and
 * without its fifth argument, and the siginfo of a POSIX timer's signal
 * (SI_TIMER: timer id and overrun, no pid or uid). Files live in the
 * directory argv[1]; no sleeps: the timer's signal is waited for with
 * sigsuspend.
 *
 *   cli_decode3 DIR
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;

static void
on_timer(int sig)
{
	(void)sig;
	fired = 1;
}

static void
modes(const char *dir)
{
	char path[4096], sub[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/file", dir);
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	syscall(SYS_umask, 0107777);
	umask(022);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		exit(2);
	syscall(SYS_fchmod, fd, 0100644);
	syscall(SYS_mkdir, sub, 040755);
	syscall(SYS_faccessat2, AT_FDCWD, path, R_OK, AT_EACCESS);
	syscall(SYS_faccessat2, AT_FDCWD, path, W_OK,
		AT_EACCESS | AT_SYMLINK_NOFOLLOW);
	syscall(SYS_unlinkat, AT_FDCWD, sub, AT_REMOVEDIR);
	close(fd);
	unlink(path);
}

static void
remaps(void)
{
	char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *b;

	if (a == MAP_FAILED)
		exit(3);
	/* Shrink in place: no fifth argument. */
	b = mremap(a, 4 * 4096, 2 * 4096, 0);
	/* Move to a fixed place: the fifth argument is shown. */
	b = mremap(a, 2 * 4096, 2 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED,
		   a + 2 * 4096);
	if (b == MAP_FAILED)
		exit(4);
	munmap(a, 4 * 4096);
}

static void
posix_timer(void)
{
	struct sigevent sev;
	struct itimerspec its;
	struct sigaction sa;
	sigset_t block, old;
	timer_t tid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_timer;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 7;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tid) < 0)
		exit(5);
	memset(&its, 0, sizeof(its));
	its.it_value.tv_nsec = 1000;
	timer_settime(tid, 0, &its, NULL);
	while (!fired)
		sigsuspend(&old);
	timer_delete(tid);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return 1;
	modes(argv[1]);
	remaps();
	posix_timer();
	return 0;
}
