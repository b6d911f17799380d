/* SPDX-License-Identifier: MIT */
/*
 * ptrace_info.c: PTRACE_GET_SYSCALL_INFO's struct ptrace_syscall_info as
 * strace 6.1 prints it: only the fields inside both the caller's buffer
 * (addr) and what the kernel wrote (the return value), the union by op,
 * the syscall's number named when of this arch. Also the register sets
 * that PTRACE_GETREGS/SETREGS and the NT_PRSTATUS/NT_FPREGSET regsets
 * carry.
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/ptrace.h>
#include <stddef.h>
#include <string.h>
#include <sys/user.h>

#include "decoders.h"

XLAT_TABLE(psi_ops, "PTRACE_SYSCALL_INFO_???",
	   XLAT_PAIR(0, "PTRACE_SYSCALL_INFO_NONE"),
	   XLAT_PAIR(1, "PTRACE_SYSCALL_INFO_ENTRY"),
	   XLAT_PAIR(2, "PTRACE_SYSCALL_INFO_EXIT"),
	   XLAT_PAIR(3, "PTRACE_SYSCALL_INFO_SECCOMP"));
XLAT_TABLE(syscall_audit_archs, "AUDIT_ARCH_???", XLAT(AUDIT_ARCH_AARCH64),
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

/* __NR_chdir under -X abbrev, the number and a comment under verbose,
   the number alone under raw or when not of this arch (a syscall info's
   nr, SIGSYS's si_syscall). */
void
print_syscall_nr_of_arch(struct pbuf *b, uint64_t nr, uint32_t arch)
{
	const char *name = arch == AUDIT_ARCH_X86_64 && nr < (1ULL << 31) ?
				   snare_syscall_name((long)nr) : NULL;

	if (name && XSTYLE_NAMES(b)) {
		pb_printf(b, "__NR_%s", name);
		return;
	}
	pb_printf(b, "%llu", (unsigned long long)nr);
	if (name && b->xstyle == 2)
		pb_printf(b, " /* __NR_%s */", name);
}

static void
psi_nr(struct fmt *f, uint64_t nr, uint32_t arch)
{
	pb_puts(f->b, "nr=");
	print_syscall_nr_of_arch(f->b, nr, arch);
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
	    snare__mem_peek(&info, f->p, addr, size) != 0) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(f->b, "{op=");
	print_xval(f->b, &psi_ops, info.op, false);
	if (size < PSI_END(arch))
		goto done;
	pb_puts(f->b, ", arch=");
	print_xval(f->b, &syscall_audit_archs, info.arch, false);
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

/*
 * The register sets, as strace 6.1 prints them for x86_64: struct
 * user_regs_struct (PTRACE_GETREGS, NT_PRSTATUS) and struct
 * user_fpregs_struct (PTRACE_GETFPREGS, NT_FPREGSET), both from
 * <sys/user.h>. A regset's iov_len may cover only the first fields:
 * those that begin inside it are shown; a length that is not a multiple
 * of 8 (the kernel refuses it) or is 0 shows the address, one beyond
 * the struct adds "...".
 */
static const char *const prstatus_names[] = {
	"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
	"rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags",
	"rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs",
};

static void
print_hex_field(struct pbuf *b, const char *name, uint64_t v, bool first)
{
	pb_printf(b, v ? "%s%s=%#llx" : "%s%s=0", first ? "" : ", ", name,
		  (unsigned long long)v);
}

void
print_prstatus_regs(struct fmt *f, uint64_t addr, uint64_t size)
{
	uint64_t regs[ARRAY_SIZE(prstatus_names)];
	size_t fetch = size < sizeof(regs) ? (size_t)size : sizeof(regs), k;

	if (!size || size & 7) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, regs, addr, fetch))
		return;
	pb_putc(f->b, '{');
	for (k = 0; k < fetch / sizeof(regs[0]); k++)
		print_hex_field(f->b, prstatus_names[k], regs[k], !k);
	if (size > sizeof(regs))
		pb_puts(f->b, ", ...");
	pb_putc(f->b, '}');
}

/* One of the fpregs' arrays of 32-bit words, the words of it that begin
   within fetch bytes, cut at -s as strace cuts a local array. */
static void
print_fp_words(struct fmt *f, const char *name, const uint32_t *w,
	       size_t count, size_t off, size_t fetch)
{
	size_t n = (fetch - off) / 4, max = array_max(f), k;

	if (n > count)
		n = count;
	pb_printf(f->b, ", %s=[", name);
	for (k = 0; k < n; k++) {
		if (k >= max) {
			pb_puts(f->b, k ? ", ..." : "...");
			break;
		}
		pb_printf(f->b, w[k] ? "%s%#x" : "%s0", k ? ", " : "",
			  (unsigned)w[k]);
	}
	pb_putc(f->b, ']');
}

void
print_fpregs(struct fmt *f, uint64_t addr, uint64_t size)
{
	struct user_fpregs_struct r;
	size_t fetch = size < sizeof(r) ? (size_t)size : sizeof(r);

	if (!size || size & 7) {
		print_ptr(f, addr);
		return;
	}
	memset(&r, 0, sizeof(r));
	if (!read_or_addr(f, &r, addr, fetch))
		return;
#define FP_AFTER(field) (fetch > offsetof(struct user_fpregs_struct, field))
	print_hex_field(f->b, "{cwd", r.cwd, true);
	if (FP_AFTER(swd))
		print_hex_field(f->b, "swd", r.swd, false);
	if (FP_AFTER(ftw))
		print_hex_field(f->b, "ftw", r.ftw, false);
	if (FP_AFTER(fop))
		print_hex_field(f->b, "fop", r.fop, false);
	if (FP_AFTER(rip))
		print_hex_field(f->b, "rip", r.rip, false);
	if (FP_AFTER(rdp))
		print_hex_field(f->b, "rdp", r.rdp, false);
	if (FP_AFTER(mxcsr))
		print_hex_field(f->b, "mxcsr", r.mxcsr, false);
	if (FP_AFTER(mxcr_mask))
		print_hex_field(f->b, "mxcr_mask", r.mxcr_mask, false);
	if (FP_AFTER(st_space))
		print_fp_words(f, "st_space", r.st_space,
			       ARRAY_SIZE(r.st_space),
			       offsetof(struct user_fpregs_struct, st_space),
			       fetch);
	if (FP_AFTER(xmm_space))
		print_fp_words(f, "xmm_space", r.xmm_space,
			       ARRAY_SIZE(r.xmm_space),
			       offsetof(struct user_fpregs_struct, xmm_space),
			       fetch);
	if (FP_AFTER(padding))
		print_fp_words(f, "padding", r.padding, ARRAY_SIZE(r.padding),
			       offsetof(struct user_fpregs_struct, padding),
			       fetch);
#undef FP_AFTER
	if (size > sizeof(r))
		pb_puts(f->b, ", ...");
	pb_putc(f->b, '}');
}
