/* SPDX-License-Identifier: MIT */
/*
 * args.c: one syscall argument by kind, as strace prints it: integers,
 * pointers, fds (with their path under -y), flag sets, modes and signal
 * sets. The strings read from the tracee are in args_str.c, the struct
 * printers in structs.c; print_arg() dispatches to all three.
 *
 * Memory is read as strace reads it (snare__mem_peek(): process_vm_readv,
 * which refuses PROT_NONE pages); when the process is NULL or the read
 * fails, strace's rule applies: the pointer is printed as an address.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "print.h"

bool
read_mem(struct fmt *f, void *out, uint64_t addr, size_t len)
{
	if (!f->p || !addr)
		return false;
	return snare__mem_peek(out, f->p, addr, len) == 0;
}

bool
is_error(const struct fmt *f)
{
	return f->exiting && !f->rv_success && f->rv < 0 && f->rv >= -4095;
}

void
print_ptr(struct fmt *f, uint64_t addr)
{
	if (!addr)
		pb_puts(f->b, "NULL");
	else
		pb_printf(f->b, "%#llx", (unsigned long long)addr);
}

void
print_octal(struct pbuf *b, uint64_t v)
{
	pb_printf(b, "%#03llo", (unsigned long long)v);
}

static const struct xlat_data mode_type_data[] = {
	XLAT(S_IFREG), XLAT(S_IFSOCK), XLAT(S_IFIFO), XLAT(S_IFLNK),
	XLAT(S_IFDIR), XLAT(S_IFBLK), XLAT(S_IFCHR),
};
static const struct xlat mode_types = { mode_type_data,
					ARRAY_SIZE(mode_type_data), NULL };

static void print_mode_names(struct pbuf *b, const char *type, unsigned mode);

void
print_mode_t(struct pbuf *b, unsigned mode)
{
	const char *type = xlat_name(&mode_types, mode & S_IFMT);
	int saved;

	/* A type without a name: the whole mode in octal, as strace
	   (whatever -X). */
	if (!type && (mode & S_IFMT)) {
		print_octal(b, mode);
		return;
	}
	if (xstyle_begin(b, mode, 8, &saved))
		print_mode_names(b, type, mode);
	xstyle_end(b, saved);
}

void
print_dev(struct pbuf *b, uint64_t dev)
{
	int saved;

	if (xstyle_begin(b, dev, 16, &saved))
		pb_printf(b, "makedev(%#x, %#x)", major((dev_t)dev),
			  minor((dev_t)dev));
	xstyle_end(b, saved);
}

static void
print_mode_names(struct pbuf *b, const char *type, unsigned mode)
{
	if (type)
		pb_printf(b, "%s|", type);
	if (mode & S_ISUID)
		pb_puts(b, "S_ISUID|");
	if (mode & S_ISGID)
		pb_puts(b, "S_ISGID|");
	if (mode & S_ISVTX)
		pb_puts(b, "S_ISVTX|");
	print_octal(b, mode & 0777);
}

void
print_signo(struct pbuf *b, int sig)
{
	const char *name = snare_signal_name(sig);

	if (name && XSTYLE_NAMES(b))
		pb_puts(b, name);
	else if (name && b->xstyle == 2)
		pb_printf(b, "%d /* %s */", sig, name);
	else
		pb_printf(b, "%d", sig);
}

void
print_open_flags(struct pbuf *b, uint64_t v)
{
	/* Unknown bits after the access mode go without "O_???". */
	static const struct xlat named_only = { NULL, 0, NULL };
	struct xlat flags = named_only;
	int saved;

	flags.data = open_flags.data;
	flags.n = open_flags.n;
	if (xstyle_begin(b, v, 16, &saved)) {
		print_xval(b, &open_access_modes, v & 3, false);
		if (v & ~3ULL) {
			pb_putc(b, '|');
			print_flags(b, &flags, v & ~3ULL);
		}
	}
	xstyle_end(b, saved);
}

