/* SPDX-License-Identifier: MIT */
/*
 * sockfilter.c: classic BPF programs as strace 6.1 prints them in
 * SO_ATTACH_FILTER, SO_ATTACH_REUSEPORT_CBPF and SO_GET_FILTER:
 * BPF_STMT(class|size|mode, k) and BPF_JUMP(class|src|op, k, jt, jf),
 * with the socket filter's special offsets (SKF_AD_OFF+SKF_AD_PROTOCOL).
 * Only under -v; the address otherwise.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <string.h>

#include "print.h"

/* strace's limit on the instructions shown (BPF_MAXINSNS). */
enum { MAX_INSNS = 4096 };

XLAT_TABLE(bpf_classes, "BPF_???", XLAT(BPF_LD), XLAT(BPF_LDX),
	   XLAT(BPF_ST), XLAT(BPF_STX), XLAT(BPF_ALU), XLAT(BPF_JMP),
	   XLAT(BPF_RET), XLAT(BPF_MISC));
XLAT_TABLE(bpf_sizes, "BPF_???", XLAT(BPF_W), XLAT(BPF_H), XLAT(BPF_B),
	   XLAT_PAIR(0x18, "BPF_DW"));
XLAT_TABLE(bpf_modes, "BPF_???", XLAT(BPF_IMM), XLAT(BPF_ABS),
	   XLAT(BPF_IND), XLAT(BPF_MEM), XLAT(BPF_LEN), XLAT(BPF_MSH),
	   XLAT_PAIR(0xc0, "BPF_XADD"));
XLAT_TABLE(bpf_alu_ops, "BPF_???", XLAT(BPF_ADD), XLAT(BPF_SUB),
	   XLAT(BPF_MUL), XLAT(BPF_DIV), XLAT(BPF_OR), XLAT(BPF_AND),
	   XLAT(BPF_LSH), XLAT(BPF_RSH), XLAT(BPF_NEG), XLAT(BPF_MOD),
	   XLAT(BPF_XOR), XLAT_PAIR(0xb0, "BPF_MOV"),
	   XLAT_PAIR(0xc0, "BPF_ARSH"), XLAT_PAIR(0xd0, "BPF_END"));
XLAT_TABLE(bpf_jmp_ops, "BPF_???", XLAT(BPF_JA), XLAT(BPF_JEQ),
	   XLAT(BPF_JGT), XLAT(BPF_JGE), XLAT(BPF_JSET),
	   XLAT_PAIR(0x50, "BPF_JNE"), XLAT_PAIR(0x60, "BPF_JSGT"),
	   XLAT_PAIR(0x70, "BPF_JSGE"), XLAT_PAIR(0x80, "BPF_CALL"),
	   XLAT_PAIR(0x90, "BPF_EXIT"), XLAT_PAIR(0xa0, "BPF_JLT"),
	   XLAT_PAIR(0xb0, "BPF_JLE"), XLAT_PAIR(0xc0, "BPF_JSLT"),
	   XLAT_PAIR(0xd0, "BPF_JSLE"));
XLAT_TABLE(bpf_srcs, "BPF_???", XLAT(BPF_K), XLAT(BPF_X));
XLAT_TABLE(bpf_rvals, "BPF_???", XLAT(BPF_K), XLAT(BPF_X), XLAT(BPF_A));
XLAT_TABLE(bpf_miscops, "BPF_???", XLAT(BPF_TAX), XLAT(BPF_TXA));
XLAT_TABLE(skf_ad_names, "SKF_AD_???", XLAT(SKF_AD_PROTOCOL),
	   XLAT(SKF_AD_PKTTYPE), XLAT(SKF_AD_IFINDEX), XLAT(SKF_AD_NLATTR),
	   XLAT(SKF_AD_NLATTR_NEST), XLAT(SKF_AD_MARK), XLAT(SKF_AD_QUEUE),
	   XLAT(SKF_AD_HATYPE), XLAT(SKF_AD_RXHASH), XLAT(SKF_AD_CPU),
	   XLAT(SKF_AD_ALU_XOR_X), XLAT(SKF_AD_VLAN_TAG),
	   XLAT(SKF_AD_VLAN_TAG_PRESENT), XLAT(SKF_AD_PAY_OFFSET),
	   XLAT(SKF_AD_RANDOM), XLAT(SKF_AD_VLAN_TPID));
