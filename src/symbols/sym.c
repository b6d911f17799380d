/* SPDX-License-Identifier: MIT */
/*
 * sym.c: symbol tables of a live process or an ELF file.
 *
 * A snare_symtab wraps one libdwfl session (Dwfl). For a process, modules
 * come from /proc/PID/maps through dwfl_linux_proc_report(), which gives
 * each mapped file its load bias; the program is the module holding
 * AT_ENTRY. libdwfl opens files lazily through our callbacks (elf.c), which
 * enforce the rules of PTRACE-NOTES 4.5. This file holds the lifecycle,
 * the location grammar of snare_symtab_resolve() and the reverse lookups.
 * elf.c holds the file callbacks and the symbol searches, line.c the
 * source lines.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/internal.h"
#include "core/mapsel.h"
#include "symbols/symtab.h"

/* Longest location string accepted; longer ones are refused. */
#define LOCATION_MAX 4096

int
snare__sym_err(snare_symtab *st, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

/* AT_ENTRY from /proc/PID/auxv (64-bit tracees). */
static int
read_entry(uint64_t *entry, pid_t pid)
{
	char path[64];
	uint64_t auxv[512];
	size_t got = 0;
	int fd, rc = 0;

	*entry = 0;
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	while (got < sizeof(auxv)) {
		ssize_t n = read(fd, (char *)auxv + got, sizeof(auxv) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = errno == ESRCH ? -ESRCH : -errno;
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	/* A zombie or an exiting process has an empty auxv. */
	if (got < 2 * sizeof(uint64_t)) {
		rc = -ESRCH;
		goto out;
	}
	for (size_t i = 0; i + 1 < got / sizeof(uint64_t); i += 2) {
		if (auxv[i] == AT_NULL)
			break;
		if (auxv[i] == AT_ENTRY)
			*entry = auxv[i + 1];
	}
out:
	close(fd);
	return rc;
}

static int
proc_gone(snare_symtab *st)
{
	if (snare_proc_state(st->proc) == SNARE_PROC_EXITED)
		return snare__sym_err(st, SNARE_EEXITED, "process %d has exited",
				      (int)st->pid);
	return 0;
}

static void
callbacks_init(snare_symtab *st, bool offline)
{
	st->debuginfo_path = NULL; /* libdwfl's default search path */
	st->cb.find_elf = snare__sym_find_elf;
	st->cb.find_debuginfo = snare__sym_find_debuginfo;
	st->cb.section_address = offline ? dwfl_offline_section_address : NULL;
	st->cb.debuginfo_path = &st->debuginfo_path;
}

/* dwfl_getmodules callback: hand our symtab to the file callbacks. */
static int
module_set_userdata(Dwfl_Module *mod, void **userdata, const char *name,
		    Dwarf_Addr start, void *arg)
{
	(void)mod;
	(void)name;
	(void)start;
	*userdata = arg;
	return DWARF_CB_OK;
}

/*
 * Report the process's mappings into dwfl, from scratch (a new Dwfl) or
 * incrementally (unchanged modules keep their loaded tables).
 */
static int
report_process(snare_symtab *st, Dwfl *dwfl)
{
	int rc;

	dwfl_report_begin(dwfl);
	rc = dwfl_linux_proc_report(dwfl, st->pid);
	if (dwfl_report_end(dwfl, NULL, NULL) != 0 && rc == 0)
		rc = -1;
	if (rc > 0) {
		if (rc == ENOENT || rc == ESRCH)
			return snare__sym_err(st, -ESRCH,
					      "process %d: no memory maps",
					      (int)st->pid);
		return snare__sym_err(st, -rc, "process %d maps: %s",
				      (int)st->pid, strerror(rc));
	}
	if (rc < 0)
		return snare__sym_err(st, -ENOMEM, "process %d maps: %s",
				      (int)st->pid, dwfl_errmsg(-1));
	dwfl_getmodules(dwfl, module_set_userdata, st, 0);
	return 0;
}

/* The program: the module holding the entry point, else the lowest file. */
static void
set_main_module(snare_symtab *st)
{
	st->main_mod = st->entry ? dwfl_addrmodule(st->dwfl, st->entry) : NULL;
	if (!st->main_mod) {
		/* No entry point (exotic): the lowest file is the program. */
		struct snare__modlist ml;

		if (snare__modules(&ml, st) == 0 && ml.n > 0)
			st->main_mod = ml.v[0];
		snare__modules_free(&ml);
	}
}

/*
 * (Re)load the process: after an exec (new entry point or program file)
 * or the first time, into a new Dwfl swapped in on success; otherwise
 * incrementally into the current one.
 */
static int
load_process(snare_symtab *st)
{
	struct stat sb;
	char path[64];
	uint64_t entry;
	dev_t dev = 0;
	ino_t ino = 0;
	Dwfl *dwfl;
	int rc;

	rc = proc_gone(st);
	if (rc < 0)
		return rc;
	snare__nearest_reset(st); /* its modules may go */
	rc = read_entry(&entry, st->pid);
	if (rc < 0)
		return snare__sym_err(st, rc, "process %d auxv: %s",
				      (int)st->pid, strerror(-rc));
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)st->pid);
	if (stat(path, &sb) == 0) {
		dev = sb.st_dev;
		ino = sb.st_ino;
	}
	if (st->dwfl && entry == st->entry && dev == st->exe_dev &&
	    ino == st->exe_ino) {
		rc = report_process(st, st->dwfl);
		if (rc < 0)
			return rc;
	} else {
		dwfl = dwfl_begin(&st->cb);
		if (!dwfl)
			return snare__sym_err(st, -ENOMEM, "libdwfl: %s",
					      dwfl_errmsg(-1));
		rc = report_process(st, dwfl);
		if (rc < 0) {
			dwfl_end(dwfl);
			return rc;
		}
		dwfl_end(st->dwfl);
		st->dwfl = dwfl;
		/* A new image (exec): what its resolvers chose is unknown. */
		snare__ifunc_forget(st);
	}
	st->entry = entry;
	st->exe_dev = dev;
	st->exe_ino = ino;
	set_main_module(st);
	return 0;
}

SNARE_EXPORT int
snare_symtab_new(snare_symtab **out, snare_proc *p)
{
	snare_symtab *st;
	int rc;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!p)
		return -EINVAL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->proc = p;
	st->pid = snare_proc_pid(p);
	callbacks_init(st, false);
	rc = load_process(st);
	if (rc < 0) {
		snare_symtab_free(st);
		return rc;
	}
	*out = st;
	return 0;
}

