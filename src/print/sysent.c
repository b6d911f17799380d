/* SPDX-License-Identifier: MIT */
/*
 * sysent.c: the x86_64 syscall table of the printer, one row per syscall
 * in the style of strace's src/linux/x86_64/syscallent.h: the number of
 * arguments, the style of the return value and each argument's kind.
 * Rows whose arguments depend on another argument (openat's mode only with
 * O_CREAT, fcntl's third argument per command, futex per operation) name a
 * fixup that rewrites the kinds from the values. Syscalls without kinds
 * print their arguments in hex, as strace's printargs() does; the numbers
 * of arguments of those come from strace's table.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "decoders.h"

#define A(k) { .kind = A_##k }
#define AX(k, table) { .kind = A_##k, .x = &(table) }
#define AL(k, n) { .kind = A_##k, .aux = (n) }
#define AT(k, n) { .kind = A_##k, .arg = (n) + 1 }
/* A syscall decoded as strace's printargs(): n arguments in hex. */
#define N(name, n) [SYS_##name] = { n, RV_DEC, { { 0 } }, NULL }

static void
fix_open(const struct fmt *f, int *nargs, struct argspec *a)
{
	uint64_t flags = f->args[f->nr == SYS_open ? 1 : 2];

	/* The mode is only printed when the kernel reads it. */
	if (!(flags & (O_CREAT | KERNEL___O_TMPFILE)))
		(*nargs)--;
}

/* The device number only for a character or block device. */
static void
fix_mknod(const struct fmt *f, int *nargs, struct argspec *a)
{
	unsigned type = (unsigned)f->args[*nargs - 2] & S_IFMT;

	if (type != S_IFCHR && type != S_IFBLK)
		(*nargs)--;
}

/* getpriority, setpriority, ioprio_get, ioprio_set: who is a process or
   a process group's id by which (strace's printpid() types). */
static void
fix_who(const struct fmt *f, int *nargs, struct argspec *a)
{
	int which = (int)f->args[0];
	bool io = f->nr == SYS_ioprio_get || f->nr == SYS_ioprio_set;

	(void)nargs;
	if (which == (io ? 1 : PRIO_PROCESS)) /* IOPRIO_WHO_PROCESS */
		a[1] = (struct argspec)A(PID);
	else if (which == (io ? 2 : PRIO_PGRP)) /* IOPRIO_WHO_PGRP */
		a[1] = (struct argspec)A(PGID);
}

static void
fix_fcntl(const struct fmt *f, int *nargs, struct argspec *a)
{
	switch ((int)f->args[1]) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG:
	case F_GETLEASE: case F_GETPIPE_SZ: case F_GET_SEALS:
		*nargs = 2;
		break;
	case F_SETFD:
		a[2] = (struct argspec)AX(FLAGS, fd_flags);
		break;
	case F_SETFL:
		a[2] = (struct argspec)A(OPEN_FLAGS);
		break;
	case F_SETOWN:
		a[2] = (struct argspec)A(PID_PGRP);
		break;
	case F_DUPFD: case F_DUPFD_CLOEXEC:
	case F_SETPIPE_SZ:
		a[2] = (struct argspec)A(INT);
		break;
	case F_SETSIG:
		a[2] = (struct argspec)A(SIG);
		break;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		a[2] = (struct argspec)FN(print_flock_in);
		break;
	case F_GETLK: case F_OFD_GETLK:
		a[2] = (struct argspec)FN_OUT(print_flock_out);
		break;
	case F_SETOWN_EX:
		a[2] = (struct argspec)FN(print_f_owner_ex);
		break;
	case F_GETOWN_EX:
		a[2] = (struct argspec)FN_OUT(print_f_owner_ex);
		break;
	case F_NOTIFY:
		a[2] = (struct argspec)FN(print_fcntl_notify);
		break;
	case F_SETLEASE:
		a[2] = (struct argspec)FN(print_fcntl_lease);
		break;
	}
}

/* mremap's fifth argument exists only with MREMAP_FIXED, as strace shows. */
static void
fix_mremap(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)a;
	if (!(f->args[3] & MREMAP_FIXED))
		*nargs = 4;
}

/* strace's futex(): which arguments each operation uses, in order. */
static void
fix_futex(const struct fmt *f, int *nargs, struct argspec *a)
{
	switch ((int)(f->args[1] & FUTEX_CMD_MASK)) {
	case FUTEX_WAIT:
		*nargs = 4;
		a[3] = (struct argspec)A(TIMESPEC_IN);
		break;
	case FUTEX_WAIT_BITSET:
		*nargs = 5;
		a[3] = (struct argspec)A(TIMESPEC_IN);
		a[4] = (struct argspec)AT(FUTEX_VAL3, 5);
		break;
	case FUTEX_WAKE_BITSET:
		*nargs = 4;
		a[3] = (struct argspec)AT(FUTEX_VAL3, 5);
		break;
	case FUTEX_REQUEUE:
		*nargs = 5;
		a[3] = (struct argspec)A(UINT);
		break;
	case FUTEX_CMP_REQUEUE: case FUTEX_CMP_REQUEUE_PI:
		a[3] = (struct argspec)A(UINT);
		a[5] = (struct argspec)A(UINT);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		*nargs = 5;
		a[3] = (struct argspec)A(TIMESPEC_IN);
		break;
	case FUTEX_WAKE_OP:
		a[3] = (struct argspec)A(UINT);
		a[5] = (struct argspec)FN(print_futex_wake_op);
		break;
	case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2:
		/* The timeout, in the fourth argument's place. */
		*nargs = 3;
		a[2] = (struct argspec){ .kind = A_TIMESPEC_IN, .arg = 4 };
		break;
	case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
		*nargs = 2;
		break;
	case FUTEX_WAKE: default:
		*nargs = 3;
		break;
	}
	/* An unknown operation: all six, as strace shows them. */
	if (!xlat_name(&futex_ops, f->args[1] & FUTEX_CMD_MASK)) {
		*nargs = 6;
		a[5] = (struct argspec)FN(print_u32_hex);
	}
}

static void
fix_socket(const struct fmt *f, int *nargs, struct argspec *a)
{
	if (f->args[0] == AF_INET || f->args[0] == AF_INET6)
		a[2] = (struct argspec)AX(XVAL, ip_protocols);
	else if (f->args[0] == AF_NETLINK)
		a[2] = (struct argspec)AX(XVAL, sock_netlink_protocols);
}

/* The option's name, from its level's table; a number at other levels. */
static void
fix_sockopt(const struct fmt *f, int *nargs, struct argspec *a)
{
	const struct xlat *x = sockopt_names((int)f->args[1],
					     (unsigned)f->args[2],
					     f->nr == SYS_getsockopt);

	(void)nargs;
	if (x)
		a[2] = (struct argspec){ .kind = A_XVAL_U32, .x = x };
}