/* Negative offsets, looked up as the u32 of the instruction's k. */
XLAT_TABLE(skf_offs, NULL, XLAT_PAIR((uint32_t)SKF_AD_OFF, "SKF_AD_OFF"),
	   XLAT_PAIR((uint32_t)SKF_NET_OFF, "SKF_NET_OFF"),
	   XLAT_PAIR((uint32_t)SKF_LL_OFF, "SKF_LL_OFF"));

/* Leftover bits of an opcode: |0x... /- BPF_??? -/. */
static void
print_rest(struct pbuf *b, unsigned rest)
{
	if (!rest)
		return;
	pb_printf(b, "|%#x", rest);
	if (b->xstyle != 1)
		pb_puts(b, " /* BPF_??? */");
}

static void
print_code(struct pbuf *b, uint16_t code)
{
	unsigned cls = BPF_CLASS(code), rest = code & ~cls;

	print_xval(b, &bpf_classes, cls, false);
	switch (cls) {
	case BPF_ST:
	case BPF_STX:
		print_rest(b, rest);
		break;
	case BPF_LD:
	case BPF_LDX:
		pb_putc(b, '|');
		print_xval(b, &bpf_sizes, BPF_SIZE(code), false);
		pb_putc(b, '|');
		print_xval(b, &bpf_modes, BPF_MODE(code), false);
		break;
	case BPF_MISC:
		pb_putc(b, '|');
		print_xval(b, &bpf_miscops, BPF_MISCOP(code), false);
		print_rest(b, rest & ~BPF_MISCOP(code));
		break;
	case BPF_ALU:
	case BPF_JMP:
		pb_putc(b, '|');
		print_xval(b, &bpf_srcs, BPF_SRC(code), false);
		pb_putc(b, '|');
		print_xval(b, cls == BPF_ALU ? &bpf_alu_ops : &bpf_jmp_ops,
			   BPF_OP(code), false);
		break;
	case BPF_RET:
		pb_putc(b, '|');
		print_xval(b, &bpf_rvals, BPF_RVAL(code), false);
		print_rest(b, rest & ~BPF_RVAL(code));
		break;
	}
}

/* k of a load from an absolute offset: SKF_NET_OFF+8. */
static bool
print_skf_k(struct pbuf *b, uint16_t code, uint32_t k)
{
	static const int32_t bases[] = { SKF_AD_OFF, SKF_NET_OFF, SKF_LL_OFF };
	size_t i;

	if (BPF_CLASS(code) != BPF_LD || BPF_MODE(code) != BPF_ABS)
		return false;
	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (k < (uint32_t)bases[i])
			continue;
		print_xval(b, &skf_offs, (uint32_t)bases[i], false);
		pb_putc(b, '+');
		if (bases[i] == SKF_AD_OFF)
			print_xval(b, &skf_ad_names, k - (uint32_t)bases[i],
				   false);
		else
			pb_printf(b, "%u", k - (uint32_t)bases[i]);
		return true;
	}
	return false;
}

static bool
print_insn(struct fmt *f, const void *elem, void *data)
{
	struct sock_filter in;
	unsigned *count = data;

	if ((*count)++ >= MAX_INSNS) {
		pb_puts(f->b, "...");
		return false;
	}
	memcpy(&in, elem, sizeof(in));
	if (in.jt || in.jf) {
		pb_puts(f->b, "BPF_JUMP(");
		print_code(f->b, in.code);
		pb_printf(f->b, ", %#x, %#x, %#x)", in.k, in.jt, in.jf);
	} else {
		pb_puts(f->b, "BPF_STMT(");
		print_code(f->b, in.code);
		pb_puts(f->b, ", ");
		if (!print_skf_k(f->b, in.code, in.k))
			pb_printf(f->b, "%#x", in.k);
		pb_putc(f->b, ')');
	}
	return true;
}

void
print_sock_filter(struct fmt *f, uint64_t addr, unsigned n)
{
	unsigned count = 0;

	if (!f->o->verbose)
		print_ptr(f, addr);
	else
		print_array(f, addr, n, sizeof(struct sock_filter), print_insn,
			    &count);
}

void
print_sock_fprog(struct fmt *f, uint64_t addr)
{
	struct sock_fprog p;

	if (!read_mem(f, &p, addr, sizeof(p))) {
		print_ptr(f, addr);
		return;
	}
	pb_printf(f->b, "{len=%u, filter=", p.len);
	print_sock_filter(f, (uint64_t)(uintptr_t)p.filter, p.len);
	pb_putc(f->b, '}');
}
