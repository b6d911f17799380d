/* SPDX-License-Identifier: MIT */
/*
 * netlink_rtnl.c: the NETLINK_ROUTE message types beyond links,
 * addresses, routes and neighbours (netlink_route.c): rules, traffic
 * control, neighbour tables, address labels, DCB, netconf, multicast
 * database, namespace ids, statistics, next hops. Each is its struct
 * and its attributes.
 */
#define _GNU_SOURCE
#include <linux/dcbnl.h>
#include <linux/fib_rules.h>
#include <linux/if_addrlabel.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <netinet/ip.h>
#include <arpa/inet.h>
#include <endian.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

XLAT_TABLE(fr_actions, "FR_ACT_???",
	XLAT(FR_ACT_UNSPEC), XLAT(FR_ACT_TO_TBL), XLAT(FR_ACT_GOTO),
	XLAT(FR_ACT_NOP), XLAT(FR_ACT_RES3), XLAT(FR_ACT_RES4),
	XLAT(FR_ACT_BLACKHOLE), XLAT(FR_ACT_UNREACHABLE),
	XLAT(FR_ACT_PROHIBIT));

XLAT_TABLE(fr_flags, "FIB_RULE_???",
	XLAT(FIB_RULE_PERMANENT), XLAT(FIB_RULE_INVERT),
	XLAT(FIB_RULE_UNRESOLVED), XLAT(FIB_RULE_IIF_DETACHED),
	XLAT(FIB_RULE_OIF_DETACHED), XLAT(FIB_RULE_FIND_SADDR));

XLAT_TABLE(fra_attrs, "FRA_???",
	XLAT(FRA_UNSPEC), XLAT(FRA_DST), XLAT(FRA_SRC), XLAT(FRA_IIFNAME),
	XLAT(FRA_GOTO), XLAT(FRA_UNUSED2), XLAT(FRA_PRIORITY),
	XLAT(FRA_UNUSED3), XLAT(FRA_UNUSED4), XLAT(FRA_UNUSED5),
	XLAT(FRA_FWMARK), XLAT(FRA_FLOW), XLAT(FRA_TUN_ID),
	XLAT(FRA_SUPPRESS_IFGROUP), XLAT(FRA_SUPPRESS_PREFIXLEN),
	XLAT(FRA_TABLE), XLAT(FRA_FWMASK), XLAT(FRA_OIFNAME), XLAT(FRA_PAD),
	XLAT(FRA_L3MDEV), XLAT(FRA_UID_RANGE), XLAT(FRA_PROTOCOL),
	XLAT(FRA_IP_PROTO), XLAT(FRA_SPORT_RANGE), XLAT(FRA_DPORT_RANGE));

XLAT_TABLE(tca_attrs, "TCA_???",
	XLAT(TCA_UNSPEC), XLAT(TCA_KIND), XLAT(TCA_OPTIONS), XLAT(TCA_STATS),
	XLAT(TCA_XSTATS), XLAT(TCA_RATE), XLAT(TCA_FCNT), XLAT(TCA_STATS2),
	XLAT(TCA_STAB), XLAT(TCA_PAD), XLAT(TCA_DUMP_INVISIBLE),
	XLAT(TCA_CHAIN), XLAT(TCA_HW_OFFLOAD), XLAT(TCA_INGRESS_BLOCK),
	XLAT(TCA_EGRESS_BLOCK), XLAT(TCA_DUMP_FLAGS));

XLAT_TABLE(tca_act_attrs, "TCA_ACT_???",
	XLAT_PAIR(0, "TCA_ACT_UNSPEC"), XLAT_PAIR(1, "TCA_ACT_KIND"),
	XLAT_PAIR(2, "TCA_ACT_OPTIONS"), XLAT_PAIR(3, "TCA_ACT_INDEX"),
	XLAT_PAIR(4, "TCA_ACT_STATS"), XLAT_PAIR(5, "TCA_ACT_PAD"),
	XLAT_PAIR(6, "TCA_ACT_COOKIE"), XLAT_PAIR(7, "TCA_ACT_FLAGS"),
	XLAT_PAIR(8, "TCA_ACT_HW_STATS"),
	XLAT_PAIR(9, "TCA_ACT_USED_HW_STATS"),
	XLAT_PAIR(10, "TCA_ACT_IN_HW_COUNT"));

XLAT_TABLE(ndta_attrs, "NDTA_???",
	XLAT_PAIR(0, "NDTA_UNSPEC"), XLAT_PAIR(1, "NDTA_NAME"),
	XLAT_PAIR(2, "NDTA_THRESH1"), XLAT_PAIR(3, "NDTA_THRESH2"),
	XLAT_PAIR(4, "NDTA_THRESH3"), XLAT_PAIR(5, "NDTA_CONFIG"),
	XLAT_PAIR(6, "NDTA_PARMS"), XLAT_PAIR(7, "NDTA_STATS"),
	XLAT_PAIR(8, "NDTA_GC_INTERVAL"), XLAT_PAIR(9, "NDTA_PAD"));

