/* SPDX-License-Identifier: MIT */
/*
 * structs.c: structures and arrays read from the tracee, printed as strace
 * prints them without -v: stat and statx (the mode and size, then "..."),
 * timespec, sockaddr (unix, inet, inet6, netlink), iovec, the kernel's
 * sigaction, rlimit, pollfd, wait statuses, getdents64 buffers, utsname
 * and clone's arguments. Layouts are the x86_64 kernel ABI.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include "print.h"

/* Read a struct or print the address instead; true when read. */
static bool
read_or_addr(struct fmt *f, void *out, uint64_t addr, size_t len)
{
	if (!addr) {
		pb_puts(f->b, "NULL");
		return false;
	}
	if (!read_mem(f, out, addr, len)) {
		print_ptr(f, addr);
		return false;
	}
	return true;
}

void
print_stat(struct fmt *f, uint64_t addr)
{
	struct stat st;

	if (!read_or_addr(f, &st, addr, sizeof(st)))
		return;
	pb_puts(f->b, "{st_mode=");
	print_mode_t(f->b, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		pb_printf(f->b, ", st_rdev=makedev(%#x, %#x)", major(st.st_rdev),
			  minor(st.st_rdev));
	else
		pb_printf(f->b, ", st_size=%lld", (long long)st.st_size);
	pb_puts(f->b, ", ...}");
}

static const struct xlat_data statx_attr_data[] = {
	XLAT(STATX_ATTR_COMPRESSED), XLAT(STATX_ATTR_IMMUTABLE),
	XLAT(STATX_ATTR_APPEND), XLAT(STATX_ATTR_NODUMP),
	XLAT(STATX_ATTR_ENCRYPTED), XLAT(STATX_ATTR_AUTOMOUNT),
};
static const struct xlat statx_attrs = { statx_attr_data,
					 ARRAY_SIZE(statx_attr_data),
					 "STATX_ATTR_???" };

void
print_statx(struct fmt *f, uint64_t addr)
{
	struct statx stx;

	if (!read_or_addr(f, &stx, addr, sizeof(stx)))
		return;
	pb_puts(f->b, "{stx_mask=");
	print_flags(f->b, &statx_masks, stx.stx_mask);
	pb_puts(f->b, ", stx_attributes=");
	print_flags(f->b, &statx_attrs, stx.stx_attributes);
	pb_puts(f->b, ", stx_mode=");
	print_mode_t(f->b, stx.stx_mode);
	pb_printf(f->b, ", stx_size=%llu, ...}",
		  (unsigned long long)stx.stx_size);
}

void
print_timespec(struct fmt *f, uint64_t addr)
{
	struct timespec ts;

	if (read_or_addr(f, &ts, addr, sizeof(ts)))
		pb_printf(f->b, "{tv_sec=%lld, tv_nsec=%ld}",
			  (long long)ts.tv_sec, ts.tv_nsec);
}

void
print_timeval(struct fmt *f, uint64_t addr)
{
	struct timeval tv;

	if (read_or_addr(f, &tv, addr, sizeof(tv)))
		pb_printf(f->b, "{tv_sec=%lld, tv_usec=%ld}",
			  (long long)tv.tv_sec, (long)tv.tv_usec);
}

void
print_sockaddr(struct fmt *f, uint64_t addr, uint64_t len)
{
	struct sockaddr_storage ss;
	struct pbuf *b = f->b;
	char ip[INET6_ADDRSTRLEN];

	if (!addr) {
		pb_puts(b, "NULL");
		return;
	}
	if (len < sizeof(sa_family_t) || len > 0x10000) {
		print_ptr(f, addr);
		return;
	}
	memset(&ss, 0, sizeof(ss));
	if (len > sizeof(ss))
		len = sizeof(ss);
	if (!read_mem(f, &ss, addr, len)) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(b, "{sa_family=");
	print_xval(b, &sock_families, ss.ss_family, true);
	switch (ss.ss_family) {
	case AF_UNIX: {
		const struct sockaddr_un *un = (const void *)&ss;
		size_t n = len - offsetof(struct sockaddr_un, sun_path);

		if (len <= offsetof(struct sockaddr_un, sun_path))
			break;
		pb_puts(b, ", sun_path=");
		if (un->sun_path[0] == '\0' && n > 1) {
			pb_putc(b, '@');
			pb_quote(b, (const unsigned char *)un->sun_path + 1,
				 n - 1, f->o->xflag, 0);
		} else {
			pb_quote(b, (const unsigned char *)un->sun_path, n,
				 f->o->xflag, QUOTE_CSTRING);
		}
		break;
	}
	case AF_INET: {
		const struct sockaddr_in *in = (const void *)&ss;

		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		pb_printf(b, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
			  ntohs(in->sin_port), ip);
		break;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *in6 = (const void *)&ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		pb_printf(b, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
			  "inet_pton(AF_INET6, \"%s\", &sin6_addr), "
			  "sin6_scope_id=%u", ntohs(in6->sin6_port),
			  ntohl(in6->sin6_flowinfo), ip, in6->sin6_scope_id);
		break;
	}
	case AF_NETLINK: {
		const struct sockaddr_nl *nl = (const void *)&ss;

		pb_printf(b, ", nl_pid=%u, nl_groups=%08x", nl->nl_pid,
			  nl->nl_groups);
		break;
	}
	default:
		if (len > sizeof(sa_family_t)) {
			pb_puts(b, ", sa_data=");
			pb_quote(b, (const unsigned char *)&ss + 2, len - 2,
				 f->o->xflag, 0);
		}
		break;
	}
	pb_putc(b, '}');
}

/*
 * An iovec array. Out (readv at exit): the bytes shown are the ones the
 * call transferred, the return value spread over the elements in order.
 */
void
print_iovec(struct fmt *f, uint64_t addr, uint64_t n, bool out)
{
	uint64_t left = out ? (uint64_t)f->rv : UINT64_MAX;
	size_t i, max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	struct { uint64_t base, len; } iov;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (!read_mem(f, &iov, addr, sizeof(iov))) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		uint64_t shown;

		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (!read_mem(f, &iov, addr + i * sizeof(iov), sizeof(iov))) {
			print_ptr(f, addr + i * sizeof(iov));
			break;
		}
		shown = iov.len < left ? iov.len : left;
		pb_puts(f->b, "{iov_base=");
		print_str(f, iov.base, (long)shown, 0);
		pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov.len);
		left -= shown;
	}
	pb_putc(f->b, ']');
}

