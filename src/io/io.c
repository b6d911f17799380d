/* SPDX-License-Identifier: MIT */
/*
 * io.c: the pty of SNARE_STDIO_PTY, and recv/send on a spawned process's
 * streams while the event loop keeps running (snare__pump). Bytes read
 * past what a call returns stay in the process handle's buffers.
 * docs/design.md, "Polling and I/O".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"
#include "io/io.h"

struct rxbuf {
	char *d;
	size_t len, cap;
	bool eof;
};

struct snare__io {
	struct rxbuf rx[3]; /* [1] stdout (and stderr on the same pty), [2] */
};

/*
 * A pseudo-terminal for a child about to be spawned: the master for the
 * tracer, the slave set raw (cfmakeraw, as pwntools does: what we send is
 * not echoed back, bytes pass unchanged both ways), 24x80.
 */
int
snare__pty_open(snare_session *s, int *master, int *slave)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct termios tio;
	char name[128];
	int m, sl, err;

	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0)
		return snare__err(s, -errno, "spawn: posix_openpt: %s",
				  strerror(errno));
	if (unlockpt(m) < 0) {
		err = errno;
		goto fail;
	}
	sl = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (sl < 0) {
		/* Before Linux 4.13: by name. */
		if (ptsname_r(m, name, sizeof(name)) != 0) {
			err = errno;
			goto fail;
		}
		sl = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (sl < 0) {
			err = errno;
			goto fail;
		}
	}
	if (tcgetattr(sl, &tio) < 0) {
		err = errno;
		close(sl);
		goto fail;
	}
	cfmakeraw(&tio);
	if (tcsetattr(sl, TCSANOW, &tio) < 0 || ioctl(sl, TIOCSWINSZ, &ws) < 0) {
		err = errno;
		close(sl);
		goto fail;
	}
	*master = m;
	*slave = sl;
	return 0;
fail:
	close(m);
	return snare__err(s, -err, "spawn: pty: %s", strerror(err));
}

void
snare__io_free(snare_proc *p)
{
	int i;

	if (!p->io)
		return;
	for (i = 0; i < 3; i++)
		free(p->io->rx[i].d);
	free(p->io);
	p->io = NULL;
}

/* The buffer of an output stream: stderr on stdout's pty shares its. */
static struct rxbuf *
rx_of(snare_proc *p, int stream)
{
	if (!p->io) {
		p->io = calloc(1, sizeof(*p->io));
		if (!p->io)
			return NULL;
	}
	if (stream == 2 && (p->pty_streams & 6) == 6)
		stream = 1;
	return &p->io->rx[stream];
}

static int
stream_fd(const snare_proc *p, int stream)
{
	if (stream == 2 && (p->pty_streams & 6) == 6 && p->stdio_fd[1] >= 0)
		return p->stdio_fd[1];
	return p->stdio_fd[stream];
}

/* read()/write() that do not block, whatever the fd's own mode. */
static ssize_t
io_nonblock(int fd, void *rbuf, const void *wbuf, size_t len)
{
	int fl = fcntl(fd, F_GETFL), err;
	ssize_t n;

	if (fl >= 0 && !(fl & O_NONBLOCK))
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	n = rbuf ? read(fd, rbuf, len) : write(fd, wbuf, len);
	err = errno;
	if (fl >= 0 && !(fl & O_NONBLOCK))
		fcntl(fd, F_SETFL, fl);
	errno = err;
	return n;
}

/*
 * Take what fd has now into b. Returns the bytes added, 0 at EOF (a pty
 * whose slave side is closed everywhere reads EIO: EOF too), -EAGAIN
 * when there is nothing, or -errno.
 */
static ssize_t
rx_fill(struct rxbuf *b, int fd)
{
	ssize_t n;

	if (b->cap - b->len < 4096) {
		size_t cap = b->cap ? 2 * b->cap : 8192;
		char *d = realloc(b->d, cap);

		if (!d)
			return -ENOMEM;
		b->d = d;
		b->cap = cap;
	}
	do
		n = io_nonblock(fd, b->d + b->len, NULL, b->cap - b->len);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		b->len += (size_t)n;
		return n;
	}
	if (n == 0 || errno == EIO) {
		b->eof = true;
		return 0;
	}
	return errno == EWOULDBLOCK ? -EAGAIN : -errno;
}

