/* SPDX-License-Identifier: MIT */
/*
 * netlink_ifla.c: more attributes of link messages (ifinfomsg) as strace
 * 6.1 prints them: the counters of IFLA_STATS and IFLA_STATS64, IFLA_MAP,
 * IFLA_EXT_MASK, IFLA_EVENT and IFLA_PROP_LIST (IFLA_LINKINFO: in
 * netlink_linkinfo.c).
 */
#define _GNU_SOURCE
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <string.h>

#include "netlink.h"

/* The counters of struct rtnl_link_stats(64), in order: both structs
   list the same names, of 32 and of 64 bits. */
static const char *const link_stats_names[] = {
	"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
	"tx_errors", "rx_dropped", "tx_dropped", "multicast", "collisions",
	"rx_length_errors", "rx_over_errors", "rx_crc_errors",
	"rx_frame_errors", "rx_fifo_errors", "rx_missed_errors",
	"tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
	"tx_heartbeat_errors", "tx_window_errors", "rx_compressed",
	"tx_compressed", "rx_nohandler", "rx_otherhost_dropped",
};

/* The counters up to tx_compressed are always there; the newer ones
   only when len covers them, and a length in between is not a stats
   struct at all (hex). */
static bool
link_stats(struct fmt *f, uint64_t addr, unsigned len, unsigned width,
	   unsigned max)
{
	unsigned char buf[ARRAY_SIZE(link_stats_names) * 8];
	unsigned min = 23, n, i;

	if (len >= max * width)
		n = max;
	else if (len % width == 0 && len / width >= min)
		n = len / width;
	else
		return false;
	if (n > ARRAY_SIZE(link_stats_names))
		n = ARRAY_SIZE(link_stats_names);
	if (!read_or_addr(f, buf, addr, n * width))
		return true;
	pb_putc(f->b, '{');
	for (i = 0; i < n; i++) {
		uint64_t v = 0;
		uint32_t v32;

		if (width == 4) {
			memcpy(&v32, buf + i * 4, 4);
			v = v32;
		} else {
			memcpy(&v, buf + i * 8, 8);
		}
		pb_printf(f->b, "%s%s=%llu", i ? ", " : "",
			  link_stats_names[i], (unsigned long long)v);
	}
	pb_putc(f->b, '}');
	return true;
}

bool
nla_link_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	/* strace knows 24 counters of 32 bits (up to rx_nohandler): a
	   length of 23 or at least 24 of them. */
	if (len < 24 * 4 && len != 23 * 4)
		return false;
	return link_stats(f, addr, len, 4, 24);
}

bool
nla_link_stats64(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < 25 * 8 && len != 24 * 8 && len != 23 * 8)
		return false;
	return link_stats(f, addr, len, 8, 25);
}

bool
nla_link_ifmap(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	struct rtnl_link_ifmap m;
	const unsigned size = offsetof(struct rtnl_link_ifmap, port) + 1;

	(void)d;
	if (len < size)
		return false;
	memset(&m, 0, sizeof(m));
	if (read_or_addr(f, &m, addr, size))
		pb_printf(f->b, "{mem_start=%#llx, mem_end=%#llx, "
			  "base_addr=%#llx, irq=%u, dma=%u, port=%u}",
			  (unsigned long long)m.mem_start,
			  (unsigned long long)m.mem_end,
			  (unsigned long long)m.base_addr, m.irq, m.dma, m.port);
	return true;
}

XLAT_TABLE(rtext_filter_flags, "RTEXT_FILTER_???",
	XLAT_PAIR(1 << 0, "RTEXT_FILTER_VF"),
	XLAT_PAIR(1 << 1, "RTEXT_FILTER_BRVLAN"),
	XLAT_PAIR(1 << 2, "RTEXT_FILTER_BRVLAN_COMPRESSED"),
	XLAT_PAIR(1 << 3, "RTEXT_FILTER_SKIP_STATS"),
	XLAT_PAIR(1 << 4, "RTEXT_FILTER_MRP"),
	XLAT_PAIR(1 << 5, "RTEXT_FILTER_CFM_CONFIG"),
	XLAT_PAIR(1 << 6, "RTEXT_FILTER_CFM_STATUS"));

bool
nla_ext_mask(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &rtext_filter_flags, 4);
}

XLAT_TABLE(ifla_events, "IFLA_EVENT_???",
	XLAT_PAIR(0, "IFLA_EVENT_NONE"), XLAT_PAIR(1, "IFLA_EVENT_REBOOT"),
	XLAT_PAIR(2, "IFLA_EVENT_FEATURES"),
	XLAT_PAIR(3, "IFLA_EVENT_BONDING_FAILOVER"),
	XLAT_PAIR(4, "IFLA_EVENT_NOTIFY_PEERS"),
	XLAT_PAIR(5, "IFLA_EVENT_IGMP_RESEND"),
	XLAT_PAIR(6, "IFLA_EVENT_BONDING_OPTIONS"));

bool
nla_ifla_event(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &ifla_events, v, false);
	return true;
}

/* IFLA_PROP_LIST holds IFLA_ attributes of which only IFLA_ALT_IFNAME
   is decoded. */
static const nla_fn prop_list_fns[] = {
	[IFLA_ALT_IFNAME] = nla_str,
};

NLA_NESTED(nla_prop_list, ifla_attrs, prop_list_fns)
