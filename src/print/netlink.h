/* SPDX-License-Identifier: MIT */
/*
 * netlink.h: the netlink printers' internal interface (src/print/netlink*.c).
 *
 * netlink.c walks messages and attributes; the protocol files print the
 * payloads: netlink_route.c (NETLINK_ROUTE), netlink_diag.c
 * (NETLINK_SOCK_DIAG). A payload printer gets the message header, the
 * payload's address and length (already cut to the buffer) and prints
 * it; it returns false to have the payload printed as hex bytes.
 */
#ifndef SNARE_PRINT_NETLINK_H
#define SNARE_PRINT_NETLINK_H

#include <linux/netlink.h>

#include "print.h"

/*
 * An attribute's printer: the data at addr, len bytes (after the nlattr
 * header). data is what the walk was given (the payload's struct, for
 * the printers that depend on its family). False: print the data as hex.
 */
typedef bool (*nla_fn)(struct fmt *f, uint64_t addr, unsigned len,
		       const void *data);

/*
 * The attributes in len bytes at addr: one as [{nla_len=..., nla_type=...},
 * data], several in a list (cut at strsize elements without -v). types
 * names nla_type (its unknown string is the default); dec[type], when
 * given and type < ndec, prints the data.
 */
void nl_attrs(struct fmt *f, uint64_t addr, unsigned len,
	      const struct xlat *types, const nla_fn *dec, size_t ndec,
	      const void *data);

/*
 * An attribute whose data is more attributes: defines the printer name,
 * which walks them with the names table types and the printers fns (an
 * array). "static NLA_NESTED(...)" for a file's own.
 */
#define NLA_NESTED(name, types, fns)                                     \
	bool name(struct fmt *f, uint64_t addr, unsigned len,           \
		  const void *d)                                         \
	{                                                                \
		nl_attrs(f, addr, len, &(types), (fns), ARRAY_SIZE(fns), \
			 d);                                             \
		return true;                                             \
	}

/* Read the hdr bytes of the next message or attribute at addr, of len
   bytes left, or print what there is instead (the bytes when fewer than
   hdr, the address, or "... /- addr -/" in a list) and return false. */
bool nl_fetch(struct fmt *f, void *out, size_t hdr, uint64_t addr,
	      uint64_t len, bool in_list);

