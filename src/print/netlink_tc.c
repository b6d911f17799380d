/* SPDX-License-Identifier: MIT */
/*
 * netlink_tc.c: the attributes of traffic control messages (tcmsg,
 * tcamsg) and of routes (rtmsg), as strace 6.1 prints them: statistics
 * structs, size tables, action flags, route metrics.
 */
#define _GNU_SOURCE
#include <linux/gen_stats.h>
#include <linux/lwtunnel.h>
#include <linux/pkt_cls.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

XLAT_TABLE(tca_stats_attrs, "TCA_STATS_???",
	XLAT(TCA_STATS_UNSPEC), XLAT(TCA_STATS_BASIC),
	XLAT(TCA_STATS_RATE_EST), XLAT(TCA_STATS_QUEUE), XLAT(TCA_STATS_APP),
	XLAT(TCA_STATS_RATE_EST64), XLAT(TCA_STATS_PAD),
	XLAT(TCA_STATS_BASIC_HW), XLAT(TCA_STATS_PKT64));

XLAT_TABLE(tca_stab_attrs, "TCA_STAB_???",
	XLAT(TCA_STAB_UNSPEC), XLAT(TCA_STAB_BASE), XLAT(TCA_STAB_DATA));

XLAT_TABLE(tca_act_flags, "TCA_ACT_FLAGS_???",
	XLAT_PAIR((1 << 0), "TCA_ACT_FLAGS_NO_PERCPU_STATS"),
	XLAT_PAIR((1 << 1), "TCA_ACT_FLAGS_SKIP_HW"),
	XLAT_PAIR((1 << 2), "TCA_ACT_FLAGS_SKIP_SW"));

XLAT_TABLE(tca_act_hw_stats, "TCA_ACT_HW_STATS_???",
	XLAT_PAIR((1<<0), "TCA_ACT_HW_STATS_IMMEDIATE"),
	XLAT_PAIR((1<<1), "TCA_ACT_HW_STATS_DELAYED"));

XLAT_TABLE(rtax_attrs, "RTAX_???",
	XLAT(RTAX_UNSPEC), XLAT(RTAX_LOCK), XLAT(RTAX_MTU),
	XLAT(RTAX_WINDOW), XLAT(RTAX_RTT), XLAT(RTAX_RTTVAR),
	XLAT(RTAX_SSTHRESH), XLAT(RTAX_CWND), XLAT(RTAX_ADVMSS),
	XLAT(RTAX_REORDERING), XLAT(RTAX_HOPLIMIT), XLAT(RTAX_INITCWND),
	XLAT(RTAX_FEATURES), XLAT(RTAX_RTO_MIN), XLAT(RTAX_INITRWND),
	XLAT(RTAX_QUICKACK), XLAT(RTAX_CC_ALGO), XLAT(RTAX_FASTOPEN_NO_COOKIE));

XLAT_TABLE(lwt_encap_types, "LWTUNNEL_ENCAP_???",
	XLAT_PAIR(0, "LWTUNNEL_ENCAP_NONE"),
	XLAT_PAIR(1, "LWTUNNEL_ENCAP_MPLS"),
	XLAT_PAIR(2, "LWTUNNEL_ENCAP_IP"),
	XLAT_PAIR(3, "LWTUNNEL_ENCAP_ILA"),
	XLAT_PAIR(4, "LWTUNNEL_ENCAP_IP6"),
	XLAT_PAIR(5, "LWTUNNEL_ENCAP_SEG6"),
	XLAT_PAIR(6, "LWTUNNEL_ENCAP_BPF"),
	XLAT_PAIR(7, "LWTUNNEL_ENCAP_SEG6_LOCAL"),
	XLAT_PAIR(8, "LWTUNNEL_ENCAP_RPL"));

#define F(st, field, kind, x) NLF(struct st, field, kind, x)
#define END(st, field) (offsetof(struct st, field) + sizeof(((struct st *)0)->field))

/* Flags of a u32, when the data has 4 to 8 bytes. */
static bool
flags32(struct fmt *f, uint64_t addr, unsigned len, const struct xlat *x)
{
	uint32_t v;

	if (len < sizeof(v) || len > sizeof(uint64_t))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_flags(f->b, x, v);
	return true;
}

