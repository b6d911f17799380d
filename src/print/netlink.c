/* SPDX-License-Identifier: MIT */
/*
 * netlink.c: the buffer of a send or receive call on a netlink socket,
 * as strace 6.1 prints it. A buffer is a sequence of messages, each a
 * struct nlmsghdr whose type is named by the socket's protocol, then a
 * payload: an error (struct nlmsgerr, with the request it answers and
 * its attributes), a payload decoded by the protocol's printer
 * (netlink_route.c, netlink_diag.c), or bytes in hex. Attributes
 * (struct nlattr) are walked by nl_attrs() with a table of printers
 * indexed by attribute type.
 *
 * Everything is read from the tracee piece by piece: a piece that cannot
 * be read prints as its address, a length that runs past the buffer is
 * cut to it, and a zero or huge nlmsg_len or nla_len ends the walk
 * (every step moves forward by at least a header), so a bad buffer
 * prints as strace prints it and never loops.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/audit.h>
#include <linux/cryptouser.h>
#include <linux/genetlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/selinux_netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/xfrm.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"
#include "names/names.h"

/* --- names ------------------------------------------------------------ */

XLAT_TABLE(nl_protocols, "NETLINK_???",
	XLAT(NETLINK_ROUTE), XLAT(NETLINK_UNUSED), XLAT(NETLINK_USERSOCK),
	XLAT(NETLINK_FIREWALL), XLAT(NETLINK_SOCK_DIAG), XLAT(NETLINK_NFLOG),
	XLAT(NETLINK_XFRM), XLAT(NETLINK_SELINUX), XLAT(NETLINK_ISCSI),
	XLAT(NETLINK_AUDIT), XLAT(NETLINK_FIB_LOOKUP),
	XLAT(NETLINK_CONNECTOR), XLAT(NETLINK_NETFILTER),
	XLAT(NETLINK_IP6_FW), XLAT(NETLINK_DNRTMSG),
	XLAT(NETLINK_KOBJECT_UEVENT), XLAT(NETLINK_GENERIC),
	XLAT(NETLINK_SCSITRANSPORT), XLAT(NETLINK_ECRYPTFS),
	XLAT(NETLINK_RDMA), XLAT(NETLINK_CRYPTO), XLAT(NETLINK_SMC));

XLAT_TABLE(nlmsg_types, "NLMSG_???",
	XLAT(NLMSG_NOOP), XLAT(NLMSG_ERROR), XLAT(NLMSG_DONE),
	XLAT(NLMSG_OVERRUN));

XLAT_TABLE(nlm_flags, "NLM_F_???",
	XLAT(NLM_F_REQUEST), XLAT(NLM_F_MULTI), XLAT(NLM_F_ACK),
	XLAT(NLM_F_ECHO), XLAT(NLM_F_DUMP_INTR), XLAT(NLM_F_DUMP_FILTERED));

XLAT_TABLE(nlm_get_flags, "NLM_F_???",
	XLAT(NLM_F_DUMP), XLAT(NLM_F_ROOT), XLAT(NLM_F_MATCH),
	XLAT(NLM_F_ATOMIC));

XLAT_TABLE(nlm_new_flags, "NLM_F_???",
	XLAT(NLM_F_REPLACE), XLAT(NLM_F_EXCL), XLAT(NLM_F_CREATE),
	XLAT(NLM_F_APPEND));

XLAT_TABLE(nlm_delete_flags, "NLM_F_???",
	XLAT(NLM_F_NONREC), XLAT(NLM_F_BULK));

XLAT_TABLE(nlm_ack_flags, "NLM_F_???",
	XLAT(NLM_F_CAPPED), XLAT(NLM_F_ACK_TLVS));

