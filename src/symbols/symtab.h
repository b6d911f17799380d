/* SPDX-License-Identifier: MIT */
/*
 * symtab.h: what sym.c (symtab lifecycle, location grammar, reverse
 * lookups), elf.c (file callbacks, symbol and line searches), linkmap.c
 * (the dynamic linker's search order) and ifunc.c (indirect functions)
 * share, and what the events layer (bpsym.c) asks of them. Private to
 * the library.
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
	uint64_t bt_unknown;   /* a backtrace's pc in no module even after
				  a refresh: no refresh for it again */
	/* Indirect functions whose resolver was seen returning in this
	   process (ifunc.c), until an exec. */
	struct snare__ifunc_seen *ifunc_seen;
	size_t nifunc_seen, ifunc_seen_cap;
	struct snare__nearest *nearest; /* files' own tables, sorted */
	size_t nnearest;
};

/* One resolver's result, as seen returning (snare__ifunc_learn). */
struct snare__ifunc_seen {
	uint64_t resolver, impl;
	uint64_t mod_start;    /* the module the resolver was in, */
	char mod_name[128];    /* to tell it from a later one there */
};

/* A symbol found by name (elf.c). */
struct snare__symhit {
	uint64_t addr;         /* its value at run time (load bias added) */
	int type;              /* STT_*; STT_GNU_IFUNC: addr is the resolver */
	Dwfl_Module *mod;      /* the file that defines it */
	char name[256];        /* as in the symbol table ("memcpy@@GLIBC_2.14") */
};

/* snare__symbol_find and snare__symtab_locate flags. */
#define SNARE__SYM_EXPORTED 0x1 /* SYM without LIB: never a library's
				   local symbol (the loader's own strlen) */

/* What a location string names (snare__symtab_locate). */
enum snare__loc_kind {
	SNARE__LOC_ADDRESS,    /* 0x401000, *0x401000: absolute */
	SNARE__LOC_FILE_VADDR, /* FILE@0x1234 */
	SNARE__LOC_LINE,       /* FILE.c:42 */
	SNARE__LOC_SYMBOL,     /* [LIB:]SYM[+OFF] */
};

struct snare__loc {
	uint64_t addr;         /* the address (a resolver's for an IFUNC) */
	int kind;              /* enum snare__loc_kind */
	bool ifunc;            /* SYMBOL without an offset, STT_GNU_IFUNC */
	Dwfl_Module *mod;      /* the file, for all but ADDRESS */
	char sym[256];         /* SYMBOL: the symbol's name in the table */
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
void snare__nearest_reset(snare_symtab *st);
int snare__modules(struct snare__modlist *ml, snare_symtab *st);
void snare__modules_free(struct snare__modlist *ml);
void snare__module_name(char *buf, size_t cap, const snare_symtab *st,
			Dwfl_Module *mod);
int snare__module_by_name(Dwfl_Module **out, snare_symtab *st,
			  const char *name, size_t len);
int snare__symbol_find(struct snare__symhit *out, snare_symtab *st,
		       Dwfl_Module *mod, const char *name, size_t len,
		       unsigned flags);
/* glob.c: the symbol walk shared by snare_symtab_glob() and
   snare_symtab_list(). */
struct snare__symmatch {
	uint64_t addr;          /* at run time (load bias added) */
	uint64_t size;
	const char *name;       /* libdwfl's string, valid with the module */
	bool local;
	bool ifunc;             /* STT_GNU_IFUNC: addr is the resolver */
	int type;               /* STT_* */
};
struct snare__symmatches {
	struct snare__symmatch *v;
	size_t n, cap;
};
int snare__sym_collect(struct snare__symmatches *m, Dwfl_Module *mod,
		       unsigned types, bool (*want)(const char *name, void *arg),
		       void *arg);
bool snare__sym_name_matches(const char *pat, const char *name, bool demangle);
/* linkmap.c */
void snare__link_order(struct snare__modlist *ml, snare_symtab *st);
/* sym.c: a location string (the grammar of snare_symtab_resolve), the
   IFUNC left unresolved: that is for the caller (snare__ifunc_impl). */
int snare__symtab_locate(struct snare__loc *out, snare_symtab *st,
			 const char *location, unsigned flags);
/* addrexpr.c: "[heap]+0x10", "libc.so.6+0x1234" of st's process (no
   process: -ENOENT); the message in st. */
int snare__loc_map(struct snare__loc *out, snare_symtab *st, const char *expr);
/* ifunc.c */
int snare__ifunc_impl(uint64_t *impl, snare_symtab *st, Dwfl_Module *mod,
		      uint64_t resolver, const char *name);
void snare__ifunc_learn(snare_symtab *st, uint64_t resolver, uint64_t impl);
void snare__ifunc_forget(snare_symtab *st);
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
