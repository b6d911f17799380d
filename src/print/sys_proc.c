/* SPDX-License-Identifier: MIT */
/*
 * sys_proc.c: decoders of process and security syscalls, as strace 6.1
 * prints them: waitid (idtype, siginfo, options, rusage at exit), ptrace
 * (each request's addr and data), capget/capset (header and the three
 * sets as 1<<CAP_* bits), rt_sigqueueinfo/rt_tgsigqueueinfo (the siginfo
 * passed), process_vm_readv/writev, kcmp, sched_setattr/getattr, pkeys,
 * membarrier and seccomp.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <linux/kcmp.h>
#include <linux/membarrier.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <string.h>
#include <sys/reg.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "decoders.h"

/* Only in the kernel's include/uapi/linux/sched.h. */
#define KSCHED_FLAG_RESET_ON_FORK 0x01
#define KSCHED_FLAG_KEEP_POLICY 0x08
#define KSCHED_FLAG_KEEP_PARAMS 0x10
#define KSCHED_ATTR_SIZE_VER0 48
#define KSCHED_ATTR_SIZE_VER1 56
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

XLAT_TABLE(waitid_types, "P_???", XLAT(P_ALL), XLAT(P_PID), XLAT(P_PGID),
	   XLAT(P_PIDFD));
/* strace's wait4_options: WSTOPPED is shown, never its alias WUNTRACED. */
XLAT_TABLE(waitid_options, "W???", XLAT(WNOHANG), XLAT(WEXITED),
	   XLAT(WSTOPPED), XLAT(WCONTINUED), XLAT(WNOWAIT), XLAT(__WCLONE),
	   XLAT(__WALL), XLAT(__WNOTHREAD));
XLAT_TABLE(ptrace_cmds, "PTRACE_???", XLAT(PTRACE_TRACEME),
	   XLAT(PTRACE_PEEKTEXT), XLAT(PTRACE_PEEKDATA),
	   XLAT_PAIR(PTRACE_PEEKUSR, "PTRACE_PEEKUSER"), XLAT(PTRACE_POKETEXT), XLAT(PTRACE_POKEDATA),
	   XLAT_PAIR(PTRACE_POKEUSR, "PTRACE_POKEUSER"), XLAT(PTRACE_CONT), XLAT(PTRACE_KILL),
	   XLAT(PTRACE_SINGLESTEP), XLAT(PTRACE_ATTACH), XLAT(PTRACE_DETACH),
	   XLAT(PTRACE_SYSCALL), XLAT(PTRACE_SETOPTIONS),
	   XLAT(PTRACE_GETEVENTMSG), XLAT(PTRACE_GETSIGINFO),
	   XLAT(PTRACE_SETSIGINFO), XLAT(PTRACE_GETREGSET),
	   XLAT(PTRACE_SETREGSET), XLAT(PTRACE_SEIZE), XLAT(PTRACE_INTERRUPT),
	   XLAT(PTRACE_LISTEN), XLAT(PTRACE_PEEKSIGINFO),
	   XLAT(PTRACE_GETSIGMASK), XLAT(PTRACE_SETSIGMASK),
	   XLAT(PTRACE_SECCOMP_GET_FILTER), XLAT(PTRACE_SECCOMP_GET_METADATA),
	   XLAT(PTRACE_GET_SYSCALL_INFO), XLAT_PAIR(0x420f,
	   "PTRACE_GET_RSEQ_CONFIGURATION"), XLAT(PTRACE_GETREGS),
	   XLAT(PTRACE_SETREGS), XLAT(PTRACE_GETFPREGS),
	   XLAT(PTRACE_SETFPREGS), XLAT(PTRACE_GETFPXREGS),
	   XLAT(PTRACE_SETFPXREGS), XLAT(PTRACE_OLDSETOPTIONS),
	   XLAT(PTRACE_GET_THREAD_AREA), XLAT(PTRACE_SET_THREAD_AREA),
	   XLAT(PTRACE_ARCH_PRCTL), XLAT(PTRACE_SYSEMU),
	   XLAT(PTRACE_SYSEMU_SINGLESTEP), XLAT(PTRACE_SINGLEBLOCK));
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
XLAT_TABLE(cap_versions, "_LINUX_CAPABILITY_VERSION_???",
	   XLAT(_LINUX_CAPABILITY_VERSION_1), XLAT(_LINUX_CAPABILITY_VERSION_2),
	   XLAT(_LINUX_CAPABILITY_VERSION_3));
