/* SPDX-License-Identifier: MIT */
/*
 * cli_basic: a deterministic tracee for the `snare trace` golden tests.
 * Files (argv[1] is a scratch path), a failing open, a pipe, a fork whose
 * child exits 7, a signal to itself with a handler, then exit(3). Every
 * syscall it makes is in the same order on every run.
 *
 *   cli_basic SCRATCH_PATH [crash]
 * With "crash" it ends with a SIGSEGV instead of exit(3).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void
on_usr1(int sig)
{
	got = sig;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t set;
	char buf[64];
	int fd, p[2], status;
	pid_t child;

	if (argc < 2)
		return 2;
	/* Raw syscalls keep libc from adding or merging calls. */
	syscall(SYS_write, 1, "hello\n", 6);
	if (syscall(SYS_openat, AT_FDCWD, "/nonexistent/snare", O_RDONLY) >= 0)
		return 4;
	fd = (int)syscall(SYS_openat, AT_FDCWD, argv[1],
			  O_WRONLY | O_CREAT | O_TRUNC, 0600);
	syscall(SYS_write, fd, "data\n", 5);
	syscall(SYS_close, fd);
	fd = (int)syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY);
	syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_close, fd);
	syscall(SYS_unlink, argv[1]);
	syscall(SYS_pipe2, p, 0);
	syscall(SYS_getppid);
	/* SIGCHLD stays pending until after wait4: one order on every run. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	child = fork();
	if (child == 0) {
		syscall(SYS_write, p[1], "x", 1);
		syscall(SYS_exit_group, 7);
	}
	syscall(SYS_read, p[0], buf, 1);
	syscall(SYS_wait4, child, &status, 0, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	if (argc > 2 && !strcmp(argv[2], "crash"))
		*(volatile int *)8 = 1;
	syscall(SYS_exit_group, got == SIGUSR1 ? 3 : 5);
	return 0;
}
