/* SPDX-License-Identifier: MIT */
/*
 * netlink_nf.c: the netlink protocols with little to print: netfilter's
 * message types (a subsystem in the high byte, its message in the low
 * one) and its struct nfgenmsg header, SELinux's two notices, and
 * kobject uevents (libudev's header, then the properties).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_acct.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_cthelper.h>
#include <linux/netfilter/nfnetlink_cttimeout.h>
#include <linux/netfilter/nfnetlink_hook.h>
#include <linux/netfilter/nfnetlink_log.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <linux/netfilter/nfnetlink_osf.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>
#include <linux/netfilter/ipset/ip_set.h>
#include <linux/selinux_netlink.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

XLAT_TABLE(nf_ct_types, "IPCTNL_MSG_CT_???",
	XLAT(IPCTNL_MSG_CT_NEW), XLAT(IPCTNL_MSG_CT_GET),
	XLAT(IPCTNL_MSG_CT_DELETE), XLAT(IPCTNL_MSG_CT_GET_CTRZERO),
	XLAT(IPCTNL_MSG_CT_GET_STATS_CPU), XLAT(IPCTNL_MSG_CT_GET_STATS),
	XLAT(IPCTNL_MSG_CT_GET_DYING), XLAT(IPCTNL_MSG_CT_GET_UNCONFIRMED));

XLAT_TABLE(nf_exp_types, "IPCTNL_MSG_EXP_???",
	XLAT(IPCTNL_MSG_EXP_NEW), XLAT(IPCTNL_MSG_EXP_GET),
	XLAT(IPCTNL_MSG_EXP_DELETE), XLAT(IPCTNL_MSG_EXP_GET_STATS_CPU));

XLAT_TABLE(nf_queue_types, "NFQNL_MSG_???",
	XLAT(NFQNL_MSG_PACKET), XLAT(NFQNL_MSG_VERDICT),
	XLAT(NFQNL_MSG_CONFIG), XLAT(NFQNL_MSG_VERDICT_BATCH));

XLAT_TABLE(nf_ulog_types, "NFULNL_MSG_???",
	XLAT(NFULNL_MSG_PACKET), XLAT(NFULNL_MSG_CONFIG));

XLAT_TABLE(nf_osf_types, "OSF_MSG_???",
	XLAT(OSF_MSG_ADD), XLAT(OSF_MSG_REMOVE));

XLAT_TABLE(nf_ipset_types, "IPSET_CMD_???",
	XLAT(IPSET_CMD_NONE), XLAT(IPSET_CMD_PROTOCOL),
	XLAT(IPSET_CMD_CREATE), XLAT(IPSET_CMD_DESTROY),
	XLAT(IPSET_CMD_FLUSH), XLAT(IPSET_CMD_RENAME), XLAT(IPSET_CMD_SWAP),
	XLAT(IPSET_CMD_LIST), XLAT(IPSET_CMD_SAVE), XLAT(IPSET_CMD_ADD),
	XLAT(IPSET_CMD_DEL), XLAT(IPSET_CMD_TEST), XLAT(IPSET_CMD_HEADER),
	XLAT(IPSET_CMD_TYPE), XLAT(IPSET_CMD_RESTORE), XLAT(IPSET_CMD_HELP),
	XLAT(IPSET_CMD_VERSION), XLAT(IPSET_CMD_QUIT), XLAT(IPSET_CMD_COMMIT));

XLAT_TABLE(nf_acct_types, "NFNL_MSG_ACCT_???",
	XLAT(NFNL_MSG_ACCT_NEW), XLAT(NFNL_MSG_ACCT_GET),
	XLAT(NFNL_MSG_ACCT_GET_CTRZERO), XLAT(NFNL_MSG_ACCT_DEL),
	XLAT(NFNL_MSG_ACCT_OVERQUOTA));

XLAT_TABLE(nf_timeout_types, "IPCTNL_MSG_TIMEOUT_???",
	XLAT(IPCTNL_MSG_TIMEOUT_NEW), XLAT(IPCTNL_MSG_TIMEOUT_GET),
	XLAT(IPCTNL_MSG_TIMEOUT_DELETE),
	XLAT(IPCTNL_MSG_TIMEOUT_DEFAULT_SET),
	XLAT(IPCTNL_MSG_TIMEOUT_DEFAULT_GET));

XLAT_TABLE(nf_helper_types, "NFNL_MSG_CTHELPER_???",
	XLAT(NFNL_MSG_CTHELPER_NEW), XLAT(NFNL_MSG_CTHELPER_GET),
	XLAT(NFNL_MSG_CTHELPER_DEL));

XLAT_TABLE(nf_nft_types, "NFT_MSG_???",
	XLAT(NFT_MSG_NEWTABLE), XLAT(NFT_MSG_GETTABLE),
	XLAT(NFT_MSG_DELTABLE), XLAT(NFT_MSG_NEWCHAIN),
	XLAT(NFT_MSG_GETCHAIN), XLAT(NFT_MSG_DELCHAIN),
	XLAT(NFT_MSG_NEWRULE), XLAT(NFT_MSG_GETRULE), XLAT(NFT_MSG_DELRULE),
	XLAT(NFT_MSG_NEWSET), XLAT(NFT_MSG_GETSET), XLAT(NFT_MSG_DELSET),
	XLAT(NFT_MSG_NEWSETELEM), XLAT(NFT_MSG_GETSETELEM),
	XLAT(NFT_MSG_DELSETELEM), XLAT(NFT_MSG_NEWGEN), XLAT(NFT_MSG_GETGEN),
	XLAT(NFT_MSG_TRACE), XLAT(NFT_MSG_NEWOBJ), XLAT(NFT_MSG_GETOBJ),
	XLAT(NFT_MSG_DELOBJ), XLAT(NFT_MSG_GETOBJ_RESET),
	XLAT(NFT_MSG_NEWFLOWTABLE), XLAT(NFT_MSG_GETFLOWTABLE),
	XLAT(NFT_MSG_DELFLOWTABLE));

XLAT_TABLE(nf_compat_types, "NFNL_MSG_COMPAT_???",
	XLAT(NFNL_MSG_COMPAT_GET));

XLAT_TABLE(nf_hook_types, "NFT_MSG_HOOK_???",
	XLAT(NFNL_MSG_HOOK_GET));

XLAT_TABLE(nf_versions, "NFNETLINK_???",
	XLAT(NFNETLINK_V0));

XLAT_TABLE(nf_batch_types, NULL, XLAT(NFNL_MSG_BATCH_BEGIN),
	   XLAT(NFNL_MSG_BATCH_END));

/* The message types of each subsystem, by subsystem id. */
static const struct xlat *const nf_subsys_types[] = {
	[NFNL_SUBSYS_CTNETLINK] = &nf_ct_types,
	[NFNL_SUBSYS_CTNETLINK_EXP] = &nf_exp_types,
	[NFNL_SUBSYS_QUEUE] = &nf_queue_types,
	[NFNL_SUBSYS_ULOG] = &nf_ulog_types,
	[NFNL_SUBSYS_OSF] = &nf_osf_types,
	[NFNL_SUBSYS_IPSET] = &nf_ipset_types,
	[NFNL_SUBSYS_ACCT] = &nf_acct_types,
	[NFNL_SUBSYS_CTNETLINK_TIMEOUT] = &nf_timeout_types,
	[NFNL_SUBSYS_CTHELPER] = &nf_helper_types,
	[NFNL_SUBSYS_NFTABLES] = &nf_nft_types,
	[NFNL_SUBSYS_NFT_COMPAT] = &nf_compat_types,
	[NFNL_SUBSYS_HOOK] = &nf_hook_types,
};

