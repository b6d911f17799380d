/* SPDX-License-Identifier: MIT */
/*
 * cli_netlink: a deterministic tracee for the "netlink" golden family:
 * netlink messages in sendto, sendmsg, recvfrom and recvmsg buffers.
 *
 *   - NETLINK_ROUTE: an RTM_GETLINK dump request with an attribute
 *     (sendto), a request for a link that does not exist with
 *     NLM_F_ACK (sendmsg to the kernel's address), and its answer, an
 *     NLMSG_ERROR that carries the request back (recvmsg);
 *   - NETLINK_SOCK_DIAG: a unix_diag request for an inode that does not
 *     exist and its error answer (recvfrom), an inet_diag request;
 *   - nested link attributes (a bound NETLINK_ROUTE socket): a bridge
 *     port's IFLA_PROTINFO, IFLA_XDP, IFLA_AF_SPEC of a bridge and of
 *     AF_INET6, IFLA_PROTO_DOWN_REASON, IFLA_LINKINFO, IFLA_MAP;
 *   - malformed buffers: nlmsg_len 0 and huge, a message cut short, an
 *     attribute with nla_len 0, a buffer shorter than a header;
 *   - more attributes, in messages without NLM_F_REQUEST (which the
 *     kernel drops): SR-IOV VF info, a bridge's IFLA_LINKINFO data,
 *     RTM_GETSTATS and RTM_GETNEXTHOP attributes, an inet_diag filter,
 *     a packet socket's filter and an SMC socket's fallback reasons;
 *   - an inet_diag answer with the attributes of congestion controls,
 *     SCTP addresses, MD5 keys, TLS info and BPF storages.
 *
 * Everything the kernel answers is an error about the request itself, so
 * two runs print the same. No sleeps.
 */
#define _GNU_SOURCE
#include <linux/if_bridge.h>
#include <linux/filter.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/mpls.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/packet_diag.h>
#include <linux/smc_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int
nl_socket(int proto)
{
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (s < 0)
		perror("socket");
	return s;
}

static void
route(void)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg ifi;
		struct nlattr a;
		uint32_t mask;
	} dump = {
		.h = { .nlmsg_len = sizeof(dump), .nlmsg_type = RTM_GETLINK,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		       .nlmsg_seq = 1 },
		.ifi = { .ifi_family = AF_UNSPEC },
		.a = { .nla_len = sizeof(struct nlattr) + 4,
		       .nla_type = IFLA_EXT_MASK },
		.mask = 1,
	};
	struct {
		struct nlmsghdr h;
		struct ifinfomsg ifi;
	} get = {
		.h = { .nlmsg_len = sizeof(get), .nlmsg_type = RTM_GETLINK,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		       .nlmsg_seq = 2 },
		.ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 0x7ffffff0 },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct iovec iov = { &get, sizeof(get) };
	struct msghdr m = { .msg_name = &kernel, .msg_namelen = sizeof(kernel),
			    .msg_iov = &iov, .msg_iovlen = 1 };
	long answer[256];
	struct iovec in = { answer, sizeof(answer) };
	struct sockaddr_nl from;
	struct msghdr r = { .msg_name = &from, .msg_namelen = sizeof(from),
			    .msg_iov = &in, .msg_iovlen = 1 };
	int s = nl_socket(NETLINK_ROUTE), t = nl_socket(NETLINK_ROUTE);

	if (s < 0 || t < 0)
		return;
	/* The dump goes on a socket that is closed unread. */
	sendto(s, &dump, sizeof(dump), 0, NULL, 0);
	close(s);
	sendmsg(t, &m, 0);
	recvmsg(t, &r, 0);
	close(t);
}

static void
sock_diag(void)
{
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} ux = {
		.h = { .nlmsg_len = sizeof(ux),
		       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 3 },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = 1 << 1,
		       .udiag_ino = 0x7ffffff0, .udiag_show = UDIAG_SHOW_NAME,
		       .udiag_cookie = { INET_DIAG_NOCOOKIE,
					 INET_DIAG_NOCOOKIE } },
	};
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} inet = {
		.h = { .nlmsg_len = sizeof(inet),
		       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 4 },
		.r = { .sdiag_family = AF_INET, .sdiag_protocol = IPPROTO_TCP,
		       .idiag_states = 1 << 10,
		       .id = { .idiag_sport = htons(1), .idiag_dport = htons(2),
			       .idiag_src = { htonl(INADDR_LOOPBACK) },
			       .idiag_dst = { htonl(INADDR_LOOPBACK) },
			       .idiag_cookie = { INET_DIAG_NOCOOKIE,
						 INET_DIAG_NOCOOKIE } } },
	};
	long answer[256];
	int s = nl_socket(NETLINK_SOCK_DIAG);

	if (s < 0)
		return;
	sendto(s, &ux, sizeof(ux), 0, NULL, 0);
	recvfrom(s, answer, sizeof(answer), 0, NULL, NULL);
	sendto(s, &inet, sizeof(inet), 0, NULL, 0);
	recvfrom(s, answer, sizeof(answer), 0, NULL, NULL);
	close(s);
}

