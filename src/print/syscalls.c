/* SPDX-License-Identifier: MIT */
/*
 * syscalls.c: snare_format_syscall_enter() and snare_format_syscall_exit(),
 * strace's two halves of a syscall line, driven by the table in sysent.c.
 *
 * The entry half prints "name(" and the arguments up to the first one the
 * kernel fills in; the exit half prints the rest, ") = " and the return
 * value: a number (hex for mmap and brk, octal for umask), an fd (with its
 * path under -y), "-1 ENOENT (No such file or directory)" for an error, "?
 * ERESTARTSYS (To be restarted if SA_RESTART is set)" for a syscall the
 * kernel restarts, plus what strace appends for fcntl and poll. exit and
 * exit_group never return, so their entry half is the whole line
 * ("exit_group(0) = ?") and their exit half is empty.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "print.h"

static const snare_format_opts default_opts = SNARE_FORMAT_OPTS_INIT;

/* The size of each version of snare_format_opts (see core/abi.c). */
static const size_t format_opts_sizes[] = {
	offsetof(snare_format_opts, xlat_style), /* 1 */
	offsetof(snare_format_opts, decode_fds), /* 2: xlat_style, decode_pids */
	sizeof(snare_format_opts),               /* 3: decode_fds, terse */
};
_Static_assert(SNARE_OPTS_NVERSIONS(format_opts_sizes) ==
		       SNARE_FORMAT_OPTS_VERSION,
	       "one size per version");

bool
fmt_set_opts(struct fmt *f, const snare_format_opts *opts)
{
	char msg[128];

	f->o = &f->opts;
	if (!opts) {
		f->opts = default_opts;
		return true;
	}
	if (SNARE_OPTS_IMPORT(&f->opts, opts, &default_opts, format_opts_sizes,
			      "format", msg, sizeof(msg)) == 0) {
		if (f->opts.decode_fds & ~SNARE_DECODE_FDS_ALL) {
			snprintf(msg, sizeof(msg),
				 "format options: bad decode_fds %#x",
				 (unsigned)f->opts.decode_fds);
		} else if (f->opts.xlat_style >= 0 &&
			   f->opts.xlat_style <= 2) {
			f->b->xstyle = f->opts.xlat_style;
			return true;
		} else {
			snprintf(msg, sizeof(msg),
				 "format options: bad xlat_style %d",
				 f->opts.xlat_style);
		}
	}
	f->opts = default_opts;
	pb_printf(f->b, "<%s>", msg);
	return false;
}

/* The kernel's restart codes (include/linux/errno.h): not errors yet. */
#define ERESTARTSYS 512
#define ERESTART_RESTARTBLOCK 516

/* The argument kinds of one call, after the row's fixup. */
static int
call_specs(const struct fmt *f, struct argspec *a)
{
	const struct sysent *row = sysent_get(f->nr);
	int nargs, i;

	if (!row) {
		/* strace prints all six registers of an unknown syscall. */
		for (i = 0; i < 6; i++)
			a[i] = (struct argspec){ .kind = A_HEX };
		return 6;
	}
	nargs = row->nargs;
	memcpy(a, row->a, sizeof(row->a));
	/* Raw, every argument the table counts, as strace's printargs(). */
	if (row->fixup && !f->o->raw)
		row->fixup(f, &nargs, a);
	return nargs;
}

static void
print_name(struct fmt *f)
{
	const char *name = snare_syscall_name(f->nr);

	if (name && sysent_get(f->nr))
		pb_puts(f->b, name);
	else
		pb_printf(f->b, "syscall_%#lx", (unsigned long)f->nr);
}

static void
print_errno(struct fmt *f, int err)
{
	const char *name = snare__errno_name(err);
	const char *msg = snare__errno_msg(err);
	bool restart = err >= ERESTARTSYS && err <= ERESTART_RESTARTBLOCK;

	pb_puts(f->b, restart ? "? " : "-1 ");
	if (name)
		pb_puts(f->b, name);
	else
		pb_printf(f->b, "%d", err);
	if (msg)
		pb_printf(f->b, " (%s)", msg);
	else
		pb_printf(f->b, " (Unknown error %d)", err);
}

