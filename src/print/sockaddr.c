/* SPDX-License-Identifier: MIT */
/*
 * sockaddr.c: struct sockaddr of every family strace 6.1 decodes (unix,
 * inet, inet6, ax25, ipx, x25, netlink, packet, bluetooth, rxrpc,
 * ieee802154, alg, nfc, vsock, qipcrtr, xdp, mctp), each constant through
 * the shared printers so that -X raw and verbose apply. A family's fields
 * are decoded only when the address is at least as long as strace wants
 * it; otherwise its bytes print as sa_data. The names of the constants
 * are in sockaddr_names.c.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/netlink.h>

#include "print.h"
#include "netlink.h"
#include "sockaddr.h"

/* Field layouts the C library does not export everywhere (x86_64). */
struct sa_ax25_call { unsigned char call[7]; };
struct sa_ax25 {
	uint16_t family;
	struct sa_ax25_call call;
	int ndigis;
};
struct sa_ax25_full {
	struct sa_ax25 ax25;
	struct sa_ax25_call digis[8];
};
struct sa_ipx {
	uint16_t family;
	uint16_t port;
	uint32_t network;
	unsigned char node[6];
	uint8_t type;
	unsigned char zero;
};
struct sa_x25 {
	uint16_t family;
	char addr[16];
};
struct sa_ll {
	uint16_t family;
	uint16_t protocol;
	int ifindex;
	uint16_t hatype;
	unsigned char pkttype;
	unsigned char halen;
	unsigned char addr[8];
};
struct sa_rxrpc {
	uint16_t family;
	uint16_t service;
	uint16_t transport_type;
	uint16_t transport_len;
	union {
		uint16_t family;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} transport;
};
struct sa_ieee802154 {
	uint16_t family;
	struct {
		int addr_type;
		uint16_t pan_id;
		union {
			uint8_t hwaddr[8];
			uint16_t short_addr;
		};
	} addr;
};
struct sa_alg {
	uint16_t family;
	uint8_t type[14];
	uint32_t feat;
	uint32_t mask;
	uint8_t name[];
};
#define SA_ALG_MIN (offsetof(struct sa_alg, name) + 1)
struct sa_nfc {
	uint16_t family;
	uint32_t dev_idx;
	uint32_t target_idx;
	uint32_t protocol;
	uint8_t dsap;
	uint8_t ssap;
	char service_name[63];
	uint64_t service_name_len __attribute__((aligned(8)));
};
#define SA_NFC_MIN (offsetof(struct sa_nfc, protocol) + 4)
struct sa_vm {
	uint16_t family;
	uint16_t reserved1;
	uint32_t port;
	uint32_t cid;
	uint8_t flags;
	unsigned char zero[3];
};
struct sa_qrtr {
	uint16_t family;
	uint32_t node;
	uint32_t port;
};
struct sa_xdp {
	uint16_t family;
	uint16_t flags;
	uint32_t ifindex;
	uint32_t queue_id;
	uint32_t shared_umem_fd;
};
struct sa_mctp {
	uint16_t family;
	uint16_t pad0;
	unsigned int network;
	uint8_t addr;
	uint8_t type;
	uint8_t tag;
	uint8_t pad1;
};

#define SIN6_MIN_LEN offsetof(struct sockaddr_in6, sin6_scope_id)

static void
hex_bytes(struct pbuf *b, const void *p, size_t n)
{
	pb_quote(b, p, n, 0, QUOTE_FORCE_HEX);
}

/*
 * A value whose natural form is an expression (htons(80), a MAC address):
 * the expression alone (abbrev), the raw bytes (raw), or both, the
 * expression in a comment (verbose). Returns whether to print the
 * expression; call expr_end() after it.
 */
static bool
expr_begin(struct pbuf *b, const void *raw, size_t n)
{
	if (XSTYLE_NAMES(b))
		return true;
	hex_bytes(b, raw, n);
	if (b->xstyle == 1)
		return false;
	pb_puts(b, " /* ");
	return true;
}

