/* SPDX-License-Identifier: MIT */
/*
 * gen_fuzz_seeds: the seed corpora of the fuzz targets whose inputs are
 * more than a file: the ELF corpus (scripts/gen-elf-corpus.sh's output)
 * with the headers of fuzz_elf_symbolize_live and fuzz_unwind in front
 * (biases, a fake stack of return addresses into the seed program), and
 * argument vectors for fuzz_cli_args. Generated, never downloaded.
 *
 *   gen_fuzz_seeds ELF_DIR OUT_DIR
 *
 * writes OUT_DIR/live, OUT_DIR/unwind and OUT_DIR/cli.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIE_BIAS 0x555555554000ull
#define LIB_BIAS 0x7ffff7dc0000ull
#define STACK 0x7ffffffde000ull

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = 2 * (b->len + n);
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_u64(struct buf *b, uint64_t v)
{
	uint8_t x[8];

	for (int i = 0; i < 8; i++)
		x[i] = (uint8_t)(v >> (8 * i));
	put(b, x, 8);
}

static void
put_u8(struct buf *b, uint8_t v)
{
	put(b, &v, 1);
}

static void
write_file(const char *dir, const char *name, const struct buf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

/* A seed's end, the same for both ELF targets: the ELF after the header
   b holds, written as NAME+TAG; b is freed. */
static void
finish_seed(const char *dir, const char *name, const char *tag,
	    struct buf *b, const uint8_t *elf, size_t len)
{
	char file[512];

	put(b, elf, len);
	snprintf(file, sizeof(file), "%s%s", name, tag);
	write_file(dir, file, b);
	free(b->p);
}

static uint8_t *
read_all(const char *path, size_t *len)
{
	struct stat sb;
	uint8_t *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > (64 << 20)) {
		close(fd);
		return NULL;
	}
	p = malloc((size_t)sb.st_size + 1);
	if (p && read(fd, p, (size_t)sb.st_size) != sb.st_size) {
		free(p);
		p = NULL;
	}
	close(fd);
	*len = (size_t)sb.st_size;
	return p;
}

/* What the seeds need to know of an ELF (zeros when it has no such). */
struct info {
	bool dyn;
	uint64_t entry, main, helper, nsf;
};

static void
elf_info(struct info *in, uint8_t *p, size_t len)
{
	Elf *elf = elf_memory((char *)p, len);
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;

	memset(in, 0, sizeof(*in));
	if (!elf)
		return;
	if (gelf_getehdr(elf, &eh)) {
		in->dyn = eh.e_type == ET_DYN;
		in->entry = eh.e_entry;
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB ||
		    !sh.sh_entsize)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *n;

			if (!gelf_getsym(d, (int)i, &s))
				break;
			n = elf_strptr(elf, sh.sh_link, s.st_name);
			if (!n)
				continue;
			if (!strcmp(n, "main"))
				in->main = s.st_value;
			else if (!strcmp(n, "helper"))
				in->helper = s.st_value;
			else if (!strcmp(n, "_ZN2ns1fEi"))
				in->nsf = s.st_value;
		}
	}
	elf_end(elf);
}

/* fuzz_elf_symbolize_live: see its header comment for the layout. */
static void
live_seed(const char *dir, const char *name, const char *tag,
	  const uint8_t *elf, size_t len, uint64_t bias, uint64_t probe,
	  uint8_t flags, const uint64_t (*raw)[4], size_t nraw)
{
	struct buf b = { 0 };

	put_u64(&b, bias);
	put_u64(&b, LIB_BIAS);
	put_u64(&b, probe);
	put_u8(&b, flags);
	put_u8(&b, (uint8_t)nraw);
	for (size_t i = 0; i < nraw; i++) {
		put_u64(&b, raw[i][0]);
		put_u64(&b, raw[i][1]);
		put_u64(&b, raw[i][2]);
		put_u8(&b, (uint8_t)raw[i][3]);
	}
	finish_seed(dir, name, tag, &b, elf, len);
}

/* fuzz_unwind: pc in a function, a stack of return addresses into main. */
static void
unwind_seed(const char *dir, const char *name, const char *tag,
	    const uint8_t *elf, size_t len, uint64_t bias, uint64_t pc,
	    uint64_t ret)
{
	struct buf b = { 0 };
	const unsigned words = 32;

	put_u64(&b, bias);
	put_u64(&b, pc);
	put_u64(&b, STACK);
	put_u64(&b, 16);    /* rbp = sp + 16: a frame pointer chain */
	put_u8(&b, 8);      /* depth */
	put_u8(&b, 0);      /* flags */
	put_u8(&b, (uint8_t)(words * 8));
	put_u8(&b, (uint8_t)((words * 8) >> 8));
	for (unsigned i = 0; i < words; i++) {
		/* Return addresses every other word, saved rbps between. */
		if (i % 2 == 0)
			put_u64(&b, bias + ret + 8 * i);
		else
			put_u64(&b, STACK + 16 * (i + 1));
	}
	finish_seed(dir, name, tag, &b, elf, len);
}

