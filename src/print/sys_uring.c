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

/* The operations of a probe and of a restriction (IORING_OP_*), in
   the kernel's order. */
static const char *const uring_op_names[] = {
	"IORING_OP_NOP", "IORING_OP_READV", "IORING_OP_WRITEV",
	"IORING_OP_FSYNC", "IORING_OP_READ_FIXED", "IORING_OP_WRITE_FIXED",
	"IORING_OP_POLL_ADD", "IORING_OP_POLL_REMOVE",
	"IORING_OP_SYNC_FILE_RANGE", "IORING_OP_SENDMSG",
	"IORING_OP_RECVMSG", "IORING_OP_TIMEOUT", "IORING_OP_TIMEOUT_REMOVE",
	"IORING_OP_ACCEPT", "IORING_OP_ASYNC_CANCEL",
	"IORING_OP_LINK_TIMEOUT", "IORING_OP_CONNECT", "IORING_OP_FALLOCATE",
	"IORING_OP_OPENAT", "IORING_OP_CLOSE", "IORING_OP_FILES_UPDATE",
	"IORING_OP_STATX", "IORING_OP_READ", "IORING_OP_WRITE",
	"IORING_OP_FADVISE", "IORING_OP_MADVISE", "IORING_OP_SEND",
	"IORING_OP_RECV", "IORING_OP_OPENAT2", "IORING_OP_EPOLL_CTL",
	"IORING_OP_SPLICE", "IORING_OP_PROVIDE_BUFFERS",
	"IORING_OP_REMOVE_BUFFERS", "IORING_OP_TEE", "IORING_OP_SHUTDOWN",
	"IORING_OP_RENAMEAT", "IORING_OP_UNLINKAT", "IORING_OP_MKDIRAT",
	"IORING_OP_SYMLINKAT", "IORING_OP_LINKAT", "IORING_OP_MSG_RING",
	"IORING_OP_FSETXATTR", "IORING_OP_SETXATTR", "IORING_OP_FGETXATTR",
	"IORING_OP_GETXATTR", "IORING_OP_SOCKET", "IORING_OP_URING_CMD",
};
XLAT_TABLE(uring_op_flags, "IO_URING_OP_???",
	   XLAT_PAIR(1, "IO_URING_OP_SUPPORTED"));
XLAT_TABLE(uring_restriction_ops, "IORING_RESTRICTION_???",
	   XLAT_PAIR(0, "IORING_RESTRICTION_REGISTER_OP"),
	   XLAT_PAIR(1, "IORING_RESTRICTION_SQE_OP"),
	   XLAT_PAIR(2, "IORING_RESTRICTION_SQE_FLAGS_ALLOWED"),
	   XLAT_PAIR(3, "IORING_RESTRICTION_SQE_FLAGS_REQUIRED"));
XLAT_TABLE(uring_sqe_flags, "IOSQE_???",
	   XLAT_PAIR(1U << 0, "IOSQE_FIXED_FILE"),
	   XLAT_PAIR(1U << 1, "IOSQE_IO_DRAIN"),
	   XLAT_PAIR(1U << 2, "IOSQE_IO_LINK"),
	   XLAT_PAIR(1U << 3, "IOSQE_IO_HARDLINK"),
	   XLAT_PAIR(1U << 4, "IOSQE_ASYNC"),
	   XLAT_PAIR(1U << 5, "IOSQE_BUFFER_SELECT"),
	   XLAT_PAIR(1U << 6, "IOSQE_CQE_SKIP_SUCCESS"));
XLAT_TABLE(uring_rsrc_flags, "IORING_RSRC_REGISTER_???",
	   XLAT_PAIR(1, "IORING_RSRC_REGISTER_SPARSE"));
XLAT_TABLE(uring_iowq_acct, "IO_WQ_???", XLAT_PAIR(0, "IO_WQ_BOUND"),
	   XLAT_PAIR(1, "IO_WQ_UNBOUND"));
/* A -2 among the fds of a files update keeps the slot as it is. */
#define URING_FILES_SKIP (-2)

