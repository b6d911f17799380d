/* SPDX-License-Identifier: MIT */
/*
 * sysnames.c: x86_64 syscall numbers and names.
 *
 * The table itself is generated at build time from the kernel's
 * asm/unistd_64.h by scripts/gen-syscalls.sh (build/gen/syscall_table.h),
 * so it always matches the headers the library was built against. Besides
 * the two public lookups, this file helps the library explain a miss: close
 * names for a misspelt syscall, and a note for the syscalls glibc replaces
 * with another one (a hook on "open" never fires for glibc's open(), which
 * calls openat).
 */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/internal.h"
#include "names/names.h"
#include "syscall_table.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

SNARE_EXPORT const char *
snare_syscall_name(long nr)
{
	if (nr < 0 || nr >= SNARE__SYSCALL_COUNT)
		return NULL;
	return snare__syscall_names[nr];
}

SNARE_EXPORT long
snare_syscall_nr(const char *name)
{
	long nr;

	if (!name)
		return -EINVAL;
	for (nr = 0; nr < SNARE__SYSCALL_COUNT; nr++) {
		if (snare__syscall_names[nr] &&
		    strcmp(snare__syscall_names[nr], name) == 0)
			return nr;
	}
	return -ENOENT;
}

SNARE_EXPORT long
snare_syscall_count(void)
{
	return SNARE__SYSCALL_COUNT;
}

/*
 * Suggestions. A candidate is ranked by the smaller of two scores:
 * 2 * d, where d is the optimal-string-alignment distance (Damerau-
 * Levenshtein without repeated edits of one substring) between the typed
 * name and the candidate, and 2 * p + 1, where p is the distance between the
 * typed name and the closest prefix of the candidate ("opn" is 1 away from
 * "ope", a prefix of "openat"); a candidate containing the typed name
 * ("sigaction" in "rt_sigaction") ranks as 3. Ties go to the candidate whose
 * length is closest, then to the alphabetically first, so the answer is
 * stable. The C library names in libc_hints rank first of all.
 */
#define SUGGEST_MAX 3
#define SUGGEST_NAME_MAX 64 /* longer input is not a misspelt syscall */

/*
 * C library functions that people take for syscalls, with the x86_64
 * syscall glibc 2.36 issues for them (checked with strace; the non-rt signal
 * syscalls do not exist on x86_64, and glibc's umount() calls umount2).
 */
static const struct libc_hint {
	const char *function;
	const char *syscall;
} libc_hints[] = {
	{ "wait", "wait4" },
	{ "waitpid", "wait4" },
	{ "signal", "rt_sigaction" },
	{ "sigaction", "rt_sigaction" },
	{ "sigprocmask", "rt_sigprocmask" },
	{ "sigreturn", "rt_sigreturn" },
	{ "sigsuspend", "rt_sigsuspend" },
	{ "sigpending", "rt_sigpending" },
	{ "sigtimedwait", "rt_sigtimedwait" },
	{ "sigwaitinfo", "rt_sigtimedwait" },
	{ "raise", "tgkill" },
	{ "sleep", "clock_nanosleep" },
	{ "usleep", "clock_nanosleep" },
	{ "fopen", "openat" },
	{ "opendir", "openat" },
	{ "readdir", "getdents64" },
	{ "fstatat", "newfstatat" },
	{ "stat64", "newfstatat" },
	{ "lstat64", "newfstatat" },
	{ "fstat64", "newfstatat" },
	{ "fstatat64", "newfstatat" },
	{ "mkfifo", "mknodat" },
	{ "umount", "umount2" },
	{ "pthread_create", "clone3" },
};

struct suggestion {
	unsigned rank;
	size_t len_diff;
	const char *name;
};

static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
ascii_eq_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower(*a) != ascii_lower(*b))
			return 0;
	return *a == *b;
}

/* Does hay contain needle, ignoring ASCII case? */
static int
ascii_contains(const char *hay, const char *needle, size_t needle_len)
{
	size_t i, j, n = strlen(hay);

	for (i = 0; i + needle_len <= n; i++) {
		for (j = 0; j < needle_len; j++)
			if (ascii_lower(hay[i + j]) != ascii_lower(needle[j]))
				break;
		if (j == needle_len)
			return 1;
	}
	return 0;
}

static unsigned
min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Edit distances between typed (m chars) and cand (n chars), both at most
 * SUGGEST_NAME_MAX long: *full to the whole candidate, *prefix to the
 * closest prefix of it. Comparison ignores ASCII case. Rows are indexed by
 * typed, so the last row holds the distance to every prefix of cand.
 */
