/* SPDX-License-Identifier: MIT */
/*
 * gen-elf-corpus.c: writes the hostile ELF corpus of PTRACE-NOTES 4.5 from
 * a few seed executables built by scripts/gen-elf-corpus.sh.
 *
 *   gen-elf-corpus OUTDIR BASE [GZ [HASHBOTH [BUILDID_HEX]]]
 *
 * BASE is a small x86-64 PIE ELF64 with symbols, DWARF, a build-id note
 * and a .gnu.hash; GZ the same with SHF_COMPRESSED (zlib) debug sections;
 * HASHBOTH the same linked with --hash-style=both (a DT_HASH); BUILDID_HEX
 * the build-id of a debug file that exists under /usr/lib/debug (a
 * mismatched debug file). "-" skips an optional seed. Every case is one
 * mutation of a seed (or a small synthetic file), written as OUTDIR/NAME.
 * The output depends only on the seeds: no randomness but a fixed-seed
 * PRNG. Plain C11, no library but libc: the build must not depend on
 * python or on the library under test.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	unsigned char *p;
	size_t n;
};

static const char *outdir;
static unsigned nfiles;

static _Noreturn __attribute__((format(printf, 1, 2))) void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gen-elf-corpus: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void
emit(const char *name, const void *p, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f)
		die("%s: %s", path, strerror(errno));
	if ((n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
		die("%s: write failed", path);
	nfiles++;
}

static void
emitf(const struct buf *b, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	emit(name, b->p, b->n);
}

static struct buf
load(const char *path)
{
	struct buf b = { 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		die("%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		die("%s: cannot size", path);
	b.n = (size_t)n;
	b.p = malloc(b.n);
	if (!b.p || fread(b.p, 1, b.n, f) != b.n)
		die("%s: read failed", path);
	fclose(f);
	return b;
}

static struct buf
copy(const struct buf *s)
{
	struct buf b = { malloc(s->n ? s->n : 1), s->n };

	if (!b.p)
		die("out of memory");
	memcpy(b.p, s->p, s->n);
	return b;
}

static void
drop(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = 0;
}

/* Seeds are well-formed, aligned ELF64 LSB files: checked at load. */
static Elf64_Ehdr *
eh(const struct buf *b)
{
	return (Elf64_Ehdr *)b->p;
}

static Elf64_Shdr *
sh(const struct buf *b, size_t i)
{
	return (Elf64_Shdr *)(b->p + eh(b)->e_shoff + i * sizeof(Elf64_Shdr));
}

static Elf64_Phdr *
ph(const struct buf *b, size_t i)
{
	return (Elf64_Phdr *)(b->p + eh(b)->e_phoff + i * sizeof(Elf64_Phdr));
}

static void
check_seed(const struct buf *b, const char *path)
{
	const Elf64_Ehdr *e = eh(b);

	if (b->n < sizeof(*e) || memcmp(e->e_ident, ELFMAG, SELFMAG) != 0 ||
	    e->e_ident[EI_CLASS] != ELFCLASS64 ||
	    e->e_ident[EI_DATA] != ELFDATA2LSB || e->e_shoff % 8 ||
	    e->e_phoff % 8 || e->e_shentsize != sizeof(Elf64_Shdr) ||
	    e->e_phentsize != sizeof(Elf64_Phdr) || e->e_shnum == 0 ||
	    e->e_shoff + (uint64_t)e->e_shnum * sizeof(Elf64_Shdr) > b->n ||
	    e->e_phoff + (uint64_t)e->e_phnum * sizeof(Elf64_Phdr) > b->n ||
	    e->e_shstrndx >= e->e_shnum)
		die("%s: not a well-formed ELF64 LSB seed", path);
	for (size_t i = 0; i < e->e_shnum; i++) {
		const Elf64_Shdr *s = sh(b, i);

		if (s->sh_type != SHT_NOBITS &&
		    (s->sh_offset > b->n || s->sh_size > b->n - s->sh_offset))
			die("%s: section %zu out of the file", path, i);
	}
}

/* Index of the first section named name, or of type type; 0 if none. */
static size_t
sec_by_name(const struct buf *b, const char *name)
{
	const Elf64_Shdr *strs = sh(b, eh(b)->e_shstrndx);

	for (size_t i = 1; i < eh(b)->e_shnum; i++) {
		const Elf64_Shdr *s = sh(b, i);

		if (s->sh_name < strs->sh_size &&
		    strcmp((const char *)b->p + strs->sh_offset + s->sh_name,
			   name) == 0)
			return i;
	}
	return 0;
}

static size_t
sec_by_type(const struct buf *b, uint32_t type)
{
	for (size_t i = 1; i < eh(b)->e_shnum; i++)
		if (sh(b, i)->sh_type == type)
			return i;
	return 0;
}

static size_t
seg_by_type(const struct buf *b, uint32_t type)
{
	for (size_t i = 0; i < eh(b)->e_phnum; i++)
		if (ph(b, i)->p_type == type)
			return i + 1;
	return 0;
}

static unsigned char *
sec_data(const struct buf *b, size_t i)
{
	return b->p + sh(b, i)->sh_offset;
}

/* Make the file look stripped of its section headers. */
static void
no_shdrs(struct buf *b)
{
	eh(b)->e_shoff = 0;
	eh(b)->e_shnum = 0;
	eh(b)->e_shstrndx = SHN_UNDEF;
}

/*
 * Write b as PREFIX-NAME ("dt-" and a name), then again without section
 * headers as noshdr-PREFIX-NAME, so the parser is tried by both routes
 * (sections, and program headers only). b loses its section headers.
 */
static void
emit_both(struct buf *b, const char *prefix, const char *name)
{
	emitf(b, "%s%s", prefix, name);
	no_shdrs(b);
	emitf(b, "noshdr-%s%s", prefix, name);
}

/* A deterministic PRNG (xorshift64*). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/*
 * Append a section (data, a new .shstrtab with its name, and a new section
 * header table) at the end of the file.
 */
