/* SPDX-License-Identifier: MIT */
/*
 * compute: prints "a N" and "b M", the values two successive getppid()
 * calls returned. The test hooks getppid and changes rax at the syscall
 * exit, so the numbers printed are the ones it wrote.
 */
#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	long a, b;

	a = (long)getppid();
	b = (long)getppid();
	printf("a %ld\nb %ld\n", a, b);
	return 0;
}