/* The operands of io_uring_register by opcode (include/uapi/linux/
   io_uring.h), laid out here so that older headers do not matter. */
struct uring_probe_op {
	uint8_t op, resv;
	uint16_t flags;
	uint32_t resv2;
};
struct uring_probe {
	uint8_t last_op, ops_len;
	uint16_t resv;
	uint32_t resv2[3];
	struct uring_probe_op ops[];
};
struct uring_restriction {
	uint16_t opcode;
	uint8_t op; /* register_op, sqe_op or sqe_flags */
	uint8_t resv;
	uint32_t resv2[3];
};
struct uring_files_update {
	uint32_t offset, resv;
	uint64_t fds;
};
struct uring_rsrc_register {
	uint32_t nr, flags;
	uint64_t resv2, data, tags;
};
struct uring_rsrc_update2 {
	uint32_t offset, resv;
	uint64_t data, tags;
	uint32_t nr, resv2;
};
struct uring_rsrc_update {
	uint32_t offset, resv;
	uint64_t data;
};
struct uring_buf_reg {
	uint64_t ring_addr;
	uint32_t ring_entries;
	uint16_t bgid, pad;
	uint64_t resv[3];
};
enum {
	PROBE_OPS_MAX = 256,
	/* What the entry half of a probe or of IOWQ_MAX_WORKERS left for
	   the exit half (noted by the argument's address). */
	ENTRY_NOTHING = 1, /* nothing: all of it at exit */
	ENTRY_SHOWN,       /* the value: " => " and the new one at exit */
};

/* An operation: unknown ones in decimal (dec, a probe's) or hex. */
static void
print_uring_op(struct pbuf *b, unsigned op, bool dec)
{
	static const struct xlat none = { NULL, 0, "IORING_OP_???" };
	struct xlat_data d;
	struct xlat one = { &d, 1, "IORING_OP_???" };

	if (op >= ARRAY_SIZE(uring_op_names)) {
		print_xval(b, &none, op, dec);
		return;
	}
	d.val = op;
	d.str = uring_op_names[op];
	print_xval(b, &one, op, dec);
}

static void
print_u32_array_hex(struct pbuf *b, const uint32_t *v, size_t n)
{
	size_t k;

	pb_putc(b, '[');
	for (k = 0; k < n; k++)
		pb_printf(b, v[k] ? "%s%#x" : "%s%u", k ? ", " : "", v[k]);
	pb_putc(b, ']');
}

static bool
any_set(const uint32_t *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (v[k])
			return true;
	return false;
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

/* An fd of a files update: -2 is IORING_REGISTER_FILES_SKIP, other
   negative numbers print as they are. */
static bool
print_update_fd_elem(struct fmt *f, const void *elem, void *data)
{
	int32_t fd;

	(void)data;
	memcpy(&fd, elem, sizeof(fd));
	if (fd == URING_FILES_SKIP)
		print_const(f->b, (uint64_t)(int64_t)fd,
			    "IORING_REGISTER_FILES_SKIP", true);
	else if (fd < -1)
		pb_printf(f->b, "%d", fd);
	else
		print_fd(f, fd);
	return true;
}

static void
print_probe_ops(struct fmt *f, const struct uring_probe_op *ops, size_t n,
		bool truncated)
{
	size_t k, max = array_max(f);

	pb_putc(f->b, '[');
	for (k = 0; k < n; k++) {
		if (k)
			pb_puts(f->b, ", ");
		if (k >= max) {
			pb_puts(f->b, "...");
			truncated = false;
			break;
		}
		pb_puts(f->b, "{op=");
		print_uring_op(f->b, ops[k].op, true);
		if (ops[k].resv)
			pb_printf(f->b, ", resv=%#x", ops[k].resv);
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &uring_op_flags, ops[k].flags);
		if (ops[k].resv2)
			pb_printf(f->b, ", resv2=%#x", ops[k].resv2);
		pb_putc(f->b, '}');
	}
	if (truncated)
		pb_puts(f->b, n ? ", ..." : "...");
	pb_putc(f->b, ']');
}