static const struct nl_field tc_stats_f[] = {
	F(tc_stats, bytes, NLF_U, NULL), F(tc_stats, packets, NLF_U, NULL),
	F(tc_stats, drops, NLF_U, NULL), F(tc_stats, overlimits, NLF_U, NULL),
	F(tc_stats, bps, NLF_U, NULL), F(tc_stats, pps, NLF_U, NULL),
	F(tc_stats, qlen, NLF_U, NULL), F(tc_stats, backlog, NLF_U, NULL),
};

static bool
nla_tc_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nl_struct_attr(f, addr, len, tc_stats_f, ARRAY_SIZE(tc_stats_f),
			      END(tc_stats, backlog));
}

static const struct nl_field tc_estimator_f[] = {
	F(tc_estimator, interval, NLF_D, NULL),
	F(tc_estimator, ewma_log, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_tc_estimator, struct tc_estimator, tc_estimator_f)

static const struct nl_field gnet_basic_f[] = {
	F(gnet_stats_basic, bytes, NLF_U, NULL),
	F(gnet_stats_basic, packets, NLF_U, NULL),
};

static bool
nla_gnet_basic(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nl_struct_attr(f, addr, len, gnet_basic_f,
			      ARRAY_SIZE(gnet_basic_f),
			      END(gnet_stats_basic, packets));
}

static const struct nl_field gnet_rate_f[] = {
	F(gnet_stats_rate_est, bps, NLF_U, NULL),
	F(gnet_stats_rate_est, pps, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_gnet_rate, struct gnet_stats_rate_est, gnet_rate_f)

static const struct nl_field gnet_queue_f[] = {
	F(gnet_stats_queue, qlen, NLF_U, NULL),
	F(gnet_stats_queue, backlog, NLF_U, NULL),
	F(gnet_stats_queue, drops, NLF_U, NULL),
	F(gnet_stats_queue, requeues, NLF_U, NULL),
	F(gnet_stats_queue, overlimits, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_gnet_queue, struct gnet_stats_queue, gnet_queue_f)

static const struct nl_field gnet_rate64_f[] = {
	F(gnet_stats_rate_est64, bps, NLF_U, NULL),
	F(gnet_stats_rate_est64, pps, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_gnet_rate64, struct gnet_stats_rate_est64, gnet_rate64_f)

static const nla_fn tca_stats_fns[] = {
	[TCA_STATS_BASIC] = nla_gnet_basic,
	[TCA_STATS_RATE_EST] = nla_gnet_rate,
	[TCA_STATS_QUEUE] = nla_gnet_queue,
	[TCA_STATS_RATE_EST64] = nla_gnet_rate64,
	[TCA_STATS_BASIC_HW] = nla_gnet_basic,
	[TCA_STATS_PKT64] = nla_u64,
};

static NLA_NESTED(nla_tc_stats2, tca_stats_attrs, tca_stats_fns)

static const struct nl_field tc_sizespec_f[] = {
	F(tc_sizespec, cell_log, NLF_U, NULL),
	F(tc_sizespec, size_log, NLF_U, NULL),
	F(tc_sizespec, cell_align, NLF_D, NULL),
	F(tc_sizespec, overhead, NLF_D, NULL),
	F(tc_sizespec, linklayer, NLF_U, NULL),
	F(tc_sizespec, mpu, NLF_U, NULL),
	F(tc_sizespec, mtu, NLF_U, NULL),
	F(tc_sizespec, tsize, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_tc_sizespec, struct tc_sizespec, tc_sizespec_f)

static bool
u16_elem(struct fmt *f, const void *elem, void *data)
{
	uint16_t v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%u", v);
	return true;
}

static bool
nla_stab_data(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < sizeof(uint16_t))
		return false;
	print_array(f, addr, len / sizeof(uint16_t), sizeof(uint16_t),
		    u16_elem, NULL);
	return true;
}

static const nla_fn tca_stab_fns[] = {
	[TCA_STAB_BASE] = nla_tc_sizespec,
	[TCA_STAB_DATA] = nla_stab_data,
};

static NLA_NESTED(nla_tca_stab, tca_stab_attrs, tca_stab_fns)

const nla_fn tca_fns[TCA_DUMP_FLAGS + 1] = {
	[TCA_KIND] = nla_str,
	[TCA_STATS] = nla_tc_stats,
	[TCA_RATE] = nla_tc_estimator,
	[TCA_FCNT] = nla_u32,
	[TCA_STATS2] = nla_tc_stats2,
	[TCA_STAB] = nla_tca_stab,
	[TCA_CHAIN] = nla_u32,
	[TCA_HW_OFFLOAD] = nla_u8,
	[TCA_INGRESS_BLOCK] = nla_u32,
	[TCA_EGRESS_BLOCK] = nla_u32,
	[TCA_DUMP_FLAGS] = nla_u32,
};

const size_t tca_fns_n = ARRAY_SIZE(tca_fns);

static bool
nla_act_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return flags32(f, addr, len, &tca_act_flags);
}

static bool
nla_act_hw_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return flags32(f, addr, len, &tca_act_hw_stats);
}

const nla_fn tca_act_fns[TCA_ACT_IN_HW_COUNT + 1] = {
	[TCA_ACT_KIND] = nla_str,
	[TCA_ACT_INDEX] = nla_u32,
	[TCA_ACT_STATS] = nla_tc_stats2,
	[TCA_ACT_FLAGS] = nla_act_flags,
	[TCA_ACT_HW_STATS] = nla_act_hw_stats,
	[TCA_ACT_USED_HW_STATS] = nla_act_hw_stats,
	[TCA_ACT_IN_HW_COUNT] = nla_u32,
};

const size_t tca_act_fns_n = ARRAY_SIZE(tca_act_fns);

/* --- routes ------------------------------------------------------------ */

static const nla_fn rtax_fns[] = {
	[RTAX_LOCK] = nla_u32, [RTAX_MTU] = nla_u32, [RTAX_WINDOW] = nla_u32,
	[RTAX_RTT] = nla_u32, [RTAX_RTTVAR] = nla_u32,
	[RTAX_SSTHRESH] = nla_u32, [RTAX_CWND] = nla_u32,
	[RTAX_ADVMSS] = nla_u32, [RTAX_REORDERING] = nla_u32,
	[RTAX_HOPLIMIT] = nla_u32, [RTAX_INITCWND] = nla_u32,
	[RTAX_FEATURES] = nla_u32, [RTAX_RTO_MIN] = nla_u32,
	[RTAX_INITRWND] = nla_u32, [RTAX_QUICKACK] = nla_u32,
	[RTAX_CC_ALGO] = nla_str,
};

NLA_NESTED(nla_rta_metrics, rtax_attrs, rtax_fns)

static const struct nl_field mfc_stats_f[] = {
	F(rta_mfc_stats, mfcs_packets, NLF_U, NULL),
	F(rta_mfc_stats, mfcs_bytes, NLF_U, NULL),
	F(rta_mfc_stats, mfcs_wrong_if, NLF_U, NULL),
};
NL_STRUCT_ATTR(nla_mfc_stats_fn, struct rta_mfc_stats, mfc_stats_f)

bool
nla_mfc_stats(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	return nla_mfc_stats_fn(f, addr, len, d);
}

bool
nla_rtvia(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned char a[16];
	uint16_t family;
	unsigned off = offsetof(struct rtvia, rtvia_addr), need;

	(void)d;
	if (len < sizeof(struct rtvia))
		return false;
	if (!read_or_addr(f, &family, addr, sizeof(family)))
		return true;
	pb_puts(f->b, "{rtvia_family=");
	print_xval(f->b, &sock_families, family, false);
	if (len > off) {
		pb_puts(f->b, ", ");
		need = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
		if (need && len - off >= need) {
			if (read_or_addr(f, a, addr + off, need))
				nl_inet_addr(f->b, family, a, need,
					     "rtvia_addr");
		} else {
			pb_puts(f->b, "rtvia_addr=");
			nl_hex(f, addr + off, len - off);
		}
	}
	pb_putc(f->b, '}');
	return true;
}

bool
nla_encap_type(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint16_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &lwt_encap_types, v, false);
	return true;
}
