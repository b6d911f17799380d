/* SPDX-License-Identifier: MIT */
/*
 * hk_open PATH...: for each path, tries open(2) (the raw SYS_open) and
 * openat(2) (AT_FDCWD) read-only and prints "open PATH: R" and
 * "openat PATH: R", R being "ok" or strerror(errno). Exits 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void
report(const char *what, const char *path, long fd)
{
	if (fd >= 0) {
		printf("%s %s: ok\n", what, path);
		close((int)fd);
	} else {
		printf("%s %s: %s\n", what, path, strerror(errno));
	}
}

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		report("open", argv[i], syscall(SYS_open, argv[i], O_RDONLY));
		report("openat", argv[i],
		       syscall(SYS_openat, AT_FDCWD, argv[i], O_RDONLY));
	}
	return 0;
}