/* Appends an attribute of len bytes at *pos in buf; returns where its
   data starts (for nests, whose nla_len is fixed up after). */
static size_t
put_attr(unsigned char *buf, size_t *pos, uint16_t type, const void *data,
	 size_t len)
{
	struct nlattr a = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
			    .nla_type = type };
	size_t start = *pos;

	memcpy(buf + start, &a, sizeof(a));
	if (data)
		memcpy(buf + start + NLA_HDRLEN, data, len);
	*pos = start + NLA_ALIGN(NLA_HDRLEN + len);
	return start;
}

static void
end_nest(unsigned char *buf, size_t start, size_t pos)
{
	uint16_t len = (uint16_t)(pos - start);

	memcpy(buf + start, &len, sizeof(len));
}

/* One RTM_GETLINK request for an index that does not exist, with the
   nested attributes of family af; sent and not read. */
static void
link_attrs(int s, unsigned char af)
{
	unsigned char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr h = { .nlmsg_type = RTM_GETLINK,
			      .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 7 };
	struct ifinfomsg ifi = { .ifi_family = af, .ifi_index = 0x7ffffff0 };
	size_t pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifi)), nest, inner;
	uint8_t u8 = 3;
	uint16_t u16 = 0x8003;
	uint32_t u32 = 0x2 /* XDP_FLAGS_SKB_MODE */;
	int32_t conf[2] = { 1, -1 };
	struct ifla_bridge_id id = { { 0x80, 0 }, { 2, 0, 0, 0, 0, 1 } };
	struct rtnl_link_ifmap map = { .mem_start = 0x1000, .irq = 11 };

	memset(buf, 0, sizeof(buf));
	if (af == AF_BRIDGE) {
		nest = put_attr(buf, &pos, IFLA_PROTINFO, NULL, 0);
		put_attr(buf, &pos, IFLA_BRPORT_STATE, &u8, 1);
		put_attr(buf, &pos, IFLA_BRPORT_GROUP_FWD_MASK, &u16, 2);
		put_attr(buf, &pos, IFLA_BRPORT_ROOT_ID, &id, sizeof(id));
		end_nest(buf, nest, pos);
		nest = put_attr(buf, &pos, IFLA_XDP, NULL, 0);
		put_attr(buf, &pos, IFLA_XDP_FLAGS, &u32, 4);
		u8 = 1 /* XDP_ATTACHED_DRV */;
		put_attr(buf, &pos, IFLA_XDP_ATTACHED, &u8, 1);
		end_nest(buf, nest, pos);
		nest = put_attr(buf, &pos, IFLA_AF_SPEC, NULL, 0);
		u16 = BRIDGE_FLAGS_SELF;
		put_attr(buf, &pos, IFLA_BRIDGE_FLAGS, &u16, 2);
		end_nest(buf, nest, pos);
		nest = put_attr(buf, &pos, IFLA_PROTO_DOWN_REASON, NULL, 0);
		u32 = 0xf0;
		put_attr(buf, &pos, IFLA_PROTO_DOWN_REASON_MASK, &u32, 4);
		end_nest(buf, nest, pos);
	} else {
		nest = put_attr(buf, &pos, IFLA_AF_SPEC, NULL, 0);
		inner = put_attr(buf, &pos, AF_INET6, NULL, 0);
		u8 = 1 /* IN6_ADDR_GEN_MODE_NONE */;
		put_attr(buf, &pos, IFLA_INET6_ADDR_GEN_MODE, &u8, 1);
		put_attr(buf, &pos, IFLA_INET6_CONF, conf, sizeof(conf));
		end_nest(buf, inner, pos);
		end_nest(buf, nest, pos);
		nest = put_attr(buf, &pos, IFLA_LINKINFO, NULL, 0);
		put_attr(buf, &pos, IFLA_INFO_KIND, "dummy", 6);
		end_nest(buf, nest, pos);
		put_attr(buf, &pos, IFLA_MAP, &map, sizeof(map));
	}
	h.nlmsg_len = (uint32_t)pos;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + NLMSG_HDRLEN, &ifi, sizeof(ifi));
	sendto(s, buf, pos, MSG_DONTWAIT, NULL, 0);
}

