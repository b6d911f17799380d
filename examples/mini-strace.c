/* SPDX-License-Identifier: MIT */
/*
 * mini-strace: print every syscall of a program and its children, with the
 * return value, and the signals they get. The smallest useful tracer.
 *
 *   example-mini-strace PROGRAM [ARGS...]
 */
#include <stdio.h>
#include <stdlib.h>

#include <snare.h>

static int
on_exit_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	const char *name = snare_syscall_name(sc->nr);

	(void)user;
	fprintf(stderr, "[%d] %s(0x%llx, 0x%llx, 0x%llx) = %lld\n",
		(int)snare_thread_tid(t), name ? name : "?",
		(unsigned long long)sc->args[0], (unsigned long long)sc->args[1],
		(unsigned long long)sc->args[2], (long long)sc->retval);
	return SNARE_CONTINUE;
}

static int
on_event(snare_session *s, const snare_event *ev, void *user)
{
	(void)s;
	(void)user;
	if (ev->kind == SNARE_EV_SIGNAL)
		fprintf(stderr, "[%d] --- %s ---\n", (int)ev->tid,
			snare_signal_name(ev->signo));
	else if (ev->kind == SNARE_EV_PROC_EXIT && ev->signo)
		fprintf(stderr, "[%d] +++ killed by %s +++\n", (int)ev->pid,
			snare_signal_name(ev->signo));
	else if (ev->kind == SNARE_EV_PROC_EXIT)
		fprintf(stderr, "[%d] +++ exited with %d +++\n", (int)ev->pid,
			ev->code);
	return SNARE_CONTINUE;
}

int
main(int argc, char **argv)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	snare_event ev;
	int r, code = 0, sig = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n", argv[0]);
		return 2;
	}
	so.on_event = on_event;
	if (snare_session_new(&s, &so) < 0)
		return 1;
	ho.on_exit = on_exit_cb;
	r = snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho);
	if (r == 0)
		r = snare_spawn(&p, s, argv[1], argv + 1, NULL);
	if (r < 0) {
		fprintf(stderr, "mini-strace: %s\n", snare_errmsg(s));
		snare_session_free(s);
		return 1;
	}
	do
		r = snare_run(&ev, s, SNARE_RUN_DEFAULT);
	while (r == 0 && ev.kind != SNARE_EV_ALL_EXITED);
	if (r < 0)
		fprintf(stderr, "mini-strace: %s\n", snare_errmsg(s));
	snare_proc_exit_status(&code, &sig, NULL, p);
	snare_session_free(s);
	return sig ? 128 + sig : code;
}
