/* SPDX-License-Identifier: MIT */
/*
 * search.c: searching a process's memory for bytes, masked patterns and
 * pointers (snare.h, "Searching memory and addresses").
 *
 * The maps a filter selects (mapsel.c) are read in chunks of 1 MiB with
 * snare__mem_read_raw() (process_vm_readv, /proc/PID/mem for the rest);
 * a chunk that cannot be read whole is read again page by page, and the
 * pages that still fail (guard pages, [vvar], a file mapping past its
 * file's end) are skipped. The last bytes of each piece are carried over
 * to the next when it follows at once in memory, so a match across a
 * chunk border or between adjacent maps is found, and one cut by an
 * unreadable page is not invented. By default the bytes are the
 * program's view (the saved byte under each int3, as snare_mem_read()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/mapsel.h"

#define CHUNK (1ul << 20)
#define PAGE 4096ul
#define PATTERN_MAX 4096

struct scanner {
	snare_proc *p;
	const snare_map *maps;
	size_t nmaps;
	unsigned flags;
	uint8_t *win;           /* keep + CHUNK bytes */
	size_t keep;            /* bytes carried between pieces at most */
	size_t carry;           /* bytes carried now, at the start of win */
	uint64_t next;          /* the address after the carried bytes */
	int (*scan)(struct scanner *sc, uint64_t base, size_t total);
	snare_mem_hit_fn cb;
	void *user;
	size_t count;
	/* Byte search. */
	const uint8_t *bytes, *mask;
	size_t len;
	ssize_t anchor;         /* an index with mask 0xff, or -1 */
	/* Pointer search. */
	const struct snare__region *targets;
	size_t ntargets;
};

static int
check_proc(snare_proc *p)
{
	if (p->state == SNARE_PROC_EXITED)
		return snare__err(p->s, SNARE_EEXITED, "process %d has exited",
				  p->pid);
	if (p->state == SNARE_PROC_DETACHED)
		return snare__err(p->s, SNARE_EDETACHED,
				  "process %d was detached", p->pid);
	return 0;
}

static int
report(struct scanner *sc, uint64_t addr, uint64_t value,
       const snare_map *target)
{
	size_t i = snare__map_find(sc->maps, sc->nmaps, addr);
	snare_mem_hit hit = { addr, value, i < sc->nmaps ? &sc->maps[i] : NULL,
			      target };

	sc->count++;
	return sc->cb(&hit, sc->user);
}

static bool
bytes_match(const uint8_t *m, const struct scanner *sc)
{
	for (size_t i = 0; i < sc->len; i++)
		if ((m[i] ^ sc->bytes[i]) & sc->mask[i])
			return false;
	return true;
}

/* Byte search over win[0..total), whose first byte is at base. */
static int
scan_bytes(struct scanner *sc, uint64_t base, size_t total)
{
	size_t i = 0, last;
	int rc;

	if (total < sc->len)
		return 0;
	last = total - sc->len;
	while (i <= last) {
		if (sc->anchor >= 0) {
			/* Jump to the next place the anchor byte fits. */
			size_t k = (size_t)sc->anchor;
			const uint8_t *hit = memchr(sc->win + i + k,
						    sc->bytes[k], last - i + 1);

			if (!hit)
				break;
			i = (size_t)(hit - sc->win) - k;
		}
		if (bytes_match(sc->win + i, sc)) {
			rc = report(sc, base + i, 0, NULL);
			if (rc)
				return rc;
		}
		i++;
	}
	return 0;
}

static const struct snare__region *
target_of(const struct scanner *sc, uint64_t v)
{
	size_t lo = 0, hi = sc->ntargets;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v < sc->targets[mid].start)
			hi = mid;
		else if (v >= sc->targets[mid].end)
			lo = mid + 1;
		else
			return &sc->targets[mid];
	}
	return NULL;
}

/* Pointer search over win[0..total), whose first byte is at base. */
static int
scan_pointers(struct scanner *sc, uint64_t base, size_t total)
{
	size_t i = 0;
	int rc;

	if (!(sc->flags & SNARE_SEARCH_UNALIGNED))
		i = (size_t)((8 - (base & 7)) & 7);
	for (; i + 8 <= total;
	     i += (sc->flags & SNARE_SEARCH_UNALIGNED) ? 1 : 8) {
		const struct snare__region *t;
		uint64_t v;

		memcpy(&v, sc->win + i, 8);
		if (v < sc->targets[0].start ||
		    v >= sc->targets[sc->ntargets - 1].end)
			continue;
		t = target_of(sc, v);
		if (!t)
			continue;
		rc = report(sc, base + i, v, &sc->maps[t->map]);
		if (rc)
			return rc;
	}
	return 0;
}

