/* SPDX-License-Identifier: MIT */
/*
 * sysmeta.c: what strace's table says of each x86_64 syscall besides how
 * to print it (sysent.c): its classes (-e trace=%file, %desc, ...) and
 * which arguments name a path or an fd, as strace's -P sees them. One row
 * per syscall that is in some class, keyed by number like sysent.c; the
 * library's callers and the CLI read it through snare.h ("Syscall
 * table"), so no other table of syscalls is kept anywhere.
 *
 * Where the paths and fds are: the row's shape, or by default argument 0,
 * as a path for %file syscalls and as an fd for %desc and %network ones.
 * Syscalls of no such class have none.
 */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>

#include "print.h"

#define D SNARE_SC_DESC
#define F SNARE_SC_FILE
#define I SNARE_SC_IPC
#define N SNARE_SC_NETWORK
#define P SNARE_SC_PROCESS
#define S SNARE_SC_SIGNAL
#define M SNARE_SC_MEMORY
#define C SNARE_SC_CREDS
#define K SNARE_SC_CLOCK
#define PU SNARE_SC_PURE
#define ST SNARE_SC_STAT
#define LS SNARE_SC_LSTAT
#define FS SNARE_SC_FSTAT
#define SL SNARE_SC_STAT_LIKE
#define SF SNARE_SC_STATFS
#define FSF SNARE_SC_FSTATFS
#define SFL SNARE_SC_STATFS_LIKE

/* Where the paths and fds are, for the syscalls that are not "arg 0". */
enum shape {
	SH_ARG0 = 0,		/* arg 0, a path or an fd by class */
	SH_NONE,		/* creates an fd, names no path or fd */
	SH_FD_FD,		/* fd, fd */
	SH_FD_PATH,		/* dirfd, path */
	SH_PATH_PATH,		/* path, path */
	SH_X_PATH,		/* x, path */
	SH_FD_PATH_FD_PATH,	/* dirfd, path, dirfd, path */
	SH_MMAP,		/* x, x, x, x, fd */
	SH_X_FD_PATH,		/* x, dirfd, path */
	SH_FD_X_FD,		/* fd, x, fd */
	SH_X_X_FD,		/* x, x, fd */
	SH_X_X_X_FD_PATH,	/* fanotify_mark: x, x, mask, dirfd, path */
	SH_FSCONFIG,		/* by command */
	SH_SELECT,		/* nfds, three fd sets */
	SH_POLL,		/* a pollfd array and its length */
};

struct sysmeta {
	unsigned classes;
	unsigned char shape;
};