static void
expr_end(struct pbuf *b)
{
	if (b->xstyle == 2)
		pb_puts(b, " */");
}

static void
net_port(struct pbuf *b, const char *name, const uint16_t *port)
{
	pb_printf(b, "%s=", name);
	if (expr_begin(b, port, sizeof(*port))) {
		pb_printf(b, "htons(%u)", ntohs(*port));
		expr_end(b);
	}
}

static void
mac_addr(struct pbuf *b, const char *name, const unsigned char *p, size_t n)
{
	size_t i;

	pb_printf(b, "%s=", name);
	if (!expr_begin(b, p, n))
		return;
	for (i = 0; i < n; i++)
		pb_printf(b, "%s%02x", i ? ":" : "", p[i]);
	expr_end(b);
}

/* strace's _VERBOSE field printers: the number always, the name in a
   comment (raw: the number alone). */
static void
xval_verbose(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	int saved = b->xstyle;

	b->xstyle = saved == 1 ? 1 : 2;
	print_xval(b, x, v, false);
	b->xstyle = saved;
}

static void
flags_verbose(struct pbuf *b, const struct xlat *x, uint64_t v)
{
	int saved = b->xstyle;

	b->xstyle = saved == 1 ? 1 : 2;
	print_flags(b, x, v);
	b->xstyle = saved;
}

/* A NUL-terminated string in a field of n bytes: at most n - 1 of them,
   "..." after them when none of those is a NUL. */
static void
field_cstring(struct pbuf *b, const void *p, size_t n)
{
	const char *nul;

	if (!n) {
		pb_puts(b, "\"\"...");
		return;
	}
	nul = memchr(p, '\0', n - 1);
	pb_quote(b, p, nul ? (size_t)(nul - (const char *)p) : n - 1, 0, 0);
	if (!nul)
		pb_puts(b, "...");
}

static void
sa_raw(struct fmt *f, const unsigned char *buf, size_t len)
{
	pb_puts(f->b, "sa_data=");
	pb_quote(f->b, buf + 2, len - 2, f->o->xflag, 0);
}

static void
sa_un(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sockaddr_un *un = (const void *)buf;
	size_t n = (len > sizeof(*un) ? sizeof(*un) : len) -
		   offsetof(struct sockaddr_un, sun_path);

	pb_puts(f->b, "sun_path=");
	if (un->sun_path[0] == '\0') {
		pb_putc(f->b, '@');
		pb_quote(f->b, (const unsigned char *)un->sun_path + 1, n - 1,
			 f->o->xflag, 0);
	} else {
		pb_quote(f->b, (const unsigned char *)un->sun_path, n,
			 f->o->xflag, QUOTE_CSTRING);
	}
}

static void
sa_in(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sockaddr_in *in = (const void *)buf;

	(void)len;
	net_port(f->b, "sin_port", &in->sin_port);
	pb_puts(f->b, ", ");
	nl_inet_addr(f->b, AF_INET, &in->sin_addr, 4, "sin_addr");
}

static void
sa_in6(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sockaddr_in6 *in6 = (const void *)buf;
	struct pbuf *b = f->b;

	net_port(b, "sin6_port", &in6->sin6_port);
	pb_puts(b, ", sin6_flowinfo=");
	if (expr_begin(b, &in6->sin6_flowinfo, 4)) {
		pb_printf(b, "htonl(%u)", ntohl(in6->sin6_flowinfo));
		expr_end(b);
	}
	pb_puts(b, ", ");
	nl_inet_addr(b, AF_INET6, &in6->sin6_addr, 16, "sin6_addr");
	if (len <= SIN6_MIN_LEN)
		return;
	pb_puts(b, ", sin6_scope_id=");
	if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr) ||
	    IN6_IS_ADDR_MC_LINKLOCAL(&in6->sin6_addr))
		nl_ifindex(b, in6->sin6_scope_id);
	else
		pb_printf(b, "%u", in6->sin6_scope_id);
}