void
print_nf_type(struct fmt *f, uint16_t type)
{
	unsigned subsys = type >> 8, msg = type & 0xff;

	if (xlat_name(&nf_batch_types, type)) {
		print_xval(f->b, &nf_batch_types, type, false);
		return;
	}
	print_xval(f->b, &nl_nf_subsys, subsys, false);
	pb_puts(f->b, "<<8|");
	if (subsys < ARRAY_SIZE(nf_subsys_types) && nf_subsys_types[subsys])
		print_xval(f->b, nf_subsys_types[subsys], msg, false);
	else
		pb_printf(f->b, "%#x", msg);
}

/* Which of the NLM_F_ flags that depend on the request a netfilter
   message type takes: NLM_F_NEW (1), NLM_F_GET (2), NLM_F_DELETE (3),
   0 for none. */
int
nf_flags_kind(uint16_t type)
{
	unsigned msg = type & 0xff;

	switch (type >> 8) {
	case NFNL_SUBSYS_CTNETLINK:
		switch (msg) {
		case IPCTNL_MSG_CT_NEW: return 1;
		case IPCTNL_MSG_CT_GET: case IPCTNL_MSG_CT_GET_CTRZERO:
		case IPCTNL_MSG_CT_GET_STATS_CPU: case IPCTNL_MSG_CT_GET_STATS:
		case IPCTNL_MSG_CT_GET_DYING: case IPCTNL_MSG_CT_GET_UNCONFIRMED:
			return 2;
		case IPCTNL_MSG_CT_DELETE: return 3;
		}
		break;
	case NFNL_SUBSYS_CTNETLINK_EXP:
		switch (msg) {
		case IPCTNL_MSG_EXP_NEW: return 1;
		case IPCTNL_MSG_EXP_GET: case IPCTNL_MSG_EXP_GET_STATS_CPU:
			return 2;
		case IPCTNL_MSG_EXP_DELETE: return 3;
		}
		break;
	case NFNL_SUBSYS_ACCT:
		switch (msg) {
		case NFNL_MSG_ACCT_NEW: return 1;
		case NFNL_MSG_ACCT_GET: case NFNL_MSG_ACCT_GET_CTRZERO:
			return 2;
		case NFNL_MSG_ACCT_DEL: return 3;
		}
		break;
	case NFNL_SUBSYS_CTNETLINK_TIMEOUT:
		switch (msg) {
		case IPCTNL_MSG_TIMEOUT_NEW: return 1;
		case IPCTNL_MSG_TIMEOUT_GET: return 2;
		case IPCTNL_MSG_TIMEOUT_DELETE: return 3;
		}
		break;
	case NFNL_SUBSYS_CTHELPER:
		switch (msg) {
		case NFNL_MSG_CTHELPER_NEW: return 1;
		case NFNL_MSG_CTHELPER_GET: return 2;
		case NFNL_MSG_CTHELPER_DEL: return 3;
		}
		break;
	case NFNL_SUBSYS_NFTABLES:
		switch (msg) {
		case NFT_MSG_NEWTABLE: case NFT_MSG_NEWCHAIN: case NFT_MSG_NEWRULE:
		case NFT_MSG_NEWSET: case NFT_MSG_NEWSETELEM: case NFT_MSG_NEWGEN:
		case NFT_MSG_NEWOBJ: case NFT_MSG_NEWFLOWTABLE:
			return 1;
		case NFT_MSG_GETTABLE: case NFT_MSG_GETCHAIN: case NFT_MSG_GETRULE:
		case NFT_MSG_GETSET: case NFT_MSG_GETSETELEM: case NFT_MSG_GETGEN:
		case NFT_MSG_GETOBJ: case NFT_MSG_GETOBJ_RESET:
		case NFT_MSG_GETFLOWTABLE:
			return 2;
		case NFT_MSG_DELTABLE: case NFT_MSG_DELCHAIN: case NFT_MSG_DELRULE:
		case NFT_MSG_DELSET: case NFT_MSG_DELSETELEM: case NFT_MSG_DELOBJ:
		case NFT_MSG_DELFLOWTABLE:
			return 3;
		}
		break;
	case NFNL_SUBSYS_NFT_COMPAT:
		return msg == NFNL_MSG_COMPAT_GET ? 2 : 0;
	case NFNL_SUBSYS_HOOK:
		return msg == NFNL_MSG_HOOK_GET ? 2 : 0;
	}
	return 0;
}