static struct buf
add_section(const struct buf *s, const char *name, uint32_t type,
	    const void *data, size_t size)
{
	const Elf64_Shdr *oldstr = sh(s, eh(s)->e_shstrndx);
	size_t nsh = eh(s)->e_shnum, namelen = strlen(name) + 1;
	size_t off_data = (s->n + 7) & ~(size_t)7;
	size_t off_str = (off_data + size + 7) & ~(size_t)7;
	size_t strsz = oldstr->sh_size + namelen;
	size_t off_sh = (off_str + strsz + 7) & ~(size_t)7;
	struct buf b;
	Elf64_Shdr *n;

	b.n = off_sh + (nsh + 1) * sizeof(Elf64_Shdr);
	b.p = calloc(1, b.n);
	if (!b.p)
		die("out of memory");
	memcpy(b.p, s->p, s->n);
	memcpy(b.p + off_data, data, size);
	memcpy(b.p + off_str, s->p + oldstr->sh_offset, oldstr->sh_size);
	memcpy(b.p + off_str + oldstr->sh_size, name, namelen);
	memcpy(b.p + off_sh, s->p + eh(s)->e_shoff, nsh * sizeof(Elf64_Shdr));
	eh(&b)->e_shoff = off_sh;
	eh(&b)->e_shnum = (uint16_t)(nsh + 1);
	sh(&b, eh(&b)->e_shstrndx)->sh_offset = off_str;
	sh(&b, eh(&b)->e_shstrndx)->sh_size = strsz;
	n = sh(&b, nsh);
	memset(n, 0, sizeof(*n));
	n->sh_name = (uint32_t)oldstr->sh_size;
	n->sh_type = type;
	n->sh_offset = off_data;
	n->sh_size = size;
	n->sh_addralign = 4;
	return b;
}

/* ---------------------------------------------------------------- */
/* Synthetic files, for what the seeds cannot be turned into          */
/* ---------------------------------------------------------------- */

struct w {
	unsigned char *p;
	size_t off;
	int msb, is64;
};

static void
put(struct w *w, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++) {
		int shift = w->msb ? 8 * (bytes - 1 - i) : 8 * i;

		w->p[w->off + (size_t)i] = (unsigned char)(v >> shift);
	}
	w->off += (size_t)bytes;
}

static void
put_addr(struct w *w, uint64_t v)
{
	put(w, v, w->is64 ? 8 : 4);
}

static void
put_sym(struct w *w, uint32_t name, uint64_t value, uint64_t size, int info,
	uint16_t shndx)
{
	put(w, name, 4);
	if (w->is64) {
		put(w, (uint64_t)info, 1);
		put(w, 0, 1);
		put(w, shndx, 2);
		put(w, value, 8);
		put(w, size, 8);
	} else {
		put(w, value, 4);
		put(w, size, 4);
		put(w, (uint64_t)info, 1);
		put(w, 0, 1);
		put(w, shndx, 2);
	}
}

static void
put_shdr(struct w *w, uint32_t name, uint32_t type, uint64_t flags,
	 uint64_t addr, uint64_t off, uint64_t size, uint32_t link,
	 uint32_t info, uint64_t align, uint64_t entsize)
{
	put(w, name, 4);
	put(w, type, 4);
	put_addr(w, flags);
	put_addr(w, addr);
	put_addr(w, off);
	put_addr(w, size);
	put(w, link, 4);
	put(w, info, 4);
	put_addr(w, align);
	put_addr(w, entsize);
}

/*
 * A minimal executable: one PT_LOAD, .text, .symtab (main, helper),
 * .strtab, .shstrtab, in either class and byte order.
 */
static struct buf
synth(int is64, int msb, uint16_t machine)
{
	static const char strtab[] = "\0main\0helper";
	static const char shstr[] = "\0.text\0.symtab\0.strtab\0.shstrtab";
	const uint64_t base = 0x400000, text = 0x100, symoff = 0x180,
		       stroff = 0x200, shstroff = 0x240, shoff = 0x280;
	size_t syment = is64 ? 24 : 16, shent = is64 ? 64 : 40;
	struct buf b = { calloc(1, 1024), 1024 };
	struct w w = { b.p, 0, msb, is64 };

	if (!b.p)
		die("out of memory");
	memcpy(b.p, ELFMAG, SELFMAG);
	b.p[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
	b.p[EI_DATA] = msb ? ELFDATA2MSB : ELFDATA2LSB;
	b.p[EI_VERSION] = EV_CURRENT;
	w.off = EI_NIDENT;
	put(&w, ET_EXEC, 2);
	put(&w, machine, 2);
	put(&w, EV_CURRENT, 4);
	put_addr(&w, base + text);                /* e_entry */
	put_addr(&w, is64 ? 64 : 52);             /* e_phoff */
	put_addr(&w, shoff);                      /* e_shoff */
	put(&w, 0, 4);                            /* e_flags */
	put(&w, is64 ? 64 : 52, 2);               /* e_ehsize */
	put(&w, is64 ? 56 : 32, 2);               /* e_phentsize */
	put(&w, 1, 2);                            /* e_phnum */
	put(&w, shent, 2);                        /* e_shentsize */
	put(&w, 5, 2);                            /* e_shnum */
	put(&w, 4, 2);                            /* e_shstrndx */
	/* PT_LOAD over the whole file. */
	put(&w, PT_LOAD, 4);
	if (is64) {
		put(&w, PF_R | PF_X, 4);
		put(&w, 0, 8);
		put(&w, base, 8);
		put(&w, base, 8);
		put(&w, b.n, 8);
		put(&w, b.n, 8);
		put(&w, 0x1000, 8);
	} else {
		put(&w, 0, 4);
		put(&w, base, 4);
		put(&w, base, 4);
		put(&w, b.n, 4);
		put(&w, b.n, 4);
		put(&w, PF_R | PF_X, 4);
		put(&w, 0x1000, 4);
	}
	memset(b.p + text, 0xc3, 16);
	w.off = symoff;
	put_sym(&w, 0, 0, 0, 0, 0);
	put_sym(&w, 6, base + text + 8, 8, ELF64_ST_INFO(STB_LOCAL, STT_FUNC), 1);
	put_sym(&w, 1, base + text, 8, ELF64_ST_INFO(STB_GLOBAL, STT_FUNC), 1);
	memcpy(b.p + stroff, strtab, sizeof(strtab));
	memcpy(b.p + shstroff, shstr, sizeof(shstr));
	w.off = shoff;
	put_shdr(&w, 0, SHT_NULL, 0, 0, 0, 0, 0, 0, 0, 0);
	put_shdr(&w, 1, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, base + text,
		 text, 16, 0, 0, 16, 0);
	put_shdr(&w, 7, SHT_SYMTAB, 0, 0, symoff, 3 * syment, 3, 2, 8, syment);
	put_shdr(&w, 15, SHT_STRTAB, 0, 0, stroff, sizeof(strtab), 0, 0, 1, 0);
	put_shdr(&w, 23, SHT_STRTAB, 0, 0, shstroff, sizeof(shstr), 0, 0, 1, 0);
	return b;
}

/* An ELF64 header that claims many sections, in a 4 KB file. */
static struct buf
section_bomb(uint16_t shnum, uint64_t ext_count, uint16_t shstrndx,
	     uint32_t ext_link)
{
	struct buf b = { calloc(1, 4096), 4096 };
	Elf64_Ehdr *e = (Elf64_Ehdr *)b.p;

	if (!b.p)
		die("out of memory");
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_DYN;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_ehsize = sizeof(*e);
	e->e_shoff = 64;
	e->e_shentsize = sizeof(Elf64_Shdr);
	e->e_shnum = shnum;
	e->e_shstrndx = shstrndx;
	for (size_t i = 1; i < (4096 - 64) / sizeof(Elf64_Shdr); i++) {
		Elf64_Shdr *s = sh(&b, i);

		s->sh_type = i % 2 ? SHT_SYMTAB : SHT_STRTAB;
		s->sh_offset = 0;
		s->sh_size = 4096;
		s->sh_link = (uint32_t)(i + 1);
		s->sh_entsize = i % 2 ? sizeof(Elf64_Sym) : 0;
	}
	sh(&b, 0)->sh_size = ext_count;
	sh(&b, 0)->sh_link = ext_link;
	return b;
}

/* ---------------------------------------------------------------- */
/* The cases                                                          */
/* ---------------------------------------------------------------- */

static void
truncations(const struct buf *s)
{
	static const size_t at[] = { 0, 4, 16, 52, 64 };
	struct buf b = { s->p, 0 };

	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		b.n = at[i];
		emitf(&b, "trunc-%zu", at[i]);
	}
	for (unsigned k = 1; k < 64; k++) {
		b.n = s->n * k / 64;
		emitf(&b, "trunc-64th-%02u", k);
	}
	b.n = s->n - 1;
	emitf(&b, "trunc-last-byte");
	/* Just before, inside and just after the section header table. */
	b.n = eh(s)->e_shoff;
	emitf(&b, "trunc-at-shoff");
	b.n = eh(s)->e_shoff + sizeof(Elf64_Shdr) / 2;
	emitf(&b, "trunc-in-shdr0");
}

