/* SPDX-License-Identifier: MIT */
/*
 * line.c: FILE:LINE to an address, picked as gdb 13 picks the location of
 * "break FILE:LINE" (symtab.c skip_prologue_sal, amd64-tdep.c
 * amd64_analyze_prologue), so that a breakpoint set through snare stops
 * where the user's gdb habits expect.
 *
 * The line is the one asked for, or the next one with code, among the rows
 * gdb keeps of the line programs (struct replay). Its address is the
 * lowest is_stmt row for it; then, when that address lies inside a
 * function's prologue, it moves past the prologue:
 *  - to the first row flagged prologue_end in the function (clang);
 *  - not at all for code gcc >= 4.5 optimised (its CU has location lists:
 *    gdb trusts its variable locations from the first instruction);
 *  - otherwise, for a frame set up by "[endbr64] push %rbp; mov %rsp,%rbp",
 *    to the start of the next line-table row after that sequence.
 * Only DWARF is read, and instruction bytes come from the file, never from
 * the tracee (whose text may hold our breakpoints). One deliberate
 * difference: a line in a function's cold part (placed before its entry)
 * keeps its address, where gdb 13 moves it to the function's entry, a
 * place the line never runs.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include "core/internal.h"
#include "symbols/symtab.h"

/* Bounds on hostile DWARF. */
#define MAX_CANDIDATES 256
#define MAX_PENDING 32
#define MAX_DIE_DEPTH 128
#define MAX_DIES 2000000

/* A source path matches q when equal, or when q is a trailing part. */
static bool
path_match(const char *src, const char *q, size_t len)
{
	size_t n = strlen(src);

	if (q[0] == '/' || n < len)
		return n == len && memcmp(src, q, len) == 0;
	if (memcmp(src + n - len, q, len) != 0)
		return false;
	return n == len || src[n - len - 1] == '/';
}

struct line_best {
	bool have_dwarf;   /* some module has debug info */
	bool file_seen;    /* the file is in the line tables */
	int line;          /* lowest line >= the one asked for, with code; */
	Dwfl_Module *mod;  /* 0 when none yet */
	uint64_t addr[MAX_CANDIDATES]; /* its is_stmt addresses */
	size_t n;
};

static void
best_add(struct line_best *b, Dwfl_Module *mod, int line, uint64_t addr)
{
	if (b->n && line > b->line)
		return;
	if (!b->n || line < b->line) {
		b->line = line;
		b->mod = mod;
		b->n = 0;
	}
	for (size_t i = 0; i < b->n; i++)
		if (b->addr[i] == addr)
			return;
	if (b->n < MAX_CANDIDATES)
		b->addr[b->n++] = addr;
}

/*
 * gdb does not keep every row of a line program: its state machine
 * (dwarf2/read.c, lnp_state_machine::record_line) coalesces rows of one
 * line once it had a non-zero discriminator, skips a non-stmt row that
 * switches files at an address that already has a stmt row, and a file
 * switch or a sequence end discards the previous file's rows at that
 * address. This replays it over libdw's rows, one sequence at a time,
 * keeping the rows of the file asked for.
 */
struct replay {
	struct line_best *b;
	Dwfl_Module *mod;
	const char *q;        /* the file asked for */
	size_t qlen;
	int line;             /* and the line */
	Dwarf_Addr bias, start, end;

	const char *cache_src; /* path_match() of the last path seen */
	bool cache_match;
	const char *prev_src;  /* previous row: file, line (state machine) */
	int prev_line;
	bool nz_disc;          /* the line had a non-zero discriminator */
	const char *last_src;  /* last recorded file, line, row address */
	int last_line;
	Dwarf_Addr last_addr;
	bool stmt_at_addr;     /* a stmt row was seen at last_addr */
	/* Rows of the file asked for at the latest address: not final yet. */
	struct {
		Dwarf_Addr addr;
		int line;
		bool stmt;
	} pend[MAX_PENDING];
	size_t npend;
};

