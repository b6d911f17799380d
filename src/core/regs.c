/* SPDX-License-Identifier: MIT */
/*
 * regs.c: the register cache. One PTRACE_GETREGS per stop at most, on
 * demand; one PTRACE_SETREGS when the thread resumes, only if something
 * changed (PERF-NOTES 3).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/user.h>

#include "core/internal.h"

_Static_assert(sizeof(snare_regs) == sizeof(struct user_regs_struct),
	       "snare_regs must match the kernel's user_regs_struct");

/* 0 when t can be inspected: alive and stopped by us. */
int
snare__check_stopped(snare_thread *t)
{
	if (!t)
		return -EINVAL;
	if (t->state == TS_DEAD || t->state == TS_EXITING)
		return SNARE_EEXITED;
	if (t->state != TS_STOPPED)
		return SNARE_ERUNNING;
	return 0;
}

int
snare__regs_fetch(snare_thread *t)
{
	if (t->regs_valid)
		return 0;
	if (snare__ptrace(PTRACE_GETREGS, t->tid, NULL, &t->regs) < 0)
		return -errno;
	if (t->pc_dirty)
		t->regs.rip = t->pc;
	t->regs_valid = true;
	return 0;
}

/* Write back what changed: SETREGS, or POKEUSER rip when only the pc. */
int
snare__regs_flush(snare_thread *t)
{
	long r = 0;

	if (t->regs_dirty) {
		if (t->pc_dirty)
			t->regs.rip = t->pc;
		r = snare__ptrace(PTRACE_SETREGS, t->tid, NULL, &t->regs);
	} else if (t->pc_dirty) {
		r = snare__ptrace(PTRACE_POKEUSER, t->tid,
				  (void *)offsetof(struct user_regs_struct, rip),
				  (void *)t->pc);
	}
	t->regs_dirty = t->pc_dirty = false;
	return r < 0 ? -errno : 0;
}

int
snare__get_pc(uint64_t *pc, snare_thread *t)
{
	long v;

	if (t->regs_valid) {
		*pc = t->regs.rip;
		return 0;
	}
	if (t->pc_valid) {
		*pc = t->pc;
		return 0;
	}
	errno = 0;
	v = snare__ptrace(PTRACE_PEEKUSER, t->tid,
			  (void *)offsetof(struct user_regs_struct, rip), NULL);
	if (v == -1 && errno)
		return -errno;
	t->pc = (uint64_t)v;
	t->pc_valid = true;
	*pc = t->pc;
	return 0;
}

void
snare__set_pc(snare_thread *t, uint64_t pc)
{
	t->pc = pc;
	t->pc_valid = t->pc_dirty = true;
	if (t->regs_valid)
		t->regs.rip = pc;
}

SNARE_EXPORT int
snare_regs_get(snare_regs *out, snare_thread *t)
{
	int r = snare__check_stopped(t);

	if (r < 0 || !out)
		return r < 0 ? r : -EINVAL;
	r = snare__regs_fetch(t);
	if (r < 0)
		return snare__err(t->proc->s, r, "registers of thread %d: %s",
				  t->tid, snare_strerror(r));
	*out = t->regs;
	return 0;
}

SNARE_EXPORT int
snare_regs_set(snare_thread *t, const snare_regs *in)
{
	int r = snare__check_stopped(t);

	if (r < 0 || !in)
		return r < 0 ? r : -EINVAL;
	t->regs = *in;
	t->regs_valid = true;
	t->regs_dirty = true;
	t->pc = in->rip;
	t->pc_valid = true;
	t->pc_dirty = false;
	return 0;
}

#define REG(n) { #n, offsetof(snare_regs, n) }
static const struct {
	const char *name;
	size_t off;
} reg_names[] = {
	REG(r15), REG(r14), REG(r13), REG(r12), REG(rbp), REG(rbx),
	REG(r11), REG(r10), REG(r9), REG(r8), REG(rax), REG(rcx),
	REG(rdx), REG(rsi), REG(rdi), REG(orig_rax), REG(rip), REG(cs),
	REG(eflags), REG(rsp), REG(ss), REG(fs_base), REG(gs_base),
	REG(ds), REG(es), REG(fs), REG(gs),
	{ "pc", offsetof(snare_regs, rip) },
	{ "sp", offsetof(snare_regs, rsp) },
	{ "fp", offsetof(snare_regs, rbp) },
};

/*
 * Parts of the general registers, as x86-64 names them: the low 32, 16
 * and 8 bits, and bits 8-15 of the four legacy ones (ah). "sp" stays the
 * stack pointer (rsp), as in gdb, which leaves the 16-bit name out for the
 * same reason; gdb's "r8l" spelling is accepted next to "r8b".
 */
