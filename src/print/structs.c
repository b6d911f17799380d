/* SPDX-License-Identifier: MIT */
/*
 * structs.c: structures and arrays read from the tracee, printed as strace
 * prints them without -v: stat and statx (the mode and size, then "..."),
 * timespec, iovec, the kernel's
 * sigaction, rlimit, pollfd, wait statuses, getdents64 buffers, utsname,
 * clone's arguments, sysinfo, rusage, statfs, epoll events, the mask
 * rt_sigreturn restores, gid lists, CPU sets and stack_t. Layouts are the
 * x86_64 kernel ABI. Times are in times.c, select's fd sets in select.c,
 * socket addresses in sockaddr.c, arrays in array.c.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <limits.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "print.h"

/* Read a struct or print the address instead; true when read. */
bool
read_or_addr(struct fmt *f, void *out, uint64_t addr, size_t len)
{
	if (!addr) {
		pb_puts(f->b, "NULL");
		return false;
	}
	/* -e verbose=none: the address, as strace's umove_or_printaddr(). */
	if (f->o->terse || !read_mem(f, out, addr, len)) {
		print_ptr(f, addr);
		return false;
	}
	return true;
}

static void
print_stat_time(struct pbuf *b, const char *name, struct timespec ts)
{
	pb_printf(b, ", %s=%lld", name, (long long)ts.tv_sec);
	print_time_comment(b, ts.tv_sec, ts.tv_nsec, 9);
	pb_printf(b, ", %s_nsec=%llu", name, (unsigned long long)ts.tv_nsec);
}

void
print_stat(struct fmt *f, uint64_t addr)
{
	struct stat st;

	if (!read_or_addr(f, &st, addr, sizeof(st)))
		return;
	if (f->o->verbose) {
		pb_puts(f->b, "{st_dev=");
		print_dev(f->b, st.st_dev);
		pb_printf(f->b, ", st_ino=%llu, ",
			  (unsigned long long)st.st_ino);
	} else
		pb_putc(f->b, '{');
	pb_puts(f->b, "st_mode=");
	print_mode_t(f->b, st.st_mode);
	if (f->o->verbose)
		pb_printf(f->b, ", st_nlink=%llu, st_uid=%u, st_gid=%u, "
			  "st_blksize=%lld, st_blocks=%lld",
			  (unsigned long long)st.st_nlink, st.st_uid, st.st_gid,
			  (long long)st.st_blksize, (long long)st.st_blocks);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
	{
		pb_puts(f->b, ", st_rdev=");
		print_dev(f->b, st.st_rdev);
	}
	else
		pb_printf(f->b, ", st_size=%lld", (long long)st.st_size);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	/* -v: the three times, each with its date and its nanoseconds. */
	print_stat_time(f->b, "st_atime", st.st_atim);
	print_stat_time(f->b, "st_mtime", st.st_mtim);
	print_stat_time(f->b, "st_ctime", st.st_ctim);
	pb_putc(f->b, '}');
}

static const struct xlat_data statx_attr_data[] = {
	XLAT(STATX_ATTR_COMPRESSED), XLAT(STATX_ATTR_IMMUTABLE),
	XLAT(STATX_ATTR_APPEND), XLAT(STATX_ATTR_NODUMP),
	XLAT(STATX_ATTR_ENCRYPTED), XLAT(STATX_ATTR_AUTOMOUNT),
	XLAT(STATX_ATTR_MOUNT_ROOT), XLAT(STATX_ATTR_VERITY),
	XLAT(STATX_ATTR_DAX),
};
static const struct xlat statx_attrs = { statx_attr_data,
					 ARRAY_SIZE(statx_attr_data),
					 "STATX_ATTR_???" };

/* From include/uapi/linux/stat.h: the mask bit and the offset of the
 * field, which glibc's struct statx may not name. */
#define KERNEL_STATX_MNT_ID 0x1000U
#define KERNEL_STATX_MNT_ID_OFF 0x90

static void
print_statx_time(struct pbuf *b, const char *name,
		 const struct statx_timestamp *ts)
{
	pb_printf(b, ", %s={tv_sec=%lld, tv_nsec=%u}", name,
		  (long long)ts->tv_sec, ts->tv_nsec);
	print_time_comment(b, ts->tv_sec, ts->tv_nsec, 9);
}

