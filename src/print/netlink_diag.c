/* SPDX-License-Identifier: MIT */
/*
 * netlink_diag.c: the payloads of NETLINK_SOCK_DIAG messages as strace
 * 6.1 prints them. A request (NLM_F_REQUEST) and an answer of each
 * family (unix, inet and inet6, netlink, packet, smc) begin with their
 * own struct; answers go on with attributes.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/inet_diag.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/smc_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

#ifndef AF_SMC
#define AF_SMC 43
#endif

XLAT_TABLE(tcp_states, "TCP_???",
	XLAT_PAIR(1, "TCP_ESTABLISHED"), XLAT_PAIR(2, "TCP_SYN_SENT"),
	XLAT_PAIR(3, "TCP_SYN_RECV"), XLAT_PAIR(4, "TCP_FIN_WAIT1"),
	XLAT_PAIR(5, "TCP_FIN_WAIT2"), XLAT_PAIR(6, "TCP_TIME_WAIT"),
	XLAT_PAIR(7, "TCP_CLOSE"), XLAT_PAIR(8, "TCP_CLOSE_WAIT"),
	XLAT_PAIR(9, "TCP_LAST_ACK"), XLAT_PAIR(10, "TCP_LISTEN"),
	XLAT_PAIR(11, "TCP_CLOSING"), XLAT_PAIR(12, "TCP_NEW_SYN_RECV"));

XLAT_TABLE(tcp_state_flags, "1<<TCP_???",
	XLAT(1<<TCP_ESTABLISHED), XLAT(1<<TCP_SYN_SENT),
	XLAT(1<<TCP_SYN_RECV), XLAT(1<<TCP_FIN_WAIT1),
	XLAT(1<<TCP_FIN_WAIT2), XLAT(1<<TCP_TIME_WAIT), XLAT(1<<TCP_CLOSE),
	XLAT(1<<TCP_CLOSE_WAIT), XLAT(1<<TCP_LAST_ACK), XLAT(1<<TCP_LISTEN),
	XLAT(1<<TCP_CLOSING), XLAT_PAIR(1<<12, "1<<TCP_NEW_SYN_RECV"));

XLAT_TABLE(udiag_show, "UDIAG_SHOW_???",
	XLAT(UDIAG_SHOW_NAME), XLAT(UDIAG_SHOW_VFS), XLAT(UDIAG_SHOW_PEER),
	XLAT(UDIAG_SHOW_ICONS), XLAT(UDIAG_SHOW_RQLEN),
	XLAT(UDIAG_SHOW_MEMINFO), XLAT(UDIAG_SHOW_UID));

XLAT_TABLE(unix_diag_attrs, "UNIX_DIAG_???",
	XLAT(UNIX_DIAG_NAME), XLAT(UNIX_DIAG_VFS), XLAT(UNIX_DIAG_PEER),
	XLAT(UNIX_DIAG_ICONS), XLAT(UNIX_DIAG_RQLEN),
	XLAT(UNIX_DIAG_MEMINFO), XLAT(UNIX_DIAG_SHUTDOWN), XLAT(UNIX_DIAG_UID));

XLAT_TABLE(ndiag_show, "NDIAG_SHOW_???",
	XLAT(NDIAG_SHOW_MEMINFO), XLAT(NDIAG_SHOW_GROUPS),
	XLAT(NDIAG_SHOW_RING_CFG), XLAT(NDIAG_SHOW_FLAGS));

XLAT_TABLE(nl_states, "NETLINK_???",
	XLAT_PAIR(0, "NETLINK_UNCONNECTED"),
	XLAT_PAIR(1, "NETLINK_CONNECTED"), XLAT_PAIR(7, "TCP_CLOSE"));

XLAT_TABLE(netlink_diag_attrs, "NETLINK_DIAG_???",
	XLAT(NETLINK_DIAG_MEMINFO), XLAT(NETLINK_DIAG_GROUPS),
	XLAT(NETLINK_DIAG_RX_RING), XLAT(NETLINK_DIAG_TX_RING),
	XLAT(NETLINK_DIAG_FLAGS));

XLAT_TABLE(pdiag_show, "PACKET_SHOW_???",
	XLAT(PACKET_SHOW_INFO), XLAT(PACKET_SHOW_MCLIST),
	XLAT(PACKET_SHOW_RING_CFG), XLAT(PACKET_SHOW_FANOUT),
	XLAT(PACKET_SHOW_MEMINFO), XLAT(PACKET_SHOW_FILTER));

XLAT_TABLE(packet_diag_attrs, "PACKET_DIAG_???",
	XLAT(PACKET_DIAG_INFO), XLAT(PACKET_DIAG_MCLIST),
	XLAT(PACKET_DIAG_RX_RING), XLAT(PACKET_DIAG_TX_RING),
	XLAT(PACKET_DIAG_FANOUT), XLAT(PACKET_DIAG_UID),
	XLAT(PACKET_DIAG_MEMINFO), XLAT(PACKET_DIAG_FILTER));

XLAT_TABLE(idiag_ext_flags, "1<<INET_DIAG_?\?\?-1",
	XLAT(1<<(INET_DIAG_MEMINFO-1)), XLAT(1<<(INET_DIAG_INFO-1)),
	XLAT(1<<(INET_DIAG_VEGASINFO-1)), XLAT(1<<(INET_DIAG_CONG-1)),
	XLAT(1<<(INET_DIAG_TOS-1)), XLAT(1<<(INET_DIAG_TCLASS-1)),
	XLAT(1<<(INET_DIAG_SKMEMINFO-1)), XLAT(1<<(INET_DIAG_SHUTDOWN-1)),
	XLAT(1<<(INET_DIAG_DCTCPINFO-1)), XLAT(1<<(INET_DIAG_PROTOCOL-1)),
	XLAT(1<<(INET_DIAG_SKV6ONLY-1)), XLAT(1<<(INET_DIAG_LOCALS-1)),
	XLAT(1<<(INET_DIAG_PEERS-1)), XLAT(1<<(INET_DIAG_PAD-1)),
	XLAT(1<<(INET_DIAG_MARK-1)), XLAT(1<<(INET_DIAG_BBRINFO-1)),
	XLAT(1<<(INET_DIAG_CLASS_ID-1)), XLAT(1<<(INET_DIAG_MD5SIG-1)),
	XLAT(1<<(INET_DIAG_ULP_INFO-1)),
	XLAT(1<<(INET_DIAG_SK_BPF_STORAGES-1)),
	XLAT(1<<(INET_DIAG_CGROUP_ID-1)), XLAT(1<<(INET_DIAG_SOCKOPT-1)));

XLAT_TABLE(inet_diag_req_attrs, "INET_DIAG_REQ_???",
	XLAT(INET_DIAG_REQ_NONE), XLAT(INET_DIAG_REQ_BYTECODE),
	XLAT(INET_DIAG_REQ_SK_BPF_STORAGES), XLAT(INET_DIAG_REQ_PROTOCOL));

XLAT_TABLE(inet_diag_attrs, "INET_DIAG_???",
	XLAT(INET_DIAG_NONE), XLAT(INET_DIAG_MEMINFO), XLAT(INET_DIAG_INFO),
	XLAT(INET_DIAG_VEGASINFO), XLAT(INET_DIAG_CONG), XLAT(INET_DIAG_TOS),
	XLAT(INET_DIAG_TCLASS), XLAT(INET_DIAG_SKMEMINFO),
	XLAT(INET_DIAG_SHUTDOWN), XLAT(INET_DIAG_DCTCPINFO),
	XLAT(INET_DIAG_PROTOCOL), XLAT(INET_DIAG_SKV6ONLY),
	XLAT(INET_DIAG_LOCALS), XLAT(INET_DIAG_PEERS), XLAT(INET_DIAG_PAD),
	XLAT(INET_DIAG_MARK), XLAT(INET_DIAG_BBRINFO),
	XLAT(INET_DIAG_CLASS_ID), XLAT(INET_DIAG_MD5SIG),
	XLAT(INET_DIAG_ULP_INFO), XLAT(INET_DIAG_SK_BPF_STORAGES),
	XLAT(INET_DIAG_CGROUP_ID), XLAT(INET_DIAG_SOCKOPT));

XLAT_TABLE(smc_ext_flags, "1<<SMC_DIAG_?\?\?-1",
	XLAT(1<<(SMC_DIAG_CONNINFO-1)), XLAT(1<<(SMC_DIAG_LGRINFO-1)));

XLAT_TABLE(smc_states, "SMC_???",
	XLAT_PAIR(1, "SMC_ACTIVE"), XLAT_PAIR(2, "SMC_INIT"),
	XLAT_PAIR(7, "SMC_CLOSED"), XLAT_PAIR(10, "SMC_LISTEN"),
	XLAT_PAIR(20, "SMC_PEERCLOSEWAIT1"),
	XLAT_PAIR(21, "SMC_PEERCLOSEWAIT2"),
	XLAT_PAIR(24, "SMC_APPFINCLOSEWAIT"),
	XLAT_PAIR(22, "SMC_APPCLOSEWAIT1"),
	XLAT_PAIR(23, "SMC_APPCLOSEWAIT2"),
	XLAT_PAIR(25, "SMC_PEERFINCLOSEWAIT"),
	XLAT_PAIR(26, "SMC_PEERABORTWAIT"), XLAT_PAIR(27, "SMC_PROCESSABORT"));

XLAT_TABLE(smc_diag_attrs, "SMC_DIAG_???",
	XLAT(SMC_DIAG_NONE), XLAT(SMC_DIAG_CONNINFO), XLAT(SMC_DIAG_LGRINFO),
	XLAT(SMC_DIAG_SHUTDOWN), XLAT(SMC_DIAG_DMBINFO),
	XLAT(SMC_DIAG_FALLBACK));

XLAT_TABLE(smc_modes, "SMC_DIAG_MODE_???",
	XLAT_PAIR(0, "SMC_DIAG_MODE_SMCR"),
	XLAT_PAIR(1, "SMC_DIAG_MODE_FALLBACK_TCP"),
	XLAT_PAIR(2, "SMC_DIAG_MODE_SMCD"));

XLAT_TABLE(shutdown_flags, "???_SHUTDOWN", XLAT_PAIR(1, "RCV_SHUTDOWN"),
	   XLAT_PAIR(2, "SEND_SHUTDOWN"));

XLAT_TABLE(eth_protocols, "ETH_P_???",
	XLAT_PAIR(0x0001, "ETH_P_802_3"), XLAT_PAIR(0x0002, "ETH_P_AX25"),
	XLAT_PAIR(0x0003, "ETH_P_ALL"), XLAT_PAIR(0x0004, "ETH_P_802_2"),
	XLAT_PAIR(0x0005, "ETH_P_SNAP"), XLAT_PAIR(0x0006, "ETH_P_DDCMP"),
	XLAT_PAIR(0x0007, "ETH_P_WAN_PPP"),
	XLAT_PAIR(0x0008, "ETH_P_PPP_MP"),
	XLAT_PAIR(0x0009, "ETH_P_LOCALTALK"), XLAT_PAIR(0x000C, "ETH_P_CAN"),
	XLAT_PAIR(0x000D, "ETH_P_CANFD"), XLAT_PAIR(0x000E, "ETH_P_CANXL"),
	XLAT_PAIR(0x0010, "ETH_P_PPPTALK"),
	XLAT_PAIR(0x0011, "ETH_P_TR_802_2"),
	XLAT_PAIR(0x0015, "ETH_P_MOBITEX"),
	XLAT_PAIR(0x0016, "ETH_P_CONTROL"), XLAT_PAIR(0x0017, "ETH_P_IRDA"),
	XLAT_PAIR(0x0018, "ETH_P_ECONET"), XLAT_PAIR(0x0019, "ETH_P_HDLC"),
	XLAT_PAIR(0x001A, "ETH_P_ARCNET"), XLAT_PAIR(0x001B, "ETH_P_DSA"),
	XLAT_PAIR(0x001C, "ETH_P_TRAILER"), XLAT_PAIR(0x0060, "ETH_P_LOOP"),
	XLAT_PAIR(0x00F5, "ETH_P_PHONET"),
	XLAT_PAIR(0x00F6, "ETH_P_IEEE802154"),
	XLAT_PAIR(0x00F7, "ETH_P_CAIF"), XLAT_PAIR(0x00F8, "ETH_P_XDSA"),
	XLAT_PAIR(0x00F9, "ETH_P_MAP"), XLAT_PAIR(0x00FA, "ETH_P_MCTP"),
	XLAT_PAIR(0x0200, "ETH_P_PUP"), XLAT_PAIR(0x0201, "ETH_P_PUPAT"),
	XLAT_PAIR(0x0600, "ETH_P_802_3_MIN"), XLAT_PAIR(0x0800, "ETH_P_IP"),
	XLAT_PAIR(0x0805, "ETH_P_X25"), XLAT_PAIR(0x0806, "ETH_P_ARP"),
	XLAT_PAIR(0x08FF, "ETH_P_BPQ"), XLAT_PAIR(0x0a00, "ETH_P_IEEEPUP"),
	XLAT_PAIR(0x0a01, "ETH_P_IEEEPUPAT"),
	XLAT_PAIR(0x22EB, "ETH_P_ERSPAN2"), XLAT_PAIR(0x22F0, "ETH_P_TSN"),
	XLAT_PAIR(0x4305, "ETH_P_BATMAN"), XLAT_PAIR(0x6000, "ETH_P_DEC"),
	XLAT_PAIR(0x6001, "ETH_P_DNA_DL"), XLAT_PAIR(0x6002, "ETH_P_DNA_RC"),
	XLAT_PAIR(0x6003, "ETH_P_DNA_RT"), XLAT_PAIR(0x6004, "ETH_P_LAT"),
	XLAT_PAIR(0x6005, "ETH_P_DIAG"), XLAT_PAIR(0x6006, "ETH_P_CUST"),
	XLAT_PAIR(0x6007, "ETH_P_SCA"), XLAT_PAIR(0x6558, "ETH_P_TEB"),
	XLAT_PAIR(0x8035, "ETH_P_RARP"), XLAT_PAIR(0x809B, "ETH_P_ATALK"),
	XLAT_PAIR(0x80F3, "ETH_P_AARP"), XLAT_PAIR(0x8100, "ETH_P_8021Q"),
	XLAT_PAIR(0x8137, "ETH_P_IPX"), XLAT_PAIR(0x86DD, "ETH_P_IPV6"),
	XLAT_PAIR(0x8808, "ETH_P_PAUSE"), XLAT_PAIR(0x8809, "ETH_P_SLOW"),
	XLAT_PAIR(0x883E, "ETH_P_WCCP"), XLAT_PAIR(0x8847, "ETH_P_MPLS_UC"),
	XLAT_PAIR(0x8848, "ETH_P_MPLS_MC"),
	XLAT_PAIR(0x884c, "ETH_P_ATMMPOA"),
	XLAT_PAIR(0x8863, "ETH_P_PPP_DISC"),
	XLAT_PAIR(0x8864, "ETH_P_PPP_SES"),
	XLAT_PAIR(0x886c, "ETH_P_LINK_CTL"),
	XLAT_PAIR(0x8884, "ETH_P_ATMFATE"), XLAT_PAIR(0x888E, "ETH_P_PAE"),
	XLAT_PAIR(0x8899, "ETH_P_REALTEK"), XLAT_PAIR(0x88A2, "ETH_P_AOE"),
	XLAT_PAIR(0x88A8, "ETH_P_8021AD"),
	XLAT_PAIR(0x88B5, "ETH_P_802_EX1"),
	XLAT_PAIR(0x88BE, "ETH_P_ERSPAN"),
	XLAT_PAIR(0x88C7, "ETH_P_PREAUTH"), XLAT_PAIR(0x88CA, "ETH_P_TIPC"),
	XLAT_PAIR(0x88CC, "ETH_P_LLDP"), XLAT_PAIR(0x88E3, "ETH_P_MRP"),
	XLAT_PAIR(0x88E5, "ETH_P_MACSEC"), XLAT_PAIR(0x88E7, "ETH_P_8021AH"),
	XLAT_PAIR(0x88F5, "ETH_P_MVRP"), XLAT_PAIR(0x88F7, "ETH_P_1588"),
	XLAT_PAIR(0x88F8, "ETH_P_NCSI"), XLAT_PAIR(0x88FB, "ETH_P_PRP"),
	XLAT_PAIR(0x8902, "ETH_P_CFM"), XLAT_PAIR(0x8906, "ETH_P_FCOE"),
	XLAT_PAIR(0x890D, "ETH_P_TDLS"), XLAT_PAIR(0x8914, "ETH_P_FIP"),
	XLAT_PAIR(0x8915, "ETH_P_IBOE"), XLAT_PAIR(0x8917, "ETH_P_80221"),
	XLAT_PAIR(0x892F, "ETH_P_HSR"), XLAT_PAIR(0x894F, "ETH_P_NSH"),
	XLAT_PAIR(0x9000, "ETH_P_LOOPBACK"),
	XLAT_PAIR(0x9100, "ETH_P_QINQ1"), XLAT_PAIR(0x9200, "ETH_P_QINQ2"),
	XLAT_PAIR(0x9300, "ETH_P_QINQ3"), XLAT_PAIR(0xDADA, "ETH_P_EDSA"),
	XLAT_PAIR(0xDADB, "ETH_P_DSA_8021Q"),
	XLAT_PAIR(0xE001, "ETH_P_DSA_A5PSW"), XLAT_PAIR(0xED3E, "ETH_P_IFE"),
	XLAT_PAIR(0xFBFB, "ETH_P_AF_IUCV"));


XLAT_TABLE(ndiag_flags, "NDIAG_FLAG_???",
	XLAT(NDIAG_FLAG_CB_RUNNING), XLAT(NDIAG_FLAG_PKTINFO),
	XLAT(NDIAG_FLAG_BROADCAST_ERROR), XLAT(NDIAG_FLAG_NO_ENOBUFS),
	XLAT(NDIAG_FLAG_LISTEN_ALL_NSID), XLAT(NDIAG_FLAG_CAP_ACK));

XLAT_TABLE(tpacket_versions, "TPACKET_???",
	XLAT_PAIR(0, "TPACKET_V1"), XLAT_PAIR(1, "TPACKET_V2"),
	XLAT_PAIR(2, "TPACKET_V3"));

XLAT_TABLE(pdi_flags, "PDI_???",
	XLAT(PDI_RUNNING), XLAT(PDI_AUXDATA), XLAT(PDI_ORIGDEV),
	XLAT(PDI_VNETHDR), XLAT(PDI_LOSS));

#define S(st) sizeof(struct st)
#define F(st, field, kind, x) NLF(struct st, field, kind, x)
#define FN(st, field, fn) NLF_WITH(struct st, field, fn)
#define DEC(a) a, ARRAY_SIZE(a)

/* --- fields ------------------------------------------------------------ */

