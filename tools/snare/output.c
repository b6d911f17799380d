/* SPDX-License-Identifier: MIT */
/*
 * output.c: where `snare trace` writes. One stream (stderr or -o FILE), or
 * with -ff -o FILE one file per thread, FILE.TID, as strace does. Each
 * stream counts the column of its current line, so the " = " of a result
 * lines up at column 40 like strace's. Also the JSON string escaper.
 *
 * Output files are created with the invoking user's rights (the CLI is
 * never setuid), O_NOFOLLOW so a planted symbolic link is not followed,
 * O_CLOEXEC so the tracee does not inherit them, mode 0644, truncated, or
 * with -A opened for appending (O_APPEND: each write lands at the end, as
 * strace -A does).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

struct out {
	FILE *f;
	pid_t tid;	/* -ff: the thread of this file; 0 for the shared one */
	size_t col;	/* characters on the current line */
	bool owned;	/* fclose at the end */
	bool piped;	/* -o '|cmd': pclose at the end */
	void *owner;	/* the thread whose line is open, or NULL */
	int tty;	/* a terminal or stderr: flush per line (-1: not known) */
	char *path;	/* -ff: FILE (for messages); NULL: the shared one */
	long long flushed_ms; /* last flush, CLOCK_MONOTONIC_COARSE */
	int flusher_errno; /* a write error met by the flusher thread, said
			      at the end (the stream has lost the data, and
			      its close succeeds) */
	struct out *next;
};

static struct out *outs;	/* -ff files */
static struct out shared_out;	/* the one stream otherwise */
static int write_errno;		/* the first write error, 0 if none */
/*
 * The flusher: a thread that writes out what the streams hold FLUSH_MS
 * after it was held, when no later line did (a program blocked in
 * read(2) must still show its "read(0" in tail -f). It only calls fflush,
 * which stdio locks against the tracer thread's writes; it never touches
 * the tracees (interrupting one would restart its syscall). The list of
 * -ff files is changed under the lock.
 */
#define FLUSH_MS 100

static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flush_cond = PTHREAD_COND_INITIALIZER;
static pthread_t flusher;
static bool flusher_on, flush_held, flusher_stop;

FILE *
out_create(const char *path, bool append)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
	int fd = open(path, flags | O_NOFOLLOW, 0644);
	FILE *f;

	/* /dev/stdout, /proc/self/fd/N and a shell's >(cmd) are links by
	   nature; a link elsewhere may be planted and is not followed. */
	if (fd < 0 && errno == ELOOP &&
	    (!strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6)))
		fd = open(path, flags, 0644);
	if (fd < 0) {
		if (errno == ELOOP)
			errmsg("can't open '%s': it is a symbolic link", path);
		else
			errmsg("can't open '%s': %s", path, strerror(errno));
		return NULL;
	}
	f = fdopen(fd, append ? "a" : "w");
	if (!f) {
		errmsg("can't open '%s': %s", path, strerror(errno));
		close(fd);
	}
	return f;
}

/* -o '|cmd' or -o '!cmd': the trace is piped to a shell command, as
   strace does; its exit is waited for when tracing ends. */
static FILE *
out_pipe(const char *cmd)
{
	FILE *f;

	fflush(NULL);
	f = popen(cmd, "we");
	if (!f)
		errmsg("can't run '%s': %s", cmd, strerror(errno));
	return f;
}

static struct out *
shared(const struct trace_opts *o)
{
	if (shared_out.f)
		return &shared_out;
	shared_out.tty = -1;
	if (o->outfile && (o->outfile[0] == '|' || o->outfile[0] == '!')) {
		shared_out.f = out_pipe(o->outfile + 1);
		if (!shared_out.f)
			return NULL;
		shared_out.owned = true;
		shared_out.piped = true;
	} else if (o->outfile) {
		shared_out.f = out_create(o->outfile, o->append);
		if (!shared_out.f)
			return NULL;
		shared_out.owned = true;
	} else {
		shared_out.f = stderr;
	}
	return &shared_out;
}

