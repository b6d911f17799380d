/* SPDX-License-Identifier: MIT */
/*
 * cli_exec_pause: exec from a thread other than the leader, while the
 * leader blocks in pause(). A second thread writes a byte to a pipe the
 * leader waits on (so a tracer has seen both threads before the pause),
 * polls /proc/self/task/PID/syscall until it shows the leader in pause (34
 * on x86_64) and asleep in it (past a tracer's entry stop), then execs
 * this program again with "done", which exits 0 at
 * once. The leader's pause() never returns: the exec kills it. With
 * "spin" the leader spins in user code instead (no syscall open): the
 * thread waits until the spin counter moves. With "sleep" the leader
 * sleeps in nanosleep(123 s) instead of pause() (a call whose exit has an
 * argument to decode). Exits 127 when execv fails.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static char *self;
static int fds[2];
static int spin;
static int sleeper;
static volatile unsigned long spun;

/*
 * Is the leader asleep ('S'), not in a tracing stop ('t')? /proc's syscall
 * file already names the call at its syscall-entry stop, before a tracer
 * has seen that stop: an exec then would kill the leader with its entry
 * never reported, and no tracer could show the call.
 */
static int
leader_sleeps(void)
{
	char path[64], buf[512], *paren;
	FILE *f;
	int sleeping = 0;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat",
		 (int)getpid());
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f)) {
		paren = strrchr(buf, ')');
		sleeping = paren && paren[1] == ' ' && paren[2] == 'S';
	}
	fclose(f);
	return sleeping;
}

/* Is the leader inside pause() now (with spin: spinning)? */
static int
leader_ready(void)
{
	char path[64], buf[256];
	FILE *f;
	int in = 0;

	if (spin)
		return spun > 0;
	snprintf(path, sizeof(path), "/proc/self/task/%d/syscall",
		 (int)getpid());
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f))
		in = atoi(buf) == (sleeper ? SYS_nanosleep : SYS_pause);
	fclose(f);
	return in && leader_sleeps();
}

static void *
exec_main(void *arg)
{
	char *argv[] = { self, (char *)"done", NULL };

	(void)arg;
	if (write(fds[1], "x", 1) != 1)
		_exit(126);
	while (!leader_ready())
		sched_yield();
	execv(self, argv);
	_exit(127);
}

int
main(int argc, char **argv)
{
	pthread_t t;
	char c;

	if (argc > 1 && strcmp(argv[1], "done") == 0)
		return 0;
	self = argv[0];
	spin = argc > 1 && strcmp(argv[1], "spin") == 0;
	sleeper = argc > 1 && strcmp(argv[1], "sleep") == 0;
	if (pipe(fds) < 0 || pthread_create(&t, NULL, exec_main, NULL) != 0)
		return 3;
	if (read(fds[0], &c, 1) != 1)
		return 5;
	while (spin)
		spun++;
	if (sleeper) {
		struct timespec ts = { 123, 0 };

		syscall(SYS_nanosleep, &ts, &ts);
		return 4;
	}
	pause();
	return 4;
}
