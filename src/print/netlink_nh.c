/* SPDX-License-Identifier: MIT */
/*
 * netlink_nh.c: the attributes of RTM_*NEXTHOP messages (after struct
 * nhmsg), as strace 6.1 prints them: ids, groups of nexthops with their
 * weights, the resilient group's and bucket's nested attributes.
 */
#define _GNU_SOURCE
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "netlink.h"

static bool
nh_grp_elem(struct fmt *f, const void *elem, void *data)
{
	struct nexthop_grp g;

	(void)data;
	memcpy(&g, elem, sizeof(g));
	pb_printf(f->b, "{id=%u, weight=%u", g.id, g.weight);
	if (g.resvd1)
		pb_printf(f->b, ", resvd1=%#x", g.resvd1);
	if (g.resvd2)
		pb_printf(f->b, ", resvd2=%#x", g.resvd2);
	pb_putc(f->b, '}');
	return true;
}

static bool
nla_nh_group(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	size_t n = len / sizeof(struct nexthop_grp);

	(void)d;
	if (!n)
		return false;
	print_array(f, addr, n, sizeof(struct nexthop_grp), nh_grp_elem, NULL);
	return true;
}

XLAT_TABLE(nh_grp_types, "NEXTHOP_GRP_TYPE_???",
	   XLAT_PAIR(0, "NEXTHOP_GRP_TYPE_MPATH"),
	   XLAT_PAIR(1, "NEXTHOP_GRP_TYPE_RES"));

static bool
nla_nh_group_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_xval_n(f, addr, len, &nh_grp_types, 2);
}

XLAT_TABLE(nha_res_group_attrs, "NHA_RES_GROUP_???",
	   XLAT_PAIR(0, "NHA_RES_GROUP_PAD"),
	   XLAT_PAIR(1, "NHA_RES_GROUP_BUCKETS"),
	   XLAT_PAIR(2, "NHA_RES_GROUP_IDLE_TIMER"),
	   XLAT_PAIR(3, "NHA_RES_GROUP_UNBALANCED_TIMER"),
	   XLAT_PAIR(4, "NHA_RES_GROUP_UNBALANCED_TIME"));
static const nla_fn res_group_fns[] = {
	NULL, nla_u16, nla_clock_t, nla_clock_t, nla_clock_t,
};

static NLA_NESTED(nla_nh_res_group, nha_res_group_attrs, res_group_fns)

XLAT_TABLE(nha_res_bucket_attrs, "NHA_RES_BUCKET_???",
	   XLAT_PAIR(0, "NHA_RES_BUCKET_PAD"),
	   XLAT_PAIR(1, "NHA_RES_BUCKET_INDEX"),
	   XLAT_PAIR(2, "NHA_RES_BUCKET_IDLE_TIME"),
	   XLAT_PAIR(3, "NHA_RES_BUCKET_NH_ID"));
static const nla_fn res_bucket_fns[] = {
	NULL, nla_u16, nla_clock_t, nla_u32,
};

static NLA_NESTED(nla_nh_res_bucket, nha_res_bucket_attrs, res_bucket_fns)

_Static_assert(NHA_RES_BUCKET + 1 == NHA_FNS_N, "nha_fns covers NHA_");
const nla_fn nha_fns[NHA_FNS_N] = {
	[NHA_ID] = nla_u32,
	[NHA_GROUP] = nla_nh_group,
	[NHA_GROUP_TYPE] = nla_nh_group_type,
	[NHA_BLACKHOLE] = nla_u32,
	[NHA_OIF] = nla_ifindex,
	[NHA_GATEWAY] = nla_family_addr, /* of nhmsg's nh_family */
	[NHA_ENCAP_TYPE] = nla_encap_type,
	[NHA_GROUPS] = nla_u32,
	[NHA_MASTER] = nla_ifindex,
	[NHA_FDB] = nla_u32,
	[NHA_RES_GROUP] = nla_nh_res_group,
	[NHA_RES_BUCKET] = nla_nh_res_bucket,
};
