/* SPDX-License-Identifier: MIT */
/*
 * snare/x86_64.h: the x86_64 register layouts seen by snare users.
 *
 * The layout is the kernel's `struct user_regs_struct` (sys/user.h), field for
 * field, so a snare_regs can be handed to code that expects the kernel struct.
 * Included by snare.h; C99 and C++ safe, no system headers beyond stdint.h.
 */
#ifndef SNARE_X86_64_H
#define SNARE_X86_64_H

#include <stdint.h>

/* General registers of one thread, as PTRACE_GETREGS returns them. */
typedef struct snare_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t orig_rax; /* the syscall number at a syscall stop, else -1 */
	uint64_t rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base, ds, es, fs, gs;
} snare_regs;

/*
 * The FXSAVE area, as PTRACE_GETFPREGS returns it (the kernel's struct
 * user_fpregs_struct): x87 control/status, the eight x87 registers (16
 * bytes each, 10 used), MXCSR and XMM0-XMM15 (16 bytes each).
 */
typedef struct snare_fpregs {
	uint16_t cwd, swd, ftw, fop;
	uint64_t rip, rdp;
	uint32_t mxcsr, mxcr_mask;
	uint32_t st_space[32];
	uint32_t xmm_space[64];
	uint32_t padding[24];
} snare_fpregs;

#endif
