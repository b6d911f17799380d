/* SPDX-License-Identifier: MIT */
/*
 * fuzz_cli_args (PTRACE-NOTES 4.5, target 5): the input as an argument
 * vector of `snare trace` (arguments separated by NUL bytes, after
 * "trace"), into the CLI's option parser, trace_parse() of
 * tools/snare/options.c. Nothing is traced. What the parser prints goes
 * to memory streams in place of stdout and stderr for the call (the
 * sanitizers write their reports to fd 2 directly).
 *
 * Checks: the exit code is one trace_parse() documents; an error says
 * why on stderr, as "snare: ..."; success without --help/-V has a
 * program or a pid; the options are freed (LeakSanitizer).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64
#define MAX_BYTES 4096

/* The usage text lives in main.c with main(); its content is no input. */
void
trace_usage(FILE *f)
{
	fputs("Usage: " PROG " trace ...\n", f);
}

/*
 * A /REGEX set element goes to glibc's regcomp(), whose memory grows
 * exponentially with nested or adjacent repetitions ("/a++++...",
 * "/((a{255}){255}){255}"; POSIX leaves adjacent ones undefined). That is
 * glibc's, as it is for strace's -e trace=/REGEX, and the user's own
 * command line: such inputs are left out, not reported as timeouts.
 */
static bool
regex_bomb(const uint8_t *data, size_t size)
{
	size_t reps = 0, intervals = 0;

	if (!memchr(data, '/', size))
		return false;
	for (size_t i = 0; i < size; i++) {
		reps += data[i] == '*' || data[i] == '+' || data[i] == '?' ||
			data[i] == '{';
		intervals += data[i] == '{';
	}
	return reps > 6 || intervals > 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 2], *buf, *out_text = NULL, *err_text = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *saved_out = stdout, *saved_err = stderr, *out, *err;
	struct trace_opts o;
	bool done = false;
	int argc = 0, r;

	if (size > MAX_BYTES || regex_bomb(data, size))
		return 0;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "trace";
	for (size_t i = 0; i < size && argc < MAX_ARGS + 1;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
		if (i >= size)
			break;
	}
	argv[argc] = NULL;

	out = open_memstream(&out_text, &out_len);
	err = open_memstream(&err_text, &err_len);
	if (!out || !err)
		abort();
	stdout = out;
	stderr = err;
	r = trace_parse(&o, argc, argv, &done);
	stdout = saved_out;
	stderr = saved_err;
	fclose(out);
	fclose(err);

	if (r != 0 && r != 1 && r != 2)
		abort();
	if (r != 0 && done)
		abort();
	if (r != 0 && strncmp(err_text, PROG ": ", strlen(PROG) + 2) != 0) {
		fprintf(stderr, "exit code %d without a message\n", r);
		abort();
	}
	if (r == 0 && !done && !o.argv && !o.npids)
		abort();
	if (r == 0 && o.argv && (o.argv < argv + 1 || o.argv >= argv + argc))
		abort();
	trace_opts_free(&o);
	free(out_text);
	free(err_text);
	free(buf);
	return 0;
}
