/* SPDX-License-Identifier: MIT */
/*
 * sys_ptrace.c: the decoder of a tracee's own ptrace(2) calls, as strace
 * 6.1 prints them (each request's addr and data, PEEKUSER offsets, regsets,
 * PEEKSIGINFO, seccomp metadata). It only names the requests: snare's own
 * resumes all go through src/core/resume.c, the one place that issues
 * them; the resuming requests are known here by their ABI numbers only.
 */
#define _GNU_SOURCE
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/reg.h>
#include <sys/user.h>

#include "decoders.h"

/* The requests that resume a tracee, by the numbers the tracee passes
   (linux/ptrace.h, stable ABI), for decoding only. */
enum {
	TREQ_CONT = 7,
	TREQ_SINGLESTEP = 9,
	TREQ_DETACH = 17,
	TREQ_SYSCALL = 24,
	TREQ_SYSEMU = 31,
	TREQ_SYSEMU_SINGLESTEP = 32,
	TREQ_SINGLEBLOCK = 33,
	TREQ_LISTEN = 0x4208,
};

XLAT_TABLE(ptrace_cmds, "PTRACE_???", XLAT(PTRACE_TRACEME),
	   XLAT(PTRACE_PEEKTEXT), XLAT(PTRACE_PEEKDATA),
	   XLAT_PAIR(PTRACE_PEEKUSR, "PTRACE_PEEKUSER"), XLAT(PTRACE_POKETEXT), XLAT(PTRACE_POKEDATA),
	   XLAT_PAIR(PTRACE_POKEUSR, "PTRACE_POKEUSER"), XLAT_PAIR(TREQ_CONT, "PTRACE_CONT"), XLAT(PTRACE_KILL),
	   XLAT_PAIR(TREQ_SINGLESTEP, "PTRACE_SINGLESTEP"), XLAT(PTRACE_ATTACH), XLAT_PAIR(TREQ_DETACH, "PTRACE_DETACH"),
	   XLAT_PAIR(TREQ_SYSCALL, "PTRACE_SYSCALL"), XLAT(PTRACE_SETOPTIONS),
	   XLAT(PTRACE_GETEVENTMSG), XLAT(PTRACE_GETSIGINFO),
	   XLAT(PTRACE_SETSIGINFO), XLAT(PTRACE_GETREGSET),
	   XLAT(PTRACE_SETREGSET), XLAT(PTRACE_SEIZE), XLAT(PTRACE_INTERRUPT),
	   XLAT_PAIR(TREQ_LISTEN, "PTRACE_LISTEN"), XLAT(PTRACE_PEEKSIGINFO),
	   XLAT(PTRACE_GETSIGMASK), XLAT(PTRACE_SETSIGMASK),
	   XLAT(PTRACE_SECCOMP_GET_FILTER), XLAT(PTRACE_SECCOMP_GET_METADATA),
	   XLAT(PTRACE_GET_SYSCALL_INFO), XLAT_PAIR(0x420f,
	   "PTRACE_GET_RSEQ_CONFIGURATION"), XLAT(PTRACE_GETREGS),
	   XLAT(PTRACE_SETREGS), XLAT(PTRACE_GETFPREGS),
	   XLAT(PTRACE_SETFPREGS), XLAT(PTRACE_GETFPXREGS),
	   XLAT(PTRACE_SETFPXREGS), XLAT(PTRACE_OLDSETOPTIONS),
	   XLAT(PTRACE_GET_THREAD_AREA), XLAT(PTRACE_SET_THREAD_AREA),
	   XLAT(PTRACE_ARCH_PRCTL), XLAT_PAIR(TREQ_SYSEMU, "PTRACE_SYSEMU"),
	   XLAT_PAIR(TREQ_SYSEMU_SINGLESTEP, "PTRACE_SYSEMU_SINGLESTEP"), XLAT_PAIR(TREQ_SINGLEBLOCK, "PTRACE_SINGLEBLOCK"));
XLAT_TABLE(ptrace_options, "PTRACE_O_???", XLAT(PTRACE_O_TRACESYSGOOD),
	   XLAT(PTRACE_O_TRACEFORK), XLAT(PTRACE_O_TRACEVFORK),
	   XLAT(PTRACE_O_TRACECLONE), XLAT(PTRACE_O_TRACEEXEC),
	   XLAT(PTRACE_O_TRACEVFORKDONE), XLAT(PTRACE_O_TRACEEXIT),
	   XLAT(PTRACE_O_TRACESECCOMP), XLAT(PTRACE_O_EXITKILL),
	   XLAT(PTRACE_O_SUSPEND_SECCOMP));