static void
link_nests(void)
{
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	int s = nl_socket(NETLINK_ROUTE);

	if (s < 0)
		return;
	/* Bound, so that the socket's protocol is known from the start. */
	if (bind(s, (struct sockaddr *)&me, sizeof(me)) == 0) {
		link_attrs(s, AF_BRIDGE);
		link_attrs(s, AF_INET6);
	}
	close(s);
}

static void
malformed(void)
{
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
		char pad[3];
		struct nlattr a;
		struct nlattr b;
	} msg = {
		.h = { .nlmsg_len = sizeof(msg), .nlmsg_type = RTM_GETADDR,
		       .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 5 },
		.g = { .rtgen_family = AF_INET },
	};
	struct ifaddrmsg *ifa = (struct ifaddrmsg *)&msg.g;
	int s = nl_socket(NETLINK_ROUTE);

	if (s < 0)
		return;
	/* An attribute with nla_len 0, then one whose length runs past. */
	ifa->ifa_family = AF_INET;
	msg.a.nla_len = 0;
	msg.b.nla_len = 0xffff;
	sendto(s, &msg, sizeof(msg), MSG_DONTWAIT, NULL, 0);
	msg.h.nlmsg_len = 0;
	sendto(s, &msg, sizeof(msg), MSG_DONTWAIT, NULL, 0);
	msg.h.nlmsg_len = 0xffffffff;
	sendto(s, &msg, sizeof(msg), MSG_DONTWAIT, NULL, 0);
	msg.h.nlmsg_len = 0xfffffffd;
	sendto(s, &msg, sizeof(msg), MSG_DONTWAIT, NULL, 0);
	msg.h.nlmsg_len = sizeof(msg);
	sendto(s, &msg, sizeof(msg.h) + 2, MSG_DONTWAIT, NULL, 0);
	sendto(s, &msg, 5, MSG_DONTWAIT, NULL, 0);
	close(s);
}

/* A message of type and payload (hdr bytes, then attributes already in
   buf from NLMSG_HDRLEN + NLMSG_ALIGN(hdr) to pos), without
   NLM_F_REQUEST: the kernel drops it, tracers decode it. */
static void
send_unrequested(int s, unsigned char *buf, size_t pos, uint16_t type,
		 const void *hdr, size_t hdrlen)
{
	struct nlmsghdr h = { .nlmsg_len = (uint32_t)pos, .nlmsg_type = type,
			      .nlmsg_flags = NLM_F_DUMP, .nlmsg_seq = 8 };

	memcpy(buf, &h, sizeof(h));
	memcpy(buf + NLMSG_HDRLEN, hdr, hdrlen);
	sendto(s, buf, pos, MSG_DONTWAIT, NULL, 0);
}

