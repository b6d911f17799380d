/* SPDX-License-Identifier: MIT */
/*
 * tour: the README's example, kept compiling. Counts the hits of a
 * breakpoint at a location given on the command line (a symbol, file:line,
 * an address or an address relative to a map), makes getpid() return 4242
 * and prints every signal, in a program and all its children.
 *
 *   example-tour PROGRAM [LOCATION]
 */
#include <snare.h>
#include <stdio.h>

static int count_hit(snare_thread *t, snare_bp *bp, void *user)
{
	(*(long *)user)++;
	return SNARE_CONTINUE;
}

static int lie_about_pid(snare_thread *t, snare_syscall *sc, void *user)
{
	sc->retval = 4242;         /* the program sees this */
	return SNARE_CONTINUE;
}

static int show(snare_session *s, const snare_event *ev, void *user)
{
	if (ev->kind == SNARE_EV_SIGNAL)
		printf("[%d] got %s\n", ev->tid, snare_signal_name(ev->signo));
	return SNARE_CONTINUE;
}

int main(int argc, char **argv)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s;
	snare_proc *p;
	snare_bp *bp;
	snare_event ev;
	char *args[2] = { NULL, NULL };
	long hits = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PROGRAM [LOCATION]\n", argv[0]);
		return 2;
	}
	so.on_event = show;
	snare_session_new(&s, &so);
	po.stop_at = SNARE_SPAWN_STOP_ENTRY;   /* libraries are loaded */
	args[0] = argv[1];                     /* the program, no arguments */
	if (snare_spawn(&p, s, argv[1], args, &po) < 0) {
		fprintf(stderr, "%s\n", snare_errmsg(s));
		snare_session_free(s);
		return 1;
	}
	ho.on_exit = lie_about_pid;
	snare_hook_syscall_name(NULL, s, "getpid", &ho);
	bo.on_hit = count_hit;
	bo.user = &hits;
	/* "main", "libc.so.6:puts", "prog.c:42", "[heap]+0x10", "0x401136" */
	if (argc > 2 && snare_bp_add_at(&bp, p, argv[2], &bo) < 0)
		fprintf(stderr, "%s\n", snare_errmsg(s));
	/* Each run returns when a callback asks for it; none does here. */
	while (snare_run(&ev, s, SNARE_RUN_DEFAULT) == 0 &&
	       ev.kind != SNARE_EV_ALL_EXITED)
		;
	printf("%ld hits\n", hits);
	snare_session_free(s);     /* nothing is left behind */
	return 0;
}
