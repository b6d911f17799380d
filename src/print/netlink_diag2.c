/* SPDX-License-Identifier: MIT */
/*
 * netlink_diag2.c: more attributes of NETLINK_SOCK_DIAG answers, as
 * strace 6.1 prints them: a packet socket's filter, and an SMC socket's
 * connection, link group, DMB and fallback details.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/inet_diag.h>
#include <linux/smc_diag.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

bool
nla_packet_filter(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned n = len / sizeof(struct sock_filter);

	(void)d;
	if (!n || n > 0xffff)
		return false;
	print_sock_filter(f, addr, n);
	return true;
}

static void
smc_cursor(struct pbuf *b, const char *name,
	   const struct smc_diag_cursor *c)
{
	pb_printf(b, "%s={reserved=%u, wrap=%u, count=%u}", name, c->reserved,
		  c->wrap, c->count);
}

bool
nla_smc_conninfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct smc_diag_conninfo c;
	struct pbuf *b = f->b;

	(void)d;
	if (len < sizeof(c))
		return false;
	if (!read_or_addr(f, &c, addr, sizeof(c)))
		return true;
	pb_printf(b, "{token=%u, sndbuf_size=%u, rmbe_size=%u, "
		  "peer_rmbe_size=%u, ", c.token, c.sndbuf_size, c.rmbe_size,
		  c.peer_rmbe_size);
	smc_cursor(b, "rx_prod", &c.rx_prod);
	smc_cursor(b, ", rx_cons", &c.rx_cons);
	smc_cursor(b, ", tx_prod", &c.tx_prod);
	smc_cursor(b, ", tx_cons", &c.tx_cons);
	/* Each byte as strace's PRINT_FIELD_0X: "%#0*x" with a width of
	   two digits, which the "0x" counts in ("00", "0x1", "0xff"). */
	pb_printf(b, ", rx_prod_flags=%#0*x, rx_conn_state_flags=%#0*x, "
		  "tx_prod_flags=%#0*x, tx_conn_state_flags=%#0*x, ",
		  2, c.rx_prod_flags, 2, c.rx_conn_state_flags, 2,
		  c.tx_prod_flags, 2, c.tx_conn_state_flags);
	smc_cursor(b, "tx_prep", &c.tx_prep);
	smc_cursor(b, ", tx_sent", &c.tx_sent);
	smc_cursor(b, ", tx_fin", &c.tx_fin);
	pb_putc(b, '}');
	return true;
}

/* A fixed-size char array that should hold a NUL-terminated string:
   up to the NUL, or all but the last byte and "..." without one. */
static void
smc_cstring(struct fmt *f, const char *name, const unsigned char *s,
	    size_t size)
{
	size_t n = strnlen((const char *)s, size);

	pb_printf(f->b, "%s=", name);
	pb_quote(f->b, s, n < size ? n : size - 1, f->o->xflag, 0);
	if (n == size)
		pb_puts(f->b, "...");
}

XLAT_TABLE(smc_roles, "SMC_???", XLAT_PAIR(0, "SMC_CLNT"),
	   XLAT_PAIR(1, "SMC_SERV"));

bool
nla_smc_lgrinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct smc_diag_lgrinfo l;
	const struct smc_diag_linkinfo *k = &l.lnk[0];

	(void)d;
	if (len < sizeof(l))
		return false;
	if (!read_or_addr(f, &l, addr, sizeof(l)))
		return true;
	pb_printf(f->b, "{lnk=[{link_id=%u, ", k->link_id);
	smc_cstring(f, "ibname", k->ibname, sizeof(k->ibname));
	pb_printf(f->b, ", ibport=%u, ", k->ibport);
	smc_cstring(f, "gid", k->gid, sizeof(k->gid));
	smc_cstring(f, ", peer_gid", k->peer_gid, sizeof(k->peer_gid));
	pb_puts(f->b, "}], role=");
	print_xval(f->b, &smc_roles, l.role, false);
	pb_putc(f->b, '}');
	return true;
}

bool
nla_smc_dmbinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct smcd_diag_dmbinfo m;

	(void)d;
	if (len < sizeof(m))
		return false;
	if (read_or_addr(f, &m, addr, sizeof(m)))
		pb_printf(f->b, "{linkid=%u, peer_gid=%#llx, my_gid=%#llx, "
			  "token=%#llx, peer_token=%#llx}", m.linkid,
			  (unsigned long long)m.peer_gid,
			  (unsigned long long)m.my_gid,
			  (unsigned long long)m.token,
			  (unsigned long long)m.peer_token);
	return true;
}

/* The decline codes are not in the uapi headers (net/smc/smc_clc.h). */
XLAT_TABLE(smc_decl_codes, "SMC_CLC_DECL_???",
	   XLAT_PAIR(0x01010000, "SMC_CLC_DECL_MEM"),
	   XLAT_PAIR(0x02010000, "SMC_CLC_DECL_TIMEOUT_CL"),
	   XLAT_PAIR(0x02020000, "SMC_CLC_DECL_TIMEOUT_AL"),
	   XLAT_PAIR(0x03000000, "SMC_CLC_DECL_CNFERR"),
	   XLAT_PAIR(0x03010000, "SMC_CLC_DECL_PEERNOSMC"),
	   XLAT_PAIR(0x03020000, "SMC_CLC_DECL_IPSEC"),
	   XLAT_PAIR(0x03030000, "SMC_CLC_DECL_NOSMCDEV"),
	   XLAT_PAIR(0x03040000, "SMC_CLC_DECL_MODEUNSUPP"),
	   XLAT_PAIR(0x03050000, "SMC_CLC_DECL_RMBE_EC"),
	   XLAT_PAIR(0x03060000, "SMC_CLC_DECL_OPTUNSUPP"),
	   XLAT_PAIR(0x04000000, "SMC_CLC_DECL_SYNCERR"),
	   XLAT_PAIR(0x05000000, "SMC_CLC_DECL_PEERDECL"),
	   XLAT_PAIR(0x99990000, "SMC_CLC_DECL_INTERR"),
	   XLAT_PAIR(0x99990001, "SMC_CLC_DECL_ERR_RTOK"),
	   XLAT_PAIR(0x99990002, "SMC_CLC_DECL_ERR_RDYLNK"),
	   XLAT_PAIR(0x99990003, "SMC_CLC_DECL_ERR_REGRMB"));