static void
edit_distances(unsigned *full, unsigned *prefix, const char *typed, size_t m,
	       const char *cand, size_t n)
{
	unsigned rows[3][SUGGEST_NAME_MAX + 1];
	unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *tmp;
	unsigned best;
	size_t i, j;

	for (j = 0; j <= n; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= m; i++) {
		char a = ascii_lower(typed[i - 1]);

		cur[0] = (unsigned)i;
		for (j = 1; j <= n; j++) {
			char b = ascii_lower(cand[j - 1]);
			unsigned cost = a == b ? 0 : 1;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
				      prev[j - 1] + cost);
			if (i > 1 && j > 1 && a == ascii_lower(cand[j - 2]) &&
			    ascii_lower(typed[i - 2]) == b &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	/* prev is now the last row: distances from typed to cand[0..j). */
	*full = prev[n];
	best = prev[n];
	for (j = 0; j < n; j++)
		if (prev[j] < best)
			best = prev[j];
	*prefix = best;
}

/* Is a better than b? */
static int
suggestion_better(const struct suggestion *a, const struct suggestion *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	if (a->len_diff != b->len_diff)
		return a->len_diff < b->len_diff;
	return strcmp(a->name, b->name) < 0;
}

/* Insert s into the sorted list best[0..*n), keeping at most SUGGEST_MAX. */
static void
suggestion_insert(struct suggestion *best, size_t *n,
		  const struct suggestion *s)
{
	size_t i = *n;

	if (i == SUGGEST_MAX) {
		if (!suggestion_better(s, &best[SUGGEST_MAX - 1]))
			return;
		i--;
	} else {
		(*n)++;
	}
	while (i > 0 && suggestion_better(s, &best[i - 1])) {
		best[i] = best[i - 1];
		i--;
	}
	best[i] = *s;
}

size_t
snare__syscall_suggest(char *buf, size_t cap, const char *name)
{
	struct suggestion best[SUGGEST_MAX];
	size_t nbest = 0, written = 0, used = 0, m, i;
	/* Short names tolerate fewer edits, or everything would match. */
	unsigned max_full, max_prefix;
	long nr;

	if (cap > 0)
		buf[0] = '\0';
	if (!name)
		goto out;
	m = strlen(name);
	if (m == 0 || m > SUGGEST_NAME_MAX)
		goto out;
	max_full = m <= 2 ? 1 : 2;
	max_prefix = m >= 3 ? 1 : 0;

	for (nr = 0; nr < SNARE__SYSCALL_COUNT; nr++) {
		const char *cand = snare__syscall_names[nr];
		struct suggestion s;
		unsigned full, prefix, rank = ~0u;
		size_t n;

		if (!cand)
			continue;
		n = strlen(cand);
		if (n > SUGGEST_NAME_MAX)
			continue;
		edit_distances(&full, &prefix, name, m, cand, n);
		if (full <= max_full)
			rank = 2 * full;
		/* A prefix match needs more of the name typed than the
		   candidate leaves out: "o" is no hint at "openat". */
		if (m >= 3 && prefix <= max_prefix && 2 * prefix + 1 < rank)
			rank = 2 * prefix + 1;
		if (m >= 4 && rank > 3 && ascii_contains(cand, name, m))
			rank = 3;
		for (i = 0; i < ARRAY_SIZE(libc_hints); i++) {
			if (ascii_eq_nocase(libc_hints[i].function, name) &&
			    strcmp(libc_hints[i].syscall, cand) == 0)
				rank = 0;
		}
		if (rank == ~0u)
			continue;
		s.rank = rank;
		s.len_diff = n > m ? n - m : m - n;
		s.name = cand;
		suggestion_insert(best, &nbest, &s);
	}

	for (i = 0; i < nbest; i++) {
		const char *sep = written ? ", " : "";
		size_t need = strlen(sep) + strlen(best[i].name);

		if (used + need + 1 > cap)
			break;
		memcpy(buf + used, sep, strlen(sep));
		memcpy(buf + used + strlen(sep), best[i].name,
		       strlen(best[i].name));
		used += need;
		buf[used] = '\0';
		written++;
	}
out:
	return written;
}

/*
 * Syscalls that glibc 2.36 on x86_64 does not issue from the function of the
 * same name, checked with strace on Debian 12 (a program calling each
 * function): a hook on the left-hand syscall never fires for those calls.
 * Functions that issue their own syscall (poll, dup2, epoll_wait, access,
 * creat, rename, inotify_init ...) have no note. The clock ones run in the
 * vDSO (see vdso(7)) and only enter the kernel as a fallback.
 */
static const char *const syscall_notes[] = {
	[SYS_open] = "glibc's open(), fopen() and opendir() call openat",
	[SYS_stat] = "glibc's stat() calls newfstatat",
	[SYS_lstat] = "glibc's lstat() calls newfstatat",
	[SYS_fstat] = "glibc's fstat() calls newfstatat with AT_EMPTY_PATH",
	[SYS_nanosleep] =
		"glibc's nanosleep(), sleep() and usleep() call clock_nanosleep",
	[SYS_fork] = "glibc's fork() calls clone",
	[SYS_clone] = "glibc's pthread_create() and posix_spawn() call clone3",
	[SYS_select] = "glibc's select() calls pselect6",
	[SYS_getdents] = "glibc's readdir() calls getdents64",
	[SYS_pipe] = "glibc's pipe() calls pipe2",
	[SYS_eventfd] = "glibc's eventfd() calls eventfd2",
	[SYS_signalfd] = "glibc's signalfd() calls signalfd4",
	[SYS_utime] = "glibc's utime() calls utimensat",
	[SYS_utimes] = "glibc's utimes() calls utimensat",
	[SYS_mknod] = "glibc's mknod() and mkfifo() call mknodat",
	[SYS_getrlimit] = "glibc's getrlimit() calls prlimit64",
	[SYS_setrlimit] = "glibc's setrlimit() calls prlimit64",
	[SYS_tkill] = "glibc's raise() and pthread_kill() call tgkill",
	[SYS_exit] = "glibc's exit() and _exit() call exit_group; "
		     "exit ends only the calling thread",
	[SYS_time] = "glibc's time() usually reads the vDSO, without a syscall",
	[SYS_gettimeofday] = "glibc's gettimeofday() usually reads the vDSO, "
			     "without a syscall",
	[SYS_clock_gettime] = "glibc's clock_gettime() usually reads the vDSO, "
			      "without a syscall (not for CPU-time clocks)",
	[SYS_getcpu] = "glibc's sched_getcpu() usually reads rseq or the "
		       "vDSO, without a syscall",
};

const char *
snare__syscall_note(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(syscall_notes))
		return NULL;
	return syscall_notes[nr];
}
