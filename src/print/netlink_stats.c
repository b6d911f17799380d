/* SPDX-License-Identifier: MIT */
/*
 * netlink_stats.c: the attributes of RTM_NEWSTATS and RTM_GETSTATS
 * (after struct if_stats_msg), as strace 6.1 prints them: the 64-bit
 * link counters, the bridge's and bond's extended counters, offload
 * counters and the per-family (MPLS) counters.
 */
#define _GNU_SOURCE
#include <linux/if_bonding.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/mpls.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

/* What follows a struct inside its attribute: ", " and hex. */
static void
stats_rest(struct fmt *f, uint64_t addr, unsigned len, size_t size)
{
	if (len > size) {
		pb_puts(f->b, ", ");
		nl_hex(f, addr + size, len - (unsigned)size);
	}
}

static bool
xstats_bridge_vlan(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct bridge_vlan_xstats s;

	(void)d;
	if (len < sizeof(s))
		return false;
	if (!read_or_addr(f, &s, addr, sizeof(s)))
		return true;
	pb_printf(f->b, "{rx_bytes=%llu, rx_packets=%llu, tx_bytes=%llu, "
		  "tx_packets=%llu, vid=%u, flags=",
		  (unsigned long long)s.rx_bytes,
		  (unsigned long long)s.rx_packets,
		  (unsigned long long)s.tx_bytes,
		  (unsigned long long)s.tx_packets, s.vid);
	print_flags(f->b, &bridge_vlan_flags, s.flags);
	if (s.pad2)
		pb_printf(f->b, ", pad2=%#x", s.pad2);
	pb_putc(f->b, '}');
	stats_rest(f, addr, len, sizeof(s));
	return true;
}

XLAT_TABLE(br_mcast_dirs, "BR_MCAST_DIR_???", XLAT_PAIR(0, "BR_MCAST_DIR_RX"),
	   XLAT_PAIR(1, "BR_MCAST_DIR_TX"));

/* A counter per direction, after sep:
   name=[[BR_MCAST_DIR_RX]=1, [BR_MCAST_DIR_TX]=2]. */
static void
mcast_pair(struct pbuf *b, const char *sep, const char *name,
	   const __u64 *v)
{
	unsigned i;

	pb_printf(b, "%s%s=[", sep, name);
	for (i = 0; i < BR_MCAST_DIR_SIZE; i++) {
		pb_puts(b, i ? ", [" : "[");
		print_xval(b, &br_mcast_dirs, i, true);
		pb_printf(b, "]=%llu", (unsigned long long)v[i]);
	}
	pb_putc(b, ']');
}

static bool
xstats_bridge_mcast(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d)
{
	struct br_mcast_stats s;
	struct pbuf *b = f->b;

	(void)d;
	if (len < sizeof(s))
		return false;
	if (!read_or_addr(f, &s, addr, sizeof(s)))
		return true;
	pb_putc(b, '{');
	mcast_pair(b, "", "igmp_v1queries", s.igmp_v1queries);
	mcast_pair(b, ", ", "igmp_v2queries", s.igmp_v2queries);
	mcast_pair(b, ", ", "igmp_v3queries", s.igmp_v3queries);
	mcast_pair(b, ", ", "igmp_leaves", s.igmp_leaves);
	mcast_pair(b, ", ", "igmp_v1reports", s.igmp_v1reports);
	mcast_pair(b, ", ", "igmp_v2reports", s.igmp_v2reports);
	mcast_pair(b, ", ", "igmp_v3reports", s.igmp_v3reports);
	pb_printf(b, ", igmp_parse_errors=%llu",
		  (unsigned long long)s.igmp_parse_errors);
	mcast_pair(b, ", ", "mld_v1queries", s.mld_v1queries);
	mcast_pair(b, ", ", "mld_v2queries", s.mld_v2queries);
	mcast_pair(b, ", ", "mld_leaves", s.mld_leaves);
	mcast_pair(b, ", ", "mld_v1reports", s.mld_v1reports);
	mcast_pair(b, ", ", "mld_v2reports", s.mld_v2reports);
	pb_printf(b, ", mld_parse_errors=%llu",
		  (unsigned long long)s.mld_parse_errors);
	mcast_pair(b, ", ", "mcast_bytes", s.mcast_bytes);
	mcast_pair(b, ", ", "mcast_packets", s.mcast_packets);
	pb_putc(b, '}');
	stats_rest(f, addr, len, sizeof(s));
	return true;
}

