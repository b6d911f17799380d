/* SPDX-License-Identifier: MIT */
/*
 * fdinfo.c: what strace 6.1 prints after a file descriptor under -y and
 * -yy. -y (yflag 1): the target of /proc/PID/fd/N between '<' and '>',
 * quoted without its quotes and with '<' and '>' in octal, and AT_FDCWD
 * with the working directory. -yy (yflag 2) describes three kinds more:
 *
 *   sockets  "UNIX-STREAM:[INODE->PEER]", "UNIX:[INODE,\"PATH\"]",
 *            "TCP:[SRC:PORT->DST:PORT]", "UDPv6:[[::1]:PORT]",
 *            "NETLINK:[ROUTE:PORTID]", else "PROTO:[INODE]"; the protocol
 *            comes from the "system.sockprotoname" attribute of the fd,
 *            the endpoints from the kernel's sock_diag netlink interface
 *            (in the tracer's network namespace, as strace does);
 *   devices  "/dev/null<char 1:3>", "/dev/sda<block 8:0>";
 *   pidfds   "pid:PID", from /proc/PID/fdinfo/N.
 *
 * A yflag with SNARE_DECODE_FDS_SET (strace --decode-fds=SET) asks for
 * some of these only; an fd of another kind prints bare (or with its
 * path when the set has "path").
 *
 * Paths, devices and pidfds are looked up each time they are printed.
 * A socket's endpoints, once found, are kept by inode in the process's
 * print notes (net.c) and shown from then on, as strace's cache does: a
 * socketpair's end still shows its peer after the peer was closed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "print.h"

/* The target of /proc/pid/fd/fd (or of /proc/pid/cwd for fd AT_FDCWD),
 * NUL-terminated; its length, or -1. */
static ssize_t
fd_target(int pid, int fd, char *out, size_t cap)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	n = readlink(link, out, cap - 1);
	if (n <= 0)
		return -1;
	out[n] = '\0';
	return n;
}

/*
 * Whether the kernel appended " (deleted)" to target (the file was
 * unlinked), rather than the file's name ending so: then the suffix is
 * cut off, as strace shows it after the '>'. A name that really ends so
 * is the same file as the fd's.
 */
static bool
cut_deleted(int pid, int fd, char *target, ssize_t *len)
{
	static const char sfx[] = " (deleted)";
	const size_t sfx_len = sizeof(sfx) - 1;
	struct stat by_fd, by_name;
	char link[64];

	if ((size_t)*len <= sfx_len || strcmp(target + *len - sfx_len, sfx))
		return false;
	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	if (!stat(target, &by_name) && !stat(link, &by_fd) &&
	    by_name.st_dev == by_fd.st_dev && by_name.st_ino == by_fd.st_ino)
		return false;
	*len -= (ssize_t)sfx_len;
	target[*len] = '\0';
	return true;
}

static void
put_path(struct fmt *f, const char *path, size_t len)
{
	pb_quote(f->b, (const unsigned char *)path, len, f->o->xflag,
		 QUOTE_BARE | QUOTE_ANGLES);
}

/* --- sock_diag ------------------------------------------------------- */

/* What a query looks for and what it found. */
struct diag {
	unsigned long inode;
	struct pbuf *b;      /* the description goes here */
	const char *proto;   /* "TCP", "UNIX-STREAM" */
	int xflag;
	bool found;
};

typedef bool (*diag_parse_fn)(struct diag *d, const struct nlmsghdr *h);

/*
 * Send one sock_diag request and give each answer to parse until it
 * returns true or the answers end. A broken or silent netlink socket ends
 * the query (after at most a second: the kernel answers at once).
 */