XLAT_TABLE(ifal_attrs, "IFAL_???",
	XLAT(IFAL_ADDRESS), XLAT(IFAL_LABEL));

XLAT_TABLE(dcb_cmds, "DCB_CMD_???",
	XLAT(DCB_CMD_UNDEFINED), XLAT(DCB_CMD_GSTATE), XLAT(DCB_CMD_SSTATE),
	XLAT(DCB_CMD_PGTX_GCFG), XLAT(DCB_CMD_PGTX_SCFG),
	XLAT(DCB_CMD_PGRX_GCFG), XLAT(DCB_CMD_PGRX_SCFG),
	XLAT(DCB_CMD_PFC_GCFG), XLAT(DCB_CMD_PFC_SCFG),
	XLAT(DCB_CMD_SET_ALL), XLAT(DCB_CMD_GPERM_HWADDR),
	XLAT(DCB_CMD_GCAP), XLAT(DCB_CMD_GNUMTCS), XLAT(DCB_CMD_SNUMTCS),
	XLAT(DCB_CMD_PFC_GSTATE), XLAT(DCB_CMD_PFC_SSTATE),
	XLAT(DCB_CMD_BCN_GCFG), XLAT(DCB_CMD_BCN_SCFG), XLAT(DCB_CMD_GAPP),
	XLAT(DCB_CMD_SAPP), XLAT(DCB_CMD_IEEE_SET), XLAT(DCB_CMD_IEEE_GET),
	XLAT(DCB_CMD_GDCBX), XLAT(DCB_CMD_SDCBX), XLAT(DCB_CMD_GFEATCFG),
	XLAT(DCB_CMD_SFEATCFG), XLAT(DCB_CMD_CEE_GET), XLAT(DCB_CMD_IEEE_DEL));

XLAT_TABLE(dcb_attrs, "DCB_ATTR_???",
	XLAT(DCB_ATTR_UNDEFINED), XLAT(DCB_ATTR_IFNAME),
	XLAT(DCB_ATTR_STATE), XLAT(DCB_ATTR_PFC_STATE),
	XLAT(DCB_ATTR_PFC_CFG), XLAT(DCB_ATTR_NUM_TC), XLAT(DCB_ATTR_PG_CFG),
	XLAT(DCB_ATTR_SET_ALL), XLAT(DCB_ATTR_PERM_HWADDR),
	XLAT(DCB_ATTR_CAP), XLAT(DCB_ATTR_NUMTCS), XLAT(DCB_ATTR_BCN),
	XLAT(DCB_ATTR_APP), XLAT(DCB_ATTR_IEEE), XLAT(DCB_ATTR_DCBX),
	XLAT(DCB_ATTR_FEATCFG), XLAT(DCB_ATTR_CEE));

XLAT_TABLE(netconfa_attrs, "NETCONFA_???",
	XLAT(NETCONFA_UNSPEC), XLAT(NETCONFA_IFINDEX),
	XLAT(NETCONFA_FORWARDING), XLAT(NETCONFA_RP_FILTER),
	XLAT(NETCONFA_MC_FORWARDING), XLAT(NETCONFA_PROXY_NEIGH),
	XLAT(NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN), XLAT(NETCONFA_INPUT),
	XLAT(NETCONFA_BC_FORWARDING));

XLAT_TABLE(mdba_attrs, "MDBA_???",
	XLAT(MDBA_UNSPEC), XLAT(MDBA_MDB), XLAT(MDBA_ROUTER));

XLAT_TABLE(netnsa_attrs, "NETNSA_???",
	XLAT_PAIR(-1, "NETNSA_NSID_NOT_ASSIGNED"),
	XLAT_PAIR(0, "NETNSA_NONE"), XLAT_PAIR(1, "NETNSA_NSID"),
	XLAT_PAIR(2, "NETNSA_PID"), XLAT_PAIR(3, "NETNSA_FD"),
	XLAT_PAIR(4, "NETNSA_TARGET_NSID"),
	XLAT_PAIR(5, "NETNSA_CURRENT_NSID"));

XLAT_TABLE(ifstats_attrs, "IFLA_STATS_???",
	XLAT_PAIR(0, "IFLA_STATS_UNSPEC"),
	XLAT_PAIR(1, "IFLA_STATS_LINK_64"),
	XLAT_PAIR(2, "IFLA_STATS_LINK_XSTATS"),
	XLAT_PAIR(3, "IFLA_STATS_LINK_XSTATS_SLAVE"),
	XLAT_PAIR(4, "IFLA_STATS_LINK_OFFLOAD_XSTATS"),
	XLAT_PAIR(5, "IFLA_STATS_AF_SPEC"));

