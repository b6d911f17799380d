/* SPDX-License-Identifier: MIT */
/*
 * io_tty: says whether its streams are terminals ("tty 0 1 2: 1 1 1"),
 * its window size ("winsize 24x80", or "winsize none"), then "ready"
 * through stdio, and only then reads a line (so "ready" comes out before
 * the read only when stdout is line-buffered, as on a terminal), answers
 * "got LINE" (after calling got_line()) and exits 0. With the argument "sink", it then calls
 * sink_ready() and reads stdin to its end, printing "sink N" (the count).
 * With "orphan", it forks a child that keeps stdout open and reads stdin
 * to its end, then prints "parent done" and exits 0 at once.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

__attribute__((noinline)) void
sink_ready(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void
got_line(void)
{
	__asm__ volatile("" ::: "memory");
}

int
main(int argc, char **argv)
{
	struct winsize ws;
	char line[256], buf[4096];
	unsigned long total = 0;
	ssize_t n;

	printf("tty 0 1 2: %d %d %d\n", isatty(0), isatty(1), isatty(2));
	if (ioctl(1, TIOCGWINSZ, &ws) == 0)
		printf("winsize %dx%d\n", ws.ws_row, ws.ws_col);
	else
		printf("winsize none\n");
	printf("ready\n");
	if (argc > 1 && !strcmp(argv[1], "orphan")) {
		fflush(stdout);
		if (fork() == 0) {
			while (read(0, buf, sizeof(buf)) > 0)
				;
			_exit(0);
		}
		printf("parent done\n");
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "sink")) {
		fflush(stdout);
		sink_ready();
		while ((n = read(0, buf, sizeof(buf))) > 0)
			total += (unsigned long)n;
		printf("sink %lu\n", total);
		return 0;
	}
	if (!fgets(line, sizeof(line), stdin))
		return 3;
	line[strcspn(line, "\n")] = '\0';
	got_line();
	printf("got %s\n", line);
	return 0;
}