void
print_sigmask(struct pbuf *b, const uint64_t *mask, size_t nbits)
{
	size_t i, count = 0;
	bool invert, first = true;

	for (i = 0; i < nbits; i++)
		count += (mask[i / 64] >> (i % 64)) & 1;
	/* strace prints the complement when half the bits or more are set. */
	invert = count * 2 >= nbits && nbits > 0;
	if (invert)
		pb_putc(b, '~');
	pb_putc(b, '[');
	for (i = 0; i < nbits; i++) {
		bool set = (mask[i / 64] >> (i % 64)) & 1;
		const char *name;

		if (set == invert)
			continue;
		if (!first)
			pb_putc(b, ' ');
		first = false;
		name = snare_signal_name((int)i + 1);
		if (name && XSTYLE_NAMES(b))
			pb_puts(b, name + 3);
		else if (name && b->xstyle == 2)
			pb_printf(b, "%zu /* %s */", i + 1, name + 3);
		else
			pb_printf(b, "%zu", i + 1);
	}
	pb_putc(b, ']');
}

void
print_sigset(struct fmt *f, uint64_t addr, size_t size)
{
	uint64_t mask[2] = { 0, 0 };

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	/* strace decodes a set of its own size only: 8 bytes on x86_64. */
	if (size != sizeof(mask[0]) || !read_mem(f, mask, addr, size)) {
		print_ptr(f, addr);
		return;
	}
	print_sigmask(f->b, mask, size * 8);
}

/* A pointer to a signed integer of size 4 or 8: "[42]", NULL, or the
   address when it cannot be read. */
static void
print_signed_ptr(struct fmt *f, uint64_t addr, size_t size)
{
	int32_t v32;
	int64_t v64;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (size == 4 ? !read_mem(f, &v32, addr, 4) : !read_mem(f, &v64, addr, 8)) {
		print_ptr(f, addr);
		return;
	}
	pb_printf(f->b, "[%lld]", size == 4 ? (long long)v32 : (long long)v64);
}

static void
print_intptr(struct fmt *f, uint64_t addr)
{
	print_signed_ptr(f, addr, sizeof(int));
}

static void
print_int64ptr(struct fmt *f, uint64_t addr)
{
	print_signed_ptr(f, addr, sizeof(int64_t));
}

static void
print_sigptr(struct fmt *f, uint64_t addr)
{
	int sig;

	if (!read_mem(f, &sig, addr, sizeof(sig))) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	print_signo(f->b, sig);
	pb_putc(f->b, ']');
}

static void
print_fdpair(struct fmt *f, uint64_t addr)
{
	int fds[2];

	if (is_error(f) || !read_mem(f, fds, addr, sizeof(fds))) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(f->b, "[");
	print_fd(f, fds[0]);
	pb_puts(f->b, ", ");
	print_fd(f, fds[1]);
	pb_puts(f->b, "]");
}

static void
print_futex_op(struct fmt *f, uint64_t op)
{
	uint64_t cmd = op & FUTEX_CMD_MASK;
	const char *name = xlat_name(&futex_ops, cmd);
	int saved;

	/* strace names FUTEX_CLOCK_REALTIME with the waits only, and
	   FUTEX_FD's private form apart. */
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT &&
	    cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI)
		name = NULL;
	if (name && cmd == FUTEX_FD && (op & FUTEX_PRIVATE_FLAG)) {
		if (xstyle_begin(f->b, op, 16, &saved))
			pb_puts(f->b, "FUTEX_FD|FUTEX_PRIVATE_FLAG");
		xstyle_end(f->b, saved);
		return;
	}
	if (!name) {
		pb_printf(f->b, "%#llx", (unsigned long long)op);
		if (f->b->xstyle != 1)
			pb_puts(f->b, " /* FUTEX_??? */");
		return;
	}
	if (xstyle_begin(f->b, op, 16, &saved)) {
		pb_puts(f->b, name);
		if (op & FUTEX_PRIVATE_FLAG)
			pb_puts(f->b, "_PRIVATE");
		if (op & FUTEX_CLOCK_REALTIME)
			pb_puts(f->b, "|FUTEX_CLOCK_REALTIME");
	}
	xstyle_end(f->b, saved);
}

/*
 * A flag set or an enum as the kernel takes it: an int, whose upper half
 * strace drops, except for the few that are longs (mmap's and mprotect's
 * protection, mremap's flags, unshare's).
 */
static uint64_t
int_arg(const struct argspec *spec, uint64_t v)
{
	if (spec->x == &prot_flags || spec->x == &mremap_flags ||
	    spec->x == &unshare_flags)
		return v;
	return (uint32_t)v;
}

