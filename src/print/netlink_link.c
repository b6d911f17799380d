/* SPDX-License-Identifier: MIT */
/*
 * netlink_link.c: the nested attributes of link messages (ifinfomsg) as
 * strace 6.1 prints them: IFLA_XDP, IFLA_PROTO_DOWN_REASON and
 * IFLA_PROTINFO of a bridge port. Each nest is walked by nl_attrs(), so
 * a bad length ends the walk as at the top level.
 */
#define _GNU_SOURCE
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

/* --- IFLA_XDP ---------------------------------------------------------- */

XLAT_TABLE(ifla_xdp_attrs, "IFLA_XDP_???",
	XLAT(IFLA_XDP_UNSPEC), XLAT(IFLA_XDP_FD), XLAT(IFLA_XDP_ATTACHED),
	XLAT(IFLA_XDP_FLAGS), XLAT(IFLA_XDP_PROG_ID),
	XLAT(IFLA_XDP_DRV_PROG_ID), XLAT(IFLA_XDP_SKB_PROG_ID),
	XLAT(IFLA_XDP_HW_PROG_ID), XLAT(IFLA_XDP_EXPECTED_FD));

/* XDP_FLAGS_MODES first: it names the three mode bits together. */
XLAT_TABLE(xdp_flags, "XDP_FLAGS_???",
	XLAT_PAIR(0x0e, "XDP_FLAGS_MODES"),
	XLAT_PAIR(0x01, "XDP_FLAGS_UPDATE_IF_NOEXIST"),
	XLAT_PAIR(0x02, "XDP_FLAGS_SKB_MODE"),
	XLAT_PAIR(0x04, "XDP_FLAGS_DRV_MODE"),
	XLAT_PAIR(0x08, "XDP_FLAGS_HW_MODE"),
	XLAT_PAIR(0x10, "XDP_FLAGS_REPLACE"));

XLAT_TABLE(xdp_attached, "XDP_ATTACHED_???",
	XLAT_PAIR(0, "XDP_ATTACHED_NONE"), XLAT_PAIR(1, "XDP_ATTACHED_DRV"),
	XLAT_PAIR(2, "XDP_ATTACHED_SKB"), XLAT_PAIR(3, "XDP_ATTACHED_HW"),
	XLAT_PAIR(4, "XDP_ATTACHED_MULTI"));

static bool
nla_xdp_attached(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint8_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &xdp_attached, v, false);
	return true;
}

static bool
nla_xdp_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_flags(f->b, &xdp_flags, v);
	return true;
}

static const nla_fn ifla_xdp_fns[] = {
	[IFLA_XDP_FD] = nla_fd,
	[IFLA_XDP_ATTACHED] = nla_xdp_attached,
	[IFLA_XDP_FLAGS] = nla_xdp_flags,
	[IFLA_XDP_PROG_ID] = nla_u32,
	[IFLA_XDP_DRV_PROG_ID] = nla_u32,
	[IFLA_XDP_SKB_PROG_ID] = nla_u32,
	[IFLA_XDP_HW_PROG_ID] = nla_u32,
	[IFLA_XDP_EXPECTED_FD] = nla_fd,
};

NLA_NESTED(nla_ifla_xdp, ifla_xdp_attrs, ifla_xdp_fns)

/* --- IFLA_PROTO_DOWN_REASON -------------------------------------------- */

XLAT_TABLE(ifla_proto_down_reason_attrs, "IFLA_PROTO_DOWN_REASON_???",
	XLAT(IFLA_PROTO_DOWN_REASON_UNSPEC),
	XLAT(IFLA_PROTO_DOWN_REASON_MASK),
	XLAT(IFLA_PROTO_DOWN_REASON_VALUE));

static const nla_fn ifla_proto_down_reason_fns[] = {
	[IFLA_PROTO_DOWN_REASON_MASK] = nla_x32,
	[IFLA_PROTO_DOWN_REASON_VALUE] = nla_x32,
};

NLA_NESTED(nla_ifla_proto_down_reason, ifla_proto_down_reason_attrs,
	   ifla_proto_down_reason_fns)

/* --- AF_INET6 (and AF_INET) link attributes ---------------------------- */

