/* SPDX-License-Identifier: MIT */
/*
 * sockopt.c: getsockopt's and setsockopt's values, per level and option,
 * as strace 6.1 prints them: the int options of SOL_SOCKET as [int] (the
 * bytes in hex when the kernel returned fewer than an int's), linger,
 * peer credentials, SO_ERROR, multicast requests (ip_mreq, ipv6_mreq,
 * group_req), ICMP_FILTER as a set, SOL_PACKET's rings, membership and
 * statistics. net.c works out the lengths (the caller's and the
 * kernel's); this file only prints what they allow.
 *
 * A structure the kernel returned cut short prints its whole fields and
 * then the first partial one as the bytes there are, in hex, as strace's
 * MAYBE_PRINT_FIELD_LEN does: {pid=1234, uid="\x00\x00\x00"}.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h> /* before the kernel's headers, which defer to it */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/socket.h>

#include "print.h"

#ifndef SO_TXREHASH
#define SO_TXREHASH 74
#endif
#ifndef SO_RCVMARK
#define SO_RCVMARK 75
#endif

/* The names only one of the two calls gives option 26 (SO_GET_FILTER is
 * SO_ATTACH_FILTER). */
XLAT_TABLE(so_get_options, "SO_???", XLAT(SO_GET_FILTER));
XLAT_TABLE(so_set_options, "SO_???", XLAT(SO_ATTACH_FILTER));
XLAT_TABLE(packet_options, "PACKET_???", XLAT(PACKET_ADD_MEMBERSHIP),
	   XLAT(PACKET_DROP_MEMBERSHIP), XLAT(PACKET_RECV_OUTPUT),
	   XLAT(PACKET_RX_RING), XLAT(PACKET_STATISTICS),
	   XLAT(PACKET_COPY_THRESH), XLAT(PACKET_AUXDATA),
	   XLAT(PACKET_ORIGDEV), XLAT(PACKET_VERSION), XLAT(PACKET_HDRLEN),
	   XLAT(PACKET_RESERVE), XLAT(PACKET_TX_RING), XLAT(PACKET_LOSS),
	   XLAT(PACKET_VNET_HDR), XLAT(PACKET_TX_TIMESTAMP),
	   XLAT(PACKET_TIMESTAMP), XLAT(PACKET_FANOUT),
	   XLAT(PACKET_TX_HAS_OFF), XLAT(PACKET_QDISC_BYPASS),
	   XLAT(PACKET_ROLLOVER_STATS), XLAT(PACKET_FANOUT_DATA),
	   XLAT(PACKET_IGNORE_OUTGOING));
XLAT_TABLE(raw_options, "RAW_???", XLAT(ICMP_FILTER));
XLAT_TABLE(netlink_options, "NETLINK_???", XLAT_PAIR(1, "NETLINK_ADD_MEMBERSHIP"),
	   XLAT_PAIR(2, "NETLINK_DROP_MEMBERSHIP"), XLAT_PAIR(3, "NETLINK_PKTINFO"),
	   XLAT_PAIR(4, "NETLINK_BROADCAST_ERROR"),
	   XLAT_PAIR(5, "NETLINK_NO_ENOBUFS"), XLAT_PAIR(6, "NETLINK_RX_RING"),
	   XLAT_PAIR(7, "NETLINK_TX_RING"),
	   XLAT_PAIR(8, "NETLINK_LISTEN_ALL_NSID"),
	   XLAT_PAIR(9, "NETLINK_LIST_MEMBERSHIPS"),
	   XLAT_PAIR(10, "NETLINK_CAP_ACK"), XLAT_PAIR(11, "NETLINK_EXT_ACK"),
	   XLAT_PAIR(12, "NETLINK_GET_STRICT_CHK"));