XLAT_TABLE(ifstats_flags, "1<<IFLA_STATS_???",
	XLAT(1<<IFLA_STATS_UNSPEC), XLAT(1<<IFLA_STATS_LINK_64),
	XLAT(1<<IFLA_STATS_LINK_XSTATS),
	XLAT(1<<IFLA_STATS_LINK_XSTATS_SLAVE),
	XLAT(1<<IFLA_STATS_LINK_OFFLOAD_XSTATS), XLAT(1<<IFLA_STATS_AF_SPEC));

XLAT_TABLE(rtnh_flags, "RTNH_F_???",
	XLAT(RTNH_F_DEAD), XLAT(RTNH_F_PERVASIVE), XLAT(RTNH_F_ONLINK),
	XLAT(RTNH_F_OFFLOAD), XLAT(RTNH_F_LINKDOWN), XLAT(RTNH_F_UNRESOLVED),
	XLAT(RTNH_F_TRAP));

XLAT_TABLE(nha_attrs, "NHA_???",
	XLAT_PAIR(0, "NHA_UNSPEC"), XLAT_PAIR(1, "NHA_ID"),
	XLAT_PAIR(2, "NHA_GROUP"), XLAT_PAIR(3, "NHA_GROUP_TYPE"),
	XLAT_PAIR(4, "NHA_BLACKHOLE"), XLAT_PAIR(5, "NHA_OIF"),
	XLAT_PAIR(6, "NHA_GATEWAY"), XLAT_PAIR(7, "NHA_ENCAP_TYPE"),
	XLAT_PAIR(8, "NHA_ENCAP"), XLAT_PAIR(9, "NHA_GROUPS"),
	XLAT_PAIR(10, "NHA_MASTER"), XLAT_PAIR(11, "NHA_FDB"),
	XLAT_PAIR(12, "NHA_RES_GROUP"), XLAT_PAIR(13, "NHA_RES_BUCKET"));

XLAT_TABLE(rtnl_families, "RTNL_FAMILY_???",
	XLAT_PAIR(128, "RTNL_FAMILY_IPMR"),
	XLAT_PAIR(129, "RTNL_FAMILY_IP6MR"));


#define S(st) sizeof(struct st)
#define F(st, field, kind, x) NLF(struct st, field, kind, x)
#define DEC(a) a, ARRAY_SIZE(a)

