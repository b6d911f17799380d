/* SPDX-License-Identifier: MIT */
/*
 * sys_mm.c: decoders of memory syscalls, as strace 6.1 prints them: the
 * NUMA memory policy calls (get_mempolicy, set_mempolicy, mbind,
 * migrate_pages, move_pages: modes with their MPOL_F_* flags, node masks
 * as arrays of words in hex), process_madvise, modify_ldt.
 */
#define _GNU_SOURCE
#include <linux/mempolicy.h>
#include <string.h>
#include <sys/syscall.h>

#include "decoders.h"

#define MPOL_FLAGS_MASK (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | \
			 (1U << 13) /* MPOL_F_NUMA_BALANCING */)

XLAT_TABLE(mpol_modes, "MPOL_???", XLAT_PAIR(0, "MPOL_DEFAULT"),
	   XLAT_PAIR(1, "MPOL_PREFERRED"), XLAT_PAIR(2, "MPOL_BIND"),
	   XLAT_PAIR(3, "MPOL_INTERLEAVE"), XLAT_PAIR(4, "MPOL_LOCAL"),
	   XLAT_PAIR(5, "MPOL_PREFERRED_MANY"));
XLAT_TABLE(mpol_mode_flags, "MPOL_???",
	   XLAT_PAIR(1U << 15, "MPOL_F_STATIC_NODES"),
	   XLAT_PAIR(1U << 14, "MPOL_F_RELATIVE_NODES"),
	   XLAT_PAIR(1U << 13, "MPOL_F_NUMA_BALANCING"));
XLAT_TABLE(mbind_flags, "MPOL_???", XLAT_PAIR(1, "MPOL_MF_STRICT"),
	   XLAT_PAIR(2, "MPOL_MF_MOVE"), XLAT_PAIR(4, "MPOL_MF_MOVE_ALL"));
XLAT_TABLE(get_mempolicy_flags, "MPOL_???", XLAT_PAIR(1, "MPOL_F_NODE"),
	   XLAT_PAIR(2, "MPOL_F_ADDR"), XLAT_PAIR(4, "MPOL_F_MEMS_ALLOWED"));
XLAT_TABLE(move_pages_flags, "MPOL_???", XLAT_PAIR(2, "MPOL_MF_MOVE"),
	   XLAT_PAIR(4, "MPOL_MF_MOVE_ALL"));

/* A mode: MPOL_BIND, MPOL_PREFERRED|MPOL_F_STATIC_NODES. */
static void
print_mode(struct pbuf *b, uint64_t arg)
{
	uint64_t mode = arg & ~(uint64_t)MPOL_FLAGS_MASK;
	unsigned flags = (unsigned)(arg & MPOL_FLAGS_MASK);
	const char *name = xlat_name(&mpol_modes, mode);
	int saved;

	if (!flags) {
		print_xval(b, &mpol_modes, mode, false);
		return;
	}
	if (!name) {
		print_flags(b, &mpol_mode_flags, arg);
		return;
	}
	/* The mode and its flags as one number first under -X raw and
	   verbose. */
	if (xstyle_begin(b, arg, 16, &saved)) {
		pb_printf(b, "%s|", name);
		print_flags(b, &mpol_mode_flags, flags);
	}
	xstyle_end(b, saved);
}

void
print_mpol_mode(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	/* set_mempolicy's mode is an int; mbind's an unsigned long. */
	print_mode(f->b, f->nr == SYS_set_mempolicy ? (uint32_t)v : v);
}

/* get_mempolicy's mode, at exit: [MPOL_DEFAULT]. */
void
print_mpol_mode_out(struct fmt *f, uint64_t v, int i)
{
	int32_t mode;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &mode, v, sizeof(mode)))
		return;
	pb_putc(f->b, '[');
	print_xval(f->b, &mpol_modes, (uint64_t)(int64_t)mode, false);
	pb_putc(f->b, ']');
}

static bool
print_node_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%#016llx", (unsigned long long)v);
	return true;
}

/* A node mask of maxnode bits, as strace's print_nodemask(). */
static void
print_nodemask(struct fmt *f, uint64_t addr, uint64_t maxnode)
{
	uint64_t nmemb = (maxnode + 64 - 2) / 64;

	if (nmemb < maxnode / 64 || (maxnode && !nmemb)) {
		print_ptr(f, addr);
		return;
	}
	if (is_error(f) && addr && nmemb) {
		print_ptr(f, addr);
		return;
	}
	print_array(f, addr, nmemb, sizeof(uint64_t), print_node_elem, NULL);
}

/* The mask argument; its maxnode is the next argument. */
void
print_nodemask_in(struct fmt *f, uint64_t v, int i)
{
	print_nodemask(f, v, f->args[i + 1]);
}

/* get_mempolicy's, at exit; migrate_pages' two, maxnode in args[1]. */
void
print_nodemask_out(struct fmt *f, uint64_t v, int i)
{
	print_nodemask(f, v, f->nr == SYS_migrate_pages ? f->args[1]
							 : f->args[i + 1]);
}

void
print_mpol_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &get_mempolicy_flags, v);
}

void
print_mbind_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &mbind_flags, (uint32_t)v);
}

