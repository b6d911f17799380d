/* SPDX-License-Identifier: MIT */
/*
 * breakloc.h: what a --break LOCATION names (breakloc.c), for breaks.c.
 */
#ifndef SNARE_TOOL_BREAKLOC_H
#define SNARE_TOOL_BREAKLOC_H

#include "trace.h"

/* Is spec a shell pattern over function names ("libc.so.6:str*")? */
bool is_pattern(const char *spec);
/* The name a hit's line shows for location loc at addr, malloc'd (NULL
   when out of memory); *entry: addr is where a function starts. */
char *display_name(snare_symtab *st, const char *loc, uint64_t addr,
		   bool *entry);
/* Does an exact location name a symbol without its file ("malloc")? */
bool bare_symbol(const char *spec);
/* Is addr in the program itself (not a library, the loader, the vDSO)? */
bool in_program(snare_symtab *st, uint64_t addr);

#endif /* SNARE_TOOL_BREAKLOC_H */
