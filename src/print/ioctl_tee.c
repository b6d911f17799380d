/* SPDX-License-Identifier: MIT */
/*
 * ioctl_tee.c: the Trusted Execution Environment's ioctls (linux/tee.h,
 * type 0xa4) as strace 6.1 prints them. The calls that pass a buffer
 * ({buf_len, buf_ptr}) show the structure it points to only when buf_len
 * covers it and its parameters exactly, else the buffer's two fields;
 * what the kernel writes back follows " => " at exit.
 */
#include <linux/tee.h>
#include <stddef.h>
#include <string.h>

#include "ioctl.h"

/* Not in the uapi header, named by strace all the same. */
struct tee_shm_register_fd {
	int64_t fd;
	uint64_t size;
	uint32_t flags;
	uint8_t pad1[4];
	int32_t id;
	uint8_t pad2[4];
};
#define TEE_IOC_SHM_REGISTER_FD                                             \
	_IOWR(TEE_IOC_MAGIC, TEE_IOC_BASE + 8, struct tee_shm_register_fd)

XLAT_TABLE(tee_ioctl_cmds, NULL, XLAT(TEE_IOC_VERSION),
	   XLAT(TEE_IOC_SHM_ALLOC), XLAT(TEE_IOC_OPEN_SESSION),
	   XLAT(TEE_IOC_INVOKE), XLAT(TEE_IOC_CANCEL),
	   XLAT(TEE_IOC_CLOSE_SESSION), XLAT(TEE_IOC_SUPPL_RECV),
	   XLAT(TEE_IOC_SUPPL_SEND), XLAT(TEE_IOC_SHM_REGISTER));
XLAT_TABLE(tee_shm_flags, "TEE_IOCTL_SHM_???",
	   XLAT_PAIR(0x1, "TEE_IOCTL_SHM_MAPPED"),
	   XLAT_PAIR(0x2, "TEE_IOCTL_SHM_DMA_BUF"),
	   XLAT_PAIR(0x4, "TEE_IOCTL_SHM_EXT_DMA_BUF"),
	   XLAT_PAIR(0x8, "TEE_IOCTL_SHM_REGISTER"),
	   XLAT_PAIR(0x10, "TEE_IOCTL_SHM_USER_MAPPED"),
	   XLAT_PAIR(0x20, "TEE_IOCTL_SHM_POOL"),
	   XLAT_PAIR(0x40, "TEE_IOCTL_SHM_KERNEL_MAPPED"));
XLAT_TABLE(tee_param_types, "TEE_IOCTL_PARAM_ATTR_???",
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_NONE),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT),
	   XLAT(TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT));
XLAT_TABLE(tee_logins, "TEE_IOCTL_LOGIN_???", XLAT(TEE_IOCTL_LOGIN_PUBLIC),
	   XLAT(TEE_IOCTL_LOGIN_USER), XLAT(TEE_IOCTL_LOGIN_GROUP),
	   XLAT(TEE_IOCTL_LOGIN_APPLICATION),
	   XLAT(TEE_IOCTL_LOGIN_USER_APPLICATION),
	   XLAT(TEE_IOCTL_LOGIN_GROUP_APPLICATION));
XLAT_TABLE(tee_origins, "TEEC_ORIGIN_???", XLAT_PAIR(1, "TEEC_ORIGIN_API"),
	   XLAT_PAIR(2, "TEEC_ORIGIN_COMMS"), XLAT_PAIR(3, "TEEC_ORIGIN_TEE"),
	   XLAT_PAIR(4, "TEEC_ORIGIN_TRUSTED_APP"));
XLAT_TABLE(tee_gen_caps, "TEE_GEN_CAP_???", XLAT(TEE_GEN_CAP_GP),
	   XLAT(TEE_GEN_CAP_PRIVILEGED), XLAT(TEE_GEN_CAP_REG_MEM),
	   XLAT(TEE_GEN_CAP_MEMREF_NULL));
XLAT_TABLE(tee_impl_ids, "TEE_IMPL_ID_???", XLAT(TEE_IMPL_ID_OPTEE),
	   XLAT(TEE_IMPL_ID_AMDTEE));
XLAT_TABLE(tee_optee_caps, "TEE_OPTEE_CAP_???", XLAT(TEE_OPTEE_CAP_TZ));

