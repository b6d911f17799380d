/* SPDX-License-Identifier: MIT */
/*
 * net.c: the socket arguments whose text needs both halves of a syscall:
 * the [in => out] lengths of accept, accept4, getsockname, getpeername,
 * getsockopt and recvfrom, getsockopt's value, and struct msghdr with its
 * iovecs and control messages (sendmsg, recvmsg).
 *
 * The kernel overwrites an input length with the output one, so the entry
 * half notes the input (note_socklen(), note_msghdr()) in a small table
 * and the exit half takes it back, as strace keeps it in its tcb. The
 * table lives in the process's handle (allocated at the first note, freed
 * with the handle; the library keeps no global state) and is keyed by
 * pid, syscall and the address of the length: two threads of a
 * tracee never pass the same length variable to concurrent calls, and an
 * entry that is never taken (a process killed in the call) is overwritten
 * when the table is full. When there is no note (the entry half was not formatted), the
 * output length stands in for the input one.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "print.h"

/* Calls blocked at once between their halves (accepting workers). */
enum { NOTES = 128 };

struct note {
	pid_t pid; /* 0: free */
	long nr;
	uint64_t addr;
	int64_t val;
	bool taken; /* read by an exit half: kept for the same exit
		       formatted again (a bigger buffer), until the
		       process's next entry (notes_sweep) */
};

/* The notes of one process, kept in its handle (no library-wide state). */
/* The msg_namelen of each element of a recvmmsg vector, as many as
 * strace shows (IOV_MAX): one call at a time per process is enough, the
 * rare second one falls back to the output lengths. */
enum { MMSG_NOTES = 1024 };
struct mmsg_notes {
	pid_t pid; /* 0: free */
	uint64_t addr;
	unsigned n;
	int namelen[MMSG_NOTES];
};

struct notes {
	struct note v[NOTES];
	unsigned next;
	struct sockdescs socks; /* fdinfo.c's */
	struct mmsg_notes mmsg;
	struct pidns_cache pidns; /* pidns.c's */
};

static struct notes *
notes_of(const struct fmt *f, bool create)
{
	void **slot;

	if (!f->p)
		return NULL;
	slot = snare__proc_fmt_slot(f->p);
	if (!*slot && create)
		*slot = calloc(1, sizeof(struct notes));
	return *slot;
}

struct pidns_cache *
pidns_cache_of(const struct fmt *f)
{
	struct notes *ns = notes_of(f, true);

	return ns ? &ns->pidns : NULL;
}

struct sockdescs *
sockdescs_of(const struct fmt *f)
{
	struct notes *ns = notes_of(f, true);

	return ns ? &ns->socks : NULL;
}

/* Into the slot of the same key, else a free one, else the oldest. */
void
note_put(const struct fmt *f, uint64_t addr, int64_t val)
{
	pid_t pid = f->p ? snare_proc_pid(f->p) : 0;
	struct notes *ns = notes_of(f, true);
	struct note *n = NULL, *free_slot = NULL;
	unsigned i;

	if (!pid || !ns)
		return;
	for (i = 0; i < NOTES && !n; i++) {
		if (ns->v[i].pid == pid && ns->v[i].nr == f->nr &&
		    ns->v[i].addr == addr)
			n = &ns->v[i];
		else if ((!ns->v[i].pid || ns->v[i].taken) && !free_slot)
			free_slot = &ns->v[i];
	}
	if (!n)
		n = free_slot ? free_slot : &ns->v[ns->next++ % NOTES];
	*n = (struct note){ pid, f->nr, addr, val, false };
}

/* A syscall entry of the process: the notes its exits took are done. */
void
notes_sweep(const struct fmt *f)
{
	pid_t pid = f->p ? snare_proc_pid(f->p) : 0;
	struct notes *ns = notes_of(f, false);
	unsigned i;

	for (i = 0; pid && ns && i < NOTES; i++)
		if (ns->v[i].pid == pid && ns->v[i].taken)
			ns->v[i].pid = 0;
}

/* The noted value for addr; with take, the note goes at the process's
   next entry (the same exit may be formatted twice: a bigger buffer). */
bool
note_get(const struct fmt *f, uint64_t addr, int64_t *val, bool take)
{
	pid_t pid = f->p ? snare_proc_pid(f->p) : 0;
	struct notes *ns = notes_of(f, false);
	unsigned i;

	for (i = 0; pid && ns && i < NOTES; i++) {
		if (ns->v[i].pid != pid || ns->v[i].nr != f->nr ||
		    ns->v[i].addr != addr)
			continue;
		*val = ns->v[i].val;
		if (take)
			ns->v[i].taken = true;
		return true;
	}
	return false;
}