/* The note types of include/uapi/linux/elf.h, in strace's order. */
XLAT_TABLE(nt_types, "NT_???", XLAT_PAIR(1, "NT_PRSTATUS"),
	   XLAT_PAIR(2, "NT_FPREGSET"), XLAT_PAIR(3, "NT_PRPSINFO"),
	   XLAT_PAIR(4, "NT_PRXREG"), XLAT_PAIR(4, "NT_TASKSTRUCT"),
	   XLAT_PAIR(5, "NT_PLATFORM"), XLAT_PAIR(6, "NT_AUXV"),
	   XLAT_PAIR(0x53494749, "NT_SIGINFO"), XLAT_PAIR(0x46494c45, "NT_FILE"),
	   XLAT_PAIR(0x46e62b7f, "NT_PRXFPREG"), XLAT_PAIR(0x200, "NT_386_TLS"),
	   XLAT_PAIR(0x201, "NT_386_IOPERM"), XLAT_PAIR(0x202, "NT_X86_XSTATE"));

/* ptrace: strace's decode_ptrace_entering/exiting for x86_64. */
XLAT_TABLE(peeksiginfo_flags, "PTRACE_PEEKSIGINFO_???",
	   XLAT(PTRACE_PEEKSIGINFO_SHARED));

/* The offsets in struct user that strace names, ascending: the
   registers by <sys/reg.h>'s index, then the other fields. */
#define UREG(r, name) XLAT_PAIR(8 * (r), name)
#define UOFF(field) XLAT_PAIR(offsetof(struct user, field), \
			      "offsetof(struct user, " #field ")")
XLAT_TABLE(user_offsets, NULL, UREG(R15, "8*R15"), UREG(R14, "8*R14"),
	   UREG(R13, "8*R13"), UREG(R12, "8*R12"), UREG(RBP, "8*RBP"),
	   UREG(RBX, "8*RBX"), UREG(R11, "8*R11"), UREG(R10, "8*R10"),
	   UREG(R9, "8*R9"), UREG(R8, "8*R8"), UREG(RAX, "8*RAX"),
	   UREG(RCX, "8*RCX"), UREG(RDX, "8*RDX"), UREG(RSI, "8*RSI"),
	   UREG(RDI, "8*RDI"), UREG(ORIG_RAX, "8*ORIG_RAX"),
	   UREG(RIP, "8*RIP"), UREG(CS, "8*CS"), UREG(EFLAGS, "8*EFL"),
	   UREG(RSP, "8*RSP"), UREG(SS, "8*SS"), UOFF(u_fpvalid), UOFF(i387),
	   UOFF(u_tsize), UOFF(u_dsize), UOFF(u_ssize), UOFF(start_code),
	   UOFF(start_stack), UOFF(signal), UOFF(reserved), UOFF(u_ar0),
	   UOFF(u_fpstate), UOFF(magic), UOFF(u_comm), UOFF(u_debugreg),
	   XLAT_PAIR(sizeof(struct user), "sizeof(struct user)"));

/*
 * PEEKUSER/POKEUSER's offset, as strace's print_user_offset_addr(): the
 * field at or below it and what is left, "offsetof(struct user,
 * u_debugreg)+56"; the number alone past the end of struct user.
 */
static void
print_user_offset(struct fmt *f, uint64_t addr)
{
	const struct xlat_data *base = NULL;
	size_t k;

	for (k = 0; k < user_offsets.n; k++)
		if (user_offsets.data[k].val <= addr)
			base = &user_offsets.data[k];
	if (base && addr > base->val &&
	    base == &user_offsets.data[user_offsets.n - 1])
		base = NULL;
	if (!base || !XSTYLE_NAMES(f->b))
		print_ptr(f, addr);
	if (!base || f->b->xstyle == 1)
		return;
	pb_puts(f->b, f->b->xstyle == 2 ? " /* " : "");
	pb_puts(f->b, base->str);
	if (addr != base->val)
		pb_printf(f->b, "+%llu", (unsigned long long)(addr - base->val));
	if (f->b->xstyle == 2)
		pb_puts(f->b, " */");
}

/* PTRACE_PEEKSIGINFO's struct ptrace_peeksiginfo_args. */
static void
print_peeksiginfo_args(struct fmt *f, uint64_t addr)
{
	struct ptrace_peeksiginfo_args a;

	if (!read_or_addr(f, &a, addr, sizeof(a)))
		return;
	pb_printf(f->b, "{off=%llu, flags=", (unsigned long long)a.off);
	print_flags(f->b, &peeksiginfo_flags, a.flags);
	pb_printf(f->b, ", nr=%u}", (unsigned)a.nr);
}

