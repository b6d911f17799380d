/* SPDX-License-Identifier: MIT */
/*
 * fuzz_locations: the input as a location string for
 * snare_symtab_resolve(), against one real ELF file opened once: the
 * corpus seed ok-base (SNARE_FUZZ_ELF overrides it), else /bin/true.
 * Whatever resolves is symbolized and resolved back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snare.h"

#ifndef FUZZ_ELF_DEFAULT
#define FUZZ_ELF_DEFAULT "/bin/true"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static snare_symtab *st;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("SNARE_FUZZ_ELF");

	(void)argc;
	(void)argv;
	unsetenv("DEBUGINFOD_URLS");
	if (!path)
		path = FUZZ_ELF_DEFAULT;
	if (snare_symtab_open_elf(&st, path) < 0 &&
	    snare_symtab_open_elf(&st, "/bin/true") < 0) {
		fprintf(stderr, "fuzz_locations: cannot open %s\n", path);
		abort();
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *loc, buf[256];
	uint64_t a, b;
	int rc;

	if (size > 1024)
		return 0;
	loc = malloc(size + 1);
	if (!loc)
		return 0;
	memcpy(loc, data, size);
	loc[size] = '\0';
	rc = snare_symtab_resolve(&a, st, loc);
	if (rc != 0 && rc != -EINVAL && rc != -ENOENT && rc != -ENOMEM)
		abort();
	if (!snare_symtab_errmsg(st))
		abort();
	if (rc == 0) {
		rc = snare_symtab_symbolize(buf, sizeof(buf), st, a);
		if (rc == 0 || rc == -ENOENT)
			(void)snare_symtab_resolve(&b, st, buf);
	}
	free(loc);
	return 0;
}