/* A cookie: two u32, [1, 2]. */
static void
field_cookie(struct fmt *f, const void *p, const void *base)
{
	uint32_t c[2];

	(void)base;
	memcpy(c, p, sizeof(c));
	pb_printf(f->b, "[%u, %u]", c[0], c[1]);
}

/* A port in network order. */
static void
print_port(struct pbuf *b, const char *name, uint16_t port)
{
	pb_printf(b, "%s=", name);
	if (!XSTYLE_NAMES(b)) {
		pb_quote(b, (const unsigned char *)&port, sizeof(port), 0,
			 QUOTE_FORCE_HEX);
		if (b->xstyle == 1)
			return;
		pb_puts(b, " /* ");
	}
	pb_printf(b, "htons(%u)", ntohs(port));
	if (!XSTYLE_NAMES(b))
		pb_puts(b, " */");
}

static void
print_sockid(struct fmt *f, const struct inet_diag_sockid *id, int af)
{
	pb_putc(f->b, '{');
	print_port(f->b, "idiag_sport", id->idiag_sport);
	pb_puts(f->b, ", ");
	print_port(f->b, "idiag_dport", id->idiag_dport);
	pb_puts(f->b, ", ");
	if (!nl_inet_addr(f->b, af, id->idiag_src, sizeof(id->idiag_src),
			  "idiag_src")) {
		pb_puts(f->b, "idiag_src=");
		pb_quote(f->b, (const unsigned char *)id->idiag_src,
			 sizeof(id->idiag_src), 0, QUOTE_FORCE_HEX);
	}
	pb_puts(f->b, ", ");
	if (!nl_inet_addr(f->b, af, id->idiag_dst, sizeof(id->idiag_dst),
			  "idiag_dst")) {
		pb_puts(f->b, "idiag_dst=");
		pb_quote(f->b, (const unsigned char *)id->idiag_dst,
			 sizeof(id->idiag_dst), 0, QUOTE_FORCE_HEX);
	}
	pb_puts(f->b, ", idiag_if=");
	nl_ifindex(f->b, id->idiag_if);
	pb_puts(f->b, ", idiag_cookie=");
	field_cookie(f, id->idiag_cookie, NULL);
	pb_putc(f->b, '}');
}