/*
 * p has exited and no traced process is left that could still write to
 * its streams (a followed child holding them is waited for).
 */
static bool
exited(const snare_proc *p)
{
	const snare_proc *o;

	if (p->state != SNARE_PROC_EXITED)
		return false;
	for (o = p->s->procs; o; o = o->next)
		if (o->state != SNARE_PROC_EXITED &&
		    o->state != SNARE_PROC_DETACHED)
			return false;
	return true;
}

/* What the caller asked for, in the first len bytes: how many to take. */
struct want {
	size_t cap;          /* at most */
	const void *delim;   /* NULL: any byte */
	size_t dlen;
};

static size_t
want_found(const struct rxbuf *b, const struct want *w)
{
	size_t n = b->len < w->cap ? b->len : w->cap;
	const char *hit;

	if (!w->delim || !n)
		return n;
	hit = memmem(b->d, n, w->delim, w->dlen);
	return hit ? (size_t)(hit - b->d) + w->dlen : 0;
}

static int
io_check(snare_proc *p, int stream, const char *what)
{
	if (!p)
		return -EINVAL;
	if (!snare__owner_ok(p->s))
		return snare__err(p->s, SNARE_EWRONGTHREAD,
				  "%s: called from a foreign thread", what);
	if (stream < 0 || stream > 2 || stream_fd(p, stream) < 0)
		return snare__err(p->s, -EINVAL,
				  "%s: stream %d of process %d is no pipe or pty of ours",
				  what, stream, p->pid);
	return 0;
}

/*
 * Wait until w is met in stream's buffer. Returns the bytes to take (> 0)
 * or an error of the receiving calls (snare.h).
 */
static ssize_t
rx_wait(struct rxbuf **bp, snare_proc *p, int stream, const struct want *w,
	int64_t deadline)
{
	snare_session *s = p->s;
	struct rxbuf *b = rx_of(p, stream);
	int fd = stream_fd(p, stream);
	struct pollfd pf;
	snare_event ev;
	ssize_t r;
	size_t n;
	bool dead;

	if (!b)
		return -ENOMEM;
	*bp = b;
	for (;;) {
		n = want_found(b, w);
		if (n)
			return (ssize_t)n;
		if (b->len >= w->cap)
			return snare__err(s, -ENOSPC,
					  "recv: %zu bytes came without the delimiter",
					  b->len);
		if (b->eof)
			return SNARE_EEOF;
		/* Dead before the read: all it wrote is in the pipe now. */
		dead = exited(p);
		r = rx_fill(b, fd);
		if (r >= 0)
			continue;
		if (r != -EAGAIN)
			return snare__err(s, (int)r, "recv: read: %s",
					  strerror((int)-r));
		if (dead)
			return SNARE_EEXITED;
		pf.fd = fd;
		pf.events = POLLIN;
		r = snare__pump(s, &pf, 1, deadline, &ev);
		if (r < 0)
			return r;
		if (r == PUMP_TIMEOUT)
			return -ETIMEDOUT;
		if (r == PUMP_EVENT)
			return snare__evq_unget(s, &ev) < 0 ? -ENOMEM
							   : SNARE_ESTOPPED;
	}
}

/* Move the first n bytes of b to buf (NULL: drop them). */
static void
rx_take(void *buf, struct rxbuf *b, size_t n)
{
	if (buf)
		memcpy(buf, b->d, n);
	memmove(b->d, b->d + n, b->len - n);
	b->len -= n;
}

SNARE_EXPORT ssize_t
snare_proc_recv(void *buf, size_t cap, snare_proc *p, int stream,
		int timeout_ms)
{
	struct want w = { cap, NULL, 0 };
	struct rxbuf *b;
	ssize_t n;
	int r = io_check(p, stream, "snare_proc_recv");

	if (r < 0)
		return r;
	if (!buf || !cap || stream == 0)
		return snare__err(p->s, -EINVAL, "snare_proc_recv: bad arguments");
	n = rx_wait(&b, p, stream, &w, snare__deadline(timeout_ms));
	if (n > 0)
		rx_take(buf, b, (size_t)n);
	return n;
}

