/* SPDX-License-Identifier: MIT */
/*
 * fuzz_elf_symbolize_live (PTRACE-NOTES 4.5, target 2): a fuzzed ELF laid
 * out as a live process would have it, at a fake load bias, described by
 * a fake maps list, then the address-to-symbol and symbol-to-address
 * lookups that combine the file with its bias (PIE and DSO layout math).
 * The symtab comes from snare__symtab_from_maps(): the library's report
 * of /proc/PID/maps, from text instead of a process.
 *
 * The same bytes are two files: the program, mapped at BIAS from its
 * PT_LOAD segments, and a copy as a library at BIAS2. Input:
 *
 *   u64 bias, u64 bias2, u64 probe   little-endian
 *   u8 flags                         see LIVE_* below
 *   u8 nraw                          raw maps lines that follow (at most 8)
 *   nraw * { u64 start, u64 end, u64 offset, u8 what }
 *   the ELF file
 *
 * Checks: every call returns a documented code, symbolize always leaves a
 * NUL-terminated string, and a FILE@0xVADDR (or 0xADDR) it gives for an
 * address no symbol covers resolves back to the same address.
 */
#define _GNU_SOURCE
#include <errno.h>

#include "fuzz_layout.h"
#include "snare.h"
#include "symbols/symtab.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	LIVE_PROG = 1 << 0,     /* map the program's PT_LOADs at bias */
	LIVE_LIB = 1 << 1,      /* map the library's PT_LOADs at bias2 */
	LIVE_NO_ENTRY = 1 << 2, /* no entry point: the lowest file wins */
	LIVE_EXACT = 1 << 3,    /* no page rounding of PT_LOAD lines */
	LIVE_RAW_FIRST = 1 << 4, /* raw lines before the PT_LOAD ones */
};

#define HDR_SIZE 26
#define RAW_SIZE 25

static struct layout_file prog, lib;
static bool verbose; /* FUZZ_VERBOSE=1: print the layout and lookups */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	verbose = layout_fuzz_init();
	layout_file_init(&prog, "snare-fuzz-prog");
	layout_file_init(&lib, "snare-fuzz-lib");
	return 0;
}

static bool
documented(int rc)
{
	return rc == 0 || rc == -ENOENT || rc == -EINVAL || rc == -ENOMEM ||
	       rc == -ERANGE;
}

