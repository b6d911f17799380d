/* SPDX-License-Identifier: MIT */
/*
 * ioctl.c: ioctl's command and argument as strace 6.1 prints them (see
 * ioctl.h). Under -X raw the command is its number; under -X verbose the
 * number with its names in a comment, where _IOC(...)'s direction and the
 * constants inside a computed name print abbreviated.
 */
#include <asm/termbits.h>
#include <linux/hiddev.h>
#include <linux/hidraw.h>
#include <linux/ipmi.h>
#include <linux/mmtimer.h>
#include <linux/nsfs.h>
#include <linux/phantom.h>
#include <misc/fastrpc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "decoders.h"
#include "ioctl.h"

/*
 * The families, by _IOC_TYPE. Every family's names are looked up for
 * every command; the first family of the command's type decodes the
 * argument. A new family is one line here.
 */
static const struct ioctl_family *const families[] = {
	&ioctl_misc_family,
	&ioctl_evdev_family,
	&ioctl_random_family,
	&ioctl_watchdog_family,
	&ioctl_counter_family,
	&ioctl_hdio_family,
	&ioctl_gpio_family,
	&ioctl_rtc_family,
	&ioctl_lirc_family,
	&ioctl_term_family,
	&ioctl_ptp_family,
	&ioctl_v4l2_family,
	&ioctl_tee_family,
	&ioctl_kd_family,
	&ioctl_sock_family,
};

XLAT_TABLE(ioctl_dirs, "_IOC_???", XLAT(_IOC_NONE), XLAT(_IOC_READ),
	   XLAT(_IOC_WRITE));

/* Commands named but not decoded, and the numbers built from a type, a
   number and a size, as strace names them. */
XLAT_TABLE(misc_ioctl_cmds, NULL, XLAT(MMTIMER_GETRES), XLAT(HIDIOCGVERSION),
	   XLAT(HIDIOCGRDESCSIZE), XLAT(FASTRPC_IOCTL_INIT_ATTACH),
	   XLAT(PHN_GET_REG), XLAT(PHN_SET_REG), XLAT(PHN_GET_REGS),
	   XLAT(PHN_SET_REGS), XLAT(PHN_NOT_OH),
	   XLAT(IPMICTL_SET_MAINTENANCE_MODE_CMD),
	   /* I2O (linux/i2o-dev.h) shares lirc's type. */
	   XLAT_PAIR(_IOR('i', 8, int), "I2OVALIDATE"),
	   /* Solaris's ZFS and kstat numbers, which strace names too. */
	   XLAT_PAIR(('Z' << 8), "ZFS_IOC_POOL_CREATE"),
	   XLAT_PAIR(('Z' << 8) | 'A', "ZFS_IOC_SEND_SPACE"),
	   XLAT_PAIR(('K' << 8) + 1, "KSTAT_IOC_CHAIN_ID"));

static void
print_sized(struct pbuf *b, const char *name, unsigned v)
{
	pb_printf(b, "%s(%u)", name, v);
}

/* hiddev's and the OSS mixer's commands with a length or a channel. */
static bool
misc_number(struct pbuf *b, unsigned code)
{
	unsigned dir = _IOC_DIR(code), nr = _IOC_NR(code);

	switch (_IOC_TYPE(code)) {
	case 'H':
		if (dir == _IOC_READ) {
			static const char *const rd[] = {
				[0x04] = "HIDIOCGRAWNAME",
				[0x05] = "HIDIOCGRAWPHYS",
				[0x06] = "HIDIOCSFEATURE",
				[0x08] = "HIDIOCGRAWUNIQ",
				[0x12] = "HIDIOCGPHYS",
			};
			if (nr < ARRAY_SIZE(rd) && rd[nr]) {
				print_sized(b, rd[nr], _IOC_SIZE(code));
				return true;
			}
		} else if (dir == (_IOC_READ | _IOC_WRITE) &&
			   (nr == 6 || nr == 7)) {
			print_sized(b, nr == 6 ? "HIDIOCSFEATURE"
					       : "HIDIOCGFEATURE",
				    _IOC_SIZE(code));
			return true;
		}
		return false;
	case 'M':
		if (dir == _IOC_WRITE || dir == _IOC_READ) {
			print_sized(b, dir == _IOC_WRITE ? "MIXER_WRITE"
							 : "MIXER_READ", nr);
			return true;
		}
		return false;
	case 'U':
		if (dir == _IOC_READ && nr == 0x2c) {
			print_sized(b, "UI_GET_SYSNAME", _IOC_SIZE(code));
			return true;
		}
		return false;
	case 'j':
		if (dir == _IOC_READ && nr == 0x13) {
			print_sized(b, "JSIOCGNAME", _IOC_SIZE(code));
			return true;
		}
		return false;
	case 'k':
		if (dir == _IOC_WRITE && nr == 0) {
			print_sized(b, "SPI_IOC_MESSAGE", _IOC_SIZE(code));
			return true;
		}
		return false;
	}
	return false;
}