XLAT_TABLE(ipv6_options, "IPV6_???", XLAT_PAIR(1, "IPV6_ADDRFORM"),
	   XLAT_PAIR(2, "IPV6_2292PKTINFO"), XLAT_PAIR(3, "IPV6_2292HOPOPTS"),
	   XLAT_PAIR(4, "IPV6_2292DSTOPTS"), XLAT_PAIR(5, "IPV6_2292RTHDR"),
	   XLAT_PAIR(6, "IPV6_2292PKTOPTIONS"), XLAT_PAIR(7, "IPV6_CHECKSUM"),
	   XLAT_PAIR(8, "IPV6_2292HOPLIMIT"), XLAT_PAIR(9, "IPV6_NEXTHOP"),
	   XLAT_PAIR(10, "IPV6_AUTHHDR"), XLAT_PAIR(11, "IPV6_FLOWINFO"),
	   XLAT_PAIR(16, "IPV6_UNICAST_HOPS"), XLAT_PAIR(17, "IPV6_MULTICAST_IF"),
	   XLAT_PAIR(18, "IPV6_MULTICAST_HOPS"),
	   XLAT_PAIR(19, "IPV6_MULTICAST_LOOP"),
	   XLAT_PAIR(20, "IPV6_ADD_MEMBERSHIP"),
	   XLAT_PAIR(21, "IPV6_DROP_MEMBERSHIP"),
	   XLAT_PAIR(22, "IPV6_ROUTER_ALERT"), XLAT_PAIR(23, "IPV6_MTU_DISCOVER"),
	   XLAT_PAIR(24, "IPV6_MTU"), XLAT_PAIR(25, "IPV6_RECVERR"),
	   XLAT_PAIR(26, "IPV6_V6ONLY"), XLAT_PAIR(27, "IPV6_JOIN_ANYCAST"),
	   XLAT_PAIR(28, "IPV6_LEAVE_ANYCAST"),
	   XLAT_PAIR(29, "IPV6_MULTICAST_ALL"),
	   XLAT_PAIR(30, "IPV6_ROUTER_ALERT_ISOLATE"),
	   XLAT_PAIR(31, "IPV6_RECVERR_RFC4884"),
	   XLAT_PAIR(32, "IPV6_FLOWLABEL_MGR"),
	   XLAT_PAIR(33, "IPV6_FLOWINFO_SEND"),
	   XLAT_PAIR(34, "IPV6_IPSEC_POLICY"), XLAT_PAIR(35, "IPV6_XFRM_POLICY"),
	   XLAT_PAIR(36, "IPV6_HDRINCL"), XLAT_PAIR(42, "MCAST_JOIN_GROUP"),
	   XLAT_PAIR(43, "MCAST_BLOCK_SOURCE"),
	   XLAT_PAIR(44, "MCAST_UNBLOCK_SOURCE"),
	   XLAT_PAIR(45, "MCAST_LEAVE_GROUP"),
	   XLAT_PAIR(46, "MCAST_JOIN_SOURCE_GROUP"),
	   XLAT_PAIR(47, "MCAST_LEAVE_SOURCE_GROUP"),
	   XLAT_PAIR(48, "MCAST_MSFILTER"), XLAT_PAIR(49, "IPV6_RECVPKTINFO"),
	   XLAT_PAIR(50, "IPV6_PKTINFO"), XLAT_PAIR(51, "IPV6_RECVHOPLIMIT"),
	   XLAT_PAIR(52, "IPV6_HOPLIMIT"), XLAT_PAIR(53, "IPV6_RECVHOPOPTS"),
	   XLAT_PAIR(54, "IPV6_HOPOPTS"), XLAT_PAIR(55, "IPV6_RTHDRDSTOPTS"),
	   XLAT_PAIR(56, "IPV6_RECVRTHDR"), XLAT_PAIR(57, "IPV6_RTHDR"),
	   XLAT_PAIR(58, "IPV6_RECVDSTOPTS"), XLAT_PAIR(59, "IPV6_DSTOPTS"),
	   XLAT_PAIR(60, "IPV6_RECVPATHMTU"), XLAT_PAIR(61, "IPV6_PATHMTU"),
	   XLAT_PAIR(62, "IPV6_DONTFRAG"), XLAT_PAIR(63, "IPV6_USE_MIN_MTU"),
	   XLAT_PAIR(66, "IPV6_RECVTCLASS"), XLAT_PAIR(67, "IPV6_TCLASS"),
	   XLAT_PAIR(70, "IPV6_AUTOFLOWLABEL"),
	   XLAT_PAIR(72, "IPV6_ADDR_PREFERENCES"),
	   XLAT_PAIR(73, "IPV6_MINHOPCOUNT"), XLAT_PAIR(74, "IPV6_ORIGDSTADDR"),
	   XLAT_PAIR(75, "IPV6_TRANSPARENT"), XLAT_PAIR(76, "IPV6_UNICAST_IF"),
	   XLAT_PAIR(77, "IPV6_RECVFRAGSIZE"), XLAT_PAIR(78, "IPV6_FREEBIND"));
