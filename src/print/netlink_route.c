/* SPDX-License-Identifier: MIT */
/*
 * netlink_route.c: the payloads of NETLINK_ROUTE messages as strace 6.1
 * prints them: the struct of the message type (ifinfomsg for links,
 * ifaddrmsg for addresses, rtmsg for routes, ndmsg for neighbours ...),
 * then its attributes; another type prints its family and the rest in
 * hex.
 */
#define _GNU_SOURCE
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netinet/ip.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

XLAT_TABLE(arphrd_types, "ARPHRD_???",
	XLAT_PAIR(0, "ARPHRD_NETROM"), XLAT_PAIR(1, "ARPHRD_ETHER"),
	XLAT_PAIR(2, "ARPHRD_EETHER"), XLAT_PAIR(3, "ARPHRD_AX25"),
	XLAT_PAIR(4, "ARPHRD_PRONET"), XLAT_PAIR(5, "ARPHRD_CHAOS"),
	XLAT_PAIR(6, "ARPHRD_IEEE802"), XLAT_PAIR(7, "ARPHRD_ARCNET"),
	XLAT_PAIR(8, "ARPHRD_APPLETLK"), XLAT_PAIR(15, "ARPHRD_DLCI"),
	XLAT_PAIR(19, "ARPHRD_ATM"), XLAT_PAIR(23, "ARPHRD_METRICOM"),
	XLAT_PAIR(24, "ARPHRD_IEEE1394"), XLAT_PAIR(27, "ARPHRD_EUI64"),
	XLAT_PAIR(32, "ARPHRD_INFINIBAND"), XLAT_PAIR(256, "ARPHRD_SLIP"),
	XLAT_PAIR(257, "ARPHRD_CSLIP"), XLAT_PAIR(258, "ARPHRD_SLIP6"),
	XLAT_PAIR(259, "ARPHRD_CSLIP6"), XLAT_PAIR(260, "ARPHRD_RSRVD"),
	XLAT_PAIR(264, "ARPHRD_ADAPT"), XLAT_PAIR(270, "ARPHRD_ROSE"),
	XLAT_PAIR(271, "ARPHRD_X25"), XLAT_PAIR(272, "ARPHRD_HWX25"),
	XLAT_PAIR(280, "ARPHRD_CAN"), XLAT_PAIR(290, "ARPHRD_MCTP"),
	XLAT_PAIR(512, "ARPHRD_PPP"), XLAT_PAIR(513, "ARPHRD_CISCO"),
	XLAT_PAIR(516, "ARPHRD_LAPB"), XLAT_PAIR(517, "ARPHRD_DDCMP"),
	XLAT_PAIR(518, "ARPHRD_RAWHDLC"), XLAT_PAIR(519, "ARPHRD_RAWIP"),
	XLAT_PAIR(768, "ARPHRD_TUNNEL"), XLAT_PAIR(769, "ARPHRD_TUNNEL6"),
	XLAT_PAIR(770, "ARPHRD_FRAD"), XLAT_PAIR(771, "ARPHRD_SKIP"),
	XLAT_PAIR(772, "ARPHRD_LOOPBACK"), XLAT_PAIR(773, "ARPHRD_LOCALTLK"),
	XLAT_PAIR(774, "ARPHRD_FDDI"), XLAT_PAIR(775, "ARPHRD_BIF"),
	XLAT_PAIR(776, "ARPHRD_SIT"), XLAT_PAIR(777, "ARPHRD_IPDDP"),
	XLAT_PAIR(778, "ARPHRD_IPGRE"), XLAT_PAIR(779, "ARPHRD_PIMREG"),
	XLAT_PAIR(780, "ARPHRD_HIPPI"), XLAT_PAIR(781, "ARPHRD_ASH"),
	XLAT_PAIR(782, "ARPHRD_ECONET"), XLAT_PAIR(783, "ARPHRD_IRDA"),
	XLAT_PAIR(784, "ARPHRD_FCPP"), XLAT_PAIR(785, "ARPHRD_FCAL"),
	XLAT_PAIR(786, "ARPHRD_FCPL"), XLAT_PAIR(787, "ARPHRD_FCFABRIC"),
	XLAT_PAIR(800, "ARPHRD_IEEE802_TR"),
	XLAT_PAIR(801, "ARPHRD_IEEE80211"),
	XLAT_PAIR(802, "ARPHRD_IEEE80211_PRISM"),
	XLAT_PAIR(803, "ARPHRD_IEEE80211_RADIOTAP"),
	XLAT_PAIR(804, "ARPHRD_IEEE802154"),
	XLAT_PAIR(805, "ARPHRD_IEEE802154_MONITOR"),
	XLAT_PAIR(820, "ARPHRD_PHONET"),
	XLAT_PAIR(821, "ARPHRD_PHONET_PIPE"), XLAT_PAIR(822, "ARPHRD_CAIF"),
	XLAT_PAIR(823, "ARPHRD_IP6GRE"), XLAT_PAIR(824, "ARPHRD_NETLINK"),
	XLAT_PAIR(825, "ARPHRD_6LOWPAN"), XLAT_PAIR(826, "ARPHRD_VSOCKMON"),
	XLAT_PAIR(0xFFFE, "ARPHRD_NONE"), XLAT_PAIR(0xFFFF, "ARPHRD_VOID"));