static bool
xstats_bridge_stp(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct bridge_stp_xstats s;

	(void)d;
	if (len < sizeof(s))
		return false;
	if (!read_or_addr(f, &s, addr, sizeof(s)))
		return true;
	pb_printf(f->b, "{transition_blk=%llu, transition_fwd=%llu, "
		  "rx_bpdu=%llu, tx_bpdu=%llu, rx_tcn=%llu, tx_tcn=%llu}",
		  (unsigned long long)s.transition_blk,
		  (unsigned long long)s.transition_fwd,
		  (unsigned long long)s.rx_bpdu, (unsigned long long)s.tx_bpdu,
		  (unsigned long long)s.rx_tcn, (unsigned long long)s.tx_tcn);
	stats_rest(f, addr, len, sizeof(s));
	return true;
}

XLAT_TABLE(xstats_bridge_attrs, "BRIDGE_XSTATS_???",
	   XLAT(BRIDGE_XSTATS_UNSPEC), XLAT(BRIDGE_XSTATS_VLAN),
	   XLAT(BRIDGE_XSTATS_MCAST), XLAT(BRIDGE_XSTATS_PAD),
	   XLAT(BRIDGE_XSTATS_STP));
static const nla_fn xstats_bridge_fns[] = {
	[BRIDGE_XSTATS_VLAN] = xstats_bridge_vlan,
	[BRIDGE_XSTATS_MCAST] = xstats_bridge_mcast,
	[BRIDGE_XSTATS_STP] = xstats_bridge_stp,
};

static NLA_NESTED(xstats_bridge, xstats_bridge_attrs, xstats_bridge_fns)

/* strace names an unknown type here "BOND_XSTATS_???" too. */
XLAT_TABLE(xstats_bond_3ad_attrs, "BOND_XSTATS_???",
	   XLAT(BOND_3AD_STAT_LACPDU_RX), XLAT(BOND_3AD_STAT_LACPDU_TX),
	   XLAT(BOND_3AD_STAT_LACPDU_UNKNOWN_RX),
	   XLAT(BOND_3AD_STAT_LACPDU_ILLEGAL_RX),
	   XLAT(BOND_3AD_STAT_MARKER_RX), XLAT(BOND_3AD_STAT_MARKER_TX),
	   XLAT(BOND_3AD_STAT_MARKER_RESP_RX),
	   XLAT(BOND_3AD_STAT_MARKER_RESP_TX),
	   XLAT(BOND_3AD_STAT_MARKER_UNKNOWN_RX), XLAT(BOND_3AD_STAT_PAD));
static const nla_fn xstats_bond_3ad_fns[] = {
	[BOND_3AD_STAT_LACPDU_RX] = nla_u64,
	[BOND_3AD_STAT_LACPDU_TX] = nla_u64,
	[BOND_3AD_STAT_LACPDU_UNKNOWN_RX] = nla_u64,
	[BOND_3AD_STAT_LACPDU_ILLEGAL_RX] = nla_u64,
	[BOND_3AD_STAT_MARKER_RX] = nla_u64,
	[BOND_3AD_STAT_MARKER_TX] = nla_u64,
	[BOND_3AD_STAT_MARKER_RESP_RX] = nla_u64,
	[BOND_3AD_STAT_MARKER_RESP_TX] = nla_u64,
	[BOND_3AD_STAT_MARKER_UNKNOWN_RX] = nla_u64,
};

static NLA_NESTED(xstats_bond_3ad, xstats_bond_3ad_attrs, xstats_bond_3ad_fns)