/* fcntl's return value, as strace decorates it for the F_GET* commands. */
static void
print_fcntl_rv(struct fmt *f)
{
	if (print_fcntl_rv_more(f))
		return;
	switch ((int)f->args[1]) {
	case F_GETFL:
		pb_printf(f->b, "%#llx (flags ", (unsigned long long)f->rv);
		print_xval(f->b, &open_access_modes, f->rv & 3, false);
		if (f->rv & ~3LL) {
			pb_putc(f->b, '|');
			print_flags(f->b, &open_flags, (uint64_t)f->rv & ~3ULL);
		}
		pb_putc(f->b, ')');
		break;
	case F_GETFD:
		if (f->rv == 0) {
			pb_putc(f->b, '0');
			break;
		}
		pb_printf(f->b, "%#llx (flags ", (unsigned long long)f->rv);
		print_flags(f->b, &fd_flags, (uint64_t)f->rv);
		pb_putc(f->b, ')');
		break;
	case F_DUPFD: case F_DUPFD_CLOEXEC:
		print_fd(f, (int)f->rv);
		break;
	case F_GETOWN:
		/* A process (> 0) or a group (< 0). */
		if ((int)f->rv > 0)
			print_pid(f, (int)f->rv);
		else
			print_pid_as(f, (int)f->rv, PIDK_PGID);
		break;
	default:
		pb_printf(f->b, "%lld", (long long)f->rv);
		break;
	}
}

static void
print_retval(struct fmt *f, int rv_kind)
{
	int64_t rv = f->rv;

	pb_puts(f->b, " = ");
	if (f->o->raw && !is_error(f)) {
		pb_printf(f->b, "%#llx", (unsigned long long)rv);
		return;
	}
	if (is_error(f)) {
		print_errno(f, (int)-rv);
		return;
	}
	switch (rv_kind) {
	case RV_HEX:
		pb_printf(f->b, rv ? "%#llx" : "0", (unsigned long long)rv);
		break;
	case RV_OCTAL:
		print_octal(f->b, (uint64_t)rv);
		break;
	case RV_FD:
		print_fd(f, (int)rv);
		break;
	case RV_UDEC:
		pb_printf(f->b, "%llu", (unsigned long long)rv);
		break;
	case RV_FCNTL:
		print_fcntl_rv(f);
		break;
	case RV_POLL:
		pb_printf(f->b, "%lld", (long long)rv);
		if (rv == 0) {
			pb_puts(f->b, " (Timeout)");
		} else if (rv > 0) {
			pb_puts(f->b, " (");
			print_pollfds(f, f->args[0], f->args[1], true);
			/* ppoll: the time the kernel left. */
			if (f->nr == SYS_ppoll && f->args[2]) {
				pb_puts(f->b, ", left ");
				print_timespec(f, f->args[2]);
			}
			pb_putc(f->b, ')');
		}
		break;
	case RV_RECVMMSG:
		/* The timeout the kernel left, as strace appends it. */
		pb_printf(f->b, "%lld", (long long)rv);
		if (rv == 0) {
			pb_puts(f->b, " (Timeout)");
		} else if (f->args[4] && !f->o->terse) {
			pb_puts(f->b, " (left ");
			print_timespec(f, f->args[4]);
			pb_putc(f->b, ')');
		}
		break;
	case RV_SCHED_POLICY: {
		const char *name = xlat_name(&sched_policies, (uint64_t)rv);

		pb_printf(f->b, "%lld", (long long)rv);
		if (name)
			pb_printf(f->b, " (%s)", name);
		break;
	}
	case RV_TIME: {
		char date[96];

		pb_printf(f->b, "%lld", (long long)rv);
		if (format_date(date, sizeof(date), rv))
			pb_printf(f->b, " (%s)", date);
		break;
	}
	case RV_IOPRIO:
		pb_printf(f->b, "%lld", (long long)rv);
		if (f->b->xstyle == 1) /* the number only */
			break;
		pb_puts(f->b, " (");
		print_ioprio_value(f->b, (uint64_t)rv);
		pb_putc(f->b, ')');
		break;
	case RV_SELECT:
		print_select_ready(f);
		break;
	case RV_FN:
		print_rv_fn(f);
		break;
	case RV_PID:
		print_pid(f, (int)rv);
		break;
	case RV_TID:
		print_pid_as(f, (int)rv, PIDK_TID);
		break;
	case RV_PGID:
		print_pid_as(f, (int)rv, PIDK_PGID);
		break;
	case RV_SID:
		print_pid_as(f, (int)rv, PIDK_SID);
		break;
	case RV_NONE:
		pb_putc(f->b, '?');
		break;
	default:
		/* strace prints a return value unsigned unless told: only
		   an injected one (an error's value otherwise) shows it. */
		if (f->rv_success)
			pb_printf(f->b, "%llu", (unsigned long long)rv);
		else
			pb_printf(f->b, "%lld", (long long)rv);
		break;
	}
}

