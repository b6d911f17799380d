/* SPDX-License-Identifier: MIT */
/*
 * hk_write: writes "hello, world\n" to stdout with one write(2) from a
 * 64-byte writable buffer (so a tracer has room in it to place other bytes),
 * then reports on stderr what write returned: "ret N". Exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char message[64] = "hello, world\n";

int
main(void)
{
	ssize_t r = write(1, message, strlen(message));

	fprintf(stderr, "ret %zd\n", r);
	return 0;
}