static const struct sysent sysent_table[] = {
	/* Files and fds. */
	[SYS_read] = { 3, RV_DEC, { A(FD), AL(BUF_OUT, 2), A(ULONG) }, NULL },
	[SYS_write] = { 3, RV_DEC, { A(FD), AL(BUF_IN, 2), A(ULONG) }, NULL },
	[SYS_pread64] = { 4, RV_DEC, { A(FD), A(BUF_OUT), A(ULONG), A(LONG) }, NULL },
	[SYS_pwrite64] = { 4, RV_DEC,
			   { A(FD), AL(BUF_IN, 2), A(ULONG), A(LONG) }, NULL },
	[SYS_readv] = { 3, RV_DEC, { A(FD), AL(IOVEC_OUT, 2), A(INT) }, NULL },
	[SYS_writev] = { 3, RV_DEC, { A(FD), AL(IOVEC_IN, 2), A(INT) }, NULL },
	[SYS_preadv] = { 4, RV_DEC,
			 { A(FD), AL(IOVEC_OUT, 2), A(INT), A(LONG) }, NULL },
	/* x86_64 passes the offset whole; args[4] is its unused high half. */
	[SYS_preadv2] = { 5, RV_DEC, { A(FD), AL(IOVEC_OUT, 2), A(ULONG), A(LONG),
				       { .kind = A_FLAGS_U32, .x = &rwf_flags,
					 .arg = 6 } }, NULL },
	[SYS_pwritev2] = { 5, RV_DEC, { A(FD), AL(IOVEC_IN, 2), A(ULONG), A(LONG),
					{ .kind = A_FLAGS_U32, .x = &rwf_flags,
					  .arg = 6 } }, NULL },
	[SYS_pwritev] = { 4, RV_DEC,
			  { A(FD), AL(IOVEC_IN, 2), A(INT), A(LONG) }, NULL },
	[SYS_open] = { 3, RV_FD, { A(PATH), A(OPEN_FLAGS), A(OCTAL) },
		       fix_open },
	[SYS_openat] = { 4, RV_FD,
			 { A(DIRFD), A(PATH), A(OPEN_FLAGS), A(OCTAL) },
			 fix_open },
	[SYS_creat] = { 2, RV_FD, { A(PATH), A(OCTAL) }, NULL },
	[SYS_close] = { 1, RV_DEC, { A(FD) }, NULL },
	[SYS_close_range] = { 3, RV_DEC,
			      { A(UINT), A(UINT), AX(FLAGS, close_range_flags) }, NULL },
	[SYS_stat] = { 2, RV_DEC, { A(PATH), A(STAT_OUT) }, NULL },
	[SYS_lstat] = { 2, RV_DEC, { A(PATH), A(STAT_OUT) }, NULL },
	[SYS_fstat] = { 2, RV_DEC, { A(FD), A(STAT_OUT) }, NULL },
	[SYS_newfstatat] = { 4, RV_DEC, { A(DIRFD), A(PATH), A(STAT_OUT),
					  AX(FLAGS, at_flags) }, NULL },
	[SYS_statx] = { 5, RV_DEC, { A(DIRFD), A(PATH), A(STATX_FLAGS),
				     AX(FLAGS, statx_masks), A(STATX_OUT) }, NULL },
	[SYS_lseek] = { 3, RV_DEC, { A(FD), A(LONG), AX(XVAL, seek_whence) }, NULL },
	[SYS_dup] = { 1, RV_FD, { A(FD) }, NULL },
	[SYS_dup2] = { 2, RV_FD, { A(FD), A(FD) }, NULL },
	[SYS_dup3] = { 3, RV_FD, { A(FD), A(FD), AX(FLAGS, open_flags) }, NULL },
	[SYS_pipe] = { 1, RV_DEC, { A(FDPAIR_OUT) }, NULL },
	[SYS_pipe2] = { 2, RV_DEC, { A(FDPAIR_OUT), AX(FLAGS, open_flags) }, NULL },
	[SYS_fcntl] = { 3, RV_FCNTL, { A(FD), AX(XVAL, fcntl_cmds), A(HEX) },
			fix_fcntl },
	[SYS_flock] = { 2, RV_DEC, { A(FD), AX(FLAGS, flock_ops) }, NULL },
	[SYS_fsync] = { 1, RV_DEC, { A(FD) }, NULL },
	[SYS_fdatasync] = { 1, RV_DEC, { A(FD) }, NULL },
	[SYS_syncfs] = { 1, RV_DEC, { A(FD) }, NULL },
	[SYS_truncate] = { 2, RV_DEC, { A(PATH), A(LONG) }, NULL },
	[SYS_ftruncate] = { 2, RV_DEC, { A(FD), A(LONG) }, NULL },
	[SYS_fallocate] = { 4, RV_DEC, { A(FD), AX(FLAGS, falloc_flags),
					 A(LONG), A(LONG) }, NULL },
	[SYS_getdents64] = { 3, RV_DEC, { A(FD), A(DIRENTS_OUT), A(UINT) }, NULL },
	[SYS_getdents] = { 3, RV_DEC, { A(FD), A(DIRENTS_OUT), A(UINT) }, NULL },
	[SYS_ioctl] = { 3, RV_FN, { A(FD), FN(print_ioctl_cmd), A(HEX) },
			fix_ioctl },
	[SYS_access] = { 2, RV_DEC, { A(PATH), AX(FLAGS, access_modes) }, NULL },
	[SYS_faccessat] = { 3, RV_DEC,
			    { A(DIRFD), A(PATH), AX(FLAGS, access_modes) }, NULL },
	[SYS_faccessat2] = { 4, RV_DEC, { A(DIRFD), A(PATH),
					  AX(FLAGS, access_modes),
					  AX(FLAGS, faccessat_flags) }, NULL },
	[SYS_getcwd] = { 2, RV_DEC, { A(PATH_OUT), A(ULONG) }, NULL },
	[SYS_chdir] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_fchdir] = { 1, RV_DEC, { A(FD) }, NULL },
	[SYS_chroot] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_mkdir] = { 2, RV_DEC, { A(PATH), A(OCTAL) }, NULL },
	[SYS_mkdirat] = { 3, RV_DEC, { A(DIRFD), A(PATH), A(OCTAL) }, NULL },
	[SYS_rmdir] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_unlink] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_unlinkat] = { 3, RV_DEC,
			   { A(DIRFD), A(PATH), AX(FLAGS, at_flags) }, NULL },
	[SYS_rename] = { 2, RV_DEC, { A(PATH), A(PATH) }, NULL },
	[SYS_renameat] = { 4, RV_DEC, { A(DIRFD), A(PATH), A(DIRFD), A(PATH) }, NULL },
	[SYS_renameat2] = { 5, RV_DEC, { A(DIRFD), A(PATH), A(DIRFD), A(PATH),
					 AX(FLAGS, rename_flags) }, NULL },
	[SYS_link] = { 2, RV_DEC, { A(PATH), A(PATH) }, NULL },
	[SYS_linkat] = { 5, RV_DEC, { A(DIRFD), A(PATH), A(DIRFD), A(PATH),
				      AX(FLAGS, at_flags) }, NULL },
	[SYS_symlink] = { 2, RV_DEC, { A(PATH), A(PATH) }, NULL },
	[SYS_symlinkat] = { 3, RV_DEC, { A(PATH), A(DIRFD), A(PATH) }, NULL },
	[SYS_readlink] = { 3, RV_DEC, { A(PATH), A(PATH_OUT), A(ULONG) }, NULL },
	[SYS_readlinkat] = { 4, RV_DEC,
			     { A(DIRFD), A(PATH), A(PATH_OUT), A(ULONG) }, NULL },
	[SYS_chmod] = { 2, RV_DEC, { A(PATH), A(OCTAL) }, NULL },
	[SYS_fchmod] = { 2, RV_DEC, { A(FD), A(OCTAL) }, NULL },
	[SYS_fchmodat] = { 3, RV_DEC, { A(DIRFD), A(PATH), A(OCTAL) }, NULL },
	[SYS_chown] = { 3, RV_DEC, { A(PATH), FN(print_uid), FN(print_uid) }, NULL },
	[SYS_lchown] = { 3, RV_DEC, { A(PATH), FN(print_uid), FN(print_uid) }, NULL },
	[SYS_fchown] = { 3, RV_DEC, { A(FD), FN(print_uid), FN(print_uid) }, NULL },
	[SYS_fchownat] = { 5, RV_DEC, { A(DIRFD), A(PATH), FN(print_uid), FN(print_uid),
					AX(FLAGS, at_flags) }, NULL },
	[SYS_mknod] = { 3, RV_DEC, { A(PATH), A(MODE_T), A(DEV) }, fix_mknod },
	[SYS_mknodat] = { 4, RV_DEC, { A(DIRFD), A(PATH), A(MODE_T), A(DEV) },
			  fix_mknod },
	[SYS_utimensat] = { 4, RV_DEC, { A(DIRFD), A(PATH), A(UTIMENS),
					 AX(FLAGS, at_flags) }, NULL },
	[SYS_utimes] = { 2, RV_DEC, { A(PATH), A(UTIMES) }, NULL },
	[SYS_futimesat] = { 3, RV_DEC, { A(DIRFD), A(PATH), A(UTIMES) }, NULL },
	[SYS_utime] = { 2, RV_DEC, { A(PATH), A(UTIMBUF) }, NULL },
	[SYS_umask] = { 1, RV_OCTAL, { A(UMASK) }, NULL },
	[SYS_statfs] = { 2, RV_DEC, { A(PATH), A(STATFS_OUT) }, NULL },
	[SYS_fstatfs] = { 2, RV_DEC, { A(FD), A(STATFS_OUT) }, NULL },
	[SYS_inotify_init1] = { 1, RV_FD, { AX(FLAGS, inotify_init_flags) }, NULL },
	[SYS_inotify_add_watch] = { 3, RV_DEC, { A(FD), A(PATH),
						 AX(FLAGS, inotify_masks) }, NULL },
	[SYS_inotify_rm_watch] = { 2, RV_DEC, { A(FD), A(INT) }, NULL },
	[SYS_memfd_create] = { 2, RV_FD, { FN(print_memfd_name),
					 FN(print_memfd_create_flags) }, NULL },
	[SYS_eventfd2] = { 2, RV_FD, { A(UINT), AX(FLAGS, eventfd_flags) }, NULL },
	[SYS_eventfd] = { 1, RV_FD, { A(UINT) }, NULL },
	[SYS_epoll_create1] = { 1, RV_FD, { AX(FLAGS, epoll_create_flags) }, NULL },
	[SYS_epoll_create] = { 1, RV_FD, { A(INT) }, NULL },
	[SYS_epoll_ctl] = { 4, RV_DEC, { A(FD), AX(XVAL_U32, epoll_ctl_ops),
					 A(FD), A(EPOLL_EVENT) }, NULL },
	[SYS_epoll_wait] = { 4, RV_DEC, { A(FD), A(EPOLL_EVENTS_OUT), A(INT),
					  A(INT) }, NULL },
	/* strace reads the timeout and the mask at exit: their addresses
	   when the call failed. */
	[SYS_epoll_pwait] = { 6, RV_DEC, { A(FD), A(EPOLL_EVENTS_OUT), A(INT),
					   A(INT), AL(SIGSET_OUT, 5),
					   A(ULONG) }, NULL },
	[SYS_epoll_pwait2] = { 6, RV_DEC, { A(FD), A(EPOLL_EVENTS_OUT), A(INT),
					    A(TIMESPEC_OUT), AL(SIGSET_OUT, 5),
					    A(ULONG) }, NULL },
	[SYS_timerfd_create] = { 2, RV_FD, { AX(XVAL, clock_ids),
					     AX(FLAGS, timerfd_flags) }, NULL },
	[SYS_signalfd4] = { 4, RV_FD, { A(FD), AL(SIGSET_IN, 2), A(ULONG),
					AX(FLAGS, signalfd_flags) }, NULL },
	[SYS_splice] = { 6, RV_DEC, { A(FD), A(INT64PTR_IN), A(FD),
				      A(INT64PTR_IN), A(ULONG),
				      AX(FLAGS, splice_flags) }, NULL },
	[SYS_sendfile] = { 4, RV_DEC, { A(FD), A(FD), FN_SPLIT(print_sendfile_offset), A(ULONG) },
			   NULL },
	[SYS_copy_file_range] = { 6, RV_DEC, { A(FD), A(INT64PTR_IN), A(FD),
					       A(INT64PTR_IN),
					       A(ULONG), A(UINT) }, NULL },
	[SYS_getxattr] = { 4, RV_DEC, { A(PATH), A(STR), A(XATTR_VAL_OUT),
					A(ULONG) }, NULL },
	[SYS_lgetxattr] = { 4, RV_DEC, { A(PATH), A(STR), A(XATTR_VAL_OUT),
					 A(ULONG) }, NULL },
	[SYS_fgetxattr] = { 4, RV_DEC, { A(FD), A(STR), A(XATTR_VAL_OUT),
					 A(ULONG) }, NULL },
	[SYS_setxattr] = { 5, RV_DEC, { A(PATH), A(STR), AL(XATTR_VAL_IN, 3),
					A(ULONG), AX(FLAGS, xattr_flags) }, NULL },
	[SYS_lsetxattr] = { 5, RV_DEC, { A(PATH), A(STR), AL(XATTR_VAL_IN, 3),
					 A(ULONG), AX(FLAGS, xattr_flags) }, NULL },
	[SYS_fsetxattr] = { 5, RV_DEC, { A(FD), A(STR), AL(XATTR_VAL_IN, 3),
					 A(ULONG), AX(FLAGS, xattr_flags) }, NULL },
	[SYS_listxattr] = { 3, RV_DEC, { A(PATH), A(XATTR_LIST_OUT), A(ULONG) }, NULL },
	[SYS_llistxattr] = { 3, RV_DEC, { A(PATH), A(XATTR_LIST_OUT), A(ULONG) }, NULL },
	[SYS_flistxattr] = { 3, RV_DEC, { A(FD), A(XATTR_LIST_OUT), A(ULONG) }, NULL },
	[SYS_removexattr] = { 2, RV_DEC, { A(PATH), A(STR) }, NULL },
	[SYS_lremovexattr] = { 2, RV_DEC, { A(PATH), A(STR) }, NULL },
	[SYS_fremovexattr] = { 2, RV_DEC, { A(FD), A(STR) }, NULL },
	[SYS_fadvise64] = { 4, RV_DEC, { A(FD), A(LONG), A(ULONG),
					 AX(XVAL_INT, fadvise_advice) }, NULL },
	[SYS_sync_file_range] = { 4, RV_DEC, { A(FD), A(LONG), A(LONG),
					       AX(FLAGS, sync_file_range_flags) },
				  NULL },
	[SYS_umount2] = { 2, RV_DEC, { A(PATH), AX(FLAGS, umount_flags) }, NULL },
	[SYS_readahead] = { 3, RV_DEC, { A(FD), A(LONG), A(ULONG) }, NULL },
	[SYS_tee] = { 4, RV_DEC, { A(FD), A(FD), A(ULONG),
				   AX(FLAGS, splice_flags) }, NULL },
	[SYS_select] = { 5, RV_SELECT, { A(INT), A(FDSET), A(FDSET), A(FDSET),
					 A(TIMEVAL_IN) }, NULL },
	[SYS_pselect6] = { 6, RV_SELECT, { A(INT), A(FDSET), A(FDSET), A(FDSET),
					   A(TIMESPEC_IN), A(PSELECT_SIGMASK) },
			   NULL },
	[SYS_execve] = { 3, RV_DEC, { A(PATH), A(ARGV), A(ENVP) }, NULL },
	[SYS_execveat] = { 5, RV_DEC, { A(DIRFD), A(PATH), A(ARGV), A(ENVP),
					AX(FLAGS, at_flags) }, NULL },
	/* Memory. */
	[SYS_mmap] = { 6, RV_HEX, { A(PTR), A(ULONG), AX(FLAGS, prot_flags),
				    A(MMAP_FLAGS), A(FD), A(HEX) }, NULL },
	[SYS_mprotect] = { 3, RV_DEC,
			   { A(PTR), A(ULONG), AX(FLAGS, prot_flags) }, NULL },
	[SYS_munmap] = { 2, RV_DEC, { A(PTR), A(ULONG) }, NULL },
	[SYS_brk] = { 1, RV_HEX, { A(PTR) }, NULL },
	[SYS_mremap] = { 5, RV_HEX, { A(PTR), A(ULONG), A(ULONG),
				      AX(FLAGS, mremap_flags), A(PTR) },
			 fix_mremap },
	[SYS_madvise] = { 3, RV_DEC,
			  { A(PTR), A(ULONG), AX(XVAL, madvise_advice) }, NULL },
	[SYS_msync] = { 3, RV_DEC, { A(PTR), A(ULONG), AX(FLAGS, ms_flags) }, NULL },
	[SYS_mlock] = { 2, RV_DEC, { A(PTR), A(ULONG) }, NULL },
	[SYS_munlock] = { 2, RV_DEC, { A(PTR), A(ULONG) }, NULL },
	[SYS_mlockall] = { 1, RV_DEC, { AX(FLAGS, mlockall_flags) }, NULL },
	[SYS_mlock2] = { 3, RV_DEC, { A(PTR), A(ULONG), AX(FLAGS, mlock2_flags) },
			 NULL },
	[SYS_mincore] = { 3, RV_DEC, { A(PTR), A(ULONG), FN_OUT(print_mincore_vec) }, NULL },
	/* Processes and threads. */
	[SYS_clone] = { 1, RV_TID, { A(CLONE) }, NULL },
	[SYS_clone3] = { 2, RV_TID, { A(CLONE3), A(ULONG) }, NULL },
	[SYS_getpid] = { 0, RV_PID, { { 0 } }, NULL },
	[SYS__sysctl] = { 1, RV_DEC, { FN(print_sysctl_args) }, NULL },
	/* Ids are unsigned, as strace prints them (an injected 1 << 63 too). */
	[SYS_getuid] = { 0, RV_UDEC, { { 0 } }, NULL },
	[SYS_geteuid] = { 0, RV_UDEC, { { 0 } }, NULL },
	[SYS_getgid] = { 0, RV_UDEC, { { 0 } }, NULL },
	[SYS_getegid] = { 0, RV_UDEC, { { 0 } }, NULL },
	[SYS_getpgrp] = { 0, RV_PGID, { { 0 } }, NULL },
	[SYS_getppid] = { 0, RV_PID, { { 0 } }, NULL },
	[SYS_gettid] = { 0, RV_TID, { { 0 } }, NULL },
	[SYS_fork] = { 0, RV_PID, { { 0 } }, NULL },
	[SYS_vfork] = { 0, RV_PID, { { 0 } }, NULL },
	[SYS_exit] = { 1, RV_NONE, { A(INT) }, NULL },
	[SYS_exit_group] = { 1, RV_NONE, { A(INT) }, NULL },
	[SYS_wait4] = { 4, RV_PID, { A(PID_PGRP), A(WSTATUS_OUT),
				     AX(FLAGS, wait_options), FN_OUT(print_wait4_rusage) }, NULL },
	[SYS_kill] = { 2, RV_DEC, { A(PID_PGRP), A(SIG) }, NULL },
	[SYS_tkill] = { 2, RV_DEC, { A(TID), A(SIG) }, NULL },
	[SYS_tgkill] = { 3, RV_DEC, { A(PID), A(TID), A(SIG) }, NULL },
	[SYS_set_tid_address] = { 1, RV_DEC, { A(PTR) }, NULL },
	[SYS_set_robust_list] = { 2, RV_DEC, { A(PTR), A(ULONG) }, NULL },
	[SYS_get_robust_list] = { 3, RV_DEC,
				  { A(TID), FN_OUT(print_robust_head_out),
				    FN_OUT(print_robust_len_out) }, NULL },
	[SYS_rseq] = { 4, RV_DEC, { A(PTR), A(HEX), A(INT), A(HEX) }, NULL },
	[SYS_arch_prctl] = { 2, RV_FN, { A(HEX), A(HEX) }, fix_arch_prctl },
	[SYS_prctl] = { 5, RV_FN, { A(HEX), A(HEX), A(HEX), A(HEX), A(HEX) },
			fix_prctl },
	[SYS_prlimit64] = { 4, RV_DEC, { A(PID), AX(XVAL, rlimit_resources),
					 A(RLIMIT_IN), A(RLIMIT_OUT) }, NULL },
	[SYS_getrlimit] = { 2, RV_DEC,
			    { AX(XVAL, rlimit_resources), A(RLIMIT_OUT) }, NULL },
	[SYS_setrlimit] = { 2, RV_DEC,
			    { AX(XVAL, rlimit_resources), A(RLIMIT_IN) }, NULL },
	[SYS_getrusage] = { 2, RV_DEC, { AX(XVAL_INT, rusage_who),
					 A(RUSAGE_OUT) }, NULL },
	[SYS_sysinfo] = { 1, RV_DEC, { A(SYSINFO_OUT) }, NULL },
	[SYS_rt_sigreturn] = { 1, RV_DEC, { A(SIGRETURN) }, NULL },
	[SYS_getpriority] = { 2, RV_DEC,
			      { AX(XVAL, priority_which), A(INT) }, fix_who },
	[SYS_setpriority] = { 3, RV_DEC,
			      { AX(XVAL, priority_which), A(INT), A(INT) },
			      fix_who },
	[SYS_unshare] = { 1, RV_DEC, { AX(FLAGS, unshare_flags) }, NULL },
	[SYS_setns] = { 2, RV_DEC, { A(FD), AX(FLAGS, setns_types) }, NULL },
	[SYS_personality] = { 1, RV_FN, { FN(print_personality) }, NULL },
	[SYS_uname] = { 1, RV_DEC, { A(UTSNAME_OUT) }, NULL },
	[SYS_setuid] = { 1, RV_DEC, { FN(print_uid) }, NULL },
	[SYS_setgid] = { 1, RV_DEC, { FN(print_uid) }, NULL },
	[SYS_setpgid] = { 2, RV_DEC, { A(PID), A(PGID) }, NULL },
	[SYS_getpgid] = { 1, RV_PGID, { A(PID) }, NULL },
	[SYS_getsid] = { 1, RV_SID, { A(PID) }, NULL },
	[SYS_getresuid] = { 3, RV_DEC, { A(INTPTR_OUT), A(INTPTR_OUT),
					 A(INTPTR_OUT) }, NULL },
	[SYS_getresgid] = { 3, RV_DEC, { A(INTPTR_OUT), A(INTPTR_OUT),
					 A(INTPTR_OUT) }, NULL },
	[SYS_setresuid] = { 3, RV_DEC, { FN(print_uid), FN(print_uid), FN(print_uid) }, NULL },
	[SYS_setresgid] = { 3, RV_DEC, { FN(print_uid), FN(print_uid), FN(print_uid) }, NULL },
	[SYS_getgroups] = { 2, RV_DEC, { A(INT), A(GIDS_OUT) }, NULL },
	[SYS_setgroups] = { 2, RV_DEC, { A(INT), AL(GIDS_IN, 0) }, NULL },
	[SYS_setreuid] = { 2, RV_DEC, { FN(print_uid), FN(print_uid) }, NULL },
	[SYS_setregid] = { 2, RV_DEC, { FN(print_uid), FN(print_uid) }, NULL },
	[SYS_setfsuid] = { 1, RV_DEC, { FN(print_uid) }, NULL },
	[SYS_setfsgid] = { 1, RV_DEC, { FN(print_uid) }, NULL },
	[SYS_sched_getaffinity] = { 3, RV_DEC, { A(PID), A(UINT),
						 A(CPUSET_OUT) }, NULL },
	[SYS_sched_setaffinity] = { 3, RV_DEC, { A(PID), A(UINT),
						 AL(CPUSET_IN, 1) }, NULL },
	[SYS_sched_get_priority_max] = { 1, RV_DEC,
					 { AX(XVAL_INT, sched_policies) }, NULL },
	[SYS_sched_get_priority_min] = { 1, RV_DEC,
					 { AX(XVAL_INT, sched_policies) }, NULL },
	[SYS_sched_setscheduler] = { 3, RV_DEC, { A(PID),
						  AX(XVAL_INT, sched_policies),
						  A(INTPTR_IN) }, NULL },
	[SYS_sched_getscheduler] = { 1, RV_SCHED_POLICY, { A(PID) }, NULL },
	[SYS_sched_getparam] = { 2, RV_DEC, { A(PID), A(INTPTR_OUT) }, NULL },
	[SYS_sched_setparam] = { 2, RV_DEC, { A(PID), A(INTPTR_IN) }, NULL },
	[SYS_sched_rr_get_interval] = { 2, RV_DEC, { A(PID), A(TIMESPEC_OUT) },
					NULL },
	[SYS_getcpu] = { 3, RV_DEC, { A(INTPTR_OUT), A(INTPTR_OUT), A(PTR) }, NULL },
	[SYS_acct] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_sethostname] = { 2, RV_DEC, { FN(print_hostname), FN(print_u32_dec) }, NULL },
	[SYS_setdomainname] = { 2, RV_DEC, { AL(BUF_IN, 1), A(ULONG) }, NULL },
	[SYS_clock_settime] = { 2, RV_DEC, { AX(XVAL, clock_ids),
					     A(TIMESPEC_IN) }, NULL },
	[SYS_pidfd_getfd] = { 3, RV_FD, { A(FD), FN(print_pidfd_target_fd), FN(print_u32_hex) }, NULL },
	[SYS_ioprio_get] = { 2, RV_IOPRIO, { AX(XVAL_INT, ioprio_who), A(INT) },
			     fix_who },
	[SYS_ioprio_set] = { 3, RV_DEC, { AX(XVAL_INT, ioprio_who), A(INT),
					  A(IOPRIO) }, fix_who },
	[SYS_pidfd_open] = { 2, RV_FD, { A(PID), FN(print_pidfd_open_flags) }, NULL },
	[SYS_pidfd_send_signal] = { 4, RV_DEC,
				    { A(FD), A(SIG), FN(print_sigqueue_info),
				      FN(print_u32_hex) }, NULL },
	/* Signals. */
	[SYS_rt_sigaction] = { 4, RV_DEC, { A(SIG), A(SIGACTION_IN),
					    A(SIGACTION_OUT), A(ULONG) }, NULL },
	[SYS_rt_sigprocmask] = { 4, RV_DEC, { AX(XVAL, sigprocmask_how),
					      AL(SIGSET_IN, 3),
					      AL(SIGSET_OUT, 3), A(ULONG) }, NULL },
	[SYS_rt_sigpending] = { 2, RV_DEC, { FN_OUT(print_sigpending_set), A(ULONG) }, NULL },
	[SYS_rt_sigsuspend] = { 2, RV_DEC, { AL(SIGSET_IN, 1), A(ULONG) }, NULL },
	/* The siginfo at exit, and the timeout as it was at entry. */
	[SYS_rt_sigtimedwait] = { 4, RV_FN, { AL(SIGSET_IN, 3),
					      FN_OUT(print_waitid_info),
					      A(TIMESPEC_NOTED), A(ULONG) },
				  NULL },
	[SYS_sigaltstack] = { 2, RV_DEC, { A(STACK_IN), A(STACK_OUT) }, NULL },
	[SYS_alarm] = { 1, RV_DEC, { A(UINT) }, NULL },
	/* Time. */
	[SYS_nanosleep] = { 2, RV_DEC, { A(TIMESPEC_IN), A(TIMESPEC_REM) }, NULL },
	[SYS_clock_nanosleep] = { 4, RV_DEC, { AX(XVAL, clock_ids),
					       AX(FLAGS, timer_flags),
					       A(TIMESPEC_IN),
					       FN_OUT(print_clock_nanosleep_rem) },
				  NULL },
	[SYS_clock_gettime] = { 2, RV_DEC,
				{ AX(XVAL, clock_ids), A(TIMESPEC_OUT) }, NULL },
	[SYS_clock_getres] = { 2, RV_DEC,
			       { AX(XVAL, clock_ids), A(TIMESPEC_OUT) }, NULL },
	[SYS_time] = { 1, RV_TIME, { A(TIME_OUT) }, NULL },
	[SYS_gettimeofday] = { 2, RV_DEC, { A(TIMEVAL_OUT), FN_OUT(print_timezone_out) }, NULL },
	[SYS_getitimer] = { 2, RV_DEC, { AX(XVAL, itimer_which),
					 A(ITIMERVAL_OUT) }, NULL },
	[SYS_setitimer] = { 3, RV_DEC, { AX(XVAL, itimer_which),
					 A(ITIMERVAL_IN), A(ITIMERVAL_OUT) }, NULL },
	[SYS_timer_create] = { 3, RV_DEC, { AX(XVAL, clock_ids), A(SIGEVENT),
					    A(INTPTR_OUT) }, NULL },
	[SYS_timer_settime] = { 4, RV_DEC, { A(INT), AX(FLAGS, timer_flags),
					     A(ITIMERSPEC_IN),
					     A(ITIMERSPEC_OUT) }, NULL },
	[SYS_timer_gettime] = { 2, RV_DEC, { A(INT), A(ITIMERSPEC_OUT) }, NULL },
	[SYS_timer_getoverrun] = { 1, RV_DEC, { A(INT) }, NULL },
	[SYS_timer_delete] = { 1, RV_DEC, { A(INT) }, NULL },
	[SYS_timerfd_settime] = { 4, RV_DEC, { A(FD), AX(FLAGS, timerfd_flags),
					       A(ITIMERSPEC_IN),
					       A(ITIMERSPEC_OUT) }, NULL },
	[SYS_timerfd_gettime] = { 2, RV_DEC, { A(FD), A(ITIMERSPEC_OUT) }, NULL },
	[SYS_times] = { 1, RV_DEC, { A(TMS_OUT) }, NULL },
	[SYS_futex] = { 6, RV_DEC, { A(PTR), A(FUTEX_OP), A(UINT), A(PTR),
				     A(PTR), A(FUTEX_VAL3) }, fix_futex },
	[SYS_getrandom] = { 3, RV_DEC, { A(BUF_RAND), A(ULONG),
					 AX(FLAGS, grnd_flags) }, NULL },
	[SYS_poll] = { 3, RV_POLL, { AL(POLLFD, 1), A(UINT), A(INT) }, NULL },
	[SYS_ppoll] = { 5, RV_POLL, { AL(POLLFD, 1), A(UINT), A(TIMESPEC_IN),
				      AL(SIGSET_IN, 4), A(ULONG) }, NULL },
	/* Sockets. */
	[SYS_socket] = { 3, RV_FD, { AX(XVAL, sock_families), A(SOCK_TYPE),
				     A(INT) }, fix_socket },
	[SYS_socketpair] = { 4, RV_DEC, { AX(XVAL, sock_families),
					  A(SOCK_TYPE), A(INT),
					  A(FDPAIR_OUT) }, NULL },
	[SYS_connect] = { 3, RV_DEC, { A(FD), AL(SOCKADDR_IN, 2), A(UINT) }, NULL },
	[SYS_bind] = { 3, RV_DEC, { A(FD), AL(SOCKADDR_IN, 2), A(UINT) }, NULL },
	[SYS_listen] = { 2, RV_DEC, { A(FD), A(INT) }, NULL },
	[SYS_accept] = { 3, RV_FD, { A(FD), AL(SOCKADDR_OUT, 2),
				     AL(SOCKLEN_OUT, 1) }, NULL },
	[SYS_accept4] = { 4, RV_FD, { A(FD), AL(SOCKADDR_OUT, 2),
				      AL(SOCKLEN_OUT, 1),
				      AX(FLAGS_U32, sock_type_flags) }, NULL },
	[SYS_getsockname] = { 3, RV_DEC, { A(FD), AL(SOCKADDR_OUT, 2),
					   AL(SOCKLEN_OUT, 1) }, NULL },
	[SYS_getpeername] = { 3, RV_DEC, { A(FD), AL(SOCKADDR_OUT, 2),
					   AL(SOCKLEN_OUT, 1) }, NULL },
	[SYS_sendto] = { 6, RV_DEC, { A(FD), AL(BUF_IN, 2), A(ULONG),
				      AX(FLAGS_U32, msg_flags), AL(SOCKADDR_IN, 5),
				      A(UINT) }, NULL },
	[SYS_recvfrom] = { 6, RV_DEC, { A(FD), AL(BUF_OUT, 2), A(ULONG),
					AX(FLAGS_U32, msg_flags),
					AL(SOCKADDR_OUT, 5), AL(SOCKLEN_OUT, 4) },
			   NULL },
	[SYS_sendmsg] = { 3, RV_DEC, { A(FD), A(MSGHDR_IN),
				       AX(FLAGS_U32, msg_flags) }, NULL },
	[SYS_recvmsg] = { 3, RV_DEC, { A(FD), A(MSGHDR_OUT),
				       AX(FLAGS_U32, msg_flags) }, NULL },
	[SYS_sendmmsg] = { 4, RV_DEC, { A(FD), AL(MMSGHDR_SENT, 2), A(UINT),
					AX(FLAGS_U32, msg_flags) }, NULL },
	[SYS_recvmmsg] = { 5, RV_RECVMMSG, { A(FD), AL(MMSGHDR_RECV, 2), A(UINT),
					     AX(FLAGS_U32, msg_flags),
					     A(TIMESPEC_NOTED) }, NULL },
	[SYS_shutdown] = { 2, RV_DEC, { A(FD), AX(XVAL, shutdown_how) }, NULL },
	[SYS_setsockopt] = { 5, RV_DEC, { A(FD), AX(XVAL_U32, sock_levels),
					  A(UINT), AL(SOCKOPT_IN, 4), A(INT) },
			     fix_sockopt },
	[SYS_getsockopt] = { 5, RV_DEC, { A(FD), AX(XVAL_U32, sock_levels),
					  A(UINT), AL(SOCKOPT_OUT, 4),
					  AL(OPTLEN_OUT, 3) }, fix_sockopt },
	/* Processes and security (sys_proc.c). */
	[SYS_waitid] = { 5, RV_DEC, { FN(print_waitid_type), FN(print_waitid_id),
				      FN_OUT(print_waitid_info),
				      FN_OUT(print_waitid_options),
				      FN_OUT(print_waitid_rusage) }, NULL },
	[SYS_ptrace] = { 4, RV_DEC, { FN(print_ptrace_req), A(PID),
				      FN(print_ptrace_addr),
				      FN(print_ptrace_data) }, fix_ptrace },
	[SYS_capget] = { 2, RV_DEC, { FN(print_cap_header),
				      FN_OUT(print_cap_data_out) }, NULL },
	[SYS_capset] = { 2, RV_DEC, { FN(print_cap_header),
				      FN(print_cap_data_in) }, NULL },
	[SYS_rt_sigqueueinfo] = { 3, RV_DEC, { A(PID), A(SIG),
					       FN(print_sigqueue_info) }, NULL },
	[SYS_rt_tgsigqueueinfo] = { 4, RV_DEC, { A(PID), A(TID), A(SIG),
						 FN(print_sigqueue_info) }, NULL },
	[SYS_signalfd] = { 3, RV_FD, { A(FD), AL(SIGSET_IN, 2), A(ULONG) }, NULL },
	[SYS_process_vm_readv] = { 6, RV_DEC, { A(PID), FN_OUT(print_vm_local_iov),
						A(ULONG), FN(print_vm_remote_iov),
						A(ULONG), A(ULONG) }, NULL },
	[SYS_process_vm_writev] = { 6, RV_DEC, { A(PID), FN(print_vm_local_iov),
						 A(ULONG), FN(print_vm_remote_iov),
						 A(ULONG), A(ULONG) }, NULL },
	[SYS_kcmp] = { 5, RV_DEC, { A(PID), A(PID), FN(print_kcmp_type), A(HEX),
				    A(HEX) }, fix_kcmp },
	[SYS_sched_setattr] = { 3, RV_DEC, { A(PID), FN_SPLIT(print_sched_attr_in),
					     A(UINT) }, NULL },
	[SYS_sched_getattr] = { 4, RV_DEC, { A(PID), FN_OUT(print_sched_attr_out),
					     A(UINT), A(UINT) }, NULL },
	[SYS_pkey_alloc] = { 2, RV_DEC, { A(HEX), FN(print_pkey_rights) }, NULL },
	[SYS_pkey_free] = { 1, RV_DEC, { A(INT) }, NULL },
	[SYS_pkey_mprotect] = { 4, RV_DEC, { A(PTR), A(ULONG),
					     AX(FLAGS, prot_flags), A(INT) }, NULL },
	[SYS_membarrier] = { 3, RV_FN, { FN(print_membarrier_cmd),
					 FN(print_membarrier_flags), A(INT) },
			     fix_membarrier },
	[SYS_seccomp] = { 3, RV_DEC, { FN(print_seccomp_op), FN(print_seccomp_flags),
				       FN(print_seccomp_arg_in) }, fix_seccomp },
	/* Memory (sys_mm.c). */
	[SYS_get_mempolicy] = { 5, RV_DEC, { FN_OUT(print_mpol_mode_out),
					     FN_OUT(print_nodemask_out), A(ULONG),
					     A(PTR), FN(print_mpol_flags) }, NULL },
	[SYS_set_mempolicy] = { 3, RV_DEC, { FN(print_mpol_mode),
					     FN(print_nodemask_in), A(ULONG) },
				NULL },
	[SYS_mbind] = { 6, RV_DEC, { A(PTR), A(ULONG), FN(print_mpol_mode),
				     FN(print_nodemask_in), A(ULONG),
				     FN(print_mbind_flags) }, NULL },
	[SYS_migrate_pages] = { 4, RV_DEC, { A(PID), A(ULONG),
					     FN(print_nodemask_out),
					     FN(print_nodemask_out) }, NULL },
	[SYS_move_pages] = { 6, RV_DEC, { A(PID), A(ULONG), FN(print_pages_in),
					  FN(print_nodes_in), FN_OUT(print_status_out),
					  FN(print_move_pages_flags) }, NULL },
	[SYS_set_mempolicy_home_node] = { 4, RV_DEC, { A(PTR), A(ULONG), A(ULONG),
						       A(HEX) }, NULL },
	[SYS_process_madvise] = { 5, RV_DEC, { A(FD), FN(print_madvise_iov),
					       A(ULONG), FN(print_madvise_advice),
					       FN(print_u32_hex) }, NULL },
	[SYS_process_mrelease] = { 2, RV_DEC, { A(FD), FN(print_u32_hex) }, NULL },
	[SYS_memfd_secret] = { 1, RV_FD, { FN(print_memfd_secret_flags) }, NULL },
	[SYS_modify_ldt] = { 3, RV_FN, { A(INT), FN(print_ldt_ptr), A(ULONG) },
			     NULL },
	/* IPC, message queues, keys (sys_ipc.c). */
	[SYS_shmget] = { 3, RV_DEC, { FN(print_ipc_key), A(ULONG),
				      FN(print_shmget_flags) }, NULL },
	[SYS_shmat] = { 3, RV_HEX, { A(INT), A(PTR), FN(print_shmat_flags) }, NULL },
	[SYS_shmctl] = { 3, RV_DEC, { A(INT), FN(print_ipc_cmd), A(PTR) },
			 fix_shmctl },
	[SYS_shmdt] = { 1, RV_DEC, { A(PTR) }, NULL },
	[SYS_semget] = { 3, RV_DEC, { FN(print_ipc_key), A(INT),
				      FN(print_ipc_get_flags) }, NULL },
	[SYS_semop] = { 3, RV_DEC, { A(INT), FN(print_sembuf), A(UINT) }, NULL },
	[SYS_semtimedop] = { 4, RV_DEC, { A(INT), FN(print_sembuf), A(UINT),
					  A(TIMESPEC_IN) }, NULL },
	[SYS_semctl] = { 4, RV_DEC, { A(INT), A(INT), FN(print_ipc_cmd), A(PTR) },
			 fix_semctl },
	[SYS_msgget] = { 2, RV_DEC, { FN(print_ipc_key), FN(print_ipc_get_flags) },
			 NULL },
	[SYS_msgsnd] = { 4, RV_DEC, { A(INT), FN(print_msgbuf), A(ULONG),
				      FN(print_msg_flags) }, NULL },
	[SYS_msgrcv] = { 5, RV_DEC, { A(INT), FN_OUT(print_msgbuf), A(ULONG),
				      A(LONG), FN(print_msg_flags) }, NULL },
	[SYS_msgctl] = { 3, RV_DEC, { A(INT), FN(print_ipc_cmd), A(PTR) },
			 fix_msgctl },
	[SYS_mq_open] = { 4, RV_FD, { A(PATH), A(OPEN_FLAGS), A(OCTAL),
				      FN(print_mq_attr_in) }, fix_mq_open },
	[SYS_mq_unlink] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_mq_timedsend] = { 5, RV_DEC, { A(FD), AL(BUF_IN, 2), A(ULONG),
					    A(UINT), A(TIMESPEC_IN) }, NULL },
	[SYS_mq_timedreceive] = { 5, RV_DEC, { A(FD), FN_OUT(print_mq_msg_out),
					       A(ULONG), FN(print_mq_prio_out),
					       FN(print_mq_timeout) }, NULL },
	[SYS_mq_notify] = { 2, RV_DEC, { A(FD), FN(print_sigevent_arg) }, NULL },
	[SYS_mq_getsetattr] = { 3, RV_DEC, { A(FD), FN(print_mq_attr_in),
					     FN_OUT(print_mq_attr_out) }, NULL },
	[SYS_add_key] = { 5, RV_DEC, { A(STR), A(STR), AL(BUF_IN, 3), A(ULONG),
				       FN(print_key_serial) }, NULL },
	[SYS_request_key] = { 4, RV_DEC, { A(STR), A(STR), A(STR),
					   FN(print_key_serial) }, NULL },
	[SYS_keyctl] = { 5, RV_DEC, { FN(print_keyctl_cmd), A(HEX), A(HEX), A(HEX),
				      A(HEX) }, fix_keyctl },
	/* Filesystems (sys_fs.c). */
	[SYS_mount] = { 5, RV_DEC, { A(PATH), A(PATH), FN(print_mount_type),
				     FN(print_mount_flags), FN(print_mount_data) },
			NULL },
	[SYS_swapon] = { 2, RV_DEC, { A(PATH), FN(print_swap_flags) }, NULL },
	[SYS_swapoff] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_pivot_root] = { 2, RV_DEC, { A(PATH), A(PATH) }, NULL },
	[SYS_quotactl] = { 4, RV_DEC, { FN(print_quotactl_cmd), A(PATH), A(INT),
					A(PTR) }, fix_quotactl },
	[SYS_quotactl_fd] = { 4, RV_DEC, { A(FD), FN(print_quotactl_cmd), A(INT),
					   A(PTR) }, fix_quotactl },
	[SYS_openat2] = { 4, RV_FD, { A(DIRFD), A(PATH), FN(print_open_how),
				      A(ULONG) }, NULL },
	[SYS_fanotify_init] = { 2, RV_FD, { FN(print_fanotify_init_flags),
					    A(OPEN_FLAGS) }, NULL },
	[SYS_fanotify_mark] = { 5, RV_DEC, { A(FD), FN(print_fanotify_mark_flags),
					     FN(print_fanotify_mask),
					     FN(print_fanotify_dirfd), A(PATH) },
				NULL },
	[SYS_inotify_init] = { 0, RV_FD, { { 0 } }, NULL },
	[SYS_name_to_handle_at] = { 5, RV_DEC, { A(DIRFD), A(PATH),
						 FN_SPLIT(print_handle_split),
						 FN_OUT(print_mount_id_out),
						 FN(print_handle_at_flags) }, NULL },
	[SYS_open_by_handle_at] = { 3, RV_FD, { A(FD), FN(print_handle_in),
						A(OPEN_FLAGS) }, NULL },
	[SYS_landlock_create_ruleset] = { 3, RV_FN, { FN(print_landlock_attr),
						      A(ULONG),
						      FN(print_landlock_create_flags) },
					  NULL },
	[SYS_landlock_add_rule] = { 4, RV_DEC, { A(FD), FN(print_landlock_rule_type),
						 FN(print_landlock_rule),
						 FN(print_u32_hex) },
				    NULL },
	[SYS_landlock_restrict_self] = { 2, RV_DEC, { A(FD), FN(print_u32_hex) }, NULL },
	[SYS_fsopen] = { 2, RV_FD, { A(STR), FN(print_fsopen_flags) }, NULL },
	[SYS_fsconfig] = { 5, RV_DEC, { A(FD), FN(print_fsconfig_cmd), A(PTR),
					A(PTR), A(INT) }, fix_fsconfig },
	[SYS_fsmount] = { 3, RV_FD, { A(FD), FN(print_fsmount_flags),
				      FN(print_fsmount_attr_flags) }, NULL },
	[SYS_fspick] = { 3, RV_FD, { A(DIRFD), A(PATH), FN(print_fspick_flags) },
			 NULL },
	[SYS_move_mount] = { 5, RV_DEC, { A(DIRFD), A(PATH), A(DIRFD), A(PATH),
					  FN(print_move_mount_flags) }, NULL },
	[SYS_open_tree] = { 3, RV_FD, { A(DIRFD), A(PATH),
					FN(print_open_tree_flags) }, NULL },
	[SYS_mount_setattr] = { 5, RV_FD, { A(DIRFD), A(PATH),
					    FN(print_mount_setattr_flags),
					    FN(print_mount_attr), A(ULONG) }, NULL },
	[SYS_io_uring_setup] = { 2, RV_FD, { A(UINT), FN_SPLIT(print_uring_params) },
				 NULL },
	[SYS_io_uring_enter] = { 6, RV_DEC, { A(FD), A(UINT), A(UINT),
					      FN(print_uring_enter_flags),
					      AL(SIGSET_IN, 5), A(ULONG) }, NULL },
	[SYS_io_uring_register] = { 4, RV_DEC, { A(FD), FN(print_uring_reg_op),
						 FN_SPLIT(print_uring_reg_arg), A(UINT) },
				    NULL },
	/* Administration (sys_admin.c). */
	[SYS_syslog] = { 3, RV_DEC, { FN(print_syslog_type), A(PTR), A(INT) },
			 fix_syslog },
	[SYS_reboot] = { 4, RV_DEC, { FN(print_reboot_magic1),
				      FN(print_reboot_magic2),
				      FN(print_reboot_cmd), FN(print_reboot_arg) },
			 fix_reboot },
	[SYS_adjtimex] = { 1, RV_FN, { FN_OUT(print_timex_out) }, NULL },
	[SYS_clock_adjtime] = { 2, RV_FN, { AX(XVAL, clock_ids),
					    FN_OUT(print_timex_out) }, NULL },
	[SYS_futex_waitv] = { 5, RV_DEC, { FN(print_futex_waitv), A(UINT),
					   FN(print_u32_hex),
					   A(TIMESPEC_IN), AX(XVAL, clock_ids) },
			      NULL },
	[SYS_perf_event_open] = { 5, RV_FD, { FN_SPLIT(print_perf_attr), A(INT),
					      A(INT), A(FD), FN(print_perf_flags) },
				  NULL },
	[SYS_bpf] = { 3, RV_FN, { FN(print_bpf_cmd), FN_SPLIT(print_bpf_attr),
				  A(UINT) }, NULL },
	[SYS_uselib] = { 1, RV_DEC, { A(PATH) }, NULL },
	[SYS_ustat] = { 2, RV_DEC, { A(DEV), A(PTR_OUT) }, NULL },
	[SYS_settimeofday] = { 2, RV_DEC, { A(TIMEVAL_IN), FN(print_timezone) },
			       NULL },
	[SYS_iopl] = { 1, RV_DEC, { A(LONG) }, NULL },
	[SYS_ioperm] = { 3, RV_DEC, { A(HEX), A(HEX), A(INT) }, NULL },
	[SYS_init_module] = { 3, RV_DEC, { A(PTR), A(ULONG), A(STR) }, NULL },
	[SYS_delete_module] = { 2, RV_DEC, { A(STR),
					     FN(print_delete_module_flags) }, NULL },
	[SYS_finit_module] = { 3, RV_DEC, { A(FD), A(STR),
					    FN(print_module_init_flags) }, NULL },
	[SYS_kexec_file_load] = { 5, RV_DEC, { A(FD), A(FD), A(ULONG),
					       AL(BUF_IN, 2),
					       FN(print_kexec_file_flags) }, NULL },
	[SYS_kexec_load] = { 4, RV_DEC, { A(PTR), A(ULONG),
					  FN(print_kexec_segments),
					  FN(print_kexec_flags) }, NULL },
	[SYS_io_setup] = { 2, RV_DEC, { A(UINT), FN_OUT(print_aio_ctx_out) }, NULL },
	[SYS_io_destroy] = { 1, RV_DEC, { A(PTR) }, NULL },
	[SYS_lookup_dcookie] = { 3, RV_DEC, { A(ULONG), FN_OUT(print_str_out),
					      A(ULONG) }, NULL },
	[SYS_remap_file_pages] = { 5, RV_DEC, { A(PTR), A(ULONG),
						AX(FLAGS, prot_flags), A(ULONG),
						A(MMAP_FLAGS) }, NULL },
	[SYS_vmsplice] = { 4, RV_DEC, { A(FD), AL(IOVEC_IN, 2), A(ULONG),
					AX(FLAGS, splice_flags) }, NULL },
	[SYS_userfaultfd] = { 1, RV_FD, { FN(print_uffd_flags) }, NULL },
	[SYS_set_thread_area] = { 1, RV_FN, { FN(print_set_thread_area) }, NULL },
	[SYS_get_thread_area] = { 1, RV_DEC, { FN_SPLIT(print_get_thread_area) },
				  NULL },
	/* Native AIO (sys_aio.c). */
	[SYS_io_submit] = { 3, RV_DEC, { A(PTR), A(LONG), FN(print_iocbpp) }, NULL },
	[SYS_io_cancel] = { 3, RV_DEC, { A(PTR), FN(print_iocb_cancel),
					 FN_OUT(print_io_event_out) }, NULL },
	[SYS_io_getevents] = { 5, RV_DEC, { A(PTR), A(LONG), A(LONG),
					    FN_OUT(print_io_events_out),
					    A(TIMESPEC_IN) }, NULL },
	[SYS_io_pgetevents] = { 6, RV_DEC, { A(PTR), A(LONG), A(LONG),
					     FN_OUT(print_io_events_out),
					     A(TIMESPEC_IN), A(PSELECT_SIGMASK) },
				NULL },
	/* The rest: n arguments in hex. */
	N(sched_yield, 0), 	N(pause, 0),
	N(setsid, 0), 		N(sysfs, 3), N(munlockall, 0), N(vhangup, 0),
	N(sync, 0), N(create_module, 2),
	N(get_kernel_syms, 1),
	N(query_module, 5), N(nfsservctl, 3), N(getpmsg, 5),
	N(putpmsg, 5), N(afs_syscall, 5), N(tuxcall, 3), N(security, 3),
	N(epoll_ctl_old, 4),
	N(epoll_wait_old, 4), N(restart_syscall, 0),
	N(vserver, 5),
																				};

const struct sysent *
sysent_get(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(sysent_table) ||
	    !snare_syscall_name(nr))
		return NULL;
	return &sysent_table[nr];
}
