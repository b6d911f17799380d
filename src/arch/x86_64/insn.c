/* SPDX-License-Identifier: MIT */
/*
 * insn.c: x86_64 instruction planning for software breakpoints, with Zydis.
 *
 * A software breakpoint never leaves memory; the instruction it covers is
 * either emulated in the tracer (direct jmp/call/jcc, nops and endbr64) or
 * copied into a scratch slot of the tracee with its rip-relative operand
 * fixed up and followed by an absolute jump back (PERF-NOTES 3.4). What
 * cannot run out of line as is (loop, jrcxz, indirect calls) is
 * single-stepped in the slot and its pc translated back.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/user.h>

#include <Zydis/Zydis.h>

#include "arch/arch.h"

static bool
decode(ZydisDecodedInstruction *insn, ZydisDecodedOperand *ops,
       const uint8_t *code, size_t len)
{
	ZydisDecoder dec;

	if (ZYAN_FAILED(ZydisDecoderInit(&dec, ZYDIS_MACHINE_MODE_LONG_64,
					 ZYDIS_STACK_WIDTH_64)))
		return false;
	return ZYAN_SUCCESS(ZydisDecoderDecodeFull(&dec, code, len, insn, ops));
}

int
snare__insn_plan(struct insn_plan *out, const uint8_t *code, size_t len,
		 uint64_t addr)
{
	ZydisDecodedInstruction insn;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	ZyanU64 target = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!decode(&insn, ops, code, len))
		return -EINVAL;
	out->len = insn.length;
	memcpy(out->bytes, code, insn.length);
	out->kind = INSN_DISPLACE;
	out->is_call = insn.mnemonic == ZYDIS_MNEMONIC_CALL;
	for (i = 0; i < insn.operand_count_visible; i++) {
		if (ops[i].type == ZYDIS_OPERAND_TYPE_MEMORY &&
		    ops[i].mem.base == ZYDIS_REGISTER_RIP) {
			out->riprel = true;
			out->disp_off = insn.raw.disp.offset;
			ZydisCalcAbsoluteAddress(&insn, &ops[i], addr, &target);
			out->riprel_target = (int64_t)target;
		}
	}
	switch (insn.mnemonic) {
	case ZYDIS_MNEMONIC_NOP:
	case ZYDIS_MNEMONIC_ENDBR64:
		out->kind = INSN_SKIP;
		return 0;
	case ZYDIS_MNEMONIC_JMP:
	case ZYDIS_MNEMONIC_CALL:
		if (ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE &&
		    ops[0].imm.is_relative) {
			ZydisCalcAbsoluteAddress(&insn, &ops[0], addr, &target);
			out->target = target;
			out->kind = out->is_call ? INSN_CALL : INSN_JMP;
			return 0;
		}
		/* Indirect: the slot's copy pushes or reads the wrong pc
		   only for calls (fixed after the step); jmp is fine. */
		out->kind = out->is_call ? INSN_STEP : INSN_DISPLACE;
		return 0;
	case ZYDIS_MNEMONIC_JO: case ZYDIS_MNEMONIC_JNO:
	case ZYDIS_MNEMONIC_JB: case ZYDIS_MNEMONIC_JNB:
	case ZYDIS_MNEMONIC_JZ: case ZYDIS_MNEMONIC_JNZ:
	case ZYDIS_MNEMONIC_JBE: case ZYDIS_MNEMONIC_JNBE:
	case ZYDIS_MNEMONIC_JS: case ZYDIS_MNEMONIC_JNS:
	case ZYDIS_MNEMONIC_JP: case ZYDIS_MNEMONIC_JNP:
	case ZYDIS_MNEMONIC_JL: case ZYDIS_MNEMONIC_JNL:
	case ZYDIS_MNEMONIC_JLE: case ZYDIS_MNEMONIC_JNLE:
	case ZYDIS_MNEMONIC_JRCXZ:
		ZydisCalcAbsoluteAddress(&insn, &ops[0], addr, &target);
		out->target = target;
		out->cond = insn.mnemonic;
		out->kind = INSN_JCC;
		return 0;
	case ZYDIS_MNEMONIC_JCXZ:
	case ZYDIS_MNEMONIC_JECXZ:
	case ZYDIS_MNEMONIC_LOOP:
	case ZYDIS_MNEMONIC_LOOPE:
	case ZYDIS_MNEMONIC_LOOPNE:
		out->kind = INSN_STEP;
		return 0;
	default:
		break;
	}
	/* Any other relative operand (xbegin...) runs stepped. */
	if (insn.attributes & ZYDIS_ATTRIB_IS_RELATIVE && !out->riprel)
		out->kind = INSN_STEP;
	return 0;
}