/* The sockid of an inet struct, whose first byte is the family. */
static void
field_sockid(struct fmt *f, const void *p, const void *base)
{
	struct inet_diag_sockid id;

	memcpy(&id, p, sizeof(id));
	print_sockid(f, &id, *(const uint8_t *)base);
}

/* SMC's sockid is always AF_INET's. */
static void
field_sockid_inet(struct fmt *f, const void *p, const void *base)
{
	struct inet_diag_sockid id;

	(void)base;
	memcpy(&id, p, sizeof(id));
	print_sockid(f, &id, AF_INET);
}

static void
field_ndiag_proto(struct fmt *f, const void *p, const void *base)
{
	uint8_t v = *(const uint8_t *)p;

	(void)base;
	if (v == NDIAG_PROTO_ALL)
		nl_const(f->b, v, "NDIAG_PROTO_ALL", "%#llx");
	else
		print_xval(f->b, &nl_protocols, v, false);
}

/* --- structs ----------------------------------------------------------- */


static const struct nl_field unix_req_f[] = {
	F(unix_diag_req, sdiag_family, NLF_XVAL, &sock_families),
	F(unix_diag_req, sdiag_protocol, NLF_U, NULL),
	F(unix_diag_req, udiag_states, NLF_FLAGS, &tcp_state_flags),
	F(unix_diag_req, udiag_ino, NLF_U, NULL),
	F(unix_diag_req, udiag_show, NLF_FLAGS, &udiag_show),
	FN(unix_diag_req, udiag_cookie, field_cookie),
};
static const struct nl_struct unix_req_s = {
	S(unix_diag_req), DEC(unix_req_f), NULL, NULL, 0
};