/* An AX.25 callsign: how sane it looks decides the style (0 the
   caller's, 1 raw only, 2 raw and the name). */
static int
ax25_call_style(const struct sa_ax25_call *a)
{
	bool space = false, chr = false;
	int ret = 0;
	size_t i;

	for (i = 0; i < 6; i++) {
		unsigned char c = a->call[i];

		if (c & 1)
			ret = 2;
		c >>= 1;
		if (c == ' ')
			space = true;
		else
			chr = true;
		if ((c < '0' || c > '9') && (c < 'A' || c > 'Z') && c != ' ')
			ret = 2;
		if (c != ' ' && space)
			ret = 2;
		if (c < ' ' || c > 0x7e || c == '*' || c == '/')
			return 1;
	}
	if (a->call[6] & ~0x1e)
		ret = 2;
	if (!chr && a->call[6])
		ret = 2;
	return ret;
}

static void
ax25_call(struct pbuf *b, const struct sa_ax25_call *a)
{
	int style = ax25_call_style(a);
	char text[16];
	size_t end, i, n = 0;
	unsigned ssid;

	if (!style)
		style = XSTYLE_NAMES(b) ? 0 : b->xstyle;
	if (style) {
		pb_puts(b, "{ax25_call=");
		hex_bytes(b, a->call, sizeof(a->call));
		pb_putc(b, '}');
	}
	if (style == 1)
		return;
	for (end = 6; end; end--)
		if ((a->call[end - 1] >> 1) != ' ')
			break;
	for (i = 0; i < end; i++)
		text[n++] = (char)(a->call[i] >> 1);
	ssid = (a->call[6] >> 1) & 0xf;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "-%u", ssid);
	if (!strcmp(text, "-0"))
		strcpy(text, "*");
	if (style == 2)
		pb_printf(b, " /* %s */", text);
	else
		pb_puts(b, text);
}

static void
sa_ax25(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_ax25_full *ax = (const void *)buf;
	struct pbuf *b = f->b;
	bool full = ax->ax25.ndigis || len > sizeof(struct sa_ax25);
	size_t has, want, n, i;

	if (full)
		pb_puts(b, "fsa_ax25={");
	pb_puts(b, "sax25_call=");
	ax25_call(b, &ax->ax25.call);
	pb_printf(b, ", sax25_ndigis=%d", ax->ax25.ndigis);
	if (!full)
		return;
	pb_putc(b, '}');
	has = (len - sizeof(ax->ax25)) / sizeof(ax->digis[0]);
	if (has > 8)
		has = 8;
	want = ax->ax25.ndigis > 0 ? (size_t)ax->ax25.ndigis : 0;
	if (want > 8)
		want = 8;
	n = has < want ? has : want;
	if (want) {
		pb_puts(b, ", fsa_digipeater=[");
		for (i = 0; i < n; i++) {
			if (i)
				pb_puts(b, ", ");
			ax25_call(b, &ax->digis[i]);
		}
		if (want > has)
			pb_puts(b, n ? ", ..." : "...");
		pb_putc(b, ']');
	}
	if (len > has * sizeof(ax->digis[0]) + sizeof(ax->ax25))
		pb_puts(b, ", ...");
}

static void
sa_ipx(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_ipx *ipx = (const void *)buf;
	struct pbuf *b = f->b;
	size_t i;

	(void)len;
	net_port(b, "sipx_port", &ipx->port);
	pb_printf(b, ", sipx_network=htonl(%#x), sipx_node=[",
		  ntohl(ipx->network));
	for (i = 0; i < sizeof(ipx->node); i++)
		pb_printf(b, "%s%#02x", i ? ", " : "", ipx->node[i]);
	pb_printf(b, "], sipx_type=%#02x", ipx->type);
	if (ipx->zero)
		pb_printf(b, ", sipx_zero=%#x", ipx->zero);
}

