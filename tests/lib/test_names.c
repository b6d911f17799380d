/* SPDX-License-Identifier: MIT */
/*
 * test_names.c: the syscall and signal name tables against oracles that do
 * not share their code: glibc's SYS_* and <signal.h> constants, the kernel
 * header the syscall table is generated from (parsed here in C, to catch
 * the generator dropping or mangling a line), and strace, which prints the
 * name of every signal number this binary passes to kill(2) when re-run
 * under it with --kill-each-signal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The header CMakeLists.txt generates the table from. */
#define UNISTD_64_H "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"

/* A pid above any pid_max (4194304 at most), so kill() fails with ESRCH. */
#define NO_SUCH_PID 0x7ffffff0

struct sys_entry {
	long nr;
	const char *name;
};

#define SYS_ENTRY(x) { SYS_##x, #x }

/*
 * glibc's numbers, from the kernel headers it was built with: old
 * syscalls, both sides of the x86_64 hole (334 rseq, 424
 * pidfd_send_signal), and the newest ones, guarded for older C libraries.
 */
static const struct sys_entry sys_entries[] = {
	SYS_ENTRY(read), SYS_ENTRY(write), SYS_ENTRY(open), SYS_ENTRY(close),
	SYS_ENTRY(stat), SYS_ENTRY(fstat), SYS_ENTRY(lstat), SYS_ENTRY(poll),
	SYS_ENTRY(lseek), SYS_ENTRY(mmap), SYS_ENTRY(mprotect),
	SYS_ENTRY(munmap), SYS_ENTRY(brk), SYS_ENTRY(rt_sigaction),
	SYS_ENTRY(rt_sigprocmask), SYS_ENTRY(rt_sigreturn), SYS_ENTRY(ioctl),
	SYS_ENTRY(pread64), SYS_ENTRY(pwrite64), SYS_ENTRY(readv),
	SYS_ENTRY(writev), SYS_ENTRY(access), SYS_ENTRY(pipe),
	SYS_ENTRY(select), SYS_ENTRY(sched_yield), SYS_ENTRY(mremap),
	SYS_ENTRY(madvise), SYS_ENTRY(dup), SYS_ENTRY(dup2), SYS_ENTRY(pause),
	SYS_ENTRY(nanosleep), SYS_ENTRY(getpid), SYS_ENTRY(sendfile),
	SYS_ENTRY(socket), SYS_ENTRY(connect), SYS_ENTRY(accept),
	SYS_ENTRY(clone), SYS_ENTRY(fork), SYS_ENTRY(vfork),
	SYS_ENTRY(execve), SYS_ENTRY(exit), SYS_ENTRY(wait4), SYS_ENTRY(kill),
	SYS_ENTRY(uname), SYS_ENTRY(fcntl), SYS_ENTRY(getdents),
	SYS_ENTRY(getcwd), SYS_ENTRY(rename), SYS_ENTRY(unlink),
	SYS_ENTRY(readlink), SYS_ENTRY(gettimeofday), SYS_ENTRY(getrlimit),
	SYS_ENTRY(ptrace), SYS_ENTRY(getppid), SYS_ENTRY(sigaltstack),
	SYS_ENTRY(arch_prctl), SYS_ENTRY(prctl), SYS_ENTRY(gettid),
	SYS_ENTRY(tkill), SYS_ENTRY(time), SYS_ENTRY(futex),
	SYS_ENTRY(getdents64), SYS_ENTRY(set_tid_address),
	SYS_ENTRY(clock_gettime), SYS_ENTRY(clock_nanosleep),
	SYS_ENTRY(exit_group), SYS_ENTRY(epoll_wait), SYS_ENTRY(tgkill),
	SYS_ENTRY(waitid), SYS_ENTRY(openat), SYS_ENTRY(newfstatat),
	SYS_ENTRY(ppoll), SYS_ENTRY(set_robust_list), SYS_ENTRY(pipe2),
	SYS_ENTRY(prlimit64), SYS_ENTRY(getrandom), SYS_ENTRY(memfd_create),
	SYS_ENTRY(execveat),
#ifdef SYS_statx
	SYS_ENTRY(statx),
#endif
#ifdef SYS_rseq
	SYS_ENTRY(rseq),
#endif
#ifdef SYS_pidfd_send_signal
	SYS_ENTRY(pidfd_send_signal),
#endif
#ifdef SYS_clone3
	SYS_ENTRY(clone3),
#endif
#ifdef SYS_openat2
	SYS_ENTRY(openat2),
#endif
#ifdef SYS_futex_waitv
	SYS_ENTRY(futex_waitv),
#endif
#ifdef SYS_set_mempolicy_home_node
	SYS_ENTRY(set_mempolicy_home_node),
#endif
};

