/* SPDX-License-Identifier: MIT */
/*
 * bp_helpers.h: helpers shared by the breakpoint, step and watchpoint
 * tests (test_bp.c, test_step.c, test_watch.c), header-only. Their tracees
 * (bp_work, bp_asm, bp_watch) print the addresses of their markers on
 * "addrs name=0x... ..." lines ended by "ready", wait for "go" on stdin
 * before working, print their result and wait for "end" before exiting.
 * Include after helpers.h.
 */
#ifndef SNARE_TEST_BP_HELPERS_H
#define SNARE_TEST_BP_HELPERS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* Spawn TRACEE_DIR/name {name, args...} with stdin and stdout on pipes. */
static inline snare_proc *
spawn_tracee(snare_session *s, const char *name, const char *const *args,
	     int stop_at)
{
	return snare_test_spawn_piped(s, name, args,
				      SNARE_TEST_PIPE_IN | SNARE_TEST_PIPE_OUT,
				      stop_at);
}

/*
 * The rest of the tracee's address block after its first line (first):
 * "addrs ..." lines up to "ready", written at once, so already in the
 * pipe. They are joined into line.
 */
static inline void
read_addrs(int fd, const char *first, char *line, size_t cap)
{
	char more[256];
	size_t len;

	if (strncmp(first, "addrs ", 6) != 0)
		fail_msg("expected an addrs line, got '%s'", first);
	snprintf(line, cap, "%s", first);
	for (;;) {
		snare_test_read_line(fd, more, sizeof(more));
		if (strcmp(more, "ready") == 0)
			break;
		if (strncmp(more, "addrs ", 6) != 0)
			fail_msg("expected an addrs line, got '%s'", more);
		len = strlen(line);
		snprintf(line + len, cap - len, "%s", more + 5);
	}
}

/*
 * Spawn and run until the tracee printed its addresses (joined into line):
 * every thread is then stopped, blocked before reading "go".
 */
static inline snare_proc *
start_tracee(snare_session *s, const char *name, const char *const *args,
	     char *line, size_t cap)
{
	snare_proc *p = spawn_tracee(s, name, args, SNARE_SPAWN_STOP_EXEC);
	char first[256];

	snare_test_run_until_line(s, snare_proc_stdio_fd(p, 1), first,
				  sizeof(first));
	read_addrs(snare_proc_stdio_fd(p, 1), first, line, cap);
	return p;
}

/* The address printed as "name=0x..." in an addrs line. */
static inline uint64_t
addr_of(const char *line, const char *name)
{
	char key[64];
	const char *at;

	snprintf(key, sizeof(key), " %s=", name);
	at = strstr(line, key);
	if (!at)
		fail_msg("no %s in '%s'", name, line);
	return strtoull(at + strlen(key), NULL, 16);
}

/*
 * Run the tracee without snare (call before the session exists): it gets
 * "go" and "end" at once; its output after the addrs line goes to out.
 */
static inline void
untraced_output(const char *name, const char *const *args, char *out,
		size_t cap)
{
	char *argv[16], first[256], line[1024];
	int in_fd, out_fd, status;
	pid_t pid;

	snare_test_argv(argv, 16, snare_test_tracee(name), args);
	pid = snare_test_fork_exec(argv, &in_fd, &out_fd);
	snare_test_read_line(out_fd, first, sizeof(first));
	read_addrs(out_fd, first, line, sizeof(line));
	snare_test_write_str(in_fd, "go\nend\n");
	snare_test_read_all(out_fd, out, cap);
	close(in_fd);
	close(out_fd);
	status = snare_test_wait_exit(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("untraced %s: status 0x%x", name, status);
}

/* Run to the end; the process must have exited 0. Reads the rest of stdout. */
static inline void
finish_tracee(snare_session *s, snare_proc *p, char *out, size_t cap)
{
	snare_test_finish(s, p, 100, out, cap);
}

/* Write lines ("go\n", "end\n"...) to the tracee's stdin. */
static inline void
go(snare_proc *p, const char *lines)
{
	snare_test_write_str(snare_proc_stdio_fd(p, 0), lines);
}

/* Run (default mode) and expect a stop at bp, address addr. */
static inline snare_thread *
run_to_bp(snare_session *s, snare_bp *bp, uint64_t addr)
{
	snare_event ev;
	int rc;

	memset(&ev, 0, sizeof(ev));
	rc = snare_run(&ev, s, SNARE_RUN_DEFAULT);
	if (rc != 0)
		fail_msg("snare_run: %s (%s)", snare_strerror(rc),
			 snare_errmsg(s));
	if (ev.kind != SNARE_EV_BREAKPOINT)
		fail_msg("expected a breakpoint at 0x%llx, got event %d "
			 "(signo %d, code %d)", (unsigned long long)addr,
			 ev.kind, ev.signo, ev.code);
	assert_ptr_equal(ev.bp, bp);
	assert_int_equal(ev.pc, addr);
	assert_non_null(ev.thread);
	return ev.thread;
}

/* snare_bp_add() that fails the test on error; opts may be NULL. */
static inline snare_bp *
add_bp(snare_proc *p, uint64_t addr, const snare_bp_opts *opts)
{
	snare_bp *bp = NULL;
	int rc = snare_bp_add(&bp, p, addr, opts);

	if (rc != 0)
		fail_msg("snare_bp_add 0x%llx: %s (%s)",
			 (unsigned long long)addr, snare_strerror(rc),
			 snare_errmsg(snare_proc_session(p)));
	assert_non_null(bp);
	return bp;
}

/* A breakpoint without callback at addr (its hits stop snare_run()). */
static inline snare_bp *
add_stopping(snare_proc *p, uint64_t addr)
{
	return add_bp(p, addr, NULL);
}

/* -ENOTSUP here means no debug register fires: say so, and skip. */
static inline void
skip_if_no_debug_registers(snare_session *s, int rc)
{
	if (rc != -ENOTSUP)
		return;
	if (!strstr(snare_errmsg(s), "debug register"))
		fail_msg("-ENOTSUP without a word on debug registers: '%s'",
			 snare_errmsg(s));
	skip();
}

#endif