static const struct sysmeta sysmeta_table[] = {
	[SYS_read] = { D, SH_ARG0 },
	[SYS_write] = { D, SH_ARG0 },
	[SYS_open] = { D | F, SH_ARG0 },
	[SYS_close] = { D, SH_ARG0 },
	[SYS_stat] = { F | ST | SL, SH_ARG0 },
	[SYS_fstat] = { D | FS | SL, SH_ARG0 },
	[SYS_lstat] = { F | LS | SL, SH_ARG0 },
	[SYS_poll] = { D, SH_POLL },
	[SYS_lseek] = { D, SH_ARG0 },
	[SYS_mmap] = { D | M, SH_MMAP },
	[SYS_mprotect] = { M, SH_ARG0 },
	[SYS_munmap] = { M, SH_ARG0 },
	[SYS_brk] = { M, SH_ARG0 },
	[SYS_rt_sigaction] = { S, SH_ARG0 },
	[SYS_rt_sigprocmask] = { S, SH_ARG0 },
	[SYS_rt_sigreturn] = { S, SH_ARG0 },
	[SYS_ioctl] = { D, SH_ARG0 },
	[SYS_pread64] = { D, SH_ARG0 },
	[SYS_pwrite64] = { D, SH_ARG0 },
	[SYS_readv] = { D, SH_ARG0 },
	[SYS_writev] = { D, SH_ARG0 },
	[SYS_access] = { F, SH_ARG0 },
	[SYS_pipe] = { D, SH_NONE },
	[SYS_select] = { D, SH_SELECT },
	[SYS_mremap] = { M, SH_ARG0 },
	[SYS_msync] = { M, SH_ARG0 },
	[SYS_mincore] = { M, SH_ARG0 },
	[SYS_madvise] = { M, SH_ARG0 },
	[SYS_shmget] = { I, SH_ARG0 },
	[SYS_shmat] = { I | M, SH_ARG0 },
	[SYS_shmctl] = { I, SH_ARG0 },
	[SYS_dup] = { D, SH_ARG0 },
	[SYS_dup2] = { D, SH_FD_FD },
	[SYS_pause] = { S, SH_ARG0 },
	[SYS_getpid] = { PU, SH_ARG0 },
	[SYS_sendfile] = { D | N, SH_FD_FD },
	[SYS_socket] = { N, SH_NONE },
	[SYS_connect] = { N, SH_ARG0 },
	[SYS_accept] = { N, SH_ARG0 },
	[SYS_sendto] = { N, SH_ARG0 },
	[SYS_recvfrom] = { N, SH_ARG0 },
	[SYS_sendmsg] = { N, SH_ARG0 },
	[SYS_recvmsg] = { N, SH_ARG0 },
	[SYS_shutdown] = { N, SH_ARG0 },
	[SYS_bind] = { N, SH_ARG0 },
	[SYS_listen] = { N, SH_ARG0 },
	[SYS_getsockname] = { N, SH_ARG0 },
	[SYS_getpeername] = { N, SH_ARG0 },
	[SYS_socketpair] = { N, SH_NONE },
	[SYS_setsockopt] = { N, SH_ARG0 },
	[SYS_getsockopt] = { N, SH_ARG0 },
	[SYS_clone] = { P, SH_ARG0 },
	[SYS_fork] = { P, SH_ARG0 },
	[SYS_vfork] = { P, SH_ARG0 },
	[SYS_execve] = { F | P, SH_ARG0 },
	[SYS_exit] = { P, SH_ARG0 },
	[SYS_wait4] = { P, SH_ARG0 },
	[SYS_kill] = { S | P, SH_ARG0 },
	[SYS_semget] = { I, SH_ARG0 },
	[SYS_semop] = { I, SH_ARG0 },
	[SYS_semctl] = { I, SH_ARG0 },
	[SYS_shmdt] = { I | M, SH_ARG0 },
	[SYS_msgget] = { I, SH_ARG0 },
	[SYS_msgsnd] = { I, SH_ARG0 },
	[SYS_msgrcv] = { I, SH_ARG0 },
	[SYS_msgctl] = { I, SH_ARG0 },
	[SYS_fcntl] = { D, SH_ARG0 },
	[SYS_flock] = { D, SH_ARG0 },
	[SYS_fsync] = { D, SH_ARG0 },
	[SYS_fdatasync] = { D, SH_ARG0 },
	[SYS_truncate] = { F, SH_ARG0 },
	[SYS_ftruncate] = { D, SH_ARG0 },
	[SYS_getdents] = { D, SH_ARG0 },
	[SYS_getcwd] = { F, SH_ARG0 },
	[SYS_chdir] = { F, SH_ARG0 },
	[SYS_fchdir] = { D, SH_ARG0 },
	[SYS_rename] = { F, SH_ARG0 },
	[SYS_mkdir] = { F, SH_ARG0 },
	[SYS_rmdir] = { F, SH_ARG0 },
	[SYS_creat] = { D | F, SH_ARG0 },
	[SYS_link] = { F, SH_PATH_PATH },
	[SYS_unlink] = { F, SH_ARG0 },
	[SYS_symlink] = { F, SH_X_PATH },
	[SYS_readlink] = { F, SH_ARG0 },
	[SYS_chmod] = { F, SH_ARG0 },
	[SYS_fchmod] = { D, SH_ARG0 },
	[SYS_chown] = { F, SH_ARG0 },
	[SYS_fchown] = { D, SH_ARG0 },
	[SYS_lchown] = { F, SH_ARG0 },
	[SYS_gettimeofday] = { K, SH_ARG0 },
	[SYS_getuid] = { C | PU, SH_ARG0 },
	[SYS_getgid] = { C | PU, SH_ARG0 },
	[SYS_setuid] = { C, SH_ARG0 },
	[SYS_setgid] = { C, SH_ARG0 },
	[SYS_geteuid] = { C | PU, SH_ARG0 },
	[SYS_getegid] = { C | PU, SH_ARG0 },
	[SYS_getppid] = { PU, SH_ARG0 },
	[SYS_getpgrp] = { PU, SH_ARG0 },
	[SYS_setreuid] = { C, SH_ARG0 },
	[SYS_setregid] = { C, SH_ARG0 },
	[SYS_getgroups] = { C, SH_ARG0 },
	[SYS_setgroups] = { C, SH_ARG0 },
	[SYS_setresuid] = { C, SH_ARG0 },
	[SYS_getresuid] = { C, SH_ARG0 },
	[SYS_setresgid] = { C, SH_ARG0 },
	[SYS_getresgid] = { C, SH_ARG0 },
	[SYS_setfsuid] = { C, SH_ARG0 },
	[SYS_setfsgid] = { C, SH_ARG0 },
	[SYS_capget] = { C, SH_ARG0 },
	[SYS_capset] = { C, SH_ARG0 },
	[SYS_rt_sigpending] = { S, SH_ARG0 },
	[SYS_rt_sigtimedwait] = { S, SH_ARG0 },
	[SYS_rt_sigqueueinfo] = { S | P, SH_ARG0 },
	[SYS_rt_sigsuspend] = { S, SH_ARG0 },
	[SYS_sigaltstack] = { S, SH_ARG0 },
	[SYS_utime] = { F, SH_ARG0 },
	[SYS_mknod] = { F, SH_ARG0 },
	[SYS_uselib] = { F, SH_ARG0 },
	[SYS_ustat] = { SFL, SH_ARG0 },
	[SYS_statfs] = { F | SF | SFL, SH_ARG0 },
	[SYS_fstatfs] = { D | FSF | SFL, SH_ARG0 },
	[SYS_mlock] = { M, SH_ARG0 },
	[SYS_munlock] = { M, SH_ARG0 },
	[SYS_mlockall] = { M, SH_ARG0 },
	[SYS_munlockall] = { M, SH_ARG0 },
	[SYS_pivot_root] = { F, SH_PATH_PATH },
	[SYS_prctl] = { C, SH_ARG0 },
	[SYS_adjtimex] = { K, SH_ARG0 },
	[SYS_chroot] = { F, SH_ARG0 },
	[SYS_acct] = { F, SH_ARG0 },
	[SYS_settimeofday] = { K, SH_ARG0 },
	[SYS_mount] = { F, SH_PATH_PATH },
	[SYS_umount2] = { F, SH_ARG0 },
	[SYS_swapon] = { F, SH_ARG0 },
	[SYS_swapoff] = { F, SH_ARG0 },
	[SYS_quotactl] = { F, SH_X_PATH },
	[SYS_getpmsg] = { N, SH_ARG0 },
	[SYS_putpmsg] = { N, SH_ARG0 },
	[SYS_gettid] = { PU, SH_ARG0 },
	[SYS_readahead] = { D, SH_ARG0 },
	[SYS_setxattr] = { F, SH_ARG0 },
	[SYS_lsetxattr] = { F, SH_ARG0 },
	[SYS_fsetxattr] = { D, SH_ARG0 },
	[SYS_getxattr] = { F, SH_ARG0 },
	[SYS_lgetxattr] = { F, SH_ARG0 },
	[SYS_fgetxattr] = { D, SH_ARG0 },
	[SYS_listxattr] = { F, SH_ARG0 },
	[SYS_llistxattr] = { F, SH_ARG0 },
	[SYS_flistxattr] = { D, SH_ARG0 },
	[SYS_removexattr] = { F, SH_ARG0 },
	[SYS_lremovexattr] = { F, SH_ARG0 },
	[SYS_fremovexattr] = { D, SH_ARG0 },
	[SYS_tkill] = { S | P, SH_ARG0 },
	[SYS_time] = { K, SH_ARG0 },
	[SYS_io_setup] = { M, SH_ARG0 },
	[SYS_io_destroy] = { M, SH_ARG0 },
	[SYS_epoll_create] = { D, SH_NONE },
	[SYS_remap_file_pages] = { M, SH_ARG0 },
	[SYS_getdents64] = { D, SH_ARG0 },
	[SYS_semtimedop] = { I, SH_ARG0 },
	[SYS_fadvise64] = { D, SH_ARG0 },
	[SYS_clock_settime] = { K, SH_ARG0 },
	[SYS_clock_gettime] = { K, SH_ARG0 },
	[SYS_clock_getres] = { K, SH_ARG0 },
	[SYS_exit_group] = { P, SH_ARG0 },
	[SYS_epoll_wait] = { D, SH_ARG0 },
	[SYS_epoll_ctl] = { D, SH_X_X_FD },
	[SYS_tgkill] = { S | P, SH_ARG0 },
	[SYS_utimes] = { F, SH_ARG0 },
	[SYS_mbind] = { M, SH_ARG0 },
	[SYS_set_mempolicy] = { M, SH_ARG0 },
	[SYS_get_mempolicy] = { M, SH_ARG0 },
	[SYS_mq_open] = { D, SH_NONE },
	[SYS_mq_timedsend] = { D, SH_ARG0 },
	[SYS_mq_timedreceive] = { D, SH_ARG0 },
	[SYS_mq_notify] = { D, SH_ARG0 },
	[SYS_mq_getsetattr] = { D, SH_ARG0 },
	[SYS_waitid] = { P, SH_ARG0 },
	[SYS_inotify_init] = { D, SH_NONE },
	[SYS_inotify_add_watch] = { D | F, SH_FD_PATH },
	[SYS_inotify_rm_watch] = { D, SH_ARG0 },
	[SYS_migrate_pages] = { M, SH_ARG0 },
	[SYS_openat] = { D | F, SH_FD_PATH },
	[SYS_mkdirat] = { D | F, SH_FD_PATH },
	[SYS_mknodat] = { D | F, SH_FD_PATH },
	[SYS_fchownat] = { D | F, SH_FD_PATH },
	[SYS_futimesat] = { D | F, SH_FD_PATH },
	[SYS_newfstatat] = { D | F | FS | SL, SH_FD_PATH },
	[SYS_unlinkat] = { D | F, SH_FD_PATH },
	[SYS_renameat] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_linkat] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_symlinkat] = { D | F, SH_X_FD_PATH },
	[SYS_readlinkat] = { D | F, SH_FD_PATH },
	[SYS_fchmodat] = { D | F, SH_FD_PATH },
	[SYS_faccessat] = { D | F, SH_FD_PATH },
	[SYS_pselect6] = { D, SH_SELECT },
	[SYS_ppoll] = { D, SH_POLL },
	[SYS_splice] = { D, SH_FD_X_FD },
	[SYS_tee] = { D, SH_FD_FD },
	[SYS_sync_file_range] = { D, SH_ARG0 },
	[SYS_vmsplice] = { D, SH_ARG0 },
	[SYS_move_pages] = { M, SH_ARG0 },
	[SYS_utimensat] = { D | F, SH_FD_PATH },
	[SYS_epoll_pwait] = { D, SH_ARG0 },
	[SYS_signalfd] = { D | S, SH_ARG0 },
	[SYS_timerfd_create] = { D, SH_NONE },
	[SYS_eventfd] = { D, SH_NONE },
	[SYS_fallocate] = { D, SH_ARG0 },
	[SYS_timerfd_settime] = { D, SH_ARG0 },
	[SYS_timerfd_gettime] = { D, SH_ARG0 },
	[SYS_accept4] = { N, SH_ARG0 },
	[SYS_signalfd4] = { D | S, SH_ARG0 },
	[SYS_eventfd2] = { D, SH_NONE },
	[SYS_epoll_create1] = { D, SH_NONE },
	[SYS_dup3] = { D, SH_FD_FD },
	[SYS_pipe2] = { D, SH_NONE },
	[SYS_inotify_init1] = { D, SH_NONE },
	[SYS_preadv] = { D, SH_ARG0 },
	[SYS_pwritev] = { D, SH_ARG0 },
	[SYS_rt_tgsigqueueinfo] = { P | S, SH_ARG0 },
	[SYS_perf_event_open] = { D, SH_NONE },
	[SYS_recvmmsg] = { N, SH_ARG0 },
	[SYS_fanotify_init] = { D, SH_NONE },
	[SYS_fanotify_mark] = { D | F, SH_X_X_X_FD_PATH },
	[SYS_name_to_handle_at] = { D | F, SH_FD_PATH },
	[SYS_open_by_handle_at] = { D, SH_ARG0 },
	[SYS_clock_adjtime] = { K, SH_ARG0 },
	[SYS_syncfs] = { D, SH_ARG0 },
	[SYS_sendmmsg] = { N, SH_ARG0 },
	[SYS_setns] = { D, SH_ARG0 },
	[SYS_finit_module] = { D, SH_ARG0 },
	[SYS_renameat2] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_memfd_create] = { D, SH_NONE },
	[SYS_kexec_file_load] = { D, SH_FD_FD },
	[SYS_bpf] = { D, SH_NONE },
	[SYS_execveat] = { D | F | P, SH_FD_PATH },
	[SYS_userfaultfd] = { D, SH_NONE },
	[SYS_mlock2] = { M, SH_ARG0 },
	[SYS_copy_file_range] = { D, SH_FD_X_FD },
	[SYS_preadv2] = { D, SH_ARG0 },
	[SYS_pwritev2] = { D, SH_ARG0 },
	[SYS_pkey_mprotect] = { M, SH_ARG0 },
	[SYS_statx] = { D | F | FS | SL, SH_FD_PATH },
	[SYS_pidfd_send_signal] = { D | S | P, SH_ARG0 },
	[SYS_io_uring_setup] = { D, SH_NONE },
	[SYS_io_uring_enter] = { D | S, SH_ARG0 },
	[SYS_io_uring_register] = { D | M, SH_ARG0 },
	[SYS_open_tree] = { D | F, SH_FD_PATH },
	[SYS_move_mount] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_fsopen] = { D, SH_NONE },
	[SYS_fsconfig] = { D | F, SH_FSCONFIG },
	[SYS_fsmount] = { D, SH_ARG0 },
	[SYS_fspick] = { D | F, SH_FD_PATH },
	[SYS_pidfd_open] = { D, SH_NONE },
	[SYS_clone3] = { P, SH_ARG0 },
	[SYS_openat2] = { D | F, SH_FD_PATH },
	[SYS_pidfd_getfd] = { D, SH_ARG0 },
	[SYS_faccessat2] = { D | F, SH_FD_PATH },
	[SYS_process_madvise] = { D, SH_ARG0 },
	[SYS_epoll_pwait2] = { D, SH_ARG0 },
	[SYS_mount_setattr] = { D | F, SH_FD_PATH },
	[SYS_quotactl_fd] = { D, SH_ARG0 },
	[SYS_landlock_create_ruleset] = { D, SH_NONE },
	[SYS_landlock_add_rule] = { D, SH_ARG0 },
	[SYS_landlock_restrict_self] = { D, SH_ARG0 },
	[SYS_memfd_secret] = { D, SH_NONE },
	[SYS_process_mrelease] = { D, SH_ARG0 },
	[SYS_set_mempolicy_home_node] = { M, SH_ARG0 },
};

