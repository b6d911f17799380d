/* SPDX-License-Identifier: MIT */
/*
 * test_colocate: the colocate session option pins the tracer thread and the
 * tracee to one CPU, and the tracee still runs normally. Its own program,
 * since it changes the test thread's affinity.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"

/* "Cpus_allowed_list:" of /proc/PID/task/TID/status. */
static void
allowed(char *buf, size_t cap, pid_t pid, pid_t tid)
{
	char path[96], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", pid, tid);
	f = fopen(path, "re");
	assert_non_null(f);
	buf[0] = '\0';
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Cpus_allowed_list: %63s", buf) == 1)
			break;
	fclose(f);
	assert_true(cap > strlen(buf));
}

static void
test_colocate(void **state)
{
	char *argv[] = { (char *)snare_test_tracee("echo"), NULL };
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	char mine[64], theirs[64], line[64];
	snare_session *s;
	snare_proc *p;
	int in_fd, out_fd;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		skip(); /* one CPU: nothing to tell apart */
	so.colocate = 1;
	po.stdio[0].kind = SNARE_STDIO_PIPE;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	s = snare_test_session(state, &so);
	assert_int_equal(snare_spawn(&p, s, argv[0], argv, &po), 0);
	allowed(mine, sizeof(mine), getpid(), (pid_t)syscall(SYS_gettid));
	allowed(theirs, sizeof(theirs), snare_proc_pid(p), snare_proc_pid(p));
	/* One CPU, the same for both. */
	assert_null(strchr(mine, ','));
	assert_null(strchr(mine, '-'));
	assert_string_equal(mine, theirs);
	in_fd = snare_proc_stdio_fd(p, 0);
	out_fd = snare_proc_stdio_fd(p, 1);
	snare_test_write_str(in_fd, "hi\n");
	snare_test_run_until_line(s, out_fd, line, sizeof(line));
	assert_string_equal(line, "HI");
	snare_test_session_free(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_colocate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
