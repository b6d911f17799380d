/* SPDX-License-Identifier: MIT */
/*
 * iodump.c: -e read=SET and -e write=SET, strace's hex and ASCII dumps of
 * the data a syscall read from or wrote to a descriptor of the set, printed
 * after its line:
 *
 *   write(1, "hello\n", 6)                  = 6
 * | 00000  68 65 6c 6c 6f 0a                                 hello.           |
 *
 * Written data is dumped whatever the result (the whole buffer the program
 * passed), read data only on success and only what was read. Vectors print
 * " * N bytes in buffer I" before each buffer's dump.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "trace.h"

#define DUMP_CHUNK 65536

/* What a syscall moves: one buffer, an iovec array, a msghdr's, or those
 * of the messages of an mmsghdr vector that the call moved. */
enum io_shape { IO_BUF = 1, IO_IOV, IO_MSG, IO_MMSG };

static const struct {
	const char *name;
	bool write;
	int shape;
} io_calls[] = {
	{ "write", true, IO_BUF },	{ "pwrite64", true, IO_BUF },
	{ "sendto", true, IO_BUF },	{ "mq_timedsend", true, IO_BUF },
	{ "writev", true, IO_IOV },	{ "pwritev", true, IO_IOV },
	{ "pwritev2", true, IO_IOV },	{ "vmsplice", true, IO_IOV },
	{ "sendmsg", true, IO_MSG },	{ "sendmmsg", true, IO_MMSG },
	{ "recvmmsg", false, IO_MMSG },
	{ "read", false, IO_BUF },	{ "pread64", false, IO_BUF },
	{ "recvfrom", false, IO_BUF },	{ "mq_timedreceive", false, IO_BUF },
	{ "readv", false, IO_IOV },	{ "preadv", false, IO_IOV },
	{ "preadv2", false, IO_IOV },	{ "recvmsg", false, IO_MSG },
};

/* Memory that went away halfway through a dump. */
static void
cannot_fetch(struct tstate *ts, uint64_t addr, uint64_t n)
{
	out_printf(ts->out, " | <Cannot fetch %llu byte%s from pid %d @%#llx>\n",
		   (unsigned long long)n, n == 1 ? "" : "s", (int)ts->pid,
		   (unsigned long long)addr);
}

/* Dump len bytes at addr: 16 a line, offset, hex in two groups of 8, ASCII. */
static void
dump_buf(struct tstate *ts, uint64_t addr, uint64_t len)
{
	unsigned char *data;
	uint64_t i = 0, got = 0, base = 0;
	int width = 5;

	if (!len || addr + len < addr)
		return;
	/* Offsets wider than 5 hex digits only past 1 MiB. */
	if (len > 0x100000)
		for (width = 1; (len - 1) >> (4 * width); width++)
			;
	data = malloc(DUMP_CHUNK);
	if (!data)
		return;
	while (i < len) {
		char line[128], *p = line;
		int j;

		if (i == got) {
			uint64_t n = len - i;

			if (n > DUMP_CHUNK)
				n = DUMP_CHUNK;
			if (snare_mem_read(data, ts->proc, addr + i, n) < 0) {
				if (i)
					cannot_fetch(ts, addr + i, n);
				break;
			}
			base = i;
			got = i + n;
		}
		for (j = 0; j < 16; j++) {
			if (i + j < len)
				p += sprintf(p, "%02x ", data[i + j - base]);
			else
				p += sprintf(p, "   ");
			if (j == 7 || j == 15)
				*p++ = ' ';
		}
		for (j = 0; j < 16; j++) {
			unsigned char c = ' ';

			if (i + j < len)
				c = data[i + j - base];
			if (c < 0x20 || c >= 0x7f)
				c = '.';
			*p++ = (char)c;
		}
		*p = '\0';
		out_printf(ts->out, " | %0*llx  %s |\n", width,
			   (unsigned long long)i, line);
		i += 16;
	}
	free(data);
}

/* An iovec array of n entries at addr, size bytes in all (-1: each full). */
static void
dump_iov(struct tstate *ts, uint64_t addr, uint64_t n, uint64_t size)
{
	struct iovec *iov;
	uint64_t i;

	if (!n || n > 1024 * 1024)
		return;
	iov = calloc(n, sizeof(*iov));
	if (!iov)
		return;
	if (snare_mem_read(iov, ts->proc, addr, n * sizeof(*iov)) == 0) {
		for (i = 0; i < n; i++) {
			uint64_t len = iov[i].iov_len;

			if (len > size)
				len = size;
			if (!len)
				break;
			size -= len;
			out_printf(ts->out, " * %llu bytes in buffer %llu\n",
				   (unsigned long long)len,
				   (unsigned long long)i);
			dump_buf(ts, (uint64_t)(uintptr_t)iov[i].iov_base, len);
		}
	}
	free(iov);
}

static void
dump_msg(struct tstate *ts, uint64_t addr, uint64_t size)
{
	struct msghdr m;

	if (snare_mem_read(&m, ts->proc, addr, sizeof(m)) == 0)
		dump_iov(ts, (uint64_t)(uintptr_t)m.msg_iov, m.msg_iovlen,
			 size);
}

/*
 * The first n messages of an mmsghdr vector (the return value of sendmmsg
 * or recvmmsg), each " = N buffers in vector I" and its buffers up to
 * the bytes it moved (msg_len).
 */
static void
dump_mmsg(struct tstate *ts, uint64_t addr, uint64_t n)
{
	struct mmsghdr m;
	uint64_t i;

	for (i = 0; i < n && i < 1024; i++) {
		if (snare_mem_read(&m, ts->proc, addr + i * sizeof(m),
				   sizeof(m)) != 0)
			break;
		out_printf(ts->out, " = %llu buffers in vector %llu\n",
			   (unsigned long long)m.msg_hdr.msg_iovlen,
			   (unsigned long long)i);
		dump_iov(ts, (uint64_t)(uintptr_t)m.msg_hdr.msg_iov,
			 m.msg_hdr.msg_iovlen, m.msg_len);
	}
}

void
dump_io(struct tstate *ts, long nr, int64_t retval)
{
	const char *name = snare_syscall_name(nr);
	long fd = (int)ts->args[0];
	uint64_t size;
	size_t i;

	if (!name || fd < 0)
		return;
	for (i = 0; i < sizeof(io_calls) / sizeof(io_calls[0]); i++)
		if (!strcmp(io_calls[i].name, name))
			break;
	if (i == sizeof(io_calls) / sizeof(io_calls[0]))
		return;
	if (io_calls[i].shape == IO_MMSG && retval <= 0)
		return;
	if (io_calls[i].write) {
		if (!fd_in_set(&tr.o->write_fds, fd))
			return;
		size = io_calls[i].shape == IO_BUF ? ts->args[2] : UINT64_MAX;
	} else {
		if ((retval < 0 && retval >= -4095) ||
		    !fd_in_set(&tr.o->read_fds, fd))
			return;
		size = (uint64_t)retval;
	}
	switch (io_calls[i].shape) {
	case IO_BUF:
		dump_buf(ts, ts->args[1], size);
		break;
	case IO_IOV:
		dump_iov(ts, ts->args[1], ts->args[2], size);
		break;
	case IO_MSG:
		dump_msg(ts, ts->args[1], size);
		break;
	case IO_MMSG:
		dump_mmsg(ts, ts->args[1], (uint64_t)retval);
		break;
	}
}