static const struct nl_field unix_msg_f[] = {
	F(unix_diag_msg, udiag_family, NLF_XVAL, &sock_families),
	F(unix_diag_msg, udiag_type, NLF_XVAL, &sock_types),
	F(unix_diag_msg, udiag_state, NLF_XVAL, &tcp_states),
	F(unix_diag_msg, udiag_ino, NLF_U, NULL),
	FN(unix_diag_msg, udiag_cookie, field_cookie),
};

static bool
nla_unix_vfs(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct unix_diag_vfs v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v))) {
		pb_puts(f->b, "{udiag_vfs_dev=");
		print_dev(f->b, v.udiag_vfs_dev);
		pb_printf(f->b, ", udiag_vfs_ino=%u}", v.udiag_vfs_ino);
	}
	return true;
}

static bool
u32_elem(struct fmt *f, const void *elem, void *data)
{
	uint32_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%u", v);
	return true;
}

static bool
nla_u32_array(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < sizeof(uint32_t))
		return false;
	print_array(f, addr, len / sizeof(uint32_t), sizeof(uint32_t),
		    u32_elem, NULL);
	return true;
}

static bool
nla_unix_rqlen(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct unix_diag_rqlen r;

	(void)d;
	if (len < sizeof(r))
		return false;
	if (read_or_addr(f, &r, addr, sizeof(r)))
		pb_printf(f->b, "{udiag_rqueue=%u, udiag_wqueue=%u}",
			  r.udiag_rqueue, r.udiag_wqueue);
	return true;
}