XLAT_TABLE(nl_route_types, "RTM_???",
	XLAT(RTM_NEWLINK), XLAT(RTM_DELLINK), XLAT(RTM_GETLINK),
	XLAT(RTM_SETLINK), XLAT(RTM_NEWADDR), XLAT(RTM_DELADDR),
	XLAT(RTM_GETADDR), XLAT(RTM_NEWROUTE), XLAT(RTM_DELROUTE),
	XLAT(RTM_GETROUTE), XLAT(RTM_NEWNEIGH), XLAT(RTM_DELNEIGH),
	XLAT(RTM_GETNEIGH), XLAT(RTM_NEWRULE), XLAT(RTM_DELRULE),
	XLAT(RTM_GETRULE), XLAT(RTM_NEWQDISC), XLAT(RTM_DELQDISC),
	XLAT(RTM_GETQDISC), XLAT(RTM_NEWTCLASS), XLAT(RTM_DELTCLASS),
	XLAT(RTM_GETTCLASS), XLAT(RTM_NEWTFILTER), XLAT(RTM_DELTFILTER),
	XLAT(RTM_GETTFILTER), XLAT(RTM_NEWACTION), XLAT(RTM_DELACTION),
	XLAT(RTM_GETACTION), XLAT(RTM_NEWPREFIX), XLAT(RTM_GETMULTICAST),
	XLAT(RTM_GETANYCAST), XLAT(RTM_NEWNEIGHTBL), XLAT(RTM_GETNEIGHTBL),
	XLAT(RTM_SETNEIGHTBL), XLAT(RTM_NEWNDUSEROPT),
	XLAT(RTM_NEWADDRLABEL), XLAT(RTM_DELADDRLABEL),
	XLAT(RTM_GETADDRLABEL), XLAT(RTM_GETDCB), XLAT(RTM_SETDCB),
	XLAT(RTM_NEWNETCONF), XLAT(RTM_DELNETCONF), XLAT(RTM_GETNETCONF),
	XLAT(RTM_NEWMDB), XLAT(RTM_DELMDB), XLAT(RTM_GETMDB),
	XLAT(RTM_NEWNSID), XLAT(RTM_DELNSID), XLAT(RTM_GETNSID),
	XLAT(RTM_NEWSTATS), XLAT(RTM_GETSTATS), XLAT(RTM_NEWCACHEREPORT),
	XLAT(RTM_NEWCHAIN), XLAT(RTM_DELCHAIN), XLAT(RTM_GETCHAIN),
	XLAT(RTM_NEWNEXTHOP), XLAT(RTM_DELNEXTHOP), XLAT(RTM_GETNEXTHOP),
	XLAT(RTM_NEWLINKPROP), XLAT(RTM_DELLINKPROP), XLAT(RTM_GETLINKPROP),
	XLAT(RTM_NEWVLAN), XLAT(RTM_DELVLAN), XLAT(RTM_GETVLAN),
	XLAT(RTM_NEWNEXTHOPBUCKET), XLAT(RTM_DELNEXTHOPBUCKET),
	XLAT(RTM_GETNEXTHOPBUCKET));

XLAT_TABLE(nl_sock_diag_types, "SOCK_DIAG_???",
	XLAT_PAIR(18, "TCPDIAG_GETSOCK"), XLAT_PAIR(19, "DCCPDIAG_GETSOCK"),
	XLAT_PAIR(20, "SOCK_DIAG_BY_FAMILY"), XLAT_PAIR(21, "SOCK_DESTROY"));

