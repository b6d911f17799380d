/* SPDX-License-Identifier: MIT */
/*
 * sys_misc.c: small argument printers that follow one detail of strace
 * 6.1's decoders: the width of an argument (an unsigned int whose upper
 * half strace drops), user and group ids (-1, else unsigned), the
 * pidfd calls, and a few arrays (rt_sigpending's set of any size up to
 * 8 bytes, mincore's vector).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
/* linux/pidfd.h pulls in the kernel's fcntl.h, which clashes with glibc's. */
#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif
#include <stdlib.h>
#include <unistd.h>

#include "decoders.h"

XLAT_TABLE(pidfd_open_flags, "PIDFD_???", XLAT(PIDFD_NONBLOCK));
/* strace prints memfd_secret's unknown bits without a comment. */
XLAT_TABLE(memfd_secret_flags, NULL, XLAT(O_CLOEXEC));

/* A uid_t or gid_t: -1 (unchanged) or unsigned. */
void
print_uid(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)v == UINT32_MAX)
		pb_puts(f->b, "-1");
	else
		pb_printf(f->b, "%u", (unsigned)v);
}

void
print_pidfd_open_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &pidfd_open_flags, (uint32_t)v);
}

void
print_memfd_secret_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &memfd_secret_flags, (uint32_t)v);
}

/* pidfd_getfd's targetfd is an fd of the process the pidfd names. */
void
print_pidfd_target_fd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_fd_of(f, pidfd_pid(f, (int)f->args[0]), (int)v);
}

/* sethostname: the name when its length fits a utsname field. */
void
print_hostname(struct fmt *f, uint64_t v, int i)
{
	uint32_t len = (uint32_t)f->args[1];

	(void)i;
	if (len > 64)
		print_ptr(f, v);
	else
		print_str(f, v, (long)len, 0);
}

void
print_u32_dec(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	pb_printf(f->b, "%u", (unsigned)v);
}

/* rt_sigpending accepts a set of 1 to 8 bytes, and strace shows it. */
void
print_sigpending_set(struct fmt *f, uint64_t v, int i)
{
	uint64_t mask[2] = { 0, 0 };
	uint64_t len = f->args[1];

	(void)i;
	if (is_error(f) || len < 1 || len > sizeof(mask[0]) ||
	    !read_mem(f, mask, v, (size_t)len)) {
		print_ptr(f, v);
		return;
	}
	print_sigmask(f->b, mask, (size_t)len * 8);
}

static bool
print_mincore_elem(struct fmt *f, const void *elem, void *data)
{
	(void)data;
	pb_printf(f->b, "%u", *(const unsigned char *)elem & 1u);
	return true;
}

/* mincore's vector: one byte per page of the range, at exit. */
void
print_mincore_vec(struct fmt *f, uint64_t v, int i)
{
	uint64_t len = f->args[1];
	long page = sysconf(_SC_PAGESIZE);
	uint64_t psz = page > 0 ? (uint64_t)page : 4096;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	print_array(f, v, len / psz + (len % psz ? 1 : 0), 1,
		    print_mincore_elem, NULL);
}

/* wait4's rusage: filled only when a child was reaped. */
void
print_wait4_rusage(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (f->rv > 0)
		print_rusage(f, v);
	else
		print_ptr(f, v);
}

/* gettimeofday's struct timezone, at exit. */
void
print_timezone_out(struct fmt *f, uint64_t v, int i)
{
	if (is_error(f))
		print_ptr(f, v);
	else
		print_timezone(f, v, i);
}

/*
 * The part of a caller's struct beyond what the kernel headers here
 * know (bytes start..total-1 at addr, total at most a page): nothing
 * when it is all zeros, else ", /- bytes 24..31 -/ "\x80..."" in hex cut
 * at strsize, or ", ???" when it cannot be read. Returns whether it
 * printed. The separator is sep (", " or " => {").
 */
bool
print_nonzero_tail(struct fmt *f, const char *sep, uint64_t addr,
		   uint64_t start, uint64_t total)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *tail;
	size_t len, i;
	bool zero = true;

	if (page > 0 && total > (uint64_t)page)
		total = (uint64_t)page;
	if (start >= total)
		return false;
	len = (size_t)(total - start);
	tail = malloc(len);
	if (!tail || !read_mem(f, tail, addr + start, len)) {
		free(tail);
		pb_puts(f->b, sep);
		pb_puts(f->b, "???");
		return true;
	}
	for (i = 0; i < len && zero; i++)
		zero = !tail[i];
	if (!zero) {
		pb_puts(f->b, sep);
		pb_printf(f->b, "/* bytes %llu..%llu */ ",
			  (unsigned long long)start,
			  (unsigned long long)total - 1);
		pb_quote(f->b, tail, len < max ? len : max, 2, 0);
		if (len > max)
			pb_puts(f->b, "...");
	}
	free(tail);
	return !zero;
}