static void
sa_x25(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_x25 *x = (const void *)buf;

	(void)len;
	pb_puts(f->b, "sx25_addr={x25_addr=");
	field_cstring(f->b, x->addr, sizeof(x->addr));
	pb_putc(f->b, '}');
}

static void
sa_nl(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sockaddr_nl *nl = (const void *)buf;

	(void)len;
	if (nl->nl_pad)
		pb_printf(f->b, "nl_pad=%#x, ", nl->nl_pad);
	pb_puts(f->b, "nl_pid=");
	print_pid(f, (int)nl->nl_pid);
	pb_printf(f->b, ", nl_groups=%#08x", nl->nl_groups);
}

static void
sa_ll(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_ll *ll = (const void *)buf;
	struct pbuf *b = f->b;
	size_t oob = len - offsetof(struct sa_ll, addr), i;

	pb_puts(b, "sll_protocol=");
	if (expr_begin(b, &ll->protocol, 2)) {
		int saved = b->xstyle;

		pb_puts(b, "htons(");
		b->xstyle = 0;
		print_xval(b, &sa_eth_protos, ntohs(ll->protocol), false);
		b->xstyle = saved;
		pb_putc(b, ')');
		expr_end(b);
	}
	pb_puts(b, ", sll_ifindex=");
	nl_ifindex(b, (uint32_t)ll->ifindex);
	pb_puts(b, ", sll_hatype=");
	print_xval(b, &sa_arphrd, ll->hatype, false);
	pb_puts(b, ", sll_pkttype=");
	print_xval(b, &sa_pkttypes, ll->pkttype, false);
	pb_printf(b, ", sll_halen=%u", ll->halen);
	if (!ll->halen)
		return;
	pb_puts(b, ", sll_addr=[");
	for (i = 0; i < ll->halen; i++) {
		if (i)
			pb_puts(b, ", ");
		if (i >= oob) {
			pb_puts(b, "...");
			break;
		}
		pb_printf(b, "%#02x", ll->addr[i]);
	}
	pb_putc(b, ']');
}

/* An L2CAP PSM or CID: htobs(NAME), a dynamic range's start plus an
   offset, or the number with a comment. */
static void
bt_l2_num(struct pbuf *b, uint16_t v, const struct xlat *x,
	  const char *unk, bool psm)
{
	const char *name = xlat_name(x, v);
	const char *base = NULL;
	unsigned start = 0, off = 0;
	bool known;

	if (!name && psm && v >= 0x80 && v <= 0xff) {
		base = "L2CAP_PSM_LE_DYN_START";
		start = 0x80;
	} else if (!name && psm && v >= 0x1001) {
		base = "L2CAP_PSM_DYN_START";
		start = 0x1001;
	} else if (!name && !psm && v >= 0x40) {
		base = "L2CAP_CID_DYN_START";
		start = 0x40;
	}
	off = v - start;
	known = name || base;
	pb_puts(b, "htobs(");
	if (!XSTYLE_NAMES(b) || !known)
		pb_printf(b, "%#x", v);
	if (b->xstyle != 1) {
		bool comment = b->xstyle == 2 || !known;

		if (comment)
			pb_puts(b, " /* ");
		if (name) {
			pb_puts(b, name);
		} else if (base) {
			nl_const(b, start, base, "%#llx");
			pb_printf(b, "+%u", off);
		} else {
			pb_puts(b, unk);
		}
		if (comment)
			pb_puts(b, " */");
	}
	pb_putc(b, ')');
}