XLAT_TABLE(nl_audit_types, "AUDIT_???",
	XLAT_PAIR(1000, "AUDIT_GET"), XLAT_PAIR(1001, "AUDIT_SET"),
	XLAT_PAIR(1002, "AUDIT_LIST"), XLAT_PAIR(1003, "AUDIT_ADD"),
	XLAT_PAIR(1004, "AUDIT_DEL"), XLAT_PAIR(1005, "AUDIT_USER"),
	XLAT_PAIR(1006, "AUDIT_LOGIN"), XLAT_PAIR(1007, "AUDIT_WATCH_INS"),
	XLAT_PAIR(1008, "AUDIT_WATCH_REM"),
	XLAT_PAIR(1009, "AUDIT_WATCH_LIST"),
	XLAT_PAIR(1010, "AUDIT_SIGNAL_INFO"),
	XLAT_PAIR(1011, "AUDIT_ADD_RULE"), XLAT_PAIR(1012, "AUDIT_DEL_RULE"),
	XLAT_PAIR(1013, "AUDIT_LIST_RULES"), XLAT_PAIR(1014, "AUDIT_TRIM"),
	XLAT_PAIR(1015, "AUDIT_MAKE_EQUIV"),
	XLAT_PAIR(1016, "AUDIT_TTY_GET"), XLAT_PAIR(1017, "AUDIT_TTY_SET"),
	XLAT_PAIR(1018, "AUDIT_SET_FEATURE"),
	XLAT_PAIR(1019, "AUDIT_GET_FEATURE"),
	XLAT_PAIR(1100, "AUDIT_FIRST_USER_MSG"),
	XLAT_PAIR(1107, "AUDIT_USER_AVC"), XLAT_PAIR(1124, "AUDIT_USER_TTY"),
	XLAT_PAIR(1199, "AUDIT_LAST_USER_MSG"),
	XLAT_PAIR(1200, "AUDIT_DAEMON_START"),
	XLAT_PAIR(1201, "AUDIT_DAEMON_END"),
	XLAT_PAIR(1202, "AUDIT_DAEMON_ABORT"),
	XLAT_PAIR(1203, "AUDIT_DAEMON_CONFIG"),
	XLAT_PAIR(1300, "AUDIT_SYSCALL"), XLAT_PAIR(1301, "AUDIT_FS_WATCH"),
	XLAT_PAIR(1302, "AUDIT_PATH"), XLAT_PAIR(1303, "AUDIT_IPC"),
	XLAT_PAIR(1304, "AUDIT_SOCKETCALL"),
	XLAT_PAIR(1305, "AUDIT_CONFIG_CHANGE"),
	XLAT_PAIR(1306, "AUDIT_SOCKADDR"), XLAT_PAIR(1307, "AUDIT_CWD"),
	XLAT_PAIR(1309, "AUDIT_EXECVE"),
	XLAT_PAIR(1311, "AUDIT_IPC_SET_PERM"),
	XLAT_PAIR(1312, "AUDIT_MQ_OPEN"),
	XLAT_PAIR(1313, "AUDIT_MQ_SENDRECV"),
	XLAT_PAIR(1314, "AUDIT_MQ_NOTIFY"),
	XLAT_PAIR(1315, "AUDIT_MQ_GETSETATTR"),
	XLAT_PAIR(1316, "AUDIT_KERNEL_OTHER"),
	XLAT_PAIR(1317, "AUDIT_FD_PAIR"), XLAT_PAIR(1318, "AUDIT_OBJ_PID"),
	XLAT_PAIR(1319, "AUDIT_TTY"), XLAT_PAIR(1320, "AUDIT_EOE"),
	XLAT_PAIR(1321, "AUDIT_BPRM_FCAPS"), XLAT_PAIR(1322, "AUDIT_CAPSET"),
	XLAT_PAIR(1323, "AUDIT_MMAP"),
	XLAT_PAIR(1324, "AUDIT_NETFILTER_PKT"),
	XLAT_PAIR(1325, "AUDIT_NETFILTER_CFG"),
	XLAT_PAIR(1326, "AUDIT_SECCOMP"), XLAT_PAIR(1327, "AUDIT_PROCTITLE"),
	XLAT_PAIR(1328, "AUDIT_FEATURE_CHANGE"),
	XLAT_PAIR(1329, "AUDIT_REPLACE"),
	XLAT_PAIR(1330, "AUDIT_KERN_MODULE"),
	XLAT_PAIR(1331, "AUDIT_FANOTIFY"),
	XLAT_PAIR(1332, "AUDIT_TIME_INJOFFSET"),
	XLAT_PAIR(1333, "AUDIT_TIME_ADJNTPVAL"),
	XLAT_PAIR(1334, "AUDIT_BPF"),
	XLAT_PAIR(1335, "AUDIT_EVENT_LISTENER"),
	XLAT_PAIR(1336, "AUDIT_URINGOP"), XLAT_PAIR(1337, "AUDIT_OPENAT2"),
	XLAT_PAIR(1338, "AUDIT_DM_CTRL"), XLAT_PAIR(1339, "AUDIT_DM_EVENT"),
	XLAT_PAIR(1400, "AUDIT_AVC"), XLAT_PAIR(1401, "AUDIT_SELINUX_ERR"),
	XLAT_PAIR(1402, "AUDIT_AVC_PATH"),
	XLAT_PAIR(1403, "AUDIT_MAC_POLICY_LOAD"),
	XLAT_PAIR(1404, "AUDIT_MAC_STATUS"),
	XLAT_PAIR(1405, "AUDIT_MAC_CONFIG_CHANGE"),
	XLAT_PAIR(1406, "AUDIT_MAC_UNLBL_ALLOW"),
	XLAT_PAIR(1407, "AUDIT_MAC_CIPSOV4_ADD"),
	XLAT_PAIR(1408, "AUDIT_MAC_CIPSOV4_DEL"),
	XLAT_PAIR(1409, "AUDIT_MAC_MAP_ADD"),
	XLAT_PAIR(1410, "AUDIT_MAC_MAP_DEL"),
	XLAT_PAIR(1411, "AUDIT_MAC_IPSEC_ADDSA"),
	XLAT_PAIR(1412, "AUDIT_MAC_IPSEC_DELSA"),
	XLAT_PAIR(1413, "AUDIT_MAC_IPSEC_ADDSPD"),
	XLAT_PAIR(1414, "AUDIT_MAC_IPSEC_DELSPD"),
	XLAT_PAIR(1415, "AUDIT_MAC_IPSEC_EVENT"),
	XLAT_PAIR(1416, "AUDIT_MAC_UNLBL_STCADD"),
	XLAT_PAIR(1417, "AUDIT_MAC_UNLBL_STCDEL"),
	XLAT_PAIR(1418, "AUDIT_MAC_CALIPSO_ADD"),
	XLAT_PAIR(1419, "AUDIT_MAC_CALIPSO_DEL"),
	XLAT_PAIR(1700, "AUDIT_ANOM_PROMISCUOUS"),
	XLAT_PAIR(1701, "AUDIT_ANOM_ABEND"),
	XLAT_PAIR(1702, "AUDIT_ANOM_LINK"),
	XLAT_PAIR(1703, "AUDIT_ANOM_CREAT"),
	XLAT_PAIR(1799, "AUDIT_LAST_KERN_ANOM_MSG"),
	XLAT_PAIR(1800, "AUDIT_INTEGRITY_DATA"),
	XLAT_PAIR(1801, "AUDIT_INTEGRITY_METADATA"),
	XLAT_PAIR(1802, "AUDIT_INTEGRITY_STATUS"),
	XLAT_PAIR(1803, "AUDIT_INTEGRITY_HASH"),
	XLAT_PAIR(1804, "AUDIT_INTEGRITY_PCR"),
	XLAT_PAIR(1805, "AUDIT_INTEGRITY_RULE"),
	XLAT_PAIR(1806, "AUDIT_INTEGRITY_EVM_XATTR"),
	XLAT_PAIR(1807, "AUDIT_INTEGRITY_POLICY_RULE"),
	XLAT_PAIR(2000, "AUDIT_KERNEL"),
	XLAT_PAIR(2100, "AUDIT_FIRST_USER_MSG2"),
	XLAT_PAIR(2999, "AUDIT_LAST_USER_MSG2"));