XLAT_TABLE(ifla_inet6_attrs, "IFLA_INET6_???",
	XLAT(IFLA_INET6_UNSPEC), XLAT(IFLA_INET6_FLAGS),
	XLAT(IFLA_INET6_CONF), XLAT(IFLA_INET6_STATS),
	XLAT(IFLA_INET6_MCAST), XLAT(IFLA_INET6_CACHEINFO),
	XLAT(IFLA_INET6_ICMP6STATS), XLAT(IFLA_INET6_TOKEN),
	XLAT(IFLA_INET6_ADDR_GEN_MODE), XLAT(IFLA_INET6_RA_MTU));

XLAT_TABLE(ifla_inet_attrs, "IFLA_INET_???",
	XLAT(IFLA_INET_UNSPEC), XLAT(IFLA_INET_CONF));

XLAT_TABLE(inet6_if_flags, "IF_???",
	XLAT_PAIR(0x10, "IF_RS_SENT"), XLAT_PAIR(0x20, "IF_RA_RCVD"),
	XLAT_PAIR(0x40, "IF_RA_MANAGED"), XLAT_PAIR(0x80, "IF_RA_OTHERCONF"),
	XLAT_PAIR(0x80000000, "IF_READY"));
XLAT_TABLE(inet6_devconf, "DEVCONF_???",
	XLAT_PAIR(0, "DEVCONF_FORWARDING"), XLAT_PAIR(1, "DEVCONF_HOPLIMIT"),
	XLAT_PAIR(2, "DEVCONF_MTU6"), XLAT_PAIR(3, "DEVCONF_ACCEPT_RA"),
	XLAT_PAIR(4, "DEVCONF_ACCEPT_REDIRECTS"),
	XLAT_PAIR(5, "DEVCONF_AUTOCONF"),
	XLAT_PAIR(6, "DEVCONF_DAD_TRANSMITS"),
	XLAT_PAIR(7, "DEVCONF_RTR_SOLICITS"),
	XLAT_PAIR(8, "DEVCONF_RTR_SOLICIT_INTERVAL"),
	XLAT_PAIR(9, "DEVCONF_RTR_SOLICIT_DELAY"),
	XLAT_PAIR(10, "DEVCONF_USE_TEMPADDR"),
	XLAT_PAIR(11, "DEVCONF_TEMP_VALID_LFT"),
	XLAT_PAIR(12, "DEVCONF_TEMP_PREFERED_LFT"),
	XLAT_PAIR(13, "DEVCONF_REGEN_MAX_RETRY"),
	XLAT_PAIR(14, "DEVCONF_MAX_DESYNC_FACTOR"),
	XLAT_PAIR(15, "DEVCONF_MAX_ADDRESSES"),
	XLAT_PAIR(16, "DEVCONF_FORCE_MLD_VERSION"),
	XLAT_PAIR(17, "DEVCONF_ACCEPT_RA_DEFRTR"),
	XLAT_PAIR(18, "DEVCONF_ACCEPT_RA_PINFO"),
	XLAT_PAIR(19, "DEVCONF_ACCEPT_RA_RTR_PREF"),
	XLAT_PAIR(20, "DEVCONF_RTR_PROBE_INTERVAL"),
	XLAT_PAIR(21, "DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN"),
	XLAT_PAIR(22, "DEVCONF_PROXY_NDP"),
	XLAT_PAIR(23, "DEVCONF_OPTIMISTIC_DAD"),
	XLAT_PAIR(24, "DEVCONF_ACCEPT_SOURCE_ROUTE"),
	XLAT_PAIR(25, "DEVCONF_MC_FORWARDING"),
	XLAT_PAIR(26, "DEVCONF_DISABLE_IPV6"),
	XLAT_PAIR(27, "DEVCONF_ACCEPT_DAD"),
	XLAT_PAIR(28, "DEVCONF_FORCE_TLLAO"),
	XLAT_PAIR(29, "DEVCONF_NDISC_NOTIFY"),
	XLAT_PAIR(30, "DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL"),
	XLAT_PAIR(31, "DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL"),
	XLAT_PAIR(32, "DEVCONF_SUPPRESS_FRAG_NDISC"),
	XLAT_PAIR(33, "DEVCONF_ACCEPT_RA_FROM_LOCAL"),
	XLAT_PAIR(34, "DEVCONF_USE_OPTIMISTIC"),
	XLAT_PAIR(35, "DEVCONF_ACCEPT_RA_MTU"),
	XLAT_PAIR(36, "DEVCONF_STABLE_SECRET"),
	XLAT_PAIR(37, "DEVCONF_USE_OIF_ADDRS_ONLY"),
	XLAT_PAIR(38, "DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT"),
	XLAT_PAIR(39, "DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN"),
	XLAT_PAIR(40, "DEVCONF_DROP_UNICAST_IN_L2_MULTICAST"),
	XLAT_PAIR(41, "DEVCONF_DROP_UNSOLICITED_NA"),
	XLAT_PAIR(42, "DEVCONF_KEEP_ADDR_ON_DOWN"),
	XLAT_PAIR(43, "DEVCONF_RTR_SOLICIT_MAX_INTERVAL"),
	XLAT_PAIR(44, "DEVCONF_SEG6_ENABLED"),
	XLAT_PAIR(45, "DEVCONF_SEG6_REQUIRE_HMAC"),
	XLAT_PAIR(46, "DEVCONF_ENHANCED_DAD"),
	XLAT_PAIR(47, "DEVCONF_ADDR_GEN_MODE"),
	XLAT_PAIR(48, "DEVCONF_DISABLE_POLICY"),
	XLAT_PAIR(49, "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN"),
	XLAT_PAIR(50, "DEVCONF_NDISC_TCLASS"),
	XLAT_PAIR(51, "DEVCONF_RPL_SEG_ENABLED"),
	XLAT_PAIR(52, "DEVCONF_RA_DEFRTR_METRIC"),
	XLAT_PAIR(53, "DEVCONF_IOAM6_ENABLED"),
	XLAT_PAIR(54, "DEVCONF_IOAM6_ID"),
	XLAT_PAIR(55, "DEVCONF_IOAM6_ID_WIDE"),
	XLAT_PAIR(56, "DEVCONF_NDISC_EVICT_NOCARRIER"),
	XLAT_PAIR(57, "DEVCONF_ACCEPT_UNTRACKED_NA"));