static enum ioctl_when
tee_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case TEE_IOC_VERSION:
		return IOCTL_EXIT;
	case TEE_IOC_CANCEL: case TEE_IOC_CLOSE_SESSION:
		return IOCTL_ENTRY;
	case TEE_IOC_SHM_ALLOC: case TEE_IOC_OPEN_SESSION:
	case TEE_IOC_INVOKE: case TEE_IOC_SUPPL_RECV: case TEE_IOC_SUPPL_SEND:
	case TEE_IOC_SHM_REGISTER: case TEE_IOC_SHM_REGISTER_FD:
		return IOCTL_SPLIT;
	}
	return IOCTL_HEX;
}

static void
print_flags_field(struct pbuf *b, const char *name, const struct xlat *x,
		  uint64_t v)
{
	pb_printf(b, "%s=", name);
	if (v)
		print_flags(b, x, v);
	else
		pb_putc(b, '0');
}

static void
print_param(struct pbuf *b, const struct tee_ioctl_param *p)
{
	uint64_t type = p->attr & ~(uint64_t)TEE_IOCTL_PARAM_ATTR_META;

	pb_puts(b, "{attr=");
	print_xval(b, &tee_param_types, type, false);
	if (p->attr & TEE_IOCTL_PARAM_ATTR_META)
		pb_puts(b, "|TEE_IOCTL_PARAM_ATTR_META");
	switch (p->attr) {
	case TEE_IOCTL_PARAM_ATTR_TYPE_NONE:
		break;
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT:
	case TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT:
		pb_puts(b, ", shm_offs=");
		ioctl_print_hex(b, p->a);
		pb_puts(b, ", size=");
		ioctl_print_hex(b, p->b);
		pb_printf(b, ", shm_id=%llu", (unsigned long long)p->c);
		break;
	default:
		pb_puts(b, ", a=");
		ioctl_print_hex(b, p->a);
		pb_puts(b, ", b=");
		ioctl_print_hex(b, p->b);
		pb_puts(b, ", c=");
		ioctl_print_hex(b, p->c);
	}
	pb_putc(b, '}');
}

/* ", params=[...]": n parameters at addr, as strace's print_array(). */
static void
print_params(struct fmt *f, uint64_t addr, uint32_t n)
{
	struct tee_ioctl_param p;
	uint32_t i;

	pb_puts(f->b, ", params=");
	if (!n) {
		pb_puts(f->b, "[]");
		return;
	}
	for (i = 0; i < n; i++) {
		uint64_t at = addr + (uint64_t)i * sizeof(p);

		if (!read_mem(f, &p, at, sizeof(p))) {
			if (!i) {
				print_ptr(f, at);
				return;
			}
			pb_puts(f->b, ", ...");
			break;
		}
		pb_puts(f->b, i ? ", " : "[");
		print_param(f->b, &p);
	}
	pb_putc(f->b, ']');
}

/* A 64-bit address field: NULL for 0. */
static void
print_addr64(struct pbuf *b, uint64_t v)
{
	if (v)
		pb_printf(b, "%#llx", (unsigned long long)v);
	else
		pb_puts(b, "NULL");
}

static void
print_buf(struct pbuf *b, const struct tee_ioctl_buf_data *buf)
{
	pb_printf(b, "{buf_len=%llu, buf_ptr=",
		  (unsigned long long)buf->buf_len);
	print_addr64(b, buf->buf_ptr);
	pb_putc(b, '}');
}

/*
 * The buffer at arg and the structure (size bytes, its parameter count at
 * count_at) it points to, into out: true when the structure shows, else
 * what shows instead is printed (when print) and false.
 */
static bool
fetch_buf(struct fmt *f, uint64_t arg, struct tee_ioctl_buf_data *buf,
	  void *out, size_t size, size_t count_at, bool check, bool print)
{
	uint32_t n;

	if (print ? !read_or_addr(f, buf, arg, sizeof(*buf))
		  : !read_mem(f, buf, arg, sizeof(*buf)))
		return false;
	if (buf->buf_len > TEE_MAX_ARG_SIZE || buf->buf_len < size ||
	    !read_mem(f, out, buf->buf_ptr, size)) {
		if (print)
			print_buf(f->b, buf);
		return false;
	}
	memcpy(&n, (char *)out + count_at, sizeof(n));
	if (check && size + (uint64_t)n * sizeof(struct tee_ioctl_param) !=
	    buf->buf_len) {
		if (print)
			print_buf(f->b, buf);
		return false;
	}
	return true;
}