XLAT_TABLE(kcmp_types, "KCMP_???", XLAT(KCMP_FILE), XLAT(KCMP_VM),
	   XLAT(KCMP_FILES), XLAT(KCMP_FS), XLAT(KCMP_SIGHAND), XLAT(KCMP_IO),
	   XLAT(KCMP_SYSVSEM), XLAT(KCMP_EPOLL_TFD));
XLAT_TABLE(sched_attr_flags, "SCHED_FLAG_???", XLAT_PAIR(0x01,
	   "SCHED_FLAG_RESET_ON_FORK"), XLAT_PAIR(0x02, "SCHED_FLAG_RECLAIM"),
	   XLAT_PAIR(0x04, "SCHED_FLAG_DL_OVERRUN"),
	   XLAT_PAIR(0x08, "SCHED_FLAG_KEEP_POLICY"),
	   XLAT_PAIR(0x10, "SCHED_FLAG_KEEP_PARAMS"),
	   XLAT_PAIR(0x20, "SCHED_FLAG_UTIL_CLAMP_MIN"),
	   XLAT_PAIR(0x40, "SCHED_FLAG_UTIL_CLAMP_MAX"));
XLAT_TABLE(pkey_rights, "PKEY_???", XLAT_PAIR(1, "PKEY_DISABLE_ACCESS"),
	   XLAT_PAIR(2, "PKEY_DISABLE_WRITE"),
	   XLAT_PAIR(4, "PKEY_DISABLE_EXECUTE"));
