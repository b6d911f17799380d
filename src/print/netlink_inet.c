/* SPDX-License-Identifier: MIT */
/*
 * netlink_inet.c: the attributes of an inet_diag_msg (the answer about
 * one TCP, UDP, DCCP, SCTP or raw socket) that are more than a number or
 * a string, as strace 6.1 prints them: the congestion controls' info,
 * MD5 keys, the addresses of an SCTP association, the upper layer
 * protocol's info (TLS, MPTCP), BPF socket storages and the socket's
 * option bits. INET_DIAG_INFO (struct tcp_info) strace leaves as bytes.
 */
#define _GNU_SOURCE
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "decoders.h"
#include "netlink.h"

#define F(st, field, kind) NLF(struct st, field, kind, NULL)

/* --- congestion controls ------------------------------------------------ */

static const struct nl_field vegas_f[] = {
	F(tcpvegas_info, tcpv_enabled, NLF_U),
	F(tcpvegas_info, tcpv_rttcnt, NLF_U),
	F(tcpvegas_info, tcpv_rtt, NLF_U),
	F(tcpvegas_info, tcpv_minrtt, NLF_U),
};
NL_STRUCT_ATTR(vegas_attr, struct tcpvegas_info, vegas_f)

static const struct nl_field dctcp_f[] = {
	F(tcp_dctcp_info, dctcp_enabled, NLF_U),
	F(tcp_dctcp_info, dctcp_ce_state, NLF_U),
	F(tcp_dctcp_info, dctcp_alpha, NLF_U),
	F(tcp_dctcp_info, dctcp_ab_ecn, NLF_U),
	F(tcp_dctcp_info, dctcp_ab_tot, NLF_U),
};
NL_STRUCT_ATTR(dctcp_attr, struct tcp_dctcp_info, dctcp_f)

static const struct nl_field bbr_f[] = {
	F(tcp_bbr_info, bbr_bw_lo, NLF_X),
	F(tcp_bbr_info, bbr_bw_hi, NLF_X),
	F(tcp_bbr_info, bbr_min_rtt, NLF_U),
	F(tcp_bbr_info, bbr_pacing_gain, NLF_U),
	F(tcp_bbr_info, bbr_cwnd_gain, NLF_U),
};
NL_STRUCT_ATTR(bbr_attr, struct tcp_bbr_info, bbr_f)

bool
nla_inet_vegas(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	return vegas_attr(f, addr, len, d);
}

bool
nla_inet_dctcp(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	return dctcp_attr(f, addr, len, d);
}

bool
nla_inet_bbr(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	return bbr_attr(f, addr, len, d);
}

/* --- SCTP's local and peer addresses: sockaddr_storage each ------------- */

static bool
sockaddr_elem(struct fmt *f, const void *elem, void *data)
{
	/* print_sockaddr_buf() may read one byte past the address. */
	unsigned char buf[sizeof(struct sockaddr_storage) + 1];

	(void)data;
	memcpy(buf, elem, sizeof(struct sockaddr_storage));
	buf[sizeof(struct sockaddr_storage)] = 0;
	print_sockaddr_buf(f, buf, sizeof(struct sockaddr_storage));
	return true;
}

bool
nla_inet_sockaddrs(struct fmt *f, uint64_t addr, unsigned len,
		   const void *d)
{
	(void)d;
	if (len < sizeof(struct sockaddr_storage))
		return false;
	print_array(f, addr, len / sizeof(struct sockaddr_storage),
		    sizeof(struct sockaddr_storage), sockaddr_elem, NULL);
	return true;
}

/* --- TCP MD5 signature keys --------------------------------------------- */

/* struct tcp_diag_md5sig, which older uapi headers lack. */
struct md5sig {
	uint8_t family;
	uint8_t prefixlen;
	uint16_t keylen;
	uint32_t addr[4];
	uint8_t key[80];
};

static bool
md5sig_elem(struct fmt *f, const void *elem, void *data)
{
	struct md5sig s;
	size_t keylen;

	(void)data;
	memcpy(&s, elem, sizeof(s));
	keylen = s.keylen < sizeof(s.key) ? s.keylen : sizeof(s.key);
	pb_puts(f->b, "{tcpm_family=");
	print_xval(f->b, &sock_families, s.family, false);
	pb_printf(f->b, ", tcpm_prefixlen=%u, tcpm_keylen=%u, ", s.prefixlen,
		  s.keylen);
	if (!nl_inet_addr(f->b, s.family, s.addr, sizeof(s.addr),
			  "tcpm_addr")) {
		pb_puts(f->b, "tcpm_addr=");
		pb_quote(f->b, (const unsigned char *)s.addr, sizeof(s.addr), 0,
			 QUOTE_FORCE_HEX);
	}
	pb_puts(f->b, ", tcpm_key=");
	pb_quote(f->b, s.key, keylen, 0, QUOTE_FORCE_HEX);
	pb_putc(f->b, '}');
	return true;
}

