/* SPDX-License-Identifier: MIT */
/*
 * cmsg.c: a control message's type and data (sendmsg's, recvmsg's and
 * the mmsg calls' msg_control) as strace 6.1 prints them: SCM_RIGHTS'
 * fds, SCM_CREDENTIALS, SCM_SECURITY, the SO_TIMESTAMP* times, and the
 * SOL_IP messages (IP_PKTINFO, IP_TTL, IP_TOS, IP_RECVERR,
 * IP_ORIGDSTADDR ...). A type strace knows whose data is shorter than
 * its minimum prints no cmsg_data; a time shorter than its structure
 * prints cmsg_data=???. net.c walks the messages.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "print.h"

/*
 * An array of len / size values of size bytes, abbreviated as strace
 * abbreviates arrays: fds (SCM_RIGHTS), unsigned ints, or bytes in hex.
 */
enum ckind { C_FD, C_UINT, C_XBYTE };

static void
print_cmsg_array(struct fmt *f, const unsigned char *data, size_t len,
		 size_t size, enum ckind kind)
{
	size_t i, n = len / size;
	size_t max = array_max(f);
	uint32_t v;
	int fd;

	pb_putc(f->b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		if (i >= max) {
			pb_puts(f->b, "...");
			break;
		}
		if (kind == C_FD) {
			memcpy(&fd, data + i * size, sizeof(fd));
			print_fd(f, fd);
		} else if (kind == C_XBYTE) {
			pb_printf(f->b, data[i] ? "%#x" : "0", data[i]);
		} else {
			memcpy(&v, data + i * size, sizeof(v));
			pb_printf(f->b, "%u", v);
		}
	}
	pb_putc(f->b, ']');
}

/* One time of 16 bytes: {tv_sec=1, tv_usec=2} or tv_nsec. */
static void
print_time16(struct pbuf *b, const unsigned char *data, const char *frac)
{
	int64_t t[2];

	memcpy(t, data, sizeof(t));
	pb_printf(b, "{tv_sec=%lld, %s=%llu}", (long long)t[0], frac,
		  (unsigned long long)t[1]);
}

/* SO_TIMESTAMP*: one time, or (TIMESTAMPING) an array of three. */
static void
print_cmsg_times(struct pbuf *b, const unsigned char *data, size_t len,
		 const char *frac, unsigned n)
{
	unsigned i;

	if (len < 16 * (size_t)n) {
		pb_puts(b, "???");
		return;
	}
	if (n == 1) {
		print_time16(b, data, frac);
		return;
	}
	pb_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(b, ", ");
		print_time16(b, data + 16 * i, frac);
	}
	pb_putc(b, ']');
}

static void
print_inaddr(struct pbuf *b, const char *name, const void *a)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, a, ip, sizeof(ip));
	pb_printf(b, "%s=inet_addr(\"%s\")", name, ip);
}

static void
print_pktinfo(struct pbuf *b, const unsigned char *data)
{
	struct in_pktinfo pi;
	char name[IF_NAMESIZE];

	memcpy(&pi, data, sizeof(pi));
	pb_puts(b, "{ipi_ifindex=");
	if (pi.ipi_ifindex > 0 && if_indextoname((unsigned)pi.ipi_ifindex, name))
		pb_printf(b, "if_nametoindex(\"%s\")", name);
	else
		pb_printf(b, "%d", pi.ipi_ifindex);
	print_inaddr(b, ", ipi_spec_dst", &pi.ipi_spec_dst);
	print_inaddr(b, ", ipi_addr", &pi.ipi_addr);
	pb_putc(b, '}');
}

/* struct sock_extended_err with its offender's address after it. */
struct sock_ee {
	uint32_t ee_errno;
	uint8_t ee_origin, ee_type, ee_code, ee_pad;
	uint32_t ee_info, ee_data;
	struct sockaddr_in offender;
};

static void
print_recverr(struct fmt *f, const unsigned char *data, uint64_t addr)
{
	struct sock_ee e;

	memcpy(&e, data, sizeof(e));
	pb_printf(f->b, "{ee_errno=%u, ee_origin=%u, ee_type=%u, ee_code=%u, "
		  "ee_info=%u, ee_data=%u, offender=", e.ee_errno, e.ee_origin,
		  e.ee_type, e.ee_code, e.ee_info, e.ee_data);
	print_sockaddr(f, addr + offsetof(struct sock_ee, offender),
		       (int)sizeof(e.offender));
	pb_putc(f->b, '}');
}