XLAT_TABLE(iff_flags, "IFF_???",
	XLAT_PAIR((1 << 0), "IFF_UP"), XLAT_PAIR((1 << 1), "IFF_BROADCAST"),
	XLAT_PAIR((1 << 2), "IFF_DEBUG"),
	XLAT_PAIR((1 << 3), "IFF_LOOPBACK"),
	XLAT_PAIR((1 << 4), "IFF_POINTOPOINT"),
	XLAT_PAIR((1 << 5), "IFF_NOTRAILERS"),
	XLAT_PAIR((1 << 6), "IFF_RUNNING"), XLAT_PAIR((1 << 7), "IFF_NOARP"),
	XLAT_PAIR((1 << 8), "IFF_PROMISC"),
	XLAT_PAIR((1 << 9), "IFF_ALLMULTI"),
	XLAT_PAIR((1 << 10), "IFF_MASTER"),
	XLAT_PAIR((1 << 11), "IFF_SLAVE"),
	XLAT_PAIR((1 << 12), "IFF_MULTICAST"),
	XLAT_PAIR((1 << 13), "IFF_PORTSEL"),
	XLAT_PAIR((1 << 14), "IFF_AUTOMEDIA"),
	XLAT_PAIR((1 << 15), "IFF_DYNAMIC"),
	XLAT_PAIR((1 << 16), "IFF_LOWER_UP"),
	XLAT_PAIR((1 << 17), "IFF_DORMANT"), XLAT_PAIR((1 << 18), "IFF_ECHO"));

XLAT_TABLE(ifa_flags, "IFA_F_???",
	XLAT(IFA_F_SECONDARY), XLAT(IFA_F_NODAD), XLAT(IFA_F_OPTIMISTIC),
	XLAT(IFA_F_DADFAILED), XLAT(IFA_F_HOMEADDRESS),
	XLAT(IFA_F_DEPRECATED), XLAT(IFA_F_TENTATIVE), XLAT(IFA_F_PERMANENT),
	XLAT(IFA_F_MANAGETEMPADDR), XLAT(IFA_F_NOPREFIXROUTE),
	XLAT(IFA_F_MCAUTOJOIN), XLAT(IFA_F_STABLE_PRIVACY));

XLAT_TABLE(rt_scopes, NULL,
	XLAT(RT_SCOPE_UNIVERSE), XLAT(RT_SCOPE_SITE), XLAT(RT_SCOPE_LINK),
	XLAT(RT_SCOPE_HOST), XLAT(RT_SCOPE_NOWHERE));

XLAT_TABLE(iptos, "IPTOS_TOS_???",
	XLAT(IPTOS_LOWDELAY), XLAT(IPTOS_THROUGHPUT),
	XLAT(IPTOS_RELIABILITY), XLAT(IPTOS_MINCOST));

XLAT_TABLE(rt_tables, NULL,
	XLAT(RT_TABLE_UNSPEC), XLAT(RT_TABLE_COMPAT), XLAT(RT_TABLE_DEFAULT),
	XLAT(RT_TABLE_MAIN), XLAT(RT_TABLE_LOCAL));

XLAT_TABLE(rt_protocols, "RTPROT_???",
	XLAT(RTPROT_UNSPEC), XLAT(RTPROT_REDIRECT), XLAT(RTPROT_KERNEL),
	XLAT(RTPROT_BOOT), XLAT(RTPROT_STATIC), XLAT(RTPROT_GATED),
	XLAT(RTPROT_RA), XLAT(RTPROT_MRT), XLAT(RTPROT_ZEBRA),
	XLAT(RTPROT_BIRD), XLAT(RTPROT_DNROUTED), XLAT(RTPROT_XORP),
	XLAT(RTPROT_NTK), XLAT(RTPROT_DHCP), XLAT(RTPROT_MROUTED),
	XLAT(RTPROT_KEEPALIVED), XLAT(RTPROT_BABEL), XLAT(RTPROT_OPENR),
	XLAT(RTPROT_BGP), XLAT(RTPROT_ISIS), XLAT(RTPROT_OSPF),
	XLAT(RTPROT_RIP), XLAT(RTPROT_EIGRP));