SNARE_EXPORT int
snare_symtab_open_elf(snare_symtab **out, const char *path)
{
	const char *slash;
	char *real;
	snare_symtab *st = NULL;
	Dwfl_Module *mod;
	int fd = -1, rc;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!path || !*path)
		return -EINVAL;
	fd = snare__elf_open_checked(path, true);
	if (fd < 0)
		return fd;
	rc = -ENOMEM;
	st = calloc(1, sizeof(*st));
	if (!st)
		goto out;
	callbacks_init(st, true);
	st->dwfl = dwfl_begin(&st->cb);
	if (!st->dwfl)
		goto out;
	slash = strrchr(path, '/');
	/* Debug files are looked for next to the real file, as gdb does. */
	real = realpath(path, NULL);
	dwfl_report_begin(st->dwfl);
	/* Base 0 relative to p_vaddr: link-time addresses (bias 0). */
	mod = dwfl_report_elf(st->dwfl, slash ? slash + 1 : path,
			      real ? real : path, fd, 0, true);
	free(real);
	if (mod)
		fd = -1; /* libdwfl owns it now */
	if (dwfl_report_end(st->dwfl, NULL, NULL) != 0 || !mod) {
		rc = -ENOEXEC;
		goto out;
	}
	dwfl_getmodules(st->dwfl, module_set_userdata, st, 0);
	st->main_mod = mod;
	*out = st;
	st = NULL;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	snare_symtab_free(st);
	return rc;
}

/*
 * A symtab laid out by maps text instead of a live process: the same
 * libdwfl report a process gets (each mapped file's load bias from its
 * lines), with the entry point given. It has no process: the files are
 * opened by the paths the text names, and refresh is refused. For the
 * fuzz target of that layout math (PTRACE-NOTES 4.5, target 2).
 */
