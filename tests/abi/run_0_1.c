/* SPDX-License-Identifier: MIT */
/*
 * run_0_1 TRACEE: a program of snare 0.1, built with the 0.1 header only
 * (tests/abi/snare-0.1.h) and linked against a stand-in of the 0.1
 * library, so that it references the symbols a real 0.1 binary does
 * (snare_run@SNARE_0 ...). It runs with the current libsnare.so.0 and
 * must work as it did with 0.1: the 0.1 option structs (session, spawn,
 * hook and breakpoint, version 1 each) are accepted, and snare_run()
 * fills only the 0.1 snare_event, whose bytes after the end are guarded.
 *
 * TRACEE is hk_getpid: the hook makes its getpid return 4242 and a
 * breakpoint on main stops once. Prints "abi 0.1: ok" and exits 0, or
 * says what went wrong and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "snare-0.1.h"

#define CANARY 0xa5

struct guarded_event {
	snare_event ev;
	unsigned char canary[256];
};

static int failures;

#define CHECK(cond)                                                          \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "run_0_1:%d: %s\n", __LINE__, #cond); \
			failures++;                                          \
		}                                                            \
	} while (0)

static int
on_getpid_exit(snare_thread *t, snare_syscall *sc, void *user)
{
	(void)t;
	(void)user;
	sc->retval = 4242;
	return SNARE_CONTINUE;
}

static int
observe(snare_session *s, const struct snare_event *ev, void *user)
{
	(void)s;
	/* The observer sees the library's event through a 0.1 pointer. */
	if (ev->kind >= SNARE_EV_NONE && ev->kind <= SNARE_EV_STEP)
		++*(int *)user;
	return SNARE_CONTINUE;
}

static int
canary_ok(const struct guarded_event *g)
{
	size_t i;

	for (i = 0; i < sizeof(g->canary); i++)
		if (g->canary[i] != CANARY)
			return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	snare_session_opts so = SNARE_SESSION_OPTS_INIT;
	snare_spawn_opts po = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT;
	struct guarded_event g;
	char *targv[2];
	snare_session *s = NULL;
	snare_proc *p = NULL;
	snare_hook *h = NULL;
	snare_bp *bp = NULL;
	uint64_t args[6] = { 0 };
	char out[256], line[64];
	int observed = 0, bps = 0, exits = 0, all_exited = 0, runs, code = -1;
	int signo = -1, core = -1, fd;
	size_t n = 0;
	ssize_t got;

	if (argc != 2) {
		fprintf(stderr, "usage: run_0_1 TRACEE\n");
		return 2;
	}
	/* The 0.1 structs, as this header made them. */
	CHECK(so.version == 1 && po.version == 1 && ho.version == 1 &&
	      bo.version == 1 && fo.version == 1);
	so.on_event = observe;
	so.event_user = &observed;
	CHECK(snare_session_new(&s, &so) == 0);
	if (!s)
		return 1;
	po.stop_at = SNARE_SPAWN_STOP_ENTRY;
	po.stdio[1].kind = SNARE_STDIO_PIPE;
	targv[0] = argv[1];
	targv[1] = NULL;
	CHECK(snare_spawn(&p, s, argv[1], targv, &po) == 0);
	if (!p) {
		fprintf(stderr, "run_0_1: spawn: %s\n", snare_errmsg(s));
		snare_session_free(s);
		return 1;
	}
	ho.on_exit = on_getpid_exit;
	CHECK(snare_hook_syscall_name(&h, s, "getpid", &ho) == 0);
	CHECK(snare_bp_add_at(&bp, p, "main", &bo) == 0);
	CHECK(snare_format_syscall_enter(line, sizeof(line), NULL,
					 snare_syscall_nr("getpid"), args,
					 &fo) == strlen("getpid("));
	CHECK(strcmp(line, "getpid(") == 0);

	memset(&g, 0, sizeof(g.ev));
	memset(g.canary, CANARY, sizeof(g.canary));
	for (runs = 0; runs < 1000 && !all_exited; runs++) {
		if (snare_run(&g.ev, s, SNARE_RUN_ONCE) != 0) {
			fprintf(stderr, "run_0_1: snare_run: %s\n",
				snare_errmsg(s));
			failures++;
			break;
		}
		if (!canary_ok(&g)) {
			fprintf(stderr, "run_0_1: snare_run wrote past the 0.1 "
					"snare_event (%zu bytes) at event kind %d\n",
				sizeof(g.ev), g.ev.kind);
			failures++;
			break;
		}
		switch (g.ev.kind) {
		case SNARE_EV_BREAKPOINT:
			bps++;
			CHECK(g.ev.bp == bp && g.ev.pc == snare_bp_addr(bp));
			CHECK(g.ev.pid == snare_proc_pid(p));
			break;
		case SNARE_EV_PROC_EXIT:
			exits++;
			CHECK(g.ev.code == 0 && g.ev.signo == 0);
			break;
		case SNARE_EV_ALL_EXITED:
			all_exited = 1;
			break;
		default:
			break;
		}
	}
	CHECK(all_exited && bps == 1 && exits == 1);
	CHECK(observed >= bps + exits);
	CHECK(snare_bp_hits(bp) == 1 && snare_hook_hits(h) == 1);
	CHECK(snare_proc_exit_status(&code, &signo, &core, p) == 1 &&
	      code == 0 && signo == 0);
	/* The pipe is at its end once the tracee exited; not before. */
	fd = all_exited ? snare_proc_stdio_fd(p, 1) : -1;
	CHECK(fd >= 0);
	while (fd >= 0 && n < sizeof(out) - 1 &&
	       (got = read(fd, out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)got;
	out[n] = '\0';
	CHECK(strncmp(out, "getpid 4242\n", 12) == 0);
	snare_session_free(s);
	if (failures) {
		fprintf(stderr, "run_0_1: %d failures; tracee said: %s\n",
			failures, out);
		return 1;
	}
	printf("abi 0.1: ok (%d events, %d observed)\n", runs, observed);
	return 0;
}