XLAT_TABLE(rt_types, "RTN_???",
	XLAT(RTN_UNSPEC), XLAT(RTN_UNICAST), XLAT(RTN_LOCAL),
	XLAT(RTN_BROADCAST), XLAT(RTN_ANYCAST), XLAT(RTN_MULTICAST),
	XLAT(RTN_BLACKHOLE), XLAT(RTN_UNREACHABLE), XLAT(RTN_PROHIBIT),
	XLAT(RTN_THROW), XLAT(RTN_NAT), XLAT(RTN_XRESOLVE));

XLAT_TABLE(rtm_flags, "RTM_F_???",
	XLAT(RTM_F_NOTIFY), XLAT(RTM_F_CLONED), XLAT(RTM_F_EQUALIZE),
	XLAT(RTM_F_PREFIX), XLAT(RTM_F_LOOKUP_TABLE), XLAT(RTM_F_FIB_MATCH),
	XLAT(RTM_F_OFFLOAD), XLAT(RTM_F_TRAP), XLAT(RTM_F_OFFLOAD_FAILED));

XLAT_TABLE(nud_states, "NUD_???",
	XLAT_PAIR(0x00, "NUD_NONE"), XLAT_PAIR(0x01, "NUD_INCOMPLETE"),
	XLAT_PAIR(0x02, "NUD_REACHABLE"), XLAT_PAIR(0x04, "NUD_STALE"),
	XLAT_PAIR(0x08, "NUD_DELAY"), XLAT_PAIR(0x10, "NUD_PROBE"),
	XLAT_PAIR(0x20, "NUD_FAILED"), XLAT_PAIR(0x40, "NUD_NOARP"),
	XLAT_PAIR(0x80, "NUD_PERMANENT"));

XLAT_TABLE(ntf_flags, "NTF_???",
	XLAT(NTF_USE), XLAT(NTF_SELF), XLAT(NTF_MASTER), XLAT(NTF_PROXY),
	XLAT(NTF_EXT_LEARNED), XLAT(NTF_OFFLOADED), XLAT(NTF_STICKY),
	XLAT(NTF_ROUTER));

XLAT_TABLE(ifla_attrs, "IFLA_???",
	XLAT(IFLA_UNSPEC), XLAT(IFLA_ADDRESS), XLAT(IFLA_BROADCAST),
	XLAT(IFLA_IFNAME), XLAT(IFLA_MTU), XLAT(IFLA_LINK), XLAT(IFLA_QDISC),
	XLAT(IFLA_STATS), XLAT(IFLA_COST), XLAT(IFLA_PRIORITY),
	XLAT(IFLA_MASTER), XLAT(IFLA_WIRELESS), XLAT(IFLA_PROTINFO),
	XLAT(IFLA_TXQLEN), XLAT(IFLA_MAP), XLAT(IFLA_WEIGHT),
	XLAT(IFLA_OPERSTATE), XLAT(IFLA_LINKMODE), XLAT(IFLA_LINKINFO),
	XLAT(IFLA_NET_NS_PID), XLAT(IFLA_IFALIAS), XLAT(IFLA_NUM_VF),
	XLAT(IFLA_VFINFO_LIST), XLAT(IFLA_STATS64), XLAT(IFLA_VF_PORTS),
	XLAT(IFLA_PORT_SELF), XLAT(IFLA_AF_SPEC), XLAT(IFLA_GROUP),
	XLAT(IFLA_NET_NS_FD), XLAT(IFLA_EXT_MASK), XLAT(IFLA_PROMISCUITY),
	XLAT(IFLA_NUM_TX_QUEUES), XLAT(IFLA_NUM_RX_QUEUES),
	XLAT(IFLA_CARRIER), XLAT(IFLA_PHYS_PORT_ID),
	XLAT(IFLA_CARRIER_CHANGES), XLAT(IFLA_PHYS_SWITCH_ID),
	XLAT(IFLA_LINK_NETNSID), XLAT(IFLA_PHYS_PORT_NAME),
	XLAT(IFLA_PROTO_DOWN), XLAT(IFLA_GSO_MAX_SEGS),
	XLAT(IFLA_GSO_MAX_SIZE), XLAT(IFLA_PAD), XLAT(IFLA_XDP),
	XLAT(IFLA_EVENT), XLAT(IFLA_NEW_NETNSID), XLAT(IFLA_IF_NETNSID),
	XLAT(IFLA_CARRIER_UP_COUNT), XLAT(IFLA_CARRIER_DOWN_COUNT),
	XLAT(IFLA_NEW_IFINDEX), XLAT(IFLA_MIN_MTU), XLAT(IFLA_MAX_MTU),
	XLAT(IFLA_PROP_LIST), XLAT(IFLA_ALT_IFNAME), XLAT(IFLA_PERM_ADDRESS),
	XLAT(IFLA_PROTO_DOWN_REASON), XLAT(IFLA_PARENT_DEV_NAME),
	XLAT(IFLA_PARENT_DEV_BUS_NAME), XLAT(IFLA_GRO_MAX_SIZE),
	XLAT(IFLA_TSO_MAX_SIZE), XLAT(IFLA_TSO_MAX_SEGS), XLAT(IFLA_ALLMULTI));