static void
diag_query(struct diag *d, void *req, size_t len, diag_parse_fn parse)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	struct timeval tmo = { 1, 0 };
	long buf[8192 / sizeof(long)];
	struct nlmsghdr *h = req;
	int s;

	s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (s < 0)
		return;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
	h->nlmsg_len = (uint32_t)len;
	h->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	if (sendto(s, req, len, 0, (struct sockaddr *)&nl, sizeof(nl)) < 0)
		goto out;
	for (;;) {
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		struct nlmsghdr *m = (struct nlmsghdr *)buf;

		if (n <= 0)
			goto out;
		for (; NLMSG_OK(m, (size_t)n); m = NLMSG_NEXT(m, n)) {
			if (m->nlmsg_type == NLMSG_DONE ||
			    m->nlmsg_type == NLMSG_ERROR)
				goto out;
			if (parse(d, m))
				goto out;
		}
		if (!(h->nlmsg_flags & NLM_F_DUMP))
			goto out;
	}
out:
	close(s);
}

static bool
unix_parse(struct diag *d, const struct nlmsghdr *h)
{
	const struct unix_diag_msg *m = NLMSG_DATA(h);
	const struct rtattr *a;
	uint32_t peer = 0;
	const char *name = NULL;
	size_t name_len = 0;
	int left;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->udiag_ino != d->inode)
		return false;
	left = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
	for (a = (const struct rtattr *)(m + 1); RTA_OK(a, left);
	     a = RTA_NEXT(a, left)) {
		if (a->rta_type == UNIX_DIAG_NAME) {
			name = RTA_DATA(a);
			name_len = (size_t)RTA_PAYLOAD(a);
		} else if (a->rta_type == UNIX_DIAG_PEER &&
			   (size_t)RTA_PAYLOAD(a) >= sizeof(peer)) {
			memcpy(&peer, RTA_DATA(a), sizeof(peer));
		}
	}
	if (!peer && !name_len)
		return true; /* nothing to add to PROTO:[INODE] */
	pb_printf(d->b, "%s:[%lu", d->proto, d->inode);
	if (peer)
		pb_printf(d->b, "->%u", peer);
	if (name_len) {
		pb_putc(d->b, ',');
		if (name[0] == '\0') {
			pb_putc(d->b, '@');
			name++;
			name_len--;
		}
		pb_quote(d->b, (const unsigned char *)name, name_len, d->xflag,
			 QUOTE_CSTRING);
	}
	pb_putc(d->b, ']');
	d->found = true;
	return true;
}

static void
unix_describe(struct diag *d)
{
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} req = {
		.h = { .nlmsg_flags = NLM_F_REQUEST },
		.r = { .sdiag_family = AF_UNIX, .udiag_states = ~0U,
		       .udiag_ino = (uint32_t)d->inode,
		       .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
		       .udiag_cookie = { INET_DIAG_NOCOOKIE,
					 INET_DIAG_NOCOOKIE } },
	};

	diag_query(d, &req, sizeof(req), unix_parse);
}

static void
put_inet_addr(struct pbuf *b, int family, const void *addr, uint16_t port)
{
	char text[INET6_ADDRSTRLEN];

	if (!inet_ntop(family, addr, text, sizeof(text)))
		snprintf(text, sizeof(text), "?");
	if (family == AF_INET6)
		pb_printf(b, "[%s]:%u", text, ntohs(port));
	else
		pb_printf(b, "%s:%u", text, ntohs(port));
}

static bool
inet_parse(struct diag *d, const struct nlmsghdr *h)
{
	static const uint32_t zero[4];
	const struct inet_diag_msg *m = NLMSG_DATA(h);
	size_t alen;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) ||
	    m->idiag_inode != d->inode)
		return false;
	alen = m->idiag_family == AF_INET6 ? 16 : 4;
	pb_printf(d->b, "%s:[", d->proto);
	put_inet_addr(d->b, m->idiag_family, m->id.idiag_src,
		      m->id.idiag_sport);
	if (m->id.idiag_dport || memcmp(m->id.idiag_dst, zero, alen)) {
		pb_puts(d->b, "->");
		put_inet_addr(d->b, m->idiag_family, m->id.idiag_dst,
			      m->id.idiag_dport);
	}
	pb_putc(d->b, ']');
	d->found = true;
	return true;
}

static void
inet_describe(struct diag *d, int family, int protocol)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {
		.h = { .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = (uint8_t)family,
		       .sdiag_protocol = (uint8_t)protocol,
		       .idiag_states = ~0U },
	};

	diag_query(d, &req, sizeof(req), inet_parse);
}