/* Printed with the number always (as -X verbose), except under -X raw. */
static void
smc_decl(struct pbuf *b, const char *name, uint32_t v)
{
	int saved = b->xstyle;

	pb_printf(b, "%s=", name);
	if (saved != 1)
		b->xstyle = 2;
	print_xval(b, &smc_decl_codes, v, false);
	b->xstyle = saved;
}

bool
nla_smc_fallback(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct smc_diag_fallback fb;

	(void)d;
	if (len < sizeof(fb))
		return false;
	if (!read_or_addr(f, &fb, addr, sizeof(fb)))
		return true;
	smc_decl(f->b, "{reason", fb.reason);
	smc_decl(f->b, ", peer_diagnosis", fb.peer_diagnosis);
	pb_putc(f->b, '}');
	return true;
}

/* --- INET_DIAG_REQ_BYTECODE: one op, then what its code takes --------- */

XLAT_TABLE(inet_diag_bytecodes, "INET_DIAG_BC_???",
	   XLAT(INET_DIAG_BC_NOP), XLAT(INET_DIAG_BC_JMP),
	   XLAT(INET_DIAG_BC_S_GE), XLAT(INET_DIAG_BC_S_LE),
	   XLAT(INET_DIAG_BC_D_GE), XLAT(INET_DIAG_BC_D_LE),
	   XLAT(INET_DIAG_BC_AUTO), XLAT(INET_DIAG_BC_S_COND),
	   XLAT(INET_DIAG_BC_D_COND), XLAT(INET_DIAG_BC_DEV_COND),
	   XLAT(INET_DIAG_BC_MARK_COND), XLAT(INET_DIAG_BC_S_EQ),
	   XLAT(INET_DIAG_BC_D_EQ), XLAT(INET_DIAG_BC_CGROUP_COND));

static void
bc_op(struct pbuf *b, const struct inet_diag_bc_op *op)
{
	pb_puts(b, "{code=");
	print_xval(b, &inet_diag_bytecodes, op->code, false);
	pb_printf(b, ", yes=%u, no=%u}", op->yes, op->no);
}

static void
bc_hostcond(struct fmt *f, uint64_t addr, unsigned len)
{
	struct inet_diag_hostcond c;
	unsigned char a[16];
	unsigned need;

	if (len < sizeof(c)) {
		nl_hex(f, addr, len);
		return;
	}
	if (!read_or_addr(f, &c, addr, sizeof(c)))
		return;
	pb_puts(f->b, "{family=");
	print_xval(f->b, &sock_families, c.family, false);
	pb_printf(f->b, ", prefix_len=%u, port=%u", c.prefix_len, c.port);
	if (len > sizeof(c)) {
		addr += sizeof(c);
		len -= sizeof(c);
		need = c.family == AF_INET ? 4 : c.family == AF_INET6 ? 16 : 0;
		pb_puts(f->b, ", ");
		if (!need || len < need) {
			pb_puts(f->b, "addr=");
			nl_hex(f, addr, len);
		} else if (!read_mem(f, a, addr, need)) {
			pb_puts(f->b, "addr=");
			print_ptr(f, addr);
		} else {
			nl_inet_addr(f->b, c.family, a, need, "addr");
		}
	}
	pb_putc(f->b, '}');
}

static void
bc_data(struct fmt *f, uint64_t addr, unsigned len, uint8_t code)
{
	union {
		uint32_t ifindex;
		struct inet_diag_bc_op op;
		struct inet_diag_markcond mark;
	} u;

	switch (code) {
	case INET_DIAG_BC_S_COND:
	case INET_DIAG_BC_D_COND:
		bc_hostcond(f, addr, len);
		return;
	case INET_DIAG_BC_DEV_COND:
		if (len < sizeof(u.ifindex))
			break;
		if (read_or_addr(f, &u.ifindex, addr, sizeof(u.ifindex)))
			nl_ifindex(f->b, u.ifindex);
		return;
	case INET_DIAG_BC_S_GE:
	case INET_DIAG_BC_S_LE:
	case INET_DIAG_BC_D_GE:
	case INET_DIAG_BC_D_LE:
		if (len < sizeof(u.op))
			break;
		if (read_or_addr(f, &u.op, addr, sizeof(u.op)))
			bc_op(f->b, &u.op);
		return;
	case INET_DIAG_BC_MARK_COND:
		if (len < sizeof(u.mark))
			break;
		if (read_or_addr(f, &u.mark, addr, sizeof(u.mark)))
			pb_printf(f->b, "{mark=%u, mask=%u}", u.mark.mark,
				  u.mark.mask);
		return;
	}
	nl_hex(f, addr, len);
}

bool
nla_inet_diag_bc(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct inet_diag_bc_op op;

	(void)d;
	if (len < sizeof(op))
		return false;
	if (!read_or_addr(f, &op, addr, sizeof(op)))
		return true;
	bc_op(f->b, &op);
	if (len > sizeof(op)) {
		pb_puts(f->b, ", ");
		bc_data(f, addr + sizeof(op), len - sizeof(op), op.code);
	}
	return true;
}
