/* SPDX-License-Identifier: MIT */
/*
 * ifunc.c: which implementation a GNU indirect function has in a process.
 *
 * An STT_GNU_IFUNC symbol (glibc's strlen, memcpy, strcmp, memset...) is
 * the address of a resolver, which the dynamic loader calls to choose an
 * implementation for this CPU (__strlen_avx2); calls never reach the
 * symbol's own address. The choice is read from the process, never made
 * by running the resolver ourselves:
 *  1. what the resolver was seen returning (bpsym.c catches its return
 *     when the loader, or a lazy PLT binding, calls it: snare__ifunc_learn);
 *  2. the module's own R_X86_64_IRELATIVE slot whose addend is the
 *     resolver: the loader stores the resolver's result there when it
 *     relocates the module. glibc 2.36's libc has one for every indirect
 *     function libc calls itself (strlen, memcpy, strcmp, memset, strchr,
 *     45 of its 58), not for strstr, __memcpy_chk or time;
 *  3. a GLOB_DAT or JUMP_SLOT slot of any loaded file bound to that name
 *     (the program's, once bound: at load time, or at its first call
 *     with lazy binding).
 * A slot counts only when its contents differ from the file's (the loader
 * has relocated it; a lazy JUMP_SLOT that still points at its PLT stub
 * does not count) and point into executable code. Before the module is
 * relocated there is nothing to read, and the caller waits for the
 * resolver to run instead. Every file is hostile input: relocation
 * sections are bounded by their data, symbol indexes are checked.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/internal.h"
#include "symbols/symtab.h"

/* What a candidate implementation is checked against. */
struct ifunc_query {
	snare_symtab *st;
	Dwfl_Module *mod;      /* defines the indirect function */
	uint64_t resolver;
	const char *name;      /* without its @VERSION */
	size_t name_len;
	snare_map *maps;       /* the process's, read once */
	size_t nmaps;
	bool maps_read;
};

/* Is addr in an executable mapping of the process (and, with mod, of
   mod's address range)? */
static bool
in_code(struct ifunc_query *q, uint64_t addr, Dwfl_Module *mod)
{
	Dwarf_Addr start, end;

	if (mod) {
		dwfl_module_info(mod, NULL, &start, &end, NULL, NULL, NULL,
				 NULL);
		if (addr < start || addr >= end)
			return false;
	}
	if (!q->maps_read) {
		q->maps_read = true;
		if (snare_proc_maps(&q->maps, &q->nmaps, q->st->proc) < 0) {
			q->maps = NULL;
			q->nmaps = 0;
		}
	}
	for (size_t i = 0; i < q->nmaps; i++)
		if (addr >= q->maps[i].start && addr < q->maps[i].end)
			return (q->maps[i].prot & PROT_EXEC) != 0;
	return false;
}

/* The 8 bytes the file has at link-time address vaddr (0 for .bss). */
static int
file_word(uint64_t *out, Elf *elf, uint64_t vaddr)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		uint64_t off;

		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC) ||
		    vaddr < sh.sh_addr || vaddr - sh.sh_addr >= sh.sh_size ||
		    sh.sh_size - (vaddr - sh.sh_addr) < sizeof(*out))
			continue;
		if (sh.sh_type == SHT_NOBITS) {
			*out = 0;
			return 0;
		}
		d = elf_rawdata(scn, NULL);
		off = vaddr - sh.sh_addr;
		if (!d || !d->d_buf || d->d_size < sizeof(*out) ||
		    off > d->d_size - sizeof(*out))
			return -ENOENT;
		memcpy(out, (const char *)d->d_buf + off, sizeof(*out));
		return 0;
	}
	return -ENOENT;
}

/*
 * The run-time value of the slot at link-time address r_offset of a file
 * loaded at bias, if the loader has written it: it differs from the file's
 * contents both as they are and relocated by the bias (a lazy JUMP_SLOT
 * pointing at its PLT stub).
 */
static int
relocated_slot(uint64_t *v, struct ifunc_query *q, Elf *elf, uint64_t bias,
	       uint64_t r_offset)
{
	uint64_t file;

	if (r_offset > UINT64_MAX - bias || file_word(&file, elf, r_offset) < 0 ||
	    snare_mem_read(v, q->st->proc, r_offset + bias, sizeof(*v)) < 0)
		return -ENOENT;
	if (*v == file || *v == file + bias || *v == 0 || *v == q->resolver)
		return -ENOENT;
	return 0;
}

/* The name of relocation r's symbol, NULL when it has none. */
static const char *
rela_sym_name(Elf *elf, const GElf_Shdr *rsh, const GElf_Rela *r)
{
	Elf_Scn *symscn = elf_getscn(elf, rsh->sh_link);
	size_t idx = GELF_R_SYM(r->r_info);
	GElf_Shdr ssh;
	GElf_Sym sym;
	Elf_Data *d;

	if (!idx || !symscn || !gelf_getshdr(symscn, &ssh) ||
	    (ssh.sh_type != SHT_DYNSYM && ssh.sh_type != SHT_SYMTAB))
		return NULL;
	d = elf_getdata(symscn, NULL);
	if (!d || !gelf_getsym(d, (int)idx, &sym))
		return NULL;
	return elf_strptr(elf, ssh.sh_link, sym.st_name);
}

/*
 * Not an implementation but a plain function of the same name at another
 * version: "memcpy@GLIBC_2.2.5" (an old binary's memcpy) is not what
 * "memcpy@@GLIBC_2.14"'s resolver chose.
 */
