/* SPDX-License-Identifier: MIT */
/*
 * ioctl_ubi.c: the UBI commands ('O' and 'o'), as strace 6.1 prints
 * them: the volume requests, attach, the eraseblock maps and the numbers
 * passed by address.
 */
#include <mtd/ubi-user.h>
#include <string.h>

#include "ioctl_fam.h"

IOCTL_XLAT(ubi_volume_types, "UBI_???_VOLUME", XLAT(UBI_DYNAMIC_VOLUME),
	   XLAT(UBI_STATIC_VOLUME));
IOCTL_XLAT(ubi_volume_flags, "UBI_VOL_???",
	   XLAT_PAIR(1, "UBI_VOL_SKIP_CRC_CHECK_FLG"));
IOCTL_XLAT(ubi_volume_props, "UBI_VOL_PROP_???",
	   XLAT_PAIR(1, "UBI_VOL_PROP_DIRECT_WRITE"));
IOCTL_XLAT(ubi_data_types, "UBI_???", XLAT_PAIR(1, "UBI_LONGTERM"),
	   XLAT_PAIR(2, "UBI_SHORTTERM"), XLAT_PAIR(3, "UBI_UNKNOWN"));

/* A name of name_len bytes (clamped to the array) in a char array. */
static void
print_name(struct fmt *f, const char *name, size_t size, int name_len)
{
	int n = name_len < 0 ? 0 : name_len > (int)size - 1 ? (int)size - 1
							   : name_len;

	pb_puts(f->b, ", name=");
	ioctl_print_cstring(f, name, (size_t)n + 1);
}

/* " => [N]" at exit: the volume or device number the kernel chose. */
static void
print_number_out(struct fmt *f, uint64_t v)
{
	int32_t n;

	if (is_error(f))
		return;
	pb_puts(f->b, " => ");
	if (read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%d]", n);
}

static void
print_mkvol(struct fmt *f, uint64_t v, int i)
{
	struct ubi_mkvol_req r;
	int64_t ok;

	(void)i;
	if (f->exiting) {
		if (note_get(f, v, &ok, true))
			print_number_out(f, v);
		return;
	}
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{vol_id=%d, alignment=%d, bytes=%lld, vol_type=",
		  r.vol_id, r.alignment, (long long)r.bytes);
	print_xval(f->b, &ubi_volume_types, (uint32_t)(int)r.vol_type, false);
	ioctl_field_flags(f, "flags", &ubi_volume_flags, r.flags);
	pb_printf(f->b, ", name_len=%d", r.name_len);
	print_name(f, r.name, sizeof(r.name), r.name_len);
	pb_putc(f->b, '}');
	note_put(f, v, 1);
}

static void
print_attach(struct fmt *f, uint64_t v, int i)
{
	struct ubi_attach_req r;
	int64_t ok;

	(void)i;
	if (f->exiting) {
		if (note_get(f, v, &ok, true))
			print_number_out(f, v);
		return;
	}
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{ubi_num=%d, mtd_num=%d, vid_hdr_offset=%d, "
		  "max_beb_per1024=%d}", r.ubi_num, r.mtd_num,
		  r.vid_hdr_offset, r.max_beb_per1024);
	note_put(f, v, 1);
}

static void
print_rsvol(struct fmt *f, uint64_t v, int i)
{
	struct ubi_rsvol_req r;

	(void)i;
	if (read_or_addr(f, &r, v, sizeof(r)))
		pb_printf(f->b, "{bytes=%lld, vol_id=%d}", (long long)r.bytes,
			  r.vol_id);
}

static void
print_rnvol(struct fmt *f, uint64_t v, int i)
{
	struct ubi_rnvol_req r;
	size_t n, k, max = array_max(f);

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{count=%d, ents=[", r.count);
	n = r.count < 0 ? 0 : (size_t)r.count;
	if (n > ARRAY_SIZE(r.ents))
		n = ARRAY_SIZE(r.ents);
	for (k = 0; k < n; k++) {
		if (k)
			pb_puts(f->b, ", ");
		if (k >= max) {
			pb_puts(f->b, "...");
			break;
		}
		pb_printf(f->b, "{vol_id=%d, name_len=%d", r.ents[k].vol_id,
			  r.ents[k].name_len);
		print_name(f, r.ents[k].name, sizeof(r.ents[k].name),
			   r.ents[k].name_len);
		pb_putc(f->b, '}');
	}
	pb_puts(f->b, "]}");
}

static void
print_ebch(struct fmt *f, uint64_t v, int i)
{
	struct ubi_leb_change_req r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{lnum=%d, bytes=%d, dtype=", r.lnum, r.bytes);
	print_xval(f->b, &ubi_data_types, r.dtype, false);
	pb_putc(f->b, '}');
}

static void
print_ebmap(struct fmt *f, uint64_t v, int i)
{
	struct ubi_map_req r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_printf(f->b, "{lnum=%d, dtype=", r.lnum);
	print_xval(f->b, &ubi_data_types, r.dtype, false);
	pb_putc(f->b, '}');
}

static void
print_volprop(struct fmt *f, uint64_t v, int i)
{
	struct ubi_set_vol_prop_req r;

	(void)i;
	if (!read_or_addr(f, &r, v, sizeof(r)))
		return;
	pb_puts(f->b, "{property=");
	print_xval(f->b, &ubi_volume_props, r.property, false);
	ioctl_field_x(f, "value", r.value);
	pb_putc(f->b, '}');
}

static void
print_s64_in(struct fmt *f, uint64_t v, int i)
{
	int64_t n;

	(void)i;
	if (read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%lld]", (long long)n);
}

static void
print_s32_in(struct fmt *f, uint64_t v, int i)
{
	int32_t n;

	(void)i;
	if (read_or_addr(f, &n, v, sizeof(n)))
		pb_printf(f->b, "[%d]", n);
}

bool
ioctl_ubi_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case UBI_IOCATT: a[2] = IOA_FN(FN_SPLIT, print_attach); break;
	case UBI_IOCMKVOL: a[2] = IOA_FN(FN_SPLIT, print_mkvol); break;
	case UBI_IOCEBCH: a[2] = IOA_FN(FN, print_ebch); break;
	case UBI_IOCEBMAP: a[2] = IOA_FN(FN, print_ebmap); break;
	case UBI_IOCRNVOL: a[2] = IOA_FN(FN, print_rnvol); break;
	case UBI_IOCRSVOL: a[2] = IOA_FN(FN, print_rsvol); break;
	case UBI_IOCSETVOLPROP: a[2] = IOA_FN(FN, print_volprop); break;
	case UBI_IOCVOLUP: a[2] = IOA_FN(FN, print_s64_in); break;
	case UBI_IOCDET: case UBI_IOCEBER: case UBI_IOCEBISMAP:
	case UBI_IOCEBUNMAP: case UBI_IOCRMVOL: case UBI_IOCRPEB:
	case UBI_IOCSPEB:
		a[2] = IOA_FN(FN, print_s32_in);
		break;
	case UBI_IOCVOLCRBLK: case UBI_IOCVOLRMBLK: *nargs = 2; break;
	default:
		return false;
	}
	return true;
}
