/* SPDX-License-Identifier: MIT */
/*
 * sys_misc.c: small argument printers that follow one detail of strace
 * 6.1's decoders: the width of an argument (an unsigned int whose upper
 * half strace drops), user and group ids (-1, else unsigned), the
 * pidfd calls, and a few arrays (rt_sigpending's set of any size up to
 * 8 bytes, mincore's vector).
 */
#define _GNU_SOURCE
#include <fcntl.h>
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

/* Flags of an unsigned int nobody names: hex, 0 as "0". */
void
print_u32_hex(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	pb_printf(f->b, (uint32_t)v ? "%#x" : "0", (unsigned)v);
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
