/* SPDX-License-Identifier: MIT */
/*
 * corpus_check: run every file of the hostile ELF corpus (and the inputs
 * that cannot be files in a corpus: a directory, a FIFO, /proc/self/mem,
 * devices, a sparse 1 TB file, FIFOs where debug files are looked for)
 * through snare_symtab_open_elf() and the lookups, each in a child process
 * with a time bound (PTRACE-NOTES 4.5). Each case must end in a clean
 * error or a result: no crash, hang or huge allocation, and only the error
 * codes snare.h documents.
 *
 *   corpus_check [-v] [-t SECONDS] [--specials] PATH...
 *
 * A PATH that is a directory is checked file by file (not recursively).
 * Files named "ok-*" must open. Exit status 0 when every case passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "snare.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
/* A huge allocation is a failure: ASan reports it with its stack. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "max_allocation_size_mb=1024:allocator_may_return_null=0";
}
#endif

static int verbose;
static unsigned timeout_s = 20;
static unsigned n_ok, n_fail;

/* The error codes snare.h documents for these calls. */
static bool
documented(int rc, int also)
{
	return rc == 0 || rc == -ENOENT || rc == -EACCES || rc == -EINVAL ||
	       rc == -ENOEXEC || rc == -ENOMEM || (also && rc == also);
}

#define BAD(...)                                         \
	do {                                             \
		fprintf(stderr, "corpus_check: %s: ", name); \
		fprintf(stderr, __VA_ARGS__);            \
		fputc('\n', stderr);                     \
		bad = 1;                                 \
	} while (0)

/* The lookups, in the child. Returns the exit status. */
static int
exercise(const char *path, const char *name, bool must_open)
{
	static const char *const locs[] = {
		"main", "ns::f(int)", "_ZN2ns1fEi", "helper", "counter",
		"tls_var", "mycrate::foo", "base.c:20", "base.c:1",
		"0x1000", "main+0x10",
	};
	static const uint64_t addrs[] = { 0, 1, 0x1000, 0x1139, 0x400000,
					  0x401000, UINT64_MAX };
	char buf[256], file[256], where[300];
	snare_symtab *st = NULL;
	uint64_t a = 0, b = 0;
	int rc, line, bad = 0;
	const char *slash = strrchr(path, '/');

	rc = snare_symtab_open_elf(&st, path);
	if (verbose)
		printf("%-48s open %d%s%s\n", name, rc, rc ? " " : "",
		       rc ? snare_strerror(rc) : "");
	if (!documented(rc, 0))
		BAD("snare_symtab_open_elf: undocumented error %d (%s)", rc,
		    snare_strerror(rc));
	if (rc == 0 && !st)
		BAD("snare_symtab_open_elf: 0 without a symtab");
	if (rc < 0 && st)
		BAD("snare_symtab_open_elf: a symtab with error %d", rc);
	if (must_open && rc < 0)
		BAD("a valid seed did not open: %s", snare_strerror(rc));
	if (rc < 0)
		return bad;
	for (size_t i = 0; i < sizeof(locs) / sizeof(locs[0]); i++) {
		rc = snare_symtab_resolve(&a, st, locs[i]);
		if (!documented(rc, 0))
			BAD("resolve '%s': undocumented error %d", locs[i], rc);
		if (snare_symtab_errmsg(st) == NULL)
			BAD("errmsg NULL");
		if (rc < 0)
			continue;
		rc = snare_symtab_symbolize(buf, sizeof(buf), st, a);
		if (rc != 0 && rc != -ENOENT && rc != -ERANGE)
			BAD("symbolize 0x%" PRIx64 ": error %d", a, rc);
		if (memchr(buf, '\0', sizeof(buf)) == NULL)
			BAD("symbolize: unterminated");
		/* What symbolize gives must resolve back (to some address). */
		rc = snare_symtab_resolve(&b, st, buf);
		if (!documented(rc, 0))
			BAD("resolve back '%s': error %d", buf, rc);
		rc = snare_symtab_addr_line(file, sizeof(file), &line, st, a);
		if (rc != 0 && rc != -ENOENT && rc != -ERANGE)
			BAD("addr_line 0x%" PRIx64 ": error %d", a, rc);
		if (verbose)
			printf("  %-22s 0x%" PRIx64 " %s %s:%d\n", locs[i], a,
			       buf, rc == 0 ? file : "-", rc == 0 ? line : 0);
	}
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		rc = snare_symtab_symbolize(buf, sizeof(buf), st, addrs[i]);
		if (rc != 0 && rc != -ENOENT && rc != -ERANGE)
			BAD("symbolize 0x%" PRIx64 ": error %d", addrs[i], rc);
		rc = snare_symtab_symbolize(buf, 4, st, addrs[i]);
		if (rc != 0 && rc != -ENOENT && rc != -ERANGE)
			BAD("symbolize cap 4: error %d", rc);
		rc = snare_symtab_addr_line(file, 8, &line, st, addrs[i]);
		if (rc != 0 && rc != -ENOENT && rc != -ERANGE)
			BAD("addr_line 0x%" PRIx64 ": error %d", addrs[i], rc);
	}
	/* FILE@0xVADDR and LIB:SYM name the file by its basename. */
	snprintf(where, sizeof(where), "%s@0x1139", slash ? slash + 1 : path);
	rc = snare_symtab_resolve(&a, st, where);
	if (!documented(rc, 0))
		BAD("resolve '%s': error %d", where, rc);
	snprintf(where, sizeof(where), "%s:main", slash ? slash + 1 : path);
	rc = snare_symtab_resolve(&a, st, where);
	if (!documented(rc, 0))
		BAD("resolve '%s': error %d", where, rc);
	if (snare_symtab_refresh(st) != -EINVAL)
		BAD("refresh on an ELF symtab is not -EINVAL");
	snare_symtab_free(st);
	rc = snare_elf_symbol(&a, path, "main");
	if (!documented(rc, 0))
		BAD("snare_elf_symbol: error %d", rc);
	return bad;
}