static const struct nl_field fib_range_f[] = {
	F(fib_rule_uid_range, start, NLF_U, NULL),
	F(fib_rule_uid_range, end, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_uid_range, struct fib_rule_uid_range, fib_range_f)

static const struct nl_field fib_port_range_f[] = {
	F(fib_rule_port_range, start, NLF_U, NULL),
	F(fib_rule_port_range, end, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_port_range, struct fib_rule_port_range, fib_port_range_f)

static bool
nla_be64(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint64_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		pb_printf(f->b, "htobe64(%llu)", (unsigned long long)be64toh(v));
	return true;
}

static const nla_fn fra_fns[] = {
	[FRA_DST] = nla_family_addr,
	[FRA_SRC] = nla_family_addr,
	[FRA_IIFNAME] = nla_str,
	[FRA_GOTO] = nla_u32,
	[FRA_PRIORITY] = nla_u32,
	[FRA_FWMARK] = nla_u32,
	[FRA_FLOW] = nla_u32,
	[FRA_TUN_ID] = nla_be64,
	[FRA_SUPPRESS_IFGROUP] = nla_u32,
	[FRA_SUPPRESS_PREFIXLEN] = nla_u32,
	[FRA_TABLE] = nla_rt_table,
	[FRA_FWMASK] = nla_u32,
	[FRA_OIFNAME] = nla_str,
	[FRA_L3MDEV] = nla_u8,
	[FRA_UID_RANGE] = nla_uid_range,
	[FRA_PROTOCOL] = nla_rt_proto,
	[FRA_IP_PROTO] = nla_ip_proto,
	[FRA_SPORT_RANGE] = nla_port_range,
	[FRA_DPORT_RANGE] = nla_port_range,
};

static const struct nl_field fib_rule_hdr_f[] = {
	F(fib_rule_hdr, family, NLF_XVAL, &sock_families),
	F(fib_rule_hdr, dst_len, NLF_U, NULL),
	F(fib_rule_hdr, src_len, NLF_U, NULL),
	F(fib_rule_hdr, tos, NLF_FLAGS, &iptos),
	F(fib_rule_hdr, table, NLF_XVAL, &rt_tables_named),
	F(fib_rule_hdr, action, NLF_XVAL, &fr_actions),
	F(fib_rule_hdr, flags, NLF_FLAGS, &fr_flags),
};
static const struct nl_struct fib_rule_hdr_s = {
	S(fib_rule_hdr), DEC(fib_rule_hdr_f), &fra_attrs, DEC(fra_fns)
};

static const struct nl_field tcmsg_f[] = {
	F(tcmsg, tcm_family, NLF_XVAL, &sock_families),
	F(tcmsg, tcm_ifindex, NLF_IFINDEX, NULL),
	F(tcmsg, tcm_handle, NLF_U, NULL),
	F(tcmsg, tcm_parent, NLF_U, NULL),
	F(tcmsg, tcm_info, NLF_U, NULL),
};
static const struct nl_struct tcmsg_s = {
	S(tcmsg), DEC(tcmsg_f), &tca_attrs, tca_fns, TCA_DUMP_FLAGS + 1
};

static const struct nl_field tcamsg_f[] = {
	F(tcamsg, tca_family, NLF_XVAL, &sock_families),
};
static const struct nl_struct tcamsg_s = {
	S(tcamsg), DEC(tcamsg_f), &tca_act_attrs, tca_act_fns,
	TCA_ACT_IN_HW_COUNT + 1
};

XLAT_TABLE(ndtpa_attrs, "NDTPA_???",
	XLAT_PAIR(0, "NDTPA_UNSPEC"), XLAT_PAIR(1, "NDTPA_IFINDEX"),
	XLAT_PAIR(2, "NDTPA_REFCNT"), XLAT_PAIR(3, "NDTPA_REACHABLE_TIME"),
	XLAT_PAIR(4, "NDTPA_BASE_REACHABLE_TIME"),
	XLAT_PAIR(5, "NDTPA_RETRANS_TIME"),
	XLAT_PAIR(6, "NDTPA_GC_STALETIME"),
	XLAT_PAIR(7, "NDTPA_DELAY_PROBE_TIME"),
	XLAT_PAIR(8, "NDTPA_QUEUE_LEN"), XLAT_PAIR(9, "NDTPA_APP_PROBES"),
	XLAT_PAIR(10, "NDTPA_UCAST_PROBES"),
	XLAT_PAIR(11, "NDTPA_MCAST_PROBES"),
	XLAT_PAIR(12, "NDTPA_ANYCAST_DELAY"),
	XLAT_PAIR(13, "NDTPA_PROXY_DELAY"),
	XLAT_PAIR(14, "NDTPA_PROXY_QLEN"), XLAT_PAIR(15, "NDTPA_LOCKTIME"),
	XLAT_PAIR(16, "NDTPA_QUEUE_LENBYTES"),
	XLAT_PAIR(17, "NDTPA_MCAST_REPROBES"), XLAT_PAIR(18, "NDTPA_PAD"),
	XLAT_PAIR(19, "NDTPA_INTERVAL_PROBE_TIME_MS"));


/* The hash mask, as strace's PRINT_FIELD_0X. */
static void
field_0x32(struct fmt *f, const void *p, const void *base)
{
	uint32_t v;

	(void)base;
	memcpy(&v, p, sizeof(v));
	pb_printf(f->b, "%#0*x", 8, v);
}

static const struct nl_field ndt_config_f[] = {
	F(ndt_config, ndtc_key_len, NLF_U, NULL),
	F(ndt_config, ndtc_entry_size, NLF_U, NULL),
	F(ndt_config, ndtc_entries, NLF_U, NULL),
	F(ndt_config, ndtc_last_flush, NLF_U, NULL),
	F(ndt_config, ndtc_last_rand, NLF_U, NULL),
	F(ndt_config, ndtc_hash_rnd, NLF_U, NULL),
	NLF_WITH(struct ndt_config, ndtc_hash_mask, field_0x32),
	F(ndt_config, ndtc_hash_chain_gc, NLF_U, NULL),
	F(ndt_config, ndtc_proxy_qlen, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_ndt_config, struct ndt_config, ndt_config_f)

/* struct ndt_stats; ndts_table_fulls came later and may be missing. */
static const struct nl_field ndt_stats_f[] = {
	F(ndt_stats, ndts_allocs, NLF_U, NULL),
	F(ndt_stats, ndts_destroys, NLF_U, NULL),
	F(ndt_stats, ndts_hash_grows, NLF_U, NULL),
	F(ndt_stats, ndts_res_failed, NLF_U, NULL),
	F(ndt_stats, ndts_lookups, NLF_U, NULL),
	F(ndt_stats, ndts_hits, NLF_U, NULL),
	F(ndt_stats, ndts_rcv_probes_mcast, NLF_U, NULL),
	F(ndt_stats, ndts_rcv_probes_ucast, NLF_U, NULL),
	F(ndt_stats, ndts_periodic_gc_runs, NLF_U, NULL),
	F(ndt_stats, ndts_forced_gc_runs, NLF_U, NULL),
	F(ndt_stats, ndts_table_fulls, NLF_U, NULL),
};

static bool
nla_ndt_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	size_t all = sizeof(struct ndt_stats);
	size_t min = offsetof(struct ndt_stats, ndts_table_fulls);

	(void)d;
	if (len >= all)
		return nl_struct_attr(f, addr, len, ndt_stats_f,
				      ARRAY_SIZE(ndt_stats_f), all);
	if (len == min)
		return nl_struct_attr(f, addr, len, ndt_stats_f,
				      ARRAY_SIZE(ndt_stats_f) - 1, min);
	return false;
}

static const nla_fn ndtpa_fns[] = {
	[NDTPA_IFINDEX] = nla_ifindex,
	[NDTPA_REFCNT] = nla_u32,
	[NDTPA_REACHABLE_TIME] = nla_u64,
	[NDTPA_BASE_REACHABLE_TIME] = nla_u64,
	[NDTPA_RETRANS_TIME] = nla_u64,
	[NDTPA_GC_STALETIME] = nla_u64,
	[NDTPA_DELAY_PROBE_TIME] = nla_u64,
	[NDTPA_QUEUE_LEN] = nla_u32,
	[NDTPA_APP_PROBES] = nla_u32,
	[NDTPA_UCAST_PROBES] = nla_u32,
	[NDTPA_MCAST_PROBES] = nla_u32,
	[NDTPA_ANYCAST_DELAY] = nla_u64,
	[NDTPA_PROXY_DELAY] = nla_u64,
	[NDTPA_PROXY_QLEN] = nla_u32,
	[NDTPA_LOCKTIME] = nla_u64,
	[NDTPA_QUEUE_LENBYTES] = nla_u32,
	[NDTPA_MCAST_REPROBES] = nla_u32,
	[NDTPA_INTERVAL_PROBE_TIME_MS] = nla_u64,
};

static bool
nla_ndta_parms(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	nl_attrs(f, addr, len, &ndtpa_attrs, ndtpa_fns, ARRAY_SIZE(ndtpa_fns),
		 d);
	return true;
}

static const nla_fn ndta_fns[] = {
	[NDTA_NAME] = nla_str,
	[NDTA_THRESH1] = nla_u32,
	[NDTA_THRESH2] = nla_u32,
	[NDTA_THRESH3] = nla_u32,
	[NDTA_CONFIG] = nla_ndt_config,
	[NDTA_PARMS] = nla_ndta_parms,
	[NDTA_STATS] = nla_ndt_stats,
	[NDTA_GC_INTERVAL] = nla_u64,
};

static const struct nl_field ndtmsg_f[] = {
	F(ndtmsg, ndtm_family, NLF_XVAL, &sock_families),
};
static const struct nl_struct ndtmsg_s = {
	S(ndtmsg), DEC(ndtmsg_f), &ndta_attrs, DEC(ndta_fns)
};

static const struct nl_field ifaddrlblmsg_f[] = {
	F(ifaddrlblmsg, ifal_family, NLF_XVAL, &sock_families),
	F(ifaddrlblmsg, ifal_prefixlen, NLF_U, NULL),
	F(ifaddrlblmsg, ifal_flags, NLF_U, NULL),
	F(ifaddrlblmsg, ifal_index, NLF_IFINDEX, NULL),
	F(ifaddrlblmsg, ifal_seq, NLF_U, NULL),
};
static const struct nl_struct ifaddrlblmsg_s = {
	S(ifaddrlblmsg), DEC(ifaddrlblmsg_f), &ifal_attrs, NULL, 0
};

static const struct nl_field dcbmsg_f[] = {
	F(dcbmsg, dcb_family, NLF_XVAL, &sock_families),
	F(dcbmsg, cmd, NLF_XVAL, &dcb_cmds),
};
static const struct nl_struct dcbmsg_s = {
	S(dcbmsg), DEC(dcbmsg_f), &dcb_attrs, NULL, 0
};

static const struct nl_field netconfmsg_f[] = {
	F(netconfmsg, ncm_family, NLF_XVAL, &sock_families),
};
static const struct nl_struct netconfmsg_s = {
	S(netconfmsg), DEC(netconfmsg_f), &netconfa_attrs, NULL, 0
};

XLAT_TABLE(mdb_states, "MDB_???",
	XLAT(MDB_TEMPORARY), XLAT(MDB_PERMANENT));

XLAT_TABLE(mdb_flags, "MDB_FLAGS_???",
	XLAT(MDB_FLAGS_OFFLOAD), XLAT(MDB_FLAGS_FAST_LEAVE),
	XLAT(MDB_FLAGS_STAR_EXCL), XLAT(MDB_FLAGS_BLOCKED));

XLAT_TABLE(mdba_mdb_attrs, "MDBA_MDB_???",
	XLAT(MDBA_MDB_UNSPEC), XLAT(MDBA_MDB_ENTRY));

XLAT_TABLE(mdba_eattr_attrs, "MDBA_MDB_EATTR_???",
	XLAT(MDBA_MDB_EATTR_UNSPEC), XLAT(MDBA_MDB_EATTR_TIMER),
	XLAT(MDBA_MDB_EATTR_SRC_LIST), XLAT(MDBA_MDB_EATTR_GROUP_MODE),
	XLAT(MDBA_MDB_EATTR_SOURCE), XLAT(MDBA_MDB_EATTR_RTPROT));

XLAT_TABLE(mdba_entry_attrs, "MDBA_MDB_ENTRY_???",
	XLAT(MDBA_MDB_ENTRY_UNSPEC), XLAT(MDBA_MDB_ENTRY_INFO));

XLAT_TABLE(mdba_router_attrs, "MDBA_ROUTER_???",
	XLAT(MDBA_ROUTER_UNSPEC), XLAT(MDBA_ROUTER_PORT));

XLAT_TABLE(mdba_pattr_attrs, "MDBA_ROUTER_PATTR_???",
	XLAT(MDBA_ROUTER_PATTR_UNSPEC), XLAT(MDBA_ROUTER_PATTR_TIMER),
	XLAT(MDBA_ROUTER_PATTR_TYPE), XLAT(MDBA_ROUTER_PATTR_INET_TIMER),
	XLAT(MDBA_ROUTER_PATTR_INET6_TIMER));

XLAT_TABLE(mrt_types, "MDB_RTR_TYPE_???",
	XLAT(MDB_RTR_TYPE_DISABLED), XLAT(MDB_RTR_TYPE_TEMP_QUERY),
	XLAT(MDB_RTR_TYPE_PERM), XLAT(MDB_RTR_TYPE_TEMP));


static const nla_fn mdba_eattr_fns[] = {
	[MDBA_MDB_EATTR_TIMER] = nla_clock_t,
};

static bool
nla_mdb_entry_info(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned off = NLMSG_ALIGN(sizeof(struct br_mdb_entry));
	struct br_mdb_entry e;
	int proto;

	(void)d;
	if (len < sizeof(e))
		return false;
	if (read_or_addr(f, &e, addr, sizeof(e))) {
		proto = ntohs(e.addr.proto);
		pb_puts(f->b, "{ifindex=");
		nl_ifindex(f->b, e.ifindex);
		pb_puts(f->b, ", state=");
		print_xval(f->b, &mdb_states, e.state, false);
		pb_puts(f->b, ", flags=");
		print_flags(f->b, &mdb_flags, e.flags);
		pb_printf(f->b, ", vid=%u, addr={", e.vid);
		if (!nl_inet_addr(f->b, proto, &e.addr.u, sizeof(e.addr.u),
				  "u")) {
			pb_puts(f->b, "u=");
			pb_quote(f->b, (const unsigned char *)&e.addr.u,
				 sizeof(e.addr.u), 0, QUOTE_FORCE_HEX);
		}
		pb_puts(f->b, ", proto=htons(");
		print_xval(f->b, &sock_families, (unsigned)proto, false);
		pb_puts(f->b, ")}}");
	}
	if (len > off) {
		pb_puts(f->b, ", ");
		nl_attrs(f, addr + off, len - off, &mdba_eattr_attrs,
			 mdba_eattr_fns, ARRAY_SIZE(mdba_eattr_fns), NULL);
	}
	return true;
}

static const nla_fn mdba_entry_fns[] = {
	[MDBA_MDB_ENTRY_INFO] = nla_mdb_entry_info,
};

static bool
nla_mdb_entry(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	nl_attrs(f, addr, len, &mdba_entry_attrs, mdba_entry_fns,
		 ARRAY_SIZE(mdba_entry_fns), NULL);
	return true;
}

static const nla_fn mdba_mdb_fns[] = {
	[MDBA_MDB_ENTRY] = nla_mdb_entry,
};

static bool
nla_mdba_mdb(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	nl_attrs(f, addr, len, &mdba_mdb_attrs, mdba_mdb_fns,
		 ARRAY_SIZE(mdba_mdb_fns), NULL);
	return true;
}

static bool
nla_router_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint8_t v;

	(void)d;
	(void)len;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &mrt_types, v, false);
	return true;
}