static bool
fmt_init(struct fmt *f, struct pbuf *b, snare_proc *p, long nr,
	 const uint64_t args[6], const snare_format_opts *opts)
{
	memset(f, 0, sizeof(*f));
	f->b = b;
	f->p = p;
	f->nr = nr;
	f->args = args;
	return fmt_set_opts(f, opts);
}

static bool
never_returns(long nr)
{
	return nr == SYS_exit || nr == SYS_exit_group;
}

SNARE_EXPORT size_t
snare_format_syscall_enter(char *buf, size_t cap, snare_proc *p, long nr,
			   const uint64_t args[6],
			   const snare_format_opts *opts)
{
	struct argspec a[6];
	struct pbuf b;
	struct fmt f;
	int nargs, i;

	pb_init(&b, buf, cap);
	if (!fmt_init(&f, &b, p, nr, args, opts))
		return b.len;
	notes_sweep(&f);
	nargs = call_specs(&f, a);
	print_name(&f);
	pb_putc(&b, '(');
	for (i = 0; i < nargs; i++) {
		if (arg_at_exit(a[i].kind))
			break;
		if (i)
			pb_puts(&b, ", ");
		print_arg(&f, i, &a[i]);
		if (arg_split(a[i].kind))
			break;
	}
	/* What the exit half needs from before the kernel writes. */
	for (; i < nargs; i++)
		arg_note_entry(&f, i, &a[i]);
	if (never_returns(nr))
		pb_puts(&b, ") = ?");
	return b.len;
}

SNARE_EXPORT size_t
snare_format_syscall_unfinished(char *buf, size_t cap, long nr,
				const uint64_t args[6],
				const snare_format_opts *opts)
{
	struct argspec a[6];
	struct pbuf b;
	struct fmt f;
	int nargs, i;

	pb_init(&b, buf, cap);
	if (never_returns(nr))
		return 0;
	fmt_init(&f, &b, NULL, nr, args, opts);
	nargs = call_specs(&f, a);
	/* strace's entry half ends with ", " when the next argument is the
	   kernel's to fill; after a split one ("{...} => {...}") it ends
	   with the argument itself. */
	for (i = 0; i < nargs; i++) {
		if (arg_split(a[i].kind))
			break;
		if (arg_at_exit(a[i].kind)) {
			if (i)
				pb_puts(&b, ", ");
			break;
		}
	}
	return b.len;
}

static size_t
format_exit(char *buf, size_t cap, snare_proc *p, long nr,
	    const uint64_t args[6], int64_t retval, bool success,
	    const snare_format_opts *opts)
{
	const struct sysent *row = sysent_get(nr);
	struct argspec a[6];
	struct pbuf b;
	struct fmt f;
	int nargs, i;

	pb_init(&b, buf, cap);
	if (never_returns(nr))
		return 0;
	if (!fmt_init(&f, &b, p, nr, args, opts))
		return b.len;
	f.exiting = true;
	f.rv = retval;
	f.rv_success = success;
	nargs = call_specs(&f, a);
	/* Skip what the entry half printed. */
	for (i = 0; i < nargs; i++) {
		if (arg_at_exit(a[i].kind))
			break;
		if (arg_split(a[i].kind)) {
			print_arg(&f, i, &a[i]);
			i++;
			break;
		}
	}
	for (; i < nargs; i++) {
		if (i)
			pb_puts(&b, ", ");
		print_arg(&f, i, &a[i]);
	}
	pb_putc(&b, ')');
	print_retval(&f, row ? row->rv : RV_DEC);
	return b.len;
}

SNARE_EXPORT size_t
snare_format_syscall_exit(char *buf, size_t cap, snare_proc *p, long nr,
			  const uint64_t args[6], int64_t retval,
			  const snare_format_opts *opts)
{
	return format_exit(buf, cap, p, nr, args, retval, false, opts);
}

SNARE_EXPORT size_t
snare_format_syscall_exit_success(char *buf, size_t cap, snare_proc *p,
				  long nr, const uint64_t args[6],
				  int64_t retval, const snare_format_opts *opts)
{
	return format_exit(buf, cap, p, nr, args, retval, true, opts);
}
