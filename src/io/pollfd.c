/* SPDX-License-Identifier: MIT */
/*
 * pollfd.c: a pollable fd per session, the non-blocking dispatch that goes
 * with it, snare_run_timeout(), and the wait that the I/O calls use
 * (snare__pump). docs/design.md, "Polling and I/O".
 *
 * No kernel fd reports ptrace stops, so a watcher thread of the session
 * blocks in waitid(P_ALL, WNOWAIT) on the children of the whole thread
 * group (no __WNOTHREAD: the tracer thread's tracees and children are
 * seen by its sibling; WNOWAIT consumes nothing, so the tracer's own
 * waitpid still gets every status). When one is there it adds 1 to an
 * eventfd and waits to be armed again, by the tracer thread once it has
 * handled what was pending. Level-triggered: a status left pending (or
 * arrived since) makes the next waitid return at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/internal.h"
#include "io/io.h"

/* The watcher adds WATCH_STOP, snare_session_interrupt() WATCH_POKE. */
#define WATCH_STOP 1ull
#define WATCH_POKE (1ull << 32)
#define BACKOFF_MAX_MS 100

struct snare__watch {
	pthread_t thread;
	int efd;               /* readable: something to handle (non-blocking) */
	int arm;               /* the watcher blocks reading it */
	atomic_int backoff_ms; /* sleep before the next waitid (spurious wakes) */
	bool wants_arm;        /* the watcher reported and waits to be armed */
	unsigned long collected; /* s->ncollected when it reported */
};

static void *
watcher(void *arg)
{
	struct snare__watch *w = arg;
	uint64_t v;
	siginfo_t si;
	int ms;

	for (;;) {
		/* Cancellation points: read, nanosleep, waitid. */
		if (read(w->arm, &v, sizeof(v)) < 0 && errno != EINTR)
			return NULL;
		ms = atomic_load(&w->backoff_ms);
		if (ms > 0) {
			struct timespec ts = { ms / 1000,
					       (long)(ms % 1000) * 1000000 };

			nanosleep(&ts, NULL);
		}
		memset(&si, 0, sizeof(si));
		while (waitid(P_ALL, 0, &si,
			      WEXITED | WSTOPPED | WNOWAIT | __WALL) < 0 &&
		       errno == EINTR)
			;
		/* A status, or -ECHILD (no child at all): either way the
		   tracer thread has something to look at. */
		v = WATCH_STOP;
		if (write(w->efd, &v, sizeof(v)) < 0)
			return NULL;
	}
}

int
snare__watch_start(snare_session *s)
{
	struct snare__watch *w;
	pthread_attr_t attr;
	sigset_t all;
	uint64_t one = 1;
	int r;

	if (s->watch)
		return s->watch->efd;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	w->arm = eventfd(0, EFD_CLOEXEC);
	if (w->efd < 0 || w->arm < 0) {
		r = -errno;
		goto fail;
	}
	if (write(w->arm, &one, sizeof(one)) < 0) {
		r = -errno;
		goto fail;
	}
	/* Signals blocked in the thread from its first instruction, so no
	   signal of the program is ever delivered to it. */
	sigfillset(&all);
	r = -pthread_attr_init(&attr);
	if (r < 0)
		goto fail;
	r = -pthread_attr_setsigmask_np(&attr, &all);
	if (r == 0)
		r = -pthread_create(&w->thread, &attr, watcher, w);
	pthread_attr_destroy(&attr);
	if (r < 0)
		goto fail;
	s->watch = w;
	return w->efd;
fail:
	if (w->efd >= 0)
		close(w->efd);
	if (w->arm >= 0)
		close(w->arm);
	free(w);
	return snare__err(s, r, "snare_session_fd: %s", strerror(-r));
}

void
snare__watch_stop(snare_session *s)
{
	struct snare__watch *w = s->watch;

	if (!w)
		return;
	pthread_cancel(w->thread);
	pthread_join(w->thread, NULL);
	s->watch = NULL;
	close(w->efd);
	close(w->arm);
	free(w);
}

/* Async-signal-safe: from snare_session_interrupt(). */
void
snare__watch_poke(snare_session *s)
{
	struct snare__watch *w = s->watch;
	uint64_t v = WATCH_POKE;

	if (w && write(w->efd, &v, sizeof(v)) < 0) {
		/* The counter is full: readable already. */
	}
}

static bool
any_live(snare_session *s)
{
	snare_proc *p;

	for (p = s->procs; p; p = p->next)
		if (p->state != SNARE_PROC_EXITED &&
		    p->state != SNARE_PROC_DETACHED)
			return true;
	return false;
}

/* Take the fd's readiness; remember that the watcher waits to be armed. */
static void
watch_consume(snare_session *s)
{
	struct snare__watch *w = s->watch;
	uint64_t v;

	if (!w || read(w->efd, &v, sizeof(v)) != sizeof(v))
		return;
	if ((v & (WATCH_POKE - 1)) && !w->wants_arm) {
		w->wants_arm = true;
		w->collected = s->ncollected;
	}
}

/*
 * Arm the watcher again after what it reported was handled. A report
 * after which nothing of ours was collected came from a child of another
 * thread (not reaped yet): it would come back at once, so back off.
 */