static const nla_fn mdba_pattr_fns[] = {
	[MDBA_ROUTER_PATTR_TIMER] = nla_clock_t,
	[MDBA_ROUTER_PATTR_TYPE] = nla_router_type,
	[MDBA_ROUTER_PATTR_INET_TIMER] = nla_clock_t,
	[MDBA_ROUTER_PATTR_INET6_TIMER] = nla_clock_t,
};

static bool
nla_router_port(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned off = NLMSG_ALIGN(sizeof(uint32_t));
	uint32_t idx;

	(void)d;
	if (len < sizeof(idx))
		return false;
	if (read_or_addr(f, &idx, addr, sizeof(idx)))
		nl_ifindex(f->b, idx);
	if (len > off) {
		pb_puts(f->b, ", ");
		nl_attrs(f, addr + off, len - off, &mdba_pattr_attrs,
			 mdba_pattr_fns, ARRAY_SIZE(mdba_pattr_fns), NULL);
	}
	return true;
}

static const nla_fn mdba_router_fns[] = {
	[MDBA_ROUTER_PORT] = nla_router_port,
};

static bool
nla_mdba_router(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	nl_attrs(f, addr, len, &mdba_router_attrs, mdba_router_fns,
		 ARRAY_SIZE(mdba_router_fns), NULL);
	return true;
}

