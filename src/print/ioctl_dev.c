/* SPDX-License-Identifier: MIT */
/*
 * ioctl_dev.c: the perf event commands ('$') and userfaultfd's (0xaa),
 * as strace 6.1 prints them.
 *
 * The userfaultfd structs print their input at entry and the fields the
 * kernel fills at exit; the entry notes (note_put()) that it printed the
 * struct, so that the exit half knows whether to finish it.
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
		    sizeof(uint32_t), print_elem_u32, NULL);
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

/* 0xaa: userfaultfd. */

IOCTL_XLAT(uffd_features, "UFFD_FEATURE_???",
	   XLAT_PAIR(1 << 0, "UFFD_FEATURE_PAGEFAULT_FLAG_WP"),
	   XLAT_PAIR(1 << 1, "UFFD_FEATURE_EVENT_FORK"),
	   XLAT_PAIR(1 << 2, "UFFD_FEATURE_EVENT_REMAP"),
	   XLAT_PAIR(1 << 3, "UFFD_FEATURE_EVENT_REMOVE"),
	   XLAT_PAIR(1 << 4, "UFFD_FEATURE_MISSING_HUGETLBFS"),
	   XLAT_PAIR(1 << 5, "UFFD_FEATURE_MISSING_SHMEM"),
	   XLAT_PAIR(1 << 6, "UFFD_FEATURE_EVENT_UNMAP"),
	   XLAT_PAIR(1 << 7, "UFFD_FEATURE_SIGBUS"),
	   XLAT_PAIR(1 << 8, "UFFD_FEATURE_THREAD_ID"),
	   XLAT_PAIR(1 << 9, "UFFD_FEATURE_MINOR_HUGETLBFS"),
	   XLAT_PAIR(1 << 10, "UFFD_FEATURE_MINOR_SHMEM"),
	   XLAT_PAIR(1 << 11, "UFFD_FEATURE_EXACT_ADDRESS"),
	   XLAT_PAIR(1 << 12, "UFFD_FEATURE_WP_HUGETLBFS_SHMEM"));
IOCTL_XLAT(uffd_api_ioctls, "_UFFDIO_???",
	   XLAT_PAIR(1ULL << 0, "1<<_UFFDIO_REGISTER"),
	   XLAT_PAIR(1ULL << 1, "1<<_UFFDIO_UNREGISTER"),
	   XLAT_PAIR(1ULL << 0x3f, "1<<_UFFDIO_API"));
IOCTL_XLAT(uffd_range_ioctls, "UFFDIO_???",
	   XLAT_PAIR(1ULL << 2, "1<<_UFFDIO_WAKE"),
	   XLAT_PAIR(1ULL << 3, "1<<_UFFDIO_COPY"),
	   XLAT_PAIR(1ULL << 4, "1<<_UFFDIO_ZEROPAGE"),
	   XLAT_PAIR(1ULL << 6, "1<<_UFFDIO_WRITEPROTECT"),
	   XLAT_PAIR(1ULL << 7, "1<<_UFFDIO_CONTINUE"));
IOCTL_XLAT(uffd_copy_modes, "UFFDIO_COPY_???",
	   XLAT_PAIR(1 << 0, "UFFDIO_COPY_MODE_DONTWAKE"),
	   XLAT_PAIR(1 << 1, "UFFDIO_COPY_MODE_WP"));
IOCTL_XLAT(uffd_register_modes, "UFFDIO_REGISTER_MODE_???",
	   XLAT_PAIR(1 << 0, "UFFDIO_REGISTER_MODE_MISSING"),
	   XLAT_PAIR(1 << 1, "UFFDIO_REGISTER_MODE_WP"),
	   XLAT_PAIR(1 << 2, "UFFDIO_REGISTER_MODE_MINOR"));
IOCTL_XLAT(uffd_zeropage_modes, "UFFDIO_ZEROPAGE_???",
	   XLAT_PAIR(1 << 0, "UFFDIO_ZEROPAGE_MODE_DONTWAKE"));

static void
print_range(struct fmt *f, const struct uffdio_range *r)
{
	pb_printf(f->b, r->start ? "{start=%#llx" : "{start=0",
		  (unsigned long long)r->start);
	ioctl_field_x(f, "len", r->len);
	pb_putc(f->b, '}');
}