/* inet's shutdown bits: their names are not in the uapi headers, so
   strace always shows the number with them. */
static bool
nla_inet_shutdown(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint8_t v;

	(void)d;
	/* As strace's decode_nla_flags(): more than 8 bytes are bytes. */
	if (len < sizeof(v) || len > sizeof(uint64_t))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v))) {
		int saved = f->b->xstyle;

		if (saved != 1)
			f->b->xstyle = 2;
		print_flags(f->b, &shutdown_flags, v);
		f->b->xstyle = saved;
	}
	return true;
}

static bool
nla_smc_shutdown(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &shutdown_flags, 1);
}

static const nla_fn unix_fns[] = {
	[UNIX_DIAG_NAME] = nla_str_expect0,
	[UNIX_DIAG_VFS] = nla_unix_vfs,
	[UNIX_DIAG_PEER] = nla_u32,
	[UNIX_DIAG_ICONS] = nla_u32_array,
	[UNIX_DIAG_RQLEN] = nla_unix_rqlen,
	[UNIX_DIAG_MEMINFO] = nla_meminfo,
	[UNIX_DIAG_SHUTDOWN] = nla_u8,
	[UNIX_DIAG_UID] = nla_uid,
};
static const struct nl_struct unix_msg_s = {
	S(unix_diag_msg), DEC(unix_msg_f), &unix_diag_attrs, DEC(unix_fns)
};

