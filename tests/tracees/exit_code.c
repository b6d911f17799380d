/* SPDX-License-Identifier: MIT */
/*
 * exit_code: exits with the code given as argv[1] (0 without one). With
 * argv[2] == "_exit" it leaves through _exit() instead of exit(), skipping
 * atexit handlers and stdio flushing. Used by the process and exec tests.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int code = argc > 1 ? atoi(argv[1]) : 0;

	if (argc > 2 && strcmp(argv[2], "_exit") == 0)
		_exit(code);
	return code;
}