void
print_ptrace_req(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &ptrace_cmds, v, false);
}

void
print_ptrace_addr(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	switch (f->args[0]) {
	case PTRACE_GETREGSET: case PTRACE_SETREGSET:
		print_xval(f->b, &nt_types, (uint32_t)v, false);
		break;
	case PTRACE_GETSIGMASK: case PTRACE_SETSIGMASK:
	case PTRACE_SECCOMP_GET_FILTER: case PTRACE_SECCOMP_GET_METADATA:
	case PTRACE_GET_SYSCALL_INFO:
		pb_printf(f->b, "%llu", (unsigned long long)v);
		break;
	case PTRACE_PEEKSIGINFO:
		print_peeksiginfo_args(f, v);
		break;
	case PTRACE_PEEKUSR: case PTRACE_POKEUSR:
		print_user_offset(f, v);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}

/* The data printed at entry. */
void
print_ptrace_data(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	switch (f->args[0]) {
	case TREQ_CONT: case TREQ_DETACH: case TREQ_SYSCALL:
	case TREQ_SINGLESTEP: case TREQ_SINGLEBLOCK: case TREQ_SYSEMU:
	case TREQ_SYSEMU_SINGLESTEP:
		print_signo(f->b, (int)v);
		break;
	case PTRACE_SEIZE: case PTRACE_SETOPTIONS: case PTRACE_OLDSETOPTIONS:
		print_flags(f->b, &ptrace_options, v);
		break;
	case PTRACE_SETSIGINFO:
		print_siginfo_at(f, v);
		break;
	case PTRACE_SETSIGMASK:
		print_sigset(f, v, (size_t)f->args[2]);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}

/* The data printed at exit (PEEK*, GETEVENTMSG, GETSIGINFO ...). */
void
print_ptrace_data_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	switch (f->args[0]) {
	case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA: case PTRACE_PEEKUSR:
		print_ulong_ptr(f, v, true);
		break;
	case PTRACE_GETEVENTMSG:
		print_ulong_ptr(f, v, false);
		break;
	case PTRACE_GETSIGINFO:
		print_siginfo_at(f, v);
		break;
	case PTRACE_GET_SYSCALL_INFO:
		print_ptrace_syscall_info(f, v);
		break;
	case PTRACE_PEEKSIGINFO:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_siginfo_array(f, v, (uint64_t)f->rv);
		break;
	case PTRACE_SECCOMP_GET_FILTER:
		/* As strace: the count is the return value as an unsigned
		   short, whatever it is. */
		print_seccomp_insns(f, v, (uint16_t)f->rv);
		break;
	case PTRACE_GETSIGMASK:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_sigset(f, v, (size_t)f->args[2]);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}

/* A regset of type nt (GETREGSET/SETREGSET's addr): the registers of
   NT_PRSTATUS and NT_FPREGSET, the address of any other. */
static void
print_regset(struct fmt *f, uint64_t base, uint64_t len)
{
	pb_puts(f->b, "{iov_base=");
	switch (f->args[2]) {
	case 1: /* NT_PRSTATUS */
		if (is_error(f))
			print_ptr(f, base);
		else
			print_prstatus_regs(f, base, len);
		break;
	case 2: /* NT_FPREGSET */
		if (is_error(f))
			print_ptr(f, base);
		else
			print_fpregs(f, base, len);
		break;
	default:
		print_ptr(f, base);
		break;
	}
}

/*
 * GETREGSET's iovec: nothing at entry but its length, noted; at exit the
 * registers the kernel wrote and the length, "iov_len=216 => 8" when the
 * kernel cut it. The iovec's address when it cannot be read (at entry:
 * then nothing at exit).
 */
void
print_ptrace_getregset(struct fmt *f, uint64_t v, int i)
{
	uint64_t iov[2];
	int64_t old;
	bool noted;

	(void)i;
	if (!f->exiting) {
		if (read_or_addr(f, iov, v, sizeof(iov)))
			note_put(f, v, (int64_t)iov[1]);
		return;
	}
	noted = note_get(f, v, &old, true);
	if (!read_mem(f, iov, v, sizeof(iov))) {
		if (noted)
			print_ptr(f, v);
		return;
	}
	if (!noted)
		old = (int64_t)iov[1];
	print_regset(f, iov[0], iov[1]);
	if ((uint64_t)old == iov[1])
		pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov[1]);
	else
		pb_printf(f->b, ", iov_len=%llu => %llu}",
			  (unsigned long long)old, (unsigned long long)iov[1]);
}

/* SETREGSET's iovec: the registers passed at entry, " => N" at exit when
   the kernel changed the length. */
void
print_ptrace_setregset(struct fmt *f, uint64_t v, int i)
{
	uint64_t iov[2];
	int64_t old;
	bool noted;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, iov, v, sizeof(iov)))
			return;
		print_regset(f, iov[0], iov[1]);
		pb_printf(f->b, ", iov_len=%llu", (unsigned long long)iov[1]);
		note_put(f, v, (int64_t)iov[1]);
		return;
	}
	noted = note_get(f, v, &old, true);
	if (!read_mem(f, iov, v, sizeof(iov))) {
		if (noted)
			pb_putc(f->b, '}');
		return;
	}
	if (noted && (uint64_t)old != iov[1])
		pb_printf(f->b, " => %llu", (unsigned long long)iov[1]);
	pb_putc(f->b, '}');
}
/* GETREGS/SETREGS, GETFPREGS/SETFPREGS: the struct at data (the third
   argument strace shows), the address when the call failed. */