/* Attribute printers shared by the protocols (netlink.c). */
bool nla_str(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_strn(struct fmt *f, uint64_t addr, unsigned len, const void *d);
/* strace's decode_nla_str(): at most strsize bytes, the last left out
   when it is a NUL (the string is whole), else "..." after them. */
bool nla_str_expect0(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_u8(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_u16(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_u32(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_u64(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_s32(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_x32(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_ifindex(struct fmt *f, uint64_t addr, unsigned len,
		 const void *d);
bool nla_in_addr(struct fmt *f, uint64_t addr, unsigned len,
		 const void *d);
bool nla_in6_addr(struct fmt *f, uint64_t addr, unsigned len,
		  const void *d);
bool nla_be16(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_fd(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_uid(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_clock_t(struct fmt *f, uint64_t addr, unsigned len,
		 const void *d);
/* Flags of size bytes (0: of len bytes, at most 8), as strace's
   decode_nla_flags(). */
bool nla_flags_n(struct fmt *f, uint64_t addr, unsigned len,
		 const struct xlat *x, unsigned size);
/* A value named by x of size bytes (0: of len bytes, at most 8), as
   strace's decode_nla_xval(). */
bool nla_xval_n(struct fmt *f, uint64_t addr, unsigned len,
		const struct xlat *x, unsigned size);
bool nla_meminfo(struct fmt *f, uint64_t addr, unsigned len,
		 const void *d);

/* A value printed as strace's print_xlat_ex: the name alone (abbrev),
   the number (raw), or both (verbose). fmt formats the number. */
void nl_const(struct pbuf *b, uint64_t val, const char *name,
	      const char *fmt);
/* An interface index: if_nametoindex("lo") when it names one here. */
void nl_ifindex(struct pbuf *b, uint32_t idx);
/* An address of family af (AF_INET, AF_INET6) of len bytes at p:
   inet_addr("...") or inet_pton(AF_INET6, "...", ...); false when af
   is neither or len is short. name: the field's name, or NULL. */
bool nl_inet_addr(struct pbuf *b, int af, const void *p, unsigned len,
		  const char *name);
/* Bytes at addr in hex ("\x01\x02"), cut at strsize. */
void nl_hex(struct fmt *f, uint64_t addr, unsigned len);

/*
 * A payload that begins with a struct: its fields by a table, then its
 * attributes. The first field is the family byte, already read; when
 * len is shorter than the struct the rest is "...".
 */
enum nl_field_kind {
	NLF_U,      /* unsigned decimal */
	NLF_D,      /* signed decimal */
	NLF_X,      /* hex */
	NLF_XVAL,   /* a name from x, or hex */
	NLF_FLAGS,  /* flags from x */
	NLF_IFINDEX,/* an interface index */
	NLF_BE16,   /* htons(N) */
	NLF_BE32X,  /* htonl(0x...) */
	NLF_X_NZ,   /* hex, left out when 0 (padding) */
	NLF_FN,     /* by fn */
};
struct nl_field {
	const char *name;
	unsigned short off;
	unsigned char size;
	unsigned char kind;
	const struct xlat *x;
	/* NLF_FN: prints the field at p (of the struct at base). */
	void (*fn)(struct fmt *f, const void *p, const void *base);
};
#define NLF_WITH(st, field, fn) \
	{ #field, offsetof(st, field), sizeof(((st *)0)->field), NLF_FN, \
	  NULL, fn }
#define NLF(st, field, kind, x) \
	{ #field, offsetof(st, field), sizeof(((st *)0)->field), kind, x, NULL }
struct nl_struct {
	size_t size;
	const struct nl_field *fields; /* fields[0]: the family */
	size_t nfields;
	const struct xlat *attrs;      /* NULL: nothing after the struct */
	const nla_fn *dec;
	size_t ndec;
};
/* Prints the struct and its attributes; buf receives the struct (size
   bytes at least) for the attribute printers. */
void nl_struct(struct fmt *f, const struct nl_struct *s, uint64_t addr,
	       unsigned len, void *buf);
/* A field's value, and the field printed as the table says. */
uint64_t nl_field_value(const struct nl_field *fl, const void *base);
void nl_field(struct fmt *f, const struct nl_field *fl, const void *base);

/* An attribute that is a struct of size bytes: its fields by the table;
   false when len is short. */
bool nl_struct_attr(struct fmt *f, uint64_t addr, unsigned len,
		    const struct nl_field *fl, size_t n, size_t size);
#define NL_STRUCT_ATTR(name, st, fields)                                   \
	static bool name(struct fmt *f, uint64_t addr, unsigned len,       \
			 const void *d)                                    \
	{                                                                  \
		(void)d;                                                   \
		return nl_struct_attr(f, addr, len, fields,                \
				      ARRAY_SIZE(fields), sizeof(st));     \
	}

/* Payload printers, by protocol. */
bool nl_route_payload(struct fmt *f, const struct nlmsghdr *h,
		      uint64_t addr, unsigned len);
bool nl_diag_payload(struct fmt *f, const struct nlmsghdr *h,
		     uint64_t addr, unsigned len);

/* netlink_nf.c: netfilter's types, the payloads of netfilter and
   SELinux (false: not theirs), kobject uevents. */
void print_nf_type(struct fmt *f, uint16_t type);
int nf_flags_kind(uint16_t type);
bool nl_other_payload(struct fmt *f, int proto, const struct nlmsghdr *h,
		      uint64_t addr, unsigned len);
void print_uevent(struct fmt *f, uint64_t addr, uint64_t len);

/* netlink_rtnl.c: the struct of the other route message types (NULL:
   none), RTM_NEWCACHEREPORT's payload. */
const struct nl_struct *rtnl_other_struct(uint16_t type);
void rtnl_cachereport(struct fmt *f, uint8_t family, uint64_t addr,
		      unsigned len);

/* netlink_route.c: an address of the family in the first byte of the
   walk's struct; a routing table id. */
bool nla_family_addr(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_rt_table(struct fmt *f, uint64_t addr, unsigned len, const void *d);
/* netlink_route.c: a link-layer address, 00:11:22:33:44:55 (any length up
   to 32 bytes). */
bool nla_hwaddr(struct fmt *f, uint64_t addr, unsigned len, const void *d);
/* netlink_link.c: nested attributes of ifinfomsg (d: the ifinfomsg). */
bool nla_ifla_xdp(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_ifla_proto_down_reason(struct fmt *f, uint64_t addr, unsigned len,
				const void *d);
bool nla_ifla_protinfo(struct fmt *f, uint64_t addr, unsigned len,
		       const void *d);
bool nla_ifla_af_spec(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);
/* netlink_ifla.c: more attributes of ifinfomsg. */
bool nla_link_stats(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);
bool nla_link_stats64(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);
bool nla_link_ifmap(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);
bool nla_ext_mask(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_ifla_event(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);
bool nla_prop_list(struct fmt *f, uint64_t addr, unsigned len,
		   const void *d);
bool nla_linkinfo(struct fmt *f, uint64_t addr, unsigned len, const void *d);
extern const struct xlat ifla_attrs;
/* netlink_attr.c: an IPPROTO_ byte; an RTPROT_ byte. */
bool nla_ip_proto(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_rt_proto(struct fmt *f, uint64_t addr, unsigned len, const void *d);

/* netlink_tc.c: attribute printers of tcmsg and tcamsg, and of routes. */
extern const nla_fn tca_fns[], tca_act_fns[];
extern const size_t tca_fns_n, tca_act_fns_n;
bool nla_rta_metrics(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_mfc_stats(struct fmt *f, uint64_t addr, unsigned len,
		   const void *d);
bool nla_rtvia(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_encap_type(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);

/* netlink_diag2.c: a packet socket's filter, an SMC socket's details. */
bool nla_packet_filter(struct fmt *f, uint64_t addr, unsigned len,
		       const void *d);
bool nla_smc_conninfo(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);
bool nla_smc_lgrinfo(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_smc_dmbinfo(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_smc_fallback(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);
/* netlink_diag2.c: an inet_diag request's filter (bytecode). */
bool nla_inet_diag_bc(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);

/* netlink_inet.c: attributes of an inet_diag_msg (INET_DIAG_VEGASINFO,
   _DCTCPINFO, _BBRINFO, _LOCALS and _PEERS, _MD5SIG, _ULP_INFO,
   _SK_BPF_STORAGES, _SOCKOPT). */
bool nla_inet_vegas(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);
bool nla_inet_dctcp(struct fmt *f, uint64_t addr, unsigned len,
		    const void *d);
bool nla_inet_bbr(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_inet_sockaddrs(struct fmt *f, uint64_t addr, unsigned len,
			const void *d);
bool nla_inet_md5sig(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);
bool nla_inet_ulp_info(struct fmt *f, uint64_t addr, unsigned len,
		       const void *d);
bool nla_inet_bpf_storages(struct fmt *f, uint64_t addr, unsigned len,
			   const void *d);
bool nla_inet_sockopt(struct fmt *f, uint64_t addr, unsigned len,
		      const void *d);

/* netlink_nh.c: the attribute printers of nhmsg, by NHA_ type. */
#define NHA_FNS_N 14
extern const nla_fn nha_fns[NHA_FNS_N];

/* netlink_ifla2.c: IFLA_VFINFO_LIST; a link-layer address of n bytes,
   "00:11:22:33:44:55" (under -X raw the bytes as a hex string, under -X
   verbose both). */
void nl_hwaddr(struct pbuf *b, const unsigned char *m, size_t n);
bool nla_vfinfo_list(struct fmt *f, uint64_t addr, unsigned len,
		     const void *d);

/* netlink_stats.c: the attribute printers of if_stats_msg. */
#define IFSTATS_FNS_N 6
extern const nla_fn ifstats_fns[IFSTATS_FNS_N];

/* netlink_link.c: a bridge port's attributes, shared with IFLA_LINKINFO
   (netlink_linkinfo.c). */
#define BRPORT_FNS_N 40
extern const nla_fn ifla_brport_fns[BRPORT_FNS_N];
extern const struct xlat ifla_brport_attrs;
bool nla_x16(struct fmt *f, uint64_t addr, unsigned len, const void *d);
bool nla_bridge_id(struct fmt *f, uint64_t addr, unsigned len,
		   const void *d);

/* Tables shared by the protocol files. */
extern const struct xlat nl_route_types, nl_sock_diag_types,
	nl_protocols, nl_nf_subsys, iptos, rt_scopes, rt_protocols,
	rt_tables_named, rtnh_flags, eth_protocols, bridge_vlan_flags;

#endif
