/* SPDX-License-Identifier: MIT */
/*
 * test_memsearch.c: memory search, pointer search, addresses relative to
 * maps and symbol listings, on the memsearch tracee (PIE and non-PIE),
 * which puts a secret made at run time in its stack, its heap, a map of
 * its own (across the first MiB, a chunk border of the search) and a
 * file mapping with unreadable pages, and prints where. Every result is
 * checked against /proc/PID/maps and /proc/PID/mem read here, apart from
 * the library.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "helpers.h"

#define MIB (1ul << 20)

/* One line of /proc/PID/maps, parsed here. */
struct rmap {
	uint64_t start, end;
	char perms[8];
	char path[512];
};

struct ms {
	snare_session *s;
	snare_proc *p;
	int fd;                 /* the tracee's stdout */
	uint8_t secret[16];
	uint64_t stack, heap, heapptr, odd, region, file, marker, object;
	struct rmap maps[256];
	size_t nmaps;
};

static uint64_t
addr_line(int fd, const char *name)
{
	char line[128], want[32];
	unsigned long long v = 0;

	snare_test_read_line(fd, line, sizeof(line));
	snprintf(want, sizeof(want), "%s 0x%%llx", name);
	if (sscanf(line, want, &v) != 1)
		fail_msg("expected '%s 0x...', got '%s'", name, line);
	return v;
}

static void
read_maps(struct ms *m)
{
	char path[64], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)snare_proc_pid(m->p));
	f = fopen(path, "r");
	assert_non_null(f);
	m->nmaps = 0;
	while (fgets(line, sizeof(line), f) && m->nmaps < 256) {
		struct rmap *r = &m->maps[m->nmaps];
		unsigned long long s, e;
		int pos = 0;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %n", &s, &e, r->perms,
			   &pos) < 3)
			continue;
		r->start = s;
		r->end = e;
		snprintf(r->path, sizeof(r->path), "%s", pos ? line + pos : "");
		m->nmaps++;
	}
	fclose(f);
}

static const struct rmap *
rmap_of(const struct ms *m, uint64_t addr)
{
	for (size_t i = 0; i < m->nmaps; i++)
		if (addr >= m->maps[i].start && addr < m->maps[i].end)
			return &m->maps[i];
	return NULL;
}

/* The lowest map whose path is path. */
static const struct rmap *
rmap_named(const struct ms *m, const char *path)
{
	for (size_t i = 0; i < m->nmaps; i++)
		if (!strcmp(m->maps[i].path, path))
			return &m->maps[i];
	return NULL;
}

/* The lowest map whose path ends in "/base". */
static const struct rmap *
rmap_base(const struct ms *m, const char *base)
{
	for (size_t i = 0; i < m->nmaps; i++) {
		const char *b = strrchr(m->maps[i].path, '/');

		if (b && !strcmp(b + 1, base))
			return &m->maps[i];
	}
	return NULL;
}

/* Read tracee memory through /proc/PID/mem, not through the library. */
static void
mem_pread(const struct ms *m, void *buf, size_t len, uint64_t addr)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)snare_proc_pid(m->p));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, buf, len, (off_t)addr), (ssize_t)len);
	close(fd);
}

/* Spawn memsearch, stop it at its getppid() and read what it printed. */
static void
start(void **state, struct ms *m, const char *tracee)
{
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	const char *path = snare_test_tracee(tracee);
	char *argv[] = { (char *)path, NULL };
	char line[128];
	snare_event ev;
	int i;

	memset(m, 0, sizeof(*m));
	po.stdio[0].kind = SNARE_STDIO_NULL;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	m->s = snare_test_session(state, NULL);
	assert_int_equal(snare_hook_syscall_name(NULL, m->s, "getppid", NULL), 0);
	m->p = snare_test_spawn(m->s, path, argv, &po);
	m->fd = snare_proc_stdio_fd(m->p, 1);
	assert_int_equal(snare_run(&ev, m->s, SNARE_RUN_DEFAULT), 0);
	assert_int_equal(ev.kind, SNARE_EV_SYSCALL_ENTER);
	snare_test_read_line(m->fd, line, sizeof(line));
	assert_int_equal(strncmp(line, "secret ", 7), 0);
	for (i = 0; i < 16; i++) {
		unsigned v;

		assert_int_equal(sscanf(line + 7 + 2 * i, "%2x", &v), 1);
		m->secret[i] = (uint8_t)v;
	}
	m->stack = addr_line(m->fd, "stack");
	m->heap = addr_line(m->fd, "heap");
	m->heapptr = addr_line(m->fd, "heapptr");
	m->odd = addr_line(m->fd, "odd");
	m->region = addr_line(m->fd, "region");
	m->file = addr_line(m->fd, "file");
	m->marker = addr_line(m->fd, "marker");
	m->object = addr_line(m->fd, "object");
	read_maps(m);
}