/* struct clone_args (include/uapi/linux/sched.h), up to version 2. */
struct clone_args_v2 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_MIN 64 /* version 0: up to tls */
#define KERNEL_CLONE_CLEAR_SIGHAND 0x100000000ULL
#define KERNEL_CLONE_INTO_CGROUP 0x200000000ULL

/* clone's flags and clone3's own two, which do not fit clone's int. */
static void
print_clone3_flags(struct pbuf *b, uint64_t v)
{
	struct xlat_data data[72];
	struct xlat x = { data, 0, "CLONE_???" };
	size_t i;

	for (i = 0; i < clone_flags.n && i < ARRAY_SIZE(data) - 3; i++)
		data[x.n++] = clone_flags.data[i];
	/* CLONE_NEWTIME is a bit of clone's exit signal, so in clone3 only. */
	data[x.n++] = (struct xlat_data)XLAT_PAIR(0x80, "CLONE_NEWTIME");
	data[x.n++] = (struct xlat_data)XLAT_PAIR(KERNEL_CLONE_CLEAR_SIGHAND,
						  "CLONE_CLEAR_SIGHAND");
	data[x.n++] = (struct xlat_data)XLAT_PAIR(KERNEL_CLONE_INTO_CGROUP,
						  "CLONE_INTO_CGROUP");
	print_flags(b, &x, v);
}

/* [42] for an int the kernel wrote at addr; NULL; the address. */
static void
print_int_out(struct fmt *f, uint64_t addr, bool fd)
{
	int v;

	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	if (fd)
		print_fd(f, v);
	else
		pb_printf(f->b, "%d", v);
	pb_putc(f->b, ']');
}

/*
 * x86_64 clone(flags, stack, parent_tid, child_tid, tls), as strace: at
 * entry the stack and the flags; what the kernel writes through
 * parent_tid (CLONE_PARENT_SETTID: the child's id; CLONE_PIDFD: a pidfd)
 * is read at exit, "parent_tid=[42]", so the rest follows it there. Raw
 * (-e raw=clone), everything at entry.
 */
void
print_clone(struct fmt *f)
{
	uint64_t flags = f->args[0];
	bool later = (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) &&
		     !f->o->raw;

	if (!f->exiting) {
		pb_puts(f->b, "child_stack=");
		print_ptr(f, f->args[1]);
		pb_puts(f->b, ", flags=");
		print_clone_flags(f->b, flags);
		if (later)
			return;
		if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
			pb_puts(f->b, ", parent_tid=");
			print_ptr(f, f->args[2]);
		}
	} else if (!later) {
		return;
	} else {
		pb_puts(f->b, ", parent_tid=");
		if (is_error(f))
			print_ptr(f, f->args[2]);
		else
			print_int_out(f, f->args[2],
				      (flags & CLONE_PIDFD) != 0);
	}
	if (flags & CLONE_SETTLS) {
		pb_puts(f->b, ", tls=");
		print_ptr(f, f->args[4]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		pb_puts(f->b, ", child_tidptr=");
		print_ptr(f, f->args[3]);
	}
}

/*
 * clone3's struct at entry, as strace: the fields a flag asks for, set_tid
 * and cgroup when given, the bytes beyond version 2 when not zero. At
 * exit, what the kernel wrote: " => {pidfd=[5], parent_tid=[42]}", and
 * the tail again.
 */
