/* SPDX-License-Identifier: MIT */
/*
 * netlink_attr.c: the parts shared by the netlink payload printers: the
 * walk over attributes (struct nlattr), the printers of common attribute
 * data (integers, strings, addresses, interface indexes), and the table
 * driven printer of the struct that begins most payloads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/sock_diag.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netlink.h"

/* --- small printers ---------------------------------------------------- */

void
nl_const(struct pbuf *b, uint64_t val, const char *name, const char *fmt)
{
	if (XSTYLE_NAMES(b)) {
		pb_puts(b, name);
		return;
	}
	pb_printf(b, fmt, (unsigned long long)val);
	if (b->xstyle == 2)
		pb_printf(b, " /* %s */", name);
}

void
nl_hex(struct fmt *f, uint64_t addr, unsigned len)
{
	print_str(f, addr, (long)len, QUOTE_FORCE_HEX);
}

void
nl_ifindex(struct pbuf *b, uint32_t idx)
{
	char name[IF_NAMESIZE];

	if (!idx || !if_indextoname(idx, name)) {
		pb_printf(b, "%u", idx);
		return;
	}
	if (!XSTYLE_NAMES(b)) {
		pb_printf(b, "%u", idx);
		if (b->xstyle == 1)
			return;
		pb_puts(b, " /* ");
	}
	pb_puts(b, "if_nametoindex(");
	pb_quote(b, (const unsigned char *)name, strnlen(name, sizeof(name)),
		 0, QUOTE_CSTRING);
	pb_putc(b, ')');
	if (!XSTYLE_NAMES(b))
		pb_puts(b, " */");
}

bool
nl_inet_addr(struct pbuf *b, int af, const void *p, unsigned len,
	     const char *name)
{
	char text[INET6_ADDRSTRLEN];
	unsigned need = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;
	bool names = XSTYLE_NAMES(b);

	if (!need || len < need || !inet_ntop(af, p, text, sizeof(text)))
		return false;
	if (name && (af == AF_INET || !names))
		pb_printf(b, "%s=", name);
	if (!names) {
		pb_quote(b, p, len, 0, QUOTE_FORCE_HEX);
		if (b->xstyle == 1)
			return true;
		pb_puts(b, " /* ");
	}
	if (af == AF_INET) {
		pb_printf(b, "inet_addr(\"%s\")", text);
	} else {
		pb_printf(b, "inet_pton(AF_INET6, \"%s\"", text);
		if (name && names)
			pb_printf(b, ", &%s", name);
		pb_putc(b, ')');
	}
	if (!names)
		pb_puts(b, " */");
	return true;
}

/* --- attribute printers ------------------------------------------------ */

/* Whether strace's string_quote() shows the n bytes at s in hex under
   xflag (-x: when one is neither printable ASCII nor a space). */
static bool
quoted_in_hex(const unsigned char *s, size_t n, int xflag)
{
	size_t i;

	if (xflag >= 2)
		return true;
	for (i = 0; xflag == 1 && i < n; i++)
		if (s[i] > 0x7e || (s[i] < ' ' && (s[i] < 9 || s[i] > 13)))
			return true;
	return false;
}

/* A string the kernel expects NUL-terminated: the NUL left out, and
   "..." when it is missing. */
bool
nla_str(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	unsigned char buf[4096];
	size_t n = len, shown;
	bool nul;

	(void)d;
	if (!n || n > sizeof(buf) || !read_mem(f, buf, addr, n)) {
		print_str(f, addr, (long)len, 0);
		return true;
	}
	nul = buf[n - 1] == '\0';
	if (nul)
		n--;
	shown = n < max ? n : max;
	pb_quote(f->b, buf, shown, f->o->xflag, 0);
	if (n > max || !nul)
		pb_puts(f->b, "...");
	return true;
}

/* A string as strace's decode_nla_str() prints it (the diag attributes'
   strings; nla_str above is closer to its QUOTE_0_TERMINATED printers):
   at most strsize bytes; when the last of them is a NUL it is left out
   and the string is whole, else "..." follows (always when the bytes are
   shown in hex, the NUL included). */
