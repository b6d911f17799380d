/* SPDX-License-Identifier: MIT */
/*
 * ioctl_hdio.c: the old IDE disk ioctls (linux/hdreg.h, type 0x03) as
 * strace 6.1 prints them: the get commands' long at exit, the set
 * commands' value itself, HDIO_GETGEO's geometry, and HDIO_DRIVE_CMD's
 * header at entry with the registers the drive returned at exit.
 */
#include <errno.h>
#include <linux/hdreg.h>
#include <string.h>

#include "ioctl.h"

XLAT_TABLE(hdio_ioctl_cmds, NULL, XLAT(HDIO_GETGEO),
	   XLAT(HDIO_GET_UNMASKINTR), XLAT(HDIO_GET_MULTCOUNT),
	   XLAT(HDIO_GET_QDMA), XLAT(HDIO_SET_XFER),
	   XLAT(HDIO_OBSOLETE_IDENTITY), XLAT(HDIO_GET_KEEPSETTINGS),
	   XLAT(HDIO_GET_32BIT), XLAT(HDIO_GET_NOWERR), XLAT(HDIO_GET_DMA),
	   XLAT(HDIO_GET_NICE), XLAT(HDIO_GET_IDENTITY), XLAT(HDIO_GET_WCACHE),
	   XLAT(HDIO_GET_ACOUSTIC), XLAT(HDIO_GET_ADDRESS),
	   XLAT(HDIO_GET_BUSSTATE), XLAT(HDIO_TRISTATE_HWIF),
	   XLAT(HDIO_DRIVE_RESET), XLAT(HDIO_DRIVE_TASKFILE),
	   XLAT(HDIO_DRIVE_TASK), XLAT(HDIO_DRIVE_CMD),
	   XLAT(HDIO_SET_MULTCOUNT), XLAT(HDIO_SET_UNMASKINTR),
	   XLAT(HDIO_SET_KEEPSETTINGS), XLAT(HDIO_SET_32BIT),
	   XLAT(HDIO_SET_NOWERR), XLAT(HDIO_SET_DMA), XLAT(HDIO_SET_PIO_MODE),
	   XLAT(HDIO_SCAN_HWIF), XLAT(HDIO_UNREGISTER_HWIF),
	   XLAT(HDIO_SET_NICE), XLAT(HDIO_SET_WCACHE), XLAT(HDIO_SET_ACOUSTIC),
	   XLAT(HDIO_SET_BUSSTATE), XLAT(HDIO_SET_QDMA),
	   XLAT(HDIO_SET_ADDRESS));
XLAT_TABLE(hdio_busstates, "BUSSTATE_???", XLAT(BUSSTATE_OFF),
	   XLAT(BUSSTATE_ON), XLAT(BUSSTATE_TRISTATE));
XLAT_TABLE(hdio_ide_nice, "IDE_NICE_???",
	   XLAT_PAIR(1 << IDE_NICE_DSC_OVERLAP, "1 << IDE_NICE_DSC_OVERLAP"),
	   XLAT_PAIR(1 << IDE_NICE_ATAPI_OVERLAP, "1 << IDE_NICE_ATAPI_OVERLAP"),
	   XLAT_PAIR(1 << IDE_NICE_1, "1 << IDE_NICE_1"),
	   XLAT_PAIR(1 << IDE_NICE_0, "1 << IDE_NICE_0"),
	   XLAT_PAIR(1 << IDE_NICE_2, "1 << IDE_NICE_2"));
/* ATA commands (the kernel's include/linux/ata.h, not exported). */
XLAT_TABLE(hdio_drive_cmds, "ATA_CMD_???", XLAT_PAIR(0x00, "ATA_CMD_NOP"),
	   XLAT_PAIR(0x08, "ATA_CMD_DEV_RESET"),
	   XLAT_PAIR(0x20, "ATA_CMD_PIO_READ"),
	   XLAT_PAIR(0x24, "ATA_CMD_PIO_READ_EXT"),
	   XLAT_PAIR(0x25, "ATA_CMD_READ_EXT"),
	   XLAT_PAIR(0x30, "ATA_CMD_PIO_WRITE"),
	   XLAT_PAIR(0x34, "ATA_CMD_PIO_WRITE_EXT"),
	   XLAT_PAIR(0x35, "ATA_CMD_WRITE_EXT"),
	   XLAT_PAIR(0x90, "ATA_CMD_EDD"),
	   XLAT_PAIR(0x92, "ATA_CMD_DOWNLOAD_MICRO"),
	   XLAT_PAIR(0xa0, "ATA_CMD_PACKET"),
	   XLAT_PAIR(0xa1, "ATA_CMD_ID_ATAPI"),
	   XLAT_PAIR(0xa2, "ATA_CMD_SERVICE"),
	   XLAT_PAIR(0xb0, "ATA_CMD_SMART"),
	   XLAT_PAIR(0xc4, "ATA_CMD_READ_MULTI"),
	   XLAT_PAIR(0xc5, "ATA_CMD_WRITE_MULTI"),
	   XLAT_PAIR(0xc6, "ATA_CMD_SET_MULTI"),
	   XLAT_PAIR(0xc8, "ATA_CMD_READ"),
	   XLAT_PAIR(0xca, "ATA_CMD_WRITE"),
	   XLAT_PAIR(0xe0, "ATA_CMD_STANDBYNOW1"),
	   XLAT_PAIR(0xe1, "ATA_CMD_IDLEIMMEDIATE"),
	   XLAT_PAIR(0xe2, "ATA_CMD_STANDBY"),
	   XLAT_PAIR(0xe3, "ATA_CMD_IDLE"),
	   XLAT_PAIR(0xe5, "ATA_CMD_CHK_POWER"),
	   XLAT_PAIR(0xe6, "ATA_CMD_SLEEP"),
	   XLAT_PAIR(0xe7, "ATA_CMD_FLUSH"),
	   XLAT_PAIR(0xea, "ATA_CMD_FLUSH_EXT"),
	   XLAT_PAIR(0xec, "ATA_CMD_ID_ATA"),
	   XLAT_PAIR(0xef, "ATA_CMD_SET_FEATURES"));