XLAT_TABLE(membarrier_cmds, "MEMBARRIER_CMD_???",
	   XLAT(MEMBARRIER_CMD_QUERY), XLAT(MEMBARRIER_CMD_GLOBAL),
	   XLAT(MEMBARRIER_CMD_GLOBAL_EXPEDITED),
	   XLAT(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED),
	   XLAT(MEMBARRIER_CMD_PRIVATE_EXPEDITED),
	   XLAT(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED),
	   XLAT(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE),
	   XLAT(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE),
	   XLAT_PAIR(1 << 7, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ"),
	   XLAT_PAIR(1 << 8, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ"));
XLAT_TABLE(membarrier_flags, "MEMBARRIER_CMD_FLAG_???",
	   XLAT_PAIR(1, "MEMBARRIER_CMD_FLAG_CPU"));
XLAT_TABLE(seccomp_ops, "SECCOMP_SET_MODE_???", XLAT(SECCOMP_SET_MODE_STRICT),
	   XLAT(SECCOMP_SET_MODE_FILTER), XLAT(SECCOMP_GET_ACTION_AVAIL),
	   XLAT(SECCOMP_GET_NOTIF_SIZES));
XLAT_TABLE(seccomp_filter_flags, "SECCOMP_FILTER_FLAG_???",
	   XLAT_PAIR(1, "SECCOMP_FILTER_FLAG_TSYNC"),
	   XLAT_PAIR(2, "SECCOMP_FILTER_FLAG_LOG"),
	   XLAT_PAIR(4, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"),
	   XLAT_PAIR(8, "SECCOMP_FILTER_FLAG_NEW_LISTENER"),
	   XLAT_PAIR(16, "SECCOMP_FILTER_FLAG_TSYNC_ESRCH"),
	   XLAT_PAIR(32, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"));
XLAT_TABLE(seccomp_ret_actions, "SECCOMP_RET_???",
	   XLAT_PAIR(0x80000000U, "SECCOMP_RET_KILL_PROCESS"),
	   XLAT_PAIR(0, "SECCOMP_RET_KILL_THREAD"),
	   XLAT_PAIR(0x00030000U, "SECCOMP_RET_TRAP"),
	   XLAT_PAIR(0x00050000U, "SECCOMP_RET_ERRNO"),
	   XLAT_PAIR(0x7fc00000U, "SECCOMP_RET_USER_NOTIF"),
	   XLAT_PAIR(0x7ff00000U, "SECCOMP_RET_TRACE"),
	   XLAT_PAIR(0x7ffc0000U, "SECCOMP_RET_LOG"),
	   XLAT_PAIR(0x7fff0000U, "SECCOMP_RET_ALLOW"));

/* A siginfo in the tracee (strace's printsiginfo_at): the address when
   it cannot be read or the call failed, {} when it is all zero. */
void
print_siginfo_at(struct fmt *f, uint64_t addr)
{
	siginfo_t si;

	if (is_error(f)) {
		print_ptr(f, addr);
		return;
	}
	if (read_or_addr(f, &si, addr, sizeof(si)))
		print_siginfo_mem(f, &si);
}

void
print_ulong_ptr(struct fmt *f, uint64_t addr, bool hex)
{
	uint64_t v;

	if (is_error(f)) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return;
	pb_printf(f->b, hex ? "[%#llx]" : "[%llu]", (unsigned long long)v);
}

void
print_bit_flags(struct pbuf *b, const struct xlat *x, uint64_t v,
		const char *unknown)
{
	uint64_t left = 0;
	bool any = false;
	int bit;

	if (!v) {
		pb_putc(b, '0');
		return;
	}
	for (bit = 0; bit < 64; bit++) {
		const char *name;

		if (!(v & (1ULL << bit)))
			continue;
		name = xlat_name(x, (uint64_t)bit);
		if (!name) {
			left |= 1ULL << bit;
			continue;
		}
		pb_printf(b, "%s1<<%s", any ? "|" : "", name);
		any = true;
	}
	if (!left)
		return;
	if (any)
		pb_printf(b, "|%#llx", (unsigned long long)left);
	else
		pb_printf(b, "%#llx /* %s */", (unsigned long long)left, unknown);
}

/* waitid: the id by idtype; siginfo, options and rusage all at exit. */
void
print_waitid_id(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)f->args[0] == P_PIDFD)
		print_fd(f, (int)v);
	else if ((uint32_t)f->args[0] == P_PID)
		print_pid(f, (int)v);
	else if ((uint32_t)f->args[0] == P_PGID)
		print_pid_as(f, (int)v, PIDK_PGID);
	else
		pb_printf(f->b, "%d", (int)v);
}

void
print_waitid_info(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_siginfo_at(f, v);
}

void
print_waitid_options(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &waitid_options, (uint32_t)v);
}

void
print_waitid_rusage(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f))
		print_ptr(f, v);
	else
		print_rusage(f, v);
}

/* capget/capset. */
static bool
read_cap_header(struct fmt *f, uint64_t addr, uint32_t hdr[2])
{
	return addr && read_mem(f, hdr, addr, 2 * sizeof(uint32_t));
}

void
print_cap_header(struct fmt *f, uint64_t v, int i)
{
	uint32_t hdr[2];

	(void)i;
	if (!read_cap_header(f, v, hdr)) {
		print_ptr(f, v);
		return;
	}
	pb_puts(f->b, "{version=");
	print_xval(f->b, &cap_versions, hdr[0], false);
	pb_printf(f->b, ", pid=%d}", (int)hdr[1]);
}

static void
print_cap_bits(struct pbuf *b, uint32_t lo, uint32_t hi)
{
	if (lo || !hi)
		print_bit_flags(b, &capabilities, lo, "CAP_???");
	if (!hi)
		return;
	if (lo)
		pb_putc(b, '|');
	/* The second word's bits are capabilities 32 and up. */
	{
		uint64_t left = 0;
		bool any = false;
		int bit;

		for (bit = 0; bit < 32; bit++) {
			const char *name;

			if (!(hi & (1U << bit)))
				continue;
			name = xlat_name(&capabilities, (uint64_t)bit + 32);
			if (!name) {
				left |= 1U << bit;
				continue;
			}
			pb_printf(b, "%s1<<%s", any ? "|" : "", name);
			any = true;
		}
		if (left && any)
			pb_printf(b, "|%#llx", (unsigned long long)left);
		else if (left)
			pb_printf(b, "%#llx /* CAP_??? */",
				  (unsigned long long)left);
	}
}

static void
print_cap_data(struct fmt *f, uint64_t addr, bool have_hdr, uint32_t version)
{
	uint32_t d[6] = { 0 };
	size_t n;

	if (!addr || !have_hdr) {
		print_ptr(f, addr);
		return;
	}
	n = (version == _LINUX_CAPABILITY_VERSION_2 ||
	     version == _LINUX_CAPABILITY_VERSION_3) ? 2 : 1;
	if (!read_or_addr(f, d, addr, n * 3 * sizeof(uint32_t)))
		return;
	pb_puts(f->b, "{effective=");
	print_cap_bits(f->b, d[0], d[3]);
	pb_puts(f->b, ", permitted=");
	print_cap_bits(f->b, d[1], d[4]);
	pb_puts(f->b, ", inheritable=");
	print_cap_bits(f->b, d[2], d[5]);
	pb_putc(f->b, '}');
}

void
print_cap_data_in(struct fmt *f, uint64_t v, int i)
{
	uint32_t hdr[2];
	bool have = read_cap_header(f, f->args[0], hdr);

	(void)i;
	print_cap_data(f, v, have, have ? hdr[0] : 0);
}

void
print_cap_data_out(struct fmt *f, uint64_t v, int i)
{
	uint32_t hdr[2];
	bool have = !is_error(f) && read_cap_header(f, f->args[0], hdr);

	(void)i;
	print_cap_data(f, v, have, have ? hdr[0] : 0);
}

void
print_sigqueue_info(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_siginfo_at(f, v);
}

/* KCMP_EPOLL_TFD's target: {efd=3, tfd=4, toff=0}. */
static void
print_kcmp_epoll_slot(struct fmt *f, uint64_t v, int i)
{
	/* struct kcmp_epoll_slot: three 32-bit fields. */
	struct { int32_t efd, tfd; uint32_t toff; } slot;

	(void)i;
	if (!read_or_addr(f, &slot, v, sizeof(slot)))
		return;
	pb_puts(f->b, "{efd=");
	print_fd_tracee_ns(f, (int)f->args[1], slot.efd);
	pb_puts(f->b, ", tfd=");
	print_fd_tracee_ns(f, (int)f->args[1], slot.tfd);
	pb_printf(f->b, ", toff=%u}", slot.toff);
}

/* kcmp's idx1 and idx2 as fds: of the process pid1 and pid2 name. */
static void
print_kcmp_fd(struct fmt *f, uint64_t v, int i)
{
	print_fd_tracee_ns(f, (int)f->args[i == 3 ? 0 : 1], (int)v);
}

/* kcmp: idx1 and idx2 by type. */
void
print_kcmp_type(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &kcmp_types, (uint32_t)v, false);
}

