/* SPDX-License-Identifier: MIT */
/*
 * fuzz_maps_parse (PTRACE-NOTES 4.5, target 3): the input as the text of
 * /proc/PID/maps, passed with its length and no terminating NUL (ASan
 * catches any read past it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "snare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	snare_map *maps = NULL;
	size_t n = 0;
	int rc;

	rc = snare_maps_parse(&maps, &n, (const char *)data, size);
	if (rc < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (maps[i].end < maps[i].start || !maps[i].path)
			abort();
		(void)strlen(maps[i].path);
	}
	snare_maps_free(maps, n);
	return 0;
}
