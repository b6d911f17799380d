/* SPDX-License-Identifier: MIT */
/*
 * fpregs.c: x87, SSE, AVX and AVX-512 registers.
 *
 * The whole FXSAVE area comes with PTRACE_GETFPREGS. Single registers by
 * name come from the XSAVE area (PTRACE_GETREGSET NT_X86_XSTATE), in the
 * standard (non-compacted) format the kernel gives ptrace: the legacy
 * FXSAVE region (x87, MXCSR, XMM0-15) at 0, the XSAVE header at 512, and
 * each extended component at the offset CPUID leaf 0xD reports for it:
 * YMM_Hi128 (2: the upper halves of YMM0-15), opmask (5: K0-7), ZMM_Hi256
 * (6: the upper halves of ZMM0-15) and Hi16_ZMM (7: ZMM16-31). The kernel
 * puts the tracee's XCR0 (the enabled components) at byte 464, as gdb reads
 * it. A component whose XSTATE_BV bit is clear is in its initial state:
 * zeros, whatever the buffer holds. The MMX registers mm0-7 are the low 64
 * bits of the physical x87 registers R0-R7; the area keeps the x87 stack
 * in ST(i) order, so mm_i sits in slot (i - TOP) mod 8 (TOP from the
 * status word; MMX code runs with TOP 0, where both orders agree). A write
 * of mm_i does what an MMX instruction does to that register: bits 64-79
 * (sign and exponent) all ones, and its tag valid. Nothing is cached: each call is one
 * GETREGSET (and one SETREGSET for a write), about 1 µs, which only
 * interactive use pays.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "core/internal.h"

_Static_assert(sizeof(snare_fpregs) == sizeof(struct user_fpregs_struct),
	       "snare_fpregs must match the kernel's user_fpregs_struct");

#define XSAVE_MAX 16384     /* enough for every component up to AMX tiles */
#define XCR0_OFFSET 464     /* sw_reserved: the kernel's copy of XCR0 */
#define XSTATE_BV_OFFSET 512

enum { C_X87 = 0, C_SSE = 1, C_YMM = 2, C_OPMASK = 5, C_ZMM_HI = 6,
       C_HI16_ZMM = 7 };

/* Where a register lives: up to three pieces (xmm, ymm-high, zmm-high). */
struct piece {
	int comp;       /* XSAVE component whose bit must be set */
	size_t off;     /* offset in the XSAVE area */
	size_t len;
};

struct vreg {
	size_t size;
	int mm;         /* 0-7 for mm0-mm7 (placed once TOP is known), else -1 */
	int npieces;
	struct piece p[3];
};

/* Offset of an extended component in the standard format (CPUID 0xD). */
static size_t
comp_offset(int comp)
{
	unsigned a, b, c, d;

	if (!__get_cpuid_count(0xd, (unsigned)comp, &a, &b, &c, &d) || !a)
		return 0;
	return b;
}

/* "xmm12" -> 12 for prefix "xmm", within [0, max); -1 otherwise. */
static int
reg_index(const char *name, const char *prefix, int max)
{
	size_t n = strlen(prefix);
	char *end;
	long v;

	if (strncmp(name, prefix, n) != 0 || name[n] < '0' || name[n] > '9')
		return -1;
	v = strtol(name + n, &end, 10);
	if (*end || v < 0 || v >= max || (name[n] == '0' && name[n + 1]))
		return -1;
	return (int)v;
}