void
fix_kcmp(const struct fmt *f, int *nargs, struct argspec *a)
{
	switch ((int)f->args[2]) {
	case KCMP_FILE:
		a[3] = (struct argspec)FN(print_kcmp_fd);
		a[4] = (struct argspec)FN(print_kcmp_fd);
		break;
	case KCMP_EPOLL_TFD:
		a[3] = (struct argspec)FN(print_kcmp_fd);
		a[4] = (struct argspec)FN(print_kcmp_epoll_slot);
		break;
	case KCMP_FILES: case KCMP_FS: case KCMP_IO: case KCMP_SIGHAND:
	case KCMP_SYSVSEM: case KCMP_VM:
		*nargs = 3;
		break;
	}
}

/* sched_setattr/getattr's struct sched_attr. */
struct ksched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
};

static void
print_sched_attr(struct fmt *f, uint64_t addr, uint32_t usize)
{
	struct ksched_attr attr;
	bool is_set = usize == 0;
	uint32_t size;

	memset(&attr, 0, sizeof(attr));
	if (!is_set) {
		size = usize < sizeof(attr) ? usize : sizeof(attr);
		if (!read_or_addr(f, &attr, addr, size))
			return;
		size = attr.size;
	} else {
		if (!read_or_addr(f, &attr.size, addr, sizeof(attr.size)))
			return;
		usize = attr.size ? attr.size : KSCHED_ATTR_SIZE_VER0;
		size = usize < sizeof(attr) ? usize : sizeof(attr);
		if (!read_or_addr(f, &attr, addr, size))
			return;
	}
	pb_printf(f->b, "{size=%u", attr.size);
	if (size < KSCHED_ATTR_SIZE_VER0)
		goto end;
	if (!is_set || (int)attr.sched_policy < 0 ||
	    !(attr.sched_flags & (KSCHED_FLAG_KEEP_POLICY |
				  KSCHED_FLAG_KEEP_PARAMS))) {
		pb_puts(f->b, ", sched_policy=");
		print_xval(f->b, &sched_policies, attr.sched_policy, false);
	}
	pb_puts(f->b, ", sched_flags=");
	print_flags(f->b, &sched_attr_flags, attr.sched_flags);
	if (!is_set || !(attr.sched_flags & KSCHED_FLAG_KEEP_PARAMS))
		pb_printf(f->b, ", sched_nice=%d, sched_priority=%u, "
			  "sched_runtime=%llu, sched_deadline=%llu, "
			  "sched_period=%llu", attr.sched_nice,
			  attr.sched_priority,
			  (unsigned long long)attr.sched_runtime,
			  (unsigned long long)attr.sched_deadline,
			  (unsigned long long)attr.sched_period);
	if (size < KSCHED_ATTR_SIZE_VER1)
		goto end;
	pb_printf(f->b, ", sched_util_min=%u, sched_util_max=%u",
		  attr.sched_util_min, attr.sched_util_max);
end:
	if ((is_set ? usize : attr.size) > size)
		pb_puts(f->b, ", ...");
	pb_putc(f->b, '}');
}