static void
sa_bt(struct fmt *f, const unsigned char *buf, size_t len)
{
	struct pbuf *b = f->b;
	uint16_t v;

	switch (len) {
	case 4: /* sockaddr_hci without hci_channel */
	case 6:
		memcpy(&v, buf + 2, 2);
		pb_printf(b, "hci_dev=htobs(%u)", v);
		if (len == 6) {
			memcpy(&v, buf + 4, 2);
			pb_puts(b, ", hci_channel=");
			print_xval(b, &sa_hci_channels, v, false);
		}
		break;
	case 8: /* sockaddr_sco */
		mac_addr(b, "sco_bdaddr", buf + 2, 6);
		break;
	case 10: /* sockaddr_rc, padded */
		mac_addr(b, "rc_bdaddr", buf + 2, 6);
		pb_printf(b, ", rc_channel=%u", buf[8]);
		break;
	case 12: /* sockaddr_l2 without l2_bdaddr_type */
	case 14:
		memcpy(&v, buf + 2, 2);
		pb_puts(b, "l2_psm=");
		bt_l2_num(b, v, &sa_l2_psms, "L2CAP_PSM_???", true);
		pb_puts(b, ", ");
		mac_addr(b, "l2_bdaddr", buf + 4, 6);
		memcpy(&v, buf + 10, 2);
		pb_puts(b, ", l2_cid=");
		bt_l2_num(b, v, &sa_l2_cids, "L2CAP_CID_???", false);
		if (len == 14) {
			pb_puts(b, ", l2_bdaddr_type=");
			print_xval(b, &sa_bdaddr_types, buf[12], false);
		}
		break;
	default:
		sa_raw(f, buf, len);
		break;
	}
}

static void
sa_rxrpc(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_rxrpc *sa = (const void *)buf;
	struct pbuf *b = f->b;
	size_t off = offsetof(struct sa_rxrpc, transport);
	int tlen = sa->transport_len < (int)(len - off) ? sa->transport_len
							 : (int)(len - off);
	int rest = tlen - 2 > 0 ? tlen - 2 : 0;
	const unsigned char *tbuf = buf + off;

	pb_puts(b, "srx_service=");
	xval_verbose(b, &sa_rxrpc_services, sa->service);
	pb_puts(b, ", transport_type=");
	print_xval(b, &sock_types, sa->transport_type, false);
	pb_printf(b, ", transport_len=%u, transport={", sa->transport_len);
	switch (sa->transport.family) {
	case AF_INET:
	case AF_INET6: {
		bool v4 = sa->transport.family == AF_INET;

		pb_puts(b, v4 ? "sin={sin_family=" : "sin6={sin6_family=");
		print_xval(b, &sock_families, sa->transport.family, false);
		if (sa->transport_len >= (v4 ? sizeof(struct sockaddr_in)
					      : SIN6_MIN_LEN)) {
			pb_puts(b, ", ");
			if (v4)
				sa_in(f, tbuf, (size_t)tlen);
			else
				sa_in6(f, tbuf, (size_t)tlen);
		} else if (rest > 0) {
			pb_puts(b, ", ");
			pb_quote(b, tbuf + 2, (size_t)rest, f->o->xflag, 0);
		}
		pb_putc(b, '}');
		break;
	}
	default:
		pb_puts(b, "family=");
		print_xval(b, &sock_families, sa->transport.family, false);
		if (rest > 0) {
			pb_puts(b, ", ");
			pb_quote(b, tbuf + 2, (size_t)rest, f->o->xflag, 0);
		}
		break;
	}
	pb_putc(b, '}');
}

static void
sa_ieee802154(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_ieee802154 *sa = (const void *)buf;
	struct pbuf *b = f->b;

	(void)len;
	pb_puts(b, "addr={addr_type=");
	xval_verbose(b, &sa_ieee_addr_types, (uint32_t)sa->addr.addr_type);
	pb_puts(b, ", pan_id=");
	xval_verbose(b, &sa_ieee_pan_ids, sa->addr.pan_id);
	switch (sa->addr.addr_type) {
	case 0:
		break;
	case 2:
		pb_puts(b, ", short_addr=");
		xval_verbose(b, &sa_ieee_addrs, sa->addr.short_addr);
		break;
	default:
		pb_puts(b, ", ");
		mac_addr(b, "hwaddr", sa->addr.hwaddr, 8);
		break;
	}
	pb_putc(b, '}');
}

