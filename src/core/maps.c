/* SPDX-License-Identifier: MIT */
/*
 * maps.c: /proc/PID/maps parsed into an array of snare_map. The text is
 * treated as untrusted (the parser is also a fuzz target): malformed lines
 * are skipped, never trusted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/internal.h"

static int
parse_line(snare_map *m, const char *line, size_t len)
{
	char perms[8] = { 0 }, *copy;
	unsigned long long start, end, off, inode;
	unsigned maj, min;
	int pos = 0;
	const char *path;

	copy = strndup(line, len);
	if (!copy)
		return -ENOMEM;
	if (sscanf(copy, "%llx-%llx %4s %llx %x:%x %llu %n", &start, &end, perms,
		   &off, &maj, &min, &inode, &pos) < 7 || strlen(perms) < 4 ||
	    end < start) {
		free(copy);
		return -EINVAL;
	}
	path = pos > 0 && (size_t)pos <= len ? copy + pos : "";
	memset(m, 0, sizeof(*m));
	m->start = start;
	m->end = end;
	m->offset = off;
	m->dev_major = maj;
	m->dev_minor = min;
	m->inode = inode;
	m->prot = (perms[0] == 'r' ? PROT_READ : 0) |
		  (perms[1] == 'w' ? PROT_WRITE : 0) |
		  (perms[2] == 'x' ? PROT_EXEC : 0);
	m->shared = perms[3] == 's';
	m->path = strdup(path);
	free(copy);
	return m->path ? 0 : -ENOMEM;
}

SNARE_EXPORT int
snare_maps_parse(snare_map **out, size_t *n, const char *text, size_t len)
{
	snare_map *maps = NULL, *tmp;
	size_t count = 0, cap = 0, i = 0;
	int r;

	if (!out || !n || (!text && len))
		return -EINVAL;
	*out = NULL;
	*n = 0;
	while (i < len) {
		const char *eol = memchr(text + i, '\n', len - i);
		size_t l = eol ? (size_t)(eol - (text + i)) : len - i;

		if (count == cap) {
			cap = cap ? 2 * cap : 64;
			tmp = realloc(maps, cap * sizeof(*maps));
			if (!tmp) {
				snare_maps_free(maps, count);
				return -ENOMEM;
			}
			maps = tmp;
		}
		r = parse_line(&maps[count], text + i, l);
		if (r == -ENOMEM) {
			snare_maps_free(maps, count);
			return r;
		}
		if (r == 0)
			count++;
		i += l + 1;
	}
	*out = maps;
	*n = count;
	return 0;
}

SNARE_EXPORT int
snare_proc_maps(snare_map **out, size_t *n, snare_proc *p)
{
	char path[64], *text;
	size_t len;
	int r;

	if (!out || !n || !p)
		return -EINVAL;
	*out = NULL;
	*n = 0;
	if (p->state == SNARE_PROC_EXITED || p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EEXITED, "maps: process %d is gone",
				  p->pid);
	/* Through a live thread: a zombie leader's maps are empty. */
	snprintf(path, sizeof(path), "/proc/%d/task/%d/maps", p->pid,
		 snare__proc_mm_tid(p));
	r = snare__read_file(path, &text, &len);
	if (r < 0)
		return snare__err(p->s, r, "read %s: %s", path, strerror(-r));
	r = snare_maps_parse(out, n, text, len);
	if (r == 0 && p->nswpages) {
		size_t i;

		/* The program's protections, not those of our watches. */
		for (i = 0; i < *n; i++)
			(*out)[i].prot = p->s->ev->prot_view(p, (*out)[i].start,
							     (*out)[i].prot);
	}
	free(text);
	return r;
}

SNARE_EXPORT void
snare_maps_free(snare_map *maps, size_t n)
{
	size_t i;

	if (!maps)
		return;
	for (i = 0; i < n; i++)
		free(maps[i].path);
	free(maps);
}