int
snare__symtab_from_maps(snare_symtab **out, const char *text, size_t len,
			uint64_t entry)
{
	snare_symtab *st = NULL;
	FILE *f = NULL;
	char *copy;
	int rc = -ENOMEM, r;

	*out = NULL;
	/* fmemopen wants a buffer of at least one byte: "" has no lines. */
	copy = malloc(len + 1);
	if (!copy)
		goto out;
	memcpy(copy, text, len);
	f = len ? fmemopen(copy, len, "r") : NULL;
	st = calloc(1, sizeof(*st));
	if ((len && !f) || !st)
		goto out;
	callbacks_init(st, false);
	st->dwfl = dwfl_begin(&st->cb);
	if (!st->dwfl)
		goto out;
	dwfl_report_begin(st->dwfl);
	r = f ? dwfl_linux_proc_maps_report(st->dwfl, f) : 0;
	if (dwfl_report_end(st->dwfl, NULL, NULL) != 0 || r != 0) {
		rc = snare__sym_err(st, r > 0 ? -r : -EINVAL, "maps: %s",
				    r > 0 ? strerror(r) : dwfl_errmsg(-1));
		goto out;
	}
	dwfl_getmodules(st->dwfl, module_set_userdata, st, 0);
	st->entry = entry;
	set_main_module(st);
	*out = st;
	st = NULL;
	rc = 0;
out:
	if (f)
		fclose(f);
	free(copy);
	snare_symtab_free(st);
	return rc;
}

SNARE_EXPORT void
snare_symtab_free(snare_symtab *st)
{
	if (!st)
		return;
	if (st->dwfl)
		dwfl_end(st->dwfl);
	free(st->ifunc_seen);
	snare__nearest_reset(st);
	free(st);
}

SNARE_EXPORT int
snare_symtab_refresh(snare_symtab *st)
{
	if (!st)
		return -EINVAL;
	st->errmsg[0] = '\0';
	if (!st->proc)
		return snare__sym_err(st, -EINVAL,
				      "an ELF file's symtab has no maps");
	return load_process(st);
}

SNARE_EXPORT const char *
snare_symtab_errmsg(const snare_symtab *st)
{
	return st ? st->errmsg : "";
}

/* FILE@0xVADDR: the ELF virtual address plus FILE's load bias. */
static int
resolve_file_vaddr(struct snare__loc *out, snare_symtab *st, const char *file,
		   size_t len, uint64_t vaddr)
{
	Dwfl_Module *mod;
	Dwarf_Addr start, end;
	GElf_Addr bias;
	char name[256];
	int rc;

	rc = snare__module_by_name(&mod, st, file, len);
	if (rc < 0)
		return rc;
	snare__module_name(name, sizeof(name), st, mod);
	if (!dwfl_module_getelf(mod, &bias))
		return snare__sym_err(st, -ENOENT, "%s: cannot read the file: %s",
				      name, dwfl_errmsg(-1));
	dwfl_module_info(mod, NULL, &start, &end, NULL, NULL, NULL, NULL);
	if (vaddr > UINT64_MAX - bias || vaddr + bias < start ||
	    vaddr + bias >= end)
		return snare__sym_err(st, -ENOENT,
				      "0x%" PRIx64 " is outside %s's mapping",
				      vaddr, name);
	out->kind = SNARE__LOC_FILE_VADDR;
	out->addr = vaddr + bias;
	out->mod = mod;
	return 0;
}

/*
 * The ':' that separates LIB from SYM in LIB:SYM, skipping the "::" of
 * C++ and Rust names; NULL when there is none.
 */
static const char *
lib_separator(const char *s)
{
	for (const char *c = strchr(s, ':'); c; c = strchr(c + 1, ':')) {
		if (c[1] == ':') {
			c++;
			continue;
		}
		return c;
	}
	return NULL;
}

/* LIB:SYM[+OFF] (lib may be NULL) or SYM[+OFF]. */
static int
resolve_symbol(struct snare__loc *out, snare_symtab *st, const char *lib,
	       size_t liblen, const char *sym, unsigned flags)
{
	const char *plus = strrchr(sym, '+');
	struct snare__symhit h;
	Dwfl_Module *mod = NULL;
	uint64_t off = 0;
	size_t len = strlen(sym);
	bool hex;
	int rc;

	if (plus && plus > sym &&
	    snare__parse_u64(&off, &hex, plus + 1, strlen(plus + 1)) == 0)
		len = (size_t)(plus - sym);
	if (len == 0)
		return snare__sym_err(st, -EINVAL, "empty symbol name");
	if (lib) {
		rc = snare__module_by_name(&mod, st, lib, liblen);
		if (rc < 0)
			return rc;
	}
	rc = snare__symbol_find(&h, st, mod, sym, len, flags);
	if (rc < 0)
		return rc;
	if (off > UINT64_MAX - h.addr)
		return snare__sym_err(st, -EINVAL, "%.*s+0x%" PRIx64
				      " overflows", (int)len, sym, off);
	out->kind = SNARE__LOC_SYMBOL;
	out->addr = h.addr + off;
	out->mod = h.mod;
	/* With an offset, the bytes of the resolver are meant. */
	out->ifunc = h.type == STT_GNU_IFUNC && off == 0;
	snprintf(out->sym, sizeof(out->sym), "%s", h.name);
	return 0;
}