/*
 * At entry: the length strace reads before the call. A sockaddr length
 * is read only when there is a sockaddr (buf); getsockopt's (opt) always.
 */
void
note_socklen(struct fmt *f, uint64_t len_addr, uint64_t buf, bool opt)
{
	int len;

	if ((buf || opt) && read_mem(f, &len, len_addr, sizeof(len)))
		note_put(f, len_addr, len);
}

/* The input length at exit, or false when strace would not have it. */
static bool
socklen_in(struct fmt *f, uint64_t len_addr, uint64_t buf, bool opt,
	   bool take, int *in)
{
	int64_t noted;

	if (!len_addr || (!buf && !opt))
		return false;
	if (note_get(f, len_addr, &noted, take)) {
		*in = (int)noted;
		return true;
	}
	return read_mem(f, in, len_addr, sizeof(*in));
}

/* The output length, when the call succeeded and it can be read. */
static bool
socklen_out(struct fmt *f, uint64_t len_addr, int *out)
{
	return !is_error(f) && read_mem(f, out, len_addr, sizeof(*out));
}

/* accept's, getsockname's or recvfrom's address: as long as both the
 * caller's buffer and the kernel's address allow. */
void
print_sockaddr_out(struct fmt *f, uint64_t addr, uint64_t len_addr)
{
	int in, out;

	if (!socklen_in(f, len_addr, addr, false, false, &in) ||
	    !socklen_out(f, len_addr, &out))
		print_ptr(f, addr);
	else
		print_sockaddr(f, addr, in < out ? in : out);
}

/* [16], [110 => 2], or the address when the input was not read. */
void
print_socklen_out(struct fmt *f, uint64_t len_addr, uint64_t buf, bool opt)
{
	int in, out;

	if (!socklen_in(f, len_addr, buf, opt, true, &in))
		print_ptr(f, len_addr);
	else if (!socklen_out(f, len_addr, &out))
		pb_printf(f->b, "[%d]", in);
	else if (in != out)
		pb_printf(f->b, "[%d => %d]", in, out);
	else
		pb_printf(f->b, "[%d]", out);
}

/*
 * getsockopt's value: the address when the call failed or a length is
 * not positive, else as sockopt.c decodes its level and option.
 */
void
print_getsockopt_val(struct fmt *f, uint64_t addr, uint64_t len_addr)
{
	int in, out;

	if (!socklen_in(f, len_addr, addr, true, false, &in) ||
	    !socklen_out(f, len_addr, &out) || in <= 0 || out <= 0 || !addr) {
		print_ptr(f, addr);
		return;
	}
	sockopt_print_get(f, addr, in, out);
}

/* setsockopt's value, as sockopt.c decodes its level and option. */
void
print_setsockopt_val(struct fmt *f, uint64_t addr, uint64_t len64)
{
	if (!addr)
		pb_puts(f->b, "NULL");
	else
		sockopt_print_set(f, addr, (int)len64);
}

/* The x86_64 struct msghdr and struct cmsghdr (include/linux/socket.h). */
struct msghdr_k {
	uint64_t name;
	int32_t namelen, pad;
	uint64_t iov, iovlen, control, controllen;
	uint32_t flags, pad2;
};

struct cmsghdr_k {
	uint64_t len;
	int32_t level, type;
};

/* At entry: recvmsg's msg_namelen, which the kernel overwrites. */
void
note_msghdr(struct fmt *f, uint64_t addr)
{
	struct msghdr_k m;

	if (read_mem(f, &m, addr, sizeof(m)))
		note_put(f, addr, m.namelen);
}

/* The bound strace puts on a control buffer: net.core.optmem_max, rounded
 * up to 8 (read at each use: control messages are rare). */
static size_t
optmem_max(void)
{
	size_t max;
	FILE *fp;
	long v = 0;

	fp = fopen("/proc/sys/net/core/optmem_max", "re");
	if (fp) {
		if (fscanf(fp, "%ld", &v) != 1)
			v = 0;
		fclose(fp);
	}
	max = v > 0 ? ((size_t)v + 7) & ~(size_t)7 : 8 * (2 * 1024 + 512);
	/* A sysctl set absurdly high must not make us read gigabytes. */
	if (max > 1 << 20)
		max = 1 << 20;
	return max;
}

/*
 * msg_control: the control messages in the first min(len, optmem_max)
 * bytes, each {cmsg_len, cmsg_level, cmsg_type[, cmsg_data]}, then
 * "..." with the address of what was left unparsed, or a bare "..." when
 * the buffer was cut.
 */