/* At exit: whether the entry printed the struct at v (and what it
   noted), and whether to go on with the exit's fields. */
static bool
uffd_exit(struct fmt *f, uint64_t v, void *out, size_t len, int64_t *noted)
{
	int64_t dummy;

	if (!note_get(f, v, noted ? noted : &dummy, true))
		return false;
	if (is_error(f) || !read_mem(f, out, v, len)) {
		pb_putc(f->b, '}');
		return false;
	}
	return true;
}

static void
print_uffdio_api(struct fmt *f, uint64_t v, int i)
{
	struct uffdio_api ua;
	int64_t features;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &ua, v, sizeof(ua)))
			return;
		pb_printf(f->b, ua.api ? "{api=%#llx" : "{api=0",
			  (unsigned long long)ua.api);
		ioctl_field_flags(f, "features", &uffd_features, ua.features);
		note_put(f, v, (int64_t)ua.features);
		return;
	}
	if (!uffd_exit(f, v, &ua, sizeof(ua), &features))
		return;
	if ((uint64_t)features != ua.features) {
		pb_puts(f->b, " => features=");
		print_flags(f->b, &uffd_features, ua.features);
	}
	ioctl_field_flags(f, "ioctls", &uffd_api_ioctls, ua.ioctls);
	pb_putc(f->b, '}');
}

static void
print_uffdio_copy(struct fmt *f, uint64_t v, int i)
{
	struct uffdio_copy uc;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &uc, v, sizeof(uc)))
			return;
		pb_printf(f->b, uc.dst ? "{dst=%#llx" : "{dst=0",
			  (unsigned long long)uc.dst);
		ioctl_field_x(f, "src", uc.src);
		ioctl_field_x(f, "len", uc.len);
		ioctl_field_flags(f, "mode", &uffd_copy_modes, uc.mode);
		note_put(f, v, 1);
		return;
	}
	if (!uffd_exit(f, v, &uc, sizeof(uc), NULL))
		return;
	ioctl_field_x(f, "copy", (uint64_t)uc.copy);
	pb_putc(f->b, '}');
}

static void
print_uffdio_register(struct fmt *f, uint64_t v, int i)
{
	struct uffdio_register ur;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &ur, v, sizeof(ur)))
			return;
		pb_puts(f->b, "{range=");
		print_range(f, &ur.range);
		ioctl_field_flags(f, "mode", &uffd_register_modes, ur.mode);
		note_put(f, v, 1);
		return;
	}
	if (!uffd_exit(f, v, &ur, sizeof(ur), NULL))
		return;
	ioctl_field_flags(f, "ioctls", &uffd_range_ioctls, ur.ioctls);
	pb_putc(f->b, '}');
}

static void
print_uffdio_zeropage(struct fmt *f, uint64_t v, int i)
{
	struct uffdio_zeropage uz;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &uz, v, sizeof(uz)))
			return;
		pb_puts(f->b, "{range=");
		print_range(f, &uz.range);
		ioctl_field_flags(f, "mode", &uffd_zeropage_modes, uz.mode);
		note_put(f, v, 1);
		return;
	}
	if (!uffd_exit(f, v, &uz, sizeof(uz), NULL))
		return;
	ioctl_field_x(f, "zeropage", (uint64_t)uz.zeropage);
	pb_putc(f->b, '}');
}

static void
print_uffdio_range(struct fmt *f, uint64_t v, int i)
{
	struct uffdio_range r;

	(void)i;
	if (read_or_addr(f, &r, v, sizeof(r)))
		print_range(f, &r);
}

bool
ioctl_uffdio_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case UFFDIO_API: a[2] = IOA_FN(FN_SPLIT, print_uffdio_api); break;
	case UFFDIO_COPY: a[2] = IOA_FN(FN_SPLIT, print_uffdio_copy); break;
	case UFFDIO_REGISTER:
		a[2] = IOA_FN(FN_SPLIT, print_uffdio_register);
		break;
	case UFFDIO_ZEROPAGE:
		a[2] = IOA_FN(FN_SPLIT, print_uffdio_zeropage);
		break;
	case UFFDIO_UNREGISTER: case UFFDIO_WAKE:
		a[2] = IOA_FN(FN, print_uffdio_range);
		break;
	default:
		return false;
	}
	return true;
}
