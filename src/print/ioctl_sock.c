/* SPDX-License-Identifier: MIT */
/*
 * ioctl_sock.c: the socket ioctls (linux/sockios.h, type 0x89) as strace
 * 6.1 prints them: struct ifreq with the field its command uses (an
 * address, flags, a hardware address, a number, a name), struct ifconf
 * with its array of interfaces, the owner and mark as ints, a bridge's
 * name, and the address alone for the commands strace does not decode.
 * The "get" commands show the name asked for at entry and the answer at
 * exit.
 */
#include <linux/sockios.h>
#include <net/if.h>
#include <stddef.h>
#include <string.h>

#include "ioctl.h"

XLAT_TABLE(sock_ioctl_cmds, NULL, XLAT(FIOSETOWN), XLAT(SIOCSPGRP),
	   XLAT(FIOGETOWN), XLAT(SIOCGPGRP), XLAT(SIOCATMARK),
	   XLAT(SIOCGSTAMP_OLD), XLAT(SIOCGSTAMPNS_OLD), XLAT(SIOCGSTAMP_NEW),
	   XLAT(SIOCGSTAMPNS_NEW), XLAT(SIOCADDRT), XLAT(SIOCDELRT),
	   XLAT(SIOCRTMSG), XLAT(SIOCGIFNAME), XLAT(SIOCSIFLINK),
	   XLAT(SIOCGIFCONF), XLAT(SIOCGIFFLAGS), XLAT(SIOCSIFFLAGS),
	   XLAT(SIOCGIFADDR), XLAT(SIOCSIFADDR), XLAT(SIOCGIFDSTADDR),
	   XLAT(SIOCSIFDSTADDR), XLAT(SIOCGIFBRDADDR), XLAT(SIOCSIFBRDADDR),
	   XLAT(SIOCGIFNETMASK), XLAT(SIOCSIFNETMASK), XLAT(SIOCGIFMETRIC),
	   XLAT(SIOCSIFMETRIC), XLAT(SIOCGIFMEM), XLAT(SIOCSIFMEM),
	   XLAT(SIOCGIFMTU), XLAT(SIOCSIFMTU), XLAT(SIOCSIFNAME),
	   XLAT(SIOCSIFHWADDR), XLAT(SIOCGIFENCAP), XLAT(SIOCSIFENCAP),
	   XLAT(SIOCGIFHWADDR), XLAT(SIOCGIFSLAVE), XLAT(SIOCSIFSLAVE),
	   XLAT(SIOCADDMULTI), XLAT(SIOCDELMULTI), XLAT(SIOCGIFINDEX),
	   XLAT(SIOCSIFPFLAGS), XLAT(SIOCGIFPFLAGS), XLAT(SIOCDIFADDR),
	   XLAT(SIOCSIFHWBROADCAST), XLAT(SIOCGIFCOUNT), XLAT(SIOCGIFBR),
	   XLAT(SIOCSIFBR), XLAT(SIOCGIFTXQLEN), XLAT(SIOCSIFTXQLEN),
	   XLAT(SIOCETHTOOL), XLAT(SIOCGMIIPHY), XLAT(SIOCGMIIREG),
	   XLAT(SIOCSMIIREG), XLAT(SIOCWANDEV), XLAT(SIOCOUTQNSD),
	   XLAT(SIOCGSKNS), XLAT(SIOCDARP), XLAT(SIOCGARP), XLAT(SIOCSARP),
	   XLAT(SIOCDRARP), XLAT(SIOCGRARP), XLAT(SIOCSRARP),
	   XLAT(SIOCGIFMAP), XLAT(SIOCSIFMAP), XLAT(SIOCADDDLCI),
	   XLAT(SIOCDELDLCI), XLAT(SIOCGIFVLAN), XLAT(SIOCSIFVLAN),
	   XLAT(SIOCBONDENSLAVE), XLAT(SIOCBONDRELEASE),
	   XLAT(SIOCBONDSETHWADDR), XLAT(SIOCBONDSLAVEINFOQUERY),
	   XLAT(SIOCBONDINFOQUERY), XLAT(SIOCBONDCHANGEACTIVE),
	   XLAT(SIOCBRADDBR), XLAT(SIOCBRDELBR), XLAT(SIOCBRADDIF),
	   XLAT(SIOCBRDELIF), XLAT(SIOCSHWTSTAMP), XLAT(SIOCGHWTSTAMP));

