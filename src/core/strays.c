/* SPDX-License-Identifier: MIT */
/*
 * strays.c: the processes a hand-off brings, which are never strays.
 *
 * While a process is handed to another debugger (state/handoff.c) it runs
 * outside the session, and what it forks then is not the session's to
 * report (snare_session_report_strays()). Yet a CLONE_PARENT child it
 * makes (its own code, or gdb's `call`) is a child of the tracer thread,
 * so the session's wait reaps it, during the hand-off or any time after.
 * Once a pid is reaped nothing says where it came from, so the tracer
 * thread's children are listed (/proc/self/task/TID/children, which holds
 * the children of that one thread, zombies included: fs/proc/array.c)
 * when the first hand-off begins. A child not on that list is born of
 * the hand-off: its exit is dropped while a hand-off lasts, and the ones
 * still there (alive or zombies) when the last hand-off ends are kept on
 * a list of pids whose exit is dropped later too. Without that /proc file
 * (a kernel without CONFIG_PROC_CHILDREN) every child counts as born of
 * the hand-off: a stray is lost rather than one reported falsely.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/internal.h"

/* The calling thread's children, in *out (malloc'ed); -errno. */
static int
list_children(pid_t **out, size_t *n)
{
	char path[64];
	size_t cap = 0;
	pid_t *v = NULL, *nv;
	long pid;
	FILE *f;
	int r = 0;

	*out = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/self/task/%ld/children",
		 (long)syscall(SYS_gettid));
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fscanf(f, "%ld", &pid) == 1) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				r = -ENOMEM;
				goto out;
			}
			v = nv;
		}
		v[(*n)++] = (pid_t)pid;
	}
out:
	fclose(f);
	if (r < 0) {
		free(v);
		*n = 0;
		return r;
	}
	*out = v;
	return 0;
}

static bool
pid_in(const pid_t *v, size_t n, pid_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == pid)
			return true;
	return false;
}

/* Was pid a child of the tracer thread when the first hand-off began? */
static bool
known_before(snare_session *s, pid_t pid)
{
	return s->handoff_kids_known &&
	       pid_in(s->handoff_kids, s->nhandoff_kids, pid);
}

/* A hand-off begins: list the children it does not bring. */
void
snare__handoff_begin(snare_session *s)
{
	if (s->nhanded++ > 0)
		return;
	free(s->handoff_kids);
	s->handoff_kids_known =
		list_children(&s->handoff_kids, &s->nhandoff_kids) == 0;
}

/*
 * A hand-off ends (taken back, or the process ended). When it was the
 * last one, the children born meanwhile that are still there go on the
 * quiet list, with those of earlier hand-offs that are still there too
 * (one reaped by someone else leaves the list, so its pid reused later
 * is reported as usual). The session's own processes and its waker are
 * not born of a hand-off.
 */
void
snare__handoff_end(snare_session *s)
{
	pid_t *now = NULL;
	size_t n = 0, i, kept = 0;
	snare_proc *p;

	if (s->nhanded == 0 || --s->nhanded > 0)
		return;
	if (list_children(&now, &n) < 0)
		goto out; /* the quiet list stays as it was */
	for (i = 0; i < s->nquiet; i++)
		if (pid_in(now, n, s->quiet[i]))
			s->quiet[kept++] = s->quiet[i];
	s->nquiet = kept;
	for (i = 0; i < n; i++) {
		bool ours = now[i] == s->waker ||
			    pid_in(s->quiet, s->nquiet, now[i]) ||
			    known_before(s, now[i]);

		for (p = s->procs; p && !ours; p = p->next)
			ours = p->pid == now[i];
		if (ours)
			continue;
		if (s->nquiet == s->quiet_cap) {
			size_t cap = s->quiet_cap ? 2 * s->quiet_cap : 8;
			pid_t *nq = realloc(s->quiet, cap * sizeof(*nq));

			if (!nq)
				break;
			s->quiet = nq;
			s->quiet_cap = cap;
		}
		s->quiet[s->nquiet++] = now[i];
	}
out:
	free(now);
	free(s->handoff_kids);
	s->handoff_kids = NULL;
	s->nhandoff_kids = 0;
	s->handoff_kids_known = false;
}

/*
 * Is the exit of pid, reaped by the session's wait, one to drop because a
 * hand-off brought it? A pid of the quiet list leaves it (it is reaped).
 */
bool
snare__stray_quiet(snare_session *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->nquiet; i++) {
		if (s->quiet[i] != pid)
			continue;
		s->quiet[i] = s->quiet[--s->nquiet];
		return true;
	}
	return s->nhanded > 0 && !known_before(s, pid);
}
