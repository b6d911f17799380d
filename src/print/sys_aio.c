/* SPDX-License-Identifier: MIT */
/*
 * sys_aio.c: the native AIO calls as strace 6.1 prints them: io_submit's
 * control blocks (the fields each opcode uses), io_cancel's block and
 * result, io_getevents/io_pgetevents' events at exit with the timeout
 * and signal mask they were given.
 */
#define _GNU_SOURCE
#include <linux/aio_abi.h>
#include <string.h>

#include "decoders.h"

XLAT_TABLE(aio_cmds, "IOCB_CMD_???", XLAT(IOCB_CMD_PREAD),
	   XLAT(IOCB_CMD_PWRITE), XLAT(IOCB_CMD_FSYNC), XLAT(IOCB_CMD_FDSYNC),
	   XLAT_PAIR(4, "IOCB_CMD_PREADX"), XLAT(IOCB_CMD_POLL),
	   XLAT(IOCB_CMD_NOOP), XLAT(IOCB_CMD_PREADV), XLAT(IOCB_CMD_PWRITEV));
XLAT_TABLE(aio_iocb_flags, "IOCB_FLAG_???", XLAT_PAIR(1, "IOCB_FLAG_RESFD"),
	   XLAT_PAIR(2, "IOCB_FLAG_IOPRIO"));

enum iocb_sub { SUB_NONE, SUB_COMMON, SUB_VECTOR, SUB_POLL };

static void
print_hex0(struct pbuf *b, const char *name, uint64_t v)
{
	pb_printf(b, v ? "%s=%#llx" : "%s=%llu", name, (unsigned long long)v);
}

/* The fields every opcode has: data, key, flags, opcode, priority, fd. */
static enum iocb_sub
print_iocb_header(struct fmt *f, const struct iocb *cb)
{
	static const unsigned char subs[] = {
		[IOCB_CMD_PREAD] = SUB_COMMON, [IOCB_CMD_PWRITE] = SUB_COMMON,
		[IOCB_CMD_POLL] = SUB_POLL, [IOCB_CMD_PREADV] = SUB_VECTOR,
		[IOCB_CMD_PWRITEV] = SUB_VECTOR,
	};
	const char *op = xlat_name(&aio_cmds, cb->aio_lio_opcode);

	print_hex0(f->b, "aio_data", cb->aio_data);
	if (cb->aio_key)
		pb_printf(f->b, ", aio_key=%u", cb->aio_key);
	if (cb->aio_rw_flags) {
		pb_puts(f->b, ", aio_rw_flags=");
		print_flags(f->b, &rwf_flags, (uint32_t)cb->aio_rw_flags);
	}
	if (op)
		pb_printf(f->b, ", aio_lio_opcode=%s", op);
	else
		pb_printf(f->b, ", aio_lio_opcode=%u /* IOCB_CMD_??? */",
			  cb->aio_lio_opcode);
	if (cb->aio_flags & IOCB_FLAG_IOPRIO) {
		pb_puts(f->b, ", aio_reqprio=");
		print_ioprio(f->b, (uint16_t)cb->aio_reqprio);
	} else if (cb->aio_reqprio) {
		pb_printf(f->b, ", aio_reqprio=%d", cb->aio_reqprio);
	}
	pb_puts(f->b, ", aio_fildes=");
	print_fd(f, (int)cb->aio_fildes);
	return cb->aio_lio_opcode < ARRAY_SIZE(subs) ?
		(enum iocb_sub)subs[cb->aio_lio_opcode] : SUB_NONE;
}

static void
print_common_flags(struct fmt *f, const struct iocb *cb)
{
	if (cb->aio_flags) {
		pb_puts(f->b, ", aio_flags=");
		print_flags(f->b, &aio_iocb_flags, cb->aio_flags);
	}
	if (cb->aio_flags & IOCB_FLAG_RESFD) {
		pb_puts(f->b, ", aio_resfd=");
		print_fd(f, (int)cb->aio_resfd);
	} else if (cb->aio_resfd) {
		print_hex0(f->b, ", aio_resfd", cb->aio_resfd);
	}
}