static const struct nl_field netlink_req_f[] = {
	F(netlink_diag_req, sdiag_family, NLF_XVAL, &sock_families),
	FN(netlink_diag_req, sdiag_protocol, field_ndiag_proto),
	F(netlink_diag_req, ndiag_ino, NLF_U, NULL),
	F(netlink_diag_req, ndiag_show, NLF_FLAGS, &ndiag_show),
	FN(netlink_diag_req, ndiag_cookie, field_cookie),
};
static const struct nl_struct netlink_req_s = {
	S(netlink_diag_req), DEC(netlink_req_f), NULL, NULL, 0
};

static const struct nl_field netlink_msg_f[] = {
	F(netlink_diag_msg, ndiag_family, NLF_XVAL, &sock_families),
	F(netlink_diag_msg, ndiag_type, NLF_XVAL, &sock_types),
	F(netlink_diag_msg, ndiag_protocol, NLF_XVAL, &nl_protocols),
	F(netlink_diag_msg, ndiag_state, NLF_XVAL, &nl_states),
	F(netlink_diag_msg, ndiag_portid, NLF_U, NULL),
	F(netlink_diag_msg, ndiag_dst_portid, NLF_U, NULL),
	F(netlink_diag_msg, ndiag_dst_group, NLF_U, NULL),
	F(netlink_diag_msg, ndiag_ino, NLF_U, NULL),
	FN(netlink_diag_msg, ndiag_cookie, field_cookie),
};
static bool
group_elem(struct fmt *f, const void *elem, void *data)
{
	uint64_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%#0*llx", 16, (unsigned long long)v);
	return true;
}

static bool
nla_groups(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < sizeof(uint64_t))
		return false;
	print_array(f, addr, len / sizeof(uint64_t), sizeof(uint64_t),
		    group_elem, NULL);
	return true;
}

static const struct nl_field ndiag_ring_f[] = {
	F(netlink_diag_ring, ndr_block_size, NLF_U, NULL),
	F(netlink_diag_ring, ndr_block_nr, NLF_U, NULL),
	F(netlink_diag_ring, ndr_frame_size, NLF_U, NULL),
	F(netlink_diag_ring, ndr_frame_nr, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_ndiag_ring, struct netlink_diag_ring, ndiag_ring_f)

static bool
nla_ndiag_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_flags(f->b, &ndiag_flags, v);
	return true;
}

static const nla_fn netlink_fns[] = {
	[NETLINK_DIAG_MEMINFO] = nla_meminfo,
	[NETLINK_DIAG_GROUPS] = nla_groups,
	[NETLINK_DIAG_RX_RING] = nla_ndiag_ring,
	[NETLINK_DIAG_TX_RING] = nla_ndiag_ring,
	[NETLINK_DIAG_FLAGS] = nla_ndiag_flags,
};
static const struct nl_struct netlink_msg_s = {
	S(netlink_diag_msg), DEC(netlink_msg_f), &netlink_diag_attrs,
	DEC(netlink_fns)
};

static const struct nl_field packet_req_f[] = {
	F(packet_diag_req, sdiag_family, NLF_XVAL, &sock_families),
	F(packet_diag_req, sdiag_protocol, NLF_X, NULL),
	F(packet_diag_req, pdiag_ino, NLF_U, NULL),
	F(packet_diag_req, pdiag_show, NLF_FLAGS, &pdiag_show),
	FN(packet_diag_req, pdiag_cookie, field_cookie),
};
static const struct nl_struct packet_req_s = {
	S(packet_diag_req), DEC(packet_req_f), NULL, NULL, 0
};

static const struct nl_field packet_msg_f[] = {
	F(packet_diag_msg, pdiag_family, NLF_XVAL, &sock_families),
	F(packet_diag_msg, pdiag_type, NLF_XVAL, &sock_types),
	F(packet_diag_msg, pdiag_num, NLF_XVAL, &eth_protocols),
	F(packet_diag_msg, pdiag_ino, NLF_U, NULL),
	FN(packet_diag_msg, pdiag_cookie, field_cookie),
};
static const struct nl_field pdiag_info_f[] = {
	F(packet_diag_info, pdi_index, NLF_IFINDEX, NULL),
	F(packet_diag_info, pdi_version, NLF_XVAL, &tpacket_versions),
	F(packet_diag_info, pdi_reserve, NLF_U, NULL),
	F(packet_diag_info, pdi_copy_thresh, NLF_U, NULL),
	F(packet_diag_info, pdi_tstamp, NLF_U, NULL),
	F(packet_diag_info, pdi_flags, NLF_FLAGS, &pdi_flags),
};
NL_STRUCT_ATTR(nla_pdiag_info, struct packet_diag_info, pdiag_info_f)

