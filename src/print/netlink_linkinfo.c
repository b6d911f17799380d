/* SPDX-License-Identifier: MIT */
/*
 * netlink_linkinfo.c: IFLA_LINKINFO as strace 6.1 prints it. Its
 * IFLA_INFO_KIND (and IFLA_INFO_SLAVE_KIND) names the driver, and the
 * driver decides what IFLA_INFO_DATA, IFLA_INFO_XSTATS (and
 * IFLA_INFO_SLAVE_DATA) hold: a bridge's IFLA_BR_* attributes, a tun
 * device's IFLA_TUN_*, a CAN device's error counters, a bridge port's
 * IFLA_BRPORT_*. Other kinds' data print as hex.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "netlink.h"

/* The kinds seen so far in one IFLA_LINKINFO walk (the walk's data). */
struct linkinfo_ctx {
	char kind[64];
	char slave_kind[64];
};

/* Note the kind: only a string NUL-terminated within len bytes counts
   (as strace), then print the attribute as a string. */
static bool
note_kind(struct fmt *f, uint64_t addr, unsigned len, char *out, size_t sz)
{
	memset(out, 0, sz);
	if (len < sz && (!len || !read_mem(f, out, addr, len) ||
			 strnlen(out, sz) >= len))
		out[0] = '\0';
	return nla_str(f, addr, len, NULL);
}

static bool
info_kind(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct linkinfo_ctx *c = (struct linkinfo_ctx *)(uintptr_t)d;

	return note_kind(f, addr, len, c->kind, sizeof(c->kind));
}

static bool
info_slave_kind(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct linkinfo_ctx *c = (struct linkinfo_ctx *)(uintptr_t)d;

	return note_kind(f, addr, len, c->slave_kind, sizeof(c->slave_kind));
}

/* --- kind "bridge" ----------------------------------------------------- */

XLAT_TABLE(br_boolopt_flags, "1<<BR_BOOLOPT_???",
	   XLAT_PAIR(1 << BR_BOOLOPT_NO_LL_LEARN, "1<<BR_BOOLOPT_NO_LL_LEARN"),
	   XLAT_PAIR(1 << BR_BOOLOPT_MCAST_VLAN_SNOOPING,
		     "1<<BR_BOOLOPT_MCAST_VLAN_SNOOPING"),
	   XLAT_PAIR(1 << BR_BOOLOPT_MST_ENABLE, "1<<BR_BOOLOPT_MST_ENABLE"));

static bool
br_boolopt(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct br_boolopt_multi b;

	(void)d;
	if (len < sizeof(b))
		return false;
	if (!read_or_addr(f, &b, addr, sizeof(b)))
		return true;
	pb_puts(f->b, "{optval=");
	print_flags(f->b, &br_boolopt_flags, b.optval);
	pb_puts(f->b, ", optmask=");
	print_flags(f->b, &br_boolopt_flags, b.optmask);
	pb_putc(f->b, '}');
	return true;
}

XLAT_TABLE(br_querier_attrs, "BRIDGE_QUERIER_???",
	   XLAT(BRIDGE_QUERIER_UNSPEC), XLAT(BRIDGE_QUERIER_IP_ADDRESS),
	   XLAT(BRIDGE_QUERIER_IP_PORT), XLAT(BRIDGE_QUERIER_IP_OTHER_TIMER),
	   XLAT(BRIDGE_QUERIER_PAD), XLAT(BRIDGE_QUERIER_IPV6_ADDRESS),
	   XLAT(BRIDGE_QUERIER_IPV6_PORT),
	   XLAT(BRIDGE_QUERIER_IPV6_OTHER_TIMER));
static const nla_fn br_querier_fns[] = {
	[BRIDGE_QUERIER_IP_ADDRESS] = nla_in_addr,
	[BRIDGE_QUERIER_IP_PORT] = nla_ifindex,
	[BRIDGE_QUERIER_IP_OTHER_TIMER] = nla_clock_t,
	[BRIDGE_QUERIER_IPV6_ADDRESS] = nla_in6_addr,
	[BRIDGE_QUERIER_IPV6_PORT] = nla_ifindex,
	[BRIDGE_QUERIER_IPV6_OTHER_TIMER] = nla_clock_t,
};