static int
resolve_once(struct snare__loc *out, snare_symtab *st, const char *s,
	     unsigned flags)
{
	const char *at, *colon;
	uint64_t v;
	bool hex;
	int rc;

	if (*s == '*') {
		if (snare__parse_u64(&v, &hex, s + 1, strlen(s + 1)) < 0 || !hex)
			return snare__sym_err(st, -EINVAL,
					      "%.64s: expected *0xADDRESS", s);
		out->addr = v;
		return 0;
	}
	if (snare__parse_u64(&v, &hex, s, strlen(s)) == 0) {
		if (!hex)
			return snare__sym_err(st, -EINVAL,
					      "%.64s: write 0x%" PRIx64
					      " for an address, FILE:%" PRIu64
					      " for a line", s, v, v);
		out->addr = v;
		return 0;
	}
	at = strrchr(s, '@');
	if (at && at > s && snare__parse_u64(&v, &hex, at + 1, strlen(at + 1)) == 0 &&
	    hex)
		return resolve_file_vaddr(out, st, s, (size_t)(at - s), v);
	colon = strrchr(s, ':');
	if (colon && colon > s && colon[-1] != ':' &&
	    snare__parse_u64(&v, &hex, colon + 1, strlen(colon + 1)) == 0 && !hex) {
		if (v == 0 || v > INT32_MAX)
			return snare__sym_err(st, -EINVAL, "%.64s: bad line number",
					      s);
		rc = snare__source_line(&out->addr, st, s, (size_t)(colon - s),
					(int)v);
		if (rc == 0) {
			out->kind = SNARE__LOC_LINE;
			out->mod = dwfl_addrmodule(st->dwfl, out->addr);
		}
		return rc;
	}
	colon = lib_separator(s);
	if (colon && colon > s)
		return resolve_symbol(out, st, s, (size_t)(colon - s),
				      colon + 1, 0);
	if (colon)
		return snare__sym_err(st, -EINVAL, "%.64s: empty file name", s);
	return resolve_symbol(out, st, NULL, 0, s, flags);
}

int
snare__symtab_locate(struct snare__loc *out, snare_symtab *st,
		     const char *location, unsigned flags)
{
	const char *s, *e;
	char *copy;
	int rc;

	memset(out, 0, sizeof(*out));
	st->errmsg[0] = '\0';
	s = location;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strnlen(s, LOCATION_MAX + 1);
	if (e - s > LOCATION_MAX)
		return snare__sym_err(st, -EINVAL, "location too long");
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
		e--;
	if (e == s)
		return snare__sym_err(st, -EINVAL, "empty location");
	copy = strndup(s, (size_t)(e - s));
	if (!copy)
		return -ENOMEM;
	/* "[heap]+0x10", "/usr/lib/libc.so.6+0x10": a map's, if it is one. */
	if (st->proc && (*copy == '[' || *copy == '/')) {
		rc = snare__loc_map(out, st, copy);
		if (rc != -ENOENT)
			goto out;
	}
	rc = resolve_once(out, st, copy, flags);
	/* A miss may be a library loaded since: look again, once. */
	if (rc == -ENOENT && st->proc) {
		char msg[sizeof(st->errmsg)];

		memcpy(msg, st->errmsg, sizeof(msg));
		if (load_process(st) == 0) {
			memset(out, 0, sizeof(*out));
			rc = resolve_once(out, st, copy, flags);
		} else {
			memcpy(st->errmsg, msg, sizeof(msg));
		}
	}
	/* "libc.so.6+0x1234": a file's base when no symbol has that name;
	   otherwise the miss stays the symbol's (a "[heap]" the map's). */
	if (rc == -ENOENT && st->proc) {
		char msg[sizeof(st->errmsg)];

		memcpy(msg, st->errmsg, sizeof(msg));
		if (snare__loc_map(out, st, copy) == 0)
			rc = 0;
		else if (*copy != '[')
			memcpy(st->errmsg, msg, sizeof(msg));
	}
out:
	free(copy);
	return rc;
}