struct out *
out_open(const struct trace_opts *o, pid_t tid)
{
	struct out *f;
	char *path;

	if (o->follow < 2 || !o->outfile || tid <= 0)
		return shared(o);
	for (f = outs; f; f = f->next)
		if (f->tid == tid)
			return f;
	if (asprintf(&path, "%s.%d", o->outfile, (int)tid) < 0)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (f)
		f->f = out_create(path, o->append);
	if (!f || !f->f) {
		free(path);
		free(f);
		return NULL;
	}
	f->tid = tid;
	f->path = path;
	f->owned = true;
	f->tty = -1;
	pthread_mutex_lock(&flush_lock);
	f->next = outs;
	outs = f;
	pthread_mutex_unlock(&flush_lock);
	return f;
}

/*
 * A failed write is said once, as "snare: FILE: reason" on stderr, and
 * tracing goes on (strace keeps the program's status too). A reader that
 * went away (EPIPE: `snare trace ... 2>&1 | head`) ends tracing: the loop
 * is interrupted and snare dies of SIGPIPE as strace does.
 */
static void
out_failed(struct out *f, int err)
{
	const char *name = f->path ? f->path
			   : f->f == stderr ? "stderr"
			   : tr.o && tr.o->outfile ? tr.o->outfile : "output";

	if (write_errno)
		return;
	/* The error flag may come from a write elsewhere (a plain fprintf to
	   stderr) whose errno is gone: a pipe without a reader says so. */
	if (!err || err == EIO) {
		struct pollfd pfd = { .fd = fileno(f->f), .events = POLLOUT };

		if (pfd.fd >= 0 && poll(&pfd, 1, 0) == 1 &&
		    (pfd.revents & POLLERR))
			err = EPIPE;
	}
	write_errno = err ? err : EIO;
	if (write_errno == EPIPE) {
		if (tr.s)
			snare_session_interrupt(tr.s);
		return;
	}
	if (f->f != stderr)
		errmsg("%s: %s", name, strerror(write_errno));
}

static void *
flusher_main(void *arg)
{
	struct timespec at;
	struct out *f;

	(void)arg;
	pthread_mutex_lock(&flush_lock);
	while (!flusher_stop) {
		if (!flush_held) {
			pthread_cond_wait(&flush_cond, &flush_lock);
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &at);
		at.tv_nsec += FLUSH_MS * 1000000L;
		if (at.tv_nsec >= 1000000000L) {
			at.tv_sec++;
			at.tv_nsec -= 1000000000L;
		}
		while (!flusher_stop &&
		       pthread_cond_timedwait(&flush_cond, &flush_lock, &at) == 0)
			;
		flush_held = false;
		for (f = outs; f; f = f->next)
			if (fflush(f->f) != 0 && !f->flusher_errno)
				f->flusher_errno = errno ? errno : EIO;
		if (shared_out.f && fflush(shared_out.f) != 0 &&
		    !shared_out.flusher_errno)
			shared_out.flusher_errno = errno ? errno : EIO;
	}
	pthread_mutex_unlock(&flush_lock);
	return NULL;
}

/* Something is held: have it written within FLUSH_MS. */
static void
flusher_wake(void)
{
	pthread_mutex_lock(&flush_lock);
	if (!flusher_on) {
		pthread_condattr_t ca;

		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_destroy(&flush_cond);
		pthread_cond_init(&flush_cond, &ca);
		pthread_condattr_destroy(&ca);
		flusher_on = pthread_create(&flusher, NULL, flusher_main,
					    NULL) == 0;
	}
	if (!flush_held) {
		flush_held = true;
		pthread_cond_signal(&flush_cond);
	}
	pthread_mutex_unlock(&flush_lock);
}

static void
flusher_end(void)
{
	if (!flusher_on)
		return;
	pthread_mutex_lock(&flush_lock);
	flusher_stop = true;
	pthread_cond_signal(&flush_cond);
	pthread_mutex_unlock(&flush_lock);
	pthread_join(flusher, NULL);
	flusher_on = flusher_stop = flush_held = false;
}

/*
 * After a line or half a line: a terminal or stderr is flushed at once, to
 * keep pace with the program's own output. A file or a pipe (-o) is written
 * a buffer at a time (one write(2) per 64 KiB rather than two per
 * syscall), but never holds a line longer than FLUSH_MS: a line FLUSH_MS after the last write
 * is written at once, and what is held otherwise is written by the
 * flusher thread FLUSH_MS later. `tail -f` follows, and a reader that went
 * away is seen (EPIPE) soon after. The clock is the coarse one, read
 * without entering the kernel.
 */
