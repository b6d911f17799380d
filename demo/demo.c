/* SPDX-License-Identifier: MIT */
/*
 * snare-demo: a small program that does a bit of everything a tracer shows,
 * for `make run` (snare trace -f -- snare-demo): it writes and reads back a
 * file, sends a message through a pipe to a forked child, signals itself,
 * and runs a thread. Prints what it did; exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t signals_seen;

static void
on_signal(int sig)
{
	(void)sig;
	signals_seen++;
}

/* Write a temporary file, read it back, remove it. */
static int
demo_files(void)
{
	char path[] = "/tmp/snare-demo-XXXXXX", buf[64];
	const char msg[] = "hello from snare-demo\n";
	ssize_t n;
	int fd;

	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	if (write(fd, msg, sizeof(msg) - 1) != (ssize_t)sizeof(msg) - 1 ||
	    lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		unlink(path);
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	unlink(path);
	if (open("/nonexistent/snare-demo", O_RDONLY) < 0 && errno == ENOENT)
		printf("files: read %zd bytes back; a missing file fails "
		       "with ENOENT\n", n);
	return 0;
}

/* A forked child reads a message from a pipe and exits with its length. */
static int
demo_fork_pipe(void)
{
	const char msg[] = "ping";
	int p[2], status;
	pid_t child;

	if (pipe(p) < 0)
		return -1;
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		char buf[16];
		ssize_t n;

		close(p[1]);
		n = read(p[0], buf, sizeof(buf));
		_exit(n < 0 ? 255 : (int)n);
	}
	close(p[0]);
	if (write(p[1], msg, strlen(msg)) < 0)
		return -1;
	close(p[1]);
	if (waitpid(child, &status, 0) < 0)
		return -1;
	printf("fork: child %d read %d bytes from the pipe\n", (int)child,
	       WEXITSTATUS(status));
	return 0;
}

static int
demo_signal(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return -1;
	raise(SIGUSR1);
	printf("signal: handled %d SIGUSR1\n", (int)signals_seen);
	return 0;
}

static void *
thread_main(void *arg)
{
	int *out = arg;

	*out = getpid() == gettid() ? 0 : (int)gettid();
	return NULL;
}

static int
demo_thread(void)
{
	pthread_t t;
	int tid = -1;

	if (pthread_create(&t, NULL, thread_main, &tid))
		return -1;
	pthread_join(t, NULL);
	printf("thread: a second thread ran as tid %d\n", tid);
	return 0;
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (demo_files() < 0 || demo_fork_pipe() < 0 || demo_signal() < 0 ||
	    demo_thread() < 0) {
		perror("snare-demo");
		return 1;
	}
	return 0;
}