static void
print_msg_control(struct fmt *f, uint64_t addr, uint64_t controllen)
{
	const size_t hdr = sizeof(struct cmsghdr_k);
	size_t bound = optmem_max();
	size_t len = controllen > bound ? bound : controllen;
	size_t off = 0, left = len;
	unsigned char *buf;

	pb_puts(f->b, ", msg_control=");
	buf = len >= hdr ? malloc(len) : NULL;
	if (!buf || !read_mem(f, buf, addr, len)) {
		free(buf);
		print_ptr(f, addr);
		return;
	}
	pb_putc(f->b, '[');
	while (left >= hdr) {
		struct cmsghdr_k c;
		uint64_t clen, step;

		memcpy(&c, buf + off, hdr);
		if (off)
			pb_puts(f->b, ", ");
		pb_printf(f->b, "{cmsg_len=%llu, cmsg_level=",
			  (unsigned long long)c.len);
		if (xlat_name(&sock_levels, (uint64_t)(unsigned)c.level))
			print_xval(f->b, &sock_levels,
				   (uint64_t)(unsigned)c.level, false);
		else
			pb_printf(f->b, "%#x /* SOL_??? */", (unsigned)c.level);
		pb_puts(f->b, ", cmsg_type=");
		clen = c.len > left ? left : c.len;
		print_cmsg_data(f, c.level, c.type, buf + off + hdr,
				clen > hdr ? (size_t)(clen - hdr) : 0,
				addr + off + hdr);
		pb_putc(f->b, '}');
		if (clen < hdr) {
			left -= hdr;
			break;
		}
		if (c.len >= left) {
			left = 0;
			break;
		}
		step = (c.len + 7) & ~(uint64_t)7;
		if (step >= left) {
			left = 0;
			break;
		}
		off += (size_t)step;
		left -= (size_t)step;
	}
	if (left)
		pb_printf(f->b, ", ... /* %#llx */",
			  (unsigned long long)(addr + (len - left)));
	else if (len < controllen)
		pb_puts(f->b, ", ...");
	pb_putc(f->b, ']');
	free(buf);
}

/*
 * The fields of a struct msghdr: the name as long as both lengths allow
 * (in is the caller's msg_namelen, when known), the iovecs up to size
 * bytes in all, the control messages.
 */
static void
print_msghdr_fields(struct fmt *f, const struct msghdr_k *m, const int *in,
		    uint64_t size)
{
	struct pbuf *b = f->b;

	pb_puts(b, "{msg_name=");
	print_sockaddr(f, m->name,
		       in && m->namelen > *in ? *in : m->namelen);
	pb_puts(b, ", msg_namelen=");
	if (in && *in != m->namelen)
		pb_printf(b, "%d => ", *in);
	pb_printf(b, "%d, msg_iov=", m->namelen);
	/* As strace: netlink messages when msg_name is a netlink address. */
	if (is_netlink_name(f, m->name,
			    in && m->namelen > *in ? *in : m->namelen))
		print_netlink_iovec(f, fd_netlink_protocol(f, (int)f->args[0]),
				    m->iov, m->iovlen, size);
	else
		print_iovec_upto(f, m->iov, m->iovlen, size);
	pb_printf(b, ", msg_iovlen=%llu", (unsigned long long)m->iovlen);
	if (m->controllen)
		print_msg_control(f, m->control, m->controllen);
	pb_printf(b, ", msg_controllen=%llu, msg_flags=",
		  (unsigned long long)m->controllen);
	print_flags(b, &msg_flags, m->flags);
	pb_putc(b, '}');
}

/*
 * struct msghdr. For recvmsg (out) at exit: msg_namelen as in => out and
 * the iovecs up to the bytes received; on failure only {msg_namelen=in}.
 */
void
print_msghdr(struct fmt *f, uint64_t addr, bool out)
{
	struct msghdr_k m;
	bool have_in = false;
	int64_t noted = 0;
	int in;

	if (out) {
		have_in = note_get(f, addr, &noted, true);
		if (!have_in && is_error(f)) {
			print_ptr(f, addr);
			return;
		}
		if (is_error(f)) {
			pb_printf(f->b, "{msg_namelen=%d}", (int)noted);
			return;
		}
	}
	if (!addr) {
		pb_puts(f->b, "NULL");
		return;
	}
	if (!read_mem(f, &m, addr, sizeof(m))) {
		print_ptr(f, addr);
		return;
	}
	in = (int)noted;
	print_msghdr_fields(f, &m, have_in ? &in : NULL,
			    out ? (uint64_t)f->rv : UINT64_MAX);
}

/* struct mmsghdr: a msghdr and the bytes the kernel sent of it. */
struct mmsghdr_k {
	struct msghdr_k hdr;
	uint32_t len, pad;
};

