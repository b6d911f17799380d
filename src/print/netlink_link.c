/* SPDX-License-Identifier: MIT */
/*
 * netlink_link.c: the nested attributes of link messages (ifinfomsg) as
 * strace 6.1 prints them: IFLA_XDP, IFLA_PROTO_DOWN_REASON and
 * IFLA_PROTINFO of a bridge port. Each nest is walked by nl_attrs(), so
 * a bad length ends the walk as at the top level.
 */
#define _GNU_SOURCE
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

bool
nla_ifla_xdp(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	nl_attrs(f, addr, len, &ifla_xdp_attrs, ifla_xdp_fns,
		 ARRAY_SIZE(ifla_xdp_fns), d);
	return true;
}

/* --- IFLA_PROTO_DOWN_REASON -------------------------------------------- */

XLAT_TABLE(ifla_proto_down_reason_attrs, "IFLA_PROTO_DOWN_REASON_???",
	XLAT(IFLA_PROTO_DOWN_REASON_UNSPEC),
	XLAT(IFLA_PROTO_DOWN_REASON_MASK),
	XLAT(IFLA_PROTO_DOWN_REASON_VALUE));

static const nla_fn ifla_proto_down_reason_fns[] = {
	[IFLA_PROTO_DOWN_REASON_MASK] = nla_x32,
	[IFLA_PROTO_DOWN_REASON_VALUE] = nla_x32,
};

bool
nla_ifla_proto_down_reason(struct fmt *f, uint64_t addr, unsigned len,
			   const void *d)
{
	nl_attrs(f, addr, len, &ifla_proto_down_reason_attrs,
		 ifla_proto_down_reason_fns,
		 ARRAY_SIZE(ifla_proto_down_reason_fns), d);
	return true;
}

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

static bool
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

/* A MAC address: ab:cd:..., or its bytes under -Xraw (and both under
   -Xverbose). */
static void
print_mac(struct pbuf *b, const unsigned char *a, unsigned n)
{
	unsigned i;

	if (!XSTYLE_NAMES(b)) {
		pb_quote(b, a, n, 0, QUOTE_FORCE_HEX);
		if (b->xstyle == 1)
			return;
		pb_puts(b, " /* ");
	}
	for (i = 0; i < n; i++)
		pb_printf(b, i ? ":%02x" : "%02x", a[i]);
	if (!XSTYLE_NAMES(b))
		pb_puts(b, " */");
}

static bool
nla_bridge_id(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct ifla_bridge_id id;

	(void)d;
	if (len < sizeof(id))
		return false;
	if (!read_or_addr(f, &id, addr, sizeof(id)))
		return true;
	pb_printf(f->b, "{prio=[%u, %u], addr=", id.prio[0], id.prio[1]);
	print_mac(f->b, id.addr, sizeof(id.addr));
	pb_putc(f->b, '}');
	return true;
}

static const nla_fn ifla_brport_fns[] = {
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

/* IFLA_PROTINFO: a bridge port's attributes under AF_BRIDGE; other
   families (AF_INET6's are not decoded yet) print as hex. d is the
   ifinfomsg, its family first. */
bool
nla_ifla_protinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	if (*(const unsigned char *)d != AF_BRIDGE)
		return false;
	nl_attrs(f, addr, len, &ifla_brport_attrs, ifla_brport_fns,
		 ARRAY_SIZE(ifla_brport_fns), NULL);
	return true;
}
