/* SPDX-License-Identifier: MIT */
/*
 * ioctl_mtd.c: the MTD commands ('M'), as strace 6.1 prints them: erase
 * ranges, OOB buffers, write requests, OTP, the device info and ECC
 * layouts read at exit.
 */
#include <mtd/mtd-abi.h>
#include <string.h>

#include "ioctl_fam.h"

IOCTL_XLAT(mtd_ops_modes, "MTD_OPS_???", XLAT(MTD_OPS_PLACE_OOB),
	   XLAT(MTD_OPS_AUTO_OOB), XLAT(MTD_OPS_RAW));
IOCTL_XLAT(mtd_file_modes, "MTD_FILE_MODE_???", XLAT(MTD_FILE_MODE_NORMAL),
	   XLAT(MTD_FILE_MODE_OTP_FACTORY), XLAT(MTD_FILE_MODE_OTP_USER),
	   XLAT(MTD_FILE_MODE_RAW));
IOCTL_XLAT(mtd_types, "MTD_???", XLAT(MTD_ABSENT), XLAT(MTD_RAM),
	   XLAT(MTD_ROM), XLAT(MTD_NORFLASH), XLAT(MTD_NANDFLASH),
	   XLAT(MTD_DATAFLASH), XLAT(MTD_UBIVOLUME), XLAT(MTD_MLCNANDFLASH));
IOCTL_XLAT(mtd_flags, "MTD_???", XLAT(MTD_WRITEABLE),
	   XLAT(MTD_BIT_WRITEABLE), XLAT(MTD_NO_ERASE), XLAT(MTD_POWERUP_LOCK),
	   XLAT_PAIR(0x4000, "MTD_SLC_ON_MLC_EMULATION"));
IOCTL_XLAT(mtd_otp_modes, "MTD_OTP_???", XLAT(MTD_OTP_OFF),
	   XLAT(MTD_OTP_FACTORY), XLAT(MTD_OTP_USER));
IOCTL_XLAT(mtd_nandecc, "MTD_NANDECC_???", XLAT(MTD_NANDECC_OFF),
	   XLAT(MTD_NANDECC_PLACE), XLAT(MTD_NANDECC_AUTOPLACE),
	   XLAT(MTD_NANDECC_PLACEONLY), XLAT(MTD_NANDECC_AUTOPL_USR));

static void
put_x(struct fmt *f, const char *sep, const char *name, uint64_t v)
{
	pb_printf(f->b, v ? "%s%s=%#llx" : "%s%s=0", sep, name,
		  (unsigned long long)v);
}

/* [0x1, 0x2, ...]: n numbers in hex, cut after the -s count of them
   unless -v. */
static void
print_x32_array(struct fmt *f, const uint32_t *v, size_t n)
{
	size_t k, max = array_max(f);

	pb_putc(f->b, '[');
	for (k = 0; k < n; k++) {
		if (k)
			pb_puts(f->b, ", ");
		if (k >= max) {
			pb_puts(f->b, "...");
			break;
		}
		pb_printf(f->b, v[k] ? "%#x" : "0", v[k]);
	}
	pb_putc(f->b, ']');
}

static void
print_erase(struct fmt *f, uint64_t v, int i)
{
	struct erase_info_user e;

	(void)i;
	if (!read_or_addr(f, &e, v, sizeof(e)))
		return;
	put_x(f, "{", "start", e.start);
	put_x(f, ", ", "length", e.length);
	pb_putc(f->b, '}');
}

static void
print_erase64(struct fmt *f, uint64_t v, int i)
{
	struct erase_info_user64 e;

	(void)i;
	if (!read_or_addr(f, &e, v, sizeof(e)))
		return;
	put_x(f, "{", "start", e.start);
	put_x(f, ", ", "length", e.length);
	pb_putc(f->b, '}');
}

static void
print_oob_buf(struct fmt *f, uint64_t v, int i)
{
	struct mtd_oob_buf b;

	(void)i;
	if (!read_or_addr(f, &b, v, sizeof(b)))
		return;
	put_x(f, "{", "start", b.start);
	put_x(f, ", ", "length", b.length);
	pb_puts(f->b, ", ptr=");
	print_ptr(f, (uint64_t)(uintptr_t)b.ptr);
	pb_putc(f->b, '}');
}