XLAT_TABLE(packet_mreq_types, "PACKET_MR_???", XLAT(PACKET_MR_MULTICAST),
	   XLAT(PACKET_MR_PROMISC), XLAT(PACKET_MR_ALLMULTI),
	   XLAT(PACKET_MR_UNICAST));
XLAT_TABLE(icmp_filter_types, "ICMP_???", XLAT(ICMP_ECHOREPLY),
	   XLAT(ICMP_DEST_UNREACH), XLAT(ICMP_SOURCE_QUENCH),
	   XLAT(ICMP_REDIRECT), XLAT(ICMP_ECHO), XLAT(ICMP_TIME_EXCEEDED),
	   XLAT(ICMP_PARAMETERPROB), XLAT(ICMP_TIMESTAMP),
	   XLAT(ICMP_TIMESTAMPREPLY), XLAT(ICMP_INFO_REQUEST),
	   XLAT(ICMP_INFO_REPLY), XLAT(ICMP_ADDRESS), XLAT(ICMP_ADDRESSREPLY));

XLAT_TABLE(txrehash_vals, "SOCK_TXREHASH_???",
	   XLAT_PAIR(0, "SOCK_TXREHASH_DISABLED"),
	   XLAT_PAIR(1, "SOCK_TXREHASH_ENABLED"),
	   XLAT_PAIR(255, "SOCK_TXREHASH_DEFAULT"));

/* socket()'s protocol of an AF_NETLINK socket. */
XLAT_TABLE(sock_netlink_protocols, "NETLINK_???",
	   XLAT_PAIR(0, "NETLINK_ROUTE"), XLAT_PAIR(1, "NETLINK_UNUSED"),
	   XLAT_PAIR(2, "NETLINK_USERSOCK"), XLAT_PAIR(3, "NETLINK_FIREWALL"),
	   XLAT_PAIR(4, "NETLINK_SOCK_DIAG"), XLAT_PAIR(5, "NETLINK_NFLOG"),
	   XLAT_PAIR(6, "NETLINK_XFRM"), XLAT_PAIR(7, "NETLINK_SELINUX"),
	   XLAT_PAIR(8, "NETLINK_ISCSI"), XLAT_PAIR(9, "NETLINK_AUDIT"),
	   XLAT_PAIR(10, "NETLINK_FIB_LOOKUP"),
	   XLAT_PAIR(11, "NETLINK_CONNECTOR"),
	   XLAT_PAIR(12, "NETLINK_NETFILTER"), XLAT_PAIR(13, "NETLINK_IP6_FW"),
	   XLAT_PAIR(14, "NETLINK_DNRTMSG"),
	   XLAT_PAIR(15, "NETLINK_KOBJECT_UEVENT"),
	   XLAT_PAIR(16, "NETLINK_GENERIC"),
	   XLAT_PAIR(18, "NETLINK_SCSITRANSPORT"),
	   XLAT_PAIR(19, "NETLINK_ECRYPTFS"), XLAT_PAIR(20, "NETLINK_RDMA"),
	   XLAT_PAIR(21, "NETLINK_CRYPTO"), XLAT_PAIR(22, "NETLINK_SMC"));

/* The table of option names at a level (NULL: printed as a number). */
const struct xlat *
sockopt_names(int level, unsigned name, bool get)
{
	switch (level) {
	case SOL_SOCKET:
		if (name == SO_ATTACH_FILTER)
			return get ? &so_get_options : &so_set_options;
		return &so_options;
	case SOL_TCP: return &tcp_options;
	case SOL_IP: return &ip_options;
	case SOL_IPV6: return &ipv6_options;
	case SOL_PACKET: return &packet_options;
	case SOL_RAW: return &raw_options;
	case SOL_NETLINK: return &netlink_options;
	default: return NULL;
	}
}