/* The interface flags and hardware types (netlink_route.c, sockaddr.c). */
extern const struct xlat iff_flags, sa_arphrd;

/* How a command's argument prints. */
enum sock_kind {
	SK_NONE = 0,  /* in hex, undecoded */
	SK_ADDR,      /* its address */
	SK_INT_IN,    /* [N] at entry */
	SK_INT_OUT,   /* [N] at exit */
	SK_BRNAME,    /* a bridge's name */
	SK_BRIF,      /* {ifr_ifindex=...} */
	SK_IFREQ_SET, /* struct ifreq at entry */
	SK_IFREQ_GET, /* its name at entry, its answer at exit */
	SK_IFCONF,
};

static enum sock_kind
sock_kind(unsigned code)
{
	switch (code) {
	case SIOCGIFCONF:
		return SK_IFCONF;
	case SIOCBRADDBR: case SIOCBRDELBR:
		return SK_BRNAME;
	case FIOGETOWN: case SIOCATMARK: case SIOCGIFENCAP: case SIOCGPGRP:
	case SIOCOUTQNSD:
		return SK_INT_OUT;
	case FIOSETOWN: case SIOCSIFENCAP: case SIOCSPGRP:
		return SK_INT_IN;
	case SIOCBRADDIF: case SIOCBRDELIF:
		return SK_BRIF;
	case SIOCADDMULTI: case SIOCDELMULTI: case SIOCSIFADDR:
	case SIOCSIFBRDADDR: case SIOCSIFDSTADDR: case SIOCSIFFLAGS:
	case SIOCSIFHWADDR: case SIOCSIFHWBROADCAST: case SIOCSIFMAP:
	case SIOCSIFMETRIC: case SIOCSIFMTU: case SIOCSIFNAME:
	case SIOCSIFNETMASK: case SIOCSIFSLAVE: case SIOCSIFTXQLEN:
		return SK_IFREQ_SET;
	case SIOCGIFADDR: case SIOCGIFBRDADDR: case SIOCGIFDSTADDR:
	case SIOCGIFFLAGS: case SIOCGIFHWADDR: case SIOCGIFINDEX:
	case SIOCGIFMAP: case SIOCGIFMETRIC: case SIOCGIFMTU:
	case SIOCGIFNAME: case SIOCGIFNETMASK: case SIOCGIFSLAVE:
	case SIOCGIFTXQLEN:
		return SK_IFREQ_GET;
	case SIOCADDDLCI: case SIOCADDRT: case SIOCBONDCHANGEACTIVE:
	case SIOCBONDENSLAVE: case SIOCBONDINFOQUERY: case SIOCBONDRELEASE:
	case SIOCBONDSETHWADDR: case SIOCBONDSLAVEINFOQUERY: case SIOCDARP:
	case SIOCDELDLCI: case SIOCDELRT: case SIOCDIFADDR: case SIOCDRARP:
	case SIOCETHTOOL: case SIOCGARP: case SIOCGHWTSTAMP: case SIOCGIFBR:
	case SIOCGIFCOUNT: case SIOCGIFMEM: case SIOCGIFPFLAGS:
	case SIOCGIFVLAN: case SIOCGMIIPHY: case SIOCGMIIREG: case SIOCGRARP:
	case SIOCGSKNS: case SIOCGSTAMP_OLD: case SIOCGSTAMP_NEW:
	case SIOCGSTAMPNS_OLD: case SIOCGSTAMPNS_NEW: case SIOCRTMSG:
	case SIOCSARP: case SIOCSHWTSTAMP: case SIOCSIFBR: case SIOCSIFLINK:
	case SIOCSIFMEM: case SIOCSIFPFLAGS: case SIOCSIFVLAN:
	case SIOCSMIIREG: case SIOCSRARP: case SIOCWANDEV:
		return SK_ADDR;
	}
	return SK_NONE;
}

static enum ioctl_when
sock_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (sock_kind(code)) {
	case SK_NONE:
		return IOCTL_HEX;
	case SK_INT_OUT:
		return IOCTL_EXIT;
	case SK_IFREQ_GET: case SK_IFCONF:
		return IOCTL_SPLIT;
	default:
		return IOCTL_ENTRY;
	}
}

