/* SPDX-License-Identifier: MIT */
/*
 * cli_sockaddr: connect(-1, ...) with an address of each family strace
 * decodes field by field (packet, ax25, ipx, x25, bluetooth, rxrpc,
 * ieee802154, alg, nfc, vsock, qipcrtr, xdp, mctp), some cut short. The
 * fd is bad, so nothing connects; the tracer prints the address only.
 */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

static void
conn(uint16_t family, const void *body, size_t n, size_t len)
{
	unsigned char buf[256];

	memset(buf, 0, sizeof(buf));
	memcpy(buf, &family, 2);
	memcpy(buf + 2, body, n);
	connect(-1, (const struct sockaddr *)buf, (socklen_t)len);
}

int
main(void)
{
	/* sll_protocol ETH_P_IP, ifindex 1, ARPHRD_ETHER, PACKET_HOST, a MAC */
	static const unsigned char ll[] = { 0x08, 0x00, 1, 0, 0, 0, 1, 0, 0, 6,
					    2, 0, 0x5e, 0x10, 0x20, 0x30 };
	/* "N0CALL-7" */
	static const unsigned char ax25[] = { 'N' << 1, '0' << 1, 'C' << 1,
					      'A' << 1, 'L' << 1, 'L' << 1,
					      7 << 1, 0, 0, 0, 0 };
	static const unsigned char ipx[] = { 0x30, 0x39, 0xfa, 0xce, 0xfe,
					     0xed, 1, 2, 3, 4, 5, 6, 0x11, 0 };
	static const char x25[] = "123456789";
	/* l2: psm 0x1003, a bdaddr, cid 0x41, BDADDR_LE_RANDOM */
	static const unsigned char l2[] = { 0x03, 0x10, 1, 2, 3, 4, 5, 6,
					    0x41, 0, 2, 0 };
	static const unsigned char rc[] = { 1, 2, 3, 4, 5, 6, 9 };
	static const unsigned char hci[] = { 3, 0, 2, 0 };
	/* ieee802154: ADDR_SHORT, pan 0xffff, short 0xfffe */
	static const unsigned char ieee[] = { 0, 0, 2, 0, 0, 0, 0xff, 0xff,
					      0xfe, 0xff, 0, 0, 0, 0, 0, 0,
					      0, 0, 0, 0, 0, 0 };
	unsigned char alg[86] = { 0 };
	/* vsock: port 1234, cid VMADDR_CID_HOST, VMADDR_FLAG_TO_HOST */
	static const unsigned char vm[] = { 0, 0, 0xd2, 0x04, 0, 0, 2, 0, 0, 0,
					    1, 0, 0, 0 };
	static const unsigned char qrtr[] = { 0, 0, 0xff, 0xff, 0xff, 0xff,
					      0xfe, 0xff, 0xff, 0xff };
	static const unsigned char xdp[] = { 4, 0, 1, 0, 0, 0, 3, 0, 0, 0,
					     0, 0, 0, 0 };
	static const unsigned char mctp[] = { 0, 0, 0, 0, 0, 0, 0xff, 1, 8,
					      0 };
	/* rxrpc over AF_INET 127.0.0.1:7001, service 1 */
	static const unsigned char rx[] = { 1, 0, SOCK_DGRAM, 0, 16, 0,
					    AF_INET, 0, 0x1b, 0x59, 127, 0, 0,
					    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					    0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

	memcpy(alg, "hash", 4);
	memcpy(alg + 22, "sha256", 6);
	conn(AF_PACKET, ll, sizeof(ll), 2 + sizeof(ll) + 2);
	conn(AF_PACKET, ll, sizeof(ll), 2 + 14);
	conn(AF_AX25, ax25, sizeof(ax25), 16);
	conn(AF_IPX, ipx, sizeof(ipx), 16);
	conn(AF_X25, x25, sizeof(x25), 18);
	conn(AF_BLUETOOTH, l2, sizeof(l2), 14);
	conn(AF_BLUETOOTH, rc, sizeof(rc), 10);
	conn(AF_BLUETOOTH, hci, sizeof(hci), 6);
	conn(AF_BLUETOOTH, rc, 6, 8);
	conn(AF_IEEE802154, ieee, sizeof(ieee), 2 + sizeof(ieee));
	conn(AF_ALG, alg, sizeof(alg), 88);
	conn(AF_NFC, ieee, 12, 14);
	conn(AF_VSOCK, vm, sizeof(vm), 16);
	conn(AF_QIPCRTR, qrtr, sizeof(qrtr), 12);
	conn(AF_XDP, xdp, sizeof(xdp), 16);
	conn(AF_MCTP, mctp, sizeof(mctp), 12);
	conn(AF_RXRPC, rx, sizeof(rx), 2 + sizeof(rx));
	return 0;
}