static void
test_syscall_glibc_numbers(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sys_entries); i++) {
		const struct sys_entry *e = &sys_entries[i];
		const char *name = snare_syscall_name(e->nr);

		assert_non_null(name);
		assert_string_equal(name, e->name);
		assert_int_equal(snare_syscall_nr(e->name), e->nr);
		assert_true(e->nr < snare_syscall_count());
	}
}

/*
 * Every "#define __NR_name number" line of the header the table is built
 * from is in the table, both ways; every other number is a hole; the count
 * is the highest number plus one.
 */
static void
test_syscall_table_matches_header(void **state)
{
	char *names[4096] = { 0 };
	char line[256], name[128];
	long nr, max = -1, count = snare_syscall_count();
	FILE *f;

	(void)state;
	f = fopen(UNISTD_64_H, "re");
	if (!f)
		skip();
	while (fgets(line, sizeof(line), f)) {
		char extra;

		if (sscanf(line, "#define __NR_%127s %ld %c", name, &nr,
			   &extra) != 2)
			continue;
		assert_true(nr >= 0 && nr < (long)ARRAY_SIZE(names));
		assert_null(names[nr]);
		names[nr] = strdup(name);
		assert_non_null(names[nr]);
		if (nr > max)
			max = nr;
	}
	fclose(f);

	assert_true(max > 0);
	assert_int_equal(count, max + 1);
	for (nr = -2; nr < count + 2; nr++) {
		const char *got = snare_syscall_name(nr);

		if (nr >= 0 && nr < count && names[nr]) {
			assert_non_null(got);
			assert_string_equal(got, names[nr]);
			assert_int_equal(snare_syscall_nr(names[nr]), nr);
		} else {
			assert_null(got);
		}
	}
	for (nr = 0; nr <= max; nr++)
		free(names[nr]);
	assert_null(snare_syscall_name(LONG_MIN));
	assert_null(snare_syscall_name(LONG_MAX));
}