static const struct nl_field pdiag_ring_f[] = {
	F(packet_diag_ring, pdr_block_size, NLF_U, NULL),
	F(packet_diag_ring, pdr_block_nr, NLF_U, NULL),
	F(packet_diag_ring, pdr_frame_size, NLF_U, NULL),
	F(packet_diag_ring, pdr_frame_nr, NLF_U, NULL),
	F(packet_diag_ring, pdr_retire_tmo, NLF_U, NULL),
	F(packet_diag_ring, pdr_sizeof_priv, NLF_U, NULL),
	F(packet_diag_ring, pdr_features, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_pdiag_ring, struct packet_diag_ring, pdiag_ring_f)

static bool
mclist_elem(struct fmt *f, const void *elem, void *data)
{
	struct packet_diag_mclist m;
	unsigned alen;

	(void)data;
	memcpy(&m, elem, sizeof(m));
	alen = m.pdmc_alen < sizeof(m.pdmc_addr) ? m.pdmc_alen :
						   sizeof(m.pdmc_addr);
	pb_puts(f->b, "{pdmc_index=");
	nl_ifindex(f->b, m.pdmc_index);
	pb_printf(f->b, ", pdmc_count=%u, pdmc_type=%u, pdmc_alen=%u, "
		  "pdmc_addr=", m.pdmc_count, m.pdmc_type, m.pdmc_alen);
	pb_quote(f->b, m.pdmc_addr, alen, 0, QUOTE_FORCE_HEX);
	pb_putc(f->b, '}');
	return true;
}

static bool
nla_mclist(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < sizeof(struct packet_diag_mclist))
		return false;
	print_array(f, addr, len / sizeof(struct packet_diag_mclist),
		    sizeof(struct packet_diag_mclist), mclist_elem, NULL);
	return true;
}

static const nla_fn packet_fns[] = {
	[PACKET_DIAG_INFO] = nla_pdiag_info,
	[PACKET_DIAG_MCLIST] = nla_mclist,
	[PACKET_DIAG_RX_RING] = nla_pdiag_ring,
	[PACKET_DIAG_TX_RING] = nla_pdiag_ring,
	[PACKET_DIAG_FANOUT] = nla_u32,
	[PACKET_DIAG_MEMINFO] = nla_meminfo,
	[PACKET_DIAG_UID] = nla_uid,
	[PACKET_DIAG_FILTER] = nla_packet_filter,
};
static const struct nl_struct packet_msg_s = {
	S(packet_diag_msg), DEC(packet_msg_f), &packet_diag_attrs,
	DEC(packet_fns)
};

static const struct nl_field inet_req_compat_f[] = {
	F(inet_diag_req, idiag_family, NLF_XVAL, &sock_families),
	F(inet_diag_req, idiag_src_len, NLF_U, NULL),
	F(inet_diag_req, idiag_dst_len, NLF_U, NULL),
	F(inet_diag_req, idiag_ext, NLF_FLAGS, &idiag_ext_flags),
	FN(inet_diag_req, id, field_sockid),
	F(inet_diag_req, idiag_states, NLF_FLAGS, &tcp_state_flags),
	F(inet_diag_req, idiag_dbs, NLF_U, NULL),
};
static const nla_fn inet_req_fns[] = {
	[INET_DIAG_REQ_BYTECODE] = nla_inet_diag_bc,
	[INET_DIAG_REQ_PROTOCOL] = nla_ip_proto,
};
static const struct nl_struct inet_req_compat_s = {
	S(inet_diag_req), DEC(inet_req_compat_f), &inet_diag_req_attrs,
	DEC(inet_req_fns)
};

static const struct nl_field inet_req_v2_f[] = {
	F(inet_diag_req_v2, sdiag_family, NLF_XVAL, &sock_families),
	F(inet_diag_req_v2, sdiag_protocol, NLF_XVAL, &ip_protocols),
	F(inet_diag_req_v2, idiag_ext, NLF_FLAGS, &idiag_ext_flags),
	F(inet_diag_req_v2, idiag_states, NLF_FLAGS, &tcp_state_flags),
	FN(inet_diag_req_v2, id, field_sockid),
};
static const struct nl_struct inet_req_v2_s = {
	S(inet_diag_req_v2), DEC(inet_req_v2_f), &inet_diag_req_attrs,
	DEC(inet_req_fns)
};

static bool
nla_inet_meminfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct inet_diag_meminfo m;

	(void)d;
	if (len < sizeof(m))
		return false;
	if (read_or_addr(f, &m, addr, sizeof(m)))
		pb_printf(f->b, "{idiag_rmem=%u, idiag_wmem=%u, idiag_fmem=%u, "
			  "idiag_tmem=%u}", m.idiag_rmem, m.idiag_wmem,
			  m.idiag_fmem, m.idiag_tmem);
	return true;
}