/* Netlink protocols as strace names them after "NETLINK:[". */
#define NL(name) [NETLINK_##name] = #name
static const char *const netlink_names[] = {
	NL(ROUTE), NL(UNUSED), NL(USERSOCK), NL(FIREWALL), NL(SOCK_DIAG),
	NL(NFLOG), NL(XFRM), NL(SELINUX), NL(ISCSI), NL(AUDIT),
	NL(FIB_LOOKUP), NL(CONNECTOR), NL(NETFILTER), NL(IP6_FW),
	NL(DNRTMSG), NL(KOBJECT_UEVENT), NL(GENERIC), NL(SCSITRANSPORT),
	NL(ECRYPTFS), NL(RDMA), NL(CRYPTO), NL(SMC),
};
#undef NL

static bool
netlink_parse(struct diag *d, const struct nlmsghdr *h)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->ndiag_ino != d->inode)
		return false;
	if (!m->ndiag_portid)
		return true;
	pb_printf(d->b, "%s:[", d->proto);
	if (m->ndiag_protocol < ARRAY_SIZE(netlink_names) &&
	    netlink_names[m->ndiag_protocol])
		pb_puts(d->b, netlink_names[m->ndiag_protocol]);
	else
		pb_printf(d->b, "%u", m->ndiag_protocol);
	pb_printf(d->b, ":%u]", m->ndiag_portid);
	d->found = true;
	return true;
}

static void
netlink_describe(struct diag *d)
{
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} req = {
		.h = { .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = AF_NETLINK,
		       .sdiag_protocol = NDIAG_PROTO_ALL,
		       .ndiag_ino = (uint32_t)d->inode,
		       .ndiag_cookie = { INET_DIAG_NOCOOKIE,
					 INET_DIAG_NOCOOKIE } },
	};

	diag_query(d, &req, sizeof(req), netlink_parse);
}

/* The protocol of a netlink socket (netlink.c): the answer's
   ndiag_protocol. sock_diag lists bound sockets only: before its first
   send a socket's protocol is unknown, to strace too. */
struct nl_proto_query {
	struct diag d;
	int proto;
};

static bool
netlink_proto_parse(struct diag *d, const struct nlmsghdr *h)
{
	const struct netlink_diag_msg *m = NLMSG_DATA(h);
	struct nl_proto_query *q = (struct nl_proto_query *)d;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)) || m->ndiag_ino != d->inode)
		return false;
	if (m->ndiag_family == AF_NETLINK)
		q->proto = m->ndiag_protocol;
	return true;
}

int
fd_netlink_protocol(struct fmt *f, int fd)
{
	char target[64], link[64], proto[16];
	struct nl_proto_query q = { .proto = NL_PROTO_UNKNOWN };
	unsigned long inode;
	ssize_t n;
	char *end;
	int pid;
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} req = {
		.h = { .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = AF_NETLINK,
		       .sdiag_protocol = NDIAG_PROTO_ALL,
		       .ndiag_cookie = { INET_DIAG_NOCOOKIE,
					 INET_DIAG_NOCOOKIE } },
	};

	if (!f->p || fd < 0)
		return -1;
	pid = pidns_proc_pid(f);
	n = fd_target(pid, fd, target, sizeof(target));
	if (n < 0 || strncmp(target, "socket:[", 8))
		return -1;
	errno = 0;
	inode = strtoul(target + 8, &end, 10);
	if (errno || end == target + 8 || strcmp(end, "]"))
		return -1;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	n = getxattr(link, "system.sockprotoname", proto, sizeof(proto) - 1);
	if (n <= 0)
		return -1;
	proto[n] = '\0';
	if (strcmp(proto, "NETLINK"))
		return -1;
	q.d.inode = inode;
	req.r.ndiag_ino = (uint32_t)inode;
	diag_query(&q.d, &req, sizeof(req), netlink_proto_parse);
	return q.proto;
}