bool
nla_str_expect0(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	size_t max = f->o->strsize > 0 ? (size_t)f->o->strsize : 0;
	size_t n = len < max ? len : max;
	/* One byte more than shown is read, as strace does. */
	size_t fetch = len > max ? max + 1 : len;
	unsigned char *buf;

	(void)d;
	if (!len) {
		pb_puts(f->b, "\"\"");
		return true;
	}
	buf = malloc(fetch);
	if (!buf || !read_mem(f, buf, addr, fetch)) {
		free(buf);
		print_ptr(f, addr);
		return true;
	}
	if (n && !buf[n - 1] && !quoted_in_hex(buf, n, f->o->xflag)) {
		pb_quote(f->b, buf, n - 1, f->o->xflag, 0);
	} else {
		pb_quote(f->b, buf, n, f->o->xflag, 0);
		pb_puts(f->b, "...");
	}
	free(buf);
	return true;
}

bool
nla_strn(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	print_str(f, addr, (long)len, 0);
	return true;
}

#define NLA_INT(name, type, form, cast)                                     \
	bool name(struct fmt *f, uint64_t addr, unsigned len,              \
		  const void *d)                                           \
	{                                                                  \
		type v;                                                    \
		(void)d;                                                   \
		if (len < sizeof(v))                                       \
			return false;                                      \
		if (read_or_addr(f, &v, addr, sizeof(v)))                  \
			pb_printf(f->b, form, (cast)v);                   \
		return true;                                               \
	}
NLA_INT(nla_u8, uint8_t, "%u", unsigned)
NLA_INT(nla_u16, uint16_t, "%u", unsigned)
NLA_INT(nla_u32, uint32_t, "%u", unsigned)
NLA_INT(nla_u64, uint64_t, "%llu", unsigned long long)
NLA_INT(nla_s32, int32_t, "%d", int)
NLA_INT(nla_x32, uint32_t, "%#x", unsigned)

bool
nla_be16(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint16_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		pb_printf(f->b, "htons(%u)", (unsigned)ntohs(v));
	return true;
}

bool
nla_ifindex(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		nl_ifindex(f->b, v);
	return true;
}

bool
nla_fd(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	int32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_fd(f, v);
	return true;
}

bool
nla_uid(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint32_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (!read_or_addr(f, &v, addr, sizeof(v)))
		return true;
	/* As strace's printuid(): -1, or unsigned. */
	if (v == UINT32_MAX)
		pb_puts(f->b, "-1");
	else
		pb_printf(f->b, "%u", v);
	return true;
}

static bool
nla_addr(struct fmt *f, uint64_t addr, unsigned len, int af)
{
	unsigned char a[16];
	unsigned need = af == AF_INET ? 4 : 16;

	if (len < need)
		return false;
	if (read_or_addr(f, a, addr, need))
		nl_inet_addr(f->b, af, a, need, NULL);
	return true;
}

bool
nla_in_addr(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_addr(f, addr, len, AF_INET);
}

bool
nla_in6_addr(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	(void)d;
	return nla_addr(f, addr, len, AF_INET6);
}

XLAT_TABLE(sk_meminfo, "SK_MEMINFO_???", XLAT(SK_MEMINFO_RMEM_ALLOC),
	   XLAT(SK_MEMINFO_RCVBUF), XLAT(SK_MEMINFO_WMEM_ALLOC),
	   XLAT(SK_MEMINFO_SNDBUF), XLAT(SK_MEMINFO_FWD_ALLOC),
	   XLAT(SK_MEMINFO_WMEM_QUEUED), XLAT(SK_MEMINFO_OPTMEM),
	   XLAT(SK_MEMINFO_BACKLOG), XLAT(SK_MEMINFO_DROPS));

static bool
meminfo_elem(struct fmt *f, const void *elem, void *data)
{
	unsigned *i = data;
	uint32_t v;

	memcpy(&v, elem, sizeof(v));
	pb_putc(f->b, '[');
	print_xval(f->b, &sk_meminfo, *i, true);
	pb_printf(f->b, "]=%u", v);
	++*i;
	return true;
}

bool
nla_meminfo(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	unsigned i = 0;

	(void)d;
	if (len < sizeof(uint32_t))
		return false;
	print_array(f, addr, len / sizeof(uint32_t), sizeof(uint32_t),
		    meminfo_elem, &i);
	return true;
}

/* --- attributes -------------------------------------------------------- */

