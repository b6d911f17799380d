/* SPDX-License-Identifier: MIT */
/*
 * cli_ioctl_dev: a deterministic tracee for the "ioctl_dev" golden
 * family: device ioctls of the families snare decodes as strace does
 * (evdev, gpio, hdio, rtc, lirc, random, watchdog, counter, the modem
 * lines), commands named by their number (EVIOCGBIT(EV_KEY, 8)), numbers
 * several drivers share ("PHN_NOT_OH or RTC_UIE_OFF") and unknown ones
 * (_IOC(...)), struct termios2 and struct termio, the console's kd
 * ioctls, the socket (SIOC*) and btrfs ones. Every call but three is on
 * fd -1: it fails with EBADF, and strace still shows the arguments read
 * at entry. A datagram socket asks for the loopback's index and the
 * interface list (their answers printed at exit); the last call asks a
 * user namespace's fd for its type (NS_GET_NSTYPE), which strace names
 * after the return value. No sleeps.
 *
 *   cli_ioctl_dev
 */
#define _GNU_SOURCE
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/counter.h>
#include <linux/gpio.h>
#include <linux/hdreg.h>
#include <linux/input.h>
#include <linux/kd.h>
#include <linux/keyboard.h>
#include <fcntl.h>
#include <linux/lirc.h>
#include <linux/random.h>
#include <linux/rtc.h>
#include <linux/sockios.h>
#include <linux/watchdog.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* The kernel's struct termios2 and struct termio (asm/termbits.h and
   asm-generic/termios.h clash with glibc's <termios.h>). */
struct k_termios2 {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[19];
	uint32_t c_ispeed, c_ospeed;
};
struct k_termio {
	uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[8];
};
#define K_TCSETS2 _IOW('T', 0x2B, struct k_termios2)
#define K_TCSETA 0x5406
#define K_NS_GET_NSTYPE _IO(0xb7, 0x3)
/* linux/fs.h clashes with glibc's headers. */
#define K_FS_IOC_SETFSLABEL _IOW(0x94, 50, char[256])