static void
test_syscall_unknown_names(void **state)
{
	static const char *const unknown[] = {
		"", "opnat", "OPENAT", "SYS_openat", "__NR_openat",
		"openat ", " openat", "openat\n", "257", "waitpid",
		"signal", "syscall_0x101",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		assert_int_equal(snare_syscall_nr(unknown[i]), -ENOENT);
	assert_true(snare_syscall_nr(NULL) < 0);
}

/*
 * The spec promises close names in the message of an unknown name. The
 * message format is not specified, only that "openat" is offered for
 * "opnat" (one letter missing) and "clone3" for "clone4" (one changed).
 */
static void
test_syscall_suggestions(void **state)
{
	snare_hook_opts opts = SNARE_HOOK_OPTS_INIT;
	snare_session *s = snare_test_session(state, NULL);
	snare_hook *h = NULL;

	assert_int_equal(snare_hook_syscall_name(&h, s, "opnat", &opts),
			 -ENOENT);
	assert_null(h);
	assert_non_null(strstr(snare_errmsg(s), "openat"));
	assert_int_equal(snare_hook_syscall_name(&h, s, "clone4", &opts),
			 -ENOENT);
	assert_non_null(strstr(snare_errmsg(s), "clone3"));
	snare_test_session_free(state);
}

struct sig_entry {
	int nr;
	const char *name;
};

#define SIG_ENTRY(x) { x, #x }

/* <signal.h>'s numbers for the names strace prints. */
static const struct sig_entry sig_entries[] = {
	SIG_ENTRY(SIGHUP),    SIG_ENTRY(SIGINT),    SIG_ENTRY(SIGQUIT),
	SIG_ENTRY(SIGILL),    SIG_ENTRY(SIGTRAP),   SIG_ENTRY(SIGABRT),
	SIG_ENTRY(SIGBUS),    SIG_ENTRY(SIGFPE),    SIG_ENTRY(SIGKILL),
	SIG_ENTRY(SIGUSR1),   SIG_ENTRY(SIGSEGV),   SIG_ENTRY(SIGUSR2),
	SIG_ENTRY(SIGPIPE),   SIG_ENTRY(SIGALRM),   SIG_ENTRY(SIGTERM),
	SIG_ENTRY(SIGSTKFLT), SIG_ENTRY(SIGCHLD),   SIG_ENTRY(SIGCONT),
	SIG_ENTRY(SIGSTOP),   SIG_ENTRY(SIGTSTP),   SIG_ENTRY(SIGTTIN),
	SIG_ENTRY(SIGTTOU),   SIG_ENTRY(SIGURG),    SIG_ENTRY(SIGXCPU),
	SIG_ENTRY(SIGXFSZ),   SIG_ENTRY(SIGVTALRM), SIG_ENTRY(SIGPROF),
	SIG_ENTRY(SIGWINCH),  SIG_ENTRY(SIGIO),     SIG_ENTRY(SIGPWR),
	SIG_ENTRY(SIGSYS),
};

static void
ascii_lower(char *dst, size_t cap, const char *src)
{
	size_t i;

	for (i = 0; src[i] && i < cap - 1; i++)
		dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ?
				 (char)(src[i] - 'A' + 'a') : src[i];
	dst[i] = '\0';
}

static void
test_signal_header_names(void **state)
{
	char lower[32];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sig_entries); i++) {
		const struct sig_entry *e = &sig_entries[i];

		assert_string_equal(snare_signal_name(e->nr), e->name);
		assert_int_equal(snare_signal_nr(e->name), e->nr);
		/* Without "SIG", and in any case. */
		assert_int_equal(snare_signal_nr(e->name + 3), e->nr);
		ascii_lower(lower, sizeof(lower), e->name);
		assert_int_equal(snare_signal_nr(lower), e->nr);
		assert_int_equal(snare_signal_nr(lower + 3), e->nr);
	}
	/* Old spellings name the same numbers as in <signal.h>. */
	assert_int_equal(snare_signal_nr("SIGIOT"), SIGIOT);
	assert_int_equal(snare_signal_nr("SIGPOLL"), SIGPOLL);
	assert_int_equal(snare_signal_nr("CLD"), SIGCHLD);
	assert_int_equal(snare_signal_nr("SIGRTMAX"), _NSIG - 1);
}

/* Every signal 1..64 has a name that leads back to its number. */
static void
test_signal_round_trip(void **state)
{
	char num[16];
	int sig;

	(void)state;
	for (sig = 1; sig < _NSIG; sig++) {
		const char *name = snare_signal_name(sig);

		assert_non_null(name);
		assert_int_equal(strncmp(name, "SIG", 3), 0);
		assert_int_equal(snare_signal_nr(name), sig);
		assert_int_equal(snare_signal_nr(name + 3), sig);
		snprintf(num, sizeof(num), "%d", sig);
		assert_int_equal(snare_signal_nr(num), sig);
	}
	assert_null(snare_signal_name(0));
	assert_null(snare_signal_name(-1));
	assert_null(snare_signal_name(_NSIG));
	assert_null(snare_signal_name(INT_MAX));
	assert_null(snare_signal_name(INT_MIN));
	/* RTMIN+n and RTMAX-n count from the kernel's SIGRTMIN. */
	assert_int_equal(snare_signal_nr("SIGRTMIN+1"),
			 snare_signal_nr("SIGRT_1"));
	assert_int_equal(snare_signal_nr("RTMAX-1"), _NSIG - 2);
}

