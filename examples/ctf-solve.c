/* SPDX-License-Identifier: MIT */
/*
 * ctf-solve: solves a crackme that asks for a secret it made at start
 * (tests/tracees/io_ctf.c): a breakpoint on arm() reads the secret from
 * its first argument while we wait for the prompt, on a pty, then we
 * answer and print the program's verdict. Exit 0 when it printed a flag.
 *
 *   example-ctf-solve PROGRAM
 */
#include <snare.h>
#include <stdio.h>
#include <string.h>

static char secret[64];

static int grab(snare_thread *t, snare_bp *bp, void *user)
{
	uint64_t rdi;

	if (snare_reg_get(&rdi, t, "rdi") == 0)
		snare_mem_read_str(secret, sizeof(secret), snare_thread_proc(t), rdi);
	return SNARE_CONTINUE;
}

int main(int argc, char **argv)
{
	snare_spawn_opts o = SNARE_SPAWN_OPTS_INIT;
	snare_bp_opts bo = SNARE_BP_OPTS_INIT;
	snare_session *s = NULL;
	snare_proc *p;
	char line[256];
	int i, ok = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: ctf-solve PROGRAM\n");
		return 2;
	}
	for (i = 0; i < 3; i++)
		o.stdio[i].kind = SNARE_STDIO_PTY;
	o.stop_at = SNARE_SPAWN_STOP_ENTRY;
	bo.on_hit = grab;
	if (snare_session_new(&s, NULL) < 0 ||
	    snare_spawn(&p, s, argv[1], argv + 1, &o) < 0 ||
	    snare_bp_add_at(NULL, p, "arm", &bo) < 0) {
		fprintf(stderr, "ctf-solve: %s\n", s ? snare_errmsg(s) : "no memory");
		snare_session_free(s);
		return 1;
	}
	/* The breakpoint's callback runs while we wait for the prompt. */
	if (snare_proc_recvuntil(line, sizeof(line), p, 1, "Password: ", 10, 10000) > 0 &&
	    secret[0] && snare_proc_sendline(p, secret, 10000) > 0 &&
	    snare_proc_recvline(line, sizeof(line), p, 1, 10000) > 0) {
		fputs(line, stdout);
		ok = strncmp(line, "FLAG{", 5) == 0;
	}
	snare_session_free(s);
	return ok ? 0 : 1;
}
