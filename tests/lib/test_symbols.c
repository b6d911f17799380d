/* SPDX-License-Identifier: MIT */
/*
 * test_symbols.c: the symbol layer against gdb and nm as
 * oracles. The tracee "symbols" (PIE and not) is read offline (link-time
 * addresses, every source line compared with gdb's "break symbols.c:N")
 * and live, stopped at its entry point (load biases from the maps, the
 * entry point from auxv, libc's printf from gdb on libc plus libc's
 * mapping). Then reverse lookups and their round trip, errors with their
 * messages, hostile files, and demangling. gdb always runs before the
 * session exists: snare reaps children with waitpid(-1).
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#define MAX_LINES 256

/* ---------------------------------------------------------------- */
/* Oracles                                                          */
/* ---------------------------------------------------------------- */

/* Run a shell command (no session may exist) and return its output. */
static void
run_cmd(char *out, size_t cap, const char *fmt, ...)
{
	char cmd[16384];
	size_t len = 0, n;
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (len < cap - 1 && (n = fread(out + len, 1, cap - 1 - len, f)) > 0)
		len += n;
	out[len] = '\0';
	pclose(f);
}

/* gdb's "info address SYM" of an ELF file: a link-time address. */
static uint64_t
gdb_address(const char *elf, const char *sym)
{
	char out[4096];
	const char *p;

	run_cmd(out, sizeof(out),
		"gdb -batch -nx -ex 'info address %s' '%s' 2>&1", sym, elf);
	p = strstr(out, " 0x");
	if (!p || strncmp(out, "Symbol ", 7) != 0)
		fail_msg("gdb: no address for %s in %s:\n%s", sym, elf, out);
	return strtoull(p + 1, NULL, 16);
}

/*
 * gdb's "break FILE:N" for N = 1..n: addr[N] (0 when gdb says there is
 * no such line). With several locations gdb shows the lowest.
 */
static void
gdb_lines(uint64_t *addr, int n, const char *elf, const char *file)
{
	static char cmd[16384], out[65536];
	size_t len = 0;
	const char *line;
	int k = 1;

	for (int i = 1; i <= n; i++)
		len += (size_t)snprintf(cmd + len, sizeof(cmd) - len,
					" -ex 'break %s:%d'", file, i);
	assert_true(len < sizeof(cmd));
	run_cmd(out, sizeof(out), "gdb -batch -nx%s '%s' 2>&1", cmd, elf);
	for (line = out; *line && k <= n; line = strchr(line, '\n') + 1) {
		if (strncmp(line, "Breakpoint ", 11) == 0) {
			const char *p = strstr(line, " at 0x");

			assert_non_null(p);
			addr[k++] = strtoull(p + 4, NULL, 16);
		} else if (strncmp(line, "No line ", 8) == 0) {
			addr[k++] = 0;
		}
		if (!strchr(line, '\n'))
			break;
	}
	if (k != n + 1)
		fail_msg("gdb answered %d of %d breaks:\n%s", k - 1, n, out);
}

/* The path of the tracer's own libc, the one the tracee maps too. */
static void
own_libc(char *buf, size_t cap)
{
	char line[1024];
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	buf[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char *path = strchr(line, '/');

		if (path && strstr(path, "/libc.so.6\n")) {
			path[strlen(path) - 1] = '\0';
			snprintf(buf, cap, "%s", path);
			break;
		}
	}
	fclose(f);
	assert_true(buf[0] != '\0');
}

/* The source of the tracee, as its DWARF names it, and its line count. */
static int
tracee_source(char *path, size_t cap, snare_symtab *st)
{
	uint64_t main_addr;
	char text[256];
	int line, n = 0;
	FILE *f;

	assert_int_equal(snare_symtab_resolve(&main_addr, st, "main"), 0);
	assert_int_equal(snare_symtab_addr_line(path, cap, &line, st, main_addr),
			 0);
	assert_true(line > 0);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read the tracee source %s", path);
	while (fgets(text, sizeof(text), f))
		n++;
	fclose(f);
	assert_true(n > 0 && n < MAX_LINES - 4);
	return n;
}