static void
header_cases(const struct buf *s)
{
	struct buf b;

#define CASE(name, stmt)         \
	do {                     \
		b = copy(s);     \
		stmt;            \
		emitf(&b, name); \
		drop(&b);        \
	} while (0)

	CASE("bad-magic", b.p[1] = 'X');
	CASE("bad-magic-zero", memset(b.p, 0, SELFMAG));
	CASE("class-none", b.p[EI_CLASS] = ELFCLASSNONE);
	CASE("class-bogus", b.p[EI_CLASS] = 7);
	CASE("class32-on-elf64", b.p[EI_CLASS] = ELFCLASS32);
	CASE("data-msb-on-lsb", b.p[EI_DATA] = ELFDATA2MSB);
	CASE("data-none", b.p[EI_DATA] = ELFDATANONE);
	CASE("ident-version-0", b.p[EI_VERSION] = 0);
	CASE("version-0", eh(&b)->e_version = 0);
	CASE("machine-aarch64", eh(&b)->e_machine = EM_AARCH64);
	CASE("machine-386", eh(&b)->e_machine = EM_386);
	CASE("machine-none", eh(&b)->e_machine = EM_NONE);
	CASE("type-rel", eh(&b)->e_type = ET_REL);
	CASE("type-core", eh(&b)->e_type = ET_CORE);
	CASE("type-none", eh(&b)->e_type = ET_NONE);
	CASE("type-exec-on-pie", eh(&b)->e_type = ET_EXEC);
	CASE("ehsize-0", eh(&b)->e_ehsize = 0);
	CASE("entry-max", eh(&b)->e_entry = UINT64_MAX);

	CASE("shoff-past-eof", eh(&b)->e_shoff = s->n + 64);
	CASE("shoff-straddles-eof", eh(&b)->e_shoff = s->n - 32);
	CASE("shoff-max", eh(&b)->e_shoff = UINT64_MAX - 7);
	CASE("shoff-unaligned", eh(&b)->e_shoff += 1);
	CASE("shoff-0", eh(&b)->e_shoff = 0);
	CASE("phoff-past-eof", eh(&b)->e_phoff = s->n + 64);
	CASE("phoff-max", eh(&b)->e_phoff = UINT64_MAX - 7);
	CASE("phoff-0", eh(&b)->e_phoff = 0);
	CASE("shentsize-0", eh(&b)->e_shentsize = 0);
	CASE("shentsize-32", eh(&b)->e_shentsize = 32);
	CASE("shentsize-65", eh(&b)->e_shentsize = 65);
	CASE("shentsize-ffff", eh(&b)->e_shentsize = 0xffff);
	CASE("phentsize-0", eh(&b)->e_phentsize = 0);
	CASE("phentsize-32", eh(&b)->e_phentsize = 32);
	CASE("phentsize-ffff", eh(&b)->e_phentsize = 0xffff);
	CASE("shnum-1", eh(&b)->e_shnum = 1);
	CASE("shnum-plus-1", eh(&b)->e_shnum += 1);
	CASE("shnum-feff", eh(&b)->e_shnum = 0xfeff);
	CASE("phnum-0", eh(&b)->e_phnum = 0);
	CASE("phnum-plus-1", eh(&b)->e_phnum += 1);
	CASE("phnum-fffe", eh(&b)->e_phnum = 0xfffe);

	/* The extension cases. */
	CASE("shnum0-ext-valid", (sh(&b, 0)->sh_size = eh(&b)->e_shnum,
				  eh(&b)->e_shnum = 0));
	CASE("shnum0-ext-65535", (sh(&b, 0)->sh_size = 65535,
				  eh(&b)->e_shnum = 0));
	CASE("shnum0-ext-2e32", (sh(&b, 0)->sh_size = 0xffffffffull,
				 eh(&b)->e_shnum = 0));
	CASE("shnum0-ext-2e63", (sh(&b, 0)->sh_size = 1ull << 63,
				 eh(&b)->e_shnum = 0));
	CASE("shnum0-ext-0", eh(&b)->e_shnum = 0);
	CASE("shstrndx-xindex-valid",
	     (sh(&b, 0)->sh_link = eh(&b)->e_shstrndx,
	      eh(&b)->e_shstrndx = SHN_XINDEX));
	CASE("shstrndx-xindex-bogus", (sh(&b, 0)->sh_link = 0xfffffff0u,
				       eh(&b)->e_shstrndx = SHN_XINDEX));
	CASE("shstrndx-xindex-shnum", (sh(&b, 0)->sh_link = eh(&b)->e_shnum,
				       eh(&b)->e_shstrndx = SHN_XINDEX));
	CASE("shstrndx-oob", eh(&b)->e_shstrndx = eh(&b)->e_shnum + 5);
	CASE("shstrndx-0", eh(&b)->e_shstrndx = 0);
	CASE("shstrndx-symtab",
	     eh(&b)->e_shstrndx = (uint16_t)sec_by_type(&b, SHT_SYMTAB));
	CASE("phnum-pnxnum-valid", (sh(&b, 0)->sh_info = eh(&b)->e_phnum,
				    eh(&b)->e_phnum = PN_XNUM));
	CASE("phnum-pnxnum-bogus", (sh(&b, 0)->sh_info = 0xffffffffu,
				    eh(&b)->e_phnum = PN_XNUM));
	CASE("phnum-pnxnum-noshdr", (eh(&b)->e_phnum = PN_XNUM, no_shdrs(&b)));
	CASE("noshdr", no_shdrs(&b));
#undef CASE
}