/* Collects hit addresses; stops (returning stop_with) after stop_after. */
struct found {
	uint64_t addr[64], value[64];
	size_t n;
	size_t stop_after;
	int stop_with;
	const struct ms *m;
};

/* Each hit's map must be the line of /proc/PID/maps holding it. */
static int
found_cb(const snare_mem_hit *hit, void *user)
{
	struct found *f = user;
	const struct rmap *r = rmap_of(f->m, hit->addr);

	assert_non_null(r);
	assert_non_null(hit->map);
	assert_int_equal(hit->map->start, r->start);
	assert_int_equal(hit->map->end, r->end);
	assert_string_equal(hit->map->path, r->path);
	if (f->n > 0)
		assert_true(hit->addr > f->addr[f->n - 1]);
	if (f->n < 64) {
		f->addr[f->n] = hit->addr;
		f->value[f->n] = hit->value;
	}
	f->n++;
	if (f->stop_after && f->n == f->stop_after)
		return f->stop_with;
	return 0;
}

static bool
found_has(const struct found *f, uint64_t addr)
{
	for (size_t i = 0; i < f->n && i < 64; i++)
		if (f->addr[i] == addr)
			return true;
	return false;
}

static int
search(struct ms *m, struct found *f, const char *maps, unsigned flags,
       const void *bytes, const void *mask, size_t len)
{
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;

	memset(f, 0, sizeof(*f));
	f->m = m;
	so.maps = maps;
	so.flags = flags;
	return snare_mem_search(m->p, &so, bytes, mask, len, found_cb, f);
}

static void
finish(void **state, struct ms *m)
{
	char out[256];

	snare_test_finish(m->s, m->p, 16, out, sizeof(out));
	snare_test_session_free(state);
}

