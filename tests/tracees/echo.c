/* SPDX-License-Identifier: MIT */
/*
 * echo: copies stdin to stdout in upper case until EOF, then writes
 * "bytes N" (the count it read) to stderr and exits 0. Used by the stdio
 * tests (pipes, files, /dev/null, fds).
 */
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	char buf[4096];
	unsigned long total = 0;
	ssize_t n, i, off;

	while ((n = read(0, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			buf[i] = toupper((unsigned char)buf[i]);
		for (off = 0; off < n;) {
			ssize_t w = write(1, buf + off, n - off);
			if (w <= 0)
				return 3;
			off += w;
		}
		total += n;
	}
	fprintf(stderr, "bytes %lu\n", total);
	return 0;
}