XLAT_TABLE(nl_selinux_types, "SELNL_MSG_???",
	XLAT_PAIR(0x10, "SELNL_MSG_SETENFORCE"),
	XLAT_PAIR(0x11, "SELNL_MSG_POLICYLOAD"));

XLAT_TABLE(nl_xfrm_types, "XFRM_MSG_???",
	XLAT_PAIR(0x10, "XFRM_MSG_NEWSA"), XLAT_PAIR(0x11, "XFRM_MSG_DELSA"),
	XLAT_PAIR(0x12, "XFRM_MSG_GETSA"),
	XLAT_PAIR(0x13, "XFRM_MSG_NEWPOLICY"),
	XLAT_PAIR(0x14, "XFRM_MSG_DELPOLICY"),
	XLAT_PAIR(0x15, "XFRM_MSG_GETPOLICY"),
	XLAT_PAIR(0x16, "XFRM_MSG_ALLOCSPI"),
	XLAT_PAIR(0x17, "XFRM_MSG_ACQUIRE"),
	XLAT_PAIR(0x18, "XFRM_MSG_EXPIRE"),
	XLAT_PAIR(0x19, "XFRM_MSG_UPDPOLICY"),
	XLAT_PAIR(0x1a, "XFRM_MSG_UPDSA"),
	XLAT_PAIR(0x1b, "XFRM_MSG_POLEXPIRE"),
	XLAT_PAIR(0x1c, "XFRM_MSG_FLUSHSA"),
	XLAT_PAIR(0x1d, "XFRM_MSG_FLUSHPOLICY"),
	XLAT_PAIR(0x1e, "XFRM_MSG_NEWAE"), XLAT_PAIR(0x1f, "XFRM_MSG_GETAE"),
	XLAT_PAIR(0x20, "XFRM_MSG_REPORT"),
	XLAT_PAIR(0x21, "XFRM_MSG_MIGRATE"),
	XLAT_PAIR(0x22, "XFRM_MSG_NEWSADINFO"),
	XLAT_PAIR(0x23, "XFRM_MSG_GETSADINFO"),
	XLAT_PAIR(0x24, "XFRM_MSG_NEWSPDINFO"),
	XLAT_PAIR(0x25, "XFRM_MSG_GETSPDINFO"),
	XLAT_PAIR(0x26, "XFRM_MSG_MAPPING"),
	XLAT_PAIR(0x27, "XFRM_MSG_SETDEFAULT"),
	XLAT_PAIR(0x28, "XFRM_MSG_GETDEFAULT"));

