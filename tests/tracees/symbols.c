/* SPDX-License-Identifier: MIT */
/*
 * symbols: a tracee for the symbol layer. It has a global function
 * marker_add(), a loop, a static function, a global variable and a
 * C++-mangled name, and calls printf from libc. It prints "ready" and the
 * addresses of its markers, then raises SIGSTOP so that it can be
 * inspected, and prints "sum N" when continued. Tests usually inspect it
 * at its entry point without running it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int marker_global = 42;

__attribute__((noinline)) int
marker_add(int a, int b)
{
	__asm__ volatile("" ::: "memory");
	return a + b; /* the marker_add body line */
}

/* A mangled name: ns::marker_cxx(int), as g++ would name it. */
__attribute__((noinline)) int
marker_cxx(int x) __asm__("_ZN2ns10marker_cxxEi");

__attribute__((noinline)) int
marker_cxx(int x)
{
	__asm__ volatile("" ::: "memory");
	return x * 3;
}

/* A loop: its lines have several addresses. */
__attribute__((noinline)) long
marker_loop(const int *v, int n)
{
	long s = 0;

	for (int i = 0; i < n; i++)
		s += v[i] * (i & 1 ? 3 : 1);
	return s;
}

static __attribute__((noinline)) int
static_helper(int x)
{
	__asm__ volatile("" ::: "memory");
	return marker_add(x, marker_global);
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	int sum;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("ready marker_add=%p marker_global=%p\n", (void *)marker_add,
	       (void *)&marker_global);
	raise(SIGSTOP);
	sum = static_helper(n) + marker_cxx(n);
	sum += (int)marker_loop(&marker_global, 1);
	printf("sum %d\n", sum);
	return 0;
}