XLAT_TABLE(ifa_attrs, "IFA_???",
	XLAT(IFA_UNSPEC), XLAT(IFA_ADDRESS), XLAT(IFA_LOCAL),
	XLAT(IFA_LABEL), XLAT(IFA_BROADCAST), XLAT(IFA_ANYCAST),
	XLAT(IFA_CACHEINFO), XLAT(IFA_MULTICAST), XLAT(IFA_FLAGS),
	XLAT(IFA_RT_PRIORITY), XLAT(IFA_TARGET_NETNSID), XLAT(IFA_PROTO));

XLAT_TABLE(rta_attrs, "RTA_???",
	XLAT(RTA_UNSPEC), XLAT(RTA_DST), XLAT(RTA_SRC), XLAT(RTA_IIF),
	XLAT(RTA_OIF), XLAT(RTA_GATEWAY), XLAT(RTA_PRIORITY),
	XLAT(RTA_PREFSRC), XLAT(RTA_METRICS), XLAT(RTA_MULTIPATH),
	XLAT(RTA_PROTOINFO), XLAT(RTA_FLOW), XLAT(RTA_CACHEINFO),
	XLAT(RTA_SESSION), XLAT(RTA_MP_ALGO), XLAT(RTA_TABLE),
	XLAT(RTA_MARK), XLAT(RTA_MFC_STATS), XLAT(RTA_VIA), XLAT(RTA_NEWDST),
	XLAT(RTA_PREF), XLAT(RTA_ENCAP_TYPE), XLAT(RTA_ENCAP),
	XLAT(RTA_EXPIRES), XLAT(RTA_PAD), XLAT(RTA_UID),
	XLAT(RTA_TTL_PROPAGATE), XLAT(RTA_IP_PROTO), XLAT(RTA_SPORT),
	XLAT(RTA_DPORT), XLAT(RTA_NH_ID));

XLAT_TABLE(nda_attrs, "NDA_???",
	XLAT(NDA_UNSPEC), XLAT(NDA_DST), XLAT(NDA_LLADDR),
	XLAT(NDA_CACHEINFO), XLAT(NDA_PROBES), XLAT(NDA_VLAN),
	XLAT(NDA_PORT), XLAT(NDA_VNI), XLAT(NDA_IFINDEX), XLAT(NDA_MASTER),
	XLAT(NDA_LINK_NETNSID), XLAT(NDA_SRC_VNI), XLAT(NDA_PROTOCOL),
	XLAT(NDA_NH_ID), XLAT(NDA_FDB_EXT_ATTRS), XLAT(NDA_FLAGS_EXT),
	XLAT(NDA_NDM_STATE_MASK), XLAT(NDA_NDM_FLAGS_MASK));

const struct xlat rt_tables_named = { rt_tables_data, ARRAY_SIZE(rt_tables_data),
					   "RT_TABLE_???" };

/* --- attributes -------------------------------------------------------- */

/* A link-layer address: 00:11:22:33:44:55. */
bool
nla_hwaddr(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned char a[32];

	(void)d;
	if (len > sizeof(a))
		return false;
	if (read_or_addr(f, a, addr, len))
		nl_hwaddr(f->b, a, len);
	return true;
}

static bool nla_vf_ports(struct fmt *f, uint64_t addr, unsigned len,
			 const void *d);
static bool nla_ifla_port(struct fmt *f, uint64_t addr, unsigned len,
			  const void *d);

