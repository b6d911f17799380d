/* SPDX-License-Identifier: MIT */
/*
 * ioctl_watchdog.c: the watchdog device's ioctls (linux/watchdog.h, type
 * 'W') as strace 6.1 prints them: the int of the get commands at exit,
 * of the set commands at entry, and none for WDIOC_KEEPALIVE.
 */
#include <linux/watchdog.h>

#include "ioctl.h"

XLAT_TABLE(watchdog_ioctl_cmds, NULL, XLAT(WDIOC_GETSUPPORT),
	   XLAT(WDIOC_GETSTATUS), XLAT(WDIOC_GETBOOTSTATUS),
	   XLAT(WDIOC_GETTEMP), XLAT(WDIOC_SETOPTIONS), XLAT(WDIOC_KEEPALIVE),
	   XLAT(WDIOC_SETTIMEOUT), XLAT(WDIOC_GETTIMEOUT),
	   XLAT(WDIOC_SETPRETIMEOUT), XLAT(WDIOC_GETPRETIMEOUT),
	   XLAT(WDIOC_GETTIMELEFT));

static enum ioctl_when
watchdog_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case WDIOC_GETSTATUS: case WDIOC_GETBOOTSTATUS: case WDIOC_GETTEMP:
	case WDIOC_GETTIMEOUT: case WDIOC_GETPRETIMEOUT:
	case WDIOC_GETTIMELEFT:
		return IOCTL_EXIT;
	case WDIOC_SETTIMEOUT: case WDIOC_SETPRETIMEOUT:
		return IOCTL_ENTRY;
	case WDIOC_KEEPALIVE:
		return IOCTL_NONE;
	}
	return IOCTL_HEX;
}

static void
watchdog_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	(void)code;
	ioctl_print_int(f, arg, "%d");
}

const struct ioctl_family ioctl_watchdog_family = {
	.type = 'W',
	.names = &watchdog_ioctl_cmds,
	.when = watchdog_when,
	.arg = watchdog_arg,
};