/* The line of the source holding needle. */
static int
source_line_of(const char *path, const char *needle)
{
	char text[256];
	int n = 0;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(text, sizeof(text), f)) {
		n++;
		if (strstr(text, needle)) {
			fclose(f);
			return n;
		}
	}
	fclose(f);
	fail_msg("no '%s' in %s", needle, path);
	return 0;
}

static uint64_t
resolve_ok(snare_symtab *st, const char *loc)
{
	uint64_t addr = 0;
	int rc = snare_symtab_resolve(&addr, st, loc);

	if (rc != 0)
		fail_msg("resolve %s: %s (%s)", loc, snare_strerror(rc),
			 snare_symtab_errmsg(st));
	return addr;
}

static void
resolve_fails(snare_symtab *st, const char *loc, int want, const char *msg)
{
	uint64_t addr = 0xdead;
	int rc = snare_symtab_resolve(&addr, st, loc);

	if (rc != want)
		fail_msg("resolve '%s': %d (%s), want %d", loc, rc,
			 snare_symtab_errmsg(st), want);
	assert_int_equal(addr, 0xdead);
	if (msg && !strstr(snare_symtab_errmsg(st), msg))
		fail_msg("resolve '%s': message '%s' lacks '%s'", loc,
			 snare_symtab_errmsg(st), msg);
}

static void
symbolize_is(snare_symtab *st, uint64_t addr, int want_rc, const char *want)
{
	char buf[256];
	int rc = snare_symtab_symbolize(buf, sizeof(buf), st, addr);

	if (rc != want_rc || strcmp(buf, want) != 0)
		fail_msg("symbolize 0x%llx: %d '%s', want %d '%s'",
			 (unsigned long long)addr, rc, buf, want_rc, want);
	/* What symbolize prints, resolve reads back. */
	assert_int_equal(resolve_ok(st, buf), addr);
}

static void
nearest_is(snare_symtab *st, uint64_t addr, const char *want)
{
	char buf[256];
	int rc = snare_symtab_symbolize_nearest(buf, sizeof(buf), st, addr);

	if (rc != 0 || strcmp(buf, want) != 0)
		fail_msg("symbolize_nearest 0x%llx: %d '%s', want '%s'",
			 (unsigned long long)addr, rc, buf, want);
}

/*
 * The name a tool without debug info gives libc's link-time address rel:
 * the closest defined dynamic symbol at or below it, the first of aliases in
 * table order, from nm -D -p (binutils, table order). "" when nm is missing.
 */
static void
nm_nearest(char *out, size_t cap, const char *lib, unsigned long long rel)
{
	char cmd[1200], line[512], name[256];
	unsigned long long v, best = 0;
	FILE *f;
	char type;

	out[0] = '\0';
	snprintf(cmd, sizeof(cmd), "nm -D -p --defined-only '%s' 2>/dev/null",
		 lib);
	f = popen(cmd, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &v, &type, name) == 3 &&
		    v <= rel && (v > best || !out[0]) && type != 'A') {
			char *at = strchr(name, '@');

			if (at)
				*at = '\0';
			best = v;
			if (rel > v)
				snprintf(out, cap, "libc.so.6:%s+0x%llx", name,
					 rel - v);
			else
				snprintf(out, cap, "libc.so.6:%s", name);
		}
	pclose(f);
}

/* ---------------------------------------------------------------- */
/* Offline: link-time addresses                                     */
/* ---------------------------------------------------------------- */