/* The protocols strace knows by name, and how each is looked up. */
enum { BY_NONE, BY_UNIX, BY_INET, BY_NETLINK };
static const struct {
	const char *name;
	unsigned char by;
	unsigned char family;
	unsigned char protocol;
} protocols[] = {
	{ "UNIX", BY_UNIX, AF_UNIX, 0 },
	{ "UNIX-STREAM", BY_UNIX, AF_UNIX, 0 },
	{ "TCP", BY_INET, AF_INET, IPPROTO_TCP },
	{ "UDP", BY_INET, AF_INET, IPPROTO_UDP },
	{ "UDPLITE", BY_INET, AF_INET, IPPROTO_UDPLITE },
	{ "DCCP", BY_INET, AF_INET, IPPROTO_DCCP },
	{ "SCTP", BY_INET, AF_INET, IPPROTO_SCTP },
	{ "RAW", BY_INET, AF_INET, IPPROTO_RAW },
	{ "TCPv6", BY_INET, AF_INET6, IPPROTO_TCP },
	{ "UDPv6", BY_INET, AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", BY_INET, AF_INET6, IPPROTO_UDPLITE },
	{ "DCCPv6", BY_INET, AF_INET6, IPPROTO_DCCP },
	{ "SCTPv6", BY_INET, AF_INET6, IPPROTO_SCTP },
	{ "RAWv6", BY_INET, AF_INET6, IPPROTO_RAW },
	{ "NETLINK", BY_NETLINK, AF_NETLINK, 0 },
};

/* A description noted for this inode: printed, true. */
static bool
cached_socket(struct fmt *f, unsigned long inode)
{
	struct sockdescs *c = sockdescs_of(f);
	unsigned i;

	for (i = 0; c && i < SOCKDESCS; i++) {
		if (c->v[i].inode == inode) {
			pb_puts(f->b, c->v[i].text);
			return true;
		}
	}
	return false;
}

/* Note what was printed from start on, when it fits whole. */
static void
cache_socket(struct fmt *f, unsigned long inode, size_t start)
{
	struct sockdescs *c = sockdescs_of(f);
	size_t len = f->b->len - start;
	unsigned i;

	if (!c || len >= sizeof(c->v[0].text) || f->b->len >= f->b->cap)
		return;
	i = c->next++ % SOCKDESCS;
	c->v[i].inode = inode;
	memcpy(c->v[i].text, f->b->buf + start, len);
	c->v[i].text[len] = '\0';
}

/* A socket under -yy: false when its protocol has no name strace knows
 * (then the plain "socket:[INODE]" is printed). */
static bool
describe_socket(struct fmt *f, int pid, int fd, const char *target)
{
	char link[64], proto[64];
	unsigned long inode;
	char *end;
	ssize_t n;
	size_t i, start;
	struct diag d;

	if (strncmp(target, "socket:[", 8))
		return false;
	errno = 0;
	inode = strtoul(target + 8, &end, 10);
	if (errno || end == target + 8 || strcmp(end, "]"))
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	n = getxattr(link, "system.sockprotoname", proto, sizeof(proto) - 1);
	if (n <= 0)
		return false;
	proto[n] = '\0';
	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (!strcmp(proto, protocols[i].name))
			break;
	if (i == ARRAY_SIZE(protocols))
		return false;
	if (cached_socket(f, inode))
		return true;
	start = f->b->len;
	d = (struct diag){ .inode = inode, .b = f->b, .proto = proto,
			   .xflag = f->o->xflag };
	if (protocols[i].by == BY_UNIX)
		unix_describe(&d);
	else if (protocols[i].by == BY_INET)
		inet_describe(&d, protocols[i].family, protocols[i].protocol);
	else if (protocols[i].by == BY_NETLINK)
		netlink_describe(&d);
	if (d.found)
		cache_socket(f, inode, start);
	else
		pb_printf(f->b, "%s:[%lu]", proto, inode);
	return true;
}

/* A character or block device: "/dev/null<char 1:3>". */
static bool
describe_device(struct fmt *f, int pid, int fd, const char *target,
		size_t len)
{
	char link[64];
	struct stat st;

	if (target[0] != '/')
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", pid, fd);
	if (stat(link, &st) || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		return false;
	put_path(f, target, len);
	pb_printf(f->b, "<%s %u:%u>", S_ISBLK(st.st_mode) ? "block" : "char",
		  major(st.st_rdev), minor(st.st_rdev));
	return true;
}

/* A pidfd: "pid:42", from the "Pid:" line of its fdinfo. */
static bool
describe_pidfd(struct fmt *f, int pid, int fd, const char *target)
{
	char path[64], line[128];
	bool found = false;
	FILE *in;
	int who;

	if (strcmp(target, "anon_inode:[pidfd]"))
		return false;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	in = fopen(path, "re");
	if (!in)
		return false;
	while (!found && fgets(line, sizeof(line), in))
		found = sscanf(line, "Pid: %d", &who) == 1 && who > 0;
	fclose(in);
	if (found)
		pb_printf(f->b, "pid:%d", who);
	return found;
}

/* "<...>" after an fd (or after AT_FDCWD: the working directory). */
/* The kinds of description yflag asks for (SNARE_DECODE_FDS_* bits). */
static unsigned
fd_kinds(int yflag)
{
	if (yflag & SNARE_DECODE_FDS_SET)
		return (unsigned)yflag & SNARE_DECODE_FDS_ALL;
	if (yflag >= 2)
		return SNARE_DECODE_FDS_ALL;
	return yflag == 1 ? SNARE_DECODE_FDS_PATH : 0;
}

static void
annotate(struct fmt *f, int pid, int fd)
{
	unsigned kinds = fd_kinds(f->o->yflag);
	char target[PATH_MAX];
	size_t start;
	bool deleted;
	ssize_t n;

	if (!kinds || !f->p)
		return;
	if (!pid)
		pid = (int)snare_proc_pid(f->p);
	n = fd_target(pid, fd, target, sizeof(target));
	if (n < 0)
		return;
	deleted = cut_deleted(pid, fd, target, &n);
	start = f->b->len;
	pb_putc(f->b, '<');
	if (fd != AT_FDCWD &&
	    (((kinds & SNARE_DECODE_FDS_SOCKET) &&
	      describe_socket(f, pid, fd, target)) ||
	     ((kinds & SNARE_DECODE_FDS_DEV) &&
	      describe_device(f, pid, fd, target, (size_t)n)) ||
	     ((kinds & SNARE_DECODE_FDS_PIDFD) &&
	      describe_pidfd(f, pid, fd, target)))) {
		/* described */
	} else if (kinds & SNARE_DECODE_FDS_PATH) {
		put_path(f, target, (size_t)n);
	} else { /* nothing asked for this kind of fd: the bare number */
		f->b->len = start;
		if (start < f->b->cap)
			f->b->buf[start] = '\0';
		return;
	}
	pb_putc(f->b, '>');
	if (deleted)
		pb_puts(f->b, "(deleted)");
}

void
print_fd(struct fmt *f, int fd)
{
	pb_printf(f->b, "%d", fd);
	if (fd >= 0)
		annotate(f, 0, fd);
}

int
pidfd_pid(struct fmt *f, int pidfd)
{
	char path[64], line[128];
	int pid = 0, who;
	FILE *in;

	if (pidfd < 0 || !f->p)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d",
		 (int)snare_proc_pid(f->p), pidfd);
	in = fopen(path, "re");
	if (!in)
		return 0;
	while (!pid && fgets(line, sizeof(line), in))
		if (sscanf(line, "Pid: %d", &who) == 1 && who > 0)
			pid = who;
	fclose(in);
	return pid;
}

void
print_fd_of(struct fmt *f, int pid, int fd)
{
	pb_printf(f->b, "%d", fd);
	if (fd >= 0 && pid > 0)
		annotate(f, pid, fd);
}

void
print_dirfd(struct fmt *f, int fd)
{
	if (fd != AT_FDCWD) {
		print_fd(f, fd);
		return;
	}
	if (XSTYLE_NAMES(f->b))
		pb_puts(f->b, "AT_FDCWD");
	else
		pb_printf(f->b, f->b->xstyle == 1 ? "%d" : "%d /* AT_FDCWD */",
			  fd);
	annotate(f, 0, fd);
}