/*
 * Files are checked in batches, one child process per batch (a fork per
 * file is slow under ASan): the child notes in shared memory which file it
 * is on, with a fresh alarm for each. When the child dies, the file it was
 * on failed, and a new child goes on with the next one.
 */
struct progress {
	volatile size_t cur;    /* the file being checked */
	volatile size_t done;   /* files finished */
	volatile int bad;       /* files that failed a check */
};

static struct progress *prog;

static void
child(char *const *paths, char *const *names, size_t n, size_t from)
{
	struct timespec t0, t1;

#ifndef UNDER_ASAN
	/* Without ASan, a huge allocation fails: it must fail cleanly. */
	struct rlimit rl = { 1ul << 30, 1ul << 30 };

	setrlimit(RLIMIT_AS, &rl);
#endif
	for (size_t i = from; i < n; i++) {
		const char *b = strrchr(names[i], '/');

		b = b ? b + 1 : names[i];
		prog->cur = i;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		alarm(timeout_s);
		if (exercise(paths[i], names[i], strncmp(b, "ok-", 3) == 0))
			prog->bad++;
		alarm(0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (verbose)
			printf("%-48s done %.3f s\n", names[i],
			       (double)(t1.tv_sec - t0.tv_sec) +
				       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		prog->done = i + 1;
	}
	fflush(stdout);
	exit(0);
}

static void
run_batch(char *const *paths, char *const *names, size_t n)
{
	size_t from = 0;
	pid_t pid;
	int status;

	if (!prog) {
		prog = mmap(NULL, sizeof(*prog), PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (prog == MAP_FAILED) {
			perror("mmap");
			exit(2);
		}
	}
	while (from < n) {
		prog->cur = from;
		prog->done = from;
		prog->bad = 0;
		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(2);
		}
		if (pid == 0)
			child(paths, names, n, from);
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				perror("waitpid");
				exit(2);
			}
		}
		n_fail += (unsigned)prog->bad;
		n_ok += (unsigned)(prog->done - from) - (unsigned)prog->bad;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			return;
		if (prog->done == n) {
			/* All checked: a leak report at exit. */
			fprintf(stderr, "FAIL batch ending with %s: exit status "
				"%d (a leak?)\n", names[n - 1],
				WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			n_fail++;
			return;
		}
		n_fail++;
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			fprintf(stderr, "FAIL %s: hang (over %u s)\n",
				names[prog->cur], timeout_s);
		else if (WIFSIGNALED(status))
			fprintf(stderr, "FAIL %s: killed by signal %d (%s)\n",
				names[prog->cur], WTERMSIG(status),
				strsignal(WTERMSIG(status)));
		else
			fprintf(stderr, "FAIL %s: exit status %d\n",
				names[prog->cur], WEXITSTATUS(status));
		from = prog->cur + 1;
	}
}

static void
run_case(const char *path, const char *name)
{
	char *p = (char *)path, *nm = (char *)name;

	run_batch(&p, &nm, 1);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
check_dir(const char *dir)
{
	char **names = NULL, **paths;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		perror(dir);
		exit(2);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "stamp") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				exit(2);
		}
		names[n] = strdup(e->d_name);
		if (!names[n])
			exit(2);
		n++;
	}
	closedir(d);
	if (!n) {
		free(names);
		return;
	}
	qsort(names, n, sizeof(*names), name_cmp);
	paths = calloc(n, sizeof(*paths));
	if (!paths)
		exit(2);
	for (size_t i = 0; i < n; i++)
		if (asprintf(&paths[i], "%s/%s", dir, names[i]) < 0)
			exit(2);
	run_batch(paths, names, n);
	for (size_t i = 0; i < n; i++) {
		free(paths[i]);
		free(names[i]);
	}
	free(paths);
	free(names);
}