static void
check_offline_symbols(const char *tracee)
{
	const char *path = snare_test_tracee(tracee);
	uint64_t a, add = gdb_address(path, "marker_add");

	assert_int_equal(snare_elf_symbol(&a, path, "main"), 0);
	assert_int_equal(a, gdb_address(path, "main"));
	assert_int_equal(snare_elf_symbol(&a, path, "marker_add"), 0);
	assert_int_equal(a, add);
	assert_int_equal(snare_elf_symbol(&a, path, "marker_add+4"), 0);
	assert_int_equal(a, add + 4);
	assert_int_equal(snare_elf_symbol(&a, path, "marker_add+0x10"), 0);
	assert_int_equal(a, add + 16);
	assert_int_equal(snare_elf_symbol(&a, path, "marker_global"), 0);
	assert_int_equal(a, gdb_address(path, "marker_global"));
	assert_int_equal(snare_elf_symbol(&a, path, "static_helper"), 0);
	assert_int_equal(a, gdb_address(path, "static_helper"));
	assert_int_equal(snare_elf_symbol(&a, path, "marker_loop"), 0);
	assert_int_equal(a, gdb_address(path, "marker_loop"));
	/* Mangled, demangled with and without parameters. */
	assert_int_equal(snare_elf_symbol(&a, path, "_ZN2ns10marker_cxxEi"), 0);
	assert_int_equal(a, gdb_address(path, "ns::marker_cxx"));
	assert_int_equal(snare_elf_symbol(&a, path, "ns::marker_cxx"), 0);
	assert_int_equal(a, gdb_address(path, "ns::marker_cxx"));
	assert_int_equal(snare_elf_symbol(&a, path, "ns::marker_cxx( int )"), 0);
	assert_int_equal(a, gdb_address(path, "ns::marker_cxx"));
	assert_int_equal(snare_elf_symbol(&a, path, "no_such_symbol"), -ENOENT);
}

static void
test_offline_symbols_pie(void **state)
{
	(void)state;
	check_offline_symbols("symbols");
}

static void
test_offline_symbols_nopie(void **state)
{
	(void)state;
	check_offline_symbols("symbols-nopie");
}

/* Every line of the source, and a few past its end, against gdb. */
static void
check_offline_lines(const char *tracee)
{
	const char *path = snare_test_tracee(tracee);
	static uint64_t want[MAX_LINES];
	char src[1024], loc[64];
	snare_symtab *st;
	int n;

	assert_int_equal(snare_symtab_open_elf(&st, path), 0);
	n = tracee_source(src, sizeof(src), st) + 3;
	snare_symtab_free(st);
	gdb_lines(want, n, path, "symbols.c");
	assert_int_equal(snare_symtab_open_elf(&st, path), 0);
	for (int i = 1; i <= n; i++) {
		uint64_t got = 0;
		int rc;

		snprintf(loc, sizeof(loc), "symbols.c:%d", i);
		rc = snare_symtab_resolve(&got, st, loc);
		if (!want[i] && rc != -ENOENT)
			fail_msg("%s: gdb has no such line, snare says %d 0x%llx",
				 loc, rc, (unsigned long long)got);
		if (want[i] && (rc != 0 || got != want[i]))
			fail_msg("%s: snare %d 0x%llx (%s), gdb 0x%llx", loc, rc,
				 (unsigned long long)got,
				 snare_symtab_errmsg(st),
				 (unsigned long long)want[i]);
	}
	snare_symtab_free(st);
}

static void
test_offline_lines_pie(void **state)
{
	(void)state;
	check_offline_lines("symbols");
}

static void
test_offline_lines_nopie(void **state)
{
	(void)state;
	check_offline_lines("symbols-nopie");
}

/* ---------------------------------------------------------------- */
/* Live: runtime addresses in a spawned process                     */
/* ---------------------------------------------------------------- */

struct oracle {
	uint64_t main, add, global, line_body, start, printf_off;
	int body;            /* the line of marker_add's body */
	char src[1024];      /* the tracee source, as DWARF names it */
	char libc[1024];     /* the libc the tracer (and tracee) map */
};