XLAT_TABLE(xstats_bond_attrs, "BOND_XSTATS_???",
	   XLAT(BOND_XSTATS_UNSPEC), XLAT(BOND_XSTATS_3AD));
static const nla_fn xstats_bond_fns[] = {
	[BOND_XSTATS_3AD] = xstats_bond_3ad,
};

static NLA_NESTED(xstats_bond, xstats_bond_attrs, xstats_bond_fns)

XLAT_TABLE(xstats_type_attrs, "LINK_XSTATS_TYPE_???",
	   XLAT(LINK_XSTATS_TYPE_UNSPEC), XLAT(LINK_XSTATS_TYPE_BRIDGE),
	   XLAT(LINK_XSTATS_TYPE_BOND));
static const nla_fn xstats_fns[] = {
	[LINK_XSTATS_TYPE_BRIDGE] = xstats_bridge,
	[LINK_XSTATS_TYPE_BOND] = xstats_bond,
};

static NLA_NESTED(ifstats_xstats, xstats_type_attrs, xstats_fns)

XLAT_TABLE(offload_attrs, "IFLA_OFFLOAD_XSTATS_???",
	   XLAT_PAIR(0, "IFLA_OFFLOAD_XSTATS_UNSPEC"),
	   XLAT_PAIR(1, "IFLA_OFFLOAD_XSTATS_CPU_HIT"));
static const nla_fn offload_fns[] = {
	NULL, nla_link_stats64,
};

static NLA_NESTED(ifstats_offload, offload_attrs, offload_fns)

static bool
mpls_stats_link(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct mpls_link_stats s;

	(void)d;
	if (len < sizeof(s))
		return false;
	if (!read_or_addr(f, &s, addr, sizeof(s)))
		return true;
	pb_printf(f->b, "{rx_packets=%llu, tx_packets=%llu, rx_bytes=%llu, "
		  "tx_bytes=%llu, rx_errors=%llu, tx_errors=%llu, "
		  "rx_dropped=%llu, tx_dropped=%llu, rx_noroute=%llu}",
		  (unsigned long long)s.rx_packets,
		  (unsigned long long)s.tx_packets,
		  (unsigned long long)s.rx_bytes,
		  (unsigned long long)s.tx_bytes,
		  (unsigned long long)s.rx_errors,
		  (unsigned long long)s.tx_errors,
		  (unsigned long long)s.rx_dropped,
		  (unsigned long long)s.tx_dropped,
		  (unsigned long long)s.rx_noroute);
	stats_rest(f, addr, len, sizeof(s));
	return true;
}

XLAT_TABLE(mpls_stats_attrs, "MPLS_STATS_???",
	   XLAT_PAIR(0, "MPLS_STATS_UNSPEC"), XLAT_PAIR(1, "MPLS_STATS_LINK"));
static const nla_fn mpls_stats_fns[] = {
	NULL, mpls_stats_link,
};

static NLA_NESTED(ifstats_af_mpls, mpls_stats_attrs, mpls_stats_fns)

/* IFLA_STATS_AF_SPEC: one nest per address family (MPLS decoded). */
static const nla_fn ifstats_af_fns[AF_MPLS + 1] = {
	[AF_MPLS] = ifstats_af_mpls,
};

static NLA_NESTED(ifstats_af_spec, sock_families, ifstats_af_fns)

_Static_assert(IFLA_STATS_AF_SPEC + 1 == IFSTATS_FNS_N,
	       "ifstats_fns covers IFLA_STATS_");
const nla_fn ifstats_fns[IFSTATS_FNS_N] = {
	[IFLA_STATS_LINK_64] = nla_link_stats64,
	[IFLA_STATS_LINK_XSTATS] = ifstats_xstats,
	[IFLA_STATS_LINK_XSTATS_SLAVE] = ifstats_xstats,
	[IFLA_STATS_LINK_OFFLOAD_XSTATS] = ifstats_offload,
	[IFLA_STATS_AF_SPEC] = ifstats_af_spec,
};