static NLA_NESTED(br_querier_state, br_querier_attrs, br_querier_fns)

/* An ethertype in network order, htons(ETH_P_IP), of 2 bytes. */
static bool
ether_proto(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct xlat x = eth_protocols;
	uint16_t v;

	(void)d;
	if (len > sizeof(uint64_t) || len < sizeof(v))
		return false;
	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return true;
	x.unknown = "ETHER_P_???"; /* as strace names it here */
	pb_puts(f->b, "htons(");
	print_xval(f->b, &x, ntohs(v), false);
	pb_putc(f->b, ')');
	return true;
}

XLAT_TABLE(br_attrs, "IFLA_BR_???",
	   XLAT(IFLA_BR_UNSPEC), XLAT(IFLA_BR_FORWARD_DELAY),
	   XLAT(IFLA_BR_HELLO_TIME), XLAT(IFLA_BR_MAX_AGE),
	   XLAT(IFLA_BR_AGEING_TIME), XLAT(IFLA_BR_STP_STATE),
	   XLAT(IFLA_BR_PRIORITY), XLAT(IFLA_BR_VLAN_FILTERING),
	   XLAT(IFLA_BR_VLAN_PROTOCOL), XLAT(IFLA_BR_GROUP_FWD_MASK),
	   XLAT(IFLA_BR_ROOT_ID), XLAT(IFLA_BR_BRIDGE_ID),
	   XLAT(IFLA_BR_ROOT_PORT), XLAT(IFLA_BR_ROOT_PATH_COST),
	   XLAT(IFLA_BR_TOPOLOGY_CHANGE),
	   XLAT(IFLA_BR_TOPOLOGY_CHANGE_DETECTED), XLAT(IFLA_BR_HELLO_TIMER),
	   XLAT(IFLA_BR_TCN_TIMER), XLAT(IFLA_BR_TOPOLOGY_CHANGE_TIMER),
	   XLAT(IFLA_BR_GC_TIMER), XLAT(IFLA_BR_GROUP_ADDR),
	   XLAT(IFLA_BR_FDB_FLUSH), XLAT(IFLA_BR_MCAST_ROUTER),
	   XLAT(IFLA_BR_MCAST_SNOOPING), XLAT(IFLA_BR_MCAST_QUERY_USE_IFADDR),
	   XLAT(IFLA_BR_MCAST_QUERIER), XLAT(IFLA_BR_MCAST_HASH_ELASTICITY),
	   XLAT(IFLA_BR_MCAST_HASH_MAX), XLAT(IFLA_BR_MCAST_LAST_MEMBER_CNT),
	   XLAT(IFLA_BR_MCAST_STARTUP_QUERY_CNT),
	   XLAT(IFLA_BR_MCAST_LAST_MEMBER_INTVL),
	   XLAT(IFLA_BR_MCAST_MEMBERSHIP_INTVL),
	   XLAT(IFLA_BR_MCAST_QUERIER_INTVL), XLAT(IFLA_BR_MCAST_QUERY_INTVL),
	   XLAT(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL),
	   XLAT(IFLA_BR_MCAST_STARTUP_QUERY_INTVL),
	   XLAT(IFLA_BR_NF_CALL_IPTABLES), XLAT(IFLA_BR_NF_CALL_IP6TABLES),
	   XLAT(IFLA_BR_NF_CALL_ARPTABLES), XLAT(IFLA_BR_VLAN_DEFAULT_PVID),
	   XLAT(IFLA_BR_PAD), XLAT(IFLA_BR_VLAN_STATS_ENABLED),
	   XLAT(IFLA_BR_MCAST_STATS_ENABLED), XLAT(IFLA_BR_MCAST_IGMP_VERSION),
	   XLAT(IFLA_BR_MCAST_MLD_VERSION), XLAT(IFLA_BR_VLAN_STATS_PER_PORT),
	   XLAT(IFLA_BR_MULTI_BOOLOPT), XLAT(IFLA_BR_MCAST_QUERIER_STATE));
