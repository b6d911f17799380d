/* SPDX-License-Identifier: MIT */
/*
 * elf.c: the ELF and DWARF side of the symbol layer.
 *
 * libdwfl opens files through the two callbacks here. Every file the
 * tracee maps, and every debug file named by it, is hostile input
 * (PTRACE-NOTES 4.5): files are opened O_RDONLY|O_NONBLOCK|O_CLOEXEC and
 * must be regular (a FIFO would block, a device never ends), a
 * .gnu_debuglink must be a plain file name, and debug-file candidates that
 * are not regular files stop the search by name. Every libelf/libdw result
 * is checked. Then come the searches sym.c builds on: modules by file
 * name and symbols by raw or demangled name (source lines: line.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <demangle.h>

#include "core/internal.h"
#include "symbols/symtab.h"

/* Where libdwfl's default path looks for debug files by name. */
#define DEBUG_DIR "/usr/lib/debug"
#define DELETED_SUFFIX " (deleted)"

static const char *
path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool
has_deleted_suffix(const char *name)
{
	size_t n = strlen(name), k = strlen(DELETED_SUFFIX);

	return n > k && strcmp(name + n - k, DELETED_SUFFIX) == 0;
}

/* An ELF executable or shared object (not a relocatable or a core). */
static int
check_elf(int fd)
{
	GElf_Ehdr eh;
	Elf *elf;
	int rc = -ENOEXEC;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf && elf_kind(elf) == ELF_K_ELF && gelf_getehdr(elf, &eh) &&
	    (eh.e_type == ET_EXEC || eh.e_type == ET_DYN))
		rc = 0;
	if (elf)
		elf_end(elf);
	return rc;
}

int
snare__elf_open_checked(const char *path, bool want_elf)
{
	struct stat sb;
	int fd, rc;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) < 0) {
		rc = -errno;
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		rc = -EINVAL;
		goto fail;
	}
	if (want_elf) {
		rc = check_elf(fd);
		if (rc < 0)
			goto fail;
	}
	return fd;
fail:
	close(fd);
	return rc;
}

/*
 * Dwfl_Callbacks.find_elf for processes. A mapped file is read through
 * /proc/PID/root, so a tracee in a chroot or another mount namespace gets
 * its own files, but keeps its own name for the debug-file search. A
 * deleted program is read through /proc/PID/exe. The vDSO is read from
 * the tracee's memory by libdwfl (it has no file).
 */