SNARE_EXPORT ssize_t
snare_proc_recvuntil(char *buf, size_t cap, snare_proc *p, int stream,
		     const void *delim, size_t dlen, int timeout_ms)
{
	struct want w = { cap - 1, delim, dlen };
	struct rxbuf *b;
	ssize_t n;
	int r = io_check(p, stream, "snare_proc_recvuntil");

	if (r < 0)
		return r;
	if (!buf || cap < 2 || !delim || !dlen || stream == 0)
		return snare__err(p->s, -EINVAL,
				  "snare_proc_recvuntil: bad arguments");
	n = rx_wait(&b, p, stream, &w, snare__deadline(timeout_ms));
	if (n > 0) {
		rx_take(buf, b, (size_t)n);
		buf[n] = '\0';
	}
	return n;
}

SNARE_EXPORT ssize_t
snare_proc_recvline(char *buf, size_t cap, snare_proc *p, int stream,
		    int timeout_ms)
{
	return snare_proc_recvuntil(buf, cap, p, stream, "\n", 1, timeout_ms);
}

/* write() with SIGPIPE held off in this thread (and taken if we caused it). */
static ssize_t
write_nopipe(int fd, const void *buf, size_t len)
{
	sigset_t pipe_set, old, pending;
	struct timespec zero = { 0, 0 };
	bool was_pending;
	ssize_t n;
	int err;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	n = io_nonblock(fd, NULL, buf, len);
	err = errno;
	if (n < 0 && err == EPIPE && !was_pending)
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return n;
}

static ssize_t
send_until(snare_proc *p, const void *buf, size_t len, int64_t deadline)
{
	snare_session *s = p->s;
	int fd = p->stdio_fd[0];
	struct pollfd pf;
	snare_event ev;
	size_t off = 0;
	ssize_t n;
	int r;

	while (off < len) {
		bool dead = exited(p);

		n = write_nopipe(fd, (const char *)buf + off, len - off);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			return snare__err(s, -errno, "send: write: %s",
					  strerror(errno));
		if (dead)
			return SNARE_EEXITED;
		pf.fd = fd;
		pf.events = POLLOUT;
		r = snare__pump(s, &pf, 1, deadline, &ev);
		if (r < 0)
			return r;
		if (r == PUMP_TIMEOUT)
			return -ETIMEDOUT;
		if (r == PUMP_EVENT)
			return snare__evq_unget(s, &ev) < 0 ? -ENOMEM
							   : SNARE_ESTOPPED;
	}
	return (ssize_t)len;
}

SNARE_EXPORT ssize_t
snare_proc_send(snare_proc *p, const void *buf, size_t len, int timeout_ms)
{
	int r = io_check(p, 0, "snare_proc_send");

	if (r < 0)
		return r;
	if (!buf && len)
		return snare__err(p->s, -EINVAL, "snare_proc_send: NULL buffer");
	return send_until(p, buf, len, snare__deadline(timeout_ms));
}

SNARE_EXPORT ssize_t
snare_proc_sendline(snare_proc *p, const char *line, int timeout_ms)
{
	int64_t deadline = snare__deadline(timeout_ms);
	size_t len;
	ssize_t n;
	int r = io_check(p, 0, "snare_proc_sendline");

	if (r < 0)
		return r;
	if (!line)
		return snare__err(p->s, -EINVAL, "snare_proc_sendline: NULL line");
	len = strlen(line);
	n = send_until(p, line, len, deadline);
	if (n < 0)
		return n;
	n = send_until(p, "\n", 1, deadline);
	return n < 0 ? n : (ssize_t)len + 1;
}

SNARE_EXPORT ssize_t
snare_proc_sendafter(snare_proc *p, int stream, const void *delim,
		     size_t dlen, const void *buf, size_t len, int timeout_ms)
{
	int64_t deadline = snare__deadline(timeout_ms);
	struct want w = { (size_t)-1, delim, dlen };
	struct rxbuf *b;
	ssize_t n;
	int r = io_check(p, stream, "snare_proc_sendafter");

	if (r < 0)
		return r;
	r = io_check(p, 0, "snare_proc_sendafter");
	if (r < 0)
		return r;
	if (!delim || !dlen || stream == 0 || (!buf && len))
		return snare__err(p->s, -EINVAL,
				  "snare_proc_sendafter: bad arguments");
	n = rx_wait(&b, p, stream, &w, deadline);
	if (n < 0)
		return n;
	rx_take(NULL, b, (size_t)n);
	return send_until(p, buf, len, deadline);
}