/* The console (kd), socket and btrfs families. */
static void
kd_sock_btrfs(void)
{
	static struct kbentry ke = { K_SHIFTTAB, 30, K(KT_LATIN, 'a') };
	static struct kbentry kf = { 5, 59, K_F5 };
	static struct unipair up[2] = { { 0x41, 1 }, { 0xf00b, 2 } };
	static struct unimapdesc ud = { 2, up };
	static struct console_font_op fo = { KD_FONT_OP_SET_DEFAULT };
	static char font[] = "default8x16";
	static struct ifreq ifr;
	static struct ifconf ifc;
	static struct ifreq ifs[2];
	static struct btrfs_ioctl_vol_args va = { 0, "snap" };
	static struct btrfs_ioctl_defrag_range_args dr = {
		.len = UINT64_MAX, .flags = BTRFS_DEFRAG_RANGE_COMPRESS,
		.extent_thresh = 65536, .compress_type = 2,
	};
	static struct btrfs_ioctl_search_key sk = {
		.tree_id = BTRFS_FS_TREE_OBJECTID, .min_objectid = 256,
		.max_objectid = BTRFS_CSUM_TREE_OBJECTID, .max_offset = 9,
		.max_transid = UINT64_MAX, .min_type = BTRFS_INODE_ITEM_KEY,
		.max_type = UINT32_MAX, .nr_items = 4,
	};
	static char label[256] = "snare-label";
	int mode = 0, val = 1, s;

	/* kd */
	ioctl(-1, KIOCSOUND, 440L);
	ioctl(-1, KDMKTONE, (100L << 16) | 1000);
	ioctl(-1, KDSKBLED, (long)(LED_SCR | LED_CAP | LED_SCR << 4));
	ioctl(-1, KDSKBENT, &ke);
	ioctl(-1, KDSKBENT, &kf);
	ioctl(-1, KDGETMODE, &mode);
	ioctl(-1, KDSIGACCEPT, 10L);
	ioctl(-1, PIO_UNIMAP, &ud);
	fo.data = (unsigned char *)font;
	ioctl(-1, KDFONTOP, &fo);
	ioctl(-1, KDENABIO);
	/* sockets: two on a real one, answered at exit */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s >= 0) {
		strcpy(ifr.ifr_name, "lo");
		ioctl(s, SIOCGIFINDEX, &ifr);
		ioctl(s, SIOCGIFCONF, &ifc);
		ifc.ifc_len = sizeof(ifs);
		ifc.ifc_req = ifs;
		ioctl(s, SIOCGIFCONF, &ifc);
		close(s);
	}
	strcpy(ifr.ifr_name, "snare0");
	ifr.ifr_mtu = 1500;
	ioctl(-1, SIOCSIFMTU, &ifr);
	ifr.ifr_hwaddr.sa_family = 1; /* ARPHRD_ETHER */
	memcpy(ifr.ifr_hwaddr.sa_data, "\2\0\0\0\0\1", 6);
	ioctl(-1, SIOCSIFHWADDR, &ifr);
	ioctl(-1, FIOSETOWN, &val);
	ioctl(-1, SIOCGSTAMP_OLD, NULL);
	/* btrfs */
	ioctl(-1, BTRFS_IOC_SNAP_CREATE, &va);
	ioctl(-1, BTRFS_IOC_DEFRAG_RANGE, &dr);
	ioctl(-1, BTRFS_IOC_TREE_SEARCH, &sk);
	ioctl(-1, BTRFS_IOC_SYNC);
	ioctl(-1, BTRFS_IOC_BALANCE_CTL, (long)BTRFS_BALANCE_CTL_PAUSE);
	ioctl(-1, K_FS_IOC_SETFSLABEL, label);
}