static const nla_fn ifla_fns[] = {
	[IFLA_VF_PORTS] = nla_vf_ports,
	[IFLA_PORT_SELF] = nla_ifla_port,
	[IFLA_ADDRESS] = nla_hwaddr,
	[IFLA_BROADCAST] = nla_hwaddr,
	[IFLA_IFNAME] = nla_str,
	[IFLA_MTU] = nla_u32,
	[IFLA_LINK] = nla_u32,
	[IFLA_QDISC] = nla_str,
	[IFLA_COST] = nla_u32,
	[IFLA_PRIORITY] = nla_u32,
	[IFLA_MASTER] = nla_u32,
	[IFLA_TXQLEN] = nla_u32,
	[IFLA_WEIGHT] = nla_u32,
	[IFLA_OPERSTATE] = nla_u8,
	[IFLA_LINKMODE] = nla_u8,
	[IFLA_NET_NS_PID] = nla_u32,
	[IFLA_IFALIAS] = nla_str,
	[IFLA_NUM_VF] = nla_u32,
	[IFLA_PROMISCUITY] = nla_u32,
	[IFLA_NUM_TX_QUEUES] = nla_u32,
	[IFLA_NUM_RX_QUEUES] = nla_u32,
	[IFLA_CARRIER] = nla_u8,
	[IFLA_PHYS_PORT_ID] = NULL,
	[IFLA_CARRIER_CHANGES] = nla_u32,
	[IFLA_LINK_NETNSID] = nla_s32,
	[IFLA_PHYS_PORT_NAME] = nla_str,
	[IFLA_PROTO_DOWN] = nla_u8,
	[IFLA_GSO_MAX_SEGS] = nla_u32,
	[IFLA_GSO_MAX_SIZE] = nla_u32,
	[IFLA_IF_NETNSID] = nla_s32,
	[IFLA_CARRIER_UP_COUNT] = nla_u32,
	[IFLA_CARRIER_DOWN_COUNT] = nla_u32,
	[IFLA_NEW_IFINDEX] = nla_ifindex,
	[IFLA_MIN_MTU] = nla_u32,
	[IFLA_MAX_MTU] = nla_u32,
	[IFLA_ALT_IFNAME] = nla_str,
	[IFLA_XDP] = nla_ifla_xdp,
	[IFLA_PROTO_DOWN_REASON] = nla_ifla_proto_down_reason,
	[IFLA_PROTINFO] = nla_ifla_protinfo,
	[IFLA_AF_SPEC] = nla_ifla_af_spec,
	[IFLA_STATS] = nla_link_stats,
	[IFLA_STATS64] = nla_link_stats64,
	[IFLA_VFINFO_LIST] = nla_vfinfo_list,
	[IFLA_MAP] = nla_link_ifmap,
	[IFLA_EXT_MASK] = nla_ext_mask,
	[IFLA_EVENT] = nla_ifla_event,
	[IFLA_PROP_LIST] = nla_prop_list,
	[IFLA_LINKINFO] = nla_linkinfo,
	[IFLA_GROUP] = nla_u32,
	[IFLA_NET_NS_FD] = nla_fd,
	[IFLA_NEW_NETNSID] = nla_s32,
	[IFLA_PERM_ADDRESS] = nla_hwaddr,
	[IFLA_PARENT_DEV_NAME] = nla_str,
	[IFLA_PARENT_DEV_BUS_NAME] = nla_str,
	[IFLA_GRO_MAX_SIZE] = nla_u32,
	[IFLA_TSO_MAX_SIZE] = nla_u32,
	[IFLA_TSO_MAX_SEGS] = nla_u32,
	[IFLA_ALLMULTI] = nla_u32,
};

/* An address of the payload's family: ifa_family is the first byte of
   each struct that uses this. */
bool
nla_family_addr(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned char a[16];
	int af = *(const unsigned char *)d;
	unsigned need = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;

	if (!need || len < need) {
		nl_hex(f, addr, len);
		return true;
	}
	if (read_or_addr(f, a, addr, need))
		nl_inet_addr(f->b, af, a, need, NULL);
	return true;
}

static bool
nla_ifa_cacheinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifa_cacheinfo c;

	(void)d;
	if (len < sizeof(c))
		return false;
	if (read_or_addr(f, &c, addr, sizeof(c)))
		pb_printf(f->b, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, "
			  "tstamp=%u}", c.ifa_prefered, c.ifa_valid, c.cstamp,
			  c.tstamp);
	return true;
}

static bool
nla_ifa_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &ifa_flags, 4);
}

static const nla_fn ifa_fns[] = {
	[IFA_ADDRESS] = nla_family_addr,
	[IFA_LOCAL] = nla_family_addr,
	[IFA_LABEL] = nla_str,
	[IFA_BROADCAST] = nla_family_addr,
	[IFA_ANYCAST] = nla_family_addr,
	[IFA_CACHEINFO] = nla_ifa_cacheinfo,
	[IFA_MULTICAST] = nla_family_addr,
	[IFA_FLAGS] = nla_ifa_flags,
	[IFA_RT_PRIORITY] = nla_u32,
	[IFA_TARGET_NETNSID] = nla_s32,
};

