/* SPDX-License-Identifier: MIT */
/*
 * print.h: the internal API of the strace-style printer (src/print/).
 *
 * buf.c is a bounded appender with snprintf semantics and strace's string
 * quoting; xlat.c holds the flag and enum tables, built from header macros;
 * args.c prints one argument of a given kind (fd, path, flags, struct ...);
 * sysent.c is the per-syscall table, one row per syscall in the style of
 * strace's syscallent.h; syscalls.c drives it and implements the public
 * snare_format_syscall_enter()/_exit(); siginfo.c prints siginfo.
 *
 * A syscall is printed in two halves. Every argument kind knows whether
 * strace prints it at entry or at exit (an output buffer such as read()'s
 * is only known at exit); the entry half prints the arguments up to the
 * first exit-time one, the exit half the rest, the ')' and the return
 * value. Both halves see the same arguments. The one thing the exit half
 * cannot see is a value the kernel overwrote: the length a caller passed
 * in a socklen_t (accept, getsockname, getsockopt, recvfrom) or in a
 * msghdr (recvmsg), which strace prints as [in => out]. The entry half
 * notes those (arg_note_entry()) in a small per-thread table in net.c and
 * the exit half takes them back.
 */
#ifndef SNARE_PRINT_H
#define SNARE_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/print_iface.h"

/* arch/x86/include/uapi/asm/signal.h: glibc keeps it to itself. */
#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif
/* statfs's f_flags are meaningful when this is set (include/linux/statfs.h,
 * not exported to userspace). */
#define KERNEL_ST_VALID 0x0020
/* FICLONE, from include/uapi/linux/fs.h, whose MS_* macros collide with
 * glibc's <sys/mount.h>: _IOW(0x94, 9, int). */
#define KERNEL_FICLONE 0x40049409
/* A control message type named in the kernel's include/linux/socket.h only. */
#define KERNEL_SCM_SECURITY 3
/* asm-generic/mman-common.h and asm-generic/poll.h, which glibc's
 * headers leave out. */
#define KERNEL_PROT_SEM 0x8
#define KERNEL_POLL_BUSY_LOOP 0x8000
/* A huge page size's field in mmap's and memfd_create's flags
 * (asm-generic/hugetlb_encode.h): 6 bits from bit 26. */
#define KERNEL_HUGE_SHIFT 26
#define KERNEL_HUGE_MASK 0x3fULL
/* O_SYNC without O_DSYNC (include/uapi/asm-generic/fcntl.h). */
#define KERNEL___O_SYNC 04000000
/* The kernel's __O_TMPFILE: glibc's macro of that name has O_DIRECTORY. */
#define KERNEL___O_TMPFILE 020000000

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* buf.c: a bounded appender. len counts what the full text would take. */
struct pbuf {
	char *buf;
	size_t cap;
	size_t len;
	int xstyle; /* how named constants print: snare_format_opts.xlat_style,
		       or XSTYLE_IN_COMMENT */
};
/* Names inside -X verbose's comment: as abbrev, without the comments
   that abbrev puts after unknown values. */
#define XSTYLE_IN_COMMENT 3
/* Whether a known constant prints as its name alone. */
#define XSTYLE_NAMES(b) ((b)->xstyle == 0 || (b)->xstyle == XSTYLE_IN_COMMENT)

void pb_init(struct pbuf *b, char *buf, size_t cap);
void pb_putc(struct pbuf *b, char c);
void pb_puts(struct pbuf *b, const char *s);
void pb_write(struct pbuf *b, const char *s, size_t n);
void pb_printf(struct pbuf *b, const char *fmt, ...) SNARE_PRINTF(2, 3);

/* Quoting styles for pb_quote(). */
#define QUOTE_FORCE_HEX 0x1 /* every byte as \xNN (getrandom) */
#define QUOTE_CSTRING 0x2   /* stop at the first NUL */
#define QUOTE_BARE 0x4      /* no surrounding quotes (an fd's path) */
#define QUOTE_ANGLES 0x8    /* '<' and '>' in octal too (an fd's path) */

/*
 * Print len bytes of s quoted like strace's string_quote(): "..." with \n,
 * \t, \", \\ and octal escapes, or \xNN for every byte under -xx (xflag 2),
 * or under -x (xflag 1) when a byte is neither printable nor whitespace;
 * xflag 3 (--strings-in-hex=non-ascii-chars): \xNN for the unprintable
 * bytes only, the rest as usual.
 */
