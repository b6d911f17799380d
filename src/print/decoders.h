/* SPDX-License-Identifier: MIT */
/*
 * decoders.h: the syscall decoders of the sys_*.c files, by family, for
 * the rows of sysent.c. Each decodes one argument (an A_FN* kind: the
 * function gets the argument's value and index), rewrites a row's
 * argument kinds from the values (a fixup, as sysent.c's own), or prints
 * a return value (RV_FN), as strace 6.1 does for the same syscall.
 *
 * sys_proc.c: waitid, ptrace, capget/capset, signal queueing, signalfd,
 *             process_vm_*, kcmp, sched_attr, pkeys, membarrier, seccomp.
 * sys_mm.c:   the NUMA memory policy calls, process_madvise,
 *             modify_ldt, set_thread_area/get_thread_area.
 * sys_ipc.c:  System V IPC, POSIX message queues, keys.
 * sys_fs.c:   mount and the new mount API, openat2, fanotify, inotify,
 *             file handles, landlock, quotactl, swapon.
 * sys_uring.c: io_uring_setup/enter/register.
 * sys_admin.c: syslog, reboot, adjtimex/clock_adjtime, futex_waitv,
 *             perf_event_open, the module calls, settimeofday,
 *             userfaultfd, io_setup; print_rv_fn(), the RV_FN rows'
 *             return values.
 * sys_aio.c:  io_submit, io_cancel, io_getevents, io_pgetevents.
 * sys_bpf.c:  bpf (names in sys_bpf_names.c, BPF_OBJ_GET_INFO_BY_FD's
 *             object info in sys_bpf_info.c).
 * sys_misc.c: single details of strace's decoders: ids, unsigned ints,
 *             pidfds, clone3, personality, memfd_create, short sigsets,
 *             mincore, the tail of a struct beyond what is known.
 * sys_prctl.c: prctl and arch_prctl, per option.
 * bpf_filter.c: classic BPF programs (seccomp filters).
 */
#ifndef SNARE_PRINT_DECODERS_H
#define SNARE_PRINT_DECODERS_H

#include <signal.h>

#include "print.h"

#define FN(func) { .kind = A_FN, .fn = (func) }
#define FN_OUT(func) { .kind = A_FN_OUT, .fn = (func) }
#define FN_SPLIT(func) { .kind = A_FN_SPLIT, .fn = (func) }

typedef void arg_fn(struct fmt *f, uint64_t v, int i);
typedef void fixup_fn(const struct fmt *f, int *nargs, struct argspec *a);
typedef void rv_fn(struct fmt *f);

/* Shared small printers (sys_proc.c). */
void print_siginfo_at(struct fmt *f, uint64_t addr);
/* [0x1234]: a long or pointer at addr, at exit (the address on error). */
void print_ulong_ptr(struct fmt *f, uint64_t addr, bool hex);
/* Flags named by bit number from a table of numbers (1<<CAP_CHOWN). */
void print_bit_flags(struct pbuf *b, const struct xlat *x, uint64_t v,
		     const char *unknown);

/* sys_proc.c */
arg_fn print_waitid_id, print_waitid_info, print_waitid_options,
	print_waitid_rusage, print_cap_header, print_cap_data_in,
	print_cap_data_out, print_sigqueue_info, print_kcmp_type,
	print_sched_attr_in, print_sched_attr_out, print_pkey_rights,
	print_membarrier_cmd, print_membarrier_flags, print_seccomp_op,
	print_seccomp_flags, print_seccomp_arg_in, print_seccomp_arg_out,
	print_ptrace_req, print_ptrace_addr, print_ptrace_data,
	print_ptrace_data_out, print_ptrace_getregset,
	print_ptrace_setregset, print_ptrace_regs, print_seccomp_metadata,
	print_waitid_type,
	print_vm_remote_iov, print_vm_local_iov, print_robust_head_out,
	print_robust_len_out, print_u32_hex;
fixup_fn fix_ptrace, fix_seccomp, fix_kcmp, fix_membarrier;
rv_fn rv_membarrier;

/* ptrace_info.c: PTRACE_GET_SYSCALL_INFO's struct, at exit; a
   syscall number of an AUDIT_ARCH_* named as the -X styles say; the
   register sets of PTRACE_GETREGS/GETFPREGS and of NT_PRSTATUS and
   NT_FPREGSET (size bytes at addr, the fields that fit). */
void print_ptrace_syscall_info(struct fmt *f, uint64_t addr);
void print_syscall_nr_of_arch(struct pbuf *b, uint64_t nr, uint32_t arch);
extern const struct xlat syscall_audit_archs;
/* sys_proc.c: seccomp(2)'s filter flags, also in ptrace's seccomp metadata. */
extern const struct xlat seccomp_filter_flags;
void print_prstatus_regs(struct fmt *f, uint64_t addr, uint64_t size);
void print_fpregs(struct fmt *f, uint64_t addr, uint64_t size);
/* siginfo_mem.c: a kernel siginfo_t as strace's printsiginfo(), and
   PTRACE_PEEKSIGINFO's array of n of them. */
void print_siginfo_mem(struct fmt *f, const siginfo_t *si);
void print_siginfo_array(struct fmt *f, uint64_t addr, uint64_t n);

/* sys_mm.c */
arg_fn print_mpol_mode, print_mpol_mode_out, print_nodemask_in,
	print_nodemask_out, print_mpol_flags, print_mbind_flags,
	print_move_pages_flags, print_pages_in, print_nodes_in,
	print_status_out, print_madvise_iov, print_madvise_advice,
	print_ldt_ptr, print_set_thread_area, print_get_thread_area;