static const nla_fn br_fns[] = {
	[IFLA_BR_FORWARD_DELAY] = nla_clock_t,
	[IFLA_BR_HELLO_TIME] = nla_clock_t,
	[IFLA_BR_MAX_AGE] = nla_clock_t,
	[IFLA_BR_AGEING_TIME] = nla_clock_t,
	[IFLA_BR_STP_STATE] = nla_u32,
	[IFLA_BR_PRIORITY] = nla_u16,
	[IFLA_BR_VLAN_FILTERING] = nla_u8,
	[IFLA_BR_VLAN_PROTOCOL] = ether_proto,
	[IFLA_BR_GROUP_FWD_MASK] = nla_x16,
	[IFLA_BR_ROOT_ID] = nla_bridge_id,
	[IFLA_BR_BRIDGE_ID] = nla_bridge_id,
	[IFLA_BR_ROOT_PORT] = nla_u16,
	[IFLA_BR_ROOT_PATH_COST] = nla_u32,
	[IFLA_BR_TOPOLOGY_CHANGE] = nla_u8,
	[IFLA_BR_TOPOLOGY_CHANGE_DETECTED] = nla_u8,
	[IFLA_BR_HELLO_TIMER] = nla_clock_t,
	[IFLA_BR_TCN_TIMER] = nla_clock_t,
	[IFLA_BR_TOPOLOGY_CHANGE_TIMER] = nla_clock_t,
	[IFLA_BR_GC_TIMER] = nla_clock_t,
	[IFLA_BR_GROUP_ADDR] = nla_hwaddr,
	[IFLA_BR_MCAST_ROUTER] = nla_u8,
	[IFLA_BR_MCAST_SNOOPING] = nla_u8,
	[IFLA_BR_MCAST_QUERY_USE_IFADDR] = nla_u8,
	[IFLA_BR_MCAST_QUERIER] = nla_u8,
	[IFLA_BR_MCAST_HASH_ELASTICITY] = nla_u32,
	[IFLA_BR_MCAST_HASH_MAX] = nla_u32,
	[IFLA_BR_MCAST_LAST_MEMBER_CNT] = nla_u32,
	[IFLA_BR_MCAST_STARTUP_QUERY_CNT] = nla_u32,
	[IFLA_BR_MCAST_LAST_MEMBER_INTVL] = nla_clock_t,
	[IFLA_BR_MCAST_MEMBERSHIP_INTVL] = nla_clock_t,
	[IFLA_BR_MCAST_QUERIER_INTVL] = nla_clock_t,
	[IFLA_BR_MCAST_QUERY_INTVL] = nla_clock_t,
	[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL] = nla_clock_t,
	[IFLA_BR_MCAST_STARTUP_QUERY_INTVL] = nla_clock_t,
	[IFLA_BR_NF_CALL_IPTABLES] = nla_u8,
	[IFLA_BR_NF_CALL_IP6TABLES] = nla_u8,
	[IFLA_BR_NF_CALL_ARPTABLES] = nla_u8,
	[IFLA_BR_VLAN_DEFAULT_PVID] = nla_u16,
	[IFLA_BR_VLAN_STATS_ENABLED] = nla_u8,
	[IFLA_BR_MCAST_STATS_ENABLED] = nla_u8,
	[IFLA_BR_MCAST_IGMP_VERSION] = nla_u8,
	[IFLA_BR_MCAST_MLD_VERSION] = nla_u8,
	[IFLA_BR_VLAN_STATS_PER_PORT] = nla_u8,
	[IFLA_BR_MULTI_BOOLOPT] = br_boolopt,
	[IFLA_BR_MCAST_QUERIER_STATE] = br_querier_state,
};

/* --- kind "tun" -------------------------------------------------------- */

XLAT_TABLE(tun_types, "IFF_???", XLAT_PAIR(1, "IFF_TUN"),
	   XLAT_PAIR(2, "IFF_TAP"));

