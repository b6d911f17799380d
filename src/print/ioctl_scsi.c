/* SPDX-License-Identifier: MIT */
/*
 * ioctl_scsi.c: the SCSI generic commands ('"'), as strace 6.1 prints
 * them, with SG_IO's two headers: v3 (struct sg_io_hdr, interface_id
 * 'S') and v4 (struct sg_io_v4 of bsg, guard 'Q'). SG_IO prints the
 * request at entry and the response at exit, errors included; the entry
 * notes the interface id it decoded for the exit.
 */
#include <linux/bsg.h>
#include <scsi/sg.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_fam.h"

#ifndef SG_FLAG_Q_AT_TAIL
#define SG_FLAG_Q_AT_TAIL 0x10
#define SG_FLAG_Q_AT_HEAD 0x20
#endif
#ifndef SG_GET_ACCESS_COUNT
#define SG_GET_ACCESS_COUNT 0x2289
#endif
#ifndef SG_SCSI_RESET_TARGET
#define SG_SCSI_RESET_TARGET 4
#endif
#ifndef SG_SCSI_RESET_NO_ESCALATE
#define SG_SCSI_RESET_NO_ESCALATE 0x100
#endif

/* Negative numbers, compared as the unsigned field. */
IOCTL_XLAT(sg_dxfer_dirs, "SG_DXFER_???",
	   XLAT_PAIR((uint32_t)SG_DXFER_NONE, "SG_DXFER_NONE"),
	   XLAT_PAIR((uint32_t)SG_DXFER_TO_DEV, "SG_DXFER_TO_DEV"),
	   XLAT_PAIR((uint32_t)SG_DXFER_FROM_DEV, "SG_DXFER_FROM_DEV"),
	   XLAT_PAIR((uint32_t)SG_DXFER_TO_FROM_DEV, "SG_DXFER_TO_FROM_DEV"));
IOCTL_XLAT(sg_io_flags, "SG_FLAG_???", XLAT_PAIR(1, "SG_FLAG_DIRECT_IO"),
	   XLAT_PAIR(2, "SG_FLAG_UNUSED_LUN_INHIBIT"),
	   XLAT_PAIR(4, "SG_FLAG_MMAP_IO"),
	   XLAT_PAIR(0x10000, "SG_FLAG_NO_DXFER"),
	   XLAT_PAIR(0x10, "SG_FLAG_Q_AT_TAIL"),
	   XLAT_PAIR(0x20, "SG_FLAG_Q_AT_HEAD"));
IOCTL_XLAT(sg_io_info, "SG_INFO_???", XLAT_PAIR(1, "SG_INFO_CHECK"),
	   XLAT_PAIR(2, "SG_INFO_DIRECT_IO"), XLAT_PAIR(4, "SG_INFO_MIXED_IO"));
IOCTL_XLAT(bsg_protocols, "BSG_PROTOCOL_???", XLAT(BSG_PROTOCOL_SCSI));
IOCTL_XLAT(bsg_subprotocols, "BSG_SUB_PROTOCOL_???",
	   XLAT(BSG_SUB_PROTOCOL_SCSI_CMD), XLAT(BSG_SUB_PROTOCOL_SCSI_TMF),
	   XLAT(BSG_SUB_PROTOCOL_SCSI_TRANSPORT));
IOCTL_XLAT(bsg_flags, "BSG_FLAG_???", XLAT(BSG_FLAG_Q_AT_TAIL),
	   XLAT(BSG_FLAG_Q_AT_HEAD));
IOCTL_XLAT(sg_scsi_resets, "SG_SCSI_RESET_???", XLAT(SG_SCSI_RESET_NOTHING),
	   XLAT(SG_SCSI_RESET_DEVICE), XLAT(SG_SCSI_RESET_BUS),
	   XLAT(SG_SCSI_RESET_HOST), XLAT(SG_SCSI_RESET_TARGET),
	   XLAT(SG_SCSI_RESET_NO_ESCALATE));

/* A data buffer: bytes in hex, or an iovec array when count is set. */
static void
print_sg_buffer(struct fmt *f, const char *name, uint64_t addr,
		uint32_t size, uint32_t count)
{
	pb_printf(f->b, ", %s=", name);
	if (count)
		print_iovec_upto(f, addr, count, size);
	else
		print_str(f, addr, size, QUOTE_FORCE_HEX);
}

static void
put_x(struct fmt *f, const char *name, uint64_t v)
{
	ioctl_field_x(f, name, v);
}

