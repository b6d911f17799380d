/* SPDX-License-Identifier: MIT */
/*
 * bp_asm: functions written in assembly, so that the instruction under a
 * breakpoint, and the length of every instruction a step crosses, is known.
 * At startup it prints, in one write, lines "addrs name=0x... ..." and a
 * line "ready", then waits for a line on stdin before the work of argv[1]:
 *
 *   insns N   calls every ins_* function N times (argument i) and prints
 *             one sum per function: "push S sub S ... ret N".
 *   adjacent N calls adj_pushrbx() N times; prints "adjacent S".
 *   step      calls st_seq(), st_write(), st_next(), rec(1) once each;
 *             prints "step SEQ CALLEE DEPTH REC".
 *
 * It then waits for another line on stdin and exits 0.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracee.h"

int g_val = 1000;
long g_callee_count;
volatile int g_depth;

extern int ins_push(int), ins_sub(int), ins_endbr(int), ins_riprel(int);
extern int ins_call(int), ins_jmp(int), ins_jcc(int), ins_callind(int);
extern void ins_ret(void);
extern char ins_jcc_insn[];
extern int adj_pushrbx(int);
extern int st_seq(void);
extern long st_write(void);
extern char st_write_sys[], st_msg[];
extern int st_next(void);
extern char st_next_ret[];

__attribute__((used)) int
ins_helper(int x)
{
	return x + 5;
}

__attribute__((used)) int (*g_fnptr)(int) = ins_helper;

/*
 * Every function takes its argument in %edi and returns in %eax; the first
 * instruction of each is the kind its name says.
 */
__asm__(".text\n"
	/* push %rbp (1 byte) */
	".globl ins_push\n.type ins_push,@function\nins_push:\n\t"
	"push %rbp\n\tmov %rsp,%rbp\n\tlea 1(%rdi),%eax\n\tpop %rbp\n\tret\n"
	/* sub $imm,%rsp */
	".globl ins_sub\n.type ins_sub,@function\nins_sub:\n\t"
	"sub $24,%rsp\n\tmov %edi,8(%rsp)\n\tmov 8(%rsp),%eax\n\t"
	"add $2,%eax\n\tadd $24,%rsp\n\tret\n"
	/* endbr64 */
	".globl ins_endbr\n.type ins_endbr,@function\nins_endbr:\n\t"
	"endbr64\n\tlea 3(%rdi),%eax\n\tret\n"
	/* rip-relative load */
	".globl ins_riprel\n.type ins_riprel,@function\nins_riprel:\n\t"
	"movl g_val(%rip),%eax\n\tadd %edi,%eax\n\tret\n"
	/* direct call */
	".globl ins_call\n.type ins_call,@function\nins_call:\n\t"
	"call ins_helper\n\tret\n"
	/* indirect rip-relative call */
	".globl ins_callind\n.type ins_callind,@function\nins_callind:\n\t"
	"call *g_fnptr(%rip)\n\tret\n"
	/* jmp */
	".globl ins_jmp\n.type ins_jmp,@function\nins_jmp:\n\t"
	"jmp 1f\n\tud2\n1:\tlea 6(%rdi),%eax\n\tret\n"
	/* jcc: taken for odd arguments */
	".globl ins_jcc\n.type ins_jcc,@function\nins_jcc:\n\t"
	"test $1,%edi\n"
	".globl ins_jcc_insn\nins_jcc_insn:\n\t"
	"jnz 1f\n\tlea 7(%rdi),%eax\n\tret\n1:\tlea 70(%rdi),%eax\n\tret\n"
	/* ret */
	".globl ins_ret\n.type ins_ret,@function\nins_ret:\n\t"
	"ret\n"
	/* push %rbx (1 byte) then pop %rbx (1 byte): two breakpoints 1 apart */
	".globl adj_pushrbx\n.type adj_pushrbx,@function\nadj_pushrbx:\n\t"
	"push %rbx\n\tpop %rbx\n\tlea 8(%rdi),%eax\n\tret\n"
	/*
	 * Stepping: mov $1,%eax (5 bytes), add $2,%eax (3), nop (1),
	 * lea 3(%rax),%eax (3), ret.
	 */
	".globl st_seq\n.type st_seq,@function\nst_seq:\n\t"
	".byte 0xb8,0x01,0x00,0x00,0x00\n\t"
	".byte 0x83,0xc0,0x02\n\t"
	".byte 0x90\n\t"
	".byte 0x8d,0x40,0x03\n\t"
	"ret\n"
	/* write(1, st_msg, 6) through a syscall instruction */
	".globl st_write\n.type st_write,@function\nst_write:\n\t"
	"mov $1,%eax\n\tmov $1,%edi\n\tlea st_msg(%rip),%rsi\n\t"
	"mov $6,%edx\n"
	".globl st_write_sys\nst_write_sys:\n\t"
	"syscall\n\tret\n"
	/* call st_callee (5 bytes) then return */
	".globl st_next\n.type st_next,@function\nst_next:\n\t"
	"call st_callee\n"
	".globl st_next_ret\nst_next_ret:\n\t"
	"mov $9,%eax\n\tret\n"
	".type st_callee,@function\nst_callee:\n\t"
	"incq g_callee_count(%rip)\n\tret\n"
	".section .rodata\n"
	".globl st_msg\nst_msg:\n\t.ascii \"STEP!\\n\"\n"
	".text\n");