void
print_statx(struct fmt *f, uint64_t addr)
{
	struct statx stx;

	if (!read_or_addr(f, &stx, addr, sizeof(stx)))
		return;
	pb_puts(f->b, "{stx_mask=");
	print_flags(f->b, &statx_masks, stx.stx_mask);
	if (f->o->verbose)
		pb_printf(f->b, ", stx_blksize=%u", stx.stx_blksize);
	pb_puts(f->b, ", stx_attributes=");
	print_flags(f->b, &statx_attrs, stx.stx_attributes);
	if (f->o->verbose)
		pb_printf(f->b, ", stx_nlink=%u, stx_uid=%u, stx_gid=%u",
			  stx.stx_nlink, stx.stx_uid, stx.stx_gid);
	pb_puts(f->b, ", stx_mode=");
	print_mode_t(f->b, stx.stx_mode);
	if (f->o->verbose)
		pb_printf(f->b, ", stx_ino=%llu",
			  (unsigned long long)stx.stx_ino);
	pb_printf(f->b, ", stx_size=%llu", (unsigned long long)stx.stx_size);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	pb_printf(f->b, ", stx_blocks=%llu, stx_attributes_mask=",
		  (unsigned long long)stx.stx_blocks);
	print_flags(f->b, &statx_attrs, stx.stx_attributes_mask);
	/* Each time only when the kernel filled it in. */
	if (stx.stx_mask & STATX_ATIME)
		print_statx_time(f->b, "stx_atime", &stx.stx_atime);
	if (stx.stx_mask & STATX_BTIME)
		print_statx_time(f->b, "stx_btime", &stx.stx_btime);
	if (stx.stx_mask & STATX_CTIME)
		print_statx_time(f->b, "stx_ctime", &stx.stx_ctime);
	if (stx.stx_mask & STATX_MTIME)
		print_statx_time(f->b, "stx_mtime", &stx.stx_mtime);
	pb_printf(f->b, ", stx_rdev_major=%u, stx_rdev_minor=%u, "
		  "stx_dev_major=%u, stx_dev_minor=%u", stx.stx_rdev_major,
		  stx.stx_rdev_minor, stx.stx_dev_major, stx.stx_dev_minor);
	if (stx.stx_mask & KERNEL_STATX_MNT_ID) {
		uint64_t mnt_id;

		/* glibc 2.36's struct statx has the field as a spare. */
		memcpy(&mnt_id, (const char *)&stx + KERNEL_STATX_MNT_ID_OFF,
		       sizeof(mnt_id));
		pb_printf(f->b, ", stx_mnt_id=%#llx",
			  (unsigned long long)mnt_id);
	}
	pb_putc(f->b, '}');
}

bool
print_iov_addr_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t iov[2];

	(void)data;
	memcpy(iov, elem, sizeof(iov));
	pb_puts(f->b, "{iov_base=");
	print_ptr(f, iov[0]);
	pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov[1]);
	return true;
}

/* One iovec; *left is what remains of the bytes transferred. */
static bool
print_iovec_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t *left = data, iov[2], shown;

	memcpy(iov, elem, sizeof(iov));
	shown = iov[1] < *left ? iov[1] : *left;
	if (*left != UINT64_MAX)
		*left -= shown;
	pb_puts(f->b, "{iov_base=");
	/* A length past LONG_MAX is still a length, not "up to a NUL". */
	print_str(f, iov[0], shown > LONG_MAX ? LONG_MAX : (long)shown, 0);
	pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov[1]);
	return true;
}

/* An iovec whose buffer the call did not fill: its address. */
static bool
print_iovec_addr_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t iov[2];

	(void)data;
	memcpy(iov, elem, sizeof(iov));
	pb_puts(f->b, "{iov_base=");
	print_ptr(f, iov[0]);
	pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov[1]);
	return true;
}

/*
 * An iovec array. Out (readv at exit): the bytes shown are the ones the
 * call transferred, the return value spread over the elements in order;
 * when it failed, the elements with their buffers' addresses, as strace.
 */
