/* SPDX-License-Identifier: MIT */
/*
 * call_args: functions with known parameters, for snare_symtab_params()
 * and snare_format_call(). Prints "addrs mixed=0x... many=0x...
 * variadic=0x... by_value=0x... none=0x..." and "ready", waits for a line
 * on stdin, calls each once with fixed arguments, prints "sum N" and exits
 * 0 after "end" on stdin. Built -O1 -g; the functions are noinline and
 * used, so each has an out-of-line entry with DWARF.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracee.h"

enum color { RED = 1, GREEN = 2 };
struct pair { long a, b; };
typedef unsigned long my_size;

/* Each function counts its calls: a side effect, so no compiler drops a
   call whose result it could compute (clang does that to none()). */
static volatile int calls;

__attribute__((noinline, used)) long
mixed(int i, unsigned char c, const char *s, void *p, double d, my_size n,
      float f, enum color col)
{
	calls++;
	return i + c + (long)strlen(s) + (p ? 1 : 0) + (long)d + (long)n +
	       (long)f + col;
}

__attribute__((noinline, used)) long
many(long a, long b, long c, long d, long e, long f, long g)
{
	calls++;
	return a + b + c + d + e + f + g;
}

__attribute__((noinline, used)) long
variadic(const char *fmt, ...)
{
	va_list ap;
	long v;

	calls++;
	va_start(ap, fmt);
	v = va_arg(ap, long);
	va_end(ap);
	return v + (long)strlen(fmt);
}

__attribute__((noinline, used)) long
by_value(struct pair pr, int x)
{
	calls++;
	return pr.a + pr.b + x;
}

__attribute__((noinline, used)) long
none(void)
{
	calls++;
	return 1;
}

int
main(void)
{
	struct pair pr = { 3, 4 };
	long sum = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("addrs mixed=%p many=%p variadic=%p by_value=%p none=%p\nready\n",
	       (void *)mixed, (void *)many, (void *)variadic, (void *)by_value,
	       (void *)none);
	wait_line();
	sum += mixed(-7, 200, "hello\n", NULL, 2.5, 42, -1.25f, GREEN);
	sum += many(1, 2, 3, 4, 5, 6, 7);
	sum += variadic("%ld", 9L);
	sum += by_value(pr, 5);
	sum += none();
	printf("sum %ld\n", sum + calls - 5);
	wait_line();
	return 0;
}
