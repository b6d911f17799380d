/* SPDX-License-Identifier: MIT */
/*
 * fuzz_elf_open (PTRACE-NOTES 4.5, target 1): the input as an ELF file in
 * a memfd, opened by path with snare_symtab_open_elf(), then name and
 * address lookups (symbols, demangled names, source lines) on whatever
 * opened.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "snare.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int mfd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	unsetenv("DEBUGINFOD_URLS");
	mfd = memfd_create("snare-fuzz-elf", MFD_CLOEXEC);
	if (mfd < 0) {
		perror("memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mfd);
	return 0;
}

static int
load(const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (ftruncate(mfd, 0) < 0)
		return -1;
	while (done < size) {
		ssize_t n = pwrite(mfd, data + done, size - done, (off_t)done);

		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "main", "ns::f(int)", "_start" };
	static const uint64_t fixed[] = { 0x1000, 0x401000 };
	char buf[256], file[128];
	uint64_t addrs[6] = { 0 };
	size_t na = 0;
	snare_symtab *st = NULL;
	uint64_t a;
	int line, rc;

	if (load(data, size) < 0)
		abort();
	rc = snare_symtab_open_elf(&st, path);
	if (rc < 0) {
		if (st)
			abort();
		return 0;
	}
	for (size_t i = 0; i < 3; i++)
		if (snare_symtab_resolve(&a, st, names[i]) == 0)
			addrs[na++] = a;
	if (snare_symtab_resolve(&a, st, "base.c:20") == 0)
		addrs[na++] = a;
	for (size_t i = 0; i < 2; i++)
		addrs[na++] = fixed[i];
	for (size_t i = 0; i < na; i++) {
		rc = snare_symtab_symbolize(buf, sizeof(buf), st, addrs[i]);
		if (!memchr(buf, '\0', sizeof(buf)))
			abort();
		if (rc == 0 || rc == -ENOENT)
			(void)snare_symtab_resolve(&a, st, buf);
		(void)snare_symtab_symbolize(buf, 5, st, addrs[i]);
		(void)snare_symtab_addr_line(file, sizeof(file), &line, st,
					     addrs[i]);
	}
	/* The first symbol name symbolize gave, demangled again. */
	if (snare_symtab_symbolize(buf, sizeof(buf), st, addrs[0]) == 0)
		(void)snare_demangle(file, sizeof(file), buf);
	snare_symtab_free(st);
	return 0;
}