XLAT_TABLE(nl_crypto_types, "CRYPTO_MSG_???",
	XLAT_PAIR(0x10, "CRYPTO_MSG_NEWALG"),
	XLAT_PAIR(0x11, "CRYPTO_MSG_DELALG"),
	XLAT_PAIR(0x12, "CRYPTO_MSG_UPDATEALG"),
	XLAT_PAIR(0x13, "CRYPTO_MSG_GETALG"),
	XLAT_PAIR(0x14, "CRYPTO_MSG_DELRNG"));

XLAT_TABLE(nl_nf_subsys, "NFNL_SUBSYS_???",
	XLAT(NFNL_SUBSYS_NONE), XLAT(NFNL_SUBSYS_CTNETLINK),
	XLAT(NFNL_SUBSYS_CTNETLINK_EXP), XLAT(NFNL_SUBSYS_QUEUE),
	XLAT(NFNL_SUBSYS_ULOG), XLAT(NFNL_SUBSYS_OSF),
	XLAT(NFNL_SUBSYS_IPSET), XLAT(NFNL_SUBSYS_ACCT),
	XLAT(NFNL_SUBSYS_CTNETLINK_TIMEOUT), XLAT(NFNL_SUBSYS_CTHELPER),
	XLAT(NFNL_SUBSYS_NFTABLES), XLAT(NFNL_SUBSYS_NFT_COMPAT),
	XLAT(NFNL_SUBSYS_HOOK));

XLAT_TABLE(nl_nf_msg_types, "NFNL_MSG_???",
	XLAT(NFNL_MSG_BATCH_BEGIN), XLAT(NFNL_MSG_BATCH_END));

XLAT_TABLE(nlmsgerr_attrs, "NLMSGERR_ATTR_???",
	XLAT(NLMSGERR_ATTR_UNUSED), XLAT(NLMSGERR_ATTR_MSG),
	XLAT(NLMSGERR_ATTR_OFFS), XLAT(NLMSGERR_ATTR_COOKIE),
	XLAT(NLMSGERR_ATTR_POLICY), XLAT(NLMSGERR_ATTR_MISS_TYPE),
	XLAT(NLMSGERR_ATTR_MISS_NEST));

/* The socket's protocol gives the names of the message types >=
   NLMSG_MIN_TYPE and the flags that depend on the type. */