XLAT_TABLE(snmp_ip_stats, "IPSTATS_MIB_???",
	XLAT_PAIR(0, "IPSTATS_MIB_NUM"), XLAT_PAIR(1, "IPSTATS_MIB_INPKTS"),
	XLAT_PAIR(2, "IPSTATS_MIB_INOCTETS"),
	XLAT_PAIR(3, "IPSTATS_MIB_INDELIVERS"),
	XLAT_PAIR(4, "IPSTATS_MIB_OUTFORWDATAGRAMS"),
	XLAT_PAIR(5, "IPSTATS_MIB_OUTPKTS"),
	XLAT_PAIR(6, "IPSTATS_MIB_OUTOCTETS"),
	XLAT_PAIR(7, "IPSTATS_MIB_INHDRERRORS"),
	XLAT_PAIR(8, "IPSTATS_MIB_INTOOBIGERRORS"),
	XLAT_PAIR(9, "IPSTATS_MIB_INNOROUTES"),
	XLAT_PAIR(10, "IPSTATS_MIB_INADDRERRORS"),
	XLAT_PAIR(11, "IPSTATS_MIB_INUNKNOWNPROTOS"),
	XLAT_PAIR(12, "IPSTATS_MIB_INTRUNCATEDPKTS"),
	XLAT_PAIR(13, "IPSTATS_MIB_INDISCARDS"),
	XLAT_PAIR(14, "IPSTATS_MIB_OUTDISCARDS"),
	XLAT_PAIR(15, "IPSTATS_MIB_OUTNOROUTES"),
	XLAT_PAIR(16, "IPSTATS_MIB_REASMTIMEOUT"),
	XLAT_PAIR(17, "IPSTATS_MIB_REASMREQDS"),
	XLAT_PAIR(18, "IPSTATS_MIB_REASMOKS"),
	XLAT_PAIR(19, "IPSTATS_MIB_REASMFAILS"),
	XLAT_PAIR(20, "IPSTATS_MIB_FRAGOKS"),
	XLAT_PAIR(21, "IPSTATS_MIB_FRAGFAILS"),
	XLAT_PAIR(22, "IPSTATS_MIB_FRAGCREATES"),
	XLAT_PAIR(23, "IPSTATS_MIB_INMCASTPKTS"),
	XLAT_PAIR(24, "IPSTATS_MIB_OUTMCASTPKTS"),
	XLAT_PAIR(25, "IPSTATS_MIB_INBCASTPKTS"),
	XLAT_PAIR(26, "IPSTATS_MIB_OUTBCASTPKTS"),
	XLAT_PAIR(27, "IPSTATS_MIB_INMCASTOCTETS"),
	XLAT_PAIR(28, "IPSTATS_MIB_OUTMCASTOCTETS"),
	XLAT_PAIR(29, "IPSTATS_MIB_INBCASTOCTETS"),
	XLAT_PAIR(30, "IPSTATS_MIB_OUTBCASTOCTETS"),
	XLAT_PAIR(31, "IPSTATS_MIB_CSUMERRORS"),
	XLAT_PAIR(32, "IPSTATS_MIB_NOECTPKTS"),
	XLAT_PAIR(33, "IPSTATS_MIB_ECT1PKTS"),
	XLAT_PAIR(34, "IPSTATS_MIB_ECT0PKTS"),
	XLAT_PAIR(35, "IPSTATS_MIB_CEPKTS"),
	XLAT_PAIR(36, "IPSTATS_MIB_REASM_OVERLAPS"));