static const struct xlat no_names = { NULL, 0, NULL };

static bool
nf_payload(struct fmt *f, const struct nlmsghdr *h, uint64_t addr,
	   unsigned len)
{
	unsigned subsys = h->nlmsg_type >> 8, off;
	struct nfgenmsg m;
	uint16_t res;
	int saved;

	if (h->nlmsg_type == NLMSG_DONE)
		return false;
	if (len < sizeof(m)) {
		nl_hex(f, addr, len);
		return true;
	}
	if (!read_or_addr(f, &m, addr, sizeof(m)))
		return true;
	res = ntohs(m.res_id);
	pb_puts(f->b, "{nfgen_family=");
	print_xval(f->b, &sock_families, m.nfgen_family, false);
	pb_puts(f->b, ", version=");
	print_xval(f->b, &nf_versions, m.version, false);
	pb_puts(f->b, ", res_id=");
	if (subsys == NFNL_SUBSYS_NFTABLES && res == NFNL_SUBSYS_NFTABLES) {
		if (xstyle_begin(f->b, m.res_id, 16, &saved))
			pb_puts(f->b, "htons(NFNL_SUBSYS_NFTABLES)");
		xstyle_end(f->b, saved);
	} else if (subsys == NFNL_SUBSYS_NFTABLES &&
		   m.res_id == NFNL_SUBSYS_NFTABLES) {
		if (xstyle_begin(f->b, m.res_id, 16, &saved))
			pb_puts(f->b, "NFNL_SUBSYS_NFTABLES");
		xstyle_end(f->b, saved);
	} else {
		pb_printf(f->b, "htons(%u)", res);
	}
	pb_putc(f->b, '}');
	off = NLMSG_ALIGN(sizeof(m));
	if (len > off) {
		pb_puts(f->b, ", ");
		if ((h->nlmsg_type >= NFNL_MSG_BATCH_BEGIN &&
		     h->nlmsg_type <= NFNL_MSG_BATCH_END) ||
		    h->nlmsg_type < NLMSG_MIN_TYPE)
			nl_hex(f, addr + off, len - off);
		else
			nl_attrs(f, addr + off, len - off, &no_names, NULL, 0,
				 NULL);
	}
	return true;
}

