/* SPDX-License-Identifier: MIT */
/*
 * kstack_exec: takes a signal in a handler, then execs itself once with an
 * argument ("again"), whose run exits. For `-k`: strace shows a signal's
 * stack (where it found the thread) and an exec's stack as it was at the
 * call (the caller's frames, not the new image's one frame).
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void
on_usr1(int sig)
{
	got = sig;
}

static __attribute__((noinline)) void
signal_me(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
}

static __attribute__((noinline)) void
exec_me(const char *self)
{
	char *argv[] = { (char *)self, "again", NULL };

	execv("/proc/self/exe", argv);
	_exit(3);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "again"))
		return 0;
	signal_me();
	if (!got)
		return 2;
	exec_me(argv[0]);
	return 1;
}