XLAT_TABLE(snmp_icmp6_stats, "ICMP6_MIB_???",
	XLAT_PAIR(0, "ICMP6_MIB_NUM"), XLAT_PAIR(1, "ICMP6_MIB_INMSGS"),
	XLAT_PAIR(2, "ICMP6_MIB_INERRORS"), XLAT_PAIR(3, "ICMP6_MIB_OUTMSGS"),
	XLAT_PAIR(4, "ICMP6_MIB_OUTERRORS"),
	XLAT_PAIR(5, "ICMP6_MIB_CSUMERRORS"));
XLAT_TABLE(in6_addr_gen_mode, "IN6_ADDR_GEN_MODE_???",
	XLAT_PAIR(0, "IN6_ADDR_GEN_MODE_EUI64"),
	XLAT_PAIR(1, "IN6_ADDR_GEN_MODE_NONE"),
	XLAT_PAIR(2, "IN6_ADDR_GEN_MODE_STABLE_PRIVACY"),
	XLAT_PAIR(3, "IN6_ADDR_GEN_MODE_RANDOM"));
XLAT_TABLE(inet_devconf, "IPV4_DEVCONF_???",
	XLAT_PAIR(0, "IPV4_DEVCONF_FORWARDING-1"),
	XLAT_PAIR(1, "IPV4_DEVCONF_MC_FORWARDING-1"),
	XLAT_PAIR(2, "IPV4_DEVCONF_PROXY_ARP-1"),
	XLAT_PAIR(3, "IPV4_DEVCONF_ACCEPT_REDIRECTS-1"),
	XLAT_PAIR(4, "IPV4_DEVCONF_SECURE_REDIRECTS-1"),
	XLAT_PAIR(5, "IPV4_DEVCONF_SEND_REDIRECTS-1"),
	XLAT_PAIR(6, "IPV4_DEVCONF_SHARED_MEDIA-1"),
	XLAT_PAIR(7, "IPV4_DEVCONF_RP_FILTER-1"),
	XLAT_PAIR(8, "IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1"),
	XLAT_PAIR(9, "IPV4_DEVCONF_BOOTP_RELAY-1"),
	XLAT_PAIR(10, "IPV4_DEVCONF_LOG_MARTIANS-1"),
	XLAT_PAIR(11, "IPV4_DEVCONF_TAG-1"),
	XLAT_PAIR(12, "IPV4_DEVCONF_ARPFILTER-1"),
	XLAT_PAIR(13, "IPV4_DEVCONF_MEDIUM_ID-1"),
	XLAT_PAIR(14, "IPV4_DEVCONF_NOXFRM-1"),
	XLAT_PAIR(15, "IPV4_DEVCONF_NOPOLICY-1"),
	XLAT_PAIR(16, "IPV4_DEVCONF_FORCE_IGMP_VERSION-1"),
	XLAT_PAIR(17, "IPV4_DEVCONF_ARP_ANNOUNCE-1"),
	XLAT_PAIR(18, "IPV4_DEVCONF_ARP_IGNORE-1"),
	XLAT_PAIR(19, "IPV4_DEVCONF_PROMOTE_SECONDARIES-1"),
	XLAT_PAIR(20, "IPV4_DEVCONF_ARP_ACCEPT-1"),
	XLAT_PAIR(21, "IPV4_DEVCONF_ARP_NOTIFY-1"),
	XLAT_PAIR(22, "IPV4_DEVCONF_ACCEPT_LOCAL-1"),
	XLAT_PAIR(23, "IPV4_DEVCONF_SRC_VMARK-1"),
	XLAT_PAIR(24, "IPV4_DEVCONF_PROXY_ARP_PVLAN-1"),
	XLAT_PAIR(25, "IPV4_DEVCONF_ROUTE_LOCALNET-1"),
	XLAT_PAIR(26, "IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1"),
	XLAT_PAIR(27, "IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1"),
	XLAT_PAIR(28, "IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1"),
	XLAT_PAIR(29, "IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1"),
	XLAT_PAIR(30, "IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1"),
	XLAT_PAIR(31, "IPV4_DEVCONF_BC_FORWARDING-1"),
	XLAT_PAIR(32, "IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1"));

