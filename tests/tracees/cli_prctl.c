/* SPDX-License-Identifier: MIT */
/*
 * cli_prctl: a deterministic tracee for the "prctl" golden family: prctl
 * with one call per kind of option (names, signals, capabilities, values
 * the kernel writes, return values strace annotates, unknown options) and
 * arch_prctl with its codes. Every call is safe when run as root: it
 * reads, fails on a bad argument, or changes only this process (its
 * name, its machine-check policy, its timer slack, a seccomp filter that
 * fails getppid), which then exits.
 * Then two calls whose decoders were fixed with these: kcmp's epoll
 * slot and an I/O priority whose class has more than three bits.
 * No sleeps.
 *
 *   cli_prctl
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <linux/prctl.h>
#include <linux/securebits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A pid no process has (above pid_max's limit of 4194304). */
#define NOPID 0x7ffffff0

static long
pr(long op, unsigned long a2, unsigned long a3, unsigned long a4,
   unsigned long a5)
{
	return syscall(SYS_prctl, op, a2, a3, a4, a5);
}

static long
arch(long code, unsigned long addr)
{
	return syscall(SYS_arch_prctl, code, addr);
}

int
main(void)
{
	char name[32] = { 0 };
	uint64_t u64 = 0;
	unsigned long ptr = 0;
	int i = 0;

	/* Names: cut at 15 bytes; read back at exit; a bad buffer. */
	pr(PR_SET_NAME, (unsigned long)"snare-prctl-tracee", 0, 0, 0);
	pr(PR_GET_NAME, (unsigned long)name, 0, 0, 0);
	pr(PR_GET_NAME, 1, 0, 0, 0);
	/* Signals. */
	pr(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, (unsigned long)&i, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	pr(PR_SET_PDEATHSIG, 0xdeadbeefUL, 0, 0, 0);
	/* Return values with their meaning. */
	pr(PR_GET_DUMPABLE, 0, 0, 0, 0);
	pr(PR_SET_DUMPABLE, 7, 0, 0, 0);
	pr(PR_GET_SECUREBITS, 0, 0, 0, 0);
	pr(PR_SET_SECUREBITS, SECBIT_NOROOT | 0x1000, 0, 0, 0);
	pr(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0, 0);
	pr(PR_MCE_KILL_GET, 0, 0, 0, 0);
	pr(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
	pr(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
	pr(PR_GET_SPECULATION_CTRL, 0x77, 0, 0, 0);
	pr(PR_SET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0x20, 0, 0);
	pr(PR_GET_FP_MODE, 0, 0, 0, 0);
	pr(PR_SET_FP_MODE, PR_FP_MODE_FR | 4, 0, 0, 0);
	/* Values the kernel writes. */
	pr(PR_GET_TSC, (unsigned long)&i, 0, 0, 0);
	pr(PR_SET_TSC, 0, 0, 0, 0);
	pr(PR_GET_UNALIGN, (unsigned long)&i, 0, 0, 0);
	pr(PR_SET_UNALIGN, PR_UNALIGN_NOPRINT | PR_UNALIGN_SIGBUS, 0, 0, 0);
	pr(PR_GET_CHILD_SUBREAPER, (unsigned long)&i, 0, 0, 0);
	pr(PR_GET_TID_ADDRESS, (unsigned long)&ptr, 0, 0, 0);
	pr(PR_GET_TID_ADDRESS, 1, 0, 0, 0);
	pr(PR_SCHED_CORE, PR_SCHED_CORE_GET, NOPID, 0, (unsigned long)&u64);
	pr(PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, NOPID, 7, 0);
	/* Capabilities. */
	pr(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0);
	pr(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0);
	pr(PR_CAP_AMBIENT, 9, 1, 2, 3);
	/* Arm64 and other options that fail here, decoded all the same. */
	pr(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC | 16, 0, 0, 0);
	pr(PR_SME_GET_VL, 0, 0, 0, 0);
	pr(PR_SET_TAGGED_ADDR_CTRL,
	   PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_SYNC | (5UL << 3), 0, 0, 0);
	pr(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0);
	pr(PR_PAC_RESET_KEYS, PR_PAC_APIAKEY | PR_PAC_APGAKEY, 0, 0, 0);
	pr(PR_PAC_SET_ENABLED_KEYS, PR_PAC_APIBKEY, 0, 0, 0);
	pr(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, 1, 0, 0);
	pr(PR_SET_MM, 0x77, 0, 0, 0);
	pr(PR_SET_SECCOMP, 0x77, 1, 2, 3);
	pr(PR_SET_PTRACER, (unsigned long)-1, 0, 0, 0);
	pr(PR_SET_PTRACER, 0, 0, 0, 0);
	pr(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0, 0, (unsigned long)"snare");
	/* Plain numbers, and an option no kernel has. */
	pr(PR_SET_TIMERSLACK, 50000, 0, 0, 0);
	pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	pr(0x7777, 1, 2, 3, 4);

	arch(ARCH_GET_FS, (unsigned long)&ptr);
	arch(ARCH_GET_FS, 1);
	arch(ARCH_GET_GS, (unsigned long)&ptr);
	arch(ARCH_GET_CPUID, 0);
	arch(ARCH_SET_CPUID, 1);
	arch(0x1021 /* ARCH_GET_XCOMP_SUPP */, (unsigned long)&u64);
	arch(0x1022 /* ARCH_GET_XCOMP_PERM */, (unsigned long)&u64);
	arch(0x1023 /* ARCH_REQ_XCOMP_PERM */, 0x77);
	arch(0x2003 /* ARCH_MAP_VDSO_64 */, 0);
	arch(0x3333, 1);

	{
		uint32_t slot[3] = { 3, 4, 5 };

		syscall(SYS_kcmp, 0, NOPID, KCMP_EPOLL_TFD, 3, slot);
		syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, NOPID,
			(0x7d677U << 13) | 7917);
	}

	/* Last, as it stays: a filter strace -v prints instruction by
	   instruction. */
	{
		struct sock_filter insns[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { 4, insns };

		pr(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		pr(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, (unsigned long)&prog,
		   0, 0);
		syscall(SYS_getppid);
	}
	return 0;
}
