/* SPDX-License-Identifier: MIT */
/*
 * bpsym_calls: for breakpoints by location. Prints five numbered lines with
 * printf, then calls chain_one() -> chain_two() -> chain_three() once (a
 * known call stack for backtraces) and prints "chain N".
 */
#include <stdio.h>

__attribute__((noinline)) int
chain_three(int x)
{
	__asm__ volatile("" ::: "memory");
	return x * 7;
}

__attribute__((noinline)) int
chain_two(int x)
{
	return chain_three(x + 1) + 1;
}

__attribute__((noinline)) int
chain_one(int x)
{
	return chain_two(x + 1) + 1;
}

int
main(void)
{
	int i;

	for (i = 0; i < 5; i++)
		printf("line %d\n", i);
	printf("chain %d\n", chain_one(1));
	return 0;
}
