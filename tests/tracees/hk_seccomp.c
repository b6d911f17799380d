/* SPDX-License-Identifier: MIT */
/*
 * hk_seccomp [N [M]]: N (default 1000) raw getppid calls, then M (default
 * 10) raw getpid calls. Prints "ctxt D" with D the growth of this
 * process's voluntary context switches (/proc/self/status) across the
 * getppid loop (each tracer stop puts the tracee to sleep in TASK_TRACED,
 * a voluntary switch; involuntary ones are preemption by other load on
 * the machine and say nothing about the tracer, so they are not counted), "getppid R" with R the number of getppid calls that returned the
 * real parent (the loop makes the only getppid calls), and "getpid R E"
 * with R the last getpid result and E its errno name ("0", "ENOSYS" or
 * "other"). Exits 0.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Voluntary context switches so far, from /proc/self/status;
 * the parent pid into *ppid when ppid is not NULL (read there so that the
 * only getppid calls are those of the loop).
 */
static long
switches(long *ppid)
{
	char line[256];
	long total = 0, v;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1000000;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1)
			total += v;
		else if (ppid && sscanf(line, "PPid: %ld", &v) == 1)
			*ppid = v;
	}
	fclose(f);
	return total;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	int m = argc > 2 ? atoi(argv[2]) : 10;
	long parent = -1, before, after, r = 0;
	int i, right = 0, err = 0;

	before = switches(&parent);
	for (i = 0; i < n; i++)
		if (syscall(SYS_getppid) == parent)
			right++;
	after = switches(NULL);
	for (i = 0; i < m; i++) {
		errno = 0;
		r = syscall(SYS_getpid);
		err = errno;
	}
	printf("ctxt %ld\n", after - before);
	printf("getppid %d\n", right);
	printf("getpid %ld %s\n", r,
	       err == 0 ? "0" : err == ENOSYS ? "ENOSYS" : "other");
	return 0;
}