/* Which kinds print at exit, and which print at entry and finish at exit. */
static const unsigned char kind_when[A_KINDS] = {
	[A_BUF_OUT] = 1,      [A_BUF_RAND] = 1,    [A_SIGSET_OUT] = 1,
	[A_SIGACTION_OUT] = 1, [A_STAT_OUT] = 1,   [A_STATX_OUT] = 1,
	[A_TIMESPEC_OUT] = 1, [A_TIMEVAL_OUT] = 1, [A_SOCKADDR_OUT] = 1,
	[A_TIMESPEC_REM] = 1,
	[A_SOCKLEN_OUT] = 1,  [A_INTPTR_OUT] = 1,  [A_IOVEC_OUT] = 1,
	[A_RLIMIT_OUT] = 1,   [A_FDPAIR_OUT] = 1,  [A_WSTATUS_OUT] = 1,
	[A_DIRENTS_OUT] = 1,  [A_UTSNAME_OUT] = 1, [A_PATH_OUT] = 1,
	[A_PTR_OUT] = 1,      [A_SOCKOPT_OUT] = 1, [A_CLONE3] = 2,
	[A_CLONE] = 2,
	[A_OPTLEN_OUT] = 1,   [A_MSGHDR_OUT] = 1,  [A_SYSINFO_OUT] = 1,
	[A_RUSAGE_OUT] = 1,   [A_STATFS_OUT] = 1,  [A_EPOLL_EVENTS_OUT] = 1,
	[A_MMSGHDR_SENT] = 1, [A_MMSGHDR_RECV] = 1, [A_TIMESPEC_NOTED] = 1,
	[A_GIDS_OUT] = 1,     [A_CPUSET_OUT] = 1,  [A_XATTR_VAL_OUT] = 1,
	[A_XATTR_LIST_OUT] = 1, [A_ITIMERVAL_OUT] = 1, [A_ITIMERSPEC_OUT] = 1,
	[A_TMS_OUT] = 1,      [A_STACK_OUT] = 1,   [A_COMM_OUT] = 1,
	[A_SIGPTR_OUT] = 1,   [A_OFFSET_INOUT] = 2, [A_TIME_OUT] = 1,
	[A_FN_OUT] = 1,       [A_FN_SPLIT] = 2,
	[A_TERMIOS_OUT] = 1,  [A_WINSIZE_OUT] = 1,
};

bool
arg_at_exit(int kind)
{
	return kind_when[kind] == 1;
}

bool
arg_split(int kind)
{
	return kind_when[kind] == 2;
}

void
arg_note_entry(struct fmt *f, int i, const struct argspec *spec)
{
	uint64_t v = f->args[spec->arg ? spec->arg - 1 : i];

	if (f->o->raw)
		return;
	switch (spec->kind) {
	case A_SOCKLEN_OUT: note_socklen(f, v, f->args[spec->aux], false); break;
	case A_OPTLEN_OUT: note_socklen(f, v, f->args[spec->aux], true); break;
	case A_MSGHDR_OUT: note_msghdr(f, v); break;
	case A_MMSGHDR_RECV: note_mmsghdrs(f, v, f->args[spec->aux]); break;
	case A_TIMESPEC_NOTED: note_timespec(f, v); break;
	}
}

/* A structure the kernel fills in: its address when the call failed. */
static void
print_struct_out(struct fmt *f, uint64_t v,
		 void (*print)(struct fmt *f, uint64_t addr))
{
	if (is_error(f))
		print_ptr(f, v);
	else
		print(f, v);
}

