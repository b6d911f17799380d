/* SPDX-License-Identifier: MIT */
/* tr_writes N: N small write(2)s of 16 bytes to stdout (a syscall-heavy loop). */
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	static const char msg[16] = "0123456789abcde\n";

	for (long i = 0; i < n; i++)
		if (write(1, msg, sizeof msg) != (ssize_t)sizeof msg)
			return 1;
	return 0;
}