#define SUB(n, base, bits, shift) { n, offsetof(snare_regs, base), bits, shift }
static const struct {
	const char *name;
	size_t off;      /* the full register */
	unsigned bits;   /* 32, 16 or 8 */
	unsigned shift;  /* 8 for ah, bh, ch, dh */
} subreg_names[] = {
	SUB("eax", rax, 32, 0), SUB("ax", rax, 16, 0), SUB("al", rax, 8, 0),
	SUB("ah", rax, 8, 8),
	SUB("ebx", rbx, 32, 0), SUB("bx", rbx, 16, 0), SUB("bl", rbx, 8, 0),
	SUB("bh", rbx, 8, 8),
	SUB("ecx", rcx, 32, 0), SUB("cx", rcx, 16, 0), SUB("cl", rcx, 8, 0),
	SUB("ch", rcx, 8, 8),
	SUB("edx", rdx, 32, 0), SUB("dx", rdx, 16, 0), SUB("dl", rdx, 8, 0),
	SUB("dh", rdx, 8, 8),
	SUB("esi", rsi, 32, 0), SUB("si", rsi, 16, 0), SUB("sil", rsi, 8, 0),
	SUB("edi", rdi, 32, 0), SUB("di", rdi, 16, 0), SUB("dil", rdi, 8, 0),
	SUB("ebp", rbp, 32, 0), SUB("bp", rbp, 16, 0), SUB("bpl", rbp, 8, 0),
	SUB("esp", rsp, 32, 0), SUB("spl", rsp, 8, 0),
	SUB("eip", rip, 32, 0), SUB("ip", rip, 16, 0),
#define SUB_R(n) SUB("r" #n "d", r##n, 32, 0), SUB("r" #n "w", r##n, 16, 0), \
		 SUB("r" #n "b", r##n, 8, 0), SUB("r" #n "l", r##n, 8, 0)
	SUB_R(8), SUB_R(9), SUB_R(10), SUB_R(11), SUB_R(12), SUB_R(13),
	SUB_R(14), SUB_R(15),
#undef SUB_R
};

/* Where a name lives: a full register, or bits of one. */
struct reg_ref {
	uint64_t *slot;
	unsigned bits;   /* 64 for a full register */
	unsigned shift;
};

static int
reg_lookup(snare_thread *t, const char *name, struct reg_ref *ref)
{
	size_t i, off = 0;
	bool found = false;
	int r = snare__check_stopped(t);

	if (r < 0)
		return r;
	if (!name)
		return -EINVAL;
	ref->bits = 64;
	ref->shift = 0;
	for (i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]) && !found; i++) {
		if (!strcmp(reg_names[i].name, name)) {
			off = reg_names[i].off;
			found = true;
		}
	}
	for (i = 0; i < sizeof(subreg_names) / sizeof(subreg_names[0]) && !found;
	     i++) {
		if (!strcmp(subreg_names[i].name, name)) {
			off = subreg_names[i].off;
			ref->bits = subreg_names[i].bits;
			ref->shift = subreg_names[i].shift;
			found = true;
		}
	}
	if (!found)
		return snare__err(t->proc->s, -EINVAL,
				  "unknown register \"%s\" (rax..r15, eax, ax, al, ah, "
				  "r8d, r8w, r8b, rip, eip, eflags, orig_rax, fs_base, "
				  "pc, sp, fp...)", name);
	r = snare__regs_fetch(t);
	if (r < 0)
		return snare__err(t->proc->s, r, "registers of thread %d: %s",
				  t->tid, snare_strerror(r));
	ref->slot = (uint64_t *)((char *)&t->regs + off);
	return 0;
}

static uint64_t
bits_mask(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

SNARE_EXPORT int
snare_reg_get(uint64_t *out, snare_thread *t, const char *name)
{
	struct reg_ref ref;
	int r = reg_lookup(t, name, &ref);

	if (r == 0 && out)
		*out = (*ref.slot >> ref.shift) & bits_mask(ref.bits);
	return r;
}

SNARE_EXPORT int
snare_reg_set(snare_thread *t, const char *name, uint64_t value)
{
	struct reg_ref ref;
	uint64_t mask, high;
	int r = reg_lookup(t, name, &ref);

	if (r < 0)
		return r;
	mask = bits_mask(ref.bits);
	/* A value must fit the part: zero-extended, or sign-extended
	   ((uint64_t)-1 for eax is 0xffffffff). */
	high = value & ~mask;
	if (high && (high != ~mask || !(value >> (ref.bits - 1) & 1)))
		return snare__err(t->proc->s, -EINVAL,
				  "register %s: 0x%llx does not fit in %u bits",
				  name, (unsigned long long)value, ref.bits);
	value &= mask;
	if (ref.bits == 32)
		*ref.slot = value; /* as the CPU: zero-extended into 64 bits */
	else
		*ref.slot = (*ref.slot & ~(mask << ref.shift)) |
			    value << ref.shift;
	t->regs_dirty = true;
	if (ref.slot == &t->regs.rip) {
		snare__set_pc(t, t->regs.rip);
		/* A new pc inside an interrupted syscall would be moved back
		   by the kernel's restart logic (rule 11). */
		if (t->sc_in)
			t->regs.orig_rax = (uint64_t)-1;
	}
	return 0;
}

SNARE_EXPORT int
snare_thread_pc(uint64_t *out, snare_thread *t)
{
	return snare_reg_get(out, t, "rip");
}

SNARE_EXPORT int
snare_thread_set_pc(snare_thread *t, uint64_t pc)
{
	return snare_reg_set(t, "rip", pc);
}

SNARE_EXPORT int
snare_thread_sp(uint64_t *out, snare_thread *t)
{
	return snare_reg_get(out, t, "rsp");
}
