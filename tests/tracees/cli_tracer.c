/* SPDX-License-Identifier: MIT */
/*
 * cli_tracer: calls that strace's test suite checks the tracer on.
 *   nosys      a syscall number no syscall has (451 | 0x0: past the
 *              x86_64 table), six marked arguments, then exit 0
 *   exitgroup  exit_group(42) by number; if it returns (a fault injected),
 *              exit(42)
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "nosys")) {
		syscall(0x1c3, 0xface0fedbadc0dedUL, 0xface1fedbadc1dedUL,
			0xface2fedbadc2dedUL, 0xface3fedbadc3dedUL,
			0xface4fedbadc4dedUL, 0xface5fedbadc5dedUL);
		return 0;
	}
	if (!strcmp(mode, "exitgroup")) {
		syscall(SYS_exit_group, 42);
		syscall(SYS_exit, 42);
		return 1;
	}
	return 2;
}