/* cmsg_data of a SOL_SOCKET message. */
static void
print_socket_data(struct fmt *f, int type, const unsigned char *data,
		  size_t len)
{
	struct pbuf *b = f->b;
	uint32_t cred[3];

	switch (type) {
	case SCM_RIGHTS:
		if (len < sizeof(int))
			return;
		pb_puts(b, ", cmsg_data=");
		print_cmsg_array(f, data, len, sizeof(int), C_FD);
		return;
	case SCM_CREDENTIALS:
		if (len < sizeof(cred))
			return;
		memcpy(cred, data, sizeof(cred));
		pb_printf(b, ", cmsg_data={pid=%d, uid=", (int)cred[0]);
		pb_printf(b, cred[1] == UINT32_MAX ? "%d" : "%u", cred[1]);
		pb_puts(b, ", gid=");
		pb_printf(b, cred[2] == UINT32_MAX ? "%d" : "%u", cred[2]);
		pb_putc(b, '}');
		return;
	case KERNEL_SCM_SECURITY:
		break;
	case SO_TIMESTAMP_OLD:
	case SO_TIMESTAMP_NEW:
	case SO_TIMESTAMPNS_OLD:
	case SO_TIMESTAMPNS_NEW:
	case SO_TIMESTAMPING_OLD:
	case SO_TIMESTAMPING_NEW:
		if (len < 1)
			return;
		pb_puts(b, ", cmsg_data=");
		print_cmsg_times(b, data, len,
				 type == SO_TIMESTAMP_OLD ||
				 type == SO_TIMESTAMP_NEW ? "tv_usec" : "tv_nsec",
				 type == SO_TIMESTAMPING_OLD ||
				 type == SO_TIMESTAMPING_NEW ? 3 : 1);
		return;
	default:
		return;
	}
	if (len >= 1) {
		pb_puts(b, ", cmsg_data=");
		pb_quote(b, data, len, f->o->xflag, 0);
	}
}

/* cmsg_data of a SOL_IP message. */
static void
print_ip_data(struct fmt *f, int type, const unsigned char *data, size_t len,
	      uint64_t addr)
{
	struct pbuf *b = f->b;

	switch (type) {
	case IP_PKTINFO:
		if (len < sizeof(struct in_pktinfo))
			return;
		pb_puts(b, ", cmsg_data=");
		print_pktinfo(b, data);
		return;
	case IP_TTL:
	case IP_CHECKSUM:
		if (len < 4)
			return;
		pb_puts(b, ", cmsg_data=");
		print_cmsg_array(f, data, len, 4, C_UINT);
		return;
	case IP_TOS:
	case IP_RECVOPTS:
	case IP_RETOPTS:
		if (len < 1)
			return;
		pb_puts(b, ", cmsg_data=");
		print_cmsg_array(f, data, len, 1, C_XBYTE);
		return;
	case IP_RECVERR:
		if (len < sizeof(struct sock_ee))
			return;
		pb_puts(b, ", cmsg_data=");
		print_recverr(f, data, addr);
		return;
	case IP_ORIGDSTADDR:
		if (len < sizeof(struct sockaddr_in))
			return;
		pb_puts(b, ", cmsg_data=");
		print_sockaddr(f, addr,
			       len > sizeof(struct sockaddr_storage)
				       ? (int)sizeof(struct sockaddr_storage)
				       : (int)len);
		return;
	case KERNEL_SCM_SECURITY:
		if (len < 1)
			return;
		pb_puts(b, ", cmsg_data=");
		pb_quote(b, data, len, f->o->xflag, 0);
		return;
	}
}

void
print_cmsg_data(struct fmt *f, int level, int type,
		const unsigned char *data, size_t len, uint64_t addr)
{
	struct pbuf *b = f->b;

	if (level == SOL_SOCKET) {
		print_xval(b, &scm_types, (uint64_t)(unsigned)type, false);
		print_socket_data(f, type, data, len);
	} else if (level == SOL_IP) {
		print_xval(b, &ip_cmsg_types, (uint64_t)(unsigned)type, false);
		print_ip_data(f, type, data, len, addr);
	} else {
		pb_printf(b, type ? "%#x" : "0", (unsigned)type);
	}
}
