/* SPDX-License-Identifier: MIT */
/*
 * bpf_filter.c: a classic BPF program (struct sock_fprog) as strace 6.1
 * prints it under -v: {len=N, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0),
 * BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x3, 0, 0x1), ...]}, a seccomp filter's
 * return values named (SECCOMP_RET_ERRNO|0x10). Without -v the program's
 * address only, as strace.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <string.h>

#include "decoders.h"

#ifndef SECCOMP_RET_ACTION_FULL
#define SECCOMP_RET_ACTION_FULL 0xffff0000U
#endif
#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif
#ifndef SECCOMP_RET_LOG
#define SECCOMP_RET_LOG 0x7ffc0000U
#endif
/* No more instructions than the kernel takes. */
#define CBPF_MAXINSNS 4096

XLAT_TABLE(cbpf_classes, "BPF_???", XLAT(BPF_LD), XLAT(BPF_LDX), XLAT(BPF_ST),
	   XLAT(BPF_STX), XLAT(BPF_ALU), XLAT(BPF_JMP), XLAT(BPF_RET),
	   XLAT(BPF_MISC));
XLAT_TABLE(cbpf_sizes, "BPF_???", XLAT(BPF_W), XLAT(BPF_H), XLAT(BPF_B),
	   XLAT_PAIR(0x18, "BPF_DW"));
XLAT_TABLE(cbpf_modes, "BPF_???", XLAT(BPF_IMM), XLAT(BPF_ABS), XLAT(BPF_IND),
	   XLAT(BPF_MEM), XLAT(BPF_LEN), XLAT(BPF_MSH),
	   XLAT_PAIR(0xc0, "BPF_XADD"));
XLAT_TABLE(cbpf_srcs, "BPF_???", XLAT(BPF_K), XLAT(BPF_X));
XLAT_TABLE(cbpf_alu_ops, "BPF_???", XLAT(BPF_ADD), XLAT(BPF_SUB),
	   XLAT(BPF_MUL), XLAT(BPF_DIV), XLAT(BPF_OR), XLAT(BPF_AND),
	   XLAT(BPF_LSH), XLAT(BPF_RSH), XLAT(BPF_NEG), XLAT(BPF_MOD),
	   XLAT(BPF_XOR), XLAT_PAIR(0xb0, "BPF_MOV"), XLAT_PAIR(0xc0, "BPF_ARSH"),
	   XLAT_PAIR(0xd0, "BPF_END"));
XLAT_TABLE(cbpf_jmp_ops, "BPF_???", XLAT(BPF_JA), XLAT(BPF_JEQ), XLAT(BPF_JGT),
	   XLAT(BPF_JGE), XLAT(BPF_JSET), XLAT_PAIR(0x50, "BPF_JNE"),
	   XLAT_PAIR(0x60, "BPF_JSGT"), XLAT_PAIR(0x70, "BPF_JSGE"),
	   XLAT_PAIR(0x80, "BPF_CALL"), XLAT_PAIR(0x90, "BPF_EXIT"),
	   XLAT_PAIR(0xa0, "BPF_JLT"), XLAT_PAIR(0xb0, "BPF_JLE"),
	   XLAT_PAIR(0xc0, "BPF_JSLT"), XLAT_PAIR(0xd0, "BPF_JSLE"));
XLAT_TABLE(cbpf_rvals, "BPF_???", XLAT(BPF_K), XLAT(BPF_X), XLAT(BPF_A));
XLAT_TABLE(cbpf_miscops, "BPF_???", XLAT(BPF_TAX), XLAT(BPF_TXA));
/* eBPF's classes and modes (the other fields share the tables above). */
XLAT_TABLE(ebpf_classes, "BPF_???", XLAT_PAIR(0, "BPF_LD"),
	   XLAT_PAIR(1, "BPF_LDX"), XLAT_PAIR(2, "BPF_ST"),
	   XLAT_PAIR(3, "BPF_STX"), XLAT_PAIR(4, "BPF_ALU"),
	   XLAT_PAIR(5, "BPF_JMP"), XLAT_PAIR(6, "BPF_JMP32"),
	   XLAT_PAIR(7, "BPF_ALU64"));
XLAT_TABLE(ebpf_modes, "BPF_???", XLAT(BPF_IMM), XLAT(BPF_ABS), XLAT(BPF_IND),
	   XLAT(BPF_MEM), XLAT_PAIR(0xc0, "BPF_XADD"));
XLAT_TABLE(seccomp_ret_action_names, "SECCOMP_RET_???",
	   XLAT(SECCOMP_RET_KILL_PROCESS), XLAT(SECCOMP_RET_KILL_THREAD),
	   XLAT(SECCOMP_RET_TRAP), XLAT(SECCOMP_RET_ERRNO),
	   XLAT(SECCOMP_RET_USER_NOTIF), XLAT(SECCOMP_RET_TRACE),
	   XLAT(SECCOMP_RET_LOG), XLAT(SECCOMP_RET_ALLOW));