/* An array indexed by names: [[NAME]=value, ...]. */
struct idx_array {
	const struct xlat *x;
	bool is_signed32; /* int elements; else u64 */
	unsigned i;
};

static bool
idx_elem(struct fmt *f, const void *elem, void *data)
{
	struct idx_array *a = data;
	int32_t s;
	uint64_t u;

	pb_putc(f->b, '[');
	print_xval(f->b, a->x, a->i++, true);
	pb_puts(f->b, "]=");
	if (a->is_signed32) {
		memcpy(&s, elem, sizeof(s));
		pb_printf(f->b, "%d", s);
	} else {
		memcpy(&u, elem, sizeof(u));
		pb_printf(f->b, "%llu", (unsigned long long)u);
	}
	return true;
}

static bool
nla_idx_array(struct fmt *f, uint64_t addr, unsigned len,
	      const struct xlat *x, bool is_signed32)
{
	struct idx_array a = { x, is_signed32, 0 };
	size_t size = is_signed32 ? sizeof(int32_t) : sizeof(uint64_t);

	if (len < size)
		return false;
	print_array(f, addr, len / size, size, idx_elem, &a);
	return true;
}

static bool
nla_inet6_conf(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_idx_array(f, addr, len, &inet6_devconf, true);
}

static bool
nla_inet6_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_idx_array(f, addr, len, &snmp_ip_stats, false);
}

static bool
nla_icmp6_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_idx_array(f, addr, len, &snmp_icmp6_stats, false);
}

static bool
nla_inet_conf(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_idx_array(f, addr, len, &inet_devconf, true);
}

static bool
nla_inet6_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &inet6_if_flags, 4);
}

static bool
nla_inet6_cacheinfo(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d)
{
	struct ifla_cacheinfo c;

	(void)d;
	if (len < sizeof(c))
		return false;
	if (read_or_addr(f, &c, addr, sizeof(c)))
		pb_printf(f->b, "{max_reasm_len=%u, tstamp=%u, "
			  "reachable_time=%u, retrans_time=%u}",
			  c.max_reasm_len, c.tstamp, c.reachable_time,
			  c.retrans_time);
	return true;
}

static bool
nla_inet6_agm(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint8_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &in6_addr_gen_mode, v, false);
	return true;
}

static const nla_fn ifla_inet6_fns[] = {
	[IFLA_INET6_FLAGS] = nla_inet6_flags,
	[IFLA_INET6_CONF] = nla_inet6_conf,
	[IFLA_INET6_STATS] = nla_inet6_stats,
	[IFLA_INET6_CACHEINFO] = nla_inet6_cacheinfo,
	[IFLA_INET6_ICMP6STATS] = nla_icmp6_stats,
	[IFLA_INET6_TOKEN] = nla_in6_addr,
	[IFLA_INET6_ADDR_GEN_MODE] = nla_inet6_agm,
	[IFLA_INET6_RA_MTU] = nla_u32,
};