static void
print_nla_header(struct fmt *f, const struct nlattr *a,
		 const struct xlat *types)
{
	pb_printf(f->b, "{nla_len=%u, nla_type=", a->nla_len);
	if (a->nla_type & NLA_F_NESTED) {
		nl_const(f->b, NLA_F_NESTED, "NLA_F_NESTED", "%#llx");
		pb_putc(f->b, '|');
	}
	if (a->nla_type & NLA_F_NET_BYTEORDER) {
		nl_const(f->b, NLA_F_NET_BYTEORDER, "NLA_F_NET_BYTEORDER",
			 "%#llx");
		pb_putc(f->b, '|');
	}
	print_xval(f->b, types, a->nla_type & NLA_TYPE_MASK, false);
	pb_putc(f->b, '}');
}

/* Read the header of the next piece (a message or an attribute) of hdr
   bytes, or print what there is instead: false then. */
bool
nl_fetch(struct fmt *f, void *out, size_t hdr, uint64_t addr,
	    uint64_t len, bool in_list)
{
	if (len < hdr) {
		print_str(f, addr, (long)len, QUOTE_FORCE_HEX);
		return false;
	}
	if (read_mem(f, out, addr, hdr))
		return true;
	if (in_list)
		pb_printf(f->b, "... /* %#llx */", (unsigned long long)addr);
	else
		print_ptr(f, addr);
	return false;
}

void
nl_attrs(struct fmt *f, uint64_t addr, unsigned len,
	 const struct xlat *types, const nla_fn *dec, size_t ndec,
	 const void *data)
{
	size_t max = array_max(f), elt;
	bool list = false;
	struct nlattr a;

	for (elt = 0; nl_fetch(f, &a, sizeof(a), addr, len, list); elt++) {
		uint32_t step = NLA_ALIGN((uint32_t)a.nla_len);
		unsigned alen = a.nla_len < len ? a.nla_len : len;
		uint64_t next_addr = 0;
		unsigned next_len = 0;
		unsigned type = a.nla_type & NLA_TYPE_MASK;

		if (!f->o->verbose && elt == max) {
			pb_puts(f->b, "...");
			break;
		}
		if (a.nla_len >= NLA_HDRLEN) {
			next_len = len >= step ? len - step : 0;
			if (next_len && addr + step > addr)
				next_addr = addr + step;
		}
		if (!list && next_addr) {
			pb_putc(f->b, '[');
			list = true;
		}
		if (alen > NLA_HDRLEN)
			pb_putc(f->b, '[');
		print_nla_header(f, &a, types);
		if (alen > NLA_HDRLEN) {
			pb_puts(f->b, ", ");
			if (!dec || type >= ndec || !dec[type] ||
			    !dec[type](f, addr + NLA_HDRLEN, alen - NLA_HDRLEN,
				       data))
				nl_hex(f, addr + NLA_HDRLEN, alen - NLA_HDRLEN);
			pb_putc(f->b, ']');
		}
		if (!next_addr)
			break;
		pb_puts(f->b, ", ");
		addr = next_addr;
		len = next_len;
	}
	if (list)
		pb_putc(f->b, ']');
}

/* --- structs ----------------------------------------------------------- */

uint64_t
nl_field_value(const struct nl_field *fl, const void *base)
{
	const unsigned char *p = (const unsigned char *)base + fl->off;
	uint16_t u16;
	uint32_t u32;
	uint64_t v = 0;

	switch (fl->size) {
	case 1: v = *p; break;
	case 2: memcpy(&u16, p, 2); v = u16; break;
	case 4: memcpy(&u32, p, 4); v = u32; break;
	case 8: memcpy(&v, p, 8); break;
	}
	return v;
}

