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

static int
reg_lookup(snare_thread *t, const char *name, uint64_t **slot)
{
	size_t i;
	int r = snare__check_stopped(t);

	if (r < 0)
		return r;
	if (!name)
		return -EINVAL;
	for (i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++) {
		if (!strcmp(reg_names[i].name, name)) {
			r = snare__regs_fetch(t);
			if (r < 0)
				return r;
			*slot = (uint64_t *)((char *)&t->regs + reg_names[i].off);
			return 0;
		}
	}
	return snare__err(t->proc->s, -EINVAL, "unknown register \"%s\"", name);
}

SNARE_EXPORT int
snare_reg_get(uint64_t *out, snare_thread *t, const char *name)
{
	uint64_t *slot;
	int r = reg_lookup(t, name, &slot);

	if (r == 0 && out)
		*out = *slot;
	return r;
}

SNARE_EXPORT int
snare_reg_set(snare_thread *t, const char *name, uint64_t value)
{
	uint64_t *slot;
	int r = reg_lookup(t, name, &slot);

	if (r == 0) {
		*slot = value;
		t->regs_dirty = true;
		if (slot == &t->regs.rip)
			snare__set_pc(t, value);
		/* A new pc inside an interrupted syscall would be moved back
		   by the kernel's restart logic (rule 11). */
		if (slot == &t->regs.rip && t->sc_in)
			t->regs.orig_rax = (uint64_t)-1;
	}
	return r;
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