/* The length of a hardware address of a type (linux/if_arp.h's
   ARPHRD_*: the kernel's dev->addr_len as strace knows it), 255 when
   unknown. */
static unsigned
hwaddr_len(unsigned type)
{
	static const struct {
		unsigned short type;
		unsigned char len;
	} lens[] = {
		{ 0, 7 },    /* NETROM */
		{ 1, 6 },    /* ETHER */
		{ 3, 7 },    /* AX25 */
		{ 6, 6 },    /* IEEE802 */
		{ 7, 1 },    /* ARCNET */
		{ 15, 2 },   /* DLCI */
		{ 24, 16 },  /* IEEE1394 */
		{ 27, 8 },   /* EUI64 */
		{ 32, 20 },  /* INFINIBAND */
		{ 256, 0 },  /* SLIP */
		{ 270, 5 },  /* ROSE */
		{ 271, 0 },  /* X25 */
		{ 280, 0 },  /* CAN */
		{ 290, 1 },  /* MCTP */
		{ 512, 0 },  /* PPP */
		{ 518, 0 },  /* RAWHDLC */
		{ 519, 0 },  /* RAWIP */
		{ 768, 4 },  /* TUNNEL */
		{ 769, 16 }, /* TUNNEL6 */
		{ 772, 6 },  /* LOOPBACK */
		{ 773, 1 },  /* LOCALTLK */
		{ 774, 6 },  /* FDDI */
		{ 776, 4 },  /* SIT */
		{ 777, 0 },  /* IPDDP */
		{ 778, 4 },  /* IPGRE */
		{ 779, 0 },  /* PIMREG */
		{ 780, 6 },  /* HIPPI */
		{ 783, 4 },  /* IRDA */
		{ 801, 6 },  /* IEEE80211 */
		{ 802, 6 },  /* IEEE80211_PRISM */
		{ 803, 6 },  /* IEEE80211_RADIOTAP */
		{ 804, 8 },  /* IEEE802154 */
		{ 805, 8 },  /* IEEE802154_MONITOR */
		{ 820, 1 },  /* PHONET */
		{ 821, 1 },  /* PHONET_PIPE */
		{ 822, 0 },  /* CAIF */
		{ 823, 16 }, /* IP6GRE */
		{ 824, 0 },  /* NETLINK */
		{ 825, 8 },  /* 6LOWPAN */
		{ 826, 0 },  /* VSOCKMON */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lens); i++)
		if (lens[i].type == type)
			return lens[i].len;
	return 255;
}

static void
print_hwaddr(struct fmt *f, const struct sockaddr *sa)
{
	const unsigned char *d = (const unsigned char *)sa->sa_data;
	unsigned n = hwaddr_len(sa->sa_family), i;

	pb_puts(f->b, "{sa_family=");
	print_xval(f->b, &sa_arphrd, sa->sa_family, false);
	pb_puts(f->b, ", sa_data=");
	if (n > sizeof(sa->sa_data))
		n = sizeof(sa->sa_data);
	if (f->b->xstyle != 0)
		pb_quote(f->b, d, n, f->o->xflag, QUOTE_FORCE_HEX);
	if (f->b->xstyle != 1) {
		if (f->b->xstyle == 2)
			pb_puts(f->b, " /* ");
		for (i = 0; i < n; i++)
			pb_printf(f->b, i ? ":%02x" : "%02x", d[i]);
		if (f->b->xstyle == 2)
			pb_puts(f->b, " */");
	}
	pb_putc(f->b, '}');
}

static void
print_ifindex(struct pbuf *b, int idx)
{
	char name[IF_NAMESIZE + 1];

	if (idx && if_indextoname((unsigned)idx, name))
		pb_printf(b, "if_nametoindex(\"%s\")", name);
	else
		pb_printf(b, "%u", (unsigned)idx);
}

