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
	[SYS_read] = { D },
	[SYS_write] = { D },
	[SYS_open] = { D | F },
	[SYS_close] = { D },
	[SYS_stat] = { F | ST | SL },
	[SYS_fstat] = { D | FS | SL },
	[SYS_lstat] = { F | LS | SL },
	[SYS_poll] = { D, SH_POLL },
	[SYS_lseek] = { D },
	[SYS_mmap] = { D | M, SH_MMAP },
	[SYS_mprotect] = { M },
	[SYS_munmap] = { M },
	[SYS_brk] = { M },
	[SYS_rt_sigaction] = { S },
	[SYS_rt_sigprocmask] = { S },
	[SYS_rt_sigreturn] = { S },
	[SYS_ioctl] = { D },
	[SYS_pread64] = { D },
	[SYS_pwrite64] = { D },
	[SYS_readv] = { D },
	[SYS_writev] = { D },
	[SYS_access] = { F },
	[SYS_pipe] = { D, SH_NONE },
	[SYS_select] = { D, SH_SELECT },
	[SYS_mremap] = { M },
	[SYS_msync] = { M },
	[SYS_mincore] = { M },
	[SYS_madvise] = { M },
	[SYS_shmget] = { I },
	[SYS_shmat] = { I | M },
	[SYS_shmctl] = { I },
	[SYS_dup] = { D },
	[SYS_dup2] = { D, SH_FD_FD },
	[SYS_pause] = { S },
	[SYS_getpid] = { PU },
	[SYS_sendfile] = { D | N, SH_FD_FD },
	[SYS_socket] = { N, SH_NONE },
	[SYS_connect] = { N },
	[SYS_accept] = { N },
	[SYS_sendto] = { N },
	[SYS_recvfrom] = { N },
	[SYS_sendmsg] = { N },
	[SYS_recvmsg] = { N },
	[SYS_shutdown] = { N },
	[SYS_bind] = { N },
	[SYS_listen] = { N },
	[SYS_getsockname] = { N },
	[SYS_getpeername] = { N },
	[SYS_socketpair] = { N, SH_NONE },
	[SYS_setsockopt] = { N },
	[SYS_getsockopt] = { N },
	[SYS_clone] = { P },
	[SYS_fork] = { P },
	[SYS_vfork] = { P },
	[SYS_execve] = { F | P },
	[SYS_exit] = { P },
	[SYS_wait4] = { P },
	[SYS_kill] = { S | P },
	[SYS_semget] = { I },
	[SYS_semop] = { I },
	[SYS_semctl] = { I },
	[SYS_shmdt] = { I | M },
	[SYS_msgget] = { I },
	[SYS_msgsnd] = { I },
	[SYS_msgrcv] = { I },
	[SYS_msgctl] = { I },
	[SYS_fcntl] = { D },
	[SYS_flock] = { D },
	[SYS_fsync] = { D },
	[SYS_fdatasync] = { D },
	[SYS_truncate] = { F },
	[SYS_ftruncate] = { D },
	[SYS_getdents] = { D },
	[SYS_getcwd] = { F },
	[SYS_chdir] = { F },
	[SYS_fchdir] = { D },
	[SYS_rename] = { F },
	[SYS_mkdir] = { F },
	[SYS_rmdir] = { F },
	[SYS_creat] = { D | F },
	[SYS_link] = { F, SH_PATH_PATH },
	[SYS_unlink] = { F },
	[SYS_symlink] = { F, SH_X_PATH },
	[SYS_readlink] = { F },
	[SYS_chmod] = { F },
	[SYS_fchmod] = { D },
	[SYS_chown] = { F },
	[SYS_fchown] = { D },
	[SYS_lchown] = { F },
	[SYS_gettimeofday] = { K },
	[SYS_getuid] = { C | PU },
	[SYS_getgid] = { C | PU },
	[SYS_setuid] = { C },
	[SYS_setgid] = { C },
	[SYS_geteuid] = { C | PU },
	[SYS_getegid] = { C | PU },
	[SYS_getppid] = { PU },
	[SYS_getpgrp] = { PU },
	[SYS_setreuid] = { C },
	[SYS_setregid] = { C },
	[SYS_getgroups] = { C },
	[SYS_setgroups] = { C },
	[SYS_setresuid] = { C },
	[SYS_getresuid] = { C },
	[SYS_setresgid] = { C },
	[SYS_getresgid] = { C },
	[SYS_setfsuid] = { C },
	[SYS_setfsgid] = { C },
	[SYS_capget] = { C },
	[SYS_capset] = { C },
	[SYS_rt_sigpending] = { S },
	[SYS_rt_sigtimedwait] = { S },
	[SYS_rt_sigqueueinfo] = { S | P },
	[SYS_rt_sigsuspend] = { S },
	[SYS_sigaltstack] = { S },
	[SYS_utime] = { F },
	[SYS_mknod] = { F },
	[SYS_uselib] = { F },
	[SYS_ustat] = { SFL },
	[SYS_statfs] = { F | SF | SFL },
	[SYS_fstatfs] = { D | FSF | SFL },
	[SYS_mlock] = { M },
	[SYS_munlock] = { M },
	[SYS_mlockall] = { M },
	[SYS_munlockall] = { M },
	[SYS_pivot_root] = { F, SH_PATH_PATH },
	[SYS_prctl] = { C },
	[SYS_adjtimex] = { K },
	[SYS_chroot] = { F },
	[SYS_acct] = { F },
	[SYS_settimeofday] = { K },
	[SYS_mount] = { F, SH_PATH_PATH },
	[SYS_umount2] = { F },
	[SYS_swapon] = { F },
	[SYS_swapoff] = { F },
	[SYS_quotactl] = { F, SH_X_PATH },
	[SYS_getpmsg] = { N },
	[SYS_putpmsg] = { N },
	[SYS_gettid] = { PU },
	[SYS_readahead] = { D },
	[SYS_setxattr] = { F },
	[SYS_lsetxattr] = { F },
	[SYS_fsetxattr] = { D },
	[SYS_getxattr] = { F },
	[SYS_lgetxattr] = { F },
	[SYS_fgetxattr] = { D },
	[SYS_listxattr] = { F },
	[SYS_llistxattr] = { F },
	[SYS_flistxattr] = { D },
	[SYS_removexattr] = { F },
	[SYS_lremovexattr] = { F },
	[SYS_fremovexattr] = { D },
	[SYS_tkill] = { S | P },
	[SYS_time] = { K },
	[SYS_io_setup] = { M },
	[SYS_io_destroy] = { M },
	[SYS_epoll_create] = { D, SH_NONE },
	[SYS_remap_file_pages] = { M },
	[SYS_getdents64] = { D },
	[SYS_semtimedop] = { I },
	[SYS_fadvise64] = { D },
	[SYS_clock_settime] = { K },
	[SYS_clock_gettime] = { K },
	[SYS_clock_getres] = { K },
	[SYS_exit_group] = { P },
	[SYS_epoll_wait] = { D },
	[SYS_epoll_ctl] = { D, SH_X_X_FD },
	[SYS_tgkill] = { S | P },
	[SYS_utimes] = { F },
	[SYS_mbind] = { M },
	[SYS_set_mempolicy] = { M },
	[SYS_get_mempolicy] = { M },
	[SYS_mq_open] = { D, SH_NONE },
	[SYS_mq_timedsend] = { D },
	[SYS_mq_timedreceive] = { D },
	[SYS_mq_notify] = { D },
	[SYS_mq_getsetattr] = { D },
	[SYS_waitid] = { P },
	[SYS_inotify_init] = { D, SH_NONE },
	[SYS_inotify_add_watch] = { D | F, SH_FD_PATH },
	[SYS_inotify_rm_watch] = { D },
	[SYS_migrate_pages] = { M },
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
	[SYS_sync_file_range] = { D },
	[SYS_vmsplice] = { D },
	[SYS_move_pages] = { M },
	[SYS_utimensat] = { D | F, SH_FD_PATH },
	[SYS_epoll_pwait] = { D },
	[SYS_signalfd] = { D | S },
	[SYS_timerfd_create] = { D, SH_NONE },
	[SYS_eventfd] = { D, SH_NONE },
	[SYS_fallocate] = { D },
	[SYS_timerfd_settime] = { D },
	[SYS_timerfd_gettime] = { D },
	[SYS_accept4] = { N },
	[SYS_signalfd4] = { D | S },
	[SYS_eventfd2] = { D, SH_NONE },
	[SYS_epoll_create1] = { D, SH_NONE },
	[SYS_dup3] = { D, SH_FD_FD },
	[SYS_pipe2] = { D, SH_NONE },
	[SYS_inotify_init1] = { D, SH_NONE },
	[SYS_preadv] = { D },
	[SYS_pwritev] = { D },
	[SYS_rt_tgsigqueueinfo] = { P | S },
	[SYS_perf_event_open] = { D, SH_NONE },
	[SYS_recvmmsg] = { N },
	[SYS_fanotify_init] = { D, SH_NONE },
	[SYS_fanotify_mark] = { D | F, SH_X_X_X_FD_PATH },
	[SYS_name_to_handle_at] = { D | F, SH_FD_PATH },
	[SYS_open_by_handle_at] = { D },
	[SYS_clock_adjtime] = { K },
	[SYS_syncfs] = { D },
	[SYS_sendmmsg] = { N },
	[SYS_setns] = { D },
	[SYS_finit_module] = { D },
	[SYS_renameat2] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_memfd_create] = { D, SH_NONE },
	[SYS_kexec_file_load] = { D, SH_FD_FD },
	[SYS_bpf] = { D, SH_NONE },
	[SYS_execveat] = { D | F | P, SH_FD_PATH },
	[SYS_userfaultfd] = { D, SH_NONE },
	[SYS_mlock2] = { M },
	[SYS_copy_file_range] = { D, SH_FD_X_FD },
	[SYS_preadv2] = { D },
	[SYS_pwritev2] = { D },
	[SYS_pkey_mprotect] = { M },
	[SYS_statx] = { D | F | FS | SL, SH_FD_PATH },
	[SYS_pidfd_send_signal] = { D | S | P },
	[SYS_io_uring_setup] = { D, SH_NONE },
	[SYS_io_uring_enter] = { D | S },
	[SYS_io_uring_register] = { D | M },
	[SYS_open_tree] = { D | F, SH_FD_PATH },
	[SYS_move_mount] = { D | F, SH_FD_PATH_FD_PATH },
	[SYS_fsopen] = { D, SH_NONE },
	[SYS_fsconfig] = { D | F, SH_FSCONFIG },
	[SYS_fsmount] = { D },
	[SYS_fspick] = { D | F, SH_FD_PATH },
	[SYS_pidfd_open] = { D, SH_NONE },
	[SYS_clone3] = { P },
	[SYS_openat2] = { D | F, SH_FD_PATH },
	[SYS_pidfd_getfd] = { D },
	[SYS_faccessat2] = { D | F, SH_FD_PATH },
	[SYS_process_madvise] = { D },
	[SYS_epoll_pwait2] = { D },
	[SYS_mount_setattr] = { D | F, SH_FD_PATH },
	[SYS_quotactl_fd] = { D },
	[SYS_landlock_create_ruleset] = { D, SH_NONE },
	[SYS_landlock_add_rule] = { D },
	[SYS_landlock_restrict_self] = { D },
	[SYS_memfd_secret] = { D, SH_NONE },
	[SYS_process_mrelease] = { D },
	[SYS_set_mempolicy_home_node] = { M },
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
		if (args && (args[1] == 3 || args[1] == 4)) {
			roles[3] = SNARE_ARG_PATH;
			roles[4] = SNARE_ARG_FD;
		} else if (args && args[1] == 5) {
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