static const struct {
	const char *name;
	unsigned bits;
} class_names[] = {
	{ "desc", D }, { "file", F }, { "ipc", I }, { "network", N },
	{ "net", N }, { "process", P }, { "signal", S }, { "memory", M },
	{ "creds", C }, { "clock", K }, { "stat", ST }, { "lstat", LS },
	{ "fstat", FS }, { "%stat", SL }, { "statfs", SF }, { "fstatfs", FSF },
	{ "%statfs", SFL }, { "pure", PU },
};

static const struct sysmeta *
meta(long nr)
{
	if (nr < 0 || (unsigned long)nr >= ARRAY_SIZE(sysmeta_table) ||
	    !snare_syscall_name(nr))
		return NULL;
	return &sysmeta_table[nr];
}

SNARE_EXPORT unsigned
snare_syscall_classes(long nr)
{
	const struct sysmeta *m = meta(nr);

	return m ? m->classes : 0;
}

SNARE_EXPORT unsigned
snare_syscall_class_named(const char *name)
{
	size_t i;

	if (!name || *name++ != '%')
		return 0;
	for (i = 0; i < ARRAY_SIZE(class_names); i++)
		if (!strcmp(class_names[i].name, name))
			return class_names[i].bits;
	return 0;
}

SNARE_EXPORT int
snare_syscall_nargs(long nr)
{
	const struct sysent *row = sysent_get(nr);

	return row ? row->nargs : -ENOENT;
}

