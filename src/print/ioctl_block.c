/* SPDX-License-Identifier: MIT */
/*
 * ioctl_block.c: the block device commands (0x12), as strace 6.1 prints
 * them: the numbers read or written through the argument, the discard
 * ranges, BLKPG's partition request and BLKTRACESETUP's setup.
 */
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/blkzoned.h>
#include <linux/fs.h>

#include "ioctl_fam.h"

#ifndef BLKGETDISKSEQ
#define BLKGETDISKSEQ _IOR(0x12, 128, uint64_t)
#endif

IOCTL_XLAT(blkpg_ops, "BLKPG_???", XLAT(BLKPG_ADD_PARTITION),
	   XLAT(BLKPG_DEL_PARTITION), XLAT(BLKPG_RESIZE_PARTITION));

enum num_kind { NUM_U16, NUM_INT, NUM_UINT, NUM_LONG, NUM_ULONG, NUM_U64 };

/* [N] at addr, of the kind. */
static void
print_num(struct fmt *f, uint64_t v, enum num_kind k, bool out)
{
	static const size_t size[] = { 2, 4, 4, 8, 8, 8 };
	union { uint16_t u16; int32_t i32; uint32_t u32; int64_t i64;
		uint64_t u64; } n;

	if (!(out ? ioctl_read_out(f, &n, v, size[k])
		  : read_or_addr(f, &n, v, size[k])))
		return;
	switch (k) {
	case NUM_U16: pb_printf(f->b, "[%u]", n.u16); break;
	case NUM_INT: pb_printf(f->b, "[%d]", n.i32); break;
	case NUM_UINT: pb_printf(f->b, "[%u]", n.u32); break;
	case NUM_LONG: pb_printf(f->b, "[%lld]", (long long)n.i64); break;
	case NUM_ULONG: case NUM_U64:
		pb_printf(f->b, "[%llu]", (unsigned long long)n.u64);
		break;
	}
}

static void print_u16_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_U16, true); }
static void print_int_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_INT, true); }
static void print_int_in(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_INT, false); }
static void print_uint_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_UINT, true); }
static void print_long_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_LONG, true); }
static void print_ulong_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_num(f, v, NUM_ULONG, true); }

static void
print_u64_pair(struct fmt *f, uint64_t v, int i)
{
	uint64_t p[2];

	(void)i;
	if (read_or_addr(f, p, v, sizeof(p)))
		pb_printf(f->b, "[%llu, %llu]", (unsigned long long)p[0],
			  (unsigned long long)p[1]);
}

static void
print_blkpg(struct fmt *f, uint64_t v, int i)
{
	struct blkpg_ioctl_arg r;
	struct blkpg_partition p;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_puts(f->b, "{op=");
	print_xval(f->b, &blkpg_ops, (uint32_t)r.op, false);
	pb_printf(f->b, ", flags=%d, datalen=%d, data=", r.flags, r.datalen);
	if (read_or_addr(f, &p, (uint64_t)(uintptr_t)r.data, sizeof(p))) {
		pb_printf(f->b, "{start=%lld, length=%lld, pno=%d, devname=",
			  (long long)p.start, (long long)p.length, p.pno);
		ioctl_print_cstring(f, p.devname, sizeof(p.devname));
		pb_puts(f->b, ", volname=");
		ioctl_print_cstring(f, p.volname, sizeof(p.volname));
		pb_putc(f->b, '}');
	}
	pb_putc(f->b, '}');
}

/* The setup at entry; the name the kernel gave the trace at exit. */
static void
print_trace_setup(struct fmt *f, uint64_t v, int i)
{
	struct blk_user_trace_setup s;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &s, v, sizeof(s)))
			return;
		pb_printf(f->b, "{act_mask=%u", s.act_mask);
		ioctl_field_u(f, "buf_size", s.buf_size);
		ioctl_field_u(f, "buf_nr", s.buf_nr);
		ioctl_field_u(f, "start_lba", s.start_lba);
		ioctl_field_u(f, "end_lba", s.end_lba);
		pb_puts(f->b, ", pid=");
		print_pid(f, (int)s.pid);
		return;
	}
	if (!v || !read_mem(f, &s, v, sizeof(s)))
		return;
	if (!is_error(f)) {
		pb_puts(f->b, ", name=");
		ioctl_print_cstring(f, s.name, sizeof(s.name));
	}
	pb_putc(f->b, '}');
}

bool
ioctl_block_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case BLKRASET: case BLKFRASET: a[2] = IOA(ULONG); break;
	case BLKSECTGET: case BLKROTATIONAL:
		a[2] = IOA_FN(FN_OUT, print_u16_out);
		break;
	case BLKROGET: case BLKBSZGET: case BLKSSZGET: case BLKALIGNOFF:
		a[2] = IOA_FN(FN_OUT, print_int_out);
		break;
	case BLKROSET: case BLKBSZSET: a[2] = IOA_FN(FN, print_int_in); break;
	case BLKPBSZGET: case BLKIOMIN: case BLKIOOPT: case BLKDISCARDZEROES:
	case BLKGETZONESZ: case BLKGETNRZONES:
		a[2] = IOA_FN(FN_OUT, print_uint_out);
		break;
	case BLKRAGET: case BLKFRAGET:
		a[2] = IOA_FN(FN_OUT, print_long_out);
		break;
	case BLKGETSIZE: case BLKGETSIZE64: case BLKGETDISKSEQ:
		a[2] = IOA_FN(FN_OUT, print_ulong_out);
		break;
	case BLKDISCARD: case BLKSECDISCARD: case BLKZEROOUT:
		a[2] = IOA_FN(FN, print_u64_pair);
		break;
	case BLKPG: a[2] = IOA_FN(FN, print_blkpg); break;
	case BLKTRACESETUP: a[2] = IOA_FN(FN_SPLIT, print_trace_setup); break;
	case BLKRRPART: case BLKFLSBUF: case BLKTRACESTART: case BLKTRACESTOP:
	case BLKTRACETEARDOWN:
		*nargs = 2;
		break;
	default:
		return false;
	}
	return true;
}