/* The secret is where the tracee put it, and nowhere else. */
static void
check_secret(void **state, const char *tracee)
{
	struct ms m;
	struct found f;
	const struct rmap *file;
	uint8_t mask[16], buf[16];
	char range[64], pat[128];
	int i;

	start(state, &m, tracee);
	assert_int_equal(search(&m, &f, NULL, 0, m.secret, NULL, 16), 4);
	assert_int_equal(f.n, 4);
	assert_true(found_has(&f, m.stack));
	assert_true(found_has(&f, m.heap + 100));
	assert_true(found_has(&f, m.region + MIB - 7)); /* across a chunk */
	assert_true(found_has(&f, m.file + 100));
	for (i = 0; i < 4; i++) {
		mem_pread(&m, buf, 16, f.addr[i]);
		assert_memory_equal(buf, m.secret, 16);
	}
	/* The file map's last pages cannot be read: skipped, no error. */
	file = rmap_of(&m, m.file);
	assert_non_null(file);
	assert_int_equal(file->end - file->start, 3 * 4096);
	{
		char path[64];
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/mem",
			 (int)snare_proc_pid(m.p));
		fd = open(path, O_RDONLY | O_CLOEXEC);
		assert_true(fd >= 0);
		assert_true(pread(fd, buf, 16, (off_t)(m.file + 4096)) < 0);
		close(fd);
	}
	/* [vvar] reads fail too; a search of it finds nothing, no error. */
	if (rmap_named(&m, "[vvar]"))
		assert_int_equal(search(&m, &f, "[vvar]", 0, m.secret, NULL, 16),
				 0);

	/* Filters. */
	assert_int_equal(search(&m, &f, "[heap]", 0, m.secret, NULL, 16), 1);
	assert_int_equal(f.addr[0], m.heap + 100);
	assert_int_equal(search(&m, &f, "[stack]", 0, m.secret, NULL, 16), 1);
	assert_int_equal(f.addr[0], m.stack);
	assert_int_equal(search(&m, &f, "[heap] , [stack]", 0, m.secret, NULL,
				16), 2);
	assert_int_equal(search(&m, &f, file->path, 0, m.secret, NULL, 16), 1);
	assert_int_equal(f.addr[0], m.file + 100);
	assert_int_equal(search(&m, &f, "[anon]", 0, m.secret, NULL, 16), 1);
	assert_int_equal(f.addr[0], m.region + MIB - 7);
	snprintf(range, sizeof(range), "0x%" PRIx64 "-0x%" PRIx64,
		 m.region + MIB - 7, m.region + MIB + 9);
	assert_int_equal(search(&m, &f, range, 0, m.secret, NULL, 16), 1);
	snprintf(range, sizeof(range), "0x%" PRIx64 "-0x%" PRIx64,
		 m.region + MIB - 7, m.region + MIB + 8);
	assert_int_equal(search(&m, &f, range, 0, m.secret, NULL, 16), 0);
	/* The file mapping is read-only. */
	assert_int_equal(search(&m, &f, NULL, SNARE_SEARCH_WRITABLE, m.secret,
				NULL, 16), 3);
	assert_false(found_has(&f, m.file + 100));

	/* A mask: two bytes changed but ignored. */
	memcpy(buf, m.secret, 16);
	memset(mask, 0xff, 16);
	buf[3] ^= 0x5a;
	buf[9] ^= 0x0f;
	mask[3] = 0;
	mask[9] = 0xf0;
	assert_int_equal(search(&m, &f, NULL, 0, buf, mask, 16), 4);
	assert_int_equal(search(&m, &f, NULL, 0, buf, NULL, 16), 0);
	/* The same as text: "a5 ?? 3f ..." with a nibble wildcard. */
	for (i = 0; i < 16; i++)
		snprintf(pat + 3 * i, 4, i == 3 ? "?? " : i == 9 ? "%x? " : "%02x ",
			 i == 9 ? m.secret[i] >> 4 : m.secret[i]);
	memset(&f, 0, sizeof(f));
	f.m = &m;
	assert_int_equal(snare_mem_search_pattern(m.p, NULL, pat, found_cb, &f), 4);

	/* Stop early: the callback's value comes back. */
	memset(&f, 0, sizeof(f));
	f.m = &m;
	f.stop_after = 2;
	f.stop_with = -77;
	assert_int_equal(snare_mem_search(m.p, NULL, m.secret, NULL, 16,
					  found_cb, &f), -77);
	assert_int_equal(f.n, 2);
	finish(state, &m);
}

static void
test_search_secret(void **state)
{
	check_secret(state, "memsearch");
}

static void
test_search_secret_nopie(void **state)
{
	check_secret(state, "memsearch-nopie");
}

/* The array form, and matches that overlap. */
static void
test_search_array(void **state)
{
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	snare_mem_hits hits = { 0 };
	static const uint8_t zeros[8] = { 0 };
	struct ms m;
	size_t i;

	start(state, &m, "memsearch");
	so.maps = "[heap]";
	/* 4096 zeroed bytes but 16 at +100: every start of 8 zeros. */
	assert_true(snare_mem_search(m.p, &so, zeros, NULL, 8,
				     snare_mem_hits_add, &hits) > 4000);
	/* The buffer's first 92 starts are consecutive hits. */
	for (i = 0; i < hits.n && hits.v[i].addr != m.heap; i++)
		;
	assert_true(i + 92 <= hits.n);
	for (size_t k = 0; k < 92; k++)
		assert_int_equal(hits.v[i + k].addr, m.heap + k);
	for (i = 0; i < hits.n; i++) {
		assert_non_null(hits.v[i].map);
		assert_string_equal(hits.v[i].map->path, "[heap]");
		assert_null(hits.v[i].target);
		assert_true(hits.v[i].addr + 8 <= m.heap + 100 ||
			    hits.v[i].addr >= m.heap + 116);
	}
	assert_true(hits.nmaps == 1);
	snare_mem_hits_free(&hits);
	assert_null(hits.v);
	snare_mem_hits_free(NULL);
	finish(state, &m);
}