/*
 * Recursion to depth 5: g_depth is the depth of the level executing (set
 * at entry, and to the caller's depth at exit).
 */
__attribute__((noinline)) int
rec(int depth)
{
	int r;

	g_depth = depth;
	__asm__ volatile("" ::: "memory");
	r = depth < 5 ? rec(depth + 1) + depth : depth;
	__asm__ volatile("" ::: "memory");
	g_depth = depth - 1;
	return r;
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "insns";
	long n = argc > 2 ? atol(argv[2]) : 1;
	long i;

	setvbuf(stdout, NULL, _IONBF, 0);
	/* One write: the test reads line one, the rest waits in the pipe. */
	printf("addrs ins_push=%p ins_sub=%p ins_endbr=%p ins_riprel=%p "
	       "ins_call=%p ins_callind=%p\n"
	       "addrs ins_jmp=%p ins_jcc_insn=%p ins_ret=%p ins_helper=%p "
	       "adj_pushrbx=%p st_seq=%p\n"
	       "addrs st_write=%p st_write_sys=%p st_next=%p st_next_ret=%p "
	       "rec=%p\n"
	       "addrs g_callee_count=%p g_depth=%p g_val=%p\n"
	       "ready\n",
	       (void *)ins_push, (void *)ins_sub, (void *)ins_endbr,
	       (void *)ins_riprel, (void *)ins_call, (void *)ins_callind,
	       (void *)ins_jmp, (void *)ins_jcc_insn, (void *)ins_ret,
	       (void *)ins_helper, (void *)adj_pushrbx, (void *)st_seq,
	       (void *)st_write, (void *)st_write_sys, (void *)st_next,
	       (void *)st_next_ret, (void *)rec, (void *)&g_callee_count,
	       (void *)&g_depth, (void *)&g_val);
	wait_line();
	if (strcmp(mode, "insns") == 0) {
		long s[8] = { 0 }, rets = 0;

		for (i = 0; i < n; i++) {
			s[0] += ins_push((int)i);
			s[1] += ins_sub((int)i);
			s[2] += ins_endbr((int)i);
			s[3] += ins_riprel((int)i);
			s[4] += ins_call((int)i);
			s[5] += ins_callind((int)i);
			s[6] += ins_jmp((int)i);
			s[7] += ins_jcc((int)i);
			ins_ret();
			rets++;
		}
		printf("push %ld sub %ld endbr %ld riprel %ld call %ld "
		       "callind %ld jmp %ld jcc %ld ret %ld\n",
		       s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], rets);
	} else if (strcmp(mode, "adjacent") == 0) {
		long s = 0;

		for (i = 0; i < n; i++)
			s += adj_pushrbx((int)i);
		printf("adjacent %ld\n", s);
	} else if (strcmp(mode, "step") == 0) {
		int seq = st_seq();
		long w = st_write();
		int nx = st_next();
		int r = rec(1);

		printf("step %d %ld %d %ld %d %d\n", seq, w, nx,
		       g_callee_count, (int)g_depth, r);
	} else {
		return 9;
	}
	wait_line();
	return 0;
}