int
snare__sym_find_elf(Dwfl_Module *mod, void **userdata, const char *name,
		    Dwarf_Addr base, char **file_name, Elf **elfp)
{
	snare_symtab *st = userdata ? *userdata : NULL;
	char path[PATH_MAX + 32];
	int fd = -1, n;

	*file_name = NULL;
	/*
	 * A symtab without a process (laid out by maps text, see
	 * snare__symtab_from_maps) has no memory to read a vDSO from and
	 * no /proc/PID: its files are opened by the names the text gives.
	 */
	if (name[0] == '[') {
		if (st && st->pid <= 0)
			return -1;
		return dwfl_linux_proc_find_elf(mod, userdata, name, base,
						file_name, elfp);
	}
	if (name[0] != '/' || !st)
		return -1;
	if (has_deleted_suffix(name)) {
		if (mod != st->main_mod || st->pid <= 0)
			return -1;
		snprintf(path, sizeof(path), "/proc/%d/exe", (int)st->pid);
		fd = snare__elf_open_checked(path, false);
		if (fd < 0)
			return -1;
		*file_name = strndup(name, strlen(name) - strlen(DELETED_SUFFIX));
	} else {
		n = st->pid > 0 ? snprintf(path, sizeof(path), "/proc/%d/root%s",
					   (int)st->pid, name)
				: -1;
		if (n > 0 && (size_t)n < sizeof(path))
			fd = snare__elf_open_checked(path, false);
		if (fd < 0)
			fd = snare__elf_open_checked(name, false);
		if (fd < 0)
			return -1;
		*file_name = strdup(name);
	}
	if (!*file_name) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A candidate debug file that exists but is not a regular file. */
static bool
not_regular(const char *dir, const char *sub, const char *name)
{
	char path[PATH_MAX];
	struct stat sb;
	int n;

	n = snprintf(path, sizeof(path), "%s%s/%s", dir, sub, name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return false;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
}

/*
 * Whether libdwfl's search by name may run: the debuglink is a plain file
 * name, and none of the places the default path ":.debug:/usr/lib/debug"
 * makes of it is a FIFO or device (libdwfl opens them blocking).
 */
static bool
debuglink_safe(const char *file_name, const char *debuglink)
{
	char name[NAME_MAX + 1], dir[PATH_MAX];
	const char *base, *s;
	size_t dlen;
	int n;

	if (debuglink) {
		if (!*debuglink || strchr(debuglink, '/') ||
		    strcmp(debuglink, ".") == 0 || strcmp(debuglink, "..") == 0)
			return false;
		n = snprintf(name, sizeof(name), "%s", debuglink);
	} else {
		if (!file_name)
			return true;
		n = snprintf(name, sizeof(name), "%s.debug",
			     path_basename(file_name));
	}
	if (n < 0 || (size_t)n >= sizeof(name))
		return false;
	/* The main file's directory ("." for a bare relative name). */
	snprintf(dir, sizeof(dir), ".");
	if (file_name && strchr(file_name, '/')) {
		base = path_basename(file_name);
		dlen = (size_t)(base - file_name - 1);
		if (dlen >= sizeof(dir))
			return false;
		memcpy(dir, file_name, dlen);
		dir[dlen] = '\0';
	}
	if (not_regular(dir, "", name) || not_regular(dir, "/.debug", name))
		return false;
	/* DEBUG_DIR/ + every trailing part of dir, down to DEBUG_DIR/name. */
	for (s = dir;;) {
		while (*s == '/')
			s++;
		if (not_regular(DEBUG_DIR "/", s, name))
			return false;
		s = strchr(s, '/');
		if (!s)
			break;
	}
	if (not_regular(DEBUG_DIR, "", name))
		return false;
	return true;
}

/*
 * Dwfl_Callbacks.find_debuginfo: by build-id under /usr/lib/debug first,
 * then libdwfl's standard search by .gnu_debuglink (and debuginfod when
 * the user set DEBUGINFOD_URLS, as elfutils tools do). libdwfl opens
 * without O_CLOEXEC, so the fd it keeps is marked here.
 */
int
snare__sym_find_debuginfo(Dwfl_Module *mod, void **userdata,
			  const char *modname, Dwarf_Addr base,
			  const char *file_name, const char *debuglink,
			  GElf_Word crc, char **debuginfo_file_name)
{
	int fd;

	fd = dwfl_build_id_find_debuginfo(mod, userdata, modname, base,
					  file_name, debuglink, crc,
					  debuginfo_file_name);
	if (fd < 0 && debuglink_safe(file_name, debuglink))
		fd = dwfl_standard_find_debuginfo(mod, userdata, modname, base,
						  file_name, debuglink, crc,
						  debuginfo_file_name);
	if (fd >= 0)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

static bool
looks_mangled(const char *name)
{
	return name[0] == '_' &&
	       (name[1] == 'Z' || name[1] == 'R' ||
		(name[1] == '_' && name[2] == 'Z'));
}

/*
 * Demangle with libiberty's two demanglers called directly (not through
 * cplus_demangle(), which reads libiberty's global style). Rust first:
 * legacy Rust names are also valid Itanium C++ names.
 */
static char *
demangle_opts(const char *name, int opts)
{
	char *s;

	if (!looks_mangled(name))
		return NULL;
	s = rust_demangle(name, opts);
	if (!s)
		s = cplus_demangle_v3(name, opts);
	return s;
}

char *
snare__demangle(const char *name)
{
	return demangle_opts(name, DMGL_PARAMS | DMGL_ANSI);
}

SNARE_EXPORT int
snare_demangle(char *buf, size_t cap, const char *name)
{
	char *s;
	int n;

	if (!buf || !cap || !name)
		return -EINVAL;
	s = snare__demangle(name);
	n = snprintf(buf, cap, "%s", s ? s : name);
	free(s);
	if (n < 0)
		return -EINVAL;
	if ((size_t)n >= cap)
		return -ERANGE;
	return s ? 1 : 0;
}

static int
collect_module(Dwfl_Module *mod, void **userdata, const char *name,
	       Dwarf_Addr start, void *arg)
{
	struct snare__modlist *ml = arg;
	Dwfl_Module **v;

	(void)userdata;
	(void)name;
	(void)start;
	if (ml->n == ml->cap) {
		ml->cap = ml->cap ? 2 * ml->cap : 16;
		v = realloc(ml->v, ml->cap * sizeof(*v));
		if (!v)
			return DWARF_CB_ABORT;
		ml->v = v;
	}
	ml->v[ml->n++] = mod;
	return DWARF_CB_OK;
}

static int
module_cmp(const void *a, const void *b)
{
	Dwarf_Addr sa = 0, sb = 0;

	dwfl_module_info(*(Dwfl_Module *const *)a, NULL, &sa, NULL, NULL, NULL,
			 NULL, NULL);
	dwfl_module_info(*(Dwfl_Module *const *)b, NULL, &sb, NULL, NULL, NULL,
			 NULL, NULL);
	return sa < sb ? -1 : sa > sb;
}

int
snare__modules(struct snare__modlist *ml, snare_symtab *st)
{
	memset(ml, 0, sizeof(*ml));
	if (dwfl_getmodules(st->dwfl, collect_module, ml, 0) != 0) {
		snare__modules_free(ml);
		return snare__sym_err(st, -ENOMEM, "out of memory");
	}
	if (ml->n > 1)
		qsort(ml->v, ml->n, sizeof(*ml->v), module_cmp);
	for (size_t i = 1; i < ml->n; i++) {
		if (ml->v[i] == st->main_mod) {
			memmove(ml->v + 1, ml->v, i * sizeof(*ml->v));
			ml->v[0] = st->main_mod;
			break;
		}
	}
	return 0;
}

void
snare__modules_free(struct snare__modlist *ml)
{
	free(ml->v);
	memset(ml, 0, sizeof(*ml));
}

/* The short name of a module: its file's basename, or "[vdso]". */
void
snare__module_name(char *buf, size_t cap, const snare_symtab *st,
		   Dwfl_Module *mod)
{
	const char *name = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL,
					    NULL, NULL);
	size_t len;

	(void)st;
	if (!name)
		name = "?";
	if (strncmp(name, "[vdso", 5) == 0)
		name = "[vdso]";
	name = path_basename(name);
	len = strlen(name);
	if (has_deleted_suffix(name))
		len -= strlen(DELETED_SUFFIX);
	snprintf(buf, cap, "%.*s", (int)len, name);
}

/*
 * How well a module name matches what the user wrote: 0 the full path,
 * 1 the basename, 2 a basename prefix up to a '.' or '-' ("libc" for
 * "libc.so.6"), 3 any basename prefix, -1 not at all.
 */
static int
module_match(const char *full, const char *base, const char *q, size_t len)
{
	if (strlen(full) == len && memcmp(full, q, len) == 0)
		return 0;
	if (strlen(base) == len && memcmp(base, q, len) == 0)
		return 1;
	if (strncmp(base, q, len) != 0)
		return -1;
	return base[len] == '.' || base[len] == '-' ? 2 : 3;
}

int
snare__module_by_name(Dwfl_Module **out, snare_symtab *st, const char *name,
		      size_t len)
{
	struct snare__modlist ml;
	char base[256], other[256];
	Dwfl_Module *best = NULL, *tie = NULL;
	int best_rank = 4, rc;

	rc = snare__modules(&ml, st);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < ml.n; i++) {
		const char *full = dwfl_module_info(ml.v[i], NULL, NULL, NULL,
						    NULL, NULL, NULL, NULL);
		int r;

		snare__module_name(base, sizeof(base), st, ml.v[i]);
		r = module_match(full ? full : "", base, name, len);
		if (r < 0 || r > best_rank)
			continue;
		if (r < best_rank) {
			best_rank = r;
			best = ml.v[i];
			tie = NULL;
		} else if (!tie) {
			tie = ml.v[i];
		}
	}
	snare__modules_free(&ml);
	if (!best)
		return snare__sym_err(st, -ENOENT, "no mapped file matches '%.*s'",
				      (int)(len > 128 ? 128 : len), name);
	if (tie) {
		snare__module_name(base, sizeof(base), st, best);
		snare__module_name(other, sizeof(other), st, tie);
		return snare__sym_err(st, -EINVAL,
				      "'%.*s' is ambiguous: %s, %s",
				      (int)(len > 128 ? 128 : len), name, base,
				      other);
	}
	*out = best;
	return 0;
}

/* The best match of a symbol search so far. */
struct sym_best {
	int rank;        /* raw_rank(), or 3 for a demangled match; -1 none */
	bool local;      /* STB_LOCAL: global and weak symbols win */
	int type;        /* STT_* */
	uint64_t addr;
	const char *name;
	Dwfl_Module *mod;
	uint64_t other_addr; /* another match of the same class, elsewhere */
	const char *other;
};

static void
best_offer(struct sym_best *b, int rank, bool local, int type, uint64_t addr,
	   const char *name, Dwfl_Module *mod)
{
	if (b->rank < 0 || rank < b->rank ||
	    (rank == b->rank && b->local && !local)) {
		b->rank = rank;
		b->local = local;
		b->type = type;
		b->addr = addr;
		b->name = name;
		b->mod = mod;
		b->other = NULL;
	} else if (rank == b->rank && local == b->local && addr != b->addr &&
		   !b->other) {
		b->other_addr = addr;
		b->other = name;
	}
}

/* Equal but for spaces ("vector<int, std::allocator<int> >"). */
static bool
eq_nospace(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (!*a)
			return true;
		a++;
		b++;
	}
}