/* The SOL_SOCKET options whose value is an int (net/core/sock.c). */
static const int int_sockopts[] = {
	SO_DEBUG, SO_REUSEADDR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF,
	SO_RCVBUF, SO_KEEPALIVE, SO_OOBINLINE, SO_NO_CHECK, SO_PRIORITY,
	SO_BSDCOMPAT, SO_REUSEPORT, SO_PASSCRED, SO_RCVLOWAT, SO_SNDLOWAT,
	SO_DETACH_FILTER, SO_TIMESTAMP_OLD, SO_ACCEPTCONN, SO_SNDBUFFORCE,
	SO_RCVBUFFORCE, SO_PASSSEC, SO_TIMESTAMPNS_OLD, SO_MARK,
	SO_TIMESTAMPING_OLD, SO_RXQ_OVFL, SO_WIFI_STATUS, SO_PEEK_OFF,
	SO_NOFCS, SO_LOCK_FILTER, SO_SELECT_ERR_QUEUE, SO_BUSY_POLL,
	SO_INCOMING_CPU, SO_CNX_ADVICE, SO_INCOMING_NAPI_ID, SO_ZEROCOPY,
	SO_TIMESTAMP_NEW, SO_TIMESTAMPNS_NEW, SO_TIMESTAMPING_NEW,
	SO_DETACH_REUSEPORT_BPF, SO_PREFER_BUSY_POLL, SO_BUSY_POLL_BUDGET,
	SO_RESERVE_MEM, SO_RCVMARK,
};

static bool
is_int_sockopt(int name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(int_sockopts); i++)
		if (int_sockopts[i] == name)
			return true;
	return false;
}

/* [1] for an int (4 bytes read, whatever the length); the address when
 * it cannot be read. */
static void
print_int_at(struct fmt *f, uint64_t addr)
{
	int v;

	if (!addr)
		pb_puts(f->b, "NULL");
	else if (!read_mem(f, &v, addr, sizeof(v)))
		print_ptr(f, addr);
	else
		pb_printf(f->b, "[%d]", v);
}

/* len bytes at addr as "\x01\x00\x00". */
static void
print_hex_str(struct fmt *f, uint64_t addr, size_t len)
{
	unsigned char v[64];

	if (len > sizeof(v))
		len = sizeof(v);
	if (!read_mem(f, v, addr, len))
		print_ptr(f, addr);
	else
		pb_quote(f->b, v, len, f->o->xflag, QUOTE_FORCE_HEX);
}

/* How a field of a structure of 32-bit fields prints (F_PID: a process
 * id, translated under --pidns-translation). */
enum fkind { F_INT, F_UINT, F_ID, F_PID };

/*
 * A structure of n 32-bit fields, of which the caller passed or the
 * kernel returned len bytes: the whole fields, then the partial one in
 * hex. The address when it cannot be read.
 */
static void
print_u32_fields(struct fmt *f, uint64_t addr, size_t len,
		 const char *const *names, const enum fkind *kinds, size_t n)
{
	uint32_t v[4] = { 0 };
	size_t i;

	if (len > n * 4)
		len = n * 4;
	if (!read_mem(f, v, addr, len)) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '{');
	for (i = 0; i < n && len > i * 4; i++) {
		pb_printf(f->b, "%s%s=", i ? ", " : "", names[i]);
		if (len < (i + 1) * 4)
			pb_quote(f->b, (const unsigned char *)&v[i],
				 len - i * 4, f->o->xflag, QUOTE_FORCE_HEX);
		else if (kinds[i] == F_PID)
			print_pid(f, (int)v[i]);
		else if (kinds[i] == F_INT || (kinds[i] == F_ID && v[i] == UINT32_MAX))
			pb_printf(f->b, "%d", (int)v[i]);
		else
			pb_printf(f->b, "%u", v[i]);
	}
	pb_putc(f->b, '}');
}