static void
watch_rearm(snare_session *s)
{
	struct snare__watch *w = s->watch;
	uint64_t one = 1;
	int ms;

	if (!w || !w->wants_arm || !any_live(s))
		return;
	ms = atomic_load(&w->backoff_ms);
	if (s->ncollected != w->collected)
		ms = 0;
	else
		ms = ms ? (2 * ms > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : 2 * ms)
			: 1;
	atomic_store(&w->backoff_ms, ms);
	w->wants_arm = false;
	if (write(w->arm, &one, sizeof(one)) < 0) {
		/* Cannot fail with a counter this small. */
	}
}

SNARE_EXPORT int
snare_session_fd(snare_session *s)
{
	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "snare_session_fd: called from a foreign thread");
	return snare__watch_start(s);
}

/* snare_session_dispatch() in mode (DEFAULT or ONCE), for the callers here. */
int
snare__dispatch(snare_event *ev, snare_session *s, int mode)
{
	int r;

	watch_consume(s);
	r = snare__run(ev, s, mode, true);
	watch_rearm(s);
	return r;
}

SNARE_EXPORT int
snare_session_dispatch(snare_event *ev, snare_session *s)
{
	snare_event local;

	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "snare_session_dispatch: called from a foreign thread");
	return snare__dispatch(ev ? ev : &local, s, SNARE_RUN_DEFAULT);
}

int64_t
snare__now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before deadline (-1: none) for poll(). */
static int
left_ms(int64_t deadline)
{
	int64_t d;

	if (deadline < 0)
		return -1;
	d = deadline - snare__now_ms();
	return d < 0 ? 0 : d > INT32_MAX ? INT32_MAX : (int)d;
}

int64_t
snare__deadline(int timeout_ms)
{
	return timeout_ms < 0 ? -1 : snare__now_ms() + timeout_ms;
}

/*
 * Run the loop (without blocking) until one of fds is ready, stops were
 * handled (a process may have exited: the caller looks again), the loop
 * has an event for the caller, or deadline (-1: none) passes. Returns
 * PUMP_READY (fds' revents say which, all 0 after stops), PUMP_TIMEOUT,
 * PUMP_EVENT (*ev filled, every thread stopped; SNARE_EV_ALL_EXITED is
 * not one: with nothing left to trace, only fds are waited for), or a
 * negative error.
 */
int
snare__pump(snare_session *s, struct pollfd *fds, int nfds, int64_t deadline,
	    snare_event *ev)
{
	struct pollfd pf[8];
	unsigned long seen = s->ncollected;
	bool loop = true;
	int i, n, r, efd;

	if (nfds > 7)
		return -EINVAL;
	for (i = 0; i < nfds; i++)
		fds[i].revents = 0;
	efd = snare__watch_start(s);
	if (efd < 0)
		return efd;
	for (;;) {
		if (loop) {
			r = snare__dispatch(ev, s, SNARE_RUN_DEFAULT);
			if (r < 0)
				return r;
			if (ev->kind == SNARE_EV_ALL_EXITED)
				loop = false;
			else if (ev->kind != SNARE_EV_NONE)
				return PUMP_EVENT;
			if (s->ncollected != seen)
				return PUMP_READY;
		}
		for (i = 0; i < nfds; i++) {
			pf[i] = fds[i];
			pf[i].revents = 0;
		}
		pf[nfds].fd = loop ? efd : -1;
		pf[nfds].events = POLLIN;
		pf[nfds].revents = 0;
		n = poll(pf, (nfds_t)nfds + 1, left_ms(deadline));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return PUMP_TIMEOUT;
		for (i = 0, r = 0; i < nfds; i++) {
			fds[i].revents = pf[i].revents;
			if (pf[i].revents)
				r = 1;
		}
		if (r)
			return PUMP_READY;
	}
}

SNARE_EXPORT int
snare_run_timeout(snare_event *evp, snare_session *s, int mode,
		  int timeout_ms)
{
	struct pollfd pf;
	snare_event local;
	int64_t deadline;
	int r, n;

	if (!s)
		return -EINVAL;
	if (!snare__owner_ok(s))
		return snare__err(s, SNARE_EWRONGTHREAD,
				  "snare_run_timeout: called from a foreign thread");
	if (mode != SNARE_RUN_DEFAULT && mode != SNARE_RUN_ONCE)
		return snare__err(s, -EINVAL, "snare_run_timeout: bad mode %d",
				  mode);
	if (timeout_ms < 0)
		return snare_run(evp, s, mode);
	if (s->in_run)
		return snare__err(s, -EBUSY,
				  "snare_run_timeout: called from a callback");
	if (!evp)
		evp = &local;
	deadline = snare__deadline(timeout_ms);
	r = snare__watch_start(s);
	if (r < 0)
		return r;
	pf.fd = r;
	pf.events = POLLIN;
	for (;;) {
		r = snare__dispatch(evp, s, mode);
		if (r < 0 || evp->kind != SNARE_EV_NONE)
			return r;
		n = poll(&pf, 1, left_ms(deadline));
		if (n < 0 && errno != EINTR)
			return snare__err(s, -errno, "snare_run_timeout: poll: %s",
					  strerror(errno));
		if (n == 0)
			break;
	}
	/* Time is up: all-stop, as any return of snare_run(). */
	r = snare__stop_all(s);
	if (r == -ECHILD)
		r = 0;
	memset(evp, 0, sizeof(*evp));
	evp->kind = SNARE_EV_TIMEOUT;
	return r;
}
