/* SPDX-License-Identifier: MIT */
/*
 * breakloc.c: what a --break LOCATION names (breaks.c arms it). A location
 * is a location string of snare_symtab_resolve() ("malloc",
 * "libc.so.6:malloc", "file.c:42", "*0x401000", "main+0x10") or a shell
 * pattern over function names ("count*", "libc.so.6:str*"); a hit's line
 * names the function as ltrace does, without its file.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breakloc.h"

/* Is there glob syntax in the symbol part of spec ("libc.so.6:str*")? */
bool
is_pattern(const char *spec)
{
	if (spec[0] == '*' && !strncmp(spec + 1, "0x", 2))
		return false; /* "*0x401000", an address */
	return strpbrk(spec, "*?[") != NULL;
}

/* The ':' after LIB in "LIB:SYM" (skipping C++'s "::"), or NULL. */
static const char *
lib_colon(const char *s)
{
	const char *c;

	for (c = strchr(s, ':'); c; c = strchr(c + 1, ':')) {
		if (c[1] != ':')
			return c;
		c++;
	}
	return NULL;
}

/*
 * The symbol a location names, without its file: "malloc" for
 * "libc.so.6:malloc"; NULL for an address, "FILE@0xVADDR", "file.c:42"
 * or "SYM+OFF".
 */
static const char *
named_symbol(const char *loc)
{
	const char *c = lib_colon(loc), *sym = c ? c + 1 : loc;

	if (!*sym || sym[0] == '*' || !strncmp(sym, "0x", 2) ||
	    strstr(sym, "@0x") || strchr(sym, '+') ||
	    strspn(sym, "0123456789") == strlen(sym))
		return NULL;
	return sym;
}

/*
 * The name a line shows for location loc at addr, as ltrace shows it
 * (without the file): the symbol named, else the symbol covering addr
 * ("main+0x1d"). *entry: addr is where a function starts.
 */
char *
display_name(snare_symtab *st, const char *loc, uint64_t addr, bool *entry)
{
	char sym[512];
	const char *c, *name = named_symbol(loc);
	bool have;

	have = snare_symtab_symbolize(sym, sizeof(sym), st, addr) == 0;
	*entry = have && !strstr(sym, "+0x");
	if (!name && have) {
		c = lib_colon(sym);
		name = c && (!strchr(sym, '(') || c < strchr(sym, '(')) ? c + 1
									 : sym;
	}
	return strdup(name ? name : loc);
}

/* Does an exact location name a symbol without its file ("malloc")? */
bool
bare_symbol(const char *spec)
{
	return !lib_colon(spec) && spec[0] != '*' && strncmp(spec, "0x", 2) &&
	       !strstr(spec, "@0x");
}

/* Is addr in the program itself (not a library, the loader, the vDSO)? */
bool
in_program(snare_symtab *st, uint64_t addr)
{
	char sym[512];
	const char *c;

	snare_symtab_symbolize(sym, sizeof(sym), st, addr);
	for (c = strchr(sym, ':'); c && c[1] == ':'; c = strchr(c + 2, ':'))
		;
	return !c || (strchr(sym, '(') && c > strchr(sym, '('));
}