static const char *const linger_names[] = { "l_onoff", "l_linger" };
static const enum fkind linger_kinds[] = { F_INT, F_INT };
static const char *const ucred_names[] = { "pid", "uid", "gid" };
static const enum fkind ucred_kinds[] = { F_PID, F_ID, F_ID };
static const char *const tpstats_names[] = { "tp_packets", "tp_drops",
					     "tp_freeze_q_cnt" };
static const enum fkind tpstats_kinds[] = { F_UINT, F_UINT, F_UINT };

/* SO_ERROR: the errno's name; fewer bytes than an int in hex. */
static void
print_so_error(struct fmt *f, uint64_t addr, int len)
{
	const char *s;
	unsigned err;

	if (len < (int)sizeof(err)) {
		print_hex_str(f, addr, (size_t)len);
		return;
	}
	if (!read_mem(f, &err, addr, sizeof(err))) {
		print_ptr(f, addr);
		return;
	}
	s = err ? snare__errno_name((int)err) : NULL;
	if (s)
		pb_printf(f->b, "[%s]", s);
	else
		pb_printf(f->b, "[%u]", err);
}

/* SO_TXREHASH: [SOCK_TXREHASH_ENABLED]; a short value as the address at
 * entry (setsockopt), in hex at exit. */
static void
print_txrehash(struct fmt *f, uint64_t addr, int len, bool get)
{
	int v;

	if (len < (int)sizeof(v)) {
		if (get)
			print_hex_str(f, addr, (size_t)len);
		else
			print_ptr(f, addr);
		return;
	}
	if (!read_mem(f, &v, addr, sizeof(v))) {
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	print_xval(f->b, &txrehash_vals, (uint64_t)(unsigned)v, true);
	pb_putc(f->b, ']');
}

/*
 * ICMP_FILTER: the set of ICMP types filtered out, as its complement
 * ("~[...]") when more than half of the bits are set.
 */
static void
print_icmp_filter(struct fmt *f, uint64_t addr, int len)
{
	uint32_t data = ~0U;
	bool first = true;
	int i;

	if (len > (int)sizeof(data))
		len = sizeof(data);
	else if (len <= 0) {
		print_ptr(f, addr);
		return;
	}
	if (!read_mem(f, &data, addr, (size_t)len)) {
		print_ptr(f, addr);
		return;
	}
	if (__builtin_popcount(data) > 16) {
		data = ~data;
		pb_putc(f->b, '~');
	}
	pb_putc(f->b, '[');
	for (i = 0; i < 32; i++) {
		if (!(data & (1U << i)))
			continue;
		if (!first)
			pb_putc(f->b, ' ');
		first = false;
		print_xval(f->b, &icmp_filter_types, (uint64_t)i, false);
	}
	pb_putc(f->b, ']');
}

/* An interface index: if_nametoindex("lo") when it names one here. */
static void
print_ifindex(struct pbuf *b, unsigned idx)
{
	char name[IF_NAMESIZE];

	if (idx && if_indextoname(idx, name))
		pb_printf(b, "if_nametoindex(\"%s\")", name);
	else
		pb_printf(b, "%u", idx);
}

/* struct ip_mreq and struct ipv6_mreq (a shorter value: its address). */
static void
print_ip_mreq(struct fmt *f, uint64_t addr, int len, bool v6)
{
	char ip[INET6_ADDRSTRLEN];

	if (v6) {
		struct ipv6_mreq m;

		if (len < (int)sizeof(m) || !read_mem(f, &m, addr, sizeof(m))) {
			print_ptr(f, addr);
			return;
		}
		inet_ntop(AF_INET6, &m.ipv6mr_multiaddr, ip, sizeof(ip));
		pb_printf(f->b, "{inet_pton(AF_INET6, \"%s\", "
			  "&ipv6mr_multiaddr), ipv6mr_interface=", ip);
		print_ifindex(f->b, m.ipv6mr_interface);
		pb_putc(f->b, '}');
	} else {
		struct ip_mreq m;

		if (len < (int)sizeof(m) || !read_mem(f, &m, addr, sizeof(m))) {
			print_ptr(f, addr);
			return;
		}
		inet_ntop(AF_INET, &m.imr_multiaddr, ip, sizeof(ip));
		pb_printf(f->b, "{imr_multiaddr=inet_addr(\"%s\"), ", ip);
		inet_ntop(AF_INET, &m.imr_interface, ip, sizeof(ip));
		pb_printf(f->b, "imr_interface=inet_addr(\"%s\")}", ip);
	}
}

/* struct group_req: the interface and the group's socket address. */
static void
print_group_req(struct fmt *f, uint64_t addr, int len)
{
	struct group_req g;

	if (len < (int)sizeof(g) || !read_mem(f, &g, addr, sizeof(g))) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(f->b, "{gr_interface=");
	print_ifindex(f->b, g.gr_interface);
	pb_puts(f->b, ", gr_group=");
	print_sockaddr(f, addr + offsetof(struct group_req, gr_group),
		       (int)sizeof(g.gr_group));
	pb_putc(f->b, '}');
}

/* struct tpacket_req, of exactly its size. */
static void
print_tpacket_req(struct fmt *f, uint64_t addr, int len)
{
	struct tpacket_req r;

	if (len != (int)sizeof(r) || !read_mem(f, &r, addr, sizeof(r))) {
		print_ptr(f, addr);
		return;
	}
	pb_printf(f->b, "{tp_block_size=%u, tp_block_nr=%u, tp_frame_size=%u, "
		  "tp_frame_nr=%u}", r.tp_block_size, r.tp_block_nr,
		  r.tp_frame_size, r.tp_frame_nr);
}

/* struct packet_mreq, of exactly its size; the address as a MAC of
 * mr_alen bytes at most. */
static void
print_packet_mreq(struct fmt *f, uint64_t addr, int len)
{
	struct packet_mreq m;
	struct pbuf *b = f->b;
	size_t i, n;

	if (len != (int)sizeof(m) || !read_mem(f, &m, addr, sizeof(m))) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(b, "{mr_ifindex=");
	if (m.mr_ifindex < 0)
		pb_printf(b, "%d", m.mr_ifindex);
	else
		print_ifindex(b, (unsigned)m.mr_ifindex);
	pb_puts(b, ", mr_type=");
	print_xval(b, &packet_mreq_types, m.mr_type, false);
	pb_printf(b, ", mr_alen=%u, mr_address=", m.mr_alen);
	n = m.mr_alen < sizeof(m.mr_address) ? m.mr_alen
					      : sizeof(m.mr_address);
	if (b->xstyle == 1 || b->xstyle == 2) {
		pb_quote(b, m.mr_address, n, f->o->xflag, QUOTE_FORCE_HEX);
		if (b->xstyle == 2)
			pb_puts(b, " /* ");
	}
	if (b->xstyle != 1) {
		for (i = 0; i < n; i++)
			pb_printf(b, "%s%02x", i ? ":" : "", m.mr_address[i]);
		if (b->xstyle == 2)
			pb_puts(b, " */");
	}
	pb_putc(b, '}');
}

/* NETLINK_LIST_MEMBERSHIPS: the group bitmap as an array of u32. */
static void
print_u32_array(struct fmt *f, uint64_t addr, size_t len)
{
	size_t i, n = len / 4, max = array_max(f);
	uint32_t v;

	if (!n) {
		pb_puts(f->b, "[]");
		return;
	}
	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (!read_mem(f, &v, addr + i * 4, 4)) {
			pb_puts(f->b, "...");
			break;
		}
		pb_printf(f->b, "%u", v);
	}
	pb_putc(f->b, ']');
}