/* Mutate one section (by name) of a copy of s; skip when s lacks it. */
typedef void (*sec_fn)(struct buf *b, size_t i);

static void
sec_case(const struct buf *s, const char *sec, sec_fn fn, const char *name)
{
	size_t i = sec_by_name(s, sec);
	struct buf b;

	if (!i)
		return;
	b = copy(s);
	fn(&b, i);
	emitf(&b, "%s", name);
	drop(&b);
}

static void f_off_overflow(struct buf *b, size_t i)
{
	sh(b, i)->sh_offset = 0xfffffffffffff000ull;
	sh(b, i)->sh_size = 0x2000;
}
static void f_size_wrap0(struct buf *b, size_t i)
{
	sh(b, i)->sh_size = 0 - sh(b, i)->sh_offset;
}
static void f_size_max(struct buf *b, size_t i) { sh(b, i)->sh_size = UINT64_MAX; }
static void f_size_past_eof(struct buf *b, size_t i) { sh(b, i)->sh_size += b->n; }
static void f_entsize_0(struct buf *b, size_t i) { sh(b, i)->sh_entsize = 0; }
static void f_entsize_1(struct buf *b, size_t i) { sh(b, i)->sh_entsize = 1; }
static void f_entsize_huge(struct buf *b, size_t i) { sh(b, i)->sh_entsize = 1ull << 40; }
static void f_size_odd(struct buf *b, size_t i) { sh(b, i)->sh_size -= 5; }
static void f_size_0(struct buf *b, size_t i) { sh(b, i)->sh_size = 0; }
static void f_type_nobits(struct buf *b, size_t i) { sh(b, i)->sh_type = SHT_NOBITS; }
static void f_type_null(struct buf *b, size_t i) { sh(b, i)->sh_type = SHT_NULL; }
static void f_type_strtab(struct buf *b, size_t i) { sh(b, i)->sh_type = SHT_STRTAB; }
static void f_type_symtab(struct buf *b, size_t i) { sh(b, i)->sh_type = SHT_SYMTAB; }
static void f_link_oob(struct buf *b, size_t i) { sh(b, i)->sh_link = 0xffff; }
static void f_link_huge(struct buf *b, size_t i) { sh(b, i)->sh_link = 0xffffffffu; }
static void f_link_self(struct buf *b, size_t i) { sh(b, i)->sh_link = (uint32_t)i; }
static void f_link_0(struct buf *b, size_t i) { sh(b, i)->sh_link = 0; }
static void f_link_text(struct buf *b, size_t i)
{
	sh(b, i)->sh_link = (uint32_t)sec_by_name(b, ".text");
}
static void f_link_bss(struct buf *b, size_t i)
{
	sh(b, i)->sh_link = (uint32_t)sec_by_name(b, ".bss");
}
static void f_info_huge(struct buf *b, size_t i) { sh(b, i)->sh_info = 0xffffffffu; }
static void f_compressed_flag(struct buf *b, size_t i) { sh(b, i)->sh_flags |= SHF_COMPRESSED; }
static void f_no_final_nul(struct buf *b, size_t i)
{
	sec_data(b, i)[sh(b, i)->sh_size - 1] = 'A';
}
static void f_all_a(struct buf *b, size_t i)
{
	memset(sec_data(b, i), 'A', sh(b, i)->sh_size);
}
static void f_overlap_prev(struct buf *b, size_t i)
{
	/* The section's data starts where the symbol table's does. */
	size_t t = sec_by_type(b, SHT_SYMTAB);

	if (t && t != i)
		sh(b, i)->sh_offset = sh(b, t)->sh_offset;
	else
		sh(b, i)->sh_offset = sh(b, sec_by_name(b, ".text"))->sh_offset;
}
static void f_overlap_shdrs(struct buf *b, size_t i)
{
	sh(b, i)->sh_offset = eh(b)->e_shoff;
}
static void f_overlap_ehdr(struct buf *b, size_t i) { sh(b, i)->sh_offset = 0; }
static void f_addr_max(struct buf *b, size_t i) { sh(b, i)->sh_addr = UINT64_MAX - 15; }

/* The symbols of a symbol table section. */
static Elf64_Sym *
syms(struct buf *b, size_t i, size_t *n)
{
	*n = sh(b, i)->sh_size / sizeof(Elf64_Sym);
	return (Elf64_Sym *)sec_data(b, i);
}