void
print_move_pages_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &move_pages_flags, (uint32_t)v);
}

static bool
print_addr_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	print_ptr(f, v);
	return true;
}

static bool
print_int_elem(struct fmt *f, const void *elem, void *data)
{
	int32_t v;

	memcpy(&v, elem, sizeof(v));
	/* A status is a node, or an error as -ENOENT (a number first
	   under -X raw and verbose). */
	if (!data || v >= 0 || v < -4095 || !snare__errno_name(-v)) {
		pb_printf(f->b, "%d", v);
		return true;
	}
	if (f->b->xstyle == 1 || f->b->xstyle == 2)
		pb_printf(f->b, "%d", v);
	if (f->b->xstyle == 2)
		pb_printf(f->b, " /* -%s */", snare__errno_name(-v));
	else if (f->b->xstyle != 1)
		pb_printf(f->b, "-%s", snare__errno_name(-v));
	return true;
}

/* move_pages: the pages and nodes at entry, the status at exit. */
void
print_pages_in(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_array(f, v, f->args[1], sizeof(uint64_t), print_addr_elem, NULL);
}

void
print_nodes_in(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_array(f, v, f->args[1], sizeof(int32_t), print_int_elem, NULL);
}

void
print_status_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	/* After an error the status is not read, but an empty array
	   still prints as []. */
	if (is_error(f) && v && f->args[1]) {
		print_ptr(f, v);
		return;
	}
	print_array(f, v, f->args[1], sizeof(int32_t), print_int_elem,
		    (void *)1);
}

/* process_madvise: the iovec shows its addresses only. */
void
print_madvise_iov(struct fmt *f, uint64_t v, int i)
{
	print_array(f, v, f->args[i + 1], 2 * sizeof(uint64_t),
		    print_iov_addr_elem, NULL);
}

void
print_madvise_advice(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &madvise_advice, (uint32_t)v, false);
}

/* A struct user_desc (modify_ldt, set/get_thread_area): its entry
   number, then the rest. */
static void
print_user_desc_rest(struct pbuf *b, const uint32_t d[4])
{
	pb_printf(b, ", base_addr=%#08x, limit=%#08x, seg_32bit=%u, "
		  "contents=%u, read_exec_only=%u, limit_in_pages=%u, "
		  "seg_not_present=%u, useable=%u, lm=%u}", d[1], d[2], d[3] & 1,
		  (d[3] >> 1) & 3, (d[3] >> 3) & 1, (d[3] >> 4) & 1,
		  (d[3] >> 5) & 1, (d[3] >> 6) & 1, (d[3] >> 7) & 1);
}

/* -1 asks the kernel for a free entry: strace prints it so. */
static void
print_entry_number(struct pbuf *b, uint32_t n)
{
	if (n == UINT32_MAX)
		pb_puts(b, "-1");
	else
		pb_printf(b, "%u", n);
}

static void
print_user_desc(struct fmt *f, uint64_t addr)
{
	uint32_t d[4];

	if (!read_or_addr(f, d, addr, sizeof(d)))
		return;
	pb_puts(f->b, "{entry_number=");
	print_entry_number(f->b, d[0]);
	print_user_desc_rest(f->b, d);
}

/* modify_ldt: a struct user_desc when the size is one's. */
void
print_ldt_ptr(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (f->args[2] != 16)
		print_ptr(f, v);
	else
		print_user_desc(f, v);
}

void
print_set_thread_area(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_user_desc(f, v);
}

/* set_thread_area's return: the entry the kernel chose. */
void
rv_set_thread_area(struct fmt *f)
{
	uint32_t entry;

	pb_printf(f->b, "%lld", (long long)f->rv);
	if (read_mem(f, &entry, f->args[0], sizeof(entry)))
		pb_printf(f->b, " (entry_number=%u)", entry);
}

/* get_thread_area: the entry number asked for at entry, the rest (or
   "...") at exit. */
void
print_get_thread_area(struct fmt *f, uint64_t v, int i)
{
	uint32_t d[4];

	(void)i;
	if (!f->exiting) {
		if (read_or_addr(f, d, v, sizeof(d[0]))) {
			pb_puts(f->b, "{entry_number=");
			print_entry_number(f->b, d[0]);
		}
		return;
	}
	if (!v || !read_mem(f, d, v, sizeof(d[0])))
		return;
	if (is_error(f) || !read_mem(f, d, v, sizeof(d))) {
		pb_puts(f->b, ", ...}");
		return;
	}
	print_user_desc_rest(f->b, d);
}

/* The kernel returns modify_ldt's error as an int, zero-extended: strace
   names the error after the number. */
void
rv_modify_ldt(struct fmt *f)
{
	uint64_t rv = (uint64_t)f->rv;
	const char *name, *msg;
	int err;

	pb_printf(f->b, "%llu", (unsigned long long)rv);
	if (rv < 0xfffff000ULL || rv > 0xffffffffULL)
		return;
	err = (int)(0x100000000ULL - rv);
	name = snare__errno_name(err);
	msg = snare__errno_msg(err);
	if (name)
		pb_printf(f->b, " %s (%s)", name, msg ? msg : "?");
}