int
snare__insn_slot_code(uint8_t out[SNARE_ARCH_SLOT_SIZE],
		      const struct insn_plan *pl, uint64_t addr, uint64_t slot)
{
	uint64_t back = addr + pl->len;

	memset(out, 0xcc, SNARE_ARCH_SLOT_SIZE);
	memcpy(out, pl->bytes, pl->len);
	if (pl->riprel) {
		int64_t disp = pl->riprel_target - (int64_t)(slot + pl->len);
		int32_t d32 = (int32_t)disp;

		if (disp != d32)
			return -ERANGE;
		memcpy(out + pl->disp_off, &d32, 4);
	}
	/* jmp *0(%rip); .quad back */
	out[pl->len] = 0xff;
	out[pl->len + 1] = 0x25;
	memset(out + pl->len + 2, 0, 4);
	memcpy(out + pl->len + 6, &back, 8);
	return 0;
}

bool
snare__insn_jcc_taken(const struct insn_plan *pl, uint64_t fl, uint64_t rcx)
{
	bool cf = fl & 0x1, pf = fl & 0x4, zf = fl & 0x40, sf = fl & 0x80,
	     of = fl & 0x800;

	switch (pl->cond) {
	case ZYDIS_MNEMONIC_JO: return of;
	case ZYDIS_MNEMONIC_JNO: return !of;
	case ZYDIS_MNEMONIC_JB: return cf;
	case ZYDIS_MNEMONIC_JNB: return !cf;
	case ZYDIS_MNEMONIC_JZ: return zf;
	case ZYDIS_MNEMONIC_JNZ: return !zf;
	case ZYDIS_MNEMONIC_JBE: return cf || zf;
	case ZYDIS_MNEMONIC_JNBE: return !cf && !zf;
	case ZYDIS_MNEMONIC_JS: return sf;
	case ZYDIS_MNEMONIC_JNS: return !sf;
	case ZYDIS_MNEMONIC_JP: return pf;
	case ZYDIS_MNEMONIC_JNP: return !pf;
	case ZYDIS_MNEMONIC_JL: return sf != of;
	case ZYDIS_MNEMONIC_JNL: return sf == of;
	case ZYDIS_MNEMONIC_JLE: return zf || sf != of;
	case ZYDIS_MNEMONIC_JNLE: return !zf && sf == of;
	case ZYDIS_MNEMONIC_JRCXZ: return rcx == 0;
	}
	return false;
}

size_t
snare__insn_length(const uint8_t *code, size_t len, bool *is_call)
{
	ZydisDecodedInstruction insn;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];

	if (!decode(&insn, ops, code, len))
		return 0;
	if (is_call)
		*is_call = insn.mnemonic == ZYDIS_MNEMONIC_CALL;
	return insn.length;
}

uint64_t
snare__insn_before(const uint8_t *window, size_t n, uint64_t end)
{
	ZydisDecodedInstruction insn;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	size_t k, i;

	for (k = n < 15 ? n : 15; k >= 1; k--) {
		if (!decode(&insn, ops, window + n - k, k) || insn.length != k)
			continue;
		for (i = 0; i < insn.operand_count_visible; i++)
			if (ops[i].type == ZYDIS_OPERAND_TYPE_MEMORY &&
			    insn.mnemonic != ZYDIS_MNEMONIC_LEA &&
			    insn.mnemonic != ZYDIS_MNEMONIC_NOP)
				return end - k;
	}
	return 0;
}

size_t
snare__arch_dr_offset(int i)
{
	return offsetof(struct user, u_debugreg) + (size_t)i * sizeof(long);
}

uint64_t
snare__arch_dr7_bits(int i, int rw, size_t len)
{
	uint64_t lenbits = len == 2 ? 1 : len == 4 ? 3 : len == 8 ? 2 : 0;

	if (rw == 0)
		lenbits = 0;
	return (1ull << (2 * i)) |
	       ((uint64_t)rw << (16 + 4 * i)) | (lenbits << (18 + 4 * i));
}

/*
 * The widest memory access of the instruction in code, in bytes (hidden
 * operands included: a push's stack slot, a movs's destination); 0 when
 * it accesses no data memory or does not decode.
 */
size_t
snare__insn_mem_size(const uint8_t *code, size_t len)
{
	ZydisDecodedInstruction insn;
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	size_t i, size = 0;

	if (!decode(&insn, ops, code, len) || insn.mnemonic == ZYDIS_MNEMONIC_LEA ||
	    insn.mnemonic == ZYDIS_MNEMONIC_NOP)
		return 0;
	for (i = 0; i < insn.operand_count; i++)
		if (ops[i].type == ZYDIS_OPERAND_TYPE_MEMORY &&
		    ops[i].mem.type != ZYDIS_MEMOP_TYPE_AGEN &&
		    (size_t)ops[i].size / 8 > size)
			size = (size_t)ops[i].size / 8;
	return size;
}