int
main(void)
{
	/* Flags with a bit strace has no name for, input speed B9600. */
	static struct k_termios2 t2 = { 0x80500, 0x205, 0xd00bf, 0x8a3b, 0,
					{ 3 }, 9600, 38400 };
	static struct k_termio t1 = { 0x4100, 0x5, 0xbd, 0x3, 0, { 3 } };
	static struct ff_effect ffe;
	static struct gpio_v2_line_request lr;
	static struct gpiohandle_request hr;
	static struct hd_drive_cmd_hdr dc;
	static struct rtc_time tm;
	static struct rtc_param rp;
	static struct counter_watch cw;
	static struct input_keymap_entry ke;
	static unsigned pair[2] = { 250, 33 };
	static int val = 12000;
	/* struct rand_pool_info: entropy_count, buf_size, then buf. */
	static uint32_t pool[4] = { 3, 8 };
	uint64_t out = 0;

	/* evdev: names built from the number, arguments at entry. */
	ioctl(-1, EVIOCGVERSION, &out);
	ioctl(-1, EVIOCGBIT(EV_KEY, 8), &out);
	ioctl(-1, EVIOCGBIT(0x1f, 42), NULL);
	ioctl(-1, EVIOCGABS(ABS_MT_POSITION_X), &out);
	ioctl(-1, EVIOCSABS(0x3e), NULL);
	ioctl(-1, EVIOCGMTSLOTS(8), NULL);
	ioctl(-1, EVIOCSREP, pair);
	pair[1] = KEY_ESC;
	ioctl(-1, EVIOCSKEYCODE, pair);
	ke.flags = 1;
	ke.len = 4;
	ke.keycode = KEY_1;
	ioctl(-1, EVIOCSKEYCODE_V2, &ke);
	ffe.type = FF_RUMBLE;
	ffe.id = -1;
	ffe.direction = 0x4000;
	ioctl(-1, EVIOCSFF, &ffe);
	ioctl(-1, EVIOCRMFF, 7L);
	ioctl(-1, EVIOCGRAB, 1L);
	ioctl(-1, EVIOCSCLOCKID, &val);
	/* Unknown numbers, and numbers two drivers share. */
	ioctl(-1, _IOC(_IOC_READ | _IOC_WRITE, 0x45, 0xfe, 0xff), 0x1234L);
	ioctl(-1, _IOC(_IOC_WRITE, 0xde, 0, 0), -1L);
	ioctl(-1, RTC_UIE_OFF);
	/* gpio */
	hr.lines = 3;
	hr.lineoffsets[0] = 1;
	hr.lineoffsets[1] = 2;
	hr.lineoffsets[2] = 5;
	hr.flags = GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW;
	hr.default_values[1] = 1;
	strcpy(hr.consumer_label, "snare");
	ioctl(-1, GPIO_GET_LINEHANDLE_IOCTL, &hr);
	lr.num_lines = 2;
	lr.offsets[1] = 4;
	strcpy(lr.consumer, "line");
	lr.config.flags = GPIO_V2_LINE_FLAG_INPUT | 0x8000000ULL;
	lr.config.num_attrs = 1;
	lr.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
	lr.config.attrs[0].attr.debounce_period_us = 10;
	lr.config.attrs[0].mask = 3;
	ioctl(-1, GPIO_V2_GET_LINE_IOCTL, &lr);
	ioctl(-1, GPIO_GET_CHIPINFO_IOCTL, &out);
	/* hdio */
	dc.command = 0xca;
	dc.sector_number = 1;
	dc.feature = 2;
	ioctl(-1, HDIO_DRIVE_CMD, &dc);
	ioctl(-1, HDIO_SET_NICE, 0x1cUL);
	ioctl(-1, HDIO_GET_BUSSTATE, &out);
	/* rtc */
	tm.tm_year = 126;
	tm.tm_mday = 6;
	ioctl(-1, RTC_SET_TIME, &tm);
	rp.param = RTC_PARAM_FEATURES;
	rp.uvalue = 1 << RTC_FEATURE_ALARM | 1 << 12;
	ioctl(-1, RTC_PARAM_SET, &rp);
	rp.param = RTC_PARAM_CORRECTION;
	rp.index = 2;
	ioctl(-1, RTC_PARAM_GET, &rp);
	ioctl(-1, RTC_EPOCH_SET, 1970UL);
	/* lirc, random, watchdog, counter, modem lines */
	ioctl(-1, LIRC_SET_REC_TIMEOUT, &val);
	val = LIRC_MODE_SCANCODE;
	ioctl(-1, LIRC_SET_SEND_MODE, &val);
	memcpy(&pool[2], "12345678", 8);
	ioctl(-1, RNDADDENTROPY, pool);
	ioctl(-1, RNDZAPENTCNT);
	ioctl(-1, WDIOC_SETTIMEOUT, &val);
	ioctl(-1, WDIOC_KEEPALIVE);
	cw.component.type = COUNTER_COMPONENT_COUNT;
	cw.component.scope = COUNTER_SCOPE_SIGNAL;
	cw.component.parent = 1;
	cw.event = COUNTER_EVENT_INDEX;
	cw.channel = 3;
	ioctl(-1, COUNTER_ADD_WATCH_IOCTL, &cw);
	val = TIOCM_DTR | TIOCM_RTS | 0x100000;
	ioctl(-1, TIOCMBIS, &val);
	/* termios2, termio */
	ioctl(-1, K_TCSETS2, &t2);
	ioctl(-1, K_TCSETS2, NULL);
	ioctl(-1, K_TCSETA, &t1);
	kd_sock_btrfs();
	/* nsfs: the type named after the return value */
	{
		int ns = open("/proc/self/ns/user", O_RDONLY);

		if (ns >= 0) {
			ioctl(ns, K_NS_GET_NSTYPE);
			close(ns);
		}
	}
	return 0;
}
