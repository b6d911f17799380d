/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decode: the syscall decoders (src/print) on random registers and
 * random tracee memory. The printer is built for this target with
 * decode_shim.h, so its reads of the tracee land in the input's memory
 * instead of a process. Input:
 *
 *   [0..1]  syscall number (little endian; numbers past the table too)
 *   [2]     options: bits 0-1 -x level, 2 -y, 3 -v, 4 raw, 5 a short
 *           output buffer
 *   [3]     -s size selector
 *   [4..57] six arguments, each a selector byte and 8 bytes: selector % 4
 *           is 0 a raw value, 1 an address inside the fake memory, 2 a
 *           small number, 3 an address near the end of the fake memory
 *   [58..65] the return value
 *   [66..]  the fake memory, at FAKE_BASE
 *
 * Numbers 960..991 (past the table) format the buffer of args[1], args[2]
 * bytes as netlink messages of protocol nr - 960 instead (the entry and
 * exit halves alike; 31: a protocol the kernel did not tell), with -X
 * style data[3] / 8 % 3.
 *
 * Each input is formatted as the entry half, the exit half and the
 * unfinished marker, three times (lengths only, into buffers that fit,
 * into buffers of a random size): the text must be NUL-terminated within
 * its buffer, the same each time, and the length returned the length the
 * whole text has.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "snare.h"

#define FAKE_BASE 0x10000ull
#define HDR 66

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *mem;
static size_t memlen;
/* Any non-NULL handle: the printer only hands it back to us. */
static char fake_proc;

static bool
in_mem(uint64_t addr, size_t len)
{
	return addr >= FAKE_BASE && addr - FAKE_BASE <= memlen &&
	       len <= memlen - (addr - FAKE_BASE);
}

int fz_mem_read(void *buf, snare_proc *p, uint64_t addr, size_t len);
ssize_t fz_mem_read_str(char *buf, size_t cap, snare_proc *p, uint64_t addr);
ssize_t fz_mem_peek_str(char *buf, size_t cap, snare_proc *p, uint64_t addr);
pid_t fz_proc_pid(const snare_proc *p);
void **fz_proc_fmt_slot(snare_proc *p);
snare_thread *fz_proc_thread_in_syscall(snare_proc *p, long nr,
					const uint64_t args[6]);
int fz_reg_get(uint64_t *v, snare_thread *t, const char *name);
int fz_vreg_get(void *v, size_t len, snare_thread *t, const char *name);
uint64_t fz_thread_sp(snare_thread *t);
snare_proc *fz_thread_proc(snare_thread *t);

int
fz_mem_read(void *buf, snare_proc *p, uint64_t addr, size_t len)
{
	if (p != (snare_proc *)&fake_proc || !in_mem(addr, len))
		return -EFAULT;
	if (len)
		memcpy(buf, mem + (addr - FAKE_BASE), len);
	return 0;
}

ssize_t
fz_mem_read_str(char *buf, size_t cap, snare_proc *p, uint64_t addr)
{
	size_t n = 0;

	if (!cap)
		return -EINVAL;
	if (p != (snare_proc *)&fake_proc || !in_mem(addr, 1))
		return -EFAULT;
	while (n + 1 < cap && in_mem(addr + n, 1) && mem[addr - FAKE_BASE + n]) {
		buf[n] = (char)mem[addr - FAKE_BASE + n];
		n++;
	}
	buf[n] = '\0';
	return (ssize_t)n;
}

/* As snare__mem_peek_str(): a string cut by the end of the memory before
   its NUL is no string. */
ssize_t
fz_mem_peek_str(char *buf, size_t cap, snare_proc *p, uint64_t addr)
{
	ssize_t n = fz_mem_read_str(buf, cap, p, addr);

	if (n >= 0 && (size_t)n + 1 < cap && !in_mem(addr + (size_t)n, 1))
		return -EFAULT;
	return n;
}

/* No such process: -y finds no /proc/PID/fd links. */
pid_t
fz_proc_pid(const snare_proc *p)
{
	(void)p;
	return 0x7ffffff0;
}

/* The per-process slot where an entry half leaves notes for the exit half. */
static void *slot;

static void
fresh_slot(void)
{
	free(slot);
	slot = NULL;
}

void **
fz_proc_fmt_slot(snare_proc *p)
{
	(void)p;
	return &slot;
}

snare_thread *
fz_proc_thread_in_syscall(snare_proc *p, long nr, const uint64_t args[6])
{
	(void)p;
	(void)nr;
	(void)args;
	return NULL;
}

int
fz_reg_get(uint64_t *v, snare_thread *t, const char *name)
{
	(void)v;
	(void)t;
	(void)name;
	return -EINVAL;
}