static void
oracle_init(struct oracle *o, const char *path)
{
	static uint64_t lines[MAX_LINES];
	snare_symtab *st;

	assert_int_equal(snare_symtab_open_elf(&st, path), 0);
	tracee_source(o->src, sizeof(o->src), st);
	snare_symtab_free(st);
	o->body = source_line_of(o->src, "the marker_add body line");
	gdb_lines(lines, o->body, path, "symbols.c");
	o->line_body = lines[o->body];
	assert_true(o->line_body != 0);
	o->main = gdb_address(path, "main");
	o->add = gdb_address(path, "marker_add");
	o->global = gdb_address(path, "marker_global");
	o->start = gdb_address(path, "_start");
	own_libc(o->libc, sizeof(o->libc));
	o->printf_off = gdb_address(o->libc, "printf");
}

/* Start of the offset-0 mapping of the file whose basename is name. */
static uint64_t
map_base(snare_proc *p, const char *name)
{
	snare_map *maps;
	uint64_t base = 0;
	size_t n;

	assert_int_equal(snare_proc_maps(&maps, &n, p), 0);
	for (size_t i = 0; i < n; i++) {
		const char *slash = strrchr(maps[i].path, '/');

		if (slash && strcmp(slash + 1, name) == 0 &&
		    maps[i].offset == 0) {
			base = maps[i].start;
			break;
		}
	}
	snare_maps_free(maps, n);
	if (!base)
		fail_msg("%s is not mapped", name);
	return base;
}

