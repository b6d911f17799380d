/* SPDX-License-Identifier: MIT */
/*
 * io_ctf: a small crackme. It makes a secret of 16 hex digits from
 * /dev/urandom at start (so no answer can be written down in advance),
 * hands it to arm() (a function a debugger can break on), prints the
 * prompt "Password: " without a newline, reads one line and prints the
 * flag when it is the secret, "wrong" otherwise. Exit code 0 when solved,
 * 1 when wrong. With the argument "twice", it asks a second time after a
 * wrong answer. Used by examples/ctf-solve.c and test_io.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) void
arm(const char *secret)
{
	__asm__ volatile("" : : "r"(secret) : "memory");
}

int
main(int argc, char **argv)
{
	unsigned char raw[8];
	char secret[17], line[128];
	int i, tries = argc > 1 && !strcmp(argv[1], "twice") ? 2 : 1;
	FILE *f = fopen("/dev/urandom", "re");

	if (!f || fread(raw, 1, sizeof(raw), f) != sizeof(raw))
		return 2;
	fclose(f);
	for (i = 0; i < 8; i++)
		sprintf(secret + 2 * i, "%02x", raw[i]);
	arm(secret);
	while (tries--) {
		printf("Password: ");
		if (!fgets(line, sizeof(line), stdin))
			return 3;
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, secret)) {
			printf("FLAG{snare-%.4s}\n", secret + 12);
			return 0;
		}
		printf("wrong\n");
	}
	return 1;
}
