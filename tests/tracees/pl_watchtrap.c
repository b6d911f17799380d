/* SPDX-License-Identifier: MIT */
/*
 * pl_watchtrap: installs a SIGTRAP handler, stores 42 into the 8-byte
 * global pl_watched (one movq in pl_store), then raise(SIGTRAP). Prints
 * "watchtrap value 42 traps 1" (traps: times the handler ran, 1 without a
 * tracer) and exits 0 when the handler ran once, 1 otherwise.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

long pl_watched __attribute__((aligned(8)));
extern void pl_store(long v);

__asm__(".text\n"
	".globl pl_store\n.type pl_store,@function\npl_store:\n\t"
	"movq %rdi,pl_watched(%rip)\n\tret\n"
	".size pl_store, .-pl_store\n");

static volatile sig_atomic_t traps;

static void
on_trap(int sig)
{
	(void)sig;
	traps++;
}

int
main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_trap;
	sigaction(SIGTRAP, &sa, NULL);
	pl_store(42);
	raise(SIGTRAP);
	printf("watchtrap value %ld traps %d\n", pl_watched, (int)traps);
	return traps == 1 ? 0 : 1;
}