/* The roles of a shape's arguments, "F" fd, "P" path, "x" neither. */
static const char *const shape_roles[] = {
	[SH_NONE] = "",
	[SH_FD_FD] = "FF",
	[SH_FD_PATH] = "FP",
	[SH_PATH_PATH] = "PP",
	[SH_X_PATH] = "xP",
	[SH_FD_PATH_FD_PATH] = "FPFP",
	[SH_MMAP] = "xxxxF",
	[SH_X_FD_PATH] = "xFP",
	[SH_FD_X_FD] = "FxF",
	[SH_X_X_FD] = "xxF",
	[SH_X_X_X_FD_PATH] = "xxxFP",
};

SNARE_EXPORT int
snare_syscall_arg_roles(unsigned char roles[6], long nr,
			const uint64_t args[6])
{
	const struct sysmeta *m = meta(nr);
	int nargs = snare_syscall_nargs(nr), i;
	const char *r;

	if (!roles)
		return -EINVAL;
	memset(roles, SNARE_ARG_OTHER, 6);
	if (nargs < 0 || !m)
		return nargs < 0 ? nargs : -ENOENT;
	if (!(m->classes & (F | D | N)))
		return nargs;
	switch (m->shape) {
	case SH_ARG0:
		roles[0] = m->classes & F ? SNARE_ARG_PATH : SNARE_ARG_FD;
		return nargs;
	case SH_FSCONFIG:
		/* FSCONFIG_SET_PATH(_EMPTY): a path and a dirfd; _SET_FD. */
		/* The command is an unsigned int: the upper half of the
		   register is not the kernel's. */
		if (args && ((uint32_t)args[1] == 3 || (uint32_t)args[1] == 4)) {
			roles[3] = SNARE_ARG_PATH;
			roles[4] = SNARE_ARG_FD;
		} else if (args && (uint32_t)args[1] == 5) {
			roles[4] = SNARE_ARG_FD;
		}
		return nargs;
	case SH_SELECT:
		roles[1] = roles[2] = roles[3] = SNARE_ARG_FD_SET;
		return nargs;
	case SH_POLL:
		roles[0] = SNARE_ARG_POLL_FDS;
		return nargs;
	default:
		break;
	}
	for (r = shape_roles[m->shape], i = 0; r && r[i] && i < 6; i++)
		roles[i] = r[i] == 'F'   ? SNARE_ARG_FD
			   : r[i] == 'P' ? SNARE_ARG_PATH
					 : SNARE_ARG_OTHER;
	return nargs;
}