/* Map a name to its pieces; -EINVAL for an unknown name. */
static int
vreg_lookup(struct vreg *v, const char *name)
{
	size_t ymm = comp_offset(C_YMM), zhi = comp_offset(C_ZMM_HI);
	size_t hi16 = comp_offset(C_HI16_ZMM), kk = comp_offset(C_OPMASK);
	int i, width;

	memset(v, 0, sizeof(*v));
	v->mm = -1;
	if ((i = reg_index(name, "mm", 8)) >= 0) {
		v->size = 8;
		v->mm = i;
		v->npieces = 1;
		v->p[0] = (struct piece){ C_X87, 32, 8 }; /* see mm_place() */
		return 0;
	}
	if (strcmp(name, "mxcsr") == 0) {
		v->size = 4;
		v->npieces = 1;
		v->p[0] = (struct piece){ C_SSE, 24, 4 };
		return 0;
	}
	if ((i = reg_index(name, "st", 8)) >= 0) {
		v->size = 10;
		v->npieces = 1;
		v->p[0] = (struct piece){ C_X87, 32 + 16 * (size_t)i, 10 };
		return 0;
	}
	if ((i = reg_index(name, "k", 8)) >= 0) {
		v->size = 8;
		v->npieces = 1;
		v->p[0] = (struct piece){ C_OPMASK, kk + 8 * (size_t)i, 8 };
		return kk ? 0 : -ENOTSUP;
	}
	width = 0;
	if ((i = reg_index(name, "xmm", 32)) >= 0)
		width = 16;
	else if ((i = reg_index(name, "ymm", 32)) >= 0)
		width = 32;
	else if ((i = reg_index(name, "zmm", 32)) >= 0)
		width = 64;
	if (!width)
		return -EINVAL;
	v->size = (size_t)width;
	if (i >= 16) {
		/* xmm16-31, ymm16-31, zmm16-31: the low bytes of Hi16_ZMM. */
		v->npieces = 1;
		v->p[0] = (struct piece){ C_HI16_ZMM, hi16 + 64 * (size_t)(i - 16),
					  (size_t)width };
		return hi16 ? 0 : -ENOTSUP;
	}
	v->p[v->npieces++] = (struct piece){ C_SSE, 160 + 16 * (size_t)i, 16 };
	if (width >= 32) {
		if (!ymm)
			return -ENOTSUP;
		v->p[v->npieces++] = (struct piece){ C_YMM, ymm + 16 * (size_t)i, 16 };
	}
	if (width == 64) {
		if (!zhi)
			return -ENOTSUP;
		v->p[v->npieces++] = (struct piece){ C_ZMM_HI, zhi + 32 * (size_t)i, 32 };
	}
	return 0;
}

/* Read t's XSAVE area into buf (XSAVE_MAX bytes); its length in *len. */
static int
xstate_read(snare_thread *t, uint8_t *buf, size_t *len)
{
	struct iovec iov = { buf, XSAVE_MAX };

	memset(buf, 0, XSAVE_MAX);
	if (snare__ptrace(PTRACE_GETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) < 0)
		return -errno;
	*len = iov.iov_len;
	return 0;
}

#define FSW_OFFSET 2        /* x87 status word: TOP in bits 11-13 */
#define FTW_OFFSET 4        /* abridged tag word: bit i, R_i valid */

/* The slot of mm_i in the area's ST(0)..ST(7) order: (i - TOP) mod 8. */
static void
mm_place(struct vreg *v, const uint8_t *buf)
{
	unsigned top = (unsigned)(buf[FSW_OFFSET + 1] >> 3) & 7;

	v->p[0].off = 32 + 16 * (size_t)(((unsigned)v->mm - top) & 7);
}

/* Check the pieces against the area's size and the tracee's XCR0. */
static int
pieces_ok(snare_thread *t, const char *name, const struct vreg *v,
	  const uint8_t *buf, size_t len)
{
	uint64_t xcr0;
	int i;

	memcpy(&xcr0, buf + XCR0_OFFSET, sizeof(xcr0));
	for (i = 0; i < v->npieces; i++)
		if (v->p[i].off + v->p[i].len > len ||
		    (v->p[i].comp >= C_YMM && !(xcr0 >> v->p[i].comp & 1)))
			return snare__err(t->proc->s, -ENOTSUP,
					  "register %s: not enabled for thread %d "
					  "(XCR0 0x%llx)", name, t->tid,
					  (unsigned long long)xcr0);
	return 0;
}

/*
 * Common start of get and set: checks, name lookup, the caller's buffer
 * size (get: at least the register's, set: exactly), area read. On error
 * nothing is left allocated.
 */
static int
vreg_begin(snare_thread *t, const char *name, struct vreg *v, uint8_t **buf,
	   size_t *len, const void *user_buf, size_t user_len, bool set)
{
	int r = snare__check_stopped(t);

	*buf = NULL;
	if (r < 0)
		return r;
	if (!name)
		return -EINVAL;
	r = vreg_lookup(v, name);
	if (r == -EINVAL)
		return snare__err(t->proc->s, r,
				  "no register \"%s\" (xmm0-31, ymm0-31, zmm0-31, "
				  "k0-7, st0-7, mm0-7, mxcsr)", name);
	if (r < 0)
		return snare__err(t->proc->s, r,
				  "register %s: this CPU has no such state", name);
	if (set && (!user_buf || user_len != v->size))
		return snare__err(t->proc->s, -EINVAL,
				  "register %s is %zu bytes, not %zu", name,
				  v->size, user_len);
	if (!set && (!user_buf || user_len < v->size))
		return snare__err(t->proc->s, -ENOSPC,
				  "register %s is %zu bytes, the buffer %zu",
				  name, v->size, user_buf ? user_len : 0);
	*buf = malloc(XSAVE_MAX);
	if (!*buf)
		return -ENOMEM;
	r = xstate_read(t, *buf, len);
	if (r < 0)
		r = snare__err(t->proc->s, r, "register %s of thread %d: %s",
			       name, t->tid, snare_strerror(r));
	else
		r = pieces_ok(t, name, v, *buf, *len);
	if (r == 0 && v->mm >= 0)
		mm_place(v, *buf);
	if (r < 0) {
		free(*buf);
		*buf = NULL;
	}
	return r;
}