static const struct xlat *
protocol_types(int proto)
{
	switch (proto) {
	case NETLINK_ROUTE: return &nl_route_types;
	case NETLINK_SOCK_DIAG: return &nl_sock_diag_types;
	case NETLINK_AUDIT: return &nl_audit_types;
	case NETLINK_SELINUX: return &nl_selinux_types;
	case NETLINK_XFRM: return &nl_xfrm_types;
	case NETLINK_CRYPTO: return &nl_crypto_types;
	}
	return NULL;
}

static const struct xlat *
route_flags(uint16_t type)
{
	if (type == RTM_DELACTION)
		return &nlm_get_flags;
	switch (type & 3) {
	case 0: return &nlm_new_flags;
	case 1: return &nlm_delete_flags;
	case 2: return &nlm_get_flags;
	}
	return NULL;
}

static const struct xlat *
xfrm_flags(uint16_t type)
{
	switch (type) {
	case XFRM_MSG_NEWSA: case XFRM_MSG_NEWPOLICY: case XFRM_MSG_NEWAE:
	case XFRM_MSG_NEWSADINFO: case XFRM_MSG_NEWSPDINFO:
		return &nlm_new_flags;
	case XFRM_MSG_DELSA: case XFRM_MSG_DELPOLICY:
		return &nlm_delete_flags;
	case XFRM_MSG_GETSA: case XFRM_MSG_GETPOLICY: case XFRM_MSG_GETAE:
	case XFRM_MSG_GETSADINFO: case XFRM_MSG_GETSPDINFO:
		return &nlm_get_flags;
	}
	return NULL;
}

static const struct xlat *
crypto_flags(uint16_t type)
{
	switch (type) {
	case CRYPTO_MSG_NEWALG: return &nlm_new_flags;
	case CRYPTO_MSG_DELALG: case CRYPTO_MSG_DELRNG:
		return &nlm_delete_flags;
	case CRYPTO_MSG_GETALG: return &nlm_get_flags;
	}
	return NULL;
}

static const struct xlat *
type_flags(int proto, uint16_t type)
{
	if (type < NLMSG_MIN_TYPE)
		return type == NLMSG_ERROR ? &nlm_ack_flags : NULL;
	switch (proto) {
	case NETLINK_ROUTE: return route_flags(type);
	case NETLINK_SOCK_DIAG: return &nlm_get_flags;
	case NETLINK_XFRM: return xfrm_flags(type);
	case NETLINK_CRYPTO: return crypto_flags(type);
	case NETLINK_NETFILTER:
		switch (nf_flags_kind(type)) {
		case 1: return &nlm_new_flags;
		case 2: return &nlm_get_flags;
		case 3: return &nlm_delete_flags;
		}
		break;
	}
	return NULL;
}

/* --- messages ---------------------------------------------------------- */

static void
print_type(struct fmt *f, int proto, uint16_t type)
{
	const struct xlat *x = &nlmsg_types;

	if (type >= NLMSG_MIN_TYPE) {
		if (proto == NETLINK_NETFILTER) {
			print_nf_type(f, type);
			return;
		}
		if (proto == NETLINK_GENERIC && type == GENL_ID_CTRL) {
			/* The one family whose id is fixed. */
			pb_puts(f->b, "nlctrl");
			return;
		}
		if (proto == NETLINK_GENERIC) {
			pb_printf(f->b, "%#x", type);
			if (f->b->xstyle != 1)
				pb_puts(f->b, " /* GENERIC_FAMILY_??? */");
			return;
		}
		if (protocol_types(proto))
			x = protocol_types(proto);
	}
	print_xval(f->b, x, type, false);
}

static void
print_msg_flags(struct fmt *f, int proto, uint16_t type, uint16_t flags)
{
	const struct xlat *more = type_flags(proto, type);
	struct xlat_data all[16];
	struct xlat x = { all, 0, "NLM_F_???" };
	size_t i;

	for (i = 0; i < nlm_flags.n && x.n < ARRAY_SIZE(all); i++)
		all[x.n++] = nlm_flags.data[i];
	for (i = 0; more && i < more->n && x.n < ARRAY_SIZE(all); i++)
		all[x.n++] = more->data[i];
	print_flags(f->b, &x, flags);
}