const struct ioctl_family ioctl_misc_family = {
	.type = -1,
	.names = &misc_ioctl_cmds,
	.number = misc_number,
};

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of code in every table, sorted, each once; how many. */
static size_t
collect_names(unsigned code, const char **out, size_t cap)
{
	const struct xlat *tables[ARRAY_SIZE(families) + 1];
	size_t nt = 0, n = 0, i, j, k;

	tables[nt++] = &ioctl_cmds;
	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (families[i]->names)
			tables[nt++] = families[i]->names;
	for (i = 0; i < nt; i++)
		for (j = 0; j < tables[i]->n && n < cap; j++) {
			if ((uint32_t)tables[i]->data[j].val != code)
				continue;
			out[n++] = tables[i]->data[j].str;
		}
	qsort(out, n, sizeof(*out), cmp_names);
	for (i = 0, k = 0; i < n; i++)
		if (!k || strcmp(out[k - 1], out[i]))
			out[k++] = out[i];
	return k;
}

static void
print_ioc(struct pbuf *b, unsigned code)
{
	pb_puts(b, "_IOC(");
	print_flags(b, &ioctl_dirs, _IOC_DIR(code));
	pb_printf(b, _IOC_TYPE(code) ? ", %#x" : ", %u", _IOC_TYPE(code));
	pb_printf(b, _IOC_NR(code) ? ", %#x" : ", %u", _IOC_NR(code));
	pb_printf(b, _IOC_SIZE(code) ? ", %#x)" : ", %u)", _IOC_SIZE(code));
}

static void
print_cmd_names(struct pbuf *b, unsigned code)
{
	const char *names[16];
	bool num = false;
	size_t n, i;

	for (i = 0; i < ARRAY_SIZE(families) && !num; i++)
		if (families[i]->number)
			num = families[i]->number(b, code);
	n = collect_names(code, names, ARRAY_SIZE(names));
	for (i = 0; i < n; i++) {
		if (i || num)
			pb_puts(b, " or ");
		pb_puts(b, names[i]);
	}
	if (!n && !num)
		print_ioc(b, code);
}

void
print_ioctl_cmd(struct fmt *f, uint64_t v, int i)
{
	struct pbuf *b = f->b;
	unsigned code = (unsigned)v;
	int saved = b->xstyle;

	(void)i;
	if (saved == 1 || saved == 2)
		pb_printf(b, "%#x", code);
	if (saved == 1)
		return;
	if (saved == 2) {
		pb_puts(b, " /* ");
		b->xstyle = XSTYLE_IN_COMMENT;
	}
	print_cmd_names(b, code);
	if (saved == 2)
		pb_puts(b, " */");
	b->xstyle = saved;
}

static const struct ioctl_family *
family_of(unsigned code)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (families[i]->type == (int)_IOC_TYPE(code))
			return families[i];
	return NULL;
}

static void
print_ioctl_arg(struct fmt *f, uint64_t v, int i)
{
	const struct ioctl_family *fam = family_of((unsigned)f->args[1]);

	(void)i;
	if (fam && fam->arg)
		fam->arg(f, (unsigned)f->args[1], v);
}

