/* SPDX-License-Identifier: MIT */
/*
 * test_format.c: the strace-style printer against strace 6.1 as an oracle.
 *
 * The fmt_calls tracee makes a fixed list of syscalls between two markers
 * (getpid() and getppid()). It runs once under `setarch -R strace -e
 * signal=none -o FILE` and once under snare (no_aslr, every syscall hooked,
 * each line the concatenation of snare_format_syscall_enter() and _exit()).
 * Both runs see the same addresses, so the lines of the main phase must be
 * identical once strace's column padding before " = " is removed and the
 * pid is replaced by "PID". The loader's lines before the marker are
 * compared too and reported, without failing on them. Unit tests cover
 * siginfo, errno names, unknown syscalls and the snprintf convention.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define MAX_LINES 512
#define LINE_CAP 1024

struct trace {
	char *line[MAX_LINES];
	size_t n;
	char cur[LINE_CAP];
};

static void
trace_push(struct trace *tr, const char *s)
{
	if (tr->n < MAX_LINES)
		tr->line[tr->n++] = strdup(s);
}

static void
trace_free(struct trace *tr)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		free(tr->line[i]);
	tr->n = 0;
}

static int
on_enter(snare_thread *t, snare_syscall *sc, void *user)
{
	struct trace *tr = user;

	snare_format_syscall_enter(tr->cur, sizeof(tr->cur),
				   snare_thread_proc(t), sc->nr, sc->args, NULL);
	if (sc->nr == SYS_exit_group)
		trace_push(tr, tr->cur);
	return SNARE_CONTINUE;
}

static int
on_exit_cb(snare_thread *t, snare_syscall *sc, void *user)
{
	struct trace *tr = user;
	size_t len = strlen(tr->cur);

	/* First into a buffer too small, as a caller that learns the size
	   it needs: the second call must print the same (notes taken at
	   entry are still there). */
	snare_format_syscall_exit(tr->cur + len, 2, snare_thread_proc(t),
				  sc->nr, sc->args, sc->retval, NULL);
	snare_format_syscall_exit(tr->cur + len, sizeof(tr->cur) - len,
				  snare_thread_proc(t), sc->nr, sc->args,
				  sc->retval, NULL);
	trace_push(tr, tr->cur);
	return SNARE_CONTINUE;
}

/* strace pads the return value to column 40: ")      = 3" -> ") = 3". */
static void
unpad(char *s)
{
	char *p, *last = NULL;

	for (p = strstr(s, ") "); p; p = strstr(p + 1, ") ")) {
		char *q = p + 1;

		while (*q == ' ')
			q++;
		if (q[0] == '=' && q[1] == ' ')
			last = p;
	}
	if (last) {
		char *q = last + 1;

		while (*q == ' ')
			q++;
		memmove(last + 2, q, strlen(q) + 1);
	}
}

/* Replace every whole-number occurrence of pid by "PID": not within a
   hex number or a name (pid 390 in 0x7fffffffe390 is not the pid). */
static void
mask_pid(char *s, long pid)
{
	char num[32], out[LINE_CAP], *p = s;
	size_t k, o = 0;

	k = (size_t)snprintf(num, sizeof(num), "%ld", pid);
	while (*p && o + 8 < sizeof(out)) {
		bool edge_l = p == s || !isalnum((unsigned char)p[-1]);

		if (edge_l && !strncmp(p, num, k) &&
		    !isalnum((unsigned char)p[k])) {
			memcpy(out + o, "PID", 3);
			o += 3;
			p += k;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	strcpy(s, out);
}

static long
find_pid(const struct trace *tr)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		if (!strncmp(tr->line[i], "getpid() = ", 11))
			return atol(tr->line[i] + 11);
	return -1;
}

static void
normalise(struct trace *tr)
{
	long pid = find_pid(tr);
	size_t i;

	for (i = 0; i < tr->n; i++)
		if (pid > 0)
			mask_pid(tr->line[i], pid);
}

static void
read_strace(struct trace *tr, const char *path)
{
	char line[LINE_CAP];
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "+++", 3) || !strncmp(line, "---", 3))
			continue;
		unpad(line);
		trace_push(tr, line);
	}
	fclose(f);
	/* snare stops after the exec: the execve line is strace's only. */
	if (tr->n && !strncmp(tr->line[0], "execve(", 7)) {
		free(tr->line[0]);
		memmove(tr->line, tr->line + 1, --tr->n * sizeof(tr->line[0]));
	}
	normalise(tr);
}