/* got fresh bytes were read at addr into win + carry: scan, then carry. */
static int
piece(struct scanner *sc, uint64_t addr, size_t got)
{
	size_t total = sc->carry + got, k;
	int rc;

	if (!(sc->flags & SNARE_SEARCH_RAW) && sc->p->bps)
		sc->p->s->ev->mem_view(sc->p, addr, sc->win + sc->carry, got);
	rc = sc->scan(sc, addr - sc->carry, total);
	k = total < sc->keep ? total : sc->keep;
	memmove(sc->win, sc->win + total - k, k);
	sc->carry = k;
	sc->next = addr + got;
	return rc;
}

/* Read [addr, addr+len) into win after the carried bytes, if they lead
   up to addr; nothing carried otherwise. */
static int
read_at(struct scanner *sc, uint64_t addr, size_t len)
{
	if (addr != sc->next)
		sc->carry = 0;
	return snare__mem_read_raw(sc->win + sc->carry, sc->p, addr, len);
}

static int
scan_region(struct scanner *sc, uint64_t start, uint64_t end)
{
	uint64_t a = start;
	int rc;

	while (a < end) {
		size_t want = end - a < CHUNK ? (size_t)(end - a) : CHUNK;
		uint64_t pa;

		if (read_at(sc, a, want) == 0) {
			rc = piece(sc, a, want);
			if (rc)
				return rc;
			a += want;
			continue;
		}
		/* Some page of the chunk cannot be read: page by page. */
		for (pa = a; pa < a + want;) {
			size_t plen = PAGE - (pa & (PAGE - 1));

			if (plen > a + want - pa)
				plen = (size_t)(a + want - pa);
			if (read_at(sc, pa, plen) == 0) {
				rc = piece(sc, pa, plen);
				if (rc)
					return rc;
			} else {
				sc->carry = 0;
				sc->next = 0;
			}
			pa += plen;
		}
		a += want;
	}
	return 0;
}

/*
 * Select the maps (those of sc->maps when set, else read now), read them
 * through sc; the count or cb's value.
 */
static int
run(struct scanner *sc, const snare_search_opts *opts)
{
	snare_session *s = sc->p->s;
	struct snare__region *regs = NULL;
	snare_map *maps = NULL;
	char saved[sizeof(s->errmsg)], err[256];
	size_t nmaps = 0, nregs = 0, i;
	int rc;

	memcpy(saved, s->errmsg, sizeof(saved));
	if (!sc->maps) {
		rc = snare_proc_maps(&maps, &nmaps, sc->p);
		if (rc < 0)
			return rc;
		sc->maps = maps;
		sc->nmaps = nmaps;
	}
	rc = snare__maps_select(&regs, &nregs, sc->maps, sc->nmaps,
				opts ? opts->maps : NULL, true,
				opts && (opts->flags & SNARE_SEARCH_WRITABLE),
				err, sizeof(err));
	if (rc < 0) {
		rc = snare__err(s, rc, "search: %s", err);
		goto out;
	}
	if (sc->scan == scan_pointers && !sc->ntargets)
		goto done; /* nothing to point into */
	sc->win = malloc(sc->keep + CHUNK);
	if (!sc->win) {
		rc = snare__err(s, -ENOMEM, "search: out of memory");
		goto out;
	}
	sc->next = 0;
	sc->carry = 0;
	for (i = 0; i < nregs; i++) {
		rc = scan_region(sc, regs[i].start, regs[i].end);
		if (rc)
			goto out;
	}
done:
	/* Pages skipped on the way are no failure of the search. */
	memcpy(s->errmsg, saved, sizeof(saved));
	rc = sc->count > 0x7fffffff ? 0x7fffffff : (int)sc->count;
out:
	free(sc->win);
	free(regs);
	snare_maps_free(maps, nmaps);
	return rc;
}

static int
check_opts(snare_proc *p, const snare_search_opts *opts)
{
	if (opts && opts->version != SNARE_SEARCH_OPTS_VERSION)
		return snare__err(p->s, -EINVAL,
				  "search: bad options version %u", opts->version);
	if (opts && (opts->flags & ~(SNARE_SEARCH_WRITABLE | SNARE_SEARCH_RAW |
				     SNARE_SEARCH_UNALIGNED)))
		return snare__err(p->s, -EINVAL, "search: unknown flags 0x%x",
				  opts->flags);
	return check_proc(p);
}