bool
nla_rt_table(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &rt_tables, v, false);
	return true;
}

static bool
nla_rta_cacheinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct rta_cacheinfo c;

	(void)d;
	if (len < sizeof(c))
		return false;
	if (read_or_addr(f, &c, addr, sizeof(c)))
		pb_printf(f->b, "{rta_clntref=%u, rta_lastuse=%u, "
			  "rta_expires=%u, rta_error=%u, rta_used=%u, "
			  "rta_id=%#x, rta_ts=%u, rta_tsage=%u}", c.rta_clntref,
			  c.rta_lastuse, c.rta_expires, c.rta_error, c.rta_used,
			  c.rta_id, c.rta_ts, c.rta_tsage);
	return true;
}

static bool nla_multipath(struct fmt *f, uint64_t addr, unsigned len,
			  const void *d);

static const nla_fn rta_fns[] = {
	[RTA_MULTIPATH] = nla_multipath,
	[RTA_DST] = nla_family_addr,
	[RTA_SRC] = nla_family_addr,
	[RTA_IIF] = nla_ifindex,
	[RTA_OIF] = nla_ifindex,
	[RTA_GATEWAY] = nla_family_addr,
	[RTA_PRIORITY] = nla_u32,
	[RTA_PREFSRC] = nla_family_addr,
	[RTA_METRICS] = nla_rta_metrics,
	[RTA_PROTOINFO] = nla_u32,
	[RTA_FLOW] = nla_u32,
	[RTA_CACHEINFO] = nla_rta_cacheinfo,
	[RTA_MP_ALGO] = nla_u32,
	[RTA_TABLE] = nla_rt_table,
	[RTA_MARK] = nla_u32,
	[RTA_MFC_STATS] = nla_mfc_stats,
	[RTA_VIA] = nla_rtvia,
	[RTA_NEWDST] = nla_family_addr,
	[RTA_PREF] = nla_u8,
	[RTA_ENCAP_TYPE] = nla_encap_type,
	[RTA_EXPIRES] = nla_u64,
	[RTA_UID] = nla_u32,
	[RTA_TTL_PROPAGATE] = nla_u8,
	[RTA_IP_PROTO] = nla_u8,
	[RTA_SPORT] = nla_u16,
	[RTA_DPORT] = nla_u16,
};

/* RTA_MULTIPATH: next hops, each a struct rtnexthop and its attributes.
   A next hop of length 0 ends the list (strace would print it for
   ever). */
static bool
nla_multipath(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	const unsigned hdr = RTNH_ALIGN(sizeof(struct rtnexthop));
	uint64_t cur = addr, left = len;
	bool list = false;
	struct rtnexthop nh;

	if (len < sizeof(nh))
		return false;
	while (read_or_addr(f, &nh, cur, sizeof(nh))) {
		unsigned nlen = nh.rtnh_len < left ? nh.rtnh_len : (unsigned)left;
		unsigned step = RTNH_ALIGN(nlen);

		if (cur == addr && nh.rtnh_len < len) {
			pb_putc(f->b, '[');
			list = true;
		}
		if (cur > addr)
			pb_puts(f->b, ", ");
		if (nlen > hdr)
			pb_putc(f->b, '[');
		pb_printf(f->b, "{rtnh_len=%u, rtnh_flags=", nh.rtnh_len);
		print_flags(f->b, &rtnh_flags, nh.rtnh_flags);
		pb_printf(f->b, ", rtnh_hops=%u, rtnh_ifindex=", nh.rtnh_hops);
		nl_ifindex(f->b, (uint32_t)nh.rtnh_ifindex);
		pb_putc(f->b, '}');
		if (nlen > hdr) {
			pb_puts(f->b, ", ");
			nl_attrs(f, cur + hdr, nlen - hdr, &rta_attrs, rta_fns,
				 ARRAY_SIZE(rta_fns), d);
			pb_putc(f->b, ']');
		}
		if (step >= left || !step)
			break;
		cur += step;
		left -= step;
	}
	if (list)
		pb_putc(f->b, ']');
	return true;
}

XLAT_TABLE(nfea_attrs, "NFEA_???",
	XLAT_PAIR(0, "NFEA_UNSPEC"), XLAT_PAIR(1, "NFEA_ACTIVITY_NOTIFY"),
	XLAT_PAIR(2, "NFEA_DONT_REFRESH"));

XLAT_TABLE(fdb_notify_flags, "FDB_NOTIFY_???",
	XLAT_PAIR((1 << 0), "FDB_NOTIFY_BIT"),
	XLAT_PAIR((1 << 1), "FDB_NOTIFY_INACTIVE_BIT"));