static void
run_strace(const char *tracee, const char *dir, const char *out)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 0);
		dup2(fd, 1);
		/* Only 0-2 open, as in snare's spawn. */
		syscall(SYS_close_range, 3, ~0U, 0);
		execlp("setarch", "setarch", "-R", "strace", "-e", "signal=none",
		       "-o", out, tracee, dir, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		skip(); /* no strace or setarch here */
}

static void
run_snare(void **state, struct trace *tr, const char *tracee, const char *dir)
{
	snare_session *s = snare_test_session(state, NULL);
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_hook_opts ho = SNARE_HOOK_OPTS_INIT;
	char *argv[] = { (char *)tracee, (char *)dir, NULL };
	snare_proc *p = NULL;
	int rc;

	so.no_aslr = 1;
	so.stdio[0].kind = SNARE_STDIO_NULL;
	so.stdio[1].kind = SNARE_STDIO_NULL;
	ho.on_enter = on_enter;
	ho.on_exit = on_exit_cb;
	ho.user = tr;
	rc = snare_spawn(&p, s, tracee, argv, &so);
	if (rc)
		fail_msg("spawn: %s (%s)", snare_strerror(rc), snare_errmsg(s));
	assert_int_equal(snare_hook_syscall(NULL, s, SNARE_HOOK_ALL, &ho), 0);
	snare_test_run_to_end(s, 1000);
	snare_test_session_free(state);
	normalise(tr);
}

static size_t
find_line(const struct trace *tr, const char *prefix)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		if (!strncmp(tr->line[i], prefix, strlen(prefix)))
			return i;
	return tr->n;
}

static void
test_against_strace(void **state)
{
	const char *tracee = snare_test_tracee("fmt_calls");
	char dir[] = "/tmp/snare-fmt-XXXXXX", out[64];
	struct trace st = { .n = 0 }, sn = { .n = 0 };
	size_t a0, a1, b0, b1, i, same = 0, loader_same = 0, bad = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(out, sizeof(out), "%s.strace", dir);
	run_strace(tracee, dir, out);
	read_strace(&st, out);
	unlink(out);
	run_snare(state, &sn, tracee, dir);
	rmdir(dir);

	a0 = find_line(&st, "getpid() = PID");
	a1 = find_line(&st, "getppid() = ");
	b0 = find_line(&sn, "getpid() = PID");
	b1 = find_line(&sn, "getppid() = ");
	assert_true(a0 < a1 && a1 < st.n);
	assert_true(b0 < b1 && b1 < sn.n);
	for (i = 0; i < a0 && i < b0; i++)
		loader_same += !strcmp(st.line[i], sn.line[i]);
	for (i = 0; a0 + i < a1 && b0 + i < b1; i++) {
		if (!strcmp(st.line[a0 + i], sn.line[b0 + i])) {
			same++;
			continue;
		}
		bad++;
		print_message("strace: %s\nsnare:  %s\n", st.line[a0 + i],
			      sn.line[b0 + i]);
	}
	print_message("main phase: %zu/%zu lines identical; loader: %zu/%zu\n",
		      same, a1 - a0, loader_same, a0);
	assert_int_equal(a1 - a0, b1 - b0);
	assert_int_equal(bad, 0);
	trace_free(&st);
	trace_free(&sn);
}

static void
test_siginfo(void **state)
{
	snare_siginfo si = { .signo = SIGCHLD, .code = CLD_EXITED, .pid = 123 };
	char buf[256];

	(void)state;
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGCHLD, si_code=CLD_EXITED, "
				 "si_pid=123, si_uid=0, si_status=0, "
				 "si_utime=0, si_stime=0}");
	si = (snare_siginfo){ .signo = SIGSEGV, .code = SEGV_MAPERR };
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, "
				 "si_addr=NULL}");
	si = (snare_siginfo){ .signo = SIGUSR1, .code = SI_USER, .pid = 7 };
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGUSR1, si_code=SI_USER, "
				 "si_pid=7, si_uid=0}");
	si = (snare_siginfo){ .signo = SIGUSR2, .code = SI_TKILL, .pid = 8,
			      .uid = 1000 };
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGUSR2, si_code=SI_TKILL, "
				 "si_pid=8, si_uid=1000}");
	si = (snare_siginfo){ .signo = SIGRTMIN, .code = SI_QUEUE, .pid = 9,
			      .value = 42 };
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGRT_2, si_code=SI_QUEUE, "
				 "si_pid=9, si_uid=0, si_int=42, "
				 "si_ptr=0x2a}");
	si = (snare_siginfo){ .signo = SIGCHLD, .code = CLD_KILLED,
			      .pid = 5, .status = SIGKILL, .utime = 3 };
	snare_format_siginfo(buf, sizeof(buf), &si);
	assert_string_equal(buf, "{si_signo=SIGCHLD, si_code=CLD_KILLED, "
				 "si_pid=5, si_uid=0, si_status=SIGKILL, "
				 "si_utime=3 /* 0.03 s */, si_stime=0}");
}