/* IORING_REGISTER_PROBE: the kernel wants it zeroed, so strace shows it
   at entry only when it is not, and at exit. */
static void
print_probe(struct fmt *f, uint64_t addr, unsigned n)
{
	/* Kept in words for the alignment of the struct's fields. */
	uint64_t store[(sizeof(struct uring_probe) +
			PROBE_OPS_MAX * sizeof(struct uring_probe_op)) / 8];
	const unsigned char *buf = (const unsigned char *)store;
	struct uring_probe *p = (struct uring_probe *)(void *)store;
	size_t len = sizeof(*p) + (size_t)n * sizeof(p->ops[0]), k;
	int64_t entry = 0;
	bool zero = true;

	if (f->exiting) {
		if (!note_get(f, addr, &entry, true))
			return;
		if (entry == ENTRY_SHOWN && is_error(f))
			return;
		if (entry == ENTRY_SHOWN)
			pb_puts(f->b, " => ");
		else if (is_error(f)) {
			print_ptr(f, addr);
			return;
		}
	} else if (n > PROBE_OPS_MAX) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, store, addr, len))
		return;
	if (!f->exiting) {
		for (k = 0; k < len && zero; k++)
			zero = !buf[k];
		note_put(f, addr, zero ? ENTRY_NOTHING : ENTRY_SHOWN);
		if (zero)
			return;
	}
	pb_puts(f->b, "{last_op=");
	print_uring_op(f->b, p->last_op, true);
	pb_printf(f->b, ", ops_len=%u", p->ops_len);
	if (p->resv)
		pb_printf(f->b, ", resv=%#x", p->resv);
	if (any_set(p->resv2, ARRAY_SIZE(p->resv2))) {
		pb_puts(f->b, ", resv2=");
		print_u32_array_hex(f->b, p->resv2, ARRAY_SIZE(p->resv2));
	}
	pb_puts(f->b, ", ops=");
	if (f->exiting)
		print_probe_ops(f, p->ops, n < p->ops_len ? n : p->ops_len,
				n < p->ops_len);
	else
		print_probe_ops(f, p->ops, n, false);
	pb_putc(f->b, '}');
}

static bool
print_restriction_elem(struct fmt *f, const void *elem, void *data)
{
	struct uring_restriction r;

	(void)data;
	memcpy(&r, elem, sizeof(r));
	pb_puts(f->b, "{opcode=");
	print_xval(f->b, &uring_restriction_ops, r.opcode, false);
	switch (r.opcode) {
	case 0:
		pb_puts(f->b, ", register_op=");
		print_xval(f->b, &uring_register_ops, r.op, false);
		break;
	case 1:
		pb_puts(f->b, ", sqe_op=");
		print_uring_op(f->b, r.op, false);
		break;
	case 2: case 3:
		pb_puts(f->b, ", sqe_flags=");
		print_flags(f->b, &uring_sqe_flags, r.op);
		break;
	default:
		pb_printf(f->b, " /* op: %#x */", r.op);
		break;
	}
	if (r.resv)
		pb_printf(f->b, ", resv=%#x", r.resv);
	if (any_set(r.resv2, ARRAY_SIZE(r.resv2))) {
		pb_puts(f->b, ", resv2=");
		print_u32_array_hex(f->b, r.resv2, ARRAY_SIZE(r.resv2));
	}
	pb_putc(f->b, '}');
	return true;
}

static void
print_files_update(struct fmt *f, uint64_t addr, unsigned n)
{
	struct uring_files_update u;

	if (!read_or_addr(f, &u, addr, sizeof(u)))
		return;
	pb_printf(f->b, "{offset=%u", u.offset);
	if (u.resv)
		pb_printf(f->b, ", resv=%#x", u.resv);
	pb_puts(f->b, ", fds=");
	print_array(f, u.fds, n, sizeof(int32_t), print_update_fd_elem, NULL);
	pb_putc(f->b, '}');
}