void
out_flush(struct out *f)
{
	int fd = fileno(f->f);
	struct timespec now;
	long long ms;

	/* A terminal, or our stderr, which the program shares: each line
	   goes out before the program runs on, so the program's own
	   messages come after the lines of the calls that made them, as
	   under strace. */
	if (f->tty < 0)
		f->tty = f->f == stderr || (fd >= 0 && isatty(fd));
	if (f->tty) {
		if (fflush(f->f) != 0)
			out_failed(f, errno);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	ms = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	if (ms - f->flushed_ms >= FLUSH_MS) {
		f->flushed_ms = ms;
		if (fflush(f->f) != 0)
			out_failed(f, errno);
	} else {
		flusher_wake();
	}
}

FILE *
out_stream(struct out *f)
{
	return f->f;
}

static void
count_cols(struct out *f, const char *s, size_t n)
{
	const char *nl = memrchr(s, '\n', n);

	if (nl)
		f->col = n - (size_t)(nl - s) - 1;
	else
		f->col += n;
}

void
out_puts(struct out *f, const char *s)
{
	size_t n = strlen(s);

	fwrite(s, 1, n, f->f);
	count_cols(f, s, n);
}

void
out_printf(struct out *f, const char *fmt, ...)
{
	char small[512], *buf = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (!buf)
			return;
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	fwrite(buf, 1, (size_t)n, f->f);
	count_cols(f, buf, (size_t)n);
	if (buf != small)
		free(buf);
}

void **
out_owner(struct out *f)
{
	return &f->owner;
}

size_t
out_col(const struct out *f)
{
	return f->col;
}

/* Pad with spaces up to column col (strace's tabto()). */
void
out_tab(struct out *f, size_t col)
{
	static const char spaces[] = "                                        ";

	while (f->col < col) {
		size_t n = col - f->col;

		if (n > sizeof(spaces) - 1)
			n = sizeof(spaces) - 1;
		fwrite(spaces, 1, n, f->f);
		f->col += n;
	}
}

void
out_endline(struct out *f)
{
	int saved = errno;

	errno = 0;
	fputc('\n', f->f);
	f->col = 0;
	if (ferror(f->f))
		out_failed(f, errno);
	errno = saved;
}

int
out_write_error(void)
{
	return write_errno;
}

void
out_close_all(void)
{
	struct out *f, *next;

	flusher_end();
	for (f = outs; f; f = next) {
		next = f->next;
		errno = 0;
		if (f->flusher_errno)
			out_failed(f, f->flusher_errno);
		if (fclose(f->f) != 0)
			out_failed(f, errno);
		free(f->path);
		free(f);
	}
	outs = NULL;
	errno = 0;
	if (shared_out.f && shared_out.flusher_errno)
		out_failed(&shared_out, shared_out.flusher_errno);
	if (shared_out.f && shared_out.piped) {
		if (fflush(shared_out.f) != 0)
			out_failed(&shared_out, errno);
		pclose(shared_out.f);
	} else if (shared_out.f && shared_out.owned) {
		if (fclose(shared_out.f) != 0)
			out_failed(&shared_out, errno);
	} else if (shared_out.f && (fflush(shared_out.f) != 0 ||
				    ferror(shared_out.f))) {
		out_failed(&shared_out, errno);
	}
	memset(&shared_out, 0, sizeof(shared_out));
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/*
 * Write s as a JSON string. Valid UTF-8 passes through; control characters
 * are escaped; a byte that is not part of valid UTF-8 becomes the lone
 * surrogate \udcXX (XX its value), the convention of Python's
 * "surrogateescape": json.loads(line) then s.encode("utf-8",
 * "surrogateescape") gives back the exact bytes.
 */
void
json_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	fputc('"', f);
	while (*s) {
		size_t n = utf8_len(s);

		if (*s == '"' || *s == '\\') {
			fputc('\\', f);
			fputc(*s, f);
		} else if (*s == '\n') {
			fputs("\\n", f);
		} else if (*s == '\t') {
			fputs("\\t", f);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s);
		} else if (n == 0) {
			fprintf(f, "\\udc%02x", *s);
			n = 1;
		} else {
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}