static void
print_iocb(struct fmt *f, const struct iocb *cb)
{
	bool valid = (int64_t)cb->aio_nbytes >= 0;

	pb_putc(f->b, '{');
	switch (print_iocb_header(f, cb)) {
	case SUB_COMMON:
		if (cb->aio_lio_opcode == IOCB_CMD_PWRITE && valid) {
			pb_puts(f->b, ", aio_buf=");
			print_str(f, cb->aio_buf, (long)cb->aio_nbytes, 0);
		} else {
			print_hex0(f->b, ", aio_buf", cb->aio_buf);
		}
		pb_printf(f->b, ", aio_nbytes=%llu, aio_offset=%lld",
			  (unsigned long long)cb->aio_nbytes,
			  (long long)cb->aio_offset);
		print_common_flags(f, cb);
		break;
	case SUB_VECTOR:
		if (valid) {
			pb_puts(f->b, ", aio_buf=");
			if (cb->aio_lio_opcode == IOCB_CMD_PWRITEV)
				print_iovec(f, cb->aio_buf, cb->aio_nbytes, false);
			else
				print_array(f, cb->aio_buf, cb->aio_nbytes,
					    2 * sizeof(uint64_t),
					    print_iov_addr_elem, NULL);
		} else {
			print_hex0(f->b, ", aio_buf", cb->aio_buf);
			pb_printf(f->b, ", aio_nbytes=%llu",
				  (unsigned long long)cb->aio_nbytes);
		}
		pb_printf(f->b, ", aio_offset=%lld", (long long)cb->aio_offset);
		print_common_flags(f, cb);
		break;
	case SUB_POLL:
		pb_puts(f->b, ", aio_buf=");
		print_flags(f->b, &poll_events, cb->aio_buf);
		print_common_flags(f, cb);
		break;
	case SUB_NONE:
		break;
	}
	pb_putc(f->b, '}');
}

static bool
print_iocbp_elem(struct fmt *f, const void *elem, void *data)
{
	struct iocb cb;
	uint64_t addr;

	(void)data;
	memcpy(&addr, elem, sizeof(addr));
	if (read_or_addr(f, &cb, addr, sizeof(cb)))
		print_iocb(f, &cb);
	return true;
}

/* io_submit's array of pointers to control blocks, nr in args[1]. */
void
print_iocbpp(struct fmt *f, uint64_t v, int i)
{
	int64_t nr = (int64_t)f->args[1];

	(void)i;
	if (nr < 0)
		print_ptr(f, v);
	else
		print_array(f, v, (uint64_t)nr, sizeof(uint64_t),
			    print_iocbp_elem, NULL);
}

/* io_cancel's block: its header only. */
void
print_iocb_cancel(struct fmt *f, uint64_t v, int i)
{
	struct iocb cb;

	(void)i;
	if (!read_or_addr(f, &cb, v, sizeof(cb)))
		return;
	pb_putc(f->b, '{');
	print_iocb_header(f, &cb);
	pb_putc(f->b, '}');
}

static bool
print_io_event(struct fmt *f, const void *elem, void *data)
{
	struct io_event ev;

	(void)data;
	memcpy(&ev, elem, sizeof(ev));
	pb_putc(f->b, '{');
	print_hex0(f->b, "data", ev.data);
	print_hex0(f->b, ", obj", ev.obj);
	pb_printf(f->b, ", res=%lld, res2=%lld}", (long long)ev.res,
		  (long long)ev.res2);
	return true;
}

/* io_cancel's result at exit; the address when the call failed. */
void
print_io_event_out(struct fmt *f, uint64_t v, int i)
{
	struct io_event ev;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (read_or_addr(f, &ev, v, sizeof(ev)))
		print_io_event(f, &ev, NULL);
}

/* io_getevents' events at exit, as many as returned. */
void
print_io_events_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	print_array(f, v, (uint64_t)f->rv, sizeof(struct io_event),
		    print_io_event, NULL);
}