static enum ioctl_when
hdio_when(const struct fmt *f, unsigned code)
{
	(void)f;
	switch (code) {
	case HDIO_GETGEO: case HDIO_GET_32BIT: case HDIO_GET_ACOUSTIC:
	case HDIO_GET_ADDRESS: case HDIO_GET_BUSSTATE: case HDIO_GET_DMA:
	case HDIO_GET_IDENTITY: case HDIO_GET_KEEPSETTINGS:
	case HDIO_GET_MULTCOUNT: case HDIO_GET_NICE: case HDIO_GET_NOWERR:
	case HDIO_GET_UNMASKINTR: case HDIO_GET_WCACHE:
	case HDIO_OBSOLETE_IDENTITY:
		return IOCTL_EXIT;
	case HDIO_DRIVE_CMD:
		return IOCTL_SPLIT;
	case HDIO_DRIVE_RESET: case HDIO_SCAN_HWIF: case HDIO_SET_32BIT:
	case HDIO_SET_ACOUSTIC: case HDIO_SET_ADDRESS: case HDIO_SET_BUSSTATE:
	case HDIO_SET_DMA: case HDIO_SET_KEEPSETTINGS: case HDIO_SET_MULTCOUNT:
	case HDIO_SET_NICE: case HDIO_SET_NOWERR: case HDIO_SET_PIO_MODE:
	case HDIO_SET_UNMASKINTR: case HDIO_SET_WCACHE:
	case HDIO_UNREGISTER_HWIF:
		return IOCTL_ENTRY;
	}
	return IOCTL_HEX;
}

static bool
print_xint_elem(struct fmt *f, const void *elem, void *data)
{
	unsigned v;

	(void)data;
	memcpy(&v, elem, sizeof(v));
	pb_printf(f->b, "%#x", v);
	return true;
}

static void
print_drive_cmd(struct fmt *f, uint64_t arg)
{
	struct hd_drive_cmd_hdr c;
	struct pbuf *b = f->b;

	if (!f->exiting) {
		if (!read_or_addr(f, &c, arg, sizeof(c)))
			return;
		pb_puts(b, "{command=");
		print_xval(b, &hdio_drive_cmds, c.command, false);
		pb_printf(b, ", sector_number=%u, feature=%u, sector_count=%u",
			  c.sector_number, c.feature, c.sector_count);
		return;
	}
	if (!arg)
		return;
	/* status, error, nsector and sector_count replace the header. */
	if ((!is_error(f) || f->rv == -EIO) && read_mem(f, &c, arg, sizeof(c))) {
		pb_puts(b, "} => {status=");
		ioctl_print_hex(b, c.command);
		pb_printf(b, ", error=%u, nsector=%u", c.sector_number,
			  c.feature);
		if (c.sector_count) {
			pb_puts(b, ", buf=");
			print_str(f, arg + 4, (long)c.sector_count * 512,
				  QUOTE_FORCE_HEX);
		}
	} else if (!read_mem(f, &c, arg, sizeof(c))) {
		return;
	}
	pb_putc(b, '}');
}

static void
print_ulong_out(struct fmt *f, uint64_t arg, const struct xlat *x, bool flags)
{
	uint64_t v;

	if (!ioctl_read(f, &v, arg, sizeof(v)))
		return;
	pb_putc(f->b, '[');
	if (!x)
		pb_printf(f->b, "%llu", (unsigned long long)v);
	else if (flags)
		print_flags(f->b, x, v);
	else
		print_xval(f->b, x, v, false);
	pb_putc(f->b, ']');
}

static void
hdio_arg(struct fmt *f, unsigned code, uint64_t arg)
{
	struct hd_geometry g;

	switch (code) {
	case HDIO_GETGEO:
		if (ioctl_read(f, &g, arg, sizeof(g)))
			pb_printf(f->b, "{heads=%u, sectors=%u, cylinders=%u"
				  ", start=%lu}", g.heads, g.sectors,
				  g.cylinders, g.start);
		return;
	case HDIO_DRIVE_CMD:
		print_drive_cmd(f, arg);
		return;
	case HDIO_DRIVE_RESET: case HDIO_SCAN_HWIF:
		print_array(f, arg, 3, sizeof(int), print_xint_elem, NULL);
		return;
	case HDIO_GET_IDENTITY: case HDIO_OBSOLETE_IDENTITY:
		if (is_error(f))
			print_ptr(f, arg);
		else
			print_str(f, arg,
				  code == HDIO_GET_IDENTITY ? 512 : 142, 0);
		return;
	case HDIO_GET_BUSSTATE:
		print_ulong_out(f, arg, &hdio_busstates, false);
		return;
	case HDIO_GET_NICE:
		print_ulong_out(f, arg, &hdio_ide_nice, true);
		return;
	case HDIO_SET_BUSSTATE:
		print_xval(f->b, &hdio_busstates, arg, false);
		return;
	case HDIO_SET_NICE:
		print_flags(f->b, &hdio_ide_nice, arg);
		return;
	}
	if (f->exiting)
		print_ulong_out(f, arg, NULL, false);
	else
		pb_printf(f->b, "%llu", (unsigned long long)arg);
}

const struct ioctl_family ioctl_hdio_family = {
	.type = 0x03,
	.names = &hdio_ioctl_cmds,
	.when = hdio_when,
	.arg = hdio_arg,
};