void
print_arg(struct fmt *f, int i, const struct argspec *spec)
{
	int idx = spec->arg ? spec->arg - 1 : i;
	uint64_t v = f->args[idx];
	uint64_t aux = f->args[spec->aux];
	struct pbuf *b = f->b;
	uint64_t huge;
	int saved, proto;

	/* Raw, an argument is its register, printed once: at entry. */
	if (f->o->raw && (spec->kind == A_SIGRETURN ||
			  (arg_split(spec->kind) && f->exiting)))
		return;
	if (f->o->raw && spec->kind != A_CLONE) {
		pb_printf(b, v ? "%#llx" : "0", (unsigned long long)v);
		return;
	}
	switch (spec->kind) {
	case A_INT: pb_printf(b, "%d", (int)v); break;
	case A_PID: print_pid(f, (int)v); break;
	case A_TID: print_pid_as(f, (int)v, PIDK_TID); break;
	case A_PGID: print_pid_as(f, (int)v, PIDK_PGID); break;
	case A_PID_PGRP: print_pid_tgid_pgid(f, (int)v); break;
	case A_UINT: pb_printf(b, "%u", (unsigned)v); break;
	case A_LONG: pb_printf(b, "%lld", (long long)v); break;
	case A_ULONG: pb_printf(b, "%llu", (unsigned long long)v); break;
	case A_PTR: case A_PTR_OUT: print_ptr(f, v); break;
	case A_FD: print_fd(f, (int)v); break;
	case A_DIRFD: print_dirfd(f, (int)v); break;
	case A_PATH: print_path(f, v); break;
	case A_STR: print_str(f, v, -1, 0); break;
	case A_BUF_IN:
	case A_BUF_OUT:
		/* sendto's and recvfrom's messages on a netlink socket. */
		if ((f->nr == SYS_sendto || (f->nr == SYS_recvfrom &&
					     !is_error(f))) &&
		    (proto = fd_netlink_protocol(f, (int)f->args[0])) >= 0) {
			print_netlink(f, proto, v, f->nr == SYS_sendto ||
					  (spec->aux && (uint64_t)f->rv > aux) ?
					  aux : (uint64_t)f->rv);
			break;
		}
		if (spec->kind == A_BUF_IN)
			print_str(f, v, (long)aux, 0);
		/* recvfrom with MSG_TRUNC returns the datagram's length,
		   which may pass the buffer's (in args[aux] when set). */
		else if (is_error(f))
			print_ptr(f, v);
		else if (spec->aux && (uint64_t)f->rv > aux)
			print_str(f, v, (long)aux, 0);
		else
			print_str(f, v, (long)f->rv, 0);
		break;
	case A_BUF_RAND:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_str(f, v, (long)f->rv, QUOTE_FORCE_HEX);
		break;
	case A_PATH_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else if (f->nr == SYS_getcwd)
			print_path(f, v); /* whole, as strace: a path */
		else
			print_str(f, v, (long)f->rv, QUOTE_CSTRING);
		break;
	case A_FLAGS:
		v = int_arg(spec, v);
		huge = spec->x == &memfd_flags && (v & MFD_HUGETLB) ?
			       v & (KERNEL_HUGE_MASK << KERNEL_HUGE_SHIFT) : 0;
		print_flags(b, spec->x, v & ~huge);
		if (huge)
			pb_printf(b, "|%llu<<MFD_HUGE_SHIFT",
				  (unsigned long long)(huge >> KERNEL_HUGE_SHIFT));
		break;
	case A_FLAGS_U32: print_flags(b, spec->x, (uint32_t)v); break;
	case A_XVAL: print_xval(b, spec->x, int_arg(spec, v), false); break;
	case A_XVAL_INT:
		/* Named as an int (RUSAGE_CHILDREN is -1), else in hex. */
		if (xlat_name(spec->x, (uint64_t)(int64_t)(int)v))
			print_xval(b, spec->x, (uint64_t)(int64_t)(int)v, false);
		else
			print_xval(b, spec->x, (uint32_t)v, false);
		break;
	case A_XVAL_U32: print_xval(b, spec->x, (uint32_t)v, false); break;
	/* A umode_t: all 16 bits, file type included, as strace. */
	case A_OCTAL: case A_UMASK: print_octal(b, v & 0177777); break;
	case A_MODE_T: print_mode_t(b, (uint16_t)v); break; /* a umode_t */
	case A_SIG: print_signo(b, (int)v); break;
	case A_SIGSET_IN: print_sigset(f, v, (size_t)aux); break;
	case A_SIGSET_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_sigset(f, v, (size_t)aux);
		break;
	case A_SIGACTION_IN: print_sigaction(f, v); break;
	case A_SIGACTION_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_sigaction(f, v);
		break;
	case A_TERMIOS_IN: print_termios(f, v); break;
	case A_WINSIZE_IN: print_winsize(f, v); break;
	case A_TERMIOS_OUT:
	case A_WINSIZE_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else if (spec->kind == A_TERMIOS_OUT)
			print_termios(f, v);
		else
			print_winsize(f, v);
		break;
	case A_STAT_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_stat(f, v);
		break;
	case A_STATX_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_statx(f, v);
		break;
	case A_TIMESPEC_IN: print_timespec(f, v); break;
	case A_TIMESPEC_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_timespec(f, v);
		break;
	case A_TIMESPEC_REM:
		/* Written by the kernel only when a signal cut the sleep. */
		if (f->rv == -EINTR || (f->rv <= -512 && f->rv >= -516))
			print_timespec(f, v);
		else
			print_ptr(f, v);
		break;
	case A_TIMEVAL_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_timeval(f, v);
		break;
	case A_SOCKADDR_IN: print_sockaddr(f, v, (int)aux); break;
	case A_SOCKADDR_OUT: print_sockaddr_out(f, v, aux); break;
	case A_SOCKLEN_OUT: print_socklen_out(f, v, aux, false); break;
	case A_OPTLEN_OUT: print_socklen_out(f, v, aux, true); break;
	case A_INTPTR_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_intptr(f, v);
		break;
	case A_INTPTR_IN: print_intptr(f, v); break;
	case A_SOCKOPT_IN: print_setsockopt_val(f, v, aux); break;
	case A_SOCKOPT_OUT: print_getsockopt_val(f, v, aux); break;
	case A_MSGHDR_IN: print_msghdr(f, v, false); break;
	case A_MSGHDR_OUT: print_msghdr(f, v, true); break;
	case A_MMSGHDR_SENT: print_mmsghdrs_sent(f, v, aux); break;
	case A_MMSGHDR_RECV: print_mmsghdrs_received(f, v); break;
	case A_TIMESPEC_NOTED: print_timespec_noted(f, v); break;
	case A_SYSINFO_OUT: print_struct_out(f, v, print_sysinfo); break;
	case A_RUSAGE_OUT: print_struct_out(f, v, print_rusage); break;
	case A_STATFS_OUT: print_struct_out(f, v, print_statfs); break;
	case A_EPOLL_EVENT:
		if ((int)f->args[1] == EPOLL_CTL_DEL)
			print_ptr(f, v);
		else
			print_epoll_event(f, v);
		break;
	case A_EPOLL_EVENTS_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_epoll_events(f, v, (uint64_t)f->rv);
		break;
	case A_SIGRETURN: print_sigreturn(f); break;
	case A_GIDS_IN: print_gids(f, v, (uint32_t)aux); break;
	case A_GIDS_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_gids(f, v, (uint64_t)f->rv);
		break;
	case A_FDSET: print_fdset(f, v); break;
	case A_TIMEVAL_IN: print_timeval(f, v); break;
	case A_PSELECT_SIGMASK: print_pselect_sigmask(f, v); break;
	case A_CPUSET_IN: print_cpuset(f, v, (uint32_t)aux); break;
	case A_CPUSET_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_cpuset(f, v, (uint64_t)f->rv);
		break;
	case A_XATTR_VAL_IN: print_xattr_value(f, v, aux); break;
	case A_XATTR_VAL_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_xattr_value(f, v, (uint64_t)f->rv);
		break;
	case A_ITIMERVAL_IN: print_itimer(f, v, false); break;
	case A_ITIMERSPEC_IN: print_itimer(f, v, true); break;
	case A_ITIMERVAL_OUT: case A_ITIMERSPEC_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_itimer(f, v, spec->kind == A_ITIMERSPEC_OUT);
		break;
	case A_TMS_OUT: print_struct_out(f, v, print_tms); break;
	case A_STACK_IN: print_stack_t(f, v); break;
	case A_STACK_OUT: print_struct_out(f, v, print_stack_t); break;
	case A_INT64PTR_IN: print_int64ptr(f, v); break;
	case A_UTIMENS: print_utimens(f, v); break;
	case A_SIGEVENT: print_sigevent(f, v); break;
	case A_OFFSET_INOUT:
		/* The offset the kernel moved, when it moved it; unsigned,
		   as strace prints it. */
		if (!f->exiting) {
			uint64_t off;

			if (!v)
				pb_puts(b, "NULL");
			else if (!read_mem(f, &off, v, sizeof(off)))
				print_ptr(f, v);
			else
				pb_printf(b, "[%llu]", (unsigned long long)off);
		} else if (!is_error(f) && f->rv && v) {
			uint64_t off;

			if (read_mem(f, &off, v, sizeof(off)))
				pb_printf(b, " => [%llu]", (unsigned long long)off);
		}
		break;
	case A_TIME_OUT:
		if (is_error(f)) {
			print_ptr(f, v);
		} else if (v) {
			int64_t t;
			char date[96];

			if (!read_mem(f, &t, v, sizeof(t))) {
				print_ptr(f, v);
				break;
			}
			pb_printf(b, "[%lld", (long long)t);
			if (format_date(date, sizeof(date), t))
				pb_printf(b, " /* %s */", date);
			pb_putc(b, ']');
		} else {
			pb_puts(b, "NULL");
		}
		break;
	case A_IOPRIO: print_ioprio(b, v); break;
	case A_DEV: print_dev(b, (uint32_t)v); break; /* an unsigned int */
	case A_COMM: print_task_comm(f, v); break;
	case A_COMM_OUT: print_struct_out(f, v, print_task_comm); break;
	case A_SIGPTR_OUT: print_struct_out(f, v, print_sigptr); break;
	case A_UTIMES: print_utimes(f, v); break;
	case A_UTIMBUF: print_utimbuf(f, v); break;
	case A_XATTR_LIST_OUT:
		/* A size of 0 asks for the size: nothing is written. */
		if (is_error(f) || !f->args[idx + 1])
			print_ptr(f, v);
		else
			print_str(f, v, (long)f->rv, 0);
		break;
	case A_IOVEC_IN: print_iovec(f, v, aux, false); break;
	case A_IOVEC_OUT: print_iovec(f, v, aux, true); break;
	case A_RLIMIT_IN: print_rlimit(f, v); break;
	case A_RLIMIT_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_rlimit(f, v);
		break;
	case A_POLLFD: print_pollfds(f, v, aux, false); break;
	case A_FDPAIR_OUT: print_fdpair(f, v); break;
	case A_ARGV: print_argv(f, v); break;
	case A_ENVP: print_envp(f, v); break;
	case A_WSTATUS_OUT:
		if (is_error(f) || f->rv == 0)
			print_ptr(f, v);
		else
			print_wstatus(f, v);
		break;
	case A_DIRENTS_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_dirents(f, v);
		break;
	case A_UTSNAME_OUT:
		if (is_error(f))
			print_ptr(f, v);
		else
			print_utsname(f, v);
		break;
	case A_OPEN_FLAGS:
		/* an int: strace drops the upper half */
		print_open_flags(b, (uint32_t)v);
		break;
	case A_MMAP_FLAGS:
		/* A huge page size is a number, shown last as strace does. */
		huge = v & MAP_HUGETLB ?
			       v & (KERNEL_HUGE_MASK << KERNEL_HUGE_SHIFT) : 0;
		if (xstyle_begin(b, v, 16, &saved)) {
			const char *type = xlat_name(&mmap_flags, v & 0xf);

			v &= ~huge;
			/* An unknown type keeps its comment, even inside
			   -X verbose's. */
			if (type)
				pb_puts(b, type);
			else
				pb_printf(b, "%#llx /* MAP_??? */",
					  (unsigned long long)(v & 0xf));
			if (v & ~0xfULL) {
				pb_putc(b, '|');
				print_flags(b, &mmap_flags, v & ~0xfULL);
			}
			if (huge)
				pb_printf(b, "|%llu<<MAP_HUGE_SHIFT",
					  (unsigned long long)(huge >>
							       KERNEL_HUGE_SHIFT));
		}
		xstyle_end(b, saved);
		break;
	case A_STATX_FLAGS:
		v = (uint32_t)v;
		/* strace 6.1 under -X raw leaves a sync type of 0 out:
		   "|0x100". */
		if (b->xstyle != 1 || (v & AT_STATX_SYNC_TYPE) ||
		    !(v & ~(uint64_t)AT_STATX_SYNC_TYPE))
			print_flags(b, &at_statx_sync, v & AT_STATX_SYNC_TYPE);
		if (v & ~(uint64_t)AT_STATX_SYNC_TYPE) {
			pb_putc(b, '|');
			print_flags(b, &at_flags, v & ~(uint64_t)AT_STATX_SYNC_TYPE);
		}
		break;
	case A_SOCK_TYPE:
		v = (uint32_t)v;
		print_xval(b, &sock_types, v & 0xf, false);
		if (v & ~0xfULL) {
			pb_putc(b, '|');
			print_flags(b, &sock_type_flags, v & ~0xfULL);
		}
		break;
	case A_FUTEX_OP: print_futex_op(f, v); break;
	case A_FUTEX_VAL3:
		if ((uint32_t)v == FUTEX_BITSET_MATCH_ANY)
			pb_puts(b, "FUTEX_BITSET_MATCH_ANY");
		else
			pb_printf(b, "%#x", (unsigned)v);
		break;
	case A_CLONE: print_clone(f); break;
	case A_CLONE3: print_clone3(f, v, f->exiting); break;
	case A_FN: case A_FN_OUT: case A_FN_SPLIT: spec->fn(f, v, idx); break;
	case A_HEX:
	default:
		pb_printf(b, v ? "%#llx" : "0", (unsigned long long)v);
		break;
	}
}
