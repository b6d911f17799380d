/* SPDX-License-Identifier: MIT */
/*
 * cli_tracer2: more of what strace's test suite checks the tracer on.
 *   sleep MS   one nanosleep of MS milliseconds (by number: libc may use
 *              clock_nanosleep), then exit 0
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "sleep") && argc > 2) {
		long ms = atol(argv[2]);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

		return syscall(SYS_nanosleep, &ts, NULL) ? 1 : 0;
	}
	return 2;
}