/* An expected error for a non-file input, opened without a child. */
static void
expect_err(const char *path, const char *name, int want)
{
	snare_symtab *st = NULL;
	uint64_t a;
	int rc;

	run_case(path, name);
	rc = snare_symtab_open_elf(&st, path);
	if (rc != want) {
		fprintf(stderr, "FAIL %s: open gave %d (%s), want %d (%s)\n",
			name, rc, snare_strerror(rc), want, snare_strerror(want));
		n_fail++;
	}
	snare_symtab_free(st);
	rc = snare_elf_symbol(&a, path, "main");
	if (rc != want) {
		fprintf(stderr, "FAIL %s: snare_elf_symbol gave %d, want %d\n",
			name, rc, want);
		n_fail++;
	}
}

static int
copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY | O_CLOEXEC), out;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	close(in);
	close(out);
	return n == 0 ? 0 : -1;
}

/*
 * The inputs that are not regular files, and regular files whose debug
 * files are FIFOs (libdwfl opens candidates blocking: a FIFO there would
 * hang the search). seed: an "ok-base" to copy, or NULL.
 */
static void
specials(const char *seed)
{
	char tmpl[] = "/tmp/snare-corpus-XXXXXX", p[4200], q[4200];
	const char *dir = mkdtemp(tmpl);
	int fd;

	if (!dir) {
		perror("mkdtemp");
		exit(2);
	}
	expect_err(dir, "special-directory", -EINVAL);
	snprintf(p, sizeof(p), "%s/fifo", dir);
	if (mkfifo(p, 0600) == 0)
		expect_err(p, "special-fifo", -EINVAL);
	snprintf(q, sizeof(q), "%s/link-to-fifo", dir);
	if (symlink(p, q) == 0)
		expect_err(q, "special-symlink-to-fifo", -EINVAL);
	expect_err("/dev/zero", "special-dev-zero", -EINVAL);
	expect_err("/dev/null", "special-dev-null", -EINVAL);
	expect_err("/proc/self/mem", "special-proc-self-mem", -ENOEXEC);
	expect_err("/proc/self/maps", "special-proc-self-maps", -ENOEXEC);
	snprintf(p, sizeof(p), "%s/missing", dir);
	expect_err(p, "special-missing", -ENOENT);
	expect_err("", "special-empty-path", -EINVAL);
	/* A sparse 1 TB file of zeros, and one that starts as an ELF. */
	snprintf(p, sizeof(p), "%s/sparse-1tb", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && ftruncate(fd, 1ll << 40) == 0) {
		close(fd);
		expect_err(p, "special-sparse-1tb-zeros", -ENOEXEC);
	} else if (fd >= 0) {
		close(fd);
	}
	if (seed) {
		snprintf(p, sizeof(p), "%s/sparse-elf-1tb", dir);
		if (copy_file(seed, p) == 0 && truncate(p, 1ll << 40) == 0)
			run_case(p, "ok-special-sparse-elf-1tb");
		unlink(p);
		/*
		 * Debug files by name next to the file and under .debug/:
		 * FIFOs, a directory. libdwfl looks for NAME.debug there.
		 */
		snprintf(p, sizeof(p), "%s/victim", dir);
		if (copy_file(seed, p) == 0) {
			snprintf(q, sizeof(q), "%s/victim.debug", dir);
			mkfifo(q, 0600);
			snprintf(q, sizeof(q), "%s/.debug", dir);
			mkdir(q, 0700);
			snprintf(q, sizeof(q), "%s/.debug/victim.debug", dir);
			mkfifo(q, 0600);
			run_case(p, "ok-special-debug-file-fifo");
			snprintf(q, sizeof(q), "%s/victim.debug", dir);
			unlink(q);
			mkdir(q, 0700);
			run_case(p, "ok-special-debug-file-dir");
			rmdir(q);
			snprintf(q, sizeof(q), "%s/.debug/victim.debug", dir);
			unlink(q);
			snprintf(q, sizeof(q), "%s/.debug", dir);
			rmdir(q);
			/* A #! script named like an ELF's debug file. */
			snprintf(q, sizeof(q), "%s/victim.debug", dir);
			fd = open(q, O_WRONLY | O_CREAT | O_TRUNC, 0700);
			if (fd >= 0) {
				if (write(fd, "#!/bin/sh\n", 10) != 10)
					n_fail++;
				close(fd);
			}
			run_case(p, "ok-special-debug-file-script");
			unlink(q);
			unlink(p);
		}
	}
	snprintf(p, sizeof(p), "%s/sparse-1tb", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/link-to-fifo", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/fifo", dir);
	unlink(p);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	bool do_specials = false;
	static char seed_path[4200];
	const char *seed = NULL;
	char path[4200];
	struct stat sb;
	int i;

	/* Never ask a debuginfod server from a test. */
	unsetenv("DEBUGINFOD_URLS");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			timeout_s = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--specials") == 0)
			do_specials = true;
		else {
			fprintf(stderr, "usage: %s [-v] [-t SECONDS] "
					"[--specials] PATH...\n", argv[0]);
			return 2;
		}
	}
	if (timeout_s == 0)
		timeout_s = 20;
	for (; i < argc; i++) {
		if (stat(argv[i], &sb) < 0) {
			perror(argv[i]);
			return 2;
		}
		if (S_ISDIR(sb.st_mode)) {
			snprintf(path, sizeof(path), "%s/ok-base", argv[i]);
			if (!seed && access(path, R_OK) == 0) {
				memcpy(seed_path, path, sizeof(path));
				seed = seed_path;
			}
			check_dir(argv[i]);
		} else {
			run_case(argv[i], argv[i]);
		}
	}
	if (do_specials)
		specials(seed);
	printf("corpus_check: %u passed, %u failed\n", n_ok, n_fail);
	fflush(stdout);
	return n_fail ? 1 : 0;
}