static void
test_names_and_returns(void **state)
{
	uint64_t args[6] = { 1, 2, 3, 4, 5, 6 };
	uint64_t zero[6] = { 0 };
	char buf[256];
	size_t n;

	(void)state;
	assert_string_equal(snare_errno_name(2), "ENOENT");
	assert_string_equal(snare_errno_name(-2), "ENOENT");
	assert_string_equal(snare_errno_name(512), "ERESTARTSYS");
	assert_null(snare_errno_name(4000));

	n = snare_format_syscall_enter(buf, sizeof(buf), NULL, 500, args, NULL);
	assert_string_equal(buf, "syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6");
	assert_int_equal(n, strlen(buf));
	snare_format_syscall_exit(buf, sizeof(buf), NULL, 500, args, -ENOSYS,
				  NULL);
	assert_string_equal(buf, ") = -1 ENOSYS (Function not implemented)");

	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_read, args, NULL);
	assert_string_equal(buf, "read(1");
	snare_format_syscall_exit(buf, sizeof(buf), NULL, SYS_read, args,
				  -512, NULL);
	assert_string_equal(buf, ", 0x2, 3) = ? ERESTARTSYS (To be restarted "
				 "if SA_RESTART is set)");

	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_exit_group, zero,
				   NULL);
	assert_string_equal(buf, "exit_group(0) = ?");
	assert_int_equal(snare_format_syscall_exit(buf, sizeof(buf), NULL,
						   SYS_exit_group, zero, 0,
						   NULL), 0);

	/* Left open: ", " only before an argument the kernel fills in. */
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_read, args, NULL);
	assert_string_equal(buf, ", ");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_wait4, args, NULL);
	assert_string_equal(buf, ", ");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_clone3, args, NULL);
	assert_string_equal(buf, "");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_sendfile, args,
					NULL);
	assert_string_equal(buf, "");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_nanosleep, args,
					NULL);
	assert_string_equal(buf, ", ");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_getpid, args, NULL);
	assert_string_equal(buf, "");
	snare_format_syscall_unfinished(buf, sizeof(buf), SYS_exit_group, args,
					NULL);
	assert_string_equal(buf, "");

	/* snprintf semantics: truncated, terminated, full length returned. */
	n = snare_format_syscall_enter(buf, 5, NULL, 500, args, NULL);
	assert_int_equal(n, strlen("syscall_0x1f4(0x1, 0x2, 0x3, 0x4, 0x5, 0x6"));
	assert_string_equal(buf, "sysc");
	assert_int_equal(snare_format_syscall_enter(NULL, 0, NULL, 500, args,
						    NULL), n);
}

/*
 * An injected return value is a success whatever its value: in the errno
 * range it prints as strace prints it (unsigned by default, hex for mmap),
 * where the plain exit half calls it an error.
 */
static void
test_exit_success(void **state)
{
	uint64_t zero[6] = { 0 };
	char buf[256];
	size_t n;

	(void)state;
	n = snare_format_syscall_exit_success(buf, sizeof(buf), NULL,
					      SYS_geteuid, zero, -2, NULL);
	assert_string_equal(buf, ") = 18446744073709551614");
	assert_int_equal(n, strlen(buf));
	snare_format_syscall_exit(buf, sizeof(buf), NULL, SYS_geteuid, zero,
				  -2, NULL);
	assert_string_equal(buf, ") = -1 ENOENT (No such file or directory)");
	snare_format_syscall_exit_success(buf, sizeof(buf), NULL, SYS_geteuid,
					  zero, 42, NULL);
	assert_string_equal(buf, ") = 42");
	snare_format_syscall_exit_success(buf, sizeof(buf), NULL, SYS_mmap,
					  zero, -1, NULL);
	assert_string_equal(buf, ") = 0xffffffffffffffff");
	/* snprintf semantics, as the plain exit half. */
	assert_int_equal(snare_format_syscall_exit_success(NULL, 0, NULL,
							   SYS_geteuid, zero,
							   -2, NULL), n);
}

/*
 * decode_pids (strace -Y): a pid argument or return value is followed by
 * the command of a live process, read from /proc when printing; a group,
 * a reaped process, decode_pids 0 and version-1 options show none.
 */
