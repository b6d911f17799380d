/* SPDX-License-Identifier: MIT */
/*
 * reload_lib: the shared library the dl_reload tracee dlopen()s, built
 * twice by tests/CMakeLists.txt: libsnare_reload.so (VARIANT 1) and
 * libsnare_other.so (VARIANT 2). Both have the same layout (one word of
 * data, one function at the same offsets), so the other one can be
 * mapped where the first one was, but their code differs byte for byte
 * where it matters, written in assembly so that no compiler moves it:
 *
 *   VARIANT 1, reload_fn(x) = 3x + reload_bias (1):
 *     +0  movl reload_bias(%rip), %eax   rip-relative: its out-of-line
 *                                        copy must follow the library
 *     +6  leal (%rdi,%rdi,2), %edx       dl_reload's test breaks here
 *     +9  addl %edx, %eax
 *     +11 ret
 *   VARIANT 2, reload_fn(x) = (x ^ 0x55) + reload_bias (100):
 *     +0  movl %edi, %eax
 *     +2  three nops
 *     +5  xorl $0x55, %eax               +6 is its ModRM byte: a byte of
 *                                        ours there wrecks the result
 *     +8  addl reload_bias(%rip), %eax
 *     +14 ret
 * A copy of +0 made for the first library and run after it moved reads
 * the other's reload_bias (100), not 1.
 */
#ifndef VARIANT
#error "VARIANT must be 1 or 2"
#endif

#if VARIANT == 1
#define BIAS "1"
#define BODY                                                                 \
	"	movl reload_bias(%rip), %eax\n"                              \
	"	leal (%rdi,%rdi,2), %edx\n"                                  \
	"	addl %edx, %eax\n"                                           \
	"	ret\n"
#else
#define BIAS "100"
#define BODY                                                                 \
	"	movl %edi, %eax\n"                                           \
	"	nop\n"                                                       \
	"	nop\n"                                                       \
	"	nop\n"                                                       \
	"	xorl $0x55, %eax\n"                                          \
	"	addl reload_bias(%rip), %eax\n"                              \
	"	ret\n"
#endif

__asm__("	.data\n"
	"	.p2align 2\n"
	"reload_bias:\n"
	"	.long " BIAS "\n"
	"	.text\n"
	"	.globl reload_fn\n"
	"	.type reload_fn, @function\n"
	"	.p2align 4\n"
	"reload_fn:\n"
	BODY
	"	.size reload_fn, .-reload_fn\n");