XLAT_TABLE(ntf_ext_flags, "NTF_EXT_???",
	XLAT_PAIR((1 << 0), "NTF_EXT_MANAGED"));

XLAT_TABLE(ifla_port_attrs, "IFLA_VF_PORT_???",
	XLAT(IFLA_PORT_UNSPEC), XLAT(IFLA_PORT_VF), XLAT(IFLA_PORT_PROFILE),
	XLAT(IFLA_PORT_VSI_TYPE), XLAT(IFLA_PORT_INSTANCE_UUID),
	XLAT(IFLA_PORT_HOST_UUID), XLAT(IFLA_PORT_REQUEST),
	XLAT(IFLA_PORT_RESPONSE));

XLAT_TABLE(ifla_vf_port_attrs, "IFLA_VF_PORT_???",
	XLAT(IFLA_VF_PORT_UNSPEC), XLAT(IFLA_VF_PORT));


static bool
nla_fdb_notify(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &fdb_notify_flags, 1);
}

static const nla_fn nfea_fns[] = {
	[NFEA_ACTIVITY_NOTIFY] = nla_fdb_notify,
};

static NLA_NESTED(nla_fdb_ext, nfea_attrs, nfea_fns)

static bool
nla_ntf_ext(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &ntf_ext_flags, 4);
}

static bool
nla_nud_mask(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &nud_states, 2);
}

static bool
nla_ntf_mask(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &ntf_flags, 1);
}

static bool
nla_port_vsi(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_port_vsi v;
	size_t i;
	bool pad = false;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return true;
	pb_printf(f->b, "{vsi_mgr_id=%u, vsi_type_id=", v.vsi_mgr_id);
	pb_quote(f->b, v.vsi_type_id, sizeof(v.vsi_type_id), 0,
		 QUOTE_FORCE_HEX);
	pb_printf(f->b, ", vsi_type_version=%u", v.vsi_type_version);
	for (i = 0; i < sizeof(v.pad); i++)
		pad |= v.pad[i] != 0;
	if (pad) {
		pb_puts(f->b, ", pad=");
		pb_quote(f->b, v.pad, sizeof(v.pad), 0, QUOTE_FORCE_HEX);
	}
	pb_putc(f->b, '}');
	return true;
}

static const nla_fn ifla_port_fns[] = {
	[IFLA_PORT_VF] = nla_u32,
	[IFLA_PORT_PROFILE] = nla_str,
	[IFLA_PORT_VSI_TYPE] = nla_port_vsi,
	[IFLA_PORT_REQUEST] = nla_u8,
	[IFLA_PORT_RESPONSE] = nla_u16,
};

static NLA_NESTED(nla_ifla_port, ifla_port_attrs, ifla_port_fns)

static const nla_fn ifla_vf_port_fns[] = {
	[IFLA_VF_PORT] = nla_ifla_port,
};

static NLA_NESTED(nla_vf_ports, ifla_vf_port_attrs, ifla_vf_port_fns)

static bool
nla_nda_cacheinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct nda_cacheinfo c;

	(void)d;
	if (len < sizeof(c))
		return false;
	if (read_or_addr(f, &c, addr, sizeof(c)))
		pb_printf(f->b, "{ndm_confirmed=%u, ndm_used=%u, "
			  "ndm_updated=%u, ndm_refcnt=%u}", c.ndm_confirmed,
			  c.ndm_used, c.ndm_updated, c.ndm_refcnt);
	return true;
}

static const nla_fn nda_fns[] = {
	[NDA_DST] = nla_family_addr,
	[NDA_LLADDR] = nla_hwaddr,
	[NDA_CACHEINFO] = nla_nda_cacheinfo,
	[NDA_PROBES] = nla_u32,
	[NDA_VLAN] = nla_u16,
	[NDA_PORT] = nla_be16,
	[NDA_VNI] = nla_u32,
	[NDA_IFINDEX] = nla_ifindex,
	[NDA_MASTER] = nla_ifindex,
	[NDA_LINK_NETNSID] = nla_u32,
	[NDA_SRC_VNI] = nla_u32,
	[NDA_PROTOCOL] = nla_ip_proto,
	[NDA_NH_ID] = nla_u32,
	[NDA_FDB_EXT_ATTRS] = nla_fdb_ext,
	[NDA_FLAGS_EXT] = nla_ntf_ext,
	[NDA_NDM_STATE_MASK] = nla_nud_mask,
	[NDA_NDM_FLAGS_MASK] = nla_ntf_mask,
};

