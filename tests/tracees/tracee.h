/* SPDX-License-Identifier: MIT */
/*
 * tracee.h: what several tracees share. Header-only, since each tracee is
 * built alone from its one .c file.
 */
#ifndef SNARE_TRACEE_H
#define SNARE_TRACEE_H

#include <stdio.h>
#include <stdlib.h>

/* Block until the test writes a line on stdin ("go", "end"); exit 2 at EOF. */
static inline void
wait_line(void)
{
	char line[64];

	if (!fgets(line, sizeof(line), stdin))
		exit(2);
}

#endif
