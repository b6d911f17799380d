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
 *   - malformed buffers: nlmsg_len 0 and huge, a message cut short, an
 *     attribute with nla_len 0, a buffer shorter than a header.
 *
 * Everything the kernel answers is an error about the request itself, so
 * two runs print the same. No sleeps.
 */
#define _GNU_SOURCE
#include <linux/inet_diag.h>
#include <linux/netlink.h>
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

int
main(void)
{
	route();
	sock_diag();
	malformed();
	return 0;
}