void
print_iovec(struct fmt *f, uint64_t addr, uint64_t n, bool out)
{
	if (out && is_error(f)) {
		print_array_any(f, addr, n, 2 * sizeof(uint64_t),
				print_iovec_addr_elem, NULL);
		return;
	}
	print_iovec_upto(f, addr, n, out ? (uint64_t)f->rv : UINT64_MAX);
}

void
print_iovec_upto(struct fmt *f, uint64_t addr, uint64_t n, uint64_t size)
{
	/* strace's tprint_iov_upto(): its elements even when the call
	   failed. */
	print_array_any(f, addr, n, 2 * sizeof(uint64_t), print_iovec_elem,
			&size);
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
	int saved;

	if (!read_or_addr(f, &sa, addr, sizeof(sa)))
		return;
	pb_puts(f->b, "{sa_handler=");
	if (sa.handler == (uint64_t)(uintptr_t)SIG_DFL ||
	    sa.handler == (uint64_t)(uintptr_t)SIG_IGN) {
		const char *name = sa.handler == (uint64_t)(uintptr_t)SIG_DFL ?
					   "SIG_DFL" : "SIG_IGN";

		if (xstyle_begin(f->b, sa.handler, 16, &saved))
			pb_puts(f->b, name);
		xstyle_end(f->b, saved);
	} else
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
	int saved;

	if (v != UINT64_MAX && !(v > 1024 && v % 1024 == 0)) {
		pb_printf(b, "%llu", (unsigned long long)v);
		return;
	}
	if (xstyle_begin(b, v, 10, &saved)) {
		if (v == UINT64_MAX)
			pb_puts(b, "RLIM64_INFINITY");
		else
			pb_printf(b, "%llu*1024",
				  (unsigned long long)(v / 1024));
	}
	xstyle_end(b, saved);
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
	size_t i, shown = 0, max = array_max(f);
	struct pollfd pfd;

	n = (uint32_t)n; /* an unsigned int */
	if (!read_or_addr(f, &pfd, addr, n ? sizeof(pfd) : 0))
		return;
	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		if (!read_mem(f, &pfd, addr + i * sizeof(pfd), sizeof(pfd))) {
			/* As print_array(): "..." and the address. */
			if (!revents)
				pb_printf(f->b, ", ... /* %#llx */",
					  (unsigned long long)(addr +
							       i * sizeof(pfd)));
			break;
		}
		if (revents && !pfd.revents)
			continue;
		if (shown++)
			pb_puts(f->b, ", ");
		if (shown > max) {
			pb_puts(f->b, "...");
			break;
		}
		/* strace annotates the fds it asks about, not those it
		 * reports, and omits the events of an fd that is ignored. */
		if (revents) {
			pb_printf(f->b, "{fd=%d, revents=", pfd.fd);
			print_flags(f->b, &poll_events, (uint16_t)pfd.revents);
		} else {
			pb_puts(f->b, "{fd=");
			print_fd(f, pfd.fd);
			if (pfd.fd >= 0) {
				pb_puts(f->b, ", events=");
				print_flags(f->b, &poll_events,
					    (uint16_t)pfd.events);
			}
		}
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

static const struct xlat_data dirent_type_data[] = {
	XLAT(DT_UNKNOWN), XLAT(DT_FIFO), XLAT(DT_CHR), XLAT(DT_DIR),
	XLAT(DT_BLK), XLAT(DT_REG), XLAT(DT_LNK), XLAT(DT_SOCK), XLAT(DT_WHT),
};
static const struct xlat dirent_types = { dirent_type_data,
					  ARRAY_SIZE(dirent_type_data),
					  "DT_???" };

/* getdents64 under -v: every entry, as strace prints them. */
static void
print_dirents_verbose(struct fmt *f, uint64_t addr)
{
	enum { CAP = 1 << 20, NAME = 19 };
	bool old = f->nr == SYS_getdents;
	uint64_t off = 0, size = (uint64_t)f->rv;
	unsigned char *buf;
	uint64_t ino;
	int64_t doff;
	uint16_t reclen;

	if (size > CAP)
		size = CAP;
	buf = malloc(size ? (size_t)size : 1);
	if (!buf || (size && !read_mem(f, buf, addr, (size_t)size))) {
		free(buf);
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	/* struct linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name. */
	while (off + NAME <= size) {
		memcpy(&ino, buf + off, 8);
		memcpy(&doff, buf + off + 8, 8);
		memcpy(&reclen, buf + off + 16, 2);
		if (reclen < NAME || off + reclen > size)
			break;
		if (old) {
			/* struct linux_dirent: d_name at 18, d_type in the
			   record's last byte; strace prints them in that
			   order, the name (a path) without its last byte. */
			pb_printf(f->b, "%s{d_ino=%llu, d_off=%llu, d_reclen=%u",
				  off ? ", " : "", (unsigned long long)ino,
				  (unsigned long long)doff, reclen);
			if (reclen - 18 > 1) {
				pb_puts(f->b, ", d_name=");
				pb_quote(f->b, buf + off + 18,
					 strnlen((const char *)buf + off + 18,
						 reclen - 18 - 2),
					 f->o->xflag, 0);
			}
			pb_puts(f->b, ", d_type=");
			print_xval(f->b, &dirent_types, buf[off + reclen - 1],
				   false);
			pb_putc(f->b, '}');
			off += reclen;
			continue;
		}
		pb_printf(f->b, "%s{d_ino=%llu, d_off=%lld, d_reclen=%u, d_type=",
			  off ? ", " : "", (unsigned long long)ino,
			  (long long)doff, reclen);
		print_xval(f->b, &dirent_types, buf[off + 18], false);
		pb_puts(f->b, ", d_name=");
		pb_quote(f->b, buf + off + NAME, reclen - NAME, f->o->xflag,
			 QUOTE_CSTRING);
		pb_putc(f->b, '}');
		off += reclen;
	}
	pb_putc(f->b, ']');
	free(buf);
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

	if (f->o->verbose) {
		print_dirents_verbose(f, addr);
		return;
	}
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
	const struct {
		const char *name;
		const char *val;
	} fields[] = {
		{ "sysname", u.sysname }, { "nodename", u.nodename },
		{ "release", u.release }, { "version", u.version },
		{ "machine", u.machine }, { "domainname", u.domainname },
	};
	size_t i, n = f->o->verbose ? ARRAY_SIZE(fields) : 2;

	if (!read_or_addr(f, &u, addr, sizeof(u)))
		return;

	/* The kernel's fields are 65 bytes each, as glibc's. */
	for (i = 0; i < n; i++) {
		pb_printf(f->b, "%s%s=", i ? ", " : "{", fields[i].name);
		pb_quote(f->b, (const unsigned char *)fields[i].val,
			 sizeof(u.sysname), f->o->xflag, QUOTE_CSTRING);
	}
	pb_puts(f->b, f->o->verbose ? "}" : ", ...}");
}

void
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

/* clone and clone3's struct clone_args: sys_misc.c. */

/* struct sysinfo (include/uapi/linux/sysinfo.h), every field. */
void
print_sysinfo(struct fmt *f, uint64_t addr)
{
	struct sysinfo_k {
		int64_t uptime;
		uint64_t loads[3];
		uint64_t totalram, freeram, sharedram, bufferram, totalswap,
			freeswap;
		uint16_t procs, pad;
		uint32_t pad2;
		uint64_t totalhigh, freehigh;
		uint32_t mem_unit;
	} si;

	if (!read_or_addr(f, &si, addr, sizeof(si)))
		return;
	pb_printf(f->b, "{uptime=%lld, loads=[%llu, %llu, %llu]",
		  (long long)si.uptime, (unsigned long long)si.loads[0],
		  (unsigned long long)si.loads[1],
		  (unsigned long long)si.loads[2]);
	pb_printf(f->b, ", totalram=%llu, freeram=%llu, sharedram=%llu, "
		  "bufferram=%llu, totalswap=%llu, freeswap=%llu",
		  (unsigned long long)si.totalram,
		  (unsigned long long)si.freeram,
		  (unsigned long long)si.sharedram,
		  (unsigned long long)si.bufferram,
		  (unsigned long long)si.totalswap,
		  (unsigned long long)si.freeswap);
	pb_printf(f->b, ", procs=%u, totalhigh=%llu, freehigh=%llu, "
		  "mem_unit=%u}", si.procs, (unsigned long long)si.totalhigh,
		  (unsigned long long)si.freehigh, si.mem_unit);
}

/* struct rusage: the two times, then "..." (all the fields under -v). */
void
print_rusage(struct fmt *f, uint64_t addr)
{
	static const char *const names[] = {
		"maxrss", "ixrss", "idrss", "isrss", "minflt", "majflt",
		"nswap", "inblock", "oublock", "msgsnd", "msgrcv", "nsignals",
		"nvcsw", "nivcsw",
	};
	int64_t ru[4 + ARRAY_SIZE(names)]; /* two timevals, then longs */
	size_t i;

	if (!read_or_addr(f, ru, addr, sizeof(ru)))
		return;
	/* tv_usec unsigned, as strace's print_timeval. */
	pb_printf(f->b, "{ru_utime={tv_sec=%lld, tv_usec=%llu}, "
		  "ru_stime={tv_sec=%lld, tv_usec=%llu}",
		  (long long)ru[0], (unsigned long long)ru[1],
		  (long long)ru[2], (unsigned long long)ru[3]);
	if (!f->o->verbose) {
		pb_puts(f->b, ", ...}");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(names); i++)
		pb_printf(f->b, ", ru_%s=%llu", names[i],
			  (unsigned long long)ru[4 + i]);
	pb_putc(f->b, '}');
}

/* The x86_64 kernel's struct statfs (include/uapi/asm-generic/statfs.h). */
struct statfs_k {
	int64_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	uint32_t f_fsid[2];
	int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};

static void
print_hex0(struct pbuf *b, uint64_t v)
{
	pb_printf(b, v ? "%#llx" : "0", (unsigned long long)v);
}

void
print_statfs(struct fmt *f, uint64_t addr)
{
	struct statfs_k s;
	struct pbuf *b = f->b;

	if (!read_or_addr(f, &s, addr, sizeof(s)))
		return;
	pb_puts(b, "{f_type=");
	print_xval(b, &fs_magics, (uint64_t)s.f_type, false);
	pb_printf(b, ", f_bsize=%llu, f_blocks=%llu, f_bfree=%llu, "
		  "f_bavail=%llu, f_files=%llu, f_ffree=%llu, f_fsid={val=[",
		  (unsigned long long)s.f_bsize,
		  (unsigned long long)s.f_blocks,
		  (unsigned long long)s.f_bfree,
		  (unsigned long long)s.f_bavail,
		  (unsigned long long)s.f_files,
		  (unsigned long long)s.f_ffree);
	print_hex0(b, s.f_fsid[0]);
	pb_puts(b, ", ");
	print_hex0(b, s.f_fsid[1]);
	pb_printf(b, "]}, f_namelen=%llu, f_frsize=%llu",
		  (unsigned long long)s.f_namelen,
		  (unsigned long long)s.f_frsize);
	/* The flags mean something only when the kernel says they do. */
	if (s.f_flags & KERNEL_ST_VALID) {
		pb_puts(b, ", f_flags=");
		print_flags(b, &statfs_flags, (uint64_t)s.f_flags);
	}
	pb_putc(b, '}');
}

/* struct epoll_event: packed on x86_64 (include/uapi/linux/eventpoll.h). */
struct epoll_event_k {
	uint32_t events;
	uint32_t data_lo, data_hi;
};

static bool
print_epoll_elem(struct fmt *f, const void *elem, void *data)
{
	struct epoll_event_k ev;
	uint64_t u64;

	(void)data;
	memcpy(&ev, elem, sizeof(ev));
	u64 = (uint64_t)ev.data_hi << 32 | ev.data_lo;
	pb_puts(f->b, "{events=");
	print_flags(f->b, &epoll_events, ev.events);
	/* The tracee's union member is unknown: both views, as strace. */
	pb_printf(f->b, ", data={u32=%u, u64=%llu}}", ev.data_lo,
		  (unsigned long long)u64);
	return true;
}

void
print_epoll_event(struct fmt *f, uint64_t addr)
{
	unsigned char ev[sizeof(struct epoll_event_k)];

	if (read_or_addr(f, ev, addr, sizeof(ev)))
		print_epoll_elem(f, ev, NULL);
}

void
print_epoll_events(struct fmt *f, uint64_t addr, uint64_t n)
{
	print_array(f, addr, n, sizeof(struct epoll_event_k),
		    print_epoll_elem, NULL);
}

/*
 * The thread of p stopped at the entry of rt_sigreturn with these
 * arguments: the formatter is called from that thread's syscall stop,
 * and the stack pointer is only in its registers.
 */
static snare_thread *
sigreturn_thread(const struct fmt *f)
{
	return f->p ? snare__proc_thread_in_syscall(f->p, SYS_rt_sigreturn,
						    f->args)
		    : NULL;
}

/*
 * rt_sigreturn's {mask=[...]}: the mask the kernel restores, from the
 * signal frame (arch/x86/kernel/signal.c, struct rt_sigframe). The handler's
 * ret popped the frame's pretcode, so at the syscall rsp points at the
 * struct ucontext, whose uc_sigmask follows uc_flags, uc_link, uc_stack
 * (a stack_t) and uc_mcontext (struct sigcontext, 32 words).
 */
void
print_sigreturn(struct fmt *f)
{
	enum { UC_SIGMASK = 8 + 8 + 24 + 32 * 8 };
	snare_thread *t = sigreturn_thread(f);
	uint64_t mask, sp = 0;

	if (!t || snare_thread_sp(&sp, t) < 0 || !sp)
		return;
	pb_puts(f->b, "{mask=");
	if (read_mem(f, &mask, sp + UC_SIGMASK, sizeof(mask)))
		print_sigmask(f->b, &mask, 64);
	else
		print_ptr(f, sp + UC_SIGMASK);
	pb_putc(f->b, '}');
}

/* One gid_t: -1 for the "unchanged" value, else unsigned (strace's
 * print_gid()). */
static bool
print_gid_elem(struct fmt *f, const void *elem, void *data)
{
	uint32_t gid;

	(void)data;
	memcpy(&gid, elem, sizeof(gid));
	if (gid == UINT32_MAX)
		pb_puts(f->b, "-1");
	else
		pb_printf(f->b, "%u", gid);
	return true;
}

/* getgroups/setgroups: a gid list; a count above the kernel's
 * NGROUPS_MAX (include/uapi/linux/limits.h) is not read. */
void
print_gids(struct fmt *f, uint64_t addr, uint64_t n)
{
	enum { KERNEL_NGROUPS_MAX = 65536 };

	if (n > KERNEL_NGROUPS_MAX) {
		print_ptr(f, addr);
		return;
	}
	print_array(f, addr, n, sizeof(uint32_t), print_gid_elem, NULL);
}

/* A CPU mask of size bytes: the numbers of the CPUs set, [0 1]. */
void
print_cpuset(struct fmt *f, uint64_t addr, uint64_t size)
{
	enum { CAP = 1 << 16 };
	unsigned char *set;
	uint64_t i;
	bool first = true;

	if (!addr || size > CAP) {
		print_ptr(f, addr);
		return;
	}
	set = malloc(size ? (size_t)size : 1);
	if (!set || (size && !read_mem(f, set, addr, (size_t)size))) {
		free(set);
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	for (i = 0; i < size * 8; i++) {
		if (!(set[i / 8] >> (i % 8) & 1))
			continue;
		if (!first)
			pb_putc(f->b, ' ');
		first = false;
		pb_printf(f->b, "%llu", (unsigned long long)i);
	}
	pb_putc(f->b, ']');
	free(set);
}

/* stack_t (sigaltstack): ss_sp, ss_flags (an int), ss_size. */
void
print_stack_t(struct fmt *f, uint64_t addr)
{
	struct {
		uint64_t sp;
		int32_t flags, pad;
		uint64_t size;
	} ss;

	if (!read_or_addr(f, &ss, addr, sizeof(ss)))
		return;
	pb_puts(f->b, "{ss_sp=");
	print_ptr(f, ss.sp);
	pb_puts(f->b, ", ss_flags=");
	print_flags(f->b, &sigaltstack_flags, (uint32_t)ss.flags);
	pb_printf(f->b, ", ss_size=%llu}", (unsigned long long)ss.size);
}