/*
 * How well a raw symbol name matches the query: 0 exactly; 1 but for the
 * default version ("memcpy" for "memcpy@@GLIBC_2.14", the one the dynamic
 * linker binds a new reference to); 2 but for another version
 * ("memcpy@GLIBC_2.2.5"); -1 not. A query with a version matches only
 * exactly.
 */
static int
raw_rank(const char *name, const char *q, size_t len)
{
	if (strcmp(name, q) == 0)
		return 0;
	if (memchr(q, '@', len) || strncmp(name, q, len) != 0 ||
	    name[len] != '@')
		return -1;
	return name[len + 1] == '@' ? 1 : 2;
}

/*
 * A mangled name against a demangled query: the query may omit the
 * parameters ("ns::f"), or give them ("ns::f(int)"), without the return
 * type that function templates demangle with ("int ns::twice<int>(int)").
 */
static bool
demangled_eq(const char *name, const char *q, bool with_params)
{
	char *full = NULL, *bare;
	const char *p;
	bool eq;

	bare = demangle_opts(name, DMGL_ANSI);
	eq = bare && eq_nospace(bare, q);
	if (!eq && with_params) {
		full = demangle_opts(name, DMGL_PARAMS | DMGL_ANSI);
		eq = full && eq_nospace(full, q);
		p = full && bare ? strstr(full, bare) : NULL;
		if (!eq && p && p != full)
			eq = eq_nospace(p, q);
	}
	free(bare);
	free(full);
	return eq;
}