void
print_sched_attr_in(struct fmt *f, uint64_t v, int i)
{
	uint32_t size;

	(void)i;
	if (!f->exiting) {
		print_sched_attr(f, v, 0);
		return;
	}
	/* E2BIG: the kernel wrote the size it supports (strace shows it
	   unless -e verbose=none, which snare does not have; not -v). */
	if (f->rv == -7 && read_mem(f, &size, v, sizeof(size)))
		pb_printf(f->b, " => {size=%u}", size);
}

void
print_sched_attr_out(struct fmt *f, uint64_t v, int i)
{
	uint32_t size = (uint32_t)f->args[2];

	(void)i;
	if (size && !is_error(f))
		print_sched_attr(f, v, size);
	else
		print_ptr(f, v);
}

void
print_pkey_rights(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &pkey_rights, v);
}

/* membarrier: the cpu only with MEMBARRIER_CMD_FLAG_CPU; QUERY's return
   value is a set of commands. */
void
print_membarrier_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &membarrier_cmds, (uint32_t)(int)v, false);
}

void
print_membarrier_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &membarrier_flags, (uint32_t)v);
}

void
fix_membarrier(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)a;
	if (!(f->args[1] & 1))
		*nargs = 2;
}

void
rv_membarrier(struct fmt *f)
{
	if (f->args[0] != MEMBARRIER_CMD_QUERY || !f->rv) {
		pb_printf(f->b, "%lld", (long long)f->rv);
		return;
	}
	pb_printf(f->b, "%#llx (", (unsigned long long)f->rv);
	print_flags(f->b, &membarrier_cmds, (uint64_t)f->rv);
	pb_putc(f->b, ')');
}

