/* SPDX-License-Identifier: MIT */
/*
 * kill_self: dies by the signal argv[1] names: "segv" (raise), "null" (a
 * real fault on address 0), "abort", "term", "kill", "usr1", "ill" (a ud2
 * instruction). Core dumps are disabled (RLIMIT_CORE 0) so the
 * run leaves no file behind and the core flag is deterministic.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

int
main(int argc, char **argv)
{
	struct rlimit no_core = { 0, 0 };
	const char *how = argc > 1 ? argv[1] : "segv";

	setrlimit(RLIMIT_CORE, &no_core);
	if (strcmp(how, "segv") == 0) {
		raise(SIGSEGV);
	} else if (strcmp(how, "null") == 0) {
		*(volatile int *)0 = 1;
	} else if (strcmp(how, "abort") == 0) {
		abort();
	} else if (strcmp(how, "term") == 0) {
		raise(SIGTERM);
	} else if (strcmp(how, "kill") == 0) {
		raise(SIGKILL);
	} else if (strcmp(how, "usr1") == 0) {
		raise(SIGUSR1);
	} else if (strcmp(how, "ill") == 0) {
		__builtin_trap();
	}
	fprintf(stderr, "kill_self: still alive after %s\n", how);
	return 99;
}