static void
more_route_attrs(void)
{
	unsigned char buf[512] __attribute__((aligned(8)));
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 1 };
	struct if_stats_msg st = { .family = AF_UNSPEC, .ifindex = 1 };
	struct nhmsg nh = { .nh_family = AF_INET };
	struct ifla_vf_mac mac = { .vf = 1, .mac = { 2, 0, 0, 0, 0, 9 } };
	struct ifla_vf_link_state ls = { .vf = 1, .link_state = 2 };
	struct mpls_link_stats mpls = { .rx_packets = 5, .rx_noroute = 7 };
	struct nexthop_grp grp[2] = { { .id = 10, .weight = 1 },
				      { .id = 11, .weight = 2 } };
	uint32_t u32 = 3;
	uint16_t be = htons(0x8100);
	size_t pos, nest, inner;
	int s = nl_socket(NETLINK_ROUTE);

	if (s < 0)
		return;
	if (bind(s, (struct sockaddr *)&me, sizeof(me))) {
		close(s);
		return;
	}
	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(ifi));
	nest = put_attr(buf, &pos, IFLA_VFINFO_LIST, NULL, 0);
	inner = put_attr(buf, &pos, IFLA_VF_INFO, NULL, 0);
	put_attr(buf, &pos, IFLA_VF_MAC, &mac, sizeof(mac));
	put_attr(buf, &pos, IFLA_VF_LINK_STATE, &ls, sizeof(ls));
	end_nest(buf, inner, pos);
	end_nest(buf, nest, pos);
	nest = put_attr(buf, &pos, IFLA_LINKINFO, NULL, 0);
	put_attr(buf, &pos, IFLA_INFO_KIND, "bridge", 7);
	inner = put_attr(buf, &pos, IFLA_INFO_DATA, NULL, 0);
	put_attr(buf, &pos, IFLA_BR_STP_STATE, &u32, 4);
	put_attr(buf, &pos, IFLA_BR_VLAN_PROTOCOL, &be, 2);
	end_nest(buf, inner, pos);
	end_nest(buf, nest, pos);
	send_unrequested(s, buf, pos, RTM_GETLINK, &ifi, sizeof(ifi));

	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(st));
	nest = put_attr(buf, &pos, IFLA_STATS_AF_SPEC, NULL, 0);
	inner = put_attr(buf, &pos, AF_MPLS, NULL, 0);
	put_attr(buf, &pos, MPLS_STATS_LINK, &mpls, sizeof(mpls));
	end_nest(buf, inner, pos);
	end_nest(buf, nest, pos);
	send_unrequested(s, buf, pos, RTM_GETSTATS, &st, sizeof(st));

	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(nh));
	u32 = 42;
	put_attr(buf, &pos, NHA_ID, &u32, 4);
	put_attr(buf, &pos, NHA_GROUP, grp, sizeof(grp));
	send_unrequested(s, buf, pos, RTM_GETNEXTHOP, &nh, sizeof(nh));
	close(s);
}

static void
more_diag_attrs(void)
{
	unsigned char buf[512] __attribute__((aligned(8)));
	struct inet_diag_req_v2 req = { .sdiag_family = AF_INET,
					.sdiag_protocol = IPPROTO_TCP };
	struct packet_diag_msg pk = { .pdiag_family = AF_PACKET,
				      .pdiag_type = SOCK_RAW };
	struct smc_diag_msg smc = { .diag_family = 43 /* AF_SMC */ };
	struct {
		struct inet_diag_bc_op op;
		struct inet_diag_hostcond cond;
		uint32_t addr;
	} bc = {
		.op = { .code = INET_DIAG_BC_S_COND, .yes = 16, .no = 20 },
		.cond = { .family = AF_INET, .prefix_len = 8, .port = 80 },
		.addr = htonl(INADDR_LOOPBACK),
	};
	struct sock_filter insns[2] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
	};
	struct smc_diag_fallback fb = { .reason = 0x03030000,
					.peer_diagnosis = 0x7 };
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };
	size_t pos;
	int s = nl_socket(NETLINK_SOCK_DIAG);

	if (s < 0)
		return;
	/* Bound, so that the socket's protocol is known from the start. */
	if (bind(s, (struct sockaddr *)&me, sizeof(me))) {
		close(s);
		return;
	}
	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(req));
	put_attr(buf, &pos, INET_DIAG_REQ_BYTECODE, &bc, sizeof(bc));
	/* A request for one socket that does not exist (not a dump). */
	{
		struct nlmsghdr h = { .nlmsg_len = (uint32_t)pos,
				      .nlmsg_type = SOCK_DIAG_BY_FAMILY,
				      .nlmsg_flags = NLM_F_REQUEST,
				      .nlmsg_seq = 9 };

		memcpy(buf, &h, sizeof(h));
		memcpy(buf + NLMSG_HDRLEN, &req, sizeof(req));
		sendto(s, buf, pos, MSG_DONTWAIT, NULL, 0);
	}

	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(pk));
	put_attr(buf, &pos, PACKET_DIAG_FILTER, insns, sizeof(insns));
	send_unrequested(s, buf, pos, SOCK_DIAG_BY_FAMILY, &pk, sizeof(pk));

	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(smc));
	put_attr(buf, &pos, SMC_DIAG_FALLBACK, &fb, sizeof(fb));
	send_unrequested(s, buf, pos, SOCK_DIAG_BY_FAMILY, &smc, sizeof(smc));
	close(s);
}

/* An inet_diag_msg (an answer, which the kernel drops when sent to it)
   with the attributes of congestion controls, SCTP addresses, an MD5
   key, the upper layer protocol's info, BPF socket storages, socket
   option bits and memory counters. */
