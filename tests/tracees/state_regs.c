/* SPDX-License-Identifier: MIT */
/*
 * state_regs: general and MMX registers at a known point, for the
 * sub-register tests. regs_probe() loads rax, rbx, rcx, rdx, rsi, rbp,
 * r8-r15 and rdi from in[0..14] and mm0-mm7 from in[16..23], then calls
 * regs_mark(), an empty function a tracer puts a breakpoint on. After it
 * returns, regs_probe() stores the same registers into out[] in the same
 * order, so what a tracer wrote at the breakpoint shows in the program's
 * own output: one line "reg K 0x<16 hex digits>" per slot (K 0-14 and
 * 16-23), then "done".
 *
 * Protocol (tests/lib/bp_helpers.h): "addrs regs_mark=0x..." and "ready",
 * then it waits for "go", probes, prints, waits for "end" and exits 0.
 */
#include <stdint.h>
#include <stdio.h>

#include "tracee.h"

void regs_mark(void);
void regs_probe(const uint64_t *in, uint64_t *out);

__asm__(".text\n"
	".globl regs_mark\n.type regs_mark,@function\nregs_mark:\n\t"
	"nop\n\tret\n"
	".globl regs_probe\n.type regs_probe,@function\nregs_probe:\n\t"
	"push %rbx\n\tpush %rbp\n\tpush %r12\n\tpush %r13\n\t"
	"push %r14\n\tpush %r15\n\t"
	"push %rsi\n\t"
	"movq 0x80(%rdi),%mm0\n\tmovq 0x88(%rdi),%mm1\n\t"
	"movq 0x90(%rdi),%mm2\n\tmovq 0x98(%rdi),%mm3\n\t"
	"movq 0xa0(%rdi),%mm4\n\tmovq 0xa8(%rdi),%mm5\n\t"
	"movq 0xb0(%rdi),%mm6\n\tmovq 0xb8(%rdi),%mm7\n\t"
	"mov 0x00(%rdi),%rax\n\tmov 0x08(%rdi),%rbx\n\t"
	"mov 0x10(%rdi),%rcx\n\tmov 0x18(%rdi),%rdx\n\t"
	"mov 0x20(%rdi),%rsi\n\tmov 0x28(%rdi),%rbp\n\t"
	"mov 0x30(%rdi),%r8\n\tmov 0x38(%rdi),%r9\n\t"
	"mov 0x40(%rdi),%r10\n\tmov 0x48(%rdi),%r11\n\t"
	"mov 0x50(%rdi),%r12\n\tmov 0x58(%rdi),%r13\n\t"
	"mov 0x60(%rdi),%r14\n\tmov 0x68(%rdi),%r15\n\t"
	"mov 0x70(%rdi),%rdi\n\t"
	"call regs_mark\n\t"
	"push %rdi\n\t"
	"mov 8(%rsp),%rdi\n\t"
	"mov %rax,0x00(%rdi)\n\tmov %rbx,0x08(%rdi)\n\t"
	"mov %rcx,0x10(%rdi)\n\tmov %rdx,0x18(%rdi)\n\t"
	"mov %rsi,0x20(%rdi)\n\tmov %rbp,0x28(%rdi)\n\t"
	"mov %r8,0x30(%rdi)\n\tmov %r9,0x38(%rdi)\n\t"
	"mov %r10,0x40(%rdi)\n\tmov %r11,0x48(%rdi)\n\t"
	"mov %r12,0x50(%rdi)\n\tmov %r13,0x58(%rdi)\n\t"
	"mov %r14,0x60(%rdi)\n\tmov %r15,0x68(%rdi)\n\t"
	"pop %rax\n\tmov %rax,0x70(%rdi)\n\t"
	"movq %mm0,0x80(%rdi)\n\tmovq %mm1,0x88(%rdi)\n\t"
	"movq %mm2,0x90(%rdi)\n\tmovq %mm3,0x98(%rdi)\n\t"
	"movq %mm4,0xa0(%rdi)\n\tmovq %mm5,0xa8(%rdi)\n\t"
	"movq %mm6,0xb0(%rdi)\n\tmovq %mm7,0xb8(%rdi)\n\t"
	"emms\n\t"
	"pop %rsi\n\t"
	"pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\t"
	"pop %rbp\n\tpop %rbx\n\t"
	"ret\n");

int
main(void)
{
	uint64_t in[24], out[24];
	int i;

	/* Slot K: bytes 0xK0, 0xK1, ... with the top bit of the K's nibble
	   pattern set, so every byte of every register differs. */
	for (i = 0; i < 24; i++) {
		uint64_t b = 0x80 | (uint64_t)(i & 0xf) << 3, v = 0;
		int j;

		for (j = 7; j >= 0; j--)
			v = v << 8 | ((b + (uint64_t)j + (uint64_t)(i >> 4) * 0x40) & 0xff);
		in[i] = v;
		out[i] = 0;
	}
	printf("addrs regs_mark=%p\nready\n", (void *)regs_mark);
	fflush(stdout);
	wait_line();
	regs_probe(in, out);
	for (i = 0; i < 24; i++)
		if (i != 15)
			printf("reg %d 0x%016llx\n", i, (unsigned long long)out[i]);
	printf("done\n");
	fflush(stdout);
	wait_line();
	return 0;
}