static void
sa_alg(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_alg *sa = (const void *)buf;
	struct pbuf *b = f->b;

	pb_puts(b, "salg_type=");
	field_cstring(b, sa->type, sizeof(sa->type));
	pb_puts(b, ", salg_feat=");
	flags_verbose(b, &sa_alg_flags, sa->feat);
	pb_puts(b, ", salg_mask=");
	flags_verbose(b, &sa_alg_flags, sa->mask);
	pb_puts(b, ", salg_name=");
	field_cstring(b, sa->name, len - offsetof(struct sa_alg, name));
}

static void
sa_nfc(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_nfc *sa = (const void *)buf;
	struct pbuf *b = f->b;
	uint64_t sn;

	pb_puts(b, "dev_idx=");
	nl_ifindex(b, sa->dev_idx);
	pb_printf(b, ", target_idx=%#x, nfc_protocol=", sa->target_idx);
	print_xval(b, &sa_nfc_protos, sa->protocol, false);
	if (len < sizeof(*sa)) {
		if (len > SA_NFC_MIN)
			pb_puts(b, ", ...");
		return;
	}
	sn = sa->service_name_len;
	pb_puts(b, ", dsap=");
	xval_verbose(b, &sa_nfc_saps, sa->dsap);
	pb_puts(b, ", ssap=");
	xval_verbose(b, &sa_nfc_saps, sa->ssap);
	pb_puts(b, ", service_name=");
	pb_quote(b, (const unsigned char *)sa->service_name,
		 sn < sizeof(sa->service_name) ? (size_t)sn
					       : sizeof(sa->service_name),
		 f->o->xflag, 0);
	pb_printf(b, ", service_name_len=%llu", (unsigned long long)sn);
}

static void
sa_vsock(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_vm *sa = (const void *)buf;
	static const unsigned char zero[3];
	struct pbuf *b = f->b;

	(void)len;
	if (sa->reserved1)
		pb_printf(b, "svm_reserved1=%#x, ", sa->reserved1);
	pb_puts(b, "svm_cid=");
	print_xval(b, &sa_vsock_cids, sa->cid, false);
	pb_puts(b, ", svm_port=");
	print_xval(b, &sa_vsock_ports, sa->port, false);
	pb_puts(b, ", svm_flags=");
	print_flags(b, &sa_vsock_flags, sa->flags);
	if (memcmp(sa->zero, zero, sizeof(zero))) {
		pb_puts(b, ", svm_zero=");
		hex_bytes(b, sa->zero, sizeof(sa->zero));
	}
}

static void
sa_qrtr(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_qrtr *sa = (const void *)buf;

	(void)len;
	pb_puts(f->b, "sq_node=");
	print_xval(f->b, &sa_qrtr_nodes, sa->node, false);
	pb_puts(f->b, ", sq_port=");
	print_xval(f->b, &sa_qrtr_ports, sa->port, false);
}

static void
sa_xdp(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_xdp *sa = (const void *)buf;
	struct pbuf *b = f->b;

	(void)len;
	pb_puts(b, "sxdp_flags=");
	print_flags(b, &sa_xdp_flags, sa->flags);
	pb_puts(b, ", sxdp_ifindex=");
	nl_ifindex(b, sa->ifindex);
	pb_printf(b, ", sxdp_queue_id=%u", sa->queue_id);
	if (sa->flags & 1) {
		pb_puts(b, ", sxdp_shared_umem_fd=");
		print_fd(f, (int)sa->shared_umem_fd);
	} else if (sa->shared_umem_fd) {
		pb_printf(b, ", sxdp_shared_umem_fd=%#x", sa->shared_umem_fd);
	}
}