static const nla_fn ifla_inet_fns[] = {
	[IFLA_INET_CONF] = nla_inet_conf,
};

/* --- IFLA_PROTINFO of a bridge port ------------------------------------ */

XLAT_TABLE(ifla_brport_attrs, "IFLA_BRPORT_???",
	XLAT(IFLA_BRPORT_UNSPEC), XLAT(IFLA_BRPORT_STATE),
	XLAT(IFLA_BRPORT_PRIORITY), XLAT(IFLA_BRPORT_COST),
	XLAT(IFLA_BRPORT_MODE), XLAT(IFLA_BRPORT_GUARD),
	XLAT(IFLA_BRPORT_PROTECT), XLAT(IFLA_BRPORT_FAST_LEAVE),
	XLAT(IFLA_BRPORT_LEARNING), XLAT(IFLA_BRPORT_UNICAST_FLOOD),
	XLAT(IFLA_BRPORT_PROXYARP), XLAT(IFLA_BRPORT_LEARNING_SYNC),
	XLAT(IFLA_BRPORT_PROXYARP_WIFI), XLAT(IFLA_BRPORT_ROOT_ID),
	XLAT(IFLA_BRPORT_BRIDGE_ID), XLAT(IFLA_BRPORT_DESIGNATED_PORT),
	XLAT(IFLA_BRPORT_DESIGNATED_COST), XLAT(IFLA_BRPORT_ID),
	XLAT(IFLA_BRPORT_NO), XLAT(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK),
	XLAT(IFLA_BRPORT_CONFIG_PENDING),
	XLAT(IFLA_BRPORT_MESSAGE_AGE_TIMER),
	XLAT(IFLA_BRPORT_FORWARD_DELAY_TIMER),
	XLAT(IFLA_BRPORT_HOLD_TIMER), XLAT(IFLA_BRPORT_FLUSH),
	XLAT(IFLA_BRPORT_MULTICAST_ROUTER), XLAT(IFLA_BRPORT_PAD),
	XLAT(IFLA_BRPORT_MCAST_FLOOD), XLAT(IFLA_BRPORT_MCAST_TO_UCAST),
	XLAT(IFLA_BRPORT_VLAN_TUNNEL), XLAT(IFLA_BRPORT_BCAST_FLOOD),
	XLAT(IFLA_BRPORT_GROUP_FWD_MASK), XLAT(IFLA_BRPORT_NEIGH_SUPPRESS),
	XLAT(IFLA_BRPORT_ISOLATED), XLAT(IFLA_BRPORT_BACKUP_PORT),
	XLAT(IFLA_BRPORT_MRP_RING_OPEN), XLAT(IFLA_BRPORT_MRP_IN_OPEN),
	XLAT(IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT),
	XLAT(IFLA_BRPORT_MCAST_EHT_HOSTS_CNT), XLAT(IFLA_BRPORT_LOCKED));

bool
nla_x16(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint16_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		pb_printf(f->b, "%#x", (unsigned)v);
	return true;
}

bool
nla_bridge_id(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_bridge_id id;

	(void)d;
	if (len < sizeof(id))
		return false;
	if (!read_or_addr(f, &id, addr, sizeof(id)))
		return true;
	pb_printf(f->b, "{prio=[%u, %u], addr=", id.prio[0], id.prio[1]);
	nl_hwaddr(f->b, id.addr, sizeof(id.addr));
	pb_putc(f->b, '}');
	return true;
}

