/* SPDX-License-Identifier: MIT */
/*
 * ioctl_lirc.c: the infrared remote control device's ioctls
 * (linux/lirc.h, type 'i') as strace 6.1 prints them: one unsigned int,
 * read at exit for the get commands, at entry for the set commands.
 */
#include <linux/lirc.h>

#include "ioctl.h"

XLAT_TABLE(lirc_ioctl_cmds, NULL, XLAT(LIRC_GET_FEATURES),
	   XLAT(LIRC_GET_SEND_MODE), XLAT(LIRC_GET_REC_MODE),
	   XLAT(LIRC_GET_REC_RESOLUTION), XLAT(LIRC_GET_MIN_TIMEOUT),
	   XLAT(LIRC_GET_MAX_TIMEOUT), XLAT(LIRC_GET_LENGTH),
	   XLAT(LIRC_SET_SEND_MODE), XLAT(LIRC_SET_REC_MODE),
	   XLAT(LIRC_SET_SEND_CARRIER), XLAT(LIRC_SET_REC_CARRIER),
	   XLAT(LIRC_SET_SEND_DUTY_CYCLE), XLAT(LIRC_SET_TRANSMITTER_MASK),
	   XLAT(LIRC_SET_REC_TIMEOUT), XLAT(LIRC_SET_REC_TIMEOUT_REPORTS),
	   XLAT(LIRC_SET_MEASURE_CARRIER_MODE),
	   XLAT(LIRC_SET_REC_CARRIER_RANGE), XLAT(LIRC_SET_WIDEBAND_RECEIVER),
	   XLAT(LIRC_GET_REC_TIMEOUT));
XLAT_TABLE(lirc_features, "LIRC_CAN_???", XLAT(LIRC_CAN_SEND_PULSE),
	   XLAT(LIRC_CAN_SEND_LIRCCODE), XLAT(LIRC_CAN_SET_SEND_CARRIER),
	   XLAT(LIRC_CAN_SET_SEND_DUTY_CYCLE),
	   XLAT(LIRC_CAN_SET_TRANSMITTER_MASK), XLAT(LIRC_CAN_REC_MODE2),
	   XLAT(LIRC_CAN_REC_SCANCODE), XLAT(LIRC_CAN_REC_LIRCCODE),
	   XLAT(LIRC_CAN_SET_REC_CARRIER), XLAT(LIRC_CAN_MEASURE_CARRIER),
	   XLAT(LIRC_CAN_USE_WIDEBAND_RECEIVER), XLAT(LIRC_CAN_SET_REC_TIMEOUT),
	   XLAT(LIRC_CAN_GET_REC_RESOLUTION),
	   XLAT(LIRC_CAN_SET_REC_CARRIER_RANGE));
XLAT_TABLE(lirc_modes, "LIRC_MODE_???", XLAT(LIRC_MODE_RAW),
	   XLAT(LIRC_MODE_PULSE), XLAT(LIRC_MODE_MODE2),
	   XLAT(LIRC_MODE_SCANCODE), XLAT(LIRC_MODE_LIRCCODE));

static enum ioctl_when
lirc_when(const struct fmt *f, unsigned code)
{
	(void)f;
	if (!xlat_name(&lirc_ioctl_cmds, code))
		return IOCTL_HEX;
	return _IOC_DIR(code) == _IOC_READ ? IOCTL_EXIT : IOCTL_ENTRY;
}

static void
lirc_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	unsigned v;

	if (!ioctl_read(f, &v, arg, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	switch (code) {
	case LIRC_GET_FEATURES:
		print_flags(f->b, &lirc_features, v);
		break;
	case LIRC_GET_SEND_MODE: case LIRC_GET_REC_MODE:
	case LIRC_SET_SEND_MODE: case LIRC_SET_REC_MODE:
		print_xval(f->b, &lirc_modes, v, false);
		break;
	case LIRC_SET_TRANSMITTER_MASK:
		pb_printf(f->b, "%#x", v);
		break;
	default:
		pb_printf(f->b, "%u", v);
	}
	pb_putc(f->b, ']');
}

const struct ioctl_family ioctl_lirc_family = {
	.type = 'i',
	.names = &lirc_ioctl_cmds,
	.when = lirc_when,
	.arg = lirc_arg,
};
