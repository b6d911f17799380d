/* SPDX-License-Identifier: MIT */
/*
 * args_str.c: the strings an argument points to, read from the tracee as
 * strace reads them (umovestr()/umoven() semantics, src/core/mem.c's
 * snare__mem_peek*): paths, NUL-terminated and counted strings, a task's
 * comm, execve's argv and envp, extended attribute values. A string that
 * cannot be read whole is printed as its address.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

void
print_path(struct fmt *f, uint64_t addr)
{
	/* strace reads PATH_MAX bytes: a NUL among them ends the path,
	   else PATH_MAX - 1 of them are shown and "...". One byte more
	   here tells the two apart. */
	char path[PATH_MAX + 1];
	ssize_t n;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	/* A path cut by an unreadable page is its address (umovestr()). */
	n = f->p ? snare__mem_peek_str(path, sizeof(path), f->p, addr) : -1;
	if (n < 0) {
		print_ptr(f, addr);
		return;
	}
	if ((size_t)n >= PATH_MAX) {
		pb_quote(f->b, (const unsigned char *)path, PATH_MAX - 1,
			 f->o->xflag, 0);
		pb_puts(f->b, "...");
		return;
	}
	pb_quote(f->b, (const unsigned char *)path, (size_t)n, f->o->xflag, 0);
}

/*
 * A string of at most len bytes at addr meant to end with a NUL, as
 * strace's printstr_ex() with QUOTE_0_TERMINATED: cut at -s with "...",
 * "..." too when no NUL comes within len bytes. Returns the string's
 * length plus one when its NUL was seen, 0 when not, -1 when unread.
 */
int
print_str_nul(struct fmt *f, uint64_t addr, uint32_t len)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	size_t size = max + 1 < len ? max + 1 : len, n, shown;
	char buf[4096];
	ssize_t got;
	bool nul;

	if (size > sizeof(buf) - 1)
		size = sizeof(buf) - 1;
	if (!f->p) {
		print_ptr(f, addr);
		return -1;
	}
	/* Up to the NUL, which may be followed by an unmapped page. */
	buf[0] = '\0';
	got = size ? snare__mem_peek_str(buf, size + 1, f->p, addr) : 0;
	if (got < 0) {
		print_ptr(f, addr);
		return -1;
	}
	n = (size_t)got;
	nul = n < size;
	shown = n < max ? n : max;
	pb_quote(f->b, (const unsigned char *)buf, shown, f->o->xflag, 0);
	if (len && (!nul || n > max))
		pb_puts(f->b, "...");
	return nul ? (int)n + 1 : 0;
}

/*
 * A string: NUL-terminated when len < 0, else len bytes. At most strsize
 * bytes are shown, followed by "..." when there were more.
 */
void
print_str(struct fmt *f, uint64_t addr, long len, int style)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	unsigned char stack_buf[1024], *s = stack_buf;
	size_t want, got;
	bool more;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (!f->p)
		goto addr_only;
	if (max + 2 > sizeof(stack_buf)) {
		s = malloc(max + 2);
		if (!s)
			goto addr_only;
	}
	if (len < 0) {
		ssize_t n = snare__mem_peek_str((char *)s, max + 2, f->p, addr);

		if (n < 0)
			goto addr_free;
		got = (size_t)n > max ? max : (size_t)n;
		more = (size_t)n > max;
		style |= QUOTE_CSTRING;
	} else {
		/* As strace's umoven(): a byte past -s when there are more,
		   and nothing when any of them cannot be read. */
		want = (size_t)len <= max ? (size_t)len : max + 1;
		if (want && snare__mem_peek(s, f->p, addr, want) != 0)
			goto addr_free;
		more = (size_t)len > max;
		got = more ? max : want;
	}
	pb_quote(f->b, s, got, f->o->xflag, style);
	if (more)
		pb_puts(f->b, "...");
	if (s != stack_buf)
		free(s);
	return;
addr_free:
	if (s != stack_buf)
		free(s);
addr_only:
	print_ptr(f, addr);
}

/* A task's comm: TASK_COMM_LEN (include/linux/sched.h) bytes with the
 * NUL, so at most 15 shown before "...". */
void
print_task_comm(struct fmt *f, uint64_t addr)
{
	enum { TASK_COMM_LEN = 16 };
	snare_format_opts opts = *f->o;
	struct fmt comm = *f;

	if (opts.strsize > TASK_COMM_LEN - 1 || opts.strsize < 0)
		opts.strsize = TASK_COMM_LEN - 1;
	comm.o = &opts;
	print_str(&comm, addr, -1, 0);
}

/* execve's argv: ["ls", "-l"], at most strsize strings (all under -v). */
void
print_argv(struct fmt *f, uint64_t addr)
{
	uint64_t ptr;
	size_t i, max = array_max(f);

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (!read_mem(f, &ptr, addr, sizeof(ptr))) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	for (i = 0;; i++) {
		/* A pointer that cannot be read: "..." and its address. */
		if (!read_mem(f, &ptr, addr + i * 8, 8)) {
			pb_printf(f->b, "%s... /* %#llx */", i ? ", " : "",
				  (unsigned long long)(addr + i * 8));
			break;
		}
		if (!ptr)
			break;
		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		print_str(f, ptr, -1, 0);
	}
	pb_putc(f->b, ']');
}

/* execve's envp, in strace's non-verbose form: 0x7ffd... followed by a
 * comment counting the variables; under -v the strings, as argv. */
void
print_envp(struct fmt *f, uint64_t addr)
{
	uint64_t ptr;
	size_t n = 0;

	if (f->o->verbose) {
		print_argv(f, addr);
		return;
	}

	print_ptr(f, addr);
	if (!addr || !read_mem(f, &ptr, addr, sizeof(ptr)))
		return;
	while (ptr) {
		n++;
		if (!read_mem(f, &ptr, addr + n * 8, 8)) {
			pb_printf(f->b, " /* %zu var%s, unterminated */", n,
				  n == 1 ? "" : "s");
			return;
		}
	}
	pb_printf(f->b, " /* %zu var%s */", n, n == 1 ? "" : "s");
}

/*
 * An extended attribute's value of size bytes, as strace's
 * print_xattr_val(): a string without its trailing NUL, the address when
 * larger than the kernel's XATTR_SIZE_MAX (include/uapi/linux/limits.h).
 */
void
print_xattr_value(struct fmt *f, uint64_t addr, uint64_t size)
{
	enum { KERNEL_XATTR_SIZE_MAX = 65536 };
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	char last;

	if (size > KERNEL_XATTR_SIZE_MAX) {
		print_ptr(f, addr);
		return;
	}
	if (size && size <= max && read_mem(f, &last, addr + size - 1, 1) &&
	    !last)
		size--;
	print_str(f, addr, (long)size, 0);
}
