/* SPDX-License-Identifier: MIT */
/*
 * ptrace_info.c: PTRACE_GET_SYSCALL_INFO's struct ptrace_syscall_info as
 * strace 6.1 prints it: only the fields inside both the caller's buffer
 * (addr) and what the kernel wrote (the return value), the union by op,
 * the syscall's number named when of this arch.
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/ptrace.h>
#include <stddef.h>
#include <string.h>

#include "decoders.h"

XLAT_TABLE(psi_ops, "PTRACE_SYSCALL_INFO_???",
	   XLAT_PAIR(0, "PTRACE_SYSCALL_INFO_NONE"),
	   XLAT_PAIR(1, "PTRACE_SYSCALL_INFO_ENTRY"),
	   XLAT_PAIR(2, "PTRACE_SYSCALL_INFO_EXIT"),
	   XLAT_PAIR(3, "PTRACE_SYSCALL_INFO_SECCOMP"));
XLAT_TABLE(psi_archs, "AUDIT_ARCH_???", XLAT(AUDIT_ARCH_AARCH64),
	   XLAT(AUDIT_ARCH_ARM), XLAT(AUDIT_ARCH_I386), XLAT(AUDIT_ARCH_MIPS),
	   XLAT(AUDIT_ARCH_MIPS64), XLAT(AUDIT_ARCH_MIPSEL),
	   XLAT(AUDIT_ARCH_MIPSEL64), XLAT(AUDIT_ARCH_PPC),
	   XLAT(AUDIT_ARCH_PPC64), XLAT(AUDIT_ARCH_PPC64LE),
	   XLAT(AUDIT_ARCH_RISCV64), XLAT(AUDIT_ARCH_S390X),
	   XLAT(AUDIT_ARCH_SPARC64), XLAT(AUDIT_ARCH_X86_64));

#define PSI_END(field)                                                   \
	(offsetof(struct ptrace_syscall_info, field) +                     \
	 sizeof(((struct ptrace_syscall_info *)0)->field))
#define PSI_EXIT_SIZE PSI_END(exit.is_error)
#define PSI_SECCOMP_SIZE PSI_END(seccomp.ret_data)

/* nr=__NR_chdir: named under -X abbrev, the number and a comment under
   verbose, the number alone under raw or when not of this arch. */
static void
psi_nr(struct fmt *f, uint64_t nr, uint32_t arch)
{
	const char *name = arch == AUDIT_ARCH_X86_64 && nr < (1ULL << 31) ?
				   snare_syscall_name((long)nr) : NULL;

	pb_puts(f->b, "nr=");
	if (name && XSTYLE_NAMES(f->b)) {
		pb_printf(f->b, "__NR_%s", name);
		return;
	}
	pb_printf(f->b, "%llu", (unsigned long long)nr);
	if (name && f->b->xstyle == 2)
		pb_printf(f->b, " /* __NR_%s */", name);
}

/* {nr=..., args=[...]} of entry or seccomp: the args that fit. */
static void
psi_call(struct fmt *f, const struct ptrace_syscall_info *p, size_t size,
	 bool seccomp)
{
	size_t args_off = seccomp ?
		offsetof(struct ptrace_syscall_info, seccomp.args) :
		offsetof(struct ptrace_syscall_info, entry.args);
	const __u64 *args = seccomp ? p->seccomp.args : p->entry.args;
	size_t n = (size - args_off) / sizeof(uint64_t), k;

	pb_putc(f->b, '{');
	psi_nr(f, seccomp ? p->seccomp.nr : p->entry.nr, p->arch);
	if (n > 6)
		n = 6;
	if (n) {
		pb_puts(f->b, ", args=[");
		for (k = 0; k < n; k++)
			pb_printf(f->b, args[k] ? "%s%#llx" : "%s0",
				  k ? ", " : "", (unsigned long long)args[k]);
		pb_putc(f->b, ']');
	}
	if (seccomp && size >= PSI_SECCOMP_SIZE)
		pb_printf(f->b, ", ret_data=%u", p->seccomp.ret_data);
	pb_putc(f->b, '}');
}

/* {rval=-ENOENT, is_error=1}: the errno named when is_error is there
   and set. */
static void
psi_exit(struct fmt *f, const struct ptrace_syscall_info *p, size_t size)
{
	int64_t rv = p->exit.rval;
	bool whole = size >= PSI_EXIT_SIZE;
	const char *err = whole && p->exit.is_error && rv < 0 && rv > -4096 ?
				  snare_errno_name((int)-rv) : NULL;

	pb_puts(f->b, "{rval=");
	if (err && XSTYLE_NAMES(f->b))
		pb_printf(f->b, "-%s", err);
	else
		pb_printf(f->b, "%lld", (long long)rv);
	if (err && f->b->xstyle == 2)
		pb_printf(f->b, " /* -%s */", err);
	if (whole)
		pb_printf(f->b, ", is_error=%u", p->exit.is_error);
	pb_putc(f->b, '}');
}

void
print_ptrace_syscall_info(struct fmt *f, uint64_t addr)
{
	struct ptrace_syscall_info info;
	uint64_t user_len = f->args[2], kernel_len = (uint64_t)f->rv;
	size_t size = user_len < kernel_len ? (size_t)user_len
					    : (size_t)kernel_len;

	if (size > PSI_SECCOMP_SIZE)
		size = PSI_SECCOMP_SIZE;
	memset(&info, 0, sizeof(info));
	if (!size || !addr || !f->p ||
	    snare_mem_read(&info, f->p, addr, size) != 0) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(f->b, "{op=");
	print_xval(f->b, &psi_ops, info.op, false);
	if (size < PSI_END(arch))
		goto done;
	pb_puts(f->b, ", arch=");
	print_xval(f->b, &psi_archs, info.arch, false);
	if (size < PSI_END(instruction_pointer))
		goto done;
	pb_printf(f->b, ", instruction_pointer=%#llx",
		  (unsigned long long)info.instruction_pointer);
	if (size < PSI_END(stack_pointer))
		goto done;
	pb_printf(f->b, ", stack_pointer=%#llx",
		  (unsigned long long)info.stack_pointer);
	if (size < PSI_END(entry.nr))
		goto done;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		pb_puts(f->b, ", entry=");
		psi_call(f, &info, size, false);
		break;
	case PTRACE_SYSCALL_INFO_SECCOMP:
		pb_puts(f->b, ", seccomp=");
		psi_call(f, &info, size, true);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		pb_puts(f->b, ", exit=");
		psi_exit(f, &info, size);
		break;
	}
done:
	pb_putc(f->b, '}');
}
