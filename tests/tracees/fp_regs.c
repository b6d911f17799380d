/* SPDX-License-Identifier: MIT */
/*
 * fp_regs: vector and x87 registers at a known point. vec_probe() loads
 * xmm0 with bytes 0x00..0x0f, ymm1 with 0x20..0x3f and, with AVX-512,
 * zmm2 with 0x40..0x7f, k1 with 0x1234 and zmm17 with 0x80..0xbf; pushes
 * 1.0 on the x87 stack (st0); then calls vec_mark(), an empty function a
 * tracer puts a breakpoint on. After it returns, vec_probe() stores xmm3,
 * ymm4 and (AVX-512) zmm5 and k2, which the tracer may have written at the
 * breakpoint, and the program prints them in hex:
 *   "avx512 B"      B = 1 when the CPU has AVX-512F (printed first)
 *   "xmm3 <32 hex digits>", "ymm4 <64>", and with AVX-512 "zmm5 <128>",
 *   "k2 <16>", memory order (byte 0 first), then "done".
 * The addresses of vec_mark are printed first as "addrs vec_mark=0x...",
 * then "ready"; it waits for a line on stdin before the probe. Exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vec_mark(void);
void vec_probe(const unsigned char *in, unsigned char *out, int avx512);

/* in: 0x00..0xbf (192 bytes). out: xmm3 (16), ymm4 (32), zmm5 (64), k2 (8). */
__asm__(".text\n"
	".globl vec_mark\n.type vec_mark,@function\nvec_mark:\n\t"
	"nop\n\tret\n"
	".globl vec_probe\n.type vec_probe,@function\nvec_probe:\n\t"
	"vmovdqu (%rdi),%xmm0\n\t"
	"vmovdqu 0x20(%rdi),%ymm1\n\t"
	"vpxor %xmm3,%xmm3,%xmm3\n\t"
	"vpxor %ymm4,%ymm4,%ymm4\n\t"
	"test %edx,%edx\n\t"
	"jz 1f\n\t"
	"vmovdqu64 0x40(%rdi),%zmm2\n\t"
	"vmovdqu64 0x80(%rdi),%zmm17\n\t"
	"vpxorq %zmm5,%zmm5,%zmm5\n\t"
	"movl $0x1234,%eax\n\t"
	"kmovw %eax,%k1\n\t"
	"kxorw %k2,%k2,%k2\n"
	"1:\n\t"
	"fld1\n\t"
	"push %rsi\n\t"
	"push %rdx\n\t"
	"call vec_mark\n\t"
	"pop %rdx\n\t"
	"pop %rsi\n\t"
	"fstp %st(0)\n\t"
	"vmovdqu %xmm3,(%rsi)\n\t"
	"vmovdqu %ymm4,0x10(%rsi)\n\t"
	"test %edx,%edx\n\t"
	"jz 2f\n\t"
	"vmovdqu64 %zmm5,0x30(%rsi)\n\t"
	"kmovq %k2,0x70(%rsi)\n"
	"2:\n\t"
	"vzeroupper\n\t"
	"ret\n");

static void
hex(const char *name, const unsigned char *p, size_t n)
{
	size_t i;

	printf("%s ", name);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int
main(void)
{
	unsigned char in[192], out[0x78];
	char line[16];
	int avx512, i;

	__builtin_cpu_init();
	avx512 = __builtin_cpu_supports("avx512f") != 0;
	for (i = 0; i < 192; i++)
		in[i] = (unsigned char)i;
	memset(out, 0xee, sizeof(out));
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("avx512 %d\naddrs vec_mark=%p\nready\n", avx512, (void *)vec_mark);
	if (!fgets(line, sizeof(line), stdin))
		return 2;
	vec_probe(in, out, avx512);
	hex("xmm3", out, 16);
	hex("ymm4", out + 0x10, 32);
	if (avx512) {
		hex("zmm5", out + 0x30, 64);
		hex("k2", out + 0x70, 8);
	}
	printf("done\n");
	return 0;
}