static bool
same_src(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool
replay_match(struct replay *r, const char *src)
{
	if (src != r->cache_src) {
		r->cache_src = src;
		r->cache_match = path_match(src, r->q, r->qlen);
	}
	return r->cache_match;
}

/* Rows older than addr can no longer be discarded: take them. */
static void
replay_commit(struct replay *r, Dwarf_Addr addr, bool all)
{
	size_t k = 0;

	for (size_t i = 0; i < r->npend; i++) {
		Dwarf_Addr a = r->pend[i].addr;

		if (!all && a >= addr) {
			r->pend[k++] = r->pend[i];
			continue;
		}
		if (!r->pend[i].stmt || r->pend[i].line < r->line)
			continue;
		/*
		 * Code the linker discarded keeps its line program at
		 * address 0 or a tombstone: only take addresses inside the
		 * module.
		 */
		if (a > UINT64_MAX - r->bias || a + r->bias < r->start ||
		    a + r->bias >= r->end)
			continue;
		best_add(r->b, r->mod, r->pend[i].line, a + r->bias);
	}
	r->npend = k;
}

/* gdb's finish_line(): an end marker for last_src at addr. */
static void
replay_finish(struct replay *r, Dwarf_Addr addr)
{
	if (!r->last_src || !replay_match(r, r->last_src))
		return;
	while (r->npend && r->pend[r->npend - 1].addr == addr)
		r->npend--;
}

static void
replay_row(struct replay *r, Dwarf_Line *l)
{
	const char *src = dwarf_linesrc(l, NULL, NULL);
	unsigned disc = 0;
	bool stmt = false, endseq = false, file_changed, ignore;
	Dwarf_Addr addr;
	int line = 0;

	if (!src || dwarf_lineaddr(l, &addr) != 0 || dwarf_lineno(l, &line) ||
	    dwarf_linebeginstatement(l, &stmt) ||
	    dwarf_lineendsequence(l, &endseq))
		return;
	(void)dwarf_linediscriminator(l, &disc);
	if (replay_match(r, src))
		r->b->file_seen = true;
	replay_commit(r, addr, false);

	/* advance_line() and set_file() reset the discriminator flag. */
	if (line != r->prev_line || !same_src(src, r->prev_src))
		r->nz_disc = disc != 0;
	else
		r->nz_disc |= disc != 0;
	r->prev_line = line;
	r->prev_src = src;

	file_changed = !same_src(r->last_src, src);
	ignore = (file_changed && !endseq && r->last_addr == addr && !stmt &&
		  r->stmt_at_addr) ||
		 (!endseq && line == 0);
	if ((file_changed && !ignore) || endseq)
		replay_finish(r, addr);
	if (!endseq && !ignore &&
	    (file_changed || line != r->last_line || !r->nz_disc)) {
		r->last_src = src;
		r->last_line = line;
		if (replay_match(r, src) && r->npend < MAX_PENDING) {
			r->pend[r->npend].addr = addr;
			r->pend[r->npend].line = line;
			r->pend[r->npend].stmt = stmt;
			r->npend++;
		}
	}
	if (r->last_addr != addr) {
		r->stmt_at_addr = false;
		r->last_addr = addr;
	}
	r->stmt_at_addr |= stmt;

	if (endseq) {
		/* A new state machine for the next sequence. */
		replay_commit(r, 0, true);
		r->prev_src = r->last_src = NULL;
		r->prev_line = 1;
		r->last_line = 0;
		r->nz_disc = false;
		r->last_addr = 0;
		r->stmt_at_addr = false;
	}
}

/* Scan every line table of a module for file:line. */
static void
module_lines(struct line_best *b, Dwfl_Module *mod, const char *q, size_t len,
	     int line)
{
	struct replay *r;
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias;

	r = calloc(1, sizeof(*r));
	if (!r)
		return;
	while ((cu = dwfl_module_nextcu(mod, cu, &bias)) != NULL) {
		Dwarf_Lines *lines;
		size_t n;

		b->have_dwarf = true;
		if (dwarf_getsrclines(cu, &lines, &n) != 0)
			continue;
		memset(r, 0, sizeof(*r));
		r->b = b;
		r->mod = mod;
		r->q = q;
		r->qlen = len;
		r->line = line;
		r->bias = bias;
		r->prev_line = 1;
		dwfl_module_info(mod, NULL, &r->start, &r->end, NULL, NULL,
				 NULL, NULL);
		for (size_t i = 0; i < n; i++) {
			Dwarf_Line *l = dwarf_onesrcline(lines, i);

			if (l)
				replay_row(r, l);
		}
		replay_commit(r, 0, true);
	}
	free(r);
}

/* gdb's producer_is_gcc_ge_4() >= 5: "GNU C17 12.2.0 -O1 ...". */
static bool
producer_gcc_ge_4_5(Dwarf_Die *cu)
{
	Dwarf_Attribute attr;
	const char *p;
	int major, minor;

	p = dwarf_formstring(dwarf_attr(cu, DW_AT_producer, &attr));
	if (!p || strncmp(p, "GNU ", 4) != 0)
		return false;
	p += 4;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (sscanf(p, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 4 || (major == 4 && minor >= 5);
}

/* A variable or parameter located by a location list (optimised code). */
static bool
die_has_loclist(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	unsigned form;
	int tag = dwarf_tag(die);

	if (tag != DW_TAG_variable && tag != DW_TAG_formal_parameter)
		return false;
	if (!dwarf_attr(die, DW_AT_location, &attr))
		return false;
	form = dwarf_whatform(&attr);
	return form == DW_FORM_sec_offset || form == DW_FORM_loclistx ||
	       form == DW_FORM_data4 || form == DW_FORM_data8;
}

/* gdb's locations_valid: gcc >= 4.5 and some location list in the CU. */
static bool
cu_locations_valid(Dwarf_Die *cu)
{
	Dwarf_Die stack[MAX_DIE_DEPTH];
	size_t depth = 0, seen = 0;

	if (!producer_gcc_ge_4_5(cu))
		return false;
	if (dwarf_child(cu, &stack[0]) != 0)
		return false;
	depth = 1;
	while (depth && seen++ < MAX_DIES) {
		Dwarf_Die *d = &stack[depth - 1];

		if (die_has_loclist(d))
			return true;
		/* Depth first: the child, else the next sibling upwards. */
		if (depth < MAX_DIE_DEPTH && dwarf_haschildren(d) > 0 &&
		    dwarf_child(d, &stack[depth]) == 0) {
			depth++;
			continue;
		}
		while (depth && dwarf_siblingof(&stack[depth - 1],
						&stack[depth - 1]) != 0)
			depth--;
	}
	return false;
}

struct func_search {
	Dwarf_Addr pc;
	Dwarf_Die die;
	bool found;
};

static int
func_visit(Dwarf_Die *die, void *arg)
{
	struct func_search *fs = arg;

	if (dwarf_haspc(die, fs->pc) <= 0)
		return DWARF_CB_OK;
	fs->die = *die;
	fs->found = true;
	return DWARF_CB_ABORT;
}

/*
 * The out-of-line function around pc (not an inlined instance, which is
 * what dwarf_getscopes() would start from), and the [entry, end) range
 * holding its entry (a function may have a .cold part elsewhere).
 */
static bool
function_at(Dwarf_Die *cu, Dwarf_Addr pc, Dwarf_Addr *entry, Dwarf_Addr *end)
{
	struct func_search fs = { .pc = pc };
	Dwarf_Addr base, lo, hi;
	ptrdiff_t off = 0;

	dwarf_getfuncs(cu, func_visit, &fs, 0);
	if (!fs.found || dwarf_entrypc(&fs.die, entry) != 0)
		return false;
	while ((off = dwarf_ranges(&fs.die, off, &base, &lo, &hi)) > 0) {
		if (lo <= *entry && *entry < hi) {
			*end = hi;
			return true;
		}
	}
	return false;
}

/* The first row flagged prologue_end in [lo, hi), or 0. */
static Dwarf_Addr
prologue_end_in(Dwarf_Lines *lines, size_t n, Dwarf_Addr lo, Dwarf_Addr hi)
{
	Dwarf_Addr best = 0;

	for (size_t i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		Dwarf_Addr a;
		bool flag;

		if (l && dwarf_lineaddr(l, &a) == 0 && a >= lo && a < hi &&
		    dwarf_lineprologueend(l, &flag) == 0 && flag &&
		    (!best || a < best))
			best = a;
	}
	return best;
}

/*
 * amd64_analyze_prologue(): past "[endbr64] push %rbp; mov %rsp,%rbp"
 * (or movl %esp,%ebp), or entry itself for a frameless function.
 */
static Dwarf_Addr
frame_setup_end(Dwfl_Module *mod, Dwarf_Addr entry)
{
	static const unsigned char endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	static const unsigned char movq1[3] = { 0x48, 0x89, 0xe5 };
	static const unsigned char movq2[3] = { 0x48, 0x8b, 0xec };
	static const unsigned char movl1[2] = { 0x89, 0xe5 };
	static const unsigned char movl2[2] = { 0x8b, 0xec };
	unsigned char code[8] = { 0 };
	GElf_Addr off = entry;
	Dwarf_Addr bias;
	Elf_Scn *scn;
	Elf_Data *data;
	size_t i = 0, n;

	scn = dwfl_module_address_section(mod, &off, &bias);
	data = scn ? elf_getdata(scn, NULL) : NULL;
	if (!data || !data->d_buf || off >= data->d_size)
		return entry;
	n = data->d_size - off < sizeof(code) ? data->d_size - off
					      : sizeof(code);
	memcpy(code, (const unsigned char *)data->d_buf + off, n);
	if (n >= 4 && memcmp(code, endbr64, 4) == 0)
		i = 4;
	if (i + 4 > n || code[i] != 0x55)
		return entry;
	if (!memcmp(code + i + 1, movq1, 3) || !memcmp(code + i + 1, movq2, 3))
		return entry + i + 4;
	if (!memcmp(code + i + 1, movl1, 2) || !memcmp(code + i + 1, movl2, 2))
		return entry + i + 3;
	return entry;
}

/* Start of the row holding pc and start of the next one (0: none). */
static void
row_bounds(Dwarf_Lines *lines, size_t n, Dwarf_Addr pc, Dwarf_Addr *row,
	   Dwarf_Addr *next)
{
	*row = 0;
	*next = 0;
	for (size_t i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		Dwarf_Addr a;
		bool endseq;

		if (!l || dwarf_lineaddr(l, &a) != 0)
			continue;
		if (a > pc && (!*next || a < *next))
			*next = a;
		if (a <= pc && a >= *row &&
		    dwarf_lineendsequence(l, &endseq) == 0 && !endseq)
			*row = a;
	}
}

/*
 * The CU covering addr. libdwfl looks it up in .debug_aranges, which clang
 * does not emit: then ask each CU for its own ranges.
 */
static Dwarf_Die *
cu_at(Dwfl_Module *mod, uint64_t addr, Dwarf_Addr *bias)
{
	Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, bias);

	if (cu)
		return cu;
	while ((cu = dwfl_module_nextcu(mod, cu, bias)) != NULL)
		if (addr >= *bias && dwarf_haspc(cu, addr - *bias) > 0)
			return cu;
	return NULL;
}

int
snare__addr_line(const char **file, int *line, Dwfl_Module *mod,
		 uint64_t addr)
{
	Dwfl_Line *l = dwfl_module_getsrc(mod, addr);
	Dwarf_Line *dl;
	Dwarf_Addr bias;
	Dwarf_Die *cu;

	*file = l ? dwfl_lineinfo(l, NULL, line, NULL, NULL, NULL) : NULL;
	if (*file)
		return 0;
	cu = cu_at(mod, addr, &bias);
	dl = cu ? dwarf_getsrc_die(cu, addr - bias) : NULL;
	*file = dl ? dwarf_linesrc(dl, NULL, NULL) : NULL;
	if (!*file || dwarf_lineno(dl, line) != 0)
		return -ENOENT;
	return 0;
}

/* gdb's skip_prologue_sal() for a line breakpoint at addr. */
/* cu_locations_valid() of the last CU asked about. */
struct valid_cache {
	const void *cu; /* Dwarf_Die.addr of the CU */
	bool valid;
};

static uint64_t
skip_prologue(Dwfl_Module *mod, uint64_t addr, struct valid_cache *cache)
{
	Dwarf_Addr bias, pc, entry, end, post, row, next;
	Dwarf_Lines *lines;
	Dwarf_Die *cu;
	size_t n;

	cu = cu_at(mod, addr, &bias);
	if (!cu || addr < bias || dwarf_srclang(cu) == DW_LANG_Mips_Assembler)
		return addr;
	pc = addr - bias;
	if (!function_at(cu, pc, &entry, &end) ||
	    dwarf_getsrclines(cu, &lines, &n) != 0)
		return addr;
	post = prologue_end_in(lines, n, entry, end);
	if (post)
		return post > pc ? post + bias : addr;
	post = frame_setup_end(mod, entry + bias) - bias;
	if (post == entry)
		return addr;
	if (cache->cu != cu->addr) {
		cache->cu = cu->addr;
		cache->valid = cu_locations_valid(cu);
	}
	if (cache->valid)
		return addr;
	/* Mid-line after the frame setup: the next row, if in the function. */
	row_bounds(lines, n, post, &row, &next);
	if (row != post && next >= entry && next < end)
		post = next;
	return post > pc ? post + bias : addr;
}

int
snare__source_line(uint64_t *addr, snare_symtab *st, const char *file,
		   size_t len, int line)
{
	struct valid_cache cache = { NULL, false };
	struct snare__modlist ml;
	struct line_best *b;
	uint64_t best = UINT64_MAX;
	int rc;

	if (len >= 2 && file[0] == '.' && file[1] == '/') {
		file += 2;
		len -= 2;
	}
	if (len == 0)
		return snare__sym_err(st, -EINVAL, "empty source file name");
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	rc = snare__modules(&ml, st);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < ml.n && !b->n; i++)
		module_lines(b, ml.v[i], file, len, line);
	snare__modules_free(&ml);
	if (!b->n) {
		if (b->file_seen)
			rc = snare__sym_err(st, -ENOENT,
					    "%.*s has no code at line %d or after",
					    (int)(len > 128 ? 128 : len), file,
					    line);
		else if (b->have_dwarf)
			rc = snare__sym_err(st, -ENOENT,
					    "no source file '%.*s' in the debug info",
					    (int)(len > 128 ? 128 : len), file);
		else
			rc = snare__sym_err(st, -ENOENT,
					    "%.*s:%d: no debug info found",
					    (int)(len > 128 ? 128 : len), file,
					    line);
		goto out;
	}
	for (size_t i = 0; i < b->n; i++) {
		uint64_t a = skip_prologue(b->mod, b->addr[i], &cache);

		if (a < best)
			best = a;
	}
	*addr = best;
	rc = 0;
out:
	free(b);
	return rc;
}
