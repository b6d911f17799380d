/* SPDX-License-Identifier: MIT */
/*
 * test_fdinfo.c: what snare_format_syscall_enter()/_exit() print after an
 * fd with yflag 1 (-y) and 2 (-yy), on the cli_annot tracee: the working
 * directory after AT_FDCWD, a socketpair's ends with their peers, a device
 * with its numbers, a pidfd with its pid, fds in a poll array; and no
 * annotation where there is nothing to describe (an fd that is not open,
 * a negative one, no process).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

#define MAX_LINES 1024
#define LINE_CAP 2048

struct lines {
	snare_format_opts opts;
	char *line[MAX_LINES];
	size_t n;
	char cur[LINE_CAP];
	bool probed;
	char probe[3][128];
};

static int
on_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct lines *l = user;
	snare_proc *p = snare_thread_proc(t);

	snare_format_syscall_enter(l->cur, sizeof(l->cur), p, sc->nr, sc->args,
				   &l->opts);
	if (!l->probed) {
		/* While the process is alive: fds with nothing to show. */
		uint64_t args[6] = { 1000 };

		l->probed = true;
		snare_format_syscall_enter(l->probe[0], sizeof(l->probe[0]), p,
					   SYS_close, args, &l->opts);
		args[0] = (uint64_t)-1;
		snare_format_syscall_enter(l->probe[1], sizeof(l->probe[1]), p,
					   SYS_close, args, &l->opts);
		args[0] = 0;
		snare_format_syscall_enter(l->probe[2], sizeof(l->probe[2]),
					   NULL, SYS_close, args, &l->opts);
	}
	return SNARE_CONTINUE;
}

static int
on_exit_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	struct lines *l = user;
	size_t len = strlen(l->cur);

	snare_format_syscall_exit(l->cur + len, sizeof(l->cur) - len,
				  snare_thread_proc(t), sc->nr, sc->args,
				  sc->retval, &l->opts);
	if (l->n < MAX_LINES)
		l->line[l->n++] = strdup(l->cur);
	return SNARE_CONTINUE;
}

static void
trace_annot(void **state, struct lines *l, int yflag)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	char dir[] = "/tmp/snare-fdinfo-XXXXXX";
	const char *tracee = snare_test_tracee("cli_annot");
	char *argv[] = { (char *)tracee, dir, NULL };
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT;

	assert_non_null(mkdtemp(dir));
	fo.yflag = yflag;
	l->opts = fo;
	so.stdio[0].kind = SNARE_STDIO_NULL;
	so.stdio[1].kind = SNARE_STDIO_NULL;
	ho.on_enter = on_enter;
	ho.on_exit = on_exit_cb;
	ho.user = l;
	snare_test_spawn(s, tracee, argv, &so);
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho), 0);
	snare_test_run_to_end(s, 1000);
	snare_test_session_free(state);
	rmdir(dir);
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->line[i]);
}

/* The first line that starts with prefix and contains each of the rest
   (NULL-terminated), or fail. */
static const char *
need(const struct lines *l, const char *prefix, ...)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const char *want;
		bool ok = !strncmp(l->line[i], prefix, strlen(prefix));
		va_list ap;

		va_start(ap, prefix);
		while (ok && (want = va_arg(ap, const char *)))
			ok = strstr(l->line[i], want) != NULL;
		va_end(ap);
		if (ok)
			return l->line[i];
	}
	for (i = 0; i < l->n; i++)
		print_message("  %s\n", l->line[i]);
	fail_msg("no line %s...", prefix);
	return NULL;
}

static void
test_yy_describes(void **state)
{
	struct lines *l = calloc(1, sizeof(*l));
	char cwd[4096], want[4200];

	assert_non_null(l);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	trace_annot(state, l, 2);
	snprintf(want, sizeof(want), "openat(AT_FDCWD<%s>, \"/dev/null\"", cwd);
	need(l, want, ") = 3</dev/null<char 1:3>>", NULL);
	need(l, "socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, "
	     "[3<UNIX-STREAM:[", "->", "]>, 4<UNIX-STREAM:[", NULL);
	need(l, "listen(3<TCP:[127.0.0.1:", "]>, 1) = 0", NULL);
	need(l, "accept4(3<TCP:[127.0.0.1:", "->127.0.0.1:", NULL);
	need(l, "pidfd_open(", ") = 3<pid:", NULL);
	need(l, "poll([{fd=3<pipe:[", "{fd=-1}], 3, 0) = 2", NULL);
	/* Nothing to say: no annotation, no crash. */
	assert_string_equal(l->probe[0], "close(1000");
	assert_string_equal(l->probe[1], "close(-1");
	assert_string_equal(l->probe[2], "close(0");
	lines_free(l);
	free(l);
}

static void
test_y_paths_only(void **state)
{
	struct lines *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	trace_annot(state, l, 1);
	/* -y: the link's text, not the -yy description. */
	need(l, "socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, "
	     "[3<socket:[", NULL);
	need(l, "openat(AT_FDCWD<", "\"/dev/null\"", ") = 3</dev/null>", NULL);
	need(l, "pidfd_open(", ") = 3<anon_inode:[pidfd]>", NULL);
	lines_free(l);
	free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_yy_describes),
		SNARE_TEST(test_y_paths_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
