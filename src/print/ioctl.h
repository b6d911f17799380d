/* SPDX-License-Identifier: MIT */
/*
 * ioctl.h: ioctl's decoders by family (ioctl.c and ioctl_<family>.c).
 *
 * ioctl.c prints the command (its names, every table's that knows the
 * number, joined by " or " as strace does, or _IOC(dir, type, nr, size))
 * and picks how the argument prints from the family of the command's
 * _IOC_TYPE: in hex when the family does not decode it (strace's
 * RVAL_DECODED), else by the family's printer at entry or at exit.
 * A new family is one struct ioctl_family and one line in ioctl.c's list.
 */
#ifndef SNARE_PRINT_IOCTL_H
#define SNARE_PRINT_IOCTL_H

#include <linux/ioctl.h>

#include "print.h"

/* When a family's argument prints. */
enum ioctl_when {
	IOCTL_HEX = 0, /* not decoded: the value in hex, at entry */
	IOCTL_ENTRY,   /* by the family's printer, at entry */
	IOCTL_EXIT,    /* by the family's printer, at exit */
	IOCTL_NONE,    /* no argument shown: ioctl(3, RNDZAPENTCNT) */
	IOCTL_SPLIT,   /* the printer at entry and again at exit ("=> {...}") */
};

struct ioctl_family {
	int type;                 /* the _IOC_TYPE it decodes, -1: none */
	const struct xlat *names; /* command names by number, or NULL */
	/* A name built from the number ("EVIOCGBIT(EV_KEY, 8)"): printed
	   and true, or false (may be NULL). */
	bool (*number)(struct pbuf *b, unsigned code);
	/* How code's argument prints (NULL: in hex). */
	enum ioctl_when (*when)(const struct fmt *f, unsigned code);
	void (*arg)(struct fmt *f, unsigned code, uint64_t arg);
	/* What follows a successful return value, " ({index=0, count=2})"
	   (may be NULL). */
	void (*rv)(struct fmt *f, unsigned code);
};

extern const struct ioctl_family ioctl_evdev_family, ioctl_misc_family,
	ioctl_random_family, ioctl_watchdog_family, ioctl_counter_family,
	ioctl_hdio_family, ioctl_gpio_family, ioctl_rtc_family,
	ioctl_lirc_family, ioctl_term_family, ioctl_ptp_family,
	ioctl_v4l2_family, ioctl_tee_family;
extern const struct ioctl_family ioctl_kd_family, ioctl_sock_family;

/* Shared printers of the families (ioctl.c). */
/* [N] of an int at addr, in fmt ("%d", "%u", "%#x"); NULL or the address
   when it cannot be read or the call failed at exit. */
void ioctl_print_int(struct fmt *f, uint64_t addr, const char *fmt);
/* [A, B] of two ints, in fmt. */
void ioctl_print_int_pair(struct fmt *f, uint64_t addr, const char *fmt);
/* An unsigned number field in hex, 0 as "0". */
void ioctl_print_hex(struct pbuf *b, uint64_t v);
/* A char array as a quoted string up to its NUL; without one, its
   first size - 1 bytes and "..." (strace's print_quoted_cstring()). */
void ioctl_print_cstr(struct fmt *f, const char *s, size_t size);
/* Whether a structure shows all its fields (-v). */
bool ioctl_verbose(const struct fmt *f);
/* Reads len bytes at addr into out, or prints NULL or the address (and
   so, at exit of a failed call, without reading) and returns false. */
bool ioctl_read(struct fmt *f, void *out, uint64_t addr, size_t len);

#endif