SNARE_EXPORT int
snare_vreg_get(void *out, size_t cap, snare_thread *t, const char *name)
{
	struct vreg v;
	uint8_t *buf, *dst = out;
	uint64_t bv;
	size_t len, at = 0;
	int r, i;

	r = vreg_begin(t, name, &v, &buf, &len, out, cap, false);
	if (r < 0)
		return r;
	memcpy(&bv, buf + XSTATE_BV_OFFSET, sizeof(bv));
	for (i = 0; i < v.npieces; i++) {
		const struct piece *pc = &v.p[i];

		/* x87 and SSE are always valid in the legacy region. */
		if (pc->comp >= C_YMM && !(bv >> pc->comp & 1))
			memset(dst + at, 0, pc->len);
		else
			memcpy(dst + at, buf + pc->off, pc->len);
		at += pc->len;
	}
	free(buf);
	return (int)v.size;
}

SNARE_EXPORT int
snare_vreg_set(snare_thread *t, const char *name, const void *in, size_t len)
{
	const uint8_t *src = in;
	struct vreg v;
	struct iovec iov;
	uint8_t *buf;
	uint64_t bv;
	size_t xlen, at = 0;
	int r, i;

	r = vreg_begin(t, name, &v, &buf, &xlen, in, len, true);
	if (r < 0)
		return r;
	memcpy(&bv, buf + XSTATE_BV_OFFSET, sizeof(bv));
	for (i = 0; i < v.npieces; i++) {
		const struct piece *pc = &v.p[i];

		/* A component leaving its initial state: the rest of it is
		   zeros, not whatever the buffer held. */
		if (pc->comp >= C_YMM && !(bv >> pc->comp & 1)) {
			size_t clen, coff;
			unsigned a, b, c, d;

			if (__get_cpuid_count(0xd, (unsigned)pc->comp, &a, &b, &c, &d)) {
				clen = a;
				coff = b;
				if (coff + clen <= xlen)
					memset(buf + coff, 0, clen);
			}
		}
		memcpy(buf + pc->off, src + at, pc->len);
		if (v.mm >= 0) {
			/* As an MMX write: exponent all ones, tag valid. */
			memset(buf + pc->off + 8, 0xff, 2);
			buf[FTW_OFFSET] |= (uint8_t)(1u << v.mm);
		}
		bv |= 1ull << pc->comp;
		at += pc->len;
	}
	memcpy(buf + XSTATE_BV_OFFSET, &bv, sizeof(bv));
	iov.iov_base = buf;
	iov.iov_len = xlen;
	r = snare__ptrace(PTRACE_SETREGSET, t->tid, (void *)NT_X86_XSTATE, &iov) < 0
		? -errno : 0;
	free(buf);
	if (r < 0)
		return snare__err(t->proc->s, r, "register %s of thread %d: %s",
				  name, t->tid, snare_strerror(r));
	return 0;
}

SNARE_EXPORT int
snare_fpregs_get(snare_fpregs *out, snare_thread *t)
{
	int r = snare__check_stopped(t);

	if (r < 0 || !out)
		return r < 0 ? r : -EINVAL;
	if (snare__ptrace(PTRACE_GETFPREGS, t->tid, NULL, out) < 0)
		return snare__err(t->proc->s, -errno, "FP registers of thread %d: %s",
				  t->tid, strerror(errno));
	return 0;
}

SNARE_EXPORT int
snare_fpregs_set(snare_thread *t, const snare_fpregs *in)
{
	int r = snare__check_stopped(t);

	if (r < 0 || !in)
		return r < 0 ? r : -EINVAL;
	if (snare__ptrace(PTRACE_SETFPREGS, t->tid, NULL, (void *)in) < 0)
		return snare__err(t->proc->s, -errno, "FP registers of thread %d: %s",
				  t->tid, strerror(errno));
	return 0;
}
