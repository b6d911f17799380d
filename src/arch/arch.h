/* SPDX-License-Identifier: MIT */
/*
 * arch.h: what an architecture provides to the generic code. Generic code
 * never tests __x86_64__; it calls these. An aarch64 port is a sibling
 * folder of src/arch/x86_64/ with the same file names.
 */
#ifndef SNARE_ARCH_H
#define SNARE_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The breakpoint instruction and its size; the pc after it traps. */
#define SNARE_ARCH_BP_INSN 0xcc
#define SNARE_ARCH_BP_LEN 1
/* A scratch slot: the displaced instruction plus a jump back. */
#define SNARE_ARCH_SLOT_SIZE 32
#define SNARE_ARCH_NDEBUGREG 4

/* How the instruction under a software breakpoint is executed. */
enum insn_kind {
	INSN_DISPLACE = 0, /* run a copy out of line, then jump back */
	INSN_SKIP,         /* no effect but the pc (nop, endbr64): pc += len */
	INSN_JMP,          /* direct jmp: pc = target */
	INSN_CALL,         /* direct call: push return address, pc = target */
	INSN_JCC,          /* conditional jump: evaluate the flags */
	INSN_STEP,         /* single-step the out-of-line copy, then fix the
			      pc (relative branches) and a pushed return
			      address (indirect calls) */
};

struct insn_plan {
	int kind;           /* enum insn_kind */
	uint8_t len;
	uint8_t bytes[16];  /* the original instruction */
	uint64_t target;    /* JMP, CALL, JCC */
	int cond;           /* JCC: the arch's condition code */
	bool is_call;       /* pushes a return address */
	bool riprel;        /* has a rip-relative memory operand */
	uint8_t disp_off;   /* offset of its 32-bit displacement */
	int64_t riprel_target; /* absolute address it refers to */
};

/* Decode the instruction at addr (code holds up to 16 bytes of it). */
int snare__insn_plan(struct insn_plan *out, const uint8_t *code, size_t len,
		     uint64_t addr);
/*
 * Bytes of the out-of-line slot at `slot` for the instruction at addr.
 * -ERANGE when a rip-relative operand cannot reach its target from there.
 */
int snare__insn_slot_code(uint8_t out[SNARE_ARCH_SLOT_SIZE],
			  const struct insn_plan *pl, uint64_t addr,
			  uint64_t slot);
/* Whether a conditional jump is taken with these flags and rcx. */
bool snare__insn_jcc_taken(const struct insn_plan *pl, uint64_t eflags,
			   uint64_t rcx);
/* Length of the instruction at code (0 if undecodable); *is_call set. */
size_t snare__insn_length(const uint8_t *code, size_t len, bool *is_call);
/*
 * The start of the instruction that ends at `end`, for a watchpoint's
 * "accessing instruction": window holds the bytes [end - n, end). Picks
 * the longest decoding that ends exactly at `end` and accesses memory.
 * Returns 0 when no candidate fits.
 */
uint64_t snare__insn_before(const uint8_t *window, size_t n, uint64_t end);
size_t snare__insn_mem_size(const uint8_t *code, size_t len);

/* Offsets for PTRACE_PEEKUSER/POKEUSER of the debug registers. */
size_t snare__arch_dr_offset(int i);
/* DR7 value enabling slot i for kind (0 exec, 1 write, 3 rw) and len. */
uint64_t snare__arch_dr7_bits(int i, int rw, size_t len);
/* The pc and stack pointer register offsets in snare_regs. */
#endif
