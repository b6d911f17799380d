/* SPDX-License-Identifier: MIT */
/*
 * netlink_ifla2.c: more nested attributes of struct ifinfomsg, as strace
 * 6.1 prints them: IFLA_VFINFO_LIST, the virtual functions of an SR-IOV
 * device (each IFLA_VF_INFO a nest of IFLA_VF_* settings and counters).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "netlink.h"

void
nl_hwaddr(struct pbuf *b, const unsigned char *m, size_t n)
{
	bool names = XSTYLE_NAMES(b);
	size_t i;

	if (!names) {
		pb_quote(b, m, n, 0, QUOTE_FORCE_HEX);
		if (b->xstyle == 1)
			return;
		pb_puts(b, " /* ");
	}
	for (i = 0; i < n; i++)
		pb_printf(b, i ? ":%02x" : "%02x", m[i]);
	if (!names)
		pb_puts(b, " */");
}

static void
print_mac(struct pbuf *b, const char *name, const unsigned char *m,
	  size_t n)
{
	pb_printf(b, "%s=", name);
	nl_hwaddr(b, m, n);
}

/* An attribute that is a struct of exactly this type: false when len is
   short, the address when unreadable, else true with *v filled. */
#define VF_READ(v)                                                        \
	do {                                                               \
		(void)d;                                                   \
		if (len < sizeof(v))                                       \
			return false;                                      \
		if (!read_or_addr(f, &(v), addr, sizeof(v)))               \
			return true;                                       \
	} while (0)

static bool
vf_mac(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_mac v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, ", v.vf);
	print_mac(f->b, "mac", v.mac, sizeof(v.mac));
	pb_putc(f->b, '}');
	return true;
}

static bool
vf_broadcast(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_broadcast v;

	VF_READ(v);
	pb_putc(f->b, '{');
	print_mac(f->b, "broadcast", v.broadcast, sizeof(v.broadcast));
	pb_putc(f->b, '}');
	return true;
}

static bool
vf_vlan(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_vlan v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, vlan=%u, qos=%u}", v.vf, v.vlan, v.qos);
	return true;
}

static bool
vf_tx_rate(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_tx_rate v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, rate=%u}", v.vf, v.rate);
	return true;
}

/* IFLA_VF_SPOOFCHK, IFLA_VF_RSS_QUERY_EN and IFLA_VF_TRUST: the same
   two u32s. */
static bool
vf_setting(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_spoofchk v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, setting=%u}", v.vf, v.setting);
	return true;
}

XLAT_TABLE(vf_link_states, "IFLA_VF_LINK_STATE_???",
	   XLAT(IFLA_VF_LINK_STATE_AUTO), XLAT(IFLA_VF_LINK_STATE_ENABLE),
	   XLAT(IFLA_VF_LINK_STATE_DISABLE));

static bool
vf_link_state(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_link_state v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, link_state=", v.vf);
	print_xval(f->b, &vf_link_states, v.link_state, false);
	pb_putc(f->b, '}');
	return true;
}

static bool
vf_rate(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_rate v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, min_tx_rate=%u, max_tx_rate=%u}", v.vf,
		  v.min_tx_rate, v.max_tx_rate);
	return true;
}

XLAT_TABLE(vf_stats_attrs, "IFLA_VF_STATS_???",
	   XLAT(IFLA_VF_STATS_RX_PACKETS), XLAT(IFLA_VF_STATS_TX_PACKETS),
	   XLAT(IFLA_VF_STATS_RX_BYTES), XLAT(IFLA_VF_STATS_TX_BYTES),
	   XLAT(IFLA_VF_STATS_BROADCAST), XLAT(IFLA_VF_STATS_MULTICAST),
	   XLAT(IFLA_VF_STATS_PAD), XLAT(IFLA_VF_STATS_RX_DROPPED),
	   XLAT(IFLA_VF_STATS_TX_DROPPED));
static const nla_fn vf_stats_fns[] = {
	[IFLA_VF_STATS_RX_PACKETS] = nla_u64,
	[IFLA_VF_STATS_TX_PACKETS] = nla_u64,
	[IFLA_VF_STATS_RX_BYTES] = nla_u64,
	[IFLA_VF_STATS_TX_BYTES] = nla_u64,
	[IFLA_VF_STATS_BROADCAST] = nla_u64,
	[IFLA_VF_STATS_MULTICAST] = nla_u64,
	[IFLA_VF_STATS_RX_DROPPED] = nla_u64,
	[IFLA_VF_STATS_TX_DROPPED] = nla_u64,
};