static const nla_fn mdba_fns[] = {
	[MDBA_MDB] = nla_mdba_mdb,
	[MDBA_ROUTER] = nla_mdba_router,
};

static const struct nl_field br_port_msg_f[] = {
	F(br_port_msg, family, NLF_XVAL, &sock_families),
	F(br_port_msg, ifindex, NLF_IFINDEX, NULL),
};
static const struct nl_struct br_port_msg_s = {
	S(br_port_msg), DEC(br_port_msg_f), &mdba_attrs, DEC(mdba_fns)
};

static const struct nl_field rtgenmsg_f[] = {
	F(rtgenmsg, rtgen_family, NLF_XVAL, &sock_families),
};
static const struct nl_struct nsid_s = {
	S(rtgenmsg), DEC(rtgenmsg_f), &netnsa_attrs, NULL, 0
};

static const struct nl_field if_stats_msg_f[] = {
	F(if_stats_msg, family, NLF_XVAL, &sock_families),
	F(if_stats_msg, pad1, NLF_X_NZ, NULL),
	F(if_stats_msg, pad2, NLF_X_NZ, NULL),
	F(if_stats_msg, ifindex, NLF_IFINDEX, NULL),
	F(if_stats_msg, filter_mask, NLF_FLAGS, &ifstats_flags),
};
static const struct nl_struct if_stats_msg_s = {
	S(if_stats_msg), DEC(if_stats_msg_f), &ifstats_attrs, ifstats_fns,
	IFSTATS_FNS_N
};