bool
nla_inet_md5sig(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	if (len < sizeof(struct md5sig))
		return false;
	print_array(f, addr, len / sizeof(struct md5sig),
		    sizeof(struct md5sig), md5sig_elem, NULL);
	return true;
}

/* --- the upper layer protocol's info: TLS, MPTCP ----------------------- */

XLAT_TABLE(ulp_info_attrs, "INET_ULP_INFO_???",
	XLAT_PAIR(0, "INET_ULP_INFO_UNSPEC"),
	XLAT_PAIR(1, "INET_ULP_INFO_NAME"), XLAT_PAIR(2, "INET_ULP_INFO_TLS"),
	XLAT_PAIR(3, "INET_ULP_INFO_MPTCP"));

XLAT_TABLE(tls_info_attrs, "TLS_INFO_???",
	XLAT_PAIR(0, "TLS_INFO_UNSPEC"), XLAT_PAIR(1, "TLS_INFO_VERSION"),
	XLAT_PAIR(2, "TLS_INFO_CIPHER"), XLAT_PAIR(3, "TLS_INFO_TXCONF"),
	XLAT_PAIR(4, "TLS_INFO_RXCONF"), XLAT_PAIR(5, "TLS_INFO_ZC_RO_TX"),
	XLAT_PAIR(6, "TLS_INFO_RX_NO_PAD"));

XLAT_TABLE(tls_versions, "TLS_???_VERSION",
	XLAT_PAIR(0x303, "TLS_1_2_VERSION"),
	XLAT_PAIR(0x304, "TLS_1_3_VERSION"));

XLAT_TABLE(tls_ciphers, "TLS_CIPHER_???",
	XLAT_PAIR(51, "TLS_CIPHER_AES_GCM_128"),
	XLAT_PAIR(52, "TLS_CIPHER_AES_GCM_256"),
	XLAT_PAIR(53, "TLS_CIPHER_AES_CCM_128"),
	XLAT_PAIR(54, "TLS_CIPHER_CHACHA20_POLY1305"),
	XLAT_PAIR(55, "TLS_CIPHER_SM4_GCM"), XLAT_PAIR(56, "TLS_CIPHER_SM4_CCM"),
	XLAT_PAIR(57, "TLS_CIPHER_ARIA_GCM_128"),
	XLAT_PAIR(58, "TLS_CIPHER_ARIA_GCM_256"));

XLAT_TABLE(tls_configs, "TLS_CONF_???",
	XLAT_PAIR(1, "TLS_CONF_BASE"), XLAT_PAIR(2, "TLS_CONF_SW"),
	XLAT_PAIR(3, "TLS_CONF_HW"), XLAT_PAIR(4, "TLS_CONF_HW_RECORD"));

XLAT_TABLE(mptcp_subflow_attrs, "MPTCP_SUBFLOW_ATTR_???",
	XLAT_PAIR(0, "MPTCP_SUBFLOW_ATTR_UNSPEC"),
	XLAT_PAIR(1, "MPTCP_SUBFLOW_ATTR_TOKEN_REM"),
	XLAT_PAIR(2, "MPTCP_SUBFLOW_ATTR_TOKEN_LOC"),
	XLAT_PAIR(3, "MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ"),
	XLAT_PAIR(4, "MPTCP_SUBFLOW_ATTR_MAP_SEQ"),
	XLAT_PAIR(5, "MPTCP_SUBFLOW_ATTR_MAP_SFSEQ"),
	XLAT_PAIR(6, "MPTCP_SUBFLOW_ATTR_SSN_OFFSET"),
	XLAT_PAIR(7, "MPTCP_SUBFLOW_ATTR_MAP_DATALEN"),
	XLAT_PAIR(8, "MPTCP_SUBFLOW_ATTR_FLAGS"),
	XLAT_PAIR(9, "MPTCP_SUBFLOW_ATTR_ID_REM"),
	XLAT_PAIR(10, "MPTCP_SUBFLOW_ATTR_ID_LOC"),
	XLAT_PAIR(11, "MPTCP_SUBFLOW_ATTR_PAD"));

XLAT_TABLE(mptcp_subflow_flags, "MPTCP_SUBFLOW_FLAG_???",
	XLAT_PAIR(1 << 0, "MPTCP_SUBFLOW_FLAG_MCAP_REM"),
	XLAT_PAIR(1 << 1, "MPTCP_SUBFLOW_FLAG_MCAP_LOC"),
	XLAT_PAIR(1 << 2, "MPTCP_SUBFLOW_FLAG_JOIN_REM"),
	XLAT_PAIR(1 << 3, "MPTCP_SUBFLOW_FLAG_JOIN_LOC"),
	XLAT_PAIR(1 << 4, "MPTCP_SUBFLOW_FLAG_BKUP_REM"),
	XLAT_PAIR(1 << 5, "MPTCP_SUBFLOW_FLAG_BKUP_LOC"),
	XLAT_PAIR(1 << 6, "MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED"),
	XLAT_PAIR(1 << 7, "MPTCP_SUBFLOW_FLAG_CONNECTED"),
	XLAT_PAIR(1 << 8, "MPTCP_SUBFLOW_FLAG_MAPVALID"));