static void
print_oob_buf64(struct fmt *f, uint64_t v, int i)
{
	struct mtd_oob_buf64 b;

	(void)i;
	if (!read_or_addr(f, &b, v, sizeof(b)))
		return;
	put_x(f, "{", "start", b.start);
	put_x(f, ", ", "length", b.length);
	pb_puts(f->b, ", usr_ptr=");
	print_ptr(f, b.usr_ptr);
	pb_putc(f->b, '}');
}

static void
print_write_req(struct fmt *f, uint64_t v, int i)
{
	struct mtd_write_req r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	put_x(f, "{", "start", r.start);
	put_x(f, ", ", "len", r.len);
	put_x(f, ", ", "ooblen", r.ooblen);
	pb_puts(f->b, ", usr_data=");
	print_ptr(f, r.usr_data);
	pb_puts(f->b, ", usr_oob=");
	print_ptr(f, r.usr_oob);
	pb_puts(f->b, ", mode=");
	print_xval(f->b, &mtd_ops_modes, r.mode, false);
	pb_putc(f->b, '}');
}

static void
print_otp_info(struct fmt *f, uint64_t v, bool out)
{
	struct otp_info o;

	if (!(out ? ioctl_read_out(f, &o, v, sizeof(o))
		  : read_or_addr(f, &o, v, sizeof(o))))
		return;
	put_x(f, "{", "start", o.start);
	put_x(f, ", ", "length", o.length);
	pb_printf(f->b, ", locked=%u}", o.locked);
}

static void print_otp_in(struct fmt *f, uint64_t v, int i)
{ (void)i; print_otp_info(f, v, false); }
static void print_otp_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_otp_info(f, v, true); }

static void
print_otp_select(struct fmt *f, uint64_t v, int i)
{
	uint32_t m;

	(void)i;
	if (!read_or_addr(f, &m, v, sizeof(m)))
		return;
	pb_putc(f->b, '[');
	print_xval(f->b, &mtd_otp_modes, m, false);
	pb_putc(f->b, ']');
}

static void
print_file_mode(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &mtd_file_modes, v, false);
}

static void
print_u64_in(struct fmt *f, uint64_t v, int i)
{
	uint64_t n;

	(void)i;
	if (read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%llu]", (unsigned long long)n);
}

static void
print_info_user(struct fmt *f, uint64_t v, int i)
{
	struct mtd_info_user m;

	(void)i;
	if (!ioctl_read_out(f, &m, v, sizeof(m)))
		return;
	pb_puts(f->b, "{type=");
	print_xval(f->b, &mtd_types, m.type, false);
	ioctl_field_flags(f, "flags", &mtd_flags, m.flags);
	put_x(f, ", ", "size", m.size);
	put_x(f, ", ", "erasesize", m.erasesize);
	put_x(f, ", ", "writesize", m.writesize);
	put_x(f, ", ", "oobsize", m.oobsize);
	put_x(f, ", ", "padding", m.padding);
	pb_putc(f->b, '}');
}

static void
print_oobinfo(struct fmt *f, uint64_t v, int i)
{
	struct nand_oobinfo n;
	size_t k, max = array_max(f);

	(void)i;
	if (!ioctl_read_out(f, &n, v, sizeof(n)))
		return;
	pb_puts(f->b, "{useecc=");
	print_xval(f->b, &mtd_nandecc, n.useecc, false);
	put_x(f, ", ", "eccbytes", n.eccbytes);
	pb_puts(f->b, ", oobfree=[");
	for (k = 0; k < ARRAY_SIZE(n.oobfree); k++) {
		if (k)
			pb_puts(f->b, ", ");
		if (k >= max) {
			pb_puts(f->b, "...");
			break;
		}
		print_x32_array(f, n.oobfree[k], 2);
	}
	pb_puts(f->b, "], eccpos=");
	print_x32_array(f, n.eccpos, ARRAY_SIZE(n.eccpos));
	pb_putc(f->b, '}');
}