static void
test_decode_pids(void **state)
{
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT, v1;
	uint64_t args[6] = { 0, SIGTERM, 0, 0, 0, 0 };
	int go[2], ready[2], st;
	char buf[256], want[128], c;
	pid_t kid;

	(void)state;
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	kid = fork();
	assert_true(kid >= 0);
	if (kid == 0) {
		prctl(PR_SET_NAME, "pid<kid>");
		close(go[1]);
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1); /* named */

	fo.decode_pids = SNARE_DECODE_PIDS_COMM;
	args[0] = (uint64_t)kid;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, args, &fo);
	/* '<' and '>' of the name in octal, as strace quotes it. */
	snprintf(want, sizeof(want), "kill(%d<pid\\74kid\\76>, SIGTERM", kid);
	assert_string_equal(buf, want);
	snare_format_syscall_exit(buf, sizeof(buf), NULL, SYS_fork, args, kid,
				  &fo);
	snprintf(want, sizeof(want), ") = %d<pid\\74kid\\76>", kid);
	assert_string_equal(buf, want);
	/* A process group names no process. */
	args[0] = (uint64_t)-kid;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, args, &fo);
	snprintf(want, sizeof(want), "kill(%d, SIGTERM", -kid);
	assert_string_equal(buf, want);
	/* pidns alone: the same namespace, nothing added. */
	fo.decode_pids = SNARE_DECODE_PIDS_PIDNS;
	args[0] = (uint64_t)kid;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, args, &fo);
	snprintf(want, sizeof(want), "kill(%d, SIGTERM", kid);
	assert_string_equal(buf, want);
	/* A version-1 caller has no decode_pids: what lies there is not
	   read. */
	v1 = (snare_format_opts)SNARE_FORMAT_OPTS_INIT;
	v1.version = 1;
	v1.decode_pids = SNARE_DECODE_PIDS_COMM;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, args, &v1);
	assert_string_equal(buf, want);

	/* Reaped: no comm any more. */
	close(go[1]);
	assert_int_equal(waitpid(kid, &st, 0), kid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(ready[0]);
	fo.decode_pids = SNARE_DECODE_PIDS_COMM;
	args[1] = 0;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_wait4, args, &fo);
	snprintf(want, sizeof(want), "wait4(%d", kid);
	assert_string_equal(buf, want);
	snare_format_syscall_exit(buf, sizeof(buf), NULL, SYS_wait4, args, kid,
				  &fo);
	snprintf(want, sizeof(want), ", NULL, 0, NULL) = %d", kid);
	assert_string_equal(buf, want);
}

/* -X raw and -X verbose: xlat_style, and a version 1 caller's options. */
static void
test_xlat_style(void **state)
{
	snare_format_opts o = SNARE_FORMAT_OPTS_INIT;
	uint64_t at[6] = { (uint64_t)AT_FDCWD, 0x1000, O_RDONLY | O_CLOEXEC };
	uint64_t cr[6] = { (uint64_t)AT_FDCWD, 0x1000,
			   O_WRONLY | O_CREAT | 0x40000000, 0644 };
	uint64_t ls[6] = { 3, 1, SEEK_CUR }, bad[6] = { 3, 1, 77 };
	uint64_t kl[6] = { 42, SIGCHLD }, ac[6] = { 0x1000, F_OK };
	char buf[256];

	(void)state;
	o.xlat_style = 1;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_openat, at, &o);
	assert_string_equal(buf, "openat(-100, 0x1000, 0x80000");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_openat, cr, &o);
	assert_string_equal(buf, "openat(-100, 0x1000, 0x40000041, 0644");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_lseek, bad, &o);
	assert_string_equal(buf, "lseek(3, 1, 0x4d");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, kl, &o);
	assert_string_equal(buf, "kill(42, 17");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_access, ac, &o);
	assert_string_equal(buf, "access(0x1000, 0");

	o.xlat_style = 2;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_openat, at, &o);
	assert_string_equal(buf, "openat(-100 /* AT_FDCWD */, 0x1000, "
				 "0x80000 /* O_RDONLY|O_CLOEXEC */");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_openat, cr, &o);
	assert_string_equal(buf, "openat(-100 /* AT_FDCWD */, 0x1000, 0x40000041 "
				 "/* O_WRONLY|O_CREAT|0x40000000 */, 0644");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_lseek, ls, &o);
	assert_string_equal(buf, "lseek(3, 1, 0x1 /* SEEK_CUR */");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_lseek, bad, &o);
	assert_string_equal(buf, "lseek(3, 1, 0x4d /* SEEK_??? */");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_kill, kl, &o);
	assert_string_equal(buf, "kill(42, 17 /* SIGCHLD */");
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_access, ac, &o);
	assert_string_equal(buf, "access(0x1000, 0 /* F_OK */");

	/* A version 1 caller knows no xlat_style: whatever follows its
	   struct is not read, constants print by name. */
	o.version = 1;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_openat, at, &o);
	assert_string_equal(buf, "openat(AT_FDCWD, 0x1000, O_RDONLY|O_CLOEXEC");

	/* An unknown style is refused with a message, not guessed. */
	o.version = SNARE_FORMAT_OPTS_VERSION;
	o.xlat_style = 7;
	snare_format_syscall_enter(buf, sizeof(buf), NULL, SYS_lseek, ls, &o);
	assert_non_null(strstr(buf, "xlat_style"));
	assert_int_equal(buf[0], '<');
}