static void
elf_seeds(const char *out_live, const char *out_unwind, const char *path,
	  const char *name)
{
	/* start, end, offset, what (see fuzz_layout.h layout_raw_line). */
	static const uint64_t raw[][4] = {
		{ 0x7ffff7fc1000, 0x7ffff7fc3000, 0, 2 },     /* [vdso] */
		{ 0x7ffffffde000, 0x7ffffffff000, 0, 3 + 12 }, /* [stack] rw */
		{ 0x555555559000, 0x55555557a000, 0, 4 + 12 }, /* heap */
		{ PIE_BIAS, PIE_BIAS + 0x1000, 0, 5 },         /* (deleted) */
	};
	static const uint64_t overlap[][4] = {
		{ PIE_BIAS, PIE_BIAS + 0x3000, 0, 1 },  /* the library, over */
		{ PIE_BIAS + 0x1000, PIE_BIAS, 0x1000, 0 }, /* end < start */
		{ UINT64_MAX - 0xfff, UINT64_MAX, 0, 0 },
	};
	struct info in;
	uint64_t bias;
	size_t len = 0;
	uint8_t *p = read_all(path, &len);
	bool ok = strncmp(name, "ok-", 3) == 0;

	if (!p)
		return;
	elf_info(&in, p, len);
	bias = in.dyn ? PIE_BIAS : 0;
	live_seed(out_live, name, "", p, len, bias, in.entry, 3, NULL, 0);
	if (ok) {
		live_seed(out_live, name, "-main", p, len, bias, in.main, 3,
			  raw, 4);
		live_seed(out_live, name, "-noentry-exact", p, len, bias,
			  in.helper, 3 | 4 | 8, NULL, 0);
		live_seed(out_live, name, "-overlap", p, len, bias, in.nsf,
			  1 | 16, overlap, 3);
		live_seed(out_live, name, "-wrap", p, len, UINT64_MAX - 0xfff,
			  in.entry, 3, NULL, 0);
	}
	unwind_seed(out_unwind, name, "", p, len, bias, in.entry, in.main);
	if (ok) {
		if (in.nsf)
			unwind_seed(out_unwind, name, "-leaf", p, len, bias,
				    in.nsf + 1, in.main);
		if (in.helper)
			unwind_seed(out_unwind, name, "-helper", p, len, bias,
				    in.helper + 4, in.main);
		if (in.main)
			unwind_seed(out_unwind, name, "-main", p, len, bias,
				    in.main + 8, in.entry);
	}
	free(p);
}

/* Argument vectors of `snare trace`, NUL-separated. */
static void
cli_seeds(const char *dir)
{
#define VEC(s) { s, sizeof(s) - 1 }
	static const struct {
		const char *s;
		size_t len;
	} vecs[] = {
		VEC("-f\0--\0/bin/true"),
		VEC("-ff\0-o\0out\0-p\0" "1"),
		VEC("-c\0-e\0trace=open,%file,/^read\0ls"),
		VEC("-e\0trace=!none\0-e\0signal=!SIGCHLD,all\0-e\0"
		    "status=failed\0x"),
		VEC("-e\0inject=openat:error=ENOENT:when=2..4+2\0-e\0"
		    "inject=read:retval=0:signal=SIGUSR1\0prog"),
		VEC("-e\0inject=all:error=1:when=1+\0-qq\0-tt\0-T\0prog"),
		VEC("--json\0-C\0prog"),
		VEC("-s\0" "99999999999999999999\0prog"),
		VEC("-p\0" "1,2 3\0-p\0x"),
		VEC("-b\0libc.so.6:malloc\0--hw\0-k\0prog"),
		VEC("--trace=?nosuch,write\0--signal=none\0--status=!all\0prog"),
		VEC("-hf"),
		VEC("-V"),
		VEC("--no-such-option"),
		VEC("-e"),
		VEC("--output"),
		VEC("-xxyvnrzZw\0prog"),
		VEC("-e\0trace=/[\0prog"),
		VEC("-e\0bogus=1\0prog"),
	};
#undef VEC
	char name[32];

	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		struct buf b = { 0 };

		put(&b, vecs[i].s, vecs[i].len);
		snprintf(name, sizeof(name), "argv%zu", i);
		write_file(dir, name, &b);
		free(b.p);
	}
}

int
main(int argc, char **argv)
{
	char live[4096], unwind[4096], cli[4096], path[4096];
	struct dirent *e;
	DIR *d;

	if (argc != 3) {
		fprintf(stderr, "usage: %s ELF_DIR OUT_DIR\n", argv[0]);
		return 2;
	}
	if (elf_version(EV_CURRENT) == EV_NONE)
		return 1;
	snprintf(live, sizeof(live), "%s/live", argv[2]);
	snprintf(unwind, sizeof(unwind), "%s/unwind", argv[2]);
	snprintf(cli, sizeof(cli), "%s/cli", argv[2]);
	mkdir(argv[2], 0755);
	mkdir(live, 0755);
	mkdir(unwind, 0755);
	mkdir(cli, 0755);
	d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "stamp"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
		elf_seeds(live, unwind, path, e->d_name);
	}
	closedir(d);
	cli_seeds(cli);
	return 0;
}
