/* SPDX-License-Identifier: MIT */
/*
 * symtab.h: what sym.c (symtab lifecycle, location grammar, reverse
 * lookups) and elf.c (file callbacks, symbol and line searches) share.
 * Private to the library.
 */
#ifndef SNARE_SYMTAB_H
#define SNARE_SYMTAB_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <elfutils/libdwfl.h>

#include "snare.h"

struct snare_symtab {
	Dwfl *dwfl;
	Dwfl_Callbacks cb;     /* libdwfl keeps a pointer to it */
	char *debuginfo_path;  /* NULL: libdwfl's default search path */
	snare_proc *proc;      /* NULL for an ELF file */
	pid_t pid;             /* 0 for an ELF file */
	Dwfl_Module *main_mod; /* the program */
	uint64_t entry;        /* AT_ENTRY and the program's file identity, */
	dev_t exe_dev;         /* to tell an exec from a dlopen at refresh */
	ino_t exe_ino;
	char errmsg[512];
	Dwfl *attached;        /* dwfl_linux_proc_attach() was done on it */
};

/* The modules of a symtab: the program first, then by address. */
struct snare__modlist {
	Dwfl_Module **v;
	size_t n, cap;
};

/* sym.c */
int snare__sym_err(snare_symtab *st, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int snare__symtab_from_maps(snare_symtab **out, const char *text, size_t len,
			    uint64_t entry);

/* elf.c */
int snare__elf_open_checked(const char *path, bool want_elf);
int snare__sym_find_elf(Dwfl_Module *mod, void **userdata, const char *name,
			Dwarf_Addr base, char **file_name, Elf **elfp);
int snare__sym_find_debuginfo(Dwfl_Module *mod, void **userdata,
			      const char *modname, Dwarf_Addr base,
			      const char *file_name, const char *debuglink,
			      GElf_Word crc, char **debuginfo_file_name);
char *snare__demangle(const char *name);
int snare__modules(struct snare__modlist *ml, snare_symtab *st);
void snare__modules_free(struct snare__modlist *ml);
void snare__module_name(char *buf, size_t cap, const snare_symtab *st,
			Dwfl_Module *mod);
int snare__module_by_name(Dwfl_Module **out, snare_symtab *st,
			  const char *name, size_t len);
int snare__symbol_lookup(uint64_t *addr, snare_symtab *st, Dwfl_Module *mod,
			 const char *name, size_t len);
/* line.c */
int snare__addr_line(const char **file, int *line, Dwfl_Module *mod,
		     uint64_t addr);
int snare__source_line(uint64_t *addr, snare_symtab *st, const char *file,
		       size_t len, int line);

/* step.c: a register by DWARF number (0..16 on x86_64), 0 or -errno. */
typedef int (*snare__reg_fn)(uint64_t *val, unsigned regno, void *arg);
int snare__frame_cfa(uint64_t *cfa, Dwfl_Module *mod, uint64_t pc,
		     snare__reg_fn reg, void *arg);
/* bpsym.c: the pcs of tid's frames, innermost first; how many were seen. */
size_t snare__backtrace_frames(uint64_t *pcs, size_t cap, Dwfl *dwfl,
			       pid_t tid);

#endif