/* Stack pointers into the heap: aligned, then at every byte. */
static void
test_pointers(void **state)
{
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	snare_mem_hits hits = { 0 };
	struct ms m;
	const struct rmap *heap;
	bool aligned = false, odd = false;
	size_t i;
	int n;

	start(state, &m, "memsearch");
	heap = rmap_named(&m, "[heap]");
	assert_non_null(heap);
	so.maps = "[stack]";
	n = snare_mem_find_pointers(m.p, &so, "[heap]", snare_mem_hits_add, &hits);
	assert_true(n >= 1);
	assert_int_equal((size_t)n, hits.n);
	for (i = 0; i < hits.n; i++) {
		uint64_t v;

		assert_int_equal(hits.v[i].addr & 7, 0);
		mem_pread(&m, &v, 8, hits.v[i].addr);
		assert_int_equal(v, hits.v[i].value);
		assert_true(v >= heap->start && v < heap->end);
		assert_string_equal(hits.v[i].target->path, "[heap]");
		assert_string_equal(hits.v[i].map->path, "[stack]");
		aligned |= hits.v[i].addr == m.heapptr && v == m.heap;
		odd |= hits.v[i].addr == m.odd;
	}
	assert_true(aligned);
	assert_false(odd);
	snare_mem_hits_free(&hits);

	so.flags = SNARE_SEARCH_UNALIGNED;
	n = snare_mem_find_pointers(m.p, &so, "[heap]", snare_mem_hits_add, &hits);
	assert_true(n >= 2);
	for (i = 0; i < hits.n; i++)
		odd |= hits.v[i].addr == m.odd && hits.v[i].value == m.heap;
	assert_true(odd);
	snare_mem_hits_free(&hits);

	/* Into any map: the heap pointer is one of them; into a map the
	   stack never points to: none. */
	so.flags = 0;
	n = snare_mem_find_pointers(m.p, &so, NULL, snare_mem_hits_add, &hits);
	assert_true(n > 1);
	aligned = false;
	for (i = 0; i < hits.n; i++)
		aligned |= hits.v[i].addr == m.heapptr;
	assert_true(aligned);
	snare_mem_hits_free(&hits);
	assert_int_equal(snare_mem_find_pointers(m.p, &so, "[vvar]",
						 snare_mem_hits_add, &hits), 0);
	snare_mem_hits_free(&hits);
	finish(state, &m);
}

/* Searches see the program's bytes under a breakpoint, or the int3. */
static void
test_search_breakpoint_view(void **state)
{
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	struct ms m;
	struct found f;
	const struct rmap *text;
	uint8_t code[16], raw[16];

	start(state, &m, "memsearch");
	assert_int_equal(snare_mem_read(code, m.p, m.marker, 16), 0);
	assert_int_equal(snare_bp_add(NULL, m.p, m.marker, NULL), 0);
	assert_int_equal(snare_mem_read_raw(raw, m.p, m.marker, 16), 0);
	assert_int_equal(raw[0], 0xcc);
	text = rmap_of(&m, m.marker);
	assert_non_null(text);
	so.maps = text->path;
	memset(&f, 0, sizeof(f));
	f.m = &m;
	assert_true(snare_mem_search(m.p, &so, code, NULL, 16, found_cb, &f) >= 1);
	assert_true(found_has(&f, m.marker));
	so.flags = SNARE_SEARCH_RAW;
	memset(&f, 0, sizeof(f));
	f.m = &m;
	assert_true(snare_mem_search(m.p, &so, code, NULL, 16, found_cb, &f) >= 0);
	assert_false(found_has(&f, m.marker));
	memset(&f, 0, sizeof(f));
	f.m = &m;
	assert_true(snare_mem_search(m.p, &so, raw, NULL, 16, found_cb, &f) >= 1);
	assert_true(found_has(&f, m.marker));
	snare_test_run_to_end(m.s, 16);
	snare_test_session_free(state);
}