static bool
tls_version(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_xval_n(f, addr, len, &tls_versions, 2);
}

static bool
tls_cipher(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_xval_n(f, addr, len, &tls_ciphers, 2);
}

static bool
tls_config(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_xval_n(f, addr, len, &tls_configs, 2);
}

/* TLS_INFO_ZC_RO_TX and TLS_INFO_RX_NO_PAD are flags without data. */
static const nla_fn tls_fns[] = {
	[1] = tls_version, [2] = tls_cipher, [3] = tls_config,
	[4] = tls_config,
};
static NLA_NESTED(ulp_tls, tls_info_attrs, tls_fns)

static bool
mptcp_flags(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_flags_n(f, addr, len, &mptcp_subflow_flags, 4);
}

static const nla_fn mptcp_fns[] = {
	[1] = nla_x32, [2] = nla_x32, [3] = nla_u32, [4] = nla_u64,
	[5] = nla_u32, [6] = nla_u32, [7] = nla_u16, [8] = mptcp_flags,
	[9] = nla_u8, [10] = nla_u8,
};
static NLA_NESTED(ulp_mptcp, mptcp_subflow_attrs, mptcp_fns)

/* The attributes after INET_ULP_INFO_NAME are each ULP's own types, so
   they need not follow the name. */
static const nla_fn ulp_fns[] = {
	[1] = nla_str_expect0, [2] = ulp_tls, [3] = ulp_mptcp,
};
NLA_NESTED(nla_inet_ulp_info, ulp_info_attrs, ulp_fns)

/* --- BPF socket storages ------------------------------------------------ */

XLAT_TABLE(bpf_storages_attrs, "SK_DIAG_BPF_STORAGE_???",
	XLAT_PAIR(0, "SK_DIAG_BPF_STORAGE_REP_NONE"),
	XLAT_PAIR(1, "SK_DIAG_BPF_STORAGE"));

XLAT_TABLE(bpf_storage_attrs, "SK_DIAG_BPF_STORAGE_???",
	XLAT_PAIR(0, "SK_DIAG_BPF_STORAGE_NONE"),
	XLAT_PAIR(1, "SK_DIAG_BPF_STORAGE_PAD"),
	XLAT_PAIR(2, "SK_DIAG_BPF_STORAGE_MAP_ID"),
	XLAT_PAIR(3, "SK_DIAG_BPF_STORAGE_MAP_VALUE"));

/* A map's value: a number in hex when it is 1, 2, 4 or 8 bytes long,
   else the bytes (strace's decode_nla_xint()). */
static bool
nla_xint(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint64_t v = 0;

	(void)d;
	if (len != 1 && len != 2 && len != 4 && len != 8)
		return false;
	if (read_or_addr(f, &v, addr, len))
		pb_printf(f->b, "%#llx", (unsigned long long)v);
	return true;
}

static const nla_fn bpf_storage_fns[] = { [2] = nla_u32, [3] = nla_xint };
static NLA_NESTED(bpf_storage, bpf_storage_attrs, bpf_storage_fns)
static const nla_fn bpf_storages_fns[] = { [1] = bpf_storage };
NLA_NESTED(nla_inet_bpf_storages, bpf_storages_attrs, bpf_storages_fns)

/* --- the socket's option bits (struct inet_diag_sockopt) --------------- */

/* The bits in order from bit 0 of the first byte, as the kernel's
   bit-fields lay them out on x86_64; the 5 bits after them are unused. */
static const char *const sockopt_bits[] = {
	"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop",
	"transparent", "mc_all", "nodefrag", "bind_address_no_port",
	"recverr_rfc4884", "defer_connect",
};

bool
nla_inet_sockopt(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	bool all = f->o->verbose, sep = false;
	unsigned char b[2];
	unsigned bits, unused;
	size_t i;

	(void)d;
	if (len < sizeof(b))
		return false;
	if (!read_or_addr(f, b, addr, sizeof(b)))
		return true;
	bits = b[0] | (unsigned)b[1] << 8;
	pb_putc(f->b, '{');
	for (i = 0; i < ARRAY_SIZE(sockopt_bits); i++) {
		unsigned v = bits >> i & 1;

		if (!all && !v)
			continue;
		pb_printf(f->b, "%s%s=%u", sep ? ", " : "", sockopt_bits[i], v);
		sep = true;
	}
	unused = bits >> ARRAY_SIZE(sockopt_bits);
	if (all || unused)
		pb_printf(f->b, "%sunused=%#x /* bits 3..8 */", sep ? ", " : "",
			  unused);
	pb_putc(f->b, '}');
	print_nonzero_tail(f, ", ", addr, sizeof(b), len);
	return true;
}