rv_fn rv_modify_ldt, rv_set_thread_area;

/* sys_ipc.c */
arg_fn print_ipc_key, print_ipc_get_flags, print_shmget_flags,
	print_shmat_flags, print_msg_flags, print_ipc_cmd, print_sembuf,
	print_msgbuf, print_mq_attr_in, print_mq_attr_out, print_mq_msg_out,
	print_mq_prio_out, print_mq_timeout, print_sigevent_arg,
	print_key_serial, print_keyctl_cmd;
fixup_fn fix_shmctl, fix_msgctl, fix_semctl, fix_mq_open, fix_keyctl;

/* sys_fs.c */
arg_fn print_mount_type, print_mount_flags, print_mount_data,
	print_swap_flags, print_quotactl_cmd, print_open_how,
	print_fanotify_init_flags, print_fanotify_mark_flags,
	print_fanotify_mask, print_fanotify_dirfd, print_handle_split,
	print_handle_in, print_mount_id_out, print_handle_at_flags,
	print_landlock_attr, print_landlock_create_flags,
	print_landlock_rule_type, print_landlock_rule, print_fsopen_flags,
	print_fsmount_flags, print_fsmount_attr_flags, print_fspick_flags,
	print_move_mount_flags, print_open_tree_flags,
	print_mount_setattr_flags, print_fsconfig_cmd, print_mount_attr,
	print_uring_params, print_uring_enter_flags, print_uring_reg_op,
	print_uring_reg_arg;
fixup_fn fix_quotactl, fix_fsconfig;
rv_fn rv_landlock;

/* sys_admin.c */
arg_fn print_syslog_type, print_reboot_magic1, print_reboot_magic2,
	print_reboot_cmd, print_reboot_arg, print_timex_out, print_futex_waitv,
	print_futex_wake_op,
	print_perf_attr, print_perf_flags, print_delete_module_flags,
	print_module_init_flags, print_uffd_flags, print_kexec_file_flags,
	print_timezone, print_aio_ctx_out, print_str_out,
	print_kexec_segments, print_kexec_flags;
fixup_fn fix_syslog, fix_reboot;
rv_fn rv_adjtimex;

/* sys_misc.c */
arg_fn print_uid, print_u32_dec, print_pidfd_open_flags,
	print_memfd_secret_flags, print_pidfd_target_fd, print_hostname,
	print_sigpending_set, print_mincore_vec, print_wait4_rusage,
	print_timezone_out, print_personality, print_sendfile_offset,
	print_memfd_name, print_memfd_create_flags, print_clock_nanosleep_rem,
	print_sysctl_args;
rv_fn rv_personality, rv_sigtimedwait;
bool print_nonzero_tail(struct fmt *f, const char *sep, uint64_t addr,
			uint64_t start, uint64_t total);

/* sys_ipcds.c: the *ctl buffers of System V IPC. */
arg_fn print_ipc_ds_set, print_ipc_ds_out;

/* sys_aio.c */
arg_fn print_iocbpp, print_iocb_cancel, print_io_event_out,
	print_io_events_out;

/* ioctl.c: the command, and the argument by the command's family. */
arg_fn print_ioctl_cmd;
fixup_fn fix_ioctl;
/* ioctl's return value (RV_FN): the number, named for some commands,
   and what the command's family adds after it (ioctl.c). */
void print_ioctl_rv(struct fmt *f);

/* sys_bpf.c */
arg_fn print_bpf_cmd, print_bpf_attr;
rv_fn rv_bpf;

/* ioctl_names.c, ioctl_fs.c and the ioctl_<family>.c files: the storage
   and filesystem ioctl families (ioctl_fam.h). ioctl_fam_name() gives a
   command's name (several joined by " or ", composed in buf when needed)
   or NULL; print_ioctl_fam_cmd() prints it under the -X styles;
   ioctl_fam_args() sets the third argument's decoding (a[2], *nargs) and
   returns false for a command of another family. */
const char *ioctl_fam_name(unsigned cmd, char *buf, size_t cap);
bool ioctl_fam_args(const struct fmt *f, int *nargs, struct argspec *a);
arg_fn print_ioctl_fam_cmd;
/* sys_prctl.c */
fixup_fn fix_prctl, fix_arch_prctl;
rv_fn rv_prctl, rv_arch_prctl;

/* bpf_filter.c: a struct sock_fprog, its instructions under -v (a
   seccomp filter's return actions named when seccomp). */
void print_cbpf_fprog(struct fmt *f, uint64_t addr, bool seccomp);
/* PTRACE_SECCOMP_GET_FILTER's n instructions (strace's
   print_seccomp_fprog()). */
void print_seccomp_insns(struct fmt *f, uint64_t addr, unsigned n);
/* An eBPF instruction's opcode: BPF_ALU64|BPF_K|BPF_MOV. */
void print_ebpf_code(struct pbuf *b, uint8_t code);

/* structs.c: clone's flags and exit signal, "CLONE_FS|SIGCHLD". */
void print_clone_flags(struct pbuf *b, uint64_t flags);

/* sys_fcntl.c: fcntl's structs and flags by command. */
arg_fn print_flock_in, print_flock_out, print_f_owner_ex,
	print_fcntl_notify, print_fcntl_lease;

#endif
