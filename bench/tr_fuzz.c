/* SPDX-License-Identifier: MIT */
/*
 * tr_fuzz MODE [BIGMB] [INPUT]: the target of the snapshot rows, a small
 * fuzzing harness. Setup: with BIGMB, a heap block of that many MiB, every
 * page written (a large process). target() runs one 64-byte input: counts
 * it, copies it into a leaked heap block, hashes it and updates a table.
 *   snap    snap_here(); target() on the global `input`; done_here();
 *           exit 0 (the snare driver restores at done_here()).
 *   once    target() on INPUT (fork+exec per input).
 *   server  a fork server: reads 64-byte inputs on stdin; for each, forks a
 *           child that runs target() and exits; answers one byte per input
 *           on stdout (the child's exit code) after reaping it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char input[64];
long counter;
long table[4096];
char *big;

__attribute__((noinline)) void
snap_here(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void
done_here(long v)
{
	__asm__ volatile("" :: "r"(v) : "memory");
}

__attribute__((noinline)) long
target(void)
{
	char *p = malloc(256 + (unsigned char)input[0]);
	long h = 0;
	int i;

	if (!p)
		return -1;
	counter++;
	memcpy(p, input, sizeof(input));
	for (i = 0; i < 64; i++)
		h = h * 31 + p[i];
	for (i = 0; i < 64; i++)
		table[(unsigned long)(h + i) & 4095] += input[i];
	if (big)
		big[(unsigned long)h % (strlen(input) + 1) * 4096] ^= 1;
	return h;
}

int
main(int argc, char **argv)
{
	size_t mb = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	int st;

	if (argc < 2)
		return 2;
	if (mb) {
		big = malloc(mb << 20);
		if (!big)
			return 1;
		memset(big, 1, mb << 20);
	}
	if (!strcmp(argv[1], "snap")) {
		snap_here();
		done_here(target());
		return 0;
	}
	if (!strcmp(argv[1], "once")) {
		strncpy(input, argc > 3 ? argv[3] : "", sizeof(input) - 1);
		return target() & 1;
	}
	if (strcmp(argv[1], "server"))
		return 2;
	while (read(0, input, sizeof(input)) == (ssize_t)sizeof(input)) {
		pid_t pid = fork();
		char c;

		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit((int)(target() & 1));
		if (waitpid(pid, &st, 0) != pid)
			return 1;
		c = (char)(WIFEXITED(st) ? WEXITSTATUS(st) : 255);
		if (write(1, &c, 1) != 1)
			return 1;
	}
	return 0;
}
