/* SPDX-License-Identifier: MIT */
/*
 * sys_proc.c: decoders of process and security syscalls, as strace 6.1
 * prints them: waitid (idtype, siginfo, options, rusage at exit),
 * capget/capset (header and the three
 * sets as 1<<CAP_* bits), rt_sigqueueinfo/rt_tgsigqueueinfo (the siginfo
 * passed), process_vm_readv/writev, kcmp, sched_setattr/getattr, pkeys,
 * membarrier and seccomp. ptrace's decoder is sys_ptrace.c.
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
	/* strace's tprint_iov(): read at exit, whatever the result. */
	print_array_any(f, v, f->args[4], 2 * sizeof(uint64_t),
			print_iov_addr_elem, NULL);
}

void
print_vm_local_iov(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (!f->exiting)
		print_iovec_upto(f, v, f->args[2], UINT64_MAX);
	else if (is_error(f))
		print_array_any(f, v, f->args[2], 2 * sizeof(uint64_t),
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