static NLA_NESTED(vf_stats, vf_stats_attrs, vf_stats_fns)

/* struct ifla_vf_guid's guid is not naturally aligned in every ABI:
   12 bytes (packed) and 16 are both taken. */
static bool
vf_guid(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned char buf[16];
	uint32_t vf;
	uint64_t guid;

	(void)d;
	if (len != 12 && len != 16)
		return false;
	if (!read_or_addr(f, buf, addr, len))
		return true;
	memcpy(&vf, buf, sizeof(vf));
	memcpy(&guid, buf + (len == 12 ? 4 : 8), sizeof(guid));
	pb_printf(f->b, "{vf=%u, guid=%#llx}", vf, (unsigned long long)guid);
	return true;
}

static bool
vf_vlan_info(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_vf_vlan_info v;

	VF_READ(v);
	pb_printf(f->b, "{vf=%u, vlan=%u, qos=%u, vlan_proto=htons(", v.vf,
		  v.vlan, v.qos);
	print_xval(f->b, &eth_protocols, ntohs(v.vlan_proto), false);
	pb_puts(f->b, ")}");
	return true;
}

XLAT_TABLE(vf_vlan_list_attrs, "IFLA_VF_VLAN_INFO_???",
	   XLAT(IFLA_VF_VLAN_INFO_UNSPEC), XLAT(IFLA_VF_VLAN_INFO));
static const nla_fn vf_vlan_list_fns[] = {
	[IFLA_VF_VLAN_INFO] = vf_vlan_info,
};

static NLA_NESTED(vf_vlan_list, vf_vlan_list_attrs, vf_vlan_list_fns)

XLAT_TABLE(vf_info_attrs, "IFLA_VF_???",
	   XLAT(IFLA_VF_UNSPEC), XLAT(IFLA_VF_MAC), XLAT(IFLA_VF_VLAN),
	   XLAT(IFLA_VF_TX_RATE), XLAT(IFLA_VF_SPOOFCHK),
	   XLAT(IFLA_VF_LINK_STATE), XLAT(IFLA_VF_RATE),
	   XLAT(IFLA_VF_RSS_QUERY_EN), XLAT(IFLA_VF_STATS),
	   XLAT(IFLA_VF_TRUST), XLAT(IFLA_VF_IB_NODE_GUID),
	   XLAT(IFLA_VF_IB_PORT_GUID), XLAT(IFLA_VF_VLAN_LIST),
	   XLAT(IFLA_VF_BROADCAST));
static const nla_fn vf_info_fns[] = {
	[IFLA_VF_MAC] = vf_mac,
	[IFLA_VF_VLAN] = vf_vlan,
	[IFLA_VF_TX_RATE] = vf_tx_rate,
	[IFLA_VF_SPOOFCHK] = vf_setting,
	[IFLA_VF_LINK_STATE] = vf_link_state,
	[IFLA_VF_RATE] = vf_rate,
	[IFLA_VF_RSS_QUERY_EN] = vf_setting,
	[IFLA_VF_STATS] = vf_stats,
	[IFLA_VF_TRUST] = vf_setting,
	[IFLA_VF_IB_NODE_GUID] = vf_guid,
	[IFLA_VF_IB_PORT_GUID] = vf_guid,
	[IFLA_VF_VLAN_LIST] = vf_vlan_list,
	[IFLA_VF_BROADCAST] = vf_broadcast,
};

static NLA_NESTED(vf_info, vf_info_attrs, vf_info_fns)

XLAT_TABLE(vfinfo_list_attrs, "IFLA_VF_INFO_???",
	   XLAT(IFLA_VF_INFO_UNSPEC), XLAT(IFLA_VF_INFO));
static const nla_fn vfinfo_list_fns[] = {
	[IFLA_VF_INFO] = vf_info,
};

NLA_NESTED(nla_vfinfo_list, vfinfo_list_attrs, vfinfo_list_fns)