static void
test_pattern_parse(void **state)
{
	uint8_t b[16], mk[16];

	(void)state;
	assert_int_equal(snare_pattern_parse(b, mk, 16, "48 8b ?? 24"), 4);
	assert_int_equal(b[0], 0x48);
	assert_int_equal(b[1], 0x8b);
	assert_int_equal(mk[2], 0);
	assert_int_equal(b[3], 0x24);
	assert_int_equal(mk[3], 0xff);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "488B?4 ? 5?"), 5);
	assert_int_equal(b[2], 0x04);
	assert_int_equal(mk[2], 0x0f);
	assert_int_equal(mk[3], 0);
	assert_int_equal(b[4], 0x50);
	assert_int_equal(mk[4], 0xf0);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "\"a\\x00\\\"\" ff"), 4);
	assert_memory_equal(b, "a\0\"\xff", 4);
	assert_int_equal(snare_pattern_parse(b, mk, 16, ""), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "?? ??"), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "4 8"), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "zz"), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "\"abc"), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 16, "\"\\q\""), -EINVAL);
	assert_int_equal(snare_pattern_parse(b, mk, 2, "01 02 03"), -ENOSPC);
	assert_int_equal(snare_pattern_parse(NULL, mk, 2, "01"), -EINVAL);
}

/* Bad input gets a clear error; a gone process too. */
static void
test_search_errors(void **state)
{
	snare_search_opts so = SNARE_SEARCH_OPTS_INIT;
	struct ms m;
	struct found f;
	uint8_t zero = 0;
	char buf[64];
	uint64_t a;

	start(state, &m, "memsearch");
	assert_int_equal(search(&m, &f, "nosuchlib.so", 0, m.secret, NULL, 16),
			 -ENOENT);
	assert_non_null(strstr(snare_errmsg(m.s), "nosuchlib.so"));
	assert_int_equal(search(&m, &f, "0x2000-0x1000", 0, m.secret, NULL, 16),
			 -EINVAL);
	assert_int_equal(search(&m, &f, "[heap],,", 0, m.secret, NULL, 16),
			 -EINVAL);
	assert_int_equal(search(&m, &f, NULL, 0, m.secret, NULL, 0), -EINVAL);
	assert_int_equal(search(&m, &f, NULL, 0, m.secret, &zero, 1), -EINVAL);
	assert_int_equal(search(&m, &f, NULL, 0x100, m.secret, NULL, 16), -EINVAL);
	so.version = 99;
	assert_int_equal(snare_mem_search(m.p, &so, m.secret, NULL, 16, found_cb,
					  &f), -EINVAL);
	assert_int_equal(snare_mem_search(m.p, NULL, m.secret, NULL, 16, NULL,
					  NULL), -EINVAL);
	assert_int_equal(snare_mem_search(NULL, NULL, m.secret, NULL, 16,
					  found_cb, &f), -EINVAL);
	assert_int_equal(snare_mem_search_pattern(m.p, NULL, "48 zz", found_cb,
						  &f), -EINVAL);
	assert_non_null(strstr(snare_errmsg(m.s), "offset 3"));
	assert_int_equal(snare_mem_search_pattern(m.p, NULL, "??", found_cb, &f),
			 -EINVAL);
	assert_int_equal(snare_mem_find_pointers(m.p, NULL, "[nosuch]",
						 found_cb, &f), -ENOENT);
	assert_int_equal(snare_proc_resolve(&a, m.p, "[nosuch]+0x10"), -ENOENT);
	assert_non_null(strstr(snare_errmsg(m.s), "[nosuch]"));
	assert_int_equal(snare_proc_resolve(&a, m.p,
					    "[heap]+0xffffffffffffffff"), -EINVAL);
	assert_int_equal(snare_proc_resolve(&a, m.p, "[stack]-0xffffffffffffffff"),
			 -EINVAL);
	assert_int_equal(snare_proc_resolve(NULL, m.p, "[heap]"), -EINVAL);
	assert_int_equal(snare_proc_describe(buf, 0, m.p, m.heap), -EINVAL);
	assert_int_equal(snare_proc_describe(buf, 4, m.p, m.heap), -ERANGE);
	assert_int_equal(strlen(buf), 3);

	snare_test_run_to_end(m.s, 16);
	assert_int_equal(search(&m, &f, NULL, 0, m.secret, NULL, 16),
			 SNARE_EEXITED);
	assert_int_equal(snare_mem_find_pointers(m.p, NULL, NULL, found_cb, &f),
			 SNARE_EEXITED);
	assert_int_equal(snare_proc_resolve(&a, m.p, "[heap]"), SNARE_EEXITED);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, m.heap),
			 SNARE_EEXITED);
	snare_test_session_free(state);
}