/* --- structs ----------------------------------------------------------- */

#define S(st) sizeof(struct st)
#define F(st, field, kind, x) NLF(struct st, field, kind, x)
#define DEC(a) a, ARRAY_SIZE(a)

static const struct nl_field ifinfomsg_f[] = {
	F(ifinfomsg, ifi_family, NLF_XVAL, &sock_families),
	F(ifinfomsg, ifi_type, NLF_XVAL, &arphrd_types),
	F(ifinfomsg, ifi_index, NLF_IFINDEX, NULL),
	F(ifinfomsg, ifi_flags, NLF_FLAGS, &iff_flags),
	F(ifinfomsg, ifi_change, NLF_X, NULL),
};
static const struct nl_struct ifinfomsg_s = {
	S(ifinfomsg), DEC(ifinfomsg_f), &ifla_attrs, DEC(ifla_fns)
};

static const struct nl_field ifaddrmsg_f[] = {
	F(ifaddrmsg, ifa_family, NLF_XVAL, &sock_families),
	F(ifaddrmsg, ifa_prefixlen, NLF_U, NULL),
	F(ifaddrmsg, ifa_flags, NLF_FLAGS, &ifa_flags),
	F(ifaddrmsg, ifa_scope, NLF_XVAL, &rt_scopes),
	F(ifaddrmsg, ifa_index, NLF_IFINDEX, NULL),
};
static const struct nl_struct ifaddrmsg_s = {
	S(ifaddrmsg), DEC(ifaddrmsg_f), &ifa_attrs, DEC(ifa_fns)
};

static const struct nl_field rtmsg_f[] = {
	F(rtmsg, rtm_family, NLF_XVAL, &sock_families),
	F(rtmsg, rtm_dst_len, NLF_U, NULL),
	F(rtmsg, rtm_src_len, NLF_U, NULL),
	F(rtmsg, rtm_tos, NLF_FLAGS, &iptos),
	F(rtmsg, rtm_table, NLF_XVAL, &rt_tables),
	F(rtmsg, rtm_protocol, NLF_XVAL, &rt_protocols),
	F(rtmsg, rtm_scope, NLF_XVAL, &rt_scopes),
	F(rtmsg, rtm_type, NLF_XVAL, &rt_types),
	F(rtmsg, rtm_flags, NLF_FLAGS, &rtm_flags),
};
static const struct nl_struct rtmsg_s = {
	S(rtmsg), DEC(rtmsg_f), &rta_attrs, DEC(rta_fns)
};

static const struct nl_field ndmsg_f[] = {
	F(ndmsg, ndm_family, NLF_XVAL, &sock_families),
	F(ndmsg, ndm_ifindex, NLF_IFINDEX, NULL),
	F(ndmsg, ndm_state, NLF_FLAGS, &nud_states),
	F(ndmsg, ndm_flags, NLF_FLAGS, &ntf_flags),
	F(ndmsg, ndm_type, NLF_XVAL, &rt_types),
};
static const struct nl_struct ndmsg_s = {
	S(ndmsg), DEC(ndmsg_f), &nda_attrs, DEC(nda_fns)
};

/* The struct of each message type, by type - RTM_BASE. */
static const struct nl_struct *
route_struct(uint16_t type, uint8_t family)
{
	switch (type) {
	case RTM_NEWLINK: case RTM_DELLINK: case RTM_GETLINK: case RTM_SETLINK:
		return &ifinfomsg_s;
	case RTM_NEWADDR: case RTM_DELADDR: case RTM_GETADDR:
	case RTM_GETMULTICAST: case RTM_GETANYCAST:
		return &ifaddrmsg_s;
	case RTM_NEWROUTE: case RTM_DELROUTE: case RTM_GETROUTE:
		return &rtmsg_s;
	case RTM_GETNEIGH:
		return family == AF_BRIDGE ? &ifinfomsg_s : &ndmsg_s;
	case RTM_NEWNEIGH: case RTM_DELNEIGH:
		return &ndmsg_s;
	}
	return NULL;
}

bool
nl_route_payload(struct fmt *f, const struct nlmsghdr *h, uint64_t addr,
		 unsigned len)
{
	const struct nl_struct *s;
	uint64_t buf[32];
	uint8_t family;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (!read_or_addr(f, &family, addr, 1))
		return true;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &family, 1);
	if (h->nlmsg_type == RTM_NEWCACHEREPORT) {
		rtnl_cachereport(f, family, addr, len);
		return true;
	}
	s = route_struct(h->nlmsg_type, family);
	if (!s)
		s = rtnl_other_struct(h->nlmsg_type);
	if (s && s->size <= sizeof(buf)) {
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