/* The kernel's struct sigaction (arch/x86/include/asm/signal.h). */
struct kernel_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

void
print_sigaction(struct fmt *f, uint64_t addr)
{
	struct kernel_sigaction sa;

	if (!read_or_addr(f, &sa, addr, sizeof(sa)))
		return;
	pb_puts(f->b, "{sa_handler=");
	if (sa.handler == (uint64_t)(uintptr_t)SIG_DFL)
		pb_puts(f->b, "SIG_DFL");
	else if (sa.handler == (uint64_t)(uintptr_t)SIG_IGN)
		pb_puts(f->b, "SIG_IGN");
	else
		print_ptr(f, sa.handler);
	pb_puts(f->b, ", sa_mask=");
	print_sigmask(f->b, &sa.mask, 64);
	pb_puts(f->b, ", sa_flags=");
	print_flags(f->b, &sa_flags, sa.flags);
	if (sa.flags & SA_RESTORER) {
		pb_puts(f->b, ", sa_restorer=");
		print_ptr(f, sa.restorer);
	}
	pb_putc(f->b, '}');
}

/* strace's sprint_rlim64(): RLIM64_INFINITY, N*1024 or N. */
static void
print_rlim(struct pbuf *b, uint64_t v)
{
	if (v == UINT64_MAX)
		pb_puts(b, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		pb_printf(b, "%llu*1024", (unsigned long long)(v / 1024));
	else
		pb_printf(b, "%llu", (unsigned long long)v);
}

void
print_rlimit(struct fmt *f, uint64_t addr)
{
	uint64_t rl[2];

	if (!read_or_addr(f, rl, addr, sizeof(rl)))
		return;
	pb_puts(f->b, "{rlim_cur=");
	print_rlim(f->b, rl[0]);
	pb_puts(f->b, ", rlim_max=");
	print_rlim(f->b, rl[1]);
	pb_putc(f->b, '}');
}

void
print_pollfds(struct fmt *f, uint64_t addr, uint64_t n, bool revents)
{
	size_t i, shown = 0, max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	struct pollfd pfd;

	if (!read_or_addr(f, &pfd, addr, n ? sizeof(pfd) : 0))
		return;
	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		if (!read_mem(f, &pfd, addr + i * sizeof(pfd), sizeof(pfd)))
			break;
		if (revents && !pfd.revents)
			continue;
		if (shown++)
			pb_puts(f->b, ", ");
		if (shown > max) {
			pb_puts(f->b, "...");
			break;
		}
		pb_printf(f->b, "{fd=%d, %s=", pfd.fd,
			  revents ? "revents" : "events");
		print_flags(f->b, &poll_events,
			    (uint16_t)(revents ? pfd.revents : pfd.events));
		pb_putc(f->b, '}');
	}
	pb_putc(f->b, ']');
}