/*
 * One pass over a module's symbols: raw names, or demangled ones; with
 * exported, global and weak symbols only (what other files can bind to).
 */
static void
module_search(struct sym_best *b, Dwfl_Module *mod, const char *q,
	      size_t len, bool demangled, bool exported)
{
	bool with_params = strchr(q, '(') != NULL;
	int n = dwfl_module_getsymtab(mod);

	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name;
		int type, bind, rank;

		name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, NULL,
					       NULL);
		if (!name || !*name || shndx == SHN_UNDEF ||
		    shndx == (GElf_Word)-1)
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		bind = GELF_ST_BIND(sym.st_info);
		if (type == STT_SECTION || type == STT_FILE)
			continue;
		if (exported && (bind == STB_LOCAL ||
				 GELF_ST_VISIBILITY(sym.st_other) == STV_HIDDEN ||
				 GELF_ST_VISIBILITY(sym.st_other) == STV_INTERNAL))
			continue;
		if (!demangled)
			rank = raw_rank(name, q, len);
		else if (looks_mangled(name) &&
			 demangled_eq(name, q, with_params))
			rank = 3;
		else
			rank = -1;
		if (rank >= 0)
			best_offer(b, rank, bind == STB_LOCAL, type, addr, name,
				   mod);
	}
}