static void
print_header(struct fmt *f, int proto, const struct nlmsghdr *h)
{
	pb_printf(f->b, "{nlmsg_len=%u, nlmsg_type=", h->nlmsg_len);
	print_type(f, proto, h->nlmsg_type);
	pb_puts(f->b, ", nlmsg_flags=");
	print_msg_flags(f, proto, h->nlmsg_type, h->nlmsg_flags);
	pb_printf(f->b, ", nlmsg_seq=%u, nlmsg_pid=", h->nlmsg_seq);
	print_pid(f, (int)h->nlmsg_pid);
	pb_putc(f->b, '}');
}

static void print_message(struct fmt *f, int proto,
			  const struct nlmsghdr *h, uint64_t addr,
			  uint64_t len);

static bool
nla_cookie_elem(struct fmt *f, const void *elem, void *data)
{
	(void)data;
	pb_printf(f->b, "%u", *(const uint8_t *)elem);
	return true;
}

static bool
nla_cookie(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	print_array(f, addr, len, 1, nla_cookie_elem, NULL);
	return true;
}

static const nla_fn nlmsgerr_attr_fns[] = {
	[NLMSGERR_ATTR_MSG] = nla_str,
	[NLMSGERR_ATTR_OFFS] = nla_u32,
	[NLMSGERR_ATTR_COOKIE] = nla_cookie,
};

static void
print_errno_val(struct pbuf *b, int err)
{
	/* INT_MIN has no negation in int: no errno is that big anyway. */
	const char *name = err && err != INT_MIN ? snare__errno_name(-err)
						 : NULL;

	if (!name || !XSTYLE_NAMES(b))
		pb_printf(b, "%d", err);
	if (!name || b->xstyle == 1)
		return;
	if (XSTYLE_NAMES(b))
		pb_printf(b, "-%s", name);
	else
		pb_printf(b, " /* -%s */", name);
}

static void
print_nlmsgerr(struct fmt *f, int proto, uint64_t addr, unsigned len,
	       bool capped)
{
	struct nlmsgerr e;
	unsigned hdr_len, payload;

	if (len < sizeof(e)) {
		nl_hex(f, addr, len);
		return;
	}
	if (!read_or_addr(f, &e, addr, sizeof(e)))
		return;
	addr += offsetof(struct nlmsgerr, msg);
	len -= offsetof(struct nlmsgerr, msg);
	hdr_len = e.msg.nlmsg_len > sizeof(e.msg) ? e.msg.nlmsg_len :
						    sizeof(e.msg);
	payload = capped ? sizeof(e.msg) : hdr_len;
	if (payload > len)
		payload = len;
	if (len > payload)
		pb_putc(f->b, '[');
	pb_puts(f->b, "{error=");
	print_errno_val(f->b, e.error);
	pb_puts(f->b, ", msg=");
	print_message(f, proto, &e.msg, addr, payload);
	pb_putc(f->b, '}');
	if (len > payload) {
		pb_puts(f->b, ", ");
		nl_attrs(f, addr + payload, len - payload, &nlmsgerr_attrs,
			 nlmsgerr_attr_fns, ARRAY_SIZE(nlmsgerr_attr_fns),
			 NULL);
		pb_putc(f->b, ']');
	}
}

static void
print_payload(struct fmt *f, int proto, const struct nlmsghdr *h,
	      uint64_t addr, unsigned len)
{
	bool done;
	int v;

	if (h->nlmsg_type == NLMSG_ERROR) {
		print_nlmsgerr(f, proto, addr, len,
			       h->nlmsg_flags & NLM_F_CAPPED);
		return;
	}
	if (h->nlmsg_type >= NLMSG_MIN_TYPE || h->nlmsg_type == NLMSG_DONE) {
		switch (proto) {
		case NETLINK_ROUTE:
			done = nl_route_payload(f, h, addr, len);
			break;
		case NETLINK_SOCK_DIAG:
			done = nl_diag_payload(f, h, addr, len);
			break;
		default:
			done = nl_other_payload(f, proto, h, addr, len);
			break;
		}
		if (done)
			return;
	}
	if (h->nlmsg_type == NLMSG_DONE && len == sizeof(v)) {
		if (read_or_addr(f, &v, addr, sizeof(v)))
			pb_printf(f->b, "%d", v);
		return;
	}
	nl_hex(f, addr, len);
}