/* Addresses relative to maps, both ways, next to the symbol forms. */
static void
test_resolve_describe(void **state)
{
	struct ms m;
	const struct rmap *heap, *stack, *libc, *vdso, *self;
	snare_symtab *st;
	uint64_t a, b;
	char buf[512], expr[600];

	start(state, &m, "memsearch");
	heap = rmap_named(&m, "[heap]");
	stack = rmap_named(&m, "[stack]");
	vdso = rmap_named(&m, "[vdso]");
	libc = rmap_base(&m, "libc.so.6");
	self = rmap_of(&m, m.marker);
	assert_non_null(heap);
	assert_non_null(stack);
	assert_non_null(vdso);
	assert_non_null(libc);
	assert_non_null(self);
	self = rmap_named(&m, self->path); /* the program's lowest map */

	assert_int_equal(snare_proc_resolve(&a, m.p, "[heap]+0x10"), 0);
	assert_int_equal(a, heap->start + 0x10);
	assert_int_equal(snare_proc_resolve(&a, m.p, "[stack]-0x20"), 0);
	assert_int_equal(a, stack->start - 0x20);
	assert_int_equal(snare_proc_resolve(&a, m.p, "[vdso]"), 0);
	assert_int_equal(a, vdso->start);
	assert_int_equal(snare_proc_resolve(&a, m.p, " libc.so.6+0x1234 "), 0);
	assert_int_equal(a, libc->start + 0x1234);
	snprintf(expr, sizeof(expr), "%s+16", libc->path);
	assert_int_equal(snare_proc_resolve(&a, m.p, expr), 0);
	assert_int_equal(a, libc->start + 16);

	/* The symbol forms keep their meaning. */
	st = snare_proc_symtab(m.p);
	assert_non_null(st);
	assert_int_equal(snare_proc_resolve(&a, m.p, "memsearch_marker"), 0);
	assert_int_equal(a, m.marker);
	assert_int_equal(snare_proc_resolve(&a, m.p, "memsearch_marker+0x4"), 0);
	assert_int_equal(a, m.marker + 4);
	assert_int_equal(snare_proc_resolve(&a, m.p, "libc.so.6:printf"), 0);
	assert_int_equal(snare_symtab_resolve(&b, st, "libc.so.6:printf"), 0);
	assert_int_equal(a, b);
	assert_true(a >= libc->start);
	snprintf(expr, sizeof(expr), "0x%" PRIx64, m.heap);
	assert_int_equal(snare_proc_resolve(&a, m.p, expr), 0);
	assert_int_equal(a, m.heap);
	assert_int_equal(snare_proc_resolve(&a, m.p, "memsearch.c:34"), 0);
	/* A full source path and a vDSO symbol are not taken for maps. */
	{
		char src[400];
		int line;

		assert_int_equal(snare_symtab_addr_line(src, sizeof(src), &line,
							st, m.marker), 0);
		assert_true(src[0] == '/');
		snprintf(expr, sizeof(expr), "%s:%d", src, line);
		assert_int_equal(snare_proc_resolve(&a, m.p, expr), 0);
		snprintf(expr, sizeof(expr), "memsearch.c:%d", line);
		assert_int_equal(snare_proc_resolve(&b, m.p, expr), 0);
		assert_int_equal(a, b);
	}
	assert_int_equal(snare_proc_resolve(&a, m.p, "[vdso]:__vdso_clock_gettime"),
			 0);
	assert_true(a > vdso->start && a < vdso->end);
	assert_int_equal(snare_symtab_resolve(&a, st, "[heap]+0x10"), 0);
	assert_int_equal(a, heap->start + 0x10);
	assert_int_equal(snare_proc_resolve(&a, m.p, "nosuchsymbol"), -ENOENT);

	/* The reverse, and back. */
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, m.heap), 0);
	snprintf(expr, sizeof(expr), "[heap]+0x%" PRIx64, m.heap - heap->start);
	assert_string_equal(buf, expr);
	assert_int_equal(snare_proc_resolve(&a, m.p, buf), 0);
	assert_int_equal(a, m.heap);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, m.stack), 0);
	assert_int_equal(strncmp(buf, "[stack]+0x", 10), 0);
	assert_int_equal(snare_proc_resolve(&a, m.p, buf), 0);
	assert_int_equal(a, m.stack);
	assert_int_equal(snare_proc_resolve(&b, m.p, "libc.so.6:printf"), 0);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, b), 0);
	snprintf(expr, sizeof(expr), "libc.so.6+0x%" PRIx64, b - libc->start);
	assert_string_equal(buf, expr);
	assert_int_equal(snare_proc_resolve(&a, m.p, buf), 0);
	assert_int_equal(a, b);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, vdso->start), 0);
	assert_string_equal(buf, "[vdso]");
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, m.marker), 0);
	snprintf(expr, sizeof(expr), "%s+0x%" PRIx64,
		 strrchr(self->path, '/') + 1, m.marker - self->start);
	assert_string_equal(buf, expr);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, m.region),
			 -ENOENT);
	snprintf(expr, sizeof(expr), "0x%" PRIx64, m.region);
	assert_string_equal(buf, expr);
	assert_int_equal(snare_proc_describe(buf, sizeof(buf), m.p, 16), -ENOENT);
	assert_string_equal(buf, "0x10");
	finish(state, &m);
}