static bool
other_version(struct ifunc_query *q, uint64_t v)
{
	GElf_Off off = 0;
	GElf_Sym sym;
	const char *name;

	name = dwfl_module_addrinfo(q->mod, v, &off, &sym, NULL, NULL, NULL);
	return name && off == 0 && GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC &&
	       strncmp(name, q->name, q->name_len) == 0 &&
	       (name[q->name_len] == '\0' || name[q->name_len] == '@');
}

/*
 * Look through one file's relocations: with by_addend, the IRELATIVE slot
 * whose addend is the resolver (mod's own); else the slots bound to the
 * function's name.
 */
static int
scan_relocs(uint64_t *impl, struct ifunc_query *q, Dwfl_Module *m,
	    bool by_addend)
{
	Elf_Scn *scn = NULL;
	GElf_Addr bias;
	Elf *elf = dwfl_module_getelf(m, &bias);

	if (!elf)
		return -ENOENT;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    sh.sh_entsize != sizeof(Elf64_Rela))
			continue;
		d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		n = d->d_size / sizeof(Elf64_Rela);
		for (size_t i = 0; i < n; i++) {
			GElf_Rela r;
			const char *name;
			uint64_t v;
			int type;

			if (!gelf_getrela(d, (int)i, &r))
				break;
			type = (int)GELF_R_TYPE(r.r_info);
			if (by_addend) {
				if (type != R_X86_64_IRELATIVE ||
				    (uint64_t)r.r_addend + bias != q->resolver)
					continue;
				if (relocated_slot(&v, q, elf, bias, r.r_offset) == 0 &&
				    in_code(q, v, NULL)) {
					*impl = v;
					return 0;
				}
				continue;
			}
			if (type != R_X86_64_GLOB_DAT && type != R_X86_64_JUMP_SLOT &&
			    type != R_X86_64_64)
				continue;
			name = rela_sym_name(elf, &sh, &r);
			if (!name || strlen(name) != q->name_len ||
			    memcmp(name, q->name, q->name_len) != 0)
				continue;
			if (relocated_slot(&v, q, elf, bias, r.r_offset) == 0 &&
			    in_code(q, v, q->mod) && !other_version(q, v)) {
				*impl = v;
				return 0;
			}
		}
	}
	return -ENOENT;
}

/* Does mod still hold what it held when the entry was learned? */
static bool
seen_valid(snare_symtab *st, const struct snare__ifunc_seen *e)
{
	Dwfl_Module *mod = dwfl_addrmodule(st->dwfl, e->resolver);
	Dwarf_Addr start;
	const char *name;

	if (!mod)
		return false;
	name = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL,
				NULL);
	return start == e->mod_start && name &&
	       strncmp(name, e->mod_name, sizeof(e->mod_name) - 1) == 0;
}

/*
 * The implementation of the indirect function whose resolver is at
 * resolver in mod (name: its symbol's name), read from the process. 0, or
 * -ENOENT when the process has not chosen one that can be read (the
 * module is not relocated yet, or nothing kept the choice).
 */
int
snare__ifunc_impl(uint64_t *impl, snare_symtab *st, Dwfl_Module *mod,
		  uint64_t resolver, const char *name)
{
	struct ifunc_query q = { .st = st, .mod = mod, .resolver = resolver };
	struct snare__modlist ml;
	const char *at = strchr(name, '@');
	int rc = -ENOENT;

	if (!st->proc || !mod)
		return -ENOENT;
	for (size_t i = 0; i < st->nifunc_seen; i++) {
		if (st->ifunc_seen[i].resolver != resolver)
			continue;
		if (seen_valid(st, &st->ifunc_seen[i])) {
			*impl = st->ifunc_seen[i].impl;
			return 0;
		}
		/* The library is gone and another is there. */
		st->ifunc_seen[i] = st->ifunc_seen[--st->nifunc_seen];
		break;
	}
	q.name = name;
	q.name_len = at ? (size_t)(at - name) : strlen(name);
	rc = scan_relocs(impl, &q, mod, true);
	if (rc < 0 && snare__modules(&ml, st) == 0) {
		for (size_t i = 0; i < ml.n && rc < 0; i++)
			rc = scan_relocs(impl, &q, ml.v[i], false);
		snare__modules_free(&ml);
	}
	snare_maps_free(q.maps, q.nmaps);
	return rc;
}

/* The resolver at resolver was seen returning impl in this process. */
void
snare__ifunc_learn(snare_symtab *st, uint64_t resolver, uint64_t impl)
{
	struct snare__ifunc_seen *e = NULL, *v;
	Dwfl_Module *mod = dwfl_addrmodule(st->dwfl, resolver);
	Dwarf_Addr start = 0;
	const char *name = NULL;

	if (mod)
		name = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL,
					NULL, NULL);
	for (size_t i = 0; i < st->nifunc_seen && !e; i++)
		if (st->ifunc_seen[i].resolver == resolver)
			e = &st->ifunc_seen[i];
	if (!e) {
		if (st->nifunc_seen == st->ifunc_seen_cap) {
			size_t cap = st->ifunc_seen_cap ? 2 * st->ifunc_seen_cap : 8;

			v = realloc(st->ifunc_seen, cap * sizeof(*v));
			if (!v)
				return; /* only a cache */
			st->ifunc_seen = v;
			st->ifunc_seen_cap = cap;
		}
		e = &st->ifunc_seen[st->nifunc_seen++];
	}
	e->resolver = resolver;
	e->impl = impl;
	e->mod_start = start;
	snprintf(e->mod_name, sizeof(e->mod_name), "%s", name ? name : "");
}

/* A new image (exec): nothing learned holds. */
void
snare__ifunc_forget(snare_symtab *st)
{
	st->nifunc_seen = 0;
}