static const nla_fn inet_fns[] = {
	[INET_DIAG_MEMINFO] = nla_inet_meminfo,
	[INET_DIAG_VEGASINFO] = nla_inet_vegas,
	[INET_DIAG_CONG] = nla_str_expect0,
	[INET_DIAG_TOS] = nla_u8,
	[INET_DIAG_TCLASS] = nla_u8,
	[INET_DIAG_SKMEMINFO] = nla_meminfo,
	[INET_DIAG_SHUTDOWN] = nla_inet_shutdown,
	[INET_DIAG_DCTCPINFO] = nla_inet_dctcp,
	[INET_DIAG_PROTOCOL] = nla_ip_proto,
	[INET_DIAG_SKV6ONLY] = nla_u8,
	[INET_DIAG_LOCALS] = nla_inet_sockaddrs,
	[INET_DIAG_PEERS] = nla_inet_sockaddrs,
	[INET_DIAG_MARK] = nla_u32,
	[INET_DIAG_BBRINFO] = nla_inet_bbr,
	[INET_DIAG_CLASS_ID] = nla_u32,
	[INET_DIAG_MD5SIG] = nla_inet_md5sig,
	[INET_DIAG_ULP_INFO] = nla_inet_ulp_info,
	[INET_DIAG_SK_BPF_STORAGES] = nla_inet_bpf_storages,
	[INET_DIAG_CGROUP_ID] = nla_u64,
	[INET_DIAG_SOCKOPT] = nla_inet_sockopt,
};

static const struct nl_field inet_msg_f[] = {
	F(inet_diag_msg, idiag_family, NLF_XVAL, &sock_families),
	F(inet_diag_msg, idiag_state, NLF_XVAL, &tcp_states),
	F(inet_diag_msg, idiag_timer, NLF_U, NULL),
	F(inet_diag_msg, idiag_retrans, NLF_U, NULL),
	FN(inet_diag_msg, id, field_sockid),
	F(inet_diag_msg, idiag_expires, NLF_U, NULL),
	F(inet_diag_msg, idiag_rqueue, NLF_U, NULL),
	F(inet_diag_msg, idiag_wqueue, NLF_U, NULL),
	F(inet_diag_msg, idiag_uid, NLF_U, NULL),
	F(inet_diag_msg, idiag_inode, NLF_U, NULL),
};
static const struct nl_struct inet_msg_s = {
	S(inet_diag_msg), DEC(inet_msg_f), &inet_diag_attrs, DEC(inet_fns)
};

static const struct nl_field smc_req_f[] = {
	F(smc_diag_req, diag_family, NLF_XVAL, &sock_families),
	F(smc_diag_req, diag_ext, NLF_FLAGS, &smc_ext_flags),
	FN(smc_diag_req, id, field_sockid_inet),
};
static const struct nl_struct smc_req_s = {
	S(smc_diag_req), DEC(smc_req_f), NULL, NULL, 0
};

static const struct nl_field smc_msg_f[] = {
	F(smc_diag_msg, diag_family, NLF_XVAL, &sock_families),
	F(smc_diag_msg, diag_state, NLF_XVAL, &smc_states),
	F(smc_diag_msg, diag_fallback, NLF_XVAL, &smc_modes),
	F(smc_diag_msg, diag_shutdown, NLF_U, NULL),
	FN(smc_diag_msg, id, field_sockid_inet),
	F(smc_diag_msg, diag_uid, NLF_U, NULL),
	F(smc_diag_msg, diag_inode, NLF_U, NULL),
};
static const nla_fn smc_fns[] = {
	[SMC_DIAG_CONNINFO] = nla_smc_conninfo,
	[SMC_DIAG_LGRINFO] = nla_smc_lgrinfo,
	[SMC_DIAG_SHUTDOWN] = nla_smc_shutdown,
	[SMC_DIAG_DMBINFO] = nla_smc_dmbinfo,
	[SMC_DIAG_FALLBACK] = nla_smc_fallback,
};
static const struct nl_struct smc_msg_s = {
	S(smc_diag_msg), DEC(smc_msg_f), &smc_diag_attrs, DEC(smc_fns)
};

static const struct nl_struct *
diag_struct(const struct nlmsghdr *h, uint8_t family)
{
	bool req = h->nlmsg_flags & NLM_F_REQUEST;

	switch (family) {
	case AF_UNIX: return req ? &unix_req_s : &unix_msg_s;
	case AF_INET: case AF_INET6:
		if (!req)
			return &inet_msg_s;
		if (h->nlmsg_type == TCPDIAG_GETSOCK ||
		    h->nlmsg_type == DCCPDIAG_GETSOCK)
			return &inet_req_compat_s;
		return &inet_req_v2_s;
	case AF_NETLINK: return req ? &netlink_req_s : &netlink_msg_s;
	case AF_PACKET: return req ? &packet_req_s : &packet_msg_s;
	case AF_SMC: return req ? &smc_req_s : &smc_msg_s;
	}
	return NULL;
}

bool
nl_diag_payload(struct fmt *f, const struct nlmsghdr *h, uint64_t addr,
		unsigned len)
{
	const struct nl_struct *s;
	uint64_t buf[16];
	uint8_t family;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (!read_or_addr(f, &family, addr, 1))
		return true;
	s = diag_struct(h, family);
	if (s && len > 1 && s->size <= sizeof(buf)) {
		memset(buf, 0, sizeof(buf));
		memcpy(buf, &family, 1);
		nl_struct(f, s, addr, len, buf);
		return true;
	}
	pb_puts(f->b, "{family=");
	print_xval(f->b, &sock_families, family, false);
	if (len > 1) {
		pb_puts(f->b, ", data=");
		nl_hex(f, addr + 1, len - 1);
	}
	pb_putc(f->b, '}');
	return true;
}
