/* SPDX-License-Identifier: MIT */
/*
 * cli_restart: blocking syscalls that a signal interrupts, for the
 * "restart" golden family: each call blocks until the test, seeing it in
 * /proc/PID/syscall, sends SIGUSR1, whose handler (no SA_RESTART) makes it
 * return. strace shows each as "= ? ERESTART..." with what its exit
 * decodes, then the signal, then rt_sigreturn's EINTR. No sleeps: the
 * calls block for ever without the signal.
 *
 *   cli_restart
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void
on_usr1(int sig)
{
	(void)sig;
}

int
main(void)
{
	struct timespec ts = { 1000, 0 }, left;
	struct sigaction sa;
	struct pollfd pfd;
	uint32_t word = 0;
	char buf[100];
	int fds[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	/* Fds the test can tell from the loader's and the sanitizer's own
	   reads: it watches for read(42, ...). */
	if (pipe(fds) < 0 || dup2(fds[0], 42) < 0 || dup2(fds[1], 43) < 0)
		return 1;
	close(fds[0]);
	close(fds[1]);
	fds[0] = 42;
	fds[1] = 43;
	/* Each returns EINTR once the test's SIGUSR1 has been handled. */
	syscall(SYS_read, fds[0], buf, sizeof(buf));
	syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, &left);
	syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	syscall(SYS_poll, &pfd, 1, -1);
	syscall(SYS_pause);
	return 0;
}