/* The field of struct ifreq that code uses. */
static void
print_ifreq_field(struct fmt *f, unsigned code, uint64_t arg,
		  const struct ifreq *r)
{
	const char *name = NULL;
	const struct ifmap *m = &r->ifr_map;

	switch (code) {
	case SIOCSIFADDR: case SIOCGIFADDR:
		name = "ifr_addr";
		break;
	case SIOCSIFDSTADDR: case SIOCGIFDSTADDR:
		name = "ifr_dstaddr";
		break;
	case SIOCSIFBRDADDR: case SIOCGIFBRDADDR:
		name = "ifr_broadaddr";
		break;
	case SIOCSIFNETMASK: case SIOCGIFNETMASK:
		name = "ifr_netmask";
		break;
	case SIOCADDMULTI: case SIOCDELMULTI: case SIOCGIFHWADDR:
	case SIOCSIFHWADDR: case SIOCSIFHWBROADCAST:
		pb_puts(f->b, "ifr_hwaddr=");
		print_hwaddr(f, &r->ifr_hwaddr);
		return;
	case SIOCSIFFLAGS: case SIOCGIFFLAGS:
		pb_puts(f->b, "ifr_flags=");
		print_flags(f->b, &iff_flags, (unsigned short)r->ifr_flags);
		return;
	case SIOCGIFINDEX:
		pb_printf(f->b, "ifr_ifindex=%d", r->ifr_ifindex);
		return;
	case SIOCSIFMETRIC: case SIOCGIFMETRIC:
		pb_printf(f->b, "ifr_metric=%d", r->ifr_metric);
		return;
	case SIOCSIFMTU: case SIOCGIFMTU:
		pb_printf(f->b, "ifr_mtu=%d", r->ifr_mtu);
		return;
	case SIOCSIFSLAVE: case SIOCGIFSLAVE:
		pb_puts(f->b, "ifr_slave=");
		ioctl_print_cstr(f, r->ifr_slave, sizeof(r->ifr_slave));
		return;
	case SIOCSIFNAME:
		pb_puts(f->b, "ifr_newname=");
		ioctl_print_cstr(f, r->ifr_newname, sizeof(r->ifr_newname));
		return;
	case SIOCGIFNAME:
		pb_puts(f->b, "ifr_name=");
		ioctl_print_cstr(f, r->ifr_name, sizeof(r->ifr_name));
		return;
	case SIOCSIFTXQLEN: case SIOCGIFTXQLEN:
		pb_printf(f->b, "ifr_qlen=%d", r->ifr_qlen);
		return;
	case SIOCSIFMAP: case SIOCGIFMAP:
		pb_puts(f->b, "ifr_map={mem_start=");
		ioctl_print_hex(f->b, m->mem_start);
		pb_puts(f->b, ", mem_end=");
		ioctl_print_hex(f->b, m->mem_end);
		pb_puts(f->b, ", base_addr=");
		ioctl_print_hex(f->b, m->base_addr);
		pb_puts(f->b, ", irq=");
		ioctl_print_hex(f->b, m->irq);
		pb_puts(f->b, ", dma=");
		ioctl_print_hex(f->b, m->dma);
		pb_puts(f->b, ", port=");
		ioctl_print_hex(f->b, m->port);
		pb_putc(f->b, '}');
		return;
	default:
		return;
	}
	pb_printf(f->b, "%s=", name);
	print_sockaddr(f, arg + offsetof(struct ifreq, ifr_addr),
		       (int)sizeof(r->ifr_addr));
}

static void
sock_ifreq(struct fmt *f, unsigned code, uint64_t arg, bool get)
{
	struct ifreq r;

	if (get && f->exiting) {
		if (!read_mem(f, &r, arg, sizeof(r)))
			return; /* the entry half printed the address */
		if (!is_error(f)) {
			pb_puts(f->b, ", ");
			print_ifreq_field(f, code, arg, &r);
		}
		pb_putc(f->b, '}');
		return;
	}
	if (!read_or_addr(f, &r, arg, sizeof(r)))
		return;
	if (code == SIOCGIFNAME) {
		pb_printf(f->b, "{ifr_ifindex=%d", r.ifr_ifindex);
		return;
	}
	pb_puts(f->b, "{ifr_name=");
	ioctl_print_cstr(f, r.ifr_name, sizeof(r.ifr_name));
	if (get)
		return;
	pb_puts(f->b, ", ");
	print_ifreq_field(f, code, arg, &r);
	pb_putc(f->b, '}');
}