/*
 * getsockopt's value at a successful exit: ulen is the length the caller
 * passed, rlen the kernel's (both positive and addr not NULL: net.c
 * prints the address otherwise).
 */
void
sockopt_print_get(struct fmt *f, uint64_t addr, int ulen, int rlen)
{
	int level = (int)f->args[1], name = (int)f->args[2];

	switch (level) {
	case SOL_SOCKET:
		if (name == SO_LINGER) {
			print_u32_fields(f, addr, (size_t)rlen, linger_names,
					 linger_kinds, 2);
			return;
		}
		if (name == SO_PEERCRED) {
			print_u32_fields(f, addr, (size_t)rlen, ucred_names,
					 ucred_kinds, 3);
			return;
		}
		if (name == SO_ATTACH_FILTER) {
			if ((unsigned short)rlen == (unsigned)rlen)
				print_sock_filter(f, addr, (unsigned)rlen);
			else
				print_ptr(f, addr);
			return;
		}
		if (name == SO_ERROR) {
			print_so_error(f, addr, rlen);
			return;
		}
		if (name == SO_TXREHASH) {
			print_txrehash(f, addr, rlen, true);
			return;
		}
		if (is_int_sockopt(name)) {
			if (rlen >= (int)sizeof(int))
				print_int_at(f, addr);
			else
				print_hex_str(f, addr, (size_t)rlen);
			return;
		}
		break;
	case SOL_PACKET:
		if (name == PACKET_STATISTICS) {
			print_u32_fields(f, addr, (size_t)rlen, tpstats_names,
					 tpstats_kinds, 3);
			return;
		}
		break;
	case SOL_RAW:
		if (name == ICMP_FILTER) {
			print_icmp_filter(f, addr, rlen);
			return;
		}
		break;
	case SOL_NETLINK:
		if (name == 9 /* NETLINK_LIST_MEMBERSHIPS */)
			print_u32_array(f, addr,
					(size_t)(ulen < rlen ? ulen : rlen));
		else
			print_int_at(f, addr);
		return;
	}
	if (rlen == sizeof(int))
		print_int_at(f, addr);
	else
		print_str(f, addr, rlen, 0);
}