static bool
selinux_payload(struct fmt *f, const struct nlmsghdr *h, uint64_t addr,
		unsigned len)
{
	uint32_t v;

	if (h->nlmsg_type != SELNL_MSG_SETENFORCE &&
	    h->nlmsg_type != SELNL_MSG_POLICYLOAD)
		return false;
	if (len < sizeof(v))
		nl_hex(f, addr, len);
	else if (read_or_addr(f, &v, addr, sizeof(v)))
		pb_printf(f->b, h->nlmsg_type == SELNL_MSG_SETENFORCE ?
				"{val=%d}" : "{seqno=%u}", v);
	return true;
}

bool
nl_other_payload(struct fmt *f, int proto, const struct nlmsghdr *h,
		 uint64_t addr, unsigned len)
{
	switch (proto) {
	case NETLINK_NETFILTER: return nf_payload(f, h, addr, len);
	case NETLINK_SELINUX: return selinux_payload(f, h, addr, len);
	}
	return false;
}

/* libudev's header of a uevent (src/libudev/libudev-monitor.c). */
struct udev_header {
	char prefix[8];
	uint32_t magic;
	uint32_t header_size;
	uint32_t properties_off;
	uint32_t properties_len;
	uint32_t filter_subsystem_hash;
	uint32_t filter_devtype_hash;
	uint32_t filter_tag_bloom_hi;
	uint32_t filter_tag_bloom_lo;
};

void
print_uevent(struct fmt *f, uint64_t addr, uint64_t len)
{
	struct udev_header u;

	if ((is_error(f) || !addr ||
	    len < sizeof(u) || !read_mem(f, &u, addr, sizeof(u)) ||
	    strncmp(u.prefix, "libudev", sizeof(u.prefix)))) {
		print_str(f, addr, (long)len, 0);
		return;
	}
	if (len > sizeof(u))
		pb_putc(f->b, '[');
	pb_printf(f->b, "{prefix=\"libudev\", magic=htonl(%#x), "
		  "header_size=%u, properties_off=%u, properties_len=%u, "
		  "filter_subsystem_hash=htonl(%#x), "
		  "filter_devtype_hash=htonl(%#x), "
		  "filter_tag_bloom_hi=htonl(%#x), "
		  "filter_tag_bloom_lo=htonl(%#x)}",
		  ntohl(u.magic), u.header_size, u.properties_off,
		  u.properties_len, ntohl(u.filter_subsystem_hash),
		  ntohl(u.filter_devtype_hash), ntohl(u.filter_tag_bloom_hi),
		  ntohl(u.filter_tag_bloom_lo));
	if (len > sizeof(u)) {
		pb_puts(f->b, ", ");
		print_str(f, addr + sizeof(u), (long)(len - sizeof(u)), 0);
		pb_putc(f->b, ']');
	}
}