SNARE_EXPORT int
snare_symtab_resolve(uint64_t *addr, snare_symtab *st, const char *location)
{
	struct snare__loc loc;
	uint64_t impl;
	int rc;

	if (!addr || !st || !location)
		return -EINVAL;
	rc = snare__symtab_locate(&loc, st, location, 0);
	if (rc < 0)
		return rc;
	*addr = loc.addr;
	if (loc.ifunc && st->proc &&
	    snare__ifunc_impl(&impl, st, loc.mod, loc.addr, loc.sym) == 0)
		*addr = impl;
	st->errmsg[0] = '\0';
	return 0;
}

SNARE_EXPORT int
snare_symtab_ifunc(uint64_t *impl, uint64_t *resolver, snare_symtab *st,
		   const char *location)
{
	struct snare__loc loc;
	uint64_t i;
	int rc;

	if (!impl || !resolver || !st || !location)
		return -EINVAL;
	*impl = *resolver = 0;
	rc = snare__symtab_locate(&loc, st, location, 0);
	if (rc < 0)
		return rc;
	if (!loc.ifunc) {
		*impl = *resolver = loc.addr;
		return 0;
	}
	*resolver = loc.addr;
	if (st->proc &&
	    snare__ifunc_impl(&i, st, loc.mod, loc.addr, loc.sym) == 0)
		*impl = i;
	st->errmsg[0] = '\0';
	return 1;
}

/* snprintf that reports truncation as -ERANGE. */
static int
format(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	if (n < 0) {
		buf[0] = '\0';
		return -EINVAL;
	}
	return (size_t)n >= cap ? -ERANGE : 0;
}

SNARE_EXPORT int
snare_symtab_symbolize(char *buf, size_t cap, snare_symtab *st, uint64_t addr)
{
	char modname[256], prefix[260];
	const char *name;
	Dwfl_Module *mod;
	GElf_Off off = 0;
	GElf_Addr bias;
	GElf_Sym sym;
	char *dem;
	int rc;

	if (!buf || !cap || !st)
		return -EINVAL;
	st->errmsg[0] = '\0';
	mod = dwfl_addrmodule(st->dwfl, addr);
	if (!mod) {
		rc = format(buf, cap, "0x%" PRIx64, addr);
		return rc ? rc : snare__sym_err(st, -ENOENT,
					  "0x%" PRIx64 " is not in any file",
					  addr);
	}
	snare__module_name(modname, sizeof(modname), st, mod);
	prefix[0] = '\0';
	if (mod != st->main_mod)
		snprintf(prefix, sizeof(prefix), "%s:", modname);
	name = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
	if (!name || !*name) {
		if (dwfl_module_getelf(mod, &bias) && addr >= bias)
			rc = format(buf, cap, "%s@0x%" PRIx64, modname,
				    addr - bias);
		else
			rc = format(buf, cap, "0x%" PRIx64, addr);
		return rc ? rc : snare__sym_err(st, -ENOENT,
					  "no symbol covers 0x%" PRIx64
					  " in %s", addr, modname);
	}
	dem = snare__demangle(name);
	if (off)
		rc = format(buf, cap, "%s%s+0x%" PRIx64, prefix,
			    dem ? dem : name, (uint64_t)off);
	else
		rc = format(buf, cap, "%s%s", prefix, dem ? dem : name);
	free(dem);
	return rc;
}

SNARE_EXPORT int
snare_symtab_addr_line(char *file_buf, size_t cap, int *line,
		       snare_symtab *st, uint64_t addr)
{
	Dwfl_Module *mod;
	const char *src;
	char modname[256];
	int lineno = 0;

	if (!file_buf || !cap || !line || !st)
		return -EINVAL;
	file_buf[0] = '\0';
	*line = 0;
	st->errmsg[0] = '\0';
	mod = dwfl_addrmodule(st->dwfl, addr);
	if (!mod)
		return snare__sym_err(st, -ENOENT,
				      "0x%" PRIx64 " is not in any file", addr);
	if (snare__addr_line(&src, &lineno, mod, addr) < 0) {
		snare__module_name(modname, sizeof(modname), st, mod);
		return snare__sym_err(st, -ENOENT,
				      "no line information for 0x%" PRIx64
				      " in %s", addr, modname);
	}
	*line = lineno;
	return format(file_buf, cap, "%s", src);
}

SNARE_EXPORT int
snare_elf_symbol(uint64_t *addr, const char *elf_path, const char *symbol)
{
	snare_symtab *st;
	int rc;

	if (!addr || !symbol)
		return -EINVAL;
	rc = snare_symtab_open_elf(&st, elf_path);
	if (rc < 0)
		return rc;
	rc = snare_symtab_resolve(addr, st, symbol);
	snare_symtab_free(st);
	return rc;
}