void
print_clone3(struct fmt *f, uint64_t addr, bool exiting)
{
	struct clone_args_v2 ca;
	struct pbuf *b = f->b;
	uint64_t size = f->args[1];
	size_t fetch = size < sizeof(ca) ? (size_t)size : sizeof(ca);
	const char *sep = " => {";

	memset(&ca, 0, sizeof(ca));
	if (exiting) {
		if (is_error(f) || fetch < CLONE_ARGS_MIN)
			return;
		/* Unreadable now: it was at entry too, most likely, when
		   strace printed the address and nothing at exit. */
		if (!read_mem(f, &ca, addr, fetch))
			return;
		if (ca.flags & CLONE_PIDFD) {
			pb_printf(b, "%spidfd=", sep);
			print_int_out(f, ca.pidfd, true);
			sep = ", ";
		}
		if (ca.flags & CLONE_PARENT_SETTID) {
			pb_printf(b, "%sparent_tid=", sep);
			print_int_out(f, ca.parent_tid, false);
			sep = ", ";
		}
		if (size > fetch && print_nonzero_tail(f, sep, addr, fetch, size))
			sep = ", ";
		if (sep[0] == ',')
			pb_putc(b, '}');
		return;
	}
	if (fetch < CLONE_ARGS_MIN) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, &ca, addr, fetch))
		return;
	pb_puts(b, "{flags=");
	print_clone3_flags(b, ca.flags);
	if (ca.flags & CLONE_PIDFD) {
		pb_puts(b, ", pidfd=");
		print_ptr(f, ca.pidfd);
	}
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		pb_puts(b, ", child_tid=");
		print_ptr(f, ca.child_tid);
	}
	if (ca.flags & CLONE_PARENT_SETTID) {
		pb_puts(b, ", parent_tid=");
		print_ptr(f, ca.parent_tid);
	}
	pb_puts(b, ", exit_signal=");
	if (ca.exit_signal < INT_MAX)
		print_signo(b, (int)ca.exit_signal);
	else
		pb_printf(b, "%llu", (unsigned long long)ca.exit_signal);
	pb_puts(b, ", stack=");
	print_ptr(f, ca.stack);
	pb_printf(b, ", stack_size=%#llx", (unsigned long long)ca.stack_size);
	if (ca.flags & CLONE_SETTLS) {
		pb_puts(b, ", tls=");
		print_ptr(f, ca.tls);
	}
	if (ca.set_tid || ca.set_tid_size) {
		pb_puts(b, ", set_tid=");
		if (!ca.set_tid || !ca.set_tid_size || ca.set_tid_size > 32)
			print_ptr(f, ca.set_tid);
		else
			print_array(f, ca.set_tid, ca.set_tid_size, sizeof(int),
				    print_elem_int, NULL);
		pb_printf(b, ", set_tid_size=%llu",
			  (unsigned long long)ca.set_tid_size);
	}
	if (fetch > offsetof(struct clone_args_v2, cgroup) &&
	    (ca.cgroup || (ca.flags & KERNEL_CLONE_INTO_CGROUP)))
		pb_printf(b, ", cgroup=%llu", (unsigned long long)ca.cgroup);
	if (size > fetch)
		print_nonzero_tail(f, ", ", addr, fetch, size);
	pb_putc(b, '}');
}

/* personality: the persona in the low byte, flags above it. */
XLAT_TABLE(personas, "PER_???", XLAT_PAIR(0, "PER_LINUX"),
	   XLAT_PAIR(6, "PER_BSD"), XLAT_PAIR(8, "PER_LINUX32"),
	   XLAT_PAIR(0xc, "PER_RISCOS"), XLAT_PAIR(0xf, "PER_OSF4"),
	   XLAT_PAIR(0x10, "PER_HPUX"));
XLAT_TABLE(persona_flags, NULL, XLAT_PAIR(0x0020000, "UNAME26"),
	   XLAT_PAIR(0x0040000, "ADDR_NO_RANDOMIZE"),
	   XLAT_PAIR(0x0080000, "FDPIC_FUNCPTRS"),
	   XLAT_PAIR(0x0100000, "MMAP_PAGE_ZERO"),
	   XLAT_PAIR(0x0200000, "ADDR_COMPAT_LAYOUT"),
	   XLAT_PAIR(0x0400000, "READ_IMPLIES_EXEC"),
	   XLAT_PAIR(0x0800000, "ADDR_LIMIT_32BIT"),
	   XLAT_PAIR(0x1000000, "SHORT_INODE"),
	   XLAT_PAIR(0x2000000, "WHOLE_SECONDS"),
	   XLAT_PAIR(0x4000000, "STICKY_TIMEOUTS"),
	   XLAT_PAIR(0x8000000, "ADDR_LIMIT_3GB"));

static void
print_persona(struct pbuf *b, uint32_t v)
{
	print_xval(b, &personas, v & 0xff, false);
	if (v & ~0xffu) {
		pb_putc(b, '|');
		print_flags(b, &persona_flags, v & ~0xffu);
	}
}