/* setsockopt's value, len bytes at addr (not NULL). */
void
sockopt_print_set(struct fmt *f, uint64_t addr, int len)
{
	int level = (int)f->args[1], name = (int)f->args[2];

	switch (level) {
	case SOL_SOCKET:
		if (name == SO_LINGER) {
			if (len < 8)
				print_ptr(f, addr);
			else
				print_u32_fields(f, addr, 8, linger_names,
						 linger_kinds, 2);
			return;
		}
		if (name == SO_ATTACH_FILTER ||
		    name == SO_ATTACH_REUSEPORT_CBPF) {
			if (len == (int)sizeof(struct sock_fprog))
				print_sock_fprog(f, addr);
			else
				print_ptr(f, addr);
			return;
		}
		if (name == SO_TXREHASH) {
			print_txrehash(f, addr, len, false);
			return;
		}
		if (is_int_sockopt(name)) {
			if (len < (int)sizeof(int))
				print_ptr(f, addr);
			else
				print_int_at(f, addr);
			return;
		}
		break;
	case SOL_IP:
		if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP) {
			print_ip_mreq(f, addr, len, false);
			return;
		}
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
			print_group_req(f, addr, len);
			return;
		}
		break;
	case SOL_IPV6:
		if (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP ||
		    name == IPV6_JOIN_ANYCAST || name == IPV6_LEAVE_ANYCAST) {
			print_ip_mreq(f, addr, len, true);
			return;
		}
		if (name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP) {
			print_group_req(f, addr, len);
			return;
		}
		break;
	case SOL_PACKET:
		if (name == PACKET_RX_RING || name == PACKET_TX_RING) {
			print_tpacket_req(f, addr, len);
			return;
		}
		if (name == PACKET_ADD_MEMBERSHIP ||
		    name == PACKET_DROP_MEMBERSHIP) {
			print_packet_mreq(f, addr, len);
			return;
		}
		break;
	case SOL_RAW:
		if (name == ICMP_FILTER) {
			print_icmp_filter(f, addr, len);
			return;
		}
		break;
	case SOL_NETLINK:
		if (len < (int)sizeof(int))
			print_ptr(f, addr);
		else
			print_int_at(f, addr);
		return;
	}
	if (len == sizeof(int))
		print_int_at(f, addr);
	else
		/* A negative length reads as a huge one, cut at strsize. */
		print_str(f, addr, len < 0 ? 0x7fffffffL : len, 0);
}