/* The data and tags of a resource registration or update. */
static void
print_rsrc_data_tags(struct fmt *f, unsigned op, uint64_t data,
		     uint64_t tags, uint32_t nr)
{
	pb_puts(f->b, ", data=");
	if (op == 13) /* FILES2 */
		print_array(f, data, nr, sizeof(int32_t), print_fd_elem, NULL);
	else if (op == 14) /* FILES_UPDATE2 */
		print_array(f, data, nr, sizeof(int32_t), print_update_fd_elem,
			    NULL);
	else
		print_array(f, data, nr, 2 * sizeof(uint64_t),
			    print_iov_addr_elem, NULL);
	pb_puts(f->b, ", tags=");
	print_array(f, tags, nr, sizeof(uint64_t), print_elem_x64, NULL);
}

/* FILES2, BUFFERS2: struct io_uring_rsrc_register of size bytes. */
static void
print_rsrc_register(struct fmt *f, uint64_t addr, unsigned size,
		    unsigned op)
{
	struct uring_rsrc_register r;

	if (size < sizeof(r)) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, &r, addr, sizeof(r)))
		return;
	pb_printf(f->b, "{nr=%u, flags=", r.nr);
	print_flags(f->b, &uring_rsrc_flags, r.flags);
	if (r.resv2)
		pb_printf(f->b, ", resv2=%#llx", (unsigned long long)r.resv2);
	print_rsrc_data_tags(f, op, r.data, r.tags, r.nr);
	print_nonzero_tail(f, ", ", addr, sizeof(r), size);
	pb_putc(f->b, '}');
}

/* FILES_UPDATE2, BUFFERS_UPDATE: struct io_uring_rsrc_update2. */
static void
print_rsrc_update(struct fmt *f, uint64_t addr, unsigned size, unsigned op)
{
	struct uring_rsrc_update2 u;

	if (size < sizeof(u)) {
		print_ptr(f, addr);
		return;
	}
	if (!read_or_addr(f, &u, addr, sizeof(u)))
		return;
	pb_printf(f->b, "{offset=%u", u.offset);
	if (u.resv)
		pb_printf(f->b, ", resv=%#x", u.resv);
	print_rsrc_data_tags(f, op, u.data, u.tags, u.nr);
	pb_printf(f->b, ", nr=%u", u.nr);
	if (u.resv2)
		pb_printf(f->b, ", resv2=%#x", u.resv2);
	print_nonzero_tail(f, ", ", addr, sizeof(u), size);
	pb_putc(f->b, '}');
}

/* IORING_REGISTER_IOWQ_MAX_WORKERS: [[IO_WQ_BOUND]=4, ...]. */
struct iowq_state {
	unsigned idx;
};

static bool
print_iowq_elem(struct fmt *f, const void *elem, void *data)
{
	struct iowq_state *st = data;
	uint32_t v;

	memcpy(&v, elem, sizeof(v));
	pb_putc(f->b, '[');
	print_xval(f->b, &uring_iowq_acct, st->idx++, true);
	pb_printf(f->b, "]=%u", v);
	return true;
}

/* Whether the array was shown to its end (or to strsize's "..."). */
static bool
print_iowq(struct fmt *f, uint64_t addr, unsigned n)
{
	struct iowq_state st = { 0 };
	uint64_t last = n - 1;
	uint32_t v;

	print_array(f, addr, n, sizeof(uint32_t), print_iowq_elem, &st);
	if (!addr || !n)
		return false;
	if (last > array_max(f))
		last = array_max(f);
	return read_mem(f, &v, addr + last * sizeof(v), sizeof(v));
}

static bool
print_ringfd_elem(struct fmt *f, const void *elem, void *data)
{
	struct uring_rsrc_update u;

	(void)data;
	memcpy(&u, elem, sizeof(u));
	pb_printf(f->b, u.offset == UINT32_MAX ? "{offset=-1" : "{offset=%u",
		  u.offset);
	if (u.resv)
		pb_printf(f->b, ", resv=%#x", u.resv);
	pb_puts(f->b, ", data=");
	print_fd(f, (int)u.data);
	pb_putc(f->b, '}');
	return true;
}