/* Raw names first, then demangled ones. */
static void
module_search_both(struct sym_best *b, Dwfl_Module *mod, const char *q,
		   size_t len, bool exported)
{
	module_search(b, mod, q, len, false, exported);
	if (b->rank < 0)
		module_search(b, mod, q, len, true, exported);
}

/*
 * Search the files for a symbol. One file: that file. Otherwise, in this
 * order: the program (any symbol); the first library, in the dynamic
 * linker's search order, that exports it (a global or weak symbol: the
 * definition a call from the program binds to, not the dynamic loader's
 * private strlen); then, unless flags has SNARE__SYM_EXPORTED, the first
 * library with a local symbol of that name.
 */
int
snare__symbol_find(struct snare__symhit *out, snare_symtab *st,
		   Dwfl_Module *mod, const char *name, size_t len,
		   unsigned flags)
{
	struct sym_best b = { .rank = -1 };
	struct snare__modlist ml = { 0 };
	char where[256];
	char *q, *d1 = NULL, *d2 = NULL;
	int rc;

	q = strndup(name, len);
	if (!q)
		return -ENOMEM;
	if (mod) {
		ml.v = &mod;
		ml.n = 1;
		module_search_both(&b, mod, q, len, false);
	} else {
		rc = snare__modules(&ml, st);
		if (rc < 0)
			goto out;
		snare__link_order(&ml, st);
		if (ml.n && ml.v[0] == st->main_mod)
			module_search_both(&b, ml.v[0], q, len, false);
		for (size_t i = 0; i < ml.n && b.rank < 0; i++)
			if (ml.v[i] != st->main_mod)
				module_search_both(&b, ml.v[i], q, len, true);
		for (size_t i = 0; i < ml.n && b.rank < 0 &&
				   !(flags & SNARE__SYM_EXPORTED); i++)
			if (ml.v[i] != st->main_mod)
				module_search_both(&b, ml.v[i], q, len, false);
	}
	if (mod)
		snare__module_name(where, sizeof(where), st, mod);
	else if (st->main_mod)
		snare__module_name(where, sizeof(where), st, st->main_mod);
	else
		snprintf(where, sizeof(where), "any file");
	if (b.rank < 0) {
		rc = snare__sym_err(st, -ENOENT, "no symbol '%.128s' in %s%s", q,
				    where, mod ? "" : " or its libraries");
		goto out;
	}
	snare__module_name(where, sizeof(where), st, b.mod);
	if (b.other) {
		d1 = snare__demangle(b.name);
		d2 = snare__demangle(b.other);
		rc = snare__sym_err(st, -EINVAL,
				    "'%.128s' is ambiguous in %s: %s at 0x%" PRIx64
				    ", %s at 0x%" PRIx64,
				    q, where, d1 ? d1 : b.name, b.addr,
				    d2 ? d2 : b.other, b.other_addr);
		goto out;
	}
	if (b.type == STT_TLS) {
		rc = snare__sym_err(st, -EINVAL,
				    "'%.128s' is thread-local: no fixed address",
				    q);
		goto out;
	}
	memset(out, 0, sizeof(*out));
	out->addr = b.addr;
	out->type = b.type;
	out->mod = b.mod;
	snprintf(out->name, sizeof(out->name), "%s", b.name);
	rc = 0;
out:
	if (!mod)
		snare__modules_free(&ml);
	free(d1);
	free(d2);
	free(q);
	return rc;
}