/* _sysctl's struct __sysctl_args (linux/sysctl.h), its pointers as
   addresses, as strace 6.1 shows it. */
void
print_sysctl_args(struct fmt *f, uint64_t v, int i)
{
	struct {
		uint64_t name;
		int32_t nlen, pad;
		uint64_t oldval, oldlenp, newval, newlen, unused[4];
	} a;

	(void)i;
	if (!read_or_addr(f, &a, v, sizeof(a)))
		return;
	pb_puts(f->b, "{name=");
	print_ptr(f, a.name);
	pb_printf(f->b, ", nlen=%d, oldval=", a.nlen);
	print_ptr(f, a.oldval);
	pb_puts(f->b, ", oldlenp=");
	print_ptr(f, a.oldlenp);
	pb_puts(f->b, ", newval=");
	print_ptr(f, a.newval);
	pb_printf(f->b, ", newlen=%llu}", (unsigned long long)a.newlen);
}

void
print_personality(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)v == UINT32_MAX)
		pb_puts(f->b, "0xffffffff"); /* a query */
	else
		print_persona(f->b, (uint32_t)v);
}

/* The previous personality: in hex, then decoded. */
void
rv_personality(struct fmt *f)
{
	pb_printf(f->b, f->rv ? "%#llx (" : "%lld (", (long long)f->rv);
	print_persona(f->b, (uint32_t)f->rv);
	pb_putc(f->b, ')');
}

/* sendfile's offset, unsigned: [3] at entry, " => [13]" when it moved. */
void
print_sendfile_offset(struct fmt *f, uint64_t v, int i)
{
	uint64_t off;

	(void)i;
	if (!f->exiting) {
		if (read_or_addr(f, &off, v, sizeof(off)))
			pb_printf(f->b, "[%llu]", (unsigned long long)off);
	} else if (!is_error(f) && f->rv && v &&
		   read_mem(f, &off, v, sizeof(off))) {
		pb_printf(f->b, " => [%llu]", (unsigned long long)off);
	}
}

/* memfd_create's name: at most 249 bytes and its NUL (MFD_NAME_MAX_LEN). */
void
print_memfd_name(struct fmt *f, uint64_t v, int i)
{
	enum { MAXLEN = 250 };
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	char name[MAXLEN + 1];
	ssize_t n;

	(void)i;
	if (!v) {
		pb_puts(f->b, "NULL");
		return;
	}
	/* Stopped by a fault before a NUL: the address, as strace. */
	n = f->p ? snare__mem_peek_str(name, sizeof(name), f->p, v) : -1;
	if (n < 0) {
		print_ptr(f, v);
		return;
	}
	pb_quote(f->b, (const unsigned char *)name,
		 (size_t)n < max ? (size_t)n : max, f->o->xflag, 0);
	if ((size_t)n > max || n == MAXLEN)
		pb_puts(f->b, "...");
}

/* memfd_create's flags, a huge page size as "30<<MFD_HUGE_SHIFT". */
void
print_memfd_create_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t flags = (uint32_t)v, huge;
	struct pbuf *b = f->b;
	int saved;

	(void)i;
	if (!flags) {
		pb_putc(b, '0');
		return;
	}
	huge = flags & (uint32_t)(KERNEL_HUGE_MASK << KERNEL_HUGE_SHIFT);
	flags &= ~huge;
	if (xstyle_begin(b, (uint32_t)v, 16, &saved)) {
		if (flags || !huge)
			print_flags(b, &memfd_flags, flags);
		if (huge)
			pb_printf(b, "%s%u<<MFD_HUGE_SHIFT", flags ? "|" : "",
				  huge >> KERNEL_HUGE_SHIFT);
	}
	xstyle_end(b, saved);
}

/* clock_nanosleep's remaining time: written only when a signal cut a
   relative sleep (flags 0); else the address. */
void
print_clock_nanosleep_rem(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (!f->args[1] && (f->rv == -EINTR ||
			    (f->rv <= -512 && f->rv >= -516)))
		print_timespec(f, v);
	else
		print_ptr(f, v);
}

/* rt_sigtimedwait: the signal taken, named after the number. */
void
rv_sigtimedwait(struct fmt *f)
{
	const char *name = f->rv > 0 ? snare_signal_name((int)f->rv) : NULL;

	pb_printf(f->b, "%lld", (long long)f->rv);
	if (name)
		pb_printf(f->b, " (%s)", name);
}