SNARE_EXPORT int
snare_proc_set_winsize(snare_proc *p, unsigned short rows, unsigned short cols)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	int i;

	if (!p)
		return -EINVAL;
	for (i = 0; i < 3; i++)
		if ((p->pty_streams & (1u << i)) && p->stdio_fd[i] >= 0)
			break;
	if (i == 3)
		return snare__err(p->s, -ENOTTY,
				  "snare_proc_set_winsize: process %d has no pty",
				  p->pid);
	if (ioctl(p->stdio_fd[i], TIOCSWINSZ, &ws) < 0)
		return snare__err(p->s, -errno, "snare_proc_set_winsize: %s",
				  strerror(errno));
	return 0;
}

static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

SNARE_EXPORT int
snare_proc_interactive(snare_proc *p, int in_fd, int out_fd)
{
	struct rxbuf *out[2] = { NULL, NULL };
	int ofd[2] = { -1, -1 }, nout = 0, i, r;
	struct pollfd pf[3];
	bool in_eof = in_fd < 0, dead, got;
	snare_event ev;
	char tmp[4096];
	ssize_t n;

	if (!p)
		return -EINVAL;
	if (!snare__owner_ok(p->s))
		return snare__err(p->s, SNARE_EWRONGTHREAD,
				  "snare_proc_interactive: called from a foreign thread");
	if (out_fd < 0)
		return snare__err(p->s, -EINVAL, "snare_proc_interactive: bad out_fd");
	for (i = 1; i <= 2; i++) {
		if (stream_fd(p, i) < 0 || (i == 2 && out[0] &&
					    rx_of(p, 2) == out[0]))
			continue;
		out[nout] = rx_of(p, i);
		if (!out[nout])
			return -ENOMEM;
		ofd[nout++] = stream_fd(p, i);
	}
	if (p->stdio_fd[0] < 0)
		in_eof = true;
	for (;;) {
		int np = 0;

		/* What was kept first, then what is there now. */
		dead = exited(p);
		got = false;
		for (i = 0; i < nout; i++) {
			if (out[i]->len) {
				r = write_all(out_fd, out[i]->d, out[i]->len);
				if (r < 0)
					return snare__err(p->s, r,
							  "snare_proc_interactive: write: %s",
							  strerror(-r));
				out[i]->len = 0;
			}
			if (!out[i]->eof) {
				n = rx_fill(out[i], ofd[i]);
				if (n > 0)
					got = true;
				else if (n < 0 && n != -EAGAIN)
					return (int)n;
			}
		}
		if (got)
			continue;
		for (i = 0; i < nout; i++)
			if (!out[i]->eof) {
				pf[np].fd = ofd[i];
				pf[np++].events = POLLIN;
			}
		if (!np || dead)
			return 0; /* output ended, or the program is gone */
		if (!in_eof) {
			pf[np].fd = in_fd;
			pf[np++].events = POLLIN;
		}
		r = snare__pump(p->s, pf, np, -1, &ev);
		if (r < 0)
			return r;
		if (r == PUMP_EVENT)
			return snare__evq_unget(p->s, &ev) < 0 ? -ENOMEM
							      : SNARE_ESTOPPED;
		if (in_eof || !pf[np - 1].revents)
			continue;
		n = read(in_fd, tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return snare__err(p->s, -errno,
					  "snare_proc_interactive: read: %s",
					  strerror(errno));
		if (n == 0) {
			in_eof = true;
			/* EOF for the program too, unless its stdin is the
			   pty (raw: no end-of-file character). */
			if (!(p->pty_streams & 1)) {
				close(p->stdio_fd[0]);
				p->stdio_fd[0] = -1;
			}
			continue;
		}
		n = send_until(p, tmp, (size_t)n, -1);
		if (n == -EPIPE || n == -EIO || n == SNARE_EEXITED)
			in_eof = true; /* nobody reads: output may go on */
		else if (n < 0)
			return (int)n;
	}
}