static void f_stname_past_end(struct buf *b, size_t i)
{
	size_t n, str = sh(b, i)->sh_link;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_name = (uint32_t)(sh(b, str)->sh_size + 16 + k);
}
static void f_stname_max(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_name = 0xffffffffu - (uint32_t)k;
}
static void f_stname_last(struct buf *b, size_t i)
{
	/* Every name is the last byte of a strtab lacking its NUL. */
	size_t n, str = sh(b, i)->sh_link;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_name = (uint32_t)(sh(b, str)->sh_size - 1);
	f_no_final_nul(b, str);
}
static void f_shndx_xindex(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_shndx = SHN_XINDEX;
}
static void f_shndx_oob(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		if (s[k].st_shndx != SHN_UNDEF)
			s[k].st_shndx = 0xfeff;
}
static void f_shndx_bss(struct buf *b, size_t i)
{
	size_t n, bss = sec_by_name(b, ".bss");
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		if (s[k].st_shndx != SHN_UNDEF && s[k].st_shndx < SHN_LORESERVE)
			s[k].st_shndx = (uint16_t)bss;
}
static void f_symsize_2e63(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_size = 1ull << 63;
}
static void f_symsize_max(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_size = UINT64_MAX;
}
static void f_symvalue_wrap(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++) {
		s[k].st_value = UINT64_MAX - 8 * k;
		s[k].st_size = 64;
	}
}
static void f_symvalue_same(struct buf *b, size_t i)
{
	/* Every symbol at one address, all global: ambiguity everywhere. */
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++) {
		s[k].st_value = s[n - 1].st_value;
		s[k].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
	}
}
static void f_symname_same(struct buf *b, size_t i)
{
	/* Every symbol named as the last one, at different addresses. */
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_name = s[n - 1].st_name;
}
static void f_symtype_tls(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_TLS);
}
static void f_symtype_ifunc(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_GNU_IFUNC);
}
static void f_symtype_section_file(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_info = ELF64_ST_INFO(STB_LOCAL, k % 2 ? STT_SECTION : STT_FILE);
}
static void f_symbind_bogus(struct buf *b, size_t i)
{
	size_t n;
	Elf64_Sym *s = syms(b, i, &n);

	for (size_t k = 1; k < n; k++)
		s[k].st_info = (unsigned char)(0xf0 | (k & 0xf));
}
static void f_info_0(struct buf *b, size_t i) { sh(b, i)->sh_info = 0; }
static void f_flip(struct buf *b, size_t i)
{
	size_t size = sh(b, i)->sh_size;

	for (int k = 0; k < 8 && size; k++)
		sec_data(b, i)[rng() % size] ^= (unsigned char)(1 + rng() % 255);
}
static void f_fill_ff(struct buf *b, size_t i)
{
	memset(sec_data(b, i), 0xff, sh(b, i)->sh_size);
}
static void f_fill_00(struct buf *b, size_t i)
{
	memset(sec_data(b, i), 0, sh(b, i)->sh_size);
}
static void f_dwarf64_huge(struct buf *b, size_t i)
{
	/* unit_length: the 64-bit escape, then a length past any file. */
	unsigned char *d = sec_data(b, i);

	if (sh(b, i)->sh_size >= 12) {
		memset(d, 0xff, 4);
		memset(d + 4, 0x7f, 8);
	}
}
static void f_dwarf_version_99(struct buf *b, size_t i)
{
	unsigned char *d = sec_data(b, i);

	if (sh(b, i)->sh_size >= 6) {
		d[4] = 99;
		d[5] = 0;
	}
}

static void
section_cases(const struct buf *s)
{
	static const char *const tables[] = { ".symtab", ".dynsym" };
	static const char *const strtabs[] = { ".strtab", ".dynstr",
					       ".shstrtab", ".debug_str" };
	static const char *const anysec[] = {
		".symtab", ".strtab", ".dynsym", ".dynstr", ".debug_info",
		".debug_line", ".debug_abbrev", ".note.gnu.build-id",
		".dynamic", ".eh_frame", ".gnu.hash", ".gnu.version",
	};
	static const char *const dwarf[] = {
		".debug_info", ".debug_abbrev", ".debug_line", ".debug_str",
		".debug_line_str", ".debug_aranges", ".debug_rnglists",
		".debug_loclists", ".debug_addr", ".debug_str_offsets",
		".eh_frame", ".eh_frame_hdr", ".dynamic", ".gnu.version",
		".gnu.version_r", ".gnu.hash", ".note.gnu.build-id",
	};
	static const struct { const char *tag; sec_fn fn; } any_fns[] = {
		{ "off-overflow", f_off_overflow },
		{ "size-wrap0", f_size_wrap0 },
		{ "size-max", f_size_max },
		{ "size-past-eof", f_size_past_eof },
		{ "size-0", f_size_0 },
		{ "type-nobits", f_type_nobits },
		{ "overlap-symtab", f_overlap_prev },
		{ "overlap-shdrs", f_overlap_shdrs },
		{ "overlap-ehdr", f_overlap_ehdr },
		{ "link-oob", f_link_oob },
		{ "compressed-flag", f_compressed_flag },
		{ "addr-max", f_addr_max },
	};
	static const struct { const char *tag; sec_fn fn; } tab_fns[] = {
		{ "entsize-0", f_entsize_0 },
		{ "entsize-1", f_entsize_1 },
		{ "entsize-huge", f_entsize_huge },
		{ "size-not-multiple", f_size_odd },
		{ "link-text", f_link_text },
		{ "link-oob", f_link_oob },
		{ "link-huge", f_link_huge },
		{ "link-self", f_link_self },
		{ "link-0", f_link_0 },
		{ "link-nobits", f_link_bss },
		{ "info-huge", f_info_huge },
		{ "info-0", f_info_0 },
		{ "type-strtab", f_type_strtab },
		{ "type-null", f_type_null },
		{ "stname-past-end", f_stname_past_end },
		{ "stname-max", f_stname_max },
		{ "stname-last-byte-no-nul", f_stname_last },
		{ "shndx-xindex-no-shndx-section", f_shndx_xindex },
		{ "shndx-oob", f_shndx_oob },
		{ "shndx-nobits", f_shndx_bss },
		{ "symsize-2e63", f_symsize_2e63 },
		{ "symsize-max", f_symsize_max },
		{ "symvalue-wrap", f_symvalue_wrap },
		{ "symvalue-all-same", f_symvalue_same },
		{ "symname-all-same", f_symname_same },
		{ "symtype-tls", f_symtype_tls },
		{ "symtype-ifunc", f_symtype_ifunc },
		{ "symtype-section-file", f_symtype_section_file },
		{ "symbind-bogus", f_symbind_bogus },
		{ "fill-ff", f_fill_ff },
	};
	static const struct { const char *tag; sec_fn fn; } str_fns[] = {
		{ "no-final-nul", f_no_final_nul },
		{ "all-A", f_all_a },
		{ "type-symtab", f_type_symtab },
		{ "size-0", f_size_0 },
	};
	static const struct { const char *tag; sec_fn fn; } dw_fns[] = {
		{ "fill-ff", f_fill_ff },
		{ "fill-00", f_fill_00 },
		{ "dwarf64-huge", f_dwarf64_huge },
		{ "version-99", f_dwarf_version_99 },
	};
	char name[256];

	for (size_t t = 0; t < sizeof(anysec) / sizeof(anysec[0]); t++)
		for (size_t f = 0; f < sizeof(any_fns) / sizeof(any_fns[0]); f++) {
			snprintf(name, sizeof(name), "sec%s-%s", anysec[t],
				 any_fns[f].tag);
			sec_case(s, anysec[t], any_fns[f].fn, name);
		}
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (size_t f = 0; f < sizeof(tab_fns) / sizeof(tab_fns[0]); f++) {
			snprintf(name, sizeof(name), "sym%s-%s", tables[t],
				 tab_fns[f].tag);
			sec_case(s, tables[t], tab_fns[f].fn, name);
		}
	for (size_t t = 0; t < sizeof(strtabs) / sizeof(strtabs[0]); t++)
		for (size_t f = 0; f < sizeof(str_fns) / sizeof(str_fns[0]); f++) {
			snprintf(name, sizeof(name), "str%s-%s", strtabs[t],
				 str_fns[f].tag);
			sec_case(s, strtabs[t], str_fns[f].fn, name);
		}
	for (size_t t = 0; t < sizeof(dwarf) / sizeof(dwarf[0]); t++) {
		for (size_t f = 0; f < sizeof(dw_fns) / sizeof(dw_fns[0]); f++) {
			snprintf(name, sizeof(name), "dw%s-%s", dwarf[t],
				 dw_fns[f].tag);
			sec_case(s, dwarf[t], dw_fns[f].fn, name);
		}
		for (int k = 0; k < 6; k++) {
			snprintf(name, sizeof(name), "flip%s-%d", dwarf[t], k);
			sec_case(s, dwarf[t], f_flip, name);
		}
	}
}