SNARE_EXPORT int
snare_mem_search(snare_proc *p, const snare_search_opts *opts,
		 const void *bytes, const void *mask, size_t len,
		 snare_mem_hit_fn cb, void *user)
{
	struct scanner sc = { 0 };
	uint8_t *b = NULL, *m = NULL;
	size_t i;
	int rc;

	if (!p)
		return -EINVAL;
	if (!bytes || !cb)
		return snare__err(p->s, -EINVAL, "search: NULL %s",
				  bytes ? "callback" : "bytes");
	if (len == 0 || len > PATTERN_MAX)
		return snare__err(p->s, -EINVAL,
				  "search: %zu bytes (1 to %d)", len, PATTERN_MAX);
	rc = check_opts(p, opts);
	if (rc < 0)
		return rc;
	b = malloc(len);
	m = malloc(len);
	if (!b || !m) {
		rc = snare__err(p->s, -ENOMEM, "search: out of memory");
		goto out;
	}
	sc.anchor = -1;
	for (i = 0; i < len; i++) {
		m[i] = mask ? ((const uint8_t *)mask)[i] : 0xff;
		b[i] = ((const uint8_t *)bytes)[i] & m[i];
		/* The rarest-looking full byte would be better; the
		   first non-zero one is a good guess. */
		if (m[i] == 0xff && (sc.anchor < 0 || (!b[sc.anchor] && b[i])))
			sc.anchor = (ssize_t)i;
	}
	for (i = 0; i < len && !m[i]; i++)
		;
	if (i == len) {
		rc = snare__err(p->s, -EINVAL,
				"search: the mask ignores every byte");
		goto out;
	}
	sc.p = p;
	sc.flags = opts ? opts->flags : 0;
	sc.keep = len - 1;
	sc.scan = scan_bytes;
	sc.cb = cb;
	sc.user = user;
	sc.bytes = b;
	sc.mask = m;
	sc.len = len;
	rc = run(&sc, opts);
out:
	free(b);
	free(m);
	return rc;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One escape of a quoted string at s (after the '\'); its length. */
static int
unescape(uint8_t *out, const char *s)
{
	switch (*s) {
	case 'n': *out = '\n'; return 1;
	case 't': *out = '\t'; return 1;
	case 'r': *out = '\r'; return 1;
	case '0': *out = 0; return 1;
	case '\\': *out = '\\'; return 1;
	case '"': *out = '"'; return 1;
	case 'x':
		if (hexval(s[1]) < 0 || hexval(s[2]) < 0)
			return -EINVAL;
		*out = (uint8_t)(hexval(s[1]) << 4 | hexval(s[2]));
		return 3;
	default:
		return -EINVAL;
	}
}

/*
 * The pattern grammar of snare_pattern_parse(); on a syntax error,
 * *where is the bad spot and *why says what is wrong there.
 */
static int
pattern_parse(uint8_t *bytes, uint8_t *mask, size_t cap, const char *text,
	      size_t *where, const char **why)
{
	const char *s = text;
	size_t n = 0;
	bool known = false;

	while (*s) {
		uint8_t b = 0, m = 0xff;

		*where = (size_t)(s - text);
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			s++;
			continue;
		}
		if (*s == '"') {
			for (s++; *s && *s != '"'; n++) {
				*where = (size_t)(s - text);
				b = (uint8_t)*s++;
				if (b == '\\') {
					int k = unescape(&b, s);

					*why = "unknown escape";
					if (k < 0)
						return -EINVAL;
					s += k;
				}
				if (n == cap)
					return -ENOSPC;
				bytes[n] = b;
				mask[n] = 0xff;
				known = true;
			}
			*why = "unterminated string";
			if (*s != '"')
				return -EINVAL;
			s++;
			continue;
		}
		if (s[0] == '?' && (s[1] == '?' || hexval(s[1]) < 0)) {
			/* "??" or a lone "?": any byte. */
			s += s[1] == '?' ? 2 : 1;
			m = 0;
		} else {
			int hi = s[0] == '?' ? -2 : hexval(s[0]);
			int lo = s[1] == '?' ? -2 : hexval(s[1]);

			*why = "expected two hex digits or ??";
			if (hi == -1 || lo == -1)
				return -EINVAL;
			m = (uint8_t)((hi >= 0 ? 0xf0 : 0) | (lo >= 0 ? 0x0f : 0));
			b = (uint8_t)((hi >= 0 ? hi << 4 : 0) | (lo >= 0 ? lo : 0));
			s += 2;
		}
		if (n == cap)
			return -ENOSPC;
		bytes[n] = b;
		mask[n] = m;
		known |= m != 0;
		n++;
	}
	*where = (size_t)(s - text);
	*why = "nothing to match (empty, or wildcards only)";
	if (!n || !known)
		return -EINVAL;
	return n > 0x7fffffff ? -ENOSPC : (int)n;
}

SNARE_EXPORT int
snare_pattern_parse(uint8_t *bytes, uint8_t *mask, size_t cap,
		    const char *text)
{
	const char *why;
	size_t where;

	if (!bytes || !mask || !text)
		return -EINVAL;
	return pattern_parse(bytes, mask, cap, text, &where, &why);
}

SNARE_EXPORT int
snare_mem_search_pattern(snare_proc *p, const snare_search_opts *opts,
			 const char *pattern, snare_mem_hit_fn cb, void *user)
{
	const char *why = "";
	uint8_t *b, *m;
	size_t where = 0;
	int rc;

	if (!p)
		return -EINVAL;
	if (!pattern)
		return snare__err(p->s, -EINVAL, "search: NULL pattern");
	b = malloc(PATTERN_MAX);
	m = malloc(PATTERN_MAX);
	if (!b || !m) {
		rc = snare__err(p->s, -ENOMEM, "search: out of memory");
		goto out;
	}
	rc = pattern_parse(b, m, PATTERN_MAX, pattern, &where, &why);
	if (rc == -ENOSPC)
		rc = snare__err(p->s, -EINVAL, "pattern longer than %d bytes",
				PATTERN_MAX);
	else if (rc < 0)
		rc = snare__err(p->s, rc, "pattern '%.64s': %s at offset %zu",
				pattern, why, where);
	if (rc < 0)
		goto out;
	rc = snare_mem_search(p, opts, b, m, (size_t)rc, cb, user);
out:
	free(b);
	free(m);
	return rc;
}

SNARE_EXPORT int
snare_mem_find_pointers(snare_proc *p, const snare_search_opts *opts,
			const char *to, snare_mem_hit_fn cb, void *user)
{
	struct scanner sc = { 0 };
	struct snare__region *targets = NULL;
	snare_map *maps = NULL;
	size_t nmaps = 0, ntargets = 0;
	char err[256];
	int rc;

	if (!p)
		return -EINVAL;
	if (!cb)
		return snare__err(p->s, -EINVAL, "pointer search: NULL callback");
	rc = check_opts(p, opts);
	if (rc < 0)
		return rc;
	/* One reading of the maps for the targets and the sources. */
	rc = snare_proc_maps(&maps, &nmaps, p);
	if (rc < 0)
		return rc;
	rc = snare__maps_select(&targets, &ntargets, maps, nmaps, to, false,
				false, err, sizeof(err));
	if (rc < 0) {
		rc = snare__err(p->s, rc, "pointer search: %s", err);
		goto out;
	}
	sc.p = p;
	sc.flags = opts ? opts->flags : 0;
	sc.keep = 7;
	sc.scan = scan_pointers;
	sc.cb = cb;
	sc.user = user;
	sc.targets = targets;
	sc.ntargets = ntargets;
	sc.maps = maps;
	sc.nmaps = nmaps;
	rc = run(&sc, opts);
out:
	free(targets);
	snare_maps_free(maps, nmaps);
	return rc;
}

/* A copy of m kept by the array (one per distinct map). */
static const snare_map *
keep_map(snare_mem_hits *h, const snare_map *m)
{
	snare_map *c;
	size_t i;

	if (!m)
		return NULL;
	/* Hits come in address order: the map is most likely a recent one. */
	for (i = h->nmaps; i > 0; i--) {
		c = h->maps[i - 1];
		if (c->start == m->start && c->end == m->end &&
		    !strcmp(c->path, m->path))
			return c;
	}
	if (h->nmaps == h->maps_cap) {
		size_t cap = h->maps_cap ? 2 * h->maps_cap : 16;
		snare_map **v = realloc(h->maps, cap * sizeof(*v));

		if (!v)
			return NULL;
		h->maps = v;
		h->maps_cap = cap;
	}
	c = malloc(sizeof(*c));
	if (!c)
		return NULL;
	*c = *m;
	c->path = strdup(m->path);
	if (!c->path) {
		free(c);
		return NULL;
	}
	h->maps[h->nmaps++] = c;
	return c;
}

SNARE_EXPORT int
snare_mem_hits_add(const snare_mem_hit *hit, void *hits)
{
	snare_mem_hits *h = hits;
	snare_mem_hit copy;

	if (!hit || !h)
		return -EINVAL;
	copy = *hit;
	copy.map = keep_map(h, hit->map);
	copy.target = keep_map(h, hit->target);
	if ((hit->map && !copy.map) || (hit->target && !copy.target))
		return -ENOMEM;
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		snare_mem_hit *v = realloc(h->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n++] = copy;
	return 0;
}

SNARE_EXPORT void
snare_mem_hits_free(snare_mem_hits *hits)
{
	size_t i;

	if (!hits)
		return;
	for (i = 0; i < hits->nmaps; i++) {
		free(hits->maps[i]->path);
		free(hits->maps[i]);
	}
	free(hits->maps);
	free(hits->v);
	memset(hits, 0, sizeof(*hits));
}