static void
print_message(struct fmt *f, int proto, const struct nlmsghdr *h,
	      uint64_t addr, uint64_t len)
{
	unsigned mlen = h->nlmsg_len < len ? h->nlmsg_len : (unsigned)len;

	if (mlen > NLMSG_HDRLEN)
		pb_putc(f->b, '[');
	print_header(f, proto, h);
	if (mlen > NLMSG_HDRLEN) {
		pb_puts(f->b, ", ");
		print_payload(f, proto, h, addr + NLMSG_HDRLEN,
			      mlen - NLMSG_HDRLEN);
		pb_putc(f->b, ']');
	}
}

void
print_netlink(struct fmt *f, int proto, uint64_t addr, uint64_t len)
{
	size_t max = array_max(f), elt;
	bool list = false;
	struct nlmsghdr h;

	if (proto == NETLINK_KOBJECT_UEVENT) {
		print_uevent(f, addr, len);
		return;
	}
	for (elt = 0; nl_fetch(f, &h, sizeof(h), addr, len, list); elt++) {
		uint32_t step = NLMSG_ALIGN((uint32_t)h.nlmsg_len);
		uint64_t next_addr = 0, next_len = 0;

		if (!f->o->verbose && elt == max) {
			pb_puts(f->b, "...");
			break;
		}
		if (h.nlmsg_len >= NLMSG_HDRLEN) {
			next_len = len >= step ? len - step : 0;
			if (next_len && addr + step > addr)
				next_addr = addr + step;
		}
		if (!list && next_addr) {
			pb_putc(f->b, '[');
			list = true;
		}
		print_message(f, proto, &h, addr, len);
		if (!next_addr)
			break;
		pb_puts(f->b, ", ");
		addr = next_addr;
		len = next_len;
	}
	if (list)
		pb_putc(f->b, ']');
}

bool
is_netlink_name(struct fmt *f, uint64_t addr, int len)
{
	sa_family_t family;

	return len >= (int)sizeof(family) &&
	       read_mem(f, &family, addr, sizeof(family)) &&
	       family == AF_NETLINK;
}

struct nl_iov {
	int proto;
	uint64_t left;
};

static bool
nl_iov_elem(struct fmt *f, const void *elem, void *data)
{
	struct nl_iov *w = data;
	uint64_t iov[2], shown;

	memcpy(iov, elem, sizeof(iov));
	shown = iov[1] < w->left ? iov[1] : w->left;
	if (w->left != UINT64_MAX)
		w->left -= shown;
	pb_puts(f->b, "{iov_base=");
	print_netlink(f, w->proto, iov[0], shown);
	pb_printf(f->b, ", iov_len=%llu}", (unsigned long long)iov[1]);
	return true;
}

void
print_netlink_iovec(struct fmt *f, int proto, uint64_t addr, uint64_t n,
		    uint64_t size)
{
	struct nl_iov w = { proto, size };

	print_array(f, addr, n, 2 * sizeof(uint64_t), nl_iov_elem, &w);
}

/* For the decoders' fuzzer (fuzz/fuzz_decode.c), which has no sockets:
   len bytes at addr as messages of protocol proto, with snprintf's
   return convention. Not exported. */
size_t snare__format_netlink(char *buf, size_t cap, snare_proc *p, int proto,
			     uint64_t addr, uint64_t len,
			     const snare_format_opts *opts);

size_t
snare__format_netlink(char *buf, size_t cap, snare_proc *p, int proto,
		      uint64_t addr, uint64_t len,
		      const snare_format_opts *opts)
{
	static const uint64_t no_args[6];
	struct pbuf b;
	struct fmt f;

	pb_init(&b, buf, cap);
	memset(&f, 0, sizeof(f));
	f.b = &b;
	f.p = p;
	f.nr = -1;
	f.args = no_args;
	if (fmt_set_opts(&f, opts))
		print_netlink(&f, proto, addr, len);
	return b.len;
}