void
print_wstatus(struct fmt *f, uint64_t addr)
{
	struct pbuf *b = f->b;
	int st;

	if (!read_or_addr(f, &st, addr, sizeof(st)))
		return;
	if (WIFSTOPPED(st)) {
		pb_puts(b, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		print_signo(b, WSTOPSIG(st) & 0x7f);
		if (WSTOPSIG(st) & 0x80)
			pb_puts(b, " | 0x80");
		pb_putc(b, '}');
		st &= ~0xffff;
	} else if (WIFSIGNALED(st)) {
		pb_puts(b, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		print_signo(b, WTERMSIG(st));
		if (WCOREDUMP(st))
			pb_puts(b, " && WCOREDUMP(s)");
		pb_putc(b, '}');
		st &= ~0xff;
	} else if (WIFEXITED(st)) {
		pb_printf(b, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}",
			  WEXITSTATUS(st));
		st &= ~0xff00;
	} else if (WIFCONTINUED(st)) {
		pb_puts(b, "[{WIFCONTINUED(s)}");
		st = 0;
	} else {
		pb_printf(b, "[%#x]", st);
		return;
	}
	if (st)
		pb_printf(b, " | 0x%04x", (unsigned)st);
	pb_putc(b, ']');
}

/*
 * getdents64: the buffer's address and how many entries it holds. The
 * buffer is read in one go (a read per entry made `find` cost a syscall
 * per directory entry); it is bounded by the return value, capped.
 */
void
print_dirents(struct fmt *f, uint64_t addr)
{
	enum { CAP = 1 << 20 };
	uint64_t off = 0, n = 0, size = (uint64_t)f->rv;
	unsigned char *buf;
	uint16_t reclen;

	print_ptr(f, addr);
	if (size > CAP)
		size = CAP;
	buf = size ? malloc((size_t)size) : NULL;
	if (!buf || !read_mem(f, buf, addr, (size_t)size)) {
		free(buf);
		pb_puts(f->b, " /* 0 entries */");
		return;
	}
	/* struct linux_dirent64: d_ino, d_off, then d_reclen at 16. */
	while (off + 18 <= size) {
		memcpy(&reclen, buf + off + 16, 2);
		if (!reclen)
			break;
		off += reclen;
		n++;
	}
	free(buf);
	pb_printf(f->b, " /* %llu entries */", (unsigned long long)n);
}

void
print_utsname(struct fmt *f, uint64_t addr)
{
	struct utsname u;

	if (!read_or_addr(f, &u, addr, sizeof(u)))
		return;
	pb_puts(f->b, "{sysname=");
	pb_quote(f->b, (const unsigned char *)u.sysname, sizeof(u.sysname),
		 f->o->xflag, QUOTE_CSTRING);
	pb_puts(f->b, ", nodename=");
	pb_quote(f->b, (const unsigned char *)u.nodename, sizeof(u.nodename),
		 f->o->xflag, QUOTE_CSTRING);
	pb_puts(f->b, ", ...}");
}

static void
print_clone_flags(struct pbuf *b, uint64_t flags)
{
	int sig = (int)(flags & CSIGNAL);

	flags &= ~(uint64_t)CSIGNAL;
	if (flags)
		print_flags(b, &clone_flags, flags);
	if (sig) {
		if (flags)
			pb_putc(b, '|');
		print_signo(b, sig);
	} else if (!flags) {
		pb_putc(b, '0');
	}
}

/* x86_64 clone(flags, stack, parent_tid, child_tid, tls). */
void
print_clone(struct fmt *f)
{
	uint64_t flags = f->args[0];

	pb_puts(f->b, "child_stack=");
	print_ptr(f, f->args[1]);
	pb_puts(f->b, ", flags=");
	print_clone_flags(f->b, flags);
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		pb_puts(f->b, ", parent_tid=");
		print_ptr(f, f->args[2]);
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

/* struct clone_args (include/uapi/linux/sched.h), version 0. */
struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls;
};

void
print_clone3(struct fmt *f, uint64_t addr, bool exiting)
{
	struct clone_args_v0 ca;
	struct pbuf *b = f->b;
	int tid;

	if (exiting) {
		if (is_error(f) || !read_mem(f, &ca, addr, sizeof(ca)) ||
		    !(ca.flags & CLONE_PARENT_SETTID) ||
		    !read_mem(f, &tid, ca.parent_tid, sizeof(tid)))
			return;
		pb_printf(b, " => {parent_tid=[%d]}", tid);
		return;
	}
	if (!read_or_addr(f, &ca, addr, sizeof(ca)))
		return;
	pb_puts(b, "{flags=");
	print_flags(b, &clone_flags, ca.flags);
	if (ca.flags & CLONE_PIDFD)
		pb_printf(b, ", pidfd=%#llx", (unsigned long long)ca.pidfd);
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		pb_printf(b, ", child_tid=%#llx",
			  (unsigned long long)ca.child_tid);
	if (ca.flags & CLONE_PARENT_SETTID)
		pb_printf(b, ", parent_tid=%#llx",
			  (unsigned long long)ca.parent_tid);
	pb_puts(b, ", exit_signal=");
	if (ca.exit_signal)
		print_signo(b, (int)ca.exit_signal);
	else
		pb_putc(b, '0');
	pb_puts(b, ", stack=");
	print_ptr(f, ca.stack);
	pb_printf(b, ", stack_size=%#llx", (unsigned long long)ca.stack_size);
	if (ca.flags & CLONE_SETTLS)
		pb_printf(b, ", tls=%#llx", (unsigned long long)ca.tls);
	pb_putc(b, '}');
}