static void
segment_cases(const struct buf *s)
{
	size_t load = seg_by_type(s, PT_LOAD), dyn = seg_by_type(s, PT_DYNAMIC),
	       note = seg_by_type(s, PT_NOTE);
	struct buf b;

	if (!load)
		die("seed without PT_LOAD");
#define CASE(name, stmt)                                            \
	do {                                                        \
		b = copy(s);                                        \
		stmt;                                               \
		emit_both(&b, "", name);                            \
		drop(&b);                                           \
	} while (0)
#define EACH_LOAD(stmt)                                             \
	for (size_t k = 0; k < eh(&b)->e_phnum; k++) {              \
		Elf64_Phdr *p = ph(&b, k);                          \
		if (p->p_type == PT_LOAD) {                         \
			stmt;                                       \
		}                                                   \
	}

	CASE("load-filesz-gt-memsz", EACH_LOAD(p->p_filesz = p->p_memsz + 0x10000));
	CASE("load-filesz-max", EACH_LOAD(p->p_filesz = UINT64_MAX));
	CASE("load-memsz-max", EACH_LOAD(p->p_memsz = UINT64_MAX));
	CASE("load-memsz-0", EACH_LOAD(p->p_memsz = 0));
	CASE("load-offset-past-eof", EACH_LOAD(p->p_offset = s->n + 0x1000));
	CASE("load-vaddr-wrap", EACH_LOAD(p->p_vaddr = UINT64_MAX - 0x1000));
	CASE("load-align-0", EACH_LOAD(p->p_align = 0));
	CASE("load-align-3", EACH_LOAD(p->p_align = 3));
	CASE("load-misaligned", EACH_LOAD(p->p_vaddr += 1));
	CASE("load-overlap", EACH_LOAD(p->p_vaddr = ph(&b, load - 1)->p_vaddr));
	CASE("load-reversed", EACH_LOAD(p->p_vaddr = 0x100000 * (8 - k)));
	CASE("load-none", EACH_LOAD(p->p_type = PT_NULL));
	CASE("phdr-all-load", for (size_t k = 0; k < eh(&b)->e_phnum; k++)
		ph(&b, k)->p_type = PT_LOAD);
	if (dyn) {
		CASE("dynamic-outside-load",
		     (ph(&b, dyn - 1)->p_vaddr = 0x7fff00000000ull,
		      ph(&b, dyn - 1)->p_offset = s->n * 2));
		CASE("dynamic-size-max", ph(&b, dyn - 1)->p_filesz = UINT64_MAX);
		CASE("dynamic-size-0", ph(&b, dyn - 1)->p_filesz = 0);
		CASE("dynamic-on-ehdr", (ph(&b, dyn - 1)->p_offset = 0,
					 ph(&b, dyn - 1)->p_vaddr = 0));
	}
	if (note) {
		CASE("note-size-max", ph(&b, note - 1)->p_filesz = UINT64_MAX);
		CASE("note-size-3", ph(&b, note - 1)->p_filesz = 3);
		CASE("note-offset-past-eof", ph(&b, note - 1)->p_offset = s->n);
		CASE("note-align-3", ph(&b, note - 1)->p_align = 3);
	}
#undef EACH_LOAD
#undef CASE
}

/* .dynamic: DT_* pointers, with and without section headers. */
static Elf64_Dyn *
dyn_entry(struct buf *b, int64_t tag)
{
	size_t i = sec_by_type(b, SHT_DYNAMIC), n;
	Elf64_Dyn *d;

	if (!i)
		return NULL;
	d = (Elf64_Dyn *)sec_data(b, i);
	n = sh(b, i)->sh_size / sizeof(*d);
	for (size_t k = 0; k < n && d[k].d_tag != DT_NULL; k++)
		if (d[k].d_tag == tag)
			return &d[k];
	return NULL;
}

static void
dynamic_case(const struct buf *s, const char *name, int64_t tag, uint64_t v)
{
	struct buf b = copy(s);
	Elf64_Dyn *d = dyn_entry(&b, tag);

	if (d) {
		d->d_un.d_val = v;
		emit_both(&b, "dt-", name);
	}
	drop(&b);
}