static void
check_live(void **state, const char *tracee, int pie)
{
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char *argv[] = { (char *)path, NULL };
	char buf[256], file[1024], loc[1200];
	uint64_t base, bias, libc, add, pf;
	struct oracle o;
	snare_session *s;
	snare_symtab *st;
	snare_proc *p;
	int line, rc;

	oracle_init(&o, path);
	s = snare_test_session(state, NULL);
	so.stop_at = SNARE_SPAWN_STOP_ENTRY;
	so.stdio[0].kind = SNARE_STDIO_NULL;
	so.stdio[1].kind = SNARE_STDIO_NULL;
	rc = snare_spawn(&p, s, path, argv, &so);
	if (rc != 0)
		fail_msg("spawn %s: %s (%s)", path, snare_strerror(rc),
			 snare_errmsg(s));
	base = map_base(p, tracee);
	bias = pie ? base : 0;
	libc = map_base(p, "libc.so.6");
	assert_int_equal(snare_symtab_new(&st, p), 0);

	/* The program, at its load bias; _start is AT_ENTRY. */
	assert_int_equal(resolve_ok(st, "_start"),
			 snare_test_auxv(snare_proc_pid(p), AT_ENTRY));
	assert_int_equal(resolve_ok(st, "_start"), bias + o.start);
	assert_int_equal(resolve_ok(st, "main"), bias + o.main);
	add = resolve_ok(st, "marker_add");
	assert_int_equal(add, bias + o.add);
	assert_int_equal(resolve_ok(st, "marker_add+4"), add + 4);
	assert_int_equal(resolve_ok(st, " marker_add+0x4 "), add + 4);
	assert_int_equal(resolve_ok(st, "marker_global"), bias + o.global);
	snprintf(loc, sizeof(loc), "%s:marker_add", tracee);
	assert_int_equal(resolve_ok(st, loc), add);
	snprintf(loc, sizeof(loc), "%s@0x%llx", tracee,
		 (unsigned long long)o.add);
	assert_int_equal(resolve_ok(st, loc), add);
	snprintf(loc, sizeof(loc), "0x%llx", (unsigned long long)add);
	assert_int_equal(resolve_ok(st, loc), add);

	/* Source lines: by basename, trailing path, full path. */
	snprintf(loc, sizeof(loc), "symbols.c:%d", o.body);
	assert_int_equal(resolve_ok(st, loc), bias + o.line_body);
	snprintf(loc, sizeof(loc), "tracees/symbols.c:%d", o.body);
	assert_int_equal(resolve_ok(st, loc), bias + o.line_body);
	snprintf(loc, sizeof(loc), "%s:%d", o.src, o.body);
	assert_int_equal(resolve_ok(st, loc), bias + o.line_body);
	assert_int_equal(snare_symtab_addr_line(file, sizeof(file), &line, st,
						bias + o.line_body),
			 0);
	assert_string_equal(file, o.src);
	assert_int_equal(line, o.body);

	/* libc: qualified by basename or prefix, or found by search. */
	pf = libc + o.printf_off;
	assert_int_equal(resolve_ok(st, "libc.so.6:printf"), pf);
	assert_int_equal(resolve_ok(st, "libc:printf"), pf);
	assert_int_equal(resolve_ok(st, "printf"), pf);
	assert_int_equal(resolve_ok(st, "libc.so.6:printf+4"), pf + 4);
	snprintf(loc, sizeof(loc), "%s:printf", o.libc);
	assert_int_equal(resolve_ok(st, loc), pf);

	/* Reverse lookups, and their round trip through resolve. */
	symbolize_is(st, add, 0, "marker_add");
	symbolize_is(st, add + 1, 0, "marker_add+0x1");
	symbolize_is(st, bias + o.main, 0, "main");
	symbolize_is(st, pf, 0, "libc.so.6:printf");
	symbolize_is(st, pf + 4, 0, "libc.so.6:printf+0x4");
	symbolize_is(st, resolve_ok(st, "ns::marker_cxx"), 0,
		     "ns::marker_cxx(int)");
	/* The ELF header, mapped but in no symbol: FILE@VADDR. */
	snprintf(buf, sizeof(buf), "%s@0x%llx", tracee,
		 (unsigned long long)(base - bias));
	symbolize_is(st, base, -ENOENT, buf);
	symbolize_is(st, 0x10, -ENOENT, "0x10");
	assert_int_equal(snare_symtab_symbolize(buf, 4, st, pf), -ERANGE);
	assert_string_equal(buf, "lib");

	/* Named from the files' own tables, as strace -k: the program has
	   a .symtab; a static function of the stripped libc (found through
	   libc6-dbg's debug info, when installed) gets the closest exported
	   name below it, as nm -D sees the file. */
	nearest_is(st, add, "marker_add");
	nearest_is(st, add + 1, "marker_add+0x1");
	nearest_is(st, bias + o.main, "main");
	{
		uint64_t stat_fn = 0;
		char want[512];

		if (snare_symtab_resolve(&stat_fn, st,
					 "libc.so.6:__libc_start_call_main") ==
		    0) {
			nm_nearest(want, sizeof(want), o.libc,
				   (unsigned long long)(stat_fn - libc + 4));
			if (want[0]) {
				assert_null(strstr(want, "start_call_main"));
				nearest_is(st, stat_fn + 4, want);
			}
		}
	}
	assert_int_equal(snare_symtab_symbolize_nearest(buf, 4, st, pf),
			 -ERANGE);
	assert_int_equal(snare_symtab_symbolize_nearest(NULL, 4, st, pf),
			 -EINVAL);
	assert_int_equal(snare_symtab_symbolize_nearest(buf, sizeof(buf), st,
							0x10),
			 -ENOENT);

	/* Errors, with a message that names the problem. */
	resolve_fails(st, "", -EINVAL, "empty");
	resolve_fails(st, "42", -EINVAL, "0x2a");
	resolve_fails(st, "*main", -EINVAL, NULL);
	resolve_fails(st, ":printf", -EINVAL, NULL);
	resolve_fails(st, "no_such_function", -ENOENT, "no_such_function");
	resolve_fails(st, "libnosuch:printf", -ENOENT, "libnosuch");
	resolve_fails(st, "l:printf", -EINVAL, "ambiguous");
	resolve_fails(st, "libc:no_such_function", -ENOENT, "libc.so.6");
	resolve_fails(st, "errno", -EINVAL, "thread-local");
	resolve_fails(st, "nosuch.c:3", -ENOENT, "nosuch.c");
	resolve_fails(st, "symbols.c:100000", -ENOENT, "100000");
	resolve_fails(st, "symbols.c:0", -EINVAL, NULL);
	resolve_fails(st, "marker_add+0xffffffffffffffff", -EINVAL,
		      "overflow");
	snprintf(loc, sizeof(loc), "%s@0x7fffffffffff", tracee);
	resolve_fails(st, loc, -ENOENT, "outside");

	/* A refresh keeps the answers; a dead process refuses one. */
	assert_int_equal(snare_symtab_refresh(st), 0);
	assert_int_equal(resolve_ok(st, "marker_add"), add);
	assert_int_equal(resolve_ok(st, "libc:printf"), pf);
	assert_int_equal(snare_proc_kill(p), 0);
	assert_int_equal(snare_symtab_refresh(st), SNARE_EEXITED);
	/* What was loaded still answers. */
	assert_int_equal(resolve_ok(st, "marker_add"), add);
	snare_symtab_free(st);
	snare_test_run_to_end(s, 4);
	snare_test_session_free(state);
}