static void
inet_diag_answer(void)
{
	unsigned char buf[1024] __attribute__((aligned(8)));
	struct inet_diag_msg msg = { .idiag_family = AF_INET,
				     .idiag_state = 10 /* TCP_LISTEN */ };
	struct tcpvegas_info vegas = { .tcpv_enabled = 1, .tcpv_rttcnt = 2,
				       .tcpv_rtt = 3, .tcpv_minrtt = 4 };
	struct tcp_bbr_info bbr = { .bbr_bw_lo = 0xbeef, .bbr_bw_hi = 1,
				    .bbr_min_rtt = 7, .bbr_pacing_gain = 8,
				    .bbr_cwnd_gain = 9 };
	struct {
		uint8_t family, prefixlen;
		uint16_t keylen;
		uint32_t addr[4];
		uint8_t key[80];
	} md5 = { .family = AF_INET, .prefixlen = 32, .keylen = 3,
		  .addr = { htonl(INADDR_LOOPBACK) }, .key = { 1, 2, 0xff } };
	struct sockaddr_storage local;
	struct sockaddr_in *sin = (struct sockaddr_in *)&local;
	uint32_t mem[3] = { 5, 6, 0 }, u32 = 77;
	uint64_t u64 = 0x1122334455667788ull;
	uint16_t u16 = 0x304; /* TLS_1_3_VERSION */
	uint8_t opt[2] = { 0x11, 0x04 };
	struct unix_diag_msg un = { .udiag_family = AF_UNIX,
				    .udiag_type = SOCK_STREAM };
	size_t pos, nest, inner;
	int s = nl_socket(NETLINK_SOCK_DIAG);
	struct sockaddr_nl me = { .nl_family = AF_NETLINK };

	if (s < 0)
		return;
	if (bind(s, (struct sockaddr *)&me, sizeof(me))) {
		close(s);
		return;
	}
	memset(&local, 0, sizeof(local));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(4242);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(msg));
	put_attr(buf, &pos, INET_DIAG_VEGASINFO, &vegas, sizeof(vegas));
	put_attr(buf, &pos, INET_DIAG_BBRINFO, &bbr, sizeof(bbr));
	put_attr(buf, &pos, INET_DIAG_SKMEMINFO, mem, 2 * sizeof(mem[0]));
	put_attr(buf, &pos, INET_DIAG_MD5SIG, &md5, sizeof(md5));
	put_attr(buf, &pos, INET_DIAG_LOCALS, &local, sizeof(local));
	nest = put_attr(buf, &pos, INET_DIAG_ULP_INFO, NULL, 0);
	put_attr(buf, &pos, 1 /* INET_ULP_INFO_NAME */, "tls", 4);
	inner = put_attr(buf, &pos, 2 /* INET_ULP_INFO_TLS */, NULL, 0);
	put_attr(buf, &pos, 1 /* TLS_INFO_VERSION */, &u16, 2);
	end_nest(buf, inner, pos);
	end_nest(buf, nest, pos);
	nest = put_attr(buf, &pos, INET_DIAG_SK_BPF_STORAGES, NULL, 0);
	inner = put_attr(buf, &pos, SK_DIAG_BPF_STORAGE, NULL, 0);
	put_attr(buf, &pos, SK_DIAG_BPF_STORAGE_MAP_ID, &u32, 4);
	put_attr(buf, &pos, SK_DIAG_BPF_STORAGE_MAP_VALUE, &u64, 8);
	end_nest(buf, inner, pos);
	end_nest(buf, nest, pos);
	put_attr(buf, &pos, INET_DIAG_SOCKOPT, opt, sizeof(opt));
	/* Longer than any integer: bytes. */
	put_attr(buf, &pos, INET_DIAG_SHUTDOWN, mem, sizeof(mem));
	send_unrequested(s, buf, pos, SOCK_DIAG_BY_FAMILY, &msg, sizeof(msg));

	/* A unix socket's name without its NUL: "..." after it. */
	memset(buf, 0, sizeof(buf));
	pos = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(un));
	put_attr(buf, &pos, UNIX_DIAG_NAME, "@sock", 5);
	put_attr(buf, &pos, UNIX_DIAG_NAME, "/run/s\0", 8);
	send_unrequested(s, buf, pos, SOCK_DIAG_BY_FAMILY, &un, sizeof(un));
	close(s);
}

int
main(void)
{
	route();
	sock_diag();
	link_nests();
	malformed();
	more_route_attrs();
	more_diag_attrs();
	inet_diag_answer();
	return 0;
}