void
print_ptrace_regs(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	v = f->args[3];
	if (is_error(f))
		print_ptr(f, v);
	else if (f->args[0] == PTRACE_GETREGS || f->args[0] == PTRACE_SETREGS)
		print_prstatus_regs(f, v, sizeof(struct user_regs_struct));
	else
		print_fpregs(f, v, sizeof(struct user_fpregs_struct));
}

/*
 * PTRACE_SECCOMP_GET_METADATA's struct seccomp_metadata, of addr bytes:
 * filter_off at entry (the address when addr is too small for it), the
 * flags at exit within the size the kernel returned, "???" when cut.
 */
void
print_seccomp_metadata(struct fmt *f, uint64_t v, int i)
{
	uint64_t md[2];
	int64_t noted;

	(void)i;
	if (!f->exiting) {
		if (f->args[2] < sizeof(md[0])) {
			print_ptr(f, v);
			return;
		}
		if (!read_or_addr(f, &md[0], v, sizeof(md[0])))
			return;
		pb_printf(f->b, "{filter_off=%llu", (unsigned long long)md[0]);
		note_put(f, v, 1);
		return;
	}
	if (!note_get(f, v, &noted, true))
		return;
	if (!is_error(f) && (uint64_t)f->rv > sizeof(md[0])) {
		pb_puts(f->b, ", ");
		if ((uint64_t)f->rv < sizeof(md) ||
		    !read_mem(f, &md[1], v + sizeof(md[0]), sizeof(md[1]))) {
			pb_puts(f->b, "???");
		} else {
			pb_puts(f->b, "flags=");
			print_flags(f->b, &seccomp_filter_flags, md[1]);
			if ((uint64_t)f->rv > sizeof(md))
				pb_puts(f->b, ", ...");
		}
	}
	pb_putc(f->b, '}');
}

void
fix_ptrace(const struct fmt *f, int *nargs, struct argspec *a)
{
	switch (f->args[0]) {
	case PTRACE_TRACEME:
		*nargs = 1;
		return;
	case PTRACE_ATTACH: case PTRACE_INTERRUPT: case PTRACE_KILL:
	case TREQ_LISTEN:
		*nargs = 2;
		return;
	case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA: case PTRACE_PEEKUSR:
	case PTRACE_GETEVENTMSG: case PTRACE_GETSIGINFO:
	case PTRACE_GETSIGMASK: case PTRACE_PEEKSIGINFO:
	case PTRACE_SECCOMP_GET_FILTER: case PTRACE_GET_SYSCALL_INFO:
		a[3] = (struct argspec)FN_OUT(print_ptrace_data_out);
		return;
	case PTRACE_GETREGS: case PTRACE_GETFPREGS:
		/* No addr: the registers at data, at exit. */
		*nargs = 3;
		a[2] = (struct argspec)FN_OUT(print_ptrace_regs);
		return;
	case PTRACE_SETREGS: case PTRACE_SETFPREGS:
		*nargs = 3;
		a[2] = (struct argspec)FN(print_ptrace_regs);
		return;
	case PTRACE_GETREGSET:
		a[3] = (struct argspec)FN_SPLIT(print_ptrace_getregset);
		return;
	case PTRACE_SETREGSET:
		a[3] = (struct argspec)FN_SPLIT(print_ptrace_setregset);
		return;
	case PTRACE_SECCOMP_GET_METADATA:
		a[3] = (struct argspec)FN_SPLIT(print_seccomp_metadata);
		return;
	}
}