static void
test_live_pie(void **state)
{
	check_live(state, "symbols", 1);
}

static void
test_live_nopie(void **state)
{
	check_live(state, "symbols-nopie", 0);
}

/* ---------------------------------------------------------------- */
/* Bad input                                                        */
/* ---------------------------------------------------------------- */

static void
write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Lookups on whatever a damaged file gives must not crash. */
static void
poke(const char *path)
{
	char buf[256], file[256];
	snare_symtab *st;
	uint64_t a;
	int line;

	if (snare_symtab_open_elf(&st, path) != 0)
		return;
	(void)snare_symtab_resolve(&a, st, "main");
	(void)snare_symtab_resolve(&a, st, "ns::marker_cxx");
	(void)snare_symtab_resolve(&a, st, "symbols.c:20");
	(void)snare_symtab_symbolize(buf, sizeof(buf), st, 0x1169);
	(void)snare_symtab_addr_line(file, sizeof(file), &line, st, 0x1169);
	snare_symtab_free(st);
}

static void
test_hostile_files(void **state)
{
	char dir[] = "/tmp/snare-symbols-XXXXXX", path[512];
	const char *tracee = snare_test_tracee("symbols");
	snare_symtab *st = NULL;
	struct stat sb;
	char *elf;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* Not regular files: refused before any read. */
	assert_int_equal(snare_symtab_open_elf(&st, dir), -EINVAL);
	assert_null(st);
	assert_int_equal(snare_symtab_open_elf(&st, "/dev/zero"), -EINVAL);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(snare_symtab_open_elf(&st, path), -EINVAL);
	unlink(path);
	assert_int_equal(snare_symtab_open_elf(&st, "/nonexistent/x"), -ENOENT);
	/* Not ELF executables. */
	snprintf(path, sizeof(path), "%s/empty", dir);
	write_file(path, "", 0);
	assert_int_equal(snare_symtab_open_elf(&st, path), -ENOEXEC);
	write_file(path, "#!/bin/sh\necho hi\n", 18);
	assert_int_equal(snare_symtab_open_elf(&st, path), -ENOEXEC);
	assert_int_equal(snare_elf_symbol(&(uint64_t){ 0 }, path, "main"),
			 -ENOEXEC);

	/* Truncations of the tracee: an error or a partial answer. */
	assert_int_equal(stat(tracee, &sb), 0);
	elf = malloc((size_t)sb.st_size);
	assert_non_null(elf);
	f = fopen(tracee, "rb");
	assert_non_null(f);
	assert_int_equal(fread(elf, 1, (size_t)sb.st_size, f),
			 (size_t)sb.st_size);
	fclose(f);
	snprintf(path, sizeof(path), "%s/cut", dir);
	for (int i = 0; i <= 32; i++) {
		size_t len = (size_t)sb.st_size * (size_t)i / 32;

		write_file(path, elf, len);
		poke(path);
	}
	/* Bytes of the section headers flipped. */
	for (int i = 0; i < 64; i++) {
		size_t at = (size_t)sb.st_size - 1 - (size_t)i * 29;

		elf[at] ^= 0x5a;
		write_file(path, elf, (size_t)sb.st_size);
		poke(path);
	}
	free(elf);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_bad_arguments(void **state)
{
	snare_symtab *st = NULL;
	uint64_t a;
	char buf[8];
	int line;

	(void)state;
	assert_string_equal(snare_symtab_errmsg(NULL), "");
	snare_symtab_free(NULL);
	assert_int_equal(snare_symtab_new(NULL, NULL), -EINVAL);
	assert_int_equal(snare_symtab_new(&st, NULL), -EINVAL);
	assert_null(st);
	assert_int_equal(snare_symtab_open_elf(&st, NULL), -EINVAL);
	assert_int_equal(snare_symtab_open_elf(&st, ""), -EINVAL);
	assert_int_equal(snare_symtab_open_elf(&st,
					       snare_test_tracee("symbols")),
			 0);
	assert_int_equal(snare_symtab_resolve(NULL, st, "main"), -EINVAL);
	assert_int_equal(snare_symtab_resolve(&a, NULL, "main"), -EINVAL);
	assert_int_equal(snare_symtab_resolve(&a, st, NULL), -EINVAL);
	assert_int_equal(snare_symtab_symbolize(NULL, 8, st, 0), -EINVAL);
	assert_int_equal(snare_symtab_symbolize(buf, 0, st, 0), -EINVAL);
	assert_int_equal(snare_symtab_addr_line(buf, sizeof(buf), NULL, st, 0),
			 -EINVAL);
	assert_int_equal(snare_symtab_addr_line(buf, sizeof(buf), &line, st,
						0x10),
			 -ENOENT);
	/* An ELF file has no maps to refresh. */
	assert_int_equal(snare_symtab_refresh(st), -EINVAL);
	assert_true(strlen(snare_symtab_errmsg(st)) > 0);
	snare_symtab_free(st);
}

static void
test_demangle(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(snare_demangle(buf, sizeof(buf), "_ZN2ns1fEi"), 1);
	assert_string_equal(buf, "ns::f(int)");
	assert_int_equal(snare_demangle(buf, sizeof(buf),
					"_ZN3std2io5stdio6_print17h0123456789abcdefE"),
			 1);
	assert_string_equal(buf, "std::io::stdio::_print");
	assert_int_equal(snare_demangle(buf, sizeof(buf),
					"_RNvCs1234_7mycrate3foo"),
			 1);
	assert_string_equal(buf, "mycrate::foo");
	assert_int_equal(snare_demangle(buf, sizeof(buf), "main"), 0);
	assert_string_equal(buf, "main");
	assert_int_equal(snare_demangle(buf, sizeof(buf), "_Zgarbage"), 0);
	assert_int_equal(snare_demangle(buf, 4, "_ZN2ns1fEi"), -ERANGE);
	assert_string_equal(buf, "ns:");
	assert_int_equal(snare_demangle(NULL, 4, "x"), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_offline_symbols_pie),
		SNARE_TEST(test_offline_symbols_nopie),
		SNARE_TEST(test_offline_lines_pie),
		SNARE_TEST(test_offline_lines_nopie),
		SNARE_TEST(test_live_pie),
		SNARE_TEST(test_live_nopie),
		SNARE_TEST(test_hostile_files),
		SNARE_TEST(test_bad_arguments),
		SNARE_TEST(test_demangle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