/* The GNU hash table: header, bloom words, buckets, chains. */
static void
gnu_hash_case(const struct buf *s, const char *name, int what)
{
	struct buf b = copy(s);
	size_t i = sec_by_type(&b, SHT_GNU_HASH);
	uint32_t *h, nb, bloom;
	size_t words, n;

	if (!i || sh(&b, i)->sh_size < 16) {
		drop(&b);
		return;
	}
	h = (uint32_t *)sec_data(&b, i);
	words = sh(&b, i)->sh_size / 4;
	nb = h[0];
	bloom = h[2];
	n = 4 + 2 * (size_t)bloom + nb; /* first chain word */
	switch (what) {
	case 0: /* chains never end: every "last" bit cleared */
		for (size_t k = n; k < words; k++)
			h[k] &= ~1u;
		break;
	case 1:
		h[0] = 0xffffffffu;
		break;
	case 2:
		h[2] = 0xffffffffu;
		break;
	case 3:
		h[1] = 0xffffffffu;
		break;
	case 4: /* buckets point far past the symbol table */
		for (size_t k = 4 + 2 * (size_t)bloom; k < n && k < words; k++)
			h[k] = 0x7ffffff0u;
		break;
	case 5:
		h[0] = 0;
		break;
	case 6: /* bloom_shift past the word size */
		h[3] = 200;
		break;
	}
	emit_both(&b, "gnuhash-", name);
	drop(&b);
}

static void
sysv_hash_case(const struct buf *s, const char *name, int what)
{
	struct buf b = copy(s);
	size_t i = sec_by_type(&b, SHT_HASH);
	uint32_t *h;
	size_t words;

	if (!i || sh(&b, i)->sh_size < 8) {
		drop(&b);
		return;
	}
	h = (uint32_t *)sec_data(&b, i);
	words = sh(&b, i)->sh_size / 4;
	/* Only DT_HASH then: DT_GNU_HASH becomes a DT_DEBUG. */
	if (dyn_entry(&b, DT_GNU_HASH))
		dyn_entry(&b, DT_GNU_HASH)->d_tag = DT_DEBUG;
	switch (what) {
	case 0:
		h[1] = 0xffffffffu; /* nchain: the dynamic symbol count */
		break;
	case 1:
		h[0] = 0xffffffffu;
		break;
	case 2: /* a chain that loops: every entry points to itself */
		for (size_t k = 2 + h[0]; k < words; k++)
			h[k] = (uint32_t)(k - 2 - h[0]);
		break;
	}
	emit_both(&b, "hash-", name);
	drop(&b);
}

static void
dynamic_cases(const struct buf *s, const struct buf *hashboth)
{
	static const uint64_t wild[] = { 0, 0x1000, 0x7fffffffffffull,
					 UINT64_MAX - 7 };
	char name[64];

	for (size_t k = 0; k < sizeof(wild) / sizeof(wild[0]); k++) {
		snprintf(name, sizeof(name), "strtab-wild-%zu", k);
		dynamic_case(s, name, DT_STRTAB, wild[k]);
		snprintf(name, sizeof(name), "symtab-wild-%zu", k);
		dynamic_case(s, name, DT_SYMTAB, wild[k]);
		snprintf(name, sizeof(name), "gnu-hash-wild-%zu", k);
		dynamic_case(s, name, DT_GNU_HASH, wild[k]);
		snprintf(name, sizeof(name), "versym-wild-%zu", k);
		dynamic_case(s, name, DT_VERSYM, wild[k]);
	}
	dynamic_case(s, "strsz-huge", DT_STRSZ, UINT64_MAX);
	dynamic_case(s, "strsz-0", DT_STRSZ, 0);
	dynamic_case(s, "syment-0", DT_SYMENT, 0);
	dynamic_case(s, "syment-1", DT_SYMENT, 1);
	dynamic_case(s, "symtab-is-strtab", DT_SYMTAB,
		     dyn_entry((struct buf *)s, DT_STRTAB) ?
		     dyn_entry((struct buf *)s, DT_STRTAB)->d_un.d_val : 0);
	gnu_hash_case(s, "chain-loop", 0);
	gnu_hash_case(s, "nbuckets-huge", 1);
	gnu_hash_case(s, "bloom-huge", 2);
	gnu_hash_case(s, "symoffset-huge", 3);
	gnu_hash_case(s, "bucket-huge", 4);
	gnu_hash_case(s, "nbuckets-0", 5);
	gnu_hash_case(s, "bloom-shift-200", 6);
	if (hashboth) {
		sysv_hash_case(hashboth, "nchain-huge", 0);
		sysv_hash_case(hashboth, "nbucket-huge", 1);
		sysv_hash_case(hashboth, "chain-loop", 2);
		dynamic_case(hashboth, "hash-wild", DT_HASH, 0x7fffffffffffull);
	}
}

/* SHF_COMPRESSED debug sections (seed built with -gz=zlib). */
static void
compressed_cases(const struct buf *gz)
{
	static const char *const secs[] = { ".debug_info", ".debug_abbrev",
					    ".debug_line", ".debug_str" };
	char name[128];

	for (size_t t = 0; t < sizeof(secs) / sizeof(secs[0]); t++) {
		size_t i = sec_by_name(gz, secs[t]);

		if (!i || !(sh(gz, i)->sh_flags & SHF_COMPRESSED) ||
		    sh(gz, i)->sh_size < sizeof(Elf64_Chdr) + 2)
			continue;
		for (int v = 0; v < 10; v++) {
			struct buf b = copy(gz);
			Elf64_Shdr *s = sh(&b, i);
			Elf64_Chdr *c = (Elf64_Chdr *)sec_data(&b, i);
			const char *tag = "";

			switch (v) {
			case 0: c->ch_size = 1ull << 32; tag = "chsize-4g"; break;
			case 1: c->ch_size = 1ull << 63; tag = "chsize-2e63"; break;
			case 2: c->ch_size = UINT64_MAX; tag = "chsize-max"; break;
			case 3: c->ch_size = 0; tag = "chsize-0"; break;
			case 4:
				s->sh_size = sizeof(*c) + (s->sh_size - sizeof(*c)) / 2;
				tag = "zlib-truncated";
				break;
			case 5:
				memset(c + 1, 0x5a, s->sh_size - sizeof(*c));
				tag = "zlib-garbage";
				break;
			case 6: c->ch_type = 2; tag = "chtype-zstd"; break;
			case 7: c->ch_type = 77; tag = "chtype-bogus"; break;
			case 8: s->sh_size = sizeof(*c) - 4; tag = "chdr-truncated"; break;
			case 9: c->ch_addralign = 3; tag = "chalign-3"; break;
			}
			snprintf(name, sizeof(name), "gz%s-%s", secs[t], tag);
			emitf(&b, "%s", name);
			drop(&b);
		}
	}
}

