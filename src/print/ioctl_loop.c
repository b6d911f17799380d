/* SPDX-License-Identifier: MIT */
/*
 * ioctl_loop.c: the loop device commands ('L'), as strace 6.1 prints
 * them: struct loop_info and loop_info64 (in full under -v, else the
 * fields that are set), struct loop_config, the fds and numbers.
 */
#include <linux/loop.h>
#include <string.h>

#include "ioctl_fam.h"

IOCTL_XLAT(loop_flags, "LO_FLAGS_???", XLAT_PAIR(1, "LO_FLAGS_READ_ONLY"),
	   XLAT_PAIR(2, "LO_FLAGS_USE_AOPS"), XLAT_PAIR(4, "LO_FLAGS_AUTOCLEAR"),
	   XLAT_PAIR(8, "LO_FLAGS_PARTSCAN"), XLAT_PAIR(16, "LO_FLAGS_DIRECT_IO"));
IOCTL_XLAT(loop_crypt_types, "LO_CRYPT_???", XLAT(LO_CRYPT_NONE),
	   XLAT(LO_CRYPT_XOR), XLAT(LO_CRYPT_DES), XLAT(LO_CRYPT_FISH2),
	   XLAT(LO_CRYPT_BLOW), XLAT(LO_CRYPT_CAST128), XLAT(LO_CRYPT_IDEA),
	   XLAT(LO_CRYPT_DUMMY), XLAT(LO_CRYPT_SKIPJACK),
	   XLAT(LO_CRYPT_CRYPTOAPI));

/* A char array meant to hold a C string: quoted up to its NUL, or all
   but its last byte followed by "..." when it has none. */
void
ioctl_print_cstring(struct fmt *f, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	if (!size)
		return;
	pb_quote(f->b, (const unsigned char *)s, n < size ? n : size - 1,
		 f->o->xflag, 0);
	if (n == size)
		pb_puts(f->b, "...");
}

static void
print_hex_array(struct fmt *f, const char *name, const uint64_t *v,
		size_t n)
{
	size_t i;

	pb_printf(f->b, ", %s=[", name);
	for (i = 0; i < n; i++)
		pb_printf(f->b, v[i] ? "%s%#llx" : "%s0", i ? ", " : "",
			  (unsigned long long)v[i]);
	pb_putc(f->b, ']');
}

static void
print_crypt_head(struct fmt *f, int type, int key_size)
{
	pb_puts(f->b, ", lo_encrypt_type=");
	print_xval(f->b, &loop_crypt_types, (uint32_t)type, false);
	pb_printf(f->b, ", lo_encrypt_key_size=%u", (unsigned)key_size);
}

static void
print_key(struct fmt *f, const unsigned char *key, int key_size)
{
	size_t n = (unsigned)key_size < LO_KEY_SIZE ? (unsigned)key_size
						    : LO_KEY_SIZE;

	pb_puts(f->b, ", lo_encrypt_key=");
	pb_quote(f->b, key, n, f->o->xflag, 0);
}

static void
print_loop_info(struct fmt *f, uint64_t v, bool out)
{
	struct loop_info li;
	bool full = f->o->verbose;
	bool crypt;

	if (!(out ? ioctl_read_out(f, &li, v, sizeof(li))
		  : read_or_addr(f, &li, v, sizeof(li))))
		return;
	crypt = full || li.lo_encrypt_type != LO_CRYPT_NONE;
	pb_printf(f->b, "{lo_number=%d", li.lo_number);
	if (full) {
		pb_puts(f->b, ", lo_device=");
		print_dev(f->b, li.lo_device);
		ioctl_field_u(f, "lo_inode", li.lo_inode);
		pb_puts(f->b, ", lo_rdevice=");
		print_dev(f->b, li.lo_rdevice);
	}
	ioctl_field_x(f, "lo_offset", (uint32_t)li.lo_offset);
	if (crypt)
		print_crypt_head(f, li.lo_encrypt_type, li.lo_encrypt_key_size);
	ioctl_field_flags(f, "lo_flags", &loop_flags, (uint32_t)li.lo_flags);
	pb_puts(f->b, ", lo_name=");
	ioctl_print_cstring(f, li.lo_name, sizeof(li.lo_name));
	if (crypt)
		print_key(f, li.lo_encrypt_key, li.lo_encrypt_key_size);
	if (full) {
		uint64_t init[2] = { li.lo_init[0], li.lo_init[1] };
		uint64_t res[4];

		for (size_t k = 0; k < 4; k++)
			res[k] = (unsigned char)li.reserved[k];
		print_hex_array(f, "lo_init", init, 2);
		print_hex_array(f, "reserved", res, 4);
	} else {
		pb_puts(f->b, ", ...");
	}
	pb_putc(f->b, '}');
}