/* seccomp: the flags and argument by operation. */
void
print_seccomp_op(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &seccomp_ops, (uint32_t)v, false);
}

void
print_seccomp_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)f->args[0] == SECCOMP_SET_MODE_FILTER)
		print_flags(f->b, &seccomp_filter_flags, (uint32_t)v);
	else
		pb_printf(f->b, (uint32_t)v ? "%#x" : "0", (uint32_t)v);
}

void
print_seccomp_arg_in(struct fmt *f, uint64_t v, int i)
{
	uint32_t act;

	(void)i;
	switch ((uint32_t)f->args[0]) {
	case SECCOMP_GET_ACTION_AVAIL:
		if (!read_or_addr(f, &act, v, sizeof(act)))
			return;
		pb_putc(f->b, '[');
		print_xval(f->b, &seccomp_ret_actions, act, false);
		pb_putc(f->b, ']');
		break;
	case SECCOMP_SET_MODE_FILTER:
		print_cbpf_fprog(f, v, true);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}

void
print_seccomp_arg_out(struct fmt *f, uint64_t v, int i)
{
	uint16_t szs[3]; /* struct seccomp_notif_sizes: three __u16 */

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, szs, v, sizeof(szs)))
		return;
	pb_printf(f->b, "{seccomp_notif=%u, seccomp_notif_resp=%u, "
		  "seccomp_data=%u}", szs[0], szs[1], szs[2]);
}

void
fix_seccomp(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)nargs;
	if ((uint32_t)f->args[0] == SECCOMP_GET_NOTIF_SIZES)
		a[2] = (struct argspec)FN_OUT(print_seccomp_arg_out);
}

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
	case PTRACE_CONT: case PTRACE_DETACH: case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP: case PTRACE_SINGLEBLOCK: case PTRACE_SYSEMU:
	case PTRACE_SYSEMU_SINGLESTEP:
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
	case PTRACE_LISTEN:
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

void
print_waitid_type(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &waitid_types, (uint32_t)v, false);
}

/* process_vm_readv/writev: the remote iovec shows only addresses; the
   local one the bytes moved (readv: at exit, addresses on error). */
void
print_vm_remote_iov(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_array(f, v, f->args[4], 2 * sizeof(uint64_t),
		    print_iov_addr_elem, NULL);
}

void
print_vm_local_iov(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (!f->exiting)
		print_iovec_upto(f, v, f->args[2], UINT64_MAX);
	else if (is_error(f))
		print_array(f, v, f->args[2], 2 * sizeof(uint64_t),
			    print_iov_addr_elem, NULL);
	else
		print_iovec_upto(f, v, f->args[2], (uint64_t)f->rv);
}

/* get_robust_list: the list head's address and the length, at exit. */
void
print_robust_head_out(struct fmt *f, uint64_t v, int i)
{
	uint64_t head;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &head, v, sizeof(head)))
		return;
	pb_putc(f->b, '[');
	print_ptr(f, head);
	pb_putc(f->b, ']');
}

void
print_robust_len_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_ulong_ptr(f, v, false);
}

/* An unsigned int nobody names, in hex, 0 as "0" (pidfd_send_signal's and
   pidfd_getfd's flags, SG_SET_TRANSFORM). */
void
print_u32_hex(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	pb_printf(f->b, (uint32_t)v ? "%#x" : "0", (unsigned)(uint32_t)v);
}