void pb_quote(struct pbuf *b, const unsigned char *s, size_t len, int xflag,
	      int style);

/* xlat.c: value-to-name tables. */
struct xlat_data {
	uint64_t val;
	const char *str;
};
struct xlat {
	const struct xlat_data *data;
	size_t n;
	const char *unknown; /* "O_???": comment for unknown bits/values */
};
#define XLAT(x) { (uint64_t)(x), #x }
#define XLAT_PAIR(v, s) { (uint64_t)(v), s }
#define XLAT_TABLE(name, unk, ...)                                         \
	static const struct xlat_data name##_data[] = { __VA_ARGS__ };    \
	const struct xlat name = { name##_data, ARRAY_SIZE(name##_data), unk }

const char *xlat_name(const struct xlat *x, uint64_t val);
/* An enum value: its name, or its number in hex (decimal when dec)
 * followed by a comment naming x->unknown ("SEEK_???"). */
void print_xval(struct pbuf *b, const struct xlat *x, uint64_t val, bool dec);
/* One named constant (strace's print_xlat()): its name, the number alone
 * under -X raw, the number and the name in a comment under -X verbose;
 * the number in hex, or decimal and signed when dec. */
void print_const(struct pbuf *b, uint64_t val, const char *name, bool dec);
/* Flags joined by '|', leftover bits in hex; 0 prints as "0". */
void print_flags(struct pbuf *b, const struct xlat *x, uint64_t val);
/*
 * For a printer that composes one value from several tables (open's
 * access mode and flags): under b->xstyle raw (1) or verbose (2) the value
 * is printed as a number first, in base 16, 10 or 8 (as print_octal()). Returns whether the
 * names should follow (abbrev, or verbose's comment, during which xstyle
 * is abbrev); call xstyle_end(b, *saved) after them either way.
 */
bool xstyle_begin(struct pbuf *b, uint64_t val, int base, int *saved);
void xstyle_end(struct pbuf *b, int saved);
/* A kernel version as KERNEL_VERSION(5, 15, 0), a number under -X raw
   (bpf's kern_version, VIDIOC_QUERYCAP's version). */
void print_kernel_version(struct pbuf *b, uint32_t v);

extern const struct xlat open_access_modes, open_flags, at_flags, faccessat_flags,
	at_statx_sync, statx_masks, prot_flags, mmap_flags, madvise_advice,
	clone_flags, sa_flags, sigprocmask_how, sock_families, sock_types,
	sock_type_flags, ip_protocols, sock_levels, so_options, msg_flags,
	fcntl_cmds, fd_flags, seek_whence, access_modes, futex_ops,
	clock_ids, timer_flags, rlimit_resources, grnd_flags, poll_events,
	wait_options, ioctl_cmds, shutdown_how,
	mremap_flags, epoll_ctl_ops,
	epoll_events, eventfd_flags, fadvise_advice, xattr_flags,
	sigaltstack_flags, sync_file_range_flags, mlock2_flags, umount_flags,
	capabilities, cap_ambient_ops, suid_dump_modes, securebits,
	sigev_notify_kinds, rwf_flags, ioprio_who, ioprio_classes, ms_flags, rename_flags, falloc_flags,
	inotify_masks, inotify_init_flags, itimer_which, sched_policies,
	priority_which, flock_ops, mlockall_flags, rusage_who,
	close_range_flags, memfd_flags, splice_flags, setns_types,
	timerfd_flags, signalfd_flags, personality_types, unshare_flags,
	lock_cmds, epoll_create_flags, fs_magics, statfs_flags, scm_types,
	ip_cmsg_types, tcp_options, ip_options;

/* An I/O priority: IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4); print_ioprio()
   puts the number first under -X raw (alone) and verbose. */
void print_ioprio(struct pbuf *b, uint64_t val);
void print_ioprio_value(struct pbuf *b, uint64_t val);
/* A mode's file type (S_IFREG ...) and its permission bits in octal. */
void print_mode_t(struct pbuf *b, unsigned mode);
void print_octal(struct pbuf *b, uint64_t v);
/* open's flags: the access mode, then the flags, unknown bits in hex
   without a comment, as strace's tprint_open_modes64(). */
void print_open_flags(struct pbuf *b, uint64_t v);
/* A device number: makedev(0x1, 0x3). */
void print_dev(struct pbuf *b, uint64_t dev);
/* A signal number, "SIGTERM", or the number. */
void print_signo(struct pbuf *b, int sig);

/* The context of one half of one syscall. */
struct fmt {
	struct pbuf *b;
	snare_proc *p;
	const snare_format_opts *o;
	long nr;
	const uint64_t *args;
	int64_t rv;
	bool exiting;
	bool rv_success; /* rv is no error, whatever its value (injected) */
	snare_format_opts opts; /* the caller's, as the current version */
};

/*
 * Point f->o at the caller's options (NULL: the defaults) brought up to
 * the current version. For a version this library does not know, the
 * message goes into f->b instead and it returns false.
 */
bool fmt_set_opts(struct fmt *f, const snare_format_opts *opts);

/* Argument kinds (args.c). Each says whether it prints at entry or exit. */
enum arg_kind {
	A_NONE = 0,
	A_INT,        /* int, decimal */
	A_UINT,       /* unsigned int, decimal */
	A_LONG,       /* long, decimal */
	A_ULONG,      /* unsigned long / size_t, decimal */
	A_HEX,        /* %#lx, 0 as "0" */
	A_PTR,        /* NULL or 0x... */
	A_FD,         /* an fd: 3, or 3</path> under -y */
	A_DIRFD,      /* AT_FDCWD or an fd */
	A_PATH,       /* a NUL-terminated path, never cut */
	A_STR,        /* a NUL-terminated string, cut at strsize */
	A_BUF_IN,     /* bytes at entry, length in args[aux] */
	A_BUF_OUT,    /* bytes at exit, length = return value */
	A_BUF_RAND,   /* getrandom's buffer, at exit, in hex */
	A_FLAGS,      /* flags from x, of an int (a long: see int_arg()) */
	A_XVAL,       /* an enum from x, of an int (a long: see int_arg()) */
	A_XVAL_INT,   /* an enum from x of an int (-1 too), hex when unknown */
	A_XVAL_U32,   /* an enum from x of an unsigned int, hex when unknown */
	A_FLAGS_U32,  /* flags from x of an unsigned int */
	A_OCTAL,      /* a permission mode, 0644 */
	A_MODE_T,     /* a mode with its type (mknod), S_IFREG|0644 */
	A_SIG,        /* a signal number */
	A_SIGSET_IN,  /* a sigset at entry, size in args[aux] */
	A_SIGSET_OUT, /* a sigset at exit */
	A_SIGACTION_IN,
	A_SIGACTION_OUT,
	A_STAT_OUT,   /* struct stat, {st_mode=..., st_size=..., ...} */
	A_STATX_OUT,
	A_TIMESPEC_IN,
	A_TIMESPEC_OUT,
	A_TIMESPEC_REM,	/* nanosleep's remaining time: only when interrupted */
	A_TIMEVAL_OUT,
	A_SOCKADDR_IN,  /* struct sockaddr at entry, length in args[aux] */
	A_SOCKADDR_OUT, /* at exit, length pointer in args[aux] */
	A_SOCKLEN_OUT,  /* [16 => 2]: in and out, struct in args[aux] */
	A_INTPTR_IN,  /* [1]: an int at entry */
	A_INTPTR_OUT, /* [0]: an int at exit */
	A_SOCKOPT_IN, /* setsockopt's value, length in args[aux] */
	A_IOVEC_IN,   /* writev: iovec array, count in args[aux] */
	A_IOVEC_OUT,  /* readv: filled at exit */
	A_RLIMIT_IN,
	A_RLIMIT_OUT,
	A_POLLFD,     /* pollfd array at entry, count in args[aux] */
	A_FDPAIR_OUT, /* pipe2/socketpair: [3, 4] */
	A_ARGV,       /* execve argv */
	A_ENVP,       /* execve envp: 0x7ff... followed by a vars comment */
	A_WSTATUS_OUT,/* wait4 status */
	A_DIRENTS_OUT,/* getdents64: 0x... /-* 5 entries *-/ */
	A_UTSNAME_OUT,
	A_PATH_OUT,   /* readlink/getcwd: a string at exit, len = rv */
	A_PTR_OUT,    /* a pointer printed at exit */
	A_CLONE3,     /* struct clone_args at entry, parent_tid at exit */
	A_UMASK,      /* octal, 022 */
	A_OPEN_FLAGS, /* O_RDONLY|O_CLOEXEC: access mode first */
	A_MMAP_FLAGS, /* MAP_PRIVATE|MAP_ANONYMOUS: map type first */
	A_FUTEX_OP,   /* FUTEX_WAKE_PRIVATE */
	A_FUTEX_VAL3, /* FUTEX_BITSET_MATCH_ANY or hex */
	A_CLONE,      /* clone's named arguments; parent_tid and on at exit */
	A_STATX_FLAGS,/* AT_STATX_SYNC_* type, then AT_* flags */
	A_SOCK_TYPE,  /* SOCK_STREAM|SOCK_CLOEXEC: type first */
	A_SOCKOPT_OUT,/* getsockopt's value at exit, length pointer in aux */
	A_OPTLEN_OUT, /* getsockopt's [in => out], value in args[aux] */
	A_MSGHDR_IN,  /* sendmsg's struct msghdr */
	A_MSGHDR_OUT, /* recvmsg's struct msghdr, at exit */
	A_MMSGHDR_SENT, /* sendmmsg's vector at exit, count in args[aux] */
	A_MMSGHDR_RECV, /* recvmmsg's vector at exit, count in args[aux] */
	A_TIMESPEC_NOTED, /* a timeout at exit as it was at entry */
	A_SYSINFO_OUT,
	A_RUSAGE_OUT,
	A_STATFS_OUT,
	A_EPOLL_EVENT,/* epoll_ctl's event (an address for EPOLL_CTL_DEL) */
	A_EPOLL_EVENTS_OUT, /* epoll_wait's events, count = return value */
	A_SIGRETURN,  /* rt_sigreturn: {mask=[...]} from the signal frame */
	A_GIDS_IN,    /* setgroups: [0, 1], count in args[aux] */
	A_GIDS_OUT,   /* getgroups: [0, 1] at exit, count = return value */
	A_FDSET,      /* select: [3 4], up to nfds (args[0]) */
	A_TIMEVAL_IN,
	A_PSELECT_SIGMASK, /* pselect6: {sigmask=[USR1], sigsetsize=8} */
	A_CPUSET_IN,  /* sched_setaffinity: [0 1], size in args[aux] */
	A_CPUSET_OUT, /* sched_getaffinity: at exit, size = return value */
	A_XATTR_VAL_IN,  /* setxattr's value, size in args[aux] */
	A_XATTR_VAL_OUT, /* getxattr's value at exit, size = return value */
	A_XATTR_LIST_OUT,/* listxattr's names at exit, size = return value */
	A_ITIMERVAL_IN,  /* setitimer: {it_interval={tv_sec=...}, ...} */
	A_ITIMERVAL_OUT,
	A_ITIMERSPEC_IN, /* timer_settime, timerfd_settime */
	A_ITIMERSPEC_OUT,
	A_TMS_OUT,    /* times: {tms_utime=...} */
	A_STACK_IN,   /* sigaltstack: {ss_sp=..., ss_flags=..., ss_size=...} */
	A_STACK_OUT,
	A_INT64PTR_IN,/* an off_t at entry: [0] */
	A_COMM,       /* a task name (PR_SET_NAME): at most 15 bytes shown */
	A_COMM_OUT,   /* PR_GET_NAME's, at exit */
	A_SIGPTR_OUT, /* PR_GET_PDEATHSIG: [SIGTERM] at exit */
	A_SIGEVENT,   /* timer_create: {sigev_signo=SIGALRM, ...} */
	A_OFFSET_INOUT, /* sendfile: [3] at entry, " => [13]" at exit */
	A_TIME_OUT,   /* time: [1795407413 /- date -/] */
	A_IOPRIO,     /* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
	A_DEV,        /* a dev_t: makedev(0x1, 0x3) */
	A_UTIMENS,    /* utimensat: [{tv_sec=1, tv_nsec=2} /- date -/, UTIME_NOW] */
	A_UTIMES,     /* utimes, futimesat: two timevals with their dates */
	A_UTIMBUF,    /* utime: {actime=5 /- date -/, modtime=6 /- date -/} */
	/* An argument printed by its own function (argspec.fn), for the
	   decoders of the sys_*.c files: at entry, at exit, or begun at
	   entry and finished at exit (name_to_handle_at's {... => ...}). */
	A_FN,
	A_FN_OUT,
	A_FN_SPLIT,
	/* Terminal ioctls (termios.c). */
	A_TERMIOS_IN,  /* TCSETS: {c_iflag=..., ...} */
	A_TERMIOS_OUT, /* TCGETS, at exit */
	A_WINSIZE_IN,  /* TIOCSWINSZ: {ws_row=24, ...} */
	A_WINSIZE_OUT, /* TIOCGWINSZ, at exit */
	/* Process ids (print_pid()). */
	A_PID,        /* a thread or process id: 42, or 42<cat> under -Y */
	A_PID_PGRP,   /* kill, wait4: a pid when > 0, a group when < -1 */
	A_TID,        /* a thread id (tkill) */
	A_PGID,       /* a process group id (setpgid) */
	A_KINDS
};

struct argspec {
	unsigned char kind;
	unsigned char aux; /* index of a related argument (length, count) */
	const struct xlat *x;
	unsigned char arg; /* argument printed, plus one; 0: by position */
	/* A_FN*: prints argument v (index i) of f. */
	void (*fn)(struct fmt *f, uint64_t v, int i);
};

/*
 * Process ids (pidns.c). A decoder that prints an id of the traced
 * process's pid namespace calls print_pid_as() with the id's kind: the
 * number, then what f->o->decode_pids asks for: the command under -Y
 * (SNARE_DECODE_PIDS_COMM, threads and processes only), "42<cat>", and
 * under --pidns-translation (SNARE_DECODE_PIDS_PIDNS) the id in the
 * tracer's namespace when it differs, "2 /- 4242 in strace's PID NS -/".
 * print_pid() is print_pid_as(f, pid, PIDK_TGID); print_pid_tgid_pgid()
 * is for kill()'s and F_SETOWN's argument: a process when > 0, a process
 * group when < -1. print_pid_decoration() prints only what follows the
 * number (for a decoder that prints the number its own way).
 */
enum pid_kind { PIDK_TID, PIDK_TGID, PIDK_PGID, PIDK_SID };
void print_pid_as(struct fmt *f, int pid, enum pid_kind kind);
void print_pid(struct fmt *f, int pid);
void print_pid_tgid_pgid(struct fmt *f, int pid);
void print_pid_decoration(struct fmt *f, int pid, enum pid_kind kind);
/*
 * The id in the tracer's pid namespace of the id pid of this kind as the
 * process f->p sees it; 0 when there is none (gone, or never was). With
 * proc_pid, also the id of the task under /proc (the tracer's id unless
 * /proc belongs to another namespace). Without f->p, pid itself.
 */
int pidns_translate(struct fmt *f, int pid, enum pid_kind kind,
		    int *proc_pid);
/*
 * The id under /proc of the process f->p: its id in the tracer's
 * namespace unless /proc belongs to another one (a tracer started by
 * "unshare -pf" that sees the old /proc); 0 without f->p.
 */
int pidns_proc_pid(struct fmt *f);
/* What pidns_translate() remembers for one process (in net.c's notes). */
struct pidns_id {
	unsigned long ino, dev;
};
enum { PIDNS_CACHED = 16 };
struct pidns_cache {
	int state;     /* 0: not set up; 1: set up; -1: failed */
	int pid;       /* the process it was set up for */
	int proc_pid;  /* its id under /proc */
	int our_level, level; /* depths of the tracer's and its namespaces */
	bool same;
	struct pidns_id ours, theirs;
	struct {
		int proc_pid; /* 0: free */
		int from, kind, level;
	} v[PIDNS_CACHED];
	unsigned next;
};
struct pidns_cache *pidns_cache_of(const struct fmt *f);
/* A siginfo as snare_format_siginfo(); si_pid through print_pid() when f
   is given (siginfo.c). */
void print_siginfo(struct pbuf *b, const snare_siginfo *si, struct fmt *f);

/* Struct and array printers (structs.c, times.c, select.c); addr is in
   the tracee. read_or_addr() reads len bytes at addr into out, or prints
   NULL or the address and returns false. */
bool read_or_addr(struct fmt *f, void *out, uint64_t addr, size_t len);
void print_stat(struct fmt *f, uint64_t addr);
void print_statx(struct fmt *f, uint64_t addr);
void print_timespec(struct fmt *f, uint64_t addr);
void print_timeval(struct fmt *f, uint64_t addr);
void print_sockaddr(struct fmt *f, uint64_t addr, int len);
/* The same of len bytes (2 to sizeof(struct sockaddr_storage)) already
   read into buf, which has one byte more, a NUL, after them. */
void print_sockaddr_buf(struct fmt *f, const unsigned char *buf, size_t len);
void print_iovec(struct fmt *f, uint64_t addr, uint64_t n, bool out);
/* At most size bytes in all, over the elements in order. */
void print_iovec_upto(struct fmt *f, uint64_t addr, uint64_t n, uint64_t size);
void print_sigaction(struct fmt *f, uint64_t addr);
void print_rlimit(struct fmt *f, uint64_t addr);
void print_pollfds(struct fmt *f, uint64_t addr, uint64_t n, bool revents);
void print_wstatus(struct fmt *f, uint64_t addr);
void print_dirents(struct fmt *f, uint64_t addr);
void print_utsname(struct fmt *f, uint64_t addr);
void print_clone(struct fmt *f);
void print_clone3(struct fmt *f, uint64_t addr, bool exiting);
void print_sysinfo(struct fmt *f, uint64_t addr);
void print_rusage(struct fmt *f, uint64_t addr);
void print_statfs(struct fmt *f, uint64_t addr);
void print_epoll_event(struct fmt *f, uint64_t addr);
void print_epoll_events(struct fmt *f, uint64_t addr, uint64_t n);
void print_sigreturn(struct fmt *f);
void print_gids(struct fmt *f, uint64_t addr, uint64_t n);
void print_fdset(struct fmt *f, uint64_t addr);
/* select's return value: the fds ready in each set, the time left. */
void print_select_ready(struct fmt *f);
void print_pselect_sigmask(struct fmt *f, uint64_t addr);
void print_itimer(struct fmt *f, uint64_t addr, bool nsec);
void print_tms(struct fmt *f, uint64_t addr);
void print_stack_t(struct fmt *f, uint64_t addr);
void print_utimens(struct fmt *f, uint64_t addr);
void print_utimes(struct fmt *f, uint64_t addr);
void print_utimbuf(struct fmt *f, uint64_t addr);
/* A time_t's date as strace shows it: 2026-11-23T04:16:53+0000. */
bool format_date(char *out, size_t cap, int64_t sec);
/* " /- 2026-11-23T04:16:53.000000005+0000 -/" for sec and a fraction of
 * digits (6 or 9) digits; nothing for 0 or a fraction out of range. */
void print_time_comment(struct pbuf *b, int64_t sec, int64_t frac,
			int digits);
void print_sigevent(struct fmt *f, uint64_t addr);
/* clock_t ticks with their seconds in a comment: 1 /- 0.01 s -/. */
void print_clock_t(struct pbuf *b, uint64_t ticks);
void print_cpuset(struct fmt *f, uint64_t addr, uint64_t size);
/* termios.c: struct termios (c_line and c_cc under -v), struct winsize. */
void print_termios(struct fmt *f, uint64_t addr);
/* The terminal structures of ioctl (termios.c): TCGETS's, TCGETS2's
   (with c_ispeed and c_ospeed under -v) and TCGETA's struct termio. */
enum termios_kind { TERMIOS, TERMIOS2, TERMIO };
void print_termios_kind(struct fmt *f, uint64_t addr, enum termios_kind kind);
void print_winsize(struct fmt *f, uint64_t addr);

/*
 * An array of n elements of size bytes (at most 64) at addr, as strace's
 * print_array(): NULL, [] when n is 0, the address when the first element
 * cannot be read, at most strsize elements then "...", and "..." with the
 * address in a comment when a later element cannot be read. print_elem
 * returns false to stop early.
 */
typedef bool (*print_elem_fn)(struct fmt *f, const void *elem, void *data);
/* How many elements of an array are shown: strsize, or (-v) all of them
 * up to a bound that keeps a garbage count from reading for ever. */
size_t array_max(const struct fmt *f);
void print_array(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
		 print_elem_fn print_elem, void *data);
/* print_array(), which at the exit of a failed call shows the address, as
   strace's tfetch_mem(); this one reads the elements whatever the call
   returned, as its tfetch_mem_ignore_syserror() (iovecs, v4l2's
   controls). */
void print_array_any(struct fmt *f, uint64_t addr, uint64_t n, size_t size,
		     print_elem_fn print_elem, void *data);
/* An element of an iovec array with its addresses only: {iov_base=0x...,
   iov_len=N} (process_vm_*'s remote side, process_madvise, io_uring,
   AIO's vectored commands). */
bool print_iov_addr_elem(struct fmt *f, const void *elem, void *data);
/* Elements of arrays of ints ("-1"), of u32s ("7") and of u64s in hex
   ("0x1f", "0") (array.c). */
bool print_elem_int(struct fmt *f, const void *elem, void *data);
bool print_elem_u32(struct fmt *f, const void *elem, void *data);
bool print_elem_x64(struct fmt *f, const void *elem, void *data);

/* Sockets (net.c). */
/* A value noted at entry for the exit half, by thread, syscall and addr
   (an input length the kernel overwrites); take drops the note at the
   process's next entry (formatting the same exit again finds it). */
void note_put(const struct fmt *f, uint64_t addr, int64_t val);
bool note_get(const struct fmt *f, uint64_t addr, int64_t *val, bool take);
void notes_sweep(const struct fmt *f);
/*
 * The -yy descriptions of a process's sockets by inode, kept like
 * strace's cache: once a socket's endpoints are known they are shown
 * until it goes, even after its peer closed. Kept with net.c's notes.
 */
enum { SOCKDESCS = 32 };
struct sockdescs {
	struct {
		unsigned long inode; /* 0: free */
		char text[120];
	} v[SOCKDESCS];
	unsigned next;
};
struct sockdescs *sockdescs_of(const struct fmt *f);
void note_socklen(struct fmt *f, uint64_t len_addr, uint64_t buf, bool opt);
void note_msghdr(struct fmt *f, uint64_t addr);
void print_sockaddr_out(struct fmt *f, uint64_t addr, uint64_t len_addr);
void print_socklen_out(struct fmt *f, uint64_t len_addr, uint64_t buf,
		       bool opt);
void print_getsockopt_val(struct fmt *f, uint64_t addr, uint64_t len_addr);
void print_setsockopt_val(struct fmt *f, uint64_t addr, uint64_t len);
/* sockopt.c: an option's value by level and name (args[1], args[2]) and
 * the table of a level's option names (NULL: a number). */
void sockopt_print_get(struct fmt *f, uint64_t addr, int ulen, int rlen);
void sockopt_print_set(struct fmt *f, uint64_t addr, int len);
const struct xlat *sockopt_names(int level, unsigned name, bool get);
extern const struct xlat sock_netlink_protocols;
/* cmsg.c: a control message's cmsg_type and cmsg_data (len bytes read
 * from addr in the tracee). */
void print_cmsg_data(struct fmt *f, int level, int type,
		     const unsigned char *data, size_t len, uint64_t addr);
/* sockfilter.c: classic BPF, n instructions at addr, or a sock_fprog. */
void print_sock_filter(struct fmt *f, uint64_t addr, unsigned n);
void print_sock_fprog(struct fmt *f, uint64_t addr);
void print_msghdr(struct fmt *f, uint64_t addr, bool out);
void print_mmsghdrs_sent(struct fmt *f, uint64_t addr, uint64_t vlen);
void note_mmsghdrs(struct fmt *f, uint64_t addr, uint64_t vlen);
void print_mmsghdrs_received(struct fmt *f, uint64_t addr);
void note_timespec(struct fmt *f, uint64_t addr);
void print_timespec_noted(struct fmt *f, uint64_t addr);

/* Netlink (netlink*.c): the protocol of a netlink socket fd, -1 for
   another fd, NL_PROTO_UNKNOWN when the kernel does not say (fdinfo.c); a
   buffer of len bytes of messages on a socket of that
   protocol; an iovec array of them, up to size bytes in all. */
#define NL_PROTO_UNKNOWN 256
int fd_netlink_protocol(struct fmt *f, int fd);
void print_netlink(struct fmt *f, int proto, uint64_t addr, uint64_t len);
void print_netlink_iovec(struct fmt *f, int proto, uint64_t addr,
			 uint64_t n, uint64_t size);
/* Whether the sockaddr of len bytes at addr is AF_NETLINK's. */
bool is_netlink_name(struct fmt *f, uint64_t addr, int len);

/* The results of fcntl's F_GETLEASE and F_GETSIG; false for another
   command (sys_fcntl.c). */
bool print_fcntl_rv_more(struct fmt *f);

/* Print argument i of f as spec says (args.c). */
void print_arg(struct fmt *f, int i, const struct argspec *spec);
/* 1 when this kind of argument is printed at exit. */
bool arg_at_exit(int kind);
/* 1 when it prints at entry and completes at exit (clone3's struct). */
bool arg_split(int kind);
/* At entry, for an argument printed at exit: note what the kernel will
 * overwrite (an input length). */
void arg_note_entry(struct fmt *f, int i, const struct argspec *spec);
/* Shared small printers (args.c). */
void print_ptr(struct fmt *f, uint64_t addr);
/* An fd, with what -y and -yy add (fdinfo.c); a dirfd: AT_FDCWD too. */
void print_fd(struct fmt *f, int fd);
void print_dirfd(struct fmt *f, int fd);
/* The process a pidfd of the tracee refers to (0: none), and an fd of
   that process, annotated as print_fd() does (pidfd_getfd). */
int pidfd_pid(struct fmt *f, int pidfd);
void print_fd_of(struct fmt *f, int pid, int fd);
/* An fd of the process the tracee knows as pid (kcmp): annotated as
   print_fd() does, once pid is found under /proc. */
void print_fd_tracee_ns(struct fmt *f, int pid, int fd);
void print_path(struct fmt *f, uint64_t addr);
void print_str(struct fmt *f, uint64_t addr, long len, int style);
/* A string of at most len bytes meant to end with a NUL (strace's
   printstr_ex() with QUOTE_0_TERMINATED): "..." after it when cut at -s
   or when no NUL comes within len. Returns its length plus one when the
   NUL was seen, 0 when not, -1 when it could not be read. */
int print_str_nul(struct fmt *f, uint64_t addr, uint32_t len);
/* A task's comm: at most TASK_COMM_LEN - 1 bytes shown (args_str.c). */
void print_task_comm(struct fmt *f, uint64_t addr);
/* execve's argv and envp (envp as an address and a count of variables,
   or under -v as argv), and an extended attribute's value of size
   bytes (args_str.c). */
void print_argv(struct fmt *f, uint64_t addr);
void print_envp(struct fmt *f, uint64_t addr);
void print_xattr_value(struct fmt *f, uint64_t addr, uint64_t size);
void print_sigset(struct fmt *f, uint64_t addr, size_t size);
void print_sigmask(struct pbuf *b, const uint64_t *mask, size_t nbits);
bool read_mem(struct fmt *f, void *out, uint64_t addr, size_t len);
bool is_error(const struct fmt *f);

/* Return value styles of a syscall row. */
enum rv_kind {
	RV_DEC = 0, /* = 3 */
	RV_HEX,     /* = 0x7f... (mmap, brk) */
	RV_OCTAL,   /* = 022 (umask) */
	RV_FD,      /* = 3, or 3</path> under -y */
	RV_NONE,    /* = ? (exit_group, exit, execve on success) */
	RV_FCNTL,   /* per command (F_GETFL: 0x8002 (flags O_RDWR|...)) */
	RV_POLL,    /* = 1 ([{fd=3, revents=POLLIN}]) */
	RV_UDEC,    /* unsigned */
	RV_RECVMMSG,/* = 1 (left {tv_sec=0, tv_nsec=999}), = 0 (Timeout) */
	RV_SCHED_POLICY, /* = 0 (SCHED_OTHER) */
	RV_TIME,    /* = 1795407413 (2026-11-23T04:16:53+0000) */
	RV_IOPRIO,  /* = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)) */
	RV_SELECT,  /* = 2 (in [3], out [4], left {...}), = 0 (Timeout) */
	RV_FN,      /* by the syscall's own printer, print_rv_fn() */
	RV_PID,     /* = 42, or 42<cat> under -Y (getpid, fork, wait4) */
	RV_TID,     /* a thread id (gettid, clone) */
	RV_PGID,    /* a process group id (getpgrp, getpgid) */
	RV_SID,     /* a session id (getsid) */
};

/* One row of the syscall table (sysent.c). */
struct sysent {
	unsigned char nargs;
	unsigned char rv;       /* enum rv_kind */
	struct argspec a[6];
	/* Rewrite the argument specs from the values (openat's mode...). */
	void (*fixup)(const struct fmt *f, int *nargs, struct argspec *a);
};

const struct sysent *sysent_get(long nr);
/* RV_FN: a successful return value printed by its syscall's decoder
   (sys_*.c): membarrier's commands, adjtimex's clock state ... */
void print_rv_fn(struct fmt *f);

#endif