static void
print_info64_body(struct fmt *f, const struct loop_info64 *li)
{
	bool full = f->o->verbose;
	bool crypt = full || li->lo_encrypt_type != LO_CRYPT_NONE;

	if (full) {
		pb_puts(f->b, "{lo_device=");
		print_dev(f->b, li->lo_device);
		ioctl_field_u(f, "lo_inode", li->lo_inode);
		pb_puts(f->b, ", lo_rdevice=");
		print_dev(f->b, li->lo_rdevice);
		ioctl_field_x(f, "lo_offset", li->lo_offset);
		ioctl_field_u(f, "lo_sizelimit", li->lo_sizelimit);
		ioctl_field_u(f, "lo_number", li->lo_number);
	} else {
		pb_printf(f->b, li->lo_offset ? "{lo_offset=%#llx" : "{lo_offset=0",
			  (unsigned long long)li->lo_offset);
		ioctl_field_u(f, "lo_number", li->lo_number);
	}
	if (crypt)
		print_crypt_head(f, (int)li->lo_encrypt_type,
				 (int)li->lo_encrypt_key_size);
	ioctl_field_flags(f, "lo_flags", &loop_flags, li->lo_flags);
	pb_puts(f->b, ", lo_file_name=");
	ioctl_print_cstring(f, (const char *)li->lo_file_name,
			    sizeof(li->lo_file_name));
	if (crypt) {
		pb_puts(f->b, ", lo_crypt_name=");
		ioctl_print_cstring(f, (const char *)li->lo_crypt_name,
				    sizeof(li->lo_crypt_name));
		print_key(f, li->lo_encrypt_key, (int)li->lo_encrypt_key_size);
	}
	if (full)
		print_hex_array(f, "lo_init",
				(const uint64_t[]){ li->lo_init[0],
						    li->lo_init[1] }, 2);
	else
		pb_puts(f->b, ", ...");
	pb_putc(f->b, '}');
}

static void
print_loop_info64(struct fmt *f, uint64_t v, bool out)
{
	struct loop_info64 li;

	if (out ? ioctl_read_out(f, &li, v, sizeof(li))
		: read_or_addr(f, &li, v, sizeof(li)))
		print_info64_body(f, &li);
}

static void
print_loop_config(struct fmt *f, uint64_t v, int i)
{
	struct loop_config c;
	size_t k;

	(void)i;
	if (!read_or_addr(f, &c, v, sizeof(c)))
		return;
	pb_puts(f->b, "{fd=");
	print_fd(f, (int)c.fd);
	ioctl_field_u(f, "block_size", c.block_size);
	pb_puts(f->b, ", info=");
	print_info64_body(f, &c.info);
	for (k = 0; k < ARRAY_SIZE(c.__reserved); k++)
		if (c.__reserved[k])
			break;
	if (k < ARRAY_SIZE(c.__reserved))
	{
		uint64_t res[ARRAY_SIZE(c.__reserved)];

		for (k = 0; k < ARRAY_SIZE(res); k++)
			res[k] = c.__reserved[k];
		print_hex_array(f, "__reserved", res, ARRAY_SIZE(res));
	}
	pb_putc(f->b, '}');
}

static void print_info_in(struct fmt *f, uint64_t v, int i)
{ (void)i; print_loop_info(f, v, false); }
static void print_info_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_loop_info(f, v, true); }
static void print_info64_in(struct fmt *f, uint64_t v, int i)
{ (void)i; print_loop_info64(f, v, false); }
static void print_info64_out(struct fmt *f, uint64_t v, int i)
{ (void)i; print_loop_info64(f, v, true); }

bool
ioctl_loop_args(unsigned cmd, int *nargs, struct argspec *a)
{
	switch (cmd) {
	case LOOP_GET_STATUS: a[2] = IOA_FN(FN_OUT, print_info_out); break;
	case LOOP_SET_STATUS: a[2] = IOA_FN(FN, print_info_in); break;
	case LOOP_GET_STATUS64: a[2] = IOA_FN(FN_OUT, print_info64_out); break;
	case LOOP_SET_STATUS64: a[2] = IOA_FN(FN, print_info64_in); break;
	case LOOP_CONFIGURE: a[2] = IOA_FN(FN, print_loop_config); break;
	case LOOP_CLR_FD: case LOOP_SET_CAPACITY: case LOOP_CTL_GET_FREE:
		*nargs = 2;
		break;
	case LOOP_SET_FD: case LOOP_CHANGE_FD: a[2] = IOA(FD); break;
	case LOOP_CTL_ADD: case LOOP_CTL_REMOVE: a[2] = IOA(INT); break;
	case LOOP_SET_DIRECT_IO: case LOOP_SET_BLOCK_SIZE:
		a[2] = IOA(ULONG);
		break;
	default:
		return false;
	}
	return true;
}