/* The terminal commands decoded by termios.c and args.c's kinds. */
static bool
fix_term(unsigned code, int *nargs, struct argspec *a)
{
	switch (code) {
	case FIONREAD: case TIOCOUTQ: case TIOCGPGRP: case TIOCGPTN:
		a[2] = (struct argspec){ .kind = A_INTPTR_OUT };
		return true;
	case TIOCSPGRP: case FIONBIO: case TIOCSPTLCK:
		a[2] = (struct argspec){ .kind = A_INTPTR_IN };
		return true;
	case KERNEL_FICLONE:
		a[2] = (struct argspec){ .kind = A_INT };
		return true;
	case TCGETS:
		a[2] = (struct argspec){ .kind = A_TERMIOS_OUT };
		return true;
	case TCSETS: case TCSETSW: case TCSETSF:
		a[2] = (struct argspec){ .kind = A_TERMIOS_IN };
		return true;
	case TIOCGWINSZ:
		a[2] = (struct argspec){ .kind = A_WINSIZE_OUT };
		return true;
	case TIOCSWINSZ:
		a[2] = (struct argspec){ .kind = A_WINSIZE_IN };
		return true;
	case FIOCLEX: case FIONCLEX: case TIOCNOTTY: case TIOCEXCL:
	case TIOCNXCL:
		*nargs = 2;
		return true;
	}
	return false;
}

void
fix_ioctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	unsigned code = (unsigned)f->args[1];
	const struct ioctl_family *fam;

	a[1] = (struct argspec)FN(print_ioctl_cmd);
	a[2] = (struct argspec){ .kind = A_HEX };
	if (fix_term(code, nargs, a))
		return;
	/* The storage and filesystem families (ioctl_fs.c) name and decode
	   their own types. */
	if (ioctl_fam_args(f, nargs, a))
		return;
	fam = family_of(code);
	if (!fam || !fam->when)
		return;
	switch (fam->when(f, code)) {
	case IOCTL_HEX:
		break;
	case IOCTL_ENTRY:
		a[2] = (struct argspec)FN(print_ioctl_arg);
		break;
	case IOCTL_EXIT:
		a[2] = (struct argspec)FN_OUT(print_ioctl_arg);
		break;
	case IOCTL_NONE:
		*nargs = 2;
		break;
	case IOCTL_SPLIT:
		a[2] = (struct argspec)FN_SPLIT(print_ioctl_arg);
		break;
	}
}

/*
 * ioctl's successful return value: a number; for the commands whose value
 * means something, its name in parentheses as strace's auxstr; then what
 * the command's family adds (v4l2's CREATE_BUFS).
 */
void
print_ioctl_rv(struct fmt *f)
{
	unsigned code = (unsigned)f->args[1];
	const struct ioctl_family *fam = family_of(code);
	const char *name = NULL;

	pb_printf(f->b, "%lld", (long long)f->rv);
	switch (code) {
	case NS_GET_NSTYPE:
		name = xlat_name(&setns_types, (uint64_t)f->rv);
		break;
	}
	if (name)
		pb_printf(f->b, " (%s)", name);
	else if (fam && fam->rv)
		fam->rv(f, code);
}

/* Shared printers. */

bool
ioctl_verbose(const struct fmt *f)
{
	return f->o->verbose != 0;
}

bool
ioctl_read(struct fmt *f, void *out, uint64_t addr, size_t len)
{
	if (is_error(f) && addr) {
		print_ptr(f, addr);
		return false;
	}
	return read_or_addr(f, out, addr, len);
}

void
ioctl_print_int(struct fmt *f, uint64_t addr, const char *fmt)
{
	int v;

	if (!ioctl_read(f, &v, addr, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	pb_printf(f->b, fmt, v);
	pb_putc(f->b, ']');
}

void
ioctl_print_int_pair(struct fmt *f, uint64_t addr, const char *fmt)
{
	int v[2];

	if (!ioctl_read(f, v, addr, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	pb_printf(f->b, fmt, v[0]);
	pb_puts(f->b, ", ");
	pb_printf(f->b, fmt, v[1]);
	pb_putc(f->b, ']');
}

void
ioctl_print_hex(struct pbuf *b, uint64_t v)
{
	pb_printf(b, v ? "%#llx" : "0", (unsigned long long)v);
}

void
ioctl_print_cstr(struct fmt *f, const char *s, size_t size)
{
	const char *nul = memchr(s, 0, size);

	if (nul) {
		pb_quote(f->b, (const unsigned char *)s, (size_t)(nul - s),
			 f->o->xflag, 0);
		return;
	}
	pb_quote(f->b, (const unsigned char *)s, size ? size - 1 : 0,
		 f->o->xflag, 0);
	pb_puts(f->b, "...");
}