const nla_fn ifla_brport_fns[BRPORT_FNS_N] = {
	[IFLA_BRPORT_STATE] = nla_u8,
	[IFLA_BRPORT_PRIORITY] = nla_u16,
	[IFLA_BRPORT_COST] = nla_u32,
	[IFLA_BRPORT_MODE] = nla_u8,
	[IFLA_BRPORT_GUARD] = nla_u8,
	[IFLA_BRPORT_PROTECT] = nla_u8,
	[IFLA_BRPORT_FAST_LEAVE] = nla_u8,
	[IFLA_BRPORT_LEARNING] = nla_u8,
	[IFLA_BRPORT_UNICAST_FLOOD] = nla_u8,
	[IFLA_BRPORT_PROXYARP] = nla_u8,
	[IFLA_BRPORT_LEARNING_SYNC] = nla_u8,
	[IFLA_BRPORT_PROXYARP_WIFI] = nla_u8,
	[IFLA_BRPORT_ROOT_ID] = nla_bridge_id,
	[IFLA_BRPORT_BRIDGE_ID] = nla_bridge_id,
	[IFLA_BRPORT_DESIGNATED_PORT] = nla_u16,
	[IFLA_BRPORT_DESIGNATED_COST] = nla_u16,
	[IFLA_BRPORT_ID] = nla_u16,
	[IFLA_BRPORT_NO] = nla_u16,
	[IFLA_BRPORT_TOPOLOGY_CHANGE_ACK] = nla_u8,
	[IFLA_BRPORT_CONFIG_PENDING] = nla_u8,
	[IFLA_BRPORT_MESSAGE_AGE_TIMER] = nla_clock_t,
	[IFLA_BRPORT_FORWARD_DELAY_TIMER] = nla_clock_t,
	[IFLA_BRPORT_HOLD_TIMER] = nla_clock_t,
	[IFLA_BRPORT_MULTICAST_ROUTER] = nla_u8,
	[IFLA_BRPORT_MCAST_FLOOD] = nla_u8,
	[IFLA_BRPORT_MCAST_TO_UCAST] = nla_u8,
	[IFLA_BRPORT_VLAN_TUNNEL] = nla_u8,
	[IFLA_BRPORT_BCAST_FLOOD] = nla_u8,
	[IFLA_BRPORT_GROUP_FWD_MASK] = nla_x16,
	[IFLA_BRPORT_NEIGH_SUPPRESS] = nla_u8,
	[IFLA_BRPORT_ISOLATED] = nla_u8,
	[IFLA_BRPORT_BACKUP_PORT] = nla_ifindex,
	[IFLA_BRPORT_MRP_RING_OPEN] = nla_u8,
	[IFLA_BRPORT_MRP_IN_OPEN] = nla_u8,
	[IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT] = nla_u32,
	[IFLA_BRPORT_MCAST_EHT_HOSTS_CNT] = nla_u32,
	[IFLA_BRPORT_LOCKED] = nla_u8,
};
_Static_assert(IFLA_BRPORT_LOCKED + 1 == BRPORT_FNS_N,
	       "ifla_brport_fns covers IFLA_BRPORT_");

/* IFLA_PROTINFO: a bridge port's attributes under AF_BRIDGE, IPv6's
   under AF_INET6; other families print as hex. d is the
   ifinfomsg, its family first. */
bool
nla_ifla_protinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned char af = *(const unsigned char *)d;

	if (af == AF_BRIDGE)
		nl_attrs(f, addr, len, &ifla_brport_attrs, ifla_brport_fns,
			 ARRAY_SIZE(ifla_brport_fns), NULL);
	else if (af == AF_INET6)
		nl_attrs(f, addr, len, &ifla_inet6_attrs, ifla_inet6_fns,
			 ARRAY_SIZE(ifla_inet6_fns), NULL);
	else
		return false;
	return true;
}

/* --- IFLA_AF_SPEC ------------------------------------------------------ */

XLAT_TABLE(ifla_bridge_attrs, "IFLA_BRIDGE_???",
	XLAT(IFLA_BRIDGE_FLAGS), XLAT(IFLA_BRIDGE_MODE),
	XLAT(IFLA_BRIDGE_VLAN_INFO), XLAT(IFLA_BRIDGE_VLAN_TUNNEL_INFO),
	XLAT(IFLA_BRIDGE_MRP), XLAT(IFLA_BRIDGE_CFM), XLAT(IFLA_BRIDGE_MST));

XLAT_TABLE(ifla_bridge_flags, "BRIDGE_FLAGS_???",
	XLAT(BRIDGE_FLAGS_MASTER), XLAT(BRIDGE_FLAGS_SELF));

XLAT_TABLE(ifla_bridge_modes, "BRIDGE_MODE_???",
	XLAT(BRIDGE_MODE_VEB), XLAT(BRIDGE_MODE_VEPA),
	XLAT(BRIDGE_MODE_UNDEF));

