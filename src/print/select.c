/* SPDX-License-Identifier: MIT */
/*
 * select.c: select and pselect6's fd sets, "[3 4]", at entry and in the
 * return value ("(in [3], out [4], left {...})"), and pselect6's sigmask
 * argument, as strace 6.1 prints them.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>

#include "print.h"

/*
 * select's nfds as the kernel takes it (an int, negative as 0), bounded
 * as strace bounds it, and the bytes of one fd_set: whole longs.
 */
static int
select_nfds(const struct fmt *f)
{
	int nfds = (int)f->args[0];

	if (nfds < 0)
		nfds = 0;
	if (nfds > 1024 * 1024)
		nfds = 1024 * 1024;
	return nfds;
}

static size_t
fdset_bytes(int nfds)
{
	return ((size_t)(nfds + 7) / 8 + 7) & ~(size_t)7;
}

/* Read an fd_set of nfds bits; NULL when absent or unreadable. */
static unsigned char *
read_fdset(struct fmt *f, uint64_t addr, int nfds)
{
	size_t size = fdset_bytes(nfds);
	unsigned char *set;

	if (!size || !addr)
		return NULL;
	set = malloc(size);
	if (set && !read_mem(f, set, addr, size)) {
		free(set);
		set = NULL;
	}
	return set;
}

static bool
fd_isset(const unsigned char *set, int fd)
{
	return set[fd / 8] >> (fd % 8) & 1;
}

/* An fd_set at entry: [3 4], or its address when nfds is 0. */
void
print_fdset(struct fmt *f, uint64_t addr)
{
	int fd, nfds = select_nfds(f);
	unsigned char *set;
	bool first = true;

	if (!addr || !nfds) {
		print_ptr(f, addr);
		return;
	}
	set = read_fdset(f, addr, nfds);
	if (!set) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	for (fd = 0; fd < nfds; fd++) {
		if (!fd_isset(set, fd))
			continue;
		if (!first)
			pb_putc(f->b, ' ');
		first = false;
		print_fd(f, fd);
	}
	pb_putc(f->b, ']');
	free(set);
}

/*
 * select's and pselect6's return value: "(in [3], out [4], left {...})",
 * the fds the kernel left set, at most as many as it counted ready, then
 * the time left in the timeout; "(Timeout)" when none is ready. As strace
 * does, a ']' follows every set read after the first one named.
 */
void
print_select_ready(struct fmt *f)
{
	static const char *const names[] = { "in", "out", "except" };
	int64_t ready = f->rv;
	int i, fd, nfds = select_nfds(f);
	bool any = false;

	pb_printf(f->b, "%lld", (long long)f->rv);
	if (ready == 0) {
		pb_puts(f->b, " (Timeout)");
		return;
	}
	pb_puts(f->b, " (");
	for (i = 0; i < 3 && ready > 0; i++) {
		unsigned char *set = read_fdset(f, f->args[i + 1], nfds);
		bool first = true;

		if (!set)
			continue;
		for (fd = 0; fd < nfds && ready > 0; fd++) {
			if (!fd_isset(set, fd))
				continue;
			if (first)
				pb_printf(f->b, "%s%s [%d", any ? ", " : "",
					  names[i], fd);
			else
				pb_printf(f->b, " %d", fd);
			first = false;
			any = true;
			ready--;
		}
		if (any)
			pb_putc(f->b, ']');
		free(set);
	}
	if (f->args[4]) {
		pb_printf(f->b, "%sleft ", any ? ", " : "");
		if (f->nr == SYS_select)
			print_timeval(f, f->args[4]);
		else
			print_timespec(f, f->args[4]);
	}
	pb_putc(f->b, ')');
}

/* pselect6's sixth argument: struct { const sigset_t *ss; size_t len; }. */
void
print_pselect_sigmask(struct fmt *f, uint64_t addr)
{
	uint64_t data[2];

	if (!read_or_addr(f, data, addr, sizeof(data)))
		return;
	pb_puts(f->b, "{sigmask=");
	print_sigset(f, data[0], (size_t)data[1]);
	pb_printf(f->b, ", sigsetsize=%llu}", (unsigned long long)data[1]);
}
