/* SPDX-License-Identifier: MIT */
/*
 * ioctl_random.c: /dev/random's ioctls (linux/random.h, type 'R') as
 * strace 6.1 prints them.
 */
#include <linux/random.h>
#include <stddef.h>

#include "ioctl.h"

XLAT_TABLE(random_ioctl_cmds, NULL, XLAT(RNDGETENTCNT), XLAT(RNDADDTOENTCNT),
	   XLAT(RNDGETPOOL), XLAT(RNDADDENTROPY), XLAT(RNDZAPENTCNT),
	   XLAT(RNDCLEARPOOL), XLAT(RNDRESEEDCRNG));

static enum ioctl_when
random_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case RNDGETENTCNT: return IOCTL_EXIT;
	case RNDADDTOENTCNT: case RNDADDENTROPY: return IOCTL_ENTRY;
	case RNDZAPENTCNT: case RNDCLEARPOOL: case RNDRESEEDCRNG:
		return IOCTL_NONE;
	}
	return IOCTL_HEX;
}

static void
random_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	struct rand_pool_info info;

	if (code != RNDADDENTROPY) {
		ioctl_print_int(f, arg, "%d");
		return;
	}
	if (!ioctl_read(f, &info, arg, sizeof(info)))
		return;
	pb_printf(f->b, "{entropy_count=%d, buf_size=%d, buf=",
		  info.entropy_count, info.buf_size);
	print_str(f, arg + offsetof(struct rand_pool_info, buf),
		  (long)(unsigned)info.buf_size, 0);
	pb_putc(f->b, '}');
}

const struct ioctl_family ioctl_random_family = {
	.type = 'R',
	.names = &random_ioctl_cmds,
	.when = random_when,
	.arg = random_arg,
};
