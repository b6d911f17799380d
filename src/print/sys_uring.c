/* SPDX-License-Identifier: MIT */
/*
 * sys_uring.c: io_uring_setup (its params in, the rings' offsets and the
 * features out), io_uring_enter and io_uring_register, as strace 6.1
 * prints them.
 */
#define _GNU_SOURCE
#include <linux/io_uring.h>
#include <string.h>

#include "decoders.h"

XLAT_TABLE(uring_setup_flags, "IORING_SETUP_???", XLAT_PAIR(1U << 0,
	   "IORING_SETUP_IOPOLL"), XLAT_PAIR(1U << 1, "IORING_SETUP_SQPOLL"),
	   XLAT_PAIR(1U << 2, "IORING_SETUP_SQ_AFF"),
	   XLAT_PAIR(1U << 3, "IORING_SETUP_CQSIZE"),
	   XLAT_PAIR(1U << 4, "IORING_SETUP_CLAMP"),
	   XLAT_PAIR(1U << 5, "IORING_SETUP_ATTACH_WQ"),
	   XLAT_PAIR(1U << 6, "IORING_SETUP_R_DISABLED"),
	   XLAT_PAIR(1U << 7, "IORING_SETUP_SUBMIT_ALL"),
	   XLAT_PAIR(1U << 8, "IORING_SETUP_COOP_TASKRUN"),
	   XLAT_PAIR(1U << 9, "IORING_SETUP_TASKRUN_FLAG"),
	   XLAT_PAIR(1U << 10, "IORING_SETUP_SQE128"),
	   XLAT_PAIR(1U << 11, "IORING_SETUP_CQE32"));
XLAT_TABLE(uring_features, "IORING_FEAT_???", XLAT_PAIR(1U << 0,
	   "IORING_FEAT_SINGLE_MMAP"), XLAT_PAIR(1U << 1, "IORING_FEAT_NODROP"),
	   XLAT_PAIR(1U << 2, "IORING_FEAT_SUBMIT_STABLE"),
	   XLAT_PAIR(1U << 3, "IORING_FEAT_RW_CUR_POS"),
	   XLAT_PAIR(1U << 4, "IORING_FEAT_CUR_PERSONALITY"),
	   XLAT_PAIR(1U << 5, "IORING_FEAT_FAST_POLL"),
	   XLAT_PAIR(1U << 6, "IORING_FEAT_POLL_32BITS"),
	   XLAT_PAIR(1U << 7, "IORING_FEAT_SQPOLL_NONFIXED"),
	   XLAT_PAIR(1U << 8, "IORING_FEAT_EXT_ARG"),
	   XLAT_PAIR(1U << 9, "IORING_FEAT_NATIVE_WORKERS"),
	   XLAT_PAIR(1U << 10, "IORING_FEAT_RSRC_TAGS"),
	   XLAT_PAIR(1U << 11, "IORING_FEAT_CQE_SKIP"),
	   XLAT_PAIR(1U << 12, "IORING_FEAT_LINKED_FILE"));
XLAT_TABLE(uring_enter_flags, "IORING_ENTER_???", XLAT_PAIR(1U << 0,
	   "IORING_ENTER_GETEVENTS"), XLAT_PAIR(1U << 1, "IORING_ENTER_SQ_WAKEUP"),
	   XLAT_PAIR(1U << 2, "IORING_ENTER_SQ_WAIT"),
	   XLAT_PAIR(1U << 3, "IORING_ENTER_EXT_ARG"),
	   XLAT_PAIR(1U << 4, "IORING_ENTER_REGISTERED_RING"));
XLAT_TABLE(uring_register_ops, "IORING_REGISTER_???",
	   XLAT_PAIR(0, "IORING_REGISTER_BUFFERS"),
	   XLAT_PAIR(1, "IORING_UNREGISTER_BUFFERS"),
	   XLAT_PAIR(2, "IORING_REGISTER_FILES"),
	   XLAT_PAIR(3, "IORING_UNREGISTER_FILES"),
	   XLAT_PAIR(4, "IORING_REGISTER_EVENTFD"),
	   XLAT_PAIR(5, "IORING_UNREGISTER_EVENTFD"),
	   XLAT_PAIR(6, "IORING_REGISTER_FILES_UPDATE"),
	   XLAT_PAIR(7, "IORING_REGISTER_EVENTFD_ASYNC"),
	   XLAT_PAIR(8, "IORING_REGISTER_PROBE"),
	   XLAT_PAIR(9, "IORING_REGISTER_PERSONALITY"),
	   XLAT_PAIR(10, "IORING_UNREGISTER_PERSONALITY"),
	   XLAT_PAIR(11, "IORING_REGISTER_RESTRICTIONS"),
	   XLAT_PAIR(12, "IORING_REGISTER_ENABLE_RINGS"),
	   XLAT_PAIR(13, "IORING_REGISTER_FILES2"),
	   XLAT_PAIR(14, "IORING_REGISTER_FILES_UPDATE2"),
	   XLAT_PAIR(15, "IORING_REGISTER_BUFFERS2"),
	   XLAT_PAIR(16, "IORING_REGISTER_BUFFERS_UPDATE"),
	   XLAT_PAIR(17, "IORING_REGISTER_IOWQ_AFF"),
	   XLAT_PAIR(18, "IORING_UNREGISTER_IOWQ_AFF"),
	   XLAT_PAIR(19, "IORING_REGISTER_IOWQ_MAX_WORKERS"),
	   XLAT_PAIR(20, "IORING_REGISTER_RING_FDS"),
	   XLAT_PAIR(21, "IORING_UNREGISTER_RING_FDS"),
	   XLAT_PAIR(22, "IORING_REGISTER_PBUF_RING"),
	   XLAT_PAIR(23, "IORING_UNREGISTER_PBUF_RING"));