static void
print_ecclayout(struct fmt *f, uint64_t v, int i)
{
	struct nand_ecclayout_user l;
	size_t k, max = array_max(f);

	(void)i;
	if (!ioctl_read_out(f, &l, v, sizeof(l)))
		return;
	put_x(f, "{", "eccbytes", l.eccbytes);
	pb_puts(f->b, ", eccpos=");
	print_x32_array(f, l.eccpos, ARRAY_SIZE(l.eccpos));
	put_x(f, ", ", "oobavail", l.oobavail);
	pb_puts(f->b, ", oobfree=[");
	for (k = 0; k < ARRAY_SIZE(l.oobfree); k++) {
		if (k)
			pb_puts(f->b, ", ");
		if (k >= max) {
			pb_puts(f->b, "...");
			break;
		}
		put_x(f, "{", "offset", l.oobfree[k].offset);
		put_x(f, ", ", "length", l.oobfree[k].length);
		pb_putc(f->b, '}');
	}
	pb_puts(f->b, "]}");
}

static void
print_ecc_stats(struct fmt *f, uint64_t v, int i)
{
	struct mtd_ecc_stats s;

	(void)i;
	if (!ioctl_read_out(f, &s, v, sizeof(s)))
		return;
	put_x(f, "{", "corrected", s.corrected);
	put_x(f, ", ", "failed", s.failed);
	put_x(f, ", ", "badblocks", s.badblocks);
	put_x(f, ", ", "bbtblocks", s.bbtblocks);
	pb_putc(f->b, '}');
}

static void
print_count_out(struct fmt *f, uint64_t v, bool sign)
{
	uint32_t n;

	if (ioctl_read_out(f, &n, v, sizeof(n)))
		pb_printf(f->b, sign ? "[%d]" : "[%u]", n);
}

static void print_ucount_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_count_out(f, v, false); }
static void print_scount_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_count_out(f, v, true); }

/* {regionindex=N at entry, the region's fields at exit. */
static void
print_region_info(struct fmt *f, uint64_t v, int i)
{
	struct region_info_user r;
	int64_t ok;

	(void)i;
	if (!f->exiting) {
		if (!read_or_addr(f, &r, v, sizeof(r)))
			return;
		put_x(f, "{", "regionindex", r.regionindex);
		note_put(f, v, 1);
		return;
	}
	if (!note_get(f, v, &ok, true))
		return;
	if (!is_error(f) && read_mem(f, &r, v, sizeof(r))) {
		put_x(f, ", ", "offset", r.offset);
		put_x(f, ", ", "erasesize", r.erasesize);
		put_x(f, ", ", "numblocks", r.numblocks);
	}
	pb_putc(f->b, '}');
}

bool
ioctl_mtd_args(unsigned cmd, int *nargs, struct argspec *a)
{
	(void)nargs;
	switch (cmd) {
	case MEMERASE: case MEMLOCK: case MEMUNLOCK: case MEMISLOCKED:
		a[2] = IOA_FN(FN, print_erase);
		break;
	case MEMERASE64: a[2] = IOA_FN(FN, print_erase64); break;
	case MEMWRITEOOB: case MEMREADOOB:
		a[2] = IOA_FN(FN, print_oob_buf);
		break;
	case MEMWRITEOOB64: case MEMREADOOB64:
		a[2] = IOA_FN(FN, print_oob_buf64);
		break;
	case MEMWRITE: a[2] = IOA_FN(FN, print_write_req); break;
	case OTPGETREGIONINFO: a[2] = IOA_FN(FN_OUT, print_otp_out); break;
	case OTPLOCK: a[2] = IOA_FN(FN, print_otp_in); break;
	case OTPSELECT: a[2] = IOA_FN(FN, print_otp_select); break;
	case MTDFILEMODE: a[2] = IOA_FN(FN, print_file_mode); break;
	case MEMGETBADBLOCK: case MEMSETBADBLOCK:
		a[2] = IOA_FN(FN, print_u64_in);
		break;
	case MEMGETINFO: a[2] = IOA_FN(FN_OUT, print_info_user); break;
	case MEMGETOOBSEL: a[2] = IOA_FN(FN_OUT, print_oobinfo); break;
	case ECCGETLAYOUT: a[2] = IOA_FN(FN_OUT, print_ecclayout); break;
	case ECCGETSTATS: a[2] = IOA_FN(FN_OUT, print_ecc_stats); break;
	case OTPGETREGIONCOUNT:
		a[2] = IOA_FN(FN_OUT, print_ucount_out);
		break;
	case MEMGETREGIONCOUNT:
		a[2] = IOA_FN(FN_OUT, print_scount_out);
		break;
	case MEMGETREGIONINFO:
		a[2] = IOA_FN(FN_SPLIT, print_region_info);
		break;
	default:
		return false;
	}
	return true;
}