/* Bits of an opcode no field names: |0x8 /- BPF_??? -/. */
static void
print_rest(struct pbuf *b, unsigned rest)
{
	if (rest)
		pb_printf(b, "|%#x /* BPF_??? */", rest);
}

/* An opcode: its class, then the fields that class has. */
static void
print_code(struct pbuf *b, uint16_t code)
{
	unsigned rest = code & ~BPF_CLASS(code);

	print_xval(b, &cbpf_classes, BPF_CLASS(code), false);
	switch (BPF_CLASS(code)) {
	case BPF_ST: case BPF_STX:
		print_rest(b, rest);
		break;
	case BPF_LD: case BPF_LDX:
		pb_putc(b, '|');
		print_xval(b, &cbpf_sizes, BPF_SIZE(code), false);
		pb_putc(b, '|');
		print_xval(b, &cbpf_modes, BPF_MODE(code), false);
		break;
	case BPF_MISC:
		pb_putc(b, '|');
		print_xval(b, &cbpf_miscops, BPF_MISCOP(code), false);
		print_rest(b, rest & ~BPF_MISCOP(code));
		break;
	case BPF_ALU: case BPF_JMP:
		pb_putc(b, '|');
		print_xval(b, &cbpf_srcs, BPF_SRC(code), false);
		pb_putc(b, '|');
		print_xval(b, BPF_CLASS(code) == BPF_ALU ? &cbpf_alu_ops :
							  &cbpf_jmp_ops,
			   BPF_OP(code), false);
		break;
	case BPF_RET:
		pb_putc(b, '|');
		print_xval(b, &cbpf_rvals, BPF_RVAL(code), false);
		print_rest(b, rest & ~BPF_RVAL(code));
		break;
	}
}

/* An eBPF opcode as strace's print_bpf_filter_code(code, true): the
   class, then size and mode (loads and stores) or source and operation
   (ALU, ALU64, JMP); other classes show their other bits in hex. */
void
print_ebpf_code(struct pbuf *b, uint8_t code)
{
	unsigned rest = code & ~BPF_CLASS(code);

	print_xval(b, &ebpf_classes, BPF_CLASS(code), false);
	switch (BPF_CLASS(code)) {
	case 0: case 1: case 2: case 3: /* LD, LDX, ST, STX */
		pb_putc(b, '|');
		print_xval(b, &cbpf_sizes, BPF_SIZE(code), false);
		pb_putc(b, '|');
		print_xval(b, &ebpf_modes, BPF_MODE(code), false);
		break;
	case 4: case 5: case 7: /* ALU, JMP, ALU64 */
		pb_putc(b, '|');
		print_xval(b, &cbpf_srcs, BPF_SRC(code), false);
		pb_putc(b, '|');
		print_xval(b, BPF_CLASS(code) == 5 ? &cbpf_jmp_ops :
						    &cbpf_alu_ops,
			   BPF_OP(code), false);
		break;
	default:
		print_rest(b, rest);
		break;
	}
}

struct insn_state {
	bool seccomp;
	unsigned count;
};

static bool
print_insn(struct fmt *f, const void *elem, void *data)
{
	struct insn_state *st = data;
	struct sock_filter in;
	struct pbuf *b = f->b;

	if (st->count++ >= CBPF_MAXINSNS) {
		pb_puts(b, "...");
		return false;
	}
	memcpy(&in, elem, sizeof(in));
	if (in.jt || in.jf) {
		pb_puts(b, "BPF_JUMP(");
		print_code(b, in.code);
		pb_printf(b, ", %#x, %#x, %#x)", in.k, in.jt, in.jf);
		return true;
	}
	pb_puts(b, "BPF_STMT(");
	print_code(b, in.code);
	pb_puts(b, ", ");
	if (st->seccomp && BPF_CLASS(in.code) == BPF_RET) {
		uint32_t action = in.k & SECCOMP_RET_ACTION_FULL;

		print_xval(b, &seccomp_ret_action_names, action, false);
		if (in.k & ~action)
			pb_printf(b, "|%#x", in.k & ~action);
	} else {
		pb_printf(b, "%#x", in.k);
	}
	pb_putc(b, ')');
	return true;
}

/* PTRACE_SECCOMP_GET_FILTER's n instructions at addr, under -v only. */
void
print_seccomp_insns(struct fmt *f, uint64_t addr, unsigned n)
{
	struct insn_state st = { true, 0 };

	if (f->o->verbose)
		print_array(f, addr, n, sizeof(struct sock_filter), print_insn,
			    &st);
	else
		print_ptr(f, addr);
}

void
print_cbpf_fprog(struct fmt *f, uint64_t addr, bool seccomp)
{
	struct insn_state st = { seccomp, 0 };
	uint64_t prog[2];
	unsigned len;

	if (!read_or_addr(f, prog, addr, sizeof(prog)))
		return;
	len = (uint16_t)prog[0];
	pb_printf(f->b, "{len=%u, filter=", len);
	if (f->o->verbose)
		print_array(f, prog[1], len, sizeof(struct sock_filter),
			    print_insn, &st);
	else
		print_ptr(f, prog[1]);
	pb_putc(f->b, '}');
}
