/* SPDX-License-Identifier: MIT */
/*
 * fuzz_layout.h: what fuzz_elf_symbolize_live and fuzz_unwind share: the
 * fuzzed ELF in memfds, and maps text that lays it out in a fake address
 * space, the way the kernel maps PT_LOAD segments (page-rounded, offsets
 * rounded down) plus raw lines the input chooses. The text goes to
 * snare__symtab_from_maps(), the library's own libdwfl report of a
 * process's maps, minus the process. Harness code, static functions only.
 */
#ifndef SNARE_FUZZ_LAYOUT_H
#define SNARE_FUZZ_LAYOUT_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <gelf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define LAYOUT_MAX_LOADS 16   /* PT_LOAD lines per file */
#define LAYOUT_MAX_RAW 8      /* raw lines from the input */
#define LAYOUT_PAGE 4096ull

/* One file of the layout: a memfd named by its /proc/self/fd path. */
struct layout_file {
	int fd;
	char path[64];
};

/* A raw maps line: the input's addresses, one of the files or a pseudo. */
struct layout_raw {
	uint64_t start, end, off;
	uint8_t what;
};

struct layout {
	char *text;
	size_t len, cap;
	bool bad;
};

/*
 * The set-up both ELF harnesses share: no debuginfod lookups (the network),
 * libelf initialised. Returns whether FUZZ_VERBOSE=1 asks for a trace of
 * what each input reaches.
 */
static inline bool
layout_fuzz_init(void)
{
	unsetenv("DEBUGINFOD_URLS");
	if (elf_version(EV_CURRENT) == EV_NONE)
		abort();
	return getenv("FUZZ_VERBOSE") != NULL;
}

static inline void
layout_file_init(struct layout_file *f, const char *name)
{
	f->fd = memfd_create(name, MFD_CLOEXEC);
	if (f->fd < 0) {
		perror("memfd_create");
		abort();
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
}

static inline int
layout_file_load(struct layout_file *f, const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (ftruncate(f->fd, 0) < 0)
		return -1;
	while (done < size) {
		ssize_t n = pwrite(f->fd, data + done, size - done, (off_t)done);

		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

__attribute__((format(printf, 2, 3))) static inline void
layout_printf(struct layout *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->bad)
		return;
	if (!l->text) {
		l->cap = 1024;
		l->text = malloc(l->cap);
		if (!l->text)
			abort();
	}
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(l->text + l->len, l->cap - l->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			l->bad = true;
			return;
		}
		if ((size_t)n < l->cap - l->len)
			break;
		l->cap = 2 * l->cap + (size_t)n + 256;
		l->text = realloc(l->text, l->cap);
		if (!l->text)
			abort();
	}
	l->len += (size_t)n;
}

static inline void
layout_line(struct layout *l, uint64_t start, uint64_t end, const char *perms,
	    uint64_t off, const char *path, uint64_t inode)
{
	layout_printf(l, "%" PRIx64 "-%" PRIx64 " %s %08" PRIx64
		      " fd:01 %" PRIu64 "%s%s\n",
		      start, end, perms, off, inode, path ? "    " : "",
		      path ? path : "");
}

/*
 * The lines of one file's PT_LOAD segments mapped at bias. exact: no page
 * rounding (what a kernel never gives). Returns the number of lines.
 */
static inline unsigned
layout_loads(struct layout *l, Elf *elf, uint64_t bias,
	     const struct layout_file *f, uint64_t inode, bool exact)
{
	size_t n = 0;
	unsigned lines = 0;

	if (!elf || elf_getphdrnum(elf, &n) != 0)
		return 0;
	for (size_t i = 0; i < n && lines < LAYOUT_MAX_LOADS; i++) {
		GElf_Phdr ph;
		uint64_t s, e, off;
		char perms[5];

		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		s = bias + ph.p_vaddr;
		e = s + ph.p_memsz;
		off = ph.p_offset;
		if (!exact) {
			s &= ~(LAYOUT_PAGE - 1);
			e = (e + LAYOUT_PAGE - 1) & ~(LAYOUT_PAGE - 1);
			off &= ~(LAYOUT_PAGE - 1);
		}
		perms[0] = ph.p_flags & PF_R ? 'r' : '-';
		perms[1] = ph.p_flags & PF_W ? 'w' : '-';
		perms[2] = ph.p_flags & PF_X ? 'x' : '-';
		perms[3] = 'p';
		perms[4] = '\0';
		layout_line(l, s, e, perms, off, f->path, inode);
		lines++;
	}
	return lines;
}

/* A raw line: what % 6 picks the file or pseudo-path, what / 6 perms. */
static inline void
layout_raw_line(struct layout *l, const struct layout_raw *r,
		const struct layout_file *prog, const struct layout_file *lib)
{
	static const char *const perms[] = { "r--p", "r-xp", "rw-p", "rwxs" };
	const char *p = perms[(r->what / 6) % 4];
	char deleted[96];

	switch (r->what % 6) {
	case 0:
		layout_line(l, r->start, r->end, p, r->off, prog->path, 11);
		break;
	case 1:
		layout_line(l, r->start, r->end, p, r->off, lib->path, 12);
		break;
	case 2:
		layout_line(l, r->start, r->end, p, 0, "[vdso]", 0);
		break;
	case 3:
		layout_line(l, r->start, r->end, p, 0, "[stack]", 0);
		break;
	case 4:
		layout_line(l, r->start, r->end, p, 0, NULL, 0);
		break;
	default:
		snprintf(deleted, sizeof(deleted), "%s (deleted)", prog->path);
		layout_line(l, r->start, r->end, p, r->off, deleted, 11);
		break;
	}
}

/* Little-endian reads from the input. */
static inline uint64_t
layout_u64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

#endif