static bool
print_ringfd_unreg_elem(struct fmt *f, const void *elem, void *data)
{
	struct uring_rsrc_update u;

	(void)data;
	memcpy(&u, elem, sizeof(u));
	pb_printf(f->b, "{offset=%u", u.offset);
	if (u.resv)
		pb_printf(f->b, ", resv=%#x", u.resv);
	if (u.data)
		pb_printf(f->b, ", data=%#llx", (unsigned long long)u.data);
	pb_putc(f->b, '}');
	return true;
}

static void
print_buf_reg(struct fmt *f, uint64_t addr)
{
	struct uring_buf_reg r;

	if (!read_or_addr(f, &r, addr, sizeof(r)))
		return;
	pb_puts(f->b, "{ring_addr=");
	print_ptr(f, r.ring_addr);
	pb_printf(f->b, ", ring_entries=%u, bgid=%u", r.ring_entries, r.bgid);
	if (r.pad)
		pb_printf(f->b, ", pad=%#x", r.pad);
	if (r.resv[0] || r.resv[1] || r.resv[2])
		pb_printf(f->b, ", resv=[%#llx, %#llx, %#llx]",
			  (unsigned long long)r.resv[0],
			  (unsigned long long)r.resv[1],
			  (unsigned long long)r.resv[2]);
	pb_putc(f->b, '}');
}

/*
 * io_uring_register's argument by opcode. Split: a probe and the
 * IOWQ_MAX_WORKERS counts are read back at exit, everything else is
 * printed whole at entry.
 */
void
print_uring_reg_arg(struct fmt *f, uint64_t v, int i)
{
	unsigned op = (uint32_t)f->args[1];
	unsigned n = (uint32_t)f->args[3];
	int64_t entry;

	(void)i;
	if (op == 8) { /* PROBE */
		print_probe(f, v, n);
		return;
	}
	if (op == 19) { /* IOWQ_MAX_WORKERS */
		if (!f->exiting) {
			if (print_iowq(f, v, n)) {
				pb_puts(f->b, " => ");
				note_put(f, v, ENTRY_SHOWN);
			}
		} else if (note_get(f, v, &entry, true)) {
			if (is_error(f))
				print_ptr(f, v);
			else
				print_iowq(f, v, n);
		}
		return;
	}
	if (f->exiting)
		return;
	switch (op) {
	case 0: /* BUFFERS */
		print_array(f, v, n, 2 * sizeof(uint64_t), print_iov_addr_elem,
			    NULL);
		break;
	case 2: case 4: case 7: /* FILES, EVENTFD, EVENTFD_ASYNC */
		print_array(f, v, n, sizeof(int32_t), print_fd_elem, NULL);
		break;
	case 6: /* FILES_UPDATE */
		print_files_update(f, v, n);
		break;
	case 11: /* RESTRICTIONS */
		print_array(f, v, n, sizeof(struct uring_restriction),
			    print_restriction_elem, NULL);
		break;
	case 13: case 15: /* FILES2, BUFFERS2 */
		print_rsrc_register(f, v, n, op);
		break;
	case 14: case 16: /* FILES_UPDATE2, BUFFERS_UPDATE */
		print_rsrc_update(f, v, n, op);
		break;
	case 17: /* IOWQ_AFF */
		print_cpuset(f, v, n);
		break;
	case 20: /* RING_FDS */
		print_array(f, v, n, sizeof(struct uring_rsrc_update),
			    print_ringfd_elem, NULL);
		break;
	case 21: /* UNREGISTER_RING_FDS */
		print_array(f, v, n, sizeof(struct uring_rsrc_update),
			    print_ringfd_unreg_elem, NULL);
		break;
	case 22: case 23: /* PBUF_RING, UNREGISTER_PBUF_RING */
		print_buf_reg(f, v);
		break;
	default:
		print_ptr(f, v);
		break;
	}
}