/* Symbolize a, check the string, and resolve it back. */
static void
round_trip(snare_symtab *st, uint64_t a)
{
	char buf[256], file[128], small[6];
	uint64_t b;
	int rc, rc2, line;

	rc = snare_symtab_symbolize(buf, sizeof(buf), st, a);
	if (!documented(rc) || !memchr(buf, '\0', sizeof(buf)))
		abort();
	if (rc == 0 || rc == -ENOENT) {
		rc2 = snare_symtab_resolve(&b, st, buf);
		if (verbose)
			fprintf(stderr, "0x%" PRIx64 " -> '%s' (%d) -> 0x%" PRIx64
				" (%d)\n", a, buf, rc, rc2 ? 0 : b, rc2);
		if (!documented(rc2))
			abort();
		/*
		 * The forms without a symbol name (FILE@0xVADDR, 0xADDR: no
		 * symbol covers a) must come back exact. A name need not:
		 * a fuzzed file has symbols named alike ("0x", too).
		 */
		if (rc2 == 0 && b != a && rc == -ENOENT) {
			fprintf(stderr, "0x%" PRIx64 " -> '%s' -> 0x%" PRIx64 "\n",
				a, buf, b);
			abort();
		}
	}
	rc = snare_symtab_symbolize(small, sizeof(small), st, a);
	if (!documented(rc) || !memchr(small, '\0', sizeof(small)))
		abort();
	rc = snare_symtab_addr_line(file, sizeof(file), &line, st, a);
	if (!documented(rc))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "main", "_start", "ns::f(int)",
					     "counter", "helper", "tls_var" };
	struct layout_raw raw[LAYOUT_MAX_RAW];
	struct layout l = { 0 };
	uint64_t bias, bias2, probe, entry = 0, a, addrs[32];
	size_t nraw, na = 0;
	snare_symtab *st = NULL;
	const char *pbase, *lbase;
	char loc[160];
	uint8_t flags;
	GElf_Ehdr eh;
	Elf *elf = NULL;
	char *copy = NULL;
	int rc;

	if (size < HDR_SIZE)
		return 0;
	bias = layout_u64(data);
	bias2 = layout_u64(data + 8);
	probe = layout_u64(data + 16);
	flags = data[24];
	nraw = data[25] % (LAYOUT_MAX_RAW + 1);
	data += HDR_SIZE;
	size -= HDR_SIZE;
	if (size < nraw * RAW_SIZE)
		return 0;
	for (size_t i = 0; i < nraw; i++, data += RAW_SIZE, size -= RAW_SIZE) {
		raw[i].start = layout_u64(data);
		raw[i].end = layout_u64(data + 8);
		raw[i].off = layout_u64(data + 16);
		raw[i].what = data[24];
	}
	if (layout_file_load(&prog, data, size) < 0 ||
	    layout_file_load(&lib, data, size) < 0)
		abort();
	/* The harness reads the program headers from its own copy. */
	copy = malloc(size ? size : 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	elf = elf_memory(copy, size);
	if (elf && gelf_getehdr(elf, &eh) && !(flags & LIVE_NO_ENTRY))
		entry = bias + eh.e_entry;

	if (flags & LIVE_RAW_FIRST)
		for (size_t i = 0; i < nraw; i++)
			layout_raw_line(&l, &raw[i], &prog, &lib);
	if (flags & LIVE_PROG)
		layout_loads(&l, elf, bias, &prog, 11, flags & LIVE_EXACT);
	if (flags & LIVE_LIB)
		layout_loads(&l, elf, bias2, &lib, 12, flags & LIVE_EXACT);
	if (!(flags & LIVE_RAW_FIRST))
		for (size_t i = 0; i < nraw; i++)
			layout_raw_line(&l, &raw[i], &prog, &lib);
	if (l.bad)
		goto out;

	if (verbose)
		fprintf(stderr, "%.*s", (int)l.len, l.text ? l.text : "");
	rc = snare__symtab_from_maps(&st, l.text ? l.text : "", l.len, entry);
	if (rc < 0) {
		/* Any errno from libdwfl's maps reader, and no symtab. */
		if (st)
			abort();
		goto out;
	}
	/* Symbol to address, in any file, then by file. */
	pbase = strrchr(prog.path, '/') + 1;
	lbase = strrchr(lib.path, '/') + 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		rc = snare_symtab_resolve(&a, st, names[i]);
		if (!documented(rc))
			abort();
		if (verbose)
			fprintf(stderr, "%s: %d 0x%" PRIx64 " %s\n", names[i], rc,
				rc ? 0 : a, snare_symtab_errmsg(st));
		if (rc == 0)
			addrs[na++] = a;
	}
	snprintf(loc, sizeof(loc), "%s:main", lbase);
	if (snare_symtab_resolve(&a, st, loc) == 0)
		addrs[na++] = a;
	snprintf(loc, sizeof(loc), "%s:ns::f", pbase);
	if (snare_symtab_resolve(&a, st, loc) == 0)
		addrs[na++] = a;
	if (snare_symtab_resolve(&a, st, "base.c:20") == 0)
		addrs[na++] = a;
	/* FILE@0xVADDR: the ELF's own addresses through each bias. */
	snprintf(loc, sizeof(loc), "%s@0x%" PRIx64, pbase, probe);
	if (snare_symtab_resolve(&a, st, loc) == 0)
		addrs[na++] = a;
	snprintf(loc, sizeof(loc), "%s@0x%" PRIx64, lbase, probe);
	if (snare_symtab_resolve(&a, st, loc) == 0)
		addrs[na++] = a;
	if (entry) {
		snprintf(loc, sizeof(loc), "%s@0x%" PRIx64, lbase, eh.e_entry);
		if (snare_symtab_resolve(&a, st, loc) == 0)
			addrs[na++] = a;
	}
	/* Address to symbol: what resolved, and addresses near the layout. */
	addrs[na++] = bias + probe;
	addrs[na++] = bias2 + probe;
	addrs[na++] = probe;
	addrs[na++] = entry;
	addrs[na++] = bias;
	addrs[na++] = UINT64_MAX;
	for (size_t i = 0; i < nraw && na < sizeof(addrs) / sizeof(addrs[0]); i++)
		addrs[na++] = raw[i].start + (probe & 0xfff);
	for (size_t i = 0; i < na; i++)
		round_trip(st, addrs[i]);
	if (snare_symtab_refresh(st) != -EINVAL || !snare_symtab_errmsg(st))
		abort();
out:
	snare_symtab_free(st);
	if (elf)
		elf_end(elf);
	free(copy);
	free(l.text);
	return 0;
}