/*
 * Version 3: decode_fds describes only the kinds of fds chosen (a device
 * under DEV, nothing under SOCKET or PIDFD), 0 leaves it to yflag, and
 * terse prints a structure the tracee holds as its address. A version 2
 * caller's bytes after its struct are not read; bad bits are refused.
 */
static void
test_decode_fds_terse(void **state)
{
	snare_session *s = snare_test_session(state, NULL);
	const char *path = snare_test_tracee("hk_getpid");
	char *const argv[] = { (char *)path, NULL };
	snare_spawn_opts so = SNARE_SPAWN_OPTS_INIT;
	snare_format_opts fo = SNARE_FORMAT_OPTS_INIT, v2;
	uint64_t cl[6] = { 1 }, ns[6] = { 0 };
	char buf[256], want[64];
	snare_proc *p = NULL;
	int rc;

	so.stdio[1].kind = SNARE_STDIO_NULL;
	rc = snare_spawn(&p, s, path, argv, &so);
	if (rc)
		fail_msg("spawn: %s (%s)", snare_strerror(rc), snare_errmsg(s));
	/* fd 1 is /dev/null. */
	fo.decode_fds = SNARE_DECODE_FDS_DEV;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &fo);
	assert_string_equal(buf, "close(1</dev/null<char 1:3>>");
	fo.decode_fds = SNARE_DECODE_FDS_PATH;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &fo);
	assert_string_equal(buf, "close(1</dev/null>");
	fo.decode_fds = SNARE_DECODE_FDS_SOCKET | SNARE_DECODE_FDS_PIDFD;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &fo);
	assert_string_equal(buf, "close(1");
	fo.decode_fds = 0;
	fo.yflag = 2;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &fo);
	assert_string_equal(buf, "close(1</dev/null<char 1:3>>");
	/* Version 2: decode_fds is not read, yflag 1 is the path. */
	v2 = fo;
	v2.version = 2;
	v2.yflag = 1;
	v2.decode_fds = SNARE_DECODE_FDS_SOCKET;
	v2.terse = 1;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &v2);
	assert_string_equal(buf, "close(1</dev/null>");
	fo.decode_fds = 0x10;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_close, cl, &fo);
	assert_non_null(strstr(buf, "decode_fds"));
	assert_int_equal(buf[0], '<');

	/* nanosleep's request on the tracee's stack: in full, then as its
	   address under terse. */
	ns[0] = snare_test_reg(snare_proc_thread(p, snare_proc_pid(p)), "rsp");
	fo = (snare_format_opts)SNARE_FORMAT_OPTS_INIT;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_nanosleep, ns, &fo);
	assert_non_null(strstr(buf, "nanosleep({tv_sec="));
	fo.terse = 1;
	snare_format_syscall_enter(buf, sizeof(buf), p, SYS_nanosleep, ns, &fo);
	snprintf(want, sizeof(want), "nanosleep(%#llx",
		 (unsigned long long)ns[0]);
	assert_string_equal(buf, want);
	snare_test_run_to_end(s, 100);
	snare_test_session_free(state);
}

int
main(void)
{
	/* ctest may hand us open descriptors; the tracee and strace's tracee
	   must start with the same fds for the texts to compare. */
	closefrom(3);
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_names_and_returns),
		SNARE_TEST(test_exit_success),
		SNARE_TEST(test_siginfo),
		SNARE_TEST(test_decode_pids),
		SNARE_TEST(test_xlat_style),
		SNARE_TEST(test_decode_fds_terse),
		SNARE_TEST(test_against_strace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