static const struct nl_field nhmsg_f[] = {
	F(nhmsg, nh_family, NLF_XVAL, &sock_families),
	F(nhmsg, nh_scope, NLF_XVAL, &rt_scopes),
	F(nhmsg, nh_protocol, NLF_XVAL, &rt_protocols),
	F(nhmsg, resvd, NLF_X_NZ, NULL),
	F(nhmsg, nh_flags, NLF_FLAGS, &rtnh_flags),
};
static const struct nl_struct nhmsg_s = {
	S(nhmsg), DEC(nhmsg_f), &nha_attrs, nha_fns, NHA_FNS_N
};

const struct nl_struct *
rtnl_other_struct(uint16_t type)
{
	switch (type) {
	case RTM_NEWRULE: case RTM_DELRULE: case RTM_GETRULE:
		return &fib_rule_hdr_s;
	case RTM_NEWQDISC: case RTM_DELQDISC: case RTM_GETQDISC:
	case RTM_NEWTCLASS: case RTM_DELTCLASS: case RTM_GETTCLASS:
	case RTM_NEWTFILTER: case RTM_DELTFILTER: case RTM_GETTFILTER:
	case RTM_NEWCHAIN: case RTM_DELCHAIN: case RTM_GETCHAIN:
		return &tcmsg_s;
	case RTM_NEWACTION: case RTM_DELACTION: case RTM_GETACTION:
		return &tcamsg_s;
	case RTM_NEWNEIGHTBL: case RTM_GETNEIGHTBL: case RTM_SETNEIGHTBL:
		return &ndtmsg_s;
	case RTM_NEWADDRLABEL: case RTM_DELADDRLABEL: case RTM_GETADDRLABEL:
		return &ifaddrlblmsg_s;
	case RTM_GETDCB: case RTM_SETDCB:
		return &dcbmsg_s;
	case RTM_NEWNETCONF: case RTM_DELNETCONF: case RTM_GETNETCONF:
		return &netconfmsg_s;
	case RTM_NEWMDB: case RTM_DELMDB: case RTM_GETMDB:
		return &br_port_msg_s;
	case RTM_NEWNSID: case RTM_DELNSID: case RTM_GETNSID:
		return &nsid_s;
	case RTM_NEWSTATS: case RTM_GETSTATS:
		return &if_stats_msg_s;
	case RTM_NEWNEXTHOP: case RTM_DELNEXTHOP: case RTM_GETNEXTHOP:
		return &nhmsg_s;
	}
	return NULL;
}