static void
sg_v3_request(struct fmt *f, uint64_t v)
{
	struct sg_io_hdr h;
	const size_t skip = offsetof(struct sg_io_hdr, dxfer_direction);

	pb_puts(f->b, "{interface_id='S', ");
	if (!read_or_addr(f, (char *)&h + skip, v + skip, sizeof(h) - skip)) {
		pb_putc(f->b, '}');
		return;
	}
	pb_puts(f->b, "dxfer_direction=");
	print_xval(f->b, &sg_dxfer_dirs, (uint32_t)h.dxfer_direction, false);
	ioctl_field_u(f, "cmd_len", h.cmd_len);
	print_sg_buffer(f, "cmdp", (uint64_t)(uintptr_t)h.cmdp, h.cmd_len, 0);
	ioctl_field_u(f, "mx_sb_len", h.mx_sb_len);
	ioctl_field_u(f, "iovec_count", h.iovec_count);
	ioctl_field_u(f, "dxfer_len", h.dxfer_len);
	ioctl_field_u(f, "timeout", h.timeout);
	ioctl_field_flags(f, "flags", &sg_io_flags, h.flags);
	if (h.dxfer_direction == SG_DXFER_TO_DEV ||
	    h.dxfer_direction == SG_DXFER_TO_FROM_DEV)
		print_sg_buffer(f, "dxferp", (uint64_t)(uintptr_t)h.dxferp,
				h.dxfer_len, h.iovec_count);
	note_put(f, v, 'S');
}

static void
sg_v3_response(struct fmt *f, uint64_t v)
{
	struct sg_io_hdr h;

	if (!read_mem(f, &h, v, sizeof(h)))
		return;
	if (h.interface_id != 'S') {
		pb_printf(f->b, " => interface_id=%u", (unsigned)h.interface_id);
		return;
	}
	if (h.dxfer_direction == SG_DXFER_FROM_DEV ||
	    h.dxfer_direction == SG_DXFER_TO_FROM_DEV) {
		uint32_t din = h.dxfer_len;

		if (h.resid > 0 && (unsigned)h.resid <= din)
			din -= (unsigned)h.resid;
		if (h.dxfer_direction == SG_DXFER_FROM_DEV)
			print_sg_buffer(f, "dxferp",
					(uint64_t)(uintptr_t)h.dxferp, din,
					h.iovec_count);
		else if (din) {
			pb_puts(f->b, " => dxferp=");
			if (h.iovec_count)
				print_iovec_upto(f, (uint64_t)(uintptr_t)h.dxferp,
						 h.iovec_count, din);
			else
				print_str(f, (uint64_t)(uintptr_t)h.dxferp,
					  din, QUOTE_FORCE_HEX);
		}
	}
	put_x(f, "status", h.status);
	put_x(f, "masked_status", h.masked_status);
	put_x(f, "msg_status", h.msg_status);
	ioctl_field_u(f, "sb_len_wr", h.sb_len_wr);
	print_sg_buffer(f, "sbp", (uint64_t)(uintptr_t)h.sbp, h.sb_len_wr, 0);
	put_x(f, "host_status", h.host_status);
	put_x(f, "driver_status", h.driver_status);
	pb_printf(f->b, ", resid=%d", h.resid);
	ioctl_field_u(f, "duration", h.duration);
	ioctl_field_flags(f, "info", &sg_io_info, h.info);
}

static void
sg_v4_request(struct fmt *f, uint64_t v)
{
	struct sg_io_v4 h;
	const size_t skip = offsetof(struct sg_io_v4, protocol);

	pb_puts(f->b, "{guard='Q', ");
	if (!read_or_addr(f, (char *)&h + skip, v + skip, sizeof(h) - skip)) {
		pb_putc(f->b, '}');
		return;
	}
	pb_puts(f->b, "protocol=");
	print_xval(f->b, &bsg_protocols, h.protocol, false);
	pb_puts(f->b, ", subprotocol=");
	print_xval(f->b, &bsg_subprotocols, h.subprotocol, false);
	ioctl_field_u(f, "request_len", h.request_len);
	print_sg_buffer(f, "request", h.request, h.request_len, 0);
	put_x(f, "request_tag", h.request_tag);
	ioctl_field_u(f, "request_attr", h.request_attr);
	ioctl_field_u(f, "request_priority", h.request_priority);
	ioctl_field_u(f, "request_extra", h.request_extra);
	ioctl_field_u(f, "max_response_len", h.max_response_len);
	ioctl_field_u(f, "dout_iovec_count", h.dout_iovec_count);
	ioctl_field_u(f, "dout_xfer_len", h.dout_xfer_len);
	ioctl_field_u(f, "din_iovec_count", h.din_iovec_count);
	ioctl_field_u(f, "din_xfer_len", h.din_xfer_len);
	print_sg_buffer(f, "dout_xferp", h.dout_xferp, h.dout_xfer_len,
			h.dout_iovec_count);
	ioctl_field_u(f, "timeout", h.timeout);
	ioctl_field_flags(f, "flags", &bsg_flags, h.flags);
	put_x(f, "usr_ptr", h.usr_ptr);
	note_put(f, v, 'Q');
}