int
fz_vreg_get(void *v, size_t len, snare_thread *t, const char *name)
{
	(void)v;
	(void)len;
	(void)t;
	(void)name;
	return -EINVAL;
}

uint64_t
fz_thread_sp(snare_thread *t)
{
	(void)t;
	return 0;
}

snare_proc *
fz_thread_proc(snare_thread *t)
{
	(void)t;
	return NULL;
}

static uint64_t
le64(const uint8_t *d)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | d[i];
	return v;
}

struct call {
	long nr;
	uint64_t args[6];
	int64_t rv;
	snare_format_opts o;
};

size_t snare__format_netlink(char *buf, size_t cap, snare_proc *p, int proto,
			     uint64_t addr, uint64_t len,
			     const snare_format_opts *opts);
#define NETLINK_NR 960

static size_t
netlink(char *buf, size_t cap, const struct call *c)
{
	int proto = (int)(c->nr - NETLINK_NR);

	return snare__format_netlink(buf, cap, (snare_proc *)&fake_proc,
				     proto == 31 ? 256 : proto, c->args[1],
				     c->args[2], &c->o);
}

static size_t
enter(char *buf, size_t cap, void *ctx)
{
	struct call *c = ctx;

	if (c->nr >= NETLINK_NR && c->nr < NETLINK_NR + 32)
		return netlink(buf, cap, c);
	return snare_format_syscall_enter(buf, cap, (snare_proc *)&fake_proc,
					  c->nr, c->args, &c->o);
}

static size_t
leave(char *buf, size_t cap, void *ctx)
{
	struct call *c = ctx;

	if (c->nr >= NETLINK_NR && c->nr < NETLINK_NR + 32)
		return netlink(buf, cap, c);
	return snare_format_syscall_exit(buf, cap, (snare_proc *)&fake_proc,
					 c->nr, c->args, c->rv, &c->o);
}

static size_t
unfinished(char *buf, size_t cap, void *ctx)
{
	struct call *c = ctx;

	return snare_format_syscall_unfinished(buf, cap, c->nr, c->args, &c->o);
}

typedef size_t (*half_fn)(char *, size_t, void *);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int sizes[] = { 32, 0, 1, 4, 200, 4096, 65536, -1 };
	snare_format_opts init = SNARE_FORMAT_OPTS_INIT;
	static const half_fn halves[3] = { enter, leave, unfinished };
	struct call c;
	size_t cap, len[3];
	char *full[3], dummy[1];
	int i;

	if (size < HDR)
		return 0;
	mem = data + HDR;
	memlen = size - HDR;
	c.nr = (long)(data[0] | data[1] << 8) % 1024;
	if (data[1] & 0x80)
		c.nr = -(long)data[0] - 1;
	c.o = init;
	c.o.xflag = data[2] & 3;
	c.o.yflag = !!(data[2] & 4);
	c.o.verbose = !!(data[2] & 8);
	c.o.raw = !!(data[2] & 16);
	c.o.strsize = sizes[data[3] % 8];
	if (c.nr >= NETLINK_NR && c.nr < NETLINK_NR + 32)
		c.o.xlat_style = data[3] / 8 % 3;
	for (i = 0; i < 6; i++) {
		const uint8_t *a = data + 4 + 9 * i;
		uint64_t v = le64(a + 1);

		switch (a[0] % 4) {
		case 0: c.args[i] = v; break;
		case 1: c.args[i] = FAKE_BASE + (memlen ? v % memlen : 0); break;
		case 2: c.args[i] = v % 64; break;
		default: c.args[i] = FAKE_BASE + memlen - (v % 64 < memlen ? v % 64 : 0); break;
		}
	}
	c.rv = (int64_t)le64(data + 58);
	cap = data[2] & 32 ? data[3] % 64 : 4096;

	/* The lengths alone, then the texts into buffers that fit, then
	   into buffers of cap bytes; each pass from a fresh slot, as one
	   syscall's halves in order. */
	fresh_slot();
	for (i = 0; i < 3; i++)
		len[i] = halves[i](dummy, 0, &c);
	fresh_slot();
	for (i = 0; i < 3; i++) {
		full[i] = malloc(len[i] + 1);
		if (!full[i])
			abort();
		if (halves[i](full[i], len[i] + 1, &c) != len[i] ||
		    strlen(full[i]) != len[i])
			abort();
	}
	fresh_slot();
	for (i = 0; i < 3; i++) {
		char *buf = malloc(cap ? cap : 1);
		size_t n;

		if (!buf)
			abort();
		n = halves[i](buf, cap, &c);
		if (n != len[i])
			abort();
		if (cap && (strlen(buf) != (n < cap ? n : cap - 1) ||
			    memcmp(buf, full[i], strlen(buf))))
			abort();
		free(buf);
		free(full[i]);
	}
	fresh_slot();
	return 0;
}