/* The attributes of a multicast routing cache report (IPv4 and IPv6). */
XLAT_TABLE(ipmra_creport_attrs, "IPMRA_CREPORT_???",
	XLAT_PAIR(0, "IPMRA_CREPORT_UNSPEC"),
	XLAT_PAIR(1, "IPMRA_CREPORT_MSGTYPE"),
	XLAT_PAIR(2, "IPMRA_CREPORT_VIF_ID"),
	XLAT_PAIR(3, "IPMRA_CREPORT_SRC_ADDR"),
	XLAT_PAIR(4, "IPMRA_CREPORT_DST_ADDR"),
	XLAT_PAIR(5, "IPMRA_CREPORT_PKT"), XLAT_PAIR(6, "IPMRA_CREPORT_TABLE"));
XLAT_TABLE(ip6mra_creport_attrs, "IP6MRA_CREPORT_???",
	XLAT_PAIR(0, "IP6MRA_CREPORT_UNSPEC"),
	XLAT_PAIR(1, "IP6MRA_CREPORT_MSGTYPE"),
	XLAT_PAIR(2, "IP6MRA_CREPORT_MIF_ID"),
	XLAT_PAIR(3, "IP6MRA_CREPORT_SRC_ADDR"),
	XLAT_PAIR(4, "IP6MRA_CREPORT_DST_ADDR"),
	XLAT_PAIR(5, "IP6MRA_CREPORT_PKT"));
XLAT_TABLE(ipmra_msg_types, "IGMPMSG_???",
	XLAT_PAIR(1, "IGMPMSG_NOCACHE"), XLAT_PAIR(2, "IGMPMSG_WRONGVIF"),
	XLAT_PAIR(3, "IGMPMSG_WHOLEPKT"), XLAT_PAIR(4, "IGMPMSG_WRVIFWHOLE"));
XLAT_TABLE(ip6mra_msg_types, "MRT6MSG_???",
	XLAT_PAIR(1, "MRT6MSG_NOCACHE"), XLAT_PAIR(2, "MRT6MSG_WRONGMIF"),
	XLAT_PAIR(3, "MRT6MSG_WHOLEPKT"));

static bool
nla_creport_type(struct fmt *f, uint64_t addr, unsigned len,
		 const struct xlat *x)
{
	uint8_t v;

	if (len < sizeof(v) || len > sizeof(uint64_t))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, x, v, false);
	return true;
}

static bool
nla_ipmra_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_creport_type(f, addr, len, &ipmra_msg_types);
}

static bool
nla_ip6mra_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_creport_type(f, addr, len, &ip6mra_msg_types);
}

static const nla_fn ipmra_creport_fns[] = {
	[1] = nla_ipmra_type, [2] = nla_u32, [3] = nla_in_addr,
	[4] = nla_in_addr, [6] = nla_u32,
};
static const nla_fn ip6mra_creport_fns[] = {
	[1] = nla_ip6mra_type, [2] = nla_u32, [3] = nla_in6_addr,
	[4] = nla_in6_addr,
};

/* RTM_NEWCACHEREPORT: an rtgenmsg whose family is RTNL_FAMILY_IPMR or
   an address family. */
void
rtnl_cachereport(struct fmt *f, uint8_t family, uint64_t addr, unsigned len)
{
	unsigned off = NLMSG_ALIGN(sizeof(struct rtgenmsg));

	pb_puts(f->b, "{rtgen_family=");
	if (xlat_name(&rtnl_families, family) ||
	    !xlat_name(&sock_families, family))
		print_xval(f->b, &rtnl_families, family, false);
	else
		print_xval(f->b, &sock_families, family, false);
	pb_putc(f->b, '}');
	if (len <= off)
		return;
	pb_puts(f->b, ", ");
	if (family == RTNL_FAMILY_IPMR)
		nl_attrs(f, addr + off, len - off, &ipmra_creport_attrs,
			 ipmra_creport_fns, ARRAY_SIZE(ipmra_creport_fns), NULL);
	else if (family == RTNL_FAMILY_IP6MR)
		nl_attrs(f, addr + off, len - off, &ip6mra_creport_attrs,
			 ip6mra_creport_fns, ARRAY_SIZE(ip6mra_creport_fns),
			 NULL);
	else
		nl_hex(f, addr + off, len - off);
}