/* ifc_len, with the number of struct ifreq it holds. */
static void
print_ifc_len(struct pbuf *b, int len)
{
	unsigned n = (unsigned)len / sizeof(struct ifreq);

	pb_printf(b, "%d", len);
	if (len > 0 && n * sizeof(struct ifreq) == (unsigned)len)
		pb_printf(b, " /* %u * sizeof(struct ifreq) */", n);
}

struct ifconf_at {
	uint64_t base;
	uint64_t i;
};

static bool
print_ifconf_elem(struct fmt *f, const void *elem, void *data)
{
	struct ifconf_at *at = data;
	struct ifreq r;

	memcpy(&r, elem, sizeof(r));
	pb_puts(f->b, "{ifr_name=");
	ioctl_print_cstr(f, r.ifr_name, sizeof(r.ifr_name));
	pb_puts(f->b, ", ifr_addr=");
	print_sockaddr(f, at->base + at->i * sizeof(r) +
			  offsetof(struct ifreq, ifr_addr),
		       (int)sizeof(r.ifr_addr));
	pb_putc(f->b, '}');
	at->i++;
	return true;
}

/*
 * SIOCGIFCONF: with ifc_buf NULL the kernel answers the length needed;
 * else it fills ifc_buf and says how much of it.
 */
static void
sock_ifconf(struct fmt *f, uint64_t arg)
{
	struct ifconf c;
	int64_t len0, buf0;
	struct ifconf_at at;

	if (!f->exiting) {
		if (!read_or_addr(f, &c, arg, sizeof(c)))
			return;
		pb_puts(f->b, "{ifc_len=");
		if (c.ifc_buf)
			print_ifc_len(f->b, c.ifc_len);
		note_put(f, arg, c.ifc_len);
		note_put(f, arg + 1, (int64_t)(uintptr_t)c.ifc_buf);
		return;
	}
	if (!note_get(f, arg, &len0, true) ||
	    !note_get(f, arg + 1, &buf0, true))
		return;
	if (!read_mem(f, &c, arg, sizeof(c))) {
		if (!buf0)
			print_ifc_len(f->b, (int)len0);
		pb_puts(f->b, ", ifc_buf=");
		print_ptr(f, (uint64_t)buf0);
		pb_putc(f->b, '}');
		return;
	}
	if (buf0 && len0 != c.ifc_len)
		pb_puts(f->b, " => ");
	if (!buf0 || len0 != c.ifc_len)
		print_ifc_len(f->b, c.ifc_len);
	pb_puts(f->b, ", ifc_buf=");
	if (!buf0 || is_error(f)) {
		print_ptr(f, (uint64_t)buf0);
		if ((uint64_t)buf0 != (uint64_t)(uintptr_t)c.ifc_buf) {
			pb_puts(f->b, " => ");
			print_ptr(f, (uint64_t)(uintptr_t)c.ifc_buf);
		}
	} else {
		at.base = (uint64_t)(uintptr_t)c.ifc_buf;
		at.i = 0;
		print_array(f, at.base, (unsigned)c.ifc_len / sizeof(struct ifreq),
			    sizeof(struct ifreq), print_ifconf_elem, &at);
	}
	pb_putc(f->b, '}');
}

static void
sock_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	struct ifreq r;

	switch (sock_kind(code)) {
	case SK_NONE:
		return;
	case SK_ADDR:
		print_ptr(f, arg);
		return;
	case SK_INT_IN: case SK_INT_OUT:
		ioctl_print_int(f, arg, "%d");
		return;
	case SK_BRNAME:
		print_str_nul(f, arg, sizeof(r.ifr_name));
		return;
	case SK_BRIF:
		if (!read_or_addr(f, &r, arg, sizeof(r)))
			return;
		pb_puts(f->b, "{ifr_ifindex=");
		print_ifindex(f->b, r.ifr_ifindex);
		pb_putc(f->b, '}');
		return;
	case SK_IFREQ_SET:
		sock_ifreq(f, code, arg, false);
		return;
	case SK_IFREQ_GET:
		sock_ifreq(f, code, arg, true);
		return;
	case SK_IFCONF:
		sock_ifconf(f, arg);
		return;
	}
}

const struct ioctl_family ioctl_sock_family = {
	.type = 0x89,
	.names = &sock_ioctl_cmds,
	.when = sock_when,
	.arg = sock_arg,
};