static void
print_uuid(struct pbuf *b, const uint8_t *u)
{
	int i;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			pb_putc(b, '-');
		pb_printf(b, "%02x", u[i]);
	}
}

static void
print_open_session(struct fmt *f, const struct tee_ioctl_open_session_arg *s)
{
	struct pbuf *b = f->b;
	uint32_t gid;
	int i;

	pb_puts(b, "uuid=");
	print_uuid(b, s->uuid);
	pb_puts(b, ", clnt_login=");
	print_xval(b, &tee_logins, s->clnt_login, false);
	switch (s->clnt_login) {
	case TEE_IOCTL_LOGIN_PUBLIC: case TEE_IOCTL_LOGIN_USER:
	case TEE_IOCTL_LOGIN_APPLICATION:
	case TEE_IOCTL_LOGIN_USER_APPLICATION:
		break;
	case TEE_IOCTL_LOGIN_GROUP: case TEE_IOCTL_LOGIN_GROUP_APPLICATION:
		memcpy(&gid, s->clnt_uuid, sizeof(gid));
		if (gid == (uint32_t)-1)
			pb_puts(b, ", clnt_uuid=-1");
		else
			pb_printf(b, ", clnt_uuid=%u", gid);
		break;
	default:
		pb_puts(b, ", clnt_uuid=[");
		for (i = 0; i < 16; i++)
			pb_printf(b, s->clnt_uuid[i] ? "%s%#x" : "%s%u",
				  i ? ", " : "", s->clnt_uuid[i]);
		pb_putc(b, ']');
	}
	pb_printf(b, ", cancel_id=%u, num_params=%u", s->cancel_id,
		  s->num_params);
}

/* The calls with a buffer: open, invoke and the supplicant's two. */
static void
print_buf_call(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct tee_ioctl_open_session_arg open;
		struct tee_ioctl_invoke_arg invoke;
		struct tee_iocl_supp_recv_arg recv;
		struct tee_iocl_supp_send_arg send;
	} u;
	struct tee_ioctl_buf_data buf;
	struct pbuf *b = f->b;
	size_t size, count_at;
	uint64_t params;
	uint32_t n;

	switch (code) {
	case TEE_IOC_OPEN_SESSION:
		size = sizeof(u.open);
		count_at = offsetof(struct tee_ioctl_open_session_arg,
				    num_params);
		break;
	case TEE_IOC_INVOKE:
		size = sizeof(u.invoke);
		count_at = offsetof(struct tee_ioctl_invoke_arg, num_params);
		break;
	case TEE_IOC_SUPPL_RECV:
		size = sizeof(u.recv);
		count_at = offsetof(struct tee_iocl_supp_recv_arg, num_params);
		break;
	default:
		size = sizeof(u.send);
		count_at = offsetof(struct tee_iocl_supp_send_arg, num_params);
	}
	memset(&u, 0, sizeof(u));
	if (f->exiting) {
		/* Nothing when the entry half showed no structure. */
		if (!fetch_buf(f, arg, &buf, &u, size, count_at, true, false))
			return;
		if (is_error(f)) {
			pb_putc(b, '}');
			return;
		}
		pb_puts(b, " => ");
		if (!fetch_buf(f, arg, &buf, &u, size, count_at, false, true))
			return;
	} else {
		if (!fetch_buf(f, arg, &buf, &u, size, count_at, true, true))
			return;
		pb_printf(b, "{buf_len=%llu, buf_ptr=",
			  (unsigned long long)buf.buf_len);
	}
	memcpy(&n, (char *)&u + count_at, sizeof(n));
	params = n ? buf.buf_ptr + size : 0;
	pb_putc(b, '{');
	switch (code) {
	case TEE_IOC_OPEN_SESSION:
		if (!f->exiting) {
			print_open_session(f, &u.open);
			break;
		}
		pb_printf(b, "session=%#x, ret=%u, ret_origin=",
			  u.open.session, u.open.ret);
		print_xval(b, &tee_origins, u.open.ret_origin, false);
		break;
	case TEE_IOC_INVOKE:
		if (!f->exiting) {
			pb_printf(b, "func=%u, session=%#x, cancel_id=%u"
				  ", num_params=%u", u.invoke.func,
				  u.invoke.session, u.invoke.cancel_id, n);
			break;
		}
		pb_printf(b, "ret=%u, ret_origin=", u.invoke.ret);
		print_xval(b, &tee_origins, u.invoke.ret_origin, false);
		break;
	case TEE_IOC_SUPPL_RECV:
		if (!f->exiting)
			pb_printf(b, "func=%u, ", u.recv.func);
		pb_printf(b, "num_params=%u", n);
		break;
	default:
		if (f->exiting)
			pb_printf(b, "ret=%u", u.send.ret);
		else
			pb_printf(b, "num_params=%u", n);
	}
	print_params(f, params, n);
	pb_putc(b, '}');
	if (f->exiting)
		pb_putc(b, '}');
}