static void
sa_mctp(struct fmt *f, const unsigned char *buf, size_t len)
{
	const struct sa_mctp *sa = (const void *)buf;
	struct pbuf *b = f->b;

	(void)len;
	if (sa->pad0)
		pb_printf(b, "__smctp_pad0=%#x, ", sa->pad0);
	pb_puts(b, "smctp_network=");
	print_xval(b, &sa_mctp_nets, sa->network, false);
	pb_puts(b, ", smctp_addr={s_addr=");
	print_xval(b, &sa_mctp_addrs, sa->addr, false);
	pb_printf(b, "}, smctp_type=%#x, smctp_tag=%#x", sa->type, sa->tag);
	if (sa->pad1)
		pb_printf(b, ", __smctp_pad1=%#x", sa->pad1);
}

typedef void sa_printer(struct fmt *f, const unsigned char *buf, size_t len);

static const struct {
	sa_printer *print;
	size_t min_len;
} sa_printers[] = {
	[AF_UNIX] = { sa_un, 3 },
	[AF_INET] = { sa_in, sizeof(struct sockaddr_in) },
	[AF_AX25] = { sa_ax25, sizeof(struct sa_ax25) },
	[AF_IPX] = { sa_ipx, sizeof(struct sa_ipx) },
	[AF_X25] = { sa_x25, sizeof(struct sa_x25) },
	[AF_INET6] = { sa_in6, SIN6_MIN_LEN },
	[AF_NETLINK] = { sa_nl, sizeof(struct sockaddr_nl) },
	[AF_PACKET] = { sa_ll, sizeof(struct sa_ll) },
	[AF_BLUETOOTH] = { sa_bt, 3 },
	[AF_RXRPC] = { sa_rxrpc, sizeof(struct sa_rxrpc) },
	[AF_IEEE802154] = { sa_ieee802154, sizeof(struct sa_ieee802154) },
	[AF_ALG] = { sa_alg, SA_ALG_MIN },
	[AF_NFC] = { sa_nfc, SA_NFC_MIN },
	[AF_VSOCK] = { sa_vsock, sizeof(struct sa_vm) },
	[AF_QIPCRTR] = { sa_qrtr, sizeof(struct sa_qrtr) },
	[AF_XDP] = { sa_xdp, sizeof(struct sa_xdp) },
	[45 /* AF_MCTP */] = { sa_mctp, sizeof(struct sa_mctp) },
};

/*
 * A socket address of len bytes (an int, as the kernel takes it): the
 * address when shorter than the family, cut to a sockaddr_storage when
 * longer (strace's decode_sockaddr()).
 */
void
print_sockaddr(struct fmt *f, uint64_t addr, int ilen)
{
	/* One byte more: a family's printer may read a NUL after it. */
	unsigned char buf[sizeof(struct sockaddr_storage) + 1];
	size_t len;

	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (ilen < 2) {
		print_ptr(f, addr);
		return;
	}
	memset(buf, 0, sizeof(buf));
	len = (size_t)ilen > sizeof(struct sockaddr_storage)
		      ? sizeof(struct sockaddr_storage) : (size_t)ilen;
	if (!read_mem(f, buf, addr, len)) {
		print_ptr(f, addr);
		return;
	}
	print_sockaddr_buf(f, buf, len);
}

void
print_sockaddr_buf(struct fmt *f, const unsigned char *buf, size_t len)
{
	uint16_t family;

	memcpy(&family, buf, sizeof(family));
	pb_puts(f->b, "{sa_family=");
	print_xval(f->b, &sock_families, family, false);
	if (len > 2) {
		pb_puts(f->b, ", ");
		if (family < ARRAY_SIZE(sa_printers) &&
		    sa_printers[family].print &&
		    len >= sa_printers[family].min_len)
			sa_printers[family].print(f, buf, len);
		else
			sa_raw(f, buf, len);
	}
	pb_putc(f->b, '}');
}