void
print_uring_enter_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &uring_enter_flags, (uint32_t)v);
}

/* io_uring_setup's params: flags in, rings and features out. */
void
print_uring_params(struct fmt *f, uint64_t v, int i)
{
	struct io_uring_params p;
	size_t k;
	bool zero = true;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &p, v, sizeof(p)))
			return;
		pb_puts(f->b, "{flags=");
		print_flags(f->b, &uring_setup_flags, p.flags);
		pb_printf(f->b, p.sq_thread_cpu ? ", sq_thread_cpu=%#x" :
			  ", sq_thread_cpu=%u", p.sq_thread_cpu);
		pb_printf(f->b, ", sq_thread_idle=%u", p.sq_thread_idle);
		if (p.flags & IORING_SETUP_ATTACH_WQ) {
			pb_puts(f->b, ", wq_fd=");
			print_fd(f, (int)p.wq_fd);
		}
		for (k = 0; k < ARRAY_SIZE(p.resv); k++)
			zero = zero && !p.resv[k];
		if (!zero) {
			pb_puts(f->b, ", resv=[");
			for (k = 0; k < ARRAY_SIZE(p.resv); k++)
				pb_printf(f->b, p.resv[k] ? "%s%#x" : "%s%u",
					  k ? ", " : "", p.resv[k]);
			pb_putc(f->b, ']');
		}
		return;
	}
	if (!read_mem(f, &p, v, sizeof(p)) || is_error(f) || !v) {
		/* Nothing was read at entry: nothing to close. */
		if (v && read_mem(f, &p, v, sizeof(p)))
			pb_putc(f->b, '}');
		return;
	}
	pb_printf(f->b, ", sq_entries=%u, cq_entries=%u, features=",
		  p.sq_entries, p.cq_entries);
	print_flags(f->b, &uring_features, p.features);
	pb_printf(f->b, ", sq_off={head=%u, tail=%u, ring_mask=%u, "
		  "ring_entries=%u, flags=%u, dropped=%u, array=%u",
		  p.sq_off.head, p.sq_off.tail, p.sq_off.ring_mask,
		  p.sq_off.ring_entries, p.sq_off.flags, p.sq_off.dropped,
		  p.sq_off.array);
	if (p.sq_off.resv1)
		pb_printf(f->b, ", resv1=%#x", p.sq_off.resv1);
	if (p.sq_off.resv2)
		pb_printf(f->b, ", resv2=%#llx",
			  (unsigned long long)p.sq_off.resv2);
	pb_printf(f->b, "}, cq_off={head=%u, tail=%u, ring_mask=%u, "
		  "ring_entries=%u, overflow=%u, cqes=%u, flags=%u",
		  p.cq_off.head, p.cq_off.tail, p.cq_off.ring_mask,
		  p.cq_off.ring_entries, p.cq_off.overflow, p.cq_off.cqes,
		  p.cq_off.flags);
	if (p.cq_off.resv1)
		pb_printf(f->b, ", resv1=%#x", p.cq_off.resv1);
	if (p.cq_off.resv2)
		pb_printf(f->b, ", resv2=%#llx",
			  (unsigned long long)p.cq_off.resv2);
	pb_puts(f->b, "}}");
}

void
print_uring_reg_op(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &uring_register_ops, (uint32_t)v, false);
}

static bool
print_fd_elem(struct fmt *f, const void *elem, void *data)
{
	int32_t fd;

	(void)data;
	memcpy(&fd, elem, sizeof(fd));
	print_fd(f, fd);
	return true;
}

void
print_uring_reg_arg(struct fmt *f, uint64_t v, int i)
{
	uint32_t n = (uint32_t)f->args[3];

	(void)i;
	switch ((uint32_t)f->args[1]) {
	case 0: /* IORING_REGISTER_BUFFERS */
		print_array(f, v, n, 2 * sizeof(uint64_t), print_iov_addr_elem,
			    NULL);
		break;
	case 2: case 4: case 7: /* FILES, EVENTFD, EVENTFD_ASYNC */
		print_array(f, v, n, sizeof(int32_t), print_fd_elem, NULL);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}