static void
test_signal_bad_names(void **state)
{
	static const char *const bad[] = {
		"", "0", "65", "-1", "+10", " 10", "10 ", "10x", "0x0a",
		"SIG", "SIGFOO", "SIGUSR3", "USR", "SIGUSR1 ", "SIG_USR1",
		"RTMIN+33", "RTMAX-33", "RTMIN-1", "RTMAX+1", "99999999999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_int_equal(snare_signal_nr(bad[i]), -EINVAL);
	assert_int_equal(snare_signal_nr(NULL), -EINVAL);
}

/* The tracee side of the strace oracle: kill(NO_SUCH_PID, 1 .. 64). */
static int
kill_each_signal(void)
{
	int sig;

	for (sig = 1; sig < _NSIG; sig++)
		syscall(SYS_kill, NO_SUCH_PID, sig);
	return 0;
}

/*
 * Run this binary under strace -e trace=kill and compare the name strace
 * prints for each signal number with ours. Skipped without a working
 * strace (not installed, or ptrace denied).
 */
static void
test_signal_names_match_strace(void **state)
{
	static char out[16384];
	char self[4096], prefix[64];
	const char *p;
	ssize_t len;
	int fds[2], status, sig;
	pid_t pid;

	(void)state;
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	assert_true(len > 0);
	self[len] = '\0';
	assert_int_equal(pipe2(fds, O_CLOEXEC), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		/* strace writes its trace to stderr: the pipe. */
		if (devnull < 0 || dup2(devnull, STDOUT_FILENO) < 0 ||
		    dup2(fds[1], STDERR_FILENO) < 0)
			_exit(126);
		execlp("strace", "strace", "-qq", "-e", "trace=kill", "-e",
		       "signal=none", self, "--kill-each-signal", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	snare_test_read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	status = snare_test_wait_exit(pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		skip();

	p = out;
	snprintf(prefix, sizeof(prefix), "kill(%d, ", NO_SUCH_PID);
	for (sig = 1; sig < _NSIG; sig++) {
		const char *end;
		char name[32];

		p = strstr(p, prefix);
		if (!p)
			fail_msg("no kill() line for signal %d in:\n%s", sig,
				 out);
		p += strlen(prefix);
		end = strchr(p, ')');
		assert_non_null(end);
		assert_true((size_t)(end - p) < sizeof(name));
		memcpy(name, p, (size_t)(end - p));
		name[end - p] = '\0';
		assert_string_equal(snare_signal_name(sig), name);
		p = end;
	}
}

/* The classes and argument roles of the syscall table, as strace 6.1's
   -e trace=%CLASS and -P see them (strace(1), its pathtrace.c). */
static void
test_syscall_classes_and_roles(void **state)
{
	unsigned char r[6];
	uint64_t args[6] = { 0 };

	(void)state;
	assert_int_equal(snare_syscall_classes(SYS_openat),
			 SNARE_SC_DESC | SNARE_SC_FILE);
	assert_true(snare_syscall_classes(SYS_newfstatat) & SNARE_SC_STAT_LIKE);
	assert_true(snare_syscall_classes(SYS_statfs) & SNARE_SC_STATFS);
	assert_true(snare_syscall_classes(SYS_getpid) & SNARE_SC_PURE);
	assert_true(snare_syscall_classes(SYS_connect) & SNARE_SC_NETWORK);
	assert_true(snare_syscall_classes(SYS_shmat) & SNARE_SC_MEMORY);
	assert_int_equal(snare_syscall_classes(SYS_sched_yield), 0);
	assert_int_equal(snare_syscall_classes(-1), 0);
	assert_int_equal(snare_syscall_classes(100000), 0);

	assert_int_equal(snare_syscall_class_named("%file"), SNARE_SC_FILE);
	assert_int_equal(snare_syscall_class_named("%net"), SNARE_SC_NETWORK);
	assert_int_equal(snare_syscall_class_named("%stat"), SNARE_SC_STAT);
	assert_int_equal(snare_syscall_class_named("%%stat"),
			 SNARE_SC_STAT_LIKE);
	assert_int_equal(snare_syscall_class_named("file"), 0);
	assert_int_equal(snare_syscall_class_named("%nope"), 0);
	assert_int_equal(snare_syscall_class_named(NULL), 0);

	assert_int_equal(snare_syscall_nargs(SYS_openat), 4);
	assert_int_equal(snare_syscall_nargs(SYS_getpid), 0);
	assert_int_equal(snare_syscall_nargs(SYS_mmap), 6);
	assert_int_equal(snare_syscall_nargs(-5), -ENOENT);

	assert_int_equal(snare_syscall_arg_roles(r, SYS_openat, NULL), 4);
	assert_int_equal(r[0], SNARE_ARG_FD);
	assert_int_equal(r[1], SNARE_ARG_PATH);
	assert_int_equal(r[2], SNARE_ARG_OTHER);
	/* symlinkat's target is a string, not a path of the system. */
	snare_syscall_arg_roles(r, SYS_symlinkat, NULL);
	assert_int_equal(r[0], SNARE_ARG_OTHER);
	assert_int_equal(r[1], SNARE_ARG_FD);
	assert_int_equal(r[2], SNARE_ARG_PATH);
	snare_syscall_arg_roles(r, SYS_mmap, NULL);
	assert_int_equal(r[4], SNARE_ARG_FD);
	assert_int_equal(r[0], SNARE_ARG_OTHER);
	snare_syscall_arg_roles(r, SYS_read, NULL);
	assert_int_equal(r[0], SNARE_ARG_FD);
	snare_syscall_arg_roles(r, SYS_chdir, NULL);
	assert_int_equal(r[0], SNARE_ARG_PATH);
	snare_syscall_arg_roles(r, SYS_socket, NULL);
	assert_int_equal(r[0], SNARE_ARG_OTHER);
	snare_syscall_arg_roles(r, SYS_poll, NULL);
	assert_int_equal(r[0], SNARE_ARG_POLL_FDS);
	snare_syscall_arg_roles(r, SYS_select, NULL);
	assert_int_equal(r[1], SNARE_ARG_FD_SET);
	assert_int_equal(r[3], SNARE_ARG_FD_SET);
	snare_syscall_arg_roles(r, SYS_getpid, NULL);
	assert_int_equal(r[0], SNARE_ARG_OTHER);
	/* fsconfig: FSCONFIG_SET_PATH has a path and a dirfd, _SET_FD an fd,
	   _SET_STRING neither. */
	args[1] = 3;
	snare_syscall_arg_roles(r, SYS_fsconfig, args);
	assert_int_equal(r[3], SNARE_ARG_PATH);
	assert_int_equal(r[4], SNARE_ARG_FD);
	args[1] = 5;
	snare_syscall_arg_roles(r, SYS_fsconfig, args);
	assert_int_equal(r[3], SNARE_ARG_OTHER);
	assert_int_equal(r[4], SNARE_ARG_FD);
	args[1] = 1;
	snare_syscall_arg_roles(r, SYS_fsconfig, args);
	assert_int_equal(r[4], SNARE_ARG_OTHER);
	assert_int_equal(snare_syscall_arg_roles(r, -1, NULL), -ENOENT);
	assert_int_equal(snare_syscall_arg_roles(NULL, SYS_read, NULL),
			 -EINVAL);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		SNARE_TEST(test_syscall_glibc_numbers),
		SNARE_TEST(test_syscall_table_matches_header),
		SNARE_TEST(test_syscall_unknown_names),
		SNARE_TEST(test_syscall_suggestions),
		SNARE_TEST(test_syscall_classes_and_roles),
		SNARE_TEST(test_signal_header_names),
		SNARE_TEST(test_signal_round_trip),
		SNARE_TEST(test_signal_bad_names),
		SNARE_TEST(test_signal_names_match_strace),
	};

	/* _exit: LeakSanitizer's exit-time check fails under ptrace. */
	if (argc == 2 && strcmp(argv[1], "--kill-each-signal") == 0)
		_exit(kill_each_signal());
	return cmocka_run_group_tests(tests, NULL, NULL);
}