void
nl_field(struct fmt *f, const struct nl_field *fl, const void *base)
{
	uint64_t v = nl_field_value(fl, base);
	int64_t sv = fl->size == 1 ? (int8_t)v : fl->size == 2 ? (int16_t)v :
		     fl->size == 4 ? (int32_t)v : (int64_t)v;

	pb_printf(f->b, "%s=", fl->name);
	switch (fl->kind) {
	case NLF_U: pb_printf(f->b, "%llu", (unsigned long long)v); break;
	case NLF_D: pb_printf(f->b, "%lld", (long long)sv); break;
	case NLF_X: case NLF_X_NZ: pb_printf(f->b, "%#llx", (unsigned long long)v); break;
	case NLF_XVAL: print_xval(f->b, fl->x, v, false); break;
	case NLF_FLAGS: print_flags(f->b, fl->x, v); break;
	case NLF_IFINDEX: nl_ifindex(f->b, (uint32_t)v); break;
	case NLF_BE16: pb_printf(f->b, "htons(%u)", ntohs((uint16_t)v)); break;
	case NLF_BE32X: pb_printf(f->b, "htonl(%#x)", ntohl((uint32_t)v)); break;
	case NLF_FN:
		fl->fn(f, (const unsigned char *)base + fl->off, base);
		break;
	}
}

void
nl_struct(struct fmt *f, const struct nl_struct *s, uint64_t addr,
	  unsigned len, void *buf)
{
	unsigned char *p = buf;
	size_t first = s->fields[0].size, i, off;
	bool attrs = s->nfields == 1, sep;

	pb_putc(f->b, '{');
	nl_field(f, &s->fields[0], p);
	if (s->nfields > 1 && len >= s->size) {
		pb_puts(f->b, ", ");
		if (read_or_addr(f, p + first, addr + first, s->size - first)) {
			for (i = 1, sep = false; i < s->nfields; i++) {
				if (s->fields[i].kind == NLF_X_NZ &&
				    !nl_field_value(&s->fields[i], p))
					continue;
				if (sep)
					pb_puts(f->b, ", ");
				nl_field(f, &s->fields[i], p);
				sep = true;
			}
			attrs = true;
		}
	} else if (s->nfields > 1) {
		pb_puts(f->b, ", ...");
	}
	pb_putc(f->b, '}');
	off = NLMSG_ALIGN(s->size);
	if (attrs && len > off && s->attrs) {
		pb_puts(f->b, ", ");
		nl_attrs(f, addr + off, len - (unsigned)off, s->attrs, s->dec,
			 s->ndec, buf);
	}
}

bool
nl_struct_attr(struct fmt *f, uint64_t addr, unsigned len,
	       const struct nl_field *fl, size_t n, size_t size)
{
	unsigned char buf[256];
	size_t i;

	if (len < size || size > sizeof(buf))
		return false;
	if (!read_or_addr(f, buf, addr, size))
		return true;
	pb_putc(f->b, '{');
	for (i = 0; i < n; i++) {
		if (i)
			pb_puts(f->b, ", ");
		nl_field(f, &fl[i], buf);
	}
	pb_putc(f->b, '}');
	return true;
}

bool
nla_ip_proto(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint64_t v = 0;

	/* As strace's decode_nla_xval(): an integer of len bytes. */
	(void)d;
	if (len < 1 || len > sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, len))
		print_xval(f->b, &ip_protocols, v, false);
	return true;
}

bool
nla_rt_proto(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint8_t v;

	(void)d;
	if (len < sizeof(v))
		return false;
	if (read_or_addr(f, &v, addr, sizeof(v)))
		print_xval(f->b, &rt_protocols, v, false);
	return true;
}

bool
nla_clock_t(struct fmt *f, uint64_t addr, unsigned len, const void *d)
{
	uint64_t v = 0;

	(void)d;
	if (len > sizeof(v))
		return false;
	if (!read_or_addr(f, &v, addr, len))
		return true;
	if (f->b->xstyle == 1)
		pb_printf(f->b, "%llu", (unsigned long long)v);
	else
		print_clock_t(f->b, v);
	return true;
}

bool
nla_flags_n(struct fmt *f, uint64_t addr, unsigned len,
	    const struct xlat *x, unsigned size)
{
	uint64_t v = 0;

	if (len > sizeof(v) || len < size)
		return false;
	if (read_or_addr(f, &v, addr, size ? size : len))
		print_flags(f->b, x, v);
	return true;
}

bool
nla_xval_n(struct fmt *f, uint64_t addr, unsigned len, const struct xlat *x,
	   unsigned size)
{
	uint64_t v = 0;

	if (len > sizeof(v) || len < size)
		return false;
	if (read_or_addr(f, &v, addr, size ? size : len))
		print_xval(f->b, x, v, false);
	return true;
}
