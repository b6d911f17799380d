/* SPDX-License-Identifier: MIT */
/*
 * ioctl_dev.c: the perf event commands ('$') and userfaultfd's (0xaa),
 * as strace 6.1 prints them.
 */
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <stddef.h>

#include "ioctl_fam.h"

IOCTL_XLAT(perf_ioc_flags, "PERF_IOC_FLAG_???", XLAT(PERF_IOC_FLAG_GROUP));

static void
print_perf_flags_arg(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &perf_ioc_flags, (uint32_t)v);
}

static void
print_u64_in(struct fmt *f, uint64_t v, int i)
{
	uint64_t n;

	(void)i;
	if (read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%llu]", (unsigned long long)n);
}

static void
print_u64_out(struct fmt *f, uint64_t v, int i)
{
	uint64_t n;

	(void)i;
	if (ioctl_read_out(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%llu]", (unsigned long long)n);
}

static void
print_fd_int(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_fd(f, (int)v);
}

static void
print_filter(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_str(f, v, -1, 0);
}

static bool
print_u32_elem(struct fmt *f, const void *elem, void *data)
{
	(void)data;
	pb_printf(f->b, "%u", *(const uint32_t *)elem);
	return true;
}

/* {ids_len=N, at entry; prog_cnt=N, ids=[...]} at exit. */
static void
print_query_bpf(struct fmt *f, uint64_t v, int i)
{
	uint32_t n;

	(void)i;
	if (!f->exiting) {
		if (read_or_addr(f, &n, v, sizeof(n)))
			pb_printf(f->b, "{ids_len=%u, ", n);
		return;
	}
	if (!v || !read_mem(f, &n, v, sizeof(n)))
		return;
	if (is_error(f) ||
	    !read_mem(f, &n, v + offsetof(struct perf_event_query_bpf,
					  prog_cnt), sizeof(n))) {
		pb_puts(f->b, "...}");
		return;
	}
	pb_printf(f->b, "prog_cnt=%u, ids=", n);
	print_array(f, v + offsetof(struct perf_event_query_bpf, ids), n,
		    sizeof(uint32_t), print_u32_elem, NULL);
	pb_putc(f->b, '}');
}

bool
ioctl_perf_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case PERF_EVENT_IOC_ENABLE: case PERF_EVENT_IOC_DISABLE:
	case PERF_EVENT_IOC_RESET:
		a[2] = IOA_FN(FN, print_perf_flags_arg);
		break;
	case PERF_EVENT_IOC_REFRESH: a[2] = IOA(INT); break;
	case PERF_EVENT_IOC_PERIOD: a[2] = IOA_FN(FN, print_u64_in); break;
	case PERF_EVENT_IOC_SET_OUTPUT: case PERF_EVENT_IOC_SET_BPF:
		a[2] = IOA_FN(FN, print_fd_int);
		break;
	case PERF_EVENT_IOC_PAUSE_OUTPUT: a[2] = IOA(ULONG); break;
	case PERF_EVENT_IOC_SET_FILTER: a[2] = IOA_FN(FN, print_filter); break;
	case PERF_EVENT_IOC_ID: a[2] = IOA_FN(FN_OUT, print_u64_out); break;
	case PERF_EVENT_IOC_QUERY_BPF:
		a[2] = IOA_FN(FN_SPLIT, print_query_bpf);
		break;
	case PERF_EVENT_IOC_MODIFY_ATTRIBUTES:
		/* Read at exit, as perf_event_open(2)'s. */
		a[2] = IOA_FN(FN_SPLIT, print_perf_attr);
		break;
	default:
		return false;
	}
	return true;
}