XLAT_TABLE(bridge_vlan_flags, "BRIDGE_VLAN_INFO_???",
	XLAT(BRIDGE_VLAN_INFO_MASTER), XLAT(BRIDGE_VLAN_INFO_PVID),
	XLAT(BRIDGE_VLAN_INFO_UNTAGGED), XLAT(BRIDGE_VLAN_INFO_RANGE_BEGIN),
	XLAT(BRIDGE_VLAN_INFO_RANGE_END), XLAT(BRIDGE_VLAN_INFO_BRENTRY),
	XLAT(BRIDGE_VLAN_INFO_ONLY_OPTS));

XLAT_TABLE(bridge_vlan_tunnel_attrs, "IFLA_BRIDGE_VLAN_TUNNEL_???",
	XLAT(IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC), XLAT(IFLA_BRIDGE_VLAN_TUNNEL_ID),
	XLAT(IFLA_BRIDGE_VLAN_TUNNEL_VID),
	XLAT(IFLA_BRIDGE_VLAN_TUNNEL_FLAGS));

XLAT_TABLE(ifla_mctp_attrs, "IFLA_MCTP_???",
	XLAT_PAIR(0, "IFLA_MCTP_UNSPEC"), XLAT_PAIR(1, "IFLA_MCTP_NET"));

static bool
nla_bridge_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &ifla_bridge_flags, 2);
}

static bool
nla_bridge_mode(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint16_t v;

	(void)d;
	if (len < sizeof(v) || len > sizeof(uint64_t))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &ifla_bridge_modes, v, false);
	return true;
}

static bool
nla_bridge_vlan_flags(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &bridge_vlan_flags, 2);
}

static bool
nla_bridge_vlan_info(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d)
{
	struct bridge_vlan_info v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return true;
	pb_puts(f->b, "{flags=");
	print_flags(f->b, &bridge_vlan_flags, v.flags);
	pb_printf(f->b, ", vid=%u}", v.vid);
	if (len > sizeof(v)) {
		pb_puts(f->b, ", ");
		nl_hex(f, addr + sizeof(v), len - (unsigned)sizeof(v));
	}
	return true;
}

static const nla_fn bridge_vlan_tunnel_fns[] = {
	[IFLA_BRIDGE_VLAN_TUNNEL_ID] = nla_u32,
	[IFLA_BRIDGE_VLAN_TUNNEL_VID] = nla_u16,
	[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS] = nla_bridge_vlan_flags,
};

static NLA_NESTED(nla_bridge_vlan_tunnel, bridge_vlan_tunnel_attrs,
	   bridge_vlan_tunnel_fns)

static const nla_fn ifla_bridge_fns[] = {
	[IFLA_BRIDGE_FLAGS] = nla_bridge_flags,
	[IFLA_BRIDGE_MODE] = nla_bridge_mode,
	[IFLA_BRIDGE_VLAN_INFO] = nla_bridge_vlan_info,
	[IFLA_BRIDGE_VLAN_TUNNEL_INFO] = nla_bridge_vlan_tunnel,
};

static const nla_fn ifla_mctp_fns[] = {
	[1] = nla_u32,
};

static NLA_NESTED(nla_af_inet, ifla_inet_attrs, ifla_inet_fns)

static NLA_NESTED(nla_af_inet6, ifla_inet6_attrs, ifla_inet6_fns)

static NLA_NESTED(nla_af_mctp, ifla_mctp_attrs, ifla_mctp_fns)

/* Under IFLA_AF_SPEC each attribute's type is an address family, its
   data that family's attributes (other families: hex). */
static const nla_fn ifla_af_fns[] = {
	[AF_INET] = nla_af_inet,
	[AF_INET6] = nla_af_inet6,
	[AF_MCTP] = nla_af_mctp,
};

/* IFLA_AF_SPEC: the bridge's attributes under AF_BRIDGE, else one
   nest per address family. */
bool
nla_ifla_af_spec(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	if (*(const unsigned char *)d == AF_BRIDGE)
		nl_attrs(f, addr, len, &ifla_bridge_attrs, ifla_bridge_fns,
			 ARRAY_SIZE(ifla_bridge_fns), d);
	else
		nl_attrs(f, addr, len, &sock_families, ifla_af_fns,
			 ARRAY_SIZE(ifla_af_fns), NULL);
	return true;
}
