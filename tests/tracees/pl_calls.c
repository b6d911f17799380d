/* SPDX-License-Identifier: MIT */
/*
 * pl_calls N: calls pl_outer(i) for i = 0..N-1. pl_outer (assembly, with
 * CFI) calls pl_inner through one 5-byte call instruction at pl_call, which
 * returns to pl_ret; pl_inner counts its calls in g_inner and returns
 * i + 1. Prints "calls N sum S inner C" and exits 0 when S = N(N+1)/2 and
 * C = N, 1 otherwise. No stdin; the work starts at once.
 */
#include <stdio.h>
#include <stdlib.h>

long g_inner;
extern long pl_outer(long);

__asm__(".text\n"
	".globl pl_outer\n.type pl_outer,@function\npl_outer:\n\t"
	".cfi_startproc\n\t"
	"push %rbp\n\t"
	".cfi_def_cfa_offset 16\n\t"
	".cfi_offset %rbp, -16\n\t"
	"mov %rsp,%rbp\n\t"
	".cfi_def_cfa_register %rbp\n"
	".globl pl_call\npl_call:\n\t"
	"call pl_inner\n"
	".globl pl_ret\npl_ret:\n\t"
	"pop %rbp\n\t"
	".cfi_def_cfa %rsp, 8\n\t"
	"ret\n\t"
	".cfi_endproc\n"
	".size pl_outer, .-pl_outer\n"
	/* incq g_inner(%rip) (7 bytes), lea 1(%rdi),%rax (4), ret (1) */
	".globl pl_inner\n.type pl_inner,@function\npl_inner:\n\t"
	".cfi_startproc\n\t"
	"incq g_inner(%rip)\n\t"
	"lea 1(%rdi),%rax\n\t"
	"ret\n\t"
	".cfi_endproc\n"
	".size pl_inner, .-pl_inner\n");

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10, i, sum = 0;

	for (i = 0; i < n; i++)
		sum += pl_outer(i);
	printf("calls %ld sum %ld inner %ld\n", n, sum, g_inner);
	return sum == n * (n + 1) / 2 && g_inner == n ? 0 : 1;
}