struct mmsg_state {
	uint64_t addr;     /* the vector */
	uint64_t i;        /* the element being printed */
	uint64_t with_len; /* elements whose msg_len is printed */
	unsigned left;     /* strace stops after IOV_MAX elements */
	bool recv;         /* recvmmsg: noted names, data up to msg_len */
};

static bool
print_mmsghdr_elem(struct fmt *f, const void *elem, void *data)
{
	struct mmsg_state *st = data;
	struct mmsghdr_k m;
	int64_t noted;
	int in;
	bool have_in = false;

	if (!st->left) {
		pb_puts(f->b, "...");
		return false;
	}
	st->left--;
	memcpy(&m, elem, sizeof(m));
	if (st->recv) {
		struct notes *ns = notes_of(f, false);
		pid_t pid = f->p ? snare_proc_pid(f->p) : 0;

		if (ns && pid && ns->mmsg.pid == pid &&
		    ns->mmsg.addr == st->addr && st->i < ns->mmsg.n) {
			noted = ns->mmsg.namelen[st->i];
			have_in = true;
		}
	}
	in = have_in ? (int)noted : 0;
	st->i++;
	pb_puts(f->b, "{msg_hdr=");
	print_msghdr_fields(f, &m.hdr, have_in ? &in : NULL,
			    st->recv ? m.len : UINT64_MAX);
	if (st->with_len) {
		pb_printf(f->b, ", msg_len=%u", m.len);
		st->with_len--;
	}
	pb_putc(f->b, '}');
	return true;
}

/*
 * sendmmsg's vector, at exit: every element, with msg_len for those the
 * call sent (none when it failed).
 */
void
print_mmsghdrs_sent(struct fmt *f, uint64_t addr, uint64_t vlen)
{
	struct mmsg_state st = { addr, 0, is_error(f) ? 0 : (uint64_t)f->rv,
				 1024, false };

	/* Read when the call failed too, as strace (which clears the
	   error for it). */
	print_array_any(f, addr, (uint32_t)vlen, sizeof(struct mmsghdr_k),
			print_mmsghdr_elem, &st);
}

/*
 * At recvmmsg's entry: each element's msg_namelen, as many as can be
 * shown (the kernel overwrites them).
 */
void
note_mmsghdrs(struct fmt *f, uint64_t addr, uint64_t vlen)
{
	uint64_t i, n = (uint32_t)vlen, max = array_max(f);
	pid_t pid = f->p ? snare_proc_pid(f->p) : 0;
	struct notes *ns = notes_of(f, true);
	struct msghdr_k m;

	if (!pid || !ns)
		return;
	if (n > max)
		n = max;
	if (n > MMSG_NOTES)
		n = MMSG_NOTES;
	ns->mmsg.pid = pid;
	ns->mmsg.addr = addr;
	for (i = 0; i < n; i++) {
		uint64_t elem = addr + i * sizeof(struct mmsghdr_k);

		if (!read_mem(f, &m, elem, sizeof(m)))
			break;
		ns->mmsg.namelen[i] = m.namelen;
	}
	ns->mmsg.n = (unsigned)i;
}

/* recvmmsg's vector, at exit: the messages received. */
void
print_mmsghdrs_received(struct fmt *f, uint64_t addr)
{
	struct mmsg_state st = { addr, 0, (uint64_t)f->rv, 1024, true };
	struct notes *ns = notes_of(f, false);

	if (is_error(f))
		print_ptr(f, addr);
	else
		print_array(f, addr, (uint32_t)f->rv,
			    sizeof(struct mmsghdr_k), print_mmsghdr_elem, &st);
	if (ns && f->p && ns->mmsg.pid == snare_proc_pid(f->p) &&
	    ns->mmsg.addr == addr)
		ns->mmsg.pid = 0;
}

/* A timeout the kernel counts down (recvmmsg): noted at entry. */
void
note_timespec(struct fmt *f, uint64_t addr)
{
	int64_t ts[2];

	if (!f->o->terse && read_mem(f, ts, addr, sizeof(ts))) {
		note_put(f, addr, ts[0]);
		note_put(f, addr + 8, ts[1]);
	}
}

/* The timeout as it was at entry. */
void
print_timespec_noted(struct fmt *f, uint64_t addr)
{
	int64_t sec, nsec;

	if (addr && note_get(f, addr, &sec, true) &&
	    note_get(f, addr + 8, &nsec, true))
		pb_printf(f->b, "{tv_sec=%lld, tv_nsec=%llu}", (long long)sec,
			  (unsigned long long)nsec);
	else
		print_timespec(f, addr);
}