/* The shared memory calls: the structure at entry, the kernel's answer
   after " => " at exit. */
static void
print_shm_call(struct fmt *f, unsigned code, uint64_t arg)
{
	union {
		struct tee_ioctl_shm_alloc_data alloc;
		struct tee_ioctl_shm_register_data reg;
		struct tee_shm_register_fd fd;
	} u;
	size_t size = code == TEE_IOC_SHM_ALLOC ? sizeof(u.alloc)
		      : code == TEE_IOC_SHM_REGISTER ? sizeof(u.reg)
		      : sizeof(u.fd);
	struct pbuf *b = f->b;

	if (f->exiting) {
		if (!arg || is_error(f) || !read_mem(f, &u, arg, size))
			return;
		pb_puts(b, " => ");
	} else if (!read_or_addr(f, &u, arg, size)) {
		return;
	}
	pb_putc(b, '{');
	switch (code) {
	case TEE_IOC_SHM_ALLOC:
		pb_puts(b, "size=");
		ioctl_print_hex(b, u.alloc.size);
		print_flags_field(b, ", flags", &tee_shm_flags, u.alloc.flags);
		if (f->exiting)
			pb_printf(b, ", id=%d", u.alloc.id);
		break;
	case TEE_IOC_SHM_REGISTER:
		if (!f->exiting) {
			pb_puts(b, "addr=");
			print_addr64(b, u.reg.addr);
			pb_puts(b, ", ");
		}
		pb_puts(b, "length=");
		ioctl_print_hex(b, u.reg.length);
		print_flags_field(b, ", flags", &tee_shm_flags, u.reg.flags);
		if (f->exiting)
			pb_printf(b, ", id=%d", u.reg.id);
		break;
	default:
		if (f->exiting) {
			pb_puts(b, "size=");
			ioctl_print_hex(b, u.fd.size);
			pb_printf(b, ", id=%d", u.fd.id);
			break;
		}
		pb_puts(b, "fd=");
		print_fd(f, (int)u.fd.fd);
		print_flags_field(b, ", flags", &tee_shm_flags, u.fd.flags);
	}
	pb_putc(b, '}');
}

static void
tee_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	struct pbuf *b = f->b;

	switch (code) {
	case TEE_IOC_VERSION: {
		struct tee_ioctl_version_data v;

		if (!ioctl_read(f, &v, arg, sizeof(v)))
			return;
		pb_puts(b, "{impl_id=");
		print_xval(b, &tee_impl_ids, v.impl_id, false);
		print_flags_field(b, ", gen_caps", &tee_gen_caps, v.gen_caps);
		if (v.impl_id == TEE_IMPL_ID_OPTEE) {
			print_flags_field(b, ", impl_caps", &tee_optee_caps,
					  v.impl_caps);
		} else {
			pb_puts(b, ", impl_caps=");
			ioctl_print_hex(b, v.impl_caps);
		}
		pb_putc(b, '}');
		return;
	}
	case TEE_IOC_CANCEL: {
		struct tee_ioctl_cancel_arg c;

		if (!read_or_addr(f, &c, arg, sizeof(c)))
			return;
		pb_printf(b, "{cancel_id=%u, session=%#x}", c.cancel_id,
			  c.session);
		return;
	}
	case TEE_IOC_CLOSE_SESSION: {
		struct tee_ioctl_close_session_arg c;

		if (!read_or_addr(f, &c, arg, sizeof(c)))
			return;
		pb_printf(b, "{session=%#x}", c.session);
		return;
	}
	case TEE_IOC_SHM_ALLOC: case TEE_IOC_SHM_REGISTER:
	case TEE_IOC_SHM_REGISTER_FD:
		print_shm_call(f, code, arg);
		return;
	}
	print_buf_call(f, code, arg);
}

const struct ioctl_family ioctl_tee_family = {
	.type = TEE_IOC_MAGIC,
	.names = &tee_ioctl_cmds,
	.when = tee_when,
	.arg = tee_arg,
};