/*
 * A watchpoint set on "[heap]+OFF" fires on the tracee's write there; while
 * it holds the page PROT_NONE, a search still reads it.
 */
static void
test_watch_heap_expr(void **state)
{
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	const struct rmap *heap;
	snare_bp *bp = NULL;
	snare_event ev;
	struct found f;
	struct ms m;
	char loc[64];

	start(state, &m, "memsearch");
	heap = rmap_named(&m, "[heap]");
	assert_non_null(heap);
	/* Page protection needs a thread out of its syscall: at the
	   marker's breakpoint. */
	assert_int_equal(snare_bp_add_at(NULL, m.p, "memsearch_marker", NULL), 0);
	do {
		assert_int_equal(snare_run(&ev, m.s, SNARE_RUN_DEFAULT), 0);
	} while (ev.kind == SNARE_EV_SYSCALL_EXIT ||
		 ev.kind == SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(ev.kind, SNARE_EV_BREAKPOINT);
	snprintf(loc, sizeof(loc), "[heap]+0x%" PRIx64, m.heap - heap->start);
	/* Page protection for reads and writes: the page becomes
	   PROT_NONE, which a search reads all the same. */
	bo.kind = SNARE_WATCH_RW;
	bo.flags = SNARE_WATCH_SOFTWARE;
	bo.len = 1;
	if (snare_bp_add_at(&bp, m.p, loc, &bo) != 0)
		fail_msg("watch %s: %s", loc, snare_errmsg(m.s));
	assert_int_equal(snare_bp_addr(bp), m.heap);
	assert_string_equal(snare_bp_location(bp), loc);
	read_maps(&m);
	assert_string_equal(rmap_of(&m, m.heap)->perms, "---p");
	assert_int_equal(search(&m, &f, "[heap]", 0, m.secret, NULL, 16), 1);
	assert_int_equal(f.addr[0], m.heap + 100);
	do {
		assert_int_equal(snare_run(&ev, m.s, SNARE_RUN_DEFAULT), 0);
	} while (ev.kind == SNARE_EV_SYSCALL_EXIT ||
		 ev.kind == SNARE_EV_SYSCALL_ENTER);
	assert_int_equal(ev.kind, SNARE_EV_WATCHPOINT);
	assert_ptr_equal(ev.bp, bp);
	assert_int_equal(snare_test_mem64(m.p, m.heap) & 0xff, 'X');
	finish(state, &m);
}

struct symcheck {
	int marker, object, other;
	const struct ms *m;
};

static int
sym_cb(const snare_sym *sym, void *user)
{
	struct symcheck *c = user;

	if (!strcmp(sym->name, "memsearch_marker")) {
		c->marker++;
		assert_int_equal(sym->addr, c->m->marker);
		assert_int_equal(sym->type, SNARE_SYM_FUNC);
		assert_true(sym->size > 0);
		assert_int_equal(sym->global, 1);
	} else if (!strcmp(sym->name, "memsearch_object")) {
		c->object++;
		assert_int_equal(sym->addr, c->m->object);
		assert_int_equal(sym->type, SNARE_SYM_OBJECT);
		assert_int_equal(sym->size, 12 * sizeof(int));
	} else {
		c->other++;
	}
	if (!strstr(sym->path, "memsearch"))
		fail_msg("%s: path %s", sym->name, sym->path);
	return 0;
}

/* Listing symbols by name, type and file. */
static void
test_symbol_list(void **state)
{
	struct symcheck c = { 0 };
	snare_syms syms = { 0 };
	snare_symtab *st;
	struct ms m;
	uint64_t a;
	size_t i;
	int n;

	start(state, &m, "memsearch");
	st = snare_proc_symtab(m.p);
	assert_non_null(st);
	c.m = &m;
	assert_int_equal(snare_symtab_list(st, NULL, "memsearch_", 0, sym_cb, &c),
			 2);
	assert_int_equal(c.marker + c.object, 2);
	memset(&c, 0, sizeof(c));
	c.m = &m;
	assert_int_equal(snare_symtab_list(st, NULL, "memsearch_*",
					   SNARE_SYM_OBJECT, sym_cb, &c), 1);
	assert_int_equal(c.object, 1);
	memset(&c, 0, sizeof(c));
	c.m = &m;
	assert_int_equal(snare_symtab_list(st, NULL, "*search_marker",
					   SNARE_SYM_FUNC, sym_cb, &c), 1);
	assert_int_equal(c.marker, 1);

	/* libc's printf family, by substring, in libc only. */
	n = snare_symtab_list(st, "libc.so.6", "printf", SNARE_SYM_FUNC,
			      snare_syms_add, &syms);
	assert_true(n > 5);
	assert_int_equal((size_t)n, syms.n);
	a = 0;
	for (i = 0; i < syms.n; i++) {
		assert_non_null(strstr(syms.v[i].name, "printf"));
		assert_string_equal(syms.v[i].file, "libc.so.6");
		assert_int_equal(syms.v[i].type, SNARE_SYM_FUNC);
		if (i)
			assert_true(syms.v[i].addr >= syms.v[i - 1].addr);
		if (!strcmp(syms.v[i].name, "printf"))
			a = syms.v[i].addr;
	}
	assert_true(a != 0);
	snare_syms_free(&syms);
	{
		uint64_t b;

		assert_int_equal(snare_symtab_resolve(&b, st, "libc.so.6:printf"), 0);
		assert_int_equal(a, b);
	}
	/* A GNU indirect function lists its implementation. */
	n = snare_symtab_list(st, "libc.so.6", "strlen", SNARE_SYM_FUNC,
			      snare_syms_add, &syms);
	assert_true(n >= 1);
	for (i = 0; i < syms.n; i++)
		if (!strcmp(syms.v[i].name, "strlen")) {
			uint64_t b;

			assert_int_equal(snare_symtab_resolve(&b, st,
							      "libc.so.6:strlen"), 0);
			assert_int_equal(syms.v[i].addr, b);
			assert_int_equal(syms.v[i].ifunc, 1);
		}
	snare_syms_free(&syms);
	assert_int_equal(snare_symtab_list(st, "nosuchlib", NULL, 0, sym_cb, &c),
			 -ENOENT);
	assert_int_equal(snare_symtab_list(st, NULL, NULL, 8, sym_cb, &c), -EINVAL);
	assert_int_equal(snare_symtab_list(st, NULL, NULL, 0, NULL, NULL), -EINVAL);
	finish(state, &m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_search_secret),
		SNARE_TEST(test_search_secret_nopie),
		SNARE_TEST(test_search_array),
		SNARE_TEST(test_pointers),
		SNARE_TEST(test_search_breakpoint_view),
		SNARE_TEST(test_pattern_parse),
		SNARE_TEST(test_search_errors),
		SNARE_TEST(test_resolve_describe),
		SNARE_TEST(test_watch_heap_expr),
		SNARE_TEST(test_symbol_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
