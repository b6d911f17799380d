/* SPDX-License-Identifier: MIT */
/*
 * cli_sockopt: a deterministic tracee for the "sockopt" golden family:
 * socket options at several levels and lengths (SOL_SOCKET ints and
 * structures cut short, SO_ERROR, SO_TXREHASH, a classic BPF filter,
 * SOL_IP multicast requests, SOL_PACKET rings and memberships on a bad
 * fd, ICMP_FILTER), then a sendmsg with SCM_RIGHTS, SCM_CREDENTIALS and
 * SO_TIMESTAMP control messages on a socketpair and the matching
 * recvmsg, and a recvfrom with MSG_TRUNC. Every call either succeeds
 * with the same result under any tracer or fails on a bad fd or length:
 * the output is the same on every run (no times are received).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

static void
options(int s)
{
	int one = 1, v = 0;
	socklen_t len;
	struct linger lg = { 1, 5 };
	struct ucred uc;
	unsigned char buf[16];
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS, SKF_NET_OFF + 9),
		BPF_STMT(BPF_LD | BPF_B | BPF_ABS,
			 SKF_AD_OFF + SKF_AD_PROTOCOL),
		BPF_JUMP(BPF_JMP | BPF_K | BPF_JEQ, 17, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = { 5, insns };
	struct ip_mreq mreq;
	struct packet_mreq pm;
	struct tpacket_req tr = { 4096, 2, 2048, 4 };
	struct icmp_filter icf = { (1U << ICMP_ECHO) | (1U << ICMP_TIMESTAMP) };

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
	len = 3; /* the kernel returns 3 bytes: printed in hex */
	getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	len = sizeof(lg);
	getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
	len = 6; /* l_onoff whole, l_linger cut */
	getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
	len = sizeof(uc);
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len);
	len = 7;
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &uc, &len);
	len = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len);
	len = 2;
	getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len);
	len = sizeof(buf); /* a filter on a socket that has none: 0 */
	getsockopt(s, SOL_SOCKET, SO_GET_FILTER, NULL, &len);
	/* a UNIX socket takes classic BPF too */
	setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog) - 1);
	setsockopt(s, SOL_SOCKET, SO_DETACH_FILTER, &one, sizeof(one));

	inet_pton(AF_INET, "224.0.0.3", &mreq.imr_multiaddr);
	inet_pton(AF_INET, "127.0.0.1", &mreq.imr_interface);
	setsockopt(-1, SOL_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq));
	setsockopt(-1, SOL_IP, IP_DROP_MEMBERSHIP, &mreq, sizeof(mreq) - 1);
	memset(&pm, 0, sizeof(pm));
	pm.mr_type = PACKET_MR_PROMISC;
	pm.mr_alen = 6;
	memcpy(pm.mr_address, "\x02\x00\x5e\x10\x20\x30", 6);
	setsockopt(-1, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &pm, sizeof(pm));
	setsockopt(-1, SOL_PACKET, PACKET_RX_RING, &tr, sizeof(tr));
	len = 12;
	getsockopt(-1, SOL_PACKET, PACKET_STATISTICS, buf, &len);
	setsockopt(-1, SOL_RAW, ICMP_FILTER, &icf, sizeof(icf));
	icf.data = ~icf.data;
	setsockopt(-1, SOL_RAW, ICMP_FILTER, &icf, sizeof(icf));
	setsockopt(-1, SOL_SOCKET, SO_TXREHASH, &one, sizeof(one));
}

static void
control(int a, int b)
{
	union {
		char buf[CMSG_SPACE(sizeof(int)) +
			 CMSG_SPACE(sizeof(struct ucred)) +
			 CMSG_SPACE(sizeof(struct timeval))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { "hello", 5 };
	struct msghdr m = { 0 };
	struct cmsghdr *c;
	struct ucred uc = { getpid(), getuid(), getgid() };
	struct timeval tv = { 123456789, 987654 };
	int fd = 0, one = 1;
	char in[16];

	setsockopt(b, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	memset(&u, 0, sizeof(u));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = u.buf;
	m.msg_controllen = CMSG_SPACE(sizeof(int)) +
			   CMSG_SPACE(sizeof(struct ucred));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(uc));
	memcpy(CMSG_DATA(c), &uc, sizeof(uc));
	sendmsg(a, &m, 0);

	/* A timestamp message on a bad fd: sent nowhere, printed whole. */
	memset(&u, 0, sizeof(u));
	m.msg_controllen = CMSG_SPACE(sizeof(tv));
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SO_TIMESTAMP_OLD;
	c->cmsg_len = CMSG_LEN(sizeof(tv));
	memcpy(CMSG_DATA(c), &tv, sizeof(tv));
	sendmsg(-1, &m, 0);
	c->cmsg_len = CMSG_LEN(sizeof(tv) / 2);
	sendmsg(-1, &m, 0);

	memset(&u, 0, sizeof(u));
	iov.iov_base = in;
	iov.iov_len = sizeof(in);
	m.msg_controllen = sizeof(u.buf);
	recvmsg(b, &m, 0);
	if (m.msg_controllen >= CMSG_LEN(sizeof(int))) {
		c = CMSG_FIRSTHDR(&m);
		if (c && c->cmsg_type == SCM_RIGHTS) {
			memcpy(&fd, CMSG_DATA(c), sizeof(fd));
			close(fd);
		}
	}
}

int
main(void)
{
	int sv[2], dg[2];
	char c[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) ||
	    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg)) {
		perror("socketpair");
		return 1;
	}
	options(sv[0]);
	control(sv[0], sv[1]);
	/* A datagram longer than the buffer: MSG_TRUNC returns its length. */
	send(dg[0], "AB", 2, 0);
	recvfrom(dg[1], c, 1, MSG_TRUNC, NULL, NULL);
	return 0;
}