/* .gnu_debuglink contents: NAME, NUL, padding to 4, CRC32. */
static void
debuglink_case(const struct buf *s, const char *name, const char *link,
	       size_t linklen, int with_crc)
{
	unsigned char data[512] = { 0 };
	size_t n = linklen;
	struct buf b;

	if (n > 400)
		die("debuglink too long");
	memcpy(data, link, linklen);
	if (with_crc) {
		n = (n + 1 + 3) & ~(size_t)3;
		memset(data + n, 0x5a, 4);
		n += 4;
	}
	b = add_section(s, ".gnu_debuglink", SHT_PROGBITS, data, n);
	emitf(&b, "debuglink-%s", name);
	drop(&b);
}

static void
debuglink_cases(const struct buf *s)
{
	char longname[300];

	debuglink_case(s, "dotdot-etc-passwd", "../../etc/passwd", 16, 1);
	debuglink_case(s, "abs-etc-passwd", "/etc/passwd", 11, 1);
	debuglink_case(s, "dotdot", "..", 2, 1);
	debuglink_case(s, "dot", ".", 1, 1);
	debuglink_case(s, "empty", "", 0, 1);
	debuglink_case(s, "subdir", "sub/x.debug", 11, 1);
	debuglink_case(s, "dev-zero", "../../../../../../dev/zero", 26, 1);
	debuglink_case(s, "proc-self-mem", "/proc/self/mem", 14, 1);
	debuglink_case(s, "self", "ok-base", 7, 1);
	debuglink_case(s, "no-crc", "x.debug", 7, 0);
	memset(longname, 'A', sizeof(longname));
	debuglink_case(s, "long-no-nul", longname, sizeof(longname), 0);
	debuglink_case(s, "name-max", longname, 255, 1);
}

/* .note.gnu.build-id: namesz, descsz, type, "GNU\0", desc. */
static void
buildid_cases(const struct buf *s, const char *hex)
{
	size_t i = sec_by_name(s, ".note.gnu.build-id");
	struct buf b;
	uint32_t *n;

	if (!i || sh(s, i)->sh_size < 16 + 20)
		return;
#define CASE(name, stmt)                                          \
	do {                                                      \
		b = copy(s);                                      \
		n = (uint32_t *)sec_data(&b, i);                  \
		stmt;                                             \
		emit_both(&b, "", name);                          \
		drop(&b);                                         \
	} while (0)
	CASE("buildid-descsz-0", n[1] = 0);
	CASE("buildid-descsz-1", n[1] = 1);
	CASE("buildid-descsz-huge", n[1] = 0xfffffff0u);
	CASE("buildid-namesz-huge", n[0] = 0xfffffff0u);
	CASE("buildid-namesz-0", n[0] = 0);
	CASE("buildid-slashes", memcpy(n + 4, "/../../etc/passwd\0\0\0", 20));
	CASE("buildid-all-slash", memset(n + 4, '/', n[1]));
	CASE("buildid-type-bogus", n[2] = 0x1234);
	n = (uint32_t *)sec_data(s, i);
	if (hex && strlen(hex) == 2 * (size_t)n[1]) {
		/* The build-id of a debug file installed for something else. */
		CASE("buildid-foreign", for (size_t k = 0; k < n[1]; k++) {
			unsigned v;
			sscanf(hex + 2 * k, "%2x", &v);
			((unsigned char *)(n + 4))[k] = (unsigned char)v;
		});
	}
#undef CASE
}

/* Hand-built ELF headers of other classes, byte orders and machines. */
static const struct {
	int is64, msb;
	uint16_t machine;
	const char *name;
} synth_rows[] = {
	{ 1, 0, EM_X86_64, "ok-synth-64-lsb" },
	{ 1, 1, EM_X86_64, "synth-64-msb" },
	{ 0, 0, EM_386, "synth-32-lsb" },
	{ 0, 1, EM_PPC, "synth-32-msb" },
	{ 1, 0, EM_AARCH64, "synth-64-aarch64" },
	{ 1, 1, EM_S390, "synth-64-msb-s390" },
	{ 0, 0, EM_X86_64, "synth-32-x86_64" },
};

/* Section-count bombs: counts far beyond what a 4 KiB file can hold. */
static const struct {
	uint16_t shnum;
	uint64_t ext_count;
	uint16_t shstrndx;
	uint32_t ext_link;
	const char *name;
} bomb_rows[] = {
	{ 0xfeff, 0, 1, 0, "bomb-feff-sections-in-4k" },
	{ 0, 65535, 1, 0, "bomb-65535-ext-sections-in-4k" },
	{ 0, 0xffffffffull, SHN_XINDEX, 65534, "bomb-2e32-ext-sections-in-4k" },
	{ 0, 1ull << 60, SHN_XINDEX, 0xffffffffu, "bomb-2e60-ext-sections-in-4k" },
};

static void
synthetic_cases(void)
{
	struct buf b;
	size_t i;

	for (i = 0; i < sizeof(synth_rows) / sizeof(synth_rows[0]); i++) {
		b = synth(synth_rows[i].is64, synth_rows[i].msb,
			  synth_rows[i].machine);
		emitf(&b, "%s", synth_rows[i].name);
		drop(&b);
	}
	for (i = 0; i < sizeof(bomb_rows) / sizeof(bomb_rows[0]); i++) {
		b = section_bomb(bomb_rows[i].shnum, bomb_rows[i].ext_count,
				 bomb_rows[i].shstrndx, bomb_rows[i].ext_link);
		emitf(&b, "%s", bomb_rows[i].name);
		drop(&b);
	}
}

int
main(int argc, char **argv)
{
	struct buf base, gz = { 0 }, hb = { 0 };
	const char *hex = NULL;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: %s OUTDIR BASE [GZ|- [HASHBOTH|- "
				"[BUILDID_HEX]]]\n", argv[0]);
		return 2;
	}
	outdir = argv[1];
	base = load(argv[2]);
	check_seed(&base, argv[2]);
	if (argc > 3 && strcmp(argv[3], "-") != 0) {
		gz = load(argv[3]);
		check_seed(&gz, argv[3]);
	}
	if (argc > 4 && strcmp(argv[4], "-") != 0) {
		hb = load(argv[4]);
		check_seed(&hb, argv[4]);
	}
	if (argc > 5 && argv[5][0])
		hex = argv[5];

	truncations(&base);
	header_cases(&base);
	section_cases(&base);
	segment_cases(&base);
	dynamic_cases(&base, hb.p ? &hb : NULL);
	if (gz.p)
		compressed_cases(&gz);
	debuglink_cases(&base);
	buildid_cases(&base, hex);
	synthetic_cases();
	printf("gen-elf-corpus: %u files in %s\n", nfiles, outdir);
	drop(&base);
	drop(&gz);
	drop(&hb);
	return 0;
}