static bool
tun_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_xval_n(f, addr, len, &tun_types, 1);
}

XLAT_TABLE(tun_attrs, "IFLA_TUN_???",
	   XLAT(IFLA_TUN_UNSPEC), XLAT(IFLA_TUN_OWNER), XLAT(IFLA_TUN_GROUP),
	   XLAT(IFLA_TUN_TYPE), XLAT(IFLA_TUN_PI), XLAT(IFLA_TUN_VNET_HDR),
	   XLAT(IFLA_TUN_PERSIST), XLAT(IFLA_TUN_MULTI_QUEUE),
	   XLAT(IFLA_TUN_NUM_QUEUES), XLAT(IFLA_TUN_NUM_DISABLED_QUEUES));
static const nla_fn tun_fns[] = {
	[IFLA_TUN_OWNER] = nla_uid,
	[IFLA_TUN_GROUP] = nla_uid, /* a gid prints the same way */
	[IFLA_TUN_TYPE] = tun_type,
	[IFLA_TUN_PI] = nla_u8,
	[IFLA_TUN_VNET_HDR] = nla_u8,
	[IFLA_TUN_PERSIST] = nla_u8,
	[IFLA_TUN_MULTI_QUEUE] = nla_u8,
	[IFLA_TUN_NUM_QUEUES] = nla_u32,
	[IFLA_TUN_NUM_DISABLED_QUEUES] = nla_u32,
};

/* --- kind "can": struct can_device_stats ------------------------------ */

static bool
can_xstats(struct fmt *f, uint64_t addr, unsigned len)
{
	uint32_t s[6];

	if (len < sizeof(s))
		return false;
	if (read_or_addr(f, s, addr, sizeof(s)))
		pb_printf(f->b, "{bus_error=%u, error_warning=%u, "
			  "error_passive=%u, bus_off=%u, arbitration_lost=%u, "
			  "restarts=%u}", s[0], s[1], s[2], s[3], s[4], s[5]);
	return true;
}

/* --- the walk ---------------------------------------------------------- */

static bool
info_data(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	const struct linkinfo_ctx *c = d;

	if (!strcmp(c->kind, "bridge"))
		nl_attrs(f, addr, len, &br_attrs, br_fns, ARRAY_SIZE(br_fns),
			 d);
	else if (!strcmp(c->kind, "tun"))
		nl_attrs(f, addr, len, &tun_attrs, tun_fns,
			 ARRAY_SIZE(tun_fns), d);
	else
		return false;
	return true;
}

static bool
info_xstats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	const struct linkinfo_ctx *c = d;

	return !strcmp(c->kind, "can") && can_xstats(f, addr, len);
}

static bool
info_slave_data(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	const struct linkinfo_ctx *c = d;

	if (strcmp(c->slave_kind, "bridge"))
		return false;
	nl_attrs(f, addr, len, &ifla_brport_attrs, ifla_brport_fns,
		 BRPORT_FNS_N, d);
	return true;
}

XLAT_TABLE(ifla_info_attrs, "IFLA_INFO_???",
	   XLAT(IFLA_INFO_UNSPEC), XLAT(IFLA_INFO_KIND), XLAT(IFLA_INFO_DATA),
	   XLAT(IFLA_INFO_XSTATS), XLAT(IFLA_INFO_SLAVE_KIND),
	   XLAT(IFLA_INFO_SLAVE_DATA));
static const nla_fn ifla_info_fns[] = {
	[IFLA_INFO_KIND] = info_kind,
	[IFLA_INFO_DATA] = info_data,
	[IFLA_INFO_XSTATS] = info_xstats,
	[IFLA_INFO_SLAVE_KIND] = info_slave_kind,
	[IFLA_INFO_SLAVE_DATA] = info_slave_data,
};

bool
nla_linkinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct linkinfo_ctx c;

	(void)d;
	memset(&c, 0, sizeof(c));
	nl_attrs(f, addr, len, &ifla_info_attrs, ifla_info_fns,
		 ARRAY_SIZE(ifla_info_fns), &c);
	return true;
}
