/* SPDX-License-Identifier: MIT */
/*
 * fuzz_demangle: the input as a NUL-terminated symbol name for
 * snare_demangle(), into a large and a small buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name, big[4096], small[8];
	int rc;

	if (size > 4096)
		return 0;
	name = malloc(size + 1);
	if (!name)
		return 0;
	memcpy(name, data, size);
	name[size] = '\0';
	rc = snare_demangle(big, sizeof(big), name);
	if (rc < -ERANGE || rc > 1 || !memchr(big, '\0', sizeof(big)))
		abort();
	if (rc == 0 && strcmp(big, name) != 0)
		abort();
	rc = snare_demangle(small, sizeof(small), name);
	if (!memchr(small, '\0', sizeof(small)))
		abort();
	(void)rc;
	free(name);
	return 0;
}