static void
sg_v4_response(struct fmt *f, uint64_t v)
{
	struct sg_io_v4 h;
	uint32_t din;

	if (!read_mem(f, &h, v, sizeof(h)))
		return;
	if (h.guard != 'Q') {
		pb_printf(f->b, " => guard=%u", (unsigned)h.guard);
		return;
	}
	ioctl_field_u(f, "response_len", h.response_len);
	print_sg_buffer(f, "response", h.response, h.response_len, 0);
	din = h.din_xfer_len;
	if (h.din_resid > 0 && (unsigned)h.din_resid <= din)
		din -= (unsigned)h.din_resid;
	print_sg_buffer(f, "din_xferp", h.din_xferp, din, h.din_iovec_count);
	put_x(f, "driver_status", h.driver_status);
	put_x(f, "transport_status", h.transport_status);
	put_x(f, "device_status", h.device_status);
	ioctl_field_u(f, "retry_delay", h.retry_delay);
	ioctl_field_flags(f, "info", &sg_io_info, h.info);
	ioctl_field_u(f, "duration", h.duration);
	ioctl_field_u(f, "response_len", h.response_len);
	pb_printf(f->b, ", din_resid=%d, dout_resid=%d", h.din_resid,
		  h.dout_resid);
	put_x(f, "generated_tag", h.generated_tag);
}

static void
print_sg_io(struct fmt *f, uint64_t v, int i)
{
	int32_t iid;
	int64_t noted;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &iid, v, sizeof(iid)))
			return;
		if (iid == 'S')
			sg_v3_request(f, v);
		else if (iid == 'Q')
			sg_v4_request(f, v);
		else
			pb_printf(f->b, "[%u]", (unsigned)iid);
		return;
	}
	if (!note_get(f, v, &noted, true))
		return;
	if (noted == 'S')
		sg_v3_response(f, v);
	else
		sg_v4_response(f, v);
	pb_putc(f->b, '}');
}

static void
print_scsi_id(struct fmt *f, uint64_t v, int i)
{
	struct sg_scsi_id id;

	(void)i;
	if (!ioctl_read_out(f, &id, v, sizeof(id)))
		return;
	pb_printf(f->b, "{host_no=%d, channel=%d", id.host_no, id.channel);
	put_x(f, "scsi_id", (uint32_t)id.scsi_id);
	pb_printf(f->b, ", lun=%d", id.lun);
	put_x(f, "scsi_type", (uint32_t)id.scsi_type);
	pb_printf(f->b, ", h_cmd_per_lun=%d, d_queue_depth=%d}",
		  id.h_cmd_per_lun, id.d_queue_depth);
}

static void
print_req_info(struct fmt *f, uint64_t v, int i)
{
	sg_req_info_t r;

	(void)i;
	if (!ioctl_read_out(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{req_state=%d, orphan=%d, sg_io_owned=%d, "
		  "problem=%d, pack_id=%d, usr_ptr=", r.req_state, r.orphan,
		  r.sg_io_owned, r.problem, r.pack_id);
	print_ptr(f, (uint64_t)(uintptr_t)r.usr_ptr);
	pb_printf(f->b, ", duration=%u}", r.duration);
}

static void
print_scsi_reset(struct fmt *f, uint64_t v, int i)
{
	uint32_t r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_putc(f->b, '[');
	if (r & SG_SCSI_RESET_NO_ESCALATE) {
		print_xval(f->b, &sg_scsi_resets, SG_SCSI_RESET_NO_ESCALATE,
			   false);
		pb_putc(f->b, '|');
	}
	print_xval(f->b, &sg_scsi_resets, r & ~SG_SCSI_RESET_NO_ESCALATE,
		   false);
	pb_putc(f->b, ']');
}

static void
print_int(struct fmt *f, uint64_t v, bool out)
{
	int32_t n;

	if (out ? ioctl_read_out(f, &n, v, sizeof(n))
		: read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%d]", n);
}

static void print_int_in(struct fmt *f, uint64_t v, int i)
{ (void)i; print_int(f, v, false); }
static void print_int_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_int(f, v, true); }

bool
ioctl_scsi_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case SG_IO: a[2] = IOA_FN(FN_SPLIT, print_sg_io); break;
	case SG_GET_SCSI_ID: a[2] = IOA_FN(FN_OUT, print_scsi_id); break;
	case SG_GET_REQUEST_TABLE:
		a[2] = IOA_FN(FN_OUT, print_req_info);
		break;
	case SG_SCSI_RESET: a[2] = IOA_FN(FN, print_scsi_reset); break;
	case SG_NEXT_CMD_LEN: case SG_SET_COMMAND_Q: case SG_SET_DEBUG:
	case SG_SET_FORCE_LOW_DMA: case SG_SET_FORCE_PACK_ID:
	case SG_SET_KEEP_ORPHAN: case SG_SET_RESERVED_SIZE:
	case SG_SET_TIMEOUT:
		a[2] = IOA_FN(FN, print_int_in);
		break;
	case SG_EMULATED_HOST: case SG_GET_ACCESS_COUNT: case SG_GET_COMMAND_Q:
	case SG_GET_KEEP_ORPHAN: case SG_GET_LOW_DMA: case SG_GET_NUM_WAITING:
	case SG_GET_PACK_ID: case SG_GET_RESERVED_SIZE:
	case SG_GET_SG_TABLESIZE: case SG_GET_TRANSFORM:
	case SG_GET_VERSION_NUM:
		a[2] = IOA_FN(FN_OUT, print_int_out);
		break;
	case SG_SET_TRANSFORM: a[2] = IOA_FN(FN, print_u32_hex); break;
	case SG_GET_TIMEOUT: *nargs = 2; break;
	default:
		return false;
	}
	return true;
}
